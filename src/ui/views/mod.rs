//! The console's views, one module per view: each owns its state, the layer of its keys, what its
//! keys do, its queries and their results (its own `Load` and `Loaded`), how those results are
//! made safe and whether they failed, and its drawing (`<view>/draw.rs`, named as its state is).
//!
//! `App` routes to them: a key to the view in front (`View`), a result to the view that asked
//! (`Views::loaded`), and gives each the console's shared state (`Cx`) and what it may ask of the
//! console (`Ask`: a query, a word on the status line, a question). A view is registered once, in
//! the `views!` list below; that line makes its queries and results part of the console's and
//! routes them.

use chrono::{DateTime, NaiveDate, Utc};

use super::app::{Confirmed, Effect, Notice, Overlay};
use super::keymap::{Action, Keymap};
use super::layout::Areas;
use super::paged::{Cursor, List};
use super::text::Ambiguous;
use super::widgets::Draw;
use crate::domain::checks::Finding;
use crate::store::{Site, Store, StoreError};

pub mod help;
pub mod item;
pub mod pages;

use item::ItemView;
use pages::Pager;

/// What every view is given of the console's shared state.
pub struct Cx<'a> {
    pub keymap: &'a Keymap,
    pub ambiguous: Ambiguous,
    /// The day staleness is evaluated as of (`:at`; Beijing time).
    pub at: NaiveDate,
    /// The time as of the last tick.
    pub now: DateTime<Utc>,
    /// Rows a list shows at the current size.
    pub height: usize,
    /// The terminal's size.
    pub size: (u16, u16),
    /// Where things are on the screen at the current size.
    pub areas: Areas,
    /// The tab in front.
    pub tab: Tab,
}

/// What a view may ask of the console while it handles a key or a result: a query (its request
/// number comes back), a word on the status line, a question over the view.
pub struct Ask<'a> {
    pub(super) effects: &'a mut Vec<Effect>,
    pub(super) next_request: &'a mut u64,
    /// This console's writes whose change mark has not come back yet.
    pub(super) writing: &'a mut usize,
    pub(super) notice: &'a mut Option<Notice>,
    pub overlay: &'a mut Overlay,
    /// What the view asks of the console beyond itself, handled once it returns.
    pub(super) events: Vec<Event>,
}

/// What a view asks of the console that is not its own: the questions and writes several views
/// share (a withdrawal, a waiver, an incident), which `App` runs once the view has returned.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Ask whether to withdraw these items (id, title), then withdraw them.
    Withdraw(Vec<(i64, String)>),
    /// Ask why a finding on an item may stand (its waiver, if one covers it already): the
    /// findings view's question.
    Waive { item: i64, finding: Finding, waived: Option<String> },
    /// The incident form, filled in from a finding on an item of a unit (none for a repost): the
    /// scores view's question.
    Incident { unit: Option<String>, item: i64, title: String, finding: Finding },
    /// Decline a retraction request, for the reason typed (a write of the retraction tools).
    Decline { request: i64, reason: String },
    /// The form of a rectification order, filled in from what it is about: the orders view's
    /// question.
    Rectify(Box<orders::Draft>),
    /// Enter this site: every view starts again on it (the overview's Enter, `:site CODE`).
    Enter(Site),
    /// Open this column in the Columns tab, brought to the front (Enter on a column behind an
    /// indicator of the national check).
    OpenColumn(i64),
    /// A waiver on an item was written: the review screen shows the item's findings again.
    Waived { item: i64 },
    /// An incident was recorded or corrected: the audit trail loads again, if loaded.
    Audited,
}

/// What a key did to a line typed as the answer to a view's question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Esc: the question is closed, nothing asked.
    Closed,
    /// The line was edited, or Enter with nothing typed (then it has said what is needed).
    Open,
    /// Enter: what was typed, trimmed; the question is to close.
    Given(String),
}

/// A key typed into the answer to a view's question: Esc closes it, Enter gives what is typed (a
/// warning `needed` instead if nothing is), anything else edits it.
pub fn answer(
    input: &mut ratatui_textarea::TextArea<'static>,
    event: crossterm::event::KeyEvent,
    needed: &str,
    ask: &mut Ask,
) -> Answer {
    match event.code {
        crossterm::event::KeyCode::Esc => Answer::Closed,
        crossterm::event::KeyCode::Enter => {
            let typed = input.lines().join(" ").trim().to_string();
            if typed.is_empty() {
                ask.warn(needed);
                Answer::Open
            } else {
                Answer::Given(typed)
            }
        }
        _ => {
            crate::ui::app::edit(input, event);
            Answer::Open
        }
    }
}

impl Ask<'_> {
    /// Asks for a query; its request number, which its result comes back with.
    pub fn request(&mut self, load: impl Into<super::app::Load>) -> u64 {
        request(self.next_request, self.writing, self.effects, load.into())
    }

    /// Says something on the status line.
    pub fn tell(&mut self, text: impl Into<String>) {
        *self.notice = Some(Notice::new(text, false));
    }

    /// Says something went wrong, on the status line.
    pub fn warn(&mut self, text: impl Into<String>) {
        *self.notice = Some(Notice::new(text, true));
    }

    /// Asks the console for something shared by several views (`Event`).
    pub fn post(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Asks a question before a write: `text`, then `then` on Enter.
    pub fn confirm(&mut self, text: String, then: Confirmed) {
        *self.overlay = Overlay::Confirm { text, then };
    }
}

/// Numbers a query and asks the runtime to run it; a write counts as running until its audit
/// records come back (`Msg::OwnChange`).
pub(super) fn request(next: &mut u64, writing: &mut usize, effects: &mut Vec<Effect>, load: super::app::Load) -> u64 {
    if load.is_write() {
        *writing += 1;
    }
    *next += 1;
    effects.push(Effect::Load(*next, load));
    *next
}

/// How far a motion key moves in a list of `len` rows with `height` rows on screen.
pub fn step(action: Action, len: usize, height: usize) -> isize {
    let page = height.max(1) as isize;
    match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => -(len as isize),
        _ => len as isize,
    }
}

/// A view: what a tab (or a screen opened over one) shows and what its keys do. Everything but
/// `layer` and `draw` has a default: a view that shows a list (`list`) gets its selection,
/// motion, filter, copy, click, reloading and spinner from it; otherwise the defaults do nothing.
pub trait View {
    /// The list it shows (under an item opened from it, if one is): the defaults below move in
    /// it, filter it, copy its selection and load it again.
    fn list(&self) -> Option<&dyn List> {
        None
    }

    /// The list it shows, to change: by default the one it reads by pages.
    fn list_mut(&mut self) -> Option<&mut dyn List> {
        self.pages().map(|pages| pages as &mut dyn List)
    }

    /// Its list, when it is read from the database a page at a time (`pages::Source`): the
    /// defaults below read its first page when it is shown, the next as the selection nears the
    /// end, the end's or start's for `End` and `Home`, the first again for a filter, and the list
    /// again after F5 or a change.
    fn pages(&mut self) -> Option<&mut dyn Pager> {
        None
    }

    /// Reads its list again (F5; after a change once it has been loaded).
    fn read_list(&mut self, ask: &mut Ask) {
        if let Some(pages) = self.pages() {
            pages.read_again(ask);
        }
    }

    /// Its list was moved in: reads the page the selection (or `Home`, `End`) needs.
    fn more(&mut self, cx: &Cx, ask: &mut Ask) {
        if let Some(pages) = self.pages() {
            pages.more(cx.height, ask);
        }
    }

    /// Its list was filtered: reads the first page again if the database filters it.
    fn refiltered(&mut self, _cx: &Cx, ask: &mut Ask) {
        if let Some(pages) = self.pages() {
            pages.refiltered(ask);
        }
    }

    /// The layer of key bindings in effect while it is in front.
    fn layer(&self) -> Layer;

    /// Brought to the front: loads what it has not loaded yet (by default, its list's first page).
    fn show(&mut self, _cx: &Cx, ask: &mut Ask) {
        if let Some(pages) = self.pages() {
            pages.start(ask);
        }
    }

    /// Whether a query the user waits on is running (the spinner turns): by default, a page of
    /// its list.
    fn busy(&self) -> bool {
        self.list().is_some_and(List::is_waiting)
    }

    /// Runs one of its own actions; false if the action is not one of its own.
    fn on_action(&mut self, _action: Action, _cx: &Cx, _ask: &mut Ask) -> bool {
        false
    }

    /// F5: loads again what it shows.
    fn refresh(&mut self, _cx: &Cx, ask: &mut Ask) {
        self.read_list(ask);
    }

    /// This console withdrew, marked or restored items: loads again what it has loaded and such
    /// a write can change, keeping the selection.
    fn reload(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.list().is_some_and(List::is_loaded) {
            self.read_list(ask);
        }
    }

    /// A colleague changed something, or the connection is back: loads again what it shows,
    /// keeping the selection, any question and unfinished text.
    fn changed(&mut self, _cx: &Cx, ask: &mut Ask) {
        if self.list().is_some_and(List::is_loaded) {
            self.read_list(ask);
        }
    }

    /// This console's withdrawal, mark or restore was saved: forgets what was chosen for it.
    fn saved(&mut self) {}

    /// Enter (or a click on the selected row): opens what is selected.
    fn open(&mut self, _cx: &Cx, _ask: &mut Ask) {}

    /// Whether Enter opens anything here (the hint line offers it only then).
    fn opens(&self) -> bool {
        true
    }

    /// Whether the view's own key back (its layer's `app.back`) leads anywhere here (the hint line
    /// offers it only then): a tab whose one layer serves its top level and what it opens says.
    fn goes_back(&self) -> bool {
        true
    }

    /// Esc, once the filter is clear: closes what it has open; false if nothing was.
    fn back(&mut self, _cx: &Cx, _ask: &mut Ask) -> bool {
        false
    }

    /// A motion key (down, up, a page, the top, the bottom).
    fn motion(&mut self, action: Action, cx: &Cx, ask: &mut Ask) {
        if let Some(list) = self.list_mut() {
            if matches!(action, Action::Top | Action::Bottom) {
                // The real start or end: read from the database when not loaded (`Paged::jump`).
                list.jump_to(action == Action::Top, cx.height);
            } else {
                let (cursor, len) = list.cursor_mut();
                cursor.step(step(action, len, cx.height), len, cx.height);
            }
            self.more(cx, ask);
        }
    }

    /// What its filter keeps (`None`: nothing here is filtered, as on an item opened).
    fn filter(&self) -> Option<&str> {
        self.item().map_or_else(|| self.list().map(List::filter_text), |_| None)
    }

    /// Filters what it shows (a list read by pages, in the database: `refiltered`).
    fn set_filter(&mut self, text: String, cx: &Cx, ask: &mut Ask) {
        if self.item().is_some() {
            return;
        }
        if let Some(list) = self.list_mut() {
            list.filter_to(text, cx.height);
            self.refiltered(cx, ask);
        }
    }

    /// What the copy keys copy: the selection's id or its text (the item's, when one is open).
    fn copy(&self, id: bool) -> Option<String> {
        match self.item() {
            Some(item) => item.copy(id),
            None => self.list()?.copy_selected(id),
        }
    }

    /// The item open in it, whose public link the copy key copies.
    fn item(&self) -> Option<&ItemView> {
        None
    }

    /// The list a click lands in, and its length (none under an item opened).
    fn cursor(&mut self) -> Option<(&mut Cursor, usize)> {
        if self.item().is_some() {
            return None;
        }
        self.list_mut().map(List::cursor_mut)
    }

    /// The terminal changed size: keeps the selection in sight.
    fn fit(&mut self, height: usize) {
        if let Some(list) = self.list_mut() {
            let (cursor, len) = list.cursor_mut();
            cursor.show(len, height);
        }
    }

    /// Whether a question of its own is open (a line being typed): keys go to `typed` before the
    /// keymap, and the mouse waits until it is answered.
    fn asking(&self) -> bool {
        false
    }

    /// A key while its question is open: Esc closes it, Enter gives the answer, anything else
    /// edits it.
    fn typed(&mut self, _event: crossterm::event::KeyEvent, _cx: &Cx, _ask: &mut Ask) {}

    /// The layer of keys its open question takes (a form's), shown on the hint line; `None`: a
    /// line being typed (Enter gives it, Esc closes it).
    fn question_layer(&self) -> Option<Layer> {
        None
    }

    /// Draws its open question: a line over the status line, or a form over the views.
    fn draw_question(&self, _d: &mut Draw, _areas: &Areas) {}

    /// The write a key typed into its open question would send (Enter on a reason, a form's
    /// confirmation), for the console to refuse first if the operator may not make it or the
    /// database cannot be reached.
    fn typed_write(&self, _event: crossterm::event::KeyEvent, _keymap: &Keymap) -> Option<crate::domain::review::Act> {
        None
    }

    /// How many documents it shows above its list (they take rows from the list: `Areas`).
    fn documents(&self) -> usize {
        0
    }

    /// Draws it below the tab bar.
    fn draw(&self, d: &mut Draw, areas: &Areas);
}

/// The registered views: for each, the tab it is in front of, its field in `Views` (also the name
/// of its tab, its keymap layer and its catalog messages: `tab-<name>`, `view-<name>`), its module
/// and its type, and the layers of the screens it opens over itself (`[review: Review]`: the
/// layer's name and variant). The one line a new view adds; the tab, the layers, the action that
/// brings the tab to the front (`tab.<name>`) and the `:<name>` command come from it.
macro_rules! views {
    ($($(#[$doc:meta])* $tab:ident $field:ident: $module:ident :: $view:ident
        [$($sub_name:ident: $sub:ident),*],)*) => {
        $(pub mod $module;)*

        /// A tab: a registered view, in the order of the tab bar.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Tab {
            $($(#[$doc])* $tab,)*
        }

        impl Tab {
            /// Every tab, in the order of the tab bar.
            pub const ALL: [Tab; [$(stringify!($tab)),*].len()] = [$(Tab::$tab,)*];

            /// Its name: of its keymap layer, its `:` command and its catalog messages.
            pub fn name(self) -> &'static str {
                match self {
                    $(Tab::$tab => stringify!($field),)*
                }
            }

            /// The name of the action that brings it to the front.
            pub fn action(self) -> &'static str {
                match self {
                    $(Tab::$tab => concat!("tab.", stringify!($field)),)*
                }
            }

            /// The layer of its view's keys.
            pub fn layer(self) -> Layer {
                match self {
                    $(Tab::$tab => Layer::$tab,)*
                }
            }
        }

        /// A layer of key bindings: the keys every view shares, one per view and per screen a
        /// view opens over itself, an opened item's, and those of the questions and menus over
        /// the views.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Layer {
            /// The keys every view shares.
            Global,
            $($(#[$doc])* $tab, $($sub,)*)*
            /// An item opened whole.
            Item,
            /// A question before a write.
            Confirm,
            /// The mark put on items instead of withdrawing them.
            Mark,
            /// An incident being recorded or corrected.
            Incident,
            /// A rectification order being issued.
            Rectify,
            /// The copy menu.
            Copy,
        }

        impl Layer {
            /// Every layer, in the order the key reference lists them.
            pub const ALL: [Layer; [
                "global", $(stringify!($field), $(stringify!($sub_name),)*)* "item", "confirm", "mark", "incident", "rectify", "copy",
            ].len()] = [
                Layer::Global,
                $(Layer::$tab, $(Layer::$sub,)*)*
                Layer::Item,
                Layer::Confirm,
                Layer::Mark,
                Layer::Incident,
                Layer::Rectify,
                Layer::Copy,
            ];

            /// Its name in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    Layer::Global => "global",
                    $(Layer::$tab => stringify!($field), $(Layer::$sub => stringify!($sub_name),)*)*
                    Layer::Item => "item",
                    Layer::Confirm => "confirm",
                    Layer::Mark => "mark",
                    Layer::Incident => "incident",
                    Layer::Rectify => "rectify",
                    Layer::Copy => "copy",
                }
            }
        }

        /// Every registered view's state.
        #[derive(Debug, Default)]
        pub struct Views {
            $($(#[$doc])* pub $field: $module::$view,)*
        }

        /// A registered view's query, wrapped: the view's own `Load`.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Load {
            $($tab($module::Load),)*
        }

        /// What a registered view's query brought back: the view's own `Loaded`.
        #[derive(Debug, Clone)]
        pub enum Loaded {
            $($tab($module::Loaded),)*
        }

        $(impl From<$module::Load> for super::app::Load {
            fn from(load: $module::Load) -> Self {
                super::app::Load::View(Load::$tab(load))
            }
        })*

        impl Load {
            /// Whether it changes the database.
            pub fn is_write(&self) -> bool {
                match self {
                    $(Load::$tab(load) => load.is_write(),)*
                }
            }

            /// Runs it; an error as one line (`line`).
            pub async fn run(
                self,
                store: &dyn Store,
                site: &Site,
                line: &(dyn Fn(StoreError) -> String + Sync),
            ) -> Loaded {
                match self {
                    $(Load::$tab(load) => Loaded::$tab(load.run(store, site, line).await),)*
                }
            }
        }

        impl Loaded {
            /// Whether it is an error.
            pub fn failed(&self) -> bool {
                match self {
                    $(Loaded::$tab(loaded) => loaded.failed(),)*
                }
            }

            /// Made safe to keep and show (`ui::sanitise`).
            pub fn sanitised(self) -> Self {
                match self {
                    $(Loaded::$tab(loaded) => Loaded::$tab(loaded.sanitised()),)*
                }
            }
        }

        impl Views {
            /// The view that asked takes its result.
            pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
                match loaded {
                    $(Loaded::$tab(loaded) => self.$field.loaded(id, loaded, cx, ask),)*
                }
            }

            /// The view of a tab.
            pub fn of(&self, tab: Tab) -> &dyn View {
                match tab {
                    $(Tab::$tab => &self.$field,)*
                }
            }

            /// The view of a tab, to change.
            pub fn of_mut(&mut self, tab: Tab) -> &mut dyn View {
                match tab {
                    $(Tab::$tab => &mut self.$field,)*
                }
            }

            /// The view whose question is open, if one is: the view in front, else the view a
            /// question of its own was opened in from another (a waiver asked on the review
            /// screen is the findings view's, an incident recorded from a finding the scores
            /// view's). Keys go to it until it is answered, so one question is open at a time.
            pub fn asking(&self, front: Tab) -> Option<Tab> {
                std::iter::once(front).chain(Tab::ALL).find(|tab| self.of(*tab).asking())
            }

            /// Every registered view.
            pub fn all(&self) -> Vec<&dyn View> {
                vec![$(&self.$field as &dyn View,)*]
            }

            /// Every registered view, to change.
            pub fn all_mut(&mut self) -> Vec<&mut dyn View> {
                vec![$(&mut self.$field as &mut dyn View,)*]
            }

            /// One error of each result of each view, named (for `health::failed`'s test).
            #[cfg(test)]
            pub fn every_error() -> Vec<(String, Loaded)> {
                let mut all = Vec::new();
                $(all.extend(
                    $module::Loaded::every_error()
                        .into_iter()
                        .map(|(name, l)| (format!("{}::{name}", stringify!($tab)), Loaded::$tab(l))),
                );)*
                all
            }
        }
    };
}

// In the order of the tab bar, which is also the order they load again after a change
// (`View::reload`, `View::changed`).
views! {
    /// The items awaiting a decision, and the review screen.
    Queue queue: queue::QueueView [review: Review],
    /// The column tree, a column opened from it, an item opened from the column.
    Columns columns: columns::ColumnsView [column: Column],
    /// The pending retraction requests, most urgent first.
    Retractions retractions: retractions::RetractionsView [],
    /// The assessment: the ranking, a unit's score explained.
    Scores scores: scores::ScoresView [unit: Unit],
    /// The audit trail, newest first.
    Audit audit: audit::AuditView [],
    /// The latest withdrawals, newest first.
    Withdrawn withdrawn: withdrawn::WithdrawnView [],
    /// The national check's single-veto indicators.
    Inspection inspection: inspect::InspectView [],
    /// The content checks' findings on the online items, and the broken links in front of them.
    Findings findings: findings::FindingsView [broken_links: BrokenLinks],
    /// The site's items holding a text (`:find`), newest first.
    Find find: find::FindView [],
    /// The rectification orders, most urgent first.
    Orders orders: orders::OrdersView [],
    /// A provincial platform's overview: every site with its figures, worst first.
    Sites sites: sites::SitesView [],
}

impl Layer {
    /// A question or a menu over the views (a confirmation, the mark, an incident, the copy
    /// menu): its own keys are all it takes, and all its hints (no opening, filter, command line
    /// or help).
    pub fn over_views(self) -> bool {
        matches!(self, Layer::Confirm | Layer::Mark | Layer::Incident | Layer::Rectify | Layer::Copy)
    }

    /// A screen of one item (an item opened, the review): Enter opens nothing more in it.
    pub fn one_item(self) -> bool {
        matches!(self, Layer::Item | Layer::Review)
    }
}

#[cfg(test)]
mod tests;
