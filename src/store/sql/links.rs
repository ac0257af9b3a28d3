//! The link checks' part of the store: the items a check reads, its results replaced in
//! `link_checks` in one transaction with its audit record.

use crate::t;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::text::{Lossy, note_repaired};

use crate::domain::links::{Place, Verdict};

sql_impl! { LinkStore;
    async fn link_items(&self, site: &Site, scope: &LinkScope) -> Result<Vec<LinkItem>> {
        let (items, since, sql) = match scope {
            LinkScope::Online { items, since } => (
                items,
                since,
                "SELECT i.id, i.url, i.body, i.status FROM items i \
                 WHERE i.site_id = $1 AND i.status = 'online' AND ($2 IS NULL OR i.published_at >= $2)",
            ),
            LinkScope::Withdrawn { items, since } => (
                items,
                since,
                "SELECT i.id, i.url, i.body, i.status FROM items i \
                 WHERE i.site_id = $1 AND i.status = 'withdrawn' AND i.url IS NOT NULL AND i.url <> '' \
                   AND ($2 IS NULL OR EXISTS (SELECT 1 FROM withdrawals w WHERE w.site_id = i.site_id \
                       AND w.item_id = i.id \
                                              AND w.restored_at IS NULL AND w.withdrawn_at >= $2))",
            ),
        };
        let mut out = Vec::new();
        let chunks: Vec<Option<&[i64]>> = match items {
            Some(ids) => ids.chunks(CHUNK).map(Some).collect(),
            None => vec![None],
        };
        for chunk in chunks {
            let sql = match chunk {
                Some(ids) if !ids.is_empty() => format!("{sql} AND i.id IN ({}) ORDER BY i.id", id_list(ids)),
                Some(_) => continue,
                None => format!("{sql} ORDER BY i.id"),
            };
            let rows = sqlx::query::<DB>(&sql).bind(site.id).bind(*since).fetch_all(&self.pool).await?;
            for row in &rows {
                let id: i64 = row.try_get("id")?;
                let url: Option<Lossy> = row.try_get("url")?;
                let body: Lossy = row.try_get("body")?;
                if url.as_ref().is_some_and(|u| u.repaired) || body.repaired {
                    note_repaired(id);
                }
                out.push(LinkItem {
                    id,
                    url: url.map(|u| u.text),
                    body: body.text,
                    attachments: Vec::new(),
                    status: parse("status", &row.try_get::<String, _>("status")?)?,
                });
            }
        }
        if out.is_empty() {
            return Ok(out);
        }
        let mut attachments: HashMap<i64, Vec<String>> = HashMap::new();
        for chunk in out.chunks(CHUNK) {
            let ids: Vec<i64> = chunk.iter().map(|i| i.id).collect();
            let sql = format!(
                "SELECT item_id, name FROM attachments WHERE site_id = $1 AND item_id IN ({}) ORDER BY id",
                id_list(&ids)
            );
            let rows = sqlx::query::<DB>(&sql).bind(site.id).fetch_all(&self.pool).await?;
            for row in &rows {
                let name: Lossy = row.try_get("name")?;
                attachments.entry(row.try_get("item_id")?).or_default().push(name.text);
            }
        }
        for item in &mut out {
            item.attachments = attachments.remove(&item.id).unwrap_or_default();
        }
        Ok(out)
    }

    async fn record_link_checks(&self, site: &Site, checked: &[CheckedLink]) -> Result<usize> {
        let mut tx = self.begin_write("link-checks").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::CheckLinks).await?;
        // One row per link of an item (a statement may not touch a row twice).
        let mut seen = std::collections::HashSet::new();
        let rows: Vec<&CheckedLink> =
            checked.iter().filter(|c| seen.insert((c.item, c.place, c.url.as_str()))).collect();
        let count = |v: Verdict| rows.iter().filter(|c| c.verdict == v).count();
        let items: std::collections::BTreeSet<i64> = rows.iter().map(|c| c.item).collect();
        let detail = json!({
            "items": items.len(),
            "links": rows.len(),
            "broken": count(Verdict::Broken),
            "refused": count(Verdict::Refused),
            "still_public": count(Verdict::StillPublic),
            "gone": count(Verdict::Gone) + count(Verdict::Notice),
        });
        // The audit record first: on SQLite each row must follow its record (schema.sql, link_audit).
        let (at, _) = Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "links.check",
            &format!("site:{}", site.code),
            &detail.to_string(),
        )
        .await?;
        for chunk in rows.chunks(CHUNK / 2) {
            let mut sql = insert_sql::<DB>(
                "link_checks (site_id, item_id, place, url, status, error, verdict, checked_at, checked_by)",
                9,
                chunk.len(),
            );
            sql.push_str(
                " ON CONFLICT (site_id, item_id, place, url) DO UPDATE SET status = excluded.status, \
                    error = excluded.error, \
                 verdict = excluded.verdict, checked_at = excluded.checked_at, checked_by = excluded.checked_by",
            );
            let mut q = sqlx::query::<DB>(&sql);
            for c in chunk {
                q = q
                    .bind(site.id)
                    .bind(c.item)
                    .bind(c.place.as_str())
                    .bind(c.url.as_str())
                    .bind(c.status.map(i64::from))
                    .bind(c.error.as_deref())
                    .bind(c.verdict.as_str())
                    .bind(at)
                    .bind(self.operator.as_str());
            }
            q.execute(&mut *tx).await.map_err(|e| match DatabaseError::from(e) {
                d if d.is_foreign_key() => {
                    StoreError::NotFound(t!("store-checked-item-elsewhere", site = site.code.as_str()))
                }
                d => StoreError::Database(d),
            })?;
        }
        self.finish(tx).await?;
        Ok(rows.len())
    }

    async fn link_results(&self, site: &Site) -> Result<Vec<LinkRow>> {
        Ok(self.link_results_of(Some(site.id)).await?.into_iter().map(|(_, row)| row).collect())
    }

    async fn record_probe(&self, site: &Site, probe: &NewProbe) -> Result<DateTime<Utc>> {
        let mut tx = self.begin_write("site-probe").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::CheckLinks).await?;
        let detail = json!({
            "url": probe.url,
            "status": probe.status,
            "millis": probe.millis,
            "reachable": probe.reachable,
        });
        // The audit record first: on SQLite the row must follow its record (schema.sql, link_audit).
        let (at, _) = Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "links.probe",
            &format!("site:{}", site.code),
            &detail.to_string(),
        )
        .await?;
        sqlx::query(
            "INSERT INTO site_probes (site_id, url, probed_at, status, error, millis, reachable, probed_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(site.id)
        .bind(probe.url.as_str())
        .bind(at)
        .bind(probe.status.map(i64::from))
        .bind(probe.error.as_deref())
        .bind(i64::try_from(probe.millis).unwrap_or(i64::MAX))
        .bind(probe.reachable)
        .bind(self.operator.as_str())
        .execute(&mut *tx)
        .await?;
        self.finish(tx).await?;
        Ok(at)
    }

    async fn probes(&self, site: &Site, since: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<ProbeRow>> {
        Ok(self.probes_of(Some(site.id), since, until).await?.into_iter().map(|(_, row)| row).collect())
    }
}

sql_impl! { SqlStore;
    /// The link checks' latest results of a site (`None`: of every site), each with its site.
    pub(super) async fn link_results_of(&self, site: Option<i64>) -> Result<Vec<(i64, LinkRow)>> {
        let (of_site, of_check) =
            if site.is_some() { ("l.site_id = $1 AND ", "p.site_id = $1 AND ") } else { ("", "") };
        let sql = format!(
            "SELECT l.site_id, l.item_id, i.title, u.name AS unit, i.status AS item_status, l.place, l.url, \
                 l.status, l.error, l.verdict, l.checked_at \
             FROM link_checks l JOIN items i ON i.site_id = l.site_id AND i.id = l.item_id \
             LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
             WHERE {of_site}l.checked_at = (SELECT MAX(m.checked_at) FROM link_checks m \
                                                      WHERE m.site_id = l.site_id AND m.item_id = l.item_id) \
             ORDER BY l.item_id, l.place, l.url"
        );
        let mut query = sqlx::query::<DB>(&sql);
        if let Some(site) = site {
            query = query.bind(site);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let sql = format!(
            "SELECT p.item_id, c.path FROM placements p JOIN columns c ON c.site_id = p.site_id AND c.id = p.column_id \
             WHERE {of_check}p.online_since IS NOT NULL \
               AND p.item_id IN (SELECT l.item_id FROM link_checks l WHERE {of_site}l.verdict = 'broken') \
             ORDER BY p.item_id, c.path"
        );
        let mut query = sqlx::query::<DB>(&sql);
        if let Some(site) = site {
            query = query.bind(site);
        }
        let mut by_item: HashMap<i64, Vec<String>> = HashMap::new();
        for row in query.fetch_all(&self.pool).await? {
            by_item.entry(row.try_get("item_id")?).or_default().push(row.try_get("path")?);
        }
        rows.iter()
            .map(|row| {
                let item: i64 = row.try_get("item_id")?;
                let title: Lossy = row.try_get("title")?;
                let place: String = row.try_get("place")?;
                let url: Lossy = row.try_get("url")?;
                let verdict: String = row.try_get("verdict")?;
                let link = LinkRow {
                    item,
                    title: title.text,
                    unit: row.try_get("unit")?,
                    item_status: parse("status", &row.try_get::<String, _>("item_status")?)?,
                    place: Place::parse(&place).ok_or_else(|| {
                        StoreError::Refused(t!("store-unknown-link-place", place = format!("{place:?}")))
                    })?,
                    url: url.text,
                    status: row.try_get("status")?,
                    error: row.try_get("error")?,
                    verdict: Verdict::parse(&verdict).ok_or_else(|| {
                        StoreError::Refused(t!("store-unknown-verdict", verdict = format!("{verdict:?}")))
                    })?,
                    checked_at: row.try_get("checked_at")?,
                    columns: by_item.get(&item).cloned().unwrap_or_default(),
                };
                Ok((row.try_get("site_id")?, link))
            })
            .collect()
    }

    /// The home page's probes of a site (`None`: of every site) in `[since, until)`, each with its
    /// site, oldest first.
    pub(super) async fn probes_of(
        &self,
        site: Option<i64>,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<(i64, ProbeRow)>> {
        let sql = format!(
            "SELECT site_id, url, probed_at, status, error, millis, reachable FROM site_probes \
             WHERE {}probed_at >= $2 AND probed_at < $3 ORDER BY probed_at, id",
            if site.is_some() { "site_id = $1 AND " } else { "" }
        );
        let rows = match site {
            Some(site) => sqlx::query::<DB>(&sql).bind(site).bind(since).bind(until).fetch_all(&self.pool).await?,
            None => sqlx::query::<DB>(&site_as(&sql, "")).bind(since).bind(until).fetch_all(&self.pool).await?,
        };
        rows.iter()
            .map(|row| {
                let url: Lossy = row.try_get("url")?;
                let probe = ProbeRow {
                    url: url.text,
                    probed_at: row.try_get("probed_at")?,
                    status: row.try_get("status")?,
                    error: row.try_get("error")?,
                    millis: row.try_get("millis")?,
                    reachable: row.try_get("reachable")?,
                };
                Ok((row.try_get("site_id")?, probe))
            })
            .collect()
    }
}
