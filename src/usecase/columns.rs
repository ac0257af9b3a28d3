//! The column tree with every column's staleness (Art. 6's deadlines), a column's online items
//! and the documents due in it.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::staleness::Status;
/// The documents registered (in one column, or all), each with its due date and status as of a day
/// (`documents`, a column's heading).
pub use crate::reports::documents;
use crate::reports::{self, DocumentReportRow, StaleRow};
use crate::store::{ColumnRow, ItemSummary, ListFilter, NewDocumentInput, Result, Seek, Site, Store, Total, UnitRow};

/// The order of the columns with their staleness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The tree's order (the console's tree).
    Tree,
    /// The worst first: overdue by most days, then empty, then due soon (`stale`).
    WorstFirst,
}

/// Every column of the site with its staleness as of `at` and its responsible units
/// (`StaleRow::column.units`), in `order`.
pub async fn with_staleness(store: &dyn Store, site: &Site, at: NaiveDate, order: Order) -> Result<Vec<StaleRow>> {
    // At once: the tree with its units, and the staleness report (which reads the columns without).
    let (stale, tree) = tokio::try_join!(reports::stale(store, site, at), store.columns(site))?;
    let mut units: HashMap<i64, Vec<String>> = tree.iter().map(|c| (c.id, c.units.clone())).collect();
    let mut rows: Vec<StaleRow> = stale
        .into_iter()
        .map(|mut r| {
            r.column.units = units.remove(&r.column.id).unwrap_or_default();
            r
        })
        .collect();
    if order == Order::Tree {
        let position: HashMap<i64, usize> = tree.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        rows.retain(|r| position.contains_key(&r.column.id));
        rows.sort_by_key(|r| position[&r.column.id]);
    }
    Ok(rows)
}

/// The staleness report (`stale`): every column worst first, of one unit's when `unit` is given,
/// only those overdue or empty with `overdue_only`. The units are read only for `unit` (the report
/// shows the columns' departments), so the report costs its one statement otherwise.
pub async fn stale(
    store: &dyn Store,
    site: &Site,
    at: NaiveDate,
    unit: Option<&str>,
    overdue_only: bool,
) -> Result<Vec<StaleRow>> {
    let mut rows = match unit {
        Some(_) => with_staleness(store, site, at, Order::WorstFirst).await?,
        None => reports::stale(store, site, at).await?,
    };
    rows.retain(|r| {
        (!overdue_only || needs_attention(r)) && unit.is_none_or(|name| r.column.units.iter().any(|u| u == name))
    });
    Ok(rows)
}

/// Whether a column needs attention: overdue or empty (`stale --overdue`, the console's `o`).
pub fn needs_attention(row: &StaleRow) -> bool {
    matches!(row.staleness.status, Status::Overdue | Status::Empty)
}

/// The column tree as stored, with each column's responsible units.
pub async fn tree(store: &dyn Store, site: &Site) -> Result<Vec<ColumnRow>> {
    store.columns(site).await
}

/// The site's responsible units.
pub async fn units(store: &dyn Store, site: &Site) -> Result<Vec<UnitRow>> {
    store.units(site).await
}

/// The unit `typed` names, as every command and the console take one: its name, part of it, or
/// its pinyin initials (`tjj` 统计局). `Ok(Err(line))` when it names none (the line lists the
/// site's units) or several (it lists those), in the interface's language.
pub async fn unit_named(store: &dyn Store, site: &Site, typed: &str) -> Result<std::result::Result<UnitRow, String>> {
    let units = store.units(site).await?;
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    Ok(match crate::domain::search::unit_named(&names, typed) {
        Ok(name) => Ok(units.iter().find(|u| u.name == name).cloned().expect("a unit named is one of the units")),
        Err(several) if several.len() > 1 => Err(crate::t!(
            "unit-ambiguous",
            name = format!("{typed:?}"),
            units = several.join(&crate::t!("list-separator"))
        )),
        Err(_) => Err(crate::t!(
            "no-such-unit",
            name = format!("{typed:?}"),
            site = site.code.as_str(),
            units = names.join(&crate::t!("list-separator"))
        )),
    })
}

/// A page of the items online in a column, newest first, from `seek` (the first page, after a
/// key, the last, before a key); with `filter` (as typed), those whose title or body holds it or
/// whose unit or title it names by pinyin initials (`search::list_filter`).
pub async fn items(
    store: &dyn Store,
    site: &Site,
    column_id: i64,
    seek: Seek<(DateTime<Utc>, i64)>,
    filter: Option<&str>,
    limit: i64,
) -> Result<Vec<ItemSummary>> {
    let filter = column_filter(store, site, filter).await?;
    store.column_items(site, column_id, seek, filter.as_ref(), limit).await
}

/// How many items `items` lists with `filter` (as typed): the heading's "n of N".
pub async fn items_total(store: &dyn Store, site: &Site, column_id: i64, filter: Option<&str>) -> Result<Total> {
    let filter = column_filter(store, site, filter).await?;
    store.column_item_total(site, column_id, filter.as_ref()).await
}

async fn column_filter(store: &dyn Store, site: &Site, filter: Option<&str>) -> Result<Option<ListFilter>> {
    match filter {
        Some(typed) => Ok(Some(super::search::list_filter(store, site, typed).await?)),
        None => Ok(None),
    }
}

/// What a column's heading shows: how many items are online in it, and the documents due in it
/// as of `at`.
pub async fn head(
    store: &dyn Store,
    site: &Site,
    column_id: i64,
    at: NaiveDate,
) -> Result<(i64, Vec<DocumentReportRow>)> {
    let count = store.column_item_count(site, column_id).await?;
    let documents = documents(store, site, at, false, Some(column_id)).await?;
    Ok((count, documents))
}

/// Registers a document whose publication an event deadline counts from (Art. 7), audited: its id.
pub async fn add_document(store: &dyn Store, site: &Site, document: &NewDocumentInput) -> Result<i64> {
    store.add_document(site, document).await
}
