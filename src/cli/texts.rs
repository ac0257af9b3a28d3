//! The command line's own texts in the language in effect (`crate::i18n`): every command's
//! description and every option's help come from the catalogs (`i18n/*/help.ftl`), keyed by the
//! command's path and the option's name, and so do clap's headings and the usage errors. The
//! names of commands, options and values stay as they are: they are the scripting contract.

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::i18n::{self, Lang};
use crate::t;

/// The command line's definition with its texts in the language in effect, built for parsing,
/// its help for a terminal `width` cells wide.
pub fn command(width: usize) -> Command {
    let command = localized();
    // Chinese has no spaces to wrap at: `render_help` wraps it by the Unicode rule instead.
    let mut command = command.term_width(if i18n::current() == Lang::ZhCn { 0 } else { width });
    command.build();
    // clap adds a `help` subcommand while building: its description too.
    help_subcommands(&mut command);
    usages(&mut command);
    command
}

/// Each command's usage line with clap's `[OPTIONS]` in the language (clap writes it in English
/// whatever the settings): clap's own line, reworded and set as the command's usage.
fn usages(command: &mut Command) {
    let options = t!("help-options-placeholder");
    let usage = command.render_usage().to_string();
    // clap's title, and its indentation of a second line under it, make way for the catalog's.
    let line = usage.split_once(':').map_or(usage.as_str(), |(_, line)| line.trim_start());
    let indent = format!("\n{}", " ".repeat(crate::ui::text::width(&t!("help-usage"))));
    let line = line.trim_end().replace("[OPTIONS]", &options).replace(USAGE_SEP, &indent);
    *command = std::mem::take(command).override_usage(line);
    for sub in command.get_subcommands_mut() {
        usages(sub);
    }
}

/// How clap starts a command's second usage line (under its `Usage: ` title).
const USAGE_SEP: &str = "\n       ";

/// The command line's definition with its texts in the language in effect, not yet built (clap
/// adds its `help` subcommand when building).
pub fn localized() -> Command {
    localize(Cli::command(), &[])
}

/// The key of a command's description: `about` for the program, `about-retract`,
/// `about-review-approve` … for its commands.
pub fn about_key(path: &[&str]) -> String {
    std::iter::once("about").chain(path.iter().copied()).collect::<Vec<_>>().join("-")
}

/// The key of an option's help: `arg-db` for the program's (global) options, `arg-retract-reason`
/// … for a command's.
pub fn arg_key(path: &[&str], id: &str) -> String {
    std::iter::once("arg").chain(path.iter().copied()).chain([id]).collect::<Vec<_>>().join("-")
}

/// Where clap's own options are listed: last, as clap lists them.
const LAST: usize = 1000;

fn localize(command: Command, path: &[&str]) -> Command {
    let about = i18n::text(&about_key(path), None);
    let template = template(&command);
    let mut command = command.about(about).long_about(None).help_template(template).disable_help_flag(true).arg(
        Arg::new("help").short('h').long("help").action(ArgAction::Help).help(t!("help-flag")).display_order(LAST),
    );
    if command.has_subcommands() {
        command = command.subcommand_value_name(t!("help-command-placeholder"));
    }
    if path.is_empty() {
        command = command.after_help(t!("help-no-command"));
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("help-version"))
                .display_order(LAST),
        );
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && !(path.is_empty() && id == "version"))
        .collect();
    for id in ids {
        let key = arg_key(path, &id);
        command = command.mut_arg(id, |arg| localize_arg(arg, &key));
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let mut inner: Vec<&str> = path.to_vec();
        inner.push(&name);
        command = command.mut_subcommand(&name, |sub| localize(sub, &inner));
    }
    command
}

/// An option's help from the catalog, with its default, its possible values and its variable
/// said in the same language (clap would say them in English).
fn localize_arg(arg: Arg, key: &str) -> Arg {
    let mut help = i18n::text(key, None);
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(PossibleValue::get_name)
        .map(String::from)
        .collect();
    // A flag's possible values are `true` and `false`: nothing to say.
    let takes_value = arg.get_action().takes_values();
    if takes_value && !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&t!("help-values", values = values.join(&t!("help-list-separator"))));
    }
    // An empty default (`--note`) says nothing.
    if takes_value && defaults.iter().any(|d| !d.is_empty()) && !arg.is_hide_default_value_set() {
        help.push_str(&t!("help-default", value = defaults.join(" ")));
    }
    let env = arg.get_env().map(|e| e.to_string_lossy().into_owned());
    if let Some(env) = env.filter(|_| !arg.is_hide_env_set()) {
        help.push_str(&t!("help-env", name = env));
    }
    let mut arg = arg.help(help).long_help(None).hide_env(true);
    if let Some(names) = arg.get_value_names().filter(|_| takes_value) {
        let names: Vec<String> = names.iter().map(|n| value_name(n.as_str())).collect();
        arg = arg.value_names(names);
    }
    if takes_value { arg.hide_default_value(true).hide_possible_values(true) } else { arg }
}

/// What a value is written as, shown as they are in every language: a form to type (`YYYY`, a
/// quarter `YYYYQn`) or the values themselves (`1|2`).
const VALUE_FORMS: &[&str] = &["1|2", "YYYY", "YYYYQn"];

/// The catalog's key for what an option's value is called (`<DATE>` is `value-date`).
pub fn value_key(name: &str) -> String {
    format!("value-{}", name.to_ascii_lowercase().replace('_', "-"))
}

/// What an option's value is called in the usage and the help (`<DATE>`, `<日期>`); a form to type
/// stays as it is.
fn value_name(name: &str) -> String {
    if VALUE_FORMS.contains(&name) { name.to_string() } else { i18n::text(&value_key(name), None) }
}

/// clap's template with the headings from the catalog (clap's own are English).
fn template(command: &Command) -> String {
    let mut parts = vec![String::from("{before-help}{about-with-newline}\n"), t!("help-usage"), "{usage}".into()];
    if command.has_subcommands() {
        parts.push(format!("\n\n{}\n{{subcommands}}", t!("help-commands-heading")));
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        parts.push(format!("\n\n{}\n{{positionals}}", t!("help-arguments-heading")));
    }
    parts.push(format!("\n\n{}\n{{options}}{{after-help}}", t!("help-options-heading")));
    parts.concat()
}

fn help_subcommands(command: &mut Command) {
    for sub in command.get_subcommands_mut() {
        if sub.get_name() == "help" {
            // It lists the commands beside it (clap's own template, in English, otherwise).
            let template = format!(
                "{{about-with-newline}}\n{}{{usage}}\n\n{}\n{{subcommands}}",
                t!("help-usage"),
                t!("help-commands-heading")
            );
            let placeholder = t!("help-command-placeholder");
            *sub = std::mem::take(sub)
                .about(t!("help-subcommand"))
                .help_template(template)
                .subcommand_value_name(placeholder.clone());
            // `help` takes the commands' names as subcommands (above) or, under a command, as values.
            if sub.get_arguments().any(|a| a.get_id() == "subcommand") {
                *sub = std::mem::take(sub).mut_arg("subcommand", |a| a.value_name(placeholder));
            }
            names_under_help(sub);
        } else {
            help_subcommands(sub);
        }
    }
}

/// The names `help` takes under it (for completion), each with its usage in the language too.
fn names_under_help(command: &mut Command) {
    for name in command.get_subcommands_mut() {
        let template = format!("{{about-with-newline}}\n{}{{usage}}", t!("help-usage"));
        *name = std::mem::take(name).help_template(template);
        names_under_help(name);
    }
}

/// The help clap asked for (`--help`, `help`, a command without its subcommand), for a terminal
/// `width` cells wide. clap wraps English at spaces; Chinese, which has none, and the usage line,
/// which clap never wraps, are wrapped here by the Unicode rule (`ui::text::rows`: between
/// characters, never before 。，), each line's rows under its own help column.
pub fn render_help(text: &str, width: usize) -> String {
    let usage = t!("help-usage");
    let mut out = String::new();
    for line in text.lines() {
        if crate::ui::text::width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = match line.strip_prefix(usage.as_str()) {
            Some(_) => usage.len(),
            None => help_column(line),
        };
        let body = &line[indent..];
        let pad = " ".repeat(crate::ui::text::width(&line[..indent]));
        let room = width.saturating_sub(crate::ui::text::width(&line[..indent]));
        for (n, range) in crate::ui::text::rows(body, room, room).into_iter().enumerate() {
            out.push_str(if n == 0 { &line[..indent] } else { &pad });
            out.push_str(body[range].trim_end());
            out.push('\n');
        }
    }
    out
}

/// Where a help line's text starts: after an option's or a command's name and the spaces that
/// align the help (`  --db <URL>  postgres://…`), or after the line's own indentation.
fn help_column(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    if indent == 0 {
        return 0;
    }
    match line[indent..].find("  ") {
        Some(gap) => {
            let after = &line[indent + gap..];
            indent + gap + (after.len() - after.trim_start().len())
        }
        None => indent,
    }
}

/// The command the arguments name (`portal-admin retract`, `portal-admin review approve`): where a
/// usage error sends the reader for help. The words after the program's name that are its
/// subcommands, in order; an option's value that happens to be a command's name is skipped with
/// the option.
pub fn command_path(args: &[std::ffi::OsString]) -> String {
    let definition = localized();
    let mut command = &definition;
    let mut path = vec![command.get_name().to_string()];
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(name) = word.strip_prefix("--") {
            // `--db URL`: the value is the next word, unless written `--db=URL`.
            let takes_value = command
                .get_arguments()
                .chain(definition.get_arguments().filter(|a| a.is_global_set()))
                .find(|a| a.get_long() == Some(name))
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value && !name.contains('=') {
                words.next();
            }
            continue;
        }
        match command.find_subcommand(word.as_ref()) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                command = sub;
            }
            None if word.starts_with('-') => {}
            None => break,
        }
    }
    path.join(" ")
}

/// A usage error in one line, in the language in effect.
pub fn usage_error(e: &clap::Error) -> String {
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(&t!("help-list-separator")),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => t!("usage-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!("usage-unknown-command", name = get(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue => {
            t!(
                "usage-invalid-value",
                arg = arg,
                value = get(ContextKind::InvalidValue),
                values = get(ContextKind::ValidValue)
            )
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            t!("usage-bad-value", arg = arg, value = get(ContextKind::InvalidValue), reason = reason)
        }
        ErrorKind::MissingRequiredArgument => t!("usage-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand => t!("usage-missing-command", name = get(ContextKind::InvalidSubcommand)),
        ErrorKind::ArgumentConflict => t!("usage-conflict", arg = arg, other = get(ContextKind::PriorArg)),
        _ => clap_line(e),
    };
    match e.get(ContextKind::SuggestedArg).or(e.get(ContextKind::SuggestedSubcommand)) {
        Some(suggested) => t!("usage-suggestion", message = message, suggested = suggested.to_string()),
        None => message,
    }
}

/// clap's own message, its first paragraph on one line (a missing argument's name is on the line
/// after), for the rare errors the catalogs do not word themselves.
fn clap_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let first: Vec<&str> = text.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
    first.join(" ").trim_start_matches("error: ").to_string()
}

#[cfg(test)]
mod tests;
