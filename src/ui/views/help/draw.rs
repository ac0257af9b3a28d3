//! The help and the message log drawn, in a box over the view: the page of text, then its own
//! hint line (or the search being typed).

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Pager, count, inner, plain};
use crate::t;
use crossterm::event::KeyCode;

use crate::ui::keymap::{Action, Key, Layer};
use crate::ui::text;
use crate::ui::widgets::Draw;

/// `lines` (wrapped to the box's width) scrolled as `pager` says, in a box titled `title`.
/// The keys that scroll the help: a line, a page.
fn scroll(d: &Draw) -> String {
    let k = |a: Action| d.key_for(Layer::Global, a);
    format!("{}/{} {}/{}", k(Action::Up), k(Action::Down), k(Action::PageUp), k(Action::PageDown))
}

/// The help's title: what it is, and its keys (scrolling, searching; any other closes it).
pub fn title(d: &Draw) -> String {
    t!("help-title", scroll = scroll(d), search = d.key_for(Layer::Global, Action::Filter))
}

pub fn draw(d: &mut Draw, pager: &Pager, title: &str, lines: Vec<TextLine<'static>>) {
    let ambiguous = d.ambiguous();
    let size = (d.buf.area.width, d.buf.area.height);
    let (w, h) = inner(size);
    let area = d.popup_within(w + 2, h + 2, title, if size.0 < super::NARROW { 0 } else { 4 });
    let page = Rect { height: area.height.saturating_sub(1), ..area };
    let found = d.theme.found();
    let plains: Vec<String> = lines.iter().map(plain).collect();
    let shown: Vec<TextLine> = lines
        .into_iter()
        .zip(&plains)
        .map(
            |(l, p)| {
                if super::holds(p, &pager.query) { l.patch_style(found.add_modifier(Modifier::REVERSED)) } else { l }
            },
        )
        .collect();
    Paragraph::new(shown).scroll((pager.scroll, 0)).render(page, d.buf);
    let foot = Rect { y: area.bottom().saturating_sub(1), height: 1, ..area };
    if let Some(input) = &pager.typing {
        crate::ui::widgets::input_line(d.buf, foot, &t!("help-search-prompt"), input);
        return;
    }
    let said = if pager.query.is_empty() {
        let key = |a: Action| d.key_for(Layer::Global, a);
        let hints = [
            (scroll(d), t!("keyhint-help-scroll")),
            (key(Action::Filter), t!("keyhint-help-search")),
            (key(Action::Back), t!("keyhint-help-close")),
        ];
        hints.iter().map(|(k, w)| format!("{k} {w}")).collect::<Vec<_>>().join("  ")
    } else {
        match count(&plains, &pager.query) {
            0 => t!("help-search-none", text = pager.query.clone()),
            n => t!("help-found", count = n, text = pager.query.clone(), key = Key::plain(KeyCode::Char('n')).name()),
        }
    };
    let said = text::fit(&d.text(&said), usize::from(foot.width), ambiguous);
    d.put(foot, TextLine::from(Span::styled(said, d.theme.dim())));
}
