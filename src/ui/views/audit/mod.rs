//! The Audit tab: the audit trail newest first, a page at a time, filtered by what the records
//! say and by their Beijing day; Enter shows a record whole.

use super::pages::{Pager, Source};
use super::{Ask, Cx, View};
use crate::domain::search::Needle;
use crate::store::{AuditEntry, AuditFilter, Seek, Site, Store, StoreError, Total};
use crate::ui::keymap::Layer;
use crate::ui::paged::{List, PAGE, Paged, Row};
use crate::ui::sanitise::{clean_block, clean_line, each};
use crate::ui::text::SearchKey;
use crate::usecase;

mod draw;

/// The tab's state: the records loaded so far.
#[derive(Debug, Default)]
pub struct AuditView {
    pub list: Paged<AuditEntry, Trail>,
}

/// Where its pages come from: the site's audit trail.
#[derive(Debug, Default)]
pub struct Trail;

impl Source for Trail {
    type Key = i64;

    fn page(&self, seek: Seek<i64>, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Page { seek, filter }.into())
    }

    fn total(&self, filter: Option<String>) -> Option<crate::ui::app::Load> {
        Some(Load::Total { filter }.into())
    }

    fn failed(&self, error: String) -> String {
        crate::t!("audit-load-failed", error = error)
    }
}

/// The tab's query.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// A page of the audit trail, newest first, from `seek`; with a filter (as typed), the records
    /// whose operator, action, target or detail holds it.
    Page { seek: Seek<i64>, filter: Option<String> },
    /// How many records the list has, with the filter (as typed).
    Total { filter: Option<String> },
}

/// What it brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Page(Result<Vec<AuditEntry>, String>),
    Total(Result<Total, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Page { .. } | Load::Total { .. } => false,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Page { seek, filter } => Loaded::Page(match audit_filter(filter.as_deref()) {
                Ok(filter) => usecase::audit::page(store, site, &filter, seek, PAGE).await.map_err(line),
                Err(said) => Err(said),
            }),
            Load::Total { filter } => Loaded::Total(match audit_filter(filter.as_deref()) {
                Ok(filter) => usecase::audit::total(store, site, &filter).await.map_err(line),
                Err(said) => Err(said),
            }),
        }
    }
}

/// The audit page's filter for a text typed (two characters or more, else refused), with the
/// kinds of target and the values of the details it names in the words the tab shows them in
/// (`words::audit::said_in`; the use case adds the actions).
fn audit_filter(typed: Option<&str>) -> Result<AuditFilter, String> {
    let text = typed.map(Needle::new).transpose()?;
    let (targets, values) = text.as_ref().map(crate::ui::words::audit::said_in).unwrap_or_default();
    Ok(AuditFilter { text, targets, values, ..Default::default() })
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Page(r) => r.is_err(),
            Loaded::Total(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Page(r) => each(r, |e| {
                clean_line(&mut e.operator);
                clean_line(&mut e.action);
                clean_line(&mut e.target);
                clean_block(&mut e.detail);
            }),
            Loaded::Total(_) => {}
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        vec![
            ("Page", Loaded::Page(Err("the database said no".into()))),
            ("Total", Loaded::Total(Err("the database said no".into()))),
        ]
    }
}

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
        match loaded {
            Loaded::Page(result) => self.list.arrived(id, result, cx.height, ask),
            Loaded::Total(result) => {
                self.list.accept_total(id, result);
            }
        }
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
