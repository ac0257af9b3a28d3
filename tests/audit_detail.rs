//! Issue 17, point 9: every kind of change records what it changed, before and after, in the audit
//! record its own transaction writes: requests to withdraw (made, closed by a withdrawal or a mark,
//! declined), incidents (recorded, reversed), waivers, the calendar (days added, a notice
//! imported), withdrawals and restorations, review decisions and resubmissions, publication,
//! documents, inquiries and operators' roles. Through the real binary, on both databases; each
//! record is read back with `audit` as an administrator would read it.

mod common;

use common::{Backend, TestDb, rows};
use serde_json::{Value, json};

const ALL: &str = "1,2,3,4,5,6,7";

/// Two items online (政府办's rules), one pending on the government path whose body carries an ID
/// number (a blocking finding, to waive), one pending on the repost path (to reject).
const ITEMS: &str = concat!(
    common::policies!(two),
    r#"{"ref":"gov-1","title":"象山区开展冬季森林防火巡查","#,
    r#""body":"联系人身份证号11010519491231002X。","form":"text","path":"government","#,
    r#""unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2026-11-25T09:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"repost-1","title":"国务院办公厅关于进一步优化政务服务的意见","#,
    r#""body":"转载正文","form":"text","path":"repost","unit":"","#,
    r#""columns":["新闻要问 / 国务院信息"],"submitted_at":"2026-11-22T09:00:00+08:00"}"#,
    "\n"
);

/// The same repost, corrected and submitted again after its rejection.
const RESUBMITTED: &str = concat!(
    r#"{"ref":"repost-1","title":"国务院办公厅关于进一步优化政务服务提升行政效能的意见","#,
    r#""body":"转载正文（注明来源：中国政府网）","form":"text","path":"repost","unit":"","#,
    r#""columns":["新闻要问 / 国务院信息"],"submitted_at":"2026-11-23T09:00:00+08:00"}"#,
    "\n"
);

/// A 2027 notice invented for the tests (none is published in the project's world): its form is
/// the official one, its dates only plausible.
const NOTICE_2027: &str = include_str!("notices/2027-invented.txt");

/// An audit record, its detail parsed.
struct Record {
    operator: String,
    detail: Value,
}

/// Every audit record of exactly `action` on `target`, newest first.
fn records(db: &TestDb, action: &str, target: &str) -> Vec<Record> {
    rows(db, &["audit", "--action", action])
        .into_iter()
        .filter(|r| r["action"] == action && common::target(r) == target)
        .map(|r| Record { operator: r["operator"].as_str().unwrap().to_string(), detail: r["detail"].clone() })
        .collect()
}

/// The one (newest) record of `action` on `target`: its before and after, which every change must
/// carry.
fn change(db: &TestDb, action: &str, target: &str) -> (Value, Value) {
    let found = records(db, action, target);
    let r = found.first().unwrap_or_else(|| panic!("no {action} record on {target}"));
    assert!(!r.operator.is_empty());
    let fields = r.detail.as_object().unwrap_or_else(|| panic!("{action} on {target}: {}", r.detail));
    assert!(
        fields.contains_key("before") && fields.contains_key("after"),
        "{action} on {target} records no before and after: {}",
        r.detail
    );
    (r.detail["before"].clone(), r.detail["after"].clone())
}

fn item(db: &TestDb, reference: &str) -> String {
    let shown: Value = serde_json::from_str(&db.ok(&["show", reference, "--format", "json"])).unwrap();
    format!("item:{}", shown["id"])
}

/// The id of the newest row of a listing matching `pick`.
fn id_where(db: &TestDb, args: &[&str], pick: impl Fn(&Value) -> bool) -> i64 {
    rows(db, args)
        .into_iter()
        .filter(pick)
        .map(|r| r["id"].as_i64().unwrap())
        .max()
        .unwrap_or_else(|| panic!("none in {args:?}"))
}

async fn every_change_records_its_before_and_after(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let (zd1, zd2, gov1, repost1) = (item(&db, "zd-1"), item(&db, "zd-2"), item(&db, "gov-1"), item(&db, "repost-1"));
    let audited = |db: &TestDb| rows(db, &["audit"]).len();
    let mut count = audited(&db);
    // Each change below writes its records (and no more than it says).
    let mut wrote = |db: &TestDb, n: usize| {
        let now = audited(db);
        assert_eq!(now - count, n);
        count = now;
    };

    // Requests to withdraw: made, then closed by a withdrawal, by a mark, or declined.
    db.ok(&["retractions", "request", "zd-1", "--unit", "政府办", "--reason", "improper", "--note", "附件含个人信息"]);
    wrote(&db, 1);
    let pending = rows(&db, &["retractions", "--status", "pending"]);
    assert_eq!(pending.len(), 1, "{pending:?}");
    let first = pending[0]["id"].as_i64().unwrap();
    assert_eq!(
        change(&db, "retraction.request", &format!("request:{first}")),
        (json!(null), json!({"status": "pending"}))
    );

    db.ok(&["retract", "zd-1", "--reason", "improper", "--note", "附件含个人信息"]);
    wrote(&db, 2);
    assert_eq!(
        change(&db, "retract", &zd1),
        (json!({"stage": "done", "status": "online"}), json!({"stage": "done", "status": "withdrawn"}))
    );
    assert_eq!(
        change(&db, "retraction.close", &format!("request:{first}")),
        (json!({"status": "pending"}), json!({"status": "done", "resolution": "withdrawn"}))
    );
    assert_eq!(
        records(&db, "retraction.close", &format!("request:{first}"))[0].detail["item"].to_string(),
        zd1.trim_start_matches("item:")
    );

    db.ok(&["restore", "zd-1", "--note", "经核实无个人信息"]);
    wrote(&db, 1);
    assert_eq!(
        change(&db, "restore", &zd1),
        (json!({"stage": "done", "status": "withdrawn"}), json!({"stage": "done", "status": "online"}))
    );

    db.ok(&["retractions", "request", "zd-2", "--unit", "政府办", "--reason", "outdated"]);
    db.ok(&["retractions", "request", "zd-1", "--unit", "政府办", "--reason", "error", "--note", "标题有误"]);
    wrote(&db, 2);
    let pending = rows(&db, &["retractions", "--status", "pending"]);
    let of = |target: &str| {
        pending.iter().find(|r| format!("item:{}", r["item"]) == target).unwrap_or_else(|| panic!("{pending:?}"))["id"]
            .as_i64()
            .unwrap()
    };
    let (outdated, error) = (of(&zd2), of(&zd1));
    db.ok(&["mark", "zd-2", "--as", "repealed", "--on", "2026-11-01", "--replaced-by", "象政办〔2026〕12号"]);
    wrote(&db, 2);
    assert_eq!(change(&db, "mark", &zd2), (json!({"mark": null}), json!({"mark": "repealed"})));
    assert_eq!(
        change(&db, "retraction.close", &format!("request:{outdated}")),
        (json!({"status": "pending"}), json!({"status": "done", "resolution": "marked"}))
    );
    db.ok(&["retractions", "reject", &error.to_string(), "--reason", "标题无误，不予撤回"]);
    wrote(&db, 1);
    assert_eq!(
        change(&db, "retraction.decline", &format!("request:{error}")),
        (json!({"status": "pending"}), json!({"status": "rejected", "resolution": "declined"}))
    );
    // `audit --item` shows the item's own records and its requests'.
    let about: Vec<String> = rows(&db, &["audit", "--item", "zd-2"]).iter().map(common::target).collect();
    assert!(about.contains(&format!("request:{outdated}")) && about.contains(&zd2), "{about:?}");

    // Incidents: recorded, then reversed by a record of its own.
    db.ok(&[
        "incident",
        "add",
        "--unit",
        "政府办",
        "--kind",
        "typo",
        "--item",
        "zd-1",
        "--date",
        "2026-11-20",
        "--note",
        "标题错字",
    ]);
    wrote(&db, 1);
    let incident = id_where(&db, &["incidents", "--year", "2026"], |_| true);
    let (before, after) = change(&db, "incident.add", &format!("incident:{incident}"));
    assert_eq!(before, json!(null));
    assert_eq!((after["kind"].as_str(), after["unit"].as_str()), (Some("typo"), Some("政府办")), "{after}");
    db.ok(&["incident", "reverse", &incident.to_string(), "--note", "系误报"]);
    wrote(&db, 1);
    let reversal = id_where(&db, &["incidents", "--year", "2026"], |_| true);
    assert_eq!(
        change(&db, "incident.reverse", &format!("incident:{reversal}")),
        (
            json!({"incident": incident, "standing": true}),
            json!({"incident": incident, "standing": false, "reversed_by": reversal})
        )
    );

    // A waiver, then the review decisions: approved (the office's step, then publication),
    // rejected, and resubmitted corrected.
    db.ok(&[
        "check",
        "waive",
        "gov-1",
        "--kind",
        "id_number",
        "--text",
        "11010519491231002X",
        "--reason",
        "本人书面同意公开",
    ]);
    wrote(&db, 1);
    let (before, after) = change(&db, "finding.waive", &gov1);
    assert_eq!(before, json!({"waived": false}));
    assert_eq!(after["waived"], json!(true));
    db.ok(&["review", "approve", "gov-1", "--checks", ALL]);
    wrote(&db, 1);
    let (before, after) = change(&db, "review.approve", &gov1);
    assert_eq!(before, json!({"stage": "office_review", "status": "pending"}));
    assert_eq!(after, json!({"stage": "publish", "status": "pending"}));
    db.ok(&["publish", "gov-1"]);
    wrote(&db, 1);
    assert_eq!(
        change(&db, "publish", &gov1),
        (json!({"stage": "publish", "status": "pending"}), json!({"stage": "done", "status": "online"}))
    );
    db.ok(&["review", "reject", "repost-1", "--failed", "3", "--reason", "来源不明"]);
    wrote(&db, 1);
    let (before, after) = change(&db, "review.reject", &repost1);
    assert_eq!(before["status"], json!("pending"));
    assert_eq!(after["status"], json!("returned"));
    db.import("again.jsonl", RESUBMITTED);
    wrote(&db, 2);
    let (before, after) = change(&db, "item.resubmit", &repost1);
    assert_eq!(
        (before["status"].as_str(), before["title"].as_str()),
        (Some("returned"), Some("国务院办公厅关于进一步优化政务服务的意见"))
    );
    assert_eq!(
        (after["status"].as_str(), after["title"].as_str()),
        (Some("pending"), Some("国务院办公厅关于进一步优化政务服务提升行政效能的意见"))
    );

    // Documents and inquiries, new: nothing before.
    let column = rows(&db, &["columns"])
        .into_iter()
        .find(|c| c["path"] == "政府信息公开 / 法定主动公开内容 / 基础信息公开 / 政府文件 / ②象政办")
        .unwrap()["id"]
        .to_string();
    db.ok(&["documents", "add", "--number", "象政办〔2026〕31号", "--issued", "2026-11-30", "--column", &column]);
    wrote(&db, 1);
    let document = id_where(&db, &["documents", "--at", "2026-12-01"], |_| true);
    let (before, after) = change(&db, "documents.add", &format!("document:{document}"));
    assert_eq!((before, after["number"].as_str()), (json!(null), Some("象政办〔2026〕31号")));
    db.ok(&["inquiries", "add", "--subject", "咨询低保申请条件", "--asked", "2026-11-30"]);
    wrote(&db, 1);
    let inquiry = id_where(&db, &["inquiries"], |_| true);
    assert_eq!(
        change(&db, "inquiry.add", &format!("inquiry:{inquiry}")),
        (json!(null), json!({"answered": false, "valid": true}))
    );
    db.ok(&["inquiries", "answer", &inquiry.to_string(), "--text", "请携带户口簿到社区办理"]);
    wrote(&db, 1);
    assert_eq!(
        change(&db, "inquiry.answer", &format!("inquiry:{inquiry}")),
        (json!({"answered": false}), json!({"answered": true}))
    );

    // The calendar: days added or changed one by one, and a year's notice imported. Each day
    // says what it was (null: the calendar did not hold it) and what it is.
    db.ok(&["calendar", "add", "--holiday", "2027-01-01", "--note", "元旦"]);
    wrote(&db, 1);
    let set = &records(&db, "calendar.set", "calendar")[0].detail;
    assert_eq!(
        set,
        &json!([{
            "date": "2027-01-01",
            "kind": "holiday",
            "note": "元旦",
            "before": null,
            "after": {"kind": "holiday", "note": "元旦"}
        }])
    );
    // A built-in day changed: what it was is kept.
    db.ok(&["calendar", "add", "--holiday", "2026-10-01", "--note", "国庆节（更正）"]);
    wrote(&db, 1);
    let set = &records(&db, "calendar.set", "calendar")[0].detail;
    assert_eq!(set[0]["before"]["kind"], json!("holiday"), "{set}");
    assert_ne!(set[0]["before"]["note"], json!("国庆节（更正）"), "{set}");
    assert_eq!(set[0]["after"], json!({"kind": "holiday", "note": "国庆节（更正）"}), "{set}");
    let file = db.file("2027.txt");
    std::fs::write(&file, NOTICE_2027).unwrap();
    db.ok(&["calendar", "import", file.to_str().unwrap()]);
    wrote(&db, 1);
    let (before, after) = change(&db, "calendar.import", "calendar:2027");
    assert_eq!((before, after), (json!({"notice_held": false}), json!({"notice_held": true})));
    let imported = records(&db, "calendar.import", "calendar:2027")[0].detail["days"].clone();
    let days = imported.as_array().unwrap();
    // 1 January was added by hand before: the import finds it held and leaves it; the other
    // days are new.
    assert!(days.iter().all(|d| d["date"] != "2027-01-01"), "{imported}");
    let second = days.iter().find(|d| d["date"] == "2027-01-02").unwrap_or_else(|| panic!("{imported}"));
    assert_eq!((second["before"].clone(), second["after"]["kind"].clone()), (json!(null), json!("holiday")));
    let saturday = days.iter().find(|d| d["date"] == "2027-05-08").unwrap_or_else(|| panic!("{imported}"));
    assert_eq!(saturday["after"]["kind"], json!("workday"));
    // A day the notice changes says what it was.
    db.ok(&["calendar", "add", "--holiday", "2027-05-08"]);
    db.ok(&["calendar", "import", file.to_str().unwrap()]);
    wrote(&db, 2);
    let again = records(&db, "calendar.import", "calendar:2027");
    assert_eq!(again.len(), 2, "the second import changed 8 May back");
    let eighth = again[0].detail["days"].as_array().unwrap().iter().find(|d| d["date"] == "2027-05-08").cloned();
    assert_eq!(
        eighth.map(|d| (d["before"]["kind"].clone(), d["after"]["kind"].clone())),
        Some((json!("holiday"), json!("workday"))),
        "{:?}",
        again[0].detail
    );
    assert_eq!(
        (again[0].detail["before"].clone(), again[0].detail["after"].clone()),
        (json!({"notice_held": true}), json!({"notice_held": true}))
    );

    // An operator's role, added then changed.
    let name =
        format!("pa_audit_{}_{}", std::process::id(), if db.backend == Backend::Postgres { "pg" } else { "lite" });
    db.ok(&["operators", "add", &name, "--role", "viewer"]);
    db.ok(&["operators", "role", &name, "reviewer"]);
    wrote(&db, 2);
    assert_eq!(
        change(&db, "operator.set", &format!("operator:{name}")),
        (json!({"role": "viewer", "active": true}), json!({"role": "reviewer", "active": true}))
    );

    // Nothing written anywhere recorded a change without its before and after.
    for r in rows(&db, &["audit"]) {
        let action = r["action"].as_str().unwrap();
        // What `init` and bulk loads record is what they loaded, counted: there is no single
        // before and after of a thousand rows.
        if matches!(action, "init" | "import" | "demo" | "schema.upgrade") {
            continue;
        }
        let detail = r["detail"].clone();
        let carries = |d: &Value| d.get("before").is_some() && d.get("after").is_some();
        let ok = match &detail {
            Value::Array(days) => days.iter().all(carries),
            d => carries(d),
        };
        assert!(ok, "{action} on {} records no before and after: {detail}", r["target"]);
    }
    if db.backend == Backend::Postgres {
        db.drop_with_roles(&[&name]).await;
    }
}

on_both_backends!(every_change_records_its_before_and_after);

/// The Audit tab's `/` finds records by their action as a person reads it (issue 20): 撤回 or
/// "withdraw" finds the withdrawal, though its stored action is `retract` and no field of it
/// holds either word; the words are turned into the actions before the query, in either language.
async fn the_audit_filter_finds_actions_by_their_words(db: TestDb) {
    use portal_admin::domain::search::Needle;
    use portal_admin::store::{self, AuditFilter, OpenOptions, Seek, Target};
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    db.ok(&["retract", "zd-1", "--reason", "outdated"]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let found = async |typed: &str| {
        let filter = AuditFilter { text: Some(Needle::new(typed).unwrap()), ..Default::default() };
        let page = portal_admin::usecase::audit::page(store.as_ref(), &site, &filter, Seek::First, 50).await.unwrap();
        let total = portal_admin::usecase::audit::total(store.as_ref(), &site, &filter).await.unwrap();
        (page.into_iter().map(|e| e.action).collect::<Vec<_>>(), total)
    };
    for typed in ["撤回", "withdraw", "WITHDRAW", "retract"] {
        let (actions, total) = found(typed).await;
        assert_eq!(actions, ["retract"], "{typed}");
        assert_eq!(total, store::Total::Exact(1), "{typed}");
    }
    // 导入 (import) names the import's record; a word no action has finds nothing.
    assert_eq!(found("导入").await.0, ["import"]);
    assert!(found("撤销党籍").await.0.is_empty());
}
on_both_backends!(the_audit_filter_finds_actions_by_their_words);

/// The Audit tab's `/` finds what its rows show (issue 20), in the database: a value of a record's
/// detail (a note), not its JSON's field names or punctuation; a stable value by the words its
/// summary says it in (过期, the reason `outdated`), a kind of target by its words (撤回申请:
/// `request`), as the tab turns them into what it asks for before the query; and a detail written
/// by hand, not JSON, as it is, without failing the query. `audit --format table` says each
/// detail as the tab does, in the language asked for; CSV and JSON keep the JSON.
async fn the_audit_filter_finds_what_the_tab_shows(db: TestDb) {
    use portal_admin::domain::search::Needle;
    use portal_admin::store::{self, AuditFilter, OpenOptions, Seek, Target, Total};
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    db.ok(&["retract", "zd-1", "--reason", "outdated", "--note", r#"已被新文件替代（见 "v2" 版）"#]);
    db.ok(&["retractions", "request", "zd-2", "--unit", "政府办", "--reason", "error", "--note", "数字有误"]);
    // A record written by hand (an operator with psql may insert one), its detail no JSON.
    let mut raw = db.any().await;
    let now = if db.backend == Backend::Postgres { "now()" } else { "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" };
    raw.exec(&format!(
        "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
         VALUES ((SELECT MIN(id) FROM sites), {now}, 'x', 'mark', 'item:999', '手工补记：旧版已标注')"
    ))
    .await
    .unwrap();
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    // As the tab asks: the text, with the kinds of target and the values it names in words.
    let found = async |typed: &str| {
        let text = Needle::new(typed).unwrap();
        let (targets, values) = portal_admin::ui::words::audit::said_in(&text);
        let filter = AuditFilter { text: Some(text), targets, values, ..Default::default() };
        let page = portal_admin::usecase::audit::page(store.as_ref(), &site, &filter, Seek::First, 50).await.unwrap();
        let total = portal_admin::usecase::audit::total(store.as_ref(), &site, &filter).await.unwrap();
        assert_eq!(total, Total::Exact(page.len() as i64), "{typed}");
        page.into_iter().map(|e| e.action).collect::<Vec<_>>()
    };
    assert_eq!(found("新文件替代").await, ["retract"], "a note");
    assert_eq!(found("过期").await, ["retract"], "the reason, outdated, in words");
    assert_eq!(found("数字有误").await, ["retraction.request"], "a request's note");
    assert_eq!(found("撤回申请").await, ["retraction.request"], "its target, request:N, in words");
    assert_eq!(found("旧版已标注").await, ["mark"], "a detail that is no JSON, as it is");
    assert_eq!(found(r#""v2" 版"#).await, ["retract"], "a value's quotes, as typed");
    // A number: `init`'s count of columns (its summary says "291 columns").
    let columns = rows(&db, &["columns"]).len().to_string();
    assert!(found(&columns).await.contains(&"init".to_string()), "{columns}");
    // What no row shows: the JSON's field names and punctuation.
    for typed in ["requests_closed", "before", "\":\"", "{\"", "\"note\""] {
        assert_eq!(found(typed).await, Vec::<String>::new(), "{typed}");
    }

    // The command line's table says each detail as the tab does; JSON and CSV keep the JSON.
    let table = |lang: &str| db.ok(&["--lang", lang, "audit", "--action", "retract", "--format", "table"]);
    let (zh, en) = (table("zh-CN"), table("en"));
    assert!(zh.contains("过期——已被新文件替代"), "{zh}");
    assert!(en.contains("outdated — 已被新文件替代"), "{en}");
    for said in [&zh, &en] {
        assert!(!said.contains("\"reason\"") && !said.contains("requests_closed"), "{said}");
    }
    let json = rows(&db, &["audit", "--action", "retract"]);
    assert_eq!(json[0]["detail"]["reason"], "outdated", "{json:?}");
    let csv = db.ok(&["audit", "--action", "retract", "--format", "csv"]);
    assert!(csv.contains(r#""reason"":""outdated"""#), "{csv}");
}
on_both_backends!(the_audit_filter_finds_what_the_tab_shows);
