//! Text as the terminal will show it: content made safe to print, widths in terminal cells (a
//! Chinese character is two), East Asian ambiguous characters drawn one or two cells wide, and the
//! filter's matching (Latin letters also match pinyin initials).

use pinyin::ToPinyin;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Content with every control character and escape sequence shown as a visible symbol, never sent
/// to the terminal: C0 controls as their control pictures (ESC → ␛, newline → ␤), DEL as ␡, C1
/// controls, bidirectional controls and invisible format characters as � (the rule of
/// `sanitise::shown`, which everything loaded from the database has passed already).
pub fn visible(s: &str) -> String {
    if s.chars().all(super::sanitise::is_safe) {
        return s.to_string();
    }
    s.chars().filter_map(super::sanitise::shown).collect()
}

/// Whether a character is East Asian ambiguous width: one cell in most Western terminals, two in
/// many set up for Chinese (①, ※, §, °).
pub fn is_ambiguous(c: char) -> bool {
    c.width() == Some(1) && c.width_cjk() == Some(2)
}

/// How the terminal draws ambiguous-width characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    #[default]
    Narrow,
    Wide,
}

/// The pad that follows an ambiguous character when the terminal draws it two cells wide: it makes
/// layout count two cells, and the drawing skips it (see `draw::widen`).
pub const PAD: char = '\u{2800}';

/// The text to lay out: visible, and with ambiguous characters padded when drawn wide.
pub fn display(s: &str, ambiguous: Ambiguous) -> String {
    let s = visible(s);
    match ambiguous {
        Ambiguous::Narrow => s,
        Ambiguous::Wide => {
            // Idempotent: text already padded is not padded again.
            let mut out = String::with_capacity(s.len() + 8);
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                out.push(c);
                if is_ambiguous(c) && chars.peek() != Some(&PAD) {
                    out.push(PAD);
                }
            }
            out
        }
    }
}

/// Display width in cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// At most `max` cells of `s`, ending in `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            // An ambiguous character is not left without the pad that makes it two cells.
            if c == PAD && out.chars().last().is_some_and(is_ambiguous) {
                out.pop();
            }
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// At most `max` cells of the end of `s`, starting with `…` when cut (for paths, whose last
/// levels say the most).
pub fn fit_tail(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        tail.push(c);
    }
    // Nor is a pad left without its character.
    while tail.last() == Some(&PAD) {
        tail.pop();
    }
    let mut out = String::from(if max > 0 { "…" } else { "" });
    out.extend(tail.into_iter().rev());
    out
}

/// `s` padded with spaces to `cells` (or cut to it).
pub fn pad(s: &str, cells: usize) -> String {
    let s = fit(s, cells);
    let w = s.width();
    format!("{s}{}", " ".repeat(cells.saturating_sub(w)))
}

/// What a row is found by: its text in lower case and the pinyin initials of its Chinese
/// characters (other characters kept as they are), so `mzj` finds 民政局.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKey {
    text: String,
    initials: String,
}

impl SearchKey {
    pub fn new(parts: &[&str]) -> SearchKey {
        let text = parts.join(" ").to_lowercase();
        let initials = text
            .as_str()
            .to_pinyin()
            .zip(text.chars())
            .map(|(p, c)| p.map_or(c, |p| p.first_letter().chars().next().unwrap_or(c)))
            .collect();
        SearchKey { text, initials }
    }

    /// A substring match of the text; a needle of Latin letters also matches the initials.
    pub fn matches(&self, needle: &str) -> bool {
        let needle = needle.trim().to_lowercase();
        if needle.is_empty() || self.text.contains(&needle) {
            return true;
        }
        needle.chars().all(|c| c.is_ascii_alphanumeric()) && self.initials.contains(&needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_escapes_become_visible_symbols() {
        assert_eq!(visible("标题\u{1b}[2J清屏\u{7}"), "标题␛[2J清屏␇");
        assert_eq!(visible("一行\n二行\t\u{9b}\u{202e}"), "一行␤二行␉��");
        assert!(visible("\u{1b}]52;c;ZXZpbA==\u{7}").chars().all(|c| !c.is_control()));
    }

    #[test]
    fn widths_count_chinese_as_two_cells_and_fit_cuts_on_a_character() {
        assert_eq!(width("民政局"), 6);
        assert_eq!(width("《关于做好2024年度工作的通知》"), 30);
        assert_eq!(fit("象山区人民政府门户网站", 9), "象山区人…");
        assert_eq!(width(&fit("象山区人民政府门户网站", 9)), 9);
        assert_eq!(pad("民政局", 8), "民政局  ");
        assert_eq!(fit("ok", 5), "ok");
        assert_eq!(fit_tail("政府信息公开 / 机构职能", 10), "… 机构职能");
    }

    #[test]
    fn ambiguous_characters_are_padded_when_drawn_wide() {
        assert!(is_ambiguous('①') && is_ambiguous('※') && !is_ambiguous('民') && !is_ambiguous('a'));
        assert_eq!(display("①施工", Ambiguous::Narrow), "①施工");
        assert_eq!(display("①施工", Ambiguous::Wide), format!("①{PAD}施工"));
        assert_eq!(width(&display("①施工", Ambiguous::Wide)), 6);
        assert_eq!(PAD.width(), Some(1));
        let once = display("①施工 · ※", Ambiguous::Wide);
        assert_eq!(display(&once, Ambiguous::Wide), once);
    }

    #[test]
    fn latin_letters_find_chinese_by_pinyin_initials() {
        let k = SearchKey::new(&["政府信息公开 / 机构职能", "民政局、区政府办"]);
        assert!(k.matches("mzj"));
        assert!(k.matches("MZJ"));
        assert!(k.matches("jgzn"));
        assert!(k.matches("机构"));
        assert!(!k.matches("rsj"));
        assert!(!k.matches("人社"));
        assert!(SearchKey::new(&["2024年工作要点"]).matches("2024ngz"));
    }
}
