//! The console's incident writes (`app::AssessmentLoad`), run on a task: an incident recorded or
//! corrected, through the same use cases `scores incident` calls. Each gives back one result (an
//! error as one line, a lost connection told as every query's is).

use super::app::{AssessmentLoad, AssessmentLoaded};
use crate::store::{Site, Store, StoreError};
use crate::usecase::assessment;

/// Runs one incident write; an error as one line (`line`, which tells a lost connection).
pub async fn load(
    store: &dyn Store,
    site: &Site,
    load: AssessmentLoad,
    line: impl Fn(StoreError) -> String,
) -> AssessmentLoaded {
    match load {
        AssessmentLoad::AddIncident { mut input, item } => {
            let recorded = assessment::add_incident(store, site, &mut input, item.as_deref()).await.map_err(line);
            AssessmentLoaded::Added(input, recorded)
        }
        AssessmentLoad::Reverse { id, note } => {
            AssessmentLoaded::Reversed(id, assessment::reverse_incident(store, site, id, &note).await.map_err(line))
        }
    }
}
