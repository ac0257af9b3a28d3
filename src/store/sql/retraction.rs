//! Withdrawal, marking and restoring (Art. 13), and the requests that ask for them.

use crate::t;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::item::RequestStatus;
use crate::domain::review::Act;
use crate::domain::{Closing, ItemPath, ItemStatus, MarkKind, Resolution, RetractionReason, Stage};
use crate::store::backend::Backend;
use crate::store::text::Lossy;

/// Site `$1`'s retraction requests of status `$2` (`of_status`: one range of
/// retraction_requests_status, the pending few among thousands handled) or all, with each item's
/// columns.
pub(super) fn retraction_requests_sql<DB: Backend>(of_status: bool) -> String {
    format!(
        "SELECT \
           (SELECT CAST({agg}({arr}(r.id, r.item_id, i.title, u.name, r.reason, r.note, r.status, r.requested_at, \
               r.handled_at, r.handled_by, r.resolution, \
                                    (SELECT {agg}(c.path) FROM placements p JOIN columns c ON c.site_id = p.site_id \
                                        AND c.id = p.column_id \
                                     WHERE p.site_id = r.site_id AND p.item_id = r.item_id))) AS TEXT) \
            FROM retraction_requests r JOIN items i ON i.site_id = r.site_id AND i.id = r.item_id \
                 LEFT JOIN units u ON u.site_id = r.site_id AND u.id = r.unit_id \
            WHERE r.site_id = $1{status}) AS requests",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY,
        status = if of_status { " AND r.status = $2" } else { "" }
    )
}

/// The withdrawals of site `$1`, newest first (at most `$2`), with the earliest request each closed;
/// with `filter`, those whose item's id or title, reason, note or withdrawer holds the LIKE pattern
/// `$3` (its text), or whose item is of its units or items; from `seek`, its key (withdrawn_at, id)
/// the two parameters after those (the last pages read oldest first, along withdrawals_at
/// forwards).
pub(super) fn withdrawals_sql<DB: Backend>(filter: Option<&ListFilter>, seek: Seek<()>) -> String {
    let key = if filter.is_some() { 4 } else { 3 };
    let (key, order) = match seek {
        Seek::First => (String::new(), "DESC"),
        Seek::Last => (String::new(), "ASC"),
        Seek::After(()) => (format!(" AND (w.withdrawn_at, w.id) < (${key}, ${})", key + 1), "DESC"),
        Seek::Before(()) => (format!(" AND (w.withdrawn_at, w.id) > (${key}, ${})", key + 1), "ASC"),
    };
    format!(
        "SELECT w.id, w.item_id AS item, i.title, w.reason, w.note, w.withdrawn_at, w.withdrawn_by, \
                ({batch}) AS batch, w.restored_at, w.restored_by, \
                (SELECT MIN(r.requested_at) FROM retraction_requests r \
                 WHERE r.site_id = w.site_id AND r.item_id = w.item_id AND r.resolution = 'withdrawn' \
                   AND r.handled_at = w.withdrawn_at) AS requested_at \
         {from}{key} ORDER BY w.withdrawn_at {order}, w.id {order} LIMIT $2",
        batch = batch_of("w"),
        from = withdrawals_from::<DB>(filter, 3),
    )
}

/// The withdrawals of site `$1` that `filter` keeps, its text in `$text` (as `withdrawals_sql`).
pub(super) fn withdrawals_from<DB: Backend>(filter: Option<&ListFilter>, text: usize) -> String {
    let text = match filter {
        Some(filter) => {
            let columns = ["CAST(w.item_id AS TEXT)", "i.title", "w.reason", "w.note", "w.withdrawn_by"];
            named_by::<DB>(filter, &any_holds::<DB>(&columns, text), "w.item_id")
        }
        None => String::new(),
    };
    format!("FROM withdrawals w JOIN items i ON i.site_id = w.site_id AND i.id = w.item_id WHERE w.site_id = $1{text}")
}

/// The bulk withdrawal the withdrawal `w` (an alias of withdrawals) was part of: the first record
/// written in the same transaction (the same moment, by the same operator, in the same site).
pub(super) fn batch_of(w: &str) -> String {
    format!(
        "SELECT MIN(b.id) FROM withdrawals b \
         WHERE b.site_id = {w}.site_id AND b.withdrawn_at = {w}.withdrawn_at AND b.withdrawn_by = {w}.withdrawn_by"
    )
}

/// A withdrawal's lookups and changes, for the items of `list` in site `$1`.
pub(super) fn batch_states_sql(list: &str) -> String {
    format!("SELECT id, {ITEM_STATE} FROM items WHERE site_id = $1 AND id IN ({list})")
}

pub(super) fn withdraw_items_sql(list: &str) -> String {
    format!(
        "UPDATE items SET status = 'withdrawn', version = version + 1, updated_at = $2 \
         WHERE site_id = $1 AND status = 'online' AND id IN ({list}) RETURNING id"
    )
}

pub(super) fn withdraw_placements_sql(list: &str) -> String {
    format!("UPDATE placements SET online_since = NULL WHERE site_id = $1 AND item_id IN ({list})")
}

pub(super) fn record_withdrawals_sql(list: &str) -> String {
    format!(
        "INSERT INTO withdrawals (site_id, item_id, reason, note, withdrawn_at, withdrawn_by) \
         SELECT $1, id, $2, $3, $4, $5 FROM items WHERE site_id = $1 AND id IN ({list})"
    )
}

pub(super) fn close_requests_sql(list: &str) -> String {
    format!(
        "UPDATE retraction_requests SET status = 'done', resolution = 'withdrawn', handled_at = $2, handled_by = $3 \
         WHERE site_id = $1 AND status = 'pending' AND item_id IN ({list}) RETURNING id, item_id"
    )
}

/// The audit records of the retraction requests a withdrawal or a mark closed: each its own
/// before and after, beside its item's record.
pub(super) fn closed_requests_audit(closed: &[ClosedRequest], resolution: Resolution) -> Vec<(String, String)> {
    closed
        .iter()
        .map(|c| {
            let detail = json!({
                "item": c.item,
                "before": {"status": RequestStatus::Pending.as_str()},
                "after": {"status": RequestStatus::Done.as_str(), "resolution": resolution.as_str()},
            });
            (format!("request:{}", c.request), detail.to_string())
        })
        .collect()
}

/// A retraction request a batch closed, as its `RETURNING id, item_id` gives it.
pub(super) struct ClosedRequest {
    request: i64,
    item: i64,
}

/// The pending requests a batch (a withdrawal, a mark) closed, and how many of an item's.
#[derive(Default)]
struct Closed {
    requests: Vec<ClosedRequest>,
    of_item: HashMap<i64, u64>,
}

impl Closed {
    fn add(&mut self, requests: Vec<ClosedRequest>) {
        for c in &requests {
            *self.of_item.entry(c.item).or_default() += 1;
        }
        self.requests.extend(requests);
    }

    /// How many requests of `item` it closed.
    fn of(&self, item: i64) -> u64 {
        self.of_item.get(&item).copied().unwrap_or(0)
    }
}

/// What a batch does to its items: withdraws them or marks them.
#[derive(Clone, Copy)]
enum Change {
    Withdrawal,
    Marking,
}

/// A batch's change, and when it was made.
#[derive(Clone, Copy)]
struct Batch {
    change: Change,
    at: DateTime<Utc>,
}

impl Change {
    /// Why the rectification orders it fixed are closed.
    fn closing(self) -> Closing {
        match self {
            Change::Withdrawal => Closing::ItemWithdrawn,
            Change::Marking => Closing::ItemMarked,
        }
    }

    /// How the requests it closed were resolved.
    fn resolution(self) -> Resolution {
        match self {
            Change::Withdrawal => Resolution::Withdrawn,
            Change::Marking => Resolution::Marked,
        }
    }
}

sql_impl! { SqlStore;
    /// The requests a batch's UPDATE closed, from the rows it returned (`id`, `item_id`).
    fn closed_requests(rows: &[DB::Row]) -> Result<Vec<ClosedRequest>> {
        rows.iter()
            .map(|row| Ok(ClosedRequest { request: row.try_get("id")?, item: row.try_get("item_id")? }))
            .collect()
    }

    /// A batch's end, once its items are changed: an audit record for each of `items` (`detail`:
    /// what changed for one), the rectification orders the change fixed closed, a record for each
    /// request it closed, then the commit; how many requests it closed.
    async fn finish_batch(
        &self,
        mut tx: Transaction<'static, DB>,
        site: &Site,
        batch: Batch,
        items: &[i64],
        closed: &Closed,
        detail: impl Fn(i64) -> serde_json::Value + Send,
    ) -> Result<u64> {
        let records: Vec<(String, String)> =
            items.iter().map(|id| (format!("item:{id}"), detail(*id).to_string())).collect();
        let action = match batch.change {
            Change::Withdrawal => "retract",
            Change::Marking => "mark",
        };
        Self::audit_many(&mut tx, Some(site.id), &self.operator, action, &records).await?;
        self.close_orders_fixed(&mut tx, site, items, None, batch.change.closing(), batch.at).await?;
        let requests = closed_requests_audit(&closed.requests, batch.change.resolution());
        Self::audit_many(&mut tx, Some(site.id), &self.operator, "retraction.close", &requests).await?;
        self.finish(tx).await?;
        Ok(closed.of_item.values().sum())
    }

    /// The states of a batch of items, in the order given (each once); refused if one is not in
    /// the site.
    pub(super) async fn batch_states(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        items: &[i64],
    ) -> Result<Vec<BatchState>> {
        let mut found: HashMap<i64, ItemState> = HashMap::with_capacity(items.len());
        for chunk in items.chunks(CHUNK) {
            let rows = sqlx::query::<DB>(&batch_states_sql(&id_list(chunk))).bind(site.id).fetch_all(&mut **tx).await?;
            for row in &rows {
                found.insert(row.try_get("id")?, Self::state_of(row)?);
            }
        }
        let mut seen = HashSet::with_capacity(items.len());
        let mut out = Vec::with_capacity(items.len());
        for id in items {
            if !seen.insert(*id) {
                continue;
            }
            let state = found.remove(id).ok_or_else(|| StoreError::no_item(id, &site.code))?;
            out.push(BatchState { id: *id, state });
        }
        Ok(out)
    }

    /// Takes items' points off (−1) or puts them back (+1) in the running totals, where they
    /// count: a unit's item, and withdrawn for anything but being outdated (Art. 16).
    pub(super) async fn shift_points(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        items: &[&ItemState],
        reason: RetractionReason,
        delta: i64,
    ) -> Result<()> {
        if reason == RetractionReason::Outdated {
            return Ok(());
        }
        let mut totals: HashMap<(i64, NaiveDate), [i64; 3]> = HashMap::new();
        for current in items.iter().filter(|c| c.path != ItemPath::Repost) {
            let (Some(unit), Some(published)) = (current.unit_id, current.published_at) else { continue };
            let day = crate::domain::time::beijing_date(published);
            totals.entry((unit, day)).or_default()[(current.points.clamp(1, 3) - 1) as usize] += delta;
        }
        if delta > 0 {
            return Self::add_points(tx, site.id, totals).await;
        }
        // Taking off: each day's row exists (the items counted); an insert would meet the table's
        // check on its own proposed row.
        for ((unit, day), [text, image_text, video]) in totals {
            sqlx::query(
                "UPDATE unit_day_points SET text = text + $4, image_text = image_text + $5, video = video + $6 \
                 WHERE site_id = $1 AND unit_id = $2 AND day = $3",
            )
            .bind(site.id)
            .bind(unit)
            .bind(day)
            .bind(text)
            .bind(image_text)
            .bind(video)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }
}

sql_impl! { RetractionStore;
    async fn retraction_requests(&self, site: &Site, status: Option<RequestStatus>) -> Result<Vec<RetractionRequest>> {
        // One statement: the requests (retraction_requests_status), and each item's columns.
        let sql = retraction_requests_sql::<DB>(status.is_some());
        let mut query = sqlx::query_scalar(&sql).bind(site.id);
        if let Some(status) = status {
            query = query.bind(status.as_str());
        }
        let json: Option<String> = query.fetch_one(&self.pool).await?;
        retraction_requests(json)
    }

    async fn retract(
        &self,
        site: &Site,
        items: &[i64],
        reason: RetractionReason,
        note: &str,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Withdrawal> {
        let mut tx = self.begin_write("withdrawal").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let states = Self::batch_states(&mut tx, site, items).await?;
        let mut out = Withdrawal::default();
        for BatchState { id, state } in &states {
            match state.status {
                ItemStatus::Online => {}
                ItemStatus::Withdrawn => out.already.push(*id),
                other => {
                    return Err(StoreError::Refused(t!(
                        "store-withdraw-not-online",
                        id = id.to_string(),
                        status = other.as_str()
                    )));
                }
            }
        }
        let now = Utc::now();
        let online: Vec<i64> = states.iter().filter(|s| s.state.status == ItemStatus::Online).map(|s| s.id).collect();
        let mut closed = Closed::default();
        for chunk in online.chunks(CHUNK) {
            let list = id_list(chunk);
            // Only one withdrawal each: the status moves from online exactly once, so a second
            // administrator's withdrawal of the same item finds it withdrawn and leaves it.
            let moved: Vec<i64> =
                sqlx::query_scalar(&withdraw_items_sql(&list)).bind(site.id).bind(now).fetch_all(&mut *tx).await?;
            pause_point("retract");
            let moved_set: HashSet<i64> = moved.iter().copied().collect();
            out.already.extend(chunk.iter().filter(|id| !moved_set.contains(id)));
            if moved.is_empty() {
                continue;
            }
            let list = id_list(&moved);
            sqlx::query(&withdraw_placements_sql(&list)).bind(site.id).execute(&mut *tx).await?;
            sqlx::query(&record_withdrawals_sql(&list))
                .bind(site.id)
                .bind(reason.as_str())
                .bind(note)
                .bind(now)
                .bind(self.operator.as_str())
                .execute(&mut *tx)
                .await?;
            let requests = sqlx::query::<DB>(&close_requests_sql(&list))
                .bind(site.id)
                .bind(now)
                .bind(self.operator.as_str())
                .fetch_all(&mut *tx)
                .await?;
            closed.add(Self::closed_requests(&requests)?);
            out.withdrawn.extend(moved);
            progress((out.withdrawn.len() + out.already.len()) as u64);
        }
        if out.withdrawn.is_empty() {
            tx.rollback().await?;
            return Ok(out);
        }
        out.batch = sqlx::query_scalar(
            "SELECT MIN(id) FROM withdrawals WHERE site_id = $1 AND withdrawn_at = $2 AND withdrawn_by = $3",
        )
        .bind(site.id)
        .bind(now)
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let withdrawn: HashSet<i64> = out.withdrawn.iter().copied().collect();
        let taken: Vec<&ItemState> = states.iter().filter(|b| withdrawn.contains(&b.id)).map(|b| &b.state).collect();
        Self::shift_points(&mut tx, site, &taken, reason, -1).await?;
        let batch = out.withdrawn.len();
        let detail = |id| {
            with_change(
                json!({"reason": reason.as_str(), "note": note, "requests_closed": closed.of(id), "batch": batch}),
                (Stage::Done, ItemStatus::Online),
                (Stage::Done, ItemStatus::Withdrawn),
            )
        };
        out.requests_closed = self
            .finish_batch(tx, site, Batch { change: Change::Withdrawal, at: now }, &out.withdrawn, &closed, detail)
            .await?;
        Ok(out)
    }

    async fn mark(&self, site: &Site, items: &[i64], mark: &NewMark) -> Result<Marking> {
        let mut tx = self.begin_write("marking").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let states = Self::batch_states(&mut tx, site, items).await?;
        let mut out = Marking::default();
        for BatchState { id, state } in &states {
            if state.status != ItemStatus::Online {
                return Err(StoreError::Refused(t!(
                    "store-mark-not-online",
                    id = id.to_string(),
                    status = state.status.as_str(),
                    mark = mark.kind.label()
                )));
            }
            if state.mark == Some(mark.kind) {
                out.already.push(*id);
            } else {
                out.marked.push(*id);
            }
        }
        if out.marked.is_empty() {
            tx.rollback().await?;
            return Ok(out);
        }
        let now = Utc::now();
        let mut closed = Closed::default();
        for chunk in out.marked.chunks(CHUNK) {
            let list = id_list(chunk);
            // Not an update of its columns: published_at and the placements stay as they are.
            sqlx::query(&format!(
                "UPDATE items SET mark = $2, version = version + 1, updated_at = $3 WHERE site_id = $1 \
                    AND id IN ({list})"
            ))
            .bind(site.id)
            .bind(mark.kind.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            pause_point("mark");
            sqlx::query(&format!(
                "INSERT INTO item_marks (site_id, item_id, mark, effective_on, replaced_by, note, marked_at, \
                    marked_by) \
                 SELECT $1, id, $2, $3, $4, $5, $6, $7 FROM items WHERE site_id = $1 AND id IN ({list})"
            ))
            .bind(site.id)
            .bind(mark.kind.as_str())
            .bind(mark.effective_on)
            .bind(mark.replaced_by.as_str())
            .bind(mark.note.as_str())
            .bind(now)
            .bind(self.operator.as_str())
            .execute(&mut *tx)
            .await?;
            // A request to withdraw an outdated item is answered by the mark; any other reason
            // (improper, classified, error) still needs the item taken down.
            let requests = sqlx::query::<DB>(&format!(
                "UPDATE retraction_requests SET status = 'done', resolution = 'marked', handled_at = $2, \
                    handled_by = $3 \
                 WHERE site_id = $1 AND status = 'pending' AND reason = 'outdated' AND item_id IN ({list}) \
                     RETURNING id, item_id"
            ))
            .bind(site.id)
            .bind(now)
            .bind(self.operator.as_str())
            .fetch_all(&mut *tx)
            .await?;
            closed.add(Self::closed_requests(&requests)?);
        }
        let before: HashMap<i64, Option<MarkKind>> = states.iter().map(|b| (b.id, b.state.mark)).collect();
        let detail = |id| {
            json!({
                "before": {"mark": before.get(&id).copied().flatten().map(MarkKind::as_str)},
                "after": {"mark": mark.kind.as_str()},
                "mark": mark.kind.as_str(),
                "effective_on": mark.effective_on.to_string(),
                "replaced_by": mark.replaced_by,
                "note": mark.note,
                "requests_closed": closed.of(id),
            })
        };
        out.requests_closed = self
            .finish_batch(tx, site, Batch { change: Change::Marking, at: now }, &out.marked, &closed, detail)
            .await?;
        Ok(out)
    }

    async fn withdrawals(
        &self,
        site: &Site,
        filter: Option<&ListFilter>,
        seek: Seek<(DateTime<Utc>, i64)>,
        limit: i64,
    ) -> Result<Vec<WithdrawalRow>> {
        let sql = withdrawals_sql::<DB>(filter, seek.shape());
        let mut query = sqlx::query::<DB>(&sql).bind(site.id).bind(limit);
        if let Some(filter) = filter {
            query = query.bind(like_pattern(&filter.text));
        }
        if let Some((at, id)) = seek.key() {
            query = query.bind(*at).bind(*id);
        }
        let mut rows = query.fetch_all(&self.pool).await?;
        if seek.backward() {
            rows.reverse();
        }
        rows.iter()
            .map(|row| {
                let restored_at: Option<DateTime<Utc>> = row.try_get("restored_at")?;
                let restored_by: Option<String> = row.try_get("restored_by")?;
                Ok(WithdrawalRow {
                    id: row.try_get("id")?,
                    item: row.try_get("item")?,
                    title: row.try_get("title")?,
                    reason: parse("reason", &row.try_get::<String, _>("reason")?)?,
                    note: row.try_get("note")?,
                    withdrawn_at: row.try_get("withdrawn_at")?,
                    withdrawn_by: row.try_get("withdrawn_by")?,
                    batch: row.try_get("batch")?,
                    restored: restored_at.zip(restored_by),
                    requested_at: row.try_get("requested_at")?,
                    still_public: false,
                })
            })
            .collect()
    }

    async fn withdrawal_total(&self, site: &Site, filter: Option<&ListFilter>) -> Result<Total> {
        let text = filter.map(|f| like_pattern(&f.text));
        Ok(total!(self, withdrawals_from::<DB>(filter, 2), |query, cap| {
            let _ = cap;
            let query = query.bind(site.id);
            match &text {
                Some(text) => query.bind(text.as_str()),
                None => query,
            }
        }))
    }

    async fn restore(&self, site: &Site, item: i64, note: &str) -> Result<Option<Transition>> {
        let mut tx = self.begin_write("restore").await?;
        let open: Option<i64> = sqlx::query_scalar(
            "SELECT w.id FROM withdrawals w JOIN items i ON i.site_id = w.site_id AND i.id = w.item_id \
             WHERE w.site_id = $1 AND w.item_id = $2 AND w.restored_at IS NULL AND i.status = 'withdrawn' \
                 ORDER BY w.withdrawn_at DESC LIMIT 1",
        )
        .bind(site.id)
        .bind(item)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(withdrawal) = open else {
            tx.rollback().await?;
            return Ok(None);
        };
        let (done, version) = self.restore_in(&mut tx, site, &[withdrawal], note).await?;
        if done.restored.is_empty() {
            tx.rollback().await?;
            return Ok(None);
        }
        self.finish(tx).await?;
        Ok(Some(Transition { item, from: Stage::Done, to: Stage::Done, version: version.unwrap_or(0) + 1 }))
    }

    async fn withdrawal_batch(&self, site: &Site, withdrawal: i64) -> Result<Vec<i64>> {
        // Any record of the batch names it: the others written at its moment by its operator.
        let sql = "SELECT w.id FROM withdrawals w JOIN withdrawals x \
                     ON x.site_id = w.site_id AND x.withdrawn_at = w.withdrawn_at AND x.withdrawn_by = w.withdrawn_by \
                   WHERE x.site_id = $1 AND x.id = $2 ORDER BY w.id";
        let ids: Vec<i64> = sqlx::query_scalar(sql).bind(site.id).bind(withdrawal).fetch_all(&self.pool).await?;
        if ids.is_empty() {
            return Err(StoreError::Refused(t!("store-withdrawal-unknown", id = withdrawal.to_string())));
        }
        Ok(ids)
    }

    async fn restore_withdrawals(&self, site: &Site, withdrawals: &[i64], note: &str) -> Result<Restoration> {
        let mut tx = self.begin_write("restore").await?;
        let (done, _) = self.restore_in(&mut tx, site, withdrawals, note).await?;
        if done.restored.is_empty() {
            tx.rollback().await?;
        } else {
            self.finish(tx).await?;
        }
        Ok(done)
    }

    async fn request_retraction(
        &self,
        site: &Site,
        item: i64,
        unit: &str,
        reason: RetractionReason,
        note: &str,
    ) -> Result<i64> {
        let mut tx = self.begin_write("retraction-request").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::RecordRequest).await?;
        let unit_id: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(unit)
            .fetch_optional(&mut *tx)
            .await?;
        let unit_id = unit_id.ok_or_else(|| StoreError::no_unit(unit, &site.code))?;
        let status: Option<String> = sqlx::query_scalar("SELECT status FROM items WHERE site_id = $1 AND id = $2")
            .bind(site.id)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
        match status.as_deref() {
            None => return Err(StoreError::no_item(item, &site.code)),
            Some("online") => {}
            Some(other) => {
                return Err(StoreError::Refused(t!(
                    "store-request-not-online",
                    item = item.to_string(),
                    status = other
                )));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO retraction_requests (site_id, item_id, unit_id, reason, note, status, requested_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING id",
        )
        .bind(site.id)
        .bind(item)
        .bind(unit_id)
        .bind(reason.as_str())
        .bind(note)
        .bind(Utc::now())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "item": item, "unit": unit, "reason": reason.as_str(), "note": note,
            "before": null, "after": {"status": RequestStatus::Pending.as_str()},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "retraction.request",
            &format!("request:{id}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(id)
    }

    async fn decline_request(&self, site: &Site, request: i64, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Refused(t!("store-decline-needs-reason")));
        }
        let mut tx = self.begin_write("request-decline").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let done = sqlx::query(
            "UPDATE retraction_requests SET status = 'rejected', resolution = 'declined', handled_at = $3, \
                handled_by = $4, decline_reason = $5 \
             WHERE site_id = $1 AND id = $2 AND status = 'pending'",
        )
        .bind(site.id)
        .bind(request)
        .bind(Utc::now())
        .bind(self.operator.as_str())
        .bind(reason.trim())
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&done) == 0 {
            return Err(StoreError::Refused(t!(
                "store-request-not-pending",
                request = request.to_string(),
                site = site.code.as_str()
            )));
        }
        let detail = json!({
            "reason": reason.trim(),
            "before": {"status": RequestStatus::Pending.as_str()},
            "after": {"status": RequestStatus::Rejected.as_str(), "resolution": Resolution::Declined.as_str()},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "retraction.decline",
            &format!("request:{request}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(())
    }
}

/// A row of `retraction_requests_sql`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct RequestJson {
    id: i64,
    item: i64,
    title: String,
    unit: Option<String>,
    reason: String,
    note: String,
    status: String,
    requested_at: String,
    handled_at: Option<String>,
    handled_by: Option<String>,
    resolution: Option<String>,
    /// The paths of the columns the item is placed in.
    columns: Option<Vec<String>>,
}

/// What `retraction_requests_sql` (or a site's row of it over every site) gives, decoded: most
/// urgent first.
pub(super) fn retraction_requests(json: Option<String>) -> Result<Vec<RetractionRequest>> {
    let mut out = json_rows::<RequestJson>("retraction requests", json)?
        .into_iter()
        .map(|r| {
            Ok(RetractionRequest {
                id: r.id,
                item: r.item,
                title: r.title,
                unit: r.unit,
                reason: parse("reason", &r.reason)?,
                note: r.note,
                status: RequestStatus::parse(&r.status).ok_or_else(|| decode_error("request status", &r.status))?,
                requested_at: stored_time(&r.requested_at)?,
                handled_at: r.handled_at.as_deref().map(stored_time).transpose()?,
                handled_by: r.handled_by,
                resolution: r.resolution.as_deref().map(|said| parse("resolution", said)).transpose()?,
                columns: r.columns.unwrap_or_default(),
                still_public: false,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|r| (crate::domain::review::urgency(r.reason), r.requested_at, r.id));
    Ok(out)
}
