//! The Orders tab drawn: the orders, most urgent first, one a line; an order whole; the form that
//! issues one.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Field, OrderForm, OrdersView};
use crate::domain::Closing;
use crate::domain::rectification::{Status, Subject};
use crate::domain::staleness::Status as Staleness;
use crate::domain::time::for_people;
use crate::t;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::text::{self, Ambiguous, fit, fit_path, pad};
use crate::ui::widgets::Draw;
use crate::ui::words;
use crate::store::AuditEntry;
use crate::usecase::rectification::Order;

/// The width of a form's field names.
const NAME_W: usize = 12;
/// The width of the form's heading, inside its frame.
const WHAT_W: usize = 72;

pub(super) fn draw(view: &OrdersView, d: &mut Draw, areas: &Areas) {
    let list = &view.list;
    let ambiguous = d.ambiguous();
    let overdue = list.rows.iter().filter(|o| o.status == Status::Overdue).count();
    let open = list.rows.iter().filter(|o| o.status == Status::Open).count();
    let mut spans = vec![Span::raw(t!("orders-title", count = list.rows.len(), open = open))];
    if overdue > 0 {
        spans.push(Span::styled(
            t!("orders-title-overdue", count = overdue),
            d.theme.status(Staleness::Overdue).add_modifier(Modifier::BOLD),
        ));
    }
    spans.extend(d.filter_note(&list.filter));
    d.title(areas.title, spans);
    let w = usize::from(areas.rows.width);
    let (unit_w, about_w) = if w >= 120 { (18, 36) } else { (12, 18) };
    let note_w = w.saturating_sub(6 + 11 + 11 + unit_w + about_w);
    let header = format!(
        "{}{}{}{}{}{}",
        pad(&t!("orders-head-id"), 6, ambiguous),
        pad(&t!("orders-head-status"), 11, ambiguous),
        pad(&t!("orders-head-due"), 11, ambiguous),
        pad(&t!("head-unit"), unit_w, ambiguous),
        pad(&t!("orders-head-about"), about_w, ambiguous),
        pad(&t!("orders-head-note"), note_w, ambiguous)
    );
    d.header(areas.header, &header);
    let theme = d.theme;
    let nothing = t!("orders-nothing", issue = d.key_for(Layer::Columns, Action::IssueOrder));
    d.list(areas.rows, list, &nothing, |o| {
        let style = match o.status {
            Status::Overdue => theme.status(Staleness::Overdue),
            Status::Open => Style::default(),
            Status::Done => theme.dim(),
        };
        let cell = |s: &str, w: usize| format!("{} ", pad(&text::display(s, ambiguous), w - 1, ambiguous));
        // A column by its last levels, which name it (`… / ⑥施工及质量…`), not by its first.
        let about = text::display(&super::about(o), ambiguous);
        let about = match o.row.subject {
            Subject::Column(_) => fit_path(&about, about_w - 1, ambiguous),
            Subject::Item { .. } | Subject::Indicator(_) => about,
        };
        TextLine::from(vec![
            Span::raw(pad(&o.row.id.to_string(), 6, ambiguous)),
            Span::styled(pad(&o.status.said(), 11, ambiguous), style),
            Span::styled(pad(&o.row.due_on.to_string(), 11, ambiguous), style),
            Span::raw(cell(&o.row.unit, unit_w)),
            Span::raw(format!("{} ", pad(&about, about_w - 1, ambiguous))),
            Span::raw(fit(&text::display(&o.row.note, ambiguous), note_w, ambiguous)),
        ])
    });
}

/// An order whole, as Enter shows it, and its audit history, oldest first: each record's time,
/// operator and action, then what it recorded; its times as a person reads them as of `now`.
pub(super) fn record(o: &Order, history: &[AuditEntry], ambiguous: Ambiguous, now: chrono::DateTime<chrono::Utc>) -> String {
    let when = |at| for_people(at, now);
    let field = |key: String, value: &str| format!("{} {value}", pad(&key, 10, ambiguous));
    let mut lines = vec![
        t!("orders-record-heading", id = o.row.id, status = o.status.said()),
        field(t!("head-unit"), &o.row.unit_full_name),
        field(t!("orders-head-about"), &super::about(o)),
        field(t!("orders-head-note"), &o.row.note),
        field(t!("orders-field-issued"), &format!("{} {}", when(o.row.issued_at), o.row.issued_by)),
        field(t!("orders-head-due"), &t!("orders-due-days", due = o.row.due_on.to_string(), days = o.row.days)),
    ];
    if let Some((how, at)) = o.closing {
        let by = o.row.closed.as_ref().map_or_else(String::new, |(_, by, _, _)| by.clone());
        lines.push(field(t!("orders-field-closed"), &format!("{} {} {by}", when(at), words::closing(how))));
        if let Some(note) = o.row.closed.as_ref().and_then(|(_, _, _, note)| note.clone()) {
            lines.push(field(t!("orders-field-close-note"), &note));
        }
    }
    lines.push(String::new());
    lines.push(t!("orders-record-history", count = history.len()));
    for e in history {
        let action = words::audit_action_text(&e.action);
        let said = recorded(e);
        let said = if said.is_empty() { said } else { t!("orders-history-said", said = said) };
        lines.push(format!("#{} {} {} {action}{said}", e.id, when(e.at), e.operator));
    }
    lines.join("\n")
}

/// What an order's audit record says beyond its action, in words: the deadline it set, how it was
/// closed and the closing's note (the order's own note is shown above it).
fn recorded(e: &AuditEntry) -> String {
    let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
    let mut said: Vec<String> = Vec::new();
    if let Some(due) = detail["due_on"].as_str() {
        said.push(t!("orders-history-due", due = due));
    }
    if let Some(how) = detail["how"].as_str().and_then(|h| h.parse::<Closing>().ok()) {
        said.push(words::closing(how));
    }
    if let Some(note) = detail["note"].as_str().filter(|_| e.action != "rectification.add") {
        said.push(note.to_string());
    }
    said.join(t!("orders-history-and").as_str())
}

/// The form that issues an order: what it is about, the unit, what is wrong, the rule, the
/// deadline; the keys.
pub(super) fn form(form: &OrderForm, writing: bool, d: &mut Draw) {
    let ambiguous = d.ambiguous();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // What it is about on two lines at most (a column's whole path, its own name last), the
    // second cut if it must be.
    let rows = text::wrap(&text::display(&form.draft.what, ambiguous), WHAT_W, 2);
    let mut lines = vec![TextLine::styled(rows.first().cloned().unwrap_or_default(), bold)];
    if rows.len() > 1 {
        let rest: String = rows[1..].iter().map(|r| r.trim_start()).collect();
        lines.push(TextLine::styled(fit(&format!("  {rest}"), WHAT_W, ambiguous), bold));
    }
    lines.push(TextLine::raw(""));
    let names = [t!("orders-field-unit"), t!("orders-field-note"), t!("orders-field-rule"), t!("orders-field-days")];
    // Each field's first row, and its rows.
    let mut at: Vec<(usize, u16)> = Vec::with_capacity(names.len());
    for (field, name) in Field::ALL.iter().zip(names) {
        let focused = *field == form.field;
        let name = pad(&format!("{} {name}", if focused { "›" } else { " " }), NAME_W, ambiguous);
        at.push((lines.len(), field.rows()));
        lines.push(TextLine::from(Span::styled(name, if focused { bold } else { d.theme.dim() })));
        lines.extend((1..field.rows()).map(|_| TextLine::raw("")));
    }
    lines.push(TextLine::raw(""));
    lines.push(TextLine::styled(t!("orders-days-range", max = crate::domain::rectification::MAX_DAYS), d.theme.dim()));
    let keys = if writing {
        t!("saving")
    } else {
        t!(
            "orders-form-keys",
            yes = d.key_for(Layer::Rectify, Action::Confirm),
            next = d.key_for(Layer::Rectify, Action::OrderNextField),
            no = d.key_for(Layer::Rectify, Action::Back)
        )
    };
    lines.push(TextLine::styled(keys, d.theme.dim()));
    let lines: Vec<TextLine> = lines.into_iter().map(|l| d.shown(l)).collect();
    let inner = d.popup(76, lines.len() as u16 + 2, &t!("orders-form-title"));
    Widget::render(Paragraph::new(lines), inner, d.buf);
    for (input, (row, rows)) in form.inputs.iter().zip(at) {
        if let Ok(row) = u16::try_from(row)
            && row < inner.height
        {
            let x = NAME_W as u16;
            let height = rows.min(inner.height - row);
            let area = Rect { x: inner.x + x, y: inner.y + row, width: inner.width.saturating_sub(x), height };
            input.render(area, d.buf);
        }
    }
}
