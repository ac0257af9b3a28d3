//! The audit trail.

use chrono::{DateTime, Utc};

/// Which audit records to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only those made at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only those about this item (and the requests to withdraw it).
    pub item: Option<i64>,
    /// Only those made by this operator.
    pub operator: Option<String>,
    /// Only this action, or the actions under it (`retraction` takes `retraction.request` and
    /// `retraction.decline`).
    pub action: Option<String>,
}

/// One record of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub operator: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}
