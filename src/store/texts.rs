//! Items' texts read a page at a time for `check --all` after the lists changed (every item of a
//! site checked again), into one buffer a page, with what is stored for them: a million items,
//! and a copy of each field of each row (sqlx's SQLite driver copies every value of every row
//! and sends each row across threads, and the threads' allocator then takes turns on them) cost
//! more than the reading. PostgreSQL:
//! sqlx's rows, each field borrowed from its row, the texts as their bytes. SQLite: the connection's own C handle, each
//! field read in place, its times parsed as sqlx parses them (a row with a time or a date of any
//! other spelling sqlx reads is read through sqlx), as the audit chain's walk reads (`chain.rs`).

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;

use chrono::{DateTime, NaiveDate, Utc};
use libsqlite3_sys as ffi;
use sqlx::Row;

use super::Result;
use super::raw_sqlite::Statement;
use super::text::{Lossy, utf8};
use crate::domain::checks::{Checked, on_every_core};

/// Site `$1`'s items after id `$2`, `$3` of them, in id order: each one's text and dates as the
/// checks read them. One range of the items' key: what the checks read of other tables is read
/// for the page's range at once (`sql/findings.rs`), not looked up item by item.
pub(crate) const TEXTS_PAGE: &str = "SELECT i.id, i.title, i.body, i.submitted_at, i.published_at \
     FROM items i WHERE i.site_id = $1 AND i.id > $2 ORDER BY i.id LIMIT $3";

/// A page of `TEXTS_PAGE`: every item's texts in one buffer, as the database's bytes (checked as
/// UTF-8 on the threads that check them, not on the one that reads the next page:
/// `on_every_core`), with the findings stored for each and the issue date of the document it
/// carries (`with_stored`, `with_issued`).
#[derive(Debug, Default)]
pub(crate) struct TextPage {
    /// The titles and bodies of the page, one after another.
    bytes: Vec<u8>,
    /// The stored findings of the page, one after another.
    stored: String,
    items: Vec<PagedText>,
}

/// One item of a `TextPage`: where its texts are in the page's buffers, and its dates.
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

/// One row of `TEXTS_PAGE`, its texts' bytes borrowed.
struct TextRow<'a> {
    id: i64,
    title: &'a [u8],
    body: &'a [u8],
    submitted_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
}

impl TextPage {
    fn with_capacity(items: usize) -> TextPage {
        TextPage { bytes: Vec::with_capacity(items * 1024), stored: String::new(), items: Vec::with_capacity(items) }
    }

    /// Puts a text's bytes in the buffer: where they are.
    fn put(&mut self, text: &[u8]) -> Range<usize> {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(text);
        start..self.bytes.len()
    }

    fn push(&mut self, row: &TextRow<'_>) {
        let (title, body) = (self.put(row.title), self.put(row.body));
        self.items.push(PagedText {
            id: row.id,
            title,
            body,
            stored: None,
            submitted_at: row.submitted_at,
            published_at: row.published_at,
            issued_on: None,
        });
    }

    /// Where item `id` is in the page, if it has it.
    fn place(&self, id: i64) -> Option<usize> {
        self.items.binary_search_by_key(&id, |i| i.id).ok()
    }

    /// The findings stored for the page's items: (item, its findings as JSON).
    pub(crate) fn with_stored(&mut self, stored: &[(i64, String)]) {
        for (id, findings) in stored {
            if let Some(at) = self.place(*id) {
                let start = self.stored.len();
                self.stored.push_str(findings);
                self.items[at].stored = Some(start..self.stored.len());
            }
        }
    }

    /// The issue dates of the documents the page's items carry: (item, the first of them).
    pub(crate) fn with_issued(&mut self, issued: &[(i64, NaiveDate)]) {
        for (id, on) in issued {
            if let Some(at) = self.place(*id) {
                self.items[at].issued_on = Some(*on);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// The id of the page's last item (none: the page is empty, the items are all read).
    pub(crate) fn last(&self) -> Option<i64> {
        self.items.last().map(|i| i.id)
    }

    /// `work` on each item, on every core (`checks::on_every_core`), in the page's order: given
    /// its id, what the checks read of it (its texts as the store reads text: `text::utf8`) and the
    /// findings stored for it, as JSON.
    pub(crate) fn on_every_core<R: Send>(&self, work: impl Fn(i64, Checked<'_>, Option<&str>) -> R + Sync) -> Vec<R> {
        on_every_core(&self.items, |i| {
            let (title, body) = (utf8(&self.bytes[i.title.clone()]), utf8(&self.bytes[i.body.clone()]));
            let checked = Checked {
                title: &title,
                body: &body,
                submitted_at: i.submitted_at,
                published_at: i.published_at,
                issued_on: i.issued_on,
            };
            work(i.id, checked, i.stored.clone().map(|s| &self.stored[s]))
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
    sqlx::query(TEXTS_PAGE).bind(site).bind(after).bind(limit)
}

/// Where a page's columns are, found by their names once a page.
struct Places {
    id: usize,
    title: usize,
    body: usize,
    submitted_at: usize,
    published_at: usize,
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
            submitted_at: place("submitted_at")?,
            published_at: place("published_at")?,
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
        // A text's bytes as they came (UTF-8, which the checking threads check, not this one).
        fn bytes(row: &sqlx::postgres::PgRow, column: usize) -> Result<&[u8]> {
            Ok(row.try_get_raw(column)?.as_bytes().map_err(sqlx::Error::Decode)?)
        }
        for row in &rows {
            page.push(&TextRow {
                id: row.try_get(at.id)?,
                title: bytes(row, at.title)?,
                body: bytes(row, at.body)?,
                submitted_at: row.try_get(at.submitted_at)?,
                published_at: row.try_get(at.published_at)?,
            });
        }
        Ok(page)
    })
}

/// SQLite's page (site, after, limit), read through the connection's C handle. A row with a time
/// that is not RFC 3339 (the store writes nothing else) is read through sqlx, which knows SQLite's
/// other spellings.
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
            page.push(&TextRow {
                id: row.try_get("id")?,
                title: title.text.as_bytes(),
                body: body.text.as_bytes(),
                submitted_at: row.try_get("submitted_at")?,
                published_at: row.try_get("published_at")?,
            });
            after = odd;
        }
    })
}

/// Reads site `site`'s items after `after`, up to `limit`, into `page` with the C API; stops
/// before an item whose time is not spelt as the store writes it (`Some(its id)`).
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
    let sql = std::ffi::CString::new(TEXTS_PAGE.replace('$', "?")).expect("no NUL in the statement");
    // SAFETY: `db` is open and held (the caller's promise).
    let mut statement = unsafe { Statement::prepare(db, &sql, "items") }?;
    statement.bind(1, site)?;
    statement.bind(2, after)?;
    statement.bind(3, limit)?;
    while statement.step()? {
        let time = |column| {
            let text = statement.text(column);
            text.map(|t| DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)))
        };
        let id = statement.int(0);
        let (Some(title), Some(body), Some(Ok(submitted_at))) = (statement.bytes(1), statement.bytes(2), time(3))
        else {
            return Ok(Some(id));
        };
        let Ok(published_at) = time(4).transpose() else {
            return Ok(Some(id));
        };
        page.push(&TextRow { id, title, body, submitted_at, published_at });
    }
    Ok(None)
}
