//! The console when things go wrong, as a user meets it: the real binary in a real terminal (tmux,
//! 80×24). The database stopped under an open console and started again (on a PostgreSQL cluster
//! of the test's own: the shared server on 5432 is never touched), a person who is not an
//! operator, a colleague's change arriving, content that would corrupt the screen and a row the
//! driver cannot decode.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Tmux;
use common::{Backend, TestDb};

/// A PostgreSQL cluster of the test's own, on a free port, to stop and start at will. PostgreSQL
/// refuses to run as root: as root the tests run its programs as the `postgres` user.
struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl Cluster {
    fn start() -> Cluster {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's programs in /usr/lib/postgresql")
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|p| p.join("pg_ctl").exists())
            .max()
            .expect("initdb and pg_ctl");
        let dir = tempfile::tempdir().unwrap();
        if as_root() {
            assert!(
                Command::new("chown")
                    .args(["postgres:postgres", dir.path().to_str().unwrap()])
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let cluster = Cluster { dir, bin, port };
        let data = cluster.data();
        cluster.run("initdb", &["-D", &data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        cluster.up();
        cluster
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    /// Runs one of PostgreSQL's programs (as `postgres` when the test runs as root).
    fn run(&self, program: &str, args: &[&str]) {
        let path = self.bin.join(program);
        let mut cmd = if as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let out = cmd.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the server and waits until it takes connections.
    fn up(&self) {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.dir.path().display());
        let log = self.dir.path().join("server.log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-o", &options, "-l", &log, "-w", "start"]);
    }

    /// Stops the server the way a restart or a shutdown does: connections are ended at once.
    fn down(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// A database on the cluster, as the tests' helpers use one (dropped with the cluster).
    async fn database(&self, name: &str) -> TestDb {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&self.url("postgres")).await.expect("the test's own cluster");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
        conn.close().await.ok();
        let mut db = TestDb::sqlite();
        db.backend = Backend::Postgres;
        db.url = self.url(name);
        db
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let path = self.bin.join("pg_ctl");
        let data = self.data();
        let mut cmd = if as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let _ = cmd.args(["-D", &data, "-m", "immediate", "-w", "stop"]).output();
    }
}

fn as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Two policy documents online in one column.
const ONLINE: &str = common::TWO_POLICIES;

fn import(db: &TestDb, lines: &str) {
    let file = db.file("items.jsonl");
    std::fs::write(&file, lines).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
}

/// Opens the policy column (found by the pinyin initials of 政府信息公开制度) and waits for its
/// newest item.
fn open_policy_column(t: &Tmux) -> String {
    t.keys(&["/", "zfxxgkzd"]);
    t.wait_for("[/zfxxgkzd]");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("象山区政务公开保密审查办法")
}

/// The database stops under an open console: the status line says it is reconnecting, what is
/// on the screen stays usable, a write is refused with a clear message and not applied; the
/// server starts again: the console says so by itself, nothing was written meanwhile, and the
/// same write, confirmed again, lands once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_stops_under_an_open_console_is_waited_for_and_nothing_is_half_written() {
    let cluster = Cluster::start();
    let db = cluster.database("portal").await;
    db.ok(&["init"]);
    import(&db, ONLINE);
    let mut raw = db.any().await;
    let zd2 = raw.count("SELECT id FROM items WHERE ref = 'zd-2'").await;
    let audit_before = raw.count("SELECT COUNT(*) FROM audit_log").await;
    drop(raw);

    let t = Tmux::console("stop", &db, &[]);
    t.wait_for("● connected · admin");
    open_policy_column(&t);

    let stopped = Instant::now();
    cluster.down();
    // The console notices by itself (it checks every second) and says it is reconnecting.
    let s = t.wait_within("reconnecting", Duration::from_secs(10));
    let noticed = stopped.elapsed();
    assert!(s.contains("✗ connection lost"), "{s}");
    assert!(s.contains("象山区政务公开保密审查办法") && s.contains("2 online"), "what was loaded stays:\n{s}");
    // How long, and the next try, count on the screen.
    let later = t.wait_for("reconnecting in");
    assert!(later.lines().last().unwrap().contains("connection lost"), "{later}");
    // Navigation of what is loaded works: down to the older item, and back.
    t.keys(&["Down", "Up"]);
    // A write: withdraw the newest item. The question opens; Enter is refused and says why.
    t.keys(&["w"]);
    let s = t.wait_for("Enter withdraws");
    assert!(s.contains(&format!("Withdraw item {zd2} from every column")), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("not sent: the database cannot be reached");
    assert!(s.contains("Enter withdraws") && s.contains("Enter again once connected"), "the question stays open:\n{s}");

    cluster.up();
    let restarted = Instant::now();
    let s = t.wait_for("connected again");
    let back = restarted.elapsed();
    assert!(s.lines().last().unwrap().starts_with(" ● connected"), "{s}");
    // Nothing was written while the server was down, nor sent again by the console since.
    std::thread::sleep(Duration::from_secs(2));
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 0);
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM items WHERE id = {zd2} AND status = 'online'")).await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit_before);
    // Confirmed again, it lands once; the console's own write is not a colleague's change.
    let s = t.screen();
    assert!(s.contains("Enter withdraws"), "the question is still open:\n{s}");
    t.keys(&["Enter"]);
    t.wait_for(&format!("withdrew item {zd2} from every column"));
    let s = t.wait_for("1 online");
    assert!(!s.contains("colleague"), "{s}");
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM withdrawals WHERE item_id = {zd2}")).await, 1);
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM items WHERE id = {zd2} AND status = 'withdrawn'")).await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'retract'").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit_before + 1);
    drop(raw);
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    eprintln!("stopped → reconnecting on screen: {noticed:?}; started → connected again: {back:?}");
}

/// A write that reaches the store while the database is down fails as not saved, classified by
/// its kind (not its words); nothing is applied, and once the server is back the same store
/// works again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_meets_a_stopped_database_is_not_saved_and_the_store_recovers() {
    use portal_admin::domain::RetractionReason;
    use portal_admin::store::{self, OpenOptions, Target};
    use portal_admin::ui::app::{Load, Loaded};

    let cluster = Cluster::start();
    let db = cluster.database("portal").await;
    db.ok(&["init"]);
    import(&db, ONLINE);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let mut raw = db.any().await;
    let zd1 = raw.count("SELECT id FROM items WHERE ref = 'zd-1'").await;
    drop(raw);
    let Loaded::Ping(Ok(before)) = portal_admin::ui::load(store.as_ref(), &site, Load::Ping).await else { panic!() };

    cluster.down();
    let retract = Load::Retract { items: vec![zd1], reason: RetractionReason::Outdated };
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, retract.clone()).await;
    let Loaded::Withdrawn(Err(said)) = loaded else { panic!("{loaded:?}") };
    assert!(said.starts_with("not saved: the database could not be reached ("), "{said}");
    assert!(lost.is_some(), "classified as the connection: {said}");
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, Load::Ping).await;
    assert!(matches!(loaded, Loaded::Ping(Err(_))) && lost.is_some(), "{loaded:?}");

    cluster.up();
    let start = Instant::now();
    let mark = loop {
        match portal_admin::ui::load(store.as_ref(), &site, Load::Ping).await {
            Loaded::Ping(Ok(mark)) => break mark,
            other => assert!(start.elapsed() < Duration::from_secs(20), "{other:?}"),
        }
    };
    assert_eq!(mark, before, "nothing was written");
    let mut raw = db.any().await;
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM items WHERE id = {zd1} AND status = 'online'")).await, 1);
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, retract).await;
    assert!(matches!(loaded, Loaded::Withdrawn(Ok(ref w)) if w.withdrawn == [zd1]) && lost.is_none(), "{loaded:?}");
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 1);
    // A refusal is not a lost connection.
    let (loaded, lost) =
        portal_admin::ui::query(store.as_ref(), &site, Load::Restore { withdrawals: vec![99_999_999] }).await;
    assert!(matches!(loaded, Loaded::Restored(Err(_))) && lost.is_none(), "{loaded:?}");
}

/// The Scores tab's loads meet a stopped database as every query does: a unit's score explained,
/// the bulletin and an incident each fail as a lost connection (the console then says
/// "reconnecting" and tries again), the incident as not saved, not as a one-line error the console
/// takes for the database's answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scores_loads_meet_a_stopped_database_as_a_lost_connection() {
    use portal_admin::domain::IncidentKind;
    use portal_admin::domain::assessment::Period;
    use portal_admin::store::{self, IncidentInput, OpenOptions, Target};
    use portal_admin::ui::app::{Load, Loaded};
    use portal_admin::ui::views::{self, scores};

    let cluster = Cluster::start();
    let db = cluster.database("portal").await;
    db.ok(&["init"]);
    import(&db, ONLINE);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let period = Period::Quarter { year: 2023, quarter: 1 };
    let explain = Load::from(scores::Load::Explain { unit: "政府办".into(), period });
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, explain.clone()).await;
    assert!(matches!(loaded, Loaded::View(views::Loaded::Scores(scores::Loaded::Explained(Ok(_))))), "{loaded:?}");
    assert!(lost.is_none());

    cluster.down();
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, explain).await;
    assert!(matches!(loaded, Loaded::View(views::Loaded::Scores(scores::Loaded::Explained(Err(_))))), "{loaded:?}");
    assert!(lost.is_some(), "an explanation that cannot reach the database is a lost connection: {loaded:?}");
    let file = "bulletin-never-written.md".to_string();
    let (loaded, lost) =
        portal_admin::ui::query(store.as_ref(), &site, scores::Load::Bulletin { period, file }.into()).await;
    assert!(matches!(loaded, Loaded::View(views::Loaded::Scores(scores::Loaded::Bulletin(Err(_))))), "{loaded:?}");
    assert!(lost.is_some(), "a bulletin that cannot reach the database is a lost connection: {loaded:?}");
    assert!(!std::path::Path::new("bulletin-never-written.md").exists(), "no bulletin was written");
    let input = IncidentInput {
        unit: "政府办".into(),
        kind: IncidentKind::Typo,
        item: None,
        occurred_on: "2023-02-05".parse().unwrap(),
        note: "错别字".into(),
    };
    let incident = scores::Load::AddIncident { input, item: None };
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, incident.into()).await;
    let Loaded::View(views::Loaded::Scores(scores::Loaded::Added(_, Err(said)))) = loaded else { panic!("{loaded:?}") };
    assert!(said.starts_with("not saved: the database could not be reached ("), "{said}");
    assert!(lost.is_some(), "an incident that cannot reach the database is a lost connection: {said}");

    cluster.up();
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM incidents").await, 0, "nothing was written");
}

/// A person who is no longer an active operator gets a read-only console: the status line says
/// so, every write key says why, and the database is not changed.
async fn a_disabled_operator_gets_a_read_only_console(db: TestDb) {
    db.ok(&["init"]);
    import(&db, ONLINE);
    let mut raw = db.any().await;
    let audit_before = raw.count("SELECT COUNT(*) FROM audit_log").await;
    raw.exec("UPDATE operators SET active = false").await.unwrap();
    let t = Tmux::console(&format!("ro-{:?}", db.backend), &db, &[]);
    let s = t.wait_for("● connected · read only");
    assert!(s.contains("read only:") && s.contains("is no longer an active"), "{s}");
    open_policy_column(&t);
    t.keys(&["w"]);
    let s = t.wait_for("✗ read only:");
    assert!(!s.contains("Enter withdraws"), "no question opens:\n{s}");
    t.keys(&["Space", "w", "Enter"]);
    // The refusal fades on the next key: read before Enter, which must not restore either.
    t.keys(&["3", "6", "u"]);
    let s = t.wait_for("✗ read only:");
    assert!(!s.contains("Enter restores"), "{s}");
    t.keys(&["Enter"]);
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 0);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit_before);
}

on_both_backends!(a_disabled_operator_gets_a_read_only_console);

/// Somebody who is not an operator of the site at all (the operators table does not name them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_who_is_not_an_operator_gets_a_read_only_console() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    import(&db, ONLINE);
    let mut raw = db.any().await;
    raw.exec("UPDATE operators SET name = name || '-elsewhere'").await.unwrap();
    let t = Tmux::console("stranger", &db, &[]);
    let s = t.wait_for("● connected · read only");
    assert!(s.contains("read only:") && s.contains("is not an operator of site"), "{s}");
    open_policy_column(&t);
    t.keys(&["w"]);
    t.wait_for("✗ read only:");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 0);
}

/// A colleague withdraws an item (the command line, meanwhile): the open column shows it within
/// about a second, says a colleague's change arrived, and keeps its place.
async fn a_colleagues_change_shows_up_on_the_open_screen(db: TestDb) {
    db.ok(&["init"]);
    import(&db, ONLINE);
    let t = Tmux::console(&format!("colleague-{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    let s = open_policy_column(&t);
    assert!(s.contains("2 online") && s.contains("象山区政府信息公开工作制度"), "{s}");
    // Let the console take its first look at the change mark.
    std::thread::sleep(Duration::from_millis(1500));
    db.ok(&["retract", "zd-2", "--reason", "outdated", "--note", "同事撤回"]);
    let done = Instant::now();
    let s = t.wait_within("1 online", Duration::from_secs(5));
    let took = done.elapsed();
    assert!(s.contains("↻ a colleague's change arrived"), "{s}");
    assert!(!s.contains("象山区政务公开保密审查办法") && s.contains("象山区政府信息公开工作制度"), "{s}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    eprintln!("{:?}: a colleague's withdrawal on the open screen {took:?} after the command ended", db.backend);
    // The note goes after a few seconds.
    let s = t.wait_within("● connected", Duration::from_secs(10));
    let start = Instant::now();
    while t.screen().contains("colleague") {
        assert!(start.elapsed() < Duration::from_secs(10), "{s}");
        std::thread::sleep(Duration::from_millis(200));
    }
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(a_colleagues_change_shows_up_on_the_open_screen);

/// Titles full of escape sequences, bidirectional overrides and invisible characters are shown
/// as visible symbols, never sent to the terminal (the pane's title stays, the screen's frame
/// stays); a row whose text is not UTF-8 is shown with the bad bytes replaced, and the list with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_content_is_shown_safely_and_an_undecodable_row_is_an_error_line() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let hostile = [
        r#"\u001b[2J\u001b[H清屏\u001b[31m红字"#,
        r#"\u001b]0;PWNED\u0007改窗口标题"#,
        r#"\u001b]52;c;ZXZpbA==\u0007写剪贴板"#,
        r#"关于\u202etxt.exe\u202c的通知"#,
        r#"零宽\u200b空格\u009b2J"#,
    ];
    let lines: String = hostile
        .iter()
        .enumerate()
        .map(|(i, title)| {
            format!(
                concat!(
                    r#"{{"ref":"h-{i}","title":"{title}","body":"正文\u001b[5m闪烁","form":"text","#,
                    r#""path":"unit","unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
                    r#""submitted_at":"2023-02-0{}T09:00:00+08:00","#,
                    r#""published_at":"2023-02-0{}T10:00:00+08:00"}}"#
                ),
                i + 1,
                i + 1,
                i = i,
                title = title
            ) + "\n"
        })
        .collect();
    import(&db, &(lines + ONLINE));
    let t = Tmux::console("hostile", &db, &[]);
    t.wait_for("● connected");
    let title = t.pane("#{pane_title}");
    t.keys(&["/", "zfxxgkzd"]);
    t.wait_for("[/zfxxgkzd]");
    t.keys(&["Enter", "Enter"]);
    let s = t.wait_for("7 online");
    assert!(
        s.contains("␛[2J␛[H清屏␛[31m红字") && s.contains("␛]0;PWNED␇改窗口标题") && s.contains("关于�txt.exe�的通知"),
        "{s}"
    );
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].starts_with(" 1 Queue") && lines[0].contains("2 Cols"), "the frame stays:\n{s}");
    assert!(lines.last().unwrap().starts_with(" ● connected"), "{s}");
    assert_eq!(t.pane("#{pane_title}"), title, "no escape reached the terminal");
    // An item whole: the body too.
    t.keys(&["End", "Enter"]);
    t.wait_for("History");
    let s = t.wait_for("正文␛[5m闪烁");
    assert_eq!(s.lines().count(), 24, "{s}");

    // A title that is not UTF-8 (SQLite stores what it is given): its column is still listed,
    // the row with the bad bytes replaced.
    let mut raw = db.any().await;
    raw.exec("UPDATE items SET title = CAST(X'E8B1A1FF41' AS TEXT) WHERE ref = 'zd-1'").await.unwrap();
    t.keys(&["Escape", "F5"]);
    let s = t.wait_for("象�A");
    assert!(s.contains("7 online") && !s.contains("✗ loading"), "the whole column, the bad row repaired:\n{s}");
    // The console goes on: back to the tree, and quit.
    t.keys(&["Escape", "Escape"]);
    t.wait_for("政务动态");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert!(!std::fs::read_to_string(db.file("err")).unwrap().contains("panicked"));
}

/// A TCP proxy that can stop passing bytes, as a network that drops packets does: connections
/// stay open and nothing arrives, so nothing fails either, for minutes.
struct Proxy {
    port: u16,
    frozen: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Proxy {
    fn start(target: String) -> Proxy {
        use std::io::{Read, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let frozen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let pump = |mut from: std::net::TcpStream,
                    mut to: std::net::TcpStream,
                    frozen: std::sync::Arc<std::sync::atomic::AtomicBool>| {
            std::thread::spawn(move || {
                let mut buf = [0u8; 16384];
                while let Ok(n) = from.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    while frozen.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    if to.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                let _ = to.shutdown(std::net::Shutdown::Write);
            });
        };
        let held = frozen.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = std::net::TcpStream::connect(&target) else { continue };
                pump(client.try_clone().unwrap(), server.try_clone().unwrap(), held.clone());
                pump(server, client, held.clone());
            }
        });
        Proxy { port, frozen }
    }

    fn freeze(&self, on: bool) {
        self.frozen.store(on, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The network to the database stops passing packets: the check that hangs counts as a lost
/// connection after `CHECK_TIMEOUT`, and once packets pass again the store answers again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_that_drops_packets_is_a_lost_connection_after_the_check_timeout() {
    use portal_admin::store::{self, OpenOptions, Target};
    use portal_admin::ui::app::{Load, Loaded};

    let db = TestDb::postgres().await;
    db.ok(&["init"]);
    let (before_host, rest) = db.url.split_once('@').unwrap();
    let (host, database) = rest.split_once('/').unwrap();
    let proxy = Proxy::start(host.to_string());
    let url = format!("{before_host}@127.0.0.1:{}/{database}", proxy.port);
    let store = store::open(&Target::parse(&url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    assert!(matches!(portal_admin::ui::load(store.as_ref(), &site, Load::Ping).await, Loaded::Ping(Ok(_))));

    // The pool tests a connection as it takes it back: let that finish first, so that the
    // check itself is what meets the silence.
    tokio::time::sleep(Duration::from_millis(500)).await;
    proxy.freeze(true);
    let start = Instant::now();
    let (loaded, lost) = portal_admin::ui::query(store.as_ref(), &site, Load::Ping).await;
    let took = start.elapsed();
    let Loaded::Ping(Err(said)) = loaded else { panic!("{loaded:?}") };
    assert!(said.contains("no answer from the database within 10 s") && lost.is_some(), "{said}");
    assert!(
        took >= portal_admin::ui::CHECK_TIMEOUT && took < portal_admin::ui::CHECK_TIMEOUT + Duration::from_secs(3),
        "{took:?}"
    );

    proxy.freeze(false);
    let start = Instant::now();
    loop {
        match portal_admin::ui::load(store.as_ref(), &site, Load::Ping).await {
            Loaded::Ping(Ok(_)) => break,
            other => assert!(start.elapsed() < Duration::from_secs(20), "{other:?}"),
        }
    }
    eprintln!(
        "a silent network: the check gave up after {took:?}; answered again {:?} after packets passed",
        start.elapsed()
    );
}
