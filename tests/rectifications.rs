//! Rectification orders (整改通知, issue 24) through the real binary on both databases: issued with
//! a deadline in working days, refused in one line for bad input, listed by urgency, closed by
//! hand once, closed by themselves when what they name is fixed, counted under Art. 17 (五) in the
//! bulletin; and the database refuses an order written or edited without its audit record.

mod common;

use common::{Backend, PENDING, TestDb, fails, rows};
use serde_json::Value;

const ALL: &str = "1,2,3,4,5,6,7";

const ONLINE: &str = concat!(
    r#"{"ref":"on-1","title":"区民政局2026年第三季度临时救助发放情况","body":"……","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-08T09:00:00+08:00","#,
    r#""published_at":"2026-10-08T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"on-2","title":"区民政局关于养老服务补贴的说明","body":"……","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-09T09:00:00+08:00","#,
    r#""published_at":"2026-10-09T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"on-3","title":"区民政局关于低保标准的通知","body":"……","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-10T09:00:00+08:00","#,
    r#""published_at":"2026-10-10T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"rp-1","title":"国务院关于进一步优化营商环境的意见","body":"……","#,
    r#""form":"text","path":"repost","unit":"","columns":["新闻要问 / 国务院信息"],"#,
    r#""submitted_at":"2026-10-10T09:00:00+08:00","#,
    r#""published_at":"2026-10-10T16:00:00+08:00"}"#,
    "\n"
);

fn setup(db: &TestDb) {
    db.ok(&["init"]);
    db.import("pending.jsonl", PENDING);
    db.import("online.jsonl", ONLINE);
}

/// A column's id by its path.
fn column(db: &TestDb, path: &str) -> String {
    rows(db, &["columns"]).into_iter().find(|c| c["path"] == path).expect(path)["id"].to_string()
}

fn order(db: &TestDb, id: i64) -> Value {
    rows(db, &["rectifications"]).into_iter().find(|o| o["id"] == id).expect("the order")
}

/// Issued, listed, refused for bad input, closed by hand once, audited.
async fn orders_are_issued_listed_and_closed_by_hand(db: TestDb) {
    setup(&db);
    let notices = column(&db, "政务动态 / 通知公告");
    let said =
        db.ok(&["rectifications", "add", "--unit", "政府办", "--column", &notices, "--note", "通知公告栏目逾期未更新"]);
    assert!(said.contains("rectification order 1 issued to 政府办: due "), "{said}");
    db.ok(&["rectifications", "add", "--unit", "民政局", "--item", "on-1", "--note", "政策已过期", "--days", "10"]);
    db.ok(&[
        "rectifications",
        "add",
        "--unit",
        "民政局",
        "--indicator",
        "空白栏目",
        "--note",
        "空白栏目",
        "--days",
        "60",
    ]);

    let listed = rows(&db, &["rectifications"]);
    assert_eq!(listed.len(), 3);
    // Most urgent first: all open, by deadline (5 working days, then 10, then 60).
    assert_eq!(listed.iter().map(|o| o["id"].as_i64().unwrap()).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(listed[0]["about"], "政务动态 / 通知公告");
    assert_eq!(listed[0]["about_kind"], "column");
    assert_eq!(listed[0]["status"], "open");
    assert_eq!(listed[0]["days"], 5);
    assert_eq!(listed[1]["about"], "区民政局2026年第三季度临时救助发放情况");
    assert_eq!(listed[2]["indicator"], "empty_columns");
    assert!(listed[0]["due_on"].as_str().unwrap() < listed[1]["due_on"].as_str().unwrap());
    assert_eq!(rows(&db, &["rectifications", "--unit", "民政局"]).len(), 2);
    assert_eq!(rows(&db, &["rectifications", "--status", "done"]).len(), 0);

    // Bad input: one line, non-zero, nothing written.
    let online = column(&db, "政务动态");
    for (args, code, says) in [
        (vec!["--unit", "政府办", "--column", &notices, "--note", "x", "--days", "0"], 2, "give 1 to 60"),
        (vec!["--unit", "政府办", "--column", &notices, "--note", "x", "--days", "61"], 2, "give 1 to 60"),
        (vec!["--unit", "政府办", "--column", "99999", "--note", "x"], 1, "no column 99999"),
        (vec!["--unit", "政府办", "--item", "nothing-1", "--note", "x"], 1, "no item \"nothing-1\""),
        (vec!["--unit", "无此单位", "--column", &notices, "--note", "x"], 2, "no unit \"无此单位\""),
        (vec!["--unit", "政府办", "--column", &online, "--note", "x"], 1, "has no responsible unit"),
        (vec!["--unit", "政府办", "--item", "rp-1", "--note", "x"], 1, "has no responsible unit"),
        (vec!["--unit", "民政局", "--column", &notices, "--note", "x"], 1, "民政局 is not responsible"),
        (vec!["--unit", "政府办", "--indicator", "不存在", "--note", "x"], 1, "no indicator"),
        (vec!["--unit", "政府办", "--column", &notices, "--note", " "], 2, "--note"),
    ] {
        let mut all = vec!["rectifications", "add"];
        all.extend(args);
        fails(&db, &all, code, says);
    }
    fails(&db, &["rectifications", "--unit", "无此单位"], 2, "no unit");
    fails(&db, &["rectifications", "--status", "late"], 2, "late");
    assert_eq!(rows(&db, &["rectifications"]).len(), 3);

    assert_eq!(
        db.ok(&["rectifications", "done", "3", "--note", "已补充栏目内容"]).trim(),
        "rectification order 3 closed"
    );
    let done = order(&db, 3);
    assert_eq!((done["status"].as_str(), done["closed_how"].as_str()), (Some("done"), Some("by_hand")));
    assert_eq!(done["close_note"], "已补充栏目内容");
    fails(&db, &["rectifications", "done", "3", "--note", "again"], 1, "already closed");
    fails(&db, &["rectifications", "done", "99", "--note", "x"], 1, "no rectification order 99");
    fails(&db, &["rectifications", "done", "1", "--note", ""], 2, "--note");
    assert_eq!(rows(&db, &["rectifications", "--status", "open"]).len(), 2);

    let trail = rows(&db, &["audit", "--action", "rectification"]);
    let actions: Vec<&str> = trail.iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["rectification.close", "rectification.add", "rectification.add", "rectification.add"]);
    db.ok(&["audit", "verify"]);
}

/// Closed by themselves when what they name is fixed, saying how.
async fn orders_close_by_themselves_when_fixed(db: TestDb) {
    setup(&db);
    let notices = column(&db, "政务动态 / 通知公告");
    db.ok(&["rectifications", "add", "--unit", "政府办", "--column", &notices, "--note", "逾期未更新"]);
    db.ok(&["rectifications", "add", "--unit", "民政局", "--item", "on-1", "--note", "已过期"]);
    db.ok(&["rectifications", "add", "--unit", "民政局", "--item", "on-2", "--note", "已废止"]);
    db.ok(&[
        "rectifications",
        "add",
        "--unit",
        "民政局",
        "--item",
        "on-3",
        "--finding",
        "leader_name",
        "--note",
        "领导姓名有误",
    ]);
    // Another finding waived does not close it.
    db.ok(&["check", "waive", "on-3", "--kind", "phone", "--text", "1", "--reason", "原文如此"]);
    assert!(rows(&db, &["rectifications"]).iter().all(|o| o["status"] == "open"));

    db.ok(&["review", "approve", "gov-1", "--checks", ALL]);
    db.ok(&["publish", "gov-1"]);
    db.ok(&["retract", "on-1", "--reason", "outdated"]);
    db.ok(&["mark", "on-2", "--as", "repealed"]);
    db.ok(&["check", "waive", "on-3", "--kind", "leader_name", "--text", "李明化", "--reason", "经核实无误"]);

    let listed = rows(&db, &["rectifications"]);
    let how: Vec<(i64, &str, &str)> = listed
        .iter()
        .map(|o| (o["id"].as_i64().unwrap(), o["status"].as_str().unwrap(), o["closed_how"].as_str().unwrap()))
        .collect();
    assert_eq!(
        how,
        [
            (1, "done", "column_updated"),
            (2, "done", "item_withdrawn"),
            (3, "done", "item_marked"),
            (4, "done", "finding_waived")
        ]
    );
    // Recorded, each with its audit record, by the publication, the withdrawal, the mark and the
    // waiver themselves.
    let closes = rows(&db, &["audit", "--action", "rectification.close"]);
    assert_eq!(closes.len(), 4);
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications WHERE closed_at IS NOT NULL").await, 4);
    // Closed already: a second listing records nothing more.
    rows(&db, &["rectifications"]);
    assert_eq!(rows(&db, &["audit", "--action", "rectification.close"]).len(), 4);
    db.ok(&["audit", "verify"]);
}

/// A withdrawal, a mark or a waiver closes the orders it fixes in its own transaction, with the
/// closing's audit record: recorded at once, before anyone lists the orders.
async fn the_write_that_fixes_an_order_records_its_closing(db: TestDb) {
    setup(&db);
    db.ok(&["rectifications", "add", "--unit", "民政局", "--item", "on-1", "--note", "已过期"]);
    db.ok(&["rectifications", "add", "--unit", "民政局", "--item", "on-2", "--note", "已废止"]);
    let finding = ["--finding", "leader_name", "--note", "领导姓名有误"];
    db.ok(&[&["rectifications", "add", "--unit", "民政局", "--item", "on-3"][..], &finding[..]].concat());
    let other = ["--note", "另一问题"];
    db.ok(&[&["rectifications", "add", "--unit", "民政局", "--item", "on-3"][..], &other[..]].concat());
    let mut raw = db.any().await;
    let closed = "SELECT COUNT(*) FROM rectifications WHERE closed_at IS NOT NULL";
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'rectification.close'";
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (0, 0));
    let how =
        |id: i64, how: &str| format!("SELECT COUNT(*) FROM rectifications WHERE id = {id} AND closed_how = '{how}'");

    db.ok(&["retract", "on-1", "--reason", "outdated"]);
    assert_eq!(raw.count(&how(1, "item_withdrawn")).await, 1, "closed by the withdrawal itself");
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (1, 1));
    db.ok(&["mark", "on-2", "--as", "repealed"]);
    assert_eq!(raw.count(&how(2, "item_marked")).await, 1, "closed by the mark itself");
    // Another finding waived leaves the order about leader_name open; its own waiver closes it, and
    // not the order about on-3 that names no finding.
    db.ok(&["check", "waive", "on-3", "--kind", "phone", "--text", "1", "--reason", "原文如此"]);
    assert_eq!(raw.count(closed).await, 2);
    db.ok(&["check", "waive", "on-3", "--kind", "leader_name", "--text", "李明化", "--reason", "经核实无误"]);
    assert_eq!(raw.count(&how(3, "finding_waived")).await, 1, "closed by the waiver itself");
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (3, 3));
    let target = "SELECT COUNT(*) FROM audit_log WHERE action = 'rectification.close' AND target = 'rectification:3'";
    assert_eq!(raw.count(target).await, 1);
    // The listing finds them recorded and records nothing more.
    let listed = rows(&db, &["rectifications", "--status", "done"]);
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(raw.count(audited).await, 3);
    db.ok(&["audit", "verify"]);
}

/// A column's new item closes the order about it in the write that puts it online (`publish`, or
/// an `import` of an item online), with the closing's audit record, at the item's publication:
/// recorded at once, before anyone lists the orders. An item published before the order fixes
/// nothing.
async fn a_columns_new_item_closes_its_order_with_the_write(db: TestDb) {
    setup(&db);
    let notices = column(&db, "政务动态 / 通知公告");
    let news = column(&db, "政务动态 / 部门动态");
    db.ok(&["rectifications", "add", "--unit", "政府办", "--column", &notices, "--note", "逾期未更新"]);
    db.ok(&["rectifications", "add", "--unit", "民政局", "--column", &news, "--note", "逾期未更新"]);
    let mut raw = db.any().await;
    let closed = "SELECT COUNT(*) FROM rectifications WHERE closed_at IS NOT NULL";
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'rectification.close'";
    db.ok(&["review", "approve", "gov-1", "--checks", ALL]);
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (0, 0), "approved is not online");
    db.ok(&["publish", "gov-1"]);
    let at_publication = "SELECT COUNT(*) FROM rectifications r JOIN items i ON i.site_id = r.site_id \
        AND i.ref = 'gov-1' WHERE r.id = 1 AND r.closed_how = 'column_updated' AND r.closed_at = i.published_at";
    assert_eq!(raw.count(at_publication).await, 1, "closed by the publication itself, at its time");
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (1, 1));
    let target = "SELECT COUNT(*) FROM audit_log WHERE action = 'rectification.close' AND target = 'rectification:1'";
    assert_eq!(raw.count(target).await, 1);

    // An item imported online, published before the order: still open.
    let item = |r: &str, at: &str| {
        let what = r#""title":"区民政局工作动态","body":"……","form":"text","path":"unit","unit":"民政局""#;
        let columns = r#""columns":["政务动态 / 部门动态"],"submitted_at":"2026-10-11T09:00:00+08:00""#;
        format!(r#"{{"ref":"{r}",{what},{columns},"published_at":"{at}"}}"#) + "\n"
    };
    db.import("old.jsonl", &item("old-1", "2026-10-11T15:00:00+08:00"));
    assert_eq!(raw.count(closed).await, 1, "an item published before the order fixes nothing");
    // One published after it: closed by the import itself.
    let later = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    db.import("new.jsonl", &item("new-1", &later));
    let how = "SELECT COUNT(*) FROM rectifications WHERE id = 2 AND closed_how = 'column_updated'";
    assert_eq!(raw.count(how).await, 1, "closed by the import itself");
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (2, 2));
    // The listing finds them recorded and records nothing more.
    assert_eq!(rows(&db, &["rectifications", "--status", "done"]).len(), 2);
    assert_eq!(raw.count(audited).await, 2);
    db.ok(&["audit", "verify"]);
}

/// A reviewer may waive a finding but not close an order (on PostgreSQL, the reviewer's own login
/// has no right to): the waiver is written all the same, and the order it fixes is closed by the
/// next administrator's listing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewers_waiver_leaves_the_closing_to_an_administrator() {
    let db = TestDb::new(Backend::Postgres).await;
    setup(&db);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let reviewer = format!("pa_rect_{}_{}", std::process::id(), nanos % 1_000_000);
    db.ok(&["operators", "add", &reviewer, "--role", "reviewer"]);
    let finding = ["--finding", "leader_name", "--note", "领导姓名有误"];
    db.ok(&[&["rectifications", "add", "--unit", "民政局", "--item", "on-3"][..], &finding[..]].concat());
    let as_reviewer = db.as_login(&reviewer);
    as_reviewer.ok(&["check", "waive", "on-3", "--kind", "leader_name", "--text", "李明化", "--reason", "经核实无误"]);
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM finding_waivers").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications WHERE closed_at IS NOT NULL").await, 0);
    let listed = rows(&db, &["rectifications"]);
    assert_eq!(
        (listed[0]["status"].as_str(), listed[0]["closed_how"].as_str()),
        (Some("done"), Some("finding_waived"))
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications WHERE closed_at IS NOT NULL").await, 1);
    drop(raw);
    db.drop_with_roles(&[&reviewer]).await;
}

/// An order left open past its deadline is Art. 17 (五) in the period's bulletin and its section
/// nine; the column it names is no longer inferred "overdue twice".
async fn an_overdue_order_is_counted_in_the_bulletin(db: TestDb) {
    setup(&db);
    let notices = column(&db, "政务动态 / 通知公告");
    // An order issued on 1 September 2026, due on the 8th, never rectified, as the store writes
    // one (its audit record, then the row).
    let without = db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", "-"]);
    assert!(without.contains("| 政府办 | 第十七条（五） | 27 个栏目连续两期逾期未整改 |"), "{without}");
    let mut raw = db.any().await;
    raw.exec(
        "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
         VALUES (1, '2026-09-01T02:00:00+00:00', 'root', 'rectification.add', 'rectification:1', '{}')",
    )
    .await
    .unwrap();
    raw.exec(&format!(
        "INSERT INTO rectifications (id, site_id, unit_id, column_id, note, days, issued_at, due_on, issued_by) \
         SELECT 1, 1, id, {notices}, '通知公告栏目逾期未更新', 5, '2026-09-01T02:00:00+00:00', '2026-09-08', 'root' \
         FROM units WHERE name = '政府办'"
    ))
    .await
    .unwrap();
    let bulletin = db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", "-"]);
    // The column the order names is judged by the order, no longer by the inference.
    let five = "| 政府办 | 第十七条（五） | 26 个栏目连续两期逾期未整改；1 份整改通知逾期未整改 |";
    assert!(bulletin.contains(five), "{bulletin}");
    let (_, nine) = bulletin.split_once("## 九、整改情况").expect("section nine");
    assert!(
        nine.contains(
            "| 1 | 政府办 | 政务动态 / 通知公告 | 通知公告栏目逾期未更新 | 2026-09-01 | 2026-09-08 | 逾期未整改 | — |"
        ),
        "{nine}"
    );
    // Before it was issued: nothing.
    let before = db.ok(&["scores", "--quarter", "2026Q2", "--bulletin", "-"]);
    assert!(before.contains("## 九、整改情况\n\n本期无整改通知。"), "{before}");
    assert!(!before.contains("整改通知逾期未整改"), "{before}");
}

/// Items with findings: fx-1 (政府办, pending) a wrong leader's name (李明化) and a phone number;
/// fx-2 (民政局, online) and fx-3 (政府办, pending) the wrong name.
const FINDINGS: &str = concat!(
    r#"{"ref":"fx-1","title":"区长李明化主持召开区政府常务会议","body":"会议研究了重点工作。联系电话13812345678。","#,
    r#""form":"text","path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"fx-2","title":"区长李明化到区民政局调研","body":"……","form":"text","path":"unit","#,
    r#""unit":"民政局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-02T09:00:00+08:00","#,
    r#""published_at":"2026-11-02T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"fx-3","title":"区长李明化出席全区安全生产工作会议","body":"……","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-21T09:00:00+08:00"}"#,
    "\n",
);

/// fx-1 written again with the leader's name right, the phone number still there.
const FX1_FIXED: &str = concat!(
    r#"{"ref":"fx-1","title":"区长李明华主持召开区政府常务会议","body":"会议研究了重点工作。联系电话13812345678。","#,
    r#""form":"text","path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-22T09:00:00+08:00"}"#,
    "\n",
);

/// The office's own names list, which knows no 李明华 (and so no wrong form of it).
const NAMES_WITHOUT_LI: &str = "name\tkind\twrong\tstatus\tnote\n临时救助\tterm\t临时求助\tcurrent\t\n";

/// An order about a finding closes by itself (`finding_fixed`) when the item's findings, found
/// again by the write that changed what they are found in, no longer hold it: its text
/// resubmitted (`import`), its publication with the lists then in use (`publish`), every item
/// checked again after the lists changed (`check --all`); in that write's transaction, with the
/// closing's audit record, at the time the findings were found. An order whose finding is still
/// there, and one that names no finding, stay open.
async fn an_order_about_a_finding_closes_when_the_finding_is_fixed(db: TestDb) {
    db.ok(&["init"]);
    db.import("findings.jsonl", FINDINGS);
    let add = |unit: &str, item: &str, finding: Option<&str>| {
        let mut args = vec!["rectifications", "add", "--unit", unit, "--item", item, "--note", "请整改"];
        args.extend(finding.iter().flat_map(|f| ["--finding", *f]));
        db.ok(&args);
    };
    add("政府办", "fx-1", Some("leader_name"));
    add("政府办", "fx-1", Some("phone"));
    add("民政局", "fx-2", Some("leader_name"));
    add("政府办", "fx-1", None);
    add("政府办", "fx-3", Some("leader_name"));
    let mut raw = db.any().await;
    let closed = "SELECT COUNT(*) FROM rectifications WHERE closed_at IS NOT NULL";
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'rectification.close'";
    let fixed = |id: i64| {
        format!(
            "SELECT COUNT(*) FROM rectifications r JOIN item_findings f ON f.site_id = r.site_id \
             AND f.item_id = r.item_id WHERE r.id = {id} AND r.closed_how = 'finding_fixed' \
             AND r.closed_at = f.found_at"
        )
    };
    let status = |db: &TestDb| -> Vec<(i64, String, String)> {
        let mut all: Vec<(i64, String, String)> = rows(db, &["rectifications"])
            .iter()
            .map(|o| {
                let how = o["closed_how"].as_str().unwrap_or("-").to_string();
                (o["id"].as_i64().unwrap(), o["status"].as_str().unwrap().to_string(), how)
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (0, 0));

    // fx-1 rejected, then resubmitted with the name right: the import closes the order about the
    // name, at the time its findings were found; the phone number is still there.
    db.ok(&["review", "reject", "fx-1", "--failed", "4", "--reason", "领导姓名有误"]);
    assert_eq!(raw.count(closed).await, 0, "a rejection finds nothing again");
    db.import("fixed.jsonl", FX1_FIXED);
    assert_eq!(raw.count(&fixed(1)).await, 1, "closed by the import itself, at its findings' time");
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (1, 1));
    let record = rows(&db, &["audit", "--action", "rectification.close"]);
    assert_eq!(record.len(), 1);
    assert_eq!(record[0]["target"]["id"], 1, "{record:?}");
    assert_eq!(record[0]["detail"]["how"], "finding_fixed", "{record:?}");

    // The office's names list changes: the publication of fx-3 finds its findings again with it
    // and closes its order; fx-2 is not written, its order stays open until every item is checked.
    let config = db.dir.path().join("config/portal-admin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("names.tsv"), NAMES_WITHOUT_LI).unwrap();
    db.ok(&["review", "approve", "fx-3", "--checks", ALL]);
    db.ok(&["publish", "fx-3"]);
    assert_eq!(raw.count(&fixed(5)).await, 1, "closed by the publication itself");
    assert_eq!(raw.count(closed).await, 2);
    db.ok(&["check", "--all"]);
    assert_eq!(raw.count(&fixed(3)).await, 1, "closed by checking every item again");
    assert_eq!((raw.count(closed).await, raw.count(audited).await), (3, 3));

    let want = |list: &[(i64, &str, &str)]| -> Vec<(i64, String, String)> {
        list.iter().map(|(i, s, h)| (*i, s.to_string(), h.to_string())).collect()
    };
    let expected = want(&[
        (1, "done", "finding_fixed"),
        (2, "open", "-"),
        (3, "done", "finding_fixed"),
        (4, "open", "-"),
        (5, "done", "finding_fixed"),
    ]);
    assert_eq!(status(&db), expected);
    // The listing finds them recorded and records nothing more; the words of the closing.
    assert_eq!(raw.count(audited).await, 3);
    let table = db.ok(&["rectifications", "--status", "done", "--format", "table"]);
    assert!(table.contains("finding fixed"), "{table}");
    let zh = db.ok(&["--lang", "zh-CN", "rectifications", "--status", "done", "--format", "table"]);
    assert!(zh.contains("问题已整改"), "{zh}");
    db.ok(&["audit", "verify"]);
}

/// A database of schema version 19, whose closed_how knew no `finding_fixed`: `init` upgrades it
/// keeping every order as it was (PostgreSQL alters the constraint; SQLite makes the table again,
/// with its indexes and triggers), and an order whose finding the version before found fixed, which
/// it could not close, is closed `finding_fixed` by the next listing.
async fn a_version_19_database_keeps_its_orders_through_the_upgrade(db: TestDb) {
    setup(&db);
    db.import("findings.jsonl", FINDINGS);
    let notices = column(&db, "政务动态 / 通知公告");
    db.ok(&["rectifications", "add", "--unit", "政府办", "--column", &notices, "--note", "逾期未更新"]);
    db.ok(&["rectifications", "done", "1", "--note", "已补充栏目内容"]);
    for (unit, item, finding) in [("民政局", "fx-2", "leader_name"), ("政府办", "fx-1", "phone")] {
        db.ok(&["rectifications", "add", "--unit", unit, "--item", item, "--finding", finding, "--note", "请整改"]);
    }
    let before = rows(&db, &["rectifications"]);
    assert_eq!(before.len(), 3);

    // Version 19's table: closed_how without finding_fixed.
    let mut raw = db.any().await;
    let old = match db.backend {
        Backend::Sqlite => vec![
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = replace(sql, '''finding_fixed''', '''finding_waived''') \
             WHERE name = 'rectifications'",
            "PRAGMA writable_schema = RESET",
        ],
        Backend::Postgres => vec![
            "ALTER TABLE rectifications DROP CONSTRAINT rectifications_closed_how_check, \
             ADD CONSTRAINT rectifications_closed_how_check CHECK (closed_how IN ('by_hand', 'column_updated', \
             'item_withdrawn', 'item_marked', 'finding_waived'))",
        ],
    };
    for sql in old {
        raw.exec(sql).await.unwrap();
    }
    let knows_finding_fixed = match db.backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'rectifications' AND sql LIKE '%''finding_fixed''%'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'rectifications_closed_how_check' \
             AND pg_get_constraintdef(oid) LIKE '%''finding_fixed''%'"
        }
    };
    assert_eq!(raw.count(knows_finding_fixed).await, 0);
    // The version before found fx-2's name fixed (its findings found again, none, with their audit
    // record) and could not close the order.
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, false);
    raw.exec(&format!(
        "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
         VALUES (1, '{now}', 'x', 'findings.check', 'site:xiangshan', '{{}}')"
    ))
    .await
    .unwrap();
    raw.exec(&format!(
        "UPDATE item_findings SET kinds = '', findings = '[]', blocking = 0, found_at = '{now}', found_by = 'x' \
         WHERE item_id = (SELECT id FROM items WHERE ref = 'fx-2')"
    ))
    .await
    .unwrap();
    // What version 24 added: PostgreSQL's copy of the items' texts, which the text indexes are on.
    for sql in common::drop_item_texts(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    // What version 23 added after it: each column's latest publication, kept by triggers.
    for sql in common::drop_column_latest(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    // What version 21 added after it: the indexes the Findings tab reads its pages by.
    raw.exec("DROP INDEX item_findings_kinds").await.unwrap();
    raw.exec("DROP INDEX item_findings_blocking").await.unwrap();
    // And what version 22 added: the indexes the queue reads its pages by.
    raw.exec("DROP INDEX items_queue_step").await.unwrap();
    raw.exec("DROP INDEX items_queue_wait").await.unwrap();
    raw.exec("UPDATE schema_meta SET value = '19' WHERE key = 'schema_version'").await.unwrap();
    drop(raw);

    let said = db.ok(&["init"]);
    let upgraded = format!("from version 19 to {}", portal_admin::store::schema::SCHEMA_VERSION);
    assert!(said.contains("upgraded the schema") && said.contains(&upgraded), "{said}");
    let mut raw = db.any().await;
    assert_eq!(raw.count(knows_finding_fixed).await, 1);
    // The table as a new database has it: its columns, keys, indexes, triggers and constraints.
    let fresh = TestDb::new(db.backend).await;
    fresh.ok(&["init"]);
    let mut new = fresh.any().await;
    let shape: &[&str] = match db.backend {
        Backend::Sqlite => &[
            "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'rectifications' AND type = 'index'",
            "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'rectifications' AND type = 'trigger'",
            "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'rectifications%'",
            "SELECT COUNT(*) FROM pragma_table_info('rectifications')",
            "SELECT COUNT(*) FROM pragma_foreign_key_list('rectifications')",
        ],
        Backend::Postgres => &[
            "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'rectifications'",
            "SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = 'rectifications'::regclass",
            "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'rectifications'::regclass",
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'rectifications'",
        ],
    };
    for sql in shape {
        assert_eq!(raw.count(sql).await, new.count(sql).await, "{sql}");
    }
    assert!(raw.count(shape[1]).await >= 3, "the triggers are back");
    // Still guarded: never deleted, never closed without its audit record.
    assert!(raw.exec("DELETE FROM rectifications WHERE id = 1").await.is_err());
    if db.backend == Backend::Sqlite {
        let close = "UPDATE rectifications SET closed_at = '2026-12-02T02:00:00+00:00', closed_by = 'x', \
                     closed_how = 'finding_fixed' WHERE id = 3";
        assert!(raw.exec(close).await.unwrap_err().contains("without writing its audit record"));
    }

    // Every order as it was; the one whose finding was fixed closed by the listing, recorded.
    let after = rows(&db, &["rectifications"]);
    let by_id = |list: &[Value], id: i64| list.iter().find(|o| o["id"] == id).cloned().unwrap();
    assert_eq!(by_id(&after, 1), by_id(&before, 1));
    assert_eq!(by_id(&after, 3), by_id(&before, 3));
    let two = by_id(&after, 2);
    assert_eq!((two["status"].as_str(), two["closed_how"].as_str()), (Some("done"), Some("finding_fixed")), "{two}");
    let recorded = "SELECT COUNT(*) FROM rectifications WHERE id = 2 AND closed_how = 'finding_fixed'";
    assert_eq!(raw.count(recorded).await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications").await, 3);
    // And orders go on from there.
    let said = db.ok(&["rectifications", "add", "--unit", "政府办", "--column", &notices, "--note", "再次逾期"]);
    assert!(said.contains("rectification order 4 issued"), "{said}");
}

/// The console issues an order through the same call as the command line, which takes a unit as
/// every command does: its name, part of it, or its pinyin initials (`tjj` 统计局), for an SSH
/// session without a Chinese input method typing the unit of an indicator's order.
async fn an_order_names_its_unit_as_every_command_does(db: TestDb) {
    use portal_admin::store::{OpenOptions, Target};
    use portal_admin::usecase::rectification::{About, add};
    setup(&db);
    let store = portal_admin::store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let indicator = About::Indicator("空白栏目".into());
    let issued = add(store.as_ref(), &site, "tjj", &indicator, "空白栏目", Some(3)).await.unwrap();
    assert_eq!(issued.unit, "统计局");
    let listed = order(&db, issued.id);
    assert_eq!((listed["unit"].as_str(), listed["indicator"].as_str()), (Some("统计局"), Some("empty_columns")));
    let refused = add(store.as_ref(), &site, "无此单位", &indicator, "空白栏目", None).await.unwrap_err();
    assert!(refused.to_string().contains("no unit \"无此单位\""), "{refused}");
    assert_eq!(rows(&db, &["rectifications"]).len(), 1);
}

on_both_backends!(
    an_order_names_its_unit_as_every_command_does,
    a_version_19_database_keeps_its_orders_through_the_upgrade,
    an_order_about_a_finding_closes_when_the_finding_is_fixed,
    orders_are_issued_listed_and_closed_by_hand,
    orders_close_by_themselves_when_fixed,
    the_write_that_fixes_an_order_records_its_closing,
    a_columns_new_item_closes_its_order_with_the_write,
    an_overdue_order_is_counted_in_the_bulletin
);

/// Without its audit record, the database refuses an order written, edited or closed, on both
/// backends; nobody edits or deletes one. On PostgreSQL through an administrator's own login.
async fn the_database_refuses_an_order_without_its_audit_record(db: TestDb) {
    setup(&db);
    db.ok(&["rectifications", "add", "--unit", "民政局", "--item", "on-1", "--note", "已过期"]);
    let insert = "INSERT INTO rectifications (id, site_id, unit_id, indicator, note, days, issued_at, due_on, \
                  issued_by) VALUES (7, 1, 1, 'empty_columns', '伪造', 5, '2026-12-01T02:00:00+00:00', '2026-12-08', \
                      'x')";
    let close = "UPDATE rectifications SET closed_at = '2026-12-02T02:00:00+00:00', closed_by = 'x', \
                 closed_how = 'by_hand', close_note = '伪造' WHERE id = 1";
    let edit = "UPDATE rectifications SET due_on = '2027-06-30' WHERE id = 1";
    let delete = "DELETE FROM rectifications WHERE id = 1";
    let admin = format!("radm_{}", std::process::id());
    let refused = |e: &str| {
        e.contains("without writing its audit record")
            || e.contains("never edited")
            || e.contains("append-only")
            || e.contains("permission denied")
    };
    match db.backend {
        Backend::Sqlite => {
            let mut raw = db.any().await;
            for attack in [insert, close, edit, delete] {
                let e = raw.exec(attack).await.unwrap_err();
                assert!(refused(&e), "{attack}: {e}");
            }
            assert!(raw.exec(insert).await.unwrap_err().contains("without writing its audit record"));
            assert!(raw.exec(close).await.unwrap_err().contains("without writing its audit record"));
        }
        Backend::Postgres => {
            db.ok(&["operators", "add", &admin, "--role", "admin"]);
            let url = db.as_login(&admin).url.clone();
            for attack in [insert, close] {
                let e = pg_transaction(&url, &[attack]).await.unwrap_err();
                assert!(e.contains("without writing its audit record"), "{attack}: {e}");
            }
            let audited = "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
                           VALUES (1, now(), 'x', 'x', 'x', '{}')";
            for attack in [edit, delete] {
                let e = pg_transaction(&url, &[attack, audited]).await.unwrap_err();
                assert!(refused(&e), "{attack}: {e}");
            }
            // Nor by the table's owner, who may TRUNCATE.
            let e = db.any().await.exec("TRUNCATE rectifications").await.unwrap_err();
            assert!(e.contains("append-only"), "{e}");
        }
    }
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM rectifications WHERE closed_at IS NULL").await, 1);
    // What portal-admin does through the same rules still works.
    db.ok(&["rectifications", "done", "1", "--note", "已撤回过期信息"]);
    db.ok(&["audit", "verify"]);
    drop(raw);
    if db.backend == Backend::Postgres {
        db.drop_with_roles(&[&admin]).await;
    }
}

/// Runs statements in one transaction as the login of `url`; the database's error if refused.
async fn pg_transaction(url: &str, statements: &[&str]) -> Result<(), String> {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(url).await.map_err(|e| e.to_string())?;
    sqlx::query("BEGIN").execute(&mut c).await.map_err(|e| e.to_string())?;
    for s in statements {
        sqlx::query(s).execute(&mut c).await.map_err(|e| e.to_string())?;
    }
    sqlx::query("COMMIT").execute(&mut c).await.map(|_| ()).map_err(|e| e.to_string())
}

on_both_backends!(the_database_refuses_an_order_without_its_audit_record);
