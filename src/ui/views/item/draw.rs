//! One item's page, whole: shared by a column's item, the review, a unit's score and the findings.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::ItemView;
use crate::domain::time::for_people;
use crate::store::HistoryEntry;
use crate::t;
use crate::ui::layout::Areas;
use crate::ui::text;
use crate::ui::widgets::{Draw, Found};
use crate::ui::words;

/// What an item's page shows first under its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOrder {
    /// Its fields, target columns and history, then the body (an item looked at).
    Fields,
    /// The body, then the rest (the review: what is checked comes first).
    Body,
    /// Where it goes and what happened to it (target columns, history), then the fields and the
    /// body: the publish step, whose question is where it goes, on a screen of 24 rows.
    Placement,
}

impl Draw<'_> {
    /// An item whole, in the area of a view below the tab bar.
    pub fn item(&mut self, areas: &Areas, view: &ItemView) {
        let body = Rect { y: areas.header.y, height: areas.rows.height + 1, ..areas.rows };
        self.item_page(areas.title, body, view);
    }

    /// An item whole: its title line, and its fields, columns, history and body scrolled in `body`.
    pub fn item_page(&mut self, title: Rect, body: Rect, view: &ItemView) {
        self.item_page_marked(title, body, view, &[], None, PageOrder::Fields);
    }

    /// `item_page` with the text of the content checks' findings highlighted in its title and body
    /// (the one `selected` stands out), in `order`.
    pub fn item_page_marked(
        &mut self,
        title: Rect,
        body: Rect,
        view: &ItemView,
        found: &[Found],
        selected: Option<usize>,
        order: PageOrder,
    ) {
        let ambiguous = self.ambiguous();
        let now = self.now();
        let Some((item, history)) = &view.item else {
            self.title(title, vec![Span::raw(t!("item-page-title", id = view.id))]);
            let msg = view
                .error
                .as_deref()
                .map_or_else(|| t!("item-page-loading"), |e| t!("item-page-failed", error = e.to_string()));
            self.put(body, TextLine::from(self.text(&msg)));
            return;
        };
        self.title(
            title,
            vec![Span::raw(t!(
                "item-page-heading",
                id = item.id,
                status = words::item_status(item.fields.status),
                form = words::form(item.fields.form)
            ))],
        );
        let dim = self.theme.dim();
        let field = |name: String, value: String| {
            TextLine::from(vec![Span::styled(text::pad(&name, 10, ambiguous), dim), Span::raw(value)])
        };
        let marks = self.marks(item, found, selected);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![
            TextLine::from(self.marked(&item.fields.title, 0, &marks.title, Style::default())).style(bold),
            TextLine::raw(""),
        ];
        // Line by line, each line's first character counted in the whole body (the findings'
        // spans are characters of the body).
        let mut text = vec![TextLine::styled(t!("item-page-body"), self.theme.heading())];
        let mut from = 0;
        for l in item.fields.body.strip_suffix('\n').unwrap_or(&item.fields.body).split('\n') {
            text.push(TextLine::from(self.marked(l, from, &marks.body, Style::default())));
            from += l.chars().count() + 1;
        }
        let mut fields = vec![
            field(
                t!("item-page-path"),
                t!(
                    "item-page-path-line",
                    path = words::path_full(item.fields.path),
                    unit = self.text(item.fields.unit.as_deref().unwrap_or("-")),
                    channel = words::channel(item.fields.channel)
                ),
            ),
            field(t!("item-page-stage"), words::stage_name(item.fields.stage)),
        ];
        if let Some(r) = &item.fields.reference {
            fields.push(field(t!("item-page-ref"), self.text(r)));
        }
        if let Some(u) = &item.fields.url {
            fields.push(field(t!("item-page-link"), self.text(u)));
        }
        fields.push(field(t!("item-page-submitted"), for_people(item.fields.submitted_at, now)));
        fields.push(field(
            t!("item-page-published"),
            item.fields.published_at.map_or("-".to_string(), |t| for_people(t, now)),
        ));
        if let Some((at, reason)) = &item.withdrawn {
            fields.push(field(t!("item-page-withdrawn"), words::aside(&for_people(*at, now), &words::reason(*reason))));
        }
        if let Some(mark) = item.mark {
            fields
                .push(field(t!("item-page-marked"), t!("item-page-mark", label = mark.label(), mark = mark.as_str())));
        }
        let mut placed =
            vec![TextLine::styled(t!("item-page-columns", count = item.fields.placements.len()), self.theme.heading())];
        for (path, form) in &item.fields.placements {
            // As the command line's `show` and its tables say it (full-width brackets in Chinese).
            let said = t!("code-placement", path = self.text(path), form = words::form(*form));
            placed.push(TextLine::raw(format!("  {said}")));
        }
        placed.push(TextLine::raw(""));
        placed.push(TextLine::styled(t!("item-page-history", count = history.len()), self.theme.heading()));
        // An entry: when, who, then what happened; its text wraps hanging under its first row's text.
        let head = |h: &HistoryEntry| {
            let when = for_people(h.at, now);
            let who = if h.operator.is_empty() { String::new() } else { format!("  {}", self.text(&h.operator)) };
            format!("  {when}{who}  ")
        };
        let entry = |h: &HistoryEntry| format!("{}{}", head(h), self.text(&words::history(&h.event)));
        let hanging = |h: &HistoryEntry| -> Vec<TextLine<'static>> {
            text::wrap(&entry(h), usize::from(body.width), text::width(&head(h)))
                .into_iter()
                .map(TextLine::raw)
                .collect()
        };
        let mut earlier = Vec::new();
        if order == PageOrder::Placement {
            // The publish step's question on one screen: an entry a row, and when they do not all
            // fit above the checks, the first and the latest, oldest first, the ones between at the
            // page's end.
            let width = usize::from(body.width);
            let above =
                text::wrap_lines(lines.clone(), body.width).len() + text::wrap_lines(placed.clone(), body.width).len();
            let room = usize::from(body.height).saturating_sub(above);
            let one_row = |h: &HistoryEntry| TextLine::raw(text::fit(&entry(h), width, ambiguous));
            if history.len() > room && room >= 3 {
                let between = history.len() - (room - 1);
                placed.push(one_row(&history[0]));
                placed.push(TextLine::styled(t!("item-page-history-between", count = between), self.theme.dim()));
                placed.extend(history[1 + between..].iter().map(one_row));
                earlier.push(TextLine::styled(t!("item-page-history-earlier", count = between), self.theme.heading()));
                earlier.extend(history[1..1 + between].iter().flat_map(hanging));
            } else {
                placed.extend(history.iter().map(one_row));
            }
        } else {
            placed.extend(history.iter().flat_map(hanging));
        }
        let blocks = match order {
            PageOrder::Fields => [fields, placed, text],
            PageOrder::Body => [text, fields, placed],
            PageOrder::Placement => [placed, fields, text],
        };
        let blocks = blocks.into_iter().chain((!earlier.is_empty()).then_some(earlier));
        for (n, mut block) in blocks.into_iter().enumerate() {
            if n > 0 {
                lines.push(TextLine::raw(""));
            }
            lines.append(&mut block);
        }
        let rows = text::wrap_lines(lines, body.width);
        let last = u16::try_from(rows.len().saturating_sub(usize::from(body.height))).unwrap_or(u16::MAX);
        view.last_top.set(last);
        Paragraph::new(rows).scroll((view.scroll.min(last), 0)).render(body, self.buf);
    }
}
