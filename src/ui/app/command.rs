//! The `:` line: its commands, their completions, and running one.

use super::*;
use crate::ui::views::columns::tree::Mode;

/// The commands of the `:` line, with what they take.
pub const COMMANDS: &[(&str, &str)] = &[
    ("columns", "the column tree"),
    ("stale", "columns worst first (only overdue and empty)"),
    ("overdue", "only overdue and empty columns"),
    ("tree", "the whole tree again"),
    ("unit", "NAME: the columns a unit answers for"),
    ("at", "YYYY-MM-DD: staleness as of a day (empty: today)"),
    ("scores", "[2024Q3 | 2024]: the assessment"),
    ("audit", "the audit trail, newest first"),
    ("queue", "items awaiting a decision"),
    ("retractions", "pending retraction requests, most urgent first"),
    ("withdrawn", "the latest withdrawals, to restore one"),
    ("inspect", "the national check's single-veto indicators as of :at's day"),
    ("calendar", "[import FILE]: the holiday notices held; import next year's (shown, then asked)"),
    ("findings", "the content checks' findings on every online item (slow on a large site)"),
    ("refresh", "reload from the database"),
    ("help", "the keys of this view"),
    ("q", "quit"),
    ("quit", "quit"),
];

impl App {
    /// Completions of a command line: command names, then unit names after `unit `.
    pub fn completions(&self, line: &str) -> Vec<String> {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("unit ") {
            let units = self.views.columns.units();
            return units
                .into_iter()
                .filter(|u| SearchKey::new(&[u]).matches(rest.trim()))
                .map(|u| format!("unit {u}"))
                .collect();
        }
        COMMANDS
            .iter()
            .filter(|(c, _)| c.starts_with(line) && !line.contains(' '))
            .map(|(c, _)| c.to_string())
            .collect()
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
            "help" => self.overlay = Overlay::Help { scroll: 0 },
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
                        mode(self, &move |m| {
                            m.by_unit = true;
                            m.unit = Some(only.clone());
                        });
                        self.tell(format!("the columns {unit} answers for"));
                    }
                    None => self.warn(format!("no unit {arg:?} (Tab completes unit names)")),
                }
            }
            "at" => {
                let day = if arg.is_empty() {
                    Ok(crate::domain::time::beijing_date(Utc::now()))
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
                        self.tell(format!("staleness as of {day}"));
                    }
                    Err(e) => self.warn(e),
                }
            }
            "audit" => self.switch(Tab::Audit, effects),
            "queue" => self.switch(Tab::Queue, effects),
            "retractions" => self.switch(Tab::Retractions, effects),
            "withdrawn" => self.switch(Tab::Withdrawn, effects),
            "inspect" | "inspection" => self.switch(Tab::Inspection, effects),
            "findings" => self.switch(Tab::Findings, effects),
            "calendar" => self.calendar_command(arg, effects),
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
            other => self.warn(format!("unknown command :{other} (Tab lists them)")),
        }
    }
}
