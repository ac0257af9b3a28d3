//! Column staleness (更新时限) and document deadlines, as of a Beijing date.

use chrono::{Datelike, Duration, NaiveDate};

use super::calendar::WorkingCalendar;
use super::deadline::{DeadlineRule, Period};

/// Where a column stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Worst first: the order `stale` sorts by.
    Overdue,
    Empty,
    DueSoon,
    Ok,
    Exempt,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::DueSoon => "due_soon",
            Status::Overdue => "overdue",
            Status::Empty => "empty",
            Status::Exempt => "exempt",
        }
    }

    /// A status from its stable form (`as_str`, the `status` field of CSV and JSON).
    pub fn parse(text: &str) -> Option<Status> {
        [Status::Overdue, Status::Empty, Status::DueSoon, Status::Ok, Status::Exempt]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A column's staleness as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staleness {
    pub status: Status,
    /// When the next update is due, for interval and calendar rules with a last update, or the
    /// earliest due date of an overdue document.
    pub due: Option<NaiveDate>,
    /// Days past `due` (0 unless overdue).
    pub days_overdue: i64,
}

/// `date` plus `months` calendar months, clamped to the month's end (31 January + 1 month is
/// 29 February in a leap year).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months as i32;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = last_day_of_month(year, month);
    NaiveDate::from_ymd_opt(year, month, date.day().min(last)).expect("clamped to the month")
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    let first_of_next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    (first_of_next.expect("valid date") - Duration::days(1)).day()
}

/// When a column last updated on `last` falls due under an interval or calendar rule.
pub fn due_date(rule: DeadlineRule, last: NaiveDate) -> Option<NaiveDate> {
    match rule {
        DeadlineRule::Every { amount, period: Period::Day | Period::WorkingDay } => {
            Some(last + Duration::days(i64::from(amount)))
        }
        DeadlineRule::Every { amount, period: Period::Month } => Some(add_months(last, amount)),
        DeadlineRule::Every { amount, period: Period::Year } => Some(add_months(last, amount * 12)),
        // The end of the calendar month after the last update's month.
        DeadlineRule::Monthly => {
            let next = add_months(NaiveDate::from_ymd_opt(last.year(), last.month(), 1).expect("first of month"), 1);
            Some(
                NaiveDate::from_ymd_opt(next.year(), next.month(), last_day_of_month(next.year(), next.month()))
                    .expect("valid"),
            )
        }
        // The end of the calendar year after the last update's year.
        DeadlineRule::Yearly => NaiveDate::from_ymd_opt(last.year() + 1, 12, 31),
        _ => None,
    }
}

/// A column's staleness as of `at`, from its rule, its last update (the Beijing date of the latest
/// publication of an item online in it) and, for event rules, the due date of its most overdue
/// document (one not online by its due date, as of `at`).
pub fn staleness(
    rule: DeadlineRule,
    last_update: Option<NaiveDate>,
    overdue_document: Option<NaiveDate>,
    at: NaiveDate,
) -> Staleness {
    let plain = |status| Staleness { status, due: None, days_overdue: 0 };
    match rule {
        DeadlineRule::NoUpdate | DeadlineRule::Unspecified => plain(Status::Exempt),
        DeadlineRule::AsNeeded => plain(if last_update.is_some() { Status::Exempt } else { Status::Empty }),
        DeadlineRule::WithinOfEvent { .. } => match (overdue_document, last_update) {
            (Some(due), _) => {
                Staleness { status: Status::Overdue, due: Some(due), days_overdue: (at - due).num_days() }
            }
            (None, None) => plain(Status::Empty),
            (None, Some(_)) => plain(Status::Ok),
        },
        DeadlineRule::Every { .. } | DeadlineRule::Monthly | DeadlineRule::Yearly => {
            let Some(last) = last_update else { return plain(Status::Empty) };
            let due = due_date(rule, last).expect("interval and calendar rules have due dates");
            if at > due {
                return Staleness { status: Status::Overdue, due: Some(due), days_overdue: (at - due).num_days() };
            }
            // The last 7 days before the due date, or the last fifth of a shorter interval.
            let window = ((due - last).num_days() / 5).min(7);
            let status = if (due - at).num_days() < window { Status::DueSoon } else { Status::Ok };
            Staleness { status, due: Some(due), days_overdue: 0 }
        }
    }
}

/// Where an issued document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentStatus {
    OnTime,
    Late,
    Pending,
    Overdue,
}

impl DocumentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::OnTime => "on_time",
            DocumentStatus::Late => "late",
            DocumentStatus::Pending => "pending",
            DocumentStatus::Overdue => "overdue",
        }
    }
}

/// When a document issued on `issued` must be online under an event rule: `amount` days, or
/// `amount` working days counted from the day after issue by the official calendar.
pub fn document_due(rule: DeadlineRule, issued: NaiveDate, calendar: &WorkingCalendar) -> Option<NaiveDate> {
    match rule {
        DeadlineRule::WithinOfEvent { amount, period: Period::WorkingDay } => {
            Some(calendar.working_days_after(issued, amount))
        }
        DeadlineRule::WithinOfEvent { amount, period: Period::Day } => Some(issued + Duration::days(i64::from(amount))),
        DeadlineRule::WithinOfEvent { amount, period: Period::Month } => Some(add_months(issued, amount)),
        DeadlineRule::WithinOfEvent { amount, period: Period::Year } => Some(add_months(issued, amount * 12)),
        _ => None,
    }
}

/// Whether a document's due date is provisional: it counts working days over a year whose holiday
/// notice the calendar does not hold (counted as the plain week until it is imported).
pub fn due_is_provisional(rule: DeadlineRule, issued: NaiveDate, due: NaiveDate, calendar: &WorkingCalendar) -> bool {
    matches!(rule, DeadlineRule::WithinOfEvent { period: Period::WorkingDay, .. })
        && calendar.provisional(issued + Duration::days(1), due)
}

/// A document's status as of `at`, given when (if ever) it went online. Publication after `at`
/// has not happened yet as of `at`.
pub fn document_status(due: NaiveDate, published: Option<NaiveDate>, at: NaiveDate) -> DocumentStatus {
    match published.filter(|p| *p <= at) {
        Some(p) if p <= due => DocumentStatus::OnTime,
        Some(_) => DocumentStatus::Late,
        None if at <= due => DocumentStatus::Pending,
        None => DocumentStatus::Overdue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CHINA_2023_2026, parse_calendar};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rule(text: &str) -> DeadlineRule {
        DeadlineRule::parse(text).unwrap()
    }

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::new(parse_calendar(CHINA_2023_2026).unwrap().into_iter().map(|c| (c.date, c.kind)))
    }

    #[test]
    fn months_clamp_to_month_end_and_know_leap_years() {
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2023-01-31"), 1), d("2023-02-28"));
        assert_eq!(add_months(d("2024-08-31"), 4), d("2024-12-31"));
        assert_eq!(add_months(d("2024-10-31"), 4), d("2025-02-28"));
        assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
        assert_eq!(add_months(d("2023-05-15"), 10), d("2024-03-15"));
    }

    #[test]
    fn due_dates_of_every_rule_in_the_table() {
        assert_eq!(due_date(rule("10天"), d("2024-09-25")), Some(d("2024-10-05")));
        assert_eq!(due_date(rule("2个月"), d("2024-12-31")), Some(d("2025-02-28")));
        assert_eq!(due_date(rule("4个月"), d("2024-06-30")), Some(d("2024-10-30")));
        assert_eq!(due_date(rule("6个月"), d("2024-03-31")), Some(d("2024-09-30")));
        assert_eq!(due_date(rule("10个月"), d("2024-04-30")), Some(d("2025-02-28")));
        assert_eq!(due_date(rule("1个月"), d("2024-01-30")), Some(d("2024-02-29")));
        assert_eq!(due_date(rule("1年"), d("2024-02-29")), Some(d("2025-02-28")));
        assert_eq!(due_date(rule("每月"), d("2024-01-05")), Some(d("2024-02-29")));
        assert_eq!(due_date(rule("每月"), d("2024-12-31")), Some(d("2025-01-31")));
        assert_eq!(due_date(rule("每年"), d("2024-03-01")), Some(d("2025-12-31")));
        for exempt in ["按需更新", "无需更新", "", "5天内", "5个工作日", "文件印发后5个工作日内"]
        {
            assert_eq!(due_date(rule(exempt), d("2024-03-01")), None, "{exempt}");
        }
    }

    #[test]
    fn statuses_around_the_due_date() {
        let r = rule("4个月");
        let last = Some(d("2024-06-30"));
        let at = |s: &str| staleness(r, last, None, d(s));
        assert_eq!(at("2024-10-23").status, Status::Ok);
        assert_eq!(at("2024-10-24").status, Status::DueSoon, "7 days left, the first of the last 7");
        assert_eq!(at("2024-10-30").status, Status::DueSoon);
        assert_eq!(
            at("2024-10-31"),
            Staleness { status: Status::Overdue, due: Some(d("2024-10-30")), days_overdue: 1 }
        );
        // A 10-day column: due soon only in the last fifth (2 days).
        let ten = |s: &str| staleness(rule("10天"), Some(d("2024-09-01")), None, d(s)).status;
        assert_eq!(ten("2024-09-08"), Status::Ok);
        assert_eq!(ten("2024-09-10"), Status::DueSoon);
        assert_eq!(ten("2024-09-11"), Status::DueSoon);
        assert_eq!(ten("2024-09-12"), Status::Overdue);
    }

    #[test]
    fn empty_exempt_and_event_columns() {
        assert_eq!(staleness(rule("10天"), None, None, d("2024-09-01")).status, Status::Empty);
        assert_eq!(staleness(rule("按需更新"), None, None, d("2024-09-01")).status, Status::Empty);
        assert_eq!(staleness(rule("按需更新"), Some(d("2020-01-01")), None, d("2024-09-01")).status, Status::Exempt);
        assert_eq!(staleness(rule("无需更新"), None, None, d("2024-09-01")).status, Status::Exempt);
        assert_eq!(staleness(rule(""), None, None, d("2024-09-01")).status, Status::Exempt);
        let event = rule("文件印发后5个工作日内");
        assert_eq!(staleness(event, Some(d("2024-01-01")), None, d("2024-09-01")).status, Status::Ok);
        assert_eq!(staleness(event, None, None, d("2024-09-01")).status, Status::Empty);
        assert_eq!(
            staleness(event, Some(d("2024-01-01")), Some(d("2024-08-20")), d("2024-09-01")),
            Staleness { status: Status::Overdue, due: Some(d("2024-08-20")), days_overdue: 12 }
        );
    }

    #[test]
    fn five_working_days_follow_the_official_calendar() {
        let cal = calendar();
        let five = rule("文件印发后5个工作日内");
        // Friday 27 September 2024: Sunday 29 September is worked, 1–7 October are off.
        assert_eq!(document_due(five, d("2024-09-27"), &cal), Some(d("2024-10-10")));
        // An ordinary week.
        assert_eq!(document_due(five, d("2024-11-04"), &cal), Some(d("2024-11-11")));
        // Across the 2026 Spring Festival (15–23 February off, 14 and 28 February worked).
        assert_eq!(document_due(five, d("2026-02-12"), &cal), Some(d("2026-02-26")));
        assert_eq!(document_due(rule("5天内"), d("2024-09-27"), &cal), Some(d("2024-10-02")));
    }

    #[test]
    fn document_statuses() {
        let due = d("2024-10-10");
        assert_eq!(document_status(due, Some(d("2024-10-10")), d("2024-12-01")), DocumentStatus::OnTime);
        assert_eq!(document_status(due, Some(d("2024-10-11")), d("2024-12-01")), DocumentStatus::Late);
        assert_eq!(document_status(due, None, d("2024-10-10")), DocumentStatus::Pending);
        assert_eq!(document_status(due, None, d("2024-10-11")), DocumentStatus::Overdue);
        assert_eq!(
            document_status(due, Some(d("2024-10-20")), d("2024-10-11")),
            DocumentStatus::Overdue,
            "not yet published as of the date"
        );
    }

    fn any_rule() -> impl Strategy<Value = DeadlineRule> {
        prop_oneof![
            (1u32..400).prop_map(|amount| DeadlineRule::Every { amount, period: Period::Day }),
            (1u32..24).prop_map(|amount| DeadlineRule::Every { amount, period: Period::Month }),
            (1u32..3).prop_map(|amount| DeadlineRule::Every { amount, period: Period::Year }),
            Just(DeadlineRule::Monthly),
            Just(DeadlineRule::Yearly),
        ]
    }

    proptest! {
        /// A later last update never makes a column more overdue.
        #[test]
        fn a_later_update_is_never_worse(rule in any_rule(), last in 0i64..3000, later in 0i64..400, at in 0i64..4000) {
            let base = d("2020-01-01");
            let (last, later, at) =
                (base + Duration::days(last), base + Duration::days(last + later), base + Duration::days(at));
            let before = staleness(rule, Some(last), None, at);
            let after = staleness(rule, Some(later), None, at);
            prop_assert!(after.days_overdue <= before.days_overdue);
            prop_assert!(after.due >= before.due);
        }

        #[test]
        fn month_arithmetic_stays_in_range(y in 1990i32..2100, m in 1u32..=12, day in 1u32..=31, add in 0u32..60) {
            let date = NaiveDate::from_ymd_opt(y, m, day.min(last_day_of_month(y, m))).unwrap();
            let moved = add_months(date, add);
            prop_assert!(moved >= date);
            prop_assert!(moved.day() <= date.day());
            let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
            prop_assert_eq!(months(moved) - months(date), add as i32);
        }
    }
}
