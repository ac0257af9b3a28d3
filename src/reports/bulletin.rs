//! The quarterly (or yearly) bulletin Art. 16 asks the government office to circulate: the
//! ranking, each unit's incidents, the units that supplied nothing, the columns each unit left
//! overdue at the period's end, and the Art. 17 signals that lead to a notice to a unit's head. A
//! `Document` in the office's own language, written as Markdown or in the national format (DOCX).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::inspection::{inspect, load_rules};
use super::{ScoreRow, StaleRow, documents, stale};
use crate::domain::accountability::{Signal, UnitRecord};
use crate::domain::assessment::{Period, Standing};
use crate::domain::document::{self, Align::*, Block, Document, Inline, Table};
use crate::domain::inspection::{Indicator, Level, Rules};
use crate::domain::rectification::late_in;
use crate::domain::staleness::{DocumentStatus, Status};
use crate::domain::time::beijing_date;
use crate::store::{Chain, IncidentRow, Result, Site, Store};

/// Everything the bulletin says, gathered.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulletin {
    pub site_name: String,
    pub period: Period,
    /// Where the period stood when the bulletin was made: one not over is told as of that day
    /// (截至), compared with as many days of the period before.
    pub standing: Standing,
    /// The day (in Beijing) it was made, signed under it with the issuing office.
    pub made_on: NaiveDate,
    /// Ranked, with the period before's net score.
    pub scores: Vec<ScoreRow>,
    /// The period's incidents and corrections, by date.
    pub incidents: Vec<IncidentRow>,
    /// Per unit, in ranking order: its columns overdue or empty at the period's end.
    pub overdue: Vec<OfUnit<StaleRow>>,
    /// Per unit, in ranking order: why its head is to be notified (Art. 17).
    pub signals: Vec<OfUnit<Signal>>,
    /// The national check's indicators at the end of the period (of each quarter, for a year), or
    /// why they could not be evaluated (rules that do not fit the column table).
    pub inspection: Result<Vec<(NaiveDate, Vec<Indicator>)>, String>,
    /// The links as last checked (`portal-admin links`): when, and the broken ones of online items
    /// per unit; `None` when they never were.
    pub links: Option<(chrono::DateTime<chrono::Utc>, BTreeMap<String, usize>)>,
    /// The head of the site's audit trail as the bulletin was made (its newest record's id and
    /// hash): published with it, so that `audit verify --against HASH` can later prove the trail
    /// has only grown since. `None` for a trail without records.
    pub audit_head: Option<(i64, String)>,
    /// The rectification orders of the period (issued by its end and not closed before its start),
    /// most urgent first, each with where it stood at the period's end.
    pub orders: Vec<super::rectifications::Order>,
}

/// A unit's rows of one part of the bulletin (only units that have some are listed).
#[derive(Debug, Clone, PartialEq)]
pub struct OfUnit<T> {
    pub unit: String,
    pub rows: Vec<T>,
}

impl<T> OfUnit<T> {
    /// The rows of `unit` in a part of the bulletin (none when it is not listed there).
    pub fn of(part: Vec<OfUnit<T>>, unit: &str) -> Vec<T> {
        part.into_iter().find(|p| p.unit == unit).map(|p| p.rows).unwrap_or_default()
    }
}

/// The period's facts from the database, with the national check's indicators by the rules in
/// effect (the user's `inspection.toml`, else the built-in ones), if they fit the column table.
pub async fn gather(store: &dyn Store, site: &Site, period: Period) -> Result<Bulletin> {
    let rules = load_rules(store, site, None).await.map_err(|e| e.one_line());
    gather_with(store, site, period, rules.as_ref().map_err(String::clone)).await
}

/// As `gather`, with the rules given (or why there are none that fit).
pub async fn gather_with(
    store: &dyn Store,
    site: &Site,
    period: Period,
    rules: std::result::Result<&Rules, String>,
) -> Result<Bulletin> {
    let today = beijing_date(chrono::Utc::now());
    let scores = super::scores_as_of(store, site, period, today).await?;
    let (from, until) = (period.first_day(), period.end_day());
    let incidents = store.incidents(site, Some(period), None).await?;
    let units_of: HashMap<i64, Vec<String>> = store.columns(site).await?.into_iter().map(|c| (c.id, c.units)).collect();
    let overdue_at = |rows: Vec<StaleRow>| -> Vec<StaleRow> {
        rows.into_iter().filter(|r| matches!(r.staleness.status, Status::Overdue | Status::Empty)).collect()
    };
    // A period not over yet is judged as of today, not as of a day still to come.
    let end = period.last_day().min(today);
    let now = overdue_at(stale(store, site, end).await?);
    let before: HashSet<i64> =
        overdue_at(stale(store, site, period.previous().last_day()).await?).iter().map(|r| r.column.id).collect();
    // Documents due in the period that went online after their due date, or had not by its end.
    let mut late_documents: HashMap<&str, usize> = HashMap::new();
    let due = documents(store, site, end, false, None).await?;
    for d in due.iter().filter(|d| d.due >= period.first_day() && d.due <= end) {
        if matches!(d.status, DocumentStatus::Late | DocumentStatus::Overdue) {
            for unit in units_of.get(&d.document.column_id).into_iter().flatten() {
                *late_documents.entry(unit.as_str()).or_default() += 1;
            }
        }
    }
    let withdrawals = store.unit_withdrawals(site, from, until).await?;
    // Rectification orders: where one names a column, it (not the inference from two periods)
    // says whether the unit rectified.
    let orders: Vec<super::rectifications::Order> = super::rectifications::orders(store, site, None, end)
        .await?
        .into_iter()
        .filter(|o| beijing_date(o.row.issued_at) <= end && o.closing.is_none_or(|(_, at)| beijing_date(at) >= from))
        .collect();
    let ordered_columns: HashSet<i64> = orders
        .iter()
        .filter_map(|o| match o.row.subject {
            crate::domain::rectification::Subject::Column(c) => Some(c),
            _ => None,
        })
        .collect();

    let mut overdue = Vec::new();
    let mut signals = Vec::new();
    for row in &scores {
        let unit = row.unit.as_str();
        let mine: Vec<StaleRow> = now
            .iter()
            .filter(|r| units_of.get(&r.column.id).is_some_and(|us| us.iter().any(|u| u == unit)))
            .cloned()
            .collect();
        let mut by_kind: BTreeMap<_, i64> = BTreeMap::new();
        for i in incidents.iter().filter(|i| i.unit == unit) {
            // A reversal takes its incident back.
            *by_kind.entry(i.kind).or_default() += if i.points < 0 { 1 } else { -1 };
        }
        let record = UnitRecord {
            supplied_nothing: row.supplied_nothing,
            overdue_columns: mine.len(),
            late_documents: late_documents.get(unit).copied().unwrap_or(0),
            overdue_twice: mine
                .iter()
                .filter(|r| before.contains(&r.column.id) && !ordered_columns.contains(&r.column.id))
                .count(),
            late_orders: orders
                .iter()
                .filter(|o| o.row.unit == unit)
                .filter(|o| late_in(o.row.issued_at, o.row.due_on, o.closing.map(|(_, at)| at), from, end))
                .count(),
            withdrawn: withdrawals.iter().filter(|w| w.unit == unit).map(|w| (w.reason, w.count)).collect(),
            incidents: by_kind.into_iter().filter(|(_, n)| *n > 0).collect(),
        };
        let found = record.signals();
        if !found.is_empty() {
            signals.push(OfUnit { unit: unit.to_string(), rows: found });
        }
        if !mine.is_empty() {
            overdue.push(OfUnit { unit: unit.to_string(), rows: mine });
        }
    }
    let inspection = match rules {
        Ok(rules) => {
            let ends: Vec<NaiveDate> = match period {
                Period::Quarter { .. } => vec![end],
                Period::Year(year) => {
                    let mut ends: Vec<NaiveDate> = (1..=4)
                        .map(|quarter| Period::Quarter { year, quarter }.last_day())
                        .filter(|d| *d < end)
                        .collect();
                    ends.push(end);
                    ends
                }
            };
            let mut found = Vec::new();
            for end in ends {
                found.push((end, inspect(store, site, rules, end).await?));
            }
            Ok(found)
        }
        Err(why) => Err(why),
    };
    let links = super::links::for_bulletin(store, site).await?;
    let audit_head = store.chain_head(Chain::Site(site.id)).await?.map(|h| (h.id, h.hash.unwrap_or_default()));
    Ok(Bulletin {
        site_name: site.name.clone(),
        period,
        standing: period.standing(today),
        made_on: today,
        scores,
        incidents,
        overdue,
        signals,
        inspection,
        links,
        audit_head,
        orders,
    })
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "通过",
        Level::Warn => "预警",
        Level::Fail => "不合格",
    }
}

/// The period in the bulletin's words: 2026年第3季度, 2026年度.
fn period_name(period: Period) -> String {
    match period {
        Period::Quarter { year, quarter } => format!("{year}年第{quarter}季度"),
        Period::Year(year) => format!("{year}年度"),
    }
}

fn signed(n: i64) -> String {
    if n > 0 { format!("+{n}") } else { n.to_string() }
}

/// The bulletin as Markdown.
pub fn render(b: &Bulletin) -> String {
    document::markdown(&document(b))
}

/// The bulletin as a document: what its Markdown and its DOCX both say.
pub fn document(b: &Bulletin) -> Document {
    let mut blocks = Vec::new();
    let name = period_name(b.period);
    let (first, last) = (b.period.first_day(), b.period.last_day());
    let mut before = match b.period {
        Period::Quarter { .. } => "较上季度",
        Period::Year(_) => "较上年",
    }
    .to_string();
    // A period not over is told as of the day, and compared with as many days before it.
    let as_of = match b.standing {
        Standing::Running { as_of } => {
            let (from, until) = b.period.compared_with(as_of);
            let last = until.pred_opt().unwrap_or(until);
            let said =
                format!("，截至 {}月{}日（本期尚未结束；{before}同期为 {from} 至 {last}）", as_of.month(), as_of.day());
            before.push_str("同期");
            said
        }
        Standing::NotBegun => "（本期尚未开始）".to_string(),
        Standing::Over => String::new(),
    };
    blocks.push(Block::text(format!(
        "统计期间：{first} 至 {last}{as_of}。计分依据第十六条：每发布一条纯文字信息计 1 分、图文信息计 2 分、\
         视频信息计 3 分，同一信息在多个栏目同时采用的不重复计分（以最高分计）；责任事故按规定扣分。"
    )));

    blocks.push(Block::Heading("一、得分排名".into()));
    let mut ranking = Table::new(&[
        ("排名", Right),
        ("单位", Left),
        ("文字", Right),
        ("图文", Right),
        ("视频", Right),
        ("得分", Right),
        ("扣分", Right),
        ("总分", Right),
        (before.as_str(), Right),
    ]);
    for r in &b.scores {
        ranking.row([r.rank.to_string(), r.unit.clone()].into_iter().chain(r.figures()).collect());
    }
    blocks.push(Block::Table(ranking));

    blocks.push(Block::Heading("二、责任事故".into()));
    if b.incidents.is_empty() {
        blocks.push(Block::text("本期无责任事故。"));
    } else {
        let mut table = Table::new(&[
            ("编号", Right),
            ("日期", Left),
            ("单位", Left),
            ("类型", Left),
            ("分值", Right),
            ("涉及信息", Left),
            ("说明", Left),
        ]);
        for i in &b.incidents {
            let item = match (&i.item, &i.item_title) {
                (Some(id), Some(title)) => format!("{id} {title}"),
                _ => "—".into(),
            };
            let note = match i.reverses {
                Some(original) => format!("更正第 {original} 号：{}", i.note),
                None => i.note.clone(),
            };
            table.row(vec![
                i.id.to_string(),
                i.occurred_on.to_string(),
                i.unit.clone(),
                i.kind.label().to_string(),
                signed(i.points),
                item,
                note,
            ]);
        }
        blocks.push(Block::Table(table));
    }

    blocks.push(Block::Heading("三、未提供信息的单位".into()));
    let nothing: Vec<&str> = b.scores.iter().filter(|r| r.supplied_nothing).map(|r| r.unit.as_str()).collect();
    blocks.push(Block::text(if nothing.is_empty() {
        "无。".to_string()
    } else {
        format!("{}。", nothing.join("、"))
    }));

    blocks.push(Block::Heading("四、期末逾期未更新的栏目".into()));
    if b.overdue.is_empty() {
        blocks.push(Block::text("无。"));
    }
    for OfUnit { unit, rows } in &b.overdue {
        blocks.push(Block::Subheading(unit.clone()));
        let items = rows
            .iter()
            .map(|r| {
                let days = r.staleness.days_overdue;
                let state = match (r.staleness.status, r.last_update) {
                    (Status::Empty, _) => "无内容".to_string(),
                    (_, None) => format!("无内容，文件逾期 {days} 天"),
                    (_, Some(at)) => format!("最后更新 {}，逾期 {days} 天", beijing_date(at)),
                };
                // The bulletin is a Chinese document whatever the interface's language.
                let deadline = if r.column.deadline.is_empty() {
                    crate::i18n::scoped(crate::i18n::Lang::ZhCn, || r.column.rule.words())
                } else {
                    r.column.deadline.clone()
                };
                format!("{}（更新时限 {deadline}；{state}）", r.column.path)
            })
            .collect();
        blocks.push(Block::List(items));
    }

    blocks.push(Block::Heading("五、需通报单位负责人的情形（第十七条）".into()));
    if b.signals.is_empty() {
        blocks.push(Block::text("无。"));
    } else {
        let mut table = Table::new(&[("单位", Left), ("条款", Left), ("情形", Left)]);
        for OfUnit { unit, rows: signals } in &b.signals {
            for s in signals {
                table.row(vec![unit.clone(), format!("第十七条{}", s.clause_name()), s.text.clone()]);
            }
        }
        blocks.push(Block::Table(table));
    }

    blocks.push(Block::Heading("六、政府网站检查单项否决指标（期末自查）".into()));
    match &b.inspection {
        Err(why) => blocks.push(Block::text(format!("未评估：{why}"))),
        Ok(ends) => {
            let dates: Vec<String> = ends.iter().map(|(d, _)| d.to_string()).collect();
            let mut columns = vec![("指标", Left), ("阈值", Right)];
            columns.extend(dates.iter().map(|d| (d.as_str(), Left)));
            let mut table = Table::new(&columns);
            if let Some((_, first)) = ends.first() {
                for (n, indicator) in first.iter().enumerate() {
                    let mut cells = vec![indicator.name.to_string(), indicator.threshold.to_string()];
                    cells.extend(ends.iter().filter_map(|(_, all)| all.get(n)).map(|i| {
                        let never = i.key == "site_not_updated" && i.count >= 99_999;
                        let count = if never { "从未更新".to_string() } else { i.count.to_string() };
                        format!("{count} {}", level_name(i.level))
                    }));
                    table.row(cells);
                }
            }
            blocks.push(Block::Table(table));
        }
    }
    links_part(&mut blocks, b);
    audit_head_part(&mut blocks, b);
    orders_part(&mut blocks, b);
    Document {
        title: format!("{}内容保障考评通报（{name}）", b.site_name),
        addressee: None,
        blocks,
        office: b.site_name.clone(),
        date: b.made_on,
    }
}

/// Section nine: the period's rectification orders, most urgent first, as they stood at its end.
fn orders_part(blocks: &mut Vec<Block>, b: &Bulletin) {
    blocks.push(Block::Heading("九、整改情况".into()));
    if b.orders.is_empty() {
        blocks.push(Block::text("本期无整改通知。"));
        return;
    }
    let mut table = Table::new(&[
        ("编号", Right),
        ("单位", Left),
        ("整改事项", Left),
        ("问题", Left),
        ("下达日期", Left),
        ("整改期限", Left),
        ("状态", Left),
        ("整改结果", Left),
    ]);
    for o in &b.orders {
        let result = match o.closing {
            Some((how, at)) => format!("{} {}", beijing_date(at), how.label()),
            None => "—".to_string(),
        };
        table.row(vec![
            o.row.id.to_string(),
            o.row.unit.clone(),
            o.about(),
            o.row.note.clone(),
            beijing_date(o.row.issued_at).to_string(),
            o.row.due_on.to_string(),
            crate::i18n::scoped(crate::i18n::Lang::ZhCn, || o.status.said()),
            result,
        ]);
    }
    blocks.push(Block::Table(table));
}

/// Section eight: the audit trail's head, so that a published bulletin fixes the trail as it stood.
fn audit_head_part(blocks: &mut Vec<Block>, b: &Bulletin) {
    blocks.push(Block::Heading("八、审计记录链头".into()));
    match &b.audit_head {
        None => blocks.push(Block::text("本站点尚无审计记录。")),
        Some((id, hash)) => {
            blocks.push(Block::text(format!("本通报生成时，本站点审计记录的最新一条为第 {id} 条，其链头哈希为：")));
            blocks.push(Block::Paragraph(vec![Inline::Code(hash.clone())]));
            blocks.push(Block::Paragraph(vec![
                Inline::Text("以 ".into()),
                Inline::Code(format!("portal-admin audit verify --against {hash}")),
                Inline::Text(" 可核验此后审计记录只有新增，此前的记录未被改写、删除或插入。".into()),
            ]));
        }
    }
}

/// Section seven: the broken links of each unit's online items, as last checked.
fn links_part(blocks: &mut Vec<Block>, b: &Bulletin) {
    blocks.push(Block::Heading("七、不可用链接（链接检查）".into()));
    match &b.links {
        None => blocks.push(Block::text("未做链接检查（portal-admin links --all）。")),
        Some((at, per_unit)) if per_unit.is_empty() => {
            blocks.push(Block::text(format!("{} 检查：未发现不可用链接。", beijing_date(*at))));
        }
        Some((at, per_unit)) => {
            blocks.push(Block::text(format!("{} 检查发现的不可用链接，按信息所属单位：", beijing_date(*at))));
            let mut table = Table::new(&[("单位", Left), ("不可用链接", Right)]);
            let mut ranked: Vec<(&String, &usize)> = per_unit.iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (unit, n) in ranked {
                table.row(vec![unit.clone(), n.to_string()]);
            }
            blocks.push(Block::Table(table));
        }
    }
}
