//! Bad input on the command line: a clear one-line message, the contract's exit code, no panic.

mod common;

use std::process::Command;

fn portal_admin(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    common::program().args(args).env("PORTAL_ADMIN_DATA_DIR", data_dir).output().expect("run portal-admin")
}

/// The error, on one line (after the warning about a password typed into --db, if there is one).
fn one_line_error(out: &std::process::Output, code: i32) -> String {
    let all = String::from_utf8_lossy(&out.stderr).to_string();
    let e: String = all
        .lines()
        .filter(|l| {
            !l.starts_with("portal-admin: warning: the password in --db") && !l.contains("can be read by other users")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(out.status.code(), Some(code), "{e}");
    assert!(!e.contains("panicked") && !e.contains("backtrace"), "{e}");
    assert!(e.starts_with("portal-admin: "), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
    e
}

#[test]
fn a_bad_database_url_is_a_usage_error_that_hides_the_password() {
    let dir = tempfile::tempdir().unwrap();
    for url in ["mysql://me:hunter2@db/portal", "sqlite://", "postgres://me:hunter2@host:notaport/db", "portal.db"] {
        let out = portal_admin(&["--db", url, "columns"], dir.path());
        let e = one_line_error(&out, 2);
        assert!(e.contains("bad --db URL"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
    }
}

/// A malformed PostgreSQL URL is refused in one line, exit 2, before anything connects: a server
/// listening where each URL points is never reached (a mistyped `sslmod=verify-full` would
/// otherwise connect without verifying, the driver ignoring what it does not know).
#[test]
fn a_malformed_postgres_url_is_refused_before_anything_connects() {
    let dir = tempfile::tempdir().unwrap();
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    server.set_nonblocking(true).unwrap();
    let port = server.local_addr().unwrap().port();
    for (url, says) in [
        (format!("postgres://:{port}/x"), "no host before the port".to_string()),
        (format!("postgres://root:hunter2@:{port}/x"), "no host".to_string()),
        (format!("postgres://root@127.0.0.1:{port}/x?sslmod=verify-full"), "unknown parameter \"sslmod\"".into()),
        (format!("postgres://root@127.0.0.1:{port}/x?sslmode=verify"), "sslmode=\"verify\"".into()),
        (format!("postgres://root@127.0.0.1:{port}:1/x"), format!("the port {port}:1 is not a port")),
        (format!("postgres:///x?host=127.0.0.1&port={port}0"), format!("port=\"{port}0\"")),
    ] {
        let out = portal_admin(&["--db", &url, "--lang", "en", "columns"], dir.path());
        let e = one_line_error(&out, 2);
        assert!(e.contains("bad --db URL") && e.contains(&says), "{url}: {e}");
        assert!(!e.contains("hunter2"), "{e}");
    }
    let out = common::program()
        .args(["--db", &format!("postgres://:{port}/x"), "--lang", "zh-CN", "columns"])
        .env("PORTAL_ADMIN_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(one_line_error(&out, 2).contains("缺少主机"));
    assert!(server.accept().is_err(), "nothing connected to the server the URLs point at");
}

/// A bad libpq variable is refused as the same URL parameter is, in one line, exit 2, before
/// anything connects: the driver would take `PGSSLMODE=verify-ful` as `prefer` (connecting without
/// verifying the server) and `PGPORT=5433x` as 5432. A server listens where each would connect.
#[test]
fn a_bad_libpq_variable_is_refused_before_anything_connects() {
    let dir = tempfile::tempdir().unwrap();
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    server.set_nonblocking(true).unwrap();
    let port = server.local_addr().unwrap().port();
    let url = format!("postgres://root@127.0.0.1:{port}/x");
    for (variable, value, lang, says) in [
        ("PGSSLMODE", "verify-ful", "en", "from the environment: PGSSLMODE=\"verify-ful\" is not a value it takes"),
        ("PGSSLMODE", "verify-ful", "zh-CN", "来自环境变量：PGSSLMODE=\"verify-ful\""),
        ("PGPORT", "5433x", "en", "PGPORT=\"5433x\""),
        ("PGHOSTADDR", "localhost", "en", "PGHOSTADDR=\"localhost\""),
    ] {
        let out = common::program()
            .args(["--db", &url, "--lang", lang, "columns"])
            .env("PORTAL_ADMIN_DATA_DIR", dir.path())
            .env(variable, value)
            .output()
            .unwrap();
        let e = one_line_error(&out, 2);
        assert!(e.contains(says), "{variable}={value}: {e}");
    }
    assert!(server.accept().is_err(), "nothing connected to the server the URL points at");
}

#[test]
fn a_password_typed_into_the_command_line_is_warned_about_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal_admin(&["--db", "postgres://root:hunter2@127.0.0.1:9/portal", "columns"], dir.path());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.starts_with("portal-admin: warning: the password in --db shows in the process list"), "{e}");
    assert!(e.contains("use PGPASSWORD or ~/.pgpass"), "{e}");
    assert!(!e.contains("hunter2"), "{e}");
    // The same URL from the environment shows in no process list: no warning.
    let out = Command::new(env!("CARGO_BIN_EXE_portal-admin"))
        .arg("columns")
        .env("DATABASE_URL", "postgres://root:hunter2@127.0.0.1:9/portal")
        .env("PORTAL_ADMIN_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!e.contains("warning") && !e.contains("hunter2"), "{e}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_unreachable_server_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal_admin(&["--db", "postgres://root:hunter2@127.0.0.1:9/portal", "columns"], dir.path());
    let e = one_line_error(&out, 1);
    assert!(e.contains("cannot connect to PostgreSQL root@127.0.0.1:9/portal"), "{e}");
    assert!(!e.contains("hunter2"), "{e}");
}

#[test]
fn a_wrong_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal_admin(&["columns", "--colour"], dir.path());
    let e = one_line_error(&out, 2);
    assert!(e.contains("--colour"), "{e}");
    let out = portal_admin(&["--demo", "--db", "sqlite://x.db", "columns"], dir.path());
    one_line_error(&out, 2);
}

#[test]
fn the_embedded_default_needs_no_server() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal_admin(&["columns"], dir.path());
    let e = one_line_error(&out, 1);
    assert!(e.contains("run `portal-admin init`"), "{e}");
    let out = portal_admin(&["init"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("portal.db").exists());
    let out = portal_admin(&["columns", "--format", "csv"], dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("id,path,level,deadline,rule,departments"));
}

#[test]
fn demo_flag_creates_its_database_once_and_summarises_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal_admin(&["--demo"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(summary.contains("20000 items"), "{summary}");
    assert!(dir.path().join("demo.db").exists());
    assert!(!dir.path().join("portal.db").exists(), "the demo database is separate");
    let again = portal_admin(&["--demo"], dir.path());
    assert!(again.status.success());
    assert!(!String::from_utf8_lossy(&again.stderr).contains("creating the demo database"), "created once");
    assert!(String::from_utf8_lossy(&again.stdout).contains("20000 items"));

    // A demo database made by an older version is brought up to this one by `--demo` itself.
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for undo in [
            "DROP TRIGGER placements_latest_inserted",
            "DROP TRIGGER placements_latest_updated",
            "DROP TRIGGER placements_latest_deleted",
            "DROP TABLE column_latest",
            "DROP INDEX items_queue_step",
            "DROP INDEX items_queue_wait",
            "DROP TABLE item_initials_text",
            "DROP TABLE item_initials",
            "DROP TABLE item_findings",
            "DROP TABLE finding_lists",
            "ALTER TABLE audit_log DROP COLUMN hash",
            "ALTER TABLE items DROP COLUMN mark",
            "ALTER TABLE retraction_requests DROP COLUMN resolution",
            "DROP TABLE item_marks",
            "DROP INDEX withdrawals_at",
            "DROP TABLE inquiries",
            "DROP TABLE finding_waivers",
            "DROP INDEX documents_item",
            "DROP INDEX audit_log_site",
            "DROP TABLE calendar_notices",
            "ALTER TABLE operators DROP COLUMN login",
            "DROP TABLE link_checks",
            "DROP TRIGGER withdrawals_closed_once",
            "DROP TRIGGER retraction_requests_closed_once",
            "DROP TRIGGER retraction_requests_never_deleted",
            "DROP TRIGGER incidents_no_update",
            "DROP TRIGGER incidents_no_delete",
            "DROP TRIGGER items_text_added",
            "DROP TRIGGER items_text_changed",
            "DROP TRIGGER items_text_removed",
            "DROP TABLE items_text",
            "DROP INDEX items_newest",
            "DROP TABLE rectifications",
            "DROP TABLE site_probes",
            "DROP TABLE supervisors",
            "UPDATE schema_meta SET value = '3' WHERE key = 'schema_version'",
        ] {
            sqlx::query(undo).execute(&mut c).await.unwrap();
        }
    });
    let upgraded = portal_admin(&["--demo"], dir.path());
    assert!(upgraded.status.success(), "{}", String::from_utf8_lossy(&upgraded.stderr));
    assert!(
        String::from_utf8_lossy(&upgraded.stderr).contains("upgraded the schema"),
        "{}",
        String::from_utf8_lossy(&upgraded.stderr)
    );
    assert!(String::from_utf8_lossy(&upgraded.stdout).contains("20000 items"));
}

#[test]
fn demo_flag_with_read_only_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal_admin(&["--demo", "--read-only"], dir.path());
    let e = one_line_error(&out, 1);
    assert!(e.contains("run `portal-admin --demo` once without --read-only"), "{e}");
    assert!(!dir.path().join("demo.db").exists());
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// A database file this user may not write opens read only: reading works, and a write says why in
/// one line. (As root, the commands run as the postgres user, for whom the file is not writable.)
#[test]
fn a_database_file_this_user_cannot_write_is_read_only_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.db");
    let url = format!("sqlite://{}", db.display());
    let out = portal_admin(&["--db", &url, "init"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let as_other = |args: &[&str]| -> std::process::Output {
        let mut cmd = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", env!("CARGO_BIN_EXE_portal-admin")]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_portal-admin"))
        };
        cmd.arg("--db")
            .arg(&url)
            .args(args)
            .env_remove("DATABASE_URL")
            .env("PORTAL_ADMIN_DATA_DIR", "/tmp")
            .output()
            .unwrap()
    };
    Command::new("chmod").arg("755").arg(dir.path()).status().unwrap();
    // Shared on purpose: the files portal-admin made its user's alone, the database and (while a
    // writer's are there) its -wal and -shm, opened to others by their owner.
    for file in
        ["portal.db", "portal.db-wal", "portal.db-shm"].map(|f| dir.path().join(f)).iter().filter(|f| f.exists())
    {
        Command::new("chmod").arg(if is_root() { "644" } else { "444" }).arg(file).status().unwrap();
    }
    let reads_and_refuses_to_write = |state: &str| {
        let out = as_other(&["columns", "--format", "csv"]);
        assert!(out.status.success(), "reading works {state}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("象山动态"), "{state}");
        let out = as_other(&["calendar", "add", "--holiday", "2027-10-08"]);
        let e = one_line_error(&out, 1);
        assert!(
            e.contains("read-only: changing the calendar is not allowed") && e.contains("is not writable by"),
            "{state}: {e}"
        );
    };
    // Whether the writer's -wal and -shm files are still there depends on how it ended; both ways.
    if dir.path().join("portal.db-shm").exists() {
        reads_and_refuses_to_write("with the writer's WAL index present");
    }
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        // One connection, closed and waited for: a pool's close may return before the
        // connection's own thread has closed the file.
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    });
    assert!(!dir.path().join("portal.db-shm").exists(), "the last connection's clean close removes the index");
    Command::new("chmod").arg(if is_root() { "644" } else { "444" }).arg(&db).status().unwrap();
    reads_and_refuses_to_write("after the last writer closed cleanly");
}

/// A disk that fills up in the middle of a change: one clear line, and nothing half written.
#[test]
fn a_full_disk_is_a_clear_error_that_writes_nothing() {
    if !is_root() {
        eprintln!(
            "a_full_disk_is_a_clear_error_that_writes_nothing needs root (it mounts a 1 MB tmpfs); run it as root, \
                as CI does"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    assert!(
        Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"]).arg(&small).status().unwrap().success()
    );
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(small.clone());
    let url = format!("sqlite://{}", small.join("portal.db").display());
    let out = portal_admin(&["--db", &url, "init"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = portal_admin(&["--db", &url, "demo", "--items", "20000"], dir.path());
    let e = one_line_error(&out, 1);
    assert!(e.contains("the disk holding the database is full: nothing was written"), "{e}");
    let out = portal_admin(&["--db", &url, "export"], dir.path());
    assert!(out.status.success(), "the database is whole: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "no item was written");
}
