//! `links` on both databases against a server of the test's own on 127.0.0.1 (tests/common/http.rs):
//! dead links found and kept, withdrawn pages proven gone or flagged still public, and the checker
//! kept out of the machine's own networks. Nothing else is ever contacted.

mod common;

use common::http::Server;
use common::{TestDb, fails, rows, stderr};
use serde_json::Value;

fn item(reference: &str, url: Option<&str>, body: &str) -> String {
    let url = url.map_or(String::new(), |u| format!(r#""url":"{u}","#));
    let body = body.replace('"', "\\\"");
    format!(
        concat!(
            r#"{{"ref":"{reference}",{url}"title":"区统计局{reference}信息","body":"{body}","#,
            r#""form":"text","path":"unit","unit":"统计局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"2026-11-20T09:00:00+08:00","#,
            r#""published_at":"2026-11-20T15:00:00+08:00"}}"#
        ),
        body = body,
        reference = reference,
        url = url
    )
}

fn by_url<'a>(rows: &'a [Value], url: &str) -> Option<&'a Value> {
    rows.iter().find(|r| r["url"] == url)
}

async fn dead_links_are_found_kept_and_listed(db: TestDb) {
    let server = Server::start_in_thread();
    db.ok(&["init"]);
    let body = format!(
        "详见<a href=\"{}\">通知</a>，原文：{}。另见<a href='/missing'>附件</a> {} {} {} {}",
        server.url("/ok"),
        server.url("/error"),
        server.url("/loop"),
        server.url("/moved"),
        server.url("/slow"),
        server.url("/busy"),
    );
    let lines =
        [item("a-1", Some(&server.url("/page/1")), &body), item("a-2", None, "没有链接的正文")].join("\n") + "\n";
    db.import("linked.jsonl", &lines);
    let mut raw = db.any().await;
    raw.exec(
        "INSERT INTO attachments (site_id, item_id, kind, name, received_at) SELECT site_id, id, \
        'electronic_text', '/files/正文.pdf', submitted_at FROM items WHERE ref = 'a-1'",
    )
    .await
    .unwrap();

    let found = rows(&db, &["links", "--all", "--allow-private", "--timeout", "1"]);
    let page = |p: &str| server.url(p);
    assert_eq!(by_url(&found, &page("/missing")).unwrap()["status"], 404, "{found:#?}");
    assert_eq!(by_url(&found, &page("/missing")).unwrap()["where"], "body");
    assert_eq!(by_url(&found, &page("/error")).unwrap()["status"], 500);
    let looped = by_url(&found, &page("/loop")).unwrap();
    assert_eq!(looped["status"], 302);
    assert_eq!(looped["error"], "more than 5 redirects (a loop?)");
    let slow = by_url(&found, &page("/slow")).unwrap();
    assert_eq!(slow["status"], Value::Null);
    assert_eq!(slow["error"], "no answer within 1 s (3 tries)");
    let busy = by_url(&found, &page("/busy")).unwrap();
    assert_eq!(busy["status"], 503);
    assert_eq!(server.hits("/busy").len(), 3, "a 503 is tried again, twice");
    for fine in ["/ok", "/moved", "/page/1"] {
        assert!(by_url(&found, &page(fine)).is_none(), "{fine} answers: {found:#?}");
    }
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found.iter().all(|r| r["item"].is_i64() && r["checked_at"].is_string()));
    // The attachment's link, resolved against the item's page, was checked and answered.
    assert_eq!(server.hits("/files/%E6%AD%A3%E6%96%87.pdf").len(), 1);
    // Polite and small: who asks, and only a range.
    assert_eq!(server.hits("/ok").len(), 2, "once as a link, once as /moved's target");
    let seen = server.hits("/page/1");
    assert_eq!(seen.len(), 1, "each link once");
    assert!(seen[0].user_agent.as_deref().unwrap_or("").starts_with("portal-admin/"), "{seen:?}");
    assert_eq!(seen[0].range.as_deref(), Some("bytes=0-1023"));
    // Kept: every link of the item with its result, in one audited transaction.
    assert_eq!(raw.count("SELECT COUNT(*) FROM link_checks").await, 9);
    assert_eq!(raw.count("SELECT COUNT(*) FROM link_checks WHERE verdict = 'broken'").await, 5);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'links.check'").await, 1);
    // One item, by ref: its results replace the last ones.
    let again = rows(&db, &["links", "a-1", "--allow-private", "--timeout", "1"]);
    assert_eq!(again.len(), 5);
    assert_eq!(raw.count("SELECT COUNT(*) FROM link_checks").await, 9);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'links.check'").await, 2);
    // CSV with the contract's fields.
    let csv = db.ok(&["links", "a-2", "--allow-private", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("item,url,where,status,error,checked_at"));
    // The national check reads them: all five on the home page's columns (政务动态), and the
    // bulletin counts them for the item's unit.
    let inspect = rows(&db, &["inspect"]);
    let indicator = |key: &str| inspect.iter().find(|r| r["indicator"] == key).cloned().unwrap();
    assert_eq!(indicator("home_broken_links")["count"], 5, "{inspect:#?}");
    assert_eq!(indicator("home_broken_links")["level"], "fail");
    assert_eq!(indicator("other_broken_links")["count"], 0);
    assert_eq!(indicator("other_broken_links")["level"], "pass");
    let before = rows(&db, &["inspect", "--at", "2026-11-30"]);
    assert!(
        before.iter().any(|r| r["indicator"] == "home_broken_links" && r["count"] == 0),
        "no check by then: {before:#?}"
    );
    let quarter = chrono_quarter();
    let bulletin = db.ok(&["scores", "--quarter", &quarter, "--bulletin", "-"]);
    assert!(bulletin.contains("## 七、不可用链接（链接检查）") && bulletin.contains("| 统计局 | 5 |"), "{bulletin}");
    // Items that went online since a later day: none, and nothing fetched.
    let served = server.seen.lock().unwrap().len();
    assert!(rows(&db, &["links", "--since", "2026-11-21", "--allow-private"]).is_empty());
    assert_eq!(server.seen.lock().unwrap().len(), served);
    fails(&db, &["--read-only", "links", "--all"], 1, "read-only");
    fails(&db, &["links"], 2, "which items?");
    fails(&db, &["links", "--all", "--concurrency", "0"], 2, "concurrency");
}

async fn withdrawn_pages_are_proven_gone_or_flagged_still_public(db: TestDb) {
    let server = Server::start_in_thread();
    db.ok(&["init"]);
    let pages = ["/withdrawn-still", "/withdrawn-notice", "/gone", "/withdrawn-gbk"];
    let lines: Vec<String> =
        pages.iter().enumerate().map(|(n, p)| item(&format!("w-{n}"), Some(&server.url(p)), "正文")).collect();
    db.import("withdrawn.jsonl", &(lines.join("\n") + "\n"));
    db.ok(&["retractions", "request", "w-0", "--unit", "统计局", "--reason", "outdated"]);
    // A config.toml allowing the local network: the withdrawal checks the pages at once.
    let config = db.dir.path().join("config").join("portal-admin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[links]\nallow_private = true\n").unwrap();
    let said = db.ok(&["retract", "w-0", "w-1", "w-2", "w-3", "--reason", "outdated"]);
    assert!(
        said.contains("item 1: its public page") && said.contains("still answers without the withdrawal notice"),
        "{said}"
    );
    assert!(!said.contains("item 2: its public page") && !said.contains("item 3: its public page"), "{said}");
    let flagged = rows(&db, &["retractions"]);
    assert_eq!(flagged[0]["still_public"], true, "{flagged:#?}");

    // The console's withdrawn tab gets the flag with its rows.
    {
        use portal_admin::store::{self, OpenOptions, Target};
        use portal_admin::ui::app::Loaded;
        use portal_admin::ui::views::{self, withdrawn};
        let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
        let site = store.site(None).await.unwrap();
        let Loaded::View(views::Loaded::Withdrawn(withdrawn::Loaded::Page(Ok(listed)))) = portal_admin::ui::load(
            store.as_ref(),
            &site,
            withdrawn::Load::Page { seek: store::Seek::First, filter: None }.into(),
        )
        .await
        else {
            panic!("the withdrawals load")
        };
        let flagged: Vec<i64> = listed.iter().filter(|w| w.still_public).map(|w| w.item).collect();
        assert_eq!(flagged, [1]);
        // The Retractions tab keeps the handled request of the page still public, flagged.
        use portal_admin::ui::views::retractions;
        let Loaded::View(views::Loaded::Retractions(retractions::Loaded::Pending(Ok(requests)))) =
            portal_admin::ui::load(store.as_ref(), &site, retractions::Load::Pending.into()).await
        else {
            panic!("the retraction requests load")
        };
        let listed: Vec<(i64, &str, bool)> =
            requests.iter().map(|r| (r.item, r.status.as_str(), r.still_public)).collect();
        assert_eq!(listed, [(1, "done", true)]);
    }
    let public = rows(&db, &["links", "--withdrawn"]);
    assert_eq!(public.len(), 1, "{public:#?}");
    assert_eq!(public[0]["url"], server.url("/withdrawn-still"));
    assert_eq!(public[0]["where"], "page");
    assert_eq!(public[0]["status"], 200);
    assert_eq!(public[0]["error"], "answers 200 without the withdrawal notice");
    let mut raw = db.any().await;
    let verdicts = raw.count("SELECT COUNT(*) FROM link_checks WHERE verdict IN ('notice', 'gone')").await;
    assert_eq!(verdicts, 3, "the notice (UTF-8 and GBK) and the 404 prove the withdrawal");
    // Until it is gone: the site takes the page down, and the flag goes.
    raw.exec("UPDATE items SET url = REPLACE(url, '/withdrawn-still', '/gone')").await.unwrap();
    assert!(rows(&db, &["links", "--withdrawn"]).is_empty());
    assert_eq!(rows(&db, &["retractions"])[0]["still_public"], false);
    {
        // And the Retractions tab lets the request go: nothing is pending or still public.
        use portal_admin::store::{self, OpenOptions, Target};
        use portal_admin::ui::app::Loaded;
        use portal_admin::ui::views::{self, retractions};
        let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
        let site = store.site(None).await.unwrap();
        let Loaded::View(views::Loaded::Retractions(retractions::Loaded::Pending(Ok(requests)))) =
            portal_admin::ui::load(store.as_ref(), &site, retractions::Load::Pending.into()).await
        else {
            panic!("the retraction requests load")
        };
        assert!(requests.is_empty(), "{requests:#?}");
    }
    // Without the permission, a loopback page is refused and never fetched.
    std::fs::remove_file(config.join("config.toml")).unwrap();
    let before = server.seen.lock().unwrap().len();
    let out = db.run(&["links", "--withdrawn", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.seen.lock().unwrap().len(), before);
    assert_eq!(raw.count("SELECT COUNT(*) FROM link_checks WHERE verdict = 'refused'").await, 4);
}

/// The console's side of the same checks, through the queries it runs on its tasks: the Findings
/// tab's broken links, and a withdrawal followed by the check of the withdrawn page (what
/// `retract` runs too), which names the page still public and the online item still linking to it.
async fn the_consoles_withdrawal_checks_the_page_and_the_findings_list_broken_links(db: TestDb) {
    use portal_admin::domain::RetractionReason;
    use portal_admin::reports::links::Settings;
    use portal_admin::store::{self, OpenOptions, Target};
    use portal_admin::ui::app::{Load, Loaded, pages_said};
    use portal_admin::ui::views::{self, findings};
    let server = Server::start_in_thread();
    db.ok(&["init"]);
    let still = server.url("/withdrawn-still");
    let body = format!("见<a href=\"{still}\">原通告</a>及<a href=\"{}\">附件</a>", server.url("/missing"));
    let lines = [item("w-0", Some(&still), "正文"), item("a-1", None, &body)].join("\n") + "\n";
    db.import("linked.jsonl", &lines);
    rows(&db, &["links", "--all", "--allow-private"]);
    let mut raw = db.any().await;
    let (w0, a1) = (
        raw.count("SELECT id FROM items WHERE ref = 'w-0'").await,
        raw.count("SELECT id FROM items WHERE ref = 'a-1'").await,
    );
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let load = |l: Load| portal_admin::ui::load(store.as_ref(), &site, l);

    let Loaded::View(views::Loaded::Findings(findings::Loaded::BrokenLinks(Ok(broken)))) =
        load(findings::Load::BrokenLinks.into()).await
    else {
        panic!("the broken links load")
    };
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!(
        (broken[0].item, broken[0].url.as_str(), broken[0].status),
        (a1, server.url("/missing").as_str(), Some(404))
    );

    let Loaded::Withdrawn(Ok(done)) = load(Load::Retract { items: vec![w0], reason: RetractionReason::Outdated }).await
    else {
        panic!("the withdrawal is saved")
    };
    assert_eq!(done.withdrawn, [w0]);
    let settings = Settings { allow_private: true, ..Settings::built_in() };
    // The check tells how far it has got, as the console's status line shows it.
    let told = std::sync::Mutex::new(Vec::new());
    let progress = |done: usize, of: usize| told.lock().unwrap().push((done, of));
    let (Loaded::PagesChecked(Ok(found)), None) =
        portal_admin::ui::query_told(store.as_ref(), &site, Load::CheckPages { items: vec![w0], settings }, &progress)
            .await
    else {
        panic!("the page is checked")
    };
    assert_eq!(told.lock().unwrap().last(), Some(&(1, 1)), "{told:?}");
    assert_eq!(found.pages, 1);
    let public: Vec<(i64, &str)> = found.still_public.iter().map(|r| (r.item, r.url.as_str())).collect();
    assert_eq!(public, [(w0, still.as_str())]);
    let linking: Vec<(i64, &str)> = found.linked_from.iter().map(|r| (r.item, r.url.as_str())).collect();
    assert_eq!(linking, [(a1, still.as_str())], "the online item still links to the withdrawn page");
    let (said, warned) = pages_said(&found).unwrap();
    assert!(warned && said.contains("still answers without the withdrawal notice"), "{said}");
    assert!(said.contains(&format!("1 online item still links to a withdrawn page (items {a1})")), "{said}");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'links.check'").await, 2);

    // Without the permission the loopback page is refused, never fetched, and said as unchecked.
    let before = server.seen.lock().unwrap().len();
    let Loaded::PagesChecked(Ok(found)) =
        load(Load::CheckPages { items: vec![w0], settings: Settings::built_in() }).await
    else {
        panic!("the check runs")
    };
    assert_eq!(server.seen.lock().unwrap().len(), before);
    assert!(found.still_public.is_empty() && found.unsure.len() == 1, "{found:#?}");
    assert!(pages_said(&found).unwrap().0.contains("could not be checked"));
}

/// A home page that answers `answering` visits, then stops answering: it takes the connections
/// and never says a word (on 127.0.0.1; nothing else is contacted).
fn home_page_that_stops_answering(answering: usize) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            if n < answering {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head);
                let page = "<html><body>象山区人民政府门户网站</body></html>";
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: \
                        close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(answer.as_bytes());
            } else {
                held.push(stream);
            }
        }
    });
    url
}

/// `links --probe` visits the home page and records each visit, audited and never edited; the
/// national check's 站点无法访问 counts the visits that did not open: one of four is 25%, which fails.
async fn the_home_page_probes_feed_site_unreachable(db: TestDb) {
    let home = home_page_that_stops_answering(3);
    db.ok(&["init"]);
    fails(&db, &["links", "--probe"], 2, "which page?");
    // Loopback is refused without the permission: nothing fetched, nothing recorded.
    fails(&db, &["links", "--probe", &home], 1, "loopback");
    let config = db.dir.path().join("config").join("portal-admin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("[links]\nallow_private = true\nhome_page = \"{home}\"\n"))
        .unwrap();
    for _ in 0..3 {
        let up = rows(&db, &["links", "--probe"]);
        assert_eq!(
            (up[0]["url"].as_str(), &up[0]["status"], &up[0]["reachable"]),
            (Some(home.as_str()), &200.into(), &true.into())
        );
    }
    let down = rows(&db, &["links", "--probe", "--timeout", "1"]);
    assert_eq!(down[0]["reachable"], false, "{down:#?}");
    assert_eq!(down[0]["status"], Value::Null);
    assert_eq!(down[0]["error"], "no answer within 1 s (1 tries)");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM site_probes").await, 4);
    assert_eq!(raw.count("SELECT COUNT(*) FROM site_probes WHERE reachable").await, 3);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'links.probe'").await, 4);
    assert!(raw.exec("UPDATE site_probes SET reachable = TRUE").await.unwrap_err().contains("append-only"));
    assert!(raw.exec("DELETE FROM site_probes").await.unwrap_err().contains("append-only"));

    let inspect = rows(&db, &["inspect"]);
    let site = inspect.iter().find(|r| r["indicator"] == "site_unreachable").cloned().unwrap();
    assert_eq!(
        (&site["count"], &site["level"], &site["threshold"]),
        (&25.into(), &"fail".into(), &5.into()),
        "{site:#?}"
    );
    let detail = site["detail"].to_string();
    assert!(
        detail.contains("1 of 4 probes did not open within 15 s (25.0%)") && detail.contains("no answer within 1 s"),
        "{detail}"
    );
    // The week before: no probes.
    let before = rows(&db, &["inspect", "--at", "2026-11-01"]);
    let site = before.iter().find(|r| r["indicator"] == "site_unreachable").cloned().unwrap();
    assert_eq!((&site["count"], &site["level"]), (&0.into(), &"pass".into()));
    fails(&db, &["--read-only", "links", "--probe"], 1, "read-only");
}

on_both_backends!(
    dead_links_are_found_kept_and_listed,
    withdrawn_pages_are_proven_gone_or_flagged_still_public,
    the_consoles_withdrawal_checks_the_page_and_the_findings_list_broken_links,
    the_home_page_probes_feed_site_unreachable
);

/// This quarter (Beijing time), as `scores --quarter` takes it.
fn chrono_quarter() -> String {
    let now = chrono::Utc::now() + chrono::Duration::hours(8);
    let month: u32 = now.format("%m").to_string().parse().unwrap();
    format!("{}Q{}", now.format("%Y"), (month - 1) / 3 + 1)
}
