//! The content checks' rules, each tried on the texts that should and should not trip it.

use super::*;
use crate::domain::IncidentKind;

fn lists() -> Lists {
    Lists::shipped()
}

#[test]
fn the_lists_version_changes_with_either_list() {
    let shipped = Lists::shipped();
    assert_eq!(shipped.version().len(), 16);
    assert_eq!(shipped.version(), Lists::parse(NAMES, WORDS).unwrap().version(), "the same texts, the same");
    let more = format!("{WORDS}新词\tbanned\t删除\n");
    assert_ne!(shipped.version(), Lists::parse(NAMES, &more).unwrap().version());
    assert_ne!(lists_version("a", "b"), lists_version("ab", ""), "where one list ends counts");
}

#[test]
fn many_items_on_every_core_find_what_one_at_a_time_finds() {
    let t = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+08:00").unwrap().with_timezone(&Utc);
    let bodies: Vec<String> =
        (0..500).map(|i| if i % 7 == 0 { format!("区长李明化强调{i}") } else { format!("正文{i}") }).collect();
    let items: Vec<Checked> = bodies
        .iter()
        .map(|b| Checked { title: "标题", body: b, submitted_at: t, published_at: Some(t), issued_on: None })
        .collect();
    let at_once = check_items(&lists(), &items, t);
    let one_by_one: Vec<Vec<Finding>> = items.iter().map(|i| check_item(&lists(), *i, t)).collect();
    assert_eq!(at_once, one_by_one);
    assert_eq!(at_once.iter().filter(|f| !f.is_empty()).count(), 72);
}

#[test]
fn work_on_every_core_comes_back_in_the_items_order() {
    // Around the sizes done on this thread and the runs' edges; some items much slower than
    // others, so that the threads take runs out of turn.
    for n in [0, 1, 2 * RUN - 1, 2 * RUN, 2 * RUN + 1, 10 * RUN + 7, 5_000] {
        let items: Vec<u64> = (0..n as u64).collect();
        let done = on_every_core(&items, |i| {
            if i % 97 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            i * 3 + 1
        });
        assert_eq!(done, items.iter().map(|i| i * 3 + 1).collect::<Vec<_>>(), "{n} items");
    }
}

#[test]
fn a_finding_is_stored_as_json_and_read_back_whole() {
    let found = check_text(&lists(), Field::Body, "身份证号11010519491231002X");
    let json = serde_json::to_string(&found).unwrap();
    assert!(json.contains(r#""kind":"id_number""#) && json.contains(r#""field":"body""#), "{json}");
    assert_eq!(serde_json::from_str::<Vec<Finding>>(&json).unwrap(), found);
}

#[test]
fn a_stored_finding_says_its_code_and_reads_in_the_readers_language() {
    use crate::i18n::{Lang, scoped};
    let found = check_text(&lists(), Field::Body, "低保资金共7483.6万元……低保资金共7943.6万元");
    let json = serde_json::to_string(&found).unwrap();
    assert!(json.contains(r#""message":{"code":"figure","args":{"label":"低保资金""#), "{json}");
    let read: Vec<Finding> = serde_json::from_str(&json).unwrap();
    let en = scoped(Lang::En, || read[0].said());
    let zh = scoped(Lang::ZhCn, || read[0].said());
    assert_eq!(en, "“低保资金” was 7483.6万元 before, 7943.6万元 here → check the figures agree");
    assert_eq!(zh, "“低保资金”前文为 7483.6万元，此处为 7943.6万元 → 核对统计数据，前后一致");
    assert_eq!((read[0].message.code(), read[0].message.args()["value"].clone()), ("figure".into(), "7943.6".into()));
    // A finding stored by a version before, its message a text: read, and shown as it is.
    let old = r#"{"kind":"figure","field":"body","start":3,"end":9,"text":"7943.6万元",
        "message":"“低保资金”前文为 7483.6万元","suggestion":"核对统计数据，前后一致","blocking":false}"#;
    let old: Finding = serde_json::from_str(old).unwrap();
    assert_eq!(old.message, Message::Text("“低保资金”前文为 7483.6万元".into()));
    assert_eq!(scoped(Lang::En, || old.said()), "“低保资金”前文为 7483.6万元 → 核对统计数据，前后一致");
    // Every kind of message has its words in both languages.
    let dates = check_dates(
        Utc::now(),
        Some(Utc::now() - chrono::Duration::days(400)),
        Utc::now() - chrono::Duration::days(800),
        NaiveDate::from_ymd_opt(2099, 1, 1),
    );
    let every = check_text(&lists(), Field::Body, "区长李明化、王志刚强调绝密扶贫办身份证号11010519491231002X")
        .into_iter()
        .chain(dates);
    for f in every {
        for lang in Lang::ALL {
            let said = scoped(lang, || f.said());
            assert!(!said.is_empty() && !said.contains("said-"), "{lang:?}: {said}");
        }
    }
}

fn kinds(text: &str) -> Vec<(FindingKind, String)> {
    check_text(&lists(), Field::Body, text).into_iter().map(|f| (f.kind, f.text)).collect()
}

#[test]
fn a_wrong_name_is_found_with_its_span_and_blocks() {
    let found = check_text(&lists(), Field::Title, "区长李明化主持召开象山区人民政付常务会议");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].kind, found[0].start, found[0].end, found[0].blocking), (FindingKind::LeaderName, 2, 5, true));
    assert_eq!(found[0].suggestion, "李明华");
    assert_eq!(found[0].span(), "title:2-5");
    assert_eq!(found[1].text, "象山区人民政付");
    assert_eq!(found[1].suggestion, "象山区人民政府");
}

#[test]
fn a_name_inside_a_longer_word_is_not_the_person() {
    assert!(kinds("李明化工厂年产值稳步增长").is_empty(), "李明化工厂 is a factory");
    assert_eq!(kinds("李明化同志强调").len(), 1);
    assert_eq!(kinds("（李明化）").len(), 1);
    assert_eq!(kinds("区长李明化调研二塘乡").len(), 1, "after a title, whatever follows");
    assert!(kinds("张李明化工").is_empty());
    assert!(kinds("王志刚毅的精神").is_empty());
    let left = kinds("副区长王志刚出席会议");
    assert_eq!(left, [(FindingKind::LeaderName, "王志刚".to_string())], "a mention of an official who left");
}

#[test]
fn secret_markings_and_wrong_terms() {
    let found = check_text(&lists(), Field::Body, "本文件为内部资料。推进“一代一路”建设，优化营商坏境。");
    let k: Vec<(FindingKind, bool)> = found.iter().map(|f| (f.kind, f.blocking)).collect();
    assert_eq!(
        k,
        [(FindingKind::SensitiveWord, true), (FindingKind::WrongTerm, false), (FindingKind::WrongTerm, false)]
    );
    assert_eq!(found[1].suggestion, "一带一路");
}

#[test]
fn personal_data_is_found_and_masked() {
    // 11010519491231002X is the standard's own example of a valid number.
    let found = check_text(
        &lists(),
        Field::Body,
        "申请人张某，身份证号11010519491231002X，电话13812345678，卡号6222020200112233446。",
    );
    let got: Vec<(FindingKind, String)> = found.iter().map(|f| (f.kind, f.suggestion.clone())).collect();
    assert_eq!(
        got,
        [
            (FindingKind::IdNumber, "110105********002X".to_string()),
            (FindingKind::Phone, "138****5678".to_string()),
            (FindingKind::BankCard, "6222***********3446".to_string()),
        ]
    );
    assert!(found[0].blocking && !found[1].blocking);
}

#[test]
fn numbers_that_only_look_like_personal_data_are_not() {
    // 18 digits with a wrong check digit; an impossible birth date; a phone inside a longer
    // number; a decimal; a 16-digit number failing Luhn; an order code with letters.
    for text in [
        "项目编号110105194912310021",
        "统一编码110105194913310025",
        "流水号213812345678",
        "增长13812345678.5元",
        "合同号6222020200112234",
        "订单号AB13812345678",
    ] {
        assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
    }
}

#[test]
fn document_numbers_with_the_wrong_brackets() {
    let found = check_text(
        &lists(),
        Field::Body,
        "根据象政办[2023]15号和桂政发（2024）3号文件精神，按象政办〔2023〕16号执行。",
    );
    let got: Vec<String> = found.iter().map(|f| format!("{}→{}", f.text, f.suggestion)).collect();
    assert_eq!(got, ["象政办[2023]15号→象政办〔2023〕15号", "桂政发（2024）3号→桂政发〔2024〕3号"]);
}

#[test]
fn one_figure_quoted_with_two_values() {
    let found = kinds("全区低保户共1234户，其中城市低保户500户。截至年底，全区低保户1243户。");
    assert_eq!(found, [(FindingKind::Figure, "1243户".to_string())]);
    assert!(kinds("全区低保户1234户……全区低保户1234户").is_empty(), "the same value twice is fine");
    assert!(kinds("投入资金500万元，其中省级资金200万元").is_empty(), "different labels");
}

#[test]
fn impossible_dates() {
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let now = t("2026-11-29T10:00:00+08:00");
    // Published in the future as of when it was found; no longer once that time has passed.
    let (published, submitted) = (t("2026-12-01T09:00:00+08:00"), t("2026-11-20T09:00:00+08:00"));
    let future = check_dates(submitted, Some(published), now, None);
    assert!(holds_at(&future[0], Some(published), now));
    assert!(holds_at(&future[0], Some(published), t("2026-12-01T08:59:59+08:00")));
    assert!(!holds_at(&future[0], Some(published), published), "its time has come");
    let before = check_dates(published, Some(submitted), now, None);
    assert!(holds_at(&before[0], Some(submitted), t("2030-01-01T00:00:00+08:00")), "the item's own dates");
    let found = check_dates(t("2026-11-20T09:00:00+08:00"), Some(t("2026-11-19T09:00:00+08:00")), now, None);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        Message::Said(Said::PublishedBeforeSubmitted { submitted: "2026-11-20T09:00:00+08:00".into() })
    );
    assert_eq!(check_dates(t("2026-11-20T09:00:00+08:00"), Some(t("2026-12-01T09:00:00+08:00")), now, None).len(), 1);
    let before_issue = check_dates(
        t("2026-11-01T09:00:00+08:00"),
        Some(t("2026-11-02T09:00:00+08:00")),
        now,
        NaiveDate::from_ymd_opt(2026, 11, 3),
    );
    assert_eq!(before_issue[0].message, Message::Said(Said::PublishedBeforeIssued { issued: "2026-11-03".into() }));
    assert!(check_dates(t("2026-11-20T09:00:00+08:00"), Some(t("2026-11-21T09:00:00+08:00")), now, None).is_empty());
}

#[test]
fn each_finding_maps_to_the_incident_it_would_be() {
    let found = check_text(&lists(), Field::Body, "区长李明化强调，本文件为内部资料，身份证号11010519491231002X。");
    let got: Vec<(FindingKind, IncidentKind)> = found.iter().map(|f| (f.kind, f.incident_kind())).collect();
    assert_eq!(
        got,
        [
            (FindingKind::LeaderName, IncidentKind::Typo),
            (FindingKind::SensitiveWord, IncidentKind::Classified),
            (FindingKind::IdNumber, IncidentKind::Improper),
        ]
    );
}

#[test]
fn a_finding_gone_at_the_next_decision_was_fixed() {
    let f = |kind: &str, text: &str| RecordedFinding {
        kind: kind.into(),
        text: text.into(),
        span: "body:0-3".into(),
        message: Message::Said(Said::IdNumber),
        blocking: false,
        waived: None,
    };
    let decisions = vec![
        vec![f("leader_name", "李明化"), f("figure", "65户")],
        vec![f("figure", "65户")],
        vec![],
        vec![f("leader_name", "李明化")],
    ];
    let got: Vec<(usize, Vec<&str>)> = at_decisions(&decisions)
        .into_iter()
        .map(|(found, fixed)| (found.len(), fixed.iter().map(|f| f.text.as_str()).collect()))
        .collect();
    assert_eq!(got, [(2, vec![]), (1, vec!["李明化"]), (0, vec!["65户"]), (1, vec![])]);
}

#[test]
fn a_malformed_list_names_its_line() {
    let e = Lists::parse("name\tkind\twrong\tstatus\tnote\n李明华\tboss\t\tcurrent\t\n", "word\tkind\tsuggestion\n")
        .unwrap_err();
    assert_eq!(e, "names line 2: unknown kind \"boss\" (leader, institution, term)");
}

#[test]
fn a_digit_is_told_in_either_width_and_only_a_digit() {
    for text in ["2023年", "第１号", "共９人", "电话：１３８", "a0"] {
        assert!(has_digit(text), "{text}");
    }
    // Ｏ (U+FF2F) and ／ (U+FF0F) sit next to the full-width digits; 〇 and 一 are not digits.
    for text in ["", "正文", "〇一二", "ＯＫ／", "，。：", "\u{ff0f}\u{ff1a}"] {
        assert!(!has_digit(text), "{text}");
    }
}

#[test]
fn a_text_with_full_width_digits_is_checked_for_numbers() {
    // No ASCII digit at all: the checks of numbers still read it.
    let found = check_text(&lists(), Field::Body, "联系人手机１３８１２３４５６７８");
    assert!(found.iter().any(|f| f.kind == FindingKind::Phone), "{found:?}");
}

#[test]
fn every_unit_is_one_or_two_characters() {
    // `figures` reads the unit from the two characters after a figure.
    assert!(UNITS.iter().all(|u| (1..=2).contains(&u.chars().count())));
}
