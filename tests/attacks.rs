//! Attacks on the database by the people who may log in to it (docs/security.md): an operator of
//! one portal database on the same server as another, a reviewer and an administrator with
//! `psql`-level SQL through their own login, forged audit records, hostile operator names, and an
//! administrator locking everybody out. Each test tries what the issue found possible; the
//! database (or the store below the screens) must refuse it.

mod common;

use common::{Backend, PENDING, TestDb, fails, rows};
use sqlx::{Connection, PgConnection};

/// A login name no other test uses (PostgreSQL's roles are shared by all its databases).
fn login(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("pa_{what}_{}_{}", std::process::id(), nanos % 1_000_000)
}

const ALL: &str = "1,2,3,4,5,6,7";

/// A database with the pending items of every path, and gov-1 approved by the office and
/// published, and online items to withdraw and mark.
fn setup(db: &TestDb) {
    db.ok(&["init"]);
    db.import("pending.jsonl", PENDING);
    db.import("online.jsonl", ONLINE);
}

const ONLINE: &str = concat!(
    r#"{"ref":"on-1","title":"区民政局2026年第三季度临时救助发放情况","body":"……","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-08T09:00:00+08:00","#,
    r#""published_at":"2026-10-08T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"on-2","title":"区民政局关于养老服务补贴的说明","body":"……","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-09T09:00:00+08:00","#,
    r#""published_at":"2026-10-09T15:00:00+08:00"}"#,
    "\n"
);

async fn connect(db: &TestDb) -> Result<PgConnection, String> {
    PgConnection::connect(&db.url).await.map_err(|e| e.to_string())
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

/// Two portal databases on one server: being an operator of one gives nothing in the other, and
/// a role changed in one changes nothing in the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_portal_databases_share_no_role() {
    let (a, b) = (TestDb::new(Backend::Postgres).await, TestDb::new(Backend::Postgres).await);
    setup(&a);
    setup(&b);
    let (chen, li) = (login("chen"), login("li"));
    // Chen administers B only; Li administers both.
    b.ok(&["operators", "add", &chen, "--role", "admin"]);
    a.ok(&["operators", "add", &li, "--role", "admin"]);
    b.ok(&["operators", "add", &li, "--role", "admin"]);

    // Chen cannot even connect to A, so cannot edit its items nor make himself its operator.
    let chen_a = a.as_login(&chen);
    let refused = connect(&chen_a).await.unwrap_err();
    assert!(refused.contains("permission denied for database"), "{refused}");
    fails(&chen_a, &["queue"], 1, &format!("{chen} may not open PostgreSQL"));
    let out = chen_a.run(&["operators", "add", &chen, "--role", "admin"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    assert!(!common::stderr(&out).contains("init"), "nobody is offered init: {}", common::stderr(&out));
    // A role given in B is not a role in A.
    let mut chen_b = connect(&b.as_login(&chen)).await.unwrap();
    let groups: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(r.rolname AS TEXT) FROM pg_roles r WHERE pg_has_role(session_user, r.oid, 'MEMBER') \
            AND r.rolname LIKE 'portal%'",
    )
    .fetch_all(&mut chen_b)
    .await
    .unwrap();
    assert!(
        groups.iter().all(|g| g.starts_with("portal_") && g.chars().nth(7).is_some_and(|c| c.is_ascii_digit())),
        "{groups:?}"
    );

    // Li made a viewer in B stays an administrator in A.
    b.ok(&["operators", "role", &li, "viewer"]);
    let li_a = a.as_login(&li);
    li_a.ok(&["retract", "on-1", "--reason", "outdated"]);
    let li_b = b.as_login(&li);
    fails(&li_b, &["retract", "on-1", "--reason", "outdated"], 1, "(viewer) may not");
    let mut li_b_sql = connect(&li_b).await.unwrap();
    let e = exec(&mut li_b_sql, "UPDATE items SET status = 'withdrawn' WHERE ref = 'on-1'").await.unwrap_err();
    assert!(e.contains("permission denied"), "{e}");
    // Disabled in B: no connection to B at all, a one-line refusal that names B and the fix.
    b.ok(&["operators", "disable", &li]);
    fails(&li_b, &["queue"], 1, "not an active operator of it; ask one of its administrators");
    li_a.ok(&["restore", "on-1"]);

    for c in [chen_b, li_b_sql] {
        c.close().await.ok();
    }
    drop((chen_a, li_a, li_b));
    drop(a);
    b.drop_with_roles(&[&chen, &li]).await;
}

/// A reviewer with `psql` cannot publish, edit a title, skip the administrators' step, or write
/// an audit record in someone else's name; what the README says a reviewer does works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_with_sql_does_only_what_a_reviewer_may() {
    let db = TestDb::new(Backend::Postgres).await;
    setup(&db);
    let (reviewer, admin) = (login("rev"), login("adm"));
    db.ok(&["operators", "add", &reviewer, "--role", "reviewer"]);
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    let as_reviewer = db.as_login(&reviewer);
    let mut sql = connect(&as_reviewer).await.unwrap();

    // The reviewer's own rights, through portal-admin (they failed with `permission denied`).
    as_reviewer.ok(&["retractions", "request", "on-1", "--unit", "民政局", "--reason", "error"]);
    as_reviewer.ok(&["check", "waive", "gov-1", "--kind", "leader_name", "--text", "李明化", "--reason", "原文如此"]);
    as_reviewer.ok(&["review", "approve", "gov-1", "--checks", ALL]);

    // Publishing, or passing the administrators' steps, with SQL: refused, with or without an
    // audit record.
    let audit = |who: &str| {
        format!(
            "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), '{who}', \
                'publish', 'item:1', '{{}}')"
        )
    };
    let forged = audit(&admin);
    for attack in [
        "UPDATE items SET stage = 'done', status = 'online', published_at = now() WHERE ref = 'gov-1'",
        "UPDATE items SET stage = 'publish', version = version + 1 WHERE ref = 'unit-1'",
        "UPDATE items SET stage = 'done', status = 'online', published_at = now(), version = version + 1 \
            WHERE ref = 'repost-1'",
        "UPDATE items SET title = '篡改的标题' WHERE ref = 'on-2'",
        "UPDATE placements SET online_since = now()",
        "UPDATE operators SET role = 'admin'",
        "DELETE FROM reviews",
        "INSERT INTO incidents (site_id, unit_id, kind, points, occurred_on, note, recorded_at, recorded_by) \
            SELECT 1, id, 'typo', -5, '2026-11-01', 'x', now(), 'x' FROM units LIMIT 1",
    ] {
        let e = transaction(&mut sql, &[attack, &forged]).await.unwrap_err();
        assert!(e.contains("permission denied") || e.contains("may not change item"), "{attack}: {e}");
    }
    // An audit record in the administrator's name is written in the reviewer's, now.
    transaction(&mut sql, &[&forged.replace("now()", "'2020-01-01T00:00:00Z'")]).await.unwrap();
    let mut raw = db.any().await;
    assert_eq!(
        raw.count(&format!("SELECT COUNT(*) FROM audit_log WHERE operator = '{admin}'")).await,
        0,
        "nothing in another's name"
    );
    assert_eq!(
        raw.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE operator = '{reviewer}' AND action = 'publish' \
                AND at > now() - interval '1 hour'"
        ))
        .await,
        1
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE status = 'online'").await, 2, "nothing published");
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE title = '篡改的标题'").await, 0);
    // A reviews record in an administrator's name at the administrators' step does not move the item.
    let e = transaction(
        &mut sql,
        &["UPDATE items SET stage = 'returned', status = 'returned', version = version + 1 WHERE ref = 'unit-1'"],
    )
    .await
    .unwrap_err();
    assert!(e.contains("may not change item"), "{e}");
    sql.close().await.ok();
    drop(as_reviewer);
    db.drop_with_roles(&[&reviewer, &admin]).await;
}

/// An administrator with `psql` changes nothing without an audit record in their own name, and
/// nobody, not even the tables' owner, edits, deletes or empties what is never edited.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_change_without_its_audit_record_and_never_edited_records_stay() {
    let db = TestDb::new(Backend::Postgres).await;
    setup(&db);
    db.ok(&["incident", "add", "--unit", "民政局", "--kind", "typo", "--note", "错别字"]);
    db.ok(&["retractions", "request", "on-1", "--unit", "民政局", "--reason", "outdated"]);
    db.ok(&["check", "waive", "gov-1", "--kind", "leader_name", "--text", "李明化", "--reason", "原文如此"]);
    db.ok(&["retract", "on-2", "--reason", "error"]);
    db.ok(&["mark", "on-1", "--as", "expired"]);
    db.ok(&["review", "approve", "gov-1", "--checks", ALL]);
    let admin = login("adm");
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    let mut sql = connect(&db.as_login(&admin)).await.unwrap();

    // Without an audit record: refused when the transaction commits.
    for attack in [
        "UPDATE items SET title = '篡改的标题' WHERE ref = 'gov-1'",
        "UPDATE operators SET role = 'admin', active = true",
        "INSERT INTO calendar_days (day, kind, note) VALUES ('2027-03-01', 'holiday', 'x')",
        "DELETE FROM placements WHERE online_since IS NULL",
    ] {
        let e = transaction(&mut sql, &[attack]).await.unwrap_err();
        assert!(e.contains("without writing its audit record"), "{attack}: {e}");
    }
    // With one, it is the administrator's, and says so.
    transaction(
        &mut sql,
        &[
            "UPDATE items SET title = '更正的标题' WHERE ref = 'gov-1'",
            "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), 'somebody', \
                'item.edit', 'item:1', '{}')",
        ],
    )
    .await
    .unwrap();
    let mut raw = db.any().await;
    assert_eq!(
        raw.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'item.edit' AND operator = '{admin}'")).await,
        1
    );

    // Never edited, by the administrator.
    for attack in [
        "UPDATE incidents SET note = '改'",
        "DELETE FROM incidents",
        "UPDATE finding_waivers SET reason = '改'",
        "UPDATE withdrawals SET reason = 'outdated'",
        "DELETE FROM withdrawals",
        "UPDATE retraction_requests SET reason = 'classified'",
        "DELETE FROM retraction_requests",
        "UPDATE reviews SET comment = '改'",
        "UPDATE item_marks SET note = '改'",
        "UPDATE audit_log SET operator = 'x'",
    ] {
        let audited = "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), 'x', \
            'x', 'x', '{}')";
        let e = transaction(&mut sql, &[attack, audited]).await.unwrap_err();
        assert!(
            e.contains("never edited") || e.contains("append-only") || e.contains("permission denied"),
            "{attack}: {e}"
        );
    }
    // Nor by the tables' owner, who may TRUNCATE.
    for table in [
        "withdrawals",
        "reviews",
        "item_marks",
        "incidents",
        "finding_waivers",
        "retraction_requests",
        "audit_log",
        "items",
    ] {
        let e = raw.exec(&format!("TRUNCATE {table} CASCADE")).await.unwrap_err();
        assert!(e.contains("append-only"), "{table}: {e}");
    }
    for (table, rows) in [
        ("withdrawals", 1),
        ("reviews", 1),
        ("item_marks", 1),
        ("incidents", 1),
        ("finding_waivers", 1),
        ("retraction_requests", 1),
    ] {
        assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM {table}")).await, rows, "{table}");
    }
    // What portal-admin does through the same rules still works: restore closes the withdrawal once.
    let as_admin = db.as_login(&admin);
    as_admin.ok(&["restore", "on-2"]);
    as_admin.ok(&["publish", "gov-1"]);
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NOT NULL").await, 1);
    sql.close().await.ok();
    drop(as_admin);
    db.drop_with_roles(&[&admin]).await;
}

/// `operators add` takes plain names only: nothing a name holds reaches the SQL as SQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_name_is_never_sql() {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init"]);
    // Names of this run's own, so nothing another run left on the server is counted.
    let tag = login("evil");
    let hostile = [
        format!("x$$; CREATE ROLE {tag} SUPERUSER; $$"),
        format!("{tag}\"b"),
        format!("{tag}'); DROP TABLE items;--"),
        "两 个".to_string(),
        "pg_signal_backend".to_string(),
    ];
    for hostile in &hostile {
        let out = db.run(&["operators", "add", hostile, "--role", "viewer"]);
        assert_eq!(out.status.code(), Some(1), "{hostile}");
        let e = common::stderr(&out);
        assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    }
    let mut raw = db.any().await;
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM pg_roles WHERE rolname LIKE '{tag}%'")).await, 0);
    assert_eq!(raw.count("SELECT COUNT(*) FROM operators").await, 1);
    // A plain name with a dot and a dash is quoted as an identifier and works.
    let name = format!("{}.x-y", login("dot"));
    db.ok(&["operators", "add", &name, "--role", "viewer"]);
    assert!(db.as_login(&name).ok(&["columns"]).contains("走进象山"));
    drop(raw);
    db.drop_with_roles(&[&name]).await;
}

/// The demo's administrators cannot log in: they do not keep the only real administrator from
/// being refused when he would disable himself; their creation is audited.
async fn the_last_administrator_who_can_log_in_cannot_lock_everybody_out(db: TestDb) {
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "50"]);
    let me = rows(&db, &["operators"])
        .into_iter()
        .find(|o| o["role"] == "admin" && !o["name"].as_str().unwrap().contains('.'))
        .unwrap();
    let me = me["name"].as_str().unwrap().to_string();
    fails(&db, &["operators", "disable", &me], 1, "last active administrator of site xiangshan who can log in");
    fails(&db, &["operators", "role", &me, "reviewer"], 1, "who can log in");
    let created = rows(&db, &["audit", "--action", "operator.set"]);
    assert_eq!(created.len(), 3, "the demo's three operators: {created:?}");
    assert!(created.iter().all(|r| r["detail"]["after"]["login"] == false), "{created:?}");
}

on_both_backends!(the_last_administrator_who_can_log_in_cannot_lock_everybody_out);

/// An administrator who is not a superuser runs `operators`: lists them, gives an existing login
/// a role and takes it away; a new login needs CREATEROLE, said in one line with the fix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_who_is_not_a_superuser_manages_operators() {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init"]);
    let (admin, colleague, newcomer) = (login("adm"), login("col"), login("new"));
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    let mut raw = db.any().await;
    raw.exec(&format!("CREATE ROLE {colleague} LOGIN")).await.unwrap();
    let as_admin = db.as_login(&admin);
    assert_eq!(rows(&as_admin, &["operators"]).len(), 2);
    as_admin.ok(&["operators", "add", &colleague, "--role", "reviewer"]);
    as_admin.ok(&["operators", "role", &colleague, "viewer"]);
    as_admin.ok(&["operators", "disable", &colleague]);
    fails(&as_admin, &["operators", "add", &newcomer, "--role", "viewer"], 1, "CREATEROLE");
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM pg_roles WHERE rolname = '{newcomer}'")).await, 0);
    drop((raw, as_admin));
    db.drop_with_roles(&[&admin, &colleague]).await;
}
