//! Issue 18 end to end: the real console in a real terminal (tmux, 80×24) on a calendar without
//! next year's holiday notice, in December. The status line says the notice is missing, a
//! deadline that counts days of 2027 is marked `?` with its note, `:calendar import FILE` asks
//! first and imports in one audited transaction, and then the warning and the marks are gone.

mod common;

use common::TestDb;
use common::tmux::Tmux;

/// A 2027 notice invented for this test (none is published in the project's world): the official
/// form, plausible dates with the right weekdays, nothing more.
const NOTICE_2027: &str = "国务院办公厅关于2027年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、劳动节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至13日（周六）放假调休，共9天。2月14日（周日）、2月20日（周六）上班。
三、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。

国务院办公厅
2026年11月20日
";

const DOCUMENTS: &str = "政府信息公开 / 法定主动公开内容 / 基础信息公开 / 政府文件 / ②象政办";
const WARNING: &str = "no 2027 holiday notice: due dates from 12/25 provisional";
/// The warning's first part: what the status line keeps when the whole has no room.
const MISSING: &str = "no 2027 holiday notice";

/// The screen's last line: the status line.
fn status_line(screen: &str) -> String {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or_default().to_string()
}

async fn next_years_notice_is_imported_from_the_console(db: TestDb) {
    db.ok(&["init"]);
    let column =
        common::rows(&db, &["columns"]).into_iter().find(|c| c["path"] == DOCUMENTS).unwrap()["id"].to_string();
    // Issued on 28 December: due five working days later, counting 1 January 2027 as a working day
    // while 2027's notice is missing.
    db.ok(&["documents", "add", "--number", "象政办〔2026〕30号", "--issued", "2026-12-28", "--column", &column]);
    let notice = db.file("2027年节假日.txt");
    std::fs::write(&notice, NOTICE_2027).unwrap();
    let mut raw = db.any().await;
    let days_2027 = "SELECT COUNT(*) FROM calendar_days WHERE day >= '2027-01-01' AND day <= '2027-12-31'";
    assert_eq!(raw.count(days_2027).await, 0);
    assert_eq!(raw.count("SELECT COUNT(*) FROM calendar_notices WHERE year = 2027").await, 0);

    let t = Tmux::console(&format!("cal-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    // The console on 31 December 2026 (`:at`): the status line warns.
    t.keys(&[":at 2026-12-31", "Enter"]);
    t.wait_for("staleness as of 2026-12-31");
    // Beside that message, 80 columns have no room for the whole warning: it says what is
    // missing, not half a sentence.
    let s = t.wait_for(MISSING);
    let status = status_line(&s);
    assert!(
        status.contains(&format!("! {MISSING}")) && !status.contains("notice: d"),
        "the warning is on the status line:\n{s}"
    );
    // The column's due date counts 2027: marked, and the title says what the mark means.
    t.keys(&["/", "xzb"]);
    let s = t.wait_for("[/xzb]");
    let row = s
        .lines()
        .find(|l| l.contains("②象政办"))
        .unwrap_or_else(|| panic!("the column is found by its initials:\n{s}"));
    assert!(row.contains('?'), "the column's deadline is marked provisional: {row}\n{s}");
    assert!(s.lines().nth(1).unwrap().contains("?1 provisional"), "{s}");
    // Its documents: the one issued on the 28th, due 4 January if 1 January is a working day.
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("象政办〔2026〕30号");
    let row = s.lines().find(|l| l.contains("象政办〔2026〕30号")).unwrap();
    assert!(row.contains("due 2027-01-04?"), "{row}\n{s}");
    assert!(s.contains("?1 provisional"), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("[/xzb]");

    // `:calendar` says it whole, and what is held.
    t.keys(&[":calendar", "Enter"]);
    // Too long for the status line, it is shown whole in the rows above it.
    let s = t.wait_for(&format!("{WARNING} · holiday"));
    assert!(s.contains("adds a year's"), "{s}");

    // The import: what it would add, asked first.
    t.keys(&[&format!(":calendar import {}", notice.display()), "Enter"]);
    let s = t.wait_for("would import the 2027 notice");
    assert!(s.contains("2027-01-01 holiday 元旦") && s.contains("Enter imports it"), "{s}");
    assert_eq!(raw.count(days_2027).await, 0, "nothing is written before the answer");
    t.keys(&["Enter"]);
    let s = t.wait_for("imported the 2027 notice");
    assert!(s.contains("17 days off and 4 working days"), "{s}");
    // The warning is gone, and so is the mark.
    let start = std::time::Instant::now();
    let s = loop {
        let s = t.screen();
        if !s.contains("holiday notice") && !s.contains("provisional") {
            break s;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the warning or the mark stays:\n{s}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let row = s.lines().find(|l| l.contains("②象政办")).unwrap_or_else(|| panic!("{s}"));
    assert!(!row.contains('?'), "{row}\n{s}");
    // The document's due date is firm, a day later: 1 January is a day off.
    t.keys(&["Enter"]);
    let s = t.wait_for("象政办〔2026〕30号");
    let row = s.lines().find(|l| l.contains("象政办〔2026〕30号")).unwrap();
    assert!(row.contains("due 2027-01-05 ") && !row.contains('?'), "{row}\n{s}");
    t.keys(&["Escape", "Escape", "q"]);
    t.quits_cleanly(&db);
    assert_eq!(std::fs::read_to_string(db.file("err")).unwrap(), "", "nothing on standard error");

    // The database: the days, the notice, one audit record of the import.
    assert_eq!(raw.count(days_2027).await, 21);
    assert_eq!(raw.count("SELECT COUNT(*) FROM calendar_days WHERE day = '2027-02-14' AND kind = 'workday'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM calendar_notices WHERE year = 2027").await, 1);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.import' AND target = 'calendar:2027'").await,
        1
    );
    // The command line agrees: 2027 is held, the document's due date is firm.
    let shown = db.run(&["calendar", "show", "--year", "2027"]);
    assert!(shown.status.success(), "{}", common::stderr(&shown));
    let documents = common::rows(&db, &["documents", "--at", "2026-12-31"]);
    assert_eq!(
        (documents[0]["due"].as_str(), documents[0]["provisional"].as_bool()),
        (Some("2027-01-05"), Some(false)),
        "{documents:?}"
    );
}

on_both_backends!(next_years_notice_is_imported_from_the_console);
