//! What the content checks read of an item.

use chrono::{DateTime, NaiveDate, Utc};

/// What the content checks read of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub unit: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// The issue date of the document it carries, if it carries one.
    pub issued_on: Option<NaiveDate>,
}

/// A waiver of the content checks' finding (of a kind, on a text) on an item: why, and who gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub item: i64,
    pub kind: String,
    pub text: String,
    pub reason: String,
    /// The operator who waived it.
    pub by: String,
}
