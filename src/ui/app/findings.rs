//! The content checks in the console. The Findings tab: the checks (`portal-admin check --all`)
//! on every online item, newest first: each finding's item, kind, text, message and suggestion,
//! blocking ones marked, waived ones said. On a large site it takes tens of seconds, so it runs only
//! when the tab is first opened (and on F5), on a task, while the keys keep working. Enter opens the
//! item, from which `w` withdraws it. The review screen: the findings on the item under review,
//! beside the seven checks, their text highlighted in the item.
//!
//! In both, `W` waives the selected finding after asking why (through the store's `waive_finding`,
//! as `check waive` does), and `i` opens the incident form filled in from it: the item's unit, the
//! kind of incident the finding would be (`Finding::incident_kind`) and the item.

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::scores::{Field as FormField, IncidentForm};
use super::withdraw::opened_item;
use super::{App, Effect, ItemView, Load, Overlay, page_delta, scroll, single_line};
use crate::domain::checks::{Field, Finding, FindingKind};
use crate::reports::checks::WaivedFinding;
use crate::store::ItemText;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{Paged, Row};
use crate::ui::text::SearchKey;

/// One finding on an online item (the item's body is not kept: the item screen loads it).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    pub item: i64,
    pub title: String,
    /// The item's unit (none for a repost): who an incident from the finding is against.
    pub unit: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub finding: Finding,
    /// The waiver that covers it (`who: why`), if one does.
    pub waived: Option<String>,
}

/// The rows of `online_findings`' result, newest item first, each item's findings in order.
pub fn finding_rows(found: Vec<(ItemText, Vec<WaivedFinding>)>) -> Vec<FindingRow> {
    found
        .into_iter()
        .flat_map(|(item, findings)| {
            let (id, title, unit, published_at) = (item.id, item.title, item.unit, item.published_at);
            findings.into_iter().map(move |(finding, waived)| FindingRow {
                item: id,
                title: title.clone(),
                unit: unit.clone(),
                published_at,
                finding,
                waived,
            })
        })
        .collect()
}

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

/// A finding being waived: which, and the reason being typed.
#[derive(Debug)]
pub struct WaiveForm {
    pub item: i64,
    pub kind: FindingKind,
    pub text: String,
    pub input: Box<ratatui_textarea::TextArea<'static>>,
}

impl Row for FindingRow {
    type Key = (i64, String);

    fn key(&self) -> Self::Key {
        (self.item, format!("{} {}", self.finding.kind.as_str(), self.finding.span()))
    }

    fn search(&self) -> SearchKey {
        let f = &self.finding;
        SearchKey::new(&[&self.item.to_string(), &self.title, f.kind.as_str(), &f.text, &f.message])
    }
}

/// The findings, and an item opened from them.
#[derive(Debug, Default)]
pub struct FindingsView {
    pub list: Paged<FindingRow>,
    pub item: Option<ItemView>,
    /// A waiver being written (from this tab or the review screen), and what it waives.
    pub waiving: Option<(u64, String)>,
}

impl FindingsView {
    /// Whether it has been loaded (or is loading), so that it loads again after a withdrawal.
    pub fn shown(&self) -> bool {
        self.list.done || self.list.waiting.is_some() || !self.list.rows.is_empty()
    }

    /// How many items have findings, and how many findings block (no waiver covers them).
    pub fn counts(&self) -> (usize, usize) {
        let mut items: Vec<i64> = self.list.rows.iter().map(|r| r.item).collect();
        items.dedup();
        (items.len(), self.list.rows.iter().filter(|r| r.finding.blocking && r.waived.is_none()).count())
    }
}

impl App {
    pub(super) fn load_findings(&mut self, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Findings, effects);
        self.findings.list.asked(req, None);
    }

    pub(super) fn findings_layer(&self) -> Layer {
        if self.findings.item.is_some() { Layer::Item } else { Layer::Findings }
    }

    /// Loads the item opened from the findings again (after a change to it).
    pub(super) fn reload_found_item(&mut self, effects: &mut Vec<Effect>) {
        let Some(id) = self.findings.item.as_ref().map(|i| i.id) else { return };
        let req = self.request(Load::Item { id }, effects);
        if let Some(i) = &mut self.findings.item {
            i.waiting = Some(req);
        }
    }

    /// Runs an action of the Findings tab; false if it is not one.
    pub(super) fn findings_act(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        let overlay = matches!(self.overlay, Overlay::None);
        let height = self.list_height();
        if let Some(item) = &mut self.findings.item {
            if let Some(delta) = page_delta(action, height) {
                scroll(item, delta);
                return true;
            }
            match action {
                Action::Back if overlay => self.findings.item = None,
                Action::WithdrawItems => self.withdraw_found_item(),
                Action::Filter => {}
                _ => return false,
            }
            return true;
        }
        let Some(row) = self.findings.list.selected().cloned() else { return false };
        match action {
            Action::Open => {
                let id = row.item;
                let req = self.request(Load::Item { id }, effects);
                self.findings.item = Some(ItemView { id, item: None, scroll: 0, waiting: Some(req), error: None });
            }
            Action::WaiveFinding => self.ask_waiver(row.item, &row.finding, row.waived.as_deref()),
            Action::RecordIncident => self.incident_from(row.unit, row.item, row.title, &row.finding),
            _ => return false,
        }
        true
    }

    /// Asks for the item under review's findings (when it opens, and after a change to it).
    pub(super) fn load_review_findings(&mut self, effects: &mut Vec<Effect>) {
        let Some(id) = self.reviewing.as_ref().map(|r| r.entry.id) else { return };
        let req = self.request(Load::ItemFindings { id }, effects);
        if let Some(r) = &mut self.reviewing {
            r.findings.waiting = Some(req);
        }
    }

    /// The findings of an item under review came back.
    pub(super) fn item_findings_arrived(&mut self, id: u64, result: Result<Vec<(Finding, Option<String>)>, String>) {
        let Some(r) = &mut self.reviewing else { return };
        if !super::arrived(&mut r.findings.waiting, id) {
            return;
        }
        match result {
            Ok(list) => {
                // The selection stays on its finding when they come back (after a waiver).
                let was = r.findings.selected().map(|(f, _)| (f.kind, f.text.clone()));
                let at = was.and_then(|(kind, text)| list.iter().position(|(f, _)| f.kind == kind && f.text == text));
                r.findings.selected = at.unwrap_or(0).min(list.len().saturating_sub(1));
                r.findings.list = Some(list);
                r.findings.error = None;
            }
            Err(e) => {
                r.findings.error = Some(e.clone());
                let said = format!("checking item {} failed: {e}", r.entry.id);
                self.warn(said);
            }
        }
    }

    /// The review screen's keys for its findings; false if the action is not one.
    pub(super) fn review_findings_act(&mut self, action: Action) -> bool {
        let Some(r) = &mut self.reviewing else { return false };
        let n = r.findings.list.as_ref().map_or(0, Vec::len);
        match action {
            Action::NextFinding | Action::PreviousFinding if n == 0 => {
                self.warn("the content checks found nothing on this item")
            }
            Action::NextFinding | Action::PreviousFinding => {
                let step = if action == Action::NextFinding { 1 } else { n - 1 };
                r.findings.selected = (r.findings.selected + step) % n;
                self.scroll_to_finding();
            }
            Action::WaiveFinding | Action::RecordIncident => {
                let Some((f, waived)) = r.findings.selected().cloned() else {
                    self.warn("no finding to act on: the content checks found nothing on this item");
                    return true;
                };
                let (id, unit, title) = (r.entry.id, r.entry.unit.clone(), r.entry.title.clone());
                if action == Action::WaiveFinding {
                    self.ask_waiver(id, &f, waived.as_deref());
                } else {
                    self.incident_from(unit, id, title, &f);
                }
            }
            _ => return false,
        }
        true
    }

    /// Scrolls the review's page so the selected finding's text is on screen (a third of the way
    /// down), if it is not: the page is wrapped as it is drawn (the title, a blank line, "Body",
    /// the body's lines), so the row is the one the highlight is on.
    fn scroll_to_finding(&mut self) {
        let page = crate::ui::layout::review_page(&self.areas());
        let ambiguous = self.ambiguous;
        let Some(r) = &mut self.reviewing else { return };
        let (Some((item, _)), Some((f, _))) = (&r.view.item, r.findings.selected()) else { return };
        let shown = |s: &str| crate::ui::text::display(s, ambiguous);
        let mut lines = vec![shown(&item.title), String::new(), "Body".to_string()];
        let body = item.body.strip_suffix('\n').unwrap_or(&item.body);
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
        let (top, height) = (usize::from(r.view.scroll), usize::from(page.height.max(1)));
        if row < top || row >= top + height {
            r.view.scroll = u16::try_from(row.saturating_sub(height / 3)).unwrap_or(u16::MAX);
        }
    }

    /// Why an approval cannot go through while blocking findings stand, and how to clear them;
    /// `None` when none stands (the store's gate checks again).
    pub(super) fn blocking_said(&self) -> Option<String> {
        let r = self.reviewing.as_ref()?;
        let open = r.findings.open_blocking();
        let first = open.first()?;
        let key =
            |a: Action| self.keymap.key_for(Layer::Review, a).map_or_else(|| a.name().to_string(), |k| k.to_string());
        let more = if open.len() > 1 { format!(" and {} more", open.len() - 1) } else { String::new() };
        // What to do first: the status line of an 80-column terminal shows only its start.
        Some(format!(
            "not approved: {} waives (select with {}) or {} rejects — {} “{}”{more} blocks it ({}: {})",
            key(Action::WaiveFinding),
            key(Action::NextFinding),
            key(Action::Reject),
            first.kind.as_str(),
            first.text,
            first.span(),
            first.message,
        ))
    }

    /// `W`: asks why the finding is waived (a waived one is said, not waived twice).
    fn ask_waiver(&mut self, item: i64, f: &Finding, waived: Option<&str>) {
        if let Some(w) = waived {
            self.warn(format!("{} “{}” on item {item} is waived already ({w})", f.kind.as_str(), f.text));
            return;
        }
        let mut input = single_line("");
        input.set_placeholder_text("why it may stand (required; kept in the item's history)");
        self.overlay =
            Overlay::Waive(Box::new(WaiveForm { item, kind: f.kind, text: f.text.clone(), input: Box::new(input) }));
    }

    /// A key typed into a waiver's reason: Enter sends the waiver, Esc drops it.
    pub(super) fn waive_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Waive(form) = &self.overlay else { return };
        let (item, kind, text) = (form.item, form.kind, form.text.clone());
        let Some(reason) = self.reason_typed(event, "waiving a finding needs a reason") else { return };
        let req =
            self.request(Load::Waive { item, kind: kind.as_str().to_string(), text: text.clone(), reason }, effects);
        self.findings.waiving = Some((req, format!("{} “{text}”", kind.as_str())));
    }

    /// A waiver came back: said, and the findings shown again (the review screen's, the tab's).
    pub(super) fn waived(&mut self, id: u64, item: i64, result: Result<(), String>, effects: &mut Vec<Effect>) {
        let Some((req, what)) = self.findings.waiving.take() else { return };
        if req != id {
            self.findings.waiving = Some((req, what));
            return;
        }
        match result {
            Ok(()) => {
                self.tell(format!("item {item}: {what} waived; it no longer blocks approval"));
                if self.reviewing.as_ref().is_some_and(|r| r.entry.id == item) {
                    self.load_review_findings(effects);
                }
                if self.findings.shown() {
                    self.load_findings(effects);
                }
            }
            // Refused (a viewer, read only) or not saved: said, and the screen stays as it was.
            Err(e) => self.warn(format!("not waived: {e}")),
        }
    }

    /// `i` on a finding: the incident form, filled in with the item's unit, the kind the finding
    /// would be and the item; the administrator adds what happened.
    fn incident_from(&mut self, unit: Option<String>, item: i64, title: String, f: &Finding) {
        let Some(unit) = unit else {
            self.warn(format!("item {item} is a repost: it has no unit to record an incident against"));
            return;
        };
        let mut item_input = single_line(&item.to_string());
        item_input.set_placeholder_text("optional: the item's id or ref");
        let mut date = single_line(&crate::domain::time::beijing_date(self.now).to_string());
        date.set_placeholder_text("YYYY-MM-DD (empty: today)");
        let mut note = single_line("");
        note.set_placeholder_text(format!("what happened (required), e.g. {} “{}”", f.kind.as_str(), f.text));
        let mut form = IncidentForm {
            unit,
            kind: f.incident_kind(),
            field: FormField::Note,
            item: item_input,
            chosen: Some((item.to_string(), title)),
            date,
            note,
        };
        form.focus(FormField::Note);
        self.overlay = Overlay::Incident(Box::new(form));
    }

    /// Whether the item under review's findings or a waiver are on their way.
    pub(super) fn findings_busy(&self) -> bool {
        self.findings.waiving.is_some() || self.reviewing.as_ref().is_some_and(|r| r.findings.waiting.is_some())
    }

    /// `w` on an item opened from the findings: withdraw it after the usual confirmation.
    fn withdraw_found_item(&mut self) {
        let Some(view) = &self.findings.item else { return };
        match opened_item(view) {
            Ok(items) => self.ask_withdrawal(items),
            Err(why) => self.warn(why),
        }
    }

    /// The text `y` copies: the item's id or title.
    pub(super) fn findings_copy(&self, id: bool) -> Option<String> {
        match &self.findings.item {
            Some(item) => {
                let title = item.item.as_ref().map(|(i, _)| i.title.clone());
                if id { Some(item.id.to_string()) } else { title }
            }
            None => self.findings.list.selected().map(|r| if id { r.item.to_string() } else { r.title.clone() }),
        }
    }
}
