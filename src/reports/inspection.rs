//! The national check's single-veto indicators that depend on content (`domain::inspection`),
//! evaluated from the database as of a day, with the rules shipped for the built-in column table or
//! an administrator's own.

use std::path::Path;

use chrono::{Duration, NaiveDate};

use super::{calendar, stale};
use crate::domain::deadline::{DeadlineRule, Period as Unit};
use crate::domain::inspection::{ColumnFacts, Indicator, InquiryFacts, Rules, evaluate};
use crate::domain::staleness::{document_due, due_is_provisional};
use crate::domain::time::{beijing_date, beijing_midnight};
use crate::store::{Result, Site, Store, StoreError};

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
    let recorded = store.inquiries(site).await?;
    let mut inquiries = Vec::new();
    if !recorded.is_empty() {
        let working = calendar(store).await?;
        let reply =
            DeadlineRule::WithinOfEvent { amount: rules.inquiries.reply_working_days, period: Unit::WorkingDay };
        for q in recorded.into_iter().filter(|q| q.asked_at < end) {
            let asked_on = beijing_date(q.asked_at);
            let due = document_due(reply, asked_on, &working).unwrap_or(asked_on);
            inquiries.push(InquiryFacts {
                due,
                provisional: due_is_provisional(reply, asked_on, due, &working),
                subject: q.subject,
                asked_on,
                valid: q.valid,
                answered_on: q.answered_at.filter(|a| *a < end).map(beijing_date),
            });
        }
    }
    let mut indicators = evaluate(rules, &columns, &inquiries, at);
    // The links as last checked (the check is of the live site: there is no "as of" for it).
    indicators.extend(super::links::indicators(store, site, rules, at).await?);
    // The home page's probes over the rules' week up to the day (站点无法访问).
    indicators.extend(super::links::site_indicator(store, site, rules, at).await?);
    Ok(indicators)
}
