//! The console as a new administrator first meets it: no database yet, or an empty one. It says
//! where its database and settings live and offers `init` or the demo, and nothing is created
//! until asked.

mod common;

use common::tmux::Tmux;
use common::{Backend, TestDb, rows};

/// On a fresh machine (no database file, or an empty PostgreSQL database) the console explains
/// where things live and offers init; `i` creates the portal, with this user as its first
/// administrator, and opens the console on it.
async fn the_first_run_offers_init_and_opens_the_console(db: TestDb) {
    let t = Tmux::console(&format!("first-{:?}", db.backend), &db, &[]);
    // Read as a person reads it: its lines wrap at 80 columns (the paths depend on TMPDIR).
    let screen = t.wait_for("i / d / q?");
    let s = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    match db.backend {
        Backend::Sqlite => assert!(s.contains("there is no portal-admin database here yet"), "{s}"),
        Backend::Postgres => assert!(s.contains("the database is empty: it has no portal-admin tables yet"), "{s}"),
    }
    assert!(s.contains("Database") && s.contains("Settings") && s.contains("Log"), "{s}");
    let named = db.url.rsplit(['/']).next().unwrap();
    assert!(s.contains(named), "the Database line names {named}: {s}");
    let config = db.dir.path().join("config").join("portal-admin");
    assert!(
        squashed(&s).contains(&squashed(&config.display().to_string())),
        "names the config directory {}: {s}",
        config.display()
    );
    assert!(s.contains("(none yet: the built-in ones are used)") && s.contains("keymap.toml"), "{s}");
    t.keys(&["i"]);
    t.wait_for("● connected");
    t.wait_for("政务动态");
    t.wait_for("Welcome: ? lists the keys");
    // Every empty view says what would fill it.
    for (tab, says) in [
        ("1", "Items come here when they are imported"),
        ("3", "shows here once it is recorded"),
        ("6", "each withdrawal shows here"),
        ("8", "Findings come from the names and words lists"),
    ] {
        t.keys(&[tab]);
        t.wait_for(says);
    }
    t.keys(&["?"]);
    let help = t.wait_for("Where things are");
    assert!(help.contains("Database") && squashed(&help).contains(named), "{help}");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    let columns = rows(&db, &["columns"]);
    assert!(columns.len() > 200, "the built-in column table is loaded: {}", columns.len());
    let operators = rows(&db, &["operators"]);
    assert_eq!(operators.len(), 1, "{operators:?}");
    assert_eq!(operators[0]["role"], "admin");
}

/// The first run in a Chinese locale (`LANG=zh_CN.UTF-8`): the same offer in Chinese, `i` creates
/// the portal, and every empty view says in Chinese what would fill it.
async fn the_first_run_speaks_chinese(db: TestDb) {
    let lang = std::path::Path::new("zh_CN.UTF-8");
    let t = Tmux::console(&format!("first-zh-{:?}", db.backend), &db, &[("LANG", lang)]);
    let screen = t.wait_for("i / d / q？");
    let s = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    match db.backend {
        Backend::Sqlite => assert!(s.contains("这里还没有 portal-admin 数据库"), "{s}"),
        Backend::Postgres => assert!(s.contains("数据库是空的"), "{s}"),
    }
    assert!(s.contains("数据库") && s.contains("设置") && s.contains("日志"), "{s}");
    t.keys(&["i"]);
    t.wait_for("● 已连接");
    t.wait_for("欢迎：按 ? 查看每个视图的按键");
    for (tab, says) in [
        ("1", "没有待决定的信息。"),
        ("3", "登记后即显示在这里"),
        ("6", "每次撤回都显示在这里"),
        ("8", "问题依据姓名和词语清单查找"),
    ] {
        t.keys(&[tab]);
        t.wait_for(says);
    }
    t.keys(&["?"]);
    t.wait_for("文件位置");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert!(rows(&db, &["columns"]).len() > 200, "the built-in column table is loaded");
    assert_eq!(rows(&db, &["operators"]).len(), 1);
}

on_both_backends!(the_first_run_speaks_chinese);

/// Text without its white space: a path as it reads across the rows it wraps over.
fn squashed(s: &str) -> String {
    s.split_whitespace().collect()
}

/// A person whose home directory has a long path (here, the settings and data directories under
/// one 70 characters long) reads the offer at 80 columns: each long path breaks after a `/`, and
/// the rest continues in the column of the text after its label (the terminal would cut it
/// anywhere, flush left).
#[test]
fn long_paths_on_the_first_run_wrap_at_a_slash() {
    let db = TestDb::sqlite();
    let home = db.dir.path().join("xiangshan-district-portal/administrators/zhang.wei.lin");
    assert!(home.display().to_string().chars().count() >= 60, "{}", home.display());
    let (config, data) = (home.join(".config"), home.join(".local/share/portal-admin"));
    let t = Tmux::console("first-long", &db, &[("XDG_CONFIG_HOME", &config), ("PORTAL_ADMIN_DATA_DIR", &data)]);
    let screen = t.wait_for("i / d / q?");
    let rows: Vec<&str> = screen.lines().collect();
    for (label, path) in [("Settings", config.join("portal-admin")), ("Log", data.join("portal-admin.log"))] {
        let at = rows.iter().position(|r| r.starts_with(&format!("  {label} "))).unwrap_or_else(|| panic!("{screen}"));
        assert!(rows[at].ends_with('/'), "{label}: the row breaks after a slash: {screen}");
        let continued: Vec<&str> = rows[at + 1..]
            .iter()
            .take_while(|r| r.starts_with("            ") && !r.trim().is_empty())
            .copied()
            .collect();
        assert!(!continued.is_empty(), "{label}: continues in the column after the label: {screen}");
        let whole = squashed(&[rows[at]].iter().chain(&continued).copied().collect::<String>());
        assert!(whole.contains(&squashed(&path.display().to_string())), "{label}: the path is whole: {screen}");
    }
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

/// `q` at the offer leaves the machine as it was: no database file is made.
#[test]
fn quitting_the_first_run_creates_nothing() {
    let db = TestDb::sqlite();
    let t = Tmux::console("first-quit", &db, &[]);
    t.wait_for("i / d / q?");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert!(!db.dir.path().join("portal.db").exists(), "nothing was created");
}

/// `d` opens the demo instead: its own database in the data directory, filled once.
#[test]
fn the_first_run_can_open_the_demo_instead() {
    let db = TestDb::sqlite();
    let t = Tmux::console("first-demo", &db, &[]);
    t.wait_for("i / d / q?");
    t.keys(&["d"]);
    t.wait_within("● connected", std::time::Duration::from_secs(120));
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    assert!(db.dir.path().join("data").join("demo.db").exists(), "the demo database is in the data directory");
    assert!(!db.dir.path().join("portal.db").exists(), "the database named by --db is left alone");
}

/// With --read-only nothing can be created: no offer, one line saying what to run.
#[test]
fn a_read_only_first_run_says_what_to_run() {
    let db = TestDb::sqlite();
    let out = db.run(&["--read-only"]);
    assert_eq!(out.status.code(), Some(1));
    let e = common::stderr(&out);
    assert!(e.contains("run `portal-admin init`"), "{e}");
}

on_both_backends!(the_first_run_offers_init_and_opens_the_console);
