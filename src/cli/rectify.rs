//! `rectifications`: rectification orders (整改通知) issued, listed by urgency, closed by hand.

use clap::Subcommand;
use serde_json::{Value, json};

use super::codes::Code;
use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::domain::Closing;
use crate::domain::rectification::{self, Status, Subject};
use crate::domain::time::format_time;
use crate::t;
use crate::usecase::document;
use crate::usecase::rectification::{self as orders, About, Order};

pub fn parse_status(s: &str) -> Result<Status, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum RectificationsCommand {
    /// Issue a rectification order to a responsible unit
    Add {
        /// The responsible unit
        #[arg(long, value_name = "NAME")]
        unit: String,
        /// A column, by id (as `columns` lists it)
        #[arg(long, value_name = "ID", group = "about")]
        column: Option<i64>,
        /// An item, by id or ref
        #[arg(long, value_name = "ITEM", group = "about")]
        item: Option<String>,
        /// An indicator of the national check, by key or name (as `inspect` lists them)
        #[arg(long, value_name = "NAME", group = "about")]
        indicator: Option<String>,
        /// With --item: the content check's finding the order is about (its kind, as `check` lists it)
        #[arg(long, value_name = "KIND", requires = "item")]
        finding: Option<String>,
        /// What is wrong, and which rule (required)
        #[arg(long)]
        note: String,
        /// The deadline in working days, 1 to 60 (default 5)
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        days: Option<i64>,
    },
    /// Write an order's rectification notice (整改通知) to its unit: Markdown, or Word in the national format
    Notice {
        /// The order's id
        id: i64,
        /// The file: .docx (GB/T 9704-2012) or .md
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Close an order by hand, saying how it was rectified
    Done {
        /// The order's id
        id: i64,
        /// How it was rectified (required)
        #[arg(long)]
        note: String,
    },
}

/// `rectifications add|done`.
pub async fn command(cli: &Cli, command: &RectificationsCommand) -> Result<(), Failure> {
    match command {
        RectificationsCommand::Add { unit, column, item, indicator, finding, note, days } => {
            if let Some(days) = days {
                rectification::check_days(*days).map_err(|e| Failure::usage(e.to_string()))?;
            }
            if note.trim().is_empty() {
                return Err(Failure::usage(t!("rectify-needs-note")));
            }
            let about = match (column, item, indicator) {
                (Some(c), _, _) => About::Column(*c),
                (_, Some(i), _) => About::Item { key: i.clone(), finding: finding.clone() },
                (_, _, Some(name)) => About::Indicator(name.clone()),
                _ => return Err(Failure::usage(t!("rectify-needs-subject"))),
            };
            let s = session(cli).await?;
            let unit = super::units::unit_named(&s, unit).await?;
            let issued = orders::add(s.store.as_ref(), &s.site, &unit, &about, note, *days).await?;
            let due = if issued.provisional { format!("{}?", issued.due_on) } else { issued.due_on.to_string() };
            let said = t!("rectify-issued", id = issued.id, unit = unit.as_str(), due = due, days = issued.days);
            let (column, item, indicator) = match &about {
                About::Column(c) => (json!(c), Value::Null, Value::Null),
                About::Item { .. } => (Value::Null, json!(issued.item), Value::Null),
                About::Indicator(_) => (Value::Null, Value::Null, json!(issued.indicator)),
            };
            Outcome::new("rectification.add", false)
                .changed(true)
                .field("rectification", issued.id)
                .field("unit", unit.as_str())
                .field("column", column)
                .field("item", item)
                .field("indicator", indicator)
                .field("finding", finding.clone())
                .field("note", note.trim())
                .field("days", issued.days)
                .field("due_on", issued.due_on.to_string())
                .field("provisional", issued.provisional)
                .said(said)
                .print(cli.format)?;
        }
        RectificationsCommand::Notice { id, out, force } => notice(cli, *id, out, *force).await?,
        RectificationsCommand::Done { id, note } => {
            if note.trim().is_empty() {
                return Err(Failure::usage(t!("rectify-needs-note")));
            }
            let s = session(cli).await?;
            orders::done(s.store.as_ref(), &s.site, *id, note).await?;
            Outcome::new("rectification.close", false)
                .changed(true)
                .field("rectification", *id)
                .field("closed_how", Closing::ByHand.as_str())
                .field("note", note.trim())
                .said(t!("rectify-closed", id = *id))
                .print(cli.format)?;
        }
    }
    Ok(())
}

/// The fields of `rectifications`, as docs/cli.md names them.
const FIELDS: &[&str] = &[
    "id",
    "unit",
    "about_kind",
    "about",
    "column",
    "item",
    "indicator",
    "finding",
    "note",
    "days",
    "issued_at",
    "issued_by",
    "due_on",
    "status",
    "closed_at",
    "closed_how",
    "closed_by",
    "close_note",
];

fn row(o: &Order, utc: bool) -> Vec<Value> {
    let (column, item, indicator, finding) = match &o.row.subject {
        Subject::Column(c) => (json!(c), Value::Null, Value::Null, Value::Null),
        Subject::Item { id, finding } => (Value::Null, json!(id), Value::Null, json!(finding)),
        Subject::Indicator(key) => (Value::Null, Value::Null, json!(key), Value::Null),
    };
    let recorded = o.row.closed.as_ref();
    vec![
        json!(o.row.id),
        json!(o.row.unit),
        json!(o.kind()),
        json!(o.about()),
        column,
        item,
        indicator,
        finding,
        json!(o.row.note),
        json!(o.row.days),
        json!(format_time(o.row.issued_at, utc)),
        json!(o.row.issued_by),
        json!(o.row.due_on.to_string()),
        json!(o.status.as_str()),
        o.closing.map_or(Value::Null, |(_, at)| json!(format_time(at, utc))),
        o.closing.map_or(Value::Null, |(how, _)| json!(how.as_str())),
        recorded.map_or(Value::Null, |(_, by, _, _)| json!(by)),
        recorded.and_then(|(_, _, _, note)| note.clone()).map_or(Value::Null, Value::from),
    ]
}

/// `rectifications`: the orders, most urgent first.
pub async fn list(cli: &Cli, status: Option<Status>, unit: Option<&str>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let unit = super::units::unit_if_named(&s, unit).await?;
    let found = orders::list(s.store.as_ref(), &s.site, unit.as_deref(), status).await?;
    let mut listing = Listing::new(FIELDS)
        .code("about_kind", Code::Subject)
        .code("finding", Code::Finding)
        .code("status", Code::Order)
        .code("closed_how", Code::Closing);
    for o in &found {
        listing.push(row(o, cli.utc));
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

/// `rectifications notice ID --out FILE`: the order's notice, in the format of the file's extension.
async fn notice(cli: &Cli, id: i64, out: &std::path::Path, force: bool) -> Result<(), Failure> {
    if out.extension().is_none_or(|e| !e.eq_ignore_ascii_case("docx") && !e.eq_ignore_ascii_case("md")) {
        return Err(Failure::usage(t!("notice-out-format", path = out.display().to_string())));
    }
    let s = session(cli).await?;
    let doc = orders::notice(s.store.as_ref(), &s.site, id).await?;
    document::write(&doc, out, force).await.map_err(|e| match e {
        document::WriteError::Refused(e) => Failure::from(e),
        document::WriteError::Io(e) => Failure::failed(t!(
            "notice-not-written",
            path = out.display().to_string(),
            error = crate::i18n::os_error(&e)
        )),
    })?;
    super::output::say(&t!("notice-written", id = id, path = out.display().to_string()));
    Ok(())
}
