//! The console's hold on the database: who it acts as (Art. 14: each person under their own
//! identity), whether the database is there, and what colleagues change meanwhile.
//!
//! - When the console opens it asks who it acts as. A person who is not an operator of the site,
//!   or no longer an active one, gets the console read only: every key that would write says why
//!   instead (and the store refuses such a write anyway). An operator's role decides the rest, by
//!   the same rule the store applies (`Act::allowed`).
//! - Every second it asks the database's change mark (the newest audit record's id: every change
//!   writes one); when it has grown by somebody else's change, the open views load again, keeping
//!   their selection, any question or unfinished text. At most one such query runs at a time, and
//!   none while a list is loading or this console's own write is being saved (a write reloads what
//!   it changes itself, and the runtime reports its audit records: their ids are seen, and a
//!   record below them above the mark seen, a colleague's change made just before the write,
//!   reloads what is open as a check would have). It is compared with the
//!   mark the runtime read before the console's first queries ran (`Setup::change_mark`), not with
//!   the first check's: a change made while the first screens loaded is a change too (on a hot
//!   standby, which takes no LISTEN, these checks are the only way changes arrive). Without that
//!   mark, the first check loads the open views again.
//! - A query that fails because the database cannot be reached marks the connection lost; it is
//!   tried again after 1 s, 2 s, 4 s, 8 s, then every 10 s, and once back every open view loads
//!   again. Meanwhile the screen keeps what it has; a write is not sent (it is never sent again by
//!   itself: the question stays open for the user to confirm again).

use chrono::{DateTime, Duration, Utc};
use crossterm::event::KeyEvent;

use super::{App, CalendarLoaded, Confirmed, Effect, Health, Load, Loaded, Overlay, arrived};
use crate::domain::review::{Act, WorkflowError};
use crate::domain::{Role, Stage};
use crate::t;

use crate::ui::keymap::{Action, Key, Keymap, Layer};
use crate::ui::words;

pub use crate::usecase::connection::{Whoami, Written};

/// What this console may do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Identity {
    /// Not known yet (or the database could not say): the store decides each write.
    #[default]
    Unknown,
    /// An active operator with this role.
    Operator(Role),
    /// Nothing may be changed, and why.
    ReadOnly(String),
}

/// A lost connection and the tries to get it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// The last failure, in one line.
    pub reason: String,
    pub since: DateTime<Utc>,
    /// Tries made so far to reach the database again.
    pub tries: u32,
    /// When the next try is due.
    pub next_try: DateTime<Utc>,
}

/// The connection's state besides `Health`: identity, the change mark, the queries running.
#[derive(Debug, Default)]
pub struct Link {
    pub identity: Identity,
    /// Read only whoever the operator is (`--read-only`): what the database says does not change it.
    pub pinned: bool,
    /// The check (the change mark's query) running.
    pub ping: Option<u64>,
    pub whoami: Option<u64>,
    /// The newest change this console has seen: what the open views hold at least (`None`: not
    /// known, the first check then loads them again).
    pub seen: Option<i64>,
    /// This console's writes whose audit records have not come back yet.
    pub writing: usize,
    /// The audit records of this console's writes that came back while others were still out:
    /// weighed together when the last is back (they may come back in any order).
    pub wrote: Vec<Written>,
    /// A short note in the status line, and until when it shows.
    pub flash: Option<(String, DateTime<Utc>)>,
}

/// Ticks (of 100 ms) between two checks of the change mark while connected.
pub const CHECK_TICKS: u64 = 10;
/// How long a note such as a colleague's change arriving stays in the status line.
pub const FLASH_SECONDS: i64 = 5;
/// What a colleague's change arriving says.
pub fn colleague() -> String {
    t!("colleague-change")
}

/// What a question before a write (a confirmation in `layer`, the mark's form) says when its
/// write could not be sent.
pub fn not_sent(keymap: &Keymap, layer: Layer) -> String {
    t!("not-sent", yes = keymap.key_name(layer, Action::Confirm))
}

/// How long to wait after `tries` failed tries before the next: 1 s, 2 s, 4 s, 8 s, then 10 s.
pub fn backoff(tries: u32) -> Duration {
    Duration::seconds(1i64 << tries.min(4)).min(Duration::seconds(10))
}

/// A duration as the status line says it: `7s`, `2m 05s`, `1h 03m`.
pub fn span(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    match s {
        s if s < 60 => t!("span-seconds", seconds = s),
        s if s < 3600 => t!("span-minutes", minutes = s / 60, seconds = format!("{:02}", s % 60)),
        s => t!("span-hours", hours = s / 3600, minutes = format!("{:02}", s % 3600 / 60)),
    }
}

impl Load {
    /// Whether it changes the database.
    pub fn is_write(&self) -> bool {
        if let Load::View(view) = self {
            return view.is_write();
        }
        matches!(
            self,
            Load::Retract { .. }
                | Load::Mark { .. }
                | Load::Restore { .. }
                | Load::Decline { .. }
                | Load::CheckPages { .. }
                | Load::Calendar(super::CalendarLoad::Import(_))
        )
    }
}

impl App {
    /// Asks who the console acts as, unless that is being asked already.
    pub(super) fn ask_whoami(&mut self, effects: &mut Vec<Effect>) {
        if self.link.whoami.is_none() {
            let id = self.request(Load::Whoami, effects);
            self.link.whoami = Some(id);
        }
    }

    fn check(&mut self, effects: &mut Vec<Effect>) {
        let id = self.request(Load::Ping, effects);
        self.link.ping = Some(id);
    }

    /// Time passes: check the change mark now and then, try the lost connection again when due.
    pub(super) fn link_tick(&mut self, effects: &mut Vec<Effect>) {
        if self.link.flash.as_ref().is_some_and(|(_, until)| *until <= self.now) {
            self.link.flash = None;
        }
        if self.link.ping.is_some() {
            return;
        }
        match &mut self.health {
            Health::Connected => {
                if self.ticks.is_multiple_of(CHECK_TICKS) && self.link.writing == 0 && !self.busy() {
                    self.check(effects);
                }
            }
            Health::Lost(lost) => {
                if self.now >= lost.next_try {
                    lost.tries += 1;
                    self.check(effects);
                }
            }
        }
    }

    /// A query failed because the database could not be reached.
    pub(super) fn connection_lost(&mut self, reason: String) {
        let now = self.now;
        match &mut self.health {
            Health::Connected => {
                tracing::warn!("connection lost: {reason}");
                self.health = Health::Lost(Lost { reason, since: now, tries: 0, next_try: now + backoff(0) });
            }
            Health::Lost(lost) => lost.reason = reason,
        }
    }

    /// A query succeeded: while the connection was thought lost, check it at once.
    pub(super) fn query_succeeded(&mut self) {
        let now = self.now;
        if let Health::Lost(lost) = &mut self.health {
            lost.next_try = lost.next_try.min(now);
        }
    }

    /// The change mark came back (or the check failed).
    pub(super) fn checked(&mut self, id: u64, result: Result<i64, String>, effects: &mut Vec<Effect>) {
        if !arrived(&mut self.link.ping, id) {
            return;
        }
        let mark = match result {
            Ok(mark) => mark,
            Err(e) => {
                let now = self.now;
                match &mut self.health {
                    Health::Lost(lost) => {
                        lost.reason = e;
                        lost.next_try = now + backoff(lost.tries);
                    }
                    Health::Connected => self.connection_lost(e),
                }
                return;
            }
        };
        if let Health::Lost(lost) = &self.health {
            // Back: fresh figures for everything open, loaded after the mark was read so that
            // no change up to it is missed.
            let away = span(self.now - lost.since);
            tracing::info!("connected again after {away}");
            self.health = Health::Connected;
            self.link.seen = Some(mark);
            self.tell(t!("connected-again", away = away));
            self.say_not_sent(false);
            self.reload_open_views(effects);
            self.ask_whoami(effects);
            self.load_last_backup(effects);
            return;
        }
        if self.link.writing > 0 {
            // The mark may hold this console's own write, whose mark comes with it.
            return;
        }
        match self.link.seen {
            None => {
                // No mark was read before the first queries ran: what they loaded may be older
                // than this mark, and a change made between them and this check would never show
                // (it would be taken for what the screens hold). Load again what is open.
                self.link.seen = Some(mark);
                self.reload_open_views(effects);
            }
            Some(seen) if seen != mark => {
                self.link.seen = Some(mark);
                self.colleague_changed(effects);
            }
            Some(_) => {}
        }
    }

    /// A colleague changed something this console has not shown: it says so briefly and loads
    /// again what is open.
    fn colleague_changed(&mut self, effects: &mut Vec<Effect>) {
        self.link.flash = Some((colleague(), self.now + Duration::seconds(FLASH_SECONDS)));
        self.reload_open_views(effects);
        // Operators may have changed too, and a backup may have been made.
        self.ask_whoami(effects);
        self.load_last_backup(effects);
    }

    /// A notification of a change (PostgreSQL): the change mark is checked at once rather than at
    /// the next tick's check, unless a check or one of this console's writes is under way (its own
    /// change mark comes back with it).
    pub(super) fn notified(&mut self, effects: &mut Vec<Effect>) {
        if matches!(self.health, Health::Connected) && self.link.ping.is_none() && self.link.writing == 0 {
            self.check(effects);
        }
    }

    /// This console's write came back with what each of its committed transactions wrote to the
    /// audit trail. Its records are seen (the write reloads what it changed). A record below them
    /// that is above the mark seen is somebody else's change, committed after this console last
    /// looked and before its write took its turn (the transaction's lock orders the writers):
    /// nothing open shows it yet, and the mark after the write would hide it from every later
    /// check, so what is open loads again now.
    pub(super) fn own_change(&mut self, wrote: Vec<Written>, effects: &mut Vec<Effect>) {
        self.link.writing = self.link.writing.saturating_sub(1);
        self.link.wrote.extend(wrote);
        if self.link.writing > 0 {
            return;
        }
        let mut wrote = std::mem::take(&mut self.link.wrote);
        // Not known what the screens hold: the next check loads them again anyway.
        let Some(mut seen) = self.link.seen else { return };
        wrote.sort_by_key(|w| w.before);
        let mut unseen = false;
        for w in wrote {
            unseen |= w.before > seen;
            seen = seen.max(w.last);
        }
        self.link.seen = Some(seen);
        if unseen {
            self.colleague_changed(effects);
        }
    }

    /// Opened with `--read-only`: nothing may be changed, whatever the operator's role.
    pub fn pin_read_only(&mut self) {
        self.pin_read_only_because(t!("read-only-pinned"));
    }

    /// Nothing may be changed, whatever the operator's role, for this reason (`--read-only`, a
    /// hot standby given no primary).
    pub(super) fn pin_read_only_because(&mut self, why: String) {
        self.link.pinned = true;
        self.link.identity = Identity::ReadOnly(why);
    }

    /// Who the console acts as came back.
    pub(super) fn identified(&mut self, id: u64, result: Result<Whoami, String>) {
        if !arrived(&mut self.link.whoami, id) {
            return;
        }
        let Ok(w) = result else { return };
        self.several_sites = w.sites > 1;
        if self.link.pinned {
            return;
        }
        let identity = match w.role {
            Some((role, true)) => Identity::Operator(role),
            Some((_, false)) => {
                Identity::ReadOnly(t!("read-only-inactive", name = w.name.clone(), site = w.site.clone()))
            }
            None => Identity::ReadOnly(t!("read-only-not-operator", name = w.name.clone(), site = w.site.clone())),
        };
        if identity == self.link.identity {
            return;
        }
        match (&identity, &self.link.identity) {
            (Identity::ReadOnly(why), _) => self.warn(why.clone()),
            (Identity::Operator(role), Identity::ReadOnly(_)) => {
                self.tell(t!("operator-again", name = w.name.clone(), site = w.site.clone(), role = words::role(*role)))
            }
            _ => {}
        }
        self.link.identity = identity;
    }

    /// Loads again everything open, keeping selections, questions and unfinished text: every
    /// view's (`View::changed`).
    pub(super) fn reload_open_views(&mut self, effects: &mut Vec<Effect>) {
        self.each_view(effects, |v, cx, ask| v.changed(cx, ask));
    }

    /// What an action would ask of the database's rules, if it leads to a write.
    fn write_act(&self, action: Action) -> Option<Act> {
        let under_review = || self.views.queue.under_review();
        match action {
            Action::Approve | Action::Reject | Action::Return => {
                under_review().filter(|s| *s != Stage::Publish).map(Act::Pass)
            }
            Action::Publish | Action::PublishMarked => Some(Act::Pass(Stage::Publish)),
            Action::Withdraw
            | Action::Decline
            | Action::MarkRequest
            | Action::WithdrawItems
            | Action::Restore
            | Action::MarkInstead => Some(Act::Withdraw),
            Action::RecordIncident | Action::ReverseIncident => Some(Act::RecordIncident),
            Action::WaiveFinding => Some(Act::WaiveFinding),
            Action::IssueOrder | Action::CloseOrder => Some(Act::Rectify),
            Action::Confirm => self.overlay.confirming().map(|then| match then {
                Confirmed::Publish | Confirmed::PublishMarked => Act::Pass(Stage::Publish),
                Confirmed::Withdraw { .. }
                | Confirmed::WithdrawItems { .. }
                | Confirmed::Restore { .. }
                | Confirmed::ImportCalendar(_) => Act::Withdraw,
            }),
            _ => None,
        }
    }

    /// Whether the console offers an action's key to who it acts as (on the hint line, unmarked in
    /// the help): not one that leads only to changes it may not make, read only or by the role's
    /// rules (the store's own, `Act::allowed`); every key while that is not known.
    pub fn offers(&self, action: Action) -> bool {
        let acts = leads_to(action);
        acts.is_empty()
            || match &self.link.identity {
                Identity::Unknown => true,
                Identity::ReadOnly(_) => false,
                Identity::Operator(role) => acts.iter().any(|act| act.allowed(*role)),
            }
    }

    /// What the help says beside a key the console does not offer (`offers`), if it does not.
    pub fn not_offered(&self, action: Action) -> Option<String> {
        if self.offers(action) {
            return None;
        }
        Some(match &self.link.identity {
            Identity::Operator(role) => t!("help-not-for-role", role = words::role(*role)),
            Identity::Unknown | Identity::ReadOnly(_) => t!("help-not-read-only"),
        })
    }

    /// Whether the console may not make this change, saying why (read only, or the role's rules).
    fn refused(&mut self, act: Act) -> bool {
        match &self.link.identity {
            Identity::ReadOnly(why) => {
                let why = why.clone();
                self.warn(why);
                true
            }
            Identity::Operator(role) if !act.allowed(*role) => {
                let said = WorkflowError::NotAllowed { operator: self.operator.clone(), role: *role, act }.to_string();
                self.warn(said);
                true
            }
            _ => false,
        }
    }

    /// Whether a write must not be sent now because the database cannot be reached: then it says
    /// so and tries the connection at once; the question stays open to be confirmed again.
    fn unreachable(&mut self) -> bool {
        let now = self.now;
        let Health::Lost(lost) = &mut self.health else { return false };
        lost.next_try = lost.next_try.min(now);
        self.warn(t!("not-saved-unreachable"));
        self.say_not_sent(true);
        true
    }

    /// Says in the question open, where the user looks, that its write was not sent (`unsent`),
    /// or no longer says so (the database is back): at the end of a confirmation's text, below the
    /// mark's form. The question stays open to be confirmed again.
    fn say_not_sent(&mut self, unsent: bool) {
        match &mut self.overlay {
            Overlay::Confirm { text, .. } => {
                let note = format!("\n\n{}", not_sent(&self.keymap, Layer::Confirm));
                match text.strip_suffix(&note) {
                    Some(asked) if !unsent => *text = asked.to_string(),
                    None if unsent => text.push_str(&note),
                    Some(_) | None => {}
                }
            }
            Overlay::Mark { not_sent, .. } => *not_sent = unsent,
            Overlay::None
            | Overlay::Help(_)
            | Overlay::Messages(_)
            | Overlay::Record(_)
            | Overlay::Copy
            | Overlay::Filter(_)
            | Overlay::Command { .. } => {}
        }
    }

    /// Whether a key action must not go on to a write (then it has said why).
    pub(super) fn write_refused(&mut self, action: Action) -> bool {
        let Some(act) = self.write_act(action) else { return false };
        if self.refused(act) {
            return true;
        }
        // The last step before the write: the confirmation, or an approval (no question first).
        matches!(action, Action::Confirm | Action::Approve) && self.unreachable()
    }

    /// Whether a key typed into a question would send a write that must not be sent (then it has
    /// said why): Enter on a view's question (a rejection's, a decline's or a waiver's reason, an
    /// incident's form), or the mark's confirmation.
    pub(super) fn typed_write_refused(&mut self, event: KeyEvent) -> bool {
        let confirms = |layer| self.keymap.action(layer, Key::from_event(event)) == Some(Action::Confirm);
        let act = match &self.overlay {
            // A question of a view's own: the view knows.
            Overlay::None => self.question().and_then(|tab| self.views.of(tab).typed_write(event, &self.keymap)),
            Overlay::Mark { .. } => confirms(Layer::Mark).then_some(Act::Withdraw),
            // Nothing typed into them writes (a confirmation's key is an action: `write_refused`).
            Overlay::Help(_)
            | Overlay::Messages(_)
            | Overlay::Record(_)
            | Overlay::Confirm { .. }
            | Overlay::Copy
            | Overlay::Filter(_)
            | Overlay::Command { .. } => None,
        };
        let Some(act) = act else { return false };
        self.refused(act) || self.unreachable()
    }

    /// Whether the status line must be drawn again as time passes (a count-down, a note to clear).
    pub fn ticking(&self) -> bool {
        matches!(self.health, Health::Lost(_)) || self.link.flash.is_some()
    }

    /// The left of the status line: the connection, the operator's role (or read only), a
    /// colleague's change.
    pub fn link_status(&self) -> String {
        let mut s = match &self.health {
            Health::Connected => t!("link-connected"),
            Health::Lost(lost) => {
                let away = span(self.now - lost.since);
                let next = (lost.next_try - self.now).num_milliseconds();
                if self.link.ping.is_some() {
                    t!("link-lost-trying", away = away, tries = lost.tries)
                } else if next <= 0 {
                    t!("link-lost", away = away)
                } else {
                    t!("link-lost-waiting", away = away, seconds = (next + 999) / 1000)
                }
            }
        };
        match &self.link.identity {
            Identity::Unknown => {}
            Identity::Operator(role) => s.push_str(&format!(" · {}", words::role(*role))),
            Identity::ReadOnly(_) => s.push_str(&t!("link-read-only")),
        }
        if let Some(replica) = self.replica_status() {
            s.push_str(&replica);
        }
        if let Some((done, of)) = self.pages_fetched.filter(|_| self.pages_check.is_some()) {
            s.push_str(" · ");
            s.push_str(&t!("pages-checking", done = done, total = of));
        }
        if let Some((note, _)) = &self.link.flash {
            s.push_str(" · ");
            s.push_str(note);
        }
        s
    }
}

/// The changes an action leads to at most, whatever is selected: one of them must be allowed for
/// its key to mean anything (marking items leads to publishing or withdrawing them, affirming the
/// seven checks to a decision). None for a key that changes nothing in the database (a reminder
/// sheet or a bulletin is a file of one's own), or whose question is open only once allowed (a
/// confirmation's keys).
pub fn leads_to(action: Action) -> &'static [Act] {
    const DECIDE: &[Act] = &[Act::Pass(Stage::OfficeReview), Act::Pass(Stage::Recheck), Act::Pass(Stage::Review)];
    match action {
        a if Action::CHECKS.contains(&a) => DECIDE,
        Action::AllChecks | Action::Approve | Action::Reject | Action::Return => DECIDE,
        Action::Publish | Action::PublishMarked | Action::Mark => &[Act::Pass(Stage::Publish)],
        Action::Withdraw
        | Action::Decline
        | Action::MarkRequest
        | Action::WithdrawItems
        | Action::ColumnMark
        | Action::ColumnMarkRange
        | Action::ColumnMarkOlder
        | Action::Restore
        | Action::WithdrawnMark
        | Action::WithdrawnMarkRange
        | Action::WithdrawnMarkBatch => &[Act::Withdraw],
        Action::RecordIncident | Action::ReverseIncident => &[Act::RecordIncident],
        Action::WaiveFinding => &[Act::WaiveFinding],
        Action::IssueOrder | Action::CloseOrder => &[Act::Rectify],
        _ => &[],
    }
}

/// Whether a query's result is an error.
pub fn failed(loaded: &Loaded) -> bool {
    // Every result by name, no catch-all: a result added later must say here whether it failed.
    match loaded {
        Loaded::View(v) => v.failed(),
        Loaded::Withdrawn(r) => r.is_err(),
        Loaded::Marked(_, r) => r.is_err(),
        Loaded::Restored(r) => r.is_err(),
        Loaded::Declined(r) => r.is_err(),
        Loaded::Ping(r) => r.is_err(),
        Loaded::Whoami(r) => r.is_err(),
        Loaded::Calendar(c) => match c {
            CalendarLoaded::Status(r) => r.is_err(),
            CalendarLoaded::Preview(r) => r.is_err(),
            CalendarLoaded::Imported(r) => r.is_err(),
        },
        Loaded::LastBackup(r) => r.is_err(),
        Loaded::Replica(r) => r.is_err(),
        Loaded::PagesChecked(r) => r.is_err(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MarkKind;

    /// Every result by name, with no catch-all: a result added later stops this test compiling
    /// until it is named here, counted in `RESULTS` and given an error in `every_error`.
    fn name(loaded: &Loaded) -> &'static str {
        match loaded {
            Loaded::Withdrawn(_) => "Withdrawn",
            Loaded::Marked(..) => "Marked",
            Loaded::Restored(..) => "Restored",
            Loaded::Declined(_) => "Declined",
            Loaded::Ping(_) => "Ping",
            Loaded::Whoami(_) => "Whoami",
            Loaded::Calendar(CalendarLoaded::Status(_)) => "Calendar::Status",
            Loaded::Calendar(CalendarLoaded::Preview(_)) => "Calendar::Preview",
            Loaded::Calendar(CalendarLoaded::Imported(_)) => "Calendar::Imported",
            Loaded::LastBackup(_) => "LastBackup",
            Loaded::Replica(_) => "Replica",
            Loaded::PagesChecked(_) => "PagesChecked",
            Loaded::View(_) => "View",
        }
    }

    /// The number of results not yet a registered view's, each named by `name`.
    const RESULTS: usize = 12;

    fn e<T>() -> Result<T, String> {
        Err("the database said no".to_string())
    }

    fn every_error() -> Vec<Loaded> {
        vec![
            Loaded::Withdrawn(e()),
            Loaded::Marked(MarkKind::Repealed, e()),
            Loaded::Restored(e()),
            Loaded::Declined(e()),
            Loaded::Ping(e()),
            Loaded::Whoami(e()),
            Loaded::Calendar(CalendarLoaded::Status(e())),
            Loaded::Calendar(CalendarLoaded::Preview(e())),
            Loaded::Calendar(CalendarLoaded::Imported(e())),
            Loaded::LastBackup(e()),
            Loaded::Replica(e()),
            Loaded::PagesChecked(e()),
        ]
    }

    #[test]
    fn an_error_of_every_load_counts_as_an_error() {
        let errors = every_error();
        let names: std::collections::BTreeSet<&str> = errors.iter().map(name).collect();
        assert_eq!(names.len(), RESULTS, "one error of each result: {names:?}");
        let passed: Vec<&str> = errors.iter().filter(|l| !failed(l)).map(name).collect();
        assert!(passed.is_empty(), "errors counted as success: {passed:?}");
        // Each registered view names an error of each of its results (`Loaded::every_error`,
        // matched with no catch-all in the view's own `failed`).
        let views = crate::ui::views::Views::every_error();
        assert!(views.len() >= 2, "{views:?}");
        let passed: Vec<String> =
            views.into_iter().filter(|(_, l)| !failed(&Loaded::View(l.clone()))).map(|(n, _)| n).collect();
        assert!(passed.is_empty(), "errors counted as success: {passed:?}");
    }

    #[test]
    fn tries_back_off_to_ten_seconds() {
        let s: Vec<i64> = (0..7).map(|t| backoff(t).num_seconds()).collect();
        assert_eq!(s, [1, 2, 4, 8, 10, 10, 10]);
        assert_eq!(span(Duration::seconds(7)), "7s");
        assert_eq!(span(Duration::seconds(125)), "2m 05s");
        assert_eq!(span(Duration::seconds(3780)), "1h 03m");
    }
}
