//! Issue 26: `audit verify` walks a trail of 1,000,000 records in under 10 s. Fills the site's
//! chain of an initialised database up to RECORDS records (chained as the store chains them, each
//! with a detail of the size a withdrawal writes), then times the walk the command runs
//! (`usecase::audit::verify`) three times.
//!
//! cargo bench --bench audit_verify -- URL RECORDS   (benches/audit.sh runs it on both databases)

mod common;

use std::time::Instant;

use chrono::{DateTime, Utc};
use portal_admin::domain::audit_chain::{Content, link};
use portal_admin::store::Chain;
use portal_admin::usecase::audit::{Verdict, verify};
use sqlx::{Connection, Executor};

const BATCH: usize = 1_000;

enum Raw {
    Postgres(sqlx::PgConnection),
    Sqlite(sqlx::SqliteConnection),
}

/// Appends `count` chained records to the site's chain, as the store writes them, through a
/// connection of its own: on PostgreSQL with the triggers off for this session
/// (session_replication_role: a superuser's), so the records keep the times they were chained with.
async fn fill(url: &str, site: i64, mut previous: Option<String>, count: usize) {
    let start = Utc::now() - chrono::Duration::days(400);
    let detail = concat!(
        r#"{"reason":"outdated","note":"超过时效，按规定撤回","#,
        r#""before":{"stage":"done","status":"online"},"after":{"stage":"done","status":"withdrawn"}}"#
    );
    let mut conn = if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
        c.execute("SET session_replication_role = replica").await.expect("a superuser's session");
        Raw::Postgres(c)
    } else {
        Raw::Sqlite(sqlx::SqliteConnection::connect(url).await.expect("connect"))
    };
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let mut sql =
            String::from("INSERT INTO audit_log (site_id, at, operator, action, target, detail, hash) VALUES ");
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let k = done + i;
            let at: DateTime<Utc> = start + chrono::Duration::milliseconds(k as i64 * 30);
            let target = format!("item:{}", k + 1);
            let content =
                Content { site: Some(site), at, operator: "bench", action: "retract", target: &target, detail };
            let hash = link(&content, previous.as_deref());
            rows.push(format!(
                "({site}, '{}', 'bench', 'retract', '{target}', '{detail}', '{hash}')",
                at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            ));
            previous = Some(hash);
        }
        sql.push_str(&rows.join(", "));
        match &mut conn {
            Raw::Postgres(c) => c.execute(sql.as_str()).await.map(drop),
            Raw::Sqlite(c) => c.execute(sql.as_str()).await.map(drop),
        }
        .expect("insert");
        done += n;
        if done % 100_000 == 0 {
            eprintln!("  {done} of {count} records added");
        }
    }
    // The planner's statistics as autovacuum (PostgreSQL) or `optimize` (SQLite) would leave them
    // after a bulk load: without them PostgreSQL sorts the rest of the chain for every page.
    match &mut conn {
        Raw::Postgres(c) => c.execute("ANALYZE audit_log").await.map(drop),
        Raw::Sqlite(c) => c.execute("ANALYZE audit_log").await.map(drop),
    }
    .expect("analyze");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ([url], rest) = common::args::<1>("audit_verify URL RECORDS");
    let records: i64 = rest.first().and_then(|r| r.parse().ok()).expect("RECORDS: a number");
    let (backend, store, site) = common::open(&url).await;
    let have = store.chain_length(Chain::Site(site.id)).await.expect("the chain's length");
    if have < records {
        let head = store.chain_head(Chain::Site(site.id)).await.expect("the head").and_then(|h| h.hash);
        eprintln!("adding {} audit records …", records - have);
        fill(common::site_of(&url).0, site.id, head, (records - have) as usize).await;
    }
    let mut times = Vec::new();
    let mut walked = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let verdict = verify(store.as_ref(), &site, None, &mut |_, _| {}).await.expect("verify");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        match verdict {
            Verdict::Intact { records, .. } => walked = records,
            other => panic!("the trail does not verify: {other:?}"),
        }
    }
    let s = common::stats(times);
    println!(
        "{backend}: audit verify of {walked} records: median {:.2} s (fastest {:.2} s, slowest {:.2} s); \
         target < 10 s: {}",
        s.median / 1000.0,
        s.fastest / 1000.0,
        s.max / 1000.0,
        if s.median < 10_000.0 { "pass" } else { "FAIL" }
    );
}
