//! The regulation as pure types and functions: no SQL, no terminal.

pub mod accountability;
pub mod assessment;
pub mod audit_chain;
pub mod backup;
pub mod calendar;
pub mod checks;
pub mod column_table;
pub mod deadline;
pub mod document;
pub mod enums;
pub mod holiday_notice;
pub mod inspection;
pub mod item;
pub mod item_record;
pub mod links;
pub mod personal_numbers;
pub mod rectification;
pub mod review;
pub mod search;
pub mod search_key;
pub mod sites;
pub mod staleness;
pub mod time;

pub use enums::{
    AuditAction, AuditTarget, Channel, Closing, Form, IncidentKind, ItemPath, ItemStatus, MarkKind, Resolution,
    RetractionReason, Role, Stage, UnitKind,
};
