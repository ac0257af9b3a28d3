//! The foot of the screen: the hint line (the keys of what is in front, as many as fit, the help's
//! key always) and a message too long for the status line, shown whole above it until the next
//! key.

use crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line as TextLine;
use ratatui::widgets::{Clear, Widget};

use super::Draw;
use crate::i18n;
use crate::t;
use crate::ui::app::{App, Confirmed, Overlay};
use crate::ui::keymap::{Action, Key, Keymap, Layer};
use crate::ui::text::{self, Ambiguous};

/// Rows a message takes above the status line, at most (the log, `:messages`, has it whole).
pub const NOTICE_ROWS: usize = 4;

/// A key and the word or two that says what it does.
pub type Hint = (String, String);

/// The word for an action on the hint line (`keyhint-…` in the catalogs), if it has one.
fn word(layer: Layer, action: Action) -> Option<String> {
    if action == Action::Back && layer.over_views() {
        return Some(t!("keyhint-cancel"));
    }
    if action == Action::BrokenLinks && layer == Layer::BrokenLinks {
        // The way back, not the way in.
        return Some(t!("keyhint-broken-links-back"));
    }
    if action == Action::Confirm && layer == Layer::Rectify {
        // Enter issues the order the form shows, as its own line says.
        return Some(t!("keyhint-rectify-issue"));
    }
    if action == Action::Open && layer == Layer::Sites {
        // Enter enters the site.
        return Some(t!("keyhint-sites-enter"));
    }
    let key = format!("keyhint-{}", action.name().replace(['.', '_'], "-"));
    i18n::has(i18n::Lang::En, &key).then(|| i18n::text(&key, None))
}

/// The hints of a layer: its own keys first (the seven checks as one, a finding's next and
/// previous as one, an action bound twice once; only those `offered`: not a change the console
/// may not make), then opening, the filter (when `filtered`), the command line and the help.
pub fn hints(keymap: &Keymap, layer: Layer, filtered: bool, offered: &dyn Fn(Action) -> bool) -> Vec<Hint> {
    let checks = Action::CHECKS;
    let key = |a: Action| keymap.key_for(layer, a).map(|k| k.name());
    let mut out: Vec<Hint> = Vec::new();
    let mut seen: Vec<Action> = Vec::new();
    for b in keymap.bindings(layer) {
        let action = b.action;
        if seen.contains(&action) {
            continue;
        }
        seen.push(action);
        if !offered(action) {
            continue;
        }
        if checks.contains(&action) {
            if action == Action::Check1
                && let (Some(first), Some(last)) = (key(Action::Check1), key(Action::Check7))
            {
                out.push((format!("{first}–{last}"), t!("keyhint-review-checks")));
            }
            continue;
        }
        if matches!(action, Action::NextFinding | Action::PreviousFinding) {
            if action == Action::NextFinding {
                let both = match key(Action::PreviousFinding) {
                    Some(p) => format!("{}/{p}", b.key.name()),
                    None => b.key.name(),
                };
                out.push((both, t!("keyhint-review-findings")));
                seen.push(Action::PreviousFinding);
            }
            continue;
        }
        if let Some(w) = word(layer, action) {
            out.push((b.key.name(), w));
        }
    }
    if layer.over_views() {
        return out;
    }
    let global = |a: Action| keymap.key_for(Layer::Global, a).map(|k| (k.name(), word(layer, a)));
    let mut tail = Vec::new();
    if !layer.one_item() && !seen.contains(&Action::Open) {
        tail.push(Action::Open);
    }
    if filtered {
        tail.push(Action::Filter);
    }
    tail.extend([Action::Command, Action::Help]);
    for a in tail {
        if let Some((k, Some(w))) = global(a) {
            out.push((k, w));
        }
    }
    out
}

/// The hints that fit in `width` cells, in their order, the last one (the help) always: the ones
/// before it are dropped from the end until the line fits.
pub fn fitted(hints: &[Hint], width: usize, ambiguous: Ambiguous) -> String {
    let said = |h: &Hint| format!("{} {}", h.0, h.1);
    let Some((last, rest)) = hints.split_last() else { return String::new() };
    let mut kept: Vec<&Hint> = rest.iter().collect();
    let line =
        |kept: &[&Hint]| kept.iter().map(|h| said(h)).chain(std::iter::once(said(last))).collect::<Vec<_>>().join("  ");
    // The general keys (open, filter, command) are the last before the help: they go first, then
    // the view's own from the end.
    while text::width(&line(&kept)) > width && kept.pop().is_some() {}
    text::fit(&line(&kept), width, ambiguous)
}

/// What the hint line says: the keys of a line being typed, else of the layer in front.
fn hint_text(app: &App, width: usize) -> String {
    // A view's line being typed has no layer of keys (a form's has: `App::layer`).
    let typing = matches!(app.overlay, Overlay::Filter(_) | Overlay::Command { .. })
        || (matches!(app.overlay, Overlay::None)
            && app.question().is_some_and(|tab| app.views.of(tab).question_layer().is_none()));
    let hints = if matches!(app.overlay, Overlay::Help(_) | Overlay::Messages(_)) {
        // Their box has its own.
        return String::new();
    } else if matches!(app.overlay, Overlay::Record(_)) {
        vec![(app.keymap.key_name(Layer::Global, Action::Back), t!("keyhint-help-close"))]
    } else if typing {
        // A line being typed is done and left by keys no keymap binds (`app/input.rs`); the filter
        // reopened in force is selected: typing replaces it, an arrow key edits it.
        let selected = matches!(&app.overlay, Overlay::Filter(input) if input.is_selecting());
        let edit = (
            format!("{}{}", Key::plain(KeyCode::Left).name(), Key::plain(KeyCode::Right).name()),
            t!("keyhint-filter-edit"),
        );
        selected
            .then_some(edit)
            .into_iter()
            .chain([
                (Key::plain(KeyCode::Enter).name(), t!("keyhint-enter-done")),
                (Key::plain(KeyCode::Esc).name(), t!("keyhint-cancel")),
            ])
            .collect()
    } else {
        let filtered = app.views.of(app.tab).filter().is_some() && matches!(app.overlay, Overlay::None);
        let mut hints = hints(&app.keymap, app.layer(), filtered, &|a| app.offers(a));
        // Enter only where it opens something (the Withdrawn tab's rows open nothing).
        if matches!(app.overlay, Overlay::None) && !app.views.of(app.tab).opens() {
            let open = app.keymap.key_for(Layer::Global, Action::Open).map(|k| k.name());
            hints.retain(|(key, _)| Some(key) != open.as_ref());
        }
        // Back only where there is somewhere to go back to (the Inspection tab's indicators are
        // its top).
        let view = app.views.of(app.tab);
        if matches!(app.overlay, Overlay::None) && app.layer() == view.layer() && !view.goes_back() {
            let back = app.keymap.key_for(app.layer(), Action::Back).map(|k| k.name());
            hints.retain(|(key, _)| Some(key) != back.as_ref());
        }
        // A withdrawal's reason and marking instead mean something only when confirming one.
        let withdrawing = matches!(
            app.overlay.confirming(),
            None | Some(Confirmed::Withdraw { .. } | Confirmed::WithdrawItems { .. })
        );
        if !withdrawing {
            let only = [Action::NextReason, Action::MarkInstead].map(|a| app.keymap.key_for(Layer::Confirm, a));
            hints.retain(|(key, _)| !only.iter().flatten().any(|k| k.name() == *key));
        }
        hints
    };
    fitted(&hints, width, app.ambiguous)
}

impl Draw<'_> {
    /// The hint line, dim, one cell in.
    pub(super) fn hint_line(&mut self, area: Rect) {
        let said = hint_text(self.app, usize::from(area.width).saturating_sub(2));
        let said = self.text(&said);
        self.put(
            Rect { x: area.x + 1, width: area.width.saturating_sub(1), ..area },
            TextLine::styled(said, self.theme.dim()),
        );
    }

    /// A message too long for the status line, whole above it (over the hint line and the rows
    /// above, at most `NOTICE_ROWS`; the log has what those cannot hold).
    pub(super) fn notice_above(&mut self, status: Rect, said: &str, bold: bool) {
        let width = usize::from(status.width).saturating_sub(1);
        let mut rows = text::wrap(said, width, 2);
        if rows.len() > NOTICE_ROWS {
            rows.truncate(NOTICE_ROWS - 1);
            rows.push(format!("  {}", t!("messages-more")));
        }
        let n = rows.len() as u16;
        let style = if bold { self.theme.bar().add_modifier(ratatui::style::Modifier::BOLD) } else { self.theme.bar() };
        for (i, row) in rows.iter().enumerate() {
            let y = status.y.saturating_sub(n) + i as u16;
            let area = Rect { y, height: 1, ..status };
            Widget::render(Clear, area, self.buf);
            self.buf.set_style(area, style);
            self.put(area, TextLine::styled(row.clone(), style));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(layer: Layer) -> Vec<String> {
        hints(&Keymap::default_map(), layer, true, &|_| true).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn every_view_has_hints_and_the_help_key_is_last() {
        for layer in Layer::ALL {
            let h = hints(&Keymap::default_map(), layer, true, &|_| true);
            assert!(!h.is_empty(), "{layer:?} has no hints");
            if !layer.over_views() {
                assert_eq!(h.last().unwrap().0, "?", "{layer:?}");
            }
        }
        assert_eq!(plain(Layer::Review)[..3], ["1–7", "c", "a"]);
        assert!(plain(Layer::Review).contains(&"n/N".to_string()));
        assert_eq!(plain(Layer::Withdrawn)[0], "u");
    }

    #[test]
    fn every_key_a_view_has_of_its_own_is_on_its_hint_line() {
        // Moving, the tabs and a reload are the keys every view shares (the help lists them); a
        // field's previous is the way back from its next, said once; the seven checks and a
        // finding's previous are said with the first check and the next finding.
        let shared = |a: Action| {
            let name = a.name();
            name.starts_with("list.")
                || name.starts_with("tab.")
                || name.ends_with(".previous_field")
                || matches!(a, Action::Refresh | Action::Noop | Action::PreviousFinding | Action::Show(_))
                || (Action::CHECKS.contains(&a) && a != Action::Check1)
        };
        let keymap = Keymap::default_map();
        for layer in Layer::ALL.into_iter().filter(|l| *l != Layer::Global) {
            let said: Vec<String> = hints(&keymap, layer, true, &|_| true).into_iter().map(|(k, _)| k).collect();
            for b in keymap.bindings(layer).iter().filter(|b| !shared(b.action)) {
                let key = keymap.key_for(layer, b.action).map(|k| k.name()).unwrap_or_default();
                assert!(
                    said.iter()
                        .any(|s| *s == key || s.starts_with(&format!("{key}–")) || s.starts_with(&format!("{key}/"))),
                    "{layer:?}: {} ({}) is not on the hint line: {said:?}",
                    b.action.name(),
                    key
                );
            }
        }
    }

    #[test]
    fn at_80_columns_the_view_keys_are_dropped_from_the_end_and_help_stays() {
        let h = hints(&Keymap::default_map(), Layer::Columns, true, &|_| true);
        let whole = fitted(&h, 400, Ambiguous::Narrow);
        let short = fitted(&h, 60, Ambiguous::Narrow);
        assert!(text::width(&short) <= 60, "{short}");
        assert!(short.ends_with(&format!("? {}", t!("keyhint-app-help"))), "{short}");
        // The round's keys first: overdue only, by unit, worst first, the reminder sheet.
        assert!(short.starts_with("o "), "{short}");
        assert!(short.contains("R "), "{short}");
        assert!(whole.len() > short.len());
        assert!(whole.contains(": "), "{whole}");
    }
}
