//! The audit trail's hash chain: every record carries a SHA-256 over its content and the hash of
//! the record before it in its chain (one chain per site, and one for the records of no site, in
//! id order). Rewriting a record breaks the chain at it; rewriting every hash after it as well is
//! caught by a published head (`--against`).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// What a record's hash covers, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Content<'a> {
    pub site: Option<i64>,
    pub at: DateTime<Utc>,
    pub operator: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
}

/// A time as both databases keep it: whole microseconds (PostgreSQL's precision; the store writes
/// SQLite's with no more).
pub fn stored_time(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

/// A record's hash as 64 lower-case hex digits, kept without an allocation (a walk makes one per
/// record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hash([u8; 64]);

impl Hash {
    pub fn as_str(&self) -> &str {
        // Only ever hex digits (`digest`).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// The record's hash (64 lower-case hex digits) after `previous` (the previous record's stored
/// hash; `None` for a chain's first record). The encoding is canonical: a version tag, then each
/// field with its length before it, so no two different records encode alike.
pub fn link(content: &Content<'_>, previous: Option<&str>) -> String {
    digest(content, previous).as_str().to_string()
}

/// `link`'s hash, on the stack.
pub fn digest(content: &Content<'_>, previous: Option<&str>) -> Hash {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(b"portal-admin audit v1");
    // The site's id in decimal (none: empty), written without an allocation.
    let mut site = [0u8; 20];
    let written = match content.site {
        Some(s) => {
            let mut cursor = std::io::Cursor::new(&mut site[..]);
            std::io::Write::write_fmt(&mut cursor, format_args!("{s}")).map_or(0, |()| cursor.position() as usize)
        }
        None => 0,
    };
    field(&site[..written]);
    field(&content.at.timestamp_micros().to_be_bytes());
    field(content.operator.as_bytes());
    field(content.action.as_bytes());
    field(content.target.as_bytes());
    field(content.detail.as_bytes());
    field(previous.unwrap_or("").as_bytes());
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (i, b) in h.finalize().iter().enumerate() {
        out[2 * i] = DIGITS[usize::from(b >> 4)];
        out[2 * i + 1] = DIGITS[usize::from(b & 15)];
    }
    Hash(out)
}

/// Whether `text` is written as a hash is (64 hex digits, either case).
pub fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The first record of a chain that does not fit, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub id: i64,
    /// The hash its content and the previous record's hash give.
    pub expected: String,
    /// The hash it carries (empty if none).
    pub found: String,
}

/// A chain walked record by record, in id order.
#[derive(Debug, Default)]
pub struct Walk {
    /// The last record walked: its id and hash.
    last: Option<(i64, Hash)>,
    pub records: u64,
}

impl Walk {
    /// The next record; `Err` if its hash is not the one its content and its predecessor give.
    pub fn step(&mut self, id: i64, content: &Content<'_>, hash: Option<&str>) -> Result<(), Break> {
        let expected = digest(content, self.last.as_ref().map(|(_, h)| h.as_str()));
        let found = hash.unwrap_or("");
        if expected.as_str() != found {
            return Err(Break { id, expected: expected.as_str().to_string(), found: found.to_string() });
        }
        self.records += 1;
        self.last = Some((id, expected));
        Ok(())
    }

    /// The last record walked: its id and hash.
    pub fn head(&self) -> Option<(i64, String)> {
        self.last.as_ref().map(|(id, h)| (*id, h.as_str().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(detail: &str) -> Content<'_> {
        Content {
            site: Some(1),
            at: DateTime::from_timestamp_micros(1_764_000_000_123_456).unwrap(),
            operator: "alice",
            action: "publish",
            target: "item:7",
            detail,
        }
    }

    #[test]
    fn a_hash_depends_on_every_field_and_the_one_before() {
        let base = link(&content("{}"), None);
        assert!(is_hash(&base));
        assert_eq!(base, link(&content("{}"), None), "deterministic");
        let mut other = content("{}");
        other.site = None;
        assert_ne!(link(&other, None), base);
        let mut later = content("{}");
        later.at += chrono::Duration::microseconds(1);
        assert_ne!(link(&later, None), base);
        assert_ne!(link(&content("{ }"), None), base);
        assert_ne!(link(&content("{}"), Some(&base)), base);
        // Lengths keep the fields apart: moving a character from one field to the next changes it.
        let a = Content { operator: "alic", action: "epublish", ..content("{}") };
        assert_ne!(link(&a, None), base);
    }

    #[test]
    fn the_encoding_is_the_one_chains_were_written_with() {
        // Written out as version 1 defines it: a site's id as decimal text, the others as stored.
        let spelled = |content: &Content<'_>, previous: &str| {
            let mut h = Sha256::new();
            let site = content.site.map(|s| s.to_string()).unwrap_or_default();
            let at = content.at.timestamp_micros().to_be_bytes();
            for bytes in [
                &b"portal-admin audit v1"[..],
                site.as_bytes(),
                &at,
                content.operator.as_bytes(),
                content.action.as_bytes(),
                content.target.as_bytes(),
                content.detail.as_bytes(),
                previous.as_bytes(),
            ] {
                h.update((bytes.len() as u64).to_be_bytes());
                h.update(bytes);
            }
            h.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        for site in [None, Some(1), Some(-7), Some(i64::MAX), Some(i64::MIN)] {
            let c = Content { site, ..content("{\"reason\":\"过时\"}") };
            assert_eq!(link(&c, None), spelled(&c, ""));
            let previous = link(&c, None);
            assert_eq!(link(&c, Some(&previous)), spelled(&c, &previous));
        }
    }

    #[test]
    fn a_walk_names_the_first_record_that_does_not_fit() {
        let records: Vec<Content> = ["a", "b", "c", "d"].into_iter().map(content).collect();
        let mut hashes = Vec::new();
        for r in &records {
            let h = link(r, hashes.last().map(String::as_str));
            hashes.push(h);
        }
        let mut walk = Walk::default();
        for (i, r) in records.iter().enumerate() {
            walk.step(i as i64 + 1, r, Some(&hashes[i])).unwrap();
        }
        assert_eq!(walk.head(), Some((4, hashes[3].clone())));
        assert_eq!(walk.records, 4);

        // Record 2 rewritten: the walk stops there.
        let mut walk = Walk::default();
        walk.step(1, &records[0], Some(&hashes[0])).unwrap();
        let broken = walk.step(2, &content("B"), Some(&hashes[1])).unwrap_err();
        assert_eq!(broken.id, 2);
        assert_eq!(broken.found, hashes[1]);

        // Record 2 removed: record 3 no longer follows.
        let mut walk = Walk::default();
        walk.step(1, &records[0], Some(&hashes[0])).unwrap();
        assert_eq!(walk.step(3, &records[2], Some(&hashes[2])).unwrap_err().id, 3);

        // A record without a hash does not fit either.
        let mut walk = Walk::default();
        assert_eq!(walk.step(1, &records[0], None).unwrap_err().found, "");
    }

    #[test]
    fn times_keep_whole_microseconds() {
        let t = DateTime::from_timestamp(1_764_000_000, 123_456_789).unwrap();
        assert_eq!(stored_time(t).timestamp_subsec_nanos(), 123_456_000);
    }
}
