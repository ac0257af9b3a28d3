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
pub mod document;
pub mod findings;
pub mod links;
pub mod queue;
pub mod rectification;
pub mod remind;
pub mod search;
pub mod settings;
pub mod sites;
pub mod withdrawal;

pub use crate::store::{Result, Site, Store, StoreError};
