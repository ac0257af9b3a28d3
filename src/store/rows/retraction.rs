//! Withdrawals, marks and the requests that ask for them (Art. 13).

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::item::RequestStatus;
use crate::domain::{MarkKind, Resolution, RetractionReason};

/// A unit's request to withdraw an item (Art. 13).
#[derive(Debug, Clone, PartialEq)]
pub struct RetractionRequest {
    pub id: i64,
    pub item: i64,
    pub title: String,
    /// The requesting unit.
    pub unit: Option<String>,
    pub reason: RetractionReason,
    pub note: String,
    pub status: RequestStatus,
    pub requested_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by: Option<String>,
    /// How it was handled (withdrawn, marked instead, declined).
    pub resolution: Option<Resolution>,
    /// The item's columns.
    pub columns: Vec<String>,
    /// Its item is withdrawn and its public page still answered without the withdrawal notice
    /// when the link checks last looked (`reports::links::flag_requests` sets it; the store lists
    /// it false).
    pub still_public: bool,
}

impl RetractionRequest {
    /// From the request to its handling, in minutes, once handled.
    pub fn minutes_to_handle(&self) -> Option<i64> {
        self.handled_at.map(|h| (h - self.requested_at).num_minutes().max(0))
    }
}

/// What a withdrawal did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withdrawal {
    /// The items it took offline.
    pub withdrawn: Vec<i64>,
    /// The items that were withdrawn already (by somebody else, or before).
    pub already: Vec<i64>,
    /// The pending requests it closed.
    pub requests_closed: u64,
    /// Its records' batch (the first record's id; `restore --batch` takes it), when it withdrew
    /// anything.
    pub batch: Option<i64>,
}

/// What a restore did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restoration {
    /// The items it put back online.
    pub restored: Vec<i64>,
    /// The items whose withdrawal was closed already (restored before, by somebody else or in an
    /// earlier run).
    pub already: Vec<i64>,
}

/// A mark to put on items instead of withdrawing them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMark {
    pub kind: MarkKind,
    /// When the amendment, repeal or expiry took effect.
    pub effective_on: NaiveDate,
    /// The document that replaces it (its number or title), if any.
    pub replaced_by: String,
    pub note: String,
}

/// What marking did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marking {
    pub marked: Vec<i64>,
    /// The items that carried this mark already.
    pub already: Vec<i64>,
    pub requests_closed: u64,
}

/// One withdrawal, as the list of withdrawals shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct WithdrawalRow {
    pub id: i64,
    pub item: i64,
    pub title: String,
    pub reason: RetractionReason,
    pub note: String,
    pub withdrawn_at: DateTime<Utc>,
    pub withdrawn_by: String,
    /// The bulk withdrawal it was part of: the id of that withdrawal's first record (its own id
    /// when it was withdrawn alone). `restore --batch` takes it.
    pub batch: i64,
    /// When and by whom it was put back online.
    pub restored: Option<(DateTime<Utc>, String)>,
    /// The earliest request it closed: when that was made.
    pub requested_at: Option<DateTime<Utc>>,
    /// Its public page still answered without the withdrawal notice when the link checks last
    /// looked (`reports::links::flag_withdrawals` sets it; the store lists it false).
    pub still_public: bool,
}

impl WithdrawalRow {
    /// From the request to the withdrawal, in minutes, for a withdrawal a request asked for.
    pub fn minutes_from_request(&self) -> Option<i64> {
        self.requested_at.map(|r| (self.withdrawn_at - r).num_minutes().max(0))
    }
}
