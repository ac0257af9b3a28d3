//! Times retraction (issue 6) on a database, as the console runs it (the store opened once):
//!
//! - from the key press that confirms a request's withdrawal (Enter on the confirmation) to the
//!   frame that shows it done: the withdrawal, the reloads it asks for, each drawn as it arrives
//!   through the real crossterm backend; the clock stops at the first frame whose status line says
//!   the item was withdrawn and whose list no longer holds the request (and, separately, when every
//!   reload has arrived and been drawn);
//! - a bulk withdrawal of 1,000 items as outdated: the 1,000 newest items that went online before
//!   2023-01-01 in the column with the most items (its 1,000 newest, in a site with fewer), in
//!   one call of the store.
//!
//!   cargo bench --bench retraction -- RUNS URL…
//!
//! Each run changes the database and puts it back: it records a request on an online item,
//! withdraws the most urgent request's item, then restores it; the bulk run withdraws 1,000 items,
//! then restores each (the restores are not timed). What stays behind is history: requests, withdrawals, audit records.
//! Prints one line per database:
//! `backend key_median_ms key_max_ms settled_median_ms settled_max_ms bulk_items bulk_median_ms bulk_max_ms`.

use std::time::Instant;

use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portal_admin::domain::RetractionReason;
use portal_admin::store::Seek;
use portal_admin::ui::app::{App, Effect, Msg};
use portal_admin::ui::load;

mod common;
use common::console::{Tty, open_app, run_effects};

const BULK: i64 = 1_000;

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ([runs], urls) = common::args("cargo bench --bench retraction -- RUNS URL…");
    let runs: usize = runs.parse().expect("RUNS is a number");
    for url in urls {
        let (backend, store, site) = common::open(&url).await;
        let columns = store.columns(&site).await.expect("the columns");
        let mut biggest = (0, 0);
        for c in &columns {
            let n = store.column_item_count(&site, c.id).await.expect("a count");
            biggest = biggest.max((n, c.id));
        }
        let column = biggest.1;
        let unit = store.units(&site).await.expect("the units")[0].name.clone();
        // Online items to withdraw by request: the column's newest.
        let candidates =
            store.column_items(&site, column, Seek::First, None, runs as i64 + 1).await.expect("the column's items");

        let (mut keys, mut settled) = (Vec::new(), Vec::new());
        for (run, item) in candidates.iter().enumerate() {
            store
                .request_retraction(&site, item.id, &unit, RetractionReason::Classified, "benchmark")
                .await
                .expect("a request");
            let mut app = open_app(store.as_ref(), &site, Utc::now(), (80, 24)).await;
            let effects = press(&mut app, KeyCode::Char('3'));
            run_effects(&mut app, store.as_ref(), &site, effects).await;
            let mut tty = Tty::new();
            tty.draw(&app);
            // The most urgent request is the one withdrawn (the one just made, or an older one).
            let (top, withdrawn) = app
                .views
                .retractions
                .list
                .shown
                .first()
                .map(|&i| (app.views.retractions.list.rows[i].id, app.views.retractions.list.rows[i].item))
                .expect("a request");
            assert!(press(&mut app, KeyCode::Char('w')).is_empty(), "nothing is written before the confirmation");
            tty.draw(&app);

            let start = Instant::now();
            let mut pending = press(&mut app, KeyCode::Enter);
            tty.draw(&app);
            let mut visible = None;
            // As the console's runtime does: each result drawn as it arrives.
            while !pending.is_empty() {
                let mut next = Vec::new();
                for effect in pending {
                    if let Effect::Load(id, what) = effect {
                        let loaded = load(store.as_ref(), &site, what).await;
                        next.extend(app.update(Msg::Loaded(id, loaded)));
                        tty.draw(&app);
                        let said = app.notice.as_ref().is_some_and(|n| !n.error && n.text.contains("withdr"));
                        let gone = app.views.retractions.list.waiting.is_none()
                            && !app.views.retractions.list.rows.iter().any(|r| r.id == top);
                        if visible.is_none() && said && gone {
                            visible = Some(start.elapsed().as_secs_f64() * 1000.0);
                        }
                    }
                }
                pending = next;
            }
            let all = start.elapsed().as_secs_f64() * 1000.0;
            let visible = visible.unwrap_or_else(|| panic!("the withdrawal never showed: {:?}", app.notice));
            store.restore(&site, withdrawn, "benchmark").await.expect("a restore");
            if run > 0 {
                keys.push(visible);
                settled.push(all);
            }
        }

        let cutoff = portal_admin::domain::time::beijing_midnight(chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
        let mut bulk = Vec::new();
        let mut items = 0;
        for _ in 0..runs.min(5) {
            let mut old =
                store.column_items(&site, column, Seek::After((cutoff, 0)), None, BULK).await.expect("the old items");
            if (old.len() as i64) < BULK {
                // A site too small to have 1,000 items in the column before 2023: its newest 1,000.
                old = store.column_items(&site, column, Seek::First, None, BULK).await.expect("the column's items");
            }
            let ids: Vec<i64> = old.iter().map(|i| i.id).collect();
            items = ids.len();
            let start = Instant::now();
            let done = store
                .retract(&site, &ids, RetractionReason::Outdated, "benchmark", &|_| {})
                .await
                .expect("a bulk withdrawal");
            bulk.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(done.withdrawn.len(), ids.len());
            for id in ids {
                store.restore(&site, id, "benchmark").await.expect("a restore");
            }
        }
        let (k, s, b) = (common::stats(keys), common::stats(settled), common::stats(bulk));
        println!(
            "{backend} {:.1} {:.1} {:.1} {:.1} {items} {:.1} {:.1}",
            k.median, k.max, s.median, s.max, b.median, b.max
        );
    }
}
