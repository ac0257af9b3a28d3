//! The questions before a write: a confirmation given (a publication goes to the queue, a
//! withdrawal, a mark or a restore to `withdraw.rs`), and the reason typed for a waiver.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Confirmed, Effect, Overlay};

impl App {
    /// The confirmation was given: do what it was for.
    pub(super) fn confirmed(&mut self, effects: &mut Vec<Effect>) {
        let retraction = matches!(
            &self.overlay,
            Overlay::Confirm { then, .. } if !matches!(then, Confirmed::Publish | Confirmed::PublishMarked)
        );
        if retraction && self.write_running() {
            return;
        }
        let Overlay::Confirm { then, .. } = std::mem::take(&mut self.overlay) else { return };
        if retraction {
            self.write_confirmed(then, effects);
            return;
        }
        // A publication: the item under review, or the marked items.
        let (views, _, mut ask) = self.parts(effects);
        views.queue.publish(&mut ask);
    }

    /// A key typed into the waiver's reason: Esc closes the question, Enter gives what is typed
    /// (a warning instead if nothing is), anything else edits it. (A rejection's and a decline's
    /// reasons are their views' own questions: `views::answer`.)
    pub(super) fn reason_typed(&mut self, event: KeyEvent, needed: &str) -> Option<String> {
        let input = match &mut self.overlay {
            Overlay::Waive(form) => &mut form.input,
            Overlay::None
            | Overlay::Help(_)
            | Overlay::Messages(_)
            | Overlay::Record(_)
            | Overlay::Confirm { .. }
            | Overlay::Mark { .. }
            | Overlay::Incident(_)
            | Overlay::Reverse(_)
            | Overlay::Copy
            | Overlay::Filter(_)
            | Overlay::Command { .. } => return None,
        };
        match event.code {
            KeyCode::Esc => self.overlay = Overlay::None,
            KeyCode::Enter => {
                let reason = input.lines().join(" ").trim().to_string();
                if reason.is_empty() {
                    self.warn(needed);
                    return None;
                }
                self.overlay = Overlay::None;
                return Some(reason);
            }
            _ => {
                super::edit(input, event);
            }
        }
        None
    }
}
