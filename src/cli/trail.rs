//! `audit verify`: the audit trail's hash chain walked, and a published head checked.

use std::io::IsTerminal;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use serde_json::{Value, json};

use super::output::{Format, print_json};
use super::{Cli, Failure, session};
use crate::t;
use crate::usecase::audit::{self, Verdict};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the audit trail's hash chain: name the first record that does not fit (exit 1)
    Verify {
        /// A head published earlier (a bulletin's or a backup summary's hash): the trail must have only grown since
        #[arg(long, value_name = "HASH", value_parser = parse_hash)]
        against: Option<String>,
    },
}

fn parse_hash(s: &str) -> Result<String, String> {
    if crate::domain::audit_chain::is_hash(s) { Ok(s.to_ascii_lowercase()) } else { Err(t!("not-a-hash", value = s)) }
}

pub async fn run(cli: &Cli, command: &AuditCommand) -> Result<(), Failure> {
    let AuditCommand::Verify { against } = command;
    let s = session(cli).await?;
    let bar = ProgressBar::new(0);
    if std::io::stderr().is_terminal() {
        bar.set_style(
            ProgressStyle::with_template(&t!("audit-verify-progress"))
                .map_err(|e| Failure::failed(e.to_string()))?
                .progress_chars("=> "),
        );
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let mut progress = |done: u64, of: u64| {
        bar.set_length(of);
        bar.set_position(done);
    };
    let verdict = audit::verify(s.store.as_ref(), &s.site, against.as_deref(), &mut progress).await;
    bar.finish_and_clear();
    let verdict = verdict?;
    if cli.format == Some(Format::Json) {
        print_json(&verdict_json(&verdict, against.as_deref()))?;
    }
    let json = cli.format == Some(Format::Json);
    match verdict {
        Verdict::Intact { .. } if json => Ok(()),
        Verdict::Intact { head, records } => {
            let (id, hash) = head.unwrap_or_default();
            println!("{}", t!("audit-verify-intact", records = records, id = id, hash = hash));
            if let Some(against) = against {
                println!("{}", t!("audit-verify-grown", hash = against.as_str()));
            }
            Ok(())
        }
        Verdict::Broken(broken) => Err(Failure::failed(t!(
            "audit-verify-broken",
            id = broken.id,
            found = if broken.found.is_empty() { t!("audit-verify-no-hash") } else { broken.found },
            expected = broken.expected
        ))),
        Verdict::NotInTrail { .. } => {
            Err(Failure::failed(t!("audit-verify-not-in-trail", hash = against.clone().unwrap_or_default())))
        }
    }
}

/// `audit verify --format json`: whether the trail is intact, how many records were walked, the
/// head (`null` for an empty trail), the hash checked against (`null` without `--against`), and
/// the first record that does not fit (`null` when none).
fn verdict_json(verdict: &Verdict, against: Option<&str>) -> Value {
    let head =
        |head: &Option<(i64, String)>| head.as_ref().map_or(Value::Null, |(id, hash)| json!({"id": id, "hash": hash}));
    let against = against.map_or(Value::Null, Value::from);
    match verdict {
        Verdict::Intact { head: h, records } => {
            json!({"intact": true, "records": records, "head": head(h), "against": against, "broken": null})
        }
        Verdict::NotInTrail { head: h, records } => {
            json!({"intact": false, "records": records, "head": head(h), "against": against, "broken": null})
        }
        Verdict::Broken(b) => {
            let found = if b.found.is_empty() { Value::Null } else { Value::from(b.found.as_str()) };
            json!({
                "intact": false,
                "records": null,
                "head": null,
                "against": against,
                "broken": {"id": b.id, "found": found, "expected": b.expected},
            })
        }
    }
}
