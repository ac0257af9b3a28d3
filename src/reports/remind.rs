//! A reminder sheet (提醒单) for one responsible unit, as of a day: its columns due within a number
//! of working days, overdue and blank; its items returned and waiting; its open rectification
//! orders with their deadlines. Written in the office's words, as the bulletin is.

use std::fmt::Write;

use chrono::NaiveDate;

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

/// A cell of a Markdown table: its `|` and line breaks made harmless.
fn cell(s: &str) -> String {
    s.replace('|', "｜").replace(['\n', '\r'], " ")
}

fn none(out: &mut String) {
    let _ = writeln!(out, "无。\n");
}

/// The sheet as Markdown: the title, the addressee, five sections, the sender and the date.
pub fn markdown(s: &Sheet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# 网站栏目信息更新提醒单\n");
    let _ = writeln!(out, "{}：\n", cell(&s.unit_full_name));
    let _ = writeln!(
        out,
        "截至{}，贵单位负责维护的{}栏目及信息情况如下，请按期更新、整改。\n",
        super::date_words(s.today),
        s.site_name
    );
    let _ = writeln!(out, "## 一、{}个工作日内到期的栏目\n", s.within);
    if s.due_soon.is_empty() {
        none(&mut out);
    } else {
        let _ = writeln!(out, "| 栏目 | 更新时限 | 到期日期 |\n| --- | --- | --- |");
        for c in &s.due_soon {
            let due = c.due.map_or_else(String::new, |d| d.to_string());
            let _ = writeln!(out, "| {} | {} | {due} |", cell(&c.path), cell(&c.rule));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## 二、逾期未更新的栏目\n");
    if s.overdue.is_empty() {
        none(&mut out);
    } else {
        let _ = writeln!(out, "| 栏目 | 更新时限 | 到期日期 | 逾期天数 |\n| --- | --- | --- | --- |");
        for c in &s.overdue {
            let due = c.due.map_or_else(String::new, |d| d.to_string());
            let _ = writeln!(out, "| {} | {} | {due} | {} |", cell(&c.path), cell(&c.rule), c.days_overdue);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## 三、空白栏目\n");
    if s.blank.is_empty() {
        none(&mut out);
    } else {
        let _ = writeln!(out, "| 栏目 | 更新时限 |\n| --- | --- |");
        for c in &s.blank {
            let _ = writeln!(out, "| {} | {} |", cell(&c.path), cell(&c.rule));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## 四、退回待修改的信息\n");
    if s.returned.is_empty() {
        none(&mut out);
    } else {
        let _ = writeln!(out, "| 编号 | 标题 | 退回时间 |\n| --- | --- | --- |");
        for r in &s.returned {
            let at = format_time(r.returned_at, false);
            let at = at.get(..16).unwrap_or(&at).replace('T', " ");
            let _ = writeln!(out, "| {} | {} | {at} |", r.id, cell(&r.title));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## 五、未整改的整改通知\n");
    if s.orders.is_empty() {
        none(&mut out);
    } else {
        let _ = writeln!(out, "| 编号 | 整改对象 | 存在问题 | 整改期限 | 状态 |\n| --- | --- | --- | --- | --- |");
        for o in &s.orders {
            // In the office's words, whatever the language of the interface.
            let status = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || o.status.said());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {status} |",
                o.row.id,
                cell(&o.about()),
                cell(&o.row.note),
                o.row.due_on
            );
        }
        out.push('\n');
    }
    super::sign_off(&mut out, &s.site_name, s.today);
    out
}
