//! The Findings tab drawn: the findings on the online items, or the item opened from one with
//! its findings highlighted in its text.

use ratatui::layout::Rect;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{FindingRow, FindingsView, waived};
use crate::store::FindingOrder;
use crate::domain::staleness::Status;
use crate::domain::time::for_people;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::table::{Kind, Table};
use crate::ui::text;
use crate::t;
use crate::ui::words;
use crate::ui::views::item::PageOrder;
use crate::ui::widgets::{Draw, Found};

/// How many of the loaded findings the columns' widths are measured on.
const MEASURED: usize = 1000;

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
            .map(|r| (r.finding.clone(), waived(r)))
            .collect();
        return d.item_page_marked(areas.title, body, item, &found, None, PageOrder::Body);
    }
    let list = &view.list;
    let mut spans = vec![Span::raw(t!("findings-heading", position = d.position(list)))];
    if list.source.order == FindingOrder::Newest && !(list.done && list.front && list.rows.is_empty()) {
        spans.push(Span::raw(t!("findings-newest-first")));
    }
    // The filter next: it must stay in sight at 80 columns.
    spans.extend(d.filter_note(&list.filter));
    // First: what is found next, if anything, is another list's.
    if view.stale {
        spans.push(Span::styled(t!("findings-stale"), d.theme.status(Status::DueSoon)));
    }
    if let Some(blocking) = view.blocking.filter(|n| *n > 0) {
        spans.push(Span::styled(t!("findings-blocking", count = blocking), d.theme.status(Status::Overdue)));
    }
    if let Some(kind) = list.source.kind {
        spans.push(Span::styled(t!("findings-only-kind", kind = words::finding(kind)), d.theme.dim()));
    }
    match list.source.order {
        FindingOrder::Newest => {}
        FindingOrder::Kind => spans.push(Span::styled(t!("findings-by-kind"), d.theme.dim())),
        FindingOrder::Unit => spans.push(Span::styled(t!("findings-by-unit"), d.theme.dim())),
    }
    d.title(areas.title, spans);

    // One column per thing, a blank between two (`ui::table`), after the gutter where a blocking
    // (✗) or waived (✓) finding is marked: wide, when the item went online, the item, by unit its
    // unit, wide, its title; what was found, its text and what the check says of it sharing the
    // rest.
    let wide = areas.rows.width >= 120;
    let by_unit = list.source.order == FindingOrder::Unit;
    let now = d.now();
    let cells = |r: &FindingRow| -> Vec<String> {
        let f = &r.finding;
        let said = match waived(r) {
            Some(w) => t!("finding-waived", reason = w),
            None => f.said(),
        };
        let mut cells = Vec::with_capacity(6);
        if wide {
            cells.push(for_people(r.published_at, now));
        }
        cells.push(r.item.to_string());
        if by_unit {
            cells.push(text::display(r.unit.as_deref().unwrap_or("-"), ambiguous));
        }
        if wide {
            cells.push(text::display(&r.title, ambiguous));
        }
        cells.extend([words::finding(f.kind), text::display(&f.text, ambiguous), text::display(&said, ambiguous)]);
        cells
    };
    let mut heads = Vec::with_capacity(6);
    if wide {
        heads.push(t!("findings-head-published"));
    }
    heads.push(t!("head-item"));
    if by_unit {
        heads.push(t!("head-unit"));
    }
    if wide {
        heads.push(t!("head-title"));
    }
    heads.extend([t!("findings-head-kind"), t!("findings-head-text"), t!("findings-head-message")]);
    // The columns before the kind: the time and the title only when wide, the unit by unit.
    let kind_at = heads.len() - 3;
    let item_at = usize::from(wide);
    // Measured on the first rows loaded: a list read far holds many pages, and a frame must not
    // format them all.
    let rows: Vec<Vec<String>> = list.rows.iter().take(MEASURED).map(cells).collect();
    let kind = |i: usize| match i {
        _ if i == item_at => Kind::Number,
        _ if i == kind_at || (wide && i == 0) => Kind::Fixed,
        _ => Kind::Text,
    };
    let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width).saturating_sub(2), ambiguous);
    d.header(areas.header, &format!("  {}", table.row(&heads)));
    let theme = d.theme;
    let nothing = t!("findings-nothing");
    if list.shown.is_empty() && list.waiting.is_some() && list.error.is_none() {
        d.put(areas.rows, TextLine::from(t!("loading")));
        return;
    }
    // Nothing found with no filter: of one kind, said so; of any kind, what would fill the list.
    let unfiltered = list.filter.trim().is_empty();
    if list.done && list.front && list.rows.is_empty() && list.error.is_none() && unfiltered {
        if let Some(kind) = list.source.kind {
            d.put(areas.rows, TextLine::from(t!("findings-nothing-of-kind", kind = words::finding(kind))));
            return;
        }
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
        let mut line = vec![match (&r.waiver, f.blocking) {
            (Some(_), _) => Span::styled("✓ ", theme.status(Status::Ok)),
            (None, true) => Span::styled("✗ ", theme.status(Status::Overdue)),
            (None, false) => Span::raw("  "),
        }];
        let kind_style = if f.blocking { theme.status(Status::Overdue) } else { theme.status(Status::DueSoon) };
        for (i, cell) in cells(r).iter().enumerate() {
            let style = if i == kind_at { kind_style } else { ratatui::style::Style::default() };
            line.push(Span::styled(table.cell(i, cell), style));
        }
        TextLine::from(line)
    });
}
