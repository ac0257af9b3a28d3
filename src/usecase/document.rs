//! Documents written to files: the bulletin, reminder sheets, rectification notices. One rule for
//! all of them: a file already there is not written over without `--force` (the console asks
//! first, then forces).

use std::path::Path;

use crate::store::{Result, StoreError};
use crate::t;

/// Refused in one line when a file is already at one of `paths` and `force` is not given; every
/// path is checked before anything is written, so that a refusal leaves every file as it was. A
/// device or a pipe (`/dev/stdout`) is not a file already there: it is written into.
pub fn refuse_taken<'a>(paths: impl IntoIterator<Item = &'a Path>, force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    match paths.into_iter().find(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file())) {
        Some(taken) => Err(StoreError::Refused(t!("document-exists", path = taken.display().to_string()))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_there_is_refused_unless_forced_and_a_new_one_or_a_device_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let (there, new) = (dir.path().join("there.md"), dir.path().join("new.md"));
        std::fs::write(&there, "old").unwrap();
        let refused = refuse_taken([new.as_path(), there.as_path()], false).unwrap_err().one_line();
        assert!(refused.contains("there.md"), "{refused}");
        assert!(refuse_taken([there.as_path()], true).is_ok());
        assert!(refuse_taken([new.as_path(), Path::new("/dev/null")], false).is_ok());
        assert_eq!(std::fs::read_to_string(&there).unwrap(), "old");
    }
}
