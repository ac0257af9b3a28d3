//! Issue 22's behaviour round: a unit's submission returned for what it lacks, the publish step's
//! page, periods told honestly, drill-downs, an item's scrolling, worst first, sort keys.

use super::*;
use crate::ui::words;

#[test]
fn the_review_screen_returning_and_at_the_publish_step() {
    let cases: Vec<State> = vec![
        ("review_return_reason", |a| {
            show_queue(a);
            a.views.queue.items.cursor.selected = 1;
            open_reviewing(a);
            keys(a, "R");
        }),
        ("review_publish_step", at_publish_step),
        ("review_publish_step_long_history", |a| {
            at_publish_step(a);
            long_history(a);
        }),
    ];
    snapshot_all(cases);
}

/// The review screen of item 34, approved and waiting to be published.
fn at_publish_step(a: &mut App) {
    show_queue(a);
    a.views.queue.items.cursor.selected = 3;
    open_reviewing(a);
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
    // What it lacks is said whole at 80 columns, in either language (beside the findings it was
    // cut before the name of what is missing).
    let lacks = a.views.queue.reviewing.as_ref().unwrap().entry.missing.clone();
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let named: Vec<String> = lacks.iter().map(|k| k.describe()).collect();
            let whole = t!("review-lacks-return", lacks = named.join(&t!("list-separator")), key = "R");
            assert!(text_of(&a).contains(whole.trim()), "{lang:?}: {whole}\n{}", text_of(&a));
        });
    }
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
            at_publish_step(&mut a);
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

fn attached(kind: AttachmentKind, name: &str) -> HistoryEvent {
    HistoryEvent::Attachment { kind, name: name.into() }
}

fn decided(verdict: Verdict, step: Stage, note: &str) -> HistoryEvent {
    HistoryEvent::Decided { verdict, step, note: note.into() }
}

/// The item under review given a history of eight entries: submitted, three attachments, a
/// rejection, resubmitted, two approvals.
fn long_history(a: &mut App) {
    let t = |h| Utc.with_ymd_and_hms(2026, 11, 18, h, 0, 0).unwrap();
    let events = [
        ("发改局", HistoryEvent::Submitted),
        ("发改局", attached(AttachmentKind::SignedScan, "发改局-20261118-领导签批.pdf")),
        ("发改局", attached(AttachmentKind::ElectronicText, "关于冬季森林防火工作的通知.docx")),
        ("发改局", attached(AttachmentKind::TargetColumns, "政务动态 / 部门动态")),
        ("wang.xiaoyan", decided(Verdict::Reject, Stage::Recheck, "数据需核实")),
        ("发改局", HistoryEvent::Submitted),
        ("wang.xiaoyan", decided(Verdict::Approve, Stage::Recheck, "")),
        ("li.jianhua", decided(Verdict::Approve, Stage::OfficeReview, "")),
    ];
    let history = events
        .iter()
        .enumerate()
        .map(|(h, (who, what))| HistoryEntry { at: t(h as u32 + 1), operator: (*who).into(), event: what.clone() })
        .collect();
    let r = a.views.queue.reviewing.as_mut().unwrap();
    r.view.item.as_mut().unwrap().1 = history;
}

#[test]
fn the_publish_steps_history_never_falls_off_the_screen() {
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let mut a = app();
            at_publish_step(&mut a);
            long_history(&mut a);
            let text = view_text(&a);
            // Oldest first: the submission, those between said, the latest decisions in sight.
            let said = |e: &HistoryEvent| words::history(e);
            let scan = said(&attached(AttachmentKind::SignedScan, "发改局-20261118-领导签批.pdf"));
            let first = text.find(&said(&HistoryEvent::Submitted)).expect(&text);
            let between = text.find(&t!("item-page-history-between", count = 4)).expect(&text);
            let latest = text.find(&said(&decided(Verdict::Approve, Stage::OfficeReview, ""))).expect(&text);
            assert!(first < between && between < latest, "{text}");
            let recheck = said(&decided(Verdict::Approve, Stage::Recheck, ""));
            assert!(text.contains(&recheck) && !text.contains(&scan), "{text}");
            // The ones between are at the page's end.
            key(&mut a, KeyCode::End);
            let text = view_text(&a);
            assert!(text.contains(&t!("item-page-history-earlier", count = 4)), "{text}");
            let rejected = said(&decided(Verdict::Reject, Stage::Recheck, "数据需核实"));
            assert!(text.contains(&scan) && text.contains(&rejected), "{text}");
        });
    }
}

/// The ranking asked for by the last of the keys typed, answered with `rows`.
fn ranking(a: &mut App, typed: &str, rows: Vec<ScoreRow>) -> Period {
    let effects = keys(a, typed);
    let Some((id, Load::View(views::Load::Scores(views::scores::Load::Ranking { period })))) =
        loads(&effects).last().cloned()
    else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Scores(views::scores::Loaded::Ranking(Ok(rows))))));
    period
}

#[test]
fn t_comes_back_to_the_quarter_it_left() {
    let mut a = app();
    show_scores(&mut a);
    let q = |quarter| Period::Quarter { year: 2026, quarter };
    assert_eq!(ranking(&mut a, "[", scores_rows()), q(3));
    assert_eq!(ranking(&mut a, "t", scores_rows()), Period::Year(2026));
    assert_eq!(ranking(&mut a, "t", scores_rows()), q(3), "not 2026Q4");
    // From a year reached otherwise: its last quarter begun (29 November: the fourth).
    assert_eq!(ranking(&mut a, "t", scores_rows()), Period::Year(2026));
    assert_eq!(ranking(&mut a, "[", scores_rows()), Period::Year(2025));
    assert_eq!(ranking(&mut a, "t", scores_rows()), Period::Quarter { year: 2025, quarter: 4 });
}

#[test]
fn a_period_not_over_is_told_as_of_today_and_one_with_nothing_says_so() {
    for (lang, as_of, nothing) in
        [(Lang::En, "as of 11/29", "Nothing went online"), (Lang::ZhCn, "截至11月29日", "没有信息发布")]
    {
        crate::i18n::scoped(lang, || {
            let mut a = app();
            show_scores(&mut a);
            let title = text_of(&a).lines().nth(1).unwrap().to_string();
            assert!(title.contains(as_of), "{title}");
            // A quarter over: no word of a day.
            ranking(&mut a, "[", scores_rows());
            assert!(!text_of(&a).contains(as_of));
            // Before the data: every unit at nought is said, not ranked.
            let zeros = at_nought();
            ranking(&mut a, "[[[[[[[[", zeros);
            let text = text_of(&a);
            assert!(text.contains(nothing), "{text}");
            assert!(!text.contains(&zeros_row()), "{text}");
        });
    }
    let mut a = app();
    show_scores(&mut a);
    insta::assert_snapshot!("scores_as_of_80x24", screen(&a));
    let zeros = at_nought();
    ranking(&mut a, "[", zeros.clone());
    insta::assert_snapshot!("scores_nothing_80x24", screen(&a));
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut a = app();
        show_scores(&mut a);
        insta::assert_snapshot!("scores_as_of_zh_80x24", view_text(&a));
        ranking(&mut a, "[", zeros);
        insta::assert_snapshot!("scores_nothing_zh_80x24", view_text(&a));
    });
}

/// Every unit at nought: a period before the data.
fn at_nought() -> Vec<ScoreRow> {
    let mut zeros = scores_rows();
    for r in &mut zeros {
        (r.text, r.image_text, r.video, r.points, r.deductions, r.net, r.incidents) = (0, 0, 0, 0, 0, 0, 0);
        r.supplied_nothing = true;
    }
    zeros
}

/// A ranking line of a unit at nought as the list would draw it.
fn zeros_row() -> String {
    format!("{:>5}{:>6}{:>6}{:>7}{:>7}{:>6}", 0, 0, 0, 0, 0, 0)
}

#[test]
fn b_asks_before_writing_over_a_bulletin_already_there() {
    let mut a = app();
    show_scores(&mut a);
    // A period whose file is there (in the directory the console runs in).
    a.views.scores.period = Period::Quarter { year: 1999, quarter: 1 };
    let period = a.views.scores.period;
    let file = format!("bulletin-{period}.md");
    std::fs::write(&file, "an earlier bulletin").unwrap();
    let first = loads(&keys(&mut a, "b"));
    let said = a.notice.clone().unwrap();
    let again = loads(&keys(&mut a, "b"));
    std::fs::remove_file(&file).unwrap();
    assert!(first.is_empty(), "nothing written yet: {first:?}");
    assert!(said.text.contains(&file) && said.text.contains("b again writes over it"), "{said:?}");
    assert!(
        matches!(&again[..], [(_, Load::View(views::Load::Scores(views::scores::Load::Bulletin { file: f, .. })))] if *f == file),
        "{again:?}"
    );
    // Another key between: asked again.
    std::fs::write(&file, "an earlier bulletin").unwrap();
    a.views.scores.bulletin = None;
    keys(&mut a, "b");
    key(&mut a, KeyCode::Down);
    let after = loads(&keys(&mut a, "b"));
    std::fs::remove_file(&file).unwrap();
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn end_on_an_item_stops_at_its_last_row_and_pgup_brings_the_text_back() {
    let mut a = app();
    show_queue(&mut a);
    let body: Vec<String> = (1..=40).map(|n| format!("第{n}段。")).collect();
    open_reviewing_with(&mut a, &body.join("\n"), vec![]);
    text_of(&a);
    key(&mut a, KeyCode::End);
    let text = view_text(&a);
    assert!(text.contains("History (1)"), "the page's end, not an empty page:\n{text}");
    let end = a.views.queue.reviewing.as_ref().unwrap().view.scroll;
    assert!(end > 0 && end == a.views.queue.reviewing.as_ref().unwrap().view.last_top.get(), "{end}");
    key(&mut a, KeyCode::PageUp);
    let up = a.views.queue.reviewing.as_ref().unwrap().view.scroll;
    assert!(up < end, "PgUp moves back from the end at once: {up} {end}");
    assert!(view_text(&a).contains("第"), "{}", view_text(&a));
    key(&mut a, KeyCode::Home);
    assert!(view_text(&a).contains("Body"), "{}", view_text(&a));
}

/// An opened column's title at 80 columns keeps what acting on it needs: the id `retract --column`
/// takes, the path's leaf and the days overdue (or, not overdue, the due date), giving way the
/// status in words and then the rest; a cut is marked with …. A wide screen shows the path whole.
#[test]
fn an_open_columns_title_keeps_its_id_leaf_and_days_overdue_at_80_columns() {
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let mut a = sized((80, 24), true);
            open_column(&mut a, items(0, 3));
            let text = view_text(&a);
            let title = text.lines().next().unwrap();
            let overdue = t!("columns-column-overdue", days = 11);
            for whole in ["#7 ", "⑥施工及质量安全监督信息", overdue.trim_start_matches(" · ")] {
                assert!(title.contains(whole), "{lang:?}: {whole:?} in {title}");
            }
            assert!(crate::ui::text::width(title) <= 80, "{title}");
            // The document due here: its title cut with a mark, not at the edge.
            let document = text.lines().find(|l| l.contains("象发改〔2026〕31号")).unwrap();
            assert!(document.trim_end().ends_with('…') || document.contains("重大项目计划的通知"), "{document}");
            let mut a = sized((160, 48), true);
            open_column(&mut a, items(0, 3));
            let title = view_text(&a).lines().next().unwrap().to_string();
            assert!(title.contains("政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息"), "{title}");
            assert!(
                title.contains(&t!("columns-column-due", day = "2026-11-18").trim_start_matches(" · ").to_string())
            );
            // A column not overdue keeps its due date, the next thing to act on, at 80 columns.
            let mut a = sized((80, 24), true);
            keys(&mut a, "e");
            enter_column(&mut a, 3, items(0, 3));
            let title = view_text(&a).lines().next().unwrap().to_string();
            let due = t!("columns-column-due", day = "2026-12-08");
            assert!(title.contains(due.trim_start_matches(" · ")), "{lang:?}: {title}");
        });
    }
}
