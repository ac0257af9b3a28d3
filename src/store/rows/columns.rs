//! The column tree, the issued documents due in its columns, and what staleness reads.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::calendar::CalendarDay;
use crate::domain::deadline::DeadlineRule;

/// A column of the tree as listed by `columns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub path: String,
    pub level: i64,
    pub deadline: String,
    pub rule: DeadlineRule,
    pub departments: String,
    /// The responsible units (empty where the query does not load them: `staleness_inputs`).
    pub units: Vec<String>,
    pub note: String,
}

/// An issued document with what the deadline needs.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub column_id: i64,
    pub column_path: String,
    pub rule: DeadlineRule,
    pub issued_on: NaiveDate,
    /// When it went online (its item's publication), if it has.
    pub published_at: Option<DateTime<Utc>>,
}

/// What the staleness report reads (`Store::staleness_inputs`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StalenessInputs {
    /// Every column of the site in the tree's order (without its units), with the latest
    /// publication time before the instant of an item that is online in it (`None`: none).
    pub columns: Vec<LastUpdate>,
    /// As `documents` with `online_before`: the documents not online before the instant, oldest
    /// issue first.
    pub open_documents: Vec<DocumentRow>,
    /// Every calendar exception, in date order, when there is an open document (its due date
    /// needs them); empty otherwise.
    pub calendar: Vec<CalendarDay>,
}

/// A document to register.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocumentInput {
    pub number: String,
    pub title: String,
    pub column_id: i64,
    pub issued_on: NaiveDate,
    pub item_id: Option<i64>,
}

/// A column (without its units) with the latest publication time of an item online in it, before
/// the instant staleness is read at (`None`: none).
#[derive(Debug, Clone, PartialEq)]
pub struct LastUpdate {
    pub column: ColumnRow,
    pub at: Option<DateTime<Utc>>,
}
