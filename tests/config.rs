//! Issue 23, point 6 (in part): the settings file. `config path` names it (`PORTAL_ADMIN_CONFIG_DIR`
//! moves the directory), `config check` names a mistake by file and line, `config show` lists
//! the settings in effect with where each comes from; and the settings the file holds are the
//! ones the program uses (the language here). Through the real binary.

mod common;

use std::process::Output;

use common::{program, stderr};
use serde_json::Value;

fn config(dir: &std::path::Path, args: &[&str]) -> Output {
    program().env("PORTAL_ADMIN_CONFIG_DIR", dir).arg("config").args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_settings_file_is_found_checked_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    let path = file.display().to_string();
    let out = config(dir.path(), &["path"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim_end(), path);
    // No file: nothing to check, every setting its default.
    let out = config(dir.path(), &["check"]);
    assert!(out.status.success() && stdout(&out).contains("no settings file at"), "{}", stdout(&out));

    // A mistake is named by file and line, in one line, exit 2 (bad input, as `keymap check`).
    std::fs::write(&file, "language = \"en\"\n\n[backup]\nwarn_after_days = 0\n").unwrap();
    let out = config(dir.path(), &["check"]);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("{path}:4: [backup] warn_after_days takes")), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    std::fs::write(&file, "language = \"en\"\ncolour = \"dark\"\n").unwrap();
    let e = stderr(&config(dir.path(), &["check"]));
    assert!(e.contains(&format!("{path}:2:1: ")) && e.contains("colour"), "{e}");
    std::fs::write(&file, "language = \"en\"\ntheme = \"dark\"\n").unwrap();
    let e = stderr(&config(dir.path(), &["check"]));
    assert!(e.contains(&format!("{path}:2: theme takes default, monochrome or high-contrast, not dark")), "{e}");
    // A colour of one's own that is not a colour, or a colour the console has no style for: its
    // line, exit 2, one line, in the language asked for.
    std::fs::write(&file, "theme = \"high-contrast\"\n\n[colours]\noverdue = \"#ff8800\"\nbar = \"navy\"\n").unwrap();
    let out = config(dir.path(), &["check", "--lang", "en"]);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("{path}:5: colours.bar = navy is not a colour")), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    std::fs::write(&file, "[colours]\nok = \"green\"\nalarm = \"red\"\n").unwrap();
    let out = config(dir.path(), &["check", "--lang", "zh-CN"]);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("{path}:3：[colours] 中没有名为 alarm 的颜色")), "{e}");
    // What the TOML parser says is said in the language: the file, the line and column, and what.
    std::fs::write(&file, "language = \"en\"\n[backup\n").unwrap();
    let out = config(dir.path(), &["check", "--lang", "zh-CN"]);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("{path} 第 2 行第 8 列：表头没有闭合（应为 `]`）")), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    // `config show` refuses the same file the same way.
    assert_eq!(config(dir.path(), &["show"]).status.code(), Some(2));

    // A file that fits: checked, and shown with the line each setting is on.
    std::fs::write(&file, "language = \"zh-CN\"\n[links]\nallow_private = true\n[backup]\nwarn_after_days = 3\n")
        .unwrap();
    let out = config(dir.path(), &["check", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("every setting is known and fits"), "{}", stdout(&out));
    let out = config(dir.path(), &["show", "--format", "json"]);
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |name: &str| rows.as_array().unwrap().iter().find(|r| r["setting"] == name).cloned().expect(name);
    assert_eq!(row("language")["value"], "zh-CN");
    assert_eq!(row("language")["from"], format!("{path}:1"));
    assert_eq!(row("links.allow_private")["value"], true);
    assert_eq!(row("links.withdrawal_notice")["value"].as_array().map(|a| !a.is_empty()), Some(true));
    assert_eq!(row("backup.warn_after_days")["value"], 3);
    assert_eq!(row("backup.warn_after_days")["from"], format!("{path}:5"));
    // The file's language is the program's: the same check says so in Chinese.
    let out = config(dir.path(), &["check"]);
    assert!(stdout(&out).contains("所有设置均可识别"), "{}", stdout(&out));
    // And a file given by name is checked instead of one's own.
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[links]\nallow_privat = true\n").unwrap();
    let e = stderr(&config(dir.path(), &["check", other.to_str().unwrap(), "--lang", "en"]));
    assert!(e.contains(&format!("{}:2:1: ", other.display())) && e.contains("allow_privat"), "{e}");
}

/// The settings are the program's: the database, the site and the ambiguous width come from the
/// file when no option or variable names them, under the option when one does; every setting is
/// listed by `config show`; and a file with a mistake stops a command that reads it, by file and
/// line, before it touches a database.
#[test]
fn the_file_s_settings_are_the_ones_the_commands_use() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    let path = file.display().to_string();
    let data = dir.path().join("data");
    let db = dir.path().join("from-settings.db");
    let run = |args: &[&str]| {
        program()
            .env("PORTAL_ADMIN_CONFIG_DIR", dir.path())
            .env("PORTAL_ADMIN_DATA_DIR", &data)
            .args(args)
            .output()
            .unwrap()
    };
    std::fs::write(
        &file,
        format!(
            "database_url = \"sqlite://{}\"\nsite = \"xiangshan\"\nambiguous_width = 2\nstart_tab = \"scores\"\nmouse \
                = false\ntheme = \"monochrome\"\nlog_level = \"debug\"\n",
            db.display()
        ),
    )
    .unwrap();
    let out = run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists(), "init made the database database_url names");
    assert!(!data.join("portal.db").exists(), "not the embedded one");
    let out = run(&["operators", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["config", "show", "--format", "json"]);
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |name: &str| rows.as_array().unwrap().iter().find(|r| r["setting"] == name).cloned().expect(name);
    for (setting, value, line) in [
        ("database_url", Value::from(format!("sqlite://{}", db.display())), 1),
        ("site", Value::from("xiangshan"), 2),
        ("ambiguous_width", Value::from(2), 3),
        ("start_tab", Value::from("scores"), 4),
        ("mouse", Value::from(false), 5),
        ("theme", Value::from("monochrome"), 6),
        ("log_level", Value::from("debug"), 7),
    ] {
        assert_eq!(row(setting)["value"], value, "{setting}");
        assert_eq!(row(setting)["from"], format!("{path}:{line}"), "{setting}");
    }
    for setting in ["language", "links.allow_private", "backup.warn_after_days", "log.rotation", "log.keep"] {
        row(setting);
    }
    // An option over the file, and the option named as the source.
    let out = program()
        .env("PORTAL_ADMIN_CONFIG_DIR", dir.path())
        .env("PORTAL_ADMIN_AMBIGUOUS_WIDTH", "1")
        .args(["config", "show", "--format", "json", "--site", "other"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |name: &str| rows.as_array().unwrap().iter().find(|r| r["setting"] == name).cloned().expect(name);
    assert_eq!(
        (row("site")["value"].clone(), row("site")["from"].clone()),
        (Value::from("other"), Value::from("--site"))
    );
    assert_eq!(row("ambiguous_width")["value"], 1);
    assert_eq!(row("ambiguous_width")["from"], "PORTAL_ADMIN_AMBIGUOUS_WIDTH");
    let out = run(&["--site", "nowhere", "operators"]);
    assert!(!out.status.success(), "--site over the file's site: {}", stderr(&out));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));

    // A mistake stops the command, naming the file and line, and nothing is opened.
    std::fs::write(&file, format!("database_url = \"sqlite://{}\"\nstart_tab = \"home\"\n", db.display())).unwrap();
    let out = run(&["operators"]);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("{path}:2: start_tab takes one of queue, columns")), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
}

/// The console's log is where the settings put it (the data directory, `PORTAL_ADMIN_DATA_DIR`),
/// at the level `config.toml` gives: `log_level = "debug"` lets the console's queries in, the
/// default (info) keeps them out.
#[test]
fn the_consoles_log_is_written_where_and_as_the_settings_say() {
    let db = common::TestDb::sqlite();
    db.ok(&["init"]);
    let settings = db.dir.path().join("config").join("portal-admin");
    std::fs::create_dir_all(&settings).unwrap();
    let log = db.dir.path().join("data").join("portal-admin.log");
    for (level, debug) in [(None, false), (Some("debug"), true)] {
        let _ = std::fs::remove_file(&log);
        let text = level.map(|l| format!("log_level = \"{l}\"\n[log]\nrotation = \"size\"\nkeep = 2\n"));
        std::fs::write(settings.join("config.toml"), text.unwrap_or_default()).unwrap();
        let t = common::tmux::Tmux::console(&format!("log-{debug}"), &db, &[]);
        t.wait_for("Queue");
        t.keys(&["q"]);
        t.quits_cleanly(&db);
        let written = std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
        assert!(written.contains("console opened"), "{written}");
        assert_eq!(written.contains("DEBUG"), debug, "level {level:?}: {written}");
    }
}
