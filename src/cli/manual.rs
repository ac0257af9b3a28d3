//! The man page's ENVIRONMENT, FILES and EXIT STATUS sections, in the language in effect: the
//! variables the command line's definition reads (each option's `env`), the ones the program and
//! its PostgreSQL driver read besides, the files of `places`, and the exit codes `Failure` uses.

use crate::i18n;
use crate::places::{CONFIG_DIR_ENV, DATA_DIR_ENV, SETTINGS};
use crate::t;

/// Variables read outside the command line's definition, each with its catalog key.
const VARIABLES: &[(&str, &str)] = &[
    (CONFIG_DIR_ENV, "man-env-config-dir"),
    (DATA_DIR_ENV, "man-env-data-dir"),
    ("NO_COLOR", "man-env-no-color"),
    ("LC_ALL, LC_MESSAGES, LANG", "man-env-locale"),
    (
        "PGHOST, PGHOSTADDR, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGPASSFILE, PGSSLMODE, PGSSLROOTCERT, \
         PGSSLCERT, PGSSLKEY, PGAPPNAME, PGOPTIONS",
        "man-env-libpq",
    ),
];

/// The directories as they are on Linux without the variables that move them (`places`).
const CONFIG_DIR: &str = "~/.config/portal-admin";
const DATA_DIR: &str = "~/.local/share/portal-admin";

/// The exit codes, each with its catalog key.
const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "man-exit-0"),
    ("1", "man-exit-1"),
    ("2", "man-exit-2"),
    ("128+N", "man-exit-signal"),
    ("141", "man-exit-pipe"),
];

/// The sections, in roff, for the end of the program's page.
pub fn sections(command: &clap::Command) -> String {
    let mut out = heading("man-environment");
    for arg in command.get_arguments() {
        let (Some(env), Some(long)) = (arg.get_env(), arg.get_long()) else { continue };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        // The option's help without what `texts` appended to it (`[env: …]`, values, default).
        let help = help.split(" [").next().unwrap_or_default();
        let said = t!("man-env-option", option = format!("--{long}"), help = help);
        out.push_str(&entry(&env.to_string_lossy(), &said));
    }
    for (name, key) in VARIABLES {
        out.push_str(&entry(name, &i18n::text(key, None)));
    }
    out.push_str(&heading("man-files"));
    out.push_str(&entry(&format!("{CONFIG_DIR}/"), &t!("man-config-dir", variable = CONFIG_DIR_ENV)));
    for (file, _) in SETTINGS {
        let key = format!("man-file-{}", file.split('.').next().unwrap_or(file));
        out.push_str(&entry(&format!("{CONFIG_DIR}/{file}"), &i18n::text(&key, None)));
    }
    out.push_str(&entry(&format!("{DATA_DIR}/"), &t!("man-data-dir", variable = DATA_DIR_ENV)));
    for (file, key) in
        [("portal.db", "man-file-database"), ("demo.db", "man-file-demo"), ("portal-admin.log", "man-file-log")]
    {
        out.push_str(&entry(&format!("{DATA_DIR}/{file}"), &i18n::text(key, None)));
    }
    out.push_str(&heading("man-exit-status"));
    for (code, key) in EXIT_CODES {
        out.push_str(&entry(code, &i18n::text(key, None)));
    }
    out
}

/// A section's heading line, in the catalog's words.
fn heading(key: &str) -> String {
    [SECTION, &escape(&i18n::text(key, None)), "\n"].concat()
}

/// roff's requests: a section, and a tagged paragraph with its tag in bold.
const SECTION: &str = ".SH ";
const TAGGED: &str = ".TP\n\\fB";
const TAG_END: &str = "\\fR\n";

/// One tagged paragraph: the name in bold, its description under it.
fn entry(name: &str, text: &str) -> String {
    [TAGGED, &escape(name), TAG_END, &escape(text), "\n"].concat()
}

/// Text as roff reads it literally: backslashes and hyphens escaped, and no line taken for a
/// request because it starts with a dot or an apostrophe.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) { format!("\\&{escaped}") } else { escaped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sections_name_every_variable_file_and_exit_code_in_both_languages() {
        for lang in [i18n::Lang::En, i18n::Lang::ZhCn] {
            let page = i18n::scoped(lang, || sections(&super::super::texts::localized()));
            for needle in
                ["DATABASE_URL", "PORTAL_ADMIN_LOG", "PORTAL_ADMIN_AMBIGUOUS_WIDTH", "PGSSLROOTCERT", "NO_COLOR"]
            {
                assert!(page.contains(needle), "{lang:?}: {needle}\n{page}");
            }
            for (file, _) in SETTINGS {
                assert!(page.contains(&format!("portal\\-admin/{file}\\fR")), "{lang:?}: {file}\n{page}");
            }
            assert!(page.contains("portal\\-admin.log") && page.contains("\\fB141\\fR"), "{page}");
            assert_eq!(page.matches(".SH ").count(), 3, "{page}");
            assert!(!page.contains("man-") && !page.contains("man\\-"), "every key has its text: {page}");
        }
    }

    #[test]
    fn roff_takes_the_text_literally() {
        assert_eq!(escape(".config"), "\\&.config");
        assert_eq!(escape("a\\b-c"), "a\\eb\\-c");
    }
}
