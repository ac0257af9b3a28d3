//! Where the database is: a `--db` URL, checked before anything connects, and described without
//! its password.

use crate::t;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A database to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `postgres://…` or `postgresql://…`, kept whole for the driver, and a password typed at a
    /// prompt (set through the driver's options, never written into the URL); with `primary`
    /// (`--db-primary`), a hot standby read from while every change goes to that primary.
    Postgres { url: String, password: Option<Password>, primary: Option<Box<Target>> },
    /// `sqlite://PATH` (or `sqlite:PATH`).
    Sqlite { path: PathBuf },
}

/// A password typed at a prompt; never shown, not even by `{:?}`.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl Password {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A `--db` value that is not a database URL this program knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadTarget {
    shown: String,
    why: String,
}

impl std::fmt::Display for BadTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t!("store-bad-url", url = format!("{:?}", self.shown), why = self.why.as_str()))
    }
}

impl std::error::Error for BadTarget {}

/// Hides the password of a URL, in each form it takes: `postgres://me:secret@host` →
/// `postgres://me:***@host`, and `?password=secret` (or `sslpassword=`) → `?password=***`.
pub fn redact(url: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (url, None),
    };
    let mut out = redact_userinfo(url);
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|p| match p.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") || k.eq_ignore_ascii_case("sslpassword") => {
                    format!("{k}=***")
                }
                _ => p.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

fn redact_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Whether a URL carries a password.
pub fn has_password(url: &str) -> bool {
    redact(url) != url
}

/// Whether a target logs in with a password of its own (one was given, so a prompt would not help).
pub fn has_password_target(target: &Target) -> bool {
    matches!(target, Target::Postgres { url, password, .. } if password.is_some() || has_password(url))
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, BadTarget> {
        let bad = |why: &str| BadTarget { shown: redact(url), why: why.to_string() };
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // Let the driver check the rest now, so a malformed URL is a usage error, not a
            // connection failure. What the URL leaves out (a bare `postgres://` leaves out all)
            // comes from libpq's variables.
            check_postgres_url(url).map_err(|why| bad(&why))?;
            check_postgres_environment(|name| std::env::var_os(name)).map_err(|why| bad(&why))?;
            let target = Target::Postgres { url: url.to_string(), password: None, primary: None };
            target.postgres_options().map_err(|e| bad(&first_line(&e.to_string())))?;
            Ok(target)
        } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            let (path, query) = path.split_once('?').unwrap_or((path, ""));
            if !query.is_empty() {
                // Silently ignoring `?mode=ro` would let writes through to a file meant to be read only.
                return Err(bad(&t!("store-url-sqlite-parameters", query = query)));
            }
            if path.is_empty() || path == ":memory:" {
                return Err(bad(&t!("store-url-sqlite-path")));
            }
            Ok(Target::Sqlite { path: PathBuf::from(path) })
        } else {
            Err(bad(&t!("store-url-expected")))
        }
    }

    /// The same PostgreSQL target logging in with `password` (typed at a prompt). The URL stays as
    /// it was: the user, host and database still come from it or from libpq's variables (`PGUSER`
    /// …), and the password goes to the driver's options; `describe` never shows it.
    pub fn with_password(&self, password: &str) -> Target {
        match self {
            Target::Postgres { url, primary, .. } => Target::Postgres {
                url: url.clone(),
                password: Some(Password(password.to_string())),
                // The same login on the primary, as a standby copies its primary's roles.
                primary: primary.as_ref().map(|p| Box::new(p.with_password(password))),
            },
            other => other.clone(),
        }
    }

    /// This target read from as a hot standby whose changes go to `primary` (`--db-primary`):
    /// both PostgreSQL, else refused, in one line.
    pub fn with_primary(self, primary: &str) -> Result<Target, String> {
        if let Target::Sqlite { path } = &self {
            return Err(t!("replica-primary-with-sqlite", file = path.display().to_string()));
        }
        let bad = |why: String| t!("replica-bad-primary-url", url = format!("{:?}", redact(primary)), why = why);
        let parsed = Target::parse(primary).map_err(|e| bad(e.why))?;
        match (self, parsed) {
            (Target::Postgres { url, password, .. }, written @ Target::Postgres { .. }) => {
                Ok(Target::Postgres { url, password, primary: Some(Box::new(written)) })
            }
            _ => Err(bad(t!("replica-primary-not-postgres"))),
        }
    }

    /// The primary every change goes to, when this is a standby given one (`--db-primary`).
    pub fn primary(&self) -> Option<&Target> {
        match self {
            Target::Postgres { primary, .. } => primary.as_deref(),
            Target::Sqlite { .. } => None,
        }
    }

    /// The driver's options for a PostgreSQL target, made as libpq makes them: the URL's parts,
    /// then libpq's variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`,
    /// `PGSSLMODE`, `PGSSLROOTCERT` …) for what it leaves out, then `~/.pgpass`, then the typed
    /// password.
    pub fn postgres_options(&self) -> Result<PgConnectOptions, sqlx::Error> {
        let Target::Postgres { url, password, .. } = self else {
            return Err(sqlx::Error::Configuration(t!("store-backup-not-postgres").into()));
        };
        let mut parsed = url::Url::parse(url).map_err(|e| sqlx::Error::Configuration(e.into()))?;
        // `postgres://` and `postgres:///db` name an empty host, which the driver would take as
        // the host "": libpq takes PGHOST (or its default) instead.
        if parsed.host_str().is_none_or(str::is_empty) {
            let default = PgConnectOptions::new_without_pgpass();
            let host = default.get_host();
            if host.starts_with('/') {
                parsed.query_pairs_mut().append_pair("host", host);
            } else {
                parsed.set_host(Some(host)).map_err(|e| sqlx::Error::Configuration(e.into()))?;
            }
        }
        let options = PgConnectOptions::from_str(parsed.as_str())?;
        Ok(match password {
            Some(p) => options.password(p.expose()),
            None => options,
        })
    }

    /// The host of a PostgreSQL server reached over the network without checking who it is
    /// (`sslmode` below `verify-ca`), where anybody between could pose as it; None for a server on
    /// this machine (loopback or a Unix socket), a verified one, or SQLite.
    pub fn unverified_host(&self) -> Option<String> {
        let options = self.postgres_options().ok()?;
        if matches!(options.get_ssl_mode(), PgSslMode::VerifyCa | PgSslMode::VerifyFull)
            || options.get_socket().is_some()
        {
            return None;
        }
        let host = options.get_host();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let local = host.starts_with('/')
            || bare.eq_ignore_ascii_case("localhost")
            || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        (!local).then(|| host.to_string())
    }

    pub fn sqlite(path: &Path) -> Target {
        Target::Sqlite { path: path.to_path_buf() }
    }

    /// Backend and host or file, never a password: for status lines and messages.
    pub fn describe(&self) -> String {
        match self {
            Target::Sqlite { path } => format!("SQLite {}", path.display()),
            Target::Postgres { url, .. } => match self.postgres_options() {
                Ok(o) => format!(
                    "PostgreSQL {}@{}:{}/{}",
                    o.get_username(),
                    o.get_host(),
                    o.get_port(),
                    o.get_database().unwrap_or(o.get_username())
                ),
                Err(_) => format!("PostgreSQL {}", redact(url)),
            },
        }
    }
}

/// The parameters a `postgres://` URL may carry: libpq's names the driver takes, and the driver's
/// own spellings of them. Any other is refused, where the driver would ignore it: a mistyped
/// `sslmod=verify-full` would otherwise connect without verifying the server.
const PARAMETERS: [&str; 18] = [
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "application_name",
    "options",
    "ssl-mode",
    "ssl-root-cert",
    "ssl-ca",
    "ssl-cert",
    "ssl-key",
    "statement-cache-capacity",
];

/// libpq's `sslmode` values.
const SSL_MODES: [&str; 6] = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

/// What is wrong with a `postgres://` URL, said in the interface's language, before anything
/// connects: a port or a user with no host (`postgres://:5433/x`), a port that is not one, a host
/// that is not a name or an address, a parameter the driver does not know or a value it would not
/// take.
fn check_postgres_url(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| match e {
        url::ParseError::EmptyHost => t!("store-url-no-host"),
        url::ParseError::InvalidPort => t!("store-url-bad-port", port = authority_parts(url).1),
        url::ParseError::InvalidIpv4Address
        | url::ParseError::InvalidIpv6Address
        | url::ParseError::InvalidDomainCharacter
        | url::ParseError::IdnaError => t!("store-url-bad-host", host = format!("{:?}", authority_parts(url).0)),
        other => first_line(&other.to_string()),
    })?;
    if parsed.port() == Some(0) {
        return Err(t!("store-url-bad-port", port = "0"));
    }
    for (key, value) in parsed.query_pairs() {
        let known = PARAMETERS.contains(&key.as_ref()) || (key.starts_with("options[") && key.ends_with(']'));
        if !known {
            return Err(t!(
                "store-url-unknown-parameter",
                parameter = format!("{key:?}"),
                known = PARAMETERS[..12].join(", ")
            ));
        }
        check_value(&key, &key, &value)?;
    }
    Ok(())
}

/// The libpq variables the driver reads for what a URL leaves out, each with the URL parameter
/// it stands for. The driver silently misreads a bad one: an unknown `PGSSLMODE` (`verify-ful`)
/// becomes `prefer`, which does not verify the server; a `PGPORT` that is not a number becomes
/// 5432; a `PGHOSTADDR` that is not an address is looked up as a name; a value that is not UTF-8
/// is dropped. The others it reads (`PGPASSWORD`, `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY`,
/// `PGAPPNAME`, `PGOPTIONS`) it takes as they are, as it takes the same URL parameters.
const VARIABLES: [(&str, &str); 6] = [
    ("PGHOST", "host"),
    ("PGHOSTADDR", "hostaddr"),
    ("PGPORT", "port"),
    ("PGDATABASE", "dbname"),
    ("PGUSER", "user"),
    ("PGSSLMODE", "sslmode"),
];

/// What is wrong with libpq's variables, by the rules of the URL parameters they stand for, so a
/// mistyped `PGSSLMODE=verify-ful` is refused as `sslmode=verify-ful` is; `var` reads one.
fn check_postgres_environment(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<(), String> {
    for (variable, parameter) in VARIABLES {
        let checked = match var(variable) {
            None => Ok(()),
            Some(value) => match value.to_str() {
                Some(value) => check_value(variable, parameter, value),
                None => Err(bad_value(variable, &value.to_string_lossy(), t!("store-url-text"))),
            },
        };
        checked.map_err(|why| t!("store-url-from-environment", why = why))?;
    }
    Ok(())
}

/// Whether `value` is one the URL parameter `parameter` takes; `name` is what the message calls it
/// (the parameter, or the variable standing for it).
fn check_value(name: &str, parameter: &str, value: &str) -> Result<(), String> {
    let fits = match parameter {
        "sslmode" | "ssl-mode" => SSL_MODES.contains(&value),
        "port" => value.parse::<u16>().is_ok_and(|p| p != 0),
        "hostaddr" => value.parse::<std::net::IpAddr>().is_ok(),
        "host" | "dbname" | "user" => !value.is_empty(),
        _ => true,
    };
    if fits {
        return Ok(());
    }
    let expected = match parameter {
        "sslmode" | "ssl-mode" => SSL_MODES.join(", "),
        "port" => "1–65535".to_string(),
        "hostaddr" => t!("store-url-an-address"),
        _ => t!("store-url-not-empty"),
    };
    Err(bad_value(name, value, expected))
}

fn bad_value(name: &str, value: &str, expected: String) -> String {
    t!("store-url-bad-value", parameter = name, value = format!("{value:?}"), expected = expected)
}

/// The authority of a URL (between `://` and the path or query), without its user and password.
fn authority_host_and_port(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.find(['/', '?', '#']).map_or(rest, |i| &rest[..i]);
    authority.rsplit_once('@').map_or(authority, |(_, host)| host)
}

/// The host and the port as written in a URL's authority: `[::1]` and `5433`, `db` and `5432:5433`.
fn authority_parts(url: &str) -> (String, String) {
    let hp = authority_host_and_port(url);
    let (host, rest) = match hp.strip_prefix('[') {
        Some(_) => hp.find(']').map_or((hp, ""), |end| hp.split_at(end + 1)),
        None => hp.find(':').map_or((hp, ""), |i| hp.split_at(i)),
    };
    (host.to_string(), rest.strip_prefix(':').unwrap_or(rest).to_string())
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_password_goes_to_the_driver_not_into_the_url_and_is_never_shown() {
        let plain = Target::parse("postgres://chen@db.example:5433/portal?sslmode=prefer").unwrap();
        let t = plain.with_password("p@ss:w/rd 密");
        let Target::Postgres { url, password, .. } = &t else { panic!() };
        assert_eq!(url, "postgres://chen@db.example:5433/portal?sslmode=prefer", "the URL is left as it was");
        assert_eq!(password.as_ref().map(Password::expose), Some("p@ss:w/rd 密"));
        let options = t.postgres_options().unwrap();
        assert_eq!((options.get_username(), options.get_host(), options.get_port()), ("chen", "db.example", 5433));
        assert!(has_password_target(&t) && !has_password_target(&plain));
        assert!(!t.describe().contains("ss:w") && !format!("{t:?}").contains("ss:w"), "{t:?}");
    }

    #[test]
    fn a_url_without_a_user_keeps_none_when_a_password_is_typed() {
        // Before, the OS user was written into the URL here, where libpq takes PGUSER.
        let t = Target::parse("postgres://db.example/portal").unwrap().with_password("x");
        let Target::Postgres { url, .. } = &t else { panic!() };
        assert_eq!(url, "postgres://db.example/portal");
    }

    #[test]
    fn an_empty_host_is_libpqs_default_host_not_an_empty_name() {
        for url in ["postgres://", "postgresql:///portal", "postgres://?sslmode=verify-full"] {
            let options = Target::parse(url).unwrap().postgres_options().unwrap();
            assert!(!options.get_host().is_empty(), "{url}");
        }
    }

    #[test]
    fn a_server_elsewhere_without_verification_is_named_and_one_here_or_verified_is_not() {
        let host = |url: &str| Target::parse(url).unwrap().unverified_host();
        assert_eq!(host("postgres://u@db.example/x?sslmode=prefer").as_deref(), Some("db.example"));
        assert_eq!(host("postgres://u@10.1.2.3/x?sslmode=require").as_deref(), Some("10.1.2.3"));
        assert_eq!(host("postgres://u@db.example/x?sslmode=verify-full&sslrootcert=/ca.pem"), None);
        assert_eq!(host("postgres://u@db.example/x?sslmode=verify-ca"), None);
        for here in ["postgres://u@127.0.0.1/x", "postgres://u@localhost/x", "postgres://u@[::1]:5432/x"] {
            assert_eq!(host(&format!("{here}?sslmode=disable")), None, "{here}");
        }
        assert_eq!(host("postgres:///x?host=/var/run/postgresql&sslmode=disable"), None);
        assert_eq!(Target::sqlite(Path::new("/tmp/x.db")).unverified_host(), None);
    }

    #[test]
    fn a_primary_is_postgresql_for_a_postgresql_standby_and_shares_a_typed_password() {
        let en = |f: &dyn Fn() -> String| crate::i18n::scoped(crate::i18n::Lang::En, f);
        let standby = Target::parse("postgres://chen@replica.example/portal").unwrap();
        let pair = standby.clone().with_primary("postgres://chen@primary.example/portal").unwrap();
        assert_eq!(
            pair.primary().map(Target::describe).as_deref(),
            Some("PostgreSQL chen@primary.example:5432/portal")
        );
        assert_eq!(pair.describe(), standby.describe(), "read from the standby");
        let typed = pair.with_password("secret");
        assert!(typed.primary().is_some_and(has_password_target), "the primary logs in with it too");
        let sqlite = Target::sqlite(Path::new("/tmp/x.db"));
        let e = en(&|| sqlite.clone().with_primary("postgres://db/portal").unwrap_err());
        assert!(e.starts_with("--db-primary is for") && e.contains("SQLite file /tmp/x.db"), "{e}");
        let e = en(&|| standby.clone().with_primary("sqlite:///tmp/x.db").unwrap_err());
        assert!(e.starts_with("bad --db-primary URL") && e.contains("postgres://"), "{e}");
        let e = en(&|| standby.clone().with_primary("postgres://me:hunter2@db:0/x").unwrap_err());
        assert!(e.starts_with("bad --db-primary URL") && !e.contains("hunter2"), "{e}");
        assert_eq!(standby.primary(), None);
    }

    #[test]
    fn known_schemes() {
        assert_eq!(Target::parse("sqlite:///tmp/x.db").unwrap(), Target::Sqlite { path: "/tmp/x.db".into() });
        assert_eq!(Target::parse("sqlite:rel.db").unwrap(), Target::Sqlite { path: "rel.db".into() });
        assert!(matches!(Target::parse("postgres://root@127.0.0.1:5432/test").unwrap(), Target::Postgres { .. }));
    }

    #[test]
    fn bad_urls_are_refused_without_their_password() {
        let e = Target::parse("mysql://me:hunter2@db/portal").unwrap_err().to_string();
        assert!(e.starts_with("bad --db URL \"mysql://me:***@db/portal\": expected"), "{e}");
        assert!(!e.contains("hunter2"));
        assert!(Target::parse("sqlite://").is_err());
        assert!(Target::parse("sqlite::memory:").is_err());
        let e = Target::parse("postgres://me:hunter2@db:notaport/x").unwrap_err().to_string();
        assert!(!e.contains("hunter2"), "{e}");
    }

    /// A malformed `postgres://` URL is refused before anything connects, each with what is wrong
    /// in the interface's words, never the driver's or the URL parser's.
    #[test]
    fn malformed_postgres_urls_are_refused_each_saying_what_is_wrong() {
        let refused =
            |url: &str| crate::i18n::scoped(crate::i18n::Lang::En, || Target::parse(url).unwrap_err().to_string());
        for (url, says) in [
            ("postgres://:5433/x", "no host before the port"),
            ("postgresql://:5433", "no host before the port"),
            ("postgres://wang@/portal", "after the user"),
            ("postgres://wang:hunter2@:5433/portal", "no host"),
            ("postgres://db.example:99999/x", "the port 99999 is not a port"),
            ("postgres://db.example:5432:5433/x", "the port 5432:5433 is not a port"),
            ("postgres://db.example:0/x", "the port 0 is not a port"),
            ("postgres://[::1/x", "the host \"[::1\""),
            ("postgres://db|1/x", "the host \"db|1\""),
            ("postgres://db.example/x?sslmod=verify-full", "unknown parameter \"sslmod\""),
            ("postgres://db.example/x?sslmode=verify_full", "sslmode=\"verify_full\""),
            ("postgres://db.example/x?sslmode", "sslmode=\"\" is not a value it takes"),
            ("postgres://db.example/x?port=abc", "port=\"abc\""),
            ("postgres://db.example/x?hostaddr=db", "an IP address"),
            ("postgres:///x?host=", "host=\"\""),
        ] {
            let e = refused(url);
            assert!(e.starts_with("bad --db URL") && e.contains(says), "{url}: {e}");
            assert!(!e.contains("hunter2") && !e.contains('\n'), "{url}: {e}");
        }
        let zh = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || Target::parse("postgres://:5433/x").unwrap_err());
        assert!(zh.to_string().contains("缺少主机"), "{zh}");
        // What libpq takes is still taken: parameters by libpq's names, an address by brackets.
        for url in [
            "postgres:///x?host=/var/run/postgresql&port=5433&user=wang&sslmode=verify-full&sslrootcert=/ca.pem",
            "postgres://wang@[::1]:5433/x?application_name=portal-admin&options=-c%20search_path%3Dportal",
            "postgres://db.example/x?hostaddr=10.0.0.5&dbname=portal&sslmode=disable",
        ] {
            assert!(Target::parse(url).is_ok(), "{url}");
        }
    }

    /// libpq's variables the driver would silently misread are refused by the rules of the URL
    /// parameters they stand for; what libpq takes is still taken.
    #[test]
    fn bad_libpq_variables_are_refused_by_the_url_parameters_rules() {
        use std::ffi::OsString;
        use std::os::unix::ffi::OsStringExt;
        let check = |name: &str, value: OsString| {
            crate::i18n::scoped(crate::i18n::Lang::En, || {
                check_postgres_environment(|asked| (asked == name).then(|| value.clone()))
            })
        };
        for (name, value, says) in [
            ("PGSSLMODE", "verify-ful", "PGSSLMODE=\"verify-ful\" is not a value it takes (expected disable"),
            ("PGSSLMODE", "", "PGSSLMODE=\"\""),
            ("PGPORT", "5433x", "PGPORT=\"5433x\""),
            ("PGPORT", "0", "1–65535"),
            ("PGHOSTADDR", "db.example", "an IP address"),
            ("PGHOST", "", "a value, not nothing"),
            ("PGUSER", "", "PGUSER=\"\""),
            ("PGDATABASE", "", "PGDATABASE=\"\""),
        ] {
            let e = check(name, value.into()).unwrap_err();
            assert!(e.starts_with("from the environment: ") && e.contains(says), "{name}={value}: {e}");
        }
        let e = check("PGHOST", OsString::from_vec(b"db\xff".to_vec())).unwrap_err();
        assert!(e.contains("PGHOST=\"db\u{FFFD}\"") && e.contains("text (UTF-8)"), "{e}");
        for (name, value) in [
            ("PGSSLMODE", "verify-full"),
            ("PGPORT", "5433"),
            ("PGHOSTADDR", "::1"),
            ("PGHOST", "/var/run/postgresql"),
            ("PGSSLROOTCERT", "/no/such/ca.pem"),
        ] {
            assert_eq!(check(name, value.into()), Ok(()), "{name}={value}");
        }
        let zh = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || {
            check_postgres_environment(|asked| (asked == "PGSSLMODE").then(|| "verify".into())).unwrap_err()
        });
        assert!(zh.starts_with("来自环境变量：PGSSLMODE=\"verify\""), "{zh}");
    }

    #[test]
    fn a_password_in_the_query_is_hidden_too_and_sqlite_parameters_are_refused() {
        let e = Target::parse("postgres://u@h/db?sslmode=x&password=secret").unwrap_err().to_string();
        assert!(!e.contains("secret") && e.contains("password=***"), "{e}");
        assert!(has_password("postgres://u@h/db?PASSWORD=x"));
        assert_eq!(
            redact("postgres://u:pw@h/db?password=pw&sslmode=require"),
            "postgres://u:***@h/db?password=***&sslmode=require"
        );
        let e = Target::parse("sqlite:///tmp/x.db?mode=ro").unwrap_err().to_string();
        assert!(e.contains("--read-only"), "{e}");
    }

    #[test]
    fn descriptions_hide_passwords() {
        let t = Target::parse("postgres://alice:s3cret@db.example:6543/portal").unwrap();
        assert_eq!(t.describe(), "PostgreSQL alice@db.example:6543/portal");
        assert_eq!(redact("postgres://alice@h/x"), "postgres://alice@h/x");
    }
}
