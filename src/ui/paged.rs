//! A list fetched a page at a time with keyset paging: only what has been scrolled to is loaded,
//! the next page is asked for (after the last row's key) as the selection nears the end, and a
//! refresh replaces the rows while the selection stays on its row. A list read from the database
//! filters there: once the filter has two characters (`db_filter`) its first page is read again
//! with it (text in titles and bodies, units by name or pinyin initials, titles by pinyin
//! initials: `usecase::search::list_filter`), so a match beyond what was loaded is found; until it
//! arrives, and for lists computed whole, the filter keeps the loaded rows that match.
//!
//! `End` reads the list's last page from its other end (`Seek::Last`, the statement's order
//! reversed) when the end is not loaded, and moving up from there reads the pages before it;
//! `Home` reads the first page again when it is not loaded. How many rows the list has (`Total`)
//! is counted in the database beside its first page, so the heading says "n of N".
//!
//! This is the list's state; the queries that read its pages, and the driving of them that every
//! view shares, are `views::pages`.

use super::text::SearchKey;
use crate::store::{Seek, Total};

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
    /// Whether a page of it is being read.
    fn is_waiting(&self) -> bool;
    /// What the copy keys copy of the selected row.
    fn copy_selected(&self, id: bool) -> Option<String>;
    /// `Home` (`top`) or `End`: there, or the page to read there noted (`Paged::jump`).
    fn jump_to(&mut self, top: bool, height: usize);
}

impl<T: Row, S> List for Paged<T, S> {
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

    fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    fn copy_selected(&self, id: bool) -> Option<String> {
        self.selected()?.copy(id)
    }

    fn jump_to(&mut self, top: bool, height: usize) {
        self.jump(top, height);
    }
}

/// Rows asked for per page.
pub const PAGE: i64 = 100;

/// A list's rows, what is shown of them and where it is in the reading of its pages; `S`, where
/// its pages come from, for a list read from the database a page at a time (`views::pages`).
#[derive(Debug)]
pub struct Paged<T: Row, S = ()> {
    /// Where its pages come from: the queries that read them.
    pub source: S,
    pub rows: Vec<T>,
    keys: Vec<SearchKey>,
    /// The loaded rows the filter keeps (indexes into `rows`).
    pub shown: Vec<usize>,
    pub cursor: Cursor,
    pub filter: String,
    /// Every page has been loaded to the list's end.
    pub done: bool,
    /// The first row loaded is the list's first (false once `End` read the last page first).
    pub front: bool,
    /// The request for a page that is running.
    pub waiting: Option<u64>,
    /// Which page is waited for: a first or last page replaces the rows, a next one follows them,
    /// one before them goes first.
    asking: Seek<()>,
    /// `Home` or `End` waits for its page (`Seek::First` or `Seek::Last`).
    jump: Option<Seek<()>>,
    /// The database's filter the rows were read with (`db_filter`; `None`: every row), and the
    /// one the page waited for is read with.
    read_with: Option<String>,
    asking_with: Option<String>,
    /// How many rows the list has in the database, with the filter the rows were read with.
    pub total: Option<Total>,
    /// The request counting them, and the filter it counts with.
    counting: Option<(u64, Option<String>)>,
    pub error: Option<String>,
}

impl<T: Row, S: Default> Default for Paged<T, S> {
    fn default() -> Self {
        Paged::new(S::default())
    }
}

impl<T: Row, S> Paged<T, S> {
    /// An empty list whose pages come from `source`.
    pub fn new(source: S) -> Self {
        Paged {
            source,
            rows: Vec::new(),
            keys: Vec::new(),
            shown: Vec::new(),
            cursor: Cursor::default(),
            filter: String::new(),
            done: false,
            front: true,
            waiting: None,
            asking: Seek::First,
            jump: None,
            read_with: None,
            asking_with: None,
            total: None,
            counting: None,
            error: None,
        }
    }
}

/// Where the selection is in a list, as its heading says it: "n of N".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The selected row's place (`None`: nothing shown), and whether it is estimated or a bound
    /// (`≈` / `≥`, as the total is, for a list reached from its end).
    pub n: Option<(i64, Option<char>)>,
    /// How many rows: exact, `≈` an estimate, `≥` a bound; `+` more than loaded (a filter of the
    /// loaded rows only); `None`: not counted yet.
    pub total: Option<(i64, Option<char>)>,
}

impl<T: Row, S> Paged<T, S> {
    /// Whether it has been loaded (or is loading), so that it loads again after a change.
    pub fn loaded(&self) -> bool {
        self.done || self.waiting.is_some() || !self.rows.is_empty()
    }

    pub fn selected(&self) -> Option<&T> {
        self.shown.get(self.cursor.selected).map(|&i| &self.rows[i])
    }

    /// The page to load now, if one should be: the one `Home` or `End` waits for; the next when
    /// the selection is within a screen of the end of what is loaded (or the filter keeps too few
    /// to fill the screen); the one before when it is within a screen of the start of what was
    /// loaded from the list's end.
    pub fn wants_more(&self, height: usize) -> Option<Seek<T::Key>> {
        if self.waiting.is_some() {
            return None;
        }
        match self.jump {
            Some(Seek::Last) => return Some(Seek::Last),
            Some(_) => return Some(Seek::First),
            None => {}
        }
        if !self.done && self.cursor.selected + height + 1 >= self.shown.len() {
            return Some(self.rows.last().map_or(Seek::First, |r| Seek::After(r.key())));
        }
        if !self.front && self.cursor.selected < height {
            return Some(self.rows.first().map_or(Seek::Last, |r| Seek::Before(r.key())));
        }
        None
    }

    /// Notes that page `request` was asked for after `after` (`None`: the first page), of the whole
    /// list (`filtered` for one read with the database's filter).
    pub fn asked(&mut self, request: u64, after: Option<T::Key>) {
        self.seeking(request, after.into());
    }

    fn seeking(&mut self, request: u64, seek: Seek<T::Key>) {
        self.waiting = Some(request);
        self.asking = seek.shape();
        self.asking_with = None;
        if matches!(seek, Seek::First | Seek::Last) && self.jump != Some(seek.shape()) {
            self.jump = None;
        }
    }

    /// `Home` (`top`) or `End`: moves there when it is loaded; otherwise the page to read there
    /// (`wants_more` gives it) and the selection goes there when it arrives. False: nothing to read.
    pub fn jump(&mut self, top: bool, height: usize) -> bool {
        let len = self.shown.len();
        let loaded = if top { self.front } else { self.done };
        if loaded {
            self.jump = None;
            let delta = if top { -(len as isize) } else { len as isize };
            self.cursor.step(delta, len, height);
            return false;
        }
        self.jump = Some(if top { Seek::First } else { Seek::Last });
        true
    }

    /// The page a list loaded again reads: its first, or its last when it was reached from its end
    /// (the selection stays on its row either way).
    pub fn again(&self) -> Seek<T::Key> {
        if self.front { Seek::First } else { Seek::Last }
    }

    /// Whether a page from `seek` is to be counted beside: a first or last page read again (a
    /// filter, a refresh), not one `Home` or `End` reads.
    pub fn counts(&self, seek: &Seek<T::Key>) -> bool {
        matches!(seek, Seek::First | Seek::Last) && self.jump.is_none()
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

    /// Notes that page `request` was asked for from `seek`, read with the database's filter `with`
    /// (`db_filter` for a first page, `read_with` for the others).
    pub fn filtered(&mut self, request: u64, seek: Seek<T::Key>, with: Option<String>) {
        self.seeking(request, seek);
        self.asking_with = with;
    }

    /// The filter a page from `seek` is read with: the one typed for a first page, else the one
    /// the rows were read with.
    pub fn filter_for(&self, seek: &Seek<T::Key>) -> Option<String> {
        if matches!(seek, Seek::First) { self.db_filter() } else { self.read_with() }
    }

    /// Whether the first page should be read again for the filter typed: the rows, and the page
    /// waited for, are read with another.
    pub fn refilter(&self) -> bool {
        let wanted = self.db_filter();
        match self.waiting {
            Some(_) if self.asking == Seek::First => self.asking_with != wanted,
            _ => self.read_with != wanted,
        }
    }

    /// Notes that request `request` counts the list with the database's filter `with`.
    pub fn count_asked(&mut self, request: u64, with: Option<String>) {
        self.counting = Some((request, with));
    }

    /// Takes the count that arrived for `request`; false if it is not the one waited for.
    pub fn accept_total(&mut self, request: u64, total: Result<Total, String>) -> bool {
        let Some((_, with)) = self.counting.take_if(|(waited, _)| *waited == request) else {
            return false;
        };
        // A count with another filter than the rows' says nothing of them.
        self.total = total.ok().filter(|_| with == self.asking_or_read_with());
        true
    }

    /// The filter of the rows, or of the first page they are about to be replaced with.
    fn asking_or_read_with(&self) -> Option<String> {
        match self.waiting {
            Some(_) if matches!(self.asking, Seek::First | Seek::Last) => self.asking_with.clone(),
            _ => self.read_with.clone(),
        }
    }

    /// Where the selection is, for the heading's "n of N".
    pub fn position(&self) -> Position {
        let len = self.shown.len() as i64;
        let selected = self.cursor.selected as i64;
        let filtered_here = !self.filter.trim().is_empty() && !self.read_with_filter();
        let whole = self.done && self.front;
        let total = if whole || filtered_here {
            // Everything is loaded, or the filter keeps only what is: what is shown.
            Some((len, (!whole).then_some('+')))
        } else {
            self.total.map(|t| match t {
                Total::Exact(n) => (n, None),
                Total::About(n) => (n, Some('≈')),
                Total::AtLeast(n) => (n, Some('≥')),
            })
        };
        let n = if len == 0 {
            None
        } else if self.front || filtered_here {
            Some((selected + 1, None))
        } else {
            // Reached from the end: counted back from the total.
            total.map(|(n, mark)| (n - (len - 1 - selected), mark))
        };
        Position { n, total }
    }

    /// Takes a whole list that arrived for `request` (a list loaded at once, not by pages).
    pub fn accept_whole(&mut self, request: u64, rows: Result<Vec<T>, String>, height: usize) -> bool {
        let taken = self.accept(request, rows, height);
        if taken {
            self.done = true;
            self.front = true;
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
                let full = page.len() as i64 >= PAGE;
                let jumped = self.jump.take_if(|j| *j == self.asking);
                match self.asking {
                    Seek::First | Seek::Last => {
                        self.rows.clear();
                        self.keys.clear();
                        self.read_with = self.asking_with.take();
                        let last = self.asking == Seek::Last;
                        self.done = last || !full;
                        self.front = !last || !full;
                    }
                    Seek::After(()) => self.done = !full,
                    Seek::Before(()) => self.front = !full,
                }
                let before = self.asking == Seek::Before(());
                let (keys, rows): (Vec<SearchKey>, Vec<T>) = page.into_iter().map(|r| (r.search(), r)).unzip();
                if before {
                    self.rows.splice(0..0, rows);
                    self.keys.splice(0..0, keys);
                } else {
                    self.rows.extend(rows);
                    self.keys.extend(keys);
                }
                self.error = None;
                // Rows put above the selection: it stays where it was on the screen.
                let on_screen = self.cursor.selected.saturating_sub(self.cursor.offset);
                self.reshow(height, selected);
                if before {
                    self.cursor.offset = self.cursor.selected.saturating_sub(on_screen);
                    self.cursor.show(self.shown.len(), height);
                }
                match jumped {
                    Some(Seek::Last) => self.cursor.step(self.shown.len() as isize, self.shown.len(), height),
                    Some(_) => self.cursor = Cursor::default(),
                    None => {}
                }
            }
            Err(e) => {
                self.jump = None;
                self.error = Some(e);
            }
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
        assert_eq!(p.wants_more(20), Some(Seek::First));
        p.asked(1, None);
        assert!(!p.accept(2, Ok(page(0, 100)), 20), "not the page waited for");
        assert!(p.accept(1, Ok(page(0, 100)), 20));
        assert_eq!(p.wants_more(20), None);
        p.cursor.step(85, p.shown.len(), 20);
        assert_eq!(p.wants_more(20), Some(Seek::After(901)));
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

    /// The list of 1000 rows, keys 1000 down to 1, as the database pages it from `seek`.
    fn read(seek: Seek<i64>) -> Vec<N> {
        let all = page(0, 1000);
        let n = PAGE as usize;
        match seek {
            Seek::First => all[..n].to_vec(),
            Seek::After(k) => all.into_iter().filter(|r| r.0 < k).take(n).collect(),
            Seek::Last => all[1000 - n..].to_vec(),
            Seek::Before(k) => {
                let before: Vec<N> = all.into_iter().filter(|r| r.0 > k).collect();
                before[before.len().saturating_sub(n)..].to_vec()
            }
        }
    }

    #[test]
    fn end_reads_the_last_page_and_moving_up_reads_the_pages_before() {
        let mut p: Paged<N> = Paged::default();
        p.count_asked(9, None);
        p.asked(1, None);
        p.accept(1, Ok(read(Seek::First)), 20);
        assert!(p.accept_total(9, Ok(Total::Exact(1000))));
        let at = |p: &Paged<N>| p.position().n.map(|(n, _)| n);
        assert_eq!((at(&p), p.position().total), (Some(1), Some((1000, None))));
        // End: not loaded, so the last page is read, and the selection goes to the last row.
        assert!(p.jump(false, 20));
        let Some(seek) = p.wants_more(20) else { panic!("End reads a page") };
        assert_eq!(seek, Seek::Last);
        assert!(!p.counts(&seek), "End counts nothing again");
        p.filtered(2, seek, None);
        p.accept(2, Ok(read(Seek::Last)), 20);
        assert_eq!((p.selected().unwrap().0, p.done, p.front), (1, true, false));
        assert_eq!(at(&p), Some(1000), "the last of 1000");
        assert_eq!(p.wants_more(20), None);
        // Up to the first row loaded: the page before it is read and goes first; the selection
        // stays on its row and where it was on the screen.
        p.cursor.step(-(PAGE as isize - 1), p.shown.len(), 20);
        let Some(Seek::Before(key)) = p.wants_more(20) else { panic!("the page before") };
        assert_eq!(key, 100);
        let (selected, on_screen) = (p.selected().unwrap().0, p.cursor.selected - p.cursor.offset);
        p.filtered(3, Seek::Before(key), None);
        p.accept(3, Ok(read(Seek::Before(key))), 20);
        assert_eq!(p.rows.len(), 200);
        assert_eq!((p.selected().unwrap().0, p.cursor.selected - p.cursor.offset), (selected, on_screen));
        assert_eq!(at(&p), Some(901), "counted back from the total");
        // Home: the first page again, the selection on its first row.
        assert!(p.jump(true, 20));
        p.filtered(4, p.wants_more(20).unwrap(), None);
        p.accept(4, Ok(read(Seek::First)), 20);
        assert_eq!((p.cursor.selected, p.front, p.done), (0, true, false));
        assert_eq!(at(&p), Some(1));
    }

    #[test]
    fn home_and_end_move_within_what_is_loaded_when_it_holds_the_ends() {
        let mut p: Paged<N> = Paged::default();
        p.asked(1, None);
        p.accept_whole(1, Ok(page(0, 30)), 20);
        assert!(!p.jump(false, 20), "the whole list is loaded");
        assert_eq!(p.cursor.selected, 29);
        assert!(!p.jump(true, 20));
        assert_eq!(p.cursor.selected, 0);
        assert_eq!(p.wants_more(20), None);
        assert_eq!(p.position(), Position { n: Some((1, None)), total: Some((30, None)) });
    }

    #[test]
    fn an_estimate_or_a_bound_is_marked_and_a_count_of_another_filter_is_not_taken() {
        let mut p: Paged<N> = Paged::default();
        p.count_asked(1, None);
        p.filtered(2, Seek::First, None);
        // The filter changed before the count came back: it counts other rows.
        p.set_filter("民政".into(), 20);
        p.count_asked(3, p.db_filter());
        p.filtered(4, Seek::First, p.db_filter());
        assert!(!p.accept_total(1, Ok(Total::Exact(1000))), "a count replaced by a newer one");
        assert_eq!(p.total, None);
        assert!(!p.accept(2, Ok(read(Seek::First)), 20), "replaced by the filtered read");
        p.accept(4, Ok(read(Seek::First)), 20);
        p.accept_total(3, Ok(Total::About(123_456)));
        assert_eq!(p.position().total, Some((123_456, Some('≈'))));
        p.total = Some(Total::AtLeast(10_000));
        p.jump(false, 20);
        p.filtered(5, Seek::Last, p.read_with());
        p.accept(5, Ok(read(Seek::Last)), 20);
        assert_eq!(p.position().n, Some((10_000, Some('≥'))), "the last of at least 10,000");
        // A filter of the loaded rows only: how many of them it keeps, and that more may.
        p.set_filter("民".into(), 20);
        assert_eq!(p.position().total, Some((p.shown.len() as i64, Some('+'))));
    }
}
