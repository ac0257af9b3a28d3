//! What the in-program benchmarks share: their arguments, the backend's name, a summary of
//! timings, and the PostgreSQL settings their SQL is run with beside them.

// Each benchmark is its own crate and uses a part of this.
#![allow(dead_code)]

use std::sync::Arc;

use portal_admin::store::{self, OpenOptions, POSTGRES_SESSION, Site, Store, Target};

pub mod console;

/// Prints `session OPTIONS`: the settings of the store's PostgreSQL connections
/// (`store::POSTGRES_SESSION`) as `PGOPTIONS` gives them to psql, for the scripts to run the same
/// SQL in psql as the store runs it (plans for the values, no parallel workers, no JIT, its
/// `work_mem`).
pub fn print_session() {
    let options: Vec<String> = POSTGRES_SESSION.iter().map(|(name, value)| format!("-c {name}={value}")).collect();
    println!("session {}", options.join(" "));
}

/// The arguments given after `--` (cargo bench adds `--bench`; everything else is ours), or the
/// usage and exit 2 if they do not match `usage`'s number of fixed arguments.
pub fn args<const N: usize>(usage: &str) -> ([String; N], Vec<String>) {
    let mut args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if args.len() < N + 1 {
        eprintln!("usage: {usage}");
        std::process::exit(2);
    }
    let rest = args.split_off(N);
    (args.try_into().unwrap_or_else(|_| unreachable!()), rest)
}

/// "SQLite" or "PostgreSQL".
pub fn backend(target: &Target) -> &'static str {
    if matches!(target, Target::Sqlite { .. }) { "SQLite" } else { "PostgreSQL" }
}

/// Timings in ms, summarised.
pub struct Stats {
    pub fastest: f64,
    pub median: f64,
    pub mean: f64,
    pub max: f64,
}

pub fn stats(mut times: Vec<f64>) -> Stats {
    times.sort_by(f64::total_cmp);
    Stats {
        fastest: times[0],
        median: times[times.len() / 2],
        mean: times.iter().sum::<f64>() / times.len() as f64,
        max: times[times.len() - 1],
    }
}

/// Opens the database a URL names, and its site: (backend's name, store, site). `URL#CODE` names
/// the site of a database of many (the only one otherwise).
pub async fn open(url: &str) -> (&'static str, Arc<dyn Store>, Site) {
    let (url, code) = site_of(url);
    let target = Target::parse(url).expect("a database URL");
    let store = store::open(&target, OpenOptions::default()).await.expect("open the database");
    let site = store.site(code).await.expect("a site");
    (backend(&target), store, site)
}

/// `URL#CODE` split into the URL and the site's code (none without `#`).
pub fn site_of(url: &str) -> (&str, Option<&str>) {
    match url.rsplit_once('#') {
        Some((url, code)) => (url, Some(code)),
        None => (url, None),
    }
}

/// A statement with its values written in (`$N` replaced by `values[N - 1]`, already quoted), as
/// it is typed into sqlite3 or psql.
pub fn inline(sql: &str, values: &[String]) -> String {
    let mut out = sql.to_string();
    // $10 before $1.
    for (i, value) in values.iter().enumerate().rev() {
        out = out.replace(&format!("${}", i + 1), value);
    }
    out
}
