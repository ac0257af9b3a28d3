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

/// One piece of Rust source as the scans read it: a character of code, or a string or character
/// literal whole (so that a quote, a bracket or `//` inside one is not code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Code(char),
    /// A string literal's contents, as written (escapes left as they are).
    Str(&'a str),
    /// A character literal (`'"'`, `'\''`, `'\u{7f}'`).
    Char,
}

/// The pieces of `code`, each with where it starts and where the next begins. A `'` starts a
/// character literal only when one closes it (`'x'`, `'\n'`): `'static` and `'calls:` are a
/// lifetime and a label, code.
fn pieces(code: &str) -> impl Iterator<Item = (usize, Piece<'_>, usize)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &code[at..];
        let c = rest.chars().next()?;
        let start = at;
        let len = match c {
            '"' => {
                let mut escaped = false;
                let close = rest[1..].char_indices().find(|&(_, c)| {
                    let closes = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    closes
                });
                let (contents, end) = match close {
                    Some((i, _)) => (&rest[1..=i], i + 2),
                    None => (&rest[1..], rest.len()),
                };
                at += end;
                return Some((start, Piece::Str(contents), at));
            }
            '\'' => char_literal(&rest[1..]).map_or(1, |n| n + 1),
            c => c.len_utf8(),
        };
        at += len;
        let piece = if c == '\'' && len > 1 { Piece::Char } else { Piece::Code(c) };
        Some((start, piece, at))
    })
}

/// After a `'`: the length of the rest of a character literal up to its closing quote, or none
/// if it is a lifetime or a label.
fn char_literal(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    match chars.next()? {
        (_, '\\') => {
            let (i, escaped) = chars.next()?;
            let after = i + escaped.len_utf8();
            rest[after..].find('\'').map(|close| after + close + 1)
        }
        (_, c) => rest[c.len_utf8()..].starts_with('\'').then_some(c.len_utf8() + 1),
    }
}

/// The text up to the parenthesis that closes the call (literals may hold parentheses).
fn arguments(text: &str) -> &str {
    let mut depth = 1;
    for (start, piece, _) in pieces(text) {
        match piece {
            Piece::Code('(') => depth += 1,
            Piece::Code(')') => {
                depth -= 1;
                if depth == 0 {
                    return &text[..start];
                }
            }
            _ => {}
        }
    }
    text
}

/// The string literals in a piece of code, as written (escapes left as they are).
fn literals(code: &str) -> Vec<String> {
    pieces(code)
        .filter_map(|(_, piece, _)| match piece {
            Piece::Str(s) => Some(s.to_string()),
            Piece::Code(_) | Piece::Char => None,
        })
        .collect()
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

/// The literals of `calls` in `files` (their tests left out) that say something in a language;
/// fails if fewer than `least` literals were seen (then the scan is broken, not the code clean).
fn sayings_in(files: &[(std::path::PathBuf, String)], calls: &[&str], least: usize) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offending = Vec::new();
    let mut seen = 0;
    for (path, text) in files.iter().filter(|(p, _)| !p.ends_with("tests.rs")) {
        for literal in literals_of(text, calls) {
            seen += 1;
            if !says_nothing(&literal) {
                offending.push(format!("{}: \"{literal}\"", path.strip_prefix(root).unwrap_or(path).display()));
            }
        }
    }
    assert!(seen > least, "only {seen} literals in {calls:?}: is the scan broken?");
    offending
}

#[test]
fn no_sentence_for_a_person_lives_outside_the_catalogs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    i18n::tests::sources(&root.join("src/cli"), &mut files);
    files.push((root.join("src/main.rs"), std::fs::read_to_string(root.join("src/main.rs")).unwrap()));
    let offending = sayings_in(&files, SPEAKING, 50);
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
    let offending = sayings_in(&files, REFUSING, 10);
    assert!(offending.is_empty(), "refusals outside i18n/*.ftl:\n{}", offending.join("\n"));
}

#[test]
fn a_usage_error_sends_the_reader_to_the_help_of_the_command_they_typed() {
    let path = |args: &[&str]| {
        let args: Vec<std::ffi::OsString> = args.iter().map(|a| a.into()).collect();
        command_path(&args)
    };
    assert_eq!(path(&["portal-admin", "retract", "--reason", "bad"]), "portal-admin retract");
    assert_eq!(path(&["portal-admin", "--db", "retract", "review", "approve", "x"]), "portal-admin review approve");
    assert_eq!(
        path(&["portal-admin", "--format=json", "review", "approve", "--checks", "9"]),
        "portal-admin review approve"
    );
    assert_eq!(path(&["portal-admin", "--nonsense"]), "portal-admin");
    assert_eq!(path(&["portal-admin", "retrct"]), "portal-admin");
}

/// The calls whose literals are for the program's developers, not the person at the console: logs,
/// broken invariants and thread names.
const UNSPOKEN: &[&str] = &["tracing::", "panic!(", "expect(", "unreachable!(", "debug_assert!(", "assert!("];

/// Literals of the console that are names or codes, not words (besides key names, which
/// `Key::parse` reads): modifiers as keymap files write them, environment variables, and tmux's
/// escape for passing a sequence through to the terminal.
const CONSOLE_NAMES: &[&str] = &[
    "Ctrl",
    "Alt",
    "Shift",
    "Ctrl-",
    "Alt-",
    "Shift-",
    "TMUX",
    "STY",
    "HOME",
    "PORTAL_ADMIN_TEST_PANIC",
    "\\x1bPtmux;{}\\x1b\\\\",
    "\\x1bP{seq}\\x1b\\\\",
    // Key names as the help's scroll hint and the completions line write them.
    "{}/{} PgUp/PgDn",
    " Tab: {}",
];

/// `code` without comments (`//` to the end of a line, outside literals).
fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut pieces = pieces(code).peekable();
    while let Some((start, piece, end)) = pieces.next() {
        if piece == Piece::Code('/') && pieces.peek().is_some_and(|(_, next, _)| *next == Piece::Code('/')) {
            while pieces.next_if(|(_, next, _)| *next != Piece::Code('\n')).is_some() {}
            continue;
        }
        out.push_str(&code[start..end]);
    }
    out
}

/// `code` without the items marked `#[cfg(test)]`: each up to its `;` or its closing brace.
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let mut depth = 0;
        let mut end = item.len();
        for (_, piece, after) in pieces(item) {
            match piece {
                Piece::Code('{') => depth += 1,
                Piece::Code('}') if depth == 1 => {
                    end = after;
                    break;
                }
                Piece::Code('}') => depth -= 1,
                Piece::Code(';') if depth == 0 => {
                    end = after;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// Every string literal of `source` but the catalogs' keys, comments, tests and the calls of
/// `UNSPOKEN`.
fn every_literal(source: &str) -> Vec<String> {
    let code = without_tests(&without_comments(source));
    let mut spoken = String::new();
    let mut rest = code.as_str();
    'calls: loop {
        let next = UNSPOKEN.iter().filter_map(|call| rest.find(call).map(|at| (at, call))).min();
        let Some((at, call)) = next else { break 'calls };
        spoken.push_str(&rest[..at]);
        let after = &rest[at + call.len()..];
        // The call's arguments, up to the parenthesis that closes it.
        let open = if call.ends_with('(') { 0 } else { after.find('(').map_or(after.len(), |p| p + 1) };
        let args = arguments(&after[open.min(after.len())..]);
        rest = &after[(open + args.len() + 1).min(after.len())..];
    }
    spoken.push_str(rest);
    // The literals of the whole text: `literals_of` with a call that every literal is inside.
    literals_of(&format!("scan({spoken})"), &["scan("])
}

/// The console's words are in the catalogs (`console.ftl`, `views.ftl`, `words.ftl`, `keys.ftl`
/// and the Columns tab's `columns.ftl`): every literal of src/ui that a person could read fails
/// this test. Names are not words: keys of the catalogs, command and action names (one lowercase
/// token: `stale`, `app.quit`), key names (`CONSOLE_NAMES`), formats and punctuation.
#[test]
fn no_text_for_a_person_lives_in_the_console_outside_the_catalogs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    i18n::tests::sources(&root.join("src/ui"), &mut files);
    let mut offending = Vec::new();
    let mut seen = 0;
    for (path, text) in
        files.iter().filter(|(p, _)| !p.ends_with("tests.rs") && !p.components().any(|c| c.as_os_str() == "tests"))
    {
        for literal in every_literal(text) {
            seen += 1;
            let name = !literal.is_empty()
                && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/{}".contains(c));
            let key = crate::ui::keymap::Key::parse(&literal).is_ok();
            if !says_nothing(&literal) && !name && !key && !CONSOLE_NAMES.contains(&literal.as_str()) {
                offending.push(format!("{}: \"{literal}\"", path.strip_prefix(root).unwrap().display()));
            }
        }
    }
    assert!(seen > 300, "only {seen} literals in src/ui: is the scan broken?");
    assert!(offending.is_empty(), "text for people in src/ui outside i18n/*.ftl:\n{}", offending.join("\n"));
}

#[test]
fn the_console_scan_finds_words_and_leaves_names_logs_and_comments() {
    let code = r#"let x = pad("rank", 4); // a "comment" here
        tracing::warn!("a log line {e}"); t!("key-name", n = "Loading…"); self.warn("no unit selected");
        let c = '"'; let s = "Keys \"quoted\" here"; match a { "stale" => {} }
        #[cfg(test)]
        fn helper() { say("only in tests"); }
        pub fn after() { tell("Said after a test helper"); }"#;
    let found = every_literal(code);
    let said =
        ["rank", "Loading…", "no unit selected", "Keys \\\"quoted\\\" here", "stale", "Said after a test helper"];
    assert_eq!(found, said, "{found:?}");
}

/// A lifetime is code, not the start of a character literal: `'static` once hid the rest of a
/// file from the scans (the literal ran to the next quote), a bracket or a `//` in a character
/// literal is not code either.
#[test]
fn a_lifetime_hides_nothing_from_the_scans() {
    let code = r#"const NAME: &'static str = "rank";
        fn words<'a>(s: &'a str) -> &'a str { tell("Hidden after a lifetime") }
        let open = '('; let quote = '"'; let slash = '/'; // a "comment"
        'calls: loop { say("After a label"); break 'calls; }
        let escaped = '''; say("After an escaped quote");"#;
    assert_eq!(
        every_literal(code),
        ["rank", "Hidden after a lifetime", "After a label", "After an escaped quote"],
        "{:?}",
        pieces(code).collect::<Vec<_>>()
    );
    assert_eq!(spoken_literals(code), ["Hidden after a lifetime", "After a label", "After an escaped quote"]);
}

/// What every option's value is called has its words in both languages (`<DATE>`, `<日期>`), but
/// a form to type (`YYYY`) stays as it is.
#[test]
fn every_options_value_is_called_by_a_word_of_each_language() {
    fn walk(command: &Command, names: &mut std::collections::BTreeSet<String>) {
        for arg in command.get_arguments().filter(|a| a.get_action().takes_values()) {
            names.extend(arg.get_value_names().unwrap_or_default().iter().map(|n| n.to_string()));
        }
        for sub in command.get_subcommands() {
            walk(sub, names);
        }
    }
    let mut names = std::collections::BTreeSet::new();
    walk(&Cli::command(), &mut names);
    assert!(names.len() > 10, "{names:?}");
    let missing: Vec<String> = names
        .iter()
        .filter(|n| !VALUE_FORMS.contains(&n.as_str()))
        .map(|n| value_key(n))
        .filter(|k| !Lang::ALL.iter().all(|l| i18n::has(*l, k)))
        .collect();
    assert!(missing.is_empty(), "not in i18n/*/manual.ftl: {missing:?}");
    for name in names.iter().filter(|n| !VALUE_FORMS.contains(&n.as_str())) {
        assert_eq!(&i18n::text_in(Lang::En, &value_key(name), None), name, "English keeps clap's name");
    }
    let help = |lang| i18n::scoped(lang, || command(80).find_subcommand("audit").unwrap().clone().render_help());
    let chinese = help(Lang::ZhCn).to_string();
    assert!(chinese.contains("--since <日期>") && chinese.contains("--operator <名称>"), "{chinese}");
    assert!(!chinese.contains("<DATE>") && !chinese.contains("<NAME>"), "{chinese}");
    let english = help(Lang::En).to_string();
    assert!(english.contains("--since <DATE>") && english.contains("--operator <NAME>"), "{english}");
}

/// Every field a listing writes has its table header in both catalogs (`field-NAME`): a missing
/// one shows the key itself as the header of a table.
#[test]
fn every_listings_field_has_a_header_in_each_language() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    i18n::tests::sources(&root.join("src/cli"), &mut files);
    let mut fields = Vec::new();
    for (_, text) in files.iter().filter(|(p, _)| !p.ends_with("tests.rs")) {
        fields.extend(literals_of(text, &["Listing::new("]));
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        for (_, after) in code.match_indices("FIELDS: &[&str] = &[").map(|(at, _)| code.split_at(at)) {
            fields.extend(literals(after.split_once("];").map_or(after, |(list, _)| list)));
        }
    }
    assert!(fields.len() > 100 && fields.iter().any(|f| f == "closed_how"), "is the scan broken? {fields:?}");
    let missing: Vec<String> = [Lang::En, Lang::ZhCn]
        .into_iter()
        .flat_map(|lang| {
            fields
                .iter()
                .filter(move |f| !i18n::has(lang, &format!("field-{f}")))
                .map(move |f| format!("{} field-{f}", lang.tag()))
        })
        .collect();
    assert!(missing.is_empty(), "no table header in the catalogs: {missing:?}");
}

/// The fields whose values a person reads as they are: numbers, dates and times, names, titles,
/// notes, addresses, the parsers' own words, and the names a command line takes back (an
/// indicator's key, an audit action, a keymap's view and action, a setting). `FILE:FIELD` is a
/// field of that name in that file's listings only (a column's path, an HTTP status).
const AS_THEY_ARE: &[&str] = &[
    "src/cli/columns.rs:path",
    "src/cli/columns.rs:level",
    "src/cli/reports.rs:path",
    "src/cli/links.rs:status",
    "src/cli/console.rs:action",
    "id",
    "item",
    "title",
    "unit",
    "units",
    "departments",
    "note",
    "text",
    "message",
    "suggestion",
    "waived",
    "rank",
    "points",
    "deductions",
    "net",
    "image_text",
    "video",
    "incidents",
    "change",
    "recorded_at",
    "recorded_by",
    "occurred_on",
    "reverses",
    "reversed_by",
    "published_at",
    "date",
    "deadline",
    "setting",
    "value",
    "from",
    "view",
    "key",
    "description",
    "indicator",
    "count",
    "threshold",
    "detail",
    "warn_at",
    "name",
    "subject",
    "asked_at",
    "answered_at",
    "answer",
    "invalid_reason",
    "url",
    "error",
    "checked_at",
    "millis",
    "probed_at",
    "about",
    "column",
    "days",
    "issued_at",
    "issued_by",
    "due_on",
    "closed_at",
    "closed_by",
    "close_note",
    "last_update",
    "due",
    "days_overdue",
    "number",
    "issued",
    "ref",
    "code",
    "overdue",
    "blank",
    "check_failing",
    "check_warning",
    "waiting_hours",
    "alarms",
    "version",
    "requested_at",
    "handled_at",
    "handled_by",
    "minutes_to_handle",
    "at",
    "operator",
];

/// A listing's fields and the fields it says in words (`.code`, `.read_as`, or columns as their
/// paths alone), for each listing in src/cli: (file, fields, said).
fn every_listing() -> Vec<(String, Vec<String>, Vec<String>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    i18n::tests::sources(&root.join("src/cli"), &mut files);
    let mut found = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| !p.ends_with("tests.rs")) {
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        for (at, _) in code.match_indices("Listing::new(") {
            // The listing is built in one chain, up to the statement's end.
            let chain = code[at..].split_once(';').map_or(&code[at..], |(chain, _)| chain);
            let fields = match chain.strip_prefix("Listing::new(FIELDS)") {
                Some(_) => {
                    let list = code.split_once("FIELDS: &[&str] = &[").expect("the listing's FIELDS").1;
                    literals(list.split_once("];").map_or(list, |(list, _)| list))
                }
                None => literals(arguments(&chain["Listing::new(".len()..])),
            };
            let calls = |call: &'static str| chain.match_indices(call).map(move |(i, _)| &chain[i + call.len()..]);
            let paths = calls(".shown_as(").filter(|rest| arguments(rest).ends_with("super::output::paths_text"));
            let said = calls(".code(")
                .chain(calls(".read_as("))
                .chain(calls(".read_with("))
                .chain(paths)
                .filter_map(|rest| literals(arguments(rest)).into_iter().next())
                .collect();
            found.push((path.strip_prefix(root).unwrap().display().to_string(), fields, said));
        }
    }
    found
}

/// No stable value (`office_review`, `classified`, `true` …) shows as it is in a Chinese table:
/// every listing's field either holds what a person reads as it is, or says its values in words,
/// and every value of every kind has its words in both languages.
#[test]
fn every_listings_stable_values_are_said_in_words_in_a_table() {
    let listings = every_listing();
    assert!(listings.len() > 20, "is the scan broken? {listings:?}");
    let queue = listings.iter().find(|(_, f, _)| f.iter().any(|f| f == "stage")).expect("the queue's listing");
    assert!(queue.2.iter().any(|s| s == "stage"), "is the scan broken? {queue:?}");
    let unsaid: Vec<String> = listings
        .iter()
        .flat_map(|(file, fields, said)| {
            fields
                .iter()
                .filter(|f| !said.contains(f))
                .filter(move |f| {
                    !AS_THEY_ARE.contains(&f.as_str()) && !AS_THEY_ARE.contains(&format!("{file}:{f}").as_str())
                })
                .map(move |f| format!("{file}: {f}"))
        })
        .collect();
    assert!(unsaid.is_empty(), "fields whose stable values a Chinese table shows untranslated: {unsaid:?}");

    use crate::cli::codes::Code;
    use crate::cli::output::{self, Listing};
    let mut untranslated = Vec::new();
    for code in Code::ALL {
        for value in code.values() {
            let cell = |lang| {
                let mut listing = Listing::new(&["v"]).code("v", code);
                listing.push(vec![value.clone()]);
                i18n::scoped(lang, || listing.for_people(Some(200)))
            };
            let raw = match &value {
                serde_json::Value::Array(values) => values.iter().map(output::plain).collect(),
                other => vec![output::plain(other)],
            };
            let chinese = cell(Lang::ZhCn);
            let row = chinese.lines().nth(3).unwrap_or_default();
            if raw.iter().any(|r| row.contains(r.as_str())) || row.contains(|c: char| c.is_ascii_alphabetic()) {
                untranslated.push(format!("{code:?} {value}: {row}"));
            }
            let english = cell(Lang::En);
            if english.contains("code-") || english.lines().nth(3).is_none_or(|r| r.trim_matches(['│', ' ']).is_empty())
            {
                untranslated.push(format!("{code:?} {value} in English: {english}"));
            }
        }
    }
    assert!(untranslated.is_empty(), "values a table shows as they are:\n{}", untranslated.join("\n"));
}

/// The actions the program writes audit records of, read from the source: the action of each
/// `Self::audit(` and `Self::audit_many(` call in src/store (a literal, or the literals a
/// `let action =` in the same file gives), and of each import (`store.insert(site, "demo", …)`).
fn actions_written() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    i18n::tests::sources(&root.join("src"), &mut files);
    let mut found = Vec::new();
    for (path, text) in &files {
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        if path.starts_with(root.join("src/store")) {
            for call in ["Self::audit(", "Self::audit_many("] {
                for (at, _) in code.match_indices(call) {
                    let args = arguments(&code[at + call.len()..]);
                    // tx, site, operator, action, …
                    let action = args.split(',').nth(3).unwrap_or_default().trim();
                    if action == "action" {
                        for (at, _) in code.match_indices("let action = ") {
                            let statement = code[at..].split_once(';').map_or(&code[at..], |(s, _)| s);
                            found.extend(literals(statement));
                        }
                    } else {
                        found.extend(literals(action));
                    }
                }
            }
        }
        for (at, _) in code.match_indices("store.insert(") {
            let args = arguments(&code[at + "store.insert(".len()..]);
            found.extend(literals(args.split(',').nth(1).unwrap_or_default()));
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Every audit record's action is one the tables and the console say in words: an action written
/// without its words (and its place in `AuditAction`) fails here.
#[test]
fn every_action_the_store_writes_has_its_words() {
    let written = actions_written();
    for expected in ["retract", "review.approve", "review.reject", "demo", "import", "operator.set"] {
        assert!(written.iter().any(|a| a == expected), "is the scan broken? {expected} not in {written:?}");
    }
    let unknown: Vec<&String> = written.iter().filter(|a| a.parse::<crate::domain::AuditAction>().is_err()).collect();
    assert!(
        unknown.is_empty(),
        "audit actions without their words (domain::AuditAction, audit_words.ftl): {unknown:?}"
    );
    let all: Vec<&str> = crate::domain::AuditAction::ALL.iter().map(|a| a.as_str()).collect();
    let unwritten: Vec<&&str> = all.iter().filter(|a| !written.iter().any(|w| w == *a)).collect();
    assert!(unwritten.is_empty(), "actions no change writes any more: {unwritten:?}");
}
