//! The interface's language: which one is in effect, and the messages in it.
//!
//! The texts are Fluent message catalogs, data files in `i18n/<language>/*.ftl` embedded in the
//! binary ([`CATALOGS`]), read with `fluent-bundle` (arguments, and plurals by each language's CLDR
//! rules). The language is resolved in one place, [`resolve`]: `--lang` over the settings'
//! `language` over the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) over English. `main` sets it once
//! ([`set`]); until then, and in the library's tests, it is English.
//!
//! Only what a person reads is translated: command-line names, CSV and JSON field names and
//! values are the scripting contract and stay English in both languages (docs/glossary.md).

use std::cell::Cell;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

pub use fluent_bundle::{FluentArgs, FluentValue};
use fluent_bundle::{FluentResource, concurrent::FluentBundle};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The language's tag, as `--lang` and the settings take it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// A tag as a person may write it: `zh-CN`, `zh_CN`, `zh`, `en`, `en-GB` … (any case).
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or("");
        match primary {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The catalogs, per language: (file, text). Both languages have the same files.
pub const CATALOGS: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("audit_summary.ftl", include_str!("../../i18n/en/audit_summary.ftl")),
            ("audit_words.ftl", include_str!("../../i18n/en/audit_words.ftl")),
            ("backup.ftl", include_str!("../../i18n/en/backup.ftl")),
            ("calendar_warning.ftl", include_str!("../../i18n/en/calendar_warning.ftl")),
            ("cli.ftl", include_str!("../../i18n/en/cli.ftl")),
            ("codes.ftl", include_str!("../../i18n/en/codes.ftl")),
            ("columns.ftl", include_str!("../../i18n/en/columns.ftl")),
            ("deadline.ftl", include_str!("../../i18n/en/deadline.ftl")),
            ("documents.ftl", include_str!("../../i18n/en/documents.ftl")),
            ("console.ftl", include_str!("../../i18n/en/console.ftl")),
            ("fields.ftl", include_str!("../../i18n/en/fields.ftl")),
            ("findings_said.ftl", include_str!("../../i18n/en/findings_said.ftl")),
            ("findings_stored.ftl", include_str!("../../i18n/en/findings_stored.ftl")),
            ("friction.ftl", include_str!("../../i18n/en/friction.ftl")),
            ("history.ftl", include_str!("../../i18n/en/history.ftl")),
            ("initials.ftl", include_str!("../../i18n/en/initials.ftl")),
            ("inspect_said.ftl", include_str!("../../i18n/en/inspect_said.ftl")),
            ("help.ftl", include_str!("../../i18n/en/help.ftl")),
            ("keys.ftl", include_str!("../../i18n/en/keys.ftl")),
            ("key_names.ftl", include_str!("../../i18n/en/key_names.ftl")),
            ("keymap_errors.ftl", include_str!("../../i18n/en/keymap_errors.ftl")),
            ("links_console.ftl", include_str!("../../i18n/en/links_console.ftl")),
            ("manual.ftl", include_str!("../../i18n/en/manual.ftl")),
            ("os.ftl", include_str!("../../i18n/en/os.ftl")),
            ("periods.ftl", include_str!("../../i18n/en/periods.ftl")),
            ("places.ftl", include_str!("../../i18n/en/places.ftl")),
            ("rectify.ftl", include_str!("../../i18n/en/rectify.ftl")),
            ("refusals.ftl", include_str!("../../i18n/en/refusals.ftl")),
            ("replica.ftl", include_str!("../../i18n/en/replica.ftl")),
            ("orders.ftl", include_str!("../../i18n/en/orders.ftl")),
            ("remind.ftl", include_str!("../../i18n/en/remind.ftl")),
            ("notice.ftl", include_str!("../../i18n/en/notice.ftl")),
            ("restore.ftl", include_str!("../../i18n/en/restore.ftl")),
            ("review_return.ftl", include_str!("../../i18n/en/review_return.ftl")),
            ("rules.ftl", include_str!("../../i18n/en/rules.ftl")),
            ("scripting.ftl", include_str!("../../i18n/en/scripting.ftl")),
            ("search.ftl", include_str!("../../i18n/en/search.ftl")),
            ("search_lists.ftl", include_str!("../../i18n/en/search_lists.ftl")),
            ("sites.ftl", include_str!("../../i18n/en/sites.ftl")),
            ("sites_console.ftl", include_str!("../../i18n/en/sites_console.ftl")),
            ("settings.ftl", include_str!("../../i18n/en/settings.ftl")),
            ("store.ftl", include_str!("../../i18n/en/store.ftl")),
            ("toml.ftl", include_str!("../../i18n/en/toml.ftl")),
            ("views.ftl", include_str!("../../i18n/en/views.ftl")),
            ("withdrawal_pages.ftl", include_str!("../../i18n/en/withdrawal_pages.ftl")),
            ("words.ftl", include_str!("../../i18n/en/words.ftl")),
            ("writes.ftl", include_str!("../../i18n/en/writes.ftl")),
        ],
    ),
    (
        Lang::ZhCn,
        &[
            ("audit_summary.ftl", include_str!("../../i18n/zh-CN/audit_summary.ftl")),
            ("audit_words.ftl", include_str!("../../i18n/zh-CN/audit_words.ftl")),
            ("backup.ftl", include_str!("../../i18n/zh-CN/backup.ftl")),
            ("calendar_warning.ftl", include_str!("../../i18n/zh-CN/calendar_warning.ftl")),
            ("cli.ftl", include_str!("../../i18n/zh-CN/cli.ftl")),
            ("codes.ftl", include_str!("../../i18n/zh-CN/codes.ftl")),
            ("columns.ftl", include_str!("../../i18n/zh-CN/columns.ftl")),
            ("deadline.ftl", include_str!("../../i18n/zh-CN/deadline.ftl")),
            ("documents.ftl", include_str!("../../i18n/zh-CN/documents.ftl")),
            ("console.ftl", include_str!("../../i18n/zh-CN/console.ftl")),
            ("fields.ftl", include_str!("../../i18n/zh-CN/fields.ftl")),
            ("findings_said.ftl", include_str!("../../i18n/zh-CN/findings_said.ftl")),
            ("findings_stored.ftl", include_str!("../../i18n/zh-CN/findings_stored.ftl")),
            ("friction.ftl", include_str!("../../i18n/zh-CN/friction.ftl")),
            ("history.ftl", include_str!("../../i18n/zh-CN/history.ftl")),
            ("initials.ftl", include_str!("../../i18n/zh-CN/initials.ftl")),
            ("inspect_said.ftl", include_str!("../../i18n/zh-CN/inspect_said.ftl")),
            ("help.ftl", include_str!("../../i18n/zh-CN/help.ftl")),
            ("keys.ftl", include_str!("../../i18n/zh-CN/keys.ftl")),
            ("key_names.ftl", include_str!("../../i18n/zh-CN/key_names.ftl")),
            ("keymap_errors.ftl", include_str!("../../i18n/zh-CN/keymap_errors.ftl")),
            ("links_console.ftl", include_str!("../../i18n/zh-CN/links_console.ftl")),
            ("manual.ftl", include_str!("../../i18n/zh-CN/manual.ftl")),
            ("os.ftl", include_str!("../../i18n/zh-CN/os.ftl")),
            ("periods.ftl", include_str!("../../i18n/zh-CN/periods.ftl")),
            ("places.ftl", include_str!("../../i18n/zh-CN/places.ftl")),
            ("rectify.ftl", include_str!("../../i18n/zh-CN/rectify.ftl")),
            ("refusals.ftl", include_str!("../../i18n/zh-CN/refusals.ftl")),
            ("replica.ftl", include_str!("../../i18n/zh-CN/replica.ftl")),
            ("orders.ftl", include_str!("../../i18n/zh-CN/orders.ftl")),
            ("remind.ftl", include_str!("../../i18n/zh-CN/remind.ftl")),
            ("notice.ftl", include_str!("../../i18n/zh-CN/notice.ftl")),
            ("restore.ftl", include_str!("../../i18n/zh-CN/restore.ftl")),
            ("review_return.ftl", include_str!("../../i18n/zh-CN/review_return.ftl")),
            ("rules.ftl", include_str!("../../i18n/zh-CN/rules.ftl")),
            ("scripting.ftl", include_str!("../../i18n/zh-CN/scripting.ftl")),
            ("search.ftl", include_str!("../../i18n/zh-CN/search.ftl")),
            ("search_lists.ftl", include_str!("../../i18n/zh-CN/search_lists.ftl")),
            ("sites.ftl", include_str!("../../i18n/zh-CN/sites.ftl")),
            ("sites_console.ftl", include_str!("../../i18n/zh-CN/sites_console.ftl")),
            ("settings.ftl", include_str!("../../i18n/zh-CN/settings.ftl")),
            ("store.ftl", include_str!("../../i18n/zh-CN/store.ftl")),
            ("toml.ftl", include_str!("../../i18n/zh-CN/toml.ftl")),
            ("views.ftl", include_str!("../../i18n/zh-CN/views.ftl")),
            ("withdrawal_pages.ftl", include_str!("../../i18n/zh-CN/withdrawal_pages.ftl")),
            ("words.ftl", include_str!("../../i18n/zh-CN/words.ftl")),
            ("writes.ftl", include_str!("../../i18n/zh-CN/writes.ftl")),
        ],
    ),
];

/// Where a language comes from, most important first: the option, the settings, the environment.
/// `env` looks a variable up (`std::env::var` in the program, a table in the tests).
///
/// The locale is POSIX's: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty
/// decides, and it means Chinese when it starts with `zh` (`zh_CN.UTF-8`, `zh_TW`, `zh`).
pub fn resolve(option: Option<Lang>, setting: Option<Lang>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = option.or(setting) {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| env(name)).find(|v| !v.is_empty());
    match locale {
        Some(locale) if locale.starts_with("zh") => Lang::ZhCn,
        _ => Lang::En,
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of everything said from now on (once, at the start).
pub fn set(lang: Lang) {
    CURRENT.store(lang.index() as u8, Ordering::Relaxed);
}

thread_local! {
    /// A language for this thread alone (`scoped`), over the process's.
    static SCOPED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language in effect.
pub fn current() -> Lang {
    SCOPED.with(Cell::get).unwrap_or_else(|| Lang::ALL[usize::from(CURRENT.load(Ordering::Relaxed)).min(1)])
}

/// Runs `f` with `lang` in effect on this thread only (tests in parallel, each in its language).
pub fn scoped<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = SCOPED.with(|s| s.replace(Some(lang)));
    let out = f();
    SCOPED.with(|s| s.set(before));
    out
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<Bundle>> =
    LazyLock::new(|| CATALOGS.iter().map(|(lang, files)| bundle(*lang, files)).collect());

fn bundle(lang: Lang, files: &[(&str, &str)]) -> Bundle {
    let id = lang.tag().parse().expect("a language tag");
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Terminals show Unicode's isolation marks around arguments as stray characters.
    bundle.set_use_isolating(false);
    for (file, text) in files {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("i18n/{}/{file}: {errors:?}", lang.tag()));
        bundle.add_resource(resource).unwrap_or_else(|errors| panic!("i18n/{}/{file}: {errors:?}", lang.tag()));
    }
    bundle
}

/// The message `key` in the language in effect, with `args`.
pub fn text(key: &str, args: Option<&FluentArgs>) -> String {
    text_in(current(), key, args)
}

/// The message `key` in `lang`; a key no catalog has is shown as itself (the tests forbid one).
pub fn text_in(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = &BUNDLES[lang.index()];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else { return key.to_string() };
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, args, &mut errors).into_owned()
}

/// Whether a catalog of `lang` has the message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    BUNDLES[lang.index()].has_message(key)
}

/// An operating system's error (a file not found, a permission denied, a connection refused …)
/// in words of the language in effect, by its kind; an error of another kind, or one that carries
/// its own words, as the system says it.
pub fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let key = match e.kind() {
        // The standard library's own message of a file that is not UTF-8 text (`read_to_string`).
        InvalidData if e.get_ref().is_none() && e.to_string().contains("UTF-8") => "os-error-not-utf8",
        _ if e.get_ref().is_some() => return e.to_string(),
        NotFound => "os-error-not-found",
        PermissionDenied => "os-error-permission-denied",
        AlreadyExists => "os-error-already-exists",
        ConnectionRefused => "os-error-connection-refused",
        ConnectionReset | ConnectionAborted => "os-error-connection-reset",
        NotConnected => "os-error-not-connected",
        TimedOut => "os-error-timed-out",
        AddrInUse => "os-error-address-in-use",
        AddrNotAvailable => "os-error-address-not-available",
        HostUnreachable => "os-error-host-unreachable",
        NetworkUnreachable | NetworkDown => "os-error-network-unreachable",
        BrokenPipe => "os-error-broken-pipe",
        IsADirectory => "os-error-is-a-directory",
        NotADirectory => "os-error-not-a-directory",
        DirectoryNotEmpty => "os-error-directory-not-empty",
        ReadOnlyFilesystem => "os-error-read-only",
        StorageFull | QuotaExceeded => "os-error-storage-full",
        FileTooLarge => "os-error-file-too-large",
        ResourceBusy | ExecutableFileBusy => "os-error-busy",
        InvalidFilename => "os-error-invalid-filename",
        CrossesDevices => "os-error-crosses-devices",
        TooManyLinks => "os-error-too-many-links",
        Interrupted => "os-error-interrupted",
        UnexpectedEof => "os-error-unexpected-eof",
        OutOfMemory => "os-error-out-of-memory",
        _ => return e.to_string(),
    };
    text(key, None)
}

/// Where a TOML parser's error is in `text`: its line and column (both from 1; the column in
/// characters), and the parser's own words on one line.
pub fn toml_position(text: &str, e: &toml::de::Error) -> (usize, usize, String) {
    let offset = e.span().map_or(0, |s| s.start).min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    let detail: Vec<&str> = e.message().lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    (line, column, toml_detail(&detail.join("; ")))
}

/// What a TOML parser's message (`message`, one line) says, in words of the language in effect:
/// the parser's descriptions (`duplicate key`, `string values must be quoted` …) and serde's
/// (`unknown field`, `missing field`, `invalid type` …) have theirs in `i18n/*/toml.ftl`, and so
/// has what it expected (`newline`, `key` …; a character to type stays as it is); any other is
/// given in the parser's own words.
pub fn toml_detail(message: &str) -> String {
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let named =
        ["unknown field", "missing field", "duplicate field", "unknown variant", "invalid type:", "invalid value:"];
    let said = match named.iter().find_map(|n| what.strip_prefix(n).map(|rest| (n, rest.trim()))) {
        Some((n, rest)) => {
            let mut args = FluentArgs::new();
            args.set("name", FluentValue::from(toml_words(rest)));
            text(&format!("toml-{}", slug(n)), Some(&args))
        }
        None if has(current(), &format!("toml-parse-{}", slug(what))) => {
            text(&format!("toml-parse-{}", slug(what)), None)
        }
        None => return crate::t!("toml-parser-said", detail = message),
    };
    match expected {
        None => said,
        Some(expected) => {
            let expected = match expected.strip_prefix("one of ") {
                Some(values) => crate::t!("toml-one-of", values = toml_words(values)),
                None => toml_words(expected),
            };
            crate::t!("toml-expected", what = said, expected = expected)
        }
    }
}

/// What a TOML message names, each of a list in words of the language in effect where the
/// catalogs have them (`newline`, `a string`, `integer \`3\`` …), a name or character in
/// backquotes as it is.
fn toml_words(list: &str) -> String {
    let one = |word: &str| {
        let (kind, quoted) = match word.find(['`', '"']) {
            Some(at) => (word[..at].trim(), &word[at..]),
            None => (word.trim(), ""),
        };
        let key = format!("toml-word-{}", slug(kind));
        match (kind.is_empty(), has(current(), &key)) {
            (false, true) => format!("{}{}{quoted}", text(&key, None), if quoted.is_empty() { "" } else { " " }),
            _ => word.to_string(),
        }
    };
    let either = |part: &str| part.split(" or ").map(one).collect::<Vec<_>>().join(&text("toml-or", None));
    list.split(", ").map(either).collect::<Vec<_>>().join(&text("toml-and", None))
}

/// A message of the parser as a catalog key's end: `duplicate key` is `duplicate-key`.
fn slug(words: &str) -> String {
    words
        .trim_end_matches(':')
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_ascii_lowercase()
}

/// A TOML file (`file`, its text `text`) that does not parse, in one line of the language in
/// effect: the file, the line and column, and the parser's words.
pub fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> String {
    let (line, column, detail) = toml_position(text, e);
    crate::t!("toml-error", file = file, line = line, column = column, detail = detail)
}

/// A message of the catalogs in the language in effect: `t!("key")`, or with arguments
/// `t!("key", name = value, …)` (numbers select plurals; other values are shown with `to_string`
/// by the caller).
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key, None)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::FluentValue::from($value)); )+
        $crate::i18n::text($key, Some(&args))
    }};
}

#[cfg(test)]
pub(crate) mod tests;
