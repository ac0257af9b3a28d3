//! `init`: the schema, the site's column table, the calendar, the first administrator.

use std::path::Path;

use super::{Cli, DEFAULT_SITE, DEFAULT_SITE_NAME, Failure, target};
use crate::domain::calendar::{BUILT_IN_YEARS, built_in};
use crate::domain::column_table::{ColumnTable, XIANGSHAN_2023_UNITS};
use crate::store::{self, InitReport, OpenOptions, SiteSetup, Store};

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))
}

/// The column table a command line asks for.
pub fn column_table(columns: Option<&Path>, units: Option<&Path>) -> Result<ColumnTable, Failure> {
    match columns {
        None => Ok(ColumnTable::xiangshan_2023()),
        Some(file) => {
            let (units_name, units_text) = match units {
                Some(u) => (u.display().to_string(), read(u)?),
                None => ("the built-in units".to_string(), XIANGSHAN_2023_UNITS.to_string()),
            };
            ColumnTable::parse(&file.display().to_string(), &read(file)?, &units_name, &units_text)
                .map_err(|e| Failure::usage(e.to_string()))
        }
    }
}

/// Initialises a store; shared by `init`, `demo` and `--demo`.
pub async fn initialise(
    store: &dyn Store,
    site: Option<&str>,
    table: ColumnTable,
    name: Option<&str>,
) -> Result<InitReport, Failure> {
    let setup = SiteSetup {
        code: site.unwrap_or(DEFAULT_SITE).to_string(),
        name: name.unwrap_or(DEFAULT_SITE_NAME).to_string(),
        table,
    };
    let years: Vec<i32> = BUILT_IN_YEARS.collect();
    Ok(store.init(&setup, &built_in(), &years).await?)
}

pub async fn run(cli: &Cli, columns: Option<&Path>, units: Option<&Path>, name: Option<&str>) -> Result<(), Failure> {
    let table = column_table(columns, units)?;
    let store = super::open_store(&target(cli)?, OpenOptions { create: true, read_only: cli.read_only }).await?;
    let site = cli.site.as_deref().unwrap_or(DEFAULT_SITE);
    let report = initialise(store.as_ref(), Some(site), table, name).await?;
    super::output::say(&describe(&report, &store.describe(), site));
    Ok(())
}

/// What `init` did, in one or two sentences.
pub fn describe(report: &InitReport, db: &str, site: &str) -> String {
    if !report.changed() {
        return format!(
            "nothing changed: {db} already has the schema, site {site} with its column table, and the built-in calendar"
        );
    }
    let mut done = Vec::new();
    if let Some(from) = report.upgraded_from {
        done.push(format!("upgraded the schema of {db} from version {from} to {}", store::schema::SCHEMA_VERSION));
    }
    if report.schema_created {
        done.push(format!("created the schema (version {}) in {db}", store::schema::SCHEMA_VERSION));
    }
    if report.site_created {
        done.push(format!("created site {site} with {} units and {} columns", report.units, report.columns));
    }
    if report.calendar_days > 0 {
        done.push(format!("added {} calendar days", report.calendar_days));
    }
    if report.calendar_years > 0 {
        done.push(format!("recorded the holiday notices of {} years as held", report.calendar_years));
    }
    if let Some(admin) = &report.first_admin {
        done.push(format!("registered {admin} as the first administrator"));
    }
    done.join("; ")
}
