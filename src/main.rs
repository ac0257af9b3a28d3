use std::process::ExitCode;

use clap::Parser;
use portal_admin::cli::{self, Cli, output};

fn main() -> ExitCode {
    portal_admin::places::keep_private();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            // Bad usage in one line, as every other error (clap's own adds usage and tips).
            let text = e.render().to_string();
            // Its first paragraph, on one line: a missing argument's name is on the line after.
            let first: Vec<&str> = text.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
            let first = first.join(" ");
            let first = first.trim_start_matches("error: ");
            output::tell(&format!("portal-admin: {first} (see portal-admin --help)"));
            return ExitCode::from(2);
        }
    };
    // Subcommands wait on one query at a time: one thread starts faster than a pool of them.
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            output::tell(&format!("portal-admin: cannot start: {e}"));
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                output::tell(&format!("portal-admin: {}", failure.message));
            }
            ExitCode::from(u8::try_from(failure.code).unwrap_or(1))
        }
    }
}
