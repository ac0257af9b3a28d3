//! The Inspect tab: the national check's single-veto indicators (`portal-admin inspect`) as of
//! the console's day, each with its count, its thresholds and a pass/warn/fail badge; Enter lists
//! the columns or inquiries behind an indicator's count, and Enter on one of those opens it: a
//! column in the Columns tab (`Event::OpenColumn`), an item (a broken link's) here. It loads when
//! first opened and again on F5, on `:at`, on a colleague's change and after a withdrawal (a
//! withdrawal can empty a column).

use chrono::NaiveDate;

use super::item::ItemView;
use super::{Ask, Cx, Event, View, step};
use crate::domain::inspection::{Detail, Indicator, Level, Note, Opens};
use crate::store::{ExportedItem, HistoryEntry, Site, Store, StoreError};
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::Cursor;
use crate::ui::sanitise::{clean_item, clean_line, clean_result, each};
use crate::usecase;

mod draw;

/// The indicators, as of the day they were evaluated for.
#[derive(Debug, Default)]
pub struct InspectView {
    /// The indicators last loaded, and the day they are as of.
    pub indicators: Option<(NaiveDate, Vec<Indicator>)>,
    pub cursor: Cursor,
    pub waiting: Option<u64>,
    /// Why the indicators could not be evaluated (a custom column table without its own rules).
    pub error: Option<String>,
    /// The indicator whose detail is open, with the detail's cursor.
    pub detail: Option<(usize, Cursor)>,
    /// An item opened from the detail (a broken link's).
    pub item: Option<ItemView>,
}

/// The tab's query.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// The national check's single-veto indicators as of a day, by the rules in effect.
    Indicators { at: NaiveDate },
    /// An item opened from an indicator's detail.
    Item { id: i64 },
}

/// What it brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Indicators(Result<Vec<Indicator>, String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Indicators { .. } | Load::Item { .. } => false,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            // The rules in effect (the user's inspection.toml or the built-in ones), then the
            // indicators; rules that do not fit the site's column table are refused, with why.
            Load::Indicators { at } => {
                Loaded::Indicators(usecase::findings::inspection(store, site, at).await.map_err(line))
            }
            Load::Item { id } => Loaded::Item(usecase::queue::item(store, site, id).await.map(Box::new).map_err(line)),
        }
    }
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Indicators(r) => r.is_err(),
            Loaded::Item(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            // The columns' paths and the inquiries' subjects behind each count.
            Loaded::Indicators(r) => each(r, |i| {
                for d in &mut i.detail {
                    clean_line(&mut d.what);
                    if let Note::NotOpened { when, why, .. } = &mut d.note {
                        clean_line(when);
                        why.iter_mut().for_each(clean_line);
                    }
                }
            }),
            Loaded::Item(r) => clean_result(r, |found| clean_item(found)),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        vec![
            ("Indicators", Loaded::Indicators(Err("the database said no".into()))),
            ("Item", Loaded::Item(Err("the database said no".into()))),
        ]
    }
}

impl InspectView {
    /// Whether it has been loaded (or is loading), so that it loads again after a change.
    pub fn shown(&self) -> bool {
        self.indicators.is_some() || self.waiting.is_some() || self.error.is_some()
    }

    pub fn indicators(&self) -> &[Indicator] {
        self.indicators.as_ref().map_or(&[], |(_, list)| list)
    }

    pub fn selected(&self) -> Option<&Indicator> {
        self.indicators().get(self.cursor.selected)
    }

    /// The indicator whose detail is open.
    pub fn opened(&self) -> Option<(&Indicator, Cursor)> {
        let (i, cursor) = self.detail?;
        Some((self.indicators().get(i)?, cursor))
    }

    /// The line selected in the open detail.
    fn selected_detail(&self) -> Option<&Detail> {
        let (i, cursor) = self.opened()?;
        i.detail.get(cursor.selected)
    }

    /// How many indicators fail and how many warn.
    pub fn counts(&self) -> (usize, usize) {
        let n = |level| self.indicators().iter().filter(|i| i.level == level).count();
        (n(Level::Fail), n(Level::Warn))
    }

    fn load(&mut self, cx: &Cx, ask: &mut Ask) {
        self.waiting = Some(ask.request(Load::Indicators { at: cx.at }));
    }

    /// The indicators came back: the selection and an open detail stay on their indicator.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        let result = match loaded {
            Loaded::Indicators(result) => result,
            Loaded::Item(result) => return ItemView::arrived(self.item.as_mut(), id, result, ask),
        };
        if self.waiting != Some(id) {
            return;
        }
        self.waiting = None;
        match result {
            Ok(list) => {
                self.indicators = Some((cx.at, list));
                self.error = None;
                self.fit(cx.height);
            }
            Err(e) => {
                self.indicators = None;
                self.detail = None;
                self.error = Some(e.clone());
                ask.warn(crate::t!("inspect-load-failed", error = e));
            }
        }
    }
}

impl View for InspectView {
    fn layer(&self) -> Layer {
        if self.item.is_some() { Layer::Item } else { Layer::Inspection }
    }

    fn opens(&self) -> bool {
        // An indicator opens its detail; a line of the detail, the column or item it names, if
        // any line does.
        self.opened().is_none_or(|(i, _)| i.detail.iter().any(|line| line.opens.is_some()))
    }

    fn goes_back(&self) -> bool {
        // The indicators are the top: back leads from an indicator's detail or an opened item.
        self.detail.is_some() || self.item.is_some()
    }

    fn show(&mut self, cx: &Cx, ask: &mut Ask) {
        if !self.shown() {
            self.load(cx, ask);
        }
    }

    fn busy(&self) -> bool {
        self.waiting.is_some() || self.item.as_ref().is_some_and(|i| i.waiting.is_some())
    }

    fn refresh(&mut self, cx: &Cx, ask: &mut Ask) {
        self.load(cx, ask);
    }

    fn reload(&mut self, cx: &Cx, ask: &mut Ask) {
        if self.shown() {
            self.load(cx, ask);
        }
        if let Some(item) = &mut self.item {
            item.waiting = Some(ask.request(Load::Item { id: item.id }));
        }
    }

    /// A colleague's change (or the connection back): the indicators, once they have been shown.
    fn changed(&mut self, cx: &Cx, ask: &mut Ask) {
        self.reload(cx, ask);
    }

    /// Enter: the selected indicator's detail; in the detail, what the selected line is about (a
    /// column in the Columns tab, an item here), or why it opens nothing.
    fn open(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.item.is_some() {
            return;
        }
        if self.detail.is_none() {
            if self.selected().is_some() {
                self.detail = Some((self.cursor.selected, Cursor::default()));
            }
            return;
        }
        match self.selected_detail().map(|d| d.opens) {
            Some(Some(Opens::Column(id))) => ask.post(Event::OpenColumn(id)),
            Some(Some(Opens::Item(id))) => self.item = Some(ItemView::loading(id, ask.request(Load::Item { id }))),
            Some(None) => ask.tell(crate::t!("inspect-detail-opens-nothing")),
            None => {}
        }
    }

    fn back(&mut self, _cx: &Cx, _ask: &mut Ask) -> bool {
        self.item.take().is_some() || self.detail.take().is_some()
    }

    fn item(&self) -> Option<&ItemView> {
        self.item.as_ref()
    }

    /// `z`: the form of an order about the selected indicator.
    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        if self.item.is_some() {
            return super::item::on_action(&mut self.item, action, cx.height, ask);
        }
        if action != Action::IssueOrder {
            return false;
        }
        match self.opened().map(|(i, _)| i).or_else(|| self.selected()) {
            Some(indicator) => ask.post(Event::Rectify(Box::new(super::orders::Draft::indicator(indicator)))),
            None => ask.warn(crate::t!("orders-nothing-to-order")),
        }
        true
    }

    /// Moves in the list, or in the open detail.
    fn motion(&mut self, action: Action, cx: &Cx, _ask: &mut Ask) {
        let height = cx.height;
        if let Some(item) = &mut self.item {
            return super::item::scroll(item, super::item::page_delta(action, height).unwrap_or(0));
        }
        match self.detail {
            Some((i, mut cursor)) => {
                let len = self.indicators().get(i).map_or(0, |x| x.detail.len());
                cursor.step(step(action, len, height), len, height);
                self.detail = Some((i, cursor));
            }
            None => {
                let len = self.indicators().len();
                self.cursor.step(step(action, len, height), len, height);
            }
        }
    }

    /// The text `y` copies: the item opened's, the selected detail line, or the indicator's name.
    fn copy(&self, id: bool) -> Option<String> {
        if let Some(item) = &self.item {
            return item.copy(id);
        }
        match self.opened() {
            Some((i, cursor)) => i.detail.get(cursor.selected).map(crate::ui::words::detail),
            None => self.selected().map(|i| if id { i.key.to_string() } else { crate::ui::words::indicator(i.key) }),
        }
    }

    fn cursor(&mut self) -> Option<(&mut Cursor, usize)> {
        if self.detail.is_some() || self.item.is_some() {
            return None;
        }
        let len = self.indicators().len();
        Some((&mut self.cursor, len))
    }

    fn fit(&mut self, height: usize) {
        let len = self.indicators().len();
        self.cursor.show(len, height);
        if let Some((i, mut cursor)) = self.detail {
            let len = self.indicators().get(i).map_or(0, |x| x.detail.len());
            cursor.show(len, height);
            self.detail = Some((i, cursor));
        }
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        match &self.item {
            Some(item) => d.item(areas, item),
            None => draw::draw(self, d, areas),
        }
    }
}
