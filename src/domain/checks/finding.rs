//! What the content checks find (`super`): a finding's kind, where it was found, what it says (a
//! message with its arguments, worded in the reader's language when shown) and a finding as a
//! decision recorded it.

use crate::t;

use crate::domain::IncidentKind;

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

    /// What a content check found, in the interface's language: "ID number", 身份证号.
    pub fn words(self) -> String {
        match self {
            FindingKind::IdNumber => t!("finding-id-number"),
            FindingKind::Phone => t!("finding-phone"),
            FindingKind::BankCard => t!("finding-bank-card"),
            FindingKind::LeaderName => t!("finding-leader-name"),
            FindingKind::WrongTerm => t!("finding-wrong-term"),
            FindingKind::SensitiveWord => t!("finding-sensitive-word"),
            FindingKind::DocumentNumber => t!("finding-document-number"),
            FindingKind::Date => t!("finding-date"),
            FindingKind::Figure => t!("finding-figure"),
        }
    }

    /// Its words with the name `check waive --kind` takes after them: "ID number (id_number)",
    /// 身份证号（id_number）.
    pub fn coded(self) -> String {
        t!("finding-coded", words = self.words(), code = self.as_str())
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

    /// Where it is, in the interface's language: "body 12-15", 正文 12-15.
    pub fn place(&self) -> String {
        match self.field {
            Field::Title => t!("finding-in-title", start = self.start, end = self.end),
            Field::Body => t!("finding-in-body", start = self.start, end = self.end),
            Field::Dates => t!("finding-in-dates"),
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
