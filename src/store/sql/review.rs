//! The review workflow of Art. 8–10: the queue, decisions, publication.

use crate::t;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::assessment::item_points;
use crate::domain::checks::RecordedFinding;
use crate::domain::item::lacking;
use crate::domain::review::{Act, Decision, WorkflowError, after_decision, may_return, wait_limit};
use crate::domain::{Channel, Form, ItemPath, ItemStatus, Stage};
use crate::store::backend::Backend;
use crate::store::text::{Lossy, note_replaced};

/// The statements the console and the reports run most, as the store runs them: each filters by
/// its site (`$1`), on every table it reads, so it reads one site's rows through an index (and on a
/// distributed PostgreSQL stays on the site's shard: docs/scaling.md). `hot_statements` lists them
/// for the plan tests (tests/plans.rs) and the benchmarks' raw-SQL runs.
pub(super) fn queue_sql<DB: Backend>(filter: Option<&ListFilter>) -> String {
    let filter = filter.map_or_else(String::new, |f| item_filter::<DB>(f, 4));
    format!(
        "SELECT \
           (SELECT CAST({agg}({arr}(i.id, i.path, i.stage, u.name, i.form, i.title, i.channel, i.submitted_at, \
               i.version, i.wechat_at)) AS TEXT) \
            FROM items i LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
            WHERE i.site_id = $1 AND i.status = 'pending' AND ($2 IS NULL OR i.path = $2) AND ($3 IS NULL \
                OR i.stage = $3){filter}) AS items, \
           (SELECT CAST({agg}({arr}(p.item_id, c.path, c.position)) AS TEXT) \
            FROM items i JOIN placements p ON p.site_id = i.site_id AND p.item_id = i.id \
                         JOIN columns c ON c.site_id = p.site_id AND c.id = p.column_id \
            WHERE i.site_id = $1 AND i.status = 'pending') AS columns, \
           (SELECT CAST({agg}({arr}(a.item_id, a.kind)) AS TEXT) \
            FROM items i JOIN attachments a ON a.site_id = i.site_id AND a.item_id = i.id \
            WHERE i.site_id = $1 AND i.status = 'pending') AS attachments",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

/// How many items await a decision: the queue's index (`items_queue`) counted on its site and
/// status, no row read.
pub(super) const QUEUE_COUNT: &str = "SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'pending'";

/// The queue's order by step (`domain::review::step_order`) as SQL: the expression of the index
/// items_queue_step, written as schema.sql writes it (SQLite uses an index on an expression only
/// for the same expression).
pub(super) const QUEUE_STEP: &str =
    "CASE i.stage WHEN 'office_review' THEN 0 WHEN 'recheck' THEN 1 WHEN 'review' THEN 2 ELSE 3 END";

/// Since when a pending item has waited (a WeChat item since it went out on WeChat): the
/// expression of the indexes items_queue_step and items_queue_wait.
pub(super) const QUEUE_SINCE: &str = "COALESCE(i.wechat_at, i.submitted_at)";

/// The pending items of site `$1` that a filter keeps (read `way`, its text in `$text`).
fn queue_from<DB: Backend>(filter: Option<(&ListFilter, Way)>, text: usize) -> String {
    let filter = filter.map_or_else(String::new, |(f, way)| {
        let text = search::holds_text::<DB>(way, text, search::cased(&f.text));
        named_by::<DB>(f, &text, "i.id")
    });
    format!("FROM items i WHERE i.site_id = $1 AND i.status = 'pending'{filter}")
}

/// A page of the queue (`ReviewStore::queue_page`) in `order` from `seek`: site `$1`, at most `$2`
/// items, the filter's text in `$3` (read `way`), the key after them (by step: step, since, id;
/// by wait: since, id). One statement, three JSON arrays as `queue_sql`: the page's items, an
/// index range of the order's index (read backwards for `Last` and `Before`), then their columns
/// and their attachments.
///
/// From a key by step, two ranges: the rest of the key's step (equal step, since on: SQLite ranges
/// an index on an expression by one expression, never by a row value of them) and the steps after
/// it, each at most a page, the first page of the two together taken.
pub(super) fn queue_page_sql<DB: Backend>(
    order: QueueOrder,
    filter: Option<(&ListFilter, Way)>,
    seek: Seek<()>,
) -> String {
    let first = if filter.is_some() { 4 } else { 3 };
    let param = |n: usize| format!("${}", first + n);
    let (direction, beyond, within) = match seek {
        Seek::First | Seek::After(()) => ("ASC", ">", ">="),
        Seek::Last | Seek::Before(()) => ("DESC", "<", "<="),
    };
    let by = |keys: &[&str]| keys.iter().map(|k| format!("{k} {direction}")).collect::<Vec<_>>().join(", ");
    let from = queue_from::<DB>(filter, 3);
    let read = |condition: String, keys: &[&str]| {
        format!(
            "SELECT i.id, i.path, i.stage, i.unit_id, i.form, i.title, i.channel, i.submitted_at, i.version, \
                i.wechat_at, {QUEUE_STEP} AS step_at, {QUEUE_SINCE} AS since \
             {from}{condition} ORDER BY {} LIMIT $2",
            by(keys)
        )
    };
    let all = [QUEUE_STEP, QUEUE_SINCE, "i.id"];
    let page = match (order, seek) {
        (QueueOrder::Step, Seek::First | Seek::Last) => read(String::new(), &all),
        (QueueOrder::Wait, Seek::First | Seek::Last) => read(String::new(), &[QUEUE_SINCE, "i.id"]),
        (QueueOrder::Wait, _) => read(
            format!(
                " AND {QUEUE_SINCE} {within} {t} AND ({QUEUE_SINCE}, i.id) {beyond} ({t}, {id})",
                t = param(0),
                id = param(1)
            ),
            &[QUEUE_SINCE, "i.id"],
        ),
        (QueueOrder::Step, _) => {
            let (s, t, id) = (param(0), param(1), param(2));
            let rest = read(
                format!(
                    " AND {QUEUE_STEP} = {s} AND {QUEUE_SINCE} {within} {t} \
                     AND ({QUEUE_SINCE}, i.id) {beyond} ({t}, {id})"
                ),
                &[QUEUE_SINCE, "i.id"],
            );
            let steps = read(format!(" AND {QUEUE_STEP} {beyond} {s}"), &all);
            let by = ["u.step_at", "u.since", "u.id"].map(|k| format!("{k} {direction}")).join(", ");
            format!(
                "SELECT u.* FROM (SELECT * FROM ({rest}) r UNION ALL SELECT * FROM ({steps}) s) u \
                 ORDER BY {by} LIMIT $2"
            )
        }
    };
    // The page's items first, each one's columns and attachments looked up by its id (SQLite's
    // planner takes the tables in the order written after CROSS JOIN; it would scan the site's
    // placements and attachments for a table it knows nothing of). The page is not materialized:
    // SQLite, not knowing a materialized page holds a hundred rows, built a Bloom filter of every
    // placement and attachment for each page (33 ms a page at 100,000 pending items; read where
    // it is used, three index ranges of a hundred rows, 2.5 ms).
    let then = match DB::DIALECT {
        schema::Dialect::Sqlite => "CROSS JOIN",
        schema::Dialect::Postgres => "JOIN",
    };
    format!(
        "WITH page AS NOT MATERIALIZED ({page}) \
         SELECT \
           (SELECT CAST({agg}({arr}(q.id, q.path, q.stage, u.name, q.form, q.title, q.channel, q.submitted_at, \
               q.version, q.wechat_at)) AS TEXT) \
            FROM page q LEFT JOIN units u ON u.site_id = $1 AND u.id = q.unit_id) AS items, \
           (SELECT CAST({agg}({arr}(p.item_id, c.path, c.position)) AS TEXT) \
            FROM page q {then} placements p ON p.item_id = q.id AND p.site_id = $1 \
                        {then} columns c ON c.site_id = p.site_id AND c.id = p.column_id) AS columns, \
           (SELECT CAST({agg}({arr}(a.item_id, a.kind)) AS TEXT) \
            FROM page q {then} attachments a ON a.item_id = q.id AND a.site_id = $1) AS attachments",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

sql_impl! { SqlStore;
    /// Makes a change to an item still at `version`, and bumps the version; a conflict if
    /// somebody changed it meanwhile.
    pub(super) async fn advance(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        item: i64,
        version: i64,
        change: Change,
    ) -> Result<i64> {
        let query = match change {
            Change::Decided { stage, status } => sqlx::query(if status == ItemStatus::Pending {
                "UPDATE items SET stage = $5, status = 'pending', version = version + 1, updated_at = $3 \
                    WHERE site_id = $1 AND id = $2 AND version = $4"
            } else {
                "UPDATE items SET stage = $5, status = 'returned', version = version + 1, updated_at = $3 \
                    WHERE site_id = $1 AND id = $2 AND version = $4"
            })
            .bind(site.id)
            .bind(item)
            .bind(Utc::now())
            .bind(version)
            .bind(stage.as_str()),
            Change::Published { at, points } => sqlx::query(
                "UPDATE items SET stage = 'done', status = 'online', published_at = $5, points = $6, \
                 version = version + 1, updated_at = $3 WHERE site_id = $1 AND id = $2 AND version = $4",
            )
            .bind(site.id)
            .bind(item)
            .bind(Utc::now())
            .bind(version)
            .bind(at)
            .bind(points.points()),
        };
        let done = query.execute(&mut **tx).await?;
        if DB::rows_affected(&done) == 0 {
            return Err(Self::conflict(tx, site, item).await);
        }
        Ok(version + 1)
    }
}

sql_impl! { ReviewStore;
    async fn queue(
        &self,
        site: &Site,
        path: Option<ItemPath>,
        stage: Option<Stage>,
        filter: Option<&ListFilter>,
    ) -> Result<Vec<QueueItem>> {
        // One statement, three JSON arrays (every row through the SQLite driver costs more than
        // the query): the pending items on one index range (items_queue), their columns and their
        // attachments, each by primary-key lookups from those items.
        let sql = queue_sql::<DB>(filter);
        // Leniently decoded: one item whose text is not UTF-8 (SQLite) must not fail the queue.
        let mut query =
            sqlx::query::<DB>(&sql).bind(site.id).bind(path.map(|p| p.as_str())).bind(stage.map(|s| s.as_str()));
        if let Some(filter) = filter {
            query = query.bind(text_param(&filter.text, DB::DIALECT));
        }
        let row = query.fetch_one(&self.pool).await?;
        queue_items(row.try_get("items")?, row.try_get("columns")?, row.try_get("attachments")?, QueueOrder::Step)
    }

    async fn queue_count(&self, site: &Site) -> Result<i64> {
        Ok(sqlx::query_scalar(QUEUE_COUNT).bind(site.id).fetch_one(&self.pool).await?)
    }

    async fn queue_page(
        &self,
        site: &Site,
        order: QueueOrder,
        filter: Option<&ListFilter>,
        seek: Seek<QueueKey>,
        limit: i64,
    ) -> Result<Vec<QueueItem>> {
        let filter = match filter {
            Some(f) => Some((f, self.way_for(&f.text).await?)),
            None => None,
        };
        let sql = queue_page_sql::<DB>(order, filter, seek.shape());
        let mut query = sqlx::query::<DB>(&sql).bind(site.id).bind(limit);
        if let Some((f, way)) = filter {
            query = query.bind(search::param_for(way, &f.text, DB::DIALECT));
        }
        if let Some(key) = seek.key() {
            if order == QueueOrder::Step {
                query = query.bind(key.step);
            }
            query = query.bind(key.since).bind(key.id);
        }
        let row = query.fetch_one(&self.pool).await?;
        queue_items(row.try_get("items")?, row.try_get("columns")?, row.try_get("attachments")?, order)
    }

    async fn queue_total(&self, site: &Site, filter: Option<&ListFilter>, now: DateTime<Utc>) -> Result<QueueCount> {
        let filter = match filter {
            Some(f) => Some((f, self.way_for(&f.text).await?)),
            None => None,
        };
        let text = filter.map(|(f, way)| search::param_for(way, &f.text, DB::DIALECT));
        // Counted as every list is, unfiltered too: PostgreSQL counted 100,000 pending items in
        // 71 ms (their pages are read in 1 ms).
        let total = total!(self, queue_from::<DB>(filter, 2), |query, cap| {
            let _ = cap;
            match &text {
                Some(text) => query.bind(site.id).bind(text.as_str()),
                None => query.bind(site.id),
            }
        });
        // Waited too long: everything waiting past the longer limit (an index range), and the
        // WeChat items waiting between the two limits (a range of at most a day); one reading the
        // whole queue's items to test their channel took 35 ms at 100,000 on PostgreSQL.
        let (day, hour) = (now - wait_limit(Channel::Portal), now - wait_limit(Channel::Wechat));
        let (d, h) = if text.is_some() { (3, 4) } else { (2, 3) };
        let from = queue_from::<DB>(filter, 2);
        let late = format!(
            "SELECT ({}) + ({}) AS late",
            bounded_count(&format!("{from} AND {QUEUE_SINCE} < ${d}")),
            bounded_count(&format!(
                "{from} AND {QUEUE_SINCE} >= ${d} AND {QUEUE_SINCE} < ${h} AND i.channel = 'wechat'"
            )),
        );
        let mut query = sqlx::query_scalar::<DB, i64>(&late).bind(site.id);
        if let Some(text) = &text {
            query = query.bind(text.as_str());
        }
        let late: i64 = query.bind(day).bind(hour).fetch_one(&self.pool).await?;
        let late = if late <= COUNTED { Total::Exact(late) } else { Total::AtLeast(COUNTED) };
        Ok(QueueCount { total, late })
    }

    async fn review_found(
        &self,
        site: &Site,
        item: i64,
        version: Option<i64>,
        decision: &Decision,
        found: Option<&[RecordedFinding]>,
    ) -> Result<Transition> {
        decision.validate().map_err(StoreError::Refused)?;
        let mut tx = self.begin_write("review").await?;
        let current = Self::item_state(&mut tx, site, item, version).await?;
        let to = after_decision(item, current.path, current.stage, decision)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let operator_id = Self::allowed(&mut tx, site, &self.operator, Act::Pass(current.stage)).await?;
        let approve = matches!(decision, Decision::Approve { .. });
        let returning = matches!(decision, Decision::Return { .. });
        // What a unit's submission lacks of what Art. 10 asks: it cannot pass its re-review, and it
        // is what a return sends it back for (nothing else is).
        let mut lacks = Vec::new();
        if (approve || returning) && current.path == ItemPath::Unit {
            let have: Vec<String> =
                sqlx::query_scalar("SELECT kind FROM attachments WHERE site_id = $1 AND item_id = $2")
                    .bind(site.id)
                    .bind(item)
                    .fetch_all(&mut *tx)
                    .await?;
            lacks = lacking(current.path, have.iter().map(String::as_str));
        }
        if approve && !lacks.is_empty() {
            let missing: Vec<String> = lacks.iter().map(|k| k.describe()).collect();
            return Err(StoreError::Refused(t!(
                "store-cannot-pass-recheck",
                item = item.to_string(),
                missing = missing.join(&t!("list-separator"))
            )));
        }
        if returning {
            may_return(item, &lacks).map_err(|e| StoreError::Refused(e.to_string()))?;
        }
        let now = Utc::now();
        let (affirmed, failed, comment, detail) = match decision {
            Decision::Approve { checks, comment } => (
                checks.0,
                0,
                comment.clone(),
                json!({"step": current.stage.as_str(), "checks": checks.to_string(), "comment": comment}),
            ),
            Decision::Reject { failed, reason } => (
                0,
                failed.0,
                reason.clone(),
                json!({"step": current.stage.as_str(), "failed": failed.to_string(), "reason": reason}),
            ),
            // Nothing was checked: no review of the seven checks is recorded; the audit record
            // says what it lacked.
            Decision::Return { reason } => {
                let lacking: Vec<&str> = lacks.iter().map(|k| k.as_str()).collect();
                (0, 0, reason.clone(), json!({"step": current.stage.as_str(), "lacking": lacking, "reason": reason}))
            }
        };
        if !returning {
            sqlx::query(
                "INSERT INTO reviews (site_id, item_id, step, operator_id, decision, checks_affirmed, checks_failed, \
                comment, decided_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(site.id)
            .bind(item)
            .bind(current.stage.as_str())
            .bind(operator_id)
            .bind(if approve { "approve" } else { "reject" })
            .bind(affirmed)
            .bind(failed)
            .bind(comment)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let status = if approve { ItemStatus::Pending } else { ItemStatus::Returned };
        let version =
            Self::advance(&mut tx, site, item, current.version, Change::Decided { stage: to, status }).await?;
        let action = match decision {
            Decision::Approve { .. } => "review.approve",
            Decision::Reject { .. } => "review.reject",
            Decision::Return { .. } => "review.return",
        };
        let mut detail = with_change(detail, (current.stage, current.status), (to, status));
        if let (Some(found), Some(fields)) = (found, detail.as_object_mut()) {
            fields.insert("findings".into(), json!(found));
        }
        Self::audit(&mut tx, Some(site.id), &self.operator, action, &format!("item:{item}"), &detail.to_string())
            .await?;
        self.finish(tx).await?;
        Ok(Transition { item, from: current.stage, to, version })
    }

    async fn publish(&self, site: &Site, item: i64, version: Option<i64>, columns: &[i64]) -> Result<Transition> {
        let mut tx = self.begin_write("publishing").await?;
        let current = Self::item_state(&mut tx, site, item, version).await?;
        if current.stage != Stage::Publish {
            return Err(StoreError::Refused(
                WorkflowError::NotReadyToPublish { item, stage: current.stage.as_str() }.to_string(),
            ));
        }
        Self::allowed(&mut tx, site, &self.operator, Act::Pass(Stage::Publish)).await?;
        if !columns.is_empty() {
            // The administrator's choice replaces the targets (never online: nothing published is removed).
            let known: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM columns WHERE site_id = $1 AND id IN ({})",
                columns.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            ))
            .bind(site.id)
            .fetch_one(&mut *tx)
            .await?;
            let distinct: HashSet<i64> = columns.iter().copied().collect();
            if known != distinct.len() as i64 {
                return Err(StoreError::NotFound(t!(
                    "store-not-site-column",
                    site = site.code.as_str(),
                    columns = format!("{columns:?}")
                )));
            }
            sqlx::query("DELETE FROM placements WHERE site_id = $1 AND item_id = $2 AND online_since IS NULL")
                .bind(site.id)
                .bind(item)
                .execute(&mut *tx)
                .await?;
            for column in distinct {
                sqlx::query(
                    "INSERT INTO placements (site_id, item_id, column_id, form, online_since) VALUES ($1, $2, \
                    $3, $4, NULL)",
                )
                .bind(site.id)
                .bind(item)
                .bind(column)
                .bind(current.form.as_str())
                .execute(&mut *tx)
                .await?;
            }
        }
        let now = Utc::now();
        let placed = sqlx::query::<DB>(
            "SELECT c.id, c.path, p.form FROM placements p JOIN columns c ON c.id = p.column_id WHERE p.site_id = $1 \
                AND p.item_id = $2 ORDER BY c.position",
        )
        .bind(site.id)
        .bind(item)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|row| {
            Ok(Placed {
                column: row.try_get("id")?,
                path: row.try_get("path")?,
                form: parse("form", &row.try_get::<String, _>("form")?)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        if placed.is_empty() {
            return Err(StoreError::Refused(t!("store-no-target-column", item = item.to_string())));
        }
        let forms: Vec<Form> = placed.iter().map(|p| p.form).collect();
        let points = item_points(&forms, None).unwrap_or(current.form);
        sqlx::query("UPDATE placements SET online_since = $3 WHERE site_id = $1 AND item_id = $2")
            .bind(site.id)
            .bind(item)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let version =
            Self::advance(&mut tx, site, item, current.version, Change::Published { at: now, points }).await?;
        if let (Some(unit), true) = (current.unit_id, current.path != ItemPath::Repost) {
            let mut tally = [0i64; 3];
            tally[points.points() as usize - 1] = 1;
            Self::add_points(
                &mut tx,
                site.id,
                HashMap::from([((unit, crate::domain::time::beijing_date(now)), tally)]),
            )
            .await?;
        }
        sqlx::query(
            "UPDATE documents SET published_at = $3 WHERE site_id = $1 AND item_id = $2 AND published_at IS NULL",
        )
        .bind(site.id)
        .bind(item)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let detail = with_change(
            json!({"columns": placed.iter().map(|p| &p.path).collect::<Vec<_>>(), "points": points.as_str()}),
            (Stage::Publish, ItemStatus::Pending),
            (Stage::Done, ItemStatus::Online),
        );
        Self::audit(&mut tx, Some(site.id), &self.operator, "publish", &format!("item:{item}"), &detail.to_string())
            .await?;
        // The orders about its columns that waited for a new item are fixed now.
        let columns: Vec<i64> = placed.iter().map(|p| p.column).collect();
        self.close_columns_fixed(&mut tx, site, Some(&columns)).await?;
        // Its dates changed: its findings found again, with the lists in use.
        Self::check_again(&mut tx, site.id, &self.lists_now(), item).await?;
        // An order about a finding no longer found is fixed now.
        self.close_findings_fixed(&mut tx, site, Some(&[item])).await?;
        self.finish(tx).await?;
        Ok(Transition { item, from: Stage::Publish, to: Stage::Done, version })
    }
}

/// A column an item being published is placed in, in the tree's order.
struct Placed {
    column: i64,
    path: String,
    form: Form,
}

/// An item of `queue_sql`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct ItemJson {
    id: i64,
    path: String,
    stage: String,
    unit: Option<String>,
    form: String,
    title: String,
    channel: String,
    submitted_at: String,
    version: i64,
    wechat_at: Option<String>,
}

/// A column a pending item is placed in, of `queue_sql`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct PlacementJson {
    item: i64,
    path: String,
    /// Its place in the tree's order.
    position: i64,
}

/// An attachment of a pending item, of `queue_sql`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct AttachmentJson {
    item: i64,
    kind: String,
}

/// What `queue_sql` (or a site's row of it over every site) or `queue_page_sql` gives, decoded, in
/// `order`: the workflow's order of steps, then oldest first; or oldest first.
pub(super) fn queue_items(
    items: Option<Lossy>,
    columns: Option<Lossy>,
    attachments: Option<Lossy>,
    order: QueueOrder,
) -> Result<Vec<QueueItem>> {
    let repaired = items.as_ref().is_some_and(|i| i.repaired);
    let (items, columns, attachments) = (items.map(|l| l.text), columns.map(|l| l.text), attachments.map(|l| l.text));
    let mut rows: Vec<ItemJson> = json_rows("queue", items)?;
    for row in &rows {
        note_replaced(repaired, row.id, &[Some(&row.title), row.unit.as_deref()]);
    }
    // The workflow's order of steps, then oldest first.
    let mut keyed: Vec<(usize, DateTime<Utc>, ItemJson)> = rows
        .drain(..)
        // Oldest first: a WeChat item by when it went out on WeChat.
        .map(|r| {
            Ok((
                crate::domain::review::step_order(parse("stage", &r.stage)?),
                stored_time(r.wechat_at.as_deref().unwrap_or(&r.submitted_at))?,
                r,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    match order {
        QueueOrder::Step => keyed.sort_by_key(|k| (k.0, k.1, k.2.id)),
        QueueOrder::Wait => keyed.sort_by_key(|k| (k.1, k.2.id)),
    }
    let mut columns: Vec<PlacementJson> = json_rows("queue columns", columns)?;
    columns.sort_by_key(|c| (c.item, c.position));
    let attachments: Vec<AttachmentJson> = json_rows("queue attachments", attachments)?;
    let mut columns_of: HashMap<i64, Vec<String>> = HashMap::new();
    for c in columns {
        columns_of.entry(c.item).or_default().push(c.path);
    }
    let mut kinds_of: HashMap<i64, HashSet<String>> = HashMap::new();
    for a in attachments {
        kinds_of.entry(a.item).or_default().insert(a.kind);
    }
    keyed
        .into_iter()
        .map(|(_, submitted_at, r)| {
            let path: ItemPath = parse("path", &r.path)?;
            let missing = lacking(path, kinds_of.remove(&r.id).unwrap_or_default().iter().map(String::as_str));
            Ok(QueueItem {
                id: r.id,
                path,
                stage: parse("stage", &r.stage)?,
                unit: r.unit,
                form: parse("form", &r.form)?,
                title: r.title,
                channel: parse("channel", &r.channel)?,
                columns: columns_of.remove(&r.id).unwrap_or_default(),
                submitted_at,
                wechat_at: r.wechat_at.as_deref().map(stored_time).transpose()?,
                missing,
                version: r.version,
            })
        })
        .collect()
}
