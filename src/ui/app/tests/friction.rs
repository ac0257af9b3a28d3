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
    let mut a = app();
    show_retractions(&mut a);
    assert!(hint_line(&a).contains("w withdraw  d decline"), "{}", hint_line(&a));
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
