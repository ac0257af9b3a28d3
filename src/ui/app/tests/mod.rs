//! The console driven by messages, without a terminal or a database: what a user does, and the
//! screens it draws (snapshot files under `snapshots/`, at 80×24 and 160×48, in colour and
//! monochrome).
#![allow(clippy::too_many_arguments)]

use chrono::{NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::domain::IncidentKind;
use crate::domain::accountability::Signal;
use crate::domain::deadline::DeadlineRule;
use crate::domain::item::AttachmentKind;
use crate::domain::item::ItemFields;
use crate::domain::review::Decision;
use crate::domain::staleness::{DocumentStatus, Staleness, Status};
use crate::domain::{Channel, Form, ItemPath, ItemStatus, Stage};
use crate::i18n::Lang;
use crate::reports::DocumentReportRow;
use crate::reports::ScoreRow;
use crate::reports::StaleRow;
use crate::store::{
    AuditEntry, ColumnRow, DocumentRow, EarningItem, IncidentInput, IncidentRow, QueueItem, Restoration,
    RetractionRequest, Transition, WithdrawalRow,
};
use crate::store::{ExportedItem, HistoryEntry, HistoryEvent, ItemSummary, Seek, Total, Verdict};
use crate::ui::paged::PAGE;
use crate::ui::views::columns::tree::{ColumnEntry, Line};
use crate::ui::views::scores::{Explanation, Part};
use crate::ui::views::{self, audit, columns, inspect, retractions, withdrawn};
use crate::ui::widgets::{Kind, Theme, draw};

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

/// The Queue tab and the review screen.
mod queue;

/// Withdrawing and restoring.
mod withdraw;

/// The Scores tab.
mod scores;

/// The status line's word on backups.
mod backup;

/// The status line's word on a hot standby read from.
mod replica;

/// The Find tab (`:find`).
mod find;

/// The live site: broken links, the check after a withdrawal.
mod links;

/// `/` in the lists read by pages: the database filters.
mod filter;

/// Messages, hints and the help (issue 22).
mod friction;

/// Withdrawals restored together (issue 22).
mod restore;

/// The overview of a provincial platform's sites, entering one (issue 25).
mod sites;

/// The keys offered by who the console acts as: a supervisor, a viewer, read only (issue 25).
mod roles;

/// Keys named in the language of the interface.
mod key_names;

/// Rectification orders: the form `z` opens, the Orders tab (issue 24).
mod orders;

/// The review's return, the publish step's page, periods, drill-downs, scrolling, sorting (issue 22).
mod flow;

/// The themes (issue 23): high contrast, and colours of one's own from the settings.
mod theme;

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
        theme: if mono { Theme::of(Kind::Monochrome) } else { Theme::default() },
        site_name: "桂林市象山区人民政府门户网站".into(),
        site_code: "xiangshan".into(),
        operator: "li.jianhua".into(),
        database: "SQLite /srv/portal/portal.db".into(),
        now: Utc.with_ymd_and_hms(2026, 11, 29, 6, 0, 0).unwrap(),
        size,
        tab: Tab::Columns,
        change_mark: Some(10),
    });
    let Effect::Load(id, Load::View(views::Load::Columns(columns::Load::Tree { at }))) = &effects[0] else {
        panic!("{effects:?}")
    };
    assert_eq!(*at, day("2026-11-29"));
    app.update(Msg::Loaded(*id, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(entries()))))));
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
    all_loads(effects).into_iter().filter(|(_, l)| !is_count(l)).collect()
}

/// Every query asked, the counts beside a list's first pages too.
fn all_loads(effects: &[Effect]) -> Vec<(u64, Load)> {
    effects.iter().filter_map(|e| if let Effect::Load(id, l) = e { Some((*id, l.clone())) } else { None }).collect()
}

/// Whether a query counts a list (asked beside its first page, for its heading's "n of N"):
/// `loads` leaves them out, `counts` gives them.
fn is_count(load: &Load) -> bool {
    matches!(
        load,
        Load::View(
            views::Load::Columns(columns::Load::Total { .. })
                | views::Load::Audit(audit::Load::Total { .. })
                | views::Load::Withdrawn(withdrawn::Load::Total { .. })
                | views::Load::Find(views::find::Load::Total { .. })
                | views::Load::Findings(views::findings::Load::Total { .. })
                | views::Load::Queue(views::queue::Load::Total { .. })
        )
    )
}

/// The counts asked (`is_count`).
fn counts(effects: &[Effect]) -> Vec<(u64, Load)> {
    all_loads(effects).into_iter().filter(|(_, l)| is_count(l)).collect()
}

/// The view in front as drawn, with its styles: the screen below the tab bar, which is tested once
/// (`the_tab_bar_lists_every_view`), so that a tab added changes no view's snapshot.
fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), app)).unwrap();
    let full = t.backend().buffer();
    let tabs = app.areas().tabs;
    let own = ratatui::layout::Rect { y: tabs.bottom(), height: full.area.height - tabs.height, ..full.area };
    let mut view = ratatui::buffer::Buffer::empty(own);
    for y in own.top()..own.bottom() {
        for x in own.left()..own.right() {
            view[(x, y)] = full[(x, y)].clone();
        }
    }
    format!("{view:?}")
}

/// The text of the view in front: `text_of` below the tab bar.
fn view_text(app: &App) -> String {
    let rows = usize::from(app.areas().tabs.height);
    text_of(app).lines().skip(rows).collect::<Vec<_>>().join("\n")
}

/// The foot of the screen: the status line and the rows above it a long message takes.
fn foot_of(app: &App) -> String {
    let text = text_of(app);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(5)..].join("\n")
}

/// Text without its blanks (a message wrapped over rows, compared whole).
fn squeezed(s: &str) -> String {
    s.split_whitespace().collect()
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

/// The id of the column at `index` in the tree.
fn entry_id(app: &App, index: usize) -> i64 {
    app.views.columns.tree.as_ref().unwrap().entries[index].id
}

/// Opens column 7 and feeds it a page of items and its documents.
fn open_column(app: &mut App, page: Vec<ItemSummary>) {
    keys(app, "o");
    enter_column(app, 7, page);
}

/// Opens column `column` of the tree on screen: column 7 has a document due, the others none.
fn enter_column(app: &mut App, column: i64, page: Vec<ItemSummary>) {
    let pos = app
        .views
        .columns
        .lines
        .iter()
        .position(|l| matches!(l, Line::Column { index, .. } if entry_id(app, *index) == column))
        .unwrap();
    app.views.columns.cursor.selected = pos;
    let effects = key(app, KeyCode::Enter);
    for (id, load) in loads(&effects) {
        match load {
            Load::View(views::Load::Columns(columns::Load::Items { column_id, seek: Seek::First, filter: None }))
                if column_id == column =>
            {
                app.update(Msg::Loaded(
                    id,
                    Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(page.clone())))),
                ));
            }
            Load::View(views::Load::Columns(columns::Load::Head { column_id, .. })) if column_id != 7 => {
                app.update(Msg::Loaded(
                    id,
                    Loaded::View(views::Loaded::Columns(columns::Loaded::Head(Ok((0, vec![]))))),
                ));
            }
            Load::View(views::Load::Columns(columns::Load::Head { column_id: 7, .. })) => {
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
                app.update(Msg::Loaded(
                    id,
                    Loaded::View(views::Loaded::Columns(columns::Loaded::Head(Ok((1234, vec![row]))))),
                ));
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
    let [(id, Load::View(views::Load::Columns(columns::Load::Item { id: item_id })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    let t = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap();
    let item = ExportedItem {
        id: item_id,
        fields: ItemFields {
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
            placements: vec![
                ("政府信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息".into(), Form::ImageText),
                ("政务动态 / 工作动态".into(), Form::Text),
            ],
        },
        withdrawn: None,
        mark: None,
        attachments: Vec::new(),
    };
    let history = vec![
        HistoryEntry { at: t(19, 2, 0), operator: "发改局".into(), event: HistoryEvent::Submitted },
        HistoryEntry {
            at: t(19, 8, 30),
            operator: "li.jianhua".into(),
            event: HistoryEvent::Decided { verdict: Verdict::Approve, step: Stage::Recheck, note: String::new() },
        },
        HistoryEntry { at: t(20, 1, 59), operator: String::new(), event: HistoryEvent::Published },
    ];
    app.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Columns(columns::Loaded::Item(Ok(Box::new((item, history)))))),
    ));
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

/// Every kind of event in an item's history, as the store gives them.
fn every_history_event() -> Vec<HistoryEntry> {
    use crate::domain::checks::RecordedFinding;
    use crate::domain::{MarkKind, RetractionReason};
    let t = |h| Utc.with_ymd_and_hms(2026, 11, 19, h, 0, 0).unwrap();
    let finding = RecordedFinding {
        kind: "leader_name".into(),
        text: "李明化".into(),
        span: "title:2-5".into(),
        message: crate::domain::checks::Message::Said(crate::domain::checks::Said::WrongName {
            wrong: "李明化".into(),
            correct: "李明华".into(),
            note: String::new(),
        }),
        blocking: true,
        waived: None,
    };
    let waived = RecordedFinding { waived: Some("li.jianhua: 同名群众".into()), ..finding.clone() };
    let events = [
        ("发改局", HistoryEvent::Submitted),
        ("发改局", HistoryEvent::Attachment { kind: AttachmentKind::SignedScan, name: "签批.pdf".into() }),
        (
            "wang.xiaoyan",
            HistoryEvent::Returned {
                step: Stage::Recheck,
                lacking: vec![AttachmentKind::ElectronicText, AttachmentKind::TargetColumns],
                reason: "请补报".into(),
            },
        ),
        (
            "wang.xiaoyan",
            HistoryEvent::Decided { verdict: Verdict::Reject, step: Stage::Recheck, note: "数据需核实".into() },
        ),
        ("wang.xiaoyan", HistoryEvent::Found { verdict: Verdict::Reject, step: Stage::Recheck, finding }),
        (
            "li.jianhua",
            HistoryEvent::Waived {
                kind: "leader_name".into(), text: "李明化".into(), reason: "同名群众".into()
            },
        ),
        (
            "li.jianhua",
            HistoryEvent::Decided { verdict: Verdict::Approve, step: Stage::OfficeReview, note: String::new() },
        ),
        ("li.jianhua", HistoryEvent::Found { verdict: Verdict::Approve, step: Stage::OfficeReview, finding: waived }),
        (
            "li.jianhua",
            HistoryEvent::Fixed {
                verdict: Verdict::Approve,
                step: Stage::OfficeReview,
                kind: "figure".into(),
                text: "350人".into(),
            },
        ),
        ("li.jianhua", HistoryEvent::NothingFound { verdict: Verdict::Approve, step: Stage::Review }),
        ("li.jianhua", HistoryEvent::Published),
        ("zhao.min", HistoryEvent::Withdrawn { reason: RetractionReason::Outdated, note: "政策已调整".into() }),
        ("zhao.min", HistoryEvent::Restored { note: String::new() }),
        (
            "zhao.min",
            HistoryEvent::Marked {
                mark: MarkKind::Amended,
                from: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                replaced_by: "XS-2026-1001".into(),
                note: String::new(),
            },
        ),
    ];
    events
        .into_iter()
        .enumerate()
        .map(|(h, (who, event))| HistoryEntry { at: t(h as u32 + 1), operator: who.into(), event })
        .collect()
}

/// The item page words each event of the history in the language in effect, from the catalogs
/// (it showed the store's English words in the Chinese console).
#[test]
fn the_item_history_speaks_the_language_in_effect() {
    let said: [(Lang, &[&str]); 2] = [
        (
            Lang::ZhCn,
            &[
                "报送",
                "附件（扫描件）：签批.pdf",
                "复核退回——数据需核实",
                "办公室审核通过",
                "撤回：过期——政策已调整",
                "恢复",
            ],
        ),
        (
            Lang::En,
            &["submitted", "attachment scan: 签批.pdf", "reject (recheck) — 数据需核实", "approve (office_review)"],
        ),
    ];
    for (lang, words) in said {
        crate::i18n::scoped(lang, || {
            let mut a = sized((80, 24), true);
            open_column(&mut a, items(1, 3));
            open_item_with(&mut a, "正文一行。");
            let page = a.views.columns.item.as_mut().unwrap();
            page.item.as_mut().unwrap().1 = every_history_event();
            page.scroll = 11;
            let text = view_text(&a);
            for word in words {
                assert!(text.contains(word), "{lang:?}: {word} in\n{text}");
            }
            if lang == Lang::ZhCn {
                assert!(!text.contains("approve") && !text.contains("submitted"), "{text}");
            }
            insta::assert_snapshot!(format!("item_history_{}_80x24", lang.tag()), text);
        });
    }
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
    let [(id, Load::View(views::Load::Scores(views::scores::Load::Ranking { period })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(period, Period::Quarter { year: 2026, quarter: 4 });
    app.update(Msg::Loaded(id, Loaded::View(views::Loaded::Scores(views::scores::Loaded::Ranking(Ok(scores_rows()))))));
}

fn audit_rows() -> Vec<AuditEntry> {
    let at = |h| Utc.with_ymd_and_hms(2026, 11, 28, h, 15, 0).unwrap();
    vec![
        AuditEntry {
            id: 3,
            at: at(9),
            operator: "li.jianhua".into(),
            action: "documents.add".into(),
            target: "document:12".into(),
            detail: r#"{"number":"象发改〔2026〕31号","title":"关于下达2026年重点项目计划的通知","column":"⑥施工及质量安全监督信息","issued_on":"2026-11-20","item":null}"#.into(),
        },
        AuditEntry {
            id: 2,
            at: at(8),
            operator: "root".into(),
            action: "calendar.set".into(),
            target: "calendar".into(),
            detail: r#"[{"date":"2026-12-31","before":null,"after":{"kind":"holiday","note":"元旦调休"}}]"#.into(),
        },
        AuditEntry {
            id: 1,
            at: at(7),
            operator: "root".into(),
            action: "init".into(),
            target: "site:xiangshan".into(),
            detail: r#"{"columns":291,"units":32,"calendar_days":60,"schema_created":true}"#.into(),
        },
    ]
}

fn show_retractions(app: &mut App) {
    retractions_with(app, false);
}

/// The Retractions tab with, after the pending requests, a handled one whose item was withdrawn
/// while its public page still answers.
fn show_retractions_still_public(app: &mut App) {
    retractions_with(app, true);
}

fn retractions_with(app: &mut App, still_public: bool) {
    use crate::domain::RetractionReason::*;
    let effects = keys(app, "3");
    let [(id, Load::View(views::Load::Retractions(retractions::Load::Pending)))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
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
        still_public: false,
    };
    // As the store sorts them: the most urgent first.
    let mut rows = vec![
        request(7, Classified, at(29, 5, 30), "统计局", "象山区2026年三季度主要经济指标（内部资料）"),
        request(5, Improper, at(28, 9, 0), "民政局", "关于低保对象名单的公示（含身份证号）"),
        request(6, Outdated, at(20, 9, 0), "人社局", "2024年度就业补贴申领指南"),
    ];
    if still_public {
        let mut done = request(4, Outdated, at(18, 10, 0), "发改委", "2023年度价格调节基金征收公告");
        done.status = crate::domain::item::RequestStatus::Done;
        done.handled_at = Some(at(18, 11, 0));
        done.handled_by = Some("admin".into());
        done.resolution = Some(crate::domain::Resolution::Withdrawn);
        done.still_public = true;
        rows.push(done);
    }
    app.update(Msg::Loaded(id, Loaded::View(views::Loaded::Retractions(retractions::Loaded::Pending(Ok(rows))))));
}

fn show_audit(app: &mut App) {
    let effects = keys(app, "5");
    let [(id, Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::First, filter: None })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    app.update(Msg::Loaded(id, Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(audit_rows()))))));
}

/// The Audit tab with a record of last year besides this year's: every time in the list reads as
/// `domain::time::for_people` says it (`--format table`'s), the year only on last year's, the
/// column as wide as that one.
fn show_audit_of_two_years(app: &mut App) {
    let effects = keys(app, "5");
    let [(id, Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::First, filter: None })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    let mut rows = audit_rows();
    rows.push(AuditEntry {
        id: 0,
        at: Utc.with_ymd_and_hms(2025, 12, 30, 16, 30, 0).unwrap(),
        operator: "root".into(),
        action: "init".into(),
        target: "schema".into(),
        detail: "{}".into(),
    });
    app.update(Msg::Loaded(id, Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(rows))))));
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
        ("audit_of_two_years", show_audit_of_two_years),
        ("retractions", show_retractions),
        ("retractions_still_public", show_retractions_still_public),
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

/// A view's name, how a user gets there, and words its screen must show.
type Shown = (&'static str, fn(&mut App), &'static [&'static str]);

/// The Columns tab's views in Chinese at 80×24: the tree, a column opened from it (with marks and
/// a document due), and an item opened from the column.
#[test]
fn the_columns_views_speak_chinese() {
    crate::i18n::scoped(Lang::ZhCn, || {
        let views: [Shown; 4] = [
            ("tree", |a| drop(keys(a, "o")), &["栏目 10 个", "逾期", "空白栏目", "更新时限", "责任单位", "[逾期]"]),
            // A unit's count of columns in full-width brackets, as Chinese punctuation is.
            ("by_unit", |a| drop(keys(a, "u")), &["■ 发改局（2）", "[按责任单位]"]),
            (
                "column",
                |a| {
                    open_column(a, items(0, 30));
                    keys(a, "  ");
                },
                &["在线 3/30 条", "已选 2 条", "4个月", "本栏目待发布文件：1 件", "上线时间", "标题"],
            ),
            (
                "item",
                |a| {
                    open_column(a, items(0, 30));
                    open_item(a);
                },
                &["信息 ", "审核程序", "报送时间", "发布栏目（2）", "（文字）"],
            ),
        ];
        for (name, setup, words) in views {
            let mut a = sized((80, 24), true);
            setup(&mut a);
            let text = view_text(&a);
            for word in words {
                assert!(text.contains(word), "{name}: {word} in\n{text}");
            }
            insta::assert_snapshot!(format!("columns_{name}_zh_80x24"), text);
        }
    });
}

/// A column the table gives no deadline says so in words in its title, in each language (it
/// showed a bare "· -" in Chinese).
#[test]
fn a_column_without_a_deadline_says_so_in_its_title() {
    for (lang, said) in [(Lang::ZhCn, "· 更新时限未规定"), (Lang::En, "· deadline unspecified")] {
        crate::i18n::scoped(lang, || {
            let mut a = sized((80, 24), true);
            keys(&mut a, "o");
            // 机构职能, as a table that gives it no deadline would have it.
            let tree = a.views.columns.tree.as_mut().unwrap();
            let column = tree.entries.iter_mut().find(|e| e.id == 5).unwrap();
            (column.deadline, column.rule) = (String::new(), DeadlineRule::parse("").unwrap());
            enter_column(&mut a, 5, items(0, 3));
            let text = view_text(&a);
            let title = text.lines().next().unwrap_or_default();
            assert!(title.contains(said) && !title.contains("· -"), "{lang:?}: {title}\n{text}");
        });
    }
}

/// Each state's screen at 80×24 and 160×48, in colour and monochrome, against its snapshot file;
/// and its text in Chinese at 80×24 (`NAME_zh_80x24`; the Columns tab's screens have their own).
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
        crate::i18n::scoped(Lang::ZhCn, || {
            let mut a = sized((80, 24), true);
            setup(&mut a);
            if a.tab != Tab::Columns {
                insta::assert_snapshot!(format!("{name}_zh_80x24"), view_text(&a));
            }
        });
    }
}

/// The tabs of the bar of an operator of one site: every tab but the overview of the sites.
fn a_bar() -> Vec<Tab> {
    let bar = app().bar();
    assert_eq!(bar.len(), Tab::ALL.len() - 1);
    bar
}

/// The tab bar, once: every view's number and name, the one in front in bold, the hints beside.
#[test]
fn the_tab_bar_lists_every_view() {
    let mut shown = String::new();
    for (size, mono) in [((80, 24), false), ((160, 48), false), ((80, 24), true)] {
        let a = sized(size, mono);
        let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        t.draw(|f| draw(f.buffer_mut(), &a)).unwrap();
        let tabs = a.areas().tabs;
        let mut bar = ratatui::buffer::Buffer::empty(tabs);
        for x in tabs.left()..tabs.right() {
            bar[(x, tabs.y)] = t.backend().buffer()[(x, tabs.y)].clone();
        }
        shown.push_str(&format!("{}x{} {}:\n{bar:?}\n", size.0, size.1, if mono { "mono" } else { "colour" }));
    }
    for tab in a_bar() {
        assert!(shown.contains(&format!("{} {}", tab.key(), tab.title())), "{tab:?} in {shown}");
    }
    insta::assert_snapshot!("tab_bar", shown);
}

/// The tab bar in Chinese: every view's number and name, all eight at 80 columns (a Chinese
/// character is two cells), the hints beside them where there is room.
#[test]
fn the_tab_bar_speaks_chinese() {
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut shown = String::new();
        for size in [(80, 24), (160, 48)] {
            let a = sized(size, false);
            let text = text_of(&a);
            let bar = text.lines().next().unwrap();
            for tab in a.bar() {
                assert!(bar.contains(&format!("{} {}", tab.key(), tab.title())), "{tab:?} in {bar}");
            }
            shown.push_str(&format!("{}x{}:\n{bar}\n", size.0, size.1));
        }
        assert!(shown.contains("1 待审") && shown.contains("8 内容检查") && shown.contains("9 检索"), "{shown}");
        insta::assert_snapshot!("tab_bar_zh", shown);
    });
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
    assert!(second.contains("质量安全监督信息") && second.contains("2026-11-18") && second.contains("11"), "{text}");
    assert!(text.lines().nth(1).unwrap().contains("✗2 overdue ∅1 empty !1 due soon"), "{text}");
    // The rules in English words, not the table's Chinese (5个工作日, 4个月).
    assert!(first.contains(" in 5 w-days ") && second.contains(" 4 months "), "{text}");
    assert!(!text.contains("个月") && !text.contains("工作日"), "{text}");
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
    let (id, _) = loads(&effects)
        .into_iter()
        .find(|(_, l)| matches!(l, Load::View(views::Load::Columns(columns::Load::Tree { .. }))))
        .unwrap();
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(rows))))));
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
    insta::assert_snapshot!("worst_first_ambiguous_wide", view_text(&a));
}

#[test]
fn the_selection_survives_a_refresh_and_a_filter() {
    let mut a = app();
    keys(&mut a, "e");
    let target = a
        .views
        .columns
        .lines
        .iter()
        .position(|l| matches!(l, Line::Column { index, .. } if entry_id(&a, *index) == 8))
        .unwrap();
    a.views.columns.cursor.selected = target;
    let effects = a.update(Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE)));
    let [(id, Load::View(views::Load::Columns(columns::Load::Tree { .. })))] = loads(&effects)[..] else {
        panic!("{effects:?}")
    };
    // The refreshed tree has a new column ahead of the selected one.
    let mut fresh = entries();
    fresh
        .insert(1, entry(11, Some(1), "政务动态 / 通知公告", "10天", Status::Ok, Some("2026-12-05"), 0, &["区政府办"]));
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(fresh))))));
    assert_eq!(a.views.columns.selected_entry().unwrap().id, 8);
    keys(&mut a, "/fgj");
    assert_eq!(a.views.columns.selected_entry().unwrap().id, 8);
    key(&mut a, KeyCode::Esc);
    assert!(a.views.columns.filter.is_empty());
    assert_eq!(a.views.columns.selected_entry().unwrap().id, 8);
}

#[test]
fn a_result_that_arrives_after_a_newer_request_is_dropped() {
    let mut a = app();
    let first = loads(&a.update(Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))));
    let second = loads(&a.update(Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))));
    a.update(Msg::Loaded(second[0].0, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(entries()))))));
    a.update(Msg::Loaded(first[0].0, Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(vec![]))))));
    assert_eq!(a.views.columns.tree.as_ref().unwrap().entries.len(), 10);
    assert!(!a.busy());
}

#[test]
fn scrolling_near_the_end_fetches_the_next_page_after_the_last_row() {
    let mut a = app();
    open_column(&mut a, items(0, PAGE));
    assert!(!a.views.columns.column.as_ref().unwrap().items.done);
    let mut asked = Vec::new();
    for _ in 0..90 {
        asked.extend(loads(&key(&mut a, KeyCode::Down)));
    }
    let last = a.views.columns.column.as_ref().unwrap().items.rows.last().cloned().unwrap();
    let [
        (
            id,
            Load::View(views::Load::Columns(columns::Load::Items {
                column_id: 7,
                seek: Seek::After(before),
                filter: None,
            })),
        ),
    ] = asked[..]
    else {
        panic!("{asked:?}")
    };
    assert_eq!(before, (last.online_since, last.id));
    // A short page is the last one.
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Columns(columns::Loaded::Items(Ok(items(PAGE, 7)))))));
    let c = &a.views.columns.column.as_ref().unwrap().items;
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
    assert_eq!(a.views.columns.column.as_ref().unwrap().items.filter, "mzj");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.views.columns.column.as_ref().unwrap().items.filter, "");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.layer(), Layer::Columns);
    assert!(a.views.columns.tree.as_ref().unwrap().mode.only_overdue);
    key(&mut a, KeyCode::Esc);
    assert!(!a.views.columns.tree.as_ref().unwrap().mode.only_overdue);
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
    let tree = a.views.columns.tree.as_ref().unwrap();
    assert!(tree.mode.by_unit);
    let shown: Vec<i64> = a
        .views
        .columns
        .lines
        .iter()
        .filter_map(|l| if let Line::Column { index, .. } = l { Some(tree.entries[*index].id) } else { None })
        .collect();
    assert_eq!(shown, [8, 7]);
    keys(&mut a, ":scores 2025Q3");
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(
        loads(&effects)[0].1,
        Load::View(views::Load::Scores(views::scores::Load::Ranking {
            period: Period::Quarter { year: 2025, quarter: 3 }
        }))
    );
    keys(&mut a, ":at 2026-13-01");
    key(&mut a, KeyCode::Enter);
    assert!(a.notice.as_ref().unwrap().error);
    keys(&mut a, ":q");
    key(&mut a, KeyCode::Enter);
    assert!(a.quit);
}

#[test]
fn every_tab_comes_to_the_front_by_its_key_and_by_its_name_on_the_command_line() {
    let mut a = app();
    for tab in Tab::ALL.iter().copied() {
        a.switch(Tab::Columns, &mut Vec::new());
        let bound = a.keymap.key_for(Layer::Global, Action::Show(tab)).expect("a key brings the tab");
        let KeyCode::Char(c) = bound.code else { panic!("{tab:?}: {bound}") };
        keys(&mut a, &c.to_string());
        assert_eq!(a.tab, tab, "{tab:?} by its key {bound}");
        a.switch(Tab::Columns, &mut Vec::new());
        keys(&mut a, &format!(":{}", tab.name()));
        key(&mut a, KeyCode::Enter);
        assert_eq!(a.tab, tab, ":{}", tab.name());
    }
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
    assert_eq!(a.views.columns.cursor.selected, 1);
    a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 4,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.views.columns.cursor.selected, 2);
    let effects = a.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 27,
        row: 0,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.tab, Tab::Scores);
    assert!(matches!(loads(&effects)[..], [(_, Load::View(views::Load::Scores(views::scores::Load::Ranking { .. })))]));
}

/// A time in a list reads as the command line's `--format table` says it, in both languages:
/// Beijing time to the minute, the year only on one of another year (the last record was made
/// on 31 December 2025 in Beijing, 30 December in UTC).
#[test]
fn the_lists_say_a_time_as_the_command_lines_tables_do_in_both_languages() {
    for lang in Lang::ALL {
        crate::i18n::scoped(lang, || {
            let mut a = app();
            show_audit_of_two_years(&mut a);
            let text = text_of(&a);
            let rows: Vec<&str> = text.lines().skip(3).take(4).collect();
            let last_year = Utc.with_ymd_and_hms(2025, 12, 30, 16, 30, 0).unwrap();
            let this_year = Utc.with_ymd_and_hms(2026, 11, 28, 9, 15, 0).unwrap();
            assert_eq!(crate::domain::time::for_people(last_year, a.now), "2025-12-31 00:30");
            assert_eq!(crate::domain::time::for_people(this_year, a.now), "11-28 17:15");
            assert!(rows[0].starts_with("11-28 17:15      li.jianhua"), "{lang:?}: {text}");
            assert!(rows[3].starts_with("2025-12-31 00:30 root"), "{lang:?}: {text}");
        });
    }
}

#[test]
fn the_audit_trail_pages_back_and_filters() {
    let mut a = app();
    let effects = keys(&mut a, "5");
    let [(id, Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::First, filter: None })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
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
    let effects = a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(page))))));
    assert!(effects.is_empty(), "a full screen is loaded: {effects:?}");
    let mut asked = Vec::new();
    for _ in 0..85 {
        asked.extend(loads(&key(&mut a, KeyCode::Down)));
    }
    let [(id, Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::After(401), filter: None })))] = asked[..]
    else {
        panic!("{asked:?}")
    };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(audit_rows()))))));
    assert_eq!(a.views.audit.list.rows.len(), PAGE as usize + 3);
    keys(&mut a, "/元旦");
    assert_eq!(a.views.audit.list.shown.len(), 1);
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
    let [(_, Load::View(views::Load::Queue(views::queue::Load::Page { seek: Seek::First, .. })))] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    serve_queue(app, effects, &queue_rows());
}

/// The queue `all` (in its order by step) as the database reads it: the rows of a page in `order`
/// from `seek`, those whose title or unit holds `filter`.
fn queue_page(
    all: &[QueueItem],
    order: crate::store::QueueOrder,
    filter: Option<&str>,
    seek: Seek<crate::store::QueueKey>,
    limit: i64,
) -> Vec<QueueItem> {
    use crate::store::{QueueKey, QueueOrder};
    let sort = |k: QueueKey| match order {
        QueueOrder::Step => (k.step, k.since, k.id),
        QueueOrder::Wait => (0, k.since, k.id),
    };
    let mut rows: Vec<QueueItem> = all
        .iter()
        .filter(|q| filter.is_none_or(|f| q.title.contains(f) || q.unit.as_deref().is_some_and(|u| u.contains(f))))
        .cloned()
        .collect();
    rows.sort_by_key(|q| sort(q.key()));
    let n = limit as usize;
    match seek {
        Seek::First => rows.into_iter().take(n).collect(),
        Seek::After(k) => rows.into_iter().filter(|q| sort(q.key()) > sort(k)).take(n).collect(),
        Seek::Last => rows[rows.len().saturating_sub(n)..].to_vec(),
        Seek::Before(k) => {
            let before: Vec<QueueItem> = rows.into_iter().filter(|q| sort(q.key()) < sort(k)).collect();
            before[before.len().saturating_sub(n)..].to_vec()
        }
    }
}

/// Answers the queue's pages and counts asked in `effects` from the queue `all`, as the database
/// would, and those asked as they arrive; gives back every other effect.
fn serve_queue(app: &mut App, effects: Vec<Effect>, all: &[QueueItem]) -> Vec<Effect> {
    use views::queue::{Load as Q, Loaded as Answer};
    let mut asked = effects;
    let mut other = Vec::new();
    while !asked.is_empty() {
        let mut next = Vec::new();
        for effect in asked {
            let answer = match &effect {
                Effect::Load(id, Load::View(views::Load::Queue(Q::Page { order, filter, seek, limit }))) => {
                    (*id, Answer::Page(Ok(queue_page(all, *order, filter.as_deref(), *seek, *limit))))
                }
                Effect::Load(id, Load::View(views::Load::Queue(Q::Total { filter }))) => {
                    let rows = queue_page(all, crate::store::QueueOrder::Step, filter.as_deref(), Seek::First, 1 << 40);
                    let now = app.now;
                    let late = rows.iter().filter(|q| waiting(q, now).1).count() as i64;
                    let count =
                        crate::store::QueueCount { total: Total::Exact(rows.len() as i64), late: Total::Exact(late) };
                    (*id, Answer::Total(Ok(count)))
                }
                _ => {
                    other.push(effect);
                    continue;
                }
            };
            next.extend(app.update(Msg::Loaded(answer.0, Loaded::View(views::Loaded::Queue(answer.1)))));
        }
        asked = next;
    }
    other
}

/// Opens the selected queue item and feeds it its page; the content checks find nothing on it.
fn open_reviewing(app: &mut App) {
    open_reviewing_with(app, "为切实做好冬季森林防火工作，保护森林资源和人民群众生命财产安全……", vec![]);
}

/// Opens the selected queue item and feeds it its page with `body`, and its findings.
fn open_reviewing_with(app: &mut App, body: &str, findings: Vec<(crate::domain::checks::Finding, Option<String>)>) {
    let effects = key(app, KeyCode::Enter);
    let [
        (id, Load::View(views::Load::Queue(views::queue::Load::Item { id: item }))),
        (checked, Load::View(views::Load::Queue(views::queue::Load::ItemFindings { id: also }))),
    ] = loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(item, also);
    app.update(Msg::Loaded(
        checked,
        Loaded::View(views::Loaded::Queue(views::queue::Loaded::ItemFindings(item, Ok(findings)))),
    ));
    let entry = app.views.queue.reviewing.as_ref().unwrap().entry.clone();
    let t = Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap();
    let full = ExportedItem {
        id: item,
        fields: ItemFields {
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
            placements: vec![("政务动态 / 部门动态".into(), Form::Text)],
        },
        withdrawn: None,
        mark: None,
        attachments: Vec::new(),
    };
    app.update(Msg::Loaded(
        id,
        Loaded::View(views::Loaded::Queue(views::queue::Loaded::Item(Ok(Box::new((
            full,
            vec![HistoryEntry { at: t, operator: "政府办".into(), event: HistoryEvent::Submitted }],
        )))))),
    ));
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
    a.views.columns.column.as_ref().unwrap().marks.items.keys().copied().collect()
}

fn space(a: &mut App) -> Vec<Effect> {
    key(a, KeyCode::Char(' '))
}

/// The confirmation's text, if one is open.
fn confirmation(a: &App) -> String {
    let Overlay::Confirm { text, .. } = &a.overlay else { panic!("no confirmation: {:?}", a.overlay) };
    text.clone()
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
            batch: id,
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
    let [(id, Load::View(views::Load::Withdrawn(withdrawn::Load::Page { seek: Seek::First, filter: None })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    app.update(Msg::Loaded(id, Loaded::View(views::Loaded::Withdrawn(withdrawn::Loaded::Page(Ok(withdrawal_rows()))))));
}

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
    let [(id, Load::View(views::Load::Scores(views::scores::Load::Explain { unit, period })))] = &loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!((unit.as_str(), *period), ("象山街道", Period::Quarter { year: 2026, quarter: 4 }));
    a.update(Msg::Loaded(
        *id,
        Loaded::View(views::Loaded::Scores(views::scores::Loaded::Explained(Ok(Box::new(explanation()))))),
    ));
}

fn scores_load(effects: &[Effect]) -> (u64, views::scores::Load) {
    match &loads(effects)[..] {
        [(id, Load::View(views::Load::Scores(what)))] => (*id, what.clone()),
        other => panic!("{other:?}"),
    }
}

/// What waiving a finding on `item` did, as the Findings view gets it.
fn waived(item: i64, result: Result<(), String>) -> Loaded {
    Loaded::View(views::Loaded::Findings(views::findings::Loaded::Waived(item, result)))
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
    let Some(form) = incident(a) else { panic!("{:?}", a.views.scores.incident) };
    form
}

/// The incident form open, if one is (the Scores view's question).
fn incident(a: &App) -> Option<&IncidentForm> {
    match &a.views.scores.incident {
        Some(views::scores::IncidentQuestion::Record(form)) => Some(form),
        _ => None,
    }
}

/// The correction of an incident open, if one is (the Scores view's question).
fn reversal(a: &App) -> Option<&ReverseForm> {
    match &a.views.scores.incident {
        Some(views::scores::IncidentQuestion::Reverse(form)) => Some(form),
        _ => None,
    }
}

#[test]
fn the_audit_trail_filters_by_a_beijing_day_as_well_as_by_operator_action_and_item() {
    let mut a = app();
    let effects = keys(&mut a, "5");
    let [(id, Load::View(views::Load::Audit(audit::Load::Page { seek: Seek::First, filter: None })))] =
        loads(&effects)[..]
    else {
        panic!("{effects:?}")
    };
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
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Audit(audit::Loaded::Page(Ok(rows))))));
    let shown = |a: &App| a.views.audit.list.shown.iter().map(|&i| a.views.audit.list.rows[i].id).collect::<Vec<_>>();
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
