//! A provincial platform's sites: adding one, and how each is doing (`sites`, the console's
//! overview), worst first.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::domain::assessment::Period;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::inspection::{Indicator, Level, Rules};
use crate::domain::review::alarming;
use crate::domain::sites::{Figures, Sort, compare};
use crate::domain::staleness::Status;
use crate::domain::time::{beijing_date, beijing_midnight};
use crate::reports::{self, ScoreRow, StaleRow, inspection};
use crate::store::{InitReport, OverviewAt, QueueItem, Result, RetractionRequest, Site, SiteInputs, SiteSetup, Store};

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

/// When the longest-waiting item of a queue began to wait (the overview's figure of the queue).
pub fn oldest_waiting(queue: &[QueueItem]) -> Option<DateTime<Utc>> {
    queue.iter().map(|q| q.waiting_since()).min()
}

/// What the reports say of a site at `now`, made its figures: its columns' staleness, the national
/// check as of today (`None`: its rules do not fit the site's column table), when its queue's
/// oldest item began to wait (`oldest_waiting`), its pending retraction requests and this
/// quarter's scores.
pub fn figures_of(
    stale: &[StaleRow],
    check: Option<&[Indicator]>,
    oldest_waiting: Option<DateTime<Utc>>,
    pending_requests: &[RetractionRequest],
    scores: &[ScoreRow],
    now: DateTime<Utc>,
) -> Figures {
    let count_level = |level: Level| check.iter().copied().flatten().filter(|i| i.level == level).count();
    let worst = check.map(|indicators| {
        indicators.iter().map(|i| i.level).max_by_key(|l| match l {
            Level::Pass => 0,
            Level::Warn => 1,
            Level::Fail => 2,
        })
    });
    Figures {
        overdue: stale.iter().filter(|r| r.staleness.status == Status::Overdue).count(),
        blank: stale.iter().filter(|r| r.staleness.status == Status::Empty).count(),
        check: worst.map(|w| w.unwrap_or(Level::Pass)),
        check_failing: count_level(Level::Fail),
        check_warning: count_level(Level::Warn),
        oldest_waiting,
        alarms: pending_requests.iter().filter(|r| alarming(r.reason, (now - r.requested_at).num_minutes())).count(),
        points: scores.iter().map(|s| s.points).sum(),
        incidents: scores.iter().map(|s| s.incidents).sum(),
    }
}

/// A site's figures from what the overview read of it (`Store::overview_inputs`): its reports'
/// own computations (`reports::staleness_of`, `inspection::inspect_of`, `reports::ranked`), with
/// `rules` the national check's text.
fn figures_from(inputs: SiteInputs, rules: Option<&str>, calendar: &WorkingCalendar, now: DateTime<Utc>) -> Figures {
    let today = beijing_date(now);
    let stale = reports::staleness_of(inputs.staleness, calendar, today);
    let paths: Vec<&str> = stale.iter().map(|r| r.column.path.as_str()).collect();
    // Rules that do not fit the site's column table (a site added with its own) leave the check
    // unknown, not the whole summary failed.
    let check = rules.and_then(|text| Rules::parse(text, &paths).ok()).map(|rules| {
        inspection::inspect_of(&rules, &stale, inputs.inquiries, calendar, &inputs.links, &inputs.probes, today)
    });
    let scores = reports::ranked(inputs.tallies, &HashMap::new());
    figures_of(&stale, check.as_deref(), inputs.oldest_waiting, &inputs.pending_requests, &scores, now)
}

/// The site with this code (`:site CODE`): an unknown code is refused with the known ones.
pub async fn find(store: &dyn Store, code: &str) -> Result<Site> {
    open(store, Some(code)).await
}

/// The site a command works on: the one with this code, else the database's only site (refused,
/// naming them, when it has several; `StoreError::NotFound` when it has none).
pub async fn open(store: &dyn Store, code: Option<&str>) -> Result<Site> {
    store.site(code).await
}

/// The site the console opens on when none is chosen on a database of several: the first its
/// operator works in (a supervisor's, the first site), and whether they work in several (then it
/// opens on the overview). `None` when they work in none.
pub async fn first_held(store: &dyn Store) -> Result<Option<(Site, bool)>> {
    let (site, held) = tokio::try_join!(store.first_site_held(), store.sites_held())?;
    Ok(site.map(|site| (site, held > 1)))
}

/// Every site with its figures, sorted worst first by `sort`: every site's inputs read at once
/// (`Store::overview_inputs`), each site's figures computed by its own reports' rules.
pub async fn summaries(store: &dyn Store, now: DateTime<Utc>, sort: Sort) -> Result<Vec<Summary>> {
    // The rules' text, read once; a site whose columns it does not fit has no check (as one whose
    // file cannot be read).
    let rules = inspection::rules_source(None).ok().map(|(text, _)| text);
    let today = beijing_date(now);
    // The probes' window is the rules' own, the same for every site (it names no column).
    let probes = rules
        .as_deref()
        .and_then(|text| toml::from_str::<Rules>(text).ok())
        .and_then(|r| inspection::probe_window(&r, today));
    let at = OverviewAt {
        issued_until: today,
        before: beijing_midnight(today + Duration::days(1)),
        tallies: {
            let quarter = Period::quarter_of(today);
            (quarter.first_day(), quarter.end_day())
        },
        probes,
    };
    let (inputs, calendar) = tokio::try_join!(store.overview_inputs(&at), reports::calendar(store))?;
    let mut out: Vec<Summary> = inputs
        .into_iter()
        .map(|inputs| Summary {
            site: inputs.site.clone(),
            figures: figures_from(inputs, rules.as_deref(), &calendar, now),
        })
        .collect();
    sort_summaries(&mut out, sort);
    Ok(out)
}

/// Sorts summaries worst first by `sort` (the console re-sorts what it has without reading again).
pub fn sort_summaries(summaries: &mut [Summary], sort: Sort) {
    summaries.sort_by(|a, b| compare((&a.site.code, &a.figures), (&b.site.code, &b.figures), sort));
}
