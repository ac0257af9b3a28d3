//! Benchmark and plan-test support: the statements the console and the reports run most,
//! exactly as the store runs them.

use super::{schema, sql};

/// What a value bound to a hot statement stands for: the plan tests and the benchmarks bind their
/// own database's (a site, a busy column, an item, an instant) or the literal given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// The site the statement works on (`$1` of every hot statement).
    Site,
    /// A column of the site.
    Column,
    /// An item of the site.
    Item,
    /// An instant (now, for the reports).
    Instant,
    /// A Beijing date (today, for the reports).
    Day,
    /// The first day of a year, and the first day of the next (`scores --year`).
    YearStart,
    YearEnd,
    Int(i64),
    Text(&'static str),
    /// A null of type text, time or integer (an absent filter).
    NullText,
    NullTime,
    NullInt,
}

/// One of the statements the console and the reports run most, exactly as the store runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotStatement {
    pub name: &'static str,
    pub sql: String,
    /// What `$1`, `$2`, … stand for.
    pub params: Vec<Param>,
}

/// The hot statements for a backend: every one filters by its site on every table it reads
/// (docs/scaling.md), and tests/plans.rs checks each one's plan reads through an index.
pub fn hot_statements(dialect: schema::Dialect) -> Vec<HotStatement> {
    match dialect {
        schema::Dialect::Postgres => sql::hot_statements::<sqlx::Postgres>(),
        schema::Dialect::Sqlite => sql::hot_statements::<sqlx::Sqlite>(),
    }
}

/// The settings of every PostgreSQL connection the store opens (backend.rs), so that the plan
/// tests plan the hot statements as the store's connections do:
/// - every statement planned for its values, as psql's statements are: after five runs of a
///   prepared statement PostgreSQL may keep a generic plan, slower for a date range
///   (`scores --year` took 2x its SQL from the sixth run);
/// - no parallel workers: the program's statements read a few thousand rows through indexes,
///   where starting a worker process costs more than it saves. At 1,000,000 items the queue's
///   columns and attachments were planned as two parallel scans, and on a busy two-core machine
///   opening the queue took 55-64 ms with them and 34-45 ms without (docs/performance.md);
/// - no JIT compilation, for the same reason: a statement estimated above `jit_above_cost` (the
///   sites' overview, whose statements run a subquery per site, is always) was compiled to
///   machine code before it ran, which took longer than running it: on three sites of 2,000
///   items the overview's queue statement spent 60 ms of its 113 ms compiling (EXPLAIN ANALYZE),
///   and `sites --format json` took 137-270 ms with JIT and 58-112 ms without;
/// - 32 MB for a statement's bitmaps and sorts (`work_mem`, 4 MB by default): a search through a
///   text index gathers the items of every site that hold the text in one bitmap before keeping
///   the site's, and past what `work_mem` holds the bitmap keeps whole pages instead of rows, each
///   of whose rows is then tested again by computing its text's bigrams or trigrams. At 10,000,000
///   items over 120 sites, 抗旱 (in 89,000 items) took 246 ms that way, 30 ms with 16 MB or more;
///   乡村振兴 75 ms, 60 ms (docs/performance.md). 32 MB keeps exact a bitmap of some 400,000 pages;
///   the store holds one connection (backend.rs).
pub const POSTGRES_SESSION: &[(&str, &str)] = &[
    ("plan_cache_mode", "force_custom_plan"),
    ("max_parallel_workers_per_gather", "0"),
    ("jit", "off"),
    ("work_mem", "32MB"),
];

/// SQLite counts the items holding a text of three characters or more up to one more than this,
/// to choose how to read a search's page (store/sql/search.rs, `Way::by_count`).
pub const SEARCH_BROAD: i64 = sql::SEARCH_BROAD;

/// The statements a search's first page runs (no filter), as the store runs them, with the values
/// written in, each ending in `;`: for the benchmark to run the same SQL in `sqlite3`/`psql`.
/// `holding`: on SQLite, how many items hold the text, counted up to `SEARCH_BROAD + 1` (the first
/// statement counts them).
pub fn search_first_page(
    dialect: schema::Dialect,
    site: i64,
    needle: &crate::domain::search::Needle,
    holding: i64,
) -> Vec<String> {
    let statements = match dialect {
        schema::Dialect::Postgres => sql::first_page_statements::<sqlx::Postgres>(site, needle, holding),
        schema::Dialect::Sqlite => sql::first_page_statements::<sqlx::Sqlite>(site, needle, holding),
    };
    statements.into_iter().map(|s| format!("{s};")).collect()
}
