use std::io::IsTerminal;
use std::process::ExitCode;

use clap::FromArgMatches;
use portal_admin::cli::{self, Cli, output, texts};
use portal_admin::t;

fn main() -> ExitCode {
    portal_admin::places::keep_private();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    cli::choose_language(&args);
    let parsed = texts::command(help_width()).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                ErrorKind::DisplayHelp => {
                    print!("{}", texts::render_help(&e.render().to_string(), help_width()));
                    return ExitCode::SUCCESS;
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    eprint!("{}", texts::render_help(&e.render().to_string(), help_width()));
                    return ExitCode::from(2);
                }
                ErrorKind::DisplayVersion => e.exit(),
                // Bad usage in one line, as every other error (clap's own adds usage and tips).
                _ => {
                    let command = texts::command_path(&args);
                    output::tell(&t!("usage-error", message = texts::usage_error(&e), command = command));
                    return ExitCode::from(2);
                }
            }
        }
    };
    // Subcommands wait on one query at a time: one thread starts faster than a pool of them.
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            output::tell(&t!("cannot-start", error = portal_admin::i18n::os_error(&e)));
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                output::tell(&t!("failure", message = failure.message));
            }
            ExitCode::from(u8::try_from(failure.code).unwrap_or(1))
        }
    }
}

/// The width help is wrapped to: the terminal's (at most 100 cells, as clap's), else 80.
fn help_width() -> usize {
    let terminal = std::io::stdout().is_terminal().then(crossterm::terminal::size).and_then(Result::ok);
    terminal.map_or(80, |(w, _)| usize::from(w).min(100))
}
