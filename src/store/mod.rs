//! The only place with SQL: one trait of operations over the portal database, implemented once for
//! PostgreSQL and SQLite on concrete pools (`sql.rs`, with the few differences in `backend.rs`).
//! Every change runs in one transaction that also writes its audit record.

mod backend;
pub mod backup;
mod chain;
mod error;
pub mod findings;
mod hot;
pub mod links;
mod operations;
mod raw_sqlite;
pub mod rectification;
pub mod roles;
mod rows;
pub mod schema;
mod sql;
pub mod target;
pub mod text;
mod texts;
pub mod written;

use std::sync::Arc;

use chrono::NaiveDate;

pub use error::{DatabaseError, ErrorKind, Result, StoreError};
pub use findings::{
    FindingCount, FindingFilter, FindingItem, FindingKey, FindingList, FindingOrder, FindingStore, ItemFindings,
    ListedFinding,
};
pub use hot::{HotStatement, POSTGRES_SESSION, Param, SEARCH_BROAD, hot_statements, search_first_page};
pub use links::{CheckedLink, LinkItem, LinkRow, LinkScope, LinkStore, NewProbe, ProbeRow};
pub use operations::{
    AssessmentStore, AuditStore, BackupStore, CalendarStore, CheckStore, ColumnStore, ImportStore, InspectionStore,
    ItemStore, OperatorStore, RetractionStore, ReviewStore, SearchStore, Store,
};
pub use rectification::{RectificationClosing, RectificationInput, RectificationRow, RectificationStore, ReturnedItem};
pub use rows::*;
pub use sql::COUNTED;
pub use target::{BadTarget, Target};

/// How a store is opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// Create a missing SQLite file (for `init` and `demo`).
    pub create: bool,
    /// Refuse every change (`--read-only`).
    pub read_only: bool,
    /// Rehearse every change (`--dry-run`): each runs whole, its checks and its audit record
    /// included, and is then rolled back, so what it reports is what it would have done.
    pub dry_run: bool,
}

/// Opens the database a target names, checking it can be reached.
pub async fn open(target: &Target, options: OpenOptions) -> Result<Arc<dyn Store>> {
    backend::open(target, options).await
}

pub use backend::close_files;

/// The dates of a year, as an inclusive range.
pub fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}
