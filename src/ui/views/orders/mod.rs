//! The Orders tab: the rectification orders (整改通知), overdue first, then by nearest deadline; `d`
//! closes the selected one by hand with a note. The form that issues an order is this view's
//! question, opened by `z` on a column, an item, a finding or an indicator in the other views
//! (`Event::Rectify`); both writes call `usecase::rectification`, as `rectifications` does.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::{Answer, Ask, Cx, Event, View, answer};
use crate::domain::checks::Finding;
use crate::domain::inspection::Indicator;
use crate::domain::rectification::{self, Status, Subject};
use crate::domain::review::Act;
use crate::domain::staleness::Status as Staleness;
use crate::store::{AuditEntry, ExportedItem, Site, Store, StoreError};
use crate::t;
use crate::ui::app::single_line;
use crate::ui::keymap::{Action, Key, Keymap, Layer};
use crate::ui::paged::{List, Paged, Row};
use crate::ui::sanitise::{clean_block, clean_line, clean_option, each};
use crate::ui::text::SearchKey;
use crate::ui::views::columns::tree::ColumnEntry;
use crate::ui::words;
use crate::usecase::rectification::{self as orders, About, Issued, Order};

mod draw;

/// An order as drafted from what it is about, before the form is filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The responsible unit, when what it is about names one.
    pub unit: Option<String>,
    pub about: About,
    /// What it is about, in words (the form's heading).
    pub what: String,
    /// What is wrong, as the context says it.
    pub note: String,
    /// The rule broken.
    pub rule: String,
}

impl Draft {
    /// An order about an item: outdated or wrong, to its unit (Art. 13).
    pub fn item(item: &ExportedItem) -> Draft {
        Draft {
            unit: item.fields.unit.clone(),
            about: About::Item { key: item.id.to_string(), finding: None },
            what: t!("orders-about-item", id = item.id, title = item.fields.title.clone()),
            note: t!("orders-note-item", title = item.fields.title.clone()),
            rule: t!("orders-rule-item"),
        }
    }

    /// An order about a column, overdue or blank, to its responsible unit (Art. 6); the first
    /// unit when it has several.
    pub fn column(column: &ColumnEntry) -> Draft {
        let path = column.path.clone();
        // The column by its own name: the form's heading and the order say its whole path.
        let name = path.rsplit(" / ").next().unwrap_or(&path).to_string();
        let note = match column.staleness.status {
            Staleness::Overdue => t!("orders-note-overdue", path = name, days = column.staleness.days_overdue),
            Staleness::Empty => t!("orders-note-blank", path = name),
            Staleness::DueSoon | Staleness::Ok | Staleness::Exempt => t!("orders-note-column", path = name),
        };
        Draft {
            unit: column.units.first().cloned(),
            about: About::Column(column.id),
            what: t!("orders-about-column", path = path),
            note,
            rule: t!("orders-rule-column"),
        }
    }

    /// An order about a content check's finding on an item, to the item's unit (Art. 9).
    pub fn finding(unit: Option<String>, item: i64, title: &str, finding: &Finding) -> Draft {
        Draft {
            unit,
            about: About::Item { key: item.to_string(), finding: Some(finding.kind.as_str().to_string()) },
            what: t!("orders-about-item", id = item, title = title.to_string()),
            note: t!(
                "orders-note-finding",
                kind = words::finding(finding.kind),
                text = finding.text.clone(),
                title = title.to_string()
            ),
            rule: t!("orders-rule-finding"),
        }
    }

    /// An order about an indicator of the national check: the unit is for the form to name.
    pub fn indicator(indicator: &Indicator) -> Draft {
        Draft {
            unit: None,
            about: About::Indicator(indicator.key.to_string()),
            what: t!("orders-about-indicator", name = words::indicator(indicator.key)),
            note: t!("orders-note-indicator", name = words::indicator(indicator.key), count = indicator.count),
            rule: t!("orders-rule-indicator"),
        }
    }
}

/// A field of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Unit,
    Note,
    Rule,
    Days,
}

impl Field {
    pub const ALL: [Field; 4] = [Field::Unit, Field::Note, Field::Rule, Field::Days];

    /// The rows the field takes: what is wrong two, wrapped (it names a column or an item, and is
    /// read whole before it is issued), the others one.
    pub fn rows(self) -> u16 {
        match self {
            Field::Note => 2,
            Field::Unit | Field::Rule | Field::Days => 1,
        }
    }
}

/// The form that issues an order: the unit, what is wrong, the rule, the deadline in working days.
#[derive(Debug)]
pub struct OrderForm {
    pub draft: Draft,
    pub field: Field,
    /// The fields' inputs, in `Field::ALL`'s order.
    pub inputs: [Box<TextArea<'static>>; 4],
}

impl OrderForm {
    fn new(draft: Draft) -> OrderForm {
        let inputs = [
            draft.unit.clone().unwrap_or_default(),
            draft.note.clone(),
            draft.rule.clone(),
            rectification::DEFAULT_DAYS.to_string(),
        ]
        .map(|text| Box::new(single_line(&text)));
        let mut inputs = inputs;
        inputs[Field::Note as usize].set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        // The first field left to fill: the unit when none is known, else what is wrong.
        let field = if draft.unit.is_none() { Field::Unit } else { Field::Note };
        let mut form = OrderForm { draft, field, inputs };
        form.focus(field);
        form
    }

    /// The text typed in a field.
    pub fn text(&self, field: Field) -> String {
        self.inputs[field as usize].lines().join(" ").trim().to_string()
    }

    fn focus(&mut self, field: Field) {
        self.field = field;
        for (f, input) in Field::ALL.iter().zip(self.inputs.iter_mut()) {
            input.set_cursor_style(if *f == field {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    fn step(&mut self, delta: isize) {
        let n = Field::ALL.len() as isize;
        self.focus(Field::ALL[(self.field as isize + delta).rem_euclid(n) as usize]);
    }

    /// The order to issue, or why not in one line: a unit, a note, and 1 to 60 working days.
    pub fn order(&self) -> Result<Load, String> {
        let unit = self.text(Field::Unit);
        if unit.is_empty() {
            return Err(t!("orders-needs-unit"));
        }
        let note = self.text(Field::Note);
        if note.is_empty() {
            return Err(t!("orders-needs-note"));
        }
        let typed = self.text(Field::Days);
        let days = typed.parse::<i64>().map_err(|_| t!("orders-bad-days", typed = typed.clone()))?;
        let days = rectification::check_days(days).map_err(|e| e.to_string())?;
        let rule = self.text(Field::Rule);
        let note = if rule.is_empty() { note } else { t!("orders-note-with-rule", note = note, rule = rule) };
        Ok(Load::Issue { unit, about: self.draft.about.clone(), note, days: i64::from(days) })
    }
}

/// The note typed to close an order by hand.
#[derive(Debug)]
pub struct CloseQuestion {
    pub id: i64,
    pub input: Box<TextArea<'static>>,
}

/// The tab's state: the orders, the form open, the closing asked.
#[derive(Debug, Default)]
pub struct OrdersView {
    pub list: Paged<Order>,
    pub form: Option<OrderForm>,
    pub closing: Option<CloseQuestion>,
    /// The write sent and not yet back.
    pub writing: Option<u64>,
    /// The order Enter opened, while its audit history loads (the request's id).
    pub opening: Option<(u64, Order)>,
}

/// The tab's queries and writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Every order, most urgent first.
    List,
    /// Issue an order.
    Issue { unit: String, about: About, note: String, days: i64 },
    /// Close an order by hand.
    Close { id: i64, note: String },
    /// An order's audit history, oldest first.
    History { id: i64 },
}

/// What they brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    List(Result<Vec<Order>, String>),
    Issued { unit: String, result: Result<Issued, String> },
    Closed { id: i64, result: Result<(), String> },
    History(Result<Vec<AuditEntry>, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::List | Load::History { .. } => false,
            Load::Issue { .. } | Load::Close { .. } => true,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::List => Loaded::List(orders::list(store, site, None, None).await.map_err(line)),
            Load::Issue { unit, about, note, days } => {
                let result = orders::add(store, site, &unit, &about, &note, Some(days)).await.map_err(line);
                // The unit by its name, as typed or named by its pinyin initials.
                let unit = result.as_ref().map_or(unit, |issued| issued.unit.clone());
                Loaded::Issued { unit, result }
            }
            Load::Close { id, note } => Loaded::Closed { id, result: orders::done(store, site, id, &note).await.map_err(line) },
            Load::History { id } => Loaded::History(orders::history(store, site, id).await.map_err(line)),
        }
    }
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::List(r) => r.is_err(),
            Loaded::Issued { result, .. } => result.is_err(),
            Loaded::Closed { result, .. } => result.is_err(),
            Loaded::History(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::List(r) => each(r, |o| {
                let row = &mut o.row;
                for s in [&mut row.unit, &mut row.unit_full_name, &mut row.subject_text, &mut row.note, &mut row.issued_by]
                {
                    clean_line(s);
                }
                match &mut row.subject {
                    Subject::Column(_) => {}
                    Subject::Item { finding, .. } => clean_option(finding),
                    Subject::Indicator(key) => clean_line(key),
                }
                if let Some((_, by, _, note)) = &mut row.closed {
                    clean_line(by);
                    clean_option(note);
                }
            }),
            Loaded::Issued { unit, result } => {
                clean_line(unit);
                if let Ok(issued) = result {
                    clean_line(&mut issued.unit);
                    clean_option(&mut issued.indicator);
                }
            }
            Loaded::Closed { .. } => {}
            Loaded::History(r) => each(r, |e| {
                clean_line(&mut e.operator);
                clean_line(&mut e.action);
                clean_line(&mut e.target);
                clean_block(&mut e.detail);
            }),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        let no = || "the database said no".to_string();
        vec![
            ("List", Loaded::List(Err(no()))),
            ("Issued", Loaded::Issued { unit: "民政局".into(), result: Err(no()) }),
            ("Closed", Loaded::Closed { id: 1, result: Err(no()) }),
            ("History", Loaded::History(Err(no()))),
        ]
    }
}

/// What an order names, in words: the column's path, the item's title, the indicator's name in the
/// reader's language (the bulletin and the reminder sheet, written in Chinese, take `Order::about`).
pub(super) fn about(o: &Order) -> String {
    match &o.row.subject {
        Subject::Indicator(key) => words::indicator(key),
        Subject::Column(_) | Subject::Item { .. } => o.about(),
    }
}

impl Row for Order {
    type Key = i64;

    fn key(&self) -> i64 {
        self.row.id
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.row.unit, &about(self), &self.row.note, &self.status.said()])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.row.id.to_string() } else { self.row.note.clone() })
    }
}


impl OrdersView {
    fn load(&mut self, ask: &mut Ask) {
        let req = ask.request(Load::List);
        self.list.asked(req, None);
    }

    /// `z` in another view: the form, filled in from what the order is about.
    pub fn draft(&mut self, draft: Draft) {
        self.closing = None;
        self.form = Some(OrderForm::new(draft));
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::List(result) => {
                let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
                self.list.accept_whole(id, result, cx.height);
                if let Some(e) = failed {
                    ask.warn(t!("orders-load-failed", error = e));
                }
            }
            Loaded::Issued { unit, result } => {
                if self.writing != Some(id) {
                    return;
                }
                self.writing = None;
                match result {
                    Ok(issued) => {
                        self.form = None;
                        let due = issued.due_on.to_string() + if issued.provisional { "?" } else { "" };
                        ask.tell(t!("rectify-issued", id = issued.id, unit = unit, due = due, days = issued.days));
                        self.reload_list(ask);
                        ask.post(Event::Audited);
                    }
                    Err(e) => ask.warn(t!("orders-not-issued", error = e)),
                }
            }
            Loaded::History(result) => {
                let Some((_, order)) = self.opening.take_if(|(asked, _)| *asked == id) else { return };
                match result {
                    Ok(records) => {
                        *ask.overlay =
                            crate::ui::app::Overlay::Record(draw::record(&order, &records, cx.ambiguous, cx.now));
                    }
                    Err(e) => ask.warn(t!("orders-history-failed", id = order.row.id, error = e)),
                }
            }
            Loaded::Closed { id: order, result } => {
                if self.writing != Some(id) {
                    return;
                }
                self.writing = None;
                match result {
                    Ok(()) => {
                        self.closing = None;
                        ask.tell(t!("rectify-closed", id = order));
                        self.reload_list(ask);
                        ask.post(Event::Audited);
                    }
                    Err(e) => ask.warn(t!("orders-not-closed", error = e)),
                }
            }
        }
    }

    fn reload_list(&mut self, ask: &mut Ask) {
        if self.list.is_loaded() || self.list.waiting.is_some() {
            self.load(ask);
        }
    }

    /// A key in the form: Enter issues the order (or says in one line why not), Esc closes it, the
    /// field keys move between fields, anything else edits the field.
    fn form_key(&mut self, event: KeyEvent, cx: &Cx, ask: &mut Ask) {
        let Some(form) = &mut self.form else { return };
        match cx.keymap.action(Layer::Rectify, Key::from_event(event)) {
            Some(Action::Back) => self.form = None,
            Some(Action::Confirm) if self.writing.is_some() => ask.warn(t!("write-still-running")),
            Some(Action::Confirm) => match form.order() {
                Ok(load) => self.writing = Some(ask.request(load)),
                Err(why) => ask.warn(why),
            },
            Some(Action::OrderNextField) => form.step(1),
            Some(Action::OrderPreviousField) => form.step(-1),
            _ if event.code == KeyCode::Enter => {}
            _ => crate::ui::app::edit(&mut form.inputs[form.field as usize], event),
        }
    }

    /// The note typed to close an order: Enter closes it.
    fn closing_key(&mut self, event: KeyEvent, ask: &mut Ask) {
        let Some(closing) = &mut self.closing else { return };
        match answer(&mut closing.input, event, &t!("orders-needs-close-note"), ask) {
            Answer::Open => {}
            Answer::Closed => self.closing = None,
            Answer::Given(note) if self.writing.is_none() => {
                self.writing = Some(ask.request(Load::Close { id: closing.id, note }));
            }
            Answer::Given(_) => ask.warn(t!("write-still-running")),
        }
    }
}

impl View for OrdersView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn List> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        Layer::Orders
    }

    fn show(&mut self, _cx: &Cx, ask: &mut Ask) {
        if !self.list.done && self.list.waiting.is_none() {
            self.load(ask);
        }
    }

    fn busy(&self) -> bool {
        self.list.waiting.is_some() || self.writing.is_some() || self.opening.is_some()
    }

    fn read_list(&mut self, ask: &mut Ask) {
        self.load(ask);
    }

    /// `d`: close the selected open order by hand, with a note.
    fn on_action(&mut self, action: Action, _cx: &Cx, ask: &mut Ask) -> bool {
        if action != Action::CloseOrder {
            return false;
        }
        match self.list.selected() {
            Some(o) if o.status == Status::Done => ask.warn(t!("rectify-already-closed", id = o.row.id)),
            Some(o) => {
                let mut input = single_line("");
                input.set_placeholder_text(t!("orders-close-placeholder"));
                self.closing = Some(CloseQuestion { id: o.row.id, input: Box::new(input) });
            }
            None => ask.warn(t!("orders-select-order")),
        }
        true
    }

    /// Enter: the order whole, with its audit history, once that is read.
    fn open(&mut self, _cx: &Cx, ask: &mut Ask) {
        if let Some(o) = self.list.selected() {
            let asked = ask.request(Load::History { id: o.row.id });
            self.opening = Some((asked, o.clone()));
        }
    }

    fn asking(&self) -> bool {
        self.form.is_some() || self.closing.is_some()
    }

    fn typed(&mut self, event: KeyEvent, cx: &Cx, ask: &mut Ask) {
        if self.form.is_some() {
            self.form_key(event, cx, ask);
        } else {
            self.closing_key(event, ask);
        }
    }

    fn question_layer(&self) -> Option<Layer> {
        self.form.is_some().then_some(Layer::Rectify)
    }

    fn draw_question(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        if let Some(form) = &self.form {
            draw::form(form, self.writing.is_some(), d);
        } else if let Some(closing) = &self.closing {
            let prompt = t!("orders-close-prompt", id = closing.id);
            crate::ui::widgets::input_line(d.buf, areas.status, &prompt, &closing.input);
        }
    }

    /// Enter in the form issues an order, Enter on the note closes one.
    fn typed_write(&self, event: KeyEvent, keymap: &Keymap) -> Option<Act> {
        let confirms = self.form.is_some()
            && keymap.action(Layer::Rectify, Key::from_event(event)) == Some(Action::Confirm)
            || self.closing.is_some() && event.code == KeyCode::Enter;
        confirms.then_some(Act::Rectify)
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}
