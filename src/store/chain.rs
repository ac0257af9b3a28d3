//! The audit trail's hash chain read a page at a time, each record handed over borrowed from its
//! row: `audit verify` reads a million records, and a copy of each field (sqlx's SQLite driver
//! copies every value of every row and sends each row across threads) cost more than the walk.
//! PostgreSQL: sqlx's rows, each field borrowed from its row. SQLite: the
//! connection's own C handle, each field read in place, its time parsed as sqlx parses it (a time
//! of any other spelling sqlx reads is read through sqlx).

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use libsqlite3_sys as ffi;
use sqlx::Row;

use super::raw_sqlite::Statement;
use super::rows::{Chain, ChainRecord, ChainVisit};
use super::text::Lossy;
use super::{Result, StoreError};
use crate::domain::audit_chain::Content;

/// A page of a chain being read.
pub(crate) type ChainFuture<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

/// A chain's records after id `$2` (`$1` the site), `$3` of them, in id order: one range of
/// audit_log_site. The site is the chain's, so it is not read.
pub(crate) fn chain_page_sql(chain: Chain) -> &'static str {
    match chain {
        Chain::Site(_) => {
            "SELECT id, at, operator, action, target, detail, hash FROM audit_log \
             WHERE site_id = $1 AND id > $2 ORDER BY id LIMIT $3"
        }
        Chain::NoSite => {
            "SELECT id, at, operator, action, target, detail, hash FROM audit_log \
             WHERE site_id IS NULL AND id > $1 ORDER BY id LIMIT $2"
        }
    }
}

fn query<DB>(chain: Chain, after: i64, limit: i64) -> sqlx::query::Query<'static, DB, DB::Arguments<'static>>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    match chain {
        Chain::Site(site) => sqlx::query(chain_page_sql(chain)).bind(site).bind(after).bind(limit),
        Chain::NoSite => sqlx::query(chain_page_sql(chain)).bind(after).bind(limit),
    }
}

/// Where a page's columns are, found by their names once a page (a million records, seven
/// fields each: a lookup by name for every field would cost more than the walk's reading).
struct Places {
    id: usize,
    at: usize,
    operator: usize,
    action: usize,
    target: usize,
    detail: usize,
    hash: usize,
}

impl Places {
    fn of(row: &sqlx::postgres::PgRow) -> Result<Places> {
        let place = |name: &str| row.try_column(name).map(sqlx::Column::ordinal);
        Ok(Places {
            id: place("id")?,
            at: place("at")?,
            operator: place("operator")?,
            action: place("action")?,
            target: place("target")?,
            detail: place("detail")?,
            hash: place("hash")?,
        })
    }
}

/// PostgreSQL's page: its rows, each field borrowed from its row.
pub(crate) fn postgres_page<'a, 'v>(
    conn: &'a mut sqlx::PgConnection,
    chain: Chain,
    after: i64,
    limit: i64,
    visit: &'a mut ChainVisit<'v>,
) -> ChainFuture<'a> {
    Box::pin(async move {
        let rows = query(chain, after, limit).fetch_all(conn).await?;
        let Some(first) = rows.first() else { return Ok(()) };
        let at = Places::of(first)?;
        for row in &rows {
            let record = ChainRecord {
                id: row.try_get(at.id)?,
                content: Content {
                    site: chain.site(),
                    at: row.try_get(at.at)?,
                    operator: row.try_get(at.operator)?,
                    action: row.try_get(at.action)?,
                    target: row.try_get(at.target)?,
                    detail: row.try_get(at.detail)?,
                },
                hash: row.try_get(at.hash)?,
            };
            if !visit(&record) {
                break;
            }
        }
        Ok(())
    })
}

/// SQLite's page, read through the connection's C handle. A record whose time is not RFC 3339 (the
/// store writes nothing else) is read through sqlx, which knows SQLite's other spellings.
pub(crate) fn sqlite_page<'a, 'v>(
    conn: &'a mut sqlx::SqliteConnection,
    chain: Chain,
    mut after: i64,
    mut limit: i64,
    visit: &'a mut ChainVisit<'v>,
) -> ChainFuture<'a> {
    Box::pin(async move {
        while limit > 0 {
            let stopped = {
                let mut handle = conn.lock_handle().await?;
                // SAFETY: the connection's handle, locked for the call and used by nothing else.
                unsafe { read_raw(handle.as_raw_handle().as_ptr(), chain, after, limit, visit) }?
            };
            let odd = match stopped {
                Stopped::Done => return Ok(()),
                Stopped::Visitor => return Ok(()),
                Stopped::OddTime { id, read } => {
                    limit -= read;
                    id
                }
            };
            let row = sqlx::query("SELECT id, at, operator, action, target, detail, hash FROM audit_log WHERE id = $1")
                .bind(odd)
                .fetch_one(&mut *conn)
                .await?;
            let id: i64 = row.try_get("id")?;
            let text = |name: &str| row.try_get::<Lossy, _>(name).map(|l| l.text);
            let (operator, action, target, detail) =
                (text("operator")?, text("action")?, text("target")?, text("detail")?);
            let hash: Option<Lossy> = row.try_get("hash")?;
            let content = Content {
                site: chain.site(),
                at: row.try_get::<DateTime<Utc>, _>("at")?,
                operator: &operator,
                action: &action,
                target: &target,
                detail: &detail,
            };
            if !visit(&ChainRecord { id, content, hash: hash.as_ref().map(|h| h.text.as_str()) }) {
                return Ok(());
            }
            after = id;
            limit -= 1;
        }
        Ok(())
    })
}

/// Where a raw read stopped.
enum Stopped {
    /// At the end of the page.
    Done,
    /// The visitor asked to stop.
    Visitor,
    /// Before record `id`, whose time is not RFC 3339, after `read` records.
    OddTime { id: i64, read: i64 },
}

/// Reads the chain's records after `after`, up to `limit`, with the C API.
///
/// # Safety
/// `db` is an open connection, held exclusively for the call.
unsafe fn read_raw(
    db: *mut ffi::sqlite3,
    chain: Chain,
    after: i64,
    limit: i64,
    visit: &mut ChainVisit<'_>,
) -> Result<Stopped> {
    let sql = match chain {
        Chain::Site(_) => {
            c"SELECT id, at, operator, action, target, detail, hash FROM audit_log \
              WHERE site_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"
        }
        Chain::NoSite => {
            c"SELECT id, at, operator, action, target, detail, hash FROM audit_log \
              WHERE site_id IS NULL AND id > ?2 ORDER BY id LIMIT ?3"
        }
    };
    // SAFETY: `db` is open and held (the caller's promise).
    let mut statement = unsafe { Statement::prepare(db, sql, "audit_log") }?;
    if let Chain::Site(site) = chain {
        statement.bind(1, site)?;
    }
    statement.bind(2, after)?;
    statement.bind(3, limit)?;
    let mut read = 0;
    while statement.step()? {
        let text = |column| statement.text(column);
        let id = statement.int(0);
        let Some(at) = text(1).and_then(|t| DateTime::parse_from_rfc3339(&t).ok()) else {
            return Ok(Stopped::OddTime { id, read });
        };
        let missing = |column: &str| -> StoreError {
            sqlx::Error::ColumnDecode { index: column.to_string(), source: "NULL in a NOT NULL column".into() }.into()
        };
        let (operator, action, target, detail) = (text(2), text(3), text(4), text(5));
        let hash = text(6);
        let record = ChainRecord {
            id,
            content: Content {
                site: chain.site(),
                at: at.with_timezone(&Utc),
                operator: operator.as_deref().ok_or_else(|| missing("operator"))?,
                action: action.as_deref().ok_or_else(|| missing("action"))?,
                target: target.as_deref().ok_or_else(|| missing("target"))?,
                detail: detail.as_deref().ok_or_else(|| missing("detail"))?,
            },
            hash: hash.as_deref(),
        };
        read += 1;
        if !visit(&record) {
            return Ok(Stopped::Visitor);
        }
    }
    Ok(Stopped::Done)
}
