//! Lists that see the whole database (issue 21, point 3): every paged list read from either end
//! gives the same rows (keyset paging backwards from the last page), its count is the database's,
//! and in the real console `End` reaches the last item of a column longer than a page.

mod common;

use common::TestDb;
use common::tmux::Tmux;
use portal_admin::domain::search::Needle;
use std::sync::Arc;

use portal_admin::store::{self, AuditFilter, OpenOptions, Seek, Site, Store, Target, TextSearch, Total};

/// Every row of a list, read a page at a time from its first page on, and from its last page back.
async fn both_ways<T: Clone, K: Copy>(
    page: impl AsyncFn(Seek<K>) -> Vec<T>,
    key: impl Fn(&T) -> K,
    size: usize,
) -> (Vec<T>, Vec<T>) {
    let mut forward: Vec<T> = Vec::new();
    let mut seek = Seek::First;
    loop {
        let rows = page(seek).await;
        let full = rows.len() == size;
        forward.extend(rows);
        match forward.last() {
            Some(last) if full => seek = Seek::After(key(last)),
            _ => break,
        }
    }
    let mut backward: Vec<T> = Vec::new();
    let mut seek = Seek::Last;
    loop {
        let rows = page(seek).await;
        let full = rows.len() == size;
        backward.splice(0..0, rows);
        match backward.first() {
            Some(first) if full => seek = Seek::Before(key(first)),
            _ => break,
        }
    }
    (forward, backward)
}

/// The demo's 1,500 items in `db`, opened: the store, its site, and the column with most items
/// online.
async fn demo_and_its_busiest_column(db: &TestDb) -> (Arc<dyn Store>, Site, i64) {
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "1500", "--seed", "5", "--to", "2026-11-20"]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let busiest = db
        .any()
        .await
        .count(
            "SELECT column_id FROM placements WHERE online_since IS NOT NULL \
             GROUP BY column_id ORDER BY COUNT(*) DESC, column_id LIMIT 1",
        )
        .await;
    (store, site, busiest)
}

async fn every_list_reads_the_same_rows_from_either_end_and_counts_them(db: TestDb) {
    let (store, site, busiest) = demo_and_its_busiest_column(&db).await;
    let store: &dyn Store = store.as_ref();
    let mut raw = db.any().await;

    // A column's items: 7 a page, so that there are many pages.
    let online = store.column_item_count(&site, busiest).await.unwrap();
    assert!(online > 20, "{online}");
    let (forward, backward) = both_ways(
        async |seek| store.column_items(&site, busiest, seek, None, 7).await.unwrap(),
        |i| (i.online_since, i.id),
        7,
    )
    .await;
    assert_eq!(forward.len() as i64, online);
    assert_eq!(backward, forward, "the last page and the pages before it are the same rows");
    assert_eq!(store.column_item_total(&site, busiest, None).await.unwrap(), Total::Exact(online));
    // With a filter: the same rows either way, and the count is of those.
    let text = portal_admin::usecase::search::list_filter(store, &site, "象山").await.unwrap();
    let (forward, backward) = both_ways(
        async |seek| store.column_items(&site, busiest, seek, Some(&text), 5).await.unwrap(),
        |i| (i.online_since, i.id),
        5,
    )
    .await;
    assert!(!forward.is_empty() && (forward.len() as i64) < online, "{}", forward.len());
    assert_eq!(backward, forward);
    let counted = store.column_item_total(&site, busiest, Some(&text)).await.unwrap();
    assert_eq!(counted, Total::Exact(forward.len() as i64));

    // The audit trail (the site's records and those of no site, merged).
    let filter = AuditFilter::default();
    let (forward, backward) =
        both_ways(async |seek| store.audit_page(&site, &filter, seek, 2).await.unwrap(), |e| e.id, 2).await;
    assert!(forward.len() > 2, "{}", forward.len());
    assert!(forward.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert_eq!(backward, forward);
    assert_eq!(store.audit_total(&site, &filter).await.unwrap(), Total::Exact(forward.len() as i64));

    // The withdrawals.
    let (forward, backward) =
        both_ways(async |seek| store.withdrawals(&site, None, seek, 3).await.unwrap(), |w| (w.withdrawn_at, w.id), 3)
            .await;
    let withdrawn = raw.count(&format!("SELECT COUNT(*) FROM withdrawals WHERE site_id = {}", site.id)).await;
    assert!(withdrawn > 3, "the demo withdraws items: {withdrawn}");
    assert_eq!(forward.len() as i64, withdrawn);
    assert_eq!(backward, forward);
    assert_eq!(store.withdrawal_total(&site, None).await.unwrap(), Total::Exact(withdrawn));

    // A search across the site, two characters and more.
    for text in ["政府", "人民政府"] {
        let search = TextSearch {
            needle: Needle::new(text).unwrap(),
            status: None,
            column: None,
            unit: None,
            since: None,
            within: None,
        };
        let (forward, backward) =
            both_ways(async |seek| store.search(&site, &search, seek, 40).await.unwrap(), |i| i.key(), 40).await;
        assert!(forward.len() > 40, "{text}: {}", forward.len());
        assert_eq!(backward, forward, "{text}");
        assert_eq!(store.search_total(&site, &search).await.unwrap(), Total::Exact(forward.len() as i64), "{text}");
    }
}

on_both_backends!(every_list_reads_the_same_rows_from_either_end_and_counts_them);

/// The real console at 80×24: a column of more items than a page, `End` shows its last (oldest)
/// item and "N of N", `Home` its newest and "1 of N".
async fn end_reaches_the_last_item_of_a_long_column(db: TestDb) {
    let backend = db.backend;
    let (store, site, busiest) = demo_and_its_busiest_column(&db).await;
    let online = store.column_item_count(&site, busiest).await.unwrap();
    assert!(online > 100, "more than a page (100): {online}");
    let path = store.columns(&site).await.unwrap().into_iter().find(|c| c.id == busiest).unwrap().path;
    let oldest = store.column_items(&site, busiest, Seek::Last, None, 1).await.unwrap().remove(0);
    let newest = store.column_items(&site, busiest, Seek::First, None, 1).await.unwrap().remove(0);

    // As the heading groups it: 1,234.
    let digits = online.to_string();
    let online: String = digits
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i > 0 && (digits.len() - i) % 3 == 0).then_some(',').into_iter().chain([c]))
        .collect();
    let t = Tmux::console(&format!("end-{backend:?}"), &db, &[]);
    t.wait_for("● connected");
    t.wait_for("awaiting a decision");
    t.keys(&["2"]);
    t.wait_for("政务动态");
    // The column by its whole path (the tree's filter), opened.
    t.keys(&["/", &path, "Enter", "Enter"]);
    t.wait_for("online since");
    t.wait_for(&format!("1 of {online} online"));
    t.keys(&["End"]);
    let s = t.wait_for(&format!("{online} of {online} online"));
    let shown: String = oldest.title.chars().take(8).collect();
    assert!(s.contains(&shown), "the oldest item, {shown}, at the end:\n{s}");
    t.keys(&["Home"]);
    let s = t.wait_for(&format!("1 of {online} online"));
    let shown: String = newest.title.chars().take(8).collect();
    assert!(s.contains(&shown), "the newest item, {shown}, at the start:\n{s}");
    t.keys(&["q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(end_reaches_the_last_item_of_a_long_column);

/// The review queue read by pages (issue 21, point 3): in either order the same rows from either
/// end as the whole queue holds in that order (by step: the workflow's steps in turn, oldest
/// first in each, a WeChat item aged from when it went out on WeChat; by wait: oldest first),
/// with what each lacks and its columns; with a filter, the whole queue's matches; counted, and
/// its items waiting too long counted as the console judges each.
async fn the_queue_reads_the_same_rows_from_either_end_in_both_orders(db: TestDb) {
    use portal_admin::domain::review::step_order;
    use portal_admin::store::{QueueItem, QueueOrder};
    let (store, site, _) = demo_and_its_busiest_column(&db).await;
    // Items on WeChat, aged from then: one submitted long ago gone out on WeChat 2 hours ago, one
    // submitted just now gone out 30 hours ago (the order is by when each went out).
    let hours_ago = |h: i64| (chrono::Utc::now() - chrono::Duration::hours(h)).to_rfc3339();
    let wechat = |reference: &str, submitted: i64, out: i64| {
        serde_json::json!({
            "ref": reference, "title": format!("微信先发的通知{reference}"), "body": "正文", "form": "text",
            "path": "unit", "unit": "民政局", "channel": "wechat", "columns": ["政务动态 / 部门动态"],
            "submitted_at": hours_ago(submitted), "wechat_at": hours_ago(out),
        })
        .to_string()
    };
    // And 60 more at every step (a unit's with its attachments, or not), so there are pages.
    let mut lines = vec![wechat("wx-1", 400, 2), wechat("wx-2", 31, 30)];
    for i in 0..60 {
        let (path, stage, unit) = match i % 4 {
            0 => ("government", "office_review", Some("政府办")),
            1 => ("unit", "recheck", Some("民政局")),
            2 => ("repost", "review", None),
            _ => ("unit", "publish", Some("财政局")),
        };
        let mut item = serde_json::json!({
            "ref": format!("q-{i}"), "title": format!("象山区人民政府待审信息第{i}条"), "body": "正文",
            "form": "text", "path": path, "stage": stage, "columns": ["政务动态 / 部门动态"],
            "submitted_at": hours_ago(7 * i % 97 + 1),
        });
        if let Some(unit) = unit {
            item["unit"] = unit.into();
        }
        if path == "unit" && i % 3 == 0 {
            item["attachments"] = serde_json::json!({"signed_scan": "扫描件.pdf", "electronic_text": "正文.docx"});
        }
        lines.push(item.to_string());
    }
    db.import("pending.jsonl", &(lines.join("\n") + "\n"));
    let mut raw = db.any().await;
    let first = raw.count("SELECT id FROM items WHERE ref = 'wx-1'").await;
    let second = raw.count("SELECT id FROM items WHERE ref = 'wx-2'").await;
    let store: &dyn Store = store.as_ref();
    let whole = store.queue(&site, None, None, None).await.unwrap();
    assert!(whole.len() > 20, "the demo's queue: {}", whole.len());
    let steps: std::collections::BTreeSet<usize> = whole.iter().map(|q| step_order(q.stage)).collect();
    assert!(steps.len() >= 3, "items at several steps: {steps:?}");
    let by_step = |q: &QueueItem| (step_order(q.stage), q.waiting_since(), q.id);
    assert!(whole.windows(2).all(|w| by_step(&w[0]) < by_step(&w[1])), "by step, then oldest first");
    for order in [QueueOrder::Step, QueueOrder::Wait] {
        let (forward, backward) = both_ways(
            async |seek| store.queue_page(&site, order, None, seek, 7).await.unwrap(),
            |q: &QueueItem| q.key(),
            7,
        )
        .await;
        let mut expected = whole.clone();
        if order == QueueOrder::Wait {
            expected.sort_by_key(|q| (q.waiting_since(), q.id));
        }
        assert_eq!(forward, expected, "{order:?}: the whole queue, in its order, with what each lacks");
        assert_eq!(backward, forward, "{order:?}: the last page and the pages before it");
    }
    // The WeChat item that went out 30 hours ago waits longer than many submitted after it.
    let by_wait = store.queue_page(&site, QueueOrder::Wait, None, Seek::First, 1000).await.unwrap();
    let place = |id: i64| by_wait.iter().position(|q| q.id == id).unwrap();
    assert!(place(second) < place(first), "aged from WeChat");

    let now = chrono::Utc::now();
    let count = store.queue_total(&site, None, now).await.unwrap();
    assert_eq!(count.total, Total::Exact(whole.len() as i64));
    let late =
        whole.iter().filter(|q| now - q.waiting_since() > portal_admin::domain::review::wait_limit(q.channel)).count();
    assert!(late > 0, "the demo's queue has items waiting too long");
    assert_eq!(count.late, Total::Exact(late as i64));

    // A filter: the same rows as the whole queue filtered, either way, counted.
    for typed in ["mzj", "象山", "人民政府"] {
        let filter = portal_admin::usecase::search::list_filter(store, &site, typed).await.unwrap();
        let wanted = store.queue(&site, None, None, Some(&filter)).await.unwrap();
        let (forward, backward) = both_ways(
            async |seek| store.queue_page(&site, QueueOrder::Step, Some(&filter), seek, 3).await.unwrap(),
            |q: &QueueItem| q.key(),
            3,
        )
        .await;
        assert!(!forward.is_empty() && forward.len() < whole.len(), "{typed}: {}", forward.len());
        assert_eq!(forward, wanted, "{typed}");
        assert_eq!(backward, forward, "{typed}");
        let count = store.queue_total(&site, Some(&filter), now).await.unwrap();
        assert_eq!(count.total, Total::Exact(wanted.len() as i64), "{typed}");
    }
}

on_both_backends!(the_queue_reads_the_same_rows_from_either_end_in_both_orders);

/// The real console at 80×24: a queue of more items than a page (issue 21, point 3), `End` shows
/// its last item and "N of N", `Home` its first and "1 of N", `/` finds an item beyond the first
/// page in the database, and a mark made at the end is still counted at the start.
async fn end_reaches_the_last_item_of_a_long_queue(db: TestDb) {
    use portal_admin::store::QueueOrder;
    let backend = db.backend;
    db.ok(&["init"]);
    let at = |h: i64| (chrono::Utc::now() - chrono::Duration::hours(h)).to_rfc3339();
    let lines: Vec<String> = (0..160)
        .map(|i| {
            let (path, stage) = if i % 2 == 0 { ("government", "office_review") } else { ("repost", "publish") };
            let title =
                if i == 81 { "滨江绿道项目进度过半".to_string() } else { format!("待审信息第{i}条") };
            let mut item = serde_json::json!({
                "ref": format!("p-{i}"), "title": title, "body": "正文", "form": "text", "path": path,
                "stage": stage, "columns": ["政务动态 / 部门动态"], "submitted_at": at(200 - i),
            });
            if path == "government" {
                item["unit"] = "政府办".into();
            }
            item.to_string()
        })
        .collect();
    db.import("pending.jsonl", &(lines.join("\n") + "\n"));
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let last = store.queue_page(&site, QueueOrder::Step, None, Seek::Last, 1).await.unwrap().remove(0);
    let first = store.queue_page(&site, QueueOrder::Step, None, Seek::First, 1).await.unwrap().remove(0);
    let place = store.queue(&site, None, None, None).await.unwrap().iter().position(|q| q.title.starts_with("滨江"));
    assert!(place.unwrap() >= 100, "beyond the first page: {place:?}");

    let t = Tmux::console(&format!("queue-end-{backend:?}"), &db, &[]);
    t.wait_for("● connected");
    t.wait_for("1 of 160 awaiting a decision");
    t.keys(&["End"]);
    let s = t.wait_for("160 of 160 awaiting a decision");
    assert!(s.contains(&last.id.to_string()), "the last item, {}, at the end:\n{s}", last.id);
    // The last item waits to be published: marked, and still counted from the start.
    t.keys(&["Space"]);
    t.wait_for("· 1 marked");
    t.keys(&["Home"]);
    let s = t.wait_for("1 of 160 awaiting a decision");
    assert!(s.contains(&first.id.to_string()) && s.contains("· 1 marked"), "the first item:\n{s}");
    t.keys(&["/", "滨江绿道"]);
    let s = t.wait_for("1 of 1 awaiting a decision");
    assert!(s.contains("滨江绿道"), "found beyond the first page:\n{s}");
    t.keys(&["Escape", "q"]);
    t.quits_cleanly(&db);
}

on_both_backends!(end_reaches_the_last_item_of_a_long_queue);
