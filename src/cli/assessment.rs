//! `scores`, `incident` and `incidents`: the assessment of Art. 16–17, its explanation and its
//! bulletin.

use clap::Subcommand;
use serde_json::{Value, json};

use super::codes::Code;
use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, parse_date, session};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::domain::time::{beijing_date, format_time};
use crate::store::IncidentInput;
use crate::t;
use crate::usecase::{assessment, document};

/// A quarter or a year.
#[derive(Debug, Clone, clap::Args)]
pub struct PeriodArgs {
    /// A quarter, e.g. 2024Q3
    #[arg(long, value_name = "YYYYQn", conflicts_with = "year")]
    pub quarter: Option<String>,
    /// A year, e.g. 2024
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,
}

impl PeriodArgs {
    /// The period given, if one is.
    fn period(&self) -> Result<Option<Period>, Failure> {
        Ok(match (&self.quarter, &self.year) {
            (Some(q), None) => match q.parse()? {
                p @ Period::Quarter { .. } => Some(p),
                Period::Year(_) => {
                    return Err(Failure::usage(t!("not-a-quarter", value = format!("{q:?}"))));
                }
            },
            (None, Some(y)) => match y.parse()? {
                p @ Period::Year(_) => Some(p),
                Period::Quarter { .. } => {
                    return Err(Failure::usage(t!("not-a-year", value = format!("{y:?}"))));
                }
            },
            _ => None,
        })
    }
}

fn write(cli: &Cli, listing: &Listing) -> Result<(), Failure> {
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

/// `scores`: the ranking; with `--unit`, the items that earned the unit its points; with
/// `--bulletin FILE`, the period's bulletin written to FILE (`-`: standard output; a file already
/// there only with `force`).
pub async fn scores(
    cli: &Cli,
    period: &PeriodArgs,
    unit: Option<&str>,
    bulletin_file: Option<&str>,
    rules_file: Option<&std::path::Path>,
    force: bool,
) -> Result<(), Failure> {
    let period = period.period()?.ok_or_else(|| Failure::usage(t!("scores-which-period")))?;
    let s = session(cli).await?;
    if let Some(file) = bulletin_file {
        let doc = assessment::bulletin(s.store.as_ref(), &s.site, period, rules_file).await?;
        if file == "-" {
            use std::io::Write;
            let text = crate::domain::document::markdown(&doc);
            super::clean::for_stdout(std::io::stdout().lock(), false).write_all(text.as_bytes())?;
        } else {
            // Whole or not at all, and private: the console's way too; `.docx` in the national format.
            document::write(&doc, std::path::Path::new(file), force).await.map_err(|e| match e {
                document::WriteError::Refused(e) => Failure::from(e),
                document::WriteError::Io(e) => {
                    Failure::failed(t!("bulletin-cannot-write", file = file, error = crate::i18n::os_error(&e)))
                }
            })?;
            super::output::say(&t!("bulletin-written", period = period.to_string(), file = file));
        }
        return Ok(());
    }
    if let Some(typed) = unit {
        let unit = super::units::unit_named(&s, typed).await?;
        let items = assessment::earnings(s.store.as_ref(), &s.site, &unit, period).await?;
        let mut listing = Listing::new(&["id", "title", "published_at", "form", "points", "withdrawn", "columns"])
            .shown_as("columns", super::output::placements_text)
            .read_as("columns", super::output::placements_words)
            .code("form", Code::Form)
            .code("withdrawn", Code::YesNo);
        let ids = super::columns::ids(&s).await?;
        for i in items {
            let columns =
                super::columns::placements(&ids, i.placements.iter().map(|(path, form)| (path.as_str(), *form)));
            listing.push(vec![
                json!(i.id),
                json!(i.title),
                json!(format_time(i.published_at, cli.utc)),
                json!(i.counted.as_str()),
                json!(i.counted.points()),
                json!(i.withdrawn),
                columns,
            ]);
        }
        return write(cli, &listing);
    }
    let rows = assessment::scores(s.store.as_ref(), &s.site, period).await?;
    let mut listing = Listing::new(&[
        "rank",
        "unit",
        "text",
        "image_text",
        "video",
        "points",
        "deductions",
        "net",
        "supplied_nothing",
        "incidents",
        "change",
    ])
    .code("supplied_nothing", Code::YesNo);
    for r in rows {
        listing.push(vec![
            json!(r.rank),
            json!(r.unit),
            json!(r.text),
            json!(r.image_text),
            json!(r.video),
            json!(r.points),
            json!(r.deductions),
            json!(r.net),
            json!(r.supplied_nothing),
            json!(r.incidents),
            json!(r.change()),
        ]);
    }
    write(cli, &listing)
}

fn parse_kind(s: &str) -> Result<IncidentKind, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Record a deduction (Art. 16): typo −5, classified −10, improper −10, in the quarter of its date
    Add {
        /// The unit it counts against
        #[arg(long)]
        unit: String,
        /// typo, classified or improper
        #[arg(long, value_parser = parse_kind)]
        kind: IncidentKind,
        /// The item it is about (id or ref)
        #[arg(long)]
        item: Option<String>,
        /// When it happened (default today, Beijing time)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// What happened (required)
        #[arg(long)]
        note: String,
    },
    /// Correct a recorded incident: a new record reverses it (nothing is edited in place)
    Reverse {
        /// The incident's id
        id: i64,
        /// Why (required)
        #[arg(long)]
        note: String,
    },
}

pub async fn incident(cli: &Cli, command: &IncidentCommand) -> Result<(), Failure> {
    match command {
        IncidentCommand::Add { unit, kind, item, date, note } => {
            if note.trim().is_empty() {
                return Err(Failure::usage(t!("incident-needs-note")));
            }
            let s = session(cli).await?;
            let unit = super::units::unit_named(&s, unit).await?;
            let occurred_on = date.unwrap_or_else(|| beijing_date(chrono::Utc::now()));
            let mut input =
                IncidentInput { unit: unit.clone(), kind: *kind, item: None, occurred_on, note: note.clone() };
            let id = assessment::add_incident(s.store.as_ref(), &s.site, &mut input, item.as_deref()).await?;
            let quarter = Period::quarter_of(occurred_on);
            let said = t!(
                "incident-recorded",
                id = id,
                unit = unit.to_string(),
                points = kind.points(),
                kind = kind.as_str(),
                date = occurred_on.to_string(),
                quarter = quarter.to_string()
            );
            Outcome::new("incident.add", false)
                .changed(true)
                .field("incident", id)
                .field("unit", unit.as_str())
                .field("kind", kind.as_str())
                .field("points", kind.points())
                .field("item", input.item)
                .field("occurred_on", occurred_on.to_string())
                .field("quarter", quarter.to_string())
                .field("note", note.as_str())
                .said(said)
                .print(cli.format)
        }
        IncidentCommand::Reverse { id, note } => {
            if note.trim().is_empty() {
                return Err(Failure::usage(t!("correction-needs-note")));
            }
            let s = session(cli).await?;
            let new = assessment::reverse_incident(s.store.as_ref(), &s.site, *id, note).await?;
            Outcome::new("incident.reverse", false)
                .changed(true)
                .field("incident", new)
                .field("reverses", *id)
                .field("note", note.as_str())
                .said(t!("incident-reversed", new = new, id = *id))
                .print(cli.format)
        }
    }
}

pub async fn incidents(cli: &Cli, period: &PeriodArgs, unit: Option<&str>) -> Result<(), Failure> {
    let period = period.period()?;
    let s = session(cli).await?;
    let mut listing = Listing::new(&[
        "id",
        "unit",
        "kind",
        "points",
        "item",
        "note",
        "recorded_at",
        "recorded_by",
        "occurred_on",
        "reverses",
        "reversed_by",
    ])
    .code("kind", Code::Incident);
    let unit = super::units::unit_if_named(&s, unit).await?;
    for i in assessment::incidents(s.store.as_ref(), &s.site, period, unit.as_deref()).await? {
        listing.push(vec![
            json!(i.id),
            json!(i.unit),
            json!(i.kind.as_str()),
            json!(i.points),
            i.item.map_or(Value::Null, Value::from),
            json!(i.note),
            json!(format_time(i.recorded_at, cli.utc)),
            json!(i.recorded_by),
            json!(i.occurred_on.to_string()),
            i.reverses.map_or(Value::Null, Value::from),
            i.reversed_by.map_or(Value::Null, Value::from),
        ]);
    }
    write(cli, &listing)
}
