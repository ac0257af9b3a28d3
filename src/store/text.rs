//! Text read from the database that may not be valid UTF-8 (SQLite keeps whatever bytes a raw
//! `sqlite3` session wrote; PostgreSQL never stores invalid text): decoded with the bad bytes
//! replaced by U+FFFD instead of failing the whole list, and the items it happened to noted, so a
//! command can name them in a warning.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Mutex;

use sqlx::error::BoxDynError;
use sqlx::{Decode, Postgres, Sqlite, Type};

/// A text column decoded leniently; `repaired` when bytes had to be replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lossy {
    pub text: String,
    pub repaired: bool,
}

/// A text's bytes as `Lossy` reads them: as they are when UTF-8, else each invalid sequence as
/// U+FFFD; borrowed when they are. Checked with SIMD (`simdutf8`): the standard library's check
/// reads Chinese text a character at a time, and `check --all` checks every text of the site.
pub(crate) fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

impl Lossy {
    fn from_bytes(bytes: &[u8]) -> Lossy {
        match std::str::from_utf8(bytes) {
            Ok(text) => Lossy { text: text.to_string(), repaired: false },
            Err(_) => Lossy { text: String::from_utf8_lossy(bytes).into_owned(), repaired: true },
        }
    }
}

impl Type<Sqlite> for Lossy {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <[u8] as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for Lossy {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Lossy::from_bytes(<&[u8] as Decode<Sqlite>>::decode(value)?))
    }
}

impl Type<Postgres> for Lossy {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <String as Type<Postgres>>::type_info()
    }

    fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
        <String as Type<Postgres>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Postgres> for Lossy {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Lossy { text: <String as Decode<Postgres>>::decode(value)?, repaired: false })
    }
}

/// The items whose text had bad bytes replaced since the last `take_repaired`.
static REPAIRED: Mutex<BTreeSet<i64>> = Mutex::new(BTreeSet::new());

/// Notes that item `id`'s text had bad bytes replaced.
pub(crate) fn note_repaired(id: i64) {
    if let Ok(mut ids) = REPAIRED.lock() {
        ids.insert(id);
    }
}

/// Notes item `id` as read with bad bytes replaced (`note_repaired`) when the JSON array it came
/// from in one text had them (`page_repaired`: `Lossy::repaired`) and one of its `texts` holds the
/// replacement character they became.
pub(crate) fn note_replaced(page_repaired: bool, id: i64, texts: &[Option<&str>]) {
    if page_repaired && texts.iter().flatten().any(|t| t.contains('\u{fffd}')) {
        note_repaired(id);
    }
}

/// The items whose text was read with bad bytes replaced, since the last call (each once).
pub fn take_repaired() -> Vec<i64> {
    REPAIRED.lock().map(|mut ids| std::mem::take(&mut *ids).into_iter().collect()).unwrap_or_default()
}

/// The warning a command prints for the items `take_repaired` gave, if any.
pub fn repaired_warning(ids: &[i64]) -> Option<String> {
    let (first, rest) = ids.split_first()?;
    let more = if rest.is_empty() {
        String::new()
    } else {
        format!(" (and {})", rest.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
    };
    Some(format!(
        "warning: item {first}{more}: its text in the database is not valid UTF-8; shown with � for the bad bytes \
            (fix it with `portal-admin import` of a corrected version, or in the database)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_replaced_and_said() {
        assert_eq!(Lossy::from_bytes("象山".as_bytes()), Lossy { text: "象山".into(), repaired: false });
        assert_eq!(Lossy::from_bytes(b"\xe8\xb1\xa1\xffA"), Lossy { text: "象\u{fffd}A".into(), repaired: true });
        assert!(repaired_warning(&[]).is_none());
        assert!(repaired_warning(&[7, 9]).unwrap().starts_with("warning: item 7 (and 9): its text"));
    }

    #[test]
    fn a_texts_bytes_read_as_the_standard_library_reads_them() {
        // Short and long (the SIMD check reads 64 bytes at a time), a bad byte or a cut character
        // at the start, in the middle, at the end.
        let long = "象山区人民政府2026年重点工作。".repeat(20);
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"A".to_vec(), "象山".as_bytes().to_vec(), long.clone().into()];
        for at in [0, 1, 33, 64, 65, 200, long.len()] {
            for bad in [&b"\xff"[..], b"\xe8\xb1", b"\xc0\x80", b"\xed\xa0\x80"] {
                let mut text = long.as_bytes().to_vec();
                text.splice(at..at, bad.iter().copied());
                texts.push(text);
            }
        }
        for text in &texts {
            assert_eq!(utf8(text), String::from_utf8_lossy(text), "{text:?}");
            assert_eq!(matches!(utf8(text), Cow::Borrowed(_)), std::str::from_utf8(text).is_ok(), "{text:?}");
        }
    }
}
