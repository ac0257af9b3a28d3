//! portal-admin: a keyboard-driven console for the administrators of a government portal.
//!
//! `domain` holds the regulation as pure types and functions; `store` is the only place with SQL;
//! `demo` makes synthetic content; `places` says where files live; `cli` maps subcommands onto the domain and the store; `ui` is
//! the terminal console.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod links;
pub mod places;
pub mod reports;
pub mod store;
pub mod ui;
