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
use crate::store::RetractionRequest;
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, fit};
use crate::ui::widgets::Draw;
use crate::ui::words;
use crate::t;

pub(super) fn draw(view: &RetractionsView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let r = &view.list;
    let now = d.now();
    let pending = |q: &&RetractionRequest| q.status == RequestStatus::Pending;
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
    // One column per thing, a blank between two (`ui::table`): how long it waited, why, the unit,
    // the item, and its title, which takes the rest.
    let cells = |q: &RetractionRequest| -> [String; 5] {
        [
            waited((now - q.requested_at).num_minutes().max(0)),
            words::reason(q.reason),
            text::display(q.unit.as_deref().unwrap_or("-"), ambiguous),
            q.item.to_string(),
            text::display(&q.title, ambiguous),
        ]
    };
    let heads = vec![t!("head-waited"), t!("head-reason"), t!("head-unit"), t!("head-item"), t!("head-title")];
    let rows: Vec<Vec<String>> = r.rows.iter().map(|q| cells(q).to_vec()).collect();
    let kinds = [Kind::Fixed, Kind::Fixed, Kind::Text, Kind::Number, Kind::Text];
    let table = Table::of(&heads, &rows, |i| kinds[i], usize::from(areas.rows.width), ambiguous);
    d.header(areas.header, &table.row(&heads));
    let theme = d.theme;
    let nothing = t!("retractions-nothing");
    let public_mark = t!("withdrawn-still-public");
    d.list(areas.rows, r, &nothing, |q| {
        let minutes = (now - q.requested_at).num_minutes().max(0);
        let alarm = q.status == RequestStatus::Pending && crate::domain::review::alarming(q.reason, minutes);
        let reason_style = match q.reason {
            crate::domain::RetractionReason::Classified => theme.status(Status::Overdue),
            crate::domain::RetractionReason::Improper => theme.status(Status::Empty),
            _ => Style::default(),
        };
        let [since, reason, unit, item, title] = cells(q);
        // A handled request whose withdrawn page the link checks found still public says so
        // before its title.
        let public = if q.still_public { format!("{public_mark} ") } else { String::new() };
        let title_w = table.width(4).saturating_sub(text::width(&public));
        TextLine::from(vec![
            Span::styled(
                table.cell(0, &since),
                if alarm { theme.status(Status::Overdue).add_modifier(Modifier::REVERSED) } else { Style::default() },
            ),
            Span::styled(table.cell(1, &reason), reason_style),
            Span::raw(table.cell(2, &unit)),
            Span::raw(table.cell(3, &item)),
            Span::styled(public, theme.status(Status::Overdue)),
            Span::raw(fit(&title, title_w, ambiguous)),
        ])
    });
}
