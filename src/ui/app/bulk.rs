//! Choosing many items of a column at once, to withdraw (or mark) them together (Art. 13): Space
//! marks the selected row and moves on, a range key marks every row from the last one marked to
//! the cursor, and "everything that went online here before a day" marks what the store finds,
//! loaded or not. The marks are kept as id → title, so the confirmation can name them.

use std::collections::BTreeMap;

use crossterm::event::KeyEvent;

use super::{App, Effect, Load, Overlay, single_line};
use crate::store::ItemSummary;
use crate::t;
use crate::ui::keymap::Action;

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
}

impl App {
    /// Runs an action of the open column's list or the opened item; false if it is not one.
    pub(super) fn bulk_act(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        if self.column.is_none() {
            return false;
        }
        if action == Action::WithdrawItems {
            self.withdraw_chosen();
            return true;
        }
        if self.item.is_some() {
            return false;
        }
        match action {
            Action::ColumnMark => self.mark_selected(effects),
            Action::ColumnMarkRange => self.mark_range(),
            Action::ColumnMarkOlder => {
                let mut input = single_line("");
                input.set_placeholder_text(t!("before-placeholder"));
                self.overlay = Overlay::Before(Box::new(input));
            }
            _ => return false,
        }
        true
    }

    /// Marks (or unmarks) the selected row and moves down.
    fn mark_selected(&mut self, effects: &mut Vec<Effect>) {
        let height = self.list_height();
        let Some(c) = &mut self.column else { return };
        let Some(row) = c.items.selected() else { return };
        let (id, title) = (row.id, row.title.clone());
        if c.marks.items.remove(&id).is_none() {
            c.marks.items.insert(id, title);
            c.marks.last = Some(id);
        }
        let len = c.items.shown.len();
        c.items.cursor.step(1, len, height);
        self.more_items(effects);
    }

    /// Marks every row shown between the last one marked by hand and the cursor.
    fn mark_range(&mut self) {
        let Some(c) = &mut self.column else { return };
        let rows = &c.items;
        let from = c.marks.last.and_then(|last| rows.shown.iter().position(|&i| rows.rows[i].id == last));
        let (Some(from), Some(_)) = (from, rows.selected()) else {
            self.warn(t!("mark-range-first"));
            return;
        };
        let to = rows.cursor.selected;
        let (low, high) = (from.min(to), from.max(to));
        let before = c.marks.items.len();
        for &i in &rows.shown[low..=high] {
            let r: &ItemSummary = &rows.rows[i];
            c.marks.items.insert(r.id, r.title.clone());
        }
        c.marks.last = rows.selected().map(|r| r.id);
        let (added, all) = (c.marks.items.len() - before, c.marks.items.len());
        self.tell(t!("marked-more", added = added, all = all));
    }

    /// Typing the day before which everything in the column is marked.
    pub(super) fn before_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let Some(typed) = self.reason_typed(event, &t!("before-needs-day")) else { return };
        let day = match crate::domain::time::parse_date(&typed) {
            Ok(day) => day,
            Err(e) => {
                // Say why, and let the day be corrected.
                self.warn(e);
                self.overlay = Overlay::Before(Box::new(single_line(&typed)));
                return;
            }
        };
        let Some(column_id) = self.column.as_ref().map(|c| c.column.id) else { return };
        let id = self.request(Load::ColumnBefore { column_id, day }, effects);
        if let Some(c) = &mut self.column {
            c.older = Some((id, day));
        }
    }

    /// What went online in the column before the day arrived: mark it all.
    pub(super) fn older_arrived(&mut self, id: u64, result: Result<Vec<ItemSummary>, String>) {
        let Some(c) = &mut self.column else { return };
        let Some((_, day)) = c.older.filter(|(waited, _)| *waited == id) else { return };
        c.older = None;
        match result {
            Ok(found) if found.is_empty() => self.tell(t!("before-nothing", date = day.to_string())),
            Ok(found) => {
                let n = found.len();
                c.marks.items.extend(found.into_iter().map(|r| (r.id, r.title)));
                let all = c.marks.items.len();
                self.tell(t!("before-marked", count = n, date = day.to_string(), all = all));
            }
            Err(e) => self.warn(t!("before-failed", date = day.to_string(), error = e)),
        }
    }
}
