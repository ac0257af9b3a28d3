//! The Find tab (`:find TEXT`, issue 21): the site's items whose title or body holds a text, any
//! status, newest first, with their columns, read a page at a time from the database (the same
//! use case as `portal-admin search`); Enter opens one, from which `w` withdraws it.

use super::pages::{Pager, Source};
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
    pub list: Paged<FoundItem, Found>,
    pub item: Option<ItemView>,
}

/// Where its pages come from: the items holding the text looked for (none before `:find`).
#[derive(Debug, Default)]
pub struct Found {
    pub text: Option<String>,
}

impl Source for Found {
    type Key = FoundKey;

    fn page(&self, seek: Seek<FoundKey>, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Page { text: self.text.clone()?, filter, seek }.into())
    }

    fn total(&self, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Total { text: self.text.clone()?, filter }.into())
    }

    fn failed(&self, error: String) -> String {
        crate::t!("find-load-failed", error = error)
    }
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
        self.item = None;
        self.list = Paged::new(Found { text: Some(text.to_string()) });
        self.list.read(Seek::First, ask);
        self.list.cursor.show(0, cx.height);
    }

    fn reload_item(&mut self, ask: &mut Ask) {
        if let Some(item) = &mut self.item {
            item.waiting = Some(ask.request(Load::Item { id: item.id }));
        }
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Page(result) => self.list.arrived(id, result, cx.height, ask),
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

    fn pages(&mut self) -> Option<&mut dyn Pager> {
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
        self.list.read_again(ask);
        self.reload_item(ask);
    }

    /// A withdrawn item is still found, as withdrawn: the item opened, then the list.
    fn reload(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.reload_item(ask);
        if self.list.loaded() {
            self.list.read_again(ask);
        }
    }

    fn item(&self) -> Option<&ItemView> {
        self.item.as_ref()
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}
