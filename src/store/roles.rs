//! The database's own roles (PostgreSQL): the group roles of a portal database and the logins
//! that hold them. The SQL is in `schema.sql` (`portal_grant_roles`, `portal_set_login`): here are
//! the calls, with every name bound as a value, and the rule for the names `operators` accepts.

/// Makes this database's group roles (`portal_<oid>_admin`, `…_reviewer`, `…_viewer`) with their
/// grants, and gives every active operator or supervisor who logs in the group role of their
/// highest role on any site: run by `init` when it creates or upgrades the schema.
pub const GRANT_ROLES: &[&str] = &[
    "SELECT portal_grant_roles()",
    "SELECT portal_set_login(n.name, (SELECT CASE MIN(CASE h.role WHEN 'admin' THEN 0 WHEN 'reviewer' THEN 1 ELSE 2 \
        END) \
       WHEN 0 THEN 'admin' WHEN 1 THEN 'reviewer' WHEN 2 THEN 'viewer' END \
       FROM (SELECT o.role FROM operators o WHERE o.name = n.name AND o.active AND o.login \
             UNION ALL SELECT 'viewer' FROM supervisors s WHERE s.name = n.name AND s.active) h)) \
     FROM (SELECT o.name FROM operators o WHERE o.active AND o.login UNION SELECT s.name FROM supervisors s \
         WHERE s.active) n \
     WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = n.name AND r.rolcanlogin)",
];

/// Gives login `$1` the group roles of its highest role on any site as the operators and
/// supervisors now hold it (a supervisor reads: viewer; none for a login disabled everywhere),
/// creating the login if it does not exist; run after the change, in its transaction. Each write is
/// then judged by the role on its own site (schema.sql, section sites).
pub const SET_LOGIN: &str = "SELECT portal_set_login($1, (SELECT CASE MIN(CASE h.role WHEN 'admin' THEN 0 \
    WHEN 'reviewer' THEN 1 ELSE 2 END) \
     WHEN 0 THEN 'admin' WHEN 1 THEN 'reviewer' WHEN 2 THEN 'viewer' END \
     FROM (SELECT o.role FROM operators o WHERE o.name = $1 AND o.active \
           UNION ALL SELECT 'viewer' FROM supervisors s WHERE s.name = $1 AND s.active) h))";

/// PostgreSQL's longest identifier, in bytes.
pub const MAX_NAME_BYTES: usize = 63;

/// Why a name cannot be an operator's, if it cannot: an operator's name is a login (PostgreSQL) or
/// a user name (SQLite), and only plain names are accepted: letters, digits, `_`, `.` and `-`, at
/// most 63 bytes, not starting with `pg_` (PostgreSQL keeps those).
pub fn refuse_name(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("an operator needs a name (their PostgreSQL login, or their user name on this machine)".into());
    }
    if let Some(c) = name.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))) {
        return Some(format!(
            "{name:?} is not a plain name: {c:?} is not allowed (a login name has letters, digits, `_`, \
                `.` and `-` only)"
        ));
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(format!("{name:?} is longer than PostgreSQL's {MAX_NAME_BYTES} bytes for a login name"));
    }
    if name.starts_with("pg_") {
        return Some(format!("{name:?} starts with pg_, which PostgreSQL keeps for its own roles"));
    }
    None
}

/// What to say when the database refused to give a login its roles: the one line with the fix.
pub fn refused_grant(name: &str, me: &str, database_error: &str) -> String {
    if database_error.contains("create role") {
        format!(
            "cannot create the PostgreSQL login {name}: {me} may not create roles (CREATEROLE); create it first \
             (CREATE ROLE \"{name}\" LOGIN, as a superuser or a role with CREATEROLE) and run this again, \
             or have a superuser run ALTER ROLE \"{me}\" CREATEROLE"
        )
    } else {
        format!(
            "cannot give the PostgreSQL login {name} its roles ({database_error}); {me} needs the administrators' \
                group role \
             with ADMIN OPTION, which `portal-admin operators role {me} admin`, run by another administrator or by the \
             database's owner, gives"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_operators() {
        for ok in ["chen", "li.wei", "wang-2", "张伟", "a_b"] {
            assert_eq!(refuse_name(ok), None, "{ok}");
        }
        for bad in ["", "x$$y", "a b", "a\"b", "a;DROP", "a'b", "pg_monitor", &"x".repeat(64), "a\nb"] {
            assert!(refuse_name(bad).is_some(), "{bad:?}");
        }
        assert!(refuse_name("$$").unwrap().contains("'$'"));
    }
}
