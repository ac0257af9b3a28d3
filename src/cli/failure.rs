//! A command that did not succeed: one line for standard error and the contract's exit code (2
//! bad usage or input, 1 refused or failed), made from the store's errors with their kind kept.

use crate::i18n;
use crate::store::{ErrorKind, StoreError};
use crate::t;

/// A command that did not succeed: what to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
    /// The kind of the store's error it was made from (`None`: not the store's).
    pub kind: Option<ErrorKind>,
}

impl Failure {
    /// Bad usage or bad input (exit 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { code: 2, message: message.into(), kind: None }
    }

    /// Refused or failed (exit 1).
    pub fn failed(message: impl Into<String>) -> Failure {
        Failure { code: 1, message: message.into(), kind: None }
    }

    /// Ended by a signal or a closed pipe: nothing more to say (exit `code`).
    pub fn quiet(code: i32) -> Failure {
        Failure { code, message: String::new(), kind: None }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let code = match e {
            StoreError::BadItem { .. } | StoreError::NoSuchSite(_) => 2,
            _ => 1,
        };
        Failure { code, message: e.one_line(), kind: Some(e.kind()) }
    }
}

impl From<String> for Failure {
    /// A message from parsing input: bad usage.
    fn from(message: String) -> Failure {
        Failure::usage(message)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader went away (`portal-admin export | head`): stop quietly, as a shell tool does.
            return Failure::quiet(BROKEN_PIPE);
        }
        Failure::failed(i18n::os_error(&e))
    }
}

/// The exit code of a process whose output pipe closed (128 + SIGPIPE).
pub const BROKEN_PIPE: i32 = 141;

/// SQLite's "database is locked" (another process held the write lock for longer than the wait:
/// the store's `ErrorKind::Busy`), said as what it means: who holds it, that nothing was written,
/// and to try again.
pub(super) fn locked(failure: Failure, database: Option<&std::path::Path>) -> Failure {
    let Some(path) = database.filter(|_| failure.kind == Some(ErrorKind::Busy)) else { return failure };
    let holders = crate::places::holders(path);
    let who = if holders.is_empty() { t!("another-process") } else { holders.join(&t!("list-separator")) };
    Failure::failed(t!("database-locked", path = path.display().to_string(), who = who))
}
