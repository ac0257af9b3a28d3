//! `init`: the schema, the site's column table, the calendar, the first administrator.

use std::path::Path;

use super::{Cli, DEFAULT_SITE, DEFAULT_SITE_NAME, Failure, target};
use crate::domain::column_table::{ColumnTable, XIANGSHAN_2023_UNITS};
use crate::store::{self, InitReport, OpenOptions, SiteSetup, Store};
use crate::t;
use crate::usecase::{connection, database};

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| {
        Failure::usage(t!("cannot-read", file = path.display().to_string(), error = crate::i18n::os_error(&e)))
    })
}

/// The column table a command line asks for.
pub fn column_table(columns: Option<&Path>, units: Option<&Path>) -> Result<ColumnTable, Failure> {
    match columns {
        None => Ok(ColumnTable::xiangshan_2023()),
        Some(file) => {
            let (units_name, units_text) = match units {
                Some(u) => (u.display().to_string(), read(u)?),
                None => (t!("init-built-in-units"), XIANGSHAN_2023_UNITS.to_string()),
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
    if let Some(why) = name.and_then(crate::domain::sites::refuse_name) {
        return Err(Failure::usage(why));
    }
    let setup = SiteSetup {
        code: site.unwrap_or(DEFAULT_SITE).to_string(),
        name: name.unwrap_or(DEFAULT_SITE_NAME).to_string(),
        table,
    };
    // An upgrade may read every item's title again (schema 19): a bar on a terminal.
    let bar = std::sync::OnceLock::new();
    let progress = |done: u64, total: u64| {
        let bar = bar.get_or_init(|| super::progress::bar(Some(total), &t!("initials-progress"), None));
        bar.set_position(done);
    };
    let report = database::initialise(store, &setup, &progress).await;
    if let Some(bar) = bar.get() {
        bar.finish_and_clear();
    }
    Ok(report?)
}

pub async fn run(cli: &Cli, columns: Option<&Path>, units: Option<&Path>, name: Option<&str>) -> Result<(), Failure> {
    let table = column_table(columns, units)?;
    let store =
        super::open_store(&target(cli)?, OpenOptions { create: true, read_only: cli.read_only, dry_run: false })
            .await?;
    let site = super::site(cli)?;
    let site = site.as_deref().unwrap_or(DEFAULT_SITE);
    let report = initialise(store.as_ref(), Some(site), table, name).await?;
    let database = connection::describe(store.as_ref());
    super::output::say(&describe(&report, &database, site));
    if let Some(ctype) = database::search_blind_to_chinese(store.as_ref()).await? {
        let warning = t!("search-ctype-c", database = database.as_str(), ctype = ctype);
        eprintln!("{}", t!("warning", message = super::clean::for_stderr(&warning)));
    }
    Ok(())
}

/// What `init` did, in one or two sentences.
pub fn describe(report: &InitReport, db: &str, site: &str) -> String {
    if !report.changed() {
        return t!("init-unchanged", database = db, site = site);
    }
    let mut done = Vec::new();
    if let Some(from) = report.upgraded_from {
        done.push(t!("init-upgraded", database = db, from = from, to = store::schema::SCHEMA_VERSION));
    }
    if report.schema_created {
        done.push(t!("init-created-schema", version = store::schema::SCHEMA_VERSION, database = db));
    }
    if report.site_created {
        done.push(t!("init-created-site", site = site, units = report.units, columns = report.columns));
    }
    if report.calendar_days > 0 {
        done.push(t!("init-calendar-days", count = report.calendar_days));
    }
    if report.calendar_years > 0 {
        done.push(t!("init-calendar-years", count = report.calendar_years));
    }
    if let Some(admin) = &report.first_admin {
        done.push(t!("init-first-admin", operator = admin.as_str()));
    }
    done.join(&t!("init-separator"))
}
