//! Text as the terminal will show it: content made safe to print, widths in terminal cells (a
//! Chinese character is two), East Asian ambiguous characters drawn one or two cells wide, and the
//! filter's matching (`search_key`: Latin letters also match pinyin initials).

use std::ops::Range;

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
    let safe =
        |c: char, before: Option<char>| super::sanitise::is_safe(c) || (c == PAD && before.is_some_and(is_ambiguous));
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
/// layout count two cells, and the drawing skips it (see `widgets::widen`). A Unicode noncharacter,
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

/// The mark of a cut, as the terminal draws it: `…` is ambiguous width, two cells (with its pad)
/// where the terminal draws those wide.
fn ellipsis(ambiguous: Ambiguous) -> &'static str {
    match ambiguous {
        Ambiguous::Narrow => "…",
        Ambiguous::Wide => "…\u{fdd0}",
    }
}

/// The characters of `chars` that fit in `room` cells, in order, each ambiguous character with its
/// pad and each character with the combining marks after it (never one without the other).
/// `forwards` false: `chars` come from the end of the text.
fn take_cells(chars: impl Iterator<Item = char>, room: usize, forwards: bool) -> Vec<char> {
    let mut taken = Vec::new();
    let mut used = 0;
    // A character and what is glued to it, taken whole or not at all.
    let mut unit: Vec<char> = Vec::new();
    for c in chars.map(Some).chain([None]) {
        let starts = match c {
            None => true,
            Some(c) if forwards => !glued(c),
            // Backwards, a glued character comes before the one it belongs to.
            Some(_) => !unit.last().is_some_and(|&g| glued(g)),
        };
        if starts && !unit.is_empty() {
            let w: usize = unit.iter().map(|g| g.width().unwrap_or(0)).sum();
            if used + w > room {
                break;
            }
            used += w;
            taken.append(&mut unit);
        }
        unit.extend(c);
    }
    taken
}

/// At most `max` cells of `s`, ending in `…` when cut; the `…` counted as the terminal draws it
/// (`ambiguous`). A cut never splits a character from its pad or its combining marks, and leaves
/// no blank before the `…`. When a wide character does not fit, the cut is a cell short of `max`
/// (`pad` fills it after the `…`).
pub fn fit(s: &str, max: usize, ambiguous: Ambiguous) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mark = ellipsis(ambiguous);
    let Some(room) = max.checked_sub(mark.width()) else {
        // No room for the mark: as much as fits.
        return take_cells(s.chars(), max, true).into_iter().collect();
    };
    let mut out: String = take_cells(s.chars(), room, true).into_iter().collect();
    out.truncate(out.trim_end().len());
    out.push_str(mark);
    out
}

/// At most `max` cells of the end of `s`, starting with `…` when cut (for paths, whose last
/// levels say the most); the `…` counted as `fit` counts it.
pub fn fit_tail(s: &str, max: usize, ambiguous: Ambiguous) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mark = ellipsis(ambiguous);
    let Some(room) = max.checked_sub(mark.width()) else {
        return take_cells(s.chars().rev(), max, false).into_iter().rev().collect();
    };
    let tail: String = take_cells(s.chars().rev(), room, false).into_iter().rev().collect();
    format!("{mark}{tail}")
}

/// A column's path (`a / b / c`) in at most `max` cells: whole, else its first levels left out
/// (`… / b / c`), so that no level is shown cut; a leaf too long alone is cut as `fit_tail` cuts.
pub fn fit_path(path: &str, max: usize, ambiguous: Ambiguous) -> String {
    if path.width() <= max {
        return path.to_string();
    }
    let mark = ellipsis(ambiguous);
    let levels: Vec<&str> = path.split(" / ").collect();
    (1..levels.len())
        .map(|k| format!("{mark} / {}", levels[k..].join(" / ")))
        .find(|shown| shown.width() <= max)
        .unwrap_or_else(|| fit_tail(path, max, ambiguous))
}

/// `s` padded with spaces to exactly `cells` (or cut to it by `fit`).
pub fn pad(s: &str, cells: usize, ambiguous: Ambiguous) -> String {
    let s = fit(s, cells, ambiguous);
    let w = s.width();
    format!("{s}{}", " ".repeat(cells.saturating_sub(w)))
}

/// `s` right-aligned in exactly `cells` (numbers), or cut to it by `fit`.
pub fn pad_left(s: &str, cells: usize, ambiguous: Ambiguous) -> String {
    let s = fit(s, cells, ambiguous);
    let w = s.width();
    format!("{}{s}", " ".repeat(cells.saturating_sub(w)))
}

pub use super::search_key::SearchKey;

/// Where the rows of a line of `text` start and end, filled first-fit: the first row `first`
/// cells wide, the others `rest`. Each row is a byte range of `text`, without the spaces it broke
/// on. This is the one wrapping rule of the program, for the console and the command line alike.
///
/// Breaks are where the Unicode line-breaking algorithm (UAX #14, as textwrap finds them) allows
/// one: after a space, after the `/` of a path, between Chinese characters; never before closing
/// punctuation (。，、；：？！）」』》), never after opening punctuation (（「『《), never at a hyphen
/// (`portal-admin` stays whole). Widths are terminal cells (a Chinese character is two), so a wide
/// character that does not fit goes to the next row whole. A word longer than a row is cut between
/// characters, and an ambiguous character keeps its pad (`PAD`) on its row.
pub fn rows(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let (first, rest) = (first.max(1), rest.max(1));
    let mut pieces: Vec<Piece> = Vec::new();
    let mut at = 0;
    for word in textwrap::WordSeparator::UnicodeBreakProperties.find_words(text) {
        let (start, end) = (at, at + word.word.len());
        at = end + word.whitespace.len();
        let piece = Piece { start, end, next: at, width: width(word.word), space: width(word.whitespace) };
        match pieces.last_mut() {
            // A pad or a combining mark belongs to the character before it, and the `/` that
            // starts a path to what follows it.
            Some(last)
                if last.end == start
                    && (text[start..].chars().next().is_some_and(glued) || &text[last.start..last.end] == "/") =>
            {
                (last.end, last.next, last.width, last.space) = (end, at, last.width + piece.width, piece.space);
            }
            _ => pieces.push(piece),
        }
    }
    let narrowest = first.min(rest);
    let pieces: Vec<Piece> = pieces.into_iter().flat_map(|p| p.cut(text, narrowest)).collect();
    if pieces.is_empty() {
        return std::iter::once(0..0).collect();
    }
    textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[first as f64, rest as f64])
        .into_iter()
        .filter_map(|row| Some(row.first()?.start..row.last()?.end))
        .collect()
}

/// Whether a character never starts a row: the pad of an ambiguous character, a combining mark.
fn glued(c: char) -> bool {
    c == PAD || c.width() == Some(0)
}

/// Punctuation that never starts a row (Chinese line-breaking rules, kinsoku), as UAX #14 has it.
const CLOSING: [char; 12] = ['。', '，', '、', '；', '：', '！', '？', '）', '」', '』', '】', '》'];

/// Punctuation that never ends a row.
const OPENING: [char; 5] = ['（', '「', '『', '【', '《'];

/// Where to cut `text[start..at]` from the rest: `at`, or the nearest place before it (after
/// `start`) where the rest does not start with closing punctuation and the row does not end with
/// opening punctuation, moving at most `room` cells to the next row; `at` when there is no such
/// place (a run of punctuation wider than a row).
fn kinsoku(text: &str, start: usize, at: usize, room: usize) -> usize {
    let allowed = |j: usize| {
        let next = text[j..].chars().next();
        let before = text[..j].chars().next_back();
        // Nor at a space, which would then start the row (`a 。` stays together).
        !next.is_some_and(|c| CLOSING.contains(&c) || glued(c) || c == ' ')
            && !before.is_some_and(|c| OPENING.contains(&c))
    };
    let mut j = at;
    while j > start && width(&text[j..at]) <= room {
        if allowed(j) {
            return j;
        }
        j -= text[..j].chars().next_back().map_or(1, char::len_utf8);
    }
    at
}

/// A stretch of text between two break opportunities: its word (`start..end`), then the spaces
/// up to `next`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    next: usize,
    width: usize,
    space: usize,
}

impl Piece {
    /// The piece cut between characters into pieces of at most `max` cells (a lone character wider
    /// than that stays whole). A space cut on is on neither side: the rule allows no break there
    /// (`a 。` stays together), so it is the space of the piece before.
    fn cut(self, text: &str, max: usize) -> Vec<Piece> {
        if self.width <= max {
            return vec![self];
        }
        let mut out: Vec<Piece> = Vec::new();
        let (mut start, mut used) = (self.start, 0);
        let word = &text[self.start..self.end];
        for (i, c) in word.char_indices() {
            let w = c.width().unwrap_or(0);
            // With the characters glued to it.
            let whole = w + word[i + c.len_utf8()..]
                .chars()
                .take_while(|&g| glued(g))
                .map(|g| g.width().unwrap_or(0))
                .sum::<usize>();
            let i = self.start + i;
            if used > 0 && used + whole > max && !glued(c) {
                // Kinsoku: the cut moves back to where the next row does not start with closing
                // punctuation nor this one end with opening punctuation, if the row has such a place.
                let at = kinsoku(text, start, i, max.saturating_sub(whole));
                let kept = text[start..at].trim_end_matches(' ');
                let spaces = at - start - kept.len();
                let moved = width(&text[at..i]);
                out.push(Piece {
                    start,
                    end: start + kept.len(),
                    next: at,
                    width: used - moved - spaces,
                    space: spaces,
                });
                (start, used) = (at, moved);
            }
            match out.last_mut() {
                // A space just after a cut.
                Some(last) if c == ' ' && used == 0 => (last.next, last.space, start) = (i + 1, last.space + 1, i + 1),
                _ => used += w,
            }
        }
        if start < self.end || out.is_empty() {
            out.push(Piece { start, end: self.end, next: self.next, width: used, space: self.space });
        } else if let Some(last) = out.last_mut() {
            (last.next, last.space) = (self.next, last.space + self.space);
        }
        out
    }
}

impl textwrap::core::Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// A line of plain text as rows of at most `width` cells (by `rows`), each row after the first
/// starting with `indent` spaces (a hanging indent: the text after a label stays in its column).
pub fn wrap(line: &str, width: usize, indent: usize) -> Vec<String> {
    let indent = indent.min(width / 2);
    rows(line, width, width - indent)
        .into_iter()
        .enumerate()
        .map(|(n, r)| if n == 0 { line[r].to_string() } else { format!("{}{}", " ".repeat(indent), &line[r]) })
        .collect()
}

/// Lines wrapped to `width` cells by `rows`, one `Line` per terminal row, for a `Paragraph`
/// without its own wrapping. (ratatui 0.30's wrapper lets a two-cell character start in a row's
/// last cell, where it spills into the next row and hides the character drawn there,
/// ratatui/ratatui#2679: a body whose line wrapped just before a full-width 。 lost the next
/// line's first character.) Styles are kept, span by span.
pub fn wrap_lines<'a>(lines: Vec<Line<'a>>, width: u16) -> Vec<Line<'a>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        // Each character's byte offset in `text`, and its style.
        let mut cells: Vec<(usize, char, Style)> = Vec::with_capacity(text.len());
        let mut at = 0;
        for span in &line.spans {
            for c in span.content.chars() {
                cells.push((at, c, span.style));
                at += c.len_utf8();
            }
        }
        let mut next = 0;
        for range in rows(&text, width, width) {
            // Rows come in order: skip the spaces broken on, take the row's characters.
            while cells.get(next).is_some_and(|(at, ..)| *at < range.start) {
                next += 1;
            }
            let taken = cells[next..].iter().take_while(|(at, ..)| *at < range.end).count();
            let mut spans: Vec<Span<'a>> = Vec::new();
            for &(_, c, style) in &cells[next..next + taken] {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            next += taken;
            let mut row = Line::from(spans).style(line.style);
            row.alignment = line.alignment;
            out.push(row);
        }
    }
    out
}

/// The row (counted from the top of `lines` wrapped to `width` by `wrap_lines`) that character
/// `at` of line `line` is drawn on.
pub fn row_of(lines: &[String], width: u16, line: usize, at: usize) -> usize {
    let cols = usize::from(width.max(1));
    // As `wrap_lines` lays them out: a line that fits is one row.
    let rows_of =
        |s: &str| if self::width(s) <= cols { std::iter::once(0..s.len()).collect() } else { rows(s, cols, cols) };
    let before: usize = lines.iter().take(line).map(|l| rows_of(l).len()).sum();
    let Some(text) = lines.get(line) else { return before };
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let own = rows_of(text);
    // A space a row broke on is counted on the row before the break.
    before + own.iter().rposition(|r| r.start <= byte).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::Ambiguous::{Narrow, Wide};
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
        assert_eq!(fit("象山区人民政府门户网站", 9, Narrow), "象山区人…");
        assert_eq!(width(&fit("象山区人民政府门户网站", 9, Narrow)), 9);
        assert_eq!(pad("民政局", 8, Narrow), "民政局  ");
        assert_eq!(fit("ok", 5, Narrow), "ok");
        assert_eq!(fit_tail("政府信息公开 / 机构职能", 10, Narrow), "… 机构职能");
        assert_eq!(
            fit_path("政府信息公开 / 重大建设项目 / 机构职能", 40, Narrow),
            "政府信息公开 / 重大建设项目 / 机构职能"
        );
        assert_eq!(fit_path("政府信息公开 / 重大建设项目 / 机构职能", 30, Narrow), "… / 重大建设项目 / 机构职能");
        assert_eq!(fit_path("政府信息公开 / 重大建设项目 / 机构职能", 12, Narrow), "… / 机构职能");
        assert_eq!(fit_path("政府信息公开 / 重大建设项目 / 机构职能", 6, Narrow), "…职能");
    }

    #[test]
    fn a_cut_at_a_wide_character_leaves_no_blank_before_the_mark_and_never_overflows() {
        // 山水甲天下 fills 10 cells; 美 would take the cells the `…` needs.
        assert_eq!(fit("山水甲天下美景", 12, Narrow), "山水甲天下…");
        assert_eq!(pad("山水甲天下美景", 12, Narrow), "山水甲天下… ", "the cell short is after the mark");
        // A space just before the cut is not kept before the mark.
        assert_eq!(fit("山水甲天下 风景如画", 12, Narrow), "山水甲天下…");
        assert_eq!(fit("山水甲天下 风景如画", 13, Narrow), "山水甲天下…");
        // Every width from nothing to whole: never wider than asked, exact with `pad`.
        for text in ["山水甲天下 风景如画", "a“引号”b", "①②③ 施工", "e\u{301}e\u{301}e\u{301}"] {
            for amb in [Narrow, Wide] {
                let shown = display(text, amb);
                for max in 0..=width(&shown) + 1 {
                    for cut in [fit(&shown, max, amb), fit_tail(&shown, max, amb)] {
                        assert!(width(&cut) <= max, "{cut:?} in {max}");
                        assert!(!cut.starts_with(PAD), "{cut:?}");
                        assert!(!cut.contains(" …"), "{cut:?}");
                        // A pad only ever follows its ambiguous character.
                        assert_eq!(visible(&cut), cut, "{cut:?}");
                    }
                    assert_eq!(width(&pad(&shown, max, amb)), max, "{text} in {max}");
                    assert_eq!(width(&pad_left(&shown, max, amb)), max, "{text} in {max}");
                }
            }
        }
    }

    #[test]
    fn the_mark_of_a_cut_is_counted_as_wide_as_the_terminal_draws_it() {
        // Where `…` is drawn two cells wide it takes two cells, with its pad.
        assert_eq!(fit("象山区人民政府", 9, Wide), format!("象山区…{PAD}"));
        assert_eq!(width(&fit("象山区人民政府", 9, Wide)), 8);
        assert_eq!(width(&pad("象山区人民政府", 9, Wide)), 9);
        assert_eq!(fit_tail("政府信息公开", 7, Wide), format!("…{PAD}公开"));
        // With no room for the mark, as much of the text as fits.
        assert_eq!(fit("象山区", 1, Wide), "");
        assert_eq!(fit("abc", 1, Wide), "a");
        assert_eq!(fit("abc", 0, Narrow), "");
    }

    #[test]
    fn a_cut_at_a_curly_quote_keeps_the_quote_with_its_pad_or_drops_both() {
        let title = display("通知“关于做好工作”", Wide);
        // 通知 is 4 cells, “ with its pad 2, the `…` 2: in 7 cells the quote goes.
        assert_eq!(fit(&title, 7, Wide), format!("通知…{PAD}"));
        assert_eq!(fit(&title, 8, Wide), format!("通知“{PAD}…{PAD}"));
        assert_eq!(width(&pad(&title, 7, Wide)), 7);
        // Narrow, the quote is one cell and so is the mark.
        assert_eq!(fit("通知“关于做好工作”", 6, Narrow), "通知“…");
    }

    #[test]
    fn a_title_that_fills_its_column_exactly_is_kept_whole_and_pads_to_nothing() {
        assert_eq!(pad("民政局通知", 10, Narrow), "民政局通知");
        assert_eq!(pad("民政局通知", 9, Narrow), "民政局通…");
        assert_eq!(pad_left("1234", 6, Narrow), "  1234");
        assert_eq!(pad_left("1234567", 6, Narrow), "12345…");
    }

    #[test]
    fn ambiguous_characters_are_padded_when_drawn_wide() {
        assert!(is_ambiguous('①') && is_ambiguous('※') && !is_ambiguous('民') && !is_ambiguous('a'));
        assert_eq!(display("①施工", Narrow), "①施工");
        assert_eq!(display("①施工", Wide), format!("①{PAD}施工"));
        assert_eq!(width(&display("①施工", Wide)), 6);
        assert_eq!(PAD.width(), Some(1));
        let once = display("①施工 · ※", Wide);
        assert_eq!(display(&once, Wide), once);
    }

    #[test]
    fn every_east_asian_ambiguous_character_is_widened() {
        // Greek, Cyrillic and accented Latin letters are ambiguous too (EastAsianWidth.txt: A).
        for c in ['α', 'Ω', 'д', 'Я', 'é', 'à', 'ü', '§', '°', '×', '→', '■', '√', '“', '…', '█', '\u{e000}']
        {
            assert!(is_ambiguous(c), "{c:?}");
        }
        for c in ['a', 'Z', '1', '民', '，', 'ä', '\u{2800}', '\u{0301}'] {
            assert!(!is_ambiguous(c), "{c:?}");
        }
        assert_eq!(width(&display("αβγ Привет é", Wide)), 2 * 3 + 1 + 2 * 6 + 1 + 2);
        // Wrapped, each letter keeps its pad on its row.
        let rows = rows_of(vec![Line::raw(display("αβγδεζ", Wide))], 5);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows.iter().all(|r| width(r) <= 5 && !r.starts_with(PAD)), "{rows:?}");
    }

    #[test]
    fn content_never_holds_the_pad() {
        // Blank Braille (U+2800) is content like any other character; a noncharacter in content
        // is shown as �, so it can never be taken for the pad.
        assert_eq!(display("\u{2800}\u{2800}", Wide), "\u{2800}\u{2800}");
        assert_eq!(display("a\u{fdd0}b", Narrow), "a\u{fffd}b");
        assert_eq!(display("a\u{fdd0}b", Wide), format!("a\u{fffd}{PAD}b"), "� is ambiguous itself");
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
        assert_eq!(rows_of(vec![Line::raw("the quick brown fox")], 10), vec!["the quick", "brown fox"]);
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

    #[test]
    fn chinese_breaks_between_characters_but_never_before_closing_or_after_opening_punctuation() {
        // Seven characters fit 14 cells: the 。 may not start the next row, so 查 goes with it.
        assert_eq!(wrap("各乡镇加强巡查。", 14, 0), ["各乡镇加强巡", "查。"]);
        assert_eq!(wrap("请各单位查看《通知》", 14, 0), ["请各单位查看", "《通知》"], "《 does not end a row");
        assert_eq!(wrap("会议要求各乡（街道）加强巡查", 12, 0), ["会议要求各乡", "（街道）加强", "巡查"]);
        assert_eq!(wrap("区长强调：“要抓好落实”，", 10, 0).concat(), "区长强调：“要抓好落实”，");
        assert_eq!(wrap("市民政局、区民政局、县民政局", 10, 0), ["市民政局、", "区民政局、", "县民政局"]);
        // Mixed with Latin words and numbers: a number stays whole.
        assert_eq!(wrap("2024年共发布信息12345条", 16, 0), ["2024年共发布信息", "12345条"]);
    }

    #[test]
    fn a_word_cut_for_being_longer_than_a_row_keeps_closing_punctuation_off_the_next_rows_start() {
        // A number or Latin word and its 。 allow no break between them: cut between characters,
        // the 。 takes a character with it rather than start the row.
        assert_eq!(wrap("ABCDEFGHIJ。", 10, 0), ["ABCDEFGHI", "J。"]);
        assert_eq!(wrap("ABCDEFGHI》。", 10, 0), ["ABCDEFGH", "I》。"]);
        assert_eq!(wrap("联系电话13907731234；邮编530001。", 12, 0), ["联系电话", "1390773123", "4；邮编", "530001。"]);
        // Punctuation alone wider than a row is still cut (nothing is lost).
        assert_eq!(wrap("。。。。。。", 4, 0).concat(), "。。。。。。");
    }

    #[test]
    fn a_long_path_breaks_after_a_slash_and_a_hyphen_is_not_a_break() {
        let home = "/home/xiangshan-district-portal/administrators/zhang.wei.lin";
        assert_eq!(home.len(), 60);
        let line = format!("  Settings  {home}/.config/portal-admin (none yet: the built-in ones are used)");
        assert_eq!(
            wrap(&line, 80, 12),
            [
                "  Settings  /home/xiangshan-district-portal/administrators/",
                "            zhang.wei.lin/.config/portal-admin (none yet: the built-in ones are",
                "            used)",
            ],
            "not before the `.` of `.config`"
        );
        assert_eq!(
            wrap("/home/a/portal-admin/portal-admin.log", 20, 2),
            ["/home/a/", "  portal-admin/", "  portal-admin.log"]
        );
        // A path with no room at all is cut between characters, never lost.
        assert_eq!(wrap("/xiangshan-district-portal", 10, 0).concat(), "/xiangshan-district-portal");
    }

    #[test]
    fn rows_of_a_line_are_ranges_without_the_spaces_broken_on() {
        assert_eq!(rows("the quick brown fox", 10, 10), [0..9, 10..19]);
        let one = |r: Range<usize>| std::iter::once(r).collect::<Vec<_>>();
        assert_eq!(rows("", 10, 10), one(0..0));
        assert_eq!(rows("  indented", 80, 80), one(0..10), "leading spaces stay");
        assert_eq!(rows("一二三四五六", 6, 4), [0..9, 9..15, 15..18], "the first row may be wider than the rest");
    }

    #[test]
    fn row_of_finds_the_row_a_character_is_drawn_on() {
        let lines = vec!["short".to_string(), "the quick brown fox".to_string(), "一二三四五六".to_string()];
        assert_eq!(row_of(&lines, 10, 0, 3), 0);
        assert_eq!(row_of(&lines, 10, 1, 0), 1);
        assert_eq!(row_of(&lines, 10, 1, 9), 1, "the space broken on counts with its row");
        assert_eq!(row_of(&lines, 10, 1, 10), 2);
        assert_eq!(row_of(&lines, 10, 2, 5), 4);
    }

    /// Runs of Chinese characters, numbers, Latin words and circled numbers, each maybe opened or
    /// closed by punctuation (more than one mark in a row too).
    fn chinese() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let token = (
            prop::sample::select(vec!["", "", "（", "《", "「", "『", "【", "（《"]),
            prop::sample::select(vec!["民", "政", "局", "网", "2026年", "a b", "①"]),
            prop::sample::select(vec![
                "", "", "。", "，", "、", "；", "：", "！", "？", "）", "」", "』", "】", "》", "》。", "）、",
            ]),
        );
        prop::collection::vec(token, 0..40).prop_map(|t| t.into_iter().map(|(a, b, c)| format!("{a}{b}{c}")).collect())
    }

    proptest::proptest! {
        /// Chinese at any width that holds its longest unbreakable run: no row starts with closing
        /// punctuation or ends with opening punctuation, and nothing is lost.
        #[test]
        fn chinese_punctuation_stays_with_its_character(
            text in chinese(),
            cols in 16usize..40,
            wide in proptest::bool::ANY,
        ) {
            let text = display(&text, if wide { Wide } else { Narrow });
            let rows = wrap(&text, cols, 0);
            for (n, r) in rows.iter().enumerate() {
                proptest::prop_assert!(width(r) <= cols, "{rows:?}");
                proptest::prop_assert!(n == 0 || !r.starts_with(CLOSING), "{rows:?}");
                proptest::prop_assert!(!r.ends_with(OPENING), "{rows:?}");
            }
            proptest::prop_assert_eq!(rows.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    proptest::proptest! {
        /// Any text, any width: no row is wider than the width (but a lone character wider than it),
        /// the rows put together are the line (less the spaces a row broke on, and those at its
        /// end), and an ambiguous character's pad never starts a row.
        #[test]
        fn wrapped_rows_fit_and_lose_nothing(text in "[a-z /民政局。（）①※]{0,120}", cols in 2u16..40) {
            let shown = display(&text, Wide);
            let rows = rows_of(vec![Line::raw(shown.clone())], cols);
            for r in &rows {
                proptest::prop_assert!(width(r) <= usize::from(cols) || r.chars().count() == 1, "{rows:?}");
                proptest::prop_assert!(!r.starts_with(PAD), "{rows:?}");
            }
            let mut rest = shown.as_str();
            for (n, r) in rows.iter().enumerate() {
                if n > 0 {
                    rest = rest.trim_start_matches(' ');
                }
                let missing = || {
                    proptest::test_runner::TestCaseError::fail(format!("{r:?} is not next in {shown:?}: {rows:?}"))
                };
                rest = rest.strip_prefix(r.as_str()).ok_or_else(missing)?;
            }
            proptest::prop_assert!(rest.trim_start_matches(' ').is_empty(), "{rows:?}");
        }
    }
}
