//! The Inspection tab: the national check's single-veto indicators (`portal-admin inspect`) as of
//! the console's day, each with its count, its thresholds and a pass/warn/fail badge; Enter lists
//! the columns or inquiries behind an indicator's count. It loads when first opened and again on
//! F5, on `:at`, on a colleague's change and after a withdrawal (a withdrawal can empty a column).

use chrono::NaiveDate;

use super::{App, Cursor, Effect, Load, arrived};
use crate::domain::inspection::{Indicator, Level};

/// The indicators, as of the day they were evaluated for.
#[derive(Debug, Default)]
pub struct InspectionView {
    /// The indicators last loaded, and the day they are as of.
    pub indicators: Option<(NaiveDate, Vec<Indicator>)>,
    pub cursor: Cursor,
    pub waiting: Option<u64>,
    /// Why the indicators could not be evaluated (a custom column table without its own rules).
    pub error: Option<String>,
    /// The indicator whose detail is open, with the detail's cursor.
    pub detail: Option<(usize, Cursor)>,
}

impl InspectionView {
    /// Whether it has been loaded (or is loading), so that it loads again after a change.
    pub fn shown(&self) -> bool {
        self.indicators.is_some() || self.waiting.is_some() || self.error.is_some()
    }

    pub fn list(&self) -> &[Indicator] {
        self.indicators.as_ref().map_or(&[], |(_, list)| list)
    }

    pub fn selected(&self) -> Option<&Indicator> {
        self.list().get(self.cursor.selected)
    }

    /// The indicator whose detail is open.
    pub fn opened(&self) -> Option<(&Indicator, Cursor)> {
        let (i, cursor) = self.detail?;
        Some((self.list().get(i)?, cursor))
    }

    /// How many indicators fail and how many warn.
    pub fn counts(&self) -> (usize, usize) {
        let n = |level| self.list().iter().filter(|i| i.level == level).count();
        (n(Level::Fail), n(Level::Warn))
    }

    pub(super) fn fit(&mut self, height: usize) {
        let len = self.list().len();
        self.cursor.show(len, height);
        if let Some((i, mut cursor)) = self.detail {
            let len = self.list().get(i).map_or(0, |x| x.detail.len());
            cursor.show(len, height);
            self.detail = Some((i, cursor));
        }
    }
}

impl App {
    pub(super) fn load_inspection(&mut self, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Inspection { at: self.at }, effects);
        self.inspection.waiting = Some(req);
    }

    /// The indicators came back: the selection and an open detail stay on their indicator.
    pub(super) fn inspected(&mut self, id: u64, result: Result<Vec<Indicator>, String>) {
        if !arrived(&mut self.inspection.waiting, id) {
            return;
        }
        let height = self.list_height();
        let view = &mut self.inspection;
        match result {
            Ok(list) => {
                view.indicators = Some((self.at, list));
                view.error = None;
                view.fit(height);
            }
            Err(e) => {
                view.indicators = None;
                view.detail = None;
                view.error = Some(e.clone());
                self.warn(format!("the inspection failed: {e}"));
            }
        }
    }

    /// Enter: the selected indicator's detail.
    pub(super) fn open_inspection(&mut self) {
        let view = &mut self.inspection;
        if view.detail.is_none() && view.selected().is_some() {
            view.detail = Some((view.cursor.selected, Cursor::default()));
        }
    }

    /// Moves in the list, or in the open detail.
    pub(super) fn inspection_step(&mut self, delta: &dyn Fn(usize) -> isize, height: usize) {
        let view = &mut self.inspection;
        match view.detail {
            Some((i, mut cursor)) => {
                let len = view.list().get(i).map_or(0, |x| x.detail.len());
                cursor.step(delta(len), len, height);
                view.detail = Some((i, cursor));
            }
            None => {
                let len = view.list().len();
                view.cursor.step(delta(len), len, height);
            }
        }
    }

    /// The text `y` copies: the selected detail line, or the indicator's name.
    pub(super) fn inspection_copy(&self, id: bool) -> Option<String> {
        match self.inspection.opened() {
            Some((i, cursor)) => i.detail.get(cursor.selected).cloned(),
            None => self.inspection.selected().map(|i| if id { i.key.to_string() } else { i.name.to_string() }),
        }
    }
}
