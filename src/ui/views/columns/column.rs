//! One column opened from the tree: its online items, paged (the next page as the selection nears
//! the end), and the documents due in it; and choosing many of its items at once, to withdraw (or
//! mark) them together (Art. 13): Space marks the selected row and moves on, a range key marks
//! every row from the last one marked to the cursor, and "everything that went online here before
//! a day" marks what the store finds, loaded or not. The marks are kept as id → title, so the
//! confirmation can name them.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::tree::ColumnEntry;
use super::{ColumnsView, Load};
use crate::reports::DocumentReportRow;
use crate::store::{ItemSummary, Seek};
use crate::t;
use crate::ui::app::single_line;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{Paged, Row};
use crate::ui::text::SearchKey;
use crate::ui::views::pages::{Pager, Source};
use crate::ui::views::{Ask, Cx};

impl Row for ItemSummary {
    type Key = (DateTime<Utc>, i64);

    fn key(&self) -> Self::Key {
        (self.online_since, self.id)
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.title, self.unit.as_deref().unwrap_or("")])
    }
}

/// Where a column's pages come from: its online items, newest first.
#[derive(Debug)]
pub struct ColumnItems {
    pub column_id: i64,
}

impl Source for ColumnItems {
    type Key = (DateTime<Utc>, i64);

    fn page(&self, seek: Seek<Self::Key>, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Items { column_id: self.column_id, seek, filter }.into())
    }

    fn total(&self, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Total { column_id: self.column_id, filter }.into())
    }

    fn failed(&self, error: String) -> String {
        t!("column-items-load-failed", error = error)
    }
}

/// One column opened: its online items and the documents due in it.
#[derive(Debug)]
pub struct ColumnView {
    pub column: ColumnEntry,
    pub items: Paged<ItemSummary, ColumnItems>,
    pub count: Option<i64>,
    pub documents: Vec<DocumentReportRow>,
    pub waiting_head: Option<u64>,
    /// The items marked to be withdrawn (or marked 已废止 …) together.
    pub marks: Marks,
    /// "Everything before a day" being looked up: the request and the day.
    pub older: Option<(u64, NaiveDate)>,
}

impl ColumnView {
    /// Whether a query the user waits on is running.
    pub fn busy(&self) -> bool {
        self.items.waiting.is_some() || self.waiting_head.is_some() || self.older.is_some()
    }

    /// The online count of its heading is exact: the list's count, unfiltered, is that one.
    pub fn exact_total(&mut self) {
        if let Some(count) = self.count
            && self.items.read_with().is_none()
            && self.items.total.is_some()
        {
            self.items.total = Some(crate::store::Total::Exact(count));
        }
    }

    /// The items a withdrawal takes: the marked ones, or the selected one if none is marked.
    pub fn chosen(&self) -> Option<Vec<(i64, String)>> {
        if !self.marks.items.is_empty() {
            return Some(self.marks.chosen());
        }
        self.items.selected().map(|row| vec![(row.id, row.title.clone())])
    }
}

/// The items marked in a column's list.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks {
    /// id → title, including items beyond the rows loaded (from "everything before a day").
    pub items: BTreeMap<i64, String>,
    /// The row last marked by hand: where a range starts.
    pub last: Option<i64>,
}

impl Marks {
    /// Unmarks everything; returns how many were marked.
    pub fn clear(&mut self) -> usize {
        let n = self.items.len();
        self.items.clear();
        self.last = None;
        n
    }

    /// The marked items as the confirmation lists them: (id, title), newest id first.
    pub fn chosen(&self) -> Vec<(i64, String)> {
        self.items.iter().rev().map(|(id, title)| (*id, title.clone())).collect()
    }

    /// Marks a row by hand (where a range starts), or unmarks it if it was marked.
    pub fn toggle(&mut self, id: i64, title: &str) {
        if self.items.remove(&id).is_none() {
            self.items.insert(id, title.to_string());
            self.last = Some(id);
        }
    }

    /// Marks every row shown between the last one marked by hand and the cursor; `entry` gives a
    /// row's id and title (`None`: a row that cannot be marked). How many were added and how many
    /// are marked in all, or `None` when the row last marked by hand is not shown.
    pub fn range<R: Row, S>(&mut self, rows: &Paged<R, S>, entry: impl Fn(&R) -> Option<(i64, String)>) -> Option<(usize, usize)> {
        let id = |i: usize| entry(&rows.rows[i]).map(|(id, _)| id);
        let from = self.last.and_then(|last| rows.shown.iter().position(|&i| id(i) == Some(last)))?;
        let to = rows.cursor.selected.min(rows.shown.len().checked_sub(1)?);
        let before = self.items.len();
        for &i in &rows.shown[from.min(to)..=from.max(to)] {
            self.items.extend(entry(&rows.rows[i]));
        }
        self.last = id(rows.shown[to]).or(self.last);
        Some((self.items.len() - before, self.items.len()))
    }
}

impl ColumnsView {
    /// Opens column `id` (or loads it again, keeping what is shown until the fresh rows arrive).
    pub(super) fn open_column(&mut self, id: i64, cx: &Cx, ask: &mut Ask) {
        let Some(column) = self.tree.as_ref().and_then(|t| t.entries.iter().find(|e| e.id == id)).cloned() else {
            return;
        };
        let head = ask.request(Load::Head { column_id: id, at: cx.at });
        let view = match self.column.take().filter(|c| c.column.id == id) {
            Some(c) => ColumnView { column, waiting_head: Some(head), ..c },
            None => ColumnView {
                column,
                items: Paged::new(ColumnItems { column_id: id }),
                count: None,
                documents: Vec::new(),
                waiting_head: Some(head),
                marks: Marks::default(),
                older: None,
            },
        };
        self.column.insert(view).items.read_again(ask);
    }

    /// Loads the open column again, if one is open.
    pub(super) fn reload_column(&mut self, cx: &Cx, ask: &mut Ask) {
        if let Some(id) = self.column.as_ref().map(|c| c.column.id) {
            self.open_column(id, cx, ask);
        }
    }

    /// Marks (or unmarks) the selected row and moves down.
    pub(super) fn mark_selected(&mut self, cx: &Cx, ask: &mut Ask) {
        let Some(c) = &mut self.column else { return };
        let Some(row) = c.items.selected() else { return };
        c.marks.toggle(row.id, &row.title);
        let len = c.items.shown.len();
        c.items.cursor.step(1, len, cx.height);
        c.items.more(cx.height, ask);
    }

    /// Marks every row shown between the last one marked by hand and the cursor.
    pub(super) fn mark_range(&mut self, cx: &Cx, ask: &mut Ask) {
        let Some(c) = &mut self.column else { return };
        match c.marks.range(&c.items, |r: &ItemSummary| Some((r.id, r.title.clone()))) {
            Some((added, all)) => ask.tell(t!("marked-more", added = added, all = all)),
            None => ask.warn(t!("mark-range-first", mark = cx.keymap.key_name(Layer::Column, Action::ColumnMark))),
        }
    }

    /// Asks for the day before which everything that went online in the column is marked.
    pub(super) fn ask_day(&mut self) {
        let mut input = single_line("");
        input.set_placeholder_text(t!("before-placeholder"));
        self.day = Some(Box::new(input));
    }

    /// A key while the day is typed: Esc closes the question, Enter looks the day up (a warning
    /// if nothing or no day is typed, the day kept to be corrected), anything else edits it.
    pub(super) fn day_typed(&mut self, event: KeyEvent, ask: &mut Ask) {
        let Some(input) = &mut self.day else { return };
        match event.code {
            KeyCode::Esc => self.day = None,
            KeyCode::Enter => {
                let typed = input.lines().join(" ").trim().to_string();
                if typed.is_empty() {
                    ask.warn(t!("before-needs-day"));
                } else {
                    self.day = None;
                    self.mark_before(&typed, ask);
                }
            }
            _ => {
                crate::ui::app::edit(input, event);
            }
        }
    }

    /// The day was typed: looks up what went online in the open column before it.
    fn mark_before(&mut self, typed: &str, ask: &mut Ask) {
        let day = match crate::domain::time::parse_date(typed) {
            Ok(day) => day,
            Err(e) => {
                // Say why, and let the day be corrected.
                ask.warn(e);
                self.day = Some(Box::new(single_line(typed)));
                return;
            }
        };
        let Some(c) = &mut self.column else { return };
        let id = ask.request(Load::Before { column_id: c.column.id, day });
        c.older = Some((id, day));
    }

    /// What went online in the column before the day arrived: mark it all.
    pub(super) fn older_arrived(&mut self, id: u64, result: Result<Vec<ItemSummary>, String>, ask: &mut Ask) {
        let Some(c) = &mut self.column else { return };
        let Some((_, day)) = c.older.filter(|(waited, _)| *waited == id) else { return };
        c.older = None;
        let day = day.to_string();
        match result {
            Ok(found) if found.is_empty() => ask.tell(t!("before-nothing", date = day)),
            Ok(found) => {
                let n = found.len();
                c.marks.items.extend(found.into_iter().map(|r| (r.id, r.title)));
                let all = c.marks.items.len();
                ask.tell(t!("before-marked", count = n, date = day, all = all));
            }
            Err(e) => ask.warn(t!("before-failed", date = day, error = e)),
        }
    }
}
