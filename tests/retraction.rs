//! Retraction (Art. 13) through the real binary on both databases: old items withdrawn together,
//! marks instead of withdrawal, the audit trail, two administrators at once, and a withdrawal cut
//! off in the middle (the process killed, the connection dropped) leaving the item whole.

mod common;

use std::io::Write;
use std::process::{Child, Stdio};

use common::{Backend, TestDb, fails, paused, rows, stderr};

const COLUMN: &str = "政府信息公开 / 政府信息公开制度";

/// Five policy documents of 政府办 online in one column (four from 2023, one from June 2026), and
/// one item still pending.
const ITEMS: &str = concat!(
    common::policies!(five),
    r#"{"ref":"gov-1","title":"象山区人民政府关于2026年冬季森林防火的通告","#,
    r#""body":"为切实做好冬季森林防火工作……","form":"text","path":"government","#,
    r#""unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
    "\n"
);

fn setup(db: &TestDb) {
    db.ok(&["init"]);
    let file = db.file("items.jsonl");
    std::fs::write(&file, ITEMS).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
}

/// The column's row of `stale` as of a day.
fn stale(db: &TestDb, at: &str) -> serde_json::Value {
    rows(db, &["stale", "--at", at]).into_iter().find(|r| r["path"] == COLUMN).unwrap()
}

fn column_id(db: &TestDb) -> String {
    rows(db, &["columns"]).into_iter().find(|r| r["path"] == COLUMN).unwrap()["id"].to_string()
}

async fn status_of(db: &TestDb, reference: &str) -> (i64, i64, i64) {
    let mut raw = db.any().await;
    let online =
        raw.count(&format!("SELECT COUNT(*) FROM items WHERE ref = '{reference}' AND status = 'online'")).await;
    let placed = raw
        .count(&format!(
            "SELECT COUNT(*) FROM placements p JOIN items i ON i.id = p.item_id WHERE i.ref = '{reference}' \
                AND p.online_since IS NOT NULL"
        ))
        .await;
    let withdrawals = raw
        .count(&format!(
            "SELECT COUNT(*) FROM withdrawals w JOIN items i ON i.id = w.item_id WHERE i.ref = '{reference}'"
        ))
        .await;
    (online, placed, withdrawals)
}

/// "Everything older than DATE in this column", withdrawn as outdated in one go: one withdrawal
/// and one audit record per item, the newer item left online; then the column's last item goes
/// and the column is empty. A batch with an item that is not online changes nothing.
async fn old_items_of_a_column_are_withdrawn_together(db: TestDb) {
    setup(&db);
    let column = column_id(&db);
    assert_eq!(stale(&db, "2026-11-29")["status"], "ok");
    fails(&db, &["retract", "zd-1", "gov-1", "--reason", "outdated"], 1, "item 6 is not online (it is pending)");
    assert_eq!(status_of(&db, "zd-1").await, (1, 1, 0), "a refused batch changes nothing");
    fails(&db, &["--read-only", "retract", "zd-1", "--reason", "outdated"], 1, "read-only");
    assert_eq!(status_of(&db, "zd-1").await, (1, 1, 0));

    let out = db.ok(&[
        "retract",
        "--column",
        &column,
        "--before",
        "2024-01-01",
        "--reason",
        "outdated",
        "--note",
        "已被2026年修订版取代",
    ]);
    assert_eq!(out.matches("withdrawn (outdated) from every column").count(), 4, "{out}");
    for r in ["zd-1", "zd-2", "zd-3", "zd-4"] {
        assert_eq!(status_of(&db, r).await, (0, 0, 1), "{r}");
    }
    assert_eq!(status_of(&db, "zd-5").await, (1, 1, 0));
    let audit = rows(&db, &["audit"]);
    let retracts: Vec<_> = audit.iter().filter(|e| e["action"] == "retract").collect();
    assert_eq!(retracts.len(), 4);
    assert!(retracts.iter().all(|e| e["detail"]["batch"] == 4));
    assert_eq!(
        (&retracts[0]["detail"]["before"], &retracts[0]["detail"]["after"]),
        (
            &serde_json::json!({"stage": "done", "status": "online"}),
            &serde_json::json!({"stage": "done", "status": "withdrawn"})
        ),
        "{}",
        retracts[0]["detail"]
    );
    // Outdated items keep their points (Art. 16): 3 text + 1 image+text of 2023, 1 text of 2026.
    assert_eq!(rows(&db, &["scores", "--year", "2023"]).iter().find(|r| r["unit"] == "政府办").unwrap()["points"], 5);
    // The column still has its 2026 item: as of the end of November it is up to date.
    assert_eq!(stale(&db, "2026-11-29")["status"], "ok");

    // Again, with the newer item named too: the old ones are no-ops, the new one goes.
    let out = db.ok(&["retract", "zd-5", "--column", &column, "--before", "2024-01-01", "--reason", "outdated"]);
    assert_eq!(
        out.matches("already withdrawn; nothing changed").count(),
        0,
        "the old ones are no longer online there: {out}"
    );
    assert!(out.contains("item 5: withdrawn"), "{out}");
    assert_eq!(stale(&db, "2026-11-29")["status"], "empty", "nothing online in the column any more");
    let out = db.ok(&["retract", "zd-1", "zd-5", "--reason", "outdated"]);
    assert_eq!(out.matches("already withdrawn; nothing changed").count(), 2, "{out}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 5);
    assert_eq!(raw.count("SELECT COUNT(*) FROM items").await, 6, "nothing is deleted");
    // Again: nothing is online there before that day any more, a no-op as a repeated restore is.
    let out = db.run(&["retract", "--column", &column, "--before", "2024-01-01", "--reason", "outdated"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("went online there before 2024-01-01; nothing changed"), "{}", stderr(&out));
    let out = db.run(&["retract", "--column", &column, "--reason", "outdated"]);
    assert_eq!(out.status.code(), Some(2), "--column needs --before: {}", stderr(&out));
}

on_both_backends!(old_items_of_a_column_are_withdrawn_together);

/// A repealed policy document stays online marked 已废止, with its date and the replacing
/// document: not an update of its column, audited, answering an outdated request (and only that).
async fn a_mark_keeps_the_item_online_and_answers_an_outdated_request(db: TestDb) {
    setup(&db);
    let before = stale(&db, "2026-11-29");
    db.ok(&["retractions", "request", "zd-2", "--unit", "政府办", "--reason", "outdated", "--note", "已废止"]);
    db.ok(&["retractions", "request", "zd-3", "--unit", "政府办", "--reason", "improper", "--note", "附件含个人信息"]);
    let out = db.ok(&[
        "mark",
        "zd-2",
        "zd-3",
        "--as",
        "repealed",
        "--on",
        "2026-11-01",
        "--replaced-by",
        "象政办〔2026〕12号",
    ]);
    assert_eq!(out.matches("marked repealed (已废止) from 2026-11-01; it stays online").count(), 2, "{out}");
    assert!(out.contains("1 request closed"), "{out}");
    assert_eq!(status_of(&db, "zd-2").await, (1, 1, 0), "still online in its column");
    let after = stale(&db, "2026-11-29");
    assert_eq!(after["last_update"], before["last_update"], "a mark is not an update");
    let requests = rows(&db, &["retractions"]);
    let by_item = |reason: &str| requests.iter().find(|r| r["reason"] == reason).unwrap().clone();
    assert_eq!(by_item("outdated")["status"], "done");
    assert_eq!(by_item("outdated")["resolution"], "marked");
    assert!(by_item("outdated")["minutes_to_handle"].as_i64().unwrap() >= 0);
    assert_eq!(by_item("improper")["status"], "pending", "an improper item still has to come down");
    assert_eq!(by_item("improper")["resolution"], serde_json::Value::Null);

    let shown = db.ok(&["show", "zd-2"]);
    assert!(shown.contains("marked repealed (已废止)"), "{shown}");
    assert!(shown.contains("replaced by 象政办〔2026〕12号"), "{shown}");
    let audit = rows(&db, &["audit", "--item", "zd-2"]);
    let actions: Vec<&str> = audit.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        ["retraction.close", "mark", "retraction.request"],
        "its records, newest first, with its request's: made, then closed by the mark"
    );
    assert!(audit[1]["detail"].to_string().contains("象政办〔2026〕12号"));
    assert!(db.ok(&["mark", "zd-2", "--as", "repealed"]).contains("already marked repealed; nothing changed"));
    db.ok(&["mark", "zd-2", "--as", "amended"]);
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM item_marks").await, 3);
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE mark = 'amended'").await, 1);
    assert!(raw.exec("DELETE FROM item_marks").await.is_err(), "marks are never deleted");
    // A withdrawn item is not marked; a viewer marks nothing; --read-only writes nothing.
    db.ok(&["retract", "zd-4", "--reason", "error"]);
    fails(&db, &["mark", "zd-4", "--as", "expired"], 1, "only an online item is marked 已失效");
    let out = db.run(&["--read-only", "mark", "zd-1", "--as", "expired"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    raw.exec("UPDATE operators SET role = 'viewer'").await.unwrap();
    fails(&db, &["mark", "zd-1", "--as", "expired"], 1, "may not withdraw, mark or restore items");
    fails(&db, &["retract", "zd-1", "--reason", "outdated"], 1, "may not withdraw, mark or restore items");
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM items WHERE status = 'online' AND mark IS NULL AND ref = 'zd-1'").await,
        1
    );
}

on_both_backends!(a_mark_keeps_the_item_online_and_answers_an_outdated_request);

/// `audit --since` and `--item`, and the time from request to withdrawal kept on the request.
async fn the_audit_trail_and_the_time_to_withdraw_are_reported(db: TestDb) {
    setup(&db);
    let mut raw = db.any().await;
    // A request made 40 minutes ago (written as the source system would: a request is never edited).
    let forty_minutes_ago = match db.backend {
        Backend::Sqlite => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-40 minutes')",
        Backend::Postgres => "now() - interval '40 minutes'",
    };
    raw.exec(&format!(
        "INSERT INTO retraction_requests (site_id, item_id, unit_id, reason, note, status, requested_at) \
         SELECT i.site_id, i.id, u.id, 'classified', '疑似涉密', 'pending', {forty_minutes_ago} FROM items i, units u \
         WHERE i.ref = 'zd-1' AND u.name = '政府办'"
    ))
    .await
    .unwrap();
    raw.exec(
        "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
         SELECT site_id, requested_at, 'source', 'retraction.request', 'request:' || id, '{}' FROM retraction_requests",
    )
    .await
    .unwrap();
    let pending = rows(&db, &["retractions", "--status", "pending"]);
    assert_eq!(pending[0]["urgency"], "alarm", "a suspected secret waiting more than 15 minutes");
    db.ok(&["retract", "zd-1", "--reason", "classified"]);
    let done = rows(&db, &["retractions", "--status", "done"]);
    let minutes = done[0]["minutes_to_handle"].as_i64().unwrap();
    assert!((40..45).contains(&minutes), "{minutes}");
    assert_eq!(done[0]["resolution"], "withdrawn");

    let all = rows(&db, &["audit"]);
    assert!(all.len() >= 4, "init, import, request, retract: {all:?}");
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    assert!(rows(&db, &["audit", "--since", "2999-01-01"]).is_empty());
    assert_eq!(rows(&db, &["audit", "--since", "2000-01-01"]).len(), all.len());
    let of_item = rows(&db, &["audit", "--item", "zd-1"]);
    let actions: Vec<&str> = of_item.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["retraction.close", "retract", "retraction.request"]);
    assert!(rows(&db, &["audit", "--item", "zd-2"]).is_empty());
    fails(&db, &["audit", "--item", "zd-99"], 1, "zd-99");
    fails(&db, &["audit", "--since", "yesterday"], 2, "yesterday");
    let csv = db.ok(&["audit", "--format", "csv"]);
    assert_eq!(csv.lines().next().unwrap(), "id,at,operator,action,target,detail");
}

on_both_backends!(the_audit_trail_and_the_time_to_withdraw_are_reported);

/// Two administrators withdrawing the same items at the same moment: one withdrawal each.
async fn two_withdrawals_at_once_make_one(db: TestDb) {
    setup(&db);
    let args = ["retract", "zd-1", "zd-2", "zd-3", "--reason", "outdated"];
    let children: Vec<Child> =
        (0..2).map(|_| db.command(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()).collect();
    let outs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for out in &outs {
        assert!(out.status.success(), "{}", stderr(out));
    }
    let said: String = outs.iter().map(|o| String::from_utf8_lossy(&o.stdout).to_string()).collect();
    assert_eq!(said.matches("withdrawn (outdated)").count(), 3, "{said}");
    assert_eq!(said.matches("already withdrawn").count(), 3, "{said}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 3);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'retract'").await, 3);
}

on_both_backends!(two_withdrawals_at_once_make_one);

/// A withdrawal (and a restore, and a mark) killed between its statements leaves the item as it
/// was: fully online (or fully withdrawn); then it can be done again.
async fn a_killed_withdrawal_leaves_the_item_whole(db: TestDb) {
    setup(&db);
    db.ok(&["retractions", "request", "zd-1", "--unit", "政府办", "--reason", "outdated"]);
    let (mut child, _) = paused(&db, "retract", &["retract", "zd-1", "zd-2", "--reason", "improper"]);
    child.kill().unwrap();
    child.wait().unwrap();
    for r in ["zd-1", "zd-2"] {
        assert_eq!(status_of(&db, r).await, (1, 1, 0), "{r} is fully online");
    }
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM retraction_requests WHERE status = 'pending'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'retract'").await, 0);
    let points = "SELECT CAST(COALESCE(SUM(text + image_text + video), 0) AS BIGINT) FROM unit_day_points";
    assert_eq!(raw.count(points).await, 5);
    // Done again, it is done once and whole.
    db.ok(&["retract", "zd-1", "zd-2", "--reason", "improper"]);
    assert_eq!(status_of(&db, "zd-1").await, (0, 0, 1));
    assert_eq!(raw.count(points).await, 3);

    let (mut child, _) = paused(&db, "restore", &["restore", "zd-1"]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status_of(&db, "zd-1").await, (0, 0, 1), "fully withdrawn still");
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NULL").await, 2);

    let (mut child, _) = paused(&db, "mark", &["mark", "zd-3", "--as", "expired"]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE mark IS NOT NULL").await, 0);
    assert_eq!(raw.count("SELECT COUNT(*) FROM item_marks").await, 0);
}

on_both_backends!(a_killed_withdrawal_leaves_the_item_whole);

/// The server drops the connection in the middle of a withdrawal: the command says so on one line
/// and fails, and the item is fully online.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_mid_withdrawal_leaves_the_item_online() {
    let db = TestDb::new(Backend::Postgres).await;
    setup(&db);
    let (mut child, said) = paused(&db, "retract", &["retract", "zd-1", "--reason", "classified"]);
    let mut raw = db.any().await;
    let dropped = raw
        .count(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
            WHERE datname = current_database() AND pid <> pg_backend_pid()) t",
        )
        .await;
    assert_eq!(dropped, 1, "the paused withdrawal's connection");
    child.stdin.take().unwrap().write_all(b"\n").unwrap();
    let status = child.wait().unwrap();
    let said = said.join().unwrap();
    assert_eq!(status.code(), Some(1), "{said}");
    assert_eq!(said.trim_end().lines().count(), 1, "one line: {said}");
    assert_eq!(status_of(&db, "zd-1").await, (1, 1, 0));
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'retract'").await, 0);
}

/// A bulk withdrawal undone by its batch (`restore --batch`, as `u` on the batch marked in the
/// Withdrawn tab): every item still withdrawn back online in one transaction, its points given
/// back, an audit record each naming its withdrawal; one restored before is left as it is; a dry
/// run and a repeat change nothing; an unknown batch is refused in one line.
async fn a_bulk_withdrawal_is_restored_by_its_batch(db: TestDb) {
    setup(&db);
    let points = |db: &TestDb| {
        rows(db, &["scores", "--year", "2023"]).into_iter().find(|r| r["unit"] == "政府办").unwrap()["points"].clone()
    };
    let before = points(&db);
    let said = db.ok(&["retract", "zd-1", "zd-2", "zd-3", "zd-4", "--reason", "improper", "--format", "json"]);
    let said: serde_json::Value = serde_json::from_str(&said).unwrap();
    let batch = said["batch"].as_i64().expect("a bulk withdrawal names its batch");
    let mut raw = db.any().await;
    assert_eq!(batch, raw.count("SELECT MIN(id) FROM withdrawals").await);
    let text = db.ok(&["retract", "zd-5", "--reason", "improper"]);
    assert!(!text.contains("restore --batch"), "one item alone is no batch: {text}");
    assert_ne!(points(&db), before, "improper items lose their points");
    db.ok(&["restore", "zd-2"]);

    let out = db.run(&["restore", "--batch", &batch.to_string(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NULL").await,
        4,
        "a dry run writes nothing"
    );

    let out = db.run(&["restore", "--batch", &batch.to_string(), "--note", "误撤回"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("back online in the columns it was in").count(), 3, "{text}");
    assert!(text.contains("item 2: restored already"), "{text}");
    assert!(stderr(&out).contains("3 items restored, 1 restored already"), "{}", stderr(&out));
    for r in ["zd-1", "zd-2", "zd-3", "zd-4"] {
        assert_eq!(status_of(&db, r).await, (1, 1, 1), "{r}");
    }
    assert_eq!(status_of(&db, "zd-5").await, (0, 0, 1), "another withdrawal stays");
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NOT NULL AND restore_note = '误撤回'").await,
        3
    );
    assert_eq!(points(&db), before, "the 2023 items' points are back");
    let restores: Vec<_> = rows(&db, &["audit", "--action", "restore"]);
    assert_eq!(restores.len(), 4, "one record per item restored");
    let of_batch: Vec<_> = restores.iter().filter(|e| e["detail"]["batch"] == 3).collect();
    assert_eq!(of_batch.len(), 3, "{restores:?}");
    assert!(
        of_batch
            .iter()
            .all(|e| e["detail"]["withdrawal"].as_i64().unwrap() >= batch && e["detail"]["note"] == "误撤回")
    );
    assert_eq!(of_batch[0]["detail"]["after"], serde_json::json!({"stage": "done", "status": "online"}));

    // Again: nothing left to restore, exit 0; a batch that is not there is refused.
    let out = db.run(&["restore", "--batch", &batch.to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing changed"), "{}", stderr(&out));
    fails(&db, &["restore", "--batch", "9999"], 1, "9999 is not a withdrawal of this site");
    fails(&db, &["restore", "zd-1", "--batch", &batch.to_string()], 2, "cannot be used with");
    fails(&db, &["restore"], 2, "required");
}

on_both_backends!(a_bulk_withdrawal_is_restored_by_its_batch);

/// Issue 23: a bulk withdrawal of more items than one chunk shows its progress on a terminal (the
/// command paused after its first chunk, as a slow one would be there), and the bar is gone when
/// the summary is said.
#[test]
fn a_bulk_withdrawal_shows_its_progress_on_a_terminal() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let lines: String = (0..1_600)
        .map(|n| {
            format!(
                "{{\"ref\":\"old-{n}\",\"title\":\"象山区旧制度第{n}号\",\"body\":\"已废止。\",\"form\":\"text\",\
                 \"path\":\"unit\",\"unit\":\"政府办\",\"columns\":[\"{COLUMN}\"],\
                 \"submitted_at\":\"2022-03-01T09:00:00+08:00\",\"published_at\":\"2022-03-02T10:00:00+08:00\"}}\n"
            )
        })
        .collect();
    db.import("old.jsonl", &lines);
    let column = column_id(&db);
    let command = format!(
        "PORTAL_ADMIN_TEST_PAUSE=retract PORTAL_ADMIN_DATA_DIR={} XDG_CONFIG_HOME={} {} --lang en --db {} retract \
         --column {column} --before 2024-01-01 --reason outdated --format table > /dev/null; echo ended $?; sleep 60",
        common::tmux::quote(&db.dir.path().join("data").display().to_string()),
        common::tmux::quote(&db.dir.path().join("config").display().to_string()),
        common::tmux::quote(env!("CARGO_BIN_EXE_portal-admin")),
        common::tmux::quote(&db.url)
    );
    let t = common::tmux::Tmux::start("retract-progress", &command, &[]);
    t.wait_within("paused at retract", std::time::Duration::from_secs(60));
    t.keys(&["Enter"]);
    let during = t.wait_within("1500/1600", std::time::Duration::from_secs(60));
    assert!(during.contains("withdrawing ["), "the bar, after the first chunk: {during}");
    t.keys(&["Enter"]);
    let after = t.wait_within("ended 0", std::time::Duration::from_secs(60));
    assert!(after.contains("1600 items withdrawn"), "{after}");
    // (What stands above the pause's own line stays: the pause printed under the bar.)
    let end = after.rsplit("paused at retract").next().unwrap();
    assert!(!end.contains("withdrawing ["), "the bar is cleared at the end: {after}");
}
