//! `columns`: the column tree.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::output::{Format, Listing};
use super::{Cli, Failure, Session, session};
use crate::domain::Form;
use crate::usecase;

/// The site's columns' ids by path, for the columns of items (JSON names each by id and path).
pub async fn ids(s: &Session) -> Result<HashMap<String, i64>, Failure> {
    let tree = usecase::columns::tree(s.store.as_ref(), &s.site).await?;
    Ok(tree.into_iter().map(|c| (c.path, c.id)).collect())
}

/// An item's columns as JSON: `[{"id": 12, "path": "政务动态 / 部门动态", "form": "text"}]` (the
/// id null for a path the tree no longer has).
pub fn placements<'a>(ids: &HashMap<String, i64>, columns: impl IntoIterator<Item = (&'a str, Form)>) -> Value {
    Value::Array(
        columns
            .into_iter()
            .map(|(path, form)| json!({"id": ids.get(path), "path": path, "form": form.as_str()}))
            .collect(),
    )
}

pub async fn run(cli: &Cli) -> Result<(), Failure> {
    let s = session(cli).await?;
    let columns = usecase::columns::tree(s.store.as_ref(), &s.site).await?;
    let mut listing = Listing::new(&["id", "path", "level", "deadline", "rule", "departments", "units", "note"])
        .shown_as("units", |v| {
            v.as_array().map(|u| u.iter().map(super::output::plain).collect::<Vec<_>>().join("、")).unwrap_or_default()
        })
        .code("rule", super::codes::Code::Rule);
    for c in columns {
        listing.push(vec![
            json!(c.id),
            json!(c.path),
            json!(c.level),
            json!(c.deadline),
            json!(c.rule.to_string()),
            json!(c.departments),
            json!(c.units),
            json!(c.note),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}
