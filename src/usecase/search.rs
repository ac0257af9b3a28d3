//! Search by text across the site's columns (issue 21): the items whose title or body holds a
//! text, any status, newest first, with their columns. `portal-admin search` and the console's
//! `:find` both run it.

use chrono::NaiveDate;

use crate::domain::ItemStatus;
use crate::domain::search::{Needle, units_matching};
use crate::store::{
    FoundItem, FoundKey, Initials, ListFilter, Result, Seek, Site, Store, StoreError, TextSearch, Total,
};
use crate::t;

/// What was asked, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asked {
    pub text: String,
    pub status: Option<ItemStatus>,
    pub column: Option<i64>,
    /// A unit's name, part of it, or its pinyin initials.
    pub unit: Option<String>,
    /// Published (or submitted) on or after this day, Beijing time.
    pub since: Option<NaiveDate>,
}

/// Why a search cannot run.
#[derive(Debug)]
pub enum Refused {
    /// What was typed cannot be searched for (one line that says why: bad input).
    Input(String),
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Refused {
        Refused::Store(e)
    }
}

impl Refused {
    /// The one line to show.
    pub fn one_line(&self) -> String {
        match self {
            Refused::Input(said) => said.clone(),
            Refused::Store(e) => e.one_line(),
        }
    }
}

/// The search to run: the text checked (two characters or more), the unit found by its name or
/// its pinyin initials, the column one of the site's.
pub async fn prepare(store: &dyn Store, site: &Site, asked: &Asked) -> std::result::Result<TextSearch, Refused> {
    let needle = Needle::new(&asked.text).map_err(Refused::Input)?;
    let unit = match asked.unit.as_deref() {
        None => None,
        Some(wanted) => {
            let unit = super::columns::unit_named(store, site, wanted).await?.map_err(Refused::Input)?;
            Some(unit.id)
        }
    };
    if let Some(column) = asked.column {
        let columns = store.columns(site).await?;
        if !columns.iter().any(|c| c.id == column) {
            return Err(Refused::Input(t!("search-no-column", column = column, site = site.code.as_str())));
        }
    }
    Ok(TextSearch {
        needle,
        status: asked.status,
        column: asked.column,
        unit,
        since: asked.since.map(crate::domain::time::beijing_midnight),
        within: None,
    })
}

/// A page of what the search finds, newest first, from `seek`.
pub async fn page(
    store: &dyn Store,
    site: &Site,
    search: &TextSearch,
    seek: Seek<FoundKey>,
    limit: i64,
) -> Result<Vec<FoundItem>> {
    store.search(site, search, seek, limit).await
}

/// Everything the search finds, newest first, read a page at a time.
pub async fn all(store: &dyn Store, site: &Site, search: &TextSearch) -> Result<Vec<FoundItem>> {
    const PAGE: i64 = 1_000;
    let mut out: Vec<FoundItem> = Vec::new();
    loop {
        let page = store.search(site, search, out.last().map(FoundItem::key).into(), PAGE).await?;
        let full = page.len() as i64 == PAGE;
        out.extend(page);
        if !full {
            return Ok(out);
        }
    }
}

/// What a list's filter typed asks of the database (`ListFilter`): the text, two characters or
/// more (else refused, with the one line that says why), the units it names by name or pinyin
/// initials, and, when it may be pinyin initials (`hybz`), the items whose title's initials hold
/// it, any reading of a character: stored when each title is written (item_initials), so the
/// database finds them, beyond what is loaded, a page at a time as it finds the rest.
pub async fn list_filter(store: &dyn Store, site: &Site, typed: &str) -> Result<ListFilter> {
    let text = Needle::new(typed.trim()).map_err(StoreError::Refused)?;
    let units = store.units(site).await?;
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let named = units_matching(&names, text.as_str());
    let units = units.iter().filter(|u| named.contains(&u.name.as_str())).map(|u| u.id).collect();
    let initials = match Initials::new(text.as_str(), true) {
        Some(initials) if initials.few() => {
            let holding = store.initials_holding(site, initials.letters(), FEW_INITIALS + 1).await?;
            Initials::new(text.as_str(), holding <= FEW_INITIALS)
        }
        other => other,
    };
    Ok(ListFilter { text, units, initials })
}

/// Above this many items whose titles' initials hold a filter, a list looks each item it reads up
/// rather than gathering them all from the index first (`Initials::few`).
pub const FEW_INITIALS: i64 = 2_000;

/// A page of what `:find TEXT` finds, newest first, from `seek`, with a list's filter typed on
/// top (`/` in the Find tab), which is searched for in the database too.
pub async fn found(
    store: &dyn Store,
    site: &Site,
    text: &str,
    filter: Option<&str>,
    seek: Seek<FoundKey>,
    limit: i64,
) -> Result<Vec<FoundItem>> {
    let search = found_search(store, site, text, filter).await?;
    page(store, site, &search, seek, limit).await
}

/// How many items `found` lists: the Find tab's "n of N".
pub async fn found_total(store: &dyn Store, site: &Site, text: &str, filter: Option<&str>) -> Result<Total> {
    let search = found_search(store, site, text, filter).await?;
    store.search_total(site, &search).await
}

async fn found_search(store: &dyn Store, site: &Site, text: &str, filter: Option<&str>) -> Result<TextSearch> {
    let needle = Needle::new(text).map_err(StoreError::Refused)?;
    let within = match filter {
        Some(typed) => Some(list_filter(store, site, typed).await?),
        None => None,
    };
    Ok(TextSearch { needle, status: None, column: None, unit: None, since: None, within })
}
