//! The console's Inspection tab asks the database what `inspect` computes: the indicators as
//! of a day by the built-in rules, or, on a column table those rules do not fit, one line saying
//! why (shown in the tab).

mod common;

use common::TestDb;
use portal_admin::domain::inspection::Opens;
use portal_admin::store::{self, OpenOptions, Target};
use portal_admin::ui::app::{Load, Loaded};
use portal_admin::ui::views::{self, findings, inspect};

async fn the_console_evaluates_the_indicators_or_says_why_not(db: TestDb) {
    db.ok(&["init"]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators)))) =
        portal_admin::ui::load(store.as_ref(), &site, inspect::Load::Indicators { at }.into()).await
    else {
        panic!("the built-in rules fit the built-in table")
    };
    let keys: Vec<&str> = indicators.iter().map(|i| i.key).collect();
    assert_eq!(keys, common::INDICATORS);
    assert_eq!(indicators[3].level.as_str(), "fail", "a new site's columns are all blank");
    assert!(
        indicators[3].detail.iter().any(|d| d.what.contains(" / "))
            && indicators[3].detail.iter().all(|d| matches!(d.opens, Some(Opens::Column(_)))),
        "the blank columns' paths, each opening its column: {:?}",
        indicators[3].detail
    );
    drop(store);

    // A column table of the site's own: the built-in rules name columns it does not have.
    let other = TestDb::new(db.backend).await;
    let columns = other.file("columns.tsv");
    std::fs::write(
        &columns,
        "path\tdeadline\tdepartments\tunits\tnote\n动态\t\t\t\t\n动态 / 一\t10天\t政府办\t政府办\t\n",
    )
    .unwrap();
    let units = other.file("units.tsv");
    std::fs::write(&units, "name\tkind\tfull_name\n政府办\toffice\t象山区人民政府办公室\n").unwrap();
    other.ok(&["init", "--columns", columns.to_str().unwrap(), "--units", units.to_str().unwrap()]);
    let store = store::open(&Target::parse(&other.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Err(why)))) =
        portal_admin::ui::load(store.as_ref(), &site, inspect::Load::Indicators { at }.into()).await
    else {
        panic!("the built-in rules do not fit another table")
    };
    assert!(why.contains("the built-in inspection rules") && why.contains("is not in the column table"), "{why}");
    assert_eq!(why.lines().count(), 1, "{why}");
}

on_both_backends!(the_console_evaluates_the_indicators_or_says_why_not);

/// The Findings tab reads the findings stored when the items were imported: an online item with a
/// mobile number in its body is listed; an item not yet online is not; one kind only on asking.
async fn the_console_checks_the_online_items(db: TestDb) {
    db.ok(&["init"]);
    let items = db.file("items.jsonl");
    let online = concat!(
        r#"{"ref":"mz-1","title":"区民政局开展冬季救助","#,
        r#""body":"联系人：张某，手机13907731234。","form":"text","path":"unit","#,
        r#""unit":"民政局","columns":["政务动态 / 部门动态"],"#,
        r#""submitted_at":"2026-11-20T09:00:00+08:00","#,
        r#""published_at":"2026-11-20T10:00:00+08:00"}"#
    );
    std::fs::write(&items, format!("{online}\n{}", common::PENDING)).unwrap();
    db.ok(&["import", items.to_str().unwrap()]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let page = |kind| {
        let listing = portal_admin::usecase::findings::Listing { kind, ..Default::default() };
        findings::Load::Page { listing, seek: store::Seek::First }.into()
    };
    let Loaded::View(views::Loaded::Findings(findings::Loaded::Page(Ok((rows, stored))))) =
        portal_admin::ui::load(store.as_ref(), &site, page(None)).await
    else {
        panic!()
    };
    assert_eq!(stored, portal_admin::reports::checks::Stored::Current);
    assert!(rows.iter().any(|r| r.title == "区民政局开展冬季救助" && r.finding.text == "13907731234"), "{rows:?}");
    assert!(rows.iter().all(|r| r.title == "区民政局开展冬季救助"), "only online items: {rows:?}");
    let phone = portal_admin::domain::checks::FindingKind::Phone;
    let Loaded::View(views::Loaded::Findings(findings::Loaded::Page(Ok((phones, _))))) =
        portal_admin::ui::load(store.as_ref(), &site, page(Some(phone))).await
    else {
        panic!()
    };
    assert!(!phones.is_empty() && phones.iter().all(|r| r.finding.kind == phone), "{phones:?}");
    let id = Some(portal_admin::domain::checks::FindingKind::IdNumber);
    let Loaded::View(views::Loaded::Findings(findings::Loaded::Page(Ok((none, _))))) =
        portal_admin::ui::load(store.as_ref(), &site, page(id)).await
    else {
        panic!()
    };
    assert!(none.is_empty(), "{none:?}");
    // Counted in the database: the phone number, found once.
    let listing = portal_admin::usecase::findings::Listing { kind: Some(phone), ..Default::default() };
    let Loaded::View(views::Loaded::Findings(findings::Loaded::Total(Ok(count)))) =
        portal_admin::ui::load(store.as_ref(), &site, findings::Load::Total { listing }.into()).await
    else {
        panic!()
    };
    assert_eq!(count.total, store::Total::Exact(phones.len() as i64));
}

on_both_backends!(the_console_checks_the_online_items);

/// An approval from the console's review screen passes the content-check gate, as `review approve`
/// does: a wrong leader's name stops it until waived.
async fn the_consoles_approval_passes_the_content_checks(db: TestDb) {
    db.ok(&["init"]);
    std::fs::write(
        db.file("pending.jsonl"),
        concat!(
            r#"{"ref":"g-1","title":"区长李明化调研二塘乡","body":"……","form":"text","#,
            r#""path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
            r#""submitted_at":"2026-11-25T09:00:00+08:00"}"#,
            "\n"
        ),
    )
    .unwrap();
    db.ok(&["import", db.file("pending.jsonl").to_str().unwrap()]);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let approve = || {
        Load::from(views::queue::Load::Review {
            item: 1,
            version: 1,
            decision: portal_admin::domain::review::Decision::Approve {
                checks: portal_admin::domain::review::Checks::ALL,
                comment: String::new(),
            },
        })
    };
    let Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Err(why)))) =
        portal_admin::ui::load(store.as_ref(), &site, approve()).await
    else {
        panic!("refused")
    };
    assert!(why.contains("has a blocking finding: leader name (leader_name) “李明化”"), "{why}");
    db.ok(&["check", "waive", "g-1", "--kind", "leader_name", "--text", "李明化", "--reason", "同名群众"]);
    let Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Ok(t)))) =
        portal_admin::ui::load(store.as_ref(), &site, approve()).await
    else {
        panic!("approved once waived")
    };
    assert_eq!(t.item, 1);
}

on_both_backends!(the_consoles_approval_passes_the_content_checks);
