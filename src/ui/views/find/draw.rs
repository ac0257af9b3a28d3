//! The Find tab drawn: what `:find` looked for and the items found, newest first, or the item
//! opened from them.

use ratatui::layout::Rect;
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::FindView;
use crate::store::FoundItem;
use crate::domain::time::for_people;
use crate::t;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::table::{Kind, Table};
use crate::ui::text;
use crate::ui::widgets::Draw;

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
    let wide = areas.rows.width >= 120;
    // One column per thing, a blank between two (`ui::table`): when, the item, its status, its
    // unit and its title sharing the rest with, wide, the columns it is in.
    let now = d.now();
    let cells = |i: &FoundItem| -> Vec<String> {
        let mut cells = vec![
            for_people(i.at, now),
            i.id.to_string(),
            crate::ui::words::item_status(i.status),
            text::display(i.unit.as_deref().unwrap_or("-"), ambiguous),
            text::display(&i.title, ambiguous),
        ];
        if wide {
            let columns: Vec<&str> = i.columns.iter().map(|(_, path, _)| path.as_str()).collect();
            cells.push(text::display(&columns.join("; "), ambiguous));
        }
        cells
    };
    let mut heads =
        vec![t!("find-head-at"), t!("head-item"), t!("find-head-status"), t!("find-head-unit"), t!("head-title")];
    if wide {
        heads.push(t!("find-head-columns"));
    }
    let rows: Vec<Vec<String>> = list.rows.iter().map(cells).collect();
    let kind = |i: usize| match i {
        0 | 2 => Kind::Fixed,
        1 => Kind::Number,
        _ => Kind::Text,
    };
    let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width), ambiguous);
    d.header(areas.header, &table.row(&heads));
    let nothing = t!("find-nothing");
    d.list(areas.rows, list, &nothing, |i| TextLine::raw(table.row(&cells(i))));
}
