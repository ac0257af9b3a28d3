//! The Scores tab's queries and writes, run on a task: a unit's score explained, an incident
//! recorded or corrected, the period's bulletin written to a file. Each gives back one result
//! (an error as one line).

use std::path::PathBuf;

use super::app::{AssessmentLoad, AssessmentLoaded, Explanation};
use crate::domain::assessment::Period;
use crate::reports::bulletin;
use crate::store::{Site, Store, StoreError};

/// Runs one assessment query or write.
pub async fn load(store: &dyn Store, site: &Site, load: AssessmentLoad) -> AssessmentLoaded {
    let line = |e: StoreError| e.one_line();
    match load {
        AssessmentLoad::Explain { unit, period } => {
            AssessmentLoaded::Explained(explain(store, site, &unit, period).await.map(Box::new).map_err(line))
        }
        AssessmentLoad::AddIncident { mut input, item } => {
            let recorded = async {
                if let Some(key) = &item {
                    input.item = Some(store.find_item(site, key).await?);
                }
                store.add_incident(site, &input).await
            }
            .await
            .map_err(line);
            AssessmentLoaded::Added(input, recorded)
        }
        AssessmentLoad::Reverse { id, note } => {
            AssessmentLoaded::Reversed(id, store.reverse_incident(site, id, &note).await.map_err(line))
        }
        AssessmentLoad::Bulletin { period, file } => {
            AssessmentLoaded::Bulletin(write_bulletin(store, site, period, &file).await)
        }
    }
}

/// What a unit's score in a period is made of: its items and incidents, and from the period's
/// bulletin its line of the ranking, its Art. 17 signals and its overdue columns.
async fn explain(store: &dyn Store, site: &Site, unit: &str, period: Period) -> crate::store::Result<Explanation> {
    let (from, until) = (period.first_day(), period.end_day());
    // At once: on a large database the bulletin's facts take as long as the rest together.
    let (items, incidents, b) = tokio::try_join!(
        store.unit_items(site, unit, from, until),
        store.incidents(site, Some((from, until)), Some(unit)),
        bulletin::gather(store, site, period),
    )?;
    fn mine<T>(list: Vec<(String, Vec<T>)>, unit: &str) -> Vec<T> {
        list.into_iter().find(|(u, _)| u == unit).map(|(_, v)| v).unwrap_or_default()
    }
    Ok(Explanation {
        row: b.scores.into_iter().find(|r| r.unit == unit),
        items,
        incidents,
        signals: mine(b.signals, unit),
        overdue: mine(b.overdue, unit),
    })
}

/// The period's bulletin, as `portal-admin scores --bulletin` writes it, to `file` in the current
/// directory; the full path written.
async fn write_bulletin(store: &dyn Store, site: &Site, period: Period, file: &str) -> Result<String, String> {
    let text = bulletin::render(&bulletin::gather(store, site, period).await.map_err(|e| e.one_line())?);
    let dir = std::env::current_dir().map_err(|e| format!("cannot tell the current directory: {e}"))?;
    let path: PathBuf = dir.join(file);
    let shown = path.display().to_string();
    // A file written whole or not at all: beside it first, then renamed over it.
    let partial = dir.join(format!(".{file}.part"));
    let written = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        crate::places::create_private_file(&partial, false)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .and_then(|_| std::fs::rename(&partial, &path))
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&partial);
            })
    })
    .await
    .map_err(|e| e.to_string())?;
    written.map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(shown)
}
