//! The Scores tab: the ranking, a unit's score explained, incidents recorded and corrected, the
//! bulletin.

use super::*;

#[test]
fn the_ranking_shows_each_units_change_and_a_bar_of_its_net_score() {
    let mut a = sized((160, 48), false);
    show_scores(&mut a);
    let text = text_of(&a);
    let line =
        |unit: &str| text.lines().find(|l| l.contains(unit)).unwrap_or_else(|| panic!("{unit}: {text}")).to_string();
    let title = text.lines().nth(1).unwrap();
    assert!(
        title.contains(
            "Scores 2026Q4 2026年第4季度, as of 11/29 (2026-10-01 – 2026-12-31) · 6 units · 154 points, -20 deducted"
        ),
        "{title}"
    );
    assert!(title.contains("∅1 supplied nothing") && title.contains("✗3 with incidents"), "{title}");
    // Change from the quarter before, with its sign.
    assert!(line("政府办").contains("+13"), "{text}");
    assert!(line("发改局").contains("-7"), "{text}");
    assert!(line("民政局").split_whitespace().any(|w| w == "0"), "{text}");
    // The widest net score has the longest bar; a negative one is shaded.
    let solid = |l: &str| l.chars().filter(|c| *c == '█').count();
    assert!(
        solid(&line("政府办")) > solid(&line("发改局")) && solid(&line("发改局")) > solid(&line("象山街道")),
        "{text}"
    );
    assert!(line("二塘乡").contains('░') && solid(&line("二塘乡")) == 0, "{text}");
    assert_eq!(solid(&line("统计局")), 0);
    // Supplied nothing and incidents stand out with a symbol (and a colour).
    assert!(line("统计局").contains("∅") && line("统计局").contains("supplied nothing"), "{text}");
    assert!(line("发改局").contains("✗") && line("发改局").contains("1 incident"), "{text}");
    assert!(!line("民政局").contains('✗') && !line("民政局").contains('∅'), "{text}");
    // The same at 80 columns: every figure, the symbols, a bar.
    let mut a = app();
    show_scores(&mut a);
    let text = text_of(&a);
    for l in text.lines().skip(3).take(6) {
        assert!(crate::ui::text::width(l) <= 80, "{l}");
    }
    let row = text.lines().find(|l| l.contains("象山街道")).unwrap();
    let figures: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(figures[..10], ["4", "✗", "象山街道", "2", "2", "1", "9", "-5", "4", "-8"], "{row}");
    assert!(!figures[10].is_empty() && figures[10].chars().all(|c| "█▏▎▍▌▋▊▉".contains(c)), "{row}");
}

#[test]
fn s_sorts_the_ranking_by_its_fall_then_by_deductions_and_the_heading_says_so() {
    let mut a = app();
    show_scores(&mut a);
    let units = |a: &App| {
        let list = &a.views.scores.units;
        list.shown.iter().map(|&i| list.rows[i].unit.clone()).collect::<Vec<_>>()
    };
    assert_eq!(units(&a), ["政府办", "发改局", "民政局", "象山街道", "统计局", "二塘乡"]);
    key(&mut a, KeyCode::Down);
    keys(&mut a, "s");
    assert_eq!(units(&a), ["二塘乡", "象山街道", "发改局", "统计局", "民政局", "政府办"], "the largest fall first");
    assert_eq!(a.views.scores.units.cursor.selected, 0, "the list shows who leads, from its top");
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().starts_with("Scores 2026Q4, as of 11/29 · largest fall first"), "{text}");
    // The rank stays the net score's.
    assert!(text.lines().nth(3).unwrap().trim_start().starts_with("6  ✗ 二塘乡"), "{text}");
    keys(&mut a, "s");
    assert_eq!(units(&a), ["二塘乡", "发改局", "象山街道", "政府办", "民政局", "统计局"], "the most deducted first");
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· most deducted first"), "{}", text_of(&a));
    // The order holds when the ranking loads again; a third `s` is the ranking's own.
    let effects = key(&mut a, KeyCode::F(5));
    let (id, _) = loads(&effects)
        .into_iter()
        .find(|(_, l)| matches!(l, Load::View(views::Load::Scores(views::scores::Load::Ranking { .. }))))
        .unwrap();
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Scores(views::scores::Loaded::Ranking(Ok(scores_rows()))))));
    assert_eq!(units(&a)[0], "二塘乡");
    keys(&mut a, "s");
    assert_eq!(units(&a), ["政府办", "发改局", "民政局", "象山街道", "统计局", "二塘乡"]);
    assert!(!text_of(&a).lines().nth(1).unwrap().contains("first ·"), "{}", text_of(&a));
}

/// A unit's sum at 80 columns: the period before's net after it only where the line has room (it
/// was cut mid-number: "2026Q3 same days: 22" for 222); the title says the change either way.
#[test]
fn a_units_sum_leaves_out_the_period_before_rather_than_cut_it() {
    let mut a = app();
    explain_unit(&mut a);
    let sum = |a: &App, lang| crate::i18n::scoped(lang, || text_of(a).lines().nth(2).unwrap().to_string());
    assert!(sum(&a, Lang::En).contains("net 4 · 2026Q3 same days: 12"), "{}", sum(&a, Lang::En));
    let e = a.views.scores.unit.as_mut().unwrap().explanation.as_mut().unwrap();
    let r = e.row.as_mut().unwrap();
    (r.points, r.text, r.image_text, r.video, r.net, r.previous_net) = (241, 123, 44, 10, 241, 222);
    let en = sum(&a, Lang::En);
    assert!(
        en.starts_with("points 241 = 123×1 + 44×2 + 10×3 · deductions -5 · net 241") && !en.contains("same days"),
        "{en}"
    );
    let zh = sum(&a, Lang::ZhCn);
    assert!(zh.contains("得分 241 · 2026Q3同期：222"), "{zh}");
}

#[test]
fn enter_explains_every_point_of_a_unit() {
    let mut a = sized((160, 48), false);
    explain_unit(&mut a);
    assert_eq!(a.layer(), Layer::Unit);
    let text = text_of(&a);
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .contains("象山街道 · 2026Q4 2026年第4季度, as of 11/29 · rank 4 of 6 · net 4 (-8 on 2026Q3 same days)"),
        "{text}"
    );
    assert!(text.contains("points 9 = 2×1 + 2×2 + 1×3 · deductions -5 · net 4 · 2026Q3 same days: 12"), "{text}");
    assert!(text.contains("Items that earned points: 5, 9 points"), "{text}");
    // The item in three columns is listed once, at its highest form; its columns under it.
    let title = "象山街道关于2026年度城乡居民医疗保险集中缴费的通知";
    assert_eq!(text.matches(title).count(), 1, "{text}");
    let at = text.lines().position(|l| l.contains(title)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[at].contains("2026-11-12") && lines[at].contains("image+text") && lines[at].contains("+2"), "{text}");
    assert!(
        lines[at + 1].contains("├ 政务动态 / 乡镇（街道）动态") && lines[at + 1].contains("text 1  counted once"),
        "{text}"
    );
    assert!(
        lines[at + 2].contains("政务动态 / 通知公告") && lines[at + 2].contains("image+text 2  ✓ counted"),
        "{text}"
    );
    assert!(lines[at + 3].contains("└ 政府信息公开 / 社会保障") && lines[at + 3].contains("counted once"), "{text}");
    // A withdrawn item that still counts says so.
    assert!(
        text.lines().any(|l| l.contains("[withdrawn as outdated, counts] 象山街道2026年10月城市低保对象名单公示")),
        "{text}"
    );
    // Incidents with their points; a corrected one and its correction say so.
    assert!(text.contains("Incidents and corrections: 3, -5 points"), "{text}");
    let typo = text.lines().find(|l| l.contains("#4")).unwrap();
    assert!(
        typo.contains("2026-10-15") && typo.contains("-5") && typo.contains("错字、别字及错误表述 · item 2003"),
        "{typo}"
    );
    assert!(text.lines().find(|l| l.contains("#5")).unwrap().contains("[corrected by #6]"), "{text}");
    let correction = text.lines().find(|l| l.contains("  #6 ")).unwrap();
    assert!(correction.contains("+10") && correction.contains("corrects #5: 经核实不属本单位责任"), "{correction}");
    // Art. 17 and the overdue column.
    assert!(
        text.contains("! 第十七条（一） 1 个栏目期末逾期未更新") && text.contains("! 第十七条（二） 1 起错字"),
        "{text}"
    );
    // Its rule in English words, not the table's 4个月.
    assert!(text.contains("✗ 政府信息公开 / 社会救助  4 months · last 2026-07-10 · 51 days overdue"), "{text}");
    // The first item is selected.
    assert_eq!(a.views.scores.unit.as_ref().unwrap().selected(), Some(Part::Item(0)));
}

#[test]
fn the_explanation_moves_over_items_and_incidents_and_opens_an_item() {
    let mut a = app();
    explain_unit(&mut a);
    let u = |a: &App| a.views.scores.unit.as_ref().unwrap().selected();
    key(&mut a, KeyCode::Down);
    assert_eq!(u(&a), Some(Part::Item(1)), "the columns under an item are passed over");
    key(&mut a, KeyCode::End);
    assert_eq!(u(&a), Some(Part::Overdue(0)));
    // At the end, everything to the end is in sight.
    let v = a.views.scores.unit.as_ref().unwrap();
    assert_eq!(v.cursor.offset + a.list_height(), v.parts.len());
    key(&mut a, KeyCode::Home);
    assert_eq!(u(&a), Some(Part::Item(0)));
    assert_eq!(a.views.scores.unit.as_ref().unwrap().cursor.offset, 0);
    for _ in 0..5 {
        key(&mut a, KeyCode::Down);
    }
    assert_eq!(u(&a), Some(Part::Incident(0)));
    // Enter on an incident opens the item it is about; Esc comes back to the explanation.
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Scores(views::scores::Load::Item { id: 2003 })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(a.layer(), Layer::Item);
    let item = town_item(2003, "象山街道“我为群众办实事”志愿服务活动简报", Form::Text, 10, 8);
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Item(Ok(Box::new((item, vec![])))))),
    ));
    assert!(text_of(&a).contains("Item 2003 · online · text"), "{}", text_of(&a));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Unit);
    assert_eq!(u(&a), Some(Part::Incident(0)));
    // An incident about no item has nothing to open.
    key(&mut a, KeyCode::Down);
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "incident 5 is not about an item");
    // Esc goes back to the ranking, on the unit.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Scores);
    assert_eq!(a.views.scores.units.selected().unwrap().unit, "象山街道");
}

#[test]
fn stepping_the_period_explains_the_unit_in_that_period() {
    let mut a = app();
    explain_unit(&mut a);
    let effects = keys(&mut a, "[");
    let asked: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    let q3 = Period::Quarter { year: 2026, quarter: 3 };
    assert_eq!(
        asked,
        [
            Load::View(views::Load::Scores(views::scores::Load::Ranking { period: q3 })),
            Load::View(views::Load::Scores(views::scores::Load::Explain { unit: "象山街道".into(), period: q3 }))
        ]
    );
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("象山街道 · 2026Q3 "), "{}", text_of(&a));
    // And F5 loads both again.
    let asked: Vec<Load> = loads(&key(&mut a, KeyCode::F(5))).into_iter().map(|(_, l)| l).collect();
    assert_eq!(asked.len(), 2, "{asked:?}");
}

#[test]
fn the_incident_form_shows_what_it_costs_cycles_the_kind_and_needs_a_note() {
    let mut a = app();
    let form = incident_form(&mut a);
    assert_eq!((form.unit.as_str(), form.kind, form.field), ("象山街道", IncidentKind::Typo, Field::Kind));
    assert_eq!(a.layer(), Layer::Incident);
    let text = text_of(&a);
    assert!(text.contains("Record an incident against 象山街道"), "{text}");
    assert!(text.contains("[typo -5]") && text.contains("It costs 象山街道 5 points in 2026Q4."), "{text}");
    assert!(text.contains("2026-11-29"), "today, in Beijing: {text}");
    // The kind cycles; the cost follows.
    keys(&mut a, " ");
    assert!(
        text_of(&a).contains("[classified -10]") && text_of(&a).contains("It costs 象山街道 10 points"),
        "{}",
        text_of(&a)
    );
    key(&mut a, KeyCode::Right);
    assert!(incident(&a).is_some_and(|f| f.kind == IncidentKind::Improper));
    ctrl(&mut a, 'n');
    assert!(incident(&a).is_some_and(|f| f.kind == IncidentKind::Typo));
    key(&mut a, KeyCode::Left);
    assert!(incident(&a).is_some_and(|f| f.kind == IncidentKind::Improper));
    // Keys that mean something elsewhere are typed here: `q` does not quit.
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "q2044");
    assert!(!a.quit);
    // No note: nothing is written; the note is asked for.
    key(&mut a, KeyCode::Tab);
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "an incident needs a note saying what happened");
    assert!(incident(&a).is_some_and(|f| f.field == Field::Note));
    // A date to come, or not a date, is refused.
    key(&mut a, KeyCode::BackTab);
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "2026-13-01");
    assert!(text_of(&a).contains("The date is not a date"), "{}", text_of(&a));
    key(&mut a, KeyCode::Down);
    keys(&mut a, "标题错字");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("not a date"), "{:?}", a.notice);
    assert!(incident(&a).is_some_and(|f| f.field == Field::Date));
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "2026-12-01");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("still to come"), "{:?}", a.notice);
    // A date in another quarter says where it counts.
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "2026-09-30");
    assert!(
        text_of(&a).contains("It costs 象山街道 10 points in 2026Q3 (the date's; you view 2026Q4)."),
        "{}",
        text_of(&a)
    );
    let (_, load) = scores_load(&key(&mut a, KeyCode::Enter));
    let input = IncidentInput {
        unit: "象山街道".into(),
        kind: IncidentKind::Improper,
        item: None,
        occurred_on: day("2026-09-30"),
        note: "标题错字".into(),
    };
    assert_eq!(load, views::scores::Load::AddIncident { input, item: Some("q2044".into()) });
    // Esc closes the form.
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn an_incident_recorded_reloads_the_scores_and_the_explanation() {
    let mut a = app();
    show_audit(&mut a);
    explain_unit(&mut a);
    // On the item that earned 3 points: the form is about it.
    keys(&mut a, "i");
    let Some(form) = incident(&a) else { panic!("{:?}", a.views.scores.incident) };
    assert_eq!(form.item.lines()[0], "2051");
    assert!(text_of(&a).contains("象山街道开展“119”消防宣传月活动"), "{}", text_of(&a));
    key(&mut a, KeyCode::Up);
    keys(&mut a, "视频标题“119”误作“110”");
    let (id, load) = scores_load(&key(&mut a, KeyCode::Enter));
    let views::scores::Load::AddIncident { input, item } = load else { panic!("{load:?}") };
    assert_eq!((input.kind, input.occurred_on, item.as_deref()), (IncidentKind::Typo, day("2026-11-29"), Some("2051")));
    // Saving: a second Enter waits; the form stays.
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(text_of(&a).contains("saving…"), "{}", text_of(&a));
    let mut recorded = input.clone();
    recorded.item = Some(2051);
    let effects =
        a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Scores(views::scores::Loaded::Added(recorded, Ok(17))))));
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.notice.as_ref().unwrap().text, "incident 17: 象山街道 -5 (typo) on 2026-11-29, in 2026Q4");
    let q4 = Period::Quarter { year: 2026, quarter: 4 };
    let asked: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        asked,
        [
            Load::View(views::Load::Scores(views::scores::Load::Ranking { period: q4 })),
            Load::View(views::Load::Scores(views::scores::Load::Explain { unit: "象山街道".into(), period: q4 })),
            Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::First, filter: None }))
        ]
    );
    // The fresh explanation keeps the selection on its item.
    let (id, _) = loads(&effects)[1].clone();
    let mut fresh = explanation();
    fresh.items.insert(0, EarningItem { id: 2060, title: "新的一条".into(), ..fresh.items[0].clone() });
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Explained(Ok(Box::new(fresh))))),
    ));
    assert_eq!(a.views.scores.unit.as_ref().unwrap().selected(), Some(Part::Item(1)));
}

#[test]
fn a_refused_incident_is_a_warning_and_the_form_keeps_what_was_typed() {
    let mut a = app();
    incident_form(&mut a);
    key(&mut a, KeyCode::Up);
    keys(&mut a, "错字");
    let (id, views::scores::Load::AddIncident { input, .. }) = scores_load(&key(&mut a, KeyCode::Enter)) else {
        panic!()
    };
    let refused = "refused: operator wang.fang may not record or correct incidents (an administrator does)".to_string();
    let effects = a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Added(input, Err(refused)))),
    ));
    assert!(loads(&effects).is_empty(), "nothing changed, nothing to reload");
    let n = a.notice.as_ref().unwrap();
    assert!(n.error && n.text.starts_with("not recorded: refused: operator wang.fang may not"), "{n:?}");
    let Some(form) = incident(&a) else { panic!("the form stays: {:?}", a.views.scores.incident) };
    assert_eq!(form.note.lines()[0], "错字");
    // And it can be sent again.
    assert_eq!(loads(&key(&mut a, KeyCode::Enter)).len(), 1);
}

#[test]
fn an_incident_is_corrected_after_a_question_that_asks_why() {
    let mut a = app();
    explain_unit(&mut a);
    // Not on an incident: nothing to correct.
    keys(&mut a, "r");
    assert_eq!(a.notice.as_ref().unwrap().text, "select an incident to correct");
    for _ in 0..5 {
        key(&mut a, KeyCode::Down);
    }
    keys(&mut a, "r");
    let Some(form) = reversal(&a) else { panic!("{:?}", a.views.scores.incident) };
    assert_eq!(form.incident.id, 4);
    let text = text_of(&a);
    assert!(
        text.contains("Correct incident 4 by a reversing record")
            && text.contains("It gives 象山街道 5 points back in 2026Q4."),
        "{text}"
    );
    // A note is required.
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "a correction needs a note saying why");
    keys(&mut a, "经核实系原文引用，不属错字");
    let (id, load) = scores_load(&key(&mut a, KeyCode::Enter));
    assert_eq!(load, views::scores::Load::Reverse { id: 4, note: "经核实系原文引用，不属错字".into() });
    let effects =
        a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Scores(views::scores::Loaded::Reversed(4, Ok(18))))));
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.notice.as_ref().unwrap().text, "incident 18: reverses incident 4 (象山街道 +5)");
    assert_eq!(loads(&effects).len(), 2, "the scores and the explanation: {effects:?}");
    // A corrected incident, and a correction, are not corrected again.
    key(&mut a, KeyCode::Down);
    keys(&mut a, "r");
    assert_eq!(a.notice.as_ref().unwrap().text, "incident 5 was corrected already, by incident 6");
    key(&mut a, KeyCode::Down);
    keys(&mut a, "r");
    assert_eq!(a.notice.as_ref().unwrap().text, "incident 6 is itself the correction of incident 5");
    assert!(matches!(a.overlay, Overlay::None));
    // A refused correction keeps its question and the note typed.
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Up);
    keys(&mut a, "r不属实");
    let (id, _) = scores_load(&key(&mut a, KeyCode::Enter));
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Reversed(
            4,
            Err("incident 4 is already reversed by incident 18".into()),
        ))),
    ));
    assert!(a.notice.as_ref().unwrap().error);
    assert!(reversal(&a).is_some_and(|f| f.note.lines()[0] == "不属实"));
}

#[test]
fn the_bulletin_key_writes_the_periods_bulletin_off_the_ui_thread() {
    let mut a = app();
    show_scores(&mut a);
    let (id, load) = scores_load(&keys(&mut a, "b"));
    let q4 = Period::Quarter { year: 2026, quarter: 4 };
    assert_eq!(load, views::scores::Load::Bulletin { period: q4, file: "bulletin-2026Q4.md".into() });
    assert!(a.busy());
    // One at a time.
    assert!(loads(&keys(&mut a, "b")).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "the bulletin is still being written");
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Bulletin(Ok("/home/li/bulletin-2026Q4.md".into())))),
    ));
    assert_eq!(a.notice.as_ref().unwrap().text, "wrote /home/li/bulletin-2026Q4.md");
    assert!(!a.busy());
    // An error is a warning; from an explanation, the bulletin of the period shown.
    explain_selected(&mut a);
    keys(&mut a, "[");
    let effects = keys(&mut a, "b");
    let (id, load) = scores_load(&effects);
    assert_eq!(
        load,
        views::scores::Load::Bulletin {
            period: Period::Quarter { year: 2026, quarter: 3 },
            file: "bulletin-2026Q3.md".into()
        }
    );
    let denied = "cannot write /srv/bulletin-2026Q3.md: Permission denied (os error 13)".to_string();
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Scores(views::scores::Loaded::Bulletin(Err(denied))))));
    let n = a.notice.as_ref().unwrap();
    assert!(
        n.error && n.text == "no bulletin: cannot write /srv/bulletin-2026Q3.md: Permission denied (os error 13)",
        "{n:?}"
    );
}

#[test]
fn the_help_of_the_scores_views_lists_their_keys() {
    let mut a = app();
    show_scores(&mut a);
    keys(&mut a, "?");
    let help = text_of(&a);
    assert!(
        help.contains("Keys in the scores view") && help.contains("Record an incident") && help.contains("bulletin"),
        "{help}"
    );
    let mut a = app();
    explain_unit(&mut a);
    keys(&mut a, "?");
    let help = text_of(&a);
    assert!(help.contains("Keys in the unit view") && help.contains("Correct the selected incident"), "{help}");
}

#[test]
fn the_scores_views_at_both_sizes_in_colour_and_monochrome() {
    snapshot_all(vec![
        ("scores_unit", explain_unit),
        ("scores_unit_end", |a| {
            explain_unit(a);
            key(a, KeyCode::End);
        }),
        ("scores_incident_form", |a| {
            explain_unit(a);
            keys(a, "i");
            key(a, KeyCode::Up);
            keys(a, "视频标题“119”误作“110”，已更正");
        }),
        ("scores_by_change", |a| {
            show_scores(a);
            keys(a, "s");
        }),
        ("scores_reverse_form", |a| {
            explain_unit(a);
            for _ in 0..5 {
                key(a, KeyCode::Down);
            }
            keys(a, "r经核实系原文引用");
        }),
    ]);
}

#[test]
fn units_that_supplied_nothing_or_have_incidents_stand_out_in_colour_and_by_symbol() {
    for mono in [false, true] {
        let mut a = sized((80, 24), mono);
        show_scores(&mut a);
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| draw(f.buffer_mut(), &a)).unwrap();
        let buf = t.backend().buffer().clone();
        let text = text_of(&a);
        let row = |unit: &str| text.lines().position(|l| l.contains(unit)).unwrap() as u16;
        // The symbols before the unit's name: ∅ (column 5) and ✗ (column 6), a blank, the name.
        let (nothing, incidents, plain, negative) = (row("统计局"), row("发改局"), row("民政局"), row("二塘乡"));
        assert_eq!((buf[(5, nothing)].symbol(), buf[(6, incidents)].symbol()), ("∅", "✗"));
        assert_eq!((buf[(5, plain)].symbol(), buf[(6, plain)].symbol()), (" ", " "));
        let fg = |x: u16, y: u16| buf[(x, y)].fg;
        if mono {
            assert!(
                [nothing, incidents, plain].iter().all(|y| (0..80).all(|x| fg(x, *y) == ratatui::style::Color::Reset))
            );
        } else {
            use ratatui::style::Color::*;
            // The unit's name in the colour of its symbol; the change green or red; a negative bar red.
            assert_eq!((fg(5, nothing), fg(8, nothing)), (Magenta, Magenta));
            assert_eq!((fg(6, incidents), fg(8, incidents)), (Red, Red));
            assert_eq!(fg(8, plain), Reset);
            let at = |y: u16, s: &str| (0..80u16).find(|x| buf[(*x, y)].symbol() == s).unwrap();
            assert_eq!(fg(at(row("政府办"), "+"), row("政府办")), Green);
            assert_eq!(fg(at(negative, "░"), negative), Red);
        }
    }
}

#[test]
fn an_item_opened_from_an_explanation_can_be_withdrawn_and_everything_shown_reloads() {
    let mut a = app();
    explain_unit(&mut a);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::View(views::Load::Scores(views::scores::Load::Item { id: 2051 })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    // Not before it has loaded.
    keys(&mut a, "w");
    assert_eq!(a.notice.as_ref().unwrap().text, "wait for the item to load");
    let item = town_item(2051, "象山街道开展“119”消防宣传月活动", Form::Video, 11, 20);
    a.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Item(Ok(Box::new((item, vec![])))))),
    ));
    keys(&mut a, "w");
    assert!(text_of(&a).contains("Withdraw item 2051 from every column"), "{}", text_of(&a));
    // An improper item loses its points: the question says so.
    keys(&mut a, "r");
    assert!(text_of(&a).contains("reason: improper (loses its points)"), "{}", text_of(&a));
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, reason })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!((&items[..], *reason), (&[2051][..], RetractionReason::Improper));
    let done = Withdrawal { withdrawn: vec![2051], already: vec![], requests_closed: 0, batch: None };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 2051 from every column");
    let q4 = Period::Quarter { year: 2026, quarter: 4 };
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    for wanted in [
        Load::View(views::Load::Scores(views::scores::Load::Ranking { period: q4 })),
        Load::View(views::Load::Scores(views::scores::Load::Explain { unit: "象山街道".into(), period: q4 })),
        Load::View(views::Load::Scores(views::scores::Load::Item { id: 2051 })),
    ] {
        assert!(reloaded.contains(&wanted), "{wanted:?} in {reloaded:?}");
    }
    assert_eq!(a.layer(), Layer::Item);
}

/// An overdue column says its rule in words of the language, whatever its table's text (the
/// stable `every 4 months` is for CSV and JSON; the English console showed the table's 4个月).
#[test]
fn an_overdue_columns_rule_is_said_in_words_of_the_language() {
    for (lang, words) in [(Lang::En, "  4 months · last 2026-07-10"), (Lang::ZhCn, "  4个月 · 最近更新 2026-07-10")]
    {
        crate::i18n::scoped(lang, || {
            let mut a = sized((80, 24), true);
            show_scores(&mut a);
            key(&mut a, KeyCode::Home);
            for _ in 0..3 {
                key(&mut a, KeyCode::Down);
            }
            let effects = key(&mut a, KeyCode::Enter);
            let [(id, _)] = &loads(&effects)[..] else { panic!("{effects:?}") };
            let mut e = explanation();
            e.overdue[0].column.deadline = String::new();
            let explained = views::scores::Loaded::Explained(Ok(Box::new(e)));
            a.update(Msg::Loaded(*id, Loaded::View(views::Loaded::Scores(explained))));
            key(&mut a, KeyCode::End);
            let text = view_text(&a);
            assert!(text.contains(words), "{}: {words} in\n{text}", lang.tag());
            if lang == Lang::ZhCn {
                assert!(!text.contains("every 4 months"), "{text}");
                insta::assert_snapshot!("scores_unit_rule_words_zh_80x24", text);
            }
        });
    }
}

/// An item of 象山街道's online in its news column, submitted at 09:00 Beijing time on `month`/`day`
/// of 2026 and published an hour later.
fn town_item(id: i64, title: &str, form: Form, month: u32, day: u32) -> ExportedItem {
    ExportedItem {
        id,
        fields: ItemFields {
            reference: None,
            url: None,
            title: title.into(),
            body: "……".into(),
            form,
            path: ItemPath::Unit,
            unit: Some("象山街道".into()),
            channel: Channel::Portal,
            stage: Stage::Done,
            status: ItemStatus::Online,
            submitted_at: Utc.with_ymd_and_hms(2026, month, day, 1, 0, 0).unwrap(),
            wechat_at: None,
            published_at: Some(Utc.with_ymd_and_hms(2026, month, day, 2, 0, 0).unwrap()),
            placements: vec![("政务动态 / 乡镇（街道）动态".into(), form)],
        },
        withdrawn: None,
        mark: None,
        attachments: Vec::new(),
    }
}
