//! Link checks from start to finish: the items' links (the domain's rules), fetched by the
//! checker, judged, recorded; and the current results as the listings, the national check and the
//! bulletin read them. The command line and the console call the same functions.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::links::{Link, Place, Verdict, link_verdict, links_of, page_verdict, plain};
use crate::domain::time::beijing_date;
use crate::domain::{ItemStatus, Role, inspection};
use crate::links::{Checker, Job, Limits};
use crate::store::{CheckedLink, LinkRow, LinkScope, NewProbe, ProbeRow, Result, Site, Store};

/// The `[links]` settings of `config.toml` in the config directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Loopback and private addresses may be checked (the portal on the administrators' network).
    pub allow_private: bool,
    /// What the site shows in place of a withdrawn item (any of them proves the withdrawal).
    pub notices: Vec<String>,
    /// The site's home page, which `links --probe` visits (站点无法访问).
    pub home_page: Option<String>,
}

impl Settings {
    /// The settings when config.toml says nothing of links: no private addresses, the usual notices.
    pub fn built_in() -> Settings {
        settings(&crate::usecase::settings::Settings::default(), false)
    }
}

/// The `[links]` settings (`usecase::settings`), with `--allow-private` on top.
pub fn settings(from: &crate::usecase::settings::Settings, allow_private: bool) -> Settings {
    Settings {
        allow_private: allow_private || from.links_allow_private,
        notices: from.withdrawal_notice.clone(),
        home_page: from.links_home_page.clone(),
    }
}

/// What a check found, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The items read (those the scope named that exist in it).
    pub checked: Vec<i64>,
    pub items: usize,
    pub links: usize,
    /// Distinct links fetched (a link in several items is fetched once).
    pub fetched: usize,
    pub broken: usize,
    pub refused: usize,
    pub still_public: usize,
}

/// Checks the links of the items `scope` names and records what was found. For online items:
/// every link (page, body, attachments); for withdrawn ones: their public page, against the
/// withdrawal notices. `progress` is told (done, of) as links are fetched.
pub async fn check(
    store: &dyn Store,
    site: &Site,
    scope: &LinkScope,
    limits: Limits,
    settings: &Settings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::result::Result<Summary, CheckFailure> {
    admin_only(store, site, "link checks").await?;
    let items = store.link_items(site, scope).await?;
    let withdrawn = matches!(scope, LinkScope::Withdrawn { .. });
    let per_item: Vec<(i64, Vec<Link>)> = items
        .iter()
        .map(|item| {
            let links = if withdrawn || item.status == ItemStatus::Withdrawn {
                item.url.iter().map(|u| Link { url: u.trim().to_string(), place: Place::Page }).collect()
            } else {
                links_of(item.url.as_deref(), &item.body, &item.attachments)
            };
            (item.id, links)
        })
        .collect();
    let mut jobs: Vec<Job> = Vec::new();
    let mut index: HashMap<Job, usize> = HashMap::new();
    for (_, links) in &per_item {
        for link in links {
            let job = Job { url: link.url.clone(), read_page: withdrawn };
            index.entry(job.clone()).or_insert_with(|| {
                jobs.push(job);
                jobs.len() - 1
            });
        }
    }
    let total = jobs.len();
    let checker = Arc::new(
        Checker::new(Limits { allow_private: settings.allow_private, ..limits }).map_err(CheckFailure::Checker)?,
    );
    let answers = checker.check_all(jobs, &|done| progress(done, total)).await;
    let mut checked = Vec::new();
    for (item, links) in &per_item {
        for link in links {
            let answer = &answers[index[&Job { url: link.url.clone(), read_page: withdrawn }]];
            let verdict = if answer.refused {
                Verdict::Refused
            } else if withdrawn {
                page_verdict(answer.status, answer.text.as_deref(), &settings.notices)
            } else {
                answer.status.map_or(Verdict::Broken, link_verdict)
            };
            let error = match (verdict, &answer.error) {
                (Verdict::StillPublic, _) => Some("answers 200 without the withdrawal notice".to_string()),
                (_, Some(e)) => Some(plain(e, 300)),
                _ => None,
            };
            checked.push(CheckedLink {
                item: *item,
                place: link.place,
                url: link.url.clone(),
                status: answer.status,
                error,
                verdict,
            });
        }
    }
    if !checked.is_empty() {
        store.record_link_checks(site, &checked).await?;
    }
    let count = |v: Verdict| checked.iter().filter(|c| c.verdict == v).count();
    Ok(Summary {
        checked: per_item.iter().map(|(id, _)| *id).collect(),
        items: per_item.iter().filter(|(_, l)| !l.is_empty()).count(),
        links: checked.len(),
        fetched: total,
        broken: count(Verdict::Broken),
        refused: count(Verdict::Refused),
        still_public: count(Verdict::StillPublic),
    })
}

/// Only an active administrator records what the live site answers: anybody else is refused
/// before anything is fetched.
async fn admin_only(store: &dyn Store, site: &Site, what: &str) -> std::result::Result<(), CheckFailure> {
    match store.whoami(site).await? {
        Some((Role::Admin, true)) => Ok(()),
        other => {
            let who = match other {
                Some((role, true)) => role.as_str().to_string(),
                Some((_, false)) => "disabled".to_string(),
                None => "not an operator".to_string(),
            };
            let message = format!(
                "{} ({who}) may not record {what}: only an active administrator of site {} does",
                store.operator(),
                site.code
            );
            Err(CheckFailure::Store(crate::store::StoreError::Refused(message)))
        }
    }
}

/// The seconds a probe waits for the home page when the rules name none (the check's 15 seconds).
pub const PROBE_SECONDS: u64 = 15;

/// Probes the site's home page once: one GET (redirects followed, no retry: each visit counts on
/// its own), open when it answers 2xx within `timeout`; recorded with its time, audited. A page the
/// settings refuse to fetch is refused, not recorded as down.
pub async fn probe(
    store: &dyn Store,
    site: &Site,
    url: &str,
    timeout: std::time::Duration,
    settings: &Settings,
) -> std::result::Result<(NewProbe, DateTime<Utc>), CheckFailure> {
    admin_only(store, site, "probes").await?;
    let limits = Limits { timeout, retries: 0, allow_private: settings.allow_private, ..Limits::default() };
    let checker = Checker::new(limits).map_err(CheckFailure::Checker)?;
    let started = std::time::Instant::now();
    let answer = checker.check(url.trim(), false).await;
    let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    if answer.refused {
        return Err(CheckFailure::Checker(answer.error.unwrap_or_default()));
    }
    let reachable = answer.status.is_some_and(|s| link_verdict(s) == Verdict::Ok);
    let error = match (&answer.error, answer.status) {
        (Some(e), _) => Some(plain(e, 300)),
        (None, Some(s)) if !reachable => Some(format!("HTTP {s}")),
        _ => None,
    };
    let probe = NewProbe { url: url.trim().to_string(), status: answer.status, error, millis, reachable };
    let at = store.record_probe(site, &probe).await?;
    Ok((probe, at))
}

/// 站点无法访问 from the probes recorded in the rules' days up to the end of `at` (Beijing date,
/// `inspection::probe_window`), when the rules give it.
pub fn site_indicator_of(
    rules: &inspection::Rules,
    probes: &[ProbeRow],
    at: NaiveDate,
) -> Option<inspection::Indicator> {
    let facts: Vec<inspection::ProbeFact> = probes
        .iter()
        .map(|p| inspection::ProbeFact {
            on: beijing_date(p.probed_at),
            when: p.probed_at.with_timezone(&crate::domain::time::beijing()).format("%Y-%m-%d %H:%M").to_string(),
            reachable: p.reachable,
            millis: p.millis,
            why: p.error.clone(),
        })
        .collect();
    inspection::site_indicator(rules, &facts, at)
}

/// What the check after a withdrawal found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AfterWithdrawal {
    /// The withdrawn items' public pages checked (items without one have none).
    pub pages: usize,
    /// The pages that still answer without the withdrawal notice.
    pub still_public: Vec<LinkRow>,
    /// The pages that could not be judged: no answer, a 5xx, or refused by the settings.
    pub unsure: Vec<LinkRow>,
    /// Links of online items that lead to a withdrawn item's page, as the link checks last found
    /// them: links on the site still pointing to what was withdrawn.
    pub linked_from: Vec<LinkRow>,
}

/// After a withdrawal (the command line's `retract` and the console's withdrawal, through
/// `usecase::links`): the withdrawn items' public pages checked at once, with `settings`, a short
/// timeout and one retry, telling `progress` how many pages of how many it has fetched. Items
/// without a page: nothing is fetched or recorded.
pub async fn after_withdrawal(
    store: &dyn Store,
    site: &Site,
    items: &[i64],
    settings: &Settings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::result::Result<AfterWithdrawal, CheckFailure> {
    if items.is_empty() {
        return Ok(AfterWithdrawal::default());
    }
    let scope = LinkScope::Withdrawn { items: Some(items.to_vec()), since: None };
    let limits = Limits { timeout: std::time::Duration::from_secs(5), retries: 1, ..Limits::default() };
    let summary = check(store, site, &scope, limits, settings, progress).await?;
    if summary.links == 0 {
        return Ok(AfterWithdrawal::default());
    }
    let rows = store.link_results(site).await?;
    let pages: HashSet<&str> =
        rows.iter().filter(|r| items.contains(&r.item) && r.place == Place::Page).map(|r| r.url.as_str()).collect();
    let linked_from = rows
        .iter()
        .filter(|r| r.item_status == ItemStatus::Online && !items.contains(&r.item) && pages.contains(r.url.as_str()))
        .cloned()
        .collect();
    let withdrawn = |r: &&LinkRow| items.contains(&r.item) && r.item_status == ItemStatus::Withdrawn;
    let still_public = rows.iter().filter(withdrawn).filter(|r| r.verdict == Verdict::StillPublic).cloned().collect();
    let unsure = rows
        .iter()
        .filter(withdrawn)
        .filter(|r| matches!(r.verdict, Verdict::Unknown | Verdict::Refused))
        .cloned()
        .collect();
    Ok(AfterWithdrawal { pages: summary.links, still_public, unsure, linked_from })
}

/// Why a check did not finish.
#[derive(Debug, thiserror::Error)]
pub enum CheckFailure {
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Checker(String),
}

/// The current results that need attention: broken or refused links of online items.
pub async fn broken(store: &dyn Store, site: &Site) -> Result<Vec<LinkRow>> {
    Ok(store.link_results(site).await?.into_iter().filter(is_broken).collect())
}

/// Whether a link check's result is one `broken` lists: an online item's link broken or refused.
fn is_broken(row: &LinkRow) -> bool {
    row.item_status == ItemStatus::Online && matches!(row.verdict, Verdict::Broken | Verdict::Refused)
}

/// Withdrawn items whose public page still answers without the withdrawal notice, by item.
pub async fn still_public(store: &dyn Store, site: &Site) -> Result<Vec<LinkRow>> {
    Ok(store
        .link_results(site)
        .await?
        .into_iter()
        .filter(|r| r.item_status == ItemStatus::Withdrawn && r.verdict == Verdict::StillPublic)
        .collect())
}

/// The items `still_public` lists, for a flag beside them in other listings.
pub async fn still_public_items(store: &dyn Store, site: &Site) -> Result<HashSet<i64>> {
    Ok(still_public(store, site).await?.into_iter().map(|r| r.item).collect())
}

/// Flags the retraction requests whose item is withdrawn with its public page still public, given
/// `still_public_items`.
pub fn flag_requests(rows: &mut [crate::store::RetractionRequest], public: &HashSet<i64>) {
    for r in rows {
        r.still_public = public.contains(&r.item);
    }
}

/// Flags the withdrawals whose item's public page is still public (the withdrawn tab's rows).
pub async fn flag_withdrawals(store: &dyn Store, site: &Site, rows: &mut [crate::store::WithdrawalRow]) -> Result<()> {
    let public = still_public_items(store, site).await?;
    for r in rows {
        r.still_public = r.restored.is_none() && public.contains(&r.item);
    }
    Ok(())
}

/// Broken links of online items, per unit (a repost's under "转载"), for the bulletin.
pub fn per_unit(rows: &[LinkRow]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in rows.iter().filter(|r| r.verdict.is_broken()) {
        *out.entry(r.unit.clone().unwrap_or_else(|| "转载".to_string())).or_default() += 1;
    }
    out
}

/// The national check's link indicators (首页不可用链接, 其他页面不可用链接) from the link checks'
/// latest results (`Store::link_results`) by the end of `at` (Beijing date), when the rules give
/// their levels. The checks are of the live site: a day before any check counts nothing.
pub fn indicators_of(rules: &inspection::Rules, results: &[LinkRow], at: NaiveDate) -> Vec<inspection::Indicator> {
    let facts: Vec<inspection::BrokenLink> = results
        .iter()
        .filter(|r| is_broken(r) && r.verdict.is_broken() && beijing_date(r.checked_at) <= at)
        .map(|r| inspection::BrokenLink { url: r.url.clone(), item: r.item, columns: r.columns.clone() })
        .collect();
    inspection::link_indicators(rules, &facts)
}

/// What the bulletin says of the links: when they were last checked, and the broken ones per unit
/// then; `None` when they never were.
pub async fn for_bulletin(store: &dyn Store, site: &Site) -> Result<Option<(DateTime<Utc>, BTreeMap<String, usize>)>> {
    let rows = store.link_results(site).await?;
    let Some(last) = rows.iter().map(|r| r.checked_at).max() else { return Ok(None) };
    let online: Vec<LinkRow> = rows.into_iter().filter(|r| r.item_status == ItemStatus::Online).collect();
    Ok(Some((last, per_unit(&online))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_come_from_config_toml_and_the_flag() {
        use crate::domain::links::DEFAULT_NOTICES;
        use crate::usecase::settings::Settings as File;
        let none = settings(&File::default(), false);
        assert!(!none.allow_private);
        assert_eq!(none.notices.len(), DEFAULT_NOTICES.len());
        assert!(settings(&File::default(), true).allow_private, "--allow-private");
        assert_eq!(none, Settings::built_in());
        let text = "[links]\nallow_private = true\nwithdrawal_notice = [\"本信息已撤销\"]\nhome_page = \" \
            https://www.glxsq.gov.cn/ \"\n";
        let own = settings(&File::from_text("config.toml", text).unwrap(), false);
        let home_page = Some("https://www.glxsq.gov.cn/".to_string());
        assert_eq!(own, Settings { allow_private: true, notices: vec!["本信息已撤销".into()], home_page });
    }

    #[test]
    fn broken_links_are_counted_per_unit() {
        let row = |unit: Option<&str>, verdict: Verdict| LinkRow {
            item: 1,
            title: "t".into(),
            unit: unit.map(str::to_string),
            item_status: ItemStatus::Online,
            place: Place::Body,
            url: "https://a.cn/".into(),
            status: Some(404),
            error: None,
            verdict,
            checked_at: Utc::now(),
            columns: vec![],
        };
        let rows = [
            row(Some("民政局"), Verdict::Broken),
            row(Some("民政局"), Verdict::Broken),
            row(None, Verdict::Broken),
            row(Some("统计局"), Verdict::Refused),
        ];
        let counted = per_unit(&rows);
        assert_eq!(counted.into_iter().collect::<Vec<_>>(), vec![("民政局".to_string(), 2), ("转载".to_string(), 1)]);
    }
}
