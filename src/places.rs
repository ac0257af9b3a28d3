//! Where the program keeps things on this machine: the embedded database and the log (the data
//! directory) and the user's own settings (the config directory). One place to ask, so the first
//! run, the console's help and every command agree.

use std::path::PathBuf;

/// Overrides the data directory (the embedded database and the demo database live there).
pub const DATA_DIR_ENV: &str = "PORTAL_ADMIN_DATA_DIR";

/// The files of the config directory the program reads, and what each one does.
pub const SETTINGS: &[(&str, &str)] = &[
    ("keymap.toml", "your key bindings, laid over the defaults (portal-admin keymap show)"),
    ("inspection.toml", "which columns each national-check indicator looks at (portal-admin inspect)"),
    ("names.tsv", "leaders' and institutions' names for the content checks (portal-admin check add-name)"),
    ("words.tsv", "sensitive words and fixed terms for the content checks (portal-admin check add-word)"),
];

/// The data directory: `PORTAL_ADMIN_DATA_DIR`, else the platform's (~/.local/share/portal-admin).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "portal-admin").map(|d| d.data_dir().to_path_buf())
}

/// The config directory: the platform's (~/.config/portal-admin, or under `XDG_CONFIG_HOME`).
pub fn config_dir() -> Option<PathBuf> {
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

/// What to tell a person about where things are: a label and a line for each, naming what is there.
pub fn described(database: &str) -> Vec<(&'static str, String)> {
    let mut lines = vec![("Database", database.to_string())];
    match config_dir() {
        Some(dir) => {
            let present: Vec<&str> = SETTINGS.iter().map(|(f, _)| *f).filter(|f| dir.join(f).exists()).collect();
            let what = if present.is_empty() { "none yet: the built-in ones are used".to_string() } else { present.join(", ") };
            lines.push(("Settings", format!("{} ({what})", dir.display())));
        }
        None => lines.push(("Settings", "no home directory: only the built-in settings".into())),
    }
    if let Some(log) = log_file() {
        lines.push(("Log", log.display().to_string()));
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
        assert_eq!(lines[0], ("Database", "SQLite /tmp/x.db".to_string()));
        assert!(lines[1].1.starts_with(&dir.display().to_string()), "{lines:?}");
    }
}
