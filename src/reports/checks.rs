//! The content checks (`domain::checks`) on an item or on everything online, with the lists shipped
//! in `data/checks/` or an administrator's own.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::domain::checks::{Checked, Finding, Lists, RecordedFinding, check_items, holds_at};
pub use crate::domain::checks::{NAMES, WORDS};
use crate::domain::review::Decision;
use crate::store::{FindingItem, ItemText, Result, Site, Store, StoreError, Transition, Waiver};
use crate::t;

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

/// What the checks read of an item.
fn checked(item: &ItemText) -> Checked<'_> {
    Checked {
        title: &item.title,
        body: &item.body,
        submitted_at: item.submitted_at,
        published_at: item.published_at,
        issued_on: item.issued_on,
    }
}

/// Every finding on one item's text and dates, as of `now`.
pub fn check_item(lists: &Lists, item: &ItemText, now: DateTime<Utc>) -> Vec<Finding> {
    crate::domain::checks::check_item(lists, checked(item), now)
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
                .map(|w| waiver_said(&w.by, &w.reason));
            (f, waived)
        })
        .collect()
}

/// A waiver as a finding shows it: who waived it, and why (`who: why`).
pub fn waiver_said(by: &str, why: &str) -> String {
    format!("{by}: {why}")
}

/// Where the stored findings stand against the lists in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Every item was checked with the lists in use.
    Current,
    /// The lists changed since every item was last checked (or, on a database upgraded from before
    /// stored findings, never were): `check --all` checks them again.
    Stale,
}

/// The site's online items with findings (published at or after `since`), newest first, each
/// finding with the waiver that covers it, if one does.
pub type OnlineFindings = Vec<(FindingItem, Vec<WaivedFinding>)>;

/// Whether the stored findings were found with the lists in use.
pub async fn stored(store: &dyn Store, site: &Site) -> Result<Stored> {
    let current = store.findings_version(site).await?.as_deref() == Some(store.lists_in_use().version());
    Ok(if current { Stored::Current } else { Stored::Stale })
}

/// The stored findings as they are (nothing is checked again), all at once, and whether they were
/// found with the lists in use (`check --all`; the Findings tab reads them a page at a time).
pub async fn stored_findings(
    store: &dyn Store,
    site: &Site,
    since: Option<DateTime<Utc>>,
) -> Result<(OnlineFindings, Stored)> {
    let stored = stored(store, site).await?;
    let found = store.stored_findings(site, since).await?;
    let waivers = site_waivers(store, site).await?;
    // As of now: a publication time that was still to come when the item was written has passed.
    let now = Utc::now();
    let out = found
        .into_iter()
        .filter_map(|f| {
            let published = f.item.published_at;
            let holding: Vec<Finding> = f.findings.into_iter().filter(|x| holds_at(x, published, now)).collect();
            let found = waived(holding, waivers.get(&f.item.id).map_or(&[][..], Vec::as_slice));
            (!found.is_empty()).then_some((f.item, found))
        })
        .collect();
    Ok((out, stored))
}

/// The site's waivers by item, in one read.
async fn site_waivers(store: &dyn Store, site: &Site) -> Result<std::collections::HashMap<i64, Vec<Waiver>>> {
    let mut by_item: std::collections::HashMap<i64, Vec<Waiver>> = std::collections::HashMap::new();
    for w in store.site_waivers(site).await? {
        by_item.entry(w.item).or_default().push(w);
    }
    Ok(by_item)
}

/// `check --all`: the stored findings, after every item is checked again (on every core, stored in
/// one transaction; `progress(done, total)`) when the lists in use are not those they were found
/// with. Someone who may not store them (not an administrator, a read-only database) gets the
/// findings checked afresh all the same, stored nowhere.
pub async fn online_findings(
    store: &dyn Store,
    site: &Site,
    since: Option<DateTime<Utc>>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<OnlineFindings> {
    // Whether they are current first: read when they are not, they would be read for nothing.
    if stored(store, site).await? == Stored::Current {
        return Ok(stored_findings(store, site, since).await?.0);
    }
    match store.recheck(site, progress).await {
        Ok(_) => Ok(stored_findings(store, site, since).await?.0),
        Err(StoreError::Refused(_)) => check_afresh(store, site, &store.lists_in_use(), since).await,
        Err(e) => Err(e),
    }
}

/// Every online item checked with `lists` (others than those in use: `check --all --names FILE`),
/// each finding with the waiver that covers it; nothing stored.
pub async fn check_afresh(
    store: &dyn Store,
    site: &Site,
    lists: &Lists,
    since: Option<DateTime<Utc>>,
) -> Result<OnlineFindings> {
    let waivers = site_waivers(store, site).await?;
    Ok(check_online(store, site, lists, since)
        .await?
        .into_iter()
        .map(|(item, found)| {
            let found = waived(found, waivers.get(&item.id).map_or(&[][..], Vec::as_slice));
            let item = FindingItem {
                id: item.id,
                title: item.title,
                unit: item.unit,
                published_at: item.published_at,
                lists: lists.version().to_string(),
            };
            (item, found)
        })
        .collect())
}

/// Refuses an approval while a blocking finding (a wrong leader's name, a full ID number, a
/// secret marking) stands unwaived on the item, naming each (its kind in words and by the name
/// `check waive --kind` takes) and how to waive it: the one gate every way of approving goes
/// through (`decide`), the console's as the command line's.
pub fn gate(id: i64, found: &[(Finding, Option<String>)]) -> Result<()> {
    let open: Vec<String> = found
        .iter()
        .filter(|(f, waived)| f.blocking && waived.is_none())
        .map(|(f, _)| t!("store-blocking-finding", kind = f.kind.coded(), text = f.text.as_str(), place = f.place()))
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    Err(StoreError::Refused(t!(
        "store-blocking-findings",
        id = id,
        count = open.len(),
        found = open.join(&t!("code-list"))
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
/// database at a time, each page checked on every core.
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
        let found = check_items(lists, &page.iter().map(checked).collect::<Vec<_>>(), now);
        out.extend(page.into_iter().zip(found).filter(|(_, f)| !f.is_empty()));
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
