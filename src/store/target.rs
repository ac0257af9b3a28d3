//! Where the database is: a `--db` URL, checked before anything connects, and described without
//! its password.

use crate::t;
use std::path::{Path, PathBuf};

/// A database to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `postgres://…` or `postgresql://…`, kept whole for the driver.
    Postgres { url: String },
    /// `sqlite://PATH` (or `sqlite:PATH`).
    Sqlite { path: PathBuf },
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
    matches!(target, Target::Postgres { url } if has_password(url))
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, BadTarget> {
        let bad = |why: &str| BadTarget { shown: redact(url), why: why.to_string() };
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let rest = url.split_once("://").map(|(_, r)| r).unwrap_or_default();
            if rest.is_empty() {
                return Err(bad(&t!("store-url-no-host")));
            }
            // Let the driver check the rest now, so a malformed URL is a usage error, not a
            // connection failure.
            url.parse::<sqlx::postgres::PgConnectOptions>().map_err(|e| bad(&first_line(&e.to_string())))?;
            Ok(Target::Postgres { url: url.to_string() })
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

    /// The same PostgreSQL target logging in with `password` (typed at a prompt). The URL keeps
    /// it percent-encoded; `describe` never shows it.
    pub fn with_password(&self, password: &str) -> Target {
        match self {
            Target::Postgres { url } => {
                let encoded: String = password
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                            (b as char).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect();
                let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
                let (authority, tail) = rest.find(['/', '?']).map_or((rest, ""), |i| rest.split_at(i));
                let (user, host) = match authority.rsplit_once('@') {
                    Some((userinfo, host)) => (userinfo.split(':').next().unwrap_or_default().to_string(), host),
                    None => (whoami::username(), authority),
                };
                Target::Postgres { url: format!("{scheme}://{user}:{encoded}@{host}{tail}") }
            }
            other => other.clone(),
        }
    }

    pub fn sqlite(path: &Path) -> Target {
        Target::Sqlite { path: path.to_path_buf() }
    }

    /// Backend and host or file, never a password: for status lines and messages.
    pub fn describe(&self) -> String {
        match self {
            Target::Sqlite { path } => format!("SQLite {}", path.display()),
            Target::Postgres { url } => match url.parse::<sqlx::postgres::PgConnectOptions>() {
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

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_password_goes_into_the_url_encoded_and_is_never_described() {
        let t = Target::parse("postgres://chen@db.example:5433/portal?sslmode=prefer")
            .unwrap()
            .with_password("p@ss:w/rd 密");
        let Target::Postgres { url } = &t else { panic!() };
        assert_eq!(url, "postgres://chen:p%40ss%3Aw%2Frd%20%E5%AF%86@db.example:5433/portal?sslmode=prefer");
        let parsed: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
        assert_eq!(parsed.get_username(), "chen");
        assert!(!t.describe().contains("ss"), "{}", t.describe());
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
        assert!(Target::parse("postgres://").is_err());
        let e = Target::parse("postgres://me:hunter2@db:notaport/x").unwrap_err().to_string();
        assert!(!e.contains("hunter2"), "{e}");
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
