//! The content checks' findings, stored (`item_findings`, `finding_lists`): found when an item is
//! written, in the write's transaction, with the lists in use; read by the Findings tab and
//! `check --all`; found again for every item, in one transaction with its audit record, when the
//! lists in use are not those the site's items were checked with.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::error::Result;
use super::rows::{ListFilter, Seek, Site, Total};
use crate::domain::checks::{Finding, FindingKind, Lists};

/// An online item with findings, as the Findings tab and `check --all` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingItem {
    pub id: i64,
    pub title: String,
    /// The item's unit (none for a repost).
    pub unit: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// The version of the lists that found its findings (a row that the site's last `check --all`
    /// found unchanged: that check's).
    pub lists: String,
}

/// An online item's stored findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFindings {
    pub item: FindingItem,
    pub findings: Vec<Finding>,
}

/// The orders the Findings tab lists in (`s` goes to the next).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FindingOrder {
    /// Newest item first, each item's findings in the order they were found.
    #[default]
    Newest,
    /// By kind (in `FindingKind::ALL`'s order), then newest first.
    Kind,
    /// By the item's unit (by name; reposts, of no unit, last), then newest first.
    Unit,
}

/// What a list of the stored findings on online items keeps, and in what order (the Findings tab).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingList {
    /// Findings of this kind only.
    pub kind: Option<FindingKind>,
    pub order: FindingOrder,
    /// A list's filter (`/`): the findings whose item it keeps (`ListFilter`), or whose text,
    /// suggestion, message or kind's code holds its text, or whose kind is one of `kinds`.
    pub filter: Option<FindingFilter>,
    /// The moment the findings are listed at: a publication time in the future found when an item
    /// was written no longer holds once passed (`domain::checks::holds_at`).
    pub now: DateTime<Utc>,
}

/// A list's filter on findings: the filter of every list, and the kinds whose names it holds (in
/// the words of the interface that asks, which the store does not know).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingFilter {
    pub list: ListFilter,
    pub kinds: Vec<FindingKind>,
}

/// Where a page of findings ends: the next page starts after it. `kind` and `unit` place it in
/// the orders by kind and by unit; `n` is its place among its item's stored findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingKey {
    pub kind: FindingKind,
    pub unit: Option<String>,
    pub at: DateTime<Utc>,
    pub item: i64,
    pub n: i64,
}

/// One stored finding on an online item, as a list of them shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFinding {
    pub item: i64,
    pub title: String,
    /// The item's unit (none for a repost).
    pub unit: Option<String>,
    pub published_at: DateTime<Utc>,
    /// Its place among the item's stored findings (from 0).
    pub n: i64,
    pub finding: Finding,
    /// The first waiver that covers it (same kind and text): who waived it, and why.
    pub waiver: Option<(String, String)>,
}

impl ListedFinding {
    pub fn key(&self) -> FindingKey {
        FindingKey {
            kind: self.finding.kind,
            unit: self.unit.clone(),
            at: self.published_at,
            item: self.item,
            n: self.n,
        }
    }
}

/// How many findings a list has (`Total`), and how many of them block (no waiver covers them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingCount {
    pub total: Total,
    pub blocking: i64,
}

/// Items read and checked at a time by `FindingStore::recheck`.
pub const RECHECK_PAGE: usize = 5_000;

#[async_trait]
pub trait FindingStore: Send + Sync {
    /// The lists every item is checked with when it is written (the shipped ones until this is
    /// called: the interfaces give the lists in effect, the user's own where they have them).
    fn use_lists(&self, lists: Arc<Lists>);

    /// The lists items are checked with.
    fn lists_in_use(&self) -> Arc<Lists>;

    /// The version of the lists every item of the site was last checked with (`None`: never, as
    /// on a database upgraded from before stored findings).
    async fn findings_version(&self, site: &Site) -> Result<Option<String>>;

    /// The stored findings of the site's online items (published at or after `since`), newest
    /// first, each item's findings in the order they were found; items without findings left out.
    /// All of them at once: `check --all`. The Findings tab reads them a page at a time
    /// (`finding_page`).
    async fn stored_findings(&self, site: &Site, since: Option<DateTime<Utc>>) -> Result<Vec<ItemFindings>>;

    /// A page of the stored findings on the site's online items that `list` keeps, in its order,
    /// from `seek` (keyset paging from either end: a page read backwards comes back in the list's
    /// order), at most `limit`; each with the first waiver that covers it.
    async fn finding_page(
        &self,
        site: &Site,
        list: &FindingList,
        seek: Seek<FindingKey>,
        limit: i64,
    ) -> Result<Vec<ListedFinding>>;

    /// How many findings `finding_page` lists (`Total`: exact when they are on at most 2,000
    /// items, else an estimate or a bound: each finding's item is looked up), and how many of them
    /// block with no waiver (exact).
    async fn finding_total(&self, site: &Site, list: &FindingList) -> Result<FindingCount>;

    /// Checks every item of the site again with the lists in use, on every core, and stores what
    /// is found, in one transaction with its audit record (`findings.check`); an administrator's.
    /// `progress(done, total)` after each page of items. Returns how many items were checked.
    async fn recheck(&self, site: &Site, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64> {
        self.recheck_by(site, RECHECK_PAGE, progress).await
    }

    /// `recheck`, reading and checking `page` items at a time (each page checked while the
    /// database reads the next); only the rows whose findings changed are written, the others
    /// take the site's new lists version from `finding_lists` (`FindingItem::lists`).
    async fn recheck_by(&self, site: &Site, page: usize, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64>;
}
