//! The State Council General Office's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知),
//! read from plain text as it is published and pasted: the days off and the weekend days made
//! working days it announces, or the first line it cannot read.
//!
//! A notice is its title, its number, an addressee, a sentence that introduces it, one paragraph
//! per holiday (`一、元旦：1月1日（周五）至3日放假，共3天。`), a closing paragraph and a signature.
//! Every line that gives a date must be read whole: a holiday's heading (`六、中秋节、国庆节：`)
//! and its sentences — ranges within a month and across months and years (`4月29日至5月1日`,
//! `2022年12月31日至2023年1月2日`), single days and lists (`1月28日（星期六）、1月29日（星期日）上班`),
//! `放假`, `放假调休`, `补休`, `与周末连休`, `不调休`, `共N天` (checked against the range), a
//! weekday or lunar note in brackets (the weekday is checked against the date). Full- and
//! half-width punctuation and digits read the same (NFKC). Lines without dates (the addressee,
//! the introduction, the closing paragraph, the signature) are read as prose, but a year in them
//! must be the notice's own.

use crate::t;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use unicode_normalization::UnicodeNormalization;

use super::calendar::{CalendarDay, DayKind, check_day};

/// The note of a weekend day made a working day (as the built-in calendar has it).
pub const WORKDAY_NOTE: &str = "调休上班";

/// A notice, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The year it is for (its title's).
    pub year: i32,
    /// Its number (国办发明电〔2020〕27号), when the text gives it.
    pub number: Option<String>,
    /// Every day it announces, in date order: holidays noted with their heading, working days
    /// with `WORKDAY_NOTE`.
    pub days: Vec<CalendarDay>,
}

impl Notice {
    /// How the notice is named in messages and the audit: its number, else its year's title.
    pub fn source(&self) -> String {
        self.number.clone().unwrap_or_else(|| format!("国务院办公厅关于{}年部分节假日安排的通知", self.year))
    }
}

/// Why a notice cannot be read: the line (from 1), what it says, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeError {
    pub line: usize,
    pub text: String,
    pub message: String,
}

impl NoticeError {
    /// What is wrong, with the start of the line it is on.
    pub fn what(&self) -> String {
        let shown: String = self.text.chars().take(40).collect();
        let cut = if self.text.chars().count() > 40 { "…" } else { "" };
        if shown.is_empty() { self.message.clone() } else { format!("{} (“{shown}{cut}”)", self.message) }
    }
}

impl fmt::Display for NoticeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.what())
    }
}

impl std::error::Error for NoticeError {}

/// A line as read: NFKC (full-width digits, colons, commas and brackets become ASCII), without
/// any whitespace (a copy from a PDF or a web page puts spaces anywhere).
fn normalised(line: &str) -> String {
    line.nfkc().filter(|c| !c.is_whitespace() && *c != '\u{feff}').collect()
}

/// Reads a notice.
pub fn parse_notice(text: &str) -> Result<Notice, NoticeError> {
    let lines: Vec<(usize, &str, String)> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| (i + 1, raw.trim(), normalised(raw)))
        .filter(|(_, _, l)| !l.is_empty())
        .collect();
    let err = |line: usize, raw: &str, message: String| NoticeError { line, text: raw.to_string(), message };
    let Some(&(first, first_raw, _)) = lines.first() else {
        return Err(err(1, "", t!("notice-empty")));
    };
    // The year: the title's (国务院办公厅关于2027年部分节假日安排的通知).
    // A title copied from a web page may be broken over two lines.
    let opening: String = lines.iter().take(3).map(|(_, _, l)| l.as_str()).collect();
    let Some(year) = lines.iter().find_map(|(_, _, l)| title_year(l)).or_else(|| title_year(&opening)) else {
        return Err(err(first, first_raw, t!("notice-no-title")));
    };
    let mut reader = Reader { year, days: BTreeMap::new(), number: None, paragraph: None };
    // Whether a holiday's heading has come (before it: the introduction).
    let mut started = false;
    for &(n, raw, ref line) in &lines {
        let fail = |message: String| err(n, raw, message);
        if title_year(line).is_some() {
            reader.close().map_err(fail)?;
            continue;
        }
        if let Some(number) = document_number(line) {
            reader.close().map_err(fail)?;
            reader.number.get_or_insert(number);
            continue;
        }
        if let Some((names, rest)) = split_heading(line) {
            reader.close().map_err(fail)?;
            started = true;
            reader.paragraph = Some(Paragraph { names, last: Vec::new(), waiting: Vec::new() });
            reader.schedule(&rest).map_err(fail)?;
            continue;
        }
        if has_date(line) && started {
            if let Some(date) = signature_date(line) {
                reader.close().map_err(fail)?;
                if date.year() != year && date.year() != year - 1 {
                    return Err(fail(t!("notice-dated", date = date.to_string(), year = year.to_string())));
                }
                continue;
            }
            // A holiday's paragraph that goes on over the next line.
            if reader.paragraph.is_none() {
                return Err(fail(t!("notice-outside-paragraph-line")));
            }
            reader.schedule(line).map_err(fail)?;
            continue;
        }
        reader.close().map_err(fail)?;
        prose(line, year, !started).map_err(fail)?;
    }
    if let Some(&(n, raw, _)) = lines.last() {
        reader.close().map_err(|m| err(n, raw, m))?;
    }
    if reader.days.is_empty() {
        return Err(err(first, first_raw, t!("notice-no-holiday")));
    }
    let days = reader.days.into_iter().map(|(date, (kind, note))| CalendarDay { date, kind, note }).collect();
    Ok(Notice { year, number: reader.number, days })
}

/// The year of a title line (`…关于2027年部分节假日安排的通知`).
fn title_year(line: &str) -> Option<i32> {
    let at = line.find("年部分节假日安排")?;
    let digits: String =
        line[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    if digits.len() != 4 || !line[..at].contains("关于") {
        return None;
    }
    digits.parse().ok()
}

/// A document number on a line of its own: 国办发明电〔2020〕27号 (any brackets).
fn document_number(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let issuer = chars.iter().take_while(|c| is_han(**c)).count();
    let rest = &chars[issuer..];
    let ok = issuer >= 2
        && rest.len() >= 8
        && "〔[(【［".contains(rest[0])
        && rest[1..5].iter().all(char::is_ascii_digit)
        && "〕])】］".contains(rest[5])
        && rest[6..rest.len() - 1].iter().all(char::is_ascii_digit)
        && rest.len() > 7
        && rest[rest.len() - 1] == '号';
    ok.then(|| {
        format!(
            "{}〔{}〕{}号",
            chars[..issuer].iter().collect::<String>(),
            rest[1..5].iter().collect::<String>(),
            rest[6..rest.len() - 1].iter().collect::<String>()
        )
    })
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// A holiday's heading and what follows it on the line: `六、中秋节、国庆节:9月29日…` →
/// (`中秋节、国庆节`, `9月29日…`). The ordinal (一、 (一) 1.) is optional; the names are Chinese.
fn split_heading(line: &str) -> Option<(String, String)> {
    let (head, rest) = line.split_once(':')?;
    let (head, ordinal) = strip_ordinal(head);
    let names: Vec<&str> = head.split(['、', '和']).collect();
    let holiday = |n: &&str| !n.is_empty() && n.chars().count() <= 20 && n.chars().all(is_han);
    if !names.iter().all(holiday) {
        return None;
    }
    // A heading names holidays: after an ordinal, or with names that end as holidays' names do.
    let named = names.iter().all(|n| n.ends_with('节') || n.ends_with('旦') || n.ends_with('日'));
    (ordinal || named).then(|| (names.join("、"), rest.to_string()))
}

/// A heading without its ordinal (一、 十二、 (一) 1. 1、), and whether it had one.
fn strip_ordinal(head: &str) -> (&str, bool) {
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    let bracketed = head.strip_prefix('(');
    let inner = bracketed.unwrap_or(head);
    let n: usize = inner.chars().take_while(|c| numeral(*c)).map(char::len_utf8).sum();
    if n == 0 {
        return (head, false);
    }
    let after = &inner[n..];
    let stripped = if bracketed.is_some() {
        after.strip_prefix(')')
    } else {
        after.strip_prefix('、').or_else(|| after.strip_prefix('.'))
    };
    stripped.map_or((head, false), |h| (h, true))
}

/// Whether a line gives a day (`M月D日`, or `D日` after a range's `至`).
fn has_date(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.windows(2).any(|w| w[0].is_ascii_digit() && (w[1] == '月' || w[1] == '日'))
}

/// A line that is only a full date: the notice's signature (2020年11月25日).
fn signature_date(line: &str) -> Option<NaiveDate> {
    let (y, rest) = line.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let num =
        |s: &str| (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    NaiveDate::from_ymd_opt(i32::try_from(num(y)?).ok()?, num(m)?, num(d)?)
}

/// A line of prose. Before the first holiday (the addressee, the introduction, which since 2025
/// also states the principles, with figures and dates of its own) anything goes but a year that
/// contradicts the title's where it introduces the schedule (现将2027年元旦……通知如下). After it (the
/// closing paragraph, the signature): Chinese text and punctuation, no figure but the year.
fn prose(line: &str, year: i32, introduction: bool) -> Result<(), String> {
    if introduction {
        let Some(at) = line.find("现将") else { return Ok(()) };
        let digits: String = line[at + "现将".len()..].chars().take_while(char::is_ascii_digit).collect();
        return match digits.parse::<i32>() {
            Ok(found) if digits.len() == 4 && found != year => {
                Err(t!("notice-year-contradicts", found = found.to_string(), year = year.to_string()))
            }
            _ => Ok(()),
        };
    }
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let digits: String = chars[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
            if digits.len() != 4 || chars.get(i + digits.len()) != Some(&'年') {
                return Err(t!("notice-figure-outside"));
            }
            let found: i32 = digits.parse().unwrap_or(0);
            if found != year {
                return Err(t!("notice-year-contradicts", found = found.to_string(), year = year.to_string()));
            }
            i += digits.len();
            continue;
        }
        if c.is_ascii_alphabetic() {
            return Err(t!("notice-not-notice"));
        }
        i += 1;
    }
    Ok(())
}

/// What a notice's holiday paragraphs have given so far.
struct Reader {
    year: i32,
    /// Each day once: its kind and note.
    days: BTreeMap<NaiveDate, (DayKind, String)>,
    number: Option<String>,
    /// The holiday paragraph being read.
    paragraph: Option<Paragraph>,
}

/// A holiday's paragraph (it may go on over several lines).
struct Paragraph {
    /// Its heading's names (中秋节、国庆节): the note of its days off.
    names: String,
    /// The days off of its last clause that gave some (for `共N天` and `与周末连休`).
    last: Vec<NaiveDate>,
    /// Days written without a verb yet (`9月26日（星期日），10月9日（星期六）上班`).
    waiting: Vec<NaiveDate>,
}

/// A day as written: `2022年12月31日`, `5月1日`, or `3日` (the end of a range, in its start's month).
#[derive(Debug, Clone, Copy)]
struct Written {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
    /// The weekday its note gives (（星期六）, （周六）), if it gives one.
    weekday: Option<Weekday>,
}

impl Reader {
    /// The paragraph ends: every day it gave has its verb.
    fn close(&mut self) -> Result<(), String> {
        match self.paragraph.take() {
            Some(p) if !p.waiting.is_empty() => Err(t!("notice-no-verb", date = p.waiting[0].to_string())),
            _ => Ok(()),
        }
    }

    /// A holiday's sentences (after its heading, or a line that goes on with them): each
    /// sentence's clauses, in order.
    fn schedule(&mut self, text: &str) -> Result<(), String> {
        for sentence in text.split(['。', ';', '.']).filter(|s| !s.is_empty()) {
            // Advice, not a schedule (2024: 鼓励各单位……安排职工在除夕（2月9日）休息).
            if sentence.starts_with("鼓励") || sentence.starts_with("提倡") {
                continue;
            }
            for clause in sentence.split(',').filter(|c| !c.is_empty()) {
                self.clause(clause)?;
            }
        }
        Ok(())
    }

    fn clause(&mut self, clause: &str) -> Result<(), String> {
        let chars: Vec<char> = clause.chars().collect();
        let (mut dates, at) = self.dates(&chars)?;
        let verb: String = chars[at..].iter().collect();
        let Some(mut p) = self.paragraph.take() else { return Err(t!("notice-outside-paragraph")) };
        let done = self.read_clause(&mut p, clause, &mut dates, &verb);
        self.paragraph = Some(p);
        done
    }

    fn read_clause(
        &mut self,
        p: &mut Paragraph,
        clause: &str,
        dates: &mut Vec<NaiveDate>,
        verb: &str,
    ) -> Result<(), String> {
        if dates.is_empty() {
            return self.remark(verb, &mut p.last, clause);
        }
        dates.splice(0..0, p.waiting.drain(..));
        // A list that goes on over the next line ends in its separator.
        if verb.is_empty() || verb == "、" || verb == "和" {
            p.waiting.append(dates);
            return Ok(());
        }
        if let Some(after) = verb.strip_prefix("放假") {
            // 放假 / 放假调休 / 放假1天 / 放假调休共3天
            let after = after.strip_prefix("调休").unwrap_or(after);
            self.add(dates, DayKind::Holiday, &p.names)?;
            p.last = std::mem::take(dates);
            if !after.is_empty() {
                self.remark(after, &mut p.last, clause)?;
            }
            return Ok(());
        }
        if verb == "补休" || verb == "调休" {
            self.add(dates, DayKind::Holiday, &p.names)?;
            p.last = std::mem::take(dates);
            return Ok(());
        }
        if verb == "上班" || verb == "调休上班" || verb == "正常上班" {
            return self.add(dates, DayKind::Workday, WORKDAY_NOTE);
        }
        Err(t!("notice-verb", verb = verb))
    }

    /// A clause without dates: `共N天`, `N天`, `与周末连休`, `不调休`, `放假调休`.
    fn remark(&mut self, text: &str, last: &mut [NaiveDate], clause: &str) -> Result<(), String> {
        let text = text.strip_prefix('共').unwrap_or(text);
        if let Some(n) = text.strip_suffix('天').or_else(|| text.strip_suffix('日')) {
            let Ok(n) = n.parse::<usize>() else {
                return Err(t!("notice-clause", clause = clause));
            };
            if last.is_empty() {
                return Err(t!("notice-clause-first", clause = clause));
            }
            if last.len() != n {
                return Err(t!(
                    "notice-days-count",
                    start = last[0].to_string(),
                    end = last[last.len() - 1].to_string(),
                    count = last.len(),
                    said = n
                ));
            }
            return Ok(());
        }
        match text {
            "与周末连休" | "与周末连休调休" => {
                let Some((&first, &end)) = last.first().zip(last.last()) else {
                    return Err(t!("notice-clause-first", clause = clause));
                };
                let note = self.days.get(&first).map(|(_, n)| n.clone()).unwrap_or_default();
                let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
                let mut joined = Vec::new();
                let mut d = first - Duration::days(1);
                while weekend(d) {
                    joined.push(d);
                    d -= Duration::days(1);
                }
                let mut d = end + Duration::days(1);
                while weekend(d) {
                    joined.push(d);
                    d += Duration::days(1);
                }
                for d in joined {
                    self.check_year(d)?;
                    self.days.entry(d).or_insert((DayKind::Holiday, note.clone()));
                }
                Ok(())
            }
            "不调休" | "放假调休" | "放假" | "调休" => Ok(()),
            _ => Err(t!("notice-clause", clause = clause)),
        }
    }

    /// Days of a holiday or working days, each once.
    fn add(&mut self, dates: &[NaiveDate], kind: DayKind, note: &str) -> Result<(), String> {
        for &date in dates {
            self.check_year(date)?;
            check_day(date, kind).map_err(|_| {
                t!("notice-not-weekend", date = date.to_string(), weekday = weekday_name(date.weekday()))
            })?;
            if let Some((was, _)) = self.days.get(&date) {
                let date = date.to_string();
                return Err(if *was == kind {
                    t!("notice-twice", date = date)
                } else {
                    t!("notice-both", date = date)
                });
            }
            self.days.insert(date, (kind, note.to_string()));
        }
        Ok(())
    }

    /// A notice for a year gives days of that year, and of the December before (元旦).
    fn check_year(&self, date: NaiveDate) -> Result<(), String> {
        if date.year() == self.year || (date.year() == self.year - 1 && date.month() == 12) {
            Ok(())
        } else {
            Err(t!("notice-outside-year", date = date.to_string(), year = self.year.to_string()))
        }
    }

    /// The dates at the start of a clause, and where the rest starts: `D`, `D至D`, `D、D、D`
    /// (each `D` with an optional note in brackets).
    fn dates(&self, chars: &[char]) -> Result<(Vec<NaiveDate>, usize), String> {
        let mut out = Vec::new();
        let Some((first, mut at)) = written(chars, 0)? else { return Ok((out, 0)) };
        let start = self.resolve(first, None)?;
        if chars.get(at).is_some_and(|c| "至~-—–到".contains(*c)) {
            let Some((second, next)) = written(chars, at + 1)? else {
                return Err(t!("notice-range-open"));
            };
            let end = self.resolve(second, Some(start))?;
            if end < start {
                return Err(t!("notice-range-backwards", start = start.to_string(), end = end.to_string()));
            }
            if (end - start).num_days() > 30 {
                return Err(t!("notice-range-long", start = start.to_string(), end = end.to_string()));
            }
            let mut d = start;
            while d <= end {
                out.push(d);
                d += Duration::days(1);
            }
            return Ok((out, next));
        }
        out.push(start);
        while chars.get(at).is_some_and(|c| *c == '、' || *c == '和') {
            let Some((more, next)) = written(chars, at + 1)? else { break };
            out.push(self.resolve(more, None)?);
            at = next;
        }
        Ok((out, at))
    }

    /// A written day as a date: its own year and month, else the range's start's, else the
    /// notice's year; its weekday note must be right.
    fn resolve(&self, w: Written, start: Option<NaiveDate>) -> Result<NaiveDate, String> {
        if let Some(y) = w.year
            && y != self.year
            && y != self.year - 1
        {
            return Err(t!("notice-year-contradicts", found = y.to_string(), year = self.year.to_string()));
        }
        let year = w.year.or(start.map(|s| s.year())).unwrap_or(self.year);
        let Some(month) = w.month.or(start.map(|s| s.month())) else {
            return Err(t!("notice-no-month", day = w.day.to_string()));
        };
        let Some(date) = NaiveDate::from_ymd_opt(year, month, w.day) else {
            return Err(t!(
                "notice-no-such-day",
                year = year.to_string(),
                month = month.to_string(),
                day = w.day.to_string()
            ));
        };
        if let Some(said) = w.weekday
            && said != date.weekday()
        {
            return Err(t!(
                "notice-weekday",
                date = date.to_string(),
                weekday = weekday_name(date.weekday()),
                english = date.weekday().to_string(),
                said = weekday_name(said)
            ));
        }
        Ok(date)
    }
}

/// The written day at `i` (`[YYYY年][M月]D日` and an optional note in brackets), and where it ends.
fn written(chars: &[char], i: usize) -> Result<Option<(Written, usize)>, String> {
    let number = |from: usize| -> (Option<u32>, usize) {
        let n = chars[from.min(chars.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > 4 {
            return (None, from);
        }
        (chars[from..from + n].iter().collect::<String>().parse().ok(), from + n)
    };
    let (mut year, mut month) = (None, None);
    let (mut n, mut at) = number(i);
    let Some(mut value) = n else { return Ok(None) };
    if chars.get(at) == Some(&'年') {
        year = Some(value as i32);
        (n, at) = number(at + 1);
        value = n.ok_or_else(|| t!("notice-year-only"))?;
    }
    if chars.get(at) == Some(&'月') {
        month = Some(value);
        (n, at) = number(at + 1);
        value = n.ok_or_else(|| t!("notice-month-only"))?;
    }
    if chars.get(at) != Some(&'日') && chars.get(at) != Some(&'号') {
        return if year.is_none() && month.is_none() { Ok(None) } else { Err(t!("notice-no-day")) };
    }
    at += 1;
    let mut weekday = None;
    if chars.get(at) == Some(&'(') {
        let close = chars[at..].iter().position(|c| *c == ')').ok_or_else(|| t!("notice-bracket"))? + at;
        let inner: String = chars[at + 1..close].iter().collect();
        for part in inner.split(['、', ',', '/']).filter(|p| !p.is_empty()) {
            if let Some(d) = weekday_of(part) {
                weekday = Some(d);
            } else if !(part.starts_with("农历")
                || part == "除夕"
                || part == "星期"
                || part.starts_with("正月")
                || part.starts_with("腊月"))
            {
                return Err(t!("notice-note", part = part));
            }
        }
        at = close + 1;
    }
    Ok(Some((Written { year, month, day: value, weekday }, at)))
}

/// 星期六, 周六, 礼拜六 (日 and 天 are Sunday).
fn weekday_of(s: &str) -> Option<Weekday> {
    let d = s.strip_prefix("星期").or_else(|| s.strip_prefix("周")).or_else(|| s.strip_prefix("礼拜"))?;
    Some(match d {
        "一" => Weekday::Mon,
        "二" => Weekday::Tue,
        "三" => Weekday::Wed,
        "四" => Weekday::Thu,
        "五" => Weekday::Fri,
        "六" => Weekday::Sat,
        "日" | "天" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

#[cfg(test)]
mod tests;
