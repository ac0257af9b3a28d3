//! The site, what `init` sets up and what it did, the site's units and counts.

use crate::domain::column_table::ColumnTable;

/// A site (portal) in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// What `init` is asked to set up.
#[derive(Debug, Clone)]
pub struct SiteSetup {
    pub code: String,
    pub name: String,
    pub table: ColumnTable,
}

/// What `init` did; all zero and false when nothing changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    pub schema_created: bool,
    /// The version an older schema was upgraded from.
    pub upgraded_from: Option<i64>,
    pub site_created: bool,
    pub units: usize,
    pub columns: usize,
    pub calendar_days: usize,
    /// The years whose notices were recorded as held.
    pub calendar_years: usize,
    /// The operator registered as the site's first administrator.
    pub first_admin: Option<String>,
}

impl InitReport {
    pub fn changed(&self) -> bool {
        *self != InitReport::default()
    }
}

/// Row counts of a site, for summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteCounts {
    pub columns: i64,
    pub units: i64,
    pub items: i64,
    pub online: i64,
    pub pending: i64,
    pub withdrawn: i64,
    pub retraction_requests: i64,
    pub incidents: i64,
    pub documents: i64,
}

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub full_name: String,
    pub kind: crate::domain::UnitKind,
}
