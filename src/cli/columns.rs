//! `columns`: the column tree.

use serde_json::json;

use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::usecase;

pub async fn run(cli: &Cli) -> Result<(), Failure> {
    let s = session(cli).await?;
    let columns = usecase::columns::tree(s.store.as_ref(), &s.site).await?;
    let mut listing = Listing::new(&["id", "path", "level", "deadline", "rule", "departments", "units", "note"]);
    for c in columns {
        listing.push(vec![
            json!(c.id),
            json!(c.path),
            json!(c.level),
            json!(c.deadline),
            json!(c.rule.to_string()),
            json!(c.departments),
            json!(c.units.join("、")),
            json!(c.note),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}
