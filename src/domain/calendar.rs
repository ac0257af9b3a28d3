//! China's official working-day calendar: holidays and weekend days made working days (调休),
//! announced each year; shipped as data an administrator extends (`calendar import`, `calendar
//! add`). A year whose notice is not in the calendar is counted as the plain week, and a deadline
//! that counts any of its days is provisional.

use crate::t;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::{BTreeSet, HashMap};

/// The built-in calendar, 2023–2026 (docs/calendar.md).
pub const CHINA_2023_2026: &str = include_str!("../../data/calendar/cn-2023-2026.tsv");
/// The built-in calendar, 2021–2022 (docs/calendar.md).
pub const CHINA_2021_2022: &str = include_str!("../../data/calendar/cn-2021-2022.tsv");

/// The years whose notices the built-in calendar holds.
pub const BUILT_IN_YEARS: std::ops::RangeInclusive<i32> = 2021..=2026;

/// The built-in calendar, every year of it, in date order.
pub fn built_in() -> Vec<CalendarDay> {
    let mut days: Vec<CalendarDay> = [CHINA_2021_2022, CHINA_2023_2026]
        .into_iter()
        .flat_map(|text| parse_calendar(text).expect("the built-in calendar parses (tested)"))
        .collect();
    days.sort_by_key(|d| d.date);
    days
}

/// A year whose holiday notice the calendar holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarNotice {
    pub year: i32,
    /// The notice's number, or `built-in`.
    pub source: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub recorded_by: String,
}

/// What importing a notice did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarImport {
    /// The days added or changed, in date order.
    pub days: Vec<CalendarDay>,
    /// Whether the year was newly recorded as held.
    pub year_added: bool,
}

impl CalendarImport {
    pub fn changed(&self) -> bool {
        !self.days.is_empty() || self.year_added
    }
}

/// Of `incoming`, the days the calendar does not hold yet, or holds otherwise (kind or note).
pub fn changes(existing: &[CalendarDay], incoming: &[CalendarDay]) -> Vec<CalendarDay> {
    let held: HashMap<NaiveDate, &CalendarDay> = existing.iter().map(|d| (d.date, d)).collect();
    incoming
        .iter()
        .filter(|d| held.get(&d.date).is_none_or(|h| h.kind != d.kind || h.note != d.note))
        .cloned()
        .collect()
}

/// How a date differs from the plain week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A day off, including weekend days inside a holiday block.
    Holiday,
    /// A weekend day that is a working day.
    Workday,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    pub fn parse(s: &str) -> Option<DayKind> {
        match s {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub note: String,
}

/// Parses the calendar data file (`date<TAB>kind<TAB>note`, `#` comments); errors name the line.
pub fn parse_calendar(text: &str) -> Result<Vec<CalendarDay>, String> {
    let mut days = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            if line != "date\tkind\tnote" {
                return Err(t!("rules-calendar-header", line = n));
            }
            header_seen = true;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [date, kind, note] = f[..] else {
            return Err(t!("rules-calendar-fields", line = n));
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| t!("rules-calendar-date", line = n, text = format!("{date:?}")))?;
        let kind =
            DayKind::parse(kind).ok_or_else(|| t!("rules-calendar-kind", line = n, kind = format!("{kind:?}")))?;
        check_day(date, kind).map_err(|e| t!("rules-calendar-line", line = n, error = e))?;
        days.push(CalendarDay { date, kind, note: note.to_string() });
    }
    Ok(days)
}

/// A weekend day can only be made a working day; a holiday may fall on any day.
pub fn check_day(date: NaiveDate, kind: DayKind) -> Result<(), String> {
    if kind == DayKind::Workday && !is_weekend(date) {
        return Err(t!(
            "rules-calendar-workday",
            date = date.to_string(),
            weekday = crate::i18n::text(&format!("weekday-{}", date.weekday().num_days_from_monday()), None)
        ));
    }
    Ok(())
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working-day calendar: the plain week with the announced exceptions.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    exceptions: HashMap<NaiveDate, DayKind>,
    /// The years whose notices it holds; `None`: not known, every year taken as announced.
    known: Option<BTreeSet<i32>>,
}

impl WorkingCalendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> WorkingCalendar {
        WorkingCalendar { exceptions: days.into_iter().collect(), known: None }
    }

    /// The calendar with the years whose notices it holds: a day of any other year is counted as
    /// the plain week, provisionally.
    pub fn with_years(self, years: impl IntoIterator<Item = i32>) -> WorkingCalendar {
        WorkingCalendar { known: Some(years.into_iter().collect()), ..self }
    }

    /// Whether the notice of `year` is in the calendar.
    pub fn knows(&self, year: i32) -> bool {
        self.known.as_ref().is_none_or(|k| k.contains(&year))
    }

    /// Whether any day from `from` to `to` (both included) is of a year whose notice is not in the
    /// calendar: a count of working days over them is provisional.
    pub fn provisional(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= to && (from.year()..=to.year()).any(|y| !self.knows(y))
    }

    /// The first day a count of `amount` working days after it reaches into `year + 1`: from then
    /// on, deadlines of that many working days are provisional while `year + 1`'s notice is not in
    /// the calendar (for 2026 and 5 working days: 25 December).
    pub fn first_reaching_next_year(&self, year: i32, amount: u32) -> Option<NaiveDate> {
        let new_year = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
        let mut day = new_year;
        let mut counted = 0;
        // Back from 31 December until `amount` working days of `year` are behind.
        while counted < amount {
            day -= Duration::days(1);
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        // Issued on that day, the count takes the working days left in the year and one of the
        // next; issued the day before, it ends on 31 December at the latest.
        Some(day)
    }

    /// The day `amount` working days after `from`, counted from the day after it: a document's due
    /// date under a working-day rule, a rectification order's deadline.
    pub fn working_days_after(&self, from: NaiveDate, amount: u32) -> NaiveDate {
        let mut day = from;
        let mut counted = 0;
        while counted < amount {
            day += Duration::days(1);
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        day
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.exceptions.get(&date) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !is_weekend(date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn built_in() -> WorkingCalendar {
        WorkingCalendar::new(parse_calendar(CHINA_2023_2026).unwrap().into_iter().map(|c| (c.date, c.kind)))
    }

    #[test]
    fn the_built_in_calendar_matches_the_notices() {
        let cal = built_in();
        // 2024 National Day: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
        assert!(!cal.is_working_day(d("2024-10-01")));
        assert!(!cal.is_working_day(d("2024-10-07")));
        assert!(cal.is_working_day(d("2024-09-29")));
        assert!(cal.is_working_day(d("2024-10-12")));
        assert!(cal.is_working_day(d("2024-09-27")));
        // 2026 Spring Festival: 15–23 February off, 14 and 28 February worked.
        assert!(!cal.is_working_day(d("2026-02-16")));
        assert!(cal.is_working_day(d("2026-02-14")));
        assert!(cal.is_working_day(d("2026-02-28")));
        // A plain weekend and a plain weekday.
        assert!(!cal.is_working_day(d("2026-11-28")));
        assert!(cal.is_working_day(d("2026-11-27")));
    }

    #[test]
    fn counts_match_the_calendar_page() {
        let days = parse_calendar(CHINA_2023_2026).unwrap();
        let workdays = days.iter().filter(|d| d.kind == DayKind::Workday).count();
        assert_eq!(workdays, 7 + 8 + 5 + 6);
    }

    #[test]
    fn a_weekday_cannot_be_made_a_workday() {
        assert!(check_day(d("2024-10-08"), DayKind::Workday).is_err());
        let e = parse_calendar("date\tkind\tnote\n2024-10-08\tworkday\tx\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
    }
}
