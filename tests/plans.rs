//! The plans of the hot statements (issue 9): on both backends, in a database of two sites, every
//! statement the console and the reports run most reads one site's rows through an index — never a
//! sequential scan, nor a whole index, of the big tables — and filters by its site on every table
//! it reads. The statements are the store's own (`store::hot_statements`), so a lost index or a
//! rewritten query that loses its site fails here.

mod common;

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use common::{Backend, TestDb};
use portal_admin::store::schema::Dialect;
use portal_admin::store::{HotStatement, POSTGRES_SESSION, Param, hot_statements};
use serde_json::Value;
use sqlx::{Connection, Row};

/// Tables that grow with the content: none may be scanned whole.
const BIG: &[&str] = &[
    "items",
    "placements",
    "reviews",
    "attachments",
    "withdrawals",
    "retraction_requests",
    "audit_log",
    "unit_day_points",
    "documents",
    "item_findings",
    "item_texts",
];

/// Tables whose rows belong to a site: every reference to one must carry its site.
const PER_SITE: &[&str] = &[
    "items",
    "placements",
    "reviews",
    "attachments",
    "withdrawals",
    "retraction_requests",
    "audit_log",
    "unit_day_points",
    "documents",
    "columns",
    "units",
    "incidents",
    "operators",
    "item_marks",
    "item_initials",
    "item_findings",
    "item_texts",
];

/// The index each statement must read by (PostgreSQL name, SQLite name); `None`: any index
/// that ranges on its site.
fn expected_index(name: &str, backend: Backend) -> Option<&'static str> {
    let pg = backend == Backend::Postgres;
    Some(match name {
        // PostgreSQL reads the pending items by the smaller of the queue's partial indexes.
        "queue" | "queue count" if pg => "items_queue_wait",
        "queue" | "queue count" => "items_queue",
        // The console's queue (issue 21): a page an index range of its order, from either end.
        "queue page" | "queue page, next" | "queue page, last" | "queue page, before" => "items_queue_step",
        "queue page, by wait" | "queue page, by wait, next" => "items_queue_wait",
        "stale"
        | "column items"
        | "column items, next page"
        | "column items, last page"
        | "column items, page before"
        | "column items, counted"
        | "column item count" => "placements_column_online",
        "scores" if pg => "unit_day_points_pkey",
        "scores" => "sqlite_autoindex_unit_day_points_1",
        "retraction requests" => "retraction_requests_status",
        "audit page" | "audit page, filtered" | "audit page, last" => "audit_log_site",
        "withdrawals" | "withdrawals, filtered" | "withdrawals, last page" | "withdrawals, next page" => {
            "withdrawals_at"
        }
        // A text in most items: the site's items newest first until a page is full (SQLite
        // looks each up in the ids the trigram index gives; PostgreSQL's planner chooses so).
        "search, in many items" => "items_newest",
        // Two characters, which no trigram holds: on SQLite newest first until a page is full; on
        // PostgreSQL a word in few items through the index of two-character pieces, one in most
        // newest first (the planner weighs the two for the text given).
        "search, two characters" => "items_newest",
        // The Findings tab (issue 21): its pages walk the items newest first, or a unit's by unit;
        // a rare kind's findings are gathered by the index of the kinds stored, which also counts
        // them; its blocking findings are counted from those items with blocking findings only.
        "findings" | "findings, next page" | "findings, last page" => "items_published",
        "findings, by unit" | "findings, by unit, next page" => "items_unit_published",
        "findings, blocking" => "item_findings_blocking",
        "findings, of a rare kind" | "findings, kinds" if !pg => "item_findings_kinds",
        "search, two characters in few items" if pg => "item_texts_bigrams",
        "search, two characters in few items" => "items_newest",
        _ => return None,
    })
}

/// The world: two sites of demo content (the second one is the one the statements ask about, so a
/// statement that reads the first site's rows would have to scan them), analysed.
struct World {
    site: i64,
    column: i64,
    item: i64,
}

async fn world(db: &TestDb) -> World {
    db.ok(&["demo", "--items", "1500", "--seed", "5", "--from", "2025-06-01", "--to", "2026-11-27"]);
    db.ok(&["--site", "other", "init", "--name", "另一县人民政府门户网站"]);
    db.ok(&["--site", "other", "demo", "--items", "1500", "--seed", "6", "--from", "2025-06-01", "--to", "2026-11-27"]);
    let mut raw = db.any().await;
    raw.exec("ANALYZE").await.expect("analyze");
    let site = raw.count("SELECT id FROM sites WHERE code = 'other'").await;
    let column = raw
        .count(&format!(
            "SELECT column_id FROM placements WHERE site_id = {site} AND online_since IS NOT NULL \
             GROUP BY column_id ORDER BY COUNT(*) DESC, column_id LIMIT 1"
        ))
        .await;
    let item = raw.count(&format!("SELECT MAX(id) FROM items WHERE site_id = {site} AND status = 'online'")).await;
    assert!(site > 1 && column > 0 && item > 0);
    World { site, column, item }
}

/// A table's references in a statement: (table, the name it goes by). `FROM t x`, `JOIN t x`,
/// `UPDATE t`; `INSERT INTO t` writes and is not a read.
fn references(sql: &str) -> Vec<(String, String)> {
    let words: Vec<&str> =
        sql.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !matches!(w.to_ascii_uppercase().as_str(), "FROM" | "JOIN" | "UPDATE") {
            continue;
        }
        let Some(table) = words.get(i + 1) else { continue };
        if !PER_SITE.contains(table) {
            continue;
        }
        let alias = match words.get(i + 2) {
            Some(a)
                if a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !matches!(
                        a.to_ascii_uppercase().as_str(),
                        "WHERE" | "JOIN" | "LEFT" | "ON" | "SET" | "GROUP" | "ORDER" | "LIMIT" | "UNION" | "INNER"
                    ) =>
            {
                a.to_string()
            }
            _ => table.to_string(),
        };
        out.push((table.to_string(), alias));
    }
    out
}

/// Every per-site table the statement reads is tied to its site: an aliased table by a condition on
/// `alias.site_id`, a bare one by `site_id = $1`.
fn assert_filters_by_site(statement: &HotStatement) {
    let refs = references(&statement.sql);
    assert!(!refs.is_empty(), "{}: no table found in {}", statement.name, statement.sql);
    for (table, alias) in refs {
        let tied = if alias == table {
            statement.sql.contains("site_id = $1")
        } else {
            statement.sql.contains(&format!("{alias}.site_id = $1"))
                || statement.sql.contains(&format!("= {alias}.site_id"))
                || statement.sql.contains(&format!("{alias}.site_id = "))
        };
        assert!(tied, "{}: {table} ({alias}) is read without its site: {}", statement.name, statement.sql);
    }
    assert_eq!(statement.params.first(), Some(&Param::Site), "{}: $1 is the site", statement.name);
}

/// PostgreSQL: the nodes of a JSON plan, depth first.
fn nodes<'a>(plan: &'a Value, out: &mut Vec<&'a Value>) {
    out.push(plan);
    if let Some(children) = plan.get("Plans").and_then(Value::as_array) {
        for child in children {
            nodes(child, out);
        }
    }
}

/// Plans as the store's connections do (`POSTGRES_SESSION`: each statement for its values, no
/// parallel workers); `session` replaces those settings where a test wants other ones.
async fn explain_postgres(db: &TestDb, w: &World, statement: &HotStatement) -> (Vec<String>, Vec<String>) {
    explain_postgres_with(db, w, statement, POSTGRES_SESSION).await
}

async fn explain_postgres_with(
    db: &TestDb,
    w: &World,
    statement: &HotStatement,
    session: &[(&str, &str)],
) -> (Vec<String>, Vec<String>) {
    let mut conn = sqlx::PgConnection::connect(&db.url).await.expect("connect");
    // The test's tables are tiny: without this the planner may read a few pages whole however
    // good the indexes; a statement that has no usable index is still planned as a scan.
    sqlx::query("SET enable_seqscan = off").execute(&mut conn).await.expect("set");
    // Parallel workers as cheap as they could be: the planner would take them for any statement
    // of the tiny tables here if the session allowed them (at 1,000,000 items it took them for
    // the queue, costing more than they saved).
    // And JIT compilation as readily as it could be: any statement would be compiled before it
    // ran if the session allowed it (the sites' overview was, costing more than it saved).
    for setting in [
        "parallel_setup_cost = 0",
        "parallel_tuple_cost = 0",
        "min_parallel_table_scan_size = 0",
        "min_parallel_index_scan_size = 0",
        "jit_above_cost = 0",
    ] {
        sqlx::query(&format!("SET {setting}")).execute(&mut conn).await.expect("set");
    }
    for (name, value) in session {
        sqlx::query(&format!("SET {name} = '{value}'")).execute(&mut conn).await.expect("set");
    }
    let sql = format!("EXPLAIN (FORMAT JSON) {}", statement.sql);
    let mut q = sqlx::query(&sql);
    let today = crate_today();
    for p in &statement.params {
        q = match *p {
            Param::Site => q.bind(w.site),
            Param::Column => q.bind(w.column),
            Param::Item => q.bind(w.item),
            Param::Instant => q.bind(Utc::now()),
            Param::Day => q.bind(today),
            Param::YearStart => q.bind(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            Param::YearEnd => q.bind(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            Param::Int(n) => q.bind(n),
            Param::Text(t) => q.bind(t),
            Param::NullText => q.bind(None::<String>),
            Param::NullTime => q.bind(None::<chrono::DateTime<Utc>>),
            Param::NullInt => q.bind(None::<i64>),
        };
    }
    let row = q.fetch_one(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", statement.name));
    // EXPLAIN's json column, read as its text.
    let text: String = row.try_get_unchecked(0).expect("the plan");
    let plan: Value = serde_json::from_str(&text).expect("a JSON plan");
    let mut all = Vec::new();
    nodes(&plan[0]["Plan"], &mut all);
    let mut used = Vec::new();
    let mut bad = Vec::new();
    if plan[0].get("JIT").is_some() {
        bad.push("JIT compilation".to_string());
    }
    for n in all {
        let kind = n["Node Type"].as_str().unwrap_or_default();
        let relation = n.get("Relation Name").and_then(Value::as_str).unwrap_or_default();
        if let Some(index) = n.get("Index Name").and_then(Value::as_str) {
            used.push(index.to_string());
            let table = relation_of_index(index);
            if BIG.contains(&table.as_str()) && n.get("Index Cond").is_none() {
                bad.push(format!("{kind} on all of {index}"));
            }
        }
        if kind == "Seq Scan" && BIG.contains(&relation) {
            bad.push(format!("Seq Scan on {relation}"));
        }
        if kind.starts_with("Gather") {
            bad.push(format!("{kind}: parallel workers"));
        }
    }
    (used, bad)
}

/// The table of an index, by the schema's naming (`table_what`, `table_pkey`).
fn relation_of_index(index: &str) -> String {
    BIG.iter()
        .filter(|t| index.starts_with(&format!("{t}_")))
        .max_by_key(|t| t.len())
        .map_or_else(String::new, |t| t.to_string())
}

fn crate_today() -> NaiveDate {
    portal_admin::domain::time::beijing_date(Utc::now())
}

async fn explain_sqlite(db: &TestDb, statement: &HotStatement) -> (Vec<String>, Vec<String>) {
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.expect("connect");
    // Unbound: the store's connections plan without regard to bound values (SQLite's query planner
    // stability guarantee, backend.rs), which is planning without them.
    let rows = sqlx::query(&format!("EXPLAIN QUERY PLAN {}", statement.sql))
        .fetch_all(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", statement.name));
    let details: Vec<String> = rows.iter().map(|r| r.get::<String, _>(3)).collect();
    let aliases: BTreeSet<String> =
        references(&statement.sql).into_iter().filter(|(t, _)| BIG.contains(&t.as_str())).map(|(_, a)| a).collect();
    let mut used = Vec::new();
    let mut bad = Vec::new();
    for d in &details {
        if let Some((_, rest)) = d.split_once(" INDEX ") {
            used.push(rest.split_whitespace().next().unwrap_or_default().to_string());
        }
        let words: Vec<&str> = d.split_whitespace().collect();
        if words.first() == Some(&"SCAN")
            && words.get(1).is_some_and(|name| aliases.contains(*name) || BIG.contains(name))
        {
            bad.push(d.clone());
        }
    }
    if !bad.is_empty() {
        bad.push(format!("whole plan: {details:?}"));
    }
    (used, bad)
}

/// What is wrong with a statement's plan: scans of big tables, and a missing expected index.
async fn plan_failures(db: &TestDb, w: &World, statement: &HotStatement) -> Vec<String> {
    let (used, bad) = match db.backend {
        Backend::Postgres => explain_postgres(db, w, statement).await,
        Backend::Sqlite => explain_sqlite(db, statement).await,
    };
    let mut failures: Vec<String> = bad.into_iter().map(|b| format!("{}: {b}", statement.name)).collect();
    if let Some(index) = expected_index(statement.name, db.backend)
        && !used.iter().any(|u| u == index)
    {
        failures.push(format!("{}: does not read by {index} (uses {used:?})", statement.name));
    }
    failures
}

fn dialect(db: &TestDb) -> Dialect {
    if db.backend == Backend::Postgres { Dialect::Postgres } else { Dialect::Sqlite }
}

async fn hot_statements_read_one_site_through_their_indexes(db: TestDb) {
    let w = world(&db).await;
    let statements = hot_statements(dialect(&db));
    let names: BTreeSet<&str> = statements.iter().map(|s| s.name).collect();
    for wanted in [
        "queue",
        "queue count",
        "queue page",
        "queue page, next",
        "queue page, last",
        "queue page, before",
        "queue page, by wait",
        "queue page, by wait, next",
        "stale",
        "column items",
        "column items, next page",
        "column items, filtered",
        "scores",
        "retraction requests",
        "audit page",
        "audit page, filtered",
        "withdrawals",
        "withdrawals, filtered",
        "withdrawal: the items' states",
        "withdrawal: their placements",
        "withdrawal: the requests it closes",
        "search",
        "search, next page",
        "search, in many items",
        "search, two characters",
        "search, two characters in few items",
        "findings",
        "findings, next page",
        "findings, by unit",
        "findings, counted",
    ] {
        assert!(names.contains(wanted), "{wanted} is among the hot statements: {names:?}");
    }
    let mut failures = Vec::new();
    for statement in &statements {
        assert_filters_by_site(statement);
        failures.extend(plan_failures(&db, &w, statement).await);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The search statements (issue 21) read their text indexes: on PostgreSQL pg_trgm's GIN indexes on
/// the title and the body, and for two characters the GIN index of two-character pieces
/// (item_texts_bigrams), all on the copy of the items' texts (item_texts, schema version 24); on
/// SQLite the trigram FTS5 table by MATCH (two characters: newest first). A filter of pinyin
/// initials in few items reads the index of titles' initials (item_initials_trgm;
/// SQLite's item_initials_text by MATCH).
async fn search_reads_its_text_indexes(db: TestDb) {
    let w = world(&db).await;
    if db.backend == Backend::Postgres {
        // A GIN index keeps what a load adds in a pending list, read whole by every search, until
        // autovacuum merges it (VACUUM here, as after the benchmarks' loads).
        db.any().await.exec("VACUUM ANALYZE items, item_texts, item_initials").await.expect("vacuum");
    }
    let names = [
        "search",
        "search, next page",
        "search, in many items",
        "search, two characters in few items",
        "search, filtered by initials",
    ];
    for name in names {
        let statement = hot_statements(dialect(&db)).into_iter().find(|s| s.name == name).expect("a search statement");
        if name == "search, filtered by initials" {
            let (index, reads) = match db.backend {
                Backend::Postgres => ("item_initials_trgm", explain_postgres(&db, &w, &statement).await.0),
                Backend::Sqlite => ("item_initials_text", sqlite_plan(&db, &statement).await),
            };
            let by_index = |d: &String| match db.backend {
                Backend::Postgres => d == index,
                Backend::Sqlite => d.starts_with(&format!("SCAN {index} VIRTUAL TABLE INDEX")) && d.contains(":M"),
            };
            assert!(reads.iter().any(by_index), "{name}: does not read {index}: {reads:?}");
            continue;
        }
        match db.backend {
            Backend::Postgres => {
                if name == "search, in many items" {
                    continue; // the planner walks items_newest for a text in most items
                }
                let (used, bad) = explain_postgres(&db, &w, &statement).await;
                assert!(bad.is_empty(), "{name}: {bad:?}");
                let wanted: &[&str] = if name.contains("two characters") {
                    &["item_texts_bigrams"]
                } else {
                    &["item_texts_title_trgm", "item_texts_body_trgm"]
                };
                for index in wanted {
                    assert!(used.iter().any(|u| u == index), "{name}: does not read by {index} (uses {used:?})");
                }
            }
            Backend::Sqlite => {
                if name.contains("two characters") {
                    continue; // no trigram holds two characters: items_newest, as checked above
                }
                let details = sqlite_plan(&db, &statement).await;
                assert!(
                    details.iter().any(|d| d.starts_with("SCAN items_text VIRTUAL TABLE INDEX") && d.contains(":M")),
                    "{name}: does not read the trigram index by MATCH: {details:?}"
                );
            }
        }
    }
}

/// SQLite: the details of a statement's plan.
async fn sqlite_plan(db: &TestDb, statement: &HotStatement) -> Vec<String> {
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.expect("connect");
    let rows = sqlx::query(&format!("EXPLAIN QUERY PLAN {}", statement.sql))
        .fetch_all(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", statement.name));
    rows.iter().map(|r| r.get::<String, _>(3)).collect()
}

/// Without the index it reads by, a column's page is no longer read by it, and the check says so;
/// a statement that can only scan the placements is seen as a scan: the checks can fail.
async fn a_lost_index_is_seen(db: TestDb) {
    let w = world(&db).await;
    let mut raw = db.any().await;
    raw.exec("DROP INDEX placements_column_online").await.expect("drop");
    raw.exec("ANALYZE").await.expect("analyze");
    let page = hot_statements(dialect(&db)).into_iter().find(|s| s.name == "column items").expect("a column's page");
    let failures = plan_failures(&db, &w, &page).await;
    assert!(failures.iter().any(|f| f.contains("does not read by placements_column_online")), "{failures:?}");
    let scan = HotStatement {
        name: "no index",
        sql: "SELECT item_id FROM placements p WHERE p.site_id + 0 = $1 AND p.form = 'video'".into(),
        params: vec![Param::Site],
    };
    let (_, bad) = match db.backend {
        Backend::Postgres => explain_postgres(&db, &w, &scan).await,
        Backend::Sqlite => explain_sqlite(&db, &scan).await,
    };
    assert!(!bad.is_empty(), "a scan of the placements is seen");
}

#[test]
fn the_site_check_sees_a_table_read_without_its_site() {
    let ok = HotStatement {
        name: "ok",
        sql: "SELECT 1 FROM items i JOIN placements p ON p.site_id = i.site_id WHERE i.site_id = $1".into(),
        params: vec![Param::Site],
    };
    assert_filters_by_site(&ok);
    let lost = HotStatement {
        name: "lost",
        sql: "SELECT 1 FROM items i JOIN placements p ON p.item_id = i.id WHERE i.site_id = $1".into(),
        params: vec![Param::Site],
    };
    assert!(std::panic::catch_unwind(|| assert_filters_by_site(&lost)).is_err());
    assert_eq!(
        references("UPDATE placements SET x = 1 WHERE site_id = $1"),
        vec![("placements".to_string(), "placements".to_string())]
    );
}

/// PostgreSQL: the check sees parallel workers and JIT compilation where a session allows them,
/// so the store's settings (`POSTGRES_SESSION`) are what keeps the hot statements off them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_workers_are_seen_where_a_session_allows_them() {
    let db = TestDb::postgres().await;
    let w = world(&db).await;
    let queue = hot_statements(Dialect::Postgres).into_iter().find(|s| s.name == "queue").expect("the queue");
    let (_, bad) = explain_postgres(&db, &w, &queue).await;
    assert!(bad.is_empty(), "{bad:?}");
    let (_, bad) = explain_postgres_with(&db, &w, &queue, &[("max_parallel_workers_per_gather", "2")]).await;
    assert!(bad.iter().any(|b| b.contains("parallel workers")), "{bad:?}");
    // JIT compilation likewise: seen where a session allows it, kept off by the store's settings.
    let (_, bad) = explain_postgres_with(&db, &w, &queue, &[("jit", "on")]).await;
    assert!(bad.iter().any(|b| b.contains("JIT")), "{bad:?}");
}

on_both_backends!(
    hot_statements_read_one_site_through_their_indexes,
    a_lost_index_is_seen,
    search_reads_its_text_indexes
);
