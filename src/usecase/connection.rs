//! The connection itself: whether the database answers, who this is on the site, and the
//! change mark a view watches to reload what a colleague changed.

use std::future::Future;

use crate::domain::Role;
use crate::store::{ReplicaState, Result, Site, Store};

/// Who is acting on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Whoami {
    /// The PostgreSQL login, or the operating-system user on SQLite.
    pub name: String,
    /// The site's code.
    pub site: String,
    /// The operator's role and whether they are active; `None`: not an operator of the site.
    pub role: Option<(Role, bool)>,
    /// How many sites it works in (every site for a supervisor): from two, the console shows the
    /// overview of the sites.
    pub sites: i64,
}

/// Who this connection acts as on the site.
pub async fn whoami(store: &dyn Store, site: &Site) -> Result<Whoami> {
    let (role, sites) = tokio::try_join!(store.whoami(site), store.sites_held())?;
    Ok(Whoami { name: store.operator().to_string(), site: site.code.clone(), role, sites })
}

/// The login this connection acts as (the operating-system user on SQLite).
pub fn operator(store: &dyn Store) -> String {
    store.operator().to_string()
}

/// The database, described for a person (its kind and where it is; never a password).
pub fn describe(store: &dyn Store) -> String {
    store.describe()
}

/// A number that grows with every change anybody makes (the newest audit record's id).
pub async fn change_mark(store: &dyn Store) -> Result<i64> {
    store.change_mark().await
}

/// What this connection's own changes wrote to the audit trail.
pub use crate::store::written::Written;

/// Runs `change` (a use case that writes), and says what each transaction it committed wrote to
/// the audit trail: the change mark it found before its own records and its last record's id, so
/// that a watcher of the change mark can tell whether anybody else wrote in between.
pub async fn tracked<F: Future>(change: F) -> (F::Output, Vec<Written>) {
    crate::store::written::tracked(change).await
}

/// Notifications of changes as they are committed, where the database sends them (PostgreSQL);
/// `None` on SQLite, where the change mark is watched instead.
pub async fn watch(store: &dyn Store) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>> {
    store.watch().await
}

/// Whether the database read from is a PostgreSQL hot standby, and how far behind its primary
/// (`None`: not a standby).
pub async fn replica(store: &dyn Store) -> Result<Option<ReplicaState>> {
    store.replica().await
}
