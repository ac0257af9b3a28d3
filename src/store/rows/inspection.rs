//! Public inquiries, as the national check counts them.

use chrono::{DateTime, Utc};

/// A public inquiry to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInquiry {
    pub subject: String,
    pub asked_at: DateTime<Utc>,
    /// Why it is not a valid inquiry (spam, a duplicate, not the government's business), if it is not.
    pub invalid_reason: Option<String>,
}

/// A public inquiry as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryRow {
    pub id: i64,
    pub subject: String,
    pub asked_at: DateTime<Utc>,
    pub valid: bool,
    pub invalid_reason: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
}
