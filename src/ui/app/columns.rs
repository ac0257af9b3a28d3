//! The column tree, and one column opened from it: its online items, paged, and the documents due
//! in it; folding the tree, and the next page as the selection nears the end.

use super::*;

impl Row for ItemSummary {
    type Key = (DateTime<Utc>, i64);

    fn key(&self) -> Self::Key {
        (self.online_since, self.id)
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.title, self.unit.as_deref().unwrap_or("")])
    }
}

/// The column tree tab.
#[derive(Debug, Default)]
pub struct ColumnsView {
    pub tree: Option<ColumnTree>,
    pub lines: Vec<Line>,
    pub cursor: Cursor,
    pub filter: String,
    pub waiting: Option<u64>,
    pub error: Option<String>,
}

impl ColumnsView {
    pub(super) fn relayout(&mut self, height: usize) {
        let selected = self.selected_entry().map(|e| e.id);
        self.relayout_to(height, selected);
    }

    /// Recomputes the lines, keeping the selection on column `selected_id` if it is shown.
    pub(super) fn relayout_to(&mut self, height: usize, selected_id: Option<i64>) {
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
        match self.lines.get(self.cursor.selected)? {
            Line::Column { index, .. } => tree.entries.get(*index),
            Line::Unit { .. } => None,
        }
    }

    pub(super) fn selected_index(&self) -> Option<usize> {
        match self.lines.get(self.cursor.selected)? {
            Line::Column { index, .. } => Some(*index),
            Line::Unit { .. } => None,
        }
    }
}

/// One column opened: its online items and the documents due in it.
#[derive(Debug)]
pub struct ColumnView {
    pub column: ColumnEntry,
    pub items: Paged<ItemSummary>,
    pub count: Option<i64>,
    pub documents: Vec<DocumentReportRow>,
    pub waiting_head: Option<u64>,
    /// The items marked to be withdrawn (or marked 已废止 …) together.
    pub marks: Marks,
    /// "Everything before a day" being looked up: the request and the day.
    pub older: Option<(u64, NaiveDate)>,
}

impl App {
    pub(super) fn fold(&mut self, action: Action, height: usize) {
        let selected = self.columns.selected_index();
        let Some(tree) = &mut self.columns.tree else { return };
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
                        && let Some(pos) = self
                            .columns
                            .lines
                            .iter()
                            .position(|l| matches!(l, Line::Column { index, .. } if *index == parent))
                    {
                        self.columns.cursor.selected = pos;
                    }
                }
                _ => {}
            }
        }
        self.columns.relayout(height);
    }

    pub(super) fn open_column_by_id(&mut self, id: i64, effects: &mut Vec<Effect>) {
        let Some(column) = self.columns.tree.as_ref().and_then(|t| t.entries.iter().find(|e| e.id == id)).cloned()
        else {
            return;
        };
        let head = self.request(Load::ColumnHead { column_id: id, at: self.at }, effects);
        // A refresh keeps what is shown until the fresh rows arrive.
        let view = match self.column.take().filter(|c| c.column.id == id) {
            Some(c) => ColumnView { column, waiting_head: Some(head), ..c },
            None => ColumnView {
                column,
                items: Paged::default(),
                count: None,
                documents: Vec::new(),
                waiting_head: Some(head),
                marks: Marks::default(),
                older: None,
            },
        };
        self.column = Some(view);
        let page = self.request(Load::ColumnItems { column_id: id, before: None }, effects);
        if let Some(c) = &mut self.column {
            c.items.asked(page, None);
        }
    }

    /// Asks for the open column's next page if the selection is near the end of what is loaded.
    pub(super) fn more_items(&mut self, effects: &mut Vec<Effect>) {
        let height = self.list_height();
        let Some(c) = &self.column else { return };
        let Some(after) = c.items.wants_more(height) else { return };
        let column_id = c.column.id;
        let req = self.request(Load::ColumnItems { column_id, before: after }, effects);
        if let Some(c) = &mut self.column {
            c.items.asked(req, after);
        }
    }
}
