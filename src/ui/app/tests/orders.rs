//! Rectification orders in the console: `z` on a column, a finding or an indicator opens the form
//! that issues one (the deadline checked, 1 to 60 working days); the Orders tab (`0`) lists them
//! overdue first, then by nearest deadline; `d` closes one by hand with a note.

use super::inspection;
use super::*;
use crate::domain::Closing;
use crate::domain::rectification::{Fixes, Subject};
use crate::store::RectificationRow;
use crate::ui::app::single_line;
use crate::ui::views::orders::{self, Field};
use crate::usecase::rectification::{About, Issued};

fn order(id: i64, unit: &str, subject: Subject, about: &str, note: &str, due: &str, closed: bool) -> RectificationRow {
    let issued_at = Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap();
    RectificationRow {
        id,
        unit: unit.into(),
        unit_full_name: format!("桂林市象山区{unit}"),
        subject,
        subject_text: about.into(),
        note: note.into(),
        days: 5,
        issued_at,
        due_on: day(due),
        issued_by: "li.jianhua".into(),
        closed: closed.then(|| {
            let at = Utc.with_ymd_and_hms(2026, 11, 20, 3, 0, 0).unwrap();
            (at, "li.jianhua".to_string(), Closing::ByHand, Some("已补发施工许可信息".to_string()))
        }),
        fixes: Fixes::default(),
    }
}

/// Four orders as of 29 November 2026: one done, one overdue, two open.
fn orders_of_the_day() -> Vec<crate::usecase::rectification::Order> {
    let rows = vec![
        order(
            1,
            "发改局",
            Subject::Column(7),
            "政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息",
            "栏目超期未更新 11 天，请及时更新（依据：第六条）",
            "2026-11-09",
            true,
        ),
        order(
            2,
            "发改局",
            Subject::Column(8),
            "政府信息公开 / 重大建设项目批准和实施 / ②批准服务信息",
            "栏目超期未更新 50 天，请及时更新（依据：第六条）",
            "2026-11-20",
            false,
        ),
        order(
            3,
            "民政局",
            Subject::Item { id: 1207, finding: Some("id_number".into()) },
            "关于公布2026年城乡低保对象名单的公示",
            "公民身份号码未脱敏，请更正（依据：第九条）",
            "2026-12-04",
            false,
        ),
        order(
            4,
            "民政局",
            Subject::Indicator("empty_columns".into()),
            "空白栏目",
            "空白栏目 1 个，请及时发布内容",
            "2026-12-02",
            false,
        ),
    ];
    crate::reports::rectifications::ranked(rows, day("2026-11-29"))
}

/// Order 1's audit records, as the store writes them: issued, then closed by hand.
fn history_of_order_1() -> Vec<AuditEntry> {
    let record = |id, (d, h), action: &str, detail: &str| AuditEntry {
        id,
        at: Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap(),
        operator: "li.jianhua".into(),
        action: action.into(),
        target: "rectification:1".into(),
        detail: detail.into(),
    };
    vec![
        record(
            311,
            (2, 2),
            "rectification.add",
            r#"{"unit":"发改局","column":7,"note":"栏目超期未更新 11 天，请及时更新（依据：第六条）","days":5,"due_on":"2026-11-09"}"#,
        ),
        record(
            498,
            (20, 3),
            "rectification.close",
            r#"{"how":"by_hand","note":"已补发施工许可信息","after":{"status":"done","how":"by_hand"}}"#,
        ),
    ]
}

/// Enter on the last order (1, done): its audit history asked for and come back.
fn open_order_1(a: &mut App) {
    show_orders(a);
    key(a, KeyCode::End);
    let effects = key(a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Orders(orders::Load::History { id: 1 })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Orders(orders::Loaded::History(Ok(history_of_order_1()))))));
}

fn show_orders(a: &mut App) {
    let effects = keys(a, "0");
    assert_eq!(a.tab, Tab::Orders);
    let [(id, Load::View(views::Load::Orders(orders::Load::List)))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Orders(orders::Loaded::List(Ok(orders_of_the_day()))))));
}

/// `z` on 机构职能 (blank, 民政局 and 区政府办 responsible), in the overdue-only tree.
fn column_form(a: &mut App) {
    keys(a, "o");
    while a.views.columns.selected_entry().is_none_or(|e| e.id != 5) {
        key(a, KeyCode::Down);
    }
    keys(a, "z");
}

fn set(a: &mut App, field: Field, text: &str) {
    let form = a.views.orders.form.as_mut().expect("the form is open");
    *form.inputs[field as usize] = single_line(text);
}

#[test]
fn z_on_a_column_opens_the_form_filled_in_and_enter_issues_the_order() {
    let mut a = app();
    column_form(&mut a);
    assert_eq!(a.layer(), Layer::Rectify);
    let form = a.views.orders.form.as_ref().expect("z opens the form");
    assert_eq!(form.draft.about, About::Column(5));
    assert_eq!(form.text(Field::Unit), "民政局");
    assert!(form.text(Field::Note).contains("机构职能") && form.text(Field::Note).contains("blank"), "{form:?}");
    assert!(form.text(Field::Rule).starts_with("Art. 6"), "{form:?}");
    assert_eq!(form.text(Field::Days), "5");
    let text = text_of(&a);
    assert!(text.contains("Issue a rectification order") && text.contains("Column 政府信息公开 / 机构职能"), "{text}");
    // A deadline out of range is refused in one line, and nothing is sent.
    for bad in ["0", "61", "five"] {
        set(&mut a, Field::Days, bad);
        let effects = key(&mut a, KeyCode::Enter);
        assert!(loads(&effects).is_empty(), "{bad}: {effects:?}");
        let notice = a.notice.as_ref().unwrap();
        assert!(notice.error && notice.text.contains("1 to 60") && !notice.text.contains('\n'), "{bad}: {notice:?}");
        assert!(a.views.orders.form.is_some(), "the form stays open to be corrected");
    }
    // Tab moves to the next field; typing edits it.
    set(&mut a, Field::Days, "");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.views.orders.form.as_ref().unwrap().field, Field::Days);
    keys(&mut a, "7");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Orders(orders::Load::Issue { unit, about, note, days })))] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!((unit.as_str(), about, *days), ("民政局", &About::Column(5), 7));
    assert!(note.contains("blank") && note.ends_with("(Art. 6: each unit keeps its columns up to date)"), "{note}");
    let issued = Issued {
        id: 9,
        unit: "民政局".into(),
        due_on: day("2026-12-08"),
        days: 7,
        provisional: false,
        item: None,
        indicator: None,
    };
    a.update(Msg::Loaded(
        *id,
        Loaded::View(views::Loaded::Orders(orders::Loaded::Issued { unit: unit.clone(), result: Ok(issued) })),
    ));
    assert!(a.views.orders.form.is_none());
    let notice = a.notice.as_ref().unwrap();
    assert!(
        !notice.error && notice.text.contains("rectification order 9 issued to 民政局: due 2026-12-08"),
        "{notice:?}"
    );
}

#[test]
fn a_refused_order_keeps_the_form_and_esc_closes_it() {
    let mut a = app();
    column_form(&mut a);
    set(&mut a, Field::Unit, "");
    let effects = key(&mut a, KeyCode::Enter);
    assert!(loads(&effects).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("responsible unit"));
    set(&mut a, Field::Unit, "财政局");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    let said = "财政局 is not responsible for column 5 (responsible: 民政局, 区政府办)".to_string();
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Orders(orders::Loaded::Issued { unit: "财政局".into(), result: Err(said) })),
    ));
    assert!(a.views.orders.form.is_some());
    assert!(a.notice.as_ref().unwrap().text.contains("not issued: 财政局 is not responsible"));
    key(&mut a, KeyCode::Esc);
    assert!(a.views.orders.form.is_none());
    assert_eq!(a.layer(), Layer::Columns);
}

#[test]
fn z_on_a_column_without_a_responsible_unit_is_refused_at_once() {
    let mut a = app();
    // 政务动态, the first line of the tree: a heading no unit answers for.
    keys(&mut a, "z");
    assert!(a.views.orders.form.is_none());
    assert!(a.notice.as_ref().unwrap().text.contains("has no responsible unit"), "{:?}", a.notice);
}

#[test]
fn z_on_an_indicator_asks_for_the_unit() {
    let mut a = app();
    inspection::show_inspection(&mut a);
    keys(&mut a, "z");
    let form = a.views.orders.form.as_ref().expect("z opens the form");
    assert!(matches!(&form.draft.about, About::Indicator(_)), "{form:?}");
    assert_eq!((form.field, form.text(Field::Unit).as_str()), (Field::Unit, ""));
    keys(&mut a, "民政局");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Orders(orders::Load::Issue { unit, about: About::Indicator(_), .. })))] =
        &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(unit, "民政局");
}

#[test]
fn the_orders_tab_lists_overdue_first_then_by_deadline_and_d_closes_one_with_a_note() {
    let mut a = app();
    show_orders(&mut a);
    let ids: Vec<i64> = a.views.orders.list.rows.iter().map(|o| o.row.id).collect();
    assert_eq!(ids, [2, 4, 3, 1], "overdue, then the nearest deadline, done last");
    let text = view_text(&a);
    assert!(text.starts_with("Rectification orders 4 (2 open) 1 overdue"), "{text}");
    // d on the overdue one: a note, then the write.
    keys(&mut a, "d");
    assert!(foot_of(&a).contains("close rectification order 2"), "{}", foot_of(&a));
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty(), "a note is required");
    keys(&mut a, "已更新栏目");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Orders(orders::Load::Close { id: 2, note })))] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(note, "已更新栏目");
    let effects = a.update(Msg::Loaded(
        *id,
        Loaded::View(views::Loaded::Orders(orders::Loaded::Closed { id: 2, result: Ok(()) })),
    ));
    assert!(matches!(loads(&effects)[..], [(_, Load::View(views::Load::Orders(orders::Load::List)))]), "{effects:?}");
    assert!(a.notice.as_ref().unwrap().text.contains("rectification order 2 closed"));
    // A done order is not closed again.
    key(&mut a, KeyCode::End);
    keys(&mut a, "d");
    assert!(a.views.orders.closing.is_none());
    assert!(a.notice.as_ref().unwrap().text.contains("already closed"), "{:?}", a.notice);
}

#[test]
fn enter_on_an_order_shows_it_with_its_audit_history() {
    let mut a = app();
    open_order_1(&mut a);
    let Overlay::Record(record) = &a.overlay else { panic!("{:?}", a.overlay) };
    assert!(record.starts_with("Rectification order 1 (done)"), "{record}");
    let issued = record.find("#311 11-02 10:00 li.jianhua issue order").expect(record);
    let closed = record.find("#498 11-20 11:00 li.jianhua close order").expect(record);
    assert!(issued < closed, "oldest first: {record}");
    assert!(record.contains("Its audit records (2)") && record.contains("已补发施工许可信息"), "{record}");
    let text = text_of(&a);
    assert!(text.contains("Audit record"), "{text}");
    // A history that could not be read says so, and opens nothing.
    key(&mut a, KeyCode::Esc);
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Orders(orders::Loaded::History(Err("the database said no".into())))),
    ));
    assert!(matches!(a.overlay, Overlay::None), "{:?}", a.overlay);
    let notice = a.notice.as_ref().unwrap();
    assert!(notice.error && notice.text.contains("audit records of rectification order 1"), "{notice:?}");
}

/// `R` on column 5 (机构职能: 民政局 and 区政府办) in the overdue-only tree, and its sheet written.
fn remind_on_column_5(a: &mut App) {
    keys(a, "o");
    while a.views.columns.selected_entry().is_none_or(|e| e.id != 5) {
        key(a, KeyCode::Down);
    }
    let effects = keys(a, "R");
    let [(id, Load::View(views::Load::Columns(columns::Load::Remind { unit, force: false })))] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(unit, "民政局", "the column's first responsible unit");
    let path = "/home/li.jianhua/提醒单-民政局-2026-11-29.md".to_string();
    a.update(Msg::Loaded(
        *id,
        Loaded::View(views::Loaded::Columns(columns::Loaded::Reminded { unit: unit.clone(), result: Ok(path) })),
    ));
}

#[test]
fn r_in_the_columns_view_writes_the_selected_units_reminder_sheet() {
    let mut a = app();
    // A heading no unit answers for: said at once, nothing asked of the database.
    let effects = keys(&mut a, "R");
    assert!(loads(&effects).is_empty(), "{effects:?}");
    assert!(a.notice.as_ref().unwrap().text.contains("no responsible unit here"), "{:?}", a.notice);
    remind_on_column_5(&mut a);
    let notice = a.notice.as_ref().unwrap();
    assert!(
        !notice.error && notice.text.contains("the reminder sheet of 民政局 written to /home/li.jianhua/提醒单-民政局")
    );
    // Grouped by unit: the unit whose group the cursor is in, on its heading or on a column under it.
    keys(&mut a, "u");
    let tree = a.views.columns.tree.as_ref().unwrap();
    let (second, line) = a
        .views
        .columns
        .lines
        .iter()
        .enumerate()
        .filter_map(|(n, l)| match l {
            Line::Unit { index, .. } => Some((tree.units[*index].0.clone(), n)),
            Line::Column { .. } => None,
        })
        .nth(1)
        .expect("two units");
    key(&mut a, KeyCode::Home);
    for _ in 0..=line {
        key(&mut a, KeyCode::Down);
    }
    assert!(matches!(a.views.columns.lines[a.views.columns.cursor.selected], Line::Column { .. }));
    let effects = keys(&mut a, "R");
    let [(_, Load::View(views::Load::Columns(columns::Load::Remind { unit, .. })))] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(unit, &second);
    // One sheet at a time.
    assert!(loads(&keys(&mut a, "R")).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("being written"), "{:?}", a.notice);
}

/// The Orders tab and the form, in every state, at both sizes, in both languages.
#[test]
fn the_orders_screens_in_every_state() {
    let cases: Vec<State> = vec![
        ("orders", show_orders),
        ("orders_empty", |a| {
            let [(id, _)] = loads(&keys(a, "0"))[..] else { panic!() };
            a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Orders(orders::Loaded::List(Ok(vec![]))))));
        }),
        ("orders_record", open_order_1),
        ("orders_close", |a| {
            show_orders(a);
            keys(a, "d");
        }),
        ("orders_form_column", column_form),
        ("columns_remind", remind_on_column_5),
        ("orders_form_indicator", |a| {
            inspection::show_inspection(a);
            keys(a, "z");
        }),
    ];
    // Chinese at 160×48 too, and the form over the Columns tab at 80×24 (`snapshot_all` leaves
    // the Columns tab's screens to their own tests).
    for (name, setup) in &cases {
        crate::i18n::scoped(Lang::ZhCn, || {
            for size in [(80, 24), (160, 48)] {
                let mut a = sized(size, true);
                setup(&mut a);
                if size == (160, 48) || a.tab == Tab::Columns {
                    insta::assert_snapshot!(format!("{name}_zh_{}x{}", size.0, size.1), view_text(&a));
                }
            }
        });
    }
    snapshot_all(cases);
}
