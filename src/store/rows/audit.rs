//! The audit trail.

use chrono::{DateTime, Utc};

/// Which audit records to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only those made at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only those about this item (and the requests to withdraw it), or this rectification order.
    pub about: Option<AuditAbout>,
    /// Only those made by this operator.
    pub operator: Option<String>,
    /// Only this action, or the actions under it (`retraction` takes `retraction.request` and
    /// `retraction.decline`).
    pub action: Option<String>,
    /// Only those whose operator, action or target holds this text (Latin letters in either
    /// case), or a value of whose detail does (a string or a number of its JSON, never a field's
    /// name or the punctuation: what the Audit tab's summary of it shows; a detail that is no
    /// JSON object or list, as it is), or, a day typed (2026-11-28), made on that Beijing day, or
    /// whose action is one of `said`, target of a kind in `targets`, or detail holds one of
    /// `values`.
    pub text: Option<crate::domain::search::Needle>,
    /// With `text`, the actions whose words hold it as a person reads them (撤回, "withdraw":
    /// `retract`, `retraction.request` …), which `usecase::audit` fills in.
    pub said: Vec<String>,
    /// With `text`, the kinds of target whose words hold it (信息: `item`), which the Audit tab
    /// fills in (`ui::words::audit::said_in`).
    pub targets: Vec<String>,
    /// With `text`, the stable values a record's summary says in words whose words hold it, each
    /// with the field that holds it (过期: `reason` `outdated`), as the program writes them
    /// (`"reason":"outdated"`, or in a list: `"lacking":[…"signed_scan"…]`), which the Audit tab
    /// fills in (`ui::words::audit::said_in`).
    pub values: Vec<(String, String)>,
}

/// What an audit listing is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAbout {
    /// An item: its records (`item:N`) and those of the requests to withdraw it.
    Item(i64),
    /// A rectification order: its records (`rectification:N`), issued and closed.
    Order(i64),
}

impl AuditAbout {
    /// The target its own records carry.
    pub fn target(self) -> String {
        match self {
            AuditAbout::Item(id) => format!("item:{id}"),
            AuditAbout::Order(id) => format!("rectification:{id}"),
        }
    }

    /// The item whose requests' records are listed too (0, no item, for an order).
    pub fn requests_of(self) -> i64 {
        match self {
            AuditAbout::Item(id) => id,
            AuditAbout::Order(_) => 0,
        }
    }
}

/// A chain's newest record: its id and the hash it carries (none on a record of before the chain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub id: i64,
    pub hash: Option<String>,
}

/// One record of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub operator: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// One record of the audit trail as its hash chain covers it (domain::audit_chain), borrowed from
/// the row being read.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainRecord<'a> {
    pub id: i64,
    pub content: crate::domain::audit_chain::Content<'a>,
    /// The hash it carries (none: written without one, never by portal-admin).
    pub hash: Option<&'a str>,
}

/// What a chain's reader hands each record to: `false` stops the reading.
pub type ChainVisit<'v> = dyn FnMut(&ChainRecord<'_>) -> bool + Send + 'v;

/// Which chain: a site's records, or the records of no site (the calendar, schema upgrades).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    Site(i64),
    NoSite,
}

impl Chain {
    pub fn site(self) -> Option<i64> {
        match self {
            Chain::Site(id) => Some(id),
            Chain::NoSite => None,
        }
    }
}
