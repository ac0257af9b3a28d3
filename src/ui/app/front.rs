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
            Some(start) => Tab::ALL[start.index()],
            None if items_waiting => Tab::Queue,
            None => Tab::Columns,
        }
    }

    /// The key that brings it to the front, as the bar shows it: 1 to 9, then 0 for the tenth;
    /// a tab past the tenth (the sites' overview) the capital of its name's first letter.
    pub fn key(self) -> String {
        match Tab::ALL.iter().position(|t| *t == self).unwrap_or(0) {
            n if n < 10 => ((n + 1) % 10).to_string(),
            _ => self.name()[..1].to_uppercase(),
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
    /// all fit, ` 1 Queue`; when those do not fit either, the widest label that has a shorter name
    /// takes it, one at a time (the first of equals first), until they fit; when even every
    /// shorter name does not (many tabs at 80 columns), the widest labels but the one in front
    /// (`front`) give way to their numbers alone. Widths are in cells (a Chinese character takes
    /// two).
    pub fn labels(width: u16, tabs: &[Tab], front: Tab) -> Vec<String> {
        let fits = |labels: &[String]| labels.iter().map(|l| text::width(l)).sum::<usize>() <= usize::from(width);
        let full: Vec<String> = tabs.iter().map(|t| format!(" {} {} ", t.key(), t.title())).collect();
        if fits(&full) {
            return full;
        }
        let mut labels: Vec<String> = tabs.iter().map(|t| format!(" {} {}", t.key(), t.title())).collect();
        let mut shorter: Vec<Option<String>> =
            tabs.iter().map(|t| t.short().map(|short| format!(" {} {short}", t.key()))).collect();
        while !fits(&labels) {
            let widest = (0..tabs.len())
                .filter(|n| shorter[*n].as_ref().is_some_and(|s| text::width(s) < text::width(&labels[*n])))
                .max_by_key(|n| (text::width(&labels[*n]), std::cmp::Reverse(*n)));
            let Some(n) = widest else { break };
            labels[n] = shorter[n].take().unwrap_or_default();
        }
        while !fits(&labels) {
            let number = |t: &Tab| format!(" {}", t.key());
            let longest = tabs
                .iter()
                .enumerate()
                .filter(|(n, t)| **t != front && labels[*n] != number(t))
                .max_by_key(|(n, _)| (text::width(&labels[*n]), std::cmp::Reverse(*n)));
            let Some((n, t)) = longest else { break };
            labels[n] = number(t);
        }
        labels
    }
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
        // Every tab can be named, and each name opens that tab, in the order of the tab bar; its
        // number is the key the bar shows it with (the tenth's 0).
        assert_eq!(StartTab::ALL.len(), Tab::ALL.len());
        for (start, tab) in StartTab::ALL.iter().zip(Tab::ALL) {
            assert_eq!(Tab::at_start(Some(*start), true).name(), tab.name());
            assert_eq!(start.as_str(), if tab == Tab::Inspection { "inspect" } else { tab.name() });
            assert_eq!(start.number().map(|n| n.to_string()), Some(tab.key()).filter(|k| k.parse::<u8>().is_ok()));
            if let Some(n) = start.number() {
                assert_eq!(StartTab::parse(&n.to_string()), Some(*start));
            }
            assert_eq!(StartTab::parse(start.as_str()), Some(*start));
        }
        assert_eq!(StartTab::parse("0"), Some(StartTab::Orders));
        assert_eq!(Tab::at_start(StartTab::parse("0"), true), Tab::Orders);
    }
}
