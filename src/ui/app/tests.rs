//! The console driven by messages, without a terminal or a database: what a user does, and the
//! screens it draws (snapshot files under `snapshots/`, at 80×24 and 160×48, in colour and
//! monochrome).
#![allow(clippy::too_many_arguments)]

use chrono::{NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::domain::deadline::DeadlineRule;
use crate::domain::item::AttachmentKind;
use crate::domain::review::Decision;
use crate::domain::staleness::{DocumentStatus, Staleness, Status};
use crate::domain::{Channel, Form, ItemPath, ItemStatus, Stage};
use crate::store::{AuditEntry, DocumentRow, QueueItem, RetractionRequest, Transition};
use crate::ui::draw::draw;
use crate::ui::paged::PAGE;

/// The console's hold on the database: identity, live updates, faults, hostile content.
mod live;

/// The Inspection tab.
mod inspection;

/// The Findings tab.
mod findings;

/// The review screen's content checks.
mod review;

/// The calendar: provisional deadlines, the December warning, `:calendar import`.
mod calendar;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn entry(
    id: i64,
    parent: Option<i64>,
    path: &str,
    deadline: &str,
    status: Status,
    due: Option<&str>,
    days: i64,
    units: &[&str],
) -> ColumnEntry {
    ColumnEntry {
        id,
        parent_id: parent,
        level: path.split(" / ").count() as i64,
        path: path.into(),
        deadline: deadline.into(),
        rule: DeadlineRule::parse(deadline).unwrap(),
        units: units.iter().map(|u| u.to_string()).collect(),
        last_update: due.map(|_| Utc.with_ymd_and_hms(2026, 7, 18, 2, 30, 0).unwrap()),
        staleness: Staleness { status, due: due.map(day), days_overdue: days },
        provisional: false,
    }
}

fn entries() -> Vec<ColumnEntry> {
    use Status::*;
    vec![
        entry(1, None, "政务动态", "", Exempt, None, 0, &[]),
        entry(2, Some(1), "政务动态 / 工作动态", "10天", DueSoon, Some("2026-12-02"), 0, &["区政府办"]),
        entry(3, Some(1), "政务动态 / 乡镇（街道）动态", "10天", Ok, Some("2026-12-08"), 0, &["各乡（街道）"]),
        entry(4, None, "政府信息公开", "", Exempt, None, 0, &[]),
        entry(5, Some(4), "政府信息公开 / 机构职能", "按需更新", Empty, None, 0, &["民政局", "区政府办"]),
        entry(6, Some(4), "政府信息公开 / 重大建设项目批准和实施", "", Exempt, None, 0, &[]),
        entry(
            7,
            Some(6),
            "政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息",
            "4个月",
            Overdue,
            Some("2026-11-18"),
            11,
            &["发改局"],
        ),
        entry(
            8,
            Some(6),
            "政府信息公开 / 重大建设项目批准和实施 / ②批准服务信息",
            "文件印发后5个工作日内",
            Overdue,
            Some("2026-10-10"),
            50,
            &["发改局", "自然资源局"],
        ),
        entry(9, None, "政民互动", "", Exempt, None, 0, &[]),
        entry(10, Some(9), "政民互动 / 县长信箱", "无需更新", Exempt, None, 0, &["区政府办"]),
    ]
}

fn summary(id: i64, title: &str, minute: u32, unit: Option<&str>) -> ItemSummary {
    ItemSummary {
        id,
        title: title.into(),
        online_since: Utc.with_ymd_and_hms(2026, 11, 20, 1, minute, 0).unwrap(),
        form: Form::ImageText,
        path: if unit.is_some() { ItemPath::Unit } else { ItemPath::Repost },
        unit: unit.map(Into::into),
        mark: None,
    }
}

fn items(from: i64, n: i64) -> Vec<ItemSummary> {
    (from..from + n)
        .map(|i| {
            summary(
                1000 - i,
                &format!("象山区第{i}次召开重大项目建设推进会，部署“十五五”开局工作"),
                (59 - i % 60) as u32,
                Some("发改局"),
            )
        })
        .collect()
}

fn sized(size: (u16, u16), mono: bool) -> App {
    let (mut app, effects) = App::new(Setup {
        keymap: Keymap::default_map(),
        ambiguous: Ambiguous::Narrow,
        mono,
        site_name: "桂林市象山区人民政府门户网站".into(),
        operator: "li.jianhua".into(),
        database: "SQLite /srv/portal/portal.db".into(),
        now: Utc.with_ymd_and_hms(2026, 11, 29, 6, 0, 0).unwrap(),
        size,
    });
    let Effect::Load(id, Load::Columns { at }) = &effects[0] else { panic!("{effects:?}") };
    assert_eq!(*at, day("2026-11-29"));
    app.update(Msg::Loaded(*id, Loaded::Columns(Ok(entries()))));
    app
}

fn app() -> App {
    sized((80, 24), false)
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn keys(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| key(app, KeyCode::Char(c))).collect()
}

fn loads(effects: &[Effect]) -> Vec<(u64, Load)> {
    effects.iter().filter_map(|e| if let Effect::Load(id, l) = e { Some((*id, l.clone())) } else { None }).collect()
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), app)).unwrap();
    format!("{:?}", t.backend().buffer())
}

fn text_of(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), app)).unwrap();
    let buf = t.backend().buffer();
    let row = |y: u16| {
        let mut out = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = crate::ui::text::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.trim_end().to_string()
    };
    (0..buf.area.height).map(row).collect::<Vec<_>>().join("\n")
}

/// Opens column 7 and feeds it a page of items and its documents.
fn open_column(app: &mut App, page: Vec<ItemSummary>) {
    keys(app, "o");
    let pos = app
        .columns
        .lines
        .iter()
        .position(
            |l| matches!(l, Line::Column { index, .. } if app.columns.tree.as_ref().unwrap().entries[*index].id == 7),
        )
        .unwrap();
    app.columns.cursor.selected = pos;
    let effects = key(app, KeyCode::Enter);
    for (id, load) in loads(&effects) {
        match load {
            Load::ColumnItems { column_id: 7, before: None } => {
                app.update(Msg::Loaded(id, Loaded::ColumnItems(Ok(page.clone()))));
            }
            Load::ColumnHead { column_id: 7, .. } => {
                let document = DocumentRow {
                    id: 1,
                    number: "象发改〔2026〕31号".into(),
                    title: "关于下达2026年第二批重大项目计划的通知".into(),
                    column_id: 7,
                    column_path: "政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息".into(),
                    rule: DeadlineRule::parse("文件印发后5个工作日内").unwrap(),
                    issued_on: day("2026-11-10"),
                    published_at: None,
                };
                let row = DocumentReportRow {
                    document,
                    due: day("2026-11-17"),
                    status: DocumentStatus::Overdue,
                    provisional: false,
                };
                app.update(Msg::Loaded(id, Loaded::ColumnHead(Ok((1234, vec![row])))));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

fn open_item(app: &mut App) {
    open_item_with(
        app,
        "11月19日，象山区召开重大项目建设推进会，通报前三季度全区重大项目建设情况。\n会议要求，各部门要对照年度目标任务，倒排工期、挂图作战；①抓开工，②抓进度，③抓入统。",
    );
}

fn open_item_with(app: &mut App, body: &str) {
    let effects = key(app, KeyCode::Enter);
    let [(id, Load::Item { id: item_id })] = loads(&effects)[..] else { panic!("{effects:?}") };
    let t = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap();
    let item = ExportedItem {
        id: item_id,
        reference: Some("XS-2026-0931".into()),
        url: Some(format!("https://www.glxsq.gov.cn/zwgk/zdxm/202611/t20261120_{item_id}.html")),
        title: "象山区召开重大项目建设推进会\u{1b}[31m".into(),
        body: body.into(),
        form: Form::ImageText,
        path: ItemPath::Unit,
        unit: Some("发改局".into()),
        channel: Channel::Portal,
        stage: Stage::Done,
        status: ItemStatus::Online,
        submitted_at: t(19, 2, 0),
        wechat_at: None,
        published_at: Some(t(20, 1, 59)),
        withdrawn: None,
        mark: None,
        placements: vec![
            ("政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息".into(), Form::ImageText),
            ("政务动态 / 工作动态".into(), Form::Text),
        ],
        attachments: Vec::new(),
    };
    let history = vec![
        HistoryEntry { at: t(19, 2, 0), operator: "发改局".into(), event: "submitted".into() },
        HistoryEntry { at: t(19, 8, 30), operator: "li.jianhua".into(), event: "approve (recheck)".into() },
        HistoryEntry { at: t(20, 1, 59), operator: String::new(), event: "published".into() },
    ];
    app.update(Msg::Loaded(id, Loaded::Item(Ok(Box::new((item, history))))));
}

/// A body line that fills the row but for one cell before a full-width 。: the 。 does not fit, and
/// may not start a row, so the number before it goes to the next row with it; the next line's
/// first character (会) is drawn (ratatui's own wrapping put the 。 in the last cell and hid it).
#[test]
fn an_item_body_wraps_without_losing_a_character_at_the_edge() {
    let mut app = sized((80, 24), true);
    open_column(&mut app, items(1, 3));
    let line = "护林员张某（身份证号11010519491231002X）负责二塘乡片区巡查，联系电话13907731234。";
    open_item_with(&mut app, &format!("{line}\n会议要求各乡（街道）加强巡查。"));
    for _ in 0..6 {
        key(&mut app, KeyCode::Down);
    }
    let text = text_of(&app);
    let rows: Vec<&str> = text.lines().collect();
    let at = rows.iter().position(|r| r.contains("负责二塘乡片区巡查，联系电话")).unwrap_or_else(|| panic!("{text}"));
    assert!(rows[at].trim_end().ends_with("联系电话"), "the 。 does not fit after the number: {text}");
    assert!(rows[at + 1].trim_end() == "13907731234。", "nor starts a row: the number goes with it: {text}");
    assert!(rows[at + 2].starts_with("会议要求各乡"), "and the next line keeps its first character: {text}");
}

fn scores_rows() -> Vec<ScoreRow> {
    let row = |rank, unit: &str, text, image_text, video, deductions, incidents, previous_net| {
        let points = text + 2 * image_text + 3 * video;
        ScoreRow {
            rank,
            unit: unit.into(),
            text,
            image_text,
            video,
            points,
            deductions,
            net: points + deductions,
            supplied_nothing: points == 0,
            incidents,
            previous_net,
        }
    };
    vec![
        row(1, "政府办", 40, 12, 3, 0, 0, 60),
        row(2, "发改局", 20, 8, 1, -5, 1, 41),
        row(3, "民政局", 25, 3, 0, 0, 0, 31),
        row(4, "象山街道", 2, 2, 1, -5, 1, 12),
        row(5, "统计局", 0, 0, 0, 0, 0, 4),
        row(6, "二塘乡", 2, 0, 0, -10, 1, 3),
    ]
}

fn show_scores(app: &mut App) {
    let effects = keys(app, "4");
    let [(id, Load::Scores { period })] = loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(period, Period::Quarter { year: 2026, quarter: 4 });
    app.update(Msg::Loaded(id, Loaded::Scores(Ok(scores_rows()))));
}

fn audit_rows() -> Vec<AuditEntry> {
    let at = |h| Utc.with_ymd_and_hms(2026, 11, 28, h, 15, 0).unwrap();
    vec![
        AuditEntry {
            id: 3,
            at: at(9),
            operator: "li.jianhua".into(),
            action: "documents.add".into(),
            target: "document 12".into(),
            detail: r#"{"number":"象发改〔2026〕31号","column":"⑥施工及质量安全监督信息"}"#.into(),
        },
        AuditEntry {
            id: 2,
            at: at(8),
            operator: "root".into(),
            action: "calendar.set".into(),
            target: "calendar".into(),
            detail: r#"[{"date":"2026-12-31","kind":"holiday","note":"元旦调休"}]"#.into(),
        },
        AuditEntry {
            id: 1,
            at: at(7),
            operator: "root".into(),
            action: "init".into(),
            target: "site xiangshan".into(),
            detail: r#"{"columns":291,"units":32}"#.into(),
        },
    ]
}

fn show_retractions(app: &mut App) {
    use crate::domain::RetractionReason::*;
    let effects = keys(app, "3");
    let [(id, Load::Retractions)] = loads(&effects)[..] else { panic!("{effects:?}") };
    let at = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap();
    let request = |id, reason, requested_at, unit: &str, title: &str| RetractionRequest {
        id,
        item: 1000 + id,
        title: title.into(),
        unit: Some(unit.into()),
        reason,
        note: "请尽快撤回".into(),
        status: crate::domain::item::RequestStatus::Pending,
        requested_at,
        handled_at: None,
        handled_by: None,
        resolution: None,
        columns: vec!["政务动态 / 部门动态".into()],
    };
    // As the store sorts them: the most urgent first.
    let rows = vec![
        request(7, Classified, at(29, 5, 30), "统计局", "象山区2026年三季度主要经济指标（内部资料）"),
        request(5, Improper, at(28, 9, 0), "民政局", "关于低保对象名单的公示（含身份证号）"),
        request(6, Outdated, at(20, 9, 0), "人社局", "2024年度就业补贴申领指南"),
    ];
    app.update(Msg::Loaded(id, Loaded::Retractions(Ok(rows))));
}

fn show_audit(app: &mut App) {
    let effects = keys(app, "5");
    let [(id, Load::Audit { before: None })] = loads(&effects)[..] else { panic!("{effects:?}") };
    app.update(Msg::Loaded(id, Loaded::Audit(Ok(audit_rows()))));
}

/// Every view state, for the snapshots.
/// A view state: its name and how a user gets there.
type State = (&'static str, fn(&mut App));

fn states() -> Vec<State> {
    vec![
        ("tree", |a| {
            keys(a, "e");
        }),
        ("only_overdue", |a| {
            keys(a, "o");
        }),
        ("by_unit", |a| {
            keys(a, "u");
        }),
        ("worst_first", |a| {
            keys(a, "s");
        }),
        ("filter_pinyin", |a| {
            keys(a, "/fgj");
        }),
        ("column", |a| open_column(a, items(0, 30))),
        ("item", |a| {
            open_column(a, items(0, 30));
            open_item(a);
        }),
        ("scores", show_scores),
        ("audit", show_audit),
        ("retractions", show_retractions),
        ("audit_record", |a| {
            show_audit(a);
            key(a, KeyCode::Down);
            key(a, KeyCode::Enter);
        }),
        ("help", |a| {
            keys(a, "?");
        }),
        ("copy_menu", |a| {
            keys(a, "y");
        }),
        ("command_line", |a| {
            keys(a, ":unit ");
        }),
    ]
}

#[test]
fn every_view_state_at_both_sizes_in_colour_and_monochrome() {
    snapshot_all(states());
}

/// Each state's screen at 80×24 and 160×48, in colour and monochrome, against its snapshot file.
fn snapshot_all(states: Vec<State>) {
    for (name, setup) in states {
        for size in [(80, 24), (160, 48)] {
            for mono in [false, true] {
                let mut a = sized(size, mono);
                setup(&mut a);
                let theme = if mono { "mono" } else { "colour" };
                insta::assert_snapshot!(format!("{name}_{}x{}_{theme}", size.0, size.1), screen(&a));
            }
        }
    }
}

#[test]
fn a_terminal_below_80x24_says_what_it_needs() {
    let mut a = app();
    a.update(Msg::Resize(60, 20));
    let text = text_of(&a);
    assert!(text.contains("at least 80×24; this one is") && text.contains("60×20"), "{text}");
    insta::assert_snapshot!("too_small", text);
}

#[test]
fn the_columns_screen_shows_the_figures_of_stale() {
    let mut a = app();
    keys(&mut a, "s");
    let text = text_of(&a);
    // Worst first, as `stale` sorts; with the due date and the days overdue.
    let first = text.lines().nth(3).unwrap();
    assert!(
        first.starts_with("✗")
            && first.contains("②批准服务信息")
            && first.contains("2026-10-10")
            && first.contains("50"),
        "{text}"
    );
    let second = text.lines().nth(4).unwrap();
    assert!(
        second.contains("⑥施工及质量安全监督信息") && second.contains("2026-11-18") && second.contains("11"),
        "{text}"
    );
    assert!(text.lines().nth(1).unwrap().contains("✗2 overdue ∅1 empty !1 due soon"), "{text}");
}

#[test]
fn control_characters_in_content_never_reach_the_terminal() {
    let mut a = app();
    open_column(&mut a, items(0, 3));
    open_item(&mut a);
    let text = text_of(&a);
    assert!(text.contains("象山区召开重大项目建设推进会␛[31m"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

/// A column named with blank Braille (U+2800, which the console once padded with) and Greek
/// letters, drawn wide: the Braille cells are written like any other, only the pads after the
/// Greek letters are skipped.
#[test]
fn content_is_never_taken_for_padding() {
    let mut a = sized((80, 24), false);
    a.ambiguous = Ambiguous::Wide;
    let mut rows = entries();
    rows[6].path = "政府信息公开 / 重大建设项目批准和实施 / \u{2800}\u{2800}\u{2800}αβ".into();
    let effects = keys(&mut a, ":refresh");
    let effects = [effects, key(&mut a, KeyCode::Enter)].concat();
    let (id, _) = loads(&effects).into_iter().find(|(_, l)| matches!(l, Load::Columns { .. })).unwrap();
    a.update(Msg::Loaded(id, Loaded::Columns(Ok(rows))));
    keys(&mut a, "s");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let buf = t.draw(|f| draw(f.buffer_mut(), &a)).unwrap().buffer.clone();
    let y =
        (0..24).find(|&y| (0..80).any(|x| buf[(x, y)].symbol() == "α")).unwrap_or_else(|| panic!("{}", text_of(&a)));
    let braille: Vec<u16> = (0..80).filter(|&x| buf[(x, y)].symbol() == "\u{2800}").collect();
    assert_eq!(braille.len(), 3, "{}", text_of(&a));
    assert!(braille.iter().all(|&x| buf[(x, y)].diff_option == ratatui::buffer::CellDiffOption::None));
    let alpha = (0..80).find(|&x| buf[(x, y)].symbol() == "α").unwrap();
    assert_eq!(buf[(alpha + 1, y)].diff_option, ratatui::buffer::CellDiffOption::Skip, "α is two cells wide");
}

#[test]
fn ambiguous_characters_drawn_wide_keep_the_columns_aligned() {
    let mut a = sized((160, 48), false);
    a.ambiguous = Ambiguous::Wide;
    keys(&mut a, "s");
    let mut t = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let frame = t.draw(|f| draw(f.buffer_mut(), &a)).unwrap();
    let buf = frame.buffer.clone();
    // The terminal is never written in the pad's cell.
    assert_eq!(t.backend().buffer()[(buf.area.x, 0)].symbol(), buf[(0, 0)].symbol());
    // Row 4 is ⑥施工…: the cell after ⑥ is the pad, skipped so the terminal's second cell stays.
    let x = (0..160).find(|&x| buf[(x, 4)].symbol() == "⑥").unwrap_or_else(|| panic!("{}", text_of(&a)));
    assert_eq!(
        buf[(x + 1, 4)].symbol(),
        crate::ui::text::PAD.to_string(),
        "{:?}",
        (0..160).map(|x| buf[(x, 4)].symbol().to_string()).collect::<Vec<_>>()
    );
    assert_eq!(buf[(x + 1, 4)].diff_option, ratatui::buffer::CellDiffOption::Skip);
    // The due date is at the same column on every row.
    // Every row's due date starts in the same cell.
    // (The second date of a row is its due date.)
    let due = |y: u16| {
        (0..150u16)
            .filter(|&x| {
                buf[(x, y)].symbol() == "2" && buf[(x + 4, y)].symbol() == "-" && buf[(x + 7, y)].symbol() == "-"
            })
            .nth(1)
    };
    assert_eq!(due(3), due(4));
    assert!(due(3).is_some());
    insta::assert_snapshot!("worst_first_ambiguous_wide", text_of(&a));
}

#[test]
fn the_selection_survives_a_refresh_and_a_filter() {
    let mut a = app();
    keys(&mut a, "e");
    let target = a
        .columns
        .lines
        .iter()
        .position(
            |l| matches!(l, Line::Column { index, .. } if a.columns.tree.as_ref().unwrap().entries[*index].id == 8),
        )
        .unwrap();
    a.columns.cursor.selected = target;
    let effects = a.update(Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE)));
    let [(id, Load::Columns { .. })] = loads(&effects)[..] else { panic!("{effects:?}") };
    // The refreshed tree has a new column ahead of the selected one.
    let mut fresh = entries();
    fresh
        .insert(1, entry(11, Some(1), "政务动态 / 通知公告", "10天", Status::Ok, Some("2026-12-05"), 0, &["区政府办"]));
    a.update(Msg::Loaded(id, Loaded::Columns(Ok(fresh))));
    assert_eq!(a.columns.selected_entry().unwrap().id, 8);
    keys(&mut a, "/fgj");
    assert_eq!(a.columns.selected_entry().unwrap().id, 8);
    key(&mut a, KeyCode::Esc);
    assert!(a.columns.filter.is_empty());
    assert_eq!(a.columns.selected_entry().unwrap().id, 8);
}

#[test]
fn a_result_that_arrives_after_a_newer_request_is_dropped() {
    let mut a = app();
    let first = loads(&a.update(Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))));
    let second = loads(&a.update(Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))));
    a.update(Msg::Loaded(second[0].0, Loaded::Columns(Ok(entries()))));
    a.update(Msg::Loaded(first[0].0, Loaded::Columns(Ok(vec![]))));
    assert_eq!(a.columns.tree.as_ref().unwrap().entries.len(), 10);
    assert!(!a.busy());
}

#[test]
fn scrolling_near_the_end_fetches_the_next_page_after_the_last_row() {
    let mut a = app();
    open_column(&mut a, items(0, PAGE));
    assert!(!a.column.as_ref().unwrap().items.done);
    let mut asked = Vec::new();
    for _ in 0..90 {
        asked.extend(loads(&key(&mut a, KeyCode::Down)));
    }
    let last = a.column.as_ref().unwrap().items.rows.last().cloned().unwrap();
    let [(id, Load::ColumnItems { column_id: 7, before: Some(before) })] = asked[..] else { panic!("{asked:?}") };
    assert_eq!(before, (last.online_since, last.id));
    // A short page is the last one.
    a.update(Msg::Loaded(id, Loaded::ColumnItems(Ok(items(PAGE, 7)))));
    let c = &a.column.as_ref().unwrap().items;
    assert_eq!(c.rows.len(), PAGE as usize + 7);
    assert!(c.done);
    assert_eq!(c.selected().unwrap().id, 1000 - 90);
    assert!(loads(&key(&mut a, KeyCode::End)).is_empty());
}

#[test]
fn esc_backs_out_one_step_at_a_time() {
    let mut a = app();
    open_column(&mut a, items(0, 5));
    open_item(&mut a);
    assert_eq!(a.layer(), Layer::Item);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Column);
    keys(&mut a, "/mzj");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.column.as_ref().unwrap().items.filter, "mzj");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.column.as_ref().unwrap().items.filter, "");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Columns);
    assert!(a.columns.tree.as_ref().unwrap().mode.only_overdue);
    key(&mut a, KeyCode::Esc);
    assert!(!a.columns.tree.as_ref().unwrap().mode.only_overdue);
    assert!(!a.quit);
    keys(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn the_command_line_completes_and_runs_commands() {
    let mut a = app();
    keys(&mut a, ":unit fg");
    let Overlay::Command { completions, .. } = &a.overlay else { panic!() };
    assert_eq!(completions, &["unit 发改局".to_string()]);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    let tree = a.columns.tree.as_ref().unwrap();
    assert!(tree.mode.by_unit);
    let shown: Vec<i64> = a
        .columns
        .lines
        .iter()
        .filter_map(|l| if let Line::Column { index, .. } = l { Some(tree.entries[*index].id) } else { None })
        .collect();
    assert_eq!(shown, [8, 7]);
    keys(&mut a, ":scores 2025Q3");
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(loads(&effects)[0].1, Load::Scores { period: Period::Quarter { year: 2025, quarter: 3 } });
    keys(&mut a, ":at 2026-13-01");
    key(&mut a, KeyCode::Enter);
    assert!(a.notice.as_ref().unwrap().error);
    keys(&mut a, ":q");
    key(&mut a, KeyCode::Enter);
    assert!(a.quit);
}

#[test]
fn copying_sends_the_selected_id_or_title() {
    let mut a = app();
    open_column(&mut a, items(0, 5));
    keys(&mut a, "y");
    assert_eq!(a.layer(), Layer::Copy);
    let effects = keys(&mut a, "t");
    assert_eq!(effects, [Effect::Copy(items(0, 1)[0].title.clone())]);
    let effects = keys(&mut a, "yi");
    assert_eq!(effects, [Effect::Copy("1000".into())]);
}

#[test]
fn mouse_clicks_select_and_open_and_the_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    let click = |row| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 5,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.update(click(4));
    assert_eq!(a.columns.cursor.selected, 1);
    a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 4,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.columns.cursor.selected, 2);
    let effects = a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 37,
        row: 0,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.tab, Tab::Scores);
    assert!(matches!(loads(&effects)[..], [(_, Load::Scores { .. })]));
}

#[test]
fn the_audit_trail_pages_back_and_filters() {
    let mut a = app();
    let effects = keys(&mut a, "5");
    let [(id, Load::Audit { before: None })] = loads(&effects)[..] else { panic!("{effects:?}") };
    let at = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
    let page: Vec<AuditEntry> = (0..PAGE)
        .map(|i| AuditEntry {
            id: 500 - i,
            at,
            operator: "root".into(),
            action: "import".into(),
            target: "items".into(),
            detail: format!("{{\"items\":{i}}}"),
        })
        .collect();
    let effects = a.update(Msg::Loaded(id, Loaded::Audit(Ok(page))));
    assert!(effects.is_empty(), "a full screen is loaded: {effects:?}");
    let mut asked = Vec::new();
    for _ in 0..85 {
        asked.extend(loads(&key(&mut a, KeyCode::Down)));
    }
    let [(id, Load::Audit { before: Some(401) })] = asked[..] else { panic!("{asked:?}") };
    a.update(Msg::Loaded(id, Loaded::Audit(Ok(audit_rows()))));
    assert_eq!(a.audit.rows.len(), PAGE as usize + 3);
    keys(&mut a, "/calendar");
    assert_eq!(a.audit.shown.len(), 1);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    let Overlay::Record(record) = &a.overlay else { panic!("{:?}", a.overlay) };
    assert!(record.contains("calendar.set") && record.contains("元旦调休"), "{record}");
}

fn queue_rows() -> Vec<QueueItem> {
    let at = |d, h| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
    let row = |id, path, stage, unit: Option<&str>, title: &str, channel, submitted, missing: Vec<AttachmentKind>| {
        QueueItem {
            id,
            path,
            stage,
            unit: unit.map(Into::into),
            form: Form::Text,
            title: title.into(),
            channel,
            columns: vec!["政务动态 / 部门动态".into()],
            submitted_at: submitted,
            wechat_at: None,
            missing,
            version: 1,
        }
    };
    vec![
        row(
            31,
            ItemPath::Government,
            Stage::OfficeReview,
            Some("政府办"),
            "象山区人民政府关于2026年冬季森林防火的通告",
            Channel::Portal,
            at(20, 1),
            vec![],
        ),
        row(
            32,
            ItemPath::Unit,
            Stage::Recheck,
            Some("民政局"),
            "民政局开展2026年度低保复核工作",
            Channel::Wechat,
            at(29, 1),
            vec![AttachmentKind::SignedScan],
        ),
        row(
            33,
            ItemPath::Repost,
            Stage::Review,
            None,
            "国务院办公厅关于进一步优化政务服务的意见",
            Channel::Portal,
            at(28, 9),
            vec![],
        ),
        row(
            34,
            ItemPath::Unit,
            Stage::Publish,
            Some("统计局"),
            "象山区2026年1-10月主要经济指标",
            Channel::Portal,
            at(27, 3),
            vec![],
        ),
    ]
}

fn show_queue(app: &mut App) {
    let effects = keys(app, "1");
    let [(id, Load::Queue)] = loads(&effects)[..] else { panic!("{effects:?}") };
    app.update(Msg::Loaded(id, Loaded::Queue(Ok(queue_rows()))));
}

/// Opens the selected queue item and feeds it its page; the content checks find nothing on it.
fn open_reviewing(app: &mut App) {
    open_reviewing_with(app, "为切实做好冬季森林防火工作，保护森林资源和人民群众生命财产安全……", vec![]);
}

/// Opens the selected queue item and feeds it its page with `body`, and its findings.
fn open_reviewing_with(app: &mut App, body: &str, findings: Vec<(crate::domain::checks::Finding, Option<String>)>) {
    let effects = key(app, KeyCode::Enter);
    let [(id, Load::Item { id: item }), (checked, Load::ItemFindings { id: also })] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(item, also);
    app.update(Msg::Loaded(checked, Loaded::ItemFindings(item, Ok(findings))));
    let entry = app.reviewing.as_ref().unwrap().entry.clone();
    let t = Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap();
    let full = ExportedItem {
        id: item,
        reference: None,
        url: None,
        title: entry.title.clone(),
        body: body.into(),
        form: entry.form,
        path: entry.path,
        unit: entry.unit.clone(),
        channel: entry.channel,
        stage: entry.stage,
        status: ItemStatus::Pending,
        submitted_at: t,
        wechat_at: None,
        published_at: None,
        withdrawn: None,
        mark: None,
        placements: vec![("政务动态 / 部门动态".into(), Form::Text)],
        attachments: Vec::new(),
    };
    app.update(Msg::Loaded(
        id,
        Loaded::Item(Ok(Box::new((
            full,
            vec![HistoryEntry { at: t, operator: "政府办".into(), event: "submitted".into() }],
        )))),
    ));
}

#[test]
fn the_queue_and_the_review_screen_in_every_state() {
    let cases: Vec<State> = vec![
        ("queue", show_queue),
        ("review", |a| {
            show_queue(a);
            open_reviewing(a);
            keys(a, "1357");
        }),
        ("reject_reason", |a| {
            show_queue(a);
            open_reviewing(a);
            keys(a, "c7r来源不明");
        }),
        ("publish_confirm", |a| {
            show_queue(a);
            a.queue.items.cursor.selected = 3;
            open_reviewing(a);
            keys(a, "p");
        }),
    ];
    snapshot_all(cases);
}

#[test]
fn a_review_by_keys_needs_all_seven_checks_then_opens_the_next_item() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    assert_eq!(a.layer(), Layer::Review);
    // Six checks are not enough.
    assert!(loads(&keys(&mut a, "123456a")).is_empty());
    assert!(a.notice.as_ref().unwrap().error);
    let effects = keys(&mut a, "7a");
    let [(id, Load::Review { item: 31, version: 1, decision: Decision::Approve { checks, .. } })] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert!(checks.is_all());
    let t = Transition { item: 31, from: Stage::OfficeReview, to: Stage::Publish, version: 2 };
    let effects = a.update(Msg::Loaded(id, Loaded::Decided(Ok(t))));
    assert!(a.reviewing.is_none());
    assert!(a.notice.as_ref().unwrap().text.contains("office_review → publish"));
    let [(id, Load::Queue)] = loads(&effects)[..] else { panic!("{effects:?}") };
    // The reloaded queue arrives: the next item opens by itself.
    let rest: Vec<QueueItem> = queue_rows().into_iter().skip(1).collect();
    let effects = a.update(Msg::Loaded(id, Loaded::Queue(Ok(rest))));
    assert_eq!(a.reviewing.as_ref().unwrap().entry.id, 32);
    assert!(matches!(loads(&effects)[..], [(_, Load::Item { id: 32 }), (_, Load::ItemFindings { id: 32 })]));
}

#[test]
fn a_rejection_asks_for_a_reason_and_names_the_cleared_checks() {
    let mut a = app();
    show_queue(&mut a);
    open_reviewing(&mut a);
    assert!(loads(&keys(&mut a, "cr")).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("clear the ones that failed"));
    keys(&mut a, "26r");
    assert!(matches!(a.overlay, Overlay::Reason { .. }));
    // No reason, no rejection.
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    let effects = keys(&mut a, "政策口径需与市级文件一致");
    assert!(effects.is_empty());
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Review { item: 31, decision: Decision::Reject { failed, reason }, .. })] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(failed.numbers(), [2, 6]);
    assert_eq!(reason, "政策口径需与市级文件一致");
}

#[test]
fn publishing_asks_first_and_a_conflict_reloads_the_item() {
    let mut a = app();
    show_queue(&mut a);
    a.queue.items.cursor.selected = 3;
    open_reviewing(&mut a);
    assert!(loads(&keys(&mut a, "p")).is_empty(), "nothing is written before the confirmation");
    assert_eq!(a.layer(), Layer::Confirm);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Publish { item: 34, version: 1 })] = loads(&effects)[..] else { panic!("{effects:?}") };
    let effects = a.update(Msg::Loaded(
        id,
        Loaded::Decided(Err(
            "item 34 was changed by wang.fang at 2026-11-29T14:03:00+08:00 (publish) since it was read; reload it and decide again".into(),
        )),
    ));
    assert!(a.notice.as_ref().unwrap().text.contains("wang.fang"));
    let [(id, Load::Queue)] = loads(&effects)[..] else { panic!("{effects:?}") };
    let effects = a.update(Msg::Loaded(id, Loaded::Queue(Ok(queue_rows()))));
    assert_eq!(a.reviewing.as_ref().unwrap().entry.id, 34, "the same item, as it now is");
    assert!(matches!(loads(&effects)[..], [(_, Load::Item { id: 34 }), (_, Load::ItemFindings { id: 34 })]));
    // Esc on the confirmation writes nothing.
    keys(&mut a, "p");
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty());
    assert_eq!(a.layer(), Layer::Review);
}

#[test]
fn approved_items_are_marked_and_published_together_after_one_confirmation() {
    let mut a = app();
    show_queue(&mut a);
    // Only an approved item can be marked.
    key(&mut a, KeyCode::Char(' '));
    assert!(a.queue.marked.is_empty());
    assert!(a.notice.as_ref().unwrap().error);
    a.queue.items.cursor.selected = 3;
    key(&mut a, KeyCode::Char(' '));
    assert_eq!(a.queue.marked.iter().copied().collect::<Vec<_>>(), [34]);
    assert!(loads(&keys(&mut a, "P")).is_empty(), "nothing is written before the confirmation");
    assert_eq!(a.layer(), Layer::Confirm);
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::PublishMany { items })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[(34, 1)]);
    let t = Transition { item: 34, from: Stage::Publish, to: Stage::Done, version: 2 };
    let effects = a.update(Msg::Loaded(*id, Loaded::PublishedMany(vec![Ok(t)])));
    assert_eq!(a.notice.as_ref().unwrap().text, "published 1 items");
    assert!(a.queue.marked.is_empty());
    assert!(matches!(loads(&effects)[..], [(_, Load::Queue)]));
}

#[test]
fn a_suspected_secret_waiting_over_15_minutes_raises_the_alarm() {
    let mut a = app();
    show_retractions(&mut a);
    let text = text_of(&a);
    assert!(text.contains("1 suspected secret >15 min"), "{text}");
    assert!(text.lines().nth(3).unwrap().contains("classified"), "{text}");
    key(&mut a, KeyCode::Enter);
    let Overlay::Record(record) = &a.overlay else { panic!() };
    assert!(record.contains("item      1007") && record.contains("请尽快撤回"), "{record}");
}

#[test]
fn the_queue_sorts_by_waiting_time_across_steps_and_back() {
    let mut a = app();
    show_queue(&mut a);
    let order = |a: &App| a.queue.items.shown.iter().map(|&i| a.queue.items.rows[i].id).collect::<Vec<_>>();
    assert_eq!(order(&a), [31, 32, 33, 34]);
    a.queue.items.cursor.selected = 1;
    keys(&mut a, "s");
    assert_eq!(order(&a), [31, 34, 33, 32]);
    assert_eq!(a.queue.items.selected().unwrap().id, 32, "the selection stays on its item");
    assert!(text_of(&a).contains("longest waiting first"));
    keys(&mut a, "s");
    assert_eq!(order(&a), [31, 32, 33, 34]);
}

#[test]
fn the_public_link_of_an_opened_item_is_copied() {
    let mut a = app();
    open_column(&mut a, items(0, 3));
    let effects = keys(&mut a, "yl");
    assert!(effects.is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("open an item"));
    open_item(&mut a);
    let effects = keys(&mut a, "yl");
    assert_eq!(effects, [Effect::Copy("https://www.glxsq.gov.cn/zwgk/zdxm/202611/t20261120_1000.html".into())]);
    assert!(text_of(&a).contains("link      https://www.glxsq.gov.cn/zwgk/zdxm/202611/t20261120_1000.html"));
}

#[test]
fn a_request_is_withdrawn_after_a_confirmation_or_declined_with_a_reason() {
    let mut a = app();
    show_retractions(&mut a);
    assert!(loads(&keys(&mut a, "w")).is_empty(), "nothing is written before the confirmation");
    assert_eq!(a.layer(), Layer::Confirm);
    assert!(text_of(&a).contains("Withdraw item 1007 from every column (classified)"));
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, reason: RetractionReason::Classified })] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(items, &vec![1007]);
    let done = Withdrawal { withdrawn: vec![1007], already: vec![], requests_closed: 1 };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 1007 from every column; 1 request closed");
    // The requests and the column tree (its staleness) load again.
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert!(
        reloaded.contains(&Load::Retractions) && reloaded.iter().any(|l| matches!(l, Load::Columns { .. })),
        "{reloaded:?}"
    );
    // Declining needs a reason.
    keys(&mut a, "d");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    keys(&mut a, "该信息仍然有效");
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Decline { request: 7, reason })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(reason, "该信息仍然有效");
}

/// Policy documents online in column 7, newest first; two kept online marked instead of withdrawn.
fn policy_items() -> Vec<ItemSummary> {
    let at = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap();
    let row = |id, title: &str, online_since, mark| ItemSummary {
        id,
        title: title.into(),
        online_since,
        form: Form::Text,
        path: ItemPath::Unit,
        unit: Some("住建局".into()),
        mark,
    };
    vec![
        row(2106, "象山区重大建设项目施工安全监督管理办法（2026年修订）", at(2026, 6, 2), None),
        row(1874, "关于开展2025年度建设工程质量安全大检查的通知", at(2025, 4, 10), None),
        row(1533, "象山区建设工程质量安全监督实施细则", at(2024, 3, 5), Some(MarkKind::Amended)),
        row(1207, "象山区重大建设项目施工安全监督管理办法（试行）", at(2023, 11, 21), Some(MarkKind::Repealed)),
        row(1102, "关于做好2023年汛期建筑施工安全工作的通知", at(2023, 6, 1), None),
        row(1031, "象山区建筑工地扬尘污染防治工作方案", at(2023, 3, 15), None),
    ]
}

fn marked(a: &App) -> Vec<i64> {
    a.column.as_ref().unwrap().marks.items.keys().copied().collect()
}

fn space(a: &mut App) -> Vec<Effect> {
    key(a, KeyCode::Char(' '))
}

/// The confirmation's text, if one is open.
fn confirmation(a: &App) -> String {
    let Overlay::Confirm { text, .. } = &a.overlay else { panic!("no confirmation: {:?}", a.overlay) };
    text.clone()
}

#[test]
fn space_marks_and_moves_down_a_range_marks_the_rows_between_and_esc_clears_the_marks() {
    let mut a = app();
    open_column(&mut a, policy_items());
    assert_eq!(a.layer(), Layer::Column);
    // The range key needs a row marked first.
    keys(&mut a, "v");
    assert!(a.notice.as_ref().unwrap().error && marked(&a).is_empty());
    space(&mut a);
    assert_eq!(marked(&a), [2106]);
    assert_eq!(a.column.as_ref().unwrap().items.cursor.selected, 1, "Space moves down");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    keys(&mut a, "v");
    assert_eq!(marked(&a), [1207, 1533, 1874, 2106]);
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 3 more (4 marked)");
    let text = text_of(&a);
    assert!(text.lines().nth(1).unwrap().contains("4 marked"), "{text}");
    // Marked rows show it; marked-instead items carry their badge.
    let row = text.lines().find(|l| l.contains("[已废止]")).unwrap();
    assert!(row.starts_with("* ") && row.contains("2023-11-21"), "{row}");
    assert!(text.lines().any(|l| l.starts_with("* ") && l.contains("[已修改]")), "{text}");
    // Space on a marked row unmarks it.
    space(&mut a);
    assert_eq!(marked(&a), [1533, 1874, 2106]);
    // Esc clears the marks first, then backs out.
    key(&mut a, KeyCode::Esc);
    assert!(marked(&a).is_empty());
    assert_eq!(a.layer(), Layer::Column);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Columns);
}

#[test]
fn everything_before_a_day_is_marked_as_the_store_finds_it_loaded_or_not() {
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "O");
    assert!(matches!(a.overlay, Overlay::Before(_)));
    assert!(text_of(&a).contains("mark what went online here before (YYYY-MM-DD):"));
    // A day that does not exist is refused, and can be corrected.
    assert!(loads(&keys(&mut a, "2024-13-01")).is_empty());
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(a.notice.as_ref().unwrap().error);
    assert!(matches!(a.overlay, Overlay::Before(_)), "the day stays to be corrected");
    for _ in 0..5 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "01-01");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::ColumnBefore { column_id: 7, before })] = loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(before, Utc.with_ymd_and_hms(2023, 12, 31, 16, 0, 0).unwrap(), "midnight in Beijing");
    assert!(a.busy());
    // The store finds one more than the list has loaded.
    let mut found: Vec<ItemSummary> = policy_items().into_iter().skip(3).collect();
    let mut older = found[0].clone();
    (older.id, older.title) = (988, "象山区2022年重大项目建设计划".into());
    found.push(older);
    a.update(Msg::Loaded(id, Loaded::ColumnBefore(Ok(found))));
    assert_eq!(marked(&a), [988, 1031, 1102, 1207]);
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 4 items that went online here before 2024-01-01 (4 marked)");
    // The withdrawal takes them all, the one not loaded too.
    keys(&mut a, "w");
    assert!(
        confirmation(&a).contains("Withdraw 4 items from every column")
            && confirmation(&a).contains("象山区2022年重大项目建设计划")
    );
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Retract { items, reason: RetractionReason::Outdated })] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(items, &[1207, 1102, 1031, 988]);
    // Nothing before the day: said so.
    keys(&mut a, "O2020-01-01");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::ColumnBefore(Ok(vec![]))));
    assert_eq!(a.notice.as_ref().unwrap().text, "nothing online here went online before 2020-01-01");
}

#[test]
fn the_withdrawal_confirmation_says_how_many_and_which_and_cycles_the_reason() {
    use crate::domain::RetractionReason::*;
    let mut a = app();
    open_column(&mut a, items(0, 30));
    for _ in 0..20 {
        space(&mut a);
    }
    assert!(loads(&keys(&mut a, "w")).is_empty(), "nothing is written before Enter");
    assert_eq!(a.layer(), Layer::Confirm);
    let text = confirmation(&a);
    assert!(text.starts_with("Withdraw 20 items from every column (nothing is deleted):"), "{text}");
    // The first ones that fit at 80×24, then how many more.
    assert!(
        text.contains("  1000  象山区第0次召开")
            && text.contains("  999   象山区第1次召开")
            && text.contains("  … and 7 more"),
        "{text}"
    );
    assert!(text.contains("  988   象山区第12次召开") && !text.contains("  987   "), "{text}");
    assert!(text.contains("reason: outdated · r: improper, classified, error"), "{text}");
    assert!(text.ends_with("Enter withdraws · m marks instead · Esc cancels"), "{text}");
    assert!(text.lines().all(|l| crate::ui::text::width(l) <= 74), "no line wraps in the popup: {text}");
    let screen = text_of(&a);
    assert!(
        screen.contains("… and 7 more") && screen.contains("Enter withdraws · m marks instead · Esc cancels"),
        "{screen}"
    );
    // r cycles the reason; the text follows.
    let mut seen = Vec::new();
    for _ in 0..4 {
        keys(&mut a, "r");
        let Overlay::Confirm { then: Confirmed::WithdrawItems { reason, .. }, .. } = &a.overlay else { panic!() };
        seen.push(*reason);
    }
    assert_eq!(seen, [Improper, Classified, Error, Outdated]);
    keys(&mut a, "rr");
    assert!(confirmation(&a).contains("reason: classified (loses its points) · r: error, outdated, improper"));
    let effects = key(&mut a, KeyCode::Enter);
    let [(_, Load::Retract { items: ids, reason: Classified })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(ids.len(), 20);
    assert_eq!(ids[0], 1000);
    // Esc cancels and writes nothing; the marks stay.
    let mut b = app();
    open_column(&mut b, items(0, 3));
    space(&mut b);
    keys(&mut b, "w");
    assert!(loads(&key(&mut b, KeyCode::Esc)).is_empty());
    assert_eq!(b.layer(), Layer::Column);
    assert_eq!(marked(&b), [1000]);
}

#[test]
fn with_nothing_marked_the_selected_item_or_the_opened_one_is_withdrawn() {
    let mut a = app();
    open_column(&mut a, policy_items());
    key(&mut a, KeyCode::Down);
    keys(&mut a, "w");
    assert!(confirmation(&a).starts_with("Withdraw item 1874 from every column"));
    key(&mut a, KeyCode::Esc);
    open_item(&mut a);
    assert_eq!(a.layer(), Layer::Item);
    keys(&mut a, "w");
    let text = confirmation(&a);
    assert!(
        text.starts_with("Withdraw item 1874 from every column") && text.contains("象山区召开重大项目建设推进会"),
        "{text}"
    );
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, .. })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1874]);
    let done = Withdrawal { withdrawn: vec![1874], already: vec![], requests_closed: 0 };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 1874 from every column");
    // The item screen shows it as it now is.
    assert!(loads(&effects).iter().any(|(_, l)| *l == Load::Item { id: 1874 }), "{effects:?}");
    assert_eq!(a.layer(), Layer::Item);
}

#[test]
fn a_withdrawal_says_what_happened_clears_the_marks_and_reloads_what_it_affects() {
    let mut a = app();
    show_scores(&mut a);
    show_retractions(&mut a);
    keys(&mut a, "2");
    open_column(&mut a, policy_items());
    a.column.as_mut().unwrap().items.cursor.selected = 3;
    keys(&mut a, "   ");
    keys(&mut a, "w");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, .. })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1207, 1102, 1031]);
    // A second write waits for the first; its question stays open.
    space(&mut a);
    keys(&mut a, "w");
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("still being saved"));
    assert_eq!(a.layer(), Layer::Confirm);
    key(&mut a, KeyCode::Esc);
    let done = Withdrawal { withdrawn: vec![1031, 1102, 1207], already: vec![], requests_closed: 1 };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew 3 items from every column; 1 request closed");
    assert!(marked(&a).is_empty(), "the marks are cleared");
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    for wanted in [
        Load::Columns { at: day("2026-11-29") },
        Load::ColumnHead { column_id: 7, at: day("2026-11-29") },
        Load::ColumnItems { column_id: 7, before: None },
        Load::Retractions,
        Load::Scores { period: Period::Quarter { year: 2026, quarter: 4 } },
    ] {
        assert!(reloaded.contains(&wanted), "{wanted:?} in {reloaded:?}");
    }
    // Lists never loaded load when visited.
    assert!(!reloaded.iter().any(|l| matches!(l, Load::Withdrawals | Load::Audit { .. })), "{reloaded:?}");
    // The column's last items went: the fresh tree says it is empty, and so does the open column.
    let Some((columns, _)) = loads(&effects).into_iter().find(|(_, l)| matches!(l, Load::Columns { .. })) else {
        panic!()
    };
    let mut fresh = entries();
    fresh[6].staleness = Staleness { status: Status::Empty, due: None, days_overdue: 0 };
    a.update(Msg::Loaded(columns, Loaded::Columns(Ok(fresh))));
    assert_eq!(a.column.as_ref().unwrap().column.staleness.status, Status::Empty);
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("∅"), "{}", text_of(&a));
    assert!(matches!(loads(&keys(&mut a, "6"))[..], [(_, Load::Withdrawals)]));
}

#[test]
fn a_refusal_is_a_warning_that_keeps_the_screen_and_the_marks() {
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "  w");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    let refusal = "li.jianhua (viewer) may not withdraw, mark or restore items";
    a.update(Msg::Loaded(id, Loaded::Withdrawn(Err(refusal.into()))));
    let notice = a.notice.clone().unwrap();
    assert!(notice.error && notice.text == refusal, "{notice:?}");
    assert_eq!(a.layer(), Layer::Column);
    assert_eq!(marked(&a), [1874, 2106]);
    let text = text_of(&a);
    assert!(text.lines().last().unwrap().contains("✗ li.jianhua (viewer) may not withdraw"), "{text}");
    assert!(
        text.contains("* 2026-06-02 10:00 text       住建局       象山区重大建设项目施工"),
        "the list stays: {text}"
    );
    assert_eq!(a.health, Health::Connected, "a refusal is not a lost connection");
}

#[test]
fn a_mark_instead_is_chosen_from_the_confirmation_or_for_an_outdated_request() {
    use crate::domain::MarkKind;
    let mut a = app();
    open_column(&mut a, policy_items());
    a.column.as_mut().unwrap().items.cursor.selected = 3;
    keys(&mut a, "  wm");
    assert_eq!(a.layer(), Layer::Mark);
    let Overlay::Mark { items, kind: MarkKind::Amended, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert_eq!(items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [1207, 1102]);
    let text = text_of(&a);
    assert!(text.contains("Keep 2 items online, marked, instead of withdrawing them:"), "{text}");
    assert!(text.contains("已修改 amended · Tab: 已废止, 已失效"), "{text}");
    assert!(
        text.contains("2026-11-29 (today)") && text.contains("Enter marks · Tab next mark · Esc cancels"),
        "{text}"
    );
    // Tab takes the next mark; typing goes into the replacing document (q and ? too).
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "q?");
    assert!(!a.quit && a.layer() == Layer::Mark);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    assert!(loads(&keys(&mut a, "象政办〔2026〕12号")).is_empty());
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Mark { items, mark })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(items, &[1207, 1102]);
    assert_eq!(
        mark,
        &NewMark {
            kind: MarkKind::Repealed,
            effective_on: day("2026-11-29"),
            replaced_by: "象政办〔2026〕12号".into(),
            note: String::new()
        }
    );
    let done = Marking { marked: vec![1102, 1207], already: vec![], requests_closed: 0 };
    let effects = a.update(Msg::Loaded(*id, Loaded::Marked(MarkKind::Repealed, Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 2 items 已废止, kept online");
    assert!(marked(&a).is_empty());
    assert!(
        loads(&effects).iter().any(|(_, l)| *l == Load::ColumnItems { column_id: 7, before: None }),
        "the badges show"
    );

    // From the retractions tab: only an outdated request is answered with a mark.
    show_retractions(&mut a);
    assert!(loads(&keys(&mut a, "m")).is_empty());
    assert!(
        a.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("only an outdated request can be answered with a mark; this one is classified")
    );
    assert!(matches!(a.overlay, Overlay::None));
    // Nor from its withdrawal's confirmation.
    keys(&mut a, "wm");
    assert!(a.notice.as_ref().unwrap().error);
    assert_eq!(a.layer(), Layer::Confirm);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::End);
    keys(&mut a, "m");
    let Overlay::Mark { items, .. } = &a.overlay else { panic!("{:?}", a.overlay) };
    assert_eq!(items, &[(1006, "2024年度就业补贴申领指南".to_string())]);
    assert!(loads(&key(&mut a, KeyCode::Esc)).is_empty(), "Esc writes nothing");
    assert!(matches!(a.overlay, Overlay::None));
}

fn withdrawal_rows() -> Vec<WithdrawalRow> {
    use crate::domain::RetractionReason::*;
    let at = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap();
    let row =
        |id, item, title: &str, reason, note: &str, withdrawn_at, by: &str, restored, requested_at| WithdrawalRow {
            id,
            item,
            title: title.into(),
            reason,
            note: note.into(),
            withdrawn_at,
            withdrawn_by: by.into(),
            restored,
            requested_at,
            still_public: false,
        };
    // Newest first, as the store lists them.
    vec![
        row(
            12,
            1007,
            "象山区2026年三季度主要经济指标（内部资料）",
            Classified,
            "疑似涉密，统计局申请撤回",
            at(29, 5, 52),
            "li.jianhua",
            None,
            Some(at(29, 5, 30)),
        ),
        row(
            10,
            1005,
            "关于低保对象名单的公示（含身份证号）",
            Improper,
            "含个人身份信息",
            at(28, 9, 40),
            "li.jianhua",
            Some((at(28, 11, 5), "wang.fang".to_string())),
            Some(at(28, 9, 0)),
        ),
        row(
            11,
            1207,
            "象山区重大建设项目施工安全监督管理办法（试行）",
            Outdated,
            "已被2026年修订版取代",
            at(28, 2, 0),
            "wang.fang",
            None,
            Some(at(25, 23, 0)),
        ),
        row(9, 1102, "关于做好2023年汛期建筑施工安全工作的通知", Outdated, "", at(27, 3, 0), "li.jianhua", None, None),
    ]
}

fn show_withdrawn(app: &mut App) {
    let effects = keys(app, "6");
    let [(id, Load::Withdrawals)] = loads(&effects)[..] else { panic!("{effects:?}") };
    app.update(Msg::Loaded(id, Loaded::Withdrawals(Ok(withdrawal_rows()))));
}

#[test]
fn a_withdrawn_page_still_public_is_flagged_in_the_withdrawn_tab() {
    let mut a = app();
    let effects = keys(&mut a, "6");
    let [(id, Load::Withdrawals)] = loads(&effects)[..] else { panic!("{effects:?}") };
    let mut rows = withdrawal_rows();
    rows[0].still_public = true;
    a.update(Msg::Loaded(id, Loaded::Withdrawals(Ok(rows))));
    let text = text_of(&a);
    assert!(text.lines().nth(3).unwrap().contains("[still public] 象山区2026年三季"), "{text}");
    assert!(!text.lines().nth(5).unwrap().contains("[still public]"), "{text}");
}

#[test]
fn the_withdrawn_tab_lists_the_latest_with_the_time_from_request_and_restores_after_a_confirmation() {
    let mut a = app();
    show_withdrawn(&mut a);
    assert_eq!(a.tab, Tab::Withdrawn);
    assert_eq!(a.layer(), Layer::Withdrawn);
    let text = text_of(&a);
    let title = text.lines().nth(1).unwrap();
    assert!(title.contains("Withdrawn · 4 latest · from request: median 40m, longest 2d 3h"), "{text}");
    let first = text.lines().nth(3).unwrap();
    assert!(
        first.contains("11-29 13:52")
            && first.contains("1007")
            && first.contains("classified")
            && first.contains("22m"),
        "{first}"
    );
    assert!(text.lines().nth(4).unwrap().contains("[restored] 关于低保对象名单"), "{text}");
    assert!(text.lines().nth(6).unwrap().contains(" - "), "no request: {text}");
    // The filter narrows the figures to what it keeps.
    keys(&mut a, "/outdated");
    key(&mut a, KeyCode::Enter);
    assert!(text_of(&a).lines().nth(1).unwrap().contains("median 2d 3h, longest 2d 3h"), "{}", text_of(&a));
    key(&mut a, KeyCode::Esc);
    // A withdrawal undone already is not restored again.
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Down);
    assert!(loads(&keys(&mut a, "u")).is_empty());
    assert!(a.notice.as_ref().unwrap().text.contains("was undone already (2026-11-28 19:05 by wang.fang)"));
    assert!(matches!(a.overlay, Overlay::None));
    key(&mut a, KeyCode::Down);
    assert!(loads(&keys(&mut a, "u")).is_empty(), "nothing is written before Enter");
    let text = confirmation(&a);
    assert!(
        text.starts_with(
            "Put item 1207 back online in the columns it was in:\n  象山区重大建设项目施工安全监督管理办法（试行）"
        ),
        "{text}"
    );
    assert!(
        text.contains("withdrawn 2026-11-28 10:00 by wang.fang (outdated)")
            && text.ends_with("Enter restores · Esc cancels"),
        "{text}"
    );
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Restore { item: 1207 })] = loads(&effects)[..] else { panic!("{effects:?}") };
    let t = Transition { item: 1207, from: Stage::Done, to: Stage::Done, version: 5 };
    let effects = a.update(Msg::Loaded(id, Loaded::Restored(1207, Ok(Some(t)))));
    assert_eq!(a.notice.as_ref().unwrap().text, "restored item 1207: back online in the columns it was in");
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert!(
        reloaded.contains(&Load::Withdrawals) && reloaded.iter().any(|l| matches!(l, Load::Columns { .. })),
        "{reloaded:?}"
    );
    // Restoring an item that is online already changes nothing, and says so.
    keys(&mut a, "u");
    let [(id, _)] = loads(&key(&mut a, KeyCode::Enter))[..] else { panic!() };
    a.update(Msg::Loaded(id, Loaded::Restored(1207, Ok(None))));
    assert_eq!(a.notice.as_ref().unwrap().text, "item 1207 was not withdrawn; nothing changed");
}

#[test]
fn the_withdrawn_tab_is_the_sixth_reached_by_tab_and_by_command() {
    let mut a = app();
    show_audit(&mut a);
    let effects = key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Withdrawn);
    assert!(matches!(loads(&effects)[..], [(_, Load::Withdrawals)]));
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Inspection);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Findings);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Queue);
    keys(&mut a, ":withdrawn");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Withdrawn);
    assert!(text_of(&a).lines().next().unwrap().contains("6 Withdrawn"));
    keys(&mut a, "?");
    let help = text_of(&a);
    assert!(help.contains("Keys in the withdrawn view") && help.contains("Put the item back online"), "{help}");
}

#[test]
fn the_help_lists_the_new_keys_of_the_column_view() {
    let mut a = app();
    open_column(&mut a, policy_items());
    keys(&mut a, "?");
    let help = text_of(&a);
    for wanted in [
        "Mark (or unmark) the item and move down",
        "Mark every row from the last one marked",
        "before a day you type",
        "Withdraw the marked items",
    ] {
        assert!(help.contains(wanted), "{wanted}: {help}");
    }
}

#[test]
fn the_withdrawal_screens_in_every_state() {
    let cases: Vec<State> = vec![
        ("column_marked", |a| {
            open_column(a, policy_items());
            key(a, KeyCode::Down);
            keys(a, " ");
            key(a, KeyCode::Down);
            keys(a, " v");
        }),
        ("mark_older", |a| {
            open_column(a, policy_items());
            keys(a, "O2024-01-01");
        }),
        ("withdraw_confirm", |a| {
            open_column(a, items(0, 30));
            for _ in 0..16 {
                key(a, KeyCode::Char(' '));
            }
            keys(a, "wr");
        }),
        ("mark_instead", |a| {
            open_column(a, policy_items());
            a.column.as_mut().unwrap().items.cursor.selected = 3;
            keys(a, "  wm");
            key(a, KeyCode::Tab);
            keys(a, "象政办〔2026〕12号");
        }),
        ("withdrawn", show_withdrawn),
        ("restore_confirm", |a| {
            show_withdrawn(a);
            key(a, KeyCode::Down);
            key(a, KeyCode::Down);
            keys(a, "u");
        }),
    ];
    snapshot_all(cases);
}

#[test]
fn an_opened_item_says_it_is_kept_online_marked() {
    let mut a = app();
    open_column(&mut a, policy_items());
    open_item(&mut a);
    assert!(!text_of(&a).contains("marked "));
    a.item.as_mut().unwrap().item.as_mut().unwrap().0.mark = Some(MarkKind::Repealed);
    assert!(text_of(&a).contains("marked    已废止 (repealed), kept online"), "{}", text_of(&a));
}

// The Scores tab: the ranking, a unit's score explained, incidents recorded and corrected, the
// bulletin written.

use crate::domain::IncidentKind;
use crate::domain::accountability::Signal;
use crate::reports::StaleRow;
use crate::store::{ColumnRow, EarningItem, IncidentInput, IncidentRow};

/// 象山街道 in 2026Q4 as `scores_rows` ranks it: 9 points (2 text, 2 image+text, 1 video), a typo
/// standing (-5), an improper incident corrected.
fn explanation() -> Explanation {
    use Form::*;
    let at = |m, d| Utc.with_ymd_and_hms(2026, m, d, 2, 0, 0).unwrap();
    let item = |id, title: &str, published_at, counted, withdrawn, placements: &[(&str, Form)]| EarningItem {
        id,
        title: title.into(),
        published_at,
        counted,
        withdrawn,
        placements: placements.iter().map(|(p, f)| (p.to_string(), *f)).collect(),
    };
    let dynamic = "政务动态 / 乡镇（街道）动态";
    let incident =
        |id, kind, points, item: Option<(i64, &str)>, reverses, reversed_by, day: &str, note: &str| IncidentRow {
            id,
            unit: "象山街道".into(),
            kind,
            points,
            item: item.map(|(i, _)| i),
            item_title: item.map(|(_, t)| t.to_string()),
            reverses,
            reversed_by,
            occurred_on: day.parse().unwrap(),
            note: note.into(),
            recorded_at: Utc.with_ymd_and_hms(2026, 11, 6, 3, 0, 0).unwrap(),
            recorded_by: "li.jianhua".into(),
        };
    let brief = "象山街道“我为群众办实事”志愿服务活动简报";
    Explanation {
        row: Some(scores_rows().remove(3)),
        items: vec![
            item(2051, "象山街道开展“119”消防宣传月活动", at(11, 20), Video, false, &[(dynamic, Video)]),
            item(
                2044,
                "象山街道关于2026年度城乡居民医疗保险集中缴费的通知",
                at(11, 12),
                ImageText,
                false,
                &[(dynamic, Text), ("政务动态 / 通知公告", ImageText), ("政府信息公开 / 社会保障", Text)],
            ),
            item(2030, "象山街道召开第四季度安全生产工作会议", at(11, 3), ImageText, false, &[(dynamic, ImageText)]),
            item(
                2012,
                "象山街道2026年10月城市低保对象名单公示",
                at(10, 21),
                Text,
                true,
                &[("政府信息公开 / 社会救助", Text)],
            ),
            item(2003, brief, at(10, 8), Text, false, &[(dynamic, Text)]),
        ],
        incidents: vec![
            incident(
                4,
                IncidentKind::Typo,
                -5,
                Some((2003, brief)),
                None,
                None,
                "2026-10-15",
                "正文“志愿者”误作“志原者”，已更正",
            ),
            incident(5, IncidentKind::Improper, -10, None, None, Some(6), "2026-11-05", "转载内容引发误解"),
            incident(
                6,
                IncidentKind::Improper,
                10,
                None,
                Some(5),
                None,
                "2026-11-05",
                "经核实不属本单位责任，撤销扣分",
            ),
        ],
        signals: vec![
            Signal { clause: 1, text: "1 个栏目期末逾期未更新".into() },
            Signal { clause: 2, text: "1 起错字、别字或错误表述事故".into() },
        ],
        overdue: vec![StaleRow {
            column: ColumnRow {
                id: 41,
                parent_id: Some(4),
                path: "政府信息公开 / 社会救助".into(),
                level: 2,
                deadline: "4个月".into(),
                rule: DeadlineRule::parse("4个月").unwrap(),
                departments: "民政局".into(),
                units: vec!["民政局".into(), "象山街道".into()],
                note: String::new(),
            },
            last_update: Some(Utc.with_ymd_and_hms(2026, 7, 10, 2, 0, 0).unwrap()),
            staleness: Staleness { status: Status::Overdue, due: Some(day("2026-11-10")), days_overdue: 51 },
            provisional: false,
        }],
    }
}

/// The ranking, 象山街道 selected and explained.
fn explain_unit(a: &mut App) {
    show_scores(a);
    explain_selected(a);
}

/// 象山街道 selected in the ranking shown, and explained.
fn explain_selected(a: &mut App) {
    key(a, KeyCode::Home);
    for _ in 0..3 {
        key(a, KeyCode::Down);
    }
    let effects = key(a, KeyCode::Enter);
    let [(id, Load::Assessment(AssessmentLoad::Explain { unit, period }))] = &loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!((unit.as_str(), *period), ("象山街道", Period::Quarter { year: 2026, quarter: 4 }));
    a.update(Msg::Loaded(*id, Loaded::Assessment(AssessmentLoaded::Explained(Ok(Box::new(explanation()))))));
}

fn assessment_load(effects: &[Effect]) -> (u64, AssessmentLoad) {
    match &loads(effects)[..] {
        [(id, Load::Assessment(what))] => (*id, what.clone()),
        other => panic!("{other:?}"),
    }
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

/// The incident form for 象山街道, from the ranking.
fn incident_form(a: &mut App) -> &IncidentForm {
    show_scores(a);
    for _ in 0..3 {
        key(a, KeyCode::Down);
    }
    keys(a, "i");
    let Overlay::Incident(form) = &a.overlay else { panic!("{:?}", a.overlay) };
    form
}

#[test]
fn the_ranking_shows_each_units_change_and_a_bar_of_its_net_score() {
    let mut a = sized((160, 48), false);
    show_scores(&mut a);
    let text = text_of(&a);
    let line =
        |unit: &str| text.lines().find(|l| l.contains(unit)).unwrap_or_else(|| panic!("{unit}: {text}")).to_string();
    let title = text.lines().nth(1).unwrap();
    assert!(
        title.contains("Scores 2026Q4 2026年第4季度 (2026-10-01 – 2026-12-31) · 6 units · 154 points, -20 deducted"),
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
    assert_eq!(figures[..9], ["4", "✗象山街道", "2", "2", "1", "9", "-5", "4", "-8"], "{row}");
    assert!(!figures[9].is_empty() && figures[9].chars().all(|c| "█▏▎▍▌▋▊▉".contains(c)), "{row}");
}

#[test]
fn enter_explains_every_point_of_a_unit() {
    let mut a = sized((160, 48), false);
    explain_unit(&mut a);
    assert_eq!(a.layer(), Layer::Unit);
    let text = text_of(&a);
    assert!(
        text.lines().nth(1).unwrap().contains("象山街道 · 2026Q4 2026年第4季度 · rank 4 of 6 · net 4 (-8 on 2026Q3)"),
        "{text}"
    );
    assert!(text.contains("points 9 = 2×1 + 2×2 + 1×3 · deductions -5 · net 4 · 2026Q3: 12"), "{text}");
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
        typo.contains("2026-10-15") && typo.contains("-5") && typo.contains("typo 错字、别字及错误表述 · item 2003"),
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
    assert!(text.contains("✗ 政府信息公开 / 社会救助  4个月 · last 2026-07-10 · 51 days overdue"), "{text}");
    // The first item is selected.
    assert_eq!(a.scores.unit.as_ref().unwrap().selected(), Some(Part::Item(0)));
}

#[test]
fn the_explanation_moves_over_items_and_incidents_and_opens_an_item() {
    let mut a = app();
    explain_unit(&mut a);
    let u = |a: &App| a.scores.unit.as_ref().unwrap().selected();
    key(&mut a, KeyCode::Down);
    assert_eq!(u(&a), Some(Part::Item(1)), "the columns under an item are passed over");
    key(&mut a, KeyCode::End);
    assert_eq!(u(&a), Some(Part::Overdue(0)));
    // At the end, everything to the end is in sight.
    let v = a.scores.unit.as_ref().unwrap();
    assert_eq!(v.cursor.offset + a.list_height(), v.parts.len());
    key(&mut a, KeyCode::Home);
    assert_eq!(u(&a), Some(Part::Item(0)));
    assert_eq!(a.scores.unit.as_ref().unwrap().cursor.offset, 0);
    for _ in 0..5 {
        key(&mut a, KeyCode::Down);
    }
    assert_eq!(u(&a), Some(Part::Incident(0)));
    // Enter on an incident opens the item it is about; Esc comes back to the explanation.
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Item { id: 2003 })] = loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(a.layer(), Layer::Item);
    let item = ExportedItem {
        id: 2003,
        reference: None,
        url: None,
        title: "象山街道“我为群众办实事”志愿服务活动简报".into(),
        body: "……".into(),
        form: Form::Text,
        path: ItemPath::Unit,
        unit: Some("象山街道".into()),
        channel: Channel::Portal,
        stage: Stage::Done,
        status: ItemStatus::Online,
        submitted_at: Utc.with_ymd_and_hms(2026, 10, 8, 1, 0, 0).unwrap(),
        wechat_at: None,
        published_at: Some(Utc.with_ymd_and_hms(2026, 10, 8, 2, 0, 0).unwrap()),
        withdrawn: None,
        mark: None,
        placements: vec![("政务动态 / 乡镇（街道）动态".into(), Form::Text)],
        attachments: Vec::new(),
    };
    a.update(Msg::Loaded(id, Loaded::Item(Ok(Box::new((item, vec![]))))));
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
    assert_eq!(a.scores.units.selected().unwrap().unit, "象山街道");
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
            Load::Scores { period: q3 },
            Load::Assessment(AssessmentLoad::Explain { unit: "象山街道".into(), period: q3 })
        ]
    );
    assert!(text_of(&a).lines().nth(1).unwrap().starts_with("象山街道 · 2026Q3 2026年第3季度"), "{}", text_of(&a));
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
    assert!(matches!(&a.overlay, Overlay::Incident(f) if f.kind == IncidentKind::Improper));
    ctrl(&mut a, 'n');
    assert!(matches!(&a.overlay, Overlay::Incident(f) if f.kind == IncidentKind::Typo));
    key(&mut a, KeyCode::Left);
    assert!(matches!(&a.overlay, Overlay::Incident(f) if f.kind == IncidentKind::Improper));
    // Keys that mean something elsewhere are typed here: `q` does not quit.
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "q2044");
    assert!(!a.quit);
    // No note: nothing is written; the note is asked for.
    key(&mut a, KeyCode::Tab);
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "an incident needs a note saying what happened");
    assert!(matches!(&a.overlay, Overlay::Incident(f) if f.field == Field::Note));
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
    assert!(matches!(&a.overlay, Overlay::Incident(f) if f.field == Field::Date));
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
    let (_, load) = assessment_load(&key(&mut a, KeyCode::Enter));
    let input = IncidentInput {
        unit: "象山街道".into(),
        kind: IncidentKind::Improper,
        item: None,
        occurred_on: day("2026-09-30"),
        note: "标题错字".into(),
    };
    assert_eq!(load, AssessmentLoad::AddIncident { input, item: Some("q2044".into()) });
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
    let Overlay::Incident(form) = &a.overlay else { panic!() };
    assert_eq!(form.item.lines()[0], "2051");
    assert!(text_of(&a).contains("象山街道开展“119”消防宣传月活动"), "{}", text_of(&a));
    key(&mut a, KeyCode::Up);
    keys(&mut a, "视频标题“119”误作“110”");
    let (id, load) = assessment_load(&key(&mut a, KeyCode::Enter));
    let AssessmentLoad::AddIncident { input, item } = load else { panic!("{load:?}") };
    assert_eq!((input.kind, input.occurred_on, item.as_deref()), (IncidentKind::Typo, day("2026-11-29"), Some("2051")));
    // Saving: a second Enter waits; the form stays.
    assert!(loads(&key(&mut a, KeyCode::Enter)).is_empty());
    assert!(text_of(&a).contains("saving…"), "{}", text_of(&a));
    let mut recorded = input.clone();
    recorded.item = Some(2051);
    let effects = a.update(Msg::Loaded(id, Loaded::Assessment(AssessmentLoaded::Added(recorded, Ok(17)))));
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.notice.as_ref().unwrap().text, "incident 17: 象山街道 -5 (typo) on 2026-11-29, in 2026Q4");
    let q4 = Period::Quarter { year: 2026, quarter: 4 };
    let asked: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        asked,
        [
            Load::Scores { period: q4 },
            Load::Assessment(AssessmentLoad::Explain { unit: "象山街道".into(), period: q4 }),
            Load::Audit { before: None }
        ]
    );
    // The fresh explanation keeps the selection on its item.
    let (id, _) = loads(&effects)[1].clone();
    let mut fresh = explanation();
    fresh.items.insert(0, EarningItem { id: 2060, title: "新的一条".into(), ..fresh.items[0].clone() });
    a.update(Msg::Loaded(id, Loaded::Assessment(AssessmentLoaded::Explained(Ok(Box::new(fresh))))));
    assert_eq!(a.scores.unit.as_ref().unwrap().selected(), Some(Part::Item(1)));
}

#[test]
fn a_refused_incident_is_a_warning_and_the_form_keeps_what_was_typed() {
    let mut a = app();
    incident_form(&mut a);
    key(&mut a, KeyCode::Up);
    keys(&mut a, "错字");
    let (id, AssessmentLoad::AddIncident { input, .. }) = assessment_load(&key(&mut a, KeyCode::Enter)) else {
        panic!()
    };
    let refused = "refused: operator wang.fang may not record or correct incidents (an administrator does)".to_string();
    let effects = a.update(Msg::Loaded(id, Loaded::Assessment(AssessmentLoaded::Added(input, Err(refused)))));
    assert!(loads(&effects).is_empty(), "nothing changed, nothing to reload");
    let n = a.notice.as_ref().unwrap();
    assert!(n.error && n.text.starts_with("not recorded: refused: operator wang.fang may not"), "{n:?}");
    let Overlay::Incident(form) = &a.overlay else { panic!("the form stays: {:?}", a.overlay) };
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
    let Overlay::Reverse(form) = &a.overlay else { panic!("{:?}", a.overlay) };
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
    let (id, load) = assessment_load(&key(&mut a, KeyCode::Enter));
    assert_eq!(load, AssessmentLoad::Reverse { id: 4, note: "经核实系原文引用，不属错字".into() });
    let effects = a.update(Msg::Loaded(id, Loaded::Assessment(AssessmentLoaded::Reversed(4, Ok(18)))));
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
    let (id, _) = assessment_load(&key(&mut a, KeyCode::Enter));
    a.update(Msg::Loaded(
        id,
        Loaded::Assessment(AssessmentLoaded::Reversed(4, Err("incident 4 is already reversed by incident 18".into()))),
    ));
    assert!(a.notice.as_ref().unwrap().error);
    assert!(matches!(&a.overlay, Overlay::Reverse(f) if f.note.lines()[0] == "不属实"));
}

#[test]
fn the_bulletin_key_writes_the_periods_bulletin_off_the_ui_thread() {
    let mut a = app();
    show_scores(&mut a);
    let (id, load) = assessment_load(&keys(&mut a, "b"));
    let q4 = Period::Quarter { year: 2026, quarter: 4 };
    assert_eq!(load, AssessmentLoad::Bulletin { period: q4, file: "bulletin-2026Q4.md".into() });
    assert!(a.busy());
    // One at a time.
    assert!(loads(&keys(&mut a, "b")).is_empty());
    assert_eq!(a.notice.as_ref().unwrap().text, "the bulletin is still being written");
    a.update(Msg::Loaded(id, Loaded::Assessment(AssessmentLoaded::Bulletin(Ok("/home/li/bulletin-2026Q4.md".into())))));
    assert_eq!(a.notice.as_ref().unwrap().text, "wrote /home/li/bulletin-2026Q4.md");
    assert!(!a.busy());
    // An error is a warning; from an explanation, the bulletin of the period shown.
    explain_selected(&mut a);
    keys(&mut a, "[");
    let effects = keys(&mut a, "b");
    let (id, load) = assessment_load(&effects);
    assert_eq!(
        load,
        AssessmentLoad::Bulletin {
            period: Period::Quarter { year: 2026, quarter: 3 },
            file: "bulletin-2026Q3.md".into()
        }
    );
    let denied = "cannot write /srv/bulletin-2026Q3.md: Permission denied (os error 13)".to_string();
    a.update(Msg::Loaded(id, Loaded::Assessment(AssessmentLoaded::Bulletin(Err(denied)))));
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
        // The symbols before the unit's name: ∅ (column 5) and ✗ (column 6).
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
            assert_eq!((fg(5, nothing), fg(7, nothing)), (Magenta, Magenta));
            assert_eq!((fg(6, incidents), fg(7, incidents)), (Red, Red));
            assert_eq!(fg(7, plain), Reset);
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
    let [(id, Load::Item { id: 2051 })] = loads(&effects)[..] else { panic!("{effects:?}") };
    // Not before it has loaded.
    keys(&mut a, "w");
    assert_eq!(a.notice.as_ref().unwrap().text, "wait for the item to load");
    let item = ExportedItem {
        id: 2051,
        reference: None,
        url: None,
        title: "象山街道开展“119”消防宣传月活动".into(),
        body: "……".into(),
        form: Form::Video,
        path: ItemPath::Unit,
        unit: Some("象山街道".into()),
        channel: Channel::Portal,
        stage: Stage::Done,
        status: ItemStatus::Online,
        submitted_at: Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap(),
        wechat_at: None,
        published_at: Some(Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).unwrap()),
        withdrawn: None,
        mark: None,
        placements: vec![("政务动态 / 乡镇（街道）动态".into(), Form::Video)],
        attachments: Vec::new(),
    };
    a.update(Msg::Loaded(id, Loaded::Item(Ok(Box::new((item, vec![]))))));
    keys(&mut a, "w");
    assert!(text_of(&a).contains("Withdraw item 2051 from every column"), "{}", text_of(&a));
    // An improper item loses its points: the question says so.
    keys(&mut a, "r");
    assert!(text_of(&a).contains("reason: improper (loses its points)"), "{}", text_of(&a));
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Retract { items, reason })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!((&items[..], *reason), (&[2051][..], RetractionReason::Improper));
    let done = Withdrawal { withdrawn: vec![2051], already: vec![], requests_closed: 0 };
    let effects = a.update(Msg::Loaded(*id, Loaded::Withdrawn(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "withdrew item 2051 from every column");
    let q4 = Period::Quarter { year: 2026, quarter: 4 };
    let reloaded: Vec<Load> = loads(&effects).into_iter().map(|(_, l)| l).collect();
    for wanted in [
        Load::Scores { period: q4 },
        Load::Assessment(AssessmentLoad::Explain { unit: "象山街道".into(), period: q4 }),
        Load::Item { id: 2051 },
    ] {
        assert!(reloaded.contains(&wanted), "{wanted:?} in {reloaded:?}");
    }
    assert_eq!(a.layer(), Layer::Item);
}

#[test]
fn the_audit_trail_filters_by_a_beijing_day_as_well_as_by_operator_action_and_item() {
    let mut a = app();
    let effects = keys(&mut a, "5");
    let [(id, Load::Audit { before: None })] = loads(&effects)[..] else { panic!("{effects:?}") };
    let entry = |id, at: DateTime<Utc>, operator: &str, action: &str, target: &str| AuditEntry {
        id,
        at,
        operator: operator.into(),
        action: action.into(),
        target: target.into(),
        detail: "{}".into(),
    };
    // 20:00 UTC on the 27th is 04:00 on the 28th in Beijing.
    let rows = vec![
        entry(3, Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap(), "chen", "retract", "item:12"),
        entry(2, Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap(), "li.jianhua", "publish", "item:12"),
        entry(1, Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(), "chen", "review.approve", "item:9"),
    ];
    a.update(Msg::Loaded(id, Loaded::Audit(Ok(rows))));
    let shown = |a: &App| a.audit.shown.iter().map(|&i| a.audit.rows[i].id).collect::<Vec<_>>();
    for (typed, expected) in [
        ("2026-11-28", vec![3]),
        ("2026-11-27", vec![2]),
        ("chen", vec![3, 1]),
        ("item:12", vec![3, 2]),
        ("retract", vec![3]),
    ] {
        keys(&mut a, "/");
        keys(&mut a, typed);
        key(&mut a, KeyCode::Enter);
        assert_eq!(shown(&a), expected, "{typed}");
        key(&mut a, KeyCode::Esc);
    }
}
