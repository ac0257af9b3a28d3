//! The content checks (`domain::checks`) on an item or on everything online, with the lists shipped
//! in `data/checks/` or an administrator's own.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::checks::{Field, Finding, Lists, RecordedFinding, check_dates, check_text};
use crate::domain::review::Decision;
use crate::store::{ItemText, Result, Site, Store, StoreError, Transition, Waiver};

pub const NAMES: &str = include_str!("../../data/checks/names.tsv");
pub const WORDS: &str = include_str!("../../data/checks/words.tsv");

/// One list's text: `file`, else the user's own (`names.tsv`, `words.tsv` in the config
/// directory), else the shipped one.
fn list(file: Option<&Path>, own: &str, shipped: &str) -> std::result::Result<String, String> {
    let mine = crate::places::setting(own).filter(|p| p.exists());
    match file.map(Path::to_path_buf).or(mine) {
        Some(path) => std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display())),
        None => Ok(shipped.to_string()),
    }
}

/// Which list a line is added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Names,
    Words,
}

/// Adds a line to the user's own list (`names.tsv` or `words.tsv` in the config directory),
/// starting it from the shipped one; the whole list must still compile, or nothing is written.
/// Returns the file written.
pub fn add_to_list(kind: ListKind, line: &str) -> std::result::Result<std::path::PathBuf, String> {
    let (own, shipped) = match kind {
        ListKind::Names => ("names.tsv", NAMES),
        ListKind::Words => ("words.tsv", WORDS),
    };
    let dir = crate::places::config_dir().ok_or("no home directory")?;
    let path = dir.join(own);
    let mut text = if path.exists() {
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
    } else {
        shipped.to_string()
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    match kind {
        ListKind::Names => Lists::parse(&text, &list(None, "words.tsv", WORDS)?),
        ListKind::Words => Lists::parse(&list(None, "names.tsv", NAMES)?, &text),
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::places::create_private_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Written whole, then moved into place: a list is never left half written.
    let partial = path.with_extension("tsv.new");
    std::fs::write(&partial, &text).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    std::fs::rename(&partial, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The lists in effect, compiled.
pub fn lists(names: Option<&Path>, words: Option<&Path>) -> std::result::Result<Lists, String> {
    Lists::parse(&list(names, "names.tsv", NAMES)?, &list(words, "words.tsv", WORDS)?)
}

/// Every finding on one item's text and dates, as of `now`.
pub fn check_item(lists: &Lists, item: &ItemText, now: DateTime<Utc>) -> Vec<Finding> {
    let mut out = check_text(lists, Field::Title, &item.title);
    out.extend(check_text(lists, Field::Body, &item.body));
    out.extend(check_dates(item.submitted_at, item.published_at, now, item.issued_on));
    out
}

/// A finding with the waiver that covers it (`who: why`), if one does.
pub type WaivedFinding = (Finding, Option<String>);

/// The findings on an item, each with the waiver that covers it (kind and text match), if one does.
pub async fn item_findings(store: &dyn Store, site: &Site, lists: &Lists, id: i64) -> Result<Vec<WaivedFinding>> {
    let item = item_text(store, site, id).await?;
    with_waivers(store, site, id, check_item(lists, &item, Utc::now())).await
}

/// Findings on an item, each with the waiver that covers it (`who: why`), if one does.
async fn with_waivers(store: &dyn Store, site: &Site, id: i64, found: Vec<Finding>) -> Result<Vec<WaivedFinding>> {
    let waivers = if found.is_empty() { Vec::new() } else { store.waivers(site, id).await? };
    Ok(waived(found, &waivers))
}

/// Each finding with the first of `waivers` that covers it.
fn waived(found: Vec<Finding>, waivers: &[Waiver]) -> Vec<WaivedFinding> {
    found
        .into_iter()
        .map(|f| {
            let waived = waivers
                .iter()
                .find(|w| w.kind == f.kind.as_str() && w.text == f.text)
                .map(|w| format!("{}: {}", w.by, w.reason));
            (f, waived)
        })
        .collect()
}

/// `check_online`, each finding with the waiver that covers it, if one does (the Findings tab and
/// `check --all`).
pub async fn online_findings(
    store: &dyn Store,
    site: &Site,
    lists: &Lists,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<(ItemText, Vec<WaivedFinding>)>> {
    // The site's waivers in one read: an item with findings costs no query of its own.
    let mut by_item: std::collections::HashMap<i64, Vec<Waiver>> = std::collections::HashMap::new();
    for w in store.site_waivers(site).await? {
        by_item.entry(w.item).or_default().push(w);
    }
    Ok(check_online(store, site, lists, since)
        .await?
        .into_iter()
        .map(|(item, found)| {
            let found = waived(found, by_item.get(&item.id).map_or(&[][..], Vec::as_slice));
            (item, found)
        })
        .collect())
}

/// Refuses an approval while a blocking finding (a wrong leader's name, a full ID number, a
/// secret marking) stands unwaived on the item, naming each and how to waive it: the one gate every
/// way of approving goes through (`decide`).
pub fn gate(id: i64, found: &[(Finding, Option<String>)]) -> Result<()> {
    let open: Vec<String> = found
        .iter()
        .filter(|(f, waived)| f.blocking && waived.is_none())
        .map(|(f, _)| format!("{} “{}” ({})", f.kind.as_str(), f.text, f.span()))
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    Err(StoreError::Refused(format!(
        "item {id} has {} blocking finding(s): {}; fix them, or waive each with `portal-admin check waive {id} --kind \
            KIND --text TEXT --reason WHY`",
        open.len(),
        open.join("; ")
    )))
}

/// A review decision, the one way `review approve|reject` and the console make one: the item's
/// findings are looked up, an approval passes the gate, and the decision is recorded with the
/// findings present at that moment (waived or not), so that the item's history shows what each
/// decision saw and what was fixed between two.
pub async fn decide(
    store: &dyn Store,
    site: &Site,
    lists: &Lists,
    id: i64,
    version: Option<i64>,
    decision: &Decision,
) -> Result<Transition> {
    let found = item_findings(store, site, lists, id).await?;
    if matches!(decision, Decision::Approve { .. }) {
        gate(id, &found)?;
    }
    let recorded: Vec<RecordedFinding> =
        found.iter().map(|(f, waived)| RecordedFinding::new(f, waived.as_deref())).collect();
    store.review_found(site, id, version, decision, Some(&recorded)).await
}

/// Every online item with findings (published at or after `since`), newest first, a page of the
/// database at a time.
pub async fn check_online(
    store: &dyn Store,
    site: &Site,
    lists: &Lists,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<(ItemText, Vec<Finding>)>> {
    let now = Utc::now();
    let mut out = Vec::new();
    let mut after = 0;
    loop {
        let page = store.item_texts(site, after, true, since, 5_000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for item in page {
            let found = check_item(lists, &item, now);
            if !found.is_empty() {
                out.push((item, found));
            }
        }
    }
    out.sort_by_key(|(item, _)| std::cmp::Reverse((item.published_at, item.id)));
    Ok(out)
}

/// One item's text, whatever its status (for `check ITEM`, before publication too).
pub async fn item_text(store: &dyn Store, site: &Site, id: i64) -> Result<ItemText> {
    store
        .item_texts(site, id - 1, false, None, 1)
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("no item {id} in site {}", site.code)))
}
