//! Withdrawing: a request's item, items marked in a column, everything before a day; marking
//! instead; the Withdrawn tab and restoring.

use super::*;

#[test]
fn a_request_is_withdrawn_after_a_confirmation_or_declined_with_a_reason() {
    let mut a = app();
    show_retractions(&mut a);
    assert!(loads(&keys(&mut a, "w")).is_empty(), "nothing is written before the confirmation");
    assert_eq!(a.layer(), Layer::Confirm);
    assert!(text_of(&a).contains("Withdraw item 1007 from every column (classified)"));
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, reason: RetractionReason::Classified })] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(items, &vec![1007]);
    let done = Withdrawal { withdrawn: vec![1007], already: vec![], requests_closed: 1, batch: None };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 1007 from every column; 1 request closed");
    // The requests and the column tree (its staleness) load again.
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert!(
        reloaded.contains(&Load::View(views::Load::Retractions(retractions::Load::Pending)))
            && reloaded.iter().any(|l| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. })))),
        "{reloaded:?}"
    );
    // Declining needs a reason.
    keys(&mut a, "d");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    keys(&mut a, "该信息仍然有效");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Decline { request: 7, reason })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(reason, "该信息仍然有效");
}

#[test]
fn space_marks_and_moves_down_a_range_marks_the_rows_between_and_esc_clears_the_marks() {
    let mut a = app();
    open_column(&mut a, policy_items());
    assert_eq!(a.layer(), Layer::Column);
    // The range key needs a row marked first.
    keys(&mut a, "v");
    assert!(a.notice.as_ref().unwrap().error && marked(&a).is_empty());
    space(&mut a);
    assert_eq!(marked(&a), [2106]);
    assert_eq!(a.views.columns.column.as_ref().unwrap().items.cursor.selected, 1, "Space moves down");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    keys(&mut a, "v");
    assert_eq!(marked(&a), [1207, 1533, 1874, 2106]);
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 3 more (4 marked)");
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().contains("4 marked"), "{text}");
    // Marked rows show it; marked-instead items carry their badge.
    let row = text.lines().find(|l| l.contains("[已废止]")).unwrap();
    assert!(row.starts_with("* ") && row.contains("2023-11-21"), "{row}");
    assert!(text.lines().any(|l| l.starts_with("* ") && l.contains("[已修改]")), "{text}");
    // Space on a marked row unmarks it.
    space(&mut a);
    assert_eq!(marked(&a), [1533, 1874, 2106]);
    // Esc clears the marks first, then backs out.
    key(&mut a, KeyCode::Esc);
    assert!(marked(&a).is_empty());
    assert_eq!(a.layer(), Layer::Column);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Columns);
}

/// The day is the Columns view's own question: while it is typed, the keys are its text (`q` does
/// not quit, a tab's number does not switch) and the mouse waits; Esc closes it and asks nothing.
#[test]
fn the_day_before_which_to_mark_is_the_columns_views_own_question() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "O");
    assert!(a.views.columns.day.is_some());
    let before = a.views.columns.column.as_ref().unwrap().items.cursor.selected;
    let row = a.areas().rows.y + 2;
    a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.views.columns.column.as_ref().unwrap().items.cursor.selected, before, "the mouse waits");
    assert!(loads(&keys(&mut a, "q3")).is_empty());
    assert!(!a.quit && a.tab == Tab::Columns, "typed, not run");
    assert!(text_of(&a).contains("q3"), "{}", text_of(&a));
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty());
    assert!(a.views.columns.day.is_none(), "Esc closes the question");
    assert_eq!(a.layer(), Layer::Column, "and the column stays open");
}

/// The reason is the Retractions view's own question: while it is typed, the keys are its text
/// and the mouse waits; Enter while a retraction write is running sends nothing and keeps the
/// question; Esc closes it and declines nothing.
#[test]
fn the_reason_for_a_decline_is_the_retractions_views_own_question() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    show_retractions(&mut a);
    keys(&mut a, "d");
    assert!(a.views.retractions.decline.is_some() && matches!(a.overlay, Overlay::None), "{:?}", a.overlay);
    let before = a.views.retractions.list.cursor.selected;
    let row = a.areas().rows.y + 2;
    a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.views.retractions.list.cursor.selected, before, "the mouse waits");
    assert!(loads(&keys(&mut a, "q1")).is_empty());
    assert!(!a.quit && a.tab == Tab::Retractions, "typed, not run");
    assert!(text_of(&a).contains("q1"), "{}", text_of(&a));
    a.retraction_write = Some(99);
    assert!(loads(&key(&mut a, KeyCode::Enter)).iter().all(|(_, l)| !l.is_write()), "one retraction write at a time");
    assert!(a.notice.as_ref().unwrap().error);
    assert_eq!(a.views.retractions.decline.as_ref().unwrap().input.lines(), ["q1"], "the question stays");
    a.retraction_write = None;
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty());
    assert!(a.views.retractions.decline.is_none(), "Esc closes the question");
    assert_eq!(a.layer(), Layer::Retractions);
}

#[test]
fn everything_before_a_day_is_marked_as_the_store_finds_it_loaded_or_not() {
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "O");
    assert!(a.views.columns.day.is_some(), "the day is asked for");
    assert!(text_of(&a).contains("mark what went online here before (YYYY-MM-DD):"));
    // A day that does not exist is refused, and can be corrected.
    assert!(loads(&keys(&mut a, "2024-13-01")).is_empty());
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(a.notice.as_ref().unwrap().error);
    assert!(a.views.columns.day.is_some(), "the day stays to be corrected");
    for _ in 0..5 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "01-01");
    let effects = key(&mut a, KeyCode::Enter);
    // The day as typed; the use case counts from its midnight in Beijing (`older_in_column`).
    let [(id, Load::View(views::Load::Columns(columns::Load::Before { column_id: 7, day: before })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(before, day("2024-01-01"));
    assert!(a.busy());
    // The store finds one more than the list has loaded.
    let mut found: Vec<ItemSummary> = policy_items().into_iter().skip(3).collect();
    let mut older = found[0].clone();
    (older.id, older.title) = (988, "象山区2022年重大项目建设计划".into());
    found.push(older);
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Before(Ok(found))))));
    assert_eq!(marked(&a), [988, 1031, 1102, 1207]);
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 4 items that went online here before 2024-01-01 (4 marked)");
    // The withdrawal takes them all, the one not loaded too.
    keys(&mut a, "w");
    assert!(
        confirmation(&a).contains("Withdraw 4 items from every column")
            && confirmation(&a).contains("象山区2022年重大项目建设计划")
    );
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Retract { items, reason: RetractionReason::Outdated })] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(items, &[1207, 1102, 1031, 988]);
    // Nothing before the day: said so.
    keys(&mut a, "O2020-01-01");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Before(Ok(vec![]))))));
    assert_eq!(a.notice.as_ref().unwrap().text, "nothing online here went online before 2020-01-01");
}

#[test]
fn the_withdrawal_confirmation_says_how_many_and_which_and_cycles_the_reason() {
    use crate::domain::RetractionReason::*;
    let mut a = app();
    open_column(&mut a, items(0, 30));
    for _ in 0..20 {
        space(&mut a);
    }
    assert!(loads(&keys(&mut a, "w")).is_empty(), "nothing is written before Enter");
    assert_eq!(a.layer(), Layer::Confirm);
    let text = confirmation(&a);
    assert!(text.starts_with("Withdraw 20 items from every column (nothing is deleted):"), "{text}");
    // The first ones that fit at 80×24, then how many more.
    assert!(
        text.contains("  1000  象山区第0次召开")
            && text.contains("  999   象山区第1次召开")
            && text.contains("  … and 7 more"),
        "{text}"
    );
    assert!(text.contains("  988   象山区第12次召开") && !text.contains("  987   "), "{text}");
    assert!(text.contains("reason: outdated · r: improper, classified, error"), "{text}");
    assert!(text.ends_with("Enter withdraws · m marks instead · Esc cancels"), "{text}");
    assert!(text.lines().all(|l| crate::ui::text::width(l) <= 74), "no line wraps in the popup: {text}");
    let screen = text_of(&a);
    assert!(
        screen.contains("… and 7 more") && screen.contains("Enter withdraws · m marks instead · Esc cancels"),
        "{screen}"
    );
    // r cycles the reason; the text follows.
    let mut seen = Vec::new();
    for _ in 0..4 {
        keys(&mut a, "r");
        let Overlay::Confirm { then: Confirmed::WithdrawItems { reason, .. }, .. } = &a.overlay else { panic!() };
        seen.push(*reason);
    }
    assert_eq!(seen, [Improper, Classified, Error, Outdated]);
    keys(&mut a, "rr");
    assert!(confirmation(&a).contains("reason: classified (loses its points) · r: error, outdated, improper"));
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Retract { items: ids, reason: Classified })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(ids.len(), 20);
    assert_eq!(ids[0], 1000);
    // Esc cancels and writes nothing; the marks stay.
    let mut b = app();
    open_column(&mut b, items(0, 3));
    space(&mut b);
    keys(&mut b, "w");
    assert!(loads(&key(&mut b, KeyCode::Esc)).is_empty());
    assert_eq!(b.layer(), Layer::Column);
    assert_eq!(marked(&b), [1000]);
}

#[test]
fn with_nothing_marked_the_selected_item_or_the_opened_one_is_withdrawn() {
    let mut a = app();
    open_column(&mut a, policy_items());
    key(&mut a, KeyCode::Down);
    keys(&mut a, "w");
    assert!(confirmation(&a).starts_with("Withdraw item 1874 from every column"));
    key(&mut a, KeyCode::Esc);
    open_item(&mut a);
    assert_eq!(a.layer(), Layer::Item);
    keys(&mut a, "w");
    let text = confirmation(&a);
    assert!(
        text.starts_with("Withdraw item 1874 from every column") && text.contains("象山区召开重大项目建设推进会"),
        "{text}"
    );
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, .. })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1874]);
    let done = Withdrawal { withdrawn: vec![1874], already: vec![], requests_closed: 0, batch: None };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 1874 from every column");
    // The item screen shows it as it now is.
    assert!(
        loads(&effects).iter().any(|(_, l)| *l == Load::View(views::Load::Columns(columns::Load::Item { id: 1874 }))),
        "{effects:?}"
    );
    assert_eq!(a.layer(), Layer::Item);
}

#[test]
fn a_withdrawal_says_what_happened_clears_the_marks_and_reloads_what_it_affects() {
    let mut a = app();
    show_scores(&mut a);
    show_retractions(&mut a);
    keys(&mut a, "2");
    open_column(&mut a, policy_items());
    a.views.columns.column.as_mut().unwrap().items.cursor.selected = 3;
    keys(&mut a, "   ");
    keys(&mut a, "w");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, .. })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1207, 1102, 1031]);
    // A second write waits for the first; its question stays open.
    space(&mut a);
    keys(&mut a, "w");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("still being saved"));
    assert_eq!(a.layer(), Layer::Confirm);
    key(&mut a, KeyCode::Esc);
    let done = Withdrawal { withdrawn: vec![1031, 1102, 1207], already: vec![], requests_closed: 1, batch: None };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew 3 items from every column; 1 request closed");
    assert!(marked(&a).is_empty(), "the marks are cleared");
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    for wanted in [
        Load::View(views::Load::Columns(columns::Load::Tree { at: day("2026-11-29") })),
        Load::View(views::Load::Columns(columns::Load::Head { column_id: 7, at: day("2026-11-29") })),
        Load::View(views::Load::Columns(columns::Load::Items { column_id: 7, seek: Seek::First, filter: None })),
        Load::View(views::Load::Retractions(retractions::Load::Pending)),
        Load::View(views::Load::Scores(views::scores::Load::Ranking {
            period: Period::Quarter { year: 2026, quarter: 4 },
        })),
    ] {
        assert!(reloaded.contains(&wanted), "{wanted:?} in {reloaded:?}");
    }
    // Lists never loaded load when visited.
    assert!(
        !reloaded.iter().any(|l| matches!(
            l,
            Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: None }))
                | Load::View(views::Load::Audit(audit::Load::Page { .. }))
        )),
        "{reloaded:?}"
    );
    // The column's last items went: the fresh tree says it is empty, and so does the open column.
    let Some((columns, _)) = loads(&effects)
        .into_iter()
        .find(|(_, l)| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. }))))
    else {
        panic!()
    };
    let mut fresh = entries();
    fresh[6].staleness = Staleness { status: Status::Empty, due: None, days_overdue: 0 };
    a.update(Msg::Loaded(columns, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(fresh))))));
    assert_eq!(a.views.columns.column.as_ref().unwrap().column.staleness.status, Status::Empty);
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("∅"), "{}", text_of(&a));
    assert!(matches!(
        loads(&keys(&mut a, "6"))[..],
        [(_, Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: None })))]
    ));
}

#[test]
fn a_refusal_is_a_warning_that_keeps_the_screen_and_the_marks() {
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "  w");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    let refusal = "li.jianhua (viewer) may not withdraw, mark or restore items";
    a.update(Msg::Loaded(id, Loaded::Withdrawn(Err(refusal.into()))));
    let notice = a.notice.clone().unwrap();
    assert!(notice.error && notice.text == refusal, "{notice:?}");
    assert_eq!(a.layer(), Layer::Column);
    assert_eq!(marked(&a), [1874, 2106]);
    let text = text_of(&a);
    assert!(text.lines().last().unwrap().contains("✗ li.jianhua (viewer) may not withdraw"), "{text}");
    assert!(text.contains("* 06-02 10:00      2106 住建局 象山区重大建设项目施工"), "the list stays: {text}");
    assert_eq!(a.health, Health::Connected, "a refusal is not a lost connection");
}

#[test]
fn a_mark_instead_is_chosen_from_the_confirmation_or_for_an_outdated_request() {
    use crate::domain::MarkKind;
    let mut a = app();
    open_column(&mut a, policy_items());
    a.views.columns.column.as_mut().unwrap().items.cursor.selected = 3;
    keys(&mut a, "  wm");
    assert_eq!(a.layer(), Layer::Mark);
    let Overlay::Mark { items, kind: MarkKind::Amended, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert_eq!(items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [1207, 1102]);
    let text = text_of(&a);
    assert!(text.contains("Keep 2 items online, marked, instead of withdrawing them:"), "{text}");
    assert!(text.contains("已修改 · Tab: 已废止, 已失效"), "{text}");
    assert!(
        text.contains("2026-11-29 (today)") && text.contains("Enter marks · Tab next mark · Esc cancels"),
        "{text}"
    );
    // Tab takes the next mark; typing goes into the replacing document (q and ? too).
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "q?");
    assert!(!a.quit && a.layer() == Layer::Mark);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    assert!(loads(&keys(&mut a, "象政办〔2026〕12号")).is_empty());
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Mark { items, mark })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1207, 1102]);
    assert_eq!(
        mark,
        &NewMark {
            kind: MarkKind::Repealed,
            effective_on: day("2026-11-29"),
            replaced_by: "象政办〔2026〕12号".into(),
            note: String::new()
        }
    );
    let done = Marking { marked: vec![1102, 1207], already: vec![], requests_closed: 0 };
    let effects = a.update(Msg::Loaded(*id, Loaded::Marked(MarkKind::Repealed, Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 2 items 已废止, kept online");
    assert!(marked(&a).is_empty());
    assert!(
        loads(&effects).iter().any(|(_, l)| *l
            == Load::View(views::Load::Columns(columns::Load::Items {
                column_id: 7,
                seek: Seek::First,
                filter: None
            }))),
        "the badges show"
    );

    // From the retractions tab: only an outdated request is answered with a mark.
    show_retractions(&mut a);
    assert!(loads(&keys(&mut a, "m")).is_empty());
    assert!(
        a.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("only an outdated request can be answered with a mark; this one is classified")
    );
    assert!(matches!(a.overlay, Overlay::None));
    // Nor from its withdrawal's confirmation.
    keys(&mut a, "wm");
    assert!(a.notice.as_ref().unwrap().error);
    assert_eq!(a.layer(), Layer::Confirm);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::End);
    keys(&mut a, "m");
    let Overlay::Mark { items, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert_eq!(items, &[(1006, "2024年度就业补贴申领指南".to_string())]);
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty(), "Esc writes nothing");
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn a_withdrawn_page_still_public_is_flagged_in_the_withdrawn_tab() {
    let mut a = app();
    let effects = keys(&mut a, "6");
    let [(id, Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: None })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let mut rows = withdrawal_rows();
    rows[0].still_public = true;
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Withdrawn(withdrawn::Loaded::Page(Ok(rows))))));
    let text = text_of(&a);
    assert!(text.lines().nth(3).unwrap().contains("[still public] 象山区2026年三"), "{text}");
    assert!(!text.lines().nth(5).unwrap().contains("[still public]"), "{text}");
}

#[test]
fn the_withdrawn_tab_lists_the_latest_with_the_time_from_request_and_restores_after_a_confirmation() {
    let mut a = app();
    show_withdrawn(&mut a);
    assert_eq!(a.tab, Tab::Withdrawn);
    assert_eq!(a.layer(), Layer::Withdrawn);
    let text = text_of(&a);
    let title = text.lines().nth(1).unwrap();
    assert!(title.contains("Withdrawn · 1 of 4 · from request: median 40m, longest 2d 3h"), "{text}");
    let first = text.lines().nth(3).unwrap();
    assert!(
        first.contains("11-29 13:52")
            && first.contains("1007")
            && first.contains("classified")
            && first.contains("22m"),
        "{first}"
    );
    assert!(text.lines().nth(4).unwrap().contains("[restored] 关于低保对象名单"), "{text}");
    assert!(text.lines().nth(6).unwrap().contains(" - "), "no request: {text}");
    // The filter narrows the figures to what it keeps.
    keys(&mut a, "/outdated");
    key(&mut a, KeyCode::Enter);
    assert!(text_of(&a).lines().nth(1).unwrap().contains("median 2d 3h, longest 2d 3h"), "{}", text_of(&a));
    key(&mut a, KeyCode::Esc);
    // A withdrawal undone already is not restored again.
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Down);
    assert!(loads(&keys(&mut a, "u")).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("was undone already (11-28 19:05 by wang.fang)"));
    assert!(matches!(a.overlay, Overlay::None));
    key(&mut a, KeyCode::Down);
    assert!(loads(&keys(&mut a, "u")).is_empty(), "nothing is written before Enter");
    let text = confirmation(&a);
    assert!(
        text.starts_with(
            "Put item 1207 back online in the columns it was in:\n  象山区重大建设项目施工安全监督管理办法（试行）"
        ),
        "{text}"
    );
    assert!(
        text.contains("withdrawn 11-28 10:00 by wang.fang (outdated)")
            && text.ends_with("Enter restores · Esc cancels"),
        "{text}"
    );
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Restore { withdrawals })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(withdrawals, &[11], "the withdrawal's record, not the item");
    let done = Restoration { restored: vec![1207], already: vec![] };
    let effects = a.update(Msg::Loaded(*id, Loaded::Restored(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "restored item 1207: back online in the columns it was in");
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert!(
        reloaded
            .contains(&Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: None })))
            && reloaded.iter().any(|l| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. })))),
        "{reloaded:?}"
    );
    // Restoring an item that is online already changes nothing, and says so.
    keys(&mut a, "u");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::Restored(Ok(Restoration { restored: vec![], already: vec![1207] }))));
    assert_eq!(a.notice.as_ref().unwrap().text, "item 1207 was restored already; nothing changed");
}

#[test]
fn the_withdrawn_tab_is_the_sixth_reached_by_tab_and_by_command() {
    let mut a = app();
    show_audit(&mut a);
    let effects = key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Withdrawn);
    assert!(matches!(
        loads(&effects)[..],
        [(_, Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: None })))]
    ));
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Inspection);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Findings);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Find);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Orders);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Queue);
    keys(&mut a, ":withdrawn");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Withdrawn);
    assert!(text_of(&a).lines().next().unwrap().contains("6 Withdr"), "nine tabs at 80 columns");
    keys(&mut a, "?");
    let help = text_of(&a);
    assert!(
        help.contains("Keys in the withdrawn view")
            && help.contains("Put the marked items, or the selected one, back online"),
        "{help}"
    );
}

#[test]
fn the_help_lists_the_new_keys_of_the_column_view() {
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "?");
    let help = text_of(&a);
    for wanted in [
        "Mark (or unmark) the item and move down",
        "Mark every row from the last one marked",
        "before a day you type",
        "Withdraw the marked items",
    ] {
        assert!(help.contains(wanted), "{wanted}: {help}");
    }
}

#[test]
fn the_withdrawal_screens_in_every_state() {
    let cases: Vec<State> = vec![
        ("column_marked", |a| {
            open_column(a, policy_items());
            key(a, KeyCode::Down);
            keys(a, " ");
            key(a, KeyCode::Down);
            keys(a, " v");
        }),
        ("mark_older", |a| {
            open_column(a, policy_items());
            keys(a, "O2024-01-01");
        }),
        ("withdraw_confirm", |a| {
            open_column(a, items(0, 30));
            for _ in 0..16 {
                key(a, KeyCode::Char(' '));
            }
            keys(a, "wr");
        }),
        ("mark_instead", |a| {
            open_column(a, policy_items());
            a.views.columns.column.as_mut().unwrap().items.cursor.selected = 3;
            keys(a, "  wm");
            key(a, KeyCode::Tab);
            keys(a, "象政办〔2026〕12号");
        }),
        ("withdrawn", show_withdrawn),
        ("restore_confirm", |a| {
            show_withdrawn(a);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            keys(a, "u");
        }),
    ];
    snapshot_all(cases);
}

#[test]
fn an_opened_item_says_it_is_kept_online_marked() {
    let mut a = app();
    open_column(&mut a, policy_items());
    open_item(&mut a);
    assert!(!text_of(&a).contains("marked "));
    a.views.columns.item.as_mut().unwrap().item.as_mut().unwrap().0.mark = Some(MarkKind::Repealed);
    assert!(text_of(&a).contains("marked    已废止 (repealed), kept online"), "{}", text_of(&a));
}

/// A handled request whose withdrawn item's page the link checks found still public stays in the
/// Retractions tab, flagged, until the page is gone; there is nothing left to decide on it.
#[test]
fn the_retractions_tab_flags_a_withdrawn_page_still_public() {
    // Wide enough for the whole title (at 80 columns the alarm comes first, the count after it).
    let mut a = sized((160, 48), false);
    show_retractions_still_public(&mut a);
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().contains("3 pending") && text.contains("1 withdrawn, still public"), "{text}");
    let flagged: Vec<&str> = text.lines().filter(|l| l.contains("[still public]")).collect();
    assert_eq!(flagged.len(), 1, "{text}");
    assert!(flagged[0].contains("1004") && flagged[0].contains("2023年度价格调节基金"), "{text}");
    key(&mut a, KeyCode::End);
    for k in ["w", "d", "m"] {
        let effects = keys(&mut a, k);
        assert!(loads(&effects).is_empty() && matches!(a.overlay, Overlay::None), "{k}: {effects:?}");
        let notice = a.notice.clone().unwrap();
        assert!(notice.error && notice.text.contains("request 4 is handled: item 1004 is withdrawn"), "{notice:?}");
        assert_eq!(a.layer(), Layer::Retractions);
    }
    key(&mut a, KeyCode::Enter);
    let Overlay::Record(record) = &a.overlay else { panic!("{:?}", a.overlay) };
    assert!(record.contains("still answered without the withdrawal notice"), "{record}");
    crate::i18n::scoped(Lang::ZhCn, || {
        key(&mut a, KeyCode::Esc);
        let text = text_of(&a);
        assert!(text.contains("[仍可访问]") && text.contains("1 件已撤回但仍可访问"), "{text}");
    });
}
