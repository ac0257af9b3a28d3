//! Withdrawing items (Art. 13), marking them 已修改 / 已废止 / 已失效 instead, and restoring one:
//! a confirmation that says how many and which, with the reason (a key cycles it) and the way to
//! mark instead; nothing is written before Enter. When the write comes back the status line says
//! exactly what happened and everything it affects loads again.

use super::calendar::CalendarLoad;
use crossterm::event::KeyEvent;

use super::{App, Confirmed, Effect, Load, Overlay, arrived, single_line};
use crate::domain::{ItemStatus, MarkKind, RetractionReason};
use crate::store::NewMark;
use crate::t;
use crate::ui::keymap::{Action, Key, Layer};
use crate::ui::text::{self, fit};
use crate::ui::words;
use crate::usecase::withdrawal::{Proposal, next, propose};
pub use crate::usecase::withdrawal::{
    marking_summary as marking_said, restoration_summary as restore_said, summary as withdrawal_said,
};

/// The inner width of a confirmation (its popup is 76 cells wide).
const WIDTH: usize = 74;

/// The question of the mark to put on items (effective today) and the document that replaces them.
pub(crate) fn mark_overlay(items: Vec<(i64, String)>) -> Overlay {
    let mut replaced_by = single_line("");
    replaced_by.set_placeholder_text(t!("mark-replaced-by-placeholder"));
    Overlay::Mark { items, kind: MarkKind::Amended, replaced_by: Box::new(replaced_by), not_sent: false }
}

impl App {
    /// How many item lines a popup with `fixed` other lines shows at the current height.
    pub fn list_room(&self, fixed: usize) -> usize {
        usize::from(self.size.1).saturating_sub(4 + 2 + fixed).max(1)
    }

    /// The items, one line each, as many as fit in `room` lines, then how many more.
    pub fn item_lines(&self, items: &[(i64, String)], room: usize) -> Vec<String> {
        let ambiguous = self.ambiguous;
        let shown = if items.len() <= room { items.len() } else { room.saturating_sub(1).max(1) };
        let id_w = items[..shown].iter().map(|(id, _)| id.to_string().len()).max().unwrap_or(0);
        let mut lines: Vec<String> = items[..shown]
            .iter()
            .map(|(id, title)| {
                let title = text::display(title, self.ambiguous);
                format!("  {id:<id_w$}  {}", fit(&title, WIDTH.saturating_sub(4 + id_w), ambiguous))
            })
            .collect();
        if items.len() > shown {
            lines.push(t!("withdraw-more", count = items.len() - shown));
        }
        lines
    }

    /// The confirmation before withdrawing `items` as outdated (`r` changes the reason).
    pub(super) fn ask_withdrawal(&mut self, items: Vec<(i64, String)>) {
        let text = self.withdrawal_text(&items, RetractionReason::Outdated);
        self.overlay =
            Overlay::Confirm { text, then: Confirmed::WithdrawItems { items, reason: RetractionReason::Outdated } };
    }

    /// The confirmation of a withdrawal: how many and which, the reason, the keys.
    pub(super) fn withdrawal_text(&self, items: &[(i64, String)], reason: RetractionReason) -> String {
        let p: Proposal = propose(items.to_vec(), reason);
        let first = items.first().map_or(0, |(id, _)| *id);
        let mut lines = vec![t!("withdraw-question", count = items.len(), id = first)];
        lines.extend(self.item_lines(items, self.list_room(4)));
        lines.push(String::new());
        // The others in the order the key gives them; Art. 16: only an outdated item keeps its points.
        let others: Vec<String> = p.others.iter().map(|r| words::reason(*r)).collect();
        let points = if p.keeps_points() { String::new() } else { t!("withdraw-loses-points") };
        lines.push(t!(
            "withdraw-reason",
            reason = words::reason(reason),
            points = points,
            key = self.keymap.key_name(Layer::Confirm, Action::NextReason),
            others = others.join(&t!("list-separator"))
        ));
        lines.push(t!(
            "withdraw-keys",
            yes = self.keymap.key_name(Layer::Confirm, Action::Confirm),
            mark = self.keymap.key_name(Layer::Confirm, Action::MarkInstead),
            no = self.keymap.key_name(Layer::Confirm, Action::Back)
        ));
        lines.join("\n")
    }

    /// The withdrawal being confirmed takes the next reason.
    pub(super) fn next_reason(&mut self) {
        match self.overlay.confirming() {
            Some(Confirmed::WithdrawItems { items, reason }) => {
                let (items, reason) = (items.clone(), next(RetractionReason::ALL, *reason));
                let text = self.withdrawal_text(&items, reason);
                self.overlay = Overlay::Confirm { text, then: Confirmed::WithdrawItems { items, reason } };
            }
            Some(Confirmed::Withdraw { .. }) => self
                .warn(t!("withdraw-request-reason", key = self.keymap.key_name(Layer::Retractions, Action::Decline))),
            // No withdrawal being confirmed: no reason to change.
            Some(
                Confirmed::Publish
                | Confirmed::PublishMarked
                | Confirmed::Restore { .. }
                | Confirmed::ImportCalendar(_),
            )
            | None => {}
        }
    }

    /// The withdrawal being confirmed becomes a mark instead.
    pub(super) fn mark_instead(&mut self) {
        let items = match self.overlay.confirming() {
            Some(Confirmed::WithdrawItems { items, .. }) => items.clone(),
            Some(Confirmed::Withdraw { item, reason }) => {
                if *reason != RetractionReason::Outdated {
                    self.warn(t!("withdraw-mark-outdated-only", reason = words::reason(*reason)));
                    return;
                }
                let title = self
                    .views
                    .retractions
                    .list
                    .rows
                    .iter()
                    .find(|r| r.item == *item)
                    .map_or_else(String::new, |r| r.title.clone());
                vec![(*item, title)]
            }
            // No withdrawal being confirmed: nothing to mark instead.
            Some(
                Confirmed::Publish
                | Confirmed::PublishMarked
                | Confirmed::Restore { .. }
                | Confirmed::ImportCalendar(_),
            )
            | None => return,
        };
        self.open_mark(items);
    }

    /// Asks for the mark to put on items (effective today) and the document that replaces them.
    pub(super) fn open_mark(&mut self, items: Vec<(i64, String)>) {
        self.overlay = mark_overlay(items);
    }

    /// The day a mark takes effect: today in Beijing.
    pub fn mark_day(&self) -> chrono::NaiveDate {
        crate::domain::time::beijing_date(self.now)
    }

    /// A key while the mark is chosen: the mark layer's keys, or typing the replacing document.
    pub(super) fn mark_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let action = self.keymap.action(Layer::Mark, Key::from_event(event));
        if action == Some(Action::Confirm) && self.write_running() {
            return;
        }
        let effective_on = self.mark_day();
        let Overlay::Mark { items, kind, replaced_by, .. } = &mut self.overlay else { return };
        match action {
            Some(Action::NextMarkKind) => *kind = next(MarkKind::ALL, *kind),
            Some(Action::Back) => self.overlay = Overlay::None,
            Some(Action::Confirm) => {
                let mark = NewMark {
                    kind: *kind,
                    effective_on,
                    replaced_by: replaced_by.lines().join(" ").trim().to_string(),
                    note: String::new(),
                };
                let items = items.iter().map(|(id, _)| *id).collect();
                self.overlay = Overlay::None;
                self.write(Load::Mark { items, mark }, effects);
            }
            _ => {
                super::edit(replaced_by, event);
            }
        }
    }

    /// A confirmed withdrawal or restore: write it.
    pub(super) fn write_confirmed(&mut self, then: Confirmed, effects: &mut Vec<Effect>) {
        let load = match then {
            Confirmed::Withdraw { item, reason } => Load::Retract { items: vec![item], reason },
            Confirmed::WithdrawItems { items, reason } => {
                Load::Retract { items: items.into_iter().map(|(id, _)| id).collect(), reason }
            }
            Confirmed::Restore { withdrawals } => Load::Restore { withdrawals },
            Confirmed::ImportCalendar(notice) => Load::Calendar(CalendarLoad::Import(notice)),
            Confirmed::Publish | Confirmed::PublishMarked => return,
        };
        self.write(load, effects);
    }

    /// Whether a write of the retraction tools is still running (then says so): the question
    /// stays open until it has come back.
    pub(super) fn write_running(&mut self) -> bool {
        let running = self.retraction_write.is_some();
        if running {
            self.warn(t!("write-still-running"));
        }
        running
    }

    /// Starts a write of the retraction tools, unless one is still running.
    pub(super) fn write(&mut self, load: Load, effects: &mut Vec<Effect>) {
        if self.write_running() {
            return;
        }
        let id = self.request(load, effects);
        self.retraction_write = Some(id);
    }

    /// A write came back: say what happened (an error as a warning, the screen kept), clear the
    /// marks it used, and load again everything it affects.
    pub(super) fn wrote(&mut self, id: u64, said: Result<String, String>, effects: &mut Vec<Effect>) {
        if !arrived(&mut self.retraction_write, id) {
            return;
        }
        match said {
            Ok(text) => {
                self.tell(text);
                for view in self.views.all_mut() {
                    view.saved();
                }
            }
            Err(e) => self.warn(e),
        }
        self.reload_after_write(effects);
    }

    /// What a withdrawal, mark or restore changes, in every view (`View::reload`): the column
    /// tree's staleness, the open column and item, the lists already loaded (the others load when
    /// visited), the scores with the unit explained and the item opened from it, the indicators
    /// (a withdrawal can empty a column) and the findings (a withdrawn item is no longer online).
    fn reload_after_write(&mut self, effects: &mut Vec<Effect>) {
        self.each_view(effects, |v, cx, ask| v.reload(cx, ask));
    }
}

/// An opened item as the one to withdraw; why not, if it is withdrawn already or still loading.
pub(crate) fn opened_item(view: &crate::ui::views::item::ItemView) -> Result<Vec<(i64, String)>, String> {
    match &view.item {
        Some((item, _)) if item.fields.status == ItemStatus::Withdrawn => Err(t!("withdraw-already", id = item.id)),
        Some((item, _)) => Ok(vec![(item.id, item.fields.title.clone())]),
        None => Err(t!("withdraw-wait-item")),
    }
}
