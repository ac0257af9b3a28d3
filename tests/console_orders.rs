//! Issue 24 end to end: the real console in a real terminal (tmux, 80×24). `z` on a column opens
//! the form of a rectification order filled in from the column; a deadline out of range is refused
//! in one line and nothing is written; Enter issues the order, which the Orders tab (`0`) lists and
//! the database holds with its audit record; `d` there closes it by hand with a note, and Enter
//! shows it with its audit history. `R` on the column writes its unit's reminder sheet here, as
//! `remind` does, over a file already there only when pressed twice.

mod common;

use common::TestDb;
use common::tmux::Tmux;

const NOTICES: &str = "政务动态 / 通知公告";

async fn an_order_is_issued_and_closed_from_the_console(db: TestDb) {
    db.ok(&["init"]);
    let mut raw = db.any().await;
    let t = Tmux::console(&format!("orders-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    // The column, found by its pinyin initials (通知公告: the district's is first), then `z`.
    t.keys(&["2", "/", "tzgg", "Enter"]);
    t.wait_for("[/tzgg]");
    t.keys(&["z"]);
    let s = t.wait_for("Issue a rectification order");
    assert!(s.contains(&format!("Column {NOTICES}")) && s.contains("政府办"), "filled in from the column:\n{s}");
    assert!(s.contains("Art. 6") && s.contains("days      5"), "{s}");
    // Down to the deadline: 61 working days is refused in one line, nothing written.
    t.keys(&["Down", "Down", "BSpace", "61", "Enter"]);
    let s = t.wait_for("a deadline of 61 working days: give 1 to 60");
    assert!(s.contains("Issue a rectification order"), "the form stays open:\n{s}");
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications").await, 0);
    t.keys(&["BSpace", "BSpace", "7", "Enter"]);
    t.wait_for("rectification order 1 issued to 政府办");
    // The Orders tab lists it; `d` closes it by hand.
    t.keys(&["0"]);
    let s = t.wait_for("Rectification orders 1 (1 open)");
    assert!(s.lines().any(|l| l.starts_with("1 ") && l.contains("open") && l.contains("政府办")), "{s}");
    t.keys(&["d"]);
    t.wait_for("close rectification order 1");
    t.keys(&["已更新通知公告栏目", "Enter"]);
    t.wait_for("rectification order 1 closed");
    t.wait_for("Rectification orders 1 (0 open)");
    // Enter: the order with its audit history, issued then closed.
    t.keys(&["Enter"]);
    let s = t.wait_for("Audit record");
    let (issued, closed) = (s.find("issue order").expect(&s), s.find("close order").expect(&s));
    assert!(issued < closed, "oldest first:\n{s}");
    t.keys(&["Esc"]);

    // `R` on the column: 政府办's reminder sheet of the day, here, as `remind` writes it.
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let sheet = db.dir.path().join(format!("提醒单-政府办-{today}.md"));
    t.keys(&["2", "R"]);
    t.wait_for("the reminder sheet of 政府办 written to");
    let written = std::fs::read_to_string(&sheet).unwrap();
    let printed = db.ok(&["remind", "--unit", "政府办"]);
    assert_eq!(written.trim_end(), printed.trim_end(), "the same sheet as the command's");
    assert!(written.starts_with("# 网站栏目信息更新提醒单") && written.contains("政府办"), "{written}");
    // Again: the file is there, and is written over only when asked twice.
    std::fs::write(&sheet, "kept").unwrap();
    t.keys(&["R"]);
    t.wait_for("is already here: R again writes over it");
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), "kept");
    t.keys(&["R"]);
    t.wait_for("the reminder sheet of 政府办 written to");
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), written);
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert_eq!(std::fs::read_to_string(db.file("err")).unwrap(), "", "nothing on standard error");

    // The database: the order as typed, closed by hand, each write with its audit record.
    let found = common::rows(&db, &["rectifications"]);
    let [order] = &found[..] else { panic!("{found:?}") };
    assert_eq!(order["unit"], "政府办");
    assert_eq!(order["days"], 7);
    assert_eq!(order["status"], "done");
    assert_eq!(order["closed_how"], "by_hand");
    assert_eq!(order["close_note"], "已更新通知公告栏目");
    let note = order["note"].as_str().unwrap();
    assert!(note.contains("通知公告") && note.contains("Art. 6"), "{note}");
    for action in ["rectification.add", "rectification.close"] {
        let sql = format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND target = 'rectification:1'");
        assert_eq!(raw.count(&sql).await, 1, "{action}");
    }
}

on_both_backends!(an_order_is_issued_and_closed_from_the_console);
