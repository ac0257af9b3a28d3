//! The tabs, in the one place that lists them: their order, titles and labels.

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

    pub fn title(self) -> &'static str {
        match self {
            Tab::Queue => "Queue",
            Tab::Columns => "Columns",
            Tab::Retractions => "Retractions",
            Tab::Scores => "Scores",
            Tab::Audit => "Audit",
            Tab::Withdrawn => "Withdrawn",
            // Short: seven tabs fit in 80 columns.
            Tab::Inspection => "Inspect",
            Tab::Findings => "Findings",
        }
    }

    /// The tabs' labels in a tab bar `width` cells wide: ` 1 Queue ` each, or, when they do not
    /// all fit, ` 1 Queue` with the longest title shortened.
    pub fn labels(width: u16) -> Vec<String> {
        let full: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {} ", n + 1, t.title())).collect();
        if full.iter().map(String::len).sum::<usize>() <= usize::from(width) {
            return full;
        }
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(n, t)| format!(" {} {}", n + 1, if *t == Tab::Retractions { "Retract." } else { t.title() }))
            .collect()
    }
}
