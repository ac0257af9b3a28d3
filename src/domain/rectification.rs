//! Rectification orders (整改通知): an administrator orders a responsible unit to fix a column, an
//! item or an inspection indicator within a number of working days; Art. 17 (五) holds a unit to
//! account for "未按要求整改网站栏目信息问题", which an order left open past its deadline is.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::calendar::WorkingCalendar;
use super::enums::Closing;
use super::time::beijing_date;

/// The deadline when none is given, in working days.
pub const DEFAULT_DAYS: u32 = 5;
/// The longest deadline an order may give, in working days.
pub const MAX_DAYS: u32 = 60;

/// A deadline outside 1 to 60 working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadDays(pub i64);

impl fmt::Display for BadDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!("rectify-bad-days", days = self.0, max = MAX_DAYS))
    }
}

/// A deadline in working days, checked: 1 to `MAX_DAYS`.
pub fn check_days(days: i64) -> Result<u32, BadDays> {
    match u32::try_from(days) {
        Ok(n) if (1..=MAX_DAYS).contains(&n) => Ok(n),
        _ => Err(BadDays(days)),
    }
}

/// The last day to rectify an order issued on `issued` (a Beijing date) with `days` working days:
/// counted from the day after issue by the official calendar, as a document's deadline is.
pub fn due_on(calendar: &WorkingCalendar, issued: NaiveDate, days: u32) -> NaiveDate {
    calendar.working_days_after(issued, days)
}

/// Whether that deadline counts days of a year whose holiday notice the calendar does not hold.
pub fn due_is_provisional(calendar: &WorkingCalendar, issued: NaiveDate, due: NaiveDate) -> bool {
    calendar.provisional(issued.succ_opt().unwrap_or(issued), due)
}

/// What an order is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A column (overdue, blank), by id.
    Column(i64),
    /// An item, by id, and the content check's finding if the order is about one.
    Item { id: i64, finding: Option<String> },
    /// An indicator of the national check, by name.
    Indicator(String),
}

/// Where an order stands, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Open past its deadline.
    Overdue,
    Open,
    Done,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Open => "open",
            Status::Done => "done",
        }
    }

    /// The status in words of the language in effect (逾期未整改, 整改中, 已整改): the one place
    /// its words are (`orders-status-…` in the catalogs), for the console, the tables and the
    /// bulletin (which says it in Chinese).
    pub fn said(self) -> String {
        match self {
            Status::Overdue => crate::t!("orders-status-overdue"),
            Status::Open => crate::t!("orders-status-open"),
            Status::Done => crate::t!("orders-status-done"),
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Status, String> {
        [Status::Overdue, Status::Open, Status::Done]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| crate::t!("rectify-bad-status", value = format!("{s:?}")))
    }
}

/// When what an order names was first fixed after the order, by each way the database can show:
/// the earliest of them closes the order by itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fixes {
    /// The column's first item that went online after the order.
    pub column_updated: Option<DateTime<Utc>>,
    pub item_withdrawn: Option<DateTime<Utc>>,
    pub item_marked: Option<DateTime<Utc>>,
    /// The finding the order names, waived after the order.
    pub finding_waived: Option<DateTime<Utc>>,
    /// The item's findings found again after the order (its text written, or every item checked
    /// again), without the kind the order names: when they were.
    pub finding_fixed: Option<DateTime<Utc>>,
}

impl Fixes {
    /// The first fix, and how: what closes an open order by itself.
    pub fn first(&self) -> Option<(Closing, DateTime<Utc>)> {
        [
            (Closing::ColumnUpdated, self.column_updated),
            (Closing::ItemWithdrawn, self.item_withdrawn),
            (Closing::ItemMarked, self.item_marked),
            (Closing::FindingWaived, self.finding_waived),
            (Closing::FindingFixed, self.finding_fixed),
        ]
        .into_iter()
        .filter_map(|(how, at)| at.map(|at| (how, at)))
        .min_by_key(|(_, at)| *at)
    }
}

/// An order's status as of `today` (a Beijing date), given when it was closed if it was: open until
/// its deadline has passed, overdue after it.
pub fn status(due: NaiveDate, closed: Option<DateTime<Utc>>, today: NaiveDate) -> Status {
    match closed {
        Some(at) if beijing_date(at) <= today => Status::Done,
        _ if today > due => Status::Overdue,
        _ => Status::Open,
    }
}

/// Whether an order went unrectified past its deadline within the period from `first` to `last`
/// (Beijing dates): its deadline passed by `last`, and it was not closed by its deadline, and still
/// open at the start of the period. Art. 17 (五) for that period.
pub fn late_in(
    issued: DateTime<Utc>,
    due: NaiveDate,
    closed: Option<DateTime<Utc>>,
    first: NaiveDate,
    last: NaiveDate,
) -> bool {
    let closed_on = closed.map(beijing_date);
    beijing_date(issued) <= last && due < last && closed_on.is_none_or(|c| c > due && c >= first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::parse_calendar;
    use chrono::TimeZone;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// An order's status has its words in one place, the catalogs, in each language: the
    /// console, the tables and the bulletin all say them from there.
    #[test]
    fn a_status_is_said_from_the_catalogs_in_each_language() {
        use crate::i18n::{Lang, scoped};
        let all = [Status::Overdue, Status::Open, Status::Done];
        let zh: Vec<String> = scoped(Lang::ZhCn, || all.map(Status::said).to_vec());
        let en: Vec<String> = scoped(Lang::En, || all.map(Status::said).to_vec());
        assert_eq!(zh, ["逾期未整改", "整改中", "已整改"]);
        assert_eq!(en, ["overdue", "open", "done"]);
    }

    fn at(s: &str) -> DateTime<Utc> {
        crate::domain::time::beijing().from_local_datetime(&d(s).and_hms_opt(10, 0, 0).unwrap()).unwrap().to_utc()
    }

    fn calendar() -> WorkingCalendar {
        let days = parse_calendar(crate::domain::calendar::CHINA_2023_2026).unwrap();
        WorkingCalendar::new(days.into_iter().map(|c| (c.date, c.kind)))
    }

    #[test]
    fn a_deadline_is_one_to_sixty_working_days() {
        assert_eq!(check_days(1), Ok(1));
        assert_eq!(check_days(60), Ok(60));
        assert_eq!(check_days(0), Err(BadDays(0)));
        assert_eq!(check_days(61), Err(BadDays(61)));
        assert_eq!(check_days(-3), Err(BadDays(-3)));
        assert_eq!(check_days(i64::MAX), Err(BadDays(i64::MAX)));
    }

    #[test]
    fn the_deadline_follows_the_official_calendar() {
        let cal = calendar();
        // Issued on Friday 25 September 2026 (中秋节): National Day 1–7 October off: 28, 29,
        // 30 September, 8 and 9 October.
        assert_eq!(due_on(&cal, d("2026-09-25"), 5), d("2026-10-09"));
        // Issued on Friday 9 October: Saturday 10 October is worked.
        assert_eq!(due_on(&cal, d("2026-10-09"), 1), d("2026-10-10"));
        // A plain week: Monday 2 November + 5 is Monday 9 November.
        assert_eq!(due_on(&cal, d("2026-11-02"), 5), d("2026-11-09"));
        let known = cal.with_years([2026]);
        assert!(due_is_provisional(&known, d("2026-12-28"), due_on(&known, d("2026-12-28"), 5)));
        assert!(!due_is_provisional(&known, d("2026-11-02"), d("2026-11-09")));
    }

    #[test]
    fn open_until_the_deadline_overdue_after_it_done_once_closed() {
        let due = d("2026-11-09");
        assert_eq!(status(due, None, d("2026-11-09")), Status::Open);
        assert_eq!(status(due, None, d("2026-11-10")), Status::Overdue);
        assert_eq!(status(due, Some(at("2026-11-12")), d("2026-11-20")), Status::Done);
        // Closed after the day asked about: not yet done then.
        assert_eq!(status(due, Some(at("2026-11-12")), d("2026-11-11")), Status::Overdue);
        assert!(Status::Overdue < Status::Open && Status::Open < Status::Done, "most urgent first");
        assert_eq!("overdue".parse::<Status>(), Ok(Status::Overdue));
        assert!("late".parse::<Status>().is_err());
    }

    #[test]
    fn the_first_fix_closes_an_order() {
        assert_eq!(Fixes::default().first(), None);
        let fixes =
            Fixes { item_withdrawn: Some(at("2026-11-12")), item_marked: Some(at("2026-11-10")), ..Default::default() };
        assert_eq!(fixes.first(), Some((Closing::ItemMarked, at("2026-11-10"))));
    }

    #[test]
    fn an_order_is_late_in_the_periods_it_stood_open_past_its_deadline() {
        let (q3, q4) = ((d("2026-07-01"), d("2026-09-30")), (d("2026-10-01"), d("2026-12-31")));
        let issued = at("2026-09-25");
        let due = d("2026-10-09");
        // Open: late in Q4 (its deadline passed), not in Q3 (it had not yet).
        assert!(late_in(issued, due, None, q4.0, q4.1));
        assert!(!late_in(issued, due, None, q3.0, q3.1));
        // Closed in time: never late.
        assert!(!late_in(issued, due, Some(at("2026-10-09")), q4.0, q4.1));
        // Closed late, in Q4: late in Q4, not in the next year.
        assert!(late_in(issued, due, Some(at("2026-10-20")), q4.0, q4.1));
        assert!(!late_in(issued, due, Some(at("2026-10-20")), d("2027-01-01"), d("2027-03-31")));
    }
}
