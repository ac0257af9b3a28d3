//! The screens of docs/guide.md, captured from the real program in a real terminal (tmux, 100×30)
//! on a demo database, view by view, by the keys the guide names. Every capture must show what the
//! guide says the view shows; `PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --test guide` writes the
//! captures into the guide (between `<!-- screen: NAME -->` and `<!-- /screen -->`).

mod common;

use std::path::{Path, PathBuf};

use common::tmux::{Tmux, quote};

const FIRE: &str = concat!(
    r#"{"ref":"fire-1","title":"象山区召开2026年冬季森林防火工作会议","#,
    r#""body":"11月25日，区长李明化在全区森林防火工作会议上强调，要压实责任、严防死守。\n护"#,
    r#"林员张某（身份证号11010519491231002X）负责二塘乡片区巡查，联系电话13907731234。\n会"#,
    r#"议要求各乡（街道）加强巡查，确保不发生重大森林火灾。","form":"text","#,
    r#""path":"government","unit":"政府办","columns":["政务动态 / 象山动态"],"#,
    r#""submitted_at":"2026-11-28T09:00:00+08:00"}"#,
    "\n"
);

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// The home directory the guides show: a user's, as wide as `Home`'s temporary one, so that a
/// capture written with it is laid out as the program laid it out (a box's right border where it
/// was, a line wrapped where it was).
const SHOWN_HOME: &str = "/home/admin";

/// A home of its own: the data and config directories where a user's would be, so the captures
/// read `/home/admin/.local/share/portal-admin/portal.db` rather than a temporary path. Its path
/// is exactly as wide as `SHOWN_HOME` (`/tmp/` and six characters), which replaces it.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir =
            tempfile::Builder::new().prefix("pa").rand_bytes(SHOWN_HOME.len() - "/tmp/pa".len()).tempdir_in("/tmp");
        let dir = dir.unwrap();
        assert_eq!(dir.path().display().to_string().len(), SHOWN_HOME.len(), "{}", dir.path().display());
        Home { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join(".local/share/portal-admin")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join(".config")
    }

    /// The program run from the home directory, as a user at a shell prompt runs it.
    fn run(&self, args: &[&str]) {
        let out = common::program()
            .current_dir(self.dir.path())
            .args(args)
            .env("PORTAL_ADMIN_DATA_DIR", self.data())
            .env("XDG_CONFIG_HOME", self.config())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// The console, as a user starts it (no --db, the embedded database in the data directory), in
    /// the locale `lang` (its `LANG`, no other locale variable), `cols`×`rows`.
    fn console_in(&self, name: &str, lang: &str, cols: u16, rows: u16) -> Tmux {
        let command = format!(
            "cd {} && env -u LC_ALL -u LC_MESSAGES LANG={} {}",
            quote(&self.dir.path().display().to_string()),
            quote(lang),
            quote(env!("CARGO_BIN_EXE_portal-admin"))
        );
        let (data, config) = (self.data(), self.config());
        Tmux::start_sized(name, &command, &[("PORTAL_ADMIN_DATA_DIR", &data), ("XDG_CONFIG_HOME", &config)], cols, rows)
    }

    /// The screen as the guide shows it: the home directory written `SHOWN_HOME` (as wide, so
    /// nothing after it moves), trailing blanks gone.
    fn shown(&self, screen: &str) -> String {
        let home = self.dir.path().display().to_string();
        let lines: Vec<String> = screen.lines().map(|l| l.replace(&home, SHOWN_HOME).trim_end().to_string()).collect();
        let last = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
        lines[..last].join("\n")
    }
}

/// Captures `name` once the screen shows every one of `shows`.
fn capture(t: &Tmux, home: &Home, name: &str, shows: &[&str], into: &mut Vec<(String, String)>) {
    for what in shows {
        t.wait_for(what);
    }
    // One more frame, so a spinner or a late row has settled.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let screen = t.screen();
    for what in shows {
        assert!(screen.contains(what), "{name}: {what:?} is not on the screen:\n{screen}");
    }
    let shown = home.shown(&screen);
    let crooked = crooked_borders(&shown);
    assert!(crooked.is_empty(), "{name}: a box's right border moved on lines {crooked:?}:\n{shown}");
    into.push((name.to_string(), shown));
}

/// The lines (from 1) of `screen` where a box's right border is not in the column of its top
/// right corner (`┐`), down to its bottom one (`┘`): what a path written shorter than it was drawn
/// did to the help's box.
fn crooked_borders(screen: &str) -> Vec<usize> {
    use unicode_width::UnicodeWidthChar;
    // The character whose first cell is column `col`.
    let at = |line: &str, col: usize| {
        let mut x = 0;
        line.chars().find(|c| {
            let here = x;
            x += c.width().unwrap_or(0);
            here == col && c.width().unwrap_or(0) > 0
        })
    };
    let lines: Vec<&str> = screen.lines().collect();
    let mut crooked = Vec::new();
    for (top, line) in lines.iter().enumerate() {
        let corners = (0..unicode_width::UnicodeWidthStr::width(*line)).filter(|&col| at(line, col) == Some('┐'));
        for right in corners {
            for (n, below) in lines.iter().enumerate().skip(top + 1) {
                match at(below, right) {
                    Some('┘') => break,
                    Some('│') => {}
                    _ => {
                        crooked.push(n + 1);
                        break;
                    }
                }
            }
        }
    }
    crooked
}

/// What one language's guide shows, screen by screen (`captures`): the console's locale and size,
/// and what each capture must hold.
struct GuideWords {
    /// The tmux sessions' names begin so.
    session: &'static str,
    lang: &'static str,
    cols: u16,
    rows: u16,
    /// The demo's extra item imported by a path relative to the home directory (else absolute).
    fire_relative: bool,
    first_run: &'static [&'static str],
    connected: &'static str,
    columns: &'static [&'static str],
    /// What a column's items show; captured as `column` when the guide shows it.
    column: &'static [&'static str],
    column_captured: bool,
    /// The prompt of `O` (mark the items older than a date), and what shows once they are marked.
    before: &'static str,
    marked: &'static str,
    withdraw_confirm: &'static [&'static str],
    queue: &'static [&'static str],
    review: &'static [&'static str],
    retractions: &'static [&'static str],
    scores: &'static [&'static str],
    unit: &'static [&'static str],
    audit: &'static [&'static str],
    withdrawn: &'static [&'static str],
    inspect: &'static [&'static str],
    findings: &'static [&'static str],
    /// The tab whose help the guide shows, and what it holds.
    help_tab: &'static str,
    help: &'static [&'static str],
}

/// The screens of docs/guide.md: the console in the C locale at 100×30.
const ENGLISH: GuideWords = GuideWords {
    session: "guide",
    lang: "C.UTF-8",
    cols: COLS,
    rows: ROWS,
    fire_relative: false,
    first_run: &["there is no portal-admin database here yet", "i / d / q?"],
    connected: "● connected",
    columns: &["Columns 291", "✗", "政务动态"],
    column: &["政务动态 / 象山动态", "online since"],
    column_captured: true,
    before: "before",
    marked: "marked",
    withdraw_confirm: &["Confirm", "from every column (nothing is deleted)", "reason: outdated"],
    queue: &["Queue ·", "awaiting a decision", "office review"],
    review: &["Item 3001 at office_review (v1)", "1 no state secret", "Findings 3 · ✗2 blocking", "李明化"],
    retractions: &["Retractions ·", "pending, urgent first"],
    scores: &["Scores 20", "rank", "net score"],
    unit: &["rank 1 of", "Items that earned points"],
    audit: &["Audit ·", "demo data", "set up"],
    withdrawn: &["Withdrawn ·", "from request: median"],
    inspect: &["Inspection · as of", "blank columns"],
    findings: &["Findings ·", "newest first"],
    help_tab: "2",
    help: &["Help", "Keys in the column view", "Where things are", "Database"],
};

/// The screens of docs/guide.zh-CN.md: the console in a Chinese locale (`LANG=zh_CN.UTF-8`) at
/// 80×24, the smallest terminal it takes. The extra item is imported by a path relative to the
/// home directory: the audit trail, at 80 columns too narrow to show the whole path, shows the same
/// name in every capture.
const CHINESE: GuideWords = GuideWords {
    session: "guide-zh",
    lang: "zh_CN.UTF-8",
    cols: 80,
    rows: 24,
    fire_relative: true,
    first_run: &["这里还没有 portal-admin 数据库"],
    connected: "● 已连接",
    columns: &["1 待审", "✗", "政务动态"],
    column: &["政务动态 / 象山动态"],
    column_captured: false,
    before: "YYYY-MM-DD",
    marked: "2024-12-20",
    withdraw_confirm: &["确认", "（不删除任何内容）", "原因：过期"],
    queue: &["待审 ·", "条待决定", "政府 · 办公室审核"],
    review: &["信息 3001 · 办公室审核（第 1 版）", "1 不涉及秘密", "问题 3 条 · ✗2 条阻止发布", "李明化"],
    retractions: &["撤回申请 ·", "最紧急的在前"],
    scores: &["考核 20", "排名", "得分"],
    unit: &["排名 1 /", "计分信息"],
    audit: &["审计 ·", "演示数据", "初始化", "从 fire.jsonl 导入"],
    withdrawn: &["已撤回 ·", "申请至撤回：中位数"],
    inspect: &["网站检查 · 截至", "空白栏目"],
    findings: &["内容检查 ·", "最新的在前"],
    help_tab: "1",
    help: &["帮助", "“待审”视图的按键", "文件位置"],
};

/// The screens of one language's guide, view by view, by the keys the guide names (the same
/// letters in both languages).
fn captures(w: &GuideWords) -> Vec<(String, String)> {
    let mut shots = Vec::new();
    let console = |home: &Home, name: &str| home.console_in(name, w.lang, w.cols, w.rows);

    let fresh = Home::new();
    let t = console(&fresh, &format!("{}-first", w.session));
    capture(&t, &fresh, "first-run", w.first_run, &mut shots);
    t.keys(&["q"]);
    drop(t);

    let home = Home::new();
    home.run(&["init"]);
    home.run(&["demo", "--items", "3000", "--seed", "2023"]);
    // One item with what the content checks are for: a leader's name written wrong, an ID number
    // and a mobile number in full.
    let fire = home.dir.path().join("fire.jsonl");
    std::fs::write(&fire, FIRE).unwrap();
    home.run(&["import", if w.fire_relative { "fire.jsonl" } else { fire.to_str().unwrap() }]);
    let t = console(&home, w.session);
    t.wait_for(w.connected);
    // The console opens on the queue when items await a decision: the guide starts at the columns.
    t.keys(&["2"]);
    capture(&t, &home, "columns", w.columns, &mut shots);
    t.keys(&["/", "象山动态"]);
    t.wait_for("[/象山动态]");
    t.keys(&["Enter", "Enter"]);
    if w.column_captured {
        capture(&t, &home, "column", w.column, &mut shots);
    } else {
        for what in w.column {
            t.wait_for(what);
        }
    }
    t.keys(&["O"]);
    t.wait_for(w.before);
    t.keys(&["2024-12-20", "Enter"]);
    t.wait_for(w.marked);
    t.keys(&["w"]);
    capture(&t, &home, "withdraw-confirm", w.withdraw_confirm, &mut shots);
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    t.keys(&["1"]);
    capture(&t, &home, "queue", w.queue, &mut shots);
    t.keys(&["/", "森林防火"]);
    t.wait_for("[/森林防火]");
    t.keys(&["Enter", "Enter"]);
    capture(&t, &home, "review", w.review, &mut shots);
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    t.keys(&["3"]);
    capture(&t, &home, "retractions", w.retractions, &mut shots);
    t.keys(&["4"]);
    capture(&t, &home, "scores", w.scores, &mut shots);
    t.keys(&["Enter"]);
    capture(&t, &home, "unit", w.unit, &mut shots);
    t.keys(&["Escape"]);
    t.keys(&["5"]);
    capture(&t, &home, "audit", w.audit, &mut shots);
    t.keys(&["6"]);
    capture(&t, &home, "withdrawn", w.withdrawn, &mut shots);
    t.keys(&["7"]);
    capture(&t, &home, "inspect", w.inspect, &mut shots);
    t.keys(&["8"]);
    capture(&t, &home, "findings", w.findings, &mut shots);
    t.keys(&[w.help_tab]);
    t.keys(&["?"]);
    capture(&t, &home, "help", w.help, &mut shots);
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    shots
}

/// The guide with each screen block replaced by its capture.
fn with_screens(guide: &str, shots: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = guide;
    while let Some(start) = rest.find("<!-- screen: ") {
        let head_end = start + rest[start..].find("-->").expect("a closed marker") + 3;
        let name = rest[start + 13..head_end - 3].trim();
        let end =
            head_end + rest[head_end..].find("<!-- /screen -->").unwrap_or_else(|| panic!("screen {name} is closed"));
        let (_, shot) = shots
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("the guide shows a screen {name} nobody captures"));
        out.push_str(&rest[..head_end]);
        out.push_str(&format!("\n```text\n{shot}\n```\n"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The English guide: its screens are the console's at 100×30. The captures change with the day
/// (the demo's dates are relative to today), so the guide is not compared to today's; but every
/// screen block holds a capture of its view.
#[test]
fn the_guide_shows_every_view_as_the_program_draws_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md");
    check_screens(&path, &captures(&ENGLISH), "PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --test guide");
}

/// Every screen block of `guide` holds a capture of its view, and every capture has its block.
fn check_screens(path: &Path, shots: &[(String, String)], update: &str) {
    let guide = std::fs::read_to_string(path).unwrap();
    for (name, _) in shots {
        assert!(
            guide.contains(&format!("<!-- screen: {name} -->")),
            "{}: a place for the {name} screen",
            path.display()
        );
    }
    if std::env::var_os("PORTAL_ADMIN_UPDATE_DOCS").is_some() {
        std::fs::write(path, with_screens(&guide, shots)).unwrap();
    }
    let guide = std::fs::read_to_string(path).unwrap();
    for (name, shot) in shots {
        let marker = format!("<!-- screen: {name} -->\n```text\n");
        let at = guide.find(&marker).unwrap_or_else(|| panic!("the {name} screen is captured: run {update}"));
        let first = shot.lines().next().unwrap_or_default();
        assert!(
            guide[at + marker.len()..].starts_with(first),
            "{}: the {name} screen starts {first:?}",
            path.display()
        );
    }
}

/// The Chinese guide: its screens are the Chinese console's at 80×24, and the keys it names are the
/// shipped keymap's (the same letters in both languages).
#[test]
fn the_chinese_guide_shows_every_view_as_the_chinese_console_draws_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("docs/guide.zh-CN.md");
    check_screens(&path, &captures(&CHINESE), "PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --test guide");
    let guide = std::fs::read_to_string(&path).unwrap();
    let keymap = portal_admin::ui::keymap::Keymap::default_map();
    // The keys as the Chinese console names them (回车, 空格, → …; letters as they are).
    let bound: Vec<String> = portal_admin::i18n::scoped(portal_admin::i18n::Lang::ZhCn, || {
        portal_admin::ui::keymap::Layer::ALL
            .iter()
            .flat_map(|l| keymap.bindings(*l).iter().map(|b| b.key.name()))
            .collect()
    });
    // `按 X` names a key: each must be bound somewhere in the shipped keymap, named as the
    // console names it.
    let mut named = 0;
    for part in guide.split("按 `").skip(1) {
        let key = part.split('`').next().unwrap_or_default();
        named += 1;
        assert!(bound.iter().any(|b| b == key), "the Chinese guide names the key `{key}`, which the keymap lacks");
    }
    assert!(named > 20, "only {named} keys named in the Chinese guide: is the scan broken?");
    // Linked first among the README's documents.
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let docs = &readme[readme.find("## Documentation").expect("a Documentation section")..];
    let first = docs.find("](docs/").map(|at| &docs[at + 2..]).unwrap_or_default();
    assert!(first.starts_with("docs/guide.zh-CN.md"), "README's first document: {}", &first[..40.min(first.len())]);
}

/// The check of the captures' boxes finds a border a shorter path moved (the help's places, once
/// written `~`), and none where the path is as wide as the one the program drew.
#[test]
fn a_path_written_shorter_than_drawn_moves_a_border() {
    let drawn = "┌ 帮助 ──────────────────────┐\n│  数据库  /tmp/pa1234/p.db  │\n└────────────────────────────┘";
    assert!(crooked_borders(drawn).is_empty());
    assert!(crooked_borders(&drawn.replace("/tmp/pa1234", SHOWN_HOME)).is_empty());
    assert_eq!(crooked_borders(&drawn.replace("/tmp/pa1234", "~")), [2]);
}
