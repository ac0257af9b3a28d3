//! The Queue tab (Art. 8–10): the items awaiting a decision, oldest first by step (or longest
//! waiting first), approved ones marked to be published together; Enter opens one on the review
//! screen (`review.rs`); after a decision the next item opens.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::pages::{Pager, Source};
use super::{Answer, Ask, Cx, View, answer};
use crate::domain::Stage;
use crate::domain::checks::Finding;
use crate::domain::item::AttachmentKind;
use crate::domain::review::{Checks, Decision};
use crate::store::{
    ExportedItem, HistoryEntry, QueueCount, QueueItem, QueueKey, QueueOrder, Seek, Site, Store, StoreError, Total,
    Transition,
};
use crate::ui::app::Confirmed;
use crate::ui::keymap::{Action, Keymap, Layer};
use crate::ui::paged::{List, PAGE, Paged, Row};
use crate::ui::sanitise::{clean_all, clean_item, clean_line, clean_option, clean_result, each};
use crate::ui::text::SearchKey;
use crate::ui::views::item::{ItemView, page_delta, scroll};
use crate::ui::words;
use crate::{t, usecase};

mod draw;
mod review;
pub use review::{ItemFindings, Reviewing};

impl Row for QueueItem {
    type Key = QueueKey;

    fn key(&self) -> QueueKey {
        QueueItem::key(self)
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.title, self.unit.as_deref().unwrap_or(""), &self.columns.join(" ")])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.id.to_string() } else { self.title.clone() })
    }
}

/// Rows the queue reads again at most when it is read again (after a decision, a change): those
/// loaded, so that the selection and the item a decision opens next stay where they were.
const AGAIN: i64 = 1_000;

/// Where the queue's pages come from: its order (`s` changes it), and how many rows its first or
/// last page reads (a page; when read again, the rows that were loaded, up to `AGAIN`).
#[derive(Debug, Clone, Copy)]
pub struct Queue {
    pub order: QueueOrder,
    span: i64,
}

impl Default for Queue {
    fn default() -> Self {
        Queue { order: QueueOrder::Step, span: PAGE }
    }
}

impl Source for Queue {
    type Key = QueueKey;

    fn page(&self, seek: Seek<QueueKey>, filter: Option<String>) -> Option<crate::ui::app::Load> {
        let limit = if matches!(seek, Seek::First | Seek::Last) { self.span } else { PAGE };
        Some(Load::Page { order: self.order, filter, seek, limit }.into())
    }

    fn total(&self, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Total { filter }.into())
    }

    fn failed(&self, error: String) -> String {
        t!("queue-load-failed", error = error)
    }
}

/// An approved item marked to be published with others: kept by its id whether or not its row is
/// loaded (paging, a filter, a reload), with the version and title it was last read with.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub version: i64,
    pub title: String,
}

/// The queue tab: its list, and the item opened from it for a decision.
#[derive(Debug, Default)]
pub struct QueueView {
    /// Read a page at a time, in its order (`views::pages`).
    pub items: Paged<QueueItem, Queue>,
    /// How many of the list's items have waited too long, counted with it.
    pub late: Option<Total>,
    /// After a decision: the item to open when the reloaded queue arrives.
    pub open_next: Option<i64>,
    /// Approved items marked to be published together, by id.
    pub marked: std::collections::BTreeMap<i64, Marked>,
    /// The publication of the marked items running.
    pub publishing: Option<u64>,
    /// An item opened for a decision.
    pub reviewing: Option<Reviewing>,
    /// The reason being typed for rejecting the item under review.
    pub rejection: Option<Rejection>,
    /// The checks ticked on an item whose decision was refused, kept for when it opens again.
    pub kept_checks: Option<(i64, Checks)>,
}

/// The tab's own question: why the item under review is rejected, with the checks that failed.
#[derive(Debug)]
pub struct Rejection {
    pub input: Box<TextArea<'static>>,
    pub failed: Checks,
    /// A return for what the item lacks (Art. 10), no check failed.
    pub returning: bool,
}

/// The tab's queries and writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Up to `limit` items awaiting a decision in `order` from `seek`; with a filter (as typed),
    /// those whose title or body holds it or whose unit or title it names by pinyin initials.
    Page { order: QueueOrder, filter: Option<String>, seek: Seek<QueueKey>, limit: i64 },
    /// How many items the queue has with the filter, and how many have waited too long.
    Total { filter: Option<String> },
    /// The item under review.
    Item { id: i64 },
    /// The content checks' findings on one item, each with the waiver that covers it.
    ItemFindings { id: i64 },
    /// A review decision on an item at the version it was read.
    Review { item: i64, version: i64, decision: Decision },
    /// Publishing an approved item at the version it was read.
    Publish { item: i64, version: i64 },
    /// Publishing several approved items (id, version), each in its own transaction.
    PublishMany { items: Vec<(i64, i64)> },
}

/// What they brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum Loaded {
    Page(Result<Vec<QueueItem>, String>),
    Total(Result<QueueCount, String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
    /// An item's findings, each with the waiver that covers it.
    ItemFindings(i64, Result<Vec<(Finding, Option<String>)>, String>),
    /// What a review decision or a publication did.
    Decided(Result<Transition, String>),
    /// What publishing several items did, item by item.
    PublishedMany(Vec<Result<Transition, String>>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Page { .. } | Load::Total { .. } | Load::Item { .. } | Load::ItemFindings { .. } => false,
            Load::Review { .. } | Load::Publish { .. } | Load::PublishMany { .. } => true,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Page { order, filter, seek, limit } => Loaded::Page(
                usecase::queue::page(store, site, order, filter.as_deref(), seek, limit).await.map_err(line),
            ),
            Load::Total { filter } => {
                Loaded::Total(usecase::queue::total(store, site, filter.as_deref()).await.map_err(line))
            }
            Load::Item { id } => Loaded::Item(usecase::queue::item(store, site, id).await.map(Box::new).map_err(line)),
            Load::ItemFindings { id } => {
                Loaded::ItemFindings(id, usecase::findings::of_item(store, site, id).await.map_err(line))
            }
            // The same path as `review approve|reject`: the content-check gate, and the findings
            // recorded with the decision.
            Load::Review { item, version, decision } => {
                Loaded::Decided(usecase::queue::decide(store, site, item, Some(version), &decision).await.map_err(line))
            }
            Load::Publish { item, version } => {
                Loaded::Decided(usecase::queue::publish(store, site, item, Some(version), &[]).await.map_err(line))
            }
            Load::PublishMany { items } => Loaded::PublishedMany(
                usecase::queue::publish_many(store, site, &items).await.into_iter().map(|r| r.map_err(line)).collect(),
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
            Loaded::ItemFindings(_, r) => r.is_err(),
            Loaded::Decided(r) => r.is_err(),
            Loaded::PublishedMany(rs) => rs.iter().any(Result::is_err),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Page(r) => each(r, |q| {
                clean_line(&mut q.title);
                clean_option(&mut q.unit);
                clean_all(&mut q.columns);
            }),
            Loaded::Total(_) => {}
            Loaded::Item(r) => clean_result(r, |found| clean_item(found)),
            Loaded::ItemFindings(_, r) => each(r, |(f, waived)| {
                clean_line(&mut f.text);
                f.message.texts_mut().into_iter().for_each(clean_line);
                clean_line(&mut f.suggestion);
                clean_option(waived);
            }),
            Loaded::Decided(r) => clean_result(r, |_| {}),
            Loaded::PublishedMany(results) => results.iter_mut().for_each(|r| clean_result(r, |_| {})),
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
            ("ItemFindings", Loaded::ItemFindings(7, Err(e.clone()))),
            ("Decided", Loaded::Decided(Err(e.clone()))),
            ("PublishedMany", Loaded::PublishedMany(vec![Err(e)])),
        ]
    }
}

/// How long an item has waited, and whether that is too long: past a day, or past an hour for an
/// item its unit already put on WeChat (to be synced at once, Art. 7).
pub fn waiting(entry: &QueueItem, now: DateTime<Utc>) -> (String, bool) {
    let minutes = (now - entry.waiting_since()).num_minutes().max(0);
    let text = waited(minutes);
    let limit = crate::domain::review::wait_limit(entry.channel).num_minutes();
    (text, minutes > limit)
}

/// A wait in minutes as a person reads it, to the hour past a day in either language (the words
/// from the catalogs): `40m`, `5h`, `2d 3h`; 40分钟, 5小时, 2天3小时. The queue, the retractions,
/// the withdrawals and the sites all say a wait by it; their tables size the column to it.
pub fn waited(minutes: i64) -> String {
    match minutes.max(0) {
        m if m < 60 => t!("waited-minutes", minutes = m),
        m if m < 24 * 60 => t!("waited-hours", hours = m / 60),
        m => t!("waited-days", days = m / (24 * 60), hours = m % (24 * 60) / 60),
    }
}

impl QueueView {
    /// The order the queue is read in.
    pub fn order(&self) -> QueueOrder {
        self.items.source.order
    }

    /// The step of the item under review, if one is open (what a decision on it would pass).
    pub fn under_review(&self) -> Option<Stage> {
        self.reviewing.as_ref().map(|r| r.entry.stage)
    }

    /// `s`: the queue in its other order, read again from its first page, the filter kept, shown
    /// from its top (the heading says the order).
    fn reorder(&mut self, ask: &mut Ask) {
        let order = match self.order() {
            QueueOrder::Step => QueueOrder::Wait,
            QueueOrder::Wait => QueueOrder::Step,
        };
        let filter = std::mem::take(&mut self.items.filter);
        self.items = Paged::new(Queue { order, ..Queue::default() });
        self.items.filter = filter;
        self.late = None;
        self.items.read(Seek::First, ask);
    }

    /// A waiver on `item` was written: its findings again, if it is under review.
    pub fn waived(&mut self, item: i64, ask: &mut Ask) {
        if let Some(r) = self.reviewing.as_mut().filter(|r| r.entry.id == item) {
            r.load_findings(ask);
        }
    }

    /// The reason for a rejection (or a return for what it lacks) was given: the decision is sent.
    pub fn reject(&mut self, failed: Checks, returning: bool, reason: String, ask: &mut Ask) {
        if let Some(r) = &mut self.reviewing {
            let decision = if returning { Decision::Return { reason } } else { Decision::Reject { failed, reason } };
            r.decide(decision, ask);
        }
    }

    /// A publication was confirmed: the item under review, or else the marked items (whether
    /// their rows are loaded or not), at the versions they were last read.
    pub fn publish(&mut self, ask: &mut Ask) {
        if let Some(r) = &mut self.reviewing {
            r.publish(ask);
            return;
        }
        let items: Vec<(i64, i64)> = self.to_publish().iter().map(|(id, m)| (*id, m.version)).collect();
        if !items.is_empty() {
            self.publishing = Some(ask.request(Load::PublishMany { items }));
        }
    }

    /// The marked items to publish: never one whose row, read since, lacks its target columns
    /// (where would it go?).
    fn to_publish(&self) -> Vec<(i64, &Marked)> {
        let lacking: std::collections::BTreeSet<i64> = self
            .items
            .rows
            .iter()
            .filter(|e| e.missing.contains(&AttachmentKind::TargetColumns))
            .map(|e| e.id)
            .collect();
        self.marked.iter().filter(|(id, _)| !lacking.contains(id)).map(|(id, m)| (*id, m)).collect()
    }

    /// Opens the selected item for review.
    fn open_review(&mut self, ask: &mut Ask) {
        let Some(entry) = self.items.selected().cloned() else { return };
        let kept = self.kept_checks.take().filter(|(id, _)| *id == entry.id).map(|(_, c)| c);
        let mut r = Reviewing::open(entry, ask);
        r.checks = kept.unwrap_or_default();
        self.reviewing = Some(r);
    }

    /// Runs an action of the queue list; false if it is not one.
    fn list_act(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        match action {
            Action::Mark => {
                let Some(e) = self.items.selected() else { return true };
                let id = e.id;
                if e.stage != Stage::Publish {
                    ask.warn(t!("queue-only-approved", id = id, stage = words::stage_name(e.stage)));
                } else if e.missing.contains(&AttachmentKind::TargetColumns) {
                    // Never one listed as lacking its target columns (where would it go?).
                    ask.warn(t!("queue-lacks-columns", id = id));
                } else if self.marked.remove(&id).is_none() {
                    self.marked.insert(id, Marked { version: e.version, title: e.title.clone() });
                }
                let len = self.items.shown.len();
                self.items.cursor.step(1, len, cx.height);
                self.more(cx, ask);
            }
            Action::QueueSort => self.reorder(ask),
            Action::PublishMarked => {
                let marked = self.to_publish();
                if marked.is_empty() {
                    ask.warn(t!("queue-mark-first", mark = cx.keymap.key_name(Layer::Queue, Action::Mark)));
                } else {
                    let list: Vec<String> = marked.iter().map(|(id, m)| format!("{id}  {}", m.title)).collect();
                    let text = t!(
                        "queue-publish-marked",
                        count = marked.len(),
                        items = list.join("\n  "),
                        yes = cx.keymap.key_name(Layer::Confirm, Action::Confirm),
                        no = cx.keymap.key_name(Layer::Confirm, Action::Back)
                    );
                    ask.confirm(text, Confirmed::PublishMarked);
                }
            }
            _ => return false,
        }
        true
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Page(result) => {
                let waited = self.items.waiting == Some(id);
                if let (true, Ok(rows)) = (waited, &result) {
                    // A marked item read again: published at the version it now has.
                    for e in rows {
                        if let Some(m) = self.marked.get_mut(&e.id) {
                            *m = Marked { version: e.version, title: e.title.clone() };
                        }
                    }
                }
                self.items.arrived(id, result, cx.height, ask);
                if waited {
                    self.items.source.span = PAGE;
                    self.arrived(cx, ask);
                }
            }
            Loaded::Total(result) => {
                let late = result.as_ref().ok().map(|c| c.late);
                if self.items.accept_total(id, result.map(|c| c.total)) {
                    self.late = late.filter(|_| self.items.total.is_some());
                }
            }
            Loaded::Item(result) => ItemView::arrived(self.reviewing.as_mut().map(|r| &mut r.view), id, result, ask),
            Loaded::ItemFindings(_, result) => {
                if let Some(r) = &mut self.reviewing {
                    r.findings_arrived(id, result, ask);
                }
            }
            Loaded::Decided(result) => self.decided(id, result, ask),
            Loaded::PublishedMany(results) => self.published_many(id, results, ask),
        }
    }

    /// A decision or publication came back.
    fn decided(&mut self, id: u64, result: Result<Transition, String>, ask: &mut Ask) {
        let Some(r) = &mut self.reviewing else { return };
        if r.deciding != Some(id) {
            return;
        }
        r.deciding = None;
        let current = r.entry.id;
        match result {
            Ok(t) => {
                let (from, to) = (words::stage_name(t.from), words::stage_name(t.to));
                ask.tell(t!("queue-moved", id = t.item, from = from, to = to));
                // The next item in the queue opens when the reloaded queue arrives.
                let shown = &self.items;
                let at = shown.shown.iter().position(|&i| shown.rows[i].id == current);
                self.open_next = at
                    .and_then(|p| shown.shown.get(p + 1).or(p.checked_sub(1).and_then(|q| shown.shown.get(q))))
                    .map(|&i| shown.rows[i].id);
                self.reviewing = None;
            }
            Err(e) => {
                // A conflict or a refusal: say so, and show the item as it now is, its ticks kept.
                ask.warn(e);
                self.kept_checks = Some((current, r.checks));
                self.open_next = Some(current);
                self.reviewing = None;
            }
        }
        self.read_list(ask);
    }

    /// The marked items were published (or some refused).
    fn published_many(&mut self, id: u64, results: Vec<Result<Transition, String>>, ask: &mut Ask) {
        if self.publishing != Some(id) {
            return;
        }
        self.publishing = None;
        let done = results.iter().filter(|r| r.is_ok()).count();
        let refused: Vec<String> = results.into_iter().filter_map(Result::err).collect();
        self.marked.clear();
        match refused.first() {
            None => ask.tell(t!("queue-published", count = done)),
            Some(first) => {
                let count = done + refused.len();
                ask.warn(t!("queue-published-some", done = done, count = count, first = first.clone()))
            }
        }
        self.read_list(ask);
    }

    /// The queue's page arrived: open the next item if a decision asked for it.
    fn arrived(&mut self, cx: &Cx, ask: &mut Ask) {
        let Some(next) = self.open_next.take() else { return };
        let Some(pos) = self.items.shown.iter().position(|&i| self.items.rows[i].id == next) else {
            return;
        };
        self.items.cursor.selected = pos;
        let len = self.items.shown.len();
        self.items.cursor.show(len, cx.height);
        if cx.tab == crate::ui::app::Tab::Queue {
            self.open_review(ask);
        }
    }
}

impl View for QueueView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.items)
    }

    fn pages(&mut self) -> Option<&mut dyn Pager> {
        Some(&mut self.items)
    }

    /// Reads it again (a decision, F5, a change): the rows that were loaded, in one page, from the
    /// end they were read from, so the selection stays on its row (and the item a decision opens
    /// next is there); the first page if nothing was.
    fn read_list(&mut self, ask: &mut Ask) {
        self.items.source.span = (self.items.rows.len() as i64 + 1).clamp(PAGE, AGAIN);
        self.items.read_again(ask);
    }

    fn layer(&self) -> Layer {
        if self.reviewing.is_some() { Layer::Review } else { Layer::Queue }
    }

    fn busy(&self) -> bool {
        self.items.waiting.is_some()
            || self.publishing.is_some()
            || self.reviewing.as_ref().is_some_and(|r| {
                r.deciding.is_some() || r.view.waiting.is_some() || r.findings.waiting.is_some()
            })
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        match &mut self.reviewing {
            None => self.list_act(action, cx, ask),
            Some(r) => r.act(action, cx, ask, &mut self.rejection),
        }
    }

    fn asking(&self) -> bool {
        self.rejection.is_some()
    }

    /// The reason typed: Enter sends the rejection of the item under review.
    fn typed(&mut self, event: KeyEvent, _cx: &Cx, ask: &mut Ask) {
        let Some(rejection) = &mut self.rejection else { return };
        match answer(&mut rejection.input, event, &t!("reject-needs-reason"), ask) {
            Answer::Open => {}
            Answer::Closed => self.rejection = None,
            Answer::Given(reason) => {
                let (failed, returning) = (rejection.failed, rejection.returning);
                self.rejection = None;
                self.reject(failed, returning, reason, ask);
            }
        }
    }

    fn draw_question(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        if let Some(r) = &self.rejection {
            let prompt =
                if r.returning { t!("review-return-prompt") } else { t!("prompt-reject", failed = r.failed.to_string()) };
            crate::ui::widgets::input_line(d.buf, areas.status, &prompt, &r.input);
        }
    }

    /// Enter on the reason passes (rejects at) the step under review.
    fn typed_write(&self, event: KeyEvent, _keymap: &Keymap) -> Option<crate::domain::review::Act> {
        let enter = self.rejection.is_some() && event.code == KeyCode::Enter;
        self.under_review().filter(|_| enter).map(crate::domain::review::Act::Pass)
    }

    /// A colleague's change: the item under review and its findings, and the list if loaded (the
    /// selection kept).
    fn changed(&mut self, _cx: &Cx, ask: &mut Ask) {
        if let Some(r) = &mut self.reviewing {
            r.reload_item(ask);
            r.load_findings(ask);
        }
        if self.items.loaded() {
            self.read_list(ask);
        }
    }

    /// F5: the list again; the item under review opens again once it arrives.
    fn refresh(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.open_next = self.reviewing.take().map(|r| r.entry.id);
        self.read_list(ask);
    }

    fn open(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.reviewing.is_none() {
            self.open_review(ask);
        }
    }

    fn back(&mut self, _cx: &Cx, _ask: &mut Ask) -> bool {
        self.reviewing.take().is_some()
    }

    fn motion(&mut self, action: Action, cx: &Cx, ask: &mut Ask) {
        match &mut self.reviewing {
            Some(r) => scroll(&mut r.view, page_delta(action, cx.height).unwrap_or(0)),
            None => {
                if matches!(action, Action::Top | Action::Bottom) {
                    // The real start or end: read from the database when not loaded.
                    self.items.jump(action == Action::Top, cx.height);
                } else {
                    let len = self.items.shown.len();
                    self.items.cursor.step(super::step(action, len, cx.height), len, cx.height);
                }
                self.more(cx, ask);
            }
        }
    }

    fn copy(&self, id: bool) -> Option<String> {
        match &self.reviewing {
            Some(r) => Some(if id { r.entry.id.to_string() } else { r.entry.title.clone() }),
            None => self.items.selected().and_then(|e| e.copy(id)),
        }
    }

    fn item(&self) -> Option<&ItemView> {
        self.reviewing.as_ref().map(|r| &r.view)
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Form, ItemPath};

    fn entry(channel: Channel, now: DateTime<Utc>, hours_ago: i64) -> QueueItem {
        QueueItem {
            id: 1,
            path: ItemPath::Unit,
            stage: Stage::Recheck,
            unit: Some("民政局".into()),
            form: Form::Text,
            title: "低保复核".into(),
            channel,
            columns: vec![],
            submitted_at: now - chrono::Duration::hours(hours_ago),
            wechat_at: None,
            missing: vec![],
            version: 1,
        }
    }

    #[test]
    fn waiting_past_a_day_or_a_wechat_item_past_an_hour_is_too_long() {
        let now = Utc::now();
        assert_eq!(waiting(&entry(Channel::Portal, now, 5), now), ("5h".to_string(), false));
        assert_eq!(waiting(&entry(Channel::Portal, now, 50), now), ("2d 2h".to_string(), true));
        assert_eq!(waiting(&entry(Channel::Wechat, now, 2), now), ("2h".to_string(), true));
        // A WeChat item ages from when it went out on WeChat, not from its submission.
        let mut wechat = entry(Channel::Wechat, now, 0);
        wechat.wechat_at = Some(now - chrono::Duration::minutes(90));
        assert_eq!(waiting(&wechat, now), ("1h".to_string(), true));
    }

    /// A wait says days and hours in either language (issue 20: Chinese said whole days where
    /// English said `1d 23h`), each in its catalog's words.
    #[test]
    fn a_wait_keeps_its_hours_past_a_day_in_both_languages() {
        use crate::i18n::{Lang, scoped};
        let minutes = |d: i64, h: i64, m: i64| (d * 24 + h) * 60 + m;
        let waits = [minutes(0, 0, 40), minutes(0, 5, 59), minutes(1, 23, 10), minutes(16, 9, 0), minutes(123, 0, 5)];
        let said = |lang| scoped(lang, || waits.map(waited));
        assert_eq!(said(Lang::En), ["40m", "5h", "1d 23h", "16d 9h", "123d"]);
        assert_eq!(said(Lang::ZhCn), ["40分钟", "5小时", "1天23小时", "16天9小时", "123天"]);
    }
}
