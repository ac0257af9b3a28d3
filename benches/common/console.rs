//! The console as the in-program benchmarks drive it: its screen drawn through the real crossterm
//! backend into a byte counter, and its queries run in turn.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use portal_admin::store;
use portal_admin::ui::app::{App, Effect, Msg, Setup, Tab};
use portal_admin::ui::keymap::Keymap;
use portal_admin::ui::screen::Screen;
use portal_admin::ui::text::Ambiguous;
use portal_admin::ui::{load, terminal};

/// A terminal that counts the bytes it is sent.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.len(), Ordering::Relaxed);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The console's screen writing into a byte counter.
pub struct Tty {
    screen: Screen<Counter>,
    sent: Counter,
}

impl Tty {
    pub fn new() -> Tty {
        let sent = Counter::default();
        Tty { screen: Screen::new(sent.clone()), sent }
    }

    /// Draws the app (at its size) and returns the bytes written.
    pub fn draw(&mut self, app: &App) -> usize {
        let before = self.sent.0.load(Ordering::Relaxed);
        terminal::draw_frame(&mut self.screen, app).expect("draw");
        self.sent.0.load(Ordering::Relaxed) - before
    }
}

pub async fn run_effects(app: &mut App, store: &dyn store::Store, site: &store::Site, effects: Vec<Effect>) {
    let mut pending = effects;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for effect in pending {
            if let Effect::Load(id, what) = effect {
                let loaded = load(store, site, what).await;
                next.extend(app.update(Msg::Loaded(id, loaded)));
            }
        }
        pending = next;
    }
}

/// The console on a store, at a size and a time, with its first queries run.
pub async fn open_app(
    store: &dyn store::Store,
    site: &store::Site,
    now: chrono::DateTime<chrono::Utc>,
    size: (u16, u16),
) -> App {
    // As the console's runtime does: the change mark before the first queries.
    let change_mark = portal_admin::usecase::connection::change_mark(store).await.ok();
    let (mut app, effects) = App::new(Setup {
        keymap: Keymap::default_map(),
        ambiguous: Ambiguous::Narrow,
        theme: portal_admin::ui::widgets::Theme::default(),
        site_name: site.name.clone(),
        site_code: site.code.clone(),
        operator: store.operator().to_string(),
        database: store.describe(),
        now,
        size,
        tab: Tab::Columns,
        change_mark,
    });
    run_effects(&mut app, store, site, effects).await;
    app
}
