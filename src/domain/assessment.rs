//! The quarterly assessment (Art. 16): periods in Beijing time, points per item, ranking.

use crate::t;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::enums::{Form, RetractionReason};
use super::time::beijing_midnight;

/// An assessment period: a quarter or a year, in Beijing dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Quarter { year: i32, quarter: u32 },
    Year(i32),
}

impl Period {
    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Quarter { year, quarter } => NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1),
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
        }
        .expect("a valid period")
    }

    /// The first day after the period.
    pub fn end_day(self) -> NaiveDate {
        match self {
            Period::Quarter { year, quarter: 4 } | Period::Year(year) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
            Period::Quarter { year, quarter } => NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1),
        }
        .expect("a valid period")
    }

    /// The last day of the period.
    pub fn last_day(self) -> NaiveDate {
        self.end_day().pred_opt().expect("a valid period")
    }

    /// The instants `[start, end)` the period covers: Beijing midnight to Beijing midnight.
    pub fn instants(self) -> (DateTime<Utc>, DateTime<Utc>) {
        (beijing_midnight(self.first_day()), beijing_midnight(self.end_day()))
    }

    /// The period before this one (the previous quarter, or the previous year).
    pub fn previous(self) -> Period {
        match self {
            Period::Quarter { year, quarter: 1 } => Period::Quarter { year: year - 1, quarter: 4 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter - 1 },
            Period::Year(year) => Period::Year(year - 1),
        }
    }

    /// The period after this one.
    pub fn next(self) -> Period {
        match self {
            Period::Quarter { year, quarter: 4 } => Period::Quarter { year: year + 1, quarter: 1 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter + 1 },
            Period::Year(year) => Period::Year(year + 1),
        }
    }

    /// A quarter's year; a year's quarter `back` (the one it was reached from) when it is of
    /// that year, else its last quarter begun by `today` (its first, before the year has begun).
    pub fn quarter_or_year(self, back: Option<Period>, today: NaiveDate) -> Period {
        match self {
            Period::Quarter { year, .. } => Period::Year(year),
            Period::Year(year) => match back {
                Some(q @ Period::Quarter { year: y, .. }) if y == year => q,
                _ => (1..=4)
                    .rev()
                    .map(|quarter| Period::Quarter { year, quarter })
                    .find(|q| q.first_day() <= today)
                    .unwrap_or(Period::Quarter { year, quarter: 1 }),
            },
        }
    }

    /// Where the period stands on `today`.
    pub fn standing(self, today: NaiveDate) -> Standing {
        if today < self.first_day() {
            Standing::NotBegun
        } else if today <= self.last_day() {
            Standing::Running { as_of: today }
        } else {
            Standing::Over
        }
    }

    /// The days `[first, end)` a period's scores are compared with on `today`: the period before,
    /// whole once this one is over; while it runs, only as many of its days as this one has had
    /// (today included), so that four days are not compared with a whole quarter.
    pub fn compared_with(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let before = self.previous();
        match self.standing(today) {
            Standing::Running { as_of } => {
                let days = (as_of - self.first_day()).num_days() + 1;
                let end = before.first_day() + chrono::Duration::days(days);
                (before.first_day(), end.min(before.end_day()))
            }
            Standing::NotBegun | Standing::Over => (before.first_day(), before.end_day()),
        }
    }

    /// The quarter a date falls in.
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period::Quarter { year: date.year(), quarter: date.month0() / 3 + 1 }
    }
}

/// Where a period stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// It has not begun: nothing can be in it yet.
    NotBegun,
    /// It runs: what it holds is as of that day (截至), not of its end.
    Running {
        as_of: NaiveDate,
    },
    Over,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Quarter { year, quarter } => write!(f, "{year}Q{quarter}"),
            Period::Year(year) => write!(f, "{year}"),
        }
    }
}

impl FromStr for Period {
    type Err = String;

    /// `2024Q3` (or `2024q3`, `2024-Q3`) for a quarter, `2024` for a year.
    fn from_str(s: &str) -> Result<Period, String> {
        let bad = || t!("rules-not-a-period", text = format!("{s:?}"));
        let t = s.trim();
        let year_of = |y: &str| y.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y) && y.to_string().len() == 4);
        if let Some((y, q)) = t.split_once(['Q', 'q']) {
            let y = year_of(y.trim_end_matches('-')).ok_or_else(bad)?;
            match q.parse::<u32>() {
                Ok(quarter @ 1..=4) => Ok(Period::Quarter { year: y, quarter }),
                _ => Err(bad()),
            }
        } else {
            year_of(t).map(Period::Year).ok_or_else(bad)
        }
    }
}

/// The points an item earns: its highest form across the columns it went into (the same
/// information in several columns counts once, at its highest), or none if it was withdrawn for a
/// reason other than being outdated.
pub fn item_points(forms: &[Form], withdrawn_for: Option<RetractionReason>) -> Option<Form> {
    match withdrawn_for {
        Some(RetractionReason::Outdated) | None => forms.iter().copied().max_by_key(|f| f.points()),
        Some(_) => None,
    }
}

/// Ranks by net score, highest first; equal scores share a rank (1, 2, 2, 4). Returns each input's
/// rank, in input order.
pub fn competition_ranks(nets: &[i64]) -> Vec<usize> {
    nets.iter().map(|n| 1 + nets.iter().filter(|m| *m > n).count()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_time;
    use proptest::prelude::*;

    #[test]
    fn periods_step_across_years_and_switch_between_quarter_and_year() {
        let q = |year, quarter| Period::Quarter { year, quarter };
        assert_eq!(q(2024, 4).next(), q(2025, 1));
        assert_eq!(q(2025, 1).previous(), q(2024, 4));
        assert_eq!(q(2024, 2).next().previous(), q(2024, 2));
        assert_eq!(Period::Year(2024).next(), Period::Year(2025));
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(q(2024, 3).quarter_or_year(None, today), Period::Year(2024));
        assert_eq!(Period::Year(2024).quarter_or_year(None, today), q(2024, 4));
        // Back to the quarter it came from, not the year's last (issue 22: 2026Q3 → 2026 → 2026Q4).
        let year = q(2026, 3).quarter_or_year(None, today);
        assert_eq!(year.quarter_or_year(Some(q(2026, 3)), today), q(2026, 3));
        // Another year's quarter is no way back; a year not over goes to its quarter begun last.
        assert_eq!(Period::Year(2026).quarter_or_year(Some(q(2025, 2)), today), q(2026, 4));
        let may = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        assert_eq!(Period::Year(2026).quarter_or_year(None, may), q(2026, 2));
        assert_eq!(Period::Year(2027).quarter_or_year(None, may), q(2027, 1), "not begun: its first");
    }

    #[test]
    fn a_running_period_is_compared_with_as_many_days_of_the_one_before() {
        let q = |year, quarter| Period::Quarter { year, quarter };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // 4 December: 65 days of Q4 (1 October – 4 December) against 1 July – 3 September.
        let today = day(2026, 12, 4);
        assert_eq!(q(2026, 4).standing(today), Standing::Running { as_of: today });
        assert_eq!(q(2026, 4).compared_with(today), (day(2026, 7, 1), day(2026, 9, 4)));
        // Its first day against the first day before.
        assert_eq!(q(2026, 4).compared_with(day(2026, 10, 1)), (day(2026, 7, 1), day(2026, 7, 2)));
        // A period over: the whole period before.
        assert_eq!(q(2026, 3).standing(today), Standing::Over);
        assert_eq!(q(2026, 3).compared_with(today), (day(2026, 4, 1), day(2026, 7, 1)));
        // Its last day: the whole period before, never past its end (Q3 has 92 days, Q2 91).
        assert_eq!(q(2026, 3).compared_with(day(2026, 9, 30)), (day(2026, 4, 1), day(2026, 7, 1)));
        assert_eq!(q(2026, 1).compared_with(day(2026, 3, 31)), (day(2025, 10, 1), day(2025, 12, 30)));
        // A year: the same days of the year before; a period not begun holds nothing yet.
        assert_eq!(Period::Year(2026).compared_with(today), (day(2025, 1, 1), day(2025, 12, 5)));
        assert_eq!(q(2027, 1).standing(today), Standing::NotBegun);
        assert_eq!(q(2027, 1).compared_with(today), (day(2026, 10, 1), day(2027, 1, 1)));
    }

    #[test]
    fn quarters_parse_and_bound_in_beijing_time() {
        let q: Period = "2024Q1".parse().unwrap();
        assert_eq!(q, Period::Quarter { year: 2024, quarter: 1 });
        assert_eq!(q.to_string(), "2024Q1");
        let (start, end) = q.instants();
        assert_eq!(start, parse_time("2023-12-31T16:00:00Z").unwrap());
        assert_eq!(end, parse_time("2024-03-31T16:00:00Z").unwrap());
        // 31 March 23:30 Beijing time is in Q1; 1 April 00:30 is not.
        let late = parse_time("2024-03-31T23:30:00+08:00").unwrap();
        assert!(late >= start && late < end);
        assert!(parse_time("2024-04-01T00:30:00+08:00").unwrap() >= end);
        assert_eq!("2024q4".parse::<Period>().unwrap().last_day(), NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
        assert_eq!("2024".parse::<Period>().unwrap(), Period::Year(2024));
        for bad in ["2024Q5", "2024Q0", "24Q1", "Q3", "2024Q", "x"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert_eq!(q.previous().to_string(), "2023Q4");
        assert_eq!(Period::quarter_of(NaiveDate::from_ymd_opt(2024, 9, 30).unwrap()).to_string(), "2024Q3");
    }

    #[test]
    fn the_highest_form_counts_once() {
        assert_eq!(item_points(&[Form::Text, Form::Video, Form::ImageText], None), Some(Form::Video));
        assert_eq!(item_points(&[Form::Text], Some(RetractionReason::Outdated)), Some(Form::Text));
        for lost in [RetractionReason::Improper, RetractionReason::Classified, RetractionReason::Error] {
            assert_eq!(item_points(&[Form::Video], Some(lost)), None);
        }
    }

    #[test]
    fn equal_scores_share_a_rank() {
        assert_eq!(competition_ranks(&[10, 7, 7, 3]), vec![1, 2, 2, 4]);
        assert_eq!(competition_ranks(&[0, 5, 0]), vec![2, 1, 2]);
        assert_eq!(competition_ranks(&[]), Vec::<usize>::new());
    }

    proptest! {
        /// A withdrawal never raises an item's points.
        #[test]
        fn withdrawal_never_raises_points(forms in proptest::collection::vec(0usize..3, 1..4), reason in 0usize..4) {
            let forms: Vec<Form> = forms.into_iter().map(|i| Form::ALL[i]).collect();
            let before = item_points(&forms, None).map_or(0, Form::points);
            let after = item_points(&forms, Some(RetractionReason::ALL[reason])).map_or(0, Form::points);
            prop_assert!(after <= before);
        }
    }
}
