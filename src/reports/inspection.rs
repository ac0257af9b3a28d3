//! The national check's single-veto indicators that depend on content (`domain::inspection`),
//! evaluated from the database as of a day, with the rules shipped for the built-in column table or
//! an administrator's own.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{StaleRow, calendar, stale};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::deadline::{DeadlineRule, Period as Unit};
use crate::domain::inspection::{ColumnFacts, Indicator, InquiryFacts, Rules, evaluate};
use crate::domain::staleness::{document_due, due_is_provisional};
use crate::domain::time::{beijing_date, beijing_midnight};
use crate::store::{InquiryRow, LinkRow, ProbeRow, Result, Site, Store, StoreError};

/// The rules shipped for the built-in Xiangshan 2023 column table.
pub const BUILT_IN: &str = include_str!("../../data/inspection/xiangshan-2023.toml");

/// The rules' text and where it came from: `file`, else the user's `inspection.toml`, else the
/// built-in rules.
pub fn rules_source(file: Option<&Path>) -> std::result::Result<(String, String), String> {
    let own = crate::places::setting("inspection.toml");
    match file.map(Path::to_path_buf).or_else(|| own.filter(|p| p.exists())) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok((text, path.display().to_string()))
        }
        None => Ok((BUILT_IN.to_string(), "the built-in inspection rules".into())),
    }
}

/// The rules in effect (see `rules_source`), checked against the site's column table.
pub async fn load_rules(store: &dyn Store, site: &Site, file: Option<&Path>) -> Result<Rules> {
    let (text, source) = rules_source(file).map_err(StoreError::Refused)?;
    rules(store, site, &text, &source).await
}

/// Reads the rules (`text`, from `source` for messages) against the site's column table.
pub async fn rules(store: &dyn Store, site: &Site, text: &str, source: &str) -> Result<Rules> {
    let columns = store.columns(site).await?;
    let paths: Vec<&str> = columns.iter().map(|c| c.path.as_str()).collect();
    Rules::parse(text, &paths).map_err(|e| StoreError::Refused(format!("{source}: {e}")))
}

/// The indicators as of the end of `at` (Beijing time).
pub async fn inspect(store: &dyn Store, site: &Site, rules: &Rules, at: NaiveDate) -> Result<Vec<Indicator>> {
    let rows = stale(store, site, at).await?;
    let inquiries = store.inquiries(site).await?;
    let working = if inquiries.is_empty() { WorkingCalendar::default() } else { calendar(store).await? };
    let links = if reads_links(rules) { store.link_results(site).await? } else { Vec::new() };
    let probes = match probe_window(rules, at) {
        Some((since, until)) => store.probes(site, since, until).await?,
        None => Vec::new(),
    };
    Ok(inspect_of(rules, &rows, inquiries, &working, &links, &probes, at))
}

/// Whether the rules' indicators read the link checks' results.
pub fn reads_links(rules: &Rules) -> bool {
    rules.home_links.is_some() || rules.other_links.is_some()
}

/// The home page's probes `[since, until)` the rules read as of `at` (the rules' week up to the
/// day); `None` when they read none.
pub fn probe_window(rules: &Rules, at: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let rule = rules.site_unreachable?;
    let since = beijing_midnight(at - Duration::days(i64::from(rule.days.max(1)) - 1));
    Some((since, beijing_midnight(at + Duration::days(1))))
}

/// The indicators as of the end of `at` from what they read: the columns' staleness, the
/// inquiries (dated by `working`), the link checks' latest results and the home page's probes of
/// `probe_window`. `inspect`'s, and each site's in the overview.
pub fn inspect_of(
    rules: &Rules,
    rows: &[StaleRow],
    recorded: Vec<InquiryRow>,
    working: &WorkingCalendar,
    links: &[LinkRow],
    probes: &[ProbeRow],
    at: NaiveDate,
) -> Vec<Indicator> {
    let parents: std::collections::HashSet<i64> = rows.iter().filter_map(|r| r.column.parent_id).collect();
    let columns: Vec<ColumnFacts> = rows
        .iter()
        .map(|r| ColumnFacts {
            id: r.column.id,
            path: r.column.path.clone(),
            rule: r.column.rule,
            leaf: !parents.contains(&r.column.id),
            last_update: r.last_update.map(beijing_date),
            status: r.staleness.status,
            provisional: r.provisional,
        })
        .collect();
    let end = beijing_midnight(at + Duration::days(1));
    let reply = DeadlineRule::WithinOfEvent { amount: rules.inquiries.reply_working_days, period: Unit::WorkingDay };
    let inquiries: Vec<InquiryFacts> = recorded
        .into_iter()
        .filter(|q| q.asked_at < end)
        .map(|q| {
            let asked_on = beijing_date(q.asked_at);
            let due = document_due(reply, asked_on, working).unwrap_or(asked_on);
            InquiryFacts {
                due,
                provisional: due_is_provisional(reply, asked_on, due, working),
                subject: q.subject,
                asked_on,
                valid: q.valid,
                answered_on: q.answered_at.filter(|a| *a < end).map(beijing_date),
            }
        })
        .collect();
    let mut indicators = evaluate(rules, &columns, &inquiries, at);
    // The links as last checked (the check is of the live site: there is no "as of" for it).
    if reads_links(rules) {
        indicators.extend(super::links::indicators_of(rules, links, at));
    }
    // The home page's probes over the rules' week up to the day (站点无法访问).
    indicators.extend(super::links::site_indicator_of(rules, probes, at));
    indicators
}
