//! The Inspection tab: the national check's single-veto indicators with a pass/warn/fail badge,
//! and an indicator's detail (the columns or inquiries behind its count).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::Paragraph;

use super::{Draw, RenderInto, Theme};
use crate::domain::inspection::{Indicator, Level};
use crate::domain::staleness::Status;
use crate::ui::app::Cursor;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};

/// A level as a symbol that reads without colour.
pub fn level_symbol(level: Level) -> &'static str {
    match level {
        Level::Pass => "✓",
        Level::Warn => "!",
        Level::Fail => "✗",
    }
}

impl Theme {
    fn level(&self, level: Level) -> Style {
        match level {
            Level::Fail => self.status(Status::Overdue),
            Level::Warn => self.status(Status::DueSoon).add_modifier(Modifier::BOLD),
            Level::Pass => self.status(Status::Ok),
        }
    }
}

/// Where it warns, or `-` when it does not warn before it fails.
fn warns(i: &Indicator) -> String {
    if i.warn_at < i.threshold { format!("≥ {}", i.warn_at) } else { "-".to_string() }
}

impl Draw<'_> {
    pub(super) fn inspection(&mut self, areas: &Areas) {
        let app = self.app;
        let view = &app.inspection;
        if let Some((indicator, cursor)) = view.opened() {
            return self.indicator(areas, indicator, cursor);
        }
        let mut spans = vec![Span::raw("Inspection")];
        if let Some((at, _)) = &view.indicators {
            spans.push(Span::raw(format!(" · as of {at}")));
            let (fail, warn) = view.counts();
            let theme = self.theme;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{}{fail} fail", level_symbol(Level::Fail)), theme.level(Level::Fail)));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{}{warn} warn", level_symbol(Level::Warn)), theme.level(Level::Warn)));
            if *at != app.at {
                spans.push(Span::styled(format!(" (loading {})", app.at), theme.dim()));
            }
            spans.extend(super::provisional_note(view.list().iter().filter(|i| i.provisional).count(), theme));
        }
        self.title(areas.title, spans);

        let w = usize::from(areas.rows.width);
        let wide = w >= 120;
        let name_w = if wide { 50 } else { w.saturating_sub(7 + 7 + 9 + 9) };
        let detail_w = if wide { w.saturating_sub(7 + name_w + 7 + 9 + 9 + 1) } else { 0 };
        let header = format!(
            "{}{}{:>6} {}{}{}",
            pad("level", 7),
            pad("indicator", name_w),
            "count",
            pad(" fails", 9),
            pad(" warns", 9),
            pad(if wide { " behind the count (Enter lists them)" } else { "" }, detail_w + 1)
        );
        self.buf.set_string(0, areas.header.y, &header, self.theme.dim().add_modifier(Modifier::UNDERLINED));

        let list = view.list();
        if list.is_empty() {
            let msg = match (&view.error, view.waiting.is_some()) {
                (Some(e), _) => format!("Could not evaluate the indicators: {e}"),
                (None, true) => "Evaluating the indicators…".to_string(),
                (None, false) => "No indicators.".to_string(),
            };
            let lines = vec![TextLine::from(self.text(&msg))];
            Paragraph::new(text::wrap_lines(lines, areas.rows.width)).render_into(areas.rows, self.buf);
            return;
        }
        let theme = self.theme;
        let lines: Vec<TextLine<'static>> = list
            .iter()
            .map(|i| {
                let mut line = vec![
                    Span::styled(
                        pad(
                            &format!(
                                "{} {}{}",
                                level_symbol(i.level),
                                i.level.as_str(),
                                if i.provisional { "?" } else { "" }
                            ),
                            7,
                        ),
                        theme.level(i.level),
                    ),
                    Span::raw(pad(&fit(i.name, name_w.saturating_sub(1)), name_w)),
                    Span::styled(format!("{:>5} ", i.count), theme.level(i.level)),
                    Span::raw(pad(&format!("  ≥ {}", i.threshold), 9)),
                    Span::raw(pad(&format!("  {}", warns(i)), 9)),
                ];
                if wide && !i.detail.is_empty() {
                    let joined =
                        i.detail.iter().map(|d| text::display(d, app.ambiguous)).collect::<Vec<_>>().join("；");
                    line.push(Span::styled(format!(" {}", fit(&joined, detail_w)), theme.dim()));
                }
                TextLine::from(line)
            })
            .collect();
        self.rows(areas.rows, view.cursor, lines);
    }

    /// One indicator's detail: the columns or inquiries behind its count.
    fn indicator(&mut self, areas: &Areas, i: &Indicator, cursor: Cursor) {
        let theme = self.theme;
        let at = self.app.inspection.indicators.as_ref().map(|(at, _)| at.to_string()).unwrap_or_default();
        let spans = vec![
            Span::styled(format!("{} {} ", level_symbol(i.level), i.level.as_str()), theme.level(i.level)),
            Span::raw(format!("{} · {} (fails ≥ {}, warns {}) · as of {at}", i.name, i.count, i.threshold, warns(i))),
        ];
        self.title(areas.title, spans);
        let back = self.app.keymap.key_for(Layer::Global, Action::Back).map_or_else(String::new, |k| k.to_string());
        let header = format!("{} behind the count · {back} back", i.detail.len());
        self.buf.set_string(
            0,
            areas.header.y,
            pad(&header, usize::from(areas.header.width)),
            theme.dim().add_modifier(Modifier::UNDERLINED),
        );
        if i.detail.is_empty() {
            self.put(areas.rows, TextLine::from("Nothing behind this count."));
            return;
        }
        let w = usize::from(areas.rows.width);
        let lines: Vec<TextLine<'static>> =
            i.detail.iter().map(|d| TextLine::raw(format!("  {}", fit(&self.text(d), w.saturating_sub(2))))).collect();
        self.rows(areas.rows, cursor, lines);
    }

    /// The visible lines of a list under its cursor, the selection highlighted.
    fn rows(&mut self, area: Rect, cursor: Cursor, lines: Vec<TextLine<'static>>) {
        for (row, line) in lines.into_iter().enumerate().skip(cursor.offset).take(usize::from(area.height)) {
            let y = area.y + (row - cursor.offset) as u16;
            let line_area = Rect { y, height: 1, ..area };
            if row == cursor.selected {
                self.buf.set_style(line_area, self.theme.selected());
                self.put(line_area, line.patch_style(self.theme.selected()));
            } else {
                self.put(line_area, line);
            }
        }
    }
}
