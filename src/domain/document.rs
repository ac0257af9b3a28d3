//! A document the office sends (the bulletin, a reminder sheet, a rectification notice) as what it
//! says: a title, an addressee, headings, paragraphs, lists and tables, signed by the issuing
//! office with the day. Its words are written once, here; Markdown (`markdown`) and the national
//! format (`crate::docx`) are two renderings of the same `Document`.

use chrono::NaiveDate;

/// A whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Whom it is sent to (主送机关), said before the body with a full-width colon.
    pub addressee: Option<String>,
    pub blocks: Vec<Block>,
    /// The issuing office (发文机关署名).
    pub office: String,
    /// The day it was made (成文日期).
    pub date: NaiveDate,
}

/// A part of the body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A first-level heading (一、…).
    Heading(String),
    /// A second-level heading (a unit's name under a section).
    Subheading(String),
    Paragraph(Vec<Inline>),
    List(Vec<String>),
    Table(Table),
}

/// A run of a paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// Text to be typed as it is (a hash, a command).
    Code(String),
}

/// A table: its columns (heading and alignment) and its rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<(String, Align)>,
    pub rows: Vec<Vec<String>>,
}

/// How a column's cells are aligned: figures to the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

impl Block {
    /// A paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Inline::Text(text.into())])
    }
}

impl Table {
    /// A table of the given columns, every one left-aligned but those marked `Right`.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table { columns: columns.iter().map(|(h, a)| (h.to_string(), *a)).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// A day as the standard writes a date: Arabic numerals, 2026年12月5日.
pub fn date_words(day: NaiveDate) -> String {
    day.format("%Y年%-m月%-d日").to_string()
}

/// One line of text: line breaks in content become spaces.
fn line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A Markdown table cell: its `|` made harmless too.
fn cell(text: &str) -> String {
    line(text).replace('|', "｜")
}

fn inlines(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => line(t),
            Inline::Code(c) => format!("`{}`", line(c)),
        })
        .collect()
}

/// The document as Markdown: blocks separated by an empty line, the office and the date last.
pub fn markdown(doc: &Document) -> String {
    let mut parts = vec![format!("# {}", line(&doc.title))];
    if let Some(to) = &doc.addressee {
        parts.push(format!("{}：", line(to)));
    }
    for block in &doc.blocks {
        parts.push(match block {
            Block::Heading(h) => format!("## {}", line(h)),
            Block::Subheading(h) => format!("### {}", line(h)),
            Block::Paragraph(p) => inlines(p),
            Block::List(items) => items.iter().map(|i| format!("- {}", line(i))).collect::<Vec<_>>().join("\n"),
            Block::Table(t) => {
                let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
                let mut lines = vec![row(t.columns.iter().map(|(h, _)| cell(h)).collect())];
                lines.push(row(t
                    .columns
                    .iter()
                    .map(|(_, a)| if *a == Align::Right { "---:" } else { "---" }.to_string())
                    .collect()));
                lines.extend(t.rows.iter().map(|r| row(r.iter().map(|c| cell(c)).collect())));
                lines.join("\n")
            }
        });
    }
    parts.push(line(&doc.office));
    parts.push(date_words(doc.date));
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// Every piece of text the document says, in order (the title, headings, paragraphs, list items,
/// table headings and cells, the office and the date): what any rendering must show.
pub fn words(doc: &Document) -> Vec<String> {
    let mut out = vec![doc.title.clone()];
    out.extend(doc.addressee.iter().cloned());
    for block in &doc.blocks {
        match block {
            Block::Heading(h) | Block::Subheading(h) => out.push(h.clone()),
            Block::Paragraph(p) => out.extend(p.iter().map(|i| match i {
                Inline::Text(t) | Inline::Code(t) => t.clone(),
            })),
            Block::List(items) => out.extend(items.iter().cloned()),
            Block::Table(t) => {
                out.extend(t.columns.iter().map(|(h, _)| h.clone()));
                out.extend(t.rows.iter().flatten().cloned());
            }
        }
    }
    out.push(doc.office.clone());
    out.push(date_words(doc.date));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_says_each_block_once_with_an_empty_line_between_and_the_sign_off_last() {
        let mut t = Table::new(&[("单位", Align::Left), ("得分", Align::Right)]);
        t.row(vec!["民政局|一".into(), "12".into()]);
        let doc = Document {
            title: "通报".into(),
            addressee: Some("民政局".into()),
            blocks: vec![
                Block::Heading("一、排名".into()),
                Block::Table(t),
                Block::Subheading("民政局".into()),
                Block::List(vec!["甲\n乙".into(), "丙".into()]),
                Block::Paragraph(vec![Inline::Text("核验：".into()), Inline::Code("abc".into())]),
            ],
            office: "象山区人民政府门户网站".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
        };
        let expected = "# 通报\n\n民政局：\n\n## 一、排名\n\n| 单位 | 得分 |\n| --- | ---: |\n| 民政局｜一 | 12 |\n\n\
                        ### 民政局\n\n- 甲 乙\n- 丙\n\n核验：`abc`\n\n象山区人民政府门户网站\n\n2026年12月5日\n";
        assert_eq!(markdown(&doc), expected);
        let said = words(&doc);
        assert!(said.contains(&"民政局|一".to_string()) && said.contains(&"2026年12月5日".to_string()));
        assert_eq!(said.last().map(String::as_str), Some("2026年12月5日"));
    }
}
