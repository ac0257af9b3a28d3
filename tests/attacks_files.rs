//! A curious local user of the SSH host: the embedded database, its -wal and -shm, the log, the
//! settings and the bulletins are the user's alone (read with stat), and a database left readable
//! by others is warned about with the command that fixes it.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tmux::Tmux;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

/// The binary with the embedded database in `home`'s data directory, under the common umask 022.
fn portal_admin(home: &Path, args: &[&str]) -> std::process::Output {
    let command = format!("umask 022 && exec {} \"$@\"", common::tmux::quote(env!("CARGO_BIN_EXE_portal-admin")));
    Command::new("sh")
        .arg("-c")
        .arg(command)
        .arg("sh")
        .args(args)
        .env_remove("DATABASE_URL")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("PORTAL_ADMIN_DATA_DIR", home.join("data"))
        .current_dir(home)
        .output()
        .unwrap()
}

#[test]
fn the_embedded_database_and_everything_beside_it_are_private() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let out = portal_admin(home, &["init"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let data = home.join("data");
    assert_eq!(mode(&data), 0o700, "the data directory");
    assert_eq!(mode(&data.join("portal.db")), 0o600, "the database");

    // While a console has it open: the -wal, -shm and the log.
    let db = common::TestDb::sqlite();
    let command = format!(
        "umask 022; cd {home} && HOME={home} XDG_CONFIG_HOME={home}/config PORTAL_ADMIN_DATA_DIR={home}/data {}",
        common::tmux::quote(env!("CARGO_BIN_EXE_portal-admin")),
        home = common::tmux::quote(&home.display().to_string())
    );
    let t = Tmux::start("private-files", &command, &[]);
    t.wait_for("● connected");
    for file in ["portal.db-wal", "portal.db-shm", "portal-admin.log"] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
    t.keys(&["q"]);
    drop((t, db));

    // Settings and bulletins.
    let out = portal_admin(home, &["check", "add-name", "李明华", "--kind", "leader", "--wrong", "李明化"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let config = home.join("config/portal-admin");
    assert_eq!(mode(&config), 0o700, "the config directory");
    assert_eq!(mode(&config.join("names.tsv")), 0o600);
    let out = portal_admin(home, &["scores", "--quarter", "2026Q3", "--bulletin", "bulletin.md"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(mode(&home.join("bulletin.md")), 0o600, "a bulletin");
    assert!(common::stderr(&out).is_empty(), "no warning for a private database: {}", common::stderr(&out));
}

#[test]
fn a_database_readable_by_others_is_warned_about_with_the_fix() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assert!(portal_admin(home, &["init"]).status.success());
    let db: PathBuf = home.join("data/portal.db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = portal_admin(home, &["columns", "--format", "csv"]);
    assert!(out.status.success());
    let e = common::stderr(&out);
    assert!(
        e.contains("can be read by other users of this machine (mode 644)")
            && e.contains(&format!("chmod 600 {}", db.display())),
        "{e}"
    );
    // The command closed the database before it exited: SQLite's clean close leaves no -wal or
    // -shm behind (which would keep the mode they were made with).
    for index in ["portal.db-wal", "portal.db-shm"] {
        assert!(!home.join("data").join(index).exists(), "{index} left behind");
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(common::stderr(&portal_admin(home, &["columns", "--format", "csv"])).is_empty());
}
