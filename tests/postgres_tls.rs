//! PostgreSQL reached the libpq way, on a server of the test's own: `initdb` into a temporary
//! directory (Debian's PostgreSQL binaries; `.ci/run` installs them when absent), a certificate
//! authority and a server certificate made here with `openssl`, TLS only and passwords required on
//! a free port of 127.0.0.1. The program connects with `sslmode=verify-full` and the right
//! authority; a wrong authority, or a certificate made out for another name, is refused in one
//! clear line; a bare `postgres://` takes libpq's variables; a password typed at the prompt logs
//! in as `PGUSER`, not as the operating system's user.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::tmux::{Tmux, quote};

/// The superuser's password: characters a URL would have to encode, and one that is not ASCII.
const PASSWORD: &str = "p@ss:w/rd 密";

/// libpq's variables, none of which the runner's own may give the program under test.
const LIBPQ: &[&str] = &[
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGSSLCERT",
    "PGSSLKEY",
    "PGAPPNAME",
    "PGOPTIONS",
];

/// The newest PostgreSQL server binaries (Debian keeps them out of PATH), or a failure that says
/// how to get them: never a silent skip.
fn server_bin() -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin")).filter(|b| b.join("initdb").is_file()).collect())
        .unwrap_or_default();
    dirs.sort_by_key(|d| d.parent().and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok()).unwrap_or(0));
    dirs.pop().unwrap_or_else(|| {
        panic!("PostgreSQL's server binaries are not installed: install Debian's postgresql (.ci/run does)")
    })
}

fn is_root() -> bool {
    run(Command::new("id").arg("-u")).trim() == "0"
}

/// Runs a command and returns its output; fails the test with its stderr when it fails.
fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// A server program run as the user the server runs as: PostgreSQL refuses to run as root, so as
/// root it runs as `postgres` (runuser, util-linux).
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

/// A PostgreSQL cluster of the test's own, TLS only, stopped and removed on drop.
struct Server {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let bin = server_bin();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = |name: &str| dir.path().join(name);
        authority(dir.path(), "ca", "portal-admin test authority");
        authority(dir.path(), "other-ca", "an authority the server never used");
        // The server's certificate, made out for localhost only.
        openssl(dir.path(), &["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "server.key"]);
        openssl(dir.path(), &["req", "-new", "-key", "server.key", "-subj", "/CN=localhost", "-out", "server.csr"]);
        std::fs::write(
            path("server.ext"),
            "basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\n\
             extendedKeyUsage = serverAuth\nsubjectAltName = DNS:localhost\n",
        )
        .unwrap();
        openssl(
            dir.path(),
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "server.ext",
                "-out",
                "server.pem",
            ],
        );
        std::fs::write(path("pwfile"), format!("{PASSWORD}\n")).unwrap();
        if is_root() {
            run(Command::new("chown").args(["-R", "postgres:"]).arg(dir.path()));
        }
        let data = path("data");
        run(as_server_user(&bin.join("initdb"))
            .args(["-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8"])
            .arg(format!("--pwfile={}", path("pwfile").display()))
            .args(["--locale=C.UTF-8", "-D"])
            .arg(&data));
        // TLS or nothing over the network, and a password always.
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n",
        )
        .unwrap();
        // Another test may take a port between its release here and the server's bind: then another.
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            let settings = format!(
                "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\nssl = on\n\
                 ssl_cert_file = '{}'\nssl_key_file = '{}'\nfsync = off\nmax_connections = 20\n",
                dir.path().display(),
                path("server.pem").display(),
                path("server.key").display(),
            );
            std::fs::write(data.join("postgresql.auto.conf"), settings).unwrap();
            let log = path(&format!("server.{port}.log"));
            let started = as_server_user(&bin.join("pg_ctl"))
                .args(["-w", "-t", "30", "-D"])
                .arg(&data)
                .arg("-l")
                .arg(&log)
                .arg("start")
                .output()
                .expect("pg_ctl");
            if started.status.success() && TcpStream::connect(("127.0.0.1", port)).is_ok() {
                let server = Server { bin, data, port, dir };
                server.create_database("portal");
                return server;
            }
            let said = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(said.contains("Address already in use"), "PostgreSQL did not start: {said}");
        }
        panic!("PostgreSQL could not listen on a free port of 127.0.0.1 in five tries");
    }

    fn create_database(&self, name: &str) {
        run(as_server_user(&self.bin.join("createdb")).args(["-U", "postgres", "-h"]).arg(self.dir.path()).args([
            "-p",
            &self.port.to_string(),
            name,
        ]));
    }

    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// A URL of this server's `portal` database, as `postgres` at `host`, checked against `ca`.
    fn url(&self, host: &str, ca: &str) -> String {
        format!(
            "postgres://postgres@{host}:{}/portal?sslmode=verify-full&sslrootcert={}",
            self.port,
            self.file(&format!("{ca}.pem"))
        )
    }

    /// The program with none of the runner's libpq variables or settings, its own directories,
    /// and no password file.
    fn program(&self) -> Command {
        let mut cmd = common::program();
        for name in LIBPQ {
            cmd.env_remove(name);
        }
        cmd.env("PGPASSFILE", self.file("no-pgpass"))
            .env("PORTAL_ADMIN_DATA_DIR", self.file("program-data"))
            .env("PORTAL_ADMIN_CONFIG_DIR", self.file("program-config"));
        cmd
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = as_server_user(&self.bin.join("pg_ctl"))
            .args(["-m", "immediate", "-D"])
            .arg(&self.data)
            .arg("stop")
            .output();
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    run(Command::new("openssl").current_dir(dir).args(args));
}

/// A self-signed certificate authority: `NAME.key` and `NAME.pem` in `dir`.
fn authority(dir: &Path, name: &str, subject: &str) {
    let (key, pem, subject) = (format!("{name}.key"), format!("{name}.pem"), format!("/CN={subject}"));
    openssl(dir, &["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", &key]);
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            &key,
            "-subj",
            &subject,
            "-days",
            "2",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-out",
            &pem,
        ],
    );
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr).lines().map(str::to_string).collect()
}

#[test]
fn verify_full_connects_with_the_right_authority_and_refuses_a_wrong_one_in_one_line() {
    let server = Server::start();
    let good = server.url("localhost", "ca");
    let init = server.program().args(["--db", &good, "init"]).env("PGPASSWORD", PASSWORD).output().unwrap();
    assert!(init.status.success(), "init over verified TLS: {}", String::from_utf8_lossy(&init.stderr));
    let columns = server
        .program()
        .args(["--db", &good, "--format", "json", "columns"])
        .env("PGPASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(columns.status.success(), "{}", String::from_utf8_lossy(&columns.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&columns.stdout).unwrap();
    assert!(listed.as_array().is_some_and(|c| c.len() > 100), "the built-in column table: {listed}");
    assert!(
        !String::from_utf8_lossy(&columns.stderr).contains("not verified"),
        "a verified server draws no warning: {}",
        String::from_utf8_lossy(&columns.stderr)
    );

    // The same server, but checked against an authority that never signed its certificate; then
    // with the right authority but under a name the certificate is not made out for.
    for (url, why) in [
        (server.url("localhost", "other-ca"), "an unknown authority"),
        (server.url("127.0.0.1", "ca"), "a certificate for another name"),
    ] {
        let out = server.program().args(["--db", &url, "columns"]).env("PGPASSWORD", PASSWORD).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{why}: refused");
        let lines = stderr_lines(&out);
        assert_eq!(lines.len(), 1, "{why}: one line: {lines:?}");
        assert!(
            lines[0].starts_with("portal-admin: cannot connect to PostgreSQL postgres@")
                && lines[0].contains("the server's certificate was refused"),
            "{why}: {}",
            lines[0]
        );
        assert!(!lines[0].contains("panicked") && !lines[0].contains(PASSWORD), "{}", lines[0]);
        assert!(out.stdout.is_empty());
    }

    // Unencrypted connections are refused by this server: the program's TLS was real.
    let plain = format!("postgres://postgres@127.0.0.1:{}/portal?sslmode=disable", server.port);
    let out = server.program().args(["--db", &plain, "columns"]).env("PGPASSWORD", PASSWORD).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_bare_postgres_url_takes_libpqs_variables_and_a_typed_password_logs_in_as_pguser() {
    let server = Server::start();
    let init = server
        .program()
        .args(["--db", &server.url("localhost", "ca"), "init"])
        .env("PGPASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    // Everything from the variables, as libpq takes them; the operating system's user (root, or
    // whoever runs the tests) has no login on this server, and the database `postgres` is not
    // initialised: only `portal` is.
    let port = server.port.to_string();
    let ca = server.file("ca.pem");
    let libpq = [
        ("PGHOST", "localhost"),
        ("PGPORT", port.as_str()),
        ("PGUSER", "postgres"),
        ("PGDATABASE", "portal"),
        ("PGPASSWORD", PASSWORD),
        ("PGSSLMODE", "verify-full"),
        ("PGSSLROOTCERT", ca.as_str()),
    ];
    let out =
        server.program().args(["--db", "postgres://", "--format", "json", "columns"]).envs(libpq).output().unwrap();
    assert!(out.status.success(), "postgres:// with libpq's variables: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"path\""));
    // Without PGDATABASE the database is the user's name, as libpq's is: `postgres`, not initialised.
    let out = server
        .program()
        .args(["--db", "postgres://", "columns"])
        .envs(libpq.iter().filter(|(k, _)| *k != "PGDATABASE").copied())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("postgres@localhost:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // No password anywhere: the program asks for one at the terminal, and logs in with it as
    // PGUSER (before, the URL was rebuilt with the operating system's user).
    let json = server.file("columns.json");
    let unset: String = LIBPQ.iter().map(|v| format!("-u {v} ")).collect();
    let command = format!(
        "env {unset}PGUSER=postgres PGPASSFILE={} PORTAL_ADMIN_DATA_DIR={} PORTAL_ADMIN_CONFIG_DIR={} LANG=C.UTF-8 {} \
         --db {} --format json columns > {}; echo exit=$?; sleep 30",
        quote(&server.file("no-pgpass")),
        quote(&server.file("program-data")),
        quote(&server.file("program-config")),
        quote(env!("CARGO_BIN_EXE_portal-admin")),
        quote(&format!("postgres://localhost:{}/portal?sslmode=verify-full&sslrootcert={ca}", server.port)),
        quote(&json),
    );
    let tmux = Tmux::start("tls-password", &command, &[]);
    let start = Instant::now();
    while !tmux.screen().contains("Password") {
        assert!(start.elapsed() < Duration::from_secs(20), "no password prompt:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(tmux.screen().contains("postgres@localhost"), "the prompt names PGUSER:\n{}", tmux.screen());
    tmux.keys(&[PASSWORD, "Enter"]);
    let start = Instant::now();
    while !tmux.screen().contains("exit=") {
        assert!(start.elapsed() < Duration::from_secs(20), "did not finish:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(tmux.screen().contains("exit=0"), "{}", tmux.screen());
    let listed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(listed.as_array().is_some_and(|c| !c.is_empty()));
}

#[test]
fn a_server_elsewhere_reached_without_verification_is_warned_of_and_a_verified_one_is_not() {
    // Nothing answers at these addresses (TEST-NET-1, never routed): what matters is what is said
    // before connecting.
    let dir = tempfile::tempdir().unwrap();
    let program = || {
        let mut cmd = common::program();
        for name in LIBPQ {
            cmd.env_remove(name);
        }
        cmd.env("PORTAL_ADMIN_DATA_DIR", dir.path().join("data"))
            .env("PORTAL_ADMIN_CONFIG_DIR", dir.path().join("config"));
        cmd
    };
    let out = program().args(["--db", "postgres://u@192.0.2.1:1/portal?sslmode=require", "columns"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.lines()
            .next()
            .is_some_and(|l| l.starts_with("portal-admin: warning: the server 192.0.2.1 is not verified")),
        "{said}"
    );
    let out = program()
        .args(["--db", "postgres://u@192.0.2.1:1/portal?sslmode=verify-full&sslrootcert=/nonexistent.pem", "columns"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not verified"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = program().args(["--db", "postgres://u@127.0.0.1:1/portal?sslmode=disable", "columns"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not verified"), "loopback is this machine");
}
