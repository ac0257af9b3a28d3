//! The Withdrawn tab: the latest withdrawals, newest first, with who withdrew each, why, how long
//! its request waited and whether it was put back; `u` restores the selected item after a
//! confirmation that names it.

use super::{Ask, Cx, View};
use crate::store::{Site, Store, StoreError, WithdrawalRow};
use crate::ui::app::Confirmed;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{List, Paged, Row};
use crate::ui::sanitise::{clean_block, clean_line, each};
use crate::ui::text::SearchKey;
use crate::usecase;

mod draw;

/// How many withdrawals the tab lists.
pub const LATEST: i64 = 500;

/// The tab's state: the withdrawals listed.
#[derive(Debug, Default)]
pub struct WithdrawnView {
    pub list: Paged<WithdrawalRow>,
}

/// The tab's query.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// The latest withdrawals, newest first; with a filter (as typed), those whose item's id or
    /// title, reason, note or withdrawer holds it.
    Latest { filter: Option<String> },
}

/// What it brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Latest(Result<Vec<WithdrawalRow>, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Latest { .. } => false,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            // A withdrawn page the link checks found still public is flagged.
            Load::Latest { filter } => Loaded::Latest(
                usecase::withdrawal::withdrawals(store, site, filter.as_deref(), LATEST).await.map_err(line),
            ),
        }
    }
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Latest(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Latest(r) => each(r, |w| {
                clean_line(&mut w.title);
                clean_block(&mut w.note);
                clean_line(&mut w.withdrawn_by);
                if let Some((_, by)) = &mut w.restored {
                    clean_line(by);
                }
            }),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        vec![("Latest", Loaded::Latest(Err("the database said no".into())))]
    }
}

impl Row for WithdrawalRow {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
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
    /// Asks for the latest withdrawals, with the filter typed.
    fn load(&mut self, ask: &mut Ask) {
        let filter = self.list.db_filter();
        let req = ask.request(Load::Latest { filter: filter.clone() });
        self.list.filtered(req, None, filter);
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Latest(result) => {
                let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
                self.list.accept_whole(id, result, cx.height);
                if let Some(e) = failed {
                    ask.warn(crate::t!("withdrawn-load-failed", error = e));
                }
            }
        }
    }

    /// `u`: asks whether to put the selected item back online, unless it is back already.
    fn restore(&self, cx: &Cx, ask: &mut Ask) {
        let Some(w) = self.list.selected() else { return };
        if let Some((at, by)) = &w.restored {
            let when = crate::domain::time::format_time(*at, false).get(..16).unwrap_or_default().replace('T', " ");
            let said = crate::t!("withdrawn-restored-already", id = w.item, date = when, by = by.clone());
            ask.warn(said);
            return;
        }
        let when = crate::domain::time::format_time(w.withdrawn_at, false);
        let key = |action| cx.keymap.key_for(Layer::Confirm, action).map_or_else(String::new, |k| k.to_string());
        let text = crate::t!(
            "withdrawn-restore-confirm",
            id = w.item,
            title = w.title.clone(),
            date = when.get(..16).unwrap_or(&when).replace('T', " "),
            by = w.withdrawn_by.clone(),
            reason = crate::ui::words::reason(w.reason),
            yes = key(Action::Confirm),
            no = key(Action::Back)
        );
        ask.confirm(text, Confirmed::Restore { item: w.item });
    }
}

impl View for WithdrawnView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn List> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        Layer::Withdrawn
    }

    fn show(&mut self, _cx: &Cx, ask: &mut Ask) {
        if !self.list.done && self.list.waiting.is_none() {
            self.load(ask);
        }
    }

    fn busy(&self) -> bool {
        self.list.waiting.is_some()
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        if action != Action::Restore {
            return false;
        }
        self.restore(cx, ask);
        true
    }

    fn read_list(&mut self, ask: &mut Ask) {
        self.load(ask);
    }

    /// Filtered in the database: the first page again with the filter.
    fn refiltered(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.list.loaded() && self.list.refilter() {
            self.load(ask);
        }
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
