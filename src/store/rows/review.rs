//! The review workflow: the queue and what a decision or a publication did.

use chrono::{DateTime, Utc};

use crate::domain::item::AttachmentKind;
use crate::domain::{Channel, Form, ItemPath, Stage};

/// An item awaiting a decision, as the queue lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub id: i64,
    pub path: ItemPath,
    pub stage: Stage,
    pub unit: Option<String>,
    pub form: Form,
    pub title: String,
    pub channel: Channel,
    /// Its target columns' paths.
    pub columns: Vec<String>,
    pub submitted_at: DateTime<Utc>,
    /// When a WeChat item went out on its unit's account.
    pub wechat_at: Option<DateTime<Utc>>,
    /// For a unit item: the attachments Art. 10 requires that it lacks.
    pub missing: Vec<AttachmentKind>,
    pub version: i64,
}

impl QueueItem {
    /// Since when it has waited: a WeChat item since it went out on WeChat (it must reach the
    /// portal at once, Art. 7), any other since it was submitted.
    pub fn waiting_since(&self) -> DateTime<Utc> {
        self.wechat_at.unwrap_or(self.submitted_at)
    }
}

/// What a decision or a publication did to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub item: i64,
    pub from: Stage,
    pub to: Stage,
    /// The item's version after the change.
    pub version: i64,
}
