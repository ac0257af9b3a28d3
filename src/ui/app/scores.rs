//! The Scores tab (Art. 16–17): the ranking of a quarter or a year; Enter explains a unit's score
//! (the items that earned its points, each once at its highest form, its incidents and their
//! corrections, its Art. 17 signals and overdue columns); `i` records an incident, `r` corrects
//! one by a reversing record, `b` writes the period's bulletin. A write reloads the ranking and
//! the explanation, and the status line says what happened; a refusal is a warning and the form
//! keeps what was typed.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::withdraw::opened_item;
use super::{App, Cursor, Effect, ItemView, Load, Overlay, arrived, page_delta, scroll, single_line};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::reports::ScoreRow;
use crate::store::{IncidentInput, IncidentRow};
use crate::ui::keymap::{Action, Key, Layer};
use crate::ui::paged::{Paged, Row};
use crate::ui::text::SearchKey;

/// A query or a write of the assessment, for a task to run.
#[derive(Debug, Clone, PartialEq)]
pub enum AssessmentLoad {
    /// What a unit's score in a period is made of.
    Explain { unit: String, period: Period },
    /// Records an incident; `item` (an item's id or ref) is looked up first.
    AddIncident { input: IncidentInput, item: Option<String> },
    /// Corrects an incident by a reversing record.
    Reverse { id: i64, note: String },
    /// Writes the period's bulletin (Markdown) to `file` in the current directory.
    Bulletin { period: Period, file: String },
}

/// What an assessment query or write brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum AssessmentLoaded {
    Explained(Result<Box<Explanation>, String>),
    /// The incident asked for, and its id once recorded.
    Added(IncidentInput, Result<i64, String>),
    /// The incident corrected, and the id of the reversing record.
    Reversed(i64, Result<i64, String>),
    /// The full path of the file written.
    Bulletin(Result<String, String>),
}

pub use crate::usecase::assessment::Explanation;

/// The parts of an explanation, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Items,
    Incidents,
    Signals,
    Overdue,
}

/// One line of an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Heading(Section),
    /// A section with nothing in it.
    Nothing(Section),
    Item(usize),
    /// An item's column and its form there: (item, placement).
    Column(usize, usize),
    Incident(usize),
    Signal(usize),
    Overdue(usize),
    Blank,
}

impl Part {
    /// Whether the selection can rest on it.
    fn selectable(self) -> bool {
        matches!(self, Part::Item(_) | Part::Incident(_) | Part::Signal(_) | Part::Overdue(_))
    }
}

/// The lines of an explanation.
fn parts(e: &Explanation) -> Vec<Part> {
    let mut out = Vec::new();
    let section = |out: &mut Vec<Part>, s: Section, n: usize, each: &dyn Fn(usize, &mut Vec<Part>)| {
        if !out.is_empty() {
            out.push(Part::Blank);
        }
        out.push(Part::Heading(s));
        if n == 0 {
            out.push(Part::Nothing(s));
        }
        for i in 0..n {
            each(i, out);
        }
    };
    section(&mut out, Section::Items, e.items.len(), &|i, out| {
        out.push(Part::Item(i));
        out.extend((0..e.items[i].placements.len()).map(|j| Part::Column(i, j)));
    });
    section(&mut out, Section::Incidents, e.incidents.len(), &|i, out| out.push(Part::Incident(i)));
    section(&mut out, Section::Signals, e.signals.len(), &|i, out| out.push(Part::Signal(i)));
    section(&mut out, Section::Overdue, e.overdue.len(), &|i, out| out.push(Part::Overdue(i)));
    out
}

/// A unit's score explained, and an item opened from it.
#[derive(Debug)]
pub struct UnitView {
    pub unit: String,
    pub period: Period,
    pub explanation: Option<Explanation>,
    pub parts: Vec<Part>,
    /// The selected line and the first line shown.
    pub cursor: Cursor,
    pub waiting: Option<u64>,
    pub error: Option<String>,
    pub item: Option<ItemView>,
}

/// What a selected line stands for, to keep the selection on it when the explanation reloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Item(i64),
    Incident(i64),
    Other(Part),
}

impl UnitView {
    fn new(unit: String, period: Period) -> UnitView {
        UnitView {
            unit,
            period,
            explanation: None,
            parts: Vec::new(),
            cursor: Cursor::default(),
            waiting: None,
            error: None,
            item: None,
        }
    }

    /// The selected line, if the selection rests on one.
    pub fn selected(&self) -> Option<Part> {
        self.parts.get(self.cursor.selected).copied().filter(|p| p.selectable())
    }

    fn anchor(&self) -> Option<Anchor> {
        let e = self.explanation.as_ref()?;
        Some(match self.selected()? {
            Part::Item(i) => Anchor::Item(e.items[i].id),
            Part::Incident(i) => Anchor::Incident(e.incidents[i].id),
            other => Anchor::Other(other),
        })
    }

    /// Takes a fresh explanation, the selection staying on its item or incident.
    fn explained(&mut self, explanation: Explanation, height: usize) {
        let anchor = self.anchor();
        self.parts = parts(&explanation);
        let found = anchor.and_then(|a| {
            self.parts.iter().position(|p| match (a, *p) {
                (Anchor::Item(id), Part::Item(i)) => explanation.items[i].id == id,
                (Anchor::Incident(id), Part::Incident(i)) => explanation.incidents[i].id == id,
                (Anchor::Other(a), p) => a == p,
                _ => false,
            })
        });
        self.explanation = Some(explanation);
        self.error = None;
        match found {
            Some(at) => self.cursor.selected = at,
            None => {
                self.cursor = Cursor::default();
                self.cursor.selected = self.first().unwrap_or(0);
            }
        }
        self.show(height);
    }

    fn first(&self) -> Option<usize> {
        self.parts.iter().position(|p| p.selectable())
    }

    fn last(&self) -> Option<usize> {
        self.parts.iter().rposition(|p| p.selectable())
    }

    /// Moves the selection to the selectable line `delta` lines away (or the nearest one beyond).
    fn step(&mut self, action: Action, height: usize) {
        let (Some(first), Some(last)) = (self.first(), self.last()) else { return };
        let page = height.max(1) as isize;
        let at = self.cursor.selected;
        let target = match action {
            Action::Down => {
                self.parts.iter().enumerate().skip(at + 1).find(|(_, p)| p.selectable()).map_or(at, |(i, _)| i)
            }
            Action::Up => self.parts[..at].iter().rposition(|p| p.selectable()).unwrap_or(at),
            Action::PageDown | Action::PageUp => {
                let goal = at
                    .saturating_add_signed(if action == Action::PageDown { page } else { -page })
                    .min(self.parts.len() - 1);
                // The nearest selectable line at or beyond the goal, else back towards the start.
                let ahead = if action == Action::PageDown {
                    self.parts.iter().enumerate().skip(goal).find(|(_, p)| p.selectable()).map(|(i, _)| i)
                } else {
                    self.parts[..=goal].iter().rposition(|p| p.selectable())
                };
                ahead.unwrap_or(if action == Action::PageDown { last } else { first })
            }
            Action::Top => first,
            _ => last,
        };
        self.cursor.selected = target;
        self.show(height);
    }

    /// Keeps the selected line in sight with the lines that belong to it: an item's columns, the
    /// heading above the first of a section, and at either end everything there is.
    fn show(&mut self, height: usize) {
        let height = height.max(1);
        let len = self.parts.len();
        let at = self.cursor.selected.min(len.saturating_sub(1));
        let mut start = at;
        if at > 0 && matches!(self.parts[at - 1], Part::Heading(_)) {
            start = at - 1;
        }
        let mut end = at + 1;
        while matches!(self.parts.get(end), Some(Part::Column(..))) {
            end += 1;
        }
        if Some(at) == self.first() {
            start = 0;
        }
        if Some(at) == self.last() {
            end = len;
        }
        let mut offset = self.cursor.offset;
        if end > offset + height {
            offset = end - height;
        }
        offset = offset.min(start);
        // The selected line itself wins over what belongs to it.
        if at >= offset + height {
            offset = at + 1 - height;
        }
        self.cursor.offset = offset.min(at).min(len.saturating_sub(height));
    }
}

/// The assessment tab: every unit's score for a period, loaded whole; a unit's explanation.
#[derive(Debug)]
pub struct ScoresView {
    pub period: Period,
    /// Loaded whole: `done` once the first load has come back.
    pub units: Paged<ScoreRow>,
    /// The unit whose score is explained (Enter).
    pub unit: Option<UnitView>,
    /// An incident being recorded or corrected.
    pub writing: Option<u64>,
    /// The bulletin being written.
    pub bulletin: Option<u64>,
}

impl ScoresView {
    pub fn new(period: Period) -> ScoresView {
        ScoresView { period, units: Paged::default(), unit: None, writing: None, bulletin: None }
    }

    /// Whether something of the tab is loading or being written.
    pub fn busy(&self) -> bool {
        self.units.waiting.is_some()
            || self.writing.is_some()
            || self.bulletin.is_some()
            || self
                .unit
                .as_ref()
                .is_some_and(|u| u.waiting.is_some() || u.item.as_ref().is_some_and(|i| i.waiting.is_some()))
    }

    /// The item opened from the explanation, if it waits for the result numbered `id`.
    pub fn item_waiting(&mut self, id: u64) -> Option<&mut ItemView> {
        self.unit.as_mut()?.item.as_mut().filter(|i| i.waiting == Some(id))
    }

    /// The item opened from the explanation.
    pub fn opened_item(&self) -> Option<&ItemView> {
        self.unit.as_ref()?.item.as_ref()
    }
}

impl Row for ScoreRow {
    type Key = String;

    fn key(&self) -> String {
        self.unit.clone()
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.unit])
    }
}

/// The period in the office's words: 2026年第3季度, 2026年度.
pub fn period_words(period: Period) -> String {
    match period {
        Period::Quarter { year, quarter } => format!("{year}年第{quarter}季度"),
        Period::Year(year) => format!("{year}年度"),
    }
}

/// A number with its sign: +3, -5, 0.
pub fn signed(n: i64) -> String {
    if n > 0 { format!("+{n}") } else { n.to_string() }
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
            Field::Item => {
                self.item.input(event);
            }
            Field::Date => {
                self.date.input(event);
            }
            Field::Note => {
                self.note.input(event);
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
fn next_kind(kind: IncidentKind, delta: isize) -> IncidentKind {
    let all = IncidentKind::ALL;
    let at = all.iter().position(|k| *k == kind).unwrap_or(0) as isize;
    all[(at + delta).rem_euclid(all.len() as isize) as usize]
}

/// What a one-line input holds, trimmed.
fn text(input: &TextArea) -> String {
    input.lines().join(" ").trim().to_string()
}

/// Whether a list has been loaded (or is loading), so that it must load again after a change.
fn loaded<T: Row>(list: &Paged<T>) -> bool {
    list.done || list.waiting.is_some() || !list.rows.is_empty()
}

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
        if loaded(&self.audit) {
            self.load_audit(None, effects);
        }
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
