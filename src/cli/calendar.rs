//! `calendar import` / `calendar add` / `calendar show`: the official working-day calendar, as
//! data.

use std::io::Read;

use chrono::Utc;
use clap::Subcommand;
use serde_json::json;

use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, parse_date, session};
use crate::domain::calendar::{CalendarDay, DayKind, check_day};
use crate::domain::time::beijing_date;
use crate::t;
use crate::usecase::calendar as notices;

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Import a year's holiday notice as published (国务院办公厅关于YYYY年部分节假日安排的通知,
    /// pasted as plain text): prints the days it adds or changes and applies them in one audited
    /// transaction; a text it cannot read whole is refused, naming the line, and nothing is written
    Import {
        /// The notice as plain text (`-`: standard input)
        file: String,
        /// Print what it would add or change; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Add (or change) days from a new year's State Council notice
    Add {
        /// Days off (holidays, and weekend days inside a holiday block)
        #[arg(
            long,
            value_name = "DATE",
            num_args = 1..,
            value_parser = parse_date,
            required_unless_present = "workday"
        )]
        holiday: Vec<chrono::NaiveDate>,
        /// Weekend days made working days (调休)
        #[arg(long, value_name = "DATE", num_args = 1.., value_parser = parse_date)]
        workday: Vec<chrono::NaiveDate>,
        /// What the days are (e.g. 春节, or the notice's number)
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The exceptions to the plain week. With --year, a year whose holiday notice is not
    /// imported is said so on standard error and the exit status is 1 (its deadlines are
    /// provisional)
    Show {
        /// One year (default: all)
        #[arg(long)]
        year: Option<i32>,
    },
}

/// The days of a listing: `date, kind, note`.
fn listing(days: &[CalendarDay]) -> Listing {
    let mut listing = Listing::new(&["date", "kind", "note"]).code("kind", super::codes::Code::Day);
    for d in days {
        listing.push(vec![json!(d.date.to_string()), json!(d.kind.as_str()), json!(d.note)]);
    }
    listing
}

/// The days of a write's JSON result: `{date, kind, note}` objects.
fn days_json(days: &[CalendarDay]) -> Vec<serde_json::Value> {
    days.iter().map(|d| json!({"date": d.date.to_string(), "kind": d.kind.as_str(), "note": d.note})).collect()
}

/// The notice's text, from a file or standard input.
fn read_notice(file: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text))
    };
    read.map_err(|e| Failure::usage(t!("cannot-read", file = file, error = crate::i18n::os_error(&e))))?;
    Ok(text)
}

pub async fn run(cli: &Cli, command: &CalendarCommand) -> Result<(), Failure> {
    match command {
        CalendarCommand::Import { file, dry_run } => import(cli, file, *dry_run).await,
        CalendarCommand::Add { holiday, workday, note } => add(cli, holiday, workday, note).await,
        CalendarCommand::Show { year } => show(cli, *year).await,
    }
}

/// `calendar add`: days given one by one.
async fn add(
    cli: &Cli,
    holiday: &[chrono::NaiveDate],
    workday: &[chrono::NaiveDate],
    note: &str,
) -> Result<(), Failure> {
    let mut days = Vec::new();
    for (dates, kind) in [(holiday, DayKind::Holiday), (workday, DayKind::Workday)] {
        for date in dates {
            check_day(*date, kind).map_err(Failure::usage)?;
            if days.iter().any(|d: &CalendarDay| d.date == *date) {
                return Err(Failure::usage(t!("calendar-day-twice", date = date.to_string())));
            }
            days.push(CalendarDay { date: *date, kind, note: note.to_string() });
        }
    }
    let s = session(cli).await?;
    let changed = notices::set_days(s.store.as_ref(), &days).await?;
    Outcome::new("calendar.set", false)
        .changed(changed > 0)
        .field("days", days_json(&days))
        .field("added_or_changed", changed)
        .said(t!("calendar-days-changed", changed = changed, count = days.len()))
        .print(cli.format)
}

/// `calendar show [--year Y]`: a year without its notice is said so, and exits 1.
async fn show(cli: &Cli, year: Option<i32>) -> Result<(), Failure> {
    let s = session(cli).await?;
    listing(&notices::days(s.store.as_ref(), year).await?)
        .write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    let status = notices::status(s.store.as_ref(), &s.site, beijing_date(Utc::now())).await?;
    if let Some(year) = year.filter(|y| !status.years.contains(y)) {
        return Err(Failure::failed(t!("calendar-year-missing", year = year, held = status.held())));
    }
    Ok(())
}

/// `calendar import FILE|- [--dry-run]`: with `--format json` one result object (`action`,
/// `dry_run`, `changed`, `days`), else the days as a listing; the summary line on standard error,
/// as every write's (`Outcome`).
async fn import(cli: &Cli, file: &str, dry_run: bool) -> Result<(), Failure> {
    let text = read_notice(file)?;
    let s = session(cli).await?;
    let preview = notices::preview(s.store.as_ref(), &text).await?.map_err(|e| {
        let name = if file == "-" { t!("standard-input") } else { file.to_string() };
        Failure::usage(t!("calendar-bad-notice", file = name, line = e.line, error = e.what()))
    })?;
    let change = if dry_run { preview.change } else { notices::import(s.store.as_ref(), &preview.notice).await? };
    if cli.format != Some(Format::Json) {
        listing(&change.days).write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    }
    Outcome::new("calendar.import", dry_run)
        .changed(change.changed())
        .field("days", days_json(&change.days))
        .summary(notices::summary(&preview.notice, &change, !dry_run))
        .print(cli.format)
}
