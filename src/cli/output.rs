//! Listings as a table (on a terminal), CSV or JSON, with the fields the contract names.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

impl Format {
    /// `table` on a terminal, CSV for scripts and pipes.
    pub fn or_default(chosen: Option<Format>) -> Format {
        chosen.unwrap_or(if io::stdout().is_terminal() { Format::Table } else { Format::Csv })
    }
}

/// Rows of named fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub fields: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    pub fn new(fields: &[&'static str]) -> Listing {
        Listing { fields: fields.to_vec(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.fields.len());
        self.rows.push(row);
    }

    /// Writes the listing; on a terminal, cleaned as the console cleans what it shows (`clean`).
    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        let mut out = super::clean::for_stdout(out, format == Format::Json);
        let out = &mut *out;
        match format {
            Format::Json => {
                let objects: Vec<Value> = self
                    .rows
                    .iter()
                    .map(|row| Value::Object(self.fields.iter().map(|f| f.to_string()).zip(row.iter().cloned()).collect::<Map<_, _>>()))
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &objects)?;
                writeln!(out)
            }
            Format::Csv => {
                // The writer's own error keeps the I/O error's kind (a closed pipe stays quiet).
                let io = |e: csv::Error| match e.into_kind() {
                    csv::ErrorKind::Io(e) => e,
                    other => io::Error::other(format!("{other:?}")),
                };
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&self.fields).map_err(io)?;
                for row in &self.rows {
                    w.write_record(row.iter().map(plain)).map_err(io)?;
                }
                w.flush()
            }
            Format::Table => {
                writeln!(out, "{}", self.for_people(None))?;
                writeln!(out, "({} rows)", self.rows.len())
            }
        }
    }
}

/// A column's borders and padding in a table.
const FRAME: usize = 3;

impl Listing {
    /// The listing for a person: a table when it fits `width` cells (default: the terminal's, if
    /// any), otherwise one record per block, field beside value, as psql's expanded display
    /// (`\x auto`) does, so a narrow terminal never splits a date or a Chinese name across lines.
    /// Widths are display widths: a Chinese character counts two cells.
    pub fn for_people(&self, width: Option<u16>) -> String {
        let width = width.or_else(|| io::stdout().is_terminal().then(|| crossterm::terminal::size().ok().map(|(w, _)| w)).flatten());
        let widths: Vec<usize> = (0..self.fields.len())
            .map(|i| self.rows.iter().map(|r| plain(&r[i]).width()).chain([self.fields[i].width()]).max().unwrap_or(0))
            .collect();
        let natural = 1 + widths.iter().map(|w| w + FRAME).sum::<usize>();
        match width {
            Some(w) if natural > usize::from(w) => self.expanded(),
            _ => {
                let mut table = Table::new();
                table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
                table.set_header(&self.fields);
                for row in &self.rows {
                    table.add_row(row.iter().map(plain));
                }
                table.to_string()
            }
        }
    }

    fn expanded(&self) -> String {
        let label = self.fields.iter().map(|f| f.width()).max().unwrap_or(0);
        let mut out = String::new();
        for (n, row) in self.rows.iter().enumerate() {
            out.push_str(&format!("─[ {} ]{}\n", n + 1, "─".repeat(label.saturating_sub(4) + 8)));
            for (field, value) in self.fields.iter().zip(row) {
                out.push_str(&format!("{field:<label$} │ {}\n", plain(value)));
            }
        }
        out.pop();
        out
    }
}

/// A value as plain text: strings without quotes, null as nothing.
fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Listing {
        let mut l = Listing::new(&["id", "path", "level"]);
        l.push(vec![json!(1), json!("政务动态 / 部门动态"), json!(2)]);
        l.push(vec![json!(2), json!("走进象山, \"简介\""), Value::Null]);
        l
    }

    fn render(format: Format) -> String {
        let mut out = Vec::new();
        sample().write(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(render(Format::Csv), "id,path,level\n1,政务动态 / 部门动态,2\n2,\"走进象山, \"\"简介\"\"\",\n");
    }

    #[test]
    fn json_keeps_field_order_and_types() {
        let v: Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(v[0], json!({"id": 1, "path": "政务动态 / 部门动态", "level": 2}));
        assert_eq!(v[1]["level"], Value::Null);
        assert!(render(Format::Json).find("\"id\"").unwrap() < render(Format::Json).find("\"path\"").unwrap());
    }

    #[test]
    fn a_listing_too_wide_for_the_terminal_shows_one_record_per_block() {
        let mut l = Listing::new(&["id", "path", "due", "days_overdue"]);
        l.push(vec![
            json!(75),
            json!("政府信息公开 / 法定主动公开内容 / 重点领域信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息"),
            json!("2026-11-18"),
            json!(11),
        ]);
        let narrow = l.for_people(Some(80));
        assert_eq!(
            narrow,
            "─[ 1 ]────────────────\nid           │ 75\npath         │ 政府信息公开 / 法定主动公开内容 / 重点领域信息公开 / 重大建设项目批准和实施 / ⑥施工及质量安全监督信息\ndue          │ 2026-11-18\ndays_overdue │ 11"
        );
        let wide = l.for_people(Some(200));
        assert!(wide.lines().all(|line| line.width() <= 200), "{wide}");
        assert!(wide.contains("│ 75 ┆ 政府信息公开"), "a table: {wide}");
        assert_eq!(wide.lines().count(), 5, "{wide}");
    }

    #[test]
    fn table_counts_rows() {
        let t = render(Format::Table);
        assert!(t.contains("政务动态 / 部门动态"));
        assert!(t.ends_with("(2 rows)\n"));
    }
}
