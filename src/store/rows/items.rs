//! Items as they are imported, exported and shown whole.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::checks::RecordedFinding;
use crate::domain::item::{AttachmentKind, ItemFields, NewDocument, NewIncident, NewItem};
use crate::domain::{Form, ItemPath, MarkKind, RetractionReason, Role, Stage};

/// What `insert` is given: items (streamed, so a million of them never sit in memory at once),
/// then incidents and documents that may point at those items by their position in the stream.
pub enum Record {
    /// An operator named by the history that follows (added if absent).
    Operator {
        name: String,
        role: Role,
    },
    Item(Box<NewItem>),
    Incident(NewIncident),
    Document(NewDocument),
}

/// An item as `export` writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedItem {
    pub id: i64,
    pub fields: ItemFields,
    /// The open withdrawal of a withdrawn item.
    pub withdrawn: Option<(DateTime<Utc>, RetractionReason)>,
    /// Its mark, if it stays online marked amended, repealed or expired.
    pub mark: Option<MarkKind>,
    /// What a unit submission carried (Art. 10): kind and file name.
    pub attachments: Vec<(AttachmentKind, String)>,
}

/// One event in an item's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub operator: String,
    /// What happened, as values: the console and the command line word it in the language in
    /// effect (`ui::words::history`).
    pub event: HistoryEvent,
}

/// A review decision as the history records it: the two of the `reviews` table and the return
/// for what a unit's submission lacked (`Decision::Return`, in its audit record only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    Reject,
    Return,
}

impl Verdict {
    /// The stored name (`reviews.decision`, the audit action's `review.` suffix).
    pub fn parse(name: &str) -> Option<Verdict> {
        match name {
            "approve" => Some(Verdict::Approve),
            "reject" => Some(Verdict::Reject),
            "return" => Some(Verdict::Return),
            _ => None,
        }
    }
}

/// What happened to an item, one kind per event the store records. Notes are the operators'
/// own words, empty when none was given.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryEvent {
    /// Its submission, by its unit.
    Submitted,
    /// An attachment its unit's submission carried (Art. 10).
    Attachment {
        kind: AttachmentKind,
        name: String,
    },
    /// A review decision on one step.
    Decided {
        verdict: Verdict,
        step: Stage,
        note: String,
    },
    /// Sent back for what it lacked, before any check was answered.
    Returned {
        step: Stage,
        lacking: Vec<AttachmentKind>,
        reason: String,
    },
    Published,
    Withdrawn {
        reason: RetractionReason,
        note: String,
    },
    Restored {
        note: String,
    },
    /// A content checks' finding waived before approval, with why.
    Waived {
        kind: String,
        text: String,
        reason: String,
    },
    /// A finding present at a decision (waived or not).
    Found {
        verdict: Verdict,
        step: Stage,
        finding: RecordedFinding,
    },
    /// A finding of the decision before that this decision no longer found.
    Fixed {
        verdict: Verdict,
        step: Stage,
        kind: String,
        text: String,
    },
    /// A decision at which the content checks found nothing, nor anything fixed.
    NothingFound {
        verdict: Verdict,
        step: Stage,
    },
    /// Marked amended, repealed or expired while staying online.
    Marked {
        mark: MarkKind,
        from: NaiveDate,
        replaced_by: String,
        note: String,
    },
}

impl HistoryEvent {
    /// The free texts it carries (names, notes, the text a check found), as stored: for the
    /// console to make safe before showing them.
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        match self {
            HistoryEvent::Submitted | HistoryEvent::Published | HistoryEvent::NothingFound { .. } => Vec::new(),
            HistoryEvent::Attachment { name, .. } => vec![name],
            HistoryEvent::Decided { note, .. }
            | HistoryEvent::Withdrawn { note, .. }
            | HistoryEvent::Restored { note } => {
                vec![note]
            }
            HistoryEvent::Returned { reason, .. } => vec![reason],
            HistoryEvent::Waived { kind, text, reason } => vec![kind, text, reason],
            HistoryEvent::Found { finding, .. } => {
                let RecordedFinding { kind, text, span, message, waived, .. } = finding;
                let mut texts = vec![kind, text, span];
                texts.extend(message.texts_mut());
                texts.extend(waived.as_mut());
                texts
            }
            HistoryEvent::Fixed { kind, text, .. } => vec![kind, text],
            HistoryEvent::Marked { replaced_by, note, .. } => vec![replaced_by, note],
        }
    }
}

/// An item as a column's list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSummary {
    pub id: i64,
    pub title: String,
    /// When it went online in the column.
    pub online_since: DateTime<Utc>,
    /// Its form in the column.
    pub form: Form,
    pub path: ItemPath,
    pub unit: Option<String>,
    /// Its mark (已修改 / 已废止 / 已失效), if it has one.
    pub mark: Option<MarkKind>,
}
