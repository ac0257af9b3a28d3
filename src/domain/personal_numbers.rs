//! Personal numbers shown in full, as people actually type them: resident ID numbers (18 digits
//! with a valid check digit; first-generation 15-digit ones with a valid birth date), 18-character
//! numbers that would be an ID but for the check digit (a *probable* ID: a typo is still a
//! person's number), mobile numbers (with or without `+86`/`86`), and bank card numbers (16–19
//! digits passing Luhn).
//!
//! The text is normalised character by character before matching — full-width digits and `Ｘ`
//! (NFKC), other spaces and dashes — so every span stays on the original text. A number may be
//! split by spaces, hyphens or dots in the groupings people use (ID 6-8-4, cards in groups of four,
//! mobiles 3-4-4). Boundaries are digit boundaries, not word boundaries: `ID5329…` and a number
//! followed by a full stop are found; a run of digits longer than any of these, or a number glued
//! to a decimal point (`13812345678.5`), is not one. A number after a label such as 订单号 or 编号
//! is a code, not a bank card (nor a probable ID, nor a mobile).

use chrono::NaiveDate;

/// What a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NumberKind {
    /// 18 characters, valid region, birth date and check digit (GB 11643).
    Id18,
    /// A first-generation 15-digit ID: valid region and birth date (19YYMMDD).
    Id15,
    /// 18 characters with a valid region and birth date but a wrong check digit.
    ProbableId,
    Mobile,
    BankCard,
}

impl NumberKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Id18 => "id18",
            NumberKind::Id15 => "id15",
            NumberKind::ProbableId => "probable_id",
            NumberKind::Mobile => "mobile",
            NumberKind::BankCard => "bank_card",
        }
    }
}

/// A number found: its kind, its span in the original text (characters, end excluded), and its
/// characters as normalised (digits, and a final `X`), without separators or country code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundNumber {
    pub kind: NumberKind,
    pub start: usize,
    pub end: usize,
    pub digits: String,
}

/// Labels after which a number is a code of some system, not a person's number.
const CODE_LABELS: &[&str] = &["订单号", "流水号", "合同编号", "项目编号", "编号", "单号"];

/// The province-level codes of GB/T 2260 (the first two digits of an ID number).
fn valid_region(d: &[u8]) -> bool {
    let p = (d[0] - b'0') * 10 + (d[1] - b'0');
    matches!(p, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82)
}

fn date(y: &[u8], m: &[u8], d: &[u8]) -> Option<NaiveDate> {
    let n = |s: &[u8]| std::str::from_utf8(s).ok()?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(n(y)?).ok()?, n(m)?, n(d)?)
}

/// The check character of the first 17 digits (GB 11643).
pub fn id_check(first17: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
    CHECK[(sum % 11) as usize]
}

/// Whether digits pass the Luhn check.
pub fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = u32::from(c - b'0');
            if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// What a number's characters are, if a personal number; `code`: it follows a code label.
fn classify(d: &[u8], code: bool) -> Option<NumberKind> {
    let all_digits = d.iter().all(u8::is_ascii_digit);
    match d.len() {
        18 if d[..17].iter().all(u8::is_ascii_digit) => {
            let born =
                date(&d[6..10], &d[10..12], &d[12..14]).filter(|b| (1900..2100).contains(&chrono::Datelike::year(b)));
            if valid_region(d) && born.is_some() {
                if id_check(&d[..17]) == d[17].to_ascii_uppercase() {
                    return Some(NumberKind::Id18);
                }
                return (!code).then_some(NumberKind::ProbableId);
            }
            (all_digits && !code && luhn(d)).then_some(NumberKind::BankCard)
        }
        15 if all_digits => {
            let born = date(&[b"19", &d[6..8]].concat(), &d[8..10], &d[10..12]);
            (valid_region(d) && born.is_some()).then_some(NumberKind::Id15)
        }
        11 if all_digits && d[0] == b'1' && (b'3'..=b'9').contains(&d[1]) => (!code).then_some(NumberKind::Mobile),
        16..=19 if all_digits && !code && luhn(d) => Some(NumberKind::BankCard),
        _ => None,
    }
}

/// A character as matched: full-width forms by NFKC, other spaces as a space, dashes as `-`.
fn normal(c: char) -> char {
    match c {
        // NFKC takes each full-width form of ASCII to its ASCII character, 0xFEE0 below it.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{00a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => ' ',
        '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{fe63}' => '-',
        _ => c,
    }
}

/// A run of digits, with the separator before it (if it follows another group).
#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    /// The separator between this group and the one before: ' ', '-' or '.' (None: the first).
    sep: Option<char>,
}

/// The groupings people write each kind in (group lengths; the whole number in one group too).
const GROUPINGS: &[&[usize]] = &[
    &[6, 8, 4],
    &[6, 4, 4, 4],
    &[4, 4, 4, 4, 3],
    &[4, 4, 4, 4, 2],
    &[4, 4, 4, 4, 1],
    &[4, 4, 4, 4],
    &[6, 6, 3],
    &[3, 4, 4],
    &[3, 8],
];

/// The fewest digits a number has (a mobile's 11: every other kind has more, and an ID's one
/// character that may not be a digit, its final X, comes after 17): a text with fewer digits, as
/// written or full-width (`normal` makes no other character a digit), has none.
const FEWEST_DIGITS: usize = 11;

/// Every personal number in `text` (characters), in order. A text with fewer than `FEWEST_DIGITS`
/// digits (most of those with any) is counted and passed over, not normalised and read.
pub fn find(text: &[char]) -> Vec<FoundNumber> {
    let digit = |c: &&char| c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(*c);
    if text.iter().filter(digit).nth(FEWEST_DIGITS - 1).is_none() {
        return Vec::new();
    }
    find_all(text)
}

/// `find`, the text read whatever its digits.
fn find_all(text: &[char]) -> Vec<FoundNumber> {
    let n: Vec<char> = text.iter().map(|c| normal(*c)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n.len() {
        if !n[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let groups = token(&n, i);
        let end = groups.last().map_or(i + 1, |g| g.end);
        scan(&n, &groups, &mut out);
        i = end.max(i + 1);
    }
    out
}

/// The groups of digits from `i` joined by one separator each (a space, a hyphen or a dot, with
/// spaces around a hyphen allowed); an ID's last group may end in X.
fn token(n: &[char], i: usize) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut at = i;
    let mut sep = None;
    loop {
        let start = at;
        while at < n.len() && n[at].is_ascii_digit() {
            at += 1;
        }
        if at < n.len() && (n[at] == 'X' || n[at] == 'x') && !n.get(at + 1).is_some_and(char::is_ascii_alphanumeric) {
            at += 1;
        }
        groups.push(Group { start, end: at, sep });
        if n[at - 1] == 'X' || n[at - 1] == 'x' {
            return groups;
        }
        // A separator: ' ', '-', '.', or ' - ' (at most three characters), then a digit.
        let mut j = at;
        let mut spaces = 0;
        while j < n.len() && n[j] == ' ' && spaces < 1 {
            j += 1;
            spaces += 1;
        }
        let mut mark = None;
        if j < n.len() && (n[j] == '-' || n[j] == '.') {
            mark = Some(n[j]);
            j += 1;
            if j < n.len() && n[j] == ' ' && spaces == 1 {
                j += 1;
            }
        }
        if j == at || !n.get(j).is_some_and(char::is_ascii_digit) || (mark.is_none() && spaces == 0) {
            return groups;
        }
        sep = Some(mark.unwrap_or(' '));
        at = j;
    }
}

/// The personal numbers among one token's groups: at each group, the longest grouping that makes
/// a number; a number is never glued to a decimal point.
fn scan(n: &[char], groups: &[Group], out: &mut Vec<FoundNumber>) {
    let lens: Vec<usize> = groups.iter().map(|g| g.end - g.start).collect();
    let mut k = 0;
    while k < groups.len() {
        let mut taken = 0;
        let alone = [lens[k]];
        let candidates = std::iter::once(&alone[..]).chain(GROUPINGS.iter().copied());
        let mut best: Option<(usize, FoundNumber)> = None;
        for shape in candidates {
            let m = shape.len();
            if k + m > groups.len() || lens[k..k + m] != *shape {
                continue;
            }
            // No number has another length (`number`): most runs of digits, a year or an amount,
            // are passed over here, before their digits are gathered.
            if !NUMBER_LENGTHS.contains(&shape.iter().sum::<usize>()) {
                continue;
            }
            let within = &groups[k..k + m];
            // One separator throughout a grouping (6-8-4 with hyphens, 3-4-4 with spaces).
            if m > 1 && within[1..].iter().any(|g| g.sep != within[1].sep) {
                continue;
            }
            let glued = |sep: Option<char>| sep == Some('.');
            if glued(groups[k].sep) || groups.get(k + m).is_some_and(|g| glued(g.sep)) {
                continue;
            }
            if m > 1 && within[1].sep == Some('.') && *shape != [3, 4, 4] {
                continue;
            }
            let digits: String = within.iter().flat_map(|g| n[g.start..g.end].iter()).collect();
            if let Some(found) = number(n, groups[k].start, within[m - 1].end, &digits)
                && best.as_ref().is_none_or(|(bm, _)| m > *bm)
            {
                best = Some((m, found));
            }
        }
        if let Some((m, found)) = best {
            out.push(found);
            taken = m;
        }
        k += taken.max(1);
    }
}

/// How many characters a number `number` finds may have: a mobile (11; 13 and 15 with 86 or 0086
/// written together with it), a first-generation ID (15), a card (16–19), an ID (18).
const NUMBER_LENGTHS: [usize; 7] = [11, 13, 15, 16, 17, 18, 19];

/// The number whose characters are `digits`, from `start` to `end` of `n`, with a country code
/// before a mobile (`+86`, `86`, `0086`, `(+86)`) taken into its span.
fn number(n: &[char], start: usize, end: usize, digits: &str) -> Option<FoundNumber> {
    let code = after_code_label(n, start);
    let bytes = digits.as_bytes();
    if let Some(kind) = classify(bytes, code) {
        let start = if kind == NumberKind::Mobile { country_code_before(n, start).unwrap_or(start) } else { start };
        return Some(FoundNumber { kind, start, end, digits: digits.to_uppercase() });
    }
    // 86 or 0086 written together with the mobile: +8613812345678.
    for prefix in ["86", "0086"] {
        if let Some(rest) = digits.strip_prefix(prefix)
            && rest.len() == 11
            && classify(rest.as_bytes(), code) == Some(NumberKind::Mobile)
        {
            let start = if start > 0 && n[start - 1] == '+' { start - 1 } else { start };
            return Some(FoundNumber { kind: NumberKind::Mobile, start, end, digits: rest.to_string() });
        }
    }
    None
}

/// Where a country code written before a mobile starts: `+86 `, `86-`, `(+86)`, `+86-`.
fn country_code_before(n: &[char], start: usize) -> Option<usize> {
    let before: String = n[start.saturating_sub(7)..start].iter().collect();
    for written in ["(+86)", "(+86) ", "+86 ", "+86-", "+86", "0086 ", "0086-", "86 ", "86-"] {
        if before.ends_with(written) {
            let at = start - written.chars().count();
            // 86 must itself stand alone (not the end of a longer number).
            if at > 0 && n[at - 1].is_ascii_digit() {
                continue;
            }
            return Some(at);
        }
    }
    None
}

/// Whether the number at `start` follows a code label (订单号：, 编号 AB-, 流水号#).
fn after_code_label(n: &[char], start: usize) -> bool {
    let mut i = start;
    let mut skipped = 0;
    while i > 0 && skipped < 12 {
        let c = n[i - 1];
        if c == ':' || c == '：' || c == ' ' || c == '#' || c == '-' || c == '_' || c.is_ascii_alphabetic() {
            i -= 1;
            skipped += 1;
        } else {
            break;
        }
    }
    let before: String = n[i.saturating_sub(4)..i].iter().collect();
    CODE_LABELS.iter().any(|l| before.ends_with(l))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_full_width_form_reads_as_nfkc_reads_it() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\u{ff01}'..='\u{ff5e}').chain(['１', 'Ｘ', '，', '（', '：']) {
            assert_eq!(normal(c).to_string(), c.nfkc().collect::<String>(), "{c}");
        }
    }

    #[test]
    fn no_number_has_another_length() {
        // What `scan` passes over unread: `number` finds nothing in digits of any other length.
        for len in (1..40).filter(|l| !NUMBER_LENGTHS.contains(l)) {
            for fill in ['0', '1', '3', '8', '9'] {
                let digits: String = "1386".chars().chain(std::iter::repeat(fill)).take(len).collect();
                let n: Vec<char> = digits.chars().collect();
                assert_eq!(number(&n, 0, len, &digits), None, "{digits}");
            }
        }
        for text in ["身份证号110105194912310021", "电话 138 1234 5678", "+8613812345678", "0086 13812345678"] {
            assert_eq!(kinds(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_number_has_at_least_the_fewest_digits() {
        // The lengths a number may have, less the one character that may not be a digit.
        assert!(NUMBER_LENGTHS.iter().all(|l| l - usize::from(*l == 18) >= FEWEST_DIGITS));
        for text in ["电话13812345678", "电话１３８１２３４５６７８", "电话138 1234 5678", "1 电话13812345678"]
        {
            assert_eq!(one(text).map(|f| f.0), Some(NumberKind::Mobile), "{text}");
        }
        assert_eq!(one("电话1381234567"), None, "ten digits");
    }

    proptest! {
        /// Passing over a text of few digits finds what reading it finds, on texts made of what
        /// numbers are made of (digits in both widths, X, separators, labels, a decimal point).
        #[test]
        fn passing_over_few_digits_finds_the_same(
            parts in proptest::collection::vec(
                prop_oneof![
                    "[0-9]{1,19}",
                    "[０-９]{1,6}",
                    prop::sample::select(vec![
                        " ", "-", ".", "X", "Ｘ", "+86", "86", "号", "编号", "：", "电话", "身份证", "\u{3000}", "－",
                        "11010519491231002X", "13812345678", "6222020200112233446", "110105491231002",
                    ]).prop_map(str::to_string),
                ],
                0..8,
            )
        ) {
            let chars: Vec<char> = parts.concat().chars().collect();
            prop_assert_eq!(find(&chars), find_all(&chars));
        }
    }

    fn kinds(text: &str) -> Vec<(NumberKind, String)> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars).into_iter().map(|f| (f.kind, chars[f.start..f.end].iter().collect())).collect()
    }

    fn one(text: &str) -> Option<(NumberKind, String)> {
        let mut k = kinds(text);
        assert!(k.len() <= 1, "{text}: {k:?}");
        k.pop()
    }

    #[test]
    fn the_standards_example_and_its_written_forms() {
        use NumberKind::*;
        // 11010519491231002X is GB 11643's own example of a valid number.
        for (text, found) in [
            ("身份证号11010519491231002X。", "11010519491231002X"),
            ("身份证号１１０１０５１９４９１２３１００２Ｘ。", "１１０１０５１９４９１２３１００２Ｘ"),
            ("身份证号 110105 19491231 002X 。", "110105 19491231 002X"),
            ("身份证号110105-19491231-002x", "110105-19491231-002x"),
            ("ID11010519491231002X", "11010519491231002X"),
            ("证件：11010519491231002X.", "11010519491231002X"),
        ] {
            assert_eq!(one(text), Some((Id18, found.to_string())), "{text}");
        }
        assert_eq!(one("身份证号110105194912310021"), Some((ProbableId, "110105194912310021".into())));
        assert_eq!(one("老身份证110105491231002"), Some((Id15, "110105491231002".into())));
    }

    #[test]
    fn mobiles_cards_and_codes() {
        use NumberKind::*;
        for text in
            ["电话13812345678", "电话138 1234 5678", "电话138-1234-5678", "电话+8613812345678", "电话19752753191."]
        {
            assert_eq!(one(text).map(|f| f.0), Some(Mobile), "{text}");
        }
        assert_eq!(one("电话+86 138 1234 5678"), Some((Mobile, "+86 138 1234 5678".into())));
        assert_eq!(one("卡号6222 0202 0011 2233 446"), Some((BankCard, "6222 0202 0011 2233 446".into())));
        assert_eq!(one("订单号6222020200112233446"), None, "a code, not a card");
        assert_eq!(one("项目编号110105194912310021"), None, "a code, not a probable ID");
        assert_eq!(one("项目编号：AB-6222020200112233446"), None);
        // Two mobiles side by side are two.
        assert_eq!(kinds("13812345678 13987654321").len(), 2);
    }

    #[test]
    fn what_only_looks_like_a_personal_number() {
        for text in [
            "增长13812345678.5元",
            "流水号213812345678",
            "统一编码110105194913310025",
            "代码123456789012345678901",
            "0773-2881234",
            "2024-05-01",
            "合同号6222020200112234",
            "ISBN 978-7-111-12345-6",
            "GB 11643-1999",
            "1.3812345678",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }
}
