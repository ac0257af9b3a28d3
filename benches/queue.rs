//! Times the review queue on a database, as the console runs it (the store opened once):
//! opening the queue (its first page, each item with its columns and what it lacks, and its count
//! beside it, as the Queue tab reads them: `usecase::queue::page` and `total`), and approving an
//! item followed by the queue's reload (what the console does after a decision: the page and the
//! count again).
//!
//!   cargo bench --bench queue -- RUNS URL…
//!
//! Approves RUNS items awaiting the government office's or a repost's review: it changes the
//! database (the 1,000,000-item demo databases hold about 3,000 such items; when fewer wait, it
//! first submits reposts to approve, through the store as `import` does).
//! Prints one line per database:
//! `backend pending open_median_ms open_max_ms approve_median_ms approve_max_ms approved`.

use std::time::Instant;

use portal_admin::domain::Stage;
use portal_admin::domain::review::{Checks, Decision};
use portal_admin::store::{QueueCount, QueueItem, QueueOrder, Seek, Site, Store};
use portal_admin::ui::paged::PAGE;
use portal_admin::usecase;

mod common;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench queue -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let mut opens = Vec::new();
        for run in 0..=runs {
            let start = Instant::now();
            let (page, count) = open(store.as_ref(), &site).await;
            if run > 0 {
                opens.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            assert!(page.len() as i64 <= PAGE, "a page, not the whole queue");
            std::hint::black_box(count);
        }
        // How many wait, counted exactly (the heading's count stops at a list's bound).
        let pending = usecase::queue::waiting(store.as_ref(), &site).await.expect("the queue counted");
        let mut approvals = Vec::new();
        let waiting =
            |q: &[QueueItem]| q.iter().filter(|i| matches!(i.stage, Stage::OfficeReview | Stage::Review)).count();
        let queue = store.queue(&site, None, None, None).await.expect("the queue");
        if waiting(&queue) < runs {
            // Earlier runs approved what waited: submit reposts to approve (a repost waits at the
            // administrators' review step), so that every run approves RUNS items.
            top_up(store.as_ref(), &site, runs - waiting(&queue)).await;
        }
        let queue = store.queue(&site, None, None, None).await.expect("the queue");
        for item in queue.iter().filter(|i| matches!(i.stage, Stage::OfficeReview | Stage::Review)).take(runs) {
            let start = Instant::now();
            let decision = Decision::Approve { checks: Checks::ALL, comment: "benchmark".into() };
            store.review(&site, item.id, Some(item.version), &decision).await.expect("an approval");
            open(store.as_ref(), &site).await;
            approvals.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        assert!(!approvals.is_empty(), "nothing left to approve in {url}");
        let approved = approvals.len();
        let common::Stats { median: open_median, max: open_max, .. } = common::stats(opens);
        let common::Stats { median: approve_median, max: approve_max, .. } = common::stats(approvals);
        println!("{backend} {pending} {open_median:.1} {open_max:.1} {approve_median:.1} {approve_max:.1} {approved}");
    }
}

/// The queue as the Queue tab opens it: its first page by step, and its count.
async fn open(store: &dyn Store, site: &Site) -> (Vec<QueueItem>, QueueCount) {
    let page = usecase::queue::page(store, site, QueueOrder::Step, None, Seek::First, PAGE);
    let count = usecase::queue::total(store, site, None);
    let (page, count) = tokio::join!(page, count);
    (page.expect("the queue's first page"), count.expect("the queue counted"))
}

/// Submits `n` reposts awaiting review in the site's first repost column, in one audited load.
async fn top_up(store: &dyn Store, site: &Site, n: usize) {
    use portal_admin::domain::item::{ItemFields, NewItem};
    use portal_admin::domain::{Channel, Form, ItemPath, ItemStatus};
    use portal_admin::store::Record;
    let columns = store.columns(site).await.expect("the columns");
    let parents: std::collections::HashSet<i64> = columns.iter().filter_map(|c| c.parent_id).collect();
    let column = columns
        .iter()
        .find(|c| c.path.starts_with("新闻要问") && !parents.contains(&c.id))
        .expect("a repost column")
        .path
        .clone();
    let now = chrono::Utc::now();
    let mut items = (0..n).map(|i| {
        Record::Item(Box::new(NewItem {
            fields: ItemFields {
                reference: None,
                url: None,
                title: format!("国务院办公厅关于进一步优化政务服务的意见（基准测试转载 {i}）"),
                body: "转载正文".into(),
                form: Form::Text,
                path: ItemPath::Repost,
                unit: None,
                channel: Channel::Portal,
                stage: Stage::Review,
                status: ItemStatus::Pending,
                submitted_at: now,
                wechat_at: None,
                published_at: None,
                placements: vec![(column.clone(), Form::Text)],
            },
            reviews: Vec::new(),
            attachments: Vec::new(),
            withdrawal: None,
            retraction: None,
        }))
    });
    store.insert(site, "import", "{\"benchmark\": \"queue\"}", &mut items, &|_| {}).await.expect("reposts to approve");
}
