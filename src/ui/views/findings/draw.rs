//! The Findings tab drawn: the findings on the online items, or the item opened from one with
//! its findings highlighted in its text.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{FindingsView, Order};
use crate::domain::staleness::Status;
use crate::domain::time::for_people;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};
use crate::ui::table;
use crate::t;
use crate::ui::words;
use crate::ui::views::item::PageOrder;
use crate::ui::widgets::{Draw, Found};

pub(super) fn draw(view: &FindingsView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    if let Some(item) = &view.item {
        let body = Rect { y: areas.header.y, height: areas.rows.height + 1, ..areas.rows };
        // The item's findings, as the list has them, highlighted in its text.
        let found: Vec<Found> = view
            .list
            .rows
            .iter()
            .filter(|r| r.item == item.id)
            .map(|r| (r.finding.clone(), r.waived.clone()))
            .collect();
        return d.item_page_marked(areas.title, body, item, &found, None, PageOrder::Body);
    }
    let list = &view.list;
    let mut spans = vec![Span::raw(t!("findings-title"))];
    // First: what is found next, if anything, is another list's.
    if view.stale {
        spans.push(Span::styled(t!("findings-stale"), d.theme.status(Status::DueSoon)));
    }
    if list.done {
        let (items, blocking) = view.counts();
        let count = list.rows.len();
        spans.push(Span::raw(if view.order == Order::Newest {
            t!("findings-counts", count = count, items = items)
        } else {
            t!("findings-counts-sorted", count = count, items = items)
        }));
        if blocking > 0 {
            spans.push(Span::styled(t!("findings-blocking", count = blocking), d.theme.status(Status::Overdue)));
        }
    } else if list.waiting.is_some() {
        spans.push(Span::raw(t!("findings-reading-short")));
    }
    if let Some(kind) = view.kind {
        spans.push(Span::styled(t!("findings-only-kind", kind = words::finding(kind)), d.theme.dim()));
    }
    match view.order {
        Order::Newest => {}
        Order::Kind => spans.push(Span::styled(t!("findings-by-kind"), d.theme.dim())),
        Order::Unit => spans.push(Span::styled(t!("findings-by-unit"), d.theme.dim())),
    }
    spans.extend(d.filter_note(&list.filter));
    d.title(areas.title, spans);

    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let (item_w, kind_w, text_w, title_w) = if wide { (9, 16, 20, 30) } else { (8, 15, 14, 0) };
    // Wide, when the item went online, as the command line's tables say it: a blank after the widest.
    let when_w = match wide {
        true => d.when_width(&t!("findings-head-published"), list.rows.iter().filter_map(|r| r.published_at)) + 1,
        false => 0,
    };
    let message_w = w.saturating_sub(2 + when_w + item_w + kind_w + text_w + title_w);
    let header = format!(
        "  {}{}{}{}{}{}",
        pad(&if wide { t!("findings-head-published") } else { String::new() }, when_w, ambiguous),
        table::number(&t!("head-item"), item_w, ambiguous),
        pad(&if wide { t!("head-title") } else { String::new() }, title_w, ambiguous),
        pad(&t!("findings-head-kind"), kind_w, ambiguous),
        pad(&t!("findings-head-text"), text_w, ambiguous),
        pad(&t!("findings-head-message"), message_w, ambiguous)
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
    let theme = d.theme;
    let nothing = t!("findings-nothing");
    let now = d.now();
    if list.shown.is_empty() && list.waiting.is_some() && list.error.is_none() {
        d.put(areas.rows, TextLine::from(t!("loading")));
        return;
    }
    if list.done && list.rows.is_empty() && list.error.is_none() {
        // What would fill it, and how to make the checks find more.
        let lines = vec![
            TextLine::from(nothing.clone()),
            TextLine::raw(""),
            TextLine::raw(d.text(&t!("findings-where-from"))),
            TextLine::raw(""),
            TextLine::raw(t!("findings-add")),
            TextLine::raw(d.text(&t!("findings-add-name"))),
            TextLine::raw(d.text(&t!("findings-add-word"))),
            TextLine::raw(t!("findings-again", key = d.key_for(Layer::Global, Action::Refresh))),
        ];
        Paragraph::new(text::wrap_lines(lines, areas.rows.width)).render(areas.rows, d.buf);
        return;
    }
    d.list(areas.rows, list, &nothing, |r| {
        let f = &r.finding;
        let shown = |s: &str, w: usize| pad(&fit(&text::display(s, ambiguous), w.saturating_sub(1), ambiguous), w, ambiguous);
        let mut line = vec![match (&r.waived, f.blocking) {
            (Some(_), _) => Span::styled("✓ ", theme.status(Status::Ok)),
            (None, true) => Span::styled("✗ ", theme.status(Status::Overdue)),
            (None, false) => Span::raw("  "),
        }];
        if wide {
            let when = r.published_at.map_or_else(|| "-".to_string(), |t| for_people(t, now));
            line.push(Span::raw(pad(&when, when_w, ambiguous)));
        }
        line.push(Span::raw(table::number(&r.item.to_string(), item_w, ambiguous)));
        if wide {
            line.push(Span::raw(shown(&r.title, title_w)));
        }
        let kind_style = if f.blocking { theme.status(Status::Overdue) } else { theme.status(Status::DueSoon) };
        line.push(Span::styled(pad(&words::finding(f.kind), kind_w, ambiguous), kind_style));
        line.push(Span::raw(shown(&f.text, text_w)));
        let said = match &r.waived {
            Some(w) => t!("finding-waived", reason = w.clone()),
            None => f.said(),
        };
        line.push(Span::raw(fit(&text::display(&said, ambiguous), message_w, ambiguous)));
        TextLine::from(line)
    });
}
