//! The help, over any view: where the database, the settings and the log are, the keys of the
//! view in front and the keys everywhere, the `:` commands. The motion keys scroll it, Ctrl+Q
//! quits, any other key closes it. Its state is its scroll (`Overlay::Help`); it loads nothing.

use crate::ui::keymap::Action;

mod draw;
pub use draw::draw;

/// What a key does while the help is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// It scrolled (or did nothing): the help stays.
    Stay,
    Close,
    Quit,
}

/// A key (as the global layer reads it; `ctrl` when Control was held) on the help scrolled to
/// `scroll`.
pub fn key(scroll: &mut u16, action: Option<Action>, ctrl: bool) -> Key {
    match action {
        Some(Action::Down) => *scroll = scroll.saturating_add(1),
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Quit) if ctrl => return Key::Quit,
        _ => return Key::Close,
    }
    Key::Stay
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_motion_keys_scroll_ctrl_q_quits_and_any_other_key_closes() {
        let mut scroll = 0;
        assert_eq!(key(&mut scroll, Some(Action::Up), false), Key::Stay);
        assert_eq!(scroll, 0, "not above the top");
        assert_eq!(key(&mut scroll, Some(Action::Down), false), Key::Stay);
        assert_eq!(key(&mut scroll, Some(Action::Down), false), Key::Stay);
        assert_eq!(scroll, 2);
        assert_eq!(key(&mut scroll, Some(Action::Quit), true), Key::Quit);
        assert_eq!(key(&mut scroll, Some(Action::Quit), false), Key::Close);
        assert_eq!(key(&mut scroll, None, false), Key::Close);
    }
}
