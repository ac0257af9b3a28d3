//! The console's state and its one update function: a message (a key, a mouse event, a loaded
//! result) changes the state and may ask for effects (a query, a copy to the clipboard). Nothing
//! here waits, draws or touches the database.

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui_textarea::TextArea;

use super::keymap::{Action, Key, Keymap, Layer};
use super::layout;
pub use super::paged::Cursor;
use super::text::{Ambiguous, SearchKey};
use crate::domain::assessment::Period;
use crate::domain::{MarkKind, RetractionReason};
use crate::store::{Marking, NewMark, Restoration, Site, Withdrawal};
use crate::t;

mod backup;
mod calendar;
mod command;
mod confirm;
mod front;
mod health;
mod input;
mod links;
mod loaded;
pub mod replica;
mod sanitised;
mod sites;
mod withdraw;
pub use super::views::findings::WaiveForm;
pub use super::views::queue::{ItemFindings, Reviewing, waited, waiting};
pub use super::views::scores::{Field, IncidentForm, ReverseForm};
pub use backup::BackupWatch;
pub use calendar::{CalendarLoad, CalendarLoaded};
pub use command::commands;
pub use front::Tab;
pub use health::{Identity, Link, Lost, Whoami, Written, not_sent};
pub use links::pages_said;
pub use sanitised::sanitised;
pub(crate) use withdraw::mark_overlay;
pub(crate) use withdraw::opened_item;

use super::views::scores::ScoresView;
use super::views::{Ask, Cx, Event, View, Views};

/// A query for a task to run.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Withdrawing items, in one transaction.
    Retract { items: Vec<i64>, reason: RetractionReason },
    /// Marking online items instead of withdrawing them, in one transaction.
    Mark { items: Vec<i64>, mark: NewMark },
    /// Putting withdrawn items back online where they were (by their withdrawal records' ids).
    Restore { withdrawals: Vec<i64> },
    /// Declining a retraction request.
    Decline { request: i64, reason: String },
    /// A registered view's own query (`ui::views`).
    View(super::views::Load),
    /// Is the database still there, and what is its change mark (the newest audit record's id)?
    Ping,
    /// Who the console acts as (`Store::whoami`).
    Whoami,
    /// The holiday notices the calendar holds; reading a notice; importing it.
    Calendar(CalendarLoad),
    /// When the last backup was made.
    LastBackup,
    /// Whether the database is a hot standby, and how far behind its primary (`app::replica`).
    Replica,
    /// After a withdrawal: the withdrawn items' public pages checked, and what still points at
    /// them (`usecase::links::after_withdrawal`), with the `[links]` settings of config.toml.
    CheckPages { items: Vec<i64>, settings: crate::reports::links::Settings },
}

/// What a query brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A registered view's own result (`ui::views`).
    View(super::views::Loaded),
    /// What a withdrawal did.
    Withdrawn(Result<Withdrawal, String>),
    /// What marking did, with the mark asked for.
    Marked(MarkKind, Result<Marking, String>),
    /// What restoring withdrawn items did.
    Restored(Result<Restoration, String>),
    Declined(Result<(), String>),
    /// The change mark.
    Ping(Result<i64, String>),
    Whoami(Result<Whoami, String>),
    Calendar(CalendarLoaded),
    /// When the last backup was made (`None`: never).
    LastBackup(Result<Option<DateTime<Utc>>, String>),
    /// The hot standby read from and how far behind it is (`None`: not a standby).
    Replica(Result<Option<crate::store::ReplicaState>, String>),
    /// What the check after a withdrawal found.
    PagesChecked(Result<crate::reports::links::AfterWithdrawal, String>),
}

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A query's result, with the request's number.
    Loaded(u64, Loaded),
    /// Time passes (the spinner turns; the connection is checked now and then; waiting times grow).
    Tick(DateTime<Utc>),
    /// The terminal or the session is going away (SIGHUP, SIGTERM): why, as a key of the catalogs
    /// (`hangup-…`).
    Hangup(&'static str),
    /// A query failed because the database could not be reached (why, in one line).
    Lost(String),
    /// One of this console's writes came back: what each transaction it committed wrote to the
    /// audit trail (none: it failed, or wrote nothing).
    OwnChange(Vec<Written>),
    /// The database says something changed (PostgreSQL NOTIFY): check the change mark now.
    Notified,
    /// How far a long query has gone, with the request's number: done, of.
    Progress(u64, usize, usize),
}

/// What the update asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load(u64, Load),
    /// Put text on the user's clipboard (OSC 52).
    Copy(String),
    /// Run every query from now on against this site (the overview's Enter, `:site CODE`).
    Enter(Site),
}

/// The connection as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    Connected,
    Lost(Lost),
}

/// What is open over the view.
#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    /// The help, paged.
    Help(Box<super::views::help::Pager>),
    /// The status line's messages of this session (`:messages`), paged.
    Messages(Box<super::views::help::Pager>),
    /// A record shown whole (an audit entry).
    Record(String),
    /// A question before a write.
    Confirm {
        text: String,
        then: Confirmed,
    },
    /// The mark to put on items instead of withdrawing them, and the document that replaces them.
    Mark {
        items: Vec<(i64, String)>,
        kind: MarkKind,
        replaced_by: Box<TextArea<'static>>,
        /// Its write could not be sent (the database cannot be reached): the form says so.
        not_sent: bool,
    },
    Copy,
    Filter(Box<TextArea<'static>>),
    Command {
        input: Box<TextArea<'static>>,
        /// Completions for what is typed, and which one Tab will take next.
        completions: Vec<String>,
        next: usize,
    },
}

impl Overlay {
    /// The write the confirmation open is for, if one is open.
    pub fn confirming(&self) -> Option<&Confirmed> {
        if let Overlay::Confirm { then, .. } = self { Some(then) } else { None }
    }
}

/// The write a confirmation is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// The item under review.
    Publish,
    /// The marked items of the queue.
    PublishMarked,
    /// Withdraw a request's item, for the request's reason.
    Withdraw { item: i64, reason: RetractionReason },
    /// Withdraw items chosen in a column or opened (id, title), for a reason that can be changed
    /// until Enter.
    WithdrawItems { items: Vec<(i64, String)>, reason: RetractionReason },
    /// Put withdrawn items back online (by their withdrawal records' ids).
    Restore { withdrawals: Vec<i64> },
    /// Import a year's holiday notice, read and shown before.
    ImportCalendar(Box<crate::domain::holiday_notice::Notice>),
}

/// What the status line says about the last action, until the next key (`:messages` keeps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    /// Whether it is in the message log yet.
    pub(crate) logged: bool,
}

impl Notice {
    pub fn new(text: impl Into<String>, error: bool) -> Notice {
        Notice { text: text.into(), error, logged: false }
    }
}

/// A message the status line said, kept for `:messages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub at: DateTime<Utc>,
    pub text: String,
    pub error: bool,
}

/// Messages kept for `:messages`, at most.
pub const MESSAGES_KEPT: usize = 500;

/// The whole console.
pub struct App {
    pub keymap: Keymap,
    pub ambiguous: Ambiguous,
    /// The console's styles (`settings` theme and colours).
    pub theme: crate::ui::widgets::Theme,
    pub site_name: String,
    /// The site's code (the status line names the site by it beside its name).
    pub site_code: String,
    /// Whether the operator works in several sites (a supervisor: every site): the tab bar shows
    /// the overview of the sites.
    pub several_sites: bool,
    pub operator: String,
    pub database: String,
    pub health: Health,
    /// Who the console acts as, the change mark, the checks running.
    pub link: Link,
    pub notice: Option<Notice>,
    /// Every message the status line said this session, oldest first (`:messages`).
    pub messages: Vec<Said>,
    /// Where the database, the settings and the log are (label, where), for the help.
    pub places: Vec<(String, String)>,
    /// Whether the console takes the mouse (`mouse` in the settings), as the help says it.
    pub mouse: bool,
    /// The day staleness is evaluated as of (Beijing time).
    pub at: NaiveDate,
    pub tab: Tab,
    /// The views registered in `ui::views`, each with its own state.
    pub views: Views,
    /// What the working-day calendar holds (`:calendar`, the status line's warning).
    pub calendar: Option<crate::reports::calendar::CalendarStatus>,
    /// Backups, for the status line, once watched (`watch_backups`).
    pub backup: Option<BackupWatch>,
    /// The hot standby read from, for the status line, once watched (`watch_replica`).
    pub replica: Option<replica::ReplicaWatch>,
    /// A holiday notice being read, before the question to import it.
    pub calendar_preview: Option<u64>,
    /// A withdrawal, mark, restore or decline running.
    pub retraction_write: Option<u64>,
    /// The check of the withdrawn items' public pages running (`app::links`).
    pub pages_check: Option<u64>,
    /// How many of its pages it has fetched, of how many, as it last said.
    pub pages_fetched: Option<(usize, usize)>,
    /// The `[links]` settings that check uses.
    pub link_settings: Result<crate::reports::links::Settings, String>,
    pub overlay: Overlay,
    pub size: (u16, u16),
    pub ticks: u64,
    /// The time as of the last tick (how long queue items have waited).
    pub now: DateTime<Utc>,
    pub quit: bool,
    next_request: u64,
}

/// What the console is opened on.
pub struct Setup {
    pub keymap: Keymap,
    pub ambiguous: Ambiguous,
    /// The console's styles (`settings` theme and colours).
    pub theme: crate::ui::widgets::Theme,
    pub site_name: String,
    pub site_code: String,
    pub operator: String,
    pub database: String,
    /// The time the console opened (the day staleness is first evaluated as of, in Beijing).
    pub now: DateTime<Utc>,
    pub size: (u16, u16),
    /// The tab in front as it opens (`Tab::at_start`).
    pub tab: Tab,
    /// The change mark read before any of the console's queries ran (`None`: it could not be
    /// read): the first screens hold every change up to it, so the first check's mark, if higher,
    /// is a change to load (`health`).
    pub change_mark: Option<i64>,
}

impl App {
    /// The console, with the first queries to run.
    pub fn new(setup: Setup) -> (App, Vec<Effect>) {
        let period = Period::quarter_of(crate::domain::time::beijing_date(setup.now));
        let mut app = App {
            keymap: setup.keymap,
            ambiguous: setup.ambiguous,
            theme: setup.theme,
            site_name: setup.site_name,
            site_code: setup.site_code,
            several_sites: false,
            operator: setup.operator,
            database: setup.database,
            health: Health::Connected,
            link: Link { seen: setup.change_mark, ..Link::default() },
            notice: None,
            messages: Vec::new(),
            places: Vec::new(),
            mouse: true,
            at: crate::domain::time::beijing_date(setup.now),
            now: setup.now,
            tab: setup.tab,
            views: Views { scores: ScoresView::new(period), ..Views::default() },
            calendar: None,
            calendar_preview: None,
            backup: None,
            replica: None,
            retraction_write: None,
            pages_check: None,
            pages_fetched: None,
            link_settings: Ok(crate::reports::links::Settings::built_in()),
            overlay: Overlay::None,
            size: setup.size,
            ticks: 0,
            quit: false,
            next_request: 0,
        };
        let mut effects = Vec::new();
        // The tab in front loads what it shows.
        app.switch(app.tab, &mut effects);
        app.ask_whoami(&mut effects);
        app.load_calendar_status(&mut effects);
        (app, effects)
    }

    fn request(&mut self, load: Load, effects: &mut Vec<Effect>) -> u64 {
        super::views::request(&mut self.next_request, &mut self.link.writing, effects, load)
    }

    /// The registered views, with the shared state they see and what they may ask of the console.
    fn parts<'a>(&'a mut self, effects: &'a mut Vec<Effect>) -> (&'a mut Views, Cx<'a>, Ask<'a>) {
        let areas = self.areas();
        let height = usize::from(areas.rows.height);
        let cx = Cx {
            keymap: &self.keymap,
            ambiguous: self.ambiguous,
            at: self.at,
            now: self.now,
            height,
            size: self.size,
            areas,
            tab: self.tab,
        };
        let ask = Ask {
            effects,
            next_request: &mut self.next_request,
            writing: &mut self.link.writing,
            notice: &mut self.notice,
            overlay: &mut self.overlay,
            events: Vec::new(),
        };
        (&mut self.views, cx, ask)
    }

    /// Runs `f` on every registered view, in the order they are registered.
    fn each_view(&mut self, effects: &mut Vec<Effect>, f: impl Fn(&mut dyn View, &Cx, &mut Ask)) {
        let (views, cx, mut ask) = self.parts(effects);
        for view in views.all_mut() {
            f(view, &cx, &mut ask);
        }
        for event in std::mem::take(&mut ask.events) {
            self.event(event, effects);
        }
    }

    /// What a view asked of the console beyond itself.
    fn event(&mut self, event: Event, effects: &mut Vec<Effect>) {
        match event {
            Event::Withdraw(items) => self.ask_withdrawal(items),
            Event::Waive { item, finding, waived } => {
                let (views, _, mut ask) = self.parts(effects);
                views.findings.ask_waiver(item, &finding, waived.as_deref(), &mut ask);
            }
            Event::Incident { unit, item, title, finding } => {
                let (views, cx, mut ask) = self.parts(effects);
                views.scores.incident_from(unit, item, title, &finding, &cx, &mut ask);
            }
            Event::Decline { request, reason } => self.write(Load::Decline { request, reason }, effects),
            Event::Enter(site) => self.enter(site, effects),
            Event::OpenColumn(id) => {
                self.switch(Tab::Columns, effects);
                let (views, cx, mut ask) = self.parts(effects);
                views.columns.show_column(id, &cx, &mut ask);
            }
            Event::Rectify(draft) => {
                let (views, _, _) = self.parts(effects);
                views.orders.draft(*draft);
            }
            Event::Waived { item } => {
                let (views, _, mut ask) = self.parts(effects);
                views.queue.waived(item, &mut ask);
            }
            Event::Audited => self.with_view(Tab::Audit, effects, |v, cx, ask| v.reload(cx, ask)),
        }
    }

    /// Runs `f` on the view of `tab`.
    fn with_view<R>(
        &mut self,
        tab: Tab,
        effects: &mut Vec<Effect>,
        f: impl FnOnce(&mut dyn View, &Cx, &mut Ask) -> R,
    ) -> R {
        let (views, cx, mut ask) = self.parts(effects);
        let done = f(views.of_mut(tab), &cx, &mut ask);
        for event in std::mem::take(&mut ask.events) {
            self.event(event, effects);
        }
        done
    }

    /// Whether a query the user waits on is running (the spinner turns).
    pub fn busy(&self) -> bool {
        self.views.all().iter().any(|v| v.busy()) || self.retraction_write.is_some()
    }

    /// The layer of bindings in effect.
    pub fn layer(&self) -> Layer {
        match self.overlay {
            Overlay::Copy => Layer::Copy,
            Overlay::Confirm { .. } => Layer::Confirm,
            Overlay::Mark { .. } => Layer::Mark,
            // A view's form (an incident's) has its own keys.
            Overlay::None => self
                .question()
                .and_then(|tab| self.views.of(tab).question_layer())
                .unwrap_or_else(|| self.views.of(self.tab).layer()),
            // No keys of their own in the keymap: the view's layer.
            Overlay::Help(_)
            | Overlay::Messages(_)
            | Overlay::Record(_)
            | Overlay::Filter(_)
            | Overlay::Command { .. } => self.views.of(self.tab).layer(),
        }
    }

    /// The view whose question is open (`Views::asking`), if one is.
    pub fn question(&self) -> Option<Tab> {
        self.views.asking(self.tab)
    }

    /// Where things are on the screen at the current size.
    pub fn areas(&self) -> layout::Areas {
        let documents = self.views.of(self.tab).documents();
        layout::Areas::new(self.size, documents > 0, documents)
    }

    /// Rows a list shows at the current size.
    pub fn list_height(&self) -> usize {
        usize::from(self.areas().rows.height)
    }

    /// Says where things live (in the help), and on a first run says so on the status line.
    pub fn set_places(&mut self, places: Vec<(String, String)>, first_run: bool) {
        self.places = places;
        if first_run {
            self.tell(t!("welcome", key = self.keymap.key_name(Layer::Global, Action::Help)));
            self.log_notice();
        }
    }

    /// A warning about the session itself (how the database was reached), on the status line.
    /// Kept for `:messages` at once, as a message said in `update` is: a key may clear it first.
    pub fn warn_at_start(&mut self, text: String) {
        self.warn(text);
        self.log_notice();
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::new(text, false));
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::new(text, true));
    }

    /// Keeps the status line's message, once, for `:messages`.
    fn log_notice(&mut self) {
        if let Some(n) = self.notice.as_mut().filter(|n| !n.logged) {
            n.logged = true;
            self.messages.push(Said { at: self.now, text: n.text.clone(), error: n.error });
            if self.messages.len() > MESSAGES_KEPT {
                self.messages.remove(0);
            }
        }
    }

    /// Handles one message.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = Vec::new();
        match msg {
            Msg::Key(key) => self.key(key, &mut effects),
            Msg::Mouse(mouse) => self.mouse(mouse, &mut effects),
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.fit_cursors();
            }
            // Everything the database sends is made safe to show here, once (`ui::sanitise`).
            Msg::Loaded(id, loaded) => self.loaded(id, sanitised(loaded), &mut effects),
            Msg::Tick(now) => {
                self.ticks += 1;
                self.now = now;
                self.link_tick(&mut effects);
                self.replica_tick(&mut effects);
            }
            Msg::Hangup(why) => {
                self.tell(t!("closing", why = crate::i18n::text(why, None)));
                self.quit = true;
            }
            Msg::Lost(reason) => self.connection_lost(super::sanitise::line(&reason)),
            Msg::OwnChange(wrote) => self.own_change(wrote, &mut effects),
            Msg::Notified => self.notified(&mut effects),
            Msg::Progress(id, done, of) => self.pages_progress(id, done, of),
        }
        self.log_notice();
        effects
    }

    fn fit_cursors(&mut self) {
        let height = self.list_height();
        for view in self.views.all_mut() {
            view.fit(height);
        }
    }
}

/// Whether the result numbered `id` is the one `waiting` waits for; if so it waits no more.
pub(crate) fn arrived(waiting: &mut Option<u64>, id: u64) -> bool {
    let wanted = *waiting == Some(id);
    if wanted {
        *waiting = None;
    }
    wanted
}

/// A key typed into a text input, with the readline keys a shell user's fingers know: Ctrl-u kills
/// the line before the cursor (the input's own Ctrl-u would undo), Ctrl-a and Ctrl-e go to its
/// start and end, Ctrl-w and Alt-Backspace delete a word, Ctrl-k kills to the end, Alt-f goes to
/// the end of the next word and Alt-b to the start of the one before, as readline's do (the
/// input's own Alt-f stops at the start of the next word).
pub(crate) fn edit(input: &mut TextArea<'static>, event: KeyEvent) {
    use crossterm::event::KeyModifiers;
    match (event.code, event.modifiers) {
        (KeyCode::Char('u'), KeyModifiers::CONTROL) => {
            input.delete_line_by_head();
        }
        (KeyCode::Char('f'), KeyModifiers::ALT) => to_word(input, true),
        (KeyCode::Char('b'), KeyModifiers::ALT) => to_word(input, false),
        _ => {
            input.input(event);
        }
    }
}

/// The cursor to the end of the next word (`forward`) or the start of the one before, readline's
/// way: a word is letters and digits, Chinese characters among them.
fn to_word(input: &mut TextArea<'static>, forward: bool) {
    let (row, col) = (input.cursor().0, input.cursor().1);
    let line: Vec<char> = input.lines().get(row).map_or_else(Vec::new, |l| l.chars().collect());
    let word = |c: char| c.is_alphanumeric();
    let mut at = col.min(line.len());
    if forward {
        while at < line.len() && !word(line[at]) {
            at += 1;
        }
        while at < line.len() && word(line[at]) {
            at += 1;
        }
    } else {
        while at > 0 && !word(line[at - 1]) {
            at -= 1;
        }
        while at > 0 && word(line[at - 1]) {
            at -= 1;
        }
    }
    input.cancel_selection();
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    input.move_cursor(ratatui_textarea::CursorMove::Jump(clamp(row), clamp(at)));
}

/// A one-line text input holding `text`, its cursor at the end.
pub(crate) fn single_line(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

#[cfg(test)]
mod tests;
