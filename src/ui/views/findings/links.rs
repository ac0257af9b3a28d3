//! The Findings tab's broken links: the links of online items that did not answer when the link
//! checks (`portal-admin links`) last looked, each with its item, its URL, its status (or why it
//! was not fetched) and when it was checked; `L` puts them in front of the content findings and
//! back. They load when first shown (from the stored results: nothing is fetched), again on F5
//! and after a withdrawal. Enter opens the item, as a finding does.

use ratatui::style::Modifier;
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
use crate::ui::text::{self, SearchKey, fit, pad};
use crate::ui::table;
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

    let w = usize::from(areas.rows.width);
    let wide = w >= 120;
    let (item_w, title_w, place_w, status_w) = if wide { (9, 30, 12, 10) } else { (8, 0, 0, 10) };
    // When the link was checked, as the command line's tables say it: two blanks after the widest.
    let when_w = d.when_width(&t!("broken-links-head-checked"), list.rows.iter().map(|r| r.checked_at)) + 2;
    let url_w = w.saturating_sub(2 + item_w + title_w + place_w + status_w + when_w);
    let header = format!(
        "  {}{}{}{}{}{}",
        table::number(&t!("head-item"), item_w, ambiguous),
        pad(&if wide { t!("head-title") } else { String::new() }, title_w, ambiguous),
        pad(&if wide { t!("broken-links-head-place") } else { String::new() }, place_w, ambiguous),
        pad(&t!("broken-links-head-status"), status_w, ambiguous),
        pad(&t!("broken-links-head-checked"), when_w, ambiguous),
        pad(&t!("broken-links-head-url"), url_w, ambiguous)
    );
    d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
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
    let now = d.now();
    d.list(areas.rows, list, &nothing, |r| {
        let shown = |s: &str, w: usize| pad(&fit(&text::display(s, ambiguous), w.saturating_sub(1), ambiguous), w, ambiguous);
        let mark = if r.verdict.is_broken() {
            Span::styled("✗ ", theme.status(Status::Overdue))
        } else {
            Span::styled("- ", theme.dim())
        };
        let mut line = vec![mark, Span::raw(table::number(&r.item.to_string(), item_w, ambiguous))];
        if wide {
            line.push(Span::raw(shown(&r.title, title_w)));
            line.push(Span::raw(pad(&crate::ui::words::link_place(r.place), place_w, ambiguous)));
        }
        let style = if r.verdict.is_broken() { theme.status(Status::Overdue) } else { theme.dim() };
        line.push(Span::styled(pad(&status(r), status_w, ambiguous), style));
        let when = for_people(r.checked_at, now);
        line.push(Span::raw(pad(&when, when_w, ambiguous)));
        let url = match beyond_status(r.error.as_deref(), r.status) {
            Some(e) if wide => format!("{} — {e}", r.url),
            _ => r.url.clone(),
        };
        line.push(Span::raw(fit(&text::display(&url, ambiguous), url_w, ambiguous)));
        TextLine::from(line)
    });
}
