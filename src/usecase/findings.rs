//! The content checks (wrong leaders' names, personal numbers, secret markings…) and the
//! national check's indicators, as the Findings and Inspect tabs and `check`/`inspect` read them.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::checks::{FindingKind, Lists};
use crate::domain::inspection::{Indicator, Rules};
use crate::reports::checks::{self, OnlineFindings, Stored, WaivedFinding};
/// Every online item (published since a day, if given) checked with other lists than those in
/// use, nothing stored (`check_afresh`); their stored findings, every item checked again first
/// when the lists in use are not those they were found with (`online_findings`).
pub use crate::reports::checks::{check_afresh, online_findings};
use crate::reports::inspection;
/// The national check: its rules as written (`rules_source`: the file given, else the user's
/// inspection.toml, else the built-in ones), read against the site's column table (`rules`), and
/// its indicators with them as of a day (`inspect`).
pub use crate::reports::inspection::{inspect, rules as rules_of, rules_source};
use crate::store::{InquiryRow, NewInquiry, Result, Site, Store, StoreError};

/// The lists in effect (the user's own `names.tsv` and `words.tsv` where they have them, else the
/// shipped ones), or why they cannot be read.
fn lists() -> Result<Lists> {
    checks::lists(None, None).map_err(StoreError::Refused)
}

/// Gives the store the lists in effect, which every item written is checked with. Lists that do
/// not read leave the shipped ones in use: `check` says what is wrong with them.
pub fn use_lists_in_effect(store: &dyn Store) {
    if let Ok(lists) = checks::lists(None, None) {
        store.use_lists(Arc::new(lists));
    }
}

/// Whether `lists` are those the store checks items with, whose findings it stores.
pub fn in_use(store: &dyn Store, lists: &Lists) -> bool {
    lists.version() == store.lists_in_use().version()
}

/// The findings on one item with the lists in effect, each with the waiver that covers it, if one
/// does.
pub async fn of_item(store: &dyn Store, site: &Site, id: i64) -> Result<Vec<WaivedFinding>> {
    of_item_with(store, site, &lists()?, id).await
}

/// The findings on one item with `lists`, each with the waiver that covers it, if one does.
pub async fn of_item_with(store: &dyn Store, site: &Site, lists: &Lists, id: i64) -> Result<Vec<WaivedFinding>> {
    checks::item_findings(store, site, lists, id).await
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
pub async fn rules(store: &dyn Store, site: &Site) -> Result<Rules> {
    inspection::load_rules(store, site, None).await
}

/// The national check's indicators as of a day, with the rules in effect (the user's
/// inspection.toml or the built-in ones); rules that do not fit the site's column table are
/// refused, with why.
pub async fn inspection(store: &dyn Store, site: &Site, at: NaiveDate) -> Result<Vec<Indicator>> {
    inspect(store, site, &rules(store, site).await?, at).await
}

/// Records a public inquiry (政民互动), valid or not, audited: its id.
pub async fn add_inquiry(store: &dyn Store, site: &Site, inquiry: &NewInquiry) -> Result<i64> {
    store.add_inquiry(site, inquiry).await
}

/// Records an inquiry's answer, audited; refused if it has one.
pub async fn answer_inquiry(store: &dyn Store, site: &Site, id: i64, answer: &str, at: DateTime<Utc>) -> Result<()> {
    store.answer_inquiry(site, id, answer, at).await
}

/// The inquiries, newest first; with `open`, only the valid ones still unanswered.
pub async fn inquiries(store: &dyn Store, site: &Site, open: bool) -> Result<Vec<InquiryRow>> {
    let all = store.inquiries(site).await?;
    Ok(all.into_iter().filter(|q| !open || (q.valid && q.answered_at.is_none())).collect())
}
