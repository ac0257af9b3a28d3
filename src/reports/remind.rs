//! A reminder sheet (提醒单) for one responsible unit, as of a day: its columns due within a number
//! of working days, overdue and blank; its items returned and waiting; its open rectification
//! orders with their deadlines. Written in the office's words, as the bulletin is: one `Document`,
//! as Markdown or in the national format.

use chrono::NaiveDate;

use crate::domain::document::{self, Align::*, Block, Document, Table, date_words};
use crate::domain::time::format_time;
use crate::store::ReturnedItem;

use super::rectifications::Order;

/// A column on a sheet: its path, its rule, its due date, days overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetColumn {
    pub path: String,
    pub rule: String,
    pub due: Option<NaiveDate>,
    pub days_overdue: i64,
}

/// One unit's sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub site_name: String,
    pub unit: String,
    pub unit_full_name: String,
    pub today: NaiveDate,
    /// The window of `due_soon`, in working days.
    pub within: u32,
    pub due_soon: Vec<SheetColumn>,
    pub overdue: Vec<SheetColumn>,
    pub blank: Vec<SheetColumn>,
    pub returned: Vec<ReturnedItem>,
    /// Its orders still open (overdue first, then by deadline).
    pub orders: Vec<Order>,
}

impl Sheet {
    /// Whether nothing on it asks the unit to act.
    pub fn is_empty(&self) -> bool {
        self.due_soon.is_empty()
            && self.overdue.is_empty()
            && self.blank.is_empty()
            && self.returned.is_empty()
            && self.orders.is_empty()
    }
}

fn none(blocks: &mut Vec<Block>) {
    blocks.push(Block::text("无。"));
}

/// The sheet as Markdown: the title, the addressee, five sections, the sender and the date.
pub fn markdown(s: &Sheet) -> String {
    document::markdown(&sheet_document(s))
}

/// The sheet as a document: what its Markdown and its DOCX both say.
pub fn sheet_document(s: &Sheet) -> Document {
    let mut blocks = vec![Block::text(format!(
        "截至{}，贵单位负责维护的{}栏目及信息情况如下，请按期更新、整改。",
        date_words(s.today),
        s.site_name
    ))];
    let due = |c: &SheetColumn| c.due.map_or_else(String::new, |d| d.to_string());
    blocks.push(Block::Heading(format!("一、{}个工作日内到期的栏目", s.within)));
    if s.due_soon.is_empty() {
        none(&mut blocks);
    } else {
        let mut table = Table::new(&[("栏目", Left), ("更新时限", Left), ("到期日期", Left)]);
        for c in &s.due_soon {
            table.row(vec![c.path.clone(), c.rule.clone(), due(c)]);
        }
        blocks.push(Block::Table(table));
    }
    blocks.push(Block::Heading("二、逾期未更新的栏目".into()));
    if s.overdue.is_empty() {
        none(&mut blocks);
    } else {
        let mut table = Table::new(&[("栏目", Left), ("更新时限", Left), ("到期日期", Left), ("逾期天数", Left)]);
        for c in &s.overdue {
            table.row(vec![c.path.clone(), c.rule.clone(), due(c), c.days_overdue.to_string()]);
        }
        blocks.push(Block::Table(table));
    }
    blocks.push(Block::Heading("三、空白栏目".into()));
    if s.blank.is_empty() {
        none(&mut blocks);
    } else {
        let mut table = Table::new(&[("栏目", Left), ("更新时限", Left)]);
        for c in &s.blank {
            table.row(vec![c.path.clone(), c.rule.clone()]);
        }
        blocks.push(Block::Table(table));
    }
    blocks.push(Block::Heading("四、退回待修改的信息".into()));
    if s.returned.is_empty() {
        none(&mut blocks);
    } else {
        let mut table = Table::new(&[("编号", Left), ("标题", Left), ("退回时间", Left)]);
        for r in &s.returned {
            let at = format_time(r.returned_at, false);
            let at = at.get(..16).unwrap_or(&at).replace('T', " ");
            table.row(vec![r.id.to_string(), r.title.clone(), at]);
        }
        blocks.push(Block::Table(table));
    }
    blocks.push(Block::Heading("五、未整改的整改通知".into()));
    if s.orders.is_empty() {
        none(&mut blocks);
    } else {
        let mut table =
            Table::new(&[("编号", Left), ("整改对象", Left), ("存在问题", Left), ("整改期限", Left), ("状态", Left)]);
        for o in &s.orders {
            // In the office's words, whatever the language of the interface.
            let status = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || o.status.said());
            table.row(vec![o.row.id.to_string(), o.about(), o.row.note.clone(), o.row.due_on.to_string(), status]);
        }
        blocks.push(Block::Table(table));
    }
    Document {
        title: "网站栏目信息更新提醒单".into(),
        addressee: Some(s.unit_full_name.clone()),
        blocks,
        office: s.site_name.clone(),
        date: s.today,
    }
}
