//! A query's result arriving: the view that asked for it takes it, a stale one is dropped.

use super::*;

impl App {
    pub(super) fn loaded(&mut self, id: u64, loaded: Loaded, effects: &mut Vec<Effect>) {
        // The connection's own checks say for themselves whether it is up; any other query that
        // succeeded says it is.
        let checks = matches!(loaded, Loaded::Ping(_) | Loaded::Whoami(_));
        if !checks && !health::failed(&loaded) {
            self.query_succeeded();
        }
        // Every result, named: a new one does not compile until it is taken here.
        match loaded {
            Loaded::Ping(result) => self.checked(id, result, effects),
            Loaded::Whoami(result) => self.identified(id, result),
            Loaded::View(loaded) => {
                let (views, cx, mut ask) = self.parts(effects);
                views.loaded(id, loaded, &cx, &mut ask);
                for event in std::mem::take(&mut ask.events) {
                    self.event(event, effects);
                }
            }
            Loaded::Withdrawn(result) => {
                let ours = self.retraction_write == Some(id);
                let withdrawn = result.as_ref().map(|w| w.withdrawn.clone()).unwrap_or_default();
                self.wrote(id, result.map(|w| withdraw::withdrawal_said(&w)), effects);
                if ours {
                    self.check_pages(withdrawn, effects);
                }
            }
            Loaded::Marked(kind, result) => self.wrote(id, result.map(|m| withdraw::marking_said(kind, &m)), effects),
            Loaded::Restored(result) => self.wrote(id, result.map(|r| withdraw::restore_said(&r)), effects),
            Loaded::Declined(result) => self.wrote(id, result.map(|_| t!("declined-said")), effects),
            Loaded::Calendar(what) => self.calendar_loaded(id, what, effects),
            Loaded::LastBackup(result) => self.last_backup_loaded(id, result),
            Loaded::Replica(result) => self.replica_loaded(id, result),
            Loaded::PagesChecked(result) => self.pages_checked(id, result, effects),
        }
    }
}
