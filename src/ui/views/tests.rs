//! A view is added by its module, its line in `views!`, its keymap section and its catalog
//! messages: these tests fail when one of those pieces is missing.

use super::*;
use crate::i18n::{self, Lang};
use crate::ui::keymap::{DEFAULT, VIM};

/// The shipped keymaps as the console uses them: the default map, and the vim map laid over it.
fn shipped() -> Vec<(&'static str, Keymap)> {
    vec![
        ("default", Keymap::default_map()),
        ("vim", Keymap::build(&[("default.toml", DEFAULT), ("vim.toml", VIM)]).expect("the vim map is valid")),
    ]
}

#[test]
fn every_registered_view_has_a_tab_keys_and_words_in_both_languages() {
    let views = Views::default();
    let sections: toml::Table = toml::from_str(DEFAULT).expect("the default keymap is TOML");
    let maps = shipped();
    assert!(!Tab::ALL.is_empty());
    for tab in Tab::ALL.iter().copied() {
        assert_eq!(views.of(tab).layer(), tab.layer(), "{tab:?}: its view starts in its own layer");
        assert!(Layer::ALL.contains(&tab.layer()), "{tab:?}: its layer is listed");
        for (name, map) in &maps {
            let bound = map.bindings(Layer::Global).iter().any(|b| b.action == Action::Show(tab));
            assert!(bound, "{name} keymap: no global key brings {tab:?} to the front ({})", tab.action());
        }
        for lang in [Lang::En, Lang::ZhCn] {
            let name = tab.name();
            for key in [format!("tab-{name}"), format!("key-global-tab-{name}"), format!("command-{name}")] {
                assert!(i18n::has(lang, &key), "{}: {tab:?} lacks the message {key}", lang.tag());
            }
        }
    }
    for layer in Layer::ALL.iter().copied() {
        assert!(sections.contains_key(layer.name()), "keymaps/default.toml has no section {}", layer.name());
        for lang in [Lang::En, Lang::ZhCn] {
            let key = format!("view-{}", layer.name());
            assert!(i18n::has(lang, &key), "{}: {layer:?} lacks the message {key}", lang.tag());
        }
    }
}

#[test]
fn each_tab_has_a_name_and_an_action_of_its_own() {
    let mut names = std::collections::HashSet::new();
    for tab in Tab::ALL.iter().copied() {
        assert!(names.insert(tab.name()), "{tab:?}: its name is another tab's");
        assert_eq!(Action::parse(tab.action()), Some(Action::Show(tab)));
        assert_eq!(Layer::ALL.iter().find(|l| l.name() == tab.name()), Some(&tab.layer()));
    }
}
