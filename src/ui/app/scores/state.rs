//! The Scores tab's state: the ranking, a unit's explanation and the incident forms, with the
//! queries and writes they ask for.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::super::{Cursor, ItemView};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::reports::ScoreRow;
use crate::store::{IncidentInput, IncidentRow};
use crate::ui::keymap::Action;
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
    pub(super) fn selectable(self) -> bool {
        matches!(self, Part::Item(_) | Part::Incident(_) | Part::Signal(_) | Part::Overdue(_))
    }
}

/// The lines of an explanation.
pub(super) fn parts(e: &Explanation) -> Vec<Part> {
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
pub(super) enum Anchor {
    Item(i64),
    Incident(i64),
    Other(Part),
}

impl UnitView {
    pub(super) fn new(unit: String, period: Period) -> UnitView {
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

    pub(super) fn anchor(&self) -> Option<Anchor> {
        let e = self.explanation.as_ref()?;
        Some(match self.selected()? {
            Part::Item(i) => Anchor::Item(e.items[i].id),
            Part::Incident(i) => Anchor::Incident(e.incidents[i].id),
            other => Anchor::Other(other),
        })
    }

    /// Takes a fresh explanation, the selection staying on its item or incident.
    pub(super) fn explained(&mut self, explanation: Explanation, height: usize) {
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

    pub(super) fn first(&self) -> Option<usize> {
        self.parts.iter().position(|p| p.selectable())
    }

    pub(super) fn last(&self) -> Option<usize> {
        self.parts.iter().rposition(|p| p.selectable())
    }

    /// Moves the selection to the selectable line `delta` lines away (or the nearest one beyond).
    pub(super) fn step(&mut self, action: Action, height: usize) {
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
    pub(super) fn show(&mut self, height: usize) {
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
pub(super) fn next_kind(kind: IncidentKind, delta: isize) -> IncidentKind {
    let all = IncidentKind::ALL;
    let at = all.iter().position(|k| *k == kind).unwrap_or(0) as isize;
    all[(at + delta).rem_euclid(all.len() as isize) as usize]
}

/// What a one-line input holds, trimmed.
pub(super) fn text(input: &TextArea) -> String {
    input.lines().join(" ").trim().to_string()
}
