//! The tabs' titles and labels (the tabs themselves are the registered views: `views!`).

use crate::i18n;
use crate::ui::text;
pub use crate::ui::views::Tab;
use crate::usecase::settings::StartTab;

impl Tab {
    /// The tab the console opens on: the one `start_tab` names when the settings name one; else
    /// the queue when items wait for a decision (the morning starts there), the columns when none do.
    pub fn at_start(named: Option<StartTab>, items_waiting: bool) -> Tab {
        match named {
            Some(start) => Tab::ALL[usize::from(start.number()) - 1],
            None if items_waiting => Tab::Queue,
            None => Tab::Columns,
        }
    }

    /// The tab's name in the language in effect (`tab-<name>`; short: the tabs fit in 80 columns).
    pub fn title(self) -> String {
        i18n::text(&format!("tab-{}", self.name()), None)
    }

    /// Its shorter name, for a narrow tab bar (`tab-<name>-short`), if it has one.
    fn short(self) -> Option<String> {
        let key = format!("tab-{}-short", self.name());
        i18n::has(i18n::current(), &key).then(|| i18n::text(&key, None))
    }

    /// The tabs' labels in a tab bar `width` cells wide: ` 1 Queue ` each, or, when they do not
    /// all fit, ` 1 Queue`, then with the longest title shortened, and when those do not fit
    /// either, the longer titles shortened too. Widths are in cells (a Chinese character takes two).
    pub fn labels(width: u16) -> Vec<String> {
        let fits = |labels: &[String]| labels.iter().map(|l| text::width(l)).sum::<usize>() <= usize::from(width);
        let full: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {} ", key(n), t.title())).collect();
        if fits(&full) {
            return full;
        }
        let compact: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {}", key(n), t.title())).collect();
        if fits(&compact) {
            return compact;
        }
        // First the longest titles that have a shorter name take it, then every one that has.
        let longest = Tab::ALL.iter().filter(|t| t.short().is_some()).map(|t| text::width(&t.title())).max();
        let short = |shorter: bool| -> Vec<String> {
            Tab::ALL
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    let title = t.title();
                    let title = match t.short() {
                        Some(short) if shorter || Some(text::width(&title)) == longest => short,
                        _ => title,
                    };
                    format!(" {} {title}", key(n))
                })
                .collect()
        };
        let one = short(false);
        if fits(&one) { one } else { short(true) }
    }
}

/// The number key of the `n`th tab (from 0): 1 to 9, then 0 for the tenth.
fn key(n: usize) -> usize {
    (n + 1) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_opens_where_work_waits_unless_the_settings_name_a_tab() {
        assert_eq!(Tab::at_start(None, true), Tab::Queue);
        assert_eq!(Tab::at_start(None, false), Tab::Columns);
        assert_eq!(Tab::at_start(Some(StartTab::Queue), false), Tab::Queue);
        assert_eq!(Tab::at_start(Some(StartTab::Scores), true), Tab::Scores);
        // Every tab the setting can name opens that tab, in the order of the tab bar.
        for (start, tab) in StartTab::ALL.iter().zip(Tab::ALL) {
            assert_eq!(Tab::at_start(Some(*start), true).name(), tab.name());
            assert_eq!(start.as_str(), if tab == Tab::Inspection { "inspect" } else { tab.name() });
        }
    }
}
