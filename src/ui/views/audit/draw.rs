//! The Audit tab drawn: the records loaded, newest first, one a line.

use ratatui::text::{Line as TextLine, Span};

use super::AuditView;
use crate::domain::time::for_people;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};
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
    let w = usize::from(areas.rows.width);
    let (op_w, action_w, target_w) = if w >= 120 { (16, 20, 24) } else { (10, 14, 12) };
    // When, as the command line's tables say it: a blank after the widest.
    let when_w = d.when_width(&t!("audit-head-at"), a.rows.iter().map(|e| e.at)) + 1;
    let detail_w = w.saturating_sub(when_w + op_w + action_w + target_w + 4);
    let header = format!(
        "{}{}{}{}{}",
        pad(&t!("audit-head-at"), when_w, ambiguous),
        pad(&t!("audit-head-operator"), op_w + 1, ambiguous),
        pad(&t!("audit-head-action"), action_w + 1, ambiguous),
        pad(&t!("audit-head-target"), target_w + 1, ambiguous),
        pad(&t!("audit-head-detail"), detail_w, ambiguous)
    );
    d.header(areas.header, &header);
    let nothing = t!("audit-nothing");
    let now = d.now();
    d.list(areas.rows, a, &nothing, |e| {
        let when = for_people(e.at, now);
        let t = |s: &str, w: usize| format!("{} ", pad(&text::display(s, ambiguous), w, ambiguous));
        TextLine::from(vec![
            Span::raw(pad(&when, when_w, ambiguous)),
            Span::raw(t(&e.operator, op_w)),
            Span::raw(t(&words::audit_action_text(&e.action), action_w)),
            Span::raw(t(&words::audit_target_text(&e.target), target_w)),
            Span::raw(fit(&text::display(&e.detail, ambiguous), detail_w, ambiguous)),
        ])
    });
}
