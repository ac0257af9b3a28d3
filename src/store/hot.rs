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
    /// A null of type text or time (an absent filter).
    NullText,
    NullTime,
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
