//! Items: exported a page at a time, one whole with its history, one found by its id or ref.

use crate::t;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::checks::{self, RecordedFinding};
use crate::domain::item::{AttachmentKind, ItemFields};
use crate::domain::{Form, RetractionReason, Stage};
use crate::store::backend::Backend;
use crate::store::text::{Lossy, note_repaired};

sql_impl! { SqlStore;
    /// The history entries of the content checks' findings recorded with each review decision on an
    /// item (in its audit record): what each decision found, waived or not, and what an earlier
    /// one found that it no longer did (fixed). Decisions recorded without findings are left out.
    pub(super) async fn findings_at_decisions(&self, site: &Site, id: i64) -> Result<Vec<HistoryEntry>> {
        let records = sqlx::query::<DB>(
            "SELECT at, operator, action, detail FROM audit_log \
             WHERE site_id = $1 AND target = $2 AND action IN ('review.approve', 'review.reject', 'review.return') \
                 ORDER BY id",
        )
        .bind(site.id)
        .bind(format!("item:{id}"))
        .fetch_all(&self.pool)
        .await?;
        let mut decisions = Vec::new();
        let mut found = Vec::new();
        for row in &records {
            let at: DateTime<Utc> = row.try_get("at")?;
            let operator: String = row.try_get("operator")?;
            let action: String = row.try_get("action")?;
            let Ok(detail) = serde_json::from_str::<serde_json::Value>(&row.try_get::<String, _>("detail")?) else {
                continue;
            };
            let Some(findings) = detail.get("findings").cloned() else { continue };
            let Ok(findings) = serde_json::from_value::<Vec<RecordedFinding>>(findings) else { continue };
            let step = detail.get("step").and_then(|s| s.as_str()).unwrap_or("");
            let Ok(step) = step.parse::<Stage>() else { continue };
            let Some(verdict) = Verdict::parse(action.trim_start_matches("review.")) else { continue };
            decisions.push((at, operator, verdict, step));
            found.push(findings);
        }
        let mut history = Vec::new();
        for ((at, operator, verdict, step), (now, fixed)) in decisions.into_iter().zip(checks::at_decisions(&found)) {
            let entry = |event: HistoryEvent| HistoryEntry { at, operator: operator.clone(), event };
            let none_fixed = fixed.is_empty();
            for f in fixed {
                history.push(entry(HistoryEvent::Fixed { verdict, step, kind: f.kind.clone(), text: f.text.clone() }));
            }
            for f in now {
                history.push(entry(HistoryEvent::Found { verdict, step, finding: f.clone() }));
            }
            if now.is_empty() && none_fixed {
                history.push(entry(HistoryEvent::NothingFound { verdict, step }));
            }
        }
        Ok(history)
    }

    /// The history entries of an item's returns for what it lacked (`Decision::Return`): recorded
    /// in their audit records only, as no check was answered.
    pub(super) async fn returns(&self, site: &Site, id: i64) -> Result<Vec<HistoryEntry>> {
        let records = sqlx::query::<DB>(
            "SELECT at, operator, detail FROM audit_log \
             WHERE site_id = $1 AND target = $2 AND action = 'review.return' ORDER BY id",
        )
        .bind(site.id)
        .bind(format!("item:{id}"))
        .fetch_all(&self.pool)
        .await?;
        let mut history = Vec::new();
        for row in &records {
            let Ok(detail) = serde_json::from_str::<serde_json::Value>(&row.try_get::<String, _>("detail")?) else {
                continue;
            };
            let said = |key: &str| detail.get(key).and_then(|s| s.as_str()).unwrap_or("").to_string();
            let lacking: Vec<AttachmentKind> = detail
                .get("lacking")
                .and_then(|l| l.as_array())
                .into_iter()
                .flatten()
                .filter_map(|k| AttachmentKind::parse(k.as_str()?))
                .collect();
            let Ok(step) = said("step").parse::<Stage>() else { continue };
            let event = HistoryEvent::Returned { step, lacking, reason: said("reason") };
            history.push(HistoryEntry { at: row.try_get("at")?, operator: row.try_get("operator")?, event });
        }
        Ok(history)
    }
}

sql_impl! { ItemStore;
    async fn export_page(
        &self,
        site: &Site,
        after_id: i64,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ExportedItem>> {
        // Title and body leniently decoded: one item whose text is not UTF-8 must not fail the page.
        let rows = sqlx::query::<DB>(
            "SELECT i.id, i.ref, i.title, i.body, i.form, i.path, u.name AS unit, i.channel, i.stage, i.status, \
                i.submitted_at, i.published_at, i.url, i.wechat_at, i.mark \
             FROM items i LEFT JOIN units u ON u.id = i.unit_id \
             WHERE i.site_id = $1 AND i.id > $2 AND ($3 IS NULL OR i.updated_at >= $3) ORDER BY i.id LIMIT $4",
        )
        .bind(site.id)
        .bind(after_id)
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Ok(Vec::new());
        };
        let (first, last): (i64, i64) = (first.try_get("id")?, last.try_get("id")?);
        let placements = sqlx::query::<DB>(
            "SELECT p.item_id, c.path, p.form FROM placements p JOIN columns c ON c.id = p.column_id \
             WHERE p.site_id = $1 AND p.item_id BETWEEN $2 AND $3 ORDER BY p.item_id, c.position",
        )
        .bind(site.id)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let withdrawals = sqlx::query::<DB>(
            "SELECT item_id, withdrawn_at, reason FROM withdrawals \
             WHERE site_id = $1 AND item_id BETWEEN $2 AND $3 AND restored_at IS NULL",
        )
        .bind(site.id)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let attachments = sqlx::query::<DB>(
            "SELECT item_id, kind, name FROM attachments WHERE site_id = $1 AND item_id BETWEEN $2 AND $3 \
                ORDER BY item_id, kind",
        )
        .bind(site.id)
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await?;
        let mut carried: HashMap<i64, Vec<(AttachmentKind, String)>> = HashMap::new();
        for row in &attachments {
            let kind: String = row.try_get("kind")?;
            let kind = AttachmentKind::parse(&kind).ok_or_else(|| decode_error("attachment kind", &kind))?;
            carried.entry(row.try_get("item_id")?).or_default().push((kind, row.try_get("name")?));
        }
        let mut by_item: HashMap<i64, Vec<(String, Form)>> = HashMap::new();
        for row in &placements {
            let form = parse("form", &row.try_get::<String, _>("form")?)?;
            by_item.entry(row.try_get("item_id")?).or_default().push((row.try_get("path")?, form));
        }
        let mut withdrawn: HashMap<i64, (DateTime<Utc>, RetractionReason)> = HashMap::new();
        for row in &withdrawals {
            let reason = parse("reason", &row.try_get::<String, _>("reason")?)?;
            withdrawn.insert(row.try_get("item_id")?, (row.try_get("withdrawn_at")?, reason));
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let title: Lossy = row.try_get("title")?;
                let body: Lossy = row.try_get("body")?;
                if title.repaired || body.repaired {
                    note_repaired(id);
                }
                let text = |name: &str| row.try_get::<String, _>(name);
                Ok(ExportedItem {
                    id,
                    fields: ItemFields {
                        reference: row.try_get("ref")?,
                        url: row.try_get("url")?,
                        title: title.text,
                        body: body.text,
                        form: parse("form", &text("form")?)?,
                        path: parse("path", &text("path")?)?,
                        unit: row.try_get("unit")?,
                        channel: parse("channel", &text("channel")?)?,
                        stage: parse("stage", &text("stage")?)?,
                        status: parse("status", &text("status")?)?,
                        submitted_at: row.try_get("submitted_at")?,
                        wechat_at: row.try_get("wechat_at")?,
                        published_at: row.try_get("published_at")?,
                        placements: by_item.remove(&id).unwrap_or_default(),
                    },
                    withdrawn: withdrawn.remove(&id),
                    mark: row.try_get::<Option<String>, _>("mark")?.as_deref().map(|m| parse("mark", m)).transpose()?,
                    attachments: carried.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn item(&self, site: &Site, id: i64) -> Result<(ExportedItem, Vec<HistoryEntry>)> {
        let item = self
            .export_page(site, id - 1, None, 1)
            .await?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| StoreError::no_item(id, &site.code))?;
        let reviews = sqlx::query::<DB>(
            "SELECT r.decided_at, o.name AS operator, r.step, r.decision, r.comment FROM reviews r \
             JOIN operators o ON o.site_id = r.site_id AND o.id = r.operator_id \
             WHERE r.site_id = $1 AND r.item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let withdrawals = sqlx::query::<DB>(
            "SELECT withdrawn_at, withdrawn_by, reason, note, restored_at, restored_by, restore_note FROM withdrawals \
             WHERE site_id = $1 AND item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let attachments =
            sqlx::query::<DB>("SELECT received_at, kind, name FROM attachments WHERE site_id = $1 AND item_id = $2")
                .bind(site.id)
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        let marks = sqlx::query::<DB>(
            "SELECT marked_at, marked_by, mark, effective_on, replaced_by, note FROM item_marks WHERE site_id = $1 \
                AND item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut history = vec![HistoryEntry {
            at: item.fields.submitted_at,
            operator: item.fields.unit.clone().unwrap_or_default(),
            event: HistoryEvent::Submitted,
        }];
        for row in &attachments {
            let kind: String = row.try_get("kind")?;
            history.push(HistoryEntry {
                at: row.try_get("received_at")?,
                operator: item.fields.unit.clone().unwrap_or_default(),
                event: HistoryEvent::Attachment {
                    kind: AttachmentKind::parse(&kind).ok_or_else(|| decode_error("attachment", &kind))?,
                    name: row.try_get("name")?,
                },
            });
        }
        // Who published it is the publication's audit record.
        let publisher: Option<String> = sqlx::query_scalar(
            "SELECT operator FROM audit_log WHERE site_id = $1 AND target = $2 AND action = 'publish' \
                ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(site.id)
        .bind(format!("item:{id}"))
        .fetch_optional(&self.pool)
        .await?;
        for row in &reviews {
            let decision: String = row.try_get("decision")?;
            let verdict = Verdict::parse(&decision).ok_or_else(|| decode_error("decision", &decision))?;
            let step = parse("step", &row.try_get::<String, _>("step")?)?;
            let event = HistoryEvent::Decided { verdict, step, note: row.try_get("comment")? };
            history.push(HistoryEntry { at: row.try_get("decided_at")?, operator: row.try_get("operator")?, event });
        }
        if let Some(at) = item.fields.published_at {
            history.push(HistoryEntry { at, operator: publisher.unwrap_or_default(), event: HistoryEvent::Published });
        }
        for row in &withdrawals {
            let reason = parse("reason", &row.try_get::<String, _>("reason")?)?;
            let event = HistoryEvent::Withdrawn { reason, note: row.try_get("note")? };
            history.push(HistoryEntry {
                at: row.try_get("withdrawn_at")?,
                operator: row.try_get("withdrawn_by")?,
                event,
            });
            let restored: (Option<DateTime<Utc>>, Option<String>) =
                (row.try_get("restored_at")?, row.try_get("restored_by")?);
            if let (Some(at), Some(by)) = restored {
                let note: Option<String> = row.try_get("restore_note")?;
                let event = HistoryEvent::Restored { note: note.unwrap_or_default() };
                history.push(HistoryEntry { at, operator: by, event });
            }
        }
        // Findings of the content checks waived before approval (全过程留痕).
        let waived = sqlx::query::<DB>(
            "SELECT waived_at, waived_by, kind, text, reason FROM finding_waivers WHERE site_id = $1 AND item_id = $2",
        )
        .bind(site.id)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        for row in &waived {
            let event = HistoryEvent::Waived {
                kind: row.try_get("kind")?,
                text: row.try_get("text")?,
                reason: row.try_get("reason")?,
            };
            history.push(HistoryEntry { at: row.try_get("waived_at")?, operator: row.try_get("waived_by")?, event });
        }
        history.extend(self.findings_at_decisions(site, id).await?);
        history.extend(self.returns(site, id).await?);
        for row in &marks {
            let event = HistoryEvent::Marked {
                mark: parse("mark", &row.try_get::<String, _>("mark")?)?,
                from: row.try_get("effective_on")?,
                replaced_by: row.try_get("replaced_by")?,
                note: row.try_get("note")?,
            };
            history.push(HistoryEntry { at: row.try_get("marked_at")?, operator: row.try_get("marked_by")?, event });
        }
        history.sort_by_key(|h| h.at);
        Ok((item, history))
    }

    async fn find_item(&self, site: &Site, key: &str) -> Result<i64> {
        let found: Option<i64> = match key.trim().parse::<i64>() {
            Ok(id) => {
                sqlx::query_scalar("SELECT id FROM items WHERE site_id = $1 AND id = $2")
                    .bind(site.id)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Err(_) => {
                sqlx::query_scalar("SELECT id FROM items WHERE site_id = $1 AND ref = $2")
                    .bind(site.id)
                    .bind(key.trim())
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        found.ok_or_else(|| {
            StoreError::NotFound(t!("store-no-item-key", key = format!("{key:?}"), site = site.code.as_str()))
        })
    }
}
