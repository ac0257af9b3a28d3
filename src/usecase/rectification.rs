//! Rectification orders (整改通知): issued with a deadline in working days from the official
//! calendar, listed by urgency, closed by hand or by themselves when what they name is fixed. The
//! same calls for `rectifications` and the console.

use chrono::{NaiveDate, Utc};

use crate::domain::Closing;
use crate::domain::document::Document;
use crate::domain::inspection::indicator;
use crate::domain::rectification::{self, DEFAULT_DAYS, Status, Subject};
use crate::domain::time::beijing_date;
pub use crate::reports::rectifications::Order;
use crate::reports::{self, rectifications as report};
use crate::store::{
    AuditAbout, AuditEntry, AuditFilter, RectificationClosing, RectificationInput, Result, Site, Store, StoreError,
};
use crate::t;

/// What an order is about, as a user names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum About {
    /// A column, by id.
    Column(i64),
    /// An item, by id or ref, and the content check's finding (its kind) if the order is about one.
    Item { key: String, finding: Option<String> },
    /// An indicator of the national check, by key or name.
    Indicator(String),
}

/// An order issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub id: i64,
    /// The unit it was issued to, by its name (as typed: its name, part of it, or its pinyin
    /// initials).
    pub unit: String,
    pub due_on: NaiveDate,
    pub days: u32,
    /// The deadline counts days of a year whose holiday notice the calendar does not hold.
    pub provisional: bool,
    /// The item's id, for an order about an item named by ref.
    pub item: Option<i64>,
    /// The indicator's key, for an order about an indicator named by its name.
    pub indicator: Option<String>,
}

/// Issues an order to `unit` (its name, part of it, or its pinyin initials, as every command and
/// the console take a unit: `tjj` 统计局) about `about`, due `days` working days from today (5 when
/// not given).
pub async fn add(
    store: &dyn Store,
    site: &Site,
    unit: &str,
    about: &About,
    note: &str,
    days: Option<i64>,
) -> Result<Issued> {
    let days = rectification::check_days(days.unwrap_or(i64::from(DEFAULT_DAYS)))
        .map_err(|e| StoreError::Refused(e.to_string()))?;
    if note.trim().is_empty() {
        return Err(StoreError::Refused(t!("rectify-needs-note")));
    }
    let unit = super::columns::unit_named(store, site, unit).await?.map_err(StoreError::Refused)?.name;
    let subject = match about {
        About::Column(id) => Subject::Column(*id),
        About::Item { key, finding } => {
            Subject::Item { id: store.find_item(site, key).await?, finding: finding.clone() }
        }
        About::Indicator(name) => match indicator(name) {
            Some((key, _)) => Subject::Indicator(key.to_string()),
            None => {
                let known: Vec<&str> = crate::domain::inspection::INDICATORS.iter().map(|(k, _)| *k).collect();
                return Err(StoreError::NotFound(t!(
                    "rectify-no-indicator",
                    name = format!("{name:?}"),
                    known = known.join(", ")
                )));
            }
        },
    };
    let calendar = reports::calendar(store).await?;
    let issued = beijing_date(Utc::now());
    let due_on = rectification::due_on(&calendar, issued, days);
    let provisional = rectification::due_is_provisional(&calendar, issued, due_on);
    let (item, indicator) = match &subject {
        Subject::Item { id, .. } => (Some(*id), None),
        Subject::Indicator(key) => (None, Some(key.clone())),
        Subject::Column(_) => (None, None),
    };
    let input = RectificationInput { unit: unit.clone(), subject, note: note.trim().to_string(), days, due_on };
    let id = store.add_rectification(site, &input).await?;
    Ok(Issued { id, unit, due_on, days, provisional, item, indicator })
}

/// Records as closed the open orders whose subject has been fixed since (how, and when the fix
/// happened), in one transaction; how many. A publication and an import close the column orders
/// they fix, and a withdrawal, a mark, a waiver and the writes that find an item's findings again
/// (import, publish, `check --all`) the item orders, each in its own transaction:
/// what is left to record here is a fix made by someone who may not close orders (a reviewer's
/// waiver) or before the writes recorded their closings themselves. Someone who may not close
/// orders (not an active administrator, or a read-only console) records nothing, and is told so
/// by the listing, which shows those orders done all the same.
pub async fn record_fixes(store: &dyn Store, site: &Site, orders: &[Order]) -> Result<usize> {
    let closings: Vec<RectificationClosing> = orders
        .iter()
        .filter_map(|o| o.unrecorded_fix().map(|(how, at)| RectificationClosing { id: o.row.id, how, at, note: None }))
        .collect();
    if closings.is_empty() {
        return Ok(0);
    }
    match store.close_rectifications(site, &closings).await {
        Ok(()) => Ok(closings.len()),
        Err(StoreError::Refused(_)) => Ok(0),
        Err(e) => Err(e),
    }
}

/// The orders (of a unit, of a status when given) as of today, most urgent first, the fixed ones
/// recorded as closed first where the user may.
pub async fn list(store: &dyn Store, site: &Site, unit: Option<&str>, status: Option<Status>) -> Result<Vec<Order>> {
    if let Some(unit) = unit
        && !store.units(site).await?.iter().any(|u| u.name == unit)
    {
        return Err(StoreError::no_unit(unit, &site.code));
    }
    let today = beijing_date(Utc::now());
    let mut orders = report::orders(store, site, unit, today).await?;
    if record_fixes(store, site, &orders).await? > 0 {
        orders = report::orders(store, site, unit, today).await?;
    }
    orders.retain(|o| status.is_none_or(|s| o.status == s));
    Ok(orders)
}

/// Closes an order by hand, with a note.
pub async fn done(store: &dyn Store, site: &Site, id: i64, note: &str) -> Result<()> {
    if note.trim().is_empty() {
        return Err(StoreError::Refused(t!("rectify-needs-note")));
    }
    let closing =
        RectificationClosing { id, how: Closing::ByHand, at: Utc::now(), note: Some(note.trim().to_string()) };
    store.close_rectifications(site, &[closing]).await
}

/// One order, as of today.
pub async fn one(store: &dyn Store, site: &Site, id: i64) -> Result<Order> {
    list(store, site, None, None)
        .await?
        .into_iter()
        .find(|o| o.row.id == id)
        .ok_or_else(|| StoreError::NotFound(t!("rectify-no-order", id = id, site = site.code.as_str())))
}

/// An order's rectification notice (整改通知) to its unit, signed by the site on the day it was
/// issued: the one document `rectifications notice` writes as Markdown or in the national format.
pub async fn notice(store: &dyn Store, site: &Site, id: i64) -> Result<Document> {
    Ok(report::notice(&one(store, site, id).await?, &site.name))
}

/// An order's audit history, oldest first: its issuing, and its closing, by hand or by the write
/// that fixed what it names.
pub async fn history(store: &dyn Store, site: &Site, id: i64) -> Result<Vec<AuditEntry>> {
    let filter = AuditFilter { about: Some(AuditAbout::Order(id)), ..Default::default() };
    let mut records = super::audit::all(store, site, &filter).await?;
    records.reverse();
    Ok(records)
}
