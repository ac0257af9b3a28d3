//! Why a store operation did not happen, in the store's own kinds: the driver's errors are read
//! here once (by their codes, never their words), so that nothing outside the store knows sqlx.

use crate::t;

/// Why a store operation did not happen. Shown in the interface's language (the catalogs'
/// `store-*` messages); the free-text kinds carry a message already put in it where they arose.
#[derive(Debug)]
pub enum StoreError {
    Unreachable {
        target: String,
        reason: String,
    },
    /// The server wants a password that was not given, or not the one given.
    NeedsPassword {
        target: String,
        reason: String,
    },
    /// The login may not use this database: not an operator of it, or disabled (PostgreSQL gives
    /// CONNECT and every right only to its operators' logins).
    NoAccess {
        target: String,
        who: String,
    },
    Missing(String),
    NoSchema(String),
    NewerSchema {
        target: String,
        found: i64,
        supported: i64,
    },
    NotFound(String),
    /// No site with the code asked for, or none asked for of several: the message names the codes
    /// there are (bad usage).
    NoSuchSite(String),
    Refused(String),
    /// Somebody else changed the item since it was read (optimistic locking on its version).
    Conflict(String),
    /// One item of a batch cannot be written (index into the batch).
    BadItem {
        index: usize,
        message: String,
    },
    Database(DatabaseError),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let said = match self {
            StoreError::Unreachable { target, reason } => {
                t!("store-unreachable", target = target.as_str(), reason = reason.as_str())
            }
            StoreError::NeedsPassword { target, reason } => {
                t!("store-needs-password", target = target.as_str(), reason = reason.as_str())
            }
            StoreError::NoAccess { target, who } => t!("store-no-access", target = target.as_str(), who = who.as_str()),
            StoreError::Missing(target) => t!("store-missing", target = target.as_str()),
            StoreError::NoSchema(target) => t!("store-no-schema", target = target.as_str()),
            StoreError::NewerSchema { target, found, supported } => t!(
                "store-newer-schema",
                target = target.as_str(),
                found = found.to_string(),
                supported = supported.to_string()
            ),
            StoreError::NotFound(said)
            | StoreError::NoSuchSite(said)
            | StoreError::Refused(said)
            | StoreError::Conflict(said) => said.clone(),
            StoreError::BadItem { index, message } => {
                t!("store-bad-item", index = index.to_string(), message = message.as_str())
            }
            StoreError::Database(d) => d.said(),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Database(d) => Some(d),
            _ => None,
        }
    }
}

impl From<DatabaseError> for StoreError {
    fn from(e: DatabaseError) -> Self {
        StoreError::Database(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What kind of failure an error is, for what the interfaces do about it (reconnect, reload,
/// explain), whatever the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The database could not be reached: down, restarting, gone from the network, or it dropped
    /// the connection.
    LostConnection,
    /// Somebody else's change came first: the item's version moved, a serialisation failure or a
    /// deadlock.
    Conflict,
    /// Another connection held the lock the operation needed for longer than it waits (SQLite's
    /// SQLITE_BUSY or SQLITE_LOCKED, PostgreSQL's lock_not_available): nothing was written, and
    /// trying again once the holder lets go may succeed.
    Busy,
    /// The login may not do this: no password, not an operator, a role without the right, a
    /// read-only database.
    Permission,
    /// A row with this key is there already.
    Duplicate,
    /// Another rule of the schema refused the row (a reference, a check, a missing value).
    Constraint,
    /// The disk holding the database is full; the change was rolled back.
    DiskFull,
    /// What was asked for is not there.
    NotFound,
    /// The operation is not allowed in the item's state, or its input is wrong.
    Refused,
    /// The database is missing, without the schema, or of a newer schema.
    Setup,
    /// Anything else the driver reports.
    Other,
}

/// An error of the database driver, with its kind read once.
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub struct DatabaseError {
    kind: ErrorKind,
    source: sqlx::Error,
}

impl From<sqlx::Error> for DatabaseError {
    fn from(source: sqlx::Error) -> Self {
        DatabaseError { kind: kind_of(&source), source }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e.into())
    }
}

impl DatabaseError {
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The database's own message (the first line), or the driver's.
    pub fn message(&self) -> String {
        let said = match &self.source {
            sqlx::Error::Database(d) => d.message().to_string(),
            other => other.to_string(),
        };
        said.lines().next().unwrap_or_default().to_string()
    }

    /// The error in the interface's language: a refusal of the database's own (its guards'
    /// triggers, the login's rights, the schema's constraints, a read-only database, a conflict, a
    /// full disk) in the catalogs' words by its code (`refusal`), never the server's English;
    /// anything else as the driver says it.
    pub fn said(&self) -> String {
        let sqlx::Error::Database(d) = &self.source else { return t!("store-database", error = self.to_string()) };
        let Some(code) = d.code() else { return t!("store-database", error = self.to_string()) };
        // PostgreSQL names the function that raised the error (its guards', schema.sql's `portal_*`)
        // in the error's context, and the constraint broken.
        // SQLite's guards (RAISE(ABORT, …) in schema.sql) are told apart by their message.
        let raised_in = d
            .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
            .and_then(|pg| pg.r#where())
            .or_else(|| (code.len() < 5).then(|| d.message()));
        match refusal(&code, raised_in) {
            Some(refusal) => {
                let database = if code.len() < 5 { "SQLite" } else { "SQLSTATE" };
                refusal.said(&match d.constraint() {
                    Some(name) => format!("{database} {code}, {name}"),
                    None => format!("{database} {code}"),
                })
            }
            None => t!("store-database", error = self.to_string()),
        }
    }

    /// Whether the database refused a row that breaks a foreign key.
    pub(crate) fn is_foreign_key(&self) -> bool {
        matches!(&self.source, sqlx::Error::Database(d) if d.message().contains("FOREIGN \
            KEY") || d.message().contains("foreign key"))
    }
}

/// The kind of a driver's error, by the kind of error and the database's code (PostgreSQL's
/// SQLSTATE, SQLite's extended result code).
fn kind_of(e: &sqlx::Error) -> ErrorKind {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => ErrorKind::LostConnection,
        sqlx::Error::RowNotFound => ErrorKind::NotFound,
        sqlx::Error::Database(d) => d.code().map_or(ErrorKind::Other, |code| kind_of_code(&code)),
        _ => ErrorKind::Other,
    }
}

fn kind_of_code(code: &str) -> ErrorKind {
    // SQLite's codes have at most four digits (the primary result code is the low byte of the
    // extended one); PostgreSQL's SQLSTATEs five characters, often all digits.
    if let Some(n) = code.parse::<i32>().ok().filter(|_| code.len() < 5) {
        return match (n & 0xff, n) {
            // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
            (19, 1555 | 2067) => ErrorKind::Duplicate,
            (19, _) => ErrorKind::Constraint,
            // SQLITE_CANTOPEN, SQLITE_IOERR: the file cannot be opened or read.
            (10 | 14, _) => ErrorKind::LostConnection,
            // SQLITE_BUSY, SQLITE_LOCKED
            (5 | 6, _) => ErrorKind::Busy,
            // SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH
            (3 | 8 | 23, _) => ErrorKind::Permission,
            (13, _) => ErrorKind::DiskFull,
            _ => ErrorKind::Other,
        };
    }
    match code {
        // PostgreSQL: class 08 (connection exception), and the server shutting down, crashed or
        // still starting (57P01–57P03).
        c if c.starts_with("08") => ErrorKind::LostConnection,
        "57P01" | "57P02" | "57P03" => ErrorKind::LostConnection,
        "23505" => ErrorKind::Duplicate,
        c if c.starts_with("23") => ErrorKind::Constraint,
        // serialization_failure, deadlock_detected
        "40001" | "40P01" => ErrorKind::Conflict,
        // lock_not_available
        "55P03" => ErrorKind::Busy,
        // insufficient_privilege, invalid authorization, read-only transaction
        "42501" | "25006" => ErrorKind::Permission,
        c if c.starts_with("28") => ErrorKind::Permission,
        "53100" => ErrorKind::DiskFull,
        _ => ErrorKind::Other,
    }
}

/// A refusal of the database's own, whichever database said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// A record kept as written: never deleted, never edited (schema.sql's guards).
    Kept,
    /// A withdrawal or a request edited beyond its one closing.
    ClosedOnce,
    /// A change without its audit record in the login's own name.
    Unaudited,
    /// A reviewer's login moving an item beyond the government office's review.
    ReviewerItem,
    /// The login's role in this database has no right to it.
    Permission,
    Duplicate,
    Reference,
    MissingValue,
    Check,
    ReadOnly,
    Conflict,
    Busy,
    Cancelled,
    DiskFull,
}

impl Refusal {
    /// In the interface's language (`i18n/*/refusals.ftl`), with the database's code (`SQLSTATE
    /// 42501`, `SQLite 1811`, and the constraint's name where the database gives one).
    fn said(self, code: &str) -> String {
        match self {
            Refusal::Kept => t!("refused-kept", code = code),
            Refusal::ClosedOnce => t!("refused-closed-once", code = code),
            Refusal::Unaudited => t!("refused-unaudited", code = code),
            Refusal::ReviewerItem => t!("refused-reviewer-item", code = code),
            Refusal::Permission => t!("refused-permission", code = code),
            Refusal::Duplicate => t!("refused-duplicate", code = code),
            Refusal::Reference => t!("refused-reference", code = code),
            Refusal::MissingValue => t!("refused-missing-value", code = code),
            Refusal::Check => t!("refused-check", code = code),
            Refusal::ReadOnly => t!("refused-read-only", code = code),
            Refusal::Conflict => t!("refused-conflict", code = code),
            Refusal::Busy => t!("refused-busy", code = code),
            Refusal::Cancelled => t!("refused-cancelled", code = code),
            Refusal::DiskFull => t!("refused-disk-full", code = code),
        }
    }
}

/// A refusal of the database's own, by its code (PostgreSQL's SQLSTATE, SQLite's extended result
/// code) and what raised it (`raised_in`: for PostgreSQL's guards the function of schema.sql, the
/// error's context; for SQLite's the trigger's message); `None` for an error that is no refusal, or
/// a trigger not of schema.sql (said in the driver's words).
fn refusal(code: &str, raised_in: Option<&str>) -> Option<Refusal> {
    let by = |function: &str| raised_in.is_some_and(|w| w.contains(function));
    if let Some(n) = code.parse::<i32>().ok().filter(|_| code.len() < 5) {
        return match (n & 0xff, n) {
            // SQLITE_CONSTRAINT_TRIGGER: schema.sql's guards (RAISE(ABORT, …)), by their words; a
            // trigger of anyone else's is said as the database says it.
            (19, 1811) if by("without writing its audit record") => Some(Refusal::Unaudited),
            (19, 1811) if by("append-only") || by("never edited") || by("never deleted") => Some(Refusal::Kept),
            (19, 1811) => None,
            (19, 1555 | 2067) => Some(Refusal::Duplicate),
            (19, 787) => Some(Refusal::Reference),
            (19, 1299) => Some(Refusal::MissingValue),
            (19, _) => Some(Refusal::Check),
            (5 | 6, _) => Some(Refusal::Busy),
            (3 | 8 | 23, _) => Some(Refusal::ReadOnly),
            (13, _) => Some(Refusal::DiskFull),
            _ => None,
        };
    }
    Some(match code {
        // insufficient_privilege: the guards' own, or the login's rights in this database.
        "42501" if by("portal_require_audit") => Refusal::Unaudited,
        "42501" if by("portal_check_item_change") => Refusal::ReviewerItem,
        "42501" => Refusal::Permission,
        // restrict_violation: a record kept as written (portal_refuse_change, portal_close_once).
        "23001" if by("portal_close_once") => Refusal::ClosedOnce,
        "23001" => Refusal::Kept,
        "23505" => Refusal::Duplicate,
        "23503" => Refusal::Reference,
        "23502" => Refusal::MissingValue,
        "23514" | "23P01" => Refusal::Check,
        "25006" => Refusal::ReadOnly,
        "40001" | "40P01" | "55P03" => Refusal::Conflict,
        "57014" => Refusal::Cancelled,
        "53100" => Refusal::DiskFull,
        _ => return None,
    })
}

impl StoreError {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::Unreachable { .. } => ErrorKind::LostConnection,
            StoreError::NeedsPassword { .. } | StoreError::NoAccess { .. } => ErrorKind::Permission,
            StoreError::Missing(_) | StoreError::NoSchema(_) | StoreError::NewerSchema { .. } => ErrorKind::Setup,
            StoreError::NotFound(_) | StoreError::NoSuchSite(_) => ErrorKind::NotFound,
            StoreError::Refused(_) | StoreError::BadItem { .. } => ErrorKind::Refused,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            StoreError::Database(d) => d.kind(),
        }
    }

    /// Whether the database could not be reached (it is down, restarting, gone from the network,
    /// or dropped the connection), rather than that it refused or could not do the operation.
    pub fn is_lost_connection(&self) -> bool {
        self.kind() == ErrorKind::LostConnection
    }

    /// No item `item` in the site.
    pub(crate) fn no_item(item: impl std::fmt::Display, site: &str) -> StoreError {
        StoreError::NotFound(t!("store-no-item", item = item.to_string(), site = site))
    }

    /// No unit named `unit` in the site.
    pub(crate) fn no_unit(unit: &str, site: &str) -> StoreError {
        StoreError::NotFound(t!("store-no-unit", unit = format!("{unit:?}"), site = site))
    }

    /// A value the database holds that this program cannot read.
    pub(crate) fn decode(what: &str, value: &str) -> StoreError {
        sqlx::Error::Decode(format!("unexpected {what} {value:?} in the database").into()).into()
    }

    /// The error in one line, for stderr or a status line (a driver's message may have several).
    pub fn one_line(&self) -> String {
        self.to_string().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_both_backends_have_their_kinds() {
        for (code, kind) in [
            ("08006", ErrorKind::LostConnection),
            ("57P01", ErrorKind::LostConnection),
            ("14", ErrorKind::LostConnection),
            ("266", ErrorKind::LostConnection),
            ("23505", ErrorKind::Duplicate),
            ("22001", ErrorKind::Other),
            ("2067", ErrorKind::Duplicate),
            ("1555", ErrorKind::Duplicate),
            ("23503", ErrorKind::Constraint),
            ("787", ErrorKind::Constraint),
            ("40001", ErrorKind::Conflict),
            ("5", ErrorKind::Busy),
            ("517", ErrorKind::Busy),
            ("6", ErrorKind::Busy),
            ("55P03", ErrorKind::Busy),
            ("42501", ErrorKind::Permission),
            ("8", ErrorKind::Permission),
            ("13", ErrorKind::DiskFull),
            ("53100", ErrorKind::DiskFull),
            ("42P01", ErrorKind::Other),
            ("1", ErrorKind::Other),
        ] {
            assert_eq!(kind_of_code(code), kind, "{code}");
        }
    }

    #[test]
    fn the_databases_own_refusals_are_read_by_their_codes() {
        for (code, raised_in, said) in [
            ("42501", Some("PL/pgSQL function portal_require_audit() line 5 at RAISE"), Some(Refusal::Unaudited)),
            (
                "42501",
                Some("PL/pgSQL function portal_check_item_change() line 9 at RAISE"),
                Some(Refusal::ReviewerItem),
            ),
            ("42501", None, Some(Refusal::Permission)),
            ("23001", Some("PL/pgSQL function portal_close_once() line 14 at RAISE"), Some(Refusal::ClosedOnce)),
            ("23001", Some("PL/pgSQL function portal_refuse_change() line 3 at RAISE"), Some(Refusal::Kept)),
            ("1811", Some("items is append-only: DELETE refused"), Some(Refusal::Kept)),
            ("1811", Some("withdrawals is never edited: only its closing is written, once"), Some(Refusal::Kept)),
            ("1811", Some("link_checks is replaced by the next check, never deleted"), Some(Refusal::Kept)),
            (
                "1811",
                Some("refused: this transaction changed the portal's tables without writing its audit record"),
                Some(Refusal::Unaudited),
            ),
            ("1811", Some("refused for the test"), None),
            ("2067", None, Some(Refusal::Duplicate)),
            ("23505", None, Some(Refusal::Duplicate)),
            ("275", None, Some(Refusal::Check)),
            ("23514", None, Some(Refusal::Check)),
            ("25006", None, Some(Refusal::ReadOnly)),
            ("1032", None, Some(Refusal::ReadOnly)),
            ("40001", None, Some(Refusal::Conflict)),
            ("13", None, Some(Refusal::DiskFull)),
            ("42P01", None, None),
            ("08006", None, None),
            ("1", None, None),
        ] {
            assert_eq!(refusal(code, raised_in), said, "{code} {raised_in:?}");
        }
    }

    #[test]
    fn a_lost_connection_is_told_apart_from_a_refusal() {
        let io: StoreError = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset)).into();
        assert!(io.is_lost_connection());
        assert!(StoreError::Unreachable { target: "t".into(), reason: "r".into() }.is_lost_connection());
        assert!(!StoreError::Refused("no".into()).is_lost_connection());
        assert!(!StoreError::from(sqlx::Error::RowNotFound).is_lost_connection());
        assert_eq!(StoreError::Conflict("moved".into()).kind(), ErrorKind::Conflict);
    }
}
