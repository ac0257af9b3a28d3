//! Attacks through search's text indexes (issue 21; docs/security.md): on PostgreSQL the trigram
//! indexes and the pg_trgm extension give no login a way to change the portal's data around its
//! roles or its audit trail, and every table stays audited; on SQLite a change written to items
//! outside portal-admin (as `sqlite3` would) keeps the FTS5 index in step, so a search cannot be
//! made to miss a changed text.

mod common;

use common::{Backend, TestDb, rows};
use sqlx::{Connection, PgConnection};

const ITEMS: &str = concat!(
    r#"{"ref":"t-1","title":"象山区人民政府关于冬季森林防火的通告","#,
    r#""body":"为做好防火工作……","form":"text","path":"government","unit":"政府办","#,
    r#""columns":["政务动态 / 通知公告"],"submitted_at":"2026-10-01T09:00:00+08:00","#,
    r#""published_at":"2026-10-01T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"t-2","title":"民政局开展低保复核工作","#,
    r#""body":"区民政局在二塘乡开展城乡低保复核。","form":"text","path":"unit","#,
    r#""unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-02T09:00:00+08:00","#,
    r#""published_at":"2026-10-02T15:00:00+08:00"}"#,
    "\n"
);

fn login(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("pa_{what}_{}_{}", std::process::id(), nanos % 1_000_000)
}

/// A record an attacker writes beside a change, so that a refusal is the rule's and not the audit's.
const AUDITED: &str =
    "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), 'x', 'x', 'x', '{}')";

/// A fresh PostgreSQL database with the items imported and a viewer, a reviewer and an
/// administrator login (each one's name).
async fn with_three_logins() -> (TestDb, String, String, String) {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let (viewer, reviewer, admin) = (login("view"), login("rev"), login("adm"));
    db.ok(&["operators", "add", &viewer, "--role", "viewer"]);
    db.ok(&["operators", "add", &reviewer, "--role", "reviewer"]);
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    (db, viewer, reviewer, admin)
}

fn found(db: &TestDb, text: &str) -> Vec<String> {
    rows(db, &["search", text]).iter().map(|r| r["ref"].as_str().unwrap_or_default().to_string()).collect()
}

async fn exec(c: &mut PgConnection, sql: &str) -> Result<u64, String> {
    sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()).map_err(|e| e.to_string())
}

/// Runs statements in one transaction and commits: the database's word on the whole.
async fn transaction(c: &mut PgConnection, statements: &[&str]) -> Result<(), String> {
    exec(c, "BEGIN").await?;
    for s in statements {
        if let Err(e) = exec(c, s).await {
            exec(c, "ROLLBACK").await.ok();
            return Err(e);
        }
    }
    exec(c, "COMMIT").await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trigram_indexes_open_no_way_around_the_roles_or_the_audit() {
    let (db, viewer, reviewer, admin) = with_three_logins().await;
    for who in [&viewer, &reviewer, &admin] {
        let mut sql = PgConnection::connect(&db.as_login(who).url).await.unwrap();
        // The indexes and the extension are the owner's: nobody else drops, rebuilds or changes them.
        for attack in [
            "DROP INDEX item_texts_title_trgm",
            "DROP INDEX items_newest",
            "REINDEX INDEX item_texts_body_trgm",
            "ALTER INDEX item_texts_bigrams SET (fastupdate = off)",
            "DROP EXTENSION pg_trgm CASCADE",
            "CREATE INDEX items_sneaky ON items (title)",
        ] {
            let e = transaction(&mut sql, &[attack, AUDITED]).await.unwrap_err();
            assert!(e.contains("must be owner") || e.contains("permission denied"), "{who}: {attack}: {e}");
        }
        // A title changed to hide an item from a search: refused by role, or without its audit
        // record.
        let e = transaction(&mut sql, &["UPDATE items SET title = '已篡改' WHERE ref = 't-1'"]).await.unwrap_err();
        assert!(
            e.contains("permission denied")
                || e.contains("may not change item")
                || e.contains("without writing its audit record"),
            "{who}: {e}"
        );
        sql.close().await.ok();
    }
    // Every table of the schema is still audited (audit_log marks the audit; portal_changes is its scratch): the
    // text search added none around it.
    let mut raw = PgConnection::connect(&db.url).await.unwrap();
    let unaudited: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(t.tablename AS TEXT) FROM pg_catalog.pg_tables t WHERE t.schemaname = current_schema() \
           AND t.tablename <> 'portal_changes' AND NOT EXISTS ( \
             SELECT 1 FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_proc p ON p.oid = g.tgfoid \
             WHERE g.tgrelid = CAST(CAST(t.tablename AS TEXT) AS regclass) AND p.proname IN ('portal_note_change', \
                 'portal_note_audit')) \
         ORDER BY 1",
    )
    .fetch_all(&mut raw)
    .await
    .unwrap();
    assert!(unaudited.is_empty(), "tables outside the audit: {unaudited:?}");
    let indexes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_indexes \
         WHERE indexname IN ('item_texts_title_trgm', 'item_texts_body_trgm', 'item_texts_bigrams', 'items_newest')",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap();
    assert_eq!(indexes, 4);
    raw.close().await.ok();
    assert_eq!(found(&db, "人民政府"), ["t-1"]);
    db.drop_with_roles(&[&viewer, &reviewer, &admin]).await;
}

/// PostgreSQL's text indexes are on a copy of the items' texts (item_texts, schema version 24),
/// written only by the triggers on items: no login writes it itself, the administrator who may
/// write items included, so a search cannot be made to find an item by a text it does not hold,
/// or to miss one it holds, even with an audit record. The triggers write it in the login's own
/// change of a title, and every role reads it (a search as a viewer).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_login_writes_the_copy_of_the_texts_the_search_reads() {
    let (db, viewer, reviewer, admin) = with_three_logins().await;
    let t1 = "(SELECT id FROM items WHERE ref = 't-1')";
    let t2 = "(SELECT id FROM items WHERE ref = 't-2')";
    for who in [&viewer, &reviewer, &admin] {
        let mut sql = PgConnection::connect(&db.as_login(who).url).await.unwrap();
        for attack in [
            // Hide t-1 from a search for what it holds, make t-2 found for what it does not.
            format!("UPDATE item_texts SET title = '已篡改', body = '' WHERE item_id = {t1}"),
            format!("UPDATE item_texts SET body = body || '人民政府' WHERE item_id = {t2}"),
            format!("DELETE FROM item_texts WHERE item_id = {t1}"),
            "TRUNCATE item_texts".to_string(),
            // A second row of an item's texts (the key refuses it too: the grant first).
            format!("INSERT INTO item_texts (site_id, item_id, title, body) VALUES (1, {t2}, '人民政府', '')"),
        ] {
            let e = transaction(&mut sql, &[&attack, AUDITED]).await.unwrap_err();
            assert!(e.contains("permission denied for table item_texts"), "{who}: {attack}: {e}");
        }
        sql.close().await.ok();
    }
    assert_eq!(found(&db, "人民政府"), ["t-1"]);
    assert_eq!(found(&db, "低保复核"), ["t-2"]);
    // The administrator's own change of a title, with its audit record: the copy follows it, in
    // the owner's name (the triggers' functions), in the same transaction.
    let mut sql = PgConnection::connect(&db.as_login(&admin).url).await.unwrap();
    let renamed = "UPDATE items SET title = '象山区滨江绿道建成开放', version = version + 1 WHERE ref = 't-1'";
    transaction(&mut sql, &[renamed, AUDITED]).await.unwrap();
    // A status change leaves the copy's row as it was (no new version of it: its xmin stays).
    let xmin = format!("SELECT CAST(xmin AS TEXT) FROM item_texts WHERE item_id = {t2}");
    let before: String = sqlx::query_scalar(&xmin).fetch_one(&mut sql).await.unwrap();
    let withdrawn = "UPDATE items SET status = 'withdrawn', version = version + 1 WHERE ref = 't-2'";
    transaction(&mut sql, &[withdrawn, AUDITED]).await.unwrap();
    let after: String = sqlx::query_scalar(&xmin).fetch_one(&mut sql).await.unwrap();
    assert_eq!(before, after, "a status change does not write the texts again");
    sql.close().await.ok();
    assert!(found(&db, "人民政府").is_empty(), "the old title is gone from the index");
    assert_eq!(found(&db, "滨江绿道"), ["t-1"]);
    // Every role reads the copy: a viewer searches.
    let as_viewer = db.as_login(&viewer);
    let rows = rows(&as_viewer, &["search", "滨江绿道"]);
    assert_eq!(rows.iter().map(|r| r["ref"].as_str().unwrap_or_default()).collect::<Vec<_>>(), ["t-1"]);
    drop(as_viewer);
    db.drop_with_roles(&[&viewer, &reviewer, &admin]).await;
}

/// SQLite has no logins (the file's permissions guard it): whoever writes items outside
/// portal-admin, as `sqlite3` would, changes the index with them in the same transaction, and the
/// FTS5 table stays what items hold (its own integrity check).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_outside_portal_admin_keeps_the_sqlite_index_in_step() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let mut raw = db.any().await;
    raw.exec("UPDATE items SET title = '象山区滨江绿道建成开放', body = '全长十二公里' WHERE ref = 't-1'")
        .await
        .unwrap();
    assert!(found(&db, "人民政府").is_empty(), "the old title is gone from the index");
    assert_eq!(found(&db, "滨江绿道"), ["t-1"]);
    assert_eq!(found(&db, "十二公里"), ["t-1"]);
    raw.exec("INSERT INTO items_text (items_text, rank) VALUES ('integrity-check', 1)").await.unwrap();
    // The check sees an index that does not hold what items hold.
    raw.exec(
        "INSERT INTO items_text (items_text, rowid, title, body) VALUES ('delete', 1, '象山区滨江绿道建成开放', \
        '全长十二公里')",
    )
    .await
    .unwrap();
    let e = raw.exec("INSERT INTO items_text (items_text, rank) VALUES ('integrity-check', 1)").await.unwrap_err();
    assert!(e.contains("malformed") || e.contains("corrupt"), "{e}");
}
