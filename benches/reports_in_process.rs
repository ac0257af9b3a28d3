//! Times the reports inside one running program, as the console runs them: the store opened once,
//! then `stale` and `scores --year` computed again and again. Run by `benches/reports.sh`, which
//! sets the same SQL against sqlite3/psql's own timers beside it.
//!
//!   cargo bench --bench reports_in_process -- AT YEAR RUNS URL…
//!
//! Prints one line per report and database: `report backend fastest_ms median_ms mean_ms`.

use std::time::Instant;

use portal_admin::domain::assessment::Period;
use portal_admin::reports;

mod common;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ([at, year, runs], urls) = common::args("cargo bench --bench reports_in_process -- AT YEAR RUNS URL…");
    let at = portal_admin::domain::time::parse_date(&at).expect("AT is a date");
    let period: Period = year.parse().expect("YEAR is a year");
    let runs: usize = runs.parse().expect("RUNS is a number");
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
        let common::Stats { fastest, median, mean, .. } = common::stats(stale);
        println!("stale {backend} {fastest:.1} {median:.1} {mean:.1}");
        let common::Stats { fastest, median, mean, .. } = common::stats(scores);
        println!("scores {backend} {fastest:.1} {median:.1} {mean:.1}");
    }
}
