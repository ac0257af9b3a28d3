//! Incidents (Art. 16): the Scores view's question, opened from its tab (`i`, `r`), the Findings
//! tab or the review screen (`i` on a finding): the forms, their keys, the writes and what comes
//! back. A write reloads the ranking and the explanation, and the status line says what happened;
//! a refusal is a warning and the form keeps what was typed.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::{Load, ScoresView, signed};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::domain::checks::Finding;
use crate::store::{IncidentInput, IncidentRow};
use crate::t;
use crate::ui::app::{arrived, single_line};
use crate::ui::keymap::{Action, Key, Keymap, Layer};
use crate::ui::views::{Ask, Cx, Event};
use crate::ui::words;

/// The fields of the incident form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Item,
    Date,
    Note,
}

impl Field {
    const ALL: [Field; 4] = [Field::Kind, Field::Item, Field::Date, Field::Note];
}

/// An incident being recorded against a unit.
#[derive(Debug)]
pub struct IncidentForm {
    pub unit: String,
    pub kind: IncidentKind,
    pub field: Field,
    /// The item it is about: an id or a ref (optional).
    pub item: TextArea<'static>,
    /// The item chosen in the explanation: its id as typed, and its title.
    pub chosen: Option<(String, String)>,
    /// When it happened (YYYY-MM-DD; empty: today).
    pub date: TextArea<'static>,
    /// What happened (required).
    pub note: TextArea<'static>,
}

impl IncidentForm {
    /// Moves to a field; only its input shows a cursor.
    pub fn focus(&mut self, field: Field) {
        self.field = field;
        for (f, input) in [(Field::Item, &mut self.item), (Field::Date, &mut self.date), (Field::Note, &mut self.note)]
        {
            input.set_cursor_style(if f == field {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    fn step(&mut self, delta: isize) {
        let at = Field::ALL.iter().position(|f| *f == self.field).unwrap_or(0) as isize;
        let n = Field::ALL.len() as isize;
        self.focus(Field::ALL[(at + delta).rem_euclid(n) as usize]);
    }

    /// The title of the item typed, when it is the one chosen in the explanation.
    pub fn item_title(&self) -> Option<&str> {
        let typed = text(&self.item);
        self.chosen.as_ref().filter(|(id, _)| *id == typed).map(|(_, title)| title.as_str())
    }

    /// A key typed into the form: the kind cycles (Space, ←, →); a text field edits.
    fn typed(&mut self, event: KeyEvent) {
        if event.code == KeyCode::Enter {
            return;
        }
        match self.field {
            Field::Kind => match event.code {
                KeyCode::Char(' ') | KeyCode::Right => self.kind = next_kind(self.kind, 1),
                KeyCode::Left => self.kind = next_kind(self.kind, -1),
                _ => {}
            },
            Field::Item => crate::ui::app::edit(&mut self.item, event),
            Field::Date => crate::ui::app::edit(&mut self.date, event),
            Field::Note => crate::ui::app::edit(&mut self.note, event),
        }
    }
}

/// An incident being corrected, with why.
#[derive(Debug)]
pub struct ReverseForm {
    pub incident: IncidentRow,
    pub note: TextArea<'static>,
}

/// The form open over the views: an incident recorded, or one corrected.
#[derive(Debug)]
pub enum IncidentQuestion {
    Record(Box<IncidentForm>),
    Reverse(Box<ReverseForm>),
}

/// The kind `delta` steps on, in the order of Art. 16.
pub(crate) fn next_kind(kind: IncidentKind, delta: isize) -> IncidentKind {
    let all = IncidentKind::ALL;
    let at = all.iter().position(|k| *k == kind).unwrap_or(0) as isize;
    all[(at + delta).rem_euclid(all.len() as isize) as usize]
}

/// What a one-line input holds, trimmed.
pub(crate) fn text(input: &TextArea) -> String {
    input.lines().join(" ").trim().to_string()
}

impl ScoresView {
    /// Opens the form for an incident.
    pub(super) fn open_form(&mut self, form: IncidentForm) {
        self.incident = Some(IncidentQuestion::Record(Box::new(form)));
    }

    /// Opens the question that corrects an incident.
    pub(super) fn open_reversal(&mut self, form: ReverseForm) {
        self.incident = Some(IncidentQuestion::Reverse(Box::new(form)));
    }

    /// `i` on a finding: the incident form, filled in with the item's unit, the kind the finding
    /// would be and the item; the administrator adds what happened.
    pub fn incident_from(
        &mut self,
        unit: Option<String>,
        item: i64,
        title: String,
        f: &Finding,
        cx: &Cx,
        ask: &mut Ask,
    ) {
        let Some(unit) = unit else {
            ask.warn(t!("incident-repost", id = item));
            return;
        };
        let mut item_input = single_line(&item.to_string());
        item_input.set_placeholder_text(t!("incident-item-placeholder"));
        let mut date = single_line(&crate::domain::time::beijing_date(cx.now).to_string());
        date.set_placeholder_text(t!("incident-date-placeholder"));
        let mut note = single_line("");
        note.set_placeholder_text(t!("incident-note-example", kind = words::finding(f.kind), text = f.text.clone()));
        let mut form = IncidentForm {
            unit,
            kind: f.incident_kind(),
            field: Field::Note,
            item: item_input,
            chosen: Some((item.to_string(), title)),
            date,
            note,
        };
        form.focus(Field::Note);
        self.open_form(form);
    }

    /// A key while an incident is recorded or corrected: the form's keys, or typing.
    pub(super) fn incident_key(&mut self, event: KeyEvent, cx: &Cx, ask: &mut Ask) {
        let action = cx.keymap.action(Layer::Incident, Key::from_event(event));
        let Some(question) = &mut self.incident else { return };
        match action {
            Some(Action::Back) => self.incident = None,
            Some(Action::Confirm) if self.writing.is_some() => ask.warn(t!("write-still-running")),
            Some(Action::Confirm) => self.writing = send(question, cx, ask),
            _ => match question {
                IncidentQuestion::Record(form) => match action {
                    Some(Action::NextField) => form.step(1),
                    Some(Action::PreviousField) => form.step(-1),
                    Some(Action::NextKind) => form.kind = next_kind(form.kind, 1),
                    _ => form.typed(event),
                },
                IncidentQuestion::Reverse(form) => {
                    if action.is_none() && event.code != KeyCode::Enter {
                        crate::ui::app::edit(&mut form.note, event);
                    }
                }
            },
        }
    }

    /// The confirmation of the form writes an incident.
    pub(super) fn incident_write(&self, event: KeyEvent, keymap: &Keymap) -> Option<crate::domain::review::Act> {
        let confirms = keymap.action(Layer::Incident, Key::from_event(event)) == Some(Action::Confirm);
        (self.incident.is_some() && confirms).then_some(crate::domain::review::Act::RecordIncident)
    }

    /// An incident recorded came back: said; once written, the form closes and the ranking, the
    /// explanation and the audit trail load again. A refusal is a warning, the form kept.
    pub(super) fn added(&mut self, id: u64, input: IncidentInput, result: Result<i64, String>, ask: &mut Ask) {
        if !arrived(&mut self.writing, id) {
            return;
        }
        match result {
            Ok(new) => {
                if matches!(self.incident, Some(IncidentQuestion::Record(_))) {
                    self.incident = None;
                }
                let quarter = Period::quarter_of(input.occurred_on);
                ask.tell(t!(
                    "console-incident-recorded",
                    id = new,
                    unit = input.unit.clone(),
                    points = input.kind.points(),
                    kind = words::incident(input.kind),
                    date = input.occurred_on.to_string(),
                    quarter = quarter.to_string()
                ));
                self.written(ask);
            }
            Err(e) => ask.warn(t!("incident-not-recorded", error = e)),
        }
    }

    /// An incident corrected came back (`original`: the incident corrected), as `added`.
    pub(super) fn reversed(&mut self, id: u64, original: i64, result: Result<i64, String>, ask: &mut Ask) {
        if !arrived(&mut self.writing, id) {
            return;
        }
        match result {
            Ok(new) => {
                // The unit and points, if the form still open is the one corrected.
                let about = match &self.incident {
                    Some(IncidentQuestion::Reverse(f)) => {
                        let about = (f.incident.id == original)
                            .then(|| words::aside("", &format!("{} {}", f.incident.unit, signed(-f.incident.points))));
                        self.incident = None;
                        about.unwrap_or_default()
                    }
                    Some(IncidentQuestion::Record(_)) | None => String::new(),
                };
                ask.tell(t!("console-incident-reversed", id = new, original = original, about = about));
                self.written(ask);
            }
            Err(e) => ask.warn(t!("incident-not-corrected", error = e)),
        }
    }

    /// What an incident changes: the ranking, the explanation, the audit trail if loaded.
    fn written(&mut self, ask: &mut Ask) {
        self.load_ranking(ask);
        self.load_explanation(ask);
        ask.post(Event::Audited);
    }
}

/// Enter in a form: checked here (a date, a note), then sent; the request's number, or none
/// (then it has said what is missing).
fn send(question: &mut IncidentQuestion, cx: &Cx, ask: &mut Ask) -> Option<u64> {
    let load = match question {
        IncidentQuestion::Record(form) => {
            let today = crate::domain::time::beijing_date(cx.now);
            let date = text(&form.date);
            let checked = match if date.is_empty() { Ok(today) } else { crate::domain::time::parse_date(&date) } {
                Err(e) => Err((Field::Date, e)),
                Ok(day) if day > today => Err((Field::Date, t!("incident-future", date = day.to_string()))),
                Ok(_) if text(&form.note).is_empty() => Err((Field::Note, t!("console-incident-needs-note"))),
                Ok(day) => Ok(day),
            };
            let occurred_on = match checked {
                Ok(day) => day,
                Err((field, why)) => {
                    form.focus(field);
                    ask.warn(why);
                    return None;
                }
            };
            let item = Some(text(&form.item)).filter(|i| !i.is_empty());
            let input = IncidentInput {
                unit: form.unit.clone(),
                kind: form.kind,
                item: None,
                occurred_on,
                note: text(&form.note),
            };
            Load::AddIncident { input, item }
        }
        IncidentQuestion::Reverse(form) => {
            let (id, note) = (form.incident.id, text(&form.note));
            if note.is_empty() {
                ask.warn(t!("console-correction-needs-note"));
                return None;
            }
            Load::Reverse { id, note }
        }
    };
    Some(ask.request(load))
}
