//! Keys and the mouse: what each does in the view in front, and the tab switches.

use super::*;
use crate::ui::views::help;

impl App {
    pub(super) fn key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        if event.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        if self.typed_write_refused(event) {
            return;
        }
        // Text inputs take typing first.
        match &mut self.overlay {
            Overlay::Filter(input) => {
                match event.code {
                    KeyCode::Esc => {
                        self.overlay = Overlay::None;
                        self.set_filter(String::new());
                    }
                    KeyCode::Enter => self.overlay = Overlay::None,
                    _ => {
                        input.input(event);
                        let text = input.lines().first().cloned().unwrap_or_default();
                        self.set_filter(text);
                    }
                }
                return;
            }
            Overlay::Command { input, completions, next } => {
                match event.code {
                    KeyCode::Esc => self.overlay = Overlay::None,
                    KeyCode::Enter => {
                        let line = input.lines().first().cloned().unwrap_or_default();
                        self.overlay = Overlay::None;
                        self.command(&line, effects);
                    }
                    KeyCode::Tab => {
                        if let Some(c) = completions.get(*next % completions.len().max(1)).cloned() {
                            **input = single_line(&c);
                            *next += 1;
                        }
                    }
                    _ => {
                        input.input(event);
                        let line = input.lines().first().cloned().unwrap_or_default();
                        let fresh = self.completions(&line);
                        if let Overlay::Command { completions, next, .. } = &mut self.overlay {
                            *completions = fresh;
                            *next = 0;
                        }
                    }
                }
                return;
            }
            Overlay::Reason { .. } => {
                self.reason_key(event, effects);
                return;
            }
            Overlay::Decline { .. } => {
                self.decline_key(event, effects);
                return;
            }
            Overlay::Before(_) => {
                self.before_key(event, effects);
                return;
            }
            Overlay::Mark { .. } => {
                self.mark_key(event, effects);
                return;
            }
            Overlay::Incident(_) | Overlay::Reverse(_) => {
                self.incident_key(event, effects);
                return;
            }
            Overlay::Waive(_) => {
                self.waive_key(event, effects);
                return;
            }
            Overlay::Record(_) => {
                self.overlay = Overlay::None;
                return;
            }
            Overlay::Help { scroll } => {
                let action = self.keymap.action(Layer::Global, Key::from_event(event));
                match help::key(scroll, action, event.modifiers.contains(KeyModifiers::CONTROL)) {
                    help::Key::Stay => {}
                    help::Key::Close => self.overlay = Overlay::None,
                    help::Key::Quit => self.quit = true,
                }
                return;
            }
            _ => {}
        }
        let key = Key::from_event(event);
        match self.keymap.action(self.layer(), key) {
            Some(action) => self.act(action, effects),
            None => {
                if matches!(self.overlay, Overlay::Copy) {
                    self.overlay = Overlay::None;
                }
            }
        }
    }

    pub(super) fn mouse(&mut self, mouse: MouseEvent, effects: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.act(Action::Down, effects),
            MouseEventKind::ScrollUp => self.act(Action::Up, effects),
            MouseEventKind::Down(MouseButton::Left) => {
                let layout = layout::Areas::new(
                    self.size,
                    self.tab == Tab::Columns && self.column.is_some() && self.item.is_none(),
                    self.column_documents(),
                );
                if mouse.row == layout.tabs.y {
                    // The tab titles: ` 1 Columns  2 Scores `.
                    let mut x = 0u16;
                    for (tab, label) in Tab::ALL.iter().zip(Tab::labels(self.size.0)) {
                        let w = u16::try_from(crate::ui::text::width(&label)).unwrap_or(0);
                        if mouse.column >= x && mouse.column < x + w {
                            self.switch(*tab, effects);
                        }
                        x += w;
                    }
                    return;
                }
                let rows = layout.rows;
                if mouse.row >= rows.y && mouse.row < rows.y + rows.height {
                    let row = usize::from(mouse.row - rows.y);
                    let registered = self.views.of_mut(self.tab).map(|v| v.cursor());
                    let cursor = match (self.tab, &mut self.column, &self.item) {
                        _ if registered.is_some() => registered.flatten(),
                        (Tab::Columns, None, _) => Some((&mut self.columns.cursor, self.columns.lines.len())),
                        (Tab::Columns, Some(c), None) => Some((&mut c.items.cursor, c.items.shown.len())),
                        _ => None,
                    };
                    if let Some((cursor, len)) = cursor {
                        let target = cursor.offset + row;
                        if target < len {
                            if cursor.selected == target {
                                self.act(Action::Open, effects);
                            } else {
                                cursor.selected = target;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn switch(&mut self, tab: Tab, effects: &mut Vec<Effect>) {
        self.tab = tab;
        self.with_view(tab, effects, |v, cx, ask| v.show(cx, ask));
        // Only when opened: on a large site the checks take tens of seconds.
    }

    pub(super) fn set_filter(&mut self, text: String) {
        let height = self.list_height();
        if let Some(view) = self.views.of_mut(self.tab) {
            view.set_filter(text, height);
            return;
        }
        match (self.tab, &mut self.column, &self.item) {
            (Tab::Columns, None, _) => {
                self.columns.filter = text;
                self.columns.relayout(height);
            }
            (Tab::Columns, Some(c), None) => c.items.set_filter(text, height),
            _ => {}
        }
    }

    pub(super) fn current_filter(&self) -> String {
        if let Some(view) = self.views.of(self.tab) {
            return view.filter().unwrap_or_default().to_string();
        }
        match (self.tab, &self.column, &self.item) {
            (Tab::Columns, None, _) => self.columns.filter.clone(),
            (Tab::Columns, Some(c), None) => c.items.filter.clone(),
            _ => String::new(),
        }
    }

    /// Runs a named action.
    pub fn act(&mut self, action: Action, effects: &mut Vec<Effect>) {
        if self.write_refused(action) {
            return;
        }
        let height = self.list_height();
        if self.with_view(self.tab, effects, |v, cx, ask| v.on_action(action, cx, ask)) == Some(true) {
            return;
        }
        if self.tab == Tab::Columns && self.bulk_act(action, effects) {
            return;
        }
        match action {
            Action::Noop => {}
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Filter => {
                if self.item.is_none() || self.tab != Tab::Columns {
                    self.overlay = Overlay::Filter(Box::new(single_line(&self.current_filter())));
                }
            }
            Action::Command => {
                self.overlay =
                    Overlay::Command { input: Box::new(single_line("")), completions: self.completions(""), next: 0 };
            }
            Action::Copy => self.overlay = Overlay::Copy,
            Action::CopyId | Action::CopyTitle | Action::CopyLink => {
                self.overlay = Overlay::None;
                let text = if action == Action::CopyLink {
                    self.copy_link()
                } else {
                    self.copy_text(action == Action::CopyId).ok_or_else(|| t!("copy-nothing"))
                };
                match text {
                    Ok(text) => {
                        self.tell(t!("copied", text = crate::ui::text::fit(&text, 40)));
                        effects.push(Effect::Copy(text));
                    }
                    Err(why) => self.warn(why),
                }
            }
            Action::Back => self.back(effects),
            Action::Refresh => self.refresh(effects),
            Action::NextTab | Action::PrevTab => {
                let i = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                let n = Tab::ALL.len();
                let next = if action == Action::NextTab { (i + 1) % n } else { (i + n - 1) % n };
                self.switch(Tab::ALL[next], effects);
            }
            Action::ColumnsTab => self.switch(Tab::Columns, effects),
            Action::ScoresTab => self.switch(Tab::Scores, effects),
            Action::AuditTab => self.switch(Tab::Audit, effects),
            Action::QueueTab => self.switch(Tab::Queue, effects),
            Action::RetractionsTab => self.switch(Tab::Retractions, effects),
            Action::WithdrawnTab => self.switch(Tab::Withdrawn, effects),
            Action::InspectionTab => self.switch(Tab::Inspection, effects),
            Action::FindingsTab => self.switch(Tab::Findings, effects),
            Action::Confirm => self.confirmed(effects),
            Action::NextReason => self.next_reason(),
            Action::MarkInstead => self.mark_instead(),
            Action::Check1
            | Action::Check2
            | Action::Check3
            | Action::Check4
            | Action::Check5
            | Action::Check6
            | Action::Check7
            | Action::AllChecks
            | Action::Approve
            | Action::Reject
            | Action::Publish
            | Action::Mark
            | Action::QueueSort
            | Action::Withdraw
            | Action::Decline
            | Action::PublishMarked
            | Action::MarkRequest
            | Action::ColumnMark
            | Action::ColumnMarkRange
            | Action::ColumnMarkOlder
            | Action::WithdrawItems
            | Action::NextMarkKind
            | Action::Restore
            | Action::PrevPeriod
            | Action::NextPeriod
            | Action::QuarterOrYear
            | Action::RecordIncident
            | Action::WriteBulletin
            | Action::ReverseIncident
            | Action::NextField
            | Action::PreviousField
            | Action::NextKind
            | Action::NextFinding
            | Action::PreviousFinding
            | Action::WaiveFinding => {}
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                self.motion(action, height, effects)
            }
            Action::Open => self.open(effects),
            Action::Expand | Action::Collapse | Action::Toggle | Action::ExpandAll | Action::CollapseAll => {
                self.fold(action, height)
            }
            Action::OnlyOverdue | Action::GroupByUnit | Action::SortOverdue => {
                if let Some(tree) = &mut self.columns.tree {
                    let m = &mut tree.mode;
                    match action {
                        Action::OnlyOverdue => m.only_overdue = !m.only_overdue,
                        Action::GroupByUnit => {
                            m.by_unit = !m.by_unit;
                            m.unit = None;
                        }
                        _ => m.sort_overdue = !m.sort_overdue,
                    }
                    self.columns.relayout(height);
                }
            }
        }
    }

    pub(super) fn copy_text(&self, id: bool) -> Option<String> {
        if let Some(view) = self.views.of(self.tab) {
            return view.copy(id);
        }
        match (self.tab, &self.column, &self.item) {
            (Tab::Columns, _, Some(item)) => {
                let title = item.item.as_ref().map(|(i, _)| i.title.clone());
                if id { Some(item.id.to_string()) } else { title }
            }
            (Tab::Columns, Some(c), None) => {
                c.items.selected().map(|i| if id { i.id.to_string() } else { i.title.clone() })
            }
            (Tab::Columns, None, None) => {
                self.columns.selected_entry().map(|e| if id { e.id.to_string() } else { e.path.clone() })
            }
            // The registered views, above.
            _ => None,
        }
    }

    /// The public link of the item open (in a column or under review).
    pub(super) fn copy_link(&self) -> Result<String, String> {
        let view = match self.tab {
            Tab::Columns => self.item.as_ref(),
            tab => self.views.of(tab).and_then(|v| v.item()),
        };
        let item = view.and_then(|v| v.item.as_ref()).ok_or_else(|| t!("copy-open-item"))?;
        item.0.url.clone().ok_or_else(|| t!("copy-no-link"))
    }

    pub(super) fn back(&mut self, effects: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) {
            self.overlay = Overlay::None;
        } else if !self.current_filter().is_empty() {
            self.set_filter(String::new());
        } else if self.with_view(self.tab, effects, |v, cx, ask| v.back(cx, ask)) == Some(true) {
        } else if self.tab == Tab::Columns && self.item.is_some() {
            self.item = None;
        } else if self.tab == Tab::Columns && self.column.as_ref().is_some_and(|c| !c.marks.items.is_empty()) {
            // Marks go before the column does.
            let n = self.column.as_mut().map_or(0, |c| c.marks.clear());
            self.tell(t!("marks-cleared", count = n));
        } else if self.tab == Tab::Columns && self.column.is_some() {
            self.column = None;
        } else if let Some(tree) = &mut self.columns.tree
            && tree.mode != Default::default()
        {
            tree.mode = Default::default();
            let height = self.list_height();
            self.columns.relayout(height);
        }
    }

    pub(super) fn refresh(&mut self, effects: &mut Vec<Effect>) {
        if self.with_view(self.tab, effects, |v, cx, ask| v.refresh(cx, ask)).is_some() {
            return;
        }
        // The column tree, and what is open above it.
        if self.tab == Tab::Columns {
            self.load_columns(effects);
            if let Some(c) = &self.column {
                let column_id = c.column.id;
                self.open_column_by_id(column_id, effects);
            }
            self.reload_item(effects);
        }
    }

    pub(super) fn motion(&mut self, action: Action, height: usize, effects: &mut Vec<Effect>) {
        if self.with_view(self.tab, effects, |v, cx, ask| v.motion(action, cx, ask)).is_some() {
            return;
        }
        let page = height.max(1) as isize;
        let delta = |len: usize| -> isize {
            match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown => page,
                Action::PageUp => -page,
                Action::Top => -(len as isize),
                _ => len as isize,
            }
        };
        match (self.tab, &mut self.column, &mut self.item) {
            (Tab::Columns, _, Some(item)) => scroll(item, delta(10_000)),
            (Tab::Columns, Some(c), None) => {
                let len = c.items.shown.len();
                c.items.cursor.step(delta(len), len, height);
                self.more_items(effects);
            }
            (Tab::Columns, None, None) => {
                let len = self.columns.lines.len();
                self.columns.cursor.step(delta(len), len, height);
            }
            // The registered views, above.
            _ => {}
        }
    }

    pub(super) fn open(&mut self, effects: &mut Vec<Effect>) {
        if self.with_view(self.tab, effects, |v, cx, ask| v.open(cx, ask)).is_some() {
            return;
        }
        match (self.tab, &self.column, &self.item) {
            (Tab::Columns, None, _) => {
                let in_tree = matches!(
                    self.columns.lines.get(self.columns.cursor.selected),
                    Some(Line::Column { flat: false, .. })
                );
                let parent = self
                    .columns
                    .selected_index()
                    .is_some_and(|i| self.columns.tree.as_ref().is_some_and(|t| t.has_children(i)));
                if in_tree && parent {
                    // A column with columns below it opens and closes, as a folder in a file tree.
                    self.fold(Action::Toggle, self.list_height());
                } else if let Some(id) = self.columns.selected_entry().map(|e| e.id) {
                    self.open_column_by_id(id, effects);
                } else if let Some(Line::Unit { .. }) = self.columns.lines.get(self.columns.cursor.selected) {
                    self.columns.cursor.step(1, self.columns.lines.len(), self.list_height());
                }
            }
            (Tab::Columns, Some(c), None) => {
                if let Some(id) = c.items.selected().map(|i| i.id) {
                    let req = self.request(Load::Item { id }, effects);
                    self.item = Some(ItemView { id, item: None, scroll: 0, waiting: Some(req), error: None });
                }
            }
            _ => {}
        }
    }
}
