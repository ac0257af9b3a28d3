//! The console's overview of a provincial platform's sites (issue 25), as a user meets it: the
//! real binary in tmux at 80×24, on both databases, opened by an administrator of two counties;
//! the Sites tab lists both with `sites`' figures, `s` sorts, Enter enters a site and its own
//! columns come up, with the site named on the status line; `:site CODE` goes back.

mod common;

use common::tmux::Tmux;
use common::{TestDb, rows};

/// A county's own small column table and its units.
const COLUMNS: &str = "path\tdeadline\tdepartments\tunits\tnote
乡镇动态\t\t\t\t
乡镇动态 / 定江镇\t10天\t定江镇人民政府\t定江镇\t
乡镇动态 / 灵田镇\t10天\t灵田镇人民政府\t定江镇\t
通知公告\t4个月\t政府办\t政府办\t
";

const UNITS: &str = "name\tkind\tfull_name
政府办\toffice\t灵川县人民政府办公室
定江镇\ttownship\t灵川县定江镇人民政府
";

/// Waits (at most 10 s: the status line is drawn in more than one write) for the status line to
/// name the site `code`.
fn status_names(t: &Tmux, code: &str) {
    let start = std::time::Instant::now();
    loop {
        let s = t.screen();
        if s.trim_end().lines().last().is_some_and(|l| l.contains(code)) {
            return;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "the status line names no {code}:\n{s}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

async fn the_overview_enters_a_site_and_shows_its_columns(db: TestDb) {
    db.ok(&["init"]);
    let (table, units) = (db.file("columns.tsv"), db.file("units.tsv"));
    std::fs::write(&table, COLUMNS).unwrap();
    std::fs::write(&units, UNITS).unwrap();
    db.ok(&[
        "sites",
        "add",
        "lingchuan",
        "--name",
        "灵川县人民政府门户网站",
        "--columns",
        table.to_str().unwrap(),
        "--units",
        units.to_str().unwrap(),
    ]);
    // What `sites` says of each, which the overview must show.
    let listed = rows(&db, &["sites"]);
    let blank = |code: &str| listed.iter().find(|r| r["code"] == code).unwrap()["blank"].as_u64().unwrap();
    let config = db.dir.path().join("config").join("portal-admin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "site = \"xiangshan\"\nstart_tab = \"columns\"\n").unwrap();

    let t = Tmux::console(&format!("sites{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    // An administrator of two counties has the overview in the bar, and the site on the status line.
    t.wait_for("S Sites");
    status_names(&t, "xiangshan");
    t.keys(&["S"]);
    let s = t.wait_for("Sites 2");
    let row = |s: &str, code: &str| s.lines().find(|l| l.starts_with(code)).map(str::to_string);
    let (xs, lc) = (row(&s, "xiangshan").unwrap(), row(&s, "lingchuan").unwrap());
    assert!(xs.contains(&blank("xiangshan").to_string()) && lc.contains(&blank("lingchuan").to_string()), "{s}");
    // Sorted by blank columns, the site with more comes first.
    t.keys(&["s", "s"]);
    let s = t.wait_for("worst first by blank columns");
    let first = s.lines().nth(3).unwrap();
    let worse = if blank("xiangshan") >= blank("lingchuan") { "xiangshan" } else { "lingchuan" };
    assert!(first.starts_with(worse), "{s}");
    // Enter on lingchuan: its own columns, its name on the status line.
    let at = s.lines().skip(3).position(|l| l.starts_with("lingchuan")).unwrap();
    t.keys(&["Home"]);
    for _ in 0..at {
        t.keys(&["Down"]);
    }
    t.keys(&["Enter"]);
    let s = t.wait_for("乡镇动态");
    status_names(&t, "lingchuan");
    assert!(s.contains("Columns 4") && !s.contains("走进象山"), "lingchuan's columns, not xiangshan's: {s}");
    // `:site xiangshan` goes back to the first county's columns.
    t.keys(&[":", "s", "i", "t", "e", " ", "x", "i", "a", "n", "g", "s", "h", "a", "n", "Enter"]);
    t.wait_for("走进象山");
    status_names(&t, "xiangshan");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(the_overview_enters_a_site_and_shows_its_columns);

/// Given no site (nor one in the settings) on a database of several, a command is told to choose
/// one; the console instead opens on the overview of the sites the operator works in, over the
/// first of them, and Enter enters one.
async fn with_no_site_chosen_the_console_opens_on_the_overview(db: TestDb) {
    db.ok(&["init"]);
    db.ok(&["sites", "add", "lingchuan", "--name", "灵川县人民政府门户网站"]);
    let out = db.run(&["columns"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
    let t = Tmux::console(&format!("nosite{:?}", db.backend), &db, &[]);
    t.wait_for("● connected");
    let s = t.wait_for("Sites 2");
    assert!(s.lines().any(|l| l.starts_with("lingchuan")) && s.lines().any(|l| l.starts_with("xiangshan")), "{s}");
    status_names(&t, "xiangshan");
    let at = s.lines().skip(3).position(|l| l.starts_with("lingchuan")).unwrap();
    t.keys(&["Home"]);
    for _ in 0..at {
        t.keys(&["Down"]);
    }
    t.keys(&["Enter"]);
    status_names(&t, "lingchuan");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(with_no_site_chosen_the_console_opens_on_the_overview);
