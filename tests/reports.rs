//! `stale`, `documents` and `scores` on hand-built worlds, on both backends: exact rows.

mod common;

use common::{TestDb, rows as json_rows, stderr};
use serde_json::{Value, json};

/// Items as JSON Lines: (unit, path, form, columns, published_at, extra fields).
fn line(unit: &str, path: &str, form: &str, columns: &[&str], published: &str, extra: &str) -> String {
    format!(
        concat!(
            r#"{{"title":"测试信息","body":"正文","form":"{form}","path":"{path}","unit":"{unit}","#,
            r#""columns":{},"submitted_at":"2024-01-01T09:00:00+08:00","#,
            r#""published_at":"{published}"{extra}}}"#
        ),
        serde_json::to_string(columns).unwrap(),
        extra = extra,
        form = form,
        path = path,
        published = published,
        unit = unit
    )
}

fn world(db: &TestDb, lines: &[String]) {
    db.ok(&["init"]);
    let file = db.file("world.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
}

fn row<'a>(rows: &'a [Value], path: &str) -> &'a Value {
    rows.iter().find(|r| r["path"] == path).unwrap_or_else(|| panic!("no row {path}"))
}

async fn staleness_as_of_a_date(db: TestDb) {
    world(
        &db,
        &[
            line("统计局", "unit", "text", &["走进象山 / 象山经济"], "2024-01-15T10:00:00+08:00", ""),
            line("统计局", "unit", "text", &["政务动态 / 象山动态"], "2024-09-25T10:00:00+08:00", ""),
            // Half past midnight Beijing time is still 30 June in Beijing (29 June in UTC).
            line("政府办", "government", "text", &["政务动态 / 通知公告"], "2024-06-30T00:30:00+08:00", ""),
            // A later notice, withdrawn: it does not count as an update.
            line(
                "政府办",
                "government",
                "text",
                &["政务动态 / 通知公告"],
                "2024-09-01T10:00:00+08:00",
                r#","withdrawn_at":"2024-09-02T10:00:00+08:00","withdraw_reason":"outdated""#,
            ),
            // Published after the date of the report: not yet an update as of then.
            line("统计局", "unit", "text", &["政务动态 / 象山动态"], "2024-11-05T10:00:00+08:00", ""),
        ],
    );
    let rows = json_rows(&db, &["stale", "--at", "2024-10-31"]);
    let economy = row(&rows, "走进象山 / 象山经济");
    assert_eq!(
        (economy["status"].clone(), economy["due"].clone(), economy["days_overdue"].clone()),
        (json!("ok"), json!("2024-11-15"), json!(0))
    );
    assert_eq!(economy["rule"], "every 10 months");
    assert_eq!(economy["last_update"], "2024-01-15T10:00:00+08:00");
    let news = row(&rows, "政务动态 / 象山动态");
    assert_eq!(
        (news["status"].clone(), news["due"].clone(), news["days_overdue"].clone()),
        (json!("overdue"), json!("2024-10-05"), json!(26))
    );
    let notices = row(&rows, "政务动态 / 通知公告");
    assert_eq!(
        (notices["status"].clone(), notices["due"].clone(), notices["days_overdue"].clone()),
        (json!("overdue"), json!("2024-10-30"), json!(1))
    );
    assert_eq!(row(&rows, "政务动态 / 乡（街道）动态")["status"], "empty");
    assert_eq!(row(&rows, "新闻要问 / 国务院信息")["status"], "exempt");
    // Worst first: the most overdue leads, exempt columns come last.
    assert_eq!(rows[0]["path"], "政务动态 / 象山动态");
    assert_eq!(rows[1]["path"], "政务动态 / 通知公告");
    assert_eq!(rows.last().unwrap()["status"], "exempt");
    // One week earlier the notices column is due soon, and the news column already overdue.
    let rows = json_rows(&db, &["stale", "--at", "2024-10-24"]);
    assert_eq!(row(&rows, "政务动态 / 通知公告")["status"], "due_soon");
    // --overdue keeps overdue and empty columns; --unit keeps one unit's.
    let rows = json_rows(&db, &["stale", "--at", "2024-10-31", "--overdue"]);
    assert!(rows.iter().all(|r| r["status"] == "overdue" || r["status"] == "empty"));
    assert!(rows.iter().any(|r| r["path"] == "政务动态 / 通知公告"));
    let rows = json_rows(&db, &["stale", "--at", "2024-10-31", "--unit", "统计局"]);
    assert!(rows.iter().any(|r| r["path"] == "走进象山 / 象山经济"));
    assert!(rows.iter().all(|r| r["path"] != "政务动态 / 通知公告"));
    let out = db.run(&["stale", "--unit", "外星局"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no unit \"外星局\""));
}

async fn scores_follow_article_16(db: TestDb) {
    world(
        &db,
        &[
            // 统计局, 2024Q3: a text item; one item in two columns as text and video (counts once,
            // as video); one withdrawn as outdated (keeps its point); one withdrawn as an error
            // (loses it); one at 23:30 on 30 September Beijing time (Q3).
            line("统计局", "unit", "text", &["走进象山 / 象山经济"], "2024-07-02T10:00:00+08:00", ""),
            line(
                "统计局",
                "unit",
                "text",
                &["政务动态 / 象山动态", "政务动态 / 部门动态"],
                "2024-07-03T10:00:00+08:00",
                r#","forms":{"政务动态 / 部门动态":"video"}"#,
            ),
            line(
                "统计局",
                "unit",
                "text",
                &["政务动态 / 部门动态"],
                "2024-08-01T10:00:00+08:00",
                r#","withdrawn_at":"2024-12-01T10:00:00+08:00","withdraw_reason":"outdated""#,
            ),
            line(
                "统计局",
                "unit",
                "video",
                &["政务动态 / 部门动态"],
                "2024-08-02T10:00:00+08:00",
                r#","withdrawn_at":"2024-08-03T10:00:00+08:00","withdraw_reason":"error""#,
            ),
            line("统计局", "unit", "image_text", &["政务动态 / 部门动态"], "2024-09-30T23:30:00+08:00", ""),
            // 民政局: half past midnight on 1 October is Q4.
            line("民政局", "unit", "image_text", &["政务动态 / 部门动态"], "2024-10-01T00:30:00+08:00", ""),
            line("民政局", "unit", "text", &["政务动态 / 部门动态"], "2024-07-09T00:30:00+08:00", ""),
            // A repost scores for no unit.
            line("", "repost", "video", &["新闻要问 / 国务院信息"], "2024-07-09T10:00:00+08:00", ""),
        ],
    );
    let mut raw = db.any().await;
    let unit = raw.count("SELECT id FROM units WHERE name = '统计局'").await;
    raw.exec(&format!(
        "INSERT INTO incidents (site_id, unit_id, kind, points, occurred_on, note, recorded_at, recorded_by) \
            VALUES (1, {unit}, 'typo', -5, '2024-09-30', '错别字', '2024-10-01T00:00:00+00:00', 'test')"
    ))
    .await
    .unwrap();

    let rows = json_rows(&db, &["scores", "--quarter", "2024Q3"]);
    let stats = rows.iter().find(|r| r["unit"] == "统计局").unwrap();
    assert_eq!(
        stats,
        &json!({
            "rank": 1, "unit": "统计局", "text": 2, "image_text": 1, "video": 1, "points": 7, "deductions": -5,
            "net": 2, "supplied_nothing": false, "incidents": 1, "change": 2
        })
    );
    let civil = rows.iter().find(|r| r["unit"] == "民政局").unwrap();
    assert_eq!(civil["net"], 1);
    assert_eq!(civil["rank"], 2);
    // Every assessed unit appears; those with nothing share the last rank and are flagged.
    let units = raw.count("SELECT COUNT(*) FROM units WHERE kind <> 'external'").await;
    assert_eq!(rows.len() as i64, units);
    let idle: Vec<&Value> = rows.iter().filter(|r| r["supplied_nothing"] == true).collect();
    assert_eq!(idle.len() as i64, units - 2);
    assert!(idle.iter().all(|r| r["rank"] == 3 && r["net"] == 0));

    let q4 = json_rows(&db, &["scores", "--quarter", "2024Q4"]);
    assert_eq!(q4.iter().find(|r| r["unit"] == "民政局").unwrap()["image_text"], 1);
    // The year is the sum of its quarters.
    let year = json_rows(&db, &["scores", "--year", "2024"]);
    for unit in ["统计局", "民政局"] {
        let sum: i64 = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
            .iter()
            .map(|q| {
                json_rows(&db, &["scores", "--quarter", q]).iter().find(|r| r["unit"] == unit).unwrap()["net"]
                    .as_i64()
                    .unwrap()
            })
            .sum();
        assert_eq!(year.iter().find(|r| r["unit"] == unit).unwrap()["net"].as_i64().unwrap(), sum, "{unit}");
    }
    for bad in [
        &["scores"][..],
        &["scores", "--quarter", "2024Q5"],
        &["scores", "--quarter", "2024"],
        &["scores", "--year", "2024Q1"],
    ] {
        assert_eq!(db.run(bad).status.code(), Some(2), "{bad:?}");
    }
}

const DOCUMENTS: &str = "政府信息公开 / 法定主动公开内容 / 基础信息公开 / 政府文件 / ②象政办";

fn column_id(db: &TestDb, path: &str) -> String {
    json_rows(db, &["columns"]).iter().find(|c| c["path"] == path).unwrap_or_else(|| panic!("no column {path}"))["id"]
        .to_string()
}

async fn documents_are_due_in_five_working_days(db: TestDb) {
    world(
        &db,
        &[
            // Online on 10 October 2024: in time for a document issued Friday 27 September (Sunday
            // 29 September is worked, 1-7 October are off).
            line("政府办", "government", "text", &[DOCUMENTS], "2024-10-10T17:00:00+08:00", r#","ref":"on-time""#),
            line("政府办", "government", "text", &[DOCUMENTS], "2024-10-11T09:00:00+08:00", r#","ref":"late""#),
        ],
    );
    let column = column_id(&db, DOCUMENTS);
    let items = db.ok(&["export"]);
    let id_of = |r: &str| {
        items.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|v| v["ref"] == r).unwrap()["id"]
            .to_string()
    };
    let (on_time, late) = (id_of("on-time"), id_of("late"));
    for (number, issued, item) in [
        ("象政办〔2024〕15号", "2024-09-27", Some(on_time.as_str())),
        ("象政办〔2024〕16号", "2024-09-27", Some(late.as_str())),
        ("象政办〔2024〕17号", "2024-09-27", None),
    ] {
        let mut args = vec![
            "documents",
            "add",
            "--number",
            number,
            "--issued",
            issued,
            "--column",
            column.as_str(),
            "--title",
            "关于印发某方案的通知",
        ];
        if let Some(item) = item {
            args.extend(["--item", item]);
        }
        db.ok(&args);
    }
    let rows = json_rows(&db, &["documents"]);
    let status: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r["number"].as_str().unwrap(), r["due"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        vec![
            ("象政办〔2024〕15号", "2024-10-10", "on_time"),
            ("象政办〔2024〕16号", "2024-10-10", "late"),
            ("象政办〔2024〕17号", "2024-10-10", "overdue")
        ]
    );
    assert_eq!(json_rows(&db, &["documents", "--pending"]).len(), 1);
    // The column with an overdue document is overdue, from the day after the due date.
    let on = |at: &str| json_rows(&db, &["stale", "--at", at]).into_iter().find(|r| r["path"] == DOCUMENTS).unwrap();
    let row = on("2024-10-15");
    assert_eq!(
        (row["status"].clone(), row["due"].clone(), row["days_overdue"].clone()),
        (json!("overdue"), json!("2024-10-10"), json!(5))
    );
    assert_eq!(on("2024-10-10")["status"], "ok");
    // Refusals: a column without an event deadline, a number twice.
    let notices = column_id(&db, "政务动态 / 通知公告");
    let out = db.run(&[
        "documents",
        "add",
        "--number",
        "象政办〔2024〕18号",
        "--issued",
        "2024-09-27",
        "--column",
        notices.as_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("has no event deadline"), "{}", stderr(&out));
    let out = db.run(&[
        "documents",
        "add",
        "--number",
        "象政办〔2024〕15号",
        "--issued",
        "2024-09-27",
        "--column",
        column.as_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already registered"), "{}", stderr(&out));
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'documents.add'").await, 3);
}

on_both_backends!(staleness_as_of_a_date, scores_follow_article_16, documents_are_due_in_five_working_days);
