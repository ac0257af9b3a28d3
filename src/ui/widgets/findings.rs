//! The Findings tab: the content checks' findings on every online item, newest first, blocking
//! ones marked, waived ones said; an item opened from them, its findings highlighted. And the
//! highlighting itself: a finding's exact characters in an item's title or body.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::Paragraph;

use super::{Draw, RenderInto};
use crate::domain::checks::{Field, Finding};
use crate::domain::staleness::Status;
use crate::domain::time::format_time;
use crate::store::ExportedItem;
use crate::ui::layout::Areas;
use crate::ui::text::{self, fit, pad};

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
    /// How a finding's text is highlighted: a blocking one that stands in red, another in yellow, a
    /// waived one underlined in green; the selected one also bold and underlined. Without colour:
    /// reversed, underlined, dim and underlined.
    fn finding_style(&self, blocking: bool, waived: bool, selected: bool) -> Style {
        let base = Style::default();
        let style = match (self.theme.mono, blocking, waived) {
            (false, _, true) => base.fg(Color::Green).add_modifier(Modifier::UNDERLINED),
            (false, true, false) => base.bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD),
            (false, false, false) => base.bg(Color::Yellow).fg(Color::Black),
            (true, _, true) => base.add_modifier(Modifier::DIM | Modifier::UNDERLINED),
            (true, true, false) => base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (true, false, false) => base.add_modifier(Modifier::UNDERLINED),
        };
        if selected { style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED) } else { style }
    }

    /// The stretches of an item's title and body its findings are about.
    pub(super) fn marks(&self, item: &ExportedItem, found: &[Found], selected: Option<usize>) -> Marks {
        let mut marks = Marks { title: Vec::new(), body: Vec::new() };
        for (n, (f, waived)) in found.iter().enumerate() {
            let (text, into) = match f.field {
                Field::Title => (&item.title, &mut marks.title),
                Field::Body => (&item.body, &mut marks.body),
                Field::Dates => continue,
            };
            if let Some((start, end)) = locate(text, f) {
                into.push((start, end, self.finding_style(f.blocking, waived.is_some(), selected == Some(n))));
            }
        }
        marks
    }

    /// One line of an item's text, its first character `from` characters into the whole text, as
    /// spans: the stretches marked in their style (over `base`), the rest in `base`.
    pub(super) fn marked(
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

    pub(super) fn findings(&mut self, areas: &Areas) {
        let app = self.app;
        let view = &app.findings;
        if let Some(item) = &view.item {
            let body = Rect { y: areas.header.y, height: areas.rows.height + 1, ..areas.rows };
            // The item's findings, as the list has them, highlighted in its text.
            let found: Vec<Found> = view
                .list
                .rows
                .iter()
                .filter(|r| r.item == item.id)
                .map(|r| (r.finding.clone(), r.waived.clone()))
                .collect();
            return self.item_page_marked(areas.title, body, item, &found, None, true);
        }
        let list = &view.list;
        let mut spans = vec![Span::raw("Findings")];
        if list.done {
            let (items, blocking) = view.counts();
            spans.push(Span::raw(format!(" · {} on {items} online items, newest first", list.rows.len())));
            if blocking > 0 {
                spans.push(Span::styled(format!(" · ✗{blocking} blocking"), self.theme.status(Status::Overdue)));
            }
        } else if list.waiting.is_some() {
            spans.push(Span::raw(" · checking every online item"));
        }
        spans.extend(self.filter_note(&list.filter));
        self.title(areas.title, spans);

        let w = usize::from(areas.rows.width);
        let wide = w >= 120;
        let (when_w, item_w, kind_w, text_w, title_w) = if wide { (12, 9, 16, 20, 30) } else { (0, 8, 15, 14, 0) };
        let message_w = w.saturating_sub(2 + when_w + item_w + kind_w + text_w + title_w);
        let header = format!(
            "  {}{}{}{}{}{}",
            pad(if wide { "published" } else { "" }, when_w),
            pad("item", item_w),
            pad(if wide { "title" } else { "" }, title_w),
            pad("kind", kind_w),
            pad("text", text_w),
            pad("message → suggestion", message_w)
        );
        self.buf.set_string(0, areas.header.y, &header, self.theme.dim().add_modifier(Modifier::UNDERLINED));
        let theme = self.theme;
        let nothing = "No findings on online items.";
        if list.shown.is_empty() && list.waiting.is_some() && list.error.is_none() {
            let msg = "Checking every online item (tens of seconds on a large site)…";
            self.put(areas.rows, TextLine::from(msg));
            return;
        }
        if list.done && list.rows.is_empty() && list.error.is_none() {
            // What would fill it, and how to make the checks find more.
            let lines = vec![
                TextLine::from(nothing),
                TextLine::raw(""),
                TextLine::raw(self.text(
                    "Findings come from the names and words lists (data/checks/, or your own names.tsv and words.tsv): \
                     a leader's, an institution's or a term's wrong form, an official who has left, a secret marking or a \
                     banned word. Personal data shown in full (ID numbers, mobile numbers, bank cards), document numbers \
                     with the wrong brackets, impossible dates and a figure quoted with two values are found without a list.",
                )),
                TextLine::raw(""),
                TextLine::raw("Add to your own lists (started from the shipped ones):"),
                TextLine::raw(self.text("  portal-admin check add-name 李明华 --kind leader --wrong 李明化")),
                TextLine::raw(self.text("  portal-admin check add-word 内部资料 --kind secret --suggestion 不得公开发布")),
                TextLine::raw("F5 checks every online item again."),
            ];
            Paragraph::new(text::wrap_lines(lines, areas.rows.width)).render_into(areas.rows, self.buf);
            return;
        }
        self.list(areas.rows, list, nothing, |r| {
            let f = &r.finding;
            let shown = |s: &str, w: usize| pad(&fit(&text::display(s, app.ambiguous), w.saturating_sub(1)), w);
            let mut line = vec![match (&r.waived, f.blocking) {
                (Some(_), _) => Span::styled("✓ ", theme.status(Status::Ok)),
                (None, true) => Span::styled("✗ ", theme.status(Status::Overdue)),
                (None, false) => Span::raw("  "),
            }];
            if wide {
                let when = r.published_at.map_or_else(|| "-".to_string(), |t| format_time(t, false));
                let when = when.get(5..16).unwrap_or(&when).replace('T', " ");
                line.push(Span::raw(pad(&when, when_w)));
            }
            line.push(Span::raw(pad(&r.item.to_string(), item_w)));
            if wide {
                line.push(Span::raw(shown(&r.title, title_w)));
            }
            let kind_style = if f.blocking { theme.status(Status::Overdue) } else { theme.status(Status::DueSoon) };
            line.push(Span::styled(pad(f.kind.as_str(), kind_w), kind_style));
            line.push(Span::raw(shown(&f.text, text_w)));
            let said = match &r.waived {
                Some(w) => format!("waived — {w}"),
                None if f.suggestion.is_empty() => f.message.clone(),
                None => format!("{} → {}", f.message, f.suggestion),
            };
            line.push(Span::raw(fit(&text::display(&said, app.ambiguous), message_w)));
            TextLine::from(line)
        });
    }
}
