//! The pieces of SQL the Findings list's statements are made of (`super`): how an item's stored
//! findings are read as rows, how a list's kind, unit and filter keep items and findings, and the
//! LIKE patterns they match with, on either backend.

use super::super::search::{cased, holds_text, initials_hold, named_any};
use super::*;

/// The rows of the JSON array of findings of `table`'s row (item_findings `f`, or the items chosen
/// `p`), as `e`: its `value`, each finding.
pub(super) fn each<DB: Backend>(table: &str) -> String {
    match DB::DIALECT {
        Dialect::Sqlite => format!("json_each({table}.findings) e"),
        Dialect::Postgres => {
            format!("json_array_elements(CAST({table}.findings AS json)) WITH ORDINALITY AS e(value, n)")
        }
    }
}

/// The finding's place in its array, from 0.
pub(super) fn place<DB: Backend>() -> &'static str {
    match DB::DIALECT {
        Dialect::Sqlite => "e.key",
        Dialect::Postgres => "(e.n - 1)",
    }
}

/// The unit's name `name` as the order compares it: by code point on both backends (PostgreSQL's
/// collation would put Chinese names in another order than SQLite's and the program's).
pub(super) fn by_code_point<DB: Backend>(name: &str) -> String {
    match DB::DIALECT {
        Dialect::Sqlite => name.to_string(),
        Dialect::Postgres => format!("({name} COLLATE \"C\")"),
    }
}

/// A finding's field (`path`: an object's keys, outermost first), as text.
pub(super) fn field<DB: Backend>(path: &[&str]) -> String {
    match DB::DIALECT {
        Dialect::Sqlite => format!("json_extract(e.value, '$.{}')", path.join(".")),
        Dialect::Postgres => {
            let (last, before) = path.split_last().expect("a field");
            let mut out = String::from("(e.value");
            for key in before {
                out.push_str(&format!(" -> '{key}'"));
            }
            out.push_str(&format!(" ->> '{last}')"));
            out
        }
    }
}

/// Text written into a statement as an SQL string (the program's own constants only).
pub(super) fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `text` with LIKE's `%`, `_` and `\` escaped by `\`.
pub(super) fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A LIKE pattern that finds kind `kind` in item_findings.kinds (` kind kind `): kind codes hold
/// `_`, which LIKE would take for any character.
pub(super) fn kinds_pattern(kind: FindingKind) -> String {
    format!("% {} %", like_escaped(kind.as_str()))
}

/// A LIKE pattern that finds `needle` in a stored JSON array of findings, as the JSON writer
/// writes it there (a `"` or a `\` escaped, every other character as it is).
pub(super) fn json_pattern(needle: &Needle) -> String {
    let json = serde_json::to_string(needle.as_str()).unwrap_or_default();
    let inner = json.get(1..json.len().saturating_sub(1)).unwrap_or_default();
    format!("%{}%", like_escaped(inner))
}

/// `expr` holds the LIKE pattern `param` (Latin letters in either case).
pub(super) fn holds<DB: Backend>(expr: &str, param: &str, cased: bool) -> String {
    match DB::DIALECT {
        Dialect::Postgres if cased => format!("{expr} ILIKE {param}"),
        Dialect::Postgres => format!("{expr} LIKE {param}"),
        Dialect::Sqlite => format!("{expr} LIKE {param} ESCAPE '\\'"),
    }
}

/// The site's items with stored findings of each kind (counted from item_findings.kinds, every
/// status: a bound), in one read of item_findings_kinds.
pub(super) const KINDS: &str = "SELECT kinds, COUNT(*) AS items FROM item_findings WHERE site_id = $1 GROUP BY kinds";

/// The stored findings `f` a part gathers, as SQLite is told to read them: a kind's through
/// item_findings_kinds (its planner does not weigh a `LIKE` on the index, and would read every
/// stored finding whole); PostgreSQL's planner chooses. (Walking, each item's are read by its key.)
pub(super) fn gathered<DB: Backend>(kind: Option<FindingKind>) -> &'static str {
    match (DB::DIALECT, kind) {
        (Dialect::Sqlite, Some(_)) => "item_findings f INDEXED BY item_findings_kinds",
        _ => "item_findings f",
    }
}

/// The tables the items of a part are chosen from, in the order SQLite takes them (`reach`), and
/// the conditions that join them: the items (`i`), their stored findings (`f`), the unit (`u`).
pub(super) fn items_from<DB: Backend>(part: Part, reach: Reach, list: &FindingList) -> String {
    let stored = gathered::<DB>(part.kind(list));
    match (reach, part) {
        (Reach::Walk, Part::Units) => "FROM units u CROSS JOIN items i CROSS JOIN item_findings f \
             WHERE u.site_id = $1 AND i.site_id = u.site_id AND i.unit_id = u.id \
             AND f.site_id = i.site_id AND f.item_id = i.id"
            .to_string(),
        (Reach::Walk, _) => "FROM items i CROSS JOIN item_findings f \
             LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
             WHERE i.site_id = $1 AND f.site_id = i.site_id AND f.item_id = i.id"
            .to_string(),
        (Reach::Gather, Part::Units) => format!(
            "FROM {stored} CROSS JOIN items i CROSS JOIN units u \
             WHERE f.site_id = $1 AND i.site_id = f.site_id AND i.id = f.item_id \
             AND u.site_id = i.site_id AND u.id = i.unit_id"
        ),
        (Reach::Gather, _) => format!(
            "FROM {stored} CROSS JOIN items i \
             LEFT JOIN units u ON u.site_id = i.site_id AND u.id = i.unit_id \
             WHERE f.site_id = $1 AND i.site_id = f.site_id AND i.id = f.item_id"
        ),
    }
}

/// What a list keeps of the stored findings `f` (after the site's): those of the kind.
pub(super) fn stored_keeps(part: Part, list: &FindingList) -> String {
    match part.kind(list) {
        Some(k) => format!(" AND f.kinds LIKE {} ESCAPE '\\'", quoted(&kinds_pattern(k))),
        None => " AND f.kinds <> ''".to_string(),
    }
}

/// What a list keeps of the items `i` (after `items_from`'s conditions): online ones (of no unit,
/// for the reposts), and, with a filter, those it keeps or whose stored findings `f` may hold its
/// text (tested finding by finding: `finding_keeps`).
pub(super) fn item_keeps<DB: Backend>(s: &mut Statement, part: Part, list: &FindingList, text: Option<Text>) -> String {
    let mut out = String::from(" AND i.status = 'online'");
    if part == Part::Reposts {
        out.push_str(" AND i.unit_id IS NULL");
    }
    if let (Some(filter), Some(text)) = (&list.filter, text) {
        let json = s.slot(Slot::Json);
        let mut any =
            vec![item_matched::<DB>(s, filter, text), holds::<DB>("f.findings", &json, cased(&filter.list.text))];
        any.extend(filter.kinds.iter().map(|k| format!("f.kinds LIKE {} ESCAPE '\\'", quoted(&kinds_pattern(*k)))));
        out.push_str(&format!(" AND ({})", any.join(" OR ")));
    }
    out
}

/// The condition that the filter keeps item `i` itself: its title or body holds the text, it is
/// of one of the units the text names, or its title's initials hold it.
///
/// SQLite, gathering a text of three characters or more: said of the stored findings' item id
/// (`f.item_id`) alone, the ids the trigram index gives and the units' items' gathered once, so
/// that the stored findings the filter does not keep are passed over without their items looked
/// up (at 1,000,000 items, 51,000 lookups for a page).
pub(super) fn item_matched<DB: Backend>(s: &mut Statement, filter: &FindingFilter, text: Text) -> String {
    let param = s.number(Slot::Text);
    let by_id = DB::DIALECT == Dialect::Sqlite
        && text == Text { way: Way::Trigrams, reach: Reach::Gather }
        && filter.list.initials.as_ref().is_none_or(Initials::few);
    if !by_id {
        return named_any::<DB>(&filter.list, &holds_text::<DB>(text.way, param, cased(&filter.list.text)), "i.id");
    }
    let mut any = vec![format!("f.item_id IN (SELECT rowid FROM items_text WHERE items_text MATCH ${param})")];
    if !filter.list.units.is_empty() {
        any.push(format!(
            "f.item_id IN (SELECT n.id FROM items n WHERE n.site_id = $1 AND n.unit_id IN ({}))",
            id_list(&filter.list.units)
        ));
    }
    if let Some(initials) = &filter.list.initials {
        any.push(initials_hold::<DB>(initials, "f.item_id"));
    }
    format!("({})", any.join(" OR "))
}

/// What a list keeps of an item's findings (`e`): of the kind, still holding at `$now` (a
/// publication time in the future, found when the item was written, holds until it passes;
/// `published` the item's publication), and with a filter, all of an item it keeps (`matched`),
/// else those whose own text holds it (`finding_holds`).
pub(super) fn finding_keeps<DB: Backend>(
    s: &mut Statement,
    part: Part,
    list: &FindingList,
    published: &str,
    matched: Option<&str>,
) -> String {
    let kind = field::<DB>(&["kind"]);
    let mut out = String::new();
    if let Some(k) = part.kind(list) {
        out.push_str(&format!(" AND {kind} = {}", quoted(k.as_str())));
    }
    let (code, text) = in_the_future();
    let now = s.slot(Slot::Now);
    out.push_str(&format!(
        " AND ({kind} <> {date} OR {published} > {now} OR (COALESCE({said}, '') <> {code} \
         AND COALESCE({message}, '') <> {text}))",
        date = quoted(FindingKind::Date.as_str()),
        said = field::<DB>(&["message", "code"]),
        code = quoted(&code),
        message = field::<DB>(&["message"]),
        text = quoted(text),
    ));
    if let (Some(filter), Some(matched)) = (&list.filter, matched) {
        let like = s.slot(Slot::Like);
        let holds = finding_holds::<DB>(&like, cased(&filter.list.text), &filter.kinds);
        out.push_str(&format!(" AND ({matched} OR {holds})"));
    }
    out
}

/// The condition that the finding itself holds the LIKE pattern in `like`: its kind's code, the
/// text found, the suggestion, a value of its message's arguments (a wrong and a correct form, a
/// name, a word, a figure's label) or the message a version before stored as text; or that it is
/// of one of `kinds` (those whose names hold the filter).
pub(super) fn finding_holds<DB: Backend>(like: &str, cased: bool, kinds: &[FindingKind]) -> String {
    let args = match DB::DIALECT {
        Dialect::Sqlite => "json_each(e.value, '$.message.args') a",
        Dialect::Postgres => "json_each_text(e.value -> 'message' -> 'args') a",
    };
    let stored_text = match DB::DIALECT {
        Dialect::Sqlite => {
            "CASE WHEN json_type(e.value, '$.message') = 'text' THEN json_extract(e.value, '$.message') END"
        }
        Dialect::Postgres => "CASE WHEN json_typeof(e.value -> 'message') = 'string' THEN e.value ->> 'message' END",
    };
    let mut any: Vec<String> = [field::<DB>(&["kind"]), field::<DB>(&["text"]), field::<DB>(&["suggestion"])]
        .iter()
        .map(|e| holds::<DB>(e, like, cased))
        .collect();
    any.push(format!("EXISTS (SELECT 1 FROM {args} WHERE {})", holds::<DB>("a.value", like, cased)));
    any.push(holds::<DB>(stored_text, like, cased));
    if !kinds.is_empty() {
        let named: Vec<String> = kinds.iter().map(|k| quoted(k.as_str())).collect();
        any.push(format!("{} IN ({})", field::<DB>(&["kind"]), named.join(", ")));
    }
    format!("({})", any.join(" OR "))
}
