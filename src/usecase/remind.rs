//! Reminder sheets (提醒单): for each responsible unit, its columns due within a number of working
//! days (by the official calendar), overdue and blank, its items returned and waiting, its open
//! rectification orders. The same calls for `remind` and the console's `R`.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

use super::columns::{Order as Tree, with_staleness};
use super::document::{self, Format, WriteError};
use crate::domain::rectification::Status as OrderStatus;
use crate::domain::staleness::Status;
use crate::domain::time::beijing_date;
pub use crate::reports::remind::{Sheet, markdown, sheet_document};
use crate::reports::{self, remind::SheetColumn};
use crate::store::{Result, Site, Store, StoreError};
use crate::t;

/// The window of columns due soon when none is given, in working days.
pub const DEFAULT_WITHIN: u32 = 5;

/// The sheets of `unit`, or of every unit, as of today.
pub async fn sheets(store: &dyn Store, site: &Site, unit: Option<&str>, within: u32) -> Result<Vec<Sheet>> {
    let today = beijing_date(Utc::now());
    sheets_at(store, site, unit, within, today).await
}

/// The sheets as of `today` (a Beijing date), in the order of the site's units.
pub async fn sheets_at(
    store: &dyn Store,
    site: &Site,
    unit: Option<&str>,
    within: u32,
    today: NaiveDate,
) -> Result<Vec<Sheet>> {
    let units = store.units(site).await?;
    if let Some(unit) = unit
        && !units.iter().any(|u| u.name == unit)
    {
        return Err(StoreError::no_unit(unit, &site.code));
    }
    let columns = with_staleness(store, site, today, Tree::Tree).await?;
    let calendar = reports::calendar(store).await?;
    let horizon = calendar.working_days_after(today, within);
    let returned = store.returned_items(site, unit).await?;
    let orders = super::rectification::list(store, site, unit, None).await?;
    let mut out = Vec::new();
    for u in units.iter().filter(|u| unit.is_none_or(|n| n == u.name)) {
        let mut sheet = Sheet {
            site_name: site.name.clone(),
            unit: u.name.clone(),
            unit_full_name: u.full_name.clone(),
            today,
            within,
            due_soon: Vec::new(),
            overdue: Vec::new(),
            blank: Vec::new(),
            returned: returned.iter().filter(|r| r.unit == u.name).cloned().collect(),
            orders: orders.iter().filter(|o| o.row.unit == u.name && o.status != OrderStatus::Done).cloned().collect(),
        };
        for row in columns.iter().filter(|c| c.column.units.contains(&u.name)) {
            let column = SheetColumn {
                path: row.column.path.clone(),
                rule: row.column.deadline.clone(),
                due: row.staleness.due,
                days_overdue: row.staleness.days_overdue,
            };
            match row.staleness.status {
                Status::Overdue => sheet.overdue.push(column),
                Status::Empty => sheet.blank.push(column),
                Status::DueSoon | Status::Ok if row.staleness.due.is_some_and(|d| d >= today && d <= horizon) => {
                    sheet.due_soon.push(column)
                }
                Status::DueSoon | Status::Ok | Status::Exempt => {}
            }
        }
        sheet.due_soon.sort_by_key(|c| c.due);
        sheet.overdue.sort_by_key(|c| std::cmp::Reverse(c.days_overdue));
        out.push(sheet);
    }
    Ok(out)
}

/// The file name of a unit's sheet of a day in a folder: `提醒单-<unit>-<date>.md` (or `.docx`).
pub fn file_name(unit: &str, today: NaiveDate, format: Format) -> PathBuf {
    PathBuf::from(format!("提醒单-{}-{today}.{}", unit.replace(['/', '\\'], "_"), format.extension()))
}

/// One unit's sheet as of today, written into `dir` under `file_name`, as `remind --unit NAME
/// --dir DIR` writes it (the console's `R`); an existing file only with `force`. The path written.
pub async fn write_into(
    store: &dyn Store,
    site: &Site,
    unit: &str,
    within: u32,
    dir: &Path,
    force: bool,
) -> Result<PathBuf> {
    let sheets = sheets(store, site, Some(unit), within).await?;
    let sheet = sheets.first().ok_or_else(|| StoreError::no_unit(unit, &site.code))?;
    let path = dir.join(file_name(&sheet.unit, sheet.today, Format::Markdown));
    write(sheet, &path, force).await?;
    Ok(path)
}

/// Writes a sheet to `path` whole (never half a file), as Markdown or, for a `.docx`, in the
/// national format; an existing file only with `force`.
pub async fn write(sheet: &Sheet, path: &Path, force: bool) -> Result<()> {
    document::write(&sheet_document(sheet), path, force).await.map_err(|e| match e {
        WriteError::Refused(e) => e,
        WriteError::Io(e) => {
            StoreError::Refused(t!("remind-not-written", path = path.display().to_string(), error = e.to_string()))
        }
    })
}
