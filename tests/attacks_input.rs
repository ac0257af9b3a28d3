//! Hostile or broken input and arguments: a NUL in a title, a line of any length, a device given
//! as a file, a password in a URL, `?mode=ro`, a database another process holds locked. Each is
//! refused in one line that says where and why, the same on both backends, and loses nothing.

mod common;

use common::{TestDb, fails, rows};
use sqlx::Connection;

const ITEM: &str = concat!(
    r#"{"ref":"a-1","title":"标题","body":"正文","form":"text","path":"unit","#,
    r#""unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#
);

async fn bad_lines_are_refused_with_their_line_number(db: TestDb) {
    db.ok(&["init"]);
    let write = |name: &str, text: &str| {
        let f = db.file(name);
        std::fs::write(&f, text).unwrap();
        f.display().to_string()
    };
    let nul = write("nul.jsonl", &format!("{ITEM}\n{}\n", ITEM.replace("a-1", "a-2").replace("标题", "标\\u0000题")));
    fails(&db, &["import", &nul], 2, &format!("{nul}:2: title holds a NUL character"));
    let date =
        write("date.jsonl", &format!("{ITEM}\n\n{}\n", ITEM.replace("a-1", "a-3").replace("2026-11-20", "2026-02-30")));
    fails(&db, &["import", &date], 2, &format!("{date}:3:"));
    let long =
        write("long.jsonl", &format!("{ITEM}\n{}\n", ITEM.replace("a-1", "a-4").replace("正文", &"长".repeat(2_000))));
    fails(&db, &["import", &long, "--max-line", "4096"], 2, &format!("{long}:2: the line is longer than 4096 bytes"));
    db.ok(&["import", &long]);
    for device in ["/dev/zero", "/dev/null"] {
        fails(&db, &["import", device], 2, "is not a regular file");
    }
    fails(&db, &["keymap", "check", "/dev/zero"], 2, "is not a regular file");
    assert_eq!(rows(&db, &["queue"]).len(), 2, "the two items of the good file, nothing of the bad ones");
}

on_both_backends!(bad_lines_are_refused_with_their_line_number);

#[test]
fn a_password_is_never_shown_and_sqlite_parameters_are_not_ignored() {
    let db = TestDb::sqlite();
    let run = |url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portal-admin"))
            .args(["--db", url, "columns"])
            .env("PORTAL_ADMIN_DATA_DIR", db.dir.path())
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let out = run("postgres://u@127.0.0.1:notaport/db?password=hunter2");
    let e = common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(!e.contains("hunter2") && e.contains("password=***"), "{e}");
    assert!(e.contains("warning: the password in --db shows in the process list"), "warned about: {e}");
    db.ok(&["init"]);
    let out = run(&format!("{}?mode=ro", db.url));
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("give --read-only"), "{}", common::stderr(&out));
}

/// A write that waits for a lock another process holds says who holds it and to try again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_database_says_who_holds_it() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    db.import("one.jsonl", ITEM);
    let mut holder = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut holder).await.unwrap();
    let out = db.run(&["retractions", "request", "a-1", "--unit", "政府办", "--reason", "error"]);
    let e = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains("is locked: pid ") && e.contains(&format!("pid {}", std::process::id())), "{e}");
    assert!(e.contains("nothing was written; try again"), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1);
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
}

/// A row whose text is not UTF-8 (written into SQLite by hand) never fails a whole list: the
/// queue, the export and `show` give it with the bad bytes replaced and name the item in a warning.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_that_is_not_utf8_is_shown_repaired_and_named() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    db.import("one.jsonl", &format!("{ITEM}\n{}\n", ITEM.replace("a-1", "a-2")));
    let mut raw = db.any().await;
    raw.exec("UPDATE items SET title = CAST(X'E8B1A1FF41' AS TEXT), body = CAST(X'FF' AS TEXT) WHERE ref = 'a-2'")
        .await
        .unwrap();
    for args in [&["queue", "--format", "csv"][..], &["export"], &["show", "a-2"], &["show", "a-2", "--format", "json"]]
    {
        let out = db.run(args);
        let e = common::stderr(&out);
        assert!(out.status.success(), "{args:?}: {e}");
        assert!(e.contains("warning: item 2: its text in the database is not valid UTF-8"), "{args:?}: {e}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("象\u{fffd}A"), "{args:?}");
    }
    let out = db.run(&["show", "a-1"]);
    assert!(common::stderr(&out).is_empty(), "a good item gives no warning");
}

/// A second `demo` over the same dates meets its own document numbers: refused in one line that
/// says why, instead of the database's raw UNIQUE error.
async fn a_second_demo_of_the_same_seed_says_why(db: TestDb) {
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "200"]);
    fails(&db, &["demo", "--items", "200"], 1, "already holds demo content for these dates");
    fails(&db, &["demo", "--items", "200", "--seed", "7"], 1, "nothing was added");
}

on_both_backends!(a_second_demo_of_the_same_seed_says_why);
