//! The Sites tab (issue 25): a provincial platform's overview, shown to an operator of several
//! sites, sorted by each figure worst first, and entering a site from it (Enter, `:site CODE`).

use chrono::Duration;

use super::*;
use crate::domain::Role;
use crate::domain::inspection::Level;
use crate::domain::sites::{Figures, Sort};
use crate::store::Site;
use crate::ui::app::health::Whoami;
use crate::ui::views::sites;
use crate::usecase::sites::Summary;

fn site(id: i64, code: &str, name: &str) -> Site {
    Site { id, code: code.into(), name: name.into() }
}

fn figures() -> Figures {
    Figures::well(0)
}

/// Four counties, worst first as `sites` gives them: one failing the national check, one with a
/// suspected secret's alarm and many overdue columns, one whose queue has waited long, one well.
fn summaries() -> Vec<Summary> {
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 6, 0, 0).unwrap();
    vec![
        Summary {
            site: site(3, "lingchuan", "桂林市灵川县人民政府门户网站"),
            figures: Figures {
                overdue: 4,
                blank: 2,
                check: Some(Level::Fail),
                check_failing: 2,
                check_warning: 1,
                oldest_waiting: Some(now - Duration::hours(5)),
                points: 12,
                incidents: 1,
                ..figures()
            },
        },
        Summary {
            site: site(2, "yangshuo", "桂林市阳朔县人民政府门户网站"),
            figures: Figures {
                overdue: 9,
                alarms: 1,
                check: Some(Level::Warn),
                check_warning: 1,
                points: 30,
                ..figures()
            },
        },
        Summary {
            site: site(4, "lingui", "桂林市临桂区人民政府门户网站"),
            figures: Figures { oldest_waiting: Some(now - Duration::days(3)), points: 41, ..figures() },
        },
        Summary {
            site: site(1, "xiangshan", "桂林市象山区人民政府门户网站"),
            figures: Figures { points: 55, ..figures() },
        },
    ]
}

/// The console as an operator of several sites sees it: told so by the answer to who it acts as.
fn of_several(size: (u16, u16), mono: bool) -> App {
    let mut a = sized(size, mono);
    let id = a.link.whoami.expect("the console asks who it acts as");
    let w =
        Whoami { name: "li.jianhua".into(), site: "xiangshan".into(), role: Some((Role::Supervisor, true)), sites: 4 };
    a.update(Msg::Loaded(id, Loaded::Whoami(Ok(w))));
    a
}

/// Opens the overview with `S` and answers its query.
fn show_sites(a: &mut App) {
    a.several_sites = true;
    let effects = keys(a, "S");
    let [(id, Load::View(views::Load::Sites(sites::Load::Summaries { sort: Sort::Worst, .. })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Sites(sites::Loaded::Summaries(Ok(summaries()))))));
}

fn codes(a: &App) -> Vec<String> {
    a.views.sites.list.shown.iter().map(|&i| a.views.sites.list.rows[i].site.code.clone()).collect()
}

#[test]
fn every_sites_state_at_both_sizes_in_both_languages() {
    let states: Vec<State> = vec![
        ("sites", show_sites),
        ("sites_by_waiting", |a| {
            show_sites(a);
            keys(a, "ssss");
        }),
    ];
    snapshot_all(states);
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut a = sized((160, 48), true);
        show_sites(&mut a);
        let text = view_text(&a);
        for word in
            ["站点 4 个", "综合", "逾期", "空白", "检查", "告警", "计分", "事故", "桂林市灵川县人民政府门户网站"]
        {
            assert!(text.contains(word), "{word} in\n{text}");
        }
        insta::assert_snapshot!("sites_zh_160x48", text);
    });
}

#[test]
fn the_overview_lists_every_figure_worst_first() {
    let mut a = sized((160, 48), true);
    show_sites(&mut a);
    let text = view_text(&a);
    assert!(text.contains("Sites 4 · worst first by all together"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let row = lines.iter().find(|l| l.starts_with("lingchuan")).unwrap();
    // Overdue, blank, the check (2 failing, 1 warning), the wait, alarms, points, incidents.
    for figure in ["4", "2", "✗2 !1", "5h", "0", "12", "1"] {
        assert!(row.contains(figure), "{figure} in {row}");
    }
    assert_eq!(codes(&a), ["lingchuan", "yangshuo", "lingui", "xiangshan"]);
}

#[test]
fn s_sorts_by_each_figure_in_turn_worst_first_and_comes_back() {
    let mut a = app();
    show_sites(&mut a);
    let mut seen = Vec::new();
    for _ in Sort::ALL {
        let effects = keys(&mut a, "s");
        assert!(loads(&effects).is_empty(), "re-sorted from what is loaded: {effects:?}");
        seen.push((a.views.sites.sort, codes(&a)));
    }
    let by = |sort: Sort| seen.iter().find(|(s, _)| *s == sort).unwrap().1.clone();
    assert_eq!(by(Sort::Overdue)[0], "yangshuo");
    assert_eq!(by(Sort::Blank)[0], "lingchuan");
    assert_eq!(by(Sort::Waiting)[..2], ["lingui", "lingchuan"]);
    assert_eq!(by(Sort::Alarms)[0], "yangshuo");
    assert_eq!(by(Sort::Points)[0], "lingchuan", "the fewest points are the worst");
    assert_eq!(by(Sort::Incidents)[0], "lingchuan");
    assert_eq!(a.views.sites.sort, Sort::Worst, "eight presses come back to all together");
    assert_eq!(codes(&a), ["lingchuan", "yangshuo", "lingui", "xiangshan"]);
    assert!(text_of(&a).contains("worst first by all together"));
}

#[test]
fn enter_enters_the_selected_site_and_every_view_reads_it() {
    let mut a = of_several((80, 24), true);
    show_sites(&mut a);
    key(&mut a, KeyCode::Down);
    let effects = key(&mut a, KeyCode::Enter);
    let entered = effects.iter().position(|e| matches!(e, Effect::Enter(s) if s.code == "yangshuo"));
    let first_load = effects.iter().position(|e| matches!(e, Effect::Load(..)));
    assert!(entered.is_some() && entered < first_load, "the site changes before anything loads: {effects:?}");
    assert_eq!(a.tab, Tab::Columns);
    assert!(
        loads(&effects).iter().any(|(_, l)| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. })))),
        "its columns load: {effects:?}"
    );
    assert!(loads(&effects).iter().any(|(_, l)| *l == Load::Whoami), "who it acts as there: {effects:?}");
    assert!(a.views.columns.tree.is_none(), "the last site's columns are gone");
    assert_eq!(codes(&a).len(), 4, "the overview keeps its figures");
    let text = text_of(&a);
    let status = text.lines().last().unwrap();
    assert!(status.contains("yangshuo"), "the status line names the site: {status}");
}

#[test]
fn the_status_line_names_the_site_first_for_an_operator_of_several() {
    for (lang, size) in [(Lang::En, (80, 24)), (Lang::ZhCn, (80, 24)), (Lang::En, (160, 48))] {
        crate::i18n::scoped(lang, || {
            let mut a = of_several(size, true);
            show_sites(&mut a);
            let text = text_of(&a);
            let status = text.lines().last().unwrap();
            assert!(status.contains("xiangshan 桂林市象山区"), "{lang:?} {size:?}: {status}");
        });
    }
}

#[test]
fn colon_site_enters_a_site_by_its_code_and_refuses_what_is_not_one() {
    let mut a = of_several((80, 24), true);
    keys(&mut a, ":site lingui");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Sites(sites::Load::Site(ref code))))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(code, "lingui");
    let found = site(4, "lingui", "桂林市临桂区人民政府门户网站");
    let effects = a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Sites(sites::Loaded::Site(Ok(found.clone()))))));
    assert!(effects.contains(&Effect::Enter(found)), "{effects:?}");
    assert_eq!(a.site_code, "lingui");
    assert!(foot_of(&a).contains("entered site lingui"), "{}", foot_of(&a));
    // An unknown code: the database's answer lists the known ones.
    keys(&mut a, ":site nowhere");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, _)] = loads(&effects)[..] else { panic!("{effects:?}") };
    let said = "no site \"nowhere\"; the sites there: lingchuan, lingui, xiangshan, yangshuo".to_string();
    let effects = a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Sites(sites::Loaded::Site(Err(said))))));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Enter(_))), "{effects:?}");
    assert!(a.notice.as_ref().is_some_and(|n| n.error && n.text.contains("lingchuan")));
    assert_eq!(a.site_code, "lingui");
    // Not a code at all: refused before any query.
    keys(&mut a, ":site Bad;code");
    let effects = key(&mut a, KeyCode::Enter);
    assert!(loads(&effects).is_empty(), "{effects:?}");
    assert!(a.notice.as_ref().is_some_and(|n| n.error && n.text.contains("not a site code")));
}

#[test]
fn the_overview_is_in_the_bar_only_for_an_operator_of_several_sites() {
    let mut one = app();
    assert!(!one.bar().contains(&Tab::Sites));
    assert!(!text_of(&one).lines().next().unwrap().contains("Sites"));
    for _ in Tab::ALL {
        keys(&mut one, "\t");
        assert_ne!(one.tab, Tab::Sites, "Tab never lands on a tab the bar does not show");
    }
    let several = of_several((160, 48), false);
    assert!(several.bar().contains(&Tab::Sites));
    let bar = text_of(&several).lines().next().unwrap().to_string();
    assert!(bar.contains("S Sites"), "{bar}");
    // Eleven tabs at 80 columns: every tab keeps a name (its shorter one), in either language;
    // none is left a bare number.
    let several = of_several((80, 24), false);
    let bar = text_of(&several).lines().next().unwrap().to_string();
    for shown in [
        "1 Queue", "2 Cols", "3 Retr", "4 Pts", "5 Audit", "6 Withdr", "7 Insp", "8 Chks", "9 Find", "0 Fix", "S Sites",
    ] {
        assert!(bar.contains(shown), "{shown} in {bar}");
    }
    insta::assert_snapshot!("tab_bar_several_sites_en_80x24", bar);
    crate::i18n::scoped(Lang::ZhCn, || {
        let several = of_several((80, 24), false);
        let bar = text_of(&several).lines().next().unwrap().to_string();
        assert!(bar.contains("S 站点") && bar.contains("0 "), "{bar}");
        insta::assert_snapshot!("tab_bar_several_sites_zh_80x24", bar);
    });
}

/// The site's code stays whole on the status line of an operator of several sites, even beside a
/// message and the calendar's warning, which are cut first (at 80 columns in Chinese the code was
/// cut to `xian…`).
#[test]
fn the_sites_code_is_never_cut_by_a_message_and_a_warning() {
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let mut a = calendar::december();
            let id = a.link.whoami.expect("the console asks who it acts as");
            let w = Whoami {
                name: "li.jianhua".into(),
                site: "xiangshan".into(),
                role: Some((Role::Supervisor, true)),
                sites: 4,
            };
            a.update(Msg::Loaded(id, Loaded::Whoami(Ok(w))));
            show_sites(&mut a);
            keys(&mut a, "s");
            let text = text_of(&a);
            let status = text.lines().last().unwrap();
            assert!(a.notice.is_some() && a.calendar_warning().is_some(), "{status}");
            assert!(status.trim_end().ends_with(" xiangshan"), "{lang:?}: {status}");
        });
    }
}
