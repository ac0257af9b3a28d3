//! Times the stored findings (issue 21) on a database, inside one running program:
//! - the Findings tab's first screen: what the tab reads when it is shown, its first page of the
//!   stored findings on online items, newest first, with their waivers (`usecase::findings::page`)
//!   and the list's count with its blocking findings (`usecase::findings::total`), one after the
//!   other (the console runs the two at once), RUNS times;
//! - `check --all` with the stored findings current (`reports::checks::online_findings`, as the
//!   command runs it: every stored finding read at once), RUNS times;
//! - `check --all` after the lists changed: every item checked again on every core and stored in
//!   one transaction (`FindingStore::recheck`, which writes the rows whose findings changed
//!   and one audit record), then the findings read; twice, as every figure here is measured after
//!   a first run: the first is the bench's first read of every item's text, from the disk where
//!   the operating system's cache does not hold the file (SQLite's items are spread over the whole
//!   file between the other tables' pages, so that run reads the file about whole; printed apart).
//!
//!   cargo bench --bench findings -- RUNS URL…
//!
//! Prints one line per database: `backend items findings screen_median screen_max all_median
//! all_max recheck_s first_recheck_s` (times in ms but the last two, in seconds; findings: the
//! items with findings).
//! With `FINDINGS_EACH=1`, also the first screen of each other way the tab lists them (by kind, by
//! unit, one kind, `End`, a filter) on standard error, one line each: `backend what median max`.

use std::time::Instant;

use portal_admin::domain::checks::FindingKind;
use portal_admin::reports::checks;
use portal_admin::store::{FindingOrder, Seek, Site, Store};
use portal_admin::usecase;
use portal_admin::usecase::findings::Listing;

mod common;

/// Rows the tab reads a page (`ui::paged::PAGE`).
const PAGE: i64 = 100;

/// The tab's first screen of `listing`, from `seek`: its page and its count. Milliseconds.
async fn screen(store: &dyn Store, site: &Site, listing: &Listing, seek: Seek<portal_admin::store::FindingKey>) -> f64 {
    let start = Instant::now();
    let page = usecase::findings::page(store, site, listing, seek, PAGE).await.expect("a page of findings");
    let total = usecase::findings::total(store, site, listing).await.expect("the findings counted");
    let took = start.elapsed().as_secs_f64() * 1000.0;
    std::hint::black_box((page, total));
    took
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench findings -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    let each = std::env::var_os("FINDINGS_EACH").is_some();
    let quiet = |_: u64, _: u64| {};
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let items = store.counts(&site).await.expect("counts").online;
        // Checked again first, so that the runs below read current findings: a first run (the
        // texts read from wherever they are), then the one measured.
        let mut rechecks = [0.0; 2];
        let mut found = Vec::new();
        for took in &mut rechecks {
            let start = Instant::now();
            store.recheck(&site, &quiet).await.expect("check every item again");
            found = checks::online_findings(store.as_ref(), &site, None, &quiet).await.expect("check --all");
            *took = start.elapsed().as_secs_f64();
        }
        let [first_recheck, recheck] = rechecks;
        let first = Listing::default();
        let (mut shown, mut all) = (Vec::new(), Vec::new());
        for run in 0..=runs {
            let took = screen(store.as_ref(), &site, &first, Seek::First).await;
            let start = Instant::now();
            let listed = checks::online_findings(store.as_ref(), &site, None, &quiet).await.expect("check --all");
            let took_all = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(listed);
            // The first run warms the connection and its statement cache.
            if run > 0 {
                shown.push(took);
                all.push(took_all);
            }
        }
        let (s, a) = (common::stats(shown), common::stats(all));
        println!(
            "{backend} {items} {} {:.1} {:.1} {:.1} {:.1} {recheck:.1} {first_recheck:.1}",
            found.len(),
            s.median,
            s.max,
            a.median,
            a.max
        );
        if !each {
            continue;
        }
        let listings = [
            ("by kind", Listing { order: FindingOrder::Kind, ..Listing::default() }, Seek::First),
            ("by unit", Listing { order: FindingOrder::Unit, ..Listing::default() }, Seek::First),
            ("End", Listing::default(), Seek::Last),
            ("only figures", Listing { kind: Some(FindingKind::Figure), ..Listing::default() }, Seek::First),
            ("only leaders' names", Listing { kind: Some(FindingKind::LeaderName), ..Listing::default() }, Seek::First),
            ("only ID numbers", Listing { kind: Some(FindingKind::IdNumber), ..Listing::default() }, Seek::First),
            (
                "filtered: 象山区",
                Listing { filter: Some(("象山区".into(), Vec::new())), ..Listing::default() },
                Seek::First,
            ),
            (
                "filtered: 投资",
                Listing { filter: Some(("投资".into(), Vec::new())), ..Listing::default() },
                Seek::First,
            ),
        ];
        for (what, listing, seek) in listings {
            let mut times = Vec::new();
            for run in 0..=runs {
                let took = screen(store.as_ref(), &site, &listing, seek.clone()).await;
                if run > 0 {
                    times.push(took);
                }
            }
            let t = common::stats(times);
            eprintln!("{backend} {what}: {:.1} {:.1}", t.median, t.max);
        }
    }
}
