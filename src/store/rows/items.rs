//! Items as they are imported, exported and shown whole.

use chrono::{DateTime, Utc};

use crate::domain::item::{AttachmentKind, NewDocument, NewIncident, NewItem};
use crate::domain::{Channel, Form, ItemPath, ItemStatus, MarkKind, RetractionReason, Role, Stage};

/// What `insert` is given: items (streamed, so a million of them never sit in memory at once),
/// then incidents and documents that may point at those items by their position in the stream.
pub enum Record {
    /// An operator named by the history that follows (added if absent).
    Operator {
        name: String,
        role: Role,
    },
    Item(Box<NewItem>),
    Incident(NewIncident),
    Document(NewDocument),
}

/// An item as `export` writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedItem {
    pub id: i64,
    pub reference: Option<String>,
    /// Its public link on the portal, if its source system gave one.
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    pub form: Form,
    pub path: ItemPath,
    pub unit: Option<String>,
    pub channel: Channel,
    pub stage: Stage,
    pub status: ItemStatus,
    pub submitted_at: DateTime<Utc>,
    /// When a WeChat item went out on its unit's account.
    pub wechat_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// The open withdrawal of a withdrawn item.
    pub withdrawn: Option<(DateTime<Utc>, RetractionReason)>,
    /// Its mark, if it stays online marked amended, repealed or expired.
    pub mark: Option<MarkKind>,
    pub placements: Vec<(String, Form)>,
    /// What a unit submission carried (Art. 10): kind and file name.
    pub attachments: Vec<(AttachmentKind, String)>,
}

/// One event in an item's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub operator: String,
    /// What happened, in words: `approve (recheck)`, `withdraw: outdated — note`, `restore`.
    pub event: String,
}

/// An item as a column's list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSummary {
    pub id: i64,
    pub title: String,
    /// When it went online in the column.
    pub online_since: DateTime<Utc>,
    /// Its form in the column.
    pub form: Form,
    pub path: ItemPath,
    pub unit: Option<String>,
    /// Its mark (已修改 / 已废止 / 已失效), if it has one.
    pub mark: Option<MarkKind>,
}
