//! The Withdrawn tab: the withdrawals, newest first, read a page at a time, with who withdrew each, why, how long
//! its request waited and whether it was put back; `u` restores the selected item, or the rows
//! marked (`Space`, a range, or the whole bulk withdrawal of the selected row), in one
//! transaction after a confirmation that names them.

use super::columns::Marks;
use super::pages::{Fetched, ListLoad, ListLoaded, Listed, Pager};
use super::{Ask, Cx, View};
use crate::store::{self, Seek, Site, Store, Total, WithdrawalRow};
use crate::ui::app::Confirmed;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{List, PAGE, Paged, Row};
use crate::ui::sanitise::{clean_block, clean_line};
use crate::ui::text::SearchKey;
use crate::usecase;

mod draw;

/// The tab's state: the withdrawals listed.
#[derive(Debug, Default)]
pub struct WithdrawnView {
    pub list: Paged<WithdrawalRow, Withdrawals>,
    /// The withdrawals marked to be restored together: record id → title.
    pub marks: Marks,
}

/// Where its pages come from: the site's withdrawals, newest first; with a filter (as typed),
/// those whose item's id or title, reason, note or withdrawer holds it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Withdrawals;

#[async_trait::async_trait]
impl Listed for Withdrawals {
    type Row = WithdrawalRow;
    /// As typed: the use case reads it.
    type Filter = Option<String>;

    fn filter(typed: Option<&str>) -> Result<Option<String>, String> {
        Ok(typed.map(str::to_string))
    }

    async fn page(store: &dyn Store, site: &Site, filter: &Option<String>, seek: Seek<Key>) -> Fetched<WithdrawalRow> {
        // A withdrawn page the link checks found still public is flagged.
        usecase::withdrawal::withdrawals(store, site, filter.as_deref(), seek, PAGE).await
    }

    async fn total(store: &dyn Store, site: &Site, filter: &Option<String>) -> store::Result<Total> {
        usecase::withdrawal::withdrawals_total(store, site, filter.as_deref()).await
    }

    fn failed(error: String) -> String {
        crate::t!("withdrawn-load-failed", error = error)
    }

    fn sanitise(w: &mut WithdrawalRow) {
        clean_line(&mut w.title);
        clean_block(&mut w.note);
        clean_line(&mut w.withdrawn_by);
        if let Some((_, by)) = &mut w.restored {
            clean_line(by);
        }
    }
}

/// The tab's queries: a page of the withdrawals, their count.
pub type Load = ListLoad<Withdrawals>;

/// What they brought back.
pub type Loaded = ListLoaded<Withdrawals>;

/// Where a withdrawal is in the list: when it was made, and its id.
type Key = (chrono::DateTime<chrono::Utc>, i64);

impl Row for WithdrawalRow {
    type Key = Key;

    fn key(&self) -> Self::Key {
        (self.withdrawn_at, self.id)
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.item.to_string(), &self.title, self.reason.as_str(), &self.withdrawn_by, &self.note])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.item.to_string() } else { self.title.clone() })
    }
}

/// The median and the longest time from request to withdrawal, in minutes, of the withdrawals a
/// request asked for (`None`: none was).
pub fn request_times<'a>(rows: impl Iterator<Item = &'a WithdrawalRow>) -> Option<(i64, i64)> {
    let mut minutes: Vec<i64> = rows.filter_map(WithdrawalRow::minutes_from_request).collect();
    minutes.sort_unstable();
    let n = minutes.len();
    let longest = *minutes.last()?;
    let median = if n % 2 == 1 { minutes[n / 2] } else { (minutes[n / 2 - 1] + minutes[n / 2]) / 2 };
    Some((median, longest))
}

impl WithdrawnView {
    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        self.list.take(id, loaded, cx.height, ask);
    }

    /// `u`: asks whether to put the marked withdrawals' items back online, or else the selected
    /// one's, unless it is back already.
    fn restore(&self, cx: &Cx, ask: &mut Ask) {
        let key = |action| cx.keymap.key_name(Layer::Confirm, action);
        if !self.marks.items.is_empty() {
            let chosen = self.marks.chosen();
            let by_id = |id: i64| self.list.rows.iter().find(|w| w.id == id);
            let mut lines: Vec<String> = chosen
                .iter()
                .take(MARKED_LISTED)
                .map(|(id, title)| format!("{}  {title}", by_id(*id).map_or(*id, |w| w.item)))
                .collect();
            let more = chosen.len().saturating_sub(MARKED_LISTED);
            if more > 0 {
                lines.push(crate::t!("withdrawn-restore-more", more = more));
            }
            let text = crate::t!(
                "withdrawn-restore-marked-confirm",
                count = chosen.len(),
                items = lines.join("\n  "),
                yes = key(Action::Confirm),
                no = key(Action::Back)
            );
            let withdrawals = chosen.iter().map(|(id, _)| *id).collect();
            ask.confirm(text, Confirmed::Restore { withdrawals });
            return;
        }
        let Some(w) = self.list.selected() else { return };
        if let Some((at, by)) = &w.restored {
            ask.warn(already(w.item, *at, by, cx.now));
            return;
        }
        let when = crate::domain::time::for_people(w.withdrawn_at, cx.now);
        let text = crate::t!(
            "withdrawn-restore-confirm",
            id = w.item,
            title = w.title.clone(),
            date = when,
            by = w.withdrawn_by.clone(),
            reason = crate::ui::words::reason(w.reason),
            yes = key(Action::Confirm),
            no = key(Action::Back)
        );
        ask.confirm(text, Confirmed::Restore { withdrawals: vec![w.id] });
    }

    /// `Space`: marks (or unmarks) the selected withdrawal to be restored with others, and moves
    /// down; one restored already cannot be marked.
    fn mark(&mut self, cx: &Cx, ask: &mut Ask) {
        let Some(w) = self.list.selected() else { return };
        match &w.restored {
            Some((at, by)) => ask.warn(already(w.item, *at, by, cx.now)),
            None => self.marks.toggle(w.id, &w.title),
        }
        let len = self.list.shown.len();
        self.list.cursor.step(1, len, cx.height);
        self.more(cx, ask);
    }

    /// Marks the withdrawals from the last one marked by hand to the cursor (those not restored).
    fn mark_range(&mut self, cx: &Cx, ask: &mut Ask) {
        match self.marks.range(&self.list, open) {
            Some((added, all)) => ask.tell(crate::t!("marked-more", added = added, all = all)),
            None => ask.warn(crate::t!("mark-range-first", mark = cx.keymap.key_name(Layer::Withdrawn, Action::WithdrawnMark))),
        }
    }

    /// Marks every withdrawal listed of the bulk withdrawal the selected one was part of (those
    /// not restored), whether the filter shows them or not.
    fn mark_batch(&mut self, ask: &mut Ask) {
        let Some(batch) = self.list.selected().map(|w| w.batch) else { return };
        let before = self.marks.items.len();
        let of_batch: Vec<&WithdrawalRow> = self.list.rows.iter().filter(|w| w.batch == batch).collect();
        self.marks.items.extend(of_batch.iter().filter_map(|w| open(w)));
        let added = self.marks.items.len() - before;
        let back = of_batch.iter().filter(|w| w.restored.is_some()).count();
        ask.tell(crate::t!(
            "withdrawn-batch-marked",
            batch = batch,
            count = of_batch.len(),
            added = added,
            back = back,
            all = self.marks.items.len()
        ));
    }
}

/// How many marked withdrawals a confirmation names (the count says how many in all).
const MARKED_LISTED: usize = 8;

/// A withdrawal that may be marked to be restored: its id and title, unless restored already.
fn open(w: &WithdrawalRow) -> Option<(i64, String)> {
    w.restored.is_none().then(|| (w.id, w.title.clone()))
}

/// "This withdrawal of item … was undone already (when, by whom)".
fn already(item: i64, at: chrono::DateTime<chrono::Utc>, by: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    let when = crate::domain::time::for_people(at, now);
    crate::t!("withdrawn-restored-already", id = item, date = when, by = by.to_string())
}

impl View for WithdrawnView {
    /// A withdrawal opens nothing: the hint line does not offer Enter.
    fn opens(&self) -> bool {
        false
    }

    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn pages(&mut self) -> Option<&mut dyn Pager> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        Layer::Withdrawn
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        match action {
            Action::Restore => self.restore(cx, ask),
            Action::WithdrawnMark => self.mark(cx, ask),
            Action::WithdrawnMarkRange => self.mark_range(cx, ask),
            Action::WithdrawnMarkBatch => self.mark_batch(ask),
            _ => return false,
        }
        true
    }

    fn back(&mut self, _cx: &Cx, ask: &mut Ask) -> bool {
        if self.marks.items.is_empty() {
            return false;
        }
        ask.tell(crate::t!("marks-cleared", count = self.marks.clear()));
        true
    }

    fn saved(&mut self) {
        self.marks.clear();
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::domain::RetractionReason;

    fn row(id: i64, requested_minutes_before: Option<i64>) -> WithdrawalRow {
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 6, 0, 0).unwrap();
        WithdrawalRow {
            id,
            item: 100 + id,
            title: "象山区2026年三季度主要经济指标".into(),
            reason: RetractionReason::Classified,
            note: String::new(),
            withdrawn_at: at,
            withdrawn_by: "li.jianhua".into(),
            batch: id,
            restored: None,
            requested_at: requested_minutes_before.map(|m| at - Duration::minutes(m)),
            still_public: false,
        }
    }

    #[test]
    fn the_median_and_longest_time_from_request_count_only_requested_withdrawals() {
        assert_eq!(request_times([row(1, None)].iter()), None);
        assert_eq!(
            request_times([row(1, Some(30)), row(2, None), row(3, Some(10)), row(4, Some(600))].iter()),
            Some((30, 600))
        );
        assert_eq!(request_times([row(1, Some(30)), row(3, Some(10))].iter()), Some((20, 30)));
    }
}
