//! Text as the terminal will show it: content made safe to print, widths in terminal cells (a
//! Chinese character is two), East Asian ambiguous characters drawn one or two cells wide, and the
//! filter's matching (`search_key`: Latin letters also match pinyin initials).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Content with every control character and escape sequence shown as a visible symbol, never sent
/// to the terminal: C0 controls as their control pictures (ESC → ␛, newline → ␤), DEL as ␡, C1
/// controls, bidirectional controls and invisible format characters as � (the rule of
/// `sanitise::shown`, which everything loaded from the database has passed already). The pad an
/// earlier `display` put after an ambiguous character stays (it is never sent to the terminal).
pub fn visible(s: &str) -> String {
    let mut before = None;
    let safe = |c: char, before: Option<char>| super::sanitise::is_safe(c) || (c == PAD && before.is_some_and(is_ambiguous));
    if s.chars().all(|c| {
        let ok = safe(c, before);
        before = Some(c);
        ok
    }) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let shown = if safe(c, out.chars().next_back()) { Some(c) } else { super::sanitise::shown(c) };
        out.extend(shown);
    }
    out
}

/// Whether a character is East Asian Ambiguous (Unicode's EastAsianWidth data, through ICU4X):
/// one cell in most Western terminals, two in many set up for Chinese (①, ※, §, °, and Greek,
/// Cyrillic and accented Latin letters — which unicode-width's CJK width leaves narrow). Combining
/// marks, ambiguous but of no width, stay as they are.
pub fn is_ambiguous(c: char) -> bool {
    use icu_properties::{CodePointMapData, props::EastAsianWidth};
    c.width() == Some(1) && CodePointMapData::<EastAsianWidth>::new().get(c) == EastAsianWidth::Ambiguous
}

/// How the terminal draws ambiguous-width characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    #[default]
    Narrow,
    Wide,
}

/// The pad that follows an ambiguous character when the terminal draws it two cells wide: it makes
/// layout count two cells, and the drawing skips it (see `draw::widen`). A Unicode noncharacter,
/// which content never holds (`sanitise` shows one as �), unlike the blank Braille pattern
/// (U+2800) used before: a title made of those was skipped too and left the previous screen's
/// characters behind.
pub const PAD: char = '\u{fdd0}';

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

pub use super::search_key::SearchKey;

/// Lines wrapped to `width` cells, one `Line` per terminal row, for a `Paragraph` without its own
/// wrapping. ratatui 0.30's wrapper lets a two-cell character start in a row's last cell, where it
/// spills into the next row and hides the character drawn there (ratatui/ratatui#2679: a body
/// whose line wrapped just before a full-width 。 lost the next line's first character). Here a
/// wide character that does not fit goes to the next row whole. Rows break after a space or beside
/// a wide character (Chinese has no spaces between words); a Latin word longer than a row is cut.
/// Styles are kept, span by span; an ambiguous character keeps its pad (`PAD`) on its row.
pub fn wrap_lines<'a>(lines: Vec<Line<'a>>, width: u16) -> Vec<Line<'a>> {
    let width = usize::from(width.max(1));
    let mut rows = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width {
            rows.push(line);
            continue;
        }
        let cells: Vec<(char, Style)> = line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style))).collect();
        let row = |from: usize, to: usize| -> Line<'a> {
            let mut spans: Vec<Span<'a>> = Vec::new();
            for &(c, style) in &cells[from..to] {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            let mut out = Line::from(spans).style(line.style);
            out.alignment = line.alignment;
            out
        };
        let cell = |i: usize| cells[i].0.width().unwrap_or(0);
        let (mut start, mut used, mut opening) = (0usize, 0usize, None::<usize>);
        for i in 0..cells.len() {
            let (c, w) = (cells[i].0, cell(i));
            let glued = c == PAD;
            // An ambiguous character and its pad go together.
            let need = w + usize::from(cells.get(i + 1).is_some_and(|n| n.0 == PAD));
            if used + need > width && i > start && !glued {
                if c == ' ' {
                    // A space that does not fit is the break itself, on neither row.
                    rows.push(row(start, i));
                    (start, used, opening) = (i + 1, 0, None);
                    continue;
                }
                // Break at the last opening on this row if what follows it fits with this character.
                let at = opening.filter(|&b| b > start && (b..i).map(cell).sum::<usize>() + need <= width).unwrap_or(i);
                rows.push(row(start, at));
                used = (at..i).map(cell).sum();
                start = at;
                opening = None;
            }
            used += w;
            let next_glued = cells.get(i + 1).is_some_and(|n| n.0 == PAD);
            if c == ' ' || (w > 1 && !next_glued) || (glued && i > 0) {
                opening = Some(i + 1);
            } else if cells.get(i + 1).is_some_and(|n| n.0.width().unwrap_or(0) > 1) {
                // Before a wide character.
                opening = Some(i + 1);
            }
        }
        if start < cells.len() {
            rows.push(row(start, cells.len()));
        }
    }
    rows
}

/// The row (counted from the top of `lines` wrapped to `width` by `wrap_lines`) that character
/// `at` of line `line` is drawn on.
pub fn row_of(lines: &[String], width: u16, line: usize, at: usize) -> usize {
    let rows = |s: &str| wrap_lines(vec![Line::raw(s.to_string())], width).len().max(1);
    let before: usize = lines.iter().take(line).map(|l| rows(l)).sum();
    let Some(text) = lines.get(line) else { return before };
    let prefix: String = text.chars().take(at + 1).collect();
    before + rows(&prefix) - 1
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
    fn every_east_asian_ambiguous_character_is_widened() {
        // Greek, Cyrillic and accented Latin letters are ambiguous too (EastAsianWidth.txt: A).
        for c in ['α', 'Ω', 'д', 'Я', 'é', 'à', 'ü', '§', '°', '×', '→', '■', '√', '“', '…', '█', '\u{e000}'] {
            assert!(is_ambiguous(c), "{c:?}");
        }
        for c in ['a', 'Z', '1', '民', '，', 'ä', '\u{2800}', '\u{0301}'] {
            assert!(!is_ambiguous(c), "{c:?}");
        }
        assert_eq!(width(&display("αβγ Привет é", Ambiguous::Wide)), 2 * 3 + 1 + 2 * 6 + 1 + 2);
        // Wrapped, each letter keeps its pad on its row.
        let rows = rows_of(vec![Line::raw(display("αβγδεζ", Ambiguous::Wide))], 5);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows.iter().all(|r| width(r) <= 5 && !r.starts_with(PAD)), "{rows:?}");
    }

    #[test]
    fn content_never_holds_the_pad() {
        // Blank Braille (U+2800) is content like any other character; a noncharacter in content
        // is shown as �, so it can never be taken for the pad.
        assert_eq!(display("\u{2800}\u{2800}", Ambiguous::Wide), "\u{2800}\u{2800}");
        assert_eq!(display("a\u{fdd0}b", Ambiguous::Narrow), "a\u{fffd}b");
        assert_eq!(display("a\u{fdd0}b", Ambiguous::Wide), format!("a\u{fffd}{PAD}b"), "� is ambiguous itself");
        assert!(!visible(&format!("x{PAD}")).contains(PAD));
    }

    fn rows_of(lines: Vec<Line<'static>>, width: u16) -> Vec<String> {
        wrap_lines(lines, width).iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_wide_character_that_does_not_fit_goes_to_the_next_row_whole() {
        // 79 cells, then a full-width 。: ratatui's own wrapping put it in the last cell, and the
        // next line lost its first character (会).
        let first = "护林员张某（身份证号11010519491231002X）负责二塘乡片区巡查，联系电话13907731234。";
        assert_eq!(width(first), 81);
        let rows = rows_of(vec![Line::raw(first), Line::raw("会议要求各乡（街道）加强巡查。")], 80);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows.iter().all(|r| width(r) <= 80), "{rows:?}");
        assert_eq!(rows[0].clone() + &rows[1], first);
        assert_eq!(rows[2], "会议要求各乡（街道）加强巡查。");
    }

    #[test]
    fn latin_text_breaks_after_spaces_and_styles_stay_on_their_characters() {
        assert_eq!(rows_of(vec![Line::raw("the quick brown fox")], 10), vec!["the quick ", "brown fox"]);
        assert_eq!(
            rows_of(vec![Line::raw("the quick brown fox")], 9),
            vec!["the quick", "brown fox"],
            "the space broken on is on neither row"
        );
        assert_eq!(rows_of(vec![Line::raw("abcdefghijkl")], 5), vec!["abcde", "fghij", "kl"]);
        let marked = Style::default().add_modifier(ratatui::style::Modifier::REVERSED);
        let line = Line::from(vec![Span::raw("区长"), Span::styled("李明化", marked), Span::raw("强调")]);
        let rows = wrap_lines(vec![line], 8);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].spans[1].content, "李明");
        assert_eq!(rows[0].spans[1].style, marked);
        assert_eq!(rows[1].spans[0].content, "化");
        assert_eq!(rows[1].spans[0].style, marked);
    }

    proptest::proptest! {
        /// Any text, any width: no row is wider than the width (but a lone character wider than it),
        /// the rows put together are the line (less the spaces a row broke on), and an ambiguous
        /// character's pad never starts a row.
        #[test]
        fn wrapped_rows_fit_and_lose_nothing(text in "[a-z 民政局。（）①※]{0,120}", cols in 2u16..40) {
            let shown = display(&text, Ambiguous::Wide);
            let rows = rows_of(vec![Line::raw(shown.clone())], cols);
            for r in &rows {
                proptest::prop_assert!(width(r) <= usize::from(cols) || r.chars().count() == 1, "{rows:?}");
                proptest::prop_assert!(!r.starts_with(PAD), "{rows:?}");
            }
            proptest::prop_assert_eq!(rows.concat().replace(' ', ""), shown.replace(' ', ""));
            proptest::prop_assert!(shown.chars().filter(|c| *c == ' ').count() - rows.concat().chars().filter(|c| *c == ' ').count() <= rows.len());
        }
    }
}
