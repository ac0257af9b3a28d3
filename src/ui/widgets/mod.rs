//! Drawing: a function of the state alone. It never waits and never queries.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as TextLine, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use ratatui_textarea::TextArea;

use super::app::{App, Health, Overlay, Tab};
use super::keymap::{Action, Layer};
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH, fits};
use super::paged::{Paged, Row};
use super::text::{self, Ambiguous, PAD, fit};
use crate::domain::staleness::Status;
use crate::t;
pub use findings::Found;

mod findings;
pub(crate) mod hints;
mod incident;
mod mark;

pub use crate::usecase::settings::Theme as Kind;

/// The console's styles, one for each thing it shows in its own way, from the theme the settings
/// name (`Kind`) and the colours `[colours]` gives over it: views draw with these and never name a
/// colour. Monochrome (`NO_COLOR`, `--no-color`) has no colour at all, only bold, reverse, dim and
/// underline, and the status symbols carry the meaning; high contrast is bright colours and bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: Kind,
    palette: Palette,
}

/// The colour of each named style (`settings::COLOUR_NAMES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Palette {
    overdue: Color,
    empty: Color,
    due_soon: Color,
    ok: Color,
    dim: Color,
    heading: Color,
    bar: Color,
    bar_text: Color,
    chart: Color,
    found: Color,
}

impl Palette {
    fn of(kind: Kind) -> Palette {
        match kind {
            Kind::Default | Kind::Monochrome => Palette {
                overdue: Color::Red,
                empty: Color::Magenta,
                due_soon: Color::Yellow,
                ok: Color::Green,
                dim: Color::DarkGray,
                heading: Color::Cyan,
                bar: Color::Blue,
                bar_text: Color::White,
                chart: Color::Blue,
                found: Color::Yellow,
            },
            Kind::HighContrast => Palette {
                overdue: Color::LightRed,
                empty: Color::LightMagenta,
                due_soon: Color::LightYellow,
                ok: Color::LightGreen,
                dim: Color::Gray,
                heading: Color::LightCyan,
                bar: Color::White,
                bar_text: Color::Black,
                chart: Color::LightCyan,
                found: Color::LightYellow,
            },
        }
    }

    fn set(&mut self, name: &str, colour: Color) {
        let slot = match name {
            "overdue" => &mut self.overdue,
            "empty" => &mut self.empty,
            "due_soon" => &mut self.due_soon,
            "ok" => &mut self.ok,
            "dim" => &mut self.dim,
            "heading" => &mut self.heading,
            "bar" => &mut self.bar,
            "bar_text" => &mut self.bar_text,
            "chart" => &mut self.chart,
            "found" => &mut self.found,
            _ => return,
        };
        *slot = colour;
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::of(Kind::Default)
    }
}

impl Theme {
    /// A theme with its own colours.
    pub fn of(kind: Kind) -> Theme {
        Theme { kind, palette: Palette::of(kind) }
    }

    /// A theme with `colours` (name, colour as `settings::valid_colour` takes it) over its own;
    /// monochrome has none to change.
    pub fn with_colours(kind: Kind, colours: &[(&str, String)]) -> Theme {
        let mut theme = Theme::of(kind);
        for (name, colour) in colours {
            if let Ok(colour) = colour.parse::<Color>() {
                theme.palette.set(name, colour);
            }
        }
        theme
    }

    fn mono(&self) -> bool {
        self.kind == Kind::Monochrome
    }

    fn high(&self) -> bool {
        self.kind == Kind::HighContrast
    }

    /// `style` in `colour`, bold too in high contrast; as it is in monochrome.
    fn colour(&self, style: Style, colour: Color) -> Style {
        match self.kind {
            Kind::Monochrome => style,
            Kind::Default => style.fg(colour),
            Kind::HighContrast => style.fg(colour).add_modifier(Modifier::BOLD),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        match s {
            Status::Overdue => self.colour(bold, self.palette.overdue),
            Status::Empty => self.colour(bold, self.palette.empty),
            Status::DueSoon => self.colour(Style::default(), self.palette.due_soon),
            Status::Ok => self.colour(Style::default(), self.palette.ok),
            Status::Exempt => self.dim(),
        }
    }

    /// What matters less: dim, and in high contrast a light grey that still reads.
    pub fn dim(&self) -> Style {
        if self.mono() { Style::default().add_modifier(Modifier::DIM) } else { Style::default().fg(self.palette.dim) }
    }

    pub fn heading(&self) -> Style {
        self.colour(Style::default().add_modifier(Modifier::BOLD), self.palette.heading)
    }

    /// The tab bar and the status line.
    pub fn bar(&self) -> Style {
        match self.kind {
            Kind::Monochrome => Style::default().add_modifier(Modifier::REVERSED),
            Kind::Default => Style::default().bg(self.palette.bar).fg(self.palette.bar_text),
            Kind::HighContrast => {
                Style::default().bg(self.palette.bar).fg(self.palette.bar_text).add_modifier(Modifier::BOLD)
            }
        }
    }

    pub fn selected(&self) -> Style {
        let reversed = Style::default().add_modifier(Modifier::REVERSED);
        if self.high() { reversed.add_modifier(Modifier::BOLD) } else { reversed }
    }

    /// A bar of a chart (a unit's net score).
    pub fn chart(&self) -> Style {
        self.colour(Style::default(), self.palette.chart)
    }

    /// A text found where it was searched for (the help's `/`).
    pub fn found(&self) -> Style {
        self.colour(Style::default().add_modifier(Modifier::BOLD), self.palette.found)
    }

    /// A content check's finding highlighted in an item: a blocking one stands out in the overdue
    /// colour, another in the due-soon colour, a waived one underlined in the ok colour; the
    /// selected one also bold and underlined. Without colour: reversed, underlined, dim and
    /// underlined.
    pub fn finding(&self, blocking: bool, waived: bool, selected: bool) -> Style {
        let base = Style::default();
        let p = &self.palette;
        let style = match (self.mono(), blocking, waived) {
            (false, _, true) => self.colour(base, p.ok).add_modifier(Modifier::UNDERLINED),
            (false, true, false) => {
                let text = if self.high() { Color::Black } else { Color::White };
                base.bg(p.overdue).fg(text).add_modifier(Modifier::BOLD)
            }
            (false, false, false) => base.bg(p.due_soon).fg(Color::Black),
            (true, _, true) => base.add_modifier(Modifier::DIM | Modifier::UNDERLINED),
            (true, true, false) => base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (true, false, false) => base.add_modifier(Modifier::UNDERLINED),
        };
        if selected { style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED) } else { style }
    }
}

/// A status as a symbol that reads without colour.
pub fn symbol(s: Status) -> &'static str {
    match s {
        Status::Overdue => "✗",
        Status::Empty => "∅",
        Status::DueSoon => "!",
        Status::Ok => "✓",
        Status::Exempt => "-",
    }
}

/// The title's note of how many rows have a provisional due date, and what the `?` means.
pub(crate) fn provisional_note(count: usize, theme: Theme) -> Option<Span<'static>> {
    (count > 0).then(|| Span::styled(t!("provisional-count", count = count), theme.dim()))
}

/// Spans in at most `width` cells: whole, else cut where they reach it, the last one kept ending
/// in `…` (`text::fit`), their styles kept.
fn fit_spans(spans: Vec<Span<'static>>, width: usize, ambiguous: Ambiguous) -> Vec<Span<'static>> {
    if spans.iter().map(|s| text::width(&s.content)).sum::<usize>() <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut left = width;
    for span in spans {
        let w = text::width(&span.content);
        if w < left {
            left -= w;
            out.push(span);
        } else {
            // Spans follow it: one that fills the rest exactly makes room for the mark too.
            let room = if w == left { left.saturating_sub(1) } else { left };
            out.push(Span::styled(fit(&span.content, room, ambiguous), span.style));
            break;
        }
    }
    out
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Draws the whole screen.
/// Draws the whole screen into `buf` (the size of the terminal).
pub fn draw(buf: &mut Buffer, app: &App) {
    let area = buf.area;
    let theme = app.theme;
    let size = (area.width, area.height);
    if !fits(size) {
        let quit = app.keymap.key_name(Layer::Global, Action::Quit);
        let text = t!(
            "too-small",
            min_width = MIN_WIDTH,
            min_height = MIN_HEIGHT,
            width = area.width,
            height = area.height,
            quit = quit
        );
        let lines = text.lines().map(|l| TextLine::raw(l.to_string())).collect();
        Paragraph::new(text::wrap_lines(lines, area.width)).alignment(Alignment::Center).render(area, buf);
        return;
    }
    let areas = app.areas();
    let d = Draw { app, theme, buf };
    d.run(&areas);
    draw_inputs(buf, app, &areas);
    // A question of a view's own, over the status line or the views.
    if let Some(tab) = app.question() {
        app.views.of(tab).draw_question(&mut Draw { app, theme, buf }, &areas);
    }
    if app.ambiguous == Ambiguous::Wide {
        widen(buf);
    }
}

/// For a terminal that draws ambiguous characters two cells wide: the pad laid out after each is
/// skipped, so the terminal's second cell is not overwritten.
pub fn widen(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if buf[(x, y)].symbol().starts_with(PAD) {
                buf[(x, y)].set_diff_option(ratatui::buffer::CellDiffOption::Skip);
            }
        }
    }
}

/// Drawing one frame: the state, the theme and the buffer, with what every view's drawing uses
/// (the title line, a list, the filter's note, text as the terminal shows it).
pub struct Draw<'a> {
    app: &'a App,
    pub theme: Theme,
    pub buf: &'a mut Buffer,
}

impl Draw<'_> {
    /// How this terminal draws characters of ambiguous width.
    pub fn ambiguous(&self) -> Ambiguous {
        self.app.ambiguous
    }

    /// The time as of the last tick.
    pub fn now(&self) -> DateTime<Utc> {
        self.app.now
    }

    /// The day staleness is evaluated as of (`:at`).
    pub fn at(&self) -> chrono::NaiveDate {
        self.app.at
    }

    /// The key bound to an action in a layer, as the help shows it (empty if none).
    pub fn key_for(&self, layer: Layer, action: Action) -> String {
        self.app.keymap.key_name(layer, action)
    }

    /// A list's column headings.
    pub fn header(&mut self, area: Rect, header: &str) {
        self.buf.set_string(0, area.y, header, self.theme.dim().add_modifier(Modifier::UNDERLINED));
    }

    /// Text as this terminal shows it.
    pub fn text(&self, s: &str) -> String {
        text::display(s, self.app.ambiguous)
    }

    /// A line with each span's text as `text` shows it, styles kept.
    pub fn shown(&self, line: TextLine) -> TextLine<'static> {
        let spans: Vec<Span> = line.spans.into_iter().map(|s| Span::styled(self.text(&s.content), s.style)).collect();
        TextLine::from(spans).style(line.style)
    }

    pub fn put(&mut self, area: Rect, line: TextLine) {
        self.buf.set_line(area.x, area.y, &line, area.width);
    }

    fn run(mut self, areas: &Areas) {
        self.tabs(areas.tabs);
        let app = self.app;
        app.views.of(app.tab).draw(&mut self, areas);
        self.hint_line(areas.hints);
        self.status(areas.status);
        match &self.app.overlay {
            Overlay::Help(pager) => {
                let lines = self.app.pager_lines();
                let title = crate::ui::views::help::title(&self);
                crate::ui::views::help::draw(&mut self, pager, &title, lines)
            }
            Overlay::Messages(pager) => {
                let lines = self.app.pager_lines();
                crate::ui::views::help::draw(&mut self, pager, &t!("messages-title"), lines)
            }
            Overlay::Copy => self.copy_menu(),
            Overlay::Confirm { text, .. } => {
                let lines: Vec<TextLine> = text.lines().map(|l| TextLine::raw(self.text(l))).collect();
                // Wrapped first, so the box is as tall as what it says.
                let lines = text::wrap_lines(lines, 74);
                let inner = self.popup(76, lines.len() as u16 + 2, &t!("confirm-title"));
                Paragraph::new(lines).render_into(inner, self.buf);
            }
            Overlay::Mark { items, kind, replaced_by, not_sent } => {
                self.mark_form(items, *kind, replaced_by, *not_sent)
            }
            Overlay::Record(record) => {
                let lines: Vec<TextLine> = record.lines().map(|l| TextLine::raw(self.text(l))).collect();
                let inner = self.popup(100, 30, &t!("audit-record-title"));
                Paragraph::new(text::wrap_lines(lines, inner.width)).render_into(inner, self.buf);
            }
            // Drawn over the status line (`draw_inputs`), or nothing over the view.
            Overlay::None | Overlay::Filter(_) | Overlay::Command { .. } => {}
        }
    }

    fn tabs(&mut self, area: Rect) {
        let mut spans = Vec::new();
        let bar = self.app.bar();
        for (tab, label) in bar.iter().zip(Tab::labels(area.width, &bar, self.app.tab)) {
            let style =
                if *tab == self.app.tab { self.theme.bar().add_modifier(Modifier::BOLD) } else { Style::default() };
            spans.push(Span::styled(label, style));
        }
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        self.put(area, TextLine::from(spans));
        // As many hints as fit beside the tabs, the most useful first.
        let mut hints = String::new();
        let hints_said = [
            (Action::Help, t!("hint-help")),
            (Action::Quit, t!("hint-quit")),
            (Action::Filter, t!("hint-filter")),
            (Action::Command, t!("hint-command")),
        ];
        for (a, what) in hints_said {
            let next = format!(
                "{}{}{} {what}",
                hints,
                if hints.is_empty() { "" } else { "  " },
                self.app.keymap.key_name(self.app.layer(), a)
            );
            if used + text::width(&next) + 2 > usize::from(area.width) {
                break;
            }
            hints = next;
        }
        let w = text::width(&hints) as u16;
        if w > 0 {
            self.buf.set_string(area.right() - w - 1, area.y, &hints, self.theme.dim());
        }
    }

    /// The title line: what the view shows, its counts, and a spinner while a query runs.
    pub fn title(&mut self, area: Rect, spans: Vec<Span>) {
        // A title longer than its row ends in … where it is cut (a date or a count cut short read
        // as another one).
        let mut spans = fit_spans(self.shown(TextLine::from(spans)).spans, usize::from(area.width), self.ambiguous());
        if self.app.busy() {
            spans.push(Span::raw(t!("title-loading", spinner = SPINNER[(self.app.ticks % 10) as usize])));
        }
        self.put(area, TextLine::from(spans).style(self.theme.heading()));
    }

    pub fn filter_note(&self, filter: &str) -> Option<Span<'static>> {
        (!filter.is_empty()).then(|| Span::styled(format!(" [/{}]", self.text(filter)), self.theme.dim()))
    }

    /// Where a list's selection is, as its heading says it: "12 of 2,218", an estimate or a bound
    /// marked (`≈1,000,000`, `≥10,000`), `40+` when only the loaded rows are filtered, `…` while
    /// the count is on its way.
    pub fn position<T: Row, S>(&self, paged: &Paged<T, S>) -> String {
        let number = |(n, mark): (i64, Option<char>)| match mark {
            Some('+') => format!("{}+", grouped(n)),
            Some(mark) => format!("{mark}{}", grouped(n)),
            None => grouped(n),
        };
        let p = paged.position();
        let total = p.total.map_or_else(|| "…".to_string(), number);
        match p.n {
            Some(n) => t!("list-position", n = number(n), total = total),
            None if paged.waiting.is_some() && paged.rows.is_empty() => "…".to_string(),
            None if p.total == Some((0, None)) => t!("list-position-none"),
            None => t!("list-position-empty", total = total),
        }
    }

    /// A paged list's visible rows, the selection highlighted; or why there are none.
    pub fn list<T: Row, S>(
        &mut self,
        area: Rect,
        paged: &Paged<T, S>,
        nothing: &str,
        line: impl Fn(&T) -> TextLine<'static>,
    ) {
        if paged.shown.is_empty() {
            let back = self.key_for(Layer::Global, Action::Back);
            let msg = match (&paged.error, paged.waiting.is_some(), paged.filter.is_empty()) {
                (Some(e), _, _) => t!("could-not-load", error = e.clone()),
                (None, true, _) => t!("loading"),
                (None, false, true) => nothing.to_string(),
                (None, false, false) if paged.read_with_filter() => t!("filter-matches-nothing-in-db", back = back),
                (None, false, false) => t!("filter-matches-nothing", back = back),
            };
            // The first line says why the list is empty; the lines after it, what would fill it.
            for (i, line) in msg.lines().enumerate().take(usize::from(area.height)) {
                let style = if i == 0 { Style::default() } else { self.theme.dim() };
                self.put(Rect { y: area.y + i as u16, height: 1, ..area }, TextLine::styled(self.text(line), style));
            }
        }
        let cursor = paged.cursor;
        for (row, &i) in paged.shown.iter().enumerate().skip(cursor.offset).take(usize::from(area.height)) {
            let y = area.y + (row - cursor.offset) as u16;
            let line_area = Rect { y, height: 1, ..area };
            let styled = line(&paged.rows[i]);
            if row == cursor.selected {
                self.buf.set_style(line_area, self.theme.selected());
                self.put(line_area, styled.patch_style(self.theme.selected()));
            } else {
                self.put(line_area, styled);
            }
        }
    }

    /// The connection and the last action's result on the left; who, where and which database on
    /// the right, as much as fits.
    fn status(&mut self, area: Rect) {
        let ambiguous = self.ambiguous();
        let app = self.app;
        self.buf.set_style(area, self.theme.bar());
        let mut left = app.link_status();
        // A day set by `:at` holds on every tab: said on every tab (but not twice, when the last
        // action's message says it).
        let day = app.at.to_string();
        if app.at != crate::domain::time::beijing_date(app.now)
            && !app.notice.as_ref().is_some_and(|n| n.text.contains(&day))
        {
            left.push_str(&format!(" · {}", t!("status-at", date = day)));
        }
        let backup = app.backup_status();
        if let Some((made, false)) = &backup {
            left.push_str(&format!(" · {made}"));
        }
        // The last action's message: on the status line if it fits there, else whole above it.
        if let Some(n) = &app.notice {
            let said = self.text(&if n.error { format!("✗ {}", n.text) } else { n.text.clone() });
            let said = said.replace('\n', " ");
            let inline = format!("{left} │ {said}");
            if text::width(&self.text(&inline)) <= usize::from(area.width) {
                left = inline;
            } else {
                self.notice_above(area, &said, n.error);
            }
        }
        // The warnings (what the calendar does not know, a backup missing or old), after what the
        // last action said (which a person is reading now): each whole if it fits beside who is
        // acting, otherwise its first part (what is wrong) rather than a sentence cut short;
        // nothing when the last action's message says it already.
        let said_already = |w: &String| app.notice.as_ref().is_some_and(|n| n.text.contains(w.as_str()));
        let warnings = [
            app.calendar_warning().filter(|w| !said_already(w)).map(|w| (w, app.calendar_warning_head())),
            backup.as_ref().filter(|(_, warning)| *warning).map(|(w, _)| (w.clone(), app.backup_warning_head())),
        ];
        // Who is acting keeps its place on the right.
        let operator_w = text::width(&self.text(&app.operator));
        let reserve = (operator_w + 2).min(usize::from(area.width) / 4);
        let mut kept_whole = text::width(&self.text(&left));
        let warned = warnings.iter().any(Option::is_some);
        for (n, (whole, head)) in warnings.into_iter().flatten().enumerate() {
            let room = usize::from(area.width).saturating_sub(text::width(&self.text(&left)) + reserve);
            // Whole, else what is wrong; the first (most pressing) is said even where it takes the
            // room of who is acting, the others not while the last action's message fills the line.
            let whole = format!(" │ ! {whole}");
            let shortest = head.map_or_else(|| whole.clone(), |h| format!(" │ ! {h}"));
            let fits = |s: &String| text::width(&self.text(s)) <= room;
            if fits(&whole) {
                left.push_str(&whole);
            } else if fits(&shortest) || app.notice.is_none() || n == 0 {
                left.push_str(&shortest);
            }
            if n == 0 {
                kept_whole = text::width(&self.text(&left));
            }
        }
        let left = self.text(&left);
        let bold = app.notice.as_ref().is_some_and(|n| n.error) || matches!(app.health, Health::Lost(_));
        let style = if bold { self.theme.bar().add_modifier(Modifier::BOLD) } else { self.theme.bar() };
        let width = usize::from(area.width);
        // An operator of several sites always sees which site this is: room is kept for its code.
        let kept = if app.several_sites { text::width(&app.site_code) + 4 } else { 0 };
        // Warnings are cut before they push who is acting off the line.
        let limit =
            if warned { width.saturating_sub(reserve.max(kept)).max(kept_whole) } else { width.saturating_sub(kept) };
        // The site's code is never given up for a message or a warning: they are cut first.
        let limit = if app.several_sites { limit.min(width.saturating_sub(kept)) } else { limit };
        let left = fit(&left, limit.min(width), ambiguous);
        let used = text::width(&left);
        self.put(area, TextLine::styled(left, style));
        // Who acts first, then the site, then the database: what does not fit goes from the end,
        // and a name too long for the room alone keeps its start. An operator of several sites
        // has the site first, by its code and name: it is never dropped.
        let site = format!("{} {}", app.site_code, app.site_name);
        let parts = if app.several_sites {
            [site.as_str(), app.operator.as_str(), app.database.as_str()]
        } else {
            [app.operator.as_str(), app.site_name.as_str(), app.database.as_str()]
        };
        // The site's code alone, for an operator of several sites (room is kept for it).
        let first = self.text(if app.several_sites { app.site_code.as_str() } else { parts[0] });
        let first_w = text::width(&first);
        // Two blanks between the two sides, and one after the right side if there is room.
        let room = width.saturating_sub(used + 2);
        if room > 12 || room >= first_w || (app.several_sites && room > 1) {
            let right = (1..=parts.len())
                .rev()
                .map(|n| self.text(&parts[..n].join(" · ")))
                .find(|r| text::width(r) < room)
                .map(|r| format!("{r} "))
                .or_else(|| (first_w < room).then(|| format!("{first} ")))
                .or_else(|| (first_w <= room).then(|| first.clone()))
                .unwrap_or_else(|| format!("{} ", fit(&first, room.saturating_sub(1), ambiguous)));
            let x = area.right() - text::width(&right) as u16;
            self.buf.set_string(x, area.y, &right, self.theme.bar());
        }
    }

    /// A box over the screen, `width`×`height` at most (two cells from each edge), centred,
    /// titled; its inside.
    pub fn popup(&mut self, width: u16, height: u16, title: &str) -> Rect {
        self.popup_within(width, height, title, 4)
    }

    /// A box as `popup` draws it, at most the screen's width less `margin` cells.
    pub fn popup_within(&mut self, width: u16, height: u16, title: &str, margin: u16) -> Rect {
        let area = self.buf.area;
        let w = width.min(area.width.saturating_sub(margin));
        let h = height.min(area.height.saturating_sub(4));
        let rect = Rect { x: (area.width - w) / 2, y: (area.height - h) / 2, width: w, height: h };
        Widget::render(Clear, rect, self.buf);
        // A wide character (Chinese) just left of the popup would be drawn over its border.
        for y in rect.top()..rect.bottom() {
            if let Some(x) = rect.x.checked_sub(1)
                && text::width(self.buf[(x, y)].symbol()) > 1
            {
                self.buf[(x, y)].set_symbol(" ");
            }
        }
        let mut block = Block::default().borders(Borders::ALL).title(self.text(&format!(" {title} ")));
        if self.app.ambiguous == Ambiguous::Wide {
            // Box-drawing characters are ambiguous width: draw the frame in ASCII.
            block = block.border_set(ratatui::symbols::border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            });
        }
        let inner = block.inner(rect);
        Widget::render(block, rect, self.buf);
        inner
    }

    fn copy_menu(&mut self) {
        let app = self.app;
        let lines: Vec<TextLine> = app
            .keymap
            .bindings(Layer::Copy)
            .iter()
            .map(|b| {
                TextLine::from(vec![
                    Span::styled(
                        format!(" {}", text::pad(&b.key.name(), 6, app.ambiguous)),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(b.said(Layer::Copy, &app.keymap)),
                ])
            })
            .collect();
        // As wide as its longest line (a Chinese character is two cells), within the screen.
        let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0).max(text::width(&t!("copy-title")) + 4);
        let inner = self.popup(
            u16::try_from(widest + 2).unwrap_or(u16::MAX).max(50),
            lines.len() as u16 + 2,
            &t!("copy-title"),
        );
        Paragraph::new(lines).render_into(inner, self.buf);
    }
}

/// The filter or command line, over the status line, with the cursor where typing goes.
fn draw_inputs(buf: &mut Buffer, app: &App, areas: &Areas) {
    let ambiguous = app.ambiguous;
    let (prompt, input, completions) = match &app.overlay {
        Overlay::Filter(input) => ("/", input, None),
        Overlay::Command { input, completions, .. } => (":", input, Some(completions)),
        Overlay::None
        | Overlay::Help(_)
        | Overlay::Messages(_)
        | Overlay::Record(_)
        | Overlay::Confirm { .. }
        | Overlay::Mark { .. }
        | Overlay::Copy => return,
    };
    let area = areas.status;
    input_line(buf, area, prompt, input);
    if let Some(c) = completions.filter(|c| !c.is_empty()) {
        let text = c.iter().take(12).map(|s| text::visible(s)).collect::<Vec<_>>().join("  ");
        let above = Rect { y: area.y.saturating_sub(1), ..area };
        Clear.render(above, buf);
        Paragraph::new(format!(" Tab: {}", fit(&text, usize::from(area.width) - 6, ambiguous)))
            .style(Style::default().add_modifier(Modifier::DIM))
            .render(above, buf);
    }
}

/// A line being typed, over the status line: its prompt, then the text with the cursor where
/// typing goes.
pub fn input_line(buf: &mut Buffer, area: Rect, prompt: &str, input: &TextArea<'static>) {
    Clear.render(area, buf);
    let w = text::width(prompt) as u16;
    Paragraph::new(prompt).render(Rect { width: w, ..area }, buf);
    input.render(Rect { x: area.x + w, width: area.width.saturating_sub(w), ..area }, buf);
}

trait RenderInto {
    fn render_into(self, area: Rect, buf: &mut Buffer);
}

impl RenderInto for Paragraph<'_> {
    fn render_into(self, area: Rect, buf: &mut Buffer) {
        Widget::render(self, area, buf);
    }
}

/// A count with its thousands grouped: 2,218; 1,000,000.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_too_long_for_its_row_ends_in_an_ellipsis_and_keeps_its_styles() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let spans = || vec![Span::styled("✗ ", bold), Span::raw("政务动态 · 到期 "), Span::raw("2026-05-12")];
        let said = |spans: &[Span]| spans.iter().map(|s| s.content.to_string()).collect::<String>();
        // Whole when it fits.
        assert_eq!(said(&fit_spans(spans(), 40, Ambiguous::Narrow)), "✗ 政务动态 · 到期 2026-05-12");
        // Cut inside the date: the date ends in …, never reads as another one.
        let cut = fit_spans(spans(), 22, Ambiguous::Narrow);
        assert_eq!(said(&cut), "✗ 政务动态 · 到期 202…");
        assert!(text::width(&said(&cut)) <= 22);
        assert_eq!(cut[0].style, bold);
        // A span filling the row exactly, with more after it: the mark takes its last cell.
        let cut = fit_spans(spans(), 18, Ambiguous::Narrow);
        assert_eq!(said(&cut), "✗ 政务动态 · 到…");
        // Two-cell terminals: the mark counts two.
        let cut = fit_spans(spans(), 22, Ambiguous::Wide);
        assert!(text::width(&said(&cut)) <= 22, "{}", said(&cut));
    }

    #[test]
    fn status_symbols_are_one_cell_in_every_terminal() {
        for s in [Status::Overdue, Status::Empty, Status::DueSoon, Status::Ok, Status::Exempt] {
            let c = symbol(s).chars().next().unwrap();
            assert_eq!(text::width(symbol(s)), 1);
            assert!(!text::is_ambiguous(c), "{c} is ambiguous width");
        }
        for s in SPINNER {
            assert!(!text::is_ambiguous(s.chars().next().unwrap()));
        }
    }
}
