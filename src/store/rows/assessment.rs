//! The assessment (Art. 16–17): tallies, incidents, the items that earned points.

use chrono::{DateTime, NaiveDate, Utc};

use super::site::UnitRow;
use crate::domain::{Form, IncidentKind, RetractionReason};

/// A unit's tally for a period: the items it published that count, by the form they count at
/// (each item at its highest form across its columns), and its incidents' points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTally {
    pub unit: UnitRow,
    pub text: i64,
    pub image_text: i64,
    pub video: i64,
    /// The sum of the period's incident points (negative, or 0).
    pub deductions: i64,
    /// How many of the period's incidents stand (those recorded, less those reversed).
    pub incidents: i64,
}

/// An incident to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentInput {
    pub unit: String,
    pub kind: IncidentKind,
    /// The item it is about, if any.
    pub item: Option<i64>,
    /// When it happened (Beijing date): the quarter it counts in.
    pub occurred_on: NaiveDate,
    pub note: String,
}

/// A recorded incident, or the reversal of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentRow {
    pub id: i64,
    pub unit: String,
    pub kind: IncidentKind,
    /// Negative for a deduction, positive for a reversal.
    pub points: i64,
    pub item: Option<i64>,
    pub item_title: Option<String>,
    /// For a reversal: the incident it reverses.
    pub reverses: Option<i64>,
    /// For an incident: the record that reversed it, if one did.
    pub reversed_by: Option<i64>,
    pub occurred_on: NaiveDate,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// An item that earned its unit points, as the score's explanation lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct EarningItem {
    pub id: i64,
    pub title: String,
    pub published_at: DateTime<Utc>,
    /// The form it counts at: its highest across its columns (Art. 16 counts an item once).
    pub counted: Form,
    /// Withdrawn as outdated (it still counts).
    pub withdrawn: bool,
    /// Its form in each of its columns.
    pub placements: Vec<(String, Form)>,
}

/// How many of a unit's items were withdrawn in a period for one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitWithdrawals {
    pub unit: String,
    pub reason: RetractionReason,
    pub count: i64,
}
