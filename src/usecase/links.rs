//! The live site, as the console and the command line both see it: the broken links the link
//! checks last found (the Findings tab, `links`), the check that follows a withdrawal (the
//! console's and `retract`'s), and the probes of the site's home page that feed 站点无法访问.

use crate::reports::links::{self, CheckFailure, Settings};
use chrono::{DateTime, Utc};

use crate::store::{LinkRow, NewProbe, Result, Site, Store};

pub use crate::reports::links::AfterWithdrawal;

/// The broken (and refused) links of online items, as the link checks last found them, by item.
pub async fn broken(store: &dyn Store, site: &Site) -> Result<Vec<LinkRow>> {
    links::broken(store, site).await
}

/// After a withdrawal: the withdrawn items' public pages checked at once with `settings`, and
/// what still points at them — a page still public, and online items whose links lead to a
/// withdrawn item's page. Items without a page: nothing is fetched or recorded. `progress` hears
/// how many pages of how many have been fetched, as they are.
pub async fn after_withdrawal(
    store: &dyn Store,
    site: &Site,
    items: &[i64],
    settings: &Settings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::result::Result<AfterWithdrawal, CheckFailure> {
    links::after_withdrawal(store, site, items, settings, progress).await
}

/// Probes the site's home page once and records what it answered (`links --probe`, by cron).
pub async fn probe(
    store: &dyn Store,
    site: &Site,
    url: &str,
    timeout: std::time::Duration,
    settings: &Settings,
) -> std::result::Result<(NewProbe, DateTime<Utc>), CheckFailure> {
    links::probe(store, site, url, timeout, settings).await
}
