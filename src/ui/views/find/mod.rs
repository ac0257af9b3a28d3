//! The Find tab (`:find TEXT`, issue 21): the site's items whose title or body holds a text, any
//! status, newest first, with their columns, read a page at a time from the database (the same
//! use case as `portal-admin search`); Enter opens one, from which `w` withdraws it.

use super::{Ask, Cx, View};
use crate::domain::search::Needle;
use crate::store::{ExportedItem, FoundItem, FoundKey, HistoryEntry, Seek, Site, Store, StoreError, Total};
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{List, PAGE, Paged, Row};
use crate::ui::sanitise::{clean_item, clean_line, clean_option, clean_result, each};
use crate::ui::text::SearchKey;
use crate::ui::views::item::ItemView;
use crate::usecase;

mod draw;

/// The text looked for, the items found so far, and an item opened from them.
#[derive(Debug, Default)]
pub struct FindView {
    pub text: Option<String>,
    pub list: Paged<FoundItem>,
    pub item: Option<ItemView>,
}

/// The tab's queries.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// A page of the items holding the text, newest first, from `seek`; with a filter (`/`, as
    /// typed), those it keeps as well, found in the database.
    Page { text: String, filter: Option<String>, seek: Seek<FoundKey> },
    /// How many items hold the text (and the filter's).
    Total { text: String, filter: Option<String> },
    /// The item opened from the list.
    Item { id: i64 },
}

/// What they brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Page(Result<Vec<FoundItem>, String>),
    Total(Result<Total, String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Page { .. } | Load::Total { .. } | Load::Item { .. } => false,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Page { text, filter, seek } => Loaded::Page(
                usecase::search::found(store, site, &text, filter.as_deref(), seek, PAGE).await.map_err(line),
            ),
            Load::Total { text, filter } => Loaded::Total(
                usecase::search::found_total(store, site, &text, filter.as_deref()).await.map_err(line),
            ),
            Load::Item { id } => Loaded::Item(usecase::queue::item(store, site, id).await.map(Box::new).map_err(line)),
        }
    }
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Page(r) => r.is_err(),
            Loaded::Total(r) => r.is_err(),
            Loaded::Item(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Page(r) => each(r, |i| {
                clean_line(&mut i.title);
                clean_option(&mut i.reference);
                clean_option(&mut i.unit);
                for (_, path, _) in &mut i.columns {
                    clean_line(path);
                }
            }),
            Loaded::Total(_) => {}
            Loaded::Item(r) => clean_result(r, |found| clean_item(found)),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        let e = "the database said no".to_string();
        vec![("Page", Loaded::Page(Err(e.clone()))), ("Total", Loaded::Total(Err(e.clone()))), ("Item", Loaded::Item(Err(e)))]
    }
}

impl Row for FoundItem {
    type Key = FoundKey;

    fn key(&self) -> FoundKey {
        FoundItem::key(self)
    }

    fn search(&self) -> SearchKey {
        let columns: Vec<&str> = self.columns.iter().map(|(_, path, _)| path.as_str()).collect();
        SearchKey::new(&[
            &self.id.to_string(),
            &self.title,
            self.unit.as_deref().unwrap_or_default(),
            self.status.as_str(),
            &columns.join(" "),
        ])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.id.to_string() } else { self.title.clone() })
    }
}

impl FindView {
    /// `:find TEXT`: looks for it (two characters or more, else says why and keeps what was found).
    pub fn find(&mut self, text: &str, cx: &Cx, ask: &mut Ask) {
        if let Err(said) = Needle::new(text) {
            ask.warn(said);
            return;
        }
        self.text = Some(text.to_string());
        self.item = None;
        self.list = Paged::default();
        self.load(Seek::First, ask);
        self.list.cursor.show(0, cx.height);
    }

    /// Asks for the page from `seek`: the first with the filter typed (and its count), the others
    /// with the filter the rows were read with.
    fn load(&mut self, seek: Seek<FoundKey>, ask: &mut Ask) {
        let Some(text) = self.text.clone() else { return };
        let filter = self.list.filter_for(&seek);
        if self.list.counts(&seek) {
            let req = ask.request(Load::Total { text: text.clone(), filter: filter.clone() });
            self.list.count_asked(req, filter.clone());
        }
        let req = ask.request(Load::Page { text, filter: filter.clone(), seek });
        self.list.filtered(req, seek, filter);
    }

    fn reload_item(&mut self, ask: &mut Ask) {
        if let Some(item) = &mut self.item {
            item.waiting = Some(ask.request(Load::Item { id: item.id }));
        }
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Page(result) => {
                let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
                if self.list.accept(id, result, cx.height)
                    && let Some(after) = self.list.wants_more(cx.height)
                {
                    self.load(after, ask);
                }
                if let Some(e) = failed {
                    ask.warn(crate::t!("find-load-failed", error = e));
                }
            }
            Loaded::Total(result) => {
                self.list.accept_total(id, result);
            }
            Loaded::Item(result) => ItemView::arrived(self.item.as_mut(), id, result, ask),
        }
    }
}

impl View for FindView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn List> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        if self.item.is_some() { Layer::Item } else { Layer::Find }
    }

    fn busy(&self) -> bool {
        self.list.waiting.is_some() || self.item.as_ref().is_some_and(|i| i.waiting.is_some())
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        if self.item.is_some() {
            return crate::ui::views::item::on_action(&mut self.item, action, cx.height, ask);
        }
        match action {
            Action::Open => {
                let Some(id) = self.list.selected().map(|i| i.id) else { return false };
                let req = ask.request(Load::Item { id });
                self.item = Some(ItemView::loading(id, req));
                true
            }
            _ => false,
        }
    }

    fn refresh(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.load(self.list.again(), ask);
        self.reload_item(ask);
    }

    /// A withdrawn item is still found, as withdrawn: the item opened, then the list.
    fn reload(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.reload_item(ask);
        if self.list.loaded() {
            self.load(self.list.again(), ask);
        }
    }

    fn read_list(&mut self, ask: &mut Ask) {
        self.load(self.list.again(), ask);
    }

    /// Filtered in the database: the first page again with the filter.
    fn refiltered(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.list.loaded() && self.list.refilter() {
            self.load(Seek::First, ask);
        }
    }

    fn more(&mut self, cx: &Cx, ask: &mut Ask) {
        if let Some(after) = self.list.wants_more(cx.height) {
            self.load(after, ask);
        }
    }

    fn item(&self) -> Option<&ItemView> {
        self.item.as_ref()
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}
