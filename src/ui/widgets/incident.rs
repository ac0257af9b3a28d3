//! The forms that record and correct incidents (Art. 16), opened from the Scores tab, the Findings
//! tab or the review screen.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use super::{Draw, RenderInto};
use crate::domain::IncidentKind;
use crate::domain::assessment::Period;
use crate::domain::staleness::Status;
use crate::domain::time::{beijing_date, parse_date};
use crate::t;
use crossterm::event::KeyCode;

use crate::ui::keymap::{Action, Key, Layer};
use crate::ui::text::{self, fit, pad};
use crate::ui::views::scores::signed;
use crate::ui::views::scores::{Field, IncidentForm, ReverseForm};
use crate::ui::words;

impl Draw<'_> {
    /// A field's name in a form; the one typed into is marked.
    fn field_name(&self, name: String, focused: bool) -> Span<'static> {
        let ambiguous = self.ambiguous();
        if focused {
            Span::styled(pad(&format!("› {name}"), 11, ambiguous), Style::default().add_modifier(Modifier::BOLD))
        } else {
            Span::styled(pad(&format!("  {name}"), 11, ambiguous), self.theme.dim())
        }
    }

    /// The incident being recorded: its kind (a key cycles it) and what it costs, the item it is
    /// about, its date and the quarter that makes it count in, and the note.
    pub fn incident_form(&mut self, form: &IncidentForm, writing: bool) {
        let ambiguous = self.ambiguous();
        let app = self.app;
        let key = |a: Action| self.app.keymap.key_name(Layer::Incident, a);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines =
            vec![TextLine::styled(t!("incident-form-heading", unit = form.unit.clone()), bold), TextLine::raw("")];
        let mut kinds = vec![self.field_name(t!("incident-field-kind"), form.field == Field::Kind)];
        for (n, k) in IncidentKind::ALL.iter().enumerate() {
            if n > 0 {
                kinds.push(Span::raw("  "));
            }
            let words = format!("{} {}", words::incident(*k), k.points());
            kinds.push(if *k == form.kind {
                Span::styled(format!("[{words}]"), self.theme.status(Status::Overdue).add_modifier(Modifier::BOLD))
            } else {
                Span::styled(format!(" {words} "), self.theme.dim())
            });
        }
        lines.push(TextLine::from(kinds));
        lines.push(TextLine::from(vec![Span::raw(pad("", 11, ambiguous)), Span::raw(form.kind.label())]));
        let item_row = lines.len();
        lines.push(TextLine::from(vec![self.field_name(t!("incident-field-item"), form.field == Field::Item)]));
        lines.push(TextLine::from(vec![
            Span::raw(pad("", 11, ambiguous)),
            Span::styled(
                form.item_title().map_or_else(String::new, |t| fit(&text::display(t, app.ambiguous), 60, ambiguous)),
                self.theme.dim(),
            ),
        ]));
        let date_row = lines.len();
        lines.push(TextLine::from(vec![self.field_name(t!("incident-field-date"), form.field == Field::Date)]));
        let note_row = lines.len();
        lines.push(TextLine::from(vec![self.field_name(t!("incident-field-note"), form.field == Field::Note)]));
        lines.push(TextLine::raw(""));
        // What it will cost, and in which quarter: its date's.
        let typed = form.date.lines().join("");
        let day = if typed.trim().is_empty() { Ok(beijing_date(app.now)) } else { parse_date(&typed) };
        let cost = match day {
            Ok(day) => {
                let quarter = Period::quarter_of(day);
                let viewing = app.views.scores.viewing();
                let elsewhere = if viewing == quarter {
                    String::new()
                } else {
                    t!("incident-elsewhere", viewing = viewing.to_string())
                };
                t!(
                    "incident-costs",
                    unit = form.unit.clone(),
                    points = -form.kind.points(),
                    quarter = quarter.to_string(),
                    elsewhere = elsewhere
                )
            }
            Err(_) => t!("incident-bad-date"),
        };
        lines.push(TextLine::styled(cost, self.theme.status(Status::Overdue)));
        let keys = if writing {
            t!("saving")
        } else {
            t!(
                "incident-form-keys",
                yes = key(Action::Confirm),
                next = key(Action::NextField),
                // The kind's own keys, which no keymap binds (`IncidentForm::typed`).
                cycle = [KeyCode::Char(' '), KeyCode::Left, KeyCode::Right].map(|c| Key::plain(c).name()).join("/"),
                kind = key(Action::NextKind),
                no = key(Action::Back)
            )
        };
        lines.push(TextLine::styled(keys, self.theme.dim()));
        let lines: Vec<TextLine> = lines.into_iter().map(|l| self.shown(l)).collect();
        let inner = self.popup(76, lines.len() as u16 + 2, &t!("incident-form-title"));
        Paragraph::new(lines).render_into(inner, self.buf);
        for (row, input) in [(item_row, &form.item), (date_row, &form.date), (note_row, &form.note)] {
            self.input_at(inner, row, input);
        }
    }

    /// The incident being corrected: what it was, what the correction gives back, and why.
    pub fn reverse_form(&mut self, form: &ReverseForm, writing: bool) {
        let ambiguous = self.ambiguous();
        let app = self.app;
        let i = &form.incident;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![
            TextLine::styled(t!("reverse-heading", id = i.id), bold),
            TextLine::raw(format!(
                "  {}  {}  {} {}  {}",
                i.occurred_on,
                i.unit,
                words::incident(i.kind),
                i.kind.label(),
                signed(i.points)
            )),
        ];
        if let (Some(id), Some(title)) = (i.item, &i.item_title) {
            let title = fit(&text::display(title, app.ambiguous), 60, ambiguous);
            lines.push(TextLine::raw(t!("reverse-item", id = id, title = title)));
        }
        lines.push(TextLine::raw(format!("  {}", fit(&text::display(&i.note, app.ambiguous), 70, ambiguous))));
        lines.push(TextLine::raw(""));
        lines.push(TextLine::styled(
            t!(
                "reverse-gives",
                unit = i.unit.clone(),
                points = -i.points,
                quarter = Period::quarter_of(i.occurred_on).to_string()
            ),
            self.theme.status(Status::Ok),
        ));
        let note_row = lines.len();
        lines.push(TextLine::from(vec![self.field_name(t!("reverse-field-why"), true)]));
        lines.push(TextLine::raw(""));
        let keys = if writing {
            t!("saving")
        } else {
            t!(
                "reverse-keys",
                yes = self.app.keymap.key_name(Layer::Incident, Action::Confirm),
                no = self.app.keymap.key_name(Layer::Incident, Action::Back)
            )
        };
        lines.push(TextLine::styled(keys, self.theme.dim()));
        let lines: Vec<TextLine> = lines.into_iter().map(|l| self.shown(l)).collect();
        let inner = self.popup(76, lines.len() as u16 + 2, &t!("reverse-title"));
        Paragraph::new(lines).render_into(inner, self.buf);
        self.input_at(inner, note_row, &form.note);
    }

    /// A one-line input drawn after its field's name on row `row` of a popup.
    fn input_at(&mut self, inner: Rect, row: usize, input: &TextArea<'static>) {
        if let Ok(row) = u16::try_from(row)
            && row < inner.height
        {
            let area = Rect { x: inner.x + 11, y: inner.y + row, width: inner.width.saturating_sub(11), height: 1 };
            input.render(area, self.buf);
        }
    }
}
