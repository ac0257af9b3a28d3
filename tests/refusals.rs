//! What the database itself refuses reaches the person in the interface's language (issue 20):
//! its guards' triggers, the login's rights and the schema's constraints are said by their code
//! (SQLSTATE, SQLite's result code) from the catalogs, never in the server's English, and one
//! mapping serves the console's status line (`ui::query`) and the command line's one-line errors.

mod common;

use common::{Backend, TestDb, stderr};
use portal_admin::domain::RetractionReason;
use portal_admin::i18n::{self, Lang};
use portal_admin::store::{self, OpenOptions, StoreError, Target};
use portal_admin::ui::app::{Load, Loaded};
use sqlx::Connection;

const ONLINE: &str = concat!(
    r#"{"ref":"on-1","title":"区民政局2026年第三季度临时救助发放情况","body":"……","form":"text","path":"unit","#,
    r#""unit":"民政局","columns":["政务动态 / 部门动态"],"submitted_at":"2026-10-08T09:00:00+08:00","#,
    r#""published_at":"2026-10-08T15:00:00+08:00"}"#,
    "\n"
);

fn login(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("pa_{what}_{}_{}", std::process::id(), nanos % 1_000_000)
}

/// An administrator whose database role lost the right to record withdrawals (a DBA's slip): the
/// operator record still says administrator, so portal-admin sends the withdrawal and PostgreSQL
/// refuses it with `insufficient_privilege`. The command line and the console say so in Chinese.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_postgresql_refuses_is_said_in_the_interfaces_language() {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init"]);
    db.import("online.jsonl", ONLINE);
    let admin = login("refused");
    db.ok(&["operators", "add", &admin, "--role", "admin"]);
    let mut raw = sqlx::PgConnection::connect(&db.url).await.unwrap();
    let role: String = sqlx::query_scalar("SELECT portal_role_name('admin')").fetch_one(&mut raw).await.unwrap();
    sqlx::query(&format!("REVOKE INSERT ON withdrawals FROM \"{role}\"")).execute(&mut raw).await.unwrap();
    let as_admin = db.as_login(&admin);

    let out = as_admin.run(&["--lang", "zh-CN", "retract", "on-1", "--reason", "outdated"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(said.contains("数据库拒绝了此项更改：此登录账号在本数据库中的角色无权进行这项更改"), "{said}");
    assert!(said.contains("SQLSTATE 42501") && !said.contains("permission denied"), "{said}");
    let out = as_admin.run(&["--lang", "en", "retract", "on-1", "--reason", "outdated"]);
    let said = stderr(&out);
    assert!(said.contains("the database refused: this login's role in this database may not"), "{said}");

    // The console's write: the status line's message, from the same mapping.
    let store = store::open(&Target::parse(&as_admin.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM items WHERE ref = 'on-1'").fetch_one(&mut raw).await.unwrap();
    i18n::set(Lang::ZhCn);
    let load = Load::Retract { items: vec![id], reason: RetractionReason::Outdated };
    let (loaded, fault) = portal_admin::ui::query(store.as_ref(), &site, load).await;
    let Loaded::Withdrawn(Err(said)) = loaded else { panic!("{loaded:?}") };
    assert!(said.starts_with("数据库拒绝了此项更改：此登录账号") && said.contains("SQLSTATE 42501"), "{said}");
    assert!(fault.is_none(), "a refusal is not a lost connection");
    let online: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM items WHERE status = 'online'").fetch_one(&mut raw).await.unwrap();
    assert_eq!(online, 1, "nothing was written");

    // The guards' own refusals, by the function that raised them: a record kept as written.
    let e = sqlx::query("DELETE FROM items").execute(&mut raw).await.unwrap_err();
    let said = i18n::scoped(Lang::ZhCn, || StoreError::from(e).one_line());
    assert!(said.starts_with("数据库拒绝了此项更改：这些记录保持原样") && said.contains("SQLSTATE 23001"), "{said}");
    raw.close().await.unwrap();
    drop(store);
    drop(as_admin);
    db.drop_with_roles(&[&admin]).await;
}

/// SQLite's equivalents: its guards (RAISE(ABORT, …), SQLITE_CONSTRAINT_TRIGGER) and its
/// constraints are said from the same catalogs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_sqlite_refuses_is_said_in_the_interfaces_language() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init"]);
    db.import("online.jsonl", ONLINE);
    let mut raw = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let e = sqlx::query("DELETE FROM items").execute(&mut raw).await.unwrap_err();
    let e = StoreError::from(e);
    let zh = i18n::scoped(Lang::ZhCn, || e.one_line());
    assert!(zh.starts_with("数据库拒绝了此项更改：这些记录保持原样") && zh.contains("SQLite 1811"), "{zh}");
    assert!(!zh.contains("append-only"), "{zh}");
    let en = i18n::scoped(Lang::En, || e.one_line());
    assert!(en.starts_with("the database refused: these records are kept as written"), "{en}");
    let e = sqlx::query("UPDATE items SET title = ''").execute(&mut raw).await.unwrap_err();
    let zh = i18n::scoped(Lang::ZhCn, || StoreError::from(e).one_line());
    assert!(zh.starts_with("数据库拒绝了不符合其规则的值") && zh.contains("SQLite 275"), "{zh}");
}
