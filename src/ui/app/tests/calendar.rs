//! The calendar in the console: a provisional due date marked `?` with a note in the title, the
//! status line's warning from 1 December when next year's notice is missing, and `:calendar
//! import FILE` showing what it would add and asking before the audited import.

use super::*;
use crate::domain::calendar::CalendarImport;
use crate::domain::holiday_notice::parse_notice;
use crate::domain::inspection::{Indicator, Level};
use crate::reports::calendar::{CalendarStatus, Preview};

/// The console on 4 December 2026, its calendar holding 2021–2026; column 8's due date depends
/// on 2027.
pub(super) fn december() -> App {
    let (mut app, effects) = App::new(Setup {
        keymap: Keymap::default_map(),
        ambiguous: Ambiguous::Narrow,
        theme: Theme::of(Kind::Monochrome),
        site_name: "桂林市象山区人民政府门户网站".into(),
        site_code: "xiangshan".into(),
        operator: "li.jianhua".into(),
        database: "SQLite /srv/portal/portal.db".into(),
        now: Utc.with_ymd_and_hms(2026, 12, 4, 2, 0, 0).unwrap(),
        size: (80, 24),
        tab: Tab::Columns,
        change_mark: Some(10),
    });
    let loaded = loads(&effects);
    let (columns, _) =
        loaded.iter().find(|(_, l)| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. })))).unwrap();
    let (status, _) = loaded
        .iter()
        .find(|(_, l)| *l == Load::Calendar(CalendarLoad::Status { at: day("2026-12-04") }))
        .expect("the calendar is asked for at once");
    let mut rows = entries();
    rows.iter_mut().filter(|e| e.id == 8).for_each(|e| {
        e.provisional = true;
        e.staleness = Staleness { status: Status::Ok, due: Some(day("2027-01-04")), days_overdue: 0 };
    });
    app.update(Msg::Loaded(*columns, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(rows))))));
    let held = CalendarStatus {
        years: (2021..=2026).collect(),
        today: day("2026-12-04"),
        provisional_from: Some(day("2026-12-25")),
    };
    app.update(Msg::Loaded(*status, Loaded::Calendar(CalendarLoaded::Status(Ok(held)))));
    app
}

#[test]
fn from_december_the_status_line_says_next_years_notice_is_missing() {
    let mut a = december();
    keys(&mut a, "s");
    let text = text_of(&a);
    let status = text.lines().last().unwrap();
    // At 80 columns what is missing, and who is acting still on the right.
    assert!(status.contains("│ ! no 2027 holiday notice  "), "{status}");
    assert!(status.trim_end().ends_with("li.jianhua"), "{status}");
    // In Chinese, the same warning in Chinese.
    let zh = crate::i18n::scoped(Lang::ZhCn, || text_of(&a));
    assert!(zh.lines().last().unwrap().contains("! 2027年节假日安排未导入"), "{zh}");
    // Where there is room, the whole warning.
    a.update(Msg::Resize(160, 48));
    let text = text_of(&a);
    let status = text.lines().last().unwrap();
    assert!(status.contains("! no 2027 holiday notice: due dates from 12/25 provisional"), "{status}");
    let zh = crate::i18n::scoped(Lang::ZhCn, || text_of(&a));
    assert!(zh.lines().last().unwrap().contains("! 2027年节假日安排未导入：12月25日后的期限为暂定"), "{zh}");
    a.update(Msg::Resize(80, 24));
    // The provisional due date is marked, and the title says what the mark means.
    let row = text.lines().find(|l| l.contains("②批准服务信息")).unwrap();
    assert!(row.contains("2027-01-04?"), "{row}");
    assert!(text.lines().nth(1).unwrap().contains("?1 provisional"), "{text}");
    insta::assert_snapshot!("calendar_december_80x24", view_text(&a));
    // Before December, and with 2027 held, nothing is said.
    a.calendar =
        Some(CalendarStatus { years: (2021..=2027).collect(), today: day("2026-12-04"), provisional_from: None });
    assert!(!text_of(&a).lines().last().unwrap().contains("holiday notice"));
}

#[test]
fn calendar_import_shows_what_it_would_add_and_asks_first() {
    let mut a = december();
    keys(&mut a, ":calendar import /srv/notices/2027.txt");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Calendar(CalendarLoad::Preview { path }))] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(path, "/srv/notices/2027.txt");
    let notice = parse_notice(include_str!("../../../../tests/notices/2027-invented.txt")).unwrap();
    let change = CalendarImport { days: notice.days.clone(), year_added: true };
    a.update(Msg::Loaded(
        *id,
        Loaded::Calendar(CalendarLoaded::Preview(Ok(Box::new(Preview { notice: notice.clone(), change })))),
    ));
    assert_eq!(a.layer(), Layer::Confirm);
    let text = text_of(&a);
    assert!(
        text.contains("would import the 2027 notice")
            && text.contains("2027-01-01 holiday 元旦")
            && text.contains("more"),
        "{text}"
    );
    insta::assert_snapshot!("calendar_import_question_80x24", view_text(&a));
    // Enter imports: one write, of the notice shown.
    let effects = key(&mut a, KeyCode::Enter);
    let written: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).filter(Load::is_write).collect();
    assert_eq!(written, [Load::Calendar(CalendarLoad::Import(Box::new(notice)))]);
    let (id, _) = loads(&effects).into_iter().find(|(_, l)| l.is_write()).unwrap();
    let effects =
        a.update(Msg::Loaded(id, Loaded::Calendar(CalendarLoaded::Imported(Ok("imported the 2027 notice".into())))));
    assert_eq!(a.notice.as_ref().unwrap().text, "imported the 2027 notice");
    // The deadlines and the calendar's status load again.
    let again: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert!(
        again.contains(&Load::Calendar(CalendarLoad::Status { at: day("2026-12-04") }))
            && again.iter().any(|l| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. })))),
        "{again:?}"
    );
}

#[test]
fn a_notice_it_cannot_read_is_said_and_nothing_is_asked() {
    let mut a = december();
    keys(&mut a, ":calendar import bad.txt");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Calendar(CalendarLoad::Preview { .. }))] = &loads(&effects)[..] else { panic!("{effects:?}") };
    let e = "bad.txt: line 6: 2027年2月30日 does not exist; nothing was imported".to_string();
    a.update(Msg::Loaded(*id, Loaded::Calendar(CalendarLoaded::Preview(Err(e.clone())))));
    assert_eq!(a.notice.as_ref().map(|n| (n.text.clone(), n.error)), Some((e, true)));
    assert_eq!(a.layer(), Layer::Columns);
    // `:calendar` alone says what is held.
    keys(&mut a, ":calendar");
    key(&mut a, KeyCode::Enter);
    assert!(
        a.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("no 2027 holiday notice: due dates from 12/25 provisional · holiday notices held: 2021–2026"),
        "{:?}",
        a.notice
    );
}

#[test]
fn a_provisional_indicator_and_document_are_marked() {
    let mut a = december();
    let effects = keys(&mut a, "7");
    let (id, _) = loads(&effects)
        .into_iter()
        .find(|(_, l)| matches!(l, Load::View(views::Load::Inspection(inspect::Load::Indicators { .. }))))
        .unwrap();
    let indicator = Indicator {
        key: "unanswered_inquiries",
        name: "互动诉求超过3个月未答复",
        count: 0,
        threshold: 1,
        warn_at: 1,
        level: Level::Pass,
        detail: vec![],
        provisional: true,
    };
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(vec![indicator])))),
    ));
    let text = text_of(&a);
    assert!(text.contains("✓ pass?"), "{text}");
    assert!(text.lines().nth(1).unwrap().contains("?1 provisional"), "{text}");
}

#[test]
fn the_calendar_warning_follows_the_day_shown() {
    let mut a = december();
    // `:at` asks for the calendar's status as of that day, beside the columns.
    keys(&mut a, ":at 2026-11-20");
    let effects = key(&mut a, KeyCode::Enter);
    let loaded = loads(&effects);
    let (status, _) = loaded
        .iter()
        .find(|(_, l)| *l == Load::Calendar(CalendarLoad::Status { at: day("2026-11-20") }))
        .unwrap_or_else(|| panic!("{loaded:?}"));
    // An answer for the day shown before is dropped: the warning stays what the 20th's answer says.
    let stale = CalendarStatus {
        years: (2021..=2026).collect(),
        today: day("2026-12-04"),
        provisional_from: Some(day("2026-12-25")),
    };
    let november = CalendarStatus { years: (2021..=2026).collect(), today: day("2026-11-20"), provisional_from: None };
    a.update(Msg::Loaded(*status, Loaded::Calendar(CalendarLoaded::Status(Ok(november)))));
    a.update(Msg::Loaded(*status, Loaded::Calendar(CalendarLoaded::Status(Ok(stale)))));
    assert_eq!(a.calendar_warning(), None);
    assert!(!text_of(&a).lines().last().unwrap().contains("holiday notice"), "{}", text_of(&a));
}

#[test]
fn a_warning_with_no_room_says_what_is_missing_not_half_a_sentence() {
    let mut a = december();
    keys(&mut a, ":at 2026-12-31");
    key(&mut a, KeyCode::Enter);
    a.calendar = Some(CalendarStatus {
        years: (2021..=2026).collect(),
        today: day("2026-12-31"),
        provisional_from: Some(day("2026-12-25")),
    });
    let text = text_of(&a);
    let status = text.lines().last().unwrap();
    assert!(status.contains("│ staleness as of 2026-12-31 │ ! no 2027 holiday notice"), "{status}");
    assert!(!status.contains("notice:") && !status.contains('…'), "{status}");
    // `:calendar` says it whole, first, and the status line does not say it twice.
    keys(&mut a, ":calendar");
    key(&mut a, KeyCode::Enter);
    let foot = foot_of(&a);
    assert!(squeezed(&foot).contains("no2027holidaynotice:duedatesfrom12/25provisional·"), "{foot}");
    assert_eq!(foot.matches("holiday notice:").count(), 1, "{foot}");
}
