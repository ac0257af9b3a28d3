//! Every command's `--format json` (issue 23): one array of objects for a listing, one object for
//! an item or a write; lists are arrays, records objects, absent values null, never JSON written
//! inside a string; and each command's example in docs/cli.md has the fields the command gives.

mod common;

use serde_json::Value;

use common::http::Server;
use common::{Backend, PENDING, TestDb, stderr};

/// Two documents online in one column since 2023, of 政府办.
const ONLINE: &str = concat!(
    r#"{"ref":"zd-1","title":"象山区政府信息公开工作制度（2023年修订）","#,
    r#""body":"第一条　为规范政府信息公开工作……咨询电话13907731234。","form":"image_text","#,
    r#""path":"unit","unit":"政府办","columns":["政府信息公开 / 政府信息公开制度","#,
    r#""政务动态 / 通知公告"],"submitted_at":"2026-08-01T09:00:00+08:00","#,
    r#""published_at":"2026-08-03T10:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"zd-2","title":"象山区政务公开保密审查办法","#,
    r#""body":"第一条　为做好政务公开保密审查工作……","form":"text","path":"unit","#,
    r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
    r#""submitted_at":"2023-04-10T09:00:00+08:00","#,
    r#""published_at":"2023-04-11T16:30:00+08:00"}"#,
    "\n"
);

/// The commands whose JSON is checked, as docs/cli.md names them, with the arguments that run them.
const COMMANDS: &[(&str, &[&str])] = &[
    ("columns", &["columns"]),
    ("stale", &["stale", "--at", "2026-11-29"]),
    ("queue", &["queue"]),
    ("show", &["show", "zd-1"]),
    ("search", &["search", "保密审查"]),
    ("retractions", &["retractions"]),
    ("scores", &["scores", "--quarter", "2026Q3"]),
    ("scores --unit", &["scores", "--quarter", "2026Q3", "--unit", "政府办"]),
    ("incidents", &["incidents", "--year", "2026"]),
    ("rectifications", &["rectifications"]),
    ("inspect", &["inspect", "--at", "2026-11-29"]),
    ("check", &["check", "--all"]),
    ("audit", &["audit"]),
    ("audit verify", &["audit", "verify"]),
    ("documents", &["documents", "--at", "2026-11-29"]),
    ("operators", &["operators"]),
    ("sites", &["sites"]),
    ("calendar show", &["calendar", "show", "--year", "2026"]),
    ("inquiries", &["inquiries"]),
    ("keymap show", &["keymap", "show"]),
    ("config show", &["config", "show"]),
    ("retract", &["retract", "zd-2", "--reason", "outdated", "--dry-run"]),
    ("mark", &["mark", "zd-1", "--as", "repealed", "--dry-run"]),
    ("restore", &["restore", "zd-2", "--dry-run"]),
    // The withdrawal of zd-2 below is the database's first: batch 1.
    ("restore --batch", &["restore", "--batch", "1", "--dry-run"]),
    ("publish", &["publish", "repost-1", "--dry-run"]),
];

/// A string that is JSON (an object or an array written as text) where the value should be it.
fn json_in_a_string(v: &Value, at: &str, found: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let t = s.trim_start();
            if (t.starts_with('{') || t.starts_with('[')) && serde_json::from_str::<Value>(s).is_ok() {
                found.push(format!("{at}: {s}"));
            }
        }
        Value::Array(values) => values.iter().for_each(|x| json_in_a_string(x, at, found)),
        Value::Object(map) => map.iter().for_each(|(k, x)| json_in_a_string(x, &format!("{at}.{k}"), found)),
        _ => {}
    }
}

/// The fields of a command's JSON: an object's keys, or those of a listing's first row.
fn fields(v: &Value) -> Vec<String> {
    let object = match v {
        Value::Array(rows) => rows.first().unwrap_or(&Value::Null),
        other => other,
    };
    object.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// The examples docs/cli.md shows, by command: each ```json block under "Example: `portal-admin
/// COMMAND … --format json`".
fn documented_examples() -> Vec<(String, Value)> {
    let doc = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/cli.md")).unwrap();
    let mut examples = Vec::new();
    let mut rest = doc.as_str();
    while let Some(at) = rest.find("\n```json\n") {
        let before = &rest[..at];
        let heading = before.lines().last().unwrap_or_default();
        let body = &rest[at + 9..];
        let end = body.find("\n```").expect("a closed block");
        let command = heading.split("JSON of `").nth(1).and_then(|h| h.split('`').next()).unwrap_or_default();
        let value: Value = serde_json::from_str(&body[..end]).unwrap_or_else(|e| panic!("{command}: {e}"));
        examples.push((command.to_string(), value));
        rest = &body[end..];
    }
    examples
}

/// `incident add`'s arguments: a typo of 政府办 in zd-1, on `date`.
fn incident_add<'a>(date: &'a str, note: &'a str) -> Vec<&'a str> {
    vec!["incident", "add", "--unit", "政府办", "--kind", "typo", "--item", "zd-1", "--date", date, "--note", note]
}

async fn every_command_gives_structured_json(db: TestDb) {
    db.ok(&["init"]);
    db.import("online.jsonl", ONLINE);
    db.import("pending.jsonl", PENDING);
    // The seven checks as a range.
    db.ok(&["review", "approve", "repost-1", "--checks", "1-7"]);
    db.ok(&["retractions", "request", "zd-1", "--unit", "政府办", "--reason", "error", "--note", "日期有误"]);
    db.ok(&incident_add("2026-08-05", "错别字"));
    db.ok(&["retract", "zd-2", "--reason", "outdated"]);
    db.ok(&["rectifications", "add", "--unit", "政府办", "--item", "zd-1", "--note", "制度已修订，请更新"]);
    db.ok(&["inquiries", "add", "--subject", "低保申请需要哪些材料？", "--asked", "2026-11-20"]);
    let event =
        common::rows(&db, &["columns"]).into_iter().find(|c| c["rule"].as_str().unwrap().contains("of event")).unwrap()
            ["id"]
            .to_string();
    db.ok(&["documents", "add", "--number", "象政办〔2026〕30号", "--issued", "2026-11-20", "--column", &event]);
    let examples = documented_examples();
    for (name, args) in COMMANDS {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let out = db.run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?} is not JSON: {e}"));
        assert!(v.is_array() || v.is_object(), "{args:?}: {v}");
        if let Value::Array(rows) = &v {
            assert!(rows.iter().all(Value::is_object), "{args:?}: a listing is an array of objects");
            assert!(!rows.is_empty(), "{args:?} listed nothing to check");
        }
        let mut found = Vec::new();
        json_in_a_string(&v, name, &mut found);
        assert!(found.is_empty(), "JSON written inside a string: {found:?}");
        let example = examples
            .iter()
            .find(|(c, _)| c == name)
            .unwrap_or_else(|| panic!("docs/cli.md has no JSON example of {name}"));
        if !fields(&v).is_empty() {
            assert_eq!(fields(&example.1), fields(&v), "docs/cli.md's example of {name} has the command's fields");
        }
    }

    // Every write's result: one object with `action`, `dry_run` and `changed`, the fields its
    // example in docs/cli.md has, and the structures scripts read.
    let server = Server::start_in_thread();
    let linked = format!(
        concat!(
            r#"{{"ref":"zd-3","url":"{}","title":"象山区政务公开工作要点","body":"详见附件。","#,
            r#""form":"text","path":"unit","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
            r#""submitted_at":"2026-11-02T09:00:00+08:00","#,
            r#""published_at":"2026-11-03T10:00:00+08:00"}}"#
        ),
        server.url("/missing")
    );
    db.import("linked.jsonl", &(linked + "\n"));
    let inquiry = common::rows(&db, &["inquiries"])[0]["id"].to_string();
    let request = common::rows(&db, &["retractions", "--status", "pending"])[0]["id"].to_string();
    let incident = common::rows(&db, &["incidents", "--year", "2026"])[0]["id"].to_string();
    let finding = common::rows(&db, &["check", "zd-1"]).into_iter().next().expect("a finding on zd-1");
    let (finding_kind, finding_text) = (finding["kind"].as_str().unwrap(), finding["text"].as_str().unwrap());
    let login = format!("pa_json_{}", std::process::id());
    let notice = db.file("2027.txt");
    std::fs::write(&notice, include_str!("notices/2027-invented.txt")).unwrap();
    let notice = notice.to_str().unwrap();
    let writes: Vec<(&str, Vec<&str>)> = vec![
        ("incident add", incident_add("2026-08-06", "标点错误")),
        ("incident reverse", vec!["incident", "reverse", &incident, "--note", "误记"]),
        ("inquiries add", vec!["inquiries", "add", "--subject", "如何办理居住证？", "--asked", "2026-11-21"]),
        ("inquiries answer", vec!["inquiries", "answer", &inquiry, "--text", "请携带身份证到派出所办理。"]),
        ("operators add", vec!["operators", "add", &login, "--role", "viewer"]),
        ("operators role", vec!["operators", "role", &login, "reviewer"]),
        ("operators disable", vec!["operators", "disable", &login]),
        (
            "documents add",
            vec!["documents", "add", "--number", "象政办〔2026〕31号", "--issued", "2026-11-23", "--column", &event],
        ),
        ("retractions request", vec!["retractions", "request", "zd-1", "--unit", "政府办", "--reason", "outdated"]),
        ("retractions reject", vec!["retractions", "reject", &request, "--reason", "内容仍然有效"]),
        (
            "check add-name",
            vec!["check", "add-name", "象山区人民政府", "--kind", "institution", "--wrong", "象山区政府府"],
        ),
        ("check add-word", vec!["check", "add-word", "内部资料", "--kind", "secret", "--suggestion", "删除"]),
        (
            "check waive",
            vec![
                "check",
                "waive",
                "zd-1",
                "--kind",
                finding_kind,
                "--text",
                finding_text,
                "--reason",
                "公开的咨询电话",
            ],
        ),
        ("calendar add", vec!["calendar", "add", "--holiday", "2027-01-01", "--note", "元旦"]),
        ("calendar import --dry-run", vec!["calendar", "import", notice, "--dry-run"]),
        ("calendar import", vec!["calendar", "import", notice]),
        (
            "rectifications add",
            vec![
                "rectifications",
                "add",
                "--unit",
                "政府办",
                "--item",
                "zd-1",
                "--note",
                "电话号码未脱敏",
                "--days",
                "3",
            ],
        ),
        ("rectifications done", vec!["rectifications", "done", "1", "--note", "已更新制度"]),
        ("links", vec!["links", "zd-3", "--allow-private", "--timeout", "2"]),
    ];
    let mut results = std::collections::HashMap::new();
    for (name, args) in &writes {
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let out = db.run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?} is not JSON: {e}"));
        let mut found = Vec::new();
        json_in_a_string(&v, name, &mut found);
        assert!(found.is_empty(), "JSON written inside a string: {found:?}");
        let command = name.trim_end_matches(" --dry-run");
        let example = examples
            .iter()
            .find(|(c, _)| c == command)
            .unwrap_or_else(|| panic!("docs/cli.md has no JSON example of {command}"));
        assert_eq!(fields(&example.1), fields(&v), "docs/cli.md's example of {name} has the command's fields: {v}");
        if *name != "links" {
            assert_eq!(stderr(&out).lines().count(), 1, "{name}: one summary line: {}", stderr(&out));
            let dry_run = command != *name;
            assert_eq!((v["dry_run"].as_bool(), v["changed"].as_bool()), (Some(dry_run), Some(true)), "{name}: {v}");
        }
        results.insert(*name, v);
    }
    let zd1 = serde_json::from_str::<Value>(&db.ok(&["show", "zd-1", "--format", "json"])).unwrap()["id"].clone();
    assert_eq!(results["incident add"]["action"], "incident.add");
    assert_eq!(results["incident add"]["item"], zd1, "the item named by ref, as its id");
    assert_eq!(results["incident add"]["quarter"], "2026Q3");
    assert_eq!(results["incident reverse"]["reverses"].to_string(), incident);
    assert_eq!(results["inquiries add"]["invalid_reason"], Value::Null);
    assert_eq!(results["operators disable"]["role"], "reviewer", "{}", results["operators disable"]);
    assert_eq!(results["operators disable"]["active"], false);
    assert_eq!(results["documents add"]["column"]["id"].to_string(), event);
    assert!(results["documents add"]["column"]["path"].is_string(), "{}", results["documents add"]);
    assert_eq!(results["retractions request"]["item"], zd1);
    assert_eq!(
        (&results["rectifications add"]["item"], &results["rectifications add"]["days"]),
        (&zd1, &serde_json::json!(3))
    );
    assert_eq!(results["rectifications done"]["closed_how"], "by_hand");
    assert_eq!(results["check add-name"]["entry"]["wrong"], serde_json::json!(["象山区政府府"]));
    assert_eq!(
        results["calendar add"]["days"][0],
        serde_json::json!({"date": "2027-01-01", "kind": "holiday", "note": "元旦"})
    );
    for name in ["calendar import --dry-run", "calendar import"] {
        assert_eq!(results[name]["action"], "calendar.import", "{}", results[name]);
        let days = results[name]["days"].as_array().unwrap();
        assert!(days.contains(&serde_json::json!({"date": "2027-02-14", "kind": "workday", "note": "调休上班"})));
    }
    let link = &results["links"][0];
    assert_eq!((link["url"].as_str(), link["status"].as_i64()), (Some(server.url("/missing").as_str()), Some(404)));
    // A write that finds nothing to do exits 0, changed false, and says so (the first `role`
    // makes the disabled operator active again; the second finds nothing to do).
    db.ok(&["operators", "role", &login, "reviewer"]);
    let again = db.run(&["operators", "role", &login, "reviewer", "--format", "json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["changed"], false, "{again}");
    let again = db.run(&["calendar", "add", "--holiday", "2027-01-01", "--note", "元旦"]);
    assert!(stderr(&again).trim_end().ends_with("nothing changed"), "{}", stderr(&again));

    // The backup's result and its restore's, and the verdict against a head published before.
    let file = db.file("portal.backup");
    let file = file.to_str().unwrap();
    let example = |name: &str| examples.iter().find(|(c, _)| c == name).map(|(_, v)| v.clone()).expect(name);
    let made: Value = serde_json::from_str(&db.ok(&["backup", file, "--format", "json"])).unwrap();
    assert_eq!(fields(&made), fields(&example("backup")), "docs/cli.md's example of backup: {made}");
    let head = &made["heads"][0];
    assert!(head["site"] == "xiangshan" && head["id"].is_i64() && head["hash"].is_string(), "{made}");
    assert_eq!(made["recorded"], true, "{made}");
    let hash = head["hash"].as_str().unwrap();
    let verdict: Value =
        serde_json::from_str(&db.ok(&["audit", "verify", "--against", hash, "--format", "json"])).unwrap();
    assert_eq!(verdict["intact"], true, "{verdict}");
    assert_eq!(verdict["against"], hash, "{verdict}");
    assert_eq!(verdict["broken"], Value::Null, "{verdict}");
    assert_eq!(verdict["head"]["id"], head["id"], "nothing written since: the head is the backup's");
    let empty = TestDb::new(db.backend).await;
    let restored: Value = serde_json::from_str(&empty.ok(&["restore-backup", file, "--format", "json"])).unwrap();
    assert_eq!(fields(&restored), fields(&example("restore-backup")), "{restored}");
    assert_eq!(restored["tables"], made["tables"], "{restored}");

    // The structures scripts read.
    let rows = |args: &[&str]| common::rows(&db, args);
    let queued = rows(&["queue"]);
    let unit = queued.iter().find(|r| r["path"] == "unit").unwrap();
    assert!(unit["missing"].as_array().is_some_and(|m| m.len() == 3), "{unit}");
    let column = &unit["columns"][0];
    assert!(
        column["id"].is_i64() && column["path"] == "政务动态 / 部门动态" && column["form"] == "image_text",
        "{unit}"
    );
    let repost = queued.iter().find(|r| r["path"] == "repost").unwrap();
    assert_eq!(repost["unit"], Value::Null, "absent is null: {repost}");
    assert_eq!(repost["missing"], serde_json::json!([]));
    let earned = rows(&["scores", "--quarter", "2026Q3", "--unit", "政府办"]);
    assert_eq!(earned[0]["columns"].as_array().map(Vec::len), Some(2), "{earned:?}");
    let audit = rows(&["audit", "--action", "retract"]);
    assert_eq!(audit[0]["target"]["kind"], "item");
    assert!(audit[0]["target"]["id"].is_i64(), "{}", audit[0]);
    assert_eq!(audit[0]["detail"]["reason"], "outdated", "{}", audit[0]);
    let columns = rows(&["columns"]);
    assert!(columns.iter().any(|c| c["units"].as_array().is_some_and(|u| u.contains(&Value::from("政府办")))));
    // CSV keeps one line per record, the structures written as text.
    let csv = db.ok(&["audit", "--action", "retract", "--format", "csv"]);
    assert!(csv.lines().nth(1).unwrap().contains(",item:"), "{csv}");
    let csv = db.ok(&["queue", "--format", "csv"]);
    assert!(csv.contains("signed_scan,electronic_text,target_columns"), "{csv}");
    if db.backend == Backend::Postgres {
        db.drop_with_roles(&[&login]).await;
    }
}

on_both_backends!(every_command_gives_structured_json);
