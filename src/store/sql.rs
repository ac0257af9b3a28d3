//! The store, written once for both backends over a concrete pool (`SqlStore<Postgres>`,
//! `SqlStore<Sqlite>`): runtime queries with `$N` placeholders, which both drivers accept.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Transaction, Type};

use super::backend::Backend;
use super::schema::{self, SCHEMA_VERSION};
use super::text::{Lossy, note_repaired};
use super::{
    AuditEntry, AuditFilter, ColumnRow, DocumentRow, EarningItem, ExportedItem, HistoryEntry, IncidentInput,
    IncidentRow, InitReport, InquiryRow, ItemSummary, ItemText, Marking, NewDocumentInput, NewInquiry, NewMark,
    OperatorChange, OperatorRow, QueueItem, Record, Result, RetractionRequest, Site, SiteCounts, SiteSetup,
    StalenessInputs, Store, StoreError, Transition, UnitRow, UnitTally, Withdrawal, WithdrawalRow,
};
use super::{HotStatement, Param};
use crate::domain::assessment::item_points;
use crate::domain::calendar::{self, CalendarDay, CalendarImport, CalendarNotice, DayKind};
use crate::domain::checks::{self, RecordedFinding};
use crate::domain::column_table::ColumnTable;
use crate::domain::deadline::DeadlineRule;
use crate::domain::item::{AttachmentKind, NewDocument, NewIncident, NewItem, RequestStatus, lacking};
use crate::domain::review::{Act, Decision, WorkflowError, after_decision};
use crate::domain::{Form, ItemPath, ItemStatus, MarkKind, Resolution, RetractionReason, Role, Stage, UnitKind};

/// A load of at least this many items refreshes the planner's statistics.
const ANALYZE_AFTER: usize = 10_000;

/// Items written per statement batch (25,500 bound values: under SQLite's 32,766 and PostgreSQL's 65,535).
pub(super) const CHUNK: usize = 1_500;

/// The documents of site `$1` issued on or before `$2`, with what their deadlines need.
const DOCUMENTS: &str = "SELECT d.id, d.number, d.title, c.id AS column_id, c.path, c.rule_kind, c.rule_amount, c.rule_unit, \
                                d.issued_on, d.published_at \
                         FROM documents d JOIN columns c ON c.site_id = d.site_id AND c.id = d.column_id WHERE d.site_id = $1 AND d.issued_on <= $2";

/// Of those, the ones that were not online before `$3`: never online, or online only after. Two
/// index ranges (documents_open), not a pass over every document ever issued, in one statement:
/// each statement is a round trip to the SQLite driver's worker thread.
fn open_documents_sql() -> String {
    format!("{DOCUMENTS} AND d.published_at IS NULL UNION ALL {DOCUMENTS} AND d.published_at >= $3")
}

/// The statements the console and the reports run most, as the store runs them: each filters by
/// its site (`$1`), on every table it reads, so it reads one site's rows through an index (and on a
/// distributed PostgreSQL stays on the site's shard: docs/scaling.md). `hot_statements` lists them
/// for the plan tests (tests/plans.rs) and the benchmarks' raw-SQL runs.
fn queue_sql<DB: Backend>() -> String {
    format!(
        "SELECT \
           (SELECT CAST({agg}({arr}(i.id, i.path, i.stage, u.name, i.form, i.title, i.channel, i.submitted_at, i.version, i.wechat_at)) AS TEXT) \
            FROM items i LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
            WHERE i.site_id = $1 AND i.status = 'pending' AND ($2 IS NULL OR i.path = $2) AND ($3 IS NULL OR i.stage = $3)), \
           (SELECT CAST({agg}({arr}(p.item_id, c.path, c.position)) AS TEXT) \
            FROM items i JOIN placements p ON p.site_id = i.site_id AND p.item_id = i.id \
                         JOIN columns c ON c.site_id = p.site_id AND c.id = p.column_id \
            WHERE i.site_id = $1 AND i.status = 'pending'), \
           (SELECT CAST({agg}({arr}(a.item_id, a.kind)) AS TEXT) \
            FROM items i JOIN attachments a ON a.site_id = i.site_id AND a.item_id = i.id \
            WHERE i.site_id = $1 AND i.status = 'pending')",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

/// Site `$1`'s columns, each with its latest online placement before `$3` (one index seek per
/// column on placements_column_online: the last online publication of every column without a scan),
/// the documents issued by `$2` open at `$3`, and the calendar when one is open.
fn staleness_sql<DB: Backend>() -> String {
    format!(
        "WITH open_documents AS ({open_documents}) \
         SELECT \
           (SELECT CAST({agg}({arr}(x.id, x.parent_id, x.path, x.level, x.deadline, x.rule_kind, x.rule_amount, x.rule_unit, \
                                     x.departments, x.note, x.position, x.last_update)) AS TEXT) \
            FROM (SELECT c.*, (SELECT p.online_since FROM placements p \
                                WHERE p.site_id = c.site_id AND p.column_id = c.id \
                                  AND p.online_since IS NOT NULL AND p.online_since < $3 \
                                ORDER BY p.online_since DESC LIMIT 1) AS last_update \
                  FROM columns c WHERE c.site_id = $1) x), \
           (SELECT CAST({agg}({arr}(o.id, o.number, o.title, o.column_id, o.path, o.rule_kind, o.rule_amount, o.rule_unit, \
                                     o.issued_on, o.published_at)) AS TEXT) \
            FROM open_documents o), \
           (SELECT CAST({agg}({arr}(k.day, k.kind, k.note)) AS TEXT) \
            FROM calendar_days k WHERE EXISTS (SELECT 1 FROM open_documents))",
        open_documents = open_documents_sql(),
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

/// A page of site `$1`'s column `$2`: its online items, newest first. The bound on online_since
/// alone is what the index (placements_column_online) ranges on.
const COLUMN_ITEMS: &str = "SELECT i.id, i.title, p.online_since, p.form, i.path, u.name, i.mark \
                            FROM placements p JOIN items i ON i.site_id = p.site_id AND i.id = p.item_id \
                            LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
                            WHERE p.site_id = $1 AND p.column_id = $2 AND p.online_since IS NOT NULL";

fn column_items_first_sql() -> String {
    format!("{COLUMN_ITEMS} ORDER BY p.online_since DESC, p.item_id DESC LIMIT $3")
}

/// The page after the key (`$3` online_since, `$4` item id).
fn column_items_after_sql() -> String {
    format!(
        "{COLUMN_ITEMS} AND p.online_since <= $3 AND (p.online_since < $3 OR p.item_id < $4) \
         ORDER BY p.online_since DESC, p.item_id DESC LIMIT $5"
    )
}

const COLUMN_ITEM_COUNT: &str =
    "SELECT COUNT(*) FROM placements WHERE site_id = $1 AND column_id = $2 AND online_since IS NOT NULL";

/// Every unit of site `$1` with its tally for the days `[$2, $3)`: the running totals
/// (unit_day_points, one range of its primary key), never the items themselves, and the incidents.
const UNIT_TALLIES: &str = "SELECT u.id, u.name, u.full_name, u.kind, \
        COALESCE(p.text, 0), COALESCE(p.image_text, 0), COALESCE(p.video, 0), COALESCE(d.points, 0), COALESCE(d.standing, 0) \
 FROM units u \
 LEFT JOIN (SELECT unit_id, CAST(SUM(text) AS BIGINT) AS text, CAST(SUM(image_text) AS BIGINT) AS image_text, \
                   CAST(SUM(video) AS BIGINT) AS video \
            FROM unit_day_points WHERE site_id = $1 AND day >= $2 AND day < $3 GROUP BY unit_id) p ON p.unit_id = u.id \
 LEFT JOIN (SELECT unit_id, CAST(SUM(points) AS BIGINT) AS points, \
                   CAST(SUM(CASE WHEN points < 0 THEN 1 ELSE -1 END) AS BIGINT) AS standing \
            FROM incidents WHERE site_id = $1 AND occurred_on >= $2 AND occurred_on < $3 GROUP BY unit_id) d ON d.unit_id = u.id \
 WHERE u.site_id = $1 ORDER BY u.position";

/// Site `$1`'s retraction requests of status `$2` (`of_status`: one range of
/// retraction_requests_status, the pending few among thousands handled) or all, with each item's
/// columns.
fn retraction_requests_sql<DB: Backend>(of_status: bool) -> String {
    format!(
        "SELECT \
           (SELECT CAST({agg}({arr}(r.id, r.item_id, i.title, u.name, r.reason, r.note, r.status, r.requested_at, r.handled_at, r.handled_by, r.resolution, \
                                    (SELECT {agg}(c.path) FROM placements p JOIN columns c ON c.site_id = p.site_id AND c.id = p.column_id \
                                     WHERE p.site_id = r.site_id AND p.item_id = r.item_id))) AS TEXT) \
            FROM retraction_requests r JOIN items i ON i.site_id = r.site_id AND i.id = r.item_id \
                 LEFT JOIN units u ON u.site_id = r.site_id AND u.id = r.unit_id \
            WHERE r.site_id = $1{status})",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY,
        status = if of_status { " AND r.status = $2" } else { "" }
    )
}

/// The audit page's filters: at or after `$4`; about item `$5` (`item:N`) or its requests (`$6`);
/// by operator `$7`; of action `$8` or under it.
const AUDIT_FILTERS: &str = "id < $2 AND ($4 IS NULL OR at >= $4) \
   AND ($5 IS NULL OR target = $5 OR target IN \
        (SELECT 'request:' || CAST(r.id AS TEXT) FROM retraction_requests r WHERE r.site_id = $1 AND r.item_id = $6)) \
   AND ($7 IS NULL OR operator = $7) AND ($8 IS NULL OR action = $8 OR action LIKE $8 || '.%')";

/// A page of the audit trail of site `$1` and of changes to no site, newest first, before id `$2`:
/// two ranges of audit_log_site (site, id) read backwards and merged, never the other sites' rows.
fn audit_page_sql() -> String {
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

/// The latest withdrawals of site `$1` (at most `$2`), with the earliest request each closed.
const WITHDRAWALS: &str = "SELECT w.id, w.item_id, i.title, w.reason, w.note, w.withdrawn_at, w.withdrawn_by, w.restored_at, w.restored_by, \
        (SELECT MIN(r.requested_at) FROM retraction_requests r \
         WHERE r.site_id = w.site_id AND r.item_id = w.item_id AND r.resolution = 'withdrawn' AND r.handled_at = w.withdrawn_at) \
 FROM withdrawals w JOIN items i ON i.site_id = w.site_id AND i.id = w.item_id \
 WHERE w.site_id = $1 ORDER BY w.withdrawn_at DESC, w.id DESC LIMIT $2";

/// A withdrawal's lookups and changes, for the items of `list` in site `$1`.
fn batch_states_sql(list: &str) -> String {
    format!(
        "SELECT id, path, stage, status, form, version, unit_id, published_at, points, mark FROM items WHERE site_id = $1 AND id IN ({list})"
    )
}

fn withdraw_items_sql(list: &str) -> String {
    format!(
        "UPDATE items SET status = 'withdrawn', version = version + 1, updated_at = $2 \
         WHERE site_id = $1 AND status = 'online' AND id IN ({list}) RETURNING id"
    )
}

fn withdraw_placements_sql(list: &str) -> String {
    format!("UPDATE placements SET online_since = NULL WHERE site_id = $1 AND item_id IN ({list})")
}

fn record_withdrawals_sql(list: &str) -> String {
    format!(
        "INSERT INTO withdrawals (site_id, item_id, reason, note, withdrawn_at, withdrawn_by) \
         SELECT $1, id, $2, $3, $4, $5 FROM items WHERE site_id = $1 AND id IN ({list})"
    )
}

fn close_requests_sql(list: &str) -> String {
    format!(
        "UPDATE retraction_requests SET status = 'done', resolution = 'withdrawn', handled_at = $2, handled_by = $3 \
         WHERE site_id = $1 AND status = 'pending' AND item_id IN ({list}) RETURNING id, item_id"
    )
}

/// The audit records of the retraction requests a withdrawal or a mark closed (request, item):
/// each its own before and after, beside its item's record.
fn closed_requests_audit(closed: &[(i64, i64)], resolution: Resolution) -> Vec<(String, String)> {
    closed
        .iter()
        .map(|(request, item)| {
            let detail = json!({
                "item": item,
                "before": {"status": RequestStatus::Pending.as_str()},
                "after": {"status": RequestStatus::Done.as_str(), "resolution": resolution.as_str()},
            });
            (format!("request:{request}"), detail.to_string())
        })
        .collect()
}

/// The hot statements for one backend (`super::hot_statements`).
pub(crate) fn hot_statements<DB: Backend>() -> Vec<HotStatement> {
    use Param::*;
    let list = id_list(&[1, 2, 3]);
    let hot = |name: &'static str, sql: String, params: Vec<Param>| HotStatement { name, sql, params };
    vec![
        hot("queue", queue_sql::<DB>(), vec![Site, NullText, NullText]),
        hot("stale", staleness_sql::<DB>(), vec![Site, Day, Instant]),
        hot("column items", column_items_first_sql(), vec![Site, Column, Int(50)]),
        hot("column items, next page", column_items_after_sql(), vec![Site, Column, Instant, Item, Int(50)]),
        hot("column item count", COLUMN_ITEM_COUNT.to_string(), vec![Site, Column]),
        hot("scores", UNIT_TALLIES.to_string(), vec![Site, YearStart, YearEnd]),
        hot("retraction requests", retraction_requests_sql::<DB>(true), vec![Site, Text("pending")]),
        hot(
            "audit page",
            audit_page_sql(),
            vec![Site, Int(i64::MAX), Int(200), NullTime, NullText, Int(0), NullText, NullText],
        ),
        hot("withdrawals", WITHDRAWALS.to_string(), vec![Site, Int(200)]),
        hot("withdrawal: the items' states", batch_states_sql(&list), vec![Site]),
        hot("withdrawal: the items", withdraw_items_sql(&list), vec![Site, Instant]),
        hot("withdrawal: their placements", withdraw_placements_sql(&list), vec![Site]),
        hot(
            "withdrawal: the records",
            record_withdrawals_sql(&list),
            vec![Site, Text("outdated"), Text(""), Instant, Text("bench")],
        ),
        hot("withdrawal: the requests it closes", close_requests_sql(&list), vec![Site, Instant, Text("bench")]),
    ]
}

pub(crate) struct SqlStore<DB: Database> {
    pub(super) pool: Pool<DB>,
    described: String,
    /// Why nothing may be changed, if nothing may: `--read-only`, or a file this user cannot write.
    read_only: Option<String>,
    pub(super) operator: String,
}

/// The form an item counts at: its highest across its columns.
fn item_form(item: &NewItem) -> Form {
    item_points(&item.placements.iter().map(|p| p.1).collect::<Vec<_>>(), None).unwrap_or(item.form)
}

/// The Beijing day an item counts for in the assessment, if it counts: published, not a repost,
/// and online or withdrawn as outdated.
fn counted_day(item: &NewItem) -> Option<NaiveDate> {
    let counts = match &item.withdrawal {
        Some(w) => item_points(&[item.form], Some(w.reason)).is_some(),
        None => item.status == ItemStatus::Online,
    };
    (counts && item.path != ItemPath::Repost)
        .then_some(item.published_at.map(crate::domain::time::beijing_date))
        .flatten()
}

/// Where a test may stop a change between its statements (debug builds only): with
/// `PORTAL_ADMIN_TEST_PAUSE=NAME` the change says `paused at NAME` on stderr and waits for a line on
/// stdin, so a test can kill the process or drop its connection in the middle of the transaction.
#[cfg(debug_assertions)]
fn pause_point(name: &str) {
    if std::env::var("PORTAL_ADMIN_TEST_PAUSE").is_ok_and(|v| v == name) {
        eprintln!("paused at {name}");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
}

#[cfg(not(debug_assertions))]
fn pause_point(_: &str) {}

/// An audit record's detail with the before and after of an item's state added.
fn with_change(
    mut detail: serde_json::Value,
    before: (Stage, ItemStatus),
    after: (Stage, ItemStatus),
) -> serde_json::Value {
    let state = |(stage, status): (Stage, ItemStatus)| json!({"stage": stage.as_str(), "status": status.as_str()});
    if let Some(map) = detail.as_object_mut() {
        map.insert("before".into(), state(before));
        map.insert("after".into(), state(after));
    }
    detail
}

/// Item ids written into a statement as a list (integers only, so nothing can be injected; one
/// statement for a batch instead of a bound parameter per id).
pub(super) fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// `INSERT INTO table (columns) VALUES ($1, …), (…)` for `rows` rows of `width` values.
pub(super) fn insert_sql<DB: Backend>(table_and_columns: &str, width: usize, rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table_and_columns} VALUES ");
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            DB::push_placeholder(&mut sql, r * width + c + 1);
        }
        sql.push(')');
    }
    sql
}

/// One value of a row written in bulk (`write_rows`).
#[derive(Debug, Clone, Copy)]
enum Cell<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
    Time(Option<DateTime<Utc>>),
}

/// Rows of cells in COPY's text format: tab-separated, one line a row, `\N` for null, and the
/// backslash, tab, newline and carriage return escaped.
fn copy_text(cells: &[Cell<'_>], width: usize) -> Vec<u8> {
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

fn decode_error(what: &str, value: &str) -> StoreError {
    StoreError::decode(what, value)
}

/// A column's rule from its stored parts.
fn stored_rule(kind: &str, amount: Option<i64>, unit: Option<&str>) -> Result<DeadlineRule> {
    DeadlineRule::from_parts(kind, amount, unit).ok_or_else(|| decode_error("rule", kind))
}

pub(super) fn parse<T: FromStr>(what: &str, value: &str) -> Result<T> {
    value.parse().map_err(|_| decode_error(what, value))
}

/// A time as a JSON array of rows gives it: RFC 3339 text (SQLite's stored text, PostgreSQL's
/// JSON form of a timestamptz).
fn stored_time(value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&Utc)).map_err(|_| decode_error("time", value))
}

/// The rows of a JSON array built by the database (`None`: no rows, as PostgreSQL's `json_agg`
/// gives for none).
fn json_rows<T: serde::de::DeserializeOwned>(what: &str, json: Option<String>) -> Result<Vec<T>> {
    match json {
        Some(text) => serde_json::from_str(&text).map_err(|e| decode_error(what, &e.to_string())),
        None => Ok(Vec::new()),
    }
}

/// Where an item stands in the workflow.
struct ItemState {
    path: ItemPath,
    stage: Stage,
    status: ItemStatus,
    form: Form,
    version: i64,
    unit_id: Option<i64>,
    published_at: Option<DateTime<Utc>>,
    /// The form it counts at (items.points).
    points: i64,
    mark: Option<MarkKind>,
}

/// A change to an item's workflow state.
enum Change {
    Decided { stage: Stage, status: ItemStatus },
    Published { at: DateTime<Utc>, points: Form },
}

/// Items of a batch, with where each sits in the whole stream.
struct PendingItems {
    first_index: usize,
    items: Vec<NewItem>,
}

/// Name → id maps of a site, loaded once per write.
struct SiteMaps {
    units: HashMap<String, i64>,
    columns: HashMap<String, i64>,
    operators: HashMap<String, i64>,
}

impl<DB> SqlStore<DB>
where
    DB: Backend,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'c> &'c Pool<DB>: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<String>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, DB>,
    for<'q> Lossy: Decode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    pub(crate) async fn new(
        pool: Pool<DB>,
        described: String,
        read_only: Option<String>,
        os_user: Option<String>,
    ) -> Result<Self> {
        let operator = match DB::CURRENT_USER {
            Some(sql) => sqlx::query_scalar::<DB, String>(sql).fetch_one(&pool).await?,
            None => os_user.unwrap_or_default(),
        };
        Ok(SqlStore { pool, described, read_only, operator })
    }

    /// The history entries of the content checks' findings recorded with each review decision on an
    /// item (in its audit record): what each decision found, waived or not, and what an earlier
    /// one found that it no longer did (fixed). Decisions recorded without findings are left out.
    async fn findings_at_decisions(&self, site: &Site, id: i64) -> Result<Vec<HistoryEntry>> {
        let records: Vec<(DateTime<Utc>, String, String, String)> = sqlx::query_as(
            "SELECT at, operator, action, detail FROM audit_log \
             WHERE site_id = $1 AND target = $2 AND action IN ('review.approve', 'review.reject') ORDER BY id",
        )
        .bind(site.id)
        .bind(format!("item:{id}"))
        .fetch_all(&self.pool)
        .await?;
        let mut decisions = Vec::new();
        let mut found = Vec::new();
        for (at, operator, action, detail) in records {
            let Ok(detail) = serde_json::from_str::<serde_json::Value>(&detail) else { continue };
            let Some(findings) = detail.get("findings").cloned() else { continue };
            let Ok(findings) = serde_json::from_value::<Vec<RecordedFinding>>(findings) else { continue };
            let step = detail.get("step").and_then(|s| s.as_str()).unwrap_or("").to_string();
            let decision = action.trim_start_matches("review.").to_string();
            decisions.push((at, operator, format!("{decision} ({step})")));
            found.push(findings);
        }
        let mut history = Vec::new();
        for ((at, operator, decision), (now, fixed)) in decisions.into_iter().zip(checks::at_decisions(&found)) {
            let entry = |event: String| HistoryEntry { at, operator: operator.clone(), event };
            let none_fixed = fixed.is_empty();
            for f in fixed {
                history.push(entry(format!(
                    "fixed by {decision}: {} “{}” (found at the decision before)",
                    f.kind, f.text
                )));
            }
            for f in now {
                let blocking = if f.blocking { ", blocking" } else { "" };
                let waived = f.waived.as_ref().map_or_else(String::new, |w| format!(" — waived ({w})"));
                history.push(entry(format!(
                    "found at {decision}: {} “{}” ({}{blocking}) {}{waived}",
                    f.kind, f.text, f.span, f.message
                )));
            }
            if now.is_empty() && none_fixed {
                history.push(entry(format!("content checks at {decision}: nothing found")));
            }
        }
        Ok(history)
    }

    pub(super) async fn begin_write(&self, what: &str) -> Result<Transaction<'static, DB>> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::Refused(format!("read-only: {what} is not allowed ({why})")));
        }
        Ok(self.pool.begin_with(DB::BEGIN_WRITE).await?)
    }

    /// A transaction that changes the calendar, which is every site's: only an active
    /// administrator of a site opens one.
    async fn begin_calendar_change(&self) -> Result<Transaction<'static, DB>> {
        let mut tx = self.begin_write("changing the calendar").await?;
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM operators WHERE name = $1 AND active ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'reviewer' THEN 1 ELSE 2 END LIMIT 1",
        )
        .bind(self.operator.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if role.as_deref() != Some(Role::Admin.as_str()) {
            let who = role.map_or(String::from("not an active operator"), |r| r);
            return Err(StoreError::Refused(format!(
                "{} ({who}) may not change the calendar: only an active administrator of a site does",
                self.operator
            )));
        }
        Ok(tx)
    }

    /// Records the notices of `years` as held (those not recorded yet); how many were new.
    async fn record_notices(
        tx: &mut Transaction<'static, DB>,
        years: &[i32],
        source: &str,
        operator: &str,
    ) -> Result<usize> {
        let mut added = 0;
        for year in years {
            let done = sqlx::query(
                "INSERT INTO calendar_notices (year, source, recorded_at, recorded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (year) DO NOTHING",
            )
            .bind(i64::from(*year))
            .bind(source)
            .bind(Utc::now())
            .bind(operator)
            .execute(&mut **tx)
            .await?;
            added += DB::rows_affected(&done) as usize;
        }
        Ok(added)
    }

    pub(super) async fn audit(
        tx: &mut Transaction<'static, DB>,
        site: Option<i64>,
        operator: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<()> {
        Self::audit_many(tx, site, operator, action, &[(target.to_string(), detail.to_string())]).await
    }

    /// Audit records of one action on several targets (target, detail), written together.
    async fn audit_many(
        tx: &mut Transaction<'static, DB>,
        site: Option<i64>,
        operator: &str,
        action: &str,
        records: &[(String, String)],
    ) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let at = Utc::now();
        for chunk in records.chunks(CHUNK) {
            let sql = insert_sql::<DB>("audit_log (site_id, at, operator, action, target, detail)", 6, chunk.len());
            let mut q = sqlx::query::<DB>(&sql);
            for (target, detail) in chunk {
                q = q.bind(site).bind(at).bind(operator).bind(action).bind(target.as_str()).bind(detail.as_str());
            }
            q.execute(&mut **tx).await?;
        }
        if let Some(notify) = DB::NOTIFY {
            // Delivered when the transaction commits, never for one rolled back.
            sqlx::query::<DB>(notify).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// The states of a batch of items, in the order given (each once); refused if one is not in
    /// the site.
    async fn batch_states(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        items: &[i64],
    ) -> Result<Vec<(i64, ItemState)>> {
        type Row = (i64, String, String, String, String, i64, Option<i64>, Option<DateTime<Utc>>, i64, Option<String>);
        let mut found: HashMap<i64, ItemState> = HashMap::with_capacity(items.len());
        for chunk in items.chunks(CHUNK) {
            let rows: Vec<Row> =
                sqlx::query_as(&batch_states_sql(&id_list(chunk))).bind(site.id).fetch_all(&mut **tx).await?;
            for (id, path, stage, status, form, version, unit_id, published_at, points, mark) in rows {
                let state = ItemState {
                    path: parse("path", &path)?,
                    stage: parse("stage", &stage)?,
                    status: parse("status", &status)?,
                    form: parse("form", &form)?,
                    version,
                    unit_id,
                    published_at,
                    points,
                    mark: mark.as_deref().map(|m| parse("mark", m)).transpose()?,
                };
                found.insert(id, state);
            }
        }
        let mut seen = HashSet::with_capacity(items.len());
        let mut out = Vec::with_capacity(items.len());
        for id in items {
            if !seen.insert(*id) {
                continue;
            }
            let state =
                found.remove(id).ok_or_else(|| StoreError::NotFound(format!("no item {id} in site {}", site.code)))?;
            out.push((*id, state));
        }
        Ok(out)
    }

    /// An item's workflow state, checked against the version the caller read (if it gave one).
    async fn item_state(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        item: i64,
        version: Option<i64>,
    ) -> Result<ItemState> {
        type Row = (String, String, String, String, i64, Option<i64>, Option<DateTime<Utc>>, i64, Option<String>);
        let row: Option<Row> = sqlx::query_as(
            "SELECT path, stage, status, form, version, unit_id, published_at, points, mark FROM items WHERE site_id = $1 AND id = $2",
        )
        .bind(site.id)
        .bind(item)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((path, stage, status, form, current, unit_id, published_at, points, mark)) = row else {
            return Err(StoreError::NotFound(format!("no item {item} in site {}", site.code)));
        };
        if version.is_some_and(|v| v != current) {
            return Err(Self::conflict(tx, site, item).await);
        }
        Ok(ItemState {
            path: parse("path", &path)?,
            stage: parse("stage", &stage)?,
            status: parse("status", &status)?,
            form: parse("form", &form)?,
            version: current,
            unit_id,
            published_at,
            points,
            mark: mark.as_deref().map(|m| parse("mark", m)).transpose()?,
        })
    }

    /// Who last changed an item, for a conflict message.
    async fn conflict(tx: &mut Transaction<'static, DB>, site: &Site, item: i64) -> StoreError {
        let last: Option<(String, DateTime<Utc>, String)> = sqlx::query_as(
            "SELECT operator, at, action FROM audit_log WHERE site_id = $1 AND target = $2 ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(site.id)
        .bind(format!("item:{item}"))
        .fetch_optional(&mut **tx)
        .await
        .ok()
        .flatten();
        StoreError::Conflict(match last {
            Some((who, at, action)) => format!(
                "item {item} was changed by {who} at {} ({action}) since it was read; reload it and decide again",
                crate::domain::time::format_time(at, false)
            ),
            None => format!("item {item} was changed since it was read; reload it and decide again"),
        })
    }

    /// Takes items' points off (−1) or puts them back (+1) in the running totals, where they
    /// count: a unit's item, and withdrawn for anything but being outdated (Art. 16).
    async fn shift_points(
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

    /// The operator's id if they are an active operator of the site whose role allows `act`.
    pub(super) async fn allowed(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        operator: &str,
        act: Act,
    ) -> Result<i64> {
        let row: Option<(i64, String, bool)> =
            sqlx::query_as("SELECT id, role, active FROM operators WHERE site_id = $1 AND name = $2")
                .bind(site.id)
                .bind(operator)
                .fetch_optional(&mut **tx)
                .await?;
        let Some((id, role, active)) = row else {
            return Err(StoreError::Refused(format!(
                "{operator} is not an operator of site {}; an administrator must register them first",
                site.code
            )));
        };
        let role: Role = parse("role", &role)?;
        if !active {
            return Err(StoreError::Refused(format!(
                "{operator} is no longer an active operator of site {}",
                site.code
            )));
        }
        if !act.allowed(role) {
            return Err(StoreError::Refused(
                WorkflowError::NotAllowed { operator: operator.to_string(), role: role.as_str(), act }.to_string(),
            ));
        }
        Ok(id)
    }

    /// Makes a change to an item still at `version`, and bumps the version; a conflict if
    /// somebody changed it meanwhile.
    async fn advance(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        item: i64,
        version: i64,
        change: Change,
    ) -> Result<i64> {
        let query = match change {
            Change::Decided { stage, status } => sqlx::query(if status == ItemStatus::Pending {
                "UPDATE items SET stage = $5, status = 'pending', version = version + 1, updated_at = $3 WHERE site_id = $1 AND id = $2 AND version = $4"
            } else {
                "UPDATE items SET stage = $5, status = 'returned', version = version + 1, updated_at = $3 WHERE site_id = $1 AND id = $2 AND version = $4"
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

    async fn check_schema(&self) -> Result<()> {
        match self.schema_version_inner().await? {
            None => Err(StoreError::NoSchema(self.described.clone())),
            Some(found) if found > SCHEMA_VERSION => {
                Err(StoreError::NewerSchema { target: self.described.clone(), found, supported: SCHEMA_VERSION })
            }
            Some(found) if found < SCHEMA_VERSION => Err(StoreError::Refused(format!(
                "{} has schema version {found}, older than this portal-admin's {SCHEMA_VERSION}; run `portal-admin init` to upgrade it",
                self.described
            ))),
            Some(_) => Ok(()),
        }
    }

    async fn schema_version_inner(&self) -> Result<Option<i64>> {
        let tables: i64 = sqlx::query_scalar(DB::TABLE_EXISTS).bind("schema_meta").fetch_one(&self.pool).await?;
        if tables == 0 {
            return Ok(None);
        }
        // A login without rights here sees the tables but may not read them: not an operator.
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM schema_meta WHERE key = 'schema_version'")
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(d) if d.code().as_deref() == Some("42501") => {
                    StoreError::NoAccess { target: self.described.clone(), who: self.operator.clone() }
                }
                _ => e.into(),
            })?;
        match value {
            None => Ok(None),
            Some(v) => Ok(Some(parse("schema version", &v)?)),
        }
    }

    /// Creates a site with its units, column tree and first administrator.
    async fn create_site(
        tx: &mut Transaction<'static, DB>,
        setup: &SiteSetup,
        operator: &str,
        report: &mut InitReport,
    ) -> Result<i64> {
        let now = Utc::now();
        let site_id: i64 =
            sqlx::query_scalar("INSERT INTO sites (code, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(setup.code.as_str())
                .bind(setup.name.as_str())
                .bind(now)
                .fetch_one(&mut **tx)
                .await?;
        let mut unit_ids = HashMap::new();
        for (position, unit) in setup.table.units.iter().enumerate() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO units (site_id, name, full_name, kind, position) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(site_id)
            .bind(unit.name.as_str())
            .bind(unit.full_name.as_str())
            .bind(unit.kind.as_str())
            .bind(position as i64)
            .fetch_one(&mut **tx)
            .await?;
            unit_ids.insert(unit.name.as_str(), id);
        }
        let mut column_ids: HashMap<String, i64> = HashMap::new();
        for (position, column) in setup.table.columns.iter().enumerate() {
            let parent = (column.level() > 1).then(|| column_ids[&column.path[..column.level() - 1].join(" / ")]);
            let (amount, unit) = match column.rule.amount_and_period() {
                Some((a, p)) => (Some(i64::from(a)), Some(p.as_str())),
                None => (None, None),
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO columns (site_id, parent_id, name, path, level, position, deadline, rule_kind, rule_amount, rule_unit, departments, note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(site_id)
            .bind(parent)
            .bind(column.name())
            .bind(column.path_text())
            .bind(column.level() as i64)
            .bind(position as i64)
            .bind(column.deadline.as_str())
            .bind(column.rule.kind())
            .bind(amount)
            .bind(unit)
            .bind(column.departments.as_str())
            .bind(column.note.as_str())
            .fetch_one(&mut **tx)
            .await?;
            column_ids.insert(column.path_text(), id);
            for unit in &column.units {
                sqlx::query("INSERT INTO column_units (site_id, column_id, unit_id) VALUES ($1, $2, $3)")
                    .bind(site_id)
                    .bind(id)
                    .bind(unit_ids[unit.as_str()])
                    .execute(&mut **tx)
                    .await?;
            }
        }
        sqlx::query("INSERT INTO operators (site_id, name, role, active, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(site_id)
            .bind(operator)
            .bind(Role::Admin.as_str())
            .bind(true)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        if let Some(set_login) = DB::SET_LOGIN {
            sqlx::query(set_login).bind(operator).bind(Role::Admin.as_str()).execute(&mut **tx).await?;
        }
        report.site_created = true;
        report.units = setup.table.units.len();
        report.columns = setup.table.columns.len();
        report.first_admin = Some(operator.to_string());
        Ok(site_id)
    }

    async fn columns_of(&self, site: i64) -> Result<Vec<ColumnRow>> {
        type Row = (i64, Option<i64>, String, i64, String, String, Option<i64>, Option<String>, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, parent_id, path, level, deadline, rule_kind, rule_amount, rule_unit, departments, note \
             FROM columns WHERE site_id = $1 ORDER BY position",
        )
        .bind(site)
        .fetch_all(&self.pool)
        .await?;
        let links: Vec<(i64, String)> = sqlx::query_as(
            "SELECT cu.column_id, u.name FROM column_units cu JOIN units u ON u.id = cu.unit_id \
             WHERE cu.site_id = $1 ORDER BY cu.column_id, u.position",
        )
        .bind(site)
        .fetch_all(&self.pool)
        .await?;
        let mut units: HashMap<i64, Vec<String>> = HashMap::new();
        for (column, unit) in links {
            units.entry(column).or_default().push(unit);
        }
        rows.into_iter()
            .map(|(id, parent_id, path, level, deadline, kind, amount, unit, departments, note)| {
                let rule = stored_rule(&kind, amount, unit.as_deref())?;
                Ok(ColumnRow {
                    id,
                    parent_id,
                    path,
                    level,
                    deadline,
                    rule,
                    departments,
                    units: units.remove(&id).unwrap_or_default(),
                    note,
                })
            })
            .collect()
    }

    /// Whether a stored column tree is the one a table describes.
    fn same_table(stored: &[ColumnRow], table: &ColumnTable) -> bool {
        stored.len() == table.columns.len()
            && stored.iter().zip(&table.columns).all(|(s, t)| {
                s.path == t.path_text()
                    && s.deadline == t.deadline
                    && s.departments == t.departments
                    && s.units == t.units
                    && s.note == t.note
            })
    }

    async fn site_maps(tx: &mut Transaction<'static, DB>, site: i64) -> Result<SiteMaps> {
        let pairs = |sql: &'static str| sqlx::query_as::<DB, (String, i64)>(sql).bind(site);
        let units = pairs("SELECT name, id FROM units WHERE site_id = $1").fetch_all(&mut **tx).await?;
        let columns = pairs("SELECT path, id FROM columns WHERE site_id = $1").fetch_all(&mut **tx).await?;
        let operators = pairs("SELECT name, id FROM operators WHERE site_id = $1").fetch_all(&mut **tx).await?;
        Ok(SiteMaps {
            units: units.into_iter().collect(),
            columns: columns.into_iter().collect(),
            operators: operators.into_iter().collect(),
        })
    }

    /// Registers a name a history carries (the demo's operators, an imported item's reviewers): not
    /// a login, so it never counts as an administrator who could act, and it gets no database role;
    /// audited like every operator.
    async fn write_operator(
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
            "INSERT INTO operators (site_id, name, role, active, created_at, login) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
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
        Self::audit(tx, Some(site), operator, "operator.set", &format!("operator:{name}"), &detail.to_string()).await
    }

    /// Checks a batch against the site (units, columns, refs) before anything of it is written.
    async fn check_items(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        batch: &PendingItems,
        refs: &mut HashSet<String>,
    ) -> Result<Vec<(usize, i64)>> {
        let bad = |i: usize, message: String| StoreError::BadItem { index: batch.first_index + i, message };
        for (i, item) in batch.items.iter().enumerate() {
            if let Some(unit) = &item.unit
                && !maps.units.contains_key(unit)
            {
                return Err(bad(i, format!("unknown unit {unit:?}")));
            }
            for (column, _) in &item.placements {
                if !maps.columns.contains_key(column) {
                    return Err(bad(
                        i,
                        format!("unknown column {column:?} (see `portal-admin columns` for the paths)"),
                    ));
                }
            }
            if let Some(r) = &item.reference
                && !refs.insert(r.clone())
            {
                return Err(bad(i, format!("ref {r:?} appears twice")));
            }
        }
        // A ref already in the database is refused, unless it names an item returned to its unit:
        // then this is the unit's corrected resubmission (Art. 8), which starts its step again.
        let mut again = Vec::new();
        for (i, item) in batch.items.iter().enumerate() {
            let Some(r) = &item.reference else { continue };
            let taken: Option<(i64, String, String)> =
                sqlx::query_as("SELECT id, status, path FROM items WHERE site_id = $1 AND ref = $2")
                    .bind(site)
                    .bind(r.as_str())
                    .fetch_optional(&mut **tx)
                    .await?;
            match taken {
                Some((id, status, path))
                    if status == "returned" && path == item.path.as_str() && item.status == ItemStatus::Pending =>
                {
                    again.push((i, id));
                }
                Some((id, status, _)) => {
                    return Err(bad(
                        i,
                        format!(
                            "ref {r:?} is already in the database as item {id} ({status}); only an item returned to its unit can be submitted again, as pending on the same path"
                        ),
                    ));
                }
                None => {}
            }
        }
        Ok(again)
    }

    /// A returned item submitted again, corrected: its content and targets replaced, back at its
    /// path's review step; its history (the rejection) stays.
    async fn resubmit(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        id: i64,
        item: &NewItem,
        operator: &str,
    ) -> Result<()> {
        let now = Utc::now();
        // What it was, for its audit record.
        let (old_title, old_stage): (String, String) =
            sqlx::query_as("SELECT title, stage FROM items WHERE site_id = $1 AND id = $2")
                .bind(site)
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
        let step = crate::domain::review::review_step(item.path);
        sqlx::query(
            "UPDATE items SET title = $3, body = $4, form = $5, channel = $6, stage = $7, status = 'pending', points = $8, \
             submitted_at = $9, version = version + 1, updated_at = $10, url = $11, wechat_at = $12 WHERE site_id = $1 AND id = $2 AND status = 'returned'",
        )
        .bind(site)
        .bind(id)
        .bind(item.title.as_str())
        .bind(item.body.as_str())
        .bind(item.form.as_str())
        .bind(item.channel.as_str())
        .bind(step.as_str())
        .bind(item_form(item).points())
        .bind(item.submitted_at)
        .bind(now)
        .bind(item.url.as_deref())
        .bind(item.wechat_at)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM placements WHERE site_id = $1 AND item_id = $2 AND online_since IS NULL")
            .bind(site)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for (column, form) in &item.placements {
            sqlx::query("INSERT INTO placements (site_id, item_id, column_id, form, online_since) VALUES ($1, $2, $3, $4, NULL)")
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
            "title": item.title, "columns": item.placements.iter().map(|(c, _)| c).collect::<Vec<_>>(),
            "before": {"stage": old_stage, "status": ItemStatus::Returned.as_str(), "title": old_title},
            "after": {"stage": step.as_str(), "status": ItemStatus::Pending.as_str(), "title": item.title},
        });
        Self::audit(tx, Some(site), operator, "item.resubmit", &format!("item:{id}"), &detail.to_string()).await
    }

    /// Writes rows of `width` cells into `table (columns)`: one COPY on PostgreSQL, multi-row
    /// INSERTs of bound values on SQLite. Every bulk path makes its rows once, as cells, here.
    async fn write_rows(
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
        // Under both databases' limits on bound values (SQLite 32,766).
        let rows_per_statement = 30_000 / width;
        for chunk in cells.chunks(rows_per_statement * width) {
            let sql = insert_sql::<DB>(table_and_columns, width, chunk.len() / width);
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

    async fn write_items(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        batch: PendingItems,
        ids: &mut Vec<i64>,
    ) -> Result<()> {
        let n = batch.items.len();
        let new_ids: Vec<i64> =
            sqlx::query_scalar(&DB::reserve_ids_sql("items")).bind(n as i64).fetch_all(&mut **tx).await?;
        if new_ids.len() != n {
            return Err(StoreError::Refused(format!("could not reserve {n} item ids")));
        }
        let now = Utc::now();
        let items: Vec<(&NewItem, i64)> = batch.items.iter().zip(new_ids.iter().copied()).collect();

        use Cell::{Int, Text, Time};
        let mut cells = Vec::with_capacity(items.len() * 19);
        for (item, id) in &items {
            cells.extend([
                Int(Some(*id)),
                Int(Some(site)),
                Text(item.reference.as_deref()),
                Text(Some(item.title.as_str())),
                Text(Some(item.body.as_str())),
                Text(Some(item.form.as_str())),
                Text(Some(item.path.as_str())),
                Int(item.unit.as_ref().map(|u| maps.units[u])),
                Text(Some(item.channel.as_str())),
                Text(Some(item.stage.as_str())),
                Text(Some(item.status.as_str())),
                Int(Some(1)),
                Int(Some(item_form(item).points())),
                Time(Some(item.submitted_at)),
                Time(item.published_at),
                Time(Some(now)),
                Time(Some(now)),
                Text(item.url.as_deref()),
                Time(item.wechat_at),
            ]);
        }
        Self::write_rows(
            tx,
            "items (id, site_id, ref, title, body, form, path, unit_id, channel, stage, status, version, points, submitted_at, published_at, created_at, updated_at, url, wechat_at)",
            19,
            &cells,
        )
        .await?;

        let mut cells = Vec::new();
        for (item, id) in &items {
            let online = if item.status == ItemStatus::Online { item.published_at } else { None };
            for (column, form) in &item.placements {
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

        let mut cells = Vec::new();
        for (i, (item, id)) in items.iter().enumerate() {
            for r in &item.reviews {
                let operator = *maps.operators.get(&r.operator).ok_or_else(|| StoreError::BadItem {
                    index: batch.first_index + i,
                    message: format!("review by unknown operator {:?}", r.operator),
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
            "reviews (site_id, item_id, step, operator_id, decision, checks_affirmed, checks_failed, comment, decided_at)",
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
                        StoreError::Refused(format!("retraction request names unknown unit {unit:?}"))
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
            "retraction_requests (site_id, item_id, unit_id, reason, note, status, requested_at, handled_at, handled_by, decline_reason, resolution)",
            11,
            &cells,
        )
        .await?;
        let mut totals: HashMap<(i64, NaiveDate), [i64; 3]> = HashMap::new();
        for (item, _) in &items {
            if let (Some(unit), Some(day)) = (item.unit.as_ref(), counted_day(item)) {
                totals.entry((maps.units[unit], day)).or_default()[item_form(item).points() as usize - 1] += 1;
            }
        }
        Self::add_points(tx, site, totals).await?;
        ids.extend(new_ids);
        Ok(())
    }

    /// Adds to the assessment's running totals (`unit_day_points`).
    async fn add_points(
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
                 image_text = unit_day_points.image_text + excluded.image_text, video = unit_day_points.video + excluded.video",
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
    async fn write_later(
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

    async fn write_incident(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        ids: &[i64],
        incident: &NewIncident,
    ) -> Result<()> {
        let unit = *maps
            .units
            .get(&incident.unit)
            .ok_or_else(|| StoreError::Refused(format!("incident names unknown unit {:?}", incident.unit)))?;
        let item = incident
            .item
            .map(|i| {
                ids.get(i)
                    .copied()
                    .ok_or_else(|| StoreError::Refused(format!("incident points at item {i}, not yet written")))
            })
            .transpose()?;
        sqlx::query(
            "INSERT INTO incidents (site_id, unit_id, kind, points, item_id, occurred_on, note, recorded_at, recorded_by) \
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

    async fn write_document(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        maps: &SiteMaps,
        ids: &[i64],
        doc: &NewDocument,
    ) -> Result<()> {
        let column = *maps
            .columns
            .get(&doc.column)
            .ok_or_else(|| StoreError::Refused(format!("document names unknown column {:?}", doc.column)))?;
        let item = doc
            .item
            .map(|i| {
                ids.get(i)
                    .copied()
                    .ok_or_else(|| StoreError::Refused(format!("document points at item {i}, not yet written")))
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

#[async_trait]
impl<DB> Store for SqlStore<DB>
where
    DB: Backend,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'c> &'c Pool<DB>: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<String>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, DB>,
    for<'q> Lossy: Decode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    fn describe(&self) -> String {
        self.described.clone()
    }

    fn operator(&self) -> &str {
        &self.operator
    }

    async fn schema_version(&self) -> Result<Option<i64>> {
        self.schema_version_inner().await
    }

    async fn init(&self, setup: &SiteSetup, calendar: &[CalendarDay], notices: &[i32]) -> Result<InitReport> {
        let version = self.schema_version_inner().await?;
        match version {
            Some(found) if found > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    target: self.described.clone(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            _ => {}
        }
        let mut report = InitReport::default();
        if let Some(found) = version.filter(|v| *v < SCHEMA_VERSION) {
            // An older schema: the upgrades since its version, in a transaction of their own with
            // their audit record.
            let mut tx = self.begin_write("upgrading the schema").await?;
            for (to, statements) in schema::UPGRADES.iter().filter(|(to, _)| *to > found) {
                for statement in statements.iter().filter_map(|s| schema::statement(s, DB::DIALECT)) {
                    (&mut *tx).execute(statement.as_str()).await?;
                }
                sqlx::query("UPDATE schema_meta SET value = $1 WHERE key = 'schema_version'")
                    .bind(to.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            for grant in DB::ROLE_GRANTS {
                (&mut *tx).execute(*grant).await?;
            }
            let detail = json!({"from": found, "to": SCHEMA_VERSION});
            Self::audit(&mut tx, None, &self.operator, "schema.upgrade", "schema", &detail.to_string()).await?;
            tx.commit().await?;
            report.upgraded_from = Some(found);
        }
        let mut tx = self.begin_write("init").await?;
        if version.is_none() {
            // A text query without arguments runs as one multi-statement script on both drivers.
            let script = schema::render(DB::DIALECT);
            (&mut *tx).execute(script.as_str()).await?;
            for grant in DB::ROLE_GRANTS {
                (&mut *tx).execute(*grant).await?;
            }
            report.schema_created = true;
        }
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE code = $1")
            .bind(setup.code.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let site_id = match existing {
            Some(id) => {
                tx.rollback().await?;
                let stored = self.columns_of(id).await?;
                if !Self::same_table(&stored, &setup.table) {
                    return Err(StoreError::Refused(format!(
                        "site {:?} already has a column table of {} columns that differs from the one given; a loaded table is never replaced",
                        setup.code,
                        stored.len()
                    )));
                }
                tx = self.begin_write("init").await?;
                id
            }
            None => Self::create_site(&mut tx, setup, &self.operator, &mut report).await?,
        };
        for day in calendar {
            let added = sqlx::query(
                "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING",
            )
            .bind(day.date)
            .bind(day.kind.as_str())
            .bind(day.note.as_str())
            .execute(&mut *tx)
            .await?;
            report.calendar_days += DB::rows_affected(&added) as usize;
        }
        report.calendar_years = Self::record_notices(&mut tx, notices, "built-in", &self.operator).await?;
        let upgraded_only = InitReport { upgraded_from: None, ..report.clone() };
        if !upgraded_only.changed() {
            tx.rollback().await?;
            return Ok(report);
        }
        let detail = json!({
            "schema_created": report.schema_created,
            "site_created": report.site_created,
            "units": report.units,
            "columns": report.columns,
            "calendar_days": report.calendar_days,
            "calendar_years": report.calendar_years,
            "first_admin": report.first_admin,
        });
        Self::audit(
            &mut tx,
            Some(site_id),
            &self.operator,
            "init",
            &format!("site:{}", setup.code),
            &detail.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn site(&self, code: Option<&str>) -> Result<Site> {
        self.check_schema().await?;
        let sites: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, code, name FROM sites ORDER BY id").fetch_all(&self.pool).await?;
        let to_site = |(id, code, name): (i64, String, String)| Site { id, code, name };
        match code {
            Some(code) => sites
                .into_iter()
                .find(|s| s.1 == code)
                .map(to_site)
                .ok_or_else(|| StoreError::NotFound(format!("no site {code:?} in {}", self.described))),
            None => match sites.len() {
                0 => Err(StoreError::NotFound(format!("no site in {}; run `portal-admin init`", self.described))),
                1 => Ok(to_site(sites.into_iter().next().expect("one site"))),
                _ => Err(StoreError::Refused(format!(
                    "{} holds {} sites ({}); choose one with --site",
                    self.described,
                    sites.len(),
                    sites.iter().map(|s| s.1.as_str()).collect::<Vec<_>>().join(", ")
                ))),
            },
        }
    }

    async fn columns(&self, site: &Site) -> Result<Vec<ColumnRow>> {
        self.columns_of(site.id).await
    }

    async fn units(&self, site: &Site) -> Result<Vec<UnitRow>> {
        let rows: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT id, name, full_name, kind FROM units WHERE site_id = $1 ORDER BY position")
                .bind(site.id)
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(id, name, full_name, kind)| {
                Ok(UnitRow { id, name, full_name, kind: parse::<UnitKind>("unit kind", &kind)? })
            })
            .collect()
    }

    async fn counts(&self, site: &Site) -> Result<SiteCounts> {
        let row: (i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM columns WHERE site_id = $1), \
                    (SELECT COUNT(*) FROM units WHERE site_id = $1), \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1), \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'online'), \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'pending'), \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'withdrawn'), \
                    (SELECT COUNT(*) FROM retraction_requests WHERE site_id = $1), \
                    (SELECT COUNT(*) FROM incidents WHERE site_id = $1), \
                    (SELECT COUNT(*) FROM documents WHERE site_id = $1)",
        )
        .bind(site.id)
        .fetch_one(&self.pool)
        .await?;
        Ok(SiteCounts {
            columns: row.0,
            units: row.1,
            items: row.2,
            online: row.3,
            pending: row.4,
            withdrawn: row.5,
            retraction_requests: row.6,
            incidents: row.7,
            documents: row.8,
        })
    }

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
                    Self::write_items(&mut tx, site.id, &maps, batch, &mut ids).await?;
                } else {
                    // Resubmissions keep their ids; the ids stay in the stream's order.
                    let mut fresh = PendingItems { first_index: batch.first_index, items: Vec::new() };
                    let mut slots = Vec::with_capacity(batch.items.len());
                    for (i, item) in batch.items.into_iter().enumerate() {
                        match again.iter().find(|(at, _)| *at == i) {
                            Some((_, id)) => {
                                Self::resubmit(&mut tx, site.id, &maps, *id, &item, &self.operator).await?;
                                slots.push(Some(*id));
                            }
                            None => {
                                fresh.items.push(item);
                                slots.push(None);
                            }
                        }
                    }
                    let mut written = Vec::new();
                    if !fresh.items.is_empty() {
                        Self::write_items(&mut tx, site.id, &maps, fresh, &mut written).await?;
                    }
                    let mut written = written.into_iter();
                    ids.extend(slots.into_iter().map(|slot| slot.or_else(|| written.next()).unwrap_or_default()));
                }
                progress(ids.len() as u64);
                Self::write_later(&mut tx, site.id, &maps, &ids, &mut later).await?;
            }
        }
        Self::write_later(&mut tx, site.id, &maps, &ids, &mut later).await?;
        tx.commit().await?;
        if ids.len() >= ANALYZE_AFTER {
            // A bulk load changes the tables' shape: refresh the planner's statistics, so reports
            // pick their indexes from the first query on.
            sqlx::query("ANALYZE").execute(&self.pool).await?;
        }
        Ok(ids.len() as u64)
    }

    async fn export_page(
        &self,
        site: &Site,
        after_id: i64,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ExportedItem>> {
        // Title and body leniently decoded: one item whose text is not UTF-8 must not fail the page.
        type ItemRow = (
            i64,
            Option<String>,
            Lossy,
            Lossy,
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            Option<String>,
            Option<DateTime<Utc>>,
            Option<String>,
        );
        let rows: Vec<ItemRow> = sqlx::query_as(
            "SELECT i.id, i.ref, i.title, i.body, i.form, i.path, u.name, i.channel, i.stage, i.status, i.submitted_at, i.published_at, i.url, i.wechat_at, i.mark \
             FROM items i LEFT JOIN units u ON u.id = i.unit_id \
             WHERE i.site_id = $1 AND i.id > $2 AND ($3 IS NULL OR i.updated_at >= $3) ORDER BY i.id LIMIT $4",
        )
        .bind(site.id)
        .bind(after_id)
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let (Some(first), Some(last)) = (rows.first().map(|r| r.0), rows.last().map(|r| r.0)) else {
            return Ok(Vec::new());
        };
        let placements: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT p.item_id, c.path, p.form FROM placements p JOIN columns c ON c.id = p.column_id \
             WHERE p.site_id = $1 AND p.item_id BETWEEN $2 AND $3 ORDER BY p.item_id, c.position",
        )
        .bind(site.id)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let withdrawals: Vec<(i64, DateTime<Utc>, String)> = sqlx::query_as(
            "SELECT item_id, withdrawn_at, reason FROM withdrawals \
             WHERE site_id = $1 AND item_id BETWEEN $2 AND $3 AND restored_at IS NULL",
        )
        .bind(site.id)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let attachments: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT item_id, kind, name FROM attachments WHERE site_id = $1 AND item_id BETWEEN $2 AND $3 ORDER BY item_id, kind",
        )
        .bind(site.id)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let mut carried: HashMap<i64, Vec<(AttachmentKind, String)>> = HashMap::new();
        for (item, kind, name) in attachments {
            let kind = AttachmentKind::parse(&kind).ok_or_else(|| decode_error("attachment kind", &kind))?;
            carried.entry(item).or_default().push((kind, name));
        }
        let mut by_item: HashMap<i64, Vec<(String, Form)>> = HashMap::new();
        for (item, path, form) in placements {
            by_item.entry(item).or_default().push((path, parse("form", &form)?));
        }
        let mut withdrawn: HashMap<i64, (DateTime<Utc>, RetractionReason)> = HashMap::new();
        for (item, at, reason) in withdrawals {
            withdrawn.insert(item, (at, parse("reason", &reason)?));
        }
        rows.into_iter()
            .map(
                |(
                    id,
                    reference,
                    title,
                    body,
                    form,
                    path,
                    unit,
                    channel,
                    stage,
                    status,
                    submitted_at,
                    published_at,
                    url,
                    wechat_at,
                    mark,
                )| {
                    if title.repaired || body.repaired {
                        note_repaired(id);
                    }
                    Ok(ExportedItem {
                        id,
                        reference,
                        url,
                        title: title.text,
                        body: body.text,
                        form: parse("form", &form)?,
                        path: parse("path", &path)?,
                        unit,
                        channel: parse("channel", &channel)?,
                        stage: parse("stage", &stage)?,
                        status: parse("status", &status)?,
                        submitted_at,
                        wechat_at,
                        published_at,
                        withdrawn: withdrawn.remove(&id),
                        mark: mark.as_deref().map(|m| parse("mark", m)).transpose()?,
                        placements: by_item.remove(&id).unwrap_or_default(),
                        attachments: carried.remove(&id).unwrap_or_default(),
                    })
                },
            )
            .collect()
    }

    async fn staleness_inputs(
        &self,
        site: &Site,
        issued_until: NaiveDate,
        before: DateTime<Utc>,
    ) -> Result<StalenessInputs> {
        type ColumnJson = (
            i64,
            Option<i64>,
            String,
            i64,
            String,
            String,
            Option<i64>,
            Option<String>,
            String,
            String,
            i64,
            Option<String>,
        );
        type DocumentJson =
            (i64, String, String, i64, String, String, Option<i64>, Option<String>, String, Option<String>);
        // One statement, three JSON arrays: the columns, each with one index seek for its latest
        // online placement (placements_column_online), never a scan of the items; the open
        // documents; and the calendar, read only when there is an open document to date. Every
        // statement is a round trip to the SQLite driver's worker thread, every row another.
        let sql = staleness_sql::<DB>();
        let (columns, documents, calendar): (Option<String>, Option<String>, Option<String>) =
            sqlx::query_as(&sql).bind(site.id).bind(issued_until).bind(before).fetch_one(&self.pool).await?;
        let mut columns: Vec<ColumnJson> = json_rows("column list", columns)?;
        columns.sort_by_key(|r| r.10);
        let columns = columns
            .into_iter()
            .map(|(id, parent_id, path, level, deadline, kind, amount, unit, departments, note, _, last)| {
                let rule = stored_rule(&kind, amount, unit.as_deref())?;
                let last = last.as_deref().map(stored_time).transpose()?;
                Ok((
                    ColumnRow { id, parent_id, path, level, deadline, rule, departments, units: Vec::new(), note },
                    last,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut open_documents = json_rows::<DocumentJson>("document list", documents)?
            .into_iter()
            .map(|(id, number, title, column_id, column_path, kind, amount, unit, issued_on, published_at)| {
                Ok(DocumentRow {
                    id,
                    number,
                    title,
                    column_id,
                    column_path,
                    rule: stored_rule(&kind, amount, unit.as_deref())?,
                    issued_on: parse("date", &issued_on)?,
                    published_at: published_at.as_deref().map(stored_time).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        open_documents.sort_by_key(|d| (d.issued_on, d.id));
        let mut calendar = json_rows::<(String, String, String)>("calendar", calendar)?
            .into_iter()
            .map(|(date, kind, note)| {
                Ok(CalendarDay {
                    date: parse("date", &date)?,
                    kind: DayKind::parse(&kind).ok_or_else(|| decode_error("day kind", &kind))?,
                    note,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        calendar.sort_by_key(|d| d.date);
        Ok(StalenessInputs { columns, open_documents, calendar })
    }

    async fn documents(
        &self,
        site: &Site,
        issued_until: NaiveDate,
        online_before: Option<DateTime<Utc>>,
        column: Option<i64>,
    ) -> Result<Vec<DocumentRow>> {
        type Row =
            (i64, String, String, i64, String, String, Option<i64>, Option<String>, NaiveDate, Option<DateTime<Utc>>);
        // One column's documents are one range of documents_column.
        let mut rows: Vec<Row> = match (online_before, column) {
            (Some(before), None) => {
                sqlx::query_as(&open_documents_sql())
                    .bind(site.id)
                    .bind(issued_until)
                    .bind(before)
                    .fetch_all(&self.pool)
                    .await?
            }
            (Some(before), Some(column)) => {
                sqlx::query_as(&format!("SELECT * FROM ({}) o WHERE o.column_id = $4", open_documents_sql()))
                    .bind(site.id)
                    .bind(issued_until)
                    .bind(before)
                    .bind(column)
                    .fetch_all(&self.pool)
                    .await?
            }
            (None, None) => sqlx::query_as(DOCUMENTS).bind(site.id).bind(issued_until).fetch_all(&self.pool).await?,
            (None, Some(column)) => {
                sqlx::query_as(&format!("{DOCUMENTS} AND d.column_id = $3"))
                    .bind(site.id)
                    .bind(issued_until)
                    .bind(column)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.sort_by_key(|r| (r.8, r.0));
        rows.into_iter()
            .map(|(id, number, title, column_id, column_path, kind, amount, unit, issued_on, published_at)| {
                let rule = stored_rule(&kind, amount, unit.as_deref())?;
                Ok(DocumentRow { id, number, title, column_id, column_path, rule, issued_on, published_at })
            })
            .collect()
    }

    async fn add_document(&self, site: &Site, document: &NewDocumentInput) -> Result<i64> {
        let mut tx = self.begin_write("registering a document").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let column: Option<(String, String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT path, rule_kind, rule_amount, rule_unit FROM columns WHERE site_id = $1 AND id = $2",
        )
        .bind(site.id)
        .bind(document.column_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((path, kind, amount, unit)) = column else {
            return Err(StoreError::NotFound(format!("no column {} in site {}", document.column_id, site.code)));
        };
        let rule = stored_rule(&kind, amount, unit.as_deref())?;
        if !matches!(rule, DeadlineRule::WithinOfEvent { .. }) {
            return Err(StoreError::Refused(format!(
                "column {} ({path}) has no event deadline (its rule: {rule}); documents are tracked in columns such as 政府文件 whose deadline runs from a document's issue",
                document.column_id
            )));
        }
        if let Some(item) = document.item_id {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM items WHERE site_id = $1 AND id = $2")
                .bind(site.id)
                .bind(item)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound(format!("no item {item} in site {}", site.code)));
            }
        }
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM documents WHERE site_id = $1 AND number = $2")
            .bind(site.id)
            .bind(document.number.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(id) = taken {
            return Err(StoreError::Refused(format!("document {} is already registered (id {id})", document.number)));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO documents (site_id, number, title, column_id, issued_on, item_id, published_at, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, (SELECT published_at FROM items WHERE site_id = $1 AND id = $6), $7) RETURNING id",
        )
        .bind(site.id)
        .bind(document.number.as_str())
        .bind(document.title.as_str())
        .bind(document.column_id)
        .bind(document.issued_on)
        .bind(document.item_id)
        .bind(Utc::now())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "number": document.number, "title": document.title, "column": path, "issued_on": document.issued_on.to_string(), "item": document.item_id,
            "before": null, "after": {"number": document.number, "issued_on": document.issued_on.to_string(), "item": document.item_id},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "documents.add",
            &format!("document:{id}"),
            &detail.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn unit_tallies(&self, site: &Site, from: NaiveDate, until: NaiveDate) -> Result<Vec<UnitTally>> {
        let rows: Vec<(i64, String, String, String, i64, i64, i64, i64, i64)> =
            sqlx::query_as(UNIT_TALLIES).bind(site.id).bind(from).bind(until).fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|(id, name, full_name, kind, text, image_text, video, deductions, incidents)| {
                Ok(UnitTally {
                    unit: UnitRow { id, name, full_name, kind: parse::<UnitKind>("unit kind", &kind)? },
                    text,
                    image_text,
                    video,
                    deductions,
                    incidents,
                })
            })
            .collect()
    }

    async fn add_incident(&self, site: &Site, incident: &IncidentInput) -> Result<i64> {
        let note = incident.note.trim();
        if note.is_empty() {
            return Err(StoreError::Refused("an incident needs a note saying what happened (--note)".into()));
        }
        let mut tx = self.begin_write("recording an incident").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::RecordIncident).await?;
        let unit: Option<(i64, String)> = sqlx::query_as("SELECT id, kind FROM units WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(incident.unit.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let Some((unit_id, kind)) = unit else {
            return Err(StoreError::NotFound(format!("no unit {:?} in site {}", incident.unit, site.code)));
        };
        if !parse::<UnitKind>("unit kind", &kind)?.is_assessed() {
            return Err(StoreError::Refused(format!(
                "{} is not assessed (an external body): an incident counts against an assessed unit",
                incident.unit
            )));
        }
        if let Some(item) = incident.item {
            let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM items WHERE site_id = $1 AND id = $2")
                .bind(site.id)
                .bind(item)
                .fetch_one(&mut *tx)
                .await?;
            if found == 0 {
                return Err(StoreError::NotFound(format!("no item {item} in site {}", site.code)));
            }
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO incidents (site_id, unit_id, kind, points, item_id, occurred_on, note, recorded_at, recorded_by) \
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
            "unit": incident.unit, "kind": incident.kind.as_str(), "points": incident.kind.points(), "item": incident.item,
            "occurred_on": incident.occurred_on.to_string(), "note": note,
            "before": null, "after": {"unit": incident.unit, "kind": incident.kind.as_str(), "points": incident.kind.points()},
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
        tx.commit().await?;
        Ok(id)
    }

    async fn reverse_incident(&self, site: &Site, id: i64, note: &str) -> Result<i64> {
        let note = note.trim();
        if note.is_empty() {
            return Err(StoreError::Refused("a correction needs a note saying why (--note)".into()));
        }
        let mut tx = self.begin_write("correcting an incident").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::RecordIncident).await?;
        type Row = (i64, String, i64, Option<i64>, NaiveDate, Option<i64>, Option<i64>);
        let row: Option<Row> = sqlx::query_as(
            "SELECT n.unit_id, n.kind, n.points, n.item_id, n.occurred_on, n.reverses_id, \
                    (SELECT r.id FROM incidents r WHERE r.site_id = n.site_id AND r.reverses_id = n.id) \
             FROM incidents n WHERE n.site_id = $1 AND n.id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((unit_id, kind, points, item, occurred_on, reverses, reversed_by)) = row else {
            return Err(StoreError::NotFound(format!("no incident {id} in site {}", site.code)));
        };
        if let Some(original) = reverses {
            return Err(StoreError::Refused(format!(
                "incident {id} is itself the correction of incident {original}; record the incident again instead"
            )));
        }
        if let Some(by) = reversed_by {
            return Err(StoreError::Refused(format!("incident {id} was already reversed by incident {by}")));
        }
        // The unique reverses_id makes a second reversal running at the same time fail.
        let new: i64 = sqlx::query_scalar(
            "INSERT INTO incidents (site_id, unit_id, kind, points, item_id, reverses_id, occurred_on, note, recorded_at, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(site.id)
        .bind(unit_id)
        .bind(kind.as_str())
        .bind(-points)
        .bind(item)
        .bind(id)
        .bind(occurred_on)
        .bind(note)
        .bind(Utc::now())
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "reverses": id, "points": -points, "note": note,
            "before": {"incident": id, "standing": true}, "after": {"incident": id, "standing": false, "reversed_by": new},
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
        tx.commit().await?;
        Ok(new)
    }

    async fn incidents(
        &self,
        site: &Site,
        days: Option<(NaiveDate, NaiveDate)>,
        unit: Option<&str>,
    ) -> Result<Vec<IncidentRow>> {
        type Row = (
            i64,
            String,
            String,
            i64,
            Option<i64>,
            Option<String>,
            Option<i64>,
            Option<i64>,
            NaiveDate,
            String,
            DateTime<Utc>,
            String,
        );
        let (from, until) = days.unwrap_or((
            NaiveDate::from_ymd_opt(1, 1, 1).expect("a date"),
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date"),
        ));
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT n.id, u.name, n.kind, n.points, n.item_id, i.title, n.reverses_id, \
                    (SELECT r.id FROM incidents r WHERE r.site_id = n.site_id AND r.reverses_id = n.id), \
                    n.occurred_on, n.note, n.recorded_at, n.recorded_by \
             FROM incidents n JOIN units u ON u.id = n.unit_id LEFT JOIN items i ON i.site_id = n.site_id AND i.id = n.item_id \
             WHERE n.site_id = $1 AND n.occurred_on >= $2 AND n.occurred_on < $3 AND ($4 IS NULL OR u.name = $4) \
             ORDER BY n.occurred_on, n.id",
        )
        .bind(site.id)
        .bind(from)
        .bind(until)
        .bind(unit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(
                |(
                    id,
                    unit,
                    kind,
                    points,
                    item,
                    item_title,
                    reverses,
                    reversed_by,
                    occurred_on,
                    note,
                    recorded_at,
                    recorded_by,
                )| {
                    Ok(IncidentRow {
                        id,
                        unit,
                        kind: parse("incident kind", &kind)?,
                        points,
                        item,
                        item_title,
                        reverses,
                        reversed_by,
                        occurred_on,
                        note,
                        recorded_at,
                        recorded_by,
                    })
                },
            )
            .collect()
    }

    async fn unit_items(&self, site: &Site, unit: &str, from: NaiveDate, until: NaiveDate) -> Result<Vec<EarningItem>> {
        let unit_id: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(unit)
            .fetch_optional(&self.pool)
            .await?;
        let unit_id = unit_id.ok_or_else(|| StoreError::NotFound(format!("no unit {unit:?} in site {}", site.code)))?;
        // What the running totals count (Art. 16): a unit's own items, online, or withdrawn as
        // outdated; one index range (items_unit_published).
        let rows: Vec<(i64, String, DateTime<Utc>, i64, String)> = sqlx::query_as(
            "SELECT i.id, i.title, i.published_at, i.points, i.status FROM items i \
             WHERE i.site_id = $1 AND i.unit_id = $2 AND i.published_at >= $3 AND i.published_at < $4 AND i.path <> 'repost' \
               AND (i.status = 'online' OR (i.status = 'withdrawn' AND EXISTS (SELECT 1 FROM withdrawals w \
                    WHERE w.site_id = i.site_id AND w.item_id = i.id AND w.restored_at IS NULL AND w.reason = 'outdated'))) \
             ORDER BY i.published_at DESC, i.id DESC",
        )
        .bind(site.id)
        .bind(unit_id)
        .bind(crate::domain::time::beijing_midnight(from))
        .bind(crate::domain::time::beijing_midnight(until))
        .fetch_all(&self.pool)
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut placed: HashMap<i64, Vec<(String, Form)>> = HashMap::new();
        for chunk in ids.chunks(CHUNK) {
            let found: Vec<(i64, String, String)> = sqlx::query_as(&format!(
                "SELECT p.item_id, c.path, p.form FROM placements p JOIN columns c ON c.id = p.column_id \
                 WHERE p.site_id = $1 AND p.item_id IN ({}) ORDER BY p.item_id, c.position",
                id_list(chunk)
            ))
            .bind(site.id)
            .fetch_all(&self.pool)
            .await?;
            for (item, path, form) in found {
                placed.entry(item).or_default().push((path, parse("form", &form)?));
            }
        }
        rows.into_iter()
            .map(|(id, title, published_at, points, status)| {
                Ok(EarningItem {
                    id,
                    title,
                    published_at,
                    counted: Form::ALL[(points.clamp(1, 3) - 1) as usize],
                    withdrawn: status == ItemStatus::Withdrawn.as_str(),
                    placements: placed.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn unit_withdrawals(
        &self,
        site: &Site,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<(String, RetractionReason, i64)>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT u.name, w.reason, COUNT(*) FROM withdrawals w \
             JOIN items i ON i.site_id = w.site_id AND i.id = w.item_id JOIN units u ON u.id = i.unit_id \
             WHERE w.site_id = $1 AND w.withdrawn_at >= $2 AND w.withdrawn_at < $3 GROUP BY u.name, w.reason ORDER BY u.name, w.reason",
        )
        .bind(site.id)
        .bind(crate::domain::time::beijing_midnight(from))
        .bind(crate::domain::time::beijing_midnight(until))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|(unit, reason, n)| Ok((unit, parse("reason", &reason)?, n))).collect()
    }

    async fn operators(&self, site: &Site) -> Result<Vec<OperatorRow>> {
        let rows: Vec<(String, String, bool)> =
            sqlx::query_as("SELECT name, role, active FROM operators WHERE site_id = $1 ORDER BY name")
                .bind(site.id)
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(name, role, active)| Ok(OperatorRow { name, role: parse("role", &role)?, active }))
            .collect()
    }

    async fn set_operator(&self, site: &Site, name: &str, change: OperatorChange) -> Result<bool> {
        let name = name.trim();
        if let Some(why) =
            super::roles::refuse_name(name).filter(|_| matches!(change, OperatorChange::Add(_)) || name.is_empty())
        {
            return Err(StoreError::Refused(why));
        }
        let mut tx = self.begin_write("changing operators").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::ManageOperators).await?;
        let before: Option<(String, bool)> =
            sqlx::query_as("SELECT role, active FROM operators WHERE site_id = $1 AND name = $2")
                .bind(site.id)
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
        let before = before.map(|(role, active)| parse::<Role>("role", &role).map(|r| (r, active))).transpose()?;
        let after = match (change, before) {
            (OperatorChange::Add(_), Some(_)) => {
                return Err(StoreError::Refused(format!(
                    "{name} is already an operator of site {}; use `operators role` to change their role",
                    site.code
                )));
            }
            (OperatorChange::SetRole(_) | OperatorChange::Disable, None) => {
                return Err(StoreError::NotFound(format!("{name} is not an operator of site {}", site.code)));
            }
            (OperatorChange::Add(role), None) => (role, true),
            (OperatorChange::SetRole(role), Some(_)) => (role, true),
            (OperatorChange::Disable, Some((role, _))) => (role, false),
        };
        if before == Some(after) {
            tx.rollback().await?;
            return Ok(false);
        }
        if before.is_none() {
            sqlx::query("INSERT INTO operators (site_id, name, role, active, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(site.id)
                .bind(name)
                .bind(after.0.as_str())
                .bind(after.1)
                .bind(Utc::now())
                .execute(&mut *tx)
                .await?;
        } else {
            // An administrator who gives a name a role means a person who logs in under it.
            sqlx::query(
                "UPDATE operators SET role = $3, active = $4, login = CASE WHEN $4 THEN TRUE ELSE login END WHERE site_id = $1 AND name = $2",
            )
            .bind(site.id)
            .bind(name)
            .bind(after.0.as_str())
            .bind(after.1)
            .execute(&mut *tx)
            .await?;
        }
        // Only an administrator who can log in counts: the names a history carries cannot act.
        let admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM operators WHERE site_id = $1 AND role = 'admin' AND active AND login",
        )
        .bind(site.id)
        .fetch_one(&mut *tx)
        .await?;
        if admins == 0 {
            return Err(StoreError::Refused(format!(
                "{name} is the last active administrator of site {} who can log in; make another one first",
                site.code
            )));
        }
        // The audit record first: an administrator who takes away their own role can still write it.
        let state = |s: Option<(Role, bool)>| s.map(|(r, a)| json!({"role": r.as_str(), "active": a}));
        let detail = json!({"before": state(before), "after": state(Some(after))});
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "operator.set",
            &format!("operator:{name}"),
            &detail.to_string(),
        )
        .await?;
        if let Some(set_login) = DB::SET_LOGIN {
            let role = after.1.then_some(after.0.as_str());
            sqlx::query(set_login).bind(name).bind(role).execute(&mut *tx).await.map_err(|e| {
                let said = match &e {
                    sqlx::Error::Database(d) => d.message().to_string(),
                    other => other.to_string(),
                };
                StoreError::Refused(super::roles::refused_grant(
                    name,
                    &self.operator,
                    said.lines().next().unwrap_or_default(),
                ))
            })?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn add_inquiry(&self, site: &Site, inquiry: &NewInquiry) -> Result<i64> {
        let subject = inquiry.subject.trim();
        if subject.is_empty() {
            return Err(StoreError::Refused("an inquiry needs its subject".into()));
        }
        let invalid = inquiry.invalid_reason.as_deref().map(str::trim);
        if invalid == Some("") {
            return Err(StoreError::Refused("an invalid inquiry needs the reason it is not valid".into()));
        }
        let mut tx = self.begin_write("recording an inquiry").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO inquiries (site_id, subject, asked_at, valid, invalid_reason, recorded_at, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(site.id)
        .bind(subject)
        .bind(inquiry.asked_at)
        .bind(invalid.is_none())
        .bind(invalid)
        .bind(Utc::now())
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "subject": subject, "asked_at": inquiry.asked_at.to_rfc3339(), "invalid_reason": invalid,
            "before": null, "after": {"answered": false, "valid": invalid.is_none()},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "inquiry.add",
            &format!("inquiry:{id}"),
            &detail.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn answer_inquiry(&self, site: &Site, id: i64, answer: &str, at: DateTime<Utc>) -> Result<()> {
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(StoreError::Refused("an answer needs its text".into()));
        }
        let mut tx = self.begin_write("answering an inquiry").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let done = sqlx::query(
            "UPDATE inquiries SET answered_at = $3, answer = $4 WHERE site_id = $1 AND id = $2 AND answered_at IS NULL",
        )
        .bind(site.id)
        .bind(id)
        .bind(at)
        .bind(answer)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&done) == 0 {
            return Err(StoreError::Refused(format!(
                "inquiry {id} is not an unanswered inquiry of site {}",
                site.code
            )));
        }
        let detail = json!({"answered_at": at.to_rfc3339(), "answer": answer, "before": {"answered": false}, "after": {"answered": true}});
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "inquiry.answer",
            &format!("inquiry:{id}"),
            &detail.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn inquiries(&self, site: &Site) -> Result<Vec<InquiryRow>> {
        type Row = (i64, String, DateTime<Utc>, bool, Option<String>, Option<DateTime<Utc>>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, subject, asked_at, valid, invalid_reason, answered_at, answer FROM inquiries WHERE site_id = $1 ORDER BY asked_at DESC, id DESC",
        )
        .bind(site.id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, subject, asked_at, valid, invalid_reason, answered_at, answer)| InquiryRow {
                id,
                subject,
                asked_at,
                valid,
                invalid_reason,
                answered_at,
                answer,
            })
            .collect())
    }

    async fn item_texts(
        &self,
        site: &Site,
        after_id: i64,
        online_only: bool,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ItemText>> {
        type Row = (i64, String, String, Option<String>, DateTime<Utc>, Option<DateTime<Utc>>, Option<NaiveDate>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT i.id, i.title, i.body, u.name, i.submitted_at, i.published_at, \
                    (SELECT MIN(d.issued_on) FROM documents d WHERE d.site_id = i.site_id AND d.item_id = i.id) \
             FROM items i LEFT JOIN units u ON u.id = i.unit_id \
             WHERE i.site_id = $1 AND i.id > $2 AND ($5 = 0 OR i.status = 'online') AND ($3 IS NULL OR i.published_at >= $3) \
             ORDER BY i.id LIMIT $4",
        )
        .bind(site.id)
        .bind(after_id)
        .bind(since)
        .bind(limit)
        .bind(i64::from(online_only))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, title, body, unit, submitted_at, published_at, issued_on)| ItemText {
                id,
                title,
                body,
                unit,
                submitted_at,
                published_at,
                issued_on,
            })
            .collect())
    }

    async fn waive_finding(&self, site: &Site, item: i64, kind: &str, text: &str, reason: &str) -> Result<i64> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Refused("waiving a finding needs a reason".into()));
        }
        let mut tx = self.begin_write("waiving a finding").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::WaiveFinding).await?;
        let state = Self::item_state(&mut tx, site, item, None).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO finding_waivers (site_id, item_id, kind, text, reason, waived_at, waived_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(site.id)
        .bind(item)
        .bind(kind)
        .bind(text)
        .bind(reason)
        .bind(Utc::now())
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
        tx.commit().await?;
        Ok(id)
    }

    async fn waivers(&self, site: &Site, item: i64) -> Result<Vec<(String, String, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT kind, text, reason, waived_by FROM finding_waivers WHERE site_id = $1 AND item_id = $2 ORDER BY id",
        )
        .bind(site.id)
        .bind(item)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn site_waivers(&self, site: &Site) -> Result<Vec<(i64, String, String, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT item_id, kind, text, reason, waived_by FROM finding_waivers WHERE site_id = $1 ORDER BY id",
        )
        .bind(site.id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn watch(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>> {
        match DB::listen(&self.pool)?.await {
            Ok(rx) => Some(rx),
            Err(e) => {
                tracing::warn!("cannot listen for changes ({e}); the change mark is watched instead");
                None
            }
        }
    }

    async fn change_mark(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM audit_log")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn whoami(&self, site: &Site) -> Result<Option<(Role, bool)>> {
        let row: Option<(String, bool)> =
            sqlx::query_as("SELECT role, active FROM operators WHERE site_id = $1 AND name = $2")
                .bind(site.id)
                .bind(self.operator.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(role, active)| Ok((parse("role", &role)?, active))).transpose()
    }

    async fn calendar(&self, year: Option<i32>) -> Result<Vec<CalendarDay>> {
        let (from, to) = match year {
            Some(y) => super::year_range(y).ok_or_else(|| StoreError::NotFound(format!("no year {y}")))?,
            // Every date either backend can hold a calendar day for.
            None => (
                NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid"),
                NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid"),
            ),
        };
        let rows: Vec<(NaiveDate, String, String)> =
            sqlx::query_as("SELECT day, kind, note FROM calendar_days WHERE day >= $1 AND day <= $2 ORDER BY day")
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(date, kind, note)| {
                Ok(CalendarDay {
                    date,
                    kind: DayKind::parse(&kind).ok_or_else(|| decode_error("day kind", &kind))?,
                    note,
                })
            })
            .collect()
    }

    async fn set_calendar_days(&self, days: &[CalendarDay]) -> Result<usize> {
        self.check_schema().await?;
        let mut tx = self.begin_calendar_change().await?;
        let mut changed = Vec::new();
        for day in days {
            let before: Option<(String, String)> =
                sqlx::query_as("SELECT kind, note FROM calendar_days WHERE day = $1")
                    .bind(day.date)
                    .fetch_optional(&mut *tx)
                    .await?;
            let done = sqlx::query(
                "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) \
                 ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note \
                 WHERE calendar_days.kind <> excluded.kind OR calendar_days.note <> excluded.note",
            )
            .bind(day.date)
            .bind(day.kind.as_str())
            .bind(day.note.as_str())
            .execute(&mut *tx)
            .await?;
            if DB::rows_affected(&done) > 0 {
                changed.push(json!({
                    "date": day.date.to_string(), "kind": day.kind.as_str(), "note": day.note,
                    "before": before.map(|(kind, note)| json!({"kind": kind, "note": note})),
                    "after": {"kind": day.kind.as_str(), "note": day.note},
                }));
            }
        }
        if changed.is_empty() {
            tx.rollback().await?;
            return Ok(0);
        }
        Self::audit(&mut tx, None, &self.operator, "calendar.set", "calendar", &json!(changed).to_string()).await?;
        tx.commit().await?;
        Ok(changed.len())
    }

    async fn calendar_notices(&self) -> Result<Vec<CalendarNotice>> {
        let rows: Vec<(i64, String, DateTime<Utc>, String)> =
            sqlx::query_as("SELECT year, source, recorded_at, recorded_by FROM calendar_notices ORDER BY year")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(year, source, recorded_at, recorded_by)| {
                let year = i32::try_from(year).map_err(|_| decode_error("year", &year.to_string()))?;
                Ok(CalendarNotice { year, source, recorded_at, recorded_by })
            })
            .collect()
    }

    async fn import_calendar(&self, year: i32, source: &str, days: &[CalendarDay]) -> Result<CalendarImport> {
        self.check_schema().await?;
        let mut tx = self.begin_calendar_change().await?;
        // What the calendar holds of those days, read in the transaction that changes them.
        let (first, last) = match (days.first(), days.last()) {
            (Some(f), Some(l)) => (f.date, l.date),
            _ => return Err(StoreError::Refused("the notice gives no day".into())),
        };
        let held: Vec<(NaiveDate, String, String)> =
            sqlx::query_as("SELECT day, kind, note FROM calendar_days WHERE day >= $1 AND day <= $2")
                .bind(first)
                .bind(last)
                .fetch_all(&mut *tx)
                .await?;
        let held = held
            .into_iter()
            .map(|(date, kind, note)| {
                Ok(CalendarDay {
                    date,
                    kind: DayKind::parse(&kind).ok_or_else(|| decode_error("day kind", &kind))?,
                    note,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let changed = calendar::changes(&held, days);
        for day in &changed {
            sqlx::query("INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note")
                .bind(day.date)
                .bind(day.kind.as_str())
                .bind(day.note.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let year_added = Self::record_notices(&mut tx, &[year], source, &self.operator).await? > 0;
        let done = CalendarImport { days: changed, year_added };
        if !done.changed() {
            tx.rollback().await?;
            return Ok(done);
        }
        // Each day's before (null: the calendar did not hold it) and after, and the notice's.
        let state = |d: &CalendarDay| json!({"kind": d.kind.as_str(), "note": d.note});
        let listed: Vec<serde_json::Value> = done
            .days
            .iter()
            .map(|d| {
                let before = held.iter().find(|h| h.date == d.date).map(state);
                json!({"date": d.date.to_string(), "before": before, "after": state(d)})
            })
            .collect();
        let detail = json!({
            "year": year,
            "source": source,
            "before": {"notice_held": !year_added},
            "after": {"notice_held": true},
            "days": listed,
        });
        Self::audit(&mut tx, None, &self.operator, "calendar.import", &format!("calendar:{year}"), &detail.to_string())
            .await?;
        tx.commit().await?;
        Ok(done)
    }

    async fn column_items(
        &self,
        site: &Site,
        column_id: i64,
        before: Option<(DateTime<Utc>, i64)>,
        limit: i64,
    ) -> Result<Vec<ItemSummary>> {
        type Row = (i64, Lossy, DateTime<Utc>, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = match before {
            None => {
                sqlx::query_as(&column_items_first_sql())
                    .bind(site.id)
                    .bind(column_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
            Some((at, id)) => {
                sqlx::query_as(&column_items_after_sql())
                    .bind(site.id)
                    .bind(column_id)
                    .bind(at)
                    .bind(id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.into_iter()
            .map(|(id, title, online_since, form, path, unit, mark)| {
                if title.repaired {
                    note_repaired(id);
                }
                Ok(ItemSummary {
                    id,
                    title: title.text,
                    online_since,
                    form: parse("form", &form)?,
                    path: parse("path", &path)?,
                    unit,
                    mark: mark.as_deref().map(|m| parse("mark", m)).transpose()?,
                })
            })
            .collect()
    }

    async fn column_item_count(&self, site: &Site, column_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(COLUMN_ITEM_COUNT).bind(site.id).bind(column_id).fetch_one(&self.pool).await?)
    }

    async fn item(&self, site: &Site, id: i64) -> Result<(ExportedItem, Vec<HistoryEntry>)> {
        let item = self
            .export_page(site, id - 1, None, 1)
            .await?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("no item {id} in site {}", site.code)))?;
        let reviews: Vec<(DateTime<Utc>, String, String, String, String)> = sqlx::query_as(
            "SELECT r.decided_at, o.name, r.step, r.decision, r.comment FROM reviews r \
             JOIN operators o ON o.site_id = r.site_id AND o.id = r.operator_id \
             WHERE r.site_id = $1 AND r.item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        type Withdrawal =
            (DateTime<Utc>, String, String, String, Option<DateTime<Utc>>, Option<String>, Option<String>);
        let withdrawals: Vec<Withdrawal> = sqlx::query_as(
            "SELECT withdrawn_at, withdrawn_by, reason, note, restored_at, restored_by, restore_note FROM withdrawals \
             WHERE site_id = $1 AND item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let attachments: Vec<(DateTime<Utc>, String, String)> =
            sqlx::query_as("SELECT received_at, kind, name FROM attachments WHERE site_id = $1 AND item_id = $2")
                .bind(site.id)
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        let marks: Vec<(DateTime<Utc>, String, String, NaiveDate, String, String)> = sqlx::query_as(
            "SELECT marked_at, marked_by, mark, effective_on, replaced_by, note FROM item_marks WHERE site_id = $1 AND item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let by_note = |what: String, note: &str| if note.is_empty() { what } else { format!("{what} — {note}") };
        let mut history = vec![HistoryEntry {
            at: item.submitted_at,
            operator: item.unit.clone().unwrap_or_default(),
            event: "submitted".into(),
        }];
        for (at, kind, name) in attachments {
            history.push(HistoryEntry {
                at,
                operator: item.unit.clone().unwrap_or_default(),
                event: format!("attachment {kind}: {name}"),
            });
        }
        // Who published it is the publication's audit record.
        let publisher: Option<String> = sqlx::query_scalar(
            "SELECT operator FROM audit_log WHERE site_id = $1 AND target = $2 AND action = 'publish' ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(site.id)
        .bind(format!("item:{id}"))
        .fetch_optional(&self.pool)
        .await?;
        for (at, operator, step, decision, comment) in reviews {
            history.push(HistoryEntry { at, operator, event: by_note(format!("{decision} ({step})"), &comment) });
        }
        if let Some(at) = item.published_at {
            history.push(HistoryEntry { at, operator: publisher.unwrap_or_default(), event: "published".into() });
        }
        for (at, by, reason, note, restored_at, restored_by, restore_note) in withdrawals {
            history.push(HistoryEntry { at, operator: by, event: by_note(format!("withdrawn: {reason}"), &note) });
            if let (Some(at), Some(by)) = (restored_at, restored_by) {
                history.push(HistoryEntry {
                    at,
                    operator: by,
                    event: by_note("restored".into(), restore_note.as_deref().unwrap_or("")),
                });
            }
        }
        // Findings of the content checks waived before approval (全过程留痕).
        let waived: Vec<(DateTime<Utc>, String, String, String, String)> = sqlx::query_as(
            "SELECT waived_at, waived_by, kind, text, reason FROM finding_waivers WHERE site_id = $1 AND item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        for (at, operator, kind, text, reason) in waived {
            history.push(HistoryEntry {
                at, operator, event: format!("finding waived: {kind} “{text}” — {reason}")
            });
        }
        history.extend(self.findings_at_decisions(site, id).await?);
        for (at, by, mark, effective_on, replaced_by, note) in marks {
            let kind: MarkKind = parse("mark", &mark)?;
            let replaced = if replaced_by.is_empty() { String::new() } else { format!(", replaced by {replaced_by}") };
            history.push(HistoryEntry {
                at,
                operator: by,
                event: by_note(
                    format!("marked {} {} from {effective_on}{replaced}", kind.as_str(), kind.label()),
                    &note,
                ),
            });
        }
        history.sort_by_key(|h| h.at);
        Ok((item, history))
    }

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

    async fn retraction_requests(&self, site: &Site, status: Option<RequestStatus>) -> Result<Vec<RetractionRequest>> {
        type Json = (
            i64,
            i64,
            String,
            Option<String>,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<Vec<String>>,
        );
        // One statement: the requests (retraction_requests_status), and each item's columns.
        let sql = retraction_requests_sql::<DB>(status.is_some());
        let mut query = sqlx::query_scalar(&sql).bind(site.id);
        if let Some(status) = status {
            query = query.bind(status.as_str());
        }
        let json: Option<String> = query.fetch_one(&self.pool).await?;
        let mut out = json_rows::<Json>("retraction requests", json)?
            .into_iter()
            .map(
                |(
                    id,
                    item,
                    title,
                    unit,
                    reason,
                    note,
                    status,
                    requested_at,
                    handled_at,
                    handled_by,
                    resolution,
                    columns,
                )| {
                    let columns = columns.unwrap_or_default();
                    Ok(RetractionRequest {
                        id,
                        item,
                        title,
                        unit,
                        reason: parse("reason", &reason)?,
                        note,
                        status: RequestStatus::parse(&status).ok_or_else(|| decode_error("request status", &status))?,
                        requested_at: stored_time(&requested_at)?,
                        handled_at: handled_at.as_deref().map(stored_time).transpose()?,
                        handled_by,
                        resolution: resolution.as_deref().map(|r| parse("resolution", r)).transpose()?,
                        columns,
                    })
                },
            )
            .collect::<Result<Vec<_>>>()?;
        out.sort_by_key(|r| (crate::domain::review::urgency(r.reason), r.requested_at, r.id));
        Ok(out)
    }

    async fn retract(&self, site: &Site, items: &[i64], reason: RetractionReason, note: &str) -> Result<Withdrawal> {
        let mut tx = self.begin_write("a withdrawal").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let states = Self::batch_states(&mut tx, site, items).await?;
        let mut out = Withdrawal::default();
        for (id, state) in &states {
            match state.status {
                ItemStatus::Online => {}
                ItemStatus::Withdrawn => out.already.push(*id),
                other => {
                    return Err(StoreError::Refused(format!(
                        "item {id} is not online (it is {}): only an online item can be withdrawn",
                        other.as_str()
                    )));
                }
            }
        }
        let now = Utc::now();
        let online: Vec<i64> =
            states.iter().filter(|(_, s)| s.status == ItemStatus::Online).map(|(id, _)| *id).collect();
        let mut closed: HashMap<i64, u64> = HashMap::new();
        let mut requests_closed: Vec<(i64, i64)> = Vec::new();
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
            let requests: Vec<(i64, i64)> = sqlx::query_as(&close_requests_sql(&list))
                .bind(site.id)
                .bind(now)
                .bind(self.operator.as_str())
                .fetch_all(&mut *tx)
                .await?;
            for (_, item) in &requests {
                *closed.entry(*item).or_default() += 1;
            }
            requests_closed.extend(requests);
            out.withdrawn.extend(moved);
        }
        if out.withdrawn.is_empty() {
            tx.rollback().await?;
            return Ok(out);
        }
        let withdrawn: HashSet<i64> = out.withdrawn.iter().copied().collect();
        let taken: Vec<&ItemState> = states.iter().filter(|(id, _)| withdrawn.contains(id)).map(|(_, s)| s).collect();
        Self::shift_points(&mut tx, site, &taken, reason, -1).await?;
        let batch = out.withdrawn.len();
        let records: Vec<(String, String)> = out
            .withdrawn
            .iter()
            .map(|id| {
                let requests = closed.get(id).copied().unwrap_or(0);
                let detail = with_change(
                    json!({"reason": reason.as_str(), "note": note, "requests_closed": requests, "batch": batch}),
                    (Stage::Done, ItemStatus::Online),
                    (Stage::Done, ItemStatus::Withdrawn),
                );
                (format!("item:{id}"), detail.to_string())
            })
            .collect();
        Self::audit_many(&mut tx, Some(site.id), &self.operator, "retract", &records).await?;
        Self::audit_many(
            &mut tx,
            Some(site.id),
            &self.operator,
            "retraction.close",
            &closed_requests_audit(&requests_closed, Resolution::Withdrawn),
        )
        .await?;
        tx.commit().await?;
        out.requests_closed = closed.values().sum();
        Ok(out)
    }

    async fn mark(&self, site: &Site, items: &[i64], mark: &NewMark) -> Result<Marking> {
        let mut tx = self.begin_write("marking items").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let states = Self::batch_states(&mut tx, site, items).await?;
        let mut out = Marking::default();
        for (id, state) in &states {
            if state.status != ItemStatus::Online {
                return Err(StoreError::Refused(format!(
                    "item {id} is not online (it is {}): only an online item is marked {}",
                    state.status.as_str(),
                    mark.kind.label()
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
        let mut closed: HashMap<i64, u64> = HashMap::new();
        let mut requests_closed: Vec<(i64, i64)> = Vec::new();
        for chunk in out.marked.chunks(CHUNK) {
            let list = id_list(chunk);
            // Not an update of its columns: published_at and the placements stay as they are.
            sqlx::query(&format!(
                "UPDATE items SET mark = $2, version = version + 1, updated_at = $3 WHERE site_id = $1 AND id IN ({list})"
            ))
            .bind(site.id)
            .bind(mark.kind.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            pause_point("mark");
            sqlx::query(&format!(
                "INSERT INTO item_marks (site_id, item_id, mark, effective_on, replaced_by, note, marked_at, marked_by) \
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
            let requests: Vec<(i64, i64)> = sqlx::query_as(&format!(
                "UPDATE retraction_requests SET status = 'done', resolution = 'marked', handled_at = $2, handled_by = $3 \
                 WHERE site_id = $1 AND status = 'pending' AND reason = 'outdated' AND item_id IN ({list}) RETURNING id, item_id"
            ))
            .bind(site.id)
            .bind(now)
            .bind(self.operator.as_str())
            .fetch_all(&mut *tx)
            .await?;
            for (_, item) in &requests {
                *closed.entry(*item).or_default() += 1;
            }
            requests_closed.extend(requests);
        }
        let before: HashMap<i64, Option<MarkKind>> = states.iter().map(|(id, s)| (*id, s.mark)).collect();
        let records: Vec<(String, String)> = out
            .marked
            .iter()
            .map(|id| {
                let detail = json!({
                    "before": {"mark": before.get(id).copied().flatten().map(MarkKind::as_str)},
                    "after": {"mark": mark.kind.as_str()},
                    "mark": mark.kind.as_str(),
                    "effective_on": mark.effective_on.to_string(),
                    "replaced_by": mark.replaced_by,
                    "note": mark.note,
                    "requests_closed": closed.get(id).copied().unwrap_or(0),
                });
                (format!("item:{id}"), detail.to_string())
            })
            .collect();
        Self::audit_many(&mut tx, Some(site.id), &self.operator, "mark", &records).await?;
        Self::audit_many(
            &mut tx,
            Some(site.id),
            &self.operator,
            "retraction.close",
            &closed_requests_audit(&requests_closed, Resolution::Marked),
        )
        .await?;
        tx.commit().await?;
        out.requests_closed = closed.values().sum();
        Ok(out)
    }

    async fn withdrawals(&self, site: &Site, limit: i64) -> Result<Vec<WithdrawalRow>> {
        type Row = (
            i64,
            i64,
            String,
            String,
            String,
            DateTime<Utc>,
            String,
            Option<DateTime<Utc>>,
            Option<String>,
            Option<DateTime<Utc>>,
        );
        let rows: Vec<Row> = sqlx::query_as(WITHDRAWALS).bind(site.id).bind(limit).fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(
                |(
                    id,
                    item,
                    title,
                    reason,
                    note,
                    withdrawn_at,
                    withdrawn_by,
                    restored_at,
                    restored_by,
                    requested_at,
                )| {
                    Ok(WithdrawalRow {
                        id,
                        item,
                        title,
                        reason: parse("reason", &reason)?,
                        note,
                        withdrawn_at,
                        withdrawn_by,
                        restored: restored_at.zip(restored_by),
                        requested_at,
                        still_public: false,
                    })
                },
            )
            .collect()
    }

    async fn restore(&self, site: &Site, item: i64, note: &str) -> Result<Option<Transition>> {
        let mut tx = self.begin_write("a restore").await?;
        let current = Self::item_state(&mut tx, site, item, None).await?;
        let open: Option<(i64, String)> = sqlx::query_as(
            "SELECT w.id, w.reason FROM withdrawals w JOIN items i ON i.site_id = w.site_id AND i.id = w.item_id \
             WHERE w.site_id = $1 AND w.item_id = $2 AND w.restored_at IS NULL AND i.status = 'withdrawn' ORDER BY w.withdrawn_at DESC LIMIT 1",
        )
        .bind(site.id)
        .bind(item)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((withdrawal, reason)) = open else {
            tx.rollback().await?;
            return Ok(None);
        };
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let reason: RetractionReason = parse("reason", &reason)?;
        let now = Utc::now();
        // Only one restore: the status moves from withdrawn exactly once.
        let done = sqlx::query(
            "UPDATE items SET status = 'online', version = version + 1, updated_at = $3 WHERE site_id = $1 AND id = $2 AND status = 'withdrawn'",
        )
        .bind(site.id)
        .bind(item)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&done) == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        pause_point("restore");
        // Back where it was, as of its publication: a restore is not a new update of the columns.
        sqlx::query(
            "UPDATE placements SET online_since = (SELECT published_at FROM items WHERE site_id = $1 AND id = $2) WHERE site_id = $1 AND item_id = $2",
        )
        .bind(site.id)
        .bind(item)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE withdrawals SET restored_at = $2, restored_by = $3, restore_note = $4 WHERE id = $1")
            .bind(withdrawal)
            .bind(now)
            .bind(self.operator.as_str())
            .bind(note)
            .execute(&mut *tx)
            .await?;
        Self::shift_points(&mut tx, site, &[&current], reason, 1).await?;
        let detail = with_change(
            json!({"withdrawn_for": reason.as_str(), "note": note}),
            (Stage::Done, ItemStatus::Withdrawn),
            (Stage::Done, ItemStatus::Online),
        );
        Self::audit(&mut tx, Some(site.id), &self.operator, "restore", &format!("item:{item}"), &detail.to_string())
            .await?;
        tx.commit().await?;
        Ok(Some(Transition { item, from: Stage::Done, to: Stage::Done, version: current.version + 1 }))
    }

    async fn request_retraction(
        &self,
        site: &Site,
        item: i64,
        unit: &str,
        reason: RetractionReason,
        note: &str,
    ) -> Result<i64> {
        let mut tx = self.begin_write("a retraction request").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::RecordRequest).await?;
        let unit_id: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(unit)
            .fetch_optional(&mut *tx)
            .await?;
        let unit_id = unit_id.ok_or_else(|| StoreError::NotFound(format!("no unit {unit:?} in site {}", site.code)))?;
        let status: Option<String> = sqlx::query_scalar("SELECT status FROM items WHERE site_id = $1 AND id = $2")
            .bind(site.id)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
        match status.as_deref() {
            None => return Err(StoreError::NotFound(format!("no item {item} in site {}", site.code))),
            Some("online") => {}
            Some(other) => {
                return Err(StoreError::Refused(format!(
                    "item {item} is {other}, not online: there is nothing to withdraw"
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
        tx.commit().await?;
        Ok(id)
    }

    async fn decline_request(&self, site: &Site, request: i64, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Refused("declining a request needs a reason (--reason)".into()));
        }
        let mut tx = self.begin_write("declining a request").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Withdraw).await?;
        let done = sqlx::query(
            "UPDATE retraction_requests SET status = 'rejected', resolution = 'declined', handled_at = $3, handled_by = $4, decline_reason = $5 \
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
            return Err(StoreError::Refused(format!(
                "request {request} is not a pending request of site {}",
                site.code
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
        tx.commit().await?;
        Ok(())
    }

    async fn find_item(&self, site: &Site, key: &str) -> Result<i64> {
        let found: Option<i64> = match key.trim().parse::<i64>() {
            Ok(id) => {
                sqlx::query_scalar("SELECT id FROM items WHERE site_id = $1 AND id = $2")
                    .bind(site.id)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Err(_) => {
                sqlx::query_scalar("SELECT id FROM items WHERE site_id = $1 AND ref = $2")
                    .bind(site.id)
                    .bind(key.trim())
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        found.ok_or_else(|| {
            StoreError::NotFound(format!(
                "no item {key:?} in site {} (an item is named by its id or its ref)",
                site.code
            ))
        })
    }

    async fn queue(&self, site: &Site, path: Option<ItemPath>, stage: Option<Stage>) -> Result<Vec<QueueItem>> {
        type ItemJson = (i64, String, String, Option<String>, String, String, String, String, i64, Option<String>);
        // One statement, three JSON arrays (every row through the SQLite driver costs more than
        // the query): the pending items on one index range (items_queue), their columns and their
        // attachments, each by primary-key lookups from those items.
        let sql = queue_sql::<DB>();
        // Leniently decoded: one item whose text is not UTF-8 (SQLite) must not fail the queue.
        let (items, columns, attachments): (Option<Lossy>, Option<Lossy>, Option<Lossy>) = sqlx::query_as(&sql)
            .bind(site.id)
            .bind(path.map(|p| p.as_str()))
            .bind(stage.map(|s| s.as_str()))
            .fetch_one(&self.pool)
            .await?;
        let repaired = items.as_ref().is_some_and(|i| i.repaired);
        let (items, columns, attachments) =
            (items.map(|l| l.text), columns.map(|l| l.text), attachments.map(|l| l.text));
        let mut rows: Vec<ItemJson> = json_rows("queue", items)?;
        for row in rows.iter().filter(|r| {
            repaired && (r.5.contains('\u{fffd}') || r.3.as_deref().is_some_and(|u| u.contains('\u{fffd}')))
        }) {
            note_repaired(row.0);
        }
        // The workflow's order of steps, then oldest first.
        let mut keyed: Vec<(usize, DateTime<Utc>, ItemJson)> = rows
            .drain(..)
            // Oldest first: a WeChat item by when it went out on WeChat.
            .map(|r| {
                Ok((
                    crate::domain::review::step_order(parse("stage", &r.2)?),
                    stored_time(r.9.as_deref().unwrap_or(&r.7))?,
                    r,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        keyed.sort_by_key(|k| (k.0, k.1, k.2.0));
        let mut columns: Vec<(i64, String, i64)> = json_rows("queue columns", columns)?;
        columns.sort_by_key(|c| (c.0, c.2));
        let columns: Vec<(i64, String)> = columns.into_iter().map(|(item, path, _)| (item, path)).collect();
        let attachments: Vec<(i64, String)> = json_rows("queue attachments", attachments)?;
        let mut columns_of: HashMap<i64, Vec<String>> = HashMap::new();
        for (item, path) in columns {
            columns_of.entry(item).or_default().push(path);
        }
        let mut kinds_of: HashMap<i64, HashSet<String>> = HashMap::new();
        for (item, kind) in attachments {
            kinds_of.entry(item).or_default().insert(kind);
        }
        keyed
            .into_iter()
            .map(|(_, submitted_at, (id, path, stage, unit, form, title, channel, _, version, wechat_at))| {
                let path: ItemPath = parse("path", &path)?;
                let missing = lacking(path, kinds_of.remove(&id).unwrap_or_default().iter().map(String::as_str));
                Ok(QueueItem {
                    id,
                    path,
                    stage: parse("stage", &stage)?,
                    unit,
                    form: parse("form", &form)?,
                    title,
                    channel: parse("channel", &channel)?,
                    columns: columns_of.remove(&id).unwrap_or_default(),
                    submitted_at,
                    wechat_at: wechat_at.as_deref().map(stored_time).transpose()?,
                    missing,
                    version,
                })
            })
            .collect()
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
        let mut tx = self.begin_write("a review").await?;
        let current = Self::item_state(&mut tx, site, item, version).await?;
        let to = after_decision(item, current.path, current.stage, decision)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let operator_id = Self::allowed(&mut tx, site, &self.operator, Act::Pass(current.stage)).await?;
        let approve = matches!(decision, Decision::Approve { .. });
        if approve && current.path == ItemPath::Unit {
            let have: Vec<String> =
                sqlx::query_scalar("SELECT kind FROM attachments WHERE site_id = $1 AND item_id = $2")
                    .bind(site.id)
                    .bind(item)
                    .fetch_all(&mut *tx)
                    .await?;
            let missing: Vec<&str> =
                lacking(current.path, have.iter().map(String::as_str)).into_iter().map(|k| k.describe()).collect();
            if !missing.is_empty() {
                return Err(StoreError::Refused(format!(
                    "item {item} cannot pass its re-review: missing {} (Art. 10)",
                    missing.join(", ")
                )));
            }
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
        };
        sqlx::query(
            "INSERT INTO reviews (site_id, item_id, step, operator_id, decision, checks_affirmed, checks_failed, comment, decided_at) \
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
        let status = if approve { ItemStatus::Pending } else { ItemStatus::Returned };
        let version =
            Self::advance(&mut tx, site, item, current.version, Change::Decided { stage: to, status }).await?;
        let action = if approve { "review.approve" } else { "review.reject" };
        let mut detail = with_change(detail, (current.stage, current.status), (to, status));
        if let (Some(found), Some(fields)) = (found, detail.as_object_mut()) {
            fields.insert("findings".into(), json!(found));
        }
        Self::audit(&mut tx, Some(site.id), &self.operator, action, &format!("item:{item}"), &detail.to_string())
            .await?;
        tx.commit().await?;
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
                return Err(StoreError::NotFound(format!(
                    "not a column of site {}: one of {columns:?} (`portal-admin columns` lists them)",
                    site.code
                )));
            }
            sqlx::query("DELETE FROM placements WHERE site_id = $1 AND item_id = $2 AND online_since IS NULL")
                .bind(site.id)
                .bind(item)
                .execute(&mut *tx)
                .await?;
            for column in distinct {
                sqlx::query("INSERT INTO placements (site_id, item_id, column_id, form, online_since) VALUES ($1, $2, $3, $4, NULL)")
                    .bind(site.id)
                    .bind(item)
                    .bind(column)
                    .bind(current.form.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let now = Utc::now();
        let placed: Vec<(String, String)> = sqlx::query_as(
            "SELECT c.path, p.form FROM placements p JOIN columns c ON c.id = p.column_id WHERE p.site_id = $1 AND p.item_id = $2 ORDER BY c.position",
        )
        .bind(site.id)
        .bind(item)
        .fetch_all(&mut *tx)
        .await?;
        if placed.is_empty() {
            return Err(StoreError::Refused(format!("item {item} has no target column; name one with --column ID")));
        }
        let forms = placed.iter().map(|(_, f)| parse::<Form>("form", f)).collect::<Result<Vec<_>>>()?;
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
            json!({"columns": placed.iter().map(|(p, _)| p).collect::<Vec<_>>(), "points": points.as_str()}),
            (Stage::Publish, ItemStatus::Pending),
            (Stage::Done, ItemStatus::Online),
        );
        Self::audit(&mut tx, Some(site.id), &self.operator, "publish", &format!("item:{item}"), &detail.to_string())
            .await?;
        tx.commit().await?;
        Ok(Transition { item, from: Stage::Publish, to: Stage::Done, version })
    }
}
