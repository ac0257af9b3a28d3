//! The assessment of Art. 16–17: the ranking, a unit's score explained, incidents, and the
//! quarter's bulletin written whole.

use std::path::Path;

use crate::domain::accountability::Signal;
use crate::domain::assessment::Period;
use crate::domain::document::Document;
use crate::reports::bulletin::{self, OfUnit};
use crate::reports::{self, ScoreRow, StaleRow};
use crate::store::{EarningItem, IncidentInput, IncidentRow, Result, Site, Store};

/// The period's ranking.
pub async fn scores(store: &dyn Store, site: &Site, period: Period) -> Result<Vec<ScoreRow>> {
    reports::scores(store, site, period).await
}

/// The items that earned a unit its points in a period, newest first (`scores --unit`).
pub async fn earnings(store: &dyn Store, site: &Site, unit: &str, period: Period) -> Result<Vec<EarningItem>> {
    store.unit_items(site, unit, period.first_day(), period.end_day()).await
}

/// A unit's score in a period, explained.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    /// Its line of the ranking (`None`: not an assessed unit).
    pub row: Option<ScoreRow>,
    /// The items that earned its points, newest first.
    pub items: Vec<EarningItem>,
    /// Its incidents and their corrections, oldest first.
    pub incidents: Vec<IncidentRow>,
    /// Why its head is to be notified (Art. 17).
    pub signals: Vec<Signal>,
    /// Its columns overdue or empty at the period's end.
    pub overdue: Vec<StaleRow>,
}

/// What a unit's score in a period is made of: its items (`earnings`, as `scores --unit` lists
/// them) and incidents, and from the period's
/// bulletin its line of the ranking, its Art. 17 signals and its overdue columns.
pub async fn explain(store: &dyn Store, site: &Site, unit: &str, period: Period) -> Result<Explanation> {
    // At once: on a large database the bulletin's facts take as long as the rest together.
    let (items, incidents, b) = tokio::try_join!(
        earnings(store, site, unit, period),
        store.incidents(site, Some(period), Some(unit)),
        bulletin::gather(store, site, period),
    )?;
    Ok(Explanation {
        row: b.scores.into_iter().find(|r| r.unit == unit),
        items,
        incidents,
        signals: OfUnit::of(b.signals, unit),
        overdue: OfUnit::of(b.overdue, unit),
    })
}

/// Records an incident against a unit, about the item a user typed (id or ref) if any; its id.
pub async fn add_incident(
    store: &dyn Store,
    site: &Site,
    input: &mut IncidentInput,
    item: Option<&str>,
) -> Result<i64> {
    if let Some(key) = item {
        input.item = Some(store.find_item(site, key).await?);
    }
    store.add_incident(site, input).await
}

/// The incidents and their reversals, of a period (Beijing days, inclusive) and a unit when given.
pub async fn incidents(
    store: &dyn Store,
    site: &Site,
    period: Option<Period>,
    unit: Option<&str>,
) -> Result<Vec<IncidentRow>> {
    store.incidents(site, period, unit).await
}

/// Reverses an incident (its points given back), with a note; the reversal's id.
pub async fn reverse_incident(store: &dyn Store, site: &Site, id: i64, note: &str) -> Result<i64> {
    store.reverse_incident(site, id, note).await
}

/// The period's bulletin as a document, with the national check's rules from `rules_file` (or
/// the user's inspection.toml, or the built-in ones); rules that cannot be read or do not fit
/// leave their part of the bulletin saying why.
pub async fn bulletin(store: &dyn Store, site: &Site, period: Period, rules_file: Option<&Path>) -> Result<Document> {
    let rules = reports::inspection::load_rules(store, site, rules_file).await.map_err(|e| e.one_line());
    let gathered = bulletin::gather_with(store, site, period, rules.as_ref().map_err(String::clone)).await?;
    Ok(bulletin::document(&gathered))
}
