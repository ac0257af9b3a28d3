//! The Columns tab: the column tree with each column's staleness (folded, filtered, only overdue,
//! by unit, worst first), one column opened from it (its online items and the documents due in
//! it, `column.rs`), and an item opened from that column (`views::item`). Items are withdrawn from
//! a column (the marked ones, or the selected one) or from the item opened, after the console's
//! usual confirmation (`Event::Withdraw`).

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::item::{ItemView, page_delta, scroll};
use super::pages::Pager;
use super::{Ask, Cx, Event, View, step};
use crate::reports::DocumentReportRow;
use crate::store::{ExportedItem, HistoryEntry, ItemSummary, Seek, Site, Store, StoreError, Total};
use crate::t;
use crate::ui::app::opened_item;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::paged::{Cursor, PAGE};
use crate::ui::sanitise::{clean_all, clean_item, clean_line, clean_option, clean_result, each};
use crate::usecase;

mod column;
mod draw;
pub mod tree;

pub use column::{ColumnView, Marks};
use tree::{ColumnEntry, ColumnTree, Line, Mode};

/// The column tree, and what is open above it: a column, then an item.
#[derive(Debug, Default)]
pub struct ColumnsView {
    pub tree: Option<ColumnTree>,
    pub lines: Vec<Line>,
    pub cursor: Cursor,
    pub filter: String,
    pub waiting: Option<u64>,
    pub error: Option<String>,
    /// A column opened from the tree.
    pub column: Option<ColumnView>,
    /// An item opened from the column.
    pub item: Option<ItemView>,
    /// The day being typed before which everything that went online in the open column is
    /// marked.
    pub day: Option<Box<TextArea<'static>>>,
    /// The reminder sheet being written (`R`).
    pub reminding: Option<u64>,
    /// `R` found the unit's sheet of the day there and said so: `R` again on that unit writes
    /// over it.
    pub remind_asked: Option<String>,
    /// A column asked for from another tab before the tree arrived: opened when it does.
    pub wanted: Option<i64>,
}

/// The tab's queries.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Every column with its staleness as of a day, and its units.
    Tree { at: NaiveDate },
    /// A page of a column's online items, from `seek`; with a filter (as typed), those whose
    /// title or body holds it or whose unit it names.
    Items { column_id: i64, seek: Seek<(DateTime<Utc>, i64)>, filter: Option<String> },
    /// How many of a column's online items the filter (as typed) keeps.
    Total { column_id: i64, filter: Option<String> },
    /// A column's online count and the documents due in it, as of a day.
    Head { column_id: i64, at: NaiveDate },
    /// An item opened from a column.
    Item { id: i64 },
    /// Every item online in a column that went online there before a day (Beijing time).
    Before { column_id: i64, day: NaiveDate },
    /// A unit's reminder sheet (提醒单) as of today into the current directory, as `remind --unit
    /// NAME --dir .` writes it; over a file already there only with `force`.
    Remind { unit: String, force: bool },
}

/// What they brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum Loaded {
    Tree(Result<Vec<ColumnEntry>, String>),
    Items(Result<Vec<ItemSummary>, String>),
    Total(Result<Total, String>),
    Head(Result<(i64, Vec<DocumentReportRow>), String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
    Before(Result<Vec<ItemSummary>, String>),
    /// The path written.
    Reminded { unit: String, result: Result<String, String> },
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Tree { .. }
            | Load::Items { .. }
            | Load::Total { .. }
            | Load::Head { .. }
            | Load::Item { .. }
            | Load::Before { .. }
            // The sheet is a file, not a change to the database.
            | Load::Remind { .. } => false,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Tree { at } => Loaded::Tree(entries(store, site, at).await.map_err(line)),
            Load::Items { column_id, seek, filter } => Loaded::Items(
                usecase::columns::items(store, site, column_id, seek, filter.as_deref(), PAGE).await.map_err(line),
            ),
            Load::Total { column_id, filter } => Loaded::Total(
                usecase::columns::items_total(store, site, column_id, filter.as_deref()).await.map_err(line),
            ),
            Load::Head { column_id, at } => {
                Loaded::Head(usecase::columns::head(store, site, column_id, at).await.map_err(line))
            }
            Load::Item { id } => Loaded::Item(usecase::queue::item(store, site, id).await.map(Box::new).map_err(line)),
            Load::Before { column_id, day } => {
                Loaded::Before(usecase::withdrawal::older_in_column(store, site, column_id, day).await.map_err(line))
            }
            Load::Remind { unit, force } => {
                let result = match std::env::current_dir() {
                    Ok(dir) => usecase::remind::write_into(store, site, &unit, usecase::remind::DEFAULT_WITHIN, &dir, force)
                        .await
                        .map(|path| path.display().to_string())
                        .map_err(line),
                    Err(e) => Err(t!("columns-no-directory", error = crate::i18n::os_error(&e))),
                };
                Loaded::Reminded { unit, result }
            }
        }
    }
}

/// Every column with its staleness (the rows of `stale`) and its responsible units, in the
/// tree's order.
async fn entries(store: &dyn Store, site: &Site, at: NaiveDate) -> crate::store::Result<Vec<ColumnEntry>> {
    let rows = usecase::columns::with_staleness(store, site, at, usecase::columns::Order::Tree).await?;
    Ok(rows
        .into_iter()
        .map(|r| ColumnEntry {
            id: r.column.id,
            parent_id: r.column.parent_id,
            level: r.column.level,
            path: r.column.path,
            deadline: r.column.deadline,
            rule: r.column.rule,
            units: r.column.units,
            last_update: r.last_update,
            staleness: r.staleness,
            provisional: r.provisional,
        })
        .collect())
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Tree(r) => r.is_err(),
            Loaded::Items(r) | Loaded::Before(r) => r.is_err(),
            Loaded::Total(r) => r.is_err(),
            Loaded::Head(r) => r.is_err(),
            Loaded::Item(r) => r.is_err(),
            Loaded::Reminded { result, .. } => result.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Tree(r) => each(r, |c| {
                clean_line(&mut c.path);
                clean_line(&mut c.deadline);
                clean_all(&mut c.units);
            }),
            Loaded::Items(r) | Loaded::Before(r) => each(r, |i| {
                clean_line(&mut i.title);
                clean_option(&mut i.unit);
            }),
            Loaded::Total(_) => {}
            Loaded::Head(r) => clean_result(r, |(_, documents)| {
                for d in documents {
                    clean_line(&mut d.document.number);
                    clean_line(&mut d.document.title);
                    clean_line(&mut d.document.column_path);
                }
            }),
            Loaded::Item(r) => clean_result(r, |found| clean_item(found)),
            Loaded::Reminded { unit, result } => {
                clean_line(unit);
                clean_result(result, clean_line);
            }
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        fn e<T>() -> Result<T, String> {
            Err("the database said no".to_string())
        }
        vec![
            ("Tree", Loaded::Tree(e())),
            ("Items", Loaded::Items(e())),
            ("Total", Loaded::Total(e())),
            ("Head", Loaded::Head(e())),
            ("Item", Loaded::Item(e())),
            ("Before", Loaded::Before(e())),
            ("Reminded", Loaded::Reminded { unit: "民政局".into(), result: e() }),
        ]
    }
}

impl ColumnsView {
    /// Loads the column tree (again), keeping what is shown until it arrives.
    pub fn load_tree(&mut self, cx: &Cx, ask: &mut Ask) {
        self.waiting = Some(ask.request(Load::Tree { at: cx.at }));
    }

    /// Opens column `id` from another tab (the Inspect tab's detail), selected in the tree below
    /// it: at once if the tree is loaded, else when it arrives.
    pub fn show_column(&mut self, id: i64, cx: &Cx, ask: &mut Ask) {
        self.item = None;
        if self.tree.is_none() {
            self.wanted = Some(id);
            if self.waiting.is_none() {
                self.load_tree(cx, ask);
            }
            return;
        }
        self.filter.clear();
        if let Some(tree) = &mut self.tree {
            // The way to it opens, so that Esc comes back to its line.
            let mut parent = tree.entries.iter().find(|e| e.id == id).and_then(|e| e.parent_id);
            while let Some(p) = parent {
                tree.expanded.insert(p);
                parent = tree.entries.iter().find(|e| e.id == p).and_then(|e| e.parent_id);
            }
        }
        self.relayout_to(cx.height, Some(id));
        self.open_column(id, cx, ask);
    }

    /// The units the tree names, for the `:unit` command.
    pub fn units(&self) -> Vec<String> {
        self.tree.as_ref().map(|t| t.units.iter().map(|(u, _)| u.clone()).collect()).unwrap_or_default()
    }

    /// Shows the tree alone, looked at as `f` sets (the `:` commands `tree`, `stale`, `unit` …).
    pub fn look(&mut self, f: &dyn Fn(&mut Mode), height: usize) {
        self.item = None;
        self.column = None;
        if let Some(tree) = &mut self.tree {
            f(&mut tree.mode);
        }
        self.relayout(height);
    }

    fn relayout(&mut self, height: usize) {
        let selected = self.selected_entry().map(|e| e.id);
        self.relayout_to(height, selected);
    }

    /// Recomputes the lines, keeping the selection on column `selected_id` if it is shown.
    fn relayout_to(&mut self, height: usize, selected_id: Option<i64>) {
        self.lines = self.tree.as_ref().map(|t| t.lines(&self.filter)).unwrap_or_default();
        // The selection stays on its column when the lines change (refresh, filter, mode).
        if let Some(id) = selected_id
            && let Some(i) = self.lines.iter().position(|l| {
                matches!(l, Line::Column { index, .. }
                        if self.tree.as_ref().is_some_and(|t| t.entries[*index].id == id))
            })
        {
            self.cursor.selected = i;
        }
        self.cursor.show(self.lines.len(), height);
    }

    pub fn selected_entry(&self) -> Option<&ColumnEntry> {
        let tree = self.tree.as_ref()?;
        tree.entries.get(self.selected_index()?)
    }

    /// `z`: the form of an order about the column opened, or the one selected, to its responsible
    /// unit; refused at once for a column without one.
    fn order(&self, ask: &mut Ask) {
        let entry = match &self.column {
            Some(c) => Some(&c.column),
            None => self.selected_entry(),
        };
        match entry {
            Some(e) if e.units.is_empty() => ask.warn(t!("rectify-column-no-unit", column = e.path.clone())),
            Some(e) => ask.post(Event::Rectify(Box::new(super::orders::Draft::column(e)))),
            None => ask.warn(t!("orders-nothing-to-order")),
        }
    }

    /// The unit `R` writes the sheet of: in the grouped view the unit whose group the cursor is
    /// in, else the selected column's (first) responsible unit.
    fn selected_unit(&self) -> Option<String> {
        let tree = self.tree.as_ref()?;
        if tree.mode.by_unit {
            let upto = self.cursor.selected.min(self.lines.len().checked_sub(1)?);
            if let Some(index) = self.lines[..=upto].iter().rev().find_map(|l| match l {
                Line::Unit { index, .. } => Some(*index),
                Line::Column { .. } => None,
            }) {
                return tree.units.get(index).map(|(unit, _)| unit.clone());
            }
        }
        self.selected_entry()?.units.first().cloned()
    }

    /// `R`: the selected unit's reminder sheet of the day to `提醒单-<unit>-<date>.md` in the
    /// current directory; over a file already there only when `R` is pressed again on that unit
    /// (`asked`).
    fn remind(&mut self, asked: Option<String>, cx: &Cx, ask: &mut Ask) {
        if self.reminding.is_some() {
            ask.warn(t!("columns-remind-busy"));
            return;
        }
        let Some(unit) = self.selected_unit() else {
            ask.warn(t!("columns-remind-no-unit"));
            return;
        };
        let force = asked.as_ref() == Some(&unit);
        let file = usecase::remind::file_name(&unit, crate::domain::time::beijing_date(cx.now));
        if !force && file.exists() {
            let key = cx.keymap.key_for(Layer::Columns, Action::Remind).map_or_else(String::new, |k| k.to_string());
            ask.warn(t!("columns-remind-exists", file = file.display().to_string(), key = key));
            self.remind_asked = Some(unit);
            return;
        }
        self.reminding = Some(ask.request(Load::Remind { unit: unit.clone(), force }));
        ask.tell(t!("columns-reminding", unit = unit));
    }

    fn selected_index(&self) -> Option<usize> {
        match self.lines.get(self.cursor.selected)? {
            Line::Column { index, .. } => Some(*index),
            Line::Unit { .. } => None,
        }
    }

    /// Folds or unfolds the tree (a column, or all of them).
    fn fold(&mut self, action: Action, height: usize) {
        let selected = self.selected_index();
        let Some(tree) = &mut self.tree else { return };
        if action == Action::ExpandAll {
            tree.expand_all();
        } else if action == Action::CollapseAll {
            tree.expanded.clear();
        } else if let Some(index) = selected {
            let id = tree.entries[index].id;
            let open = tree.is_expanded(index);
            match action {
                Action::Expand if tree.has_children(index) => {
                    tree.expanded.insert(id);
                }
                Action::Toggle if tree.has_children(index) => {
                    if open {
                        tree.expanded.remove(&id);
                    } else {
                        tree.expanded.insert(id);
                    }
                }
                Action::Collapse if open && tree.has_children(index) => {
                    tree.expanded.remove(&id);
                }
                Action::Collapse => {
                    // Already closed: go to the parent, as a file tree does.
                    if let Some(parent) = tree.parent_index(index)
                        && let Some(pos) =
                            self.lines.iter().position(|l| matches!(l, Line::Column { index, .. } if *index == parent))
                    {
                        self.cursor.selected = pos;
                    }
                }
                _ => {}
            }
        }
        self.relayout(height);
    }

    /// Only overdue, by unit, worst first: each key turns its way of looking on or off.
    fn mode(&mut self, action: Action, height: usize) {
        let Some(tree) = &mut self.tree else { return };
        let m = &mut tree.mode;
        match action {
            Action::OnlyOverdue => m.only_overdue = !m.only_overdue,
            Action::GroupByUnit => {
                m.by_unit = !m.by_unit;
                m.unit = None;
            }
            _ => m.sort_overdue = !m.sort_overdue,
        }
        self.relayout(height);
    }

    /// Loads the opened item again (after a refresh or a change to it).
    fn reload_item(&mut self, ask: &mut Ask) {
        if let Some(item) = &mut self.item {
            item.waiting = Some(ask.request(Load::Item { id: item.id }));
        }
    }

    /// The tree, the column open and the item open, loaded again.
    fn reload_all(&mut self, cx: &Cx, ask: &mut Ask) {
        self.load_tree(cx, ask);
        self.reload_column(cx, ask);
        self.reload_item(ask);
    }

    /// `w`: the item opened, or the column's marked items (the selected one if none is marked),
    /// withdrawn after the usual confirmation.
    fn withdraw(&self, ask: &mut Ask) {
        let chosen = match (&self.column, &self.item) {
            (_, Some(view)) => opened_item(view),
            (Some(c), None) => c.chosen().ok_or_else(|| t!("withdraw-nothing")),
            (None, None) => return,
        };
        match chosen {
            Ok(items) => ask.post(Event::Withdraw(items)),
            Err(why) => ask.warn(why),
        }
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Reminded { unit, result } => {
                if self.reminding != Some(id) {
                    return;
                }
                self.reminding = None;
                match result {
                    Ok(path) => ask.tell(t!("columns-reminded", unit = unit, path = path)),
                    Err(e) => ask.warn(t!("columns-remind-failed", unit = unit, error = e)),
                }
            }
            Loaded::Tree(result) => {
                if self.waiting != Some(id) {
                    return;
                }
                self.waiting = None;
                match result {
                    Ok(entries) => {
                        let selected = self.selected_entry().map(|e| e.id);
                        let tree = match &self.tree {
                            Some(old) => old.refreshed(entries),
                            None => ColumnTree::new(entries),
                        };
                        self.tree = Some(tree);
                        self.error = None;
                        self.relayout_to(cx.height, selected);
                        // An open column shows the refreshed figures too.
                        if let (Some(c), Some(tree)) = (&mut self.column, &self.tree)
                            && let Some(e) = tree.entries.iter().find(|e| e.id == c.column.id)
                        {
                            c.column = e.clone();
                        }
                        if let Some(wanted) = self.wanted.take() {
                            self.show_column(wanted, cx, ask);
                        }
                    }
                    Err(e) => {
                        ask.warn(t!("columns-load-failed", error = e.clone()));
                        self.error = Some(e);
                    }
                }
            }
            Loaded::Items(result) => {
                if let Some(c) = &mut self.column {
                    c.items.arrived(id, result, cx.height, ask);
                }
            }
            Loaded::Total(result) => {
                if let Some(c) = &mut self.column {
                    c.items.accept_total(id, result);
                    c.exact_total();
                }
            }
            Loaded::Head(result) => {
                let Some(c) = &mut self.column else { return };
                if c.waiting_head != Some(id) {
                    return;
                }
                c.waiting_head = None;
                match result {
                    Ok((count, documents)) => {
                        c.count = Some(count);
                        c.exact_total();
                        c.documents = documents;
                        // The documents take room from the list: keep the selection in sight.
                        let height = Areas::new(cx.size, true, c.documents.len()).rows.height;
                        c.items.cursor.show(c.items.shown.len(), usize::from(height));
                    }
                    Err(e) => ask.warn(t!("column-documents-load-failed", error = e)),
                }
            }
            Loaded::Item(result) => ItemView::arrived(self.item.as_mut(), id, result, ask),
            Loaded::Before(result) => self.older_arrived(id, result, ask),
        }
    }
}

impl View for ColumnsView {
    /// The open column's items, unless an item is open over them.
    fn pages(&mut self) -> Option<&mut dyn Pager> {
        match (&mut self.column, &self.item) {
            (Some(c), None) => Some(&mut c.items),
            _ => None,
        }
    }

    fn layer(&self) -> Layer {
        match (&self.column, &self.item) {
            (_, Some(_)) => Layer::Item,
            (Some(_), None) => Layer::Column,
            (None, None) => Layer::Columns,
        }
    }

    /// The tree loads when the console opens (it is the first tab in front).
    fn show(&mut self, cx: &Cx, ask: &mut Ask) {
        if self.tree.is_none() && self.waiting.is_none() && self.error.is_none() {
            self.load_tree(cx, ask);
        }
    }

    fn busy(&self) -> bool {
        self.waiting.is_some()
            || self.reminding.is_some()
            || self.column.as_ref().is_some_and(ColumnView::busy)
            || self.item.as_ref().is_some_and(|i| i.waiting.is_some())
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        let asked = self.remind_asked.take();
        match action {
            Action::Remind if self.column.is_none() => self.remind(asked, cx, ask),
            Action::WithdrawItems if self.column.is_some() => self.withdraw(ask),
            // An item has no filter.
            Action::Filter if self.item.is_some() => {}
            Action::ColumnMark if self.item.is_none() && self.column.is_some() => self.mark_selected(cx, ask),
            Action::ColumnMarkRange if self.item.is_none() && self.column.is_some() => self.mark_range(cx, ask),
            Action::ColumnMarkOlder if self.item.is_none() && self.column.is_some() => self.ask_day(),
            Action::Expand | Action::Collapse | Action::Toggle | Action::ExpandAll | Action::CollapseAll => {
                self.fold(action, cx.height)
            }
            Action::OnlyOverdue | Action::GroupByUnit | Action::SortOverdue => self.mode(action, cx.height),
            // On an item opened, the console's: an order about the item.
            Action::IssueOrder if self.item.is_none() => self.order(ask),
            _ => return false,
        }
        true
    }

    fn refresh(&mut self, cx: &Cx, ask: &mut Ask) {
        self.reload_all(cx, ask);
    }

    /// A withdrawal changes the tree's staleness, the open column and the item.
    fn reload(&mut self, cx: &Cx, ask: &mut Ask) {
        self.reload_all(cx, ask);
    }

    fn changed(&mut self, cx: &Cx, ask: &mut Ask) {
        self.reload_all(cx, ask);
    }

    fn saved(&mut self) {
        if let Some(c) = &mut self.column {
            c.marks.clear();
        }
    }

    fn open(&mut self, cx: &Cx, ask: &mut Ask) {
        if self.item.is_some() {
            return;
        }
        if let Some(c) = &self.column {
            if let Some(id) = c.items.selected().map(|i| i.id) {
                self.item = Some(ItemView::loading(id, ask.request(Load::Item { id })));
            }
            return;
        }
        let in_tree = matches!(self.lines.get(self.cursor.selected), Some(Line::Column { flat: false, .. }));
        let parent = self.selected_index().is_some_and(|i| self.tree.as_ref().is_some_and(|t| t.has_children(i)));
        if in_tree && parent {
            // A column with columns below it opens and closes, as a folder in a file tree.
            self.fold(Action::Toggle, cx.height);
        } else if let Some(id) = self.selected_entry().map(|e| e.id) {
            self.open_column(id, cx, ask);
        } else if let Some(Line::Unit { .. }) = self.lines.get(self.cursor.selected) {
            self.cursor.step(1, self.lines.len(), cx.height);
        }
    }

    fn back(&mut self, cx: &Cx, ask: &mut Ask) -> bool {
        if self.item.take().is_some() {
            return true;
        }
        if let Some(c) = &mut self.column {
            // Marks go before the column does.
            if c.marks.items.is_empty() {
                self.column = None;
            } else {
                ask.tell(t!("marks-cleared", count = c.marks.clear()));
            }
            return true;
        }
        match &mut self.tree {
            Some(tree) if tree.mode != Mode::default() => {
                tree.mode = Mode::default();
                self.relayout(cx.height);
                true
            }
            _ => false,
        }
    }

    fn motion(&mut self, action: Action, cx: &Cx, ask: &mut Ask) {
        if let Some(item) = &mut self.item {
            scroll(item, page_delta(action, cx.height).unwrap_or(0));
        } else if let Some(c) = &mut self.column {
            if matches!(action, Action::Top | Action::Bottom) {
                c.items.jump(action == Action::Top, cx.height);
            } else {
                let len = c.items.shown.len();
                c.items.cursor.step(step(action, len, cx.height), len, cx.height);
            }
            c.items.more(cx.height, ask);
        } else {
            let len = self.lines.len();
            self.cursor.step(step(action, len, cx.height), len, cx.height);
        }
    }

    fn filter(&self) -> Option<&str> {
        match (&self.column, &self.item) {
            (_, Some(_)) => None,
            (Some(c), None) => Some(&c.items.filter),
            (None, None) => Some(&self.filter),
        }
    }

    fn set_filter(&mut self, text: String, cx: &Cx, ask: &mut Ask) {
        let height = cx.height;
        match (&mut self.column, &self.item) {
            (_, Some(_)) => {}
            (Some(c), None) => {
                c.items.set_filter(text, height);
                c.items.refiltered(ask);
            }
            (None, None) => {
                self.filter = text;
                self.relayout(height);
            }
        }
    }

    /// The text `y` copies: the id or title of the item (open or selected), or the column's id
    /// or path.
    fn copy(&self, id: bool) -> Option<String> {
        match (&self.column, &self.item) {
            (_, Some(item)) => item.copy(id),
            (Some(c), None) => c.items.selected().map(|i| if id { i.id.to_string() } else { i.title.clone() }),
            (None, None) => self.selected_entry().map(|e| if id { e.id.to_string() } else { e.path.clone() }),
        }
    }

    fn item(&self) -> Option<&ItemView> {
        self.item.as_ref()
    }

    fn cursor(&mut self) -> Option<(&mut Cursor, usize)> {
        match (&mut self.column, &self.item) {
            (_, Some(_)) => None,
            (Some(c), None) => Some((&mut c.items.cursor, c.items.shown.len())),
            (None, None) => Some((&mut self.cursor, self.lines.len())),
        }
    }

    fn fit(&mut self, height: usize) {
        self.cursor.show(self.lines.len(), height);
        if let Some(c) = &mut self.column {
            c.items.cursor.show(c.items.shown.len(), height);
        }
    }

    fn asking(&self) -> bool {
        self.day.is_some()
    }

    fn typed(&mut self, event: KeyEvent, _cx: &Cx, ask: &mut Ask) {
        self.day_typed(event, ask);
    }

    fn draw_question(&self, d: &mut crate::ui::widgets::Draw, areas: &Areas) {
        if let Some(input) = &self.day {
            crate::ui::widgets::input_line(d.buf, areas.status, &t!("prompt-before"), input);
        }
    }

    fn documents(&self) -> usize {
        match (&self.column, &self.item) {
            (Some(c), None) => c.documents.len(),
            _ => 0,
        }
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &Areas) {
        match (&self.column, &self.item) {
            (_, Some(item)) => d.item(areas, item),
            (Some(c), None) => draw::column(c, d, areas),
            (None, None) => draw::tree(self, d, areas),
        }
    }
}
