//! Times the stored findings (issue 21) on a database, inside one running program:
//! - the Findings tab's first screen: what the tab loads when it is shown (`usecase::findings::online`,
//!   the stored findings of every online item with their waivers, newest first), RUNS times;
//! - `check --all` with the stored findings current (`reports::checks::online_findings`, as the
//!   command runs it), RUNS times;
//! - `check --all` after the lists changed: every item checked again on every core and stored in
//!   one transaction (`FindingStore::recheck`, which writes the same findings again and one audit
//!   record), then the findings read, once.
//!
//!   cargo bench --bench findings -- RUNS URL…
//!
//! Prints one line per database: `backend items findings screen_median screen_max all_median
//! all_max recheck_s` (times in ms but the last, in seconds; findings: the items with findings).

use std::time::Instant;

use portal_admin::reports::checks;
use portal_admin::usecase;

mod common;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench findings -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    let quiet = |_: u64, _: u64| {};
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let items = store.counts(&site).await.expect("counts").online;
        // Checked again first, so that the runs below read current findings (and the one run that
        // checks everything is measured as it comes).
        let start = Instant::now();
        store.recheck(&site, &quiet).await.expect("check every item again");
        let found = checks::online_findings(store.as_ref(), &site, None, &quiet).await.expect("check --all");
        let recheck = start.elapsed().as_secs_f64();
        let (mut screen, mut all) = (Vec::new(), Vec::new());
        for run in 0..=runs {
            let start = Instant::now();
            let (shown, _) = usecase::findings::online(store.as_ref(), &site, None).await.expect("the Findings tab");
            let took = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(shown);
            let start = Instant::now();
            let listed = checks::online_findings(store.as_ref(), &site, None, &quiet).await.expect("check --all");
            let took_all = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(listed);
            // The first run warms the connection and its statement cache.
            if run > 0 {
                screen.push(took);
                all.push(took_all);
            }
        }
        let (s, a) = (common::stats(screen), common::stats(all));
        println!(
            "{backend} {items} {} {:.1} {:.1} {:.1} {:.1} {recheck:.1}",
            found.len(),
            s.median,
            s.max,
            a.median,
            a.max
        );
    }
}
