//! Opening the console, and `keymap check` / `keymap show`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Subcommand;
use serde_json::json;

use super::first_run::{self, Choice};
use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::t;
use crate::ui::keymap::{self, Keymap, Layer};
use crate::ui::text::Ambiguous;
use crate::ui::{self, Options};

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Check a keymap file (laid over the defaults) without opening the console
    Check {
        /// The file
        file: PathBuf,
    },
    /// Print the bindings in effect: defaults, your own file, then --keymap
    Show,
}

/// Whether the console can open: input and output are a terminal.
pub fn has_terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// The user's own keymap file.
pub fn user_keymap() -> Option<PathBuf> {
    crate::places::setting("keymap.toml")
}

/// `--keymap vim` names the shipped vim map; anything else is a file.
fn extra_keymap(cli: &Cli) -> Option<(String, String)> {
    let path = cli.keymap.as_ref()?;
    if path.as_os_str() == "vim" && !path.exists() {
        return Some(("keymaps/vim.toml".into(), keymap::VIM.into()));
    }
    Some((path.display().to_string(), std::fs::read_to_string(path).unwrap_or_else(|_| String::from("\u{0}"))))
}

/// The keymap in effect: the defaults, the user's file if there is one, then `--keymap`.
fn effective(cli: &Cli, extra_override: Option<&Path>) -> Result<Keymap, Failure> {
    let mut files: Vec<(String, String)> = vec![("keymaps/default.toml".into(), keymap::DEFAULT.into())];
    if let Some(user) = user_keymap().filter(|p| p.exists()) {
        let text = std::fs::read_to_string(&user).map_err(|e| {
            Failure::usage(t!(
                "keymap-cannot-read",
                file = user.display().to_string(),
                error = crate::i18n::os_error(&e)
            ))
        })?;
        files.push((user.display().to_string(), text));
    }
    let extra = match extra_override {
        Some(path) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut super::transfer::regular_file(path)?, &mut text).map_err(|e| {
                Failure::usage(t!(
                    "keymap-cannot-read",
                    file = path.display().to_string(),
                    error = crate::i18n::os_error(&e)
                ))
            })?;
            Some((path.display().to_string(), text))
        }
        None => {
            if let Some(path) = cli.keymap.as_ref().filter(|p| p.as_os_str() != "vim" || p.exists())
                && let Err(e) = std::fs::read_to_string(path)
            {
                return Err(Failure::usage(t!(
                    "keymap-cannot-read",
                    file = path.display().to_string(),
                    error = crate::i18n::os_error(&e)
                )));
            }
            extra_keymap(cli)
        }
    };
    files.extend(extra);
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    Keymap::build(&refs).map_err(|e| Failure::usage(t!("keymap-error", error = e.to_string())))
}

pub fn keymap(cli: &Cli, command: &KeymapCommand) -> Result<(), Failure> {
    match command {
        KeymapCommand::Check { file } => {
            let map = effective(cli, Some(file))?;
            for w in map.warnings() {
                super::output::tell(&t!("keymap-warning", file = file.display().to_string(), warning = w.to_string()));
            }
            super::output::say(&t!("keymap-ok", file = file.display().to_string()));
            Ok(())
        }
        KeymapCommand::Show => {
            let map = effective(cli, None)?;
            let format = Format::or_default(cli.format);
            let mut listing = Listing::new(&["view", "key", "action", "description"]);
            for layer in Layer::ALL.iter().copied() {
                for b in map.bindings(layer) {
                    // A table says what the key does in the language in effect; CSV and JSON keep the
                    // keymap's own words.
                    let description = if format == Format::Table { b.said(layer, &map) } else { b.description.clone() };
                    listing.push(vec![
                        json!(layer.name()),
                        json!(b.key.to_string()),
                        json!(b.action.name()),
                        json!(description),
                    ]);
                }
            }
            listing.write(format, &mut std::io::stdout().lock())?;
            Ok(())
        }
    }
}

/// The console's theme: the settings' theme with their colours; monochrome under `--no-color` or
/// `NO_COLOR` (which win over any colour the settings give).
fn theme(cli: &Cli, settings: &crate::usecase::settings::Settings) -> ui::widgets::Theme {
    use ui::widgets::{Kind, Theme};
    if cli.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Theme::of(Kind::Monochrome);
    }
    Theme::with_colours(settings.theme, &settings.colours)
}

/// Opens the console on the chosen database; on a first run (no database yet, or an empty one),
/// says where things live and offers `init` or the demo.
pub async fn open(cli: &Cli) -> Result<(), Failure> {
    let keymap = effective(cli, None)?;
    let settings = super::settings()?;
    let log_filter = super::logging::filter(cli.log_level.as_deref(), settings)?;
    let backup_warn_after = crate::usecase::backup::warn_after(settings);
    // The database is opened once; only when that fails is it asked whether this is a first run.
    let mut overview = false;
    let s = match session(cli).await {
        Ok(s) => s,
        // No site chosen on a database of several (bad usage for a command): the console opens on
        // the first site the operator works in, on the overview of them all if they work in several.
        Err(failure) if failure.code == 2 && super::site(cli)?.is_none() => {
            let store = super::store_with(cli, false).await?;
            let Some((site, several)) = crate::usecase::sites::first_held(store.as_ref()).await? else {
                return Err(failure);
            };
            overview = several;
            super::Session { store, site }
        }
        Err(failure) => {
            let Some(why) = (if cli.read_only { None } else { first_run::nothing_here(cli).await? }) else {
                return Err(failure);
            };
            match first_run::ask(&why, &super::target(cli)?.describe())? {
                Choice::Init => {
                    super::init::run(cli, None, None, None).await?;
                    session(cli).await?
                }
                Choice::Demo => {
                    let demo = first_run::on_demo(cli);
                    super::demo::ensure_demo_database(&demo).await?;
                    return Box::pin(open(&demo)).await;
                }
                Choice::Quit => return Ok(()),
            }
        }
    };
    super::logging::start(&log_filter, settings);
    let options = Options {
        keymap,
        ambiguous: if super::ambiguous_width(cli)? == 2 { Ambiguous::Wide } else { Ambiguous::Narrow },
        theme: theme(cli, settings),
        now: Utc::now(),
        read_only: cli.read_only,
        places: crate::places::described(&crate::usecase::connection::describe(s.store.as_ref())),
        first_run: crate::places::config_dir().is_some_and(|d| !d.exists()),
        backup_warn_after,
        links: Ok(crate::usecase::links::settings(settings, false)),
        warning: super::unverified(&super::target(cli)?),
        start_tab: if overview {
            Some(crate::usecase::settings::StartTab::Sites)
        } else {
            settings.given_at("start_tab").map(|_| settings.start_tab)
        },
        mouse: settings.mouse,
    };
    tracing::info!(database = %crate::usecase::connection::describe(s.store.as_ref()), "console opened");
    ui::run(s.store, s.site, options)
        .await
        .map_err(|e| Failure::failed(t!("terminal-error", error = crate::i18n::os_error(&e))))?;
    // Ended by a signal: the terminal is given back; the exit code says which, as a shell's does.
    match ui::terminal::signalled() {
        Some(signal) => Err(Failure::quiet(128 + signal)),
        None => Ok(()),
    }
}
