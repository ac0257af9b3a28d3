//! Units named on the command line the way the console takes them, for every command that names
//! one, reading or writing.

use super::Failure;
use crate::usecase::columns;

/// The unit `typed` names, as the console takes it ([`columns::unit_named`]). None or several:
/// bad input (exit 2), naming the units it could be (all of them when none).
pub async fn unit_named(s: &super::Session, typed: &str) -> Result<String, Failure> {
    columns::unit_named(s.store.as_ref(), &s.site, typed).await?.map(|u| u.name).map_err(Failure::usage)
}

/// The unit an optional `--unit` names, if given: [`unit_named`].
pub async fn unit_if_named(s: &super::Session, typed: Option<&str>) -> Result<Option<String>, Failure> {
    match typed {
        Some(typed) => Ok(Some(unit_named(s, typed).await?)),
        None => Ok(None),
    }
}
