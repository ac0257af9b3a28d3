//! Keys named in the interface's language, by one function over the keymap and the catalogs
//! (`Key::name`): the hint line, the help, confirmations and messages.

use super::*;

/// What the hint line (the row above the status line) says.
fn hint_line(app: &App) -> String {
    let text = text_of(app);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len() - 2].trim().to_string()
}

/// The help's lines whole, the help open.
fn help_whole(app: &App) -> String {
    app.pager_lines().iter().map(views::help::plain).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_hint_line_and_the_help_name_keys_in_chinese() {
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut a = app();
        let hints = hint_line(&a);
        // The round's keys first, then the tree's arrows, named as the keycaps are.
        assert!(hints.starts_with("o 只看逾期  u 按单位"), "{hints}");
        let wide = hint_line(&sized((160, 48), false));
        assert!(wide.contains("→ 展开  ← 折叠  空格 展开/折叠"), "{wide}");
        // A line being typed: done and left by keys no keymap binds, named all the same.
        keys(&mut a, "/");
        assert_eq!(hint_line(&a), "回车 完成  Esc 取消");
        key(&mut a, KeyCode::Esc);
        keys(&mut a, "?");
        let first = text_of(&a);
        insta::assert_snapshot!("help_zh_80x24", first);
        let help = format!("{first}\n{}", help_whole(&a));
        for said in ["回车", "空格", "上页", "下页", "Shift-Tab", "↑/↓ 上页/下页 滚动", "帮助——↑/↓ 上页/下页 滚动"]
        {
            assert!(help.contains(said), "{said} in\n{help}");
        }
        for english in ["Enter", "Space", "PageDown", "PgDn", "Right", "Left"] {
            assert!(!help.contains(english), "{english} in\n{help}");
        }
    });
}

#[test]
fn english_names_keys_as_their_keycaps() {
    let mut a = app();
    let wide = hint_line(&sized((160, 48), false));
    assert!(wide.contains("→ expand  ← collapse  Space fold"), "{wide}");
    keys(&mut a, "?");
    let help = format!("{}\n{}", text_of(&a), help_whole(&a));
    for said in ["Enter", "Space", "PgUp", "PgDn", "Shift-Tab", "↑/↓ PgUp/PgDn scroll"] {
        assert!(help.contains(said), "{said} in\n{help}");
    }
}

/// A key bound elsewhere is named where it is: in the hints, in a confirmation's keys and in a
/// message that says which key to press.
#[test]
fn a_key_bound_elsewhere_is_named_where_it_is_said() {
    let file = r#"
global = [{ on = "Esc", run = "noop" }, { on = "Ctrl-g", run = "app.back" }]
columns = [{ on = "Right", run = "noop" }, { on = "PageDown", run = "columns.expand" }]
"#;
    let keymap = Keymap::build(&[("keymaps/default.toml", crate::ui::keymap::DEFAULT), ("mine.toml", file)]).unwrap();
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut a = app();
        a.keymap = keymap.clone();
        let hints = crate::ui::widgets::hints::hints(&a.keymap, Layer::Columns, false, &|_| true);
        assert!(hints.contains(&("下页".to_string(), t!("keyhint-columns-expand"))), "{hints:?}");
        keys(&mut a, "/");
        keys(&mut a, "zzzz");
        key(&mut a, KeyCode::Enter);
        let text = text_of(&a);
        assert!(text.contains("（Ctrl-g 清除筛选）"), "{text}");
    });
}
