//! Issue 26, point 3: the audit trail proves itself. Every record carries a hash of its content and
//! of the record before it; `audit verify` names the first record that does not fit. The attacks
//! are the owner's: the append-only trigger dropped, a record edited, the trigger put back; and
//! then every later hash recomputed, which only a published head (`--against`) catches. Through
//! the real binary, on both databases.

mod common;

use chrono::{DateTime, Utc};
use common::{Backend, Raw, TestDb, stderr};
use portal_admin::domain::audit_chain::{Content, link};

const ITEMS: &str = common::TWO_POLICIES;

/// The owner's way around the append-only rule: drop the trigger, run `sql`, put the trigger back.
async fn as_owner(raw: &mut Raw, backend: Backend, sql: &[String]) {
    let (drop, create) = match backend {
        Backend::Sqlite => (
            "DROP TRIGGER audit_log_no_update",
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
        ),
        Backend::Postgres => (
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION portal_refuse_change()",
        ),
    };
    raw.exec(drop).await.unwrap();
    for statement in sql {
        raw.exec(statement).await.unwrap();
    }
    raw.exec(create).await.unwrap();
    // The trigger is back: nobody else can edit a record.
    assert!(raw.exec("UPDATE audit_log SET detail = 'x' WHERE id = 1").await.is_err());
}

type Row = (i64, Option<i64>, DateTime<Utc>, String, String, String, String);

/// The site's records from id `from` on, in id order.
async fn records_from(raw: &mut Raw, from: i64) -> Vec<Row> {
    let sql = format!(
        "SELECT id, site_id, at, operator, action, target, detail FROM audit_log \
         WHERE site_id IS NOT NULL AND id >= {from} ORDER BY id"
    );
    match raw {
        Raw::Sqlite(c) => sqlx::query_as(&sql).fetch_all(c).await.unwrap(),
        Raw::Postgres(c) => sqlx::query_as(&sql).fetch_all(c).await.unwrap(),
    }
}

async fn hash_of(raw: &mut Raw, id: i64) -> String {
    let sql = format!("SELECT hash FROM audit_log WHERE id = {id}");
    match raw {
        Raw::Sqlite(c) => sqlx::query_scalar(&sql).fetch_one(c).await.unwrap(),
        Raw::Postgres(c) => sqlx::query_scalar(&sql).fetch_one(c).await.unwrap(),
    }
}

/// What `audit verify` says is the head: (record id, hash).
fn head(db: &TestDb) -> (i64, String) {
    let said = db.ok(&["audit", "verify"]);
    assert!(said.starts_with("the audit trail is intact"), "{said}");
    let (_, after) = said.trim_end().split_once("its head is record ").expect(&said);
    let (id, hash) = after.split_once(", ").expect(&said);
    (id.parse().unwrap(), hash.to_string())
}

/// Verify fails (exit 1) in one line naming record `id`.
fn broken_at(db: &TestDb, args: &[&str], says: &str) {
    let out = db.run(args);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {e}");
    assert!(e.contains(says), "{args:?}: {e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
}

async fn a_record_rewritten_by_the_owner_breaks_the_chain_there(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    db.ok(&["retract", "zd-1", "--reason", "outdated", "--note", "超过时效"]);
    db.ok(&["restore", "zd-1"]);
    db.ok(&["retractions", "request", "zd-2", "--unit", "政府办", "--reason", "outdated"]);
    let (head_id, published) = head(&db);
    // A backup's summary publishes that head, printed and written beside the backup: the head
    // `--against` checks below.
    let file = db.file("before.backup");
    let said = db.ok(&["backup", file.to_str().unwrap()]);
    let line = format!("audit trail head of site xiangshan: record {head_id}, {published}");
    assert!(said.contains(&line), "{said}");
    let sidecar = std::fs::read_to_string(format!("{}.sha256", file.display())).unwrap();
    assert!(sidecar.starts_with(&format!("# {line}\n")), "{sidecar}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE hash IS NULL").await, 0);
    assert_eq!(hash_of(&mut raw, head_id).await, published);

    // The withdrawal's record, rewritten to say it was for another reason.
    let target = raw.count("SELECT MIN(id) FROM audit_log WHERE action = 'retract'").await;
    as_owner(
        &mut raw,
        db.backend,
        &[format!("UPDATE audit_log SET detail = replace(detail, 'outdated', 'error') WHERE id = {target}")],
    )
    .await;
    broken_at(&db, &["audit", "verify"], &format!("audit record {target} does not fit the trail"));

    // The owner recomputes every hash from there on: the chain fits again, but no longer holds
    // the head published before.
    let before = raw.count(&format!("SELECT MAX(id) FROM audit_log WHERE site_id IS NOT NULL AND id < {target}")).await;
    let mut previous = hash_of(&mut raw, before).await;
    let mut rewrite = Vec::new();
    for (id, site, at, operator, action, target, detail) in records_from(&mut raw, target).await {
        let content = Content { site, at, operator: &operator, action: &action, target: &target, detail: &detail };
        let hash = link(&content, Some(&previous));
        rewrite.push(format!("UPDATE audit_log SET hash = '{hash}' WHERE id = {id}"));
        previous = hash;
    }
    as_owner(&mut raw, db.backend, &rewrite).await;
    let (id, rewritten) = head(&db);
    assert_eq!(id, head_id);
    assert_ne!(rewritten, published);
    broken_at(&db, &["audit", "verify", "--against", &published], &format!("{published} is the hash of no record"));
    let said = db.ok(&["audit", "verify", "--against", &rewritten]);
    assert!(said.contains(&format!("the trail has only grown since {rewritten}")), "{said}");
}

async fn a_removed_record_breaks_the_chain_at_the_next(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    db.ok(&["retract", "zd-1", "--reason", "outdated"]);
    db.ok(&["restore", "zd-1"]);
    let mut raw = db.any().await;
    let removed = raw.count("SELECT MIN(id) FROM audit_log WHERE action = 'retract'").await;
    let next = raw.count(&format!("SELECT MIN(id) FROM audit_log WHERE site_id IS NOT NULL AND id > {removed}")).await;
    let (drop, create) = match db.backend {
        Backend::Sqlite => (
            "DROP TRIGGER audit_log_no_delete",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END",
        ),
        Backend::Postgres => (
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION portal_refuse_change()",
        ),
    };
    raw.exec(drop).await.unwrap();
    raw.exec(&format!("DELETE FROM audit_log WHERE id = {removed}")).await.unwrap();
    raw.exec(create).await.unwrap();
    broken_at(&db, &["audit", "verify"], &format!("audit record {next} does not fit the trail"));
    // A bad --against is bad usage.
    let out = db.run(&["audit", "verify", "--against", "abc"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Writers at once, each in its own process: the chain never forks (two records after the same
/// one), so it verifies whole afterwards.
async fn concurrent_writers_keep_one_chain(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let before = {
        let mut raw = db.any().await;
        raw.count("SELECT COUNT(*) FROM audit_log").await
    };
    std::thread::scope(|scope| {
        for w in 0..6 {
            let db = &db;
            scope.spawn(move || {
                for n in 0..4 {
                    let note = format!("writer {w}, request {n}");
                    db.ok(&[
                        "retractions",
                        "request",
                        "zd-2",
                        "--unit",
                        "政府办",
                        "--reason",
                        "outdated",
                        "--note",
                        &note,
                    ]);
                }
            });
        }
    });
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, before + 24);
    let (id, hash) = head(&db);
    assert_eq!(id, raw.count("SELECT MAX(id) FROM audit_log WHERE site_id IS NOT NULL").await);
    assert_eq!(hash_of(&mut raw, id).await, hash);
}

on_both_backends!(
    a_record_rewritten_by_the_owner_breaks_the_chain_there,
    a_removed_record_breaks_the_chain_at_the_next,
    concurrent_writers_keep_one_chain
);

/// Issue 26: a long `audit verify` shows its progress on a terminal, and nothing of it when its
/// output goes to a pipe or a file. The trail is made long (50,000 records, chained as the store
/// chains them) so that the walk lasts long enough to be seen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_verify_shows_its_progress_on_a_terminal_and_not_in_a_pipe() {
    use sqlx::Connection;
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let (site, mut previous): (i64, Option<String>) =
        sqlx::query_as("SELECT site_id, hash FROM audit_log WHERE site_id IS NOT NULL ORDER BY id DESC LIMIT 1")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let start = Utc::now() - chrono::Duration::days(30);
    for batch in 0..50 {
        let mut rows = Vec::new();
        for i in 0..1_000 {
            let k = batch * 1_000 + i;
            let at = start + chrono::Duration::milliseconds(k * 10);
            let target = format!("item:{}", k + 1);
            let content = Content {
                site: Some(site),
                at,
                operator: "root",
                action: "retract",
                target: &target,
                detail: r#"{"reason":"outdated"}"#,
            };
            let hash = link(&content, previous.as_deref());
            rows.push(format!(
                "({site}, '{}', 'root', 'retract', '{target}', '{{\"reason\":\"outdated\"}}', '{hash}')",
                at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            ));
            previous = Some(hash);
        }
        let sql = format!(
            "INSERT INTO audit_log (site_id, at, operator, action, target, detail, hash) VALUES {}",
            rows.join(", ")
        );
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();

    // On a terminal: the bar while the walk lasts, gone when the verdict is said.
    let command = format!(
        "{} --lang en --db {} audit verify; echo ended $?; sleep 60",
        common::tmux::quote(env!("CARGO_BIN_EXE_portal-admin")),
        common::tmux::quote(&db.url)
    );
    let t = common::tmux::Tmux::start("verify-progress", &command, &[]);
    let during = t.wait_within("verifying the audit trail [", std::time::Duration::from_secs(60));
    assert!(during.contains("/500"), "the bar counts the records walked of all: {during}");
    let after = t.wait_within("ended 0", std::time::Duration::from_secs(120));
    assert!(after.contains("the audit trail is intact"), "{after}");
    assert!(!after.contains("verifying the audit trail"), "the bar is cleared at the end: {after}");

    // Into a pipe: the verdict alone, not a character of the bar.
    let out = db.run(&["--lang", "en", "audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (stdout, e) = (String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(stdout.starts_with("the audit trail is intact"), "{stdout}");
    assert!(!e.contains("verifying") && !e.contains('\r') && !e.contains("\u{1b}["), "{e:?}");
}

/// SQLite keeps a time as text: the walk reads it in place when it is RFC 3339 (what the store
/// writes), and any other spelling of the same instant through sqlx, as every other reading does.
/// The same instant respelled still fits; a record moved to another time does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_respelled_still_fits_and_a_time_moved_breaks_the_chain() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    db.ok(&["retract", "zd-1", "--reason", "outdated"]);
    db.ok(&["restore", "zd-1"]);
    let (head_id, published) = head(&db);
    let mut raw = db.any().await;
    let target = raw.count("SELECT MIN(id) FROM audit_log WHERE action = 'retract'").await;
    // The same instant as SQLite's own functions spell it ('YYYY-MM-DD HH:MM:SS.SSS…').
    let respell = format!("UPDATE audit_log SET at = replace(replace(at, 'T', ' '), '+00:00', '') WHERE id = {target}");
    as_owner(&mut raw, db.backend, &[respell]).await;
    let spelled: String = match &mut raw {
        Raw::Sqlite(c) => {
            sqlx::query_scalar(&format!("SELECT at FROM audit_log WHERE id = {target}")).fetch_one(c).await.unwrap()
        }
        Raw::Postgres(_) => unreachable!(),
    };
    assert!(!spelled.contains('T') && !spelled.contains('+'), "{spelled}");
    assert_eq!(head(&db), (head_id, published.clone()));
    let said = db.ok(&["audit", "verify", "--against", &published]);
    assert!(said.contains("the trail has only grown since"), "{said}");
    // A second later: the record no longer fits.
    let moved =
        format!("UPDATE audit_log SET at = strftime('%Y-%m-%dT%H:%M:%f+00:00', at, '+1 second') WHERE id = {target}");
    as_owner(&mut raw, db.backend, &[moved]).await;
    broken_at(&db, &["audit", "verify"], &format!("audit record {target} does not fit the trail"));
}
