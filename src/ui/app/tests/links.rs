//! The live site in the console: the Findings tab's broken links (`L`), and the check of the
//! withdrawn items' public pages that follows a withdrawal, on a task, said on the status line.

use super::*;
use crate::domain::links::{Place, Verdict};
use crate::reports::links::{AfterWithdrawal, Settings};
use crate::store::LinkRow;
use crate::ui::views::findings;

fn link(item: i64, title: &str, place: Place, url: &str, status: Option<i64>, error: Option<&str>) -> LinkRow {
    LinkRow {
        item,
        title: title.into(),
        unit: Some("民政局".into()),
        item_status: ItemStatus::Online,
        place,
        url: url.into(),
        status,
        error: error.map(str::to_string),
        verdict: if error.is_some_and(|e| e.starts_with("refused")) { Verdict::Refused } else { Verdict::Broken },
        checked_at: Utc.with_ymd_and_hms(2026, 11, 28, 18, 5, 0).unwrap(),
        columns: vec!["政务动态 / 通知公告".into()],
    }
}

fn broken() -> Vec<LinkRow> {
    let title = "关于公布2026年城乡低保对象名单的公示";
    vec![
        link(
            1207,
            title,
            Place::Page,
            "https://www.glxsq.gov.cn/zwgk/t20261127_1207.html",
            Some(404),
            Some("HTTP 404"),
        ),
        link(
            1207,
            title,
            Place::Body,
            "https://mzj.glxsq.gov.cn/files/低保名单.xls",
            None,
            Some("no answer within 10 s (3 tries)"),
        ),
        link(
            1102,
            "象山区政务动态：区领导调研重点项目建设",
            Place::Attachment,
            "http://10.1.2.3/upload/调研.pdf",
            None,
            Some(
                "refused: 10.1.2.3 is a private address (--allow-private, or [links] allow_private = true in config.toml, allows it)",
            ),
        ),
    ]
}

fn show_links(a: &mut App, rows: Vec<LinkRow>) {
    keys(a, "8");
    let effects = keys(a, "L");
    let [(id, Load::View(views::Load::Findings(findings::Load::BrokenLinks)))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(findings::Loaded::BrokenLinks(Ok(rows))))));
}

#[test]
fn l_shows_the_broken_links_and_enter_opens_the_item() {
    let mut a = app();
    show_links(&mut a, broken());
    let text = text_of(&a);
    assert!(text.contains("Broken links · 3 on 2 online items, as last checked · 1 refused  L: findings"), "{text}");
    assert!(
        text.contains("404") && text.contains("11-29 02:05") && text.contains("https://www.glxsq.gov.cn/zwgk/"),
        "{text}"
    );
    // Enter opens the selected link's item.
    keys(&mut a, "j");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::View(views::Load::Findings(findings::Load::Item { id: 1207 })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(a.layer(), Layer::Item);
    key(&mut a, KeyCode::Esc);
    // `L` again: the content findings, which load then (they were never asked for).
    let effects = keys(&mut a, "L");
    assert!(matches!(loads(&effects)[..], []), "the findings loaded when the tab opened: {effects:?}");
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("Findings"), "{}", text_of(&a));
    // Back to the links: kept, not read again; F5 reads them again.
    assert!(loads(&keys(&mut a, "L")).is_empty());
    let effects = key(&mut a, KeyCode::F(5));
    assert!(
        loads(&effects).iter().any(|(_, l)| *l == Load::View(views::Load::Findings(findings::Load::BrokenLinks))),
        "{effects:?}"
    );
}

#[test]
fn the_broken_links_screens() {
    let cases: Vec<State> =
        vec![("broken_links", |a| show_links(a, broken())), ("broken_links_none", |a| show_links(a, vec![]))];
    snapshot_all(cases);
}

fn withdraw_1207(a: &mut App) -> Vec<Effect> {
    show_links(a, broken());
    key(a, KeyCode::Enter);
    let mut item = super::findings::found_item();
    item.0.fields.url = Some("https://www.glxsq.gov.cn/zwgk/t20261127_1207.html".into());
    let id = a.views.findings.item.as_ref().unwrap().waiting.unwrap();
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Findings(findings::Loaded::Item(Ok(item))))));
    keys(a, "w");
    let effects = key(a, KeyCode::Enter);
    let [(id, Load::Retract { .. })] = loads(&effects)[..] else { panic!("{effects:?}") };
    let done = Withdrawal { withdrawn: vec![1207], already: vec![], requests_closed: 0, batch: None };
    a.update(Msg::Loaded(id, Loaded::Withdrawn(Ok(done))))
}

#[test]
fn a_withdrawal_checks_the_public_pages_on_a_task_and_says_what_still_points_at_them() {
    let mut a = app();
    a.set_link_settings(Ok(Settings { allow_private: true, ..Settings::built_in() }));
    let effects = withdraw_1207(&mut a);
    let checks: Vec<(u64, Load)> =
        loads(&effects).into_iter().filter(|(_, l)| matches!(l, Load::CheckPages { .. })).collect();
    let [(check, Load::CheckPages { items, settings })] = &checks[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1207]);
    assert!(settings.allow_private, "the settings of config.toml");
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 1207 from every column");
    // The console does not wait: keys work while the pages are fetched, and the status line
    // says how far the check has got (another query's progress is not this check's).
    keys(&mut a, "2");
    assert_eq!(a.tab, Tab::Columns);
    a.update(Msg::Progress(*check + 1000, 5, 9));
    assert!(!text_of(&a).contains("pages checked"), "{}", text_of(&a));
    a.update(Msg::Progress(*check, 0, 1));
    let status = text_of(&a).lines().last().unwrap().to_string();
    assert!(status.contains("withdrawn pages checked 0/1"), "{status}");
    crate::i18n::scoped(Lang::ZhCn, || {
        let status = text_of(&a).lines().last().unwrap().to_string();
        assert!(status.contains("已检查撤回页面 0/1"), "{status}");
    });
    let page = "https://www.glxsq.gov.cn/zwgk/t20261127_1207.html";
    let mut still = link(1207, "公示", Place::Page, page, Some(200), Some("answers 200 without the withdrawal notice"));
    still.item_status = ItemStatus::Withdrawn;
    still.verdict = Verdict::StillPublic;
    let from = |item| link(item, "链接到它的信息", Place::Body, page, Some(200), None);
    let found = AfterWithdrawal {
        pages: 1,
        still_public: vec![still],
        unsure: vec![],
        linked_from: vec![from(1300), from(1301)],
    };
    let effects = a.update(Msg::Loaded(*check, Loaded::PagesChecked(Ok(found))));
    let notice = a.notice.clone().unwrap();
    assert!(notice.error, "{notice:?}");
    assert_eq!(
        notice.text,
        format!(
            "item 1207: its public page {page} still answers without the withdrawal notice; \
             2 online items still link to a withdrawn page (items 1300, 1301)"
        )
    );
    // The broken links shown are read again (the Withdrawn tab, not yet shown, loads when visited).
    assert!(
        loads(&effects).iter().any(|(_, l)| *l == Load::View(views::Load::Findings(findings::Load::BrokenLinks))),
        "{effects:?}"
    );
    assert!(!text_of(&a).contains("pages checked"), "the check is over: {}", text_of(&a));
    // In Chinese.
    let found = AfterWithdrawal { pages: 2, ..AfterWithdrawal::default() };
    let said = crate::i18n::scoped(Lang::ZhCn, || pages_said(&found));
    assert_eq!(said, Some(("已撤回信息的 2 个公开页面均已撤下（或显示撤回说明）".to_string(), false)));
    assert_eq!(pages_said(&AfterWithdrawal::default()), None, "no public page: nothing to say");
}

#[test]
fn a_check_that_cannot_run_is_said_and_the_withdrawal_stands() {
    let mut a = app();
    a.set_link_settings(Err("config.toml: unknown field `allow_privat`".into()));
    let effects = withdraw_1207(&mut a);
    assert!(!loads(&effects).iter().any(|(_, l)| matches!(l, Load::CheckPages { .. })), "{effects:?}");
    let notice = a.notice.clone().unwrap();
    assert!(notice.error && notice.text.contains("allow_privat"), "{notice:?}");
    // A store error from the check itself.
    let mut a = app();
    let effects = withdraw_1207(&mut a);
    let [(check, _)] =
        loads(&effects).into_iter().filter(|(_, l)| matches!(l, Load::CheckPages { .. })).collect::<Vec<_>>()[..]
    else {
        panic!("{effects:?}")
    };
    a.update(Msg::Loaded(check, Loaded::PagesChecked(Err("the database said no".into()))));
    assert_eq!(a.notice.clone().unwrap().text, "the withdrawn pages were not checked: the database said no");
}

/// The broken links' hint line names what works there, and the way back: not the findings' keys.
#[test]
fn the_broken_links_hint_line_shows_their_keys_and_the_way_back() {
    let mut a = app();
    show_links(&mut a, broken());
    assert_eq!(a.layer(), Layer::BrokenLinks);
    let rows: Vec<String> = text_of(&a).lines().map(str::to_string).collect();
    let hints = &rows[rows.len() - 2];
    assert!(hints.contains("L findings") && hints.contains("Enter open"), "{hints}");
    assert!(!hints.contains("waive") && !hints.contains("incident") && !hints.contains("broken links"), "{hints}");
    // The findings' keys do nothing here.
    assert!(loads(&keys(&mut a, "W")).is_empty() && matches!(a.overlay, Overlay::None));
    crate::i18n::scoped(Lang::ZhCn, || {
        let rows: Vec<String> = text_of(&a).lines().map(str::to_string).collect();
        assert!(rows[rows.len() - 2].contains("L 内容检查"), "{}", rows[rows.len() - 2]);
    });
    // Back in the findings, theirs again.
    keys(&mut a, "L");
    assert_eq!(a.layer(), Layer::Findings);
    let rows: Vec<String> = text_of(&a).lines().map(str::to_string).collect();
    assert!(rows[rows.len() - 2].contains("L broken links"), "{}", rows[rows.len() - 2]);
}
