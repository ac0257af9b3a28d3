//! Personal credentials (Art. 14) on a PostgreSQL server that asks for passwords: PGPASSWORD,
//! ~/.pgpass and a prompt at a terminal log in; the password shows on no screen, in no log and in
//! no audit record. The test runs a private PostgreSQL cluster with password authentication (the
//! shared test server trusts local connections).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const PASSWORD: &str = "Xs-2026!门户";

/// A PostgreSQL cluster of the test's own, stopped when dropped.
struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

fn bin(name: &str) -> PathBuf {
    let versions =
        std::fs::read_dir("/usr/lib/postgresql").expect("PostgreSQL's server binaries (Debian's postgresql package)");
    let mut dirs: Vec<PathBuf> = versions.filter_map(|d| d.ok().map(|d| d.path().join("bin"))).collect();
    dirs.sort();
    dirs.pop().expect("a PostgreSQL version").join(name)
}

/// Runs a server program, as the postgres user when the tests run as root (PostgreSQL refuses to
/// run as root).
fn as_postgres(program: &Path, args: &[&str]) -> Output {
    let mut cmd = if is_root() { Command::new("runuser") } else { Command::new(program) };
    if is_root() {
        cmd.args(["-u", "postgres", "--"]).arg(program);
    }
    cmd.args(args).output().expect("run a PostgreSQL program")
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Cluster {
    fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, PASSWORD).unwrap();
        if is_root() {
            assert!(
                Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().unwrap().success()
            );
        }
        let data = dir.path().join("data");
        let out = as_postgres(
            &bin("initdb"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=scram-sha-256",
                "--pwfile",
                pwfile.to_str().unwrap(),
                "-E",
                "UTF8",
            ],
        );
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let port = free_port();
        let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1", dir.path().display());
        let log = dir.path().join("log");
        let out = as_postgres(
            &bin("pg_ctl"),
            &["-D", data.to_str().unwrap(), "-o", &options, "-l", log.to_str().unwrap(), "-w", "start"],
        );
        assert!(out.status.success(), "pg_ctl start: {}", String::from_utf8_lossy(&out.stderr));
        Cluster { dir, port }
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        as_postgres(&bin("pg_ctl"), &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"]);
    }
}

fn portal_admin(cluster: &Cluster, home: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal-admin"));
    cmd.arg("--db").arg(cluster.url()).args(args).env_remove("DATABASE_URL").env_remove("PGPASSWORD").env("HOME", home);
    cmd.env("PORTAL_ADMIN_DATA_DIR", home.join("data"));
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    cmd.output().unwrap()
}

#[test]
fn passwords_come_from_the_environment_a_pgpass_file_or_a_prompt_and_are_never_shown() {
    let cluster = Cluster::start();
    let home = tempfile::tempdir().unwrap();

    // No password where one is needed, and no terminal to ask at: one clear line.
    let out = portal_admin(&cluster, home.path(), &["init"], None);
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(
        e.contains("cannot log in to PostgreSQL postgres@127.0.0.1") && e.contains("PGPASSWORD or ~/.pgpass"),
        "{e}"
    );
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    let out = portal_admin(&cluster, home.path(), &["init"], Some("wrong"));
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrong"), "the password tried is not repeated");

    // PGPASSWORD.
    let out = portal_admin(&cluster, home.path(), &["init"], Some(PASSWORD));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // ~/.pgpass (the file's permissions must keep others out, as libpq requires).
    let pgpass = home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("127.0.0.1:{}:*:postgres:{PASSWORD}\n", cluster.port)).unwrap();
    Command::new("chmod").arg("600").arg(&pgpass).status().unwrap();
    let out = portal_admin(&cluster, home.path(), &["columns", "--format", "csv"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("走进象山"));
    std::fs::remove_file(&pgpass).unwrap();

    // A prompt at a terminal: typed, not echoed; then the command runs.
    let session = format!("pa-cred-{}", std::process::id());
    let command = format!(
        "HOME={} PORTAL_ADMIN_DATA_DIR={}/data {} --db {} calendar show --year 2026 | head -3; echo DONE; sleep 30",
        home.path().display(),
        home.path().display(),
        env!("CARGO_BIN_EXE_portal-admin"),
        cluster.url()
    );
    let tmux = |args: &[&str]| Command::new("tmux").args(["-L", &session]).args(args).output().unwrap();
    assert!(
        tmux(&[
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "24",
            "-s",
            &session,
            "env",
            "-u",
            "PGPASSWORD",
            "sh",
            "-c",
            &command
        ])
        .status
        .success()
    );
    let screen = || String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", &session]).stdout).to_string();
    let wait = |what: &str| {
        let start = Instant::now();
        loop {
            let s = screen();
            if s.contains(what) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "waited for {what:?}:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let asked = wait("Password for PostgreSQL postgres@127.0.0.1");
    assert!(!asked.contains(PASSWORD));
    tmux(&["send-keys", "-t", &session, "-l", PASSWORD]);
    tmux(&["send-keys", "-t", &session, "Enter"]);
    let done = wait("DONE");
    tmux(&["kill-server"]);
    assert!(done.contains("date,kind"), "the command ran after the password: {done}");
    assert!(!done.contains(PASSWORD), "the password is not echoed: {done}");

    // Nowhere kept: not in the audit trail, not in the log directory.
    let out = portal_admin(&cluster, home.path(), &["audit", "--format", "json"], Some(PASSWORD));
    let audit = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && audit.contains("\"init\""), "{audit}");
    assert!(!audit.contains(PASSWORD));
    for entry in walk(home.path()) {
        let text = std::fs::read(&entry).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&text).contains(PASSWORD), "{} holds the password", entry.display());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
