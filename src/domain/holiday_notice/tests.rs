use super::*;
use crate::domain::calendar::{WorkingCalendar, built_in};

/// The notices of 2021–2026, written for the tests from the published dates (docs/calendar.md).
const NOTICES: [(i32, &str); 6] = [
    (2021, include_str!("../../../tests/notices/2021.txt")),
    (2022, include_str!("../../../tests/notices/2022.txt")),
    (2023, include_str!("../../../tests/notices/2023.txt")),
    (2024, include_str!("../../../tests/notices/2024.txt")),
    (2025, include_str!("../../../tests/notices/2025.txt")),
    (2026, include_str!("../../../tests/notices/2026.txt")),
];

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn calendar(days: &[CalendarDay]) -> WorkingCalendar {
    WorkingCalendar::new(days.iter().map(|d| (d.date, d.kind)))
}

fn error(text: &str) -> NoticeError {
    parse_notice(text).unwrap_err()
}

const TITLE: &str = "国务院办公厅关于2021年部分节假日安排的通知\n";

#[test]
fn each_notice_read_into_an_empty_calendar_agrees_day_by_day_with_the_built_in_one() {
    let built_in_days = built_in();
    let built_in = calendar(&built_in_days);
    let mut all = Vec::new();
    for (year, text) in NOTICES {
        let notice = parse_notice(text).unwrap_or_else(|e| panic!("{year}: {e}"));
        assert_eq!(notice.year, year);
        let alone = calendar(&notice.days);
        let mut day = d(&format!("{year}-01-01"));
        while day.year() == year {
            assert_eq!(alone.is_working_day(day), built_in.is_working_day(day), "{year}: {day}");
            day += Duration::days(1);
        }
        all.extend(notice.days);
    }
    // Together, the six notices are the built-in calendar, record for record (date, kind, note).
    all.sort_by_key(|d| d.date);
    assert_eq!(all, built_in_days);
}

#[test]
fn the_notices_numbers_are_read() {
    let numbers: Vec<Option<String>> = NOTICES.iter().map(|(_, t)| parse_notice(t).unwrap().number).collect();
    assert_eq!(numbers[0].as_deref(), Some("国办发明电〔2020〕27号"));
    assert_eq!(numbers[4].as_deref(), Some("国办发明电〔2024〕12号"));
    assert_eq!(numbers[5], None, "the 2026 text gives no number");
    assert_eq!(parse_notice(NOTICES[5].1).unwrap().source(), "国务院办公厅关于2026年部分节假日安排的通知");
}

#[test]
fn a_range_across_years_and_a_heading_of_two_holidays() {
    let n = parse_notice(NOTICES[2].1).unwrap();
    assert_eq!(n.days[0], CalendarDay { date: d("2022-12-31"), kind: DayKind::Holiday, note: "元旦".into() });
    let national = n.days.iter().find(|x| x.date == d("2023-10-01")).unwrap();
    assert_eq!(national.note, "中秋节、国庆节");
    assert!(n.days.iter().any(|x| x.date == d("2023-10-08") && x.kind == DayKind::Workday && x.note == WORKDAY_NOTE));
}

#[test]
fn with_the_weekend_joins_the_weekend_next_to_the_day() {
    // 2024: 元旦 on a Monday joins Saturday 30 and Sunday 31 December 2023; the advice about 除夕
    // gives no day.
    let n = parse_notice(NOTICES[3].1).unwrap();
    let held: Vec<String> = n.days.iter().take(3).map(|x| x.date.to_string()).collect();
    assert_eq!(held, ["2023-12-30", "2023-12-31", "2024-01-01"]);
    assert!(!n.days.iter().any(|x| x.date == d("2024-02-09")));
}

#[test]
fn older_forms_make_up_days_and_a_single_day() {
    // The 2014 notice's forms: 放假1天, 补休, 与周末连休 after a Monday.
    let text = "国务院办公厅关于2014年部分节假日安排的通知\n\
        一、元旦：1月1日放假1天。\n\
        二、春节：1月31日至2月6日放假调休，共7天。1月26日（星期日）、2月8日（星期六）上班。\n\
        三、清明节：4月5日放假，4月7日（星期一）补休。\n\
        五、端午节：6月2日放假，与周末连休。\n";
    let n = parse_notice(text).unwrap();
    let got: Vec<String> = n.days.iter().map(|x| format!("{} {}", x.date.format("%m-%d"), x.kind.as_str())).collect();
    assert_eq!(
        got,
        [
            "01-01 holiday",
            "01-26 workday",
            "01-31 holiday",
            "02-01 holiday",
            "02-02 holiday",
            "02-03 holiday",
            "02-04 holiday",
            "02-05 holiday",
            "02-06 holiday",
            "02-08 workday",
            "04-05 holiday",
            "04-07 holiday",
            "05-31 holiday",
            "06-01 holiday",
            "06-02 holiday",
        ]
    );
}

#[test]
fn half_width_and_full_width_read_the_same() {
    let full =
        format!("{TITLE}二、春节：２月１１日至１７日放假调休，共７天。２月７日（星期日）、２月２０日（星期六）上班。");
    let half = format!("{TITLE}二、春节:2月11日至17日放假调休,共7天.2月7日(星期日),2月20日(星期六)上班.");
    assert_eq!(parse_notice(&full).unwrap(), parse_notice(&half).unwrap());
    assert_eq!(parse_notice(&full).unwrap().days.len(), 9);
}

#[test]
fn a_paragraph_may_go_on_over_the_next_line() {
    let text =
        format!("{TITLE}四、劳动节：\n5月1日至5日放假调休，共5天。\n4月25日（星期日）、\n5月8日（星期六）上班。\n");
    let n = parse_notice(&text).unwrap();
    assert_eq!(n.days.iter().filter(|x| x.kind == DayKind::Workday).count(), 2);
    assert!(n.days.iter().all(|x| x.note == "劳动节" || x.note == WORKDAY_NOTE));
}

#[test]
fn a_line_it_cannot_read_is_named() {
    let e = error(&format!("{TITLE}\n一、元旦：1月1日至3日放假，共3天。\n二、春节：2月11日起放几天假。\n"));
    assert_eq!(e.line, 4);
    assert!(e.to_string().starts_with("line 4: cannot read “起放几天假”"), "{e}");
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    let e = error(&format!("{TITLE}一、春节：2月30日放假。"));
    assert_eq!((e.line, e.message.as_str()), (2, "2021年2月30日 does not exist"));
}

#[test]
fn a_year_that_contradicts_the_title_is_refused() {
    let e = error(&format!("{TITLE}一、元旦：2022年1月1日至3日放假，共3天。"));
    assert_eq!(e.line, 2);
    assert!(e.message.contains("2022") && e.message.contains("title"), "{e}");
    let e = error(&format!(
        "{TITLE}经国务院批准，现将2022年元旦、春节放假调休日期的具体安排通知如下。\n一、元旦：1月1日放假。"
    ));
    assert_eq!((e.line, e.message.as_str()), (2, "the year 2022 contradicts the title's 2021"));
    // The dates of another year: the weekdays written beside them do not fit.
    let e = error(&format!("{TITLE}二、春节：2月11日至17日放假调休，共7天。2月6日（星期日）上班。"));
    assert!(e.message.contains("2021-02-06 is a 星期六"), "{e}");
    let e = error(&format!("{TITLE}一、元旦：1月1日放假。\n\n国务院办公厅\n2019年11月25日\n"));
    assert_eq!(
        (e.line, e.message.as_str()),
        (5, "the notice is dated 2019-11-25, which does not fit a notice for 2021")
    );
}

#[test]
fn counts_weekdays_and_clashes_are_checked() {
    let e = error(&format!("{TITLE}二、春节：2月11日至17日放假调休，共8天。"));
    assert!(e.message.contains("7 days, the notice says 8"), "{e}");
    let e = error(&format!("{TITLE}二、春节：2月11日至17日放假调休。2月10日（星期三）上班。"));
    assert!(e.message.contains("is a 星期三"), "{e}");
    let e = error(&format!("{TITLE}二、春节：2月11日至17日放假调休。2月10日上班。"));
    assert!(e.message.contains("only a Saturday or Sunday"), "{e}");
    let e = error(&format!("{TITLE}二、春节：2月11日至17日放假调休。\n三、别的节：2月13日放假。"));
    assert_eq!((e.line, e.message.as_str()), (3, "2021-02-13 is given twice"));
    let e = error(&format!("{TITLE}二、春节：2月11日至2月1日放假调休。"));
    assert!(e.message.contains("ends before it starts"), "{e}");
}

#[test]
fn a_text_without_a_title_or_a_holiday_is_refused() {
    assert!(error("一、元旦：1月1日放假。").message.starts_with("no title"));
    assert!(error("").message.contains("empty"));
    let e = error(&format!("{TITLE}\n各省、自治区、直辖市人民政府：\n"));
    assert!(e.message.starts_with("no holiday found"), "{e}");
    let e = error(&format!("{TITLE}一、元旦：1月1日放假。\n2月7日（星期日）上班\n节假日期间 please read\n"));
    assert_eq!(e.line, 4);
    let e = error(&format!("{TITLE}一、元旦：1月1日（周五）、\n\n节假日期间，要妥善安排好值班。"));
    assert!(e.message.contains("without saying whether"), "{e}");
}
