//! `remind`: reminder sheets (提醒单) for responsible units, to standard output, a file or a folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Cli, Failure, session};
use crate::t;
use crate::usecase::document::Format;
use crate::usecase::remind;

/// What `remind` was asked.
#[derive(Debug)]
pub struct Asked<'a> {
    pub unit: Option<&'a str>,
    pub all: bool,
    pub within: Option<i64>,
    pub out: Option<&'a Path>,
    pub dir: Option<&'a Path>,
    /// With `dir`: each sheet as .docx.
    pub docx: bool,
    pub force: bool,
}

/// `remind`: one unit's sheet, or every unit's; printed, or written to `--out` or into `--dir`.
pub async fn run(cli: &Cli, asked: &Asked<'_>) -> Result<(), Failure> {
    let within = match asked.within {
        None => remind::DEFAULT_WITHIN,
        Some(n) => u32::try_from(n)
            .ok()
            .filter(|n| (1..=60).contains(n))
            .ok_or_else(|| Failure::usage(t!("remind-bad-within", within = n)))?,
    };
    if asked.unit.is_none() && !asked.all {
        return Err(Failure::usage(t!("remind-needs-unit")));
    }
    if let Some(out) = asked.out {
        if asked.all {
            return Err(Failure::usage(t!("remind-all-needs-dir")));
        }
        if out.extension().is_none_or(|e| e != "md" && !e.eq_ignore_ascii_case("docx")) {
            return Err(Failure::usage(t!("remind-out-md", path = out.display().to_string())));
        }
    }
    if let Some(dir) = asked.dir
        && !dir.is_dir()
    {
        return Err(Failure::usage(t!("remind-no-dir", path = dir.display().to_string())));
    }
    let format = if asked.docx { Format::Docx } else { Format::Markdown };
    let s = session(cli).await?;
    let unit = super::units::unit_if_named(&s, asked.unit).await?;
    let sheets = remind::sheets(s.store.as_ref(), &s.site, unit.as_deref(), within).await?;
    // Where each goes, all checked before any is written: nothing is overwritten without --force.
    let targets: Vec<Option<PathBuf>> = sheets
        .iter()
        .map(|sheet| match (asked.out, asked.dir) {
            (Some(out), _) => Some(out.to_path_buf()),
            (None, Some(dir)) => Some(dir.join(remind::file_name(&sheet.unit, sheet.today, format))),
            (None, None) => None,
        })
        .collect();
    crate::usecase::document::refuse_taken(targets.iter().flatten().map(PathBuf::as_path), asked.force)?;
    for (sheet, target) in sheets.iter().zip(&targets) {
        match target {
            Some(path) => {
                remind::write(sheet, path, asked.force).await?;
                super::output::say(&t!(
                    "remind-written",
                    unit = sheet.unit.as_str(),
                    path = path.display().to_string()
                ));
            }
            None => {
                super::clean::for_stdout(std::io::stdout().lock(), false)
                    .write_all(format!("{}\n", remind::markdown(sheet)).as_bytes())?;
            }
        }
    }
    Ok(())
}
