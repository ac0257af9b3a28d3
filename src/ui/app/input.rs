//! Keys and the mouse: what each does in the view in front, and the tab switches.

use super::*;
use crate::ui::views::help;
use crossterm::event::KeyModifiers;

impl App {
    pub(super) fn key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        if event.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        // Ctrl-c in a line being typed or a question cancels it, as Esc does (elsewhere it quits).
        let event = if event.code == KeyCode::Char('c')
            && event.modifiers.contains(KeyModifiers::CONTROL)
            && self.prompting()
        {
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
        } else {
            event
        };
        // The last message fades on the next key (`:messages` keeps it): it never speaks for a
        // later action or another tab.
        self.notice = None;
        if self.typed_write_refused(event) {
            return;
        }
        // Text inputs take typing first: a view's own question, then the console's.
        if let (Overlay::None, Some(tab)) = (&self.overlay, self.question()) {
            // A retraction write (a decline) waits for the one running; the question stays open.
            if self.views.of(tab).typed_write(event, &self.keymap) == Some(crate::domain::review::Act::Withdraw)
                && self.write_running()
            {
                return;
            }
            self.with_view(tab, effects, |v, cx, ask| v.typed(event, cx, ask));
            return;
        }
        match &mut self.overlay {
            Overlay::Filter(input) => {
                match event.code {
                    KeyCode::Esc => {
                        self.overlay = Overlay::None;
                        self.set_filter(String::new(), effects);
                    }
                    KeyCode::Enter => self.overlay = Overlay::None,
                    _ => {
                        edit(input, event);
                        let text = input.lines().first().cloned().unwrap_or_default();
                        self.set_filter(text, effects);
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
                        edit(input, event);
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
            Overlay::Mark { .. } => {
                self.mark_key(event, effects);
                return;
            }
            Overlay::Record(_) => {
                self.overlay = Overlay::None;
                return;
            }
            Overlay::Help(_) | Overlay::Messages(_) => {
                let action = self.keymap.action(Layer::Global, Key::from_event(event));
                let lines: Vec<String> = self.pager_lines().iter().map(help::plain).collect();
                let height = help::page_height(self.size);
                if let Overlay::Help(pager) | Overlay::Messages(pager) = &mut self.overlay {
                    match help::key(pager, event, action, &lines, height) {
                        help::Key::Stay => {}
                        help::Key::Close => self.overlay = Overlay::None,
                        help::Key::Quit => self.quit = true,
                    }
                }
                return;
            }
            // Not typed into: the keymap of the layer in front.
            Overlay::None | Overlay::Confirm { .. } | Overlay::Copy => {}
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

    /// Whether a line is being typed or a question is open (Ctrl-c cancels it).
    fn prompting(&self) -> bool {
        match &self.overlay {
            Overlay::Filter(_) | Overlay::Command { .. } | Overlay::Mark { .. } | Overlay::Confirm { .. } => true,
            Overlay::Help(p) | Overlay::Messages(p) => p.typing.is_some(),
            Overlay::None => self.question().is_some(),
            Overlay::Record(_) | Overlay::Copy => false,
        }
    }

    pub(super) fn mouse(&mut self, mouse: MouseEvent, effects: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) || self.question().is_some() {
            return;
        }
        if matches!(mouse.kind, MouseEventKind::Down(_) | MouseEventKind::ScrollDown | MouseEventKind::ScrollUp) {
            self.notice = None;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.act(Action::Down, effects),
            MouseEventKind::ScrollUp => self.act(Action::Up, effects),
            MouseEventKind::Down(MouseButton::Left) => {
                let layout = self.areas();
                if mouse.row == layout.tabs.y {
                    // The tab titles: ` 1 Columns  2 Scores `.
                    let mut x = 0u16;
                    let bar = self.bar();
                    for (tab, label) in bar.iter().zip(Tab::labels(self.size.0, &bar, self.tab)) {
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
                    if let Some((cursor, len)) = self.views.of_mut(self.tab).cursor() {
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

    pub(super) fn set_filter(&mut self, text: String, effects: &mut Vec<Effect>) {
        self.with_view(self.tab, effects, |v, cx, ask| v.set_filter(text, cx, ask));
    }

    pub(super) fn current_filter(&self) -> String {
        self.views.of(self.tab).filter().unwrap_or_default().to_string()
    }

    /// Runs a named action.
    pub fn act(&mut self, action: Action, effects: &mut Vec<Effect>) {
        let ambiguous = self.ambiguous;
        if self.write_refused(action) {
            return;
        }
        if self.with_view(self.tab, effects, |v, cx, ask| v.on_action(action, cx, ask)) {
            return;
        }
        match action {
            Action::Noop => {}
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help(help::Pager::top()),
            Action::Filter => {
                // The filter in force, selected: typing replaces it, an arrow key edits it.
                let filter = self.current_filter();
                let mut input = single_line(&filter);
                if !filter.is_empty() {
                    input.select_all();
                }
                self.overlay = Overlay::Filter(Box::new(input));
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
                        self.tell(t!("copied", text = crate::ui::text::fit(&text, 40, ambiguous)));
                        effects.push(Effect::Copy(text));
                    }
                    Err(why) => self.warn(why),
                }
            }
            Action::Back => self.back(effects),
            Action::Refresh => self.refresh(effects),
            Action::NextTab | Action::PrevTab => {
                let bar = self.bar();
                let i = bar.iter().position(|t| *t == self.tab).unwrap_or(0);
                let n = bar.len();
                let next = if action == Action::NextTab { (i + 1) % n } else { (i + n - 1) % n };
                self.switch(bar[next], effects);
            }
            Action::Show(tab) => self.switch(tab, effects),
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
            | Action::Return
            | Action::Reject
            | Action::Publish
            | Action::Mark
            | Action::QueueSort
            | Action::SitesSort
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
            | Action::WithdrawnMark
            | Action::WithdrawnMarkRange
            | Action::WithdrawnMarkBatch
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
            | Action::WaiveFinding
            | Action::BrokenLinks
            | Action::FindingsSort
            | Action::ScoresSort
            | Action::FindingsKind
            | Action::OrderNextField
            | Action::OrderPreviousField
            | Action::CloseOrder
            | Action::Expand
            | Action::Collapse
            | Action::Toggle
            | Action::ExpandAll
            | Action::CollapseAll
            | Action::OnlyOverdue
            | Action::GroupByUnit
            | Action::Remind
            | Action::SortOverdue => {}
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                self.with_view(self.tab, effects, |v, cx, ask| v.motion(action, cx, ask))
            }
            Action::Open => self.with_view(self.tab, effects, |v, cx, ask| v.open(cx, ask)),
            Action::IssueOrder => self.order_on_item(effects),
        }
    }

    /// `z` on an item opened in a view that has no order of its own to draft: the form of an order
    /// about that item, to its unit.
    fn order_on_item(&mut self, effects: &mut Vec<Effect>) {
        let item = self.views.of(self.tab).item().and_then(|v| v.item.as_ref()).map(|(item, _)| item.clone());
        match item {
            Some(item) => {
                let draft = crate::ui::views::orders::Draft::item(&item);
                self.event(Event::Rectify(Box::new(draft)), effects);
            }
            None => self.warn(t!("orders-nothing-to-order")),
        }
    }

    /// The lines of the help or the message log open, as wide as their box (none otherwise).
    pub fn pager_lines(&self) -> Vec<ratatui::text::Line<'static>> {
        let width = help::inner(self.size).0;
        let heading = self.theme.heading();
        match &self.overlay {
            Overlay::Help(_) => {
                let keys = help::Keys { keymap: &self.keymap, not_offered: &|a| self.not_offered(a) };
                help::lines(self.layer(), keys, &self.places, self.mouse, width, heading, self.ambiguous)
            }
            Overlay::Messages(_) => {
                let error = self.theme.status(crate::domain::staleness::Status::Overdue);
                help::messages(&self.messages, width, error, self.now)
            }
            _ => Vec::new(),
        }
    }

    /// `:messages`: the log, scrolled to the newest.
    pub(super) fn open_messages(&mut self) {
        self.overlay = Overlay::Messages(help::Pager::top());
        let n = self.pager_lines().len();
        self.overlay = Overlay::Messages(help::Pager::bottom(n, help::page_height(self.size)));
    }

    pub(super) fn copy_text(&self, id: bool) -> Option<String> {
        self.views.of(self.tab).copy(id)
    }

    /// The public link of the item open (in a column or under review).
    pub(super) fn copy_link(&self) -> Result<String, String> {
        let view = self.views.of(self.tab).item();
        let item = view.and_then(|v| v.item.as_ref()).ok_or_else(|| t!("copy-open-item"))?;
        item.0.fields.url.clone().ok_or_else(|| t!("copy-no-link"))
    }

    pub(super) fn back(&mut self, effects: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) {
            self.overlay = Overlay::None;
        } else if !self.current_filter().is_empty() {
            self.set_filter(String::new(), effects);
        } else {
            self.with_view(self.tab, effects, |v, cx, ask| v.back(cx, ask));
        }
    }

    pub(super) fn refresh(&mut self, effects: &mut Vec<Effect>) {
        self.with_view(self.tab, effects, |v, cx, ask| v.refresh(cx, ask));
    }
}
