//! `check` on both databases: one item before publication, and everything online, newest first,
//! with real-looking Chinese items that must be caught and near misses that must not.

mod common;

use common::{TestDb, rows, stderr};
use serde_json::Value;

const ITEMS: &str = r#"{"ref":"c-1","title":"区长李明化主持召开区政府常务会议","body":"会议研究了象山区人民政付2026年重点工作。","form":"text","path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"submitted_at":"2026-11-02T09:00:00+08:00","published_at":"2026-11-02T15:00:00+08:00"}
{"ref":"c-2","title":"2026年临时救助对象公示","body":"救助对象：张某，身份证号11010519491231002X，联系电话13812345678。全区临时救助共56户，其中……本月临时救助65户。","form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-10T09:00:00+08:00","published_at":"2026-11-10T15:00:00+08:00"}
{"ref":"c-3","title":"李明华工作室揭牌","body":"项目编号110105194912310021，订单AB13812345678，按象政办〔2026〕12号文件执行。","form":"text","path":"unit","unit":"文体旅局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-12T09:00:00+08:00","published_at":"2026-11-12T15:00:00+08:00"}
{"ref":"c-4","title":"关于印发区直机关会议安排的通知","body":"内部资料，不得外传。依据象政办[2026]15号。","form":"text","path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"submitted_at":"2026-11-20T09:00:00+08:00"}
"#;

fn setup(db: &TestDb) {
    db.ok(&["init"]);
    let file = db.file("items.jsonl");
    std::fs::write(&file, ITEMS).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
}

async fn findings_are_caught_and_near_misses_are_not(db: TestDb) {
    setup(&db);
    // Before publication: the pending notice carries a secret marking and a malformed number.
    let pending = rows(&db, &["check", "c-4"]);
    let kinds: Vec<(&str, &str, bool)> =
        pending.iter().map(|f| (f["kind"].as_str().unwrap(), f["span"].as_str().unwrap(), f["blocking"].as_bool().unwrap())).collect();
    assert_eq!(
        kinds,
        [("sensitive_word", "body:0-4", true), ("sensitive_word", "body:5-9", true), ("document_number", "body:12-24", false)]
    );
    assert_eq!(pending[2]["suggestion"], "象政办〔2026〕15号");

    let all = rows(&db, &["check", "--all"]);
    let got: Vec<(i64, &str)> = all.iter().map(|f| (f["item"].as_i64().unwrap(), f["kind"].as_str().unwrap())).collect();
    // Newest first; the pending notice is not online; the studio named after nobody and the
    // numbers that only look personal are not findings.
    assert_eq!(got, [(2, "id_number"), (2, "phone"), (2, "figure"), (1, "leader_name"), (1, "leader_name")]);
    let id = all.iter().find(|f| f["kind"] == "id_number").unwrap();
    assert_eq!(
        (id["span"].as_str(), id["suggestion"].as_str(), id["blocking"].as_bool()),
        (Some("body:12-30"), Some("110105********002X"), Some(true))
    );
    assert!(all.iter().find(|f| f["kind"] == "figure").unwrap()["message"].as_str().unwrap().contains("临时救助"));
    let since = rows(&db, &["check", "--all", "--since", "2026-11-05"]);
    assert!(since.iter().all(|f| f["item"] == 2), "{since:?}");

    // The office's own lists: a name it added is found.
    let names = db.file("names.tsv");
    std::fs::write(&names, "name\tkind\twrong\tstatus\tnote\n临时救助\tterm\t临时求助\tcurrent\t\n").unwrap();
    let words = db.file("words.tsv");
    std::fs::write(&words, "word\tkind\tsuggestion\n").unwrap();
    std::fs::write(db.file("items2.jsonl"), r#"{"ref":"c-5","title":"临时求助申请指南","body":"……","form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-21T09:00:00+08:00"}
"#)
    .unwrap();
    db.ok(&["import", db.file("items2.jsonl").to_str().unwrap()]);
    let own = rows(&db, &["check", "c-5", "--names", names.to_str().unwrap(), "--words", words.to_str().unwrap()]);
    assert_eq!(own.len(), 1);
    assert_eq!((own[0]["kind"].as_str(), own[0]["suggestion"].as_str()), (Some("wrong_term"), Some("临时救助")));
    std::fs::write(&names, "name\tkind\n李明华\tleader\n").unwrap();
    let out = db.run(&["check", "c-5", "--names", names.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("names line 2: expected 5 tab-separated fields"), "{}", stderr(&out));
    let out = db.run(&["check"]);
    assert_eq!(out.status.code(), Some(2), "an item or --all");
}

on_both_backends!(findings_are_caught_and_near_misses_are_not);

/// A blocking finding stops approval until it is fixed or waived with a reason; the waivers stay on
/// record.
async fn a_blocking_finding_stops_approval_until_waived(db: TestDb) {
    setup(&db);
    std::fs::write(
        db.file("pending.jsonl"),
        r#"{"ref":"g-9","title":"区长李明化调研二塘乡","body":"联系人身份证号11010519491231002X。","form":"text","path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"submitted_at":"2026-11-25T09:00:00+08:00"}
"#,
    )
    .unwrap();
    db.ok(&["import", db.file("pending.jsonl").to_str().unwrap()]);
    let approve = ["review", "approve", "g-9", "--checks", "1,2,3,4,5,6,7"];
    let out = db.run(&approve);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains("2 blocking finding(s): leader_name “李明化” (title:2-5); id_number “11010519491231002X” (body:7-25)"), "{e}");
    let out = db.run(&["check", "waive", "g-9", "--kind", "leader_name", "--text", "李明化", "--reason", " "]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    db.ok(&["check", "waive", "g-9", "--kind", "leader_name", "--text", "李明化", "--reason", "经核实为同名群众，非区长"]);
    assert!(stderr(&db.run(&approve)).contains("1 blocking finding(s): id_number"));
    db.ok(&["check", "waive", "g-9", "--kind", "id_number", "--text", "11010519491231002X", "--reason", "本人书面同意公开"]);
    db.ok(&approve);
    let history = db.ok(&["show", "g-9"]);
    assert!(history.contains("finding waived: leader_name “李明化” — 经核实为同名群众，非区长"), "{history}");
    let shown = rows(&db, &["check", "g-9"]);
    assert!(shown.iter().all(|f| f["waived"].as_str().is_some_and(|w| w.contains(':'))), "{shown:?}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'finding.waive' AND target = 'item:5'").await, 2);
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'g-9' AND stage = 'publish'").await, 1);
}

on_both_backends!(a_blocking_finding_stops_approval_until_waived);

/// The lists are edited through the command line: an entry goes into the user's own list (started
/// from the shipped one) only if the whole list still compiles.
async fn the_lists_are_edited_through_the_command_line(db: TestDb) {
    setup(&db);
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| db.command(args).env("HOME", home.path()).env_remove("XDG_CONFIG_HOME").output().unwrap();
    let out = run(&["check", "add-name", "临时救助", "--kind", "term", "--wrong", "临时求助", "--wrong", "临时救主"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names = home.path().join(".config/portal-admin/names.tsv");
    let text = std::fs::read_to_string(&names).unwrap();
    assert!(text.contains("李明华\tleader") && text.ends_with("临时救助\tterm\t临时求助、临时救主\tcurrent\t\n"), "{text}");
    let out = run(&["check", "add-word", "仅供内部参考", "--kind", "secret", "--suggestion", "内部资料不得公开发布"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        db.file("more.jsonl"),
        r#"{"ref":"c-6","title":"临时求助申请指南（仅供内部参考）","body":"……","form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-21T09:00:00+08:00"}
"#,
    )
    .unwrap();
    db.ok(&["import", db.file("more.jsonl").to_str().unwrap()]);
    let out = run(&["check", "c-6", "--format", "json"]);
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["wrong_term", "sensitive_word"], "{found:?}");
    // A wrong entry is refused, and the list stays as it was.
    let out = run(&["check", "add-name", "某人", "--kind", "boss"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("names.tsv") && stderr(&out).contains("unknown kind \"boss\""), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&names).unwrap(), text);
}

on_both_backends!(the_lists_are_edited_through_the_command_line);
