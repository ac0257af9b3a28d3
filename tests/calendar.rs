//! `calendar import`, provisional deadlines and `documents --at`, on both backends: what an
//! administrator does when next year's holiday notice comes out, then what the database holds.

mod common;

use common::{TestDb, fails, rows, stderr};
use serde_json::{Value, json};

/// A 2027 notice invented for these tests (there is none published in the project's world): the
/// dates are plausible and their weekdays right, nothing more.
const NOTICE_2027: &str = include_str!("notices/2027-invented.txt");

const DOCUMENTS: &str = "政府信息公开 / 法定主动公开内容 / 基础信息公开 / 政府文件 / ②象政办";

fn column_id(db: &TestDb, path: &str) -> String {
    rows(db, &["columns"]).iter().find(|c| c["path"] == path).unwrap_or_else(|| panic!("no column {path}"))["id"]
        .to_string()
}

fn notice_file(db: &TestDb, name: &str, text: &str) -> String {
    let file = db.file(name);
    std::fs::write(&file, text).unwrap();
    file.to_str().unwrap().to_string()
}

/// What the calendar tables and the audit trail hold, to see that nothing was written.
async fn footprint(db: &TestDb) -> (i64, i64, i64) {
    let mut raw = db.any().await;
    (
        raw.count("SELECT COUNT(*) FROM calendar_days").await,
        raw.count("SELECT COUNT(*) FROM calendar_notices").await,
        raw.count("SELECT COUNT(*) FROM audit_log").await,
    )
}

/// A document issued on 28 December 2026 is due five working days later: before the 2027 notice
/// the count takes 1 January as a working day, provisionally; after it, the due date is firm and
/// a day later.
async fn importing_next_years_notice_makes_provisional_deadlines_firm(db: TestDb) {
    db.ok(&["init"]);
    let column = column_id(&db, DOCUMENTS);
    db.ok(&["documents", "add", "--number", "象政办〔2026〕30号", "--issued", "2026-12-28", "--column", &column]);
    db.ok(&["documents", "add", "--number", "象政办〔2026〕20号", "--issued", "2026-12-01", "--column", &column]);
    let documents = |at: &str| -> Vec<(Value, Value, Value)> {
        rows(&db, &["documents", "--at", at])
            .into_iter()
            .map(|r| (r["number"].clone(), r["due"].clone(), r["provisional"].clone()))
            .collect()
    };
    assert_eq!(
        documents("2026-12-31"),
        vec![
            (json!("象政办〔2026〕20号"), json!("2026-12-08"), json!(false)),
            (json!("象政办〔2026〕30号"), json!("2027-01-04"), json!(true))
        ]
    );
    // As of a day before it was issued, the document is not listed.
    assert_eq!(documents("2026-12-27").len(), 1);
    let stale = |at: &str| rows(&db, &["stale", "--at", at]).into_iter().find(|r| r["path"] == DOCUMENTS).unwrap();
    assert_eq!(stale("2026-12-31")["provisional"], json!(true));
    assert_eq!(
        stale("2026-12-20")["provisional"],
        json!(false),
        "before the document was issued nothing depends on 2027"
    );
    // An inquiry asked on 28 December is due for its answer five working days later: provisional.
    let inquiries = |at: &str| -> Vec<(String, Value)> {
        rows(&db, &["inspect", "--at", at])
            .into_iter()
            .map(|r| (r["indicator"].as_str().unwrap().to_string(), r["provisional"].clone()))
            .collect()
    };
    assert!(inquiries("2026-12-31").iter().all(|(_, p)| *p == json!(false)), "no inquiry yet");
    db.ok(&["inquiries", "add", "--subject", "咨询低保申请条件", "--asked", "2026-12-28"]);
    let inspect = inquiries("2026-12-31");
    assert!(inspect.contains(&("unanswered_inquiries".to_string(), json!(true))), "{inspect:?}");
    assert!(inspect.contains(&("empty_columns".to_string(), json!(false))), "{inspect:?}");
    // In a table, a ? and the footnote that says why.
    let table = db.ok(&["documents", "--at", "2026-12-31", "--format", "table"]);
    assert!(table.contains("2027-01-04") && table.contains(" ? ") && table.contains("holiday notice"), "{table}");

    let file = notice_file(&db, "2027.txt", NOTICE_2027);
    let out = db.run(&["calendar", "import", &file, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&result["action"], &result["dry_run"], &result["changed"]),
        (&json!("calendar.import"), &json!(false), &json!(true))
    );
    let added = result["days"].as_array().unwrap();
    assert_eq!(added.len(), 35);
    assert_eq!(added[0], json!({"date": "2027-01-01", "kind": "holiday", "note": "元旦"}));
    assert!(added.contains(&json!({"date": "2027-02-14", "kind": "workday", "note": "调休上班"})));
    assert!(
        stderr(&out).contains("imported the 2027 notice") && stderr(&out).contains("29 days off and 6 working days"),
        "{}",
        stderr(&out)
    );

    assert_eq!(
        documents("2026-12-31")[1],
        (json!("象政办〔2026〕30号"), json!("2027-01-05"), json!(false)),
        "29, 30, 31 December, then (1–3 January off) 4 and 5 January"
    );
    assert_eq!(stale("2026-12-31")["provisional"], json!(false));
    assert!(inquiries("2026-12-31").iter().all(|(_, p)| *p == json!(false)));
    assert!(!db.ok(&["documents", "--at", "2026-12-31", "--format", "table"]).contains("holiday notice"));
    // One audited transaction, and the year is held.
    let mut raw = db.any().await;
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.import' AND target = 'calendar:2027'").await,
        1
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM calendar_notices WHERE year = 2027").await, 1);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM calendar_days WHERE day >= '2027-01-01' AND day <= '2027-12-31'").await,
        35
    );
    // Again: nothing changed, nothing written.
    let before = footprint(&db).await;
    let out = db.run(&["calendar", "import", &file]);
    let said = stderr(&out);
    assert!(out.status.success() && said.contains("already holds the 2027 notice"), "{said}");
    assert!(said.trim_end().ends_with("; nothing changed"), "as every write that changes nothing: {said}");
    assert_eq!(footprint(&db).await, before);
}

async fn a_dry_run_says_what_it_would_do_and_writes_nothing(db: TestDb) {
    db.ok(&["init"]);
    let before = footprint(&db).await;
    // From standard input, as when pasting.
    let mut child = db
        .command(&["calendar", "import", "-", "--dry-run", "--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(NOTICE_2027.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(listed.starts_with("date,kind,note\n2027-01-01,holiday,元旦\n"), "{listed}");
    assert_eq!(listed.lines().count(), 36);
    assert!(stderr(&out).contains("would import") && stderr(&out).contains("nothing changed"), "{}", stderr(&out));
    assert_eq!(footprint(&db).await, before);
    // Still not held.
    let out = db.run(&["calendar", "show", "--year", "2027"]);
    assert_eq!(out.status.code(), Some(1));
}

async fn a_notice_it_cannot_read_whole_is_refused_naming_the_line(db: TestDb) {
    db.ok(&["init"]);
    let before = footprint(&db).await;
    let lines: Vec<&str> = NOTICE_2027.lines().collect();
    let with = |n: usize, instead: &str| {
        let mut l = lines.clone();
        l[n - 1] = instead;
        l.join("\n")
    };
    // Line 6 is the Spring Festival's.
    assert!(lines[5].starts_with("二、春节"));
    for (text, says) in [
        (with(6, "二、春节：2月5日至13日放几天假，具体另行通知。"), "6: cannot read"),
        (with(6, "二、春节：2月30日放假。"), "6: 2027年2月30日 does not exist"),
        (with(6, "二、春节：2028年2月5日至13日放假调休，共9天。"), "6: the year 2028 contradicts the title's 2027"),
        (with(6, "二、春节：2月5日（周四）至13日放假调休，共9天。"), "6: 2027-02-05 is a 星期五"),
        (
            with(4, "经国务院批准，现将2028年元旦、春节放假调休日期的具体安排通知如下。"),
            "4: the year 2028 contradicts the title's 2027",
        ),
    ] {
        let file = notice_file(&db, "bad.txt", &text);
        fails(&db, &["calendar", "import", &file], 2, &format!("bad.txt:{says}"));
        assert!(stderr(&db.run(&["calendar", "import", &file])).trim_end().ends_with("nothing was imported"));
    }
    assert_eq!(footprint(&db).await, before, "nothing written");
}

/// A failure half-way (here the database refuses the last day) leaves nothing behind: the days
/// before it, the year and the audit record go together or not at all.
async fn an_import_is_one_transaction(db: TestDb) {
    db.ok(&["init"]);
    let before = footprint(&db).await;
    let mut raw = db.any().await;
    let refuse = match db.backend {
        common::Backend::Sqlite => vec![
            "CREATE TRIGGER refuse_one BEFORE INSERT ON calendar_days WHEN NEW.day = '2027-10-09' BEGIN \
                SELECT RAISE(ABORT, 'refused for the test'); END",
        ],
        common::Backend::Postgres => vec![
            "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
               IF NEW.day = DATE '2027-10-09' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$",
            "CREATE TRIGGER refuse_one BEFORE INSERT ON calendar_days FOR EACH ROW EXECUTE FUNCTION refuse_one()",
        ],
    };
    for sql in refuse {
        raw.exec(sql).await.unwrap();
    }
    let file = notice_file(&db, "2027.txt", NOTICE_2027);
    let out = db.run(&["calendar", "import", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("refused for the test"), "{}", stderr(&out));
    assert_eq!(footprint(&db).await, before);
}

/// Each built-in year's notice, imported over the built-in calendar, changes nothing: the shipped
/// data and the notices agree on both databases.
async fn the_built_in_years_notices_change_nothing(db: TestDb) {
    db.ok(&["init"]);
    let before = footprint(&db).await;
    for (year, text) in [
        (2021, include_str!("notices/2021.txt")),
        (2022, include_str!("notices/2022.txt")),
        (2023, include_str!("notices/2023.txt")),
        (2024, include_str!("notices/2024.txt")),
        (2025, include_str!("notices/2025.txt")),
        (2026, include_str!("notices/2026.txt")),
    ] {
        let file = notice_file(&db, &format!("{year}.txt"), text);
        let out = db.run(&["calendar", "import", &file, "--format", "csv"]);
        assert!(out.status.success(), "{year}: {}", stderr(&out));
        assert_eq!(String::from_utf8(out.stdout.clone()).unwrap(), "date,kind,note\n", "{year}");
        let said = stderr(&out);
        let held = format!("already holds the {year} notice");
        assert!(said.contains(&held) && said.trim_end().ends_with("; nothing changed"), "{year}: {said}");
    }
    assert_eq!(footprint(&db).await, before);
}

/// `calendar show --year 2027` does not print an empty list silently: it says the year has no
/// notice and exits 1; once imported, it lists the year and exits 0. Only an administrator imports.
async fn a_year_without_its_notice_is_said_so(db: TestDb) {
    db.ok(&["init"]);
    let out = db.run(&["calendar", "show", "--year", "2027", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout.clone()).unwrap().trim(), "[]");
    let e = stderr(&out);
    assert!(
        e.contains("no holiday notice for 2027") && e.contains("calendar import") && e.contains("held: 2021–2026"),
        "{e}"
    );
    assert_eq!(e.trim_end().lines().count(), 1);
    db.ok(&["calendar", "show", "--year", "2022"]);
    let file = notice_file(&db, "2027.txt", NOTICE_2027);
    let mut raw = db.any().await;
    raw.exec("UPDATE operators SET role = 'reviewer'").await.unwrap();
    fails(&db, &["calendar", "import", &file], 1, "may not change the calendar");
    raw.exec("UPDATE operators SET role = 'admin'").await.unwrap();
    db.ok(&["calendar", "import", &file]);
    assert_eq!(rows(&db, &["calendar", "show", "--year", "2027"]).len(), 35);
}

on_both_backends!(
    importing_next_years_notice_makes_provisional_deadlines_firm,
    a_dry_run_says_what_it_would_do_and_writes_nothing,
    a_notice_it_cannot_read_whole_is_refused_naming_the_line,
    an_import_is_one_transaction,
    the_built_in_years_notices_change_nothing,
    a_year_without_its_notice_is_said_so,
);
