//! Restoring withdrawn items (Art. 13): one, or every item of a bulk withdrawal, in one
//! transaction with an audit record for each item.

use crate::t;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::review::Act;
use crate::domain::{ItemStatus, RetractionReason, Stage};
use crate::store::backend::Backend;
use crate::store::text::Lossy;

/// The withdrawals of site `$1` among `list`: id, item, reason and whether it is closed.
fn withdrawals_of_sql(list: &str) -> String {
    format!(
        "SELECT id, item_id, reason, restored_at FROM withdrawals WHERE site_id = $1 AND id IN ({list}) ORDER BY id"
    )
}

/// A withdrawal to restore, as `withdrawals_of_sql` reads it.
struct Withdrawn {
    withdrawal: i64,
    item: i64,
    reason: RetractionReason,
    /// Restored already.
    restored: bool,
}

sql_impl! { SqlStore;
    /// Puts the items of `withdrawals` back online in the columns they were in, in `tx`: each item
    /// still withdrawn by that withdrawal, its placements online as of its publication (a restore
    /// is not an update of the columns), the withdrawal closed, its points given back and an
    /// audit record written. A withdrawal restored already leaves its item as it is (`already`);
    /// a withdrawal that is not the site's refuses the whole restore. With the restoration, the
    /// version the first item restored had before.
    pub(super) async fn restore_in(
        &self,
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        withdrawals: &[i64],
        note: &str,
    ) -> Result<(Restoration, Option<i64>)> {
        Self::allowed(tx, site, &self.operator, Act::Withdraw).await?;
        let mut found: HashMap<i64, Withdrawn> = HashMap::new();
        for chunk in withdrawals.chunks(CHUNK) {
            let rows =
                sqlx::query::<DB>(&withdrawals_of_sql(&id_list(chunk))).bind(site.id).fetch_all(&mut **tx).await?;
            for row in &rows {
                let withdrawn = Withdrawn {
                    withdrawal: row.try_get("id")?,
                    item: row.try_get("item_id")?,
                    reason: parse("reason", &row.try_get::<String, _>("reason")?)?,
                    restored: row.try_get::<Option<DateTime<Utc>>, _>("restored_at")?.is_some(),
                };
                found.insert(withdrawn.withdrawal, withdrawn);
            }
        }
        let mut out = Restoration::default();
        // Each withdrawal once, in the order given.
        let mut open: Vec<&Withdrawn> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for id in withdrawals {
            let Some(withdrawn) = found.get(id) else {
                return Err(StoreError::Refused(t!("store-withdrawal-unknown", id = id.to_string())));
            };
            if !seen.insert(*id) {
                continue;
            }
            if withdrawn.restored {
                out.already.push(withdrawn.item);
            } else {
                open.push(withdrawn);
            }
        }
        let items: Vec<i64> = open.iter().map(|w| w.item).collect();
        let states: HashMap<i64, ItemState> =
            Self::batch_states(tx, site, &items).await?.into_iter().map(|b| (b.id, b.state)).collect();
        let first_version = items.first().and_then(|i| states.get(i)).map(|s| s.version);
        let now = Utc::now();
        let mut moved = std::collections::HashSet::new();
        for chunk in items.chunks(CHUNK) {
            // Only one restore: the status moves from withdrawn exactly once.
            let done: Vec<i64> = sqlx::query_scalar(&format!(
                "UPDATE items SET status = 'online', version = version + 1, updated_at = $2 \
                 WHERE site_id = $1 AND status = 'withdrawn' AND id IN ({}) RETURNING id",
                id_list(chunk)
            ))
            .bind(site.id)
            .bind(now)
            .fetch_all(&mut **tx)
            .await?;
            moved.extend(done);
        }
        pause_point("restore");
        let (back, stayed): (Vec<_>, Vec<_>) = open.into_iter().partition(|w| moved.contains(&w.item));
        out.already.extend(stayed.iter().map(|w| w.item));
        out.restored = back.iter().map(|w| w.item).collect();
        for chunk in back.chunks(CHUNK) {
            let items = id_list(&chunk.iter().map(|w| w.item).collect::<Vec<_>>());
            let ids = id_list(&chunk.iter().map(|w| w.withdrawal).collect::<Vec<_>>());
            sqlx::query(&format!(
                "UPDATE placements SET online_since = \
                   (SELECT i.published_at FROM items i WHERE i.site_id = placements.site_id \
                       AND i.id = placements.item_id) \
                 WHERE site_id = $1 AND item_id IN ({items})"
            ))
            .bind(site.id)
            .execute(&mut **tx)
            .await?;
            sqlx::query(&format!(
                "UPDATE withdrawals SET restored_at = $2, restored_by = $3, restore_note = $4 \
                 WHERE site_id = $1 AND id IN ({ids})"
            ))
            .bind(site.id)
            .bind(now)
            .bind(self.operator.as_str())
            .bind(note)
            .execute(&mut **tx)
            .await?;
        }
        for reason in RetractionReason::ALL {
            let given: Vec<&ItemState> =
                back.iter().filter(|w| w.reason == *reason).filter_map(|w| states.get(&w.item)).collect();
            Self::shift_points(tx, site, &given, *reason, 1).await?;
        }
        let batch = back.len();
        let records: Vec<(String, String)> = back
            .iter()
            .map(|w| {
                let why = w.reason.as_str();
                let detail = with_change(
                    json!({"withdrawn_for": why, "note": note, "withdrawal": w.withdrawal, "batch": batch}),
                    (Stage::Done, ItemStatus::Withdrawn),
                    (Stage::Done, ItemStatus::Online),
                );
                (format!("item:{}", w.item), detail.to_string())
            })
            .collect();
        Self::audit_many(tx, Some(site.id), &self.operator, "restore", &records).await?;
        Ok((out, first_version))
    }
}
