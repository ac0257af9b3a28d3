//! The mark chosen instead of a withdrawal.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use super::{Draw, RenderInto};
use crate::domain::MarkKind;
use crate::domain::staleness::Status;
use crate::t;
use crate::ui::app::not_sent;
use crate::ui::keymap::{Action, Layer};
use crate::ui::text::pad;

impl Draw<'_> {
    /// The mark to put on items instead of withdrawing them: which items, the mark (a key cycles
    /// it), the day it takes effect and the document that replaces them; below, as a confirmation
    /// says it, that its write was not sent.
    pub(super) fn mark_form(
        &mut self,
        items: &[(i64, String)],
        kind: MarkKind,
        replaced_by: &TextArea<'static>,
        unsent: bool,
    ) {
        let ambiguous = self.ambiguous();
        let app = self.app;
        let key = |a: Action| app.keymap.key_name(Layer::Mark, a);
        let first = items.first().map_or(0, |(id, _)| *id);
        let heading = t!("mark-heading", count = items.len(), id = first);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![TextLine::styled(heading, bold)];
        lines.extend(app.item_lines(items, app.list_room(7)).into_iter().map(TextLine::raw));
        lines.push(TextLine::raw(""));
        // The others in the order the key gives them.
        let at = MarkKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let others: Vec<&str> =
            (1..MarkKind::ALL.len()).map(|i| MarkKind::ALL[(at + i) % MarkKind::ALL.len()].label()).collect();
        lines.push(TextLine::from(vec![
            Span::styled(pad(&t!("mark-field-mark"), 13, ambiguous), self.theme.dim()),
            Span::styled(kind.label().to_string(), self.theme.status(Status::DueSoon).add_modifier(Modifier::BOLD)),
            Span::raw(format!(" · {}: {}", key(Action::NextMarkKind), others.join(&t!("list-separator")))),
        ]));
        lines.push(TextLine::from(vec![
            Span::styled(pad(&t!("mark-field-effective"), 13, ambiguous), self.theme.dim()),
            Span::raw(t!("mark-today", date = app.mark_day().to_string())),
        ]));
        let input_row = lines.len();
        lines.push(TextLine::styled(pad(&t!("mark-field-replaced-by"), 13, ambiguous), self.theme.dim()));
        lines.push(TextLine::raw(""));
        lines.push(TextLine::styled(
            t!("mark-keys", yes = key(Action::Confirm), next = key(Action::NextMarkKind), no = key(Action::Back)),
            self.theme.dim(),
        ));
        if unsent {
            lines.push(TextLine::raw(""));
            lines.push(TextLine::raw(not_sent(&app.keymap, Layer::Mark)));
        }
        let lines: Vec<TextLine> = lines.into_iter().map(|l| self.shown(l)).collect();
        let inner = self.popup(76, lines.len() as u16 + 2, &t!("mark-title"));
        Paragraph::new(lines).render_into(inner, self.buf);
        if let Ok(row) = u16::try_from(input_row)
            && row < inner.height
        {
            let area = Rect { x: inner.x + 13, y: inner.y + row, width: inner.width.saturating_sub(13), height: 1 };
            replaced_by.render(area, self.buf);
        }
    }
}
