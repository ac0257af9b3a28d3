//! The assessment (Art. 16–17) through the real binary on both databases: incidents recorded and
//! corrected, every point explained, and the quarter's bulletin of a hand-built quarter compared
//! line for line with `tests/expected/bulletin-2026Q3.md`.

mod common;

use common::{TestDb, fails, rows};
use serde_json::Value;

/// A small site: four columns, three units.
const COLUMNS: &str = "path\tdeadline\tdepartments\tunits\tnote
政务动态\t\t\t\t
政务动态 / 部门动态\t10天\t各职能部门\t民政局、二塘乡\t
政务动态 / 通知公告\t4个月\t政府办\t政府办\t
政府信息公开\t\t\t\t
政府信息公开 / 政府文件\t文件印发后5个工作日内\t政府办\t政府办\t
政府信息公开 / 社会救助\t4个月\t民政局\t民政局\t
";

const UNITS: &str = "name\tkind\tfull_name
政府办\toffice\t象山区人民政府办公室
二塘乡\ttownship\t象山区二塘乡人民政府
民政局\tdepartment\t象山区民政局
";

/// The second and third quarters of 2026, by hand:
/// - 1 民政局, 社会救助, 2025-12-01: last update of a four-monthly column, overdue since April;
/// - 2 民政局, 部门动态, image+text, 2026-05-20 (2 points in Q2);
/// - 3 二塘乡, 部门动态, text, 2026-06-10 (1 point in Q2; nothing in Q3);
/// - 4 政府办, 通知公告 as text and 部门动态 as image+text, 2026-07-15: counted once, at 2 points;
/// - 5 民政局, 部门动态, video, 2026-08-05 (3 points);
/// - 6 民政局, 部门动态, text, 2026-07-20, withdrawn 2026-07-22 as an error (no points);
/// - 7 政府办, 通知公告, text, 2026-04-10 (1 point in Q2).
const ITEMS: &str = concat!(
    r#"{"ref":"mz-1","title":"象山区2025年第四季度城乡低保资金发放情况公示","body":"……","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政府信息公开 / 社会救助"],"#,
    r#""submitted_at":"2025-12-01T09:00:00+08:00","#,
    r#""published_at":"2025-12-01T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"mz-2","title":"区民政局开展养老机构安全隐患排查","body":"……","#,
    r#""form":"image_text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-05-20T09:00:00+08:00","#,
    r#""published_at":"2026-05-20T16:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"et-1","title":"二塘乡召开2026年防汛工作部署会","body":"……","form":"text","#,
    r#""path":"unit","unit":"二塘乡","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-06-10T09:00:00+08:00","#,
    r#""published_at":"2026-06-10T17:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"zf-1","title":"象山区人民政府关于做好2026年秋季学期开学工作的通知","#,
    r#""body":"……","form":"text","forms":{"政务动态 / 部门动态":"image_text"},"#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 通知公告","#,
    r#""政务动态 / 部门动态"],"submitted_at":"2026-07-15T09:00:00+08:00","#,
    r#""published_at":"2026-07-15T11:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"mz-3","title":"【视频】“敬老月”走访慰问高龄老人","body":"……","form":"video","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-08-05T09:00:00+08:00","#,
    r#""published_at":"2026-08-05T10:30:00+08:00"}"#,
    "\n",
    r#"{"ref":"mz-4","title":"区民政局关于临时救助标准的说明","body":"……","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-07-20T09:00:00+08:00","#,
    r#""published_at":"2026-07-20T14:00:00+08:00","#,
    r#""withdrawn_at":"2026-07-22T09:00:00+08:00","withdraw_reason":"error"}"#,
    "\n",
    r#"{"ref":"zf-2","title":"象山区人民政府关于2026年清明节期间森林防火的通告","#,
    r#""body":"……","form":"text","path":"government","unit":"政府办","#,
    r#""columns":["政务动态 / 通知公告"],"submitted_at":"2026-04-10T09:00:00+08:00","#,
    r#""published_at":"2026-04-10T10:00:00+08:00"}"#,
    "\n"
);

fn setup(db: &TestDb) {
    let (columns, units, items) = (db.file("columns.tsv"), db.file("units.tsv"), db.file("items.jsonl"));
    std::fs::write(&columns, COLUMNS).unwrap();
    std::fs::write(&units, UNITS).unwrap();
    std::fs::write(&items, ITEMS).unwrap();
    db.ok(&["init", "--columns", columns.to_str().unwrap(), "--units", units.to_str().unwrap()]);
    db.ok(&["import", items.to_str().unwrap()]);
    let documents =
        rows(db, &["columns"]).into_iter().find(|c| c["path"] == "政府信息公开 / 政府文件").unwrap()["id"].to_string();
    // Issued on Wednesday 1 July, due five working days later, never put online.
    db.ok(&[
        "documents",
        "add",
        "--number",
        "象政办〔2026〕8号",
        "--issued",
        "2026-07-01",
        "--column",
        &documents,
        "--title",
        "关于印发象山区2026年政务公开工作要点的通知",
    ]);
    db.ok(&[
        "incident",
        "add",
        "--unit",
        "民政局",
        "--kind",
        "typo",
        "--item",
        "mz-3",
        "--date",
        "2026-08-10",
        "--note",
        "标题“敬老月”误作“敬老日”，已更正",
    ]);
    db.ok(&[
        "incident",
        "add",
        "--unit",
        "政府办",
        "--kind",
        "improper",
        "--date",
        "2026-09-01",
        "--note",
        "误报：经核实不属责任事故",
    ]);
}

/// Incidents recorded, listed, corrected by a reversing record (never edited), with their audit
/// records; and what may not be recorded.
async fn incidents_are_recorded_and_corrected_never_edited(db: TestDb) {
    setup(&db);
    let q3 =
        |unit: &str| rows(&db, &["scores", "--quarter", "2026Q3"]).into_iter().find(|r| r["unit"] == unit).unwrap();
    assert_eq!((q3("政府办")["deductions"].as_i64(), q3("政府办")["incidents"].as_i64()), (Some(-10), Some(1)));
    let said = db.ok(&["incident", "reverse", "2", "--note", "经核实不属责任事故，撤销扣分"]);
    assert_eq!(said.trim(), "incident 3: reverses incident 2");
    assert_eq!((q3("政府办")["deductions"].as_i64(), q3("政府办")["incidents"].as_i64()), (Some(0), Some(0)));
    assert_eq!((q3("民政局")["deductions"].as_i64(), q3("民政局")["incidents"].as_i64()), (Some(-5), Some(1)));
    let listed = rows(&db, &["incidents", "--quarter", "2026Q3"]);
    let summary: Vec<(i64, i64, Value, Value)> = listed
        .iter()
        .map(|i| {
            (i["id"].as_i64().unwrap(), i["points"].as_i64().unwrap(), i["reverses"].clone(), i["reversed_by"].clone())
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, -5, Value::Null, Value::Null),
            (2, -10, Value::Null, Value::from(3)),
            (3, 10, Value::from(2), Value::Null)
        ]
    );
    assert_eq!(listed[0]["item"], 5);
    assert_eq!(rows(&db, &["incidents", "--unit", "民政局"]).len(), 1);
    assert!(rows(&db, &["incidents", "--quarter", "2026Q2"]).is_empty());
    assert_eq!(rows(&db, &["incidents"]).len(), 3);

    fails(&db, &["incident", "reverse", "2", "--note", "again"], 1, "already reversed by incident 3");
    fails(&db, &["incident", "reverse", "3", "--note", "undo"], 1, "is itself the correction of incident 2");
    fails(&db, &["incident", "reverse", "9", "--note", "x"], 1, "no incident 9");
    fails(&db, &["incident", "add", "--unit", "民政局", "--kind", "typo", "--note", " "], 2, "needs a note");
    fails(&db, &["incident", "add", "--unit", "民政局", "--kind", "late", "--note", "x"], 2, "late");
    fails(&db, &["incident", "add", "--unit", "外星局", "--kind", "typo", "--note", "x"], 2, "no unit");
    fails(&db, &["incident", "add", "--unit", "民政局", "--kind", "typo", "--item", "zz-9", "--note", "x"], 1, "zz-9");
    let mut raw = db.any().await;
    assert!(
        raw.exec("UPDATE incidents SET points = -5 WHERE id = 2").await.is_err(),
        "a reversal's points are checked by the schema"
    );
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('incident.add', 'incident.reverse')").await,
        3
    );
    raw.exec("UPDATE operators SET role = 'reviewer'").await.unwrap();
    fails(
        &db,
        &["incident", "add", "--unit", "民政局", "--kind", "typo", "--note", "x"],
        1,
        "may not record or correct incidents",
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM incidents").await, 3);
}

on_both_backends!(incidents_are_recorded_and_corrected_never_edited);

/// `scores --unit`: the items that earned a unit its points, each once at its highest form, add up
/// to its score; an item withdrawn as an error earns nothing.
async fn every_point_is_explained(db: TestDb) {
    setup(&db);
    let scores = rows(&db, &["scores", "--quarter", "2026Q3"]);
    let ranked: Vec<(i64, &str, i64, i64)> = scores
        .iter()
        .map(|r| {
            (
                r["rank"].as_i64().unwrap(),
                r["unit"].as_str().unwrap(),
                r["net"].as_i64().unwrap(),
                r["change"].as_i64().unwrap(),
            )
        })
        .collect();
    // 政府办: 2 (its item at image+text) − 10, before 1; 民政局: 3 − 5, before 2; 二塘乡: 0, before 1.
    assert_eq!(ranked, [(1, "二塘乡", 0, -1), (2, "民政局", -2, -4), (3, "政府办", -8, -9)]);
    for unit in ["政府办", "民政局", "二塘乡"] {
        let items = rows(&db, &["scores", "--quarter", "2026Q3", "--unit", unit]);
        let points: i64 = items.iter().map(|i| i["points"].as_i64().unwrap()).sum();
        let row = scores.iter().find(|r| r["unit"] == unit).unwrap();
        assert_eq!(points, row["points"].as_i64().unwrap(), "{unit}: {items:?}");
    }
    let office = rows(&db, &["scores", "--quarter", "2026Q3", "--unit", "政府办"]);
    assert_eq!(office.len(), 1, "one item, though in two columns");
    assert_eq!(office[0]["form"], "image_text");
    let columns: Vec<(&str, &str)> = office[0]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["path"].as_str().unwrap(), c["form"].as_str().unwrap()))
        .collect();
    assert_eq!(columns, [("政务动态 / 部门动态", "image_text"), ("政务动态 / 通知公告", "text")]);
    assert!(office[0]["columns"][0]["id"].is_i64(), "each column with its id");
    let year = rows(&db, &["scores", "--year", "2026", "--unit", "民政局"]);
    assert_eq!(
        year.iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>(),
        [5, 2],
        "newest first; the withdrawn error is not there"
    );
    // Issue 23: a unit named as the console takes it, and a wrong one refused the same way everywhere.
    assert_eq!(rows(&db, &["scores", "--quarter", "2026Q3", "--unit", "zfb"]), office, "pinyin initials");
    assert_eq!(rows(&db, &["incidents", "--unit", "zfb"]), rows(&db, &["incidents", "--unit", "政府办"]));
    assert_eq!(rows(&db, &["scores", "--quarter", "2026Q3", "--unit", "mzj"]), year_q3(&db, "民政局"));
    // The built-in units have two whose initials are mzj (民政局, 民宗局): which one is asked.
    let builtin = TestDb::sqlite();
    builtin.ok(&["init"]);
    for command in [&["scores", "--quarter", "2026Q3"][..], &["stale"], &["incidents"]] {
        let args = |unit: &'static str| [command, &["--unit", unit]].concat();
        fails(&db, &args("外星局"), 2, "no unit \"外星局\" in site xiangshan (units: ");
        fails(&builtin, &args("mzj"), 2, "\"mzj\" could be 民政局, 民宗局");
    }
}

fn year_q3(db: &TestDb, unit: &str) -> Vec<Value> {
    rows(db, &["scores", "--quarter", "2026Q3", "--unit", unit])
}

on_both_backends!(every_point_is_explained);

/// The bulletin of the hand-built quarter, line for line.
async fn the_quarters_bulletin_is_as_expected(db: TestDb) {
    setup(&db);
    db.ok(&["incident", "reverse", "2", "--note", "经核实不属责任事故，撤销扣分"]);
    let file = db.file("bulletin.md");
    let said = db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", file.to_str().unwrap()]);
    assert!(said.contains("wrote the 2026Q3 bulletin to"), "{said}");
    let whole = std::fs::read_to_string(&file).unwrap();
    // The last section publishes the audit trail's head, which differs with every run (the
    // records' times): it is the head `audit verify` gives, and the trail verifies against it.
    let (got, head) = whole.split_once("\n## 八、审计记录链头\n").expect(&whole);
    let verified = db.ok(&["audit", "verify"]);
    let hash = verified.trim_end().rsplit(", ").next().unwrap();
    assert!(head.contains(&format!("`{hash}`")), "{head} / {verified}");
    db.ok(&["audit", "verify", "--against", hash]);
    let expected = include_str!("expected/bulletin-2026Q3.md");
    for (n, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
        assert_eq!(g, e, "line {}", n + 1);
    }
    assert_eq!(got.lines().count(), expected.lines().count(), "{got}");
    // Signed at its end by the issuing office, with the day it was made (Beijing's).
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let signed = format!("\n\n{}\n", today.format("%Y年%-m月%-d日"));
    assert!(whole.ends_with(&signed), "{whole}");
    // Not written over without --force: one line, exit 1, the file as it was.
    let again = ["scores", "--quarter", "2026Q3", "--bulletin", file.to_str().unwrap()];
    fails(&db, &again, 1, "bulletin.md exists: nothing written (--force overwrites it)");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), whole);
    std::fs::write(&file, "an earlier bulletin").unwrap();
    db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", file.to_str().unwrap(), "--force"]);
    assert!(std::fs::read_to_string(&file).unwrap().ends_with(&signed));
    let got = whole;
    assert_eq!(db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", "-"]), got);
    let year = db.ok(&["scores", "--year", "2026", "--bulletin", "-"]);
    // The same days of the year before while 2026 runs, the whole of it after.
    assert!(year.contains("（2026年度）") && year.contains("| 较上年"), "{year}");
    fails(
        &db,
        &["scores", "--quarter", "2026Q3", "--bulletin", "/nonexistent/dir/b.md"],
        1,
        "cannot write the bulletin",
    );
}

on_both_backends!(the_quarters_bulletin_is_as_expected);

/// A quarter not over (today's) is compared with as many days of the quarter before, not with the
/// whole of it (issue 22): an item later in the quarter before than today is in this one does not
/// count; the bulletin says the day it is as of (截至) and that the change is of the same days.
async fn a_running_quarter_is_compared_with_as_many_days_of_the_one_before(db: TestDb) {
    use chrono::{Datelike, Duration, NaiveDate, Utc};
    let (columns, units, items) = (db.file("columns.tsv"), db.file("units.tsv"), db.file("items.jsonl"));
    std::fs::write(&columns, COLUMNS).unwrap();
    std::fs::write(&units, UNITS).unwrap();
    db.ok(&["init", "--columns", columns.to_str().unwrap(), "--units", units.to_str().unwrap()]);
    // Beijing's today, as the program reads it.
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let quarter = today.month0() / 3;
    let first = NaiveDate::from_ymd_opt(today.year(), quarter * 3 + 1, 1).unwrap();
    let before = match quarter {
        0 => NaiveDate::from_ymd_opt(today.year() - 1, 10, 1),
        q => NaiveDate::from_ymd_opt(today.year(), (q - 1) * 3 + 1, 1),
    }
    .unwrap();
    // The first day of the quarter before past as many days as this one has had.
    let late = before + Duration::days((today - first).num_days() + 1);
    let item = |reference: &str, form: &str, day: NaiveDate| {
        format!(
            concat!(
                r#"{{"ref":"{reference}","title":"民政局工作动态{reference}","#,
                r#""body":"……","form":"{form}","path":"unit","#,
                r#""unit":"民政局","columns":["政务动态 / 部门动态"],"#,
                r#""submitted_at":"{day}T09:00:00+08:00","published_at":"{day}T10:00:00+08:00"}}"#
            ),
            reference = reference,
            form = form,
            day = day
        )
    };
    let mut lines = vec![item("early", "text", before), item("now", "image_text", first)];
    if late < first {
        lines.push(item("late", "video", late));
    }
    std::fs::write(&items, lines.join("\n") + "\n").unwrap();
    db.ok(&["import", items.to_str().unwrap()]);
    let period = format!("{}Q{}", today.year(), quarter + 1);
    let scores = rows(&db, &["scores", "--quarter", &period]);
    let mz = scores.iter().find(|r| r["unit"] == "民政局").unwrap();
    assert_eq!(mz["net"], 2, "{mz}");
    assert_eq!(mz["change"], 1, "against the early item only: {mz}");
    let bulletin = db.ok(&["scores", "--quarter", &period, "--bulletin", "-"]);
    let as_of = format!("截至 {}月{}日", today.month(), today.day());
    assert!(bulletin.contains(&as_of), "{bulletin}");
    assert!(bulletin.contains("| 较上季度同期 |"), "{bulletin}");
    // The quarter before is over: the whole of the one before it, no day named.
    let previous = format!("{}Q{}", before.year(), before.month0() / 3 + 1);
    let over = db.ok(&["scores", "--quarter", &previous, "--bulletin", "-"]);
    assert!(!over.contains("截至") && over.contains("| 较上季度 |"), "{over}");
}

on_both_backends!(a_running_quarter_is_compared_with_as_many_days_of_the_one_before);
