//! The audit trail, a page at a time.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::audit_chain;
use crate::store::backend::Backend;
use crate::store::schema::Dialect;
use crate::store::text::Lossy;

/// The audit page's filters: before id `$2` (after it when `backward`); at or after `$4`; about
/// item `$5` (`item:N`) or its requests (`$6`); by operator `$7`; of action `$8` or under it; with
/// `text`, holding the LIKE pattern `$9` in its operator, action or target or in a value of its
/// detail (`detail_holds`), or made on the Beijing day from `$10` to `$11` (null when the text is
/// no day), or of one of the actions listed in `$12` (`,retract,retraction.request,`: those the
/// text names in words; null when none), or whose target or detail is like one of the patterns
/// of the JSON lists `$13` and `$14` (the kinds of target and the stable values the text names in
/// words: `audit_said`); `$15` is what the detail's values are matched against (`value_pattern`),
/// `$16` the text as JSON writes it (`json_written`).
pub(super) fn audit_filters<DB: Backend>(text: bool, backward: bool) -> String {
    let text = if text {
        let holds = any_holds::<DB>(&["operator", "action", "target"], 9);
        format!(
            " AND ({holds} OR {detail} OR (at >= $10 AND at < $11) OR $12 LIKE ('%,' || action || ',%') \
             OR {targets} OR {values})",
            detail = detail_holds::<DB>(9),
            targets = like_any::<DB>("target", 13),
            values = like_any::<DB>("detail", 14),
        )
    } else {
        String::new()
    };
    let id = if backward { "id > $2" } else { "id < $2" };
    format!(
        "{id} AND ($4 IS NULL OR at >= $4) \
         AND ($5 IS NULL OR target = $5 OR target IN \
              (SELECT 'request:' || CAST(r.id AS TEXT) FROM retraction_requests r \
               WHERE r.site_id = $1 AND r.item_id = $6)) \
         AND ($7 IS NULL OR operator = $7) AND ($8 IS NULL OR action = $8 OR action LIKE $8 || '.%'){text}"
    )
}

/// The condition that a value of a record's detail holds the text typed (`$9` its LIKE pattern,
/// `$16` that of the text as JSON writes it, `$15` what `value_pattern` makes of it): a string of
/// its JSON at any depth that is not a field's name, or a number, as the Audit tab's summary says
/// them; a detail that is no JSON object or list (a record written by hand) as it is. The detail
/// as stored must hold the text as JSON writes it first (cheap, and true of every detail whose
/// value holds it), so that only those are read further. SQLite reads them as JSON (`json_tree`;
/// a detail that is not valid JSON, as one string). PostgreSQL matches `value_pattern`'s regular
/// expression: a cast to jsonb would fail the whole query on one record that is not JSON (an
/// operator with psql may write one, and version 15 has no test for valid JSON), and reading every
/// string apart (`regexp_matches`) cost twenty times as much per record, which a text found only
/// in field names (`reason`) pays on every record of the trail.
fn detail_holds<DB: Backend>(param: usize) -> String {
    let raw = any_holds::<DB>(&["detail"], param);
    // As JSON writes the text (`$16`: a quote or a backslash escaped), a JSON detail holds it.
    let written = any_holds::<DB>(&["detail"], 16);
    let plain = "(detail NOT LIKE '{%' AND detail NOT LIKE '[%')";
    let value = match DB::DIALECT {
        Dialect::Postgres => "detail ~* $15".to_string(),
        Dialect::Sqlite => "EXISTS (SELECT 1 FROM json_tree(CASE WHEN json_valid(detail) THEN detail \
             ELSE json_quote(detail) END) WHERE type IN ('text', 'integer', 'real') AND atom LIKE $15 ESCAPE '\\')"
            .to_string(),
    };
    format!("(({plain} AND {raw}) OR ({written} AND {value}))")
}

/// A text typed as a JSON string writes it: a quote and a backslash escaped (the characters a
/// person types that JSON escapes).
fn json_written(text: &crate::domain::search::Needle) -> crate::domain::search::Needle {
    let written = text.as_str().replace('\\', "\\\\").replace('"', "\\\"");
    crate::domain::search::Needle::new(&written).unwrap_or_else(|_| text.clone())
}

/// What `detail_holds` matches a detail's values against (`$15`): SQLite's LIKE pattern for the
/// values `json_tree` reads; PostgreSQL's regular expression for a JSON string holding the text as
/// JSON writes it (a quote or a backslash escaped) and not followed by a colon (a field's name),
/// or, for a text a number could hold, a number between the JSON's punctuation. Read left to
/// right, a string is taken whole, so that only a text made of JSON's punctuation, digits or
/// `true`, `false` and `null` could be found between two strings.
fn value_pattern<DB: Backend>(text: &crate::domain::search::Needle) -> String {
    if let Dialect::Sqlite = DB::DIALECT {
        return like_pattern(text);
    }
    let mut written = String::new();
    for c in json_written(text).as_str().chars() {
        // A backslash before any other character than a letter or a digit keeps it as it is.
        if c.is_ascii_punctuation() {
            written.push('\\');
        }
        written.push(c);
    }
    let string = format!(r#""(?:[^"\\]|\\.)*{written}(?:[^"\\]|\\.)*"(?!\s*:)"#);
    let number = |c: char| c.is_ascii_digit() || "+-.eE".contains(c);
    if text.as_str().chars().all(number) {
        format!(r#"{string}|[:\[,]\s*[-+0-9.eE]*{written}[-+0-9.eE]*\s*[,\]}}]"#)
    } else {
        string
    }
}

/// The condition that `column` is like one of the LIKE patterns of the JSON list in `$param`
/// (none when it is null).
fn like_any<DB: Backend>(column: &str, param: usize) -> String {
    match DB::DIALECT {
        Dialect::Postgres => format!(
            "EXISTS (SELECT 1 FROM jsonb_array_elements_text(CAST(${param} AS jsonb)) AS p(pattern) \
             WHERE {column} LIKE p.pattern)"
        ),
        Dialect::Sqlite => {
            format!("EXISTS (SELECT 1 FROM json_each(${param}) AS p WHERE {column} LIKE p.value ESCAPE '\\')")
        }
    }
}

/// The LIKE patterns of what a text names in words (`AuditFilter::targets` and `values`), as JSON
/// lists (`$13`, `$14`; null when none): a kind of target alone (`schema`) or with its id
/// (`item:2406`); a field holding a stable value (`"reason":"outdated"`), or a list holding it
/// (`"lacking":["signed_scan"]`).
fn audit_said(filter: &AuditFilter) -> (Option<String>, Option<String>) {
    let escaped = |s: &str| s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let list = |patterns: Vec<String>| (!patterns.is_empty()).then(|| serde_json::Value::from(patterns).to_string());
    let targets = filter.targets.iter().flat_map(|k| [escaped(k), format!("{}:%", escaped(k))]).collect();
    let values = filter
        .values
        .iter()
        .flat_map(|(field, value)| {
            let (field, value) = (escaped(&serde_json::Value::from(field.as_str()).to_string()), escaped(value));
            [format!("%{field}:\"{value}\"%"), format!("%{field}:[%\"{value}\"%")]
        })
        .collect();
    (list(targets), list(values))
}

/// A page of the audit trail of site `$1` and of changes to no site, newest first, before id `$2`
/// (`$3` rows): two ranges of audit_log_site (site, id) read backwards and merged, never the other
/// sites' rows. `backward`: the oldest first after id `$2`, the same ranges read forwards (the
/// last page, and the one before a record).
pub(super) fn audit_page_sql<DB: Backend>(text: bool, backward: bool) -> String {
    let filters = audit_filters::<DB>(text, backward);
    let order = if backward { "ASC" } else { "DESC" };
    format!(
        "SELECT id, at, operator, action, target, detail FROM \
           (SELECT * FROM (SELECT id, at, operator, action, target, detail FROM audit_log \
                           WHERE site_id = $1 AND {filters} ORDER BY id {order} LIMIT $3) mine \
            UNION ALL \
            SELECT * FROM (SELECT id, at, operator, action, target, detail FROM audit_log \
                           WHERE site_id IS NULL AND {filters} ORDER BY id {order} LIMIT $3) shared) page \
         ORDER BY id {order} LIMIT $3"
    )
}

/// The records `audit_page_sql` pages through, for `total!` (`$3` its cap).
pub(super) fn audit_total_from<DB: Backend>(text: bool) -> String {
    let filters = audit_filters::<DB>(text, false);
    format!(
        "FROM (SELECT * FROM (SELECT id FROM audit_log WHERE site_id = $1 AND {filters} LIMIT $3) mine \
               UNION ALL \
               SELECT * FROM (SELECT id FROM audit_log WHERE site_id IS NULL AND {filters} LIMIT $3) shared) page"
    )
}

/// Binds the audit page's values (`audit_filters`: `$1` the site, `$2` the id it starts from, `$3`
/// the limit, then the filter's) to a query of either kind.
macro_rules! audit_binds {
    ($query:expr, $site:expr, $filter:expr, $from:expr, $limit:expr) => {{
        let filter: &AuditFilter = $filter;
        let query = $query
            .bind($site.id)
            .bind($from)
            .bind($limit)
            .bind(filter.since)
            .bind(filter.about.map(crate::store::AuditAbout::target))
            .bind(filter.about.map_or(0, crate::store::AuditAbout::requests_of))
            .bind(filter.operator.as_deref())
            .bind(filter.action.as_deref());
        match &filter.text {
            // A day typed (2026-11-28) keeps that Beijing day's records too.
            Some(text) => {
                let day =
                    crate::domain::time::parse_date(text.as_str()).ok().map(crate::domain::time::beijing_midnight);
                // The actions the text names in words, each between commas; the kinds of target
                // and the values, as patterns.
                let said = (!filter.said.is_empty()).then(|| format!(",{},", filter.said.join(",")));
                let (targets, values) = audit_said(filter);
                query
                    .bind(like_pattern(text))
                    .bind(day)
                    .bind(day.map(|d| d + chrono::Duration::days(1)))
                    .bind(said)
                    .bind(targets)
                    .bind(values)
                    .bind(value_pattern::<DB>(text))
                    .bind(like_pattern(&json_written(text)))
            }
            None => query,
        }
    }};
}

sql_impl! { SqlStore;
    /// The upgrade to the hash chain (schema::CHAINED_SINCE): every record already there chained,
    /// in its upgrade's transaction. The rows are append-only for everyone, so the owner running
    /// the upgrade lifts the refusal of updates for the transaction's length.
    pub(super) async fn chain_existing(tx: &mut Transaction<'static, DB>) -> Result<()> {
        let (lift, restore) = match DB::DIALECT {
            Dialect::Postgres => (
                "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
                "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only",
            ),
            Dialect::Sqlite => (
                "DROP TRIGGER audit_log_no_update",
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
            ),
        };
        (&mut **tx).execute(lift).await?;
        let sites: Vec<Option<i64>> =
            sqlx::query_scalar("SELECT DISTINCT site_id FROM audit_log").fetch_all(&mut **tx).await?;
        for chain in sites.into_iter().map(|s| s.map_or(Chain::NoSite, Chain::Site)) {
            let (mut previous, mut after) = (None::<String>, 0);
            loop {
                // Each page's hashes, chained as it is read, then written.
                let mut hashes: Vec<(i64, String)> = Vec::new();
                (DB::CHAIN_PAGE)(&mut **tx, chain, after, 10_000, &mut |record| {
                    let previous = hashes.last().map(|(_, h)| h.as_str()).or(previous.as_deref());
                    let hash = audit_chain::link(&record.content, previous);
                    hashes.push((record.id, hash));
                    true
                })
                .await?;
                let Some((last, _)) = hashes.last() else { break };
                after = *last;
                for (id, hash) in &hashes {
                    sqlx::query("UPDATE audit_log SET hash = $1 WHERE id = $2")
                        .bind(hash.as_str())
                        .bind(*id)
                        .execute(&mut **tx)
                        .await?;
                }
                previous = hashes.pop().map(|(_, h)| h);
            }
        }
        (&mut **tx).execute(restore).await?;
        Ok(())
    }
}

sql_impl! { AuditStore;
    async fn audit_page(
        &self,
        site: &Site,
        filter: &AuditFilter,
        seek: Seek<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        // The newest first, a page at a time, backwards along the site's ids (audit_log_site) and
        // those of changes to no site (forwards from the other end). An item's records are those
        // about it and about the requests to withdraw it.
        let sql = audit_page_sql::<DB>(filter.text.is_some(), seek.backward());
        let from = seek.key().copied().unwrap_or(if seek.backward() { i64::MIN } else { i64::MAX });
        let query = sqlx::query::<DB>(&sql);
        let mut rows = audit_binds!(query, site, filter, from, limit).fetch_all(&self.pool).await?;
        if seek.backward() {
            rows.reverse();
        }
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    operator: row.try_get("operator")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    detail: row.try_get("detail")?,
                })
            })
            .collect()
    }

    async fn audit_total(&self, site: &Site, filter: &AuditFilter) -> Result<Total> {
        Ok(total!(self, audit_total_from::<DB>(filter.text.is_some()), |query, cap| {
            audit_binds!(query, site, filter, i64::MAX, cap)
        }))
    }

    async fn chain_page(&self, chain: Chain, after: i64, limit: i64, visit: &mut ChainVisit<'_>) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        (DB::CHAIN_PAGE)(&mut *conn, chain, after, limit, visit).await
    }

    async fn chain_length(&self, chain: Chain) -> Result<i64> {
        Ok(match chain {
            Chain::Site(site) => {
                sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE site_id = $1")
                    .bind(site)
                    .fetch_one(&self.pool)
                    .await?
            }
            Chain::NoSite => {
                sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE site_id IS NULL").fetch_one(&self.pool).await?
            }
        })
    }

    async fn chain_head(&self, chain: Chain) -> Result<Option<ChainHead>> {
        let row = match chain {
            Chain::Site(site) => {
                sqlx::query::<DB>("SELECT id, hash FROM audit_log WHERE site_id = $1 ORDER BY id DESC LIMIT 1")
                    .bind(site)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Chain::NoSite => {
                sqlx::query::<DB>("SELECT id, hash FROM audit_log WHERE site_id IS NULL ORDER BY id DESC LIMIT 1")
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        row.map(|row| Ok(ChainHead { id: row.try_get("id")?, hash: row.try_get("hash")? })).transpose()
    }
}
