use std::process::ExitCode;

use clap::Parser;
use portal_admin::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Subcommands wait on one query at a time: one thread starts faster than a pool of them.
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("portal-admin: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprintln!("portal-admin: {}", failure.message);
            }
            ExitCode::from(u8::try_from(failure.code).unwrap_or(1))
        }
    }
}
