//! A provincial platform's county portals (issue 25): `sites add` and `sites` on both databases,
//! the figures of each site worst first, and the refusals of bad input.

mod common;

use common::{TestDb, fails, rows};

/// A county's own small column table and its units.
const COLUMNS: &str = "path\tdeadline\tdepartments\tunits\tnote
政务动态\t\t\t\t
政务动态 / 部门动态\t10天\t各职能部门\t民政局\t
政务动态 / 通知公告\t4个月\t政府办\t政府办\t
信息公开\t\t\t\t
";

const UNITS: &str = "name\tkind\tfull_name
政府办\toffice\t灵川县人民政府办公室
民政局\tdepartment\t灵川县民政局
";

/// An online unit item and a pending one of the last days, in whatever quarter the test runs.
fn recent_items() -> String {
    let day = |days: i64| (chrono::Utc::now() - chrono::Duration::days(days)).to_rfc3339();
    format!(
        concat!(
            r#"{{"ref":"lc-1","title":"灵川县民政局临时救助发放情况","body":"……","#,
            r#""form":"image_text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"{}","published_at":"{}"}}"#,
            "\n",
            r#"{{"ref":"lc-2","title":"灵川县人民政府关于冬季森林防火的通告","body":"……","#,
            r#""form":"text","path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
            r#""submitted_at":"{}"}}"#,
            "\n"
        ),
        day(2),
        day(1),
        day(3)
    )
}

/// Sites added with their own column table, audited; each listed with its figures worst first by
/// any figure; an unknown site named with the ones there are.
async fn sites_are_added_and_summarised(db: TestDb) {
    db.ok(&["init"]);
    // Bad codes: one line each, exit 2, nothing added.
    for bad in ["Lingchuan", "2lc", "ling chuan", "灵川", "a-b", &"x".repeat(33)] {
        fails(&db, &["sites", "add", bad, "--name", "灵川县人民政府门户网站"], 2, "not a site code");
    }
    fails(&db, &["sites", "add", "", "--name", "x"], 2, "needs a code");
    assert_eq!(rows(&db, &["sites"]).len(), 1);

    let (table, units) = (db.file("columns.tsv"), db.file("units.tsv"));
    std::fs::write(&table, COLUMNS).unwrap();
    std::fs::write(&units, UNITS).unwrap();
    let (table, units) = (table.to_str().unwrap(), units.to_str().unwrap());
    let said =
        db.ok(&["sites", "add", "lingchuan", "--name", "灵川县人民政府门户网站", "--columns", table, "--units", units]);
    assert!(said.contains("added site lingchuan with 2 units and 4 columns"), "{said}");
    assert!(said.contains("first administrator"), "{said}");
    fails(&db, &["sites", "add", "lingchuan", "--name", "again"], 1, "there is a site lingchuan already");
    // A script's result, as docs/cli.md shows it.
    let out: serde_json::Value = serde_json::from_str(&db.ok(&[
        "sites",
        "add",
        "yanshan",
        "--name",
        "雁山区人民政府门户网站",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!((out["action"].as_str(), out["changed"].as_bool()), (Some("site.add"), Some(true)), "{out}");
    assert_eq!(
        (out["code"].as_str(), out["units"].as_u64(), out["columns"].as_u64()),
        (Some("yanshan"), Some(32), Some(291))
    );
    let documented: serde_json::Value = serde_json::from_str(include_str!("../src/cli/json_examples.json")).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&documented["sites add"]), keys(&out));

    // The new site is a site like the first: its own items, its own audit trail.
    let file = db.file("lc.jsonl");
    std::fs::write(&file, recent_items()).unwrap();
    db.ok(&["--site", "lingchuan", "import", file.to_str().unwrap()]);
    let trail = rows(&db, &["--site", "lingchuan", "audit"]);
    assert!(trail.iter().any(|r| r["action"] == "site.add"), "{trail:?}");
    let added = trail.iter().find(|r| r["action"] == "site.add").unwrap();
    assert_eq!(common::target(added), "site:lingchuan");
    assert!(rows(&db, &["--site", "xiangshan", "audit"]).iter().all(|r| r["action"] != "site.add"));
    db.ok(&["--site", "lingchuan", "audit", "verify"]);

    let listed = rows(&db, &["sites"]);
    let codes = |listed: &[serde_json::Value]| -> Vec<String> {
        listed.iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
    };
    assert!(codes(&listed).contains(&"lingchuan".to_string()) && codes(&listed).contains(&"xiangshan".to_string()));
    let lc = listed.iter().find(|r| r["code"] == "lingchuan").unwrap();
    let xs = listed.iter().find(|r| r["code"] == "xiangshan").unwrap();
    assert_eq!(lc["name"], "灵川县人民政府门户网站");
    assert!(lc["waiting_hours"].as_i64().is_some_and(|h| (70..=74).contains(&h)), "{lc}");
    assert_eq!(xs["waiting_hours"], serde_json::Value::Null, "an empty queue");
    assert_eq!(lc["points"], 2, "an image and text item this quarter: {lc}");
    assert_eq!(xs["points"], 0);
    for field in ["overdue", "blank", "check_failing", "check_warning", "alarms", "incidents"] {
        assert!(lc[field].is_u64(), "{field}: {lc}");
    }
    // The built-in national check's rules do not fit lingchuan's own column table: not known.
    assert_eq!(lc["check"], serde_json::Value::Null, "{lc}");
    assert!(["pass", "warn", "fail"].contains(&xs["check"].as_str().unwrap()), "{xs}");
    // Worst first by the queue's age: the site with a waiting item; by points: the one without.
    assert_eq!(codes(&rows(&db, &["sites", "--sort", "waiting"]))[0], "lingchuan");
    assert_ne!(codes(&rows(&db, &["sites", "--sort", "points"]))[0], "lingchuan", "the others have no points");
    fails(&db, &["sites", "--sort", "size"], 2, "worst");
    let csv = db.ok(&["sites", "--format", "csv"]);
    assert!(csv.starts_with("code,name,overdue,blank,check,"), "{csv}");

    // An unknown site: the ones there are, exit 2; by `sites` too, which lists them all.
    fails(&db, &["--site", "lingchaun", "queue"], 2, "the sites there: xiangshan, lingchuan, yanshan");
    fails(&db, &["--site", "lingchaun", "sites"], 2, "the sites there: xiangshan, lingchuan, yanshan");
    fails(&db, &["--site", "lingchaun", "sites", "add", "pingle", "--name", "平乐"], 2, "the sites there:");
    assert_eq!(rows(&db, &["--site", "lingchuan", "sites"]).len(), 3, "a site named lists them all");
    // Without --site, a database of several sites asks for one by its code: bad usage, as an
    // unknown code is.
    fails(&db, &["queue"], 2, "holds 3 sites (xiangshan, lingchuan, yanshan); choose one with --site");
}

/// Only an administrator of a site already there adds one: a viewer's `sites add` is refused.
async fn a_viewer_adds_no_site(db: TestDb) {
    db.ok(&["init"]);
    let me = rows(&db, &["operators"])[0]["name"].as_str().unwrap().to_string();
    let other = format!("pa_keeper_{}", std::process::id());
    db.ok(&["operators", "add", &other, "--role", "admin"]);
    db.ok(&["operators", "role", &me, "viewer"]);
    fails(&db, &["sites", "add", "lingchuan", "--name", "灵川"], 1, "may not add a site");
    assert_eq!(rows(&db, &["sites"]).len(), 1, "nothing added");
    if db.backend == common::Backend::Postgres {
        db.drop_with_roles(&[&other]).await;
    }
}

/// The overview reads every site at once (`Store::overview_inputs`); its figures are exactly what
/// each site's own reports say: the staleness report, the national check, the queue, the pending
/// retraction requests and the quarter's scores, read site by site.
async fn the_overview_equals_each_sites_reports(db: TestDb) {
    use portal_admin::domain::assessment::Period;
    use portal_admin::domain::item::RequestStatus;
    use portal_admin::domain::sites::Sort;
    use portal_admin::domain::time::beijing_date;
    use portal_admin::reports::{self, inspection};
    use portal_admin::store::{self, OpenOptions, StoreError, Target};
    use portal_admin::usecase::sites;

    db.ok(&["init"]);
    db.ok(&["demo", "--items", "300", "--seed", "7"]);
    let (table, units) = (db.file("columns.tsv"), db.file("units.tsv"));
    std::fs::write(&table, COLUMNS).unwrap();
    std::fs::write(&units, UNITS).unwrap();
    let (table, units) = (table.to_str().unwrap(), units.to_str().unwrap());
    db.ok(&["sites", "add", "lingchuan", "--name", "灵川", "--columns", table, "--units", units]);
    db.ok(&["sites", "add", "yanshan", "--name", "雁山"]);
    db.ok(&["--site", "yanshan", "demo", "--items", "200", "--seed", "8"]);
    let file = db.file("lc.jsonl");
    std::fs::write(&file, recent_items()).unwrap();
    db.ok(&["--site", "lingchuan", "import", file.to_str().unwrap()]);
    db.ok(&["--site", "lingchuan", "retractions", "request", "lc-1", "--unit", "民政局", "--reason", "classified"]);
    db.ok(&["--site", "lingchuan", "incident", "add", "--unit", "民政局", "--kind", "typo", "--note", "错字"]);
    let asked = (chrono::Utc::now() - chrono::Duration::days(30)).to_rfc3339();
    db.ok(&["--site", "yanshan", "inquiries", "add", "--subject", "低保申请条件", "--asked", &asked]);
    // Each column's latest publication is what the database keeps as placements are written
    // (column_latest): a column's newest item withdrawn makes the one before it the latest;
    // restored, it is the latest again.
    // yanshan's online items, newest first.
    let online = |db: &TestDb| -> Vec<String> {
        let mut items: Vec<serde_json::Value> = db
            .ok(&["--site", "yanshan", "export"])
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|i| i["status"] == "online")
            .collect();
        items.sort_by_key(|i| std::cmp::Reverse(i["published_at"].as_str().unwrap_or_default().to_string()));
        items.iter().map(|i| i["id"].to_string()).collect()
    };
    let newest = online(&db)[0].clone();
    db.ok(&["--site", "yanshan", "retract", &newest, "--reason", "outdated"]);
    db.ok(&["--site", "yanshan", "restore", &newest]);
    assert_eq!(online(&db)[0], newest);
    db.ok(&["--site", "yanshan", "retract", &online(&db)[1], "--reason", "outdated"]);
    // What the database kept is, for every column, the latest of its placements online.
    let mut raw = db.any().await;
    let kept = "SELECT COUNT(*) FROM (SELECT l.online_since AS kept, (SELECT MAX(p.online_since) FROM placements p \
                  WHERE p.site_id = c.site_id AND p.column_id = c.id AND p.online_since IS NOT NULL) AS latest \
                FROM columns c LEFT JOIN column_latest l ON l.site_id = c.site_id AND l.column_id = c.id) x";
    assert!(raw.count(&format!("{kept} WHERE x.kept IS NOT NULL")).await > 100, "kept for the columns with items");
    assert_eq!(
        raw.count(&format!("{kept} WHERE (x.kept IS NULL) <> (x.latest IS NULL) OR x.kept <> x.latest")).await,
        0
    );
    drop(raw);

    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    // An hour on: the request for a suspected secret is past its alarm.
    let now = chrono::Utc::now() + chrono::Duration::hours(1);
    let today = beijing_date(now);
    let overview = sites::summaries(store.as_ref(), now, Sort::Worst).await.unwrap();
    assert_eq!(overview.len(), 3);
    for summary in &overview {
        let site = &summary.site;
        let stale = reports::stale(store.as_ref(), site, today).await.unwrap();
        let check = match inspection::load_rules(store.as_ref(), site, None).await {
            Ok(rules) => Some(inspection::inspect(store.as_ref(), site, &rules, today).await.unwrap()),
            Err(StoreError::Refused(_)) => None,
            Err(e) => panic!("{e}"),
        };
        let queue = store.queue(site, None, None, None).await.unwrap();
        let requests = store.retraction_requests(site, Some(RequestStatus::Pending)).await.unwrap();
        let scores = reports::scores_as_of(store.as_ref(), site, Period::quarter_of(today), today).await.unwrap();
        let own = sites::figures_of(&stale, check.as_deref(), sites::oldest_waiting(&queue), &requests, &scores, now);
        assert_eq!(summary.figures, own, "{}", site.code);
    }
    // Figures that can differ between sites do: the comparison above is of something.
    let of = |code: &str| &overview.iter().find(|s| s.site.code == code).unwrap().figures;
    assert_eq!((of("lingchuan").alarms, of("lingchuan").incidents, of("lingchuan").check), (1, 1, None));
    assert!(of("xiangshan").points > 0 && of("yanshan").check.is_some(), "{overview:?}");
    assert!(of("xiangshan").overdue + of("xiangshan").blank > 0, "{overview:?}");
    assert!(of("xiangshan").oldest_waiting.is_some() && of("lingchuan").oldest_waiting.is_some());
}

on_both_backends!(sites_are_added_and_summarised, a_viewer_adds_no_site, the_overview_equals_each_sites_reports);

/// At a terminal, `sites add` says it added the site once (its line on standard output, not again
/// as the summary on standard error, which is the same screen); into a pipe the summary stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_added_is_said_once_at_a_terminal() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    let command = format!(
        "{} --lang en --db {} sites add lingchuan --name 灵川; echo ended $?; sleep 60",
        common::tmux::quote(env!("CARGO_BIN_EXE_portal-admin")),
        common::tmux::quote(&db.url)
    );
    let t = common::tmux::Tmux::start("site-added", &command, &[]);
    let screen = t.wait_within("ended 0", std::time::Duration::from_secs(60));
    assert_eq!(screen.matches("added site lingchuan").count(), 1, "{screen}");
    let out = db.run(&["--lang", "en", "sites", "add", "yanshan", "--name", "雁山"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("added site yanshan"));
    assert!(common::stderr(&out).contains("added site yanshan"), "a pipe's reader gets the summary");
}

/// Items online in a site built on the built-in column table, and one pending government item.
const ONLINE: &str = concat!(
    r#"{"ref":"on-1","title":"区民政局2026年第三季度临时救助发放情况","body":"……","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-08T09:00:00+08:00","#,
    r#""published_at":"2026-10-08T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"gov-9","title":"关于冬季森林防火的通告","body":"……","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
    "\n"
);

/// Two counties, xiangshan and lingchuan, each with `ONLINE`'s items.
fn two_counties(db: &TestDb) {
    db.ok(&["init"]);
    db.ok(&["sites", "add", "lingchuan", "--name", "灵川县人民政府门户网站"]);
    for site in ["xiangshan", "lingchuan"] {
        let file = db.file(&format!("{site}.jsonl"));
        std::fs::write(&file, ONLINE).unwrap();
        db.ok(&["--site", site, "import", file.to_str().unwrap()]);
    }
}

fn login(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("pa_{what}_{}_{}", std::process::id(), nanos % 1_000_000)
}

/// Runs statements in one transaction and commits: the database's word on the whole.
async fn transaction(c: &mut sqlx::PgConnection, statements: &[String]) -> Result<(), String> {
    use sqlx::Connection;
    let mut tx = c.begin().await.map_err(|e| e.to_string())?;
    for s in statements {
        sqlx::query(s).execute(&mut *tx).await.map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())
}

/// Roles are per site, in the database itself: an administrator of one county who is a viewer of
/// another writes nothing there with SQL, even with an audit record in their own name, nor makes
/// themselves more; a reviewer there passes no administrators' step; a supervisor reads every site
/// and writes nothing. What they may do on their own site still works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_of_one_county_writes_nothing_in_another() {
    use sqlx::Connection;
    let db = TestDb::new(common::Backend::Postgres).await;
    two_counties(&db);
    let (chen, sup) = (login("chen"), login("sup"));
    db.ok(&["--site", "lingchuan", "operators", "add", &chen, "--role", "admin"]);
    db.ok(&["--site", "xiangshan", "operators", "add", &chen, "--role", "viewer"]);
    // A supervisor is made without --site: the readers' group role for their login all the same.
    db.ok(&["operators", "add", &sup, "--role", "supervisor"]);
    let mut raw = db.any().await;
    let xs = raw.count("SELECT id FROM sites WHERE code = 'xiangshan'").await;
    let lc = raw.count("SELECT id FROM sites WHERE code = 'lingchuan'").await;
    let audit = |site: i64| {
        format!(
            "INSERT INTO audit_log (site_id, at, operator, action, target, detail) VALUES ({site}, now(), 'x', \
                'edit', 'item', '{{}}')"
        )
    };
    let mut as_chen = sqlx::PgConnection::connect(&db.as_login(&chen).url).await.unwrap();
    for attack in [
        format!("UPDATE items SET title = '篡改的标题', version = version + 1 WHERE site_id = {xs} AND ref = 'on-1'"),
        format!("UPDATE operators SET role = 'admin' WHERE site_id = {xs} AND name = '{chen}'"),
        format!(
            "INSERT INTO incidents (site_id, unit_id, kind, points, occurred_on, note, recorded_at, recorded_by) \
             SELECT {xs}, id, 'typo', -5, '2026-11-01', 'x', now(), 'x' FROM units WHERE site_id = {xs} LIMIT 1"
        ),
        format!("UPDATE sites SET name = '篡改' WHERE id = {xs}"),
        format!("UPDATE placements SET online_since = NULL WHERE site_id = {xs}"),
        format!(
            "INSERT INTO site_probes (site_id, url, probed_at, status, error, millis, reachable, probed_by) \
             VALUES ({xs}, 'https://www.glxsq.gov.cn/', now(), NULL, 'timeout', 10000, FALSE, 'x')"
        ),
    ] {
        let e = transaction(&mut as_chen, &[attack.clone(), audit(lc)]).await.unwrap_err();
        assert!(e.contains("may not change") || e.contains("permission denied"), "{attack}: {e}");
    }
    // Nor an audit record in the other site's trail (a viewer there).
    let e = transaction(&mut as_chen, &[audit(xs)]).await.unwrap_err();
    assert!(e.contains("may not change audit_log of site xiangshan"), "{e}");
    // Nor making themselves an operator of a third site.
    db.ok(&["sites", "add", "yanshan", "--name", "雁山区人民政府门户网站"]);
    let ys = raw.count("SELECT id FROM sites WHERE code = 'yanshan'").await;
    let e = transaction(
        &mut as_chen,
        &[
            format!(
                "INSERT INTO operators (site_id, name, role, active, created_at) VALUES ({ys}, '{chen}', 'admin', \
                    true, now())"
            ),
            audit(lc),
        ],
    )
    .await
    .unwrap_err();
    assert!(e.contains("may not change operators of site yanshan"), "{e}");
    // What an administrator may do on their own site, they do.
    transaction(
        &mut as_chen,
        &[
            format!(
                "UPDATE items SET title = '更正的标题', version = version + 1 WHERE site_id = {lc} AND ref = 'on-1'"
            ),
            audit(lc),
        ],
    )
    .await
    .unwrap();
    db.as_login(&chen).ok(&["--site", "lingchuan", "retract", "on-1", "--reason", "outdated"]);
    fails(&db.as_login(&chen), &["--site", "xiangshan", "retract", "on-1", "--reason", "outdated"], 1, "may not");

    // A reviewer of xiangshan (an administrator of lingchuan) passes the office's review there and
    // nothing of the administrators'.
    db.ok(&["--site", "xiangshan", "operators", "role", &chen, "reviewer"]);
    let publish = format!(
        "UPDATE items SET stage = 'done', status = 'online', published_at = now(), version = version + 1 \
         WHERE site_id = {xs} AND ref = 'gov-9'"
    );
    let e = transaction(&mut as_chen, &[publish, audit(xs)]).await.unwrap_err();
    assert!(e.contains("may not change item"), "{e}");
    transaction(
        &mut as_chen,
        &[
            format!(
                "UPDATE items SET stage = 'publish', version = version + 1, updated_at = now() WHERE site_id = {xs} \
                    AND ref = 'gov-9'"
            ),
            audit(xs),
        ],
    )
    .await
    .unwrap();

    // The supervisor reads every site and changes nothing.
    let supervisor = db.as_login(&sup);
    assert_eq!(rows(&supervisor, &["sites"]).len(), 3);
    assert!(!rows(&supervisor, &["--site", "lingchuan", "audit"]).is_empty());
    fails(&supervisor, &["--site", "xiangshan", "retract", "on-1", "--reason", "outdated"], 1, "");
    fails(&supervisor, &["sites", "add", "pingle", "--name", "平乐"], 1, "may not add a site");
    let mut as_sup = sqlx::PgConnection::connect(&supervisor.url).await.unwrap();
    for attack in [
        format!("UPDATE items SET title = '篡改的标题' WHERE site_id = {lc}"),
        "INSERT INTO sites (code, name, created_at) VALUES ('pingle', '平乐', now())".to_string(),
        // Nor another supervisor: only an administrator (of any site) writes the supervisors.
        "INSERT INTO supervisors (name, active, created_at) VALUES ('pa_other_sup', true, now())".to_string(),
    ] {
        let e = transaction(&mut as_sup, &[attack.clone(), audit(lc)]).await.unwrap_err();
        assert!(e.contains("permission denied"), "{attack}: {e}");
    }
    assert_eq!(raw.count("SELECT COUNT(*) FROM items WHERE title = '篡改的标题'").await, 0);
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM incidents WHERE site_id = {xs}")).await, 0);
    for c in [as_chen, as_sup] {
        c.close().await.ok();
    }
    drop(raw);
    db.drop_with_roles(&[&chen, &sup]).await;
}

/// On SQLite the store judges each write by the role on its own site: an administrator of one
/// site who is a viewer of another withdraws nothing there.
async fn roles_are_per_site(db: TestDb) {
    two_counties(&db);
    let me = rows(&db, &["--site", "xiangshan", "operators"])[0]["name"].as_str().unwrap().to_string();
    let keeper = login("keeper");
    db.ok(&["--site", "xiangshan", "operators", "add", &keeper, "--role", "admin"]);
    db.ok(&["--site", "xiangshan", "operators", "role", &me, "viewer"]);
    fails(&db, &["--site", "xiangshan", "retract", "on-1", "--reason", "outdated"], 1, "(viewer) may not");
    db.ok(&["--site", "lingchuan", "retract", "on-1", "--reason", "outdated"]);
    if db.backend == common::Backend::Postgres {
        db.drop_with_roles(&[&keeper]).await;
    }
}

on_both_backends!(roles_are_per_site);

/// A supervisor reads every site and changes nothing, on both databases (the store's check on
/// SQLite, whose one operating-system user the database cannot tell apart); a write is refused in
/// one line saying they are a supervisor, not that nobody registered them.
async fn a_supervisor_reads_every_site_and_changes_nothing(db: TestDb) {
    two_counties(&db);
    let me = rows(&db, &["--site", "xiangshan", "operators"])[0]["name"].as_str().unwrap().to_string();
    let keeper = login("keeper");
    // A supervisor's role is for every site: made without --site, audited once for every site.
    let made: serde_json::Value =
        serde_json::from_str(&db.ok(&["operators", "add", &me, "--role", "supervisor", "--format", "json"])).unwrap();
    assert_eq!((made["role"].as_str(), made["active"].as_bool()), (Some("supervisor"), Some(true)), "{made}");
    fails(&db, &["operators", "add", &me, "--role", "supervisor"], 1, "already a supervisor of every site");
    fails(&db, &["operators", "add", "zhao", "--role", "viewer"], 2, "choose one with --site");
    for site in ["xiangshan", "lingchuan"] {
        let set = rows(&db, &["--site", site, "audit", "--action", "operator.set"]);
        assert!(set.iter().any(|r| common::target(r) == format!("operator:{me}")), "{site}: {set:?}");
    }
    for site in ["xiangshan", "lingchuan"] {
        db.ok(&["--site", site, "operators", "add", &keeper, "--role", "admin"]);
        db.ok(&["--site", site, "operators", "disable", &me]);
    }
    assert_eq!(rows(&db, &["sites"]).len(), 2);
    for site in ["xiangshan", "lingchuan"] {
        assert!(!rows(&db, &["--site", site, "audit"]).is_empty());
        assert_eq!(rows(&db, &["--site", site, "queue"]).len(), 1);
    }
    let trail = rows(&db, &["--site", "lingchuan", "audit"]).len();
    for args in [
        &["--site", "xiangshan", "retract", "on-1", "--reason", "outdated"][..],
        &["--site", "lingchuan", "review", "approve", "gov-9", "--checks", "all"],
        &["--site", "lingchuan", "operators", "add", "zhao", "--role", "viewer"],
        &["--site", "lingchuan", "operators", "role", &me, "admin"],
        &["operators", "add", "zhao", "--role", "supervisor"],
    ] {
        fails(&db, args, 1, &format!("{me} (supervisor) may not"));
    }
    // Nor by `init` or `demo` naming a site that is not there, which add one by the same rules.
    for args in [
        &["sites", "add", "pingle", "--name", "平乐"][..],
        &["--site", "pingle", "init", "--name", "平乐"],
        &["--site", "pingle", "demo", "--items", "10"],
    ] {
        fails(&db, args, 1, "may not add a site");
    }
    assert_eq!(rows(&db, &["--site", "lingchuan", "audit"]).len(), trail, "nothing was written");
    assert_eq!(rows(&db, &["sites"]).len(), 2);
    if db.backend == common::Backend::Postgres {
        db.drop_with_roles(&[&keeper]).await;
    }
}

/// A site's name is its portal's title: a blank one is refused in one line (exit 2), by `sites
/// add` and by `init --name`, and nothing is added. A code that is not a site code is refused by
/// `init --site` as by `sites add`, for the first site and for another.
async fn a_blank_site_name_or_a_bad_code_is_refused(db: TestDb) {
    for name in ["", " ", "\u{3000}"] {
        fails(&db, &["init", "--name", name], 2, "a site needs a name");
    }
    fails(&db, &["--site", "Bad-X", "init"], 1, "is not a site code");
    db.ok(&["init"]);
    for name in ["", "  ", "\u{3000}"] {
        fails(&db, &["sites", "add", "lingchuan", "--name", name], 2, "a site needs a name");
    }
    fails(&db, &["--site", "Bad-X", "init"], 1, "is not a site code");
    fails(&db, &["--site", "lingchuan", "init", "--name", " "], 2, "a site needs a name");
    assert_eq!(rows(&db, &["sites"]).len(), 1);
    // An administrator still adds a site with `init --site` (the benchmarks' many-site build).
    db.ok(&["--site", "lingchuan", "init", "--name", "灵川县人民政府门户网站"]);
    assert_eq!(rows(&db, &["sites"]).len(), 2);
}

on_both_backends!(a_supervisor_reads_every_site_and_changes_nothing, a_blank_site_name_or_a_bad_code_is_refused);
