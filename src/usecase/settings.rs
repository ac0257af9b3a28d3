//! The settings file, `config.toml` in the config directory: the one reader of it. Every setting
//! the program knows is read here into `Settings`, checked for its kind and its value, a mistake
//! (an unknown setting too) named by file and line; the commands and the console take what they
//! need from `Settings`, never from the file. `config show` lists the settings in effect with
//! where each comes from, `config check` checks a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;

use crate::domain::links::DEFAULT_NOTICES;
use crate::i18n::Lang;
use crate::t;

/// How old the last backup may be, in days, before the console warns (`[backup] warn_after_days`).
pub const WARN_AFTER_DAYS: u32 = 7;
/// The log's level when nothing sets it.
pub const LOG_LEVEL: &str = "info";
/// How many rotated log files are kept when `[log] keep` does not say.
pub const LOG_KEEP: usize = 7;
/// The size at which a log rotated by size starts a new file, in MiB, when `[log] max_size_mib`
/// does not say.
pub const LOG_MAX_SIZE_MIB: u32 = 16;

/// The settings file in the config directory (which may not exist).
pub fn file() -> Option<PathBuf> {
    crate::places::setting("config.toml")
}

/// The console's tab it opens on (`start_tab`), by the name its tab bar gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartTab {
    #[default]
    Queue,
    Columns,
    Retractions,
    Scores,
    Audit,
    Withdrawn,
    Inspect,
    Findings,
    Find,
    Orders,
    Sites,
}

impl StartTab {
    /// Every tab, in the order of the tab bar (the key that opens it is its place, 1 to 9, then 0
    /// for the tenth; the sites' overview, past the tenth, has no number).
    pub const ALL: [StartTab; 11] = [
        StartTab::Queue,
        StartTab::Columns,
        StartTab::Retractions,
        StartTab::Scores,
        StartTab::Audit,
        StartTab::Withdrawn,
        StartTab::Inspect,
        StartTab::Findings,
        StartTab::Find,
        StartTab::Orders,
        StartTab::Sites,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StartTab::Queue => "queue",
            StartTab::Columns => "columns",
            StartTab::Retractions => "retractions",
            StartTab::Scores => "scores",
            StartTab::Audit => "audit",
            StartTab::Withdrawn => "withdrawn",
            StartTab::Inspect => "inspect",
            StartTab::Findings => "findings",
            StartTab::Find => "find",
            StartTab::Orders => "orders",
            StartTab::Sites => "sites",
        }
    }

    /// Its place in the tab bar, from 0 (the queue).
    pub fn index(self) -> usize {
        StartTab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The number key that opens the tab: 1 for the queue … 9 for find, 0 for the tenth (the
    /// rectification orders); none past the tenth.
    pub fn number(self) -> Option<u8> {
        let i = self.index();
        (i < 10).then(|| ((i + 1) % 10) as u8)
    }

    /// A tab by its name or its number (`"scores"` or `"4"`, `"orders"` or `"0"`).
    pub fn parse(s: &str) -> Option<StartTab> {
        StartTab::ALL.into_iter().find(|t| t.as_str() == s || t.number().is_some_and(|n| n.to_string() == s))
    }
}

/// The console's colours (`theme`): the default palette, monochrome (as `NO_COLOR` and
/// `--no-color` give), or high contrast (bright colours and bold on a plain background, for a
/// projector or a weak eye); `[colours]` changes any named colour of the first and the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Default,
    Monochrome,
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Default, Theme::Monochrome, Theme::HighContrast];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Default => "default",
            Theme::Monochrome => "monochrome",
            Theme::HighContrast => "high-contrast",
        }
    }

    fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The console's named colours that `[colours]` sets: what each shows is said in
/// docs/settings.md; the console's theme (`ui::widgets::Theme`) has one style for each.
pub const COLOUR_NAMES: [&str; 10] =
    ["overdue", "empty", "due_soon", "ok", "dim", "heading", "bar", "bar_text", "chart", "found"];

/// The same, as settings named in messages and `config show`.
const COLOUR_SETTINGS: [&str; 10] = [
    "colours.overdue",
    "colours.empty",
    "colours.due_soon",
    "colours.ok",
    "colours.dim",
    "colours.heading",
    "colours.bar",
    "colours.bar_text",
    "colours.chart",
    "colours.found",
];

/// Whether `colour` is a colour the terminal can be told: a name (`red`, `lightblue`, `darkgray`
/// …), `#rrggbb`, or an index of the 256-colour palette (`0` to `255`) — what ratatui reads.
pub fn valid_colour(colour: &str) -> bool {
    !colour.trim().is_empty() && colour.parse::<ratatui::style::Color>().is_ok()
}

/// How often the log starts a new file (`[log] rotation`); the older files are kept up to `keep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rotation {
    #[default]
    Daily,
    Hourly,
    /// When the file reaches `[log] max_size_mib`.
    Size,
    Never,
}

impl Rotation {
    pub fn as_str(self) -> &'static str {
        match self {
            Rotation::Daily => "daily",
            Rotation::Hourly => "hourly",
            Rotation::Size => "size",
            Rotation::Never => "never",
        }
    }

    fn parse(s: &str) -> Option<Rotation> {
        [Rotation::Daily, Rotation::Hourly, Rotation::Size, Rotation::Never].into_iter().find(|r| r.as_str() == s)
    }
}

/// Every setting, read and checked; a setting the file does not give has its default.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `language`: the interface's language (under `--lang`, over the locale).
    pub language: Option<Lang>,
    /// `start_tab`: the console's first tab.
    pub start_tab: StartTab,
    /// `mouse`: whether the console takes the mouse (clicks on tabs and rows, the wheel).
    pub mouse: bool,
    /// `theme`: the console's colours.
    pub theme: Theme,
    /// `[colours]`: named colours over the theme's, each a name of `COLOUR_NAMES` and a colour
    /// `valid_colour` takes, in the order of `COLOUR_NAMES`.
    pub colours: Vec<(&'static str, String)>,
    /// `log_level`: the log's filter (tracing's env filter: `info`, `debug`, `portal_admin=debug`);
    /// under `--log-level` and `PORTAL_ADMIN_LOG`.
    pub log_level: Option<String>,
    /// `ambiguous_width`: 1 or 2 cells for East Asian ambiguous characters; under
    /// `--ambiguous-width` and `PORTAL_ADMIN_AMBIGUOUS_WIDTH`.
    pub ambiguous_width: Option<u8>,
    /// `database_url`: the database (under `--db` and `DATABASE_URL`), else the embedded one.
    pub database_url: Option<String>,
    /// `database_primary_url`: the primary of `database_url` when that is a hot standby, where
    /// every change goes (under `--db-primary` and `DATABASE_PRIMARY_URL`).
    pub database_primary_url: Option<String>,
    /// `site`: the site's code (under `--site`).
    pub site: Option<String>,
    /// `[links] allow_private`: link checks may reach loopback and private addresses.
    pub links_allow_private: bool,
    /// `[links] withdrawal_notice`: the texts the site shows on a withdrawn item's page.
    pub withdrawal_notice: Vec<String>,
    /// `[links] home_page`: the site's home page, which `links --probe` visits (站点无法访问).
    pub links_home_page: Option<String>,
    /// `[backup] warn_after_days`.
    pub backup_warn_after_days: u32,
    /// `[log] rotation`.
    pub log_rotation: Rotation,
    /// `[log] keep`: how many older log files are kept beside the current one.
    pub log_keep: usize,
    /// `[log] max_size_mib`: the size at which a log rotated by size starts a new file.
    pub log_max_size_mib: u32,
    /// Where each setting the file gives is: its name, and `FILE:LINE`.
    from: BTreeMap<&'static str, String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            language: None,
            start_tab: StartTab::default(),
            mouse: true,
            theme: Theme::default(),
            colours: Vec::new(),
            log_level: None,
            ambiguous_width: None,
            database_url: None,
            database_primary_url: None,
            site: None,
            links_allow_private: false,
            withdrawal_notice: DEFAULT_NOTICES.iter().map(|s| s.to_string()).collect(),
            links_home_page: None,
            backup_warn_after_days: WARN_AFTER_DAYS,
            log_rotation: Rotation::default(),
            log_keep: LOG_KEEP,
            log_max_size_mib: LOG_MAX_SIZE_MIB,
            from: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: Option<Spanned<String>>,
    start_tab: Option<Spanned<String>>,
    mouse: Option<Spanned<bool>>,
    theme: Option<Spanned<String>>,
    log_level: Option<Spanned<String>>,
    ambiguous_width: Option<Spanned<i64>>,
    database_url: Option<Spanned<String>>,
    database_primary_url: Option<Spanned<String>>,
    site: Option<Spanned<String>>,
    colours: Option<BTreeMap<String, Spanned<String>>>,
    links: Option<LinksSection>,
    backup: Option<BackupSection>,
    log: Option<LogSection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksSection {
    allow_private: Option<Spanned<bool>>,
    withdrawal_notice: Option<Spanned<Vec<String>>>,
    home_page: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupSection {
    warn_after_days: Option<Spanned<u32>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogSection {
    rotation: Option<Spanned<String>>,
    keep: Option<Spanned<u32>>,
    max_size_mib: Option<Spanned<u32>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// Whether `filter` is a log filter tracing's env filter takes.
pub fn valid_log_filter(filter: &str) -> bool {
    !filter.trim().is_empty() && tracing_subscriber::EnvFilter::try_new(filter).is_ok()
}

impl Settings {
    /// A settings file's text (`name` names it in messages) read and checked; a mistake as
    /// `FILE:LINE: what is wrong`.
    pub fn from_text(name: &str, text: &str) -> Result<Settings, String> {
        let at = |offset: usize, message: String| {
            t!("config-error", file = name, line = line_of(text, offset), message = message)
        };
        let file: File = toml::from_str(text).map_err(|e| crate::i18n::toml_error(name, text, &e))?;
        let mut s = Settings::default();
        let mut from = BTreeMap::new();
        let mut seen = |key: &'static str, offset: usize| {
            from.insert(key, format!("{name}:{}", line_of(text, offset)));
        };
        if let Some(v) = &file.language {
            let lang = Lang::parse(v.get_ref());
            s.language =
                Some(lang.ok_or_else(|| at(v.span().start, t!("config-bad-language", value = v.get_ref().as_str())))?);
            seen("language", v.span().start);
        }
        if let Some(v) = &file.start_tab {
            let names = StartTab::ALL.map(StartTab::as_str).join(", ");
            s.start_tab = StartTab::parse(v.get_ref()).ok_or_else(|| {
                at(v.span().start, t!("config-bad-start-tab", value = v.get_ref().as_str(), names = names))
            })?;
            seen("start_tab", v.span().start);
        }
        if let Some(v) = &file.mouse {
            s.mouse = *v.get_ref();
            seen("mouse", v.span().start);
        }
        if let Some(v) = &file.theme {
            s.theme = Theme::parse(v.get_ref())
                .ok_or_else(|| at(v.span().start, t!("config-bad-theme", value = v.get_ref().as_str())))?;
            seen("theme", v.span().start);
        }
        for (name, v) in file.colours.iter().flatten() {
            let Some(i) = COLOUR_NAMES.iter().position(|n| *n == name.as_str()) else {
                let names = COLOUR_NAMES.join(", ");
                return Err(at(v.span().start, t!("config-unknown-colour", name = name.as_str(), names = names)));
            };
            if !valid_colour(v.get_ref()) {
                let value = v.get_ref().as_str();
                return Err(at(v.span().start, t!("config-bad-colour", name = COLOUR_SETTINGS[i], value = value)));
            }
            s.colours.push((COLOUR_NAMES[i], v.get_ref().trim().to_string()));
            seen(COLOUR_SETTINGS[i], v.span().start);
        }
        s.colours.sort_by_key(|(name, _)| COLOUR_NAMES.iter().position(|n| n == name));
        if let Some(v) = &file.log_level {
            if !valid_log_filter(v.get_ref()) {
                return Err(at(v.span().start, t!("config-bad-log-level", value = v.get_ref().as_str())));
            }
            s.log_level = Some(v.get_ref().clone());
            seen("log_level", v.span().start);
        }
        if let Some(v) = &file.ambiguous_width {
            let width = *v.get_ref();
            if width != 1 && width != 2 {
                return Err(at(v.span().start, t!("config-bad-width", value = width)));
            }
            s.ambiguous_width = Some(width as u8);
            seen("ambiguous_width", v.span().start);
        }
        if let Some(v) = &file.database_url {
            crate::store::Target::parse(v.get_ref()).map_err(|e| at(v.span().start, e.to_string()))?;
            s.database_url = Some(v.get_ref().clone());
            seen("database_url", v.span().start);
        }
        if let Some(v) = &file.database_primary_url {
            let line = v.span().start;
            let read = match &s.database_url {
                Some(url) => crate::store::Target::parse(url).map_err(|e| at(line, e.to_string()))?,
                None => return Err(at(line, t!("replica-primary-without-url"))),
            };
            read.with_primary(v.get_ref()).map_err(|e| at(line, e))?;
            s.database_primary_url = Some(v.get_ref().clone());
            seen("database_primary_url", v.span().start);
        }
        if let Some(v) = &file.site {
            if v.get_ref().trim().is_empty() {
                return Err(at(v.span().start, t!("config-empty-site")));
            }
            s.site = Some(v.get_ref().clone());
            seen("site", v.span().start);
        }
        let links = file.links.unwrap_or_default();
        if let Some(v) = &links.allow_private {
            s.links_allow_private = *v.get_ref();
            seen("links.allow_private", v.span().start);
        }
        if let Some(v) = &links.withdrawal_notice {
            if v.get_ref().iter().all(|n| n.trim().is_empty()) {
                return Err(at(v.span().start, t!("config-no-notice")));
            }
            s.withdrawal_notice = v.get_ref().clone();
            seen("links.withdrawal_notice", v.span().start);
        }
        if let Some(v) = &links.home_page {
            s.links_home_page = Some(v.get_ref().trim().to_string()).filter(|h| !h.is_empty());
            seen("links.home_page", v.span().start);
        }
        if let Some(v) = file.backup.and_then(|b| b.warn_after_days) {
            if *v.get_ref() == 0 {
                return Err(at(v.span().start, t!("config-zero-days")));
            }
            s.backup_warn_after_days = *v.get_ref();
            seen("backup.warn_after_days", v.span().start);
        }
        let log = file.log.unwrap_or_default();
        if let Some(v) = &log.rotation {
            s.log_rotation = Rotation::parse(v.get_ref())
                .ok_or_else(|| at(v.span().start, t!("config-bad-rotation", value = v.get_ref().as_str())))?;
            seen("log.rotation", v.span().start);
        }
        if let Some(v) = &log.keep {
            if *v.get_ref() == 0 {
                return Err(at(v.span().start, t!("config-zero-keep")));
            }
            s.log_keep = *v.get_ref() as usize;
            seen("log.keep", v.span().start);
        }
        if let Some(v) = &log.max_size_mib {
            if *v.get_ref() == 0 {
                return Err(at(v.span().start, t!("config-zero-size")));
            }
            s.log_max_size_mib = *v.get_ref();
            seen("log.max_size_mib", v.span().start);
        }
        s.from = from;
        Ok(s)
    }

    /// The settings in file `path`, checked; the defaults when there is no such file.
    pub fn read(path: &Path) -> Result<Settings, String> {
        if !path.exists() {
            return Ok(Settings::default());
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            t!("config-unreadable", file = path.display().to_string(), error = crate::i18n::os_error(&e))
        })?;
        Settings::from_text(&path.display().to_string(), &text)
    }

    /// Where a setting the file gives is (`FILE:LINE`), if the file gives it.
    pub fn given_at(&self, setting: &str) -> Option<&str> {
        self.from.get(setting).map(String::as_str)
    }
}

/// The user's own settings (`config.toml` in the config directory), read once for the process;
/// the defaults without a file; a file with a mistake is `Err`, the mistake as `FILE:LINE: …`.
pub fn current() -> Result<&'static Settings, String> {
    static CURRENT: OnceLock<Result<Settings, String>> = OnceLock::new();
    CURRENT
        .get_or_init(|| match file() {
            Some(path) => Settings::read(&path),
            None => Ok(Settings::default()),
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Checks the settings file `path`: `Ok` when every setting is known and fits, else the first
/// mistake as `FILE:LINE: what is wrong` (a file that cannot be read: why, naming it).
pub fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| t!("config-unreadable", file = path.display().to_string(), error = crate::i18n::os_error(&e)))?;
    Settings::from_text(&path.display().to_string(), &text).map(drop)
}

/// A setting in effect: its name (`section.key`), its value, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    pub setting: String,
    pub value: Value,
    pub from: String,
}

/// What the command line and the environment set over the file: each a value and its source
/// (`--db`, `DATABASE_URL` …).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub language: Option<Lang>,
    pub log_level: Option<(String, String)>,
    pub ambiguous_width: Option<(u8, String)>,
    pub database_url: Option<(String, String)>,
    pub database_primary_url: Option<(String, String)>,
    pub site: Option<(String, String)>,
    pub monochrome: Option<String>,
}

/// The settings in effect, from `settings` (read from a file) under `over`, each with where it
/// comes from: the file and line, an option or variable, the locale, or the default.
pub fn effective(settings: &Settings, over: &Overrides) -> Vec<Effective> {
    let default = || t!("config-from-default");
    let from = |key: &str| settings.given_at(key).map_or_else(default, str::to_string);
    let one = |setting: &str, value: Value, source: String| Effective { setting: setting.into(), value, from: source };
    let language = match (over.language, settings.language) {
        (Some(lang), _) => (lang, "--lang".to_string()),
        (None, Some(lang)) => (lang, from("language")),
        (None, None) => {
            let env = |name: &str| std::env::var(name).ok();
            let lang = crate::i18n::resolve(None, None, &env);
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find(|n| env(n).is_some_and(|v| !v.is_empty()));
            (lang, locale.map_or_else(default, |n| format!("{n}={}", env(n).unwrap_or_default())))
        }
    };
    let or_file = |over: &Option<(String, String)>, key: &str, file: Option<String>, fallback: Value| match over {
        Some((value, source)) => (Value::from(value.as_str()), source.clone()),
        None => match file {
            Some(value) => (Value::from(value), from(key)),
            None => (fallback, default()),
        },
    };
    let log_level = or_file(&over.log_level, "log_level", settings.log_level.clone(), Value::from(LOG_LEVEL));
    let url = |u: &str| crate::store::target::redact(u);
    let database = or_file(
        &over.database_url.as_ref().map(|(u, s)| (url(u), s.clone())),
        "database_url",
        settings.database_url.as_deref().map(url),
        Value::Null,
    );
    // The file's primary goes with the file's database only (`cli::target`).
    let primary = or_file(
        &over.database_primary_url.as_ref().map(|(u, s)| (url(u), s.clone())),
        "database_primary_url",
        settings.database_primary_url.as_deref().map(url).filter(|_| over.database_url.is_none()),
        Value::Null,
    );
    let site = or_file(&over.site, "site", settings.site.clone(), Value::Null);
    let width = match (&over.ambiguous_width, settings.ambiguous_width) {
        (Some((w, source)), _) => (Value::from(*w), source.clone()),
        (None, Some(w)) => (Value::from(w), from("ambiguous_width")),
        (None, None) => (Value::from(1), default()),
    };
    let theme = match &over.monochrome {
        Some(source) => (Value::from(Theme::Monochrome.as_str()), source.clone()),
        None => (Value::from(settings.theme.as_str()), from("theme")),
    };
    let colours = COLOUR_NAMES.iter().zip(COLOUR_SETTINGS).map(|(name, setting)| {
        let given = settings.colours.iter().find(|(n, _)| n == name);
        one(setting, given.map_or(Value::Null, |(_, c)| Value::from(c.as_str())), from(setting))
    });
    let mut all = vec![
        one("language", Value::from(language.0.tag()), language.1),
        one("start_tab", Value::from(settings.start_tab.as_str()), from("start_tab")),
        one("mouse", Value::from(settings.mouse), from("mouse")),
        one("theme", theme.0, theme.1),
        one("log_level", log_level.0, log_level.1),
        one("ambiguous_width", width.0, width.1),
        one("database_url", database.0, database.1),
        one("database_primary_url", primary.0, primary.1),
        one("site", site.0, site.1),
        one("links.allow_private", Value::from(settings.links_allow_private), from("links.allow_private")),
        one(
            "links.withdrawal_notice",
            Value::from(settings.withdrawal_notice.clone()),
            from("links.withdrawal_notice"),
        ),
        one(
            "links.home_page",
            settings.links_home_page.clone().map_or(Value::Null, Value::from),
            from("links.home_page"),
        ),
        one("backup.warn_after_days", Value::from(settings.backup_warn_after_days), from("backup.warn_after_days")),
        one("log.rotation", Value::from(settings.log_rotation.as_str()), from("log.rotation")),
        one("log.keep", Value::from(settings.log_keep), from("log.keep")),
        one("log.max_size_mib", Value::from(settings.log_max_size_mib), from("log.max_size_mib")),
    ];
    let after_theme = all.iter().position(|e| e.setting == "theme").map_or(all.len(), |i| i + 1);
    all.splice(after_theme..after_theme, colours);
    all
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
start_tab = "scores"
mouse = false
theme = "monochrome"
log_level = "portal_admin=debug,info"
ambiguous_width = 2
database_url = "postgres://portal@db.example.gov.cn/portal?sslmode=verify-full"
database_primary_url = "postgres://portal@primary.example.gov.cn/portal?sslmode=verify-full"
site = "xiangshan"

[links]
allow_private = true
withdrawal_notice = ["该信息已撤回"]

[backup]
warn_after_days = 3

[log]
rotation = "hourly"
keep = 14
"#;
        let s = en(|| Settings::from_text("config.toml", good)).unwrap();
        assert_eq!(s.language, Some(Lang::ZhCn));
        assert_eq!((s.start_tab, s.start_tab.number()), (StartTab::Scores, Some(4)));
        assert!(!s.mouse);
        assert_eq!(s.theme, Theme::Monochrome);
        assert_eq!(s.log_level.as_deref(), Some("portal_admin=debug,info"));
        assert_eq!(s.ambiguous_width, Some(2));
        assert_eq!(s.site.as_deref(), Some("xiangshan"));
        assert!(s.links_allow_private);
        assert_eq!(s.withdrawal_notice, ["该信息已撤回"]);
        assert_eq!(s.backup_warn_after_days, 3);
        assert_eq!((s.log_rotation, s.log_keep), (Rotation::Hourly, 14));
        assert_eq!(s.given_at("log.keep"), Some("config.toml:20"));
        assert_eq!(
            s.database_primary_url.as_deref(),
            Some("postgres://portal@primary.example.gov.cn/portal?sslmode=verify-full")
        );
        assert_eq!(StartTab::parse("9"), Some(StartTab::Find));
        // The tenth tab by its name or its key, 0; the sites' overview by its name only.
        assert_eq!(StartTab::parse("orders"), Some(StartTab::Orders));
        assert_eq!(StartTab::parse("0"), Some(StartTab::Orders));
        assert_eq!((StartTab::parse("sites"), StartTab::Sites.number()), (Some(StartTab::Sites), None));
        assert_eq!(StartTab::parse("10"), None);
        let colours =
            "theme = \"high-contrast\"\n[colours]\nheading = \"LightCyan\"\noverdue = \"#FF8800\"\nbar = \"17\"\n";
        let s = en(|| Settings::from_text("config.toml", colours)).unwrap();
        assert_eq!(s.theme, Theme::HighContrast);
        let given = [("overdue", "#FF8800".to_string()), ("heading", "LightCyan".into()), ("bar", "17".into())];
        assert_eq!(s.colours, given, "in the order of COLOUR_NAMES");
        assert_eq!(s.given_at("colours.overdue"), Some("config.toml:4"));
        for (text, line, says) in [
            ("language = \"fr\"\n", 1, "fr"),
            ("language = \"en\"\nthem = \"dark\"\n", 2, "them"),
            ("[links]\nallow_private = \"yes\"\n", 2, "a boolean"),
            ("[links]\n\nwithdrawal_notice = [\" \"]\n", 3, "withdrawal_notice"),
            ("[backup]\nwarn_after_days = 0\n", 2, "warn_after_days"),
            ("[backup]\nwarn_after = 2\n", 2, "warn_after"),
            ("[backup\n", 1, ""),
            ("start_tab = \"home\"\n", 1, "home"),
            ("\ntheme = \"dark\"\n", 2, "dark"),
            ("log_level = \"loud[\"\n", 1, "loud["),
            ("ambiguous_width = 3\n", 1, "3"),
            ("database_url = \"mysql://x\"\n", 1, "mysql"),
            ("database_primary_url = \"postgres://db/x\"\n", 1, "no database_url"),
            ("database_url = \"sqlite:///x.db\"\n\ndatabase_primary_url = \"postgres://db/x\"\n", 3, "SQLite file"),
            ("database_url = \"postgres://r/x\"\ndatabase_primary_url = \"sqlite:///x.db\"\n", 2, "postgres://"),
            ("site = \" \"\n", 1, "site"),
            ("mouse = \"on\"\n", 1, "a boolean"),
            ("[log]\nrotation = \"weekly\"\n", 2, "weekly"),
            ("[log]\nkeep = 0\n", 2, "keep"),
            ("[log]\nmax_size_mib = 0\n", 2, "max_size_mib"),
            ("[log]\nsize = 10\n", 2, "size"),
            ("theme = \"dark\"\n", 1, "high-contrast"),
            ("theme = \"high-contrast\"\n\n[colours]\noverdue = \"#ff8800\"\nbar = \"blu\"\n", 5, "colours.bar = blu"),
            ("[colours]\nok = \"#12345\"\n", 2, "#12345"),
            ("[colours]\nok = \"256\"\n", 2, "256"),
            ("[colours]\nok = \"\"\n", 2, "colours.ok"),
            ("[colours]\n\nalarm = \"red\"\n", 3, "alarm"),
            ("[colours]\nok = 2\n", 2, "a string"),
        ] {
            let e = en(|| Settings::from_text("config.toml", text)).unwrap_err();
            assert!(e.starts_with(&format!("config.toml:{line}:")), "{text:?}: {e}");
            assert!(e.contains(says) && !e.contains('\n'), "{text:?}: {e}");
        }
    }

    /// A file the TOML parser refuses is said in the language, in one line that keeps the file,
    /// the line and the column, and says what is wrong.
    #[test]
    fn a_file_that_does_not_parse_is_said_in_the_language_with_its_place() {
        let path = "/home/a/.config/portal-admin/config.toml";
        let text = "language = \"zh-CN\"\n[backup\nwarn_after_days = 3\n";
        let zh = crate::i18n::scoped(Lang::ZhCn, || Settings::from_text(path, text)).unwrap_err();
        assert_eq!(zh, format!("{path} 第 2 行第 8 列：表头没有闭合（应为 `]`）"));
        let english = en(|| Settings::from_text(path, text)).unwrap_err();
        assert!(english.starts_with(&format!("{path}:2:8: ")) && !english.contains('\n'), "{english}");
        // The column counts characters, not bytes: a Chinese value before the mistake.
        let text = "language = \"中文\" x\n";
        let zh = crate::i18n::scoped(Lang::ZhCn, || Settings::from_text("config.toml", text)).unwrap_err();
        assert!(zh.starts_with("config.toml 第 1 行第 17 列："), "{zh}");
    }

    /// docs/settings.md's example is a file that fits, with the high-contrast theme and colours.
    #[test]
    fn the_settings_page_s_example_fits() {
        let page = include_str!("../../docs/settings.md");
        let example = page.split("```toml\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
        let s = en(|| Settings::from_text("settings.md", example)).unwrap();
        assert_eq!((s.theme, s.colours.len()), (Theme::HighContrast, 3));
    }

    #[test]
    fn without_a_file_every_setting_has_its_default() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::read(&dir.path().join("config.toml")).unwrap();
        assert_eq!(s, Settings::default());
        assert!(s.mouse, "the console takes the mouse unless told not to");
        assert_eq!((s.start_tab, s.theme, s.backup_warn_after_days), (StartTab::Queue, Theme::Default, 7));
        assert_eq!(s.withdrawal_notice.len(), DEFAULT_NOTICES.len());
    }

    #[test]
    fn the_settings_in_effect_say_where_each_comes_from() {
        let shown = |s: &Settings, over: &Overrides| {
            en(|| effective(s, over)).into_iter().map(|e| (e.setting, (e.value, e.from))).collect::<BTreeMap<_, _>>()
        };
        let defaults = shown(&Settings::default(), &Overrides { language: Some(Lang::ZhCn), ..Overrides::default() });
        assert_eq!(defaults["language"], (Value::from("zh-CN"), "--lang".into()));
        assert_eq!(defaults["links.allow_private"], (Value::from(false), "default".into()));
        assert_eq!(defaults["backup.warn_after_days"], (Value::from(7), "default".into()));
        assert_eq!(defaults["database_url"], (Value::Null, "default".into()));
        let text =
            "language = \"zh\"\ndatabase_url = \"postgres://wang:secret@db/portal\"\n[backup]\nwarn_after_days = 3\n";
        let file = en(|| Settings::from_text("/home/wang/config.toml", text)).unwrap();
        let set = shown(&file, &Overrides::default());
        assert_eq!(set["language"], (Value::from("zh-CN"), "/home/wang/config.toml:1".into()));
        assert_eq!(set["backup.warn_after_days"], (Value::from(3), "/home/wang/config.toml:4".into()));
        assert!(
            !set["database_url"].0.to_string().contains("secret"),
            "a password is never shown: {:?}",
            set["database_url"]
        );
        let over = Overrides {
            ambiguous_width: Some((2, "PORTAL_ADMIN_AMBIGUOUS_WIDTH".into())),
            database_url: Some(("sqlite:///srv/portal.db".into(), "--db".into())),
            monochrome: Some("NO_COLOR".into()),
            ..Overrides::default()
        };
        let over = shown(&file, &over);
        assert_eq!(over["ambiguous_width"], (Value::from(2), "PORTAL_ADMIN_AMBIGUOUS_WIDTH".into()));
        assert_eq!(over["database_url"].1, "--db");
        assert_eq!(over["theme"], (Value::from("monochrome"), "NO_COLOR".into()));
    }
}
