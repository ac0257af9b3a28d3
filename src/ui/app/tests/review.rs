//! The review screen's content checks: the findings beside the seven checks, their text
//! highlighted in the body; an approval refused while a blocking one stands, saying which and how
//! to waive it; a waiver asked for and written, and the view updated; an incident from a finding.

use ratatui::style::{Color, Modifier};

use super::*;
use crate::domain::checks::{Field, Finding, FindingKind, Lists, check_text};
use crate::domain::{IncidentKind, Role};

/// A notice on the district's winter fire patrol: the district head's name written wrong, a
/// patrolman's full ID number, and a count of patrol teams quoted with two values.
const BODY: &str = "区长李明化在全区森林防火工作会议上强调，要压实责任、严防死守。\n\
护林员张某（身份证号11010519491231002X）负责二塘乡片区巡查，联系电话0773-3836123。\n\
截至11月底，全区投入巡查人员320人，出动巡查3200人次；其中……各乡（街道）共投入巡查人员350人。";

fn lists() -> Lists {
    Lists::parse(crate::reports::checks::NAMES, crate::reports::checks::WORDS).unwrap()
}

/// The findings the shipped lists make on `BODY`, none waived.
fn found() -> Vec<(Finding, Option<String>)> {
    check_text(&lists(), Field::Body, BODY).into_iter().map(|f| (f, None)).collect()
}

/// The queue's first item (the government office's fire notice, item 31) opened with `BODY`.
fn open_fire_notice(a: &mut App) {
    show_queue(a);
    open_reviewing_with(a, BODY, found());
}

/// Where `text` is drawn on the screen (its first cell): (x, y).
fn cell_of(a: &App, text: &str) -> (u16, u16) {
    let mut t = Terminal::new(TestBackend::new(a.size.0, a.size.1)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), a)).unwrap();
    let buf = t.backend().buffer().clone();
    let first = text.chars().next().unwrap().to_string();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == first {
                // The rest follows, a wide character taking two cells.
                let mut at = x;
                let all = text.chars().all(|c| {
                    let here = at < buf.area.width && buf[(at, y)].symbol() == c.to_string();
                    at += crate::ui::text::width(&c.to_string()) as u16;
                    here
                });
                if all {
                    return (x, y);
                }
            }
        }
    }
    panic!("{text} is not on the screen:\n{}", text_of(a))
}

fn style_at(a: &App, (x, y): (u16, u16)) -> ratatui::style::Style {
    let mut t = Terminal::new(TestBackend::new(a.size.0, a.size.1)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), a)).unwrap();
    t.backend().buffer()[(x, y)].style()
}

#[test]
fn the_shipped_lists_find_what_the_fire_notice_gets_wrong() {
    let found = found();
    let got: Vec<(FindingKind, &str, bool)> =
        found.iter().map(|(f, _)| (f.kind, f.text.as_str(), f.blocking)).collect();
    assert_eq!(
        got,
        [
            (FindingKind::LeaderName, "李明化", true),
            (FindingKind::IdNumber, "11010519491231002X", true),
            (FindingKind::Figure, "350人", false),
        ]
    );
}

#[test]
fn the_findings_stand_beside_the_checks_and_their_text_is_highlighted() {
    let mut a = app();
    open_fire_notice(&mut a);
    let text = text_of(&a);
    assert!(text.contains("Findings 3 · ✗2 blocking"), "{text}");
    assert!(text.contains("✗ leader name “李明化” body 2-5"), "{text}");
    assert!(text.contains("[ ] 1 no state secret (不涉密)"), "the checks stay: {text}");
    // The wrong name is highlighted, exactly: red behind its three characters (each two cells
    // wide), not behind the title before it nor the word after it.
    let (x, y) = cell_of(&a, "李明化在全区");
    for dx in [0, 2, 4] {
        assert_eq!(style_at(&a, (x + dx, y)).bg, Some(Color::Red), "cell {}", x + dx);
    }
    assert_ne!(style_at(&a, (x - 2, y)).bg, Some(Color::Red), "长 is not part of it");
    assert_ne!(style_at(&a, (x + 6, y)).bg, Some(Color::Red), "在 is not part of it");
    // The ID number, wrapped or not, is highlighted from its first digit to its check letter.
    let (x, y) = cell_of(&a, "11010519");
    assert_eq!(style_at(&a, (x, y)).bg, Some(Color::Red));
    assert_ne!(style_at(&a, (x - 1, y)).bg, Some(Color::Red), "the colon before it");
    // `n` selects the next finding: the selected one is also bold and underlined.
    keys(&mut a, "n");
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().findings.selected, 1);
    assert!(style_at(&a, (x, y)).add_modifier.contains(Modifier::UNDERLINED));
    let (lx, ly) = cell_of(&a, "李明化在全区");
    assert!(!style_at(&a, (lx, ly)).add_modifier.contains(Modifier::UNDERLINED));
    // `N` goes back, round the ends.
    keys(&mut a, "NN");
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().findings.selected, 2);
}

/// In a long body, `n` brings the selected finding's text onto the screen (the highlight is no use
/// below the page), and back up for one near the top.
#[test]
fn selecting_a_finding_scrolls_a_long_body_to_it() {
    let filler: Vec<String> =
        (1..=40).map(|i| format!("第{i}条：各乡（街道）要落实森林防火责任，加强巡查。")).collect();
    let body = format!(
        "区长李明化在动员会上讲话。\n{}\n护林员张某，身份证号11010519491231002X，负责巡查。",
        filler.join("\n")
    );
    let found: Vec<_> = check_text(&lists(), Field::Body, &body).into_iter().map(|f| (f, None)).collect();
    assert_eq!(
        found.iter().map(|(f, _)| f.kind).collect::<Vec<_>>(),
        vec![FindingKind::LeaderName, FindingKind::IdNumber]
    );
    for size in [(80, 24), (160, 48)] {
        let mut a = sized(size, false);
        show_queue(&mut a);
        open_reviewing_with(&mut a, &body, found.clone());
        assert!(text_of(&a).contains("区长李明化在动员会上讲话"), "the first finding is on the first page");
        assert!(
            !text_of(&a).contains("身份证号11010519491231002X"),
            "the last line is below the page: {}",
            text_of(&a)
        );
        keys(&mut a, "n");
        let (x, y) = cell_of(&a, "11010519491231002X");
        assert!(style_at(&a, (x, y)).add_modifier.contains(Modifier::UNDERLINED), "the selected finding is shown");
        keys(&mut a, "n");
        let (x, y) = cell_of(&a, "李明化在动员会");
        assert!(style_at(&a, (x, y)).add_modifier.contains(Modifier::UNDERLINED), "and the first again, at the top");
    }
}

#[test]
fn a_title_finding_is_highlighted_in_the_title_and_a_moved_text_is_found_near_its_span() {
    let mut a = app();
    show_queue(&mut a);
    // The span says 2–5, but the body shown has a tab before it (made four spaces): the text is
    // found where it moved to.
    let f = check_text(&lists(), Field::Body, "区长李明化主持会议").remove(0);
    open_reviewing_with(&mut a, "\t区长李明化主持会议", vec![(f, None)]);
    let (x, y) = cell_of(&a, "李明化主持");
    assert_eq!(style_at(&a, (x, y)).bg, Some(Color::Red));
    assert_ne!(style_at(&a, (x - 2, y)).bg, Some(Color::Red));
}

#[test]
fn an_approval_with_a_blocking_finding_is_refused_saying_which_and_how_to_waive_it() {
    let mut a = app();
    open_fire_notice(&mut a);
    let effects = keys(&mut a, "ca");
    assert!(loads(&effects).is_empty(), "nothing is sent: {effects:?}");
    let notice = a.notice.clone().unwrap();
    assert!(notice.error);
    assert_eq!(
        notice.text,
        "not approved: W waives (select with n) or r rejects — leader name (leader_name) “李明化” and 1 more blocks it \
         (body 2-5: Wrong name: “李明化” should be “李明华” (区长))",
    );
    // At 80 columns, whole: above the status line, not cut where it says why.
    let foot = foot_of(&a);
    assert!(squeezed(&foot).contains(&squeezed(&format!("✗ {}", notice.text))), "never cut: {foot}");
    // The next key clears it; `:messages` keeps it.
    keys(&mut a, "n");
    assert!(a.notice.is_none() && !foot_of(&a).contains("not approved"));
    assert_eq!(a.messages.last().map(|m| (m.text.as_str(), m.error)), Some((notice.text.as_str(), true)));
    assert!(a.views.queue.reviewing.as_ref().unwrap().checks.is_all(), "the checks stay affirmed");
}

/// `W` on the selected finding, a reason typed, Enter: the waiver asked of the store.
fn waive(a: &mut App, reason: &str) -> Vec<(u64, Load)> {
    keys(a, "W");
    assert!(a.views.findings.waive.is_some(), "{:?}", a.overlay);
    keys(a, reason);
    loads(&key(a, KeyCode::Enter))
}

#[test]
fn waiving_from_the_review_screen_asks_why_writes_it_and_then_the_approval_goes_through() {
    let mut a = app();
    open_fire_notice(&mut a);
    // No reason, no waiver.
    keys(&mut a, "W");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "waiving a finding needs a reason");
    assert!(a.views.findings.waive.is_some(), "the question stays open");
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));

    let [(id, Load::View(views::Load::Findings(views::findings::Load::Waive { item, kind, text, reason })))] =
        &waive(&mut a, "经核实为同名群众，非区长")[..]
    else {
        panic!()
    };
    assert_eq!(
        (*item, kind.as_str(), text.as_str(), reason.as_str()),
        (31, "leader_name", "李明化", "经核实为同名群众，非区长")
    );
    assert!(
        Load::View(views::Load::Findings(views::findings::Load::Waive {
            item: 31,
            kind: kind.clone(),
            text: text.clone(),
            reason: reason.clone()
        }))
        .is_write()
    );
    let effects = a.update(Msg::Loaded(*id, waived(31, Ok(()))));
    assert_eq!(a.notice.as_ref().unwrap().text, "item 31: leader name “李明化” waived; it no longer blocks approval");
    // The findings are checked again, and come back with the waiver.
    let [(checked, Load::View(views::Load::Queue(views::queue::Load::ItemFindings { id: 31 })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let mut now = found();
    now[0].1 = Some("li.jianhua: 经核实为同名群众，非区长".into());
    a.update(Msg::Loaded(
        checked,
        Loaded::View(views::Loaded::Queue(views::queue::Loaded::ItemFindings(31, Ok(now.clone())))),
    ));
    let text = text_of(&a);
    assert!(text.contains("Findings 3 · ✗1 blocking · 1 waived"), "{text}");
    assert!(text.contains("waived — li.jianhua: 经核实为同"), "{text}");
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().findings.selected, 0, "the selection stays on its finding");
    // A waived finding is not waived twice.
    keys(&mut a, "W");
    assert!(matches!(a.overlay, Overlay::None));
    assert!(a.notice.as_ref().unwrap().text.contains("is waived already"));
    // The ID number still blocks; waived too, the approval is sent.
    assert!(loads(&keys(&mut a, "ca")).is_empty());
    let said = &a.notice.as_ref().unwrap().text;
    assert!(
        said.contains("— ID number (id_number) “11010519491231002X” blocks it (body 42-60: Full resident ID number"),
        "{said}"
    );
    keys(&mut a, "n");
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Waive { kind, .. })))] =
        &waive(&mut a, "本人书面同意公开")[..]
    else {
        panic!()
    };
    assert_eq!(kind, "id_number");
    let effects = a.update(Msg::Loaded(*id, waived(31, Ok(()))));
    let [(checked, _)] = loads(&effects)[..] else { panic!() };
    now[1].1 = Some("li.jianhua: 本人书面同意公开".into());
    a.update(Msg::Loaded(checked, Loaded::View(views::Loaded::Queue(views::queue::Loaded::ItemFindings(31, Ok(now))))));
    let effects = keys(&mut a, "a");
    assert!(
        matches!(
            loads(&effects)[..],
            [(
                _,
                Load::View(views::Load::Queue(views::queue::Load::Review {
                    item: 31,
                    decision: Decision::Approve { .. },
                    ..
                }))
            )]
        ),
        "{effects:?}"
    );
}

#[test]
fn a_viewer_or_a_read_only_console_cannot_waive_and_a_refusal_keeps_the_screen() {
    let mut a = app();
    live_identify(&mut a, Role::Viewer);
    open_fire_notice(&mut a);
    assert!(loads(&keys(&mut a, "W")).is_empty());
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.notice.as_ref().unwrap().text, "li.jianhua (viewer) may not waive findings of the content checks");
    assert!(a.views.queue.reviewing.is_some());

    let mut a = app();
    a.pin_read_only();
    open_fire_notice(&mut a);
    keys(&mut a, "W");
    assert!(matches!(a.overlay, Overlay::None));
    assert!(a.notice.as_ref().unwrap().text.starts_with("read only (--read-only)"), "{:?}", a.notice);

    // The store refuses (the role changed since the console asked): said, and nothing is lost.
    let mut a = app();
    open_fire_notice(&mut a);
    keys(&mut a, "c");
    let [(id, _)] = waive(&mut a, "同名群众")[..] else { panic!() };
    let effects = a.update(Msg::Loaded(
        id,
        waived(31, Err("li.jianhua (viewer) may not waive findings of the content checks".into())),
    ));
    assert!(loads(&effects).is_empty());
    let notice = a.notice.clone().unwrap();
    assert!(
        notice.error && notice.text == "not waived: li.jianhua (viewer) may not waive findings of the content checks",
        "{notice:?}"
    );
    let r = a.views.queue.reviewing.as_ref().expect("the review screen stays");
    assert!(r.checks.is_all() && r.entry.id == 31 && r.findings.list.as_ref().unwrap().len() == 3);
    assert_eq!(a.layer(), Layer::Review);
    assert!(foot_of(&a).contains("✗ not waived: li.jianhua (viewer)"), "{}", foot_of(&a));
}

/// Answers the console's question of who it acts as with an active operator of `role`.
fn live_identify(a: &mut App, role: Role) {
    let id = a.link.whoami.expect("the console asks who it acts as");
    let w = Whoami { name: "li.jianhua".into(), site: "xiangshan".into(), role: Some((role, true)), sites: 1 };
    a.update(Msg::Loaded(id, Loaded::Whoami(Ok(w))));
}

#[test]
fn an_incident_from_a_finding_is_filled_in_with_the_unit_the_kind_and_the_item() {
    let mut a = app();
    open_fire_notice(&mut a);
    // A wrong name: an error of wording (typo), against the item's unit, about the item.
    keys(&mut a, "i");
    let Some(form) = incident(&a) else { panic!("{:?}", a.views.scores.incident) };
    assert_eq!((form.unit.as_str(), form.kind, form.field), ("政府办", IncidentKind::Typo, super::super::Field::Note));
    assert_eq!(form.item.lines().join(""), "31");
    assert_eq!(form.item_title(), Some("象山区人民政府关于2026年冬季森林防火的通告"));
    assert_eq!(form.date.lines().join(""), "2026-11-29");
    let text = text_of(&a);
    assert!(text.contains("[typo -5]") && text.contains("It costs 政府办 5 points in 2026Q4."), "{text}");
    key(&mut a, KeyCode::Esc);
    // A full ID number: improper content.
    keys(&mut a, "ni");
    let Some(form) = incident(&a) else { panic!("{:?}", a.views.scores.incident) };
    assert_eq!(form.kind, IncidentKind::Improper);
    // The administrator adds what happened and confirms: recorded by the existing path.
    keys(&mut a, "公示中含护林员完整身份证号");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Scores(views::scores::Load::AddIncident { input, item })))] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (input.unit.as_str(), input.kind, input.note.as_str()),
        ("政府办", IncidentKind::Improper, "公示中含护林员完整身份证号")
    );
    assert_eq!(item.as_deref(), Some("31"));
}

#[test]
fn a_repost_has_no_unit_to_record_an_incident_against() {
    let mut a = app();
    show_queue(&mut a);
    a.views.queue.items.cursor.selected = 2;
    open_reviewing_with(
        &mut a,
        "区长李明化",
        check_text(&lists(), Field::Body, "区长李明化").into_iter().map(|f| (f, None)).collect(),
    );
    keys(&mut a, "i");
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.notice.as_ref().unwrap().text, "item 33 is a repost: it has no unit to record an incident against");
}

#[test]
fn the_review_screen_with_findings_in_every_state() {
    let cases: Vec<State> = vec![
        ("review_findings", |a| {
            open_fire_notice(a);
            keys(a, "1n");
        }),
        ("review_findings_waive", |a| {
            open_fire_notice(a);
            keys(a, "W经核实为同名群众");
        }),
        ("review_findings_refused", |a| {
            open_fire_notice(a);
            keys(a, "ca");
        }),
        ("review_findings_checking", |a| {
            show_queue(a);
            key(a, KeyCode::Enter);
        }),
    ];
    snapshot_all(cases);
}
