//! Where the program keeps things on this machine: the embedded database and the log (the data
//! directory) and the user's own settings (the config directory). One place to ask, so the first
//! run, the console's help and every command agree.

use crate::t;
use std::path::{Path, PathBuf};

/// Overrides the data directory (the embedded database and the demo database live there).
pub const DATA_DIR_ENV: &str = "PORTAL_ADMIN_DATA_DIR";

/// The files of the config directory the program reads, and what each one does.
pub const SETTINGS: &[(&str, &str)] = &[
    ("keymap.toml", "your key bindings, laid over the defaults (portal-admin keymap show)"),
    ("inspection.toml", "which columns each national-check indicator looks at (portal-admin inspect)"),
    ("names.tsv", "leaders' and institutions' names for the content checks (portal-admin check add-name)"),
    ("words.tsv", "sensitive words and fixed terms for the content checks (portal-admin check add-word)"),
    (
        "config.toml",
        "settings: language, [links] allow_private, withdrawal_notice (portal-admin links), [backup] warn_after_days",
    ),
];

/// The data directory: `PORTAL_ADMIN_DATA_DIR`, else the platform's (~/.local/share/portal-admin).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "portal-admin").map(|d| d.data_dir().to_path_buf())
}

/// Overrides the config directory (the settings, the keymap, the content checks' lists).
pub const CONFIG_DIR_ENV: &str = "PORTAL_ADMIN_CONFIG_DIR";

/// The config directory: `PORTAL_ADMIN_CONFIG_DIR`, else the platform's (~/.config/portal-admin,
/// or under `XDG_CONFIG_HOME`).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "portal-admin").map(|d| d.config_dir().to_path_buf())
}

/// A file of the user's own in the config directory (which may not exist).
pub fn setting(file: &str) -> Option<PathBuf> {
    config_dir().map(|d| d.join(file))
}

/// The console's log file.
pub fn log_file() -> Option<PathBuf> {
    data_dir().map(|d| d.join("portal-admin.log"))
}

/// Makes every file and directory this process creates its user's alone (umask 077: files 0600,
/// directories 0700): the database with its `-wal` and `-shm`, the log, bulletins, settings. The
/// data of an unpublished item must not be readable by the other users of a shared SSH host.
pub fn keep_private() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// A directory (and its parents) made as this user's alone, whatever the umask.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens a file for writing as this user's alone when it is created (0600, whatever the umask):
/// appending to it, or replacing what it held.
pub fn create_private_file(path: &Path, append: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true);
    if append {
        options.append(true);
    } else {
        options.write(true).truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A warning, when a database file (or its -wal or -shm) can be read by other users of this
/// machine, with the command that makes it private.
pub fn exposed(database: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let files: Vec<PathBuf> =
            ["", "-wal", "-shm"].iter().map(|s| PathBuf::from(format!("{}{s}", database.display()))).collect();
        // An empty file holds nothing to read yet.
        let open: Vec<&PathBuf> = files
            .iter()
            .filter(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 0 && m.permissions().mode() & 0o077 != 0))
            .collect();
        let first = open.first()?;
        let mode = std::fs::metadata(first).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
        let all: Vec<String> = open.iter().map(|f| f.display().to_string()).collect();
        Some(format!(
            "warning: {} can be read by other users of this machine (mode {mode:o}); make it yours alone: chmod 600 {}",
            first.display(),
            all.join(" ")
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = database;
        None
    }
}

/// The processes that have a file open (Linux: /proc; those of other users only when root), as
/// `pid 1234 (portal-admin import big.jsonl, user chen)`: who holds a database that is locked.
pub fn holders(file: &Path) -> Vec<String> {
    let Ok(file) = file.canonicalize() else { return Vec::new() };
    let Ok(processes) = std::fs::read_dir("/proc") else { return Vec::new() };
    let mut out = Vec::new();
    for p in processes.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        if pid == std::process::id() {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else { continue };
        if !fds.flatten().any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == file)) {
            continue;
        }
        let command = std::fs::read(p.path().join("cmdline")).unwrap_or_default();
        let command: Vec<String> = command
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).to_string())
            .enumerate()
            .map(|(i, a)| {
                if i == 0 {
                    Path::new(&a).file_name().map_or(a.clone(), |n| n.to_string_lossy().to_string())
                } else {
                    a
                }
            })
            .collect();
        #[cfg(unix)]
        let user = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(p.path()).map(|m| m.uid()).ok().and_then(user_name)
        };
        #[cfg(not(unix))]
        let user: Option<String> = None;
        let user = user.map_or(String::new(), |u| format!(", user {u}"));
        out.push(format!("pid {pid} ({}{user})", command.join(" ")));
    }
    out
}

/// The name of a user id, from /etc/passwd.
#[cfg(unix)]
fn user_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let fields: Vec<&str> = l.split(':').collect();
        (fields.get(2)?.parse::<u32>().ok()? == uid).then(|| fields[0].to_string())
    })
}

/// What to tell a person about where things are: a label and a line for each, naming what is there.
pub fn described(database: &str) -> Vec<(String, String)> {
    let mut lines = vec![(t!("places-database"), database.to_string())];
    match config_dir() {
        Some(dir) => {
            let present: Vec<&str> = SETTINGS.iter().map(|(f, _)| *f).filter(|f| dir.join(f).exists()).collect();
            let what = if present.is_empty() { t!("places-no-settings-yet") } else { present.join(", ") };
            lines
                .push((t!("places-settings"), t!("places-settings-dir", dir = dir.display().to_string(), what = what)));
        }
        None => lines.push((t!("places-settings"), t!("places-no-home"))),
    }
    if let Some(log) = log_file() {
        lines.push((t!("places-log"), log.display().to_string()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_under_the_config_directory() {
        let dir = config_dir().expect("a home directory in the tests");
        for (file, what) in SETTINGS {
            assert_eq!(setting(file).unwrap(), dir.join(file));
            assert!(what.contains("portal-admin"), "{file}: say which command uses it");
        }
        let lines = described("SQLite /tmp/x.db");
        assert_eq!(lines[0], ("Database".to_string(), "SQLite /tmp/x.db".to_string()));
        assert!(lines[1].1.starts_with(&dir.display().to_string()), "{lines:?}");
    }

    #[test]
    fn places_are_described_in_the_interfaces_language() {
        let lines = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || described("SQLite /tmp/x.db"));
        assert_eq!(lines[0].0, "数据库");
        assert_eq!(lines[1].0, "设置");
        assert!(!lines[1].1.contains("built-in"), "{lines:?}");
    }
}
