//! Content checks that catch the national inspection's veto offences before publication: wrong
//! names of leaders, institutions and fixed terms, secret markings and banned words (one
//! Aho-Corasick automaton over every pattern), personal data shown in full in any written form
//! (`personal_numbers`: resident ID numbers, probable ones, mobile and bank card numbers), malformed document
//! numbers, impossible dates, and the same figure quoted with two values.

use crate::t;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{DateTime, NaiveDate, Utc};

use super::personal_numbers::{self, NumberKind};
use super::time::beijing_date;

/// The shipped example lists (data/checks/): the names that must be written exactly, and the words
/// that must not appear.
pub const NAMES: &str = include_str!("../../data/checks/names.tsv");
pub const WORDS: &str = include_str!("../../data/checks/words.tsv");

mod finding;

pub use finding::*;

#[derive(Debug, Clone)]
enum Pattern {
    /// A wrong form of a name or term: (correct form, its kind, note).
    Wrong { correct: String, kind: NameKind, note: String },
    /// An official who has left office.
    Left { note: String },
    /// A word from the word list.
    Word { kind: String, suggestion: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Leader,
    Institution,
    Term,
}

/// The lists, compiled: every pattern in one automaton, and their version (what stored findings
/// were found with: a finding stored under another version is checked again by `check --all`).
#[derive(Debug, Clone)]
pub struct Lists {
    automaton: AhoCorasick,
    patterns: Vec<(String, Pattern)>,
    version: String,
}

/// The version of two lists' texts: the first 16 hexadecimal digits of SHA-256 over both, so that
/// any change to either (a name added, a word removed) is another version.
pub fn lists_version(names: &str, words: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(names.as_bytes());
    hash.update([0]);
    hash.update(words.as_bytes());
    hash.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The data rows of a TSV list (comments and the header row left out), with their line numbers.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

impl Lists {
    /// Compiles the names list and the word list (TSV, as in `data/checks/`).
    pub fn parse(names: &str, words: &str) -> Result<Lists, String> {
        let mut patterns: Vec<(String, Pattern)> = Vec::new();
        for (line, cols) in rows(names) {
            let [name, kind, wrong, status, note] = cols[..] else {
                return Err(t!("rules-names-fields", line = line));
            };
            let kind = match kind {
                "leader" => NameKind::Leader,
                "institution" => NameKind::Institution,
                "term" => NameKind::Term,
                other => return Err(t!("rules-names-kind", line = line, kind = format!("{other:?}"))),
            };
            match status {
                "current" => {}
                "left" if kind == NameKind::Leader => {
                    patterns.push((name.to_string(), Pattern::Left { note: note.to_string() }))
                }
                other => {
                    return Err(t!("rules-names-status", line = line, status = format!("{other:?}")));
                }
            }
            for w in wrong.split('、').map(str::trim).filter(|w| !w.is_empty()) {
                patterns
                    .push((w.to_string(), Pattern::Wrong { correct: name.to_string(), kind, note: note.to_string() }));
            }
        }
        for (line, cols) in rows(words) {
            let [word, kind, suggestion] = cols[..] else {
                return Err(t!("rules-words-fields", line = line));
            };
            if word.trim().is_empty() {
                return Err(t!("rules-words-empty", line = line));
            }
            patterns
                .push((word.to_string(), Pattern::Word { kind: kind.to_string(), suggestion: suggestion.to_string() }));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .map_err(|e| t!("rules-lists-compile", error = e.to_string()))?;
        Ok(Lists { automaton, patterns, version: lists_version(names, words) })
    }

    /// The shipped example lists, compiled.
    pub fn shipped() -> Lists {
        Lists::parse(NAMES, WORDS).expect("the shipped lists compile (tested)")
    }

    /// The version the findings they find are stored under.
    pub fn version(&self) -> &str {
        &self.version
    }
}

/// What the checks read of an item: its title, its body and its dates.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub submitted_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// The issue date of the document it carries, if it carries one.
    pub issued_on: Option<NaiveDate>,
}

/// Every finding on one item's title, body and dates, as of `now`.
pub fn check_item(lists: &Lists, item: Checked<'_>, now: DateTime<Utc>) -> Vec<Finding> {
    let mut out = check_text(lists, Field::Title, item.title);
    out.extend(check_text(lists, Field::Body, item.body));
    out.extend(check_dates(item.submitted_at, item.published_at, now, item.issued_on));
    out
}

/// `check_item` on many items at once, on every core (`on_every_core`); the findings in the items'
/// order.
pub fn check_items(lists: &Lists, items: &[Checked<'_>], now: DateTime<Utc>) -> Vec<Vec<Finding>> {
    on_every_core(items, |i| check_item(lists, *i, now))
}

/// Items a thread of `on_every_core` takes at a time.
const RUN: usize = 32;

/// `work` on each of `items`, on every core, the results in the items' order: one thread a core,
/// each taking the next run of `RUN` neighbours until none is left, so that a thread slowed by
/// another's work (the database's next page read while these are checked, or another program)
/// leaves more to the others instead of holding up the whole. Few items, or one core: on this
/// thread.
pub fn on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if cores == 1 || items.len() < 2 * RUN {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let (next, work) = (&next, &work);
    let mut runs: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..cores.min(items.len().div_ceil(RUN)))
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(RUN, Ordering::Relaxed);
                        let Some(run) = items.get(start..items.len().min(start + RUN)).filter(|r| !r.is_empty()) else {
                            return done;
                        };
                        done.push((start, run.iter().map(work).collect::<Vec<R>>()));
                    }
                })
            })
            .collect();
        threads.into_iter().flat_map(|t| t.join().expect("a thread of work never panics")).collect()
    });
    runs.sort_unstable_by_key(|(start, _)| *start);
    runs.into_iter().flat_map(|(_, run)| run).collect()
}

/// Titles that may come before a person's name.
const TITLES: &[&str] = &["区长", "书记", "主任", "局长", "部长", "县长", "市长", "主席", "委员", "同志", "代表"];

/// Words that may follow a person's name (a title, or a verb of reporting): a name followed by
/// another ideograph is otherwise part of a longer word.
const AFTER_NAME: &[&str] = &[
    "同志",
    "区长",
    "副区长",
    "书记",
    "副书记",
    "主任",
    "局长",
    "部长",
    "县长",
    "市长",
    "主席",
    "委员",
    "代表",
    "在",
    "指出",
    "强调",
    "表示",
    "说",
    "主持",
    "出席",
    "带队",
    "一行",
    "等",
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The findings in one text (a title or a body).
pub fn check_text(lists: &Lists, field: Field, text: &str) -> Vec<Finding> {
    // The checks of numbers (personal numbers, document numbers, figures) find nothing in a text
    // without a digit; the text is read as characters only for them and around a person's name.
    let digits = has_digit(text);
    let mut chars: Vec<char> = if digits { text.chars().collect() } else { Vec::new() };
    // Byte offset → character index, for spans people can count: counted on from the last match
    // (they come in the text's order, none overlapping), so that a text with no match (most of
    // them) costs nothing more.
    let (mut byte, mut index) = (0, 0);
    let mut index_of = |b: usize| {
        index += text[byte..b].chars().count();
        byte = b;
        index
    };
    let mut out = Vec::new();
    for m in lists.automaton.find_iter(text) {
        let start = index_of(m.start());
        let end = index_of(m.end());
        let found = &text[m.start()..m.end()];
        let (pattern_text, pattern) = &lists.patterns[m.pattern().as_usize()];
        let person = matches!(pattern, Pattern::Left { .. } | Pattern::Wrong { kind: NameKind::Leader, .. });
        if person {
            if chars.is_empty() {
                chars = text.chars().collect();
            }
            // A name inside a longer word (李明华 in 李明华街) is not the person; after a title
            // (区长李明华调研) it is, whatever follows.
            let before: String = chars[start.saturating_sub(3)..start].iter().collect();
            let rest: String = chars[end..chars.len().min(end + 3)].iter().collect();
            let titled = TITLES.iter().any(|t| before.ends_with(t));
            let alone_before = start == 0 || !is_han(chars[start - 1]);
            let alone_after =
                chars.get(end).is_none_or(|c| !is_han(*c)) || AFTER_NAME.iter().any(|t| rest.starts_with(t));
            if !(titled || (alone_before && alone_after)) {
                continue;
            }
        }
        let finding = |kind, message: Said, suggestion: String, blocking| Finding {
            kind,
            field,
            start,
            end,
            text: found.to_string(),
            message: Message::Said(message),
            suggestion,
            blocking,
        };
        let wrong = pattern_text.clone();
        out.push(match pattern {
            Pattern::Wrong { correct, kind: NameKind::Term, .. } => finding(
                FindingKind::WrongTerm,
                Said::WrongTerm { wrong, correct: correct.clone() },
                correct.clone(),
                false,
            ),
            Pattern::Wrong { correct, note, .. } => finding(
                FindingKind::LeaderName,
                Said::WrongName { wrong, correct: correct.clone(), note: note.clone() },
                correct.clone(),
                true,
            ),
            Pattern::Left { note } => finding(
                FindingKind::LeaderName,
                Said::LeftOffice { name: wrong, note: note.clone() },
                String::new(),
                false,
            ),
            Pattern::Word { kind, suggestion } => finding(
                FindingKind::SensitiveWord,
                Said::Word { kind: kind.clone(), word: wrong },
                suggestion.clone(),
                kind == "secret",
            ),
        });
    }
    if digits {
        personal_data(field, &chars, &mut out);
        document_numbers(field, &chars, &mut out);
        figures(field, &chars, &mut out);
    }
    out.sort_by_key(|f| (f.start, f.kind));
    out
}

/// Whether a text has a digit, ASCII or full-width (０–９: U+FF10–FF19, EF BC 90–99 in UTF-8).
fn has_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().any(u8::is_ascii_digit)
        || bytes.windows(3).any(|w| w[0] == 0xef && w[1] == 0xbc && (0x90..=0x99).contains(&w[2]))
}

/// Keeps the first `head` and last `tail` characters, stars between.
fn masked(s: &[char], head: usize, tail: usize) -> String {
    s.iter().enumerate().map(|(i, c)| if i < head || i + tail >= s.len() { *c } else { '*' }).collect()
}

/// Personal numbers shown in full, in every written form (`personal_numbers`): ID numbers and
/// probable ones block; mobile and bank card numbers do not.
fn personal_data(field: Field, chars: &[char], out: &mut Vec<Finding>) {
    for found in personal_numbers::find(chars) {
        let digits: Vec<char> = found.digits.chars().collect();
        let (kind, message, suggestion) = match found.kind {
            NumberKind::Id18 => (FindingKind::IdNumber, Said::IdNumber, masked(&digits, 6, 4)),
            NumberKind::Id15 => (FindingKind::IdNumber, Said::IdNumber15, masked(&digits, 6, 3)),
            NumberKind::ProbableId => (FindingKind::IdNumber, Said::ProbableIdNumber, masked(&digits, 6, 4)),
            NumberKind::Mobile => (FindingKind::Phone, Said::Mobile, masked(&digits, 3, 4)),
            NumberKind::BankCard => (FindingKind::BankCard, Said::BankCard, masked(&digits, 4, 4)),
        };
        out.push(Finding {
            kind,
            field,
            start: found.start,
            end: found.end,
            text: chars[found.start..found.end].iter().collect(),
            message: Message::Said(message),
            suggestion,
            blocking: kind == FindingKind::IdNumber,
        });
    }
}

/// Document numbers (文号) written with the wrong brackets: 象政办[2023]15号 for 象政办〔2023〕15号.
fn document_numbers(field: Field, chars: &[char], out: &mut Vec<Finding>) {
    // Each ends in 号: a text without one (most) has none.
    if !chars.contains(&'号') {
        return;
    }
    let open = ['[', '(', '（', '【', '〔', '［'];
    let close = [']', ')', '）', '】', '〕', '］'];
    for (i, c) in chars.iter().enumerate() {
        let Some(kind) = open.iter().position(|o| o == c) else { continue };
        // An issuer before (back to a word that cannot be part of one: 根据象政办 → 象政办), four
        // digits of a year, the closing bracket, a number and 号 after.
        let issuer =
            chars[..i].iter().rev().take_while(|c| is_han(**c) && !"号和与及据按照见依的在".contains(**c)).count();
        if issuer == 0
            || i + 6 >= chars.len()
            || !chars[i + 1..i + 5].iter().all(char::is_ascii_digit)
            || !close.contains(&chars[i + 5])
        {
            continue;
        }
        let digits = chars[i + 6..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || chars.get(i + 6 + digits) != Some(&'号') {
            continue;
        }
        if kind == 4 && chars[i + 5] == '〕' {
            continue; // 〔2023〕: right
        }
        let start = i - issuer.min(6);
        let end = i + 7 + digits;
        let text: String = chars[start..end].iter().collect();
        let year: String = chars[i + 1..i + 5].iter().collect();
        let number: String = chars[i + 6..i + 6 + digits].iter().collect();
        let prefix: String = chars[start..i].iter().collect();
        out.push(Finding {
            kind: FindingKind::DocumentNumber,
            field,
            start,
            end,
            text,
            message: Message::Said(Said::DocumentBrackets),
            suggestion: format!("{prefix}〔{year}〕{number}号"),
            blocking: false,
        });
    }
}

/// Units a figure may be counted in.
const UNITS: &[&str] =
    &["万元", "亿元", "公里", "户", "人", "元", "个", "家", "项", "件", "所", "名", "%", "亩", "吨", "次", "套"];
/// Words between a label and its figure, left out of the label.
const LINKS: &[char] = &['共', '达', '为', '有', '约', '计', '了', '是', '：', ':', '近', '超'];

/// The same labelled figure quoted twice with different values (check 7: statistics accurate).
fn figures(field: Field, chars: &[char], out: &mut Vec<Finding>) {
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        // A unit right after the figure (every unit is one or two characters).
        let Some(unit) = UNITS.iter().find(|u| {
            let mut after = chars[i..].iter();
            u.chars().all(|c| after.next() == Some(&c))
        }) else {
            continue;
        };
        let mut label_end = start;
        while label_end > 0 && LINKS.contains(&chars[label_end - 1]) {
            label_end -= 1;
        }
        let label_len = chars[..label_end].iter().rev().take_while(|c| is_han(**c)).count().min(4);
        if label_len < 2 {
            continue;
        }
        let label: String = chars[label_end - label_len..label_end].iter().collect();
        let value: String = chars[start..i].iter().filter(|c| **c != ',').collect();
        let key = (label.clone(), unit.to_string());
        match seen.get(&key) {
            Some(first) if *first != value => out.push(Finding {
                kind: FindingKind::Figure,
                field,
                start,
                end: i + unit.chars().count(),
                text: format!("{value}{unit}"),
                message: Message::Said(Said::Figure { label, first: first.clone(), value, unit: unit.to_string() }),
                suggestion: String::new(),
                blocking: false,
            }),
            Some(_) => {}
            None => {
                seen.insert(key, value);
            }
        }
    }
}

/// The text a version before stored for the one finding that depends on the moment it is found,
/// not on the item alone: a publication time still to come (`holds_at`).
const IN_THE_FUTURE: &str = "发布时间在未来";

/// How a stored `Date` finding that depends on the moment is told apart (`holds_at`): its
/// message's code, and the text a version before stored instead. For a list read from the
/// database, which tests the same there.
pub fn in_the_future() -> (String, &'static str) {
    (Message::Said(Said::PublishedInFuture).code(), IN_THE_FUTURE)
}

/// Whether a finding found when its item was written still holds at `now`: a publication time in
/// the future no longer does once that time has passed (the item unchanged, nothing writes its
/// findings again); every other finding depends on the item's text, dates and the lists only.
pub fn holds_at(finding: &Finding, published_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let in_the_future = match &finding.message {
        Message::Said(said) => *said == Said::PublishedInFuture,
        Message::Text(text) => text == IN_THE_FUTURE,
    };
    finding.kind != FindingKind::Date || !in_the_future || published_at.is_some_and(|p| p > now)
}

/// The item's dates: published before it was submitted, in the future, or before the document it
/// carries was issued.
pub fn check_dates(
    submitted_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    issued_on: Option<NaiveDate>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(published) = published_at else { return out };
    let date = |message: Said| Finding {
        kind: FindingKind::Date,
        field: Field::Dates,
        start: 0,
        end: 0,
        text: crate::domain::time::format_time(published, false),
        message: Message::Said(message),
        suggestion: String::new(),
        blocking: false,
    };
    if published < submitted_at {
        let submitted = crate::domain::time::format_time(submitted_at, false);
        out.push(date(Said::PublishedBeforeSubmitted { submitted }));
    }
    if published > now {
        out.push(date(Said::PublishedInFuture));
    }
    if let Some(issued) = issued_on.filter(|d| beijing_date(published) < *d) {
        out.push(date(Said::PublishedBeforeIssued { issued: issued.to_string() }));
    }
    out
}

#[cfg(test)]
mod tests;
