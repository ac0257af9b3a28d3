//! One item opened whole (from a column, the queue, a unit's score or the findings): its state,
//! its page scrolled by the motion keys, and its drawing (`draw.rs`). Each view that opens an item
//! loads it with a query of its own and keeps an `ItemView` while it is open.

use crate::store::{ExportedItem, HistoryEntry};
use crate::t;
use crate::ui::keymap::Action;
use crate::ui::views::Ask;

mod draw;
pub use draw::PageOrder;

/// One item, whole.
#[derive(Debug)]
pub struct ItemView {
    pub id: i64,
    pub item: Option<(ExportedItem, Vec<HistoryEntry>)>,
    pub scroll: u16,
    /// The furthest its page scrolls, as last drawn (its rows less those shown): `End` stops at
    /// the page's last row, not past it, and `PgUp` from there brings the text back.
    pub last_top: std::cell::Cell<u16>,
    pub waiting: Option<u64>,
    pub error: Option<String>,
}

impl ItemView {
    /// Item `id`, loading (the query numbered `waiting`).
    pub fn loading(id: i64, waiting: u64) -> ItemView {
        ItemView {
            id,
            item: None,
            scroll: 0,
            last_top: std::cell::Cell::new(u16::MAX),
            waiting: Some(waiting),
            error: None,
        }
    }

    /// Query `id`'s result for the item `opened`, if it is the one the item waits for: the item, or
    /// its error kept and said on the status line.
    pub fn arrived(
        opened: Option<&mut ItemView>,
        id: u64,
        result: Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>,
        ask: &mut Ask,
    ) {
        let Some(item) = opened.filter(|i| i.waiting == Some(id)) else { return };
        item.waiting = None;
        match result {
            Ok(found) => item.item = Some(*found),
            Err(e) => {
                ask.warn(t!("item-load-failed", id = item.id, error = e.clone()));
                item.error = Some(e);
            }
        }
    }

    /// The text the copy keys copy: its id, or its title once loaded.
    pub fn copy(&self, id: bool) -> Option<String> {
        if id { Some(self.id.to_string()) } else { self.item.as_ref().map(|(i, _)| i.fields.title.clone()) }
    }
}

/// The rows a motion key moves an item's page by (`height` rows to a page), if it is one.
pub fn page_delta(action: Action, height: usize) -> Option<isize> {
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

/// A key on the item opened from a view's list (`opened`, none: nothing is open): the motion keys
/// scroll its page, Esc closes it (unless a question is open over it), `w` asks to withdraw it
/// after the usual confirmation, the filter does nothing on it; false if the key is none of those.
pub fn on_action(opened: &mut Option<ItemView>, action: Action, height: usize, ask: &mut Ask) -> bool {
    let Some(item) = opened else { return false };
    if let Some(delta) = page_delta(action, height) {
        scroll(item, delta);
        return true;
    }
    match action {
        Action::Back if matches!(ask.overlay, crate::ui::app::Overlay::None) => *opened = None,
        Action::WithdrawItems => match crate::ui::app::opened_item(item) {
            Ok(items) => ask.post(crate::ui::views::Event::Withdraw(items)),
            Err(why) => ask.warn(why),
        },
        // Nothing to filter on an item's page.
        Action::Filter => {}
        _ => return false,
    }
    true
}

/// Scrolls an item's page by `delta` rows.
pub fn scroll(item: &mut ItemView, delta: isize) {
    let moved = item.scroll.min(item.last_top.get());
    item.scroll = moved
        .saturating_add_signed(i16::try_from(delta.clamp(-10_000, 10_000)).unwrap_or(0))
        .min(10_000)
        .min(item.last_top.get());
}
