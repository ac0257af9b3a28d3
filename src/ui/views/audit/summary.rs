//! An audit record's detail as one line a person reads, by its action (`i18n/*/audit_summary.ftl`):
//! the Audit tab's detail column. The record's window and `audit --format json` keep the JSON it
//! was written as; a record this program cannot read (an action it does not know, a detail that is
//! not its JSON) shows its detail as it is.

use serde_json::Value;

use crate::domain::checks::FindingKind;
use crate::domain::item::AttachmentKind;
use crate::domain::{AuditAction, Closing, IncidentKind, MarkKind, Resolution, RetractionReason, Role, Stage};
use crate::t;
use crate::ui::words;

/// The detail of a record of `action` in words.
pub fn summary(action: &str, detail: &str) -> String {
    match (action.parse::<AuditAction>(), serde_json::from_str::<Value>(detail)) {
        (Ok(action), Ok(v)) if v.is_object() || v.is_array() => said(action, &v).unwrap_or_else(|| detail.to_string()),
        _ => detail.to_string(),
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

/// A stable value in words by its vocabulary; one it does not know, as it is.
fn word<T: std::str::FromStr>(v: &Value, key: &str, say: impl Fn(T) -> String) -> String {
    let value = text(v, key);
    value.parse::<T>().map_or(value, say)
}

/// `text — note`, or the text alone when there is no note.
fn noted(text: String, note: &str) -> String {
    if note.trim().is_empty() { text } else { t!("history-noted", event = text, note = note) }
}

fn said(action: AuditAction, v: &Value) -> Option<String> {
    let step = || word(v, "step", words::stage as fn(Stage) -> String);
    Some(match action {
        AuditAction::Backup => t!("audit-said-backup", file = text(v, "file"), tables = number(v, "tables"), rows = number(v, "rows")),
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
            let kind = text(v, "kind");
            let kind = FindingKind::parse(&kind).map_or(kind, words::finding);
            t!("audit-said-waive", kind = kind, text = text(v, "text"), reason = text(v, "reason"))
        }
        AuditAction::FindingsCheck => t!("audit-said-findings-check", items = number(v, "items")),
        AuditAction::Import => t!("audit-said-import", items = number(v, "items"), file = text(v, "file")),
        AuditAction::IncidentAdd => noted(
            t!(
                "audit-said-incident",
                unit = text(v, "unit"),
                kind = word(v, "kind", words::incident as fn(IncidentKind) -> String),
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
            Some(true) => t!("audit-said-probe", url = text(v, "url"), status = text(v, "status"), millis = number(v, "millis")),
            _ => t!("audit-said-probe-failed", url = text(v, "url"), millis = number(v, "millis")),
        },
        AuditAction::Mark => {
            let (kind, from) = (word(v, "mark", words::marked as fn(MarkKind) -> String), text(v, "effective_on"));
            let said = match text(v, "replaced_by") {
                by if by.is_empty() => t!("audit-said-mark", mark = kind, from = from),
                by => t!("audit-said-mark-replaced", mark = kind, from = from, by = by),
            };
            noted(said, &text(v, "note"))
        }
        AuditAction::OperatorSet => {
            let role = |s: &Value| word(s, "role", words::role as fn(Role) -> String);
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
        AuditAction::RectificationClose => {
            let how = word(v, "how", words::closing as fn(Closing) -> String);
            noted(how, &text(v, "note"))
        }
        AuditAction::Restore => noted(
            t!("audit-said-restore", reason = word(v, "withdrawn_for", words::reason as fn(RetractionReason) -> String)),
            &text(v, "note"),
        ),
        AuditAction::Retract => {
            let said = noted(word(v, "reason", words::reason as fn(RetractionReason) -> String), &text(v, "note"));
            match number(v, "batch") {
                n if n > 1 => t!("audit-said-batch", said = said, count = n),
                _ => said,
            }
        }
        AuditAction::RetractionClose => {
            let how = word(&v["after"], "resolution", |r: Resolution| match r {
                Resolution::Withdrawn => t!("code-resolution-withdrawn"),
                Resolution::Marked => t!("code-resolution-marked"),
                Resolution::Declined => t!("code-resolution-declined"),
            });
            t!("audit-said-request-closed", item = number(v, "item"), how = how)
        }
        AuditAction::RetractionDecline => text(v, "reason"),
        AuditAction::RetractionRequest => noted(
            t!(
                "audit-said-request",
                unit = text(v, "unit"),
                item = number(v, "item"),
                reason = word(v, "reason", words::reason as fn(RetractionReason) -> String)
            ),
            &text(v, "note"),
        ),
        AuditAction::ReviewApprove => noted(step(), &text(v, "comment")),
        AuditAction::ReviewReject => noted(step(), &text(v, "reason")),
        AuditAction::ReviewReturn => {
            let lacking: Vec<String> = v["lacking"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(Value::as_str)
                        .map(|k| AttachmentKind::parse(k).map_or_else(|| k.to_string(), words::lacks_short))
                        .collect()
                })
                .unwrap_or_default();
            let lacking = lacking.join(&t!("history-list-separator"));
            noted(t!("audit-said-return", step = step(), lacking = lacking), &text(v, "reason"))
        }
        AuditAction::SchemaUpgrade => t!("audit-said-schema", from = text(v, "from"), to = text(v, "to")),
        AuditAction::SiteAdd => t!(
            "audit-said-site",
            name = text(v, "name"),
            units = number(v, "units"),
            columns = number(v, "columns")
        ),
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
            (Lang::ZhCn, ["过期——已被新文件替代（同批 3 条）", "复核——数据有误", "审核：缺少扫描件、栏目", "查看员 → 审核员"]),
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
