//! The settings file, `config.toml` in the config directory, as `config check` and `config show`
//! read it: every setting the program knows, checked for its kind and its value, a mistake named
//! by file and line; and the settings in effect with where each comes from. The commands and the
//! console that use a setting read it where they use it (`i18n::setting`, `reports::links::settings`,
//! `usecase::backup::warn_after`); a file `config check` passes, they read the same way.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;

use crate::domain::links::DEFAULT_NOTICES;
use crate::i18n::Lang;
use crate::t;

/// The settings file in the config directory (which may not exist).
pub fn file() -> Option<PathBuf> {
    crate::places::setting("config.toml")
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    language: Option<Spanned<String>>,
    links: Option<Links>,
    backup: Option<Backup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Links {
    allow_private: Option<Spanned<bool>>,
    withdrawal_notice: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Backup {
    warn_after_days: Option<Spanned<u32>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// A settings file's text read and checked; a mistake as `FILE:LINE: what is wrong`.
fn parse(name: &str, text: &str) -> Result<Settings, String> {
    let at = |offset: usize, message: String| {
        t!("config-error", file = name, line = line_of(text, offset), message = message)
    };
    let settings: Settings = toml::from_str(text).map_err(|e| crate::i18n::toml_error(name, text, &e))?;
    if let Some(language) = &settings.language
        && Lang::parse(language.get_ref()).is_none()
    {
        return Err(at(language.span().start, t!("config-bad-language", value = language.get_ref().as_str())));
    }
    if let Some(notices) = settings.links.as_ref().and_then(|l| l.withdrawal_notice.as_ref())
        && notices.get_ref().iter().all(|n| n.trim().is_empty())
    {
        return Err(at(notices.span().start, t!("config-no-notice")));
    }
    if let Some(days) = settings.backup.as_ref().and_then(|b| b.warn_after_days.as_ref())
        && *days.get_ref() == 0
    {
        return Err(at(days.span().start, t!("config-zero-days")));
    }
    Ok(settings)
}

/// Checks the settings file `path`: `Ok` when every setting is known and fits, else the first
/// mistake as `FILE:LINE: what is wrong` (a file that cannot be read: why, naming it).
pub fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| t!("config-unreadable", file = path.display().to_string(), error = e.to_string()))?;
    parse(&path.display().to_string(), &text).map(drop)
}

/// A setting in effect: its name (`section.key`), its value, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    pub setting: String,
    pub value: Value,
    pub from: String,
}

/// The settings in effect, from `path` (checked as `check` does) if it exists, else the defaults;
/// `lang_option` is `--lang` when given (the language's other sources are the settings, then the
/// locale).
pub fn effective(path: Option<&Path>, lang_option: Option<Lang>) -> Result<Vec<Effective>, String> {
    let (settings, name) = match path.filter(|p| p.exists()) {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| t!("config-unreadable", file = path.display().to_string(), error = e.to_string()))?;
            let name = path.display().to_string();
            (parse(&name, &text)?, Some((name, text)))
        }
        None => (Settings::default(), None),
    };
    let from_file = |offset: usize| match &name {
        Some((name, text)) => format!("{name}:{}", line_of(text, offset)),
        None => t!("config-from-default"),
    };
    let default = || t!("config-from-default");
    let language = match (lang_option, &settings.language) {
        (Some(lang), _) => (lang, "--lang".to_string()),
        (None, Some(value)) => (Lang::parse(value.get_ref()).unwrap_or(Lang::En), from_file(value.span().start)),
        (None, None) => {
            let env = |name: &str| std::env::var(name).ok();
            let lang = crate::i18n::resolve(None, None, &env);
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find(|n| env(n).is_some_and(|v| !v.is_empty()));
            (lang, locale.map_or_else(default, |n| format!("{n}={}", env(n).unwrap_or_default())))
        }
    };
    let links = settings.links.unwrap_or_default();
    let notices = links.withdrawal_notice.as_ref();
    let days = settings.backup.and_then(|b| b.warn_after_days);
    Ok(vec![
        Effective { setting: "language".into(), value: Value::from(language.0.tag()), from: language.1 },
        Effective {
            setting: "links.allow_private".into(),
            value: Value::from(links.allow_private.as_ref().is_some_and(|a| *a.get_ref())),
            from: links.allow_private.as_ref().map_or_else(default, |a| from_file(a.span().start)),
        },
        Effective {
            setting: "links.withdrawal_notice".into(),
            value: Value::from(
                notices
                    .map_or_else(|| DEFAULT_NOTICES.iter().map(|s| s.to_string()).collect(), |n| n.get_ref().clone()),
            ),
            from: notices.map_or_else(default, |n| from_file(n.span().start)),
        },
        Effective {
            setting: "backup.warn_after_days".into(),
            value: Value::from(days.as_ref().map_or(super::backup::WARN_AFTER_DAYS, |d| *d.get_ref())),
            from: days.as_ref().map_or_else(default, |d| from_file(d.span().start)),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en<T>(f: impl FnOnce() -> T) -> T {
        crate::i18n::scoped(Lang::En, f)
    }

    #[test]
    fn every_known_setting_passes_and_a_mistake_is_named_by_its_line() {
        let good = r#"language = "zh-CN"

[links]
allow_private = true
withdrawal_notice = ["该信息已撤回"]

[backup]
warn_after_days = 3
"#;
        assert!(en(|| parse("config.toml", good)).is_ok());
        for (text, line, says) in [
            ("language = \"fr\"\n", 1, "fr"),
            ("language = \"en\"\nthem = \"dark\"\n", 2, "them"),
            ("[links]\nallow_private = \"yes\"\n", 2, "a boolean"),
            ("[links]\n\nwithdrawal_notice = [\" \"]\n", 3, "withdrawal_notice"),
            ("[backup]\nwarn_after_days = 0\n", 2, "warn_after_days"),
            ("[backup]\nwarn_after = 2\n", 2, "warn_after"),
            ("[backup\n", 1, ""),
        ] {
            let e = en(|| parse("config.toml", text)).unwrap_err();
            assert!(e.starts_with(&format!("config.toml:{line}:")), "{text:?}: {e}");
            assert!(e.contains(says) && !e.contains('\n'), "{text:?}: {e}");
        }
    }

    /// A file the TOML parser refuses is said in the language, in one line that keeps the file,
    /// the line and the column (the parser's own words in brackets).
    #[test]
    fn a_file_that_does_not_parse_is_said_in_the_language_with_its_place() {
        let path = "/home/a/.config/portal-admin/config.toml";
        let text = "language = \"zh-CN\"\n[backup\nwarn_after_days = 3\n";
        let zh = crate::i18n::scoped(Lang::ZhCn, || parse(path, text)).unwrap_err();
        assert!(zh.starts_with(&format!("{path}:2:8：此处写法有误（TOML 解析器：")), "{zh}");
        assert!(zh.ends_with('）') && !zh.contains('\n'), "{zh}");
        let english = en(|| parse(path, text)).unwrap_err();
        assert!(english.starts_with(&format!("{path}:2:8: ")) && !english.contains('\n'), "{english}");
        // The column counts characters, not bytes: a Chinese value before the mistake.
        let text = "language = \"中文\" x\n";
        let zh = crate::i18n::scoped(Lang::ZhCn, || parse("config.toml", text)).unwrap_err();
        assert!(zh.starts_with("config.toml:1:17："), "{zh}");
    }

    #[test]
    fn the_settings_in_effect_say_where_each_comes_from() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let shown = |lang| {
            en(|| effective(Some(&path), lang))
                .unwrap()
                .into_iter()
                .map(|e| (e.setting, e.value, e.from))
                .collect::<Vec<_>>()
        };
        let defaults = shown(Some(Lang::ZhCn));
        assert_eq!(defaults[0], ("language".into(), Value::from("zh-CN"), "--lang".into()));
        assert_eq!(defaults[1], ("links.allow_private".into(), Value::from(false), "default".into()));
        assert_eq!(defaults[3], ("backup.warn_after_days".into(), Value::from(7), "default".into()));
        std::fs::write(&path, "language = \"zh\"\n[backup]\nwarn_after_days = 3\n").unwrap();
        let set = shown(None);
        let file = path.display().to_string();
        assert_eq!(set[0], ("language".into(), Value::from("zh-CN"), format!("{file}:1")));
        assert_eq!(set[3], ("backup.warn_after_days".into(), Value::from(3), format!("{file}:3")));
        std::fs::write(&path, "colour = 1\n").unwrap();
        assert!(en(|| effective(Some(&path), None)).unwrap_err().starts_with(&format!("{file}:1:1: ")));
    }
}
