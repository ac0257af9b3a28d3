//! What the working-day calendar knows and does not know, and importing a year's holiday notice:
//! the same for the command line (`calendar import`, `calendar show`) and the console
//! (`:calendar`, the status line).

use chrono::{Datelike, NaiveDate};

use super::calendar as working_calendar;
use crate::domain::calendar::{CalendarDay, CalendarImport, changes};
use crate::domain::deadline::{DeadlineRule, Period};
use crate::domain::holiday_notice::{Notice, NoticeError, parse_notice};
use crate::store::{Result, Site, Store};
use crate::t;

/// The working days of the longest working-day deadline when no column has one.
const DEFAULT_WORKING_DAYS: u32 = 5;

/// What the calendar holds, as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarStatus {
    /// The years whose holiday notices it holds, oldest first.
    pub years: Vec<i32>,
    /// The day it is as of (Beijing).
    pub today: NaiveDate,
    /// From 1 December, when next year's notice is missing: the first day of issue from which the
    /// site's longest working-day deadline counts days of next year.
    pub provisional_from: Option<NaiveDate>,
}

impl CalendarStatus {
    /// What the status line says, when the calendar does not know what it needs: this year's
    /// notice missing, or from 1 December next year's (`2027年节假日安排未导入：12月25日后的期限为暂定`),
    /// in the interface's language.
    pub fn warning(&self) -> Option<String> {
        let head = self.warning_head()?;
        Some(match self.provisional_from {
            Some(from) if self.years.contains(&self.today.year()) => {
                t!("calendar-warning-provisional", head = head, month = from.month(), day = from.day())
            }
            _ => t!("calendar-warning-all", head = head),
        })
    }

    /// The warning's first part alone (`2027年节假日安排未导入`): what is missing, where the whole
    /// warning has no room.
    pub fn warning_head(&self) -> Option<String> {
        let year = self.today.year();
        if !self.years.contains(&year) {
            return Some(t!("calendar-warning-head", year = year));
        }
        self.provisional_from.map(|_| t!("calendar-warning-head", year = year + 1))
    }

    /// The held years, as `2021–2026` (or a list when there are gaps).
    pub fn held(&self) -> String {
        let mut runs: Vec<(i32, i32)> = Vec::new();
        for &y in &self.years {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == y => *end = y,
                _ => runs.push((y, y)),
            }
        }
        let parts: Vec<String> =
            runs.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }).collect();
        if parts.is_empty() { "none".into() } else { parts.join(", ") }
    }
}

/// The calendar's status as of `today` for `site` (whose columns' deadlines say how far ahead
/// December must know the next year).
pub async fn status(store: &dyn Store, site: &Site, today: NaiveDate) -> Result<CalendarStatus> {
    let years: Vec<i32> = store.calendar_notices().await?.into_iter().map(|n| n.year).collect();
    let mut provisional_from = None;
    if today.month() == 12 && years.contains(&today.year()) && !years.contains(&(today.year() + 1)) {
        let longest = store
            .columns(site)
            .await?
            .iter()
            .filter_map(|c| match c.rule {
                DeadlineRule::WithinOfEvent { amount, period: Period::WorkingDay } => Some(amount),
                _ => None,
            })
            .max()
            .unwrap_or(DEFAULT_WORKING_DAYS);
        let calendar = working_calendar(store).await?;
        provisional_from = calendar.first_reaching_next_year(today.year(), longest);
    }
    Ok(CalendarStatus { years, today, provisional_from })
}

/// A notice read and compared with the calendar: what importing it would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub notice: Notice,
    /// What it would do: the days it would add or change, and whether its year is new.
    pub change: CalendarImport,
}

/// Reads a notice and says what importing it would change, writing nothing (`--dry-run`, and the
/// console's question before it imports).
pub async fn preview(store: &dyn Store, text: &str) -> Result<std::result::Result<Preview, NoticeError>> {
    let notice = match parse_notice(text) {
        Ok(n) => n,
        Err(e) => return Ok(Err(e)),
    };
    let held = store.calendar(None).await?;
    let days = changes(&held, &notice.days);
    let year_added = !store.calendar_notices().await?.iter().any(|n| n.year == notice.year);
    Ok(Ok(Preview { notice, change: CalendarImport { days, year_added } }))
}

/// Imports a notice read before, in one audited transaction.
pub async fn import(store: &dyn Store, notice: &Notice) -> Result<CalendarImport> {
    store.import_calendar(notice.year, &notice.source(), &notice.days).await
}

/// What an import did or would do, in one line; of one that changes nothing, that the calendar
/// holds the notice already (the interface says "nothing changed", as it does of every write).
pub fn summary(notice: &Notice, change: &CalendarImport, done: bool) -> String {
    let source = notice.source();
    if !change.changed() {
        return format!("the calendar already holds the {} notice ({source})", notice.year);
    }
    let (holidays, workdays) = count(&change.days);
    let verb = if done { "imported" } else { "would import" };
    let year = match (change.year_added, done) {
        (false, _) => String::new(),
        (true, true) => format!("; {}'s deadlines are firm now", notice.year),
        (true, false) => format!("; {}'s deadlines would be firm", notice.year),
    };
    // The counts before the notice's title: a narrow status line is cut at its end.
    format!(
        "{verb} the {} notice: {holidays} days off and {workdays} working days added or changed{year} ({source})",
        notice.year
    )
}

/// The summary as the console's status line says it: one that changes nothing ends "nothing
/// changed", as the command line's `Outcome` ends every write's.
pub fn said(notice: &Notice, change: &CalendarImport, done: bool) -> String {
    let summary = summary(notice, change, done);
    if change.changed() { summary } else { crate::t!("summary-nothing-changed", summary = summary) }
}

fn count(days: &[CalendarDay]) -> (usize, usize) {
    let holidays = days.iter().filter(|d| d.kind == crate::domain::calendar::DayKind::Holiday).count();
    (holidays, days.len() - holidays)
}
