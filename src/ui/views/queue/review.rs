//! The review screen (Art. 8–10): an item opened from the queue beside the seven checks, toggled
//! by their number keys, and the content checks' findings on it, their text highlighted in the
//! item; approve, reject with a reason, publish after a confirmation. `W` waives the selected
//! finding and `i` records an incident from it (both the console's, shared with the Findings tab).

use super::Load;
use crate::ui::views::{Ask, Cx, Event};
use crate::domain::Stage;
use crate::domain::checks::{Field, Finding};
use crate::domain::item::ALL_CHECKS;
use crate::domain::review::{Checks, Decision};
use crate::store::QueueItem;
use crate::ui::app::{Confirmed, single_line};
use crate::ui::views::item::ItemView;
use crate::ui::keymap::{Action, Layer};
use crate::ui::words;
use crate::t;

/// The findings on the item under review, and the one selected (`n`, `N`).
#[derive(Debug, Default)]
pub struct ItemFindings {
    /// Each finding with the waiver that covers it; `None` until they arrive.
    pub list: Option<Vec<(Finding, Option<String>)>>,
    pub selected: usize,
    pub waiting: Option<u64>,
    pub error: Option<String>,
}

impl ItemFindings {
    /// The selected finding, with its waiver.
    pub fn selected(&self) -> Option<&(Finding, Option<String>)> {
        self.list.as_ref()?.get(self.selected)
    }

    /// The blocking findings no waiver covers.
    pub fn open_blocking(&self) -> Vec<&Finding> {
        self.list.iter().flatten().filter(|(f, waived)| f.blocking && waived.is_none()).map(|(f, _)| f).collect()
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
    /// `r` was pressed with no check affirmed, and said what it would do: pressed again, it does.
    pub reject_all_asked: bool,
}

impl Reviewing {
    /// Opens `entry`, asking for its page and its findings.
    pub(super) fn open(entry: QueueItem, ask: &mut Ask) -> Reviewing {
        let id = entry.id;
        let request = ask.request(Load::Item { id });
        let view = ItemView::loading(id, request);
        let mut r =
            Reviewing {
            entry,
            view,
            checks: Checks::default(),
            deciding: None,
            findings: ItemFindings::default(),
            reject_all_asked: false,
        };
        r.load_findings(ask);
        r
    }

    /// Asks for the item's page again (after a change to it).
    pub(super) fn reload_item(&mut self, ask: &mut Ask) {
        self.view.waiting = Some(ask.request(Load::Item { id: self.entry.id }));
    }

    /// Asks for the item's findings (when it opens, and after a change to it).
    pub(super) fn load_findings(&mut self, ask: &mut Ask) {
        self.findings.waiting = Some(ask.request(Load::ItemFindings { id: self.entry.id }));
    }

    /// The findings came back.
    pub(super) fn findings_arrived(
        &mut self,
        id: u64,
        result: Result<Vec<(Finding, Option<String>)>, String>,
        ask: &mut Ask,
    ) {
        if self.findings.waiting != Some(id) {
            return;
        }
        self.findings.waiting = None;
        match result {
            Ok(list) => {
                // The selection stays on its finding when they come back (after a waiver).
                let was = self.findings.selected().map(|(f, _)| (f.kind, f.text.clone()));
                let at = was.and_then(|(kind, text)| list.iter().position(|(f, _)| f.kind == kind && f.text == text));
                self.findings.selected = at.unwrap_or(0).min(list.len().saturating_sub(1));
                self.findings.list = Some(list);
                self.findings.error = None;
            }
            Err(e) => {
                self.findings.error = Some(e.clone());
                ask.warn(t!("review-check-failed", id = self.entry.id, error = e));
            }
        }
    }

    /// The review screen's keys; false if the action is not one.
    /// A rejection opens its reason in `rejection` (the tab's own question).
    pub(super) fn act(
        &mut self,
        action: Action,
        cx: &Cx,
        ask: &mut Ask,
        rejection: &mut Option<super::Rejection>,
    ) -> bool {
        // The question of `r` with nothing affirmed holds until another of the review's keys.
        let asked = std::mem::take(&mut self.reject_all_asked);
        if action == Action::Reject {
            self.reject_all_asked = asked;
        }
        if self.findings_act(action, cx, ask) {
            return true;
        }
        let blocked = self.blocking_said(cx);
        let key =
            |a: Action| cx.keymap.key_name(Layer::Review, a);
        match action {
            Action::Check1
            | Action::Check2
            | Action::Check3
            | Action::Check4
            | Action::Check5
            | Action::Check6
            | Action::Check7 => {
                let n = Action::CHECKS.iter().position(|a| *a == action).unwrap_or(0);
                self.checks = Checks(self.checks.0 ^ (1 << n));
            }
            Action::AllChecks => self.checks = if self.checks.is_all() { Checks::default() } else { Checks::ALL },
            Action::Approve => {
                if self.entry.stage == Stage::Publish {
                    ask.warn(t!("review-already-approved", key = key(Action::Publish)));
                } else if !self.entry.missing.is_empty() {
                    // The store's re-review refuses it (Art. 10): said before the checks.
                    let lacks = self.lacks();
                    ask.warn(t!("review-approve-lacks", id = self.entry.id, lacks = lacks, key = key(Action::Return)));
                } else if !self.checks.is_all() {
                    ask.warn(t!("review-affirm-first", all = key(Action::AllChecks)));
                } else if let Some(why) = blocked {
                    // The store's gate refuses it too; said here with the console's keys.
                    ask.warn(why);
                } else {
                    let decision = Decision::Approve { checks: self.checks, comment: String::new() };
                    self.decide(decision, ask);
                }
            }
            Action::Reject => {
                let failed = Checks(ALL_CHECKS & !self.checks.0);
                if self.entry.stage == Stage::Publish {
                    ask.warn(t!("review-already-approved", key = key(Action::Publish)));
                } else if failed.0 == 0 {
                    ask.warn(t!("review-all-affirmed"));
                } else if failed.0 == ALL_CHECKS && !self.reject_all_asked {
                    // Nothing affirmed: all seven would fail. Said first; `r` again does it.
                    self.reject_all_asked = true;
                    ask.warn(t!("review-reject-all-asks", key = key(Action::Reject)));
                } else {
                    self.reject_all_asked = false;
                    let mut input = single_line("");
                    input.set_placeholder_text(t!("review-reason-placeholder"));
                    *rejection = Some(super::Rejection { input: Box::new(input), failed, returning: false });
                }
            }
            Action::Return => {
                if self.entry.stage == Stage::Publish {
                    ask.warn(t!("review-already-approved", key = key(Action::Publish)));
                } else if self.entry.missing.is_empty() {
                    ask.warn(t!("review-return-nothing", id = self.entry.id, reject = key(Action::Reject)));
                } else {
                    // What it lacks, as the reason to send back: edited or sent as it is.
                    let input = single_line(&t!("review-return-reason", lacks = self.lacks()));
                    *rejection = Some(super::Rejection { input: Box::new(input), failed: Checks::default(), returning: true });
                }
            }
            Action::Publish => {
                if self.entry.stage != Stage::Publish {
                    let stage = words::stage_name(self.entry.stage);
                    ask.warn(t!("review-approve-first", id = self.entry.id, stage = stage));
                } else {
                    let columns = self.entry.columns.join("\n  ");
                    let text = t!(
                        "review-publish-confirm",
                        id = self.entry.id,
                        columns = columns,
                        yes = cx.keymap.key_name(Layer::Confirm, Action::Confirm),
                        no = cx.keymap.key_name(Layer::Confirm, Action::Back)
                    );
                    ask.confirm(text, Confirmed::Publish);
                }
            }
            _ => return false,
        }
        true
    }

    /// What the item lacks of what Art. 10 asks, in words.
    fn lacks(&self) -> String {
        let lacks: Vec<String> = self.entry.missing.iter().map(|k| k.describe()).collect();
        lacks.join(&t!("list-separator"))
    }

    /// Sends a decision on the item at the version it was read.
    pub(super) fn decide(&mut self, decision: Decision, ask: &mut Ask) {
        let (item, version) = (self.entry.id, self.entry.version);
        self.deciding = Some(ask.request(Load::Review { item, version, decision }));
    }

    /// Publishes the approved item at the version it was read.
    pub(super) fn publish(&mut self, ask: &mut Ask) {
        let (item, version) = (self.entry.id, self.entry.version);
        self.deciding = Some(ask.request(Load::Publish { item, version }));
    }

    /// The keys for the item's findings; false if the action is not one.
    fn findings_act(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        let n = self.findings.list.as_ref().map_or(0, Vec::len);
        match action {
            Action::NextFinding | Action::PreviousFinding if n == 0 => {
                ask.warn(t!("review-no-findings"))
            }
            Action::NextFinding | Action::PreviousFinding => {
                let step = if action == Action::NextFinding { 1 } else { n - 1 };
                self.findings.selected = (self.findings.selected + step) % n;
                self.scroll_to_finding(cx);
            }
            Action::WaiveFinding | Action::RecordIncident => {
                let Some((finding, waived)) = self.findings.selected().cloned() else {
                    ask.warn(t!("review-no-finding-to-act-on"));
                    return true;
                };
                let (item, unit, title) = (self.entry.id, self.entry.unit.clone(), self.entry.title.clone());
                ask.post(if action == Action::WaiveFinding {
                    Event::Waive { item, finding, waived }
                } else {
                    Event::Incident { unit, item, title, finding }
                });
            }
            _ => return false,
        }
        true
    }

    /// Scrolls the review's page so the selected finding's text is on screen (a third of the way
    /// down), if it is not: the page is wrapped as it is drawn (the title, a blank line, "Body",
    /// the body's lines), so the row is the one the highlight is on.
    fn scroll_to_finding(&mut self, cx: &Cx) {
        let page = crate::ui::layout::review_page(&cx.areas);
        let ambiguous = cx.ambiguous;
        let (Some((item, _)), Some((f, _))) = (&self.view.item, self.findings.selected()) else { return };
        if self.entry.stage == Stage::Publish {
            // Its page opens on where it goes (`PageOrder::Placement`), not on the body.
            return;
        }
        let shown = |s: &str| crate::ui::text::display(s, ambiguous);
        // The body's heading is one row whatever its words (a line that fits is one row).
        let mut lines = vec![shown(&item.fields.title), String::new(), String::new()];
        let body = item.fields.body.strip_suffix('\n').unwrap_or(&item.fields.body);
        lines.extend(body.split('\n').map(shown));
        let (line, at) = match f.field {
            Field::Title => (0, f.start),
            Field::Body => {
                // The line the finding starts on, and where on it.
                let mut from = 0;
                let mut found = (3, 0);
                for (i, l) in body.split('\n').enumerate() {
                    let len = l.chars().count();
                    if f.start <= from + len {
                        found = (3 + i, f.start - from);
                        break;
                    }
                    from += len + 1;
                }
                found
            }
            Field::Dates => return,
        };
        let row = crate::ui::text::row_of(&lines, page.width, line, at);
        let (top, height) = (usize::from(self.view.scroll), usize::from(page.height.max(1)));
        if row < top || row >= top + height {
            self.view.scroll = u16::try_from(row.saturating_sub(height / 3)).unwrap_or(u16::MAX);
        }
    }

    /// Why an approval cannot go through while blocking findings stand, and how to clear them;
    /// `None` when none stands (the store's gate checks again).
    fn blocking_said(&self, cx: &Cx) -> Option<String> {
        let open = self.findings.open_blocking();
        let first = open.first()?;
        let key =
            |a: Action| cx.keymap.key_name(Layer::Review, a);
        // What to do first: the status line of an 80-column terminal shows only its start.
        Some(t!(
            "review-blocked",
            waive = key(Action::WaiveFinding),
            next = key(Action::NextFinding),
            reject = key(Action::Reject),
            kind = first.kind.coded(),
            text = first.text.clone(),
            more = open.len() - 1,
            span = words::place(first),
            message = first.message.words(),
        ))
    }
}
