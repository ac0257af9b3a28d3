//! Incidents (Art. 16), recorded or corrected from the Scores tab, the Findings tab or the review
//! screen: the forms, their keys, the writes and what comes back. A write reloads the ranking and
//! the explanation, and the status line says what happened; a refusal is a warning and the form
//! keeps what was typed.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::{App, Effect, Load, Overlay, Tab, arrived};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::store::{IncidentInput, IncidentRow};
use crate::t;
use crate::ui::keymap::{Action, Key, Layer};
use crate::ui::views::scores::signed;

/// An incident write, for a task to run.
#[derive(Debug, Clone, PartialEq)]
pub enum AssessmentLoad {
    /// Records an incident; `item` (an item's id or ref) is looked up first.
    AddIncident { input: IncidentInput, item: Option<String> },
    /// Corrects an incident by a reversing record.
    Reverse { id: i64, note: String },
}

/// What an incident write brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum AssessmentLoaded {
    /// The incident asked for, and its id once recorded.
    Added(IncidentInput, Result<i64, String>),
    /// The incident corrected, and the id of the reversing record.
    Reversed(i64, Result<i64, String>),
}

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

    pub(super) fn step(&mut self, delta: isize) {
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
    pub(super) fn typed(&mut self, event: KeyEvent) {
        if event.code == KeyCode::Enter {
            return;
        }
        match self.field {
            Field::Kind => match event.code {
                KeyCode::Char(' ') | KeyCode::Right => self.kind = next_kind(self.kind, 1),
                KeyCode::Left => self.kind = next_kind(self.kind, -1),
                _ => {}
            },
            Field::Item => {
                super::edit(&mut self.item, event);
            }
            Field::Date => {
                super::edit(&mut self.date, event);
            }
            Field::Note => {
                super::edit(&mut self.note, event);
            }
        }
    }
}

/// An incident being corrected, with why.
#[derive(Debug)]
pub struct ReverseForm {
    pub incident: IncidentRow,
    pub note: TextArea<'static>,
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

impl App {
    /// A key while an incident is recorded or corrected: the form's keys, or typing.
    pub(super) fn incident_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let action = self.keymap.action(Layer::Incident, Key::from_event(event));
        match action {
            Some(Action::Back) => {
                self.overlay = Overlay::None;
                return;
            }
            Some(Action::Confirm) => {
                if self.incident_writing.is_some() {
                    self.warn(t!("write-still-running"));
                    return;
                }
                match &self.overlay {
                    Overlay::Incident(_) => self.record_incident(effects),
                    Overlay::Reverse(_) => self.reverse_incident(effects),
                    // Not an incident's form: nothing to record.
                    Overlay::None
                    | Overlay::Help(_)
                    | Overlay::Messages(_)
                    | Overlay::Record(_)
                    | Overlay::Confirm { .. }
                    | Overlay::Mark { .. }
                    | Overlay::Waive(_)
                    | Overlay::Copy
                    | Overlay::Filter(_)
                    | Overlay::Command { .. } => {}
                }
                return;
            }
            _ => {}
        }
        match &mut self.overlay {
            Overlay::Incident(form) => match action {
                Some(Action::NextField) => form.step(1),
                Some(Action::PreviousField) => form.step(-1),
                Some(Action::NextKind) => form.kind = next_kind(form.kind, 1),
                _ => form.typed(event),
            },
            Overlay::Reverse(form) => {
                if action.is_none() && event.code != KeyCode::Enter {
                    super::edit(&mut form.note, event);
                }
            }
            // Not an incident's form: the key is not its.
            Overlay::None
            | Overlay::Help(_)
            | Overlay::Messages(_)
            | Overlay::Record(_)
            | Overlay::Confirm { .. }
            | Overlay::Mark { .. }
            | Overlay::Waive(_)
            | Overlay::Copy
            | Overlay::Filter(_)
            | Overlay::Command { .. } => {}
        }
    }

    /// Enter in the incident form: checked here (a date, a note), then recorded.
    fn record_incident(&mut self, effects: &mut Vec<Effect>) {
        let today = crate::domain::time::beijing_date(self.now);
        let Overlay::Incident(form) = &mut self.overlay else { return };
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
                self.warn(why);
                return;
            }
        };
        let item = Some(text(&form.item)).filter(|i| !i.is_empty());
        let input =
            IncidentInput { unit: form.unit.clone(), kind: form.kind, item: None, occurred_on, note: text(&form.note) };
        let req = self.request(Load::Assessment(AssessmentLoad::AddIncident { input, item }), effects);
        self.incident_writing = Some(req);
    }

    /// Enter in the correction: a note is required.
    fn reverse_incident(&mut self, effects: &mut Vec<Effect>) {
        let Overlay::Reverse(form) = &self.overlay else { return };
        let (id, note) = (form.incident.id, text(&form.note));
        if note.is_empty() {
            self.warn(t!("console-correction-needs-note"));
            return;
        }
        let req = self.request(Load::Assessment(AssessmentLoad::Reverse { id, note }), effects);
        self.incident_writing = Some(req);
    }

    /// An incident write came back.
    pub(super) fn assessment_loaded(&mut self, id: u64, loaded: AssessmentLoaded, effects: &mut Vec<Effect>) {
        match loaded {
            AssessmentLoaded::Added(input, result) => {
                if !arrived(&mut self.incident_writing, id) {
                    return;
                }
                match result {
                    Ok(new) => {
                        if matches!(self.overlay, Overlay::Incident(_)) {
                            self.overlay = Overlay::None;
                        }
                        let quarter = Period::quarter_of(input.occurred_on);
                        self.tell(t!(
                            "console-incident-recorded",
                            id = new,
                            unit = input.unit.clone(),
                            points = input.kind.points(),
                            kind = crate::ui::words::incident(input.kind),
                            date = input.occurred_on.to_string(),
                            quarter = quarter.to_string()
                        ));
                        self.reload_after_incident(effects);
                    }
                    Err(e) => self.warn(t!("incident-not-recorded", error = e)),
                }
            }
            AssessmentLoaded::Reversed(original, result) => {
                if !arrived(&mut self.incident_writing, id) {
                    return;
                }
                match result {
                    Ok(new) => {
                        // The unit and points, if the form still open is the one corrected.
                        let about = if let Overlay::Reverse(f) = &self.overlay
                            && f.incident.id == original
                        {
                            format!(" ({} {})", f.incident.unit, signed(-f.incident.points))
                        } else {
                            String::new()
                        };
                        if matches!(self.overlay, Overlay::Reverse(_)) {
                            self.overlay = Overlay::None;
                        }
                        self.tell(t!("console-incident-reversed", id = new, original = original, about = about));
                        self.reload_after_incident(effects);
                    }
                    Err(e) => self.warn(t!("incident-not-corrected", error = e)),
                }
            }
        }
    }

    /// What an incident changes: the ranking, the explanation, the audit trail if loaded.
    fn reload_after_incident(&mut self, effects: &mut Vec<Effect>) {
        let (views, _, mut ask) = self.parts(effects);
        views.scores.after_incident(&mut ask);
        self.with_view(Tab::Audit, effects, |v, cx, ask| v.reload(cx, ask));
    }
}
