//! The Inspect tab drawn: the indicators with a pass/warn/fail badge, and an indicator's detail
//! (the columns or inquiries behind its count).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::InspectView;
use crate::domain::inspection::{Indicator, Level};
use crate::domain::staleness::Status;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::paged::Cursor;
use crate::ui::text::{self, fit, pad};
use crate::t;
use crate::ui::widgets::{Draw, Theme, provisional_note};

/// A level as a symbol that reads without colour.
pub fn level_symbol(level: Level) -> &'static str {
    match level {
        Level::Pass => "✓",
        Level::Warn => "!",
        Level::Fail => "✗",
    }
}

/// A level's style.
fn level_style(theme: Theme, level: Level) -> Style {
    match level {
        Level::Fail => theme.status(Status::Overdue),
        Level::Warn => theme.status(Status::DueSoon).add_modifier(Modifier::BOLD),
        Level::Pass => theme.status(Status::Ok),
    }
}

/// A level in words: pass, warn, fail.
fn level_word(level: Level) -> String {
    match level {
        Level::Pass => t!("inspect-pass"),
        Level::Warn => t!("inspect-warn"),
        Level::Fail => t!("inspect-fail"),
    }
}

/// Where it warns, or `-` when it does not warn before it fails.
fn warns(i: &Indicator) -> String {
    if i.warn_at < i.threshold { format!("≥ {}", i.warn_at) } else { "-".to_string() }
}

pub(super) fn draw(view: &InspectView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let at_now = d.at();
    if let Some((indicator, cursor)) = view.opened() {
        return detail(view, d, areas, indicator, cursor);
    }
    let mut spans = vec![Span::raw(t!("inspect-title"))];
    if let Some((at, _)) = &view.indicators {
        spans.push(Span::raw(t!("inspect-as-of", date = at.to_string())));
        let (fail, warn) = view.counts();
        let theme = d.theme;
        spans.push(Span::raw(" "));
        let fails = t!("inspect-fails", symbol = level_symbol(Level::Fail), count = fail);
        spans.push(Span::styled(fails, level_style(theme, Level::Fail)));
        spans.push(Span::raw(" "));
        let warns = t!("inspect-warns", symbol = level_symbol(Level::Warn), count = warn);
        spans.push(Span::styled(warns, level_style(theme, Level::Warn)));
        if *at != at_now {
            spans.push(Span::styled(t!("inspect-loading", date = at_now.to_string()), theme.dim()));
        }
        spans.extend(provisional_note(view.indicators().iter().filter(|i| i.provisional).count(), theme));
    }
    d.title(areas.title, spans);

    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let name_w = if wide { 50 } else { w.saturating_sub(7 + 7 + 9 + 9) };
    let detail_w = if wide { w.saturating_sub(7 + name_w + 7 + 9 + 9 + 1) } else { 0 };
    let count = t!("inspect-head-count");
    let header = format!(
        "{}{}{}{count} {}{}{}",
        pad(&t!("inspect-head-level"), 7, ambiguous),
        pad(&t!("inspect-head-indicator"), name_w, ambiguous),
        " ".repeat(6usize.saturating_sub(text::width(&count))),
        pad(&t!("inspect-head-fails"), 9, ambiguous),
        pad(&t!("inspect-head-warns"), 9, ambiguous),
        pad(
            &if wide { t!("inspect-head-behind", open = d.key_for(Layer::Inspection, Action::Open)) } else { String::new() },
            detail_w + 1,
            ambiguous
        )
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));

    let list = view.indicators();
    if list.is_empty() {
        let msg = match (&view.error, view.waiting.is_some()) {
            (Some(e), _) => t!("inspect-failed", error = e.clone()),
            (None, true) => t!("inspect-evaluating"),
            (None, false) => t!("inspect-none"),
        };
        let lines = vec![TextLine::from(d.text(&msg))];
        Paragraph::new(text::wrap_lines(lines, areas.rows.width)).render(areas.rows, d.buf);
        return;
    }
    let theme = d.theme;
    let lines: Vec<TextLine<'static>> = list
        .iter()
        .map(|i| {
            let mut line = vec![
                Span::styled(
                    pad(
                        &format!(
                            "{} {}{}",
                            level_symbol(i.level),
                            level_word(i.level),
                            if i.provisional { "?" } else { "" }
                        ),
                        7, ambiguous,
                    ),
                    level_style(theme, i.level),
                ),
                Span::raw(pad(&fit(i.name, name_w.saturating_sub(1), ambiguous), name_w, ambiguous)),
                Span::styled(format!("{:>5} ", i.count), level_style(theme, i.level)),
                Span::raw(pad(&format!("  ≥ {}", i.threshold), 9, ambiguous)),
                Span::raw(pad(&format!("  {}", warns(i)), 9, ambiguous)),
            ];
            if wide && !i.detail.is_empty() {
                let joined = i.detail.iter().map(|line| text::display(line, ambiguous)).collect::<Vec<_>>().join("；");
                line.push(Span::styled(format!(" {}", fit(&joined, detail_w, ambiguous)), theme.dim()));
            }
            TextLine::from(line)
        })
        .collect();
    rows(d, areas.rows, view.cursor, lines);
}

/// One indicator's detail: the columns or inquiries behind its count.
fn detail(view: &InspectView, d: &mut Draw, areas: &Areas, i: &Indicator, cursor: Cursor) {
    let ambiguous = d.ambiguous();
    let theme = d.theme;
    let at = view.indicators.as_ref().map(|(at, _)| at.to_string()).unwrap_or_default();
    let spans = vec![
        Span::styled(format!("{} {} ", level_symbol(i.level), level_word(i.level)), level_style(theme, i.level)),
        Span::raw(t!(
            "inspect-detail-title",
            name = i.name,
            count = i.count,
            threshold = i.threshold,
            warns = warns(i),
            date = at
        )),
    ];
    d.title(areas.title, spans);
    let back = d.key_for(Layer::Global, Action::Back);
    let header = t!("inspect-detail-head", count = i.detail.len(), back = back);
    d.buf.set_string(
        0,
        areas.header.y,
        pad(&header, usize::from(areas.header.width), ambiguous),
        theme.dim().add_modifier(Modifier::UNDERLINED),
    );
    if i.detail.is_empty() {
        d.put(areas.rows, TextLine::from(t!("inspect-detail-nothing")));
        return;
    }
    let w = usize::from(areas.rows.width);
    let lines: Vec<TextLine<'static>> =
        i.detail.iter().map(|line| TextLine::raw(format!("  {}", fit(&d.text(line), w.saturating_sub(2), ambiguous)))).collect();
    rows(d, areas.rows, cursor, lines);
}

/// The visible lines of a list under its cursor, the selection highlighted.
fn rows(d: &mut Draw, area: Rect, cursor: Cursor, lines: Vec<TextLine<'static>>) {
    for (row, line) in lines.into_iter().enumerate().skip(cursor.offset).take(usize::from(area.height)) {
        let y = area.y + (row - cursor.offset) as u16;
        let line_area = Rect { y, height: 1, ..area };
        if row == cursor.selected {
            d.buf.set_style(line_area, d.theme.selected());
            d.put(line_area, line.patch_style(d.theme.selected()));
        } else {
            d.put(line_area, line);
        }
    }
}
