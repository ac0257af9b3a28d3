//! An item on its way into the database, with what comes with it: placements, review decisions,
//! attachments, a withdrawal, a retraction request. Built by `import` and `demo`, written by the
//! store in one transaction.

use chrono::{DateTime, NaiveDate, Utc};

use super::enums::{Channel, Form, IncidentKind, ItemPath, ItemStatus, RetractionReason, Stage};
use crate::t;

/// The seven checks of Art. 9 as a bit set: check N is bit N-1.
pub const ALL_CHECKS: i64 = 0b111_1111;

/// An item's own fields, the same whether it is written in (`NewItem`: `import`, `demo`) or read
/// out (`store::ExportedItem`: `export`, an item shown whole): its text, form, path and unit, where
/// it stands in the workflow, its dates and its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFields {
    /// The source system's own id (`ref`).
    pub reference: Option<String>,
    /// Its public link on the portal, if its source system gave one.
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    pub form: Form,
    pub path: ItemPath,
    /// The source unit's name; `None` for a repost with no unit.
    pub unit: Option<String>,
    pub channel: Channel,
    pub stage: Stage,
    pub status: ItemStatus,
    pub submitted_at: DateTime<Utc>,
    /// When a WeChat item was first published on its unit's account.
    pub wechat_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// Column paths with the form the item takes in each.
    pub placements: Vec<(String, Form)>,
}

/// An item on its way in, with what comes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub fields: ItemFields,
    pub reviews: Vec<NewReview>,
    pub attachments: Vec<NewAttachment>,
    pub withdrawal: Option<NewWithdrawal>,
    pub retraction: Option<NewRetractionRequest>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReview {
    pub step: Stage,
    /// The operator's name.
    pub operator: String,
    pub approve: bool,
    pub checks_affirmed: i64,
    pub checks_failed: i64,
    pub comment: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentKind {
    /// 部门领导签字盖章扫描件.
    SignedScan,
    /// 信息电子版.
    ElectronicText,
    /// 信息发布具体栏目.
    TargetColumns,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 3] =
        [AttachmentKind::SignedScan, AttachmentKind::ElectronicText, AttachmentKind::TargetColumns];

    /// In words, for messages, in the language in effect (Art. 10's names).
    pub fn describe(self) -> String {
        match self {
            AttachmentKind::SignedScan => t!("lacks-signed-scan-long"),
            AttachmentKind::ElectronicText => t!("lacks-electronic-text-long"),
            AttachmentKind::TargetColumns => t!("lacks-target-columns-long"),
        }
    }

    /// The kind named as `as_str` writes it.
    pub fn parse(s: &str) -> Option<AttachmentKind> {
        AttachmentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::SignedScan => "signed_scan",
            AttachmentKind::ElectronicText => "electronic_text",
            AttachmentKind::TargetColumns => "target_columns",
        }
    }
}

/// What a submission on `path` lacks of the attachments Art. 10 asks of it, given the kinds it
/// carries: a unit's submission must carry all three (the head's signed scan, the electronic text,
/// the target columns); a submission on another path needs none.
pub fn lacking<'a>(path: ItemPath, carried: impl IntoIterator<Item = &'a str>) -> Vec<AttachmentKind> {
    if path != ItemPath::Unit {
        return Vec::new();
    }
    let carried: Vec<&str> = carried.into_iter().collect();
    AttachmentKind::ALL.into_iter().filter(|k| !carried.contains(&k.as_str())).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewAttachment {
    pub kind: AttachmentKind,
    pub name: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewWithdrawal {
    pub reason: RetractionReason,
    pub note: String,
    pub at: DateTime<Utc>,
    pub by: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Pending,
    Done,
    Rejected,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Done => "done",
            RequestStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<RequestStatus> {
        [RequestStatus::Pending, RequestStatus::Done, RequestStatus::Rejected].into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewRetractionRequest {
    pub unit: Option<String>,
    pub reason: RetractionReason,
    pub note: String,
    pub requested_at: DateTime<Utc>,
    pub status: RequestStatus,
    /// When and by whom it was handled, for a done or rejected request.
    pub handled: Option<(DateTime<Utc>, String)>,
    pub decline_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident {
    pub unit: String,
    pub kind: IncidentKind,
    /// Index into the batch's items this incident is about, if any.
    pub item: Option<usize>,
    pub occurred_on: NaiveDate,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewDocument {
    pub number: String,
    pub title: String,
    pub column: String,
    pub issued_on: NaiveDate,
    /// Index into the batch's items that put it online, if any.
    pub item: Option<usize>,
    pub recorded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_submission_lacks_what_art_10_asks_and_it_does_not_carry() {
        assert_eq!(lacking(ItemPath::Unit, []), AttachmentKind::ALL);
        assert_eq!(
            lacking(ItemPath::Unit, ["electronic_text", "unknown"]),
            [AttachmentKind::SignedScan, AttachmentKind::TargetColumns]
        );
        assert!(lacking(ItemPath::Unit, ["target_columns", "signed_scan", "electronic_text"]).is_empty());
        assert!(lacking(ItemPath::Government, []).is_empty());
        assert!(lacking(ItemPath::Repost, []).is_empty());
    }
}
