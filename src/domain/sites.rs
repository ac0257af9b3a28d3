//! A provincial platform's many county portals: what makes a site code, the figures that say how
//! a site is doing, and the order that puts the worst first.

use chrono::{DateTime, Utc};

use crate::domain::inspection::Level;
use crate::t;

/// The longest site code.
pub const MAX_CODE: usize = 32;

/// Why a text cannot be a site's code, if it cannot: a code is a short lowercase identifier (a
/// lowercase Latin letter, then lowercase letters, digits and `_`, at most 32 characters), since it
/// is typed after `--site` and `:site` and written into file names and audit targets.
pub fn refuse_code(code: &str) -> Option<String> {
    let shown = format!("{code:?}");
    let mut chars = code.chars();
    match chars.next() {
        None => Some(t!("sites-code-empty")),
        Some(first) if !first.is_ascii_lowercase() => Some(t!("sites-code-start", code = shown)),
        Some(_) if code.chars().count() > MAX_CODE => Some(t!("sites-code-long", code = shown, most = MAX_CODE)),
        Some(_) => chars
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
            .map(|c| t!("sites-code-char", code = shown, char = format!("{c:?}"))),
    }
}

/// Why a text cannot be a site's name, if it cannot: the name is the portal's title, shown beside
/// its code in the overview and on the status line, so it may not be blank.
pub fn refuse_name(name: &str) -> Option<String> {
    name.trim().is_empty().then(|| t!("sites-name-blank"))
}

/// How a site is doing: what `sites` lists and the console's overview shows, one line a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Columns past their update deadline.
    pub overdue: usize,
    /// Columns with nothing online (空白栏目).
    pub blank: usize,
    /// The national check's result as of today: its worst indicator's level (`None`: the check's
    /// rules do not fit the site's column table, so it cannot be evaluated).
    pub check: Option<Level>,
    /// How many of its indicators fail, and how many warn.
    pub check_failing: usize,
    pub check_warning: usize,
    /// Since when the oldest item of the review queue has waited (`None`: the queue is empty).
    pub oldest_waiting: Option<DateTime<Utc>>,
    /// Retraction requests waiting past their alarm (a suspected secret, 15 minutes).
    pub alarms: usize,
    /// This quarter's points earned by its units (Art. 16), and its incidents.
    pub points: i64,
    pub incidents: i64,
}

/// What the overview is sorted by; each sorts worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Everything at once: the national check first, then alarms, overdue and blank columns, the
    /// queue's age, incidents, and the fewest points.
    #[default]
    Worst,
    Overdue,
    Blank,
    Check,
    Waiting,
    Alarms,
    Points,
    Incidents,
}

impl Sort {
    pub const ALL: [Sort; 8] = [
        Sort::Worst,
        Sort::Overdue,
        Sort::Blank,
        Sort::Check,
        Sort::Waiting,
        Sort::Alarms,
        Sort::Points,
        Sort::Incidents,
    ];

    /// The next way to sort (the console's `s`).
    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Worst => "worst",
            Sort::Overdue => "overdue",
            Sort::Blank => "blank",
            Sort::Check => "check",
            Sort::Waiting => "waiting",
            Sort::Alarms => "alarms",
            Sort::Points => "points",
            Sort::Incidents => "incidents",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        Sort::ALL.iter().copied().find(|k| k.as_str() == s).ok_or_else(|| {
            let names: Vec<&str> = Sort::ALL.iter().map(|k| k.as_str()).collect();
            t!("sites-bad-sort", value = format!("{s:?}"), choices = names.join(", "))
        })
    }
}

fn level_rank(level: Option<Level>) -> u8 {
    match level {
        Some(Level::Fail) => 3,
        // Not known is worse than known to warn: nobody can tell it passes.
        None => 2,
        Some(Level::Warn) => 1,
        Some(Level::Pass) => 0,
    }
}

/// How bad a site is by one figure, greater is worse (`None` for a queue that is empty: the least).
fn badness(f: &Figures, sort: Sort) -> (i64, i64) {
    // An older wait is worse: the negated instant sorts the oldest highest.
    let waiting = f.oldest_waiting.map_or(i64::MIN, |t| -t.timestamp());
    match sort {
        Sort::Worst => (0, 0),
        Sort::Overdue => (f.overdue as i64, 0),
        Sort::Blank => (f.blank as i64, 0),
        Sort::Check => (i64::from(level_rank(f.check)), (f.check_failing * 100 + f.check_warning) as i64),
        Sort::Waiting => (waiting, 0),
        Sort::Alarms => (f.alarms as i64, 0),
        Sort::Points => (-f.points, 0),
        Sort::Incidents => (f.incidents, 0),
    }
}

/// Orders two sites' figures worst first by `sort`; ties go by the overall order, then by code.
pub fn compare(a: (&str, &Figures), b: (&str, &Figures), sort: Sort) -> std::cmp::Ordering {
    let worst = |f: &Figures| {
        [Sort::Check, Sort::Alarms, Sort::Overdue, Sort::Blank, Sort::Waiting, Sort::Incidents, Sort::Points]
            .map(|s| badness(f, s))
    };
    badness(b.1, sort).cmp(&badness(a.1, sort)).then_with(|| worst(b.1).cmp(&worst(a.1))).then_with(|| a.0.cmp(b.0))
}

#[cfg(test)]
impl Figures {
    /// A site with nothing wrong and `points` this quarter: what tests change one figure of.
    pub(crate) fn well(points: i64) -> Figures {
        Figures {
            overdue: 0,
            blank: 0,
            check: Some(Level::Pass),
            check_failing: 0,
            check_warning: 0,
            oldest_waiting: None,
            alarms: 0,
            points,
            incidents: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> Figures {
        Figures::well(100)
    }

    #[test]
    fn a_code_is_a_short_lowercase_identifier() {
        for ok in ["xiangshan", "a", "lingchuan_2", &"x".repeat(MAX_CODE)] {
            assert_eq!(refuse_code(ok), None, "{ok}");
        }
        for bad in ["", "Xiangshan", "2lin", "_x", "xiang shan", "象山", "a-b", "a;b", &"x".repeat(MAX_CODE + 1)] {
            assert!(refuse_code(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn a_name_is_not_blank() {
        assert_eq!(refuse_name("灵川县人民政府门户网站"), None);
        for bad in ["", " ", "\u{3000}", "\t\n"] {
            assert!(refuse_name(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn the_worst_site_comes_first_by_each_figure() {
        let good = figures();
        let failing = Figures { check: Some(Level::Fail), check_failing: 1, ..figures() };
        let alarmed = Figures { alarms: 2, overdue: 9, ..figures() };
        let old = Figures { oldest_waiting: Some(DateTime::from_timestamp(1_000, 0).unwrap()), ..figures() };
        let new = Figures { oldest_waiting: Some(DateTime::from_timestamp(2_000, 0).unwrap()), ..figures() };
        let mut sites = [("good", &good), ("new", &new), ("alarmed", &alarmed), ("old", &old), ("failing", &failing)];
        sites.sort_by(|a, b| compare(*a, *b, Sort::Worst));
        let codes: Vec<&str> = sites.iter().map(|s| s.0).collect();
        assert_eq!(codes, ["failing", "alarmed", "old", "new", "good"]);
        sites.sort_by(|a, b| compare(*a, *b, Sort::Overdue));
        assert_eq!(sites[0].0, "alarmed");
        sites.sort_by(|a, b| compare(*a, *b, Sort::Waiting));
        assert_eq!(sites.iter().map(|s| s.0).take(2).collect::<Vec<_>>(), ["old", "new"]);
        let poor = Figures { points: 3, ..figures() };
        let mut by_points = [("good", &good), ("poor", &poor)];
        by_points.sort_by(|a, b| compare(*a, *b, Sort::Points));
        assert_eq!(by_points[0].0, "poor", "the fewest points are the worst");
    }

    #[test]
    fn every_sort_has_a_name_and_a_next() {
        for s in Sort::ALL {
            assert_eq!(s.as_str().parse::<Sort>().unwrap(), s);
        }
        assert_eq!(Sort::Incidents.next(), Sort::Worst);
        assert!("size".parse::<Sort>().unwrap_err().contains("worst"));
    }
}
