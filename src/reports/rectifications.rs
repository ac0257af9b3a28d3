//! Rectification orders with where each stands as of a day: closed (by hand or by what fixed it),
//! open, or overdue; most urgent first. The same list for `rectifications`, the console, the
//! bulletin's section nine and Art. 17 (五).

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::Closing;
use crate::domain::document::{Block, Document, date_words};
use crate::domain::inspection::indicator;
use crate::domain::rectification::{Status, Subject, status};
use crate::domain::time::beijing_date;
use crate::store::{RectificationRow, Result, Site, Store};

/// An order and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub row: RectificationRow,
    /// How and when it was closed: as recorded, or what fixed what it names since it was issued
    /// and is not recorded yet (the writes that fix it record the closings they make in their own
    /// transaction: a column's new item, a withdrawal, a mark, a waiver, the item's findings found
    /// again without the one it names; the listing records what someone who may not close orders
    /// fixed).
    pub closing: Option<(Closing, DateTime<Utc>)>,
    pub status: Status,
}

impl Order {
    /// What the order names, in words: the column's path, the item's title, the indicator's name.
    pub fn about(&self) -> String {
        match &self.row.subject {
            Subject::Indicator(key) => indicator(key).map_or_else(|| key.clone(), |(_, name)| name.to_string()),
            _ => self.row.subject_text.clone(),
        }
    }

    /// The kind of thing it names: column, item or indicator.
    pub fn kind(&self) -> &'static str {
        match self.row.subject {
            Subject::Column(_) => "column",
            Subject::Item { .. } => "item",
            Subject::Indicator(_) => "indicator",
        }
    }

    /// Closed by itself, but not yet recorded so.
    pub fn unrecorded_fix(&self) -> Option<(Closing, DateTime<Utc>)> {
        if self.row.closed.is_some() { None } else { self.closing }
    }
}

/// The orders of the site (of one unit when given) as of `today` (a Beijing date), most urgent
/// first: overdue, then open, then done; each by deadline.
pub async fn orders(store: &dyn Store, site: &Site, unit: Option<&str>, today: NaiveDate) -> Result<Vec<Order>> {
    let rows = store.rectifications(site, unit).await?;
    Ok(ranked(rows, today))
}

/// Where each order stands as of `today`, most urgent first.
pub fn ranked(rows: Vec<RectificationRow>, today: NaiveDate) -> Vec<Order> {
    let mut out: Vec<Order> = rows
        .into_iter()
        .map(|row| {
            let closing = row.closed.as_ref().map(|(at, _, how, _)| (*how, *at)).or_else(|| row.fixes.first());
            let status = status(row.due_on, closing.map(|(_, at)| at), today);
            Order { row, closing, status }
        })
        .collect();
    out.sort_by_key(|o| (o.status, o.row.due_on, o.row.id));
    out
}

/// An order's rectification notice (整改通知) to its unit, signed by `office` on the day it was
/// issued: what it names, what is wrong, the rule it answers to, the deadline. One document, as
/// Markdown or in the national format.
pub fn notice(order: &Order, office: &str) -> Document {
    let row = &order.row;
    let what = match row.subject {
        Subject::Column(_) => "栏目",
        Subject::Item { .. } => "信息",
        Subject::Indicator(_) => "检查指标",
    };
    let issued = beijing_date(row.issued_at);
    let blocks = vec![
        Block::text(format!(
            "经检查，贵单位负责的{what}“{}”存在下列问题。现下达第 {} 号整改通知，请于{}前整改完毕，\
             并将整改情况报{office}。",
            order.about(),
            row.id,
            date_words(row.due_on)
        )),
        Block::Heading("一、整改事项".into()),
        Block::text(format!("{what}：{}", order.about())),
        Block::Heading("二、存在问题".into()),
        Block::text(row.note.clone()),
        Block::Heading("三、整改期限".into()),
        Block::text(format!("自{}起{}个工作日内，即{}前。", date_words(issued), row.days, date_words(row.due_on))),
        Block::Heading("四、整改依据".into()),
        Block::text(
            "网站信息发布管理制度第十七条：未按要求整改网站栏目信息问题的，通报相关单位负责人；\
             造成严重后果的，追究有关单位和责任人的责任。",
        ),
    ];
    Document {
        title: "网站信息整改通知".into(),
        addressee: Some(row.unit_full_name.clone()),
        blocks,
        office: office.to_string(),
        date: issued,
    }
}
