//! A new administrator's first morning (issue 22): messages that fade and are kept, a hint line in
//! every view, a help that pages and searches.

use super::*;
use crate::ui::views::help;

fn rows(a: &App) -> Vec<String> {
    text_of(a).lines().map(str::to_string).collect()
}

/// The hint line: the row above the status line.
fn hint_line(a: &App) -> String {
    let r = rows(a);
    r[r.len() - 2].clone()
}

#[test]
fn a_message_fades_on_the_next_key_and_does_not_follow_to_another_tab() {
    let mut a = app();
    keys(&mut a, ":unit nobody");
    key(&mut a, KeyCode::Enter);
    let said = a.notice.clone().expect("the unknown unit is said");
    assert!(said.error);
    assert!(foot_of(&a).contains("nobody"), "{}", foot_of(&a));
    // The next key (to another tab) clears it; the log keeps it.
    key(&mut a, KeyCode::Tab);
    assert!(a.notice.is_none());
    assert!(!foot_of(&a).contains("nobody"), "{}", foot_of(&a));
    assert_eq!(a.messages.len(), 1);
    assert_eq!(a.messages[0].text, said.text);
    // A motion key clears a message as well.
    keys(&mut a, ":unit nobody");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Down);
    assert!(a.notice.is_none());
    assert_eq!(a.messages.len(), 2, "each message once");
}

#[test]
fn the_message_log_shows_every_message_of_the_session_newest_last() {
    let mut a = app();
    for unit in ["甲局", "乙局", "丙局"] {
        keys(&mut a, &format!(":unit {unit}"));
        key(&mut a, KeyCode::Enter);
    }
    keys(&mut a, ":messages");
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Overlay::Messages(_)));
    let text = text_of(&a);
    let (first, last) = (text.find("甲局").unwrap(), text.find("丙局").unwrap());
    assert!(first < last, "oldest first, newest last:\n{text}");
    insta::assert_snapshot!("messages_80x24", screen(&a));
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn every_view_has_a_hint_line_at_80_columns_ending_with_the_help_key() {
    let mut a = app();
    for tab in Tab::ALL {
        a.switch(tab, &mut Vec::new());
        let hints = hint_line(&a);
        assert!(hints.trim_end().ends_with(&format!("? {}", t!("keyhint-app-help"))), "{tab:?}: {hints:?}");
    }
    let mut a = app();
    show_withdrawn(&mut a);
    assert!(hint_line(&a).contains("u restore"), "{}", hint_line(&a));
    // A withdrawal opens nothing: Enter is not offered there (it did nothing).
    assert!(!hint_line(&a).contains("Enter"), "{}", hint_line(&a));
    let mut a = app();
    show_retractions(&mut a);
    assert!(hint_line(&a).contains("w withdraw  d decline"), "{}", hint_line(&a));
    assert!(hint_line(&a).contains("Enter open"), "{}", hint_line(&a));
    // Typing a filter: its keys.
    keys(&mut a, "/");
    assert!(hint_line(&a).contains("Enter done  Esc cancel"), "{}", hint_line(&a));
}

#[test]
fn the_review_keys_are_on_the_hint_line() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    let hints = hint_line(&a);
    assert!(hints.contains("1–7 affirm  c all  a approve  r reject"), "{hints}");
}

/// The help's lines as its keys see them.
fn help_lines(a: &App) -> Vec<String> {
    a.pager_lines().iter().map(help::plain).collect()
}

fn scroll(a: &App) -> u16 {
    match &a.overlay {
        Overlay::Help(p) | Overlay::Messages(p) => p.scroll,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_help_pages_stops_at_its_end_and_searches() {
    let mut a = app();
    keys(&mut a, "?");
    let lines = help_lines(&a);
    let height = help::page_height(a.size);
    assert!(lines.len() > usize::from(height) * 2, "{} lines", lines.len());
    key(&mut a, KeyCode::PageDown);
    assert_eq!(scroll(&a), height, "PgDn pages, the help stays open");
    key(&mut a, KeyCode::PageUp);
    assert_eq!(scroll(&a), 0);
    for _ in 0..50 {
        key(&mut a, KeyCode::PageDown);
    }
    let last = (lines.len() - usize::from(height)) as u16;
    assert_eq!(scroll(&a), last, "never past its last line");
    key(&mut a, KeyCode::Down);
    assert_eq!(scroll(&a), last);
    // `/` searches inside the help.
    keys(&mut a, "/");
    keys(&mut a, "Ctrl-r");
    assert!(matches!(a.overlay, Overlay::Help(_)), "/ searches, the help stays");
    let at = lines.iter().position(|l| l.contains("Ctrl-r")).unwrap();
    assert_eq!(usize::from(scroll(&a)), at.min(usize::from(last)));
    key(&mut a, KeyCode::Enter);
    assert!(text_of(&a).contains("1 line holds “Ctrl-r”"), "{}", text_of(&a));
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));
}

/// The help's commands say what they do in one column, after the longest name (`:retractions`,
/// `:inspection` ran into their words); its search prompt keeps a blank before what is typed
/// (Fluent drops a message's last blank). In both languages.
#[test]
fn the_helps_commands_line_up_and_its_search_prompt_keeps_its_blank() {
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let mut a = app();
            keys(&mut a, "?");
            let lines = help_lines(&a);
            let start = |line: &str| {
                let after = line.trim_start().split_once(' ').map_or("", |(_, rest)| rest);
                crate::ui::text::width(line) - crate::ui::text::width(after.trim_start())
            };
            let commands: Vec<&String> = lines
                .iter()
                .filter(|l| l.strip_prefix("  :").is_some_and(|c| c.starts_with(char::is_alphabetic)))
                .collect();
            assert!(commands.len() > 20 && commands.iter().any(|l| l.contains(":retractions")), "{lines:?}");
            let column = start(commands[0]);
            for line in &commands {
                assert_eq!(start(line), column, "{line:?} in {commands:#?}");
            }
            keys(&mut a, "/");
            keys(&mut a, "x");
            let text = text_of(&a);
            let typed = text.lines().find(|l| l.contains('x') && l.contains(['：', ':'])).unwrap();
            assert!(typed.contains("help: x") || typed.contains("搜索：x"), "{typed}");
        });
    }
}

#[test]
fn the_help_is_wider_on_a_wide_screen_and_keeps_its_indentation() {
    let mut a = sized((160, 48), false);
    keys(&mut a, "?");
    let text = text_of(&a);
    let widest = text.lines().map(|l| crate::ui::text::width(l.trim_end())).max().unwrap();
    assert!(widest > 130, "{widest}");
    let mut a = app();
    keys(&mut a, "?");
    let lines = help_lines(&a);
    // A description too long for a row goes on under itself, not under the key.
    let long = lines.iter().position(|l| l.starts_with("  /  ")).unwrap();
    assert!(lines[long + 1].starts_with(&" ".repeat(13)), "{:?}", &lines[long..long + 2]);
    insta::assert_snapshot!("help_paged_80x24", screen(&a));
}

/// Lines as one text, a row wrapped joined to the next by a blank.
fn said(lines: &[String]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

#[test]
fn the_help_says_where_vim_keys_are_and_what_the_mouse_does() {
    let mut a = app();
    keys(&mut a, "?");
    let lines = said(&help_lines(&a));
    // A search for vim finds the way to its keys; the mouse's setting is named.
    assert!(lines.contains("--keymap vim"), "{lines}");
    assert!(lines.contains("keymap.toml"), "{lines}");
    assert!(lines.contains("mouse = false"), "{lines}");
    assert!(lines.contains("taken by the console"), "the console takes the mouse by default: {lines}");
    key(&mut a, KeyCode::Esc);
    // With `mouse = false` the help says the terminal has it.
    a.mouse = false;
    keys(&mut a, "?");
    let lines = said(&help_lines(&a));
    assert!(lines.contains("left to the terminal"), "{lines}");
    assert!(!lines.contains("taken by the console"), "{lines}");
    let zh = crate::i18n::scoped(Lang::ZhCn, || said(&help_lines(&a)));
    assert!(zh.contains("交给终端") && zh.contains("--keymap vim"), "{zh}");
}

/// A decision sent from the review screen, and the store's refusal of it coming back; the queue
/// reloaded after it.
fn refuse(a: &mut App, effects: &[Effect], why: &str) {
    let [(id, Load::View(views::Load::Queue(views::queue::Load::Review { .. })))] = loads(effects)[..] else {
        panic!("{effects:?}")
    };
    let effects =
        a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Queue(views::queue::Loaded::Decided(Err(why.into()))))));
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Page { .. })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    serve_queue(a, effects, &queue_rows());
}

#[test]
fn a_refused_approval_keeps_the_ticks() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    let effects = keys(&mut a, "ca");
    refuse(&mut a, &effects, "item 31 was changed by wang.fang since it was read; reload it and decide again");
    let r = a.views.queue.reviewing.as_ref().expect("the same item opens again");
    assert_eq!(r.entry.id, 31);
    assert!(r.checks.is_all(), "the seven ticks stay: {:?}", r.checks);
    // Another item opens with none.
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Down);
    open_reviewing(&mut a);
    assert_eq!(a.views.queue.reviewing.as_ref().unwrap().checks, Default::default());
}

#[test]
fn r_with_nothing_affirmed_asks_before_failing_all_seven() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    keys(&mut a, "r");
    assert!(a.views.queue.rejection.is_none(), "not yet");
    let said = a.notice.clone().unwrap();
    assert!(said.text.contains("r again rejects it failing all seven"), "{said:?}");
    keys(&mut a, "r");
    assert_eq!(a.views.queue.rejection.as_ref().unwrap().failed.0, crate::domain::item::ALL_CHECKS);
    key(&mut a, KeyCode::Esc);
    // Another key between the two: asked again.
    keys(&mut a, "r");
    keys(&mut a, "1");
    keys(&mut a, "r");
    assert!(a.views.queue.rejection.as_ref().is_some_and(|r| r.failed.0 != crate::domain::item::ALL_CHECKS));
}

#[test]
fn the_publish_step_shows_the_checks_ticked_and_p_never_publishes_an_item_lacking_its_columns() {
    let mut a = app();
    show_queue(&mut a);
    a.views.queue.items.cursor.selected = 3;
    open_reviewing(&mut a);
    let text = text_of(&a);
    assert_eq!(text.matches("[x]").count(), 7, "{text}");
    key(&mut a, KeyCode::Esc);
    // An approved item lacking its target columns cannot be marked for publishing.
    let mut rows = queue_rows();
    rows[3].missing = vec![AttachmentKind::TargetColumns];
    a.views.queue.items.rows = rows;
    key(&mut a, KeyCode::Char(' '));
    assert!(a.views.queue.marked.is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("lacks its target columns"));
    // Marked before it was found lacking: left out of the batch.
    a.views
        .queue
        .marked
        .insert(34, views::queue::Marked { version: 1, title: "象山区2026年1-10月主要经济指标".into() });
    keys(&mut a, "P");
    assert!(matches!(a.overlay, Overlay::None), "nothing to publish: {:?}", a.overlay);
}

#[test]
fn the_waiting_time_keeps_a_blank_before_the_step() {
    let mut a = app();
    show_queue(&mut a);
    // Six cells of waiting time (`9d 21h`).
    a.now = Utc.with_ymd_and_hms(2026, 11, 29, 22, 0, 0).unwrap();
    let text = text_of(&a);
    let row = text.lines().find(|l| l.contains("政府办")).unwrap();
    // A blank after the waiting time, then the item's id (right-aligned), a blank and the step.
    assert!(row.starts_with(" 9d 21h   31 gov"), "{row}");
}

#[test]
fn vim_motions_work_in_the_default_keymap() {
    let mut a = app();
    show_audit(&mut a);
    let at = |a: &App| a.views.audit.list.cursor.selected;
    keys(&mut a, "jj");
    assert_eq!(at(&a), 2);
    keys(&mut a, "k");
    assert_eq!(at(&a), 1);
    let last = a.views.audit.list.rows.len() - 1;
    keys(&mut a, "G");
    assert_eq!(at(&a), last);
    keys(&mut a, "g");
    assert_eq!(at(&a), 0);
    ctrl(&mut a, 'd');
    assert_eq!(at(&a), last, "a page down");
    ctrl(&mut a, 'u');
    assert_eq!(at(&a), 0);
}

#[test]
fn a_line_being_typed_takes_readline_keys_and_ctrl_c_cancels_it() {
    let mut a = app();
    keys(&mut a, ":unit 民政");
    ctrl(&mut a, 'u');
    let Overlay::Command { input, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert_eq!(input.lines(), [""], "Ctrl-u kills the line");
    keys(&mut a, "tree");
    ctrl(&mut a, 'a');
    keys(&mut a, "x");
    let Overlay::Command { input, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert_eq!(input.lines(), ["xtree"], "Ctrl-a goes to the start");
    ctrl(&mut a, 'c');
    assert!(matches!(a.overlay, Overlay::None), "Ctrl-c cancels the line");
    assert!(!a.quit, "and does not quit");
    ctrl(&mut a, 'c');
    assert!(a.quit, "elsewhere it quits");
}

/// Alt-f and Alt-b move by words as readline's do: to the end of the next word, to the start of
/// the one before; a run of Chinese characters is a word.
#[test]
fn alt_f_and_alt_b_move_by_words_as_readline_does() {
    let mut a = app();
    keys(&mut a, ":unit 民政局 abc");
    let alt = |a: &mut App, c: char| {
        a.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)));
    };
    let typed = |a: &App| {
        let Overlay::Command { input, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
        input.lines()[0].clone()
    };
    alt(&mut a, 'b');
    alt(&mut a, 'b');
    keys(&mut a, "X");
    assert_eq!(typed(&a), "unit X民政局 abc", "two words back: the start of 民政局");
    ctrl(&mut a, 'a');
    alt(&mut a, 'f');
    keys(&mut a, "Y");
    assert_eq!(typed(&a), "unitY X民政局 abc", "a word on: the end of unit, not the start of the next");
    alt(&mut a, 'f');
    keys(&mut a, "Z");
    assert_eq!(typed(&a), "unitY X民政局Z abc");
    ctrl(&mut a, 'e');
    ctrl(&mut a, 'w');
    assert_eq!(typed(&a), "unitY X民政局Z ", "Ctrl-w deletes the word before");
}

#[test]
fn slash_reopens_with_the_filter_selected_and_typing_replaces_it() {
    let mut a = app();
    keys(&mut a, "/fgj");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.current_filter(), "fgj");
    keys(&mut a, "/");
    assert!(hint_line(&a).starts_with(" ←→ edit (typing replaces it)  Enter done"), "{}", hint_line(&a));
    keys(&mut a, "mzj");
    assert_eq!(a.current_filter(), "mzj", "replaced, not appended");
    assert!(hint_line(&a).starts_with(" Enter done"), "typed: {}", hint_line(&a));
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "/");
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Backspace);
    keys(&mut a, "t");
    assert_eq!(a.current_filter(), "mzt", "the old filter edited");
}

#[test]
fn unit_after_stale_shows_the_units_every_column() {
    let mut a = app();
    keys(&mut a, ":stale");
    key(&mut a, KeyCode::Enter);
    assert!(a.views.columns.tree.as_ref().unwrap().mode.only_overdue);
    keys(&mut a, ":unit 民政局");
    key(&mut a, KeyCode::Enter);
    let mode = &a.views.columns.tree.as_ref().unwrap().mode;
    assert!(!mode.only_overdue && !mode.sort_overdue && mode.by_unit, "{mode:?}");
    assert!(text_of(&a).contains("机构职能"), "民政局's column, up to date or not: {}", text_of(&a));
}

#[test]
fn a_day_set_by_at_is_said_on_every_tab() {
    let mut a = app();
    keys(&mut a, ":at 2026-10-01");
    key(&mut a, KeyCode::Enter);
    assert_eq!(foot_of(&a).matches("2026-10-01").count(), 1, "said once: {}", foot_of(&a));
    for tab in Tab::ALL {
        a.switch(tab, &mut Vec::new());
        let foot = foot_of(&a);
        assert!(foot.lines().last().unwrap().contains("as of 2026-10-01"), "{tab:?}: {foot}");
    }
    keys(&mut a, ":at");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Down);
    assert!(!foot_of(&a).contains("as of"), "today: nothing said");
}

#[test]
fn the_decline_question_names_the_item_the_list_shows() {
    let mut a = app();
    show_retractions(&mut a);
    let item = a.views.retractions.list.selected().unwrap().item;
    keys(&mut a, "d");
    let last = text_of(&a).lines().last().unwrap().to_string();
    assert!(last.contains(&format!("withdraw item {item} ")), "{last}");
    assert!(text_of(&a).contains(&item.to_string()));
}

#[test]
fn the_status_line_keeps_the_start_of_the_operators_name_at_80_columns() {
    for lang in [Lang::En, Lang::ZhCn] {
        crate::i18n::scoped(lang, || {
            let mut a = app();
            let status = rows(&a).last().cloned().unwrap();
            // What does not fit is dropped from the end (the database), never the name's start.
            assert!(status.contains("li.jianhua · 桂林市"), "{status}");
            insta::assert_snapshot!(format!("status_line_{}_80x24", lang.tag()), status);
            a.operator =
                "administrator.of.the.people.s.government.of.xiangshan.district.guilin.portal.li.jianhua".into();
            let status = rows(&a).last().cloned().unwrap();
            assert!(status.contains("administrator.of"), "{status}");
            assert!(status.trim_end().ends_with('…'), "{status}");
            insta::assert_snapshot!(format!("status_line_long_name_{}_80x24", lang.tag()), status);
        });
    }
}
