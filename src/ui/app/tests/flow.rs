//! Issue 22's behaviour round: a unit's submission returned for what it lacks, the publish step's
//! page, periods told honestly, drill-downs, an item's scrolling, worst first, sort keys.

use super::*;

#[test]
fn the_review_screen_returning_and_at_the_publish_step() {
    let cases: Vec<State> = vec![
        ("review_return_reason", |a| {
            show_queue(a);
            a.views.queue.items.cursor.selected = 1;
            open_reviewing(a);
            keys(a, "R");
        }),
        ("review_publish_step", |a| {
            show_queue(a);
            a.views.queue.items.cursor.selected = 3;
            open_reviewing(a);
        }),
    ];
    snapshot_all(cases);
}

#[test]
fn an_item_lacking_its_attachments_is_returned_without_failing_a_check() {
    let mut a = app();
    show_queue(&mut a);
    // Item 32 lacks its signed scan.
    a.views.queue.items.cursor.selected = 1;
    open_reviewing(&mut a);
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().entry.id, 32);
    assert!(text_of(&a).contains("R returns it"), "{}", text_of(&a));
    // Approving is refused before anything is sent, saying how to return it.
    let effects = keys(&mut a, "ca");
    assert!(loads(&effects).is_empty());
    let said = a.notice.clone().unwrap();
    assert!(said.error && said.text.contains("R returns it to its unit"), "{said:?}");
    // R asks why, what it lacks written in already; Enter sends it back, no check failed.
    keys(&mut a, "R");
    let asked = a.views.queue.rejection.as_ref().expect("the reason is asked for");
    assert!(asked.returning);
    assert!(view_text(&a).contains("return for what it lacks"), "{}", view_text(&a));
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Review { item: 32, decision, .. })))] =
        &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let Decision::Return { reason } = decision else { panic!("{decision:?}") };
    assert!(reason.contains("signed") && reason.contains("Art. 10"), "{reason}");
}

#[test]
fn an_item_lacking_nothing_is_not_returned_for_it() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    let effects = keys(&mut a, "R");
    assert!(loads(&effects).is_empty());
    assert!(a.views.queue.rejection.is_none());
    let said = a.notice.clone().unwrap();
    assert!(said.text.contains("lacks nothing") && said.text.contains("r rejects"), "{said:?}");
    assert!(!text_of(&a).contains("returns it"));
}

#[test]
fn the_publish_step_shows_where_it_goes_and_its_history_before_the_question() {
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let mut a = app();
            show_queue(&mut a);
            a.views.queue.items.cursor.selected = 3;
            open_reviewing(&mut a);
            let text = view_text(&a);
            let (columns, history) = (t!("item-page-columns", count = 1), t!("item-page-history", count = 1));
            assert!(text.contains(&columns) && text.contains("政务动态 / 部门动态"), "{text}");
            assert!(text.contains(&history), "{text}");
            assert!(matches!(a.overlay, Overlay::None), "before the confirmation");
            // An item at a review step still opens on its body.
            key(&mut a, KeyCode::Esc);
            a.views.queue.items.cursor.selected = 0;
            open_reviewing(&mut a);
            let text = view_text(&a);
            let body = text.find(&t!("item-page-body")).unwrap();
            assert!(body < text.find(&columns).unwrap_or(usize::MAX), "{text}");
        });
    }
}
