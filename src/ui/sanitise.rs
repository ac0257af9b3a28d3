//! What the database holds, made safe for the screen. Titles, bodies, unit names, notes and audit
//! details are typed or imported by others and may carry terminal escape sequences (ESC, CSI, OSC,
//! the C1 controls), bidirectional overrides, zero-width and other invisible format characters,
//! piles of combining marks, absurdly long lines or millions of characters. None of it may reach
//! the terminal or slow the drawing down.
//!
//! Everything a query brings back passes here once, as it enters the console's state
//! (`App::update` takes every `Loaded` through `app::sanitised`): a control or format character becomes
//! a visible symbol, and a field is cut for display to a bounded size. The database keeps the whole
//! text: nothing written is ever taken from what is shown. The text helpers every drawing goes
//! through (`text::display`) apply the same character rule again, so a string that reached the
//! state another way (a key typed, an error) is shown as safely.

use unicode_width::UnicodeWidthChar;

/// The widest a one-line field (a title, a unit's name, a path) is kept, in cells: far more than
/// any screen shows, little enough to lay out at every frame.
pub const LINE_CELLS: usize = 512;
/// The widest a line of a multi-line field (a body, an audit record's detail) is kept, in cells.
pub const BLOCK_LINE_CELLS: usize = 4_000;
/// The most lines of a multi-line field kept.
pub const BLOCK_LINES: usize = 5_000;
/// The most cells of a multi-line field kept, all lines together.
pub const BLOCK_CELLS: usize = 200_000;
/// The most zero-width characters (combining marks) kept after one character: enough for any
/// script's accents and a Hangul syllable's jamo, not for a pile that overflows a cell.
pub const ZERO_WIDTH_RUN: usize = 2;
/// What stands for a field's cut end.
pub const ELLIPSIS: char = '…';
/// The last line of a multi-line field cut for display, in the language in effect.
pub fn cut() -> String {
    crate::t!("cut-for-display")
}
/// What stands for a character that must not reach the terminal and has no control picture.
pub const REPLACEMENT: char = '\u{fffd}';

/// Bidirectional controls: they reorder what the terminal shows after them (Trojan Source).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Invisible format characters that hide text or make terminals and width tables disagree:
/// soft hyphen, zero-width space and joiners, word joiner and invisible operators, the line and
/// paragraph separators, the byte order mark, interlinear annotations, Mongolian and musical
/// format controls, and the tag characters.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Variation selectors: they switch a character between text and emoji presentation, which
/// changes its width in some terminals and not in others. Dropped: the character stays.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
}

/// Unicode's noncharacters (U+FDD0–U+FDEF and the last two code points of every plane), kept
/// for a program's internal use: the console pads with one (`text::PAD`), so content never
/// holds them.
pub fn is_noncharacter(c: char) -> bool {
    matches!(c, '\u{fdd0}'..='\u{fdef}') || (c as u32 & 0xfffe) == 0xfffe
}

/// Whether a character may be sent to the terminal as it is.
pub fn is_safe(c: char) -> bool {
    !c.is_control() && !is_bidi(c) && !is_format(c) && !is_variation_selector(c) && !is_noncharacter(c)
}

/// A character as shown: itself if safe, else a visible symbol: C0 controls as their control
/// pictures (ESC → ␛, newline → ␤, tab → ␉), DEL as ␡, everything else as �; `None` for what is
/// dropped (a variation selector).
pub fn shown(c: char) -> Option<char> {
    match c {
        '\n' => Some('␤'),
        '\0'..='\u{1f}' => Some(char::from_u32(0x2400 + c as u32).unwrap_or(REPLACEMENT)),
        '\u{7f}' => Some('␡'),
        c if is_variation_selector(c) => None,
        c if c.is_control() || is_bidi(c) || is_format(c) || is_noncharacter(c) => Some(REPLACEMENT),
        c => Some(c),
    }
}

/// Appends the shown form of `chars` to `out`, at most `max` cells, ending in `…` when cut; the
/// zero-width run after a character is kept to `ZERO_WIDTH_RUN`. Returns false when cut.
fn push_shown(out: &mut String, chars: impl Iterator<Item = char>, max: usize) -> bool {
    let mut used = 0;
    let mut zero_run = 0;
    let mut chars = chars.filter_map(shown).peekable();
    while let Some(c) = chars.next() {
        let w = c.width().unwrap_or(0);
        if w == 0 {
            zero_run += 1;
            if zero_run > ZERO_WIDTH_RUN {
                continue;
            }
        } else {
            zero_run = 0;
        }
        // Room for the ellipsis is kept unless this is the last character.
        let room = if chars.peek().is_some() { max.saturating_sub(1) } else { max };
        if used + w > room {
            if max > 0 {
                out.push(ELLIPSIS);
            }
            return false;
        }
        used += w;
        out.push(c);
    }
    true
}

/// A one-line field as shown: every control and format character visible (a newline too), at most
/// `LINE_CELLS` cells.
pub fn line(s: &str) -> String {
    line_within(s, LINE_CELLS)
}

/// A one-line field as shown, at most `max` cells.
pub fn line_within(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    push_shown(&mut out, s.chars(), max);
    out
}

/// A multi-line field as shown: its lines kept (CR LF and lone CR as line ends), tabs as four
/// spaces, every other control and format character visible; each line at most `BLOCK_LINE_CELLS`
/// cells, at most `BLOCK_LINES` lines and `BLOCK_CELLS` cells in all, then a last line that says
/// it was cut.
pub fn block(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(BLOCK_CELLS * 2));
    let mut cells = 0;
    let mut lines = s.split('\n').peekable();
    let mut n = 0;
    while let Some(raw) = lines.next() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let last = lines.peek().is_none();
        // The line about the cut is kept as it is (so that cleaning again changes nothing).
        if last && raw == cut() {
            out.push_str(&cut());
            return out;
        }
        if n + 1 == BLOCK_LINES && !last {
            out.push_str(&cut());
            return out;
        }
        let mut shown = String::new();
        let expanded = raw.chars().flat_map(|c| {
            let tab = c == '\t';
            std::iter::repeat_n(' ', if tab { 4 } else { 0 }).chain((!tab).then_some(if c == '\r' {
                '\u{240d}'
            } else {
                c
            }))
        });
        push_shown(&mut shown, expanded, BLOCK_LINE_CELLS);
        let w = super::text::width(&shown);
        if cells + w > BLOCK_CELLS {
            out.push_str(&cut());
            return out;
        }
        cells += w;
        out.push_str(&shown);
        if !last {
            out.push('\n');
        }
        n += 1;
    }
    out
}

/// An item opened whole, and its history.
pub(crate) fn clean_item(found: &mut (crate::store::ExportedItem, Vec<crate::store::HistoryEntry>)) {
    let (item, history) = found;
    clean_option(&mut item.fields.reference);
    clean_option(&mut item.fields.url);
    clean_line(&mut item.fields.title);
    clean_block(&mut item.fields.body);
    clean_option(&mut item.fields.unit);
    for (path, _) in &mut item.fields.placements {
        clean_line(path);
    }
    for h in history {
        clean_line(&mut h.operator);
        for text in h.event.texts_mut() {
            clean_line(text);
        }
    }
}

pub(crate) fn clean_line(s: &mut String) {
    if s.chars().all(is_safe) && s.len() <= LINE_CELLS / 2 {
        // The common case: nothing to change, nothing to copy (a character is at most two cells).
        return;
    }
    *s = line(s);
}

pub(crate) fn clean_block(s: &mut String) {
    if s.chars().all(|c| c == '\n' || is_safe(c)) && s.len() <= BLOCK_LINE_CELLS / 2 {
        return;
    }
    *s = block(s);
}

pub(crate) fn clean_option(s: &mut Option<String>) {
    if let Some(s) = s {
        clean_line(s);
    }
}

pub(crate) fn clean_all(v: &mut [String]) {
    v.iter_mut().for_each(clean_line);
}

/// A query's error, shown on one line.
pub(crate) fn clean_result<T>(r: &mut Result<T, String>, ok: impl FnOnce(&mut T)) {
    match r {
        Ok(v) => ok(v),
        Err(e) => clean_line(e),
    }
}

pub(crate) fn each<T>(r: &mut Result<Vec<T>, String>, f: impl Fn(&mut T)) {
    clean_result(r, |v| v.iter_mut().for_each(f));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ui::text::width;

    #[test]
    fn escapes_controls_and_bidi_become_visible_symbols() {
        assert_eq!(line("标题\u{1b}[2J清屏\u{7}"), "标题␛[2J清屏␇");
        assert_eq!(line("一行\n二行\t\u{9b}31m\u{202e}abc"), "一行␤二行␉�31m�abc");
        assert_eq!(line("\u{1b}]52;c;ZXZpbA==\u{7}"), "␛]52;c;ZXZpbA==␇");
        assert_eq!(line("a\u{200b}b\u{feff}c\u{2066}d\u{061c}"), "a�b�c�d�");
        // A variation selector is dropped; the character stays.
        assert_eq!(line("❤\u{fe0f}"), "❤");
        // A pile of combining marks keeps two.
        assert_eq!(line(&format!("e{}x", "\u{301}".repeat(50))), "e\u{301}\u{301}x");
    }

    #[test]
    fn long_fields_are_cut_for_display() {
        let title = "长".repeat(1_000_000);
        let shown = line(&title);
        assert!(width(&shown) <= LINE_CELLS, "{}", width(&shown));
        assert!(shown.ends_with('…'));
        let body = format!("{}\n{}", "正文".repeat(1_000_000), "第二段\n".repeat(100_000));
        let shown = block(&body);
        assert!(shown.lines().count() <= BLOCK_LINES);
        assert!(shown.lines().all(|l| width(l) <= BLOCK_LINE_CELLS));
        assert!(shown.ends_with(&cut()), "{}", &shown[shown.len() - 80..]);
        assert_eq!(block(&shown), shown);
    }

    #[test]
    fn a_body_keeps_its_lines_and_shows_its_controls() {
        assert_eq!(block("第一段\r\n第二段\t完\n\u{1b}[31m红"), "第一段\n第二段    完\n␛[31m红");
        assert_eq!(block("a\rb"), "a␍b");
        assert_eq!(block(""), "");
        assert_eq!(block("\n\n"), "\n\n");
    }

    /// Plain Chinese text with full-width punctuation, as the portal's items are.
    fn chinese() -> impl Strategy<Value = String> {
        let chars: Vec<char> =
            "象山区人民政府门户网站关于做好年度工作的通知民政局统计局发改局，。、；：？！“”‘’（）《》〔〕【】—…·０１２３ABCabc123 -/"
                .chars()
                .collect();
        proptest::collection::vec(proptest::sample::select(chars), 0..200).prop_map(|v| v.into_iter().collect())
    }

    /// Any text, with more than its share of what is dangerous.
    fn hostile() -> impl Strategy<Value = String> {
        let dangerous = prop_oneof![
            Just('\u{1b}'),
            Just('\u{9b}'),
            Just('\u{7}'),
            Just('\n'),
            Just('\r'),
            Just('\t'),
            Just('\u{202e}'),
            Just('\u{2067}'),
            Just('\u{200b}'),
            Just('\u{200d}'),
            Just('\u{feff}'),
            Just('\u{301}'),
            Just('\u{fe0f}'),
            Just('\u{e0041}'),
            (0x80u32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
        ];
        let any = prop_oneof![3 => any::<char>(), 2 => dangerous, 2 => Just('民'), 1 => Just('①')];
        proptest::collection::vec(any, 0..2_000).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn a_line_has_no_control_or_bidi_character_and_a_bounded_width(s in hostile()) {
            let shown = line(&s);
            prop_assert!(shown.chars().all(is_safe), "{shown:?}");
            prop_assert!(width(&shown) <= LINE_CELLS);
            prop_assert!(!shown.contains('\n'));
            prop_assert_eq!(line(&shown), shown.clone(), "idempotent");
            // What the text helpers draw is the same.
            prop_assert_eq!(crate::ui::text::visible(&shown), shown);
        }

        #[test]
        fn a_block_has_no_control_or_bidi_character_and_a_bounded_size(s in hostile()) {
            let shown = block(&s);
            prop_assert!(shown.chars().all(|c| c == '\n' || is_safe(c)), "{shown:?}");
            prop_assert!(shown.lines().count() <= BLOCK_LINES);
            prop_assert!(shown.lines().all(|l| width(l) <= BLOCK_LINE_CELLS));
            prop_assert_eq!(block(&shown), shown, "idempotent");
        }

        #[test]
        fn a_short_line_is_bounded_and_idempotent_at_any_width(s in hostile(), max in 0usize..40) {
            let shown = line_within(&s, max);
            prop_assert!(width(&shown) <= max);
            prop_assert_eq!(line_within(&shown, max), shown);
        }

        #[test]
        fn chinese_text_with_full_width_punctuation_passes_unchanged(s in chinese()) {
            prop_assert_eq!(line(&s), s.clone());
            prop_assert_eq!(block(&s), s.clone());
            let mut cleaned = s.clone();
            clean_line(&mut cleaned);
            prop_assert_eq!(cleaned, s);
        }
    }

    #[test]
    fn cleaning_a_million_characters_takes_milliseconds() {
        let title: String = "\u{1b}[2J象山区\u{202e}".repeat(200_000);
        let start = std::time::Instant::now();
        let (l, b) = (line(&title), block(&title));
        let took = start.elapsed();
        assert!(width(&l) <= LINE_CELLS && b.len() < title.len());
        // Debug builds are slow; the point is that it does not grow with the whole text.
        assert!(took < std::time::Duration::from_millis(500), "{took:?}");
    }
}
