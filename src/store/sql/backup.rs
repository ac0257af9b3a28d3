//! Backups and restores (the copying itself is the backend's: `store/backup.rs`), and the record
//! of each backup made.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Executor, Pool};

use super::*;
use crate::domain::backup::TableCount;
use crate::store::backend::Backend;
use crate::store::backup::Copied;
use crate::store::text::Lossy;
use crate::t;

sql_impl! { BackupStore;
    async fn backup(&self, file: &Path, target: &Target) -> Result<Copied> {
        (DB::BACKUP)(&self.pool, file, target).await
    }

    async fn restore_backup(&self, file: &Path, target: &Target) -> Result<Vec<TableCount>> {
        if let Some(why) = &self.read_only {
            let what = t!("store-doing-backup-restore");
            return Err(StoreError::Refused(t!("store-read-only", what = what, why = why.as_str())));
        }
        // Into the primary, given a standby (which takes no write).
        (DB::RESTORE)(self.writer(), file, target.primary().unwrap_or(target)).await
    }

    async fn record_backup(&self, detail: &str) -> Result<()> {
        let mut tx = self.begin_write("backup-record").await?;
        Self::audit(&mut tx, None, &self.operator, "backup", "backup", detail).await?;
        tx.commit().await?;
        let readable = self.replayed().await;
        written::ended(readable);
        Ok(())
    }

    async fn last_backup(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar(
            "SELECT at FROM audit_log WHERE site_id IS NULL AND target = 'backup' ORDER BY at DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?)
    }
}
