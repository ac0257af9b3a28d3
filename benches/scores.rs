//! Times the Scores tab (issue 7) on a database, as the console runs it (the store opened once):
//! from the key that switches the view to a year (`t` on a quarter) to the frame that shows the
//! year's ranking, drawn through the real crossterm backend; and the same for the year before
//! (`[`), whose rows are not loaded yet.
//!
//!   cargo bench --bench scores -- RUNS URL…
//!
//! Prints one line per database: `backend units year_median_ms year_max_ms`.

use std::time::Instant;

use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portal_admin::ui::app::Msg;

mod common;
use common::console::{Tty, open_app, run_effects};

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench scores -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let mut times = Vec::new();
        let mut units = 0;
        for run in 0..=runs {
            // The cached databases end on 2026-11-27: a quarter of theirs, with the year before it.
            let now =
                chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+08:00").expect("a time").with_timezone(&Utc);
            let mut app = open_app(store.as_ref(), &site, now, (160, 48)).await;
            let effects = app.update(key('4'));
            run_effects(&mut app, store.as_ref(), &site, effects).await;
            let mut tty = Tty::new();
            tty.draw(&app);
            for (press, year) in [('t', 2026), ('[', 2025)] {
                let start = Instant::now();
                let effects = app.update(key(press));
                run_effects(&mut app, store.as_ref(), &site, effects).await;
                tty.draw(&app);
                let took = start.elapsed().as_secs_f64() * 1000.0;
                assert_eq!(app.views.scores.period, portal_admin::domain::assessment::Period::Year(year));
                assert!(
                    app.views.scores.units.waiting.is_none() && !app.views.scores.units.rows.is_empty(),
                    "the year's rows are shown"
                );
                units = app.views.scores.units.rows.len();
                if run > 0 {
                    times.push(took);
                }
            }
        }
        let t = common::stats(times);
        println!("{backend} {units} {:.1} {:.1}", t.median, t.max);
    }
}
