//! The reports the regulation asks for — column staleness, document deadlines, quarterly scores —
//! computed from what the store aggregates in the database and the domain's pure rules. The
//! command line prints them; the console's views show the same rows.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::domain::assessment::{Period, competition_ranks};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::staleness::{
    DocumentStatus, Staleness, document_due, document_status, due_is_provisional, staleness,
};
use crate::domain::time::{beijing_date, beijing_midnight};
use crate::store::{ColumnRow, DocumentRow, LastUpdate, Result, Site, StalenessInputs, Store, UnitTally};

pub mod bulletin;
pub mod calendar;
pub mod checks;
pub mod inspection;
pub mod links;
pub mod rectifications;
pub mod remind;

/// One column in the staleness report.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleRow {
    pub column: ColumnRow,
    pub last_update: Option<DateTime<Utc>>,
    pub staleness: Staleness,
    /// Its status depends on a document's provisional due date (`DocumentReportRow::provisional`).
    pub provisional: bool,
}

/// One document in the deadline report.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentReportRow {
    pub document: DocumentRow,
    pub due: NaiveDate,
    pub status: DocumentStatus,
    /// The due date counts days of a year whose holiday notice the calendar does not hold.
    pub provisional: bool,
}

/// The working-day calendar as stored, with the years whose notices it holds.
pub async fn calendar(store: &dyn Store) -> Result<WorkingCalendar> {
    let days = store.calendar(None).await?;
    let years = store.calendar_notices().await?;
    Ok(WorkingCalendar::new(days.into_iter().map(|d| (d.date, d.kind))).with_years(years.into_iter().map(|n| n.year)))
}

/// Every document issued by `at` (in one column, if given) with its due date and status as of
/// `at`; with `open_only`, only those not online by the end of `at` (the ones that can be pending
/// or overdue).
pub async fn documents(
    store: &dyn Store,
    site: &Site,
    at: NaiveDate,
    open_only: bool,
    column: Option<i64>,
) -> Result<Vec<DocumentReportRow>> {
    let online_before = open_only.then(|| beijing_midnight(at + Duration::days(1)));
    let documents = store.documents(site, at, online_before, column).await?;
    if documents.is_empty() {
        return Ok(Vec::new());
    }
    Ok(assess(documents, &calendar(store).await?, at))
}

/// Each document's due date and status as of `at`.
fn assess(documents: Vec<DocumentRow>, calendar: &WorkingCalendar, at: NaiveDate) -> Vec<DocumentReportRow> {
    documents
        .into_iter()
        .filter_map(|document| {
            let due = document_due(document.rule, document.issued_on, calendar)?;
            let status = document_status(due, document.published_at.map(beijing_date), at);
            let provisional = due_is_provisional(document.rule, document.issued_on, due, calendar);
            Some(DocumentReportRow { document, due, status, provisional })
        })
        .collect()
}

/// Every column's staleness as of the end of `at` (Beijing time), worst first: overdue (most days
/// first), empty, due soon, ok, exempt; then in the tree's order.
pub async fn stale(store: &dyn Store, site: &Site, at: NaiveDate) -> Result<Vec<StaleRow>> {
    let end_of_day = beijing_midnight(at + Duration::days(1));
    // The columns, the open documents and (only if there are any) the calendar, in one query.
    let inputs = store.staleness_inputs(site, at, end_of_day).await?;
    let mut calendar = WorkingCalendar::new(inputs.calendar.iter().map(|d| (d.date, d.kind)));
    if !inputs.open_documents.is_empty() {
        calendar = calendar.with_years(store.calendar_notices().await?.into_iter().map(|n| n.year));
    }
    Ok(staleness_of(inputs, &calendar, at))
}

/// The staleness report from what it reads (`Store::staleness_inputs`) and the calendar, as of
/// the end of `at`: `stale`'s rows, and each site's in the overview.
pub fn staleness_of(inputs: StalenessInputs, calendar: &WorkingCalendar, at: NaiveDate) -> Vec<StaleRow> {
    let mut most_overdue: HashMap<i64, NaiveDate> = HashMap::new();
    // The columns whose open documents have provisional due dates.
    let mut provisional: HashSet<i64> = HashSet::new();
    for d in assess(inputs.open_documents, calendar, at) {
        if d.provisional {
            provisional.insert(d.document.column_id);
        }
        if d.status == DocumentStatus::Overdue {
            let earliest = most_overdue.entry(d.document.column_id).or_insert(d.due);
            *earliest = (*earliest).min(d.due);
        }
    }
    let mut rows: Vec<(usize, StaleRow)> = inputs
        .columns
        .into_iter()
        .enumerate()
        .map(|(position, LastUpdate { column, at: last_update })| {
            let staleness =
                staleness(column.rule, last_update.map(beijing_date), most_overdue.get(&column.id).copied(), at);
            let provisional = provisional.contains(&column.id);
            (position, StaleRow { column, last_update, staleness, provisional })
        })
        .collect();
    rows.sort_by_key(|(position, r)| (r.staleness.status, -r.staleness.days_overdue, *position));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A unit's line of the assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub rank: usize,
    pub unit: String,
    pub text: i64,
    pub image_text: i64,
    pub video: i64,
    pub points: i64,
    /// Negative: the sum of the period's incidents.
    pub deductions: i64,
    pub net: i64,
    /// Supplied no content in the period (Art. 17: 不及时提供网站所需内容).
    pub supplied_nothing: bool,
    /// How many incidents stand against it in the period.
    pub incidents: i64,
    /// Its net score in the period before (the previous quarter, or year).
    pub previous_net: i64,
}

impl ScoreRow {
    /// The change of its net score from the period before.
    pub fn change(&self) -> i64 {
        self.net - self.previous_net
    }

    /// Its figures as a table shows them, after the rank and the unit: the items of each form,
    /// points, deductions, the net score, and the change with its sign (+3, -5, 0).
    pub fn figures(&self) -> [String; 7] {
        let change = self.change();
        [
            self.text.to_string(),
            self.image_text.to_string(),
            self.video.to_string(),
            self.points.to_string(),
            self.deductions.to_string(),
            self.net.to_string(),
            if change > 0 { format!("+{change}") } else { change.to_string() },
        ]
    }
}

/// Every assessed unit's score for a quarter or a year, as of today (Beijing): `scores_as_of`.
pub async fn scores(store: &dyn Store, site: &Site, period: Period) -> Result<Vec<ScoreRow>> {
    scores_as_of(store, site, period, beijing_date(Utc::now())).await
}

/// Every assessed unit's score for a quarter or a year, ranked by net score; equal scores share a
/// rank. A year is computed over its whole span, which is the sum of its quarters. Each row also
/// carries the unit's net score of the period before: of as many of its days as this one has had
/// on `today` while this one runs (`Period::compared_with`), of the whole of it once it is over.
pub async fn scores_as_of(store: &dyn Store, site: &Site, period: Period, today: NaiveDate) -> Result<Vec<ScoreRow>> {
    let (from, until) = period.compared_with(today);
    let previous: HashMap<String, i64> = store
        .unit_tallies(site, from, until)
        .await?
        .into_iter()
        .map(|t| (t.unit.name, t.text + 2 * t.image_text + 3 * t.video + t.deductions))
        .collect();
    Ok(ranked(store.unit_tallies(site, period.first_day(), period.end_day()).await?, &previous))
}

/// The assessed units' scores from their tallies, ranked by net score (equal scores share a rank),
/// each with its net score of the period before from `previous`: `scores`' rows, and each site's
/// points and incidents in the overview.
pub fn ranked(tallies: Vec<UnitTally>, previous: &HashMap<String, i64>) -> Vec<ScoreRow> {
    let mut rows: Vec<ScoreRow> = tallies
        .into_iter()
        .filter(|t| t.unit.kind.is_assessed())
        .map(|t| {
            let earned = t.text + 2 * t.image_text + 3 * t.video;
            ScoreRow {
                rank: 0,
                previous_net: previous.get(&t.unit.name).copied().unwrap_or(0),
                unit: t.unit.name,
                text: t.text,
                image_text: t.image_text,
                video: t.video,
                points: earned,
                deductions: t.deductions,
                net: earned + t.deductions,
                supplied_nothing: t.text + t.image_text + t.video == 0,
                incidents: t.incidents,
            }
        })
        .collect();
    let ranks = competition_ranks(&rows.iter().map(|r| r.net).collect::<Vec<_>>());
    for (row, rank) in rows.iter_mut().zip(ranks) {
        row.rank = rank;
    }
    // Stable: equal ranks keep the units' own order.
    rows.sort_by_key(|r| r.rank);
    rows
}
