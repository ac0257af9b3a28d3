//! What a row is found by in the console's filter (and a unit by `search --unit`): its text in
//! lower case, and the pinyin initials of its Chinese characters with every reading a character
//! has (行 is h and x, 长 c and z, 重 z and c), so `hybz` finds 行业标准 and `zcqgh` 中长期规划 —
//! for SSH sessions without a Chinese input method. Only letters, digits and Chinese characters count for initials:
//! circled numbers (①②), brackets, punctuation and the path separator are skipped, so
//! `cxdbshjz` finds ①城乡低保（社会救助）.

use pinyin::ToPinyinMulti;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKey {
    text: String,
    /// One set of initials per letter, digit or Chinese character: a bit per letter (a–z) and
    /// per digit (0–9).
    initials: Vec<u64>,
}

/// The bit of a Latin letter or digit.
fn bit(c: char) -> Option<u64> {
    match c.to_ascii_lowercase() {
        l @ 'a'..='z' => Some(1 << (l as u32 - 'a' as u32)),
        d @ '0'..='9' => Some(1 << (26 + d as u32 - '0' as u32)),
        _ => None,
    }
}

/// The initials a character may be typed as: itself for a Latin letter or digit, the first
/// letter of each reading for a Chinese character; none for anything else.
fn initials(c: char) -> Option<u64> {
    if c.is_ascii_alphanumeric() {
        return bit(c);
    }
    let readings = c.to_pinyin_multi()?;
    let set = readings.into_iter().filter_map(|p| p.first_letter().chars().next().and_then(bit)).fold(0, |a, b| a | b);
    (set != 0).then_some(set)
}

impl SearchKey {
    pub fn new(parts: &[&str]) -> SearchKey {
        let text = parts.join(" ").to_lowercase();
        let initials = text.chars().filter_map(initials).collect();
        SearchKey { text, initials }
    }

    /// A substring match of the text; a needle of Latin letters (and digits) also matches the
    /// initials, any reading of each character.
    pub fn matches(&self, needle: &str) -> bool {
        let needle = needle.trim().to_lowercase();
        if needle.is_empty() || self.text.contains(&needle) {
            return true;
        }
        let Some(wanted) = needle.chars().map(bit).collect::<Option<Vec<u64>>>() else { return false };
        self.initials.windows(wanted.len()).any(|w| w.iter().zip(&wanted).all(|(have, want)| have & want != 0))
    }
}

/// How many readings of a title `stored_initials` writes out whole, at most, beyond the title
/// with each character's first reading and with each other reading of one character at a time.
pub const READINGS: usize = 4;

/// A title's pinyin initials as the database stores them (`items.title_initials`), so that a
/// list's filter of Latin letters (`hybz`) is a substring search in SQL, through an index: the
/// initials of each letter, digit and Chinese character, in lower case, read the first way, then
/// with each other reading of one character at a time (行业标准: `xybz hybz`), then every other
/// combination of readings while there are at most `READINGS` in all; separated by spaces, which no
/// filter of initials holds. The same initials `SearchKey::matches` reads (a title with more
/// characters of several readings than that is found by each reading of one of them).
pub fn stored_initials(title: &str) -> String {
    let slots: Vec<Vec<char>> = title.to_lowercase().chars().filter_map(initials).map(letters).collect();
    if slots.is_empty() {
        return String::new();
    }
    // The first reading of each character: its first reading's initial, as the crate lists them.
    let first: Vec<char> = title.to_lowercase().chars().filter_map(first_initial).collect();
    let mut out: Vec<String> = vec![first.iter().collect()];
    let push = |reading: String, out: &mut Vec<String>| {
        if !out.contains(&reading) {
            out.push(reading);
        }
    };
    for (at, slot) in slots.iter().enumerate() {
        for &other in slot.iter().filter(|c| **c != first[at]) {
            let mut reading = first.clone();
            reading[at] = other;
            push(reading.into_iter().collect(), &mut out);
        }
    }
    let combinations = slots.iter().try_fold(1usize, |n, s| n.checked_mul(s.len()).filter(|n| *n <= READINGS));
    if combinations.is_some() {
        let mut readings: Vec<String> = vec![String::new()];
        for slot in &slots {
            readings = readings.iter().flat_map(|r| slot.iter().map(move |c| format!("{r}{c}"))).collect();
        }
        for reading in readings {
            push(reading, &mut out);
        }
    }
    out.join(" ")
}

/// The letters (and digits) of a set of initials, in order.
fn letters(set: u64) -> Vec<char> {
    (0..36u8)
        .filter(|b| set & (1 << b) != 0)
        .map(|b| if b < 26 { char::from(b'a' + b) } else { char::from(b'0' + (b - 26)) })
        .collect()
}

/// The initial of a character's first reading (itself for a Latin letter or digit); none for
/// what has no initials.
fn first_initial(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    let readings = c.to_pinyin_multi()?;
    let first = readings.into_iter().find_map(|p| p.first_letter().chars().next().filter(|l| bit(*l).is_some()));
    first.map(|l| l.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_initials_hold_every_reading() {
        let mut readings: Vec<String> = stored_initials("行业标准").split(' ').map(str::to_string).collect();
        readings.sort();
        assert_eq!(readings, ["hybz", "xybz"]);
        assert_eq!(stored_initials("民政局"), "mzj");
        assert!(stored_initials("①城乡低保（社会救助）").starts_with("cxdbshjz "), "会 read huì, then kuài");
        assert_eq!(stored_initials("2024年工作要点"), "2024ngzyd");
        assert_eq!(stored_initials("——"), "");
        for (title, typed) in [("中长期规划", "zcqgh"), ("中长期规划", "zzqgh"), ("重大项目", "cdxm")] {
            assert!(stored_initials(title).split(' ').any(|r| r.contains(typed)), "{title} {typed}");
        }
        // Every reading of each character is stored, however many a title has.
        let long = "行长重行长重行长重行长重";
        let stored = stored_initials(long);
        for (at, c) in long.chars().enumerate() {
            for l in letters(initials(c).unwrap()) {
                let mut wanted: Vec<char> = stored.split(' ').next().unwrap().chars().collect();
                wanted[at] = l;
                let wanted: String = wanted.into_iter().collect();
                assert!(stored.split(' ').any(|r| r == wanted), "{long}: {wanted} in {stored}");
            }
        }
    }

    /// The table made with pypinyin (tests/fixtures/make_pinyin_fixture.py).
    const TABLE: &str = include_str!("../../tests/fixtures/pinyin-initials.tsv");

    #[test]
    fn any_reading_of_a_heteronym_matches() {
        assert!(SearchKey::new(&["行业标准"]).matches("hybz"));
        assert!(SearchKey::new(&["行业标准"]).matches("xybz"));
        assert!(SearchKey::new(&["中长期规划"]).matches("zcqgh"));
        assert!(SearchKey::new(&["长沙银行"]).matches("csyh"));
        assert!(SearchKey::new(&["重大项目"]).matches("zdxm"));
        assert!(SearchKey::new(&["①城乡低保（社会救助）"]).matches("cxdbshjz"));
        assert!(SearchKey::new(&["政府信息公开 / 机构职能"]).matches("gkjg"), "across the path separator");
        assert!(SearchKey::new(&["2024年工作要点"]).matches("2024ngz"));
        assert!(!SearchKey::new(&["民政局"]).matches("rsj"));
        assert!(!SearchKey::new(&["民政局"]).matches("m-z"), "a needle with punctuation matches the text only");
    }

    #[test]
    fn every_shipped_column_and_unit_name_is_found_as_pypinyin_reads_it() {
        let (mut names, mut chars, mut missing) = (0, 0, Vec::new());
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let [what, text, letters] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("{line}") };
            match what {
                "name" => {
                    names += 1;
                    if !SearchKey::new(&[text]).matches(letters) {
                        missing.push(format!("{text} by {letters}"));
                    }
                }
                _ => {
                    chars += 1;
                    let ours = text.chars().next().and_then(initials).unwrap_or(0);
                    for l in letters.chars() {
                        if ours & bit(l).unwrap() == 0 {
                            missing.push(format!("{text} read as {l}…"));
                        }
                    }
                }
            }
        }
        assert!(names > 300 && chars > 300, "{names} names, {chars} characters");
        assert!(missing.is_empty(), "{} not found: {missing:?}", missing.len());
    }
}
