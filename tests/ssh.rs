//! The console over SSH, as administrators use it: a local `sshd` on loopback (Debian's
//! openssh-server; `.ci/run` installs it when absent), a key made for the test, `portal-admin` run
//! through `ssh -t` in tmux, and the daily routines by keys: three queue items cleared, an outdated
//! item withdrawn, the quarter's scores opened and its bulletin written. Then the database and the
//! bulletin are checked. The same routine at 80×24 and 160×48, with `TERM=xterm` and
//! `TERM=screen`, in colour and with `NO_COLOR`; on SQLite, and once on PostgreSQL; and in Chinese,
//! the client's `LANG` (zh_CN.UTF-8) travelling with the connection, on both (`Words`).

mod common;

use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::tmux::{Tmux, quote};
use common::{Backend, PENDING, TestDb, rows as json_rows};

/// Two policy documents online in the policy column, the older (2023) also in the guide column:
/// the outdated one is withdrawn from both.
const ONLINE: &str = concat!(
    r#"{"ref":"zd-1","title":"象山区政务公开保密审查办法（2023年）","#,
    r#""body":"第一条　为做好政务公开保密审查工作……","form":"text","path":"unit","#,
    r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度","#,
    r#""政府信息公开 / 政府信息公开指南"],"submitted_at":"2023-04-10T09:00:00+08:00","#,
    r#""published_at":"2023-04-11T10:00:00+08:00"}"#,
    "\n",
    r#"{"ref":"zd-2","title":"象山区政府信息公开工作制度（2026年修订）","#,
    r#""body":"第一条　为进一步规范政府信息公开工作……","form":"text","path":"unit","#,
    r#""unit":"政府办","columns":["政府信息公开 / 政府信息公开制度"],"#,
    r#""submitted_at":"2026-06-01T09:00:00+08:00","#,
    r#""published_at":"2026-06-02T10:00:00+08:00"}"#,
    "\n"
);

/// The title of the outdated document, as the console shows it.
const OUTDATED: &str = "象山区政务公开保密审查办法（2023年）";

/// Where `sshd` is, or a failure that says how to get it: never a silent skip.
fn sshd_program() -> PathBuf {
    let fixed = PathBuf::from("/usr/sbin/sshd");
    if fixed.is_file() {
        return fixed;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join("sshd")).find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("sshd is not installed: install Debian's openssh-server (.ci/run installs it when absent)")
    })
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} (openssh-client, which openssh-server brings, and coreutils): {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The user the test runs as, who logs in over SSH.
fn user() -> String {
    run("id", &["-un"])
}

/// A server of the test's own on 127.0.0.1, that lets in the holder of `key`; stopped on drop.
struct Sshd {
    child: Child,
    port: u16,
    key: PathBuf,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Sshd {
    fn start() -> Sshd {
        let program = sshd_program();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = |name: &str| dir.path().join(name);
        let (host_key, key) = (path("host_ed25519"), path("client_ed25519"));
        for (file, comment) in [(&host_key, "portal-admin test host"), (&key, "portal-admin test client")] {
            run("ssh-keygen", &["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.to_str().unwrap()]);
        }
        std::fs::copy(key.with_extension("pub"), path("authorized_keys")).unwrap();
        // The privilege separation directory sshd needs when it runs as root.
        if let Err(e) = std::fs::create_dir_all("/run/sshd") {
            assert_ne!(user(), "root", "cannot make /run/sshd: {e}");
        }
        // Another test may take a port between its release here and sshd's bind: then another one.
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            let (config, log) = (path(&format!("sshd_config.{port}")), path(&format!("sshd.{port}.log")));
            let config_text = format!(
                "ListenAddress 127.0.0.1\nPort {port}\nHostKey {}\nAuthorizedKeysFile {}\nPidFile {}\nUsePAM \
                    no\nStrictModes no\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
                 PermitRootLogin prohibit-password\nPrintMotd no\nPrintLastLog no\nLogLevel VERBOSE\n\
                 AcceptEnv LANG LC_*\n",
                host_key.display(),
                path("authorized_keys").display(),
                path(&format!("sshd.{port}.pid")).display(),
            );
            std::fs::write(&config, config_text).unwrap();
            let mut child = Command::new(&program)
                .args(["-D", "-f", config.to_str().unwrap(), "-E", log.to_str().unwrap()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
            if listening(&mut child, &log, port) {
                return Sshd { child, port, key, log, _dir: dir };
            }
        }
        panic!("sshd could not listen on a free port of 127.0.0.1 in five tries");
    }

    /// The local shell command that runs `remote` on this server through `ssh -t` as `user`,
    /// sending the client's variables `send` as OpenSSH's usual configuration does (`SendEnv LANG
    /// LC_*` on the client, `AcceptEnv LANG LC_*` on the server).
    fn ssh_sending(&self, user: &str, remote: &str, send: &[&str]) -> String {
        let send: String = send.iter().map(|v| format!("-o SendEnv={v} ")).collect();
        format!(
            "ssh -F none -t -p {} -i {} -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o \
                UserKnownHostsFile=/dev/null \
             -o BatchMode=yes -o LogLevel=ERROR {send}{}@127.0.0.1 {}",
            self.port,
            quote(&self.key.display().to_string()),
            quote(user),
            quote(remote)
        )
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until the server says it listens and the port accepts; false if it ended because the
/// port was taken; fails on any other end.
fn listening(child: &mut Child, log_file: &Path, port: u16) -> bool {
    let start = Instant::now();
    loop {
        let log = std::fs::read_to_string(log_file).unwrap_or_default();
        if let Some(status) = child.try_wait().unwrap() {
            if log.contains("Address already in use") {
                return false;
            }
            panic!("sshd ended ({status}) before it listened:\n{log}");
        }
        if log.contains(&format!("Server listening on 127.0.0.1 port {port}"))
            && TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1)).is_ok()
        {
            return true;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sshd did not listen on port {port} within 20 s:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One run of the routine: the window, the terminal type, colour or `NO_COLOR`.
#[derive(Debug, Clone, Copy)]
struct Variant {
    name: &'static str,
    cols: u16,
    rows: u16,
    term: &'static str,
    colour: bool,
}

/// What the console says, in one language, along the routine (`daily_routines_over_ssh`): the
/// lines waited for and found; `{item}`, `{stage}`, `{n}` and `{path}` stand for what they name.
struct Words {
    /// The client's `LANG`, sent over the connection as OpenSSH passes it by default (none: the
    /// console's English, with no language sent).
    lang: Option<&'static str>,
    connected: &'static str,
    awaiting: &'static str,
    /// The item the review screen shows, and its step.
    reviewed: fn(&str) -> Option<(i64, String)>,
    /// The steps before publication, and publication.
    stages: [&'static str; 3],
    publish: &'static str,
    publish_keys: &'static str,
    publish_into: &'static str,
    published: &'static str,
    approved: &'static str,
    empty: &'static str,
    online: &'static str,
    withdraw_keys: &'static str,
    /// The question before a withdrawal of one item (Chinese counts it: `这 1 条信息`).
    withdraw_question: &'static str,
    outdated: &'static str,
    withdrew: &'static str,
    scores: &'static str,
    wrote: &'static str,
}

const ENGLISH: Words = Words {
    lang: None,
    connected: "● connected · admin",
    awaiting: "{n} awaiting a decision",
    reviewed,
    stages: ["office_review", "recheck", "review"],
    publish: "publish",
    publish_keys: "Enter publishes",
    publish_into: "Publish item {item} into:",
    published: "item {item}: publish → done",
    approved: "item {item}: {stage} → publish",
    empty: "Nothing awaits a decision",
    online: "{n} online",
    withdraw_keys: "Enter withdraws",
    withdraw_question: "Withdraw item {item} from every column",
    outdated: "reason: outdated",
    withdrew: "withdrew item {item} from every column",
    scores: "Scores {n}",
    wrote: "wrote {path}",
};

const CHINESE: Words = Words {
    lang: Some("zh_CN.UTF-8"),
    connected: "● 已连接 · 管理员",
    awaiting: "{n} 条待决定",
    reviewed: reviewed_in_chinese,
    stages: ["办公室审核", "复核", "审核"],
    publish: "待发布",
    publish_keys: "回车 发布 · Esc 取消",
    publish_into: "将信息 {item} 发布到：",
    published: "信息 {item}：待发布 → 已发布",
    approved: "信息 {item}：{stage} → 待发布",
    empty: "没有待决定的信息",
    online: "/{n} 条",
    withdraw_keys: "回车 撤回",
    withdraw_question: "从所有栏目撤回这 1 条信息",
    outdated: "原因：过期",
    withdrew: "已将信息 {item} 从所有栏目撤回",
    scores: "考核 {n}",
    wrote: "已写入 {path}",
};

/// `words` with `{name}` replaced by `value`.
fn say(words: &str, name: &str, value: impl std::fmt::Display) -> String {
    words.replace(&format!("{{{name}}}"), &value.to_string())
}

/// Waits (at most 30 s) until `found` finds what it looks for on the screen.
fn wait_until<T>(t: &Tmux, what: &str, found: impl Fn(&str) -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        let s = t.screen();
        if let Some(v) = found(&s) {
            return v;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "waited 30 s for {what}; the screen is:\n{s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The item the review screen shows, and its step: `Item 7 at recheck (version 1) · the seven…`
/// (narrower: `(v1)`).
fn reviewed(screen: &str) -> Option<(i64, String)> {
    screen.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("Item ")?;
        let (id, rest) = rest.split_once(" at ")?;
        let (stage, rest) = rest.split_once(' ')?;
        rest.starts_with("(v").then_some(())?;
        Some((id.parse().ok()?, stage.to_string()))
    })
}

/// The item the Chinese review screen shows, and its step: `信息 7 · 复核（第 1 版） · 第九条…`.
fn reviewed_in_chinese(screen: &str) -> Option<(i64, String)> {
    screen.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("信息 ")?;
        let (id, rest) = rest.split_once(" · ")?;
        let (stage, _) = rest.split_once("（第 ")?;
        Some((id.parse().ok()?, stage.to_string()))
    })
}

/// The SGR sequences (`ESC [ … m`) of the screen that set a colour: 30–37, 40–47, 90–97,
/// 100–107, or 38/48 (256 colours or RGB). Bold, reverse and the default colours (39, 49) are no
/// colour.
fn colours(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in screen.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else { continue };
        if !part[end..].starts_with('m') {
            continue;
        }
        let params = &part[..end];
        let coloured = params.split(';').any(|p| {
            let head = p.split(':').next().unwrap_or_default();
            matches!(head.parse::<u32>(), Ok(30..=37 | 38 | 40..=47 | 48 | 90..=97 | 100..=107))
        });
        if coloured {
            found.push(format!("ESC[{params}m"));
        }
    }
    found
}

/// The quarter the console opens the scores at: today's, in Beijing.
fn this_quarter() -> String {
    use chrono::Datelike;
    let today = portal_admin::domain::time::beijing_date(chrono::Utc::now());
    format!("{}Q{}", today.year(), today.month0() / 3 + 1)
}

/// Waits (at most 10 s) for a file the session writes when it ends.
fn written(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{} was not written", path.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The daily routines over SSH in one language (`w`), at one terminal (`v`): the queue cleared, the
/// outdated document withdrawn, the scores and the bulletin; then the session, the database, the
/// audit trail and the bulletin checked.
async fn daily_routines_over_ssh(db: TestDb, v: Variant, w: &Words) {
    let started = Instant::now();
    db.ok(&["init"]);
    db.import("pending.jsonl", PENDING);
    db.import("online.jsonl", ONLINE);
    // The unit's item carries what Art. 10 requires of it, so that it can pass its re-review.
    db.attach_all("unit-1").await;
    let mut raw = db.any().await;
    let id = |r: &str| format!("SELECT id FROM items WHERE ref = '{r}'");
    let queued: BTreeSet<i64> =
        [raw.count(&id("gov-1")).await, raw.count(&id("unit-1")).await, raw.count(&id("repost-1")).await].into();
    let (outdated, current) = (raw.count(&id("zd-1")).await, raw.count(&id("zd-2")).await);
    assert_eq!(
        raw.count(&format!("SELECT COUNT(*) FROM placements WHERE item_id = {outdated} AND online_since IS NOT NULL"))
            .await,
        2
    );
    let quarter = this_quarter();
    let user = user();
    // Who the database records: the login on PostgreSQL, the user on SQLite.
    let operator = match db.backend {
        Backend::Sqlite => user.clone(),
        Backend::Postgres => db.url.split_once("://").unwrap().1.split_once('@').unwrap().0.to_string(),
    };

    let sshd = Sshd::start();
    let dir = db.dir.path().display().to_string();
    let file = |n: &str| quote(&db.file(n).display().to_string());
    // sshd passes on only TERM (and LANG when the client sends it): the rest is set by `env` on the
    // server's side, never the language. The console's exit status and the remote terminal's
    // modes afterwards are written to the test's directory, and the status is ssh's own.
    let remote = format!(
        "cd {} && env TERM={} {}XDG_CONFIG_HOME={} PORTAL_ADMIN_DATA_DIR={} {} --db {} 2> {}; s=$?; echo EXIT=$s > {}; \
         stty -a > {}; echo \"$SSH_CONNECTION\" > {}; exit $s",
        quote(&dir),
        v.term,
        if v.colour { "" } else { "NO_COLOR=1 " },
        quote(&format!("{dir}/config")),
        quote(&format!("{dir}/data")),
        quote(env!("CARGO_BIN_EXE_portal-admin")),
        quote(&db.url),
        file("err"),
        file("exit"),
        file("tty"),
        file("connection"),
    );
    let ssh = sshd.ssh_sending(&user, &remote, if w.lang.is_some() { &["LANG"] } else { &[] });
    let command = format!("{ssh} 2> {}; echo SSH=$? > {}", file("ssh-err"), file("ssh-exit"));
    let env: Vec<(&str, &Path)> = w.lang.iter().map(|l| ("LANG", Path::new(*l))).collect();
    let lang = w.lang.map_or("", |_| "-zh");
    let t = Tmux::start_sized(&format!("ssh-{}{lang}-{:?}", v.name, db.backend), &command, &env, v.cols, v.rows);
    let login = Instant::now();
    // Connected, as the site's administrator.
    t.wait_for(w.connected);
    let login = login.elapsed();

    // Three queue items cleared: each opened beside the seven checks, all seven affirmed and
    // approved, then published after the confirmation; the next item opens by itself.
    t.keys(&["1"]);
    t.wait_for(&say(w.awaiting, "n", 3));
    t.keys(&["Enter"]);
    let (mut approved, mut published) = (BTreeSet::new(), BTreeSet::new());
    let mut at = wait_until(&t, "an item beside the seven checks", w.reviewed);
    loop {
        let (item, stage) = at.clone();
        assert!(queued.contains(&item), "item {item} is not one of the queue's {queued:?}");
        if stage == w.publish {
            assert!(approved.contains(&item) && !published.contains(&item), "{item} at publish");
            t.keys(&["p"]);
            let s = t.wait_for(w.publish_keys);
            assert!(s.contains(&say(w.publish_into, "item", item)), "{s}");
            t.keys(&["Enter"]);
            t.wait_for(&say(w.published, "item", item));
            published.insert(item);
        } else {
            assert!(w.stages.contains(&stage.as_str()), "{stage}");
            assert!(!approved.contains(&item), "{item} approved twice");
            t.keys(&["c"]);
            wait_until(&t, "the seven checks affirmed", |s| (s.matches("[x]").count() == 7).then_some(()));
            t.keys(&["a"]);
            t.wait_for(&say(&say(w.approved, "item", item), "stage", &stage));
            approved.insert(item);
        }
        let next = wait_until(&t, "the next item or an empty queue", |s| {
            if s.contains(w.empty) {
                return Some(None);
            }
            (w.reviewed)(s).filter(|r| *r != at).map(Some)
        });
        match next {
            Some(n) => at = n,
            None => break,
        }
        assert!(approved.len() + published.len() <= 6, "more decisions than three items need");
    }
    assert_eq!((&approved, &published), (&queued, &queued), "every item approved and published");
    t.wait_for(w.empty);

    // The outdated document withdrawn from the policy column's online items: the oldest row,
    // `w`, reason outdated (the default), confirmed.
    t.keys(&["2", "/", "zfxxgkzd"]);
    t.wait_for("[/zfxxgkzd]");
    t.keys(&["Enter", "Enter"]);
    let s = t.wait_for(&say(w.online, "n", 2));
    // The column's title keeps its leaf (the path before it gives way first at 80 columns).
    assert!(s.contains(OUTDATED) && s.contains("/ 政府信息公开制度"), "{s}");
    t.keys(&["End", "w"]);
    let s = t.wait_for(w.withdraw_keys);
    assert!(s.contains(&say(w.withdraw_question, "item", outdated)), "{s}");
    assert!(s.contains(&format!("{outdated}  {OUTDATED}")), "{s}");
    assert!(s.contains(w.outdated), "{s}");
    t.keys(&["Enter"]);
    t.wait_for(&say(w.withdrew, "item", outdated));
    let s = t.wait_for(&say(w.online, "n", 1));
    assert!(!s.contains(OUTDATED), "{s}");

    // The quarter's scores: the ranking as `scores` has it, the units that earned points first.
    t.keys(&["4"]);
    let ranking = json_rows(&db, &["scores", "--quarter", &quarter]);
    let earned: Vec<&serde_json::Value> = ranking.iter().filter(|r| r["net"].as_i64() > Some(0)).collect();
    assert!(earned.len() >= 2, "{ranking:?}");
    let row_of =
        |s: &str, name: &str| s.lines().find(|l| l.split_whitespace().nth(1) == Some(name)).map(str::to_string);
    let s = wait_until(&t, &format!("the ranking of {quarter}"), |s| {
        (s.contains(&say(w.scores, "n", &quarter))
            && earned.iter().all(|u| row_of(s, u["unit"].as_str().unwrap()).is_some()))
        .then(|| s.to_string())
    });
    for unit in earned {
        let name = unit["unit"].as_str().unwrap();
        let mut figures: Vec<String> = ["rank", "text", "image_text", "video", "points", "deductions", "net"]
            .iter()
            .map(|k| unit[*k].to_string())
            .collect();
        let change = unit["change"].as_i64().unwrap();
        figures.push(if change > 0 { format!("+{change}") } else { change.to_string() });
        let row = row_of(&s, name).unwrap();
        let mut shown: Vec<&str> = row.split_whitespace().collect();
        shown.remove(1);
        assert_eq!(shown[..8], figures, "{name}: {row}");
    }
    // Colour only when asked for: NO_COLOR leaves bold and reverse, no colour.
    let attributed = t.screen_with_attributes();
    assert!(attributed.contains("\x1b["), "{}: the capture shows no attributes at all", v.name);
    let painted = colours(&attributed);
    if v.colour {
        assert!(!painted.is_empty(), "{}: no colour on the screen", v.name);
    } else {
        assert!(painted.is_empty(), "{}: NO_COLOR, yet {painted:?}", v.name);
    }

    // The bulletin, written in the working directory of the SSH session.
    t.keys(&["b"]);
    let bulletin = db.dir.path().join(format!("bulletin-{quarter}.md"));
    t.wait_for(&say(w.wrote, "path", bulletin.display()));
    t.keys(&["q"]);
    let (exit, modes) = t.ended(&db);
    assert_eq!(exit, "EXIT=0", "{}", std::fs::read_to_string(db.file("err")).unwrap_or_default());
    assert!(
        modes.iter().any(|m| m == "icanon") && modes.iter().any(|m| m == "echo"),
        "the terminal is left raw: {modes:?}"
    );
    assert_eq!(
        written(&db.file("ssh-exit")).trim(),
        "SSH=0",
        "{}",
        std::fs::read_to_string(db.file("ssh-err")).unwrap_or_default()
    );
    // It was a session of this test's server, for this user, with this key.
    let connection = written(&db.file("connection"));
    assert!(connection.trim().ends_with(&format!("127.0.0.1 {}", sshd.port)), "SSH_CONNECTION {connection}");
    let log = std::fs::read_to_string(&sshd.log).unwrap();
    assert!(log.contains(&format!("Accepted publickey for {user} from 127.0.0.1")), "{log}");

    // The database: the three approvals recorded with the operator and published; the outdated
    // document withdrawn (outdated) off both its columns, the current one still online.
    let listed = |ids: &BTreeSet<i64>| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let items = listed(&queued);
    let reviews = format!(
        "SELECT COUNT(DISTINCT r.item_id) FROM reviews r JOIN operators o ON o.id = r.operator_id \
         WHERE r.item_id IN ({items}) AND r.decision = 'approve' AND r.checks_affirmed = 127 AND o.name = '{operator}'"
    );
    assert_eq!(raw.count(&reviews).await, 3);
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM reviews WHERE item_id IN ({items})")).await, 3);
    let done = format!("SELECT COUNT(*) FROM items WHERE id IN ({items}) AND status = 'online' AND stage = 'done'");
    assert_eq!(raw.count(&done).await, 3);
    let withdrawn = format!(
        "SELECT COUNT(*) FROM items i JOIN withdrawals w ON w.item_id = i.id \
         WHERE i.id = {outdated} AND i.status = 'withdrawn' AND w.reason = 'outdated' AND w.withdrawn_by = '{operator}'"
    );
    assert_eq!(raw.count(&withdrawn).await, 1);
    assert_eq!(raw.count("SELECT COUNT(*) FROM withdrawals").await, 1);
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM placements WHERE item_id = {outdated}")).await, 2);
    assert_eq!(
        raw.count(&format!("SELECT COUNT(*) FROM placements WHERE item_id = {outdated} AND online_since IS NOT NULL"))
            .await,
        0
    );
    assert_eq!(raw.count(&format!("SELECT COUNT(*) FROM items WHERE id = {current} AND status = 'online'")).await, 1);
    let guide =
        json_rows(&db, &["stale"]).into_iter().find(|r| r["path"] == "政府信息公开 / 政府信息公开指南").unwrap();
    assert_eq!(guide["status"], "empty", "its only item was withdrawn: {guide}");

    // The audit trail: an approval and a publication of each, the withdrawal, by the operator.
    let audit = json_rows(&db, &["audit"]);
    let targets = |action: &str| -> BTreeSet<String> {
        audit
            .iter()
            .filter(|e| e["action"] == action && e["operator"] == operator.as_str())
            .map(|e| format!("{:?}", common::target(e)))
            .collect()
    };
    let each = |ids: &[i64]| -> BTreeSet<String> { ids.iter().map(|i| format!("\"item:{i}\"")).collect() };
    let queued_ids: Vec<i64> = queued.iter().copied().collect();
    assert_eq!(targets("review.approve"), each(&queued_ids), "{audit:?}");
    assert_eq!(targets("publish"), each(&queued_ids), "{audit:?}");
    assert_eq!(targets("retract"), each(&[outdated]), "{audit:?}");
    assert!(audit.iter().any(|e| e["action"] == "retract" && e["detail"]["reason"] == "outdated"), "{audit:?}");

    // The bulletin: the ranking table with the units in Chinese, what `scores --bulletin` writes.
    let text = std::fs::read_to_string(&bulletin).unwrap_or_else(|e| panic!("{}: {e}", bulletin.display()));
    assert!(
        text.contains("得分排名") && text.contains("| 排名 | 单位 | 文字 | 图文 | 视频 | 得分 | 扣分 | 总分 |"),
        "{text}"
    );
    assert!(text.contains("| 1 | 民政局 | 0 | 1 | 0 | 2 | 0 | 2 |"), "the unit item, image+text: {text}");
    assert!(text.contains("| 2 | 政府办 | 1 | 0 | 0 | 1 | 0 | 1 |"), "the government item, text: {text}");
    assert_eq!(text, db.ok(&["scores", "--quarter", &quarter, "--bulletin", "-"]));
    eprintln!("{}{lang} on {:?}: logged in in {login:?}, all in {:?}", v.name, db.backend, started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_routines_over_ssh_in_chinese_on_sqlite() {
    daily_routines_over_ssh(TestDb::sqlite(), XTERM_COLOUR_80, &CHINESE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_routines_over_ssh_in_chinese_on_postgres() {
    daily_routines_over_ssh(TestDb::postgres().await, XTERM_COLOUR_80, &CHINESE).await;
}

const XTERM_COLOUR_80: Variant =
    Variant { name: "xterm-colour-80x24", cols: 80, rows: 24, term: "xterm", colour: true };

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xterm_in_colour_at_80x24() {
    daily_routines_over_ssh(TestDb::sqlite(), XTERM_COLOUR_80, &ENGLISH).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_without_colour_at_80x24() {
    daily_routines_over_ssh(
        TestDb::sqlite(),
        Variant { name: "screen-nocolor-80x24", cols: 80, rows: 24, term: "screen", colour: false },
        &ENGLISH,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xterm_without_colour_at_80x24() {
    daily_routines_over_ssh(
        TestDb::sqlite(),
        Variant { name: "xterm-nocolor-80x24", cols: 80, rows: 24, term: "xterm", colour: false },
        &ENGLISH,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_in_colour_at_80x24() {
    daily_routines_over_ssh(
        TestDb::sqlite(),
        Variant { name: "screen-colour-80x24", cols: 80, rows: 24, term: "screen", colour: true },
        &ENGLISH,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xterm_in_colour_at_160x48() {
    daily_routines_over_ssh(
        TestDb::sqlite(),
        Variant { name: "xterm-colour-160x48", cols: 160, rows: 48, term: "xterm", colour: true },
        &ENGLISH,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xterm_in_colour_at_80x24_on_postgres() {
    daily_routines_over_ssh(TestDb::postgres().await, XTERM_COLOUR_80, &ENGLISH).await;
}
