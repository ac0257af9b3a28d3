//! The working-day calendar and the holiday notices it holds.

use crate::t;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row, Transaction};

use super::*;
use crate::domain::Role;
use crate::domain::calendar::{self, CalendarDay, CalendarImport, CalendarNotice, DayKind};
use crate::store::backend::Backend;
use crate::store::text::Lossy;

sql_impl! { SqlStore;
    /// A transaction that changes the calendar, which is every site's: only an active
    /// administrator of a site opens one.
    pub(super) async fn begin_calendar_change(&self) -> Result<Transaction<'static, DB>> {
        let mut tx = self.begin_write("calendar").await?;
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM operators WHERE name = $1 AND active ORDER BY CASE role WHEN 'admin' THEN 0 \
                WHEN 'reviewer' THEN 1 ELSE 2 END LIMIT 1",
        )
        .bind(self.operator.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if role.as_deref() != Some(Role::Admin.as_str()) {
            let who = role.unwrap_or_else(|| t!("store-not-active-operator"));
            return Err(StoreError::Refused(t!(
                "store-calendar-not-admin",
                operator = self.operator.as_str(),
                who = who
            )));
        }
        Ok(tx)
    }

    /// A calendar day from a row of calendar_days' day, kind and note, read by their names.
    fn day_of(row: &DB::Row) -> Result<CalendarDay> {
        let kind: String = row.try_get("kind")?;
        Ok(CalendarDay {
            date: row.try_get("day")?,
            kind: DayKind::parse(&kind).ok_or_else(|| decode_error("day kind", &kind))?,
            note: row.try_get("note")?,
        })
    }

    /// Records the notices of `years` as held (those not recorded yet); how many were new.
    pub(super) async fn record_notices(
        tx: &mut Transaction<'static, DB>,
        years: &[i32],
        source: &str,
        operator: &str,
    ) -> Result<usize> {
        let mut added = 0;
        for year in years {
            let done = sqlx::query(
                "INSERT INTO calendar_notices (year, source, recorded_at, recorded_by) VALUES ($1, $2, $3, $4) \
                    ON CONFLICT (year) DO NOTHING",
            )
            .bind(i64::from(*year))
            .bind(source)
            .bind(Utc::now())
            .bind(operator)
            .execute(&mut **tx)
            .await?;
            added += DB::rows_affected(&done) as usize;
        }
        Ok(added)
    }
}

sql_impl! { CalendarStore;
    async fn calendar(&self, year: Option<i32>) -> Result<Vec<CalendarDay>> {
        let (from, to) = match year {
            Some(y) => year_range(y).ok_or_else(|| StoreError::NotFound(t!("store-no-year", year = y.to_string())))?,
            // Every date either backend can hold a calendar day for.
            None => (
                NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid"),
                NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid"),
            ),
        };
        let rows =
            sqlx::query::<DB>("SELECT day, kind, note FROM calendar_days WHERE day >= $1 AND day <= $2 ORDER BY day")
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(Self::day_of).collect()
    }

    async fn set_calendar_days(&self, days: &[CalendarDay]) -> Result<usize> {
        self.check_schema().await?;
        let mut tx = self.begin_calendar_change().await?;
        let mut changed = Vec::new();
        for day in days {
            let before = sqlx::query::<DB>("SELECT day, kind, note FROM calendar_days WHERE day = $1")
                .bind(day.date)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| Self::day_of(&row))
                .transpose()?;
            let done = sqlx::query(
                "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) \
                 ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note \
                 WHERE calendar_days.kind <> excluded.kind OR calendar_days.note <> excluded.note",
            )
            .bind(day.date)
            .bind(day.kind.as_str())
            .bind(day.note.as_str())
            .execute(&mut *tx)
            .await?;
            if DB::rows_affected(&done) > 0 {
                changed.push(json!({
                    "date": day.date.to_string(), "kind": day.kind.as_str(), "note": day.note,
                    "before": before.map(|b| json!({"kind": b.kind.as_str(), "note": b.note})),
                    "after": {"kind": day.kind.as_str(), "note": day.note},
                }));
            }
        }
        if changed.is_empty() {
            tx.rollback().await?;
            return Ok(0);
        }
        Self::audit(&mut tx, None, &self.operator, "calendar.set", "calendar", &json!(changed).to_string()).await?;
        self.finish(tx).await?;
        Ok(changed.len())
    }

    async fn calendar_notices(&self) -> Result<Vec<CalendarNotice>> {
        let rows =
            sqlx::query::<DB>("SELECT year, source, recorded_at, recorded_by FROM calendar_notices ORDER BY year")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                let year: i64 = row.try_get("year")?;
                Ok(CalendarNotice {
                    year: i32::try_from(year).map_err(|_| decode_error("year", &year.to_string()))?,
                    source: row.try_get("source")?,
                    recorded_at: row.try_get("recorded_at")?,
                    recorded_by: row.try_get("recorded_by")?,
                })
            })
            .collect()
    }

    async fn import_calendar(&self, year: i32, source: &str, days: &[CalendarDay]) -> Result<CalendarImport> {
        self.check_schema().await?;
        let mut tx = self.begin_calendar_change().await?;
        // What the calendar holds of those days, read in the transaction that changes them.
        let (first, last) = match (days.first(), days.last()) {
            (Some(f), Some(l)) => (f.date, l.date),
            _ => return Err(StoreError::Refused(t!("store-notice-no-day"))),
        };
        let held = sqlx::query::<DB>("SELECT day, kind, note FROM calendar_days WHERE day >= $1 AND day <= $2")
            .bind(first)
            .bind(last)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(Self::day_of)
            .collect::<Result<Vec<_>>>()?;
        let changed = calendar::changes(&held, days);
        for day in &changed {
            sqlx::query(
                "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) ON CONFLICT (day) DO UPDATE \
                SET kind = excluded.kind, note = excluded.note",
            )
            .bind(day.date)
            .bind(day.kind.as_str())
            .bind(day.note.as_str())
            .execute(&mut *tx)
            .await?;
        }
        let year_added = Self::record_notices(&mut tx, &[year], source, &self.operator).await? > 0;
        let done = CalendarImport { days: changed, year_added };
        if !done.changed() {
            tx.rollback().await?;
            return Ok(done);
        }
        // Each day's before (null: the calendar did not hold it) and after, and the notice's.
        let state = |d: &CalendarDay| json!({"kind": d.kind.as_str(), "note": d.note});
        let listed: Vec<serde_json::Value> = done
            .days
            .iter()
            .map(|d| {
                let before = held.iter().find(|h| h.date == d.date).map(state);
                json!({"date": d.date.to_string(), "before": before, "after": state(d)})
            })
            .collect();
        let detail = json!({
            "year": year,
            "source": source,
            "before": {"notice_held": !year_added},
            "after": {"notice_held": true},
            "days": listed,
        });
        Self::audit(&mut tx, None, &self.operator, "calendar.import", &format!("calendar:{year}"), &detail.to_string())
            .await?;
        self.finish(tx).await?;
        Ok(done)
    }
}
