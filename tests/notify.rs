//! Live updates on PostgreSQL: every change notifies the listening consoles as it commits
//! (LISTEN/NOTIFY on the store's channel); SQLite has no notifications, and its consoles watch the
//! change mark.

mod common;

use std::time::Duration;

use common::TestDb;
use portal_admin::store::{self, OpenOptions, Target};

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
