//! Importing: a stream of items, incidents and documents written in one transaction (COPY on
//! PostgreSQL, multi-row INSERTs on SQLite), with the running totals.

use crate::t;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::assessment::item_points;
use crate::domain::checks::{Checked, Lists};
use crate::domain::item::{NewDocument, NewIncident, NewItem, RequestStatus};
use crate::domain::review::Act;
use crate::domain::{Form, ItemPath, ItemStatus, Resolution, Role};
use crate::store::backend::Backend;
use crate::store::text::Lossy;

/// The form an item counts at: its highest across its columns.
pub(super) fn item_form(item: &NewItem) -> Form {
    item_points(&item.fields.placements.iter().map(|p| p.1).collect::<Vec<_>>(), None).unwrap_or(item.fields.form)
}

/// The Beijing day an item counts for in the assessment, if it counts: published, not a repost,
/// and online or withdrawn as outdated.
pub(super) fn counted_day(item: &NewItem) -> Option<NaiveDate> {
    let counts = match &item.withdrawal {
        Some(w) => item_points(&[item.fields.form], Some(w.reason)).is_some(),
        None => item.fields.status == ItemStatus::Online,
    };
    (counts && item.fields.path != ItemPath::Repost)
        .then_some(item.fields.published_at.map(crate::domain::time::beijing_date))
        .flatten()
}

/// What the content checks read of an item being written (the document it carries is written
/// after it: `check --all` compares their dates).
fn checked(item: &NewItem) -> Checked<'_> {
    Checked {
        title: &item.fields.title,
        body: &item.fields.body,
        submitted_at: item.fields.submitted_at,
        published_at: item.fields.published_at,
        issued_on: None,
    }
}

/// Items of a batch, with where each sits in the whole stream.
pub(super) struct PendingItems {
    first_index: usize,
    items: Vec<NewItem>,
}

/// An item of a batch (its index there) that is a returned item's corrected resubmission (`item`).
pub(super) struct Resubmission {
    index: usize,
    item: i64,
}

/// Name → id maps of a site, loaded once per write.
pub(super) struct SiteMaps {
    units: HashMap<String, i64>,
    columns: HashMap<String, i64>,
    operators: HashMap<String, i64>,
}

/// One value of a row written in bulk (`write_rows`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
    Time(Option<DateTime<Utc>>),
}

/// Rows of cells in COPY's text format: tab-separated, one line a row, `\N` for null, and the
/// backslash, tab, newline and carriage return escaped.
pub(super) fn copy_text(cells: &[Cell<'_>], width: usize) -> Vec<u8> {
    let mut out = String::with_capacity(cells.len() * 16);
    for row in cells.chunks(width) {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            match cell {
                Cell::Int(Some(n)) => out.push_str(&n.to_string()),
                Cell::Text(Some(t)) => {
                    for c in t.chars() {
                        match c {
                            '\\' => out.push_str("\\\\"),
                            '\t' => out.push_str("\\t"),
                            '\n' => out.push_str("\\n"),
                            '\r' => out.push_str("\\r"),
                            c => out.push(c),
                        }
                    }
                }
                Cell::Time(Some(t)) => out.push_str(&t.format("%Y-%m-%d %H:%M:%S%.6f+00").to_string()),
                Cell::Int(None) | Cell::Text(None) | Cell::Time(None) => out.push_str("\\N"),
            }
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// A load of at least this many items refreshes the planner's statistics.
pub(super) const ANALYZE_AFTER: usize = 10_000;

sql_impl! { SqlStore;
    pub(super) async fn site_maps(tx: &mut Transaction<'static, DB>, site: i64) -> Result<SiteMaps> {
        let units = Self::ids_by_name(tx, site, "SELECT name, id FROM units WHERE site_id = $1").await?;
        let columns = Self::ids_by_name(tx, site, "SELECT path AS name, id FROM columns WHERE site_id = $1").await?;
        let operators = Self::ids_by_name(tx, site, "SELECT name, id FROM operators WHERE site_id = $1").await?;
        Ok(SiteMaps { units, columns, operators })
    }

    /// The ids of a site's rows by their names: `sql` selects `name` and `id` of site `$1`'s.
    async fn ids_by_name(tx: &mut Transaction<'static, DB>, site: i64, sql: &str) -> Result<HashMap<String, i64>> {
        let rows = sqlx::query::<DB>(sql).bind(site).fetch_all(&mut **tx).await?;
        rows.iter().map(|row| Ok((row.try_get("name")?, row.try_get("id")?))).collect()
    }

    /// Registers a name a history carries (the demo's operators, an imported item's reviewers): not
    /// a login, so it never counts as an administrator who could act, and it gets no database role;
    /// audited like every operator.
    pub(super) async fn write_operator(
        tx: &mut Transaction<'static, DB>,
        maps: &mut SiteMaps,
        site: i64,
        operator: &str,
        name: &str,
        role: Role,
    ) -> Result<()> {
        if maps.operators.contains_key(name) {
            return Ok(());
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO operators (site_id, name, role, active, created_at, login) VALUES ($1, $2, $3, $4, $5, $6) \
                RETURNING id",
        )
        .bind(site)
        .bind(name)
        .bind(role.as_str())
        .bind(true)
        .bind(Utc::now())
        .bind(false)
        .fetch_one(&mut **tx)
        .await?;
        maps.operators.insert(name.to_string(), id);
        let detail = json!({"before": null, "after": {"role": role.as_str(), "active": true, "login": false}});
        Self::audit(tx, Some(site), operator, "operator.set", &format!("operator:{name}"), &detail.to_string()).await?;
        Ok(())
    }

    /// Checks a batch against the site (units, columns, refs) before anything of it is written.
    pub(super) async fn check_items(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        batch: &PendingItems,
        refs: &mut HashSet<String>,
    ) -> Result<Vec<Resubmission>> {
        let bad = |i: usize, message: String| StoreError::BadItem { index: batch.first_index + i, message };
        for (i, item) in batch.items.iter().enumerate() {
            if let Some(unit) = &item.fields.unit
                && !maps.units.contains_key(unit)
            {
                return Err(bad(i, t!("store-import-unknown-unit", unit = format!("{unit:?}"))));
            }
            for (column, _) in &item.fields.placements {
                if !maps.columns.contains_key(column) {
                    return Err(bad(i, t!("store-import-unknown-column", column = format!("{column:?}"))));
                }
            }
            if let Some(r) = &item.fields.reference
                && !refs.insert(r.clone())
            {
                return Err(bad(i, t!("store-import-ref-twice", reference = format!("{r:?}"))));
            }
        }
        // A ref already in the database is refused, unless it names an item returned to its unit:
        // then this is the unit's corrected resubmission (Art. 8), which starts its step again.
        let mut again = Vec::new();
        for (i, item) in batch.items.iter().enumerate() {
            let Some(r) = &item.fields.reference else { continue };
            let taken = sqlx::query::<DB>("SELECT id, status, path FROM items WHERE site_id = $1 AND ref = $2")
                .bind(site)
                .bind(r.as_str())
                .fetch_optional(&mut **tx)
                .await?;
            let Some(taken) = taken else { continue };
            let id: i64 = taken.try_get("id")?;
            let status: String = taken.try_get("status")?;
            let path: String = taken.try_get("path")?;
            if status == "returned" && path == item.fields.path.as_str() && item.fields.status == ItemStatus::Pending {
                again.push(Resubmission { index: i, item: id });
            } else {
                return Err(bad(
                    i,
                    t!(
                        "store-import-ref-taken",
                        reference = format!("{r:?}"),
                        id = id.to_string(),
                        status = status.as_str()
                    ),
                ));
            }
        }
        Ok(again)
    }

    /// A returned item submitted again, corrected: its content and targets replaced, back at its
    /// path's review step; its history (the rejection) stays.
    pub(super) async fn resubmit(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        id: i64,
        item: &NewItem,
        operator: &str,
        lists: &Lists,
    ) -> Result<()> {
        let now = Utc::now();
        // What it was, for its audit record.
        let old = sqlx::query::<DB>("SELECT title, stage FROM items WHERE site_id = $1 AND id = $2")
            .bind(site)
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
        let (old_title, old_stage): (String, String) = (old.try_get("title")?, old.try_get("stage")?);
        let step = crate::domain::review::review_step(item.fields.path);
        sqlx::query(
            "UPDATE items SET title = $3, body = $4, form = $5, channel = $6, stage = $7, status = 'pending', \
                points = $8, \
             submitted_at = $9, version = version + 1, updated_at = $10, url = $11, wechat_at = $12 \
                 WHERE site_id = $1 AND id = $2 AND status = 'returned'",
        )
        .bind(site)
        .bind(id)
        .bind(item.fields.title.as_str())
        .bind(item.fields.body.as_str())
        .bind(item.fields.form.as_str())
        .bind(item.fields.channel.as_str())
        .bind(step.as_str())
        .bind(item_form(item).points())
        .bind(item.fields.submitted_at)
        .bind(now)
        .bind(item.fields.url.as_deref())
        .bind(item.fields.wechat_at)
        .execute(&mut **tx)
        .await?;
        Self::write_initials(tx, site, &[(id, item.fields.title.as_str())], false).await?;
        sqlx::query("DELETE FROM placements WHERE site_id = $1 AND item_id = $2 AND online_since IS NULL")
            .bind(site)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for (column, form) in &item.fields.placements {
            sqlx::query(
                "INSERT INTO placements (site_id, item_id, column_id, form, online_since) VALUES ($1, $2, $3, \
                $4, NULL)",
            )
            .bind(site)
            .bind(id)
            .bind(maps.columns[column])
            .bind(form.as_str())
            .execute(&mut **tx)
            .await?;
        }
        for a in &item.attachments {
            sqlx::query(
                "INSERT INTO attachments (site_id, item_id, kind, name, received_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (item_id, kind) DO UPDATE SET name = excluded.name, received_at = excluded.received_at",
            )
            .bind(site)
            .bind(id)
            .bind(a.kind.as_str())
            .bind(a.name.as_str())
            .bind(a.at)
            .execute(&mut **tx)
            .await?;
        }
        let detail = json!({
            "title": item.fields.title, "columns": item.fields.placements.iter().map(|(c, _)| c).collect::<Vec<_>>(),
            "before": {"stage": old_stage, "status": ItemStatus::Returned.as_str(), "title": old_title},
            "after": {"stage": step.as_str(), "status": ItemStatus::Pending.as_str(), "title": item.fields.title},
        });
        Self::audit(tx, Some(site), operator, "item.resubmit", &format!("item:{id}"), &detail.to_string()).await?;
        // Its new text's findings replace those of the text it replaces.
        Self::check_written(tx, site, lists, &[(id, checked(item))], true).await?;
        Ok(())
    }

    /// Writes rows of `width` cells into `table (columns)`: one COPY on PostgreSQL, multi-row
    /// INSERTs of bound values on SQLite. Every bulk path makes its rows once, as cells, here.
    pub(super) async fn write_rows(
        tx: &mut Transaction<'static, DB>,
        table_and_columns: &str,
        width: usize,
        cells: &[Cell<'_>],
    ) -> Result<()> {
        if cells.is_empty() {
            return Ok(());
        }
        let copy = format!("COPY {table_and_columns} FROM STDIN");
        if let Some(done) = DB::copy_in(&mut **tx, copy, copy_text(cells, width)) {
            done.await?;
            return Ok(());
        }
        Self::insert_rows(tx, table_and_columns, width, cells, "").await
    }

    /// Writes rows of `width` cells into `table (columns)` as multi-row INSERTs of bound values,
    /// each statement followed by `then` (an `ON CONFLICT` clause, or nothing).
    pub(super) async fn insert_rows(
        tx: &mut Transaction<'static, DB>,
        table_and_columns: &str,
        width: usize,
        cells: &[Cell<'_>],
        then: &str,
    ) -> Result<()> {
        // Under both databases' limits on bound values (SQLite 32,766).
        let rows_per_statement = 30_000 / width;
        for chunk in cells.chunks(rows_per_statement * width) {
            let mut sql = insert_sql::<DB>(table_and_columns, width, chunk.len() / width);
            sql.push_str(then);
            let mut q = sqlx::query::<DB>(&sql);
            for cell in chunk {
                q = match *cell {
                    Cell::Int(v) => q.bind(v),
                    Cell::Text(v) => q.bind(v),
                    Cell::Time(v) => q.bind(v),
                };
            }
            q.execute(&mut **tx).await?;
        }
        Ok(())
    }

    pub(super) async fn write_items(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        batch: PendingItems,
        ids: &mut Vec<i64>,
        lists: &Lists,
    ) -> Result<()> {
        let n = batch.items.len();
        let new_ids: Vec<i64> =
            sqlx::query_scalar(&DB::reserve_ids_sql("items")).bind(n as i64).fetch_all(&mut **tx).await?;
        if new_ids.len() != n {
            return Err(StoreError::Refused(t!("store-import-no-ids", count = n)));
        }
        let now = Utc::now();
        let items: Vec<(&NewItem, i64)> = batch.items.iter().zip(new_ids.iter().copied()).collect();

        use Cell::{Int, Text, Time};
        let mut cells = Vec::with_capacity(items.len() * 19);
        for (item, id) in &items {
            cells.extend([
                Int(Some(*id)),
                Int(Some(site)),
                Text(item.fields.reference.as_deref()),
                Text(Some(item.fields.title.as_str())),
                Text(Some(item.fields.body.as_str())),
                Text(Some(item.fields.form.as_str())),
                Text(Some(item.fields.path.as_str())),
                Int(item.fields.unit.as_ref().map(|u| maps.units[u])),
                Text(Some(item.fields.channel.as_str())),
                Text(Some(item.fields.stage.as_str())),
                Text(Some(item.fields.status.as_str())),
                Int(Some(1)),
                Int(Some(item_form(item).points())),
                Time(Some(item.fields.submitted_at)),
                Time(item.fields.published_at),
                Time(Some(now)),
                Time(Some(now)),
                Text(item.fields.url.as_deref()),
                Time(item.fields.wechat_at),
            ]);
        }
        Self::write_rows(
            tx,
            "items (id, site_id, ref, title, body, form, path, unit_id, channel, stage, status, version, points, \
                submitted_at, published_at, created_at, updated_at, url, wechat_at)",
            19,
            &cells,
        )
        .await?;

        let mut cells = Vec::new();
        for (item, id) in &items {
            let online = if item.fields.status == ItemStatus::Online { item.fields.published_at } else { None };
            for (column, form) in &item.fields.placements {
                cells.extend([
                    Int(Some(site)),
                    Int(Some(*id)),
                    Int(Some(maps.columns[column])),
                    Text(Some(form.as_str())),
                    Time(online),
                ]);
            }
        }
        Self::write_rows(tx, "placements (site_id, item_id, column_id, form, online_since)", 5, &cells).await?;
        let titles: Vec<(i64, &str)> = items.iter().map(|(item, id)| (*id, item.fields.title.as_str())).collect();
        Self::write_initials(tx, site, &titles, true).await?;

        let mut cells = Vec::new();
        for (i, (item, id)) in items.iter().enumerate() {
            for r in &item.reviews {
                let operator = *maps.operators.get(&r.operator).ok_or_else(|| StoreError::BadItem {
                    index: batch.first_index + i,
                    message: t!("store-import-unknown-operator", operator = format!("{:?}", r.operator)),
                })?;
                cells.extend([
                    Int(Some(site)),
                    Int(Some(*id)),
                    Text(Some(r.step.as_str())),
                    Int(Some(operator)),
                    Text(Some(if r.approve { "approve" } else { "reject" })),
                    Int(Some(r.checks_affirmed)),
                    Int(Some(r.checks_failed)),
                    Text(Some(r.comment.as_str())),
                    Time(Some(r.at)),
                ]);
            }
        }
        Self::write_rows(
            tx,
            "reviews (site_id, item_id, step, operator_id, decision, checks_affirmed, checks_failed, comment, \
                decided_at)",
            9,
            &cells,
        )
        .await?;

        let mut cells = Vec::new();
        for (item, id) in &items {
            for a in &item.attachments {
                cells.extend([
                    Int(Some(site)),
                    Int(Some(*id)),
                    Text(Some(a.kind.as_str())),
                    Text(Some(a.name.as_str())),
                    Time(Some(a.at)),
                ]);
            }
        }
        Self::write_rows(tx, "attachments (site_id, item_id, kind, name, received_at)", 5, &cells).await?;

        let mut cells = Vec::new();
        for (item, id) in &items {
            if let Some(w) = &item.withdrawal {
                cells.extend([
                    Int(Some(site)),
                    Int(Some(*id)),
                    Text(Some(w.reason.as_str())),
                    Text(Some(w.note.as_str())),
                    Time(Some(w.at)),
                    Text(Some(w.by.as_str())),
                ]);
            }
        }
        Self::write_rows(tx, "withdrawals (site_id, item_id, reason, note, withdrawn_at, withdrawn_by)", 6, &cells)
            .await?;

        let mut cells = Vec::new();
        for (item, id) in &items {
            let Some(r) = &item.retraction else { continue };
            let unit =
                match &r.unit {
                    Some(unit) => Some(*maps.units.get(unit).ok_or_else(|| {
                        StoreError::Refused(t!("store-import-request-unit", unit = format!("{unit:?}")))
                    })?),
                    None => None,
                };
            cells.extend([
                Int(Some(site)),
                Int(Some(*id)),
                Int(unit),
                Text(Some(r.reason.as_str())),
                Text(Some(r.note.as_str())),
                Text(Some(r.status.as_str())),
                Time(Some(r.requested_at)),
                Time(r.handled.as_ref().map(|h| h.0)),
                Text(r.handled.as_ref().map(|h| h.1.as_str())),
                Text(r.decline_reason.as_deref()),
                Text(match r.status {
                    RequestStatus::Pending => None,
                    RequestStatus::Done => Some(Resolution::Withdrawn.as_str()),
                    RequestStatus::Rejected => Some(Resolution::Declined.as_str()),
                }),
            ]);
        }
        Self::write_rows(
            tx,
            "retraction_requests (site_id, item_id, unit_id, reason, note, status, requested_at, handled_at, \
                handled_by, decline_reason, resolution)",
            11,
            &cells,
        )
        .await?;
        let mut totals: HashMap<(i64, NaiveDate), [i64; 3]> = HashMap::new();
        for (item, _) in &items {
            if let (Some(unit), Some(day)) = (item.fields.unit.as_ref(), counted_day(item)) {
                totals.entry((maps.units[unit], day)).or_default()[item_form(item).points() as usize - 1] += 1;
            }
        }
        Self::add_points(tx, site, totals).await?;
        // Their findings, with the lists in use, stored with them (those that have any).
        let checked: Vec<(i64, Checked)> = items.iter().map(|(item, id)| (*id, checked(item))).collect();
        Self::check_written(tx, site, lists, &checked, false).await?;
        ids.extend(new_ids);
        Ok(())
    }

    /// Adds to the assessment's running totals (`unit_day_points`).
    pub(super) async fn add_points(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        totals: HashMap<(i64, NaiveDate), [i64; 3]>,
    ) -> Result<()> {
        let mut rows: Vec<_> = totals.into_iter().collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        for chunk in rows.chunks(CHUNK) {
            let mut sql =
                insert_sql::<DB>("unit_day_points (site_id, unit_id, day, text, image_text, video)", 6, chunk.len());
            sql.push_str(
                " ON CONFLICT (site_id, day, unit_id) DO UPDATE SET text = unit_day_points.text + excluded.text, \
                 image_text = unit_day_points.image_text + excluded.image_text, \
                     video = unit_day_points.video + excluded.video",
            );
            let mut q = sqlx::query::<DB>(&sql);
            for ((unit, day), [text, image_text, video]) in chunk {
                q = q.bind(site).bind(*unit).bind(*day).bind(*text).bind(*image_text).bind(*video);
            }
            q.execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Writes the incidents and documents that waited for their items.
    pub(super) async fn write_later(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        ids: &[i64],
        later: &mut Vec<Record>,
    ) -> Result<()> {
        for record in later.drain(..) {
            match record {
                Record::Incident(i) => Self::write_incident(tx, site, maps, ids, &i).await?,
                Record::Document(d) => Self::write_document(tx, site, maps, ids, &d).await?,
                Record::Item(_) | Record::Operator { .. } => {
                    unreachable!("items and operators are written as they come")
                }
            }
        }
        Ok(())
    }

    pub(super) async fn write_incident(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        ids: &[i64],
        incident: &NewIncident,
    ) -> Result<()> {
        let unit = *maps.units.get(&incident.unit).ok_or_else(|| {
            StoreError::Refused(t!("store-import-incident-unit", unit = format!("{:?}", incident.unit)))
        })?;
        let item = incident
            .item
            .map(|i| {
                ids.get(i)
                    .copied()
                    .ok_or_else(|| StoreError::Refused(t!("store-import-incident-item", item = i.to_string())))
            })
            .transpose()?;
        sqlx::query(
            "INSERT INTO incidents (site_id, unit_id, kind, points, item_id, occurred_on, note, recorded_at, \
                recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(site)
        .bind(unit)
        .bind(incident.kind.as_str())
        .bind(incident.kind.points())
        .bind(item)
        .bind(incident.occurred_on)
        .bind(incident.note.as_str())
        .bind(incident.recorded_at)
        .bind(incident.recorded_by.as_str())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub(super) async fn write_document(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        ids: &[i64],
        doc: &NewDocument,
    ) -> Result<()> {
        let column = *maps.columns.get(&doc.column).ok_or_else(|| {
            StoreError::Refused(t!("store-import-document-column", column = format!("{:?}", doc.column)))
        })?;
        let item = doc
            .item
            .map(|i| {
                ids.get(i)
                    .copied()
                    .ok_or_else(|| StoreError::Refused(t!("store-import-document-item", item = i.to_string())))
            })
            .transpose()?;
        sqlx::query(
            "INSERT INTO documents (site_id, number, title, column_id, issued_on, item_id, published_at, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, (SELECT published_at FROM items WHERE site_id = $1 AND id = $6), $7)",
        )
        .bind(site)
        .bind(doc.number.as_str())
        .bind(doc.title.as_str())
        .bind(column)
        .bind(doc.issued_on)
        .bind(item)
        .bind(doc.recorded_at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

sql_impl! { ImportStore;
    async fn insert(
        &self,
        site: &Site,
        action: &str,
        detail: &str,
        records: &mut (dyn Iterator<Item = Record> + Send),
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<u64> {
        let mut tx = self.begin_write(action).await?;
        for setting in DB::BULK_SETTINGS {
            (&mut *tx).execute(*setting).await?;
        }
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        // The audit record first: on SQLite it also takes the write lock before any id is reserved.
        Self::audit(&mut tx, Some(site.id), &self.operator, action, &format!("site:{}", site.code), detail).await?;
        let mut maps = Self::site_maps(&mut tx, site.id).await?;
        let lists = self.lists_now();
        let mut ids: Vec<i64> = Vec::new();
        let mut refs = HashSet::new();
        let mut pending = PendingItems { first_index: 0, items: Vec::with_capacity(CHUNK) };
        // Incidents and documents may point at items still in the pending batch: they wait until
        // the batch is written, so batches stay full-sized.
        let mut later: Vec<Record> = Vec::new();
        let mut done = false;
        while !done {
            let next = records.next();
            done = next.is_none();
            match next {
                Some(Record::Item(item)) => pending.items.push(*item),
                Some(Record::Operator { name, role }) => {
                    Self::write_operator(&mut tx, &mut maps, site.id, &self.operator, &name, role).await?
                }
                Some(other) => later.push(other),
                None => {}
            }
            if pending.items.len() >= CHUNK || (done && !pending.items.is_empty()) {
                let first_index = pending.first_index + pending.items.len();
                let batch =
                    std::mem::replace(&mut pending, PendingItems { first_index, items: Vec::with_capacity(CHUNK) });
                let again = Self::check_items(&mut tx, site.id, &maps, &batch, &mut refs).await?;
                if again.is_empty() {
                    Self::write_items(&mut tx, site.id, &maps, batch, &mut ids, &lists).await?;
                } else {
                    // Resubmissions keep their ids; the ids stay in the stream's order.
                    let mut fresh = PendingItems { first_index: batch.first_index, items: Vec::new() };
                    let mut slots = Vec::with_capacity(batch.items.len());
                    for (i, item) in batch.items.into_iter().enumerate() {
                        match again.iter().find(|r| r.index == i) {
                            Some(&Resubmission { item: id, .. }) => {
                                Self::resubmit(&mut tx, site.id, &maps, id, &item, &self.operator, &lists).await?;
                                slots.push(Some(id));
                            }
                            None => {
                                fresh.items.push(item);
                                slots.push(None);
                            }
                        }
                    }
                    let mut written = Vec::new();
                    if !fresh.items.is_empty() {
                        Self::write_items(&mut tx, site.id, &maps, fresh, &mut written, &lists).await?;
                    }
                    let mut written = written.into_iter();
                    ids.extend(slots.into_iter().map(|slot| slot.or_else(|| written.next()).unwrap_or_default()));
                }
                progress(ids.len() as u64);
                Self::write_later(&mut tx, site.id, &maps, &ids, &mut later).await?;
            }
        }
        Self::write_later(&mut tx, site.id, &maps, &ids, &mut later).await?;
        // The orders about a column that an item published since fixed, closed with the items.
        self.close_columns_fixed(&mut tx, site, None).await?;
        // And those about a finding that an item resubmitted no longer has.
        self.close_findings_fixed(&mut tx, site, None).await?;
        self.finish(tx).await?;
        if ids.len() >= ANALYZE_AFTER {
            // A bulk load changes the tables' shape: refresh the planner's statistics, so reports
            // pick their indexes from the first query on.
            sqlx::query("ANALYZE").execute(self.writer()).await?;
        }
        Ok(ids.len() as u64)
    }
}
