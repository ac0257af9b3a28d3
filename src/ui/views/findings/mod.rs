//! The Findings tab: the content checks' findings on online items as stored when each item was
//! written (`portal-admin check --all` finds them again when the lists change), newest first, or
//! by kind or unit (`s`), one kind only (`f`, read so from the database): each finding's item,
//! kind, text, message and suggestion, blocking ones marked, waived ones said; a note when the
//! lists in use are not those that found them. Enter opens the item, from which
//! `w` withdraws it; `W` waives the selected finding after asking why, and `i` opens the incident
//! form filled in from it (both shared with the review screen: the waiver is this view's question,
//! `waive.rs`; the incident form the Scores view's).

use chrono::{DateTime, Utc};

use super::{Ask, Cx, Event, View};
use crate::domain::checks::{Finding, FindingKind};
use crate::reports::checks::{OnlineFindings, Stored};
use crate::store::{ExportedItem, HistoryEntry, LinkRow, Site, Store, StoreError};
use crate::ui::views::item::ItemView;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{Cursor, List, Paged, Row};
use crate::ui::sanitise::{clean_all, clean_item, clean_line, clean_option, clean_result, each};
use crate::ui::text::SearchKey;
use crate::usecase;

mod draw;
mod links;
mod waive;

pub use links::BrokenLinks;
pub use waive::WaiveForm;

/// One finding on an online item (the item's body is not kept: the item screen loads it).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    pub item: i64,
    pub title: String,
    /// The item's unit (none for a repost): who an incident from the finding is against.
    pub unit: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub finding: Finding,
    /// The waiver that covers it (`who: why`), if one does.
    pub waived: Option<String>,
}

/// The rows of the stored findings, newest item first, each item's findings in order.
pub fn finding_rows(found: OnlineFindings) -> Vec<FindingRow> {
    found
        .into_iter()
        .flat_map(|(item, findings)| {
            let (id, title, unit, published_at) = (item.id, item.title, item.unit, item.published_at);
            findings.into_iter().map(move |(finding, waived)| FindingRow {
                item: id,
                title: title.clone(),
                unit: unit.clone(),
                published_at,
                finding,
                waived,
            })
        })
        .collect()
}

impl Row for FindingRow {
    type Key = (i64, String);

    fn key(&self) -> Self::Key {
        (self.item, format!("{} {}", self.finding.kind.as_str(), self.finding.span()))
    }

    fn search(&self) -> SearchKey {
        let f = &self.finding;
        SearchKey::new(&[&self.item.to_string(), &self.title, f.kind.as_str(), &f.text, &f.message.words()])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.item.to_string() } else { self.title.clone() })
    }
}

/// The order of the findings (`s` goes to the next).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Newest item first, each item's findings in order.
    #[default]
    Newest,
    /// By kind, then newest first.
    Kind,
    /// By the item's unit (reposts last), then newest first.
    Unit,
}

/// The findings, and an item opened from them.
#[derive(Debug, Default)]
pub struct FindingsView {
    pub list: Paged<FindingRow>,
    /// Only findings of this kind (`f`: the next kind, after the last all of them).
    pub kind: Option<FindingKind>,
    pub order: Order,
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
    /// The stored findings on online items (of one kind when given), newest first.
    Online { kind: Option<FindingKind> },
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
    Online(Result<(Vec<FindingRow>, Stored), String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
    BrokenLinks(Result<Vec<LinkRow>, String>),
    /// What waiving a finding on an item did.
    Waived(i64, Result<(), String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Online { .. } | Load::Item { .. } | Load::BrokenLinks => false,
            Load::Waive { .. } => true,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            // As stored: nothing is checked again.
            Load::Online { kind } => Loaded::Online(
                usecase::findings::online(store, site, kind)
                    .await
                    .map(|(found, stored)| (finding_rows(found), stored))
                    .map_err(line),
            ),
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
            Loaded::Online(r) => r.is_err(),
            Loaded::Item(r) => r.is_err(),
            Loaded::BrokenLinks(r) => r.is_err(),
            Loaded::Waived(_, r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Online(Ok((rows, _))) => rows.iter_mut().for_each(|f| {
                clean_line(&mut f.title);
                clean_option(&mut f.unit);
                clean_line(&mut f.finding.text);
                f.finding.message.texts_mut().into_iter().for_each(clean_line);
                clean_line(&mut f.finding.suggestion);
                clean_option(&mut f.waived);
            }),
            Loaded::Online(Err(_)) => {}
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
            ("Online", Loaded::Online(Err(e.clone()))),
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

    /// How many items have findings, and how many findings block (no waiver covers them).
    pub fn counts(&self) -> (usize, usize) {
        let mut items: Vec<i64> = self.list.rows.iter().map(|r| r.item).collect();
        items.dedup();
        (items.len(), self.list.rows.iter().filter(|r| r.finding.blocking && r.waived.is_none()).count())
    }

    fn load(&mut self, ask: &mut Ask) {
        let req = ask.request(Load::Online { kind: self.kind });
        self.list.asked(req, None);
    }

    /// Puts the rows in the order chosen.
    fn order(&mut self, height: usize) {
        let newest = |r: &FindingRow| std::cmp::Reverse((r.published_at, r.item));
        match self.order {
            Order::Newest => self.list.sort_by_key(height, |r| (newest(r), r.finding.field, r.finding.start)),
            Order::Kind => self.list.sort_by_key(height, |r| (r.finding.kind, newest(r), r.finding.start)),
            Order::Unit => self.list.sort_by_key(height, |r| (r.unit.is_none(), r.unit.clone(), newest(r))),
        }
    }

    /// Reads the stored findings again, if the list has been shown (after a waiver).
    pub fn reload_list(&mut self, ask: &mut Ask) {
        if self.shown() {
            self.load(ask);
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
            Loaded::Online(result) => {
                let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
                let rows = result.map(|(rows, stored)| {
                    self.stale = stored == Stored::Stale;
                    rows
                });
                if self.list.accept_whole(id, rows, cx.height) && self.order != Order::Newest {
                    self.order(cx.height);
                }
                if let Some(e) = failed {
                    ask.warn(crate::t!("findings-check-failed", error = e));
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

    fn layer(&self) -> Layer {
        match (&self.item, self.links.front) {
            (Some(_), _) => Layer::Item,
            (None, true) => Layer::BrokenLinks,
            (None, false) => Layer::Findings,
        }
    }

    /// When first opened (stored findings: one read).
    fn show(&mut self, _cx: &Cx, ask: &mut Ask) {
        if !self.shown() {
            self.load(ask);
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
                self.order = match self.order {
                    Order::Newest => Order::Kind,
                    Order::Kind => Order::Unit,
                    Order::Unit => Order::Newest,
                };
                self.order(cx.height);
                // The heading says the order: the list shows it from its top.
                self.list.cursor = Cursor::default();
                return true;
            }
            Action::FindingsKind => {
                self.kind = match self.kind {
                    None => Some(FindingKind::ALL[0]),
                    Some(k) => FindingKind::ALL.iter().skip_while(|a| **a != k).nth(1).copied(),
                };
                self.load(ask);
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
            Action::WaiveFinding => ask.post(Event::Waive { item: row.item, finding: row.finding, waived: row.waived }),
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
            self.load(ask);
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
