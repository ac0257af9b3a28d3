//! Times the content checks (issue 11) on a database: every online item checked as `check --all`
//! does (the store's pages of texts, the shipped lists in one automaton), and one item at a time.
//!
//!   cargo bench --bench checks -- URL…
//!
//! Prints one line per database: `backend items findings all_seconds item_median_ms item_max_ms`
//! (one item: its text read from the database and checked, over 200 items after one to warm up).

use std::time::Instant;

use portal_admin::reports::checks;

mod common;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([], urls) = common::args::<0>("cargo bench --bench checks -- URL…");
    let lists = checks::lists(None, None).expect("the shipped lists");
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let start = Instant::now();
        let found = checks::check_online(store.as_ref(), &site, &lists, None).await.expect("check --all");
        let all = start.elapsed().as_secs_f64();
        let findings: usize = found.iter().map(|(_, f)| f.len()).sum();
        let sample = store.item_texts(&site, 0, true, None, 200).await.expect("items");
        let items = store.counts(&site).await.expect("counts").online;
        // As the other benches skip their first run: the first item prepares the statements.
        if let Some(first) = sample.first() {
            checks::item_findings(store.as_ref(), &site, &lists, first.id).await.expect("one item");
        }
        let mut times = Vec::new();
        for item in &sample {
            let start = Instant::now();
            let found = checks::item_findings(store.as_ref(), &site, &lists, item.id).await.expect("one item");
            std::hint::black_box(found);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let t = common::stats(times);
        println!("{backend} {items} {findings} {all:.1} {:.2} {:.2}", t.median, t.max);
    }
}
