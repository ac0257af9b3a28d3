//! Search by text (issue 21): `portal-admin search` finds the site's items whose title or body
//! holds a text, Chinese or Latin, taken literally, through the text indexes, on both databases;
//! what it finds is what reading every item would find; a write is found in its own transaction,
//! and an upgraded database finds the items it already held.

mod common;

use common::{Backend, TestDb, fails, rows};
use portal_admin::domain::search::Needle;
use portal_admin::store::schema::Dialect;
use portal_admin::store::{OpenOptions, Param, Seek, Target, TextSearch, hot_statements};
use serde_json::Value;

const ITEMS: &str = concat!(
    r#"{"ref":"t-1","title":"象山区人民政府关于冬季森林防火的通告","#,
    r#""body":"各乡（街道）：为做好防火工作……","form":"text","path":"government","#,
    r#""unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-10-01T09:00:00+08:00","#,
    r#""published_at":"2026-10-01T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"t-2","title":"民政局开展低保复核工作","#,
    r#""body":"区民政局在二塘乡开展城乡低保复核，覆盖率达到100%_全覆盖。","form":"text","#,
    r#""path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-02T09:00:00+08:00","#,
    r#""published_at":"2026-10-02T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"t-3","title":"Guilin Xiangshan District: WiFi coverage report","#,
    r#""body":"Free WiFi in parks; see the \"Smart City\" plan * NEAR the river (AND OR NOT"#,
    r#").","form":"text","path":"unit","unit":"统计局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-03T09:00:00+08:00","#,
    r#""published_at":"2026-10-03T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"t-4","title":"统计局关于“十四五”规划中期评估的说明","#,
    r#""body":"评估报告见附件：增长率50%以上的指标共12项，O'Brien 顾问的意见附后。","#,
    r#""form":"text","path":"unit","unit":"统计局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-10-04T09:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"t-5","title":"国务院办公厅关于进一步优化政务服务的意见","#,
    r#""body":"转载正文：推进政务服务“一网通办”。","form":"text","path":"repost","unit":"","#,
    r#""columns":["新闻要问 / 国务院信息"],"submitted_at":"2026-10-05T09:00:00+08:00","#,
    r#""published_at":"2026-10-05T15:00:00+08:00"}"#,
    "\n"
);

/// The refs `search ARGS` lists, in its order.
fn found(db: &TestDb, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search"];
    all.extend(args);
    rows(db, &all).iter().map(|r| r["ref"].as_str().unwrap_or_default().to_string()).collect()
}

async fn finds_chinese_and_latin_in_titles_and_bodies(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    // Titles and bodies, three characters or more (through the trigram index) and two.
    assert_eq!(found(&db, &["人民政府"]), ["t-1"]);
    assert_eq!(found(&db, &["低保复核"]), ["t-2"], "in the title and the body: once");
    assert_eq!(found(&db, &["二塘乡"]), ["t-2"], "in the body only");
    assert_eq!(found(&db, &["政务"]), ["t-5"], "two characters");
    assert_eq!(found(&db, &["防火"]), ["t-1"], "two characters, title and body");
    assert!(found(&db, &["见转"]).is_empty(), "a title's end and its body's start are not one text");
    assert_eq!(found(&db, &["WI"]), ["t-3"], "two Latin letters, in either case");
    assert_eq!(found(&db, &["民政局"]), ["t-2"]);
    // Newest first (published, else submitted): t-4 was submitted after t-3 was published.
    assert_eq!(found(&db, &["关于"]), ["t-5", "t-4", "t-1"]);
    // Latin, in either case, anywhere in a word.
    assert_eq!(found(&db, &["wifi"]), ["t-3"]);
    assert_eq!(found(&db, &["XIANGSHAN DIS"]), ["t-3"]);
    assert_eq!(found(&db, &["ifi c"]), ["t-3"]);
    // Taken literally: LIKE's wildcards, quotes, FTS5's syntax.
    assert_eq!(found(&db, &["100%_全"]), ["t-2"]);
    assert_eq!(found(&db, &["%_"]), ["t-2"], "two characters: LIKE's wildcards are literal");
    assert_eq!(found(&db, &["50%"]), ["t-4"]);
    assert!(found(&db, &["长率%"]).is_empty(), "% is not a wildcard");
    assert!(found(&db, &["增长_"]).is_empty(), "_ is not a wildcard");
    assert_eq!(found(&db, &["O'Brien"]), ["t-4"]);
    assert_eq!(found(&db, &["\"Smart City\""]), ["t-3"]);
    assert_eq!(found(&db, &["\"Smart"]), ["t-3"], "an unbalanced quote");
    assert_eq!(found(&db, &["plan * NEAR"]), ["t-3"]);
    assert_eq!(found(&db, &["(AND OR NOT)"]), ["t-3"]);
    assert!(found(&db, &["NEAR(Smart river)"]).is_empty(), "no FTS5 query: the text as typed");
    assert!(found(&db, &["Smart river"]).is_empty(), "one text, not two words");
    assert!(found(&db, &["**"]).is_empty() && found(&db, &["* *"]).is_empty());
    // The listing's fields, as the contract has them.
    let all = rows(&db, &["search", "民政局"]);
    let row = all[0].as_object().unwrap();
    let fields: Vec<&str> = row.keys().map(String::as_str).collect();
    assert_eq!(fields, ["id", "ref", "title", "status", "columns", "unit", "published_at"]);
    assert_eq!(row["status"], "online");
    assert_eq!(row["unit"], "民政局");
    assert_eq!(row["columns"][0]["path"], "政务动态 / 部门动态");
    assert!(row["columns"][0]["id"].is_i64() && row["columns"][0]["form"] == "text");
    let pending = &rows(&db, &["search", "十四五"])[0];
    assert_eq!(pending["published_at"], Value::Null);
    assert_eq!(pending["status"], "pending");
    let csv = db.ok(&["search", "十四五", "--format", "csv"]);
    assert!(csv.starts_with("id,ref,title,status,columns,unit,published_at\n"), "{csv}");
    // An item in two columns: both, in the tree's order (not the order they were placed in);
    // its time exact.
    let mut raw = db.any().await;
    let column = |path: &str| format!("(SELECT c.id FROM columns c WHERE c.path = '{path}')");
    raw.exec(&format!(
        "INSERT INTO placements (site_id, item_id, column_id, form, online_since) \
         SELECT i.site_id, i.id, {}, 'image_text', i.published_at FROM items i WHERE i.ref = 't-1'",
        column("政务动态 / 部门动态")
    ))
    .await
    .unwrap();
    let row = &rows(&db, &["search", "人民政府"])[0];
    let paths: Vec<&str> = row["columns"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["政务动态 / 部门动态", "政务动态 / 通知公告"], "{row}");
    assert_eq!((&row["columns"][0]["form"], &row["columns"][1]["form"]), (&"image_text".into(), &"text".into()));
    assert_eq!(row["published_at"], "2026-10-01T15:00:00+08:00");
    // A title that is not UTF-8 (SQLite stores what it is given): found, the bad bytes replaced.
    if db.backend == Backend::Sqlite {
        raw.exec("UPDATE items SET title = CAST(X'E8B1A1FF41' AS TEXT) || '人民政府通告' WHERE ref = 't-1'")
            .await
            .unwrap();
        let row = &rows(&db, &["search", "人民政府"])[0];
        assert_eq!(row["title"], "象\u{fffd}A人民政府通告", "{row}");
    }
}

async fn a_search_needs_two_characters(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    fails(&db, &["search", "象"], 2, "a search needs at least 2 characters");
    fails(&db, &["search", "%"], 2, "a search needs at least 2 characters");
    fails(&db, &["search", ""], 2, "a search needs at least 2 characters");
    fails(&db, &["--lang", "zh-CN", "search", "象"], 2, "检索至少需要 2 个字符");
    // A unit named as every command names one (issue 23's one vocabulary), in the interface's language.
    fails(&db, &["search", "民政", "--unit", "审计局"], 2, "no unit \"审计局\" in site xiangshan (units: ");
    fails(&db, &["search", "民政", "--unit", "mzj"], 2, "\"mzj\" could be 民政局, 民宗局");
    fails(
        &db,
        &["--lang", "zh-CN", "search", "民政", "--unit", "审计局"],
        2,
        "网站 xiangshan 中没有责任单位 \"审计局\"（责任单位：",
    );
    fails(&db, &["--lang", "zh-CN", "search", "民政", "--unit", "mzj"], 2, "\"mzj\" 可能是 民政局、民宗局");
    fails(&db, &["search", "民政", "--column", "999999"], 2, "has no column 999999");
    fails(&db, &["search", "民政", "--status", "gone"], 2, "gone");
}

async fn filters_narrow_what_is_found(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    assert_eq!(found(&db, &["关于", "--status", "pending"]), ["t-4"]);
    assert_eq!(found(&db, &["关于", "--status", "online"]), ["t-5", "t-1"]);
    assert_eq!(found(&db, &["关于", "--unit", "统计局"]), ["t-4"]);
    assert_eq!(found(&db, &["关于", "--unit", "tjj"]), ["t-4"], "by the unit's pinyin initials");
    assert_eq!(found(&db, &["关于", "--unit", "统计"]), ["t-4"], "by part of its name");
    assert_eq!(found(&db, &["关于", "--since", "2026-10-04"]), ["t-5", "t-4"]);
    let columns = rows(&db, &["columns"]);
    let column =
        |path: &str| columns.iter().find(|c| c["path"] == path).and_then(|c| c["id"].as_i64()).unwrap().to_string();
    assert_eq!(found(&db, &["关于", "--column", &column("新闻要问 / 国务院信息")]), ["t-5"]);
    assert_eq!(found(&db, &["统计局", "--column", &column("政务动态 / 部门动态"), "--status", "pending"]), ["t-4"]);
    // A withdrawn item is found too, as withdrawn.
    db.ok(&["retract", "t-1", "--reason", "outdated"]);
    assert_eq!(found(&db, &["人民政府", "--status", "withdrawn"]), ["t-1"]);
}

/// What the search finds is what reading every item finds, newest first, page after page: with a
/// text in most items (SQLite then reads the site's newest first), in a few, and two characters.
async fn finds_what_reading_every_item_finds(db: TestDb) {
    db.ok(&["demo", "--items", "3000", "--seed", "7", "--from", "2025-06-01", "--to", "2026-11-27"]);
    let mut raw = db.any().await;
    let store = portal_admin::store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    for text in ["象山区", "人民政府", "防汛抗旱", "政府", "二塘", "抗旱"] {
        let like = format!("%{text}%");
        let expected =
            raw.count(&format!("SELECT COUNT(*) FROM items WHERE title LIKE '{like}' OR body LIKE '{like}'")).await;
        assert!(expected > 0, "{text}");
        let search = TextSearch {
            needle: Needle::new(text).unwrap(),
            status: None,
            column: None,
            unit: None,
            since: None,
            within: None,
        };
        let mut all: Vec<portal_admin::store::FoundItem> = Vec::new();
        loop {
            let after = all.last().map(|i| i.key());
            let page =
                portal_admin::usecase::search::page(store.as_ref(), &site, &search, after.into(), 700).await.unwrap();
            if page.is_empty() {
                break;
            }
            all.extend(page);
        }
        assert_eq!(all.len() as i64, expected, "{text}");
        assert!(all.windows(2).all(|w| w[0].key() > w[1].key()), "{text}: newest first, each once");
        let whole = portal_admin::usecase::search::all(store.as_ref(), &site, &search).await.unwrap();
        assert_eq!(whole, all, "{text}");
    }
    assert!(
        raw.count("SELECT COUNT(*) FROM items WHERE title LIKE '%象山区%' OR body LIKE '%象山区%'").await > 2_000,
        "a text in more items than SQLite sorts"
    );
}

/// The text indexes are written in the transaction of the write: a search in that transaction
/// finds the new text, and none of it is left after a rollback. A returned item submitted again
/// with a new title is found by it, and no longer by the old one.
async fn a_write_is_found_in_its_own_transaction(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let dialect = if db.backend == Backend::Postgres { Dialect::Postgres } else { Dialect::Sqlite };
    let statement = hot_statements(dialect).into_iter().find(|s| s.name == "search").unwrap();
    let text = |t: &str| if dialect == Dialect::Sqlite { format!("\"{t}\"") } else { format!("%{t}%") };
    let sql = portal_admin_inline(&statement.sql, &statement.params, &text("滨江绿道"));
    let mut raw = db.any().await;
    // The page is one row, its items a JSON array: none is `[]` on SQLite, NULL on PostgreSQL.
    let finds = format!("SELECT COUNT(*) FROM ({sql}) found WHERE items LIKE '%\"t-2\"%'");
    raw.exec("BEGIN").await.unwrap();
    raw.exec("UPDATE items SET title = '象山区滨江绿道建成开放' WHERE ref = 't-2'").await.unwrap();
    assert_eq!(raw.count(&finds).await, 1, "in its own transaction");
    raw.exec("ROLLBACK").await.unwrap();
    assert_eq!(raw.count(&finds).await, 0, "rolled back");
    assert_eq!(found(&db, &["低保复核"]), ["t-2"]);

    // Imported: found at once. Returned and submitted again with a new title: found by that one.
    db.import(
        "more.jsonl",
        concat!(
            r#"{"ref":"t-6","title":"区统计局发布10月经济运行情况","body":"规模以上工业增加值……","#,
            r#""form":"text","path":"unit","unit":"统计局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"2026-11-20T09:00:00+08:00"}"#,
            "\n"
        ),
    );
    assert_eq!(found(&db, &["经济运行"]), ["t-6"]);
    db.ok(&["review", "reject", "t-6", "--failed", "1", "--reason", "数据有误"]);
    db.import(
        "again.jsonl",
        concat!(
            r#"{"ref":"t-6","title":"区统计局发布1-10月经济运行情况","#,
            r#""body":"全区规模以上工业增加值同比增长……","form":"text","path":"unit","#,
            r#""unit":"统计局","columns":["政务动态 / 部门动态"],"#,
            r#""submitted_at":"2026-11-21T09:00:00+08:00"}"#,
            "\n"
        ),
    );
    assert_eq!(found(&db, &["1-10月"]), ["t-6"]);
    assert_eq!(found(&db, &["全区规模"]), ["t-6"]);
    assert!(found(&db, &["发布10月"]).is_empty(), "the old title is no longer found");
    // Its title's pinyin initials (item_initials) are the new title's, written with it.
    let initials = |typed: &str| {
        format!(
            "SELECT COUNT(*) FROM item_initials n JOIN items i ON i.id = n.item_id \
             WHERE i.ref = 't-6' AND n.initials LIKE '%{typed}%'"
        )
    };
    assert_eq!(raw.count(&initials("jjfb110y")).await, 1);
    assert_eq!(raw.count(&initials("jjfb10y")).await, 0, "the old title's initials are replaced");
}

/// The search's statement with a site, the text given and no filter written in.
fn portal_admin_inline(sql: &str, params: &[Param], text: &str) -> String {
    let mut out = sql.to_string();
    // From the last placeholder down, so `$1` does not match the start of `$10`.
    for (n, p) in params.iter().enumerate().rev() {
        let value = match p {
            Param::Site => "1".to_string(),
            Param::Text(_) => format!("'{text}'"),
            Param::Int(n) => n.to_string(),
            Param::NullText | Param::NullInt | Param::NullTime => "NULL".to_string(),
            other => panic!("no value for {other:?}"),
        };
        out = out.replace(&format!("${}", n + 1), &value);
    }
    out
}

/// A database of schema version 11 (before the text indexes) that holds items: `init` upgrades
/// it, and the items already there are found.
async fn an_upgraded_database_finds_the_items_it_held(db: TestDb) {
    db.ok(&["init"]);
    db.import("items.jsonl", ITEMS);
    let mut raw = db.any().await;
    let older: &[&str] = match db.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER items_text_added",
            "DROP TRIGGER items_text_changed",
            "DROP TRIGGER items_text_removed",
            "DROP TABLE items_text",
            "DROP INDEX items_newest",
            "DROP TABLE rectifications",
            "DROP TABLE site_probes",
            "DROP TABLE supervisors",
        ],
        Backend::Postgres => &[
            "DROP FUNCTION portal_bigrams CASCADE",
            "DROP EXTENSION pg_trgm CASCADE",
            "DROP INDEX items_newest",
            "DROP TABLE rectifications",
            "DROP FUNCTION portal_close_rectification",
            "DROP TABLE site_probes",
            "DROP TABLE supervisors",
            "DROP FUNCTION portal_check_sites, portal_check_site_rows, portal_site_role, portal_operator_role CASCADE",
            // The items' check as version 14 had it (the cascade took the one judged by the site).
            "CREATE TRIGGER items_role_checked BEFORE UPDATE ON items \
             FOR EACH ROW WHEN (NOT portal_holds('admin')) EXECUTE FUNCTION portal_check_item_change()",
        ],
    };
    // What version 24 added: PostgreSQL's copy of the items' texts, which the text indexes are on.
    for sql in common::drop_item_texts(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    // What version 23 added: each column's latest publication, kept by triggers.
    for sql in common::drop_column_latest(db.backend) {
        raw.exec(sql).await.unwrap();
    }
    // What version 19 added: the titles' pinyin initials (SQLite: and their FTS5 table).
    if db.backend == Backend::Sqlite {
        raw.exec("DROP TABLE item_initials_text").await.unwrap();
    }
    // What version 17 added, on both: the stored findings; and version 22, the queue's indexes.
    let later = [
        "DROP TABLE item_initials",
        "DROP TABLE item_findings",
        "DROP TABLE finding_lists",
        "DROP INDEX items_queue_step",
        "DROP INDEX items_queue_wait",
    ];
    for sql in older.iter().chain(&later) {
        raw.exec(sql).await.unwrap();
    }
    raw.exec("UPDATE schema_meta SET value = '11' WHERE key = 'schema_version'").await.unwrap();
    fails(&db, &["search", "人民政府"], 1, "run `portal-admin init` to upgrade it");
    let said = db.ok(&["init"]);
    assert!(said.contains(&format!("from version 11 to {}", portal_admin::store::schema::SCHEMA_VERSION)), "{said}");
    assert_eq!(found(&db, &["人民政府"]), ["t-1"]);
    assert_eq!(found(&db, &["二塘乡"]), ["t-2"]);
    assert_eq!(found(&db, &["wifi"]), ["t-3"]);
    let index = match db.backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('items_text', 'items_newest')",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM pg_indexes \
             WHERE indexname IN ('item_texts_title_trgm', 'item_texts_body_trgm', 'items_newest', \
                 'item_texts_bigrams')"
        }
    };
    assert_eq!(raw.count(index).await, if db.backend == Backend::Sqlite { 2 } else { 4 });
    // Every title's pinyin initials, computed by the upgrade, and read by a list's filter.
    assert_eq!(raw.count("SELECT COUNT(*) FROM item_initials").await, 5);
    let t2 = "SELECT COUNT(*) FROM item_initials n JOIN items i ON i.id = n.item_id \
              WHERE i.ref = 't-2' AND n.initials LIKE '%mzjkzdbfhgz%'";
    assert_eq!(raw.count(t2).await, 1, "民政局开展低保复核工作");
    let store = portal_admin::store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    for typed in ["dbfh", "kz"] {
        let found = portal_admin::usecase::search::found(store.as_ref(), &site, "工作", Some(typed), Seek::First, 50);
        let refs: Vec<String> = found.await.unwrap().into_iter().filter_map(|f| f.reference).collect();
        assert_eq!(refs, ["t-2"], "{typed}: 低保复核, 开展");
    }
}

/// An item of the lists' test, online since hour `hour` of 2026-01-01 (Beijing time).
fn online_item(reference: &str, title: &str, body: &str, unit: &str, column: &str, hour: u32) -> String {
    let at = format!("2026-01-{:02}T{:02}:00:00+08:00", 1 + hour / 24, hour % 24);
    serde_json::json!({
        "ref": reference, "title": title, "body": body, "form": "text", "path": "unit", "unit": unit,
        "columns": [column], "submitted_at": at, "published_at": at,
    })
    .to_string()
}

/// `/` in a list filters in the database (issue 21): a column's items, the audit trail and the
/// withdrawals are filtered by the query the console sends, so a match beyond the first page it
/// loads is found — in an item's body, by two characters, by its unit's pinyin initials.
async fn a_lists_filter_finds_beyond_the_loaded_page(db: TestDb) {
    use portal_admin::ui::app::Loaded;
    use portal_admin::ui::views::{self, audit, columns, withdrawn};
    db.ok(&["init"]);
    let (departments, notices) = ("政务动态 / 部门动态", "政务动态 / 通知公告");
    let mut lines =
        vec![online_item("d-0", "统计局发布季度数据", "沿江的滨江绿道项目进度过半", "统计局", departments, 0)];
    for i in 1..130 {
        lines.push(online_item(
            &format!("d-{i}"),
            &format!("民政局工作动态第{i}期"),
            "城乡低保",
            "民政局",
            departments,
            i,
        ));
    }
    for i in 0..110 {
        lines.push(online_item(&format!("n-{i}"), &format!("关于第{i}批事项的通知"), "特此通知", "政府办", notices, i));
    }
    db.import("items.jsonl", &(lines.join("\n") + "\n"));
    let notice_refs: Vec<String> = (0..110).map(|i| format!("n-{i}")).collect();
    let mut retract = vec!["retract", "--reason", "outdated"];
    retract.extend(notice_refs.iter().map(String::as_str));
    db.ok(&retract);

    let store = portal_admin::store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let column = rows(&db, &["columns"]).iter().find(|c| c["path"] == departments).unwrap()["id"].as_i64().unwrap();
    let items = async |filter: Option<&str>| {
        let load = columns::Load::Items { column_id: column, seek: Seek::First, filter: filter.map(str::to_string) };
        match portal_admin::ui::load(store.as_ref(), &site, load.into()).await {
            Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(rows)))) => {
                rows.into_iter().map(|r| r.title).collect::<Vec<String>>()
            }
            other => panic!("{other:?}"),
        }
    };
    let first = items(None).await;
    assert_eq!(first.len(), 100, "the console's first page");
    assert!(!first.contains(&"统计局发布季度数据".to_string()), "the oldest is beyond it");
    assert_eq!(items(Some("滨江绿道")).await, ["统计局发布季度数据"], "in the body");
    assert_eq!(items(Some("绿道")).await, ["统计局发布季度数据"], "two characters");
    assert_eq!(items(Some("tjj")).await, ["统计局发布季度数据"], "the unit's pinyin initials");
    assert_eq!(items(Some("统计局")).await, ["统计局发布季度数据"], "the unit's name");
    let twelfth = items(Some("第12")).await;
    assert_eq!(twelfth.len(), 11, "第12期 and 第120期 to 第129期, newest first: {twelfth:?}");
    assert_eq!(twelfth[0], "民政局工作动态第129期");
    assert!(items(Some("100%")).await.is_empty(), "taken literally");
    let said = portal_admin::ui::load(
        store.as_ref(),
        &site,
        columns::Load::Items { column_id: column, seek: Seek::First, filter: Some("绿".into()) }.into(),
    )
    .await;
    assert!(
        matches!(&said, Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Err(e)))) if e.contains("2")),
        "one character is refused: {said:?}"
    );

    let trail = async |filter: Option<&str>| match portal_admin::ui::load(
        store.as_ref(),
        &site,
        audit::Load::Page { seek: Seek::First, filter: filter.map(str::to_string) }.into(),
    )
    .await
    {
        Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(rows)))) => rows,
        other => panic!("{other:?}"),
    };
    assert!(!trail(None).await.iter().any(|e| e.action == "init"), "init is beyond the first page");
    assert!(trail(Some("init")).await.iter().any(|e| e.action == "init"));
    let retracted = trail(Some("RETRACT")).await;
    assert_eq!(retracted.len(), 100, "a full page, Latin letters in either case");
    assert!(retracted.iter().all(|e| e.action == "retract"));

    let withdrawals = async |filter: Option<&str>| match portal_admin::ui::load(
        store.as_ref(),
        &site,
        withdrawn::Load::Page { seek: Seek::First, filter: filter.map(str::to_string) }.into(),
    )
    .await
    {
        Loaded::View(views::Loaded::Withdrawn(withdrawn::Loaded::Page(Ok(rows)))) => {
            rows.into_iter().map(|r| r.title).collect::<Vec<String>>()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(withdrawals(None).await.len(), 100, "a page of the 110 (tests/lists.rs reads them all)");
    assert_eq!(withdrawals(Some("第7批")).await, ["关于第7批事项的通知"]);
    assert_eq!(withdrawals(Some("第1")).await.len(), 21, "第1批, 第10批 to 第19批, 第100批 to 第109批");
    assert_eq!(withdrawals(Some("gyd7psx")).await, ["关于第7批事项的通知"], "the title's pinyin initials");
    assert!(withdrawals(Some("tjjfb")).await.is_empty(), "initials of an item never withdrawn");
    assert_eq!(items(Some("tjjfbjdsj")).await, ["统计局发布季度数据"], "the title's initials, beyond the page");
    assert_eq!(items(Some("mzjgzdtd12")).await.len(), 11, "initials with digits: 第12期, 第120期 to 第129期");
}

/// An item awaiting a decision, submitted at hour `hour` of 2026-01-01 (Beijing time).
fn pending_item(reference: &str, title: &str, body: &str, hour: u32) -> String {
    let at = format!("2026-01-{:02}T{:02}:00:00+08:00", 1 + hour / 24, hour % 24);
    serde_json::json!({
        "ref": reference, "title": title, "body": body, "form": "text", "path": "unit", "unit": "民政局",
        "columns": ["政务动态 / 部门动态"], "submitted_at": at,
    })
    .to_string()
}

/// `/` in the review queue and in the Find tab filters in the database (issue 21): the queue by a
/// text in an item's body or by a title's pinyin initials, the items `:find` found by a second
/// text anywhere in them, however few of them were loaded.
async fn the_queue_and_finds_filter_in_the_database(db: TestDb) {
    use portal_admin::ui::app::Loaded;
    use portal_admin::ui::views::{self, find, queue};
    db.ok(&["init"]);
    let mut lines = vec![pending_item("q-0", "行业标准修订征求意见", "沿江的滨江绿道项目进度过半，低保户受益", 0)];
    for i in 1..150 {
        lines.push(pending_item(&format!("q-{i}"), &format!("低保工作动态第{i}期"), "城乡低保复核", i));
    }
    db.import("items.jsonl", &(lines.join("\n") + "\n"));
    let store = portal_admin::store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();

    // Every page of the queue with the filter, as the console reads them (a page of 100).
    let pending = async |filter: Option<&str>| {
        let mut titles = Vec::new();
        let mut seek = Seek::First;
        loop {
            let load = queue::Load::Page {
                order: portal_admin::store::QueueOrder::Step,
                filter: filter.map(str::to_string),
                seek,
                limit: 100,
            };
            let rows = match portal_admin::ui::load(store.as_ref(), &site, load.into()).await {
                Loaded::View(views::Loaded::Queue(queue::Loaded::Page(Ok(rows)))) => rows,
                other => panic!("{other:?}"),
            };
            titles.extend(rows.iter().map(|r| r.title.clone()));
            match rows.last() {
                Some(last) if rows.len() == 100 => seek = Seek::After(last.key()),
                _ => return titles,
            }
        }
    };
    let counted = async |filter: Option<&str>| {
        let load = queue::Load::Total { filter: filter.map(str::to_string) };
        match portal_admin::ui::load(store.as_ref(), &site, load.into()).await {
            Loaded::View(views::Loaded::Queue(queue::Loaded::Total(Ok(count)))) => count.total,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(pending(None).await.len(), 150);
    assert_eq!(counted(None).await, portal_admin::store::Total::Exact(150));
    assert_eq!(counted(Some("第14")).await, portal_admin::store::Total::Exact(11));
    assert_eq!(pending(Some("滨江绿道")).await, ["行业标准修订征求意见"], "in the body");
    assert_eq!(pending(Some("xybzxd")).await, ["行业标准修订征求意见"], "the title's initials, 行 read xíng");
    assert_eq!(pending(Some("hybz")).await, ["行业标准修订征求意见"], "and read háng");
    assert_eq!(pending(Some("第14")).await.len(), 11, "第14期, 第140期 to 第149期");
    assert_eq!(pending(Some("mzj")).await.len(), 150, "the unit's initials");
    assert!(pending(Some("50%")).await.is_empty(), "taken literally");

    let found = async |text: &str, filter: Option<&str>, after| {
        let load =
            find::Load::Page { text: text.to_string(), filter: filter.map(str::to_string), seek: Seek::from(after) };
        match portal_admin::ui::load(store.as_ref(), &site, load.into()).await {
            Loaded::View(views::Loaded::Find(find::Loaded::Page(Ok(rows)))) => rows,
            other => panic!("{other:?}"),
        }
    };
    let all = found("进度", None, None).await;
    assert_eq!(all.len(), 1);
    let first = found("低保", None, None).await;
    assert_eq!(first.len(), 100, "the console's first page");
    assert!(!first.iter().any(|f| f.title.ends_with("第3期")), "the oldest are beyond it");
    let third: Vec<String> = found("低保", Some("第3期"), None).await.into_iter().map(|f| f.title).collect();
    assert_eq!(third, ["低保工作动态第3期"], "the filter found in the database");
    let initials: Vec<String> = found("低保", Some("dbgzdtd3q"), None).await.into_iter().map(|f| f.title).collect();
    assert_eq!(initials, ["低保工作动态第3期"], "by the title's pinyin initials");
    let bodies = found("低保", Some("滨江"), None).await;
    assert_eq!(bodies.iter().map(|f| f.title.as_str()).collect::<Vec<_>>(), ["行业标准修订征求意见"], "in the body");
    let tenth = found("低保", Some("第1"), None).await;
    assert_eq!(tenth.len(), 61, "第1期, 第10-19期, 第100-149期");
    let next = found("低保", Some("第1"), Some(tenth[29].key())).await;
    assert_eq!(next.len(), 31, "the next page keeps the filter");
}

/// `init` on a PostgreSQL database whose LC_CTYPE is `C` says what that costs (pg_trgm indexes no
/// Chinese there: a Chinese search reads every item, and still finds every match) and what to do;
/// on one classifying characters as UTF-8 (the test server's C.UTF-8), it says nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_on_a_c_ctype_database_says_what_search_loses() {
    use sqlx::Connection;
    let db = TestDb::postgres().await;
    let out = db.run(&["init"]);
    assert!(out.status.success());
    assert!(!common::stderr(&out).contains("LC_CTYPE"), "{}", common::stderr(&out));
    let (server, name) = db.url.rsplit_once('/').unwrap();
    let blind = format!("{name}_c");
    let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
    let create = format!("CREATE DATABASE {blind} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    sqlx::query(&create).execute(&mut conn).await.unwrap();
    let url = format!("{server}/{blind}");
    let run = |lang: &str, args: &[&str]| {
        common::program()
            .env("LANG", lang)
            .env("PORTAL_ADMIN_DATA_DIR", db.dir.path().join("data"))
            .arg("--db")
            .arg(&url)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run("C.UTF-8", &["init"]);
    let said = common::stderr(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(said.lines().count(), 1, "one line: {said}");
    for words in ["warning", "LC_CTYPE C", "pg_trgm", "Chinese", "every item", "LC_CTYPE 'C.UTF-8'", "restore-backup"] {
        assert!(said.contains(words), "{words}: {said}");
    }
    let said = common::stderr(&run("zh_CN.UTF-8", &["init"]));
    assert!(said.contains("警告") && said.contains("汉字") && said.contains("restore-backup"), "{said}");
    // What it says is so: no trigram of Chinese there, and a search still finds every match.
    let file = db.file("items.jsonl");
    std::fs::write(&file, ITEMS).unwrap();
    assert!(run("C.UTF-8", &["import", file.to_str().unwrap()]).status.success());
    let found = String::from_utf8(run("C.UTF-8", &["search", "防火的通告"]).stdout).unwrap();
    assert!(found.contains("t-1"), "{found}");
    let mut blind_conn = sqlx::PgConnection::connect(&url).await.unwrap();
    let chinese: String =
        sqlx::query_scalar("SELECT CAST(show_trgm('象山区') AS TEXT)").fetch_one(&mut blind_conn).await.unwrap();
    assert_eq!(chinese, "{}", "pg_trgm takes no Chinese character under LC_CTYPE C");
    blind_conn.close().await.unwrap();
    sqlx::query(&format!("DROP DATABASE {blind}")).execute(&mut conn).await.unwrap();
}

on_both_backends!(
    a_lists_filter_finds_beyond_the_loaded_page,
    the_queue_and_finds_filter_in_the_database,
    finds_chinese_and_latin_in_titles_and_bodies,
    a_search_needs_two_characters,
    filters_narrow_what_is_found,
    finds_what_reading_every_item_finds,
    a_write_is_found_in_its_own_transaction,
    an_upgraded_database_finds_the_items_it_held,
);
