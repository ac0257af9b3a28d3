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
use crate::domain::checks::{Finding, FindingKind};
use crate::t;
use crate::ui::words;

/// A finding being waived: which, and the reason being typed.
#[derive(Debug)]
pub struct WaiveForm {
    pub item: i64,
    pub kind: FindingKind,
    pub text: String,
    pub input: Box<ratatui_textarea::TextArea<'static>>,
}

impl App {
    /// `W`: asks why the finding is waived (a waived one is said, not waived twice).
    pub(super) fn ask_waiver(&mut self, item: i64, f: &Finding, waived: Option<&str>) {
        if let Some(w) = waived {
            self.warn(t!(
                "waived-already",
                kind = words::finding(f.kind),
                text = f.text.clone(),
                id = item,
                reason = w
            ));
            return;
        }
        let mut input = single_line("");
        input.set_placeholder_text(t!("waive-placeholder"));
        self.overlay =
            Overlay::Waive(Box::new(WaiveForm { item, kind: f.kind, text: f.text.clone(), input: Box::new(input) }));
    }

    /// A key typed into a waiver's reason: Enter sends the waiver, Esc drops it.
    pub(super) fn waive_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Waive(form) = &self.overlay else { return };
        let (item, kind, text) = (form.item, form.kind, form.text.clone());
        let Some(reason) = self.reason_typed(event, &t!("waive-needs-reason")) else { return };
        let req =
            self.request(Load::Waive { item, kind: kind.as_str().to_string(), text: text.clone(), reason }, effects);
        self.waiving = Some((req, format!("{} “{text}”", words::finding(kind))));
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
                self.tell(t!("waived-said", id = item, what = what));
                let (views, _, mut ask) = self.parts(effects);
                views.queue.waived(item, &mut ask);
                views.findings.reload_list(&mut ask);
            }
            // Refused (a viewer, read only) or not saved: said, and the screen stays as it was.
            Err(e) => self.warn(t!("not-waived", error = e)),
        }
    }

    /// `i` on a finding: the incident form, filled in with the item's unit, the kind the finding
    /// would be and the item; the administrator adds what happened.
    pub(super) fn incident_from(&mut self, unit: Option<String>, item: i64, title: String, f: &Finding) {
        let Some(unit) = unit else {
            self.warn(t!("incident-repost", id = item));
            return;
        };
        let mut item_input = single_line(&item.to_string());
        item_input.set_placeholder_text(t!("incident-item-placeholder"));
        let mut date = single_line(&crate::domain::time::beijing_date(self.now).to_string());
        date.set_placeholder_text(t!("incident-date-placeholder"));
        let mut note = single_line("");
        note.set_placeholder_text(t!("incident-note-example", kind = words::finding(f.kind), text = f.text.clone()));
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
        self.waiving.is_some()
    }
}
