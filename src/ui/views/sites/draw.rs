//! The Sites tab drawn: one line a site, its figures in columns, the figure sorted by marked.

use ratatui::style::Modifier;
use ratatui::text::{Line as TextLine, Span};

use super::SitesView;
use crate::domain::inspection::Level;
use crate::domain::sites::{Figures, Sort};
use crate::domain::staleness::Status;
use crate::t;
use crate::ui::app::waited;
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};
use crate::ui::widgets::Draw;

/// The figure a sort puts worst first, in words.
pub fn sort_word(sort: Sort) -> String {
    match sort {
        Sort::Worst => t!("sites-sort-worst"),
        Sort::Overdue => t!("sites-sort-overdue"),
        Sort::Blank => t!("sites-sort-blank"),
        Sort::Check => t!("sites-sort-check"),
        Sort::Waiting => t!("sites-sort-waiting"),
        Sort::Alarms => t!("sites-sort-alarms"),
        Sort::Points => t!("sites-sort-points"),
        Sort::Incidents => t!("sites-sort-incidents"),
    }
}

/// A figure's column heading (`Worst` has none: it is every figure at once).
fn heading(sort: Sort) -> String {
    match sort {
        Sort::Worst => String::new(),
        Sort::Overdue => t!("sites-head-overdue"),
        Sort::Blank => t!("sites-head-blank"),
        Sort::Check => t!("sites-head-check"),
        Sort::Waiting => t!("sites-head-waiting"),
        Sort::Alarms => t!("sites-head-alarms"),
        Sort::Points => t!("sites-head-points"),
        Sort::Incidents => t!("sites-head-incidents"),
    }
}

/// `s` right-aligned in `cells` cells.
fn right(s: &str, cells: usize) -> String {
    format!("{}{s}", " ".repeat(cells.saturating_sub(text::width(s))))
}

/// The figures' columns, in the order shown: what sorts by it, its width in cells (the wait's, at
/// least).
const FIGURES: [(Sort, usize); 7] = [
    (Sort::Overdue, 7),
    (Sort::Blank, 6),
    (Sort::Check, 8),
    (Sort::Waiting, 7),
    (Sort::Alarms, 7),
    (Sort::Points, 7),
    (Sort::Incidents, 9),
];

/// The national check in a few cells: ✗ and the indicators failing, ! and those warning, ✓.
fn check(f: &Figures) -> String {
    match f.check {
        None => "?".to_string(),
        Some(Level::Pass) => "✓".to_string(),
        Some(Level::Warn) => format!("!{}", f.check_warning),
        Some(Level::Fail) if f.check_warning > 0 => format!("✗{} !{}", f.check_failing, f.check_warning),
        Some(Level::Fail) => format!("✗{}", f.check_failing),
    }
}

pub(super) fn draw(view: &SitesView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let now = d.now();
    let l = &view.list;
    let mut spans = vec![Span::raw(t!("sites-title", count = l.rows.len(), by = sort_word(view.sort)))];
    spans.extend(d.filter_note(&l.filter));
    d.title(areas.title, spans);
    let w = usize::from(areas.rows.width);
    let code_w = if w >= 120 { 16 } else { 10 };
    // How long each site's oldest item has waited (`waited`, 2天3小时): its column as wide as
    // the widest, at least its heading's.
    let waiting = |f: &Figures| f.oldest_waiting.map_or_else(String::new, |t| waited((now - t).num_minutes()));
    let waiting_w = l.rows.iter().map(|s| text::width(&waiting(&s.figures))).fold(FIGURES[3].1, usize::max);
    let widths: Vec<usize> = FIGURES.iter().map(|(sort, w)| if *sort == Sort::Waiting { waiting_w } else { *w }).collect();
    let figures_w: usize = widths.iter().map(|w| w + 1).sum();
    let name_w = w.saturating_sub(code_w + 1 + figures_w).max(4);
    let mut header = format!("{}{}", pad(&t!("sites-head-code"), code_w + 1, ambiguous), pad(&t!("sites-head-name"), name_w, ambiguous));
    for ((sort, _), cells) in FIGURES.iter().zip(&widths) {
        // The figure sorted by is marked (worst first: ▼).
        let head = if *sort == view.sort { format!("▼{}", heading(*sort)) } else { heading(*sort) };
        header.push_str(&format!(" {}", right(&head, *cells)));
    }
    d.header(areas.header, &header);
    let theme = d.theme;
    let nothing = t!("sites-nothing");
    d.list(areas.rows, l, &nothing, |s| {
        let f = &s.figures;
        let bad = theme.status(Status::Overdue);
        let plain = ratatui::style::Style::default();
        let cell = |text: String, cells: usize, alarm: bool| {
            Span::styled(format!(" {}", right(&text, cells)), if alarm { bad } else { plain })
        };
        let bold = |alarm: bool| if alarm { bad.add_modifier(Modifier::BOLD) } else { plain };
        TextLine::from(vec![
            Span::raw(pad(&fit(&s.site.code, code_w, ambiguous), code_w + 1, ambiguous)),
            Span::raw(pad(&text::display(&s.site.name, ambiguous), name_w, ambiguous)),
            cell(f.overdue.to_string(), widths[0], f.overdue > 0),
            cell(f.blank.to_string(), widths[1], f.blank > 0),
            cell(check(f), widths[2], f.check != Some(Level::Pass)),
            cell(waiting(f), widths[3], false),
            cell(f.alarms.to_string(), widths[4], f.alarms > 0).style(bold(f.alarms > 0)),
            cell(f.points.to_string(), widths[5], false),
            cell(f.incidents.to_string(), widths[6], f.incidents > 0),
        ])
    });
}
