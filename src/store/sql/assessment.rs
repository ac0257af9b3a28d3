//! The assessment of Art. 16–17: tallies, incidents and their reversals, the items that earned
//! points.

use crate::t;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::assessment::Period;
use crate::domain::review::Act;
use crate::domain::{Form, ItemStatus, UnitKind};
use crate::store::backend::Backend;
use crate::store::text::Lossy;

/// Every unit of site `$1` with its tally for the days `[$2, $3)`: the running totals
/// (unit_day_points, one range of its primary key), never the items themselves, and the incidents.
pub(super) fn unit_tallies_sql<DB: Backend>() -> String {
    format!(
        "SELECT (SELECT CAST({agg}({arr}(u.id, u.name, u.full_name, u.kind, COALESCE(p.text, 0), \
             COALESCE(p.image_text, 0), COALESCE(p.video, 0), COALESCE(d.points, 0), COALESCE(d.standing, 0), \
             u.position)) AS TEXT) \
         FROM units u \
         LEFT JOIN (SELECT unit_id, CAST(SUM(text) AS BIGINT) AS text, CAST(SUM(image_text) AS BIGINT) AS image_text, \
                           CAST(SUM(video) AS BIGINT) AS video \
                    FROM unit_day_points WHERE site_id = $1 AND day >= $2 AND day < $3 GROUP BY unit_id) p \
                        ON p.unit_id = u.id \
         LEFT JOIN (SELECT unit_id, CAST(SUM(points) AS BIGINT) AS points, \
                           CAST(SUM(CASE WHEN points < 0 THEN 1 ELSE -1 END) AS BIGINT) AS standing \
                    FROM incidents WHERE site_id = $1 AND occurred_on >= $2 AND occurred_on < $3 GROUP BY unit_id) d \
                        ON d.unit_id = u.id \
         WHERE u.site_id = $1) AS tallies",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

sql_impl! { AssessmentStore;
    async fn unit_tallies(&self, site: &Site, from: NaiveDate, until: NaiveDate) -> Result<Vec<UnitTally>> {
        let json: Option<String> = sqlx::query_scalar(&unit_tallies_sql::<DB>())
            .bind(site.id)
            .bind(from)
            .bind(until)
            .fetch_one(&self.pool)
            .await?;
        unit_tallies(json)
    }

    async fn add_incident(&self, site: &Site, incident: &IncidentInput) -> Result<i64> {
        let note = incident.note.trim();
        if note.is_empty() {
            return Err(StoreError::Refused(t!("store-incident-needs-note")));
        }
        let mut tx = self.begin_write("incident").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::RecordIncident).await?;
        let Some((unit_id, kind)) = Self::unit_named(&mut tx, site, &incident.unit).await? else {
            return Err(StoreError::no_unit(&incident.unit, &site.code));
        };
        if !kind.is_assessed() {
            return Err(StoreError::Refused(t!("store-not-assessed", unit = incident.unit.as_str())));
        }
        if let Some(item) = incident.item {
            let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM items WHERE site_id = $1 AND id = $2")
                .bind(site.id)
                .bind(item)
                .fetch_one(&mut *tx)
                .await?;
            if found == 0 {
                return Err(StoreError::no_item(item, &site.code));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO incidents (site_id, unit_id, kind, points, item_id, occurred_on, note, recorded_at, \
                recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(site.id)
        .bind(unit_id)
        .bind(incident.kind.as_str())
        .bind(incident.kind.points())
        .bind(incident.item)
        .bind(incident.occurred_on)
        .bind(note)
        .bind(Utc::now())
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "unit": incident.unit, "kind": incident.kind.as_str(), "points": incident.kind.points(),
            "item": incident.item, "occurred_on": incident.occurred_on.to_string(), "note": note,
            "before": null,
            "after": {"unit": incident.unit, "kind": incident.kind.as_str(), "points": incident.kind.points()},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "incident.add",
            &format!("incident:{id}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(id)
    }

    async fn reverse_incident(&self, site: &Site, id: i64, note: &str) -> Result<i64> {
        let note = note.trim();
        if note.is_empty() {
            return Err(StoreError::Refused(t!("store-correction-needs-note")));
        }
        let mut tx = self.begin_write("incident-correction").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::RecordIncident).await?;
        let row = sqlx::query::<DB>(
            "SELECT n.unit_id, n.kind, n.points, n.item_id, n.occurred_on, n.reverses_id, \
                    (SELECT r.id FROM incidents r WHERE r.site_id = n.site_id AND r.reverses_id = n.id) AS reversed_by \
             FROM incidents n WHERE n.site_id = $1 AND n.id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(StoreError::NotFound(t!("store-no-incident", id = id.to_string(), site = site.code.as_str())));
        };
        if let Some(original) = row.try_get::<Option<i64>, _>("reverses_id")? {
            return Err(StoreError::Refused(t!(
                "store-incident-is-correction",
                id = id.to_string(),
                original = original.to_string()
            )));
        }
        if let Some(by) = row.try_get::<Option<i64>, _>("reversed_by")? {
            return Err(StoreError::Refused(t!("store-incident-reversed", id = id.to_string(), by = by.to_string())));
        }
        let points: i64 = row.try_get("points")?;
        // The unique reverses_id makes a second reversal running at the same time fail.
        let new: i64 = sqlx::query_scalar(
            "INSERT INTO incidents (site_id, unit_id, kind, points, item_id, reverses_id, occurred_on, note, \
                recorded_at, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(site.id)
        .bind(row.try_get::<i64, _>("unit_id")?)
        .bind(row.try_get::<String, _>("kind")?)
        .bind(-points)
        .bind(row.try_get::<Option<i64>, _>("item_id")?)
        .bind(id)
        .bind(row.try_get::<NaiveDate, _>("occurred_on")?)
        .bind(note)
        .bind(Utc::now())
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "reverses": id, "points": -points, "note": note,
            "before": {"incident": id, "standing": true},
            "after": {"incident": id, "standing": false, "reversed_by": new},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "incident.reverse",
            &format!("incident:{new}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(new)
    }

    async fn incidents(&self, site: &Site, period: Option<Period>, unit: Option<&str>) -> Result<Vec<IncidentRow>> {
        let (from, until) = period.map_or(
            (NaiveDate::from_ymd_opt(1, 1, 1).expect("a date"), NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date")),
            |p| (p.first_day(), p.end_day()),
        );
        let rows = sqlx::query(
            "SELECT n.id, u.name AS unit, n.kind, n.points, n.item_id AS item, i.title AS item_title, \
                    n.reverses_id AS reverses, \
                    (SELECT r.id FROM incidents r WHERE r.site_id = n.site_id AND r.reverses_id = n.id) \
                        AS reversed_by, \
                    n.occurred_on, n.note, n.recorded_at, n.recorded_by \
             FROM incidents n JOIN units u ON u.id = n.unit_id LEFT JOIN items i ON i.site_id = n.site_id \
                 AND i.id = n.item_id \
             WHERE n.site_id = $1 AND n.occurred_on >= $2 AND n.occurred_on < $3 AND ($4 IS NULL OR u.name = $4) \
             ORDER BY n.occurred_on, n.id",
        )
        .bind(site.id)
        .bind(from)
        .bind(until)
        .bind(unit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                Ok(IncidentRow {
                    id: row.try_get("id")?,
                    unit: row.try_get("unit")?,
                    kind: parse("incident kind", &kind)?,
                    points: row.try_get("points")?,
                    item: row.try_get("item")?,
                    item_title: row.try_get("item_title")?,
                    reverses: row.try_get("reverses")?,
                    reversed_by: row.try_get("reversed_by")?,
                    occurred_on: row.try_get("occurred_on")?,
                    note: row.try_get("note")?,
                    recorded_at: row.try_get("recorded_at")?,
                    recorded_by: row.try_get("recorded_by")?,
                })
            })
            .collect()
    }

    async fn unit_items(&self, site: &Site, unit: &str, from: NaiveDate, until: NaiveDate) -> Result<Vec<EarningItem>> {
        let unit_id: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(unit)
            .fetch_optional(&self.pool)
            .await?;
        let unit_id = unit_id.ok_or_else(|| StoreError::no_unit(unit, &site.code))?;
        // What the running totals count (Art. 16): a unit's own items, online, or withdrawn as
        // outdated; one index range (items_unit_published).
        let rows = sqlx::query::<DB>(
            "SELECT i.id, i.title, i.published_at, i.points, i.status FROM items i \
             WHERE i.site_id = $1 AND i.unit_id = $2 AND i.published_at >= $3 AND i.published_at < $4 \
                 AND i.path <> 'repost' \
               AND (i.status = 'online' OR (i.status = 'withdrawn' AND EXISTS (SELECT 1 FROM withdrawals w \
                    WHERE w.site_id = i.site_id AND w.item_id = i.id AND w.restored_at IS NULL \
                        AND w.reason = 'outdated'))) \
             ORDER BY i.published_at DESC, i.id DESC",
        )
        .bind(site.id)
        .bind(unit_id)
        .bind(crate::domain::time::beijing_midnight(from))
        .bind(crate::domain::time::beijing_midnight(until))
        .fetch_all(&self.pool)
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.try_get("id")).collect::<std::result::Result<_, _>>()?;
        let mut placed: HashMap<i64, Vec<(String, Form)>> = HashMap::new();
        for chunk in ids.chunks(CHUNK) {
            let found = sqlx::query::<DB>(&format!(
                "SELECT p.item_id, c.path, p.form FROM placements p JOIN columns c ON c.id = p.column_id \
                 WHERE p.site_id = $1 AND p.item_id IN ({}) ORDER BY p.item_id, c.position",
                id_list(chunk)
            ))
            .bind(site.id)
            .fetch_all(&self.pool)
            .await?;
            for row in &found {
                let form = parse("form", &row.try_get::<String, _>("form")?)?;
                placed.entry(row.try_get("item_id")?).or_default().push((row.try_get("path")?, form));
            }
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let points: i64 = row.try_get("points")?;
                Ok(EarningItem {
                    id,
                    title: row.try_get("title")?,
                    published_at: row.try_get("published_at")?,
                    counted: Form::ALL[(points.clamp(1, 3) - 1) as usize],
                    withdrawn: row.try_get::<String, _>("status")? == ItemStatus::Withdrawn.as_str(),
                    placements: placed.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn unit_withdrawals(&self, site: &Site, from: NaiveDate, until: NaiveDate) -> Result<Vec<UnitWithdrawals>> {
        let rows = sqlx::query::<DB>(
            "SELECT u.name, w.reason, COUNT(*) AS count FROM withdrawals w \
             JOIN items i ON i.site_id = w.site_id AND i.id = w.item_id JOIN units u ON u.id = i.unit_id \
             WHERE w.site_id = $1 AND w.withdrawn_at >= $2 AND w.withdrawn_at < $3 GROUP BY u.name, w.reason \
                 ORDER BY u.name, w.reason",
        )
        .bind(site.id)
        .bind(crate::domain::time::beijing_midnight(from))
        .bind(crate::domain::time::beijing_midnight(until))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(UnitWithdrawals {
                    unit: row.try_get("name")?,
                    reason: parse("reason", &row.try_get::<String, _>("reason")?)?,
                    count: row.try_get("count")?,
                })
            })
            .collect()
    }
}

/// What `unit_tallies_sql` (or a site's row of it over every site) gives, decoded, in the units' order.
pub(super) fn unit_tallies(json: Option<String>) -> Result<Vec<UnitTally>> {
    let mut rows: Vec<TallyRow> = json_rows("unit tallies", json)?;
    rows.sort_by_key(|r| r.position);
    rows.into_iter()
        .map(|r| {
            Ok(UnitTally {
                unit: UnitRow {
                    id: r.id,
                    name: r.name,
                    full_name: r.full_name,
                    kind: parse::<UnitKind>("unit kind", &r.kind)?,
                },
                text: r.text,
                image_text: r.image_text,
                video: r.video,
                deductions: r.deductions,
                incidents: r.incidents,
            })
        })
        .collect()
}

/// A row of `unit_tallies_sql`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct TallyRow {
    id: i64,
    name: String,
    full_name: String,
    kind: String,
    text: i64,
    image_text: i64,
    video: i64,
    deductions: i64,
    incidents: i64,
    /// The unit's place in the site's list.
    position: i64,
}
