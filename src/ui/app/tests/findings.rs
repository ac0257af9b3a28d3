//! The Findings tab: the content checks on every online item, loaded only when the tab is opened
//! (the keys keep working meanwhile); Enter opens the item, from which `w` withdraws it.

use super::*;
use crate::domain::IncidentKind;
use crate::domain::checks::{Field, Finding, FindingKind, Message, Said};
use crate::reports::checks::Stored;
use crate::ui::views::findings::FindingRow;

#[allow(clippy::too_many_arguments)]
fn finding(
    kind: FindingKind,
    field: Field,
    start: usize,
    text: &str,
    message: Said,
    suggestion: &str,
    blocking: bool,
) -> Finding {
    let end = start + text.chars().count();
    Finding {
        kind,
        field,
        start,
        end,
        text: text.into(),
        message: Message::Said(message),
        suggestion: suggestion.into(),
        blocking,
    }
}

fn row(item: i64, title: &str, day: u32, finding: Finding) -> FindingRow {
    FindingRow {
        item,
        title: title.into(),
        unit: Some("民政局".into()),
        published_at: Some(Utc.with_ymd_and_hms(2026, 11, day, 2, 30, 0).unwrap()),
        finding,
        waived: None,
    }
}

/// Findings on three online items, newest first.
fn rows() -> Vec<FindingRow> {
    vec![
        row(
            1207,
            "关于公布2026年城乡低保对象名单的公示",
            27,
            finding(
                FindingKind::IdNumber,
                Field::Body,
                120,
                "450304199003151234",
                Said::IdNumber,
                "450304********1234",
                true,
            ),
        ),
        row(
            1207,
            "关于公布2026年城乡低保对象名单的公示",
            27,
            finding(FindingKind::Phone, Field::Body, 260, "13907731234", Said::Mobile, "139****1234", true),
        ),
        row(
            1102,
            "象山区政务动态：区领导调研重点项目建设",
            20,
            finding(
                FindingKind::WrongTerm,
                Field::Title,
                0,
                "象山区政府",
                Said::WrongTerm { wrong: "象山区政府".into(), correct: "象山区人民政府".into() },
                "象山区人民政府",
                false,
            ),
        ),
        row(
            1031,
            "部门动态：区民政局开展冬季救助",
            12,
            finding(
                FindingKind::Date,
                Field::Dates,
                0,
                "2026-11-02 09:00",
                Said::PublishedBeforeIssued { issued: "2026-11-03".into() },
                "",
                false,
            ),
        ),
    ]
}

fn show_findings(a: &mut App) {
    let effects = keys(a, "8");
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Findings(views::findings::Loaded::Online(Ok((rows(), Stored::Current))))),
    ));
}

pub(super) fn found_item() -> Box<(ExportedItem, Vec<HistoryEntry>)> {
    let mut a = app();
    open_column(&mut a, items(0, 30));
    open_item(&mut a);
    let (mut item, history) = a.views.columns.item.take().unwrap().item.unwrap();
    item.id = 1207;
    item.fields.title = "关于公布2026年城乡低保对象名单的公示".into();
    Box::new((item, history))
}

#[test]
fn the_findings_load_only_when_opened_and_never_hold_the_keys() {
    let mut a = app();
    assert!(!a.views.findings.shown());
    let effects = keys(&mut a, "8");
    assert_eq!(a.tab, Tab::Findings);
    assert_eq!(a.layer(), Layer::Findings);
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().starts_with("Findings · reading"), "{text}");
    // While it runs, other tabs work, and coming back does not ask again.
    keys(&mut a, "2");
    assert_eq!(a.tab, Tab::Columns);
    assert!(loads(&keys(&mut a, "8")).is_empty());
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Findings(views::findings::Loaded::Online(Ok((rows(), Stored::Current))))),
    ));
    let text = text_of(&a);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("8 Checks"), "nine tabs at 80 columns: {text}");
    assert!(lines[1].starts_with("Findings · 4 on 3 online items, newest first · ✗2 blocking"), "{text}");
    // On `ui::table`: each column as wide as its widest cell, a blank between two, the message
    // taking the rest.
    assert!(lines[2].starts_with("  item kind       text               message → suggestion"), "{text}");
    assert!(lines[3].starts_with("✗ 1207 ID number  450304199003151234 Full resident ID number → 450304*"), "{text}");
    assert!(lines[5].starts_with("  1102 wrong term 象山区政府         “象山区政府” should be “象山区人民"), "{text}");
    // The same stored findings read in the reader's language.
    let zh = crate::i18n::scoped(Lang::ZhCn, || text_of(&a));
    assert!(zh.contains("完整公民身份号码 → 450304*") && zh.contains("“象山区政府”应为“象山区人民政府”"), "{zh}");
    // The filter narrows; F5 reads them again.
    keys(&mut a, "/phone");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.views.findings.list.shown.len(), 1);
    key(&mut a, KeyCode::Esc);
    assert!(matches!(
        loads(&key(&mut a, KeyCode::F(5)))[..],
        [(_, Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))]
    ));
    // `:findings` reaches it.
    keys(&mut a, "1:findings");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Findings);
}

#[test]
fn enter_opens_the_item_and_w_withdraws_it_then_the_findings_are_checked_again() {
    let mut a = app();
    show_findings(&mut a);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Item { id: 1207 })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(a.layer(), Layer::Item);
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(views::findings::Loaded::Item(Ok(found_item()))))));
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("Item 1207"), "{}", text_of(&a));
    keys(&mut a, "w");
    assert!(confirmation(&a).contains("关于公布2026年城乡低保对象名单的公示"), "{}", confirmation(&a));
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, .. })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1207]);
    let done = Withdrawal { withdrawn: vec![1207], already: vec![], requests_closed: 0, batch: None };
    let reloaded: Vec<Load> =
        loads(&a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))))).into_iter().map(|(_, l)| l).collect();
    assert!(
        reloaded.contains(&Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))
            && reloaded.contains(&Load::View(views::Load::Findings(views::findings::Load::Item { id: 1207 }))),
        "{reloaded:?}"
    );
    // Esc goes back to the findings.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Findings);
}

#[test]
fn a_failed_check_is_said_in_the_tab() {
    let mut a = app();
    let [(id, _)] = loads(&keys(&mut a, "8"))[..] else { panic!() };
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Findings(views::findings::Loaded::Online(Err(
            "cannot read the word list: words.txt".into(),
        )))),
    ));
    assert!(text_of(&a).contains("Could not load: cannot read the word list: words.txt"), "{}", text_of(&a));
    assert!(a.notice.as_ref().unwrap().error);
}

#[test]
fn w_waives_the_selected_finding_and_the_findings_are_checked_again() {
    let mut a = app();
    show_findings(&mut a);
    keys(&mut a, "W");
    let Some(form) = &a.views.findings.waive else { panic!("{:?}", a.views.findings.waive) };
    assert_eq!((form.item, form.kind, form.text.as_str()), (1207, FindingKind::IdNumber, "450304199003151234"));
    assert!(
        text_of(&a).lines().last().unwrap().starts_with("waive ID number “450304199003151234” on item 1207 — why?"),
        "{}",
        text_of(&a)
    );
    keys(&mut a, "低保公示依法须列明身份");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Waive { item: 1207, kind, text, reason })))] =
        &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (kind.as_str(), text.as_str(), reason.as_str()),
        ("id_number", "450304199003151234", "低保公示依法须列明身份")
    );
    let effects = a.update(Msg::Loaded(*id, waived(1207, Ok(()))));
    assert!(
        matches!(
            loads(&effects)[..],
            [(_, Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))]
        ),
        "{effects:?}"
    );
    // The findings come back with the waiver: said in the row, and no longer counted as blocking.
    let [(id, _)] = loads(&effects)[..] else { panic!() };
    let mut now = rows();
    now[0].waived = Some("li.jianhua: 低保公示依法须列明身份".into());
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Findings(views::findings::Loaded::Online(Ok((now, Stored::Current))))),
    ));
    let text = text_of(&a);
    assert!(
        text.lines().nth(1).unwrap().starts_with("Findings · 4 on 3 online items, newest first · ✗1 blocking"),
        "{text}"
    );
    assert!(
        text.lines().nth(3).unwrap().starts_with("✓ 1207 ID number  450304199003151234 waived — li.jianhua"),
        "{text}"
    );
}

#[test]
fn i_opens_the_incident_form_filled_in_from_the_finding() {
    let mut a = app();
    show_findings(&mut a);
    keys(&mut a, "i");
    let Some(form) = incident(&a) else { panic!("{:?}", a.views.scores.incident) };
    assert_eq!(
        (form.unit.as_str(), form.kind, form.item.lines().join("")),
        ("民政局", IncidentKind::Improper, "1207".to_string())
    );
    assert_eq!(form.item_title(), Some("关于公布2026年城乡低保对象名单的公示"));
    key(&mut a, KeyCode::Esc);
    // A wrong term is an error of wording.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    keys(&mut a, "i");
    let Some(form) = incident(&a) else { panic!("{:?}", a.views.scores.incident) };
    assert_eq!((form.kind, form.item.lines().join("")), (IncidentKind::Typo, "1102".to_string()));
    keys(&mut a, "标题中“象山区政府”表述不规范");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Scores(views::scores::Load::AddIncident { input, item })))] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!((input.unit.as_str(), input.kind, item.as_deref()), ("民政局", IncidentKind::Typo, Some("1102")));
}

/// `s` sorts by kind, then by unit, then newest first again, keeping the selection; `f` reads one
/// kind only from the database, the next kind each time, then every kind.
#[test]
fn s_sorts_and_f_reads_one_kind_only() {
    let mut a = app();
    show_findings(&mut a);
    let order = |a: &App| -> Vec<(i64, FindingKind)> {
        a.views
            .findings
            .list
            .shown
            .iter()
            .map(|&i| &a.views.findings.list.rows[i])
            .map(|r| (r.item, r.finding.kind))
            .collect()
    };
    keys(&mut a, "s");
    assert_eq!(
        order(&a),
        [
            (1207, FindingKind::IdNumber),
            (1207, FindingKind::Phone),
            (1102, FindingKind::WrongTerm),
            (1031, FindingKind::Date)
        ]
    );
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· by kind"), "{}", text_of(&a));
    keys(&mut a, "s");
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· by unit"), "{}", text_of(&a));
    keys(&mut a, "s");
    assert_eq!(order(&a).first(), Some(&(1207, FindingKind::IdNumber)), "newest first again");
    let effects = keys(&mut a, "f");
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Online { kind: Some(FindingKind::IdNumber) })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let ids: Vec<FindingRow> = rows().into_iter().filter(|r| r.finding.kind == FindingKind::IdNumber).collect();
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Findings(views::findings::Loaded::Online(Ok((ids, Stored::Current))))),
    ));
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· only ID number"), "{}", text_of(&a));
    assert!(matches!(
        loads(&keys(&mut a, "f"))[..],
        [(_, Load::View(views::Load::Findings(views::findings::Load::Online { kind: Some(FindingKind::Phone) })))]
    ));
    for _ in 0..7 {
        keys(&mut a, "f");
    }
    assert!(
        matches!(
            loads(&keys(&mut a, "f"))[..],
            [(_, Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))]
        ),
        "after the last kind, every kind"
    );
}

#[test]
fn the_findings_screens_in_every_state() {
    let cases: Vec<State> = vec![
        ("findings", show_findings),
        ("findings_checking", |a| {
            keys(a, "8");
        }),
        // The lists changed since they were found, sorted by kind.
        ("findings_stale_by_kind", |a| {
            let effects = keys(a, "8");
            let [(id, _)] = loads(&effects)[..] else { panic!("{effects:?}") };
            let stale = views::findings::Loaded::Online(Ok((rows(), Stored::Stale)));
            a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(stale))));
            keys(a, "s");
        }),
        ("findings_empty", |a| {
            let effects = keys(a, "8");
            let [(id, Load::View(views::Load::Findings(views::findings::Load::Online { kind: None })))] =
                loads(&effects)[..]
            else {
                panic!("{effects:?}")
            };
            a.update(Msg::Loaded(
                id,
                Loaded::View(views::Loaded::Findings(views::findings::Loaded::Online(Ok((vec![], Stored::Current))))),
            ));
        }),
        ("findings_item_highlighted", |a| {
            show_findings(a);
            let effects = key(a, KeyCode::Enter);
            let [(id, Load::View(views::Load::Findings(views::findings::Load::Item { id: 1207 })))] =
                loads(&effects)[..]
            else {
                panic!("{effects:?}")
            };
            let mut item = found_item();
            item.0.fields.body = "经审核，以下对象符合城乡低保条件，现予公示。\n".to_string()
                + &"　".repeat(40)
                + "张某某 450304199003151234 城市低保 二塘乡";
            a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(views::findings::Loaded::Item(Ok(item))))));
        }),
    ];
    snapshot_all(cases);
}
