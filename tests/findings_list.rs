//! The Findings tab's list read from the database a page at a time (issue 21): on both backends,
//! the stored findings on online items read from either end give the same rows, in each order
//! (newest first, by kind, by unit) and of one kind, as the stored findings read whole and sorted
//! here; the count is the database's, with the blocking findings no waiver covers; `/` filters in
//! the database, by the finding's own text, the kinds named and the item, taking `%` and `_`
//! literally; a publication time in the future holds until it has passed.

mod common;

use std::cmp::Reverse;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::TestDb;
use portal_admin::domain::checks::{FindingKind, holds_at};
use portal_admin::domain::search::Needle;
use portal_admin::store::{
    self, FindingFilter, FindingKey, FindingList, FindingOrder, ListFilter, ListedFinding, OpenOptions, Seek, Site,
    Store, Target, Total,
};

/// Items with findings of several kinds, on top of the demo's (whose are figures): a wrong leader's
/// name and an institution's (李明化, 象山区人民政付), an ID number and a mobile number (both blocking)
/// and a figure, an official who has left (王志刚, whose note is in the finding's message only),
/// and a repost of no unit with a mobile number. The wrong names and the ID number block.
const ITEMS: &str = concat!(
    r#"{"ref":"l-1","title":"区长李明化主持召开区政府第三十七次常务会议","#,
    r#""body":"会议研究了象山区人民政付2026年重点工作。","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2026-11-22T09:00:00+08:00","published_at":"2026-11-22T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"l-2","title":"2026年临时救助对象公示","#,
    r#""body":"救助对象：张某，身份证号11010519491231002X，联系电话13812345678。"#,
    r#"全区临时救助共56户，其中……本月临时救助65户。","#,
    r#""form":"text","path":"unit","unit":"民政局","columns":["政务动态 / 部门动态"],"#,
    r#""submitted_at":"2026-11-23T09:00:00+08:00","published_at":"2026-11-23T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"l-3","title":"区领导检查安全生产工作","body":"王志刚同志一行检查了重点企业。","#,
    r#""form":"text","path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2026-11-24T09:00:00+08:00","published_at":"2026-11-24T15:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"l-4","title":"国务院办公厅关于进一步优化政务服务的意见","#,
    r#""body":"转载正文，咨询电话13907731234。","form":"text","path":"repost","unit":"","#,
    r#""columns":["新闻要问 / 国务院信息"],"#,
    r#""submitted_at":"2026-11-25T09:00:00+08:00","published_at":"2026-11-25T15:00:00+08:00"}"#,
    "\n",
);

/// The demo's 1,500 items and `ITEMS`, opened.
async fn demo_with_findings(db: &TestDb) -> (Arc<dyn Store>, Site) {
    db.ok(&["init"]);
    db.ok(&["demo", "--items", "1500", "--seed", "5", "--to", "2026-11-20"]);
    db.import("items.jsonl", ITEMS);
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    (store, site)
}

/// Every row of a list, read `size` at a time from its first page on, and from its last page back.
async fn both_ways(store: &dyn Store, site: &Site, list: &FindingList, size: i64) -> (Vec<Row>, Vec<Row>) {
    let page = async |seek: Seek<FindingKey>| store.finding_page(site, list, seek, size).await.unwrap();
    let mut forward: Vec<ListedFinding> = Vec::new();
    let mut seek = Seek::First;
    loop {
        let rows = page(seek).await;
        assert!(rows.len() as i64 <= size, "no more than asked for");
        let full = rows.len() as i64 == size;
        forward.extend(rows);
        match forward.last() {
            Some(last) if full => seek = Seek::After(last.key()),
            _ => break,
        }
    }
    let mut backward: Vec<ListedFinding> = Vec::new();
    let mut seek = Seek::Last;
    loop {
        let rows = page(seek).await;
        let full = rows.len() as i64 == size;
        backward.splice(0..0, rows);
        match backward.first() {
            Some(first) if full => seek = Seek::Before(first.key()),
            _ => break,
        }
    }
    (forward.iter().map(row).collect(), backward.iter().map(row).collect())
}

/// A finding as the tests compare them: its item, its place in the item's stored findings, its
/// kind and text, and who waived it.
type Row = (i64, i64, FindingKind, String, Option<String>);

fn row(f: &ListedFinding) -> Row {
    (f.item, f.n, f.finding.kind, f.finding.text.clone(), f.waiver.as_ref().map(|(by, _)| by.clone()))
}

/// What a list should hold, from the stored findings read whole (`check --all`'s read) and sorted
/// here: (order key, row).
async fn expected(store: &dyn Store, site: &Site, list: &FindingList) -> Vec<Row> {
    let waivers = store.site_waivers(site).await.unwrap();
    type Key = (usize, bool, Option<String>, Reverse<(DateTime<Utc>, i64)>, i64);
    let mut all: Vec<(Key, Row)> = Vec::new();
    for stored in store.stored_findings(site, None).await.unwrap() {
        let item = &stored.item;
        let at = item.published_at.expect("online");
        for (n, f) in stored.findings.iter().enumerate() {
            if list.kind.is_some_and(|k| k != f.kind) || !holds_at(f, Some(at), list.now) {
                continue;
            }
            let waiver = waivers.iter().find(|w| w.item == item.id && w.kind == f.kind.as_str() && w.text == f.text);
            let rank = FindingKind::ALL.iter().position(|k| *k == f.kind).unwrap();
            let key: Key = match list.order {
                FindingOrder::Newest => (0, false, None, Reverse((at, item.id)), n as i64),
                FindingOrder::Kind => (rank, false, None, Reverse((at, item.id)), n as i64),
                FindingOrder::Unit => (0, item.unit.is_none(), item.unit.clone(), Reverse((at, item.id)), n as i64),
            };
            all.push((key, (item.id, n as i64, f.kind, f.text.clone(), waiver.map(|w| w.by.clone()))));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all.into_iter().map(|(_, r)| r).collect()
}

fn list(kind: Option<FindingKind>, order: FindingOrder) -> FindingList {
    FindingList { kind, order, filter: None, now: Utc::now() }
}

async fn every_order_reads_the_same_findings_from_either_end_and_counts_them(db: TestDb) {
    let (store, site) = demo_with_findings(&db).await;
    let store: &dyn Store = store.as_ref();
    db.ok(&["check", "waive", "l-2", "--kind", "id_number", "--text", "11010519491231002X", "--reason", "公示需要"]);
    let kinds = [None, Some(FindingKind::Figure), Some(FindingKind::LeaderName), Some(FindingKind::Phone)];
    for kind in kinds {
        for order in [FindingOrder::Newest, FindingOrder::Kind, FindingOrder::Unit] {
            let list = list(kind, order);
            let want = expected(store, &site, &list).await;
            let (forward, backward) = both_ways(store, &site, &list, 7).await;
            assert!(!want.is_empty(), "{kind:?} {order:?}");
            assert_eq!(forward, want, "{kind:?} {order:?}: the database's order");
            assert_eq!(backward, forward, "{kind:?} {order:?}: the last page and the pages before it");
            let counted = store.finding_total(&site, &list).await.unwrap();
            assert_eq!(counted.total, Total::Exact(want.len() as i64), "{kind:?} {order:?}");
        }
    }
    // By kind, the kinds in their order; by unit, the units by name, the repost last.
    let by_kind = both_ways(store, &site, &list(None, FindingOrder::Kind), 50).await.0;
    let ranks: Vec<usize> = by_kind.iter().map(|r| FindingKind::ALL.iter().position(|k| *k == r.2).unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let phones: Vec<Row> = both_ways(store, &site, &list(Some(FindingKind::Phone), FindingOrder::Unit), 50).await.0;
    assert_eq!(phones.iter().map(|r| r.3.as_str()).collect::<Vec<_>>(), ["13812345678", "13907731234"]);
    // The ID number is waived: said with the row, and not counted as blocking; the mobile number
    // blocks.
    let newest = both_ways(store, &site, &list(None, FindingOrder::Newest), 100).await.0;
    let id_number = newest.iter().find(|r| r.2 == FindingKind::IdNumber).unwrap();
    assert!(id_number.4.is_some(), "{id_number:?}");
    let blocking = async |kind| store.finding_total(&site, &list(kind, FindingOrder::Newest)).await.unwrap().blocking;
    assert_eq!(blocking(None).await, 2, "the two wrong names block; the ID number is waived");
    assert_eq!(blocking(Some(FindingKind::LeaderName)).await, 2);
    assert_eq!(blocking(Some(FindingKind::IdNumber)).await, 0, "waived");
    assert_eq!(blocking(Some(FindingKind::Phone)).await, 0, "a mobile number does not block");
    // An item withdrawn is no longer listed.
    db.ok(&["retract", "l-4", "--reason", "outdated"]);
    let phones = both_ways(store, &site, &list(Some(FindingKind::Phone), FindingOrder::Newest), 50).await.0;
    assert_eq!(phones.len(), 1, "{phones:?}");
}

on_both_backends!(every_order_reads_the_same_findings_from_either_end_and_counts_them);

/// The list's filter, as the console gives it (`FindingFilter`): the text, the units it names,
/// and the kinds whose names hold it.
async fn filter(store: &dyn Store, site: &Site, typed: &str, kinds: &[FindingKind]) -> FindingList {
    let list = portal_admin::usecase::search::list_filter(store, site, typed).await.unwrap();
    FindingList {
        kind: None,
        order: FindingOrder::Newest,
        filter: Some(FindingFilter { list, kinds: kinds.to_vec() }),
        now: Utc::now(),
    }
}

async fn the_filter_finds_in_the_database_by_the_findings_own_text_and_kind(db: TestDb) {
    let (store, site) = demo_with_findings(&db).await;
    let store: &dyn Store = store.as_ref();
    let texts = |rows: &[Row]| rows.iter().map(|r| r.3.clone()).collect::<Vec<_>>();
    // In the message only (the names list's note on 王志刚), not in the item's title or body.
    let left = filter(store, &site, "9月离任", &[]).await;
    let (found, back) = both_ways(store, &site, &left, 7).await;
    assert_eq!(texts(&found), ["王志刚"]);
    assert_eq!(back, found);
    assert_eq!(store.finding_total(&site, &left).await.unwrap().total, Total::Exact(1));
    // The finding's suggestion (the number masked), and the item itself (its title holds the
    // text: all of its findings).
    let masked = filter(store, &site, "********002X", &[]).await;
    assert_eq!(texts(&both_ways(store, &site, &masked, 7).await.0), ["11010519491231002X"]);
    let by_title = filter(store, &site, "三十七次", &[]).await;
    assert_eq!(texts(&both_ways(store, &site, &by_title, 7).await.0), ["李明化", "象山区人民政付"]);
    // A kind named (in the interface's words: the console gives the kinds), and by its code.
    let named = filter(store, &site, "鼋鼍", &[FindingKind::LeaderName]).await;
    let names = both_ways(store, &site, &named, 7).await.0;
    assert!(names.len() >= 3 && names.iter().all(|r| r.2 == FindingKind::LeaderName), "{names:?}");
    let code = filter(store, &site, "leader_name", &[]).await;
    assert_eq!(both_ways(store, &site, &code, 7).await.0, names);
    assert_eq!(store.finding_total(&site, &code).await.unwrap().total, Total::Exact(names.len() as i64));
    // `_` and `%` are themselves: "a_e" would otherwise find leader_name (l-e-a-d-e-r_n-a-m-e).
    for literal in ["a_e", "a%e"] {
        let none = filter(store, &site, literal, &[]).await;
        assert_eq!(both_ways(store, &site, &none, 7).await.0, vec![], "{literal}");
        assert_eq!(store.finding_total(&site, &none).await.unwrap().total, Total::Exact(0));
    }
    // A unit named: every finding on its items (the demo's figures and l-2's).
    let unit = filter(store, &site, "民政局", &[]).await;
    let (of_unit, back) = both_ways(store, &site, &unit, 20).await;
    assert_eq!(back, of_unit);
    let all = store.stored_findings(&site, None).await.unwrap();
    let its: Vec<i64> = all.iter().filter(|f| f.item.unit.as_deref() == Some("民政局")).map(|f| f.item.id).collect();
    assert!(its.len() > 1 && its.iter().all(|id| of_unit.iter().any(|r| r.0 == *id)), "{its:?} in {of_unit:?}");
}

on_both_backends!(the_filter_finds_in_the_database_by_the_findings_own_text_and_kind);

/// A publication time in the future, found when the item was written, is listed while it is to
/// come and not once it has passed (the list is read as of its `now`); the item's other findings
/// stay.
async fn a_publication_time_to_come_holds_until_it_passes(db: TestDb) {
    db.ok(&["init"]);
    let at = Utc::now() + Duration::hours(2);
    let item = serde_json::json!({
        "ref": "f-1", "title": "区长李明化主持召开区政府常务会议", "body": "会议研究了重点工作。", "form": "text",
        "path": "government", "unit": "政府办", "columns": ["政务动态 / 象山动态"],
        "submitted_at": "2026-11-02T09:00:00+08:00", "published_at": at.to_rfc3339(),
    });
    db.import("future.jsonl", &format!("{item}\n"));
    let store = store::open(&Target::parse(&db.url).unwrap(), OpenOptions::default()).await.unwrap();
    let site = store.site(None).await.unwrap();
    let kinds = async |now: DateTime<Utc>| {
        let list = FindingList { kind: None, order: FindingOrder::Kind, filter: None, now };
        let rows = store.finding_page(&site, &list, Seek::First, 10).await.unwrap();
        let total = store.finding_total(&site, &list).await.unwrap().total;
        (rows.iter().map(|f| f.finding.kind).collect::<Vec<_>>(), total)
    };
    assert_eq!(kinds(Utc::now()).await, (vec![FindingKind::LeaderName, FindingKind::Date], Total::Exact(2)));
    let later = at + Duration::hours(1);
    assert_eq!(kinds(later).await, (vec![FindingKind::LeaderName], Total::Exact(1)));
    let dates = FindingList { kind: Some(FindingKind::Date), order: FindingOrder::Newest, filter: None, now: later };
    assert!(store.finding_page(&site, &dates, Seek::First, 10).await.unwrap().is_empty());
    let needle = Needle::new("李明化").unwrap();
    let list = ListFilter { text: needle, units: Vec::new(), initials: None };
    let filtered = FindingList {
        kind: None,
        order: FindingOrder::Newest,
        filter: Some(FindingFilter { list, kinds: Vec::new() }),
        now: later,
    };
    let rows = store.finding_page(&site, &filtered, Seek::First, 10).await.unwrap();
    assert_eq!(rows.iter().map(|f| f.finding.kind).collect::<Vec<_>>(), [FindingKind::LeaderName]);
}

on_both_backends!(a_publication_time_to_come_holds_until_it_passes);
