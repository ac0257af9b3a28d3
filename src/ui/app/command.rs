//! The `:` line: its commands, their completions, and running one.

use super::*;
use crate::i18n;
use crate::ui::views::columns::tree::Mode;
use crate::ui::views::help::Pager;

/// The commands of the `:` line before the tabs' names (`:queue`, `:audit`…) and after them.
const BEFORE_TABS: &[&str] = &["columns", "stale", "overdue", "tree", "unit", "at"];
const AFTER_TABS: &[&str] = &["site", "calendar", "refresh", "help", "messages", "q", "quit"];

/// The commands of the `:` line: every tab's name brings it to the front (`inspect` is also
/// taken for `inspection`).
pub fn names() -> Vec<&'static str> {
    let tabs = Tab::ALL.iter().map(|t| t.name()).filter(|n| !BEFORE_TABS.contains(n));
    BEFORE_TABS.iter().copied().chain(tabs).chain(AFTER_TABS.iter().copied()).collect()
}

/// The commands of the `:` line with what they take, in the language in effect
/// (`command-<name>`).
pub fn commands() -> Vec<(&'static str, String)> {
    names().into_iter().map(|c| (c, said(c))).collect()
}

/// What a command does, in the language in effect (`q` is `quit`).
fn said(command: &str) -> String {
    let name = if command == "q" { "quit" } else { command };
    i18n::text(&format!("command-{name}"), None)
}

impl App {
    /// Completions of a command line: command names, then unit names after `unit `.
    pub fn completions(&self, line: &str) -> Vec<String> {
        let line = line.trim_start();
        // `:unit NAME` (a command's name, not a word to translate).
        let unit = "unit";
        if let Some(rest) = line.strip_prefix(unit).and_then(|r| r.strip_prefix(' ')) {
            let units = self.views.columns.units();
            return units
                .into_iter()
                .filter(|u| SearchKey::new(&[u]).matches(rest.trim()))
                .map(|u| format!("{unit} {u}"))
                .collect();
        }
        names().into_iter().filter(|c| c.starts_with(line) && !line.contains(' ')).map(str::to_string).collect()
    }

    /// Runs a `:` command.
    pub fn command(&mut self, line: &str, effects: &mut Vec<Effect>) {
        let line = line.trim().trim_start_matches(':');
        let (name, arg) = line.split_once(' ').map_or((line, ""), |(n, a)| (n, a.trim()));
        let height = self.list_height();
        let mut mode = |app: &mut App, f: &dyn Fn(&mut Mode)| {
            app.switch(Tab::Columns, effects);
            app.views.columns.look(f, height);
        };
        match name {
            "" => {}
            "q" | "quit" => self.quit = true,
            "help" => self.overlay = Overlay::Help(Pager::top()),
            "messages" => self.open_messages(),
            "refresh" => self.refresh(effects),
            "columns" | "tree" => mode(self, &|m| *m = Default::default()),
            "overdue" => mode(self, &|m| m.only_overdue = true),
            "stale" => mode(self, &|m| {
                m.only_overdue = true;
                m.sort_overdue = true;
                m.by_unit = false;
            }),
            "unit" => {
                let units = self.views.columns.units();
                let found = units
                    .iter()
                    .find(|u| *u == arg)
                    .or_else(|| units.iter().find(|u| !arg.is_empty() && SearchKey::new(&[u]).matches(arg)))
                    .cloned();
                match found {
                    Some(unit) => {
                        let only = unit.clone();
                        // The unit's every column: an overdue-only view left by `:stale` would
                        // show none of a unit whose columns are all up to date.
                        mode(self, &move |m| {
                            m.by_unit = true;
                            m.unit = Some(only.clone());
                            m.only_overdue = false;
                            m.sort_overdue = false;
                        });
                        self.tell(t!("command-unit-said", unit = unit.clone()));
                    }
                    None => self.warn(t!(
                        "command-no-unit",
                        unit = format!("{arg:?}"),
                        complete = Key::plain(KeyCode::Tab).name()
                    )),
                }
            }
            "at" => {
                let day = if arg.is_empty() {
                    Ok(crate::domain::time::beijing_date(self.now))
                } else {
                    crate::domain::time::parse_date(arg)
                };
                match day {
                    Ok(day) => {
                        self.at = day;
                        // The indicators follow the day; on their tab the console stays there.
                        self.with_view(Tab::Inspection, effects, |v, cx, ask| v.reload(cx, ask));
                        if self.tab != Tab::Inspection {
                            self.switch(Tab::Columns, effects);
                        }
                        let (views, cx, mut ask) = self.parts(effects);
                        views.columns.load_tree(&cx, &mut ask);
                        // What the status line says of the calendar follows the day too.
                        self.load_calendar_status(effects);
                        self.tell(t!("command-at-said", date = day.to_string()));
                    }
                    Err(e) => self.warn(e),
                }
            }
            "inspect" => self.switch(Tab::Inspection, effects),
            "find" => {
                self.switch(Tab::Find, effects);
                if !arg.is_empty() {
                    let (views, cx, mut ask) = self.parts(effects);
                    views.find.find(arg, &cx, &mut ask);
                }
            }
            "calendar" => self.calendar_command(arg, effects),
            "site" => self.site_command(arg, effects),
            "scores" => {
                let period = if arg.is_empty() {
                    self.views.scores.period
                } else {
                    match arg.parse::<Period>() {
                        Ok(p) => p,
                        Err(e) => {
                            self.warn(e.to_string());
                            return;
                        }
                    }
                };
                self.tab = Tab::Scores;
                let (views, _, mut ask) = self.parts(effects);
                views.scores.show_period(period, &mut ask);
            }
            // Every other tab's name brings it to the front.
            other => match Tab::ALL.iter().find(|t| t.name() == other) {
                Some(tab) => self.switch(*tab, effects),
                None => self.warn(t!(
                    "command-unknown",
                    command = other.to_string(),
                    complete = Key::plain(KeyCode::Tab).name()
                )),
            },
        }
    }
}
