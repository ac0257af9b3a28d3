//! The content checks (wrong leaders' names, personal numbers, secret markings…) and the
//! national check's indicators, as the Findings and Inspect tabs and `check`/`inspect` read them.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::checks::{FindingKind, Lists};
use crate::domain::inspection::{Indicator, Rules};
use crate::reports::checks::{self, Stored, WaivedFinding};
/// Every online item (published since a day, if given) checked with other lists than those in
/// use, nothing stored (`check_afresh`); their stored findings, every item checked again first
/// when the lists in use are not those they were found with (`online_findings`).
pub use crate::reports::checks::{check_afresh, online_findings};
use crate::reports::inspection;
/// The national check: its rules as written (`rules_source`: the file given, else the user's
/// inspection.toml, else the built-in ones), read against the site's column table (`rules`), and
/// its indicators with them as of a day (`inspect`).
pub use crate::reports::inspection::{inspect, rules as rules_of, rules_source};
use crate::store::{
    FindingCount, FindingFilter, FindingKey, FindingList, FindingOrder, InquiryRow, ListedFinding, NewInquiry, Result,
    Seek, Site, Store, StoreError,
};

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

/// What the Findings tab lists of the online items' findings as stored when each was written
/// (nothing checked again): of one kind or every kind, in an order, with a list's filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    pub kind: Option<FindingKind>,
    pub order: FindingOrder,
    /// The list's filter as typed (two characters or more: titles and bodies, units by name or
    /// pinyin initials, titles by initials, as every list's; and the findings' own text), with the
    /// kinds whose names hold it in the interface's words.
    pub filter: Option<(String, Vec<FindingKind>)>,
}

/// A page of the findings `listing` keeps, in its order, from `seek` (either end of the list),
/// each with the first waiver that covers it; and whether the lists in use found them
/// (`check --all` finds them again when not).
pub async fn page(
    store: &dyn Store,
    site: &Site,
    listing: &Listing,
    seek: Seek<FindingKey>,
    limit: i64,
) -> Result<(Vec<ListedFinding>, Stored)> {
    let list = list(store, site, listing).await?;
    let rows = store.finding_page(site, &list, seek, limit).await?;
    Ok((rows, checks::stored(store, site).await?))
}

/// How many findings `page` lists, and how many of them block with no waiver: the heading's
/// "n of N" and its count of blocking findings.
pub async fn total(store: &dyn Store, site: &Site, listing: &Listing) -> Result<FindingCount> {
    let list = list(store, site, listing).await?;
    store.finding_total(site, &list).await
}

/// What the store is asked for `listing`, as of now.
async fn list(store: &dyn Store, site: &Site, listing: &Listing) -> Result<FindingList> {
    let filter = match &listing.filter {
        Some((typed, kinds)) => {
            Some(FindingFilter { list: super::search::list_filter(store, site, typed).await?, kinds: kinds.clone() })
        }
        None => None,
    };
    Ok(FindingList { kind: listing.kind, order: listing.order, filter, now: Utc::now() })
}

/// A waiver as a finding shows it (`who: why`), the same on the review screen and the Findings tab.
pub fn waiver_said(by: &str, why: &str) -> String {
    checks::waiver_said(by, why)
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
