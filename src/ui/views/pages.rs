//! A list read from the database a page at a time, driven the same way in every view: a view
//! declares where its pages come from (a `Source`: the query for a page and the query counting
//! the list) and keeps them in a `Paged<Row, Source>`; `View::pages` hands that to the console,
//! which reads the first page when the view is shown, the next as the selection nears the end of
//! what is loaded, the end's or the start's when `End` or `Home` needs it, the first again for a
//! filter the database applies, and the list again after F5 or a change, counting it beside a
//! first or last page so the heading says "n of N". The view routes its results back to
//! `Paged::arrived` and `Paged::accept_total`.

use super::Ask;
use crate::store::Seek;
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
