//! `import` and `export`: items as JSON Lines.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use super::outcome::Outcome;
use super::{Cli, Failure, session, session_with};
use crate::domain::item_record::ItemRecord;
use crate::domain::time::{beijing_midnight, format_time};
use crate::store::{ExportedItem, Record, StoreError};
use crate::t;
use crate::usecase::{connection, transfer};

/// Items exported per page (keyset paging by id).
const PAGE: i64 = 2_000;

/// The longest line `import` reads by default, in bytes: far more than any item, little enough that
/// a file of one enormous line is refused at its line instead of filling the memory.
pub const MAX_LINE: usize = 1 << 20;

/// A file to read whole: refused unless it is a regular file (a device such as /dev/zero, or a
/// FIFO nobody writes to, may never end).
pub fn regular_file(path: &Path) -> Result<std::fs::File, Failure> {
    let name = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::usage(t!("cannot-read", file = name.to_string(), error = crate::i18n::os_error(&e))))?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(_) => Err(Failure::usage(t!("import-not-a-file", file = name.to_string()))),
        Err(e) => Err(Failure::usage(t!("cannot-read", file = name.to_string(), error = crate::i18n::os_error(&e)))),
    }
}

/// The first text field of a JSON line that holds a NUL character, which PostgreSQL cannot store
/// (and SQLite would keep, cutting the text short for most readers): its name.
fn nul_field(value: &serde_json::Value, field: &str) -> Option<String> {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => Some(field.to_string()),
        serde_json::Value::Array(a) => a.iter().find_map(|v| nul_field(v, field)),
        serde_json::Value::Object(o) => {
            o.iter().find_map(|(k, v)| nul_field(v, if field.is_empty() { k } else { field }))
        }
        _ => None,
    }
}

pub async fn import(cli: &Cli, file: &Path, max_line: usize, dry_run: bool) -> Result<(), Failure> {
    let name = file.display().to_string();
    let reader: Box<dyn Read> = if name == "-" { Box::new(std::io::stdin()) } else { Box::new(regular_file(file)?) };
    let s = session_with(cli, dry_run).await?;
    let operator = connection::operator(s.store.as_ref());
    let mut items = Vec::new();
    let mut lines = Vec::new();
    let mut reader = BufReader::new(reader);
    let mut n = 0;
    loop {
        n += 1;
        let mut bytes = Vec::new();
        let read = (&mut reader).take(max_line as u64 + 1).read_until(b'\n', &mut bytes).map_err(|e| {
            Failure::usage(t!("import-line-error", file = name.as_str(), line = n, error = crate::i18n::os_error(&e)))
        })?;
        if read == 0 {
            break;
        }
        if bytes.len() > max_line && bytes.last() != Some(&b'\n') {
            return Err(Failure::usage(t!("import-line-too-long", file = name.as_str(), line = n, max = max_line)));
        }
        let line = String::from_utf8(bytes)
            .map_err(|_| Failure::usage(t!("import-not-utf8", file = name.as_str(), line = n)))?;
        if line.trim().is_empty() {
            continue;
        }
        if let Some(field) = serde_json::from_str::<serde_json::Value>(&line).ok().and_then(|v| nul_field(&v, "")) {
            return Err(Failure::usage(t!("import-nul", file = name.as_str(), line = n, field = field)));
        }
        let item = ItemRecord::from_json(&line).and_then(|r| r.into_new_item(&operator)).map_err(|e| {
            Failure::usage(t!("import-bad-line", file = name.as_str(), line = n, error = e.to_string()))
        })?;
        items.push(Record::Item(Box::new(item)));
        lines.push(n);
    }
    if items.is_empty() {
        return Err(Failure::usage(t!("import-no-items", file = name.as_str())));
    }
    let count = items.len();
    let detail = serde_json::json!({ "file": name, "items": count }).to_string();
    let bar = super::progress::bar(Some(count as u64), &t!("import-progress"), cli.format);
    let shown = |done: u64| bar.set_position(done);
    let written = transfer::import(s.store.as_ref(), &s.site, &detail, items, &shown).await;
    bar.finish_and_clear();
    let written = written.map_err(|e| match e {
        StoreError::BadItem { index, message } => {
            Failure::usage(t!("import-bad-line", file = name.as_str(), line = lines[index], error = message))
        }
        other => other.into(),
    })?;
    let mut outcome = Outcome::new("import", dry_run)
        .changed(written > 0)
        .field("file", name.as_str())
        .field("site", s.site.code.as_str())
        .field("items", written)
        .summary(t!("import-done", count = written, file = name.as_str(), site = s.site.code.as_str()));
    outcome.line(t!("import-done", count = written, file = name.as_str(), site = s.site.code.as_str()));
    outcome.print(cli.format)
}

/// An exported item in the import shape, with `id`, `status` and `stage`.
pub fn record(item: ExportedItem, utc: bool) -> ItemRecord {
    let f = item.fields;
    let forms: BTreeMap<String, crate::domain::Form> =
        f.placements.iter().filter(|(_, form)| *form != f.form).cloned().collect();
    ItemRecord {
        id: Some(item.id),
        reference: f.reference,
        url: f.url,
        title: f.title,
        body: f.body,
        form: f.form,
        path: f.path,
        unit: f.unit.unwrap_or_default(),
        columns: f.placements.into_iter().map(|(p, _)| p).collect(),
        submitted_at: format_time(f.submitted_at, utc),
        wechat_at: f.wechat_at.map(|t| format_time(t, utc)),
        published_at: f.published_at.map(|t| format_time(t, utc)),
        withdrawn_at: item.withdrawn.map(|(t, _)| format_time(t, utc)),
        withdraw_reason: item.withdrawn.map(|(_, r)| r),
        channel: Some(f.channel),
        forms: (!forms.is_empty()).then_some(forms),
        attachments: (!item.attachments.is_empty())
            .then(|| item.attachments.iter().map(|(k, name)| (k.as_str().to_string(), name.clone())).collect()),
        status: Some(f.status),
        stage: Some(f.stage),
    }
}

pub async fn export(cli: &Cli, since: Option<chrono::NaiveDate>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let since = since.map(beijing_midnight);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(super::clean::for_stdout(stdout.lock(), true));
    let bar = super::progress::bar(None, &t!("export-progress"), cli.format);
    let mut after = 0;
    loop {
        let page = transfer::export_page(s.store.as_ref(), &s.site, after, since, PAGE).await?;
        let Some(last) = page.last().map(|i| i.id) else { break };
        for item in page {
            serde_json::to_writer(&mut out, &record(item, cli.utc)).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            bar.inc(1);
        }
        after = last;
    }
    bar.finish_and_clear();
    out.flush()?;
    Ok(())
}
