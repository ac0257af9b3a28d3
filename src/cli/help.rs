//! `man`, `completions` and the command-line reference (docs/cli.md), all generated from the one
//! definition of the command line, so none of them can drift from what the program accepts.

use std::io::Write;
use std::path::Path;

use super::Failure;
use super::texts;
use crate::t;

/// Writes the man page: the program's page to standard output, or with `dir` one page per
/// subcommand as well (portal-admin.1, portal-admin-retract.1, …), for `man -l` or a MANPATH.
pub fn man(dir: Option<&Path>) -> Result<(), Failure> {
    let command = texts::localized();
    match dir {
        None => {
            let mut out = std::io::stdout().lock();
            render_page(&command, &mut out)?;
            out.flush()?;
            Ok(())
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::failed(t!(
                    "cannot-create",
                    file = dir.display().to_string(),
                    error = crate::i18n::os_error(&e)
                ))
            })?;
            let mut written = 0;
            write_pages(&command, dir, &mut written)?;
            super::output::tell(&t!("man-written", count = written, dir = dir.display().to_string()));
            Ok(())
        }
    }
}

fn render_page(command: &clap::Command, out: &mut dyn Write) -> Result<(), Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).manual(crate::i18n::text("man-manual", None)).render(&mut page)?;
    let mut page = localize_headings(&String::from_utf8_lossy(&page));
    // The program's own page (not a subcommand's) ends with what a man page of a tool has.
    if command.get_name() == PROGRAM && command.get_display_name().is_none_or(|name| name == PROGRAM) {
        page.push_str(&super::manual::sections(command));
    }
    out.write_all(page.as_bytes())?;
    Ok(())
}

/// The program's name, whose page is the one with ENVIRONMENT, FILES and EXIT STATUS.
const PROGRAM: &str = "portal-admin";

/// The page's section headings clap_mangen writes (always in English), each with its catalog key.
const HEADINGS: [(&str, &str); 8] = [
    ("NAME", "man-name"),
    ("SYNOPSIS", "man-synopsis"),
    ("DESCRIPTION", "man-description"),
    ("OPTIONS", "man-options"),
    ("SUBCOMMANDS", "man-subcommands"),
    ("EXTRA", "man-extra"),
    ("VERSION", "man-version"),
    ("AUTHORS", "man-authors"),
];

/// A page with its section headings (`.SH NAME`) in the language in effect.
fn localize_headings(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let heading = line.strip_prefix(".SH ").map(str::trim_end);
        match heading.and_then(|h| HEADINGS.iter().find(|(english, _)| *english == h)) {
            Some((_, key)) => {
                out.push_str(".SH ");
                out.push_str(&crate::i18n::text(key, None));
                out.push('\n');
            }
            None => out.push_str(line),
        }
    }
    out
}

fn write_pages(command: &clap::Command, dir: &Path, written: &mut usize) -> Result<(), Failure> {
    // Subcommands' pages are named after their whole path, as git's are (portal-admin-retract.1).
    let command = command.clone().disable_help_subcommand(true);
    let name = command.get_display_name().unwrap_or(command.get_name()).to_string();
    let file = dir.join(format!("{name}.1"));
    let mut page = Vec::new();
    render_page(&command, &mut page)?;
    std::fs::write(&file, page).map_err(|e| {
        Failure::failed(t!("cannot-write", file = file.display().to_string(), error = crate::i18n::os_error(&e)))
    })?;
    *written += 1;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub
            .clone()
            .display_name(format!("{name}-{}", sub.get_name()))
            .bin_name(format!("{name} {}", sub.get_name()));
        write_pages(&sub, dir, written)?;
    }
    Ok(())
}

/// Writes the completion script for `shell` to standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut command = texts::command(100);
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "portal-admin", &mut out);
    out.flush()?;
    Ok(())
}

/// A Markdown block of plain text, as docs/cli.md shows each command's help.
const FENCE: &str = "```text";

/// The command-line reference: every command's full help, in the order `--help` lists them.
pub fn reference() -> String {
    let mut command = texts::localized().term_width(100).disable_help_subcommand(true);
    command.build();
    let mut text = String::from(
        "# Command-line reference\n\n\
         Generated from the program's own definition of its command line (`src/cli/`); a test fails \
         when this file is out of date (`PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --lib cli_reference` \
         rewrites it). Items' JSON Lines are described in [import.md](import.md); `portal-admin man` and \
         `portal-admin completions SHELL` are made from the same definition.\n\n\
         With `--format json` a listing is one array of objects and `show` one object, with the fields \
         the tables show (named as in [glossary.md](glossary.md)); every write (`retract`, `mark`, `restore`, \
         `publish`, `review`, `import`, `backup`, `incident add|reverse`, `inquiries add|answer`, \
         `operators add|role|disable`, `documents add`, `retractions request|reject`, \
         `check add-name|add-word|waive`, `calendar add|import`) gives one object: `action` (the audit trail's \
         name for it), `dry_run`, `changed` (false when it found nothing to do: it exits 0 all the same) \
         and what it did, with its one summary line on standard error. \
         Lists are arrays (an item's `columns` are objects with `id`, `path` and `form`), an audit \
         record's `target` is an object (`{\"kind\": \"item\", \"id\": 2406}`) and its `detail` the \
         object it was written as, and an absent value is `null`. Each command below shows an \
         example, taken from a real run (`tests/json_output.rs` checks that it has the command's \
         fields).\n\n\
         With `--format table` (the default on a terminal) a listing wider than the terminal stays a \
         table: its widest columns are narrowed and their cells wrapped (between Chinese characters, \
         after a path's `/`), a cell longer than four rows cut with `…`; numbers are right-aligned. \
         Only a terminal too narrow to give every column six cells shows one record per block, field \
         beside value, as psql's `\\x auto` does. CSV and JSON always hold every value whole.\n",
    );
    section(&mut command, "portal-admin", 2, &mut text);
    text
}

/// The line above a command's example in docs/cli.md (an English document, as the rest of it).
const JSON_EXAMPLE: (&str, &str) = ("JSON of `", "` (`--format json`), for example:");
/// A Markdown block of JSON.
const FENCE_JSON: &str = "```json";

/// One example of each command's JSON, from a real run (`tests/json_output.rs` checks them).
fn json_examples() -> Vec<(String, serde_json::Value)> {
    let examples: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("json_examples.json")).expect("json_examples.json is JSON");
    examples.into_iter().collect()
}

fn section(command: &mut clap::Command, path: &str, depth: usize, text: &mut String) {
    if depth > 2 {
        // The global options are listed once, under `portal-admin`.
        let globals: Vec<clap::Id> =
            command.get_arguments().filter(|a| a.is_global_set()).map(|a| a.get_id().clone()).collect();
        for id in globals {
            *command = std::mem::take(command).mut_arg(id, |a| a.hide(true));
        }
    }
    let help = command.render_long_help().to_string();
    let heading = "#".repeat(depth.min(4));
    text.push_str(&format!("\n{heading} `{path}`\n\n{FENCE}\n{}\n```\n", help.trim_end()));
    let own = path.strip_prefix("portal-admin ").unwrap_or_default();
    for (name, example) in json_examples() {
        if name == own || name.strip_prefix(own).is_some_and(|rest| rest.starts_with(" --")) {
            let example = serde_json::to_string_pretty(&example).unwrap_or_default();
            let (before, after) = JSON_EXAMPLE;
            text.push_str(&format!("\n{before}{name}{after}\n\n{FENCE_JSON}\n{example}\n```\n"));
        }
    }
    for sub in command.get_subcommands_mut() {
        let name = format!("{path} {}", sub.get_name());
        section(sub, &name, depth + 1, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/cli.md is the reference a reader finds beside the guide: it must say what the program does.
    #[test]
    fn cli_reference_is_current() {
        let text = reference();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/cli.md");
        if std::env::var_os("PORTAL_ADMIN_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == text,
            "docs/cli.md is out of date: run PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --lib cli_reference"
        );
    }

    /// The man page's section headings are the language's, as the rest of the page is.
    #[test]
    fn the_man_pages_headings_speak_the_language() {
        let page = |lang| {
            crate::i18n::scoped(lang, || {
                let mut page = Vec::new();
                render_page(&texts::localized(), &mut page).unwrap();
                String::from_utf8(page).unwrap()
            })
        };
        let headings = |page: &str| -> Vec<String> {
            page.lines().filter_map(|l| l.strip_prefix(".SH ")).map(str::to_string).collect()
        };
        let english = page(crate::i18n::Lang::En);
        assert_eq!(
            headings(&english),
            [
                "NAME",
                "SYNOPSIS",
                "DESCRIPTION",
                "OPTIONS",
                "SUBCOMMANDS",
                "EXTRA",
                "VERSION",
                "ENVIRONMENT",
                "FILES",
                "EXIT STATUS"
            ]
        );
        let chinese = page(crate::i18n::Lang::ZhCn);
        assert_eq!(
            headings(&chinese),
            ["名称", "概要", "描述", "选项", "子命令", "附注", "版本", "环境变量", "文件", "退出状态"]
        );
        assert!(chinese.contains("撤回"), "the page's texts are Chinese too");
        // Every heading clap_mangen may write has its words in both languages.
        for (english, key) in HEADINGS {
            assert_eq!(crate::i18n::text_in(crate::i18n::Lang::En, key, None), english);
            assert!(crate::i18n::has(crate::i18n::Lang::ZhCn, key), "{key}");
        }
        // A subcommand's page too (no SUBCOMMANDS section there, but its options).
        let retract = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || {
            let command = texts::localized();
            let sub = command.find_subcommand("retract").unwrap().clone();
            let mut page = Vec::new();
            render_page(&sub, &mut page).unwrap();
            String::from_utf8(page).unwrap()
        });
        assert_eq!(headings(&retract), ["名称", "概要", "描述", "选项"]);
    }

    #[test]
    fn every_command_of_the_contract_is_in_the_reference() {
        let text = reference();
        for name in [
            "init",
            "demo",
            "import",
            "export",
            "columns",
            "stale",
            "queue",
            "show",
            "review approve",
            "review reject",
            "publish",
            "retract",
            "restore",
            "retractions",
            "scores",
            "incident add",
            "incidents",
            "inspect",
            "check",
            "audit",
            "documents",
            "operators",
            "calendar",
            "keymap check",
            "keymap show",
            "completions",
            "man",
        ] {
            assert!(text.contains(&format!("`portal-admin {name}`")), "{name} is missing from the reference");
        }
    }
}
