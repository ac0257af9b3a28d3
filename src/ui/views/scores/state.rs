//! The Scores tab's state: the ranking and a unit's explanation, its lines and its selection.

use crate::domain::assessment::Period;
use crate::reports::ScoreRow;
use crate::ui::views::item::ItemView;
use crate::ui::keymap::Action;
use crate::ui::paged::{Cursor, Row};
use crate::ui::text::SearchKey;

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
    pub(crate) fn selectable(self) -> bool {
        matches!(self, Part::Item(_) | Part::Incident(_) | Part::Signal(_) | Part::Overdue(_))
    }
}

/// The lines of an explanation.
pub(crate) fn parts(e: &Explanation) -> Vec<Part> {
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
pub(crate) enum Anchor {
    Item(i64),
    Incident(i64),
    Other(Part),
}

impl UnitView {
    pub(crate) fn new(unit: String, period: Period) -> UnitView {
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

    pub(crate) fn anchor(&self) -> Option<Anchor> {
        let e = self.explanation.as_ref()?;
        Some(match self.selected()? {
            Part::Item(i) => Anchor::Item(e.items[i].id),
            Part::Incident(i) => Anchor::Incident(e.incidents[i].id),
            other => Anchor::Other(other),
        })
    }

    /// Takes a fresh explanation, the selection staying on its item or incident.
    pub(crate) fn explained(&mut self, explanation: Explanation, height: usize) {
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

    pub(crate) fn first(&self) -> Option<usize> {
        self.parts.iter().position(|p| p.selectable())
    }

    pub(crate) fn last(&self) -> Option<usize> {
        self.parts.iter().rposition(|p| p.selectable())
    }

    /// Moves the selection to the selectable line `delta` lines away (or the nearest one beyond).
    pub(crate) fn step(&mut self, action: Action, height: usize) {
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
    pub(crate) fn show(&mut self, height: usize) {
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
        Period::Quarter { year, quarter } => crate::t!("period-quarter", year = year.to_string(), quarter = quarter),
        Period::Year(year) => crate::t!("period-year", year = year.to_string()),
    }
}

/// A number with its sign: +3, -5, 0.
pub fn signed(n: i64) -> String {
    if n > 0 { format!("+{n}") } else { n.to_string() }
}
