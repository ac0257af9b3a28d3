//! Everything a query brings back, made safe to keep and show as it enters the console's state
//! (`App::update`), field by field with the rules of `ui::sanitise`.

use super::{AssessmentLoaded, CalendarLoaded, Loaded};
use crate::ui::sanitise::{clean_line, clean_result};

/// Everything a query brought back, safe to keep and show.
pub fn sanitised(mut loaded: Loaded) -> Loaded {
    if let Loaded::View(view) = loaded {
        return Loaded::View(view.sanitised());
    }
    match &mut loaded {
        Loaded::View(_) => {}
        Loaded::Withdrawn(r) => clean_result(r, |_| {}),
        Loaded::Marked(_, r) => clean_result(r, |_| {}),
        Loaded::Restored(_, r) => clean_result(r, |_| {}),
        Loaded::Declined(r) => clean_result(r, |_| {}),
        Loaded::Ping(r) => clean_result(r, |_| {}),
        Loaded::Whoami(r) => clean_result(r, |w| {
            clean_line(&mut w.name);
            clean_line(&mut w.site);
        }),
        Loaded::Waived(_, r) => clean_result(r, |_| {}),
        Loaded::Assessment(a) => match a {
            AssessmentLoaded::Added(_, r) | AssessmentLoaded::Reversed(_, r) => clean_result(r, |_| {}),
        },
        // A notice's text comes from a file anyone could have written.
        Loaded::Calendar(CalendarLoaded::Preview(r)) => clean_result(r, |p| {
            if let Some(n) = &mut p.notice.number {
                clean_line(n);
            }
            for d in &mut p.notice.days {
                clean_line(&mut d.note);
            }
            for d in &mut p.change.days {
                clean_line(&mut d.note);
            }
        }),
        Loaded::Calendar(CalendarLoaded::Status(r)) => clean_result(r, |_| {}),
        Loaded::Calendar(CalendarLoaded::Imported(r)) => clean_result(r, |_| {}),
        Loaded::LastBackup(r) => clean_result(r, |_| {}),
    }
    loaded
}
