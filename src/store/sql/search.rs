//! Search by text (issue 21): a site's items whose title or body holds a text, newest first,
//! through each engine's own text index (schema.sql, section search).

use chrono::{DateTime, Utc};
use sqlx::{Executor, Pool, Row, Transaction};

use super::import::Cell;
use super::*;
use crate::domain::search::Needle;
use crate::domain::search_key::stored_initials;
use crate::store::backend::Backend;
use crate::store::schema::Dialect;
use crate::store::text::{Lossy, note_replaced};

/// The shortest text a trigram index finds (both engines index every three characters).
pub(super) const TRIGRAM: usize = 3;

/// When an item counts as new: published, or submitted when it has not been (items_newest).
const AT: &str = "COALESCE(i.published_at, i.submitted_at)";

/// How the text is looked for: through the trigram index, through the bigram index (PostgreSQL,
/// two characters), or (SQLite: two characters, which no trigram holds, or a text in most items) by
/// reading the site's items newest first until a page is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    /// The items that hold the text, from the trigram index, sorted.
    Trigrams,
    /// SQLite, a text in more than `MANY` items: the site's items newest first (items_newest),
    /// each looked up in the ids the trigram index gives, until a page is full; sorting them all
    /// would read every one of them (象山区 is in 77,000 of 100,000 demo items: 110 ms, this 11).
    /// PostgreSQL's planner makes this choice itself, for the text given.
    Newest,
    /// The site's items newest first, each item's title and body read with `LIKE` until a page is
    /// full: two characters on SQLite; there also a text in more than `BROAD` items, where `Newest`
    /// would first gather every id the trigram index gives (象山区 is in 770,000 of 1,000,000
    /// demo items: 130 ms for the ids alone), and a page is full after a few dozen items read.
    Scan,
    /// PostgreSQL, two characters: the items whose title or body holds them as one of its
    /// two-character pieces, from the bigram index (item_texts_bigrams, `portal_bigrams`). Reading
    /// newest first until a page is full read the whole site for a word in few items (抗旱:
    /// 158.5 ms at 100,000 items); the planner still walks items_newest for a word in most.
    Bigrams,
}

impl Way {
    /// How `dialect` reads `needle` before anything is counted.
    pub(super) fn of(needle: &Needle, dialect: Dialect) -> Way {
        match dialect {
            _ if needle.chars() >= TRIGRAM => Way::Trigrams,
            Dialect::Postgres => Way::Bigrams,
            Dialect::Sqlite => Way::Scan,
        }
    }

    /// SQLite's way for a text of three characters or more held by `holding` items (counted up
    /// to `BROAD + 1`, `HOLDING`).
    pub(crate) fn by_count(holding: i64) -> Way {
        if holding > BROAD {
            Way::Scan
        } else if holding > MANY {
            Way::Newest
        } else {
            Way::Trigrams
        }
    }
}

/// Above this many items holding a text, SQLite reads the site's newest first (`Way::Newest`).
pub(crate) const MANY: i64 = 2_000;

/// Above this many, SQLite reads them newest first checking each item's own text (`Way::Scan`).
pub(crate) const BROAD: i64 = 20_000;

/// SQLite: how many items hold the text `$1` (an FTS5 string), counted up to `$2`.
pub(super) const HOLDING: &str =
    "SELECT COUNT(*) FROM (SELECT rowid FROM items_text WHERE items_text MATCH $1 LIMIT $2) m";

/// `$2` of a search for `needle`: a LIKE pattern that holds it anywhere (`like_pattern`); on
/// SQLite through the trigram index, an FTS5 string (in double quotes, a `"` doubled), inside
/// which every character, `*`, `(`, `NEAR` and `AND` too, stands for itself; through the bigram
/// index, the text itself.
pub(super) fn text_param(needle: &Needle, dialect: Dialect) -> String {
    param_for(Way::of(needle, dialect), needle, dialect)
}

/// The parameter of a search for `needle` read the way `way` reads it (`text_param`).
pub(super) fn param_for(way: Way, needle: &Needle, dialect: Dialect) -> String {
    match (dialect, way) {
        (Dialect::Postgres, Way::Bigrams) => needle.as_str().to_string(),
        (Dialect::Sqlite, Way::Trigrams | Way::Newest) => format!("\"{}\"", needle.as_str().replace('"', "\"\"")),
        _ => like_pattern(needle),
    }
}

/// Whether a text has letters with case (Latin, Greek, Cyrillic …), which only PostgreSQL's
/// `ILIKE` matches in either case; for a text without (Chinese, digits), `LIKE` finds the same
/// and reads each row without folding its case first.
pub(super) fn cased(needle: &Needle) -> bool {
    needle.as_str().chars().any(|c| c.is_lowercase() || c.is_uppercase())
}

/// A LIKE pattern that holds `needle` anywhere, `\` escaping `%`, `_` and itself.
pub(super) fn like_pattern(needle: &Needle) -> String {
    let mut pattern = String::with_capacity(needle.as_str().len() + 2);
    pattern.push('%');
    for c in needle.as_str().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The condition that item `i`'s title or body holds the text in `$param` (its `param_for`), the
/// way `way` reads it; `cased`: the text has letters with case (`cased`).
///
/// PostgreSQL reads the texts in item_texts, where its text indexes are (schema.sql, section
/// item_texts: on items, every status change wrote them again): the item's row there holds the
/// text. Where the text is the whole condition the planner joins the two (the items the index
/// gives, or the site's items newest first each looked up by its key, whichever it finds cheaper
/// for the text given); where it is one of several, it gathers the matching items once or looks
/// each item up, as it counts cheaper.
pub(super) fn holds_text<DB: Backend>(way: Way, param: usize, cased: bool) -> String {
    let texts = |test: String| {
        format!("EXISTS (SELECT 1 FROM item_texts txt WHERE txt.site_id = i.site_id AND txt.item_id = i.id AND {test})")
    };
    match (DB::DIALECT, way) {
        // The row's own text holds it (cheap, tested first where the planner reads items_newest
        // and where the text is one of several conditions), and the same as the index's test
        // (`portal_bigrams` costs as much as the text is long). Letters with case compared in
        // lower case, as `ILIKE` compares them.
        (Dialect::Postgres, Way::Bigrams) => {
            let (title, body, text) = if cased {
                ("pg_catalog.lower(txt.title)", "pg_catalog.lower(txt.body)", format!("pg_catalog.lower(${param})"))
            } else {
                ("txt.title", "txt.body", format!("${param}"))
            };
            texts(format!(
                "(pg_catalog.strpos({title}, {text}) > 0 OR pg_catalog.strpos({body}, {text}) > 0) \
                 AND portal_bigrams(txt.title, txt.body) @> ARRAY[pg_catalog.lower(${param})]"
            ))
        }
        (Dialect::Postgres, _) => {
            let like = if cased { "ILIKE" } else { "LIKE" };
            texts(format!("(txt.title {like} ${param} OR txt.body {like} ${param})"))
        }
        (Dialect::Sqlite, Way::Trigrams) => {
            format!("i.id IN (SELECT rowid FROM items_text WHERE items_text MATCH ${param})")
        }
        // The unary plus keeps SQLite from reading the items by these ids: it walks items_newest.
        (Dialect::Sqlite, Way::Newest) => {
            format!("+i.id IN (SELECT rowid FROM items_text WHERE items_text MATCH ${param})")
        }
        // SQLite keeps no bigram index: `Way::of` reads two characters by `Scan` there.
        (Dialect::Sqlite, Way::Scan | Way::Bigrams) => {
            format!("(i.title LIKE ${param} ESCAPE '\\' OR i.body LIKE ${param} ESCAPE '\\')")
        }
    }
}

/// The condition a list's filter puts on item `i`: its title or body holds the text in `$param`
/// (`text_param`), or it is of one of the filter's units or items.
pub(super) fn item_filter<DB: Backend>(filter: &ListFilter, param: usize) -> String {
    let way = Way::of(&filter.text, DB::DIALECT);
    named_by::<DB>(filter, &holds_text::<DB>(way, param, cased(&filter.text)), "i.id")
}

/// ` AND (text OR unit in the filter's units OR title's initials hold the filter's)`: `text` the
/// condition on the row's own text, `item` the expression of the row's item id (its unit and site
/// are item `i`'s, and `$1` is the site).
pub(super) fn named_by<DB: Backend>(filter: &ListFilter, text: &str, item: &str) -> String {
    format!(" AND {}", named_any::<DB>(filter, text, item))
}

/// `(text OR unit in the filter's units OR title's initials hold the filter's)`, as `named_by`.
pub(super) fn named_any<DB: Backend>(filter: &ListFilter, text: &str, item: &str) -> String {
    let mut any = vec![text.to_string()];
    if !filter.units.is_empty() {
        any.push(format!("i.unit_id IN ({})", id_list(&filter.units)));
    }
    if let Some(initials) = &filter.initials {
        any.push(initials_hold::<DB>(initials, item));
    }
    format!("({})", any.join(" OR "))
}

/// The condition that the pinyin initials of item `item`'s title (item_initials, any reading)
/// hold `initials`, written into the statement: they are Latin letters and digits only
/// (`Initials`), which LIKE, FTS5 and SQL's quotes all take as themselves. Initials in few items
/// (`Initials::few`, three letters or more): the items the trigram index gives (pg_trgm's GIN
/// index, SQLite's FTS5 table), gathered once; else each item the list reads is looked up by its
/// key, so that a page of a list newest first is full after a few dozen items (`gz` is in most
/// titles, and gathering every item that holds it would read most of the site).
pub(super) fn initials_hold<DB: Backend>(initials: &Initials, item: &str) -> String {
    let letters = initials.letters();
    debug_assert!(letters.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    match DB::DIALECT {
        _ if !initials.few() => format!(
            "EXISTS (SELECT 1 FROM item_initials n WHERE n.site_id = i.site_id AND n.item_id = {item} \
             AND n.initials LIKE '%{letters}%')"
        ),
        // Gathered once (an InitPlan), whatever else the statement reads.
        Dialect::Postgres => format!(
            "{item} = ANY (ARRAY (SELECT n.item_id FROM item_initials n \
             WHERE n.site_id = $1 AND n.initials LIKE '%{letters}%'))"
        ),
        Dialect::Sqlite => {
            format!("{item} IN (SELECT rowid FROM item_initials_text WHERE item_initials_text MATCH '\"{letters}\"')")
        }
    }
}

/// How many items' title initials hold `letters` (three or more), counted up to `$3` (`$2` a
/// LIKE pattern on PostgreSQL, an FTS5 string on SQLite; `$1` the site on PostgreSQL): whether a
/// filter reads them through the index (`Initials::few`). SQLite's FTS5 table is of every site.
pub(super) fn initials_holding_sql<DB: Backend>() -> &'static str {
    match DB::DIALECT {
        Dialect::Postgres => {
            "SELECT COUNT(*) FROM (SELECT 1 FROM item_initials n WHERE n.site_id = $1 AND n.initials LIKE $2 \
             LIMIT $3) m"
        }
        Dialect::Sqlite => {
            "SELECT COUNT(*) FROM (SELECT rowid FROM item_initials_text WHERE $1 IS NOT NULL \
             AND item_initials_text MATCH $2 LIMIT $3) m"
        }
    }
}

/// The condition that one of `columns` holds the LIKE pattern in `$param` (`like_pattern`),
/// Latin letters in either case.
pub(super) fn any_holds<DB: Backend>(columns: &[&str], param: usize) -> String {
    let each: Vec<String> = columns
        .iter()
        .map(|c| match DB::DIALECT {
            Dialect::Postgres => format!("{c} ILIKE ${param}"),
            Dialect::Sqlite => format!("{c} LIKE ${param} ESCAPE '\\'"),
        })
        .collect();
    format!("({})", each.join(" OR "))
}

/// The search's statement: `$1` the site, `$2` the text (`text_param`), `$3` a status, `$4` a
/// column, `$5` a unit, `$6` the earliest time (each null for none); from `seek` with a key, `$7`
/// and `$8` the key of the page before (after); the limit; with `within`, a list's filter's text
/// after it. The last pages are read oldest first, the same index backwards. PostgreSQL's `ILIKE`
/// reads pg_trgm's GIN indexes on item_texts, two characters the bigram index (or, where the text is in most
/// items, items_newest backwards until the page is full: the planner weighs the two for the text
/// given); SQLite's trigram FTS5 table gives the ids that hold the text, and two characters are
/// read with `LIKE` (ASCII letters in either case, as FTS5 and `ILIKE` do).
fn search_sql<DB: Backend>(way: Way, cased: bool, seek: Seek<()>, within: Option<&ListFilter>) -> String {
    let (after, limit) = match seek {
        Seek::First | Seek::Last => (String::new(), 7),
        Seek::After(()) => (format!(" AND ({AT}, i.id) < ($7, $8)"), 9),
        Seek::Before(()) => (format!(" AND ({AT}, i.id) > ($7, $8)"), 9),
    };
    let order = if seek.backward() { "ASC" } else { "DESC" };
    format!(
        "SELECT i.id, i.ref, i.title, i.status, u.name AS unit, i.published_at, {AT} AS found_at \
         FROM items i LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
         {where_}{after} ORDER BY {AT} {order}, i.id {order} LIMIT ${limit}",
        where_ = search_where::<DB>(way, cased, within, limit + 1)
    )
}

/// What a search keeps of site `$1`'s items (`search_sql`'s `$2`–`$6`), `within`'s text in
/// `$within`.
fn search_where<DB: Backend>(way: Way, cased: bool, within: Option<&ListFilter>, param: usize) -> String {
    let text = holds_text::<DB>(way, 2, cased);
    let within = within.map_or_else(String::new, |filter| item_filter::<DB>(filter, param));
    format!(
        "WHERE i.site_id = $1 AND {text} \
           AND ($3 IS NULL OR i.status = $3) \
           AND ($4 IS NULL OR EXISTS (SELECT 1 FROM placements p \
                                      WHERE p.site_id = i.site_id AND p.item_id = i.id AND p.column_id = $4)) \
           AND ($5 IS NULL OR i.unit_id = $5) \
           AND ($6 IS NULL OR {AT} >= $6){within}"
    )
}

/// The items a search finds, for `total!` (`within`'s text `$7`).
pub(super) fn search_total_from<DB: Backend>(way: Way, cased: bool, within: Option<&ListFilter>) -> String {
    format!("FROM items i {}", search_where::<DB>(way, cased, within, 7))
}

/// A search's page as one row (`search_sql`'s values and the seek's key): a JSON array of its
/// items, each with a JSON array of its columns (column, path, form, place in the tree's order),
/// looked up by the item's id. One row, not one per item and column: SQLite's driver
/// hands every row from its own thread to the program's, and where the two share a core each
/// row is a switch between them (a page of 50 items and their columns: 1 ms more than the query).
pub(super) fn search_page_sql<DB: Backend>(
    way: Way,
    cased: bool,
    seek: Seek<()>,
    within: Option<&ListFilter>,
) -> String {
    format!(
        "SELECT CAST({agg}({arr}(x.id, x.ref, x.title, x.status, x.unit, x.published_at, x.found_at, \
           (SELECT {agg}({arr}(c.id, c.path, p.form, c.position)) FROM placements p \
            JOIN columns c ON c.site_id = p.site_id AND c.id = p.column_id \
            WHERE p.site_id = $1 AND p.item_id = x.id))) AS TEXT) AS items \
         FROM ({page}) x",
        agg = DB::JSON_AGG,
        arr = DB::JSON_ARRAY,
        page = search_sql::<DB>(way, cased, seek, within)
    )
}

/// An item of `search_page_sql`, read from its JSON array by the fields' order.
#[derive(serde::Deserialize)]
struct FoundJson {
    id: i64,
    reference: Option<String>,
    title: String,
    status: String,
    unit: Option<String>,
    published_at: Option<String>,
    at: String,
    /// Its columns (column, path, form, position); none for an item in no column (PostgreSQL's
    /// `json_agg` of no rows).
    columns: Option<Vec<(i64, String, String, i64)>>,
}

/// What `search_page_sql` gives, decoded, newest first.
fn found_items(items: Option<Lossy>) -> Result<Vec<FoundItem>> {
    let repaired = items.as_ref().is_some_and(|i| i.repaired);
    let rows: Vec<FoundJson> = json_rows("search", items.map(|l| l.text))?;
    let mut found = rows
        .into_iter()
        .map(|r| {
            note_replaced(repaired, r.id, &[Some(&r.title), r.unit.as_deref()]);
            let mut placed = r.columns.unwrap_or_default();
            placed.sort_by_key(|p| p.3);
            Ok(FoundItem {
                id: r.id,
                reference: r.reference,
                title: r.title,
                status: parse("status", &r.status)?,
                unit: r.unit,
                published_at: r.published_at.as_deref().map(stored_time).transpose()?,
                at: stored_time(&r.at)?,
                columns: placed
                    .into_iter()
                    .map(|(id, path, form, _)| Ok((id, path, parse("form", &form)?)))
                    .collect::<Result<_>>()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    found.sort_by_key(|f| std::cmp::Reverse(f.key()));
    Ok(found)
}

/// An item's initials to be written, computed from its title (`fill_initials`).
struct Titled {
    site: i64,
    id: i64,
    initials: String,
}

/// The statements a search's first page runs (no filter), with the values written in, for
/// `sqlite3`/`psql` to run beside the program (benches/search.rs): on SQLite, for three characters
/// or more, the count of items holding the text (`holding` of them, counted up to `BROAD + 1`);
/// the page with its items' columns (`search_page_sql`), read the way that count chooses.
pub(crate) fn first_page_statements<DB: Backend>(site: i64, needle: &Needle, holding: i64) -> Vec<String> {
    let quoted = |t: String| format!("'{}'", t.replace('\'', "''"));
    let mut way = Way::of(needle, DB::DIALECT);
    let mut out = Vec::new();
    if DB::DIALECT == Dialect::Sqlite && way == Way::Trigrams {
        let count = quoted(param_for(way, needle, DB::DIALECT));
        out.push(HOLDING.replace("$1", &count).replace("$2", &(BROAD + 1).to_string()));
        way = Way::by_count(holding);
    }
    let text = quoted(param_for(way, needle, DB::DIALECT));
    let values = [site.to_string(), text, "NULL".into(), "NULL".into(), "NULL".into(), "NULL".into(), "50".into()];
    let mut page = search_page_sql::<DB>(way, cased(needle), Seek::First, None);
    for (n, value) in values.iter().enumerate().rev() {
        page = page.replace(&format!("${}", n + 1), value);
    }
    out.push(page);
    out
}

/// Items whose initials an upgrade computes at a time (`SqlStore::fill_initials`): one read and
/// one write of this many rows each.
pub(super) const INITIALS_CHUNK: i64 = 10_000;

sql_impl! { SqlStore;
    /// Stores the pinyin initials of `items`' titles (id, title) of site `site` (item_initials,
    /// `stored_initials`), replacing what an item had: in the transaction of the write that sets
    /// or changes the titles, which writes its audit record. `fresh`: the items are new (one COPY
    /// on PostgreSQL).
    pub(super) async fn write_initials(
        tx: &mut Transaction<'static, DB>,
        site: i64,
        items: &[(i64, &str)],
        fresh: bool,
    ) -> Result<()> {
        let initials: Vec<String> = items.iter().map(|(_, title)| stored_initials(title)).collect();
        let mut cells = Vec::with_capacity(items.len() * 3);
        for ((id, _), initials) in items.iter().zip(&initials) {
            cells.extend([Cell::Int(Some(site)), Cell::Int(Some(*id)), Cell::Text(Some(initials.as_str()))]);
        }
        let table = "item_initials (site_id, item_id, initials)";
        if fresh {
            Self::write_rows(tx, table, 3, &cells).await
        } else {
            let then = " ON CONFLICT (site_id, item_id) DO UPDATE SET initials = excluded.initials";
            Self::insert_rows(tx, table, 3, &cells, then).await
        }
    }

    /// The upgrade to schema 19: the initials of every item's title, computed here (SQL has no
    /// pinyin) `INITIALS_CHUNK` items at a time, each chunk read by id and written in one
    /// statement, in the upgrade's transaction; `progress(done, total)` after each.
    pub(super) async fn fill_initials(
        tx: &mut Transaction<'static, DB>,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<u64> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM items").fetch_one(&mut **tx).await?;
        let mut done = 0u64;
        let mut after = 0i64;
        loop {
            let rows = sqlx::query::<DB>("SELECT site_id, id, title FROM items WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(after)
                .bind(INITIALS_CHUNK)
                .fetch_all(&mut **tx)
                .await?
                .iter()
                .map(|row| {
                    let title: Lossy = row.try_get("title")?;
                    Ok(Titled {
                        site: row.try_get("site_id")?,
                        id: row.try_get("id")?,
                        initials: stored_initials(&title.text),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            let mut cells = Vec::with_capacity(rows.len() * 3);
            for row in &rows {
                cells.extend([
                    Cell::Int(Some(row.site)),
                    Cell::Int(Some(row.id)),
                    Cell::Text(Some(row.initials.as_str())),
                ]);
            }
            Self::write_rows(tx, "item_initials (site_id, item_id, initials)", 3, &cells).await?;
            done += rows.len() as u64;
            progress(done, total.max(0) as u64);
        }
        Ok(done)
    }

    /// How a search's text is read (`Way`): on SQLite, a text of three characters or more by how
    /// many items hold it (`HOLDING`).
    pub(super) async fn way_for(&self, needle: &Needle) -> Result<Way> {
        let way = Way::of(needle, DB::DIALECT);
        if DB::DIALECT == Dialect::Sqlite && way == Way::Trigrams {
            let fts = param_for(way, needle, DB::DIALECT);
            let holding: i64 = sqlx::query_scalar(HOLDING).bind(fts).bind(BROAD + 1).fetch_one(&self.pool).await?;
            return Ok(Way::by_count(holding));
        }
        Ok(way)
    }
}

/// Binds a search's values (`search_sql`'s `$1`–`$6`) to a query of either kind.
macro_rules! search_binds {
    ($query:expr, $site:expr, $search:expr, $text:expr) => {
        $query
            .bind($site.id)
            .bind($text)
            .bind($search.status.map(|s| s.as_str()))
            .bind($search.column)
            .bind($search.unit)
            .bind($search.since)
    };
}

sql_impl! { SearchStore;
    async fn search(
        &self,
        site: &Site,
        search: &TextSearch,
        seek: Seek<FoundKey>,
        limit: i64,
    ) -> Result<Vec<FoundItem>> {
        let way = self.way_for(&search.needle).await?;
        let text = param_for(way, &search.needle, DB::DIALECT);
        let sql = search_page_sql::<DB>(way, cased(&search.needle), seek.shape(), search.within.as_ref());
        let mut query = search_binds!(sqlx::query::<DB>(&sql), site, search, text.as_str());
        if let Some(key) = seek.key() {
            query = query.bind(key.at).bind(key.id);
        }
        query = query.bind(limit);
        if let Some(within) = &search.within {
            query = query.bind(text_param(&within.text, DB::DIALECT));
        }
        // Leniently decoded: one item whose text is not UTF-8 (SQLite) must not fail the page.
        found_items(query.fetch_one(&self.pool).await?.try_get("items")?)
    }

    async fn search_total(&self, site: &Site, search: &TextSearch) -> Result<Total> {
        let way = self.way_for(&search.needle).await?;
        let text = param_for(way, &search.needle, DB::DIALECT);
        let within = search.within.as_ref().map(|w| text_param(&w.text, DB::DIALECT));
        let from = search_total_from::<DB>(way, cased(&search.needle), search.within.as_ref());
        Ok(total!(self, from, |query, cap| {
            let _ = cap;
            let query = search_binds!(query, site, search, text.as_str());
            match &within {
                Some(within) => query.bind(within.as_str()),
                None => query,
            }
        }))
    }

    async fn initials_holding(&self, site: &Site, letters: &str, cap: i64) -> Result<i64> {
        let wanted = match DB::DIALECT {
            Dialect::Postgres => format!("%{letters}%"),
            Dialect::Sqlite => format!("\"{letters}\""),
        };
        let sql = initials_holding_sql::<DB>();
        Ok(sqlx::query_scalar(sql).bind(site.id).bind(wanted).bind(cap).fetch_one(&self.pool).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_taken_literally() {
        let needle = |t: &str| Needle::new(t).unwrap();
        assert_eq!(text_param(&needle("50%_a\\b"), Dialect::Postgres), "%50\\%\\_a\\\\b%");
        assert_eq!(text_param(&needle("%_"), Dialect::Sqlite), "%\\%\\_%", "two characters: LIKE");
        assert_eq!(text_param(&needle("a\"b NEAR*"), Dialect::Sqlite), "\"a\"\"b NEAR*\"");
        assert_eq!(Way::of(&needle("政府"), Dialect::Sqlite), Way::Scan);
        assert_eq!(Way::of(&needle("政府"), Dialect::Postgres), Way::Bigrams);
        assert_eq!(text_param(&needle("%_"), Dialect::Postgres), "%_", "the bigram index takes the text itself");
        assert_eq!(Way::of(&needle("人民政府"), Dialect::Postgres), Way::Trigrams);
        assert_eq!(param_for(Way::Scan, &needle("象山区"), Dialect::Sqlite), "%象山区%", "a broad text read with LIKE");
        assert_eq!((Way::by_count(MANY), Way::by_count(MANY + 1)), (Way::Trigrams, Way::Newest));
        assert_eq!((Way::by_count(BROAD), Way::by_count(BROAD + 1)), (Way::Newest, Way::Scan));
        assert!(!cased(&needle("象山区2026")) && !cased(&needle("%_")));
        assert!(cased(&needle("WiFi")) && cased(&needle("象山a")) && cased(&needle("Ωμ")));
    }
}
