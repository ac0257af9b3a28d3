//! Listings as a table (on a terminal), CSV or JSON, with the fields the contract names.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

use super::codes::Code;
use crate::domain::time::text_for_people;
use crate::t;

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

/// The field that says a row's deadline is provisional: `?` in a table, explained under it.
pub const PROVISIONAL: &str = "provisional";

/// What the `?` of a provisional deadline means, under a table that has one.
pub fn provisional_note() -> String {
    t!("provisional-note")
}

/// A field's header in a table, in the language in effect (CSV and JSON keep the field's name).
pub fn header(field: &str) -> String {
    crate::i18n::text(&format!("field-{field}"), None)
}

/// How a field's structured value reads as text.
pub type Shown = fn(&Value) -> String;

/// How a field's value reads to a person with another field's value of the same row beside it
/// (an audit record's detail by its action).
pub type ShownWith = fn(&Value, &Value) -> String;

/// Rows of named fields. A field's value is what JSON gets (a list is an array, a record an
/// object, an absent value null); a table and CSV get it as text, by the field's own way of
/// writing it (`shown_as`) or, without one, as plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub fields: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
    /// How each field's structured value reads in a table and in CSV.
    shown: Vec<Option<Shown>>,
    /// How a field's stable value reads to a person, in a table only (CSV keeps the stable text).
    read: Vec<Option<Shown>>,
    /// How a field's value reads to a person, in a table only, by another field's value (its index).
    read_with: Vec<Option<(usize, ShownWith)>>,
    /// The kind of stable value (`office_review`, `true` …) a field holds, said in words in a table.
    codes: Vec<Option<Code>>,
    /// Fields for scripts only (CSV and JSON), left out of a table: a code beside its words.
    scripts_only: Vec<bool>,
}

impl Listing {
    pub fn new(fields: &[&'static str]) -> Listing {
        Listing {
            fields: fields.to_vec(),
            rows: Vec::new(),
            shown: vec![None; fields.len()],
            read: vec![None; fields.len()],
            read_with: vec![None; fields.len()],
            codes: vec![None; fields.len()],
            scripts_only: vec![false; fields.len()],
        }
    }

    /// Leaves `field` out of a table, for scripts only (CSV and JSON): a code and its arguments
    /// beside the words a person reads in another field.
    pub fn scripts_only(mut self, field: &str) -> Listing {
        let i = self.fields.iter().position(|f| *f == field).expect("a field of the listing");
        self.scripts_only[i] = true;
        self
    }

    /// Says `field`'s stable values (`office_review`, `classified`, `true` …) in words of the
    /// language in effect in a table, while CSV and JSON keep them as they are.
    pub fn code(mut self, field: &str, code: Code) -> Listing {
        let i = self.fields.iter().position(|f| *f == field).expect("a field of the listing");
        self.codes[i] = Some(code);
        self
    }

    /// The kind of stable value each field holds, where it holds one (for the tests).
    pub fn codes(&self) -> impl Iterator<Item = (&'static str, Code)> + '_ {
        self.fields.iter().zip(&self.codes).filter_map(|(f, c)| c.map(|c| (*f, c)))
    }

    /// Writes `field`'s structured values as `text` says in a table, in words of the language in
    /// effect, while CSV and JSON keep the value's stable form (an item's columns with their forms).
    pub fn read_as(mut self, field: &str, text: Shown) -> Listing {
        let i = self.fields.iter().position(|f| *f == field).expect("a field of the listing");
        self.read[i] = Some(text);
        self
    }

    /// Writes `field`'s values as `text` says with field `beside`'s value of the same row, in a
    /// table only (CSV and JSON keep the value): an audit record's detail in words by its action.
    pub fn read_with(mut self, field: &str, beside: &str, text: ShownWith) -> Listing {
        let i = self.fields.iter().position(|f| *f == field).expect("a field of the listing");
        let with = self.fields.iter().position(|f| *f == beside).expect("a field of the listing");
        self.read_with[i] = Some((with, text));
        self
    }

    /// Writes `field`'s values as `text` says in a table and in CSV (JSON keeps the structure).
    pub fn shown_as(mut self, field: &str, text: Shown) -> Listing {
        let i = self.fields.iter().position(|f| *f == field).expect("a field of the listing");
        self.shown[i] = Some(text);
        self
    }

    /// Field `i`'s header in a table: by what its values are where one name means two things (an
    /// item's `path` is the way it is reviewed, 审核程序; a column's `path` is where it sits, 路径).
    fn header(&self, i: usize) -> String {
        match self.codes[i] {
            Some(Code::Path) => header("review_path"),
            _ => header(self.fields[i]),
        }
    }

    /// A value of field `i` as text, for CSV.
    fn text(&self, i: usize, v: &Value) -> String {
        match self.shown[i] {
            Some(text) => text(v),
            None => plain(v),
        }
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
                    .map(|row| {
                        Value::Object(
                            self.fields.iter().map(|f| f.to_string()).zip(row.iter().cloned()).collect::<Map<_, _>>(),
                        )
                    })
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
                    w.write_record(row.iter().enumerate().map(|(i, v)| self.text(i, v))).map_err(io)?;
                }
                w.flush()
            }
            Format::Table => {
                writeln!(out, "{}", self.for_people(None))?;
                if self.any_provisional() {
                    writeln!(out, "{}", provisional_note())?;
                }
                writeln!(out, "{}", t!("rows", count = self.rows.len()))
            }
        }
    }
}

impl Listing {
    fn any_provisional(&self) -> bool {
        let Some(i) = self.fields.iter().position(|f| *f == PROVISIONAL) else { return false };
        self.rows.iter().any(|r| r[i] == Value::Bool(true))
    }

    /// Field `field` of `row` as a person reads it: a provisional deadline as `?`, a firm one as
    /// nothing.
    fn cell(&self, row: &[Value], field: usize) -> String {
        let v = &row[field];
        if let Some((with, read)) = self.read_with[field] {
            return read(v, &row[with]);
        }
        match v {
            Value::Bool(b) if self.fields[field] == PROVISIONAL => if *b { "?" } else { "" }.to_string(),
            other => match (self.codes[field], self.read[field]) {
                (Some(code), _) => code.read(other),
                (None, Some(read)) => read(other),
                (None, None) => match (other, self.shown[field]) {
                    (Value::Array(values), None) => people_list(values.iter().map(plain)),
                    // A time as a person reads it; CSV and JSON keep RFC 3339 for scripts.
                    (Value::String(s), None) if let Some(at) = text_for_people(s, chrono::Utc::now()) => at,
                    _ => self.text(field, other),
                },
            },
        }
    }
}

impl Listing {
    /// The listing for a person: a table, narrowed to `width` cells (default: the terminal's, if
    /// any) with its cells wrapped (`table`); only where no table of that width can show every
    /// field, one record per block, field beside value, as psql's expanded display (`\x auto`).
    /// Widths are display widths: a Chinese character counts two cells.
    pub fn for_people(&self, width: Option<u16>) -> String {
        let width = width
            .or_else(|| io::stdout().is_terminal().then(|| crossterm::terminal::size().ok().map(|(w, _)| w)).flatten());
        let keep = self.for_a_person();
        let headers: Vec<String> = keep.iter().map(|&i| self.header(i)).collect();
        let cells: Vec<Vec<String>> =
            self.rows.iter().map(|row| keep.iter().map(|&i| self.cell(row, i)).collect()).collect();
        // A column of numbers (counts, days, points) is right-aligned; an id column too.
        let numeric: Vec<bool> = keep
            .iter()
            .map(|&i| {
                self.rows.iter().all(|r| r[i].is_number() || r[i].is_null())
                    && self.rows.iter().any(|r| r[i].is_number())
            })
            .collect();
        super::table::render(&headers, &cells, &numeric, width.map(usize::from)).unwrap_or_else(|| self.expanded())
    }

    /// The fields a person reads (those not for scripts only), by index.
    fn for_a_person(&self) -> Vec<usize> {
        (0..self.fields.len()).filter(|i| !self.scripts_only[*i]).collect()
    }

    fn expanded(&self) -> String {
        let keep = self.for_a_person();
        let headers: Vec<(usize, String)> = keep.iter().map(|&i| (i, self.header(i))).collect();
        let label = headers.iter().map(|(_, f)| f.width()).max().unwrap_or(0);
        let mut out = String::new();
        for (n, row) in self.rows.iter().enumerate() {
            out.push_str(&format!("─[ {} ]{}\n", n + 1, "─".repeat(label.saturating_sub(4) + 8)));
            for (i, field) in &headers {
                let pad = " ".repeat(label - field.width());
                out.push_str(&format!("{field}{pad} │ {}\n", self.cell(row, *i)));
            }
        }
        out.pop();
        out
    }
}

/// A value as plain text: strings without quotes, null as nothing, a list's values joined by
/// "; ", a record as compact JSON.
pub fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(values) => values.iter().map(plain).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// Values as a person reads a list in a table cell: joined by the language's separator (`; `,
/// in Chinese `；`), where CSV keeps "; ".
pub fn people_list(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join(&t!("code-list"))
}

/// Columns (`[{"id", "path", "form"}]`) as text: each path, with its form, joined by "; ".
pub fn placements_text(v: &Value) -> String {
    placements(v, |path, form| format!("{path} ({form})")).join("; ")
}

/// Columns (`[{"id", "path", "form"}]`) as a person reads them in a table: each path with its
/// form in words of the language in effect.
pub fn placements_words(v: &Value) -> String {
    people_list(
        placements(v, |path, form| t!("code-placement", path = path, form = Code::Form.read(&Value::from(form))))
            .into_iter(),
    )
}

/// Columns, each path with its form as `with_form` writes them.
fn placements(v: &Value, with_form: impl Fn(String, &str) -> String) -> Vec<String> {
    let one = |c: &Value| {
        let path = plain(&c["path"]);
        match c["form"].as_str() {
            Some(form) => with_form(path, form),
            None => path,
        }
    };
    v.as_array().map(|cs| cs.iter().map(one).collect()).unwrap_or_default()
}

/// Columns (`[{"id", "path", …}]`) as text: their paths joined by "; ".
pub fn paths_text(v: &Value) -> String {
    paths(v).join("; ")
}

/// Columns' paths as a person reads them in a table (`people_list`).
pub fn paths_words(v: &Value) -> String {
    people_list(paths(v).into_iter())
}

fn paths(v: &Value) -> Vec<String> {
    v.as_array().map(|cs| cs.iter().map(|c| plain(&c["path"])).collect()).unwrap_or_default()
}

/// An audit record's target as JSON: `item:2406` is `{"kind": "item", "id": 2406}` (the id a
/// number where it is one), `schema` is `{"kind": "schema", "id": null}`.
pub fn target_json(target: &str) -> Value {
    match target.split_once(':') {
        Some((kind, id)) => {
            let id = id.parse::<i64>().map_or_else(|_| Value::from(id), Value::from);
            serde_json::json!({"kind": kind, "id": id})
        }
        None => serde_json::json!({"kind": target, "id": null}),
    }
}

/// A target object as the audit trail writes it: `item:2406`.
pub fn target_text(v: &Value) -> String {
    let kind = plain(&v["kind"]);
    match &v["id"] {
        Value::Null => kind,
        id => format!("{kind}:{}", plain(id)),
    }
}

/// An audit record's detail as JSON: the object it was written as (text that is not JSON stays
/// a string).
pub fn detail_json(detail: &str) -> Value {
    if detail.is_empty() {
        return Value::Null;
    }
    serde_json::from_str(detail).unwrap_or_else(|_| Value::from(detail))
}

/// An audit record's detail (`detail_json`) as a person reads it, by the record's action: the
/// Audit tab's summary of it (`ui::words::audit`), in the language in effect.
pub fn detail_words(detail: &Value, action: &Value) -> String {
    crate::ui::words::audit::summary_of(action.as_str().unwrap_or_default(), detail)
}

/// The widest a message to a person is wrapped: wider lines are hard to read.
pub const MESSAGE_WIDTH: usize = 80;

/// The width messages to `stream` wrap at: the terminal's, at most `MESSAGE_WIDTH` cells; None
/// when it is not a terminal (scripts, pipes and logs get each message on one line).
pub fn terminal_width(stream: &impl IsTerminal) -> Option<usize> {
    stream.is_terminal().then(|| match crossterm::terminal::size() {
        Ok((w, _)) if w > 0 => usize::from(w).min(MESSAGE_WIDTH),
        _ => MESSAGE_WIDTH,
    })
}

/// A message for a person, wrapped to `width` at word boundaries by the program's one wrapping
/// rule (`ui::text::rows`: a long path breaks after a `/`, Chinese between characters but never
/// before its closing punctuation); the rows that continue a line are indented two spaces.
/// Without a width, as it is.
pub fn message(text: &str, width: Option<usize>) -> String {
    match width {
        None => text.to_string(),
        Some(width) => text.lines().flat_map(|l| crate::ui::text::wrap(l, width, 2)).collect::<Vec<_>>().join("\n"),
    }
}

/// Prints a message for a person on standard output (wrapped on a terminal).
pub fn say(text: &str) {
    let out = io::stdout();
    let text = if out.is_terminal() { super::clean::text(text) } else { text.to_string() };
    println!("{}", message(&text, terminal_width(&out)));
}

/// Prints a message for a person on standard error (wrapped on a terminal): errors, warnings,
/// progress.
pub fn tell(text: &str) {
    eprintln!("{}", message(&super::clean::for_stderr(text), terminal_width(&io::stderr())));
}

/// One JSON value on standard output, pretty-printed (a write's or a verdict's result).
pub fn print_json(value: &Value) -> Result<(), super::Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| super::Failure::failed(e.to_string()))?;
    let mut out = super::clean::for_stdout(io::stdout().lock(), true);
    writeln!(out, "{text}")?;
    Ok(())
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

    /// A time in a table is read as a person reads it (Beijing time to the minute, the year
    /// when another); CSV and JSON keep RFC 3339, the scripting contract.
    #[test]
    fn a_table_shows_times_as_people_read_them_and_scripts_get_rfc_3339() {
        let mut l = Listing::new(&["id", "submitted_at"]);
        l.push(vec![json!(1), json!("2019-12-04T09:30:00+08:00")]);
        let write = |format| {
            let mut out = Vec::new();
            l.write(format, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let table = write(Format::Table);
        assert!(table.contains("2019-12-04 09:30") && !table.contains("T09:30"), "{table}");
        assert!(write(Format::Csv).contains("2019-12-04T09:30:00+08:00"));
        assert!(write(Format::Json).contains("\"2019-12-04T09:30:00+08:00\""));
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

    /// Ten overdue columns and their units' items, as `stale --overdue` and `queue` list them.
    fn overdue() -> Listing {
        let mut l = Listing::new(&["id", "path", "title", "due", "days_overdue", "departments"]);
        for n in 0..10 {
            l.push(vec![
                json!(75 + n),
                json!(
                    "政府信息公开 / 法定主动公开内容 / 重点领域信息公开 / 重大建设项目批准和实施 / \
                    ⑥施工及质量安全监督信息"
                ),
                json!(format!("关于象山区2026年第{n}季度重大建设项目施工许可及质量安全监督情况的公示")),
                json!("2026-11-18"),
                json!(n * 100),
                json!("住房城乡建设局"),
            ]);
        }
        l
    }

    #[test]
    fn a_listing_too_wide_for_the_terminal_stays_a_table_its_cells_wrapped() {
        let l = overdue();
        for width in [80, 160] {
            let shown = l.for_people(Some(width));
            assert!(shown.lines().all(|line| line.width() <= usize::from(width)), "{shown}");
            assert!(!shown.contains("─[ 1 ]"), "no record blocks: {shown}");
            // Short fields whole on their row; numbers right-aligned in their column.
            let first = shown.lines().find(|l| l.starts_with("│ 75 ")).unwrap();
            assert!(first.starts_with("│ 75 ┆") && first.contains("┆ 2026-11-18 ┆"), "{first}");
            let days = shown.lines().find_map(|l| l.split('┆').find(|c| c.trim() == "900")).unwrap();
            assert!(days.starts_with("  ") && days.ends_with("900 "), "right-aligned: {days:?}");
            // A title wraps between its characters and reads down its column, cut with … when long.
            let title: String = shown
                .lines()
                .skip_while(|l| !l.starts_with("│ 75 "))
                .take_while(|l| !l.starts_with('├') && !l.starts_with('└'))
                .map(|l| l.split('┆').nth(2).unwrap().trim())
                .collect();
            let whole = "关于象山区2026年第0季度重大建设项目施工许可及质量安全监督情况的公示";
            assert!(
                title == whole || title.strip_suffix('…').is_some_and(|t| whole.starts_with(t) && t.len() > 20),
                "{width}: {title}\n{shown}"
            );
            assert!(shown.lines().count() <= 5 + 10 * 5, "{} lines for ten rows:\n{shown}", shown.lines().count());
        }
    }

    #[test]
    fn only_a_terminal_too_narrow_for_every_field_gets_one_record_per_block() {
        let narrow = overdue().for_people(Some(40));
        assert!(narrow.starts_with("─[ 1 ]"), "{narrow}");
        assert!(narrow.contains("\ndays_overdue │ 900\n") || narrow.contains("│ 900"), "{narrow}");
    }

    #[test]
    fn a_provisional_deadline_is_a_question_mark_explained_under_the_table() {
        let mut l = Listing::new(&["id", "due", PROVISIONAL]);
        l.push(vec![json!(1), json!("2027-01-04"), json!(true)]);
        l.push(vec![json!(2), json!("2026-12-21"), json!(false)]);
        let mut out = Vec::new();
        l.write(Format::Table, &mut out).unwrap();
        let t = String::from_utf8(out).unwrap();
        assert!(t.contains("2027-01-04 ┆ ?"), "{t}");
        assert!(!t.contains("true") && !t.contains("false"), "{t}");
        assert!(t.contains(&provisional_note()), "{t}");
        let mut csv = Vec::new();
        l.write(Format::Csv, &mut csv).unwrap();
        assert_eq!(String::from_utf8(csv).unwrap(), "id,due,provisional\n1,2027-01-04,true\n2,2026-12-21,false\n");
        l.rows.remove(0);
        let mut out = Vec::new();
        l.write(Format::Table, &mut out).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains(&provisional_note()), "no footnote without a ?");
    }

    #[test]
    fn a_list_in_a_cell_is_joined_as_the_language_joins_and_a_review_path_is_headed_as_one() {
        let mut l = Listing::new(&["id", "path", "departments"]).code("path", Code::Path);
        l.push(vec![json!(1), json!("government"), json!(["民政局", "统计局"])]);
        let zh = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || l.for_people(None));
        assert!(zh.contains("民政局；统计局") && zh.contains("审核程序"), "{zh}");
        let en = l.for_people(None);
        assert!(en.contains("民政局; 统计局") && en.contains("review path"), "{en}");
        let mut csv = Vec::new();
        crate::i18n::scoped(crate::i18n::Lang::ZhCn, || l.write(Format::Csv, &mut csv)).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains(",path,") && csv.contains(",government,民政局; 统计局"), "{csv}");
    }

    #[test]
    fn table_counts_rows() {
        let t = render(Format::Table);
        assert!(t.contains("政务动态 / 部门动态"));
        assert!(t.ends_with("(2 rows)\n"));
    }
    #[test]
    fn a_message_wraps_only_for_a_terminal_and_a_path_breaks_after_a_slash() {
        let home = "/home/xiangshan-district-portal/administrators/zhang.wei.lin";
        let text = format!("portal-admin: cannot read {home}/.config/portal-admin/keymap.toml: permission denied");
        assert_eq!(message(&text, None), text, "one line for scripts");
        let shown = message(&text, Some(80));
        let rows: Vec<&str> = shown.lines().collect();
        assert_eq!(
            rows,
            [
                "portal-admin: cannot read /home/xiangshan-district-portal/administrators/",
                "  zhang.wei.lin/.config/portal-admin/keymap.toml: permission denied",
            ]
        );
    }

    #[test]
    fn a_chinese_message_breaks_between_characters_but_not_before_its_punctuation() {
        let text = "portal-admin: \
            无法读取文件/home/xiangshan-district-portal/keymap.toml：权限不足，请联系区政府办公室管理员。";
        assert_eq!(
            message(text, Some(40)),
            "portal-admin: 无法读取文件/home/\n  xiangshan-district-portal/\n  \
                keymap.toml：权限不足，请联系区政府办\n  公室管理员。",
            "：and 。 stay with the character before them"
        );
    }
}
