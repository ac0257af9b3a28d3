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
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, fit, fit_path, pad};
use crate::t;
use crate::ui::widgets::{Draw, Theme, provisional_note};
use crate::ui::words;

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

    // One column per thing, a blank between two (`ui::table`); wide terminals add what is behind
    // each count.
    let wide = areas.rows.width >= 120;
    let cells = |i: &Indicator| -> Vec<String> {
        let level = format!("{} {}{}", level_symbol(i.level), level_word(i.level), if i.provisional { "?" } else { "" });
        let mut cells = vec![level, words::indicator(i.key), i.count.to_string(), format!("≥ {}", i.threshold), warns(i)];
        if wide {
            let joined: Vec<String> = i.detail.iter().map(|line| text::display(&words::detail(line), ambiguous)).collect();
            cells.push(joined.join("；"));
        }
        cells
    };
    let mut heads = vec![
        t!("inspect-head-level"),
        t!("inspect-head-indicator"),
        t!("inspect-head-count"),
        t!("inspect-head-fails"),
        t!("inspect-head-warns"),
    ];
    if wide {
        heads.push(t!("inspect-head-behind", open = d.key_for(Layer::Inspection, Action::Open)));
    }
    let list = view.indicators();
    let rows: Vec<Vec<String>> = list.iter().map(cells).collect();
    let kind = |i: usize| match i {
        1 | 5 => Kind::Text,
        2 => Kind::Number,
        _ => Kind::Fixed,
    };
    let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width), ambiguous);
    d.header(areas.header, &table.row(&heads));

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
        .zip(&rows)
        .map(|(i, cells)| {
            let style = |n: usize| match n {
                0 | 2 => level_style(theme, i.level),
                5 => theme.dim(),
                _ => Style::default(),
            };
            TextLine::from(
                cells.iter().enumerate().map(|(n, cell)| Span::styled(table.cell(n, cell), style(n))).collect::<Vec<_>>(),
            )
        })
        .collect();
    rows_of(d, areas.rows, view.cursor, lines);
}

/// One indicator's detail: the columns or inquiries behind its count.
fn detail(view: &InspectView, d: &mut Draw, areas: &Areas, i: &Indicator, cursor: Cursor) {
    let ambiguous = d.ambiguous();
    let theme = d.theme;
    let at = view.indicators.as_ref().map(|(at, _)| at.to_string()).unwrap_or_default();
    // The title names the indicator whole (the national check's names are long: 动态、要闻及
    // 通知公告、政策文件类栏目未按时更新), with its count and day; the levels it is judged by go
    // to the line below, beside what lists it. A name too long even so is shortened, never the
    // rest.
    let level = format!("{} {} ", level_symbol(i.level), level_word(i.level));
    let rest = t!("inspect-detail-title", name = "", count = i.count, date = at.as_str());
    let room = usize::from(areas.title.width).saturating_sub(text::width(&level) + text::width(&rest));
    let name = fit(&words::indicator(i.key), room, ambiguous);
    let spans = vec![
        Span::styled(level, level_style(theme, i.level)),
        Span::raw(t!("inspect-detail-title", name = name, count = i.count, date = at)),
    ];
    d.title(areas.title, spans);
    let back = d.key_for(Layer::Global, Action::Back);
    let (threshold, warns) = (i.threshold, warns(i));
    let header = if i.detail.iter().any(|line| line.opens.is_some()) {
        let open = d.key_for(Layer::Inspection, Action::Open);
        t!("inspect-detail-head-opens", threshold = threshold, warns = warns, count = i.detail.len(), open = open, back = back)
    } else {
        t!("inspect-detail-head", threshold = threshold, warns = warns, count = i.detail.len(), back = back)
    };
    d.header(areas.header, &pad(&fit(&header, usize::from(areas.header.width), ambiguous), usize::from(areas.header.width), ambiguous));
    if i.detail.is_empty() {
        d.put(areas.rows, TextLine::from(t!("inspect-detail-nothing")));
        return;
    }
    // A path loses its first levels, never its leaf (its last levels say which column it is),
    // and the note after it (when it was last updated) stays whole.
    let room = usize::from(areas.rows.width).saturating_sub(2);
    let lines: Vec<TextLine<'static>> = i
        .detail
        .iter()
        .map(|line| {
            let note = d.text(&words::note(&line.note));
            let what = fit_path(&d.text(&line.what), room.saturating_sub(text::width(&note)), ambiguous);
            TextLine::raw(fit(&format!("  {what}{note}"), room + 2, ambiguous))
        })
        .collect();
    rows_of(d, areas.rows, cursor, lines);
}

/// The visible lines of a list under its cursor, the selection highlighted.
fn rows_of(d: &mut Draw, area: Rect, cursor: Cursor, lines: Vec<TextLine<'static>>) {
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
