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

use crossterm::event::KeyEvent;

use super::incident::{Field as FormField, IncidentForm};
use super::{App, Effect, Load, Overlay, single_line};
use crate::domain::checks::{Field, Finding, FindingKind};
use crate::ui::keymap::{Action, Layer};

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

impl App {
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
    pub(super) fn ask_waiver(&mut self, item: i64, f: &Finding, waived: Option<&str>) {
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
        self.waiving = Some((req, format!("{} “{text}”", kind.as_str())));
    }

    /// A waiver came back: said, and the findings shown again (the review screen's, the tab's).
    pub(super) fn waived(&mut self, id: u64, item: i64, result: Result<(), String>, effects: &mut Vec<Effect>) {
        let Some((req, what)) = self.waiving.take() else { return };
        if req != id {
            self.waiving = Some((req, what));
            return;
        }
        match result {
            Ok(()) => {
                self.tell(format!("item {item}: {what} waived; it no longer blocks approval"));
                if self.reviewing.as_ref().is_some_and(|r| r.entry.id == item) {
                    self.load_review_findings(effects);
                }
                let (views, _, mut ask) = self.parts(effects);
                views.findings.reload_list(&mut ask);
            }
            // Refused (a viewer, read only) or not saved: said, and the screen stays as it was.
            Err(e) => self.warn(format!("not waived: {e}")),
        }
    }

    /// `i` on a finding: the incident form, filled in with the item's unit, the kind the finding
    /// would be and the item; the administrator adds what happened.
    pub(super) fn incident_from(&mut self, unit: Option<String>, item: i64, title: String, f: &Finding) {
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
        self.waiving.is_some() || self.reviewing.as_ref().is_some_and(|r| r.findings.waiting.is_some())
    }
}
