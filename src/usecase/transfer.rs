//! Items written in from another system (`import`) and read out (`export`), as JSON Lines.

use chrono::{DateTime, Utc};

use crate::store::{ExportedItem, Record, Result, Site, Store};

/// Writes the records in one transaction with one audit record (`detail`), all or nothing,
/// `progress(n)` as the items are written: how many.
pub async fn import(
    store: &dyn Store,
    site: &Site,
    detail: &str,
    records: Vec<Record>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64> {
    store.insert(site, "import", detail, &mut records.into_iter(), progress).await
}

/// A page of the site's items in id order after `after`, changed at or after `since` if given.
pub async fn export_page(
    store: &dyn Store,
    site: &Site,
    after: i64,
    since: Option<DateTime<Utc>>,
    limit: i64,
) -> Result<Vec<ExportedItem>> {
    store.export_page(site, after, since, limit).await
}
