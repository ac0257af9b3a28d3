//! Search by text (issue 21): what a search takes, and which unit a name or its pinyin initials
//! name.

use crate::t;

use super::search_key::SearchKey;

/// The fewest characters a search takes: one character would find nearly every item.
pub const SHORTEST: usize = 2;

/// A text to look for in items' titles and bodies, as typed: every character stands for itself
/// (`%`, `_`, quotes, `*` and words such as `NEAR` too), and Latin letters match either case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle(String);

impl Needle {
    /// The text, if it has two characters or more; else the one line that says it needs two.
    pub fn new(text: &str) -> Result<Needle, String> {
        if text.chars().count() < SHORTEST {
            return Err(t!("search-too-short", text = format!("{text:?}"), least = SHORTEST));
        }
        if text.contains('\0') {
            return Err(t!("search-nul"));
        }
        Ok(Needle(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in characters.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

/// Which of `names` a unit typed as `wanted` is: the one of that name; else the ones whose name
/// holds it or whose pinyin initials it is (`mzj` 民政局). `Err` with the candidates when it is
/// none or several.
pub fn unit_named<'a>(names: &[&'a str], wanted: &str) -> Result<&'a str, Vec<&'a str>> {
    let wanted = wanted.trim();
    if let Some(exact) = names.iter().find(|n| **n == wanted) {
        return Ok(exact);
    }
    let found: Vec<&str> = names.iter().copied().filter(|n| SearchKey::new(&[n]).matches(wanted)).collect();
    match found[..] {
        [one] => Ok(one),
        _ => Err(found),
    }
}

/// Whether a database's character classification (PostgreSQL's LC_CTYPE) knows only ASCII:
/// `C` and `POSIX` (not `C.UTF-8`, whose classes are Unicode's). pg_trgm takes only letters and
/// digits for parts of words, so under these it indexes no Chinese character.
pub fn ascii_only_ctype(ctype: &str) -> bool {
    matches!(ctype, "C" | "POSIX")
}

/// Whether a list's filter may be pinyin initials (`ysqgk` 依申请公开): Latin letters and digits
/// only.
pub fn may_be_initials(typed: &str) -> bool {
    typed.trim().chars().all(|c| c.is_ascii_alphanumeric())
}

/// The units of `names` a list's filter `typed` names: those whose name holds it or whose pinyin
/// initials it is (`mzj` is 民政局 and 民宗局).
pub fn units_matching<'a>(names: &[&'a str], typed: &str) -> Vec<&'a str> {
    names.iter().copied().filter(|n| SearchKey::new(&[n]).matches(typed)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_needs_two_characters_and_keeps_them_as_typed() {
        assert!(Needle::new("").is_err());
        assert!(Needle::new("象").is_err());
        assert!(Needle::new("a").is_err());
        assert_eq!(Needle::new("象山").unwrap().chars(), 2);
        assert_eq!(Needle::new(" %_\"*").unwrap().as_str(), " %_\"*");
        assert!(Needle::new("a\0b").is_err());
    }

    #[test]
    fn a_unit_by_its_name_or_its_initials() {
        let units = ["民政局", "民宗局", "统计局", "大圩镇"];
        assert_eq!(unit_named(&units, "民政局"), Ok("民政局"));
        assert_eq!(unit_named(&units, "统计"), Ok("统计局"));
        assert_eq!(unit_named(&units, "tjj"), Ok("统计局"));
        assert_eq!(unit_named(&units, "dxz"), Ok("大圩镇"));
        assert_eq!(unit_named(&units, "mzj"), Err(vec!["民政局", "民宗局"]), "two units have those initials");
        assert_eq!(unit_named(&units, "财政局"), Err(vec![]));
        assert_eq!(units_matching(&units, "mzj"), vec!["民政局", "民宗局"]);
        assert_eq!(units_matching(&units, "局"), vec!["民政局", "民宗局", "统计局"]);
        assert!(units_matching(&units, "财政").is_empty());
        assert!(may_be_initials("ysqgk") && may_be_initials("2025"));
        assert!(!may_be_initials("2025年") && !may_be_initials("wifi coverage"));
        assert!(ascii_only_ctype("C") && ascii_only_ctype("POSIX"));
        assert!(!ascii_only_ctype("C.UTF-8") && !ascii_only_ctype("zh_CN.UTF-8") && !ascii_only_ctype("en_US.utf8"));
    }
}
