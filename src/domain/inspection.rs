//! The national check of government websites (政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号):
//! its single-veto indicators that depend on content, evaluated as of a day from each column's last
//! update and the inquiry register. Which columns belong to which indicator, the thresholds and the
//! warning levels are data (`data/inspection/`), not code. Thresholds are inclusive, as inspection
//! reports word them (超过（含）).

use crate::t;
use chrono::{Months, NaiveDate};
use serde::Deserialize;

use super::deadline::DeadlineRule;
use super::staleness::Status;

/// The rules: which columns count for what, and where each indicator warns and fails.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// 站点不更新: the home page's column groups, and the days without a new item that fail.
    pub home: Window,
    /// 动态、要闻类 columns: nothing new within their window.
    pub news: Window,
    /// 通知公告、政策文件类 columns: nothing new within their window.
    pub notices: Window,
    /// How many news and notice columns out of their window, together, warn and fail.
    pub stale_columns: Levels,
    /// Columns judged by a long window instead of their own deadline (人事、规划计划类: 1 year).
    pub long: Window,
    /// How many should-update columns left alone warn and fail.
    pub neglected_columns: Levels,
    /// How many blank columns warn and fail.
    pub empty_columns: Levels,
    /// The inquiry register (政民互动).
    pub inquiries: InquiryRules,
    /// 首页不可用链接: broken links of items on the home page's columns (`home`), as the link
    /// checks last found them; how many warn and fail. Without it, the indicator is not evaluated.
    #[serde(default)]
    pub home_links: Option<Levels>,
    /// 其他页面不可用链接: broken links of every other online item.
    #[serde(default)]
    pub other_links: Option<Levels>,
    /// 站点无法访问: the home page's probes over a week. Without it, the indicator is not evaluated.
    #[serde(default)]
    pub site_unreachable: Option<Reachability>,
}

/// 站点无法访问 as the check words it: the site monitored for a week (监测1周), visited at intervals
/// through each day (每天间隔性访问20次以上); the visits that do not open within the seconds
/// (超过（含）15秒网站仍无法打开), as a share of all of them (累计超过（含）总监测次数的5%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reachability {
    /// The days looked at, ending with the day inspected.
    pub days: u32,
    /// The visits a day the check makes: a day with fewer probes is said to be thinly monitored.
    pub per_day: u32,
    /// A visit that has not opened after this many seconds fails.
    pub seconds: u32,
    /// The share of failed visits, in whole percent, that warns and fails.
    pub percent: Levels,
}

/// Column paths (a path takes the columns under it too) and a window.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub columns: Vec<String>,
    #[serde(default)]
    pub days: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
    /// For `home`: the days without an update that warn and fail.
    #[serde(default)]
    pub levels: Option<Levels>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub warn: i64,
    pub fail: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InquiryRules {
    /// A valid inquiry unanswered this many months fails the site.
    pub unanswered_months: u32,
    /// Looking back this many months.
    pub lookback_months: u32,
    /// The reply deadline in working days (the column table's 咨询公开: 5个工作日); past it an
    /// unanswered inquiry warns.
    pub reply_working_days: u32,
}

impl Window {
    /// The first day still inside the window ending on `at`: an update on it or later counts.
    fn since(&self, at: NaiveDate) -> NaiveDate {
        let by_months = self.months.and_then(|m| at.checked_sub_months(Months::new(m)));
        let by_days = self.days.map(|d| at - chrono::Duration::days(i64::from(d)));
        // 2 weeks before the 29th: the 15th is outside (超过（含）2周), the 16th inside.
        by_months.or(by_days).map_or(at, |d| d + chrono::Duration::days(1))
    }

    fn takes(&self, path: &str) -> bool {
        self.columns
            .iter()
            .any(|c| path == c || path.strip_prefix(c.as_str()).is_some_and(|rest| rest.starts_with(" / ")))
    }
}

impl Rules {
    /// Parses the rules (TOML), checking every path against the column table.
    pub fn parse(text: &str, known: &[&str]) -> Result<Rules, String> {
        let rules: Rules = toml::from_str(text).map_err(|e| {
            let (line, column, detail) = crate::i18n::toml_position(text, &e);
            t!("toml-at", line = line, column = column, detail = detail)
        })?;
        for w in [&rules.home, &rules.news, &rules.notices, &rules.long] {
            if w.days.is_none() && w.months.is_none() {
                return Err(t!("rules-window"));
            }
            if let Some(p) = w.columns.iter().find(|p| !known.contains(&p.as_str())) {
                return Err(t!("rules-window-column", path = format!("{p:?}")));
            }
        }
        if rules.home.levels.is_none() {
            return Err(t!("rules-home-levels"));
        }
        if let Some(r) = rules.site_unreachable
            && (r.days == 0 || r.seconds == 0)
        {
            return Err(t!("rules-site-unreachable"));
        }
        Ok(rules)
    }
}

/// What the evaluation knows of a column as of the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnFacts {
    pub id: i64,
    pub path: String,
    pub rule: DeadlineRule,
    /// No columns under it (a group column holds no items of its own).
    pub leaf: bool,
    /// Its last update on or before the day (Beijing date), if it ever had content.
    pub last_update: Option<NaiveDate>,
    /// Its staleness by its own deadline as of the day.
    pub status: Status,
    /// That status depends on a provisional due date (a year whose holiday notice is missing).
    pub provisional: bool,
}

/// An inquiry as the evaluation needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryFacts {
    pub subject: String,
    pub asked_on: NaiveDate,
    pub valid: bool,
    /// When it was answered, if it was.
    pub answered_on: Option<NaiveDate>,
    /// Its reply deadline (the working days after it was asked).
    pub due: NaiveDate,
    /// That deadline is provisional (it counts days of a year whose holiday notice is missing).
    pub provisional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Pass,
    Warn,
    Fail,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Pass => "pass",
            Level::Warn => "warn",
            Level::Fail => "fail",
        }
    }

    fn of(count: i64, levels: Levels) -> Level {
        if count >= levels.fail {
            Level::Fail
        } else if count >= levels.warn {
            Level::Warn
        } else {
            Level::Pass
        }
    }
}

/// One indicator's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// `site_not_updated`, `stale_columns`, `neglected_columns`, `empty_columns`,
    /// `unanswered_inquiries`; with the link checks' levels, `home_broken_links` and
    /// `other_broken_links`.
    pub key: &'static str,
    /// Its name in the check's words.
    pub name: &'static str,
    pub count: i64,
    /// From this count on it fails (inclusive).
    pub threshold: i64,
    /// From this count on it warns.
    pub warn_at: i64,
    pub level: Level,
    /// The columns or inquiries behind the count.
    pub detail: Vec<Detail>,
    /// Its level may change when a missing year's holiday notice is imported: it depends on a
    /// provisional deadline.
    pub provisional: bool,
}

/// One line behind an indicator's count: what it names (a column's path, an inquiry's subject, a
/// link; empty for a line that only says something), what it says after that, and what it opens,
/// if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub what: String,
    pub note: Note,
    pub opens: Option<Opens>,
}

/// What a line of an indicator's detail says, as a code and its arguments: worded when shown, in
/// the reader's language (`ui::words::detail`, `i18n/*/inspect_said.ftl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Nothing after what the line names (a blank column, a broken link).
    Nothing,
    /// After a column's path: when it was last updated, or that it never was.
    LastUpdate(Option<NaiveDate>),
    /// The home page's columns' newest update, or that they were never updated.
    HomeUpdated(Option<NaiveDate>),
    /// After an inquiry's subject: asked on the day, unanswered.
    Unanswered(NaiveDate),
    /// Inquiries past their reply deadline of so many working days.
    PastReply { count: i64, days: u32 },
    /// No probe of the home page between the days.
    NoProbes { from: NaiveDate, to: NaiveDate },
    /// The probes between the days, those that did not open within the seconds, and their share
    /// in tenths of a percent.
    Probes { from: NaiveDate, to: NaiveDate, total: i64, failed: i64, seconds: u32, permille: i64 },
    /// Days with fewer probes than the check makes a day.
    ThinlyMonitored { days: i64, per_day: u32 },
    /// A probe that did not open: when, and why (none: it took too long, `millis`).
    NotOpened { when: String, why: Option<String>, millis: i64 },
}

/// What a line of an indicator's detail is about, to be opened from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    Column(i64),
    Item(i64),
}

impl Detail {
    /// A line that only says something, naming nothing to open.
    pub fn said(note: Note) -> Detail {
        Detail { what: String::new(), note, opens: None }
    }

    /// A column, with a note after its path.
    fn column(c: &ColumnFacts, note: Note) -> Detail {
        Detail { what: c.path.clone(), note, opens: Some(Opens::Column(c.id)) }
    }
}

/// Every indicator the check evaluates, as (key, name): what a rectification order may name.
pub const INDICATORS: &[(&str, &str)] = &[
    ("site_not_updated", "首页栏目长期未更新"),
    ("stale_columns", "动态、要闻及通知公告、政策文件类栏目未按时更新"),
    ("neglected_columns", "应更新未更新栏目"),
    ("empty_columns", "空白栏目"),
    ("unanswered_inquiries", "互动诉求超过3个月未答复"),
    ("home_broken_links", "首页不可用链接"),
    ("other_broken_links", "其他页面不可用链接"),
];

/// An indicator by its key or its name.
pub fn indicator(key_or_name: &str) -> Option<(&'static str, &'static str)> {
    let wanted = key_or_name.trim();
    INDICATORS.iter().copied().find(|(key, name)| *key == wanted || *name == wanted)
}

/// Evaluates the indicators as of `at`.
pub fn evaluate(rules: &Rules, columns: &[ColumnFacts], inquiries: &[InquiryFacts], at: NaiveDate) -> Vec<Indicator> {
    let leaves: Vec<&ColumnFacts> = columns.iter().filter(|c| c.leaf).collect();
    let mut out = Vec::new();

    // 站点不更新: days since the newest item on the home page's columns.
    let home_levels = rules.home.levels.unwrap_or(Levels { warn: 10, fail: 14 });
    let newest = leaves.iter().filter(|c| rules.home.takes(&c.path)).filter_map(|c| c.last_update).max();
    let days = newest.map_or(i64::MAX, |d| (at - d).num_days());
    out.push(Indicator {
        key: "site_not_updated",
        name: "首页栏目长期未更新",
        count: days.min(99_999),
        threshold: home_levels.fail,
        warn_at: home_levels.warn,
        level: Level::of(days, home_levels),
        detail: vec![Detail::said(Note::HomeUpdated(newest))],
        provisional: false,
    });

    // 动态、要闻类 (2 weeks) and 通知公告、政策文件类 (6 months) with nothing in their window.
    let mut stale = Vec::new();
    for c in &leaves {
        let window = if rules.news.takes(&c.path) {
            &rules.news
        } else if rules.notices.takes(&c.path) {
            &rules.notices
        } else {
            continue;
        };
        if c.last_update.is_none_or(|d| d < window.since(at)) {
            stale.push(Detail::column(c, Note::LastUpdate(c.last_update)));
        }
    }
    out.push(counted("stale_columns", "动态、要闻及通知公告、政策文件类栏目未按时更新", stale, rules.stale_columns));

    // 应更新未更新: past their own deadline, or the long window for personnel and plans. A news or
    // notice column is judged by its own window above, once.
    let mut neglected = Vec::new();
    let mut neglected_provisional = false;
    for c in leaves.iter().filter(|c| !rules.news.takes(&c.path) && !rules.notices.takes(&c.path)) {
        neglected_provisional |= c.provisional && !rules.long.takes(&c.path);
        let Some(last) = c.last_update else { continue }; // blank: counted below
        let left = if rules.long.takes(&c.path) {
            last < rules.long.since(at)
        } else {
            c.status == Status::Overdue
                && !matches!(c.rule, DeadlineRule::AsNeeded | DeadlineRule::NoUpdate | DeadlineRule::Unspecified)
        };
        if left {
            neglected.push(Detail::column(c, Note::LastUpdate(Some(last))));
        }
    }
    out.push(Indicator {
        provisional: neglected_provisional,
        ..counted("neglected_columns", "应更新未更新栏目", neglected, rules.neglected_columns)
    });

    // 空白栏目: never any content.
    let blank: Vec<Detail> =
        leaves.iter().filter(|c| c.last_update.is_none()).map(|c| Detail::column(c, Note::Nothing)).collect();
    out.push(counted("empty_columns", "空白栏目", blank, rules.empty_columns));

    // 互动回应差: a valid inquiry of the last year unanswered for more than the months allowed.
    let r = rules.inquiries;
    let lookback = at.checked_sub_months(Months::new(r.lookback_months)).unwrap_or(at);
    let too_long = at.checked_sub_months(Months::new(r.unanswered_months)).unwrap_or(at);
    let open = |q: &&InquiryFacts| {
        q.valid && q.asked_on > lookback && q.asked_on <= at && q.answered_on.is_none_or(|d| d > at)
    };
    let failing: Vec<Detail> = inquiries
        .iter()
        .filter(open)
        .filter(|q| q.asked_on <= too_long)
        .map(|q| Detail { what: q.subject.clone(), note: Note::Unanswered(q.asked_on), opens: None })
        .collect();
    let late = inquiries.iter().filter(open).filter(|q| q.due < at).count() as i64;
    let provisional = inquiries.iter().filter(open).any(|q| q.provisional);
    let count = failing.len() as i64;
    out.push(Indicator {
        key: "unanswered_inquiries",
        name: "互动诉求超过3个月未答复",
        count,
        threshold: 1,
        warn_at: 1,
        level: if count >= 1 {
            Level::Fail
        } else if late > 0 {
            Level::Warn
        } else {
            Level::Pass
        },
        detail: if failing.is_empty() && late > 0 {
            vec![Detail::said(Note::PastReply { count: late, days: r.reply_working_days })]
        } else {
            failing
        },
        provisional,
    });
    out
}

/// A broken link of an online item, as the link checks last found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub url: String,
    pub item: i64,
    /// The columns the item is online in.
    pub columns: Vec<String>,
}

/// The link indicators the rules give levels for: distinct broken links on the home page's
/// columns (an item online in one of `home`'s columns), and on every other page. A link broken
/// on several pages counts once, where it counts first (the home page).
pub fn link_indicators(rules: &Rules, broken: &[BrokenLink]) -> Vec<Indicator> {
    // A link opens the first item found carrying it.
    let link = |b: &BrokenLink| Detail { what: b.url.clone(), note: Note::Nothing, opens: Some(Opens::Item(b.item)) };
    let mut home: Vec<Detail> = Vec::new();
    let mut other: Vec<Detail> = Vec::new();
    for b in broken.iter().filter(|b| b.columns.iter().any(|c| rules.home.takes(c))) {
        if !home.iter().any(|d| d.what == b.url) {
            home.push(link(b));
        }
    }
    for b in broken {
        if !home.iter().any(|d| d.what == b.url) && !other.iter().any(|d| d.what == b.url) {
            other.push(link(b));
        }
    }
    let mut out = Vec::new();
    if let Some(levels) = rules.home_links {
        out.push(counted("home_broken_links", "首页不可用链接", home, levels));
    }
    if let Some(levels) = rules.other_links {
        out.push(counted("other_broken_links", "其他页面不可用链接", other, levels));
    }
    out
}

/// One probe of the home page, as the evaluation needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeFact {
    /// Its Beijing date.
    pub on: NaiveDate,
    /// When, as a person reads it.
    pub when: String,
    /// It opened with a usable answer before the probe gave up.
    pub reachable: bool,
    pub millis: i64,
    /// Why it did not open, in plain words.
    pub why: Option<String>,
}

/// Failed visits the detail names, the latest first.
const FAILURES_NAMED: usize = 10;

/// 站点无法访问, when the rules give it: the probes of the `days` ending on `at`, a visit failing
/// when it did not open or took the rules' seconds or longer; the count is the failed share in whole
/// percent (rounded down, so it reaches a whole-percent threshold exactly when the share does).
pub fn site_indicator(rules: &Rules, probes: &[ProbeFact], at: NaiveDate) -> Option<Indicator> {
    let r = rules.site_unreachable?;
    let first = at - chrono::Duration::days(i64::from(r.days.max(1)) - 1);
    let window: Vec<&ProbeFact> = probes.iter().filter(|p| p.on >= first && p.on <= at).collect();
    let limit = i64::from(r.seconds) * 1000;
    let failed: Vec<&&ProbeFact> = window.iter().filter(|p| !p.reachable || p.millis >= limit).collect();
    let total = window.len() as i64;
    let count = if total == 0 { 0 } else { failed.len() as i64 * 100 / total };
    let mut detail = Vec::new();
    if total == 0 {
        detail.push(Detail::said(Note::NoProbes { from: first, to: at }));
    } else {
        // Tenths of a percent, rounded half up, as the share is said (25.0%).
        let permille = (failed.len() as i64 * 2000 + total) / (2 * total);
        detail.push(Detail::said(Note::Probes {
            from: first,
            to: at,
            total,
            failed: failed.len() as i64,
            seconds: r.seconds,
            permille,
        }));
    }
    let thin = (0..i64::from(r.days.max(1)))
        .map(|d| first + chrono::Duration::days(d))
        .filter(|day| (window.iter().filter(|p| p.on == *day).count() as u32) < r.per_day)
        .count() as i64;
    if thin > 0 && total > 0 {
        detail.push(Detail::said(Note::ThinlyMonitored { days: thin, per_day: r.per_day }));
    }
    for p in failed.iter().rev().take(FAILURES_NAMED) {
        detail.push(Detail::said(Note::NotOpened { when: p.when.clone(), why: p.why.clone(), millis: p.millis }));
    }
    Some(Indicator {
        key: "site_unreachable",
        name: "站点无法访问",
        count,
        threshold: r.percent.fail,
        warn_at: r.percent.warn,
        level: Level::of(count, r.percent),
        detail,
        provisional: false,
    })
}

fn counted(key: &'static str, name: &'static str, detail: Vec<Detail>, levels: Levels) -> Indicator {
    let count = detail.len() as i64;
    Indicator {
        key,
        name,
        count,
        threshold: levels.fail,
        warn_at: levels.warn,
        level: Level::of(count, levels),
        detail,
        provisional: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::Period as Unit;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rules() -> Rules {
        Rules::parse(
            r#"
            home = { columns = ["动态"], days = 14, levels = { warn = 10, fail = 14 } }
            news = { columns = ["动态"], days = 14 }
            notices = { columns = ["公告"], months = 6 }
            stale_columns = { warn = 3, fail = 5 }
            long = { columns = ["人事"], months = 12 }
            neglected_columns = { warn = 7, fail = 10 }
            empty_columns = { warn = 3, fail = 5 }
            inquiries = { unanswered_months = 3, lookback_months = 12, reply_working_days = 5 }
            "#,
            &["动态", "公告", "人事"],
        )
        .unwrap()
    }

    fn column(path: &str, rule: DeadlineRule, last: Option<&str>, status: Status) -> ColumnFacts {
        ColumnFacts {
            id: 0,
            path: path.into(),
            rule,
            leaf: true,
            last_update: last.map(day),
            status,
            provisional: false,
        }
    }

    fn news(n: usize, last: &str) -> Vec<ColumnFacts> {
        let rule = DeadlineRule::Every { amount: 10, period: Unit::Day };
        (0..n).map(|i| column(&format!("动态 / 栏目{i}"), rule, Some(last), Status::Ok)).collect()
    }

    fn find<'a>(all: &'a [Indicator], key: &str) -> &'a Indicator {
        all.iter().find(|i| i.key == key).unwrap()
    }

    #[test]
    fn every_indicator_evaluated_is_one_an_order_may_name() {
        let all = evaluate(&rules(), &news(3, "2026-11-01"), &[], day("2026-11-20"));
        assert!(all.len() >= 5);
        for i in &all {
            assert_eq!(indicator(i.key), Some((i.key, i.name)), "{}", i.key);
            assert_eq!(indicator(i.name), Some((i.key, i.name)), "{}", i.name);
        }
        assert_eq!(indicator("首页不可用链接"), Some(("home_broken_links", "首页不可用链接")));
        assert_eq!(indicator("nothing"), None);
    }

    #[test]
    fn two_weeks_to_the_day_fails_the_site() {
        let at = day("2026-11-29");
        // Last update 13 days before: inside; 14 days before: 超过（含）2周.
        let inside = evaluate(&rules(), &news(1, "2026-11-16"), &[], at);
        assert_eq!(
            (find(&inside, "site_not_updated").count, find(&inside, "site_not_updated").level),
            (13, Level::Warn)
        );
        let on_the_day = evaluate(&rules(), &news(1, "2026-11-15"), &[], at);
        assert_eq!(
            (find(&on_the_day, "site_not_updated").count, find(&on_the_day, "site_not_updated").level),
            (14, Level::Fail)
        );
        let fresh = evaluate(&rules(), &news(1, "2026-11-25"), &[], at);
        assert_eq!(find(&fresh, "site_not_updated").level, Level::Pass);
        assert_eq!(find(&evaluate(&rules(), &[], &[], at), "site_not_updated").level, Level::Fail, "never updated");
    }

    #[test]
    fn four_stale_news_columns_warn_five_fail() {
        let at = day("2026-11-29");
        let mut cols = news(4, "2026-11-15");
        cols.extend(news(3, "2026-11-20").into_iter().map(|mut c| {
            c.path.push('甲');
            c
        }));
        let four = evaluate(&rules(), &cols, &[], at);
        assert_eq!((find(&four, "stale_columns").count, find(&four, "stale_columns").level), (4, Level::Warn));
        cols.push(column(
            "公告 / 通知",
            DeadlineRule::Every { amount: 4, period: Unit::Month },
            Some("2026-05-29"),
            Status::Overdue,
        ));
        let five = evaluate(&rules(), &cols, &[], at);
        assert_eq!((find(&five, "stale_columns").count, find(&five, "stale_columns").level), (5, Level::Fail));
        // Six months to the day before is outside; the day after is inside.
        cols.pop();
        cols.push(column(
            "公告 / 通知",
            DeadlineRule::Every { amount: 4, period: Unit::Month },
            Some("2026-05-30"),
            Status::Overdue,
        ));
        assert_eq!(find(&evaluate(&rules(), &cols, &[], at), "stale_columns").count, 4);
    }

    #[test]
    fn nine_neglected_columns_warn_ten_fail() {
        let at = day("2026-11-29");
        let rule = DeadlineRule::Every { amount: 4, period: Unit::Month };
        let mut cols: Vec<ColumnFacts> =
            (0..9).map(|i| column(&format!("专题 / {i}"), rule, Some("2026-01-01"), Status::Overdue)).collect();
        let nine = evaluate(&rules(), &cols, &[], at);
        assert_eq!((find(&nine, "neglected_columns").count, find(&nine, "neglected_columns").level), (9, Level::Warn));
        // A personnel column is judged by its year, not its own four months.
        cols.push(column("人事 / 任免", rule, Some("2025-12-01"), Status::Overdue));
        assert_eq!(find(&evaluate(&rules(), &cols, &[], at), "neglected_columns").count, 9);
        cols.pop();
        cols.push(column("人事 / 任免", rule, Some("2025-11-29"), Status::Overdue));
        let ten = evaluate(&rules(), &cols, &[], at);
        assert_eq!((find(&ten, "neglected_columns").count, find(&ten, "neglected_columns").level), (10, Level::Fail));
        // Columns that need no update are never neglected; a news column is judged by its window.
        let exempt = column("专题 / 转载", DeadlineRule::NoUpdate, Some("2020-01-01"), Status::Exempt);
        let late_news = column(
            "动态 / 要闻",
            DeadlineRule::Every { amount: 10, period: Unit::Day },
            Some("2026-11-01"),
            Status::Overdue,
        );
        assert_eq!(find(&evaluate(&rules(), &[exempt, late_news], &[], at), "neglected_columns").count, 0);
    }

    #[test]
    fn four_blank_columns_warn_five_fail_and_groups_are_not_columns_of_content() {
        let at = day("2026-11-29");
        let mut cols: Vec<ColumnFacts> =
            (0..4).map(|i| column(&format!("专题 / {i}"), DeadlineRule::AsNeeded, None, Status::Empty)).collect();
        cols.push(ColumnFacts { leaf: false, ..column("专题", DeadlineRule::Unspecified, None, Status::Exempt) });
        let four = evaluate(&rules(), &cols, &[], at);
        assert_eq!((find(&four, "empty_columns").count, find(&four, "empty_columns").level), (4, Level::Warn));
        cols.push(column("专题 / 4", DeadlineRule::AsNeeded, None, Status::Empty));
        assert_eq!(find(&evaluate(&rules(), &cols, &[], at), "empty_columns").level, Level::Fail);
    }

    #[test]
    fn an_inquiry_unanswered_three_months_fails_and_one_past_its_deadline_warns() {
        let at = day("2026-11-29");
        let q = |asked: &str, answered: Option<&str>, valid: bool| InquiryFacts {
            subject: "咨询低保申请条件".into(),
            asked_on: day(asked),
            valid,
            answered_on: answered.map(day),
            due: day(asked) + chrono::Duration::days(7),
            provisional: false,
        };
        let level = |qs: &[InquiryFacts]| find(&evaluate(&rules(), &[], qs, at), "unanswered_inquiries").level;
        assert_eq!(level(&[q("2026-08-30", None, true)]), Level::Warn, "three months less a day");
        assert_eq!(level(&[q("2026-08-29", None, true)]), Level::Fail, "three months to the day");
        assert_eq!(level(&[q("2026-08-29", Some("2026-09-05"), true)]), Level::Pass);
        assert_eq!(level(&[q("2026-08-29", Some("2026-12-05"), true)]), Level::Fail, "answered only after the day");
        assert_eq!(level(&[q("2026-08-29", None, false)]), Level::Pass, "an invalid inquiry needs no answer");
        assert_eq!(level(&[q("2025-11-29", None, true)]), Level::Pass, "older than the year looked back on");
        assert_eq!(level(&[q("2026-11-27", None, true)]), Level::Pass, "within its reply deadline");
    }

    #[test]
    fn rules_name_only_known_columns() {
        let e = Rules::parse(
            r#"
            home = { columns = ["不存在"], days = 14, levels = { warn = 10, fail = 14 } }
            news = { columns = [], days = 14 }
            notices = { columns = [], months = 6 }
            stale_columns = { warn = 3, fail = 5 }
            long = { columns = [], months = 12 }
            neglected_columns = { warn = 7, fail = 10 }
            empty_columns = { warn = 3, fail = 5 }
            inquiries = { unanswered_months = 3, lookback_months = 12, reply_working_days = 5 }
            "#,
            &["动态"],
        )
        .unwrap_err();
        assert_eq!(e, "column path \"不存在\" is not in the column table");
    }

    #[test]
    fn broken_links_count_once_on_the_home_page_first() {
        let mut rules = rules();
        rules.home_links = Some(Levels { warn: 1, fail: 2 });
        rules.other_links = Some(Levels { warn: 1, fail: 10 });
        let link =
            |url: &str, item: i64, column: &str| BrokenLink { url: url.into(), item, columns: vec![column.into()] };
        let home = rules.home.columns[0].clone();
        let found = link_indicators(
            &rules,
            &[
                link("https://a.cn/1", 1, &home),
                link("https://a.cn/1", 2, "其他栏目"),
                link("https://a.cn/2", 2, "其他栏目"),
                link("https://a.cn/2", 3, "其他栏目"),
            ],
        );
        assert_eq!(found[0].key, "home_broken_links");
        assert_eq!((found[0].count, found[0].level), (1, Level::Warn));
        assert_eq!(found[1].key, "other_broken_links");
        assert_eq!(found[1].count, 1);
        assert_eq!(found[1].detail.iter().map(|d| d.what.as_str()).collect::<Vec<_>>(), ["https://a.cn/2"]);
        assert_eq!(found[1].detail[0].opens, Some(Opens::Item(2)), "a link opens the first item carrying it");
        rules.home_links = None;
        rules.other_links = None;
        assert!(link_indicators(&rules, &[link("https://a.cn/1", 1, &home)]).is_empty());
    }

    #[test]
    fn the_site_is_unreachable_from_five_percent_of_a_weeks_visits_failing() {
        let mut rules = rules();
        assert!(site_indicator(&rules, &[], day("2026-11-29")).is_none(), "not evaluated without its rule");
        let rule = Reachability { days: 7, per_day: 20, seconds: 15, percent: Levels { warn: 1, fail: 5 } };
        rules.site_unreachable = Some(rule);
        // 20 visits a day for a week, the day inspected the last: 140.
        let week = |failing: usize, slow: usize| -> Vec<ProbeFact> {
            let mut out = Vec::new();
            for d in 0..7 {
                for n in 0..20 {
                    let i = d * 20 + n;
                    let on = day("2026-11-23") + chrono::Duration::days(d as i64);
                    let reachable = i >= failing;
                    let millis = if i >= failing && i < failing + slow { 15_000 } else { 300 };
                    let why = (!reachable).then(|| "no answer within 15 s".to_string());
                    out.push(ProbeFact { on, when: format!("{on} {n:02}:00"), reachable, millis, why });
                }
            }
            out
        };
        let at = day("2026-11-29");
        let i = site_indicator(&rules, &week(0, 0), at).unwrap();
        assert_eq!((i.key, i.count, i.level), ("site_unreachable", 0, Level::Pass));
        let (from, to) = (day("2026-11-23"), at);
        let probes = Note::Probes { from, to, total: 140, failed: 0, seconds: 15, permille: 0 };
        assert_eq!(i.detail, [Detail::said(probes)]);
        // 6 of 140 is 4.3%: warns; 7 (5.0%, inclusive) fails, and so do 15 s answers.
        let i = site_indicator(&rules, &week(6, 0), at).unwrap();
        assert_eq!((i.count, i.level), (4, Level::Warn));
        assert_eq!(i.detail.len(), 1 + 6);
        assert_eq!(i.detail[0].note, Note::Probes { from, to, total: 140, failed: 6, seconds: 15, permille: 43 });
        let why = Some("no answer within 15 s".to_string());
        let latest = Note::NotOpened { when: "2026-11-23 05:00".into(), why, millis: 300 };
        assert_eq!(i.detail[1], Detail::said(latest), "the latest first");
        assert_eq!(site_indicator(&rules, &week(7, 0), at).unwrap().level, Level::Fail);
        let slow = site_indicator(&rules, &week(4, 3), at).unwrap();
        assert_eq!((slow.count, slow.level), (5, Level::Fail));
        assert!(
            slow.detail.iter().any(|d| matches!(d.note, Note::NotOpened { why: None, millis: 15_000, .. })),
            "{:?}",
            slow.detail
        );
        // Visits outside the week do not count; a thin day is said.
        let i = site_indicator(&rules, &week(20, 0), day("2026-12-06")).unwrap();
        assert_eq!((i.count, i.level), (0, Level::Pass));
        assert_eq!(i.detail, [Detail::said(Note::NoProbes { from: day("2026-11-30"), to: day("2026-12-06") })]);
        let thin: Vec<ProbeFact> = week(0, 0).into_iter().skip(5).collect();
        let i = site_indicator(&rules, &thin, at).unwrap();
        assert_eq!(i.detail[1], Detail::said(Note::ThinlyMonitored { days: 1, per_day: 20 }));
    }
}
