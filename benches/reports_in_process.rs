//! Times the reports inside one running program, as the console runs them: the store opened once,
//! then `stale` and `scores --year` computed again and again. Run by `benches/reports.sh`, which
//! sets the same SQL against sqlite3/psql's own timers beside it.
//!
//!   cargo bench --bench reports_in_process -- AT YEAR RUNS URL…
//!
//! Prints first `session OPTIONS`, the store's PostgreSQL settings for psql
//! (`common::print_session`); then one line per report and database: `report backend fastest_ms
//! median_ms mean_ms`; and, for each, `sql report backend STATEMENTS`: every statement the report
//! runs, as the store runs it (`store::hot_statements`), with this run's values written in, for
//! sqlite3/psql to run.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use portal_admin::domain::assessment::Period;
use portal_admin::domain::time::beijing_midnight;
use portal_admin::reports;
use portal_admin::store::schema::Dialect;
use portal_admin::store::{HotStatement, Param, Site, hot_statements};

mod common;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ([at, year, runs], urls) = common::args("cargo bench --bench reports_in_process -- AT YEAR RUNS URL…");
    let at = portal_admin::domain::time::parse_date(&at).expect("AT is a date");
    let period: Period = year.parse().expect("YEAR is a year");
    let runs: usize = runs.parse().expect("RUNS is a number");
    common::print_session();
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let mut stale = Vec::new();
        let mut scores = Vec::new();
        for run in 0..=runs {
            let start = Instant::now();
            let rows = reports::stale(store.as_ref(), &site, at).await.expect("stale");
            let stale_ms = start.elapsed().as_secs_f64() * 1000.0;
            let start = Instant::now();
            let ranked = reports::scores(store.as_ref(), &site, period).await.expect("scores");
            let scores_ms = start.elapsed().as_secs_f64() * 1000.0;
            assert!(!rows.is_empty() && !ranked.is_empty());
            if run > 0 {
                // The first run warms the connection and its statement cache.
                stale.push(stale_ms);
                scores.push(scores_ms);
            }
        }
        let dialect = if backend == "SQLite" { Dialect::Sqlite } else { Dialect::Postgres };
        let hot = hot_statements(dialect);
        let statement = |name: &str| hot.iter().find(|s| s.name == name).expect("a hot statement").clone();
        // As reports::stale asks: the documents issued by the day, open at its end (Beijing).
        let stale_sql =
            literal(&statement("stale"), &site, Some(at), Some(beijing_midnight(at + Duration::days(1))), None);
        // reports::scores: the period's tallies and the period's before.
        let scores_sql = [period.previous(), period]
            .iter()
            .map(|p| literal(&statement("scores"), &site, None, None, Some((p.first_day(), p.end_day()))))
            .collect::<Vec<_>>()
            .join(" ");
        println!("sql stale {backend} {stale_sql}");
        println!("sql scores {backend} {scores_sql}");
        let common::Stats { fastest, median, mean, .. } = common::stats(stale);
        println!("stale {backend} {fastest:.1} {median:.1} {mean:.1}");
        let common::Stats { fastest, median, mean, .. } = common::stats(scores);
        println!("scores {backend} {fastest:.1} {median:.1} {mean:.1}");
    }
}

/// A hot statement with the values a report binds written in, ending in `;`.
fn literal(
    statement: &HotStatement,
    site: &Site,
    day: Option<NaiveDate>,
    instant: Option<chrono::DateTime<chrono::Utc>>,
    days: Option<(NaiveDate, NaiveDate)>,
) -> String {
    let values: Vec<String> = statement
        .params
        .iter()
        .map(|p| match p {
            Param::Site => site.id.to_string(),
            Param::Day => format!("'{}'", day.expect("a day")),
            // As the SQLite driver stores a time (RFC 3339, UTC); PostgreSQL reads the same text.
            Param::Instant => format!("'{}'", instant.expect("an instant").to_rfc3339()),
            Param::YearStart => format!("'{}'", days.expect("a period").0),
            Param::YearEnd => format!("'{}'", days.expect("a period").1),
            other => panic!("{}: no value for {other:?}", statement.name),
        })
        .collect();
    format!("{};", common::inline(&statement.sql, &values))
}
