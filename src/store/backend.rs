//! What differs between PostgreSQL and SQLite, and opening each.

use crate::t;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Postgres, Row, Sqlite};

use super::backup::{BackupFuture, Copied};
use super::chain::ChainFuture;
use super::rows::{Chain, ChainVisit};
use super::schema::Dialect;
use super::sql::SqlStore;
use super::texts::TextPageFuture;
use super::{OpenOptions, Result, Store, StoreError, Target};
use crate::domain::backup::TableCount;

/// The few SQL texts that differ between the backends.
pub(crate) trait Backend: sqlx::Database {
    const DIALECT: Dialect;
    /// Starts a transaction that will write (SQLite takes the write lock at once, so two writers
    /// queue instead of failing half-way).
    const BEGIN_WRITE: &'static str;
    /// Taken first in each of `init`'s transactions, held until it ends, so that two `init`s on
    /// one database take turns (PostgreSQL: a transaction-level advisory lock). None where
    /// `BEGIN_WRITE` already excludes every other writer (SQLite's `BEGIN IMMEDIATE`).
    const SCHEMA_LOCK: Option<&'static str>;
    /// Counts tables named `$1` in the current schema.
    const TABLE_EXISTS: &'static str;
    /// Settings for a bulk load's transaction. PostgreSQL: generic plans. The connections plan
    /// every statement for its values (`force_custom_plan`, below), the foreign-key checks of a
    /// load too; for a site being loaded, whose rows the statistics do not know yet, a check by
    /// `site_id = 2 AND id = N` was planned as a range of all the site's rows filtered by id —
    /// every check reading every item loaded so far (quadratic: minutes a batch). A generic plan
    /// checks by the key.
    const BULK_SETTINGS: &'static [&'static str];
    /// Who the connection acts as, where the database knows (PostgreSQL login role).
    const CURRENT_USER: Option<&'static str>;
    /// The database's character classification (PostgreSQL's LC_CTYPE), which decides what
    /// pg_trgm takes for letters; SQLite's FTS5 trigram tokenizer has none.
    const CTYPE: Option<&'static str>;
    /// Before an audit record is chained (`sql::SqlStore::audit_many`), where writers may run at
    /// once: waits for the chain of site `$1` (0: the records of no site) until this transaction
    /// ends, then gives the time and login the database will stamp the record with. PostgreSQL
    /// takes a transaction-scoped advisory lock; SQLite needs none (one writer at a time, BEGIN
    /// IMMEDIATE) and stamps nothing.
    const CHAIN_LOCK: Option<&'static str>;

    /// The functions that build a JSON array of values and aggregate rows into one JSON array: a
    /// report of many small rows comes back as one row (the SQLite driver hands rows over one by
    /// one from its worker thread, which costs more than the query).
    const JSON_ARRAY: &'static str;
    const JSON_AGG: &'static str;

    /// Reserves `$1` new ids for `table` inside the current write transaction, one row each.
    fn reserve_ids_sql(table: &str) -> String;

    fn rows_affected(result: &Self::QueryResult) -> u64;

    /// A copy of the whole database into a file (new, empty, private) as of one moment, checked
    /// (`store/backup.rs`).
    const BACKUP: BackupFn<Self>;

    /// A backup file restored into this empty database, checked.
    const RESTORE: RestoreFn<Self>;

    /// Reads up to `limit` records of a chain after id `after` on a connection, in id order, each
    /// handed to `visit` borrowed from its row (`store/chain.rs`).
    const CHAIN_PAGE: ChainPageFn<Self>;

    /// Reads a page of items' texts for `check --all` into one buffer on a connection:
    /// `(conn, site, after, limit)` (`store/texts.rs`).
    const TEXT_PAGE: TextPageFn<Self>;

    /// Writes the placeholder of the `n`-th (1-based) bound value of a long statement. SQLite gets
    /// anonymous `?`: its driver looks every named parameter up by name, which is quadratic in a
    /// multi-row insert of thousands of values.
    fn push_placeholder(sql: &mut String, n: usize);

    /// Sends rows in `COPY … FROM STDIN` text format (`statement` is the COPY statement), where the
    /// database has it: PostgreSQL parses a COPY stream far faster than multi-row INSERTs of
    /// bound values (a bulk load of a million items took 190 s with INSERTs). `None` on SQLite,
    /// which has no COPY: the caller inserts.
    fn copy_in<'c>(conn: &'c mut Self::Connection, statement: String, data: Vec<u8>) -> Option<CopyFuture<'c>>;

    /// Statements that give the database's own login roles the rights of each portal role, run by
    /// `init` when it creates or upgrades the schema. PostgreSQL: this database's group roles with
    /// their grants (`roles::GRANT_ROLES`), so that a viewer's login cannot change a row even with
    /// `psql`, and the triggers of `schema.sql` hold the rest. SQLite has no logins: the file's
    /// permissions are its only guard, and the store enforces the roles.
    const ROLE_GRANTS: &'static [&'static str];

    /// Tells every listening console, when the transaction commits, that something changed
    /// (PostgreSQL NOTIFY on `CHANGES_CHANNEL`); run with every audit record. None on SQLite: the
    /// consoles there watch the change mark.
    const NOTIFY: Option<&'static str>;

    /// A task that listens for other connections' changes (PostgreSQL LISTEN) and says so on the
    /// channel it returns, one message per notification; None where the database cannot notify.
    fn listen(pool: &sqlx::Pool<Self>) -> Option<ListenFuture>;

    /// A hot standby's replay (`SqlStore::replayed`): the primary's WAL position as text, and
    /// whether the standby has replayed up to position `$1`. None where there are no standbys.
    const REPLAY: Option<(&'static str, &'static str)>;

    /// A standby's state (`Store::replica`), by column: whether the database is in recovery
    /// (`recovering`); whether it has replayed all it has received, or up to `$1`, the primary's
    /// position, when given (`caught_up`); the seconds since the later of the last change it
    /// replayed and `$2`, when it was last seen caught up, at least 1 (`behind`); whether its WAL
    /// receiver streams (`streaming`) and from where (`upstream`, `HOST:PORT`); and its time
    /// (`now`). With the statement giving the primary's position. None where there are no
    /// standbys.
    const REPLICA: Option<(&'static str, Option<&'static str>)>;

    /// The statement that gives login `$1` the group roles of its highest role on any site
    /// (`roles::SET_LOGIN`), creating the login if it does not exist; None where the database has
    /// no logins.
    const SET_LOGIN: Option<&'static str>;
}

/// How a backend backs up: `(pool, file, target)`.
pub(crate) type BackupFn<DB> =
    for<'a> fn(&'a sqlx::Pool<DB>, &'a std::path::Path, &'a Target) -> BackupFuture<'a, Copied>;

/// How a backend restores a backup: `(pool, file, target)`.
pub(crate) type RestoreFn<DB> =
    for<'a> fn(&'a sqlx::Pool<DB>, &'a std::path::Path, &'a Target) -> BackupFuture<'a, Vec<TableCount>>;

/// How a backend reads a page of an audit chain: `(conn, chain, after, limit, visit)`.
pub(crate) type ChainPageFn<DB> = for<'a, 'v> fn(
    &'a mut <DB as sqlx::Database>::Connection,
    Chain,
    i64,
    i64,
    &'a mut ChainVisit<'v>,
) -> ChainFuture<'a>;

/// How a backend reads a page of items' texts: `(conn, site, after, limit)`.
pub(crate) type TextPageFn<DB> =
    for<'a> fn(&'a mut <DB as sqlx::Database>::Connection, i64, i64, i64) -> TextPageFuture<'a>;

/// The PostgreSQL channel the store notifies on with every change.
pub const CHANGES_CHANNEL: &str = "portal_admin_changes";

/// Starting to listen: the channel of notifications, or why it could not start.
pub(crate) type ListenFuture =
    Pin<Box<dyn Future<Output = Result<tokio::sync::mpsc::UnboundedReceiver<()>, sqlx::Error>> + Send>>;

/// A COPY in progress: the rows it wrote.
pub(crate) type CopyFuture<'c> = Pin<Box<dyn Future<Output = Result<u64, sqlx::Error>> + Send + 'c>>;

/// The primary's WAL position, as text.
const WAL_POSITION: &str = "SELECT CAST(pg_current_wal_lsn() AS TEXT)";

impl Backend for Postgres {
    const REPLAY: Option<(&'static str, &'static str)> = Some((
        WAL_POSITION,
        "SELECT COALESCE(pg_last_wal_replay_lsn() >= CAST($1 AS pg_lsn), pg_is_in_recovery() IS FALSE)",
    ));
    const REPLICA: Option<(&'static str, Option<&'static str>)> = Some((
        "SELECT pg_is_in_recovery() AS recovering, \
            pg_last_wal_replay_lsn() >= COALESCE(CAST($1 AS pg_lsn), pg_last_wal_receive_lsn()) AS caught_up, \
            GREATEST(1, CAST(CEIL(EXTRACT(EPOCH FROM now() - GREATEST(pg_last_xact_replay_timestamp(), $2))) \
                AS BIGINT)) AS behind, \
            EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming, \
            (SELECT sender_host || ':' || CAST(sender_port AS TEXT) FROM pg_stat_wal_receiver) AS upstream, \
            now() AS now",
        Some(WAL_POSITION),
    ));
    const NOTIFY: Option<&'static str> = Some("SELECT pg_notify('portal_admin_changes', '')");

    fn listen(pool: &sqlx::Pool<Self>) -> Option<ListenFuture> {
        // A pool of its own: the listener keeps its connection, and the store's one connection
        // stays free for the console's queries.
        let options = (*pool.connect_options()).clone();
        Some(Box::pin(async move {
            let own = PgPoolOptions::new().max_connections(1).connect_with(options).await?;
            let mut listener = sqlx::postgres::PgListener::connect_with(&own).await?;
            listener.listen(CHANGES_CHANNEL).await?;
            let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
            tokio::spawn(async move {
                loop {
                    // The listener reconnects by itself when the connection is lost (and the
                    // console's own check notices the outage); a failure here only waits.
                    match listener.try_recv().await {
                        Ok(Some(_)) => {
                            if tx.send(()).is_err() {
                                break;
                            }
                        }
                        Ok(None) | Err(_) => {
                            if tx.is_closed() {
                                break;
                            }
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        }
                    }
                }
            });
            Ok(rx)
        }))
    }

    const JSON_ARRAY: &'static str = "json_build_array";
    const JSON_AGG: &'static str = "json_agg";

    fn push_placeholder(sql: &mut String, n: usize) {
        sql.push('$');
        sql.push_str(&n.to_string());
    }

    const DIALECT: Dialect = Dialect::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN";
    // The key is portal-admin's own ("portal" in ASCII, 0x706f7274616c); advisory locks are the
    // database's, so another database on the server is not held up.
    const SCHEMA_LOCK: Option<&'static str> = Some("SELECT pg_advisory_xact_lock(123623963910508)");
    const BULK_SETTINGS: &'static [&'static str] = &["SET LOCAL plan_cache_mode = force_generic_plan"];
    // The catalog, not information_schema: that one lists only the tables this login may use, so a
    // login without rights would be told the database is empty (and offered `init`).
    const TABLE_EXISTS: &'static str = "SELECT COUNT(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n \
        ON n.oid = c.relnamespace \
         WHERE n.nspname = pg_catalog.current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')";
    // The login, as the database's triggers see it (SET ROLE does not change who is acting).
    const CURRENT_USER: Option<&'static str> = Some("SELECT CAST(session_user AS TEXT)");
    const CTYPE: Option<&'static str> =
        Some("SELECT CAST(datctype AS TEXT) FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()");
    // Lock first (the FROM), then read the clock: the time is at or after every record of the
    // chain before it. Class 0x61756474 ('audt') keeps these locks apart from any other's.
    const CHAIN_LOCK: Option<&'static str> = Some(
        "SELECT clock_timestamp() AS at, CAST(session_user AS TEXT) AS login \
           FROM (SELECT pg_advisory_xact_lock(1635083380, \
            CAST($1 % 2147483647 AS INTEGER))) l",
    );

    fn reserve_ids_sql(table: &str) -> String {
        format!("SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)")
    }

    fn rows_affected(result: &Self::QueryResult) -> u64 {
        result.rows_affected()
    }

    const BACKUP: BackupFn<Self> = super::backup::pg_backup_boxed;
    const RESTORE: RestoreFn<Self> = super::backup::pg_restore_boxed;
    const CHAIN_PAGE: ChainPageFn<Self> = super::chain::postgres_page;
    const TEXT_PAGE: TextPageFn<Self> = super::texts::postgres_page;

    fn copy_in<'c>(conn: &'c mut Self::Connection, statement: String, data: Vec<u8>) -> Option<CopyFuture<'c>> {
        Some(Box::pin(async move {
            let mut copy = conn.copy_in_raw(&statement).await?;
            copy.send(data).await?;
            copy.finish().await
        }))
    }

    const ROLE_GRANTS: &'static [&'static str] = super::roles::GRANT_ROLES;
    const SET_LOGIN: Option<&'static str> = Some(super::roles::SET_LOGIN);
}

impl Backend for Sqlite {
    const REPLAY: Option<(&'static str, &'static str)> = None;
    const REPLICA: Option<(&'static str, Option<&'static str>)> = None;
    const NOTIFY: Option<&'static str> = None;

    fn listen(_pool: &sqlx::Pool<Self>) -> Option<ListenFuture> {
        None
    }

    const JSON_ARRAY: &'static str = "json_array";
    const JSON_AGG: &'static str = "json_group_array";

    fn push_placeholder(sql: &mut String, _n: usize) {
        sql.push('?');
    }

    const DIALECT: Dialect = Dialect::Sqlite;
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const SCHEMA_LOCK: Option<&'static str> = None;
    const BULK_SETTINGS: &'static [&'static str] = &[];
    const TABLE_EXISTS: &'static str = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1";
    const CURRENT_USER: Option<&'static str> = None;
    const CTYPE: Option<&'static str> = None;
    const CHAIN_LOCK: Option<&'static str> = None;

    fn reserve_ids_sql(table: &str) -> String {
        // Inside BEGIN IMMEDIATE no other writer can take these ids.
        format!(
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $1) \
             SELECT (SELECT COALESCE(MAX(id), 0) FROM {table}) + n FROM s"
        )
    }

    fn rows_affected(result: &Self::QueryResult) -> u64 {
        result.rows_affected()
    }

    const BACKUP: BackupFn<Self> = super::backup::sqlite_backup_boxed;
    const RESTORE: RestoreFn<Self> = super::backup::sqlite_restore_boxed;
    const CHAIN_PAGE: ChainPageFn<Self> = super::chain::sqlite_page;
    const TEXT_PAGE: TextPageFn<Self> = super::texts::sqlite_page;

    fn copy_in<'c>(_conn: &'c mut Self::Connection, _statement: String, _data: Vec<u8>) -> Option<CopyFuture<'c>> {
        None
    }

    const ROLE_GRANTS: &'static [&'static str] = &[];
    const SET_LOGIN: Option<&'static str> = None;
}

/// Turns on SQLite's query planner stability guarantee: a statement's plan no longer depends on the
/// values bound to it. The bundled SQLite is built with STAT4, which otherwise plans again at every
/// run whose bound values could change the plan (so a prepared, cached statement was parsed anew
/// every time: a fifth of `stale`), and may pick a different plan for different values.
async fn stable_plans(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    // SAFETY: a valid open connection handle, held locked for the call; the option takes an int
    // and an optional out-pointer (none).
    let on: std::os::raw::c_int = 1;
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            handle.as_raw_handle().as_ptr(),
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            on,
            std::ptr::null_mut::<std::os::raw::c_int>(),
        )
    };
    if rc == libsqlite3_sys::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Configuration(t!("store-sqlite-qpsg", code = rc.to_string()).into()))
    }
}

fn first_line(e: &dyn std::fmt::Display) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}

/// Why a database could not be opened, in words of the language in effect where they are the
/// system's or the pool's (a refused connection, a timeout); the server's own words otherwise.
fn why_not(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Io(e) => crate::i18n::os_error(e),
        sqlx::Error::PoolTimedOut => t!("os-store-no-answer"),
        other => first_line(other),
    }
}

/// A file or directory that could not be made, and why.
fn cannot_create(path: &std::path::Path, e: &std::io::Error) -> String {
    t!("cannot-create", file = path.display().to_string(), error = crate::i18n::os_error(e))
}

/// Why TLS refused the server, if it did: sqlx reports a certificate that does not verify as an
/// I/O error around rustls's, and other TLS set-up failures as its own.
fn refused_certificate(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Io(io) => io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()).map(|tls| first_line(tls)),
        sqlx::Error::Tls(tls) => Some(first_line(tls)),
        _ => None,
    }
}

/// Why a PostgreSQL server takes no write, when it is a hot standby (`pg_is_in_recovery()`): the
/// primary it streams from, as its WAL receiver names it. (A standby takes no LISTEN either: the
/// console watches the change mark instead, `Store::watch`.)
async fn standby(pool: &sqlx::PgPool) -> std::result::Result<Option<String>, sqlx::Error> {
    Ok(streams_from(pool).await?.map(|primary| match primary {
        Some(primary) => t!("replica-standby", primary = primary),
        None => t!("replica-standby-unknown"),
    }))
}

/// Whether a server is a hot standby (`pg_is_in_recovery()`), and then the primary it streams
/// from (`HOST:PORT`) as its WAL receiver names it, if it does.
async fn streams_from(pool: &sqlx::PgPool) -> std::result::Result<Option<Option<String>>, sqlx::Error> {
    if !sqlx::query_scalar::<_, bool>("SELECT pg_is_in_recovery()").fetch_one(pool).await? {
        return Ok(None);
    }
    let sender = sqlx::query("SELECT sender_host, sender_port FROM pg_stat_wal_receiver").fetch_optional(pool).await?;
    let primary = match &sender {
        Some(row) => (row.try_get::<Option<String>, _>("sender_host")?, row.try_get::<Option<i32>, _>("sender_port")?),
        None => (None, None),
    };
    Ok(Some(match primary {
        (Some(host), Some(port)) => Some(format!("{host}:{port}")),
        _ => None,
    }))
}

/// A PostgreSQL pool as the store keeps it: one connection, no ping before each query.
async fn connect_postgres(target: &Target) -> std::result::Result<sqlx::PgPool, sqlx::Error> {
    let connect = target
        .postgres_options()?
        .application_name("portal-admin")
        // Plans for each statement's values, no parallel workers, no JIT, room for a search's
        // bitmaps (why: hot.rs).
        .options(super::hot::POSTGRES_SESSION.iter().copied());
    // No ping before every query: a dead connection fails the query itself, which the caller
    // reports; a ping would double every round trip. One connection, as on SQLite (below): with
    // more, each query went to another server process, whose caches and prepared statements were
    // cold.
    PgPoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(connect)
        .await
}

/// The primary of `--db-primary`, checked against the standby read from (`standby`, `--db`): the
/// standby must be in recovery and the primary not (a second standby would refuse every change:
/// refused now, naming the server it streams from). Refusals in one line.
async fn check_pair(standby: &sqlx::PgPool, primary: &sqlx::PgPool, targets: (&Target, &Target)) -> Result<()> {
    let said = |e: sqlx::Error| StoreError::Unreachable { target: targets.1.describe(), reason: first_line(&e) };
    if let Some(upstream) = streams_from(primary).await.map_err(said)? {
        let upstream = upstream.unwrap_or_else(|| t!("replica-upstream-unknown"));
        return Err(StoreError::Refused(t!(
            "replica-primary-is-standby",
            primary = targets.1.describe(),
            upstream = upstream
        )));
    }
    let said = |e: sqlx::Error| StoreError::Unreachable { target: targets.0.describe(), reason: first_line(&e) };
    if streams_from(standby).await.map_err(said)?.is_none() {
        return Err(StoreError::Refused(t!("replica-db-not-standby", db = targets.0.describe())));
    }
    Ok(())
}

pub(crate) async fn open(target: &Target, options: OpenOptions) -> Result<Arc<dyn Store>> {
    let unreachable = |reason: String| StoreError::Unreachable { target: target.describe(), reason };
    // PostgreSQL's codes for a missing or wrong password (28P01) and a refused login (28000).
    let failed = |e: sqlx::Error| match &e {
        sqlx::Error::Database(d) if matches!(d.code().as_deref(), Some("28P01")) => {
            StoreError::NeedsPassword { target: target.describe(), reason: first_line(&e) }
        }
        // insufficient_privilege on connecting: no CONNECT on the database.
        sqlx::Error::Database(d) if matches!(d.code().as_deref(), Some("42501")) => StoreError::NoAccess {
            target: target.describe(),
            who: target.postgres_options().map(|o| o.get_username().to_string()).unwrap_or_default(),
        },
        // The server's certificate did not verify (`sslmode=verify-ca`/`verify-full`): said as
        // what it is, in one line.
        _ => match refused_certificate(&e) {
            Some(why) => {
                StoreError::Unreachable { target: target.describe(), reason: t!("store-tls-refused", why = why) }
            }
            None => unreachable(why_not(&e)),
        },
    };
    match target {
        Target::Postgres { .. } => {
            let pool = connect_postgres(target).await.map_err(failed)?;
            let (primary, standby) = match target.primary() {
                // Reads here, every change on the primary.
                Some(written) => {
                    let primary = connect_postgres(written)
                        .await
                        .map_err(|e| StoreError::Unreachable { target: written.describe(), reason: why_not(&e) })?;
                    check_pair(&pool, &primary, (target, written)).await?;
                    (Some(primary), None)
                }
                // A hot standby alone takes no write: the store is read-only, naming the primary.
                None => (None, standby(&pool).await.map_err(failed)?),
            };
            let described = match target.primary() {
                Some(written) => t!("replica-described", db = target.describe(), primary = written.describe()),
                None => target.describe(),
            };
            let store = SqlStore::<Postgres>::new(
                pool,
                primary,
                described,
                options.read_only.then(|| "--read-only".to_string()).or(standby),
                None,
                options.dry_run,
            )
            .await?;
            Ok(Arc::new(store))
        }
        Target::Sqlite { path } => {
            if !path.exists() {
                if !options.create || options.read_only {
                    return Err(StoreError::Missing(path.display().to_string()));
                }
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    crate::places::create_private_dir(dir).map_err(|e| unreachable(cannot_create(dir, &e)))?;
                }
                // Made here, empty and private (SQLite gives its -wal and -shm the same mode).
                crate::places::create_private_file(path, true).map_err(|e| unreachable(cannot_create(path, &e)))?;
            }
            // A file this user may not write opens read-only (reading works), and a write says why.
            let unwritable = path.exists()
                && std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
            let why = match (options.read_only, unwritable) {
                (true, _) => Some("--read-only".to_string()),
                (false, true) => {
                    Some(t!("store-not-writable", path = path.display().to_string(), user = whoami::username()))
                }
                (false, false) => None,
            };
            let mut connect = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(options.create && why.is_none())
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Keep the planner's statistics fresh (SQLite's advice for long-lived databases).
                .optimize_on_close(true, 1000)
                .pragma("cache_size", "-65536");
            connect = if why.is_some() {
                // A WAL database is read through its -shm index. When no writer has it open, the
                // index is gone, and in a directory this user cannot write SQLite cannot make it
                // (SQLITE_READONLY_DIRECTORY): read the file as it stands instead. Changes made
                // later by a writer are then seen on the next start, not live.
                let index = std::path::PathBuf::from(format!("{}-shm", path.display()));
                connect.read_only(true).immutable(!index.exists() && !dir_writable(path))
            } else {
                connect.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Normal)
            };
            // One connection. Commands run one statement at a time; the console's queries, run on
            // their own tasks, wait their turn (each takes milliseconds, and the screen never waits
            // on them); SQLite lets one writer in at a time anyway; with more, sqlx hands each query
            // a different connection (it returns a connection to the pool only after a ping on its
            // worker thread, by which
            // time the next query has opened or taken another), and each has its own page cache
            // and prepared statements to warm: `stale` took 2-3x its SQL's time that way.
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .after_connect(|conn, _| Box::pin(async move { stable_plans(conn).await }))
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(connect)
                .await
                .map_err(|e| unreachable(why_not(&e)))?;
            OPEN_FILES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(pool.clone());
            let store =
                SqlStore::<Sqlite>::new(pool, None, target.describe(), why, Some(whoami::username()), options.dry_run)
                    .await?;
            Ok(Arc::new(store))
        }
    }
}

/// The SQLite databases this process opened, closed by [`close_files`] before it exits.
static OPEN_FILES: std::sync::Mutex<Vec<sqlx::SqlitePool>> = std::sync::Mutex::new(Vec::new());

/// Closes every SQLite database this process opened and waits until each connection is closed.
/// A connection lives on a thread of its own; a process that exits without this leaves the
/// database's -wal and -shm behind, with the modes they had, instead of SQLite's clean close
/// (checkpoint, then both files removed).
pub async fn close_files() {
    let pools = std::mem::take(&mut *OPEN_FILES.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    for pool in pools {
        pool.close().await;
    }
}

/// Whether this user may create files beside `path` (SQLite's -wal and -shm), found by trying.
fn dir_writable(path: &std::path::Path) -> bool {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let probe = dir.join(format!(".portal-admin-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => std::fs::remove_file(&probe).is_ok(),
        Err(_) => false,
    }
}

/// A PostgreSQL server without pg_trgm (Debian's postgresql-contrib) refuses the schema's
/// `CREATE EXTENSION pg_trgm`: said in one line, with what to install.
pub(crate) fn without_trigrams(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if trigrams_missing(d.code().as_deref(), d.message()) => {
            StoreError::Refused(t!("search-no-pg-trgm"))
        }
        _ => e.into(),
    }
}

/// Whether an error is PostgreSQL's for an extension pg_trgm it cannot find: undefined_file
/// ("extension "pg_trgm" is not available", or "could not open extension control file
/// …/pg_trgm.control" before version 15).
fn trigrams_missing(code: Option<&str>, message: &str) -> bool {
    code == Some("58P01") && message.contains("pg_trgm")
}

#[cfg(test)]
mod trigram_tests {
    use super::*;

    #[test]
    fn a_server_without_pg_trgm_is_told_what_to_install() {
        assert!(trigrams_missing(Some("58P01"), "extension \"pg_trgm\" is not available"));
        assert!(trigrams_missing(
            Some("58P01"),
            "could not open extension control file \"/usr/share/postgresql/13/extension/pg_trgm.control\": No such file"
        ));
        assert!(!trigrams_missing(Some("42501"), "permission denied to create extension \"pg_trgm\""));
        assert!(!trigrams_missing(Some("58P01"), "could not open file \"base/1/2\""));
        let said = crate::i18n::scoped(crate::i18n::Lang::En, || t!("search-no-pg-trgm"));
        assert!(said.contains("postgresql-contrib") && !said.contains('\n'), "{said}");
    }
}
