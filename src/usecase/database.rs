//! The database itself: created or brought up to this version (`init`, and `demo` and `--demo`
//! before they write), filled with the demo's synthetic items, and what it holds (the summary the
//! command line prints without a subcommand).

use crate::demo::corpus::Corpus;
use crate::demo::{DemoSpec, Generator};
use crate::domain::calendar::{BUILT_IN_YEARS, WorkingCalendar, built_in};
use crate::store::{InitReport, Result, Site, SiteCounts, SiteSetup, Store};

/// Creates the schema if absent (or brings it up to this version), the site with its column table
/// if absent, the built-in calendar and its notices, and the operator as the site's first
/// administrator, in one audited transaction; an upgrade's long steps tell `progress(done, total)`.
pub async fn initialise(
    store: &dyn Store,
    setup: &SiteSetup,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<InitReport> {
    let years: Vec<i32> = BUILT_IN_YEARS.collect();
    store.init(setup, &built_in(), &years, progress).await
}

/// The database's schema version; `None` for a database without the schema (nothing created yet).
pub async fn schema_version(store: &dyn Store) -> Result<Option<i64>> {
    store.schema_version().await
}

/// The PostgreSQL database's character type when it leaves Chinese out of the text indexes (`C`,
/// `POSIX`: a search then reads every item); `None` otherwise, and on SQLite.
pub async fn search_blind_to_chinese(store: &dyn Store) -> Result<Option<String>> {
    store.trigrams_blind_to_chinese().await
}

/// What the site holds: its columns and units, its items by status, its requests, incidents and
/// documents.
pub async fn counts(store: &dyn Store, site: &Site) -> Result<SiteCounts> {
    store.counts(site).await
}

/// The demo's items for the site, made as they are written: from its columns, its units and its
/// working days, the built-in corpus and `spec`; `Err` says why `spec` cannot be made.
pub async fn demo(store: &dyn Store, site: &Site, spec: DemoSpec) -> Result<std::result::Result<Generator, String>> {
    let columns = store.columns(site).await?;
    let units = store.units(site).await?;
    let calendar = WorkingCalendar::new(store.calendar(None).await?.into_iter().map(|d| (d.date, d.kind)));
    Ok(Generator::new(spec, &columns, &units, calendar, Corpus::built_in()))
}

/// Writes the demo's items in one transaction with its audit record, `progress(n)` as they are
/// written: how many.
pub async fn write_demo(
    store: &dyn Store,
    site: &Site,
    spec: DemoSpec,
    items: &mut Generator,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64> {
    let detail = serde_json::json!({
        "items": spec.items, "seed": spec.seed, "from": spec.from.to_string(), "to": spec.to.to_string()
    })
    .to_string();
    store.insert(site, "demo", &detail, items, progress).await
}
