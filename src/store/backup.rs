//! Backups and their restore: a copy of the whole database as it stood at one moment, with each
//! table's rows and each site's audit head at that moment, checked before it is trusted.
//!
//! SQLite: the online backup API inside one read transaction, so the copy and the counts are of
//! the same snapshot while writers go on (WAL); the copy is a self-contained file (no WAL), checked
//! with `PRAGMA integrity_check` and its tables' rows. PostgreSQL: `pg_dump --format=custom` of the
//! portal's schema on a snapshot this store exported and counted in; the archive is read back
//! with `pg_restore` and its rows counted. A restore goes only into an empty database and is
//! checked the same way.

use std::ffi::CString;
use std::future::Future;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Command, Stdio};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{
    ColumnIndex, Connection, Decode, Executor, IntoArguments, PgPool, Postgres, Row, Sqlite, SqliteConnection,
    SqlitePool, Type,
};

use super::{Result, StoreError, Target};
use crate::domain::backup::{TableCount, first_difference};
use crate::t;

pub(crate) type BackupFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// A site's audit head at the copy's moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub site: String,
    pub id: i64,
    pub hash: String,
}

/// What a backup holds, as of its moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub counts: Vec<TableCount>,
    pub heads: Vec<Head>,
}

/// Which kind of backup a file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    PgDump,
}

pub fn kind(file: &Path) -> Result<Kind> {
    let mut head = [0u8; 16];
    let read = std::fs::File::open(file)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| refused(file, &e.to_string()))?;
    if head[..read].starts_with(b"SQLite format 3\0") {
        Ok(Kind::Sqlite)
    } else if head[..read].starts_with(b"PGDMP") {
        Ok(Kind::PgDump)
    } else {
        Err(refused(file, &t!("store-backup-not-a-backup")))
    }
}

fn refused(file: &Path, why: &str) -> StoreError {
    StoreError::Refused(t!("store-backup-file", file = file.display().to_string(), why = first_line(why)))
}

fn first_line(text: &str) -> &str {
    text.trim().lines().next().unwrap_or("").trim()
}

/// Each site's audit head: its code, its newest record's id and hash.
const HEADS: &str = "SELECT s.code, a.id, COALESCE(a.hash, '') AS hash FROM sites s \
     JOIN audit_log a ON a.id = (SELECT MAX(b.id) FROM audit_log b WHERE b.site_id = s.id) ORDER BY s.code";

/// Each site's audit head (`HEADS`), read on either backend's connection.
async fn heads<DB: sqlx::Database>(conn: &mut DB::Connection) -> Result<Vec<Head>>
where
    for<'e> &'e mut DB::Connection: Executor<'e, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'r> String: Decode<'r, DB> + Type<DB>,
    for<'r> i64: Decode<'r, DB> + Type<DB>,
    for<'s> &'s str: ColumnIndex<DB::Row>,
{
    let rows = sqlx::query::<DB>(HEADS).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| Ok(Head { site: row.try_get("code")?, id: row.try_get("id")?, hash: row.try_get("hash")? }))
        .collect()
}

/// The rows of each table `list` names (a statement of the tables' names), in its order, read on
/// either backend's connection.
async fn table_counts<DB: sqlx::Database>(conn: &mut DB::Connection, list: &str) -> Result<Vec<TableCount>>
where
    for<'e> &'e mut DB::Connection: Executor<'e, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'r> String: Decode<'r, DB> + Type<DB>,
    for<'r> i64: Decode<'r, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    let tables: Vec<String> = sqlx::query_scalar::<DB, String>(list).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let rows: i64 = sqlx::query_scalar::<DB, i64>(&format!("SELECT COUNT(*) FROM {}", quoted(&table)))
            .fetch_one(&mut *conn)
            .await?;
        out.push(TableCount { table, rows });
    }
    Ok(out)
}

fn quoted(table: &str) -> String {
    format!("\"{}\"", table.replace('"', "\"\""))
}

// ---- SQLite ----

/// The tables of a SQLite database whose rows a backup holds: all but SQLite's own.
const SQLITE_TABLES: &str =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

fn sqlite_error(db: *mut libsqlite3_sys::sqlite3, what: &str) -> String {
    // SAFETY: sqlite3_errmsg takes any handle (null gives "out of memory") and returns a string
    // owned by the handle, copied here before the handle is used again.
    let message = unsafe { std::ffi::CStr::from_ptr(libsqlite3_sys::sqlite3_errmsg(db)) };
    format!("{what}: {}", message.to_string_lossy())
}

fn c_path(path: &Path) -> std::result::Result<CString, String> {
    use std::os::unix::ffi::OsStrExt;
    CString::new(path.as_os_str().as_bytes()).map_err(|_| "a file name with a NUL byte".to_string())
}

/// Copies every page of `source`'s main database into `dest`'s with SQLite's online backup API
/// in one step: within `source`'s open read transaction, if it has one (its snapshot).
///
/// # Safety
/// Both handles are open connections, held exclusively for the call.
unsafe fn copy_pages(
    source: *mut libsqlite3_sys::sqlite3,
    dest: *mut libsqlite3_sys::sqlite3,
) -> std::result::Result<(), String> {
    use libsqlite3_sys as ffi;
    unsafe {
        let backup = ffi::sqlite3_backup_init(dest, c"main".as_ptr(), source, c"main".as_ptr());
        if backup.is_null() {
            return Err(sqlite_error(dest, &t!("store-backup-start")));
        }
        let step = ffi::sqlite3_backup_step(backup, -1);
        let finish = ffi::sqlite3_backup_finish(backup);
        if step != ffi::SQLITE_DONE || finish != ffi::SQLITE_OK {
            return Err(sqlite_error(dest, &t!("store-backup-step")));
        }
    }
    Ok(())
}

/// Opens a file with the C API (the other side of a copy).
fn open_raw(path: &Path, flags: i32) -> std::result::Result<*mut libsqlite3_sys::sqlite3, String> {
    let name = c_path(path)?;
    let mut db: *mut libsqlite3_sys::sqlite3 = std::ptr::null_mut();
    // SAFETY: a NUL-terminated name and an out-pointer; the handle is closed by the caller (or
    // here, when opening failed).
    let rc = unsafe { libsqlite3_sys::sqlite3_open_v2(name.as_ptr(), &mut db, flags, std::ptr::null()) };
    if rc != libsqlite3_sys::SQLITE_OK {
        let e = sqlite_error(db, "cannot open");
        // SAFETY: closing the handle sqlite3_open_v2 gave (or null).
        unsafe { libsqlite3_sys::sqlite3_close(db) };
        return Err(e);
    }
    Ok(db)
}

/// The database as of one read transaction, copied into the new file `file` (which exists, empty
/// and private), as a file of its own (rollback journal, not WAL).
async fn sqlite_backup(pool: &SqlitePool, file: &Path) -> Result<Copied> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let counts = table_counts::<Sqlite>(&mut tx, SQLITE_TABLES).await?;
    let heads = heads::<Sqlite>(&mut tx).await?;
    {
        let mut handle = tx.lock_handle().await?;
        let source = handle.as_raw_handle().as_ptr();
        let dest = open_raw(file, libsqlite3_sys::SQLITE_OPEN_READWRITE).map_err(|e| refused(file, &e))?;
        // SAFETY: the source is this transaction's connection, locked for the call; the
        // destination was opened just now and is closed below.
        let copied = unsafe { copy_pages(source, dest) };
        let standalone = if copied.is_ok() {
            // SAFETY: an open handle and a NUL-terminated statement, no callback.
            let rc = unsafe {
                libsqlite3_sys::sqlite3_exec(
                    dest,
                    c"PRAGMA journal_mode = DELETE".as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )
            };
            if rc == libsqlite3_sys::SQLITE_OK { Ok(()) } else { Err(sqlite_error(dest, &t!("store-backup-finish"))) }
        } else {
            Ok(())
        };
        // SAFETY: the destination handle opened above, used no more.
        unsafe { libsqlite3_sys::sqlite3_close(dest) };
        copied.and(standalone).map_err(|e| refused(file, &e))?;
    }
    tx.rollback().await?;
    let copy = sqlite_check(file).await?;
    if let Some((table, expected, found)) = first_difference(&counts, &copy) {
        return Err(refused(file, &t!("store-backup-copy-differs", found = found, table = table, expected = expected)));
    }
    Ok(Copied { counts, heads })
}

/// A SQLite file's integrity and its tables' rows; a damaged, truncated or foreign file refused.
pub async fn sqlite_check(file: &Path) -> Result<Vec<TableCount>> {
    let options = SqliteConnectOptions::new().filename(file).read_only(true).immutable(true);
    let damaged = |e: &dyn std::fmt::Display| refused(file, &t!("store-backup-damaged", error = e.to_string()));
    let mut conn = SqliteConnection::connect_with(&options).await.map_err(|e| damaged(&e))?;
    let problems: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await.map_err(|e| damaged(&e))?;
    if problems.first().map(String::as_str) != Some("ok") {
        return Err(damaged(&problems.join("; ")));
    }
    let counts = table_counts::<Sqlite>(&mut conn, SQLITE_TABLES).await.map_err(|e| damaged(&e))?;
    conn.close().await.ok();
    Ok(counts)
}

/// The backup `file` (checked first) copied into this empty database, then checked.
async fn sqlite_restore(pool: &SqlitePool, file: &Path, target: &Target) -> Result<Vec<TableCount>> {
    let described = target.describe();
    let expected = sqlite_check(file).await?;
    let mut conn = pool.acquire().await?;
    let objects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master").fetch_one(&mut *conn).await?;
    if objects > 0 {
        return Err(StoreError::Refused(t!("store-backup-not-empty", target = described.as_str())));
    }
    {
        let mut handle = conn.lock_handle().await?;
        let dest = handle.as_raw_handle().as_ptr();
        let source = open_raw(file, libsqlite3_sys::SQLITE_OPEN_READONLY).map_err(|e| refused(file, &e))?;
        // SAFETY: the destination is this pool's connection, locked for the call; the source was
        // opened just now and is closed below.
        let copied = unsafe { copy_pages(source, dest) };
        // SAFETY: the source handle opened above, used no more.
        unsafe { libsqlite3_sys::sqlite3_close(source) };
        copied.map_err(|e| refused(file, &e))?;
    }
    // The restored database works as every database this program opens: WAL.
    (&mut *conn).execute("PRAGMA journal_mode = WAL").await?;
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await?;
    if problems.first().map(String::as_str) != Some("ok") {
        return Err(StoreError::Refused(t!(
            "store-backup-restored-damaged",
            target = described.as_str(),
            problem = problems.join("; ")
        )));
    }
    let found = table_counts::<Sqlite>(&mut conn, SQLITE_TABLES).await?;
    restored_as_copied(&described, &expected, found)
}

/// The rows a restore left in each table, refused unless they are the copy's.
fn restored_as_copied(target: &str, copied: &[TableCount], found: Vec<TableCount>) -> Result<Vec<TableCount>> {
    if let Some((table, expected, found)) = first_difference(copied, &found) {
        return Err(StoreError::Refused(t!(
            "store-backup-restored-differs",
            target = target,
            found = found,
            table = table,
            expected = expected
        )));
    }
    Ok(found)
}

// ---- PostgreSQL ----

/// The tables of the portal's schema whose rows a backup holds (`portal_changes` is a
/// transaction's scratch, empty between transactions, and readable by its owner alone).
const PG_TABLES: &str = "SELECT CAST(tablename AS TEXT) FROM pg_catalog.pg_tables \
     WHERE schemaname = current_schema() AND tablename <> 'portal_changes' ORDER BY tablename";

/// The libpq connection of a target: its URL without the password, and the password (typed at
/// the prompt, else the URL's) for PGPASSWORD (never on a command line, where other users of the
/// machine would see it).
fn libpq(target: &Target) -> Result<(String, Option<String>)> {
    let Target::Postgres { url, password: typed, .. } = target else {
        return Err(StoreError::Refused(t!("store-backup-not-postgres")));
    };
    let mut parsed = url::Url::parse(url)
        .map_err(|e| StoreError::Refused(t!("store-backup-file", file = target.describe(), why = e.to_string())))?;
    let password = parsed.password().map(|p| {
        url::form_urlencoded::parse(format!("p={p}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default()
    });
    let _ = parsed.set_password(None);
    Ok((parsed.to_string(), typed.as_ref().map(|p| p.expose().to_string()).or(password)))
}

/// The server's major version (15 for 15.4).
async fn server_major(conn: &mut sqlx::PgConnection) -> Result<i64> {
    let number: String = sqlx::query_scalar("SHOW server_version_num").fetch_one(&mut *conn).await?;
    Ok(number.trim().parse::<i64>().unwrap_or(0) / 10_000)
}

/// `pg_dump` or `pg_restore` of a version the server accepts: the one on PATH, or one in
/// `/usr/lib/postgresql/N/bin` (Debian's), the closest at or above the server's version.
fn pg_tool(name: &str, server: i64) -> Result<PathBuf> {
    let mut candidates = vec![PathBuf::from(name)];
    if let Ok(dirs) = std::fs::read_dir("/usr/lib/postgresql") {
        candidates.extend(dirs.flatten().map(|d| d.path().join("bin").join(name)));
    }
    let version = |tool: &Path| -> Option<i64> {
        let out = Command::new(tool).arg("--version").output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        // "pg_dump (PostgreSQL) 15.4 (Debian 15.4-1)"
        let number = text.split_whitespace().nth(2)?;
        number.split('.').next()?.parse().ok()
    };
    let mut usable: Vec<(i64, PathBuf)> =
        candidates.into_iter().filter_map(|t| version(&t).map(|v| (v, t))).filter(|(v, _)| *v >= server).collect();
    usable.sort_by_key(|(v, _)| *v);
    usable
        .into_iter()
        .next()
        .map(|(_, t)| t)
        .ok_or_else(|| StoreError::Refused(t!("store-backup-no-tool", tool = name, server = server)))
}

fn run_tool(mut command: Command, password: Option<&str>, what: &str) -> Result<()> {
    if let Some(p) = password {
        command.env("PGPASSWORD", p);
    }
    let out = command.stdin(Stdio::null()).output().map_err(|e| {
        StoreError::Refused(t!("store-backup-cannot-run", tool = what, error = crate::i18n::os_error(&e)))
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(StoreError::Refused(t!(
            "store-backup-tool-failed",
            tool = what,
            error = first_line(&String::from_utf8_lossy(&out.stderr)).to_string()
        )))
    }
}

/// The rows per table a pg_dump archive holds, read back with `pg_restore` (which refuses an
/// archive that is not whole).
pub fn dump_counts(pg_restore: &Path, file: &Path) -> Result<Vec<TableCount>> {
    let mut child = Command::new(pg_restore)
        .args(["--data-only", "--file=-"])
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            refused(file, &t!("store-backup-cannot-run", tool = "pg_restore", error = crate::i18n::os_error(&e)))
        })?;
    let mut counts: Vec<TableCount> = Vec::new();
    let mut current: Option<usize> = None;
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).split(b'\n') {
        let line = line.map_err(|e| refused(file, &e.to_string()))?;
        match current {
            Some(_) if line == b"\\." => current = None,
            Some(i) => counts[i].rows += 1,
            None if line.starts_with(b"COPY ") => {
                let text = String::from_utf8_lossy(&line[5..]);
                let name = text.split_whitespace().next().unwrap_or("");
                let table = name.rsplit('.').next().unwrap_or(name).trim_matches('"').to_string();
                counts.push(TableCount { table, rows: 0 });
                current = Some(counts.len() - 1);
            }
            None => {}
        }
    }
    let out = child.wait_with_output().map_err(|e| refused(file, &e.to_string()))?;
    if !out.status.success() || current.is_some() {
        return Err(refused(
            file,
            &t!("store-backup-damaged", error = first_line(&String::from_utf8_lossy(&out.stderr)).to_string()),
        ));
    }
    counts.sort_by(|a, b| a.table.cmp(&b.table));
    Ok(counts)
}

/// The portal's schema dumped on a snapshot exported here, with its rows counted in the same
/// snapshot; the archive then read back and its rows compared.
async fn pg_backup(pool: &PgPool, file: &Path, target: &Target) -> Result<Copied> {
    let (url, password) = libpq(target)?;
    let mut conn = pool.acquire().await?;
    let major = server_major(&mut conn).await?;
    let (pg_dump, pg_restore) = (pg_tool("pg_dump", major)?, pg_tool("pg_restore", major)?);
    let mut tx = conn.begin().await?;
    (&mut *tx).execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?;
    let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()").fetch_one(&mut *tx).await?;
    let schema: String = sqlx::query_scalar("SELECT CAST(current_schema() AS TEXT)").fetch_one(&mut *tx).await?;
    let counts = table_counts::<Postgres>(&mut tx, PG_TABLES).await?;
    let heads = heads::<Postgres>(&mut tx).await?;
    let mut dump = Command::new(&pg_dump);
    dump.args(["--format=custom", "--no-owner", "--no-privileges", "--exclude-table-data=portal_changes"])
        .arg(format!("--schema={schema}"))
        .arg(format!("--snapshot={snapshot}"))
        .arg(format!("--file={}", file.display()))
        .arg(format!("--dbname={url}"));
    let dumped = run_tool(dump, password.as_deref(), "pg_dump");
    tx.rollback().await?;
    dumped?;
    let archived = dump_counts(&pg_restore, file)?;
    if let Some((table, expected, found)) = first_difference(&counts, &archived) {
        return Err(refused(file, &t!("store-backup-copy-differs", found = found, table = table, expected = expected)));
    }
    Ok(Copied { counts, heads })
}

/// A pg_dump archive (read back whole first) restored into this empty database, its roles'
/// rights given as `init` gives them, then checked.
async fn pg_restore(pool: &PgPool, file: &Path, target: &Target) -> Result<Vec<TableCount>> {
    let (url, password) = libpq(target)?;
    let mut conn = pool.acquire().await?;
    let major = server_major(&mut conn).await?;
    let tool = pg_tool("pg_restore", major)?;
    let expected = dump_counts(&tool, file)?;
    let objects: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema()",
    )
    .fetch_one(&mut *conn)
    .await?;
    if objects > 0 {
        return Err(StoreError::Refused(t!("store-backup-not-empty", target = target.describe())));
    }
    // pg_dump of one schema leaves out the extensions its objects use: pg_trgm, whose operator
    // classes the text indexes of search are made with (schema.sql, section search).
    (&mut *conn).execute("CREATE EXTENSION IF NOT EXISTS pg_trgm").await.map_err(super::backend::without_trigrams)?;
    // Everything the archive holds but its schema itself, which the empty database already has
    // (pg_dump writes CREATE SCHEMA for a schema it was asked for by name).
    let listed = Command::new(&tool)
        .arg("--list")
        .arg(file)
        .output()
        .map_err(|e| refused(file, &format!("cannot run pg_restore: {e}")))?;
    let entries: String = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter(|l| !l.contains(" SCHEMA - ") && !l.contains(" COMMENT - SCHEMA "))
        .map(|l| format!("{l}\n"))
        .collect();
    let list = std::env::temp_dir().join(format!("portal-admin-restore-{}.list", std::process::id()));
    std::io::Write::write_all(
        &mut crate::places::create_private_file(&list, false).map_err(|e| refused(&list, &e.to_string()))?,
        entries.as_bytes(),
    )
    .map_err(|e| refused(&list, &e.to_string()))?;
    let mut restore = Command::new(&tool);
    restore
        .args(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"])
        .arg(format!("--use-list={}", list.display()))
        .arg(format!("--dbname={url}"))
        .arg(file);
    let restored = run_tool(restore, password.as_deref(), "pg_restore");
    let _ = std::fs::remove_file(&list);
    restored?;
    (&mut *conn).execute("SELECT portal_grant_roles()").await?;
    let found = table_counts::<Postgres>(&mut conn, PG_TABLES).await?;
    restored_as_copied(&target.describe(), &expected, found)
}

/// The backend's way of backing up and restoring (`Backend::BACKUP`, `Backend::RESTORE`).
pub(crate) fn sqlite_backup_boxed<'a>(pool: &'a SqlitePool, file: &'a Path, _: &'a Target) -> BackupFuture<'a, Copied> {
    Box::pin(sqlite_backup(pool, file))
}

pub(crate) fn sqlite_restore_boxed<'a>(
    pool: &'a SqlitePool,
    file: &'a Path,
    target: &'a Target,
) -> BackupFuture<'a, Vec<TableCount>> {
    Box::pin(sqlite_restore(pool, file, target))
}

pub(crate) fn pg_backup_boxed<'a>(pool: &'a PgPool, file: &'a Path, target: &'a Target) -> BackupFuture<'a, Copied> {
    Box::pin(pg_backup(pool, file, target))
}

pub(crate) fn pg_restore_boxed<'a>(
    pool: &'a PgPool,
    file: &'a Path,
    target: &'a Target,
) -> BackupFuture<'a, Vec<TableCount>> {
    Box::pin(pg_restore(pool, file, target))
}
