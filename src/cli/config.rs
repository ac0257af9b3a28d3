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
            let file = settings::file();
            let lang = cli.lang.as_deref().and_then(crate::i18n::Lang::parse);
            let shown = settings::effective(file.as_deref(), lang).map_err(Failure::usage)?;
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
