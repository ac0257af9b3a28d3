//! A list read from the database a page at a time, driven the same way in every view: a view
//! declares where its pages come from (a `Source`: the query for a page and the query counting
//! the list) and keeps them in a `Paged<Row, Source>`; `View::pages` hands that to the console,
//! which reads the first page when the view is shown, the next as the selection nears the end of
//! what is loaded, the end's or the start's when `End` or `Home` needs it, the first again for a
//! filter the database applies, and the list again after F5 or a change, counting it beside a
//! first or last page so the heading says "n of N". The view routes its results back to
//! `Paged::arrived` and `Paged::accept_total`.

use super::Ask;
use crate::store::{Seek, Site, Store, StoreError, Total};
use crate::ui::app::Load;
use crate::ui::paged::{List, Paged, Row};

/// Where a list's pages come from: the queries a view asks for them.
pub trait Source {
    /// The key the list is paged by (its rows' `Row::Key`).
    type Key;

    /// The query for the page from `seek`, read with the database's filter (`None`: every row);
    /// `None` when there is nothing to read (Find before a text is given).
    fn page(&self, seek: Seek<Self::Key>, filter: Option<String>) -> Option<Load>;

    /// The query counting the list's rows with the database's filter.
    fn total(&self, filter: Option<String>) -> Option<Load>;

    /// What the status line says when a page could not be read.
    fn failed(&self, error: String) -> String;
}

/// A list read a page at a time, as the console drives it (`View::pages`).
pub trait Pager: List {
    /// Brought to the front: reads the first page if nothing has been read.
    fn start(&mut self, ask: &mut Ask);

    /// Reads it again from the end it was read from (F5, after a change): the selection stays
    /// on its row.
    fn read_again(&mut self, ask: &mut Ask);

    /// Reads the page the selection, `Home` or `End` needs, if one is needed.
    fn more(&mut self, height: usize, ask: &mut Ask);

    /// Its filter changed: reads the first page again if the database is to filter it otherwise.
    fn refiltered(&mut self, ask: &mut Ask);
}

impl<T: Row, S: Source<Key = T::Key>> Paged<T, S> {
    /// Asks for the page from `seek`: a first page with the filter typed (and, unless `Home` or
    /// `End` reads it, its count), the others with the filter the rows were read with.
    pub fn read(&mut self, seek: Seek<T::Key>, ask: &mut Ask) {
        let filter = self.filter_for(&seek);
        let Some(page) = self.source.page(seek.clone(), filter.clone()) else { return };
        if self.counts(&seek)
            && let Some(total) = self.source.total(filter.clone())
        {
            let req = ask.request(total);
            self.count_asked(req, filter.clone());
        }
        let req = ask.request(page);
        self.filtered(req, seek, filter);
    }

    /// A page arrived for request `id`: taken if it is the one waited for, then the next read if
    /// the screen is not yet full (the filter may keep few); a failure said on the status line.
    pub fn arrived(&mut self, id: u64, page: Result<Vec<T>, String>, height: usize, ask: &mut Ask) {
        let failed = page.as_ref().err().filter(|_| self.waiting == Some(id)).cloned();
        if self.accept(id, page, height) {
            Pager::more(self, height, ask);
        }
        if let Some(e) = failed {
            ask.warn(self.source.failed(e));
        }
    }
}

impl<T: Row, S: Source<Key = T::Key>> Pager for Paged<T, S> {
    fn start(&mut self, ask: &mut Ask) {
        if !self.loaded() {
            self.read(Seek::First, ask);
        }
    }

    fn read_again(&mut self, ask: &mut Ask) {
        self.read(self.again(), ask);
    }

    fn more(&mut self, height: usize, ask: &mut Ask) {
        if let Some(seek) = self.wants_more(height) {
            self.read(seek, ask);
        }
    }

    fn refiltered(&mut self, ask: &mut Ask) {
        if self.refilter() {
            self.read(Seek::First, ask);
        }
    }
}

/// A list that is all its view reads (the Audit and Withdrawn tabs): its rows, the use cases that
/// read a page of them and count them, what a failed page says and how a row is made safe. Its
/// view's queries and results are then `ListLoad<Self>` and `ListLoaded<Self>`, with the
/// `Source` its `Paged<Self::Row, Self>` reads by.
#[async_trait::async_trait]
pub trait Listed: std::fmt::Debug + Clone + PartialEq + Send + Sync + 'static {
    /// A row of the list.
    type Row: Row + std::fmt::Debug + Clone + Send;

    /// The filter as its use cases take it.
    type Filter: Send + Sync;

    /// The filter as typed (`None`: every row), as the use cases take it; `Err` says why it is
    /// refused.
    fn filter(typed: Option<&str>) -> Result<Self::Filter, String>;

    /// A page of the rows from `seek`, with the filter.
    async fn page(store: &dyn Store, site: &Site, filter: &Self::Filter, seek: Seek<Key<Self>>) -> Fetched<Self::Row>;

    /// How many rows the list has with the filter.
    async fn total(store: &dyn Store, site: &Site, filter: &Self::Filter) -> crate::store::Result<Total>;

    /// What the status line says when a page could not be read.
    fn failed(error: String) -> String;

    /// Makes a row safe to keep and show (`ui::sanitise`).
    fn sanitise(row: &mut Self::Row);
}

/// The key a listed list is paged by.
pub type Key<L> = <<L as Listed>::Row as Row>::Key;

/// A page of a listed list, as its use case reads it.
pub type Fetched<T> = crate::store::Result<Vec<T>>;

/// A listed list's query: a view's `Load`.
#[derive(Debug, Clone, PartialEq)]
pub enum ListLoad<L: Listed> {
    /// A page of the list from `seek`, with the filter as typed.
    Page { seek: Seek<Key<L>>, filter: Option<String> },
    /// How many rows the list has, with the filter as typed.
    Total { filter: Option<String> },
}

/// What a listed list's query brought back: a view's `Loaded`.
#[derive(Debug, Clone)]
pub enum ListLoaded<L: Listed> {
    Page(Result<Vec<L::Row>, String>),
    Total(Result<Total, String>),
}

impl<L: Listed> ListLoad<L> {
    pub fn is_write(&self) -> bool {
        match self {
            ListLoad::Page { .. } | ListLoad::Total { .. } => false,
        }
    }

    pub async fn run(
        self,
        store: &dyn Store,
        site: &Site,
        line: &(dyn Fn(StoreError) -> String + Sync),
    ) -> ListLoaded<L> {
        match self {
            ListLoad::Page { seek, filter } => ListLoaded::Page(match L::filter(filter.as_deref()) {
                Ok(filter) => L::page(store, site, &filter, seek).await.map_err(line),
                Err(said) => Err(said),
            }),
            ListLoad::Total { filter } => ListLoaded::Total(match L::filter(filter.as_deref()) {
                Ok(filter) => L::total(store, site, &filter).await.map_err(line),
                Err(said) => Err(said),
            }),
        }
    }
}

impl<L: Listed> ListLoaded<L> {
    pub fn failed(&self) -> bool {
        match self {
            ListLoaded::Page(r) => r.is_err(),
            ListLoaded::Total(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            ListLoaded::Page(r) => crate::ui::sanitise::each(r, L::sanitise),
            ListLoaded::Total(_) => {}
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, ListLoaded<L>)> {
        vec![
            ("Page", ListLoaded::Page(Err("the database said no".into()))),
            ("Total", ListLoaded::Total(Err("the database said no".into()))),
        ]
    }
}

impl<L: Listed> Source for L
where
    ListLoad<L>: Into<Load>,
{
    type Key = Key<L>;

    fn page(&self, seek: Seek<Key<L>>, filter: Option<String>) -> Option<Load> {
        Some(ListLoad::<L>::Page { seek, filter }.into())
    }

    fn total(&self, filter: Option<String>) -> Option<Load> {
        Some(ListLoad::<L>::Total { filter }.into())
    }

    fn failed(&self, error: String) -> String {
        L::failed(error)
    }
}

impl<L: Listed> Paged<L::Row, L>
where
    ListLoad<L>: Into<Load>,
{
    /// A result of the list's queries: a page to `arrived`, a count to `accept_total`.
    pub fn take(&mut self, id: u64, loaded: ListLoaded<L>, height: usize, ask: &mut Ask) {
        match loaded {
            ListLoaded::Page(result) => self.arrived(id, result, height, ask),
            ListLoaded::Total(result) => {
                self.accept_total(id, result);
            }
        }
    }
}
