//! The Withdrawn tab: the latest withdrawals, newest first, with who withdrew each, why, how long
//! its request waited and whether it was put back; `u` restores the selected item after a
//! confirmation that names it.

use super::{App, Confirmed, Effect, Load, Overlay};
use crate::store::WithdrawalRow;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::Row;
use crate::ui::text::SearchKey;

/// How many withdrawals the tab lists.
pub const LATEST: i64 = 500;

impl Row for WithdrawalRow {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.item.to_string(), &self.title, self.reason.as_str(), &self.withdrawn_by, &self.note])
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

impl App {
    pub(super) fn load_withdrawals(&mut self, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Withdrawals, effects);
        self.withdrawals.asked(req, None);
    }

    /// Runs an action of the Withdrawn tab; false if it is not one.
    pub(super) fn withdrawn_act(&mut self, action: Action) -> bool {
        if action != Action::Restore {
            return false;
        }
        let Some(w) = self.withdrawals.selected() else { return true };
        if let Some((at, by)) = &w.restored {
            let said = format!(
                "this withdrawal of item {} was undone already ({} by {by})",
                w.item,
                crate::domain::time::format_time(*at, false).get(..16).unwrap_or_default().replace('T', " ")
            );
            self.warn(said);
            return true;
        }
        let when = crate::domain::time::format_time(w.withdrawn_at, false);
        let text = format!(
            "Put item {} back online in the columns it was in:\n  {}\n  withdrawn {} by {} ({})\n\n{} restores · {} cancels",
            w.item,
            w.title,
            when.get(..16).unwrap_or(&when).replace('T', " "),
            w.withdrawn_by,
            w.reason.as_str(),
            self.keymap.key_for(Layer::Confirm, Action::Confirm).map_or_else(String::new, |k| k.to_string()),
            self.keymap.key_for(Layer::Confirm, Action::Back).map_or_else(String::new, |k| k.to_string()),
        );
        self.overlay = Overlay::Confirm { text, then: Confirmed::Restore { item: w.item } };
        true
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
