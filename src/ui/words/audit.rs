//! An audit record as a person reads it, by its action (`i18n/*/audit_summary.ftl`): its detail
//! in one line, the Audit tab's detail column and `audit --format table`'s; and what a text typed
//! in the tab's filter names in those words. The record's window and `audit --format json` keep
//! the JSON it was written as; a record this program cannot read (an action it does not know, a
//! detail that is not its JSON) shows its detail as it is.

use serde_json::Value;

use crate::domain::AuditAction;
use crate::domain::AuditTarget;
use crate::domain::checks::FindingKind;
use crate::domain::item::AttachmentKind;
use crate::domain::search::Needle;
use crate::domain::{Closing, IncidentKind, MarkKind, Resolution, RetractionReason, Role, Stage};
use crate::i18n::{self, Lang};
use crate::t;
use crate::ui::words;

/// The detail of a record of `action` in words.
pub fn summary(action: &str, detail: &str) -> String {
    match (action.parse::<AuditAction>(), serde_json::from_str::<Value>(detail)) {
        (Ok(action), Ok(v)) if v.is_object() || v.is_array() => said(action, &v).unwrap_or_else(|| detail.to_string()),
        _ => detail.to_string(),
    }
}

/// The detail of a record of `action`, read as JSON (text that is not JSON a string), in words.
pub fn summary_of(action: &str, detail: &Value) -> String {
    let said = match action.parse::<AuditAction>() {
        Ok(action) if detail.is_object() || detail.is_array() => said(action, detail),
        _ => None,
    };
    said.unwrap_or_else(|| match detail {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    })
}

/// The values of a record's detail as the filter finds them (`AuditFilter::text`, in the
/// database): each string and number of its JSON at any depth, never a field's name; a detail
/// that is no JSON object or list, as it is.
pub fn values(detail: &str) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Number(n) => out.push(n.to_string()),
            Value::Array(values) => values.iter().for_each(|v| walk(v, out)),
            Value::Object(fields) => fields.values().for_each(|v| walk(v, out)),
            Value::Bool(_) | Value::Null => {}
        }
    }
    match serde_json::from_str::<Value>(detail) {
        Ok(v) if v.is_object() || v.is_array() => {
            let mut out = Vec::new();
            walk(&v, &mut out);
            out
        }
        _ => vec![detail.to_string()],
    }
}

/// A field as text: a string as it is, a number written out, nothing for null or absent.
fn text(v: &Value, key: &str) -> String {
    match &v[key] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn number(v: &Value, key: &str) -> i64 {
    v[key].as_i64().unwrap_or_default()
}

/// The kinds of stable value a summary says in words, by the field of the detail that holds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocabulary {
    Reason,
    Step,
    Role,
    /// A finding's kind (a waiver) or an incident's.
    Kind,
    Mark,
    Closing,
    Resolution,
    /// What a unit's item lacks (Art. 10), a list.
    Lacking,
}

/// The fields whose stable values a summary says in words, each with its vocabulary: the one
/// place both the summary (`word`) and the filter (`said_in`) read them from.
const SAID_IN_WORDS: [(&str, Vocabulary); 9] = [
    ("reason", Vocabulary::Reason),
    ("withdrawn_for", Vocabulary::Reason),
    ("step", Vocabulary::Step),
    ("role", Vocabulary::Role),
    ("kind", Vocabulary::Kind),
    ("mark", Vocabulary::Mark),
    ("how", Vocabulary::Closing),
    ("resolution", Vocabulary::Resolution),
    ("lacking", Vocabulary::Lacking),
];

impl Vocabulary {
    /// Every value, as written.
    fn values(self) -> Vec<&'static str> {
        fn all<T: Copy>(values: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
            values.iter().map(|v| name(*v)).collect()
        }
        match self {
            Vocabulary::Reason => all(RetractionReason::ALL, RetractionReason::as_str),
            Vocabulary::Step => all(Stage::ALL, Stage::as_str),
            Vocabulary::Role => all(Role::ALL, Role::as_str),
            Vocabulary::Kind => {
                let mut kinds = all(&FindingKind::ALL, FindingKind::as_str);
                kinds.extend(all(IncidentKind::ALL, IncidentKind::as_str));
                kinds
            }
            Vocabulary::Mark => all(MarkKind::ALL, MarkKind::as_str),
            Vocabulary::Closing => all(Closing::ALL, Closing::as_str),
            Vocabulary::Resolution => all(Resolution::ALL, Resolution::as_str),
            Vocabulary::Lacking => all(&AttachmentKind::ALL, AttachmentKind::as_str),
        }
    }

    /// A value in words, if it is one of this vocabulary's.
    fn word(self, value: &str) -> Option<String> {
        Some(match self {
            Vocabulary::Reason => words::reason(value.parse().ok()?),
            Vocabulary::Step => words::stage(value.parse().ok()?),
            Vocabulary::Role => words::role(value.parse().ok()?),
            Vocabulary::Kind => match FindingKind::parse(value) {
                Some(kind) => words::finding(kind),
                None => words::incident(value.parse().ok()?),
            },
            Vocabulary::Mark => words::marked(value.parse().ok()?),
            Vocabulary::Closing => words::closing(value.parse().ok()?),
            Vocabulary::Resolution => words::resolution(value.parse().ok()?),
            Vocabulary::Lacking => words::lacks_short(AttachmentKind::parse(value)?),
        })
    }
}

/// The value of field `key` of `v` in words (`in_words`).
fn word(v: &Value, key: &str) -> String {
    in_words(key, text(v, key))
}

/// A value of field `key` in words (`SAID_IN_WORDS`); one it does not know, as it is.
fn in_words(key: &str, value: String) -> String {
    let vocabulary = SAID_IN_WORDS.iter().find(|(field, _)| *field == key).map(|(_, vocabulary)| *vocabulary);
    vocabulary.and_then(|vocabulary| vocabulary.word(&value)).unwrap_or(value)
}

/// What `text` names in the words the Audit tab shows, in either language (as the actions'
/// words, `usecase::audit::actions_said`): the kinds of target (信息: `item`), and the stable
/// values of the details with the field holding each (过期: `reason` `outdated`), for the
/// database to find them by (`AuditFilter::targets` and `values`).
pub fn said_in(text: &Needle) -> (Vec<String>, Vec<(String, String)>) {
    let wanted = text.as_str().to_lowercase();
    let holds = |say: &dyn Fn() -> Option<String>| {
        Lang::ALL.iter().any(|&lang| i18n::scoped(lang, say).is_some_and(|w| w.to_lowercase().contains(&wanted)))
    };
    let targets = AuditTarget::ALL
        .iter()
        .filter(|&&k| holds(&|| Some(words::audit_target_kind(k))))
        .map(|k| k.as_str().to_string())
        .collect();
    let values = SAID_IN_WORDS
        .iter()
        .flat_map(|&(field, vocabulary)| vocabulary.values().into_iter().map(move |value| (field, vocabulary, value)))
        .filter(|&(_, vocabulary, value)| holds(&|| vocabulary.word(value)))
        .map(|(field, _, value)| (field.to_string(), value.to_string()))
        .collect();
    (targets, values)
}

/// `text — note`, or the text alone when there is no note.
fn noted(text: String, note: &str) -> String {
    if note.trim().is_empty() { text } else { t!("history-noted", event = text, note = note) }
}

fn said(action: AuditAction, v: &Value) -> Option<String> {
    let step = || word(v, "step");
    Some(match action {
        AuditAction::Backup => {
            t!("audit-said-backup", file = text(v, "file"), tables = number(v, "tables"), rows = number(v, "rows"))
        }
        AuditAction::CalendarImport => {
            let days = v["days"].as_array().map_or(0, Vec::len);
            t!("audit-said-calendar-import", year = text(v, "year"), days = days, source = text(v, "source"))
        }
        AuditAction::CalendarSet => {
            let days = v.as_array()?;
            let first = days.first().map(|d| text(d, "date")).unwrap_or_default();
            t!("audit-said-calendar-set", count = days.len(), first = first)
        }
        AuditAction::Demo => t!(
            "audit-said-demo",
            items = number(v, "items"),
            from = text(v, "from"),
            to = text(v, "to"),
            seed = text(v, "seed")
        ),
        AuditAction::DocumentsAdd => t!(
            "audit-said-document",
            number = text(v, "number"),
            title = text(v, "title"),
            issued = text(v, "issued_on")
        ),
        AuditAction::FindingWaive => {
            t!("audit-said-waive", kind = word(v, "kind"), text = text(v, "text"), reason = text(v, "reason"))
        }
        AuditAction::FindingsCheck => t!("audit-said-findings-check", items = number(v, "items")),
        AuditAction::Import => t!("audit-said-import", items = number(v, "items"), file = text(v, "file")),
        AuditAction::IncidentAdd => noted(
            t!(
                "audit-said-incident",
                unit = text(v, "unit"),
                kind = word(v, "kind"),
                points = number(v, "points"),
                on = text(v, "occurred_on")
            ),
            &text(v, "note"),
        ),
        AuditAction::IncidentReverse => noted(
            t!("audit-said-incident-reverse", id = number(v, "reverses"), points = number(v, "points")),
            &text(v, "note"),
        ),
        AuditAction::Init => t!(
            "audit-said-init",
            units = number(v, "units"),
            columns = number(v, "columns"),
            days = number(v, "calendar_days")
        ),
        AuditAction::InquiryAdd => match text(v, "invalid_reason") {
            why if why.is_empty() => t!("audit-said-inquiry", subject = text(v, "subject")),
            why => t!("audit-said-inquiry-invalid", subject = text(v, "subject"), why = why),
        },
        AuditAction::InquiryAnswer => {
            let on = text(v, "answered_at").chars().take(10).collect::<String>();
            t!("audit-said-answer", on = on, answer = text(v, "answer"))
        }
        AuditAction::ItemResubmit => t!("audit-said-title", title = text(v, "title")),
        AuditAction::LinksCheck => t!(
            "audit-said-links-check",
            links = number(v, "links"),
            items = number(v, "items"),
            broken = number(v, "broken")
        ),
        AuditAction::LinksProbe => match v["reachable"].as_bool() {
            Some(true) => {
                t!("audit-said-probe", url = text(v, "url"), status = text(v, "status"), millis = number(v, "millis"))
            }
            _ => t!("audit-said-probe-failed", url = text(v, "url"), millis = number(v, "millis")),
        },
        AuditAction::Mark => {
            let (kind, from) = (word(v, "mark"), text(v, "effective_on"));
            let said = match text(v, "replaced_by") {
                by if by.is_empty() => t!("audit-said-mark", mark = kind, from = from),
                by => t!("audit-said-mark-replaced", mark = kind, from = from, by = by),
            };
            noted(said, &text(v, "note"))
        }
        AuditAction::OperatorSet => {
            let role = |s: &Value| word(s, "role");
            match (&v["before"], &v["after"]) {
                (Value::Null, after) if after.is_object() => t!("audit-said-operator-added", role = role(after)),
                (_, after) if after["active"] == Value::Bool(false) => t!("audit-said-operator-disabled"),
                (before, after) => t!("audit-said-operator-role", before = role(before), after = role(after)),
            }
        }
        AuditAction::Publish => {
            let columns = v["columns"].as_array().map(|c| c.iter().filter_map(Value::as_str).collect::<Vec<_>>());
            t!("audit-said-publish", columns = columns.unwrap_or_default().join(&t!("history-list-separator")))
        }
        AuditAction::RectificationAdd => {
            t!("audit-said-order", unit = text(v, "unit"), about = text(v, "about"), due = text(v, "due_on"))
        }
        AuditAction::RectificationClose => noted(word(v, "how"), &text(v, "note")),
        AuditAction::Restore => noted(t!("audit-said-restore", reason = word(v, "withdrawn_for")), &text(v, "note")),
        AuditAction::Retract => {
            let said = noted(word(v, "reason"), &text(v, "note"));
            match number(v, "batch") {
                n if n > 1 => t!("audit-said-batch", said = said, count = n),
                _ => said,
            }
        }
        AuditAction::RetractionClose => {
            t!("audit-said-request-closed", item = number(v, "item"), how = word(&v["after"], "resolution"))
        }
        AuditAction::RetractionDecline => text(v, "reason"),
        AuditAction::RetractionRequest => noted(
            t!("audit-said-request", unit = text(v, "unit"), item = number(v, "item"), reason = word(v, "reason")),
            &text(v, "note"),
        ),
        AuditAction::ReviewApprove => noted(step(), &text(v, "comment")),
        AuditAction::ReviewReject => noted(step(), &text(v, "reason")),
        AuditAction::ReviewReturn => {
            let lacking: Vec<String> = v["lacking"]
                .as_array()
                .map(|l| l.iter().filter_map(Value::as_str).map(|k| in_words("lacking", k.to_string())).collect())
                .unwrap_or_default();
            let lacking = lacking.join(&t!("history-list-separator"));
            noted(t!("audit-said-return", step = step(), lacking = lacking), &text(v, "reason"))
        }
        AuditAction::SchemaUpgrade => t!("audit-said-schema", from = text(v, "from"), to = text(v, "to")),
        AuditAction::SiteAdd => {
            t!("audit-said-site", name = text(v, "name"), units = number(v, "units"), columns = number(v, "columns"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, scoped};

    #[test]
    fn a_record_reads_as_one_line_in_either_language() {
        let withdrawal = r#"{"reason":"outdated","note":"已被新文件替代","requests_closed":0,"batch":3,
            "before":{"stage":"done","status":"online"},"after":{"stage":"done","status":"withdrawn"}}"#;
        let rejected = r#"{"step":"recheck","failed":"2,5","reason":"数据有误","before":{},"after":{}}"#;
        let returned = r#"{"step":"review","lacking":["signed_scan","target_columns"],"reason":"","before":{}}"#;
        let operator = r#"{"before":{"role":"viewer","active":true},"after":{"role":"reviewer","active":true}}"#;
        for (lang, said) in [
            (
                Lang::En,
                [
                    "outdated — 已被新文件替代 (3 at once)",
                    "re-review — 数据有误",
                    "review: lacking scan, columns",
                    "viewer → reviewer",
                ],
            ),
            (
                Lang::ZhCn,
                ["过期——已被新文件替代（同批 3 条）", "复核——数据有误", "审核：缺少扫描件、栏目", "查看员 → 审核员"],
            ),
        ] {
            scoped(lang, || {
                assert_eq!(summary("retract", withdrawal), said[0]);
                assert_eq!(summary("review.reject", rejected), said[1]);
                assert_eq!(summary("review.return", returned), said[2]);
                assert_eq!(summary("operator.set", operator), said[3]);
            });
        }
    }

    #[test]
    fn a_record_it_cannot_read_shows_its_detail_as_it_is() {
        assert_eq!(summary("retract", "not json"), "not json");
        assert_eq!(summary("someone.else", r#"{"a":1}"#), r#"{"a":1}"#);
        assert_eq!(summary("retract", ""), "");
    }
}
