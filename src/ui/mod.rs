//! The terminal console. `app` is the state and its update, `widgets` a function of the state, and
//! this module the runtime: input on its own thread, queries on tasks that send their results
//! back, and the terminal kept sane (restored on exit, panic, hang-up and termination).

pub mod app;
pub mod calendar;
pub mod keymap;
pub mod layout;
pub mod paged;
pub mod sanitise;
pub mod screen;
pub mod table;
pub use crate::domain::search_key;
pub mod terminal;
pub mod text;
pub mod views;
pub mod widgets;
pub mod words;

use std::sync::Arc;

use tokio::sync::mpsc;

use app::{App, Effect, Load, Loaded, Msg, Setup};
use keymap::Keymap;
use text::Ambiguous;

use crate::store::{Site, Store, StoreError};
use crate::usecase;

/// What the console is opened with, besides the database.
pub struct Options {
    pub keymap: Keymap,
    pub ambiguous: Ambiguous,
    /// The theme with the settings' colours; monochrome under `NO_COLOR` and `--no-color`.
    pub theme: widgets::Theme,
    pub now: chrono::DateTime<chrono::Utc>,
    /// `--read-only`: the console says so, and asks before no write.
    pub read_only: bool,
    /// Where the database, settings and log are (`places::described`), for the help.
    pub places: Vec<(String, String)>,
    /// No settings directory yet: the first run on this machine, welcomed on the status line.
    pub first_run: bool,
    /// How old the last backup may be before the status line warns (`[backup] warn_after_days`).
    pub backup_warn_after: chrono::Duration,
    /// The `[links]` settings of config.toml (the check after a withdrawal), or why not.
    pub links: Result<crate::reports::links::Settings, String>,
    /// Said on the status line as the console opens (a server reached without verifying it).
    pub warning: Option<String>,
    /// The tab the settings open the console on (`start_tab`), when they name one.
    pub start_tab: Option<usecase::settings::StartTab>,
    /// Whether the console takes the mouse (`mouse`); without it the terminal selects text.
    pub mouse: bool,
}

/// Runs one query and says what came back; an error as one line.
pub async fn load(store: &dyn Store, site: &Site, load: Load) -> Loaded {
    query(store, site, load).await.0
}

/// How long a check of the database (`Load::Ping`) may take before the database counts as
/// unreachable.
pub const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs one query and says what came back (an error as one line), and, when it failed because
/// the database could not be reached, why. A write that failed so says it was not saved.
pub async fn query(store: &dyn Store, site: &Site, load: Load) -> (Loaded, Option<String>) {
    query_told(store, site, load, &|_, _| {}).await
}

/// `query`, a long one telling `progress` how far it has gone (done, of): the check after a
/// withdrawal, whose pages are fetched from the site.
pub async fn query_told(
    store: &dyn Store,
    site: &Site,
    load: Load,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Loaded, Option<String>) {
    let fault: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    let write = load.is_write();
    let line = |e: StoreError| {
        let said = e.one_line();
        if !e.is_lost_connection() {
            return said;
        }
        if let Ok(mut fault) = fault.lock() {
            fault.get_or_insert_with(|| said.clone());
        }
        if write { crate::t!("not-saved-unreachable-said", said = said) } else { said }
    };
    let loaded = match load {
        Load::Retract { items, reason } => Loaded::Withdrawn(
            usecase::withdrawal::retract(store, site, &items, reason, "", &|_| {}).await.map_err(line),
        ),
        Load::Mark { items, mark } => {
            Loaded::Marked(mark.kind, usecase::withdrawal::mark(store, site, &items, &mark).await.map_err(line))
        }
        Load::Restore { withdrawals } => Loaded::Restored(
            usecase::withdrawal::restore_withdrawals(store, site, &withdrawals, "").await.map_err(line),
        ),
        Load::Decline { request, reason } => {
            Loaded::Declined(usecase::withdrawal::decline(store, site, request, &reason).await.map_err(line))
        }
        Load::View(view) => Loaded::View(view.run(store, site, &line).await),
        // A network that drops packets (rather than refusing them) would hang the check for
        // minutes: past `CHECK_TIMEOUT` the database counts as unreachable.
        Load::Ping => {
            Loaded::Ping(match tokio::time::timeout(CHECK_TIMEOUT, usecase::connection::change_mark(store)).await {
                Ok(mark) => mark.map_err(line),
                Err(_) => {
                    let said = crate::t!("no-answer", seconds = CHECK_TIMEOUT.as_secs());
                    if let Ok(mut fault) = fault.lock() {
                        fault.get_or_insert_with(|| said.clone());
                    }
                    Err(said)
                }
            })
        }
        Load::Whoami => Loaded::Whoami(usecase::connection::whoami(store, site).await.map_err(line)),
        Load::Calendar(what) => Loaded::Calendar(calendar::load(store, site, what, line).await),
        Load::LastBackup => Loaded::LastBackup(usecase::backup::last_made(store).await.map_err(line)),
        Load::Replica => Loaded::Replica(usecase::connection::replica(store).await.map_err(line)),
        Load::CheckPages { items, settings } => Loaded::PagesChecked(
            usecase::links::after_withdrawal(store, site, &items, &settings, progress).await.map_err(|e| match e {
                crate::reports::links::CheckFailure::Store(e) => line(e),
                crate::reports::links::CheckFailure::Checker(e) => e,
            }),
        ),
    };
    let fault = fault.into_inner().ok().flatten();
    (loaded, fault)
}

/// Opens the console on a store and runs it until the user quits or the session goes away.
pub async fn run(store: Arc<dyn Store>, mut site: Site, options: Options) -> std::io::Result<()> {
    // The change mark before any of the console's queries runs: the first screens hold every
    // change up to it, so the first check (a second later) sees a change made while they loaded.
    // Taken from that check instead, such a change was never shown (issue 25: a publish on the
    // primary just after a console opened on its standby never reached the queue).
    let change_mark = tokio::time::timeout(CHECK_TIMEOUT, usecase::connection::change_mark(store.as_ref()))
        .await
        .ok()
        .and_then(|mark| mark.map_err(|e| tracing::warn!("reading the change mark at start failed: {e}")).ok());
    // Where the morning's work is: the queue when items wait (counted, not read; asked only when
    // no tab is named; a queue that cannot be counted opens the columns, whose own load then says
    // what is wrong).
    let waiting = match options.start_tab {
        Some(_) => false,
        None => usecase::queue::waiting(store.as_ref(), &site).await.is_ok_and(|n| n > 0),
    };
    let mut term = terminal::Terminal::enter(options.mouse)?;
    let size = term.size()?;
    let (mut app, effects) = App::new(Setup {
        keymap: options.keymap,
        ambiguous: options.ambiguous,
        theme: options.theme,
        // What the database says is shown made safe, as everything it sends (`sanitise`).
        site_name: sanitise::line(&site.name),
        site_code: sanitise::line(&site.code),
        operator: sanitise::line(&usecase::connection::operator(store.as_ref())),
        database: sanitise::line(&usecase::connection::describe(store.as_ref())),
        now: options.now,
        size,
        tab: app::Tab::at_start(options.start_tab, waiting),
        change_mark,
    });
    app.set_places(
        options.places.into_iter().map(|(label, place)| (label, sanitise::line(&place))).collect(),
        options.first_run,
    );
    app.mouse = options.mouse;
    if options.read_only {
        app.pin_read_only();
    }
    app.set_link_settings(options.links);
    if let Some(warning) = options.warning {
        app.warn_at_start(warning);
    }
    let mut effects = effects;
    effects.extend(app.watch_backups(options.backup_warn_after));
    effects.extend(app.watch_replica());
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    terminal::spawn_input(tx.clone());
    if let Some(mut changes) = usecase::connection::watch(store.as_ref()).await {
        // PostgreSQL tells of a colleague's change as it commits: check at once, not at the next
        // tick's check (which stays, for SQLite and for a listener that lost its connection).
        let tx = tx.clone();
        tokio::spawn(async move {
            while changes.recv().await.is_some() {
                if tx.send(Msg::Notified).is_err() {
                    break;
                }
            }
        });
    }
    terminal::spawn_signals(tx.clone());
    {
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_millis(100));
            loop {
                tick.tick().await;
                if tx.send(Msg::Tick(chrono::Utc::now())).is_err() {
                    break;
                }
            }
        });
    }
    let spawn = |effects: Vec<Effect>, term: &mut terminal::Terminal, site: &mut Site| {
        for effect in effects {
            match effect {
                Effect::Load(id, what) => {
                    let (store, site, tx) = (store.clone(), site.clone(), tx.clone());
                    tokio::spawn(async move {
                        tracing::debug!(?what, "query");
                        let write = what.is_write();
                        let told = tx.clone();
                        let progress = move |done, of| {
                            let _ = told.send(Msg::Progress(id, done, of));
                        };
                        let query = query_told(store.as_ref(), &site, what, &progress);
                        let ((loaded, lost), wrote) =
                            if write { usecase::connection::tracked(query).await } else { (query.await, Vec::new()) };
                        if write {
                            // What this console's own write wrote to the audit trail, before the
                            // result that reloads what it changed: the console takes its records
                            // as seen, and reloads everything open if the mark found before them
                            // holds a colleague's change it had not seen. A colleague's change
                            // after them stays above the mark, for the next check.
                            let _ = tx.send(Msg::OwnChange(wrote));
                        }
                        if let Some(reason) = lost {
                            let _ = tx.send(Msg::Lost(reason));
                        }
                        let _ = tx.send(Msg::Loaded(id, loaded));
                    });
                }
                // Entered from the overview: what follows runs against that site.
                Effect::Enter(entered) => *site = entered,
                Effect::Copy(text) => {
                    if let Err(e) = term.copy(&text) {
                        tracing::warn!("copy failed: {e}");
                    }
                }
            }
        }
    };
    spawn(effects, &mut term, &mut site);
    let mut dirty = true;
    loop {
        if dirty {
            term.draw(&app)?;
            dirty = false;
        }
        let Some(first) = rx.recv().await else { break };
        // Take everything already waiting before drawing again (a held key, a burst of results).
        let mut batch = vec![first];
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        for msg in batch {
            #[cfg(debug_assertions)]
            if let Msg::Key(k) = &msg {
                // Debug builds only: lets the tests check that a panic gives the terminal back.
                if k.code == crossterm::event::KeyCode::F(12) && std::env::var_os("PORTAL_ADMIN_TEST_PANIC").is_some() {
                    panic!("a test panic (PORTAL_ADMIN_TEST_PANIC)");
                }
            }
            let tick = matches!(msg, Msg::Tick(_));
            if let Msg::Loaded(
                _,
                Loaded::Ping(Err(e)) | Loaded::View(views::Loaded::Columns(views::columns::Loaded::Tree(Err(e)))),
            ) = &msg
            {
                tracing::warn!("{e}");
            }
            let effects = app.update(msg);
            // A tick redraws only to turn the spinner, count down to the next try of a lost
            // connection, or clear a note.
            dirty |= !tick || app.busy() || app.ticking();
            spawn(effects, &mut term, &mut site);
        }
        if app.quit {
            break;
        }
    }
    term.leave()
}
