//! The Findings tab: the content checks (`portal-admin check --online`) on every online item,
//! newest first: each finding's item, kind, text, message and suggestion, blocking ones marked.
//! On a large site it takes tens of seconds, so it runs only when the tab is first opened (and on
//! F5), on a task, while the keys keep working. Enter opens the item, from which `w` withdraws it.

use chrono::{DateTime, Utc};

use super::withdraw::opened_item;
use super::{App, Effect, ItemView, Load, Overlay, page_delta, scroll};
use crate::domain::checks::Finding;
use crate::store::ItemText;
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{Paged, Row};
use crate::ui::text::SearchKey;

/// One finding on an online item (the item's body is not kept: the item screen loads it).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    pub item: i64,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
    pub finding: Finding,
}

/// The rows of `check_online`'s result, newest item first, each item's findings in order.
pub fn finding_rows(found: Vec<(ItemText, Vec<Finding>)>) -> Vec<FindingRow> {
    found
        .into_iter()
        .flat_map(|(item, findings)| {
            let (id, title, published_at) = (item.id, item.title, item.published_at);
            findings.into_iter().map(move |finding| FindingRow { item: id, title: title.clone(), published_at, finding })
        })
        .collect()
}

impl Row for FindingRow {
    type Key = (i64, String);

    fn key(&self) -> Self::Key {
        (self.item, format!("{} {}", self.finding.kind.as_str(), self.finding.span()))
    }

    fn search(&self) -> SearchKey {
        let f = &self.finding;
        SearchKey::new(&[&self.item.to_string(), &self.title, f.kind.as_str(), &f.text, &f.message])
    }
}

/// The findings, and an item opened from them.
#[derive(Debug, Default)]
pub struct FindingsView {
    pub list: Paged<FindingRow>,
    pub item: Option<ItemView>,
}

impl FindingsView {
    /// Whether it has been loaded (or is loading), so that it loads again after a withdrawal.
    pub fn shown(&self) -> bool {
        self.list.done || self.list.waiting.is_some() || !self.list.rows.is_empty()
    }

    /// How many items have findings, and how many findings block.
    pub fn counts(&self) -> (usize, usize) {
        let mut items: Vec<i64> = self.list.rows.iter().map(|r| r.item).collect();
        items.dedup();
        (items.len(), self.list.rows.iter().filter(|r| r.finding.blocking).count())
    }
}

impl App {
    pub(super) fn load_findings(&mut self, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Findings, effects);
        self.findings.list.asked(req, None);
    }

    pub(super) fn findings_layer(&self) -> Layer {
        if self.findings.item.is_some() { Layer::Item } else { Layer::Findings }
    }

    /// Loads the item opened from the findings again (after a change to it).
    pub(super) fn reload_found_item(&mut self, effects: &mut Vec<Effect>) {
        let Some(id) = self.findings.item.as_ref().map(|i| i.id) else { return };
        let req = self.request(Load::Item { id }, effects);
        if let Some(i) = &mut self.findings.item {
            i.waiting = Some(req);
        }
    }

    /// Runs an action of the Findings tab; false if it is not one.
    pub(super) fn findings_act(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        let overlay = matches!(self.overlay, Overlay::None);
        let height = self.list_height();
        if let Some(item) = &mut self.findings.item {
            if let Some(delta) = page_delta(action, height) {
                scroll(item, delta);
                return true;
            }
            match action {
                Action::Back if overlay => self.findings.item = None,
                Action::WithdrawItems => self.withdraw_found_item(),
                Action::Filter => {}
                _ => return false,
            }
            return true;
        }
        if action == Action::Open {
            if let Some(id) = self.findings.list.selected().map(|r| r.item) {
                let req = self.request(Load::Item { id }, effects);
                self.findings.item = Some(ItemView { id, item: None, scroll: 0, waiting: Some(req), error: None });
            }
            return true;
        }
        false
    }

    /// `w` on an item opened from the findings: withdraw it after the usual confirmation.
    fn withdraw_found_item(&mut self) {
        let Some(view) = &self.findings.item else { return };
        match opened_item(view) {
            Ok(items) => self.ask_withdrawal(items),
            Err(why) => self.warn(why),
        }
    }

    /// The text `y` copies: the item's id or title.
    pub(super) fn findings_copy(&self, id: bool) -> Option<String> {
        match &self.findings.item {
            Some(item) => {
                let title = item.item.as_ref().map(|(i, _)| i.title.clone());
                if id { Some(item.id.to_string()) } else { title }
            }
            None => self.findings.list.selected().map(|r| if id { r.item.to_string() } else { r.title.clone() }),
        }
    }
}
