//! The Findings tab: the content checks' findings on online items as stored when each item was
//! written (`portal-admin check --all` finds them again when the lists change), read from the
//! database a page at a time as every long list is (`views::pages`: "n of N", `End` the real end,
//! `/` filtering in the database), newest first, or by kind or unit (`s`), one kind only (`f`):
//! each finding's item, kind, text, message and suggestion, blocking ones marked, waived ones said;
//! a note when the lists in use are not those that found them. Enter opens the item, from which
//! `w` withdraws it; `W` waives the selected finding after asking why, and `i` opens the incident
//! form filled in from it (both shared with the review screen: the waiver is this view's question,
//! `waive.rs`; the incident form the Scores view's).

use super::pages::{Pager, Source};
use super::{Ask, Cx, Event, View};
use crate::domain::checks::FindingKind;
use crate::reports::checks::Stored;
use crate::store::{
    ExportedItem, FindingCount, FindingKey, FindingOrder, HistoryEntry, LinkRow, ListedFinding, Seek, Site, Store,
    StoreError,
};
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{List, PAGE, Paged, Row};
use crate::ui::sanitise::{clean_all, clean_item, clean_line, clean_option, clean_result, each};
use crate::ui::text::SearchKey;
use crate::ui::views::item::ItemView;
use crate::ui::words;
use crate::usecase;
use crate::usecase::findings::Listing;

mod draw;
mod links;
mod waive;

pub use links::BrokenLinks;
pub use waive::WaiveForm;

/// One finding on an online item, as the store lists it (the item's body is not kept: the item
/// screen loads it).
pub type FindingRow = ListedFinding;

/// The waiver that covers a finding as the tab says it (`who: why`), if one does.
pub fn waived(row: &FindingRow) -> Option<String> {
    row.waiver.as_ref().map(|(by, why)| usecase::findings::waiver_said(by, why))
}

impl Row for ListedFinding {
    type Key = FindingKey;

    fn key(&self) -> FindingKey {
        ListedFinding::key(self)
    }

    fn search(&self) -> SearchKey {
        let f = &self.finding;
        SearchKey::new(&[
            &self.item.to_string(),
            &self.title,
            self.unit.as_deref().unwrap_or_default(),
            f.kind.as_str(),
            &words::finding(f.kind),
            &f.text,
            &f.message.words(),
        ])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.item.to_string() } else { self.title.clone() })
    }
}

/// Where its pages come from: the stored findings of one kind or every kind, in an order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Findings {
    /// Only findings of this kind (`f`: the next kind, after the last all of them).
    pub kind: Option<FindingKind>,
    /// The order (`s` goes to the next).
    pub order: FindingOrder,
}

impl Findings {
    /// What the use case lists, with the database's filter as typed: the kinds whose names (in
    /// the interface's words, or their pinyin initials) hold it go with it.
    fn listing(&self, filter: Option<String>) -> Listing {
        let filter = filter.map(|typed| {
            let named = FindingKind::ALL
                .into_iter()
                .filter(|k| SearchKey::new(&[&words::finding(*k)]).matches(&typed))
                .collect();
            (typed, named)
        });
        Listing { kind: self.kind, order: self.order, filter }
    }
}

impl Source for Findings {
    type Key = FindingKey;

    fn page(&self, seek: Seek<FindingKey>, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Page { listing: self.listing(filter), seek }.into())
    }

    fn total(&self, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Total { listing: self.listing(filter) }.into())
    }

    fn failed(&self, error: String) -> String {
        crate::t!("findings-check-failed", error = error)
    }
}

/// The findings, and an item opened from them.
#[derive(Debug, Default)]
pub struct FindingsView {
    pub list: Paged<FindingRow, Findings>,
    /// How many of the findings listed block with no waiver, counted with the list.
    pub blocking: Option<i64>,
    /// The lists in use are not those that found the stored findings (`check --all` finds them
    /// again).
    pub stale: bool,
    pub item: Option<ItemView>,
    /// The link checks' broken links, shown instead of the findings (`L`).
    pub links: BrokenLinks,
    /// The reason a finding is waived, being typed (from this tab or the review screen).
    pub waive: Option<WaiveForm>,
    /// A waiver being written, and what it waives.
    pub waiving: Option<(u64, String)>,
}

/// The tab's queries.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// A page of the stored findings on online items that `listing` keeps, in its order, from
    /// `seek`.
    Page { listing: Listing, seek: Seek<FindingKey> },
    /// How many findings the list has, and how many of them block.
    Total { listing: Listing },
    /// The item opened from a finding.
    Item { id: i64 },
    /// The broken links of online items, as the link checks last found them.
    BrokenLinks,
    /// Waiving a finding on an item (its kind and the text found), with a reason.
    Waive { item: i64, kind: String, text: String, reason: String },
}

/// What they brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A page, and whether the lists in use found the findings.
    Page(Result<(Vec<FindingRow>, Stored), String>),
    Total(Result<FindingCount, String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
    BrokenLinks(Result<Vec<LinkRow>, String>),
    /// What waiving a finding on an item did.
    Waived(i64, Result<(), String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Page { .. } | Load::Total { .. } | Load::Item { .. } | Load::BrokenLinks => false,
            Load::Waive { .. } => true,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            // As stored: nothing is checked again.
            Load::Page { listing, seek } => Loaded::Page(
                usecase::findings::page(store, site, &listing, seek, PAGE)
                    .await
                    .map_err(line),
            ),
            Load::Total { listing } => {
                Loaded::Total(usecase::findings::total(store, site, &listing).await.map_err(line))
            }
            Load::Item { id } => Loaded::Item(usecase::queue::item(store, site, id).await.map(Box::new).map_err(line)),
            Load::BrokenLinks => Loaded::BrokenLinks(usecase::links::broken(store, site).await.map_err(line)),
            Load::Waive { item, kind, text, reason } => Loaded::Waived(
                item,
                usecase::findings::waive(store, site, item, &kind, &text, &reason).await.map(|_| ()).map_err(line),
            ),
        }
    }
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Page(r) => r.is_err(),
            Loaded::Total(r) => r.is_err(),
            Loaded::Item(r) => r.is_err(),
            Loaded::BrokenLinks(r) => r.is_err(),
            Loaded::Waived(_, r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Page(Ok((rows, _))) => rows.iter_mut().for_each(|f| {
                clean_line(&mut f.title);
                clean_option(&mut f.unit);
                clean_line(&mut f.finding.text);
                f.finding.message.texts_mut().into_iter().for_each(clean_line);
                clean_line(&mut f.finding.suggestion);
                if let Some((by, why)) = &mut f.waiver {
                    clean_line(by);
                    clean_line(why);
                }
            }),
            Loaded::Page(Err(_)) | Loaded::Total(_) => {}
            Loaded::Item(r) => clean_result(r, |found| clean_item(found)),
            // What a server said (the error) is made plain when it is kept; the rest is content.
            Loaded::BrokenLinks(r) => each(r, |l| {
                clean_line(&mut l.title);
                clean_option(&mut l.unit);
                clean_line(&mut l.url);
                clean_option(&mut l.error);
                clean_all(&mut l.columns);
            }),
            Loaded::Waived(_, r) => clean_result(r, |_| {}),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        let e = "the database said no".to_string();
        vec![
            ("Page", Loaded::Page(Err(e.clone()))),
            ("Total", Loaded::Total(Err(e.clone()))),
            ("Item", Loaded::Item(Err(e.clone()))),
            ("BrokenLinks", Loaded::BrokenLinks(Err(e.clone()))),
            ("Waived", Loaded::Waived(7, Err(e))),
        ]
    }
}

impl FindingsView {
    /// Whether it has been loaded (or is loading), so that it loads again after a withdrawal.
    pub fn shown(&self) -> bool {
        self.list.loaded()
    }

    /// The list of another kind or in another order (`f`, `s`): read again from its first page,
    /// the filter kept, shown from its top.
    fn relist(&mut self, source: Findings, ask: &mut Ask) {
        let filter = std::mem::take(&mut self.list.filter);
        self.list = Paged::new(source);
        self.list.filter = filter;
        self.blocking = None;
        self.list.read(Seek::First, ask);
    }

    /// Reads the stored findings again, if the list has been shown (after a waiver): the
    /// selection stays on its row.
    pub fn reload_list(&mut self, ask: &mut Ask) {
        if self.shown() {
            self.list.read_again(ask);
        }
    }

    /// Loads the item opened from the findings again (after a change to it).
    fn reload_item(&mut self, ask: &mut Ask) {
        if let Some(item) = &mut self.item {
            item.waiting = Some(ask.request(Load::Item { id: item.id }));
        }
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Page(result) => {
                if let Ok((_, stored)) = &result
                    && self.list.waiting == Some(id)
                {
                    self.stale = *stored == Stored::Stale;
                }
                self.list.arrived(id, result.map(|(rows, _)| rows), cx.height, ask);
            }
            Loaded::Total(result) => {
                let blocking = result.as_ref().ok().map(|c| c.blocking);
                if self.list.accept_total(id, result.map(|c| c.total)) {
                    self.blocking = blocking.filter(|_| self.list.total.is_some());
                }
            }
            Loaded::Item(result) => ItemView::arrived(self.item.as_mut(), id, result, ask),
            Loaded::BrokenLinks(result) => self.links.arrived(id, result, cx.height, ask),
            // A waiver: the findings shown again, the review screen's and the tab's.
            Loaded::Waived(item, result) => {
                if self.waived(id, item, result, ask) {
                    ask.post(Event::Waived { item });
                    self.reload_list(ask);
                }
            }
        }
    }
}

impl View for FindingsView {
    /// The findings, or the broken links in front of them (`L`).
    fn list(&self) -> Option<&dyn List> {
        Some(if self.links.front { &self.links.list } else { &self.list })
    }

    fn list_mut(&mut self) -> Option<&mut dyn List> {
        Some(if self.links.front { &mut self.links.list } else { &mut self.list })
    }

    /// The findings, read a page at a time (not while the broken links are in front of them).
    fn pages(&mut self) -> Option<&mut dyn Pager> {
        if self.links.front { None } else { Some(&mut self.list) }
    }

    fn layer(&self) -> Layer {
        match (&self.item, self.links.front) {
            (Some(_), _) => Layer::Item,
            (None, true) => Layer::BrokenLinks,
            (None, false) => Layer::Findings,
        }
    }

    fn busy(&self) -> bool {
        self.list.waiting.is_some()
            || self.waiving.is_some()
            || self.links.list.waiting.is_some()
            || self.item.as_ref().is_some_and(|i| i.waiting.is_some())
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        if self.item.is_some() {
            return crate::ui::views::item::on_action(&mut self.item, action, cx.height, ask);
        }
        if action == Action::BrokenLinks {
            self.links.toggle(ask);
            return true;
        }
        if self.links.front {
            let Some(row) = self.links.list.selected() else { return false };
            if action != Action::Open {
                return false;
            }
            let id = row.item;
            let req = ask.request(Load::Item { id });
            self.item = Some(ItemView::loading(id, req));
            return true;
        }
        match action {
            Action::FindingsSort => {
                let order = match self.list.source.order {
                    FindingOrder::Newest => FindingOrder::Kind,
                    FindingOrder::Kind => FindingOrder::Unit,
                    FindingOrder::Unit => FindingOrder::Newest,
                };
                // The heading says the order: the list shows it from its top.
                self.relist(Findings { order, ..self.list.source }, ask);
                return true;
            }
            Action::FindingsKind => {
                let kind = match self.list.source.kind {
                    None => Some(FindingKind::ALL[0]),
                    Some(k) => FindingKind::ALL.iter().skip_while(|a| **a != k).nth(1).copied(),
                };
                self.relist(Findings { kind, ..self.list.source }, ask);
                return true;
            }
            _ => {}
        }
        let Some(row) = self.list.selected().cloned() else { return false };
        match action {
            Action::Open => {
                let id = row.item;
                let req = ask.request(Load::Item { id });
                self.item = Some(ItemView::loading(id, req));
            }
            Action::WaiveFinding => {
                let waived = waived(&row);
                ask.post(Event::Waive { item: row.item, finding: row.finding, waived });
            }
            Action::RecordIncident => {
                ask.post(Event::Incident { unit: row.unit, item: row.item, title: row.title, finding: row.finding })
            }
            Action::IssueOrder => {
                let draft = super::orders::Draft::finding(row.unit, row.item, &row.title, &row.finding);
                ask.post(Event::Rectify(Box::new(draft)));
            }
            _ => return false,
        }
        true
    }

    fn refresh(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.links.front {
            self.links.load(ask);
        } else {
            self.list.read_again(ask);
        }
        self.reload_item(ask);
    }

    /// A withdrawn item is no longer online: the item opened, then the list.
    fn reload(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.reload_item(ask);
        self.reload_list(ask);
        self.links.reload(ask);
    }

    /// A colleague's change (an item written, a waiver): the stored findings read again.
    fn changed(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.reload_list(ask);
    }

    fn item(&self) -> Option<&ItemView> {
        self.item.as_ref()
    }

    /// Both lists, the one in front and the one behind it.
    fn fit(&mut self, height: usize) {
        self.list.cursor.show(self.list.shown.len(), height);
        self.links.list.cursor.show(self.links.list.shown.len(), height);
    }

    fn asking(&self) -> bool {
        self.waive.is_some()
    }

    fn typed(&mut self, event: crossterm::event::KeyEvent, _cx: &Cx, ask: &mut Ask) {
        self.waive_typed(event, ask);
    }

    fn draw_question(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        self.draw_waive(d, areas);
    }

    fn typed_write(
        &self,
        event: crossterm::event::KeyEvent,
        _keymap: &crate::ui::keymap::Keymap,
    ) -> Option<crate::domain::review::Act> {
        self.waive_write(event)
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        if self.item.is_none() && self.links.front {
            links::draw(&self.links, d, areas);
        } else {
            draw::draw(self, d, areas);
        }
    }
}
