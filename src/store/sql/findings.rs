//! The content checks' findings, stored: found in the transaction of the write that changed an
//! item's text or dates, replaced by the next check, never deleted. On SQLite each row takes the
//! time and login of the site's newest audit record (its triggers refuse any other), which the
//! write has just written.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Transaction};

use super::import::Cell;
use super::*;
use crate::domain::checks::{Checked, Finding, FindingKind, Lists, check_items};
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::findings::*;
use crate::store::text::Lossy;

/// Items read and checked at a time by `recheck`.
const PAGE: i64 = 5_000;

/// An item's text and dates as the checks read them, in a transaction: id, title, body,
/// submitted_at, published_at, the issue date of the document it carries.
type TextRow = (i64, Lossy, Lossy, DateTime<Utc>, Option<DateTime<Utc>>, Option<NaiveDate>);

const TEXTS: &str = "SELECT i.id, i.title, i.body, i.submitted_at, i.published_at, \
       (SELECT MIN(d.issued_on) FROM documents d WHERE d.site_id = i.site_id AND d.item_id = i.id) \
     FROM items i WHERE i.site_id = $1 AND i.id > $2 ORDER BY i.id LIMIT $3";

/// ` kind kind `: the kinds among an item's findings, each once, for `LIKE '% kind %'`.
fn kinds(found: &[Finding]) -> String {
    let mut kinds: Vec<&str> = found.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.is_empty() { String::new() } else { format!(" {} ", kinds.join(" ")) }
}

sql_impl! { SqlStore;
    /// The lists items are checked with.
    pub(super) fn lists_now(&self) -> Arc<Lists> {
        if let Some(lists) = self.lists.read().ok().and_then(|l| l.clone()) {
            return lists;
        }
        let shipped = Arc::new(Lists::shipped());
        if let Ok(mut slot) = self.lists.write() {
            slot.get_or_insert_with(|| shipped.clone());
        }
        shipped
    }

    /// The time and login of the site's newest audit record, which a stored finding takes.
    async fn newest_record(tx: &mut Transaction<'static, DB>, site: i64) -> Result<(DateTime<Utc>, String)> {
        Ok(sqlx::query_as("SELECT at, operator FROM audit_log WHERE site_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(site)
            .fetch_one(&mut **tx)
            .await?)
    }

    /// Stores items' findings (replacing what was stored for them), found with lists `version`.
    async fn store_found(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        version: &str,
        found: &[(i64, Vec<Finding>)],
    ) -> Result<()> {
        if found.is_empty() {
            return Ok(());
        }
        let (at, by) = Self::newest_record(tx, site).await?;
        let json: Vec<(String, String, i64)> = found
            .iter()
            .map(|(_, f)| {
                let text = serde_json::to_string(f).map_err(|e| StoreError::Refused(e.to_string()))?;
                Ok((text, kinds(f), f.iter().filter(|f| f.blocking).count() as i64))
            })
            .collect::<Result<_>>()?;
        let width = 8;
        let mut cells = Vec::with_capacity(found.len() * width);
        for ((id, _), (text, kinds, blocking)) in found.iter().zip(&json) {
            cells.extend([
                Cell::Int(Some(site)),
                Cell::Int(Some(*id)),
                Cell::Text(Some(version)),
                Cell::Text(Some(kinds.as_str())),
                Cell::Int(Some(*blocking)),
                Cell::Text(Some(text.as_str())),
                Cell::Time(Some(at)),
                Cell::Text(Some(by.as_str())),
            ]);
        }
        Self::insert_rows(
            tx,
            "item_findings (site_id, item_id, lists, kinds, blocking, findings, found_at, found_by)",
            width,
            &cells,
            " ON CONFLICT (site_id, item_id) DO UPDATE SET lists = excluded.lists, kinds = excluded.kinds, \
             blocking = excluded.blocking, findings = excluded.findings, found_at = excluded.found_at, \
             found_by = excluded.found_by",
        )
        .await
    }

    /// Checks items just written (new ones: `every` false stores only those with findings; an
    /// item changed: `every` true replaces what was stored, empty or not), after the write's audit
    /// record, in its transaction.
    pub(super) async fn check_written(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        lists: &Lists,
        items: &[(i64, Checked<'_>)],
        every: bool,
    ) -> Result<()> {
        let checked: Vec<Checked> = items.iter().map(|(_, c)| *c).collect();
        let found = check_items(lists, &checked, Utc::now());
        let rows: Vec<(i64, Vec<Finding>)> =
            items.iter().zip(found).filter(|(_, f)| every || !f.is_empty()).map(|((id, _), f)| (*id, f)).collect();
        Self::store_found(tx, site, lists.version(), &rows).await
    }

    /// Checks one item again as it now stands in the transaction (after its publication).
    pub(super) async fn check_again(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        lists: &Lists,
        item: i64,
    ) -> Result<()> {
        let rows: Vec<TextRow> =
            sqlx::query_as(TEXTS).bind(site).bind(item - 1).bind(1_i64).fetch_all(&mut **tx).await?;
        let Some((id, title, body, submitted_at, published_at, issued_on)) = rows.into_iter().find(|r| r.0 == item)
        else {
            return Ok(());
        };
        let checked = Checked { title: &title.text, body: &body.text, submitted_at, published_at, issued_on };
        Self::check_written(tx, site, lists, &[(id, checked)], true).await
    }

    /// Records that every item of the site was checked with lists `version` (after the audit
    /// record of the change that did it).
    pub(super) async fn note_lists(tx: &mut Transaction<'static, DB>, site: i64, version: &str) -> Result<()> {
        let (at, by) = Self::newest_record(tx, site).await?;
        sqlx::query(
            "INSERT INTO finding_lists (site_id, lists, found_at, found_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (site_id) DO UPDATE SET lists = excluded.lists, found_at = excluded.found_at, \
             found_by = excluded.found_by",
        )
        .bind(site)
        .bind(version)
        .bind(at)
        .bind(by.as_str())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

sql_impl! { FindingStore;
    fn use_lists(&self, lists: Arc<Lists>) {
        if let Ok(mut slot) = self.lists.write() {
            *slot = Some(lists);
        }
    }

    fn lists_in_use(&self) -> Arc<Lists> {
        self.lists_now()
    }

    async fn findings_version(&self, site: &Site) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT lists FROM finding_lists WHERE site_id = $1")
            .bind(site.id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn stored_findings(
        &self,
        site: &Site,
        since: Option<DateTime<Utc>>,
        kind: Option<FindingKind>,
    ) -> Result<Vec<ItemFindings>> {
        type Row = (i64, Lossy, Option<String>, Option<DateTime<Utc>>, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT i.id, i.title, u.name, i.published_at, f.lists, f.findings \
             FROM item_findings f JOIN items i ON i.site_id = f.site_id AND i.id = f.item_id \
             LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
             WHERE f.site_id = $1 AND f.kinds LIKE $3 AND i.status = 'online' AND ($2 IS NULL OR i.published_at >= $2) \
             ORDER BY i.published_at DESC, i.id DESC",
        )
        .bind(site.id)
        .bind(since)
        .bind(kind.map_or_else(|| "% %".to_string(), |k| format!("% {} %", k.as_str())))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, title, unit, published_at, lists, findings)| {
                let findings: Vec<Finding> =
                    serde_json::from_str(&findings).map_err(|_| decode_error("item_findings", &id.to_string()))?;
                Ok(ItemFindings { item: FindingItem { id, title: title.text, unit, published_at, lists }, findings })
            })
            .collect()
    }

    async fn recheck(&self, site: &Site, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64> {
        let lists = self.lists_now();
        let mut tx = self.begin_write("findings").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM items WHERE site_id = $1")
            .bind(site.id)
            .fetch_one(&mut *tx)
            .await?;
        let before: Option<String> = sqlx::query_scalar("SELECT lists FROM finding_lists WHERE site_id = $1")
            .bind(site.id)
            .fetch_optional(&mut *tx)
            .await?;
        let detail = json!({
            "items": total, "before": {"lists": before}, "after": {"lists": lists.version()},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "findings.check",
            &format!("site:{}", site.code),
            &detail.to_string(),
        )
        .await?;
        // The items with a row already: theirs is replaced, found or not.
        let stored: HashSet<i64> =
            sqlx::query_scalar::<DB, i64>("SELECT item_id FROM item_findings WHERE site_id = $1")
                .bind(site.id)
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
        let now = Utc::now();
        let (mut after, mut done) = (0_i64, 0_u64);
        loop {
            let page: Vec<TextRow> =
                sqlx::query_as(TEXTS).bind(site.id).bind(after).bind(PAGE).fetch_all(&mut *tx).await?;
            let Some(last) = page.last() else { break };
            after = last.0;
            let checked: Vec<Checked> = page
                .iter()
                .map(|(_, title, body, submitted_at, published_at, issued_on)| Checked {
                    title: &title.text,
                    body: &body.text,
                    submitted_at: *submitted_at,
                    published_at: *published_at,
                    issued_on: *issued_on,
                })
                .collect();
            let found = check_items(&lists, &checked, now);
            let rows: Vec<(i64, Vec<Finding>)> = page
                .iter()
                .zip(found)
                .filter(|(item, f)| !f.is_empty() || stored.contains(&item.0))
                .map(|(item, f)| (item.0, f))
                .collect();
            Self::store_found(&mut tx, site.id, lists.version(), &rows).await?;
            done += page.len() as u64;
            progress(done, total as u64);
        }
        Self::note_lists(&mut tx, site.id, lists.version()).await?;
        self.finish(tx).await?;
        Ok(done)
    }
}
