//! A statement read through SQLite's own C handle, for the two long walks that sqlx's rows make
//! slow (every value copied, each row sent across threads): the audit chain's verification
//! (`chain.rs`) and `check --all`'s pages of texts (`texts.rs`). Prepared, bound by position,
//! stepped, each text column borrowed in place until the next step, finalised however the walk
//! ends.

use std::borrow::Cow;
use std::ffi::CStr;

use libsqlite3_sys as ffi;

use super::{Result, StoreError};

/// A prepared statement of one connection, finalised when dropped.
pub(super) struct Statement {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
    /// The table read, for the error's line.
    table: &'static str,
}

impl Statement {
    /// Prepares `sql` (values as `?N`) on `db`.
    ///
    /// # Safety
    /// `db` is an open connection, held exclusively while the statement lives.
    pub(super) unsafe fn prepare(db: *mut ffi::sqlite3, sql: &CStr, table: &'static str) -> Result<Statement> {
        let mut statement = Statement { db, stmt: std::ptr::null_mut(), table };
        // SAFETY: `db` is open and held (the caller's promise); the statement is finalised on drop.
        if unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut statement.stmt, std::ptr::null_mut()) }
            != ffi::SQLITE_OK
        {
            return Err(statement.failure());
        }
        Ok(statement)
    }

    /// Binds value `n` (from 1).
    pub(super) fn bind(&self, n: i32, value: i64) -> Result<()> {
        // SAFETY: the statement is prepared and not finalised while `self` lives.
        if unsafe { ffi::sqlite3_bind_int64(self.stmt, n, value) } != ffi::SQLITE_OK {
            return Err(self.failure());
        }
        Ok(())
    }

    /// Steps to the next row: false at the end.
    pub(super) fn step(&mut self) -> Result<bool> {
        // SAFETY: as in `bind`; `&mut self` ends every borrow of the last row's texts first.
        match unsafe { ffi::sqlite3_step(self.stmt) } {
            ffi::SQLITE_ROW => Ok(true),
            ffi::SQLITE_DONE => Ok(false),
            _ => Err(self.failure()),
        }
    }

    /// Column `column` of the row as an integer.
    pub(super) fn int(&self, column: i32) -> i64 {
        // SAFETY: as in `bind`, on the row `step` reached.
        unsafe { ffi::sqlite3_column_int64(self.stmt, column) }
    }

    /// Column `column` of the row as text, borrowed until the next step (None for NULL). Text that
    /// is not UTF-8 (a raw session's) is read as the rest of the store reads it (`Lossy`); the rest,
    /// most of it, is only checked.
    pub(super) fn text(&self, column: i32) -> Option<Cow<'_, str>> {
        self.bytes(column).map(super::text::utf8)
    }

    /// Column `column` of the row as the bytes of its text, borrowed until the next step (None for
    /// NULL), for a reader that checks them as UTF-8 elsewhere (`text::utf8`).
    pub(super) fn bytes(&self, column: i32) -> Option<&[u8]> {
        // SAFETY: as in `int`; the text stays valid until the next step or the finalisation, and
        // both need `&mut self` or the drop, which end this borrow first.
        unsafe {
            let p = ffi::sqlite3_column_text(self.stmt, column);
            if p.is_null() {
                return None;
            }
            let n = usize::try_from(ffi::sqlite3_column_bytes(self.stmt, column)).unwrap_or(0);
            Some(std::slice::from_raw_parts(p, n))
        }
    }

    /// The connection's last error, in one line naming the table.
    fn failure(&self) -> StoreError {
        // SAFETY: sqlite3_errmsg takes any handle and returns a string owned by it, copied here.
        let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(self.db)) };
        sqlx::Error::Protocol(format!("{}: {}", self.table, message.to_string_lossy())).into()
    }
}

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: prepared by `prepare` (or null, which is a no-op), finalised once.
        unsafe { ffi::sqlite3_finalize(self.stmt) };
    }
}
