//! The check after a withdrawal, in the console as on the command line (`usecase::links`): once a
//! withdrawal is saved, the withdrawn items' public pages are fetched on a task of their own (the
//! keys keep working; the console never waits on the network), and the status line says what
//! still points at them: a page that still answers without the site's withdrawal notice, and the
//! online items whose links lead to a withdrawn page. The Withdrawn tab's `[still public]` flags
//! and the Findings tab's broken links load again with the results.

use super::{App, Effect, Load, arrived};
use crate::reports::links::{AfterWithdrawal, Settings};
use crate::t;

/// How many item ids a status line names before it says how many more.
const NAMED: usize = 5;

/// Items as the status line names them: `1207, 1102` or `1207, 1102, … (+3)`.
fn ids(items: &[i64]) -> String {
    let mut named: Vec<String> = items.iter().take(NAMED).map(i64::to_string).collect();
    if items.len() > NAMED {
        named.push(t!("pages-more", count = items.len() - NAMED));
    }
    named.join(&t!("list-separator"))
}

/// What the check found, in one line; `None` when there was no page to check.
pub fn pages_said(found: &AfterWithdrawal) -> Option<(String, bool)> {
    if found.pages == 0 {
        return None;
    }
    let mut said = Vec::new();
    match &found.still_public[..] {
        [] => {}
        [one] => said.push(t!("pages-still-public-one", item = one.item, url = one.url.as_str())),
        many => {
            let items: Vec<i64> = many.iter().map(|r| r.item).collect();
            said.push(t!("pages-still-public-many", count = many.len(), items = ids(&items)));
        }
    }
    if !found.unsure.is_empty() {
        let items: Vec<i64> = found.unsure.iter().map(|r| r.item).collect();
        said.push(t!("pages-unsure", count = items.len(), items = ids(&items)));
    }
    if !found.linked_from.is_empty() {
        let mut items: Vec<i64> = found.linked_from.iter().map(|r| r.item).collect();
        items.dedup();
        said.push(t!("pages-still-linked", count = items.len(), items = ids(&items)));
    }
    if said.is_empty() {
        return Some((t!("pages-gone", count = found.pages), false));
    }
    Some((said.join(&t!("pages-separator")), true))
}

impl App {
    /// The `[links]` settings of config.toml the check after a withdrawal uses (read when the
    /// console opens; why not, if they could not be read).
    pub fn set_link_settings(&mut self, settings: Result<Settings, String>) {
        self.link_settings = settings;
    }

    /// A withdrawal was saved: its items' public pages are checked, on a task.
    pub(super) fn check_pages(&mut self, items: Vec<i64>, effects: &mut Vec<Effect>) {
        if items.is_empty() {
            return;
        }
        let settings = match &self.link_settings {
            Ok(settings) => settings.clone(),
            Err(e) => {
                self.warn(t!("links-not-checked", error = e.clone()));
                return;
            }
        };
        let id = self.request(Load::CheckPages { items, settings }, effects);
        self.pages_check = Some(id);
        self.pages_fetched = None;
    }

    /// The check after a withdrawal has fetched `done` of its `of` pages (the status line says so).
    pub(super) fn pages_progress(&mut self, id: u64, done: usize, of: usize) {
        if self.pages_check == Some(id) {
            self.pages_fetched = Some((done, of));
        }
    }

    /// The check after a withdrawal came back: said, and the flags and broken links shown again.
    pub(super) fn pages_checked(
        &mut self,
        id: u64,
        result: Result<AfterWithdrawal, String>,
        effects: &mut Vec<Effect>,
    ) {
        if !arrived(&mut self.pages_check, id) {
            return;
        }
        self.pages_fetched = None;
        match result {
            Ok(found) => match pages_said(&found) {
                Some((said, true)) => self.warn(said),
                Some((said, false)) => self.tell(said),
                None => {}
            },
            // A check that could not run is said; the withdrawal stands.
            Err(e) => self.warn(t!("links-not-checked", error = e)),
        }
        let (views, cx, mut ask) = self.parts(effects);
        crate::ui::views::View::reload(&mut views.withdrawn, &cx, &mut ask);
        views.findings.links.reload(&mut ask);
    }
}
