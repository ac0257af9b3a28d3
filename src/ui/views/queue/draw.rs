//! The Queue tab drawn: the items awaiting a decision, or the review screen (an item from the
//! queue, its findings' text highlighted, above the seven checks of Art. 9 and, beside them, the
//! content checks' findings on it).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{QueueView, Reviewing, waiting};
use crate::domain::staleness::Status;
use crate::ui::layout::{Areas, REVIEW_PANEL as PANEL, review_page};
use crate::ui::text::{self, fit, pad};
use crate::ui::widgets::Draw;
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
    let late = q.rows.iter().filter(|e| waiting(e, now).1).count();
    let order = if view.by_wait { t!("queue-by-wait") } else { t!("queue-by-step") };
    let mut spans = vec![Span::raw(t!("queue-title", count = q.rows.len(), order = order))];
    if late > 0 {
        spans.push(Span::styled(t!("queue-late", count = late), d.theme.status(Status::DueSoon)));
    }
    spans.extend(d.filter_note(&q.filter));
    d.title(areas.title, spans);
    let w = usize::from(areas.rows.width);
    let unit_w = if w >= 120 { 16 } else { 10 };
    // Wide terminals also show the target columns.
    let columns_w = if w >= 120 { (w - 80) / 2 } else { 0 };
    let title_w = w.saturating_sub(8 + 20 + unit_w + 1 + 11 + 12 + columns_w);
    let header = format!(
        "{}{}{}{}{}{}{}",
        pad(&t!("queue-head-waited"), 8, ambiguous),
        pad(&t!("queue-head-step"), 20, ambiguous),
        pad(&t!("head-unit"), unit_w + 1, ambiguous),
        pad(&t!("queue-head-form"), 11, ambiguous),
        pad(&t!("head-title"), title_w, ambiguous),
        pad(&t!("queue-head-columns"), columns_w, ambiguous),
        t!("queue-head-lacks")
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
    let theme = d.theme;
    let nothing = t!("queue-nothing");
    let repost = t!("queue-repost-unit");
    let wechat_word = t!("queue-wechat");
    d.list(areas.rows, q, &nothing, |e| {
        let (since, too_long) = waiting(e, now);
        let lacks = e.missing.iter().map(|k| words::lacks_short(*k)).collect::<Vec<_>>().join(",");
        let wechat =
            if e.channel == crate::domain::Channel::Wechat { format!("{wechat_word} ") } else { String::new() };
        let mark = if view.marked.contains(&e.id) { "*" } else { " " };
        TextLine::from(vec![
            Span::styled(mark, theme.status(Status::Ok)),
            Span::styled(pad(&since, 7, ambiguous), if too_long { theme.status(Status::Overdue) } else { Style::default() }),
            Span::raw(pad(&step_label(e), 20, ambiguous)),
            Span::raw(format!(
                "{} ",
                pad(&text::display(e.unit.as_deref().unwrap_or(&repost), ambiguous), unit_w, ambiguous)
            )),
            Span::raw(pad(&words::form(e.form), 11, ambiguous)),
            Span::raw(pad(&text::display(&format!("{wechat}{}", e.title), ambiguous), title_w, ambiguous)),
            Span::raw(pad(
                &text::display(
                    &e.columns.iter().map(|c| c.rsplit(" / ").next().unwrap_or(c)).collect::<Vec<_>>().join("、"),
                    ambiguous,
                ),
                columns_w, ambiguous,
            )),
            Span::styled(lacks, theme.status(Status::Empty)),
        ])
    });
}

/// An item from the queue beside the seven checks and its findings.
fn review(d: &mut Draw, areas: &Areas, r: &Reviewing) {
    let body = review_page(areas);
    let found = r.findings.list.as_deref().unwrap_or(&[]);
    let selected = r.findings.list.as_ref().map(|_| r.findings.selected);
    d.item_page_marked(areas.title, body, &r.view, found, selected, true);
    let panel = Rect { x: 0, y: body.bottom(), width: areas.rows.width, height: PANEL };
    Widget::render(Clear, panel, d.buf);
    // The checks on the left, the findings on the right.
    let left_w = if panel.width >= 120 { 66 } else { 44 };
    let checks = Rect { width: left_w, height: PANEL, ..panel };
    let findings =
        Rect { x: left_w + 1, width: panel.width.saturating_sub(left_w + 1), height: PANEL, ..panel };
    checks_panel(d, checks, r);
    findings_panel(d, findings, r);
}

/// The seven checks, affirmed or not, and what a unit item lacks.
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
    let lacks: Vec<String> = r.entry.missing.iter().map(|k| k.describe()).collect();
    if !lacks.is_empty() {
        let said = d.text(&t!("review-lacks", lacks = lacks.join(&t!("list-separator"))));
        lines.push(TextLine::styled(fit(&said, w, ambiguous), d.theme.status(Status::Overdue)));
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
            None if finding.suggestion.is_empty() => finding.message.clone(),
            None => format!("{} → {}", finding.message, finding.suggestion),
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
