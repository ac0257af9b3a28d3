//! The content checks' findings, stored: found in the transaction of the write that changed an
//! item's text or dates, replaced by the next check, never deleted. On SQLite each row takes the
//! time and login of the site's newest audit record (its triggers refuse any other), which the
//! write has just written. `check --all` writes only the rows whose findings it found changed:
//! the others were found the same with the new lists, which `finding_lists` then names (`ROW_LISTS`).

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::import::Cell;
use super::*;
use crate::domain::checks::{Checked, Finding, Lists, check_item, check_items};
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::findings::*;
use crate::store::text::Lossy;
use crate::store::texts::TextPage;

/// An item's text and dates as the checks read them, in a transaction (`TEXTS`).
struct TextRow {
    id: i64,
    title: Lossy,
    body: Lossy,
    submitted_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    /// The issue date of the document it carries.
    issued_on: Option<NaiveDate>,
}

impl TextRow {
    /// What the checks read of it.
    fn checked(&self) -> Checked<'_> {
        Checked {
            title: &self.title.text,
            body: &self.body.text,
            submitted_at: self.submitted_at,
            published_at: self.published_at,
            issued_on: self.issued_on,
        }
    }
}

const TEXTS: &str = "SELECT i.id, i.title, i.body, i.submitted_at, i.published_at, \
       (SELECT MIN(d.issued_on) FROM documents d WHERE d.site_id = i.site_id AND d.item_id = i.id) AS issued_on \
     FROM items i WHERE i.site_id = $1 AND i.id > $2 ORDER BY i.id LIMIT $3";

/// The version of the lists a stored row's findings stand for (`f`, with the site's `l` of
/// `finding_lists`): a row found before the site's last `check --all` was found the same by it (it
/// rewrites every row whose findings changed), so it stands for that check's lists; a row found
/// since, by a write, for its own.
const ROW_LISTS: &str = "CASE WHEN l.found_at > f.found_at THEN l.lists ELSE f.lists END";

/// An item's findings as a row of `item_findings` stores them.
struct FoundRow {
    id: i64,
    /// The findings, as JSON.
    findings: String,
    /// ` kind kind ` (`kinds`).
    kinds: String,
    /// How many of them block.
    blocking: i64,
}

impl FoundRow {
    fn of(id: i64, found: &[Finding]) -> Result<FoundRow> {
        Ok(FoundRow {
            id,
            findings: serde_json::to_string(found).map_err(|e| StoreError::Refused(e.to_string()))?,
            kinds: kinds(found),
            blocking: found.iter().filter(|f| f.blocking).count() as i64,
        })
    }
}

/// Checks a page of items on every core (`TextPage::on_every_core`) and keeps the rows to write:
/// those whose findings are not what is stored (none stored: not empty), and those of the items in
/// `always` (an open order names a finding of theirs: their row, found now, says whether it is
/// still there). Each item's row is made and compared on the thread that checked it.
fn found_again(lists: &Lists, page: &TextPage, always: &HashSet<i64>, now: DateTime<Utc>) -> Result<Vec<FoundRow>> {
    let rows = page.on_every_core(|id, checked, stored| {
        let found = check_item(lists, checked, now);
        if stored.is_none() && found.is_empty() && !always.contains(&id) {
            return Ok(None);
        }
        let row = FoundRow::of(id, &found)?;
        let changed = stored.is_none_or(|stored| stored != row.findings);
        Ok((changed || always.contains(&id)).then_some(row))
    });
    rows.into_iter().filter_map(Result::transpose).collect()
}

/// ` kind kind `: the kinds among an item's findings, each once, for `LIKE '% kind %'`.
fn kinds(found: &[Finding]) -> String {
    let mut kinds: Vec<&str> = found.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.is_empty() { String::new() } else { format!(" {} ", kinds.join(" ")) }
}

/// Whether ` kind kind ` (`kinds`) holds `kind`, exactly.
pub(super) fn holds_kind(kinds: &str, kind: &str) -> bool {
    kinds.split(' ').any(|k| !k.is_empty() && k == kind)
}

sql_impl! { SqlStore;
    /// An item's text and dates from a row of `TEXTS`, read by the columns' names.
    fn text_of(row: &DB::Row) -> Result<TextRow> {
        Ok(TextRow {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            body: row.try_get("body")?,
            submitted_at: row.try_get("submitted_at")?,
            published_at: row.try_get("published_at")?,
            issued_on: row.try_get("issued_on")?,
        })
    }

    /// A page of items' texts after item `after` (`texts::TEXTS_PAGE`), with the findings stored
    /// for them and the issue dates of the documents they carry, each read for the page's range
    /// of ids at once and as one row of JSON (the SQLite driver hands rows over one by one).
    async fn text_page(tx: &mut Transaction<'static, DB>, site: i64, after: i64, limit: i64) -> Result<TextPage> {
        let mut page = (DB::TEXT_PAGE)(&mut **tx, site, after, limit).await?;
        let Some(last) = page.last() else { return Ok(page) };
        let (agg, arr) = (DB::JSON_AGG, DB::JSON_ARRAY);
        // One statement a table for the page's range of ids (`$2 < item_id <= $3`), as JSON.
        let mut in_range = async |sql: String| -> Result<Option<String>> {
            Ok(sqlx::query_scalar(&sql).bind(site).bind(after).bind(last).fetch_one(&mut **tx).await?)
        };
        let stored = in_range(format!(
            "SELECT CAST({agg}({arr}(f.item_id, f.findings)) AS TEXT) FROM item_findings f \
             WHERE f.site_id = $1 AND f.item_id > $2 AND f.item_id <= $3"
        ))
        .await?;
        page.with_stored(&json_rows::<(i64, String)>("item_findings", stored)?);
        let issued = in_range(format!(
            "SELECT CAST({agg}({arr}(d.item_id, d.issued_on)) AS TEXT) FROM \
             (SELECT item_id, MIN(issued_on) AS issued_on FROM documents \
              WHERE site_id = $1 AND item_id > $2 AND item_id <= $3 GROUP BY item_id) d"
        ))
        .await?;
        page.with_issued(&json_rows::<(i64, NaiveDate)>("documents", issued)?);
        Ok(page)
    }

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
        let row = sqlx::query::<DB>("SELECT at, operator FROM audit_log WHERE site_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(site)
            .fetch_one(&mut **tx)
            .await?;
        Ok((row.try_get("at")?, row.try_get("operator")?))
    }

    /// Stores items' findings (replacing what was stored for them), found with lists `version`.
    async fn store_found(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        version: &str,
        found: &[FoundRow],
    ) -> Result<()> {
        if found.is_empty() {
            return Ok(());
        }
        let (at, by) = Self::newest_record(tx, site).await?;
        let width = 8;
        let mut cells = Vec::with_capacity(found.len() * width);
        for row in found {
            cells.extend([
                Cell::Int(Some(site)),
                Cell::Int(Some(row.id)),
                Cell::Text(Some(version)),
                Cell::Text(Some(row.kinds.as_str())),
                Cell::Int(Some(row.blocking)),
                Cell::Text(Some(row.findings.as_str())),
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
        let rows: Vec<FoundRow> = items
            .iter()
            .zip(found)
            .filter(|(_, f)| every || !f.is_empty())
            .map(|((id, _), f)| FoundRow::of(*id, &f))
            .collect::<Result<_>>()?;
        Self::store_found(tx, site, lists.version(), &rows).await
    }

    /// Checks one item again as it now stands in the transaction (after its publication).
    pub(super) async fn check_again(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        lists: &Lists,
        item: i64,
    ) -> Result<()> {
        let rows = sqlx::query::<DB>(TEXTS).bind(site).bind(item - 1).bind(1_i64).fetch_all(&mut **tx).await?;
        let Some(text) = rows.first().map(Self::text_of).transpose()?.filter(|t| t.id == item) else {
            return Ok(());
        };
        Self::check_written(tx, site, lists, &[(text.id, text.checked())], true).await
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

    async fn stored_findings(&self, site: &Site, since: Option<DateTime<Utc>>) -> Result<Vec<ItemFindings>> {
        let rows = sqlx::query::<DB>(&format!(
            "SELECT i.id, i.title, u.name AS unit, i.published_at, {ROW_LISTS} AS lists, f.findings \
             FROM item_findings f JOIN items i ON i.site_id = f.site_id AND i.id = f.item_id \
             LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
             LEFT JOIN finding_lists l ON l.site_id = f.site_id \
             WHERE f.site_id = $1 AND f.kinds <> '' AND i.status = 'online' \
               AND ($2 IS NULL OR i.published_at >= $2) \
             ORDER BY i.published_at DESC, i.id DESC"
        ))
        .bind(site.id)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let findings: Vec<Finding> = serde_json::from_str(&row.try_get::<String, _>("findings")?)
                    .map_err(|_| decode_error("item_findings", &id.to_string()))?;
                let title: Lossy = row.try_get("title")?;
                let item = FindingItem {
                    id,
                    title: title.text,
                    unit: row.try_get("unit")?,
                    published_at: row.try_get("published_at")?,
                    lists: row.try_get("lists")?,
                };
                Ok(ItemFindings { item, findings })
            })
            .collect()
    }

    async fn finding_page(
        &self,
        site: &Site,
        list: &FindingList,
        seek: Seek<FindingKey>,
        limit: i64,
    ) -> Result<Vec<ListedFinding>> {
        self.list_page(site, list, seek, limit).await
    }

    async fn finding_total(&self, site: &Site, list: &FindingList) -> Result<FindingCount> {
        self.list_total(site, list).await
    }

    async fn recheck_by(&self, site: &Site, page: usize, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<u64> {
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
        // The items an open order names a finding of: their row, found now, empty or not, says
        // whether the finding is still there (`close_findings_fixed`), so it is written even when
        // its findings did not change.
        let orders: Arc<HashSet<i64>> = Arc::new(
            sqlx::query_scalar::<DB, i64>(
                "SELECT item_id FROM rectifications WHERE site_id = $1 AND closed_at IS NULL AND finding IS NOT NULL",
            )
            .bind(site.id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect(),
        );
        let now = Utc::now();
        let limit = page.max(1) as i64;
        let mut done = 0_u64;
        let mut next = Self::text_page(&mut tx, site.id, 0, limit).await?;
        // Each page is checked on every core, on other threads than the one the database's next
        // page is read on; then its changed rows are written.
        while let Some(last) = next.last() {
            let this = std::mem::take(&mut next);
            let (with, orders) = (lists.clone(), orders.clone());
            let checking = tokio::task::spawn_blocking(move || {
                found_again(&with, &this, &orders, now).map(|rows| (this.len() as u64, rows))
            });
            let (read, checked) = tokio::join!(Self::text_page(&mut tx, site.id, last, limit), checking);
            let (checked, rows) = checked.map_err(|e| StoreError::Refused(e.to_string()))??;
            next = read?;
            Self::store_found(&mut tx, site.id, lists.version(), &rows).await?;
            done += checked;
            progress(done, total as u64);
        }
        Self::note_lists(&mut tx, site.id, lists.version()).await?;
        // The orders about a finding no longer found are fixed now.
        self.close_findings_fixed(&mut tx, site, None).await?;
        self.finish(tx).await?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_matched_exactly() {
        assert!(holds_kind(" leader_name phone ", "phone"));
        assert!(holds_kind(" leader_name phone ", "leader_name"));
        assert!(!holds_kind(" leader_name ", "leader_nam_"), "no wildcard");
        assert!(!holds_kind(" leader_name ", "leader"));
        assert!(!holds_kind("", "phone") && !holds_kind(" phone ", ""));
    }
}
