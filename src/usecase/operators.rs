//! Who may do what on a site (Art. 14: each person under their own identity): the operators, and
//! one added, given another role or disabled.

use crate::store::{OperatorChange, OperatorRow, Result, Site, Store};

/// The site's operators and the supervisors of every site, by name.
pub async fn list(store: &dyn Store, site: &Site) -> Result<Vec<OperatorRow>> {
    store.operators(site).await
}

/// The operator of this name as the database holds them, if there is one.
pub async fn one(store: &dyn Store, site: &Site, name: &str) -> Result<Option<OperatorRow>> {
    Ok(list(store, site).await?.into_iter().find(|o| o.name == name))
}

/// Adds an operator, changes one's role or disables one, audited (administrators only); whether
/// anything changed.
pub async fn set(store: &dyn Store, site: &Site, name: &str, change: OperatorChange) -> Result<bool> {
    store.set_operator(site, name, change).await
}

/// The supervisor of every site of this name as the database holds them, if there is one.
pub async fn supervisor(store: &dyn Store, name: &str) -> Result<Option<OperatorRow>> {
    Ok(store.supervisors().await?.into_iter().find(|o| o.name == name))
}

/// Makes a name a supervisor of every site, or disables one, audited once for every site (an
/// administrator of any site); whether anything changed.
pub async fn set_supervisor(store: &dyn Store, name: &str, change: OperatorChange) -> Result<bool> {
    store.set_supervisor(name, change).await
}
