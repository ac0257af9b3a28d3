//! The Withdrawn tab and the mark chosen instead of a withdrawal.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use super::{Draw, RenderInto};
use crate::domain::MarkKind;
use crate::domain::RetractionReason;
use crate::domain::staleness::Status;
use crate::domain::time::format_time;
use crate::ui::app::{request_times, waited};
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};

/// A time as `2026-11-29 14:03` (Beijing), or `11-29 14:03` when `short`.
fn when(at: chrono::DateTime<chrono::Utc>, short: bool) -> String {
    let t = format_time(at, false);
    let t = t.get(..16).unwrap_or(&t).replace('T', " ");
    if short { t.get(5..).unwrap_or(&t).to_string() } else { t }
}

impl Draw<'_> {
    pub(super) fn withdrawn(&mut self, areas: &Areas) {
        let app = self.app;
        let list = &app.withdrawals;
        let w = usize::from(areas.rows.width);
        let wide = w >= 120;
        let order = if wide { ", newest first" } else { "" };
        let mut spans = vec![Span::raw(format!("Withdrawn · {} latest{order}", list.rows.len()))];
        // The filter first: it must stay in sight at 80 columns.
        spans.extend(self.filter_note(&list.filter));
        // Of the withdrawals listed (the filter's, when filtered).
        let from = if wide { "time from request to withdrawal" } else { "from request" };
        match request_times(list.shown.iter().map(|&i| &list.rows[i])) {
            Some((median, longest)) => {
                spans.push(Span::raw(format!(" · {from}: median {}, longest {}", waited(median), waited(longest))))
            }
            None if !list.shown.is_empty() => {
                spans.push(Span::styled(" · none asked for by a request", self.theme.dim()))
            }
            None => {}
        }
        self.title(areas.title, spans);

        // Narrow, a restored withdrawal says so before its title; wide, when and by whom.
        let (when_w, item_w, by_w, took_w, restored_w) = if wide { (17, 8, 17, 8, 24) } else { (12, 6, 11, 7, 0) };
        let title_w = w.saturating_sub(when_w + item_w + 11 + by_w + took_w + restored_w);
        let header = format!(
            "{}{}{}{}{}{}{}",
            pad("withdrawn", when_w),
            pad("item", item_w),
            pad("reason", 11),
            pad("by", by_w),
            pad("took", took_w),
            pad("restored", restored_w),
            pad("title", title_w)
        );
        self.buf.set_string(0, areas.header.y, &header, self.theme.dim().add_modifier(Modifier::UNDERLINED));
        let theme = self.theme;
        self.list(areas.rows, list, "Nothing has been withdrawn.\nWithdraw from a column (2, Enter on a column, w) or answer a request (3, w):\neach withdrawal shows here, and u puts it back online.", |r| {
            let took = r.minutes_from_request().map_or_else(|| "-".to_string(), waited);
            let reason_style = match r.reason {
                RetractionReason::Classified => theme.status(Status::Overdue),
                RetractionReason::Improper => theme.status(Status::Empty),
                _ => Style::default(),
            };
            let restored = match &r.restored {
                Some((at, by)) if wide => format!("{} {} ", when(*at, true), fit(&text::display(by, app.ambiguous), restored_w - 13)),
                Some(_) => "[restored] ".to_string(),
                None => String::new(),
            };
            let mut line = vec![
                Span::raw(pad(&when(r.withdrawn_at, !wide), when_w)),
                Span::raw(pad(&r.item.to_string(), item_w)),
                Span::styled(pad(r.reason.as_str(), 11), reason_style),
                Span::raw(format!("{} ", pad(&text::display(&r.withdrawn_by, app.ambiguous), by_w - 1))),
                Span::raw(pad(&took, took_w)),
                Span::styled(if wide { pad(&restored, restored_w) } else { restored.clone() }, theme.status(Status::Ok)),
            ];
            // The link checks found its public page still answering without the withdrawal notice.
            let public = if r.still_public { "[still public] " } else { "" };
            line.push(Span::styled(public, theme.status(Status::Overdue).add_modifier(Modifier::BOLD)));
            let title_w = if wide { title_w } else { title_w.saturating_sub(text::width(&restored)) };
            let title_w = title_w.saturating_sub(text::width(public));
            let title = fit(&text::display(&r.title, app.ambiguous), title_w);
            let room = title_w.saturating_sub(text::width(&title) + 3);
            line.push(Span::raw(title));
            // On a wide terminal, why (the note) after the title.
            if wide && !r.note.is_empty() && room > 4 {
                line.push(Span::styled(format!(" — {}", fit(&text::display(&r.note, app.ambiguous), room)), theme.dim()));
            }
            TextLine::from(line)
        });
    }

    /// The mark to put on items instead of withdrawing them: which items, the mark (a key cycles
    /// it), the day it takes effect and the document that replaces them.
    pub(super) fn mark_form(&mut self, items: &[(i64, String)], kind: MarkKind, replaced_by: &TextArea<'static>) {
        let app = self.app;
        let key = |a: Action| app.keymap.key_for(Layer::Mark, a).map_or_else(String::new, |k| k.to_string());
        let ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
        let heading = match &ids[..] {
            [one] => format!("Keep item {one} online, marked, instead of withdrawing it:"),
            many => format!("Keep {} items online, marked, instead of withdrawing them:", many.len()),
        };
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![TextLine::styled(heading, bold)];
        lines.extend(app.item_lines(items, app.list_room(7)).into_iter().map(TextLine::raw));
        lines.push(TextLine::raw(""));
        // The others in the order the key gives them.
        let at = MarkKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let others: Vec<&str> =
            (1..MarkKind::ALL.len()).map(|i| MarkKind::ALL[(at + i) % MarkKind::ALL.len()].label()).collect();
        lines.push(TextLine::from(vec![
            Span::styled(pad("mark", 13), self.theme.dim()),
            Span::styled(
                format!("{} {}", kind.label(), kind.as_str()),
                self.theme.status(Status::DueSoon).add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" · {}: {}", key(Action::NextMarkKind), others.join(", "))),
        ]));
        lines.push(TextLine::from(vec![
            Span::styled(pad("effective", 13), self.theme.dim()),
            Span::raw(format!("{} (today)", app.mark_day())),
        ]));
        let input_row = lines.len();
        lines.push(TextLine::styled(pad("replaced by", 13), self.theme.dim()));
        lines.push(TextLine::raw(""));
        lines.push(TextLine::styled(
            format!(
                "{} marks · {} next mark · {} cancels",
                key(Action::Confirm),
                key(Action::NextMarkKind),
                key(Action::Back)
            ),
            self.theme.dim(),
        ));
        let lines: Vec<TextLine> = lines.into_iter().map(|l| self.shown(l)).collect();
        let inner = self.popup(76, lines.len() as u16 + 2, "Mark instead of withdrawing");
        Paragraph::new(lines).render_into(inner, self.buf);
        if let Ok(row) = u16::try_from(input_row)
            && row < inner.height
        {
            let area = Rect { x: inner.x + 13, y: inner.y + row, width: inner.width.saturating_sub(13), height: 1 };
            replaced_by.render(area, self.buf);
        }
    }
}
