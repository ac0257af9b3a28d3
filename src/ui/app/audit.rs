//! The audit trail tab: its records newest first, a page at a time, filtered by what they say
//! and by their Beijing day.

use super::*;

impl Row for AuditEntry {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        // Its Beijing time too, so that typing a day (2026-11-28) keeps that day's records.
        let at = crate::domain::time::format_time(self.at, false);
        SearchKey::new(&[&self.operator, &self.action, &self.target, &self.detail, &at])
    }
}

impl App {
    pub(super) fn load_audit(&mut self, before: Option<i64>, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Audit { before }, effects);
        self.audit.asked(req, before);
    }
}
