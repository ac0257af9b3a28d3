//! The Findings tab: the content checks on every online item, loaded only when the tab is opened
//! (the keys keep working meanwhile); Enter opens the item, from which `w` withdraws it.

use super::*;
use crate::domain::IncidentKind;
use crate::domain::checks::{Field, Finding, FindingKind, Message, Said};
use crate::reports::checks::Stored;
use crate::store::{FindingCount, FindingKey, FindingOrder};
use crate::ui::views::findings::FindingRow;
use crate::usecase::findings::Listing;

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

fn row(item: i64, title: &str, day: u32, n: i64, finding: Finding) -> FindingRow {
    FindingRow {
        item,
        title: title.into(),
        unit: Some("民政局".into()),
        published_at: Utc.with_ymd_and_hms(2026, 11, day, 2, 30, 0).unwrap(),
        n,
        finding,
        waiver: None,
    }
}

/// Findings on three online items, newest first, as the database pages them.
fn rows() -> Vec<FindingRow> {
    vec![
        row(
            1207,
            "关于公布2026年城乡低保对象名单的公示",
            27,
            0,
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
            1,
            finding(FindingKind::Phone, Field::Body, 260, "13907731234", Said::Mobile, "139****1234", true),
        ),
        row(
            1102,
            "象山区政务动态：区领导调研重点项目建设",
            20,
            0,
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
            0,
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

/// The page a list of findings asked for (and the count beside it, if one was asked), with what
/// it lists.
fn asked(effects: &[Effect]) -> (u64, Option<u64>, Listing, Seek<FindingKey>) {
    let [(id, Load::View(views::Load::Findings(views::findings::Load::Page { listing, seek })))] = &loads(effects)[..]
    else {
        panic!("{effects:?}")
    };
    let total = match &counts(effects)[..] {
        [(total, Load::View(views::Load::Findings(views::findings::Load::Total { listing: counted })))] => {
            assert_eq!(counted, listing, "the count is of the list asked for");
            Some(*total)
        }
        [] => None,
        other => panic!("{other:?}"),
    };
    (*id, total, listing.clone(), seek.clone())
}

/// A page of findings arriving for request `id`.
fn page(a: &mut App, id: u64, rows: Vec<FindingRow>, stored: Stored) -> Vec<Effect> {
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(views::findings::Loaded::Page(Ok((rows, stored)))))))
}

/// A count arriving for request `id`.
fn counted(a: &mut App, id: u64, total: Total, blocking: i64) -> Vec<Effect> {
    let count = FindingCount { total, blocking };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(views::findings::Loaded::Total(Ok(count))))))
}

/// The answers to a first page and its count: `rows`, all of them.
fn answered(a: &mut App, effects: &[Effect], rows: Vec<FindingRow>, stored: Stored) {
    let (id, total, _, _) = asked(effects);
    let blocking = rows.iter().filter(|r| r.finding.blocking && r.waiver.is_none()).count() as i64;
    let n = rows.len() as i64;
    page(a, id, rows, stored);
    counted(a, total.expect("counted beside the first page"), Total::Exact(n), blocking);
}

fn show_findings(a: &mut App) {
    let effects = keys(a, "8");
    let (_, _, listing, seek) = asked(&effects);
    assert_eq!((listing, seek), (Listing::default(), Seek::First));
    answered(a, &effects, rows(), Stored::Current);
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
    let (_, _, listing, seek) = asked(&effects);
    assert_eq!((listing, seek), (Listing::default(), Seek::First), "the first page, newest first, counted");
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().starts_with("Findings · …, newest first"), "{text}");
    // While it runs, other tabs work, and coming back does not ask again.
    keys(&mut a, "2");
    assert_eq!(a.tab, Tab::Columns);
    assert!(loads(&keys(&mut a, "8")).is_empty());
    answered(&mut a, &effects, rows(), Stored::Current);
    let text = text_of(&a);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("8 Chks"), "nine tabs at 80 columns: {text}");
    assert!(lines[1].starts_with("Findings · 1 of 4, newest first · ✗2 blocking"), "{text}");
    // On `ui::table`: each column as wide as its widest cell, a blank between two, the message
    // taking the rest.
    assert!(lines[2].starts_with("  item kind       text               message → suggestion"), "{text}");
    assert!(lines[3].starts_with("✗ 1207 ID number  450304199003151234 Full resident ID number → 450304*"), "{text}");
    assert!(lines[5].starts_with("  1102 wrong term 象山区政府         “象山区政府” should be “象山区人民"), "{text}");
    // The same stored findings read in the reader's language.
    let zh = crate::i18n::scoped(Lang::ZhCn, || text_of(&a));
    assert!(zh.contains("完整公民身份号码 → 450304*") && zh.contains("“象山区政府”应为“象山区人民政府”"), "{zh}");
    // F5 reads them again, from the first page, counted again.
    let (_, total, listing, seek) = asked(&key(&mut a, KeyCode::F(5)));
    assert_eq!((listing, seek, total.is_some()), (Listing::default(), Seek::First, true));
    // `:findings` reaches it.
    keys(&mut a, "1:findings");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Findings);
}

/// `/` filters in the database as every list does: with two characters the first page is read
/// again with the text, and the kinds whose names hold it (`phone`); until it comes, the loaded
/// rows that match are shown; the database's answer is shown whole, and said to be the
/// database's when it holds nothing.
#[test]
fn the_filter_asks_the_database_with_the_kinds_it_names() {
    let mut a = app();
    show_findings(&mut a);
    keys(&mut a, "/");
    assert!(loads(&keys(&mut a, "p")).is_empty(), "one character filters what is loaded");
    let effects = keys(&mut a, "hone");
    assert_eq!(a.views.findings.list.shown.len(), 1, "until the database answers, the phone number loaded");
    let (id, total, listing, seek) = asked(&effects[effects.len() - 2..]);
    assert_eq!(listing.filter, Some(("phone".to_string(), vec![FindingKind::Phone])));
    assert_eq!(seek, Seek::First);
    key(&mut a, KeyCode::Enter);
    let phones: Vec<FindingRow> = rows().into_iter().filter(|r| r.finding.kind == FindingKind::Phone).collect();
    page(&mut a, id, phones, Stored::Current);
    counted(&mut a, total.unwrap(), Total::Exact(1), 1);
    assert_eq!(a.views.findings.list.shown.len(), 1);
    let text = text_of(&a);
    assert!(
        text.lines().nth(1).unwrap().starts_with("Findings · 1 of 1, newest first [/phone] · ✗1 blocking"),
        "{text}"
    );
    // In Chinese the kinds are named in Chinese (and by their pinyin initials).
    let named = crate::i18n::scoped(Lang::ZhCn, || {
        key(&mut a, KeyCode::Esc);
        keys(&mut a, "/");
        let effects = keys(&mut a, "sfz");
        asked(&effects[effects.len() - 2..]).2.filter
    });
    assert_eq!(named, Some(("sfz".to_string(), vec![FindingKind::IdNumber])), "身份证号");
    key(&mut a, KeyCode::Esc);
    let effects = keys(&mut a, "/xy");
    let (id, _, _, _) = asked(&effects[effects.len() - 2..]);
    page(&mut a, id, vec![], Stored::Current);
    assert!(text_of(&a).contains("Nothing in the database matches the filter"), "{}", text_of(&a));
}

/// `End` reads the list's last page from its other end, `Home` its first again; the heading
/// counts from the end.
#[test]
fn end_reads_the_last_page_and_home_the_first() {
    let mut a = app();
    let effects = keys(&mut a, "8");
    let one = |n: i64| {
        let mut r = rows()[2].clone();
        r.item = 5000 - n;
        r
    };
    let (id, total, _, _) = asked(&effects);
    page(&mut a, id, (0..PAGE).map(one).collect(), Stored::Current);
    counted(&mut a, total.unwrap(), Total::AtLeast(3069), 0);
    assert!(text_of(&a).lines().nth(1).unwrap().contains("1 of ≥3,069"), "{}", text_of(&a));
    let effects = key(&mut a, KeyCode::End);
    let (id, total, listing, seek) = asked(&effects);
    assert_eq!((listing, seek, total), (Listing::default(), Seek::Last, None), "the count stands");
    page(&mut a, id, (2969..3069).map(one).collect(), Stored::Current);
    let list = &a.views.findings.list;
    assert_eq!((list.selected().map(|r| r.item), list.done, list.front), (Some(5000 - 3068), true, false));
    assert!(text_of(&a).lines().nth(1).unwrap().contains("≥3,069 of ≥3,069"), "{}", text_of(&a));
    let (_, _, _, seek) = asked(&key(&mut a, KeyCode::Home));
    assert_eq!(seek, Seek::First);
}

#[test]
fn enter_opens_the_item_and_w_withdraws_it_then_the_findings_are_read_again() {
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
    let page = views::findings::Load::Page { listing: Listing::default(), seek: Seek::First };
    assert!(
        reloaded.contains(&Load::View(views::Load::Findings(page)))
            && reloaded.contains(&Load::View(views::Load::Findings(views::findings::Load::Item { id: 1207 }))),
        "{reloaded:?}"
    );
    // Esc goes back to the findings.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Findings);
}

#[test]
fn a_failed_read_is_said_in_the_tab() {
    let mut a = app();
    let (id, _, _, _) = asked(&keys(&mut a, "8"));
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Findings(views::findings::Loaded::Page(Err(
            "cannot read the word list: words.txt".into(),
        )))),
    ));
    assert!(text_of(&a).contains("Could not load: cannot read the word list: words.txt"), "{}", text_of(&a));
    assert!(a.notice.as_ref().unwrap().error);
}

#[test]
fn w_waives_the_selected_finding_and_the_findings_are_read_again() {
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
    // The findings come back with the waiver: said in the row, and no longer counted as blocking.
    let (_, total, listing, seek) = asked(&effects);
    assert_eq!((listing, seek, total.is_some()), (Listing::default(), Seek::First, true));
    let mut now = rows();
    now[0].waiver = Some(("li.jianhua".into(), "低保公示依法须列明身份".into()));
    answered(&mut a, &effects, now, Stored::Current);
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().starts_with("Findings · 1 of 4, newest first · ✗1 blocking"), "{text}");
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

/// `s` reads the list again in the database's next order (by kind, by unit, newest first again),
/// from its top; `f` reads one kind only, the next kind each time, then every kind; the filter
/// typed stays through both.
#[test]
fn s_sorts_and_f_reads_one_kind_only_in_the_database() {
    let mut a = app();
    show_findings(&mut a);
    key(&mut a, KeyCode::Down);
    keys(&mut a, "/");
    keys(&mut a, "民政");
    key(&mut a, KeyCode::Enter);
    let effects = keys(&mut a, "s");
    let (id, total, listing, seek) = asked(&effects);
    assert_eq!((listing.order, listing.kind, seek), (FindingOrder::Kind, None, Seek::First));
    assert_eq!(listing.filter.as_ref().map(|(t, _)| t.as_str()), Some("民政"), "the filter stays");
    assert!(a.views.findings.list.rows.is_empty(), "another list: nothing of the last one is kept");
    let by_kind = rows();
    page(&mut a, id, by_kind, Stored::Current);
    counted(&mut a, total.unwrap(), Total::Exact(4), 2);
    assert_eq!(a.views.findings.list.cursor.selected, 0, "shown from its top");
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· by kind"), "{}", text_of(&a));
    let (_, _, listing, _) = asked(&keys(&mut a, "s"));
    assert_eq!(listing.order, FindingOrder::Unit);
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· by unit"), "{}", text_of(&a));
    let (_, _, listing, _) = asked(&keys(&mut a, "s"));
    assert_eq!(listing.order, FindingOrder::Newest, "newest first again");
    let (id, total, listing, _) = asked(&keys(&mut a, "f"));
    assert_eq!((listing.kind, listing.order), (Some(FindingKind::IdNumber), FindingOrder::Newest));
    let ids: Vec<FindingRow> = rows().into_iter().filter(|r| r.finding.kind == FindingKind::IdNumber).collect();
    page(&mut a, id, ids, Stored::Current);
    counted(&mut a, total.unwrap(), Total::Exact(1), 1);
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· only ID number"), "{}", text_of(&a));
    assert_eq!(asked(&keys(&mut a, "f")).2.kind, Some(FindingKind::Phone));
    for _ in 0..7 {
        keys(&mut a, "f");
    }
    assert_eq!(asked(&keys(&mut a, "f")).2.kind, None, "after the last kind, every kind");
}

/// One kind with nothing found: said so, not the text on where findings come from.
fn none_of_a_kind(a: &mut App) {
    show_findings(a);
    let (id, total, _, _) = asked(&keys(a, "f"));
    page(a, id, vec![], Stored::Current);
    counted(a, total.unwrap(), Total::Exact(0), 0);
}

#[test]
fn a_kind_with_nothing_found_says_so() {
    let mut a = app();
    none_of_a_kind(&mut a);
    let text = text_of(&a);
    assert!(text.contains("No findings of the kind ID number on online items."), "{text}");
    assert!(!text.contains("names and words lists"), "{text}");
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
            answered(a, &effects, rows(), Stored::Stale);
            let effects = keys(a, "s");
            answered(a, &effects, rows(), Stored::Stale);
        }),
        ("findings_empty", |a| {
            let effects = keys(a, "8");
            answered(a, &effects, vec![], Stored::Current);
        }),
        ("findings_none_of_a_kind", none_of_a_kind),
        // By unit: the unit said in its own column.
        ("findings_by_unit", |a| {
            show_findings(a);
            keys(a, "s");
            let effects = keys(a, "s");
            answered(a, &effects, rows(), Stored::Current);
        }),
        // Filtered in the database.
        ("findings_filtered", |a| {
            show_findings(a);
            keys(a, "/");
            let effects = keys(a, "民政");
            let (id, total, _, _) = asked(&effects[effects.len() - 2..]);
            key(a, KeyCode::Enter);
            page(a, id, rows(), Stored::Current);
            counted(a, total.unwrap(), Total::Exact(4), 2);
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
