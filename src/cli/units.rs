//! Units named on the command line the way the console takes them, for every command that names
//! one, reading or writing.

use super::Failure;
use crate::t;
use crate::usecase::columns;

/// The unit `typed` names, as the console takes it: its name, part of it, or its pinyin initials
/// (`tjj` 统计局). None or several: bad input (exit 2), naming the units it could be (all of them
/// when none).
pub async fn unit_named(s: &super::Session, typed: &str) -> Result<String, Failure> {
    let units = columns::units(s.store.as_ref(), &s.site).await?;
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    match crate::domain::search::unit_named(&names, typed) {
        Ok(name) => Ok(name.to_string()),
        Err(several) if several.len() > 1 => Err(Failure::usage(t!(
            "unit-ambiguous",
            name = format!("{typed:?}"),
            units = several.join(&t!("list-separator"))
        ))),
        Err(_) => Err(Failure::usage(t!(
            "no-such-unit",
            name = format!("{typed:?}"),
            site = s.site.code.as_str(),
            units = names.join("、")
        ))),
    }
}

/// The unit an optional `--unit` names, if given: [`unit_named`].
pub async fn unit_if_named(s: &super::Session, typed: Option<&str>) -> Result<Option<String>, Failure> {
    match typed {
        Some(typed) => Ok(Some(unit_named(s, typed).await?)),
        None => Ok(None),
    }
}
