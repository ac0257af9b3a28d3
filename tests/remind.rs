//! Reminder sheets (提醒单, issue 24) through the real binary on both databases: a unit's blank
//! columns, its item returned and waiting, its open rectification order; every unit's sheet into
//! a folder; nothing overwritten without --force; bad input refused in one line, nothing written.

mod common;

use common::{PENDING, TestDb, fails, rows};

const MINZHENG: &str = "政务动态 / 部门动态";

async fn a_units_sheet_says_what_it_must_do(db: TestDb) {
    db.ok(&["init"]);
    db.import("pending.jsonl", PENDING);
    // Returned to 民政局 for what it lacks, and waiting.
    db.ok(&["review", "reject", "unit-1", "--failed", "2", "--reason", "数据待核实"]);
    let column = rows(&db, &["columns"]).into_iter().find(|c| c["path"] == MINZHENG).unwrap()["id"].to_string();
    db.ok(&["rectifications", "add", "--unit", "民政局", "--column", &column, "--note", "部门动态栏目空白"]);

    let sheet = db.ok(&["remind", "--unit", "民政局", "--within", "10"]);
    for said in [
        "# 网站栏目信息更新提醒单",
        "## 一、10个工作日内到期的栏目",
        "## 二、逾期未更新的栏目",
        "## 三、空白栏目",
        &format!("| {MINZHENG} |"),
        "## 四、退回待修改的信息",
        "民政局开展2026年度低保复核工作",
        "## 五、未整改的整改通知",
        "| 部门动态栏目空白 |",
        "整改中",
    ] {
        assert!(sheet.contains(said), "{said} in\n{sheet}");
    }
    // Another unit's sheet has none of it.
    let other = db.ok(&["remind", "--unit", "统计局"]);
    assert!(!other.contains("民政局开展2026年度低保复核工作") && !other.contains("部门动态栏目空白"), "{other}");

    // Every unit's sheet into a folder, one file each.
    let dir = db.file("round");
    std::fs::create_dir(&dir).unwrap();
    let said = db.ok(&["remind", "--all", "--dir", dir.to_str().unwrap()]);
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    let units = db.any().await.count("SELECT COUNT(*) FROM units").await;
    assert_eq!(files.len() as i64, units, "{files:?}\n{said}");
    let mine = files.iter().find(|f| f.to_string_lossy().starts_with("提醒单-民政局-")).expect("民政局's sheet");
    let path = dir.join(mine);
    let printed = format!("{}\n", sheet.trim_end()).replacen("10个工作日", "5个工作日", 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), printed, "the file holds what was printed");

    // Not overwritten without --force: refused in one line, nothing written.
    std::fs::write(&path, "已改").unwrap();
    fails(&db, &["remind", "--all", "--dir", dir.to_str().unwrap()], 1, "exists: nothing written (--force");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "已改");
    let out = db.file("民政局.md");
    std::fs::write(&out, "已改").unwrap();
    fails(&db, &["remind", "--unit", "民政局", "--out", out.to_str().unwrap()], 1, "exists");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "已改");
    db.ok(&["remind", "--unit", "民政局", "--out", out.to_str().unwrap(), "--force"]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("民政局开展2026年度低保复核工作"));

    // Bad input: one line, exit 2, nothing written.
    let text = db.file("民政局.txt");
    for (args, says) in [
        (vec!["remind"], "name the unit"),
        (vec!["remind", "--unit", "民政局", "--within", "0"], "a window of 0 working days"),
        (vec!["remind", "--unit", "民政局", "--within", "61"], "a window of 61 working days"),
        (vec!["remind", "--all", "--out", out.to_str().unwrap()], "into a folder"),
        (vec!["remind", "--unit", "民政局", "--out", text.to_str().unwrap()], "Markdown file (.md) or a Word file"),
        (vec!["remind", "--all", "--dir", "/nonexistent-folder"], "not a folder"),
    ] {
        fails(&db, &args, 2, says);
    }
    assert!(!text.exists());
    fails(&db, &["remind", "--unit", "没有这个单位"], 2, "没有这个单位");
}

on_both_backends!(a_units_sheet_says_what_it_must_do);
