//! What the changes run inside one scope wrote to the audit trail, as their transactions
//! committed: for a caller that watches the change mark (the newest audit record's id) and must
//! tell its own changes from everybody else's.
//!
//! Each audit write inside [`tracked`] notes, in its transaction, the change mark it found just
//! before its own records (read after the chain's lock: on SQLite `BEGIN IMMEDIATE` already
//! excludes every other writer; on PostgreSQL the advisory lock of the site's chain orders the
//! writers of that chain) and the id of its last record. The notes count once the transaction
//! commits (`SqlStore::finish`), and when the database read from holds them (a hot standby that
//! replayed the commit); a transaction that never commits leaves none. Outside a scope (the
//! command line) nothing is noted and nothing more is read.

use std::cell::RefCell;
use std::future::Future;

/// One transaction's audit records, as committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The change mark just before the transaction's first record: every record up to it is
    /// somebody's change committed before this one (or an earlier one of the same scope's).
    pub before: i64,
    /// The id of the transaction's last record.
    pub last: i64,
}

#[derive(Default)]
struct Notes {
    /// The records of the transaction under way, not yet committed.
    pending: Vec<Written>,
    committed: Vec<Written>,
}

tokio::task_local! {
    static NOTES: RefCell<Notes>;
}

/// Runs `f`, and says what each transaction it committed wrote to the audit trail, in order.
pub async fn tracked<F: Future>(f: F) -> (F::Output, Vec<Written>) {
    NOTES
        .scope(RefCell::new(Notes::default()), async move {
            let out = f.await;
            let committed = NOTES.with(|n| std::mem::take(&mut n.borrow_mut().committed));
            (out, committed)
        })
        .await
}

/// Whether the audit records written now are to be noted (inside [`tracked`]).
pub(crate) fn tracking() -> bool {
    NOTES.try_with(|_| ()).is_ok()
}

/// A write transaction begins: what an earlier one noted and never committed is gone.
pub(crate) fn begun() {
    let _ = NOTES.try_with(|n| n.borrow_mut().pending.clear());
}

/// Records written in the transaction under way.
pub(crate) fn note(written: Written) {
    let _ = NOTES.try_with(|n| n.borrow_mut().pending.push(written));
}

/// The transaction under way ended: committed and readable (`kept`), or not (rolled back, or
/// committed on a primary whose standby, read from, has not replayed it yet: its records are then
/// left for the change mark to find as any other change).
pub(crate) fn ended(kept: bool) {
    let _ = NOTES.try_with(|n| {
        let mut n = n.borrow_mut();
        let pending = std::mem::take(&mut n.pending);
        if kept {
            n.committed.extend(pending);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_committed_transactions_inside_the_scope_count() {
        let ((), written) = tracked(async {
            begun();
            note(Written { before: 10, last: 11 });
            ended(true);
            // A transaction that failed before committing.
            begun();
            note(Written { before: 11, last: 12 });
            // One that committed on a primary its standby had not replayed.
            begun();
            note(Written { before: 12, last: 13 });
            ended(false);
            begun();
            note(Written { before: 14, last: 15 });
            note(Written { before: 15, last: 16 });
            ended(true);
        })
        .await;
        assert_eq!(
            written,
            [Written { before: 10, last: 11 }, Written { before: 14, last: 15 }, Written { before: 15, last: 16 }]
        );
        // Outside: nothing noted, nothing kept.
        assert!(!tracking());
        note(Written { before: 1, last: 2 });
        ended(true);
    }
}
