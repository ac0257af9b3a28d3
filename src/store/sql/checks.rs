//! What the content checks read, and their waivers.

use crate::t;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::Closing;
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::text::Lossy;

sql_impl! { CheckStore;
    async fn item_texts(
        &self,
        site: &Site,
        after_id: i64,
        online_only: bool,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ItemText>> {
        let rows = sqlx::query::<DB>(
            "SELECT i.id, i.title, i.body, u.name AS unit, i.submitted_at, i.published_at, \
                    (SELECT MIN(d.issued_on) FROM documents d WHERE d.site_id = i.site_id AND d.item_id = i.id) \
                        AS issued_on \
             FROM items i LEFT JOIN units u ON u.id = i.unit_id \
             WHERE i.site_id = $1 AND i.id > $2 AND ($5 = 0 OR i.status = 'online') AND ($3 IS NULL \
                 OR i.published_at >= $3) \
             ORDER BY i.id LIMIT $4",
        )
        .bind(site.id)
        .bind(after_id)
        .bind(since)
        .bind(limit)
        .bind(i64::from(online_only))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ItemText {
                    id: row.try_get("id")?,
                    title: row.try_get("title")?,
                    body: row.try_get("body")?,
                    unit: row.try_get("unit")?,
                    submitted_at: row.try_get("submitted_at")?,
                    published_at: row.try_get("published_at")?,
                    issued_on: row.try_get("issued_on")?,
                })
            })
            .collect()
    }

    async fn waive_finding(&self, site: &Site, item: i64, kind: &str, text: &str, reason: &str) -> Result<i64> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Refused(t!("store-waiver-needs-reason")));
        }
        let mut tx = self.begin_write("waiver").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::WaiveFinding).await?;
        let state = Self::item_state(&mut tx, site, item, None).await?;
        let now = Utc::now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO finding_waivers (site_id, item_id, kind, text, reason, waived_at, waived_by) VALUES ($1, $2, \
                $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(site.id)
        .bind(item)
        .bind(kind)
        .bind(text)
        .bind(reason)
        .bind(now)
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "kind": kind, "text": text, "reason": reason, "stage": state.stage.as_str(),
            "before": {"waived": false}, "after": {"waived": true, "waiver": id},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "finding.waive",
            &format!("item:{item}"),
            &detail.to_string(),
        )
        .await?;
        self.close_orders_fixed(&mut tx, site, &[item], Some(kind), Closing::FindingWaived, now).await?;
        self.finish(tx).await?;
        Ok(id)
    }

    async fn waivers(&self, site: &Site, item: i64) -> Result<Vec<Waiver>> {
        let rows = sqlx::query::<DB>(&format!(
            "SELECT {WAIVER} FROM finding_waivers WHERE site_id = $1 AND item_id = $2 ORDER BY id"
        ))
        .bind(site.id)
        .bind(item)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Self::waiver_of).collect()
    }

    async fn site_waivers(&self, site: &Site) -> Result<Vec<Waiver>> {
        let rows = sqlx::query::<DB>(&format!("SELECT {WAIVER} FROM finding_waivers WHERE site_id = $1 ORDER BY id"))
            .bind(site.id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(Self::waiver_of).collect()
    }
}

/// The columns of finding_waivers a `Waiver` is read from (`waiver_of`).
const WAIVER: &str = "item_id, kind, text, reason, waived_by";

sql_impl! { SqlStore;
    /// A waiver from a row holding the columns of `WAIVER`, read by their names.
    fn waiver_of(row: &DB::Row) -> Result<Waiver> {
        Ok(Waiver {
            item: row.try_get("item_id")?,
            kind: row.try_get("kind")?,
            text: row.try_get("text")?,
            reason: row.try_get("reason")?,
            by: row.try_get("waived_by")?,
        })
    }
}
