//! One item opened whole (from a column, the queue, a unit's score or the findings): its page
//! scrolled by the motion keys, and loaded again after a change.

use super::*;

/// One item, whole.
#[derive(Debug)]
pub struct ItemView {
    pub id: i64,
    pub item: Option<(ExportedItem, Vec<HistoryEntry>)>,
    pub scroll: u16,
    pub waiting: Option<u64>,
    pub error: Option<String>,
}

/// The rows a motion key moves an item's page by (`height` rows to a page), if it is one.
pub(crate) fn page_delta(action: Action, height: usize) -> Option<isize> {
    let page = height.max(1) as isize;
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => -10_000,
        Action::Bottom => 10_000,
        _ => return None,
    })
}

/// Scrolls an item's page by `delta` rows.
pub(crate) fn scroll(item: &mut ItemView, delta: isize) {
    item.scroll =
        item.scroll.saturating_add_signed(i16::try_from(delta.clamp(-10_000, 10_000)).unwrap_or(0)).min(10_000);
}

impl App {
    /// Loads the opened item again (after a refresh or a change to it).
    pub(super) fn reload_item(&mut self, effects: &mut Vec<Effect>) {
        let Some(id) = self.item.as_ref().map(|i| i.id) else { return };
        let req = self.request(Load::Item { id }, effects);
        if let Some(i) = &mut self.item {
            i.waiting = Some(req);
        }
    }
}
