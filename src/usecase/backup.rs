//! Backups: a checked copy of the database with its checksum beside it, numbered older copies
//! rotated, the backup recorded; a restore into an empty database from a backup whose checksum
//! still fits; and when the last backup was made, for the console's status line.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::domain::audit_chain::is_hash;
use crate::domain::backup::{TableCount, rotation};
use crate::store::backup::{Copied, Head, Kind, kind};
use crate::store::{Result, Store, StoreError, Target};
use crate::t;

/// What a backup made.
#[derive(Debug)]
pub struct Summary {
    pub copied: Copied,
    /// The SHA-256 of the file, also written beside it (`FILE.sha256`).
    pub checksum: String,
    /// Why the backup could not be recorded in the database, if it could not (a read-only
    /// connection, a login without the right): the file is made and checked all the same.
    pub not_recorded: Option<String>,
}

impl Summary {
    pub fn rows(&self) -> i64 {
        self.copied.counts.iter().map(|c| c.rows).sum()
    }
}

/// The checksum file beside a backup, in `sha256sum`'s format (`sha256sum -c` checks it too).
pub fn checksum_file(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

fn io_error(file: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Refused(t!("store-backup-file", file = file.display().to_string(), why = e.to_string()))
}

fn sha256(file: &Path) -> Result<String> {
    let mut f = std::fs::File::open(file).map_err(|e| io_error(file, &e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| io_error(file, &e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Backs the database up into `file`: copied into `FILE.partial` and checked, then the older copies
/// rotated so that `keep` are kept in all (`FILE.1` the newest older one), then renamed into place
/// with its checksum beside it, and recorded.
pub async fn backup(store: &dyn Store, target: &Target, file: &Path, keep: u32) -> Result<Summary> {
    let mut partial = file.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(|e| io_error(&partial, &e))?;
    }
    drop(crate::places::create_private_file(&partial, false).map_err(|e| io_error(&partial, &e))?);
    let copied = match store.backup(&partial, target).await {
        Ok(copied) => copied,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    let checksum = sha256(&partial)?;
    for (from, to) in rotation(file, keep.max(1)) {
        for (from, to) in [(from.clone(), to.clone()), (checksum_file(&from), checksum_file(&to))] {
            if from.exists() {
                std::fs::rename(&from, &to).map_err(|e| io_error(&from, &e))?;
            }
        }
    }
    std::fs::rename(&partial, file).map_err(|e| io_error(file, &e))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let sidecar = checksum_file(file);
    std::io::Write::write_all(
        &mut crate::places::create_private_file(&sidecar, false).map_err(|e| io_error(&sidecar, &e))?,
        sidecar_text(&checksum, &name, &copied.heads).as_bytes(),
    )
    .map_err(|e| io_error(&sidecar, &e))?;
    let detail = json!({
        "file": file.display().to_string(),
        "sha256": checksum,
        "tables": copied.counts.len(),
        "rows": copied.counts.iter().map(|c| c.rows).sum::<i64>(),
        "heads": copied.heads.iter().map(|h| json!({"site": h.site, "id": h.id, "hash": h.hash})).collect::<Vec<_>>(),
    });
    let not_recorded = store.record_backup(&detail.to_string()).await.err().map(|e| e.one_line());
    Ok(Summary { copied, checksum, not_recorded })
}

/// The checksum file's text: each site's audit head at the copy's moment as a comment line (the
/// backup's summary travels with it; `sha256sum -c --strict` skips lines starting with `#`), then
/// the checksum line in `sha256sum`'s format. The comment's words are a file format, English in
/// every language, as `audit trail head of site CODE: record ID, HASH`.
pub fn sidecar_text(checksum: &str, name: &str, heads: &[Head]) -> String {
    let mut out = String::new();
    for head in heads {
        out.push_str(&format!("# audit trail head of site {}: record {}, {}\n", head.site, head.id, head.hash));
    }
    out.push_str(&format!("{checksum}  {name}\n"));
    out
}

/// The checksum a checksum file holds: its first line that is not a comment, up to the name.
fn written_checksum(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    line.split_whitespace().next().filter(|h| is_hash(h)).unwrap_or("").to_ascii_lowercase()
}

/// Checks a backup before anything is opened or made for its restore: its checksum file says it
/// is whole, and it is of the target's kind of database.
pub fn check_file(file: &Path, target: &Target) -> Result<Kind> {
    let sidecar = checksum_file(file);
    let written = std::fs::read_to_string(&sidecar).map_err(|e| {
        StoreError::Refused(t!(
            "store-backup-no-checksum",
            file = file.display().to_string(),
            checksum = sidecar.display().to_string(),
            error = crate::i18n::os_error(&e)
        ))
    })?;
    let expected = written_checksum(&written);
    if sha256(file)? != expected {
        return Err(StoreError::Refused(t!(
            "store-backup-checksum-differs",
            file = file.display().to_string(),
            checksum = sidecar.display().to_string()
        )));
    }
    let found = kind(file)?;
    match (found, target) {
        (Kind::Sqlite, Target::Sqlite { .. }) | (Kind::PgDump, Target::Postgres { .. }) => Ok(found),
        (Kind::Sqlite, _) => Err(StoreError::Refused(t!("store-backup-is-sqlite", file = file.display().to_string()))),
        (Kind::PgDump, _) => {
            Err(StoreError::Refused(t!("store-backup-is-postgres", file = file.display().to_string())))
        }
    }
}

/// Restores a backup (checked with `check_file` first) into the empty database `store` opened,
/// and checks it holds every table's rows the backup holds.
pub async fn restore(store: &dyn Store, file: &Path, target: &Target) -> Result<Vec<TableCount>> {
    store.restore_backup(file, target).await
}

/// When the last backup was made (the newest backup record), if one ever was.
pub async fn last_made(store: &dyn Store) -> Result<Option<DateTime<Utc>>> {
    store.last_backup().await
}

/// How old the last backup may be before the console's status line warns: `[backup]
/// warn_after_days` in the settings, 7 days unless set.
pub fn warn_after(settings: &crate::usecase::settings::Settings) -> Duration {
    Duration::days(i64::from(settings.backup_warn_after_days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_file_carries_the_heads_and_still_reads_as_sha256sum_writes_it() {
        let sum = "c04b".repeat(16);
        let heads = [Head { site: "xiangshan".into(), id: 42, hash: "ab".repeat(32) }];
        let text = sidecar_text(&sum, "portal.backup", &heads);
        assert_eq!(
            text,
            format!("# audit trail head of site xiangshan: record 42, {}\n{sum}  portal.backup\n", "ab".repeat(32))
        );
        assert_eq!(written_checksum(&text), sum);
        // A file as sha256sum writes it, without the comment, reads the same; anything else reads as no checksum.
        assert_eq!(written_checksum(&format!("{}  portal.backup\n", sum.to_uppercase())), sum);
        assert_eq!(written_checksum("# only a comment\n"), "");
        assert_eq!(written_checksum("not-a-hash  portal.backup\n"), "");
    }

    #[test]
    fn the_warning_age_comes_from_config_toml() {
        use crate::usecase::settings::Settings;
        assert_eq!(warn_after(&Settings::default()), Duration::days(7), "no file: the default");
        let set = Settings::from_text("config.toml", "[backup]\nwarn_after_days = 2\n").unwrap();
        assert_eq!(warn_after(&set), Duration::days(2));
    }
}
