//! The help and the message log, over any view, each a page of text in a box as large as the
//! screen allows: the help says where the database, the settings and the log are, the keys of the
//! view in front and the keys everywhere, the `:` commands; the log (`:messages`) every message
//! the status line said. The motion keys scroll (a line, a page, to either end, never past the
//! last line), `/` searches and `n` finds the next line holding the text, Ctrl+Q quits, any other
//! key closes. Their state is a `Pager`; they load nothing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui_textarea::TextArea;

use crate::t;
use crate::ui::app::Said;
use crate::ui::keymap::{Action, Keymap, Layer};
use crate::ui::text::{self, Ambiguous};

mod draw;
pub use draw::{draw, title};

/// The widest the help's box gets (a wider line is hard to read).
const WIDEST: u16 = 140;

/// Screens narrower than this give the box their whole width.
pub const NARROW: u16 = 120;

/// A page of text being read: where it is scrolled to, and what is searched in it.
#[derive(Debug, Default)]
pub struct Pager {
    pub scroll: u16,
    /// The search being typed (`/`), on the box's last line.
    pub typing: Option<Box<TextArea<'static>>>,
    /// What was searched last: its lines are highlighted, `n` goes to the next.
    pub query: String,
}

impl Pager {
    /// A pager at the top.
    pub fn top() -> Box<Pager> {
        Box::default()
    }

    /// A pager scrolled to the end of `lines` lines shown `height` at a time.
    pub fn bottom(lines: usize, height: u16) -> Box<Pager> {
        Box::new(Pager { scroll: last_scroll(lines, height), ..Pager::default() })
    }
}

/// What a key does on an open pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// It scrolled, searched or did nothing: the page stays.
    Stay,
    Close,
    Quit,
}

/// The inside of the box the help and the log are drawn in, on a screen of `size`: as tall as the
/// screen less two rows above and below; as wide as a narrow screen (`NARROW`: none of the view
/// shows beside it, which at 80 columns looked like a box set off its edge), else less two cells
/// around, at most `WIDEST` wide. Its last row is the box's own hint line (or the search being
/// typed); the text is above it.
pub fn inner(size: (u16, u16)) -> (u16, u16) {
    let w = if size.0 < NARROW { size.0 } else { size.0.saturating_sub(4).min(WIDEST) }.saturating_sub(2);
    let h = size.1.saturating_sub(4).saturating_sub(2);
    (w, h)
}

/// Rows of text the box shows at once (its last row is the hint line).
pub fn page_height(size: (u16, u16)) -> u16 {
    inner(size).1.saturating_sub(1).max(1)
}

fn last_scroll(lines: usize, height: u16) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// A key on a pager showing `lines` (plain text, one per row), `height` rows at a time; `action`
/// is what the global layer makes of it.
pub fn key(pager: &mut Pager, event: KeyEvent, action: Option<Action>, lines: &[String], height: u16) -> Key {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let last = last_scroll(lines.len(), height);
    if let Some(input) = pager.typing.as_mut() {
        match event.code {
            KeyCode::Esc => {
                pager.typing = None;
                pager.query.clear();
            }
            KeyCode::Char('c') if ctrl => {
                pager.typing = None;
                pager.query.clear();
            }
            KeyCode::Enter => pager.typing = None,
            _ => {
                crate::ui::app::edit(input, event);
                pager.query = input.lines().join(" ").trim().to_string();
                // As one types: the first line holding it, from the top.
                if let Some(found) = find(lines, &pager.query, 0) {
                    pager.scroll = found.min(last);
                }
            }
        }
        return Key::Stay;
    }
    let page = height.max(1);
    match action {
        Some(Action::Down) => pager.scroll = pager.scroll.saturating_add(1).min(last),
        Some(Action::Up) => pager.scroll = pager.scroll.saturating_sub(1),
        Some(Action::PageDown) => pager.scroll = pager.scroll.saturating_add(page).min(last),
        Some(Action::PageUp) => pager.scroll = pager.scroll.saturating_sub(page),
        Some(Action::Top) => pager.scroll = 0,
        Some(Action::Bottom) => pager.scroll = last,
        Some(Action::Filter) => pager.typing = Some(Box::new(crate::ui::app::single_line(""))),
        Some(Action::Quit) if ctrl => return Key::Quit,
        _ if event.code == KeyCode::Char(' ') => pager.scroll = pager.scroll.saturating_add(page).min(last),
        _ if event.code == KeyCode::Char('n') && !pager.query.is_empty() => {
            // The next line holding it below the top line, round to the first.
            let next =
                find(lines, &pager.query, usize::from(pager.scroll) + 1).or_else(|| find(lines, &pager.query, 0));
            if let Some(found) = next {
                pager.scroll = found.min(last);
            }
        }
        _ => return Key::Close,
    }
    Key::Stay
}

/// Whether a line holds the text searched for (letters in either case).
pub fn holds(line: &str, query: &str) -> bool {
    !query.is_empty() && line.to_lowercase().contains(&query.to_lowercase())
}

/// The first line from `from` holding `query`.
fn find(lines: &[String], query: &str, from: usize) -> Option<u16> {
    let at = lines.iter().enumerate().skip(from).find(|(_, l)| holds(l, query))?.0;
    u16::try_from(at).ok()
}

/// How many lines hold `query`.
pub fn count(lines: &[String], query: &str) -> usize {
    lines.iter().filter(|l| holds(l, query)).count()
}

/// A label and its text as rows of `width` cells, the text's rows after the first indented to
/// where it starts (the label's column stays clear); the label in `label_style`.
fn labelled(label: String, said: &str, width: u16, label_style: Style) -> Vec<TextLine<'static>> {
    let indent = text::width(&label);
    let whole = format!("{label}{said}");
    let rows = text::wrap(&whole, usize::from(width), indent);
    rows.into_iter()
        .enumerate()
        .map(|(n, row)| {
            if n == 0 && row.len() >= label.len() {
                let rest = row[label.len()..].to_string();
                TextLine::from(vec![Span::styled(label.clone(), label_style), Span::raw(rest)])
            } else {
                TextLine::raw(row)
            }
        })
        .collect()
}

/// The keys the help lists: the keymap in effect, and what it says beside a key the console does
/// not offer to who it acts as (`App::not_offered`: read only, or not the role's).
pub struct Keys<'a> {
    pub keymap: &'a Keymap,
    pub not_offered: &'a dyn Fn(Action) -> Option<String>,
}

/// The help's lines at `width`: where things are, the view's keys, the keys everywhere, one's own
/// keys and the mouse (taken by the console when `mouse`), the commands; headings in `heading`.
pub fn lines(
    layer: Layer,
    keys: Keys,
    places: &[(String, String)],
    mouse: bool,
    width: u16,
    heading: Style,
    ambiguous: Ambiguous,
) -> Vec<TextLine<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let keymap = keys.keymap;
    let mut lines = Vec::new();
    let section = |title: String, layer: Layer, lines: &mut Vec<TextLine<'static>>| {
        lines.push(TextLine::styled(title, heading));
        for b in keymap.bindings(layer) {
            let said = match (keys.not_offered)(b.action) {
                Some(note) => t!("help-not-offered", said = b.said(layer, keymap), note = note),
                None => b.said(layer, keymap),
            };
            lines.extend(labelled(format!("  {} ", text::pad(&b.key.name(), 10, ambiguous)), &said, width, bold));
        }
        lines.push(TextLine::raw(""));
    };
    if !places.is_empty() {
        lines.push(TextLine::styled(t!("help-places"), heading));
        for (label, place) in places {
            lines.extend(labelled(format!("  {} ", text::pad(label, 9, ambiguous)), place, width, Style::default()));
        }
        lines.push(TextLine::raw(""));
    }
    section(t!("help-view-keys", view = layer.said()), layer, &mut lines);
    section(t!("help-global-keys"), Layer::Global, &mut lines);
    // Where other keys come from (a new administrator's fingers may know vim's), and what the
    // mouse does here: the terminal's own text selection is lost while the console takes it.
    lines.push(TextLine::styled(t!("help-own"), heading));
    let mouse = if mouse { t!("help-own-mouse-taken") } else { t!("help-own-mouse-left") };
    for (label, said) in [(t!("help-own-keys-label"), t!("help-own-keys")), (t!("help-own-mouse-label"), mouse)] {
        lines.extend(labelled(format!("  {} ", text::pad(&label, 10, ambiguous)), &said, width, Style::default()));
    }
    lines.push(TextLine::raw(""));
    lines.push(TextLine::styled(t!("help-commands"), heading));
    // The commands' words in one column, after the longest name (`:retractions`).
    let commands = crate::ui::app::commands();
    let name_w = commands.iter().map(|(c, _)| text::width(c)).max().unwrap_or(0);
    for (c, what) in commands {
        lines.extend(labelled(format!("  :{} ", text::pad(c, name_w, ambiguous)), &what, width, Style::default()));
    }
    lines
}

/// The message log's lines at `width`, oldest first: each message's time as a person reads it as
/// of `now` (`domain::time::for_people`), then its text.
pub fn messages(said: &[Said], width: u16, error: Style, now: chrono::DateTime<chrono::Utc>) -> Vec<TextLine<'static>> {
    if said.is_empty() {
        return vec![TextLine::raw(t!("messages-none"))];
    }
    let mut lines = Vec::new();
    for s in said {
        let time = format!("{} ", crate::domain::time::for_people(s.at, now));
        let mark = if s.error { "✗ " } else { "" };
        let style = if s.error { error } else { Style::default() };
        let text = text::visible(&s.text);
        lines.extend(
            labelled(time, &format!("{mark}{}", text.replace('\n', " ")), width, Style::default())
                .into_iter()
                .map(|l| l.patch_style(style)),
        );
    }
    lines
}

/// A line's plain text.
pub fn plain(line: &TextLine) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn text(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("line {i}")).collect()
    }

    #[test]
    fn the_motion_keys_scroll_within_the_text_and_any_other_key_closes() {
        let lines = text(30);
        let mut p = Pager::default();
        let k = |p: &mut Pager, a: Action| key(p, press(KeyCode::Null), Some(a), &lines, 10);
        assert_eq!(k(&mut p, Action::Up), Key::Stay);
        assert_eq!(p.scroll, 0, "not above the top");
        assert_eq!(k(&mut p, Action::Down), Key::Stay);
        assert_eq!(p.scroll, 1);
        assert_eq!(k(&mut p, Action::PageDown), Key::Stay);
        assert_eq!(p.scroll, 11);
        assert_eq!(k(&mut p, Action::PageDown), Key::Stay);
        assert_eq!(k(&mut p, Action::PageDown), Key::Stay);
        assert_eq!(p.scroll, 20, "the last page ends at the last line, not past it");
        assert_eq!(k(&mut p, Action::Down), Key::Stay);
        assert_eq!(p.scroll, 20);
        assert_eq!(k(&mut p, Action::PageUp), Key::Stay);
        assert_eq!(p.scroll, 10, "PgUp pages back, the help stays open");
        assert_eq!(k(&mut p, Action::Top), Key::Stay);
        assert_eq!(p.scroll, 0);
        assert_eq!(k(&mut p, Action::Bottom), Key::Stay);
        assert_eq!(p.scroll, 20);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(key(&mut p, ctrl_q, Some(Action::Quit), &lines, 10), Key::Quit);
        assert_eq!(key(&mut p, press(KeyCode::Char('q')), Some(Action::Quit), &lines, 10), Key::Close);
        assert_eq!(key(&mut p, press(KeyCode::Char('x')), None, &lines, 10), Key::Close);
    }

    #[test]
    fn slash_searches_as_one_types_and_n_finds_the_next_line() {
        let mut lines = text(40);
        lines[5] = "  w   Withdraw the item".into();
        lines[25] = "  x   withdraw them all".into();
        let mut p = Pager::default();
        assert_eq!(key(&mut p, press(KeyCode::Char('/')), Some(Action::Filter), &lines, 10), Key::Stay);
        assert!(p.typing.is_some(), "/ opens the search, the help stays");
        for c in "WITH".chars() {
            assert_eq!(key(&mut p, press(KeyCode::Char(c)), None, &lines, 10), Key::Stay);
        }
        assert_eq!(p.query, "WITH");
        assert_eq!(p.scroll, 5, "the first line holding it, in either case");
        assert_eq!(key(&mut p, press(KeyCode::Enter), None, &lines, 10), Key::Stay);
        assert!(p.typing.is_none());
        assert_eq!(key(&mut p, press(KeyCode::Char('n')), None, &lines, 10), Key::Stay);
        assert_eq!(p.scroll, 25);
        assert_eq!(key(&mut p, press(KeyCode::Char('n')), None, &lines, 10), Key::Stay);
        assert_eq!(p.scroll, 5, "round to the first");
        assert_eq!(count(&lines, "with"), 2);
        // Esc while typing ends the search, not the help.
        key(&mut p, press(KeyCode::Char('/')), Some(Action::Filter), &lines, 10);
        assert_eq!(key(&mut p, press(KeyCode::Esc), Some(Action::Back), &lines, 10), Key::Stay);
        assert!(p.typing.is_none() && p.query.is_empty());
    }

    #[test]
    fn a_wrapped_description_keeps_to_its_column() {
        let rows = labelled("  Enter      ".into(), &"word ".repeat(30), 40, Style::default());
        assert!(rows.len() > 2);
        for row in &rows[1..] {
            let row = plain(row);
            assert!(row.starts_with(&" ".repeat(13)) && !row.starts_with(&" ".repeat(14)), "{row:?}");
        }
        assert!(plain(&rows[0]).starts_with("  Enter      word"));
    }

    #[test]
    fn the_box_takes_the_width_of_a_wide_screen() {
        assert_eq!(inner((80, 24)), (78, 18), "the whole width of a narrow screen, border included");
        assert_eq!(inner((160, 48)), (138, 42));
        assert_eq!(page_height((80, 24)), 17);
    }
}
