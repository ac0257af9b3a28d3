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
    Find,
}

impl Tab {
    pub const ALL: [Tab; 9] = [
        Tab::Queue,
        Tab::Columns,
        Tab::Retractions,
        Tab::Scores,
        Tab::Audit,
        Tab::Withdrawn,
        Tab::Inspection,
        Tab::Findings,
        Tab::Find,
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
            Tab::Find => t!("tab-find"),
        }
    }

    /// The tabs' labels in a tab bar `width` cells wide: ` 1 Queue ` each, or, when they do not
    /// all fit, ` 1 Queue`, then with the longest title shortened, and when those do not fit
    /// either, the longer titles shortened too. Widths are in cells (a Chinese character takes two).
    pub fn labels(width: u16) -> Vec<String> {
        let fits = |labels: &[String]| labels.iter().map(|l| text::width(l)).sum::<usize>() <= usize::from(width);
        let full: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {} ", n + 1, t.title())).collect();
        if fits(&full) {
            return full;
        }
        let compact: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {}", n + 1, t.title())).collect();
        if fits(&compact) {
            return compact;
        }
        let short = |shorter: bool| -> Vec<String> {
            Tab::ALL
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    let title = match t {
                        Tab::Retractions => t!("tab-retractions-short"),
                        Tab::Withdrawn if shorter => t!("tab-withdrawn-short"),
                        Tab::Inspection if shorter => t!("tab-inspection-short"),
                        Tab::Findings if shorter => t!("tab-findings-short"),
                        _ => t.title(),
                    };
                    format!(" {} {title}", n + 1)
                })
                .collect()
        };
        let one = short(false);
        if fits(&one) { one } else { short(true) }
    }
}
