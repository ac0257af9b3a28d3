//! The column tree, and one column opened: its documents due and its online items.

use super::*;

impl Draw<'_> {
    pub(super) fn columns(&mut self, areas: &Areas) {
        let app = self.app;
        let view = &app.columns;
        let Some(tree) = &view.tree else {
            self.title(areas.title, vec![Span::raw("Columns")]);
            let msg = view
                .error
                .as_deref()
                .map_or("Loading the column tree…".to_string(), |e| format!("Could not load the columns: {e}"));
            self.put(areas.rows, TextLine::from(self.text(&msg)));
            return;
        };
        let counts = tree.counts();
        let n = |s: Status| counts.get(&s).copied().unwrap_or(0);
        let mut spans = vec![Span::raw(format!("Columns {} · {}", tree.entries.len(), app.at))];
        for s in [Status::Overdue, Status::Empty, Status::DueSoon] {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{}{} {}", symbol(s), n(s), status_word(s)), self.theme.status(s)));
        }
        spans.extend(provisional_note(tree.entries.iter().filter(|e| e.provisional).count(), self.theme));
        // The filter first: it must stay in sight at 80 columns.
        spans.extend(self.filter_note(&view.filter));
        let mode = &tree.mode;
        for (on, what) in [(mode.only_overdue, "overdue"), (mode.by_unit, "by unit"), (mode.sort_overdue, "sorted")] {
            if on {
                spans.push(Span::styled(format!(" [{what}]"), self.theme.dim()));
            }
        }
        self.title(areas.title, spans);

        let w = usize::from(areas.rows.width);
        // Wide terminals give the room to the units (what an administrator sends each unit).
        let units_w = if w >= 120 { (w - 50) * 2 / 5 } else { 14 };
        let name_w = w.saturating_sub(2 + 9 + 11 + 11 + 6 + units_w + 1);
        let header = format!(
            "  {}{}{}{}{:>5} {}",
            pad("column", name_w),
            pad(" rule", 9),
            pad(" updated", 11),
            pad(" due", 11),
            "days",
            pad(" units", units_w + 1)
        );
        self.buf.set_string(0, areas.header.y, &header, self.theme.dim().add_modifier(Modifier::UNDERLINED));
        if view.lines.is_empty() {
            let msg = if view.filter.is_empty() {
                "No columns to show."
            } else {
                "No column matches the filter (Esc clears it)."
            };
            self.put(areas.rows, TextLine::from(msg));
        }
        for (row, line) in view.lines.iter().enumerate().skip(view.cursor.offset).take(usize::from(areas.rows.height)) {
            let y = areas.rows.y + (row - view.cursor.offset) as u16;
            let selected = row == view.cursor.selected;
            let line_area = Rect { y, height: 1, ..areas.rows };
            let styled = match *line {
                Line::Unit { index, columns } => {
                    let (name, _) = &tree.units[index];
                    TextLine::from(vec![Span::styled(
                        format!("■ {} ({columns})", self.text(name)),
                        self.theme.heading(),
                    )])
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
                    let room = name_w.saturating_sub(indent.len() + 2);
                    let name = if flat { fit_tail(&self.text(&e.path), room) } else { fit(&self.text(e.name()), room) };
                    let s = &e.staleness;
                    let days = if s.days_overdue > 0 { s.days_overdue.to_string() } else { String::new() };
                    TextLine::from(vec![
                        Span::styled(format!("{} ", symbol(shown)), self.theme.status(shown)),
                        Span::raw(pad(&format!("{indent}{marker}{name}"), name_w)),
                        Span::raw(pad(
                            &format!(" {}", self.text(if e.deadline.is_empty() { "-" } else { &e.deadline })),
                            9,
                        )),
                        Span::raw(pad(&format!(" {}", date(e.last_update)), 11)),
                        Span::raw(pad(&format!(" {}", s.due.map_or("-".to_string(), |d| d.to_string())), 11)),
                        Span::styled(due_mark(e.provisional, &days, 5), self.theme.status(s.status)),
                        Span::raw(format!(" {}", fit(&self.text(&e.units.join("、")), units_w))),
                    ])
                }
            };
            let styled = if selected { styled.patch_style(self.theme.selected()) } else { styled };
            if selected {
                self.buf.set_style(line_area, self.theme.selected());
            }
            self.put(line_area, styled);
        }
    }

    pub(super) fn column(&mut self, areas: &Areas) {
        let app = self.app;
        let Some(c) = &app.column else { return };
        let e = &c.column;
        let s = &e.staleness;
        let count = c.count.map_or("…".to_string(), |n| n.to_string());
        let mut spans = vec![
            Span::styled(format!("{} ", symbol(s.status)), self.theme.status(s.status)),
            Span::raw(format!("{}  {count} online", fit_tail(&self.text(&e.path), 40))),
        ];
        // The marks first: they must stay in sight at 80 columns.
        if !c.marks.items.is_empty() {
            spans.push(Span::styled(
                format!(" · {} marked", c.marks.items.len()),
                Style::default().add_modifier(Modifier::REVERSED),
            ));
        }
        spans.push(Span::raw(format!(
            " · {} ({}) · {}",
            self.text(if e.deadline.is_empty() { "-" } else { &e.deadline }),
            e.rule,
            status_word(s.status)
        )));
        if let Some(due) = s.due {
            spans.push(Span::raw(format!(" · due {due}")));
        }
        if s.days_overdue > 0 {
            spans.push(Span::styled(format!(" · {} days overdue", s.days_overdue), self.theme.status(s.status)));
        }
        spans.extend(self.filter_note(&c.items.filter));
        self.title(areas.title, spans);

        if areas.documents.height > 0 {
            let head = Rect { height: 1, ..areas.documents };
            let mut said =
                vec![Span::styled(format!("Documents due here: {}", c.documents.len()), self.theme.heading())];
            said.extend(provisional_note(c.documents.iter().filter(|d| d.provisional).count(), self.theme));
            self.put(head, TextLine::from(said));
            for (n, d) in c.documents.iter().take(usize::from(areas.documents.height) - 2).enumerate() {
                let status = match d.status {
                    DocumentStatus::Overdue => Status::Overdue,
                    DocumentStatus::Pending => Status::DueSoon,
                    DocumentStatus::Late => Status::Empty,
                    DocumentStatus::OnTime => Status::Ok,
                };
                let y = areas.documents.y + 1 + n as u16;
                let line = TextLine::from(vec![
                    Span::styled(format!("{} {:<8}", symbol(status), d.status.as_str()), self.theme.status(status)),
                    Span::raw(format!(
                        " issued {} due {}{} {}  {}",
                        d.document.issued_on,
                        d.due,
                        if d.provisional { "?" } else { " " },
                        self.text(&d.document.number),
                        self.text(&d.document.title)
                    )),
                ]);
                self.put(Rect { y, height: 1, ..areas.documents }, line);
            }
        }

        let w = usize::from(areas.rows.width);
        let unit_w = if w >= 120 { 20 } else { 12 };
        let title_w = w.saturating_sub(2 + 17 + 11 + unit_w + 2);
        let header = format!(
            "  {}{}{}{}",
            pad("online since", 17),
            pad("form", 11),
            pad("unit", unit_w + 1),
            pad("title", title_w)
        );
        self.buf.set_string(0, areas.header.y, &header, self.theme.dim().add_modifier(Modifier::UNDERLINED));
        let theme = self.theme;
        self.list(
            areas.rows,
            &c.items,
            "Nothing is online in this column.\nItems go online here when they are published: 1 (the queue), Enter, p.",
            |item| {
                let when = format_time(item.online_since, false);
                let when = when.get(..16).unwrap_or(&when).replace('T', " ");
                let marked = c.marks.items.contains_key(&item.id);
                // An item kept online marked 已废止 etc. says so before its title.
                let badge = item.mark.map_or_else(String::new, |m| format!("[{}] ", m.label()));
                TextLine::from(vec![
                    Span::styled(
                        if marked { "* " } else { "  " },
                        theme.status(Status::Ok).add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(pad(&when, 17)),
                    Span::raw(pad(item.form.as_str(), 11)),
                    Span::raw(format!(
                        "{} ",
                        pad(&text::display(item.unit.as_deref().unwrap_or("(repost)"), app.ambiguous), unit_w)
                    )),
                    Span::styled(badge.clone(), theme.status(Status::DueSoon)),
                    Span::raw(fit(
                        &text::display(&item.title, app.ambiguous),
                        title_w.saturating_sub(text::width(&badge)),
                    )),
                ])
            },
        );
    }
}
