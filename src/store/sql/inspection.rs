//! Public inquiries, for the national check.

use crate::t;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::text::Lossy;

sql_impl! { InspectionStore;
    async fn add_inquiry(&self, site: &Site, inquiry: &NewInquiry) -> Result<i64> {
        let subject = inquiry.subject.trim();
        if subject.is_empty() {
            return Err(StoreError::Refused(t!("store-inquiry-needs-subject")));
        }
        let invalid = inquiry.invalid_reason.as_deref().map(str::trim);
        if invalid == Some("") {
            return Err(StoreError::Refused(t!("store-inquiry-needs-reason")));
        }
        let mut tx = self.begin_write("inquiry").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO inquiries (site_id, subject, asked_at, valid, invalid_reason, recorded_at, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(site.id)
        .bind(subject)
        .bind(inquiry.asked_at)
        .bind(invalid.is_none())
        .bind(invalid)
        .bind(Utc::now())
        .bind(self.operator.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "subject": subject, "asked_at": inquiry.asked_at.to_rfc3339(), "invalid_reason": invalid,
            "before": null, "after": {"answered": false, "valid": invalid.is_none()},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "inquiry.add",
            &format!("inquiry:{id}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(id)
    }

    async fn answer_inquiry(&self, site: &Site, id: i64, answer: &str, at: DateTime<Utc>) -> Result<()> {
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(StoreError::Refused(t!("store-answer-needs-text")));
        }
        let mut tx = self.begin_write("inquiry-answer").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let done = sqlx::query(
            "UPDATE inquiries SET answered_at = $3, answer = $4 WHERE site_id = $1 AND id = $2 AND answered_at IS NULL",
        )
        .bind(site.id)
        .bind(id)
        .bind(at)
        .bind(answer)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&done) == 0 {
            return Err(StoreError::Refused(t!(
                "store-inquiry-answered",
                id = id.to_string(),
                site = site.code.as_str()
            )));
        }
        let detail = json!({
            "answered_at": at.to_rfc3339(), "answer": answer,
            "before": {"answered": false}, "after": {"answered": true},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "inquiry.answer",
            &format!("inquiry:{id}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(())
    }

    async fn inquiries(&self, site: &Site) -> Result<Vec<InquiryRow>> {
        Ok(self.inquiries_of(Some(site.id)).await?.into_iter().map(|(_, row)| row).collect())
    }
}

sql_impl! { SqlStore;
    /// The inquiries of a site (`None`: of every site) with each one's site, newest first.
    pub(super) async fn inquiries_of(&self, site: Option<i64>) -> Result<Vec<(i64, InquiryRow)>> {
        let sql = format!(
            "SELECT site_id, id, subject, asked_at, valid, invalid_reason, answered_at, answer FROM inquiries{} \
             ORDER BY asked_at DESC, id DESC",
            if site.is_some() { " WHERE site_id = $1" } else { "" }
        );
        let mut query = sqlx::query::<DB>(&sql);
        if let Some(site) = site {
            query = query.bind(site);
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                let inquiry = InquiryRow {
                    id: row.try_get("id")?,
                    subject: row.try_get("subject")?,
                    asked_at: row.try_get("asked_at")?,
                    valid: row.try_get("valid")?,
                    invalid_reason: row.try_get("invalid_reason")?,
                    answered_at: row.try_get("answered_at")?,
                    answer: row.try_get("answer")?,
                };
                Ok((row.try_get("site_id")?, inquiry))
            })
            .collect()
    }
}
