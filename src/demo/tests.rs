use super::*;
use crate::domain::calendar::{CHINA_2023_2026, parse_calendar};
use crate::domain::column_table::ColumnTable;

fn world() -> (Vec<ColumnRow>, Vec<UnitRow>, WorkingCalendar) {
    let table = ColumnTable::xiangshan_2023();
    let ids: HashMap<String, i64> =
        table.columns.iter().enumerate().map(|(i, c)| (c.path_text(), i as i64 + 1)).collect();
    let columns = table
        .columns
        .iter()
        .map(|c| ColumnRow {
            id: ids[&c.path_text()],
            parent_id: (c.level() > 1).then(|| ids[&c.path[..c.level() - 1].join(" / ")]),
            path: c.path_text(),
            level: c.level() as i64,
            deadline: c.deadline.clone(),
            rule: c.rule,
            departments: c.departments.clone(),
            units: c.units.clone(),
            note: c.note.clone(),
        })
        .collect();
    let units = table
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| UnitRow { id: i as i64 + 1, name: u.name.clone(), full_name: u.full_name.clone(), kind: u.kind })
        .collect();
    let calendar = WorkingCalendar::new(parse_calendar(CHINA_2023_2026).unwrap().into_iter().map(|d| (d.date, d.kind)));
    (columns, units, calendar)
}

fn generate(items: u64, seed: u64) -> Vec<Record> {
    let (columns, units, calendar) = world();
    let spec = DemoSpec {
        items,
        seed,
        from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    };
    Generator::new(spec, &columns, &units, calendar, Corpus::built_in()).unwrap().collect()
}

fn items(records: &[Record]) -> Vec<&NewItem> {
    records.iter().filter_map(|r| if let Record::Item(i) = r { Some(i.as_ref()) } else { None }).collect()
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let a = items(&generate(2_000, 7)).into_iter().cloned().collect::<Vec<_>>();
    let b = items(&generate(2_000, 7)).into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(a, b);
    let c = items(&generate(2_000, 8)).into_iter().cloned().collect::<Vec<_>>();
    assert_ne!(a, c);
}

#[test]
fn content_covers_paths_forms_stages_and_history() {
    let records = generate(20_000, 2023);
    let items = items(&records);
    assert_eq!(items.len(), 20_000);
    for path in ItemPath::ALL {
        assert!(items.iter().any(|i| i.fields.path == *path), "no {path} items");
    }
    for form in Form::ALL {
        assert!(items.iter().any(|i| i.fields.form == *form), "no {form} items");
    }
    for stage in [Stage::OfficeReview, Stage::Recheck, Stage::Review, Stage::Publish, Stage::Returned, Stage::Done] {
        assert!(items.iter().any(|i| i.fields.stage == stage), "no item at {stage}");
    }
    assert!(items.iter().any(|i| i.fields.status == ItemStatus::Withdrawn));
    assert!(items.iter().any(|i| i.fields.placements.len() > 1), "no item in several columns");
    assert!(items.iter().any(|i| i.fields.channel == Channel::Wechat));
    let requests: Vec<_> = items.iter().filter_map(|i| i.retraction.as_ref()).collect();
    assert!(requests.iter().any(|r| r.status == RequestStatus::Pending));
    assert!(requests.iter().any(|r| r.status == RequestStatus::Done));
    assert!(records.iter().any(|r| matches!(r, Record::Incident(_))));
    assert!(records.iter().any(|r| matches!(r, Record::Document(_))));
    // Submission times follow the ids (a holiday block moves an item at most nine days on).
    assert!(items.windows(2).all(|w| w[0].fields.submitted_at <= w[1].fields.submitted_at + Duration::days(10)));
    assert!(items.iter().all(|i| i.fields.published_at.is_none_or(|p| p >= i.fields.submitted_at)));
    // Titles read as Chinese text.
    assert!(items.iter().all(|i| i.fields.title.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
}

#[test]
fn every_assessed_unit_and_most_columns_get_content() {
    let (columns, units, _) = world();
    let records = generate(20_000, 2023);
    let items = items(&records);
    let used_units: HashSet<&str> = items.iter().filter_map(|i| i.fields.unit.as_deref()).collect();
    for u in units.iter().filter(|u| u.kind.is_assessed()) {
        // A unit responsible for no column cannot publish; every other one does.
        if columns.iter().any(|c| c.units.contains(&u.name)) {
            assert!(used_units.contains(u.name.as_str()), "unit {} has no items", u.name);
        }
    }
    let used_columns: HashSet<&str> =
        items.iter().flat_map(|i| i.fields.placements.iter().map(|p| p.0.as_str())).collect();
    let parents: HashSet<i64> = columns.iter().filter_map(|c| c.parent_id).collect();
    let leaves = columns.iter().filter(|c| !parents.contains(&c.id)).count();
    assert!(used_columns.len() * 10 >= leaves * 8, "{} of {leaves} leaf columns used", used_columns.len());
    assert!(used_columns.len() < leaves, "some columns must stay empty");
}
