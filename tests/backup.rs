//! Issue 26, points 1 and 2: backups and the restore drill. A database under writes is backed up,
//! restored into an empty database, and compared table by table; a truncated or corrupted backup
//! is refused in one line; a non-empty target is refused; `--keep` rotates numbered copies. Through
//! the real binary, on both databases.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::{Backend, Raw, TestDb, stderr};

const ITEMS: &str = common::TWO_POLICIES;

/// Every table of the database with its rows, by name.
async fn tables(raw: &mut Raw) -> Vec<(String, i64)> {
    let list = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
    let pg = "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() \
              AND tablename <> 'portal_changes' ORDER BY tablename";
    let names: Vec<String> = match raw {
        Raw::Sqlite(c) => sqlx::query_scalar(list).fetch_all(c).await.unwrap(),
        Raw::Postgres(c) => sqlx::query_scalar(pg).fetch_all(c).await.unwrap(),
    };
    let mut out = Vec::new();
    for name in names {
        let rows = raw.count(&format!("SELECT COUNT(*) FROM {name}")).await;
        out.push((name, rows));
    }
    out
}

/// A fresh, empty database of the same backend to restore into (no `init`).
async fn empty_like(db: &TestDb) -> TestDb {
    TestDb::new(db.backend).await
}

/// The head a backup's summary printed for the built-in site.
fn printed_head(summary: &str) -> String {
    let line = summary.lines().find(|l| l.starts_with("audit trail head of site xiangshan")).expect(summary);
    line.rsplit(", ").next().unwrap().to_string()
}

fn refused(db: &TestDb, args: &[&str], says: &str) {
    let out = db.run(args);
    let e = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {e}");
    assert!(e.contains(says), "{args:?}: {e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
}

async fn a_database_under_writes_is_backed_up_and_restored_table_by_table(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let file = db.file("portal.backup");
    let file = file.to_str().unwrap();

    // Writers keep writing while the backup is made.
    let stop = AtomicBool::new(false);
    let summary = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) || n < 3 {
                db.ok(&[
                    "retractions",
                    "request",
                    "zd-2",
                    "--unit",
                    "政府办",
                    "--reason",
                    "outdated",
                    "--note",
                    &format!("{n}"),
                ]);
                n += 1;
            }
            n
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        let summary = db.ok(&["backup", file]);
        stop.store(true, Ordering::SeqCst);
        assert!(writer.join().unwrap() >= 3);
        summary
    });
    assert!(summary.contains("checked (integrity, every table's rows)"), "{summary}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [file.to_string(), format!("{file}.sha256")] {
            assert_eq!(std::fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o600, "{f}");
        }
    }
    let head = printed_head(&summary);
    // The summary travels with the backup: its checksum file carries the head too, as a comment
    // that `sha256sum -c` skips.
    let sidecar = std::fs::read_to_string(format!("{file}.sha256")).unwrap();
    let noted =
        sidecar.lines().find(|l| l.starts_with("# audit trail head of site xiangshan: record ")).expect(&sidecar);
    assert!(summary.contains(&noted[2..]), "{noted} is not what was printed:\n{summary}");
    assert!(noted.ends_with(&head), "{noted}");
    let checked = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", &format!("{file}.sha256")])
        .current_dir(std::path::Path::new(file).parent().unwrap())
        .output();
    if let Ok(out) = checked {
        assert!(out.status.success(), "sha256sum -c: {}", String::from_utf8_lossy(&out.stdout));
    }

    // Restored into an empty database: it verifies, and its head is the one printed.
    let restored = empty_like(&db).await;
    let said = restored.ok(&["restore-backup", file]);
    assert!(said.contains("checked (every table's rows as in the backup)"), "{said}");
    let verified = restored.ok(&["audit", "verify"]);
    assert!(verified.contains(&head), "{verified} does not end at {head}");
    // The source only grew since: its trail still holds that head.
    db.ok(&["audit", "verify", "--against", &head]);

    // Table by table: what the copy holds is what the source held at its moment. The source's
    // append-only tables have at least as many rows now, and every table but those the writer
    // touched has exactly as many.
    let (mut source, mut copy) = (db.any().await, restored.any().await);
    let (now, then) = (tables(&mut source).await, tables(&mut copy).await);
    assert_eq!(now.iter().map(|t| &t.0).collect::<Vec<_>>(), then.iter().map(|t| &t.0).collect::<Vec<_>>());
    for ((table, rows_now), (_, rows_then)) in now.iter().zip(&then) {
        if ["audit_log", "retraction_requests"].contains(&table.as_str()) {
            assert!(rows_then <= rows_now, "{table}: {rows_then} restored, {rows_now} in the source");
        } else {
            assert_eq!(rows_then, rows_now, "{table}");
        }
    }
    let requests = copy.count("SELECT COUNT(*) FROM retraction_requests").await;
    let audited = copy.count("SELECT COUNT(*) FROM audit_log WHERE action = 'retraction.request'").await;
    assert_eq!(requests, audited, "each request in the copy has its audit record, and no record lacks its request");

    // Without writers, a second backup and restore gives every table exactly, and the same items.
    let quiet = db.file("quiet.backup");
    let quiet = quiet.to_str().unwrap();
    db.ok(&["backup", quiet]);
    let again = empty_like(&db).await;
    again.ok(&["restore-backup", quiet]);
    let mut copy = again.any().await;
    let mut now = tables(&mut source).await;
    // The second backup recorded itself after its copy was made.
    let audit = now.iter_mut().find(|t| t.0 == "audit_log").unwrap();
    audit.1 -= 1;
    assert_eq!(tables(&mut copy).await, now);
    assert_eq!(again.ok(&["export"]), db.ok(&["export"]));
    // The restored database works: it takes a change, audited and chained.
    again.ok(&["retract", "zd-1", "--reason", "outdated"]);
    again.ok(&["audit", "verify"]);
    drop(source);
    drop(copy);
}

async fn a_damaged_backup_or_a_non_empty_target_is_refused_in_one_line(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let file = db.file("portal.backup");
    let name = file.to_str().unwrap();
    db.ok(&["backup", name]);
    let bytes = std::fs::read(&file).unwrap();
    let checksum = std::fs::read_to_string(format!("{name}.sha256")).unwrap();
    let target = empty_like(&db).await;

    // Into the source itself (not empty): refused, nothing changed.
    refused(&db, &["restore-backup", name], "is not empty: a backup is restored only into an empty database");
    db.ok(&["audit", "verify"]);

    // A byte changed in the middle: its checksum no longer fits.
    let corrupted = db.file("corrupted.backup");
    let mut changed = bytes.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x55;
    std::fs::write(&corrupted, &changed).unwrap();
    std::fs::write(db.file("corrupted.backup.sha256"), &checksum).unwrap();
    refused(&target, &["restore-backup", corrupted.to_str().unwrap()], "damaged or incomplete");

    // Truncated, with a checksum made to fit it: the database's own check refuses it.
    let truncated = db.file("truncated.backup");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let sum = {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes[..bytes.len() / 2]).iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    std::fs::write(db.file("truncated.backup.sha256"), format!("{sum}  truncated.backup\n")).unwrap();
    refused(&target, &["restore-backup", truncated.to_str().unwrap()], "damaged or incomplete");

    // Without its checksum file.
    let lone = db.file("lone.backup");
    std::fs::write(&lone, &bytes).unwrap();
    refused(&target, &["restore-backup", lone.to_str().unwrap()], "cannot read its checksum file");

    // Nothing was left in the target: a whole backup still restores into it.
    if let Backend::Sqlite = target.backend {
        assert!(!std::path::Path::new(target.url.trim_start_matches("sqlite://")).exists());
    }
    target.ok(&["restore-backup", name]);
}

async fn keep_rotates_numbered_backups(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("nightly.backup");
    let name = file.to_str().unwrap();
    for _ in 0..3 {
        db.ok(&["backup", name, "--keep", "2"]);
    }
    for kept in [name.to_string(), format!("{name}.1"), format!("{name}.sha256"), format!("{name}.1.sha256")] {
        assert!(std::path::Path::new(&kept).exists(), "{kept}");
    }
    assert!(!std::path::Path::new(&format!("{name}.2")).exists());
    assert!(!std::path::Path::new(&format!("{name}.partial")).exists());
    // The older copy is whole: it restores.
    let target = empty_like(&db).await;
    target.ok(&["restore-backup", &format!("{name}.1")]);
    // --keep 0 is bad usage.
    assert_eq!(db.run(&["backup", name, "--keep", "0"]).status.code(), Some(2));
}

on_both_backends!(
    a_database_under_writes_is_backed_up_and_restored_table_by_table,
    a_damaged_backup_or_a_non_empty_target_is_refused_in_one_line,
    keep_rotates_numbered_backups
);
