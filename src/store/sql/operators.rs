//! The operators of a site and their roles (and, on PostgreSQL, their logins' roles).

use crate::t;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{Executor, Pool, Row};

use super::*;
use crate::domain::Role;
use crate::domain::review::Act;
use crate::store::backend::Backend;
use crate::store::text::Lossy;

sql_impl! { SqlStore;
    /// The audit record of a change to `name`'s role on `site` (an operator's or a supervisor's):
    /// `operator.set`, with the role and activity before and after.
    async fn audit_operator_set(
        &self,
        tx: &mut Transaction<'static, DB>,
        site: &Site,
        name: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> Result<()> {
        let detail = json!({"before": before, "after": after});
        Self::audit(
            tx,
            Some(site.id),
            &self.operator,
            "operator.set",
            &format!("operator:{name}"),
            &detail.to_string(),
        )
        .await?;
        Ok(())
    }

    /// Makes a name a supervisor of every site, or disables one (`active`), in `tx`: audited once
    /// for every site (a record of no site, which every site's trail shows), by an active
    /// administrator of any site (on PostgreSQL, who alone holds the administrators' group role the
    /// `supervisors` table's grants ask for); the login then holds the readers' group role.
    async fn write_supervisor(
        &self,
        mut tx: Transaction<'static, DB>,
        name: &str,
        change: OperatorChange,
        active: bool,
    ) -> Result<bool> {
        let administers: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM operators WHERE name = $1 AND role = 'admin' AND active")
                .bind(self.operator.as_str())
                .fetch_one(&mut *tx)
                .await?;
        if administers == 0 {
            let said = if Self::supervisor(&mut *tx, &self.operator).await? == Some(true) {
                let (operator, role, act) = (self.operator.clone(), Role::Supervisor, Act::ManageOperators);
                WorkflowError::NotAllowed { operator, role, act }.to_string()
            } else {
                t!("store-supervisor-not-admin", operator = self.operator.as_str())
            };
            return Err(StoreError::Refused(said));
        }
        let before = Self::supervisor(&mut *tx, name).await?;
        if matches!(change, OperatorChange::Add(_)) && before == Some(true) {
            return Err(StoreError::Refused(t!("store-supervisor-exists", name = name)));
        }
        if before == Some(active) {
            tx.rollback().await?;
            return Ok(false);
        }
        if before.is_none() {
            sqlx::query("INSERT INTO supervisors (name, active, created_at) VALUES ($1, $2, $3)")
                .bind(name)
                .bind(active)
                .bind(Utc::now())
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query("UPDATE supervisors SET active = $2 WHERE name = $1")
                .bind(name)
                .bind(active)
                .execute(&mut *tx)
                .await?;
        }
        let state = |a: Option<bool>| a.map(|a| json!({"role": Role::Supervisor.as_str(), "active": a}));
        let detail = json!({"before": state(before), "after": state(Some(active))});
        Self::audit(&mut tx, None, &self.operator, "operator.set", &format!("operator:{name}"), &detail.to_string())
            .await?;
        if let Some(set_login) = DB::SET_LOGIN {
            sqlx::query(set_login).bind(name).execute(&mut *tx).await?;
        }
        self.finish(tx).await?;
        Ok(true)
    }
}

sql_impl! { OperatorStore;
    async fn operators(&self, site: &Site) -> Result<Vec<OperatorRow>> {
        let rows = sqlx::query::<DB>(
            "SELECT name, role, active FROM operators WHERE site_id = $1 \
                            UNION ALL SELECT name, 'supervisor', active FROM supervisors ORDER BY 1",
        )
        .bind(site.id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OperatorRow {
                    name: row.try_get("name")?,
                    role: parse("role", &row.try_get::<String, _>("role")?)?,
                    active: row.try_get("active")?,
                })
            })
            .collect()
    }

    async fn supervisors(&self) -> Result<Vec<OperatorRow>> {
        let rows =
            sqlx::query::<DB>("SELECT name, active FROM supervisors ORDER BY name").fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(OperatorRow { name: row.try_get("name")?, role: Role::Supervisor, active: row.try_get("active")? })
            })
            .collect()
    }

    async fn set_supervisor(&self, name: &str, change: OperatorChange) -> Result<bool> {
        let name = name.trim();
        let active = match change {
            OperatorChange::Add(Role::Supervisor) | OperatorChange::SetRole(Role::Supervisor) => true,
            OperatorChange::Disable => false,
            OperatorChange::Add(role) | OperatorChange::SetRole(role) => {
                let said = t!("store-supervisor-role-per-site", name = name, role = role.to_string());
                return Err(StoreError::Refused(said));
            }
        };
        if let Some(why) = roles::refuse_name(name).filter(|_| active || name.is_empty()) {
            return Err(StoreError::Refused(why));
        }
        self.check_schema().await?;
        let mut tx = self.begin_write("operators").await?;
        if !active && Self::supervisor(&mut *tx, name).await?.is_none() {
            return Err(StoreError::NotFound(t!("store-not-supervisor", name = name)));
        }
        self.write_supervisor(tx, name, change, active).await
    }

    async fn set_operator(&self, site: &Site, name: &str, change: OperatorChange) -> Result<bool> {
        let name = name.trim();
        if let Some(why) =
            roles::refuse_name(name).filter(|_| matches!(change, OperatorChange::Add(_)) || name.is_empty())
        {
            return Err(StoreError::Refused(why));
        }
        let mut tx = self.begin_write("operators").await?;
        Self::allowed(&mut tx, site, &self.operator, Act::ManageOperators).await?;
        let supervisor = Self::supervisor(&mut *tx, name).await?;
        let operator: Option<i64> = sqlx::query_scalar("SELECT id FROM operators WHERE site_id = $1 AND name = $2")
            .bind(site.id)
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        match change {
            OperatorChange::Add(Role::Supervisor) | OperatorChange::SetRole(Role::Supervisor) => {
                return self.write_supervisor(tx, name, change, true).await;
            }
            OperatorChange::Disable if operator.is_none() && supervisor.is_some() => {
                return self.write_supervisor(tx, name, change, false).await;
            }
            _ => {}
        }
        let before = Self::login(&mut *tx, site, name).await?.map(|l| (l.role, l.active));
        let after = match (change, before) {
            (OperatorChange::Add(_), Some(_)) => {
                return Err(StoreError::Refused(t!("store-operator-exists", name = name, site = site.code.as_str())));
            }
            (OperatorChange::SetRole(_) | OperatorChange::Disable, None) => {
                return Err(StoreError::NotFound(t!("store-not-operator", name = name, site = site.code.as_str())));
            }
            (OperatorChange::Add(role), None) => (role, true),
            (OperatorChange::SetRole(role), Some(_)) => (role, true),
            (OperatorChange::Disable, Some((role, _))) => (role, false),
        };
        if before == Some(after) {
            tx.rollback().await?;
            return Ok(false);
        }
        if before.is_none() {
            sqlx::query("INSERT INTO operators (site_id, name, role, active, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(site.id)
                .bind(name)
                .bind(after.0.as_str())
                .bind(after.1)
                .bind(Utc::now())
                .execute(&mut *tx)
                .await?;
        } else {
            // An administrator who gives a name a role means a person who logs in under it.
            sqlx::query(
                "UPDATE operators SET role = $3, active = $4, login = CASE WHEN $4 THEN TRUE ELSE login END \
                    WHERE site_id = $1 AND name = $2",
            )
            .bind(site.id)
            .bind(name)
            .bind(after.0.as_str())
            .bind(after.1)
            .execute(&mut *tx)
            .await?;
        }
        // Only an administrator who can log in counts: the names a history carries cannot act.
        let admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM operators WHERE site_id = $1 AND role = 'admin' AND active AND login",
        )
        .bind(site.id)
        .fetch_one(&mut *tx)
        .await?;
        if admins == 0 {
            return Err(StoreError::Refused(t!("store-last-admin", name = name, site = site.code.as_str())));
        }
        // The audit record first: an administrator who takes away their own role can still write it.
        let state = |s: Option<(Role, bool)>| s.map(|(r, a)| json!({"role": r.as_str(), "active": a}));
        self.audit_operator_set(&mut tx, site, name, state(before), state(Some(after))).await?;
        if let Some(set_login) = DB::SET_LOGIN {
            sqlx::query(set_login).bind(name).execute(&mut *tx).await.map_err(|e| {
                let said = match &e {
                    sqlx::Error::Database(d) => d.message().to_string(),
                    other => other.to_string(),
                };
                StoreError::Refused(roles::refused_grant(name, &self.operator, said.lines().next().unwrap_or_default()))
            })?;
        }
        self.finish(tx).await?;
        Ok(true)
    }
}
