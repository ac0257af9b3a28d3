//! The Audit tab: the audit trail newest first, a page at a time, filtered by what the records
//! say and by their Beijing day; Enter shows a record whole.

use super::pages::{Fetched, ListLoad, ListLoaded, Listed, Pager};
use super::{Ask, Cx, View};
use crate::domain::search::Needle;
use crate::store::{self, AuditEntry, AuditFilter, Seek, Site, Store, Total};
use crate::ui::keymap::Layer;
use crate::ui::paged::{List, PAGE, Paged, Row};
use crate::ui::sanitise::{clean_block, clean_line};
use crate::ui::text::SearchKey;
use crate::usecase;

mod draw;

/// The tab's state: the records loaded so far.
#[derive(Debug, Default)]
pub struct AuditView {
    pub list: Paged<AuditEntry, Trail>,
}

/// Where its pages come from: the site's audit trail, newest first; with a filter (as typed), the
/// records whose row shows it (`AuditFilter::text`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trail;

#[async_trait::async_trait]
impl Listed for Trail {
    type Row = AuditEntry;
    type Filter = AuditFilter;

    /// A text of two characters or more (a shorter one is refused), with the kinds of target and
    /// the values of the details it names in the words the tab shows them in
    /// (`words::audit::said_in`; the use case adds the actions).
    fn filter(typed: Option<&str>) -> Result<AuditFilter, String> {
        let text = typed.map(Needle::new).transpose()?;
        let (targets, values) = text.as_ref().map(crate::ui::words::audit::said_in).unwrap_or_default();
        Ok(AuditFilter { text, targets, values, ..Default::default() })
    }

    async fn page(store: &dyn Store, site: &Site, filter: &AuditFilter, seek: Seek<i64>) -> Fetched<AuditEntry> {
        usecase::audit::page(store, site, filter, seek, PAGE).await
    }

    async fn total(store: &dyn Store, site: &Site, filter: &AuditFilter) -> store::Result<Total> {
        usecase::audit::total(store, site, filter).await
    }

    fn failed(error: String) -> String {
        crate::t!("audit-load-failed", error = error)
    }

    fn sanitise(e: &mut AuditEntry) {
        clean_line(&mut e.operator);
        clean_line(&mut e.action);
        clean_line(&mut e.target);
        clean_block(&mut e.detail);
    }
}

/// The tab's queries: a page of the trail, its count.
pub type Load = ListLoad<Trail>;

/// What they brought back.
pub type Loaded = ListLoaded<Trail>;

impl Row for AuditEntry {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        // What the row shows (its action and target in words, its detail's summary) and what the
        // database's filter reads (their stable names, which `audit --action` takes, and the
        // values of its detail, never its JSON's field names); its Beijing time too, so that
        // typing a day (2026-11-28) keeps that day's records.
        let at = crate::domain::time::format_time(self.at, false);
        let action = crate::ui::words::audit_action_text(&self.action);
        let target = crate::ui::words::audit_target_text(&self.target);
        let summary = crate::ui::words::audit::summary(&self.action, &self.detail);
        let values = crate::ui::words::audit::values(&self.detail).join(" ");
        SearchKey::new(&[&self.operator, &action, &self.action, &target, &self.target, &summary, &values, &at])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.id.to_string() } else { self.detail.clone() })
    }
}

impl AuditView {
    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        self.list.take(id, loaded, cx.height, ask);
    }
}

impl View for AuditView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn pages(&mut self) -> Option<&mut dyn Pager> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        Layer::Audit
    }

    fn open(&mut self, cx: &Cx, ask: &mut Ask) {
        if let Some(e) = self.list.selected() {
            let at = crate::domain::time::for_people(e.at, cx.now);
            let field = |key: String, value: &str| format!("{} {value}", crate::ui::text::pad(&key, 9, cx.ambiguous));
            *ask.overlay = crate::ui::app::Overlay::Record(format!(
                "#{}  {at}\n{}\n{}\n{}\n\n{}",
                e.id,
                field(crate::t!("audit-head-operator"), &e.operator),
                field(crate::t!("audit-head-action"), &coded(crate::ui::words::audit_action_text(&e.action), &e.action)),
                field(crate::t!("audit-head-target"), &coded(crate::ui::words::audit_target_text(&e.target), &e.target)),
                e.detail
            ));
        }
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}

/// A record's action or target in words, with the stable name the command line filters by
/// (`audit --action retract`) after it: 撤回 (retract).
fn coded(words: String, code: &str) -> String {
    if words == code { words } else { crate::t!("audit-record-coded", words = words, code = code) }
}
