//! The Findings tab: the content checks' findings on every online item, newest first, blocking
//! ones marked, waived ones said; an item opened from them, its findings highlighted. And the
//! highlighting itself: a finding's exact characters in an item's title or body.

use ratatui::style::Style;
use ratatui::text::Span;

use super::Draw;
use crate::domain::checks::{Field, Finding};
use crate::store::ExportedItem;

/// A finding with the waiver that covers it, if one does.
pub type Found = (Finding, Option<String>);

/// Stretches of characters to highlight: `[start, end)` and how.
type Stretches = Vec<(usize, usize, Style)>;

/// The stretches to highlight in an item's title and body.
pub struct Marks {
    pub title: Stretches,
    pub body: Stretches,
}

/// Where a finding's text is in `text` shown: at its span when the characters there are its text;
/// else (the text was made safe to show, a tab became spaces) the occurrence nearest its span.
fn locate(text: &str, f: &Finding) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let want: Vec<char> = f.text.chars().collect();
    if want.is_empty() {
        return None;
    }
    if chars.get(f.start..f.end) == Some(&want[..]) {
        return Some((f.start, f.end));
    }
    chars
        .windows(want.len())
        .enumerate()
        .filter(|(_, w)| *w == &want[..])
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(f.start))
        .map(|i| (i, i + want.len()))
}

impl Draw<'_> {
    /// The stretches of an item's title and body its findings are about.
    pub(crate) fn marks(&self, item: &ExportedItem, found: &[Found], selected: Option<usize>) -> Marks {
        let mut marks = Marks { title: Vec::new(), body: Vec::new() };
        for (n, (f, waived)) in found.iter().enumerate() {
            let (text, into) = match f.field {
                Field::Title => (&item.fields.title, &mut marks.title),
                Field::Body => (&item.fields.body, &mut marks.body),
                Field::Dates => continue,
            };
            if let Some((start, end)) = locate(text, f) {
                into.push((start, end, self.theme.finding(f.blocking, waived.is_some(), selected == Some(n))));
            }
        }
        marks
    }

    /// One line of an item's text, its first character `from` characters into the whole text, as
    /// spans: the stretches marked in their style (over `base`), the rest in `base`.
    pub(crate) fn marked(
        &self,
        line: &str,
        from: usize,
        marks: &[(usize, usize, Style)],
        base: Style,
    ) -> Vec<Span<'static>> {
        if marks.is_empty() {
            return vec![Span::styled(self.text(line), base)];
        }
        let mut spans = Vec::new();
        let mut run = String::new();
        let mut run_style = base;
        for (i, c) in line.chars().enumerate() {
            let at = from + i;
            let style =
                marks.iter().rev().find(|(s, e, _)| (*s..*e).contains(&at)).map_or(base, |(_, _, st)| base.patch(*st));
            if style != run_style && !run.is_empty() {
                spans.push(Span::styled(self.text(&run), run_style));
                run.clear();
            }
            run_style = style;
            run.push(c);
        }
        if !run.is_empty() {
            spans.push(Span::styled(self.text(&run), run_style));
        }
        spans
    }
}
