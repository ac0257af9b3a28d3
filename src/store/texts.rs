//! Items' texts read a page at a time for `check --all` after the lists changed (every item of a
//! site checked again), into one buffer a page: a million items, and a copy of each field of each
//! row (sqlx's SQLite driver copies every value of every row and sends each row across threads,
//! and the threads' allocator then takes turns on them) cost more than the reading. PostgreSQL:
//! sqlx's rows, each field borrowed from its row. SQLite: the connection's own C handle, each
//! field read in place, its times parsed as sqlx parses them (a row with a time or a date of any
//! other spelling sqlx reads is read through sqlx), as the audit chain's walk reads (`chain.rs`).

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;

use chrono::{DateTime, NaiveDate, Utc};
use libsqlite3_sys as ffi;
use sqlx::Row;

use super::text::Lossy;
use super::{Result, StoreError};
use crate::domain::checks::Checked;

/// Site `$1`'s items after id `$2`, `$3` of them, in id order: each one's text and dates as the
/// checks read them (the issue date of the document it carries) and the findings stored for it
/// (none without a row), which `check --all` compares with what it finds.
pub(crate) const TEXTS_STORED: &str = "SELECT i.id, i.title, i.body, i.submitted_at, i.published_at, \
       (SELECT MIN(d.issued_on) FROM documents d WHERE d.site_id = i.site_id AND d.item_id = i.id) AS issued_on, \
       f.findings AS stored \
     FROM items i LEFT JOIN item_findings f ON f.site_id = i.site_id AND f.item_id = i.id \
     WHERE i.site_id = $1 AND i.id > $2 ORDER BY i.id LIMIT $3";

/// A page of `TEXTS_STORED`: every item's texts in one buffer.
#[derive(Debug, Default)]
pub(crate) struct TextPage {
    /// The titles, bodies and stored findings of the page, one after another.
    text: String,
    items: Vec<PagedText>,
}

/// One item of a `TextPage`: where its texts are in the page's buffer, and its dates.
#[derive(Debug)]
struct PagedText {
    id: i64,
    title: Range<usize>,
    body: Range<usize>,
    stored: Option<Range<usize>>,
    submitted_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    issued_on: Option<NaiveDate>,
}

/// One row of `TEXTS_STORED`, its texts borrowed.
pub(crate) struct TextRow<'a> {
    pub id: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub stored: Option<&'a str>,
    pub submitted_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub issued_on: Option<NaiveDate>,
}

impl TextPage {
    fn with_capacity(items: usize) -> TextPage {
        TextPage { text: String::with_capacity(items * 1024), items: Vec::with_capacity(items) }
    }

    fn push(&mut self, row: &TextRow<'_>) {
        let mut put = |s: &str| {
            let start = self.text.len();
            self.text.push_str(s);
            start..self.text.len()
        };
        let (title, body, stored) = (put(row.title), put(row.body), row.stored.map(put));
        self.items.push(PagedText {
            id: row.id,
            title,
            body,
            stored,
            submitted_at: row.submitted_at,
            published_at: row.published_at,
            issued_on: row.issued_on,
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// The id of the page's last item (none: the page is empty, the items are all read).
    pub(crate) fn last(&self) -> Option<i64> {
        self.items.last().map(|i| i.id)
    }

    /// Each item: its id, what the checks read of it, and the findings stored for it, as JSON.
    pub(crate) fn items(&self) -> impl Iterator<Item = (i64, Checked<'_>, Option<&str>)> {
        self.items.iter().map(|i| {
            let checked = Checked {
                title: &self.text[i.title.clone()],
                body: &self.text[i.body.clone()],
                submitted_at: i.submitted_at,
                published_at: i.published_at,
                issued_on: i.issued_on,
            };
            (i.id, checked, i.stored.clone().map(|s| &self.text[s]))
        })
    }
}

/// A page being read.
pub(crate) type TextPageFuture<'a> = Pin<Box<dyn Future<Output = Result<TextPage>> + Send + 'a>>;

/// The statement for `$N` values bound by position.
fn query<'q, DB>(site: i64, after: i64, limit: i64) -> sqlx::query::Query<'q, DB, DB::Arguments<'q>>
where
    DB: sqlx::Database,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    sqlx::query(TEXTS_STORED).bind(site).bind(after).bind(limit)
}

/// Where a page's columns are, found by their names once a page.
struct Places {
    id: usize,
    title: usize,
    body: usize,
    stored: usize,
    submitted_at: usize,
    published_at: usize,
    issued_on: usize,
}

impl Places {
    fn of<R: Row>(row: &R) -> Result<Places>
    where
        for<'s> &'s str: sqlx::ColumnIndex<R>,
    {
        let place = |name: &str| row.try_column(name).map(sqlx::Column::ordinal);
        Ok(Places {
            id: place("id")?,
            title: place("title")?,
            body: place("body")?,
            stored: place("stored")?,
            submitted_at: place("submitted_at")?,
            published_at: place("published_at")?,
            issued_on: place("issued_on")?,
        })
    }
}

/// PostgreSQL's page (site, after, limit): its rows, each field borrowed from its row.
pub(crate) fn postgres_page(conn: &mut sqlx::PgConnection, site: i64, after: i64, limit: i64) -> TextPageFuture<'_> {
    Box::pin(async move {
        let rows = query(site, after, limit).fetch_all(conn).await?;
        let mut page = TextPage::with_capacity(rows.len());
        let Some(first) = rows.first() else { return Ok(page) };
        let at = Places::of(first)?;
        for row in &rows {
            page.push(&TextRow {
                id: row.try_get(at.id)?,
                title: row.try_get(at.title)?,
                body: row.try_get(at.body)?,
                stored: row.try_get(at.stored)?,
                submitted_at: row.try_get(at.submitted_at)?,
                published_at: row.try_get(at.published_at)?,
                issued_on: row.try_get(at.issued_on)?,
            });
        }
        Ok(page)
    })
}

/// SQLite's page (site, after, limit), read through the connection's C handle. A row with a time
/// that is not RFC 3339 or a date that is not YYYY-MM-DD (the store writes nothing else) is read
/// through sqlx, which knows SQLite's other spellings.
pub(crate) fn sqlite_page(conn: &mut sqlx::SqliteConnection, site: i64, after: i64, limit: i64) -> TextPageFuture<'_> {
    Box::pin(async move {
        let mut page = TextPage::with_capacity(usize::try_from(limit).unwrap_or(0).min(10_000));
        let mut after = after;
        loop {
            let wanted = limit - page.len() as i64;
            if wanted <= 0 {
                return Ok(page);
            }
            let stopped = {
                let mut handle = conn.lock_handle().await?;
                // SAFETY: the connection's handle, locked for the call and used by nothing else.
                unsafe { read_raw(handle.as_raw_handle().as_ptr(), site, after, wanted, &mut page) }?
            };
            let Some(odd) = stopped else { return Ok(page) };
            let row = query::<sqlx::Sqlite>(site, odd - 1, 1).fetch_one(&mut *conn).await?;
            let title: Lossy = row.try_get("title")?;
            let body: Lossy = row.try_get("body")?;
            let stored: Option<Lossy> = row.try_get("stored")?;
            page.push(&TextRow {
                id: row.try_get("id")?,
                title: &title.text,
                body: &body.text,
                stored: stored.as_ref().map(|s| s.text.as_str()),
                submitted_at: row.try_get("submitted_at")?,
                published_at: row.try_get("published_at")?,
                issued_on: row.try_get("issued_on")?,
            });
            after = odd;
        }
    })
}

/// Frees a prepared statement however its reading ends.
struct Statement(*mut ffi::sqlite3_stmt);

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: a statement prepared by `read_raw` (or null, which is a no-op), finalised once.
        unsafe { ffi::sqlite3_finalize(self.0) };
    }
}

fn sqlite_failure(db: *mut ffi::sqlite3) -> StoreError {
    // SAFETY: sqlite3_errmsg takes any handle and returns a string owned by it, copied here.
    let message = unsafe { std::ffi::CStr::from_ptr(ffi::sqlite3_errmsg(db)) };
    sqlx::Error::Protocol(format!("items: {}", message.to_string_lossy())).into()
}

/// Reads site `site`'s items after `after`, up to `limit`, into `page` with the C API; stops
/// before an item whose time or date is not spelt as the store writes them (`Some(its id)`).
///
/// # Safety
/// `db` is an open connection, held exclusively for the call.
unsafe fn read_raw(
    db: *mut ffi::sqlite3,
    site: i64,
    after: i64,
    limit: i64,
    page: &mut TextPage,
) -> Result<Option<i64>> {
    // `$N` as SQLite's `?N`: the same statement, its values bound by position.
    let sql = std::ffi::CString::new(TEXTS_STORED.replace('$', "?")).expect("no NUL in the statement");
    // SAFETY (every call below): `db` is open and held; the statement is the one prepared here,
    // finalised when `statement` drops; a column's text stays valid until the next step, and
    // every borrow of it ends before then.
    unsafe {
        let mut statement = Statement(std::ptr::null_mut());
        if ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut statement.0, std::ptr::null_mut()) != ffi::SQLITE_OK {
            return Err(sqlite_failure(db));
        }
        let stmt = statement.0;
        if ffi::sqlite3_bind_int64(stmt, 1, site) != ffi::SQLITE_OK
            || ffi::sqlite3_bind_int64(stmt, 2, after) != ffi::SQLITE_OK
            || ffi::sqlite3_bind_int64(stmt, 3, limit) != ffi::SQLITE_OK
        {
            return Err(sqlite_failure(db));
        }
        let text = |column: i32| -> Option<std::borrow::Cow<'_, str>> {
            let p = ffi::sqlite3_column_text(stmt, column);
            if p.is_null() {
                return None;
            }
            let n = usize::try_from(ffi::sqlite3_column_bytes(stmt, column)).unwrap_or(0);
            let bytes = std::slice::from_raw_parts(p, n);
            // Text that is not UTF-8 (a raw session's) is read as the rest of the store reads it
            // (`Lossy`); the rest, most of it, is only checked.
            Some(match std::str::from_utf8(bytes) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(bytes),
            })
        };
        let time = |column: i32| text(column).map(|t| DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)));
        loop {
            match ffi::sqlite3_step(stmt) {
                ffi::SQLITE_ROW => {}
                ffi::SQLITE_DONE => return Ok(None),
                _ => return Err(sqlite_failure(db)),
            }
            let id = ffi::sqlite3_column_int64(stmt, 0);
            let (Some(title), Some(body), Some(Ok(submitted_at))) = (text(1), text(2), time(3)) else {
                return Ok(Some(id));
            };
            let (Ok(published_at), Ok(issued_on)) =
                (time(4).transpose(), text(5).map(|d| NaiveDate::parse_from_str(&d, "%F")).transpose())
            else {
                return Ok(Some(id));
            };
            let stored = text(6);
            page.push(&TextRow {
                id,
                title: &title,
                body: &body,
                stored: stored.as_deref(),
                submitted_at,
                published_at,
                issued_on,
            });
        }
    }
}
