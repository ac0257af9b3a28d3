//! The operators of a site and their roles.

use crate::domain::Role;

/// An operator of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    pub name: String,
    pub role: Role,
    pub active: bool,
}

/// A change to an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorChange {
    Add(Role),
    SetRole(Role),
    Disable,
}
