//! Live updates on PostgreSQL: every change notifies the listening consoles as it commits
//! (LISTEN/NOTIFY on the store's channel); SQLite has no notifications, and its consoles watch the
//! change mark. On both, a console's own write says what it wrote to the audit trail, so that the
//! console can tell a colleague's change committed just before it.

mod common;

use std::time::Duration;

use common::TestDb;
use portal_admin::domain::RetractionReason;
use portal_admin::store::{self, OpenOptions, Target};
use portal_admin::usecase::connection::{Written, change_mark, tracked};
use portal_admin::usecase::withdrawal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_by_another_process_is_notified_as_it_commits() {
    let db = TestDb::postgres().await;
    db.ok(&["init"]);
    let target = Target::parse(&db.url).unwrap();
    let console = store::open(&target, OpenOptions { create: false, read_only: true, dry_run: false }).await.unwrap();
    let mut changes = console.watch().await.expect("PostgreSQL notifies");
    // Nothing yet.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), changes.recv()).await.is_err(),
        "no change, no notification"
    );
    db.ok(&["calendar", "add", "--holiday", "2027-10-08"]);
    tokio::time::timeout(Duration::from_secs(5), changes.recv())
        .await
        .expect("notified within 5 s")
        .expect("the listener runs");
    // A command that changes nothing notifies nothing.
    let out = db.run(&["calendar", "add", "--holiday", "2027-13-40"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        tokio::time::timeout(Duration::from_millis(500), changes.recv()).await.is_err(),
        "nothing changed, nothing notified"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_has_no_notifications_and_its_consoles_watch_the_change_mark() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let console =
        store::open(&Target::parse(&db.url).unwrap(), OpenOptions { create: false, read_only: true, dry_run: false })
            .await
            .unwrap();
    assert!(console.watch().await.is_none());
}

/// A console's write (`tracked`, as the console's runtime runs each write) says, for each
/// transaction it committed, the change mark it found before its own audit records and its last
/// record's id: a colleague's change committed after the console last read the mark is below the
/// write's records and above that mark; without one, the mark found is the one read. A write that
/// fails, or is rehearsed and rolled back, says nothing.
async fn a_write_says_the_mark_it_found_before_its_own_records(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("items.jsonl");
    std::fs::write(&file, common::policies!(five)).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let target = Target::parse(&db.url).unwrap();
    let console = store::open(&target, OpenOptions { create: false, read_only: false, dry_run: false }).await.unwrap();
    let site = console.site(None).await.unwrap();
    let mut raw = db.any().await;
    let mut id = async |reference: &str| raw.count(&format!("SELECT id FROM items WHERE ref = '{reference}'")).await;
    let (one, two, three) = (id("zd-1").await, id("zd-2").await, id("zd-3").await);
    let seen = change_mark(console.as_ref()).await.unwrap();

    // A colleague withdraws zd-3 (another process); then the console withdraws zd-1 and zd-2.
    db.ok(&["retract", "zd-3", "--reason", "outdated"]);
    let colleagues = change_mark(console.as_ref()).await.unwrap();
    assert!(colleagues > seen);
    let retract = |items: Vec<i64>| {
        let console = console.clone();
        let site = site.clone();
        let outdated = RetractionReason::Outdated;
        async move { withdrawal::retract(console.as_ref(), &site, &items, outdated, "", &|_| {}).await }
    };
    let (done, wrote) = tracked(retract(vec![one, two])).await;
    assert_eq!(done.unwrap().withdrawn, [one, two]);
    let now = change_mark(console.as_ref()).await.unwrap();
    assert_eq!(wrote, [Written { before: colleagues, last: now }], "the colleague's record is below the write's");
    assert!(wrote[0].before > seen, "so the console knows somebody else wrote since it looked");
    let mut raw = db.any().await;
    let records = raw.count(&format!("SELECT COUNT(*) FROM audit_log WHERE id > {colleagues} AND id <= {now}")).await;
    assert_eq!(records, 2, "one record per item, every one the write's own");

    // Nobody else wrote: the next write finds the mark the last one left.
    let (restored, wrote) = tracked(withdrawal::restore_withdrawals(console.as_ref(), &site, &[], "")).await;
    assert!(restored.is_ok() && wrote.is_empty(), "nothing to restore writes nothing: {wrote:?}");
    let (done, wrote) = tracked(withdrawal::restore(console.as_ref(), &site, one, "")).await;
    assert!(done.unwrap().is_some());
    let after = change_mark(console.as_ref()).await.unwrap();
    assert_eq!(wrote, [Written { before: now, last: after }]);

    // Two consoles write at once: the writers take turns, and each one's mark before its records
    // is the other's last record or the mark before both.
    let other = store::open(&target, OpenOptions { create: false, read_only: false, dry_run: false }).await.unwrap();
    let (four, five) = (id("zd-4").await, id("zd-5").await);
    let theirs = [five];
    let ((a, mut wrote), (b, theirs)) = tokio::join!(
        tracked(retract(vec![four])),
        tracked(withdrawal::retract(other.as_ref(), &site, &theirs, RetractionReason::Outdated, "", &|_| {})),
    );
    assert!(a.is_ok() && b.is_ok());
    wrote.extend(theirs);
    wrote.sort_by_key(|w| w.before);
    let both = change_mark(console.as_ref()).await.unwrap();
    assert_eq!(
        (wrote.len(), wrote[0].before, wrote[1].before, wrote[1].last),
        (2, after, wrote[0].last, both),
        "{wrote:?}"
    );
    restore_all(console.as_ref(), &site, &[four, five]).await;
    let after = change_mark(console.as_ref()).await.unwrap();

    // A write that fails (no such item) leaves nothing, nor a rehearsal.
    let (failed, wrote) = tracked(retract(vec![three + 1000])).await;
    assert!(failed.is_err() && wrote.is_empty(), "{failed:?}: {wrote:?}");
    let rehearsal = store::open(&target, OpenOptions { create: false, read_only: false, dry_run: true }).await.unwrap();
    let (done, wrote) =
        tracked(withdrawal::retract(rehearsal.as_ref(), &site, &[one], RetractionReason::Outdated, "", &|_| {})).await;
    assert_eq!(done.unwrap().withdrawn, [one]);
    assert!(wrote.is_empty(), "rolled back: {wrote:?}");
    assert_eq!(change_mark(console.as_ref()).await.unwrap(), after);

    // Outside `tracked` (the command line's way) the same write notes nothing and reads no more.
    let out = withdrawal::retract(console.as_ref(), &site, &[one], RetractionReason::Outdated, "", &|_| {}).await;
    assert_eq!(out.unwrap().withdrawn, [one]);
    assert!(change_mark(console.as_ref()).await.unwrap() > after);
}

/// Restores withdrawn items, outside `tracked`.
async fn restore_all(console: &dyn store::Store, site: &store::Site, items: &[i64]) {
    for item in items {
        withdrawal::restore(console, site, *item, "").await.unwrap();
    }
}

on_both_backends!(a_write_says_the_mark_it_found_before_its_own_records);
