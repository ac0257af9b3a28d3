//! The console as a user meets it: the real binary in a real terminal (tmux, 80×24), on both
//! databases; and the keymap commands.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Tmux;
use common::{TestDb, rows as json_rows, stderr};
use portal_admin::store::{HistoryEvent, Seek};

async fn navigate_filter_open_and_quit(db: TestDb) {
    let backend = db.backend;
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "3000", "--seed", "11", "--to", "2026-11-20"]);
    let mut raw = db.any().await;
    let audit_before = raw.count("SELECT COUNT(*) FROM audit_log").await;
    // What `stale` says is worst, as of today: the console must show the same.
    let stale = db.ok(&["stale", "--format", "csv"]);
    let worst: Vec<String> = stale.lines().nth(1).unwrap().split(',').map(str::to_string).collect();
    let (path, due, days) = (&worst[1], &worst[4], &worst[6]);
    let leaf = path.rsplit(" / ").next().unwrap();

    let data = db.dir.path().join("data");
    let t = Tmux::console(&format!("{backend:?}"), &db, &[]);
    t.wait_for("● connected");
    // Items wait for a decision: the console opens on the queue (issue 22); 2 is the columns.
    t.wait_for("awaiting a decision");
    t.keys(&["2"]);
    let first = t.wait_for("政务动态");
    assert!(first.contains("2 Cols") && first.contains("3 Retr") && first.contains("政务动态"), "{first}");

    // A window made too small says what it needs; made big again, the screen comes back.
    assert!(
        Command::new("tmux")
            .args(["-L", &t.session, "resize-window", "-t", &t.session, "-x", "60", "-y", "20"])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("at least 80×24");
    assert!(
        Command::new("tmux")
            .args(["-L", &t.session, "resize-window", "-t", &t.session, "-x", "80", "-y", "24"])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("政务动态");

    // Worst first: the top row is `stale`'s first row.
    // (The selection stays on its column when the order changes; Home goes to the top.)
    t.keys(&["s", "Home"]);
    let s = t.wait_for("[sorted]");
    let top = s.lines().nth(3).unwrap();
    let shown_leaf: String = leaf.chars().take(6).collect();
    assert!(
        top.contains(&shown_leaf) && top.contains(due.as_str()) && top.contains(days.as_str()),
        "{top}\nexpected {path} {due} {days}\n{s}"
    );

    // The filter, by pinyin initials.
    t.keys(&["/", "m", "z", "j"]);
    let s = t.wait_for("[/mzj]");
    assert!(s.contains("民政局"), "{s}");
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    let s = t.wait_for("政务动态");
    assert!(!s.contains("[/"), "{s}");

    // Open the worst column and its newest item.
    t.keys(&["s", "Home", "Enter"]);
    let s = t.wait_for("online since");
    assert!(s.lines().nth(1).unwrap().contains(&shown_leaf), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("History");
    assert!(s.contains("submitted") && s.contains("Columns ("), "{s}");
    t.keys(&["?"]);
    t.wait_for("Keys in the item view");
    t.keys(&["Escape"]);
    // The audit trail: what `init` and `demo` wrote, newest first.
    t.keys(&["3"]);
    let s = t.wait_loaded("pending, urgent first");
    assert!(
        s.contains("classified")
            || s.contains("improper")
            || s.contains("outdated")
            || s.contains("No request is pending"),
        "{s}"
    );
    t.keys(&["5"]);
    let s = t.wait_loaded("newest first");
    assert!(s.contains("set up") && s.contains("demo data"), "{s}");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    // Looking changes nothing.
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit_before);
    // Logs went to the file, not the screen.
    assert!(data.join("portal-admin.log").exists());
}

on_both_backends!(navigate_filter_open_and_quit);

fn keymap_cmd(args: &[&str], dir: &Path) -> std::process::Output {
    common::program()
        .args(args)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("PORTAL_ADMIN_DATA_DIR", dir.join("data"))
        .output()
        .unwrap()
}

#[test]
fn keymap_check_names_the_file_and_line_of_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("columns = [\n  { on = \"x\", run = \"columns.explode\" },\n]\n", ":2: unknown action \"columns.explode\""),
        ("global = [\n\n  { on = \"Hyper-x\", run = \"app.quit\" },\n]\n", ":3: unknown key name \"Hyper-x\""),
        (
            "item = [\n  { on = \"x\", run = \"app.quit\" },\n  { on = \"x\", run = \"app.help\" },\n]\n",
            ":3: x is bound twice in [item]",
        ),
        ("global = [\n  { on = \"x\", run = \"app.quit\" \n", ":"),
    ];
    for (text, expected) in cases {
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, text).unwrap();
        let out = keymap_cmd(&["keymap", "check", file.to_str().unwrap()], dir.path());
        let e = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{e}");
        assert_eq!(e.trim_end().lines().count(), 1, "{e}");
        assert!(e.contains(&format!("{}{expected}", file.display())), "{e}");
        // The same file given to the console is refused the same way, before anything opens.
        let out = keymap_cmd(&["--keymap", file.to_str().unwrap(), "keymap", "show"], dir.path());
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(expected));
    }
    // What the TOML parser says is said in the language, with the line and the column.
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "global = [\n  { on = \"x\" run = \"app.quit\" },\n]\n").unwrap();
    let out = keymap_cmd(&["--lang", "zh-CN", "keymap", "check", file.to_str().unwrap()], dir.path());
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("{}:2: 第 14 列：键值对之间缺少逗号（应为 `,`）", file.display())), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "global = [{ on = \"Ctrl-b\", run = \"list.page_up\" }]\n").unwrap();
    let out = keymap_cmd(&["keymap", "check", good.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Ctrl-b") && stderr(&out).contains("tmux"), "{}", stderr(&out));
}

#[test]
fn keymap_show_prints_the_effective_map_with_the_users_file_laid_over() {
    let dir = tempfile::tempdir().unwrap();
    let show = |args: &[&str]| String::from_utf8(keymap_cmd(args, dir.path()).stdout).unwrap();
    let default = show(&["keymap", "show", "--format", "csv"]);
    assert!(default.starts_with("view,key,action,description\n"), "{default}");
    assert!(default.contains("columns,o,columns.only_overdue,"), "{default}");
    let config = dir.path().join("config/portal-admin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keymap.toml"),
        "columns = [{ on = \"o\", run = \"noop\" }, { on = \"x\", run = \"columns.only_overdue\" }]\n",
    )
    .unwrap();
    let mine = show(&["keymap", "show", "--format", "csv"]);
    assert!(!mine.contains("columns,o,") && mine.contains("columns,x,columns.only_overdue,"), "{mine}");
    let vim = show(&["--keymap", "vim", "keymap", "show", "--format", "csv"]);
    assert!(vim.contains("global,j,list.down,"), "{vim}");
}

/// What the console's lists read, on both databases: a column's items page by page (keyset, newest
/// first, no row twice or missed), an item with its history, the audit trail page by page.
async fn the_console_reads_pages_without_gaps_or_repeats(db: TestDb) {
    use portal_admin::store::{self, OpenOptions, Target};
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "2000", "--seed", "5", "--to", "2026-11-20"]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let mut raw = db.any().await;
    let busiest = raw
        .count(
            "SELECT column_id FROM placements WHERE online_since IS NOT NULL GROUP BY column_id \
                ORDER BY COUNT(*) DESC, column_id LIMIT 1",
        )
        .await;
    let online = store.column_item_count(&site, busiest).await.unwrap();
    assert!(online > 25, "{online}");
    let all = store.column_items(&site, busiest, Seek::First, None, 10_000).await.unwrap();
    assert_eq!(all.len() as i64, online);
    let mut paged = Vec::new();
    let mut before = None;
    loop {
        let page = store.column_items(&site, busiest, Seek::from(before), None, 7).await.unwrap();
        before = page.last().map(|i| (i.online_since, i.id));
        let last = page.len() < 7;
        paged.extend(page);
        if last {
            break;
        }
    }
    assert_eq!(paged, all);
    assert!(all.windows(2).all(|w| (w[0].online_since, w[0].id) > (w[1].online_since, w[1].id)), "newest first");

    let (item, history) = store.item(&site, all[0].id).await.unwrap();
    assert_eq!(item.fields.title, all[0].title);
    assert_eq!(history.first().unwrap().event, HistoryEvent::Submitted);
    assert!(history.iter().any(|h| h.event == HistoryEvent::Published));
    assert!(history.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(store.item(&site, 99_999_999).await.is_err());

    // A column's documents, as the column view asks for them, are the column's share of all.
    let today = portal_admin::domain::time::beijing_date(chrono::Utc::now());
    let all = store.documents(&site, today, None, None).await.unwrap();
    let column = all.first().expect("the demo registers documents").column_id;
    let mine = store.documents(&site, today, None, Some(column)).await.unwrap();
    assert_eq!(mine, all.iter().filter(|d| d.column_id == column).cloned().collect::<Vec<_>>());

    let audit = store.audit_page(&site, &Default::default(), Seek::First, 1).await.unwrap();
    assert_eq!(audit.len(), 1);
    // The newest: the demo's operators, registered (audited) after the demo's own record.
    assert_eq!(audit[0].action, "operator.set");
    let older = store.audit_page(&site, &Default::default(), Seek::After(audit[0].id), 100).await.unwrap();
    assert!(older.iter().all(|e| e.id < audit[0].id) && older.iter().any(|e| e.action == "init"), "{older:?}");
}

on_both_backends!(the_console_reads_pages_without_gaps_or_repeats);

/// The server drops the console's connections mid-session: the status line says so, what was on
/// the screen stays, and the next refresh reconnects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_drops_the_connection_is_survived() {
    let db = TestDb::postgres().await;
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "500", "--seed", "3", "--to", "2026-11-20"]);
    let t = Tmux::console("drop", &db, &[]);
    t.wait_for("● connected");
    t.wait_for("awaiting a decision");
    t.keys(&["2"]);
    t.wait_for("政务动态");
    let name = db.url.rsplit('/').next().unwrap().to_string();
    let mut admin = db.any().await;
    admin
        .exec(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' \
            AND pid <> pg_backend_pid()"
        ))
        .await
        .unwrap();
    let phase = Instant::now();
    t.keys(&["F5"]);
    let s = t.wait_for("connection lost");
    assert!(s.contains("政务动态"), "what was loaded stays on the screen:\n{s}");
    // Back by itself within seconds (it checks every second while lost), and refreshed.
    let s = t.wait_for("connected again");
    assert!(phase.elapsed() < Duration::from_secs(15), "{:?}", phase.elapsed());
    assert!(s.contains("● connected") && s.contains("政务动态"), "{s}");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

/// What the console shows, in one language, while a queue is cleared by keys (`clear_a_queue`):
/// the lines waited for, and what else the screen then holds.
struct QueueWords {
    /// The tmux session's name, before the backend's.
    session: &'static str,
    /// The program's `LANG` (none: English, whatever the runner's locale).
    lang: Option<&'static str>,
    connected: &'static str,
    /// Every tab's name, on the first line.
    tabs: &'static [&'static str],
    awaiting: &'static str,
    queue_shows: &'static [&'static str],
    /// The queue's help: its title, and a line it holds.
    help: Option<(&'static str, &'static str)>,
    opened: &'static str,
    opened_shows: &'static [&'static str],
    approved: &'static str,
    next_shows: &'static [&'static str],
    why: &'static str,
    returned: &'static str,
    repost_approved: &'static str,
    at_publish: &'static str,
    question: &'static str,
    question_shows: &'static [&'static str],
    published: &'static str,
}

/// A queue cleared by keys: approve with the seven checks, reject with a reason, publish after
/// the confirmation; then the database, the audit and `stale` say so, whatever the language.
async fn clear_a_queue(db: TestDb, w: &QueueWords) {
    db.ok(&["init"]);
    let file = db.file("pending.jsonl");
    std::fs::write(&file, common::PENDING).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let env: Vec<(&str, &Path)> = w.lang.iter().map(|l| ("LANG", Path::new(*l))).collect();
    let t = Tmux::console(&format!("{}-{:?}", w.session, db.backend), &db, &env);
    let s = t.wait_for(w.connected);
    let bar = s.lines().next().unwrap();
    for tab in w.tabs {
        assert!(bar.contains(tab), "{tab} in {bar}");
    }
    t.keys(&["1"]);
    let s = t.wait_for(w.awaiting);
    assert!(w.queue_shows.iter().all(|x| s.contains(x)), "{:?} in:\n{s}", w.queue_shows);
    if let Some((title, line)) = w.help {
        t.keys(&["?"]);
        let s = t.wait_for(title);
        assert!(s.contains(line), "{s}");
        t.keys(&["Escape"]);
    }
    // The government item: all seven checks, approve; the next item (the unit's) opens by itself.
    t.keys(&["Enter"]);
    let s = t.wait_for(w.opened);
    assert!(w.opened_shows.iter().all(|x| s.contains(x)), "{:?} in:\n{s}", w.opened_shows);
    t.keys(&["c", "a"]);
    let s = t.wait_for(w.approved);
    assert!(w.next_shows.iter().all(|x| s.contains(x)), "the next item opened:\n{s}");
    // The unit item lacks its attachments: clear check 4 and reject it with a reason.
    t.keys(&["c", "4", "r"]);
    t.wait_for(w.why);
    for word in ["incomplete", "Space", "materials"] {
        t.keys(&[word]);
    }
    t.keys(&["Enter"]);
    t.wait_for(w.returned);
    // The repost is next: approve it, then publish the approved government item after the question.
    t.keys(&["c", "a"]);
    t.wait_for(w.repost_approved);
    t.keys(&["Escape"]);
    t.keys(&["Home", "Enter"]);
    t.wait_for(w.at_publish);
    t.keys(&["p"]);
    let s = t.wait_for(w.question);
    assert!(w.question_shows.iter().all(|x| s.contains(x)), "{:?} in:\n{s}", w.question_shows);
    t.keys(&["Enter"]);
    t.wait_for(w.published);
    t.keys(&["q"]);
    t.quits_cleanly(&db);

    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'gov-1' AND status = 'online'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'unit-1' AND status = 'returned'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE ref = 'repost-1' AND stage = 'publish'").await, 1);
    assert_eq!(raw.count("SELECT checks_failed FROM reviews WHERE decision = 'reject'").await, 0b1000);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('review.approve', 'review.reject', 'publish')")
            .await,
        4
    );
    // The reason is stored as typed; the stage names stay the scripting interface's.
    let audit = db.ok(&["audit", "--format", "csv"]);
    assert!(audit.contains("review.reject") && audit.contains("incomplete materials"), "{audit}");
    let stale = db.ok(&["stale", "--format", "csv"]);
    let row = stale.lines().find(|l| l.contains("政务动态 / 通知公告,")).unwrap();
    assert!(row.contains(",ok,"), "published just now: {row}");
}

async fn a_queue_is_cleared_by_keys(db: TestDb) {
    let words = QueueWords {
        session: "queue",
        lang: None,
        connected: "● connected",
        tabs: &[],
        awaiting: "3 awaiting a decision",
        queue_shows: &[],
        help: None,
        opened: "Item 1 at office_review (v1)",
        opened_shows: &[],
        approved: "office_review → publish",
        next_shows: &["Item", "recheck"],
        why: "why?",
        returned: "recheck → returned",
        repost_approved: "review → publish",
        at_publish: "at publish",
        question: "Enter publishes",
        question_shows: &[],
        published: "publish → done",
    };
    clear_a_queue(db, &words).await;
}

on_both_backends!(a_queue_is_cleared_by_keys);

/// The same queue cleared by the same keys in a Chinese locale (`LANG=zh_CN.UTF-8`): the console
/// speaks the regulation's words (待审, 复核, 退回, 发布) at 80×24, every tab's name on one line,
/// and the database records the same.
async fn a_queue_is_cleared_by_keys_in_chinese(db: TestDb) {
    let words = QueueWords {
        session: "queue-zh",
        lang: Some("zh_CN.UTF-8"),
        connected: "● 已连接",
        tabs: &["1 待审", "2 栏目", "3 撤回申请", "4 考核", "5 审计", "6 已撤回", "7 检查", "8 内容检查"],
        awaiting: "3 条待决定",
        queue_shows: &["程序 · 环节", "政府 · 办公室审核", "转载 · 审核"],
        help: Some(("“待审”视图的按键", "发布已标记的信息（先确认）")),
        opened: "信息 1 · 办公室审核（第 1 版）",
        opened_shows: &["不涉及秘密", "统计数据准确", "1–7 确认"],
        approved: "信息 1：办公室审核 → 待发布",
        next_shows: &["复核（第 1 版）"],
        why: "退回，未通过第 4 项——原因？",
        returned: "复核 → 已退回",
        repost_approved: "审核 → 待发布",
        at_publish: "待发布（第 2 版）",
        question: "回车 发布 · Esc 取消",
        question_shows: &["将信息 1 发布到："],
        published: "待发布 → 已发布",
    };
    clear_a_queue(db, &words).await;
}

on_both_backends!(a_queue_is_cleared_by_keys_in_chinese);

/// The SSH connection drops (SIGHUP) or the process is told to stop (SIGTERM, or SIGINT and
/// SIGQUIT sent from outside): the console exits with 128 + the signal's number and gives the
/// terminal back as it found it (not raw, echo on).
#[test]
fn a_hang_up_or_a_terminate_gives_the_terminal_back() {
    for (signal, code) in [("HUP", 129), ("INT", 130), ("QUIT", 131), ("TERM", 143)] {
        let db = TestDb::sqlite();
        db.ok(&["init"]);
        let t = Tmux::console(&format!("sig{signal}"), &db, &[]);
        t.wait_for("● connected");
        let shell = Command::new("tmux")
            .args(["-L", &t.session, "display", "-p", "-t", &t.session, "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
        let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pid = String::from_utf8_lossy(&child.stdout).lines().next().unwrap_or_default().to_string();
        assert!(!pid.is_empty(), "the console's process");
        assert!(Command::new("kill").args([&format!("-{signal}"), &pid]).status().unwrap().success());
        let (exit, modes) = t.ended(&db);
        assert_eq!(exit, format!("EXIT={code}"), "SIG{signal}");
        assert!(
            modes.iter().any(|m| m == "icanon") && modes.iter().any(|m| m == "echo"),
            "SIG{signal} left the terminal raw: {modes:?}"
        );
    }
}

/// A panic gives the terminal back before its message is printed (debug builds can be made to
/// panic on F12 for this test).
#[test]
fn a_panic_gives_the_terminal_back_and_says_what_happened() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let marker = db.dir.path().join("panic");
    let t = Tmux::console("panic", &db, &[("PORTAL_ADMIN_TEST_PANIC", &marker)]);
    t.wait_for("● connected");
    t.keys(&["F12"]);
    let (exit, modes) = t.ended(&db);
    assert_eq!(exit, "EXIT=101");
    assert!(
        std::fs::read_to_string(db.file("err")).unwrap().contains("a test panic"),
        "the panic's message is printed"
    );
    assert!(
        modes.iter().any(|m| m == "icanon") && modes.iter().any(|m| m == "echo"),
        "the panic left the terminal raw: {modes:?}"
    );
}

/// Four policy documents of 2023 and one of 2026 online in one column, and a suspected secret
/// online alone in another.
const ONLINE: &str = concat!(
    common::policies!(five),
    r#"{"ref":"tj-1","title":"象山区2026年三季度主要经济指标（内部资料）","#,
    r#""body":"一、地区生产总值……","form":"text","path":"unit","unit":"统计局","#,
    r#""columns":["政务动态 / 通知公告"],"submitted_at":"2026-11-26T09:00:00+08:00","#,
    r#""published_at":"2026-11-27T10:00:00+08:00"}"#,
    "\n"
);

/// The row of `stale` of the column at `path`.
fn stale_row(db: &TestDb, path: &str) -> serde_json::Value {
    json_rows(db, &["stale"]).into_iter().find(|r| r["path"] == path).unwrap()
}

/// Retraction by keys: the top request withdrawn from the retractions tab, three old documents of
/// a column marked (one, then a range) and withdrawn together, one of them restored from the
/// Withdrawn tab; then the database, `audit` and `stale` say so.
async fn withdrawals_and_a_restore_by_keys(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("online.jsonl");
    std::fs::write(&file, ONLINE).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    db.ok(&[
        "retractions",
        "request",
        "tj-1",
        "--unit",
        "统计局",
        "--reason",
        "classified",
        "--note",
        "疑似涉密，请立即撤回",
    ]);
    assert_eq!(stale_row(&db, "政务动态 / 通知公告")["status"], "ok");
    let mut raw = db.any().await;
    let id = |r: &str| format!("SELECT id FROM items WHERE ref = '{r}'");
    let (secret, zd2, zd3, zd4) = (
        raw.count(&id("tj-1")).await,
        raw.count(&id("zd-2")).await,
        raw.count(&id("zd-3")).await,
        raw.count(&id("zd-4")).await,
    );

    let t = Tmux::console(&format!("retract-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    // The suspected secret first: the top request, withdrawn after the confirmation.
    t.keys(&["3"]);
    t.wait_for("1 pending");
    t.keys(&["w"]);
    let s = t.wait_for("Enter withdraws");
    assert!(
        s.contains(&format!("Withdraw item {secret} from every column (classified)"))
            && s.contains("政务动态 / 通知公告"),
        "{s}"
    );
    t.keys(&["Enter"]);
    t.wait_for(&format!("withdrew item {secret} from every column; 1 request closed"));
    t.wait_for("No request is pending");
    // Its column had nothing else online: the column tree says it is empty now.
    t.keys(&["2", "/", "通知公告"]);
    let s = t.wait_for("[/通知公告]");
    let row = s.lines().find(|l| l.contains("政务动态 / 通知公告")).unwrap_or_else(|| panic!("{s}"));
    assert!(row.starts_with("∅"), "{s}");
    t.keys(&["Escape"]);

    // The policy column, newest first: mark the 2023 documents zd-4, then zd-3 to zd-2 as a range.
    t.keys(&["/", "zfxxgkzd"]);
    t.wait_for("[/zfxxgkzd]");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("象山区依申请公开办理规程");
    t.keys(&["Down", "Space", "Down", "v"]);
    let s = t.wait_for("3 marked");
    assert_eq!(s.lines().filter(|l| l.starts_with("* 2023-")).count(), 3, "{s}");
    t.keys(&["w"]);
    let s = t.wait_for("Withdraw 3 items from every column");
    for title in ["象山区政府信息公开责任追究办法（试行）", "象山区依申请公开办理规程", "象山区政务公开保密审查办法"]
    {
        assert!(s.contains(title), "{title}: {s}");
    }
    assert!(s.contains("reason: outdated") && s.contains("m marks instead"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("withdrew 3 items from every column");
    let s = t.wait_for("2 online");
    assert!(!s.contains("marked ·") && !s.contains("* 20"), "the marks are cleared: {s}");

    // The Withdrawn tab: all four, the secret's with the time its request waited; zd-3 restored.
    t.keys(&["6"]);
    let s = t.wait_for("1 of 4");
    assert!(s.contains("from request: median"), "{s}");
    t.keys(&["/", "ysqgk"]);
    t.wait_for("[/ysqgk]");
    t.keys(&["Enter", "u"]);
    let s = t.wait_for("Enter restores");
    assert!(s.contains(&format!("Put item {zd3} back online")), "{s}");
    t.keys(&["Enter"]);
    t.wait_for(&format!("restored item {zd3}"));
    // The list reloads after the result is said: on a busy machine a moment later.
    t.wait_for("[restored] 象山区依申请");
    t.keys(&["q"]);
    t.quits_cleanly(&db);

    // The database: three withdrawn, the restored one and the rest online, nothing deleted.
    let status = |r: &str| format!("SELECT COUNT(*) FROM items WHERE ref = '{r}' AND status = 'withdrawn'");
    for (r, withdrawn) in [("tj-1", 1), ("zd-2", 1), ("zd-4", 1), ("zd-3", 0), ("zd-1", 0), ("zd-5", 0)] {
        assert_eq!(raw.count(&status(r)).await, withdrawn, "{r}");
    }
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE status = 'online'").await, 3);
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 4);
    assert_eq!(
        raw.count(&format!("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NOT NULL AND item_id = {zd3}")).await,
        1
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NOT NULL").await, 1);
    assert_eq!(
        raw.count(&format!("SELECT COUNT(*) FROM withdrawals WHERE item_id = {secret} AND reason = 'classified'"))
            .await,
        1,
        "the request's reason"
    );
    assert_eq!(
        raw.count(&format!(
            "SELECT COUNT(*) FROM withdrawals WHERE item_id IN ({zd2}, {zd3}, {zd4}) AND reason = 'outdated'"
        ))
        .await,
        3
    );
    assert_eq!(
        raw.count(
            "SELECT COUNT(*) FROM retraction_requests WHERE status = 'done' AND resolution = 'withdrawn' \
            AND handled_at IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(raw.count("SELECT COUNT(*) FROM retraction_requests WHERE status = 'pending'").await, 0);

    // The audit trail: a record for each withdrawal and for the restore.
    let audit = json_rows(&db, &["audit"]);
    let targets = |action: &str| {
        let mut t: Vec<String> = audit.iter().filter(|e| e["action"] == action).map(common::target).collect();
        t.sort();
        t
    };
    let mut withdrawn: Vec<String> = [secret, zd2, zd3, zd4].iter().map(|i| format!("item:{i}")).collect();
    withdrawn.sort();
    assert_eq!(targets("retract"), withdrawn);
    assert_eq!(targets("restore"), [format!("item:{zd3}")]);
    assert!(audit.iter().all(|e| e["operator"] == audit[0]["operator"]), "one operator: {audit:?}");

    // `stale` agrees with what is online: the secret's column has nothing, the policy column's
    // last update is still its 2026 document (the restored one went online in 2023).
    let notices = stale_row(&db, "政务动态 / 通知公告");
    assert_eq!((notices["status"].as_str(), notices["last_update"].is_null()), (Some("empty"), true), "{notices}");
    let policies = stale_row(&db, "政府信息公开 / 政府信息公开制度");
    assert_eq!(policies["status"], "ok", "{policies}");
    assert_eq!(policies["last_update"], "2026-06-02T10:00:00+08:00", "{policies}");
}

on_both_backends!(withdrawals_and_a_restore_by_keys);

/// A bulk withdrawal undone by keys (issue 22): in the Withdrawn tab `b` marks the selected
/// row's whole batch, `u` and Enter put every item back in one write; the database and the audit
/// trail say so.
async fn a_bulk_withdrawal_restored_by_keys(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("online.jsonl");
    std::fs::write(&file, ONLINE).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let said = db.ok(&["retract", "zd-2", "zd-3", "zd-4", "--reason", "improper", "--format", "json"]);
    let batch = serde_json::from_str::<serde_json::Value>(&said).unwrap()["batch"].as_i64().unwrap();
    let mut raw = db.any().await;
    let t = Tmux::console(&format!("batch-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    t.keys(&["6"]);
    let s = t.wait_for("1 of 3");
    assert!(s.contains("batch") && s.contains(&format!(" {batch} ")), "the batch is shown: {s}");
    t.keys(&["b"]);
    t.wait_for(&format!("batch {batch}: 3 listed, 3 marked now, 0 restored already (3 marked)"));
    t.keys(&["u"]);
    let s = t.wait_for("Enter restores them all");
    assert!(s.contains("Put the 3 marked items back online"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("put 3 items back online in the columns they were in");
    t.wait_for("[restored]");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE status = 'withdrawn'").await, 0);
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals WHERE restored_at IS NULL").await, 0);
    let audit = json_rows(&db, &["audit", "--action", "restore"]);
    assert_eq!(audit.len(), 3, "{audit:?}");
    assert!(audit.iter().all(|e| e["detail"]["batch"] == 3), "one write of three: {audit:?}");
}

on_both_backends!(a_bulk_withdrawal_restored_by_keys);

/// Two writers: a colleague's change committed just before this console's own write (within the
/// second between two checks of the change mark, where SQLite's console only polls) shows in the
/// view the write did not change. The colleague publishes an item into an empty column (imported
/// online); this console approves an item of the queue, which reloads the queue, not the columns.
async fn a_colleagues_change_just_before_a_write_shows(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("pending.jsonl");
    std::fs::write(&file, common::PENDING).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let more = db.file("online.jsonl");
    std::fs::write(
        &more,
        concat!(
            r#"{"ref":"gov-2","title":"象山区人民政府关于开展冬季安全生产大检查的通知","#,
            r#""body":"为切实做好冬季安全生产工作……","form":"text","path":"government","#,
            r#""unit":"政府办","columns":["政务动态 / 通知公告"],"#,
            r#""submitted_at":"2026-11-23T09:00:00+08:00","published_at":"2026-11-24T10:00:00+08:00"}"#,
            "\n"
        ),
    )
    .unwrap();
    let t = Tmux::console(&format!("colleague-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    let row =
        |s: &str| s.lines().find(|l| l.contains("政务动态 / 通知公告")).unwrap_or_else(|| panic!("{s}")).to_string();
    t.keys(&["2", "/", "通知公告"]);
    let s = t.wait_for("[/通知公告]");
    assert!(row(&s).starts_with("∅"), "empty: {s}");
    // The filter kept (Enter), the queue.
    t.keys(&["Enter", "1"]);
    t.wait_for("1 of 3");
    t.keys(&["Enter"]);
    t.wait_for("森林防火");
    t.keys(&["c"]);
    // The colleague's item goes online, then at once this console approves.
    db.ok(&["import", more.to_str().unwrap()]);
    t.keys(&["a"]);
    t.wait_for("office_review → publish");
    // The columns show the colleague's item without any later change (the next item opened for
    // review is left first).
    t.wait_for("民政局开展2026年度低保复核工作");
    t.keys(&["Escape", "2"]);
    let start = Instant::now();
    loop {
        let s = t.screen();
        if !row(&s).starts_with("∅") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "the column stays empty:\n{s}");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(a_colleagues_change_just_before_a_write_shows);

/// A small site for the assessment: four columns, four units.
const ASSESSED_COLUMNS: &str = "path\tdeadline\tdepartments\tunits\tnote
政务动态\t\t\t\t
政务动态 / 部门动态\t10天\t各职能部门\t民政局、二塘乡、象山街道\t
政务动态 / 通知公告\t4个月\t政府办\t政府办\t
政府信息公开\t\t\t\t
政府信息公开 / 社会救助\t4个月\t民政局\t民政局\t
";

const ASSESSED_UNITS: &str = "name\tkind\tfull_name
政府办\toffice\t象山区人民政府办公室
二塘乡\ttownship\t象山区二塘乡人民政府
象山街道\tsubdistrict\t象山区象山街道办事处
民政局\tdepartment\t象山区民政局
";

/// 2026Q3: 民政局 a video and an image+text item also used as text in a second column (counted
/// once, at 2); 政府办 a text; 二塘乡 a text; 象山街道 nothing. 2026Q2: 民政局 a text.
const ASSESSED_ITEMS: &str = concat!(
    r#"{"ref":"mz-1","title":"区民政局开展养老机构安全隐患排查","body":"……","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-05-20T09:00:00+08:00","#,
    r#""published_at":"2026-05-20T16:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"mz-2","title":"象山区2026年第二季度城乡低保资金发放情况公示","body":"……","#,
    r#""form":"text","forms":{"政务动态 / 部门动态":"image_text"},"path":"unit","#,
    r#""unit":"民政局","columns":["政府信息公开 / 社会救助","政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-08-12T09:00:00+08:00","#,
    r#""published_at":"2026-08-12T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"mz-3","title":"【视频】“敬老月”走访慰问高龄老人","body":"……","form":"video","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-08-05T09:00:00+08:00","#,
    r#""published_at":"2026-08-05T10:30:00+08:00"}"#,
    "\n",
    r#"{"ref":"zf-1","title":"象山区人民政府关于做好2026年秋季学期开学工作的通知","#,
    r#""body":"……","form":"text","path":"government","unit":"政府办","#,
    r#""columns":["政务动态 / 通知公告"],"submitted_at":"2026-07-15T09:00:00+08:00","#,
    r#""published_at":"2026-07-15T11:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"et-1","title":"二塘乡召开2026年防汛工作部署会","body":"……","form":"text","#,
    r#""path":"unit","unit":"二塘乡","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-09-10T09:00:00+08:00","#,
    r#""published_at":"2026-09-10T17:00:00+08:00"}"#,
    "\n"
);

/// The ranking as the console shows it: per unit, the figures of its row (rank, text, image+text,
/// video, points, deductions, net, change).
fn ranking_shown(screen: &str) -> Vec<(String, Vec<i64>)> {
    screen
        .lines()
        .skip(3)
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().filter(|w| !w.chars().all(|c| c == '∅' || c == '✗')).collect();
            let rank = words.first()?.parse::<i64>().ok()?;
            let unit = words.get(1)?.trim_start_matches(['∅', '✗']).to_string();
            let figures: Vec<i64> = words.get(2..9)?.iter().map(|w| w.parse().ok()).collect::<Option<_>>()?;
            Some((unit, std::iter::once(rank).chain(figures).collect()))
        })
        .collect()
}

/// The same figures from `portal-admin scores --format json`.
fn ranking_of(db: &TestDb, quarter: &str) -> Vec<(String, Vec<i64>)> {
    json_rows(db, &["scores", "--quarter", quarter])
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_i64().unwrap();
            let figures = vec![
                n("rank"),
                n("text"),
                n("image_text"),
                n("video"),
                n("points"),
                n("deductions"),
                n("net"),
                n("change"),
            ];
            (r["unit"].as_str().unwrap().to_string(), figures)
        })
        .collect()
}

/// The assessment by keys: the quarter stepped to, its ranking the figures of `scores`; a unit's
/// points explained (an item in two columns once, at its highest form); an incident recorded
/// and then corrected, each in the database with its audit record and in `scores`; the quarter's
/// bulletin written to the current directory, the same as `scores --bulletin` writes.
async fn the_assessment_by_keys(db: TestDb) {
    let (columns, units, items) = (db.file("columns.tsv"), db.file("units.tsv"), db.file("items.jsonl"));
    std::fs::write(&columns, ASSESSED_COLUMNS).unwrap();
    std::fs::write(&units, ASSESSED_UNITS).unwrap();
    std::fs::write(&items, ASSESSED_ITEMS).unwrap();
    db.ok(&["init", "--columns", columns.to_str().unwrap(), "--units", units.to_str().unwrap()]);
    db.ok(&["import", items.to_str().unwrap()]);
    let mut raw = db.any().await;
    let mz3 = raw.count("SELECT id FROM items WHERE ref = 'mz-3'").await;

    let t = Tmux::console(&format!("scores-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    t.keys(&["4"]);
    t.wait_for("Scores 2026Q4");
    t.keys(&["["]);
    let s = t.wait_for("Scores 2026Q3 · 4 units · 7 points");
    assert!(s.contains("∅1 nothing"), "{s}");
    assert_eq!(ranking_shown(&s), ranking_of(&db, "2026Q3"), "{s}");
    assert!(s.lines().any(|l| l.contains("∅  象山街道")), "the symbols in their column before the unit: {s}");

    // 民政局's points explained: the item in two columns once, at image+text.
    t.keys(&["/", "mzj"]);
    t.wait_for("[/mzj]");
    t.keys(&["Enter", "Enter"]);
    let s = t.wait_for("Items that earned points: 2, 5 points");
    assert!(s.contains("民政局 · 2026Q3 · rank 1 of 4 · net 5 (+4 on 2026Q2)"), "{s}");
    assert_eq!(s.matches("象山区2026年第二季度城乡低保资金发放情况公示").count(), 1, "{s}");
    assert!(s.contains("image+text 2  ✓ counted") && s.contains("text 1  counted once"), "{s}");

    // An incident about the video, by keys: the video selected, kind typo, a date in the quarter.
    t.keys(&["Down", "i"]);
    let s = t.wait_for("Record an incident against 民政局");
    assert!(s.contains("[typo -5]") && s.contains("It costs 民政局 5 points"), "{s}");
    assert!(s.contains(&format!("item     {mz3}")) && s.contains("【视频】“敬老月”走访慰问高龄老人"), "{s}");
    t.keys(&["Tab", "Tab"]);
    t.keys(&["BSpace"; 10]);
    t.keys(&["2026-09-15", "Tab", "标题“敬老月”误作“敬老日”"]);
    t.wait_for("It costs 民政局 5 points in 2026Q3.");
    t.keys(&["Enter"]);
    let s = t.wait_for("incident 1: 民政局 -5 (typo) on 2026-09-15, in 2026Q3");
    assert!(!s.contains("Record an incident"), "the form closed: {s}");
    let s = t.wait_for("Incidents and corrections: 1, -5 points");
    assert!(s.contains("#1") && s.contains(&format!("item {mz3} 【视频】")), "{s}");
    let recorded = format!(
        "SELECT COUNT(*) FROM incidents WHERE kind = 'typo' AND points = -5 AND item_id = {mz3} \
         AND occurred_on = '2026-09-15' AND note = '标题“敬老月”误作“敬老日”' AND reverses_id IS NULL"
    );
    assert_eq!(raw.count(&recorded).await, 1);
    assert_eq!(
        raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'incident.add' AND target = 'incident:1'").await,
        1
    );
    let mz = |db: &TestDb| {
        json_rows(db, &["scores", "--quarter", "2026Q3"]).into_iter().find(|r| r["unit"] == "民政局").unwrap()
    };
    assert_eq!(
        (mz(&db)["deductions"].as_i64(), mz(&db)["net"].as_i64(), mz(&db)["incidents"].as_i64()),
        (Some(-5), Some(0), Some(1))
    );
    // The ranking the console reloaded agrees.
    t.keys(&["Escape", "Escape"]);
    t.wait_for("✗1 with incidents");
    let (shown, cli) = (ranking_shown(&t.screen()), ranking_of(&db, "2026Q3"));
    assert_eq!(shown, cli);
    assert_eq!(shown.iter().find(|(u, _)| u == "民政局").unwrap().1[5..7], [-5, 0]);

    // Corrected, by keys: the incident selected in the explanation, why typed.
    t.keys(&["/", "mzj"]);
    t.wait_for("[/mzj]");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Incidents and corrections: 1");
    t.keys(&["Down", "Down", "r"]);
    t.wait_for("Correct incident 1 by a reversing record");
    t.keys(&["Enter"]);
    t.wait_for("a correction needs a note saying why");
    t.keys(&["经核实系原文引用，不属错字", "Enter"]);
    t.wait_for("incident 2: reverses incident 1 (民政局 +5)");
    t.wait_for("[corrected by #2]");
    assert_eq!(raw.count("SELECT COUNT(*) FROM incidents WHERE reverses_id = 1 AND points = 5").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'incident.reverse'").await, 1);
    assert_eq!((mz(&db)["deductions"].as_i64(), mz(&db)["incidents"].as_i64()), (Some(0), Some(0)));

    // The quarter's bulletin, here: what `scores --bulletin` writes.
    t.keys(&["b"]);
    let path = db.dir.path().join("bulletin-2026Q3.md");
    t.wait_for(&format!("wrote {}", path.display()));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("得分排名") && written.contains("| 1 | 民政局 | 0 | 1 | 1 | 5 | 0 | 5 | +4 |"),
        "{written}"
    );
    assert_eq!(written, db.ok(&["scores", "--quarter", "2026Q3", "--bulletin", "-"]));
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(the_assessment_by_keys);

/// A line being typed in the real terminal (80×24, in English and Chinese): the readline keys
/// (Ctrl-a/e/w/u, Alt-b/f as tmux sends them, ESC and the letter), Ctrl-c cancelling the line
/// rather than quitting, and `/` reopening with the filter in force to edit.
#[test]
fn a_line_being_typed_takes_readline_keys_in_the_terminal() {
    for (lang, edit, help) in [("C.UTF-8", "←→ edit", "? help"), ("zh_CN.UTF-8", "←→ 修改", "? 帮助")] {
        let db = TestDb::sqlite();
        db.ok(&["init"]);
        let t = Tmux::console(&format!("readline-{}", &lang[..2]), &db, &[("LANG", Path::new(lang))]);
        t.wait_for("●");
        t.keys(&[":", "unit 民政局 abc"]);
        t.wait_for(":unit 民政局 abc");
        t.keys(&["C-a", "X", "C-e", "Y"]);
        t.wait_for(":Xunit 民政局 abcY");
        t.keys(&["M-b", "M-b", "Z"]);
        t.wait_for(":Xunit Z民政局 abcY");
        // Alt-f goes to the end of the word, as readline's does.
        t.keys(&["C-a", "M-f", "W"]);
        t.wait_for(":XunitW Z民政局 abcY");
        t.keys(&["C-e", "C-w", "Q"]);
        t.wait_for(":XunitW Z民政局 Q");
        t.keys(&["C-u", "stale"]);
        let s = t.wait_for(":stale");
        assert!(!s.contains("XunitW"), "{s}");
        // Ctrl-c cancels the line; the console stays.
        t.keys(&["C-c"]);
        let s = t.wait_for(help);
        assert!(!s.contains(":stale"), "{s}");
        t.keys(&["/", "tjj", "Enter"]);
        t.wait_for("[/tjj]");
        t.keys(&["/"]);
        let s = t.wait_for(edit);
        assert!(s.lines().any(|l| l.starts_with("/tjj")), "the old filter, to edit: {s}");
        t.keys(&["End", "BSpace", "x", "Enter"]);
        t.wait_for("[/tjx]");
        // Nothing being typed: Ctrl-c quits.
        t.keys(&["C-c"]);
        t.quits_cleanly(&db);
    }
}

/// The mouse in the real terminal: the console takes it (the modes tmux sees it ask for) unless
/// `mouse = false` in the settings, which leaves it to the terminal and its own selection of
/// text; the help says which (issue 22: the mouse was taken and nothing said so).
#[test]
fn mouse_false_in_the_settings_leaves_the_mouse_to_the_terminal() {
    for (setting, taken, said) in [(None, true, "taken by the console"), (Some(false), false, "left to the terminal")] {
        let db = TestDb::sqlite();
        db.ok(&["init"]);
        if let Some(mouse) = setting {
            let config = db.dir.path().join("config").join("portal-admin");
            std::fs::create_dir_all(&config).unwrap();
            std::fs::write(config.join("config.toml"), format!("mouse = {mouse}\n")).unwrap();
        }
        let t = Tmux::console(&format!("mouse-{taken}"), &db, &[]);
        t.wait_for("● connected");
        let modes = t.pane("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}");
        assert_eq!(modes.contains('1'), taken, "the mouse modes asked for: {modes}");
        t.keys(&["?", "/", "mouse", "Enter"]);
        t.wait_for(said);
        t.keys(&["Escape", "q"]);
        t.quits_cleanly(&db);
    }
}
