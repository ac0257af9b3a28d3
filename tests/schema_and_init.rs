//! `init`, `columns` and the constraints the database itself enforces, on both backends.

mod common;

use std::io::Write;
use std::time::Duration;

use common::{Backend, TestDb, paused, stderr};
use portal_admin::store::schema::SCHEMA_VERSION;
use serde_json::Value;

fn columns_json(db: &TestDb) -> Vec<Value> {
    serde_json::from_str(&db.ok(&["columns", "--format", "json"])).expect("json")
}

async fn init_loads_the_table_and_is_idempotent(db: TestDb) {
    let first = db.ok(&["init"]);
    assert!(first.contains(&format!("created the schema (version {SCHEMA_VERSION})")), "{first}");
    assert!(first.contains("created site xiangshan with"), "{first}");
    assert!(first.contains("calendar days"), "{first}");
    let mut raw = db.any().await;
    let audit_before = raw.count("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(audit_before, 1, "init writes one audit record");
    let operator = raw.count("SELECT COUNT(*) FROM operators WHERE role = 'admin' AND active").await;
    assert_eq!(operator, 1, "the operator running init is the first administrator");

    let columns = columns_json(&db);
    let table = portal_admin::domain::column_table::ColumnTable::xiangshan_2023();
    assert_eq!(columns.len(), table.columns.len());
    for (row, spec) in columns.iter().zip(&table.columns) {
        assert_eq!(row["path"], spec.path_text());
        assert_eq!(row["level"], spec.level() as i64);
        assert_eq!(row["deadline"], spec.deadline);
        assert_eq!(row["rule"], spec.rule.to_string());
        assert_eq!(row["departments"], spec.departments);
    }

    let second = db.ok(&["init"]);
    assert!(second.starts_with("nothing changed:"), "{second}");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log").await, audit_before);
    assert_eq!(columns_json(&db), columns);
}

async fn the_database_refuses_what_is_not_allowed(db: TestDb) {
    db.ok(&["init"]);
    let mut raw = db.any().await;
    let unit = raw.count("SELECT id FROM units WHERE name = '统计局'").await;
    let now = "'2024-05-17T01:30:00+00:00'";
    let insert = |form: &str| {
        format!(
            "INSERT INTO items (site_id, title, body, form, path, unit_id, channel, stage, status, version, points, \
                submitted_at, created_at, updated_at) \
             VALUES (1, '象山区统计局发布一季度经济运行情况', '正文', '{form}', 'unit', {unit}, 'portal', 'recheck', \
                 'pending', 1, 1, {now}, {now}, {now})"
        )
    };
    let err = raw.exec(&insert("picture")).await.unwrap_err();
    assert!(err.to_lowercase().contains("check"), "unknown form refused by a CHECK: {err}");
    raw.exec(&insert("text")).await.expect("a valid item is accepted");
    let item = raw.count("SELECT MAX(id) FROM items").await;
    let err = raw
        .exec(&format!("INSERT INTO placements (site_id, item_id, column_id, form) VALUES (1, {item}, 999999, 'text')"))
        .await
        .unwrap_err();
    assert!(err.to_lowercase().contains("foreign key"), "placement in a missing column: {err}");
    let err = raw.exec("UPDATE audit_log SET operator = 'someone else'").await.unwrap_err();
    assert!(err.contains("append-only"), "audit update: {err}");
    let err = raw.exec("DELETE FROM audit_log").await.unwrap_err();
    assert!(err.contains("append-only"), "audit delete: {err}");
    let err = raw.exec(&format!("DELETE FROM items WHERE id = {item}")).await.unwrap_err();
    assert!(err.contains("append-only"), "item delete: {err}");
    let err = raw
        .exec(&format!(
            "INSERT INTO items (site_id, title, body, form, path, unit_id, channel, stage, status, \
            version, points, submitted_at, created_at, updated_at) VALUES (1, 't', '', 'text', 'unit', {unit}, \
                'portal', 'done', 'online', 1, 1, {now}, {now}, {now})"
        ))
        .await
        .unwrap_err();
    assert!(err.to_lowercase().contains("check"), "an online item needs a publication time: {err}");
    let err = raw
        .exec(
            "INSERT INTO incidents (site_id, unit_id, kind, points, occurred_on, note, recorded_at, recorded_by) \
            VALUES (1, 2, 'typo', -10, '2024-05-17', '错别字', '2024-05-17T00:00:00+00:00', 'x')",
        )
        .await
        .unwrap_err();
    assert!(err.to_lowercase().contains("check"), "a typo costs 5 points, not 10: {err}");
    if db.backend == Backend::Postgres {
        let err = raw.exec("TRUNCATE audit_log").await.unwrap_err();
        assert!(err.contains("append-only"), "audit truncate: {err}");
    }
}

async fn commands_without_a_schema_or_with_a_newer_one_say_so(db: TestDb) {
    if db.backend == Backend::Sqlite {
        let out = db.run(&["columns"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("no portal-admin database at"), "{}", stderr(&out));
        std::fs::write(db.dir.path().join("portal.db"), b"").unwrap();
    }
    let out = db.run(&["columns"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("has no portal-admin schema; run `portal-admin init` first"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);

    db.ok(&["init"]);
    let mut raw = db.any().await;
    raw.exec("UPDATE schema_meta SET value = '99' WHERE key = 'schema_version'").await.unwrap();
    for args in [&["columns"][..], &["init"][..]] {
        let out = db.run(args);
        assert_eq!(out.status.code(), Some(1));
        let e = stderr(&out);
        assert!(
            e.contains(&format!(
                "schema version 99, newer than this portal-admin understands ({SCHEMA_VERSION}); upgrade portal-admin"
            )),
            "{e}"
        );
        assert!(!e.contains("panicked"), "{e}");
    }
}

async fn a_different_table_is_never_loaded_over_the_first(db: TestDb) {
    db.ok(&["init"]);
    let file = db.file("columns.tsv");
    std::fs::write(
        &file,
        "path\tdeadline\tdepartments\tunits\tnote\n走进象山\t\t\t\t\n走进象山 / 象山介绍\t1年\t政府办\t政府办\t\n",
    )
    .unwrap();
    let out = db.run(&["init", "--columns", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("differs from the one given"), "{}", stderr(&out));
    // The same file loads into a new site.
    let created = db.ok(&["--site", "test2", "init", "--columns", file.to_str().unwrap(), "--name", "测试站点"]);
    assert!(created.contains("created site test2 with"), "{created}");
    let listed = db.ok(&["--site", "test2", "columns", "--format", "csv"]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    // Without --site, two sites are ambiguous.
    let out = db.run(&["columns"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2 sites (xiangshan, test2); choose one with --site"), "{}", stderr(&out));
}

async fn an_unknown_deadline_is_refused_with_its_row(db: TestDb) {
    let file = db.file("bad.tsv");
    std::fs::write(
        &file,
        "path\tdeadline\tdepartments\tunits\tnote\n走进象山\t\t\t\t\n走进象山 / 象山介绍\t每周\t政府办\t政府办\t\n",
    )
    .unwrap();
    let out = db.run(&["init", "--columns", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("bad.tsv:3: column \"走进象山 / 象山介绍\": unknown deadline text \"每周\""), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1);
}

async fn read_only_changes_nothing(db: TestDb) {
    let out = db.run(&["--read-only", "init"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    db.ok(&["init"]);
    let out = db.run(&["--read-only", "calendar", "add", "--holiday", "2027-01-01", "--note", "元旦"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM calendar_days WHERE day >= '2027-01-01'").await, 0);
    db.ok(&["--read-only", "columns"]);
}

async fn the_calendar_is_data_an_administrator_extends(db: TestDb) {
    db.ok(&["init"]);
    let shown = db.ok(&["calendar", "show", "--year", "2026", "--format", "csv"]);
    assert!(shown.contains("2026-02-14,workday,调休上班"), "{shown}");
    assert!(shown.contains("2026-10-07,holiday,国庆节"), "{shown}");
    let added =
        db.ok(&["calendar", "add", "--holiday", "2027-01-01", "--workday", "2027-02-06", "--note", "2027年通知"]);
    assert!(added.starts_with("2 of 2"), "{added}");
    let again = db.ok(&["calendar", "add", "--holiday", "2027-01-01", "--note", "2027年通知"]);
    assert!(again.starts_with("0 of 1"), "{again}");
    // Days added one by one do not make 2027 held: its notice is still missing (exit 1).
    let out = db.run(&["calendar", "show", "--year", "2027", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.len(), 2);
    let out = db.run(&["calendar", "add", "--workday", "2027-02-03"]);
    assert_eq!(out.status.code(), Some(2), "a Wednesday cannot be made a workday");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.set'").await, 1);
}

/// A database of the previous schema version: every command says to run `init`, and `init`
/// upgrades it in one audited transaction; then items carry their public link.
async fn init_upgrades_an_older_schema(db: TestDb) {
    db.ok(&["init"]);
    let mut raw = db.any().await;
    // What version 24 added: PostgreSQL's copy of the items' texts, which the text indexes are on.
    for sql in common::drop_item_texts(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    // What version 23 added: each column's latest online publication, kept by triggers.
    for sql in common::drop_column_latest(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    // What version 22 added: the indexes the queue reads its pages by.
    raw.exec("DROP INDEX items_queue_step").await.unwrap();
    raw.exec("DROP INDEX items_queue_wait").await.unwrap();
    // What version 21 added: the indexes the Findings tab reads its pages by.
    raw.exec("DROP INDEX item_findings_kinds").await.unwrap();
    raw.exec("DROP INDEX item_findings_blocking").await.unwrap();
    // What version 19 added: the titles' pinyin initials and their index.
    if db.backend == Backend::Sqlite {
        raw.exec("DROP TABLE item_initials_text").await.unwrap();
    }
    raw.exec("DROP TABLE item_initials").await.unwrap();
    // What version 18 added: PostgreSQL's index of two-character pieces.
    if db.backend == Backend::Postgres {
        raw.exec("DROP FUNCTION portal_bigrams CASCADE").await.unwrap();
    }
    // What version 17 added: the stored findings.
    raw.exec("DROP TABLE item_findings").await.unwrap();
    raw.exec("DROP TABLE finding_lists").await.unwrap();
    raw.exec("ALTER TABLE items DROP COLUMN url").await.unwrap();
    raw.exec("ALTER TABLE items DROP COLUMN wechat_at").await.unwrap();
    raw.exec("ALTER TABLE items DROP COLUMN mark").await.unwrap();
    raw.exec("ALTER TABLE retraction_requests DROP COLUMN resolution").await.unwrap();
    raw.exec("DROP TABLE item_marks").await.unwrap();
    raw.exec("DROP INDEX withdrawals_at").await.unwrap();
    raw.exec("DROP TABLE inquiries").await.unwrap();
    raw.exec("DROP TABLE finding_waivers").await.unwrap();
    raw.exec("DROP INDEX documents_item").await.unwrap();
    raw.exec("DROP INDEX audit_log_site").await.unwrap();
    raw.exec("DROP TABLE calendar_notices").await.unwrap();
    // What version 15 added: the supervisors and the checks of each write by its site.
    let sites: &[&str] = match db.backend {
        Backend::Sqlite => &["DROP TABLE supervisors"],
        Backend::Postgres => &[
            "DROP TABLE supervisors",
            "DROP FUNCTION portal_check_sites, portal_check_site_rows, portal_site_role, portal_operator_role CASCADE",
        ],
    };
    for sql in sites {
        raw.exec(sql).await.unwrap();
    }
    // What version 14 added: the home page's probes.
    raw.exec("DROP TABLE site_probes").await.unwrap();
    // What version 13 added: rectification orders.
    raw.exec("DROP TABLE rectifications").await.unwrap();
    if db.backend == Backend::Postgres {
        raw.exec("DROP FUNCTION portal_close_rectification").await.unwrap();
    }
    // What version 12 added: the text indexes of search.
    let search: &[&str] = match db.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER items_text_added",
            "DROP TRIGGER items_text_changed",
            "DROP TRIGGER items_text_removed",
            "DROP TABLE items_text",
        ],
        Backend::Postgres => &["DROP EXTENSION pg_trgm CASCADE"],
    };
    for sql in search {
        raw.exec(sql).await.unwrap();
    }
    raw.exec("DROP INDEX items_newest").await.unwrap();
    // What version 11 added: the audit trail's hash chain (the records already there are chained
    // by the upgrade).
    raw.exec("ALTER TABLE audit_log DROP COLUMN hash").await.unwrap();
    // What version 10 added: the link checks' results.
    raw.exec("DROP TABLE link_checks").await.unwrap();
    // What version 9 added: the operators' login flag and the guards.
    raw.exec("ALTER TABLE operators DROP COLUMN login").await.unwrap();
    let guards: &[&str] = match db.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER withdrawals_closed_once",
            "DROP TRIGGER retraction_requests_closed_once",
            "DROP TRIGGER retraction_requests_never_deleted",
            "DROP TRIGGER incidents_no_update",
            "DROP TRIGGER incidents_no_delete",
        ],
        Backend::Postgres => &[
            "DROP FUNCTION portal_stamp_audit, portal_note_change, portal_note_audit, portal_require_audit, \
                portal_check_item_change, \
             portal_close_once, portal_holds, portal_role_name, portal_grant_roles, portal_set_login CASCADE",
            "DROP TABLE portal_changes",
            "DROP TRIGGER retraction_requests_never_deleted ON retraction_requests",
            "DROP TRIGGER incidents_append_only ON incidents",
            "DROP TRIGGER withdrawals_no_truncate ON withdrawals",
            "DROP TRIGGER reviews_no_truncate ON reviews",
            "DROP TRIGGER retraction_requests_no_truncate ON retraction_requests",
            "DROP TRIGGER incidents_no_truncate ON incidents",
        ],
    };
    for sql in guards {
        raw.exec(sql).await.unwrap();
    }
    raw.exec("UPDATE schema_meta SET value = '1' WHERE key = 'schema_version'").await.unwrap();
    let out = db.run(&["columns"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "schema version 1, older than this portal-admin's {SCHEMA_VERSION}; run `portal-admin init` to upgrade it"
        )),
        "{}",
        stderr(&out)
    );
    let said = db.ok(&["init"]);
    assert!(
        said.contains("upgraded the schema") && said.contains(&format!("from version 1 to {SCHEMA_VERSION}")),
        "{said}"
    );
    // No finding stored yet: `check --all` checks every item first.
    assert_eq!(raw.count("SELECT COUNT(*) FROM finding_lists").await, 0);
    // The built-in years are held again (and 2021–2022, new in version 8, loaded).
    assert_eq!(raw.count("SELECT COUNT(*) FROM calendar_notices").await, 6);
    // The probes' table is back, append-only.
    assert_eq!(raw.count("SELECT COUNT(*) FROM site_probes").await, 0);
    assert!(raw.exec("DELETE FROM site_probes").await.is_ok(), "no rows: nothing to refuse");
    let probe = "INSERT INTO site_probes (site_id, url, probed_at, status, error, millis, reachable, probed_by) \
                 VALUES (1, 'https://www.glxsq.gov.cn/', '2026-11-29T06:00:00Z', 200, NULL, 80, TRUE, 'x')";
    match db.backend {
        // The owner's session is trusted on PostgreSQL; on SQLite (version 16) a probe needs its
        // audit record, and an update is refused whatever it comes with.
        Backend::Postgres => raw.exec(probe).await.unwrap(),
        Backend::Sqlite => {
            assert!(raw.exec(probe).await.unwrap_err().contains("without writing its audit record"));
            0
        }
    };
    assert!(!matches!(raw.exec("UPDATE site_probes SET reachable = FALSE").await, Ok(n) if n > 0));
    assert!(db.ok(&["init"]).starts_with("nothing changed"));
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'schema.upgrade'").await, 1);
    // The records from before the chain were chained: the whole trail verifies.
    let verified = db.ok(&["audit", "verify"]);
    assert!(verified.contains("the audit trail is intact"), "{verified}");
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE hash IS NULL").await, 0);
    // The upgraded schema has what a new one has: the same columns, indexes and triggers.
    let shape = match db.backend {
        Backend::Sqlite => [
            "SELECT COUNT(*) FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'",
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'",
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'",
        ],
        Backend::Postgres => [
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema()",
            "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()",
            "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()",
        ],
    };
    let fresh = TestDb::new(db.backend).await;
    fresh.ok(&["init"]);
    let mut new = fresh.any().await;
    for sql in shape {
        assert_eq!(raw.count(sql).await, new.count(sql).await, "{sql}");
    }
    let file = db.file("linked.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"ref":"u-1","url":"https://www.glxsq.gov.cn/zwdt/bmdt/202611/t20261120_1.html","#,
            r#""title":"区统计局发布10月经济运行情况","body":"正文","form":"text","path":"unit","#,
            r#""unit":"统计局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"2026-11-20T09:00:00+08:00","#,
            r#""published_at":"2026-11-20T15:00:00+08:00"}"#,
            "\n"
        ),
    )
    .unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    let exported = db.ok(&["export"]);
    assert!(exported.contains(r#""url":"https://www.glxsq.gov.cn/zwdt/bmdt/202611/t20261120_1.html""#), "{exported}");
}

/// Two `init`s at once (two administrators, a deployment run on two hosts): the second waits while
/// the first holds the schema's lock between reading the version and creating the schema, then
/// reads the schema the first made and has nothing to do. Neither fails, and the schema and the
/// site are made once.
async fn two_inits_at_once_take_turns(db: TestDb) {
    let (mut first, first_said) = paused(&db, "init", &["init"]);
    let mut second = db
        .command(&["init"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(second.try_wait().unwrap().is_none(), "the second init waits for the first's lock");
    first.stdin.take().unwrap().write_all(b"\n").unwrap();
    let first = first.wait_with_output().unwrap();
    let second = second.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", first_said.join().unwrap());
    assert!(second.status.success(), "{}", stderr(&second));
    let said = [&first, &second].map(|o| String::from_utf8_lossy(&o.stdout).to_string());
    assert_eq!(said.iter().filter(|s| s.starts_with("nothing changed")).count(), 1, "{said:?}");
    let mut raw = db.any().await;
    assert_eq!(raw.count("SELECT COUNT(*) FROM sites").await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM audit_log WHERE action = 'init'").await, 1);
}

/// A database of schema version 23, which kept PostgreSQL's text indexes on items (so every status
/// change wrote them again): `init` moves them onto the copy of the texts (item_texts), filled from
/// the items there, drops them from items, and every search finds what it found before; a new item
/// and a changed title reach the copy by the triggers. SQLite has nothing to change.
async fn the_upgrade_to_24_moves_the_text_indexes_off_items(db: TestDb) {
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "300", "--seed", "5", "--from", "2025-06-01", "--to", "2026-11-27"]);
    let texts = ["象山区", "政府", "公开", "人民政府", "wifi", "工作"];
    let search = |db: &TestDb, text: &str| -> Vec<String> {
        common::rows(db, &["search", text]).iter().map(|r| r["id"].to_string()).collect()
    };
    let before: Vec<Vec<String>> = texts.iter().map(|t| search(&db, t)).collect();
    assert!(before.iter().filter(|found| !found.is_empty()).count() >= 4, "{before:?}");
    let mut raw = db.any().await;
    for sql in common::drop_item_texts(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    if db.backend == Backend::Postgres {
        // The indexes as version 23 had them.
        raw.exec("CREATE INDEX items_title_trgm ON items USING gin (title gin_trgm_ops)").await.unwrap();
        raw.exec("CREATE INDEX items_body_trgm ON items USING gin (body gin_trgm_ops)").await.unwrap();
        raw.exec("CREATE INDEX items_bigrams ON items USING gin (portal_bigrams(title, body))").await.unwrap();
    }
    raw.exec("UPDATE schema_meta SET value = '23' WHERE key = 'schema_version'").await.unwrap();
    common::fails(&db, &["search", "政府"], 1, "run `portal-admin init` to upgrade it");
    let said = db.ok(&["init"]);
    assert!(said.contains(&format!("from version 23 to {SCHEMA_VERSION}")), "{said}");
    let after: Vec<Vec<String>> = texts.iter().map(|t| search(&db, t)).collect();
    assert_eq!(before, after, "the same items found for {texts:?}");
    if db.backend == Backend::Postgres {
        let items = raw.count("SELECT COUNT(*) FROM items").await;
        assert!(items >= 300);
        let copied = "SELECT COUNT(*) FROM items i JOIN item_texts t ON t.site_id = i.site_id AND t.item_id = i.id \
                      WHERE t.title = i.title AND t.body = i.body";
        assert_eq!(raw.count(copied).await, items);
        assert_eq!(raw.count("SELECT COUNT(*) FROM item_texts").await, items);
        let gin = |table: &str| {
            format!("SELECT COUNT(*) FROM pg_indexes WHERE tablename = '{table}' AND indexdef LIKE '% USING gin %'")
        };
        assert_eq!(raw.count(&gin("items")).await, 0, "no text index left on items");
        let moved = "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'item_texts' \
                     AND indexname IN ('item_texts_title_trgm', 'item_texts_body_trgm', 'item_texts_bigrams')";
        assert_eq!(raw.count(moved).await, 3);
        // The grants made again: every group role reads the copy, none writes it.
        let may = |role: &str, what: &str| {
            format!(
                "SELECT COUNT(*) FROM (SELECT 1 WHERE has_table_privilege(portal_role_name('{role}'), 'item_texts', \
                 '{what}')) x"
            )
        };
        for role in ["admin", "reviewer", "viewer"] {
            assert_eq!(raw.count(&may(role, "SELECT")).await, 1, "{role} reads");
            for what in ["INSERT", "UPDATE", "DELETE", "TRUNCATE"] {
                assert_eq!(raw.count(&may(role, what)).await, 0, "{role} may not {what}");
            }
        }
    }
    // A new item, and a changed title, reach the index.
    db.import("policies.jsonl", common::TWO_POLICIES);
    assert_eq!(common::rows(&db, &["search", "保密审查"]).len(), 1);
    let changed = "UPDATE items SET title = '象山区滨江绿道建成开放', body = '全长十二公里' WHERE ref = 'zd-2'";
    match db.backend {
        // The owner's session, trusted without an audit record on PostgreSQL.
        Backend::Postgres => raw.exec(changed).await.unwrap(),
        Backend::Sqlite => 0,
    };
    if db.backend == Backend::Postgres {
        assert!(common::rows(&db, &["search", "保密审查"]).is_empty());
        assert_eq!(common::rows(&db, &["search", "滨江绿道"]).len(), 1);
        assert_eq!(common::rows(&db, &["search", "十二公里"]).len(), 1);
    }
}

on_both_backends!(
    two_inits_at_once_take_turns,
    the_upgrade_to_24_moves_the_text_indexes_off_items,
    init_upgrades_an_older_schema,
    init_loads_the_table_and_is_idempotent,
    the_database_refuses_what_is_not_allowed,
    commands_without_a_schema_or_with_a_newer_one_say_so,
    a_different_table_is_never_loaded_over_the_first,
    read_only_changes_nothing,
    an_unknown_deadline_is_refused_with_its_row,
    the_calendar_is_data_an_administrator_extends,
);

#[tokio::test]
async fn both_backends_give_the_same_tree() {
    let lite = TestDb::new(Backend::Sqlite).await;
    let pg = TestDb::new(Backend::Postgres).await;
    lite.ok(&["init"]);
    pg.ok(&["init"]);
    assert_eq!(columns_json(&lite), columns_json(&pg));
    assert_eq!(lite.ok(&["calendar", "show", "--format", "csv"]), pg.ok(&["calendar", "show", "--format", "csv"]));
}
