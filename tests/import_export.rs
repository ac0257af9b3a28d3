//! `import` and `export` (JSON Lines), and `demo`, on both backends.

mod common;

use common::{Backend, TestDb, stderr};
use serde_json::Value;

const GOOD: &str = concat!(
    r#"{"ref":"old-001","title":"象山区召开2024年安全生产工作会议","#,
    r#""body":"5月17日上午，区政府召开全区安全生产工作会议。","form":"image_text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2024-05-17T09:30:00","published_at":"2024-05-17T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"old-002","title":"关于开展2024年度城乡居民医保征缴工作的通知","#,
    r#""body":"各乡（街道）：……","form":"text","path":"unit","unit":"民政局","#,
    r#""columns":["政务动态 / 通知公告","政务动态 / 部门动态"],"#,
    r#""forms":{"政务动态 / 部门动态":"image_text"},"#,
    r#""submitted_at":"2024-06-03T10:00:00+08:00","#,
    r#""published_at":"2024-06-04T09:00:00+08:00","#,
    r#""withdrawn_at":"2024-09-01T09:00:00+08:00","withdraw_reason":"outdated"}"#,
    "\n",
    r#"{"title":"国务院常务会议部署进一步优化营商环境","body":"转载正文","form":"text","#,
    r#""path":"repost","unit":"","columns":["新闻要问 / 国务院信息"],"#,
    r#""submitted_at":"2024-07-01T08:00:00+08:00","channel":"portal"}"#,
    "\n"
);

fn export(db: &TestDb) -> Vec<Value> {
    db.ok(&["export"]).lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
}

async fn import_then_export_round_trips(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("items.jsonl");
    std::fs::write(&file, GOOD).unwrap();
    let out = db.ok(&["import", file.to_str().unwrap()]);
    assert!(out.starts_with("imported 3 items"), "{out}");
    let items = export(&db);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["ref"], "old-001");
    assert_eq!(items[0]["status"], "online");
    assert_eq!(items[0]["stage"], "done");
    assert_eq!(items[0]["submitted_at"], "2024-05-17T09:30:00+08:00");
    assert_eq!(items[1]["status"], "withdrawn");
    assert_eq!(items[1]["withdraw_reason"], "outdated");
    // Columns come back in the tree's order.
    assert_eq!(items[1]["columns"], serde_json::json!(["政务动态 / 部门动态", "政务动态 / 通知公告"]));
    assert_eq!(items[1]["forms"], serde_json::json!({"政务动态 / 部门动态": "image_text"}));
    assert_eq!(items[2]["status"], "pending");
    assert_eq!(items[2]["stage"], "review");
    assert_eq!(items[2]["unit"], "");

    // The export imports into a fresh database as the same items.
    let other = TestDb::new(db.backend).await;
    other.ok(&["init"]);
    let exported = db.file("export.jsonl");
    std::fs::write(&exported, db.ok(&["export"])).unwrap();
    other.ok(&["import", exported.to_str().unwrap()]);
    assert_eq!(export(&other), items);

    let mut raw = db.any().await;
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM placements WHERE online_since IS NOT NULL").await,
        1,
        "only the online item is in its column"
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'import'").await, 1);
    // Importing the same refs again is refused, and nothing more is loaded.
    let out = db.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("items.jsonl:1: ref \"old-001\" is already in the database"), "{}", stderr(&out));
    assert_eq!(raw.count("SELECT COUNT(*) FROM items").await, 3);
}

async fn a_bad_line_is_named_and_nothing_is_loaded(db: TestDb) {
    db.ok(&["init"]);
    let cases = [
        (format!("{GOOD}{{\"title\":\"x\"}}\n"), ":4: missing field"),
        (
            GOOD.replace("\"form\":\"text\",\"path\":\"repost\"", "\"form\":\"audio\",\"path\":\"repost\""),
            ":3: unknown form \"audio\"",
        ),
        (GOOD.replace("政务动态 / 部门动态\"],\"forms", "政务动态 / 不存在的栏目\"],\"forms"), ":2: "),
        (GOOD.replace("\"unit\":\"民政局\"", "\"unit\":\"外星局\""), ":2: unknown unit \"外星局\""),
        (
            GOOD.replace("\"columns\":[\"新闻要问 / 国务院信息\"]", "\"columns\":[\"新闻要问 / 火星要闻\"]"),
            ":3: unknown column \"新闻要问 / 火星要闻\"",
        ),
        (GOOD.replace("\"ref\":\"old-002\"", "\"ref\":\"old-001\""), ":2: ref \"old-001\" appears twice"),
        (
            GOOD.replace(
                "\"path\":\"government\"",
                "\"path\":\"government\",\"attachments\":{\"signed_scan\":\"签发单.pdf\"}",
            ),
            ":1: attachments are what a unit submission carries (Art. 10): not for path government",
        ),
        (
            GOOD.replace("\"path\":\"unit\"", "\"path\":\"unit\",\"attachments\":{\"photo\":\"合影.jpg\"}"),
            ":2: attachments: \"photo\" is not a kind (signed_scan, electronic_text or target_columns)",
        ),
        ("not json\n".to_string(), ":1: "),
    ];
    let file = db.file("bad.jsonl");
    let mut raw = db.any().await;
    for (content, expected) in cases {
        std::fs::write(&file, &content).unwrap();
        let out = db.run(&["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{content}");
        let e = stderr(&out);
        assert!(e.contains(&format!("bad.jsonl{expected}")), "expected {expected}: {e}");
        assert!(e.trim_end().ends_with("nothing was imported"), "{e}");
        assert_eq!(raw.count("SELECT COUNT(*) FROM items").await, 0, "nothing loaded for {expected}");
    }
}

/// A unit's submission brings what Art. 10 asks of it (the head's signed scan, the electronic
/// text, the target columns) in `attachments`: it can then pass its re-review, shows them in its
/// history, and export gives them back.
async fn a_unit_submission_carries_its_attachments_through_import_review_and_export(db: TestDb) {
    db.ok(&["init"]);
    let line = concat!(
        r#"{"ref":"mz-2026-118","title":"民政局开展2026年度低保复核工作","#,
        r#""body":"11月以来，区民政局对全区城乡低保对象开展年度复核。","form":"text","#,
        r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
        r#""submitted_at":"2026-11-21T09:00:00+08:00","#,
        r#""attachments":{"signed_scan":"民政局-信息发布审批单（签字盖章）.pdf","#,
        r#""electronic_text":"低保复核.docx","target_columns":"发布栏目.txt"}}"#,
        "\n",
        r#"{"ref":"mz-2026-119","title":"民政局开展冬季送温暖活动","#,
        r#""body":"区民政局走访慰问困难群众。","form":"text","path":"unit","unit":"民政局","#,
        r#""columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-22T09:00:00+08:00","#,
        r#""attachments":{"electronic_text":"送温暖.docx"}}"#,
        "\n"
    );
    let file = db.file("unit.jsonl");
    std::fs::write(&file, line).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let shown = db.ok(&["show", "mz-2026-118"]);
    assert!(shown.contains("attachment signed_scan: 民政局-信息发布审批单（签字盖章）.pdf"), "{shown}");
    let out = db.ok(&["review", "approve", "mz-2026-118", "--checks", "1,2,3,4,5,6,7"]);
    assert!(out.contains("recheck → publish"), "a complete submission passes its re-review: {out}");
    // One that lacks the signed scan is still refused, saying what it lacks.
    let out = db.run(&["review", "approve", "mz-2026-119", "--checks", "1,2,3,4,5,6,7"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("signed and stamped scan"), "{}", stderr(&out));
    let items = export(&db);
    assert_eq!(
        items[0]["attachments"],
        serde_json::json!({
            "electronic_text": "低保复核.docx",
            "signed_scan": "民政局-信息发布审批单（签字盖章）.pdf",
            "target_columns": "发布栏目.txt"
        })
    );
    assert_eq!(items[1]["attachments"], serde_json::json!({"electronic_text": "送温暖.docx"}));
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM attachments").await, 4);
}

async fn demo_fills_every_table_deterministically(db: TestDb) {
    let out = db.ok(&["demo", "--items", "3000", "--seed", "42", "--from", "2025-05-01", "--to", "2025-06-30"]);
    assert!(out.starts_with("added 3000 demo items (2025-05-01 to 2025-06-30, seed 42)"), "{out}");
    let mut raw = db.any().await;
    for table in ["items", "placements", "reviews", "attachments", "withdrawals", "retraction_requests", "documents"] {
        assert!(raw.count(&format!("SELECT COUNT(*) FROM {table}")).await > 0, "{table} is empty");
    }
    assert_eq!(raw.count("SELECT COUNT(*) FROM items").await, 3000);
    assert_eq!(raw.count("SELECT COUNT(DISTINCT path) FROM items").await, 3);
    assert_eq!(raw.count("SELECT COUNT(DISTINCT form) FROM items").await, 3);
    assert!(raw.count("SELECT COUNT(DISTINCT stage) FROM items").await >= 5);

    // The assessment's running totals agree with a count of the items themselves.
    for (points, column) in [(1, "text"), (2, "image_text"), (3, "video")] {
        let counted = raw
            .count(&format!(
                "SELECT COUNT(*) FROM items i WHERE i.path <> 'repost' AND i.points = {points} \
                    AND (i.status = 'online' OR (i.status = 'withdrawn' \
                 AND EXISTS (SELECT 1 FROM withdrawals w WHERE w.item_id = i.id AND w.restored_at IS NULL \
                     AND w.reason = 'outdated')))"
            ))
            .await;
        let totals =
            raw.count(&format!("SELECT CAST(COALESCE(SUM({column}), 0) AS BIGINT) FROM unit_day_points")).await;
        assert_eq!(counted, totals, "{column}");
        assert!(counted > 0);
    }

    let again = TestDb::new(db.backend).await;
    again.ok(&["demo", "--items", "3000", "--seed", "42", "--from", "2025-05-01", "--to", "2025-06-30"]);
    assert_eq!(db.ok(&["export"]), again.ok(&["export"]), "the same seed gives the same data");
}

/// A load of 10,000 items or more leaves the planner the tables' statistics (an ANALYZE after the
/// import's transaction), so the first report after it picks its indexes; a small load does not
/// pay for one.
async fn a_big_import_leaves_the_planner_its_statistics(db: TestDb) {
    db.ok(&["init"]);
    let line = |n: usize| {
        format!(
            concat!(
                r#"{{"ref":"big-{n}","title":"象山区工作动态第{n}期","body":"正文。","form":"text","#,
                r#""path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
                r#""submitted_at":"2025-03-01T09:00:00+08:00","#,
                r#""published_at":"2025-03-01T15:00:00+08:00"}}"#
            ),
            n = n
        )
    };
    // How many rows the planner believes the items table has: PostgreSQL's estimate (-1 before
    // any ANALYZE), SQLite's count in the statistics of the items' indexes.
    let believed = match db.backend {
        Backend::Postgres => {
            "SELECT CAST(GREATEST(reltuples, 0) AS BIGINT) FROM pg_class WHERE oid = 'items'::regclass"
        }
        Backend::Sqlite => "SELECT COALESCE(MAX(CAST(stat AS INTEGER)), 0) FROM sqlite_stat1 WHERE tbl = 'items'",
    };
    let mut raw = db.any().await;
    let small: String = (0..3).map(|n| line(n) + "\n").collect();
    db.import("small.jsonl", &small);
    if db.backend == Backend::Sqlite {
        // The statistics' table exists once anything was analysed (as init does); made here if not.
        raw.exec("CREATE TABLE IF NOT EXISTS sqlite_stat1(tbl, idx, stat)").await.unwrap_or_default();
    }
    let before = raw.count(believed).await;
    assert!(before < 10, "3 items: no ANALYZE of a table this small ({before})");
    let big: String = (3..10_003).map(|n| line(n) + "\n").collect();
    db.import("big.jsonl", &big);
    let after = raw.count(believed).await;
    assert!(after >= 10_003, "10,000 items imported: the planner knows the table's size ({after})");
}

on_both_backends!(
    a_big_import_leaves_the_planner_its_statistics,
    import_then_export_round_trips,
    a_bad_line_is_named_and_nothing_is_loaded,
    a_unit_submission_carries_its_attachments_through_import_review_and_export,
    demo_fills_every_table_deterministically
);

#[tokio::test]
async fn both_backends_hold_the_same_demo_data() {
    let lite = TestDb::new(Backend::Sqlite).await;
    let pg = TestDb::new(Backend::Postgres).await;
    for db in [&lite, &pg] {
        db.ok(&["demo", "--items", "1500", "--seed", "9", "--from", "2025-01-01", "--to", "2025-12-31"]);
    }
    assert_eq!(lite.ok(&["export"]), pg.ok(&["export"]));
}

/// docs/import.md's example line is one the program takes: its unit and column are the built-in
/// table's (it named a unit and a column that do not exist, and was refused).
#[test]
fn the_documented_example_line_imports() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/import.md")).unwrap();
    let block = page.split("```json\n").nth(1).and_then(|b| b.split("```").next()).expect("a JSON example");
    let line: String = block.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    serde_json::from_str::<Value>(&line).expect("the example is one JSON object");
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let file = db.file("example.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let out = db.run(&["--format", "json", "import", "--dry-run", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["action", "dry_run", "changed", "file", "site", "items"] {
        assert!(result.get(field).is_some(), "import.md names {field}: {result}");
    }
    assert_eq!((result["dry_run"].clone(), result["items"].clone()), (serde_json::json!(true), serde_json::json!(1)));
}
