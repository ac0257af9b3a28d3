//! `import` and `export`: items as JSON Lines.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use super::{Cli, Failure, session};
use crate::domain::item_record::ItemRecord;
use crate::domain::time::{beijing_midnight, format_time};
use crate::store::{ExportedItem, Record, StoreError};

/// Items exported per page (keyset paging by id).
const PAGE: i64 = 2_000;

pub async fn import(cli: &Cli, file: &Path) -> Result<(), Failure> {
    let name = file.display().to_string();
    let reader: Box<dyn Read> = if name == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?)
    };
    let s = session(cli).await?;
    let operator = s.store.operator().to_string();
    let mut items = Vec::new();
    let mut lines = Vec::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| Failure::usage(format!("{name}:{n}: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let item = ItemRecord::from_json(&line)
            .and_then(|r| r.into_new_item(&operator))
            .map_err(|e| Failure::usage(format!("{name}:{n}: {e}; nothing was imported")))?;
        items.push(Record::Item(Box::new(item)));
        lines.push(n);
    }
    if items.is_empty() {
        return Err(Failure::usage(format!("{name}: no items; nothing was imported")));
    }
    let count = items.len();
    let detail = serde_json::json!({ "file": name, "items": count }).to_string();
    let written = s.store.insert(&s.site, "import", &detail, &mut items.into_iter(), &|_| {}).await.map_err(|e| match e {
        StoreError::BadItem { index, message } => Failure::usage(format!("{name}:{}: {message}; nothing was imported", lines[index])),
        other => other.into(),
    })?;
    println!("imported {written} items from {name} into site {}", s.site.code);
    Ok(())
}

/// An exported item in the import shape, with `id`, `status` and `stage`.
pub fn record(item: ExportedItem, utc: bool) -> ItemRecord {
    let forms: BTreeMap<String, crate::domain::Form> = item.placements.iter().filter(|(_, f)| *f != item.form).cloned().collect();
    ItemRecord {
        id: Some(item.id),
        reference: item.reference,
        url: item.url,
        title: item.title,
        body: item.body,
        form: item.form,
        path: item.path,
        unit: item.unit.unwrap_or_default(),
        columns: item.placements.into_iter().map(|(p, _)| p).collect(),
        submitted_at: format_time(item.submitted_at, utc),
        wechat_at: item.wechat_at.map(|t| format_time(t, utc)),
        published_at: item.published_at.map(|t| format_time(t, utc)),
        withdrawn_at: item.withdrawn.map(|(t, _)| format_time(t, utc)),
        withdraw_reason: item.withdrawn.map(|(_, r)| r),
        channel: Some(item.channel),
        forms: (!forms.is_empty()).then_some(forms),
        attachments: (!item.attachments.is_empty())
            .then(|| item.attachments.iter().map(|(k, name)| (k.as_str().to_string(), name.clone())).collect()),
        status: Some(item.status),
        stage: Some(item.stage),
    }
}

pub async fn export(cli: &Cli, since: Option<chrono::NaiveDate>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let since = since.map(beijing_midnight);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(super::clean::for_stdout(stdout.lock(), true));
    let mut after = 0;
    loop {
        let page = s.store.export_page(&s.site, after, since, PAGE).await?;
        let Some(last) = page.last().map(|i| i.id) else { break };
        for item in page {
            serde_json::to_writer(&mut out, &record(item, cli.utc)).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        after = last;
    }
    out.flush()?;
    Ok(())
}
