//! Personal numbers as people type them: a corpus of a few thousand cases of each kind — valid
//! numbers in every written form, broken ones (a probable ID), and decoys that only look like
//! personal numbers — with the verdict each must get, and the content checks measured on it: no
//! missed number, no mislabel, at most 0.5 % false findings on decoys.
//!
//! The corpus is written by the generator below (deterministic) into
//! `tests/corpus/personal-numbers.jsonl`, which is checked in: its verdicts were checked with an
//! independent implementation, python-stdnum (`stdnum.cn.ric` for ID numbers, `stdnum.luhn` for
//! cards), by `tests/corpus/verify_with_stdnum.py`. `PORTAL_ADMIN_UPDATE_CORPUS=1 cargo test --test
//! personal_numbers` writes it again after a change to the generator (then run the script).

use std::collections::BTreeMap;

use portal_admin::domain::personal_numbers::{NumberKind, find, id_check, luhn};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

const CORPUS: &str = "tests/corpus/personal-numbers.jsonl";
/// Cases of each kind of number, and of decoys.
const PER_KIND: usize = 2_400;
const DECOYS: usize = 4_000;

/// County codes valid (by GB/T 2260 as python-stdnum records it) for every birth year used.
const REGIONS: &[&str] = &[
    "110101", "110102", "110105", "110108", "120101", "120103", "310101", "310104", "320102", "330106", "370102",
    "420106", "430102", "440103", "440304", "450102", "450302", "450303", "450304", "450305", "450322", "610113",
    "650102", "530102", "350102", "210102", "410105", "340102",
];
/// Province codes that do not exist.
const BAD_PROVINCES: &[&str] =
    &["00", "10", "19", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72", "80", "90", "99"];
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "173", "175", "177", "180", "181", "182", "183", "185", "186", "187", "188",
    "189", "191", "195", "198", "199",
];
const CARD_PREFIXES: &[&str] =
    &["622202", "621700", "622848", "621226", "436742", "518710", "625965", "622588", "623668", "603367"];
const CODE_LABELS: &[&str] = &["订单号", "流水号", "合同编号", "项目编号", "编号", "单号"];
/// Sentences around a number (none a code label).
const BEFORE: &[&str] =
    &["申请人张某，身份证号", "联系人：李女士，电话", "经核实，", "户主王某某（", "请联系", "", "退款账户："];
const AFTER: &[&str] = &["。", "，请予核实。", "", "）", "；", " 。"];

struct Gen {
    rng: ChaCha8Rng,
}

impl Gen {
    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.rng.random_range(0..10u8))).collect()
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.rng.random_range(0..from.len())]
    }

    fn birth(&mut self, from: i32, to: i32) -> String {
        let y = self.rng.random_range(from..=to);
        let m = self.rng.random_range(1..=12u32);
        let d = self.rng.random_range(1..=28u32);
        format!("{y:04}{m:02}{d:02}")
    }

    /// A valid 18-character ID number.
    fn id18(&mut self) -> String {
        let first = format!("{}{}{}", self.pick(REGIONS), self.birth(1983, 2008), self.digits(3));
        let check = char::from(id_check(first.as_bytes()));
        format!("{first}{check}")
    }

    /// The same, with a wrong check character.
    fn probable_id(&mut self) -> String {
        let valid = self.id18();
        let right = valid.as_bytes()[17];
        let wrong = loop {
            let c = b"0123456789X"[self.rng.random_range(0..11)];
            if c != right {
                break c;
            }
        };
        format!("{}{}", &valid[..17], char::from(wrong))
    }

    fn id15(&mut self) -> String {
        let birth = self.birth(1983, 1999);
        format!("{}{}{}", self.pick(REGIONS), &birth[2..], self.digits(3))
    }

    fn mobile(&mut self) -> String {
        format!("{}{}", self.pick(MOBILE_PREFIXES), self.digits(8))
    }

    /// Digits of `len` passing Luhn (or failing it), after `prefix`.
    fn luhn_number(&mut self, prefix: &str, len: usize, pass: bool) -> String {
        let body = format!("{prefix}{}", self.digits(len - prefix.len() - 1));
        let fits: Vec<String> = (0..10).map(|d| format!("{body}{d}")).filter(|n| luhn(n.as_bytes()) == pass).collect();
        fits[self.rng.random_range(0..fits.len())].clone()
    }

    /// A card number: 16–19 digits passing Luhn that is not also ID-shaped (an 18-digit card with
    /// a valid region and birth date would be a probable ID, rightly).
    fn card(&mut self) -> String {
        loop {
            let len = [16, 16, 16, 19, 19, 17, 18][self.rng.random_range(0..7)];
            let prefix = self.pick(CARD_PREFIXES);
            let n = self.luhn_number(prefix, len, true);
            if len != 18 || !id_shaped(&n) {
                return n;
            }
        }
    }
}

/// 18 digits whose region and birth date are valid.
fn id_shaped(n: &str) -> bool {
    let d = n.as_bytes();
    let p: u32 = n[..2].parse().unwrap();
    let province = matches!(p, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82);
    let date = chrono::NaiveDate::parse_from_str(&n[6..14], "%Y%m%d")
        .is_ok_and(|b| (1900..2100).contains(&chrono::Datelike::year(&b)));
    d.len() == 18 && province && date
}

/// Full-width digits and letters (what a Chinese input method types).
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                char::from_u32(c as u32 - 0x21 + 0xff01).unwrap()
            } else if c == ' ' {
                '\u{3000}'
            } else {
                c
            }
        })
        .collect()
}

/// `n` split into groups of `sizes`, joined by `sep`.
fn grouped(n: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = Vec::new();
    let mut at = 0;
    for s in sizes {
        out.push(&n[at..at + s]);
        at += s;
    }
    assert_eq!(at, n.len());
    out.join(sep)
}

fn fours(len: usize) -> Vec<usize> {
    let mut v = vec![4; len / 4];
    if !len.is_multiple_of(4) {
        v.push(len % 4);
    }
    v
}

/// One case: where the number is (characters) and what it is.
fn case(kind: &str, form: &str, before: &str, written: &str, after: &str, number: &str) -> Value {
    let start = before.chars().count();
    let end = start + written.chars().count();
    let text = format!("{before}{written}{after}");
    json!({"kind": kind, "form": form, "text": text, "number": number, "span": [start, end]})
}

fn decoy(form: &str, text: String, number: &str) -> Value {
    json!({"kind": "decoy", "form": form, "text": text, "number": number, "span": Value::Null})
}

/// The written forms of an ID number (18 characters).
fn id_forms(g: &mut Gen, kind: &str, n: &str, i: usize) -> Value {
    let (before, after) = (g.pick(BEFORE), g.pick(AFTER));
    let (form, written, before, after) = match i % 9 {
        0 => ("plain", n.to_string(), before, after),
        1 => ("full_width", full_width(n), before, after),
        2 => ("spaced_6_8_4", grouped(n, &[6, 8, 4], " "), before, after),
        3 => ("hyphens_6_8_4", grouped(n, &[6, 8, 4], "-"), before, after),
        4 => ("spaced_6_4_4_4", grouped(n, &[6, 4, 4, 4], " "), before, after),
        5 => ("letter_before", n.to_string(), "证件号码ID", after),
        6 => ("full_stop_after", n.to_string(), before, "."),
        7 => ("lower_case_x", n.replace('X', "x"), before, after),
        _ => ("full_width_spaced", full_width(&grouped(n, &[6, 8, 4], " ")), before, after),
    };
    case(kind, form, before, &written, after, n)
}

/// The whole corpus, one JSON object a line.
fn generate() -> Vec<Value> {
    let mut g = Gen { rng: ChaCha8Rng::seed_from_u64(18) };
    let mut out = Vec::new();
    for i in 0..PER_KIND {
        let n = g.id18();
        out.push(id_forms(&mut g, "id18", &n, i));
    }
    for i in 0..PER_KIND {
        let n = g.probable_id();
        out.push(id_forms(&mut g, "probable_id", &n, i));
    }
    for i in 0..PER_KIND {
        let n = g.id15();
        let (before, after) = (g.pick(BEFORE), g.pick(AFTER));
        let (form, written, before, after) = match i % 6 {
            0 => ("plain", n.clone(), before, after),
            1 => ("full_width", full_width(&n), before, after),
            2 => ("spaced_6_6_3", grouped(&n, &[6, 6, 3], " "), before, after),
            3 => ("hyphens_6_6_3", grouped(&n, &[6, 6, 3], "-"), before, after),
            4 => ("letter_before", n.clone(), "旧证ID", after),
            _ => ("full_stop_after", n.clone(), before, "."),
        };
        out.push(case("id15", form, before, &written, after, &n));
    }
    for i in 0..PER_KIND {
        let n = g.mobile();
        let (before, after) = (g.pick(BEFORE), g.pick(AFTER));
        let (form, written, before, after) = match i % 11 {
            0 => ("plain", n.clone(), before, after),
            1 => ("spaced_3_4_4", grouped(&n, &[3, 4, 4], " "), before, after),
            2 => ("hyphens_3_4_4", grouped(&n, &[3, 4, 4], "-"), before, after),
            3 => ("plus86", format!("+86{n}"), before, after),
            4 => ("plus86_spaced", format!("+86 {}", grouped(&n, &[3, 4, 4], " ")), before, after),
            5 => ("86_hyphen", format!("86-{n}"), before, after),
            6 => ("bracketed_plus86", format!("(+86){n}"), before, after),
            7 => ("full_width", full_width(&n), before, after),
            8 => ("full_stop_after", n.clone(), before, "."),
            9 => ("letter_before", n.clone(), "Tel", after),
            _ => ("dots_3_4_4", grouped(&n, &[3, 4, 4], "."), before, after),
        };
        out.push(case("mobile", form, before, &written, after, &n));
    }
    for i in 0..PER_KIND {
        let n = g.card();
        let (before, after) = (g.pick(BEFORE), g.pick(AFTER));
        let (form, written, before, after) = match i % 7 {
            0 => ("plain", n.clone(), before, after),
            1 => ("spaced_fours", grouped(&n, &fours(n.len()), " "), before, after),
            2 => ("hyphens_fours", grouped(&n, &fours(n.len()), "-"), before, after),
            3 => ("full_width", full_width(&n), before, after),
            4 => ("full_width_spaced", full_width(&grouped(&n, &fours(n.len()), " ")), before, after),
            5 => ("full_stop_after", n.clone(), before, "."),
            _ => ("letter_before", n.clone(), "卡号No", after),
        };
        out.push(case("bank_card", form, before, &written, after, &n));
    }
    for i in 0..DECOYS {
        out.push(match i % 16 {
            0 => {
                let len = [16, 19, 17][i % 3];
                let prefix = g.pick(CARD_PREFIXES);
                let n = g.luhn_number(prefix, len, true);
                let sep = ["", "：", " ", "：DD-", "#"][i % 5];
                decoy("labelled_luhn", format!("{}{sep}{n}", g.pick(CODE_LABELS)), &n)
            }
            1 => {
                let n = g.probable_id();
                decoy("labelled_probable_id", format!("{}：{n}", g.pick(CODE_LABELS)), &n)
            }
            2 => {
                let n = g.mobile();
                decoy("labelled_mobile", format!("{}{n}", g.pick(CODE_LABELS)), &n)
            }
            3 => {
                let len = [16, 17, 19][i % 3];
                let prefix = g.pick(CARD_PREFIXES);
                let n = g.luhn_number(prefix, len, false);
                decoy("luhn_fails", format!("账号{n}，"), &n)
            }
            4 => {
                let n = loop {
                    let n = format!("{}{}", g.pick(BAD_PROVINCES), g.digits(16));
                    if !luhn(n.as_bytes()) {
                        break n;
                    }
                };
                decoy("no_such_region", format!("证号{n}"), &n)
            }
            5 => {
                let n = loop {
                    let bad_date = ["19901301", "19900230", "20011232", "19900431", "19870000"][i % 5];
                    let n = format!("{}{bad_date}{}", g.pick(REGIONS), g.digits(4));
                    if !luhn(n.as_bytes()) {
                        break n;
                    }
                };
                decoy("no_such_birth_date", format!("号码{n}"), &n)
            }
            6 => {
                let n = format!("{}{}{}", g.pick(REGIONS), ["901301", "900230", "871232"][i % 3], g.digits(3));
                decoy("15_digits_no_such_date", format!("旧号{n}"), &n)
            }
            7 => {
                let n = format!("{}{}", ["10", "11", "12", "02", "00"][i % 5], g.digits(9));
                decoy("not_a_mobile", format!("编码为{n}的"), &n)
            }
            8 => {
                let n = format!("0773-{}", g.digits(7));
                decoy("landline", format!("办公电话{n}"), &n)
            }
            9 => {
                let n = format!("{}.{}", g.mobile(), g.digits(1 + i % 2));
                decoy("decimal", format!("增长{n}元"), &n)
            }
            10 => {
                let inner = g.id18();
                let n = format!("{}{inner}{}", g.digits(2 + i % 2), g.digits(i % 2));
                decoy("longer_run", format!("条码{n}"), &n)
            }
            11 => {
                let n = format!("{}{}", g.digits(1), g.mobile());
                decoy("mobile_inside_12_digits", format!("流水{n}"), &n)
            }
            12 => {
                let d = g.birth(2000, 2026);
                let n = [
                    format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]),
                    d.clone(),
                    format!("{}.{}.{}", &d[..4], &d[4..6], &d[6..]),
                ][i % 3]
                    .clone();
                decoy("date", format!("{n}发布"), &n)
            }
            13 => {
                let n = format!("978-7-{}-{}-{}", g.digits(3), g.digits(5), g.digits(1));
                decoy("isbn", format!("ISBN {n}"), &n)
            }
            14 => {
                let n = format!("{},{},{}.{}", g.digits(1), g.digits(3), g.digits(3), g.digits(2));
                decoy("amount", format!("投资{n}万元"), &n)
            }
            _ => {
                let n = format!("〔20{}〕{}", g.digits(2), 1 + i % 90);
                decoy("document_number", format!("象政办{n}号"), &n)
            }
        });
    }
    out
}

fn expected(kind: &str) -> Option<NumberKind> {
    Some(match kind {
        "id18" => NumberKind::Id18,
        "id15" => NumberKind::Id15,
        "probable_id" => NumberKind::ProbableId,
        "mobile" => NumberKind::Mobile,
        "bank_card" => NumberKind::BankCard,
        _ => return None,
    })
}

#[test]
fn the_corpus_is_what_the_generator_writes() {
    let written: String = generate().iter().map(|c| format!("{c}\n")).collect();
    if std::env::var_os("PORTAL_ADMIN_UPDATE_CORPUS").is_some() {
        std::fs::write(CORPUS, &written).unwrap();
    }
    let stored = std::fs::read_to_string(CORPUS).unwrap_or_default();
    assert!(
        stored == written,
        "{CORPUS} is not what the generator writes: PORTAL_ADMIN_UPDATE_CORPUS=1 cargo test --test personal_numbers"
    );
}

/// Per kind: cases, found with the right kind and span, missed, mislabelled; per decoy form:
/// cases and false findings.
#[test]
fn every_number_is_found_with_its_kind_and_few_decoys_are() {
    let stored = std::fs::read_to_string(CORPUS).expect("the corpus");
    let mut figures: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut problems = Vec::new();
    for line in stored.lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        let text: Vec<char> = c["text"].as_str().unwrap().chars().collect();
        let found = find(&text);
        let kind = c["kind"].as_str().unwrap();
        let row = figures.entry(kind.to_string()).or_default();
        row[0] += 1;
        match expected(kind) {
            Some(want) => {
                let span = (c["span"][0].as_u64().unwrap() as usize, c["span"][1].as_u64().unwrap() as usize);
                match found.iter().find(|f| (f.start, f.end) == span) {
                    Some(f) if f.kind == want && found.len() == 1 => row[1] += 1,
                    Some(f) if f.kind == want => {
                        row[1] += 1;
                        row[3] += 1;
                        problems.push(format!("extra finding: {c} → {found:?}"));
                    }
                    Some(_) => {
                        row[2] += 1;
                        problems.push(format!("mislabelled: {c} → {found:?}"));
                    }
                    None => {
                        row[3] += 1;
                        problems.push(format!("missed: {c} → {found:?}"));
                    }
                }
            }
            None if found.is_empty() => {}
            None => {
                row[1] += 1;
                problems.push(format!("false finding: {c} → {found:?}"));
            }
        }
    }
    println!("kind          cases  found  mislabelled  missed/extra   (decoys: cases, false findings)");
    for (kind, [cases, found, mislabelled, missed]) in &figures {
        println!("{kind:<13} {cases:>5}  {found:>5}  {mislabelled:>11}  {missed:>12}");
    }
    let decoys = figures["decoy"];
    for kind in ["id18", "id15", "probable_id", "mobile", "bank_card"] {
        let [cases, found, mislabelled, missed] = figures[kind];
        assert!(cases >= 2_000, "{kind}: a few thousand cases");
        assert_eq!(
            (found, mislabelled, missed),
            (cases, 0, 0),
            "{kind}: {}",
            problems.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
        );
    }
    let rate = decoys[1] as f64 / decoys[0] as f64;
    assert!(rate <= 0.005, "{} false findings in {} decoys: {}", decoys[1], decoys[0], problems.join("\n"));
}
