//! The link checks' part of the store: what the checker reads of items, and its results kept in
//! `link_checks` (replaced by each check, in one transaction with its audit record).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Result, Site};
use crate::domain::ItemStatus;
use crate::domain::links::{Place, Verdict};

/// Which items a check reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkScope {
    /// Online items: these (all of them when `None`), published at or after `since` when given.
    Online { items: Option<Vec<i64>>, since: Option<DateTime<Utc>> },
    /// Withdrawn items with a public page: these (all when `None`), withdrawn at or after `since`.
    Withdrawn { items: Option<Vec<i64>>, since: Option<DateTime<Utc>> },
}

/// What the checker reads of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkItem {
    pub id: i64,
    /// Its public page, if its source system gave one.
    pub url: Option<String>,
    pub body: String,
    /// Its attachments' names (some are links).
    pub attachments: Vec<String>,
    pub status: ItemStatus,
}

/// One link's result, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLink {
    pub item: i64,
    pub place: Place,
    pub url: String,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub verdict: Verdict,
}

/// A current result, with what the reports need of its item.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRow {
    pub item: i64,
    pub title: String,
    /// The item's unit (none for a repost).
    pub unit: Option<String>,
    pub item_status: ItemStatus,
    pub place: Place,
    pub url: String,
    pub status: Option<i64>,
    pub error: Option<String>,
    pub verdict: Verdict,
    pub checked_at: DateTime<Utc>,
    /// The columns the item is online in (for the home page's links).
    pub columns: Vec<String>,
}

/// One probe of the site's home page, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProbe {
    pub url: String,
    pub status: Option<u16>,
    pub error: Option<String>,
    /// How long it took (to the answer, or to giving up).
    pub millis: u64,
    /// It opened within the timeout with a usable answer.
    pub reachable: bool,
}

/// A recorded probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeRow {
    pub url: String,
    pub probed_at: DateTime<Utc>,
    pub status: Option<i64>,
    pub error: Option<String>,
    pub millis: i64,
    pub reachable: bool,
}

/// The link checks' operations (a part of `Store`).
#[async_trait]
pub trait LinkStore: Send + Sync {
    /// The items a check reads, in id order.
    async fn link_items(&self, site: &Site, scope: &LinkScope) -> Result<Vec<LinkItem>>;

    /// Records a check's results (each item's links with one time), replacing earlier results of
    /// the same links, in one transaction with one audit record (how many items and links, how
    /// many broken and still public). Only an active administrator. Returns the rows written.
    async fn record_link_checks(&self, site: &Site, checked: &[CheckedLink]) -> Result<usize>;

    /// Every item's current results (those of its latest check), by item, place and link.
    async fn link_results(&self, site: &Site) -> Result<Vec<LinkRow>>;

    /// Records one probe of the home page, in one transaction with its audit record. Only an
    /// active administrator. Returns the time it was recorded at.
    async fn record_probe(&self, site: &Site, probe: &NewProbe) -> Result<DateTime<Utc>>;

    /// The probes made at or after `since` and before `until`, oldest first.
    async fn probes(&self, site: &Site, since: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<ProbeRow>>;
}
