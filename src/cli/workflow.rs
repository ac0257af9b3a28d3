//! `queue`, `show`, `review` and `publish`: the review workflow of Art. 8–10 from the command line.

use chrono::Utc;
use clap::Subcommand;
use serde_json::{Value, json};

use super::codes::Code;
use super::outcome::{Outcome, ids as ids_json};
use super::output::{Format, Listing};
use super::{Cli, Failure, session, session_with};
use crate::domain::review::{Checks, Decision};
use crate::domain::time::format_time;
use crate::domain::{ItemPath, Stage};
use crate::store::Transition;
use crate::t;
use crate::ui::words;
use crate::usecase::{audit, queue, withdrawal};

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Pass the item's current review step (all seven checks of Art. 9 must be affirmed)
    Approve {
        /// The item's id or ref
        item: String,
        /// The checks affirmed, by number: 1,2,3,4,5,6,7, a range such as 1-7, or all
        #[arg(long, value_parser = Checks::parse)]
        checks: Checks,
        #[arg(long, default_value = "")]
        comment: String,
        /// Refuse if the item is no longer at this version (as read by `queue` or `show`)
        #[arg(long)]
        version: Option<i64>,
    },
    /// Send the item back to its unit, naming the failed check(s)
    Reject {
        /// The item's id or ref
        item: String,
        /// The failed checks, by number: e.g. 1, 2,6 or 2-4
        #[arg(long, value_parser = Checks::parse)]
        failed: Checks,
        /// Why (required)
        #[arg(long)]
        reason: String,
        /// Refuse if the item is no longer at this version
        #[arg(long)]
        version: Option<i64>,
    },
    /// Send a unit's submission back for what it lacks of what Art. 10 asks, before any check
    Return {
        /// The item's id or ref
        item: String,
        /// Why (required): what to send with it
        #[arg(long)]
        reason: String,
        /// Refuse if the item is no longer at this version
        #[arg(long)]
        version: Option<i64>,
    },
}

fn said(t: Transition) -> String {
    t!(
        "item-transition",
        item = t.item,
        from = words::stage_name(t.from),
        to = words::stage_name(t.to),
        version = t.version
    )
}

pub async fn queue(cli: &Cli, path: Option<ItemPath>, stage: Option<Stage>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let now = Utc::now();
    let mut listing = Listing::new(&[
        "id",
        "path",
        "stage",
        "unit",
        "form",
        "title",
        "columns",
        "waiting_hours",
        "channel",
        "missing",
        "version",
    ])
    .shown_as("columns", super::output::paths_text)
    .read_as("columns", super::output::paths_words)
    .shown_as("missing", |v| {
        v.as_array().map(|m| m.iter().map(super::output::plain).collect::<Vec<_>>().join(",")).unwrap_or_default()
    })
    .code("path", Code::Path)
    .code("stage", Code::Stage)
    .code("form", Code::Form)
    .code("channel", Code::Channel)
    .code("missing", Code::Lacks);
    let ids = super::columns::ids(&s).await?;
    for q in queue::queue(s.store.as_ref(), &s.site, path, stage).await? {
        listing.push(vec![
            json!(q.id),
            json!(q.path.as_str()),
            json!(q.stage.as_str()),
            q.unit.clone().map_or(Value::Null, Value::from),
            json!(q.form.as_str()),
            json!(q.title),
            super::columns::placements(&ids, q.columns.iter().map(|c| (c.as_str(), q.form))),
            json!((now - q.waiting_since()).num_hours()),
            json!(q.channel.as_str()),
            json!(q.missing.iter().map(|k| k.as_str()).collect::<Vec<_>>()),
            json!(q.version),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum RetractionsCommand {
    /// Record a unit's request to withdraw an online item
    Request {
        /// The item's id or ref
        item: String,
        /// The requesting unit
        #[arg(long)]
        unit: String,
        /// outdated, improper, classified or error
        #[arg(long, value_parser = super::parse_reason)]
        reason: crate::domain::RetractionReason,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Decline a pending request, saying why
    Reject {
        /// The request's id
        id: i64,
        #[arg(long)]
        reason: String,
    },
}

pub async fn retractions_command(cli: &Cli, command: &RetractionsCommand) -> Result<(), Failure> {
    let s = session(cli).await?;
    match command {
        RetractionsCommand::Request { item, unit, reason, note } => {
            let unit = super::units::unit_named(&s, unit).await?;
            let id = queue::find(s.store.as_ref(), &s.site, item).await?;
            let request = withdrawal::request(s.store.as_ref(), &s.site, id, &unit, *reason, note).await?;
            let said =
                t!("request-recorded", request = request, unit = unit.as_str(), item = id, reason = reason.as_str());
            let outcome = Outcome::new("retraction.request", false)
                .changed(true)
                .field("request", request)
                .field("item", id)
                .field("unit", unit.as_str())
                .field("reason", reason.as_str())
                .field("note", note.as_str())
                .said(said);
            outcome.print(cli.format)
        }
        RetractionsCommand::Reject { id, reason } => {
            if reason.trim().is_empty() {
                return Err(Failure::usage(t!("decline-needs-reason")));
            }
            withdrawal::decline(s.store.as_ref(), &s.site, *id, reason).await?;
            let said = t!("request-declined", id = *id);
            let outcome = Outcome::new("retraction.decline", false)
                .changed(true)
                .field("request", *id)
                .field("status", crate::domain::item::RequestStatus::Rejected.as_str())
                .field("reason", reason.as_str())
                .said(said);
            outcome.print(cli.format)
        }
    }
}

/// A request's urgency in a word: `alarm` for a suspected secret waiting more than 15 minutes.
pub fn urgency_word(r: &crate::store::RetractionRequest, now: chrono::DateTime<Utc>) -> &'static str {
    use crate::domain::RetractionReason::*;
    let pending = r.status == crate::domain::item::RequestStatus::Pending;
    if pending && crate::domain::review::alarming(r.reason, (now - r.requested_at).num_minutes()) {
        return "alarm";
    }
    match r.reason {
        Classified => "highest",
        Improper => "high",
        Error => "normal",
        Outdated => "low",
    }
}

pub async fn retractions(cli: &Cli, status: Option<crate::domain::item::RequestStatus>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let now = Utc::now();
    let mut listing = Listing::new(&[
        "id",
        "item",
        "title",
        "unit",
        "reason",
        "urgency",
        "status",
        "requested_at",
        "handled_at",
        "handled_by",
        "resolution",
        "minutes_to_handle",
        "still_public",
    ])
    .code("reason", Code::Reason)
    .code("urgency", Code::Urgency)
    .code("status", Code::Request)
    .code("resolution", Code::Resolution)
    .code("still_public", Code::YesNo);
    for r in withdrawal::requests(s.store.as_ref(), &s.site, status).await? {
        listing.push(vec![
            json!(r.id),
            json!(r.item),
            json!(r.title),
            r.unit.clone().map_or(Value::Null, Value::from),
            json!(r.reason.as_str()),
            json!(urgency_word(&r, now)),
            json!(r.status.as_str()),
            json!(format_time(r.requested_at, cli.utc)),
            r.handled_at.map_or(Value::Null, |t| json!(format_time(t, cli.utc))),
            r.handled_by.clone().map_or(Value::Null, Value::from),
            r.resolution.map_or(Value::Null, |x| json!(x.as_str())),
            r.minutes_to_handle().map_or(Value::Null, Value::from),
            json!(r.still_public),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

/// "Everything older than DATE in this column", for a withdrawal or a mark.
#[derive(Debug, Clone, clap::Args)]
pub struct OlderInColumn {
    /// With --before: every item online in this column that went online there before that day
    #[arg(long, value_name = "ID", requires = "before")]
    pub column: Option<i64>,
    /// With --column: the day (Beijing time) before which
    #[arg(long, value_name = "DATE", value_parser = super::parse_date, requires = "column")]
    pub before: Option<chrono::NaiveDate>,
}

/// The items named, and those `older` selects, each once.
async fn chosen_items(s: &super::Session, keys: &[String], older: &OlderInColumn) -> Result<Vec<i64>, Failure> {
    Ok(withdrawal::choose(s.store.as_ref(), &s.site, keys, older.column.zip(older.before)).await?)
}

pub async fn retract(
    cli: &Cli,
    keys: &[String],
    older: &OlderInColumn,
    reason: crate::domain::RetractionReason,
    note: &str,
    dry_run: bool,
) -> Result<(), Failure> {
    let s = session_with(cli, dry_run).await?;
    let ids = chosen_items(&s, keys, older).await?;
    let outcome = Outcome::new("retract", dry_run).field("reason", reason.as_str());
    if ids.is_empty() {
        return none_older(outcome, older).print(cli.format);
    }
    // A bulk withdrawal of thousands takes a while: its progress on a terminal (`progress`).
    let bar = super::progress::bar(Some(ids.len() as u64), &t!("retract-progress"), cli.format);
    let shown = |done: u64| bar.set_position(done);
    let done = withdrawal::retract(s.store.as_ref(), &s.site, &ids, reason, note, &shown).await;
    bar.finish_and_clear();
    let done = done?;
    let mut outcome = outcome
        .changed(!done.withdrawn.is_empty())
        .field("withdrawn", ids_json(&done.withdrawn))
        .field("already", ids_json(&done.already))
        .field("requests_closed", done.requests_closed)
        // A rehearsal's batch was rolled back with it: there is none to restore.
        .field("batch", done.batch.filter(|_| !dry_run))
        .summary(t!(
            "retract-summary",
            withdrawn = done.withdrawn.len(),
            already = done.already.len(),
            requests = done.requests_closed
        ));
    for id in &done.withdrawn {
        outcome.line(t!("item-withdrawn", item = id, reason = reason.as_str()));
    }
    for id in &done.already {
        outcome.line(t!("item-already-withdrawn", item = id));
    }
    if done.requests_closed > 0 {
        outcome.line(t!("requests-closed", count = done.requests_closed));
    }
    if let Some(batch) = done.batch.filter(|_| done.withdrawn.len() > 1 && !dry_run) {
        outcome.line(t!("retract-batch", batch = batch));
    }
    outcome.print(cli.format)?;
    if !dry_run {
        super::links::after_withdrawal(&s, &done.withdrawn, cli.format).await;
    }
    Ok(())
}

/// Nothing online in the column before the day (a withdrawal or a mark done already): a no-op.
fn none_older(outcome: Outcome, older: &OlderInColumn) -> Outcome {
    let (column, day) = (older.column.unwrap_or_default(), older.before.map(|d| d.to_string()).unwrap_or_default());
    outcome.field("withdrawn", ids_json(&[])).summary(t!("none-older", column = column, day = day))
}

pub async fn mark(
    cli: &Cli,
    keys: &[String],
    older: &OlderInColumn,
    mark: &crate::store::NewMark,
    dry_run: bool,
) -> Result<(), Failure> {
    let s = session_with(cli, dry_run).await?;
    let ids = chosen_items(&s, keys, older).await?;
    let (kind, label) = (mark.kind.as_str(), mark.kind.label());
    let outcome = Outcome::new("mark", dry_run)
        .field("kind", kind)
        .field("effective_on", mark.effective_on.to_string())
        .field("replaced_by", mark.replaced_by.as_str());
    if ids.is_empty() {
        return none_older(outcome, older).print(cli.format);
    }
    let done = withdrawal::mark(s.store.as_ref(), &s.site, &ids, mark).await?;
    let mut outcome = outcome
        .changed(!done.marked.is_empty())
        .field("marked", ids_json(&done.marked))
        .field("already", ids_json(&done.already))
        .field("requests_closed", done.requests_closed)
        .summary(t!(
            "mark-summary",
            marked = done.marked.len(),
            kind = kind,
            already = done.already.len(),
            requests = done.requests_closed
        ));
    for id in &done.marked {
        outcome.line(t!(
            "item-marked",
            item = id,
            kind = kind.to_string(),
            label = label.to_string(),
            date = mark.effective_on.to_string()
        ));
    }
    for id in &done.already {
        outcome.line(t!("item-already-marked", item = id, kind = kind.to_string()));
    }
    if done.requests_closed > 0 {
        outcome.line(t!("requests-closed", count = done.requests_closed));
    }
    outcome.print(cli.format)
}

pub async fn audit(
    cli: &Cli,
    since: Option<chrono::NaiveDate>,
    item: Option<&str>,
    operator: Option<String>,
    action: Option<String>,
) -> Result<(), Failure> {
    let s = session(cli).await?;
    let item = match item {
        Some(key) => Some(crate::store::AuditAbout::Item(queue::find(s.store.as_ref(), &s.site, key).await?)),
        None => None,
    };
    let since = since.map(crate::domain::time::beijing_midnight);
    let filter = crate::store::AuditFilter { since, about: item, operator, action, ..Default::default() };
    let mut listing = Listing::new(&["id", "at", "operator", "action", "target", "detail"])
        .shown_as("target", super::output::target_text)
        .code("action", Code::Action)
        .code("target", Code::Target)
        .read_with("detail", "action", super::output::detail_words);
    for e in audit::all(s.store.as_ref(), &s.site, &filter).await? {
        listing.push(vec![
            json!(e.id),
            json!(format_time(e.at, cli.utc)),
            json!(e.operator),
            json!(e.action),
            super::output::target_json(&e.target),
            super::output::detail_json(&e.detail),
        ]);
    }
    listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
    Ok(())
}

pub async fn restore(cli: &Cli, key: &str, note: &str, dry_run: bool) -> Result<(), Failure> {
    let s = session_with(cli, dry_run).await?;
    let id = queue::find(s.store.as_ref(), &s.site, key).await?;
    let restored = withdrawal::restore(s.store.as_ref(), &s.site, id, note).await?;
    let mut outcome = Outcome::new("restore", dry_run)
        .changed(restored.is_some())
        .field("item", id)
        .field("restored", restored.is_some());
    match restored {
        Some(_) => {
            outcome.line(t!("item-restored", item = id));
            outcome = outcome.summary(t!("restore-summary", item = id));
        }
        None => {
            outcome.line(t!("item-not-withdrawn", item = id));
            outcome = outcome.summary(t!("restore-none", item = id));
        }
    }
    outcome.print(cli.format)
}

/// `restore --batch ID`: every item of one bulk withdrawal back online, in one transaction.
pub async fn restore_batch(cli: &Cli, batch: i64, note: &str, dry_run: bool) -> Result<(), Failure> {
    let s = session_with(cli, dry_run).await?;
    let done = withdrawal::restore_batch(s.store.as_ref(), &s.site, batch, note).await?;
    let mut outcome = Outcome::new("restore", dry_run)
        .changed(!done.restored.is_empty())
        .field("batch", batch)
        .field("restored", ids_json(&done.restored))
        .field("already", ids_json(&done.already))
        .summary(t!(
            "restore-batch-summary",
            batch = batch,
            restored = done.restored.len(),
            already = done.already.len()
        ));
    for id in &done.restored {
        outcome.line(t!("item-restored", item = id));
    }
    for id in &done.already {
        outcome.line(t!("item-restored-already", item = id));
    }
    outcome.print(cli.format)
}

pub async fn show(cli: &Cli, key: &str) -> Result<(), Failure> {
    let s = session(cli).await?;
    let id = queue::find(s.store.as_ref(), &s.site, key).await?;
    let (item, history) = queue::item(s.store.as_ref(), &s.site, id).await?;
    let ids = super::columns::ids(&s).await?;
    let f = &item.fields;
    let time = |t| format_time(t, cli.utc);
    let record = json!({
        "id": item.id,
        "ref": f.reference,
        "title": f.title,
        "form": f.form.as_str(),
        "path": f.path.as_str(),
        "unit": f.unit,
        "channel": f.channel.as_str(),
        "stage": f.stage.as_str(),
        "status": f.status.as_str(),
        "submitted_at": time(f.submitted_at),
        "published_at": f.published_at.map(time),
        "withdrawn": item.withdrawn.map(|(at, reason)| json!({"at": time(at), "reason": reason.as_str()})),
        "mark": item.mark.map(|m| m.as_str()),
        "columns": super::columns::placements(&ids, f.placements.iter().map(|(path, form)| (path.as_str(), *form))),
        "history": history
            .iter()
            .map(|h| {
                let event = crate::i18n::scoped(crate::i18n::Lang::En, || words::history(&h.event));
                json!({"at": time(h.at), "operator": h.operator, "event": event})
            })
            .collect::<Vec<_>>(),
        "body": f.body,
    });
    let json = Format::or_default(cli.format) == Format::Json;
    let mut out = super::clean::for_stdout(std::io::stdout().lock(), json);
    if json {
        use std::io::Write;
        writeln!(out, "{}", serde_json::to_string_pretty(&record).map_err(|e| Failure::failed(e.to_string()))?)?;
        return Ok(());
    }
    use std::io::Write;
    writeln!(out, "{}", f.title)?;
    let unit = f.unit.clone().unwrap_or_else(|| t!("show-repost"));
    // In words of the language, as the console's item page says them (JSON keeps the codes).
    let facts = t!(
        "show-facts",
        id = item.id,
        path = words::path_full(f.path),
        unit = unit,
        form = words::form(f.form),
        stage = words::stage_name(f.stage),
        status = words::item_status(f.status)
    );
    writeln!(out, "{facts}")?;
    if let Some(mark) = item.mark {
        writeln!(out, "{}", t!("show-marked", mark = words::marked(mark)))?;
    }
    if let Some(r) = &f.reference {
        writeln!(out, "{}", t!("show-ref", reference = r.as_str()))?;
    }
    writeln!(out, "\n{}", t!("show-columns"))?;
    for (path, form) in &f.placements {
        writeln!(out, "  {}", t!("code-placement", path = path.as_str(), form = words::form(*form)))?;
    }
    writeln!(out, "\n{}", t!("show-history"))?;
    for h in &history {
        writeln!(out, "  {}  {}  {}", time(h.at), h.operator, words::history(&h.event))?;
    }
    writeln!(out, "\n{}", f.body)?;
    Ok(())
}

/// A decision or a publication: the item's step before and after, and its new version.
fn transition(action: &str, dry_run: bool, t: Transition) -> Outcome {
    Outcome::new(action, dry_run)
        .changed(true)
        .field("item", t.item)
        .field("from", t.from.as_str())
        .field("to", t.to.as_str())
        .field("version", t.version)
        .said(said(t))
}

pub async fn review(cli: &Cli, command: &ReviewCommand) -> Result<(), Failure> {
    let s = session(cli).await?;
    let (key, version, decision, action) = match command {
        ReviewCommand::Approve { item, checks, comment, version } => {
            (item, version, Decision::Approve { checks: *checks, comment: comment.clone() }, "review.approve")
        }
        ReviewCommand::Reject { item, failed, reason, version } => {
            (item, version, Decision::Reject { failed: *failed, reason: reason.clone() }, "review.reject")
        }
        ReviewCommand::Return { item, reason, version } => {
            (item, version, Decision::Return { reason: reason.clone() }, "review.return")
        }
    };
    decision.validate().map_err(Failure::usage)?;
    let id = queue::find(s.store.as_ref(), &s.site, key).await?;
    // The gate, and the findings recorded with the decision: the console's path too.
    let t = queue::decide(s.store.as_ref(), &s.site, id, *version, &decision).await?;
    transition(action, false, t).print(cli.format)
}

pub async fn publish(
    cli: &Cli,
    key: &str,
    columns: &[i64],
    version: Option<i64>,
    dry_run: bool,
) -> Result<(), Failure> {
    let s = session_with(cli, dry_run).await?;
    let id = queue::find(s.store.as_ref(), &s.site, key).await?;
    let t = queue::publish(s.store.as_ref(), &s.site, id, version, columns).await?;
    transition("publish", dry_run, t).print(cli.format)
}
