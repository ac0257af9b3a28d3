//! The working-day calendar: what it holds and importing a year's holiday notice, the same report
//! functions for `calendar` and `:calendar`.

use chrono::NaiveDate;

use crate::domain::calendar::{CalendarDay, CalendarImport};
pub use crate::domain::holiday_notice::{Notice, NoticeError};
use crate::reports::calendar as notices;
pub use crate::reports::calendar::{CalendarStatus, Preview, said, summary};
use crate::store::{Result, Site, Store};

/// The days the calendar holds (a year's, or all), in order.
pub async fn days(store: &dyn Store, year: Option<i32>) -> Result<Vec<CalendarDay>> {
    store.calendar(year).await
}

/// Adds or changes calendar days (an administrator's), audited: how many changed.
pub async fn set_days(store: &dyn Store, days: &[CalendarDay]) -> Result<usize> {
    store.set_calendar_days(days).await
}

/// What the calendar holds as of a day, and what it is missing.
pub async fn status(store: &dyn Store, site: &Site, today: NaiveDate) -> Result<CalendarStatus> {
    notices::status(store, site, today).await
}

/// A notice's text read (or why it cannot be), with what importing it would change.
pub async fn preview(store: &dyn Store, text: &str) -> Result<std::result::Result<Preview, NoticeError>> {
    notices::preview(store, text).await
}

/// Imports a notice: its days, and the year recorded as held.
pub async fn import(store: &dyn Store, notice: &Notice) -> Result<CalendarImport> {
    notices::import(store, notice).await
}
