//! `check` on both databases: one item before publication, and everything online, newest first,
//! with real-looking Chinese items that must be caught and near misses that must not.

mod common;

use common::{TestDb, rows, stderr};
use serde_json::Value;

const ITEMS: &str = concat!(
    r#"{"ref":"c-1","title":"区长李明化主持召开区政府常务会议","#,
    r#""body":"会议研究了象山区人民政付2026年重点工作。","form":"text","path":"government","#,
    r#""unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2026-11-02T09:00:00+08:00","#,
    r#""published_at":"2026-11-02T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"c-2","title":"2026年临时救助对象公示","#,
    r#""body":"救助对象：张某，身份证号11010519491231002X，联系电话13812345678。全区临时救"#,
    r#"助共56户，其中……本月临时救助65户。","form":"text","path":"unit","unit":"民政局","#,
    r#""columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-10T09:00:00+08:00","#,
    r#""published_at":"2026-11-10T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"c-3","title":"李明华工作室揭牌","#,
    r#""body":"项目编号110105194912310021，订单号AB13812345678，按象政办〔2026〕12号文件执"#,
    r#"行。","form":"text","path":"unit","unit":"文体旅局","#,
    r#""columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-12T09:00:00+08:00","#,
    r#""published_at":"2026-11-12T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"c-4","title":"关于印发区直机关会议安排的通知","#,
    r#""body":"内部资料，不得外传。依据象政办[2026]15号。","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
    "\n"
);

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
    let kinds: Vec<(&str, &str, bool)> = pending
        .iter()
        .map(|f| (f["kind"].as_str().unwrap(), f["span"].as_str().unwrap(), f["blocking"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("sensitive_word", "body:0-4", true),
            ("sensitive_word", "body:5-9", true),
            ("document_number", "body:12-24", false)
        ]
    );
    assert_eq!(pending[2]["suggestion"], "象政办〔2026〕15号");

    let all = rows(&db, &["check", "--all"]);
    let got: Vec<(i64, &str)> =
        all.iter().map(|f| (f["item"].as_i64().unwrap(), f["kind"].as_str().unwrap())).collect();
    // Newest first; the pending notice is not online; the studio named after nobody and the
    // numbers that only look personal are not findings.
    assert_eq!(got, [(2, "id_number"), (2, "phone"), (2, "figure"), (1, "leader_name"), (1, "leader_name")]);
    let id = all.iter().find(|f| f["kind"] == "id_number").unwrap();
    assert_eq!(
        (id["span"].as_str(), id["suggestion"].as_str(), id["blocking"].as_bool()),
        (Some("body:12-30"), Some("110105********002X"), Some(true))
    );
    // The stored finding says a code and its arguments; its words are in the reader's language.
    let figure = all.iter().find(|f| f["kind"] == "figure").unwrap();
    assert_eq!((&figure["message_code"], &figure["message_args"]["value"]), (&"figure".into(), &"65".into()));
    assert_eq!(figure["message"], "“临时救助” was 56户 before, 65户 here", "{figure}");
    assert_eq!(figure["suggestion"], "check the figures agree");
    let zh = rows(&db, &["--lang", "zh-CN", "check", "--all"]);
    let figure = zh.iter().find(|f| f["kind"] == "figure").unwrap();
    assert_eq!(figure["message"], "“临时救助”前文为 56户，此处为 65户", "{figure}");
    assert_eq!(figure["suggestion"], "核对统计数据，前后一致");
    let table = db.ok(&["--lang", "en", "check", "c-2", "--format", "table"]);
    assert!(table.contains("Full resident ID number") && !table.contains("message_code"), "{table}");
    let since = rows(&db, &["check", "--all", "--since", "2026-11-05"]);
    assert!(since.iter().all(|f| f["item"] == 2), "{since:?}");

    // The office's own lists: a name it added is found.
    let names = db.file("names.tsv");
    std::fs::write(&names, "name\tkind\twrong\tstatus\tnote\n临时救助\tterm\t临时求助\tcurrent\t\n").unwrap();
    let words = db.file("words.tsv");
    std::fs::write(&words, "word\tkind\tsuggestion\n").unwrap();
    std::fs::write(
        db.file("items2.jsonl"),
        concat!(
            r#"{"ref":"c-5","title":"临时求助申请指南","body":"……","form":"text","path":"unit","#,
            r#""unit":"民政局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"2026-11-21T09:00:00+08:00"}"#,
            "\n"
        ),
    )
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
        concat!(
            r#"{"ref":"g-9","title":"区长李明化调研二塘乡","#,
            r#""body":"联系人身份证号11010519491231002X。","form":"text","path":"government","#,
            r#""unit":"政府办","columns":["政务动态 / 象山动态"],"#,
            r#""submitted_at":"2026-11-25T09:00:00+08:00"}"#,
            "\n"
        ),
    )
    .unwrap();
    db.ok(&["import", db.file("pending.jsonl").to_str().unwrap()]);
    let approve = ["review", "approve", "g-9", "--checks", "1,2,3,4,5,6,7"];
    let out = db.run(&approve);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{e}");
    // Each kind in words, with the name `check waive --kind` takes, in the reader's language.
    assert!(
        e.contains(
            "item 5 has 2 blocking findings: leader name (leader_name) “李明化” (title 2-5); \
             ID number (id_number) “11010519491231002X” (body 7-25); fix them, or waive each with \
             `portal-admin check waive 5 --kind KIND"
        ),
        "{e}"
    );
    let zh = stderr(&db.command(&approve).env("LANG", "zh_CN.UTF-8").output().unwrap());
    assert!(
        zh.contains(
            "信息 5 有 2 处阻止发布的问题：领导姓名（leader_name）“李明化”（标题 2-5）；\
             身份证号（id_number）“11010519491231002X”（正文 7-25）"
        ),
        "{zh}"
    );
    let out = db.run(&["check", "waive", "g-9", "--kind", "leader_name", "--text", "李明化", "--reason", " "]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    db.ok(&[
        "check",
        "waive",
        "g-9",
        "--kind",
        "leader_name",
        "--text",
        "李明化",
        "--reason",
        "经核实为同名群众，非区长",
    ]);
    assert!(stderr(&db.run(&approve)).contains("has a blocking finding: ID number (id_number)"));
    db.ok(&[
        "check",
        "waive",
        "g-9",
        "--kind",
        "id_number",
        "--text",
        "11010519491231002X",
        "--reason",
        "本人书面同意公开",
    ]);
    db.ok(&approve);
    let history = db.ok(&["show", "g-9"]);
    assert!(history.contains("finding waived: leader name “李明化” — 经核实为同名群众，非区长"), "{history}");
    let shown = rows(&db, &["check", "g-9"]);
    assert!(shown.iter().all(|f| f["waived"].as_str().is_some_and(|w| w.contains(':'))), "{shown:?}");
    let mut raw = db.any().await;
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'finding.waive' AND target = 'item:5'").await,
        2
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'g-9' AND stage = 'publish'").await, 1);
    // Online, its waived findings say so in the check of everything online too; others' do not.
    db.ok(&["publish", "g-9"]);
    let all = rows(&db, &["check", "--all"]);
    let mine: Vec<_> = all.iter().filter(|f| f["item"] == 5).collect();
    assert_eq!(mine.len(), 2, "{all:?}");
    assert!(
        mine.iter()
            .all(|f| f["waived"].as_str().is_some_and(|w| w.contains("本人书面同意公开") || w.contains("同名群众"))),
        "{mine:?}"
    );
    assert!(all.iter().filter(|f| f["item"] != 5).all(|f| f["waived"].is_null() || f["waived"] == ""), "{all:?}");
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
    assert!(
        text.contains("李明华\tleader") && text.ends_with("临时救助\tterm\t临时求助、临时救主\tcurrent\t\n"),
        "{text}"
    );
    let out = run(&["check", "add-word", "仅供内部参考", "--kind", "secret", "--suggestion", "内部资料不得公开发布"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        db.file("more.jsonl"),
        concat!(
            r#"{"ref":"c-6","title":"临时求助申请指南（仅供内部参考）","body":"……","form":"text","#,
            r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"2026-11-21T09:00:00+08:00"}"#,
            "\n"
        ),
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

/// A fire-patrol notice as the office first gets it (the district head's name written wrong, a
/// patrolman's full ID number, a count quoted twice with two values), then as its unit corrects it
/// (the name and the count fixed; the ID number kept, with the patrolman's written consent).
const NOTICE: &str = concat!(
    r#"{"ref":"g-7","title":"区长李明化调研二塘乡森林防火工作","#,
    r#""body":"护林员张某，身份证号11010519491231002X。全区投入巡查人员320人……各乡共投入巡"#,
    r#"查人员350人。","form":"text","path":"government","unit":"政府办","#,
    r#""columns":["政务动态 / 象山动态"],"submitted_at":"2026-11-25T09:00:00+08:00"}"#
);
const CORRECTED: &str = concat!(
    r#"{"ref":"g-7","title":"区长李明华调研二塘乡森林防火工作","#,
    r#""body":"护林员张某，身份证号11010519491231002X。全区投入巡查人员320人……各乡共投入巡"#,
    r#"查人员320人。","form":"text","path":"government","unit":"政府办","#,
    r#""columns":["政务动态 / 象山动态"],"submitted_at":"2026-11-26T09:00:00+08:00"}"#
);

/// Each decision keeps the findings present when it was made (in its audit record): `show` says
/// what each one found, waived or not, and what was fixed between two.
async fn a_decision_keeps_its_findings_and_the_history_shows_what_was_fixed(db: TestDb) {
    db.ok(&["init"]);
    std::fs::write(db.file("notice.jsonl"), format!("{NOTICE}\n")).unwrap();
    db.ok(&["import", db.file("notice.jsonl").to_str().unwrap()]);
    db.ok(&["review", "reject", "g-7", "--failed", "1,7", "--reason", "区长姓名、巡查人数待核"]);
    let mut raw = db.any().await;
    let recorded = "SELECT COUNT(*) FROM audit_log WHERE action = 'review.reject' AND target = 'item:1' \
                    AND detail LIKE \
                        '%\"findings\":[{\"kind\":\"leader_name\",\"text\":\"李明化\",\"span\":\"title:2-5\"%' \
                    AND detail LIKE '%\"kind\":\"id_number\"%' AND detail LIKE \
                        '%\"kind\":\"figure\",\"text\":\"350人\"%'";
    assert_eq!(raw.count(recorded).await, 1, "the rejection's audit record holds the three findings");

    // Corrected and submitted again: the ID number still blocks until waived.
    std::fs::write(db.file("corrected.jsonl"), format!("{CORRECTED}\n")).unwrap();
    db.ok(&["import", db.file("corrected.jsonl").to_str().unwrap()]);
    let approve = ["review", "approve", "g-7", "--checks", "1,2,3,4,5,6,7"];
    assert!(stderr(&db.run(&approve)).contains("has a blocking finding: ID number (id_number)"));
    db.ok(&[
        "check",
        "waive",
        "g-7",
        "--kind",
        "id_number",
        "--text",
        "11010519491231002X",
        "--reason",
        "本人书面同意公开",
    ]);
    db.ok(&approve);

    let shown = db.ok(&["show", "g-7"]);
    let history: Vec<&str> = shown.lines().skip_while(|l| *l != "history:").collect();
    let at = |what: &str| {
        history.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("no {what:?} in:\n{shown}"))
    };
    let reject = at("reject (office_review)");
    let found_name = at("found at reject (office_review): leader name “李明化” (title:2-5, blocking) \
         Wrong name: “李明化” should be “李明华”");
    // Recorded at the decision as a code and its arguments: read in the reader's language.
    let zh = db.ok(&["--lang", "zh-CN", "show", "g-7"]);
    assert!(zh.contains("名称错误：“李明化”应为“李明华”"), "{zh}");
    let found_figure = at("found at reject (office_review): figure “350人” (body:");
    let approve_at = at("approve (office_review)");
    let fixed_name = at("fixed by approve (office_review): leader name “李明化” (found at the decision before)");
    let fixed_figure = at("fixed by approve (office_review): figure “350人”");
    let waived = at("found at approve (office_review): ID number “11010519491231002X” (body:10-28, \
            blocking) Full resident ID number — waived (");
    assert!(history[waived].ends_with(": 本人书面同意公开)"), "{}", history[waived]);
    assert!(reject < found_name && found_name < found_figure && found_figure < approve_at, "{shown}");
    assert!(approve_at < fixed_name && fixed_name < waived && fixed_figure < waived, "{shown}");
    assert!(
        !history.iter().any(|l| l.contains("found at approve (office_review): leader name")),
        "the name was fixed: {shown}"
    );
    // The same, in JSON.
    let json: Value = serde_json::from_str(&db.ok(&["show", "g-7", "--format", "json"])).unwrap();
    let events: Vec<&str> = json["history"].as_array().unwrap().iter().map(|h| h["event"].as_str().unwrap()).collect();
    assert!(events.iter().any(|e| e.starts_with("fixed by approve (office_review): figure “350人”")), "{events:?}");
    assert_eq!(
        raw.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'review.approve' AND target = 'item:1' \
        AND detail LIKE '%\"waived\":%本人书面同意公开%'"
        )
        .await,
        1
    );
}

on_both_backends!(a_decision_keeps_its_findings_and_the_history_shows_what_was_fixed);

/// The console's waiver and approval go through the store as `check waive` and `review approve`
/// do: the waiver is written with its audit record, the item's findings then say so, and the
/// approval that was refused passes, keeping the waived finding in its record.
async fn the_console_waives_a_finding_and_then_approves(db: TestDb) {
    use portal_admin::store::{self, OpenOptions, Target};
    use portal_admin::ui::app::{Load, Loaded};
    use portal_admin::ui::views;
    db.ok(&["init"]);
    std::fs::write(db.file("notice.jsonl"), format!("{CORRECTED}\n")).unwrap();
    db.ok(&["import", db.file("notice.jsonl").to_str().unwrap()]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let load = |what: Load| portal_admin::ui::load(store.as_ref(), &site, what);
    let approve = || {
        Load::from(views::queue::Load::Review {
            item: 1,
            version: 1,
            decision: portal_admin::domain::review::Decision::Approve {
                checks: portal_admin::domain::review::Checks::ALL,
                comment: String::new(),
            },
        })
    };
    let Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Err(why)))) = load(approve()).await else {
        panic!("a full ID number blocks the approval")
    };
    assert!(why.contains("ID number (id_number) “11010519491231002X”"), "{why}");
    let Loaded::View(views::Loaded::Queue(views::queue::Loaded::ItemFindings(1, Ok(found)))) =
        load(views::queue::Load::ItemFindings { id: 1 }.into()).await
    else {
        panic!()
    };
    assert_eq!(found.len(), 1);
    assert!(found[0].0.blocking && found[0].1.is_none());

    let waive = views::findings::Load::Waive {
        item: 1,
        kind: "id_number".into(),
        text: "11010519491231002X".into(),
        reason: "本人书面同意公开".into(),
    };
    let Loaded::View(views::Loaded::Findings(views::findings::Loaded::Waived(1, Ok(())))) = load(waive.into()).await
    else {
        panic!("the waiver is written")
    };
    let mut raw = db.any().await;
    assert_eq!(
        raw.count(
            "SELECT COUNT(*) FROM finding_waivers WHERE item_id = 1 AND kind = 'id_number' \
            AND reason = '本人书面同意公开'"
        )
        .await,
        1
    );
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'finding.waive' AND target = 'item:1'").await,
        1
    );
    let Loaded::View(views::Loaded::Queue(views::queue::Loaded::ItemFindings(1, Ok(found)))) =
        load(views::queue::Load::ItemFindings { id: 1 }.into()).await
    else {
        panic!()
    };
    assert!(found[0].1.as_deref().is_some_and(|w| w.ends_with(": 本人书面同意公开")), "{found:?}");

    let Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Ok(t)))) = load(approve()).await else {
        panic!("the approval passes once waived")
    };
    assert_eq!(t.to.as_str(), "publish");
    assert_eq!(
        raw.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'review.approve' AND target = 'item:1' \
            AND detail LIKE '%\"findings\":[{\"kind\":\"id_number\"%\"waived\":%'"
        )
        .await,
        1
    );
    // A waiver with no reason is refused by the store, and nothing is written.
    let blank =
        views::findings::Load::Waive { item: 1, kind: "phone".into(), text: "13907731234".into(), reason: " ".into() };
    let Loaded::View(views::Loaded::Findings(views::findings::Loaded::Waived(1, Err(why)))) = load(blank.into()).await
    else {
        panic!()
    };
    assert!(why.contains("needs a reason"), "{why}");
    assert_eq!(raw.count("SELECT COUNT(*) FROM finding_waivers").await, 1);
}

on_both_backends!(the_console_waives_a_finding_and_then_approves);
