//! The review queue and the review screen (Art. 8–10): the items awaiting a decision, oldest first
//! by step; an item opened beside the seven checks, toggled by their number keys; approve, reject
//! with a reason, publish after a confirmation; then the next item opens.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::findings::ItemFindings;
use super::{App, Confirmed, Effect, ItemView, Load, Overlay, Tab, single_line};
use crate::domain::Stage;
use crate::domain::item::ALL_CHECKS;
use crate::domain::review::{Checks, Decision};
use crate::store::{QueueItem, Transition};
use crate::ui::keymap::Action;
use crate::ui::paged::{Paged, Row};
use crate::ui::text::SearchKey;

impl Row for QueueItem {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.title, self.unit.as_deref().unwrap_or(""), &self.columns.join(" ")])
    }
}

/// The queue tab's list.
#[derive(Debug, Default)]
pub struct QueueView {
    /// Loaded whole: `done` once the first load has come back.
    pub items: Paged<QueueItem>,
    /// After a decision: the item to open when the reloaded queue arrives.
    pub open_next: Option<i64>,
    /// Approved items marked to be published together.
    pub marked: std::collections::BTreeSet<i64>,
    /// The publication of the marked items running.
    pub publishing: Option<u64>,
    /// Longest waiting first across all steps, instead of by step.
    pub by_wait: bool,
}

/// The order of the queue by step: the workflow's steps in turn, oldest first in each.
fn by_step(e: &QueueItem) -> (usize, DateTime<Utc>, i64) {
    (crate::domain::review::step_order(e.stage), e.waiting_since(), e.id)
}

impl QueueView {
    /// Puts the rows in the chosen order.
    pub fn order(&mut self, height: usize) {
        if self.by_wait {
            self.items.sort_by_key(height, |e| (e.waiting_since(), e.id));
        } else {
            self.items.sort_by_key(height, by_step);
        }
    }
}

/// An item opened from the queue for a decision.
#[derive(Debug)]
pub struct Reviewing {
    /// The item as the queue listed it (its step and the version the decision is made against).
    pub entry: QueueItem,
    pub view: ItemView,
    /// The checks affirmed so far.
    pub checks: Checks,
    /// The decision or publication running.
    pub deciding: Option<u64>,
    /// The content checks' findings on the item, beside the seven checks.
    pub findings: ItemFindings,
}

/// How long an item has waited, and whether that is too long: past a day, or past an hour for an
/// item its unit already put on WeChat (to be synced at once, Art. 7).
pub fn waiting(entry: &QueueItem, now: DateTime<Utc>) -> (String, bool) {
    let minutes = (now - entry.waiting_since()).num_minutes().max(0);
    let text = waited(minutes);
    let limit = if entry.channel == crate::domain::Channel::Wechat { 60 } else { 24 * 60 };
    (text, minutes > limit)
}

/// A wait in minutes as a person reads it: `40m`, `5h`, `2d 3h`.
pub fn waited(minutes: i64) -> String {
    match minutes.max(0) {
        m if m < 60 => format!("{m}m"),
        m if m < 24 * 60 => format!("{}h", m / 60),
        m => format!("{}d {}h", m / (24 * 60), m % (24 * 60) / 60),
    }
}

impl App {
    pub(super) fn load_queue(&mut self, effects: &mut Vec<Effect>) {
        let id = self.request(Load::Queue, effects);
        self.queue.items.asked(id, None);
    }

    /// Opens the queue's selected item for review.
    pub(super) fn open_review(&mut self, effects: &mut Vec<Effect>) {
        let Some(entry) = self.queue.items.selected().cloned() else { return };
        let id = entry.id;
        let request = self.request(Load::Item { id }, effects);
        let view = ItemView { id, item: None, scroll: 0, waiting: Some(request), error: None };
        self.reviewing = Some(Reviewing {
            entry,
            view,
            checks: Checks::default(),
            deciding: None,
            findings: ItemFindings::default(),
        });
        self.load_review_findings(effects);
    }

    /// Runs an action of the queue list; false if it is not one.
    fn queue_list_act(&mut self, action: Action) -> bool {
        match action {
            Action::Mark => {
                let Some(e) = self.queue.items.selected() else { return true };
                let id = e.id;
                if e.stage != Stage::Publish {
                    self.warn(format!("item {id} is at {}: only approved items are published", e.stage.as_str()));
                } else if !self.queue.marked.remove(&id) {
                    self.queue.marked.insert(id);
                }
                let len = self.queue.items.shown.len();
                let height = self.list_height();
                self.queue.items.cursor.step(1, len, height);
            }
            Action::QueueSort => {
                self.queue.by_wait = !self.queue.by_wait;
                let height = self.list_height();
                self.queue.order(height);
            }
            Action::PublishMarked => {
                let marked: Vec<&QueueItem> =
                    self.queue.items.rows.iter().filter(|e| self.queue.marked.contains(&e.id)).collect();
                if marked.is_empty() {
                    self.warn("mark approved items first (Space)");
                } else {
                    let list: Vec<String> = marked.iter().map(|e| format!("{}  {}", e.id, e.title)).collect();
                    let text = format!(
                        "Publish {} items, each into its target columns:\n  {}\n\nEnter publishes · Esc cancels",
                        marked.len(),
                        list.join("\n  ")
                    );
                    self.overlay = Overlay::Confirm { text, then: Confirmed::PublishMarked };
                }
            }
            _ => return false,
        }
        true
    }

    /// Runs an action of the review screen or the queue list; false if it is not one.
    pub(super) fn review_act(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        if self.reviewing.is_none() {
            return self.queue_list_act(action);
        }
        if self.review_findings_act(action) {
            return true;
        }
        let blocked = self.blocking_said();
        let Some(r) = &mut self.reviewing else { return false };
        match action {
            Action::Check1
            | Action::Check2
            | Action::Check3
            | Action::Check4
            | Action::Check5
            | Action::Check6
            | Action::Check7 => {
                let n = [
                    Action::Check1,
                    Action::Check2,
                    Action::Check3,
                    Action::Check4,
                    Action::Check5,
                    Action::Check6,
                    Action::Check7,
                ]
                .iter()
                .position(|a| *a == action)
                .unwrap_or(0);
                r.checks = Checks(r.checks.0 ^ (1 << n));
            }
            Action::AllChecks => r.checks = if r.checks.is_all() { Checks::default() } else { Checks::ALL },
            Action::Approve => {
                if r.entry.stage == Stage::Publish {
                    self.warn("already approved: publish it (p)");
                } else if !r.checks.is_all() {
                    self.warn("affirm all seven checks first (1–7, or c for all)");
                } else if let Some(why) = blocked {
                    // The store's gate refuses it too; said here with the console's keys.
                    self.warn(why);
                } else {
                    let decision = Decision::Approve { checks: r.checks, comment: String::new() };
                    let (item, version) = (r.entry.id, r.entry.version);
                    let id = self.request(Load::Review { item, version, decision }, effects);
                    self.deciding(id);
                }
            }
            Action::Reject => {
                let failed = Checks(ALL_CHECKS & !r.checks.0);
                if r.entry.stage == Stage::Publish {
                    self.warn("already approved: it can be published (p)");
                } else if failed.0 == 0 {
                    self.warn("all seven checks are affirmed: clear the ones that failed (1–7) to reject");
                } else {
                    let mut input = single_line("");
                    input.set_placeholder_text("why it is sent back (required)");
                    self.overlay = Overlay::Reason { input: Box::new(input), failed };
                }
            }
            Action::Publish => {
                if r.entry.stage != Stage::Publish {
                    let said = format!("item {} is at {}: approve it first", r.entry.id, r.entry.stage.as_str());
                    self.warn(said);
                } else {
                    let text = format!(
                        "Publish item {} into:\n  {}\n\nEnter publishes · Esc cancels",
                        r.entry.id,
                        r.entry.columns.join("\n  ")
                    );
                    self.overlay = Overlay::Confirm { text, then: Confirmed::Publish };
                }
            }
            _ => return false,
        }
        true
    }

    fn deciding(&mut self, id: u64) {
        if let Some(r) = &mut self.reviewing {
            r.deciding = Some(id);
        }
    }

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
        let Some(r) = &self.reviewing else {
            let items: Vec<(i64, i64)> = self
                .queue
                .items
                .rows
                .iter()
                .filter(|e| self.queue.marked.contains(&e.id))
                .map(|e| (e.id, e.version))
                .collect();
            if !items.is_empty() {
                let id = self.request(Load::PublishMany { items }, effects);
                self.queue.publishing = Some(id);
            }
            return;
        };
        let (item, version) = (r.entry.id, r.entry.version);
        let id = self.request(Load::Publish { item, version }, effects);
        self.deciding(id);
    }

    /// Typing the reason for a rejection.
    pub(super) fn reason_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Reason { failed, .. } = &self.overlay else { return };
        let failed = *failed;
        let Some(reason) = self.reason_typed(event, "a rejection needs a reason") else { return };
        let Some(r) = &self.reviewing else { return };
        let (item, version) = (r.entry.id, r.entry.version);
        let id = self.request(Load::Review { item, version, decision: Decision::Reject { failed, reason } }, effects);
        self.deciding(id);
    }

    /// A key typed into the reason (or the day) being asked for: Esc closes the question, Enter
    /// gives what is typed (a warning instead if nothing is), anything else edits it.
    pub(super) fn reason_typed(&mut self, event: KeyEvent, needed: &str) -> Option<String> {
        let input = match &mut self.overlay {
            Overlay::Reason { input, .. } | Overlay::Decline { input, .. } | Overlay::Before(input) => input,
            Overlay::Waive(form) => &mut form.input,
            _ => return None,
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
                input.input(event);
            }
        }
        None
    }

    /// A decision or publication came back.
    pub(super) fn decided(&mut self, id: u64, result: Result<Transition, String>, effects: &mut Vec<Effect>) {
        let Some(r) = &mut self.reviewing else { return };
        if !super::arrived(&mut r.deciding, id) {
            return;
        }
        let current = r.entry.id;
        match result {
            Ok(t) => {
                self.tell(format!("item {}: {} → {}", t.item, t.from.as_str(), t.to.as_str()));
                // The next item in the queue opens when the reloaded queue arrives.
                let shown = &self.queue.items;
                let at = shown.shown.iter().position(|&i| shown.rows[i].id == current);
                self.queue.open_next = at
                    .and_then(|p| shown.shown.get(p + 1).or(p.checked_sub(1).and_then(|q| shown.shown.get(q))))
                    .map(|&i| shown.rows[i].id);
                self.reviewing = None;
            }
            Err(e) => {
                // A conflict or a refusal: say so, and show the item as it now is.
                self.warn(e);
                self.queue.open_next = Some(current);
                self.reviewing = None;
            }
        }
        self.load_queue(effects);
    }

    /// The marked items were published (or some refused).
    pub(super) fn published_many(
        &mut self,
        id: u64,
        results: Vec<Result<Transition, String>>,
        effects: &mut Vec<Effect>,
    ) {
        if !super::arrived(&mut self.queue.publishing, id) {
            return;
        }
        let done = results.iter().filter(|r| r.is_ok()).count();
        let refused: Vec<String> = results.into_iter().filter_map(Result::err).collect();
        self.queue.marked.clear();
        match refused.first() {
            None => self.tell(format!("published {done} items")),
            Some(first) => self.warn(format!("published {done} of {}; {first}", done + refused.len())),
        }
        self.load_queue(effects);
    }

    /// The queue arrived: open the next item if a decision asked for it.
    pub(super) fn queue_arrived(&mut self, effects: &mut Vec<Effect>) {
        if self.queue.by_wait {
            let height = self.list_height();
            self.queue.order(height);
        }
        let Some(next) = self.queue.open_next.take() else { return };
        let Some(pos) = self.queue.items.shown.iter().position(|&i| self.queue.items.rows[i].id == next) else {
            return;
        };
        self.queue.items.cursor.selected = pos;
        let height = self.list_height();
        let len = self.queue.items.shown.len();
        self.queue.items.cursor.show(len, height);
        if self.tab == Tab::Queue {
            self.open_review(effects);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Form, ItemPath};

    fn entry(channel: Channel, now: DateTime<Utc>, hours_ago: i64) -> QueueItem {
        QueueItem {
            id: 1,
            path: ItemPath::Unit,
            stage: Stage::Recheck,
            unit: Some("民政局".into()),
            form: Form::Text,
            title: "低保复核".into(),
            channel,
            columns: vec![],
            submitted_at: now - chrono::Duration::hours(hours_ago),
            wechat_at: None,
            missing: vec![],
            version: 1,
        }
    }

    #[test]
    fn waiting_past_a_day_or_a_wechat_item_past_an_hour_is_too_long() {
        let now = Utc::now();
        assert_eq!(waiting(&entry(Channel::Portal, now, 5), now), ("5h".to_string(), false));
        assert_eq!(waiting(&entry(Channel::Portal, now, 50), now), ("2d 2h".to_string(), true));
        assert_eq!(waiting(&entry(Channel::Wechat, now, 2), now), ("2h".to_string(), true));
        // A WeChat item ages from when it went out on WeChat, not from its submission.
        let mut wechat = entry(Channel::Wechat, now, 0);
        wechat.wechat_at = Some(now - chrono::Duration::minutes(90));
        assert_eq!(waiting(&wechat, now), ("1h".to_string(), true));
    }
}
