//! Fresh databases for tests: each test gets its own SQLite file or its own PostgreSQL database,
//! created here and dropped afterwards, so tests run in parallel and never see each other's rows.
//!
//! PostgreSQL is required: a missing server fails the tests (CI starts one). The server is found at
//! `PORTAL_ADMIN_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/test`).

#![allow(dead_code)]

pub mod http;
pub mod tmux;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

/// The national check's indicators the built-in rules give, in their order (`inspect`, the Inspect tab).
pub const INDICATORS: [&str; 8] = [
    "site_not_updated",
    "stale_columns",
    "neglected_columns",
    "empty_columns",
    "unanswered_inquiries",
    "home_broken_links",
    "other_broken_links",
    "site_unreachable",
];

pub const ADMIN_URL_ENV: &str = "PORTAL_ADMIN_TEST_PG";

/// The time zone the tests run the program and the PostgreSQL sessions in: far from Beijing, so a
/// date taken in the wrong zone shows.
pub const FOREIGN_TZ: &str = "Pacific/Honolulu";

/// The variables by which a person sets the program up for themselves: their database, their
/// terminal's width of ambiguous characters, no colour. The runner's must not reach the program
/// under test: each test sets what it needs. (The runner's HOME, locale, time zone, terminal and
/// umask may be anything: `scripts/test --env-matrix`.)
pub const OWN_SETTINGS: &[&str] =
    &["DATABASE_URL", "DATABASE_PRIMARY_URL", "PORTAL_ADMIN_AMBIGUOUS_WIDTH", "NO_COLOR", "PORTAL_ADMIN_CONFIG_DIR"];

/// The locale variables that choose the interface's language. The runner's may say Chinese: the
/// program under test gets an English locale unless a test sets one (tests/cli_lang.rs).
pub const LOCALE: &[&str] = &["LC_ALL", "LC_MESSAGES", "LANG"];

/// The program under test, without the runner's own settings of it (`OWN_SETTINGS`), in English.
pub fn program() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal-admin"));
    for name in OWN_SETTINGS.iter().chain(LOCALE) {
        cmd.env_remove(name);
    }
    cmd.env("LANG", "C.UTF-8");
    cmd
}

fn admin_url() -> String {
    std::env::var(ADMIN_URL_ENV).unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

fn with_database(url: &str, database: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("a PostgreSQL URL names a database");
    format!("{base}/{database}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database of its own for one test.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub dir: tempfile::TempDir,
    pg_database: Option<String>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => TestDb::sqlite(),
            Backend::Postgres => TestDb::postgres().await,
        }
    }

    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("portal.db").display());
        TestDb { backend: Backend::Sqlite, url, dir, pg_database: None }
    }

    pub async fn postgres() -> TestDb {
        let admin = admin_url();
        let name = format!(
            "portal_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
        );
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is required for the tests ({admin}): {e}. Start it: pg_ctlcluster \
                --skip-systemctl-redirect $(ls /etc/postgresql) main start"
            )
        });
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
        // A server far from Beijing: every date the program computes must still be a Beijing date.
        sqlx::query(&format!("ALTER DATABASE {name} SET timezone TO '{FOREIGN_TZ}'"))
            .execute(&mut conn)
            .await
            .expect("set time zone");
        conn.close().await.ok();
        TestDb {
            backend: Backend::Postgres,
            url: with_database(&admin, &name),
            dir: tempfile::tempdir().expect("temp dir"),
            pg_database: Some(name),
        }
    }

    /// The same PostgreSQL database as another login (without a password: the test server trusts
    /// local connections). Dropping it drops nothing.
    pub fn as_login(&self, name: &str) -> TestDb {
        let (scheme, rest) = self.url.split_once("://").expect("a URL");
        let host = rest.split_once('@').map_or(rest, |(_, host)| host);
        TestDb {
            backend: self.backend,
            url: format!("{scheme}://{name}@{host}"),
            dir: tempfile::tempdir().expect("temp dir"),
            pg_database: None,
        }
    }

    /// Drops the test's database, then the login roles the test made (a role belongs to the
    /// server, not to a database, so nothing else would).
    pub async fn drop_with_roles(self, roles: &[&str]) {
        drop(self);
        let mut conn = sqlx::PgConnection::connect(&admin_url()).await.expect("connect");
        for role in roles {
            sqlx::query(&format!("DROP ROLE IF EXISTS \"{role}\"")).execute(&mut conn).await.expect("drop role");
        }
    }

    /// Runs the real binary against this database with `args`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run portal-admin")
    }

    /// The program on this database, with the test's own data and config directories and none of
    /// the runner's own settings of it (`program`).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = program();
        cmd.arg("--db").arg(&self.url).args(args);
        cmd.env("PORTAL_ADMIN_DATA_DIR", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        cmd
    }

    /// Runs and expects success; returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "portal-admin {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Imports `lines` (JSON Lines) from a file `name` in the test's directory.
    pub fn import(&self, name: &str, lines: &str) {
        let file = self.file(name);
        std::fs::write(&file, lines).unwrap();
        self.ok(&["import", file.to_str().unwrap()]);
    }

    /// Gives the item `reference` everything Art. 10 asks a unit submission to carry, so that it
    /// can pass its re-review.
    pub async fn attach_all(&self, reference: &str) {
        let mut raw = self.any().await;
        for kind in ["signed_scan", "electronic_text", "target_columns"] {
            raw.exec(&format!(
                "INSERT INTO attachments (site_id, item_id, kind, name, received_at) \
                 SELECT site_id, id, '{kind}', '{kind}.pdf', submitted_at FROM items WHERE ref = '{reference}'"
            ))
            .await
            .unwrap();
        }
    }

    /// A direct connection, to look at the database (or try what the console must not do).
    pub async fn any(&self) -> Raw {
        match self.backend {
            Backend::Sqlite => Raw::Sqlite(sqlx::SqliteConnection::connect(&self.url).await.expect("connect sqlite")),
            Backend::Postgres => Raw::Postgres(sqlx::PgConnection::connect(&self.url).await.expect("connect postgres")),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_database.take() else { return };
        let admin = admin_url();
        // Drop runs inside a test's runtime: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let oid: Option<String> =
                        sqlx::query_scalar("SELECT CAST(oid AS TEXT) FROM pg_database WHERE datname = $1")
                            .bind(&name)
                            .fetch_optional(&mut conn)
                            .await
                            .ok()
                            .flatten();
                    let _ =
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
                    // The database's group roles (portal_<oid>_…) belong to the server: they go with it.
                    for kind in ["admin", "reviewer", "viewer"] {
                        if let Some(oid) = &oid {
                            let _ = sqlx::query(&format!("DROP ROLE IF EXISTS portal_{oid}_{kind}"))
                                .execute(&mut conn)
                                .await;
                        }
                    }
                }
            });
        })
        .join();
    }
}

/// A direct connection to a test database.
pub enum Raw {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Raw {
    /// Runs a statement; the database's error message on refusal.
    pub async fn exec(&mut self, sql: &str) -> Result<u64, String> {
        match self {
            Raw::Sqlite(c) => sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()).map_err(|e| e.to_string()),
            Raw::Postgres(c) => sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()).map_err(|e| e.to_string()),
        }
    }

    /// One integer.
    pub async fn count(&mut self, sql: &str) -> i64 {
        match self {
            Raw::Sqlite(c) => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await.expect(sql),
            Raw::Postgres(c) => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await.expect(sql),
        }
    }
}

/// Generates, for each named `async fn NAME(db: TestDb)`, a module `NAME` with one test per backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::TestDb::new($crate::common::Backend::Sqlite).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::common::TestDb::new($crate::common::Backend::Postgres).await).await
                }
            }
        )*
    };
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// One pending item on each path, submitted a day apart.
pub const PENDING: &str = concat!(
    r#"{"ref":"gov-1","title":"象山区人民政府关于2026年冬季森林防火的通告","#,
    r#""body":"为切实做好冬季森林防火工作……","form":"text","path":"government","#,
    r#""unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"unit-1","title":"民政局开展2026年度低保复核工作","#,
    r#""body":"11月以来，区民政局……","form":"image_text","path":"unit","unit":"民政局","#,
    r#""columns":["政务动态 / 部门动态"],"submitted_at":"2026-11-21T09:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"repost-1","title":"国务院办公厅关于进一步优化政务服务的意见","#,
    r#""body":"转载正文","form":"text","path":"repost","unit":"","#,
    r#""columns":["新闻要问 / 国务院信息"],"submitted_at":"2026-11-22T09:00:00+08:00"}"#,
    "\n"
);

/// An audit record's target (`{"kind": "item", "id": 2406}` in JSON) as the trail writes it:
/// `item:2406`.
pub fn target(record: &serde_json::Value) -> String {
    let t = &record["target"];
    let kind = t["kind"].as_str().expect("a target's kind");
    match &t["id"] {
        serde_json::Value::Null => kind.to_string(),
        serde_json::Value::String(id) => format!("{kind}:{id}"),
        id => format!("{kind}:{id}"),
    }
}

/// A listing subcommand's rows, as JSON objects.
pub fn rows(db: &TestDb, args: &[&str]) -> Vec<serde_json::Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&db.ok(&args)).expect("a JSON listing")
}

/// Runs a command that must fail with `code`, saying `says` on one line of stderr.
pub fn fails(db: &TestDb, args: &[&str], code: i32, says: &str) {
    let out = db.run(args);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {e}");
    assert!(e.contains(says), "{args:?}: {e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
}

/// `portal-admin ARGS` paused in the middle of its transaction at pause point `at` (the store's
/// `pause_point`), once it says so; and what it writes to stderr after that, when it ends.
pub fn paused(db: &TestDb, at: &str, args: &[&str]) -> (Child, std::thread::JoinHandle<String>) {
    let mut child = db
        .command(args)
        .env("PORTAL_ADMIN_TEST_PAUSE", at)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), format!("paused at {at}"), "the change reached its pause point");
    let rest = std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = err.read_to_string(&mut rest);
        rest
    });
    (child, rest)
}

/// Policy documents of 政府办 online in one column, as JSON Lines for `import`, written as a
/// literal so that a test's larger fixture can begin with them in its own `concat!` (which takes
/// only literals): `policies!(two)`, zd-1 and zd-2 (of 2023); `policies!(five)`, zd-1 to zd-5 (four
/// of 2023, one of June 2026).
#[allow(unused_macro_rules)]
macro_rules! policies {
    (two) => {
        concat!(
            r#"{"ref":"zd-1","title":"象山区政府信息公开工作制度（2023年修订）","#,
            r#""body":"第一条　为规范政府信息公开工作……","form":"text","path":"unit","#,
            r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
            r#""submitted_at":"2023-02-01T09:00:00+08:00","#,
            r#""published_at":"2023-02-03T10:00:00+08:00"}"#,
            "\n",
            r#"{"ref":"zd-2","title":"象山区政务公开保密审查办法","#,
            r#""body":"第一条　为做好政务公开保密审查工作……","form":"text","path":"unit","#,
            r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
            r#""submitted_at":"2023-04-10T09:00:00+08:00","#,
            r#""published_at":"2023-04-11T16:30:00+08:00"}"#,
            "\n"
        )
    };
    (five) => {
        concat!(
            $crate::common::policies!(two),
            r#"{"ref":"zd-3","title":"象山区依申请公开办理规程","#,
            r#""body":"第一条　为规范依申请公开办理……","form":"image_text","path":"unit","#,
            r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
            r#""submitted_at":"2023-07-05T09:00:00+08:00","#,
            r#""published_at":"2023-07-06T09:15:00+08:00"}"#,
            "\n",
            r#"{"ref":"zd-4","title":"象山区政府信息公开责任追究办法（试行）","#,
            r#""body":"第一条　为强化政府信息公开工作责任……","form":"text","path":"unit","#,
            r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
            r#""submitted_at":"2023-11-20T09:00:00+08:00","#,
            r#""published_at":"2023-11-21T11:00:00+08:00"}"#,
            "\n",
            r#"{"ref":"zd-5","title":"象山区政府信息公开工作制度（2026年修订）","#,
            r#""body":"第一条　为进一步规范政府信息公开工作……","form":"text","path":"unit","#,
            r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
            r#""submitted_at":"2026-06-01T09:00:00+08:00","#,
            r#""published_at":"2026-06-02T10:00:00+08:00"}"#,
            "\n"
        )
    };
}
#[allow(unused_imports)]
pub(crate) use policies;

/// Two policy documents of 政府办, online in one column (zd-1, zd-2), as JSON Lines for `import`.
pub const TWO_POLICIES: &str = policies!(two);

/// What schema version 24 added (PostgreSQL's copy of the items' texts, which its text indexes
/// are on, kept by triggers on items), dropped: for a test that makes a database of an earlier
/// version (which then has no text index on items: the upgrade drops them where they are).
pub fn drop_item_texts(backend: Backend) -> &'static [&'static str] {
    match backend {
        Backend::Sqlite => &[],
        Backend::Postgres => {
            &["DROP TABLE item_texts", "DROP FUNCTION portal_add_item_texts, portal_change_item_texts CASCADE"]
        }
    }
}

/// What schema version 23 added (each column's latest online publication, kept by triggers on
/// placements), dropped: for a test that makes a database of an earlier version.
pub fn drop_column_latest(backend: Backend) -> &'static [&'static str] {
    match backend {
        Backend::Sqlite => &[
            "DROP TRIGGER placements_latest_inserted",
            "DROP TRIGGER placements_latest_updated",
            "DROP TRIGGER placements_latest_deleted",
            "DROP TABLE column_latest",
        ],
        Backend::Postgres => &["DROP TABLE column_latest", "DROP FUNCTION portal_keep_column_latest CASCADE"],
    }
}
