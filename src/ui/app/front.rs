//! The tabs, in the one place that lists them: their order, titles and labels.

use crate::t;
use crate::ui::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Queue,
    Columns,
    Retractions,
    Scores,
    Audit,
    Withdrawn,
    Inspection,
    Findings,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Queue,
        Tab::Columns,
        Tab::Retractions,
        Tab::Scores,
        Tab::Audit,
        Tab::Withdrawn,
        Tab::Inspection,
        Tab::Findings,
    ];

    /// The tab's name in the language in effect (`i18n/*/console.ftl`).
    pub fn title(self) -> String {
        match self {
            Tab::Queue => t!("tab-queue"),
            Tab::Columns => t!("tab-columns"),
            Tab::Retractions => t!("tab-retractions"),
            Tab::Scores => t!("tab-scores"),
            Tab::Audit => t!("tab-audit"),
            Tab::Withdrawn => t!("tab-withdrawn"),
            // Short: the tabs fit in 80 columns.
            Tab::Inspection => t!("tab-inspection"),
            Tab::Findings => t!("tab-findings"),
        }
    }

    /// The tabs' labels in a tab bar `width` cells wide: ` 1 Queue ` each, or, when they do not
    /// all fit, ` 1 Queue` with the longest title shortened. Widths are in cells (a Chinese
    /// character takes two).
    pub fn labels(width: u16) -> Vec<String> {
        let full: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {} ", n + 1, t.title())).collect();
        if full.iter().map(|l| text::width(l)).sum::<usize>() <= usize::from(width) {
            return full;
        }
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let title = if *t == Tab::Retractions { t!("tab-retractions-short") } else { t.title() };
                format!(" {} {title}", n + 1)
            })
            .collect()
    }
}
