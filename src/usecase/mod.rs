//! The use cases: what an administrator does, written once, called by both interfaces (the
//! console in `ui/` and the command line in `cli/`). Each is a function of the store and the site
//! (and the regulation's rules in `domain/` and `reports/`), so that the console and the command
//! line compute the same facts the same way: the queue with what each item lacks, a unit's score
//! explained, the columns with their staleness, the bulletin written whole, a withdrawal with the
//! facts its confirmation shows. The interfaces format what comes back; they never name a store
//! method.

pub mod assessment;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod columns;
pub mod connection;
pub mod database;
pub mod document;
pub mod findings;
pub mod links;
pub mod operators;
pub mod queue;
pub mod rectification;
pub mod remind;
pub mod search;
pub mod settings;
pub mod sites;
pub mod transfer;
pub mod withdrawal;

pub use crate::store::{Result, Site, Store, StoreError};

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The methods of the store's traits (`pub trait …Store`), read from the source.
    fn store_methods(root: &Path) -> Vec<String> {
        let mut files = Vec::new();
        crate::i18n::tests::sources(&root.join("src/store"), &mut files);
        let mut names = Vec::new();
        for (_, text) in &files {
            for (at, _) in text.match_indices("\npub trait ") {
                let head = &text[at..];
                let body = head.split_once("\n}\n").map_or(head, |(body, _)| body);
                for line in body.lines() {
                    let line = line.trim_start().trim_start_matches("async ");
                    if let Some(name) = line.strip_prefix("fn ").and_then(|l| l.split(['(', '<']).next()) {
                        names.push(name.to_string());
                    }
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// The console and the command line reach the database through the use cases only, so that what
    /// both do is one function (docs/architecture.md): neither names a store method.
    #[test]
    fn the_interfaces_call_no_store_method() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let methods = store_methods(root);
        for expected in ["site", "queue", "insert", "operators", "chain_head", "rectifications", "link_results"] {
            assert!(methods.iter().any(|m| m == expected), "is the scan broken? {expected} not in {methods:?}");
        }
        let mut files = Vec::new();
        crate::i18n::tests::sources(&root.join("src/ui"), &mut files);
        crate::i18n::tests::sources(&root.join("src/cli"), &mut files);
        let mut calls = Vec::new();
        for (path, text) in &files {
            if path.components().any(|c| c.as_os_str() == "tests") || path.ends_with("tests.rs") {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or(text);
            for method in &methods {
                for call in [format!("store.{method}("), format!("store().{method}(")] {
                    if code.contains(&call) {
                        calls.push(format!("{}: {call}", path.strip_prefix(root).unwrap_or(path).display()));
                    }
                }
            }
        }
        assert!(
            calls.is_empty(),
            "store methods called by an interface, not through src/usecase:\n{}",
            calls.join("\n")
        );
    }
}
