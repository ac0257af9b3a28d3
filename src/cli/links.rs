//! `links`: check items' public pages and the links in them, and withdrawn items' pages.

use std::time::Duration;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::codes::Code;
use super::output::{Format, Listing, tell};
use super::{Cli, Failure, session};
use crate::domain::time::{beijing_midnight, format_time};
use crate::links::Limits;
use crate::store::{LinkRow, LinkScope};
use crate::t;
use crate::usecase::links::{self, CheckFailure};

#[derive(Debug, clap::Args)]
pub struct LinksArgs {
    /// The items' ids or refs
    pub items: Vec<String>,
    /// Every online item
    #[arg(long, conflicts_with = "items")]
    pub all: bool,
    /// Withdrawn items (those given, or all): is each one's public page gone? Lists those still public
    #[arg(long, conflicts_with = "all")]
    pub withdrawn: bool,
    /// Only items that went online (with --withdrawn: were withdrawn) on or after this day
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub since: Option<NaiveDate>,
    /// Requests at once (at most 8 to one host)
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
    /// Seconds one try of a link may take, its redirects included (a timeout is tried twice more; default 10,
    /// with --probe the inspection rules' 15)
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u16).range(1..=300))]
    pub timeout: Option<u16>,
    /// Check loopback and private addresses too (also `[links] allow_private = true` in config.toml)
    #[arg(long)]
    pub allow_private: bool,
    /// Probe the site's home page once and record it (URL, or `[links] home_page` in config.toml)
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "",
          conflicts_with_all = ["items", "all", "withdrawn", "since"])]
    pub probe: Option<String>,
}

pub async fn run(cli: &Cli, args: &LinksArgs) -> Result<(), Failure> {
    if let Some(url) = &args.probe {
        return probe(cli, args, url).await;
    }
    if args.items.is_empty() && !args.all && !args.withdrawn && args.since.is_none() {
        return Err(Failure::usage(t!("links-which-items")));
    }
    if cli.read_only {
        // It records what it finds: refused before anything is fetched.
        return Err(Failure::failed(t!("links-read-only")));
    }
    let settings = links::settings(super::settings()?, args.allow_private);
    let s = session(cli).await?;
    let mut ids = Vec::new();
    for key in &args.items {
        ids.push(crate::usecase::queue::find(s.store.as_ref(), &s.site, key).await?);
    }
    let items = (!ids.is_empty()).then(|| ids.clone());
    let since = args.since.map(beijing_midnight);
    let scope = if args.withdrawn { LinkScope::Withdrawn { items, since } } else { LinkScope::Online { items, since } };
    let limits = Limits {
        concurrency: usize::from(args.concurrency),
        timeout: Duration::from_secs(args.timeout.map_or(10, u64::from)),
        ..Limits::default()
    };
    let bar = super::progress::bar(Some(0), &t!("links-progress"), cli.format);
    let summary = links::check(s.store.as_ref(), &s.site, &scope, limits, &settings, &counted(&bar)).await;
    bar.finish_and_clear();
    let summary = summary.map_err(|e| match e {
        CheckFailure::Store(e) => Failure::from(e),
        CheckFailure::Checker(e) => Failure::failed(e),
    })?;
    for id in ids.iter().filter(|id| !summary.checked.contains(id)) {
        let why =
            if args.withdrawn { t!("links-not-withdrawn", item = *id) } else { t!("links-not-online", item = *id) };
        tell(&t!("failure", message = why));
    }
    // The results of the items this run read, not of every item ever checked.
    let checked: std::collections::HashSet<i64> = summary.checked.iter().copied().collect();
    let rows: Vec<LinkRow> = if args.withdrawn {
        links::still_public(s.store.as_ref(), &s.site).await?
    } else {
        links::broken(s.store.as_ref(), &s.site).await?
    };
    let rows: Vec<LinkRow> = rows.into_iter().filter(|r| checked.contains(&r.item)).collect();
    let mut listing =
        Listing::new(&["item", "url", "where", "status", "error", "checked_at"]).code("where", Code::Place);
    for r in &rows {
        listing.push(vec![
            json!(r.item),
            json!(r.url),
            json!(r.place.as_str()),
            r.status.map_or(Value::Null, Value::from),
            r.error.clone().map_or(Value::Null, Value::from),
            json!(format_time(r.checked_at, cli.utc)),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    let what = if args.withdrawn {
        t!("links-still-public", count = summary.still_public)
    } else {
        t!("links-broken", broken = summary.broken, refused = summary.refused)
    };
    tell(&t!("links-checked", links = summary.links, items = summary.items, fetched = summary.fetched, what = what));
    Ok(())
}

/// `links --probe`: the home page visited once, recorded, and listed (`url, status, error, millis,
/// reachable, probed_at`). The visit waits the seconds of the inspection rules' 站点无法访问 (15),
/// or `--timeout`.
async fn probe(cli: &Cli, args: &LinksArgs, url: &str) -> Result<(), Failure> {
    if cli.read_only {
        return Err(Failure::failed(t!("links-read-only")));
    }
    let settings = links::settings(super::settings()?, args.allow_private);
    let url = match (url.trim(), &settings.home_page) {
        ("", Some(home)) => home.clone(),
        ("", None) => return Err(Failure::usage(t!("probe-which-page"))),
        (given, _) => given.to_string(),
    };
    let s = session(cli).await?;
    let seconds = match args.timeout {
        Some(t) => u64::from(t),
        None => crate::usecase::findings::rules(s.store.as_ref(), &s.site)
            .await?
            .site_unreachable
            .map_or(links::PROBE_SECONDS, |r| u64::from(r.seconds)),
    };
    let (found, at) = links::probe(s.store.as_ref(), &s.site, &url, Duration::from_secs(seconds), &settings)
        .await
        .map_err(|e| match e {
            CheckFailure::Store(e) => Failure::from(e),
            CheckFailure::Checker(e) => Failure::failed(e),
        })?;
    let mut listing =
        Listing::new(&["url", "status", "error", "millis", "reachable", "probed_at"]).code("reachable", Code::YesNo);
    listing.push(vec![
        json!(found.url),
        found.status.map_or(Value::Null, Value::from),
        found.error.clone().map_or(Value::Null, Value::from),
        json!(found.millis),
        json!(found.reachable),
        json!(format_time(at, cli.utc)),
    ]);
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

/// After a withdrawal: the withdrawn items' public pages, checked at once (those that have one),
/// by the use case the console's withdrawal runs too. A page still public is said, and so is every
/// online item still linking to a withdrawn page; a check that cannot run is a warning, never a
/// failed withdrawal.
pub async fn after_withdrawal(s: &super::Session, items: &[i64], format: Option<Format>) {
    let checked = match super::settings() {
        Ok(file) => {
            let bar = super::progress::bar(Some(0), &t!("pages-progress"), format);
            let settings = links::settings(file, false);
            let found = links::after_withdrawal(s.store.as_ref(), &s.site, items, &settings, &counted(&bar))
                .await
                .map_err(|e| e.to_string());
            bar.finish_and_clear();
            found
        }
        Err(e) => Err(e.message),
    };
    match checked {
        Ok(found) => {
            for r in found.still_public {
                super::output::say(&t!("links-page-still-public", item = r.item, url = r.url.as_str()));
            }
            for r in found.linked_from {
                let (item, place, url) = (r.item, crate::ui::words::link_place(r.place), r.url.as_str());
                super::output::say(&t!("links-still-linked", item = item, place = place, url = url));
            }
        }
        Err(e) => tell(&t!("warning", message = t!("links-not-checked", error = e))),
    }
}

/// A check's progress (done, of) on a bar.
fn counted(bar: &indicatif::ProgressBar) -> impl Fn(usize, usize) + Sync + '_ {
    move |done, of| {
        bar.set_length(of as u64);
        bar.set_position(done as u64);
    }
}
