//! A PostgreSQL hot standby (issue 25, point 4): a real streaming replica of a fresh cluster, made
//! by the test with Debian's PostgreSQL 15 binaries (`initdb`, `pg_basebackup -R`, a second
//! `postgres` on another port), both on 127.0.0.1 at free ports, stopped and removed at the end.
//! Pointed at the standby, the read commands work and a write is refused in one line naming the
//! primary.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

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

#[test]
fn a_hot_standby_reads_and_refuses_writes_naming_the_primary() {
    let dir = tempfile::tempdir().unwrap();
    if is_root() {
        assert!(Command::new("chown").args(["postgres:", &dir.path().to_string_lossy()]).status().unwrap().success());
    }
    let (primary_dir, standby_dir) = (dir.path().join("primary"), dir.path().join("standby"));
    pg(
        "initdb",
        &["-D", &primary_dir.to_string_lossy(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
    );
    let primary = Server::start(&primary_dir, free_port());
    let port = primary.port.to_string();
    pg(
        "pg_basebackup",
        &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-D", &standby_dir.to_string_lossy(), "-R"],
    );
    let standby = Server::start(&standby_dir, free_port());

    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    pg("psql", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-qc", "CREATE DATABASE portal"]);
    let ok = |url: &str, args: &[&str]| {
        let out = run(url, &home, args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    ok(&primary.url("portal"), &["init"]);
    ok(&primary.url("portal"), &["demo", "--items", "200", "--seed", "3"]);
    let on_primary = ok(&primary.url("portal"), &["queue", "--format", "json"]);
    // The standby replays the primary's changes: wait until it holds the demo's queue.
    let started = Instant::now();
    loop {
        let out = run(&standby.url("portal"), &home, &["queue", "--format", "json"]);
        if out.status.success() && String::from_utf8_lossy(&out.stdout) == on_primary {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the standby never caught up: {}", common::stderr(&out));
        std::thread::sleep(Duration::from_millis(200));
    }
    // The read commands work on the standby.
    for args in [&["stale"][..], &["sites"], &["scores", "--quarter", "2026Q3"], &["audit"]] {
        ok(&standby.url("portal"), args);
    }
    // A write is refused in one line, naming the primary to use; nothing is written.
    let out = run(&standby.url("portal"), &home, &["operators", "add", "bob", "--role", "viewer"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let said = common::stderr(&out);
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    assert!(said.contains("hot standby") && said.contains(&format!("127.0.0.1:{port}")), "{said}");
    let operators = ok(&primary.url("portal"), &["operators", "--format", "json"]);
    assert!(!operators.contains("bob"), "{operators}");
    // The primary itself takes the write.
    ok(&primary.url("portal"), &["operators", "add", "bob", "--role", "viewer"]);
    drop(standby);
    drop(primary);
}
