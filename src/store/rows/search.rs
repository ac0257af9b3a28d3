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
/// record's operator, action, target and detail), or whose item is of one of `units` or one of
/// `items`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFilter {
    pub text: Needle,
    /// The units whose name holds the text or whose pinyin initials it is (their ids).
    pub units: Vec<i64>,
    /// The items of the list whose title's pinyin initials the text is (`hybz` 行业标准, any
    /// reading of a character), read from the titles the database holds (`SearchStore::titles`).
    pub items: Vec<i64>,
}

/// An item's id and title, which a list's filter of pinyin initials is matched against
/// (`SearchStore::titles`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTitle {
    pub id: i64,
    pub title: String,
}

/// Which items' titles a list's filter of pinyin initials is matched against: the items a list
/// can show, whatever has been loaded of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TitleScope {
    /// The items online in a column.
    Column(i64),
    /// The items withdrawn (each once, however often).
    Withdrawn,
    /// The items awaiting a decision.
    Pending,
    /// The items whose title or body holds a text (what `:find` found).
    Holding(Needle),
}
