//! The Scores tab's queries and writes, run on a task: a unit's score explained, an incident
//! recorded or corrected, the period's bulletin written to a file. Each gives back one result
//! (an error as one line).

use std::path::PathBuf;

use super::app::{AssessmentLoad, AssessmentLoaded};
use crate::domain::assessment::Period;
use crate::store::{Site, Store, StoreError};
use crate::usecase::assessment;

/// Runs one assessment query or write.
pub async fn load(store: &dyn Store, site: &Site, load: AssessmentLoad) -> AssessmentLoaded {
    let line = |e: StoreError| e.one_line();
    match load {
        AssessmentLoad::Explain { unit, period } => AssessmentLoaded::Explained(
            assessment::explain(store, site, &unit, period).await.map(Box::new).map_err(line),
        ),
        AssessmentLoad::AddIncident { mut input, item } => {
            let recorded = assessment::add_incident(store, site, &mut input, item.as_deref()).await.map_err(line);
            AssessmentLoaded::Added(input, recorded)
        }
        AssessmentLoad::Reverse { id, note } => {
            AssessmentLoaded::Reversed(id, assessment::reverse_incident(store, site, id, &note).await.map_err(line))
        }
        AssessmentLoad::Bulletin { period, file } => {
            AssessmentLoaded::Bulletin(write_bulletin(store, site, period, &file).await)
        }
    }
}

/// The period's bulletin, as `portal-admin scores --bulletin` writes it, to `file` in the current
/// directory; the full path written.
async fn write_bulletin(store: &dyn Store, site: &Site, period: Period, file: &str) -> Result<String, String> {
    let text = assessment::bulletin(store, site, period, None).await.map_err(|e| e.one_line())?;
    let dir = std::env::current_dir().map_err(|e| format!("cannot tell the current directory: {e}"))?;
    let path: PathBuf = dir.join(file);
    let shown = path.display().to_string();
    assessment::write_whole(&path, text).await.map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(shown)
}
