//! `inspect` and `inquiries`: readiness for the national check of government websites.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use serde_json::{Value, json};

use super::codes::Code;
use super::outcome::Outcome;
use super::output::{Format, Listing, PROVISIONAL};
use super::{Cli, Failure, session};
use crate::domain::time::{beijing_date, format_time, parse_time};
use crate::store::NewInquiry;
use crate::t;
use crate::ui::words;
use crate::usecase::findings;

pub async fn inspect(cli: &Cli, at: Option<chrono::NaiveDate>, rules_file: Option<&PathBuf>) -> Result<(), Failure> {
    let (text, source) = findings::rules_source(rules_file.map(PathBuf::as_path)).map_err(Failure::usage)?;
    let s = session(cli).await?;
    let rules = findings::rules_of(s.store.as_ref(), &s.site, &text, &source).await?;
    let at = at.unwrap_or_else(|| beijing_date(Utc::now()));
    let mut listing =
        Listing::new(&["indicator", "count", "threshold", "status", "detail", "level", "warn_at", "name", PROVISIONAL])
            .code("indicator", Code::Indicator)
            .scripts_only("name")
            .code("status", Code::Level)
            .code("level", Code::Level);
    for i in findings::inspect(s.store.as_ref(), &s.site, &rules, at).await? {
        let status = if i.level == crate::domain::inspection::Level::Fail { "fail" } else { "pass" };
        listing.push(vec![
            json!(i.key),
            json!(i.count),
            json!(i.threshold),
            json!(status),
            json!(i.detail.iter().map(words::detail).collect::<Vec<_>>()),
            json!(i.level.as_str()),
            json!(i.warn_at),
            json!(i.name),
            json!(i.provisional),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

fn parse_time_arg(s: &str) -> Result<chrono::DateTime<Utc>, String> {
    parse_time(s)
}

#[derive(Debug, Subcommand)]
pub enum InquiriesCommand {
    /// Record a public inquiry (政民互动 咨询)
    Add {
        /// What was asked
        #[arg(long)]
        subject: String,
        /// When it was asked (RFC 3339, or a Beijing date; default now)
        #[arg(long, value_name = "TIME", value_parser = parse_time_arg)]
        asked: Option<chrono::DateTime<Utc>>,
        /// It is not a valid inquiry, and why (spam, a duplicate, not the government's business)
        #[arg(long, value_name = "REASON")]
        invalid: Option<String>,
    },
    /// Record the answer to an inquiry
    Answer {
        id: i64,
        #[arg(long)]
        text: String,
        /// When it was answered (default now)
        #[arg(long, value_name = "TIME", value_parser = parse_time_arg)]
        at: Option<chrono::DateTime<Utc>>,
    },
}

pub async fn inquiries(cli: &Cli, command: Option<&InquiriesCommand>, open: bool) -> Result<(), Failure> {
    let s = session(cli).await?;
    match command {
        Some(InquiriesCommand::Add { subject, asked, invalid }) => {
            let inquiry = NewInquiry {
                subject: subject.clone(),
                asked_at: asked.unwrap_or_else(Utc::now),
                invalid_reason: invalid.clone(),
            };
            let id = findings::add_inquiry(s.store.as_ref(), &s.site, &inquiry).await?;
            let said = if invalid.is_some() {
                t!("inquiry-recorded-invalid", id = id)
            } else {
                t!("inquiry-recorded", id = id)
            };
            let outcome = Outcome::new("inquiry.add", false)
                .changed(true)
                .field("inquiry", id)
                .field("subject", subject.as_str())
                .field("asked_at", format_time(inquiry.asked_at, cli.utc))
                .field("valid", invalid.is_none())
                .field("invalid_reason", invalid.clone())
                .said(said);
            outcome.print(cli.format)?;
        }
        Some(InquiriesCommand::Answer { id, text, at }) => {
            let at = at.unwrap_or_else(Utc::now);
            findings::answer_inquiry(s.store.as_ref(), &s.site, *id, text, at).await?;
            let said = t!("inquiry-answered", id = *id);
            let outcome = Outcome::new("inquiry.answer", false)
                .changed(true)
                .field("inquiry", *id)
                .field("answered_at", format_time(at, cli.utc))
                .field("answer", text.as_str())
                .said(said);
            outcome.print(cli.format)?;
        }
        None => {
            let mut listing =
                Listing::new(&["id", "subject", "asked_at", "valid", "answered_at", "answer", "invalid_reason"])
                    .code("valid", Code::YesNo);
            for q in findings::inquiries(s.store.as_ref(), &s.site, open).await? {
                listing.push(vec![
                    json!(q.id),
                    json!(q.subject),
                    json!(format_time(q.asked_at, cli.utc)),
                    json!(q.valid),
                    q.answered_at.map_or(Value::Null, |t| json!(format_time(t, cli.utc))),
                    q.answer.map_or(Value::Null, Value::from),
                    q.invalid_reason.map_or(Value::Null, Value::from),
                ]);
            }
            listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
        }
    }
    Ok(())
}
