//! The connection and the site: the schema, `init`, the site and its counts, who is acting, the
//! change mark.

use crate::t;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::Role;
use crate::domain::calendar::CalendarDay;
use crate::domain::column_table::ColumnTable;
use crate::domain::item::RequestStatus;
use crate::store::backend::Backend;
use crate::store::schema::{self, SCHEMA_VERSION};
use crate::store::text::Lossy;

/// The change mark: the newest audit record's id (every change writes one), 0 before any.
pub(super) const CHANGE_MARK: &str = "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM audit_log";

/// How long a change waits for the standby to replay it (`SqlStore::replayed`): streaming
/// replication replays a change in milliseconds; a standby further behind than this is said so on
/// the console's status line rather than holding up every change.
pub(crate) const REPLAY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Why a change's replay on the standby is not known (`SqlStore::replayed`), logged: false.
fn not_replayed(why: std::fmt::Arguments) -> bool {
    tracing::warn!("{why}");
    false
}

sql_impl! { SqlStore;
    /// After a change committed on the primary (`--db-primary`): waits until the standby reads
    /// from has replayed it, at most `REPLAY_WAIT`, so that what is read next (the queue without
    /// the item just approved) holds the change. Past the wait the change stands, and the reads
    /// catch up as the standby replays (the console says how far behind it is). Nothing to wait
    /// for without a primary. Says whether the database read from holds the change (false: not
    /// known, or not yet).
    pub(super) async fn replayed(&self) -> bool {
        let (Some(primary), Some((position, replayed))) = (&self.primary, DB::REPLAY) else { return true };
        let written: std::result::Result<String, sqlx::Error> = sqlx::query_scalar(position).fetch_one(primary).await;
        let written = match written {
            Ok(lsn) => lsn,
            Err(e) => return not_replayed(format_args!("the primary's WAL position: {e}")),
        };
        let until = std::time::Instant::now() + REPLAY_WAIT;
        loop {
            let done: std::result::Result<bool, sqlx::Error> =
                sqlx::query_scalar(replayed).bind(written.as_str()).fetch_one(&self.pool).await;
            match done {
                Ok(true) => return true,
                Ok(false) if std::time::Instant::now() < until => {
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                }
                Ok(false) => return not_replayed(format_args!("standby not at {written} after {REPLAY_WAIT:?}")),
                Err(e) => return not_replayed(format_args!("the standby's replay position: {e}")),
            }
        }
    }

    pub(super) async fn check_schema(&self) -> Result<()> {
        match self.schema_version_inner().await? {
            None => Err(StoreError::NoSchema(self.described.clone())),
            Some(found) if found > SCHEMA_VERSION => {
                Err(StoreError::NewerSchema { target: self.described.clone(), found, supported: SCHEMA_VERSION })
            }
            Some(found) if found < SCHEMA_VERSION => Err(StoreError::Refused(t!(
                "store-older-schema",
                target = self.described.as_str(),
                found = found.to_string(),
                supported = SCHEMA_VERSION.to_string()
            ))),
            Some(_) => Ok(()),
        }
    }

    pub(super) async fn schema_version_inner(&self) -> Result<Option<i64>> {
        let mut conn = self.pool.acquire().await?;
        self.version_on(&mut conn).await
    }

    /// The schema's version as one connection (or a transaction) sees it.
    async fn version_on(&self, conn: &mut DB::Connection) -> Result<Option<i64>> {
        let tables: i64 = sqlx::query_scalar(DB::TABLE_EXISTS).bind("schema_meta").fetch_one(&mut *conn).await?;
        if tables == 0 {
            return Ok(None);
        }
        // A login without rights here sees the tables but may not read them: not an operator.
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM schema_meta WHERE key = 'schema_version'")
            .fetch_optional(&mut *conn)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(d) if d.code().as_deref() == Some("42501") => {
                    StoreError::NoAccess { target: self.described.clone(), who: self.operator.clone() }
                }
                _ => e.into(),
            })?;
        match value {
            None => Ok(None),
            Some(v) => Ok(Some(parse("schema version", &v)?)),
        }
    }

    /// A transaction of `init`'s, holding the schema's lock until it ends: two `init`s at once
    /// (two administrators, or a deployment script on two hosts) take turns, and the second reads
    /// the version the first left. SQLite's `BEGIN IMMEDIATE` is that lock; PostgreSQL takes a
    /// transaction-level advisory lock (`Backend::SCHEMA_LOCK`).
    async fn begin_init(&self, what: &str) -> Result<Transaction<'static, DB>> {
        let mut tx = self.begin_write(what).await?;
        if let Some(lock) = DB::SCHEMA_LOCK {
            (&mut *tx).execute(lock).await?;
        }
        Ok(tx)
    }

    /// Whether `operator` may add the site `setup` to a database that has sites: its code is a
    /// site code, its name not blank, and they administer a site already there (`sites add`'s
    /// rules, for every command that adds a site).
    async fn may_add_site(tx: &mut Transaction<'static, DB>, setup: &SiteSetup, operator: &str) -> Result<()> {
        let refused = crate::domain::sites::refuse_code(&setup.code);
        if let Some(why) = refused.or_else(|| crate::domain::sites::refuse_name(&setup.name)) {
            return Err(StoreError::Refused(why));
        }
        let administers: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM operators WHERE name = $1 AND role = 'admin' AND active")
                .bind(operator)
                .fetch_one(&mut **tx)
                .await?;
        if administers == 0 {
            return Err(StoreError::Refused(t!("sites-add-not-admin", operator = operator)));
        }
        Ok(())
    }

    /// Creates a site with its units, column tree and first administrator.
    pub(super) async fn create_site(
        tx: &mut Transaction<'static, DB>,
        setup: &SiteSetup,
        operator: &str,
        report: &mut InitReport,
    ) -> Result<i64> {
        let now = Utc::now();
        let site_id: i64 =
            sqlx::query_scalar("INSERT INTO sites (code, name, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(setup.code.as_str())
                .bind(setup.name.as_str())
                .bind(now)
                .fetch_one(&mut **tx)
                .await?;
        let mut unit_ids = HashMap::new();
        for (position, unit) in setup.table.units.iter().enumerate() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO units (site_id, name, full_name, kind, position) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(site_id)
            .bind(unit.name.as_str())
            .bind(unit.full_name.as_str())
            .bind(unit.kind.as_str())
            .bind(position as i64)
            .fetch_one(&mut **tx)
            .await?;
            unit_ids.insert(unit.name.as_str(), id);
        }
        let mut column_ids: HashMap<String, i64> = HashMap::new();
        for (position, column) in setup.table.columns.iter().enumerate() {
            let parent = (column.level() > 1).then(|| column_ids[&column.path[..column.level() - 1].join(" / ")]);
            let (amount, unit) = match column.rule.amount_and_period() {
                Some((a, p)) => (Some(i64::from(a)), Some(p.as_str())),
                None => (None, None),
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO columns (site_id, parent_id, name, path, level, position, deadline, rule_kind, \
                    rule_amount, rule_unit, departments, note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(site_id)
            .bind(parent)
            .bind(column.name())
            .bind(column.path_text())
            .bind(column.level() as i64)
            .bind(position as i64)
            .bind(column.deadline.as_str())
            .bind(column.rule.kind())
            .bind(amount)
            .bind(unit)
            .bind(column.departments.as_str())
            .bind(column.note.as_str())
            .fetch_one(&mut **tx)
            .await?;
            column_ids.insert(column.path_text(), id);
            for unit in &column.units {
                sqlx::query("INSERT INTO column_units (site_id, column_id, unit_id) VALUES ($1, $2, $3)")
                    .bind(site_id)
                    .bind(id)
                    .bind(unit_ids[unit.as_str()])
                    .execute(&mut **tx)
                    .await?;
            }
        }
        sqlx::query("INSERT INTO operators (site_id, name, role, active, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(site_id)
            .bind(operator)
            .bind(Role::Admin.as_str())
            .bind(true)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        if let Some(set_login) = DB::SET_LOGIN {
            sqlx::query(set_login).bind(operator).execute(&mut **tx).await?;
        }
        report.site_created = true;
        report.units = setup.table.units.len();
        report.columns = setup.table.columns.len();
        report.first_admin = Some(operator.to_string());
        Ok(site_id)
    }

    /// Whether a stored column tree is the one a table describes.
    pub(super) fn same_table(stored: &[ColumnRow], table: &ColumnTable) -> bool {
        stored.len() == table.columns.len()
            && stored.iter().zip(&table.columns).all(|(s, t)| {
                s.path == t.path_text()
                    && s.deadline == t.deadline
                    && s.departments == t.departments
                    && s.units == t.units
                    && s.note == t.note
            })
    }
}

sql_impl! { Store;
    fn describe(&self) -> String {
        self.described.clone()
    }

    fn operator(&self) -> &str {
        &self.operator
    }

    async fn schema_version(&self) -> Result<Option<i64>> {
        self.schema_version_inner().await
    }

    async fn trigrams_blind_to_chinese(&self) -> Result<Option<String>> {
        let Some(sql) = DB::CTYPE else { return Ok(None) };
        let ctype: String = sqlx::query_scalar(sql).fetch_one(&self.pool).await?;
        Ok(crate::domain::search::ascii_only_ctype(&ctype).then_some(ctype))
    }

    async fn init(
        &self,
        setup: &SiteSetup,
        calendar: &[CalendarDay],
        notices: &[i32],
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<InitReport> {
        // The version is read under the schema's lock, in the transaction that acts on it.
        let mut tx = self.begin_init("init").await?;
        let version = self.version_on(&mut tx).await?;
        pause_point("init");
        if let Some(found) = version.filter(|v| *v > SCHEMA_VERSION) {
            return Err(StoreError::NewerSchema { target: self.described.clone(), found, supported: SCHEMA_VERSION });
        }
        let mut report = InitReport::default();
        if let Some(found) = version.filter(|v| *v < SCHEMA_VERSION) {
            // An older schema: the upgrades since its version, committed with their audit record
            // before the site's part (kept even if that is refused).
            for (to, statements) in schema::UPGRADES.iter().filter(|(to, _)| *to > found) {
                for step in statements.iter() {
                    if *step == schema::FILL_INITIALS {
                        Self::fill_initials(&mut tx, progress).await?;
                        continue;
                    }
                    let Some(statement) = schema::statement(step, DB::DIALECT) else { continue };
                    (&mut *tx).execute(statement.as_str()).await.map_err(backend::without_trigrams)?;
                }
                if *to == schema::CHAINED_SINCE {
                    Self::chain_existing(&mut tx).await?;
                }
                sqlx::query("UPDATE schema_meta SET value = $1 WHERE key = 'schema_version'")
                    .bind(to.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            for grant in DB::ROLE_GRANTS {
                (&mut *tx).execute(*grant).await?;
            }
            let detail = json!({"from": found, "to": SCHEMA_VERSION});
            Self::audit(&mut tx, None, &self.operator, "schema.upgrade", "schema", &detail.to_string()).await?;
            self.finish(tx).await?;
            // An upgrade adds indexes (and rewrites tables): the planner's statistics of the whole
            // database, now. Left to SQLite's `PRAGMA optimize` at close (analysis_limit 1000), a new
            // index on 1,000,000 items got approximate figures that made the retractions list scan
            // every item (180–220 ms instead of 2 ms: docs/performance.md); PostgreSQL chained its
            // audit trail at version 11 and reads it by statistics too.
            sqlx::query("ANALYZE").execute(self.writer()).await?;
            report.upgraded_from = Some(found);
            tx = self.begin_init("init").await?;
        }
        if version.is_none() {
            // A text query without arguments runs as one multi-statement script on both drivers.
            let script = schema::render(DB::DIALECT);
            (&mut *tx).execute(script.as_str()).await.map_err(backend::without_trigrams)?;
            for grant in DB::ROLE_GRANTS {
                (&mut *tx).execute(*grant).await?;
            }
            report.schema_created = true;
        }
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE code = $1")
            .bind(setup.code.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let site_id = match existing {
            Some(id) => {
                tx.rollback().await?;
                let stored = self.columns_of(id).await?;
                if !Self::same_table(&stored, &setup.table) {
                    return Err(StoreError::Refused(t!(
                        "store-table-differs",
                        code = format!("{:?}", setup.code),
                        count = stored.len()
                    )));
                }
                tx = self.begin_init("init").await?;
                id
            }
            None => {
                // Another site than the first is added by the rules of `sites add`, whichever
                // command adds it (`init --site`, `demo --site`).
                let any: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM sites LIMIT 1").fetch_optional(&mut *tx).await?;
                if any.is_some() {
                    Self::may_add_site(&mut tx, setup, &self.operator).await?;
                } else if let Some(why) = crate::domain::sites::refuse_code(&setup.code) {
                    return Err(StoreError::Refused(why));
                }
                Self::create_site(&mut tx, setup, &self.operator, &mut report).await?
            }
        };
        for day in calendar {
            let added = sqlx::query(
                "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING",
            )
            .bind(day.date)
            .bind(day.kind.as_str())
            .bind(day.note.as_str())
            .execute(&mut *tx)
            .await?;
            report.calendar_days += DB::rows_affected(&added) as usize;
        }
        report.calendar_years = Self::record_notices(&mut tx, notices, "built-in", &self.operator).await?;
        let upgraded_only = InitReport { upgraded_from: None, ..report.clone() };
        if !upgraded_only.changed() {
            tx.rollback().await?;
            return Ok(report);
        }
        let detail = json!({
            "schema_created": report.schema_created,
            "site_created": report.site_created,
            "units": report.units,
            "columns": report.columns,
            "calendar_days": report.calendar_days,
            "calendar_years": report.calendar_years,
            "first_admin": report.first_admin,
        });
        Self::audit(
            &mut tx,
            Some(site_id),
            &self.operator,
            "init",
            &format!("site:{}", setup.code),
            &detail.to_string(),
        )
        .await?;
        if report.site_created {
            // A new site has no items: every one it will have is checked as it is written.
            Self::note_lists(&mut tx, site_id, self.lists_now().version()).await?;
        }
        self.finish(tx).await?;
        Ok(report)
    }

    async fn site(&self, code: Option<&str>) -> Result<Site> {
        self.check_schema().await?;
        let sites = self.sites().await?;
        let codes = || sites.iter().map(|s| s.code.as_str()).collect::<Vec<_>>().join(", ");
        match code {
            Some(code) => {
                let said =
                    t!("sites-unknown", code = format!("{code:?}"), target = self.described.as_str(), known = codes());
                sites.into_iter().find(|s| s.code == code).ok_or(StoreError::NoSuchSite(said))
            }
            None => match sites.len() {
                0 => Err(StoreError::NotFound(t!("store-no-site", target = self.described.as_str()))),
                1 => Ok(sites.into_iter().next().expect("one site")),
                // Bad usage, as an unknown code is: the codes to choose from.
                _ => Err(StoreError::NoSuchSite(t!(
                    "store-sites-choose",
                    target = self.described.as_str(),
                    count = sites.len(),
                    codes = codes()
                ))),
            },
        }
    }

    async fn sites(&self) -> Result<Vec<Site>> {
        self.check_schema().await?;
        let rows = sqlx::query::<DB>("SELECT id, code, name FROM sites ORDER BY id").fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| Ok(Site { id: row.try_get("id")?, code: row.try_get("code")?, name: row.try_get("name")? }))
            .collect()
    }

    async fn overview_inputs(&self, at: &OverviewAt) -> Result<Vec<SiteInputs>> {
        let documents = every_site_documents_sql::<DB>();
        let waiting = every_site(OLDEST_WAITING);
        let requests = every_site(&retraction_requests_sql::<DB>(true));
        let tallies = every_site(&unit_tallies_sql::<DB>());
        let probes = async {
            match at.probes {
                Some((since, until)) => self.probes_of(None, since, until).await,
                None => Ok(Vec::new()),
            }
        };
        let (sites, columns, documents, waiting, requests, tallies, inquiries, links, probes) = tokio::try_join!(
            self.sites(),
            async {
                Ok::<_, StoreError>(sqlx::query::<DB>(EVERY_SITE_COLUMNS).bind(at.before).fetch_all(&self.pool).await?)
            },
            async {
                Ok::<_, StoreError>(
                    sqlx::query::<DB>(&documents).bind(at.issued_until).bind(at.before).fetch_all(&self.pool).await?,
                )
            },
            async { Ok(sqlx::query::<DB>(&waiting).fetch_all(&self.pool).await?) },
            async {
                Ok(sqlx::query::<DB>(&requests).bind(RequestStatus::Pending.as_str()).fetch_all(&self.pool).await?)
            },
            async {
                let (from, until) = at.tallies;
                Ok(sqlx::query::<DB>(&tallies).bind(from).bind(until).fetch_all(&self.pool).await?)
            },
            self.inquiries_of(None),
            self.link_results_of(None),
            probes,
        )?;
        // One row a site: its id and what the statement gives for it, each by its column's name.
        fn per_site<DB: Backend, T>(rows: Vec<DB::Row>, of: impl Fn(&DB::Row) -> Result<T>) -> Result<HashMap<i64, T>>
        where
            for<'s> &'s str: ColumnIndex<DB::Row>,
            for<'q> i64: Decode<'q, DB> + Type<DB>,
        {
            rows.iter().map(|row| Ok((row.try_get("id")?, of(row)?))).collect()
        }
        let mut staleness =
            per_site::<DB, StalenessInputs>(documents, |row| staleness_inputs(None, row.try_get("documents")?, None))?;
        for row in &columns {
            let rule_unit: Option<String> = row.try_get("rule_unit")?;
            let column = ColumnRow {
                id: row.try_get("id")?,
                parent_id: row.try_get("parent_id")?,
                path: row.try_get("path")?,
                level: row.try_get("level")?,
                deadline: row.try_get("deadline")?,
                rule: stored_rule(
                    &row.try_get::<String, _>("rule_kind")?,
                    row.try_get("rule_amount")?,
                    rule_unit.as_deref(),
                )?,
                departments: row.try_get("departments")?,
                units: Vec::new(),
                note: row.try_get("note")?,
            };
            let at: Option<DateTime<Utc>> = row.try_get("last_update")?;
            staleness.entry(row.try_get("site_id")?).or_default().columns.push(LastUpdate { column, at });
        }
        let mut waiting = per_site::<DB, Option<DateTime<Utc>>>(waiting, |row| Ok(row.try_get("oldest")?))?;
        let mut requests =
            per_site::<DB, Vec<RetractionRequest>>(requests, |row| retraction_requests(row.try_get("requests")?))?;
        let mut tallies = per_site::<DB, Vec<UnitTally>>(tallies, |row| unit_tallies(row.try_get("tallies")?))?;
        let mut inquiries = by_site(inquiries);
        let mut links = by_site(links);
        let mut probes = by_site(probes);
        Ok(sites
            .into_iter()
            .map(|site| SiteInputs {
                staleness: staleness.remove(&site.id).unwrap_or_default(),
                oldest_waiting: waiting.remove(&site.id).flatten(),
                pending_requests: requests.remove(&site.id).unwrap_or_default(),
                tallies: tallies.remove(&site.id).unwrap_or_default(),
                inquiries: inquiries.remove(&site.id).unwrap_or_default(),
                links: links.remove(&site.id).unwrap_or_default(),
                probes: probes.remove(&site.id).unwrap_or_default(),
                site,
            })
            .collect())
    }

    async fn add_site(&self, setup: &SiteSetup) -> Result<InitReport> {
        if let Some(why) = crate::domain::sites::refuse_code(&setup.code) {
            return Err(StoreError::Refused(why));
        }
        self.check_schema().await?;
        let mut tx = self.begin_write("site-add").await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE code = $1")
            .bind(setup.code.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Refused(t!("sites-taken", code = setup.code.as_str())));
        }
        Self::may_add_site(&mut tx, setup, &self.operator).await?;
        let mut report = InitReport::default();
        let site_id = Self::create_site(&mut tx, setup, &self.operator, &mut report).await?;
        let detail = json!({
            "name": setup.name,
            "units": report.units,
            "columns": report.columns,
            "first_admin": report.first_admin,
        });
        Self::audit(
            &mut tx,
            Some(site_id),
            &self.operator,
            "site.add",
            &format!("site:{}", setup.code),
            &detail.to_string(),
        )
        .await?;
        Self::note_lists(&mut tx, site_id, self.lists_now().version()).await?;
        self.finish(tx).await?;
        Ok(report)
    }

    async fn counts(&self, site: &Site) -> Result<SiteCounts> {
        let row = sqlx::query::<DB>(
            "SELECT (SELECT COUNT(*) FROM columns WHERE site_id = $1) AS columns, \
                    (SELECT COUNT(*) FROM units WHERE site_id = $1) AS units, \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1) AS items, \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'online') AS online, \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'pending') AS pending, \
                    (SELECT COUNT(*) FROM items WHERE site_id = $1 AND status = 'withdrawn') AS withdrawn, \
                    (SELECT COUNT(*) FROM retraction_requests WHERE site_id = $1) AS retraction_requests, \
                    (SELECT COUNT(*) FROM incidents WHERE site_id = $1) AS incidents, \
                    (SELECT COUNT(*) FROM documents WHERE site_id = $1) AS documents",
        )
        .bind(site.id)
        .fetch_one(&self.pool)
        .await?;
        Ok(SiteCounts {
            columns: row.try_get("columns")?,
            units: row.try_get("units")?,
            items: row.try_get("items")?,
            online: row.try_get("online")?,
            pending: row.try_get("pending")?,
            withdrawn: row.try_get("withdrawn")?,
            retraction_requests: row.try_get("retraction_requests")?,
            incidents: row.try_get("incidents")?,
            documents: row.try_get("documents")?,
        })
    }

    async fn watch(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>> {
        // A hot standby takes no LISTEN: given its primary, listen there (where the changes are
        // written); without, the listener fails and the change mark is watched.
        match DB::listen(self.writer())?.await {
            Ok(rx) => Some(rx),
            Err(e) => {
                tracing::warn!("cannot listen for changes ({e}); the change mark is watched instead");
                None
            }
        }
    }

    async fn replica(&self) -> Result<Option<ReplicaState>> {
        let Some((sql, primary_position)) = DB::REPLICA else { return Ok(None) };
        // Given the primary, "caught up" is having replayed what the primary has written; else
        // what the standby has received.
        let written: Option<String> = match (&self.primary, primary_position) {
            (Some(primary), Some(position)) => Some(sqlx::query_scalar(position).fetch_one(primary).await?),
            _ => None,
        };
        // How far behind: the oldest change not replayed was committed after the last one replayed,
        // and after the standby was last seen caught up; the later of the two bounds the lag. (The
        // last replayed alone would say "6 minutes behind" for a change made a second ago on a
        // primary idle for six minutes before it.)
        let in_step = *self.in_step.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let row = sqlx::query::<DB>(sql).bind(written).bind(in_step).fetch_one(&self.pool).await?;
        if !row.try_get::<bool, _>("recovering")? {
            return Ok(None);
        }
        let caught_up = row.try_get::<Option<bool>, _>("caught_up")? == Some(true);
        if caught_up {
            *self.in_step.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(row.try_get("now")?);
        }
        Ok(Some(ReplicaState {
            behind_seconds: if caught_up { Some(0) } else { row.try_get("behind")? },
            streaming: row.try_get("streaming")?,
            upstream: row.try_get("upstream")?,
            writes_to_primary: self.primary.is_some(),
        }))
    }

    async fn change_mark(&self) -> Result<i64> {
        Ok(sqlx::query_scalar(CHANGE_MARK).fetch_one(&self.pool).await?)
    }

    async fn whoami(&self, site: &Site) -> Result<Option<(Role, bool)>> {
        let row = Self::login(&self.pool, site, &self.operator).await?;
        if let Some(Login { role, active: true, .. }) = row {
            return Ok(Some((role, true)));
        }
        // A supervisor reads every site; an operator disabled here who supervises is one.
        let supervisor = Self::supervisor(&self.pool, &self.operator).await?;
        match (row, supervisor) {
            (_, Some(true)) => Ok(Some((Role::Supervisor, true))),
            (Some(Login { role, active, .. }), _) => Ok(Some((role, active))),
            (None, supervisor) => Ok(supervisor.map(|active| (Role::Supervisor, active))),
        }
    }

    async fn sites_held(&self) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM supervisors WHERE name = $1 AND active) \
                 THEN (SELECT COUNT(*) FROM sites) \
                 ELSE (SELECT COUNT(DISTINCT site_id) FROM operators WHERE name = $1 AND active) END",
        )
        .bind(self.operator.as_str())
        .fetch_one(&self.pool)
        .await?)
    }

    async fn first_site_held(&self) -> Result<Option<Site>> {
        let row = sqlx::query::<DB>(
            "SELECT s.id, s.code, s.name FROM sites s \
             WHERE EXISTS (SELECT 1 FROM supervisors v WHERE v.name = $1 AND v.active) \
                OR EXISTS (SELECT 1 FROM operators o WHERE o.site_id = s.id AND o.name = $1 AND o.active) \
             ORDER BY s.id LIMIT 1",
        )
        .bind(self.operator.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| Ok(Site { id: row.try_get("id")?, code: row.try_get("code")?, name: row.try_get("name")? }))
            .transpose()
    }
}

/// When the longest-waiting item of site `$1`'s queue began to wait (`QueueItem::waiting_since`:
/// its time on the unit's WeChat, else its submission), through the queue's index; all the
/// overview needs of the queue, where reading the whole queue with its columns and attachments
/// grew with the pending items of every site.
const OLDEST_WAITING: &str = "SELECT (SELECT MIN(COALESCE(i.wechat_at, i.submitted_at)) FROM items i \
                                      WHERE i.site_id = $1 AND i.status = 'pending') AS oldest";

/// Rows of many sites, each site's in their order.
fn by_site<T>(rows: Vec<(i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for (site, row) in rows {
        out.entry(site).or_default().push(row);
    }
    out
}
