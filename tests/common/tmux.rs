//! The console in a real terminal for the end-to-end tests: the real binary in a tmux server of
//! its own, at 80×24, driven by keys and read off the screen.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::TestDb;

pub struct Tmux {
    pub session: String,
}

impl Tmux {
    pub fn start(name: &str, command: &str, env: &[(&str, &Path)]) -> Tmux {
        Tmux::start_sized(name, command, env, 80, 24)
    }

    /// As `start`, in a window of `cols`×`rows`.
    pub fn start_sized(name: &str, command: &str, env: &[(&str, &Path)], cols: u16, rows: u16) -> Tmux {
        let session = format!("pa-{name}-{}", std::process::id());
        // A server of its own (-L), so tests running at once never share or stop each other's.
        let mut cmd = Command::new("tmux");
        // The server, and so the program in it, starts without the runner's own settings of the
        // program (`OWN_SETTINGS`): `env` gives what the test wants.
        for name in super::OWN_SETTINGS {
            cmd.env_remove(name);
        }
        let (x, y) = (cols.to_string(), rows.to_string());
        cmd.args(["-L", &session, "new-session", "-d", "-x", &x, "-y", &y, "-s", &session]);
        for (k, v) in env {
            cmd.arg("-e").arg(format!("{k}={}", v.display()));
        }
        let status =
            cmd.arg(command).status().expect("tmux is installed (the end-to-end tests drive the console in it)");
        assert!(status.success());
        Tmux { session }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            assert!(
                Command::new("tmux")
                    .args(["-L", &self.session, "send-keys", "-t", &self.session, k])
                    .status()
                    .unwrap()
                    .success()
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.session, "capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// The screen with its attributes as escape sequences (SGR: colours, bold, reverse).
    pub fn screen_with_attributes(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.session, "capture-pane", "-e", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// A tmux format of the pane, such as its title.
    pub fn pane(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.session, "display", "-p", "-t", &self.session, format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits (at most `limit`) until the screen shows `what`, and returns the screen.
    pub fn wait_within(&self, what: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(start.elapsed() < limit, "waited {limit:?} for {what:?}; the screen is:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (at most 30 s) until the screen shows `what`, and returns the screen.
    pub fn wait_for(&self, what: &str) -> String {
        self.wait_within(what, Duration::from_secs(30))
    }

    /// Waits (at most 30 s) until the screen shows `what` and its list is read (no `Loading…`): a
    /// view's heading is drawn before its first page arrives.
    pub fn wait_loaded(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.wait_for(what);
            if !s.contains("Loading…") {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "still loading; the screen is:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Tmux {
    /// The real binary on `db` in a tmux server of its own, at 80×24, in the test's directory, with
    /// its own config and data directories (and `env`). When it ends, the shell writes its exit status to `db`'s file
    /// `exit` and the terminal's modes to `tty`; its standard error goes to `err`.
    pub fn console(name: &str, db: &TestDb, env: &[(&str, &Path)]) -> Tmux {
        let file = |n: &str| quote(&db.file(n).display().to_string());
        // In the test's own directory: what the console writes there (a bulletin) stays there.
        // The program's language is the test's `LANG`, or English whatever the runner's locale says
        // (the terminal itself keeps the runner's locale, for its UTF-8).
        let lang = env.iter().find(|(k, _)| *k == "LANG").map_or("C.UTF-8".into(), |(_, v)| v.display().to_string());
        let command = format!(
            "cd {} && env -u LC_ALL -u LC_MESSAGES LANG={} {} --db {} 2> {} ; echo EXIT=$? > {} ; stty -a > {}",
            quote(&db.dir.path().display().to_string()),
            quote(&lang),
            quote(env!("CARGO_BIN_EXE_portal-admin")),
            quote(&db.url),
            file("err"),
            file("exit"),
            file("tty")
        );
        let (config, data) = (db.dir.path().join("config"), db.dir.path().join("data"));
        let mut all: Vec<(&str, &Path)> = vec![("XDG_CONFIG_HOME", &config), ("PORTAL_ADMIN_DATA_DIR", &data)];
        all.extend_from_slice(env);
        Tmux::start(name, &command, &all)
    }

    /// Waits for the console started by `console` to end: its exit line (`EXIT=…`) and the
    /// terminal's modes afterwards.
    pub fn ended(&self, db: &TestDb) -> (String, Vec<String>) {
        let tty = db.file("tty");
        let start = Instant::now();
        while !tty.exists() || std::fs::read_to_string(&tty).unwrap().is_empty() {
            assert!(start.elapsed() < Duration::from_secs(10), "the console did not end:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
        let exit = std::fs::read_to_string(db.file("exit")).unwrap().trim().to_string();
        (exit, std::fs::read_to_string(&tty).unwrap().split_whitespace().map(str::to_string).collect())
    }

    /// Waits for the console to exit and checks it exited 0.
    pub fn quits_cleanly(&self, db: &TestDb) {
        assert_eq!(self.ended(db).0, "EXIT=0");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.session, "kill-server"]).status();
    }
}

pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
