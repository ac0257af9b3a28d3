//! Rectification orders: issued, listed with what fixed them since, closed once. The audit record
//! of each change is written before its row: on SQLite the table's triggers refuse a row without it.

use crate::t;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::Closing;
use crate::domain::rectification::{Fixes, Subject};
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::rectification::*;
use crate::store::text::Lossy;

/// The orders, newest first: each with its unit, the unit's full name and what it names (`subject_text`).
const ORDERS: &str = "SELECT r.id, u.name AS unit, u.full_name, r.column_id, r.item_id, r.indicator, r.finding, \
       COALESCE(c.path, i.title, r.indicator) AS subject_text, r.note, r.days, r.issued_at, r.due_on, r.issued_by, \
       r.closed_at, r.closed_by, r.closed_how \
     FROM rectifications r JOIN units u ON u.site_id = r.site_id AND u.id = r.unit_id \
     LEFT JOIN columns c ON c.site_id = r.site_id AND c.id = r.column_id \
     LEFT JOIN items i ON i.site_id = r.site_id AND i.id = r.item_id \
     WHERE r.site_id = $1 AND ($2 IS NULL OR u.name = $2) ORDER BY r.id DESC";

/// The first item published in order `r`'s column after the order was issued: what fixes it.
macro_rules! column_fix {
    () => {
        "(SELECT MIN(i.published_at) FROM placements p JOIN items i ON i.site_id = p.site_id AND i.id = p.item_id \
          WHERE p.site_id = r.site_id AND p.column_id = r.column_id AND i.published_at > r.issued_at)"
    };
}

/// The item's stored findings (`f`) found again after order `r` was issued: the item written
/// since, or every item checked again. Whether they still hold the kind the order names is read
/// in the program (`finding_fixed`), comparing the kinds exactly: a pattern of SQL's `LIKE` would
/// take the `_` of a kind's name for any character.
macro_rules! finding_fix {
    () => {
        "f.site_id = r.site_id AND f.item_id = r.item_id AND f.found_at > r.issued_at"
    };
}

/// When the findings an order's item was found to have after the order were found, if they no
/// longer hold the kind the order names: what fixes an order about a finding.
fn finding_fixed(finding: Option<&str>, kinds: Option<&str>, found_at: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (finding, kinds) {
        (Some(finding), Some(kinds)) if !findings::holds_kind(kinds, finding) => found_at,
        _ => None,
    }
}

/// For each order, its closing note and, while it is open, the first fix of what it names after
/// it was issued: the column's first item online since, the item's first withdrawal or mark since,
/// the named finding's first waiver since; and, for an order about a finding, the finding it names
/// and the item's findings if they were found again since (`finding_fix`).
const FIXES: &str = concat!(
    "SELECT r.id, r.close_note, CASE WHEN r.closed_at IS NULL AND r.column_id IS NOT NULL THEN ",
    column_fix!(),
    " END AS column_updated, \
       CASE WHEN r.closed_at IS NULL AND r.item_id IS NOT NULL THEN \
         (SELECT MIN(w.withdrawn_at) FROM withdrawals w \
          WHERE w.site_id = r.site_id AND w.item_id = r.item_id AND w.withdrawn_at > r.issued_at) \
         END AS item_withdrawn, \
       CASE WHEN r.closed_at IS NULL AND r.item_id IS NOT NULL THEN \
         (SELECT MIN(m.marked_at) FROM item_marks m \
          WHERE m.site_id = r.site_id AND m.item_id = r.item_id AND m.marked_at > r.issued_at) END AS item_marked, \
       CASE WHEN r.closed_at IS NULL AND r.finding IS NOT NULL THEN \
         (SELECT MIN(f.waived_at) FROM finding_waivers f \
          WHERE f.site_id = r.site_id AND f.item_id = r.item_id AND f.kind = r.finding \
            AND f.waived_at > r.issued_at) END AS finding_waived, \
       r.finding, f.kinds, f.found_at \
     FROM rectifications r JOIN units u ON u.site_id = r.site_id AND u.id = r.unit_id \
     LEFT JOIN item_findings f ON r.closed_at IS NULL AND r.finding IS NOT NULL AND ",
    finding_fix!(),
    " WHERE r.site_id = $1 AND ($2 IS NULL OR u.name = $2)"
);

/// The open orders about a finding whose item's findings were found again since (of the items in
/// `{}`, or any), with the finding named, the kinds found and when they were found.
const FINDINGS_FOUND: &str = concat!(
    "SELECT r.id, r.finding, f.kinds, f.found_at FROM rectifications r JOIN item_findings f ON ",
    finding_fix!(),
    " WHERE r.site_id = $1 AND r.closed_at IS NULL AND r.finding IS NOT NULL"
);

/// The open orders about a column (of those in `{}`, or any) that an item published since fixed,
/// with when: the first item's publication.
const COLUMNS_FIXED: &str = concat!(
    "SELECT r.id, ",
    column_fix!(),
    " AS fixed_at FROM rectifications r WHERE r.site_id = $1 AND r.closed_at IS NULL AND r.column_id IS NOT NULL"
);

/// `orders` (a statement of open orders `r`, ending in its WHERE) for the orders whose `column`
/// is one of `ids` (any: `None`), in the orders' order; `None` for no ids at all.
fn of_these(orders: &str, column: &str, ids: Option<&[i64]>) -> Option<String> {
    match ids {
        Some([]) => None,
        Some(ids) => Some(format!("{orders} AND {column} IN ({}) ORDER BY r.id", id_list(ids))),
        None => Some(format!("{orders} ORDER BY r.id")),
    }
}

sql_impl! { SqlStore;
    /// Closes the open orders about these items issued before `at` (with a finding, only those
    /// naming that finding), in the transaction of the write that fixed them (a withdrawal, a mark,
    /// a waiver), each with its audit record: recorded at once, by whoever made the fix, rather than
    /// when an administrator next lists the orders. Only an administrator closes orders (a
    /// reviewer's waiver leaves them to the next listing, as the database's grants do). How many.
    pub(super) async fn close_orders_fixed(
        &self,
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        items: &[i64],
        finding: Option<&str>,
        how: Closing,
        at: DateTime<Utc>,
    ) -> Result<usize> {
        if !self.may_close(tx, site).await? {
            return Ok(0);
        }
        let mut ids: Vec<i64> = Vec::new();
        for chunk in items.chunks(CHUNK) {
            let found: Vec<i64> = sqlx::query_scalar(&format!(
                "SELECT id FROM rectifications WHERE site_id = $1 AND closed_at IS NULL AND issued_at < $2 \
                 AND item_id IN ({}) AND ($3 IS NULL OR finding = $3) ORDER BY id",
                id_list(chunk)
            ))
            .bind(site.id)
            .bind(at)
            .bind(finding)
            .fetch_all(&mut **tx)
            .await?;
            ids.extend(found);
        }
        let fixed: Vec<(i64, DateTime<Utc>)> = ids.into_iter().map(|id| (id, at)).collect();
        self.close_fixed(tx, site, &fixed, how).await
    }

    /// Closes the open orders about these columns (all of them: `None`) that an item published
    /// since issued fixed, in the transaction of the write that published it (`publish`,
    /// `import`), each at the first such item's publication, with its audit record. Only an
    /// administrator closes orders, as in `close_orders_fixed`. How many.
    pub(super) async fn close_columns_fixed(
        &self,
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        columns: Option<&[i64]>,
    ) -> Result<usize> {
        if !self.may_close(tx, site).await? {
            return Ok(0);
        }
        let Some(sql) = of_these(COLUMNS_FIXED, "r.column_id", columns) else { return Ok(0) };
        let mut fixed: Vec<(i64, DateTime<Utc>)> = Vec::new();
        for row in sqlx::query::<DB>(&sql).bind(site.id).fetch_all(&mut **tx).await? {
            if let Some(at) = row.try_get::<Option<DateTime<Utc>>, _>("fixed_at")? {
                fixed.push((row.try_get("id")?, at));
            }
        }
        self.close_fixed(tx, site, &fixed, Closing::ColumnUpdated).await
    }

    /// Closes the open orders about a finding of these items (all of them: `None`) whose findings,
    /// found again since the order was issued (the item's text written: `import`; its dates:
    /// `publish`; every item: `check --all`), no longer hold the kind the order names, in the
    /// transaction that found them, each at the time they were found, with its audit record. Only
    /// an administrator closes orders, as in `close_orders_fixed`. How many.
    pub(super) async fn close_findings_fixed(
        &self,
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        items: Option<&[i64]>,
    ) -> Result<usize> {
        if !self.may_close(tx, site).await? {
            return Ok(0);
        }
        let Some(sql) = of_these(FINDINGS_FOUND, "r.item_id", items) else { return Ok(0) };
        let mut fixed: Vec<(i64, DateTime<Utc>)> = Vec::new();
        for row in sqlx::query::<DB>(&sql).bind(site.id).fetch_all(&mut **tx).await? {
            let finding: String = row.try_get("finding")?;
            let kinds: String = row.try_get("kinds")?;
            if let Some(at) = finding_fixed(Some(&finding), Some(&kinds), Some(row.try_get("found_at")?)) {
                fixed.push((row.try_get("id")?, at));
            }
        }
        self.close_fixed(tx, site, &fixed, Closing::FindingFixed).await
    }

    /// Whether the operator may close orders (an active administrator of the site): a write that
    /// fixes an order closes it only then, and leaves it to the next listing otherwise.
    async fn may_close(&self, tx: &mut Transaction<'static, DB>, site: &Site) -> Result<bool> {
        match Self::allowed(tx, site, &self.operator, Act::Rectify).await {
            Ok(_) => Ok(true),
            Err(StoreError::Refused(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Closes these open orders, each fixed at its time, as `how` says, each with its audit record
    /// written first. How many.
    async fn close_fixed(
        &self,
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        fixed: &[(i64, DateTime<Utc>)],
        how: Closing,
    ) -> Result<usize> {
        if fixed.is_empty() {
            return Ok(0);
        }
        let records: Vec<(String, String)> = fixed
            .iter()
            .map(|(id, at)| {
                let detail = json!({
                    "how": how.as_str(), "at": at.to_rfc3339(), "note": null,
                    "before": {"status": "open"}, "after": {"status": "done", "how": how.as_str()},
                });
                (format!("rectification:{id}"), detail.to_string())
            })
            .collect();
        Self::audit_many(tx, Some(site.id), &self.operator, "rectification.close", &records).await?;
        // The orders fixed at one time, together.
        let mut by_time: std::collections::BTreeMap<DateTime<Utc>, Vec<i64>> = std::collections::BTreeMap::new();
        for (id, at) in fixed {
            by_time.entry(*at).or_default().push(*id);
        }
        for (at, ids) in by_time {
            for chunk in ids.chunks(CHUNK) {
                sqlx::query::<DB>(&format!(
                    "UPDATE rectifications SET closed_at = $1, closed_by = $2, closed_how = $3 \
                     WHERE site_id = $4 AND closed_at IS NULL AND id IN ({})",
                    id_list(chunk)
                ))
                .bind(at)
                .bind(self.operator.as_str())
                .bind(how.as_str())
                .bind(site.id)
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(fixed.len())
    }

    /// Checks that `unit` may be ordered to fix `subject` (exists, is responsible for it); the
    /// unit's id and what the subject is called.
    async fn order_target(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        unit: &str,
        subject: &Subject,
    ) -> Result<(i64, String)> {
        let Some((unit_id, kind)) = Self::unit_named(tx, site, unit).await? else {
            return Err(StoreError::no_unit(unit, &site.code));
        };
        match subject {
            Subject::Column(column) => {
                let path: Option<String> =
                    sqlx::query_scalar("SELECT path FROM columns WHERE site_id = $1 AND id = $2")
                        .bind(site.id)
                        .bind(*column)
                        .fetch_optional(&mut **tx)
                        .await?;
                let Some(path) = path else {
                    return Err(StoreError::NotFound(t!(
                        "rectify-no-column",
                        column = *column,
                        site = site.code.as_str()
                    )));
                };
                let units: Vec<String> = sqlx::query_scalar(
                    "SELECT u.name FROM column_units cu JOIN units u ON u.site_id = cu.site_id AND u.id = cu.unit_id \
                     WHERE cu.site_id = $1 AND cu.column_id = $2 ORDER BY u.position",
                )
                .bind(site.id)
                .bind(*column)
                .fetch_all(&mut **tx)
                .await?;
                if units.is_empty() {
                    return Err(StoreError::Refused(t!("rectify-column-no-unit", column = path.as_str())));
                }
                if !units.iter().any(|u| u == unit) {
                    return Err(StoreError::Refused(t!(
                        "rectify-not-responsible",
                        unit = unit,
                        what = path.as_str(),
                        units = units.join("、")
                    )));
                }
                Ok((unit_id, path))
            }
            Subject::Item { id, .. } => {
                let item = sqlx::query::<DB>(
                    "SELECT u.name, i.title FROM items i LEFT JOIN units u ON u.site_id = i.site_id \
                     AND u.id = i.unit_id WHERE i.site_id = $1 AND i.id = $2",
                )
                .bind(site.id)
                .bind(*id)
                .fetch_optional(&mut **tx)
                .await?;
                let Some(item) = item else {
                    return Err(StoreError::no_item(id, &site.code));
                };
                let (owner, title): (Option<String>, Lossy) = (item.try_get("name")?, item.try_get("title")?);
                match owner {
                    None => Err(StoreError::Refused(t!("rectify-item-no-unit", item = *id))),
                    Some(owner) if owner != unit => Err(StoreError::Refused(t!(
                        "rectify-not-responsible",
                        unit = unit,
                        what = title.text.as_str(),
                        units = owner
                    ))),
                    Some(_) => Ok((unit_id, title.text)),
                }
            }
            Subject::Indicator(name) => {
                if !kind.is_assessed() {
                    return Err(StoreError::Refused(t!("store-not-assessed", unit = unit)));
                }
                Ok((unit_id, name.clone()))
            }
        }
    }
}

sql_impl! { RectificationStore;
    async fn add_rectification(&self, site: &Site, order: &RectificationInput) -> Result<i64> {
        let note = order.note.trim();
        if note.is_empty() {
            return Err(StoreError::Refused(t!("rectify-needs-note")));
        }
        let mut tx = self.begin_write("rectification").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Rectify).await?;
        let (unit_id, what) = Self::order_target(&mut tx, site, &order.unit, &order.subject).await?;
        let id: i64 =
            sqlx::query_scalar(&DB::reserve_ids_sql("rectifications")).bind(1_i64).fetch_one(&mut *tx).await?;
        let (column, item, indicator, finding) = match &order.subject {
            Subject::Column(c) => (Some(*c), None, None, None),
            Subject::Item { id, finding } => (None, Some(*id), None, finding.clone()),
            Subject::Indicator(name) => (None, None, Some(name.clone()), None),
        };
        let detail = json!({
            "unit": order.unit, "column": column, "item": item, "indicator": indicator, "finding": finding,
            "about": what, "note": note, "days": order.days, "due_on": order.due_on.to_string(),
            "before": null, "after": {"status": "open", "due_on": order.due_on.to_string()},
        });
        let target = format!("rectification:{id}");
        Self::audit(&mut tx, Some(site.id), &self.operator, "rectification.add", &target, &detail.to_string()).await?;
        sqlx::query::<DB>(
            "INSERT INTO rectifications (id, site_id, unit_id, column_id, item_id, indicator, finding, note, days, \
             issued_at, due_on, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(site.id)
        .bind(unit_id)
        .bind(column)
        .bind(item)
        .bind(indicator)
        .bind(finding)
        .bind(note)
        .bind(i64::from(order.days))
        .bind(Utc::now())
        .bind(order.due_on)
        .bind(self.operator.as_str())
        .execute(&mut *tx)
        .await?;
        self.finish(tx).await?;
        Ok(id)
    }

    async fn rectifications(&self, site: &Site, unit: Option<&str>) -> Result<Vec<RectificationRow>> {
        let rows = sqlx::query::<DB>(ORDERS).bind(site.id).bind(unit).fetch_all(&self.pool).await?;
        let fixes = sqlx::query::<DB>(FIXES).bind(site.id).bind(unit).fetch_all(&self.pool).await?;
        let mut fixes: std::collections::HashMap<i64, (Option<String>, Fixes)> = fixes
            .iter()
            .map(|row| {
                let fixes = Fixes {
                    column_updated: row.try_get("column_updated")?,
                    item_withdrawn: row.try_get("item_withdrawn")?,
                    item_marked: row.try_get("item_marked")?,
                    finding_waived: row.try_get("finding_waived")?,
                    finding_fixed: finding_fixed(
                        row.try_get::<Option<String>, _>("finding")?.as_deref(),
                        row.try_get::<Option<String>, _>("kinds")?.as_deref(),
                        row.try_get("found_at")?,
                    ),
                };
                Ok((row.try_get("id")?, (row.try_get("close_note")?, fixes)))
            })
            .collect::<Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            // The table's CHECK holds exactly one of them.
            let column: Option<i64> = row.try_get("column_id")?;
            let item: Option<i64> = row.try_get("item_id")?;
            let indicator: Option<String> = row.try_get("indicator")?;
            let subject = match (column, item, indicator) {
                (Some(c), _, _) => Some(Subject::Column(c)),
                (_, Some(i), _) => Some(Subject::Item { id: i, finding: row.try_get("finding")? }),
                (_, _, Some(name)) => Some(Subject::Indicator(name)),
                _ => None,
            }
            .ok_or_else(|| decode_error("rectification", &id.to_string()))?;
            let (note_closed, fixes) = fixes.remove(&id).unwrap_or_default();
            let closed: (Option<DateTime<Utc>>, Option<String>, Option<String>) =
                (row.try_get("closed_at")?, row.try_get("closed_by")?, row.try_get("closed_how")?);
            let closed = match closed {
                (Some(at), Some(by), Some(how)) => Some((at, by, parse::<Closing>("closing", &how)?, note_closed)),
                _ => None,
            };
            let what: Option<Lossy> = row.try_get("subject_text")?;
            out.push(RectificationRow {
                id,
                unit: row.try_get("unit")?,
                unit_full_name: row.try_get("full_name")?,
                subject,
                subject_text: what.map(|w| w.text).unwrap_or_default(),
                note: row.try_get("note")?,
                days: row.try_get("days")?,
                issued_at: row.try_get("issued_at")?,
                due_on: row.try_get("due_on")?,
                issued_by: row.try_get("issued_by")?,
                closed,
                fixes,
            });
        }
        Ok(out)
    }

    async fn close_rectifications(&self, site: &Site, closings: &[RectificationClosing]) -> Result<()> {
        if closings.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write("rectification").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Rectify).await?;
        let mut records = Vec::with_capacity(closings.len());
        for c in closings {
            if c.how == Closing::ByHand && c.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(StoreError::Refused(t!("rectify-needs-note")));
            }
            let closed: Option<Option<DateTime<Utc>>> =
                sqlx::query_scalar("SELECT closed_at FROM rectifications WHERE site_id = $1 AND id = $2")
                    .bind(site.id)
                    .bind(c.id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match closed {
                None => return Err(StoreError::NotFound(t!("rectify-no-order", id = c.id, site = site.code.as_str()))),
                Some(Some(_)) => return Err(StoreError::Refused(t!("rectify-already-closed", id = c.id))),
                Some(None) => {}
            }
            let detail = json!({
                "how": c.how.as_str(), "at": c.at.to_rfc3339(), "note": c.note,
                "before": {"status": "open"}, "after": {"status": "done", "how": c.how.as_str()},
            });
            records.push((format!("rectification:{}", c.id), detail.to_string()));
        }
        Self::audit_many(&mut tx, Some(site.id), &self.operator, "rectification.close", &records).await?;
        for c in closings {
            sqlx::query::<DB>(
                "UPDATE rectifications SET closed_at = $1, closed_by = $2, closed_how = $3, close_note = $4 \
                 WHERE site_id = $5 AND id = $6 AND closed_at IS NULL",
            )
            .bind(c.at)
            .bind(self.operator.as_str())
            .bind(c.how.as_str())
            .bind(c.note.as_deref().map(str::trim))
            .bind(site.id)
            .bind(c.id)
            .execute(&mut *tx)
            .await?;
        }
        self.finish(tx).await?;
        Ok(())
    }

    async fn returned_items(&self, site: &Site, unit: Option<&str>) -> Result<Vec<ReturnedItem>> {
        let rows = sqlx::query::<DB>(
            "SELECT i.id, u.name AS unit, i.title, i.updated_at FROM items i \
             JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
             WHERE i.site_id = $1 AND i.status = 'returned' AND ($2 IS NULL OR u.name = $2) \
             ORDER BY i.updated_at, i.id",
        )
        .bind(site.id)
        .bind(unit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let title: Lossy = row.try_get("title")?;
                Ok(ReturnedItem {
                    id: row.try_get("id")?,
                    unit: row.try_get("unit")?,
                    title: title.text,
                    returned_at: row.try_get("updated_at")?,
                })
            })
            .collect()
    }
}
