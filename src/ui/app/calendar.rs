//! `:calendar`: the holiday notices the calendar holds, and importing next year's from a file, as
//! `calendar import` does (the same reading and the same audited transaction): the console shows
//! what the notice would add and asks before it writes. The status line says, from 1 December,
//! when next year's notice is missing.

use chrono::NaiveDate;

use super::{App, Confirmed, Effect, Load, Overlay};
use crate::domain::holiday_notice::Notice;
use crate::reports::calendar::{CalendarStatus, Preview, said, summary};
use crate::t;

/// A calendar query.
#[derive(Debug, Clone, PartialEq)]
pub enum CalendarLoad {
    /// The years held, as of a day (the console's `:at`, today unless set).
    Status { at: NaiveDate },
    /// A notice read from a file and compared with the calendar (nothing written).
    Preview { path: String },
    /// A notice read before, imported in one audited transaction.
    Import(Box<Notice>),
}

/// What a calendar query brought back.
#[derive(Debug, Clone)]
pub enum CalendarLoaded {
    Status(Result<CalendarStatus, String>),
    Preview(Result<Box<Preview>, String>),
    /// What the import did, in one line.
    Imported(Result<String, String>),
}

impl App {
    /// Asks what the calendar holds, as of the day the console shows (`:at`).
    pub(super) fn load_calendar_status(&mut self, effects: &mut Vec<Effect>) {
        self.request(Load::Calendar(CalendarLoad::Status { at: self.at }), effects);
    }

    /// What the status line says about the calendar, if it does not know what it needs.
    pub fn calendar_warning(&self) -> Option<String> {
        self.calendar.as_ref().and_then(CalendarStatus::warning)
    }

    /// The warning's first part, what is missing, for a status line with no room for the whole.
    pub fn calendar_warning_head(&self) -> Option<String> {
        self.calendar.as_ref().and_then(CalendarStatus::warning_head)
    }

    /// `:calendar` and `:calendar import PATH`.
    pub(super) fn calendar_command(&mut self, arg: &str, effects: &mut Vec<Effect>) {
        let (what, rest) = arg.split_once(' ').map_or((arg, ""), |(w, r)| (w, r.trim()));
        match what {
            "" => match &self.calendar {
                Some(status) => {
                    // What is missing first: on a narrow terminal the line is cut at its end.
                    let missing = status.warning().map_or_else(String::new, |w| format!("{w} · "));
                    self.tell(t!("calendar-held", missing = missing, held = status.held()));
                }
                None => {
                    self.load_calendar_status(effects);
                    self.tell(t!("calendar-reading"));
                }
            },
            "import" if rest.is_empty() => self.warn(t!("calendar-import-usage")),
            "import" => {
                let path = expand_home(rest);
                let id = self.request(Load::Calendar(CalendarLoad::Preview { path }), effects);
                self.calendar_preview = Some(id);
                self.tell(t!("calendar-reading-file", file = rest.to_string()));
            }
            other => self.warn(t!("calendar-unknown", command = other.to_string())),
        }
    }

    pub(super) fn calendar_loaded(&mut self, id: u64, loaded: CalendarLoaded, effects: &mut Vec<Effect>) {
        match loaded {
            // An answer for a day no longer shown (`:at` again before it came) is dropped.
            CalendarLoaded::Status(Ok(status)) if status.today == self.at => self.calendar = Some(status),
            CalendarLoaded::Status(Ok(_)) => {}
            CalendarLoaded::Status(Err(e)) => tracing::warn!("reading the calendar's notices failed: {e}"),
            CalendarLoaded::Preview(result) => {
                if self.calendar_preview != Some(id) {
                    return;
                }
                self.calendar_preview = None;
                match result {
                    Err(e) => self.warn(e),
                    Ok(p) if !p.change.changed() => self.tell(said(&p.notice, &p.change, false)),
                    Ok(p) => {
                        let text = self.import_question(&p);
                        self.notice = None;
                        self.overlay = Overlay::Confirm { text, then: Confirmed::ImportCalendar(Box::new(p.notice)) };
                    }
                }
            }
            CalendarLoaded::Imported(said) => {
                self.wrote(id, said, effects);
                self.load_calendar_status(effects);
            }
        }
    }

    /// The question before an import: what it would add or change, day by day.
    fn import_question(&self, p: &Preview) -> String {
        let ambiguous = self.ambiguous;
        let mut lines = vec![summary(&p.notice, &p.change, false), String::new()];
        // As many days as the screen has room for beside the summary (wrapped to three rows),
        // the blank rows, the count of the rest and the keys.
        let room = self.list_room(7).max(1);
        let listed = if p.change.days.len() > room { room - 1 } else { room };
        for d in p.change.days.iter().take(listed) {
            let kind = match d.kind {
                crate::domain::calendar::DayKind::Holiday => t!("calendar-holiday"),
                crate::domain::calendar::DayKind::Workday => t!("calendar-workday"),
            };
            lines.push(format!("  {} {} {}", d.date, crate::ui::text::pad(&kind, 7, ambiguous), d.note));
        }
        if p.change.days.len() > listed {
            lines.push(t!("withdraw-more", count = p.change.days.len() - listed));
        }
        lines.push(String::new());
        lines.push(t!(
            "calendar-import-keys",
            yes = self.keymap.key_name(crate::ui::keymap::Layer::Confirm, crate::ui::keymap::Action::Confirm),
            no = self.keymap.key_name(crate::ui::keymap::Layer::Confirm, crate::ui::keymap::Action::Back)
        ));
        lines.join("\n")
    }
}

/// `~/…` as the user's home (the console is often reached over SSH, in the home directory).
fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => path.to_string(),
    }
}
