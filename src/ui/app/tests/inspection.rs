//! The Inspection tab: the national check's single-veto indicators, loaded when the tab opens and
//! again when the day, the database or a withdrawal changes them; Enter lists what is behind a
//! count; rules that do not fit the column table are said in the tab.

use chrono::Duration;

use super::*;
use crate::domain::inspection::{Detail, Indicator, Level, Note, Opens};
use crate::ui::words;

fn indicator(
    key: &'static str,
    name: &'static str,
    count: i64,
    (warn_at, threshold): (i64, i64),
    level: Level,
    detail: &[&str],
) -> Indicator {
    Indicator {
        key,
        name,
        count,
        threshold,
        warn_at,
        level,
        detail: detail.iter().map(|d| line(d)).collect(),
        provisional: false,
    }
}

/// A detail line as the check words it in Chinese: a column's path (the columns of `entries` open,
/// the others name a column id 100 and on) and when it was last updated in brackets, an inquiry's
/// subject and when it was asked with none to open, or the home page's last update alone.
fn line(text: &str) -> Detail {
    if let Some(date) = text.strip_prefix("最近更新 ") {
        return Detail::said(Note::HomeUpdated(Some(day(date))));
    }
    let (what, note) = text.split_once('（').unwrap_or((text, ""));
    let note = if let Some(date) = note.strip_prefix("最近更新 ") {
        Note::LastUpdate(Some(day(date.trim_end_matches('）'))))
    } else if let Some(date) = note.strip_suffix(" 提出，未答复）") {
        Note::Unanswered(day(date))
    } else {
        Note::Nothing
    };
    let opens = entries().iter().find(|e| e.path == what).map(|e| Opens::Column(e.id));
    let opens = if what.contains(" / ") { opens.or(Some(Opens::Column(100))) } else { opens };
    Detail { what: what.into(), note, opens }
}

/// The five indicators of a site that fails two and warns on one.
fn indicators() -> Vec<Indicator> {
    vec![
        indicator("site_not_updated", "首页栏目长期未更新", 3, (10, 14), Level::Pass, &["最近更新 2026-11-26"]),
        indicator(
            "stale_columns",
            "动态、要闻及通知公告、政策文件类栏目未按时更新",
            2,
            (1, 3),
            Level::Warn,
            &["政务动态 / 部门动态（最近更新 2026-10-30）", "政务公开 / 通知公告（最近更新 2026-04-12）"],
        ),
        indicator(
            "neglected_columns",
            "应更新未更新栏目",
            6,
            (3, 5),
            Level::Fail,
            &[
                "政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息（最近更新 2024-03-01）",
                "政务公开 / 规划计划 / 发展规划（最近更新 2024-01-15）",
                "政务公开 / 财政信息 / 预决算公开（最近更新 2025-06-30）",
                "政务公开 / 重点领域 / 安全生产（最近更新 2026-02-11）",
                "政务公开 / 重点领域 / 食品药品安全（最近更新 2026-01-20）",
                "政务公开 / 重点领域 / 环境保护（最近更新 2026-03-05）",
            ],
        ),
        indicator("empty_columns", "空白栏目", 0, (1, 1), Level::Pass, &[]),
        indicator(
            "unanswered_inquiries",
            "互动诉求超过3个月未答复",
            1,
            (1, 1),
            Level::Fail,
            &["关于象山区老旧小区加装电梯补贴的咨询（2026-07-14 提出，未答复）"],
        ),
    ]
}

/// F5, answered with the indicators and, last, a broken link on the home page that item 4127 carries.
fn with_a_broken_link(a: &mut App) {
    let mut list = indicators();
    list.push(Indicator {
        detail: vec![Detail {
            what: "https://www.xiangshan.gov.cn/a.pdf".into(),
            note: Note::Nothing,
            opens: Some(Opens::Item(4127)),
        }],
        ..indicator("home_broken_links", "首页不可用链接", 1, (1, 1), Level::Fail, &[])
    });
    let [(id, _)] = inspections(&key(a, KeyCode::F(5)))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(list))))));
}

/// Opens the tab with `7` and answers its query.
pub(super) fn show_inspection(a: &mut App) {
    let effects = keys(a, "7");
    let [(id, Load::View(views::Load::Inspection(inspect::Load::Indicators { at })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(at, day("2026-11-29"));
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators()))))));
}

fn inspections(effects: &[Effect]) -> Vec<(u64, NaiveDate)> {
    loads(effects)
        .into_iter()
        .filter_map(|(id, l)| {
            if let Load::View(views::Load::Inspection(inspect::Load::Indicators { at })) = l {
                Some((id, at))
            } else {
                None
            }
        })
        .collect()
}

const CUSTOM: &str = "the built-in inspection rules: column \"新闻中心 / 要闻\" of [news] is not in the site's column table; \
write your own rules to ~/.config/portal-admin/inspection.toml";

#[test]
fn the_tab_loads_when_opened_and_shows_the_counts_and_badges() {
    let mut a = app();
    assert!(!a.views.inspection.shown(), "nothing is evaluated before the tab is opened");
    let effects = keys(&mut a, "7");
    assert_eq!(a.tab, Tab::Inspection);
    assert_eq!(a.layer(), Layer::Inspection);
    assert!(a.busy());
    assert!(text_of(&a).contains("Evaluating the indicators…"), "{}", text_of(&a));
    let [(id, Load::View(views::Load::Inspection(inspect::Load::Indicators { .. })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators()))))));
    let text = text_of(&a);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("7 Insp"), "nine tabs at 80 columns: {text}");
    assert!(lines[1].starts_with("Inspection · as of 2026-11-29 ✗2 fail !1 warn"), "{text}");
    // The shared table: exactly the width, a blank between columns, the counts right-aligned.
    assert!(lines[2].starts_with("level  indicator") && lines[2].ends_with("count fails warns"), "{text}");
    assert!(lines[3].starts_with("✓ pass home page not updated") && lines[3].ends_with("    3 ≥ 14  ≥ 10"), "{text}");
    assert!(lines[4].starts_with("! warn news and notices"), "{text}");
    assert!(
        lines[5].starts_with("✗ fail columns due but not updated") && lines[5].ends_with("    6 ≥ 5   ≥ 3"),
        "{text}"
    );
    assert!(lines[7].starts_with("✗ fail inquiries unanswered") && lines[7].ends_with("    1 ≥ 1   -"), "{text}");
    assert_eq!(crate::ui::text::width(lines[2]), 80, "the heading fills the width: {text}");
    // In Chinese, the check's own names.
    let zh = crate::i18n::scoped(Lang::ZhCn, || text_of(&a));
    assert!(zh.lines().nth(3).unwrap().contains("首页栏目长期未更新"), "{zh}");
    assert!(zh.lines().nth(7).unwrap().contains("互动诉求超过3个月未答复"), "{zh}");
    // Visiting again does not evaluate again; F5 does.
    keys(&mut a, "2");
    assert!(inspections(&keys(&mut a, "7")).is_empty());
    assert_eq!(inspections(&key(&mut a, KeyCode::F(5))).len(), 1);
    // `:inspect` and Tab reach it too.
    keys(&mut a, "6");
    let effects = key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Inspection);
    assert!(inspections(&effects).is_empty());
    keys(&mut a, "1:inspect");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Inspection);
}

#[test]
fn enter_lists_what_is_behind_a_count_and_esc_goes_back() {
    let mut a = app();
    show_inspection(&mut a);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let text = text_of(&a);
    assert!(
        text.lines().nth(1).unwrap().starts_with("✗ fail columns due but not updated · 6 · as of 2026-11-29"),
        "{text}"
    );
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .starts_with("fails ≥ 5, warns ≥ 3 · 6 behind the count · Enter opens one · Esc back"),
        "{text}"
    );
    // A path too long for the line is cut at its start: its leaf and when it was updated stay.
    assert_eq!(
        text.lines().nth(3).unwrap().trim_end(),
        "  … / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息 (last updated 2024-03-01)",
        "{text}"
    );
    let zh = crate::i18n::scoped(Lang::ZhCn, || text_of(&a));
    assert_eq!(
        zh.lines().nth(3).unwrap().trim_end(),
        "  … / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息（最近更新 2024-03-01）"
    );
    // The detail scrolls; `y` copies the line selected.
    key(&mut a, KeyCode::End);
    assert_eq!(a.views.inspection.detail.unwrap().1.selected, 5);
    keys(&mut a, "y");
    let effects = keys(&mut a, "t");
    assert_eq!(effects, vec![Effect::Copy("政务公开 / 重点领域 / 环境保护 (last updated 2026-03-05)".into())]);
    // A reload keeps the detail open on its indicator.
    let [(id, _)] = inspections(&key(&mut a, KeyCode::F(5)))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators()))))));
    assert!(text_of(&a).lines().nth(1).unwrap().contains("columns due but not updated · 6"), "{}", text_of(&a));
    key(&mut a, KeyCode::Left);
    assert!(a.views.inspection.detail.is_none());
    assert_eq!(a.views.inspection.cursor.selected, 2, "back on the indicator opened");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Esc);
    assert!(a.views.inspection.detail.is_none());
    // An indicator with nothing behind it says so.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert!(text_of(&a).contains("Nothing behind this count."), "{}", text_of(&a));
}

/// Every indicator's detail names it whole at 80 columns in either language, with its count and
/// day; the levels it is judged by whole on the line below (issue 20: the national check's long
/// names were cut).
#[test]
fn an_indicators_detail_names_it_whole_at_80_columns() {
    let keys_of = crate::domain::inspection::INDICATORS.iter().map(|(key, _)| *key).chain(["site_unreachable"]);
    for key_name in keys_of {
        let mut a = app();
        show_inspection(&mut a);
        let one = Indicator {
            key: key_name,
            ..indicator("", "", 123, (95, 100), Level::Fail, &["政务公开 / 通知公告（最近更新 2026-04-12）"])
        };
        let [(id, _)] = inspections(&key(&mut a, KeyCode::F(5)))[..] else { panic!() };
        a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(vec![one]))))));
        key(&mut a, KeyCode::Enter);
        for (lang, levels) in
            [(Lang::En, "fails ≥ 100, warns ≥ 95 · 1 behind"), (Lang::ZhCn, "否决值 ≥ 100，预警值 ≥ 95 · ")]
        {
            let (text, name) = crate::i18n::scoped(lang, || (text_of(&a), words::indicator(key_name)));
            let lines: Vec<&str> = text.lines().collect();
            assert!(
                lines[1].contains(&format!("{name} · 123 · ")) && lines[1].trim_end().ends_with("2026-11-29"),
                "{text}"
            );
            assert!(lines[2].starts_with(levels) && !lines[2].contains('…'), "{text}");
        }
    }
}

/// The hint line offers ← back only where it leads somewhere: in an indicator's detail, not at the
/// indicators (the tab's top), in either language.
#[test]
fn the_hint_line_offers_back_only_in_a_detail() {
    let mut a = app();
    show_inspection(&mut a);
    let hints = |a: &App, lang| {
        let text = crate::i18n::scoped(lang, || text_of(a));
        text.lines().rev().nth(1).unwrap().to_string()
    };
    for (lang, back) in [(Lang::En, "← back"), (Lang::ZhCn, "← 返回")] {
        assert!(!hints(&a, lang).contains(back), "{}", hints(&a, lang));
        assert!(hints(&a, lang).contains('?'), "{}", hints(&a, lang));
    }
    key(&mut a, KeyCode::Enter);
    for (lang, back) in [(Lang::En, "← back"), (Lang::ZhCn, "← 返回")] {
        assert!(hints(&a, lang).contains(back), "{}", hints(&a, lang));
    }
    key(&mut a, KeyCode::Left);
    assert!(!hints(&a, Lang::En).contains("← back"), "{}", hints(&a, Lang::En));
    // Enter only where a line of the detail opens something: the home page's last update does not.
    assert!(hints(&a, Lang::En).contains("Enter open"), "{}", hints(&a, Lang::En));
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Enter);
    assert!(a.views.inspection.detail.is_some());
    assert!(!hints(&a, Lang::En).contains("Enter open"), "{}", hints(&a, Lang::En));
    assert!(hints(&a, Lang::En).contains("← back"), "{}", hints(&a, Lang::En));
}

#[test]
fn enter_on_a_line_behind_a_count_opens_its_column_or_its_item() {
    let mut a = app();
    show_inspection(&mut a);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    // A column opens in the Columns tab, selected in the tree under it.
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Columns);
    assert_eq!(a.views.columns.column.as_ref().map(|c| c.column.id), Some(7), "{effects:?}");
    assert!(
        loads(&effects)
            .iter()
            .any(|(_, l)| matches!(l, Load::View(views::Load::Columns(columns::Load::Head { column_id: 7, .. })))),
        "{effects:?}"
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.views.columns.selected_entry().map(|e| e.id), Some(7), "Esc comes back to its line in the tree");
    // Back on the tab, the detail is still open; an inquiry opens nothing and says so.
    keys(&mut a, "7");
    assert!(a.views.inspection.detail.is_some());
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Inspection);
    assert!(text_of(&a).contains("This line names no column or item to open."), "{}", text_of(&a));
    // A broken link opens the item carrying it, here; Esc comes back to the detail.
    with_a_broken_link(&mut a);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Enter);
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Inspection(inspect::Load::Item { id: 4127 })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(a.layer(), Layer::Item);
    key(&mut a, KeyCode::Esc);
    assert!(a.views.inspection.item.is_none() && a.views.inspection.detail.is_some());
}

#[test]
fn a_column_asked_for_before_the_tree_arrived_opens_when_it_does() {
    let mut a = app();
    show_inspection(&mut a);
    a.views.columns.tree = None;
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Columns(columns::Load::Tree { .. })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(entries()))))));
    assert_eq!(a.views.columns.column.as_ref().map(|c| c.column.id), Some(7));
}

#[test]
fn at_a_day_evaluates_the_indicators_as_of_that_day_on_their_tab() {
    let mut a = app();
    show_inspection(&mut a);
    keys(&mut a, ":at 2026-09-30");
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Inspection, "the tab stays");
    let [(id, at)] = inspections(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(at, day("2026-09-30"));
    assert!(
        text_of(&a).lines().nth(1).unwrap().contains("as of 2026-11-29 ✗2 fail !1 warn (loading 2026-09-30)"),
        "{}",
        text_of(&a)
    );
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators()))))));
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("Inspection · as of 2026-09-30 ✗"), "{}", text_of(&a));
    // From another tab the day changes the columns and the indicators both.
    keys(&mut a, "2");
    keys(&mut a, ":at 2026-10-31");
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Columns);
    assert_eq!(inspections(&effects), vec![(a.views.inspection.waiting.unwrap(), day("2026-10-31"))]);
}

#[test]
fn rules_that_do_not_fit_the_column_table_are_said_in_the_tab() {
    let mut a = app();
    let [(id, _)] = inspections(&keys(&mut a, "7"))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Err(CUSTOM.into()))))));
    let text = text_of(&a);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[3].starts_with("Could not evaluate the indicators: the built-in inspection rules: column"), "{text}");
    assert!(lines[5].ends_with("inspection.toml"), "the message wraps whole: {text}");
    assert!(a.notice.as_ref().unwrap().error);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Down);
    assert!(a.views.inspection.detail.is_none());
    // F5 tries again, and a success clears the message.
    let [(id, _)] = inspections(&key(&mut a, KeyCode::F(5)))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators()))))));
    assert!(a.views.inspection.error.is_none() && !text_of(&a).contains("Could not evaluate"));
}

#[test]
fn a_colleagues_change_and_a_withdrawal_evaluate_the_indicators_again() {
    let mut a = app();
    // Not shown yet: a change does not evaluate them.
    let check = |a: &mut App, mark: i64| {
        for _ in 0..200 {
            let now = a.now + Duration::milliseconds(100);
            if let Some((id, _)) = loads(&a.update(Msg::Tick(now))).into_iter().find(|(_, l)| *l == Load::Ping) {
                let effects = a.update(Msg::Loaded(id, Loaded::Ping(Ok(mark))));
                // Answer the reloads, so that the next check comes.
                for (id, load) in loads(&effects) {
                    match load {
                        Load::View(views::Load::Columns(columns::Load::Tree { .. })) => a.update(Msg::Loaded(
                            id,
                            Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(entries())))),
                        )),
                        Load::View(views::Load::Inspection(inspect::Load::Indicators { .. })) => a.update(Msg::Loaded(
                            id,
                            Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Ok(indicators())))),
                        )),
                        _ => Vec::new(),
                    };
                }
                return effects;
            }
        }
        panic!("no check");
    };
    check(&mut a, 40);
    assert!(inspections(&check(&mut a, 41)).is_empty());
    show_inspection(&mut a);
    assert!(inspections(&check(&mut a, 41)).is_empty(), "no change, no reload");
    assert_eq!(inspections(&check(&mut a, 42)).len(), 1, "a colleague's change reloads them");
    // A withdrawal from a column reloads them.
    keys(&mut a, "2");
    open_column(&mut a, policy_items());
    keys(&mut a, "w");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { .. })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    let done = Withdrawal { withdrawn: vec![1207], already: vec![], requests_closed: 0, batch: None };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(inspections(&effects).len(), 1, "{effects:?}");
}

#[test]
fn the_inspection_screens_in_every_state() {
    let cases: Vec<State> = vec![
        ("inspection", show_inspection),
        ("inspection_detail", |a| {
            show_inspection(a);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            key(a, KeyCode::Enter);
            key(a, KeyCode::Down);
        }),
        ("inspection_detail_item", |a| {
            show_inspection(a);
            with_a_broken_link(a);
            key(a, KeyCode::End);
            key(a, KeyCode::Enter);
            key(a, KeyCode::Enter);
        }),
        ("inspection_error", |a| {
            let [(id, _)] = inspections(&keys(a, "7"))[..] else { panic!() };
            a.update(Msg::Loaded(
                id,
                Loaded::View(views::Loaded::Inspection(inspect::Loaded::Indicators(Err(CUSTOM.into())))),
            ));
        }),
    ];
    snapshot_all(cases);
}

#[test]
fn the_indicators_read_in_the_readers_language_and_in_the_checks_own_words_in_chinese() {
    for &(key, name) in crate::domain::inspection::INDICATORS {
        assert_eq!(crate::i18n::scoped(Lang::ZhCn, || words::indicator(key)), name, "{key}");
        let english = words::indicator(key);
        assert!(english.is_ascii() && !english.contains('_'), "{key}: {english}");
    }
    let asked =
        Detail { what: "关于加装电梯的咨询".into(), note: Note::Unanswered(day("2026-07-14")), opens: None };
    assert_eq!(words::detail(&asked), "关于加装电梯的咨询 (asked 2026-07-14, unanswered)");
    let zh = crate::i18n::scoped(Lang::ZhCn, || words::detail(&asked));
    assert_eq!(zh, "关于加装电梯的咨询（2026-07-14 提出，未答复）");
    let late = Detail::said(Note::PastReply { count: 1, days: 5 });
    assert_eq!(words::detail(&late), "1 inquiry is past its reply deadline (5 working days)");
    let probes = Note::Probes {
        from: day("2026-11-23"),
        to: day("2026-11-29"),
        total: 4,
        failed: 1,
        seconds: 15,
        permille: 250,
    };
    let zh = crate::i18n::scoped(Lang::ZhCn, || words::note(&probes));
    assert_eq!(zh, "2026-11-23 至 2026-11-29 探测 4 次，1 次 15 秒内无法打开（25.0%）");
}
