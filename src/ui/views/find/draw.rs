//! The Find tab drawn: what `:find` looked for and the items found, newest first, or the item
//! opened from them.

use ratatui::layout::Rect;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::FindView;
use crate::domain::ItemStatus;
use crate::domain::time::for_people;
use crate::t;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};
use crate::ui::table;
use crate::ui::widgets::Draw;

/// An item's status, in words (as the item's page says it).
fn status(s: ItemStatus) -> String {
    match s {
        ItemStatus::Pending => t!("item-page-status-pending"),
        ItemStatus::Returned => t!("item-page-status-returned"),
        ItemStatus::Online => t!("item-page-status-online"),
        ItemStatus::Withdrawn => t!("item-page-status-withdrawn"),
    }
}

pub(super) fn draw(view: &FindView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    if let Some(item) = &view.item {
        let body = Rect { y: areas.header.y, height: areas.rows.height + 1, ..areas.rows };
        return d.item_page(areas.title, body, item);
    }
    let list = &view.list;
    let Some(text) = &view.list.source.text else {
        d.title(areas.title, vec![Span::raw(t!("find-title-none"))]);
        let command = format!("{}find", d.key_for(Layer::Global, Action::Command));
        // Wrapped by the program's one rule: at 80 columns the Chinese hint ran off the screen.
        let how = vec![TextLine::raw(d.text(&t!("find-how", command = command, open = d.key_for(Layer::Find, Action::Open))))];
        Paragraph::new(text::wrap_lines(how, areas.rows.width)).render(areas.rows, d.buf);
        return;
    };
    let shown = text::display(text, ambiguous);
    let mut spans = vec![Span::raw(t!("find-title", text = shown, position = d.position(list)))];
    spans.extend(d.filter_note(&list.filter));
    d.title(areas.title, spans);
    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let (id_w, status_w, unit_w, columns_w) = if wide { (9, 9, 14, 40) } else { (7, 7, 9, 0) };
    // When, as the command line's tables say it: a blank after the widest.
    let when_w = d.when_width(&t!("find-head-at"), list.rows.iter().map(|i| i.at)) + 1;
    let title_w = w.saturating_sub(when_w + id_w + status_w + unit_w + columns_w);
    let header = format!(
        "{}{}{}{}{}{}",
        pad(&t!("find-head-at"), when_w, ambiguous),
        table::number(&t!("head-item"), id_w, ambiguous),
        pad(&t!("find-head-status"), status_w, ambiguous),
        pad(&t!("find-head-unit"), unit_w, ambiguous),
        pad(&t!("head-title"), title_w, ambiguous),
        pad(&if wide { t!("find-head-columns") } else { String::new() }, columns_w, ambiguous)
    );
    d.header(areas.header, &header);
    let nothing = t!("find-nothing");
    let now = d.now();
    d.list(areas.rows, list, &nothing, |i| {
        let when = for_people(i.at, now);
        let cell = |s: &str, w: usize| pad(&fit(&text::display(s, ambiguous), w.saturating_sub(1), ambiguous), w, ambiguous);
        let mut line = vec![
            Span::raw(pad(&when, when_w, ambiguous)),
            Span::raw(table::number(&i.id.to_string(), id_w, ambiguous)),
            Span::raw(cell(&status(i.status), status_w)),
            Span::raw(cell(i.unit.as_deref().unwrap_or("-"), unit_w)),
        ];
        if wide {
            line.push(Span::raw(cell(&i.title, title_w)));
            let columns: Vec<&str> = i.columns.iter().map(|(_, path, _)| path.as_str()).collect();
            line.push(Span::raw(fit(&text::display(&columns.join("; "), ambiguous), columns_w, ambiguous)));
        } else {
            line.push(Span::raw(fit(&text::display(&i.title, ambiguous), title_w, ambiguous)));
        }
        TextLine::from(line)
    });
}
