//! `sites`: a provincial platform's county portals, each with how it is doing, worst first; and
//! `sites add`, a new portal with its own column table and units.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use serde_json::{Value, json};

use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, site, store_with};
use crate::domain::sites::Sort;
use crate::store::SiteSetup;
use crate::t;
use crate::usecase::sites;

#[derive(Debug, Subcommand)]
pub enum SitesCommand {
    /// Add a county portal with its own column table and units; you become its first administrator
    Add {
        /// Its code: a short lowercase identifier (letters, digits, `_`; `--site CODE` picks it)
        code: String,
        /// Its name (the portal's title)
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Its column table (format: docs/columns.md); default the built-in 2023 Xiangshan table
        #[arg(long, value_name = "FILE")]
        columns: Option<PathBuf>,
        /// The units file that goes with --columns; default the built-in Xiangshan units
        #[arg(long, value_name = "FILE", requires = "columns")]
        units: Option<PathBuf>,
    },
}

fn parse_sort(s: &str) -> Result<Sort, String> {
    s.parse()
}

/// The options of `sites` itself.
#[derive(Debug, clap::Args)]
pub struct SitesArgs {
    /// Worst first by: worst (all together), overdue, blank, check, waiting, alarms, points or incidents
    #[arg(long, value_parser = parse_sort, default_value = "worst")]
    pub sort: Sort,
}

pub async fn run(cli: &Cli, command: Option<&SitesCommand>, args: &SitesArgs) -> Result<(), Failure> {
    let store = store_with(cli, false).await?;
    // Every site is listed; a site named all the same must be one (a mistyped code is said).
    if let Some(code) = site(cli)? {
        sites::find(store.as_ref(), &code).await?;
    }
    if let Some(SitesCommand::Add { code, name, columns, units }) = command {
        if let Some(why) = crate::domain::sites::refuse_code(code).or_else(|| crate::domain::sites::refuse_name(name)) {
            return Err(Failure::usage(why));
        }
        let table = super::init::column_table(columns.as_deref(), units.as_deref())?;
        let setup = SiteSetup { code: code.clone(), name: name.clone(), table };
        let report = sites::add(store.as_ref(), &setup).await?;
        let said = t!(
            "sites-added",
            code = code.as_str(),
            units = report.units,
            columns = report.columns,
            admin = crate::usecase::connection::operator(store.as_ref())
        );
        return Outcome::new("site.add", false)
            .changed(true)
            .field("code", code.as_str())
            .field("name", name.as_str())
            .field("units", report.units)
            .field("columns", report.columns)
            .field("first_admin", report.first_admin)
            .said(said)
            .print(cli.format);
    }
    let now = Utc::now();
    let mut listing = Listing::new(&[
        "code",
        "name",
        "overdue",
        "blank",
        "check",
        "check_failing",
        "check_warning",
        "waiting_hours",
        "alarms",
        "points",
        "incidents",
    ])
    .code("check", super::codes::Code::Level);
    for s in sites::summaries(store.as_ref(), now, args.sort).await? {
        let f = &s.figures;
        listing.push(vec![
            json!(s.site.code),
            json!(s.site.name),
            json!(f.overdue),
            json!(f.blank),
            f.check.map_or(Value::Null, |l| json!(l.as_str())),
            json!(f.check_failing),
            json!(f.check_warning),
            f.oldest_waiting.map_or(Value::Null, |t| json!((now - t).num_hours())),
            json!(f.alarms),
            json!(f.points),
            json!(f.incidents),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}
