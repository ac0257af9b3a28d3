//! The audit trail, a page at a time.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Executor, Pool};

use super::*;
use crate::store::backend::Backend;
use crate::store::text::Lossy;

/// The audit page's filters: at or after `$4`; about item `$5` (`item:N`) or its requests (`$6`);
/// by operator `$7`; of action `$8` or under it.
pub(super) const AUDIT_FILTERS: &str = "id < $2 AND ($4 IS NULL OR at >= $4) \
   AND ($5 IS NULL OR target = $5 OR target IN \
        (SELECT 'request:' || CAST(r.id AS TEXT) FROM retraction_requests r WHERE r.site_id = $1 AND r.item_id = $6)) \
   AND ($7 IS NULL OR operator = $7) AND ($8 IS NULL OR action = $8 OR action LIKE $8 || '.%')";

/// A page of the audit trail of site `$1` and of changes to no site, newest first, before id `$2`:
/// two ranges of audit_log_site (site, id) read backwards and merged, never the other sites' rows.
pub(super) fn audit_page_sql() -> String {
    format!(
        "SELECT id, at, operator, action, target, detail FROM \
           (SELECT * FROM (SELECT id, at, operator, action, target, detail FROM audit_log \
                           WHERE site_id = $1 AND {AUDIT_FILTERS} ORDER BY id DESC LIMIT $3) mine \
            UNION ALL \
            SELECT * FROM (SELECT id, at, operator, action, target, detail FROM audit_log \
                           WHERE site_id IS NULL AND {AUDIT_FILTERS} ORDER BY id DESC LIMIT $3) shared) page \
         ORDER BY id DESC LIMIT $3"
    )
}

sql_impl! { AuditStore;
    async fn audit_page(
        &self,
        site: &Site,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        // The newest first, a page at a time, backwards along the site's ids (audit_log_site) and
        // those of changes to no site. An item's records are those about it and about the requests
        // to withdraw it.
        let rows: Vec<(i64, DateTime<Utc>, String, String, String, String)> = sqlx::query_as(&audit_page_sql())
            .bind(site.id)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .bind(filter.since)
            .bind(filter.item.map(|i| format!("item:{i}")))
            .bind(filter.item.unwrap_or(0))
            .bind(filter.operator.as_deref())
            .bind(filter.action.as_deref())
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, at, operator, action, target, detail)| AuditEntry { id, at, operator, action, target, detail })
            .collect())
    }
}
