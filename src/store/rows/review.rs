//! The review workflow: the queue and what a decision or a publication did.

use chrono::{DateTime, Utc};

use crate::domain::item::AttachmentKind;
use crate::domain::{Channel, Form, ItemPath, Stage};
use crate::store::Total;

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

/// The orders the queue is read in: by step (the workflow's steps in turn, oldest first in each),
/// or longest waiting first across every step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QueueOrder {
    #[default]
    Step,
    Wait,
}

/// Where an item is in the queue's orders (keyset paging): its step's place in the workflow
/// (`domain::review::step_order`), since when it has waited, its id. The same row's key whatever
/// its other fields: two keys are equal when their ids are, so that a selection stays on an item
/// whose step a decision changed.
#[derive(Debug, Clone, Copy)]
pub struct QueueKey {
    pub step: i64,
    pub since: DateTime<Utc>,
    pub id: i64,
}

impl PartialEq for QueueKey {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl QueueItem {
    /// Its place in the queue's orders.
    pub fn key(&self) -> QueueKey {
        QueueKey {
            step: crate::domain::review::step_order(self.stage) as i64,
            since: self.waiting_since(),
            id: self.id,
        }
    }
}

/// How many items the queue has (`Total`), and how many of them have waited too long
/// (`domain::review::wait_limit`; counted as far as a list's count reads, a bound above that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueCount {
    pub total: Total,
    pub late: Total,
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
