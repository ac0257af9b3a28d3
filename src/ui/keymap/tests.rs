//! The shipped keymaps, a user's keymap laid over them, and the key reference made from them.

use super::*;

#[test]
fn the_key_reference_is_generated_from_the_keymaps() {
    let vim = Keymap::build(&[("default.toml", VIM)]).unwrap();
    let text = format!(
        "{}\n---\n\n{}",
        reference(&Keymap::default_map(), "Keys"),
        reference(&vim, "With `--keymap vim` (laid over the keys above)").replace("\n# ", "\n## ")
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    if std::env::var_os("PORTAL_ADMIN_UPDATE_DOCS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/keys.md is out of date: run PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --lib key_reference"
    );
}

fn build(user: &str) -> Result<Keymap, KeymapError> {
    Keymap::build(&[("default.toml", DEFAULT), ("user.toml", user)])
}

#[test]
fn the_shipped_maps_are_valid_and_bind_every_action() {
    let default = Keymap::default_map();
    let vim = Keymap::build(&[("default.toml", DEFAULT), ("vim.toml", VIM)]).unwrap();
    for map in [&default, &vim] {
        for action in Action::all().filter(|a| *a != Action::Noop) {
            assert!(
                Layer::ALL.iter().any(|l| map.bindings(*l).iter().any(|b| b.action == action)),
                "{} is not bound",
                action.name()
            );
        }
        assert!(map.warnings().is_empty(), "{:?}", map.warnings());
    }
    assert_eq!(vim.action(Layer::Columns, Key::parse("j").unwrap()), Some(Action::Down));
    assert_eq!(vim.action(Layer::Columns, Key::parse("G").unwrap()), Some(Action::Bottom));
}

#[test]
fn key_names_round_trip() {
    for name in ["q", "Q", "?", "/", ":", "-", "Enter", "Esc", "Ctrl-d", "Alt-x", "BackTab", "F5", "Space", "PageDown"]
    {
        assert_eq!(Key::parse(name).unwrap().to_string(), name);
    }
    assert_eq!(Key::parse("Shift-Tab").unwrap(), Key::parse("BackTab").unwrap());
    assert_eq!(Key::parse("Shift-g").unwrap(), Key::parse("G").unwrap());
    let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(event), Key::parse("G").unwrap());
    let event = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(Key::from_event(event), Key::parse("Ctrl-d").unwrap());
}

#[test]
fn a_user_binding_replaces_the_default_for_its_key_and_noop_removes_one() {
    let map =
        build("columns = [\n  { on = \"x\", run = \"columns.only_overdue\" },\n  { on = \"o\", run = \"noop\" },\n]\n")
            .unwrap();
    let x = Key::parse("x").unwrap();
    assert_eq!(map.action(Layer::Columns, x), Some(Action::OnlyOverdue));
    assert_eq!(map.action(Layer::Columns, Key::parse("o").unwrap()), None);
    // The description comes from the default map's binding of the same action.
    let b = map.bindings(Layer::Columns).iter().find(|b| b.key == x).unwrap();
    assert_eq!(
        b.description,
        Keymap::default_map()
            .bindings(Layer::Columns)
            .iter()
            .find(|b| b.action == Action::OnlyOverdue)
            .unwrap()
            .description
    );
    // Other views keep their bindings; global keys still reach the columns view.
    assert_eq!(map.action(Layer::Columns, Key::parse("q").unwrap()), Some(Action::Quit));
}

#[test]
fn an_unknown_action_is_refused_with_its_line() {
    let e = build("\ncolumns = [\n  { on = \"x\", run = \"columns.explode\" },\n]\n").unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("user.toml", 3));
    assert!(e.message.contains("unknown action \"columns.explode\""), "{e}");
}

#[test]
fn an_unknown_key_name_is_refused_with_its_line() {
    let e = build("global = [\n  { on = \"Hyper-x\", run = \"app.quit\" },\n]\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("unknown key name \"Hyper-x\""), "{e}");
    let e = build("global = [{ on = \"ab\", run = \"app.quit\" }]\n").unwrap_err();
    assert!(e.message.contains("unknown key name \"ab\""), "{e}");
}

#[test]
fn a_key_bound_twice_in_one_view_is_refused() {
    let e = build("columns = [\n  { on = \"x\", run = \"app.quit\" },\n  { on = \"x\", run = \"app.help\" },\n]\n")
        .unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("x is bound twice in [columns] (first on line 2)"), "{e}");
    // The same key in two views is fine.
    build("columns = [{ on = \"x\", run = \"app.quit\" }]\nitem = [{ on = \"x\", run = \"app.help\" }]\n").unwrap();
}

#[test]
fn a_toml_syntax_error_is_refused_with_its_line() {
    let e = build("global = [\n  { on = \"x\", run = \"app.quit\" \n").unwrap_err();
    assert_eq!(e.file, "user.toml");
    assert!(e.line >= 2, "{e}");
    assert!(!e.message.is_empty());
}

#[test]
fn an_unknown_view_or_field_is_refused() {
    let e = build("\n\ninbox = [{ on = \"x\", run = \"app.quit\" }]\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("unknown view \"inbox\""), "{e}");
    let e = build("global = [{ on = \"x\", run = \"app.quit\", when = \"always\" }]\n").unwrap_err();
    assert!(e.message.contains("when"), "{e}");
}

#[test]
fn keys_a_multiplexer_takes_are_warned_about() {
    let map = build("global = [{ on = \"Ctrl-b\", run = \"list.page_up\" }]\n").unwrap();
    let warnings = map.warnings();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("Ctrl-b") && warnings[0].contains("tmux"), "{warnings:?}");
}

mod properties {
    //! The parser against whatever a user's file may hold: it never panics, and a valid file
    //! comes back the same through what `keymap show` prints.

    use proptest::prelude::*;
    use serde::Serialize;

    use super::super::*;

    /// What a keymap file looks like, in pieces, shuffled into text that is nearly TOML.
    fn tomlish() -> impl Strategy<Value = String> {
        let mut pieces: Vec<String> = [
            "[", "]", "{", "}", "=", ",", "\"", "'", "\n", " ", "#", "on", "run", "desc", "[[", "]]", "\\", "\"\"\"",
            "0x", "1e9", "true", "-", ".", "\u{1b}", "民", "\u{202e}", "\r\n", "\t", "\u{0}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        pieces.extend(Layer::ALL.iter().map(|l| l.name().to_string()));
        pieces.extend(Action::all().map(|a| format!("\"{}\"", a.name())));
        pieces.extend(
            ["\"q\"", "\"Ctrl-\"", "\"Ctrl--\"", "\"F13\"", "\"Shift-Tab\"", "\"\"", "\"Alt-民\""].map(String::from),
        );
        let piece = prop_oneof![4 => proptest::sample::select(pieces), 1 => any::<char>().prop_map(String::from)];
        proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    /// A key's name as a file may give it.
    fn key_name() -> impl Strategy<Value = String> {
        let base = prop_oneof![
            proptest::char::range('!', '~').prop_map(String::from),
            proptest::sample::select(vec!['民', '区', 'é', 'ß']).prop_map(String::from),
            proptest::sample::select(NAMED.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>()),
            (1u8..=12).prop_map(|n| format!("F{n}")),
        ];
        let modifiers = proptest::sample::subsequence(vec!["Ctrl-", "Alt-", "Shift-"], 0..=3);
        (modifiers, base).prop_map(|(m, b)| format!("{}{b}", m.concat()))
    }

    #[derive(Serialize)]
    struct Entry {
        on: String,
        run: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        desc: Option<String>,
    }

    /// A keymap file of bindings (view, key, action, description), in their order.
    fn file(bindings: &[(String, String, String, Option<String>)]) -> String {
        let mut views: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for (view, on, run, desc) in bindings {
            views.entry(view.clone()).or_default().push(Entry { on: on.clone(), run: run.clone(), desc: desc.clone() });
        }
        toml::to_string(&views).expect("a keymap serialises")
    }

    /// A valid file: per view, distinct keys bound to actions (never `noop`), with or without a
    /// description (any text, quotes and controls included).
    fn valid() -> impl Strategy<Value = Vec<(String, String, String, Option<String>)>> {
        let actions: Vec<String> = Action::all().filter(|a| *a != Action::Noop).map(|a| a.name().to_string()).collect();
        let layers: Vec<String> = Layer::ALL.iter().map(|l| l.name().to_string()).collect();
        let binding = (
            proptest::sample::select(layers),
            key_name(),
            proptest::sample::select(actions),
            proptest::option::of(any::<String>()),
        );
        proptest::collection::vec(binding, 0..40).prop_map(|bindings| {
            let mut seen = std::collections::HashSet::new();
            bindings
                .into_iter()
                .filter(|(view, on, _, _)| Key::parse(on).is_ok_and(|k| seen.insert((view.clone(), k))))
                .collect()
        })
    }

    /// The rows `keymap show` prints: view, key, action, description.
    fn shown(map: &Keymap) -> Vec<(String, String, String, Option<String>)> {
        Layer::ALL
            .iter()
            .flat_map(|l| {
                map.bindings(*l).iter().map(|b| {
                    (l.name().to_string(), b.key.to_string(), b.action.name().to_string(), Some(b.description.clone()))
                })
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn any_tomlish_text_is_refused_or_taken_never_a_panic(text in tomlish()) {
            match Keymap::build(&[("default.toml", DEFAULT), ("user.toml", &text)]) {
                Ok(map) => prop_assert!(!map.bindings(Layer::Global).is_empty() || text.contains("global")),
                Err(e) => {
                    prop_assert_eq!(e.file, "user.toml");
                    let lines = text.split('\n').count();
                    prop_assert!(e.line >= 1 && e.line <= lines, "{} lines, line {}", lines, e.line);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }

        #[test]
        fn any_text_at_all_is_refused_or_taken_never_a_panic(text in any::<String>()) {
            let _ = Keymap::build(&[("user.toml", &text)]);
        }

        #[test]
        fn a_key_name_means_what_its_printed_name_means(name in key_name()) {
            if let Ok(key) = Key::parse(&name) {
                prop_assert_eq!(Key::parse(&key.to_string()), Ok(key), "{} printed as {}", name, key);
            }
        }

        #[test]
        fn a_valid_file_comes_back_the_same_through_keymap_show(bindings in valid()) {
            let text = file(&bindings);
            let map = Keymap::build(&[("user.toml", &text)]).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            // Every binding is there, in each view in the file's order.
            for layer in Layer::ALL.iter().copied() {
                let given: Vec<(Key, Action)> = bindings
                    .iter()
                    .filter(|(view, ..)| view == layer.name())
                    .map(|(_, on, run, _)| (Key::parse(on).unwrap(), Action::parse(run).unwrap()))
                    .collect();
                let taken: Vec<(Key, Action)> = map.bindings(layer).iter().map(|b| (b.key, b.action)).collect();
                prop_assert_eq!(taken, given);
            }
            // What `keymap show` prints, written back as a file, is the same map.
            let again = Keymap::build(&[("shown.toml", &file(&shown(&map)))])
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&again, &map);
            prop_assert_eq!(shown(&again), shown(&map));
        }
    }

    #[test]
    fn ctrl_with_shift_is_the_key_the_terminal_sends_and_shift_with_a_symbol_is_refused() {
        // Found by the properties above: `Ctrl-Shift-A` was bound as a key no event matches.
        assert_eq!(Key::parse("Ctrl-Shift-A"), Key::parse("Ctrl-a"));
        let event = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(event), Key::parse("Ctrl-Shift-A").unwrap());
        assert!(Key::parse("Shift-1").unwrap_err().contains("never reaches the console"));
        assert!(Key::parse("Shift-Space").unwrap_err().contains("Shift with Space"));
        assert_eq!(Key::parse("Shift-BackTab"), Key::parse("BackTab"));
    }

    #[test]
    fn the_shipped_maps_come_back_the_same_through_keymap_show() {
        for map in [Keymap::default_map(), Keymap::build(&[("default.toml", DEFAULT), ("vim.toml", VIM)]).unwrap()] {
            let again = Keymap::build(&[("shown.toml", &file(&shown(&map)))]).unwrap();
            assert_eq!(again, map);
        }
    }
}

/// Every binding of the shipped maps is said in Chinese in the help (`i18n/zh-CN/keys.ftl`), and
/// its English is the keymap's `desc` word for word; a description of one's own is shown as written.
#[test]
fn the_shipped_keys_are_described_in_both_languages_and_ones_own_as_written() {
    use crate::i18n::{Lang, scoped};
    for map in [Keymap::default_map(), Keymap::build(&[("default", DEFAULT), ("vim", VIM)]).unwrap()] {
        for layer in Layer::ALL.iter().copied() {
            for b in map.bindings(layer) {
                assert_eq!(scoped(Lang::En, || b.said(layer, &map)), b.description, "[{}] {}", layer.name(), b.key);
                let zh = scoped(Lang::ZhCn, || b.said(layer, &map));
                assert!(
                    zh != b.description && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "[{}] {} ({}): not in i18n/zh-CN/keys.ftl: {zh}",
                    layer.name(),
                    b.key,
                    b.action.name()
                );
            }
        }
    }
    let mine = "global = [{ on = \"Q\", run = \"app.quit\", desc = \"Leave\" }]";
    let own = Keymap::build(&[("default", DEFAULT), ("mine", mine)]).unwrap();
    let leave = own.bindings(Layer::Global).iter().find(|b| b.key.to_string() == "Q").unwrap();
    assert_eq!(scoped(Lang::ZhCn, || leave.said(Layer::Global, &own)), "Leave");
    // Without a description of its own, a key takes its action's: said in the language.
    let mine = "global = [{ on = \"Q\", run = \"app.quit\" }]";
    let plain = Keymap::build(&[("default", DEFAULT), ("mine", mine)]).unwrap();
    let quit = plain.bindings(Layer::Global).iter().find(|b| b.key.to_string() == "Q").unwrap();
    assert_eq!(scoped(Lang::ZhCn, || quit.said(Layer::Global, &plain)), "退出");
}

/// A key is named by `Key::name` alone: no catalog message (but the descriptions of the shipped
/// keymaps, which are data, and the names themselves) and no console source writes a named key's
/// name, so a key bound elsewhere, and the language, change every place it is said.
#[test]
fn no_message_and_no_console_code_writes_a_keys_name() {
    let names =
        ["Enter", "Esc", "PgUp", "PgDn", "PageUp", "PageDown", "Space", "Backspace", "回车", "空格", "上页", "下页"];
    let said = |text: &str, name: &str| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric());
            let after = text[at + name.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
            before && after
        })
    };
    for (lang, files) in i18n::CATALOGS {
        for (file, text) in files.iter().filter(|(f, _)| !["keys.ftl", "key_names.ftl", "toml.ftl"].contains(f)) {
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                // A key's description in the help (`key-…`) is the keymap's data, as written.
                if line.starts_with("key-") {
                    continue;
                }
                for name in names {
                    assert!(!said(line, name), "{}/{file}: {name} in {line:?}", lang.tag());
                }
            }
        }
    }
    let mut sources = Vec::new();
    i18n::tests::sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut sources);
    for (path, text) in
        sources.iter().filter(|(p, _)| !["keymap", "tests"].iter().any(|d| p.to_string_lossy().contains(d)))
    {
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        for name in names {
            assert!(!code.contains(&format!("\"{name}\"")), "{}: \"{name}\"", path.display());
        }
    }
}

/// A description that names a key names it as `Key::name` does, from the keymap in effect: in
/// English and in Chinese, and bound elsewhere, the help says the key that now does it.
#[test]
fn a_description_names_the_keys_the_keymap_binds() {
    use crate::i18n::{Lang, scoped};
    use crate::ui::views::Tab;
    let said = |map: &Keymap, tab: Tab| {
        let b = map.bindings(Layer::Global).iter().find(|b| b.action == Action::Show(tab)).expect("a tab key");
        b.said(Layer::Global, map)
    };
    let shipped = Keymap::default_map();
    let enter = Key::plain(KeyCode::Enter);
    scoped(Lang::En, || {
        assert!(said(&shipped, Tab::Findings).ends_with(&format!("({} opens the item)", enter.name())));
        assert!(said(&shipped, Tab::Find).ends_with(&format!("({} opens one)", enter.name())));
        assert!(said(&shipped, Tab::Sites).ends_with(&format!("({} enters one)", enter.name())));
        assert!(said(&shipped, Tab::Orders).ends_with("(d closes one by hand)"));
    });
    scoped(Lang::ZhCn, || {
        assert!(said(&shipped, Tab::Findings).ends_with(&format!("（{} 打开信息）", enter.name())));
        assert_eq!(enter.name(), "回车");
    });
    // `x` closes an order and `o` opens a finding's item instead: the tabs' descriptions follow.
    let mine = "orders = [{ on = \"d\", run = \"noop\" }, { on = \"x\", run = \"orders.done\" }]\n\
                findings = [{ on = \"o\", run = \"list.open\" }]";
    let rebound = Keymap::build(&[("default", DEFAULT), ("mine", mine)]).unwrap();
    scoped(Lang::En, || {
        assert!(said(&rebound, Tab::Orders).ends_with("(x closes one by hand)"), "{}", said(&rebound, Tab::Orders));
        assert!(said(&rebound, Tab::Findings).ends_with("(o opens the item)"));
        // A tab whose keys did not change says the shipped ones.
        assert!(said(&rebound, Tab::Find).ends_with("(Enter opens one)"));
    });
    scoped(Lang::ZhCn, || assert!(said(&rebound, Tab::Orders).ends_with("（x 人工销号）")));
}
