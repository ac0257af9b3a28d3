//! The store, written once for both backends over a concrete pool (`SqlStore<Postgres>`,
//! `SqlStore<Sqlite>`): runtime queries with `$N` placeholders, which both drivers accept.

use crate::t;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use crate::domain::audit_chain;
use crate::domain::deadline::DeadlineRule;
use crate::domain::review::{Act, WorkflowError};
use crate::domain::{Form, ItemPath, ItemStatus, MarkKind, Role, Stage, UnitKind};
use crate::store::backend::Backend;
use crate::store::text::Lossy;
use crate::store::written;
use crate::store::*;
use sqlx::{ColumnIndex, Database, Decode, Encode, IntoArguments, Type};

/// An `impl` on `SqlStore<DB>` for either backend, with the bounds sqlx needs written once here:
/// `sql_impl! { SqlStore; … }` for the store's own helpers, `sql_impl! { ColumnStore; … }` for an
/// aggregate's operations (`store/operations.rs`). rustfmt leaves a macro's body alone:
/// `scripts/fmt` formats these.
macro_rules! sql_impl {
    (SqlStore; $($body:tt)*) => {
        sql_impl!(@impl [] [SqlStore<DB>] $($body)*);
    };
    ($operations:ident; $($body:tt)*) => {
        sql_impl!(@impl [async_trait::async_trait] [crate::store::$operations for SqlStore<DB>] $($body)*);
    };
    (@impl [$($attribute:meta)?] [$($head:tt)*] $($body:tt)*) => {
        $(#[$attribute])?
        impl<DB> $($head)*
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
            for<'s> &'s str: ColumnIndex<DB::Row>,
        {
            $($body)*
        }
    };
}

/// A list's count (`Total`): `SELECT 1 {from}` counted up to `COUNTED + 1` rows, `$cap` bound by
/// the caller's binding (`|query, cap| …`, run twice) to that bound; above it, on PostgreSQL the
/// planner's estimate of the same statement (bound with no cap), on SQLite at least `COUNTED`.
macro_rules! total {
    ($self:ident, $from:expr, |$query:ident, $cap:ident| $bind:expr) => {{
        let from: &str = &$from;
        let counted = $crate::store::sql::bounded_count(from);
        let $cap: i64 = $crate::store::sql::COUNTED + 1;
        let $query = sqlx::query_scalar::<DB, i64>(&counted);
        let n: i64 = $bind.fetch_one(&$self.pool).await?;
        if n <= $crate::store::sql::COUNTED {
            Total::Exact(n)
        } else if DB::DIALECT == crate::store::schema::Dialect::Postgres {
            let planned = format!("EXPLAIN SELECT 1 {from}");
            let $cap: i64 = i64::MAX;
            let $query = sqlx::query_scalar::<DB, String>(&planned);
            let plan: Vec<String> = $bind.fetch_all(&$self.pool).await?;
            Total::About($crate::store::sql::planned_rows(&plan).unwrap_or(n).max(n))
        } else {
            Total::AtLeast($crate::store::sql::COUNTED)
        }
    }};
}

/// Rows a list's count reads at most (`total!`): counting a million would take longer than the
/// first page may (docs/performance.md).
pub const COUNTED: i64 = 10_000;

/// The statement counting `SELECT 1 {from}` up to `COUNTED + 1` rows.
pub(crate) fn bounded_count(from: &str) -> String {
    format!("SELECT COUNT(*) FROM (SELECT 1 AS one {from} LIMIT {}) counted", COUNTED + 1)
}

/// The rows PostgreSQL's planner expects of a statement: `rows=` of its plan's first line.
pub(crate) fn planned_rows(plan: &[String]) -> Option<i64> {
    let after = plan.first()?.split(" rows=").nth(1)?;
    after.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

mod assessment;
mod audit;
mod backup;
mod calendar;
mod checks;
mod columns;
mod finding_list;
mod findings;
mod import;
mod inspection;
mod items;
mod links;
mod operators;
mod rectification;
mod restore;
mod retraction;
mod review;
mod search;
mod site;

use assessment::*;
use audit::*;
use columns::*;
use retraction::*;
use review::*;
pub(crate) use search::{BROAD as SEARCH_BROAD, first_page_statements};
use search::{Way, any_holds, item_filter, like_pattern, named_by, search_page_sql, search_total_from, text_param};

/// Items written per statement batch (25,500 bound values: under SQLite's 32,766 and PostgreSQL's 65,535).
pub(super) const CHUNK: usize = 1_500;

/// The hot statements for one backend (`super::hot_statements`).
pub(crate) fn hot_statements<DB: Backend>() -> Vec<HotStatement> {
    use Param::*;
    let list = id_list(&[1, 2, 3]);
    let hot = |name: &'static str, sql: String, params: Vec<Param>| HotStatement { name, sql, params };
    let (few, many, two, two_many, two_few, fxkh) = if DB::DIALECT == schema::Dialect::Sqlite {
        ("\"防汛抗旱\"", "\"象山区\"", Way::Scan, "%政府%", "%抗旱%", "\"fxkh\"")
    } else {
        ("%防汛抗旱%", "%象山区%", Way::Bigrams, "政府", "抗旱", "%fxkh%")
    };
    let needle = crate::domain::search::Needle::new("防汛抗旱").expect("four characters");
    let filter = ListFilter { text: needle, units: Vec::new(), initials: None };
    // A filter of pinyin initials (防汛抗旱 in few items), read through the index of initials.
    let initials = ListFilter {
        text: crate::domain::search::Needle::new("fxkh").expect("four letters"),
        units: Vec::new(),
        initials: Initials::new("fxkh", true),
    };
    let mut by_initials = search_params(many, None);
    by_initials.push(Text(fxkh));
    let mut statements = vec![
        hot("queue", queue_sql::<DB>(None), vec![Site, NullText, NullText]),
        hot("queue, filtered", queue_sql::<DB>(Some(&filter)), vec![Site, NullText, NullText, Text(few)]),
        hot("queue count", QUEUE_COUNT.to_string(), vec![Site]),
        hot("queue page", queue_page_sql::<DB>(QueueOrder::Step, None, Seek::First), vec![Site, Int(100)]),
        hot(
            "queue page, next",
            queue_page_sql::<DB>(QueueOrder::Step, None, Seek::After(())),
            vec![Site, Int(100), Int(1), Instant, Item],
        ),
        hot("queue page, last", queue_page_sql::<DB>(QueueOrder::Step, None, Seek::Last), vec![Site, Int(100)]),
        hot(
            "queue page, before",
            queue_page_sql::<DB>(QueueOrder::Step, None, Seek::Before(())),
            vec![Site, Int(100), Int(3), Instant, Item],
        ),
        hot("queue page, by wait", queue_page_sql::<DB>(QueueOrder::Wait, None, Seek::First), vec![Site, Int(100)]),
        hot(
            "queue page, by wait, next",
            queue_page_sql::<DB>(QueueOrder::Wait, None, Seek::After(())),
            vec![Site, Int(100), Instant, Item],
        ),
        hot("stale", staleness_sql::<DB>(), vec![Site, Day, Instant]),
        hot("column items", column_items_sql::<DB>(Seek::First, None), vec![Site, Column, Int(50)]),
        hot(
            "column items, next page",
            column_items_sql::<DB>(Seek::After(()), None),
            vec![Site, Column, Instant, Item, Int(50)],
        ),
        hot("column items, last page", column_items_sql::<DB>(Seek::Last, None), vec![Site, Column, Int(50)]),
        hot(
            "column items, page before",
            column_items_sql::<DB>(Seek::Before(()), None),
            vec![Site, Column, Instant, Item, Int(50)],
        ),
        hot("column items, counted", bounded_count(&column_items_total_from::<DB>(None)), vec![Site, Column]),
        hot(
            "column items, filtered",
            column_items_sql::<DB>(Seek::First, Some(&filter)),
            vec![Site, Column, Int(50), Text(few)],
        ),
        hot("column item count", COLUMN_ITEM_COUNT.to_string(), vec![Site, Column]),
        hot("scores", unit_tallies_sql::<DB>(), vec![Site, YearStart, YearEnd]),
        hot("retraction requests", retraction_requests_sql::<DB>(true), vec![Site, Text("pending")]),
        hot(
            "audit page",
            audit_page_sql::<DB>(false, false),
            vec![Site, Int(i64::MAX), Int(200), NullTime, NullText, Int(0), NullText, NullText],
        ),
        hot(
            "audit page, last",
            audit_page_sql::<DB>(false, true),
            vec![Site, Int(i64::MIN), Int(200), NullTime, NullText, Int(0), NullText, NullText],
        ),
        hot(
            "audit, counted",
            bounded_count(&audit_total_from::<DB>(false)),
            vec![Site, Int(i64::MAX), Int(COUNTED + 1), NullTime, NullText, Int(0), NullText, NullText],
        ),
        hot(
            "audit page, filtered",
            audit_page_sql::<DB>(true, false),
            vec![
                Site,
                Int(i64::MAX),
                Int(200),
                NullTime,
                NullText,
                Int(0),
                NullText,
                NullText,
                Text("%publish%"),
                NullTime,
                NullTime,
                Text(",publish,"),
                NullText,
                Text(r#"["%\"reason\":\"outdated\"%"]"#),
                Text("%publish%"),
                Text("%publish%"),
            ],
        ),
        hot("withdrawals", withdrawals_sql::<DB>(None, Seek::First), vec![Site, Int(200)]),
        hot("withdrawals, last page", withdrawals_sql::<DB>(None, Seek::Last), vec![Site, Int(200)]),
        hot(
            "withdrawals, next page",
            withdrawals_sql::<DB>(None, Seek::After(())),
            vec![Site, Int(200), Instant, Int(i64::MAX)],
        ),
        hot(
            "withdrawals, filtered",
            withdrawals_sql::<DB>(Some(&filter), Seek::First),
            vec![Site, Int(200), Text("%过时%")],
        ),
        hot("withdrawal: the items' states", batch_states_sql(&list), vec![Site]),
        hot("withdrawal: the items", withdraw_items_sql(&list), vec![Site, Instant]),
        hot("withdrawal: their placements", withdraw_placements_sql(&list), vec![Site]),
        hot(
            "withdrawal: the records",
            record_withdrawals_sql(&list),
            vec![Site, Text("outdated"), Text(""), Instant, Text("bench")],
        ),
        hot("withdrawal: the requests it closes", close_requests_sql(&list), vec![Site, Instant, Text("bench")]),
        // A text in few items (防汛抗旱: 1 in 100 demo items), in most (象山区: 3 in 4), two characters.
        hot("search", search_page_sql::<DB>(Way::Trigrams, false, Seek::First, None), search_params(few, None)),
        hot(
            "search, last page",
            search_page_sql::<DB>(Way::Trigrams, false, Seek::Last, None),
            search_params(few, None),
        ),
        hot(
            "search, counted",
            bounded_count(&search_total_from::<DB>(Way::Trigrams, false, None)),
            vec![Site, Text(few), NullText, NullInt, NullInt, NullTime],
        ),
        hot(
            "search, next page",
            search_page_sql::<DB>(Way::Trigrams, false, Seek::After(()), None),
            search_params(few, Some(Instant)),
        ),
        hot(
            "search, in many items",
            search_page_sql::<DB>(Way::Newest, false, Seek::First, None),
            search_params(many, None),
        ),
        // Two characters: in most items (政府), in few (抗旱); PostgreSQL reads the bigram index.
        hot(
            "search, two characters",
            search_page_sql::<DB>(two, false, Seek::First, None),
            search_params(two_many, None),
        ),
        hot(
            "search, two characters in few items",
            search_page_sql::<DB>(two, false, Seek::First, None),
            search_params(two_few, None),
        ),
        hot(
            "search, filtered by initials",
            search_page_sql::<DB>(Way::Newest, false, Seek::First, Some(&initials)),
            by_initials,
        ),
        hot(
            "search, Latin letters",
            search_page_sql::<DB>(Way::Scan, true, Seek::First, None),
            search_params("%wifi%", None),
        ),
    ];
    statements.extend(finding_list::hot_statements::<DB>());
    statements
}

/// A search's values (`search::search_page_sql`) for `text` as the store binds it
/// (`search::text_param`), with no filter; `after`: the key of the page before.
fn search_params(text: &'static str, after: Option<Param>) -> Vec<Param> {
    use Param::*;
    let mut params = vec![Site, Text(text), NullText, NullInt, NullInt, NullTime];
    params.extend(after.map(|at| [at, Item]).into_iter().flatten());
    params.push(Int(50));
    params
}

pub(crate) struct SqlStore<DB: Database> {
    /// Where every read goes: the database, or a hot standby given a primary (`--db-primary`).
    pub(super) pool: Pool<DB>,
    /// The primary every change goes to when `pool` is its hot standby (`--db-primary`): each
    /// change's transaction, its audit record with it, runs there; `None`: `pool` takes them.
    primary: Option<Pool<DB>>,
    described: String,
    /// Why nothing may be changed, if nothing may: `--read-only`, or a file this user cannot write.
    read_only: Option<String>,
    pub(super) operator: String,
    /// Every change is rolled back instead of committed (`OpenOptions::dry_run`).
    dry_run: bool,
    /// When the standby read from was last seen to have replayed everything (its own clock), for
    /// how far behind it is (`Store::replica`).
    pub(super) in_step: std::sync::Mutex<Option<DateTime<Utc>>>,
    /// The content checks' lists items are checked with when written (`FindingStore::use_lists`;
    /// the shipped ones until then).
    lists: std::sync::RwLock<Option<Arc<crate::domain::checks::Lists>>>,
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

/// The hash of the newest audit record of site `$1`, and of the records of no site.
pub(super) const CHAIN_HEAD_OF_SITE: &str = "SELECT hash FROM audit_log WHERE site_id = $1 ORDER BY id DESC LIMIT 1";
pub(super) const CHAIN_HEAD_OF_NONE: &str = "SELECT hash FROM audit_log WHERE site_id IS NULL ORDER BY id DESC LIMIT 1";

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

pub(super) fn decode_error(what: &str, value: &str) -> StoreError {
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

/// The columns of items an `ItemState` is read from (`state_of`).
const ITEM_STATE: &str = "path, stage, status, form, version, unit_id, published_at, points, mark";

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

/// An operator of a site (`SqlStore::login`).
pub(super) struct Login {
    id: i64,
    role: Role,
    active: bool,
}

/// An item of a batch and where it stands (`batch_states`).
struct BatchState {
    id: i64,
    state: ItemState,
}

/// A change to an item's workflow state.
enum Change {
    Decided { stage: Stage, status: ItemStatus },
    Published { at: DateTime<Utc>, points: Form },
}

sql_impl! { SqlStore;
    /// A store reading from `pool` and, given `primary` (the primary `pool` is a hot standby of),
    /// writing there.
    pub(crate) async fn new(
        pool: Pool<DB>,
        primary: Option<Pool<DB>>,
        described: String,
        read_only: Option<String>,
        os_user: Option<String>,
        dry_run: bool,
    ) -> Result<Self> {
        // Who acts is the login that writes, as the database's triggers see it.
        let operator = match DB::CURRENT_USER {
            Some(sql) => sqlx::query_scalar::<DB, String>(sql).fetch_one(primary.as_ref().unwrap_or(&pool)).await?,
            None => os_user.unwrap_or_default(),
        };
        Ok(SqlStore {
            pool,
            primary,
            described,
            read_only,
            operator,
            dry_run,
            in_step: Default::default(),
            lists: Default::default(),
        })
    }

    /// Where changes go: the primary given a standby, else the database.
    pub(super) fn writer(&self) -> &Pool<DB> {
        self.primary.as_ref().unwrap_or(&self.pool)
    }

    /// Ends a change's transaction: committed, or on a store opened to rehearse, rolled back
    /// after it ran whole. Every write ends here, so a rehearsal can never leave a change behind.
    pub(super) async fn finish(&self, tx: Transaction<'static, DB>) -> Result<()> {
        if self.dry_run {
            tx.rollback().await?;
            written::ended(false);
        } else {
            tx.commit().await?;
            let readable = self.replayed().await;
            written::ended(readable);
        }
        Ok(())
    }

    pub(super) async fn begin_write(&self, what: &str) -> Result<Transaction<'static, DB>> {
        if let Some(why) = &self.read_only {
            let what = crate::i18n::text(&format!("store-doing-{what}"), None);
            return Err(StoreError::Refused(t!("store-read-only", what = what, why = why.as_str())));
        }
        let tx = self.writer().begin_with(DB::BEGIN_WRITE).await?;
        written::begun();
        Ok(tx)
    }

    /// Writes a change's audit record in its transaction, chained; gives the time and login it was
    /// written with (a row that must match its record, in `link_checks` and `site_probes`, takes them).
    pub(super) async fn audit(
        tx: &mut Transaction<'static, DB>,
        site: Option<i64>,
        operator: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<(DateTime<Utc>, String)> {
        Self::audit_many(tx, site, operator, action, &[(target.to_string(), detail.to_string())]).await
    }

    /// Audit records of one action on several targets (target, detail), written together.
    async fn audit_many(
        tx: &mut Transaction<'static, DB>,
        site: Option<i64>,
        operator: &str,
        action: &str,
        records: &[(String, String)],
    ) -> Result<(DateTime<Utc>, String)> {
        debug_assert!(action.parse::<crate::domain::AuditAction>().is_ok(), "an audit action without words: {action}");
        if records.is_empty() {
            return Ok((audit_chain::stored_time(Utc::now()), operator.to_string()));
        }
        // The chain (domain::audit_chain): wait for the site's chain where writers run at once, then
        // link each record to the one before it, with the time and login the database stamps.
        let (at, operator) = match DB::CHAIN_LOCK {
            Some(lock) => {
                let row = sqlx::query::<DB>(lock).bind(site.unwrap_or(0)).fetch_one(&mut **tx).await?;
                (audit_chain::stored_time(row.try_get("at")?), row.try_get("login")?)
            }
            None => (audit_chain::stored_time(Utc::now()), operator.to_string()),
        };
        // Inside `written::tracked` (the console's own writes): the change mark this transaction
        // finds before its records, read after the lock above (SQLite: after BEGIN IMMEDIATE), so
        // that its caller can tell whether anybody else wrote since it last looked.
        let tracking = written::tracking();
        let before: Option<i64> =
            if tracking { Some(sqlx::query_scalar(site::CHANGE_MARK).fetch_one(&mut **tx).await?) } else { None };
        let mut last = before;
        let mut previous: Option<String> = match site {
            Some(site) => sqlx::query_scalar::<DB, Option<String>>(CHAIN_HEAD_OF_SITE).bind(site),
            None => sqlx::query_scalar::<DB, Option<String>>(CHAIN_HEAD_OF_NONE),
        }
        .fetch_optional(&mut **tx)
        .await?
        .flatten();
        for chunk in records.chunks(CHUNK) {
            let mut sql =
                insert_sql::<DB>("audit_log (site_id, at, operator, action, target, detail, hash)", 7, chunk.len());
            if tracking {
                sql.push_str(" RETURNING id");
            }
            let mut q = sqlx::query::<DB>(&sql);
            for (target, detail) in chunk {
                let content = audit_chain::Content { site, at, operator: &operator, action, target, detail };
                let hash = audit_chain::link(&content, previous.as_deref());
                q = q
                    .bind(site)
                    .bind(at)
                    .bind(operator.clone())
                    .bind(action)
                    .bind(target.as_str())
                    .bind(detail.as_str())
                    .bind(hash.clone());
                previous = Some(hash);
            }
            if tracking {
                for row in q.fetch_all(&mut **tx).await? {
                    last = last.max(Some(row.try_get::<i64, _>(0)?));
                }
            } else {
                q.execute(&mut **tx).await?;
            }
        }
        if let (Some(before), Some(last)) = (before, last) {
            written::note(written::Written { before, last });
        }
        if let Some(notify) = DB::NOTIFY {
            // Delivered when the transaction commits, never for one rolled back.
            sqlx::query::<DB>(notify).execute(&mut **tx).await?;
        }
        Ok((at, operator))
    }

    /// An item's workflow state, checked against the version the caller read (if it gave one).
    async fn item_state(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        item: i64,
        version: Option<i64>,
    ) -> Result<ItemState> {
        let row = sqlx::query::<DB>(&format!("SELECT {ITEM_STATE} FROM items WHERE site_id = $1 AND id = $2"))
            .bind(site.id)
            .bind(item)
            .fetch_optional(&mut **tx)
            .await?;
        let Some(row) = row else {
            return Err(StoreError::no_item(item, &site.code));
        };
        let state = Self::state_of(&row)?;
        if version.is_some_and(|v| v != state.version) {
            return Err(Self::conflict(tx, site, item).await);
        }
        Ok(state)
    }

    /// An item's workflow state from a row holding the columns of `ITEM_STATE`, read by their names.
    fn state_of(row: &DB::Row) -> Result<ItemState> {
        let text = |name: &str| row.try_get::<String, _>(name);
        Ok(ItemState {
            path: parse("path", &text("path")?)?,
            stage: parse("stage", &text("stage")?)?,
            status: parse("status", &text("status")?)?,
            form: parse("form", &text("form")?)?,
            version: row.try_get("version")?,
            unit_id: row.try_get("unit_id")?,
            published_at: row.try_get("published_at")?,
            points: row.try_get("points")?,
            mark: row.try_get::<Option<String>, _>("mark")?.as_deref().map(|m| parse("mark", m)).transpose()?,
        })
    }

    /// Who last changed an item, for a conflict message.
    async fn conflict(tx: &mut Transaction<'static, DB>, site: &Site, item: i64) -> StoreError {
        let last = sqlx::query::<DB>(
            "SELECT operator, at, action FROM audit_log WHERE site_id = $1 AND target = $2 ORDER BY at DESC, id DESC \
                LIMIT 1",
        )
        .bind(site.id)
        .bind(format!("item:{item}"))
        .fetch_optional(&mut **tx)
        .await
        .ok()
        .flatten();
        let said = |row: &DB::Row| -> Result<String> {
            Ok(t!(
                "store-changed-by",
                item = item.to_string(),
                who = row.try_get::<String, _>("operator")?,
                at = crate::domain::time::format_time(row.try_get("at")?, false),
                action = row.try_get::<String, _>("action")?
            ))
        };
        StoreError::Conflict(match last.as_ref().map(said) {
            Some(Ok(said)) => said,
            Some(Err(_)) | None => t!("store-changed", item = item.to_string()),
        })
    }

    /// Whether this name is a supervisor of every site, and an active one, if it is one at all.
    pub(super) async fn supervisor<'c, E: Executor<'c, Database = DB>>(
        executor: E,
        name: &str,
    ) -> Result<Option<bool>> {
        Ok(sqlx::query_scalar("SELECT active FROM supervisors WHERE name = $1")
            .bind(name)
            .fetch_optional(executor)
            .await?)
    }

    /// The site's operator of this login, if there is one.
    pub(super) async fn login<'c, E: Executor<'c, Database = DB>>(
        executor: E,
        site: &Site,
        name: &str,
    ) -> Result<Option<Login>> {
        let row = sqlx::query::<DB>("SELECT id, role, active FROM operators WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(name)
            .fetch_optional(executor)
            .await?;
        row.map(|row| {
            Ok(Login {
                id: row.try_get("id")?,
                role: parse("role", &row.try_get::<String, _>("role")?)?,
                active: row.try_get("active")?,
            })
        })
        .transpose()
    }

    /// The site's unit of this name, if there is one: its id and its kind.
    pub(super) async fn unit_named(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        name: &str,
    ) -> Result<Option<(i64, UnitKind)>> {
        let row = sqlx::query::<DB>("SELECT id, kind FROM units WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(name)
            .fetch_optional(&mut **tx)
            .await?;
        row.map(|row| Ok((row.try_get("id")?, parse("unit kind", &row.try_get::<String, _>("kind")?)?))).transpose()
    }

    /// The operator's id if they are an active operator of the site whose role allows `act`. A
    /// supervisor who is not an active operator of the site is told they are a supervisor, which
    /// changes nothing, not that nobody registered them.
    pub(super) async fn allowed(
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        operator: &str,
        act: Act,
    ) -> Result<i64> {
        let login = Self::login(&mut **tx, site, operator).await?;
        if !matches!(login, Some(Login { active: true, .. }))
            && Self::supervisor(&mut **tx, operator).await? == Some(true)
        {
            let role = Role::Supervisor;
            return Err(StoreError::Refused(
                WorkflowError::NotAllowed { operator: operator.to_string(), role, act }.to_string(),
            ));
        }
        let Some(Login { id, role, active }) = login else {
            return Err(StoreError::Refused(t!(
                "store-operator-unregistered",
                operator = operator,
                site = site.code.as_str()
            )));
        };
        if !active {
            return Err(StoreError::Refused(t!(
                "store-operator-inactive",
                operator = operator,
                site = site.code.as_str()
            )));
        }
        if !act.allowed(role) {
            return Err(StoreError::Refused(
                WorkflowError::NotAllowed { operator: operator.to_string(), role, act }.to_string(),
            ));
        }
        Ok(id)
    }
}

/// A statement of one site (`$1`) as one over every site: `SELECT a, b, …` (select expressions
/// with no FROM of their own) becomes `SELECT s.id, a, b, … FROM sites s ORDER BY s.id`, each
/// expression evaluated for its row's site through the same indexes (`$1` becomes `s.id`, the
/// other parameters move down one). The overview reads every site's figures so, in one round trip
/// per kind of figure instead of one per site.
pub(super) fn every_site(sql: &str) -> String {
    let expressions = sql.strip_prefix("SELECT ").expect("a per-site statement of select expressions");
    format!("SELECT s.id, {} FROM sites s ORDER BY s.id", site_as(expressions, "s.id"))
}

/// `sql` with its site parameter `$1` replaced by `site` and the parameters after it moved down one.
pub(super) fn site_as(sql: &str, site: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let digits = rest[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
        match rest[at + 1..at + 1 + digits].parse::<usize>() {
            Ok(1) => out.push_str(site),
            Ok(n) => out.push_str(&format!("${}", n - 1)),
            Err(_) => out.push('$'),
        }
        rest = &rest[at + 1 + digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_statement_becomes_one_over_every_site() {
        assert_eq!(
            site_as("a = $1 AND b < $2 AND c = $12 AND d = $1", "s.id"),
            "a = s.id AND b < $1 AND c = $11 AND d = s.id"
        );
        assert_eq!(site_as("x = '$' AND y = $3", ""), "x = '$' AND y = $2");
        assert_eq!(
            every_site("SELECT (SELECT 1 WHERE t = $1), $2"),
            "SELECT s.id, (SELECT 1 WHERE t = s.id), $1 FROM sites s ORDER BY s.id"
        );
    }
}
