//! The questions before a write: a confirmation given (a publication goes to the queue, a
//! withdrawal, a mark or a restore to `withdraw.rs`).

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
}
