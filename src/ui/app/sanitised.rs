//! Everything a query brings back, made safe to keep and show as it enters the console's state
//! (`App::update`), field by field with the rules of `ui::sanitise`.

use super::{CalendarLoaded, Loaded};
use crate::ui::sanitise::{clean_all, clean_line, clean_option, clean_result};

/// Everything a query brought back, safe to keep and show.
pub fn sanitised(mut loaded: Loaded) -> Loaded {
    if let Loaded::View(view) = loaded {
        return Loaded::View(view.sanitised());
    }
    match &mut loaded {
        Loaded::View(_) => {}
        Loaded::Withdrawn(r) => clean_result(r, |_| {}),
        Loaded::Marked(_, r) => clean_result(r, |_| {}),
        Loaded::Restored(r) => clean_result(r, |_| {}),
        Loaded::Declined(r) => clean_result(r, |_| {}),
        Loaded::Ping(r) => clean_result(r, |_| {}),
        Loaded::Whoami(r) => clean_result(r, |w| {
            clean_line(&mut w.name);
            clean_line(&mut w.site);
        }),
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
        // Numbers and flags only.
        Loaded::Replica(r) => clean_result(r, |_| {}),
        // The pages' addresses are content; what a server said is made plain when it is kept.
        Loaded::PagesChecked(r) => clean_result(r, |found| {
            let all = found.still_public.iter_mut().chain(found.unsure.iter_mut()).chain(found.linked_from.iter_mut());
            for l in all {
                clean_line(&mut l.title);
                clean_option(&mut l.unit);
                clean_line(&mut l.url);
                clean_option(&mut l.error);
                clean_all(&mut l.columns);
            }
        }),
    }
    loaded
}
