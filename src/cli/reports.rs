//! `stale` and `documents`: the regulation's reports of columns and documents.

use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use serde_json::{Value, json};

use super::codes::Code;
use super::outcome::Outcome;
use super::output::{Format, Listing, PROVISIONAL};
use super::{Cli, Failure, parse_date, session};
use crate::domain::time::{beijing_date, format_time};
use crate::store::NewDocumentInput;
use crate::t;
use crate::usecase::columns;

fn today() -> NaiveDate {
    beijing_date(Utc::now())
}

fn write(cli: &Cli, listing: &Listing) -> Result<(), Failure> {
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

pub async fn stale(cli: &Cli, at: Option<NaiveDate>, overdue: bool, unit: Option<&str>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let at = at.unwrap_or_else(today);
    let unit = super::units::unit_if_named(&s, unit).await?;
    let rows = columns::stale(s.store.as_ref(), &s.site, at, unit.as_deref(), overdue).await?;
    let mut listing = Listing::new(&[
        "id",
        "path",
        "rule",
        "last_update",
        "due",
        "status",
        "days_overdue",
        "departments",
        PROVISIONAL,
    ])
    .code("rule", Code::Rule)
    .code("status", Code::Column);
    for r in rows {
        listing.push(vec![
            json!(r.column.id),
            json!(r.column.path),
            json!(r.column.rule.to_string()),
            r.last_update.map_or(Value::Null, |t| json!(format_time(t, cli.utc))),
            r.staleness.due.map_or(Value::Null, |d| json!(d.to_string())),
            json!(r.staleness.status.as_str()),
            json!(r.staleness.days_overdue),
            json!(r.column.departments),
            json!(r.provisional),
        ]);
    }
    write(cli, &listing)
}

#[derive(Debug, Subcommand)]
pub enum DocumentsCommand {
    /// Register an issued document that must go online within its column's event deadline
    Add {
        /// The document number, e.g. 象政办〔2023〕15号
        #[arg(long)]
        number: String,
        /// The day it was issued (印发)
        #[arg(long, value_parser = parse_date)]
        issued: NaiveDate,
        /// The column it must go online in (an id from `columns`)
        #[arg(long)]
        column: i64,
        #[arg(long, default_value = "")]
        title: String,
        /// The item that put it online, if it already is
        #[arg(long)]
        item: Option<i64>,
    },
}

pub async fn documents(
    cli: &Cli,
    command: Option<&DocumentsCommand>,
    pending: bool,
    at: Option<NaiveDate>,
) -> Result<(), Failure> {
    let s = session(cli).await?;
    match command {
        Some(DocumentsCommand::Add { number, issued, column, title, item }) => {
            let number = number.trim();
            if number.is_empty() {
                return Err(Failure::usage(t!("document-number-empty")));
            }
            let input = NewDocumentInput {
                number: number.to_string(),
                title: title.clone(),
                column_id: *column,
                issued_on: *issued,
                item_id: *item,
            };
            let id = columns::add_document(s.store.as_ref(), &s.site, &input).await?;
            let ids = super::columns::ids(&s).await?;
            let path = ids.iter().find(|(_, c)| **c == *column).map(|(path, _)| path.as_str());
            Outcome::new("documents.add", false)
                .changed(true)
                .field("document", id)
                .field("number", number)
                .field("title", title.as_str())
                .field("column", json!({"id": *column, "path": path}))
                .field("issued", issued.to_string())
                .field("item", *item)
                .said(t!("document-registered", number = number, id = id))
                .print(cli.format)
        }
        None => {
            let rows = columns::documents(s.store.as_ref(), &s.site, at.unwrap_or_else(today), pending, None).await?;
            let mut listing = Listing::new(&[
                "id",
                "number",
                "title",
                "column",
                "issued",
                "due",
                "published_at",
                "status",
                PROVISIONAL,
            ])
            .code("status", Code::Document);
            for r in rows {
                listing.push(vec![
                    json!(r.document.id),
                    json!(r.document.number),
                    json!(r.document.title),
                    json!(r.document.column_path),
                    json!(r.document.issued_on.to_string()),
                    json!(r.due.to_string()),
                    r.document.published_at.map_or(Value::Null, |t| json!(format_time(t, cli.utc))),
                    json!(r.status.as_str()),
                    json!(r.provisional),
                ]);
            }
            write(cli, &listing)
        }
    }
}
