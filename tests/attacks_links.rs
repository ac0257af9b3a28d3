//! The link checker against hostile links and servers: links into the machine's own networks (a
//! private address, the cloud's metadata service, localhost by name and by address, IPv6
//! loopback, a name a resolver points at loopback), schemes that are not the web's, redirects into
//! any of them, an endless response, and escape sequences in what a server sends. The only server
//! contacted is the test's own on 127.0.0.1; every other address is refused before any connection.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::http::Server;
use common::{TestDb, rows};
use portal_admin::links::{Checker, Limits, Lookup};

fn linked(reference: &str, body: &str) -> String {
    let body = body.replace('"', "\\\"");
    format!(
        concat!(
            r#"{{"ref":"{reference}","title":"区政府办{reference}","body":"{body}","form":"text","#,
            r#""path":"unit","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
            r#""submitted_at":"2026-11-20T09:00:00+08:00","#,
            r#""published_at":"2026-11-20T10:00:00+08:00"}}"#
        ),
        reference = reference,
        body = body
    ) + "\n"
}

#[test]
fn private_and_loopback_addresses_and_other_schemes_are_refused_without_a_connection() {
    let server = Server::start_in_thread();
    let port = server.addr.port();
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let body = format!(
        "<a href=\"http://10.0.0.1/admin\">a</a> <a href=\"http://169.254.169.254/latest/meta-data/\">b</a> \
         <a href=\"http://localhost:{port}/ok\">c</a> <a href=\"http://[::1]:{port}/ok\">d</a> \
         <a href=\"http://127.0.0.1:{port}/ok\">e</a> <a href=\"file:///etc/passwd\">f</a> <a \
             href=\"javascript:alert(1)\">g</a>"
    );
    db.import("hostile.jsonl", &linked("h-1", &body));
    let found = rows(&db, &["links", "--all"]);
    let error =
        |url: &str| found.iter().find(|r| r["url"] == url).map(|r| r["error"].as_str().unwrap_or("").to_string());
    assert_eq!(found.len(), 7, "{found:#?}");
    assert!(server.seen.lock().unwrap().is_empty(), "nothing may be fetched");
    assert_eq!(
        error("http://10.0.0.1/admin").unwrap(),
        "refused: 10.0.0.1 is a private address (--allow-private, or [links] allow_private = true in config.toml, \
            allows it)"
    );
    assert!(
        error("http://169.254.169.254/latest/meta-data/")
            .unwrap()
            .starts_with("refused: 169.254.169.254 is a link-local address")
    );
    let by_name = error(&format!("http://localhost:{port}/ok")).unwrap();
    assert!(by_name.starts_with("refused: localhost resolves to") && by_name.contains("loopback address"), "{by_name}");
    assert!(error(&format!("http://[::1]:{port}/ok")).unwrap().starts_with("refused: ::1 is a loopback address"));
    assert!(
        error(&format!("http://127.0.0.1:{port}/ok")).unwrap().starts_with("refused: 127.0.0.1 is a loopback address")
    );
    assert_eq!(error("file:///etc/passwd").unwrap(), "refused: only http and https links are checked, not file:");
    assert_eq!(
        error("javascript:alert(1)").unwrap(),
        "refused: only http and https links are checked, not javascript:"
    );
    // Refused links are listed, but are not dead links for the national check.
    assert!(found.iter().all(|r| r["status"].is_null()));
}

#[test]
fn allowing_private_addresses_never_allows_link_local_or_a_redirect_out_of_the_web() {
    let server = Server::start_in_thread();
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let body = format!(
        "{} {} {} http://169.254.169.254/latest/meta-data/",
        server.url("/to-metadata"),
        server.url("/to-file"),
        server.url("/huge")
    );
    db.import("hostile.jsonl", &linked("h-1", &body));
    let started = Instant::now();
    let found = rows(&db, &["links", "--all", "--allow-private"]);
    assert!(started.elapsed() < Duration::from_secs(20), "an endless response is read to its limit, then dropped");
    let error =
        |url: &str| found.iter().find(|r| r["url"] == url).map(|r| r["error"].as_str().unwrap_or("").to_string());
    assert!(
        error(&server.url("/to-metadata")).unwrap().starts_with("refused: 169.254.169.254 is a link-local address"),
        "{found:#?}"
    );
    assert_eq!(error(&server.url("/to-file")).unwrap(), "refused: only http and https links are checked, not file:");
    assert!(error("http://169.254.169.254/latest/meta-data/").unwrap().contains("link-local"));
    assert!(error(&server.url("/huge")).is_none(), "the endless page answered 200: {found:#?}");
}

#[test]
fn what_a_server_sends_never_reaches_the_terminal_or_the_database_raw() {
    let server = Server::start_in_thread();
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    db.import("hostile.jsonl", &linked("h-1", &server.url("/hostile")));
    for format in ["table", "csv", "json"] {
        // Into a pipe nothing is cleaned: whatever arrives here came through as the checker kept it.
        let out = db.run(&["links", "--all", "--allow-private", "--format", format]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        assert!(
            !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
            "{format}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("/hostile"), "{format}: listed");
    }
    // A withdrawn item's page, read to find the notice: its escapes stay inside the checker.
    let page = format!(
        concat!(
            r#"{{"ref":"h-2","url":"{}","title":"区政府办h-2","body":"正文","form":"text","#,
            r#""path":"unit","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
            r#""submitted_at":"2026-11-20T09:00:00+08:00","#,
            r#""published_at":"2026-11-20T10:00:00+08:00"}}"#
        ),
        server.url("/hostile-body")
    );
    db.import("page.jsonl", &(page + "\n"));
    db.ok(&["retract", "h-2", "--reason", "improper"]);
    let out = db.run(&["links", "--withdrawn", "--allow-private", "--format", "table"]);
    assert!(out.status.success() && !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("/hostile-body") && listed.contains("without the withdrawal notice"), "{listed}");
}

/// A resolver of the test's own: `portal.test` (a name on the public web, for all the checker
/// knows) answers with loopback, as a hostile DNS server would.
fn rebinding() -> Lookup {
    Arc::new(|name: String| {
        Box::pin(async move {
            if name == "portal.test" {
                Ok(vec!["127.0.0.1".parse().unwrap()])
            } else {
                Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such host"))
            }
        })
    })
}

#[tokio::test]
async fn a_name_that_resolves_to_loopback_is_refused_unless_allowed() {
    let server = Server::start().await;
    let url = format!("http://portal.test:{}/ok", server.addr.port());
    let checker = Checker::with_lookup(Limits::default(), rebinding()).unwrap();
    let answer = checker.check(&url, false).await;
    assert!(answer.refused, "{answer:?}");
    assert_eq!(
        answer.error.as_deref(),
        Some(
            "refused: portal.test resolves to 127.0.0.1, a loopback address (--allow-private, \
                or [links] allow_private = true in config.toml, allows it)"
        )
    );
    assert!(server.seen.lock().unwrap().is_empty());
    let allowed = Checker::with_lookup(Limits { allow_private: true, ..Limits::default() }, rebinding()).unwrap();
    let answer = allowed.check(&url, false).await;
    assert_eq!((answer.status, answer.refused), (Some(200), false), "{answer:?}");
    assert_eq!(server.hits("/ok").len(), 1);
}

#[tokio::test]
async fn an_endless_page_is_read_to_the_limit() {
    let server = Server::start().await;
    let limits = Limits { allow_private: true, page_bytes: 64 * 1024, ..Limits::default() };
    let checker = Checker::new(limits).unwrap();
    let started = Instant::now();
    let answer = checker.check(&server.url("/huge"), true).await;
    assert_eq!(answer.status, Some(200));
    assert_eq!(answer.text.map(|t| t.len()), Some(64 * 1024));
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// A login name no other test uses (PostgreSQL's roles are shared by all its databases).
fn login(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("pa_{what}_{}_{}", std::process::id(), nanos % 1_000_000)
}

/// The link checks' results are portal data: an administrator's `psql` writes none without an
/// audit record, a viewer none at all, and a viewer's `links` is refused below the command line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_checks_are_written_only_with_an_audit_record_and_only_by_an_administrator() {
    use sqlx::Connection;
    let db = TestDb::new(common::Backend::Postgres).await;
    db.ok(&["init"]);
    // A link on the test's own machine (the discard port), never fetched: the viewer is refused first.
    db.import("item.jsonl", &linked("l-1", "http://127.0.0.1:9/"));
    let (admin, viewer) = (login("ladm"), login("lview"));
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    db.ok(&["operators", "add", &viewer, "--role", "viewer"]);
    let insert = "INSERT INTO link_checks (site_id, item_id, place, url, status, error, verdict, checked_at, \
        checked_by) \
                  VALUES (1, 1, 'body', 'http://127.0.0.1:9/', 200, NULL, 'ok', now(), 'x')";
    let run = |url: String, statements: Vec<&'static str>| async move {
        let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query("BEGIN").execute(&mut c).await.unwrap();
        for s in statements {
            if let Err(e) = sqlx::query(s).execute(&mut c).await {
                return Err(e.to_string());
            }
        }
        sqlx::query("COMMIT").execute(&mut c).await.map(|_| ()).map_err(|e| e.to_string())
    };
    let e = run(db.as_login(&admin).url.clone(), vec![insert]).await.unwrap_err();
    assert!(e.contains("without writing its audit record"), "{e}");
    let audited = "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), 'x', \
        'links.check', 'site:xiangshan', '{}')";
    run(db.as_login(&admin).url.clone(), vec![insert, audited]).await.unwrap();
    let e = run(db.as_login(&viewer).url.clone(), vec![insert, audited]).await.unwrap_err();
    assert!(e.contains("permission denied"), "{e}");
    let as_viewer = db.as_login(&viewer);
    let out = as_viewer.run(&["links", "--all", "--allow-private"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("may not record link checks"), "{}", common::stderr(&out));
    // The home page's probes (站点无法访问) alike: audited, an administrator's, never edited.
    let probe = "INSERT INTO site_probes (site_id, url, probed_at, status, error, millis, reachable, probed_by) \
                 VALUES (1, 'http://127.0.0.1:9/', now(), NULL, 'no answer', 15000, false, 'x')";
    let audited_probe = "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES (1, now(), 'x', \
        'links.probe', 'site:xiangshan', '{}')";
    let e = run(db.as_login(&admin).url.clone(), vec![probe]).await.unwrap_err();
    assert!(e.contains("without writing its audit record"), "{e}");
    run(db.as_login(&admin).url.clone(), vec![probe, audited_probe]).await.unwrap();
    let e = run(db.as_login(&viewer).url.clone(), vec![probe, audited_probe]).await.unwrap_err();
    assert!(e.contains("permission denied"), "{e}");
    let e = run(db.as_login(&admin).url.clone(), vec!["UPDATE site_probes SET reachable = true", audited_probe])
        .await
        .unwrap_err();
    assert!(e.contains("append-only"), "{e}");
    let e = run(db.as_login(&admin).url.clone(), vec!["TRUNCATE site_probes", audited_probe]).await.unwrap_err();
    assert!(e.contains("permission denied for table site_probes"), "{e}");
    let out = as_viewer.run(&["links", "--probe", "http://127.0.0.1:9/", "--allow-private"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("may not record probes"), "{}", common::stderr(&out));
    drop(as_viewer);
    db.drop_with_roles(&[&admin, &viewer]).await;
}

/// On SQLite too, the link checks' results and the home page's probes are written only with their
/// audit record (schema version 16): the file's owner writing, rewriting or deleting a row by hand
/// (`sqlite3`) is refused, as PostgreSQL's deferred check refuses it, while the checks themselves
/// write theirs. Only the test's own server on 127.0.0.1 is contacted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_link_checks_and_probes_are_refused_without_their_audit_record() {
    let server = Server::start_in_thread();
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    db.import("item.jsonl", &linked("l-1", &format!("<a href=\"{}\">a</a>", server.url("/ok"))));
    // The checks' own writes pass, each with its record, and the trail stays whole.
    db.ok(&["links", "--all", "--allow-private"]);
    db.ok(&["links", "--all", "--allow-private"]);
    db.ok(&["links", "--probe", &server.url("/ok"), "--allow-private"]);
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM link_checks").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM site_probes").await, 1);
    assert!(db.ok(&["audit", "verify"]).contains("the audit trail is intact"));

    const REFUSED: &str = "without writing its audit record";
    let at = "2026-12-01T08:00:00.000001+00:00";
    let check = |url: &str, at: &str| {
        format!(
            "INSERT INTO link_checks (site_id, item_id, place, url, status, error, verdict, checked_at, checked_by) \
             VALUES (1, 1, 'body', '{url}', 200, NULL, 'ok', '{at}', 'x')"
        )
    };
    let probe = |at: &str| {
        format!(
            "INSERT INTO site_probes (site_id, url, probed_at, status, error, millis, reachable, probed_by) \
             VALUES (1, 'http://127.0.0.1:9/', '{at}', 200, NULL, 80, TRUE, 'x')"
        )
    };
    let audit = |action: &str, at: &str| {
        format!(
            "INSERT INTO audit_log (site_id, at, operator, action, target, detail) \
             VALUES (1, '{at}', 'x', '{action}', 'site:xiangshan', '{{}}')"
        )
    };
    // A row by hand, without a record: refused.
    assert!(raw.exec(&check("http://127.0.0.1:9/a", at)).await.unwrap_err().contains(REFUSED));
    assert!(raw.exec(&probe(at)).await.unwrap_err().contains(REFUSED));
    // Rewriting the checks' own rows: a verdict changed, a row moved to the last check's time
    // under another name, a deletion.
    let e = raw.exec("UPDATE link_checks SET verdict = 'broken', status = 404").await.unwrap_err();
    assert!(e.contains(REFUSED), "{e}");
    let e = raw.exec(&format!("UPDATE link_checks SET checked_at = '{at}'")).await.unwrap_err();
    assert!(e.contains(REFUSED), "{e}");
    assert!(raw.exec("DELETE FROM link_checks").await.unwrap_err().contains("DELETE refused"));
    // A record of another action, or of another time, is not the row's.
    raw.exec(&audit("links.probe", at)).await.unwrap();
    assert!(raw.exec(&check("http://127.0.0.1:9/a", at)).await.unwrap_err().contains(REFUSED));
    raw.exec(&audit("links.check", "2026-12-01T08:00:00.000002+00:00")).await.unwrap();
    assert!(raw.exec(&check("http://127.0.0.1:9/a", at)).await.unwrap_err().contains(REFUSED));
    assert!(raw.exec(&probe(at)).await.unwrap_err().contains(REFUSED));
    // An older record is not enough either: it must be the site's newest.
    raw.exec(&audit("links.check", at)).await.unwrap();
    raw.exec(&audit("item.note", at)).await.unwrap();
    assert!(raw.exec(&check("http://127.0.0.1:9/a", at)).await.unwrap_err().contains(REFUSED));
    // With a record of its own written just before: the row goes in, and the record is in the
    // trail for anyone to see.
    raw.exec(&audit("links.check", at)).await.unwrap();
    raw.exec(&check("http://127.0.0.1:9/a", at)).await.unwrap();
    raw.exec(&audit("links.probe", at)).await.unwrap();
    raw.exec(&probe(at)).await.unwrap();
    assert_eq!(raw.count("SELECT COUNT(*) FROM link_checks").await, 2);
    assert_eq!(raw.count("SELECT COUNT(*) FROM site_probes").await, 2);
    assert!(server.seen.lock().unwrap().iter().all(|p| p.path == "/ok"), "only the test's own pages");
}
