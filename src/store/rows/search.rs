//! Search by text: what is asked, and the items found.

use chrono::{DateTime, Utc};

use crate::domain::search::Needle;
use crate::domain::{Form, ItemStatus};

/// A search of a site's items by text, with the filters a list adds.
#[derive(Debug, Clone)]
pub struct TextSearch {
    /// Found in the title or the body.
    pub needle: Needle,
    pub status: Option<ItemStatus>,
    /// Only items placed in this column (online there or not).
    pub column: Option<i64>,
    /// Only items of this unit (its id).
    pub unit: Option<i64>,
    /// Only items published (or, not yet published, submitted) at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only the items a list's filter keeps as well (the Find tab's `/`).
    pub within: Option<ListFilter>,
}

/// Where a page of found items ends: the next page starts after it. Keys order as the pages do
/// (the newest has the greatest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundKey {
    pub at: DateTime<Utc>,
    pub id: i64,
}

/// One item found, with its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundItem {
    pub id: i64,
    pub reference: Option<String>,
    pub title: String,
    pub status: ItemStatus,
    pub unit: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// When it was published, or submitted when it has not been: what the order is by.
    pub at: DateTime<Utc>,
    /// Its columns (id, path, form), in the tree's order.
    pub columns: Vec<(i64, String, Form)>,
}

impl FoundItem {
    pub fn key(&self) -> FoundKey {
        FoundKey { at: self.at, id: self.id }
    }
}

/// What a list's filter (`/` in the console) asks of the database: the rows whose text holds
/// `text` (an item's title or body; a withdrawal's title, reason, note and who made it; an audit
/// record's operator, action, target and detail), or whose item is of one of `units`, or whose
/// item's title has pinyin initials that hold `initials`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFilter {
    pub text: Needle,
    /// The units whose name holds the text or whose pinyin initials it is (their ids).
    pub units: Vec<i64>,
    /// The text as pinyin initials of the items' titles (`hybz` 行业标准, any reading of a
    /// character), when it may be (Latin letters and digits only).
    pub initials: Option<Initials>,
}

/// A list's filter read as the pinyin initials of titles (item_initials): Latin letters and
/// digits only, in lower case, two or more; so that a statement may hold them as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initials {
    letters: String,
    few: bool,
}

impl Initials {
    /// `typed` as initials, if it may be (`domain::search::may_be_initials`, two characters or
    /// more); `few`: held by few enough items to be read through the index.
    pub fn new(typed: &str, few: bool) -> Option<Initials> {
        let letters = typed.trim().to_ascii_lowercase();
        let fits = letters.chars().count() >= crate::domain::search::SHORTEST
            && crate::domain::search::may_be_initials(&letters);
        fits.then_some(Initials { letters, few })
    }

    pub fn letters(&self) -> &str {
        &self.letters
    }

    /// Whether the items that hold them are gathered from the index (three letters or more, held
    /// by few items), rather than each item the list reads looked up.
    pub fn few(&self) -> bool {
        self.few && self.letters.len() >= 3
    }
}

/// Where a page of a list is read from (keyset paging from either end, issue 21): its first page,
/// the one after a row's key, its last page (the list read from its other end), or the one before
/// a row's key. Every page comes back in the list's own order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seek<K> {
    First,
    After(K),
    Last,
    Before(K),
}

impl<K> Seek<K> {
    /// Whether the page is read from the list's other end (in the reverse order, then turned).
    pub fn backward(&self) -> bool {
        matches!(self, Seek::Last | Seek::Before(_))
    }

    /// The key the page starts after (forward) or before (backward), if any.
    pub fn key(&self) -> Option<&K> {
        match self {
            Seek::After(k) | Seek::Before(k) => Some(k),
            Seek::First | Seek::Last => None,
        }
    }

    /// Which page it is, without its key: what a page's statement is written for.
    pub fn shape(&self) -> Seek<()> {
        match self {
            Seek::First => Seek::First,
            Seek::After(_) => Seek::After(()),
            Seek::Last => Seek::Last,
            Seek::Before(_) => Seek::Before(()),
        }
    }
}

impl<K> From<Option<K>> for Seek<K> {
    /// The first page, or the one after a key.
    fn from(after: Option<K>) -> Seek<K> {
        after.map_or(Seek::First, Seek::After)
    }
}

/// How many rows a list has, as its heading says it (`n of N`): counted exactly up to
/// `store::COUNTED`; above that an estimate (PostgreSQL's planner's, `≈`) or a bound (SQLite,
/// which keeps none: `≥`), so that a count never reads a million rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Exact(i64),
    About(i64),
    AtLeast(i64),
}

impl Total {
    /// The number, whatever kind.
    pub fn n(self) -> i64 {
        match self {
            Total::Exact(n) | Total::About(n) | Total::AtLeast(n) => n,
        }
    }
}
