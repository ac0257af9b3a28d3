//! Documents written to files: the bulletin, reminder sheets, rectification notices. One rule for
//! all of them: a file already there is not written over without `--force` (the console asks
//! first, then forces); the file's extension chooses the format (`.docx`: the national format,
//! GB/T 9704-2012; otherwise Markdown), and either is a rendering of the same `Document`.

use std::path::{Path, PathBuf};

use crate::domain::document::{self, Document};
use crate::store::{Result, StoreError};
use crate::t;

/// The formats a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Docx,
}

impl Format {
    /// The format a file's name asks for: `.docx` (any case) the national format, else Markdown.
    pub fn of(path: &Path) -> Format {
        match path.extension() {
            Some(e) if e.eq_ignore_ascii_case("docx") => Format::Docx,
            _ => Format::Markdown,
        }
    }

    /// The extension of a file in this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
        }
    }
}

/// The document's bytes in a format.
pub fn render(doc: &Document, format: Format) -> std::io::Result<Vec<u8>> {
    match format {
        Format::Markdown => Ok(document::markdown(doc).into_bytes()),
        Format::Docx => crate::docx::docx(doc),
    }
}

/// Writes the document to `path` whole, in the format its extension asks for: a file already
/// there only with `force` (refused in one line, the file untouched).
pub async fn write(doc: &Document, path: &Path, force: bool) -> std::result::Result<(), WriteError> {
    refuse_taken([path], force).map_err(WriteError::Refused)?;
    let bytes = render(doc, Format::of(path)).map_err(WriteError::Io)?;
    write_whole(path, bytes).await.map_err(WriteError::Io)
}

/// Why a document was not written.
#[derive(Debug)]
pub enum WriteError {
    /// A file is already there and `force` was not given.
    Refused(StoreError),
    /// The file could not be written (the error says why).
    Io(std::io::Error),
}

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

/// Writes `bytes` to `path` whole or not at all, as this user's alone (0600): to a file beside it
/// first, then renamed over it, so that a reader never sees half a document and a failure leaves
/// what was there. A device or a pipe is written into as it is.
pub async fn write_whole(path: &Path, bytes: impl Into<Vec<u8>>) -> std::io::Result<()> {
    let bytes: Vec<u8> = bytes.into();
    let name = path.file_name().ok_or_else(|| std::io::Error::other("not a file name"))?;
    let partial: PathBuf = path.with_file_name(format!(".{}.part", name.to_string_lossy()));
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        // A device or a pipe (`/dev/stdout`, a FIFO) is written into, never replaced.
        if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
            return std::fs::OpenOptions::new().write(true).open(&path).and_then(|mut f| f.write_all(&bytes));
        }
        crate::places::create_private_file(&partial, false)
            .and_then(|mut f| f.write_all(&bytes).and_then(|()| f.sync_all()))
            .and_then(|()| std::fs::rename(&partial, &path))
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&partial);
            })
    })
    .await
    .map_err(std::io::Error::other)?
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

    #[test]
    fn the_extension_chooses_the_format() {
        assert_eq!(Format::of(Path::new("a/通报.DOCX")), Format::Docx);
        assert_eq!(Format::of(Path::new("b.md")), Format::Markdown);
        assert_eq!(Format::of(Path::new("bulletin")), Format::Markdown);
    }

    #[tokio::test]
    async fn a_document_is_written_whole_and_private_over_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024Q3.md");
        std::fs::write(&path, "old").unwrap();
        write_whole(&path, "new bulletin").await.unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new bulletin");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("2024Q3.md")], "no partial file is left");
        let missing_dir = dir.path().join("nowhere").join("b.md");
        assert!(write_whole(&missing_dir, "x").await.is_err());
    }
}
