//! The Findings tab's list (issue 21): the stored findings on a site's online items, one row per
//! finding (an item's stored JSON array read as rows: SQLite's `json_each`, PostgreSQL's
//! `json_array_elements`), read from the database a page at a time from either end (keyset
//! paging on the item's publication, the item and the finding's place in its array), of one kind
//! or every kind, newest first, by kind or by unit, with a list's filter, and counted.
//!
//! A page's statement chooses its items first, as items (at most one more than the page's rows,
//! each with a finding the list keeps), and only then reads their findings as rows: the planners
//! weigh items, of which they know how many there are, not findings, which PostgreSQL takes for
//! a hundred an item (a set-returning function's default) and would walk the whole site for.
//!
//! An order is read in parts, each one statement, one after another until a page is full: newest
//! first is one part; by kind, one part a kind (those the site's findings hold, `KINDS`); by unit,
//! the items of a unit, by the unit's name, then the reposts.

use std::collections::HashMap;

use chrono::Utc;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::checks::{Finding, FindingKind, in_the_future};
use crate::domain::search::Needle;
use crate::store::backend::Backend;
use crate::store::findings::*;
use crate::store::schema::Dialect;
use crate::store::text::Lossy;

/// Above this many of a site's items holding a kind (`KINDS`), SQLite walks the order's index to
/// fill a page (`Reach::Walk`); at or below, it gathers them (`Reach::Gather`). Walking reads about
/// `limit × items / holding` items, gathering `holding` items and sorts them: the two cost the
/// same near the square root of `limit × items` (10,000 at 1,000,000 items).
const FEW: i64 = 5_000;

/// Items whose findings a list's count reads at most: exact up to this many items, above it an
/// estimate (PostgreSQL) or a bound (SQLite), as `COUNTED` is for other lists' rows. Fewer than
/// `COUNTED`: counting a finding looks its item up (is it online), and ten thousand lookups took
/// half the first screen's 100 ms on PostgreSQL at 1,000,000 items (docs/performance.md).
const COUNTED_ITEMS: i64 = 2_000;

/// How a statement reaches its items (SQLite, whose planner takes the tables in the order written
/// after `CROSS JOIN`; PostgreSQL's planner chooses for itself, from its statistics, for the values
/// given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// The order's own index (newest first: items_published; by unit: the units by name, each
    /// one's items newest first, items_unit_published), each item looked up in item_findings until
    /// the page has its items. Findings are on one item in twenty in the demo: a page reads a few
    /// thousand items.
    Walk,
    /// The stored findings that may be kept (a kind's through item_findings_kinds), their items
    /// looked up, sorted: for a kind on few items, or a filter of a text in few, where walking
    /// might read the whole site for a page.
    Gather,
}

/// A part of an order, read by one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// Every finding the list keeps, newest first.
    All,
    /// The findings of one kind, newest first (by kind: one part a kind, in `FindingKind::ALL`'s
    /// order).
    Kind(FindingKind),
    /// The findings on a unit's items, by the unit's name, then newest first.
    Units,
    /// The findings on reposts (of no unit), newest first.
    Reposts,
}

impl Part {
    /// The part a row with key `key` is in, in `order`.
    fn of(order: FindingOrder, key: &FindingKey) -> Part {
        match order {
            FindingOrder::Newest => Part::All,
            FindingOrder::Kind => Part::Kind(key.kind),
            FindingOrder::Unit if key.unit.is_some() => Part::Units,
            FindingOrder::Unit => Part::Reposts,
        }
    }

    /// The kind its findings are of: its own, or the list's.
    fn kind(self, list: &FindingList) -> Option<FindingKind> {
        match self {
            Part::Kind(kind) => Some(kind),
            _ => list.kind,
        }
    }
}

/// What is bound to a statement's `$N`, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Site,
    /// The page's rows, and its items (one more).
    Limit,
    Items,
    /// The moment the list is read at (`FindingList::now`).
    Now,
    /// The filter's text as the item's text is searched for (`search::param_for`).
    Text,
    /// The filter's text as a LIKE pattern (`search::like_pattern`), for the finding's own text.
    Like,
    /// The same, as it is written in a stored JSON array of findings (`json_pattern`).
    Json,
    /// The key's unit, its publication, its item and its place (a page after or before a key).
    Unit,
    At,
    Item,
    N,
}

/// A statement and what its `$N` are.
#[derive(Debug, Clone)]
struct Statement {
    sql: String,
    slots: Vec<Slot>,
}

impl Statement {
    fn new() -> Statement {
        Statement { sql: String::new(), slots: vec![Slot::Site] }
    }

    /// The placeholder of `slot` (`$N`), bound once however often the statement names it.
    fn slot(&mut self, slot: Slot) -> String {
        format!("${}", self.number(slot))
    }

    /// The number `N` of `slot`'s placeholder.
    fn number(&mut self, slot: Slot) -> usize {
        match self.slots.iter().position(|s| *s == slot) {
            Some(i) => i + 1,
            None => {
                self.slots.push(slot);
                self.slots.len()
            }
        }
    }
}

/// How the filter's text is read from the items (`Way`, on SQLite chosen by how many items
/// hold it), and how the items are reached for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Text {
    way: Way,
    reach: Reach,
}

mod conditions;

use conditions::*;

/// Where a statement starts reading its part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// At the part's start (its end, read backwards).
    Top,
    /// After (before) a key's finding; by unit, in the key's unit only.
    Key,
    /// By unit: at the start of the units after (the end of those before) the key's unit.
    NextUnits,
}

/// A page of part `part` read `reach` from `start` (`backward`: from the end, or before the key;
/// the key's unit, publication, item and place bound after the list's values), at most `$limit`
/// rows, in the part's order (backwards when `backward`): its items chosen (`p`: `$items`, one
/// more than the rows, as the key's item may have no finding left after the key; each with a
/// finding the list keeps), then their findings.
fn page_sql<DB: Backend>(
    part: Part,
    reach: Reach,
    list: &FindingList,
    text: Option<Text>,
    start: Start,
    backward: bool,
) -> Statement {
    let mut s = Statement::new();
    // Forward, newest first: publication and item smaller, place and unit's name greater.
    let (smaller, greater, first, then) = if backward { (">", "<", "DESC", "ASC") } else { ("<", ">", "ASC", "DESC") };
    let units = part == Part::Units;
    let matched = match (&list.filter, text) {
        (Some(filter), Some(text)) => item_matched::<DB>(&mut s, filter, text),
        _ => "TRUE".to_string(),
    };
    let kept = format!(
        "{}{} AND EXISTS (SELECT 1 FROM {} WHERE TRUE{})",
        stored_keeps(part, list),
        item_keeps::<DB>(&mut s, part, list, text),
        each::<DB>("f"),
        finding_keeps::<DB>(&mut s, part, list, "i.published_at", list.filter.as_ref().map(|_| matched.as_str())),
    );
    let (name, p_name) = (by_code_point::<DB>("u.name"), by_code_point::<DB>("p.unit"));
    // After (before) the key: its unit's items, or the units after it; the items from the key's on
    // (it may have findings after the key's), `<=` first, the index's range where they start; then
    // the findings after the key, its publication, item and place compared one after another (the
    // order's directions differ).
    let (mut unit_range, mut item_seek, mut finding_seek) = (String::new(), String::new(), String::new());
    match start {
        Start::Top => {}
        Start::NextUnits => {
            let unit = s.slot(Slot::Unit);
            unit_range = format!(" AND {name} {greater} {unit}");
        }
        Start::Key => {
            if units {
                let unit = s.slot(Slot::Unit);
                unit_range = format!(" AND {name} = {unit}");
            }
            let (at, item, n) = (s.slot(Slot::At), s.slot(Slot::Item), s.slot(Slot::N));
            let place = place::<DB>();
            item_seek = format!(
                " AND i.published_at {smaller}= {at} \
                 AND (i.published_at {smaller} {at} OR (i.published_at = {at} AND i.id {smaller}= {item}))"
            );
            finding_seek = format!(
                " AND (p.published_at {smaller} {at} OR (p.published_at = {at} AND (p.id {smaller} {item} \
                 OR (p.id = {item} AND {place} {greater} {n}))))"
            );
        }
    }
    let items = s.slot(Slot::Items);
    let columns = format!("i.site_id, i.id, i.title, u.name AS unit, i.published_at, f.findings, {matched} AS matched");
    let chosen = match (DB::DIALECT, reach, units) {
        // PostgreSQL, by unit: each unit's items newest first (a lateral walk of
        // items_unit_published), the units by name, until the page has its items. Its planner would
        // otherwise join and sort every item with findings.
        (Dialect::Postgres, Reach::Walk, true) => format!(
            "SELECT q.* FROM (SELECT u.site_id, u.id, u.name FROM units u WHERE u.site_id = $1{unit_range} \
                              ORDER BY {name} {first} OFFSET 0) u \
             CROSS JOIN LATERAL (SELECT {columns} FROM items i CROSS JOIN item_findings f \
               WHERE i.site_id = u.site_id AND i.unit_id = u.id AND f.site_id = i.site_id AND f.item_id = i.id\
               {kept}{item_seek} ORDER BY i.published_at {then}, i.id {then} LIMIT {items}) q \
             ORDER BY {name} {first}, q.published_at {then}, q.id {then} LIMIT {items}"
        ),
        _ => format!(
            "SELECT {columns} {from}{kept}{unit_range}{item_seek} \
             ORDER BY {order}i.published_at {then}, i.id {then} LIMIT {items}",
            from = items_from::<DB>(part, reach, list),
            order = if units { format!("{name} {first}, ") } else { String::new() },
        ),
    };
    let place = place::<DB>();
    let waiver = format!(
        "LEFT JOIN finding_waivers w ON w.site_id = p.site_id AND w.id = (SELECT MIN(x.id) FROM finding_waivers x \
         WHERE x.site_id = p.site_id AND x.item_id = p.id AND x.kind = {kind} AND x.text = {text})",
        kind = field::<DB>(&["kind"]),
        text = field::<DB>(&["text"]),
    );
    // The findings' conditions once more, on the items chosen.
    let p_kept = finding_keeps::<DB>(&mut s, part, list, "p.published_at", list.filter.as_ref().map(|_| "p.matched"));
    let limit = s.slot(Slot::Limit);
    s.sql = format!(
        "SELECT p.id AS item, p.title, p.unit, p.published_at, {place} AS n, {value} AS finding, \
                w.waived_by, w.reason AS waived_why \
         FROM ({chosen}) p CROSS JOIN {each_p} {waiver} \
         WHERE TRUE{p_kept}{finding_seek} \
         ORDER BY {order}p.published_at {then}, p.id {then}, {place} {first} LIMIT {limit}",
        value = match DB::DIALECT {
            Dialect::Sqlite => "e.value",
            Dialect::Postgres => "CAST(e.value AS TEXT)",
        },
        each_p = each::<DB>("p"),
        order = if units { format!("{p_name} {first}, ") } else { String::new() },
    );
    s
}

/// The stored findings of the site's online items `list` may keep (`f`, `i`), each with how many
/// of its findings the list keeps (`c`), as a table: read stored row by stored row, each item
/// looked up by its key (PostgreSQL: a lateral lookup, which its planner cannot turn into a join
/// reading every item of the site), so that a count reads no more items than it counts.
/// `stored_also` and `findings_also`: what the stored findings and the findings must be besides.
fn counted_stored<DB: Backend>(
    s: &mut Statement,
    list: &FindingList,
    text: Option<Text>,
    stored_also: &str,
    findings_also: &str,
) -> String {
    let matched = match (&list.filter, text) {
        (Some(filter), Some(text)) => Some(item_matched::<DB>(s, filter, text)),
        _ => None,
    };
    let items_kept = item_keeps::<DB>(s, Part::All, list, text);
    let kept = finding_keeps::<DB>(s, Part::All, list, "i.published_at", matched.as_deref());
    let each = each::<DB>("f");
    let c = if list.kind.is_none() && list.filter.is_none() && findings_also.is_empty() {
        // Every finding, but a publication time in the future once passed: the array's length,
        // where no finding is of dates (no finding read one by one).
        let length = match DB::DIALECT {
            Dialect::Sqlite => "json_array_length(f.findings)",
            Dialect::Postgres => "json_array_length(CAST(f.findings AS json))",
        };
        format!(
            "CASE WHEN f.kinds LIKE {dates} ESCAPE '\\' THEN (SELECT COUNT(*) FROM {each} WHERE TRUE{kept}) \
             ELSE {length} END",
            dates = quoted(&kinds_pattern(FindingKind::Date)),
        )
    } else {
        format!("(SELECT COUNT(*) FROM {each} WHERE TRUE{kept}{findings_also})")
    };
    let item = match DB::DIALECT {
        Dialect::Sqlite => "CROSS JOIN items i WHERE f.site_id = $1 AND i.site_id = f.site_id AND i.id = f.item_id",
        Dialect::Postgres => {
            "CROSS JOIN LATERAL (SELECT * FROM items i WHERE i.site_id = f.site_id AND i.id = f.item_id LIMIT 1) i \
             WHERE f.site_id = $1"
        }
    };
    format!(
        "(SELECT {c} AS c FROM {stored} {item}{stored_kept}{stored_also}{items_kept})",
        stored = gathered::<DB>(list.kind),
        stored_kept = stored_keeps(Part::All, list),
    )
}

/// The statement counting the items `list` keeps, up to `COUNTED_ITEMS + 1` (all of them, when fewer:
/// the counts are exact), and their findings it keeps. (The fence keeps each stored row's count
/// from being computed twice, for the test and for the sum.)
fn count_sql<DB: Backend>(list: &FindingList, text: Option<Text>) -> Statement {
    let mut s = Statement::new();
    let stored = counted_stored::<DB>(&mut s, list, text, "", "");
    let fence = match DB::DIALECT {
        Dialect::Sqlite => "LIMIT -1 OFFSET 0",
        Dialect::Postgres => "OFFSET 0",
    };
    s.sql = format!(
        "SELECT COUNT(*) AS items, CAST(COALESCE(SUM(c), 0) AS BIGINT) AS findings \
         FROM (SELECT x.c FROM (SELECT y.c FROM {stored} y {fence}) x WHERE x.c > 0 LIMIT {}) counted",
        COUNTED_ITEMS + 1
    );
    s
}

/// The statement counting the findings `list` keeps that block and no waiver covers (few: they
/// stop an approval, so an online item has them only when published before it was checked), on
/// the items with blocking findings (item_findings_blocking).
fn blocking_sql<DB: Backend>(list: &FindingList, text: Option<Text>) -> Statement {
    let mut s = Statement::new();
    let blocking = match DB::DIALECT {
        Dialect::Sqlite => "json_extract(e.value, '$.blocking') = 1",
        Dialect::Postgres => "(e.value ->> 'blocking') = 'true'",
    };
    let unwaived = format!(
        " AND {blocking} AND NOT EXISTS (SELECT 1 FROM finding_waivers x WHERE x.site_id = f.site_id \
         AND x.item_id = f.item_id AND x.kind = {} AND x.text = {})",
        field::<DB>(&["kind"]),
        field::<DB>(&["text"])
    );
    let stored = counted_stored::<DB>(&mut s, list, text, " AND f.blocking > 0", &unwaived);
    s.sql = format!("SELECT CAST(COALESCE(SUM(b.c), 0) AS BIGINT) AS blocking FROM {stored} b");
    s
}

/// PostgreSQL: the statement whose plan estimates how many items hold the findings `list` keeps
/// (of its kind; a filter's share it leaves out).
fn items_sql(list: &FindingList) -> String {
    let kind = list.kind.map_or_else(
        || " AND f.kinds <> ''".to_string(),
        |k| format!(" AND f.kinds LIKE {} ESCAPE '\\'", quoted(&kinds_pattern(k))),
    );
    format!(
        "EXPLAIN SELECT 1 FROM item_findings f JOIN items i ON i.site_id = f.site_id AND i.id = f.item_id \
         WHERE f.site_id = $1 AND i.status = 'online'{kind}"
    )
}

/// The parts of `list`'s order, in order: by kind, one a kind the site's items hold (`holding`).
fn parts(list: &FindingList, holding: &HashMap<FindingKind, i64>) -> Vec<Part> {
    match (list.order, list.kind) {
        (FindingOrder::Newest, _) => vec![Part::All],
        (FindingOrder::Kind, Some(kind)) => vec![Part::Kind(kind)],
        (FindingOrder::Kind, None) => {
            FindingKind::ALL.into_iter().filter(|k| holding.get(k).is_some_and(|n| *n > 0)).map(Part::Kind).collect()
        }
        (FindingOrder::Unit, _) => vec![Part::Units, Part::Reposts],
    }
}

/// The hot statements of the Findings tab: its first page (newest first, every kind; SQLite walks
/// items_published), the next, the last, by unit, a rare kind's first page (gathered through
/// item_findings_kinds), its count and its blocking findings counted, and the kinds it holds.
pub(super) fn hot_statements<DB: Backend>() -> Vec<HotStatement> {
    let list = FindingList { kind: None, order: FindingOrder::Newest, filter: None, now: Utc::now() };
    let rare = FindingList { kind: Some(FindingKind::LeaderName), ..list.clone() };
    let by_unit = FindingList { order: FindingOrder::Unit, ..list.clone() };
    let hot = |name: &'static str, s: Statement| HotStatement { name, params: params(&s.slots), sql: s.sql };
    vec![
        hot("findings", page_sql::<DB>(Part::All, Reach::Walk, &list, None, Start::Top, false)),
        hot("findings, next page", page_sql::<DB>(Part::All, Reach::Walk, &list, None, Start::Key, false)),
        hot("findings, last page", page_sql::<DB>(Part::All, Reach::Walk, &list, None, Start::Top, true)),
        hot("findings, by unit", page_sql::<DB>(Part::Units, Reach::Walk, &by_unit, None, Start::Top, false)),
        hot(
            "findings, by unit, next page",
            page_sql::<DB>(Part::Units, Reach::Walk, &by_unit, None, Start::Key, false),
        ),
        hot("findings, of a rare kind", page_sql::<DB>(Part::All, Reach::Gather, &rare, None, Start::Top, false)),
        hot("findings, counted", count_sql::<DB>(&list, None)),
        hot("findings, blocking", blocking_sql::<DB>(&list, None)),
        HotStatement { name: "findings, kinds", sql: KINDS.to_string(), params: vec![Param::Site] },
    ]
}

/// What the plan tests and benchmarks bind to a hot statement's slots.
fn params(slots: &[Slot]) -> Vec<Param> {
    slots
        .iter()
        .map(|slot| match slot {
            Slot::Site => Param::Site,
            Slot::Limit => Param::Int(100),
            Slot::Items => Param::Int(101),
            Slot::Now | Slot::At => Param::Instant,
            Slot::Text | Slot::Like | Slot::Json => Param::Text("%象山%"),
            Slot::Unit => Param::Text("民政局"),
            Slot::Item => Param::Item,
            Slot::N => Param::Int(0),
        })
        .collect()
}

/// The values a statement binds besides its key's and its limit's.
struct Values {
    text: Option<String>,
    like: Option<String>,
    json: Option<String>,
}

sql_impl! { SqlStore;
    /// How many of the site's items hold each kind (every status: a bound), from `KINDS`.
    async fn list_kinds(&self, site: &Site) -> Result<HashMap<FindingKind, i64>> {
        let mut held = HashMap::new();
        for row in sqlx::query::<DB>(KINDS).bind(site.id).fetch_all(&self.pool).await? {
            let (kinds, items): (String, i64) = (row.try_get("kinds")?, row.try_get("items")?);
            for kind in kinds.split_whitespace().filter_map(FindingKind::parse) {
                *held.entry(kind).or_insert(0) += items;
            }
        }
        Ok(held)
    }

    /// How the filter's text is read: on SQLite, a text of three characters or more in many items
    /// walks the order's index testing each item's own text (a page fills after a few dozen); one
    /// in few is gathered from the trigram index; two characters, which no trigram holds, are
    /// gathered testing each item with stored findings. PostgreSQL: its text indexes, as every
    /// list's filter.
    async fn list_text(&self, list: &FindingList) -> Result<Option<Text>> {
        let Some(filter) = &list.filter else { return Ok(None) };
        let way = Way::of(&filter.list.text, DB::DIALECT);
        if DB::DIALECT == Dialect::Postgres {
            // Its planner weighs the text; unit by unit (`list_reach`), a filter is gathered.
            return Ok(Some(Text { way, reach: Reach::Gather }));
        }
        Ok(Some(match way {
            // In more than `BROAD` items (象山区: three in four), newest first a page fills after
            // a few dozen items; in fewer, gathering reads each item with stored findings once,
            // which walking the site for a page could read many times over.
            Way::Trigrams => match self.way_for(&filter.list.text).await? {
                Way::Scan => Text { way: Way::Scan, reach: Reach::Walk },
                _ => Text { way, reach: Reach::Gather },
            },
            _ => Text { way, reach: Reach::Gather },
        }))
    }

    /// How SQLite reaches the items of part `part` of `list` (`Reach`).
    fn list_reach(part: Part, list: &FindingList, text: Option<Text>, holding: &HashMap<FindingKind, i64>) -> Reach {
        // PostgreSQL's planner chooses, but for a walk unit by unit (`page_sql`), which a kind on
        // few items or a filter must not take.
        if DB::DIALECT == Dialect::Postgres && part != Part::Units {
            return Reach::Walk;
        }
        match (part.kind(list), text) {
            (Some(kind), _) if holding.get(&kind).copied().unwrap_or(0) <= FEW => Reach::Gather,
            (_, Some(text)) => text.reach,
            _ => Reach::Walk,
        }
    }

    /// Runs statement `s` with the values of `list`, `key` and `limit`.
    async fn list_run(
        &self,
        site: &Site,
        s: &Statement,
        list: &FindingList,
        text: Option<Text>,
        key: Option<&FindingKey>,
        limit: i64,
    ) -> Result<Vec<DB::Row>> {
        let values = match (&list.filter, text) {
            (Some(f), Some(text)) => Values {
                text: Some(search::param_for(text.way, &f.list.text, DB::DIALECT)),
                like: Some(like_pattern(&f.list.text)),
                json: Some(json_pattern(&f.list.text)),
            },
            _ => Values { text: None, like: None, json: None },
        };
        let mut query = sqlx::query::<DB>(&s.sql);
        for slot in &s.slots {
            query = match slot {
                Slot::Site => query.bind(site.id),
                Slot::Limit => query.bind(limit),
                Slot::Items => query.bind(limit + 1),
                Slot::Now => query.bind(list.now),
                Slot::Text => query.bind(values.text.clone()),
                Slot::Like => query.bind(values.like.clone()),
                Slot::Json => query.bind(values.json.clone()),
                Slot::Unit => query.bind(key.and_then(|k| k.unit.clone())),
                Slot::At => query.bind(key.map(|k| k.at)),
                Slot::Item => query.bind(key.map(|k| k.item)),
                Slot::N => query.bind(key.map(|k| k.n)),
            };
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// A listed finding from a row of `page_sql`, read by the columns' names.
    fn list_row(row: &DB::Row) -> Result<ListedFinding> {
        let item: i64 = row.try_get("item")?;
        let finding: Finding = serde_json::from_str(&row.try_get::<String, _>("finding")?)
            .map_err(|_| decode_error("item_findings", &item.to_string()))?;
        let title: Lossy = row.try_get("title")?;
        let by: Option<String> = row.try_get("waived_by")?;
        let why: Option<String> = row.try_get("waived_why")?;
        Ok(ListedFinding {
            item,
            title: title.text,
            unit: row.try_get("unit")?,
            published_at: row.try_get("published_at")?,
            n: row.try_get("n")?,
            finding,
            waiver: by.zip(why),
        })
    }

    /// Up to `limit` rows of part `part` from `seek`, in the list's order: by unit, after (before)
    /// a key, the rest of its unit, then the units after (before) it.
    #[allow(clippy::too_many_arguments)]
    async fn list_part(
        &self,
        site: &Site,
        list: &FindingList,
        text: Option<Text>,
        part: Part,
        holding: &HashMap<FindingKind, i64>,
        seek: Seek<&FindingKey>,
        limit: i64,
    ) -> Result<Vec<ListedFinding>> {
        let reach = Self::list_reach(part, list, text, holding);
        let key = seek.key().copied();
        let mut starts = vec![if key.is_some() { Start::Key } else { Start::Top }];
        if part == Part::Units && key.is_some() {
            starts.push(Start::NextUnits);
        }
        let mut rows: Vec<ListedFinding> = Vec::new();
        for start in starts {
            let left = limit - rows.len() as i64;
            if left <= 0 {
                break;
            }
            let s = page_sql::<DB>(part, reach, list, text, start, seek.backward());
            let page = self.list_run(site, &s, list, text, key, left).await?;
            rows.extend(page.iter().map(Self::list_row).collect::<Result<Vec<_>>>()?);
        }
        // Read backwards: turned into the list's order.
        if seek.backward() {
            rows.reverse();
        }
        Ok(rows)
    }

    /// `FindingStore::finding_page`.
    pub(super) async fn list_page(
        &self,
        site: &Site,
        list: &FindingList,
        seek: Seek<FindingKey>,
        limit: i64,
    ) -> Result<Vec<ListedFinding>> {
        let wants_kinds = list.order == FindingOrder::Kind || list.kind.is_some();
        let holding = if wants_kinds { self.list_kinds(site).await? } else { HashMap::new() };
        let text = self.list_text(list).await?;
        let parts = parts(list, &holding);
        let keyed = seek.key().map(|key| Part::of(list.order, key));
        let mut from = keyed;
        let mut rows: Vec<ListedFinding> = Vec::new();
        // From the key's part (or the next one after it, the last one before it), part after part.
        let order: Vec<Part> = if seek.backward() {
            parts.into_iter().rev().filter(|p| keyed.is_none_or(|k| *p <= k)).collect()
        } else {
            parts.into_iter().filter(|p| keyed.is_none_or(|k| *p >= k)).collect()
        };
        for part in order {
            let left = limit - rows.len() as i64;
            if left <= 0 {
                break;
            }
            let at = match (&seek, from.take()) {
                (Seek::After(key), Some(k)) if k == part => Seek::After(key),
                (Seek::Before(key), Some(k)) if k == part => Seek::Before(key),
                _ if seek.backward() => Seek::Last,
                _ => Seek::First,
            };
            let page = self.list_part(site, list, text, part, &holding, at, left).await?;
            if seek.backward() {
                rows.splice(0..0, page);
            } else {
                rows.extend(page);
            }
        }
        Ok(rows)
    }

    /// `FindingStore::finding_total`.
    pub(super) async fn list_total(&self, site: &Site, list: &FindingList) -> Result<FindingCount> {
        let text = self.list_text(list).await?;
        let counted = count_sql::<DB>(list, text);
        let rows = self.list_run(site, &counted, list, text, None, 0).await?;
        let (items, findings): (i64, i64) = match rows.first() {
            Some(row) => (row.try_get("items")?, row.try_get("findings")?),
            None => (0, 0),
        };
        let blocking = blocking_sql::<DB>(list, text);
        let blocking: i64 = match self.list_run(site, &blocking, list, text, None, 0).await?.first() {
            Some(row) => row.try_get("blocking")?,
            None => 0,
        };
        let total = if items <= COUNTED_ITEMS {
            Total::Exact(findings)
        } else if DB::DIALECT == Dialect::Postgres && list.filter.is_none() {
            // The planner's estimate of the items, times the findings an item has among those
            // counted (a filter's share of the items it cannot estimate: a bound then).
            let plan: Vec<String> = sqlx::query_scalar(&items_sql(list)).bind(site.id).fetch_all(&self.pool).await?;
            let estimated = planned_rows(&plan).unwrap_or(items).max(items);
            Total::About((estimated * findings / items.max(1)).max(findings))
        } else {
            Total::AtLeast(findings)
        };
        Ok(FindingCount { total, blocking })
    }
}
