//! The Retractions tab drawn: the pending requests, how long each has waited, the suspected
//! secrets past 15 minutes marked; then the handled requests whose withdrawn item's public page
//! the link checks found still public, flagged.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};

use super::RetractionsView;
use crate::domain::item::RequestStatus;
use crate::domain::staleness::Status;
use crate::ui::app::waited;
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};
use crate::ui::table;
use crate::ui::widgets::Draw;
use crate::ui::words;
use crate::t;

pub(super) fn draw(view: &RetractionsView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let r = &view.list;
    let now = d.now();
    let pending = |q: &&crate::store::RetractionRequest| q.status == RequestStatus::Pending;
    let alarms = r
        .rows
        .iter()
        .filter(pending)
        .filter(|q| crate::domain::review::alarming(q.reason, (now - q.requested_at).num_minutes()))
        .count();
    let still_public = r.rows.iter().filter(|q| q.still_public).count();
    let mut spans = vec![Span::raw(t!("retractions-title", position = d.position(r), count = r.rows.iter().filter(pending).count()))];
    if alarms > 0 {
        spans.push(Span::styled(t!("retractions-alarms", count = alarms), d.theme.status(Status::Overdue)));
    }
    if still_public > 0 {
        spans.push(Span::styled(
            t!("retractions-still-public-count", count = still_public),
            d.theme.status(Status::Overdue),
        ));
    }
    spans.extend(d.filter_note(&r.filter));
    d.title(areas.title, spans);
    let w = usize::from(areas.rows.width);
    let unit_w = if w >= 120 { 16 } else { 10 };
    let title_w = w.saturating_sub(8 + 11 + unit_w + 1 + 8);
    let header = format!(
        "{}{}{}{}{}",
        pad(&t!("head-waited"), 8, ambiguous),
        pad(&t!("head-reason"), 11, ambiguous),
        pad(&t!("head-unit"), unit_w + 1, ambiguous),
        table::number(&t!("head-item"), 8, ambiguous),
        pad(&t!("head-title"), title_w, ambiguous)
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
    let theme = d.theme;
    let nothing = t!("retractions-nothing");
    let public_mark = t!("withdrawn-still-public");
    d.list(areas.rows, r, &nothing, |q| {
        let minutes = (now - q.requested_at).num_minutes().max(0);
        let since = waited(minutes);
        let alarm = q.status == RequestStatus::Pending && crate::domain::review::alarming(q.reason, minutes);
        let reason_style = match q.reason {
            crate::domain::RetractionReason::Classified => theme.status(Status::Overdue),
            crate::domain::RetractionReason::Improper => theme.status(Status::Empty),
            _ => Style::default(),
        };
        TextLine::from(vec![
            Span::styled(
                pad(&since, 8, ambiguous),
                if alarm { theme.status(Status::Overdue).add_modifier(Modifier::REVERSED) } else { Style::default() },
            ),
            Span::styled(pad(&words::reason(q.reason), 11, ambiguous), reason_style),
            Span::raw(format!("{} ", pad(&text::display(q.unit.as_deref().unwrap_or("-"), ambiguous), unit_w, ambiguous))),
            Span::raw(table::number(&q.item.to_string(), 8, ambiguous)),
            if q.still_public {
                Span::styled(format!("{public_mark} "), theme.status(Status::Overdue))
            } else {
                Span::raw("")
            },
            Span::raw(fit(
                &text::display(&q.title, ambiguous),
                title_w.saturating_sub(if q.still_public { text::width(&public_mark) + 1 } else { 0 }), ambiguous,
            )),
        ])
    });
}
