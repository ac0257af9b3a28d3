//! The Audit tab drawn: the records loaded, newest first, one a line.

use ratatui::text::{Line as TextLine, Span};

use super::AuditView;
use crate::domain::time::for_people;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::table::{Kind, Table};
use crate::ui::text;
use crate::ui::widgets::Draw;
use crate::ui::words;
use crate::t;

pub(super) fn draw(view: &AuditView, d: &mut Draw, areas: &Areas) {
    let a = &view.list;
    let ambiguous = d.ambiguous();
    let title = t!("audit-title", position = d.position(a), open = d.key_for(Layer::Audit, Action::Open));
    let mut spans = vec![Span::raw(title)];
    spans.extend(d.filter_note(&a.filter));
    d.title(areas.title, spans);
    // One column per thing, a blank between two (`ui::table`): the time as wide as it is, the
    // others sharing the room fairly.
    // The time as the command line's tables say it (`for_people`).
    let now = d.now();
    let cells = |e: &crate::store::AuditEntry| -> Vec<String> {
        vec![
            for_people(e.at, now),
            text::display(&e.operator, ambiguous),
            text::display(&words::audit_action_text(&e.action), ambiguous),
            text::display(&words::audit_target_text(&e.target), ambiguous),
            text::display(&words::audit::summary(&e.action, &e.detail), ambiguous),
        ]
    };
    let heads = vec![
        t!("audit-head-at"),
        t!("audit-head-operator"),
        t!("audit-head-action"),
        t!("audit-head-target"),
        t!("audit-head-detail"),
    ];
    let rows: Vec<Vec<String>> = a.rows.iter().map(cells).collect();
    let kind = |i: usize| if i == 0 { Kind::Fixed } else { Kind::Text };
    let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width), ambiguous);
    d.header(areas.header, &table.row(&heads));
    let nothing = t!("audit-nothing");
    d.list(areas.rows, a, &nothing, |e| TextLine::raw(table.row(&cells(e))));
}
