//! A provincial platform's sites: adding one, and how each is doing (`sites`, the console's
//! overview), worst first.

use chrono::{DateTime, Utc};

use crate::domain::assessment::Period;
use crate::domain::inspection::Level;
use crate::domain::item::RequestStatus;
use crate::domain::review::alarming;
use crate::domain::sites::{Figures, Sort, compare};
use crate::domain::staleness::Status;
use crate::domain::time::beijing_date;
use crate::reports::{self, inspection};
use crate::store::{InitReport, Result, Site, SiteSetup, Store, StoreError};

/// A site and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub site: Site,
    pub figures: Figures,
}

/// Adds a site with its column table and units, the operator its first administrator (audited).
pub async fn add(store: &dyn Store, setup: &SiteSetup) -> Result<InitReport> {
    store.add_site(setup).await
}

/// Every site of the database, in the order they were added.
pub async fn list(store: &dyn Store) -> Result<Vec<Site>> {
    store.sites().await
}

/// How a site is doing at `now`: its columns' staleness and the national check as of today
/// (Beijing), its queue, its pending retraction requests, and this quarter's scores.
pub async fn figures(store: &dyn Store, site: &Site, now: DateTime<Utc>) -> Result<Figures> {
    let today = beijing_date(now);
    let check = async {
        // Rules that do not fit the site's column table (a site added with its own) leave the
        // check unknown, not the whole summary failed.
        match inspection::load_rules(store, site, None).await {
            Ok(rules) => inspection::inspect(store, site, &rules, today).await.map(Some),
            Err(StoreError::Refused(_)) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let (stale, check, queue, requests, scores) = tokio::try_join!(
        reports::stale(store, site, today),
        check,
        store.queue(site, None, None, None),
        store.retraction_requests(site, Some(RequestStatus::Pending)),
        reports::scores(store, site, Period::quarter_of(today)),
    )?;
    let count_level = |level: Level| check.iter().flatten().filter(|i| i.level == level).count();
    let worst = check.as_ref().map(|indicators| {
        indicators.iter().map(|i| i.level).max_by_key(|l| match l {
            Level::Pass => 0,
            Level::Warn => 1,
            Level::Fail => 2,
        })
    });
    Ok(Figures {
        overdue: stale.iter().filter(|r| r.staleness.status == Status::Overdue).count(),
        blank: stale.iter().filter(|r| r.staleness.status == Status::Empty).count(),
        check: worst.map(|w| w.unwrap_or(Level::Pass)),
        check_failing: count_level(Level::Fail),
        check_warning: count_level(Level::Warn),
        oldest_waiting: queue.iter().map(|q| q.waiting_since()).min(),
        alarms: requests.iter().filter(|r| alarming(r.reason, (now - r.requested_at).num_minutes())).count(),
        points: scores.iter().map(|s| s.points).sum(),
        incidents: scores.iter().map(|s| s.incidents).sum(),
    })
}

/// The site with this code (`:site CODE`): an unknown code is refused with the known ones.
pub async fn find(store: &dyn Store, code: &str) -> Result<Site> {
    store.site(Some(code)).await
}

/// Every site with its figures, sorted worst first by `sort`.
pub async fn summaries(store: &dyn Store, now: DateTime<Utc>, sort: Sort) -> Result<Vec<Summary>> {
    let sites = store.sites().await?;
    let mut out = Vec::with_capacity(sites.len());
    for site in sites {
        let figures = figures(store, &site, now).await?;
        out.push(Summary { site, figures });
    }
    sort_summaries(&mut out, sort);
    Ok(out)
}

/// Sorts summaries worst first by `sort` (the console re-sorts what it has without reading again).
pub fn sort_summaries(summaries: &mut [Summary], sort: Sort) {
    summaries.sort_by(|a, b| compare((&a.site.code, &a.figures), (&b.site.code, &b.figures), sort));
}
