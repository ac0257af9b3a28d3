//! Times the console inside one program, drawing through the real crossterm backend into memory
//! (`ui::terminal::draw_frame`: the same diffing, terminal scrolling, escape sequences and
//! synchronized-output markers a terminal receives):
//!
//! - first full screen: open the database, the first query (every column's staleness), the first
//!   draw;
//! - a key press that moves the selection: the update and the redraw, and the bytes that redraw
//!   writes.
//!
//!   cargo bench --bench console -- RUNS URL…      (URL#CODE: site CODE of a database of many)
//!
//! Prints one line per database and size:
//! `backend WxH first_ms key_mean_ms key_max_ms move_bytes_mean move_bytes_max scroll_bytes_mean
//! scroll_bytes_max` (a move within the page; a move that scrolls the list by a row).
//! `benches/console.sh` runs it on the 1,000,000-item demo databases and adds the real binary's
//! time to first screen and resident memory in tmux.

use std::time::Instant;

use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portal_admin::store::{self, OpenOptions, Target};
use portal_admin::ui::app::Msg;

mod common;
use common::console::{Tty, open_app};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench console -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    for url in urls {
        let (url, code) = common::site_of(&url);
        let target = Target::parse(url).expect("a database URL");
        let backend = common::backend(&target);
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut firsts = Vec::new();
            let mut keys = Vec::new();
            // Bytes of a move within the page, and of a move that scrolls the list by a row.
            let mut moves = Vec::new();
            let mut scrolls = Vec::new();
            for run in 0..=runs {
                let start = Instant::now();
                let store = store::open(&target, OpenOptions::default()).await.expect("open the database");
                let site = store.site(code).await.expect("a site");
                let mut app = open_app(store.as_ref(), &site, Utc::now(), (w, h)).await;
                let mut screen = Tty::new();
                screen.draw(&app);
                let first = start.elapsed().as_secs_f64() * 1000.0;
                assert!(app.views.columns.tree.is_some(), "the columns loaded");
                if run == 0 {
                    continue; // warms the file cache and the server
                }
                firsts.push(first);
                // Expand everything so the list is long, then move down through it.
                app.update(Msg::Key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE)));
                screen.draw(&app);
                for _ in 0..50 {
                    let offset = app.views.columns.cursor.offset;
                    let start = Instant::now();
                    let effects = app.update(Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)));
                    let n = screen.draw(&app);
                    keys.push(start.elapsed().as_secs_f64() * 1000.0);
                    if app.views.columns.cursor.offset == offset {
                        moves.push(n as f64)
                    } else {
                        scrolls.push(n as f64)
                    }
                    assert!(effects.is_empty(), "moving in the tree queries nothing");
                }
            }
            let (firsts, keys, moves, scrolls) =
                (common::stats(firsts), common::stats(keys), common::stats(moves), common::stats(scrolls));
            println!(
                "{backend} {w}x{h} {:.1} {:.3} {:.3} {:.0} {:.0} {:.0} {:.0}",
                firsts.median, keys.mean, keys.max, moves.mean, moves.max, scrolls.mean, scrolls.max
            );
        }
    }
}
