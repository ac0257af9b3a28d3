//! The Scores tab (Art. 16–17): the ranking of a quarter or a year; Enter explains a unit's score
//! (the items that earned its points, each once at its highest form, its incidents and their
//! corrections, its Art. 17 signals and overdue columns); `i` records an incident, `r` corrects
//! one by a reversing record, `b` writes the period's bulletin. A write reloads the ranking and
//! the explanation, and the status line says what happened; a refusal is a warning and the form
//! keeps what was typed.

use crossterm::event::{KeyCode, KeyEvent};

use super::withdraw::opened_item;
use super::{App, Effect, ItemView, Load, Overlay, arrived, page_delta, scroll, single_line};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::store::IncidentInput;
use crate::ui::keymap::{Action, Key, Layer};

mod state;
pub use state::*;

impl App {
    /// The layer of the Scores tab: the ranking, a unit explained, or an item opened from it.
    pub(super) fn scores_layer(&self) -> Layer {
        match &self.scores.unit {
            Some(u) if u.item.is_some() => Layer::Item,
            Some(_) => Layer::Unit,
            None => Layer::Scores,
        }
    }

    /// Shows the scores of `period`, and the unit explained in it too.
    pub(super) fn show_period(&mut self, period: Period, effects: &mut Vec<Effect>) {
        self.scores.period = period;
        self.load_scores(effects);
        if let Some(u) = &mut self.scores.unit {
            if u.period != period {
                *u = UnitView::new(std::mem::take(&mut u.unit), period);
            }
            self.load_explanation(effects);
        }
    }

    fn load_explanation(&mut self, effects: &mut Vec<Effect>) {
        let Some(u) = &self.scores.unit else { return };
        let load = AssessmentLoad::Explain { unit: u.unit.clone(), period: u.period };
        let req = self.request(Load::Assessment(load), effects);
        if let Some(u) = &mut self.scores.unit {
            u.waiting = Some(req);
        }
    }

    /// F5 in the Scores tab: the ranking, the explanation and the item opened, again.
    pub(super) fn refresh_scores(&mut self, effects: &mut Vec<Effect>) {
        self.load_scores(effects);
        self.load_explanation(effects);
        self.reload_explained_item(effects);
    }

    /// Loads the item opened from the explanation again (after a change to it).
    pub(super) fn reload_explained_item(&mut self, effects: &mut Vec<Effect>) {
        let Some(id) = self.scores.opened_item().map(|i| i.id) else { return };
        let req = self.request(Load::Item { id }, effects);
        if let Some(i) = self.scores.unit.as_mut().and_then(|u| u.item.as_mut()) {
            i.waiting = Some(req);
        }
    }

    /// Runs an action of the Scores tab; false if it is not one.
    pub(super) fn scores_act(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        let height = self.list_height();
        let overlay = matches!(self.overlay, Overlay::None);
        match action {
            Action::PrevPeriod | Action::NextPeriod | Action::QuarterOrYear => {
                let p = self.scores.period;
                let period = match action {
                    Action::PrevPeriod => p.previous(),
                    Action::NextPeriod => p.next(),
                    _ => p.quarter_or_year(),
                };
                self.show_period(period, effects);
                return true;
            }
            Action::RecordIncident => {
                self.open_incident_form();
                return true;
            }
            Action::WriteBulletin => {
                self.write_bulletin(effects);
                return true;
            }
            _ => {}
        }
        let Some(unit) = &mut self.scores.unit else {
            if action == Action::Open {
                self.explain(effects);
                return true;
            }
            return false;
        };
        if let Some(item) = &mut unit.item {
            if let Some(delta) = page_delta(action, height) {
                scroll(item, delta);
                return true;
            }
            match action {
                Action::Back if overlay => unit.item = None,
                Action::WithdrawItems => self.withdraw_explained_item(),
                // Nothing to filter on an item's page.
                Action::Filter => {}
                _ => return false,
            }
            return true;
        }
        match action {
            Action::Back if overlay => self.scores.unit = None,
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                unit.step(action, height)
            }
            Action::Open => self.open_explained(effects),
            Action::ReverseIncident => self.ask_reversal(),
            Action::Filter => self.warn("the filter is for the ranking: Esc goes back to it"),
            _ => return false,
        }
        true
    }

    /// Enter on the ranking: explain the selected unit's score.
    fn explain(&mut self, effects: &mut Vec<Effect>) {
        let Some(unit) = self.scores.units.selected().map(|r| r.unit.clone()) else { return };
        self.scores.unit = Some(UnitView::new(unit, self.scores.period));
        self.load_explanation(effects);
    }

    /// Enter in an explanation: open the selected item (or the item an incident is about).
    fn open_explained(&mut self, effects: &mut Vec<Effect>) {
        let Some(u) = &self.scores.unit else { return };
        let Some(e) = &u.explanation else { return };
        let id = match u.selected() {
            Some(Part::Item(i)) => e.items[i].id,
            Some(Part::Incident(i)) => match e.incidents[i].item {
                Some(id) => id,
                None => {
                    let said = format!("incident {} is not about an item", e.incidents[i].id);
                    self.warn(said);
                    return;
                }
            },
            _ => return,
        };
        let req = self.request(Load::Item { id }, effects);
        if let Some(u) = &mut self.scores.unit {
            u.item = Some(ItemView { id, item: None, scroll: 0, waiting: Some(req), error: None });
        }
    }

    /// `i`: the form for an incident against the selected (or explained) unit, about the item
    /// selected in the explanation if one is.
    fn open_incident_form(&mut self) {
        let (unit, chosen) = match &self.scores.unit {
            Some(u) => {
                let chosen = match (u.selected(), &u.explanation, &u.item) {
                    (_, _, Some(view)) => Some((
                        view.id.to_string(),
                        view.item.as_ref().map_or_else(String::new, |(i, _)| i.title.clone()),
                    )),
                    (Some(Part::Item(i)), Some(e), None) => Some((e.items[i].id.to_string(), e.items[i].title.clone())),
                    _ => None,
                };
                (u.unit.clone(), chosen)
            }
            None => match self.scores.units.selected() {
                Some(r) => (r.unit.clone(), None),
                None => {
                    self.warn("no unit selected");
                    return;
                }
            },
        };
        let mut item = single_line(chosen.as_ref().map_or("", |(id, _)| id));
        item.set_placeholder_text("optional: the item's id or ref");
        let mut date = single_line(&crate::domain::time::beijing_date(self.now).to_string());
        date.set_placeholder_text("YYYY-MM-DD (empty: today)");
        let mut note = single_line("");
        note.set_placeholder_text("what happened (required)");
        let mut form = IncidentForm { unit, kind: IncidentKind::Typo, field: Field::Kind, item, chosen, date, note };
        form.focus(Field::Kind);
        self.overlay = Overlay::Incident(Box::new(form));
    }

    /// `r` in an explanation: correct the selected incident, after a question that asks why.
    fn ask_reversal(&mut self) {
        let Some(u) = &self.scores.unit else { return };
        let (Some(Part::Incident(i)), Some(e)) = (u.selected(), &u.explanation) else {
            self.warn("select an incident to correct");
            return;
        };
        let incident = e.incidents[i].clone();
        if let Some(original) = incident.reverses {
            self.warn(format!("incident {} is itself the correction of incident {original}", incident.id));
            return;
        }
        if let Some(by) = incident.reversed_by {
            self.warn(format!("incident {} was corrected already, by incident {by}", incident.id));
            return;
        }
        let mut note = single_line("");
        note.set_placeholder_text("why it is corrected (required)");
        self.overlay = Overlay::Reverse(Box::new(ReverseForm { incident, note }));
    }

    /// `w` on an item opened from an explanation: withdraw it after the usual confirmation.
    fn withdraw_explained_item(&mut self) {
        let Some(view) = self.scores.opened_item() else { return };
        match opened_item(view) {
            Ok(items) => self.ask_withdrawal(items),
            Err(why) => self.warn(why),
        }
    }

    /// `b`: the period's bulletin to `bulletin-<period>.md` in the current directory.
    fn write_bulletin(&mut self, effects: &mut Vec<Effect>) {
        if self.scores.bulletin.is_some() {
            self.warn("the bulletin is still being written");
            return;
        }
        let period = self.scores.unit.as_ref().map_or(self.scores.period, |u| u.period);
        let file = format!("bulletin-{period}.md");
        let req = self.request(Load::Assessment(AssessmentLoad::Bulletin { period, file }), effects);
        self.scores.bulletin = Some(req);
        self.tell(format!("writing the {period} bulletin…"));
    }

    /// A key while an incident is recorded or corrected: the form's keys, or typing.
    pub(super) fn incident_key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        let action = self.keymap.action(Layer::Incident, Key::from_event(event));
        match action {
            Some(Action::Back) => {
                self.overlay = Overlay::None;
                return;
            }
            Some(Action::Confirm) => {
                if self.scores.writing.is_some() {
                    self.warn("the last change is still being saved; try again in a moment");
                } else if matches!(self.overlay, Overlay::Incident(_)) {
                    self.record_incident(effects);
                } else {
                    self.reverse_incident(effects);
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
            Overlay::Reverse(form) if action.is_none() && event.code != KeyCode::Enter => {
                form.note.input(event);
            }
            _ => {}
        }
    }

    /// Enter in the incident form: checked here (a date, a note), then recorded.
    fn record_incident(&mut self, effects: &mut Vec<Effect>) {
        let today = crate::domain::time::beijing_date(self.now);
        let Overlay::Incident(form) = &mut self.overlay else { return };
        let date = text(&form.date);
        let checked = match if date.is_empty() { Ok(today) } else { crate::domain::time::parse_date(&date) } {
            Err(e) => Err((Field::Date, e)),
            Ok(day) if day > today => {
                Err((Field::Date, format!("{day} is still to come: an incident is dated when it happened")))
            }
            Ok(_) if text(&form.note).is_empty() => {
                Err((Field::Note, "an incident needs a note saying what happened".to_string()))
            }
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
        self.scores.writing = Some(req);
    }

    /// Enter in the correction: a note is required.
    fn reverse_incident(&mut self, effects: &mut Vec<Effect>) {
        let Overlay::Reverse(form) = &self.overlay else { return };
        let (id, note) = (form.incident.id, text(&form.note));
        if note.is_empty() {
            self.warn("a correction needs a note saying why");
            return;
        }
        let req = self.request(Load::Assessment(AssessmentLoad::Reverse { id, note }), effects);
        self.scores.writing = Some(req);
    }

    /// An assessment query or write came back.
    pub(super) fn assessment_loaded(&mut self, id: u64, loaded: AssessmentLoaded, effects: &mut Vec<Effect>) {
        let height = self.list_height();
        match loaded {
            AssessmentLoaded::Explained(result) => {
                let Some(u) = &mut self.scores.unit else { return };
                if !arrived(&mut u.waiting, id) {
                    return;
                }
                match result {
                    Ok(e) => u.explained(*e, height),
                    Err(e) => {
                        u.error = Some(e.clone());
                        let said = format!("explaining {}'s score failed: {e}", u.unit);
                        self.warn(said);
                    }
                }
            }
            AssessmentLoaded::Added(input, result) => {
                if !arrived(&mut self.scores.writing, id) {
                    return;
                }
                match result {
                    Ok(new) => {
                        if matches!(self.overlay, Overlay::Incident(_)) {
                            self.overlay = Overlay::None;
                        }
                        let quarter = Period::quarter_of(input.occurred_on);
                        self.tell(format!(
                            "incident {new}: {} {} ({}) on {}, in {quarter}",
                            input.unit,
                            input.kind.points(),
                            input.kind.as_str(),
                            input.occurred_on
                        ));
                        self.reload_after_incident(effects);
                    }
                    Err(e) => self.warn(format!("not recorded: {e}")),
                }
            }
            AssessmentLoaded::Reversed(original, result) => {
                if !arrived(&mut self.scores.writing, id) {
                    return;
                }
                match result {
                    Ok(new) => {
                        let about = match &self.overlay {
                            Overlay::Reverse(f) if f.incident.id == original => {
                                format!(" ({} {})", f.incident.unit, signed(-f.incident.points))
                            }
                            _ => String::new(),
                        };
                        if matches!(self.overlay, Overlay::Reverse(_)) {
                            self.overlay = Overlay::None;
                        }
                        self.tell(format!("incident {new}: reverses incident {original}{about}"));
                        self.reload_after_incident(effects);
                    }
                    Err(e) => self.warn(format!("not corrected: {e}")),
                }
            }
            AssessmentLoaded::Bulletin(result) => {
                if !arrived(&mut self.scores.bulletin, id) {
                    return;
                }
                match result {
                    Ok(path) => self.tell(format!("wrote {path}")),
                    Err(e) => self.warn(format!("no bulletin: {e}")),
                }
            }
        }
    }

    /// What an incident changes: the ranking, the explanation, the audit trail if loaded.
    fn reload_after_incident(&mut self, effects: &mut Vec<Effect>) {
        self.load_scores(effects);
        self.load_explanation(effects);
        self.with_view(crate::ui::app::Tab::Audit, effects, |v, cx, ask| v.reload(cx, ask));
    }

    /// What to copy in the Scores tab: the item opened, the selected line of an explanation, or
    /// the selected unit.
    pub(super) fn scores_copy(&self, id: bool) -> Option<String> {
        let Some(u) = &self.scores.unit else { return self.scores.units.selected().map(|r| r.unit.clone()) };
        if let Some(view) = &u.item {
            return if id { Some(view.id.to_string()) } else { view.item.as_ref().map(|(i, _)| i.title.clone()) };
        }
        let e = u.explanation.as_ref()?;
        Some(match u.selected() {
            Some(Part::Item(i)) => {
                if id {
                    e.items[i].id.to_string()
                } else {
                    e.items[i].title.clone()
                }
            }
            Some(Part::Incident(i)) => {
                if id {
                    e.incidents[i].id.to_string()
                } else {
                    e.incidents[i].note.clone()
                }
            }
            Some(Part::Signal(i)) => e.signals[i].text.clone(),
            Some(Part::Overdue(i)) => {
                if id {
                    e.overdue[i].column.id.to_string()
                } else {
                    e.overdue[i].column.path.clone()
                }
            }
            _ => u.unit.clone(),
        })
    }

    /// Keeps the explanation's selection in sight after a resize.
    pub(super) fn fit_scores(&mut self, height: usize) {
        if let Some(u) = &mut self.scores.unit {
            u.show(height);
        }
    }
}
