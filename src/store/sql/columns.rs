//! The column tree, the documents due in its columns, what staleness reads, the items online in a
//! column.

use crate::t;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::UnitKind;
use crate::domain::calendar::{CalendarDay, DayKind};
use crate::domain::deadline::DeadlineRule;
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::text::{Lossy, note_repaired};

/// The documents of site `$1` issued on or before `$2`, with what their deadlines need.
pub(super) const DOCUMENTS: &str = "SELECT d.id, d.number, d.title, c.id AS column_id, c.path, c.rule_kind, \
    c.rule_amount, c.rule_unit, \
                                d.issued_on, d.published_at \
                         FROM documents d JOIN columns c ON c.site_id = d.site_id AND c.id = d.column_id \
                             WHERE d.site_id = $1 AND d.issued_on <= $2";

/// Of those, the ones that were not online before `$3`: never online, or online only after. Two
/// index ranges (documents_open), not a pass over every document ever issued, in one statement:
/// each statement is a round trip to the SQLite driver's worker thread.
pub(super) fn open_documents_sql() -> String {
    format!("{DOCUMENTS} AND d.published_at IS NULL UNION ALL {DOCUMENTS} AND d.published_at >= $3")
}

/// Site `$1`'s columns, each with its latest online placement before `$3` (one index seek per
/// column on placements_column_online: the last online publication of every column without a scan),
/// the documents issued by `$2` open at `$3`, and the calendar when one is open.
pub(super) fn staleness_sql<DB: Backend>() -> String {
    format!(
        "WITH open_documents AS ({open_documents}) \
         SELECT {columns} AS columns, {documents} AS documents, \
           (SELECT CAST({agg}({arr}(k.day, k.kind, k.note)) AS TEXT) \
            FROM calendar_days k WHERE EXISTS (SELECT 1 FROM open_documents)) AS calendar",
        open_documents = open_documents_sql(),
        columns = stale_columns_json::<DB>(),
        documents = open_documents_json::<DB>("open_documents"),
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

/// `staleness_sql` for every site at once (the overview, `sites`): one row a site, its id, its
/// columns and its open documents (`$1` the day, `$2` the instant); the calendar is read once.
pub(super) fn every_site_documents_sql<DB: Backend>() -> String {
    let documents = open_documents_json::<DB>(&format!("({})", open_documents_sql()));
    every_site(&format!("SELECT {documents} AS documents"))
}

/// Every site's columns in the tree's order, each with its latest online placement before `$1`,
/// as plain rows: the overview reads every site's columns so. The latest is the one the database
/// keeps as placements are written (`column_latest`) when it is before `$1`, else one index seek
/// (placements_column_online, as `stale_columns_json`: an item dated ahead). Made into one JSON
/// array a site, the 35,000 columns of 120 sites took PostgreSQL about as long to build as the
/// seeks took, and the program as long again to read; the seeks were most of the rest.
pub(super) const EVERY_SITE_COLUMNS: &str = "SELECT c.site_id, c.id, c.parent_id, c.path, c.level, c.deadline, \
        c.rule_kind, c.rule_amount, c.rule_unit, c.departments, c.note, \
        CASE WHEN l.online_since IS NULL OR l.online_since < $1 THEN l.online_since \
             ELSE (SELECT p.online_since FROM placements p WHERE p.site_id = c.site_id AND p.column_id = c.id \
                     AND p.online_since IS NOT NULL AND p.online_since < $1 ORDER BY p.online_since DESC LIMIT 1) \
        END AS last_update \
     FROM columns c LEFT JOIN column_latest l ON l.site_id = c.site_id AND l.column_id = c.id \
     ORDER BY c.site_id, c.position";

/// Site `$1`'s columns with their latest online placement before `$3`, as a JSON array.
fn stale_columns_json<DB: Backend>() -> String {
    format!(
        "(SELECT CAST({agg}({arr}(x.id, x.parent_id, x.path, x.level, x.deadline, x.rule_kind, x.rule_amount, \
               x.rule_unit, x.departments, x.note, x.position, x.last_update)) AS TEXT) \
            FROM (SELECT c.*, (SELECT p.online_since FROM placements p \
                                WHERE p.site_id = c.site_id AND p.column_id = c.id \
                                  AND p.online_since IS NOT NULL AND p.online_since < $3 \
                                ORDER BY p.online_since DESC LIMIT 1) AS last_update \
                  FROM columns c WHERE c.site_id = $1) x)",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

/// The open documents read from `from` (the statement's own or a subquery), as a JSON array.
fn open_documents_json<DB: Backend>(from: &str) -> String {
    format!(
        "(SELECT CAST({agg}({arr}(o.id, o.number, o.title, o.column_id, o.path, o.rule_kind, o.rule_amount, \
               o.rule_unit, o.issued_on, o.published_at)) AS TEXT) \
            FROM {from} o)",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY
    )
}

/// Site `$1`'s column `$2`'s online items, as the rows and the count of its items read them.
const COLUMN_ONLINE: &str = "FROM placements p JOIN items i ON i.site_id = p.site_id AND i.id = p.item_id \
                             WHERE p.site_id = $1 AND p.column_id = $2 AND p.online_since IS NOT NULL";

/// A page of site `$1`'s column `$2`: its online items, newest first. The bound on online_since
/// alone is what the index (placements_column_online) ranges on.
pub(super) fn column_items_from() -> String {
    format!(
        "SELECT i.id, i.title, p.online_since, p.form, i.path, u.name AS unit, i.mark {}",
        COLUMN_ONLINE.replacen(" WHERE", " LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id WHERE", 1)
    )
}

/// A page of a column's items from `seek`: the first or the last (`$3` the limit), or the one
/// after or before the key (`$3` online_since, `$4` item id, `$5` the limit); with `filter`, only
/// the items it keeps, its text the parameter after the limit. The last pages are read oldest
/// first, along the same index backwards.
pub(super) fn column_items_sql<DB: Backend>(seek: Seek<()>, filter: Option<&ListFilter>) -> String {
    let (key, limit) = match seek {
        Seek::First | Seek::Last => ("", 3),
        Seek::After(()) => (" AND p.online_since <= $3 AND (p.online_since < $3 OR p.item_id < $4)", 5),
        Seek::Before(()) => (" AND p.online_since >= $3 AND (p.online_since > $3 OR p.item_id > $4)", 5),
    };
    let order = if seek.backward() { "ASC" } else { "DESC" };
    let filter = filter.map_or_else(String::new, |f| item_filter::<DB>(f, limit + 1));
    format!("{}{key}{filter} ORDER BY p.online_since {order}, p.item_id {order} LIMIT ${limit}", column_items_from())
}

/// How many of a column's online items `filter` keeps (its text `$3`), as `total!` counts them.
pub(super) fn column_items_total_from<DB: Backend>(filter: Option<&ListFilter>) -> String {
    let filter = filter.map_or_else(String::new, |f| item_filter::<DB>(f, 3));
    format!("{COLUMN_ONLINE}{filter}")
}

pub(super) const COLUMN_ITEM_COUNT: &str =
    "SELECT COUNT(*) FROM placements WHERE site_id = $1 AND column_id = $2 AND online_since IS NOT NULL";

sql_impl! { SqlStore;
    pub(super) async fn columns_of(&self, site: i64) -> Result<Vec<ColumnRow>> {
        let rows = sqlx::query::<DB>(
            "SELECT id, parent_id, path, level, deadline, rule_kind, rule_amount, rule_unit, departments, note \
             FROM columns WHERE site_id = $1 ORDER BY position",
        )
        .bind(site)
        .fetch_all(&self.pool)
        .await?;
        let links = sqlx::query::<DB>(
            "SELECT cu.column_id, u.name FROM column_units cu JOIN units u ON u.id = cu.unit_id \
             WHERE cu.site_id = $1 ORDER BY cu.column_id, u.position",
        )
        .bind(site)
        .fetch_all(&self.pool)
        .await?;
        let mut units: HashMap<i64, Vec<String>> = HashMap::new();
        for link in &links {
            units.entry(link.try_get("column_id")?).or_default().push(link.try_get("name")?);
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let kind: String = row.try_get("rule_kind")?;
                let unit: Option<String> = row.try_get("rule_unit")?;
                Ok(ColumnRow {
                    id,
                    parent_id: row.try_get("parent_id")?,
                    path: row.try_get("path")?,
                    level: row.try_get("level")?,
                    deadline: row.try_get("deadline")?,
                    rule: stored_rule(&kind, row.try_get("rule_amount")?, unit.as_deref())?,
                    departments: row.try_get("departments")?,
                    units: units.remove(&id).unwrap_or_default(),
                    note: row.try_get("note")?,
                })
            })
            .collect()
    }
}

sql_impl! { ColumnStore;
    async fn columns(&self, site: &Site) -> Result<Vec<ColumnRow>> {
        self.columns_of(site.id).await
    }

    async fn units(&self, site: &Site) -> Result<Vec<UnitRow>> {
        let rows =
            sqlx::query::<DB>("SELECT id, name, full_name, kind FROM units WHERE site_id = $1 ORDER BY position")
                .bind(site.id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                Ok(UnitRow {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    full_name: row.try_get("full_name")?,
                    kind: parse::<UnitKind>("unit kind", &row.try_get::<String, _>("kind")?)?,
                })
            })
            .collect()
    }

    async fn staleness_inputs(
        &self,
        site: &Site,
        issued_until: NaiveDate,
        before: DateTime<Utc>,
    ) -> Result<StalenessInputs> {
        let sql = staleness_sql::<DB>();
        let row = sqlx::query::<DB>(&sql).bind(site.id).bind(issued_until).bind(before).fetch_one(&self.pool).await?;
        staleness_inputs(row.try_get("columns")?, row.try_get("documents")?, row.try_get("calendar")?)
    }

    async fn documents(
        &self,
        site: &Site,
        issued_until: NaiveDate,
        online_before: Option<DateTime<Utc>>,
        column: Option<i64>,
    ) -> Result<Vec<DocumentRow>> {
        // One column's documents are one range of documents_column.
        let rows = match (online_before, column) {
            (Some(before), None) => {
                sqlx::query::<DB>(&open_documents_sql())
                    .bind(site.id)
                    .bind(issued_until)
                    .bind(before)
                    .fetch_all(&self.pool)
                    .await?
            }
            (Some(before), Some(column)) => {
                sqlx::query::<DB>(&format!("SELECT * FROM ({}) o WHERE o.column_id = $4", open_documents_sql()))
                    .bind(site.id)
                    .bind(issued_until)
                    .bind(before)
                    .bind(column)
                    .fetch_all(&self.pool)
                    .await?
            }
            (None, None) => sqlx::query::<DB>(DOCUMENTS).bind(site.id).bind(issued_until).fetch_all(&self.pool).await?,
            (None, Some(column)) => {
                sqlx::query::<DB>(&format!("{DOCUMENTS} AND d.column_id = $3"))
                    .bind(site.id)
                    .bind(issued_until)
                    .bind(column)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        let mut documents = rows
            .iter()
            .map(|row| {
                let kind: String = row.try_get("rule_kind")?;
                let unit: Option<String> = row.try_get("rule_unit")?;
                Ok(DocumentRow {
                    id: row.try_get("id")?,
                    number: row.try_get("number")?,
                    title: row.try_get("title")?,
                    column_id: row.try_get("column_id")?,
                    column_path: row.try_get("path")?,
                    rule: stored_rule(&kind, row.try_get("rule_amount")?, unit.as_deref())?,
                    issued_on: row.try_get("issued_on")?,
                    published_at: row.try_get("published_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        documents.sort_by_key(|d| (d.issued_on, d.id));
        Ok(documents)
    }

    async fn add_document(&self, site: &Site, document: &NewDocumentInput) -> Result<i64> {
        let mut tx = self.begin_write("document").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::Administer).await?;
        let column = sqlx::query::<DB>(
            "SELECT path, rule_kind, rule_amount, rule_unit FROM columns WHERE site_id = $1 AND id = $2",
        )
        .bind(site.id)
        .bind(document.column_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(column) = column else {
            return Err(StoreError::NotFound(t!(
                "store-no-column",
                column = document.column_id.to_string(),
                site = site.code.as_str()
            )));
        };
        let path: String = column.try_get("path")?;
        let unit: Option<String> = column.try_get("rule_unit")?;
        let rule =
            stored_rule(&column.try_get::<String, _>("rule_kind")?, column.try_get("rule_amount")?, unit.as_deref())?;
        if !matches!(rule, DeadlineRule::WithinOfEvent { .. }) {
            return Err(StoreError::Refused(t!(
                "store-no-event-deadline",
                column = document.column_id.to_string(),
                path = path.as_str(),
                rule = rule.words()
            )));
        }
        if let Some(item) = document.item_id {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM items WHERE site_id = $1 AND id = $2")
                .bind(site.id)
                .bind(item)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::no_item(item, &site.code));
            }
        }
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM documents WHERE site_id = $1 AND number = $2")
            .bind(site.id)
            .bind(document.number.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(id) = taken {
            return Err(StoreError::Refused(t!(
                "store-document-registered",
                number = document.number.as_str(),
                id = id.to_string()
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO documents (site_id, number, title, column_id, issued_on, item_id, published_at, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, (SELECT published_at FROM items WHERE site_id = $1 AND id = $6), $7) \
                 RETURNING id",
        )
        .bind(site.id)
        .bind(document.number.as_str())
        .bind(document.title.as_str())
        .bind(document.column_id)
        .bind(document.issued_on)
        .bind(document.item_id)
        .bind(Utc::now())
        .fetch_one(&mut *tx)
        .await?;
        let detail = json!({
            "number": document.number, "title": document.title, "column": path,
            "issued_on": document.issued_on.to_string(), "item": document.item_id,
            "before": null,
            "after": {"number": document.number, "issued_on": document.issued_on.to_string(), "item": document.item_id},
        });
        Self::audit(
            &mut tx,
            Some(site.id),
            &self.operator,
            "documents.add",
            &format!("document:{id}"),
            &detail.to_string(),
        )
        .await?;
        self.finish(tx).await?;
        Ok(id)
    }

    async fn column_items(
        &self,
        site: &Site,
        column_id: i64,
        seek: Seek<(DateTime<Utc>, i64)>,
        filter: Option<&ListFilter>,
        limit: i64,
    ) -> Result<Vec<ItemSummary>> {
        let sql = column_items_sql::<DB>(seek.shape(), filter);
        let mut query = sqlx::query::<DB>(&sql).bind(site.id).bind(column_id);
        if let Some((at, id)) = seek.key() {
            query = query.bind(*at).bind(*id);
        }
        query = query.bind(limit);
        if let Some(f) = filter {
            query = query.bind(text_param(&f.text, DB::DIALECT));
        }
        let mut rows = query.fetch_all(&self.pool).await?;
        if seek.backward() {
            rows.reverse();
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let title: Lossy = row.try_get("title")?;
                if title.repaired {
                    note_repaired(id);
                }
                Ok(ItemSummary {
                    id,
                    title: title.text,
                    online_since: row.try_get("online_since")?,
                    form: parse("form", &row.try_get::<String, _>("form")?)?,
                    path: parse("path", &row.try_get::<String, _>("path")?)?,
                    unit: row.try_get("unit")?,
                    mark: row.try_get::<Option<String>, _>("mark")?.as_deref().map(|m| parse("mark", m)).transpose()?,
                })
            })
            .collect()
    }

    async fn column_item_total(&self, site: &Site, column_id: i64, filter: Option<&ListFilter>) -> Result<Total> {
        let text = filter.map(|f| text_param(&f.text, DB::DIALECT));
        Ok(total!(self, column_items_total_from::<DB>(filter), |query, cap| {
            let _ = cap;
            let query = query.bind(site.id).bind(column_id);
            match &text {
                Some(text) => query.bind(text.as_str()),
                None => query,
            }
        }))
    }

    async fn column_item_count(&self, site: &Site, column_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(COLUMN_ITEM_COUNT).bind(site.id).bind(column_id).fetch_one(&self.pool).await?)
    }
}

/// A column of `stale_columns_json`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct ColumnJson {
    id: i64,
    parent_id: Option<i64>,
    path: String,
    level: i64,
    deadline: String,
    rule_kind: String,
    rule_amount: Option<i64>,
    rule_unit: Option<String>,
    departments: String,
    note: String,
    /// Its place in the tree's order.
    position: i64,
    /// Its latest online placement before the instant asked about.
    last_update: Option<String>,
}

/// An open document of `open_documents_json`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct DocumentJson {
    id: i64,
    number: String,
    title: String,
    column_id: i64,
    column_path: String,
    rule_kind: String,
    rule_amount: Option<i64>,
    rule_unit: Option<String>,
    issued_on: String,
    published_at: Option<String>,
}

/// A day of `staleness_sql`'s calendar, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct DayJson {
    day: String,
    kind: String,
    note: String,
}

/// What `staleness_sql` (or, of the documents only, a site's row of `every_site_documents_sql`)
/// gives, decoded.
pub(super) fn staleness_inputs(
    columns: Option<String>,
    documents: Option<String>,
    calendar: Option<String>,
) -> Result<StalenessInputs> {
    // One statement, three JSON arrays: the columns, each with one index seek for its latest
    // online placement (placements_column_online), never a scan of the items; the open
    // documents; and the calendar, read only when there is an open document to date. Every
    // statement is a round trip to the SQLite driver's worker thread, every row another.
    let mut columns: Vec<ColumnJson> = json_rows("column list", columns)?;
    columns.sort_by_key(|r| r.position);
    let columns = columns
        .into_iter()
        .map(|c| {
            let rule = stored_rule(&c.rule_kind, c.rule_amount, c.rule_unit.as_deref())?;
            let column = ColumnRow {
                id: c.id,
                parent_id: c.parent_id,
                path: c.path,
                level: c.level,
                deadline: c.deadline,
                rule,
                departments: c.departments,
                units: Vec::new(),
                note: c.note,
            };
            Ok(LastUpdate { column, at: c.last_update.as_deref().map(stored_time).transpose()? })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut open_documents = json_rows::<DocumentJson>("document list", documents)?
        .into_iter()
        .map(|d| {
            Ok(DocumentRow {
                id: d.id,
                number: d.number,
                title: d.title,
                column_id: d.column_id,
                column_path: d.column_path,
                rule: stored_rule(&d.rule_kind, d.rule_amount, d.rule_unit.as_deref())?,
                issued_on: parse("date", &d.issued_on)?,
                published_at: d.published_at.as_deref().map(stored_time).transpose()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    open_documents.sort_by_key(|d| (d.issued_on, d.id));
    let mut calendar = json_rows::<DayJson>("calendar", calendar)?
        .into_iter()
        .map(|d| {
            Ok(CalendarDay {
                date: parse("date", &d.day)?,
                kind: DayKind::parse(&d.kind).ok_or_else(|| decode_error("day kind", &d.kind))?,
                note: d.note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    calendar.sort_by_key(|d| d.date);
    Ok(StalenessInputs { columns, open_documents, calendar })
}
