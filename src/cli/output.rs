//! Listings as a table (on a terminal), CSV or JSON, with the fields the contract names.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};

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

    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
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
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&self.fields)?;
                for row in &self.rows {
                    w.write_record(row.iter().map(plain))?;
                }
                w.flush()
            }
            Format::Table => {
                let mut table = Table::new();
                table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
                table.set_header(&self.fields);
                for row in &self.rows {
                    table.add_row(row.iter().map(plain));
                }
                writeln!(out, "{table}")?;
                writeln!(out, "({} rows)", self.rows.len())
            }
        }
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
    fn table_counts_rows() {
        let t = render(Format::Table);
        assert!(t.contains("政务动态 / 部门动态"));
        assert!(t.ends_with("(2 rows)\n"));
    }
}
