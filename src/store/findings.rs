//! The content checks' findings, stored (`item_findings`, `finding_lists`): found when an item is
//! written, in the write's transaction, with the lists in use; read by the Findings tab and
//! `check --all`; found again for every item, in one transaction with its audit record, when the
//! lists in use are not those the site's items were checked with.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::error::Result;
use super::rows::Site;
use crate::domain::checks::{Finding, FindingKind, Lists};

/// An online item with findings, as the Findings tab and `check --all` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingItem {
    pub id: i64,
    pub title: String,
    /// The item's unit (none for a repost).
    pub unit: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// The version of the lists that found its findings.
    pub lists: String,
}

/// An online item's stored findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFindings {
    pub item: FindingItem,
    pub findings: Vec<Finding>,
}

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
    /// first, each item's findings in the order they were found; items without findings (of
    /// `kind`, when given) left out.
    async fn stored_findings(
        &self,
        site: &Site,
        since: Option<DateTime<Utc>>,
        kind: Option<FindingKind>,
    ) -> Result<Vec<ItemFindings>>;

    /// Checks every item of the site again with the lists in use, on every core, and stores what
    /// is found, in one transaction with its audit record (`findings.check`); an administrator's.
    /// `progress(done, total)` after each page of items. Returns how many items were checked.
    async fn recheck(&self, site: &Site, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64>;
}
