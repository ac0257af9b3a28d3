//! The console's calendar queries (`app::CalendarLoad`), run on a task: the same use cases
//! `calendar import` and `calendar show` call.

use super::app::{CalendarLoad, CalendarLoaded};
use crate::store::{Site, Store, StoreError};
use crate::usecase::calendar as notices;

/// Runs one calendar query; errors as one line.
pub async fn load(
    store: &dyn Store,
    site: &Site,
    what: CalendarLoad,
    line: impl Fn(StoreError) -> String,
) -> CalendarLoaded {
    match what {
        CalendarLoad::Status { at } => CalendarLoaded::Status(notices::status(store, site, at).await.map_err(line)),
        CalendarLoad::Preview { path } => CalendarLoaded::Preview(match std::fs::read_to_string(&path) {
            Err(e) => Err(crate::t!("calendar-cannot-read", file = path.clone(), error = crate::i18n::os_error(&e))),
            Ok(text) => match notices::preview(store, &text).await {
                Err(e) => Err(line(e)),
                Ok(Err(e)) => Err(crate::t!("calendar-not-imported", file = path.clone(), error = e.to_string())),
                Ok(Ok(p)) => Ok(Box::new(p)),
            },
        }),
        CalendarLoad::Import(notice) => CalendarLoaded::Imported(
            notices::import(store, &notice).await.map(|done| notices::said(&notice, &done, true)).map_err(line),
        ),
    }
}
