//! Stored findings (issue 21): the content checks' findings are found when an item is written
//! (imported, resubmitted, published) and stored with the version of the lists that found them;
//! `check --all` and the Findings tab read them, and `check --all` checks every item again when the
//! lists change, waivers kept. The database refuses them without an audit record.

mod common;

use common::{Raw, TestDb, rows};

const ITEMS: &str = concat!(
    r#"{"ref":"c-1","title":"区长李明化主持召开区政府常务会议","#,
    r#""body":"会议研究了象山区人民政付2026年重点工作。","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2026-11-02T09:00:00+08:00","published_at":"2026-11-02T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"c-2","title":"2026年临时救助对象公示","#,
    r#""body":"救助对象：张某，身份证号11010519491231002X，联系电话13812345678。"#,
    r#"全区临时救助共56户，其中……本月临时救助65户。","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-11-10T09:00:00+08:00","published_at":"2026-11-10T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"c-3","title":"临时求助申请指南","body":"申请条件和办理流程。","form":"text","path":"unit","#,
    r#""unit":"文体旅局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-12T09:00:00+08:00","#,
    r#""published_at":"2026-11-12T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"c-4","title":"关于印发区直机关会议安排的通知","body":"内部资料，不得外传。","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
    "\n",
);

fn setup(db: &TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
}

/// (item, kind) of `check --all`.
fn all(db: &TestDb) -> Vec<(i64, String)> {
    rows(db, &["check", "--all"])
        .iter()
        .map(|f| (f["item"].as_i64().unwrap(), f["kind"].as_str().unwrap().to_string()))
        .collect()
}

/// The kinds stored for an item (` kind kind `), or none without a row.
async fn stored_kinds(raw: &mut Raw, item: i64) -> Option<String> {
    let sql = format!("SELECT kinds FROM item_findings WHERE item_id = {item}");
    match raw {
        Raw::Sqlite(c) => sqlx::query_scalar(&sql).fetch_optional(c).await.unwrap(),
        Raw::Postgres(c) => sqlx::query_scalar(&sql).fetch_optional(c).await.unwrap(),
    }
}

async fn findings_are_stored_as_items_are_written(db: TestDb) {
    setup(&db);
    let mut raw = db.any().await;
    // Imported: every item with findings has its row, pending ones too, with the lists' version.
    assert_eq!(
        stored_kinds(&mut raw, 1).await.as_deref(),
        Some(" leader_name "),
        "a leader's and an institution's name"
    );
    assert_eq!(stored_kinds(&mut raw, 2).await.as_deref(), Some(" figure id_number phone "));
    assert_eq!(stored_kinds(&mut raw, 3).await, None, "the shipped lists know no 临时求助");
    assert_eq!(stored_kinds(&mut raw, 4).await.as_deref(), Some(" sensitive_word "));
    assert_eq!(raw.count("SELECT COUNT(DISTINCT lists) FROM item_findings").await, 1);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM item_findings f JOIN finding_lists l ON l.lists = f.lists").await,
        3,
        "init noted the lists every item of the new site is checked with"
    );
    // `check --all` reads them: online items only, newest first, nothing checked again.
    let found = all(&db);
    let want: Vec<(i64, String)> =
        [(2, "id_number"), (2, "phone"), (2, "figure"), (1, "leader_name"), (1, "leader_name")]
            .iter()
            .map(|(i, k)| (*i, k.to_string()))
            .collect();
    assert_eq!(found, want);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'findings.check'").await, 0);

    // The notice rejected, then resubmitted with another title and body: its findings replaced.
    db.ok(&["review", "reject", "c-4", "--failed", "4", "--reason", "含密级标志"]);
    db.import(
        "again.jsonl",
        concat!(
            r#"{"ref":"c-4","title":"区长李明化关于区直机关会议安排的通知","#,
            r#""body":"会议安排如下。","form":"text","path":"government","unit":"政府办","#,
            r#""columns":["政务动态 / 通知公告"],"submitted_at":"2026-11-21T09:00:00+08:00"}"#,
            "\n",
        ),
    );
    assert_eq!(stored_kinds(&mut raw, 4).await.as_deref(), Some(" leader_name "), "the title's wrong name");
    let fixed = concat!(
        r#"{"ref":"c-4","title":"关于区直机关会议安排的通知","#,
        r#""body":"会议安排如下。","form":"text","path":"government","unit":"政府办","#,
        r#""columns":["政务动态 / 通知公告"],"submitted_at":"2026-11-22T09:00:00+08:00"}"#,
        "\n",
    );
    db.ok(&["review", "reject", "c-4", "--failed", "4", "--reason", "领导姓名有误"]);
    db.import("fixed.jsonl", fixed);
    assert_eq!(stored_kinds(&mut raw, 4).await.as_deref(), Some(""), "fixed: the row stays, empty");
    // Published: its dates checked with it, and online now; nothing found.
    db.ok(&["review", "approve", "c-4", "--checks", "all"]);
    db.ok(&["publish", "c-4"]);
    assert_eq!(stored_kinds(&mut raw, 4).await.as_deref(), Some(""));
    assert_eq!(all(&db), want);
    assert!(db.ok(&["audit", "verify"]).contains("the audit trail is intact"));
}

on_both_backends!(findings_are_stored_as_items_are_written);

/// A finding that depends on the moment it was found (a publication time still to come) is read as
/// of now: once that time has passed, `check --all` no longer lists it, though nothing wrote the
/// item again; its other findings stay.
async fn a_publication_time_to_come_is_read_as_of_now(db: TestDb) {
    db.ok(&["init"]);
    let at = (chrono::Utc::now() + chrono::Duration::seconds(3)).to_rfc3339();
    let item = serde_json::json!({
        "ref": "f-1", "title": "区长李明化主持召开区政府常务会议", "body": "会议研究了重点工作。", "form": "text",
        "path": "government", "unit": "政府办", "columns": ["政务动态 / 象山动态"],
        "submitted_at": "2026-11-02T09:00:00+08:00", "published_at": at,
    });
    db.import("future.jsonl", &format!("{item}\n"));
    let kinds = |db: &TestDb| all(db).into_iter().map(|(_, kind)| kind).collect::<Vec<_>>();
    assert_eq!(kinds(&db), ["leader_name", "date"], "published in the future, as written");
    std::thread::sleep(std::time::Duration::from_secs(4));
    assert_eq!(kinds(&db), ["leader_name"], "its time has passed");
    let mut raw = db.any().await;
    assert_eq!(stored_kinds(&mut raw, 1).await.as_deref(), Some(" date leader_name "), "stored as found");
}

on_both_backends!(a_publication_time_to_come_is_read_as_of_now);

async fn new_lists_make_check_all_check_every_item_again(db: TestDb) {
    setup(&db);
    db.ok(&["check", "waive", "c-2", "--kind", "id_number", "--text", "11010519491231002X", "--reason", "公示需要"]);
    let mut raw = db.any().await;
    let before: i64 = raw.count("SELECT COUNT(*) FROM audit_log").await;
    // The office's own names list: 临时求助 is a wrong form of 临时救助.
    db.ok(&["check", "add-name", "临时救助", "--kind", "term", "--wrong", "临时求助"]);
    assert_eq!(stored_kinds(&mut raw, 3).await, None, "nothing is checked until asked");
    let found = rows(&db, &["check", "--all"]);
    let got: Vec<(i64, &str, bool)> = found
        .iter()
        .map(|f| (f["item"].as_i64().unwrap(), f["kind"].as_str().unwrap(), f["waived"].is_null()))
        .collect();
    assert!(got.contains(&(3, "wrong_term", true)), "found with the new list: {got:?}");
    assert!(got.contains(&(2, "id_number", false)), "the waiver still covers it: {got:?}");
    assert_eq!(stored_kinds(&mut raw, 3).await.as_deref(), Some(" wrong_term "));
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'findings.check'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, before + 1, "one record for every item");
    // Only the rows whose findings changed are written again (item 3's); the others stand for the
    // new lists through the site's version, noted after them.
    assert_eq!(raw.count("SELECT COUNT(DISTINCT lists) FROM item_findings").await, 2, "item 3's row alone written");
    assert_eq!(
        raw.count(
            "SELECT COUNT(*) FROM finding_lists l JOIN item_findings f ON f.site_id = l.site_id \
             WHERE f.lists = l.lists OR f.found_at < l.found_at"
        )
        .await,
        4,
        "the site's version is the new lists', which every row stands for"
    );
    // The same lists again: read, not checked.
    assert_eq!(rows(&db, &["check", "--all"]).len(), found.len());
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'findings.check'").await, 1);
    // No terminal: no progress bar on standard error.
    let out = db.run(&["check", "--all"]);
    assert!(out.stderr.is_empty(), "{}", common::stderr(&out));
    assert!(db.ok(&["audit", "verify"]).contains("the audit trail is intact"));
}

on_both_backends!(new_lists_make_check_all_check_every_item_again);

/// On SQLite, the file's owner writing, rewriting or deleting a stored finding by hand is refused
/// without an audit record of their own, as PostgreSQL's deferred check refuses it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_stored_findings_are_refused_without_an_audit_record() {
    let db = TestDb::sqlite();
    setup(&db);
    let mut raw = db.any().await;
    const REFUSED: &str = "without writing its audit record";
    let at = "2026-12-01T08:00:00.000001+00:00";
    let insert = format!(
        "INSERT INTO item_findings (site_id, item_id, lists, kinds, blocking, findings, found_at, found_by) \
         VALUES (1, 3, 'x', '', 0, '[]', '{at}', 'x')"
    );
    assert!(raw.exec(&insert).await.unwrap_err().contains(REFUSED));
    let e = raw.exec("UPDATE item_findings SET kinds = '', findings = '[]', blocking = 0").await.unwrap_err();
    assert!(e.contains(REFUSED), "a finding hidden by hand: {e}");
    let e = raw.exec(&format!("UPDATE item_findings SET findings = '[]', found_at = '{at}'")).await.unwrap_err();
    assert!(e.contains(REFUSED), "{e}");
    assert!(raw.exec("DELETE FROM item_findings").await.unwrap_err().contains("DELETE refused"));
    let e = raw.exec(&format!("UPDATE finding_lists SET lists = 'x', found_at = '{at}'")).await.unwrap_err();
    assert!(e.contains(REFUSED), "{e}");
    // With a record of its own just before, it goes in, and the record is in the trail.
    raw.exec(&format!(
        "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
         VALUES (1, '{at}', 'x', 'findings.check', 'site:xiangshan', '{{}}')"
    ))
    .await
    .unwrap();
    raw.exec(&insert).await.unwrap();
}

/// On PostgreSQL, an administrator's own `psql` writes no stored finding without an audit record,
/// a viewer none at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_stored_findings_need_an_audit_record_and_an_administrator() {
    use sqlx::Connection;
    let db = TestDb::new(common::Backend::Postgres).await;
    setup(&db);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let (admin, viewer) = (format!("pa_fadm_{nanos}"), format!("pa_fview_{nanos}"));
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    db.ok(&["operators", "add", &viewer, "--role", "viewer"]);
    let hide = "UPDATE item_findings SET kinds = '', findings = '[]', blocking = 0 WHERE item_id = 2";
    let audited = "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
                   VALUES (1, now(), 'x', 'findings.check', 'site:xiangshan', '{}')";
    let run = |url: String, statements: Vec<&'static str>| async move {
        let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query("BEGIN").execute(&mut c).await.unwrap();
        for s in statements {
            if let Err(e) = sqlx::query(s).execute(&mut c).await {
                return Err(e.to_string());
            }
        }
        sqlx::query("COMMIT").execute(&mut c).await.map(|_| ()).map_err(|e| e.to_string())
    };
    let e = run(db.as_login(&admin).url.clone(), vec![hide]).await.unwrap_err();
    assert!(e.contains("without writing its audit record"), "{e}");
    let e = run(db.as_login(&admin).url.clone(), vec!["DELETE FROM item_findings", audited]).await.unwrap_err();
    assert!(e.contains("permission denied for table item_findings"), "nobody deletes one: {e}");
    let e = run(db.as_login(&viewer).url.clone(), vec![hide, audited]).await.unwrap_err();
    assert!(e.contains("permission denied"), "{e}");
    // A viewer's `check --all` after a change of lists checks afresh and stores nothing.
    let as_viewer = db.as_login(&viewer);
    std::fs::create_dir_all(as_viewer.dir.path().join("config/portal-admin")).unwrap();
    std::fs::write(
        as_viewer.dir.path().join("config/portal-admin/names.tsv"),
        "name\tkind\twrong\tstatus\tnote\n临时救助\tterm\t临时求助\tcurrent\t\n",
    )
    .unwrap();
    let found = rows(&as_viewer, &["check", "--all"]);
    assert!(found.iter().any(|f| f["item"] == 3 && f["kind"] == "wrong_term"), "{found:?}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'findings.check'").await, 0);
    drop(raw);
    drop(as_viewer);
    db.drop_with_roles(&[&admin, &viewer]).await;
}

/// An item whose stored findings change with the names list `NEW_NAME` adds (a phone number, and
/// then also 临时求助 for 临时救助).
const CHANGES: &str = concat!(
    r#"{"ref":"c-5","title":"临时求助热线","body":"临时求助请拨打13812345678。","form":"text","path":"unit","#,
    r#""unit":"民政局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-13T09:00:00+08:00","#,
    r#""published_at":"2026-11-13T15:00:00+08:00"}"#,
    "\n",
);

/// `check add-name` of the office's own names list: 临时求助 is a wrong form of 临时救助.
const NEW_NAME: [&str; 7] = ["check", "add-name", "临时救助", "--kind", "term", "--wrong", "临时求助"];

/// The demo's items, `ITEMS` and `CHANGES`, written (and checked as written) with the lists in
/// effect.
fn site_with_items(db: &TestDb) {
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "40", "--seed", "5", "--to", "2026-11-20"]);
    db.import("items.jsonl", ITEMS);
    db.import("changes.jsonl", CHANGES);
}

/// Every stored row: item → (findings as stored, when found).
async fn stored_rows(raw: &mut Raw) -> std::collections::BTreeMap<i64, (String, String)> {
    let sql = "SELECT item_id, findings, CAST(found_at AS TEXT) FROM item_findings";
    let rows: Vec<(i64, String, String)> = match raw {
        Raw::Sqlite(c) => sqlx::query_as(sql).fetch_all(c).await.unwrap(),
        Raw::Postgres(c) => sqlx::query_as(sql).fetch_all(c).await.unwrap(),
    };
    rows.into_iter().map(|(item, findings, at)| (item, (findings, at))).collect()
}

/// `check --all` after the lists changed, read and checked a few items at a time, stores what a
/// fresh check of every item with the new lists stores (a second database, its items written with
/// the new lists in effect from the start), and writes only the rows whose findings changed: the
/// others keep when they were found, and stand for the new lists through `finding_lists`.
async fn check_all_stores_what_a_fresh_check_would(db: TestDb) {
    checked_again_as_fresh(db, None).await;
}

on_both_backends!(check_all_stores_what_a_fresh_check_would);

/// SQLite keeps a time as text: `check --all` reads an item's in place when it is RFC 3339 (what
/// the store writes), and any other spelling of the same instant through sqlx, as every other
/// reading does (here every third item's, SQLite's own 'YYYY-MM-DD HH:MM:SS'): what it stores is
/// what a fresh check stores all the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_check_all_reads_a_time_respelled_as_it_was() {
    let db = TestDb::new(common::Backend::Sqlite).await;
    let respell = "UPDATE items SET submitted_at = replace(replace(submitted_at, 'T', ' '), '+00:00', ''), \
                   published_at = replace(replace(published_at, 'T', ' '), '+00:00', '') WHERE id % 3 = 0";
    checked_again_as_fresh(db, Some(respell)).await;
}

/// SQLite keeps whatever bytes a raw session wrote: `check --all` reads a text that is not UTF-8 as
/// the rest of the store reads it (each bad sequence as U+FFFD, `Lossy`), on the threads that check
/// it, and finds what is in it where a reader of that text counts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_check_all_reads_bytes_not_utf8_as_the_store_reads_them() {
    let db = TestDb::new(common::Backend::Sqlite).await;
    setup(&db);
    let mut raw = db.any().await;
    let bad = "UPDATE items SET title = CAST(X'FF' AS TEXT) || title, \
               body = CAST(X'C0' AS TEXT) || '身份证号11010519491231002X' WHERE id = 3";
    assert_eq!(raw.exec(bad).await.unwrap(), 1);
    db.ok(&NEW_NAME);
    rows(&db, &["check", "--all"]);
    let Raw::Sqlite(c) = &mut raw else { unreachable!() };
    let stored: String =
        sqlx::query_scalar("SELECT findings FROM item_findings WHERE item_id = 3").fetch_one(c).await.unwrap();
    let found: Vec<serde_json::Value> = serde_json::from_str(&stored).unwrap();
    let spans: Vec<(&str, &str, u64, u64, &str)> = found
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap();
            (s("kind"), s("field"), f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap(), s("text"))
        })
        .collect();
    // "\u{FFFD}临时求助申请指南", "\u{FFFD}身份证号11010519491231002X".
    assert!(spans.contains(&("wrong_term", "title", 1, 5, "临时求助")), "{spans:?}");
    assert!(spans.contains(&("id_number", "body", 5, 23, "11010519491231002X")), "{spans:?}");
}

/// `check_all_stores_what_a_fresh_check_would`, with `change` run on the database before.
async fn checked_again_as_fresh(db: TestDb, change: Option<&str>) {
    use portal_admin::domain::checks::Lists;
    use portal_admin::store::{self, OpenOptions, Target};

    site_with_items(&db);
    let mut raw = db.any().await;
    if let Some(change) = change {
        assert!(raw.exec(change).await.unwrap() > 10);
        let odd = raw.count("SELECT COUNT(*) FROM items WHERE submitted_at NOT LIKE '%T%+00:00'").await;
        assert!(odd > 10, "{odd} items with their times respelled");
    }
    let before = stored_rows(&mut raw).await;
    db.ok(&NEW_NAME);
    let names = std::fs::read_to_string(db.dir.path().join("config/portal-admin/names.tsv")).unwrap();
    let lists = Lists::parse(&names, include_str!("../data/checks/words.tsv")).unwrap();
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    store.use_lists(std::sync::Arc::new(lists.clone()));
    let site = store.site(None).await.unwrap();
    let pages = std::sync::Mutex::new(Vec::new());
    let checked = store.recheck_by(&site, 7, &|done, total| pages.lock().unwrap().push((done, total))).await.unwrap();
    let items = raw.count("SELECT COUNT(*) FROM items").await;
    assert_eq!(checked as i64, items);
    let pages = pages.into_inner().unwrap();
    assert_eq!(pages.len() as i64, (items + 6) / 7, "seven items a page: {pages:?}");
    assert_eq!(pages.last(), Some(&(items as u64, items as u64)));

    let fresh = TestDb::new(db.backend).await;
    fresh.ok(&["init"]);
    fresh.ok(&NEW_NAME);
    site_with_items(&fresh);
    let mut fresh_raw = fresh.any().await;
    let want = stored_rows(&mut fresh_raw).await;
    let after = stored_rows(&mut raw).await;
    let found = |rows: &std::collections::BTreeMap<i64, (String, String)>| -> Vec<(i64, String)> {
        rows.iter().filter(|(_, (f, _))| f != "[]").map(|(item, (f, _))| (*item, f.clone())).collect()
    };
    assert_eq!(found(&after), found(&want), "the findings a fresh check stores");
    let guide = raw.count("SELECT id FROM items WHERE title = '临时求助申请指南'").await;
    let hotline = raw.count("SELECT id FROM items WHERE title = '临时求助热线'").await;
    assert!(found(&after).iter().any(|(item, f)| *item == guide && f.contains("wrong_term")));

    // Rows whose findings did not change are not written again; the others are, at the check's time.
    let check_at =
        raw.count("SELECT COUNT(*) FROM item_findings f JOIN finding_lists l ON l.found_at = f.found_at").await;
    let (mut kept, mut written) = (0, 0);
    for (item, (findings, at)) in &after {
        match before.get(item) {
            Some((was, was_at)) if was == findings => {
                assert_eq!(at, was_at, "item {item}: its findings did not change, nor did its row");
                kept += 1;
            }
            _ => written += 1,
        }
    }
    assert!(kept > 1, "rows left as they were: {kept}");
    assert_eq!(written, 2, "the guide found with the new name, and the hotline's phone number with it too");
    assert_eq!(check_at, written, "the rows written take the check's time");
    assert!(!before.contains_key(&guide));
    assert!(before[&hotline].0.contains("phone") && !before[&hotline].0.contains("wrong_term"));
    assert!(after[&hotline].0.contains("phone") && after[&hotline].0.contains("wrong_term"));

    // Every row, written or not, stands for the new lists, as the Findings tab and `check --all` read it.
    assert_eq!(store.findings_version(&site).await.unwrap().as_deref(), Some(lists.version()));
    let listed = store.stored_findings(&site, None).await.unwrap();
    assert!(listed.len() > 2);
    for stored in &listed {
        assert_eq!(stored.item.lists, lists.version(), "item {}", stored.item.id);
    }
    drop(fresh_raw);
    assert!(db.ok(&["audit", "verify"]).contains("the audit trail is intact"));
}

/// `check --all` reads the issue dates of the documents items carry for a page of items at once:
/// an item is compared with the first of its documents' dates, whatever page it falls on.
async fn check_all_reads_the_issue_dates_of_each_page(db: TestDb) {
    use portal_admin::store::{self, OpenOptions, Target};

    site_with_items(&db);
    let mut raw = db.any().await;
    let item = raw.count("SELECT MIN(id) FROM items WHERE published_at IS NOT NULL AND id > 7").await;
    for (number, issued) in [("象政办〔2099〕1号", "2099-01-01"), ("象政办〔2000〕1号", "2000-01-01")] {
        raw.exec(&format!(
            "INSERT INTO documents (site_id, number, title, column_id, issued_on, item_id, published_at, recorded_at) \
             SELECT i.site_id, '{number}', '通知', p.column_id, '{issued}', i.id, i.published_at, i.published_at \
             FROM items i JOIN placements p ON p.site_id = i.site_id AND p.item_id = i.id WHERE i.id = {item} \
             ORDER BY p.column_id LIMIT 1"
        ))
        .await
        .unwrap();
    }
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    for page in [7, 1, 1000] {
        store.recheck_by(&site, page, &|_, _| {}).await.unwrap();
        let found = stored_rows(&mut raw).await;
        let row = found.get(&item).map(|(f, _)| f.as_str()).unwrap_or_default();
        // The first of its documents' dates (2000) is the one compared: nothing found.
        assert!(!row.contains("published_before_issued"), "page {page}: {row}");
    }
    raw.exec("UPDATE documents SET issued_on = '2099-02-01' WHERE number = '象政办〔2000〕1号'").await.unwrap();
    for page in [7, 1, 1000] {
        store.recheck_by(&site, page, &|_, _| {}).await.unwrap();
        let found = stored_rows(&mut raw).await;
        let row = found.get(&item).map(|(f, _)| f.as_str()).unwrap_or_default();
        assert!(row.contains("published_before_issued") && row.contains("2099-01-01"), "page {page}: {row}");
    }
}

on_both_backends!(check_all_reads_the_issue_dates_of_each_page);
