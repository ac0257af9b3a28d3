//! Backups' rules: which numbered copies a rotation keeps, whether a copy holds what its source
//! held, and when the last backup is too old.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};

/// A table and how many rows it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub rows: i64,
}

/// The first table whose rows differ between a source (`expected`) and its copy, or that one has
/// and the other has not: (table, expected rows, found rows; -1 for a table that is not there).
pub fn first_difference(expected: &[TableCount], found: &[TableCount]) -> Option<(String, i64, i64)> {
    let rows = |list: &[TableCount], table: &str| list.iter().find(|c| c.table == table).map_or(-1, |c| c.rows);
    let mut tables: Vec<&str> = expected.iter().chain(found).map(|c| c.table.as_str()).collect();
    tables.sort_unstable();
    tables.dedup();
    tables.into_iter().map(|t| (t.to_string(), rows(expected, t), rows(found, t))).find(|(_, e, f)| e != f)
}

/// The n-th older copy of a backup: `FILE.1`, `FILE.2` … (`FILE` itself for 0).
pub fn numbered(file: &Path, n: u32) -> PathBuf {
    if n == 0 {
        return file.to_path_buf();
    }
    let mut name = file.as_os_str().to_owned();
    name.push(format!(".{n}"));
    PathBuf::from(name)
}

/// The renames that make room for a new `FILE` while keeping `keep` backups in all (the new one
/// and `keep - 1` older, `FILE.1` the newest of those), in the order to run them: the oldest kept
/// copy is overwritten by the one before it, and so on down to `FILE` → `FILE.1`. With `keep`
/// 1 nothing is renamed: the new backup replaces `FILE`.
pub fn rotation(file: &Path, keep: u32) -> Vec<(PathBuf, PathBuf)> {
    (1..keep).rev().map(|n| (numbered(file, n - 1), numbered(file, n))).collect()
}

/// Whether the last backup is older than `max_age` at `now` (none at all counts as too old).
pub fn overdue(last: Option<DateTime<Utc>>, now: DateTime<Utc>, max_age: Duration) -> bool {
    last.is_none_or(|at| now - at > max_age)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(table: &str, rows: i64) -> TableCount {
        TableCount { table: table.into(), rows }
    }

    #[test]
    fn a_rotation_keeps_n_backups_in_all() {
        let file = Path::new("/b/portal.db");
        assert_eq!(rotation(file, 1), vec![]);
        assert_eq!(rotation(file, 0), vec![]);
        assert_eq!(
            rotation(file, 3),
            vec![
                (PathBuf::from("/b/portal.db.1"), PathBuf::from("/b/portal.db.2")),
                (PathBuf::from("/b/portal.db"), PathBuf::from("/b/portal.db.1")),
            ]
        );
        assert_eq!(numbered(file, 0), file);
    }

    #[test]
    fn the_first_differing_table_is_named() {
        let source = [count("items", 3), count("audit_log", 9)];
        assert_eq!(first_difference(&source, &[count("audit_log", 9), count("items", 3)]), None);
        assert_eq!(
            first_difference(&source, &[count("items", 2), count("audit_log", 9)]),
            Some(("items".into(), 3, 2))
        );
        assert_eq!(first_difference(&source, &[count("items", 3)]), Some(("audit_log".into(), 9, -1)));
        assert_eq!(
            first_difference(&source, &[count("items", 3), count("audit_log", 9), count("x", 0)]),
            Some(("x".into(), -1, 0))
        );
    }

    #[test]
    fn a_backup_is_overdue_past_its_age_or_when_there_is_none() {
        let now = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
        let week = Duration::days(7);
        assert!(overdue(None, now, week));
        assert!(!overdue(Some(now - Duration::days(6)), now, week));
        assert!(overdue(Some(now - Duration::days(8)), now, week));
    }
}
