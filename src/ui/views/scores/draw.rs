//! The Scores tab drawn: the ranking with each unit's change and a bar of its net score, a unit's
//! score explained, and an item opened from it.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};

use super::{Order, Part, ScoresView, Section, UnitView, period_words, signed};
use crate::domain::assessment::Standing;
use chrono::Datelike;
use crate::domain::staleness::Status;
use crate::domain::time::beijing_date;
use crate::reports::ScoreRow;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, Ambiguous, fit, pad};
use crate::t;
use crate::ui::widgets::{Draw, symbol};
use crate::ui::words;


/// Glyphs for a bar's last cell, by eighths.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// The glyph of a negative net score's bar: drawn distinctly, and one cell in every terminal.
pub const NEGATIVE: &str = "░";

/// A bar for a net score of `n` out of a widest `max`, at most `width` cells: solid for a positive
/// score (a positive score is never drawn as nothing), shaded for a negative one. Solid blocks are
/// East Asian ambiguous: where the terminal draws them two cells wide, half as many are drawn.
pub fn bar(n: i64, max: i64, width: usize, ambiguous: Ambiguous) -> String {
    if max <= 0 || n == 0 || width == 0 {
        return String::new();
    }
    let scaled = |cells: usize, parts: u64| {
        (n.unsigned_abs().min(max as u64) * cells as u64 * parts).div_ceil(max as u64) as usize
    };
    if n < 0 {
        return NEGATIVE.repeat(scaled(width, 1).max(1));
    }
    let cells = if ambiguous == Ambiguous::Wide { width / 2 } else { width };
    let eighths = scaled(cells, 8).max(1);
    let solid = format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8]);
    text::display(&solid, ambiguous)
}

pub(super) fn draw(view: &ScoresView, d: &mut Draw, areas: &Areas) {
        match &view.unit {
        None => ranking(view, d, areas),
        Some(u) => match &u.item {
            Some(view) => {
                let body = Rect { y: areas.header.y, height: areas.rows.height + 1, ..areas.rows };
                d.item_page(areas.title, body, view);
            }
            None => explanation(view, d, areas, u),
        },
    }
}


/// The hints for a view's keys, as many as fit in `room` cells.
fn hints(d: &Draw, room: usize, layer: Layer, hints: &[(Action, String)]) -> String {
    let mut out = String::new();
    for (a, what) in hints {
        let next = format!("{out}{}{} {what}", if out.is_empty() { "" } else { " · " }, d.key_for(layer, *a));
        if text::width(&next) > room {
            break;
        }
        out = next;
    }
    out
}


/// Where a period stands, in a few words after its name: as of a day while it runs (截至), not
/// begun; nothing once it is over.
pub(super) fn as_of(standing: Standing) -> String {
    match standing {
        Standing::Running { as_of } => t!("periods-as-of", month = as_of.month(), day = as_of.day()),
        Standing::NotBegun => t!("periods-not-begun"),
        Standing::Over => String::new(),
    }
}

fn ranking(view: &ScoresView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let v = view;
    let units = &v.units.rows;
    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let points: i64 = units.iter().map(|r| r.points).sum();
    let deducted: i64 = units.iter().map(|r| r.deductions).sum();
    let nothing = units.iter().filter(|r| r.supplied_nothing).count();
    let incidents = units.iter().filter(|r| r.incidents > 0).count();
    // Narrow, the period once (2026Q4): room for the day it is as of.
    let words = if wide { period_words(v.period) } else { String::new() };
    let mut spans = vec![Span::raw(t!("scores-title", period = v.period.to_string(), words = words).trim_end().to_string())];
    let today = beijing_date(d.now());
    let standing = v.period.standing(today);
    spans.push(Span::styled(as_of(standing), d.theme.status(Status::DueSoon)));
    if wide {
        let days = format!("{} – {}", v.period.first_day(), v.period.last_day());
        spans.push(Span::raw(words::aside("", &days)));
    }
    // The filter and the order first: they must stay in sight at 80 columns.
    spans.extend(d.filter_note(&v.units.filter));
    match v.order {
        Order::Rank => {}
        Order::Change => spans.push(Span::styled(t!("scores-by-change"), d.theme.dim())),
        Order::Deducted => spans.push(Span::styled(t!("scores-by-deducted"), d.theme.dim())),
    }
    // Nothing in it (before the data, or not begun): said, not shown as a ranking of zeros.
    let empty = v.units.done && units.iter().all(|r| r.points == 0 && r.deductions == 0 && r.incidents == 0);
    if empty && standing != Standing::NotBegun {
        spans.push(Span::styled(t!("periods-empty"), d.theme.status(Status::Empty)));
    }
    if empty {
        d.title(areas.title, spans);
        let said = if standing == Standing::NotBegun {
            t!("periods-not-begun-line", period = v.period.to_string())
        } else {
            t!("periods-empty-line", period = v.period.to_string())
        };
        // Wrapped, never cut: the reason is at its end.
        let said = d.text(&said);
        for (n, row) in text::wrap(&said, w, 0).into_iter().take(usize::from(areas.rows.height)).enumerate() {
            let y = areas.rows.y + n as u16;
            d.put(Rect { y, height: 1, ..areas.rows }, TextLine::styled(row, d.theme.dim()));
        }
        return;
    }
    spans.push(Span::raw(t!("scores-units", count = units.len(), points = points)));
    // Narrow, the deductions are in their column only.
    if deducted != 0 && wide {
        spans.push(Span::styled(t!("scores-deducted", points = deducted), d.theme.status(Status::Overdue)));
    }
    if nothing > 0 || incidents > 0 {
        spans.push(Span::raw(" ·"));
    }
    if nothing > 0 {
        let what = if wide { t!("scores-nothing-wide") } else { t!("scores-nothing") };
        spans.push(Span::styled(format!(" ∅{nothing} {what}"), d.theme.status(Status::Empty)));
    }
    if incidents > 0 {
        let what = if wide { t!("scores-incidents-wide") } else { t!("scores-incidents") };
        spans.push(Span::styled(format!(" ✗{incidents} {what}"), d.theme.status(Status::Overdue)));
    }
    d.title(areas.title, spans);

    // One column per figure, a blank between two (`ui::table`): the numbers right-aligned, the
    // unit and (wide) the note sharing the room with the bar, which takes what is left.
    let note = |r: &ScoreRow| {
        let mut note = Vec::new();
        if r.supplied_nothing {
            note.push(t!("scores-note-nothing"));
        }
        if r.incidents > 0 {
            note.push(t!("scores-note-incidents", count = r.incidents));
        }
        note.join(", ")
    };
    let cells = |r: &ScoreRow| -> Vec<String> {
        let flags = format!("{}{}", if r.supplied_nothing { "∅" } else { " " }, if r.incidents > 0 { "✗" } else { " " });
        let mut cells: Vec<String> =
            [r.rank.to_string(), flags, text::display(&r.unit, ambiguous)].into_iter().chain(r.figures()).collect();
        if wide {
            cells.push(note(r));
        }
        cells.push(String::new());
        cells
    };
    let mut heads = vec![
        t!("scores-head-rank"),
        String::new(),
        t!("head-unit"),
        t!("scores-head-text"),
        t!("scores-head-image-text"),
        t!("scores-head-video"),
        t!("scores-head-points"),
        t!("scores-head-deduct"),
        t!("scores-head-net"),
        t!("scores-head-change"),
    ];
    if wide {
        heads.push(String::new());
    }
    heads.push(t!("scores-head-bar"));
    let rows: Vec<Vec<String>> = units.iter().map(cells).collect();
    let last = heads.len() - 1;
    let kind = |i: usize| match i {
        i if i == last => Kind::Text,
        1 | 10 => Kind::Fixed,
        2 => Kind::Text,
        _ => Kind::Number,
    };
    let table = Table::of(&heads, &rows, kind, w, ambiguous);
    let bar_w = table.width(last);
    d.header(areas.header, &table.row(&heads));
    // Wide, the keys that act on a unit where the bars' heading leaves room.
    let hints = hints(
        d,
        bar_w.saturating_sub(14),
        Layer::Scores,
        &[
            (Action::Open, t!("scores-hint-explains")),
            (Action::RecordIncident, t!("scores-hint-incident")),
            (Action::WriteBulletin, t!("scores-hint-bulletin")),
        ],
    );
    if wide && !hints.is_empty() {
        d.buf.set_string(
            areas.header.right() - text::width(&hints) as u16 - 1,
            areas.header.y,
            &hints,
            d.theme.dim(),
        );
    }
    let widest = units.iter().map(|r| r.net.abs()).max().unwrap_or(0);
    let theme = d.theme;
    d.list(
        areas.rows,
        &v.units,
        &t!("scores-no-unit"),
        |r: &ScoreRow| {
            let flagged = if r.incidents > 0 {
                theme.status(Status::Overdue)
            } else if r.supplied_nothing {
                theme.status(Status::Empty)
            } else {
                Style::default()
            };
            let change = r.change();
            let change_style = match change {
                c if c > 0 => theme.status(Status::Ok),
                c if c < 0 => theme.status(Status::Overdue),
                _ => theme.dim(),
            };
            let net_style = if r.net < 0 {
                theme.status(Status::Overdue)
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            };
            let bar_style = if r.net < 0 {
                theme.status(Status::Overdue)
            } else {
                theme.chart()
            };
            let mut cells = cells(r);
            cells[last] = bar(r.net, widest, bar_w, ambiguous);
            let style = |i: usize| match i {
                1 if r.incidents > 0 => theme.status(Status::Overdue),
                1 => theme.status(Status::Empty),
                2 | 10 if i != last => flagged,
                7 if r.deductions < 0 => theme.status(Status::Overdue),
                8 => net_style,
                9 => change_style,
                i if i == last => bar_style,
                _ => Style::default(),
            };
            TextLine::from(cells.iter().enumerate().map(|(i, c)| Span::styled(table.cell(i, c), style(i))).collect::<Vec<_>>())
        },
    );
}

/// A unit's score explained: its items, its incidents, its Art. 17 signals, its overdue columns.
fn explanation(view: &ScoresView, d: &mut Draw, areas: &Areas, u: &UnitView) {
    let ambiguous = d.ambiguous();
    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let row = u.explanation.as_ref().and_then(|e| e.row.as_ref());
    let mut spans = vec![Span::raw(if wide {
        format!("{} · {} {}", u.unit, u.period, period_words(u.period))
    } else {
        format!("{} · {}", u.unit, u.period)
    })];
    let standing = u.period.standing(beijing_date(d.now()));
    spans.push(Span::styled(as_of(standing), d.theme.status(Status::DueSoon)));
    // While it runs, the change is against as many days of the period before.
    let previous = match standing {
        Standing::Running { .. } => t!("periods-same-days", period = u.period.previous().to_string()),
        _ => u.period.previous().to_string(),
    };
    if let Some(r) = row {
        let of = if view.period == u.period && view.units.done {
            t!("scores-of", count = view.units.rows.len())
        } else {
            String::new()
        };
        spans.push(Span::raw(t!("scores-rank", rank = r.rank, of = of)));
        spans.push(Span::styled(
            r.net.to_string(),
            if r.net < 0 { d.theme.status(Status::Overdue) } else { Style::default() },
        ));
        let change = r.change();
        let style = match change {
            c if c > 0 => d.theme.status(Status::Ok),
            c if c < 0 => d.theme.status(Status::Overdue),
            _ => d.theme.dim(),
        };
        spans.push(Span::styled(
            t!("scores-change", change = signed(change), period = previous.clone()),
            style,
        ));
    }
    d.title(areas.title, spans);
    if let Some(r) = row {
        let sum = t!(
            "scores-sum",
            points = r.points,
            text = r.text,
            image_text = r.image_text,
            video = r.video,
            deductions = r.deductions,
            net = r.net
        );
        // The period before's net where the line has room; the title says the change anyway.
        let before = t!("scores-sum-previous", previous = previous, previous_net = r.previous_net);
        let sum = if text::width(&sum) + text::width(&before) <= w { format!("{sum}{before}") } else { sum };
        let sum = d.text(&sum);
        d.buf.set_string(0, areas.header.y, &sum, d.theme.dim().add_modifier(Modifier::UNDERLINED));
        let room = w.saturating_sub(text::width(&sum) + 3);
        let hints = hints(
            d,
            room,
            Layer::Unit,
            &[
                (Action::Open, t!("scores-hint-opens")),
                (Action::RecordIncident, t!("scores-hint-incident")),
                (Action::ReverseIncident, t!("scores-hint-corrects")),
                (Action::Back, t!("hint-back")),
            ],
        );
        if !hints.is_empty() {
            d.buf.set_string(
                areas.header.right() - text::width(&hints) as u16 - 1,
                areas.header.y,
                &hints,
                d.theme.dim(),
            );
        }
    }
    let Some(e) = &u.explanation else {
        let msg =
            u.error.as_deref().map_or(t!("loading"), |e| t!("scores-explain-failed", error = e.to_string()));
        d.put(areas.rows, TextLine::from(d.text(&msg)));
        return;
    };
    let theme = d.theme;
    let dim = theme.dim();
    let date_w = 12;
    let form_w = 11;
    let indent = 2 + date_w + form_w + 4;
    for (n, part) in u.parts.iter().enumerate().skip(u.cursor.offset).take(usize::from(areas.rows.height)) {
        let y = areas.rows.y + (n - u.cursor.offset) as u16;
        let area = Rect { y, height: 1, ..areas.rows };
        let line: TextLine = match *part {
            Part::Blank => TextLine::raw(""),
            Part::Heading(s) => {
                let words = match s {
                    Section::Items => {
                        let points: i64 = e.items.iter().map(|i| i.counted.points()).sum();
                        let why = if wide { t!("scores-items-why-wide") } else { t!("scores-items-why") };
                        t!("scores-items", count = e.items.len(), points = points, why = why)
                    }
                    Section::Incidents => {
                        let standing: i64 = e.incidents.iter().map(|i| i.points).sum();
                        t!("scores-incidents-heading", count = e.incidents.len(), points = standing)
                    }
                    Section::Signals => t!("scores-signals-heading", count = e.signals.len()),
                    Section::Overdue => t!("scores-overdue-heading", count = e.overdue.len()),
                };
                TextLine::styled(words, theme.heading())
            }
            Part::Nothing(s) => TextLine::styled(
                match s {
                    Section::Items => t!("scores-no-items"),
                    Section::Incidents => t!("scores-no-incidents"),
                    Section::Signals | Section::Overdue => t!("scores-none"),
                },
                dim,
            ),
            Part::Item(i) => {
                let item = &e.items[i];
                let badge = if item.withdrawn { format!("{} ", t!("scores-withdrawn-counts")) } else { String::new() };
                let title_w = w.saturating_sub(indent + text::width(&badge));
                TextLine::from(vec![
                    Span::raw(format!("  {}", pad(&beijing_date(item.published_at).to_string(), date_w, ambiguous))),
                    Span::raw(pad(&words::form(item.counted), form_w, ambiguous)),
                    Span::styled(
                        format!("{:>2}  ", signed(item.counted.points())),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::styled(badge, theme.status(Status::DueSoon)),
                    Span::raw(fit(&text::display(&item.title, d.ambiguous()), title_w, ambiguous)),
                ])
            }
            Part::Column(i, j) => {
                let item = &e.items[i];
                let (path, form) = &item.placements[j];
                let counted = item.placements.iter().position(|(_, f)| *f == item.counted) == Some(j);
                let last = j + 1 == item.placements.len();
                let (mark, style) = match (item.placements.len(), counted) {
                    (1, _) => (String::new(), dim),
                    (_, true) => (format!("  ✓ {}", t!("scores-counted")), theme.status(Status::Ok)),
                    (_, false) => (format!("  {}", t!("scores-counted-once")), dim),
                };
                let what = format!("  {} {}{mark}", words::form(*form), form.points());
                let path_w = w.saturating_sub(indent + 2 + text::width(&what));
                TextLine::from(vec![
                    Span::styled(format!("{}{} ", " ".repeat(indent), if last { "└" } else { "├" }), dim),
                    Span::styled(text::fit_tail(&text::display(path, d.ambiguous()), path_w, ambiguous), dim),
                    Span::styled(what, style),
                ])
            }
            Part::Incident(i) => {
                let inc = &e.incidents[i];
                let what = match inc.reverses {
                    Some(original) => t!("scores-corrects", id = original, note = inc.note.clone()),
                    None => {
                        let item = match (&inc.item, &inc.item_title) {
                            (Some(id), Some(title)) => t!("scores-incident-item", id = *id, title = title.clone()),
                            (Some(id), None) => t!("scores-incident-item", id = *id, title = ""),
                            _ => String::new(),
                        };
                        t!("scores-incident", kind = inc.kind.label(), item = item, note = inc.note.clone())
                    }
                };
                let (tail, style) = match inc.reversed_by {
                    Some(by) => (t!("scores-corrected-by", id = by), dim.add_modifier(Modifier::CROSSED_OUT)),
                    None if inc.points < 0 => (String::new(), Style::default()),
                    None => (String::new(), theme.status(Status::Ok)),
                };
                let what_w = w.saturating_sub(2 + date_w + 7 + 6 + text::width(&tail));
                TextLine::from(vec![
                    Span::raw(format!("  {}", pad(&inc.occurred_on.to_string(), date_w, ambiguous))),
                    Span::raw(pad(&format!("#{}", inc.id), 7, ambiguous)),
                    Span::styled(
                        format!("{:>4}  ", signed(inc.points)),
                        if inc.points < 0 { theme.status(Status::Overdue) } else { theme.status(Status::Ok) },
                    ),
                    Span::styled(fit(&text::display(&what, d.ambiguous()), what_w, ambiguous), style),
                    Span::styled(tail, dim),
                ])
            }
            Part::Signal(i) => {
                let s = &e.signals[i];
                TextLine::from(vec![
                    Span::styled(
                        t!("scores-signal", clause = s.clause_name()),
                        theme.status(Status::DueSoon).add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(fit(&text::display(&s.text, d.ambiguous()), w.saturating_sub(20), ambiguous)),
                ])
            }
            Part::Overdue(i) => {
                let r = &e.overdue[i];
                let s = r.staleness.status;
                let state = match (s, r.last_update) {
                    (Status::Empty, _) => t!("scores-never-updated"),
                    (_, None) => t!("scores-document-overdue", days = r.staleness.days_overdue),
                    (_, Some(at)) => {
                        t!("scores-last-overdue", date = beijing_date(at).to_string(), days = r.staleness.days_overdue)
                    }
                };
                // In words of the language (`10 months`, `10个月`); a column without one says so.
                let deadline = r.column.rule.short_words().unwrap_or_else(|| r.column.rule.words());
                let tail = format!("  {deadline} · {state}");
                let path_w = w.saturating_sub(4 + text::width(&tail));
                TextLine::from(vec![
                    Span::styled(format!("  {} ", symbol(s)), theme.status(s)),
                    Span::raw(fit(&text::display(&r.column.path, d.ambiguous()), path_w, ambiguous)),
                    Span::styled(text::display(&tail, d.ambiguous()), theme.status(s)),
                ])
            }
        };
        let line = d.shown(line);
        if n == u.cursor.selected && part_selectable(*part) {
            d.buf.set_style(area, theme.selected());
            d.put(area, line.patch_style(theme.selected()));
        } else {
            d.put(area, line);
        }
    }
}

fn part_selectable(p: Part) -> bool {
    matches!(p, Part::Item(_) | Part::Incident(_) | Part::Signal(_) | Part::Overdue(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_widest_and_a_negative_one_is_drawn_apart() {
        assert_eq!(bar(10, 10, 8, Ambiguous::Narrow), "████████");
        assert_eq!(bar(5, 10, 8, Ambiguous::Narrow), "████");
        // Eighths of a cell; a small positive score still shows.
        assert_eq!(bar(3, 16, 8, Ambiguous::Narrow), "█▌");
        assert_eq!(bar(1, 1000, 8, Ambiguous::Narrow), "▏");
        assert_eq!(bar(0, 10, 8, Ambiguous::Narrow), "");
        assert_eq!(bar(-5, 10, 8, Ambiguous::Narrow), "░░░░");
        assert_eq!(bar(-1, 1000, 8, Ambiguous::Narrow), "░");
        // Where solid blocks are two cells wide, half as many, each with its pad.
        let wide = bar(10, 10, 8, Ambiguous::Wide);
        assert_eq!(text::width(&wide), 8, "{wide:?}");
        assert!(!text::is_ambiguous(NEGATIVE.chars().next().unwrap()));
        for n in [-10, -3, 1, 7, 10] {
            for amb in [Ambiguous::Narrow, Ambiguous::Wide] {
                assert!(text::width(&bar(n, 10, 15, amb)) <= 15, "{n} {amb:?}");
            }
        }
    }
}
