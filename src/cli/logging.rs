//! The console's log, `portal-admin.log` in the data directory (never the screen): its level from
//! `--log-level`, else `PORTAL_ADMIN_LOG`, else `log_level` in the settings, else `info` (each a
//! filter of tracing's env filter: `debug`, `portal_admin=debug,warn`); and rotated as
//! `[log] rotation` says (daily, hourly, at `[log] max_size_mib`, or never), the `[log] keep`
//! newest older files kept as `portal-admin.log.1`, `.2` … by the `file-rotate` crate.

use std::path::Path;

use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate, TimeFrequency, compression::Compression};

use super::Failure;
use crate::t;
use crate::usecase::settings::{LOG_LEVEL, Rotation, Settings, valid_log_filter};

/// The log's filter: the option's (clap reads `PORTAL_ADMIN_LOG` into it when the option is not
/// given), else the settings', else `info`. A filter tracing cannot read is bad input.
pub fn filter(option: Option<&str>, settings: &Settings) -> Result<String, Failure> {
    match option {
        Some(given) if !valid_log_filter(given) => Err(Failure::usage(t!("bad-log-level", value = given))),
        Some(given) => Ok(given.to_string()),
        None => Ok(settings.log_level.clone().unwrap_or_else(|| LOG_LEVEL.to_string())),
    }
}

/// The log file at `path`, rotated as the settings say; a new file is its user's alone (0600).
pub fn file(path: &Path, settings: &Settings) -> FileRotate<AppendCount> {
    let limit = match settings.log_rotation {
        Rotation::Daily => ContentLimit::Time(TimeFrequency::Daily),
        Rotation::Hourly => ContentLimit::Time(TimeFrequency::Hourly),
        Rotation::Size => ContentLimit::BytesSurpassed(settings.log_max_size_mib as usize * 1024 * 1024),
        Rotation::Never => ContentLimit::None,
    };
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    FileRotate::new(path, AppendCount::new(settings.log_keep), limit, Compression::None, Some(options))
}

/// Sends this process's log lines to the log file (the console's), at the level `filter` says.
/// Without a data directory there is no log; it never stops the console.
pub fn start(filter: &str, settings: &Settings) {
    let Some(log) = crate::places::log_file() else { return };
    if log.parent().is_some_and(|dir| crate::places::create_private_dir(dir).is_err()) {
        return;
    }
    let Ok(filter) = tracing_subscriber::EnvFilter::try_new(filter) else { return };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file(&log, settings)))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn the_level_comes_from_the_option_then_the_settings_then_info() {
        let set = Settings::from_text("config.toml", "log_level = \"warn\"\n").unwrap();
        assert_eq!(filter(Some("debug"), &set).unwrap(), "debug");
        assert_eq!(filter(None, &set).unwrap(), "warn");
        assert_eq!(filter(None, &Settings::default()).unwrap(), "info");
        let bad = crate::i18n::scoped(crate::i18n::Lang::En, || filter(Some("loud["), &set).unwrap_err());
        assert_eq!(bad.code, 2);
        assert!(bad.message.contains("loud[") && !bad.message.contains('\n'), "{}", bad.message);
    }

    #[test]
    fn the_level_decides_which_lines_reach_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal-admin.log");
        for (level, debug_kept) in [("info", false), ("debug", true), ("portal_admin=debug", true)] {
            std::fs::remove_file(&path).ok();
            let subscriber = tracing_subscriber::fmt()
                .with_writer(std::sync::Mutex::new(file(&path, &Settings::default())))
                .with_ansi(false)
                .with_env_filter(tracing_subscriber::EnvFilter::try_new(level).unwrap())
                .finish();
            tracing::subscriber::with_default(subscriber, || {
                tracing::info!("an info line");
                tracing::debug!("a debug line");
            });
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains("an info line"), "{level}: {text}");
            assert_eq!(text.contains("a debug line"), debug_kept, "{level}: {text}");
        }
    }

    #[test]
    fn a_log_rotated_by_size_keeps_only_the_newest_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal-admin.log");
        let text = "[log]\nrotation = \"size\"\nmax_size_mib = 1\nkeep = 2\n";
        let settings = Settings::from_text("config.toml", text).unwrap();
        let mut log = file(&path, &settings);
        let line = format!("{}\n", "撤回".repeat(100));
        let mut written = 0;
        while written < 5 * 1024 * 1024 {
            log.write_all(line.as_bytes()).unwrap();
            written += line.len();
        }
        log.flush().unwrap();
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        names.sort();
        assert_eq!(names, ["portal-admin.log", "portal-admin.log.1", "portal-admin.log.2"], "two older files kept");
        for name in &names {
            let size = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(size <= 1024 * 1024 + line.len() as u64, "{name}: {size}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the log is its user's alone");
        }
    }
}
