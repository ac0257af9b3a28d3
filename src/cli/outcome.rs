//! What a write says, the same way for every write: a line for a person per thing it changed on
//! standard output (with `--format json`, one JSON object instead), and one summary line on
//! standard error. A dry run (`--dry-run`) ran the change whole and rolled it back: its lines say
//! so, and its summary ends "nothing changed". A write that found nothing to do exits 0 and its
//! summary ends "nothing changed" too.

use std::io::{IsTerminal, Write};

use serde_json::{Map, Value};

use super::Failure;
use super::output::{Format, tell};
use crate::t;

/// A write's result, built by its command and printed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    dry_run: bool,
    changed: bool,
    lines: Vec<String>,
    summary: String,
    fields: Map<String, Value>,
}

impl Outcome {
    /// The result of `action` (the audit trail's name for it: `retract`, `import` …).
    pub fn new(action: &str, dry_run: bool) -> Outcome {
        let mut fields = Map::new();
        fields.insert("action".into(), Value::from(action));
        fields.insert("dry_run".into(), Value::Bool(dry_run));
        fields.insert("changed".into(), Value::Bool(false));
        Outcome { dry_run, changed: false, lines: Vec::new(), summary: String::new(), fields }
    }

    /// Whether anything was (or, in a dry run, would be) changed.
    pub fn changed(mut self, changed: bool) -> Outcome {
        self.changed = changed;
        self.fields.insert("changed".into(), Value::Bool(changed));
        self
    }

    /// A field of the JSON result.
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> Outcome {
        self.fields.insert(name.into(), value.into());
        self
    }

    /// A line for a person.
    pub fn line(&mut self, text: String) {
        self.lines.push(text);
    }

    /// The summary line (without "nothing changed", which `print` adds where it is true).
    pub fn summary(mut self, text: String) -> Outcome {
        self.summary = text;
        self
    }

    /// A line for a person, in a chain.
    pub fn with_line(mut self, text: String) -> Outcome {
        self.lines.push(text);
        self
    }

    /// What a write of one thing says: its line for a person, and the same as the summary.
    pub fn said(mut self, text: String) -> Outcome {
        self.lines.push(text.clone());
        self.summary = text;
        self
    }

    /// The JSON result: `action`, `dry_run`, `changed` and the command's own fields.
    pub fn json(&self) -> Value {
        Value::Object(self.fields.clone())
    }

    /// The summary as standard error gets it.
    pub fn summary_line(&self) -> String {
        if self.dry_run {
            t!("summary-dry-run", summary = self.summary.as_str())
        } else if !self.changed {
            t!("summary-nothing-changed", summary = self.summary.as_str())
        } else {
            self.summary.clone()
        }
    }

    /// Prints the result: the lines (or the JSON object) on standard output, the summary on
    /// standard error; but a summary that repeats a line already printed to the same terminal is
    /// not said again (a write of one thing, `said`, read by a person at a terminal).
    pub fn print(&self, format: Option<Format>) -> Result<(), Failure> {
        let json = format == Some(Format::Json);
        if json {
            let mut out = super::clean::for_stdout(std::io::stdout().lock(), true);
            let text = serde_json::to_string_pretty(&self.json()).map_err(|e| Failure::failed(e.to_string()))?;
            writeln!(out, "{text}")?;
        } else {
            for line in &self.lines {
                let line = if self.dry_run { t!("dry-run-line", line = line.as_str()) } else { line.clone() };
                super::output::say(&line);
            }
        }
        let summary = self.summary_line();
        let one_terminal = std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
        if !self.repeats(&summary, json, one_terminal) {
            tell(&summary);
        }
        Ok(())
    }

    /// Whether `summary` only repeats one of the lines printed (not the JSON object) on standard
    /// output, when that is the same terminal as standard error.
    fn repeats(&self, summary: &str, json: bool, one_terminal: bool) -> bool {
        one_terminal && !json && !self.dry_run && self.lines.iter().any(|l| l == summary)
    }
}

/// Item ids as a JSON array.
pub fn ids(ids: &[i64]) -> Value {
    Value::Array(ids.iter().map(|&i| Value::from(i)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_json_result_names_the_action_and_whether_it_changed_anything() {
        let o = Outcome::new("retract", true).changed(true).field("withdrawn", ids(&[2406])).summary("s".into());
        assert_eq!(o.json(), json!({"action": "retract", "dry_run": true, "changed": true, "withdrawn": [2406]}));
    }

    #[test]
    fn a_dry_run_and_a_no_op_say_nothing_changed() {
        let said = |o: Outcome| {
            crate::i18n::scoped(crate::i18n::Lang::En, || o.summary("1 item withdrawn".into()).summary_line())
        };
        assert_eq!(said(Outcome::new("retract", false).changed(true)), "1 item withdrawn");
        assert!(said(Outcome::new("retract", true).changed(true)).ends_with("nothing changed"));
        assert!(said(Outcome::new("retract", false)).ends_with("nothing changed"));
    }

    #[test]
    fn a_summary_that_repeats_a_line_on_the_same_terminal_is_said_once() {
        let one = Outcome::new("site.add", false).changed(true).said("added site lc".into());
        assert!(one.repeats("added site lc", false, true), "the line already said it on the terminal");
        assert!(!one.repeats("added site lc", false, false), "output redirected: the summary is its own");
        assert!(!one.repeats("added site lc", true, true), "JSON printed no line");
        let many = Outcome::new("retract", false).changed(true).with_line("zd-1 withdrawn".into());
        assert!(!many.summary("2 items withdrawn".into()).repeats("2 items withdrawn", false, true));
        let rehearsed = Outcome::new("site.add", true).changed(true).said("added site lc".into());
        assert!(!rehearsed.repeats(&rehearsed.summary_line(), false, true));
    }
}
