//! The command line in Chinese and in English: the language a run speaks (`--lang` over the
//! settings over the locale), its help and its errors, from the real binary.

mod common;

use std::process::{Command, Output};

/// The program with nothing of the runner's language: no locale, no settings of its own.
fn program(data_dir: &std::path::Path) -> Command {
    let mut cmd = common::program();
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(name);
    }
    cmd.env("PORTAL_ADMIN_DATA_DIR", data_dir).env("XDG_CONFIG_HOME", data_dir.join("config"));
    cmd
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn width(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn help_is_chinese_with_lang_zh_cn_and_fits_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--lang", "zh-CN", "--help"][..],
        &["--lang=zh-CN", "retract", "--help"],
        &["--lang", "zh-CN", "help", "scores"],
    ] {
        let out = program(dir.path()).args(args).output().unwrap();
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stdout.contains("用法：") && stdout.contains("选项："), "{args:?}: {stdout}");
        assert!(!stdout.contains("Usage:") && !stdout.contains("Print help"), "{args:?}: {stdout}");
        for line in stdout.lines() {
            assert!(width(line) <= 80, "{args:?}: over 80 columns: {line}\n{stdout}");
        }
    }
    let out = program(dir.path()).args(["--lang", "zh-CN", "--help"]).output().unwrap();
    let (stdout, _) = text(&out);
    assert!(stdout.contains("撤回") && stdout.contains("栏目"), "the regulation's words: {stdout}");
}

#[test]
fn help_is_english_by_default_and_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["--lang", "en", "retract", "--help"]] {
        let out = program(dir.path()).args(args).output().unwrap();
        let (stdout, _) = text(&out);
        assert!(out.status.success());
        assert!(stdout.contains("Usage: ") && stdout.contains("Options:"), "{stdout}");
        assert!(!stdout.contains("用法"), "{stdout}");
        for line in stdout.lines() {
            assert!(width(line) <= 80, "over 80 columns: {line}\n{stdout}");
        }
    }
}

/// clap's placeholders in the usage line (options, a command) are words of the language too.
#[test]
fn the_usage_lines_placeholders_speak_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let usage = |args: &[&str]| {
        let out = program(dir.path()).args(args).output().unwrap();
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        let line = stdout.lines().find(|l| l.starts_with("用法：") || l.starts_with("Usage: "));
        line.unwrap_or_else(|| panic!("{args:?}: no usage line in {stdout}")).to_string()
    };
    assert_eq!(usage(&["--lang", "zh-CN", "--help"]), "用法：portal-admin [选项] [命令]");
    assert_eq!(usage(&["--lang", "zh-CN", "review", "--help"]), "用法：portal-admin review [选项] <命令>");
    assert_eq!(usage(&["--lang", "zh-CN", "help", "scores"]), "用法：portal-admin scores [选项]");
    assert_eq!(usage(&["--lang", "zh-CN", "help", "help"]), "用法：portal-admin help [命令]");
    assert_eq!(usage(&["--help"]), "Usage: portal-admin [OPTIONS] [COMMAND]");
    assert_eq!(usage(&["--lang", "en", "review", "--help"]), "Usage: portal-admin review [OPTIONS] <COMMAND>");
    assert_eq!(usage(&["help", "help"]), "Usage: portal-admin help [COMMAND]");
}

/// What an option's value is called is a word of the language too (`<日期>`), in the usage line
/// and the options; English keeps clap's names; a form to type (`YYYY`) stays.
#[test]
fn the_values_of_options_are_called_by_words_of_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let help = |args: &[&str]| {
        let out = program(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out).1);
        text(&out).0
    };
    let chinese = help(&["--lang", "zh-CN", "audit", "--help"]);
    for word in ["--since <日期>", "--operator <名称>", "--db <网址>", "--keymap <文件>"] {
        assert!(chinese.contains(word), "{word}: {chinese}");
    }
    for word in ["<DATE>", "<NAME>", "<URL>", "<FILE>"] {
        assert!(!chinese.contains(word), "{word}: {chinese}");
    }
    let retract = help(&["--lang", "zh-CN", "retract", "--help"]);
    assert!(retract.contains("<编号>") && retract.contains("--reason <原因>"), "{retract}");
    let scores = help(&["--lang", "zh-CN", "scores", "--help"]);
    assert!(scores.contains("<YYYYQn>") && scores.contains("<YYYY>"), "a form to type stays: {scores}");
    let english = help(&["--lang", "en", "audit", "--help"]);
    assert!(english.contains("--since <DATE>") && english.contains("--operator <NAME>"), "{english}");
    // A usage error names the option as the help does.
    let out = program(dir.path()).args(["--lang", "zh-CN", "audit", "--since", "x"]).output().unwrap();
    assert!(text(&out).1.contains("--since <日期>"), "{}", text(&out).1);
}

/// A deadline rule reads in words of the language in a table; CSV keeps its stable form.
#[test]
fn deadline_rules_read_in_words_in_tables_and_stay_stable_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = program(dir.path()).args(["init"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    let table = program(dir.path()).args(["--lang", "zh-CN", "columns", "--format", "table"]).output().unwrap();
    let (stdout, stderr) = text(&table);
    assert!(table.status.success(), "{stderr}");
    assert!(stdout.contains("每 10 天") && stdout.contains("按需更新"), "{stdout}");
    assert!(!stdout.contains("every 10 days") && !stdout.contains("as needed"), "{stdout}");
    let english = program(dir.path()).args(["--lang", "en", "columns", "--format", "table"]).output().unwrap();
    assert!(text(&english).0.contains("every 10 days"), "{}", text(&english).0);
    // `stale`'s statuses too (the demo's columns are overdue by now).
    assert!(program(dir.path()).args(["demo", "--items", "300"]).output().unwrap().status.success());
    let stale = program(dir.path()).args(["--lang", "zh-CN", "stale", "--format", "table"]).output().unwrap();
    let (stdout, _) = text(&stale);
    assert!(stdout.contains("逾期") && !stdout.contains("overdue"), "{stdout}");
    let csv = program(dir.path()).args(["--lang", "zh-CN", "stale", "--format", "csv"]).output().unwrap();
    assert!(text(&csv).0.contains(",overdue,"), "{}", text(&csv).0);
    let csv = program(dir.path()).args(["--lang", "zh-CN", "columns", "--format", "csv"]).output().unwrap();
    let (stdout, _) = text(&csv);
    assert!(stdout.contains(",every 10 days,") && !stdout.contains("每 10 天"), "{stdout}");
}

#[test]
fn the_locale_chooses_chinese_and_lang_en_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = program(dir.path()).env("LANG", "zh_CN.UTF-8").arg("--help").output().unwrap();
    assert!(text(&out).0.contains("用法："), "LANG=zh_CN.UTF-8: {}", text(&out).0);
    let out = program(dir.path()).env("LANG", "zh_CN.UTF-8").args(["--lang", "en", "--help"]).output().unwrap();
    assert!(text(&out).0.contains("Usage: "), "--lang en: {}", text(&out).0);
    // LC_ALL, the first of the locale's variables, wins over LANG.
    let out = program(dir.path()).env("LANG", "zh_CN.UTF-8").env("LC_ALL", "C.UTF-8").arg("--help").output().unwrap();
    assert!(text(&out).0.contains("Usage: "), "LC_ALL=C.UTF-8: {}", text(&out).0);
}

#[test]
fn the_settings_choose_the_language_under_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/portal-admin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "language = \"zh-CN\"\n").unwrap();
    let out = program(dir.path()).env("LANG", "en_US.UTF-8").arg("--help").output().unwrap();
    assert!(text(&out).0.contains("用法："), "the settings over the locale: {}", text(&out).0);
    let out = program(dir.path()).args(["--lang", "en", "--help"]).output().unwrap();
    assert!(text(&out).0.contains("Usage: "), "the option over the settings: {}", text(&out).0);
}

#[test]
fn errors_are_one_line_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], i32, &str, &str); 4] = [
        (&["columns", "--colour"], 2, "unexpected argument '--colour' found", "无法识别的参数“--colour”"),
        (&["retract", "1", "--reason", "bored"], 2, "not a reason: \"bored\"", "不是撤回原因：\"bored\""),
        (&["--demo", "--db", "sqlite://x.db", "columns"], 2, "--demo uses its own database", "--demo 使用自己的数据库"),
        (&["--demo", "--read-only"], 1, "no demo database at", "尚无演示数据库"),
    ];
    for (args, code, english, chinese) in cases {
        for (lang, wanted) in [("en", english), ("zh-CN", chinese)] {
            let out = program(dir.path()).args(["--lang", lang]).args(args).output().unwrap();
            let (_, stderr) = text(&out);
            assert_eq!(out.status.code(), Some(code), "{lang} {args:?}: {stderr}");
            assert!(stderr.starts_with("portal-admin: ") && stderr.contains(wanted), "{lang} {args:?}: {stderr}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        }
    }
}

#[test]
fn tables_speak_the_language_while_csv_and_json_keep_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let out = program(dir.path()).args(["init"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    let table = program(dir.path()).args(["--lang", "zh-CN", "operators", "--format", "table"]).output().unwrap();
    let (stdout, stderr) = text(&table);
    assert!(table.status.success(), "{stderr}");
    assert!(stdout.contains("名称") && stdout.contains("角色") && stdout.contains("（共1行）"), "{stdout}");
    let csv = program(dir.path()).args(["--lang", "zh-CN", "operators", "--format", "csv"]).output().unwrap();
    assert!(text(&csv).0.starts_with("name,role,active\n"), "{}", text(&csv).0);
    let json = program(dir.path()).args(["--lang", "zh-CN", "operators", "--format", "json"]).output().unwrap();
    assert!(text(&json).0.contains("\"role\": \"admin\""), "{}", text(&json).0);
}

/// What the database refuses is said in the run's language too: the store's and the rules'
/// messages come from the catalogs, not only the command line's own.
#[test]
fn the_stores_refusals_speak_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = program(dir.path()).args(["init"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"title\":\" \",\"body\":\"x\",\"form\":\"text\",\"path\":\"repost\",\"columns\":[\"走进象山\"],\
         \"submitted_at\":\"2026-11-20\"}\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    let notice = dir.path().join("notice.txt");
    std::fs::write(&notice, "元旦：1月1日放假。\n").unwrap();
    let notice = notice.to_str().unwrap();
    let cases: [(&[&str], &str, &str); 5] = [
        (&["calendar", "import", notice], "no title: the notice starts with", "没有标题：通知以"),
        (&["show", "99999"], "no item \"99999\" in site", "中没有信息 \"99999\""),
        (&["operators", "role", "nobody", "viewer"], "nobody is not an operator of site", "nobody 不是站点"),
        (&["import", bad], "title is empty", "title 为空"),
        (&["scores", "--quarter", "2026Q5"], "not a quarter or a year", "不是季度或年度"),
    ];
    for (args, english, chinese) in cases {
        for (lang, wanted, unwanted) in [("en", english, chinese), ("zh-CN", chinese, english)] {
            let out = program(dir.path()).args(["--lang", lang]).args(args).output().unwrap();
            let (_, stderr) = text(&out);
            assert!(!out.status.success(), "{lang} {args:?}: {stderr}");
            assert!(stderr.contains(wanted) && !stderr.contains(unwanted), "{lang} {args:?}: {stderr}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        }
    }
}

/// A table says the values of the contract (`recheck`, `classified`, `true` …) in the language's
/// words; CSV and JSON keep them.
#[test]
fn tables_say_the_contracts_values_in_words_while_json_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    assert!(program(dir.path()).args(["init"]).output().unwrap().status.success());
    // Fixed days: the default (two years up to today) gives another queue and other requests each day.
    let demo = ["demo", "--items", "300", "--from", "2024-12-05", "--to", "2026-12-05"];
    assert!(program(dir.path()).args(demo).output().unwrap().status.success());
    let run = |args: &[&str]| {
        let out = program(dir.path()).args(args).output().unwrap();
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout
    };
    let queue = run(&["--lang", "zh-CN", "queue", "--format", "table"]);
    // The cells' words, whatever width the day's demo queue gives each column.
    let cells = |line: &str| line.split('┆').map(str::trim).map(str::to_string).collect::<Vec<_>>();
    let has = |words: &[&str]| {
        queue.lines().map(cells).any(|c| c.windows(words.len()).any(|w| w.iter().zip(words).all(|(a, b)| a == b)))
    };
    assert!(has(&["审核程序", "环节"]) && has(&["单位", "复核"]) && queue.contains("门户网站"), "{queue}");
    for code in ["unit", "recheck", "text", "portal"] {
        assert!(!queue.contains(&format!(" {code} ")), "{code} in a Chinese table: {queue}");
    }
    let json = run(&["--lang", "zh-CN", "queue", "--format", "json"]);
    assert!(json.contains("\"stage\": \"recheck\"") && json.contains("\"channel\": \"portal\""), "{json}");
    // A declined request, whatever the demo's requests are: one made on an online item, then declined.
    let online: Vec<serde_json::Value> =
        serde_json::from_str(&run(&["search", "通知", "--status", "online", "--format", "json"])).unwrap();
    let item = &online[0]["id"];
    run(&["retractions", "request", "--unit", "政府办", "--reason", "outdated", &item.to_string()]);
    let requests: Vec<serde_json::Value> = serde_json::from_str(&run(&["retractions", "--format", "json"])).unwrap();
    let request = requests.iter().find(|r| &r["item"] == item && r["status"] == "pending").unwrap();
    run(&["retractions", "reject", &request["id"].to_string(), "--reason", "仍然有效"]);
    let retractions = run(&["--lang", "zh-CN", "retractions", "--format", "table"]);
    assert!(retractions.contains("不予撤回") && retractions.contains("┆ 否 "), "{retractions}");
    for code in ["done", "rejected", "declined", "withdrawn", "false", "low", "highest", "outdated"] {
        assert!(!retractions.contains(&format!(" {code} ")), "{code} in a Chinese table: {retractions}");
    }
    let csv = run(&["--lang", "zh-CN", "retractions", "--format", "csv"]);
    assert!(csv.contains(",rejected,") && csv.contains(",false"), "{csv}");
    let english = run(&["--lang", "en", "operators", "--format", "table"]);
    assert!(english.contains("┆ yes "), "{english}");
    let search = run(&["--lang", "zh-CN", "search", "通知", "--format", "table"]);
    assert!(search.contains("┆ 在线 ") && search.contains("（图文）"), "{search}");
    assert!(!search.contains("online") && !search.contains("(image_text)"), "{search}");
}

/// What the system says of a file (not found, a directory, not UTF-8 text) is said in Chinese.
#[test]
fn the_systems_errors_speak_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("notice.txt");
    std::fs::write(&gbk, [0xb2, 0xe2, 0xca, 0xd4]).unwrap();
    let cases: [(&[&str], &str, &str); 3] = [
        (&["import", "/no/such/items.jsonl"], "no such file or directory", "文件或目录不存在"),
        (&["init", "--columns", "/"], "it is a directory, not a file", "这是目录，不是文件"),
        (&["calendar", "import", gbk.to_str().unwrap()], "not UTF-8 text", "不是 UTF-8 编码的文本"),
    ];
    for (args, english, chinese) in cases {
        for (lang, wanted) in [("en", english), ("zh-CN", chinese)] {
            let out = program(dir.path()).args(["--lang", lang]).args(args).output().unwrap();
            let (_, stderr) = text(&out);
            assert!(!out.status.success(), "{lang} {args:?}: {stderr}");
            assert!(stderr.contains(wanted), "{lang} {args:?}: {stderr}");
            if lang == "zh-CN" {
                assert!(!stderr.contains("os error") && !stderr.contains("No such file"), "{stderr}");
            }
        }
    }
}
