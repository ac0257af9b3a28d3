//! Issue 23: the commands that write for a unit (`incident add`, `rectifications add`,
//! `retractions request`) take it the way the console and the reports do — its name, part of it,
//! or its pinyin initials — through the real binary on both databases; a unit that could be
//! several, or none, is refused in one line and nothing is written.

mod common;

use common::{TestDb, fails};

/// One item online, of 民政局.
const ONLINE: &str = concat!(
    r#"{"ref":"on-1","title":"区民政局2026年第三季度临时救助发放情况","body":"……","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-08T09:00:00+08:00","#,
    r#""published_at":"2026-10-08T15:00:00+08:00"}"#,
    "\n"
);

/// The writes, each with the unit typed as `unit`.
fn writes(unit: &str) -> [Vec<&str>; 3] {
    [
        vec!["incident", "add", "--unit", unit, "--kind", "typo", "--note", "错别字"],
        vec!["rectifications", "add", "--unit", unit, "--item", "on-1", "--note", "政策已过期"],
        vec!["retractions", "request", "on-1", "--unit", unit, "--reason", "outdated"],
    ]
}

/// How many rows of `table` are for the unit called `name`.
async fn rows_for(db: &TestDb, table: &str, name: &str) -> i64 {
    let mut raw = db.any().await;
    raw.count(&format!("SELECT COUNT(*) FROM {table} t JOIN units u ON u.id = t.unit_id WHERE u.name = '{name}'")).await
}

async fn written(db: &TestDb) -> i64 {
    let mut raw = db.any().await;
    raw.count(
        "SELECT (SELECT COUNT(*) FROM incidents) + (SELECT COUNT(*) FROM rectifications) \
         + (SELECT COUNT(*) FROM retraction_requests) + (SELECT COUNT(*) FROM audit_log)",
    )
    .await
}

async fn writes_take_a_unit_as_the_console_does(db: TestDb) {
    db.ok(&["init"]);
    db.import("online.jsonl", ONLINE);
    let before = written(&db).await;
    // The built-in units have two whose initials are mzj (民政局, 民宗局), and none called 外星局.
    for args in writes("mzj") {
        fails(&db, &args, 2, "\"mzj\" could be 民政局, 民宗局");
    }
    for args in writes("外星局") {
        fails(&db, &args, 2, "no unit \"外星局\" in site xiangshan (units: ");
    }
    assert_eq!(written(&db).await, before, "a refused unit writes nothing, not even an audit record");

    let said = db.ok(&writes("tjj")[0]);
    assert!(said.contains("统计局"), "{said}");
    assert_eq!(rows_for(&db, "incidents", "统计局").await, 1, "pinyin initials: 统计局");
    let said = db.ok(&writes("民政")[1]);
    assert!(said.contains("民政局"), "{said}");
    assert_eq!(rows_for(&db, "rectifications", "民政局").await, 1, "part of the name: 民政局");
    db.ok(&writes("zfb")[2]);
    assert_eq!(rows_for(&db, "retraction_requests", "政府办").await, 1, "pinyin initials: 政府办");
    assert_eq!(written(&db).await, before + 6, "three rows and their three audit records, nothing else");
}

on_both_backends!(writes_take_a_unit_as_the_console_does);
