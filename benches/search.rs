//! Times a search's first page (issue 21) inside one running program, as `search` and the
//! console's `:find` run it (the store opened once, the use case called again and again): two to
//! four Chinese characters over one site's titles and bodies, in many items and in few. Run by
//! `benches/search.sh`, which runs the same SQL in sqlite3/psql beside it.
//!
//!   cargo bench --bench search -- RUNS URL…
//!
//! Prints first `session OPTIONS`, the store's PostgreSQL settings for psql
//! (`common::print_session`). Then, per database and text, `search backend text found median_ms
//! mean_ms max_ms` (found: the items on the first page, at most 50), then `sql backend text
//! STATEMENTS`: every statement the page runs, as the store runs it (`store::search_first_page`),
//! with its values written in. Then,
//! per database and filter, `filter backend text typed found median_ms mean_ms max_ms`: the Find
//! tab's first page of `:find TEXT` with `/TYPED` over it (`usecase::search::found`, as the tab
//! loads it), Latin letters being read as pinyin initials too (the titles' initials stored when each
//! is written, item_initials).

use std::time::Instant;

use portal_admin::domain::search::Needle;
use portal_admin::store::schema::Dialect;
use portal_admin::store::{SEARCH_BROAD, Seek, TextSearch, search_first_page};
use portal_admin::usecase::search;
use sqlx::Connection;

mod common;

/// Two to four characters: in most of the demo's items (政府, 象山区), in some (人民政府), in few
/// (抗旱, 防汛抗旱, 乡村振兴).
const TEXTS: [&str; 6] = ["政府", "抗旱", "象山区", "人民政府", "防汛抗旱", "乡村振兴"];

/// `:find` a text in most items, then `/` over it: Latin letters (pinyin initials: gz 工作, and
/// every reading of each character), Chinese.
const FILTERS: [(&str, &str); 3] = [("政府", "gz"), ("政府", "xsq"), ("政府", "工作")];

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench search -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    common::print_session();
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let dialect = if backend == "SQLite" { Dialect::Sqlite } else { Dialect::Postgres };
        for text in TEXTS {
            let needle = Needle::new(text).expect("two characters or more");
            let asked = TextSearch {
                needle: needle.clone(),
                status: None,
                column: None,
                unit: None,
                since: None,
                within: None,
            };
            let mut times = Vec::new();
            let mut found = 0;
            for run in 0..=runs {
                let start = Instant::now();
                let page = search::page(store.as_ref(), &site, &asked, Seek::First, 50).await.expect("a search");
                if run > 0 {
                    // The first run warms the connection and its statement cache.
                    times.push(start.elapsed().as_secs_f64() * 1000.0);
                }
                found = page.len();
            }
            let common::Stats { median, mean, max, .. } = common::stats(times);
            println!("search {backend} {text} {found} {median:.1} {mean:.1} {max:.1}");
            let holding = if dialect == Dialect::Sqlite && needle.chars() >= 3 { holding(&url, text).await } else { 0 };
            let sql = search_first_page(dialect, site.id, &needle, holding).join(" ");
            println!("sql {backend} {text} {sql}");
        }
        for (text, typed) in FILTERS {
            let mut times = Vec::new();
            let mut found = 0;
            for run in 0..=runs {
                let start = Instant::now();
                let page = search::found(store.as_ref(), &site, text, Some(typed), Seek::First, 50)
                    .await
                    .expect("a filtered search");
                if run > 0 {
                    times.push(start.elapsed().as_secs_f64() * 1000.0);
                }
                found = page.len();
            }
            let common::Stats { median, mean, max, .. } = common::stats(times);
            println!("filter {backend} {text} {typed} {found} {median:.1} {mean:.1} {max:.1}");
        }
    }
}

/// SQLite: how many items hold `text`, counted up to one more than `SEARCH_BROAD` (as the store
/// counts them to choose how to read the page).
async fn holding(url: &str, text: &str) -> i64 {
    let (url, _) = common::site_of(url);
    let mut conn = sqlx::SqliteConnection::connect(url).await.expect("the SQLite database");
    sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT rowid FROM items_text WHERE items_text MATCH $1 LIMIT $2) m")
        .bind(format!("\"{text}\""))
        .bind(SEARCH_BROAD + 1)
        .fetch_one(&mut conn)
        .await
        .expect("the count")
}
