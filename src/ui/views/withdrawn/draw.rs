//! The Withdrawn tab drawn: the withdrawals listed, the time requests waited for them.

use std::collections::HashMap;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};

use super::{WithdrawnView, request_times};
use crate::store::WithdrawalRow;
use crate::domain::RetractionReason;
use crate::domain::staleness::Status;
use crate::domain::time::for_people;
use crate::ui::app::waited;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::views::Tab;
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, fit};
use crate::ui::widgets::Draw;
use crate::ui::words;
use crate::t;

/// The gutter where a marked row shows `*`.
const MARK_W: usize = 2;

pub(super) fn draw(view: &WithdrawnView, d: &mut Draw, areas: &Areas) {
    let list = &view.list;
    let ambiguous = d.ambiguous();
    let now = d.now();
    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let position = d.position(list);
    let title =
        if wide { t!("withdrawn-title-wide", position = position) } else { t!("withdrawn-title", position = position) };
    let mut spans = vec![Span::raw(title)];
    // The filter first: it must stay in sight at 80 columns.
    spans.extend(d.filter_note(&list.filter));
    // Of the withdrawals listed (the filter's, when filtered).
    let from = if wide { t!("withdrawn-from-request-wide") } else { t!("withdrawn-from-request") };
    match request_times(list.shown.iter().map(|&i| &list.rows[i])) {
        Some((median, longest)) => spans.push(Span::raw(t!(
            "withdrawn-request-times",
            from = from,
            median = waited(median),
            longest = waited(longest)
        ))),
        None if !list.shown.is_empty() => spans.push(Span::styled(t!("withdrawn-no-request"), d.theme.dim())),
        None => {}
    }
    // The marks first after the title: they must stay in sight at 80 columns.
    if !view.marks.items.is_empty() {
        let marked = t!("withdrawn-marked", count = view.marks.items.len());
        spans.insert(1, Span::styled(marked, d.theme.status(Status::DueSoon).add_modifier(Modifier::BOLD)));
    }
    d.title(areas.title, spans);
    // A bulk withdrawal's records name it (restore --batch takes it); one withdrawn alone, none.
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for r in &list.rows {
        *sizes.entry(r.batch).or_default() += 1;
    }

    // One column per thing, a blank between two (`ui::table`): when, the item, the batch (only
    // while a bulk withdrawal is listed), why, by whom, how long the request waited, and wide,
    // when and by whom it was restored; the title takes the rest. Narrow, a restored withdrawal
    // says so before its title.
    let batches = sizes.values().any(|n| *n > 1);
    let cols: Vec<Col> = [Col::When, Col::Item]
        .into_iter()
        .chain(batches.then_some(Col::Batch))
        .chain([Col::Reason, Col::By, Col::Took])
        .chain(wide.then_some(Col::Restored))
        .chain([Col::Title])
        .collect();
    let restored_mark = t!("withdrawn-restored-mark");
    let public_mark = t!("withdrawn-still-public");
    let cell = |r: &WithdrawalRow, c: Col| -> String {
        match c {
            Col::When => for_people(r.withdrawn_at, now),
            Col::Item => r.item.to_string(),
            Col::Batch if sizes.get(&r.batch).copied().unwrap_or(0) > 1 => r.batch.to_string(),
            Col::Batch => String::new(),
            Col::Reason => words::reason(r.reason),
            Col::By => text::display(&r.withdrawn_by, ambiguous),
            Col::Took => r.minutes_from_request().map_or_else(|| "-".to_string(), waited),
            Col::Restored => r.restored.as_ref().map_or_else(String::new, |(at, by)| {
                format!("{} {}", for_people(*at, now), text::display(by, ambiguous))
            }),
            Col::Title => text::display(&r.title, ambiguous),
        }
    };
    let head = |c: Col| -> String {
        match c {
            Col::When => t!("withdrawn-head-when"),
            Col::Item => t!("head-item"),
            Col::Batch => t!("withdrawn-head-batch"),
            Col::Reason => t!("head-reason"),
            Col::By => t!("withdrawn-head-by"),
            Col::Took => t!("withdrawn-head-took"),
            Col::Restored => t!("withdrawn-head-restored"),
            Col::Title => t!("head-title"),
        }
    };
    let heads: Vec<String> = cols.iter().map(|c| head(*c)).collect();
    let rows: Vec<Vec<String>> = list.rows.iter().map(|r| cols.iter().map(|c| cell(r, *c)).collect()).collect();
    let kind = |i: usize| match cols[i] {
        Col::Item | Col::Batch => Kind::Number,
        Col::By | Col::Restored | Col::Title => Kind::Text,
        Col::When | Col::Reason | Col::Took => Kind::Fixed,
    };
    let table = Table::of(&heads, &rows, kind, w.saturating_sub(MARK_W), ambiguous);
    d.header(areas.header, &format!("{}{}", " ".repeat(MARK_W), table.row(&heads)));
    let theme = d.theme;
    let nothing = t!(
        "withdrawn-nothing",
        columns = d.key_for(Layer::Global, Action::Show(Tab::Columns)),
        open = d.key_for(Layer::Columns, Action::Open),
        withdraw = d.key_for(Layer::Column, Action::WithdrawItems),
        requests = d.key_for(Layer::Global, Action::Show(Tab::Retractions)),
        restore = d.key_for(Layer::Withdrawn, Action::Restore)
    );
    d.list(areas.rows, list, &nothing, |r| {
        let marked = view.marks.items.contains_key(&r.id);
        let mut line = vec![Span::styled(
            if marked { "* " } else { "  " },
            theme.status(Status::DueSoon).add_modifier(Modifier::BOLD),
        )];
        for (i, c) in cols.iter().enumerate() {
            let style = match c {
                Col::Batch => theme.dim(),
                Col::Reason => match r.reason {
                    RetractionReason::Classified => theme.status(Status::Overdue),
                    RetractionReason::Improper => theme.status(Status::Empty),
                    _ => Style::default(),
                },
                Col::Restored => theme.status(Status::Ok),
                _ => Style::default(),
            };
            if *c != Col::Title {
                line.push(Span::styled(table.cell(i, &cell(r, *c)), style));
                continue;
            }
            // Before the title: narrow, that it was restored; that the link checks found its
            // public page still answering without the withdrawal notice. Wide, why (the note)
            // after it.
            let mut room = table.width(i);
            if !wide && r.restored.is_some() {
                let mark = format!("{restored_mark} ");
                room = room.saturating_sub(text::width(&mark));
                line.push(Span::styled(mark, theme.status(Status::Ok)));
            }
            if r.still_public {
                let mark = format!("{public_mark} ");
                room = room.saturating_sub(text::width(&mark));
                line.push(Span::styled(mark, theme.status(Status::Overdue).add_modifier(Modifier::BOLD)));
            }
            let title = fit(&cell(r, Col::Title), room, ambiguous);
            let left = room.saturating_sub(text::width(&title) + 3);
            line.push(Span::raw(title));
            if wide && !r.note.is_empty() && left > 4 {
                let note = fit(&text::display(&r.note, ambiguous), left, ambiguous);
                line.push(Span::styled(format!(" — {note}"), theme.dim()));
            }
        }
        TextLine::from(line)
    });
}

/// The columns of the list, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    When,
    Item,
    Batch,
    Reason,
    By,
    Took,
    Restored,
    Title,
}
