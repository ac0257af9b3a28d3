//! `inspect` and `inquiries` on both databases: a hand-built world just below every threshold of
//! the national check's single-veto indicators, then a day, a withdrawal or an answer that moves
//! each across (2 weeks to the day, 4 vs 5 stale news columns, 9 vs 10 neglected columns, 4 vs 5
//! blank columns, an inquiry unanswered 3 months).

mod common;

use common::{TestDb, stderr};
use serde_json::Value;

const COLUMNS: &str = "path\tdeadline\tdepartments\tunits\tnote
动态\t\t\t\t
动态 / 一\t10天\t政府办\t政府办\t
动态 / 二\t10天\t政府办\t政府办\t
动态 / 三\t10天\t政府办\t政府办\t
动态 / 四\t10天\t政府办\t政府办\t
动态 / 五\t10天\t政府办\t政府办\t
公告\t\t\t\t
公告 / 通知\t4个月\t政府办\t政府办\t
专题\t\t\t\t
专题 / 1\t4个月\t政府办\t政府办\t
专题 / 2\t4个月\t政府办\t政府办\t
专题 / 3\t4个月\t政府办\t政府办\t
专题 / 4\t4个月\t政府办\t政府办\t
专题 / 5\t4个月\t政府办\t政府办\t
专题 / 6\t4个月\t政府办\t政府办\t
专题 / 7\t4个月\t政府办\t政府办\t
专题 / 8\t4个月\t政府办\t政府办\t
专题 / 9\t4个月\t政府办\t政府办\t
专题 / 10\t4个月\t政府办\t政府办\t
人事\t\t\t\t
人事 / 任免\t10个月\t政府办\t政府办\t
空白\t\t\t\t
空白 / 1\t按需更新\t政府办\t政府办\t
空白 / 2\t按需更新\t政府办\t政府办\t
空白 / 3\t按需更新\t政府办\t政府办\t
空白 / 4\t按需更新\t政府办\t政府办\t
空白 / 5\t按需更新\t政府办\t政府办\t
";

const UNITS: &str = "name\tkind\tfull_name\n政府办\toffice\t象山区人民政府办公室\n";

const RULES: &str = r#"
home = { columns = ["动态"], days = 14, levels = { warn = 10, fail = 14 } }
news = { columns = ["动态"], days = 14 }
notices = { columns = ["公告"], months = 6 }
stale_columns = { warn = 3, fail = 5 }
long = { columns = ["人事"], months = 12 }
neglected_columns = { warn = 7, fail = 10 }
empty_columns = { warn = 3, fail = 5 }
inquiries = { unanswered_months = 3, lookback_months = 12, reply_working_days = 5 }
"#;

fn item(reference: &str, column: &str, published: &str) -> String {
    format!(
        concat!(
            r#"{{"ref":"{reference}","title":"象山区政府办{reference}信息","body":"……","#,
            r#""form":"text","path":"unit","unit":"政府办","columns":["{column}"],"#,
            r#""submitted_at":"{published}T09:00:00+08:00","#,
            r#""published_at":"{published}T10:00:00+08:00"}}"#
        ),
        column = column,
        published = published,
        reference = reference
    )
}

/// As of 2026-11-29 every indicator warns and none fails.
fn setup(db: &TestDb) -> String {
    let (columns, units, rules, items) =
        (db.file("columns.tsv"), db.file("units.tsv"), db.file("rules.toml"), db.file("items.jsonl"));
    std::fs::write(&columns, COLUMNS).unwrap();
    std::fs::write(&units, UNITS).unwrap();
    std::fs::write(&rules, RULES).unwrap();
    db.ok(&["init", "--columns", columns.to_str().unwrap(), "--units", units.to_str().unwrap()]);
    let mut lines = Vec::new();
    // Four news columns last updated 14 days before the 29th (out of their window), one 13 days.
    for (n, c) in ["一", "二", "三", "四"].iter().enumerate() {
        lines.push(item(&format!("dt-{n}"), &format!("动态 / {c}"), "2026-11-15"));
    }
    lines.push(item("dt-5", "动态 / 五", "2026-11-16"));
    // The notice column's last update: six months to the day before the 30th.
    lines.push(item("gg-1", "公告 / 通知", "2026-05-30"));
    // Nine four-monthly columns long overdue; the tenth due on the 30th.
    for n in 1..=9 {
        lines.push(item(&format!("zt-{n}"), &format!("专题 / {n}"), "2026-01-10"));
    }
    lines.push(item("zt-10", "专题 / 10", "2026-07-31"));
    // Personnel: past its own ten months, but within the year it is judged by.
    lines.push(item("rs-1", "人事 / 任免", "2025-12-05"));
    // Four blank columns; the fifth has one item.
    lines.push(item("kb-5", "空白 / 5", "2026-11-01"));
    std::fs::write(&items, lines.join("\n") + "\n").unwrap();
    db.ok(&["import", items.to_str().unwrap()]);
    // Asked on Sunday 30 August: past its five working days, not yet three months.
    db.ok(&[
        "inquiries",
        "add",
        "--subject",
        "咨询：二塘乡低保申请需要哪些材料？",
        "--asked",
        "2026-08-30T10:00:00+08:00",
    ]);
    db.ok(&[
        "inquiries",
        "add",
        "--subject",
        "广告推广",
        "--asked",
        "2026-08-01T10:00:00+08:00",
        "--invalid",
        "广告，非政务咨询",
    ]);
    rules.to_str().unwrap().to_string()
}

/// indicator → (count, level, status).
fn inspect(db: &TestDb, rules: &str, at: &str) -> Vec<(String, i64, String, String)> {
    let out = db.ok(&["inspect", "--at", at, "--rules", rules, "--format", "json"]);
    serde_json::from_str::<Vec<Value>>(&out)
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["indicator"].as_str().unwrap().to_string(),
                r["count"].as_i64().unwrap(),
                r["level"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn get(rows: &[(String, i64, String, String)], key: &str) -> (i64, String) {
    let r = rows.iter().find(|r| r.0 == key).unwrap();
    assert_eq!(r.3, if r.2 == "fail" { "fail" } else { "pass" }, "status is pass or fail, as the contract says");
    (r.1, r.2.clone())
}

async fn every_indicator_crosses_its_threshold(db: TestDb) {
    let rules = setup(&db);
    let below = inspect(&db, &rules, "2026-11-29");
    assert_eq!(get(&below, "site_not_updated"), (13, "warn".into()));
    assert_eq!(get(&below, "stale_columns"), (4, "warn".into()));
    assert_eq!(get(&below, "neglected_columns"), (9, "warn".into()));
    assert_eq!(get(&below, "empty_columns"), (4, "warn".into()));
    assert_eq!(get(&below, "unanswered_inquiries"), (0, "warn".into()));

    // A day later: two weeks to the day since the home page changed, the fifth news column out of
    // its window (and the notices column six months to the day), the inquiry three months old.
    let next = inspect(&db, &rules, "2026-11-30");
    assert_eq!(get(&next, "site_not_updated"), (14, "fail".into()));
    assert_eq!(get(&next, "stale_columns"), (6, "fail".into()));
    assert_eq!(get(&next, "neglected_columns"), (9, "warn".into()), "the tenth is due today, not yet overdue");
    assert_eq!(get(&next, "unanswered_inquiries"), (1, "fail".into()));
    assert_eq!(get(&inspect(&db, &rules, "2026-12-01"), "neglected_columns"), (10, "fail".into()));

    // The fifth blank column: its only item withdrawn.
    db.ok(&["retract", "kb-5", "--reason", "outdated"]);
    assert_eq!(get(&inspect(&db, &rules, "2026-11-29"), "empty_columns"), (5, "fail".into()));

    // Answered (on 1 December): pass from then on, fail on the day before.
    let open = db.ok(&["inquiries", "--open", "--format", "json"]);
    let id = serde_json::from_str::<Vec<Value>>(&open).unwrap()[0]["id"].to_string();
    db.ok(&[
        "inquiries",
        "answer",
        &id,
        "--text",
        "需提供户口簿、身份证及收入证明。",
        "--at",
        "2026-12-01T09:00:00+08:00",
    ]);
    assert_eq!(get(&inspect(&db, &rules, "2026-12-01"), "unanswered_inquiries"), (0, "pass".into()));
    assert_eq!(get(&inspect(&db, &rules, "2026-11-30"), "unanswered_inquiries"), (1, "fail".into()));
    let out = db.run(&["inquiries", "answer", &id, "--text", "again"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('inquiry.add', 'inquiry.answer')").await, 3);

    // The details name what is behind each count.
    let out = db.ok(&["inspect", "--at", "2026-11-29", "--rules", &rules, "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let empty = rows.iter().find(|r| r["indicator"] == "empty_columns").unwrap();
    assert_eq!(empty["detail"], serde_json::json!(["空白 / 1", "空白 / 2", "空白 / 3", "空白 / 4", "空白 / 5"]));
    assert_eq!(empty["threshold"], 5);
    assert_eq!(empty["warn_at"], 3);

    // The bulletin shows the same evaluation at the end of the quarter (of each quarter, for a
    // year; a period not over yet, as of today).
    let year = db.ok(&["scores", "--year", "2025", "--bulletin", "-", "--rules", &rules]);
    let section = year.split("## 六、").nth(1).unwrap();
    assert!(section.contains("| 指标 | 阈值 | 2025-03-31 | 2025-06-30 | 2025-09-30 | 2025-12-31 |"), "{section}");
    assert!(
        section.contains("| 空白栏目 | 5 | 22 不合格 | 22 不合格 | 22 不合格 | 21 不合格 |"),
        "人事 / 任免 from 5 December: {section}"
    );
    let q3 = db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", "-", "--rules", &rules]);
    assert!(
        q3.contains("| 首页栏目长期未更新 | 14 | 从未更新 不合格 |"),
        "nothing on the home page's columns by 30 September: {q3}"
    );
    assert!(q3.contains("| 应更新未更新栏目 | 10 | 9 预警 |"), "{q3}");
}

on_both_backends!(every_indicator_crosses_its_threshold);

/// The built-in rules fit the built-in table; on another table they say which column is missing,
/// and a malformed rules file is a usage error naming the file.
async fn rules_are_checked_against_the_column_table(db: TestDb) {
    db.ok(&["init"]);
    let rows: Vec<Value> =
        serde_json::from_str(&db.ok(&["inspect", "--at", "2026-11-29", "--format", "json"])).unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r["indicator"].as_str().unwrap()).collect();
    assert_eq!(keys, common::INDICATORS);
    assert_eq!(rows[3]["level"], "fail", "a new site's columns are all blank");
    let bad = db.file("bad.toml");
    std::fs::write(&bad, RULES).unwrap();
    let out = db.run(&["inspect", "--rules", bad.to_str().unwrap()]);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains("bad.toml: column path \"动态\" is not in the column table"), "{e}");
    std::fs::write(&bad, "home = 3").unwrap();
    let out = db.run(&["inspect", "--rules", bad.to_str().unwrap()]);
    assert!(stderr(&out).contains("bad.toml"), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim_end().lines().count(), 1);
}

on_both_backends!(rules_are_checked_against_the_column_table);
