//! China's official working-day calendar: holidays and weekend days made working days (调休),
//! announced each year; shipped as data an administrator extends (`calendar add`).

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::HashMap;

/// The built-in calendar, 2023–2026 (`../shared/CALENDAR.md`).
pub const CHINA_2023_2026: &str = include_str!("../../data/calendar/cn-2023-2026.tsv");

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
                return Err(format!("line {n}: header must be \"date\\tkind\\tnote\""));
            }
            header_seen = true;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [date, kind, note] = f[..] else {
            return Err(format!("line {n}: expected 3 tab-separated fields"));
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| format!("line {n}: not a date: {date:?}"))?;
        let kind = DayKind::parse(kind).ok_or_else(|| format!("line {n}: kind must be holiday or workday, not {kind:?}"))?;
        check_day(date, kind).map_err(|e| format!("line {n}: {e}"))?;
        days.push(CalendarDay { date, kind, note: note.to_string() });
    }
    Ok(days)
}

/// A weekend day can only be made a working day; a holiday may fall on any day.
pub fn check_day(date: NaiveDate, kind: DayKind) -> Result<(), String> {
    if kind == DayKind::Workday && !is_weekend(date) {
        return Err(format!("{date} is a {:?}, already a working day; only a weekend day can be made a working day", date.weekday()));
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
}

impl WorkingCalendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> WorkingCalendar {
        WorkingCalendar { exceptions: days.into_iter().collect() }
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
