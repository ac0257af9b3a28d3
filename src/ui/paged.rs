//! A list fetched a page at a time with keyset paging: only what has been scrolled to is loaded,
//! the next page is asked for (after the last row's key) as the selection nears the end, and a
//! refresh replaces the rows while the selection stays on its row. A list read from the database
//! filters there: once the filter has two characters (`db_filter`) its first page is read again
//! with it (text in titles and bodies, units by name or pinyin initials, titles by pinyin
//! initials: `usecase::search::list_filter`), so a match beyond what was loaded is found; until it
//! arrives, and for lists computed whole, the filter keeps the loaded rows that match.

use super::text::SearchKey;

/// A list's cursor: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection inside a window of `height` rows.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.show(len, height);
    }

    /// Keeps the selection visible.
    pub fn show(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// A row of a paged list.
pub trait Row {
    /// Where the next page starts: the rows after this one's key.
    type Key: Clone + PartialEq + std::fmt::Debug;
    fn key(&self) -> Self::Key;
    /// What the filter matches.
    fn search(&self) -> SearchKey;
    /// What the copy keys copy of it: its id (`id`) or its text; nothing by default.
    fn copy(&self, _id: bool) -> Option<String> {
        None
    }
}

/// A paged list, whatever its rows, as the keys every list view shares use it (`View::list`).
pub trait List {
    /// The cursor, and how many rows the filter keeps.
    fn cursor_mut(&mut self) -> (&mut Cursor, usize);
    /// What the filter keeps.
    fn filter_text(&self) -> &str;
    /// Filters it (the loaded rows; a list read by pages reads its first page again itself).
    fn filter_to(&mut self, filter: String, height: usize);
    /// Whether it has been loaded (or is loading).
    fn is_loaded(&self) -> bool;
    /// What the copy keys copy of the selected row.
    fn copy_selected(&self, id: bool) -> Option<String>;
}

impl<T: Row> List for Paged<T> {
    fn cursor_mut(&mut self) -> (&mut Cursor, usize) {
        let len = self.shown.len();
        (&mut self.cursor, len)
    }

    fn filter_text(&self) -> &str {
        &self.filter
    }

    fn filter_to(&mut self, filter: String, height: usize) {
        self.set_filter(filter, height);
    }

    fn is_loaded(&self) -> bool {
        self.loaded()
    }

    fn copy_selected(&self, id: bool) -> Option<String> {
        self.selected()?.copy(id)
    }
}

/// Rows asked for per page.
pub const PAGE: i64 = 100;

#[derive(Debug)]
pub struct Paged<T: Row> {
    pub rows: Vec<T>,
    keys: Vec<SearchKey>,
    /// The loaded rows the filter keeps (indexes into `rows`).
    pub shown: Vec<usize>,
    pub cursor: Cursor,
    pub filter: String,
    /// Every page has been loaded.
    pub done: bool,
    /// The request for a page that is running.
    pub waiting: Option<u64>,
    /// Whether the page being waited for is a first page (a refresh), which replaces the rows.
    first_page: bool,
    /// The database's filter the rows were read with (`db_filter`; `None`: every row), and the
    /// one the page waited for is read with.
    read_with: Option<String>,
    asking_with: Option<String>,
    pub error: Option<String>,
}

impl<T: Row> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            rows: Vec::new(),
            keys: Vec::new(),
            shown: Vec::new(),
            cursor: Cursor::default(),
            filter: String::new(),
            done: false,
            waiting: None,
            first_page: true,
            read_with: None,
            asking_with: None,
            error: None,
        }
    }
}

impl<T: Row> Paged<T> {
    /// Whether it has been loaded (or is loading), so that it loads again after a change.
    pub fn loaded(&self) -> bool {
        self.done || self.waiting.is_some() || !self.rows.is_empty()
    }

    pub fn selected(&self) -> Option<&T> {
        self.shown.get(self.cursor.selected).map(|&i| &self.rows[i])
    }

    /// The key to load the next page after, if more should be loaded now: the selection is within
    /// a screen of the end of what is loaded (or the filter keeps too few to fill the screen).
    pub fn wants_more(&self, height: usize) -> Option<Option<T::Key>> {
        if self.done || self.waiting.is_some() || self.cursor.selected + height + 1 < self.shown.len() {
            return None;
        }
        Some(self.rows.last().map(Row::key))
    }

    /// Notes that page `request` was asked for after `after` (`None`: the first page), of the whole
    /// list (`filtered` for one read with the database's filter).
    pub fn asked(&mut self, request: u64, after: Option<T::Key>) {
        self.waiting = Some(request);
        self.first_page = after.is_none();
        self.asking_with = None;
    }

    /// The filter the database is asked for: the one typed once it has two characters or more
    /// (one would keep nearly every row; until then the loaded rows are filtered).
    pub fn db_filter(&self) -> Option<String> {
        let typed = self.filter.trim();
        (typed.chars().count() >= crate::domain::search::SHORTEST).then(|| typed.to_string())
    }

    /// Whether the rows were read from the database with the filter typed: what they lack, the
    /// database does not hold (not merely what is loaded).
    pub fn read_with_filter(&self) -> bool {
        self.read_with.is_some() && self.read_with == self.db_filter()
    }

    /// The filter the next page is read with: the one the rows were read with.
    pub fn read_with(&self) -> Option<String> {
        self.read_with.clone()
    }

    /// Notes that page `request` was asked for after `after` (`None`: the first page), read with
    /// the database's filter `with` (`db_filter` for a first page, `read_with` for the next).
    pub fn filtered(&mut self, request: u64, after: Option<T::Key>, with: Option<String>) {
        self.asked(request, after);
        self.asking_with = with;
    }

    /// Whether the first page should be read again for the filter typed: the rows, and the page
    /// waited for, are read with another.
    pub fn refilter(&self) -> bool {
        let wanted = self.db_filter();
        match self.waiting {
            Some(_) if self.first_page => self.asking_with != wanted,
            _ => self.read_with != wanted,
        }
    }

    /// Takes a whole list that arrived for `request` (a list loaded at once, not by pages).
    pub fn accept_whole(&mut self, request: u64, rows: Result<Vec<T>, String>, height: usize) -> bool {
        let taken = self.accept(request, rows, height);
        if taken {
            self.done = true;
        }
        taken
    }

    /// Takes a page that arrived for `request`; false if it is not the one waited for.
    pub fn accept(&mut self, request: u64, page: Result<Vec<T>, String>, height: usize) -> bool {
        if self.waiting != Some(request) {
            return false;
        }
        self.waiting = None;
        match page {
            Ok(page) => {
                let selected = self.selected().map(Row::key);
                if self.first_page {
                    self.rows.clear();
                    self.keys.clear();
                    self.read_with = self.asking_with.take();
                }
                self.done = (page.len() as i64) < PAGE;
                for row in page {
                    self.keys.push(row.search());
                    self.rows.push(row);
                }
                self.error = None;
                self.reshow(height, selected);
            }
            Err(e) => self.error = Some(e),
        }
        true
    }

    /// Filters again, keeping the selection on the row with key `selected` if it is shown.
    pub fn reshow(&mut self, height: usize, selected: Option<T::Key>) {
        // Rows the database read with the filter typed all match it (in a body, say, which the
        // row does not hold).
        let read_so = self.read_with_filter();
        self.shown = (0..self.rows.len()).filter(|&i| read_so || self.keys[i].matches(&self.filter)).collect();
        if let Some(key) = selected
            && let Some(pos) = self.shown.iter().position(|&i| self.rows[i].key() == key)
        {
            self.cursor.selected = pos;
        }
        self.cursor.show(self.shown.len(), height);
    }

    /// Puts the loaded rows in another order; the selection stays on its row.
    pub fn sort_by_key<K: Ord>(&mut self, height: usize, key: impl Fn(&T) -> K) {
        let selected = self.selected().map(Row::key);
        let mut pairs: Vec<(T, SearchKey)> = self.rows.drain(..).zip(self.keys.drain(..)).collect();
        pairs.sort_by_key(|(row, _)| key(row));
        for (row, search) in pairs {
            self.rows.push(row);
            self.keys.push(search);
        }
        self.reshow(height, selected);
    }

    pub fn set_filter(&mut self, filter: String, height: usize) {
        let selected = self.selected().map(Row::key);
        self.filter = filter;
        self.reshow(height, selected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone)]
    struct N(i64, &'static str);

    impl Row for N {
        type Key = i64;
        fn key(&self) -> i64 {
            self.0
        }
        fn search(&self) -> SearchKey {
            SearchKey::new(&[self.1])
        }
    }

    fn page(from: i64, n: i64) -> Vec<N> {
        (from..from + n).map(|i| N(1000 - i, if i % 2 == 0 { "民政局" } else { "财政局" })).collect()
    }

    #[test]
    fn pages_append_and_a_first_page_replaces_keeping_the_selection() {
        let mut p: Paged<N> = Paged::default();
        assert_eq!(p.wants_more(20), Some(None));
        p.asked(1, None);
        assert!(!p.accept(2, Ok(page(0, 100)), 20), "not the page waited for");
        assert!(p.accept(1, Ok(page(0, 100)), 20));
        assert_eq!(p.wants_more(20), None);
        p.cursor.step(85, p.shown.len(), 20);
        assert_eq!(p.wants_more(20), Some(Some(901)));
        p.asked(2, Some(901));
        p.accept(2, Ok(page(100, 30)), 20);
        assert_eq!((p.rows.len(), p.done), (130, true));
        assert_eq!(p.wants_more(20), None);
        // A refresh: one newer row came first; the selection stays on its row.
        let selected = p.selected().unwrap().0;
        p.asked(3, None);
        let mut fresh = vec![N(2000, "新")];
        fresh.extend(page(0, 99));
        p.accept(3, Ok(fresh), 20);
        assert_eq!(p.selected().unwrap().0, selected);
        assert!(!p.done);
    }

    #[test]
    fn the_filter_keeps_matching_rows_and_the_selection() {
        let mut p: Paged<N> = Paged::default();
        p.asked(1, None);
        p.accept(1, Ok(page(0, 10)), 20);
        p.cursor.selected = 4;
        p.set_filter("mzj".into(), 20);
        assert_eq!(p.shown.len(), 5);
        assert_eq!(p.selected().unwrap().0, 996);
        p.set_filter(String::new(), 20);
        assert_eq!(p.selected().unwrap().0, 996);
    }
}
