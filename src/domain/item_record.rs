//! Items as JSON Lines (`import`, `export`): the fields of docs/import.md.

use crate::t;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::column_table::PATH_SEPARATOR;
use super::enums::{Channel, Form, ItemPath, ItemStatus, RetractionReason, Stage};
use super::item::{AttachmentKind, ItemFields, NewAttachment, NewItem, NewWithdrawal};
use super::time::parse_time;

/// One line of an import or export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    /// Added by `export`; ignored by `import` (the database gives new ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The item's public link on the portal, as its source system gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    pub form: Form,
    pub path: ItemPath,
    #[serde(default)]
    pub unit: String,
    pub columns: Vec<String>,
    pub submitted_at: String,
    /// For `channel` `wechat`: when the item went out on the unit's WeChat account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechat_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdraw_reason: Option<RetractionReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<BTreeMap<String, Form>>,
    /// What a unit submission carries (Art. 10), by kind (`signed_scan`, `electronic_text`,
    /// `target_columns`): the file's name as the unit sent it. Only for path `unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<BTreeMap<String, String>>,
    /// Added by `export`; on import it must agree with the times given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ItemStatus>,
    /// Added by `export`; on import it keeps a pending item at its review step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
}

/// Normalises a column path as written by a person: levels trimmed, joined by ` / `.
pub fn normalise_path(path: &str) -> String {
    path.split('/').map(str::trim).collect::<Vec<_>>().join(PATH_SEPARATOR)
}

fn time(field: &str, text: &str) -> Result<DateTime<Utc>, String> {
    parse_time(text).map_err(|e| t!("rules-import-field", field = field, error = e))
}

impl ItemRecord {
    /// Parses one JSON line.
    pub fn from_json(line: &str) -> Result<ItemRecord, String> {
        serde_json::from_str(line).map_err(|e| {
            // serde_json appends " at line 1 column N": keep the column, it locates the problem.
            e.to_string()
        })
    }

    /// Checks the record and turns it into an item to insert. `operator` is who imports it (the
    /// withdrawal's operator when the record says it was withdrawn).
    pub fn into_new_item(self, operator: &str) -> Result<NewItem, String> {
        let title = self.title.trim().to_string();
        if title.is_empty() {
            return Err(t!("rules-import-no-title"));
        }
        let unit = match (self.unit.trim(), self.path) {
            ("", ItemPath::Repost) => None,
            ("", path) => return Err(t!("rules-import-no-unit", path = path.to_string())),
            (unit, _) => Some(unit.to_string()),
        };
        if self.columns.is_empty() {
            return Err(t!("rules-import-no-columns"));
        }
        let mut forms: BTreeMap<String, Form> =
            self.forms.unwrap_or_default().into_iter().map(|(path, form)| (normalise_path(&path), form)).collect();
        let mut placements = Vec::new();
        for column in &self.columns {
            let path = normalise_path(column);
            if placements.iter().any(|(p, _)| *p == path) {
                return Err(t!("rules-import-column-twice", path = format!("{path:?}")));
            }
            let form = forms.remove(&path).unwrap_or(self.form);
            placements.push((path, form));
        }
        if let Some(path) = forms.keys().next() {
            return Err(t!("rules-import-form-column", path = format!("{path:?}")));
        }
        let submitted_at = time("submitted_at", &self.submitted_at)?;
        let mut attachments = Vec::new();
        for (kind, name) in self.attachments.unwrap_or_default() {
            if self.path != ItemPath::Unit {
                return Err(t!("rules-import-attachments-path", path = self.path.to_string()));
            }
            let Some(kind) = AttachmentKind::parse(&kind) else {
                return Err(t!("rules-import-attachment-kind", kind = format!("{kind:?}")));
            };
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(t!("rules-import-attachment-name", kind = kind.as_str()));
            }
            attachments.push(NewAttachment { kind, name, at: submitted_at });
        }
        let published_at = self.published_at.as_deref().map(|t| time("published_at", t)).transpose()?;
        let wechat_at = self.wechat_at.as_deref().map(|t| time("wechat_at", t)).transpose()?;
        if wechat_at.is_some() && self.channel != Some(Channel::Wechat) {
            return Err(t!("rules-import-wechat"));
        }
        let withdrawal = match (self.withdrawn_at.as_deref(), self.withdraw_reason) {
            (None, None) => None,
            (Some(_), None) => return Err(t!("rules-import-withdrawn-reason")),
            (None, Some(_)) => return Err(t!("rules-import-reason-withdrawn")),
            (Some(at), Some(reason)) => {
                let at = time("withdrawn_at", at)?;
                match published_at {
                    None => {
                        return Err(t!("rules-import-withdrawn-published"));
                    }
                    Some(p) if at < p => return Err(t!("rules-import-withdrawn-before")),
                    Some(_) => {}
                }
                Some(NewWithdrawal { reason, note: String::new(), at, by: operator.to_string() })
            }
        };
        let status = match (published_at, &withdrawal) {
            (Some(_), Some(_)) => ItemStatus::Withdrawn,
            (Some(_), None) => ItemStatus::Online,
            (None, _) => match self.stage {
                Some(Stage::Returned) => ItemStatus::Returned,
                _ => ItemStatus::Pending,
            },
        };
        if let Some(given) = self.status
            && given != status
        {
            return Err(t!("rules-import-status", given = given.to_string(), status = status.to_string()));
        }
        let stage = match (status, self.stage) {
            (ItemStatus::Online | ItemStatus::Withdrawn, None | Some(Stage::Done)) => Stage::Done,
            (ItemStatus::Online | ItemStatus::Withdrawn, Some(s)) => {
                return Err(t!("rules-import-stage-published", stage = s.to_string()));
            }
            (_, None) => self.path.first_stage(),
            (_, Some(s)) if s == self.path.first_stage() || s == Stage::Publish || s == Stage::Returned => s,
            (_, Some(s)) => {
                return Err(t!("rules-import-stage-path", stage = s.to_string(), path = self.path.to_string()));
            }
        };
        Ok(NewItem {
            fields: ItemFields {
                reference: self.reference.map(|r| r.trim().to_string()).filter(|r| !r.is_empty()),
                url: self.url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
                title,
                body: self.body,
                form: self.form,
                path: self.path,
                unit,
                channel: self.channel.unwrap_or(Channel::Portal),
                stage,
                status,
                submitted_at,
                wechat_at,
                published_at,
                placements,
            },
            reviews: Vec::new(),
            attachments,
            withdrawal,
            retraction: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Result<NewItem, String> {
        ItemRecord::from_json(json)?.into_new_item("importer")
    }

    const BASE: &str = concat!(
        r#""title":"象山区召开安全生产工作会议","body":"正文","form":"image_text","path":"unit","unit":"应急局","#,
        r#""columns":["政务动态/部门动态"],"submitted_at":"2024-05-17T09:30:00""#
    );

    #[test]
    fn a_pending_unit_item() {
        let item = record(&format!("{{{BASE}}}")).unwrap();
        assert_eq!(item.fields.status, ItemStatus::Pending);
        assert_eq!(item.fields.stage, Stage::Recheck);
        assert_eq!(item.fields.placements, vec![("政务动态 / 部门动态".to_string(), Form::ImageText)]);
        assert_eq!(item.fields.submitted_at, parse_time("2024-05-17T01:30:00Z").unwrap());
    }

    #[test]
    fn a_wechat_item_keeps_when_it_went_out_on_wechat() {
        let item =
            record(&format!(r#"{{{BASE},"channel":"wechat","wechat_at":"2024-05-17T08:00:00+08:00"}}"#)).unwrap();
        assert_eq!(item.fields.wechat_at, Some(parse_time("2024-05-17T00:00:00Z").unwrap()));
    }

    #[test]
    fn published_and_withdrawn() {
        let item = record(&format!(
            concat!(
                r#"{{{BASE},"published_at":"2024-05-18T10:00:00+08:00","withdrawn_at":"2024-06-01T08:00:00+08:00","#,
                r#""withdraw_reason":"outdated","forms":{{"政务动态 / 部门动态":"video"}}}}"#
            ),
            BASE = BASE
        ))
        .unwrap();
        assert_eq!(item.fields.status, ItemStatus::Withdrawn);
        assert_eq!(item.fields.stage, Stage::Done);
        assert_eq!(item.fields.placements[0].1, Form::Video);
        assert_eq!(item.withdrawal.unwrap().reason, RetractionReason::Outdated);
    }

    #[test]
    fn refusals_say_why() {
        let with = |extra: &str| format!("{{{BASE}{extra}}}");
        let cases = [
            (r#"{"title":"x"}"#.to_string(), "missing field"),
            (with(r#","form2":1"#), "unknown field `form2`"),
            (with("").replace("image_text", "picture"), "unknown form \"picture\""),
            (with(r#","withdrawn_at":"2024-06-01""#), "withdrawn_at needs withdraw_reason"),
            (with(r#","withdrawn_at":"2024-06-01","withdraw_reason":"outdated""#), "needs published_at"),
            (with(r#","forms":{"走进象山":"video"}"#), "not in columns"),
            (with(r#","stage":"office_review""#), "not a step of path unit"),
            (with("").replace(r#""unit":"应急局""#, r#""unit":"""#), "unit is required for path unit"),
            (with("").replace(r#"["政务动态/部门动态"]"#, "[]"), "columns is empty"),
            (with(r#","wechat_at":"2024-05-17T08:00:00+08:00""#), "wechat_at is for an item first published on WeChat"),
        ];
        for (json, expected) in cases {
            let err = record(&json).unwrap_err();
            assert!(err.contains(expected), "{json}: {err}");
        }
    }
}
