//! Rectification orders' part of the store (`rectifications`): issued, listed with what fixed
//! them since, closed once (by hand or by what fixed them), each in one transaction with its audit
//! record.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::{Result, Site};
use crate::domain::Closing;
use crate::domain::rectification::{Fixes, Subject};

/// An order to issue; its deadline computed by the caller from the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationInput {
    /// The responsible unit, by name.
    pub unit: String,
    pub subject: Subject,
    /// What is wrong and which rule.
    pub note: String,
    /// The deadline in working days (1 to 60).
    pub days: u32,
    pub due_on: NaiveDate,
}

/// An order as stored, with what it names and what has fixed that since it was issued.
#[derive(Debug, Clone, PartialEq)]
pub struct RectificationRow {
    pub id: i64,
    pub unit: String,
    /// The unit's full name (the addressee of a notice).
    pub unit_full_name: String,
    pub subject: Subject,
    /// The column's path, or the item's title, or the indicator's name.
    pub subject_text: String,
    pub note: String,
    pub days: i64,
    pub issued_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub issued_by: String,
    /// When, by whom, how it was closed, and the note of a closing by hand.
    pub closed: Option<(DateTime<Utc>, String, Closing, Option<String>)>,
    /// What fixed what it names after it was issued (looked up for open orders only).
    pub fixes: Fixes,
}

/// An order to close: how, when what it names was fixed (or now, by hand), and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationClosing {
    pub id: i64,
    pub how: Closing,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// An item returned to its unit, waiting for the unit to submit it again (a reminder sheet's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedItem {
    pub id: i64,
    pub unit: String,
    pub title: String,
    /// When it was returned (its last change).
    pub returned_at: DateTime<Utc>,
}

/// The rectification orders' operations (a part of `Store`).
#[async_trait]
pub trait RectificationStore: Send + Sync {
    /// Issues an order to a unit responsible for what it names (a column's responsible unit, an
    /// item's unit, any assessed unit for an indicator); its id. Only an active administrator.
    async fn add_rectification(&self, site: &Site, order: &RectificationInput) -> Result<i64>;

    /// The site's orders (of one unit when given), newest first, each open one with what fixed
    /// what it names since.
    async fn rectifications(&self, site: &Site, unit: Option<&str>) -> Result<Vec<RectificationRow>>;

    /// Closes open orders, each with its audit record, in one transaction: refused whole if any
    /// is unknown or already closed. Only an active administrator.
    async fn close_rectifications(&self, site: &Site, closings: &[RectificationClosing]) -> Result<()>;

    /// The items returned to their units and not yet submitted again (of one unit when given),
    /// longest waiting first.
    async fn returned_items(&self, site: &Site, unit: Option<&str>) -> Result<Vec<ReturnedItem>>;
}
