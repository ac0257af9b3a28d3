//! The review screen: an item from the queue, its findings' text highlighted, above the seven
//! checks of Art. 9 and, beside them, the content checks' findings on it.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{Draw, RenderInto};
use crate::domain::staleness::Status;
use crate::ui::app::Reviewing;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::{Areas, REVIEW_PANEL as PANEL, review_page};
use crate::ui::text::{self, fit, pad};

impl Draw<'_> {
    /// An item from the queue beside the seven checks and its findings.
    pub(super) fn review(&mut self, areas: &Areas) {
        let app = self.app;
        let Some(r) = &app.reviewing else { return };
        let body = review_page(areas);
        let found = r.findings.list.as_deref().unwrap_or(&[]);
        let selected = r.findings.list.as_ref().map(|_| r.findings.selected);
        self.item_page_marked(areas.title, body, &r.view, found, selected, true);
        let panel = Rect { x: 0, y: body.bottom(), width: areas.rows.width, height: PANEL };
        Widget::render(Clear, panel, self.buf);
        // The checks on the left, the findings on the right.
        let left_w = if panel.width >= 120 { 66 } else { 44 };
        let checks = Rect { width: left_w, height: PANEL - 1, ..panel };
        let findings =
            Rect { x: left_w + 1, width: panel.width.saturating_sub(left_w + 1), height: PANEL - 1, ..panel };
        self.checks(checks, r);
        self.item_findings(findings, r);
        // The review's own keys, even while a confirmation over it has the keyboard.
        let hint = |a: Action| self.app.keymap.key_for(Layer::Review, a).map_or_else(String::new, |k| k.to_string());
        let keys = if r.deciding.is_some() {
            " saving…".to_string()
        } else {
            format!(
                " 1–7 affirm · {} all · {} approve · {} reject · {} publish · {}/{} finding · {} waive · \
                 {} incident · {} back",
                hint(Action::AllChecks),
                hint(Action::Approve),
                hint(Action::Reject),
                hint(Action::Publish),
                hint(Action::NextFinding),
                hint(Action::PreviousFinding),
                hint(Action::WaiveFinding),
                hint(Action::RecordIncident),
                hint(Action::Back)
            )
        };
        let last = Rect { y: panel.bottom() - 1, height: 1, ..panel };
        self.put(last, TextLine::styled(fit(&keys, usize::from(last.width)), self.theme.dim()));
    }

    /// The seven checks, affirmed or not, and what a unit item lacks.
    fn checks(&mut self, area: Rect, r: &Reviewing) {
        let w = usize::from(area.width);
        let item = format!("Item {} at {} (v{})", r.entry.id, r.entry.stage.as_str(), r.entry.version);
        let full = format!("{item} · the seven checks of Art. 9");
        // Beside the findings on 80 columns: the item and its step, never a cut word.
        let heading = if text::width(&full) <= w { full } else { item };
        let mut lines = vec![TextLine::styled(fit(&heading, w), self.theme.heading())];
        for (n, check) in crate::domain::review::CHECKS.iter().enumerate() {
            let on = r.checks.contains(n as u32 + 1);
            let mark = if on { "[x]" } else { "[ ]" };
            let style = if on { self.theme.status(Status::Ok) } else { Style::default() };
            let label = format!(" {mark} {} ", n + 1);
            let room = w.saturating_sub(text::width(&label));
            lines.push(TextLine::from(vec![Span::styled(label, style), Span::raw(fit(&self.text(check), room))]));
        }
        let lacks: Vec<&str> = r.entry.missing.iter().map(|k| k.describe()).collect();
        if !lacks.is_empty() {
            let said = self.text(&format!(" lacks {} (Art. 10)", lacks.join(", ")));
            lines.push(TextLine::styled(fit(&said, w), self.theme.status(Status::Overdue)));
        }
        Paragraph::new(lines).render_into(area, self.buf);
    }

    /// The content checks' findings on the item: each one's kind, text and place, its message and
    /// suggestion (or the waiver that covers it); blocking ones marked, the selected one shown
    /// reversed; as many as fit, the selected one always.
    fn item_findings(&mut self, area: Rect, r: &Reviewing) {
        let w = usize::from(area.width);
        let f = &r.findings;
        let Some(list) = &f.list else {
            let said = match (&f.error, f.waiting) {
                (Some(e), _) => format!("Content checks: could not check: {e}"),
                _ => "Content checks: checking…".to_string(),
            };
            let style = if f.error.is_some() { self.theme.status(Status::Overdue) } else { self.theme.dim() };
            let said = self.text(&said);
            self.put(Rect { height: 1, ..area }, TextLine::styled(fit(&said, w), style));
            return;
        };
        if list.is_empty() {
            let lines = vec![
                TextLine::styled("Content checks: nothing found", self.theme.status(Status::Ok)),
                TextLine::styled(fit("names, terms, secret and banned words, personal data,", w), self.theme.dim()),
                TextLine::styled(fit("document numbers, dates and figures", w), self.theme.dim()),
            ];
            Paragraph::new(lines).render_into(area, self.buf);
            return;
        }
        let open = f.open_blocking().len();
        let mut heading = vec![Span::styled(format!("Findings {}", list.len()), self.theme.heading())];
        if open > 0 {
            heading.push(Span::styled(format!(" · ✗{open} blocking"), self.theme.status(Status::Overdue)));
        }
        let waived = list.iter().filter(|(_, w)| w.is_some()).count();
        if waived > 0 {
            heading.push(Span::styled(format!(" · {waived} waived"), self.theme.status(Status::Ok)));
        }
        let mut lines = vec![TextLine::from(heading)];
        // Two lines a finding; the window keeps the selected one in sight.
        let room = usize::from(area.height.saturating_sub(1)) / 2;
        let first = f.selected.saturating_sub(room.saturating_sub(1));
        for (n, (finding, waived)) in list.iter().enumerate().skip(first).take(room.max(1)) {
            let (mark, mark_style) = match (finding.blocking, waived.is_some()) {
                (_, true) => ("✓ ", self.theme.status(Status::Ok)),
                (true, false) => ("✗ ", self.theme.status(Status::Overdue)),
                (false, false) => ("! ", self.theme.status(Status::DueSoon)),
            };
            let place = finding.span().replace(':', " ");
            let head = format!("{} “{}” {place}", finding.kind.as_str(), self.text(&finding.text));
            let said = match waived {
                Some(w) => format!("waived — {w}"),
                None if finding.suggestion.is_empty() => finding.message.clone(),
                None => format!("{} → {}", finding.message, finding.suggestion),
            };
            let selected = n == f.selected;
            let style = if selected { self.theme.selected() } else { Style::default() };
            lines.push(TextLine::from(vec![
                Span::styled(mark, mark_style.patch(style)),
                Span::styled(
                    pad(&fit(&head, w.saturating_sub(2)), w.saturating_sub(2)),
                    style.add_modifier(Modifier::BOLD),
                ),
            ]));
            let said = self.text(&said);
            lines.push(TextLine::from(vec![
                Span::raw("  "),
                Span::styled(fit(&said, w.saturating_sub(2)), self.theme.dim()),
            ]));
        }
        Paragraph::new(lines).render_into(area, self.buf);
    }
}
