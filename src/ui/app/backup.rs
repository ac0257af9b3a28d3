//! The status line's word on backups: when the last one was made (the newest backup record in
//! the audit trail, which `portal-admin backup` writes), and a warning when that is longer ago
//! than `[backup] warn_after_days` in config.toml (7 days unless set), or when there is none.

use chrono::{DateTime, Duration, Utc};

use super::{App, Effect, Load};
use crate::domain::backup::overdue;
use crate::t;

/// What the console knows of backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupWatch {
    /// How old the last backup may be before the status line warns.
    pub warn_after: Duration,
    /// When the last backup was made, once read (`Some(None)`: never).
    pub last: Option<Option<DateTime<Utc>>>,
    /// The query under way, if one is.
    asked: Option<u64>,
}

/// How long ago, in the largest whole unit (minutes, hours, days), as the catalogs say it.
pub fn age(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    match minutes {
        m if m < 60 => t!("backup-age-minutes", n = m),
        m if m < 60 * 48 => t!("backup-age-hours", n = m / 60),
        m => t!("backup-age-days", n = m / (60 * 24)),
    }
}

impl App {
    /// Watches backups from now on: asks when the last one was made, and again whenever a
    /// change by someone else is seen (a backup is recorded as a change).
    pub fn watch_backups(&mut self, warn_after: Duration) -> Vec<Effect> {
        self.backup = Some(BackupWatch { warn_after, last: None, asked: None });
        let mut effects = Vec::new();
        self.load_last_backup(&mut effects);
        effects
    }

    /// Asks when the last backup was made, if backups are watched and it is not being asked.
    pub(super) fn load_last_backup(&mut self, effects: &mut Vec<Effect>) {
        if self.backup.as_ref().is_some_and(|w| w.asked.is_none()) {
            let id = self.request(Load::LastBackup, effects);
            if let Some(w) = &mut self.backup {
                w.asked = Some(id);
            }
        }
    }

    pub(super) fn last_backup_loaded(&mut self, id: u64, result: Result<Option<DateTime<Utc>>, String>) {
        let Some(w) = self.backup.as_mut().filter(|w| w.asked == Some(id)) else { return };
        w.asked = None;
        match result {
            Ok(last) => w.last = Some(last),
            // What was known stays; the connection's own line says when the database is away.
            Err(e) => tracing::warn!("reading when the last backup was made failed: {e}"),
        }
    }

    /// What the status line says of backups, once known: the text, and whether it is a warning
    /// (the last backup is older than the setting, or there is none).
    pub fn backup_status(&self) -> Option<(String, bool)> {
        let w = self.backup.as_ref()?;
        let last = w.last?;
        if !overdue(last, self.now, w.warn_after) {
            let at = last?;
            return Some((t!("status-backup-made", age = age(self.now - at)), false));
        }
        Some(match last {
            None => (t!("status-backup-none"), true),
            Some(at) => (t!("status-backup-old", age = age(self.now - at), days = w.warn_after.num_days()), true),
        })
    }

    /// The backup warning's first part (what is wrong, without what to do), for a status line
    /// with no room for the whole.
    pub fn backup_warning_head(&self) -> Option<String> {
        let w = self.backup.as_ref()?;
        let last = w.last?;
        overdue(last, self.now, w.warn_after).then(|| match last {
            None => t!("status-backup-none-head"),
            Some(at) => t!("status-backup-old-head", age = age(self.now - at)),
        })
    }
}
