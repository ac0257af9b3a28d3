//! Times the review queue on a database, as the console runs it (the store opened once):
//! opening the queue (every pending item with its columns and attachments), and approving an item
//! followed by the queue's reload (what the console does after a decision).
//!
//!   cargo bench --bench queue -- RUNS URL…
//!
//! Approves up to RUNS items awaiting the government office's or a repost's review: it changes
//! the database (the 1,000,000-item demo databases hold about 3,000 such items).
//! Prints one line per database: `backend pending open_median_ms open_max_ms approve_median_ms approve_max_ms approved`.

use std::time::Instant;

use portal_admin::domain::Stage;
use portal_admin::domain::review::{Checks, Decision};

mod common;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench queue -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let mut opens = Vec::new();
        let mut pending = 0;
        for run in 0..=runs {
            let start = Instant::now();
            let queue = store.queue(&site, None, None).await.expect("the queue");
            if run > 0 {
                opens.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            pending = queue.len();
        }
        let mut approvals = Vec::new();
        let queue = store.queue(&site, None, None).await.expect("the queue");
        for item in queue.iter().filter(|i| matches!(i.stage, Stage::OfficeReview | Stage::Review)).take(runs) {
            let start = Instant::now();
            let decision = Decision::Approve { checks: Checks::ALL, comment: "benchmark".into() };
            store.review(&site, item.id, Some(item.version), &decision).await.expect("an approval");
            store.queue(&site, None, None).await.expect("the queue again");
            approvals.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        assert!(!approvals.is_empty(), "nothing left to approve in {url}");
        let approved = approvals.len();
        let common::Stats { median: open_median, max: open_max, .. } = common::stats(opens);
        let common::Stats { median: approve_median, max: approve_max, .. } = common::stats(approvals);
        println!("{backend} {pending} {open_median:.1} {open_max:.1} {approve_median:.1} {approve_max:.1} {approved}");
    }
}
