//! The console's state and its one update function: a message (a key, a mouse event, a loaded
//! result) changes the state and may ask for effects (a query, a copy to the clipboard). Nothing
//! here waits, draws or touches the database.

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui_textarea::TextArea;

use super::columns::{ColumnEntry, ColumnTree, Line};
use super::keymap::{Action, Key, Keymap, Layer};
use super::layout;
use super::paged::{Paged, Row};
use super::text::{Ambiguous, SearchKey};
use crate::domain::assessment::Period;
use crate::domain::inspection::Indicator;
use crate::domain::review::{Checks, Decision};
use crate::domain::{MarkKind, RetractionReason};
use crate::reports::{DocumentReportRow, ScoreRow};
use crate::store::{
    AuditEntry, ExportedItem, HistoryEntry, ItemSummary, Marking, NewMark, QueueItem, RetractionRequest, Transition,
    Withdrawal, WithdrawalRow,
};

mod bulk;
mod calendar;
mod findings;
mod health;
mod inspection;
mod queue;
mod retractions;
mod scores;
mod withdraw;
mod withdrawn;
pub use bulk::Marks;
pub use calendar::{CalendarLoad, CalendarLoaded};
pub use findings::{FindingRow, FindingsView, ItemFindings, WaiveForm, finding_rows};
pub use health::{Identity, Link, Lost, Whoami};
pub use inspection::InspectionView;
pub use queue::{QueueView, Reviewing, waited, waiting};
pub use scores::{
    AssessmentLoad, AssessmentLoaded, Explanation, Field, IncidentForm, Part, ReverseForm, ScoresView, Section,
    UnitView, period_words, signed,
};
pub use withdrawn::{LATEST, request_times};

/// A query for a task to run.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Every column with its staleness as of a day, and its units.
    Columns {
        at: NaiveDate,
    },
    /// A page of a column's online items, before a key.
    ColumnItems {
        column_id: i64,
        before: Option<(DateTime<Utc>, i64)>,
    },
    /// A column's online count and the documents due in it, as of a day.
    ColumnHead {
        column_id: i64,
        at: NaiveDate,
    },
    Item {
        id: i64,
    },
    Scores {
        period: Period,
    },
    /// The items awaiting a decision.
    Queue,
    /// The pending retraction requests.
    Retractions,
    /// A review decision on an item at the version it was read.
    Review {
        item: i64,
        version: i64,
        decision: Decision,
    },
    /// Publishing an approved item at the version it was read.
    Publish {
        item: i64,
        version: i64,
    },
    /// Publishing several approved items (id, version), each in its own transaction.
    PublishMany {
        items: Vec<(i64, i64)>,
    },
    /// Every item online in a column that went online there before an instant.
    ColumnBefore {
        column_id: i64,
        before: DateTime<Utc>,
    },
    /// Withdrawing items, in one transaction.
    Retract {
        items: Vec<i64>,
        reason: RetractionReason,
    },
    /// Marking online items instead of withdrawing them, in one transaction.
    Mark {
        items: Vec<i64>,
        mark: NewMark,
    },
    /// Putting a withdrawn item back online where it was.
    Restore {
        item: i64,
    },
    /// The latest withdrawals, newest first.
    Withdrawals,
    /// Declining a retraction request.
    Decline {
        request: i64,
        reason: String,
    },
    /// A page of the audit trail, newest first, before an id.
    Audit {
        before: Option<i64>,
    },
    /// Is the database still there, and what is its change mark (the newest audit record's id)?
    Ping,
    /// Who the console acts as (`Store::whoami`).
    Whoami,
    /// A unit's score explained, an incident recorded or corrected, the bulletin written.
    Assessment(AssessmentLoad),
    /// The national check's single-veto indicators as of a day, by the rules in effect.
    Inspection {
        at: NaiveDate,
    },
    /// The content checks' findings on every online item, newest first.
    Findings,
    /// The content checks' findings on one item, each with the waiver that covers it.
    ItemFindings {
        id: i64,
    },
    /// Waiving a finding on an item (its kind and the text found), with a reason.
    Waive {
        item: i64,
        kind: String,
        text: String,
        reason: String,
    },
    /// The holiday notices the calendar holds; reading a notice; importing it.
    Calendar(CalendarLoad),
}

/// What a query brought back (an error as one line).
#[derive(Debug, Clone)]
pub enum Loaded {
    Columns(Result<Vec<ColumnEntry>, String>),
    ColumnItems(Result<Vec<ItemSummary>, String>),
    ColumnHead(Result<(i64, Vec<DocumentReportRow>), String>),
    Item(Result<Box<(ExportedItem, Vec<HistoryEntry>)>, String>),
    Scores(Result<Vec<ScoreRow>, String>),
    Audit(Result<Vec<AuditEntry>, String>),
    Queue(Result<Vec<QueueItem>, String>),
    Retractions(Result<Vec<RetractionRequest>, String>),
    ColumnBefore(Result<Vec<ItemSummary>, String>),
    Withdrawals(Result<Vec<WithdrawalRow>, String>),
    /// What a withdrawal did.
    Withdrawn(Result<Withdrawal, String>),
    /// What marking did, with the mark asked for.
    Marked(MarkKind, Result<Marking, String>),
    /// What restoring an item did (`None`: it was not withdrawn).
    Restored(i64, Result<Option<Transition>, String>),
    Declined(Result<(), String>),
    /// What a review decision or a publication did.
    Decided(Result<Transition, String>),
    /// What publishing several items did, item by item.
    PublishedMany(Vec<Result<Transition, String>>),
    /// The change mark.
    Ping(Result<i64, String>),
    Whoami(Result<Whoami, String>),
    Assessment(AssessmentLoaded),
    Inspection(Result<Vec<Indicator>, String>),
    Findings(Result<Vec<FindingRow>, String>),
    /// An item's findings, each with the waiver that covers it.
    ItemFindings(i64, Result<Vec<(crate::domain::checks::Finding, Option<String>)>, String>),
    /// What waiving a finding on an item did.
    Waived(i64, Result<(), String>),
    Calendar(CalendarLoaded),
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
    /// The terminal or the session is going away (SIGHUP, SIGTERM).
    Hangup(&'static str),
    /// A query failed because the database could not be reached (why, in one line).
    Lost(String),
    /// One of this console's writes came back: the change mark just after it, if it could be read.
    OwnChange(Option<i64>),
    /// The database says something changed (PostgreSQL NOTIFY): check the change mark now.
    Notified,
}

/// What the update asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load(u64, Load),
    /// Put text on the user's clipboard (OSC 52).
    Copy(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Queue,
    Columns,
    Retractions,
    Scores,
    Audit,
    Withdrawn,
    Inspection,
    Findings,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Queue,
        Tab::Columns,
        Tab::Retractions,
        Tab::Scores,
        Tab::Audit,
        Tab::Withdrawn,
        Tab::Inspection,
        Tab::Findings,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Queue => "Queue",
            Tab::Columns => "Columns",
            Tab::Retractions => "Retractions",
            Tab::Scores => "Scores",
            Tab::Audit => "Audit",
            Tab::Withdrawn => "Withdrawn",
            // Short: seven tabs fit in 80 columns.
            Tab::Inspection => "Inspect",
            Tab::Findings => "Findings",
        }
    }

    /// The tabs' labels in a tab bar `width` cells wide: ` 1 Queue ` each, or, when they do not
    /// all fit, ` 1 Queue` with the longest title shortened.
    pub fn labels(width: u16) -> Vec<String> {
        let full: Vec<String> =
            Tab::ALL.iter().enumerate().map(|(n, t)| format!(" {} {} ", n + 1, t.title())).collect();
        if full.iter().map(String::len).sum::<usize>() <= usize::from(width) {
            return full;
        }
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(n, t)| format!(" {} {}", n + 1, if *t == Tab::Retractions { "Retract." } else { t.title() }))
            .collect()
    }
}

impl Row for ItemSummary {
    type Key = (DateTime<Utc>, i64);

    fn key(&self) -> Self::Key {
        (self.online_since, self.id)
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.title, self.unit.as_deref().unwrap_or("")])
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
}

impl Row for AuditEntry {
    type Key = i64;

    fn key(&self) -> i64 {
        self.id
    }

    fn search(&self) -> SearchKey {
        // Its Beijing time too, so that typing a day (2026-11-28) keeps that day's records.
        let at = crate::domain::time::format_time(self.at, false);
        SearchKey::new(&[&self.operator, &self.action, &self.target, &self.detail, &at])
    }
}

/// The connection as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    Connected,
    Lost(Lost),
}

/// A list's cursor: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection inside a window of `height` rows.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.show(len, height);
    }

    /// Keeps the selection visible.
    pub fn show(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// The column tree tab.
#[derive(Debug, Default)]
pub struct ColumnsView {
    pub tree: Option<ColumnTree>,
    pub lines: Vec<Line>,
    pub cursor: Cursor,
    pub filter: String,
    pub waiting: Option<u64>,
    pub error: Option<String>,
}

impl ColumnsView {
    fn relayout(&mut self, height: usize) {
        let selected = self.selected_entry().map(|e| e.id);
        self.relayout_to(height, selected);
    }

    /// Recomputes the lines, keeping the selection on column `selected_id` if it is shown.
    fn relayout_to(&mut self, height: usize, selected_id: Option<i64>) {
        self.lines = self.tree.as_ref().map(|t| t.lines(&self.filter)).unwrap_or_default();
        // The selection stays on its column when the lines change (refresh, filter, mode).
        if let Some(id) = selected_id
            && let Some(i) = self
                .lines
                .iter()
                .position(|l| matches!(l, Line::Column { index, .. } if self.tree.as_ref().is_some_and(|t| t.entries[*index].id == id)))
            {
                self.cursor.selected = i;
            }
        self.cursor.show(self.lines.len(), height);
    }

    pub fn selected_entry(&self) -> Option<&ColumnEntry> {
        let tree = self.tree.as_ref()?;
        match self.lines.get(self.cursor.selected)? {
            Line::Column { index, .. } => tree.entries.get(*index),
            Line::Unit { .. } => None,
        }
    }

    fn selected_index(&self) -> Option<usize> {
        match self.lines.get(self.cursor.selected)? {
            Line::Column { index, .. } => Some(*index),
            Line::Unit { .. } => None,
        }
    }
}

/// One column opened: its online items and the documents due in it.
#[derive(Debug)]
pub struct ColumnView {
    pub column: ColumnEntry,
    pub items: Paged<ItemSummary>,
    pub count: Option<i64>,
    pub documents: Vec<DocumentReportRow>,
    pub waiting_head: Option<u64>,
    /// The items marked to be withdrawn (or marked 已废止 …) together.
    pub marks: Marks,
    /// "Everything before a day" being looked up: the request and the day.
    pub older: Option<(u64, NaiveDate)>,
}

/// One item, whole.
#[derive(Debug)]
pub struct ItemView {
    pub id: i64,
    pub item: Option<(ExportedItem, Vec<HistoryEntry>)>,
    pub scroll: u16,
    pub waiting: Option<u64>,
    pub error: Option<String>,
}

/// What is open over the view.
#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: u16,
    },
    /// A record shown whole (an audit entry).
    Record(String),
    /// The reason for a rejection, with the checks that failed.
    Reason {
        input: Box<TextArea<'static>>,
        failed: Checks,
    },
    /// A question before a write.
    Confirm {
        text: String,
        then: Confirmed,
    },
    /// The reason for declining a retraction request.
    Decline {
        input: Box<TextArea<'static>>,
        request: i64,
    },
    /// The day before which everything that went online in the open column is to be marked.
    Before(Box<TextArea<'static>>),
    /// The mark to put on items instead of withdrawing them, and the document that replaces them.
    Mark {
        items: Vec<(i64, String)>,
        kind: MarkKind,
        replaced_by: Box<TextArea<'static>>,
    },
    /// An incident being recorded against a unit.
    Incident(Box<IncidentForm>),
    /// An incident being corrected, with why.
    Reverse(Box<ReverseForm>),
    /// The reason a finding of the content checks is waived.
    Waive(Box<WaiveForm>),
    Copy,
    Filter(Box<TextArea<'static>>),
    Command {
        input: Box<TextArea<'static>>,
        /// Completions for what is typed, and which one Tab will take next.
        completions: Vec<String>,
        next: usize,
    },
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
    /// Put a withdrawn item back online.
    Restore { item: i64 },
    /// Import a year's holiday notice, read and shown before.
    ImportCalendar(Box<crate::domain::holiday_notice::Notice>),
}

/// What the status line says about the last action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// The whole console.
pub struct App {
    pub keymap: Keymap,
    pub ambiguous: Ambiguous,
    pub mono: bool,
    pub site_name: String,
    pub operator: String,
    pub database: String,
    pub health: Health,
    /// Who the console acts as, the change mark, the checks running.
    pub link: Link,
    pub notice: Option<Notice>,
    /// Where the database, the settings and the log are (label, where), for the help.
    pub places: Vec<(&'static str, String)>,
    /// The day staleness is evaluated as of (Beijing time).
    pub at: NaiveDate,
    pub tab: Tab,
    pub columns: ColumnsView,
    /// What is open above the column tree: a column, then an item.
    pub column: Option<ColumnView>,
    pub item: Option<ItemView>,
    pub scores: ScoresView,
    pub audit: Paged<AuditEntry>,
    pub queue: QueueView,
    /// The pending retraction requests, most urgent first.
    pub retractions: Paged<RetractionRequest>,
    /// The latest withdrawals, newest first.
    pub withdrawals: Paged<WithdrawalRow>,
    /// The national check's single-veto indicators.
    pub inspection: InspectionView,
    /// The content checks' findings on the online items.
    pub findings: FindingsView,
    /// What the working-day calendar holds (`:calendar`, the status line's warning).
    pub calendar: Option<crate::reports::calendar::CalendarStatus>,
    /// A holiday notice being read, before the question to import it.
    pub calendar_preview: Option<u64>,
    /// A withdrawal, mark, restore or decline running.
    pub retraction_write: Option<u64>,
    /// An item opened from the queue for a decision.
    pub reviewing: Option<Reviewing>,
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
    pub mono: bool,
    pub site_name: String,
    pub operator: String,
    pub database: String,
    /// The time the console opened (the day staleness is first evaluated as of, in Beijing).
    pub now: DateTime<Utc>,
    pub size: (u16, u16),
}

/// The commands of the `:` line, with what they take.
pub const COMMANDS: &[(&str, &str)] = &[
    ("columns", "the column tree"),
    ("stale", "columns worst first (only overdue and empty)"),
    ("overdue", "only overdue and empty columns"),
    ("tree", "the whole tree again"),
    ("unit", "NAME: the columns a unit answers for"),
    ("at", "YYYY-MM-DD: staleness as of a day (empty: today)"),
    ("scores", "[2024Q3 | 2024]: the assessment"),
    ("audit", "the audit trail, newest first"),
    ("queue", "items awaiting a decision"),
    ("retractions", "pending retraction requests, most urgent first"),
    ("withdrawn", "the latest withdrawals, to restore one"),
    ("inspect", "the national check's single-veto indicators as of :at's day"),
    ("calendar", "[import FILE]: the holiday notices held; import next year's (shown, then asked)"),
    ("findings", "the content checks' findings on every online item (slow on a large site)"),
    ("refresh", "reload from the database"),
    ("help", "the keys of this view"),
    ("q", "quit"),
    ("quit", "quit"),
];

impl App {
    /// The console, with the first queries to run.
    pub fn new(setup: Setup) -> (App, Vec<Effect>) {
        let period = Period::quarter_of(crate::domain::time::beijing_date(setup.now));
        let mut app = App {
            keymap: setup.keymap,
            ambiguous: setup.ambiguous,
            mono: setup.mono,
            site_name: setup.site_name,
            operator: setup.operator,
            database: setup.database,
            health: Health::Connected,
            link: Link::default(),
            notice: None,
            places: Vec::new(),
            at: crate::domain::time::beijing_date(setup.now),
            now: setup.now,
            tab: Tab::Columns,
            columns: ColumnsView::default(),
            column: None,
            item: None,
            scores: ScoresView::new(period),
            audit: Paged::default(),
            queue: QueueView::default(),
            retractions: Paged::default(),
            withdrawals: Paged::default(),
            inspection: InspectionView::default(),
            findings: FindingsView::default(),
            calendar: None,
            calendar_preview: None,
            retraction_write: None,
            reviewing: None,
            overlay: Overlay::None,
            size: setup.size,
            ticks: 0,
            quit: false,
            next_request: 0,
        };
        let mut effects = Vec::new();
        app.load_columns(&mut effects);
        app.ask_whoami(&mut effects);
        app.load_calendar_status(&mut effects);
        (app, effects)
    }

    fn request(&mut self, load: Load, effects: &mut Vec<Effect>) -> u64 {
        if load.is_write() {
            // Until its change mark comes back (`Msg::OwnChange`).
            self.link.writing += 1;
        }
        self.next_request += 1;
        effects.push(Effect::Load(self.next_request, load));
        self.next_request
    }

    fn load_columns(&mut self, effects: &mut Vec<Effect>) {
        let id = self.request(Load::Columns { at: self.at }, effects);
        self.columns.waiting = Some(id);
    }

    fn load_scores(&mut self, effects: &mut Vec<Effect>) {
        let id = self.request(Load::Scores { period: self.scores.period }, effects);
        self.scores.units.asked(id, None);
    }

    /// Whether a query the user waits on is running (the spinner turns).
    pub fn busy(&self) -> bool {
        self.columns.waiting.is_some()
            || self.scores.busy()
            || self.audit.waiting.is_some()
            || self.queue.items.waiting.is_some()
            || self.queue.publishing.is_some()
            || self.retractions.waiting.is_some()
            || self.withdrawals.waiting.is_some()
            || self.inspection.waiting.is_some()
            || self.findings.list.waiting.is_some()
            || self.findings_busy()
            || self.findings.item.as_ref().is_some_and(|i| i.waiting.is_some())
            || self.retraction_write.is_some()
            || self.reviewing.as_ref().is_some_and(|r| r.deciding.is_some() || r.view.waiting.is_some())
            || self
                .column
                .as_ref()
                .is_some_and(|c| c.items.waiting.is_some() || c.waiting_head.is_some() || c.older.is_some())
            || self.item.as_ref().is_some_and(|i| i.waiting.is_some())
    }

    /// The layer of bindings in effect.
    pub fn layer(&self) -> Layer {
        if matches!(self.overlay, Overlay::Copy) {
            return Layer::Copy;
        }
        if matches!(self.overlay, Overlay::Confirm { .. }) {
            return Layer::Confirm;
        }
        if matches!(self.overlay, Overlay::Mark { .. }) {
            return Layer::Mark;
        }
        if matches!(self.overlay, Overlay::Incident(_) | Overlay::Reverse(_)) {
            return Layer::Incident;
        }
        match self.tab {
            Tab::Queue if self.reviewing.is_some() => Layer::Review,
            Tab::Queue => Layer::Queue,
            Tab::Retractions => Layer::Retractions,
            Tab::Scores => self.scores_layer(),
            Tab::Audit => Layer::Audit,
            Tab::Withdrawn => Layer::Withdrawn,
            Tab::Inspection => Layer::Inspection,
            Tab::Findings => self.findings_layer(),
            Tab::Columns if self.item.is_some() => Layer::Item,
            Tab::Columns if self.column.is_some() => Layer::Column,
            Tab::Columns => Layer::Columns,
        }
    }

    /// Where things are on the screen at the current size.
    pub fn areas(&self) -> layout::Areas {
        layout::Areas::new(
            self.size,
            self.tab == Tab::Columns && self.column.is_some() && self.item.is_none(),
            self.column_documents(),
        )
    }

    /// Rows a list shows at the current size.
    pub fn list_height(&self) -> usize {
        usize::from(self.areas().rows.height)
    }

    fn column_documents(&self) -> usize {
        self.column.as_ref().map_or(0, |c| c.documents.len())
    }

    /// Says where things live (in the help), and on a first run says so on the status line.
    pub fn set_places(&mut self, places: Vec<(&'static str, String)>, first_run: bool) {
        self.places = places;
        if first_run {
            self.tell("Welcome: ? lists the keys of each view and where your database and settings are");
        }
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), error: false });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), error: true });
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
            Msg::Loaded(id, loaded) => self.loaded(id, super::sanitise::loaded(loaded), &mut effects),
            Msg::Tick(now) => {
                self.ticks += 1;
                self.now = now;
                self.link_tick(&mut effects);
            }
            Msg::Hangup(why) => {
                self.tell(format!("{why}: closing"));
                self.quit = true;
            }
            Msg::Lost(reason) => self.connection_lost(super::sanitise::line(&reason)),
            Msg::OwnChange(mark) => self.own_change(mark),
            Msg::Notified => self.notified(&mut effects),
        }
        effects
    }

    fn fit_cursors(&mut self) {
        let height = self.list_height();
        self.columns.cursor.show(self.columns.lines.len(), height);
        if let Some(c) = &mut self.column {
            c.items.cursor.show(c.items.shown.len(), height);
        }
        self.scores.units.cursor.show(self.scores.units.shown.len(), height);
        self.fit_scores(height);
        self.audit.cursor.show(self.audit.shown.len(), height);
        self.queue.items.cursor.show(self.queue.items.shown.len(), height);
        self.retractions.cursor.show(self.retractions.shown.len(), height);
        self.withdrawals.cursor.show(self.withdrawals.shown.len(), height);
        self.inspection.fit(height);
        self.findings.list.cursor.show(self.findings.list.shown.len(), height);
    }

    fn key(&mut self, event: KeyEvent, effects: &mut Vec<Effect>) {
        if event.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        if self.typed_write_refused(event) {
            return;
        }
        // Text inputs take typing first.
        match &mut self.overlay {
            Overlay::Filter(input) => {
                match event.code {
                    KeyCode::Esc => {
                        self.overlay = Overlay::None;
                        self.set_filter(String::new());
                    }
                    KeyCode::Enter => self.overlay = Overlay::None,
                    _ => {
                        input.input(event);
                        let text = input.lines().first().cloned().unwrap_or_default();
                        self.set_filter(text);
                    }
                }
                return;
            }
            Overlay::Command { input, completions, next } => {
                match event.code {
                    KeyCode::Esc => self.overlay = Overlay::None,
                    KeyCode::Enter => {
                        let line = input.lines().first().cloned().unwrap_or_default();
                        self.overlay = Overlay::None;
                        self.command(&line, effects);
                    }
                    KeyCode::Tab => {
                        if let Some(c) = completions.get(*next % completions.len().max(1)).cloned() {
                            **input = single_line(&c);
                            *next += 1;
                        }
                    }
                    _ => {
                        input.input(event);
                        let line = input.lines().first().cloned().unwrap_or_default();
                        let fresh = self.completions(&line);
                        if let Overlay::Command { completions, next, .. } = &mut self.overlay {
                            *completions = fresh;
                            *next = 0;
                        }
                    }
                }
                return;
            }
            Overlay::Reason { .. } => {
                self.reason_key(event, effects);
                return;
            }
            Overlay::Decline { .. } => {
                self.decline_key(event, effects);
                return;
            }
            Overlay::Before(_) => {
                self.before_key(event, effects);
                return;
            }
            Overlay::Mark { .. } => {
                self.mark_key(event, effects);
                return;
            }
            Overlay::Incident(_) | Overlay::Reverse(_) => {
                self.incident_key(event, effects);
                return;
            }
            Overlay::Waive(_) => {
                self.waive_key(event, effects);
                return;
            }
            Overlay::Record(_) => {
                self.overlay = Overlay::None;
                return;
            }
            Overlay::Help { scroll } => {
                let action = self.keymap.action(Layer::Global, Key::from_event(event));
                match action {
                    Some(Action::Down) => *scroll = scroll.saturating_add(1),
                    Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                    Some(Action::Quit) if event.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
                    _ => self.overlay = Overlay::None,
                }
                return;
            }
            _ => {}
        }
        let key = Key::from_event(event);
        match self.keymap.action(self.layer(), key) {
            Some(action) => self.act(action, effects),
            None => {
                if matches!(self.overlay, Overlay::Copy) {
                    self.overlay = Overlay::None;
                }
            }
        }
    }

    fn mouse(&mut self, mouse: MouseEvent, effects: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.act(Action::Down, effects),
            MouseEventKind::ScrollUp => self.act(Action::Up, effects),
            MouseEventKind::Down(MouseButton::Left) => {
                let layout = layout::Areas::new(
                    self.size,
                    self.tab == Tab::Columns && self.column.is_some() && self.item.is_none(),
                    self.column_documents(),
                );
                if mouse.row == layout.tabs.y {
                    // The tab titles: ` 1 Columns  2 Scores `.
                    let mut x = 0u16;
                    for (tab, label) in Tab::ALL.iter().zip(Tab::labels(self.size.0)) {
                        let w = u16::try_from(label.len()).unwrap_or(0);
                        if mouse.column >= x && mouse.column < x + w {
                            self.switch(*tab, effects);
                        }
                        x += w;
                    }
                    return;
                }
                let rows = layout.rows;
                if mouse.row >= rows.y && mouse.row < rows.y + rows.height {
                    let row = usize::from(mouse.row - rows.y);
                    let indicators = self.inspection.list().len();
                    let cursor = match (self.tab, &mut self.column, &self.item) {
                        (Tab::Columns, None, _) => Some((&mut self.columns.cursor, self.columns.lines.len())),
                        (Tab::Columns, Some(c), None) => Some((&mut c.items.cursor, c.items.shown.len())),
                        (Tab::Scores, _, _) if self.scores.unit.is_none() => {
                            Some((&mut self.scores.units.cursor, self.scores.units.shown.len()))
                        }
                        (Tab::Audit, _, _) => Some((&mut self.audit.cursor, self.audit.shown.len())),
                        (Tab::Retractions, _, _) => Some((&mut self.retractions.cursor, self.retractions.shown.len())),
                        (Tab::Withdrawn, _, _) => Some((&mut self.withdrawals.cursor, self.withdrawals.shown.len())),
                        (Tab::Findings, _, _) if self.findings.item.is_none() => {
                            Some((&mut self.findings.list.cursor, self.findings.list.shown.len()))
                        }
                        (Tab::Inspection, _, _) if self.inspection.detail.is_none() => {
                            Some((&mut self.inspection.cursor, indicators))
                        }
                        (Tab::Queue, _, _) if self.reviewing.is_none() => {
                            Some((&mut self.queue.items.cursor, self.queue.items.shown.len()))
                        }
                        _ => None,
                    };
                    if let Some((cursor, len)) = cursor {
                        let target = cursor.offset + row;
                        if target < len {
                            if cursor.selected == target {
                                self.act(Action::Open, effects);
                            } else {
                                cursor.selected = target;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn switch(&mut self, tab: Tab, effects: &mut Vec<Effect>) {
        self.tab = tab;
        if tab == Tab::Scores && !self.scores.units.done && self.scores.units.waiting.is_none() {
            self.load_scores(effects);
        }
        if tab == Tab::Queue && !self.queue.items.done && self.queue.items.waiting.is_none() {
            self.load_queue(effects);
        }
        if tab == Tab::Retractions && !self.retractions.done && self.retractions.waiting.is_none() {
            self.load_retractions(effects);
        }
        if tab == Tab::Audit && self.audit.rows.is_empty() && self.audit.waiting.is_none() {
            self.load_audit(None, effects);
        }
        if tab == Tab::Withdrawn && !self.withdrawals.done && self.withdrawals.waiting.is_none() {
            self.load_withdrawals(effects);
        }
        if tab == Tab::Inspection && !self.inspection.shown() {
            self.load_inspection(effects);
        }
        // Only when opened: on a large site the checks take tens of seconds.
        if tab == Tab::Findings && !self.findings.shown() {
            self.load_findings(effects);
        }
    }

    fn set_filter(&mut self, text: String) {
        let height = self.list_height();
        match (self.tab, &mut self.column, &self.item) {
            (Tab::Columns, None, _) => {
                self.columns.filter = text;
                self.columns.relayout(height);
            }
            (Tab::Columns, Some(c), None) => c.items.set_filter(text, height),
            (Tab::Audit, _, _) => self.audit.set_filter(text, height),
            (Tab::Retractions, _, _) => self.retractions.set_filter(text, height),
            (Tab::Withdrawn, _, _) => self.withdrawals.set_filter(text, height),
            (Tab::Findings, _, _) if self.findings.item.is_none() => self.findings.list.set_filter(text, height),
            (Tab::Scores, _, _) => self.scores.units.set_filter(text, height),
            (Tab::Queue, _, _) if self.reviewing.is_none() => self.queue.items.set_filter(text, height),
            _ => {}
        }
    }

    fn current_filter(&self) -> String {
        match (self.tab, &self.column, &self.item) {
            (Tab::Columns, None, _) => self.columns.filter.clone(),
            (Tab::Columns, Some(c), None) => c.items.filter.clone(),
            (Tab::Audit, _, _) => self.audit.filter.clone(),
            (Tab::Retractions, _, _) => self.retractions.filter.clone(),
            (Tab::Withdrawn, _, _) => self.withdrawals.filter.clone(),
            (Tab::Findings, _, _) if self.findings.item.is_none() => self.findings.list.filter.clone(),
            (Tab::Scores, _, _) => self.scores.units.filter.clone(),
            (Tab::Queue, _, _) if self.reviewing.is_none() => self.queue.items.filter.clone(),
            _ => String::new(),
        }
    }

    /// Runs a named action.
    pub fn act(&mut self, action: Action, effects: &mut Vec<Effect>) {
        if self.write_refused(action) {
            return;
        }
        let height = self.list_height();
        if self.tab == Tab::Queue && self.review_act(action, effects) {
            return;
        }
        if self.tab == Tab::Retractions && self.retraction_act(action) {
            return;
        }
        if self.tab == Tab::Withdrawn && self.withdrawn_act(action) {
            return;
        }
        if self.tab == Tab::Columns && self.bulk_act(action, effects) {
            return;
        }
        if self.tab == Tab::Scores && self.scores_act(action, effects) {
            return;
        }
        if self.tab == Tab::Findings && self.findings_act(action, effects) {
            return;
        }
        match action {
            Action::Noop => {}
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Filter => {
                if self.item.is_none() || self.tab != Tab::Columns {
                    self.overlay = Overlay::Filter(Box::new(single_line(&self.current_filter())));
                }
            }
            Action::Command => {
                self.overlay =
                    Overlay::Command { input: Box::new(single_line("")), completions: self.completions(""), next: 0 };
            }
            Action::Copy => self.overlay = Overlay::Copy,
            Action::CopyId | Action::CopyTitle | Action::CopyLink => {
                self.overlay = Overlay::None;
                let text = if action == Action::CopyLink {
                    self.copy_link()
                } else {
                    self.copy_text(action == Action::CopyId).ok_or("nothing selected to copy")
                };
                match text {
                    Ok(text) => {
                        self.tell(format!("copied {}", super::text::fit(&text, 40)));
                        effects.push(Effect::Copy(text));
                    }
                    Err(why) => self.warn(why),
                }
            }
            Action::Back => self.back(),
            Action::Refresh => self.refresh(effects),
            Action::NextTab | Action::PrevTab => {
                let i = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                let n = Tab::ALL.len();
                let next = if action == Action::NextTab { (i + 1) % n } else { (i + n - 1) % n };
                self.switch(Tab::ALL[next], effects);
            }
            Action::ColumnsTab => self.switch(Tab::Columns, effects),
            Action::ScoresTab => self.switch(Tab::Scores, effects),
            Action::AuditTab => self.switch(Tab::Audit, effects),
            Action::QueueTab => self.switch(Tab::Queue, effects),
            Action::RetractionsTab => self.switch(Tab::Retractions, effects),
            Action::WithdrawnTab => self.switch(Tab::Withdrawn, effects),
            Action::InspectionTab => self.switch(Tab::Inspection, effects),
            Action::FindingsTab => self.switch(Tab::Findings, effects),
            Action::Confirm => self.confirmed(effects),
            Action::NextReason => self.next_reason(),
            Action::MarkInstead => self.mark_instead(),
            Action::Check1
            | Action::Check2
            | Action::Check3
            | Action::Check4
            | Action::Check5
            | Action::Check6
            | Action::Check7
            | Action::AllChecks
            | Action::Approve
            | Action::Reject
            | Action::Publish
            | Action::Mark
            | Action::QueueSort
            | Action::Withdraw
            | Action::Decline
            | Action::PublishMarked
            | Action::MarkRequest
            | Action::ColumnMark
            | Action::ColumnMarkRange
            | Action::ColumnMarkOlder
            | Action::WithdrawItems
            | Action::NextMarkKind
            | Action::Restore
            | Action::PrevPeriod
            | Action::NextPeriod
            | Action::QuarterOrYear
            | Action::RecordIncident
            | Action::WriteBulletin
            | Action::ReverseIncident
            | Action::NextField
            | Action::PreviousField
            | Action::NextKind
            | Action::NextFinding
            | Action::PreviousFinding
            | Action::WaiveFinding => {}
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                self.motion(action, height, effects)
            }
            Action::Open => self.open(effects),
            Action::Expand | Action::Collapse | Action::Toggle | Action::ExpandAll | Action::CollapseAll => {
                self.fold(action, height)
            }
            Action::OnlyOverdue | Action::GroupByUnit | Action::SortOverdue => {
                if let Some(tree) = &mut self.columns.tree {
                    let m = &mut tree.mode;
                    match action {
                        Action::OnlyOverdue => m.only_overdue = !m.only_overdue,
                        Action::GroupByUnit => {
                            m.by_unit = !m.by_unit;
                            m.unit = None;
                        }
                        _ => m.sort_overdue = !m.sort_overdue,
                    }
                    self.columns.relayout(height);
                }
            }
        }
    }

    fn copy_text(&self, id: bool) -> Option<String> {
        match (self.tab, &self.column, &self.item) {
            (Tab::Columns, _, Some(item)) => {
                let title = item.item.as_ref().map(|(i, _)| i.title.clone());
                if id { Some(item.id.to_string()) } else { title }
            }
            (Tab::Columns, Some(c), None) => {
                c.items.selected().map(|i| if id { i.id.to_string() } else { i.title.clone() })
            }
            (Tab::Audit, _, _) => self.audit.selected().map(|e| if id { e.id.to_string() } else { e.detail.clone() }),
            (Tab::Retractions, _, _) => {
                self.retractions.selected().map(|r| if id { r.item.to_string() } else { r.title.clone() })
            }
            (Tab::Withdrawn, _, _) => {
                self.withdrawals.selected().map(|w| if id { w.item.to_string() } else { w.title.clone() })
            }
            (Tab::Columns, None, None) => {
                self.columns.selected_entry().map(|e| if id { e.id.to_string() } else { e.path.clone() })
            }
            (Tab::Scores, _, _) => self.scores_copy(id),
            (Tab::Inspection, _, _) => self.inspection_copy(id),
            (Tab::Findings, _, _) => self.findings_copy(id),
            (Tab::Queue, _, _) => match &self.reviewing {
                Some(r) => Some(if id { r.entry.id.to_string() } else { r.entry.title.clone() }),
                None => self.queue.items.selected().map(|e| if id { e.id.to_string() } else { e.title.clone() }),
            },
        }
    }

    /// The public link of the item open (in a column or under review).
    fn copy_link(&self) -> Result<String, &'static str> {
        let view = match self.tab {
            Tab::Columns => self.item.as_ref(),
            Tab::Queue => self.reviewing.as_ref().map(|r| &r.view),
            Tab::Scores => self.scores.opened_item(),
            Tab::Findings => self.findings.item.as_ref(),
            _ => None,
        };
        let item = view.and_then(|v| v.item.as_ref()).ok_or("open an item to copy its link")?;
        item.0.url.clone().ok_or("this item has no public link (its source system gave none)")
    }

    fn back(&mut self) {
        if !matches!(self.overlay, Overlay::None) {
            self.overlay = Overlay::None;
        } else if !self.current_filter().is_empty() {
            self.set_filter(String::new());
        } else if self.tab == Tab::Queue && self.reviewing.is_some() {
            self.reviewing = None;
        } else if self.tab == Tab::Inspection && self.inspection.detail.is_some() {
            self.inspection.detail = None;
        } else if self.tab == Tab::Columns && self.item.is_some() {
            self.item = None;
        } else if self.tab == Tab::Columns && self.column.as_ref().is_some_and(|c| !c.marks.items.is_empty()) {
            // Marks go before the column does.
            let n = self.column.as_mut().map_or(0, |c| c.marks.clear());
            self.tell(format!("{n} marks cleared"));
        } else if self.tab == Tab::Columns && self.column.is_some() {
            self.column = None;
        } else if let Some(tree) = &mut self.columns.tree
            && tree.mode != Default::default()
        {
            tree.mode = Default::default();
            let height = self.list_height();
            self.columns.relayout(height);
        }
    }

    fn refresh(&mut self, effects: &mut Vec<Effect>) {
        match self.tab {
            Tab::Scores => self.refresh_scores(effects),
            Tab::Audit => self.load_audit(None, effects),
            Tab::Retractions => self.load_retractions(effects),
            Tab::Withdrawn => self.load_withdrawals(effects),
            Tab::Inspection => self.load_inspection(effects),
            Tab::Findings => {
                self.load_findings(effects);
                self.reload_found_item(effects);
            }
            Tab::Queue => {
                self.queue.open_next = self.reviewing.take().map(|r| r.entry.id);
                self.load_queue(effects);
            }
            Tab::Columns => {
                self.load_columns(effects);
                if let Some(c) = &self.column {
                    let column_id = c.column.id;
                    self.open_column_by_id(column_id, effects);
                }
                self.reload_item(effects);
            }
        }
    }

    /// Loads the opened item again (after a refresh or a change to it).
    fn reload_item(&mut self, effects: &mut Vec<Effect>) {
        let Some(id) = self.item.as_ref().map(|i| i.id) else { return };
        let req = self.request(Load::Item { id }, effects);
        if let Some(i) = &mut self.item {
            i.waiting = Some(req);
        }
    }

    fn motion(&mut self, action: Action, height: usize, effects: &mut Vec<Effect>) {
        let page = height.max(1) as isize;
        let delta = |len: usize| -> isize {
            match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown => page,
                Action::PageUp => -page,
                Action::Top => -(len as isize),
                _ => len as isize,
            }
        };
        match (self.tab, &mut self.column, &mut self.item) {
            (Tab::Columns, _, Some(item)) => scroll(item, delta(10_000)),
            (Tab::Queue, _, _) => match &mut self.reviewing {
                Some(r) => scroll(&mut r.view, delta(10_000)),
                None => {
                    let len = self.queue.items.shown.len();
                    self.queue.items.cursor.step(delta(len), len, height);
                }
            },
            (Tab::Columns, Some(c), None) => {
                let len = c.items.shown.len();
                c.items.cursor.step(delta(len), len, height);
                self.more_items(effects);
            }
            (Tab::Retractions, _, _) => {
                let len = self.retractions.shown.len();
                self.retractions.cursor.step(delta(len), len, height);
            }
            (Tab::Withdrawn, _, _) => {
                let len = self.withdrawals.shown.len();
                self.withdrawals.cursor.step(delta(len), len, height);
            }
            (Tab::Audit, _, _) => {
                let len = self.audit.shown.len();
                self.audit.cursor.step(delta(len), len, height);
                if let Some(after) = self.audit.wants_more(height) {
                    self.load_audit(after, effects);
                }
            }
            (Tab::Columns, None, None) => {
                let len = self.columns.lines.len();
                self.columns.cursor.step(delta(len), len, height);
            }
            (Tab::Scores, _, _) => {
                let len = self.scores.units.shown.len();
                self.scores.units.cursor.step(delta(len), len, height);
            }
            (Tab::Inspection, _, _) => self.inspection_step(&delta, height),
            (Tab::Findings, _, _) => {
                let len = self.findings.list.shown.len();
                self.findings.list.cursor.step(delta(len), len, height);
            }
        }
    }

    fn fold(&mut self, action: Action, height: usize) {
        let selected = self.columns.selected_index();
        let Some(tree) = &mut self.columns.tree else { return };
        if action == Action::ExpandAll {
            tree.expand_all();
        } else if action == Action::CollapseAll {
            tree.expanded.clear();
        } else if let Some(index) = selected {
            let id = tree.entries[index].id;
            let open = tree.is_expanded(index);
            match action {
                Action::Expand if tree.has_children(index) => {
                    tree.expanded.insert(id);
                }
                Action::Toggle if tree.has_children(index) => {
                    if open {
                        tree.expanded.remove(&id);
                    } else {
                        tree.expanded.insert(id);
                    }
                }
                Action::Collapse if open && tree.has_children(index) => {
                    tree.expanded.remove(&id);
                }
                Action::Collapse => {
                    // Already closed: go to the parent, as a file tree does.
                    if let Some(parent) = tree.parent_index(index)
                        && let Some(pos) = self
                            .columns
                            .lines
                            .iter()
                            .position(|l| matches!(l, Line::Column { index, .. } if *index == parent))
                    {
                        self.columns.cursor.selected = pos;
                    }
                }
                _ => {}
            }
        }
        self.columns.relayout(height);
    }

    fn open(&mut self, effects: &mut Vec<Effect>) {
        if self.tab == Tab::Queue {
            if self.reviewing.is_none() {
                self.open_review(effects);
            }
            return;
        }
        match (self.tab, &self.column, &self.item) {
            (Tab::Columns, None, _) => {
                let in_tree = matches!(
                    self.columns.lines.get(self.columns.cursor.selected),
                    Some(Line::Column { flat: false, .. })
                );
                let parent = self
                    .columns
                    .selected_index()
                    .is_some_and(|i| self.columns.tree.as_ref().is_some_and(|t| t.has_children(i)));
                if in_tree && parent {
                    // A column with columns below it opens and closes, as a folder in a file tree.
                    self.fold(Action::Toggle, self.list_height());
                } else if let Some(id) = self.columns.selected_entry().map(|e| e.id) {
                    self.open_column_by_id(id, effects);
                } else if let Some(Line::Unit { .. }) = self.columns.lines.get(self.columns.cursor.selected) {
                    self.columns.cursor.step(1, self.columns.lines.len(), self.list_height());
                }
            }
            (Tab::Inspection, _, _) => self.open_inspection(),
            (Tab::Retractions, _, _) => {
                if let Some(r) = self.retractions.selected() {
                    let at = crate::domain::time::format_time(r.requested_at, false);
                    self.overlay = Overlay::Record(format!(
                        "request #{}  {at}\nitem      {}  {}\nunit      {}\nreason    {}\ncolumns   {}\n\n{}",
                        r.id,
                        r.item,
                        r.title,
                        r.unit.as_deref().unwrap_or("-"),
                        r.reason.as_str(),
                        r.columns.join("; "),
                        r.note
                    ));
                }
            }
            (Tab::Audit, _, _) => {
                if let Some(e) = self.audit.selected() {
                    let at = crate::domain::time::format_time(e.at, false);
                    self.overlay = Overlay::Record(format!(
                        "#{}  {at}\noperator  {}\naction    {}\ntarget    {}\n\n{}",
                        e.id, e.operator, e.action, e.target, e.detail
                    ));
                }
            }
            (Tab::Columns, Some(c), None) => {
                if let Some(id) = c.items.selected().map(|i| i.id) {
                    let req = self.request(Load::Item { id }, effects);
                    self.item = Some(ItemView { id, item: None, scroll: 0, waiting: Some(req), error: None });
                }
            }
            _ => {}
        }
    }

    fn open_column_by_id(&mut self, id: i64, effects: &mut Vec<Effect>) {
        let Some(column) = self.columns.tree.as_ref().and_then(|t| t.entries.iter().find(|e| e.id == id)).cloned()
        else {
            return;
        };
        let head = self.request(Load::ColumnHead { column_id: id, at: self.at }, effects);
        // A refresh keeps what is shown until the fresh rows arrive.
        let view = match self.column.take().filter(|c| c.column.id == id) {
            Some(c) => ColumnView { column, waiting_head: Some(head), ..c },
            None => ColumnView {
                column,
                items: Paged::default(),
                count: None,
                documents: Vec::new(),
                waiting_head: Some(head),
                marks: Marks::default(),
                older: None,
            },
        };
        self.column = Some(view);
        let page = self.request(Load::ColumnItems { column_id: id, before: None }, effects);
        if let Some(c) = &mut self.column {
            c.items.asked(page, None);
        }
    }

    /// Asks for the open column's next page if the selection is near the end of what is loaded.
    fn more_items(&mut self, effects: &mut Vec<Effect>) {
        let height = self.list_height();
        let Some(c) = &self.column else { return };
        let Some(after) = c.items.wants_more(height) else { return };
        let column_id = c.column.id;
        let req = self.request(Load::ColumnItems { column_id, before: after }, effects);
        if let Some(c) = &mut self.column {
            c.items.asked(req, after);
        }
    }

    fn load_retractions(&mut self, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Retractions, effects);
        self.retractions.asked(req, None);
    }

    fn load_audit(&mut self, before: Option<i64>, effects: &mut Vec<Effect>) {
        let req = self.request(Load::Audit { before }, effects);
        self.audit.asked(req, before);
    }

    fn loaded(&mut self, id: u64, loaded: Loaded, effects: &mut Vec<Effect>) {
        let height = self.list_height();
        match loaded {
            Loaded::Ping(result) => {
                let before = effects.len();
                self.checked(id, result, effects);
                // A colleague's change, or the connection back: `reload_open_views` reloads the
                // column tree first, and the indicators follow it once they have been shown.
                let reloaded = effects[before..].iter().any(|e| matches!(e, Effect::Load(_, Load::Columns { .. })));
                if reloaded && self.inspection.shown() {
                    self.load_inspection(effects);
                }
                return;
            }
            Loaded::Whoami(result) => return self.identified(id, result),
            _ => {}
        }
        if !health::failed(&loaded) {
            self.query_succeeded();
        }
        match loaded {
            Loaded::Ping(_) | Loaded::Whoami(_) => {}
            Loaded::Columns(result) => {
                if !arrived(&mut self.columns.waiting, id) {
                    return;
                }
                match result {
                    Ok(entries) => {
                        let selected = self.columns.selected_entry().map(|e| e.id);
                        let tree = match &self.columns.tree {
                            Some(old) => old.refreshed(entries),
                            None => ColumnTree::new(entries),
                        };
                        self.columns.tree = Some(tree);
                        self.columns.error = None;
                        self.columns.relayout_to(height, selected);
                        // An open column shows the refreshed figures too.
                        if let (Some(c), Some(tree)) = (&mut self.column, &self.columns.tree)
                            && let Some(e) = tree.entries.iter().find(|e| e.id == c.column.id)
                        {
                            c.column = e.clone();
                        }
                    }
                    Err(e) => {
                        self.warn(format!("loading the columns failed: {e}"));
                        self.columns.error = Some(e);
                    }
                }
            }
            Loaded::ColumnItems(result) => {
                let Some(c) = &mut self.column else { return };
                let failed = result.as_ref().err().filter(|_| c.items.waiting == Some(id)).cloned();
                if c.items.accept(id, result, height) {
                    // The filter may keep too few to fill the screen: fetch on.
                    self.more_items(effects);
                }
                if let Some(e) = failed {
                    self.warn(format!("loading the column's items failed: {e}"));
                }
            }
            Loaded::Audit(result) => {
                let failed = result.as_ref().err().filter(|_| self.audit.waiting == Some(id)).cloned();
                if self.audit.accept(id, result, height)
                    && let Some(after) = self.audit.wants_more(height)
                {
                    self.load_audit(after, effects);
                }
                if let Some(e) = failed {
                    self.warn(format!("loading the audit trail failed: {e}"));
                }
            }
            Loaded::ColumnHead(result) => {
                let Some(c) = &mut self.column else { return };
                if !arrived(&mut c.waiting_head, id) {
                    return;
                }
                match result {
                    Ok((count, documents)) => {
                        c.count = Some(count);
                        c.documents = documents;
                        let height = self.list_height();
                        if let Some(c) = &mut self.column {
                            c.items.cursor.show(c.items.shown.len(), height);
                        }
                    }
                    Err(e) => self.warn(format!("loading the column's documents failed: {e}")),
                }
            }
            Loaded::Queue(result) => {
                let failed = result.as_ref().err().filter(|_| self.queue.items.waiting == Some(id)).cloned();
                if self.queue.items.accept_whole(id, result, height) {
                    self.queue_arrived(effects);
                }
                if let Some(e) = failed {
                    self.warn(format!("loading the queue failed: {e}"));
                }
            }
            Loaded::Decided(result) => self.decided(id, result, effects),
            Loaded::Withdrawn(result) => self.wrote(id, result.map(|w| withdraw::withdrawal_said(&w)), effects),
            Loaded::Marked(kind, result) => self.wrote(id, result.map(|m| withdraw::marking_said(kind, &m)), effects),
            Loaded::Restored(item, result) => self.wrote(id, result.map(|t| withdraw::restore_said(item, t)), effects),
            Loaded::Declined(result) => {
                self.wrote(id, result.map(|_| "declined the request; the item stays online".to_string()), effects)
            }
            Loaded::ColumnBefore(result) => self.older_arrived(id, result),
            Loaded::Withdrawals(result) => {
                let failed = result.as_ref().err().filter(|_| self.withdrawals.waiting == Some(id)).cloned();
                self.withdrawals.accept_whole(id, result, height);
                if let Some(e) = failed {
                    self.warn(format!("loading the withdrawals failed: {e}"));
                }
            }
            Loaded::Retractions(result) => {
                let failed = result.as_ref().err().filter(|_| self.retractions.waiting == Some(id)).cloned();
                self.retractions.accept_whole(id, result, height);
                if let Some(e) = failed {
                    self.warn(format!("loading the retraction requests failed: {e}"));
                }
            }
            Loaded::PublishedMany(results) => self.published_many(id, results, effects),
            Loaded::Assessment(what) => self.assessment_loaded(id, what, effects),
            Loaded::Calendar(what) => self.calendar_loaded(id, what, effects),
            Loaded::Inspection(result) => self.inspected(id, result),
            Loaded::ItemFindings(_, result) => self.item_findings_arrived(id, result),
            Loaded::Waived(item, result) => self.waived(id, item, result, effects),
            Loaded::Findings(result) => {
                let failed = result.as_ref().err().filter(|_| self.findings.list.waiting == Some(id)).cloned();
                self.findings.list.accept_whole(id, result, height);
                if let Some(e) = failed {
                    self.warn(format!("checking the online items failed: {e}"));
                }
            }
            Loaded::Item(result) => {
                // For the item opened from a column, from the queue, or from a unit's score.
                let item = match (&mut self.item, &mut self.reviewing) {
                    (Some(item), _) if item.waiting == Some(id) => item,
                    (_, Some(r)) if r.view.waiting == Some(id) => &mut r.view,
                    _ => match (self.scores.item_waiting(id), &mut self.findings.item) {
                        (Some(item), _) => item,
                        (None, Some(item)) if item.waiting == Some(id) => item,
                        _ => return,
                    },
                };
                item.waiting = None;
                match result {
                    Ok(found) => item.item = Some(*found),
                    Err(e) => {
                        item.error = Some(e.clone());
                        let id = item.id;
                        self.warn(format!("loading item {id} failed: {e}"));
                    }
                }
            }
            Loaded::Scores(result) => {
                let failed = result.as_ref().err().filter(|_| self.scores.units.waiting == Some(id)).cloned();
                self.scores.units.accept_whole(id, result, height);
                if let Some(e) = failed {
                    self.warn(format!("loading the scores failed: {e}"));
                }
            }
        }
    }

    /// Completions of a command line: command names, then unit names after `unit `.
    pub fn completions(&self, line: &str) -> Vec<String> {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("unit ") {
            let units = self
                .columns
                .tree
                .as_ref()
                .map(|t| t.units.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>())
                .unwrap_or_default();
            return units
                .into_iter()
                .filter(|u| SearchKey::new(&[u]).matches(rest.trim()))
                .map(|u| format!("unit {u}"))
                .collect();
        }
        COMMANDS
            .iter()
            .filter(|(c, _)| c.starts_with(line) && !line.contains(' '))
            .map(|(c, _)| c.to_string())
            .collect()
    }

    /// Runs a `:` command.
    pub fn command(&mut self, line: &str, effects: &mut Vec<Effect>) {
        let line = line.trim().trim_start_matches(':');
        let (name, arg) = line.split_once(' ').map_or((line, ""), |(n, a)| (n, a.trim()));
        let height = self.list_height();
        let mut mode = |app: &mut App, f: &dyn Fn(&mut super::columns::Mode)| {
            app.switch(Tab::Columns, effects);
            app.item = None;
            app.column = None;
            if let Some(tree) = &mut app.columns.tree {
                f(&mut tree.mode);
            }
            app.columns.relayout(height);
        };
        match name {
            "" => {}
            "q" | "quit" => self.quit = true,
            "help" => self.overlay = Overlay::Help { scroll: 0 },
            "refresh" => self.refresh(effects),
            "columns" | "tree" => mode(self, &|m| *m = Default::default()),
            "overdue" => mode(self, &|m| m.only_overdue = true),
            "stale" => mode(self, &|m| {
                m.only_overdue = true;
                m.sort_overdue = true;
                m.by_unit = false;
            }),
            "unit" => {
                let units: Vec<String> = self
                    .columns
                    .tree
                    .as_ref()
                    .map(|t| t.units.iter().map(|(u, _)| u.clone()).collect())
                    .unwrap_or_default();
                let found = units
                    .iter()
                    .find(|u| *u == arg)
                    .or_else(|| units.iter().find(|u| !arg.is_empty() && SearchKey::new(&[u]).matches(arg)))
                    .cloned();
                match found {
                    Some(unit) => {
                        let only = unit.clone();
                        mode(self, &move |m| {
                            m.by_unit = true;
                            m.unit = Some(only.clone());
                        });
                        self.tell(format!("the columns {unit} answers for"));
                    }
                    None => self.warn(format!("no unit {arg:?} (Tab completes unit names)")),
                }
            }
            "at" => {
                let day = if arg.is_empty() {
                    Ok(crate::domain::time::beijing_date(Utc::now()))
                } else {
                    crate::domain::time::parse_date(arg)
                };
                match day {
                    Ok(day) => {
                        self.at = day;
                        // The indicators follow the day; on their tab the console stays there.
                        if self.inspection.shown() {
                            self.load_inspection(effects);
                        }
                        if self.tab != Tab::Inspection {
                            self.switch(Tab::Columns, effects);
                        }
                        self.load_columns(effects);
                        // What the status line says of the calendar follows the day too.
                        self.load_calendar_status(effects);
                        self.tell(format!("staleness as of {day}"));
                    }
                    Err(e) => self.warn(e),
                }
            }
            "audit" => self.switch(Tab::Audit, effects),
            "queue" => self.switch(Tab::Queue, effects),
            "retractions" => self.switch(Tab::Retractions, effects),
            "withdrawn" => self.switch(Tab::Withdrawn, effects),
            "inspect" | "inspection" => self.switch(Tab::Inspection, effects),
            "findings" => self.switch(Tab::Findings, effects),
            "calendar" => self.calendar_command(arg, effects),
            "scores" => {
                let period = if arg.is_empty() {
                    self.scores.period
                } else {
                    match arg.parse::<Period>() {
                        Ok(p) => p,
                        Err(e) => {
                            self.warn(e.to_string());
                            return;
                        }
                    }
                };
                self.tab = Tab::Scores;
                self.show_period(period, effects);
            }
            other => self.warn(format!("unknown command :{other} (Tab lists them)")),
        }
    }
}

/// Scrolls an item's page by `delta` rows.
/// The rows a motion key moves an item's page by (`height` rows to a page), if it is one.
fn page_delta(action: Action, height: usize) -> Option<isize> {
    let page = height.max(1) as isize;
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => -10_000,
        Action::Bottom => 10_000,
        _ => return None,
    })
}

fn scroll(item: &mut ItemView, delta: isize) {
    item.scroll =
        item.scroll.saturating_add_signed(i16::try_from(delta.clamp(-10_000, 10_000)).unwrap_or(0)).min(10_000);
}

/// Whether the result numbered `id` is the one `waiting` waits for; if so it waits no more.
fn arrived(waiting: &mut Option<u64>, id: u64) -> bool {
    let wanted = *waiting == Some(id);
    if wanted {
        *waiting = None;
    }
    wanted
}

/// A one-line text input holding `text`, its cursor at the end.
fn single_line(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

#[cfg(test)]
mod tests;
