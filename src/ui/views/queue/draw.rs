//! The Queue tab drawn: the items awaiting a decision, or the review screen (an item from the
//! queue, its findings' text highlighted, above the seven checks of Art. 9 and, beside them, the
//! content checks' findings on it).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{QueueView, Reviewing, waiting};
use crate::domain::staleness::Status;
use crate::store::{QueueOrder, Total};
use crate::ui::layout::{Areas, REVIEW_PANEL as PANEL, review_page};
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, fit, pad};
use crate::ui::views::item::PageOrder;
use crate::ui::widgets::{Draw, grouped};
use crate::t;
use crate::ui::words;

pub(super) fn draw(view: &QueueView, d: &mut Draw, areas: &Areas) {
    match &view.reviewing {
        Some(r) => review(d, areas, r),
        None => list(view, d, areas),
    }
}

/// Where a queue item stands, in a few words: its path and the step it waits at.
fn step_label(e: &crate::store::QueueItem) -> String {
    format!("{} · {}", words::path(e.path), words::stage(e.stage))
}

fn list(view: &QueueView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let q = &view.items;
    let now = d.now();
    let order = match view.order() {
        QueueOrder::Wait => t!("queue-by-wait"),
        QueueOrder::Step => t!("queue-by-step"),
    };
    let mut spans = vec![Span::raw(t!("queue-title", position = d.position(q), order = order))];
    // The marks first: they are kept across pages, and say what `P` publishes.
    if !view.marked.is_empty() {
        spans.push(Span::styled(t!("queue-marked", count = view.marked.len()), d.theme.status(Status::Ok)));
    }
    // Counted in the database with the list (a bound, `≥`, past a list's count).
    if let Some(late) = view.late.filter(|l| l.n() > 0) {
        let count = match late {
            Total::AtLeast(n) => format!("≥{}", grouped(n)),
            _ => grouped(late.n()),
        };
        spans.push(Span::styled(t!("queue-late", count = count), d.theme.status(Status::DueSoon)));
    }
    spans.extend(d.filter_note(&q.filter));
    d.title(areas.title, spans);
    // One column per thing, a blank between two: the id to act on, and the title's fair share.
    let wide = areas.rows.width >= 120;
    let repost = t!("queue-repost-unit");
    let wechat_word = t!("queue-wechat");
    let cells = |e: &crate::store::QueueItem| -> Vec<String> {
        let wechat =
            if e.channel == crate::domain::Channel::Wechat { format!("{wechat_word} ") } else { String::new() };
        let mut cells = vec![
            waiting(e, now).0,
            e.id.to_string(),
            step_label(e),
            text::display(e.unit.as_deref().unwrap_or(&repost), ambiguous),
            text::display(&format!("{wechat}{}", e.title), ambiguous),
            e.missing.iter().map(|k| words::lacks_short(*k)).collect::<Vec<_>>().join(","),
        ];
        if wide {
            // Wide terminals also show the form and the target columns.
            cells.insert(4, words::form(e.form));
            let columns = e.columns.iter().map(|c| c.rsplit(" / ").next().unwrap_or(c)).collect::<Vec<_>>();
            cells.insert(6, text::display(&columns.join("、"), ambiguous));
        }
        cells
    };
    let mut heads = vec![
        t!("head-waited"),
        t!("head-item"),
        t!("queue-head-step"),
        t!("head-unit"),
        t!("head-title"),
        t!("queue-head-lacks"),
    ];
    if wide {
        heads.insert(4, t!("queue-head-form"));
        heads.insert(6, t!("queue-head-columns"));
    }
    let rows: Vec<Vec<String>> = q.rows.iter().map(cells).collect();
    let kind = |i: usize| match (i, wide) {
        (1, _) => Kind::Number,
        (3 | 4, false) | (3 | 5 | 6 | 7, true) => Kind::Text,
        _ => Kind::Fixed,
    };
    // The first cell is the mark of a marked item.
    let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width) - 1, ambiguous);
    d.header(areas.header, &format!(" {}", table.row(&heads)));
    let theme = d.theme;
    let nothing = t!("queue-nothing");
    d.list(areas.rows, q, &nothing, |e| {
        let too_long = waiting(e, now).1;
        let cells = cells(e);
        let mark = if view.marked.contains_key(&e.id) { "*" } else { " " };
        let last = cells.len() - 1;
        let mut line = vec![Span::styled(mark, theme.status(Status::Ok))];
        for (i, cell) in cells.iter().enumerate() {
            let style = match i {
                0 if too_long => theme.status(Status::Overdue),
                i if i == last => theme.status(Status::Empty),
                _ => Style::default(),
            };
            line.push(Span::styled(table.cell(i, cell), style));
        }
        TextLine::from(line)
    });
}

/// An item from the queue beside the seven checks and its findings.
fn review(d: &mut Draw, areas: &Areas, r: &Reviewing) {
    let body = review_page(areas);
    let found = r.findings.list.as_deref().unwrap_or(&[]);
    let selected = r.findings.list.as_ref().map(|_| r.findings.selected);
    // At the publish step, where it goes and its history first: the confirmation's question.
    let order = if r.entry.stage == crate::domain::Stage::Publish { PageOrder::Placement } else { PageOrder::Body };
    d.item_page_marked(areas.title, body, &r.view, found, selected, order);
    let panel = Rect { x: 0, y: body.bottom(), width: areas.rows.width, height: PANEL };
    Widget::render(Clear, panel, d.buf);
    // The checks on the left, the findings on the right; what a unit item lacks below both, the
    // panel's whole width (beside the findings it was cut before it said what was missing).
    let lacks = lacks_line(d, r, usize::from(panel.width));
    let height = if lacks.is_some() { PANEL - 1 } else { PANEL };
    let left_w = if panel.width >= 120 { 66 } else { 44 };
    let checks = Rect { width: left_w, height, ..panel };
    let findings = Rect { x: left_w + 1, width: panel.width.saturating_sub(left_w + 1), height, ..panel };
    checks_panel(d, checks, r);
    findings_panel(d, findings, r);
    if let Some(line) = lacks {
        d.put(Rect { y: panel.y + height, height: 1, ..panel }, line);
    }
}

/// What a unit item lacks (Art. 10) and the key that returns it for that, as wide as the screen.
fn lacks_line(d: &Draw, r: &Reviewing, width: usize) -> Option<TextLine<'static>> {
    if r.entry.missing.is_empty() {
        return None;
    }
    let key = d.key_for(crate::ui::keymap::Layer::Review, crate::ui::keymap::Action::Return);
    let said = |named: Vec<String>| d.text(&t!("review-lacks-return", lacks = named.join(&t!("list-separator")), key = key.clone()));
    // In Art. 10's words; in the queue's short ones when those do not fit (two or three lacking).
    let long = said(r.entry.missing.iter().map(|k| k.describe()).collect());
    let said = if text::width(&long) <= width {
        long
    } else {
        said(r.entry.missing.iter().map(|k| words::lacks_short(*k)).collect())
    };
    Some(TextLine::styled(fit(&said, width, d.ambiguous()), d.theme.status(Status::Overdue)))
}

/// The seven checks, affirmed or not.
fn checks_panel(d: &mut Draw, area: Rect, r: &Reviewing) {
    let ambiguous = d.ambiguous();
    let w = usize::from(area.width);
    let item = t!("review-item", id = r.entry.id, stage = words::stage_name(r.entry.stage), version = r.entry.version);
    let full = t!("review-checks-heading", item = item.clone());
    // Beside the findings on 80 columns: the item and its step, never a cut word.
    let heading = if text::width(&full) <= w { full } else { item };
    let mut lines = vec![TextLine::styled(fit(&heading, w, ambiguous), d.theme.heading())];
    for n in 0..crate::domain::review::CHECK_COUNT {
        let check = words::check(n + 1);
        // At the publish step the seven were affirmed when it was approved.
        let on = r.checks.contains(n as u32 + 1) || r.entry.stage == crate::domain::Stage::Publish;
        let mark = if on { "[x]" } else { "[ ]" };
        let style = if on { d.theme.status(Status::Ok) } else { Style::default() };
        let label = format!(" {mark} {} ", n + 1);
        let room = w.saturating_sub(text::width(&label));
        lines.push(TextLine::from(vec![Span::styled(label, style), Span::raw(fit(&d.text(&check), room, ambiguous))]));
    }
    Paragraph::new(lines).render(area, d.buf);
}

/// The content checks' findings on the item: each one's kind, text and place, its message and
/// suggestion (or the waiver that covers it); blocking ones marked, the selected one shown
/// reversed; as many as fit, the selected one always.
fn findings_panel(d: &mut Draw, area: Rect, r: &Reviewing) {
    let ambiguous = d.ambiguous();
    let w = usize::from(area.width);
    let f = &r.findings;
    let Some(list) = &f.list else {
        let said = match (&f.error, f.waiting) {
            (Some(e), _) => t!("review-checks-failed", error = e.clone()),
            _ => t!("review-checking"),
        };
        let style = if f.error.is_some() { d.theme.status(Status::Overdue) } else { d.theme.dim() };
        let said = d.text(&said);
        d.put(Rect { height: 1, ..area }, TextLine::styled(fit(&said, w, ambiguous), style));
        return;
    };
    if list.is_empty() {
        let lines = vec![
            TextLine::styled(t!("review-nothing-found"), d.theme.status(Status::Ok)),
            TextLine::styled(fit(&t!("review-checked-1"), w, ambiguous), d.theme.dim()),
            TextLine::styled(fit(&t!("review-checked-2"), w, ambiguous), d.theme.dim()),
        ];
        Paragraph::new(lines).render(area, d.buf);
        return;
    }
    let open = f.open_blocking().len();
    let mut heading = vec![Span::styled(t!("review-findings", count = list.len()), d.theme.heading())];
    if open > 0 {
        heading.push(Span::styled(t!("findings-blocking", count = open), d.theme.status(Status::Overdue)));
    }
    let waived = list.iter().filter(|(_, w)| w.is_some()).count();
    if waived > 0 {
        heading.push(Span::styled(t!("review-waived-count", count = waived), d.theme.status(Status::Ok)));
    }
    let mut lines = vec![TextLine::from(heading)];
    // Two lines a finding; the window keeps the selected one in sight.
    let room = usize::from(area.height.saturating_sub(1)) / 2;
    let first = f.selected.saturating_sub(room.saturating_sub(1));
    for (n, (finding, waived)) in list.iter().enumerate().skip(first).take(room.max(1)) {
        let (mark, mark_style) = match (finding.blocking, waived.is_some()) {
            (_, true) => ("✓ ", d.theme.status(Status::Ok)),
            (true, false) => ("✗ ", d.theme.status(Status::Overdue)),
            (false, false) => ("! ", d.theme.status(Status::DueSoon)),
        };
        let place = words::place(finding);
        let head = format!("{} “{}” {place}", words::finding(finding.kind), d.text(&finding.text));
        let said = match waived {
            Some(w) => t!("finding-waived", reason = w.to_string()),
            None => finding.said(),
        };
        let selected = n == f.selected;
        let style = if selected { d.theme.selected() } else { Style::default() };
        lines.push(TextLine::from(vec![
            Span::styled(mark, mark_style.patch(style)),
            Span::styled(
                pad(&fit(&head, w.saturating_sub(2), ambiguous), w.saturating_sub(2), ambiguous),
                style.add_modifier(Modifier::BOLD),
            ),
        ]));
        let said = d.text(&said);
        lines.push(TextLine::from(vec![
            Span::raw("  "),
            Span::styled(fit(&said, w.saturating_sub(2), ambiguous), d.theme.dim()),
        ]));
    }
    Paragraph::new(lines).render(area, d.buf);
}
