//! `/` in a list read by pages filters in the database (issue 21): from two characters typed, the
//! list's first page is asked for again with the filter, and what comes back is shown whole (a
//! match in a body, which the row does not hold); the next page keeps the filter; Esc reads the
//! list unfiltered again. The find key opens Find from every view.

use super::*;

/// The column's items as the database filters them by 滨江绿道 (in the body of the one found).
fn found_in_body() -> Vec<ItemSummary> {
    vec![summary(870, "统计局发布季度数据", 3, Some("统计局"))]
}

/// Types `text` into the filter; the pages of column 7 it asks for, by filter.
fn filter_column(a: &mut App, text: &str) -> Vec<(u64, Option<String>)> {
    loads(&keys(a, text))
        .into_iter()
        .map(|(id, load)| match load {
            Load::View(views::Load::Columns(columns::Load::Items { column_id: 7, seek: Seek::First, filter })) => {
                (id, filter)
            }
            other => panic!("{other:?}"),
        })
        .collect()
}

fn filtered(a: &mut App) {
    open_column(a, items(0, PAGE));
    keys(a, "/");
    let asked = filter_column(a, "滨江绿道");
    let (id, _) = asked.last().unwrap();
    a.update(Msg::Loaded(*id, Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(found_in_body()))))));
}

#[test]
fn a_columns_filter_asks_the_database_from_two_characters() {
    let mut a = app();
    open_column(&mut a, items(0, PAGE));
    keys(&mut a, "/");
    let asked: Vec<Option<String>> = filter_column(&mut a, "xsq").into_iter().map(|(_, f)| f).collect();
    assert_eq!(asked, [Some("xs".into()), Some("xsq".into())], "pinyin initials are matched in the database too");
    assert_eq!(a.views.columns.column.as_ref().unwrap().items.shown.len(), PAGE as usize, "象山区 …, until it answers");
    for _ in 0..3 {
        key(&mut a, KeyCode::Backspace);
    }
    assert!(filter_column(&mut a, "滨").is_empty(), "one character filters the loaded rows");
    let asked = filter_column(&mut a, "江绿道");
    let filters: Vec<Option<String>> = asked.iter().map(|(_, f)| f.clone()).collect();
    assert_eq!(filters, [Some("滨江".into()), Some("滨江绿".into()), Some("滨江绿道".into())]);
    // Until the page comes, the loaded rows that match; none does.
    assert!(a.views.columns.column.as_ref().unwrap().items.shown.is_empty());
    // An earlier filter's page arriving late is not shown.
    let (early, _) = asked[0];
    a.update(Msg::Loaded(early, Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(items(0, 3)))))));
    assert!(a.views.columns.column.as_ref().unwrap().items.shown.is_empty());
    let (last, _) = asked[2];
    a.update(Msg::Loaded(last, Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(found_in_body()))))));
    let list = &a.views.columns.column.as_ref().unwrap().items;
    assert_eq!(list.shown.len(), 1, "found in its body, which the row does not hold");
    assert_eq!(list.selected().unwrap().id, 870);
    assert!(list.done, "a short page is the last");
    // Esc clears the filter: the column is read unfiltered again.
    let effects = key(&mut a, KeyCode::Esc);
    let asked: Vec<Option<String>> = loads(&effects)
        .into_iter()
        .filter_map(|(_, l)| match l {
            Load::View(views::Load::Columns(columns::Load::Items { filter, .. })) => Some(filter),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [None]);
}

#[test]
fn the_next_page_keeps_the_filter() {
    let mut a = app();
    open_column(&mut a, items(0, PAGE));
    keys(&mut a, "/");
    let asked = filter_column(&mut a, "象山");
    let (id, _) = asked[0];
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(items(0, PAGE)))))));
    key(&mut a, KeyCode::Enter);
    let mut next = Vec::new();
    for _ in 0..90 {
        next.extend(loads(&key(&mut a, KeyCode::Down)));
    }
    let [(_, Load::View(views::Load::Columns(columns::Load::Items { seek: Seek::After(_), filter: Some(f), .. })))] =
        &next[..]
    else {
        panic!("{next:?}")
    };
    assert_eq!(f, "象山");
}

#[test]
fn the_audit_and_the_withdrawn_filter_in_the_database() {
    let mut a = app();
    let effects = keys(&mut a, "5");
    let [(id, _)] = loads(&effects)[..] else { panic!("{effects:?}") };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(Vec::new()))))));
    keys(&mut a, "/");
    let asked = loads(&keys(&mut a, "init"));
    assert!(
        matches!(
            asked.last(),
            Some((_, Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::First, filter: Some(f) })))) if f == "init"
        ),
        "{asked:?}"
    );
    key(&mut a, KeyCode::Esc);
    let effects = keys(&mut a, "6");
    let [(id, _)] = loads(&effects)[..] else { panic!("{effects:?}") };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Withdrawn(withdrawn::Loaded::Page(Ok(Vec::new()))))));
    keys(&mut a, "/");
    let asked = loads(&keys(&mut a, "第7批"));
    assert!(
        matches!(
            asked.last(),
            Some((_, Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: Some(f) })))) if f == "第7批"
        ),
        "{asked:?}"
    );
}

#[test]
fn the_find_key_opens_find_from_every_view() {
    for tab in Tab::ALL {
        let mut a = app();
        a.switch(tab, &mut Vec::new());
        keys(&mut a, "9");
        assert_eq!(a.tab, Tab::Find, "from {tab:?}");
    }
    // An item opened from a column, and the review screen.
    let mut a = app();
    open_column(&mut a, items(0, 5));
    open_item(&mut a);
    keys(&mut a, "9");
    assert_eq!(a.tab, Tab::Find, "from an item");
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    keys(&mut a, "9");
    assert_eq!(a.tab, Tab::Find, "from the review screen");
}

/// The queue filtered by 滨江绿道, which the database found in the body of item 32 (counted: 1).
fn queue_filtered(a: &mut App) {
    show_queue(a);
    keys(a, "/");
    let effects = keys(a, "滨江绿道");
    let asked = loads(&effects);
    let Some((id, Load::View(views::Load::Queue(views::queue::Load::Page { filter: Some(f), .. })))) = asked.last()
    else {
        panic!("{asked:?}")
    };
    assert_eq!(f, "滨江绿道");
    let found: Vec<QueueItem> = queue_rows().into_iter().filter(|q| q.id == 32).collect();
    a.update(Msg::Loaded(*id, Loaded::View(views::Loaded::Queue(views::queue::Loaded::Page(Ok(found))))));
    let Some((counted, _)) = counts(&effects).pop() else { panic!("{effects:?}") };
    // On WeChat for 5 hours: waiting too long.
    let count = crate::store::QueueCount { total: Total::Exact(1), late: Total::Exact(1) };
    a.update(Msg::Loaded(counted, Loaded::View(views::Loaded::Queue(views::queue::Loaded::Total(Ok(count))))));
}

#[test]
fn the_queue_filters_in_the_database_bodies_and_initials_too() {
    let mut a = app();
    show_queue(&mut a);
    keys(&mut a, "/");
    let asked: Vec<Option<String>> = loads(&keys(&mut a, "hybz"))
        .into_iter()
        .map(|(_, l)| match l {
            Load::View(views::Load::Queue(views::queue::Load::Page { filter, .. })) => filter,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(asked, [Some("hy".into()), Some("hyb".into()), Some("hybz".into())]);
    key(&mut a, KeyCode::Esc);
    let mut a = app();
    queue_filtered(&mut a);
    let list = &a.views.queue.items;
    assert_eq!(list.shown.len(), 1, "found in its body, which the row does not hold");
    assert_eq!(list.selected().unwrap().id, 32);
    let asked: Vec<Option<String>> = loads(&key(&mut a, KeyCode::Esc))
        .into_iter()
        .filter_map(|(_, l)| match l {
            Load::View(views::Load::Queue(views::queue::Load::Page { filter, .. })) => Some(filter),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [None], "Esc reads the whole queue again");
}

#[test]
fn snapshots_a_filter_found_in_the_database() {
    let states: Vec<State> = vec![("column_filtered_in_db", filtered), ("queue_filtered_in_db", queue_filtered)];
    snapshot_all(states);
}
