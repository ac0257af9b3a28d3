//! The review workflow (Art. 8–10): the queue with what each item lacks, an item whole, a
//! decision through the content checks' gate, a publication.

use crate::domain::review::Decision;
use crate::domain::{ItemPath, Stage};
use crate::reports::checks;
use crate::store::{
    ExportedItem, HistoryEntry, QueueCount, QueueItem, QueueKey, QueueOrder, Result, Seek, Site, Store, StoreError,
    Transition,
};

/// The items awaiting a decision, by step then oldest first (of one path or step when given),
/// each with the attachments Art. 10 asks of it that it lacks (`domain::item::lacking`): the
/// command line's `queue`, which lists them all (the console reads `page` by page).
pub async fn queue(
    store: &dyn Store,
    site: &Site,
    path: Option<ItemPath>,
    stage: Option<Stage>,
) -> Result<Vec<QueueItem>> {
    store.queue(site, path, stage, None).await
}

/// A page of the queue as the console reads it: up to `limit` items from `seek` in `order`, each
/// with what it lacks; with `filter` (as typed), as `queue` filters.
pub async fn page(
    store: &dyn Store,
    site: &Site,
    order: QueueOrder,
    filter: Option<&str>,
    seek: Seek<QueueKey>,
    limit: i64,
) -> Result<Vec<QueueItem>> {
    let filter = match filter {
        Some(typed) => Some(super::search::list_filter(store, site, typed).await?),
        None => None,
    };
    store.queue_page(site, order, filter.as_ref(), seek, limit).await
}

/// How many items `page` reads with `filter`, as the queue's heading says it ("n of N"), and how
/// many of them have waited too long now (`domain::review::wait_limit`).
pub async fn total(store: &dyn Store, site: &Site, filter: Option<&str>) -> Result<QueueCount> {
    let filter = match filter {
        Some(typed) => Some(super::search::list_filter(store, site, typed).await?),
        None => None,
    };
    store.queue_total(site, filter.as_ref(), chrono::Utc::now()).await
}

/// How many items await a decision (a count, nothing read): whether the morning starts at the
/// queue.
pub async fn waiting(store: &dyn Store, site: &Site) -> Result<i64> {
    store.queue_count(site).await
}

/// An item's id from what a user typed: its id, or its import `ref`.
pub async fn find(store: &dyn Store, site: &Site, key: &str) -> Result<i64> {
    store.find_item(site, key).await
}

/// One item, whole, with its history, oldest first.
pub async fn item(store: &dyn Store, site: &Site, id: i64) -> Result<(ExportedItem, Vec<HistoryEntry>)> {
    store.item(site, id).await
}

/// A review decision, the one way `review approve|reject` and the console make one: an approval
/// passes the content checks' gate, and the findings are recorded with the decision
/// (`reports::checks::decide`), with the built-in lists of names and words.
pub async fn decide(
    store: &dyn Store,
    site: &Site,
    item: i64,
    version: Option<i64>,
    decision: &Decision,
) -> Result<Transition> {
    let lists = checks::lists(None, None).map_err(StoreError::Refused)?;
    checks::decide(store, site, &lists, item, version, decision).await
}

/// Publishes an approved item in its target columns, or in `columns` when given.
pub async fn publish(
    store: &dyn Store,
    site: &Site,
    item: i64,
    version: Option<i64>,
    columns: &[i64],
) -> Result<Transition> {
    store.publish(site, item, version, columns).await
}

/// Publishes approved items one after another in their target columns: what each did, in order
/// (one refused does not stop the others).
pub async fn publish_many(store: &dyn Store, site: &Site, items: &[(i64, i64)]) -> Vec<Result<Transition>> {
    let mut done = Vec::with_capacity(items.len());
    for &(item, version) in items {
        done.push(store.publish(site, item, Some(version), &[]).await);
    }
    done
}
