//! `config path|show|check`: the settings file.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use super::output::{Format, Listing, say};
use super::{Cli, Failure};
use crate::t;
use crate::usecase::settings;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the settings file is (config.toml in the config directory; PORTAL_ADMIN_CONFIG_DIR moves it)
    Path,
    /// The settings in effect, each with where it comes from (the file and line, --lang, the locale, or the default)
    Show,
    /// Check a settings file (default: your own): every setting known and of its kind, or FILE:LINE: what is wrong
    Check {
        /// The file
        file: Option<PathBuf>,
    },
}

/// Where a value given by an option or its variable comes from: the variable when the command
/// line does not name the option.
fn source(option: &str, variable: &str) -> String {
    let named = std::env::args().any(|a| a == option || a.starts_with(&format!("{option}=")));
    if !named && std::env::var_os(variable).is_some() { variable.to_string() } else { option.to_string() }
}

/// What the command line and the environment set over the settings file.
fn overrides(cli: &Cli) -> settings::Overrides {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    settings::Overrides {
        language: cli.lang.as_deref().and_then(crate::i18n::Lang::parse),
        log_level: cli.log_level.clone().map(|l| (l, source("--log-level", "PORTAL_ADMIN_LOG"))),
        ambiguous_width: cli
            .ambiguous_width
            .as_deref()
            .map(|w| (if w == "2" { 2 } else { 1 }, source("--ambiguous-width", "PORTAL_ADMIN_AMBIGUOUS_WIDTH"))),
        database_url: cli.db.clone().map(|url| (url, source("--db", "DATABASE_URL"))),
        database_primary_url: cli.db_primary.clone().map(|url| (url, source("--db-primary", "DATABASE_PRIMARY_URL"))),
        site: cli.site.clone().map(|s| (s, "--site".to_string())),
        monochrome: if cli.no_color {
            Some("--no-color".to_string())
        } else {
            no_color.then(|| "NO_COLOR".to_string())
        },
    }
}

fn own_file() -> Result<PathBuf, Failure> {
    settings::file().ok_or_else(|| Failure::failed(t!("config-no-home")))
}

pub fn run(cli: &Cli, command: &ConfigCommand) -> Result<(), Failure> {
    match command {
        ConfigCommand::Path => {
            say(&own_file()?.display().to_string());
            Ok(())
        }
        ConfigCommand::Show => {
            let read = match settings::file() {
                Some(file) => settings::Settings::read(&file).map_err(Failure::usage)?,
                None => settings::Settings::default(),
            };
            let shown = settings::effective(&read, &overrides(cli));
            let mut listing = Listing::new(&["setting", "value", "from"]);
            for s in shown {
                listing.push(vec![json!(s.setting), s.value, json!(s.from)]);
            }
            listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
            Ok(())
        }
        ConfigCommand::Check { file } => {
            let path = match file {
                Some(file) => file.clone(),
                None => own_file()?,
            };
            if file.is_none() && !path.exists() {
                say(&t!("config-none", file = path.display().to_string()));
                return Ok(());
            }
            settings::check(&path).map_err(Failure::usage)?;
            say(&t!("config-ok", file = path.display().to_string()));
            Ok(())
        }
    }
}
