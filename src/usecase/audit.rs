//! The audit trail: every change with who made it and when.

use crate::store::{AuditEntry, AuditFilter, Result, Site, Store};

/// A page of the audit trail, newest first: the entries before id `before` when given, and only
/// those `filter` lets through.
pub async fn page(
    store: &dyn Store,
    site: &Site,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    store.audit_page(site, filter, before, limit).await
}

/// Every entry `filter` lets through, newest first, read a page at a time.
pub async fn all(store: &dyn Store, site: &Site, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    const PAGE: i64 = 1_000;
    let mut out: Vec<AuditEntry> = Vec::new();
    loop {
        let page = store.audit_page(site, filter, out.last().map(|e| e.id), PAGE).await?;
        if page.is_empty() {
            return Ok(out);
        }
        out.extend(page);
    }
}
