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

/// The days and instants the overview reads every site's figures as of (`Store::overview_inputs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverviewAt {
    /// The columns' staleness: documents issued by this day, online placements before this instant.
    pub issued_until: chrono::NaiveDate,
    pub before: chrono::DateTime<chrono::Utc>,
    /// The days `[from, until)` of the units' tallies (this quarter).
    pub tallies: (chrono::NaiveDate, chrono::NaiveDate),
    /// The home page's probes `[since, until)` the national check reads, when its rules read any.
    pub probes: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
}

/// One site's part of the overview's reads: what its own reports read, by the same statements.
#[derive(Debug, Clone)]
pub struct SiteInputs {
    pub site: Site,
    /// As `staleness_inputs`, without the calendar (read once for every site).
    pub staleness: super::StalenessInputs,
    /// When the oldest item of its queue began to wait (`QueueItem::waiting_since`), if any.
    pub oldest_waiting: Option<chrono::DateTime<chrono::Utc>>,
    /// As `retraction_requests` of the pending ones.
    pub pending_requests: Vec<super::RetractionRequest>,
    /// As `unit_tallies` of `OverviewAt::tallies`.
    pub tallies: Vec<super::UnitTally>,
    /// As `inquiries`, `link_results` and `probes` of `OverviewAt::probes`.
    pub inquiries: Vec<super::InquiryRow>,
    pub links: Vec<crate::store::LinkRow>,
    pub probes: Vec<crate::store::ProbeRow>,
}

/// A PostgreSQL hot standby read from (`Store::replica`): how far behind its primary it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaState {
    /// Seconds behind: 0 when it has replayed all it has received (given the primary: all the
    /// primary has written), else the time since the later of the last change it replayed being
    /// committed on the primary (`pg_last_xact_replay_timestamp()`) and this store last seeing it
    /// caught up, at least 1: the oldest change waiting is no older. `None`: behind, and nothing
    /// replayed or seen caught up since it started.
    pub behind_seconds: Option<i64>,
    /// Whether its WAL receiver is streaming from the primary (`pg_stat_wal_receiver`).
    pub streaming: bool,
    /// The primary it streams from (`HOST:PORT`), as its WAL receiver names it, if it does.
    pub upstream: Option<String>,
    /// Whether changes go to a primary (`--db-primary`); otherwise the store is read only.
    pub writes_to_primary: bool,
}
