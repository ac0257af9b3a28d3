//! The Retractions tab drawn: the pending requests, how long each has waited, the suspected
//! secrets past 15 minutes marked.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};

use super::RetractionsView;
use crate::domain::staleness::Status;
use crate::ui::app::waited;
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};
use crate::ui::widgets::Draw;

pub(super) fn draw(view: &RetractionsView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let r = &view.list;
    let now = d.now();
    let alarms = r
        .rows
        .iter()
        .filter(|q| crate::domain::review::alarming(q.reason, (now - q.requested_at).num_minutes()))
        .count();
    let mut spans = vec![Span::raw(format!("Retractions · {} pending, most urgent first", r.rows.len()))];
    if alarms > 0 {
        spans.push(Span::styled(format!("  ✗ {alarms} suspected secret >15 min"), d.theme.status(Status::Overdue)));
    }
    spans.extend(d.filter_note(&r.filter));
    d.title(areas.title, spans);
    let w = usize::from(areas.rows.width);
    let unit_w = if w >= 120 { 16 } else { 10 };
    let title_w = w.saturating_sub(8 + 11 + unit_w + 1 + 8);
    let header = format!(
        "{}{}{}{}{}",
        pad("waited", 8),
        pad("reason", 11),
        pad("unit", unit_w + 1),
        pad("item", 8),
        pad("title", title_w)
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
    let theme = d.theme;
    let nothing = "No request is pending.\nA unit's request to withdraw an item shows here once it is recorded:\n\
                   portal-admin retractions request ITEM --unit NAME --reason outdated|improper|…";
    d.list(areas.rows, r, nothing, |q| {
        let minutes = (now - q.requested_at).num_minutes().max(0);
        let since = waited(minutes);
        let alarm = crate::domain::review::alarming(q.reason, minutes);
        let reason_style = match q.reason {
            crate::domain::RetractionReason::Classified => theme.status(Status::Overdue),
            crate::domain::RetractionReason::Improper => theme.status(Status::Empty),
            _ => Style::default(),
        };
        TextLine::from(vec![
            Span::styled(
                pad(&since, 8),
                if alarm { theme.status(Status::Overdue).add_modifier(Modifier::REVERSED) } else { Style::default() },
            ),
            Span::styled(pad(q.reason.as_str(), 11), reason_style),
            Span::raw(format!("{} ", pad(&text::display(q.unit.as_deref().unwrap_or("-"), ambiguous), unit_w))),
            Span::raw(pad(&q.item.to_string(), 8)),
            Span::raw(fit(&text::display(&q.title, ambiguous), title_w)),
        ])
    });
}
