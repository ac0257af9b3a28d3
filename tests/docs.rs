//! The reference pages that are made from the program's own definitions: docs/schema.md from
//! schema.sql (its comments are the descriptions). A test fails when a page is out of date;
//! `PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --test docs` rewrites it.

use std::path::Path;

/// One column of a table: name, type and constraints, and the comment written above it.
struct Column {
    name: String,
    definition: String,
    note: String,
}

struct Table {
    name: String,
    about: String,
    columns: Vec<Column>,
    keys: Vec<String>,
    indexes: Vec<(String, String)>,
}

/// Reads schema.sql's tables: the comment block above each `CREATE TABLE`, its columns with the
/// comments above them, its keys and checks, and the indexes made on it (with their comments).
fn tables(sql: &str) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut comment: Vec<String> = Vec::new();
    let mut open: Option<Table> = None;
    let mut depth = 0i32;
    for line in sql.lines() {
        let trimmed = line.trim();
        if let Some(text) = trimmed.strip_prefix("--") {
            if !text.trim_start().starts_with('@') {
                comment.push(text.strip_prefix(' ').unwrap_or(text).to_string());
            }
            continue;
        }
        if let Some(table) = open.as_mut() {
            depth += trimmed.matches('(').count() as i32 - trimmed.matches(')').count() as i32;
            if depth < 0 {
                tables.push(open.take().expect("an open table"));
                comment.clear();
                continue;
            }
            let starts_constraint = ["PRIMARY KEY", "UNIQUE", "FOREIGN KEY", "CHECK", "CONSTRAINT", "OR ", "AND ", "("]
                .iter()
                .any(|k| trimmed.starts_with(k));
            if starts_constraint || depth > 0 && !trimmed.contains(' ') {
                table.keys.push(trimmed.trim_end_matches(',').to_string());
            } else if let Some((name, definition)) = trimmed.split_once(char::is_whitespace) {
                table.columns.push(Column {
                    name: name.to_string(),
                    definition: definition.trim().trim_end_matches(',').to_string(),
                    note: comment.join(" "),
                });
            }
            comment.clear();
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("CREATE TABLE ") {
            let name = rest.split_whitespace().next().unwrap_or_default().to_string();
            open = Some(Table {
                name,
                about: comment.join("\n"),
                columns: Vec::new(),
                keys: Vec::new(),
                indexes: Vec::new(),
            });
            depth = 0;
            comment.clear();
        } else if let Some(rest) =
            trimmed.strip_prefix("CREATE INDEX ").or_else(|| trimmed.strip_prefix("CREATE UNIQUE INDEX "))
        {
            let on = rest.split(" ON ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_default();
            if let Some(table) = tables.iter_mut().find(|t| t.name == on) {
                table.indexes.push((trimmed.trim_end_matches(';').to_string(), comment.join(" ")));
            }
            comment.clear();
        } else {
            // Anything else (a blank line, a trigger, an insert) ends the comment block.
            comment.clear();
        }
    }
    tables
}

/// The first sentence of a comment (abbreviations such as "Art. 16" and "e.g." do not end one).
fn first_sentence(about: &str) -> String {
    let joined = about.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut sentence = String::new();
    for piece in joined.split_inclusive(". ") {
        sentence.push_str(piece);
        if !(piece.ends_with("Art. ") || piece.ends_with("e.g. ")) {
            break;
        }
    }
    sentence.trim().to_string()
}

/// A comment as Markdown: its first lines a paragraph, and its indented `name: …` lines a list.
fn paragraphs(about: &str) -> String {
    let mut out = String::new();
    for line in about.lines() {
        let indented = line.starts_with(' ');
        let text = line.trim();
        let starts_item = indented && text.split_once(':').is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '));
        if starts_item {
            out.push_str("\n- ");
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text);
    }
    out
}

fn schema_page(sql: &str) -> String {
    let version = sql
        .lines()
        .find_map(|l| l.trim().strip_prefix("INSERT INTO schema_meta").map(|_| l.to_string()))
        .and_then(|l| l.split(|c: char| !c.is_ascii_digit()).rfind(|s| !s.is_empty()).map(str::to_string))
        .unwrap_or_default();
    let all = tables(sql);
    let mut text = String::from(
        "# The database\n\n\
         Generated from `schema.sql`, the one definition of the database for PostgreSQL and SQLite; the \
         descriptions are its comments. A test fails when this page is out of date \
         (`PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --test docs` rewrites it).\n\n",
    );
    if !version.is_empty() {
        text.push_str(&format!(
            "Schema version: {version}. `portal-admin init` creates it and upgrades an older one.\n\n"
        ));
    }
    text.push_str("| table | what it is for |\n| --- | --- |\n");
    for t in &all {
        let first = first_sentence(&t.about).replace('|', "\\|");
        text.push_str(&format!("| [`{}`](#{}) | {first} |\n", t.name, t.name));
    }
    for t in &all {
        text.push_str(&format!("\n## {}\n\n", t.name));
        if !t.about.is_empty() {
            text.push_str(&paragraphs(&t.about));
            text.push_str("\n\n");
        }
        text.push_str("| column | type and rules | note |\n| --- | --- | --- |\n");
        for c in &t.columns {
            text.push_str(&format!(
                "| `{}` | `{}` | {} |\n",
                c.name,
                c.definition.replace('|', "\\|"),
                c.note.replace('|', "\\|")
            ));
        }
        if !t.keys.is_empty() {
            text.push_str("\nKeys and rules:\n\n```sql\n");
            for k in &t.keys {
                text.push_str(k);
                text.push('\n');
            }
            text.push_str("```\n");
        }
        if !t.indexes.is_empty() {
            text.push_str("\nIndexes:\n\n");
            for (index, why) in &t.indexes {
                if why.is_empty() {
                    text.push_str(&format!("- `{index}`\n"));
                } else {
                    text.push_str(&format!("- `{index}`: {why}\n"));
                }
            }
        }
    }
    text
}

fn current(page: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
    if std::env::var_os("PORTAL_ADMIN_UPDATE_DOCS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(on_disk == text, "{page} is out of date: run PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --test docs");
}

#[test]
fn the_schema_page_is_current() {
    let sql = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql")).unwrap();
    current("docs/schema.md", &schema_page(&sql));
}

#[test]
fn every_table_and_column_of_the_schema_is_on_the_page() {
    let sql = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql")).unwrap();
    let all = tables(&sql);
    let created = sql.matches("CREATE TABLE ").count();
    assert_eq!(all.len(), created, "every table is read");
    let items = all.iter().find(|t| t.name == "items").expect("items");
    for column in ["id", "site_id", "title", "body", "status", "published_at"] {
        assert!(items.columns.iter().any(|c| c.name == column), "items.{column}");
    }
    assert!(
        items.columns.iter().all(|c| !["UNIQUE", "CHECK", "FOREIGN"].contains(&c.name.as_str())),
        "constraints are not columns"
    );
    let url = items.columns.iter().find(|c| c.name == "url").unwrap();
    assert!(url.note.contains("public link"), "the comment above a column is its note: {}", url.note);
    assert!(
        items.indexes.iter().any(|(i, _)| i.starts_with("CREATE INDEX items_queue")),
        "indexes belong to their table"
    );
    assert!(all.iter().all(|t| !t.about.is_empty()), "every table says what it is for");
}

fn portal_admin(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portal-admin"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

/// `portal-admin man` is a page `man` reads, naming every command; `--dir` writes one per command.
#[test]
fn the_man_page_reads_in_man_and_names_every_command() {
    let out = portal_admin(&["man"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie") || page.contains(".TH portal-admin 1"), "{}", &page[..200.min(page.len())]);
    for command in [
        "init",
        "queue",
        "review",
        "retract",
        "restore",
        "scores",
        "inspect",
        "check",
        "audit",
        "operators",
        "completions",
    ] {
        assert!(page.contains(command), "{command} is on the page");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal-admin.1");
    std::fs::write(&file, &page).unwrap();
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man (Debian's man-db) reads the page");
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(rendered.status.success() && text.contains("NAME") && text.contains("portal-admin"), "{text}");
    let pages = dir.path().join("pages");
    let out = portal_admin(&["man", "--dir", pages.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for page in
        ["portal-admin.1", "portal-admin-retract.1", "portal-admin-review-approve.1", "portal-admin-keymap-check.1"]
    {
        let text = std::fs::read_to_string(pages.join(page)).unwrap_or_else(|_| panic!("{page} is written"));
        assert!(text.contains(".TH"), "{page}");
    }
    assert!(
        std::fs::read_to_string(pages.join("portal-admin-retract.1"))
            .unwrap()
            .contains("outdated, improper, classified or error")
    );
}

/// `portal-admin --lang zh-CN man` is a Chinese page: its headings too, as `man` shows them.
#[test]
fn the_chinese_man_page_has_chinese_headings() {
    let out = portal_admin(&["--lang", "zh-CN", "man"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal-admin.1");
    std::fs::write(&file, &out.stdout).unwrap();
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("man (Debian's man-db) reads the page");
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(rendered.status.success(), "{text}");
    let headings: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).collect();
    for heading in ["名称", "概要", "描述", "选项", "子命令"] {
        assert!(headings.contains(&heading), "{heading} in {headings:?}");
    }
    for english in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS"] {
        assert!(!headings.contains(&english), "{english} in {headings:?}");
    }
    assert!(text.contains("--since <日期>") || text.contains("--db <网址>"), "value names too: {text}");
    assert!(text.contains("通用命令手册"), "{text}");
}

/// The bash completions complete: `portal-admin ret<Tab>` offers retract and retractions (and
/// not restore); zsh and fish scripts are made for the program; an unknown shell is bad usage.
#[test]
fn completions_complete_commands_in_bash_and_are_made_for_zsh_and_fish() {
    let out = portal_admin(&["completions", "bash"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("portal-admin.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let complete = |words: &str| -> String {
        let probe = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); COMP_LINE=\"{words}\"; \
                COMP_POINT=${{#COMP_LINE}}; _portal__admin \
                    portal-admin \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf \
                        '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = std::process::Command::new("bash").arg("-c").arg(probe).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let offered = complete("portal-admin ret");
    assert!(offered.lines().any(|l| l == "retract") && offered.lines().any(|l| l == "retractions"), "{offered}");
    assert!(!offered.lines().any(|l| l == "restore"), "only what matches: {offered}");
    let out = portal_admin(&["completions", "zsh"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("#compdef portal-admin"));
    let out = portal_admin(&["completions", "fish"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("complete -c portal-admin"));
    let out = portal_admin(&["completions"]);
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(e.trim_end().lines().count() == 1 && e.contains("<SHELL>"), "one line that names what is missing: {e}");
    let out = portal_admin(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2), "an unknown shell is bad usage");
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
}

/// Every file under `dir` (recursively) whose name ends in one of `ends`.
fn files(dir: &Path, ends: &[&str], found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ends, found);
        } else if ends.iter().any(|e| path.to_string_lossy().ends_with(e)) {
            found.push(path);
        }
    }
}

/// The project's docs and help stand alone: nothing sends a reader outside the repository, and
/// every relative link in the docs names a file that is there.
#[test]
fn the_docs_and_the_help_stand_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = vec![root.join("README.md")];
    for dir in ["docs", "src", "data", "keymaps"] {
        files(&root.join(dir), &[".md", ".rs", ".toml", ".tsv", ".txt"], &mut found);
    }
    let outside = "../".to_string() + "shared";
    for file in &found {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains(&outside), "{} sends the reader outside the repository", file.display());
        if !file.to_string_lossy().ends_with(".md") {
            continue;
        }
        // Markdown links: `](target)`, not addresses and not anchors within the page.
        for link in text.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
            let target = link.split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let linked = file.parent().unwrap().join(target);
            assert!(linked.exists(), "{} links to {target}, which is not there", file.display());
        }
    }
    for args in [&["--help"][..], &["import", "--help"]] {
        let out = portal_admin(args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains(&outside), "portal-admin {args:?} sends the reader outside the repository");
    }
}

/// No line of Rust outside `src/ui` is wider than 120 columns as a terminal shows it (a Chinese
/// character takes two), rustfmt's `max_width`: rustfmt cannot wrap a string literal, so a long
/// one is wrapped by hand (`concat!`, or `\` at the end of a line inside an SQL string).
#[test]
fn no_line_outside_the_console_is_wider_than_120_columns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in ["src", "tests", "benches"] {
        files(&root.join(dir), &[".rs"], &mut found);
    }
    let mut over: Vec<String> = Vec::new();
    for file in found.iter().filter(|f| !f.starts_with(root.join("src/ui"))) {
        let name = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        over.extend(
            std::fs::read_to_string(file)
                .unwrap()
                .lines()
                .enumerate()
                .filter(|(_, line)| portal_admin::ui::text::width(line) > 120)
                .map(|(n, line)| format!("{name}:{}: {} columns", n + 1, portal_admin::ui::text::width(line))),
        );
    }
    assert!(over.is_empty(), "lines over 120 columns:\n  {}", over.join("\n  "));
}
