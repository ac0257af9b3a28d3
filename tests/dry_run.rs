//! Writes that can be previewed (issue 23): `--dry-run` on `retract`, `mark`, `restore`, `publish`
//! and `import` runs the change whole and rolls it back, saying what it would do; every write's
//! result as one JSON object; a write that finds nothing to do exits 0 saying "nothing changed".

mod common;

use serde_json::{Value, json};

use common::{PENDING, TestDb, rows, stderr};

/// Two policy documents online in one column since 2023, of 政府办.
const ONLINE: &str = common::TWO_POLICIES;

const MORE: &str = concat!(
    r#"{"ref":"new-1","title":"象山区2026年第四季度政务公开工作安排","body":"正文","#,
    r#""form":"text","path":"repost","unit":"","columns":["新闻要问 / 国务院信息"],"#,
    r#""submitted_at":"2026-11-25T09:00:00+08:00"}"#,
    "\n"
);

const ALL: &str = "1,2,3,4,5,6,7";

/// What the writes change, counted: items, online items, online placements, withdrawals (and
/// those restored), marks, reviews, audit records.
async fn footprint(db: &TestDb) -> Vec<i64> {
    let mut raw = db.any().await;
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM items",
        "SELECT COUNT(*) FROM items WHERE status = 'online'",
        "SELECT COUNT(*) FROM placements WHERE online_since IS NOT NULL",
        "SELECT COUNT(*) FROM withdrawals",
        "SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NOT NULL",
        "SELECT COUNT(*) FROM item_marks",
        "SELECT COUNT(*) FROM reviews",
        "SELECT COUNT(*) FROM audit_log",
    ] {
        counts.push(raw.count(sql).await);
    }
    counts
}

/// Runs a write with `--format json`: its result object and what it said on stderr.
fn json_write(db: &TestDb, args: &[&str]) -> (Value, String) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let out = db.run(&args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let result = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    (result, stderr(&out))
}

fn id_of(db: &TestDb, reference: &str) -> i64 {
    let shown: Value = serde_json::from_str(&db.ok(&["show", reference, "--format", "json"])).unwrap();
    shown["id"].as_i64().unwrap()
}

async fn every_write_can_be_rehearsed(db: TestDb) {
    db.ok(&["init"]);
    db.import("online.jsonl", ONLINE);
    db.import("pending.jsonl", PENDING);
    db.ok(&["review", "approve", "repost-1", "--checks", ALL]);
    let (zd1, repost) = (id_of(&db, "zd-1"), id_of(&db, "repost-1"));
    let before = footprint(&db).await;

    // For a person: what would change, each line marked, and the summary on stderr.
    let out = db.run(&["retract", "zd-1", "--reason", "outdated", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(said, format!("(dry run) item {zd1}: withdrawn (outdated) from every column\n"));
    assert_eq!(stderr(&out), "dry run: 1 item withdrawn, 0 already withdrawn, 0 requests closed; nothing changed\n");

    // For a script: the same facts as JSON.
    let (r, e) = json_write(&db, &["retract", "zd-1", "zd-2", "--reason", "outdated", "--dry-run"]);
    assert_eq!(
        r,
        json!({"action": "retract", "dry_run": true, "changed": true, "reason": "outdated",
               "withdrawn": [zd1, id_of(&db, "zd-2")], "already": [], "requests_closed": 0, "batch": null})
    );
    assert!(e.starts_with("dry run: 2 items withdrawn") && e.ends_with("nothing changed\n"), "{e}");
    let (r, _) = json_write(&db, &["mark", "zd-1", "--as", "repealed", "--on", "2026-11-01", "--dry-run"]);
    assert_eq!(
        (r["action"].clone(), r["marked"].clone(), r["dry_run"].clone()),
        (json!("mark"), json!([zd1]), json!(true))
    );
    assert_eq!(r["effective_on"], "2026-11-01");
    let (r, e) = json_write(&db, &["publish", "repost-1", "--dry-run"]);
    assert_eq!(
        (r["action"].clone(), r["item"].clone(), r["changed"].clone()),
        (json!("publish"), json!(repost), json!(true))
    );
    assert!(r["version"].is_i64() && r["to"].is_string(), "{r}");
    assert!(e.starts_with("dry run: "), "{e}");
    let file = db.file("more.jsonl");
    std::fs::write(&file, MORE).unwrap();
    let (r, e) = json_write(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        (r["action"].clone(), r["items"].clone(), r["dry_run"].clone()),
        (json!("import"), json!(1), json!(true))
    );
    assert!(e.starts_with("dry run: imported 1 item from "), "one item, not 1 items: {e}");
    assert_eq!(footprint(&db).await, before, "a dry run changes nothing, its audit records included");
    // The import's refs are still free: nothing of it was kept.
    assert_eq!(rows(&db, &["queue"]).len(), 3);

    // Done for real, the same writes answer the same way, without dry_run.
    let (r, e) = json_write(&db, &["retract", "zd-1", "--reason", "outdated"]);
    assert_eq!(
        (r["dry_run"].clone(), r["changed"].clone(), r["withdrawn"].clone()),
        (json!(false), json!(true), json!([zd1]))
    );
    assert_eq!(e, "1 item withdrawn, 0 already withdrawn, 0 requests closed\n");
    let (r, e) = json_write(&db, &["restore", "zd-1", "--dry-run"]);
    assert_eq!(r, json!({"action": "restore", "dry_run": true, "changed": true, "item": zd1, "restored": true}));
    assert!(e.starts_with("dry run: item "), "{e}");
    let after_retract = footprint(&db).await;
    let (r, _) = json_write(&db, &["import", file.to_str().unwrap()]);
    assert_eq!((r["changed"].clone(), r["items"].clone()), (json!(true), json!(1)));
    let (r, _) = json_write(&db, &["review", "approve", "new-1", "--checks", "all"]);
    assert_eq!((r["action"].clone(), r["changed"].clone()), (json!("review.approve"), json!(true)));
    assert_ne!(footprint(&db).await, after_retract);

    // A write with nothing to do exits 0 and says "nothing changed", whichever it is.
    let column = rows(&db, &["columns"]).into_iter().find(|c| c["path"] == "政府信息公开 / 政府信息公开制度").unwrap()
        ["id"]
        .to_string();
    db.ok(&["retract", "--column", &column, "--before", "2024-01-01", "--reason", "outdated"]);
    let out = db.run(&["restore", "zd-2"]);
    assert_eq!(stderr(&out), format!("item {} restored\n", id_of(&db, "zd-2")));
    db.ok(&["retract", "zd-2", "--reason", "outdated"]);
    db.ok(&["publish", "repost-1"]);
    db.ok(&["mark", "repost-1", "--as", "repealed"]);
    let quiet = footprint(&db).await;
    for args in [
        &["retract", "--column", &column, "--before", "2024-01-01", "--reason", "outdated"][..],
        &["retract", "zd-1", "--reason", "outdated"],
        &["mark", "repost-1", "--as", "repealed"],
        &["restore", "repost-1"],
    ] {
        let out = db.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).ends_with("nothing changed\n"), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(footprint(&db).await, quiet);
    let (r, _) = json_write(&db, &["restore", "repost-1"]);
    assert_eq!((r["changed"].clone(), r["restored"].clone()), (json!(false), json!(false)));
}

on_both_backends!(every_write_can_be_rehearsed);
