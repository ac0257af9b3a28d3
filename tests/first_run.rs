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
    // Read as one line: the terminal wraps long paths.
    let s = t.wait_for("i / d / q?").replace('\n', "");
    match db.backend {
        Backend::Sqlite => assert!(s.contains("there is no portal-admin database here yet"), "{s}"),
        Backend::Postgres => assert!(s.contains("the database is empty: it has no portal-admin tables yet"), "{s}"),
    }
    assert!(s.contains("Database") && s.contains("Settings") && s.contains("Log"), "{s}");
    let named = db.url.rsplit(['/']).next().unwrap();
    assert!(s.contains(named), "the Database line names {named}: {s}");
    let config = db.dir.path().join("config").join("portal-admin");
    assert!(s.contains(&config.display().to_string()), "names the config directory {}: {s}", config.display());
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
    let help = t.wait_for("Where things are").replace('\n', "");
    assert!(help.contains("Database") && help.contains(named), "{help}");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.quits_cleanly(&db);
    let columns = rows(&db, &["columns"]);
    assert!(columns.len() > 200, "the built-in column table is loaded: {}", columns.len());
    let operators = rows(&db, &["operators"]);
    assert_eq!(operators.len(), 1, "{operators:?}");
    assert_eq!(operators[0]["role"], "admin");
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
