//! Content checks that catch the national inspection's veto offences before publication: wrong
//! names of leaders, institutions and fixed terms, secret markings and banned words (one
//! Aho-Corasick automaton over every pattern), personal data shown in full in any written form
//! (`personal_numbers`: resident ID numbers, probable ones, mobile and bank card numbers), malformed document
//! numbers, impossible dates, and the same figure quoted with two values.

use crate::t;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{DateTime, NaiveDate, Utc};

use super::IncidentKind;
use super::personal_numbers::{self, NumberKind};
use super::time::beijing_date;

/// The shipped example lists (data/checks/): the names that must be written exactly, and the words
/// that must not appear.
pub const NAMES: &str = include_str!("../../data/checks/names.tsv");
pub const WORDS: &str = include_str!("../../data/checks/words.tsv");

/// What a finding is about (the `kind` of `portal-admin check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    IdNumber,
    Phone,
    BankCard,
    LeaderName,
    WrongTerm,
    SensitiveWord,
    DocumentNumber,
    Date,
    Figure,
}

impl FindingKind {
    pub const ALL: [FindingKind; 9] = [
        FindingKind::IdNumber,
        FindingKind::Phone,
        FindingKind::BankCard,
        FindingKind::LeaderName,
        FindingKind::WrongTerm,
        FindingKind::SensitiveWord,
        FindingKind::DocumentNumber,
        FindingKind::Date,
        FindingKind::Figure,
    ];

    /// The kind named as `as_str` writes it.
    pub fn parse(s: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::IdNumber => "id_number",
            FindingKind::Phone => "phone",
            FindingKind::BankCard => "bank_card",
            FindingKind::LeaderName => "leader_name",
            FindingKind::WrongTerm => "wrong_term",
            FindingKind::SensitiveWord => "sensitive_word",
            FindingKind::DocumentNumber => "document_number",
            FindingKind::Date => "date",
            FindingKind::Figure => "figure",
        }
    }
}

/// Where a finding is: the item's title or body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Body,
    /// The item's dates, not its text.
    Dates,
}

/// What a finding says, as a code and its arguments (`{"code": "figure", "args": {…}}` when
/// stored), worded from the catalogs (`findings_said.ftl`) when it is shown: a stored finding reads
/// in the reader's language, not in the language of the moment it was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "args", rename_all = "snake_case")]
pub enum Said {
    /// A fixed term written wrongly.
    WrongTerm {
        wrong: String,
        correct: String,
    },
    /// A name (a person's, an institution's) written wrongly; `note` from the names list.
    WrongName {
        wrong: String,
        correct: String,
        note: String,
    },
    /// An official who has left office (`note` from the names list).
    LeftOffice {
        name: String,
        note: String,
    },
    /// A word of the word list, of its `kind` (secret, banned, sensitive, or the office's own).
    Word {
        kind: String,
        word: String,
    },
    IdNumber,
    IdNumber15,
    ProbableIdNumber,
    Mobile,
    BankCard,
    /// A document number's year in the wrong brackets.
    DocumentBrackets,
    /// The labelled figure quoted before with another value.
    Figure {
        label: String,
        first: String,
        value: String,
        unit: String,
    },
    PublishedBeforeSubmitted {
        submitted: String,
    },
    PublishedInFuture,
    PublishedBeforeIssued {
        issued: String,
    },
}

/// A finding's message: what it says, or the text a version before stored (Chinese, shown as it
/// is: those rows are read, never rewritten, until the next check of their item).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Message {
    Said(Said),
    Text(String),
}

impl Message {
    /// The code (`text` for a stored text).
    pub fn code(&self) -> String {
        match self {
            Message::Said(said) => {
                let value = serde_json::to_value(said).unwrap_or_default();
                value["code"].as_str().unwrap_or_default().to_string()
            }
            Message::Text(_) => "text".into(),
        }
    }

    /// The arguments, as JSON (an empty object when there are none).
    pub fn args(&self) -> serde_json::Value {
        match self {
            Message::Said(said) => {
                let value = serde_json::to_value(said).unwrap_or_default();
                value.get("args").cloned().unwrap_or_else(|| serde_json::json!({}))
            }
            Message::Text(text) => serde_json::json!({ "text": text }),
        }
    }

    /// Worded in the interface's language.
    pub fn words(&self) -> String {
        match self {
            Message::Text(text) => text.clone(),
            Message::Said(said) => match said {
                Said::WrongTerm { wrong, correct } => {
                    t!("said-wrong-term", wrong = wrong.as_str(), correct = correct.as_str())
                }
                Said::WrongName { wrong, correct, note } if note.is_empty() => {
                    t!("said-wrong-name", wrong = wrong.as_str(), correct = correct.as_str())
                }
                Said::WrongName { wrong, correct, note } => t!(
                    "said-wrong-name-noted",
                    wrong = wrong.as_str(),
                    correct = correct.as_str(),
                    note = note.as_str()
                ),
                Said::LeftOffice { name, note } => t!("said-left-office", name = name.as_str(), note = note.as_str()),
                Said::Word { kind, word } => t!("said-word", kind = kind.as_str(), word = word.as_str()),
                Said::IdNumber => t!("said-id-number"),
                Said::IdNumber15 => t!("said-id-number-15"),
                Said::ProbableIdNumber => t!("said-probable-id-number"),
                Said::Mobile => t!("said-mobile"),
                Said::BankCard => t!("said-bank-card"),
                Said::DocumentBrackets => t!("said-document-brackets"),
                Said::Figure { label, first, value, unit } => t!(
                    "said-figure",
                    label = label.as_str(),
                    first = format!("{first}{unit}"),
                    value = format!("{value}{unit}")
                ),
                Said::PublishedBeforeSubmitted { submitted } => {
                    t!("said-published-before-submitted", submitted = submitted.as_str())
                }
                Said::PublishedInFuture => t!("said-published-in-future"),
                Said::PublishedBeforeIssued { issued } => {
                    t!("said-published-before-issued", issued = issued.as_str())
                }
            },
        }
    }

    /// What to do when the finding has no suggested text of its own (a check, not a correction).
    fn advice(&self) -> Option<String> {
        match self {
            Message::Said(Said::LeftOffice { .. }) => Some(t!("said-check-title")),
            Message::Said(Said::Figure { .. }) => Some(t!("said-check-figures")),
            Message::Said(
                Said::PublishedBeforeSubmitted { .. } | Said::PublishedInFuture | Said::PublishedBeforeIssued { .. },
            ) => Some(t!("said-check-published")),
            _ => None,
        }
    }

    /// Every text in it, to make plain before a terminal shows it.
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        match self {
            Message::Text(text) => vec![text],
            Message::Said(said) => match said {
                Said::WrongTerm { wrong, correct } => vec![wrong, correct],
                Said::WrongName { wrong, correct, note } => vec![wrong, correct, note],
                Said::LeftOffice { name, note } => vec![name, note],
                Said::Word { kind, word } => vec![kind, word],
                Said::Figure { label, first, value, unit } => vec![label, first, value, unit],
                Said::PublishedBeforeSubmitted { submitted } => vec![submitted],
                Said::PublishedBeforeIssued { issued } => vec![issued],
                Said::IdNumber
                | Said::IdNumber15
                | Said::ProbableIdNumber
                | Said::Mobile
                | Said::BankCard
                | Said::DocumentBrackets
                | Said::PublishedInFuture => Vec::new(),
            },
        }
    }
}

/// One finding: its kind, the exact span (characters, from 0, end excluded), the text there, what
/// it says, a suggested text (the correct form, the number masked: data, in no language; empty
/// when there is none), and whether it blocks approval until fixed or waived. Stored with the item
/// as JSON (`store`: `item_findings`), under these field names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub message: Message,
    pub suggestion: String,
    pub blocking: bool,
}

impl Finding {
    /// The suggestion in the interface's language: the suggested text, else what to check.
    pub fn suggested(&self) -> String {
        if self.suggestion.is_empty() { self.message.advice().unwrap_or_default() } else { self.suggestion.clone() }
    }

    /// The message and the suggestion, as one line: `message → suggestion`.
    pub fn said(&self) -> String {
        match self.suggested() {
            s if s.is_empty() => self.message.words(),
            s => format!("{} → {s}", self.message.words()),
        }
    }

    /// `title:3-8`, `body:120-138`, `dates`.
    pub fn span(&self) -> String {
        match self.field {
            Field::Title => format!("title:{}-{}", self.start, self.end),
            Field::Body => format!("body:{}-{}", self.start, self.end),
            Field::Dates => "dates".into(),
        }
    }
}

impl Finding {
    /// The incident of Art. 16 a finding would be, if it went online: a secret marking is a
    /// classified document; a wrong name, term, document number, date or figure is an error of
    /// wording (typo); anything else (personal data shown in full, a banned or sensitive word) is
    /// improper content.
    pub fn incident_kind(&self) -> IncidentKind {
        match self.kind {
            FindingKind::SensitiveWord if self.blocking => IncidentKind::Classified,
            FindingKind::LeaderName
            | FindingKind::WrongTerm
            | FindingKind::DocumentNumber
            | FindingKind::Date
            | FindingKind::Figure => IncidentKind::Typo,
            FindingKind::SensitiveWord | FindingKind::IdNumber | FindingKind::Phone | FindingKind::BankCard => {
                IncidentKind::Improper
            }
        }
    }
}

/// A finding as recorded with a review decision (in the decision's audit record): what was found
/// then, and the waiver that covered it if one did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordedFinding {
    pub kind: String,
    pub text: String,
    pub span: String,
    pub message: Message,
    pub blocking: bool,
    /// `who: why`, when a waiver covered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived: Option<String>,
}

impl RecordedFinding {
    pub fn new(f: &Finding, waived: Option<&str>) -> RecordedFinding {
        RecordedFinding {
            kind: f.kind.as_str().to_string(),
            text: f.text.clone(),
            span: f.span(),
            message: f.message.clone(),
            blocking: f.blocking,
            waived: waived.map(str::to_string),
        }
    }

    /// The same finding (its kind and the text found; a waiver covers it the same way), wherever
    /// the text has moved to.
    pub fn same(&self, other: &RecordedFinding) -> bool {
        self.kind == other.kind && self.text == other.text
    }
}

/// What each decision on an item found, oldest first, and what an earlier decision found that the
/// next one no longer did (fixed in between): `(found, fixed)` per decision.
pub fn at_decisions(decisions: &[Vec<RecordedFinding>]) -> Vec<(&[RecordedFinding], Vec<&RecordedFinding>)> {
    let mut out = Vec::with_capacity(decisions.len());
    let mut before: &[RecordedFinding] = &[];
    for found in decisions {
        let fixed = before.iter().filter(|b| !found.iter().any(|f| f.same(b))).collect();
        out.push((found.as_slice(), fixed));
        before = found;
    }
    out
}

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

/// `check_item` on many items at once, on every core: the items cut into one run of neighbours per
/// core, each checked on a thread of its own; the findings in the items' order.
pub fn check_items(lists: &Lists, items: &[Checked<'_>], now: DateTime<Utc>) -> Vec<Vec<Finding>> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if cores == 1 || items.len() < 64 {
        return items.iter().map(|i| check_item(lists, *i, now)).collect();
    }
    let per = items.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(per)
            .map(|run| scope.spawn(move || run.iter().map(|i| check_item(lists, *i, now)).collect::<Vec<_>>()))
            .collect();
        runs.into_iter().flat_map(|r| r.join().expect("a check never panics")).collect()
    })
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
    let chars: Vec<char> = text.chars().collect();
    // Byte offset → character index, for spans people can count.
    let mut index_of = HashMap::with_capacity(chars.len() + 1);
    for (i, (b, _)) in text.char_indices().enumerate() {
        index_of.insert(b, i);
    }
    index_of.insert(text.len(), chars.len());
    let mut out = Vec::new();
    for m in lists.automaton.find_iter(text) {
        let (start, end) = (index_of[&m.start()], index_of[&m.end()]);
        let found = &text[m.start()..m.end()];
        let (pattern_text, pattern) = &lists.patterns[m.pattern().as_usize()];
        let person = matches!(pattern, Pattern::Left { .. } | Pattern::Wrong { kind: NameKind::Leader, .. });
        if person {
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
    personal_data(field, &chars, &mut out);
    document_numbers(field, &chars, &mut out);
    figures(field, &chars, &mut out);
    out.sort_by_key(|f| (f.start, f.kind));
    out
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
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        let Some(unit) = UNITS.iter().find(|u| rest.starts_with(*u)) else { continue };
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
mod tests {
    use super::*;

    fn lists() -> Lists {
        Lists::shipped()
    }

    #[test]
    fn the_lists_version_changes_with_either_list() {
        let shipped = Lists::shipped();
        assert_eq!(shipped.version().len(), 16);
        assert_eq!(shipped.version(), Lists::parse(NAMES, WORDS).unwrap().version(), "the same texts, the same");
        let more = format!("{WORDS}新词\tbanned\t删除\n");
        assert_ne!(shipped.version(), Lists::parse(NAMES, &more).unwrap().version());
        assert_ne!(lists_version("a", "b"), lists_version("ab", ""), "where one list ends counts");
    }

    #[test]
    fn many_items_on_every_core_find_what_one_at_a_time_finds() {
        let t = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+08:00").unwrap().with_timezone(&Utc);
        let bodies: Vec<String> =
            (0..500).map(|i| if i % 7 == 0 { format!("区长李明化强调{i}") } else { format!("正文{i}") }).collect();
        let items: Vec<Checked> = bodies
            .iter()
            .map(|b| Checked { title: "标题", body: b, submitted_at: t, published_at: Some(t), issued_on: None })
            .collect();
        let at_once = check_items(&lists(), &items, t);
        let one_by_one: Vec<Vec<Finding>> = items.iter().map(|i| check_item(&lists(), *i, t)).collect();
        assert_eq!(at_once, one_by_one);
        assert_eq!(at_once.iter().filter(|f| !f.is_empty()).count(), 72);
    }

    #[test]
    fn a_finding_is_stored_as_json_and_read_back_whole() {
        let found = check_text(&lists(), Field::Body, "身份证号11010519491231002X");
        let json = serde_json::to_string(&found).unwrap();
        assert!(json.contains(r#""kind":"id_number""#) && json.contains(r#""field":"body""#), "{json}");
        assert_eq!(serde_json::from_str::<Vec<Finding>>(&json).unwrap(), found);
    }

    #[test]
    fn a_stored_finding_says_its_code_and_reads_in_the_readers_language() {
        use crate::i18n::{Lang, scoped};
        let found = check_text(&lists(), Field::Body, "低保资金共7483.6万元……低保资金共7943.6万元");
        let json = serde_json::to_string(&found).unwrap();
        assert!(json.contains(r#""message":{"code":"figure","args":{"label":"低保资金""#), "{json}");
        let read: Vec<Finding> = serde_json::from_str(&json).unwrap();
        let en = scoped(Lang::En, || read[0].said());
        let zh = scoped(Lang::ZhCn, || read[0].said());
        assert_eq!(en, "“低保资金” was 7483.6万元 before, 7943.6万元 here → check the figures agree");
        assert_eq!(zh, "“低保资金”前文为 7483.6万元，此处为 7943.6万元 → 核对统计数据，前后一致");
        assert_eq!(
            (read[0].message.code(), read[0].message.args()["value"].clone()),
            ("figure".into(), "7943.6".into())
        );
        // A finding stored by a version before, its message a text: read, and shown as it is.
        let old = r#"{"kind":"figure","field":"body","start":3,"end":9,"text":"7943.6万元",
            "message":"“低保资金”前文为 7483.6万元","suggestion":"核对统计数据，前后一致","blocking":false}"#;
        let old: Finding = serde_json::from_str(old).unwrap();
        assert_eq!(old.message, Message::Text("“低保资金”前文为 7483.6万元".into()));
        assert_eq!(scoped(Lang::En, || old.said()), "“低保资金”前文为 7483.6万元 → 核对统计数据，前后一致");
        // Every kind of message has its words in both languages.
        let dates = check_dates(
            Utc::now(),
            Some(Utc::now() - chrono::Duration::days(400)),
            Utc::now() - chrono::Duration::days(800),
            NaiveDate::from_ymd_opt(2099, 1, 1),
        );
        let every = check_text(&lists(), Field::Body, "区长李明化、王志刚强调绝密扶贫办身份证号11010519491231002X")
            .into_iter()
            .chain(dates);
        for f in every {
            for lang in Lang::ALL {
                let said = scoped(lang, || f.said());
                assert!(!said.is_empty() && !said.contains("said-"), "{lang:?}: {said}");
            }
        }
    }

    fn kinds(text: &str) -> Vec<(FindingKind, String)> {
        check_text(&lists(), Field::Body, text).into_iter().map(|f| (f.kind, f.text)).collect()
    }

    #[test]
    fn a_wrong_name_is_found_with_its_span_and_blocks() {
        let found = check_text(&lists(), Field::Title, "区长李明化主持召开象山区人民政付常务会议");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[0].kind, found[0].start, found[0].end, found[0].blocking),
            (FindingKind::LeaderName, 2, 5, true)
        );
        assert_eq!(found[0].suggestion, "李明华");
        assert_eq!(found[0].span(), "title:2-5");
        assert_eq!(found[1].text, "象山区人民政付");
        assert_eq!(found[1].suggestion, "象山区人民政府");
    }

    #[test]
    fn a_name_inside_a_longer_word_is_not_the_person() {
        assert!(kinds("李明化工厂年产值稳步增长").is_empty(), "李明化工厂 is a factory");
        assert_eq!(kinds("李明化同志强调").len(), 1);
        assert_eq!(kinds("（李明化）").len(), 1);
        assert_eq!(kinds("区长李明化调研二塘乡").len(), 1, "after a title, whatever follows");
        assert!(kinds("张李明化工").is_empty());
        assert!(kinds("王志刚毅的精神").is_empty());
        let left = kinds("副区长王志刚出席会议");
        assert_eq!(left, [(FindingKind::LeaderName, "王志刚".to_string())], "a mention of an official who left");
    }

    #[test]
    fn secret_markings_and_wrong_terms() {
        let found = check_text(&lists(), Field::Body, "本文件为内部资料。推进“一代一路”建设，优化营商坏境。");
        let k: Vec<(FindingKind, bool)> = found.iter().map(|f| (f.kind, f.blocking)).collect();
        assert_eq!(
            k,
            [(FindingKind::SensitiveWord, true), (FindingKind::WrongTerm, false), (FindingKind::WrongTerm, false)]
        );
        assert_eq!(found[1].suggestion, "一带一路");
    }

    #[test]
    fn personal_data_is_found_and_masked() {
        // 11010519491231002X is the standard's own example of a valid number.
        let found = check_text(
            &lists(),
            Field::Body,
            "申请人张某，身份证号11010519491231002X，电话13812345678，卡号6222020200112233446。",
        );
        let got: Vec<(FindingKind, String)> = found.iter().map(|f| (f.kind, f.suggestion.clone())).collect();
        assert_eq!(
            got,
            [
                (FindingKind::IdNumber, "110105********002X".to_string()),
                (FindingKind::Phone, "138****5678".to_string()),
                (FindingKind::BankCard, "6222***********3446".to_string()),
            ]
        );
        assert!(found[0].blocking && !found[1].blocking);
    }

    #[test]
    fn numbers_that_only_look_like_personal_data_are_not() {
        // 18 digits with a wrong check digit; an impossible birth date; a phone inside a longer
        // number; a decimal; a 16-digit number failing Luhn; an order code with letters.
        for text in [
            "项目编号110105194912310021",
            "统一编码110105194913310025",
            "流水号213812345678",
            "增长13812345678.5元",
            "合同号6222020200112234",
            "订单号AB13812345678",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn document_numbers_with_the_wrong_brackets() {
        let found = check_text(
            &lists(),
            Field::Body,
            "根据象政办[2023]15号和桂政发（2024）3号文件精神，按象政办〔2023〕16号执行。",
        );
        let got: Vec<String> = found.iter().map(|f| format!("{}→{}", f.text, f.suggestion)).collect();
        assert_eq!(got, ["象政办[2023]15号→象政办〔2023〕15号", "桂政发（2024）3号→桂政发〔2024〕3号"]);
    }

    #[test]
    fn one_figure_quoted_with_two_values() {
        let found = kinds("全区低保户共1234户，其中城市低保户500户。截至年底，全区低保户1243户。");
        assert_eq!(found, [(FindingKind::Figure, "1243户".to_string())]);
        assert!(kinds("全区低保户1234户……全区低保户1234户").is_empty(), "the same value twice is fine");
        assert!(kinds("投入资金500万元，其中省级资金200万元").is_empty(), "different labels");
    }

    #[test]
    fn impossible_dates() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let now = t("2026-11-29T10:00:00+08:00");
        // Published in the future as of when it was found; no longer once that time has passed.
        let (published, submitted) = (t("2026-12-01T09:00:00+08:00"), t("2026-11-20T09:00:00+08:00"));
        let future = check_dates(submitted, Some(published), now, None);
        assert!(holds_at(&future[0], Some(published), now));
        assert!(holds_at(&future[0], Some(published), t("2026-12-01T08:59:59+08:00")));
        assert!(!holds_at(&future[0], Some(published), published), "its time has come");
        let before = check_dates(published, Some(submitted), now, None);
        assert!(holds_at(&before[0], Some(submitted), t("2030-01-01T00:00:00+08:00")), "the item's own dates");
        let found = check_dates(t("2026-11-20T09:00:00+08:00"), Some(t("2026-11-19T09:00:00+08:00")), now, None);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            Message::Said(Said::PublishedBeforeSubmitted { submitted: "2026-11-20T09:00:00+08:00".into() })
        );
        assert_eq!(
            check_dates(t("2026-11-20T09:00:00+08:00"), Some(t("2026-12-01T09:00:00+08:00")), now, None).len(),
            1
        );
        let before_issue = check_dates(
            t("2026-11-01T09:00:00+08:00"),
            Some(t("2026-11-02T09:00:00+08:00")),
            now,
            NaiveDate::from_ymd_opt(2026, 11, 3),
        );
        assert_eq!(before_issue[0].message, Message::Said(Said::PublishedBeforeIssued { issued: "2026-11-03".into() }));
        assert!(
            check_dates(t("2026-11-20T09:00:00+08:00"), Some(t("2026-11-21T09:00:00+08:00")), now, None).is_empty()
        );
    }

    #[test]
    fn each_finding_maps_to_the_incident_it_would_be() {
        let found = check_text(&lists(), Field::Body, "区长李明化强调，本文件为内部资料，身份证号11010519491231002X。");
        let got: Vec<(FindingKind, IncidentKind)> = found.iter().map(|f| (f.kind, f.incident_kind())).collect();
        assert_eq!(
            got,
            [
                (FindingKind::LeaderName, IncidentKind::Typo),
                (FindingKind::SensitiveWord, IncidentKind::Classified),
                (FindingKind::IdNumber, IncidentKind::Improper),
            ]
        );
    }

    #[test]
    fn a_finding_gone_at_the_next_decision_was_fixed() {
        let f = |kind: &str, text: &str| RecordedFinding {
            kind: kind.into(),
            text: text.into(),
            span: "body:0-3".into(),
            message: Message::Said(Said::IdNumber),
            blocking: false,
            waived: None,
        };
        let decisions = vec![
            vec![f("leader_name", "李明化"), f("figure", "65户")],
            vec![f("figure", "65户")],
            vec![],
            vec![f("leader_name", "李明化")],
        ];
        let got: Vec<(usize, Vec<&str>)> = at_decisions(&decisions)
            .into_iter()
            .map(|(found, fixed)| (found.len(), fixed.iter().map(|f| f.text.as_str()).collect()))
            .collect();
        assert_eq!(got, [(2, vec![]), (1, vec!["李明化"]), (0, vec!["65户"]), (1, vec![])]);
    }

    #[test]
    fn a_malformed_list_names_its_line() {
        let e =
            Lists::parse("name\tkind\twrong\tstatus\tnote\n李明华\tboss\t\tcurrent\t\n", "word\tkind\tsuggestion\n")
                .unwrap_err();
        assert_eq!(e, "names line 2: unknown kind \"boss\" (leader, institution, term)");
    }
}
