//! The review workflow (Art. 8–10) through the real binary on both databases: `queue`, `review`,
//! `publish`, `show`; every refusal; and what each step leaves in the database.

mod common;

use common::{PENDING, TestDb, fails};
use portal_admin::store::{self, OpenOptions, Target};
use portal_admin::usecase;

const ALL: &str = "1,2,3,4,5,6,7";

fn setup(db: &TestDb) {
    db.ok(&["init"]);
    let file = db.file("pending.jsonl");
    std::fs::write(&file, PENDING).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
}

/// How many items wait, as the console counts them to choose the tab it opens on.
async fn waiting(db: &TestDb) -> i64 {
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    usecase::queue::waiting(store.as_ref(), &site).await.unwrap()
}

fn queue(db: &TestDb) -> Vec<Vec<String>> {
    let out = db.ok(&["queue", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

async fn each_path_passes_its_own_step_and_goes_online(db: TestDb) {
    setup(&db);
    let q = queue(&db);
    assert_eq!(waiting(&db).await, 3, "the count is the queue's length");
    let steps: Vec<(&str, &str, &str)> = q.iter().map(|r| (r[1].as_str(), r[2].as_str(), r[9].as_str())).collect();
    // By step, oldest first; the unit item shows what it lacks.
    assert_eq!(
        steps,
        [
            ("government", "office_review", ""),
            ("unit", "recheck", "signed_scan,electronic_text,target_columns"),
            ("repost", "review", "")
        ]
    );
    fails(&db, &["review", "approve", "unit-1", "--checks", ALL], 1, "missing the head's signed and stamped scan");
    db.attach_all("unit-1").await;
    for item in ["gov-1", "unit-1", "repost-1"] {
        let out = db.ok(&["review", "approve", item, "--checks", ALL, "--comment", "七项审核均通过"]);
        assert!(out.contains("→ publish (version 2)"), "{out}");
    }
    assert!(queue(&db).iter().all(|r| r[2] == "publish"));
    let before = db.ok(&["stale", "--format", "csv"]);
    assert!(before.lines().any(|l| l.contains("政务动态 / 部门动态") && !l.contains(",ok,")), "{before}");
    for item in ["gov-1", "unit-1"] {
        let out = db.ok(&["publish", item]);
        assert!(out.contains("publish → done (version 3)"), "{out}");
    }
    // In Chinese, the steps in the regulation's words, not their command-line names.
    let out = db.ok(&["--lang", "zh-CN", "publish", "repost-1"]);
    assert!(out.contains("：待发布 → 已发布（第3版）"), "{out}");
    assert!(queue(&db).is_empty());
    assert_eq!(waiting(&db).await, 0, "none waits: the console opens on the columns");
    // The column's staleness changes at once.
    let after = db.ok(&["stale", "--format", "csv"]);
    let row = after.lines().find(|l| l.contains("政务动态 / 部门动态,")).unwrap();
    assert!(row.contains(",ok,"), "{row}");

    let mut raw = db.any().await;
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM items WHERE status = 'online' AND stage = 'done' AND published_at IS NOT NULL")
            .await,
        3
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM placements WHERE online_since IS NOT NULL").await, 3);
    assert_eq!(raw.count("SELECT COUNT(*) FROM reviews WHERE decision = 'approve' AND checks_affirmed = 127").await, 3);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.approve' AND target LIKE 'item:%'").await,
        3
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'publish'").await, 3);
    // The running totals count the two unit-sourced items (not the repost), each at its form.
    assert_eq!(
        raw.count("SELECT CAST(COALESCE(SUM(text + image_text + video), 0) AS BIGINT) FROM unit_day_points").await,
        2
    );
    assert_eq!(raw.count("SELECT CAST(COALESCE(SUM(image_text), 0) AS BIGINT) FROM unit_day_points").await, 1);
    let shown = db.ok(&["show", "unit-1"]);
    assert!(
        shown.contains("approve (recheck) — 七项审核均通过") && shown.contains("attachment scan: signed_scan.pdf"),
        "{shown}"
    );
    // The same history in Chinese, from the same wording as the console's item page; JSON stays English.
    let zh = db.ok(&["--lang", "zh-CN", "show", "unit-1"]);
    assert!(zh.contains("复核通过——七项审核均通过") && zh.contains("附件（扫描件）：signed_scan.pdf"), "{zh}");
    assert!(!zh.contains("approve (recheck)") && !zh.contains("submitted"), "{zh}");
    // Its facts and its columns' forms in words, not the codes JSON keeps (image_text, done, online).
    let facts = zh.lines().nth(1).unwrap();
    assert!(facts.starts_with("编号") && facts.ends_with(" · 单位报送 · 民政局 · 图文 · 环节 已发布 · 在线"), "{zh}");
    assert!(zh.contains("政务动态 / 部门动态（图文）") && !zh.contains("image_text"), "{zh}");
    let facts = shown.lines().nth(1).unwrap();
    assert!(facts.ends_with(" · unit · 民政局 · image+text · stage done · online"), "{shown}");
    let json = db.ok(&["--lang", "zh-CN", "show", "unit-1", "--format", "json"]);
    assert!(json.contains("\"event\": \"approve (recheck) — 七项审核均通过\""), "{json}");
    let operator = raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'publish' AND target LIKE 'item:%'").await;
    assert_eq!(operator, 3);
    assert!(
        shown.lines().any(|l| l.contains("published") && l.split_whitespace().count() >= 3),
        "who published it: {shown}"
    );
}

async fn every_refusal_says_why_and_changes_nothing(db: TestDb) {
    setup(&db);
    let mut raw = db.any().await;
    let audit = raw.count("SELECT COUNT(*) FROM audit_log").await;
    fails(&db, &["review", "approve", "gov-1", "--checks", "1,2,3,4,5,6"], 2, "not affirmed: 7");
    fails(&db, &["review", "approve", "gov-1", "--checks", "8"], 2, "1 to 7");
    // A usage error names the help of the command typed, not the program's.
    fails(&db, &["review", "approve", "gov-1", "--checks", "1-8"], 2, "(see portal-admin review approve --help)");
    fails(&db, &["review", "reject", "gov-1", "--failed", "2", "--reason", "  "], 2, "needs a reason");
    fails(&db, &["publish", "gov-1"], 1, "not approved for publication: it is at office_review");
    fails(&db, &["review", "approve", "nope", "--checks", ALL], 1, "no item \"nope\"");
    fails(&db, &["review", "approve", "gov-1", "--checks", ALL, "--version", "9"], 1, "was changed");
    // A reviewer passes the government office's step, but not an administrator's.
    raw.exec("UPDATE operators SET role = 'reviewer'").await.unwrap();
    fails(&db, &["review", "approve", "repost-1", "--checks", ALL], 1, "(reviewer) may not pass the review step");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit, "refusals write nothing");
    db.ok(&["review", "approve", "gov-1", "--checks", ALL]);
    fails(&db, &["publish", "gov-1"], 1, "(reviewer) may not pass the publish step");
    raw.exec("UPDATE operators SET role = 'viewer'").await.unwrap();
    fails(&db, &["review", "approve", "repost-1", "--checks", ALL], 1, "(viewer) may not pass");
    raw.exec("UPDATE operators SET role = 'admin', active = FALSE").await.unwrap();
    fails(&db, &["review", "approve", "repost-1", "--checks", ALL], 1, "no longer an active operator");
    raw.exec("UPDATE operators SET active = TRUE, name = 'somebody.else'").await.unwrap();
    fails(&db, &["review", "approve", "repost-1", "--checks", ALL], 1, "is not an operator of site xiangshan");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit + 1);
}

async fn a_rejection_returns_the_item_with_the_failed_checks_on_record(db: TestDb) {
    setup(&db);
    let out = db.ok(&["review", "reject", "repost-1", "--failed", "3,6", "--reason", "来源不明，暂不宜转载"]);
    assert!(out.contains("review → returned"), "{out}");
    let mut raw = db.any().await;
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM items WHERE ref = 'repost-1' AND status = 'returned' AND stage = 'returned'")
            .await,
        1
    );
    assert_eq!(raw.count("SELECT checks_failed FROM reviews WHERE decision = 'reject'").await, 0b10_0100);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.reject'").await, 1);
    assert_eq!(queue(&db).len(), 2);
    fails(&db, &["review", "approve", "repost-1", "--checks", ALL], 1, "not waiting for review: it is at returned");
}

async fn publishing_into_chosen_columns_replaces_the_targets(db: TestDb) {
    setup(&db);
    db.ok(&["review", "approve", "repost-1", "--checks", ALL]);
    let columns = db.ok(&["columns", "--format", "csv"]);
    let id_of = |path: &str| {
        columns.lines().find(|l| l.split(',').nth(1) == Some(path)).unwrap().split(',').next().unwrap().to_string()
    };
    let (a, b) = (id_of("新闻要问 / 全国要闻"), id_of("新闻要问 / 广西要闻"));
    fails(&db, &["publish", "repost-1", "--column", "999999"], 1, "not a column of site xiangshan");
    let out = db.ok(&["publish", "repost-1", "--column", &a, "--column", &b]);
    assert!(out.contains("→ done"), "{out}");
    let shown = db.ok(&["show", "repost-1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let paths: Vec<&str> = v["columns"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["新闻要问 / 全国要闻", "新闻要问 / 广西要闻"]);
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM unit_day_points").await, 0, "a repost scores for no unit");
}

/// A unit's submission lacking what Art. 10 asks is returned for it, no check failed (none was
/// answered): the audit record says what it lacked, no review is recorded, the history says so;
/// an item lacking nothing is never returned that way.
async fn an_item_lacking_its_attachments_is_returned_for_them_without_failing_a_check(db: TestDb) {
    setup(&db);
    let mut raw = db.any().await;
    let audit = raw.count("SELECT COUNT(*) FROM audit_log").await;
    fails(&db, &["review", "return", "repost-1", "--reason", "缺少扫描件"], 1, "lacks nothing Art. 10 asks");
    fails(&db, &["review", "return", "unit-1", "--reason", " "], 2, "needs a reason");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit, "refusals write nothing");
    let out = db.ok(&["review", "return", "unit-1", "--reason", "请补报部门领导签字盖章扫描件"]);
    assert!(out.contains("recheck → returned"), "{out}");
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM items WHERE ref = 'unit-1' AND status = 'returned' AND stage = 'returned'")
            .await,
        1
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM reviews").await, 0, "no check was answered");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.return'").await, 1);
    let said = "SELECT COUNT(*) FROM audit_log WHERE action = 'review.return' \
                AND detail LIKE '%\"lacking\":[\"signed_scan\",\"electronic_text\",\"target_columns\"]%'";
    assert_eq!(raw.count(said).await, 1, "the audit record says what it lacked");
    let shown = db.ok(&["show", "unit-1"]);
    assert!(
        shown.contains("return (recheck): lacking scan, e-text, columns — 请补报部门领导签字盖章扫描件"),
        "{shown}"
    );
    // Complete, it is no longer returned for what it lacks.
    db.ok(&["review", "approve", "gov-1", "--checks", ALL]);
    fails(&db, &["review", "return", "gov-1", "--reason", "缺少扫描件"], 1, "not waiting for review");
}

on_both_backends!(
    an_item_lacking_its_attachments_is_returned_for_them_without_failing_a_check,
    each_path_passes_its_own_step_and_goes_online,
    every_refusal_says_why_and_changes_nothing,
    a_rejection_returns_the_item_with_the_failed_checks_on_record,
    publishing_into_chosen_columns_replaces_the_targets
);

/// `retractions`: the most urgent first (a suspected secret above improper above error above
/// outdated, then the oldest), and an alarm for a secret waiting more than 15 minutes.
async fn retraction_requests_are_listed_most_urgent_first(db: TestDb) {
    setup(&db);
    let mut raw = db.any().await;
    let now = chrono::Utc::now();
    let ago = |minutes: i64| (now - chrono::Duration::minutes(minutes)).to_rfc3339();
    for (reason, minutes) in
        [("outdated", 600), ("classified", 5), ("improper", 30), ("classified", 20), ("error", 900)]
    {
        raw.exec(&format!(
            "INSERT INTO retraction_requests (site_id, item_id, unit_id, reason, note, status, requested_at) \
             SELECT i.site_id, i.id, i.unit_id, '{reason}', '请撤回', 'pending', {} FROM items i WHERE i.ref = 'gov-1'",
            // SQLite keeps times as RFC 3339 text (a cast would make a number of it).
            if db.backend == common::Backend::Sqlite {
                format!("'{}'", ago(minutes))
            } else {
                format!("CAST('{}' AS TIMESTAMPTZ)", ago(minutes))
            }
        ))
        .await
        .unwrap();
    }
    let out = db.ok(&["retractions", "--status", "pending", "--format", "csv"]);
    let rows: Vec<(String, String)> = out
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[4].to_string(), f[5].to_string())
        })
        .collect();
    let expected = [
        ("classified", "alarm"),
        ("classified", "highest"),
        ("improper", "high"),
        ("error", "normal"),
        ("outdated", "low"),
    ];
    assert_eq!(rows, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(db.ok(&["retractions", "--status", "done", "--format", "csv"]).lines().count(), 1);
    let out = db.run(&["retractions", "--status", "maybe"]);
    assert_eq!(out.status.code(), Some(2));
}

on_both_backends!(retraction_requests_are_listed_most_urgent_first);

/// A unit's corrected resubmission of a returned item starts its step again, keeping the history;
/// any other known ref is still refused, and nothing of that import is written.
async fn a_returned_item_resubmitted_starts_its_step_again(db: TestDb) {
    setup(&db);
    db.ok(&["review", "reject", "repost-1", "--failed", "6", "--reason", "时效已过"]);
    let corrected = concat!(
        r#"{"ref":"repost-1","title":"国务院办公厅关于进一步优化政务服务的意见（更正）","#,
        r#""body":"更正后的转载正文","form":"image_text","path":"repost","unit":"","#,
        r#""columns":["新闻要问 / 全国要闻"],"submitted_at":"2026-11-28T10:00:00+08:00"}"#,
        "\n"
    );
    let file = db.file("again.jsonl");
    std::fs::write(&file, corrected).unwrap();
    let out = db.ok(&["import", file.to_str().unwrap()]);
    assert!(out.starts_with("imported 1 item from"), "{out}");
    let q = queue(&db);
    let row = q.iter().find(|r| r[5].contains("（更正）")).expect("back in the queue");
    assert_eq!((row[2].as_str(), row[6].as_str(), row[10].as_str()), ("review", "新闻要问 / 全国要闻", "3"));
    let shown = db.ok(&["show", "repost-1"]);
    assert!(shown.contains("reject (review) — 时效已过"), "the rejection stays on record: {shown}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'repost-1'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'item.resubmit'").await, 1);
    // An item not returned cannot be submitted again.
    let items = raw.count("SELECT COUNT(*) FROM items").await;
    std::fs::write(&file, PENDING.lines().next().unwrap()).unwrap();
    fails(&db, &["import", file.to_str().unwrap()], 2, "only an item returned to its unit can be submitted again");
    assert_eq!(raw.count("SELECT COUNT(*) FROM items").await, items);
}

on_both_backends!(a_returned_item_resubmitted_starts_its_step_again);

/// `retract` and `restore` (Art. 13): off every column at once and back, nothing deleted, pending
/// requests closed, the running totals kept by the rules of Art. 16, no-ops said plainly.
async fn a_withdrawal_and_a_restore_keep_everything_on_record(db: TestDb) {
    setup(&db);
    db.attach_all("unit-1").await;
    db.ok(&["review", "approve", "unit-1", "--checks", ALL]);
    db.ok(&["publish", "unit-1"]);
    let mut raw = db.any().await;
    let total = "SELECT CAST(COALESCE(SUM(text + image_text + video), 0) AS BIGINT) FROM unit_day_points";
    assert_eq!(raw.count(total).await, 1);
    raw.exec(
        "INSERT INTO retraction_requests (site_id, item_id, unit_id, reason, note, status, requested_at) \
        SELECT site_id, id, unit_id, 'improper', '名单含个人信息', 'pending', updated_at FROM items \
            WHERE ref = 'unit-1'",
    )
    .await
    .unwrap();
    let column = |out: String| out.lines().find(|l| l.contains("政务动态 / 部门动态,")).unwrap().to_string();
    assert!(column(db.ok(&["stale", "--format", "csv"])).contains(",ok,"));

    let out = db.ok(&["retract", "unit-1", "--reason", "improper", "--note", "含身份证号"]);
    assert!(out.contains("withdrawn (improper) from every column"), "{out}");
    assert_eq!(
        raw.count(
            "SELECT COUNT(*) FROM placements p JOIN items i ON i.id = p.item_id WHERE i.ref = 'unit-1' \
                AND p.online_since IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'unit-1' AND status = 'withdrawn'").await, 1);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM retraction_requests WHERE status = 'done' AND handled_by IS NOT NULL").await,
        1
    );
    assert_eq!(raw.count(total).await, 0, "withdrawn as improper: its points are lost");
    assert!(!column(db.ok(&["stale", "--format", "csv"])).contains(",ok,"), "the column has nothing online again");
    // Again: a no-op, said plainly.
    assert!(db.ok(&["retract", "unit-1", "--reason", "improper"]).contains("already withdrawn; nothing changed"));
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 1);

    let out = db.ok(&["restore", "unit-1", "--note", "已删除个人信息"]);
    assert!(out.contains("back online"), "{out}");
    assert_eq!(raw.count(total).await, 1);
    assert!(column(db.ok(&["stale", "--format", "csv"])).contains(",ok,"));
    assert!(db.ok(&["restore", "unit-1"]).contains("not withdrawn; nothing changed"));
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NOT NULL").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('retract', 'restore')").await, 2);
    // Withdrawn as outdated, an item keeps its points.
    db.ok(&["retract", "unit-1", "--reason", "outdated"]);
    assert_eq!(raw.count(total).await, 1);
    // A pending item cannot be withdrawn; a viewer cannot withdraw.
    fails(&db, &["retract", "gov-1", "--reason", "error"], 1, "only an online item can be withdrawn");
    raw.exec("UPDATE operators SET role = 'viewer'").await.unwrap();
    fails(&db, &["restore", "unit-1"], 1, "may not withdraw, mark or restore items");
}

on_both_backends!(a_withdrawal_and_a_restore_keep_everything_on_record);

/// `retractions request` and `retractions reject`: a unit's request recorded, a decline needs a
/// reason and happens once; a withdrawal closes the item's other pending requests.
async fn requests_are_recorded_declined_and_closed(db: TestDb) {
    setup(&db);
    db.ok(&["review", "approve", "repost-1", "--checks", ALL]);
    db.ok(&["publish", "repost-1"]);
    fails(&db, &["retractions", "request", "gov-1", "--unit", "政府办", "--reason", "error"], 1, "not online");
    fails(&db, &["retractions", "request", "repost-1", "--unit", "外星局", "--reason", "error"], 2, "no unit");
    let out = db.ok(&[
        "retractions",
        "request",
        "repost-1",
        "--unit",
        "政府办",
        "--reason",
        "outdated",
        "--note",
        "政策已更新",
    ]);
    let first: i64 = out.split_whitespace().nth(1).unwrap().trim_end_matches(':').parse().unwrap();
    db.ok(&["retractions", "request", "repost-1", "--unit", "统计局", "--reason", "error"]);
    fails(&db, &["retractions", "reject", &first.to_string(), "--reason", " "], 2, "needs a reason");
    assert!(db.ok(&["retractions", "reject", &first.to_string(), "--reason", "该文件仍然有效"]).contains("declined"));
    fails(&db, &["retractions", "reject", &first.to_string(), "--reason", "again"], 1, "not a pending request");
    db.ok(&["retract", "repost-1", "--reason", "error"]);
    let all = db.ok(&["retractions", "--format", "csv"]);
    let statuses: Vec<&str> = all.lines().skip(1).map(|l| l.split(',').nth(6).unwrap()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == "rejected").count(), 1, "{all}");
    assert_eq!(statuses.iter().filter(|s| **s == "done").count(), 1, "{all}");
    let mut raw = db.any().await;
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('retraction.request', 'retraction.decline')").await,
        3
    );
}

on_both_backends!(requests_are_recorded_declined_and_closed);

/// An item its unit already put on WeChat is aged, in the queue, from when it went out there.
async fn a_wechat_item_waits_from_when_it_went_out_on_wechat(db: TestDb) {
    db.ok(&["init"]);
    let now = chrono::Utc::now();
    let at = |hours: i64| (now - chrono::Duration::hours(hours)).to_rfc3339();
    let file = db.file("wechat.jsonl");
    std::fs::write(
        &file,
        format!(
            concat!(
                r#"{{"ref":"wx-1","title":"平山街道开展冬季消防安全宣传","body":"正文","#,
                r#""form":"image_text","path":"unit","unit":"平山街道","#,
                r#""columns":["政务动态 / 部门动态"],"channel":"wechat","wechat_at":"{}","#,
                r#""submitted_at":"{}"}}"#,
                "\n"
            ),
            at(5),
            at(1)
        ),
    )
    .unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let out = db.ok(&["queue", "--format", "csv"]);
    let row = out.lines().nth(1).unwrap();
    assert!(row.contains(",5,wechat,"), "waiting_hours from WeChat: {row}");
    let exported = db.ok(&["export"]);
    assert!(exported.contains("\"wechat_at\""), "{exported}");
}

on_both_backends!(a_wechat_item_waits_from_when_it_went_out_on_wechat);
