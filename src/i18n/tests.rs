use std::collections::{BTreeMap, BTreeSet};

use super::*;

fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

#[test]
fn the_option_wins_over_the_settings_and_the_locale() {
    let chinese = env(&[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(resolve(Some(Lang::En), Some(Lang::ZhCn), &chinese), Lang::En);
    assert_eq!(resolve(Some(Lang::ZhCn), Some(Lang::En), &env(&[("LANG", "en_GB.UTF-8")])), Lang::ZhCn);
}

#[test]
fn the_settings_win_over_the_locale() {
    assert_eq!(resolve(None, Some(Lang::ZhCn), &env(&[("LC_ALL", "C.UTF-8")])), Lang::ZhCn);
    assert_eq!(resolve(None, Some(Lang::En), &env(&[("LANG", "zh_CN.UTF-8")])), Lang::En);
}

#[test]
fn the_first_locale_variable_set_decides_as_posix_says() {
    // LC_ALL over LC_MESSAGES over LANG.
    let all = env(&[("LC_ALL", "C"), ("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "zh_CN.UTF-8")]);
    assert_eq!(resolve(None, None, &all), Lang::En);
    let messages = env(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]);
    assert_eq!(resolve(None, None, &messages), Lang::ZhCn);
    let messages = env(&[("LC_MESSAGES", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]);
    assert_eq!(resolve(None, None, &messages), Lang::En);
    assert_eq!(resolve(None, None, &env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
    assert_eq!(resolve(None, None, &env(&[("LANG", "zh_TW.UTF-8")])), Lang::ZhCn);
    // An empty variable is as good as unset: the next one decides.
    let empty = env(&[("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "zh_CN.GB18030")]);
    assert_eq!(resolve(None, None, &empty), Lang::ZhCn);
}

#[test]
fn english_is_the_default() {
    assert_eq!(resolve(None, None, &env(&[])), Lang::En);
    assert_eq!(resolve(None, None, &env(&[("LANG", "C.UTF-8")])), Lang::En);
    assert_eq!(resolve(None, None, &env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
}

#[test]
fn tags_are_read_as_people_write_them() {
    for tag in ["zh-CN", "zh_CN", "zh", "ZH-cn", "zh-Hans-CN"] {
        assert_eq!(Lang::parse(tag), Some(Lang::ZhCn), "{tag}");
    }
    for tag in ["en", "en-GB", "EN_us"] {
        assert_eq!(Lang::parse(tag), Some(Lang::En), "{tag}");
    }
    assert_eq!(Lang::parse("fr"), None);
    assert_eq!(Lang::parse(""), None);
}

/// The messages of one catalog file: each message's name and the variables it uses.
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_message {
            let (name, _) = line.split_once('=').unwrap_or_else(|| panic!("not a message: {line}"));
            let name = name.trim().to_string();
            assert!(out.insert(name.clone(), BTreeSet::new()).is_none(), "{name} twice");
            current = Some(name);
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some(name) = &current else { continue };
        let mut rest = line;
        while let Some(at) = rest.find("{ $").or_else(|| rest.find("{$")) {
            let after = rest[at..].trim_start_matches(['{', ' ', '$']);
            let var: String =
                after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
            out.get_mut(name).unwrap().insert(var);
            rest = &rest[at + 2..];
        }
    }
    out
}

#[test]
fn every_message_is_in_both_languages_with_the_same_arguments() {
    let (_, english) = CATALOGS[0];
    for (lang, files) in &CATALOGS[1..] {
        assert_eq!(files.len(), english.len(), "{}: the same files as English", lang.tag());
        for ((file, en), (other_file, other)) in english.iter().zip(files.iter()) {
            assert_eq!(file, other_file);
            let (en, other) = (messages(en), messages(other));
            let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{}/{file} lacks {missing:?}", lang.tag());
            let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(extra.is_empty(), "en/{file} lacks {extra:?}");
            for (key, vars) in &en {
                assert_eq!(vars, &other[key], "{key}: the same arguments in en and {}", lang.tag());
            }
        }
    }
}

/// The messages defined in more than one file of a language's catalogs: (message, first file, second file).
fn defined_twice<'a>(files: &[(&'a str, &str)]) -> Vec<(String, &'a str, &'a str)> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut twice = Vec::new();
    for (file, text) in files {
        for key in messages(text).into_keys() {
            if let Some(first) = seen.get(&key) {
                twice.push((key, *first, *file));
            } else {
                seen.insert(key, file);
            }
        }
    }
    twice
}

/// One bundle holds all of a language's files: a message in two of them would stop the program at
/// its start (or, added with overriding, one file would silently win), so each is defined once.
#[test]
fn no_message_is_defined_in_two_files_of_a_language() {
    for (lang, files) in CATALOGS {
        let twice = defined_twice(files);
        assert!(twice.is_empty(), "{}: defined in two files (message, file, file): {twice:?}", lang.tag());
    }
    let files = [("a.ftl", "one = 1\nshared = a\n"), ("b.ftl", "two = 2\nshared = b\n")];
    assert_eq!(defined_twice(&files), vec![("shared".to_string(), "a.ftl", "b.ftl")]);
}

/// Fluent drops the blanks that end a line of a message, so a prompt written `search the help: `
/// ran into what was typed after it; a blank a message means to end with is written `{" "}`.
#[test]
fn no_line_of_a_catalog_ends_in_a_blank_fluent_would_drop() {
    for (lang, files) in CATALOGS {
        for (file, text) in files {
            for (n, line) in text.lines().enumerate() {
                assert!(!line.ends_with([' ', '\t']), "{}/{file}:{}: ends in a blank: {line:?}", lang.tag(), n + 1);
            }
        }
    }
}

#[test]
fn every_catalog_loads_and_every_message_has_text() {
    for (lang, files) in CATALOGS {
        for (file, text) in files {
            for key in messages(text).keys() {
                assert!(has(lang, key), "{}/{file}: {key} did not load", lang.tag());
            }
        }
    }
}

/// Every `t!("key" …)` in the sources names a message of the catalogs (the catalogs are then
/// complete in both languages by the test above).
#[test]
fn every_message_the_code_uses_is_in_the_catalogs() {
    let mut used = Vec::new();
    sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut used);
    let mut count = 0;
    for (path, text) in used.iter().filter(|(p, _)| !p.ends_with("tests.rs")) {
        for key in keys_used(text) {
            count += 1;
            assert!(has(Lang::En, &key), "{}: {key} is in no catalog", path.display());
        }
    }
    assert!(count > 100, "only {count} messages found in the code: is the scan broken?");
}

/// The keys of `t!("…")` calls in a source text.
pub(crate) fn keys_used(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find("t!(") {
        let boundary = at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let call = rest[at + 3..].trim_start();
        match call.strip_prefix('"') {
            Some(call) if boundary => keys.push(call.split('"').next().unwrap_or("").to_string()),
            _ => {}
        }
        rest = &rest[at + 3..];
    }
    keys
}

pub(crate) fn sources(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn plurals_follow_each_language() {
    let mut one = FluentArgs::new();
    one.set("count", 1);
    let mut two = FluentArgs::new();
    two.set("count", 2);
    assert_eq!(text_in(Lang::En, "rows", Some(&one)), "(1 row)");
    assert_eq!(text_in(Lang::En, "rows", Some(&two)), "(2 rows)");
    assert_eq!(text_in(Lang::ZhCn, "rows", Some(&two)), "（共2行）");
}

#[test]
fn an_unknown_key_shows_as_itself() {
    assert_eq!(text_in(Lang::ZhCn, "no-such-message", None), "no-such-message");
}

#[test]
fn the_systems_common_errors_are_said_in_chinese_and_its_own_words_stay() {
    use std::io::{Error, ErrorKind};
    let zh = |e: &Error| scoped(Lang::ZhCn, || os_error(e));
    assert_eq!(zh(&Error::from(ErrorKind::NotFound)), "文件或目录不存在");
    assert_eq!(zh(&Error::from_raw_os_error(13)), "没有权限", "permission denied as the system gives it");
    assert_eq!(zh(&Error::from(ErrorKind::AlreadyExists)), "已经存在");
    assert!(zh(&Error::from(ErrorKind::ConnectionRefused)).starts_with("连接被拒绝"));
    let gbk = std::io::read_to_string(&[0xb2_u8, 0xe2, 0xca, 0xd4][..]).expect_err("GBK is not UTF-8");
    assert!(zh(&gbk).contains("UTF-8"), "a GBK file");
    // An error that carries its own words keeps them.
    assert_eq!(zh(&Error::new(ErrorKind::NotFound, "no row 7")), "no row 7");
    assert_eq!(scoped(Lang::En, || os_error(&Error::from(ErrorKind::PermissionDenied))), "permission denied");
    for kind in [ErrorKind::NotFound, ErrorKind::PermissionDenied, ErrorKind::TimedOut, ErrorKind::StorageFull] {
        let said = zh(&Error::from(kind));
        assert!(!said.contains(|c: char| c.is_ascii_alphabetic()), "{kind:?}: {said}");
    }
}

#[test]
fn a_toml_files_mistake_is_said_in_chinese_where_and_what() {
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct File {
        mouse: Option<bool>,
        language: Option<String>,
    }
    let said = |text: &str| {
        let e = toml::from_str::<File>(text).expect_err("a mistake");
        scoped(Lang::ZhCn, || toml_error("c.toml", text, &e))
    };
    assert_eq!(said("mouse = true\n[backup\n"), "c.toml 第 2 行第 8 列：表头没有闭合（应为 `]`）");
    assert_eq!(said("language = zh\n"), "c.toml 第 1 行第 12 列：文字须加引号（应为 加引号的文字）");
    assert_eq!(said("mouse = 3\n"), "c.toml 第 1 行第 9 列：类型不对：此处是整数 `3`（应为 true 或 false）");
    assert_eq!(said("mouse = true\nmouse = false\n"), "c.toml 第 2 行第 1 列：键重复");
    assert_eq!(said("colour = 1\n"), "c.toml 第 1 行第 1 列：没有 `colour` 这一项（应为 `mouse` 或 `language`）");
    // What the catalogs have no words for is given in the parser's own.
    assert_eq!(scoped(Lang::ZhCn, || toml_detail("a new complaint")), "此处写法有误（TOML 解析器：a new complaint）");
    let e = toml::from_str::<File>("mouse = 3\n").expect_err("a mistake");
    assert_eq!(
        scoped(Lang::En, || toml_error("c.toml", "mouse = 3\n", &e)),
        "c.toml:1:9: invalid type: integer `3`, expected a boolean"
    );
}
