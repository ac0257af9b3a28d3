//! The retractions tab's actions (Art. 13): withdraw a request's item after a confirmation that
//! names it, or decline the request with a reason; then the list reloads.

use crossterm::event::KeyEvent;

use super::{App, Confirmed, Effect, Load, Overlay, single_line};
use crate::ui::keymap::Action;

impl App {
    /// Runs an action of the retractions list; false if it is not one.
    pub(super) fn retraction_act(&mut self, action: Action) -> bool {
        let Some(r) = self.retractions.selected() else { return matches!(action, Action::Withdraw | Action::Decline) };
        match action {
            Action::Withdraw => {
                let text = format!(
                    "Withdraw item {} from every column ({}):\n  {}\n  {}\n\nrequested by {} · Enter withdraws · Esc cancels",
                    r.item,
                    r.reason.as_str(),
                    r.title,
                    r.columns.join("\n  "),
                    r.unit.as_deref().unwrap_or("-")
                );
                let then = Confirmed::Withdraw { item: r.item, reason: r.reason };
                self.overlay = Overlay::Confirm { text, then };
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
        let Some(reason) = self.reason_typed(event, "declining a request needs a reason") else { return };
        let id = self.request(Load::Decline { request, reason }, effects);
        self.retraction_write = Some(id);
    }

    /// A withdrawal or a decline came back: say so and reload the requests.
    pub(super) fn withdrawn(&mut self, id: u64, result: Result<bool, String>, effects: &mut Vec<Effect>) {
        if !super::arrived(&mut self.retraction_write, id) {
            return;
        }
        match result {
            Ok(true) => self.tell("withdrawn from every column; the request is closed"),
            Ok(false) => self.tell("done; nothing else changed"),
            Err(e) => self.warn(e),
        }
        self.load_retractions(effects);
    }
}
