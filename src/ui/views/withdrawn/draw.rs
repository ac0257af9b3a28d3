//! The Withdrawn tab drawn: the withdrawals listed, the time requests waited for them.

use std::collections::HashMap;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};

use super::{WithdrawnView, request_times};
use crate::domain::RetractionReason;
use crate::domain::staleness::Status;
use crate::domain::time::for_people;
use crate::ui::app::waited;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::views::Tab;
use crate::ui::text::{self, fit, pad};
use crate::ui::table;
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

    // Narrow, a restored withdrawal says so before its title; wide, when and by whom.
    // The batch column only while a bulk withdrawal is listed.
    let batches = sizes.values().any(|n| *n > 1);
    let (item_w, by_w, took_w, restored_w) = if wide { (8, 17, 9, 24) } else { (6, 11, 8, 0) };
    // When, as the command line's tables say it: a blank after the widest.
    let when_w = d.when_width(&t!("withdrawn-head-when"), list.rows.iter().map(|r| r.withdrawn_at)) + 1;
    let batch_w = match (batches, wide) {
        (false, _) => 0,
        (true, true) => 8,
        (true, false) => 6,
    };
    let title_w = w.saturating_sub(MARK_W + when_w + item_w + batch_w + 11 + by_w + took_w + restored_w);
    let header = format!(
        "{}{}{}{}{}{}{}{}{}",
        pad("", MARK_W, ambiguous),
        pad(&t!("withdrawn-head-when"), when_w, ambiguous),
        table::number(&t!("head-item"), item_w, ambiguous),
        pad(&t!("withdrawn-head-batch"), batch_w, ambiguous),
        pad(&t!("head-reason"), 11, ambiguous),
        pad(&t!("withdrawn-head-by"), by_w, ambiguous),
        pad(&t!("withdrawn-head-took"), took_w, ambiguous),
        pad(&t!("withdrawn-head-restored"), restored_w, ambiguous),
        pad(&t!("head-title"), title_w, ambiguous)
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
    let theme = d.theme;
    let nothing = t!(
        "withdrawn-nothing",
        columns = d.key_for(Layer::Global, Action::Show(Tab::Columns)),
        open = d.key_for(Layer::Columns, Action::Open),
        withdraw = d.key_for(Layer::Column, Action::WithdrawItems),
        requests = d.key_for(Layer::Global, Action::Show(Tab::Retractions)),
        restore = d.key_for(Layer::Withdrawn, Action::Restore)
    );
    let restored_mark = t!("withdrawn-restored-mark");
    let public_mark = t!("withdrawn-still-public");
    d.list(areas.rows, list, &nothing, |r| {
        let took = r.minutes_from_request().map_or_else(|| "-".to_string(), waited);
        let reason_style = match r.reason {
            RetractionReason::Classified => theme.status(Status::Overdue),
            RetractionReason::Improper => theme.status(Status::Empty),
            _ => Style::default(),
        };
        let restored = match &r.restored {
            Some((at, by)) if wide => {
                let at = for_people(*at, now);
                let by_room = restored_w.saturating_sub(text::width(&at) + 2);
                format!("{at} {} ", fit(&text::display(by, ambiguous), by_room, ambiguous))
            }
            Some(_) => format!("{restored_mark} "),
            None => String::new(),
        };
        let marked = view.marks.items.contains_key(&r.id);
        let batch = if sizes.get(&r.batch).copied().unwrap_or(0) > 1 { r.batch.to_string() } else { String::new() };
        let mut line = vec![
            Span::styled(if marked { "* " } else { "  " }, theme.status(Status::DueSoon).add_modifier(Modifier::BOLD)),
            Span::raw(pad(&for_people(r.withdrawn_at, now), when_w, ambiguous)),
            Span::raw(table::number(&r.item.to_string(), item_w, ambiguous)),
            Span::styled(pad(&batch, batch_w, ambiguous), theme.dim()),
            Span::styled(pad(&words::reason(r.reason), 11, ambiguous), reason_style),
            Span::raw(format!("{} ", pad(&text::display(&r.withdrawn_by, ambiguous), by_w - 1, ambiguous))),
            Span::raw(pad(&took, took_w, ambiguous)),
            Span::styled(if wide { pad(&restored, restored_w, ambiguous) } else { restored.clone() }, theme.status(Status::Ok)),
        ];
        // The link checks found its public page still answering without the withdrawal notice.
        let public = if r.still_public { format!("{public_mark} ") } else { String::new() };
        line.push(Span::styled(public.clone(), theme.status(Status::Overdue).add_modifier(Modifier::BOLD)));
        let title_w = if wide { title_w } else { title_w.saturating_sub(text::width(&restored)) };
        let title_w = title_w.saturating_sub(text::width(&public));
        let title = fit(&text::display(&r.title, ambiguous), title_w, ambiguous);
        let room = title_w.saturating_sub(text::width(&title) + 3);
        line.push(Span::raw(title));
        // On a wide terminal, why (the note) after the title.
        if wide && !r.note.is_empty() && room > 4 {
            line.push(Span::styled(format!(" — {}", fit(&text::display(&r.note, ambiguous), room, ambiguous)), theme.dim()));
        }
        TextLine::from(line)
    });
}
