//! `demo`, `--demo` and the summary shown without a subcommand.

use std::io::IsTerminal;
use std::time::Instant;

use chrono::{Duration, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::init::{describe, initialise};
use super::{Cli, Failure, session, target};
use crate::demo::DemoSpec;
use crate::domain::column_table::ColumnTable;
use crate::domain::time::beijing_date;
use crate::store::{self, ErrorKind, OpenOptions, Store, StoreError};
use crate::t;
use crate::usecase::{connection, database, findings, sites};

/// The size of the database `--demo` creates.
pub const DEMO_ITEMS: u64 = 20_000;
/// Its seed.
pub const DEMO_SEED: u64 = 2023;

/// Fills a store with `spec`, showing a progress bar on a terminal. Returns the items written.
async fn fill(store: &dyn Store, site: Option<&str>, spec: DemoSpec) -> Result<u64, Failure> {
    let report = initialise(store, site, ColumnTable::xiangshan_2023(), None).await?;
    let database = connection::describe(store);
    if report.changed() {
        super::output::tell(&describe(&report, &database, site.unwrap_or(super::DEFAULT_SITE)));
    }
    let site = sites::open(store, site).await?;
    let mut generator = database::demo(store, &site, spec).await?.map_err(Failure::usage)?;

    let bar = ProgressBar::new(spec.items);
    if std::io::stderr().is_terminal() {
        bar.set_style(
            ProgressStyle::with_template(&t!("demo-progress"))
                .map_err(|e| Failure::failed(e.to_string()))?
                .progress_chars("=> "),
        );
        bar.set_message(t!("demo-writing"));
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let written = database::write_demo(store, &site, spec, &mut generator, &|n| bar.set_position(n)).await;
    bar.finish_and_clear();
    match written {
        // The demo numbers its documents by year: a second fill of the same years meets them.
        Err(StoreError::Database(d)) if d.kind() == ErrorKind::Duplicate => {
            Err(Failure::failed(t!("demo-dates-taken", database = database.as_str(), error = d.message())))
        }
        other => Ok(other?),
    }
}

fn default_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    // Yesterday, so that nothing generated lies in the future.
    let to = to.unwrap_or_else(|| beijing_date(Utc::now()) - Duration::days(1));
    let from = from.unwrap_or(to - Duration::days(730));
    (from, to)
}

pub async fn run(
    cli: &Cli,
    items: u64,
    seed: u64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(), Failure> {
    let (from, to) = default_range(from, to);
    let store =
        super::open_store(&target(cli)?, OpenOptions { create: true, read_only: cli.read_only, dry_run: false })
            .await?;
    let started = Instant::now();
    let written = fill(store.as_ref(), super::site(cli)?.as_deref(), DemoSpec { items, seed, from, to }).await?;
    super::output::say(&t!(
        "demo-added",
        count = written,
        from = from.to_string(),
        to = to.to_string(),
        seed = seed.to_string(),
        database = connection::describe(store.as_ref()),
        seconds = format!("{:.1}", started.elapsed().as_secs_f64())
    ));
    Ok(())
}

/// Creates the demo database on first use.
pub async fn ensure_demo_database(cli: &Cli) -> Result<(), Failure> {
    let target = target(cli)?;
    let store = store::open(&target, OpenOptions { create: !cli.read_only, read_only: cli.read_only, dry_run: false })
        .await
        .map_err(|e| match e {
            StoreError::Missing(path) => Failure::failed(t!("demo-missing", path = path.to_string())),
            other => other.into(),
        })?;
    findings::use_lists_in_effect(store.as_ref());
    if let Some(version) = database::schema_version(store.as_ref()).await? {
        if version < store::schema::SCHEMA_VERSION && !cli.read_only {
            // The demo database is the program's own: bring it up to this version.
            let report = initialise(store.as_ref(), None, ColumnTable::xiangshan_2023(), None).await?;
            super::output::tell(&describe(&report, &connection::describe(store.as_ref()), super::DEFAULT_SITE));
        }
        let site = sites::open(store.as_ref(), None).await?;
        if database::counts(store.as_ref(), &site).await?.items > 0 {
            return Ok(());
        }
    }
    let (from, to) = default_range(None, None);
    super::output::tell(&t!("demo-creating", count = DEMO_ITEMS, database = connection::describe(store.as_ref())));
    fill(store.as_ref(), None, DemoSpec { items: DEMO_ITEMS, seed: DEMO_SEED, from, to }).await?;
    Ok(())
}

/// What the database holds, for the command line without a subcommand.
pub async fn summary(cli: &Cli) -> Result<(), Failure> {
    let s = session(cli).await?;
    let c = database::counts(s.store.as_ref(), &s.site).await?;
    super::output::say(&t!(
        "summary-site",
        database = connection::describe(s.store.as_ref()),
        site = s.site.code.as_str(),
        name = s.site.name.as_str()
    ));
    println!("{}", t!("summary-operator", operator = connection::operator(s.store.as_ref())));
    println!("{}", t!("summary-columns", columns = c.columns, units = c.units));
    println!(
        "{}",
        t!("summary-items", items = c.items, online = c.online, pending = c.pending, withdrawn = c.withdrawn)
    );
    println!(
        "{}",
        t!("summary-records", requests = c.retraction_requests, incidents = c.incidents, documents = c.documents)
    );
    println!("{}", t!("summary-help"));
    Ok(())
}
