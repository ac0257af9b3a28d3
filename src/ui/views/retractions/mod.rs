//! The Retractions tab (Art. 13): the pending retraction requests, most urgent first, then those
//! handled by a withdrawal whose item's public page the link checks found still public. Its keys
//! withdraw a request's item after a confirmation that names it, answer an outdated request with
//! a mark instead, or decline the request with a reason; the writes themselves, and what loads
//! again after them, are the console's (`app::withdraw`), shared with a column's withdrawals.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{Answer, Ask, Cx, Event, View, answer};
use crate::domain::RetractionReason;
use crate::domain::item::RequestStatus;
use crate::store::{RetractionRequest, Site, Store, StoreError};
use crate::ui::app::{Confirmed, Overlay, mark_overlay, single_line};
use crate::ui::keymap::{Action, Keymap, Layer};
use crate::ui::paged::{List, Paged, Row};
use crate::ui::sanitise::{clean_all, clean_block, clean_line, clean_option, each};
use crate::ui::text::SearchKey;
use crate::usecase;

mod draw;

/// The tab's state: the pending requests.
#[derive(Debug, Default)]
pub struct RetractionsView {
    pub list: Paged<RetractionRequest>,
    /// The reason being typed for declining a request.
    pub decline: Option<Decline>,
}

/// The tab's own question: why a request is declined.
#[derive(Debug)]
pub struct Decline {
    pub input: Box<TextArea<'static>>,
    pub request: i64,
    /// The request's item, as the list shows it.
    pub item: i64,
}

/// The tab's query.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// The pending retraction requests.
    Pending,
}

/// What it brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Pending(Result<Vec<RetractionRequest>, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Pending => false,
        }
    }

    pub async fn run(self, store: &dyn Store, site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Pending => Loaded::Pending(
                usecase::withdrawal::open_requests(store, site).await.map_err(line),
            ),
        }
    }
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Pending(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Pending(r) => each(r, |q| {
                clean_line(&mut q.title);
                clean_option(&mut q.unit);
                clean_block(&mut q.note);
                clean_option(&mut q.handled_by);
                clean_all(&mut q.columns);
            }),
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        vec![("Pending", Loaded::Pending(Err("the database said no".into())))]
    }
}

impl Row for RetractionRequest {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[
            &self.title,
            self.unit.as_deref().unwrap_or(""),
            self.reason.as_str(),
            &self.note,
            &self.columns.join(" "),
        ])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.item.to_string() } else { self.title.clone() })
    }
}

impl RetractionsView {
    fn load(&mut self, ask: &mut Ask) {
        let req = ask.request(Load::Pending);
        self.list.asked(req, None);
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Pending(result) => {
                let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
                self.list.accept_whole(id, result, cx.height);
                if let Some(e) = failed {
                    ask.warn(crate::t!("retractions-load-failed", error = e));
                }
            }
        }
    }
}

impl View for RetractionsView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn List> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        Layer::Retractions
    }

    fn show(&mut self, _cx: &Cx, ask: &mut Ask) {
        if !self.list.done && self.list.waiting.is_none() {
            self.load(ask);
        }
    }

    /// Withdraw, answer with a mark, or decline the selected request (a pending one: a handled
    /// request listed for its page still public has nothing left to decide here).
    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        let Some(r) = self.list.selected() else {
            return matches!(action, Action::Withdraw | Action::Decline | Action::MarkRequest);
        };
        if r.status != RequestStatus::Pending && matches!(action, Action::Withdraw | Action::Decline | Action::MarkRequest)
        {
            ask.warn(crate::t!("retractions-handled-still-public", id = r.id, item = r.item));
            return true;
        }
        match action {
            Action::Withdraw => {
                let key = |a| cx.keymap.key_name(Layer::Confirm, a);
                let instead = if r.reason == RetractionReason::Outdated {
                    crate::t!("retractions-marks-instead", key = key(Action::MarkInstead))
                } else {
                    String::new()
                };
                let text = crate::t!(
                    "retractions-withdraw-confirm",
                    id = r.item,
                    reason = crate::ui::words::reason(r.reason),
                    title = r.title.clone(),
                    columns = r.columns.join("\n  "),
                    unit = r.unit.as_deref().unwrap_or("-").to_string(),
                    yes = key(Action::Confirm),
                    instead = instead,
                    no = key(Action::Back)
                );
                ask.confirm(text, Confirmed::Withdraw { item: r.item, reason: r.reason });
            }
            Action::MarkRequest => {
                if r.reason != RetractionReason::Outdated {
                    let key =
                        |a| cx.keymap.key_name(Layer::Retractions, a);
                    ask.warn(crate::t!(
                        "retractions-mark-outdated-only",
                        reason = crate::ui::words::reason(r.reason),
                        withdraw = key(Action::Withdraw),
                        decline = key(Action::Decline)
                    ));
                } else {
                    *ask.overlay = mark_overlay(vec![(r.item, r.title.clone())]);
                }
            }
            Action::Decline => {
                let mut input = single_line("");
                input.set_placeholder_text(crate::t!("retractions-decline-placeholder"));
                self.decline = Some(Decline { input: Box::new(input), request: r.id, item: r.item });
            }
            _ => return false,
        }
        true
    }

    fn asking(&self) -> bool {
        self.decline.is_some()
    }

    /// The reason typed: Enter declines the request (the console's write: `Event::Decline`).
    fn typed(&mut self, event: KeyEvent, _cx: &Cx, ask: &mut Ask) {
        let Some(decline) = &mut self.decline else { return };
        match answer(&mut decline.input, event, &crate::t!("console-decline-needs-reason"), ask) {
            Answer::Open => {}
            Answer::Closed => self.decline = None,
            Answer::Given(reason) => {
                let request = decline.request;
                self.decline = None;
                ask.post(Event::Decline { request, reason });
            }
        }
    }

    fn draw_question(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        if let Some(decline) = &self.decline {
            let prompt = crate::t!("prompt-decline-item", item = decline.item);
            crate::ui::widgets::input_line(d.buf, areas.status, &prompt, &decline.input);
        }
    }

    /// Enter on the reason declines the request: a withdrawal's act.
    fn typed_write(&self, event: KeyEvent, _keymap: &Keymap) -> Option<crate::domain::review::Act> {
        (self.decline.is_some() && event.code == KeyCode::Enter).then_some(crate::domain::review::Act::Withdraw)
    }

    fn read_list(&mut self, ask: &mut Ask) {
        self.load(ask);
    }

    /// Enter: the request whole.
    fn open(&mut self, cx: &Cx, ask: &mut Ask) {
        if let Some(r) = self.list.selected() {
            let at = crate::domain::time::for_people(r.requested_at, cx.now);
            let field = |key: String, value: &str| format!("{} {value}", crate::ui::text::pad(&key, 9, cx.ambiguous));
            let public =
                if r.still_public { format!("\n{}", crate::t!("retractions-record-still-public")) } else { String::new() };
            *ask.overlay = Overlay::Record(format!(
                "{}  {at}\n{}\n{}\n{}\n{}{public}\n\n{}",
                crate::t!("retractions-record-id", id = r.id),
                field(crate::t!("head-item"), &format!("{}  {}", r.item, r.title)),
                field(crate::t!("head-unit"), r.unit.as_deref().unwrap_or("-")),
                field(crate::t!("head-reason"), &crate::ui::words::reason(r.reason)),
                field(crate::t!("queue-head-columns"), &r.columns.join("; ")),
                r.note
            ));
        }
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}
