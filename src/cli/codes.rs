//! The stable values of the listings' fields (`office_review`, `classified`, `true` …) as a person
//! reads them in a table, in the language in effect: the console's words where the console shows
//! the value, `i18n/*/codes.ftl` for the rest. CSV and JSON keep the values as they are: they are
//! the scripting contract (docs/glossary.md gives each value's words).

use serde_json::{Value, json};

use crate::domain::checks::FindingKind;
use crate::domain::deadline::DeadlineRule;
use crate::domain::item::{AttachmentKind, RequestStatus};
use crate::domain::{
    AuditAction, AuditTarget, Channel, Closing, Form, IncidentKind, ItemPath, ItemStatus, Resolution, RetractionReason,
};
use crate::domain::{Role, Stage, calendar::DayKind, links::Place, staleness};
use crate::t;
use crate::ui::words;

/// What kind of value a listing's field holds, so that a table can say it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// An item's path: `government`, `unit`, `repost`.
    Path,
    /// A review step: `office_review` …
    Stage,
    /// An item's form: `text`, `image_text`, `video`.
    Form,
    /// Why an item is withdrawn: `outdated` …
    Reason,
    /// How urgent a retraction request is: `alarm`, `highest`, `high`, `normal`, `low`.
    Urgency,
    /// Where a retraction request stands: `pending`, `done`, `rejected`.
    Request,
    /// How a retraction request was handled: `withdrawn`, `marked`, `declined`.
    Resolution,
    /// Where an item was first published: `portal`, `wechat`.
    Channel,
    /// What a unit's item lacks (Art. 10): `signed_scan` …
    Lacks,
    /// An incident's kind: `typo`, `classified`, `improper`.
    Incident,
    /// A day of the calendar: `holiday`, `workday`.
    Day,
    /// What a content check found: `id_number` …
    Finding,
    /// Where in an item a finding is: `title:3-5`, `body:12-15`, `dates`.
    Span,
    /// An inspection indicator's level: `pass`, `warn`, `fail`.
    Level,
    /// An inspection indicator: `site_not_updated`, `empty_columns` …
    Indicator,
    /// Where in an item a link is: `page`, `body`, `attachment`.
    Place,
    /// An operator's role: `admin` …
    Role,
    /// Where an item stands: `pending`, `returned`, `online`, `withdrawn`.
    Item,
    /// Where an issued document stands: `on_time`, `late`, `pending`, `overdue`.
    Document,
    /// Where a rectification order stands: `overdue`, `open`, `done`.
    Order,
    /// What a rectification order names: `column`, `item`, `indicator`.
    Subject,
    /// How a rectification order was closed: `by_hand` …
    Closing,
    /// A column's deadline rule: `every 10 days` …
    Rule,
    /// Where a column stands: `overdue`, `empty` …
    Column,
    /// What an audit record says was done: `retract`, `operator.set` …
    Action,
    /// What an audit record is about, as `{"kind": "item", "id": 2406}`.
    Target,
    /// A yes or no (`true`, `false`).
    YesNo,
}

impl Code {
    pub const ALL: [Code; 27] = [
        Code::Path,
        Code::Stage,
        Code::Form,
        Code::Reason,
        Code::Urgency,
        Code::Request,
        Code::Resolution,
        Code::Channel,
        Code::Lacks,
        Code::Incident,
        Code::Day,
        Code::Finding,
        Code::Span,
        Code::Level,
        Code::Indicator,
        Code::Place,
        Code::Role,
        Code::Item,
        Code::Document,
        Code::Order,
        Code::Subject,
        Code::Closing,
        Code::Rule,
        Code::Column,
        Code::Action,
        Code::Target,
        Code::YesNo,
    ];

    /// Every value a field of this kind holds, as CSV writes it (a rule: one of each shape).
    pub fn values(self) -> Vec<Value> {
        let texts = |all: &[&str]| all.iter().map(|v| Value::from(*v)).collect();
        match self {
            Code::Path => ItemPath::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Stage => Stage::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Form => Form::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Reason => RetractionReason::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Urgency => texts(&URGENCIES),
            Code::Request => texts(&["pending", "done", "rejected"]),
            Code::Resolution => Resolution::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Channel => Channel::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Lacks => AttachmentKind::ALL.iter().map(|v| Value::from(vec![v.as_str()])).collect(),
            Code::Incident => IncidentKind::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Day => texts(&["holiday", "workday"]),
            Code::Finding => FindingKind::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Span => texts(&["title:3-5", "body:12-15", "dates"]),
            Code::Level => texts(&["pass", "warn", "fail"]),
            Code::Indicator => {
                let keys = crate::domain::inspection::INDICATORS.iter().map(|(key, _)| *key);
                keys.chain(["site_unreachable"]).map(Value::from).collect()
            }
            Code::Place => texts(&["page", "body", "attachment"]),
            Code::Role => Role::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Item => ItemStatus::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Document => texts(&["on_time", "late", "pending", "overdue"]),
            Code::Order => texts(&["overdue", "open", "done"]),
            Code::Subject => texts(&SUBJECTS),
            Code::Closing => Closing::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Rule => texts(&RULES),
            Code::Column => texts(&["overdue", "empty", "due_soon", "ok", "exempt"]),
            Code::Action => AuditAction::ALL.iter().map(|v| Value::from(v.as_str())).collect(),
            Code::Target => AuditTarget::ALL
                .iter()
                .flat_map(|v| [json!({"kind": v.as_str(), "id": 2406}), json!({"kind": v.as_str(), "id": null})])
                .collect(),
            Code::YesNo => vec![Value::Bool(true), Value::Bool(false)],
        }
    }

    /// A field's value in words: a text value, each value of a list, a yes or no. A value the
    /// kind does not know is shown as it is.
    pub fn read(self, v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::Bool(b) => {
                if *b {
                    t!("code-yes")
                } else {
                    t!("code-no")
                }
            }
            Value::String(s) => self.word(s).unwrap_or_else(|| s.clone()),
            Value::Object(_) if self == Code::Target => words::audit_target_text(&super::output::target_text(v)),
            Value::Array(values) => values.iter().map(|v| self.read(v)).collect::<Vec<_>>().join(&t!("code-and")),
            other => other.to_string(),
        }
    }

    /// One value in words, if it is one of this kind's.
    pub fn word(self, value: &str) -> Option<String> {
        let word = match self {
            Code::Path => words::path(value.parse::<ItemPath>().ok()?),
            Code::Stage => words::stage(value.parse::<Stage>().ok()?),
            Code::Form => words::form(value.parse::<Form>().ok()?),
            Code::Reason => words::reason(value.parse::<RetractionReason>().ok()?),
            Code::Urgency => match value {
                "alarm" => t!("code-urgency-alarm"),
                "highest" => t!("code-urgency-highest"),
                "high" => t!("code-urgency-high"),
                "normal" => t!("code-urgency-normal"),
                "low" => t!("code-urgency-low"),
                _ => return None,
            },
            Code::Request => match RequestStatus::parse(value)? {
                RequestStatus::Pending => t!("code-request-pending"),
                RequestStatus::Done => t!("code-request-done"),
                RequestStatus::Rejected => t!("code-request-rejected"),
            },
            Code::Resolution => words::resolution(value.parse::<Resolution>().ok()?),
            Code::Channel => match value.parse::<Channel>().ok()? {
                Channel::Portal => t!("item-page-channel-portal"),
                Channel::Wechat => t!("item-page-channel-wechat"),
            },
            Code::Lacks => words::lacks_short(AttachmentKind::parse(value)?),
            Code::Incident => words::incident(value.parse::<IncidentKind>().ok()?),
            Code::Day => match DayKind::parse(value)? {
                DayKind::Holiday => t!("calendar-holiday"),
                DayKind::Workday => t!("calendar-workday"),
            },
            Code::Finding => words::finding(FindingKind::parse(value)?),
            Code::Span => match value.split_once(':') {
                None if value == "dates" => t!("finding-in-dates"),
                Some((field, at)) => {
                    let (start, end) = at.split_once('-')?;
                    let (start, end) = (start.parse::<usize>().ok()?, end.parse::<usize>().ok()?);
                    match field {
                        "title" => t!("finding-in-title", start = start, end = end),
                        "body" => t!("finding-in-body", start = start, end = end),
                        _ => return None,
                    }
                }
                None => return None,
            },
            Code::Level => match value {
                "pass" => t!("inspect-pass"),
                "warn" => t!("inspect-warn"),
                "fail" => t!("inspect-fail"),
                _ => return None,
            },
            Code::Indicator => match words::indicator(value) {
                unknown if unknown == value => return None,
                name => name,
            },
            Code::Place => words::link_place(Place::parse(value)?),
            Code::Role => words::role(value.parse::<Role>().ok()?),
            Code::Item => match value.parse::<ItemStatus>().ok()? {
                ItemStatus::Pending => t!("item-page-status-pending"),
                ItemStatus::Returned => t!("item-page-status-returned"),
                ItemStatus::Online => t!("item-page-status-online"),
                ItemStatus::Withdrawn => t!("item-page-status-withdrawn"),
            },
            Code::Document => match value {
                "on_time" => t!("columns-document-on-time"),
                "late" => t!("columns-document-late"),
                "pending" => t!("columns-document-pending"),
                "overdue" => t!("columns-document-overdue"),
                _ => return None,
            },
            Code::Order => value.parse::<crate::domain::rectification::Status>().ok()?.said(),
            Code::Subject => match value {
                "column" => t!("code-subject-column"),
                "item" => t!("code-subject-item"),
                "indicator" => t!("code-subject-indicator"),
                _ => return None,
            },
            Code::Closing => words::closing(value.parse::<Closing>().ok()?),
            Code::Rule => DeadlineRule::from_contract(value)?.words(),
            Code::Column => words::status(staleness::Status::parse(value)?),
            Code::Action => words::audit_action(value.parse::<AuditAction>().ok()?),
            Code::Target => {
                value.split(':').next()?.parse::<AuditTarget>().ok()?;
                words::audit_target_text(value)
            }
            Code::YesNo => return None,
        };
        Some(word)
    }
}

/// How urgent a retraction request is, most urgent first (`retractions`' `urgency`).
const URGENCIES: [&str; 5] = ["alarm", "highest", "high", "normal", "low"];

/// What a rectification order names (`rectifications`' `about_kind`).
const SUBJECTS: [&str; 3] = ["column", "item", "indicator"];

/// A deadline rule of each shape, as `columns` and `stale` write it.
const RULES: [&str; 10] = [
    "every 10 days",
    "every 4 months",
    "every 1 year",
    "monthly",
    "yearly",
    "within 5 days of event",
    "within 5 working days of event",
    "as needed",
    "no update needed",
    "unspecified",
];
