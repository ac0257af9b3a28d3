//! Times `links --all` (issue 28) on 10,000 links against a local server, with the default limits:
//! the real program, on a fresh database of 1,000 online items, each with its public page and 9
//! links in its body (every link distinct), served by the tests' HTTP server on 127.0.0.1. Then the
//! same on 1,000 links, to show that the memory does not grow with the links. Both backends: SQLite
//! (a file of its own) and PostgreSQL (a database of its own on the server of `PG_ADMIN`, default
//! `postgres://postgres@127.0.0.1:5432/test`, made with `psql` and dropped after).
//!
//!   cargo bench --bench links
//!
//! Prints one line per run: `links BACKEND links seconds peak_rss_mib requests_served` (target:
//! 10,000 < 30 s).

#[path = "../tests/common/http.rs"]
mod http;

use std::process::Command;
use std::time::Instant;

const PROGRAM: &str = env!("CARGO_BIN_EXE_portal-admin");

fn program(dir: &std::path::Path, db: &str) -> Command {
    let mut cmd = Command::new(PROGRAM);
    cmd.arg("--db").arg(db).env("PORTAL_ADMIN_DATA_DIR", dir.join("data")).env("XDG_CONFIG_HOME", dir.join("config"));
    cmd.env_remove("DATABASE_URL");
    cmd
}

fn run_ok(mut cmd: Command) {
    let out = cmd.output().expect("run portal-admin");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Runs `cmd` and returns its wall time (s) and its own peak resident set (MiB).
// The child is waited for by `wait4`, which also gives its resource usage (`Child::wait` does not).
#[allow(clippy::zombie_processes)]
fn measured(mut cmd: Command) -> (f64, f64) {
    cmd.stdout(std::process::Stdio::null());
    let start = Instant::now();
    let child = cmd.spawn().expect("spawn portal-admin");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, once; its rusage is written into `usage`.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(waited, pid, "wait4");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "links failed: {status}");
    // Linux reports ru_maxrss in KiB.
    (seconds, usage.ru_maxrss as f64 / 1024.0)
}

/// A fresh PostgreSQL database of this run's own, dropped when it goes out of scope.
struct PgDatabase {
    admin: String,
    name: String,
}

impl PgDatabase {
    fn create(items: usize) -> PgDatabase {
        let admin = std::env::var("PG_ADMIN").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let name = format!("bench_links_{}_{items}", std::process::id());
        let db = PgDatabase { admin, name };
        db.psql(&format!("CREATE DATABASE {}", db.name));
        db
    }

    fn url(&self) -> String {
        let server = self.admin.rsplit_once('/').map_or(self.admin.as_str(), |(server, _)| server);
        format!("{server}/{}", self.name)
    }

    fn psql(&self, sql: &str) {
        let out = Command::new("psql").args([self.admin.as_str(), "-qc", sql]).output().expect("run psql");
        assert!(out.status.success(), "psql: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        self.psql(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
    }
}

fn bench(server: &http::Server, items: usize, backend: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pg = (backend == "postgres").then(|| PgDatabase::create(items));
    let db = match &pg {
        Some(pg) => pg.url(),
        None => format!("sqlite://{}", dir.path().join("portal.db").display()),
    };
    let mut init = program(dir.path(), &db);
    init.arg("init");
    run_ok(init);
    let mut lines = String::new();
    for i in 0..items {
        let body: Vec<String> =
            (0..9).map(|j| format!("<a href=\\\"{}\\\">附件{j}</a>", server.url(&format!("/page/{i}-{j}")))).collect();
        lines.push_str(&format!(
            concat!(
                r#"{{"ref":"l-{i}","url":"{}","title":"区统计局第{i}条信息","body":"正文{}","form":"text","#,
                r#""path":"unit","unit":"统计局","columns":["政务动态 / 部门动态"],"#,
                r#""submitted_at":"2026-11-20T09:00:00+08:00","published_at":"2026-11-20T15:00:00+08:00"}}"#
            ),
            server.url(&format!("/page/{i}")),
            body.join("，"),
            i = i
        ));
        lines.push('\n');
    }
    let file = dir.path().join("items.jsonl");
    std::fs::write(&file, lines).expect("write items");
    let mut import = program(dir.path(), &db);
    import.arg("import").arg(&file);
    run_ok(import);
    let served = server.seen.lock().unwrap().len();
    let mut links = program(dir.path(), &db);
    links.args(["links", "--all", "--allow-private", "--format", "csv"]);
    let (seconds, rss) = measured(links);
    let served = server.seen.lock().unwrap().len() - served;
    println!("links {backend} {} {seconds:.2} {rss:.1} {served}", items * 10);
}

fn main() {
    let server = http::Server::start_in_thread();
    for backend in ["sqlite", "postgres"] {
        bench(&server, 1_000, backend);
        bench(&server, 100, backend);
    }
}
