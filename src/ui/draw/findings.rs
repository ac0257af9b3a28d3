//! The Findings tab: the content checks' findings on every online item, newest first, blocking
//! ones marked; an item opened from them.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line as TextLine, Span};

use super::Draw;
use crate::domain::staleness::Status;
use crate::domain::time::format_time;
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};

impl Draw<'_> {
    pub(super) fn findings(&mut self, areas: &Areas) {
        let app = self.app;
        let view = &app.findings;
        if let Some(item) = &view.item {
            let body = Rect { y: areas.header.y, height: areas.rows.height + 1, ..areas.rows };
            return self.item_page(areas.title, body, item);
        }
        let list = &view.list;
        let mut spans = vec![Span::raw("Findings")];
        if list.done {
            let (items, blocking) = view.counts();
            spans.push(Span::raw(format!(" · {} on {items} online items, newest first", list.rows.len())));
            if blocking > 0 {
                spans.push(Span::styled(format!(" · ✗{blocking} blocking"), self.theme.status(Status::Overdue)));
            }
        } else if list.waiting.is_some() {
            spans.push(Span::raw(" · checking every online item"));
        }
        spans.extend(self.filter_note(&list.filter));
        self.title(areas.title, spans);

        let w = usize::from(areas.rows.width);
        let wide = w >= 120;
        let (when_w, item_w, kind_w, text_w, title_w) = if wide { (12, 9, 16, 20, 30) } else { (0, 8, 15, 14, 0) };
        let message_w = w.saturating_sub(2 + when_w + item_w + kind_w + text_w + title_w);
        let header = format!(
            "  {}{}{}{}{}{}",
            pad(if wide { "published" } else { "" }, when_w),
            pad("item", item_w),
            pad(if wide { "title" } else { "" }, title_w),
            pad("kind", kind_w),
            pad("text", text_w),
            pad("message → suggestion", message_w)
        );
        self.buf.set_string(0, areas.header.y, &header, self.theme.dim().add_modifier(Modifier::UNDERLINED));
        let theme = self.theme;
        let nothing = "No online item has a finding.";
        if list.shown.is_empty() && list.waiting.is_some() && list.error.is_none() {
            let msg = "Checking every online item (tens of seconds on a large site)…";
            self.put(areas.rows, TextLine::from(msg));
            return;
        }
        self.list(areas.rows, list, nothing, |r| {
            let f = &r.finding;
            let shown = |s: &str, w: usize| pad(&fit(&text::display(s, app.ambiguous), w.saturating_sub(1)), w);
            let mut line = vec![Span::styled(if f.blocking { "✗ " } else { "  " }, theme.status(Status::Overdue))];
            if wide {
                let when = r.published_at.map_or_else(|| "-".to_string(), |t| format_time(t, false));
                let when = when.get(5..16).unwrap_or(&when).replace('T', " ");
                line.push(Span::raw(pad(&when, when_w)));
            }
            line.push(Span::raw(pad(&r.item.to_string(), item_w)));
            if wide {
                line.push(Span::raw(shown(&r.title, title_w)));
            }
            let kind_style = if f.blocking { theme.status(Status::Overdue) } else { theme.status(Status::DueSoon) };
            line.push(Span::styled(pad(f.kind.as_str(), kind_w), kind_style));
            line.push(Span::raw(shown(&f.text, text_w)));
            let said = if f.suggestion.is_empty() { f.message.clone() } else { format!("{} → {}", f.message, f.suggestion) };
            line.push(Span::raw(fit(&text::display(&said, app.ambiguous), message_w)));
            TextLine::from(line)
        });
    }
}
