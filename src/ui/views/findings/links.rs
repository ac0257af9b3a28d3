//! The Findings tab's broken links: the links of online items that did not answer when the link
//! checks (`portal-admin links`) last looked, each with its item, its URL, its status (or why it
//! was not fetched) and when it was checked; `L` puts them in front of the content findings and
//! back. They load when first shown (from the stored results: nothing is fetched), again on F5
//! and after a withdrawal. Enter opens the item, as a finding does.

use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Ask, Load};
use crate::domain::links::{Verdict, beyond_status};
use crate::domain::staleness::Status;
use crate::domain::time::for_people;
use crate::store::LinkRow;
use crate::t;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::paged::{Paged, Row};
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, SearchKey};
use crate::ui::widgets::Draw;

impl Row for LinkRow {
    type Key = (i64, String);

    fn key(&self) -> Self::Key {
        (self.item, format!("{} {}", self.place.as_str(), self.url))
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.item.to_string(), &self.title, &self.url, self.error.as_deref().unwrap_or("")])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.item.to_string() } else { self.url.clone() })
    }
}

/// The broken links, and whether they are in front of the content findings.
#[derive(Debug, Default)]
pub struct BrokenLinks {
    pub front: bool,
    pub list: Paged<LinkRow>,
}

impl BrokenLinks {
    /// `L`: the broken links in front (loaded the first time), or the content findings again.
    pub fn toggle(&mut self, ask: &mut Ask) {
        self.front = !self.front;
        if self.front && !self.list.loaded() {
            self.load(ask);
        }
    }

    /// Reads the stored results again.
    pub fn load(&mut self, ask: &mut Ask) {
        let req = ask.request(Load::BrokenLinks);
        self.list.asked(req, None);
    }

    /// Reads them again if they have been shown (after a withdrawal, or a link check of its own).
    pub fn reload(&mut self, ask: &mut Ask) {
        if self.list.loaded() {
            self.load(ask);
        }
    }

    /// The stored results arrived.
    pub fn arrived(&mut self, id: u64, result: Result<Vec<LinkRow>, String>, height: usize, ask: &mut Ask) {
        let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
        self.list.accept_whole(id, result, height);
        if let Some(e) = failed {
            ask.warn(t!("broken-links-failed", error = e));
        }
    }

    /// How many links, on how many items, and how many of them count as broken (not refused).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut items: Vec<i64> = self.list.rows.iter().map(|r| r.item).collect();
        items.sort_unstable();
        items.dedup();
        let broken = self.list.rows.iter().filter(|r| r.verdict.is_broken()).count();
        (self.list.rows.len(), items.len(), broken)
    }

}

/// The status column: the HTTP status, or what stands for none.
fn status(r: &LinkRow) -> String {
    match (r.verdict, r.status) {
        (Verdict::Refused, _) => t!("broken-links-refused"),
        (_, Some(s)) => s.to_string(),
        (_, None) => t!("broken-links-no-answer"),
    }
}

pub(super) fn draw(links: &BrokenLinks, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let list = &links.list;
    let back = d.key_for(Layer::BrokenLinks, Action::BrokenLinks);
    let mut spans = vec![Span::raw(t!("broken-links-title"))];
    if list.done && !list.rows.is_empty() {
        let (count, items, broken) = links.counts();
        spans.push(Span::raw(t!("broken-links-counts", count = count, items = items)));
        if broken < count {
            spans.push(Span::raw(t!("broken-links-refused-count", count = count - broken)));
        }
    }
    spans.extend(d.filter_note(&list.filter));
    spans.push(Span::styled(t!("broken-links-back", key = back), d.theme.dim()));
    d.title(areas.title, spans);

    // One column per thing, a blank between two (`ui::table`), after the gutter where a broken
    // link (✗) or one not fetched (-) is marked: the item, wide, its title and where in it the
    // link is; the answer, when it was checked, and the URL, which takes the rest.
    let wide = areas.rows.width >= 120;
    let now = d.now();
    let cells = |r: &LinkRow| -> Vec<String> {
        let mut cells = vec![r.item.to_string()];
        if wide {
            cells.extend([text::display(&r.title, ambiguous), crate::ui::words::link_place(r.place)]);
        }
        let url = match beyond_status(r.error.as_deref(), r.status) {
            Some(e) if wide => format!("{} — {e}", r.url),
            _ => r.url.clone(),
        };
        cells.extend([status(r), for_people(r.checked_at, now), text::display(&url, ambiguous)]);
        cells
    };
    let mut heads = vec![t!("head-item")];
    if wide {
        heads.extend([t!("head-title"), t!("broken-links-head-place")]);
    }
    heads.extend([t!("broken-links-head-status"), t!("broken-links-head-checked"), t!("broken-links-head-url")]);
    let status_at = heads.len() - 3;
    let rows: Vec<Vec<String>> = list.rows.iter().map(cells).collect();
    let kind = |i: usize| match i {
        0 => Kind::Number,
        _ if i == status_at || i == status_at + 1 => Kind::Fixed,
        _ => Kind::Text,
    };
    let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width).saturating_sub(2), ambiguous);
    d.header(areas.header, &format!("  {}", table.row(&heads)));
    if list.done && list.rows.is_empty() && list.error.is_none() {
        let lines = vec![
            TextLine::from(t!("broken-links-none")),
            TextLine::raw(""),
            TextLine::raw(d.text(&t!("broken-links-how"))),
        ];
        Paragraph::new(text::wrap_lines(lines, areas.rows.width)).render(areas.rows, d.buf);
        return;
    }
    let theme = d.theme;
    let nothing = t!("broken-links-none");
    d.list(areas.rows, list, &nothing, |r| {
        let mut line = vec![if r.verdict.is_broken() {
            Span::styled("✗ ", theme.status(Status::Overdue))
        } else {
            Span::styled("- ", theme.dim())
        }];
        let answer = if r.verdict.is_broken() { theme.status(Status::Overdue) } else { theme.dim() };
        for (i, cell) in cells(r).iter().enumerate() {
            let style = if i == status_at { answer } else { ratatui::style::Style::default() };
            line.push(Span::styled(table.cell(i, cell), style));
        }
        TextLine::from(line)
    });
}
