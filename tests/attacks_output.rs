//! Hostile content on the command line: an item whose title writes the user's clipboard (OSC 52)
//! and sets the terminal's title, printed by `show`, a listing and `keymap show` in a real
//! terminal (tmux, which lets a program set its clipboard and pane title): the screen shows the
//! sequences as symbols, the pane title and tmux's paste buffers stay as they were; JSON stays
//! exact.

mod common;

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use common::TestDb;
use common::tmux::{Tmux, quote};

const HOSTILE: &str = concat!(
    r#"{"ref":"h-1","#,
    r#""title":"通知\u001b]52;c;ZXZpbA==\u0007\u001b]2;PWNED\u0007\u001b[2J标题","#,
    r#""body":"正文\u001b]52;c;Ym9keQ==\u0007\u202etxt.exe","form":"text","path":"unit","#,
    r#""unit":"政府办","columns":["政务动态 / 通知公告"],"#,
    r#""submitted_at":"2026-11-20T09:00:00+08:00","#,
    r#""published_at":"2026-11-20T10:00:00+08:00"}"#,
    "\n"
);

/// Runs `args` in a terminal of its own (tmux with `set-clipboard on`, so an OSC 52 sequence
/// would make a paste buffer) and returns the screen, the pane's title and the paste buffers.
fn in_terminal(name: &str, db: &TestDb, env: &str, args: &str) -> (String, String, String) {
    static RUN: AtomicU32 = AtomicU32::new(0);
    let name = format!("{name}-{}", RUN.fetch_add(1, Ordering::SeqCst));
    let command = format!(
        "sleep 1; {env} {} --db {} {args}; echo DONE; sleep 60",
        quote(env!("CARGO_BIN_EXE_portal-admin")),
        quote(&db.url)
    );
    let t = Tmux::start_sized(&name, &command, &[("PORTAL_ADMIN_DATA_DIR", &db.dir.path().join("data"))], 200, 300);
    let tmux = |args: &[&str]| Command::new("tmux").args(["-L", &t.session]).args(args).output().unwrap();
    assert!(tmux(&["set", "-g", "set-clipboard", "on"]).status.success());
    let title = t.pane("#{pane_title}");
    let screen = t.wait_for("DONE");
    let buffers = String::from_utf8_lossy(&tmux(&["list-buffers"]).stdout).to_string();
    assert_eq!(t.pane("#{pane_title}"), title, "the pane's title was set from the output:\n{screen}");
    (screen, title, buffers)
}

#[test]
fn show_and_listings_on_a_terminal_never_send_an_items_escapes() {
    let db = TestDb::sqlite();
    db.ok(&["init"]);
    db.import("hostile.jsonl", HOSTILE);
    let (screen, _, buffers) = in_terminal("show", &db, "", "show h-1");
    assert!(buffers.is_empty(), "the clipboard was written: {buffers}\n{screen}");
    assert!(screen.contains("通知␛]52;c;ZXZpbA==␇␛]2;PWNED␇␛[2J标题"), "{screen}");
    assert!(screen.contains("正文␛]52;c;Ym9keQ==␇�txt.exe"), "{screen}");
    for listing in ["audit --item h-1", "--format table export", "--format csv queue", "show h-1 --format json"] {
        let (screen, _, buffers) = in_terminal("listing", &db, "", listing);
        assert!(buffers.is_empty(), "{listing}: {buffers}\n{screen}");
    }
    // JSON on a terminal: the same string, its escapes escaped.
    let (screen, _, _) = in_terminal("json", &db, "", "show h-1 --format json");
    assert!(screen.contains(r#"\u001b]52;c;ZXZpbA==\u0007"#) && screen.contains(r#"\u202etxt.exe"#), "{screen}");
    // Into a pipe, exactly what the database holds.
    let piped: serde_json::Value = serde_json::from_str(&db.ok(&["show", "h-1", "--format", "json"])).unwrap();
    assert_eq!(piped["title"], "通知\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]2;PWNED\u{7}\u{1b}[2J标题");
}

#[test]
fn keymap_show_never_sends_a_keymaps_escapes() {
    let db = TestDb::sqlite();
    let file = db.file("keymap.toml");
    std::fs::write(
        &file,
        "global = [\n  { on = \"j\", run = \"list.down\", desc \
            = \"下\\u001b]52;c;a2V5bWFw\\u0007\\u001b]2;PWNED\\u0007\" },\n]\n",
    )
    .unwrap();
    let (screen, _, buffers) =
        in_terminal("keymap", &db, "", &format!("--keymap {} keymap show", quote(&file.display().to_string())));
    assert!(buffers.is_empty(), "{buffers}\n{screen}");
    assert!(screen.contains("下␛]52;c;a2V5bWFw␇"), "{screen}");
}
