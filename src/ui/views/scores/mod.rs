//! The Scores tab (Art. 16–17): the ranking of a quarter or a year; Enter explains a unit's score
//! (the items that earned its points, each once at its highest form, its incidents and their
//! corrections, its Art. 17 signals and overdue columns) and opens an item from it; `i` records
//! an incident, `r` corrects one by a reversing record (the forms and writes are this view's
//! question, opened from the findings too: `incident.rs`), `b` writes the period's bulletin.

use std::path::PathBuf;

use super::{Ask, Cx, View, step};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::reports::ScoreRow;
use crate::store::{ExportedItem, HistoryEntry, IncidentInput, Site, Store, StoreError};
use crate::ui::app::{Overlay, single_line};
use crate::ui::views::item::ItemView;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{Cursor, Paged};
use crate::ui::sanitise::{clean_all, clean_block, clean_item, clean_line, clean_option, clean_result, each};
use crate::t;
use crate::usecase::{assessment, document};

mod draw;
mod incident;
mod state;
pub use incident::{Field, IncidentForm, IncidentQuestion, ReverseForm};
pub use state::*;

/// The assessment tab: every unit's score for a period, loaded whole; a unit's explanation.
#[derive(Debug)]
pub struct ScoresView {
    pub period: Period,
    /// Loaded whole: `done` once the first load has come back.
    pub units: Paged<ScoreRow>,
    /// The unit whose score is explained (Enter).
    pub unit: Option<UnitView>,
    /// The bulletin being written.
    pub bulletin: Option<u64>,
    /// An incident being recorded or corrected (from this tab, the findings or the review).
    pub incident: Option<IncidentQuestion>,
    /// Its write running.
    pub writing: Option<u64>,
    /// The quarter `t` left for its year: where `t` comes back to.
    pub from_quarter: Option<Period>,
    /// `b` found the bulletin's file there and said so: `b` again (next) writes over it.
    pub overwrite_asked: bool,
    /// The ranking's order (`s` goes to the next).
    pub order: Order,
}

/// The order of the ranking's units (`s` goes to the next); the rank shown stays the net score's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// By rank: the highest net score first.
    #[default]
    Rank,
    /// The largest fall from the period before first.
    Change,
    /// The most points deducted first, then the most incidents.
    Deducted,
}

impl Default for ScoresView {
    /// The current quarter's (`App::new` sets the quarter of the time the console opened).
    fn default() -> Self {
        ScoresView::new(Period::quarter_of(crate::domain::time::beijing_date(chrono::Utc::now())))
    }
}

/// The tab's queries and its write of a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Every unit's score in a period.
    Ranking { period: Period },
    /// What a unit's score in a period is made of.
    Explain { unit: String, period: Period },
    /// Writes the period's bulletin (Markdown) to `file` in the current directory.
    Bulletin { period: Period, file: String },
    /// An item opened from an explanation.
    Item { id: i64 },
    /// Records an incident; `item` (an item's id or ref) is looked up first (`incident.rs`).
    AddIncident { input: IncidentInput, item: Option<String> },
    /// Corrects an incident by a reversing record.
    Reverse { id: i64, note: String },
}

/// What they brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum Loaded {
    Ranking(Result<Vec<ScoreRow>, String>),
    Explained(Result<Box<Explanation>, String>),
    /// The full path of the file written.
    Bulletin(Result<String, String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
    /// The incident asked for, and its id once recorded.
    Added(IncidentInput, Result<i64, String>),
    /// The incident corrected, and the id of the reversing record.
    Reversed(i64, Result<i64, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        // The bulletin is a file, not a change to the database.
        match self {
            Load::Ranking { .. } | Load::Explain { .. } | Load::Bulletin { .. } | Load::Item { .. } => false,
            Load::AddIncident { .. } | Load::Reverse { .. } => true,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Ranking { period } => Loaded::Ranking(assessment::scores(store, site, period).await.map_err(line)),
            Load::Explain { unit, period } => Loaded::Explained(
                assessment::explain(store, site, &unit, period).await.map(Box::new).map_err(line),
            ),
            Load::Bulletin { period, file } => Loaded::Bulletin(write_bulletin(store, site, period, &file, line).await),
            Load::Item { id } => {
                Loaded::Item(crate::usecase::queue::item(store, site, id).await.map(Box::new).map_err(line))
            }
            // Through the same use cases `scores incident` calls.
            Load::AddIncident { mut input, item } => {
                let recorded = assessment::add_incident(store, site, &mut input, item.as_deref()).await.map_err(line);
                Loaded::Added(input, recorded)
            }
            Load::Reverse { id, note } => {
                Loaded::Reversed(id, assessment::reverse_incident(store, site, id, &note).await.map_err(line))
            }
        }
    }
}

/// The period's bulletin, as `portal-admin scores --bulletin` writes it, to `file` in the current
/// directory; the full path written.
async fn write_bulletin(
    store: &dyn Store,
    site: &Site,
    period: Period,
    file: &str,
    line: &(dyn Fn(StoreError) -> String + Sync),
) -> Result<String, String> {
    let doc = assessment::bulletin(store, site, period, None).await.map_err(line)?;
    let dir = std::env::current_dir().map_err(|e| t!("scores-no-directory", error = crate::i18n::os_error(&e)))?;
    let path: PathBuf = dir.join(file);
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| t!("scores-cannot-write", file = shown.clone(), error = crate::i18n::os_error(&e));
    let bytes = document::render(&doc, document::Format::of(&path)).map_err(cannot)?;
    document::write_whole(&path, bytes).await.map_err(cannot)?;
    Ok(shown)
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Ranking(r) => r.is_err(),
            Loaded::Explained(r) => r.is_err(),
            Loaded::Bulletin(r) => r.is_err(),
            Loaded::Item(r) => r.is_err(),
            Loaded::Added(_, r) => r.is_err(),
            Loaded::Reversed(_, r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Ranking(r) => each(r, |s| clean_line(&mut s.unit)),
            Loaded::Explained(r) => clean_result(r, |e| {
                if let Some(row) = &mut e.row {
                    clean_line(&mut row.unit);
                }
                for i in &mut e.items {
                    clean_line(&mut i.title);
                    for (path, _) in &mut i.placements {
                        clean_line(path);
                    }
                }
                for i in &mut e.incidents {
                    clean_line(&mut i.unit);
                    clean_option(&mut i.item_title);
                    clean_block(&mut i.note);
                    clean_line(&mut i.recorded_by);
                }
                for s in &mut e.signals {
                    clean_line(&mut s.text);
                }
                for o in &mut e.overdue {
                    clean_line(&mut o.column.path);
                    clean_line(&mut o.column.deadline);
                    clean_line(&mut o.column.departments);
                    clean_all(&mut o.column.units);
                    clean_block(&mut o.column.note);
                }
            }),
            Loaded::Bulletin(r) => clean_result(r, clean_line),
            Loaded::Item(r) => clean_result(r, |found| clean_item(found)),
            Loaded::Added(_, r) => clean_result(r, |_| {}),
            Loaded::Reversed(_, r) => clean_result(r, |_| {}),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        let e = "the database said no".to_string();
        let incident = || IncidentInput {
            unit: "发改局".into(),
            kind: IncidentKind::Typo,
            item: None,
            occurred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            note: String::new(),
        };
        vec![
            ("Ranking", Loaded::Ranking(Err(e.clone()))),
            ("Explained", Loaded::Explained(Err(e.clone()))),
            ("Bulletin", Loaded::Bulletin(Err(e.clone()))),
            ("Item", Loaded::Item(Err(e.clone()))),
            ("Added", Loaded::Added(incident(), Err(e.clone()))),
            ("Reversed", Loaded::Reversed(3, Err(e))),
        ]
    }
}

impl ScoresView {
    pub fn new(period: Period) -> ScoresView {
        ScoresView {
            period,
            units: Paged::default(),
            unit: None,
            bulletin: None,
            incident: None,
            writing: None,
            from_quarter: None,
            overwrite_asked: false,
            order: Order::Rank,
        }
    }

    /// Puts the units in the order chosen (units that sort alike keep their rank's order).
    fn order(&mut self, height: usize) {
        match self.order {
            Order::Rank => self.units.sort_by_key(height, |r| (r.rank, r.unit.clone())),
            Order::Change => self.units.sort_by_key(height, |r| (r.change(), r.rank)),
            Order::Deducted => self.units.sort_by_key(height, |r| (r.deductions, -r.incidents, r.rank)),
        }
    }

    /// The item opened from the explanation.
    pub fn opened_item(&self) -> Option<&ItemView> {
        self.unit.as_ref()?.item.as_ref()
    }

    /// The period shown: the explained unit's, else the ranking's.
    pub fn viewing(&self) -> Period {
        self.unit.as_ref().map_or(self.period, |u| u.period)
    }

    fn load_ranking(&mut self, ask: &mut Ask) {
        let id = ask.request(Load::Ranking { period: self.period });
        self.units.asked(id, None);
    }

    fn load_explanation(&mut self, ask: &mut Ask) {
        let Some(u) = &mut self.unit else { return };
        u.waiting = Some(ask.request(Load::Explain { unit: u.unit.clone(), period: u.period }));
    }

    /// Loads the item opened from the explanation again (after a change to it).
    fn reload_item(&mut self, ask: &mut Ask) {
        if let Some(item) = self.unit.as_mut().and_then(|u| u.item.as_mut()) {
            item.waiting = Some(ask.request(Load::Item { id: item.id }));
        }
    }

    /// Shows the scores of `period`, and the unit explained in it too.
    pub fn show_period(&mut self, period: Period, ask: &mut Ask) {
        self.period = period;
        self.load_ranking(ask);
        if let Some(u) = &mut self.unit {
            if u.period != period {
                *u = UnitView::new(std::mem::take(&mut u.unit), period);
            }
            self.load_explanation(ask);
        }
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Ranking(result) => {
                let failed = result.as_ref().err().filter(|_| self.units.waiting == Some(id)).cloned();
                if self.units.accept_whole(id, result, cx.height) && self.order != Order::Rank {
                    self.order(cx.height);
                }
                if let Some(e) = failed {
                    ask.warn(t!("scores-load-failed", error = e));
                }
            }
            Loaded::Explained(result) => {
                let Some(u) = self.unit.as_mut().filter(|u| u.waiting == Some(id)) else { return };
                u.waiting = None;
                match result {
                    Ok(e) => u.explained(*e, cx.height),
                    Err(e) => {
                        u.error = Some(e.clone());
                        ask.warn(t!("scores-explaining-failed", unit = u.unit.clone(), error = e));
                    }
                }
            }
            Loaded::Bulletin(result) => {
                if self.bulletin != Some(id) {
                    return;
                }
                self.bulletin = None;
                match result {
                    Ok(path) => ask.tell(t!("scores-wrote", file = path)),
                    Err(e) => ask.warn(t!("scores-no-bulletin", error = e)),
                }
            }
            Loaded::Item(result) => {
                ItemView::arrived(self.unit.as_mut().and_then(|u| u.item.as_mut()), id, result, ask)
            }
            Loaded::Added(input, result) => self.added(id, input, result, ask),
            Loaded::Reversed(original, result) => self.reversed(id, original, result, ask),
        }
    }

    /// Enter on the ranking: explain the selected unit's score.
    fn explain(&mut self, ask: &mut Ask) {
        let Some(unit) = self.units.selected().map(|r| r.unit.clone()) else { return };
        self.unit = Some(UnitView::new(unit, self.period));
        self.load_explanation(ask);
    }

    /// Enter in an explanation: open the selected item (or the item an incident is about).
    fn open_explained(&mut self, ask: &mut Ask) {
        let Some(u) = &mut self.unit else { return };
        let Some(e) = &u.explanation else { return };
        let id = match u.selected() {
            Some(Part::Item(i)) => e.items[i].id,
            Some(Part::Incident(i)) => match e.incidents[i].item {
                Some(id) => id,
                None => {
                    ask.warn(t!("scores-incident-no-item", id = e.incidents[i].id));
                    return;
                }
            },
            _ => return,
        };
        let req = ask.request(Load::Item { id });
        u.item = Some(ItemView::loading(id, req));
    }

    /// `i`: the form for an incident against the selected (or explained) unit, about the item
    /// selected in the explanation if one is.
    fn open_incident_form(&mut self, cx: &Cx, ask: &mut Ask) {
        let (unit, chosen) = match &self.unit {
            Some(u) => {
                let chosen = match (u.selected(), &u.explanation, &u.item) {
                    (_, _, Some(view)) => Some((
                        view.id.to_string(),
                        view.item.as_ref().map_or_else(String::new, |(i, _)| i.fields.title.clone()),
                    )),
                    (Some(Part::Item(i)), Some(e), None) => Some((e.items[i].id.to_string(), e.items[i].title.clone())),
                    _ => None,
                };
                (u.unit.clone(), chosen)
            }
            None => match self.units.selected() {
                Some(r) => (r.unit.clone(), None),
                None => {
                    ask.warn(t!("scores-no-unit-selected"));
                    return;
                }
            },
        };
        let mut item = single_line(chosen.as_ref().map_or("", |(id, _)| id));
        item.set_placeholder_text(t!("incident-item-placeholder"));
        let mut date = single_line(&crate::domain::time::beijing_date(cx.now).to_string());
        date.set_placeholder_text(t!("incident-date-placeholder"));
        let mut note = single_line("");
        note.set_placeholder_text(t!("incident-note-placeholder"));
        let mut form = IncidentForm { unit, kind: IncidentKind::Typo, field: Field::Kind, item, chosen, date, note };
        form.focus(Field::Kind);
        self.open_form(form);
    }

    /// `r` in an explanation: correct the selected incident, after a question that asks why.
    fn ask_reversal(&mut self, ask: &mut Ask) {
        let Some(u) = &self.unit else { return };
        let (Some(Part::Incident(i)), Some(e)) = (u.selected(), &u.explanation) else {
            ask.warn(t!("scores-select-incident"));
            return;
        };
        let incident = e.incidents[i].clone();
        if let Some(original) = incident.reverses {
            ask.warn(t!("scores-is-correction", id = incident.id, original = original));
            return;
        }
        if let Some(by) = incident.reversed_by {
            ask.warn(t!("scores-corrected-already", id = incident.id, by = by));
            return;
        }
        let mut note = single_line("");
        note.set_placeholder_text(t!("incident-correction-placeholder"));
        self.open_reversal(ReverseForm { incident, note });
    }

    /// `b`: the period's bulletin to `bulletin-<period>.md` in the current directory; over a file
    /// already there only when `b` is pressed again (`asked`).
    fn write_bulletin(&mut self, asked: bool, cx: &Cx, ask: &mut Ask) {
        if self.bulletin.is_some() {
            ask.warn(t!("scores-bulletin-busy"));
            return;
        }
        let period = self.viewing();
        let file = format!("bulletin-{period}.md");
        if !asked && std::path::Path::new(&file).exists() {
            let key = cx.keymap.key_for(self.layer(), Action::WriteBulletin).map_or_else(String::new, |k| k.to_string());
            ask.warn(t!("periods-bulletin-exists", file = file, key = key));
            self.overwrite_asked = true;
            return;
        }
        self.bulletin = Some(ask.request(Load::Bulletin { period, file }));
        ask.tell(t!("scores-writing-bulletin", period = period.to_string()));
    }
}

impl View for ScoresView {
    /// The ranking, a unit explained, or an item opened from it.
    fn layer(&self) -> Layer {
        match &self.unit {
            Some(u) if u.item.is_some() => Layer::Item,
            Some(_) => Layer::Unit,
            None => Layer::Scores,
        }
    }

    fn show(&mut self, _cx: &Cx, ask: &mut Ask) {
        if !self.units.done && self.units.waiting.is_none() {
            self.load_ranking(ask);
        }
    }

    /// Whether something of the tab is loading or being written.
    fn busy(&self) -> bool {
        self.units.waiting.is_some()
            || self.bulletin.is_some()
            || self.writing.is_some()
            || self
                .unit
                .as_ref()
                .is_some_and(|u| u.waiting.is_some() || u.item.as_ref().is_some_and(|i| i.waiting.is_some()))
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        let height = cx.height;
        let overlay = matches!(ask.overlay, Overlay::None);
        // The question of `b` over a file already there holds until another key.
        let asked = std::mem::take(&mut self.overwrite_asked);
        match action {
            Action::PrevPeriod | Action::NextPeriod | Action::QuarterOrYear => {
                let p = self.period;
                let today = crate::domain::time::beijing_date(cx.now);
                let period = match action {
                    Action::PrevPeriod => p.previous(),
                    Action::NextPeriod => p.next(),
                    _ => p.quarter_or_year(self.from_quarter, today),
                };
                // `t` from a quarter comes back to it; any other step forgets it.
                self.from_quarter = (action == Action::QuarterOrYear).then_some(p).filter(|p| matches!(p, Period::Quarter { .. }));
                self.show_period(period, ask);
                return true;
            }
            Action::RecordIncident => {
                self.open_incident_form(cx, ask);
                return true;
            }
            Action::WriteBulletin => {
                self.write_bulletin(asked, cx, ask);
                return true;
            }
            _ => {}
        }
        let Some(unit) = &mut self.unit else {
            match action {
                Action::Open => self.explain(ask),
                Action::ScoresSort => {
                    self.order = match self.order {
                        Order::Rank => Order::Change,
                        Order::Change => Order::Deducted,
                        Order::Deducted => Order::Rank,
                    };
                    self.order(height);
                    // The heading says who leads: the list shows them, from its top.
                    self.units.cursor = Cursor::default();
                }
                _ => return false,
            }
            return true;
        };
        if unit.item.is_some() {
            return crate::ui::views::item::on_action(&mut unit.item, action, height, ask);
        }
        match action {
            Action::Back if overlay => self.unit = None,
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                unit.step(action, height)
            }
            Action::Open => self.open_explained(ask),
            Action::ReverseIncident => self.ask_reversal(ask),
            Action::Filter => ask.warn(t!("scores-filter-ranking", back = cx.keymap.key_name(Layer::Global, Action::Back))),
            _ => return false,
        }
        true
    }

    /// F5: the ranking, the explanation and the item opened, again.
    fn refresh(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.load_ranking(ask);
        self.load_explanation(ask);
        self.reload_item(ask);
    }

    /// A withdrawal: everything shown again, if the ranking has been shown.
    fn reload(&mut self, cx: &Cx, ask: &mut Ask) {
        if self.units.loaded() {
            self.refresh(cx, ask);
        }
    }

    /// A colleague's change: the ranking again, if it has been shown.
    fn changed(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.units.loaded() {
            self.load_ranking(ask);
        }
    }

    fn motion(&mut self, action: Action, cx: &Cx, _ask: &mut Ask) {
        let len = self.units.shown.len();
        self.units.cursor.step(step(action, len, cx.height), len, cx.height);
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.units.filter)
    }

    fn set_filter(&mut self, text: String, cx: &Cx, _ask: &mut Ask) {
        let height = cx.height;
        self.units.set_filter(text, height);
    }

    /// The item opened, the selected line of an explanation, or the selected unit.
    fn copy(&self, id: bool) -> Option<String> {
        let Some(u) = &self.unit else { return self.units.selected().map(|r| r.unit.clone()) };
        if let Some(view) = &u.item {
            return if id { Some(view.id.to_string()) } else { view.item.as_ref().map(|(i, _)| i.fields.title.clone()) };
        }
        let e = u.explanation.as_ref()?;
        let pick = |id_text: String, text: &String| if id { id_text } else { text.clone() };
        Some(match u.selected() {
            Some(Part::Item(i)) => pick(e.items[i].id.to_string(), &e.items[i].title),
            Some(Part::Incident(i)) => pick(e.incidents[i].id.to_string(), &e.incidents[i].note),
            Some(Part::Signal(i)) => e.signals[i].text.clone(),
            Some(Part::Overdue(i)) => pick(e.overdue[i].column.id.to_string(), &e.overdue[i].column.path),
            _ => u.unit.clone(),
        })
    }

    fn item(&self) -> Option<&ItemView> {
        self.opened_item()
    }

    fn cursor(&mut self) -> Option<(&mut Cursor, usize)> {
        if self.unit.is_some() {
            return None;
        }
        let len = self.units.shown.len();
        Some((&mut self.units.cursor, len))
    }

    /// Keeps the selection in sight after a resize, the explanation's too.
    fn fit(&mut self, height: usize) {
        self.units.cursor.show(self.units.shown.len(), height);
        if let Some(u) = &mut self.unit {
            u.show(height);
        }
    }

    fn asking(&self) -> bool {
        self.incident.is_some()
    }

    fn typed(&mut self, event: crossterm::event::KeyEvent, cx: &Cx, ask: &mut Ask) {
        self.incident_key(event, cx, ask);
    }

    fn question_layer(&self) -> Option<Layer> {
        self.incident.is_some().then_some(Layer::Incident)
    }

    fn draw_question(&self, d: &mut crate::ui::widgets::Draw, _areas: &crate::ui::layout::Areas) {
        match &self.incident {
            Some(IncidentQuestion::Record(form)) => d.incident_form(form, self.writing.is_some()),
            Some(IncidentQuestion::Reverse(form)) => d.reverse_form(form, self.writing.is_some()),
            None => {}
        }
    }

    fn typed_write(
        &self,
        event: crossterm::event::KeyEvent,
        keymap: &crate::ui::keymap::Keymap,
    ) -> Option<crate::domain::review::Act> {
        self.incident_write(event, keymap)
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}
