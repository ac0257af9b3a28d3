//! The first run: when the console's database does not exist yet, or holds no portal, the console
//! says where its database and settings live and offers to create it (`init`) or to try the demo,
//! instead of stopping at an error. (With --read-only nothing can be created: the error says what to run.)

use std::io::Write;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use super::{Cli, Failure, target};
use crate::store::{self, OpenOptions, StoreError};

/// Why there is nothing to open yet, in words, or None when the database is ready (or the problem
/// is of another kind, which the normal error reports).
pub async fn nothing_here(cli: &Cli) -> Result<Option<String>, Failure> {
    let target = target(cli)?;
    let store = match store::open(&target, OpenOptions { create: false, read_only: true }).await {
        Ok(store) => store,
        Err(StoreError::Missing(_)) => return Ok(Some("there is no portal-admin database here yet.".to_string())),
        Err(_) => return Ok(None),
    };
    Ok(match store.schema_version().await {
        Ok(None) => Some("the database is empty: it has no portal-admin tables yet.".to_string()),
        Ok(Some(_)) if cli.site.is_none() && matches!(store.site(None).await, Err(StoreError::NotFound(_))) => {
            Some("the database has the tables but no portal (site) yet.".to_string())
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

/// The explanation and the offer, as printed.
pub fn explanation(why: &str, database: &str) -> String {
    // Short lines: it must fit an 80×24 terminal, long paths and all.
    let mut text = format!("portal-admin — {why}\n\n");
    for (label, line) in crate::places::described(database) {
        text.push_str(&format!("  {label:<9} {line}\n"));
    }
    let files: Vec<&str> = crate::places::SETTINGS.iter().map(|(f, _)| *f).collect();
    text.push_str(&format!("  Optional settings there: {}\n\n", files.join(", ")));
    text.push_str("  For PostgreSQL: --db postgres://you@host/portal (or DATABASE_URL).\n\n");
    text.push_str("  i  create it now (`portal-admin init`): the tables, the 2023 column table,\n");
    text.push_str("     the working-day calendar, and you as its first administrator\n");
    text.push_str("  d  open the demo instead (`portal-admin --demo`: synthetic items)\n");
    text.push_str("  q  quit\n");
    text
}

/// Prints the explanation and waits for i, d or q (Esc and Ctrl-C quit).
pub fn ask(why: &str, database: &str) -> Result<Choice, Failure> {
    let text = explanation(why, database);
    let mut out = std::io::stdout();
    write!(out, "{text}")?;
    write!(out, "\n  i / d / q? ")?;
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
        site: cli.site.clone(),
        demo: true,
        read_only: cli.read_only,
        format: cli.format,
        utc: cli.utc,
        keymap: cli.keymap.clone(),
        ambiguous_width: cli.ambiguous_width.clone(),
        no_color: cli.no_color,
        command: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explanation_says_where_things_live_and_what_each_key_does() {
        let text = explanation("there is no portal-admin database here yet.", "SQLite /d/portal.db");
        assert!(text.contains("Database  SQLite /d/portal.db"), "{text}");
        assert!(text.contains("Settings") && text.contains("keymap.toml"), "{text}");
        assert!(text.contains("i  create it now (`portal-admin init`)") && text.contains("d  open the demo"), "{text}");
        assert!(text.lines().all(|l| crate::ui::text::width(l) < 80 || l.contains("/d/")), "fits 80 columns: {text}");
    }
}
