//! The first run: when the console's database does not exist yet, or holds no portal, the console
//! says where its database and settings live and offers to create it (`init`) or to try the demo,
//! instead of stopping at an error. (With --read-only nothing can be created: the error says what to run.)

use std::io::Write;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use super::{Cli, Failure, target};
use crate::store::{self, OpenOptions, StoreError};
use crate::t;
use crate::ui::text;
use crate::usecase::{database, sites};

/// Why there is nothing to open yet, in words, or None when the database is ready (or the problem
/// is of another kind, which the normal error reports).
pub async fn nothing_here(cli: &Cli) -> Result<Option<String>, Failure> {
    let target = target(cli)?;
    let store = match store::open(&target, OpenOptions { create: false, read_only: true, dry_run: false }).await {
        Ok(store) => store,
        Err(StoreError::Missing(_)) => return Ok(Some(t!("first-run-no-database"))),
        Err(_) => return Ok(None),
    };
    Ok(match database::schema_version(store.as_ref()).await {
        Ok(None) => Some(t!("first-run-empty")),
        Ok(Some(_))
            if super::site(cli)?.is_none()
                && matches!(sites::open(store.as_ref(), None).await, Err(StoreError::NotFound(_))) =>
        {
            Some(t!("first-run-no-site"))
        }
        _ => None,
    })
}

/// What the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Init,
    Demo,
    Quit,
}

/// The explanation and the offer, as printed, wrapped to `width` cells: `places` are where the
/// database, settings and log are (`places::described`), and a long path breaks after a `/`, its
/// rows kept in the column of the text after the label.
pub fn explanation(why: &str, places: &[(String, String)], width: usize) -> String {
    let files: Vec<&str> = crate::places::SETTINGS.iter().map(|(f, _)| *f).collect();
    // Each line and the indent of its continuation rows.
    let mut lines = vec![(t!("first-run-why", why = why), 2), (String::new(), 0)];
    for (label, place) in places {
        lines.push((format!("  {} {place}", text::pad(label, 9, text::Ambiguous::Narrow)), 12));
    }
    lines.push((t!("first-run-settings", files = files.join(&t!("list-separator"))), 4));
    lines.push((String::new(), 0));
    lines.push((t!("first-run-postgres"), 4));
    lines.push((String::new(), 0));
    lines.push((t!("first-run-init"), 5));
    lines.push((t!("first-run-demo"), 5));
    lines.push((t!("first-run-quit"), 5));
    let mut out = String::new();
    for (line, indent) in lines {
        for row in text::wrap(&line, width, indent) {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// Prints the explanation and waits for i, d or q (Esc and Ctrl-C quit).
pub fn ask(why: &str, database: &str) -> Result<Choice, Failure> {
    let mut out = std::io::stdout();
    let width = super::output::terminal_width(&out).unwrap_or(80);
    let text = explanation(why, &crate::places::described(database), width);
    write!(out, "{text}")?;
    write!(out, "\n{}", t!("first-run-ask"))?;
    out.flush()?;
    terminal::enable_raw_mode()?;
    let choice = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => match k.code {
                KeyCode::Char('i') => break Ok(Choice::Init),
                KeyCode::Char('d') => break Ok(Choice::Demo),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => break Ok(Choice::Quit),
                KeyCode::Char('q') | KeyCode::Esc => break Ok(Choice::Quit),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    terminal::disable_raw_mode()?;
    writeln!(out)?;
    Ok(choice?)
}

/// The same options, on the demo database.
pub fn on_demo(cli: &Cli) -> Cli {
    Cli {
        db: None,
        db_primary: None,
        site: cli.site.clone(),
        demo: true,
        read_only: cli.read_only,
        format: cli.format,
        utc: cli.utc,
        keymap: cli.keymap.clone(),
        ambiguous_width: cli.ambiguous_width.clone(),
        no_color: cli.no_color,
        log_level: cli.log_level.clone(),
        lang: cli.lang.clone(),
        command: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a person whose home directory has a 60-character path keeps things.
    fn long_home_places() -> Vec<(String, String)> {
        let home = "/home/xiangshan-district-portal/administrators/zhang.wei.lin";
        assert_eq!(home.len(), 60);
        vec![
            ("Database".to_string(), format!("SQLite {home}/.local/share/portal-admin/portal.db")),
            ("Settings".to_string(), format!("{home}/.config/portal-admin (none yet: the built-in ones are used)")),
            ("Log".to_string(), format!("{home}/.local/share/portal-admin/portal-admin.log")),
        ]
    }

    #[test]
    fn the_explanation_says_where_things_live_and_what_each_key_does() {
        let places = vec![
            ("Database".to_string(), "SQLite /d/portal.db".to_string()),
            ("Settings".to_string(), "/c/portal-admin (keymap.toml)".to_string()),
        ];
        let text = explanation("there is no portal-admin database here yet.", &places, 80);
        assert!(text.contains("  Database  SQLite /d/portal.db\n"), "{text}");
        assert!(text.contains("  Settings  /c/portal-admin (keymap.toml)\n"), "{text}");
        assert!(text.contains("i  create it now (`portal-admin init`)") && text.contains("d  open the demo"), "{text}");
        assert!(
            text.contains("\n     working-day calendar, and you as its first administrator\n"),
            "continues under its text: {text}"
        );
        assert!(text.lines().all(|l| text::width(l) <= 80), "fits 80 columns: {text}");
    }

    #[test]
    fn long_paths_wrap_at_a_slash_within_80_columns() {
        let text = explanation("there is no portal-admin database here yet.", &long_home_places(), 80);
        assert!(text.lines().all(|l| text::width(l) <= 80), "fits 80 columns: {text}");
        // Each place is its label's row and rows that continue it in the column after the label,
        // each broken after a `/` or on a space: put back together, the places are whole.
        let (mut places, mut slashes): (Vec<String>, usize) = (Vec::new(), 0);
        for row in text.lines() {
            if let Some(rest) = row.strip_prefix("            ") {
                let last = places.last_mut().expect("a continuation row follows a place");
                if last.ends_with('/') {
                    slashes += 1;
                } else {
                    last.push(' ');
                }
                last.push_str(rest);
            } else if ["  Database ", "  Settings ", "  Log      "].iter().any(|l| row.starts_with(l)) {
                places.push(row[12..].to_string());
            }
        }
        let wanted: Vec<String> = long_home_places().into_iter().map(|(_, p)| p).collect();
        assert_eq!(places, wanted, "{text}");
        assert!(slashes >= 2, "the long paths break after a slash: {text}");
        assert!(text.contains("/home/xiangshan-district-portal/"), "no word is cut: {text}");
    }
}
