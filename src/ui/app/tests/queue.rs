//! The Queue tab and the review screen: deciding, publishing, the alarm, the order.

use super::*;
use crate::store::QueueOrder;

#[test]
fn the_queue_and_the_review_screen_in_every_state() {
    let cases: Vec<State> = vec![
        ("queue", show_queue),
        ("review", |a| {
            show_queue(a);
            open_reviewing(a);
            keys(a, "1357");
        }),
        ("reject_reason", |a| {
            show_queue(a);
            open_reviewing(a);
            keys(a, "c7r来源不明");
        }),
        ("publish_confirm", |a| {
            show_queue(a);
            a.views.queue.items.cursor.selected = 3;
            open_reviewing(a);
            keys(a, "p");
        }),
    ];
    snapshot_all(cases);
}

#[test]
fn a_review_by_keys_needs_all_seven_checks_then_opens_the_next_item() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    assert_eq!(a.layer(), Layer::Review);
    // Six checks are not enough.
    assert!(loads(&keys(&mut a, "123456a")).is_empty());
    assert!(a.notice.as_ref().unwrap().error);
    let effects = keys(&mut a, "7a");
    let [
        (
            id,
            Load::View(views::Load::Queue(views::queue::Load::Review {
                item: 31,
                version: 1,
                decision: Decision::Approve { checks, .. },
            })),
        ),
    ] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert!(checks.is_all());
    let t = Transition { item: 31, from: Stage::OfficeReview, to: Stage::Publish, version: 2 };
    let effects = a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Ok(t))))));
    assert!(a.views.queue.reviewing.is_none());
    assert!(a.notice.as_ref().unwrap().text.contains("office_review → publish"));
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Page { seek: Seek::First, .. })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    // The reloaded queue arrives: the next item opens by itself.
    let rest: Vec<QueueItem> = queue_rows().into_iter().skip(1).collect();
    let effects = serve_queue(&mut a, effects, &rest);
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().entry.id, 32);
    assert!(matches!(
        loads(&effects)[..],
        [
            (_, Load::View(views::Load::Queue(views::queue::Load::Item { id: 32 }))),
            (_, Load::View(views::Load::Queue(views::queue::Load::ItemFindings { id: 32 })))
        ]
    ));
}

#[test]
fn a_rejection_asks_for_a_reason_and_names_the_cleared_checks() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    assert!(loads(&keys(&mut a, "cr")).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("clear the ones that failed"));
    keys(&mut a, "26r");
    assert!(a.views.queue.rejection.is_some(), "the reason is asked for");
    // No reason, no rejection.
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    let effects = keys(&mut a, "政策口径需与市级文件一致");
    assert!(effects.is_empty());
    let effects = key(&mut a, KeyCode::Enter);
    let [
        (
            _,
            Load::View(views::Load::Queue(views::queue::Load::Review {
                item: 31,
                decision: Decision::Reject { failed, reason },
                ..
            })),
        ),
    ] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(failed.numbers(), [2, 6]);
    assert_eq!(reason, "政策口径需与市级文件一致");
}

/// The reason is the Queue view's own question: while it is typed, the keys are its text (`q`
/// does not quit, a tab's number does not switch) and the mouse waits; Enter with the database
/// out of reach sends nothing and keeps what was typed; Esc closes it and rejects nothing.
#[test]
fn the_reason_for_a_rejection_is_the_queue_views_own_question() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    keys(&mut a, "26r");
    assert!(a.views.queue.rejection.is_some() && matches!(a.overlay, Overlay::None), "{:?}", a.overlay);
    let tabs = a.areas().tabs.y;
    for column in 0..a.size.0 {
        a.update(Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row: tabs,
            modifiers: KeyModifiers::NONE,
        }));
    }
    assert_eq!(a.tab, Tab::Queue, "the mouse waits");
    assert!(loads(&keys(&mut a, "q3")).is_empty());
    assert!(!a.quit && a.tab == Tab::Queue, "typed, not run");
    assert!(text_of(&a).contains("q3"), "{}", text_of(&a));
    a.update(Msg::Lost("database error: pool timed out".into()));
    assert!(loads(&key(&mut a, KeyCode::Enter)).iter().all(|(_, l)| !l.is_write()), "not sent while unreachable");
    assert_eq!(a.views.queue.rejection.as_ref().unwrap().input.lines(), ["q3"], "what was typed stays");
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty());
    assert!(a.views.queue.rejection.is_none(), "Esc closes the question");
    assert_eq!(a.layer(), Layer::Review, "and the item stays under review");
}

#[test]
fn publishing_asks_first_and_a_conflict_reloads_the_item() {
    let mut a = app();
    show_queue(&mut a);
    a.views.queue.items.cursor.selected = 3;
    open_reviewing(&mut a);
    assert!(loads(&keys(&mut a, "p")).is_empty(), "nothing is written before the confirmation");
    assert_eq!(a.layer(), Layer::Confirm);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Queue(views::queue::Load::Publish { item: 34, version: 1 })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let effects = a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Err(
            "item 34 was changed by wang.fang at 2026-11-29T14:03:00+08:00 (publish) since it was read; \
             reload it and decide again"
                .into(),
        )))),
    ));
    assert!(a.notice.as_ref().unwrap().text.contains("wang.fang"));
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Page { .. })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    let effects = serve_queue(&mut a, effects, &queue_rows());
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().entry.id, 34, "the same item, as it now is");
    assert!(matches!(
        loads(&effects)[..],
        [
            (_, Load::View(views::Load::Queue(views::queue::Load::Item { id: 34 }))),
            (_, Load::View(views::Load::Queue(views::queue::Load::ItemFindings { id: 34 })))
        ]
    ));
    // Esc on the confirmation writes nothing.
    keys(&mut a, "p");
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty());
    assert_eq!(a.layer(), Layer::Review);
}

#[test]
fn approved_items_are_marked_and_published_together_after_one_confirmation() {
    let mut a = app();
    show_queue(&mut a);
    // Only an approved item can be marked.
    key(&mut a, KeyCode::Char(' '));
    assert!(a.views.queue.marked.is_empty());
    assert!(a.notice.as_ref().unwrap().error);
    a.views.queue.items.cursor.selected = 3;
    key(&mut a, KeyCode::Char(' '));
    assert_eq!(a.views.queue.marked.keys().copied().collect::<Vec<_>>(), [34]);
    assert!(loads(&keys(&mut a, "P")).is_empty(), "nothing is written before the confirmation");
    assert_eq!(a.layer(), Layer::Confirm);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Queue(views::queue::Load::PublishMany { items })))] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(items, &[(34, 1)]);
    let t = Transition { item: 34, from: Stage::Publish, to: Stage::Done, version: 2 };
    let effects = a
        .update(Msg::Loaded(*id, Loaded::View(views::Loaded::Queue(views::queue::Loaded::PublishedMany(vec![Ok(t)])))));
    assert_eq!(a.notice.as_ref().unwrap().text, "published 1 item");
    assert!(a.views.queue.marked.is_empty());
    assert!(matches!(loads(&effects)[..], [(_, Load::View(views::Load::Queue(views::queue::Load::Page { .. })))]));
}

#[test]
fn a_suspected_secret_waiting_over_15_minutes_raises_the_alarm() {
    let mut a = app();
    show_retractions(&mut a);
    let text = text_of(&a);
    assert!(text.contains("1 suspected secret >15 min"), "{text}");
    assert!(text.lines().nth(3).unwrap().contains("classified"), "{text}");
    key(&mut a, KeyCode::Enter);
    let Overlay::Record(record) = &a.overlay else { panic!() };
    assert!(record.contains("item      1007") && record.contains("请尽快撤回"), "{record}");
}

#[test]
fn the_queue_sorts_by_waiting_time_across_steps_and_back() {
    let mut a = app();
    show_queue(&mut a);
    let order = |a: &App| a.views.queue.items.shown.iter().map(|&i| a.views.queue.items.rows[i].id).collect::<Vec<_>>();
    assert_eq!(order(&a), [31, 32, 33, 34]);
    a.views.queue.items.cursor.selected = 1;
    // Read again in the other order, in the database, and shown from its top.
    let effects = keys(&mut a, "s");
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Page { order: QueueOrder::Wait, .. })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    serve_queue(&mut a, effects, &queue_rows());
    assert_eq!(order(&a), [31, 34, 33, 32]);
    assert_eq!(a.views.queue.items.selected().unwrap().id, 31, "from the top");
    assert!(text_of(&a).contains("longest waiting first"));
    let effects = keys(&mut a, "s");
    serve_queue(&mut a, effects, &queue_rows());
    assert_eq!(order(&a), [31, 32, 33, 34]);
}

#[test]
fn the_public_link_of_an_opened_item_is_copied() {
    let mut a = app();
    open_column(&mut a, items(0, 3));
    let effects = keys(&mut a, "yl");
    assert!(effects.is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("open an item"));
    open_item(&mut a);
    let effects = keys(&mut a, "yl");
    assert_eq!(effects, [Effect::Copy("https://www.glxsq.gov.cn/zwgk/zdxm/202611/t20261120_1000.html".into())]);
    assert!(text_of(&a).contains("link      https://www.glxsq.gov.cn/zwgk/zdxm/202611/t20261120_1000.html"));
}

/// The queue says an item's form and what it lacks in words of the interface's language, never
/// the scripting codes (`image_text`, `signed_scan`, `target_columns`).
#[test]
fn the_queue_says_forms_and_lacks_in_words_in_both_languages() {
    for (lang, said) in
        [(Lang::En, ["image+text", "scan,e-text,columns"]), (Lang::ZhCn, ["图文", "扫描件,电子版,栏目"])]
    {
        crate::i18n::scoped(lang, || {
            let mut a = sized((160, 48), true);
            let effects = keys(&mut a, "1");
            let mut rows = queue_rows();
            rows[0].form = Form::ImageText;
            rows[0].missing =
                vec![AttachmentKind::SignedScan, AttachmentKind::ElectronicText, AttachmentKind::TargetColumns];
            serve_queue(&mut a, effects, &rows);
            let text = view_text(&a);
            for word in said {
                assert!(text.contains(word), "{word} in\n{text}");
            }
            for code in ["image_text", "signed", "electronic", "target"] {
                assert!(!text.contains(code), "{code} in\n{text}");
            }
        });
    }
}

/// A queue of 250 items, more than two pages: items 1001 to 1250, every fourth one at the government
/// office's review and the others approved, waiting to be published (on the first page and on the
/// last), each submitted an hour after the one before; item 1230's title holds 滨江绿道.
pub(super) fn long_queue() -> Vec<QueueItem> {
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let steps = [Stage::OfficeReview, Stage::Publish, Stage::Publish, Stage::Publish];
    let mut rows: Vec<QueueItem> = (0..250)
        .map(|i| {
            let mut q = queue_rows()[1].clone();
            q.id = 1001 + i;
            q.stage = steps[i as usize % 4];
            q.channel = Channel::Portal;
            q.missing = vec![];
            q.submitted_at = start + chrono::Duration::hours(i);
            q.title = if q.id == 1230 {
                "滨江绿道项目进度过半".into()
            } else {
                format!("民政局工作动态第{i}期")
            };
            q
        })
        .collect();
    rows.sort_by_key(|q| (q.key().step, q.key().since, q.id));
    rows
}

/// The long queue shown: its first page read, counted.
fn show_long_queue(a: &mut App) {
    let effects = keys(a, "1");
    serve_queue(a, effects, &long_queue());
}

/// `End` on the long queue: its last page read from the end, the last item selected.
fn long_queue_end(a: &mut App) {
    show_long_queue(a);
    let effects = key(a, KeyCode::End);
    serve_queue(a, effects, &long_queue());
}

/// Two approved items marked, one on the first page and one on the last, then `Home`.
fn long_queue_marked(a: &mut App) {
    show_long_queue(a);
    let first_approved = a.views.queue.items.rows.iter().position(|q| q.stage == Stage::Publish).unwrap();
    a.views.queue.items.cursor.selected = first_approved;
    let effects = key(a, KeyCode::Char(' '));
    serve_queue(a, effects, &long_queue());
    let effects = key(a, KeyCode::End);
    serve_queue(a, effects, &long_queue());
    let effects = key(a, KeyCode::Char(' '));
    serve_queue(a, effects, &long_queue());
    let effects = key(a, KeyCode::Home);
    serve_queue(a, effects, &long_queue());
}

#[test]
fn a_queue_longer_than_a_page_in_every_state() {
    let cases: Vec<State> = vec![
        ("queue_long", show_long_queue),
        ("queue_long_end", long_queue_end),
        ("queue_long_marked", long_queue_marked),
    ];
    snapshot_all(cases);
}

/// The queue is read a page at a time (issue 21, point 3): "n of N" from the database's count,
/// `End` reads the last page from the other end and shows the last item ("250 of 250"), `Home`
/// the first again; `/` finds an item beyond what was loaded; marks are kept by id across pages
/// and reloads, and `P` publishes them all.
#[test]
fn a_long_queue_is_read_by_pages_from_either_end() {
    let all = long_queue();
    let mut a = app();
    let effects = keys(&mut a, "1");
    let asked = all_loads(&effects);
    assert!(
        matches!(
            asked[..],
            [
                (_, Load::View(views::Load::Queue(views::queue::Load::Total { filter: None }))),
                (_, Load::View(views::Load::Queue(views::queue::Load::Page { seek: Seek::First, limit: PAGE, .. })))
            ]
        ),
        "{asked:?}"
    );
    serve_queue(&mut a, effects, &all);
    let q = &a.views.queue.items;
    assert_eq!((q.rows.len(), q.done), (PAGE as usize, false), "one page, not the whole queue");
    assert!(text_of(&a).contains("Queue · 1 of 250 awaiting a decision"), "{}", text_of(&a));

    // End: the last page, read from the end; the last item selected, "250 of 250".
    let effects = key(&mut a, KeyCode::End);
    assert!(matches!(
        loads(&effects)[..],
        [(_, Load::View(views::Load::Queue(views::queue::Load::Page { seek: Seek::Last, .. })))]
    ));
    serve_queue(&mut a, effects, &all);
    assert_eq!(a.views.queue.items.selected().unwrap().id, all.last().unwrap().id);
    assert!(text_of(&a).contains("250 of 250"), "{}", text_of(&a));
    // Up from the top of what is loaded reads the page before it.
    for _ in 0..(PAGE - 1) {
        let effects = key(&mut a, KeyCode::Up);
        serve_queue(&mut a, effects, &all);
    }
    assert!(a.views.queue.items.rows.len() > PAGE as usize, "the page before was read");
    let at = a.views.queue.items.selected().unwrap().id;
    assert_eq!(at, all[all.len() - PAGE as usize].id);
    assert!(text_of(&a).contains(&format!("{} of 250", 250 - PAGE + 1)), "{}", text_of(&a));

    // Home: the first page again.
    let effects = key(&mut a, KeyCode::Home);
    serve_queue(&mut a, effects, &all);
    assert_eq!(a.views.queue.items.selected().unwrap().id, all[0].id);
    assert!(text_of(&a).contains("1 of 250"), "{}", text_of(&a));

    // `/` finds an item beyond the first page, in the database.
    assert!(all.iter().position(|q| q.id == 1230).unwrap() >= PAGE as usize);
    keys(&mut a, "/");
    let effects = keys(&mut a, "滨江绿道");
    serve_queue(&mut a, effects, &all);
    let q = &a.views.queue.items;
    assert_eq!(q.shown.len(), 1);
    assert_eq!(q.selected().unwrap().id, 1230);
    assert!(text_of(&a).contains("1 of 1"), "{}", text_of(&a));
    let effects = key(&mut a, KeyCode::Esc);
    serve_queue(&mut a, effects, &all);
    assert_eq!(a.views.queue.items.shown.len(), PAGE as usize, "the whole queue again");
}

#[test]
fn marks_are_kept_by_id_across_pages_and_reloads_and_published_together() {
    let all = long_queue();
    let mut a = app();
    long_queue_marked(&mut a);
    let marked: Vec<i64> = a.views.queue.marked.keys().copied().collect();
    let approved: Vec<i64> = all.iter().filter(|q| q.stage == Stage::Publish).map(|q| q.id).collect();
    assert_eq!(marked, [approved[0], *approved.last().unwrap()], "one from the first page, one from the last");
    let last = *approved.last().unwrap();
    assert!(a.views.queue.items.rows.iter().all(|q| q.id != last), "the last page is no longer loaded");
    assert!(text_of(&a).contains("· 2 marked"), "{}", text_of(&a));
    // F5 reads the queue again: the marks stay.
    let effects = key(&mut a, KeyCode::F(5));
    assert!(!loads(&effects).is_empty());
    serve_queue(&mut a, effects, &all);
    assert_eq!(a.views.queue.marked.len(), 2);
    // P names both and publishes both, the one not loaded at the version it was read.
    let effects = keys(&mut a, "P");
    assert!(loads(&effects).is_empty());
    let Overlay::Confirm { text, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert!(text.contains(&last.to_string()) && text.contains("Publish 2 items"), "{text}");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Queue(views::queue::Load::PublishMany { items })))] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(items, &[(approved[0], 1), (last, 1)]);
}

/// After a decision deep in the queue (past the first page), the queue read again keeps what was
/// loaded, and the next item opens.
#[test]
fn a_decision_past_the_first_page_opens_the_next_item() {
    let all = long_queue();
    let mut a = app();
    show_long_queue(&mut a);
    for _ in 0..150 {
        let effects = key(&mut a, KeyCode::Down);
        serve_queue(&mut a, effects, &all);
    }
    let at = a.views.queue.items.selected().unwrap().clone();
    assert_eq!((at.id, at.stage), (all[150].id, Stage::Publish));
    open_reviewing(&mut a);
    keys(&mut a, "p");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Queue(views::queue::Load::Publish { .. })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    let t = Transition { item: at.id, from: Stage::Publish, to: Stage::Done, version: 2 };
    let effects = a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Ok(t))))));
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Page { seek: Seek::First, limit, .. })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert!(limit > 150, "the rows that were loaded, read again: {limit}");
    // The item published has left the queue.
    let after: Vec<QueueItem> = all.iter().filter(|q| q.id != at.id).cloned().collect();
    serve_queue(&mut a, effects, &after);
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().entry.id, all[151].id, "the next item opens");
}
