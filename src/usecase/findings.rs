//! The content checks (wrong leaders' names, personal numbers, secret markings…) and the
//! national check's indicators, as the Findings and Inspect tabs and `check`/`inspect` read them.

use chrono::NaiveDate;

use crate::domain::checks::FindingKind;
use crate::domain::inspection::Indicator;
use crate::reports::checks::{self, OnlineFindings, Stored, WaivedFinding};
use crate::reports::inspection;
use crate::store::{Result, Site, Store, StoreError};

/// The built-in lists, or why they cannot be read.
fn lists() -> Result<crate::domain::checks::Lists> {
    checks::lists(None, None).map_err(StoreError::Refused)
}

/// The findings on one item, each with the waiver that covers it, if one does.
pub async fn of_item(store: &dyn Store, site: &Site, id: i64) -> Result<Vec<WaivedFinding>> {
    checks::item_findings(store, site, &lists()?, id).await
}

/// The online items' findings as stored when each was written (nothing checked again), and
/// whether the lists in use found them (`check --all` finds them again when not).
/// Of one kind only when `kind` is given (read so from the database).
pub async fn online(store: &dyn Store, site: &Site, kind: Option<FindingKind>) -> Result<(OnlineFindings, Stored)> {
    checks::stored_findings(store, site, None, kind).await
}

/// Waives a finding on an item, with the reason, audited.
pub async fn waive(store: &dyn Store, site: &Site, item: i64, kind: &str, text: &str, reason: &str) -> Result<i64> {
    store.waive_finding(site, item, kind, text, reason).await
}

/// The national check's rules in effect (the user's inspection.toml or the built-in ones), checked
/// against the site's column table.
pub async fn rules(store: &dyn Store, site: &Site) -> Result<crate::domain::inspection::Rules> {
    inspection::load_rules(store, site, None).await
}

/// The national check's indicators as of a day, with the rules in effect (the user's
/// inspection.toml or the built-in ones); rules that do not fit the site's column table are
/// refused, with why.
pub async fn inspection(store: &dyn Store, site: &Site, at: NaiveDate) -> Result<Vec<Indicator>> {
    let rules = inspection::load_rules(store, site, None).await?;
    inspection::inspect(store, site, &rules, at).await
}
