//! `search`: the site's items whose title or body holds a text, across its columns.

use serde_json::{Value, json};

use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::domain::ItemStatus;
use crate::domain::time::format_time;
use crate::usecase::search::{self, Asked, Refused};

/// A status as `--status` takes it.
pub(crate) fn parse_status(s: &str) -> Result<ItemStatus, String> {
    s.parse()
}

impl From<Refused> for Failure {
    fn from(refused: Refused) -> Failure {
        match refused {
            Refused::Input(said) => Failure::usage(said),
            Refused::Store(e) => e.into(),
        }
    }
}

pub async fn run(cli: &Cli, asked: &Asked) -> Result<(), Failure> {
    let s = session(cli).await?;
    let prepared = search::prepare(s.store.as_ref(), &s.site, asked).await?;
    let found = search::all(s.store.as_ref(), &s.site, &prepared).await?;
    let mut listing = Listing::new(&["id", "ref", "title", "status", "columns", "unit", "published_at"])
        .shown_as("columns", super::output::placements_text)
        .read_as("columns", super::output::placements_words)
        .code("status", super::codes::Code::Item);
    for item in found {
        let columns: Vec<Value> = item
            .columns
            .iter()
            .map(|(id, path, form)| json!({"id": id, "path": path, "form": form.as_str()}))
            .collect();
        listing.push(vec![
            json!(item.id),
            item.reference.map_or(Value::Null, Value::from),
            json!(item.title),
            json!(item.status.as_str()),
            Value::Array(columns),
            item.unit.map_or(Value::Null, Value::from),
            item.published_at.map_or(Value::Null, |at| json!(format_time(at, cli.utc))),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}
