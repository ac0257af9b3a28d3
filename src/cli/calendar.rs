//! `calendar add` / `calendar show`: the official working-day calendar, as data.

use clap::Subcommand;
use serde_json::json;

use super::output::{Format, Listing};
use super::{Cli, Failure, parse_date, session};
use crate::domain::calendar::{CalendarDay, DayKind, check_day};

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Add (or change) days from a new year's State Council notice
    Add {
        /// Days off (holidays, and weekend days inside a holiday block)
        #[arg(long, value_name = "DATE", num_args = 1.., value_parser = parse_date, required_unless_present = "workday")]
        holiday: Vec<chrono::NaiveDate>,
        /// Weekend days made working days (调休)
        #[arg(long, value_name = "DATE", num_args = 1.., value_parser = parse_date)]
        workday: Vec<chrono::NaiveDate>,
        /// What the days are (e.g. 春节, or the notice's number)
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The exceptions to the plain week
    Show {
        /// One year (default: all)
        #[arg(long)]
        year: Option<i32>,
    },
}

pub async fn run(cli: &Cli, command: &CalendarCommand) -> Result<(), Failure> {
    let s = session(cli).await?;
    match command {
        CalendarCommand::Add { holiday, workday, note } => {
            let mut days = Vec::new();
            for (dates, kind) in [(holiday, DayKind::Holiday), (workday, DayKind::Workday)] {
                for date in dates {
                    check_day(*date, kind).map_err(Failure::usage)?;
                    if days.iter().any(|d: &CalendarDay| d.date == *date) {
                        return Err(Failure::usage(format!("{date} is given twice")));
                    }
                    days.push(CalendarDay { date: *date, kind, note: note.clone() });
                }
            }
            let changed = s.store.set_calendar_days(&days).await?;
            println!("{changed} of {} calendar days added or changed", days.len());
        }
        CalendarCommand::Show { year } => {
            let mut listing = Listing::new(&["date", "kind", "note"]);
            for d in s.store.calendar(*year).await? {
                listing.push(vec![json!(d.date.to_string()), json!(d.kind.as_str()), json!(d.note)]);
            }
            listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
        }
    }
    Ok(())
}
