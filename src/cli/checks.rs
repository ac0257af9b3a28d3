//! `check`: the content checks on one item, or on everything online.

use std::path::PathBuf;

use serde_json::json;

use super::codes::Code;
use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::domain::checks::Finding;
use crate::reports::checks;
use crate::t;
use crate::usecase::{findings, queue};

#[derive(Debug, Clone, clap::Subcommand)]
pub enum CheckCommand {
    /// Add a name that must be written exactly to your own names list (started from the shipped one)
    AddName {
        /// The correct form
        name: String,
        /// leader, institution or term
        #[arg(long)]
        kind: String,
        /// A known wrong form (repeat for several)
        #[arg(long)]
        wrong: Vec<String>,
        /// An official who has left office: every mention is shown
        #[arg(long)]
        left: bool,
        /// The title, or what to check
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Add a word that must not appear to your own word list (started from the shipped one)
    AddWord {
        word: String,
        /// secret (a classification marking), banned or sensitive
        #[arg(long)]
        kind: String,
        /// What to do about it
        #[arg(long)]
        suggestion: String,
    },
    /// Waive a finding on an item (its kind and the text found), with a reason: it no longer
    /// blocks the item's approval, and stays in its history
    Waive {
        /// The item's id or ref
        item: String,
        /// The finding's kind (id_number, leader_name, sensitive_word, …)
        #[arg(long)]
        kind: String,
        /// The text found, exactly as `check` shows it
        #[arg(long)]
        text: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    #[command(subcommand)]
    pub command: Option<CheckCommand>,
    /// The item's id or ref
    #[arg(conflicts_with = "all")]
    pub item: Option<String>,
    /// Every online item: the findings stored when each item was written; every item is checked
    /// again first (on every core) when the lists changed since
    #[arg(long)]
    pub all: bool,
    /// With --all: only items published on or after this day (Beijing time)
    #[arg(long, value_name = "DATE", value_parser = super::parse_date, requires = "all")]
    pub since: Option<chrono::NaiveDate>,
    /// The names list (TSV, as data/checks/names.tsv; default the user's names.tsv, else the shipped example)
    #[arg(long, value_name = "FILE")]
    pub names: Option<PathBuf>,
    /// The word list (TSV, as data/checks/words.tsv)
    #[arg(long, value_name = "FILE")]
    pub words: Option<PathBuf>,
}

fn row(item: i64, f: &Finding, waived: Option<&str>) -> Vec<serde_json::Value> {
    vec![
        json!(item),
        json!(f.kind.as_str()),
        json!(f.span()),
        json!(f.message.words()),
        json!(f.message.code()),
        f.message.args(),
        json!(f.suggested()),
        json!(f.text),
        json!(f.blocking),
        waived.map_or(serde_json::Value::Null, |w| json!(w)),
    ]
}

pub async fn check(cli: &Cli, args: &CheckArgs) -> Result<(), Failure> {
    let added = match &args.command {
        Some(CheckCommand::AddName { name, kind, wrong, left, note }) => {
            let status = if *left { "left" } else { "current" };
            let entry = json!({"name": name, "kind": kind, "wrong": wrong, "status": status, "note": note});
            let line = format!("{name}\t{kind}\t{}\t{status}\t{note}", wrong.join("、"));
            Some((checks::ListKind::Names, "check.add-name", line, entry))
        }
        Some(CheckCommand::AddWord { word, kind, suggestion }) => {
            let entry = json!({"word": word, "kind": kind, "suggestion": suggestion});
            Some((checks::ListKind::Words, "check.add-word", format!("{word}\t{kind}\t{suggestion}"), entry))
        }
        _ => None,
    };
    if let Some((list, action, line, entry)) = added {
        if line.split('\t').any(|f| f.contains(['\n', '\r']))
            || line.split('\t').next().is_some_and(|f| f.trim().is_empty())
        {
            return Err(Failure::usage(t!("checks-entry-one-line")));
        }
        let path = checks::add_to_list(list, &line).map_err(Failure::usage)?;
        let file = path.display().to_string();
        return Outcome::new(action, false)
            .changed(true)
            .field("file", file.as_str())
            .field("entry", entry)
            .said(t!("checks-added-to", file = file.as_str()))
            .print(cli.format);
    }
    if let Some(CheckCommand::Waive { item, kind, text, reason }) = &args.command {
        if reason.trim().is_empty() {
            return Err(Failure::usage(t!("checks-waive-needs-reason")));
        }
        let s = session(cli).await?;
        let id = queue::find(s.store.as_ref(), &s.site, item).await?;
        findings::waive(s.store.as_ref(), &s.site, id, kind, text, reason).await?;
        return Outcome::new("finding.waive", false)
            .changed(true)
            .field("item", id)
            .field("kind", kind.as_str())
            .field("text", text.as_str())
            .field("reason", reason.as_str())
            .said(t!("checks-waived", item = id, kind = kind.as_str(), text = text.as_str()))
            .print(cli.format);
    }
    let lists = checks::lists(args.names.as_deref(), args.words.as_deref()).map_err(Failure::usage)?;
    let s = session(cli).await?;
    let fields = ["item", "kind", "span", "message", "message_code", "message_args", "suggestion", "text", "blocking"];
    let mut listing = Listing::new(&[&fields[..], &["waived"]].concat())
        .scripts_only("message_code")
        .scripts_only("message_args")
        .code("kind", Code::Finding)
        .code("span", Code::Span)
        .code("blocking", Code::YesNo);
    match (&args.item, args.all) {
        (None, false) => return Err(Failure::usage(t!("checks-which-items"))),
        (Some(key), _) => {
            let id = queue::find(s.store.as_ref(), &s.site, key).await?;
            for (f, waived) in findings::of_item_with(s.store.as_ref(), &s.site, &lists, id).await? {
                listing.push(row(id, &f, waived.as_deref()));
            }
        }
        (None, true) => {
            let since = args.since.map(crate::domain::time::beijing_midnight);
            let found = if findings::in_use(s.store.as_ref(), &lists) {
                // The stored findings; every item checked again first when the lists changed.
                let bar = super::progress::bar(Some(0), &t!("findings-progress"), cli.format);
                let progress = |done: u64, total: u64| {
                    bar.set_length(total);
                    bar.set_position(done);
                };
                let found = findings::online_findings(s.store.as_ref(), &s.site, since, &progress).await;
                bar.finish_and_clear();
                found?
            } else {
                findings::check_afresh(s.store.as_ref(), &s.site, &lists, since).await?
            };
            for (item, found) in found {
                for (f, waived) in &found {
                    listing.push(row(item.id, f, waived.as_deref()));
                }
            }
        }
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}
