//! The retractions tab's actions (Art. 13): withdraw a request's item after a confirmation that
//! names it, answer an outdated request with a mark instead, or decline the request with a reason;
//! then what changed loads again.

use crossterm::event::KeyEvent;

use super::{App, Confirmed, Effect, Load, Overlay, single_line};
use crate::domain::RetractionReason;
use crate::store::RetractionRequest;
use crate::ui::keymap::Action;
use crate::ui::paged::Row;
use crate::ui::text::SearchKey;

impl Row for RetractionRequest {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[
            &self.title,
            self.unit.as_deref().unwrap_or(""),
            self.reason.as_str(),
            &self.note,
            &self.columns.join(" "),
        ])
    }
}

impl App {
    pub(super) fn load_retractions(&mut self, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Retractions, effects);
        self.retractions.asked(req, None);
    }

    /// Runs an action of the retractions list; false if it is not one.
    pub(super) fn retraction_act(&mut self, action: Action) -> bool {
        let Some(r) = self.retractions.selected() else {
            return matches!(action, Action::Withdraw | Action::Decline | Action::MarkRequest);
        };
        match action {
            Action::Withdraw => {
                let instead = if r.reason == RetractionReason::Outdated { " · m marks instead" } else { "" };
                let text = format!(
                    "Withdraw item {} from every column ({}):\n  {}\n  {}\n\nrequested by {} · Enter withdraws{instead} · Esc cancels",
                    r.item,
                    r.reason.as_str(),
                    r.title,
                    r.columns.join("\n  "),
                    r.unit.as_deref().unwrap_or("-")
                );
                let then = Confirmed::Withdraw { item: r.item, reason: r.reason };
                self.overlay = Overlay::Confirm { text, then };
            }
            Action::MarkRequest => {
                if r.reason != RetractionReason::Outdated {
                    let said = format!(
                        "only an outdated request can be answered with a mark; this one is {}: withdraw (w) or decline (d) it",
                        r.reason.as_str()
                    );
                    self.warn(said);
                } else {
                    let items = vec![(r.item, r.title.clone())];
                    self.open_mark(items);
                }
            }
            Action::Decline => {
                let request = r.id;
                let mut input = single_line("");
                input.set_placeholder_text("why the item stays online (required)");
                self.overlay = Overlay::Decline { input: Box::new(input), request };
            }
            _ => return false,
        }
        true
    }

    /// Typing the reason for declining a request.
    pub(super) fn decline_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Decline { request, .. } = &self.overlay else { return };
        let request = *request;
        if event.code == crossterm::event::KeyCode::Enter && self.write_running() {
            return;
        }
        let Some(reason) = self.reason_typed(event, "declining a request needs a reason") else { return };
        self.write(Load::Decline { request, reason }, effects);
    }
}
