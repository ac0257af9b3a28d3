//! Who may do what (Art. 14): `operators` on both databases, and on PostgreSQL the grants that hold
//! even for a login that bypasses portal-admin with plain SQL.

mod common;

use common::{Backend, PENDING, TestDb, fails, rows};
use sqlx::Connection;

/// A login name no other test uses (PostgreSQL's roles are shared by all its databases).
fn login(what: &str) -> String {
    format!("pa_{what}_{}_{}", std::process::id(), rand_suffix())
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() % 1_000_000
}

/// Operators added, their roles changed, one disabled, each change audited with its before and
/// after; what an administrator may not do to the operators.
async fn operators_are_managed_by_administrators(db: TestDb) {
    db.ok(&["init"]);
    let me = rows(&db, &["operators"]);
    assert_eq!(me.len(), 1);
    assert_eq!((me[0]["role"].as_str(), me[0]["active"].as_bool()), (Some("admin"), Some(true)));
    let me = me[0]["name"].as_str().unwrap().to_string();
    let (chen, li) = (login("chen"), login("li"));
    assert_eq!(db.ok(&["operators", "add", &chen, "--role", "viewer"]).trim(), format!("{chen}: added as viewer"));
    db.ok(&["operators", "add", &li, "--role", "reviewer"]);
    assert_eq!(db.ok(&["operators", "role", &chen, "admin"]).trim(), format!("{chen}: now admin, active"));
    assert_eq!(db.ok(&["operators", "role", &chen, "admin"]).trim(), format!("{chen}: nothing changed"));
    assert_eq!(db.ok(&["operators", "disable", &li]).trim(), format!("{li}: disabled (no rights left; history kept)"));
    let listed: Vec<(String, String, bool)> = rows(&db, &["operators"])
        .iter()
        .map(|o| {
            (o["name"].as_str().unwrap().into(), o["role"].as_str().unwrap().into(), o["active"].as_bool().unwrap())
        })
        .collect();
    assert!(
        listed.contains(&(chen.clone(), "admin".into(), true))
            && listed.contains(&(li.clone(), "reviewer".into(), false)),
        "{listed:?}"
    );

    fails(&db, &["operators", "add", &chen, "--role", "viewer"], 1, "already an operator");
    fails(&db, &["operators", "role", "nobody", "viewer"], 1, "nobody is not an operator");
    fails(&db, &["operators", "add", "wang", "--role", "boss"], 2, "boss");
    db.ok(&["operators", "disable", &chen]);
    fails(&db, &["operators", "disable", &me], 1, "last active administrator");
    fails(&db, &["operators", "role", &me, "viewer"], 1, "last active administrator");
    let audit = rows(&db, &["audit", "--action", "operator"]);
    assert_eq!(audit.len(), 5, "add, add, role, disable, disable: {audit:?}");
    let first = audit.last().unwrap();
    assert_eq!(first["target"], serde_json::json!({"kind": "operator", "id": chen}));
    assert_eq!(first["detail"], serde_json::json!({"before": null, "after": {"role": "viewer", "active": true}}));
    assert_eq!(rows(&db, &["audit", "--operator", &me, "--action", "operator.set"]).len(), 5);
    assert!(rows(&db, &["audit", "--operator", "nobody"]).is_empty());

    // Not an administrator: no changes to operators, nor incidents.
    let mut raw = db.any().await;
    raw.exec(&format!("UPDATE operators SET role = 'reviewer' WHERE name = '{me}'")).await.unwrap();
    fails(&db, &["operators", "role", &li, "admin"], 1, "may not manage operators");
    fails(&db, &["--read-only", "operators", "add", "wang", "--role", "viewer"], 1, "read-only");
    assert_eq!(raw.count("SELECT COUNT(*) FROM operators").await, 3);
    drop(raw);
    if db.backend == Backend::Postgres {
        db.drop_with_roles(&[&chen, &li]).await;
    }
}

on_both_backends!(operators_are_managed_by_administrators);

/// On PostgreSQL a viewer's login cannot change a row even with plain SQL; a reviewer's can do
/// what the government office's review needs and no more; nobody's can delete portal content.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_grants_hold_outside_portal_admin() {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init"]);
    let file = db.file("pending.jsonl");
    std::fs::write(&file, PENDING).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let (viewer, reviewer, admin) = (login("viewer"), login("reviewer"), login("admin"));
    db.ok(&["operators", "add", &viewer, "--role", "viewer"]);
    db.ok(&["operators", "add", &reviewer, "--role", "reviewer"]);
    db.ok(&["operators", "add", &admin, "--role", "admin"]);

    let viewer_db = db.as_login(&viewer);
    let mut as_viewer = sqlx::PgConnection::connect(&viewer_db.url).await.unwrap();
    let titles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM items").fetch_one(&mut as_viewer).await.unwrap();
    assert_eq!(titles, 3, "a viewer reads");
    for forbidden in [
        "UPDATE items SET title = '篡改'",
        "DELETE FROM items",
        "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), 'x', 'x', 'x', 'x')",
        "UPDATE operators SET role = 'admin'",
    ] {
        let e = sqlx::query(forbidden).execute(&mut as_viewer).await.unwrap_err().to_string();
        assert!(e.contains("permission denied"), "{forbidden}: {e}");
    }
    assert!(viewer_db.ok(&["columns"]).contains("走进象山"));
    fails(
        &viewer_db,
        &["review", "approve", "gov-1", "--checks", "1,2,3,4,5,6,7"],
        1,
        "may not pass the office_review step",
    );

    // The reviewer passes the government office's review with their own login, and nothing more.
    let reviewer_db = db.as_login(&reviewer);
    let said = reviewer_db.ok(&["review", "approve", "gov-1", "--checks", "1,2,3,4,5,6,7"]);
    assert!(said.contains("publish"), "{said}");
    let mut as_reviewer = sqlx::PgConnection::connect(&reviewer_db.url).await.unwrap();
    let e = sqlx::query("DELETE FROM reviews").execute(&mut as_reviewer).await.unwrap_err().to_string();
    assert!(e.contains("permission denied"), "{e}");
    let e = sqlx::query("UPDATE units SET name = 'x'").execute(&mut as_reviewer).await.unwrap_err().to_string();
    assert!(e.contains("permission denied"), "{e}");

    // An administrator's login publishes; even it cannot delete an item or the audit trail.
    let admin_db = db.as_login(&admin);
    admin_db.ok(&["publish", "gov-1"]);
    let mut as_admin = sqlx::PgConnection::connect(&admin_db.url).await.unwrap();
    for forbidden in ["DELETE FROM items", "DELETE FROM audit_log", "TRUNCATE withdrawals"] {
        assert!(sqlx::query(forbidden).execute(&mut as_admin).await.is_err(), "{forbidden}");
    }
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE status = 'online'").await, 1);
    assert_eq!(
        raw.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE operator = '{reviewer}' AND action = 'review.approve'"
        ))
        .await,
        1
    );

    // A disabled operator's login keeps no grant.
    db.ok(&["operators", "disable", &reviewer]);
    let e = sqlx::query("UPDATE items SET version = version").execute(&mut as_reviewer).await.unwrap_err().to_string();
    assert!(e.contains("permission denied"), "{e}");
    for c in [as_viewer, as_reviewer, as_admin] {
        c.close().await.unwrap();
    }
    drop((viewer_db, reviewer_db, admin_db));
    db.drop_with_roles(&[&viewer, &reviewer, &admin]).await;
}

/// Two online items of 民政局's, for the role checks.
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

/// Each role may do exactly its acts (Art. 14), checked below the screens, so the subcommands obey
/// them: a viewer changes nothing; a reviewer passes the government office's review and records a
/// unit's request, nothing else.
async fn each_role_may_do_exactly_its_acts(db: TestDb) {
    db.ok(&["init"]);
    db.import("pending.jsonl", PENDING);
    db.import("online.jsonl", ONLINE);
    db.ok(&["review", "approve", "repost-1", "--checks", "1,2,3,4,5,6,7"]);
    db.ok(&["retract", "on-2", "--reason", "error"]);
    db.ok(&["retractions", "request", "on-1", "--unit", "民政局", "--reason", "outdated"]);
    db.ok(&["incident", "add", "--unit", "民政局", "--kind", "typo", "--note", "错别字"]);
    let documents =
        rows(&db, &["columns"]).into_iter().find(|c| c["rule"].as_str().unwrap().contains("of event")).unwrap()["id"]
            .to_string();
    let pending = db.file("pending.jsonl").to_str().unwrap().to_string();
    let forbidden_to_reviewers: Vec<Vec<&str>> = vec![
        vec!["publish", "repost-1"],
        vec!["retract", "on-1", "--reason", "outdated"],
        vec!["restore", "on-2"],
        vec!["mark", "on-1", "--as", "expired"],
        vec!["retractions", "reject", "1", "--reason", "仍然有效"],
        vec!["incident", "add", "--unit", "民政局", "--kind", "typo", "--note", "x"],
        vec!["incident", "reverse", "1", "--note", "x"],
        vec!["operators", "add", "wang", "--role", "viewer"],
        vec!["calendar", "add", "--holiday", "2027-10-08"],
        vec!["documents", "add", "--number", "象政办〔2026〕9号", "--issued", "2026-11-02", "--column", &documents],
        vec!["import", &pending],
    ];
    let allowed_to_reviewers: Vec<Vec<&str>> = vec![
        vec!["review", "approve", "gov-1", "--checks", "1,2,3,4,5,6,7"],
        vec!["retractions", "request", "on-1", "--unit", "民政局", "--reason", "error"],
    ];
    let mut raw = db.any().await;
    let me = rows(&db, &["operators"])[0]["name"].as_str().unwrap().to_string();
    let audit = "SELECT COUNT(*) FROM audit_log";
    let before = raw.count(audit).await;
    raw.exec(&format!("UPDATE operators SET role = 'viewer' WHERE name = '{me}'")).await.unwrap();
    for args in forbidden_to_reviewers.iter().chain(&allowed_to_reviewers) {
        fails(&db, args, 1, "(viewer) may not");
    }
    assert_eq!(raw.count(audit).await, before, "a viewer changed nothing");
    raw.exec(&format!("UPDATE operators SET role = 'reviewer' WHERE name = '{me}'")).await.unwrap();
    for args in &forbidden_to_reviewers {
        fails(&db, args, 1, "(reviewer) may not");
    }
    assert_eq!(raw.count(audit).await, before, "nothing a reviewer may not do was done");
    for args in &allowed_to_reviewers {
        db.ok(args);
    }
    assert_eq!(raw.count(audit).await, before + 2);
    // A disabled administrator is no administrator.
    raw.exec(&format!("UPDATE operators SET role = 'admin', active = false WHERE name = '{me}'")).await.unwrap();
    fails(&db, &["retract", "on-1", "--reason", "outdated"], 1, "no longer an active operator");
}

on_both_backends!(each_role_may_do_exactly_its_acts);
