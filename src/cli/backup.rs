//! `backup` and `restore-backup`.

use std::path::Path;

use serde_json::json;

use super::output::{Format, print_json};
use super::{Cli, Failure, open_store, session, target};
use crate::store::{OpenOptions, Target};
use crate::t;
use crate::usecase::backup;

pub async fn run(cli: &Cli, file: &Path, keep: u32) -> Result<(), Failure> {
    let target = target(cli)?;
    let s = session(cli).await?;
    let summary = backup::backup(s.store.as_ref(), &target, file, keep).await?;
    if cli.format == Some(Format::Json) {
        let heads: Vec<_> =
            summary.copied.heads.iter().map(|h| json!({"site": h.site, "id": h.id, "hash": h.hash})).collect();
        print_json(&json!({
            "action": "backup",
            "dry_run": false,
            "changed": true,
            "file": file.display().to_string(),
            "sha256": summary.checksum,
            "tables": summary.copied.counts.len(),
            "rows": summary.rows(),
            "heads": heads,
            "recorded": summary.not_recorded.is_none(),
        }))?;
        if let Some(why) = summary.not_recorded {
            eprintln!("{}", t!("backup-not-recorded", error = why));
        }
        return Ok(());
    }
    println!(
        "{}",
        t!(
            "backup-written",
            file = file.display().to_string(),
            tables = summary.copied.counts.len(),
            rows = summary.rows(),
            checksum = summary.checksum.as_str()
        )
    );
    for head in &summary.copied.heads {
        println!("{}", t!("backup-head", site = head.site.as_str(), id = head.id, hash = head.hash.as_str()));
    }
    if let Some(why) = summary.not_recorded {
        eprintln!("{}", t!("backup-not-recorded", error = why));
    }
    Ok(())
}

pub async fn restore(cli: &Cli, file: &Path) -> Result<(), Failure> {
    let target = target(cli)?;
    backup::check_file(file, &target)?;
    let made = match &target {
        Target::Sqlite { path } => !path.exists(),
        Target::Postgres { .. } => false,
    };
    let store =
        open_store(&target, OpenOptions { create: true, read_only: cli.read_only, ..OpenOptions::default() }).await?;
    let restored = backup::restore(store.as_ref(), file, &target).await;
    drop(store);
    crate::store::close_files().await;
    match restored {
        Ok(counts) => {
            let rows: i64 = counts.iter().map(|c| c.rows).sum();
            if cli.format == Some(Format::Json) {
                return print_json(&json!({
                    "action": "restore-backup",
                    "dry_run": false,
                    "changed": true,
                    "file": file.display().to_string(),
                    "target": target.describe(),
                    "tables": counts.len(),
                    "rows": rows,
                }));
            }
            println!(
                "{}",
                t!(
                    "backup-restored",
                    file = file.display().to_string(),
                    target = target.describe(),
                    tables = counts.len(),
                    rows = rows
                )
            );
            Ok(())
        }
        Err(e) => {
            // A database file made for this restore goes with it: nothing is left half-restored.
            if made && let Target::Sqlite { path } = &target {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Err(e.into())
        }
    }
}
