//! The Columns tab drawn: the column tree, and one column opened: its documents due and its
//! online items. (An item opened from a column is drawn as every item is, `views::item`.)

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TextLine, Span};

use super::column::ColumnView;
use super::tree::Line;
use super::ColumnsView;
use crate::domain::staleness::{DocumentStatus, Status};
use crate::domain::time::{beijing_date, for_people};
use crate::t;
use crate::ui::keymap::{Action, Layer};
use crate::ui::layout::Areas;
use crate::ui::table::{Kind, Table};
use crate::ui::text::{self, fit, fit_path, fit_tail, pad, pad_left};
use crate::ui::views::Tab;
use crate::ui::widgets::{Draw, provisional_note, symbol};
use crate::ui::words::{self, status as status_word};

/// A document's status in words.
fn document_word(s: DocumentStatus) -> String {
    match s {
        DocumentStatus::Overdue => t!("columns-document-overdue"),
        DocumentStatus::Pending => t!("columns-document-pending"),
        DocumentStatus::Late => t!("columns-document-late"),
        DocumentStatus::OnTime => t!("columns-document-on-time"),
    }
}

/// A due date's mark and the days overdue beside it, in `cells`: a provisional due date (it
/// counts days of a year whose holiday notice is not imported) is followed by `?`.
fn due_mark(provisional: bool, days: &str, cells: usize) -> String {
    if provisional { format!("?{days:>w$}", w = cells - 1) } else { format!("{days:>cells$}") }
}

fn date(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map_or_else(|| "-".to_string(), |t| beijing_date(t).to_string())
}

/// The column tree: its counts, the way it is looked at, and a line per column (or unit).
pub(super) fn tree(view: &ColumnsView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
    let Some(tree) = &view.tree else {
        d.title(areas.title, vec![Span::raw(t!("columns-title"))]);
        let msg = view
            .error
            .as_deref()
            .map_or_else(|| t!("columns-loading"), |e| t!("columns-load-failed", error = e.to_string()));
        d.put(areas.rows, TextLine::from(d.text(&msg)));
        return;
    };
        let counts = tree.counts();
        let n = |s: Status| counts.get(&s).copied().unwrap_or(0);
        let mut spans =
            vec![Span::raw(t!("columns-title-counts", count = tree.entries.len(), day = d.at().to_string()))];
        for s in [Status::Overdue, Status::Empty, Status::DueSoon] {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{}{} {}", symbol(s), n(s), status_word(s)), d.theme.status(s)));
        }
        spans.extend(provisional_note(tree.entries.iter().filter(|e| e.provisional).count(), d.theme));
        // The filter first: it must stay in sight at 80 columns.
        spans.extend(d.filter_note(&view.filter));
        let mode = &tree.mode;
        let modes = [
            (mode.only_overdue, t!("columns-mode-overdue")),
            (mode.by_unit, t!("columns-mode-by-unit")),
            (mode.sort_overdue, t!("columns-mode-sorted")),
        ];
        for (on, what) in modes {
            if on {
                spans.push(Span::styled(format!(" [{what}]"), d.theme.dim()));
            }
        }
        d.title(areas.title, spans);

        let w = usize::from(areas.rows.width);
        // Wide terminals give the room to the units (what an administrator sends each unit).
        let units_w = if w >= 120 { (w - 50) * 2 / 5 } else { 14 };
        // The rules in words of the language (`10 months`, `10个月`): the column as wide as the
        // widest shown needs, within 9 and 13 cells.
        let rules: Vec<String> =
            tree.entries.iter().map(|e| e.rule.short_words().unwrap_or_else(|| "-".to_string())).collect();
        let rule_w = rules.iter().map(|r| text::width(r) + 1).max().unwrap_or(0).clamp(9, 13);
        let name_w = w.saturating_sub(2 + rule_w + 11 + 11 + 6 + units_w + 1);
        let header = format!(
            "  {}{}{}{}{} {}",
            pad(&t!("columns-head-column"), name_w, ambiguous),
            pad(&format!(" {}", t!("columns-head-rule")), rule_w, ambiguous),
            pad(&format!(" {}", t!("columns-head-updated")), 11, ambiguous),
            pad(&format!(" {}", t!("columns-head-due")), 11, ambiguous),
            pad_left(&t!("columns-head-days"), 5, ambiguous),
            pad(&format!(" {}", t!("columns-head-units")), units_w + 1, ambiguous)
        );
        d.buf.set_string(0, areas.header.y, &header, d.theme.dim().add_modifier(Modifier::UNDERLINED));
        if view.lines.is_empty() {
            let msg = if view.filter.is_empty() { t!("columns-none") } else { t!("columns-none-match", back = d.key_for(Layer::Global, Action::Back)) };
            d.put(areas.rows, TextLine::from(msg));
        }
        for (row, line) in view.lines.iter().enumerate().skip(view.cursor.offset).take(usize::from(areas.rows.height)) {
            let y = areas.rows.y + (row - view.cursor.offset) as u16;
            let selected = row == view.cursor.selected;
            let line_area = Rect { y, height: 1, ..areas.rows };
            let styled = match *line {
                Line::Unit { index, columns } => {
                    let (name, list) = &tree.units[index];
                    // What makes it worse than the next: its overdue and empty columns.
                    let n = |s: Status| list.iter().filter(|&&i| tree.entries[i].staleness.status == s).count();
                    let mut spans = vec![Span::styled(format!("■ {}", words::aside(&d.text(name), &columns.to_string())), d.theme.heading())];
                    for s in [Status::Overdue, Status::Empty] {
                        if n(s) > 0 {
                            spans.push(Span::styled(format!(" {}{}", symbol(s), n(s)), d.theme.status(s)));
                        }
                    }
                    TextLine::from(spans)
                }
                Line::Column { index, depth, flat } => {
                    let e = &tree.entries[index];
                    let shown = if flat {
                        tree.worst[index].min(e.staleness.status).max(e.staleness.status)
                    } else {
                        tree.worst[index]
                    };
                    let marker = if flat || !tree.has_children(index) {
                        "  "
                    } else if tree.is_expanded(index) {
                        "- "
                    } else {
                        "+ "
                    };
                    let indent = "  ".repeat(depth);
                    // A parent in the tree counts the overdue and empty columns below it.
                    let (overdue, empty) = if flat { (0, 0) } else { tree.below[index] };
                    let counts: String = [(Status::Overdue, overdue), (Status::Empty, empty)]
                        .iter()
                        .filter(|(_, n)| *n > 0)
                        .map(|(s, n)| format!(" {}{n}", symbol(*s)))
                        .collect();
                    let room = name_w.saturating_sub(indent.len() + 2 + text::width(&counts));
                    let name = if flat { fit_tail(&d.text(&e.path), room, ambiguous) } else { fit(&d.text(e.name()), room, ambiguous) };
                    let name = format!("{name}{counts}");
                    let s = &e.staleness;
                    let days = if s.days_overdue > 0 { s.days_overdue.to_string() } else { String::new() };
                    TextLine::from(vec![
                        Span::styled(format!("{} ", symbol(shown)), d.theme.status(shown)),
                        Span::raw(pad(&format!("{indent}{marker}{name}"), name_w, ambiguous)),
                        Span::raw(pad(&format!(" {}", rules[index]), rule_w, ambiguous)),
                        Span::raw(pad(&format!(" {}", date(e.last_update)), 11, ambiguous)),
                        Span::raw(pad(&format!(" {}", s.due.map_or("-".to_string(), |d| d.to_string())), 11, ambiguous)),
                        Span::styled(due_mark(e.provisional, &days, 5), d.theme.status(s.status)),
                        Span::raw(format!(" {}", fit(&d.text(&e.units.join("、")), units_w, ambiguous))),
                    ])
                }
            };
            let styled = if selected { styled.patch_style(d.theme.selected()) } else { styled };
            if selected {
                d.buf.set_style(line_area, d.theme.selected());
            }
            d.put(line_area, styled);
        }
    }

/// One column opened: its title, the documents due in it, and its online items.
pub(super) fn column(c: &ColumnView, d: &mut Draw, areas: &Areas) {
    let ambiguous = d.ambiguous();
        let e = &c.column;
        let s = &e.staleness;
        // The parts after the path, each with when it gives way to the path (0: never). The id,
        // the marks, the days overdue and the filter always stay; at 80 columns the status in
        // words (the symbol says it) goes first, then the due date of an overdue column (its days
        // overdue say it) or the rule of one not overdue (its due date is what to act on), then
        // the other, before the path is left less than PATH_AT_LEAST cells. A wide screen shows
        // the path whole.
        const PATH_AT_LEAST: usize = 24;
        let (due_gives_way, rule_gives_way) = if s.days_overdue > 0 { (2, 3) } else { (3, 2) };
        let mut parts: Vec<(Span<'static>, u8)> = Vec::new();
        // The marks first: they must stay in sight at 80 columns.
        if !c.marks.items.is_empty() {
            parts.push((
                Span::styled(
                    t!("columns-column-marked", count = c.marks.items.len()),
                    Style::default().add_modifier(Modifier::REVERSED),
                ),
                0,
            ));
        }
        // A column the table gives no deadline says so in words, not with a dash.
        parts.push((
            Span::raw(if e.deadline.is_empty() {
                t!("columns-column-no-deadline", rule = e.rule.words())
            } else {
                t!("columns-column-deadline", deadline = d.text(&e.deadline), rule = e.rule.words())
            }),
            rule_gives_way,
        ));
        parts.push((Span::raw(format!(" · {}", status_word(s.status))), 1));
        if let Some(due) = s.due {
            parts.push((Span::raw(t!("columns-column-due", day = due.to_string())), due_gives_way));
        }
        if s.days_overdue > 0 {
            parts.push((
                Span::styled(t!("columns-column-overdue", days = s.days_overdue), d.theme.status(s.status)),
                0,
            ));
        }
        if let Some(note) = d.filter_note(&c.items.filter) {
            parts.push((note, 0));
        }
        let lead = format!("{} ", symbol(s.status));
        let position = d.position(&c.items);
        let head = |path: &str| t!("columns-column-title", id = e.id, path = path, position = position.clone());
        let path = d.text(&e.path);
        let width = usize::from(areas.title.width);
        let room = |parts: &[(Span, u8)]| {
            let used = text::width(&lead)
                + text::width(&d.text(&head("")))
                + parts.iter().map(|(p, _)| text::width(&d.text(&p.content))).sum::<usize>();
            width.saturating_sub(used)
        };
        for giving_way in 1..=3 {
            if room(&parts) >= PATH_AT_LEAST.min(text::width(&path)) {
                break;
            }
            parts.retain(|(_, when)| *when != giving_way);
        }
        let path = fit_path(&path, room(&parts).max(PATH_AT_LEAST), ambiguous);
        let mut spans = vec![Span::styled(lead, d.theme.status(s.status)), Span::raw(head(&path))];
        spans.extend(parts.into_iter().map(|(p, _)| p));
        d.title(areas.title, spans);

        if areas.documents.height > 0 {
            let head = Rect { height: 1, ..areas.documents };
            let mut said = vec![Span::styled(t!("columns-documents", count = c.documents.len()), d.theme.heading())];
            said.extend(provisional_note(c.documents.iter().filter(|d| d.provisional).count(), d.theme));
            d.put(head, TextLine::from(said));
            for (n, doc) in c.documents.iter().take(usize::from(areas.documents.height) - 2).enumerate() {
                let status = match doc.status {
                    DocumentStatus::Overdue => Status::Overdue,
                    DocumentStatus::Pending => Status::DueSoon,
                    DocumentStatus::Late => Status::Empty,
                    DocumentStatus::OnTime => Status::Ok,
                };
                let y = areas.documents.y + 1 + n as u16;
                let word = format!("{} {}", symbol(status), pad(&document_word(doc.status), 8, ambiguous));
                // A title too long for the row ends in … (it was cut with no sign of it).
                let room = usize::from(areas.documents.width).saturating_sub(text::width(&word));
                let said = format!(
                    " {}{} {}  {}",
                    t!("columns-document-dates", issued = doc.document.issued_on.to_string(), due = doc.due.to_string()),
                    if doc.provisional { "?" } else { " " },
                    d.text(&doc.document.number),
                    d.text(&doc.document.title)
                );
                let line =
                    TextLine::from(vec![Span::styled(word, d.theme.status(status)), Span::raw(fit(&said, room, ambiguous))]);
                d.put(Rect { y, height: 1, ..areas.documents }, line);
            }
        }

        // The id to act on, the unit and the title sharing the room; the form where there is room.
        let wide = areas.rows.width >= 120;
        let now = d.now();
        let repost = t!("columns-repost");
        let cells = |item: &crate::store::ItemSummary| -> Vec<String> {
            let when = for_people(item.online_since, now);
            // An item kept online marked 已废止 etc. says so before its title.
            let badge = item.mark.map_or_else(String::new, |m| format!("[{}] ", m.label()));
            let mut cells = vec![
                when,
                item.id.to_string(),
                text::display(item.unit.as_deref().unwrap_or(&repost), ambiguous),
                format!("{badge}{}", text::display(&item.title, ambiguous)),
            ];
            if wide {
                cells.insert(2, words::form(item.form));
            }
            cells
        };
        let mut heads = vec![
            t!("columns-head-online-since"),
            t!("head-item"),
            t!("columns-head-unit"),
            t!("columns-head-title"),
        ];
        if wide {
            heads.insert(2, t!("columns-head-form"));
        }
        let rows: Vec<Vec<String>> = c.items.rows.iter().map(cells).collect();
        let kind = |i: usize| match i {
            1 => Kind::Number,
            i if i + 2 >= heads.len() => Kind::Text,
            _ => Kind::Fixed,
        };
        // The first two cells are the mark of a marked item.
        let table = Table::of(&heads, &rows, kind, usize::from(areas.rows.width) - 2, ambiguous);
        d.header(areas.header, &format!("  {}", table.row(&heads)));
        let theme = d.theme;
        d.list(
            areas.rows,
            &c.items,
            &t!(
                "columns-column-empty",
                queue = d.key_for(Layer::Global, Action::Show(Tab::Queue)),
                open = d.key_for(Layer::Queue, Action::Open),
                publish = d.key_for(Layer::Review, Action::Publish)
            ),
            |item| {
                let marked = c.marks.items.contains_key(&item.id);
                let mut line = vec![Span::styled(
                    if marked { "* " } else { "  " },
                    theme.status(Status::Ok).add_modifier(Modifier::BOLD),
                )];
                let last = heads.len() - 1;
                for (i, cell) in cells(item).iter().enumerate() {
                    let cell = table.cell(i, cell);
                    // The mark's badge in its colour, before the title.
                    match (i == last, item.mark) {
                        (true, Some(m)) => {
                            let badge = format!("[{}] ", m.label());
                            match cell.strip_prefix(&badge) {
                                Some(rest) => {
                                    line.push(Span::styled(badge, theme.status(Status::DueSoon)));
                                    line.push(Span::raw(rest.to_string()));
                                }
                                None => line.push(Span::raw(cell)),
                            }
                        }
                        _ => line.push(Span::raw(cell)),
                    }
                }
                TextLine::from(line)
            },
        );
    }
