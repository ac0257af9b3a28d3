//! The Find tab (`:find TEXT`, issue 21): the site's items whose title or body holds a text, read
//! from the database a page at a time, newest first; one character is refused and what was found
//! stays; Enter opens an item, from which `w` withdraws it.

use super::*;
use crate::store::FoundItem;

fn found(id: i64, title: &str, day: u32, status: ItemStatus, unit: Option<&str>) -> FoundItem {
    let at = Utc.with_ymd_and_hms(2026, 11, day, 2, 30, 0).unwrap();
    FoundItem {
        id,
        reference: None,
        title: title.into(),
        status,
        unit: unit.map(Into::into),
        published_at: (status != ItemStatus::Pending).then_some(at),
        at,
        columns: vec![(11, "政务动态 / 部门动态".into(), Form::Text), (12, "政务动态 / 通知公告".into(), Form::Text)],
    }
}

fn rows() -> Vec<FoundItem> {
    vec![
        found(2406, "象山区人民政府关于冬季森林防火的通告", 27, ItemStatus::Online, Some("政府办")),
        found(2311, "二塘乡人民政府开展“三八”国际妇女节系列活动", 20, ItemStatus::Withdrawn, Some("二塘乡")),
        found(2290, "关于象山区人民政府2026年政府信息公开工作年度报告的说明", 12, ItemStatus::Pending, None),
    ]
}

/// Types `:find TEXT` and Enter; the page it asks for.
fn find(a: &mut App, text: &str) -> u64 {
    keys(a, &format!(":find {text}"));
    let effects = key(a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Find(views::find::Load::Page { text: asked, seek: Seek::First, .. })))] =
        &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(asked, text);
    *id
}

fn page(a: &mut App, id: u64, rows: Vec<FoundItem>) -> Vec<Effect> {
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Find(views::find::Loaded::Page(Ok(rows))))))
}

fn show_find(a: &mut App) {
    let id = find(a, "人民政府");
    page(a, id, rows());
}

#[test]
fn find_lists_the_items_holding_a_text_and_enter_opens_one() {
    let mut a = app();
    // Before anything is looked for, the tab says how.
    keys(&mut a, "9");
    assert_eq!(a.tab, Tab::Find);
    assert!(loads(&keys(&mut a, "9")).is_empty(), "nothing to load before a text");
    assert!(text_of(&a).contains("Type :find TEXT (two characters or more"), "{}", text_of(&a));
    let id = find(&mut a, "人民政府");
    assert_eq!(a.layer(), Layer::Find);
    page(&mut a, id, rows());
    let text = text_of(&a);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("9 Find"), "{text}");
    assert!(lines[1].starts_with("Find “人民政府” · 1 of 3, newest first"), "{text}");
    // One column per thing on `ui::table`: the status whole, a blank between two columns.
    assert!(lines[2].starts_with("time        item status    unit   title"), "{text}");
    assert!(lines[3].starts_with("11-27 10:30 2406 online    政府办 象山区人民政府关于冬季森林防火的通告"), "{text}");
    assert!(lines[4].starts_with("11-20 10:30 2311 withdrawn 二塘乡 二塘乡人民政府开展"), "{text}");
    assert!(lines[5].starts_with("11-12 10:30 2290 pending   -      关于象山区人民政府"), "{text}");
    // The filter narrows what was found; Enter opens the selection.
    keys(&mut a, "/etx");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.views.find.list.shown.len(), 1);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Find(views::find::Load::Item { id: 2311 })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(a.layer(), Layer::Item);
    let mut item = findings::found_item();
    item.0.id = 2311;
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Find(views::find::Loaded::Item(Ok(item))))));
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("Item 2311"), "{}", text_of(&a));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Find);
    // F5 asks again.
    assert!(matches!(
        loads(&key(&mut a, KeyCode::F(5)))[..],
        [(_, Load::View(views::Load::Find(views::find::Load::Page { seek: Seek::First, .. })))]
    ));
}

#[test]
fn one_character_is_refused_and_what_was_found_stays() {
    let mut a = app();
    show_find(&mut a);
    keys(&mut a, ":find 象");
    let effects = key(&mut a, KeyCode::Enter);
    assert!(loads(&effects).is_empty(), "{effects:?}");
    let notice = a.notice.as_ref().unwrap();
    assert!(notice.error && notice.text.contains("a search needs at least 2 characters"), "{}", notice.text);
    assert_eq!(a.views.find.list.rows.len(), 3);
    assert_eq!(a.views.find.list.source.text.as_deref(), Some("人民政府"));
}

#[test]
fn scrolling_to_the_end_asks_for_the_page_after_the_last_item() {
    let mut a = app();
    let id = find(&mut a, "政府");
    let many: Vec<FoundItem> = (0..PAGE)
        .map(|n| {
            found(
                5000 - n,
                &format!("象山区人民政府第{n}号通知"),
                28 - (n / 5) as u32,
                ItemStatus::Online,
                Some("政府办"),
            )
        })
        .collect();
    let last = many.last().unwrap().key();
    page(&mut a, id, many);
    // Down a page at a time: near the end of what is loaded, the page after it.
    let effects: Vec<Effect> = (0..PAGE / 10).flat_map(|_| key(&mut a, KeyCode::PageDown)).collect();
    let [(_, Load::View(views::Load::Find(views::find::Load::Page { text, seek: Seek::After(after), .. })))] =
        &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!((text.as_str(), *after), ("政府", last));
}

#[test]
fn end_reads_the_last_page_of_what_is_found_and_home_the_first() {
    let mut a = app();
    let id = find(&mut a, "政府");
    let item = |n: i64| found(5000 - n, &format!("象山区人民政府第{n}号通知"), 28, ItemStatus::Online, None);
    page(&mut a, id, (0..PAGE).map(item).collect());
    let effects = key(&mut a, KeyCode::F(5));
    let ([(total, _)], [(id, _)]) = (&counts(&effects)[..], &loads(&effects)[..]) else { panic!("F5 counts again") };
    let (total, id) = (*total, *id);
    page(&mut a, id, (0..PAGE).map(item).collect());
    a.update(Msg::Loaded(total, Loaded::View(views::Loaded::Find(views::find::Loaded::Total(Ok(Total::Exact(350)))))));
    let effects = key(&mut a, KeyCode::End);
    let [(id, Load::View(views::Load::Find(views::find::Load::Page { seek: Seek::Last, .. })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert!(counts(&effects).is_empty(), "the count stands");
    // The database's last page, oldest last.
    page(&mut a, id, (250..350).map(item).collect());
    let list = &a.views.find.list;
    assert_eq!((list.selected().map(|i| i.id), list.done, list.front), (Some(5000 - 349), true, false));
    assert!(text_of(&a).lines().nth(1).unwrap().contains("350 of 350"), "{}", text_of(&a));
    let effects = key(&mut a, KeyCode::Home);
    assert!(
        matches!(
            loads(&effects)[..],
            [(_, Load::View(views::Load::Find(views::find::Load::Page { seek: Seek::First, .. })))]
        ),
        "{effects:?}"
    );
}

#[test]
fn every_find_state_at_both_sizes_in_colour_and_monochrome() {
    snapshot_all(vec![
        ("find", show_find),
        ("find_none", |a| {
            keys(a, "9");
        }),
    ]);
}

/// What `:find 人民政府` found, filtered by 二塘 in the database: the one item of 二塘乡.
fn find_filtered(a: &mut App) {
    show_find(a);
    keys(a, "/");
    let asked = loads(&keys(a, "二塘"));
    let Some((id, Load::View(views::Load::Find(views::find::Load::Page { text, filter: Some(f), seek: Seek::First })))) =
        asked.last()
    else {
        panic!("{asked:?}")
    };
    assert_eq!((text.as_str(), f.as_str()), ("人民政府", "二塘"));
    let found: Vec<FoundItem> = rows().into_iter().filter(|f| f.id == 2311).collect();
    page(a, *id, found);
}

#[test]
fn the_finds_filter_asks_the_database_and_the_next_page_keeps_it() {
    let mut a = app();
    find_filtered(&mut a);
    assert_eq!(a.views.find.list.shown.len(), 1);
    assert_eq!(a.views.find.list.selected().unwrap().id, 2311);
    // Nothing found: the database holds none, which the list says (not "nothing loaded").
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "/");
    let asked = loads(&keys(&mut a, "ab"));
    let Some((id, _)) = asked.last() else { panic!("{asked:?}") };
    page(&mut a, *id, Vec::new());
    assert!(text_of(&a).contains("Nothing in the database matches the filter"), "{}", text_of(&a));
    // A full page filtered: moving down asks for the next with the same filter.
    let mut a = app();
    show_find(&mut a);
    keys(&mut a, "/");
    let asked = loads(&keys(&mut a, "政府"));
    let Some((id, _)) = asked.last() else { panic!("{asked:?}") };
    let full: Vec<FoundItem> =
        (0..PAGE).map(|i| found(5000 - i, &format!("政府通知第{i}号"), 20, ItemStatus::Online, None)).collect();
    page(&mut a, *id, full);
    key(&mut a, KeyCode::Enter);
    let mut next = Vec::new();
    for _ in 0..90 {
        next.extend(loads(&key(&mut a, KeyCode::Down)));
    }
    let [(_, Load::View(views::Load::Find(views::find::Load::Page { filter: Some(f), seek: Seek::After(_), .. })))] =
        &next[..]
    else {
        panic!("{next:?}")
    };
    assert_eq!(f, "政府");
}

#[test]
fn snapshots_a_finds_filter_found_in_the_database() {
    snapshot_all(vec![("find_filtered_in_db", find_filtered)]);
}
