//! `check`: the content checks on one item, or on everything online.

use std::path::PathBuf;

use chrono::Utc;
use serde_json::json;

use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::domain::checks::Finding;
use crate::reports::checks;

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The item's id or ref
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub item: Option<String>,
    /// Every online item
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

fn row(item: i64, f: &Finding) -> Vec<serde_json::Value> {
    vec![json!(item), json!(f.kind.as_str()), json!(f.span()), json!(f.message), json!(f.suggestion), json!(f.text), json!(f.blocking)]
}

pub async fn check(cli: &Cli, args: &CheckArgs) -> Result<(), Failure> {
    let lists = checks::lists(args.names.as_deref(), args.words.as_deref()).map_err(Failure::usage)?;
    let s = session(cli).await?;
    let mut listing = Listing::new(&["item", "kind", "span", "message", "suggestion", "text", "blocking"]);
    match &args.item {
        Some(key) => {
            let id = s.store.find_item(&s.site, key).await?;
            let item = checks::item_text(s.store.as_ref(), &s.site, id).await?;
            for f in checks::check_item(&lists, &item, Utc::now()) {
                listing.push(row(id, &f));
            }
        }
        None => {
            let since = args.since.map(crate::domain::time::beijing_midnight);
            for (item, found) in checks::check_online(s.store.as_ref(), &s.site, &lists, since).await? {
                for f in &found {
                    listing.push(row(item.id, f));
                }
            }
        }
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}
