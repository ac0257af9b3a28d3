use super::*;

/// Every command's description and every option's help is in the catalogs.
#[test]
fn every_command_and_option_has_its_text_in_the_catalogs() {
    fn walk(command: &Command, path: &[&str], missing: &mut Vec<String>) {
        let key = about_key(path);
        if !i18n::has(Lang::En, &key) {
            missing.push(key);
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            let key = arg_key(path, id);
            if !i18n::has(Lang::En, &key) {
                missing.push(key);
            }
        }
        for sub in command.get_subcommands() {
            let mut inner = path.to_vec();
            inner.push(sub.get_name());
            walk(sub, &inner, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), &[], &mut missing);
    assert!(missing.is_empty(), "not in i18n/en/help.ftl: {missing:?}");
}

/// The help of every command, in each language, is that language's and fits 80 columns.
#[test]
fn every_commands_help_is_in_the_language_and_fits_80_columns() {
    fn collect(command: &mut Command, out: &mut Vec<String>) {
        out.push(render_help(&command.render_help().to_string(), 80));
        for sub in command.get_subcommands_mut() {
            collect(sub, out);
        }
    }
    for lang in Lang::ALL {
        let helps = i18n::scoped(lang, || {
            let mut helps = Vec::new();
            collect(&mut command(80), &mut helps);
            helps
        });
        assert!(helps.len() > 40, "{}", helps.len());
        for help in helps {
            for line in help.lines() {
                assert!(crate::ui::text::width(line) <= 80, "{}: over 80 columns: {line}\n{help}", lang.tag());
            }
            let heading = i18n::text_in(lang, "help-usage", None);
            assert!(help.contains(&heading), "{}: {heading}\n{help}", lang.tag());
        }
    }
}

/// The calls whose string literals a person reads: printing, formatting, failures and messages.
const SPEAKING: &[&str] = &[
    "println!(",
    "eprintln!(",
    "print!(",
    "eprint!(",
    "write!(",
    "writeln!(",
    "format!(",
    "Failure::usage(",
    "Failure::failed(",
    "tell(",
    "say(",
    "prompt_password(",
    "set_message(",
    "with_template(",
];

/// The calls of the store, the use cases and the rules whose string literals a person reads: their
/// errors (their `format!` builds SQL too, so only these are scanned there).
const REFUSING: &[&str] = &[
    "StoreError::Refused(",
    "StoreError::NotFound(",
    "StoreError::Conflict(",
    "bad(",
    "err(",
    "Err(",
    "write_str(",
    "#[error(",
];

/// The string literals in the arguments of each speaking call of `source` (tests left out).
fn spoken_literals(source: &str) -> Vec<String> {
    literals_of(source, SPEAKING)
}

/// The string literals in the arguments of each of `calls` in `source` (tests left out).
fn literals_of(source: &str, calls: &[&str]) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    // A catalog key is no text: `t!("key", …)` (but `format!("…")` is).
    let mut keyless = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("t!(\"") {
        let key = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        keyless.push_str(&rest[..at + 3]);
        rest = &rest[at + 3..];
        if key {
            rest = rest[1..].split_once('"').map_or(rest, |(_, after)| after);
        }
    }
    keyless.push_str(rest);
    let code = keyless.as_str();
    let mut found = Vec::new();
    for call in calls {
        let mut rest = code;
        while let Some(at) = rest.find(call) {
            let boundary = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            rest = &rest[at + call.len()..];
            if boundary {
                found.extend(literals(arguments(rest)));
            }
        }
    }
    found
}

/// The text up to the parenthesis that closes the call (strings may hold parentheses).
fn arguments(text: &str) -> &str {
    let (mut depth, mut in_string, mut escaped) = (1, false, false);
    for (i, c) in text.char_indices() {
        match (in_string, c) {
            (true, '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (true, '"') if !escaped => in_string = false,
            (false, '"') => in_string = true,
            (false, '(') => depth += 1,
            (false, ')') => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
        escaped = false;
    }
    text
}

/// The string literals in a piece of code, as written (escapes left as they are).
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // A character literal, possibly '"'.
            let literal: String = chars.by_ref().take_while(|c| *c != '\'').collect();
            if literal == "\\" {
                chars.next();
            }
            continue;
        }
        if c != '"' {
            continue;
        }
        let mut literal = String::new();
        let mut escaped = false;
        for c in chars.by_ref() {
            if c == '"' && !escaped {
                break;
            }
            escaped = c == '\\' && !escaped;
            literal.push(c);
        }
        out.push(literal);
    }
    out
}

/// A literal that says nothing in a language: format specs (`{}`, `{name:?}`, `{:.1}`),
/// separators, punctuation, escapes and digits. A word of two letters or more, or any Chinese
/// character, is something a person reads, and belongs in the catalogs.
fn says_nothing(literal: &str) -> bool {
    // A catalog key made from a name: `field-{name}`.
    let key = literal.contains('-') && literal.chars().all(|c| c.is_ascii_lowercase() || "-{}_".contains(c));
    if key {
        return true;
    }
    let mut text = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("\\n", " ").replace("\\t", " ").replace("\\u", " ");
    let wordy = text.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 2 || !w.is_ascii());
    !wordy
}

#[test]
fn no_sentence_for_a_person_lives_outside_the_catalogs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    i18n::tests::sources(&root.join("src/cli"), &mut files);
    files.push((root.join("src/main.rs"), std::fs::read_to_string(root.join("src/main.rs")).unwrap()));
    let mut offending = Vec::new();
    let mut seen = 0;
    for (path, text) in files.iter().filter(|(p, _)| !p.ends_with("tests.rs")) {
        for literal in spoken_literals(text) {
            seen += 1;
            if !says_nothing(&literal) {
                offending.push(format!("{}: \"{literal}\"", path.strip_prefix(root).unwrap().display()));
            }
        }
    }
    assert!(seen > 50, "only {seen} literals in speaking calls: is the scan broken?");
    assert!(offending.is_empty(), "text for people outside i18n/*.ftl:\n{}", offending.join("\n"));
}

#[test]
fn the_scan_tells_a_sentence_from_a_format() {
    let code = r#"println!("{}", t!("key")); eprintln!("cannot read {file}: {e}"); format!("{name}\t{kind}");
        Failure::usage(format!("不是日期：{s:?}")); write!(out, "─[ {} ]{}\n", n, x); tell(&format!("{:.1} s", t));"#;
    let literals = spoken_literals(code);
    let mut bad: Vec<&String> = literals.iter().filter(|l| !says_nothing(l)).collect();
    // A literal inside two speaking calls (`Failure::usage(format!(…))`) is found by each.
    bad.sort();
    bad.dedup();
    assert_eq!(bad, ["cannot read {file}: {e}", "不是日期：{s:?}"], "{literals:?}");
}

/// The store's, the use cases' and the rules' refusals reach a person through both interfaces:
/// their words are in the catalogs (`store.ftl`, `rules.ftl`) too.
#[test]
fn no_refusal_of_the_store_or_the_rules_lives_outside_the_catalogs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src/store", "src/usecase"] {
        i18n::tests::sources(&root.join(dir), &mut files);
    }
    // The rules' files whose errors reach a person. Not yet among them: deadline.rs, whose rules
    // still describe themselves in English ("monthly", "as needed").
    for file in [
        "review",
        "item_record",
        "time",
        "assessment",
        "enums",
        "column_table",
        "calendar",
        "checks",
        "inspection",
        "holiday_notice/mod",
    ] {
        let path = root.join(format!("src/domain/{file}.rs"));
        let text = std::fs::read_to_string(&path).unwrap();
        files.push((path, text));
    }
    let mut offending = Vec::new();
    let mut seen = 0;
    for (path, text) in files.iter().filter(|(p, _)| !p.ends_with("tests.rs")) {
        for literal in literals_of(text, REFUSING) {
            seen += 1;
            if !says_nothing(&literal) {
                offending.push(format!("{}: \"{literal}\"", path.strip_prefix(root).unwrap().display()));
            }
        }
    }
    assert!(seen > 10, "only {seen} literals in refusals: is the scan broken?");
    assert!(offending.is_empty(), "refusals outside i18n/*.ftl:\n{}", offending.join("\n"));
}
