//! The help drawn, in a popup over the view.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::t;
use crate::ui::keymap::{Keymap, Layer};
use crate::ui::text;
use crate::ui::widgets::Draw;

/// The help scrolled to `scroll`, for the view whose keys are `layer`.
pub fn draw(d: &mut Draw, scroll: u16, layer: Layer, keymap: &Keymap, places: &[(String, String)]) {
    let heading = d.theme.heading();
    let mut lines = Vec::new();
    let section = |title: String, layer: Layer, lines: &mut Vec<TextLine>| {
        lines.push(TextLine::styled(title, heading));
        for b in keymap.bindings(layer) {
            lines.push(TextLine::from(vec![
                Span::styled(format!("  {:<10}", b.key.to_string()), Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(b.said(layer)),
            ]));
        }
        lines.push(TextLine::raw(""));
    };
    if !places.is_empty() {
        lines.push(TextLine::styled(t!("help-places"), heading));
        for (label, place) in places {
            lines.push(TextLine::raw(format!("  {} {place}", text::pad(label, 9))));
        }
        lines.push(TextLine::raw(""));
    }
    section(t!("help-view-keys", view = layer.said()), layer, &mut lines);
    section(t!("help-global-keys"), Layer::Global, &mut lines);
    lines.push(TextLine::styled(t!("help-commands"), heading));
    for (c, what) in crate::ui::app::commands() {
        lines.push(TextLine::raw(format!("  :{c:<9} {what}")));
    }
    let inner = d.popup(76, 40, &t!("help-title"));
    Paragraph::new(text::wrap_lines(lines, inner.width)).scroll((scroll, 0)).render(inner, d.buf);
}
