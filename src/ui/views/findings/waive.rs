//! A finding waived (`W`, here or on the review screen): the Findings view's question, the reason
//! typed over the status line; Enter writes the waiver (through the store's `waive_finding`, as
//! `check waive` does), Esc drops it. What comes back is said, and the findings are shown again.

use crossterm::event::{KeyCode, KeyEvent};

use super::{FindingsView, Load};
use crate::domain::checks::{Finding, FindingKind};
use crate::t;
use crate::ui::app::single_line;
use crate::ui::layout::Areas;
use crate::ui::views::{Answer, Ask, answer};
use crate::ui::widgets::{Draw, input_line};
use crate::ui::words;

/// A finding being waived: which, and the reason being typed.
#[derive(Debug)]
pub struct WaiveForm {
    pub item: i64,
    pub kind: FindingKind,
    pub text: String,
    pub input: Box<ratatui_textarea::TextArea<'static>>,
}

impl FindingsView {
    /// `W`: asks why the finding is waived (a waived one is said, not waived twice).
    pub fn ask_waiver(&mut self, item: i64, f: &Finding, waived: Option<&str>, ask: &mut Ask) {
        if let Some(w) = waived {
            ask.warn(t!("waived-already", kind = words::finding(f.kind), text = f.text.clone(), id = item, reason = w));
            return;
        }
        let mut input = single_line("");
        input.set_placeholder_text(t!("waive-placeholder"));
        self.waive = Some(WaiveForm { item, kind: f.kind, text: f.text.clone(), input: Box::new(input) });
    }

    /// A key typed into the waiver's reason: Enter sends the waiver, Esc drops it.
    pub(super) fn waive_typed(&mut self, event: KeyEvent, ask: &mut Ask) {
        let Some(form) = &mut self.waive else { return };
        match answer(&mut form.input, event, &t!("waive-needs-reason"), ask) {
            Answer::Open => {}
            Answer::Closed => self.waive = None,
            Answer::Given(reason) => {
                let (item, kind, text) = (form.item, form.kind, form.text.clone());
                self.waive = None;
                let req = ask.request(Load::Waive { item, kind: kind.as_str().to_string(), text: text.clone(), reason });
                self.waiving = Some((req, format!("{} “{text}”", words::finding(kind))));
            }
        }
    }

    /// Enter on the reason writes the waiver.
    pub(super) fn waive_write(&self, event: KeyEvent) -> Option<crate::domain::review::Act> {
        (self.waive.is_some() && event.code == KeyCode::Enter).then_some(crate::domain::review::Act::WaiveFinding)
    }

    /// The reason being typed, over the status line.
    pub(super) fn draw_waive(&self, d: &mut Draw, areas: &Areas) {
        if let Some(form) = &self.waive {
            let prompt = d.text(&t!(
                "prompt-waive",
                kind = words::finding(form.kind),
                text = form.text.clone(),
                item = form.item
            ));
            input_line(d.buf, areas.status, &prompt, &form.input);
        }
    }

    /// A waiver came back: said; whether it was this view's and was written (then the findings
    /// are shown again, the review screen's and the tab's).
    pub(super) fn waived(&mut self, id: u64, item: i64, result: Result<(), String>, ask: &mut Ask) -> bool {
        let Some((req, what)) = self.waiving.take() else { return false };
        if req != id {
            self.waiving = Some((req, what));
            return false;
        }
        match result {
            Ok(()) => {
                ask.tell(t!("waived-said", id = item, what = what));
                true
            }
            // Refused (a viewer, read only) or not saved: said, and the screen stays as it was.
            Err(e) => {
                ask.warn(t!("not-waived", error = e));
                false
            }
        }
    }
}
