//! A PostgreSQL hot standby (issue 25, point 4): a real streaming replica of a fresh cluster, made
//! by the test with Debian's PostgreSQL 15 binaries (`initdb`, `pg_basebackup -R`, a second
//! `postgres` on another port), both on 127.0.0.1 at free ports, stopped and removed at the end.
//! Pointed at the standby, the read commands work and a write is refused in one line naming the
//! primary; given the primary too (`--db-primary`), the console's daily routines read from the
//! standby and write to the primary, and the console says how far behind the standby is.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::tmux::{Tmux, quote};

const BIN: &str = "/usr/lib/postgresql/15/bin";

/// Runs a PostgreSQL program as the user that owns the clusters (`postgres` when the test runs as
/// root, which PostgreSQL refuses to run as; the test's own user otherwise).
fn pg(program: &str, args: &[&str]) -> Output {
    let path = format!("{BIN}/{program}");
    let out = if is_root() {
        Command::new("runuser").args(["-u", "postgres", "--", &path]).args(args).output()
    } else {
        Command::new(&path).args(args).output()
    }
    .unwrap_or_else(|e| panic!("{path}: {e} (Debian's postgresql-15 is needed)"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A server of the test's own: its data directory and port; stopped (and its files removed with
/// the directory) when dropped.
struct Server {
    data: PathBuf,
    port: u16,
}

impl Server {
    fn start(data: &Path, port: u16) -> Server {
        let log = data.with_extension("log");
        let options = format!("-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={}", data.display());
        pg("pg_ctl", &["-D", &data.to_string_lossy(), "-l", &log.to_string_lossy(), "-o", &options, "-w", "start"]);
        Server { data: data.to_path_buf(), port }
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let path = format!("{BIN}/pg_ctl");
        let data = self.data.to_string_lossy().to_string();
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = if is_root() {
            Command::new("runuser").args(["-u", "postgres", "--", &path]).args(args).output()
        } else {
            Command::new(&path).args(args).output()
        };
    }
}

/// Runs the real binary against `url`.
fn run(url: &str, home: &Path, args: &[&str]) -> Output {
    let mut cmd = common::program();
    cmd.env("PORTAL_ADMIN_DATA_DIR", home).env("PORTAL_ADMIN_CONFIG_DIR", home).args(["--lang", "en", "--db", url]);
    cmd.args(args).output().expect("run portal-admin")
}

/// A primary and its streaming hot standby, each a server of the test's own, with database
/// `portal` made on the primary (and so on the standby), and a home for the program's files.
struct Pair {
    // Dropped in this order: the standby, the primary, then their files.
    standby: Server,
    primary: Server,
    home: PathBuf,
    dir: tempfile::TempDir,
}

impl Pair {
    fn start() -> Pair {
        let dir = tempfile::tempdir().unwrap();
        if is_root() {
            assert!(
                Command::new("chown").args(["postgres:", &dir.path().to_string_lossy()]).status().unwrap().success()
            );
        }
        let (primary_dir, standby_dir) = (dir.path().join("primary"), dir.path().join("standby"));
        let data = primary_dir.to_string_lossy().to_string();
        pg("initdb", &["-D", &data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        let primary = Server::start(&primary_dir, free_port());
        let port = primary.port.to_string();
        let standby = standby_dir.to_string_lossy().to_string();
        pg("pg_basebackup", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-D", &standby, "-R"]);
        let standby = Server::start(&standby_dir, free_port());
        pg("psql", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-qc", "CREATE DATABASE portal"]);
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Pair { standby, primary, home, dir }
    }

    /// The program on `url`, which must succeed: its standard output.
    fn ok(&self, url: &str, args: &[&str]) -> String {
        let out = run(url, &self.home, args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// The program reading from the standby and writing to the primary.
    fn both(&self, args: &[&str]) -> Output {
        let primary = self.primary.url("portal");
        let mut all = vec!["--db-primary", primary.as_str()];
        all.extend_from_slice(args);
        run(&self.standby.url("portal"), &self.home, &all)
    }

    /// Waits until the standby holds what the primary does (the audit trail's newest record).
    fn caught_up(&self) {
        let newest = |url: &str| self.ok(url, &["audit", "--format", "json"]);
        let on_primary = newest(&self.primary.url("portal"));
        let started = Instant::now();
        while newest(&self.standby.url("portal")) != on_primary {
            assert!(started.elapsed() < Duration::from_secs(60), "the standby never caught up");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Runs a statement with psql on a server.
    fn psql(server: &Server, sql: &str) {
        let port = server.port.to_string();
        pg("psql", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-d", "portal", "-qc", sql]);
    }

    /// A count read with psql on a server.
    fn count(server: &Server, sql: &str) -> i64 {
        let port = server.port.to_string();
        let out = pg("psql", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-d", "portal", "-tAc", sql]);
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

#[test]
fn a_hot_standby_reads_and_refuses_writes_naming_the_primary() {
    let pair = Pair::start();
    let (primary, standby) = (pair.primary.url("portal"), pair.standby.url("portal"));
    pair.ok(&primary, &["init"]);
    pair.ok(&primary, &["demo", "--items", "200", "--seed", "3"]);
    pair.caught_up();
    assert_eq!(pair.ok(&standby, &["queue", "--format", "json"]), pair.ok(&primary, &["queue", "--format", "json"]));
    // The read commands work on the standby.
    for args in [&["stale"][..], &["sites"], &["scores", "--quarter", "2026Q3"], &["audit"]] {
        pair.ok(&standby, args);
    }
    // A write is refused in one line, naming the primary to use and --db-primary; nothing is written.
    let out = run(&standby, &pair.home, &["operators", "add", "bob", "--role", "viewer"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let said = common::stderr(&out);
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    let port = pair.primary.port;
    assert!(said.contains("hot standby") && said.contains(&format!("127.0.0.1:{port}")), "{said}");
    assert!(said.contains("--db-primary"), "{said}");
    let operators = pair.ok(&primary, &["operators", "--format", "json"]);
    assert!(!operators.contains("bob"), "{operators}");
    // The primary itself takes the write.
    pair.ok(&primary, &["operators", "add", "bob", "--role", "viewer"]);
}

/// Given the primary (`--db-primary`), every change goes there with its audit record, and returns
/// once the standby has replayed it: what is read next from the standby holds it, with no retry.
/// A standby given as the primary, a primary given as the standby, and a primary for SQLite are
/// refused in one line before anything is written.
#[test]
fn writes_go_to_the_primary_and_are_read_back_from_the_standby_at_once() {
    let pair = Pair::start();
    let (primary, standby) = (pair.primary.url("portal"), pair.standby.url("portal"));
    pair.ok(&primary, &["init"]);
    let file = pair.dir.path().join("pending.jsonl");
    std::fs::write(&file, common::PENDING).unwrap();
    pair.ok(&primary, &["import", &file.to_string_lossy()]);
    pair.caught_up();
    let audit = |server: &Server| Pair::count(server, "SELECT COUNT(*) FROM audit_log");
    let before = audit(&pair.primary);

    // Each write, then at once a read from the standby alone (a process of its own); the primary
    // given as --db-primary, as DATABASE_PRIMARY_URL, and in the settings file beside its
    // database_url.
    let settings = pair.dir.path().join("settings");
    std::fs::create_dir_all(&settings).unwrap();
    let file = format!("database_url = \"{standby}\"\ndatabase_primary_url = \"{primary}\"\n");
    std::fs::write(settings.join("config.toml"), file).unwrap();
    let add = |name: &str| {
        let args = ["operators", "add", name, "--role", "reviewer"];
        let mut cmd = common::program();
        cmd.env("PORTAL_ADMIN_DATA_DIR", &pair.home).args(["--lang", "en"]);
        match name {
            "ana" => return pair.both(&args),
            "ben" => cmd
                .env("PORTAL_ADMIN_CONFIG_DIR", &pair.home)
                .env("DATABASE_PRIMARY_URL", &primary)
                .args(["--db", &standby]),
            _ => cmd.env("PORTAL_ADMIN_CONFIG_DIR", &settings),
        };
        cmd.args(args).output().unwrap()
    };
    for (n, name) in ["ana", "ben", "cai"].iter().enumerate() {
        let out = add(name);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let listed = pair.ok(&standby, &["operators", "--format", "json"]);
        assert!(listed.contains(name), "written {name}, the standby at once: {listed}");
        assert_eq!(audit(&pair.primary), before + n as i64 + 1, "one audit record with each change");
    }
    let out = pair.both(&["review", "approve", "gov-1", "--checks", "all"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let queue = pair.ok(&standby, &["queue", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&queue).unwrap();
    let gov = items.iter().find(|i| i["title"].as_str().is_some_and(|t| t.contains("森林防火"))).expect("gov-1");
    assert_eq!(gov["stage"], "publish", "approved, read back from the standby at once: {queue}");
    assert_eq!(audit(&pair.standby), audit(&pair.primary));

    // A change waits for the standby's replay: with replay paused, it has not returned after a
    // while; resumed, it returns and the standby holds it. Paused for good, it returns anyway
    // (the wait is bounded) and the change is on the primary.
    Pair::psql(&pair.standby, "SELECT pg_wal_replay_pause()");
    let primary_url = primary.clone();
    let mut waiting = common::program()
        .env("PORTAL_ADMIN_DATA_DIR", &pair.home)
        .env("PORTAL_ADMIN_CONFIG_DIR", &pair.home)
        .args(["--db", &standby, "--db-primary", &primary_url, "operators", "add", "eve", "--role", "viewer"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while Pair::count(&pair.primary, "SELECT COUNT(*) FROM operators WHERE name = 'eve'") == 0 {
        assert!(started.elapsed() < Duration::from_secs(30), "the change never reached the primary");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(waiting.try_wait().unwrap().is_none(), "the change returned before the standby replayed it");
    Pair::psql(&pair.standby, "SELECT pg_wal_replay_resume()");
    let done = waiting.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", common::stderr(&done));
    assert!(pair.ok(&standby, &["operators", "--format", "json"]).contains("eve"), "replayed when it returned");
    Pair::psql(&pair.standby, "SELECT pg_wal_replay_pause()");
    let out = pair.both(&["operators", "add", "fay", "--role", "viewer"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(!pair.ok(&standby, &["operators", "--format", "json"]).contains("fay"), "still paused");
    assert!(pair.ok(&primary, &["operators", "--format", "json"]).contains("fay"));
    Pair::psql(&pair.standby, "SELECT pg_wal_replay_resume()");

    // The console's own write on the pair (`tracked`, as the console runs each write): the mark
    // its transaction found on the primary before its record, and its record, which the standby
    // read from holds when the write returns. Past the replay's wait, the write says nothing: the
    // standby does not hold its record yet, so the console's next check finds it as a change.
    pair.caught_up();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use portal_admin::domain::calendar::{CalendarDay, DayKind};
        use portal_admin::store::{self, OpenOptions, Target};
        use portal_admin::usecase::{calendar, connection};
        let target = Target::parse(&standby).unwrap().with_primary(&primary).unwrap();
        let console =
            store::open(&target, OpenOptions { create: false, read_only: false, dry_run: false }).await.unwrap();
        let day = |d: u32| CalendarDay {
            date: chrono::NaiveDate::from_ymd_opt(2027, 10, d).unwrap(),
            kind: DayKind::Holiday,
            note: "国庆节".into(),
        };
        let seen = connection::change_mark(console.as_ref()).await.unwrap();
        let (done, wrote) = connection::tracked(calendar::set_days(console.as_ref(), &[day(8)])).await;
        assert_eq!(done.unwrap(), 1);
        let now = connection::change_mark(console.as_ref()).await.unwrap();
        assert!(now > seen, "the standby holds the write's record when it returns");
        assert_eq!(wrote, [connection::Written { before: seen, last: now }]);
        Pair::psql(&pair.standby, "SELECT pg_wal_replay_pause()");
        let (done, wrote) = connection::tracked(calendar::set_days(console.as_ref(), &[day(9)])).await;
        assert_eq!(done.unwrap(), 1);
        assert!(wrote.is_empty(), "not yet on the standby: {wrote:?}");
        assert_eq!(connection::change_mark(console.as_ref()).await.unwrap(), now);
        Pair::psql(&pair.standby, "SELECT pg_wal_replay_resume()");
    });

    // Refused in one line, nothing written: a standby as the primary, a primary read as the standby,
    // SQLite with a primary.
    let refused = |args: &[&str], says: &[&str], code: i32| {
        let out = common::program()
            .env("PORTAL_ADMIN_DATA_DIR", &pair.home)
            .env("PORTAL_ADMIN_CONFIG_DIR", &pair.home)
            .args(["--lang", "en"])
            .args(args)
            .output()
            .unwrap();
        let said = common::stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {said}");
        assert_eq!(said.trim().lines().count(), 1, "{said}");
        assert!(says.iter().all(|s| said.contains(s)), "{says:?} in {said}");
    };
    let at = |server: &Server| format!("127.0.0.1:{}", server.port);
    let add = ["operators", "add", "dan", "--role", "viewer"];
    let mut args = vec!["--db", &standby, "--db-primary", &standby];
    args.extend(add);
    refused(&args, &["is itself a hot standby", &at(&pair.standby), &at(&pair.primary)], 1);
    let mut args = vec!["--db", &primary, "--db-primary", &primary];
    args.extend(add);
    refused(&args, &["is not a hot standby", "--db-primary"], 1);
    let sqlite = format!("sqlite://{}", pair.dir.path().join("x.db").display());
    let mut args = vec!["--db", &sqlite, "--db-primary", &primary];
    args.extend(add);
    refused(&args, &["--db-primary", "SQLite"], 2);
    let mut args = vec!["--db", &standby, "--db-primary", "mysql://db/portal"];
    args.extend(add);
    refused(&args, &["bad --db-primary URL", "postgres://"], 2);
    assert!(!pair.ok(&primary, &["operators", "--format", "json"]).contains("dan"));
    // Five operators added and an approval by the command line, two calendar days by `tracked`.
    assert_eq!(audit(&pair.primary), before + 8);
}

/// Presses `keys` in the console, then waits until it shows `shows`: the screen.
fn press(t: &Tmux, keys: &[&str], shows: &str) -> String {
    t.keys(keys);
    t.wait_for(shows)
}

/// An online item of the test's own, to be withdrawn at a unit's request.
const ONLINE: &str = concat!(
    r#"{"ref":"tj-1","title":"象山区2026年统计公报","body":"全区生产总值……","form":"text","#,
    r#""path":"unit","unit":"统计局","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-10-10T09:00:00+08:00","published_at":"2026-10-11T10:00:00+08:00"}"#,
    "\n",
);

/// A unit's item submitted while a console reads the standby alone.
const LATER: &str = concat!(
    r#"{"ref":"unit-2","title":"民政局开展冬季送温暖活动","body":"12月起……","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-12-01T09:00:00+08:00"}"#,
    "\n",
);

/// The console on the standby with `--db-primary` (issue 25): the status line says it reads a
/// replica and how far behind; the day's routines (the queue: approve, return, publish; a
/// withdrawal a unit asked for; the columns) are written to the primary and read back from the
/// standby. Without the primary it is read only, saying why, and a change made on the primary
/// arrives by the change mark (a standby takes no LISTEN; given the primary, it listens there).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_routines_on_a_standby_with_its_primary() {
    let pair = Pair::start();
    let (primary, standby) = (pair.primary.url("portal"), pair.standby.url("portal"));
    pair.ok(&primary, &["init"]);
    for (name, content) in [("pending.jsonl", common::PENDING), ("online.jsonl", ONLINE)] {
        let file = pair.dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        pair.ok(&primary, &["import", &file.to_string_lossy()]);
    }
    let request = ["retractions", "request", "tj-1", "--unit", "统计局", "--reason", "outdated", "--note", "已过时"];
    let out = pair.both(&request);
    assert!(out.status.success(), "{}", common::stderr(&out));
    pair.caught_up();

    // The live updates: the standby refuses LISTEN; given the primary, the store listens there.
    let options = portal_admin::store::OpenOptions::default();
    let alone = portal_admin::store::Target::parse(&standby).unwrap();
    let store = portal_admin::store::open(&alone, options).await.unwrap();
    assert!(store.watch().await.is_none(), "a standby takes no LISTEN: the change mark is watched");
    let state = store.replica().await.unwrap().expect("a standby");
    assert!(!state.writes_to_primary, "{state:?}");
    assert_eq!(state.upstream, Some(format!("127.0.0.1:{}", pair.primary.port)), "the primary it streams from");
    let with = alone.with_primary(&primary).unwrap();
    let store = portal_admin::store::open(&with, options).await.unwrap();
    assert!(store.watch().await.is_some(), "given the primary, the console listens there");
    assert!(store.replica().await.unwrap().expect("a standby").writes_to_primary);
    let store = portal_admin::store::open(&portal_admin::store::Target::parse(&primary).unwrap(), options).await;
    assert_eq!(store.unwrap().replica().await.unwrap(), None, "the primary is no standby");
    // Behind: replay paused, a change made on the primary; at least a second, until replayed.
    let store = portal_admin::store::open(&with, options).await.unwrap();
    Pair::psql(&pair.standby, "SELECT pg_wal_replay_pause()");
    Pair::psql(&pair.primary, "CREATE TABLE behind (x int)");
    let state = store.replica().await.unwrap().unwrap();
    assert!(state.behind_seconds.is_some_and(|s| s >= 1) && state.streaming, "{state:?}");
    Pair::psql(&pair.standby, "SELECT pg_wal_replay_resume()");
    let started = Instant::now();
    while store.replica().await.unwrap().unwrap().behind_seconds != Some(0) {
        assert!(started.elapsed() < Duration::from_secs(30), "never caught up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let console = |name: &str, lang: &str, args: &str| {
        let err = pair.dir.path().join(format!("{name}.err"));
        let command = format!(
            "env -u LC_ALL -u LC_MESSAGES LANG={lang} {} --db {} {args} 2> {}; echo EXIT=$? >> {}",
            quote(env!("CARGO_BIN_EXE_portal-admin")),
            quote(&standby),
            quote(&err.display().to_string()),
            quote(&err.display().to_string()),
        );
        let env = [("PORTAL_ADMIN_DATA_DIR", pair.home.as_path()), ("PORTAL_ADMIN_CONFIG_DIR", pair.home.as_path())];
        (Tmux::start(name, &command, &env), err)
    };
    let ended = |t: &Tmux, err: &Path| {
        t.keys(&["q"]);
        let started = Instant::now();
        while !std::fs::read_to_string(err).unwrap_or_default().contains("EXIT=") {
            assert!(started.elapsed() < Duration::from_secs(10), "the console did not end:\n{}", t.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
        let said = std::fs::read_to_string(err).unwrap();
        assert!(said.trim_end().ends_with("EXIT=0"), "{said}");
    };

    let (t, err) = console("replica-pair", "C.UTF-8", &format!("--db-primary {}", quote(&primary)));
    let s = t.wait_for("replica, up to date");
    assert!(s.contains("● connected") && !s.contains("read only"), "{s}");
    // The queue: approve the government item, return the unit's (check 4 failed), publish.
    press(&t, &["1"], "3 awaiting a decision");
    press(&t, &["Enter"], "at office_review (v1)");
    press(&t, &["c", "a"], "office_review → publish");
    press(&t, &["c", "4", "r"], "why?");
    for word in ["incomplete", "Space", "materials"] {
        t.keys(&[word]);
    }
    press(&t, &["Enter"], "recheck → returned");
    // The repost opens next: approve it.
    press(&t, &["c", "a"], "review → publish");
    t.keys(&["Escape"]);
    // Read back from the standby: the returned item is gone, the approved ones at publish.
    let s = t.wait_for("2 awaiting a decision");
    assert!(!s.contains("民政局开展"), "{s}");
    press(&t, &["Home", "Enter"], "at publish");
    press(&t, &["p"], "Enter publishes");
    press(&t, &["Enter"], "publish → done");
    t.keys(&["Escape"]);
    // The unit's request: withdraw its item after the confirmation.
    press(&t, &["3"], "1 pending");
    press(&t, &["w"], "Enter withdraws");
    press(&t, &["Enter"], "withdrew item");
    t.wait_for("No request is pending");
    // The columns: the notices column has the published item online (and not the withdrawn one).
    let s = press(&t, &["2", "/", "通知公告"], "[/通知公告]");
    let row = s.lines().find(|l| l.contains("政务动态 / 通知公告")).unwrap_or_else(|| panic!("{s}"));
    assert!(!row.starts_with("∅"), "{s}");
    t.keys(&["Escape"]);
    ended(&t, &err);

    // The primary holds every change with its audit record, and the standby received them.
    for server in [&pair.primary, &pair.standby] {
        let status = |r: &str, s: &str| format!("SELECT COUNT(*) FROM items WHERE ref = '{r}' AND status = '{s}'");
        assert_eq!(Pair::count(server, &status("gov-1", "online")), 1);
        assert_eq!(Pair::count(server, &status("unit-1", "returned")), 1);
        assert_eq!(Pair::count(server, &status("tj-1", "withdrawn")), 1);
        let actions = "SELECT COUNT(*) FROM audit_log WHERE action IN ('review.approve', 'review.reject', 'publish', \
            'retract')";
        assert_eq!(Pair::count(server, actions), 5, "on {}", server.port);
    }

    // The standby alone, in Chinese: read only, saying why; a change on the primary arrives by the
    // change mark, checked every second, within a few seconds: one made at once, while the first
    // screens may still be loading (compared with the mark read before they loaded, not with the
    // first check's), and one made later.
    let (t, err) = console("replica-alone", "zh_CN.UTF-8", "");
    let s = t.wait_for("只读副本 已同步");
    assert!(s.contains("只读"), "{s}");
    press(&t, &["1"], "1 条待决定");
    press(&t, &["Enter"], "待发布（第 2 版）");
    let s = press(&t, &["p"], "热备库");
    assert!(!s.contains("回车发布"), "refused before any question: {s}");
    assert!(s.contains(&format!("127.0.0.1:{} 上主库", pair.primary.port)), "naming the primary: {s}");
    t.keys(&["Escape"]);
    let out = pair.both(&["publish", "repost-1"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let live = Duration::from_secs(6);
    t.wait_within("没有待决定", live);
    std::thread::sleep(Duration::from_secs(2));
    let file = pair.dir.path().join("later.jsonl");
    std::fs::write(&file, LATER).unwrap();
    let out = pair.both(&["import", &file.to_string_lossy()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    t.wait_within("1 条待决定", live);
    ended(&t, &err);
    let online = "SELECT COUNT(*) FROM items WHERE ref = 'repost-1' AND status = 'online'";
    assert_eq!(Pair::count(&pair.primary, online), 1);
}
