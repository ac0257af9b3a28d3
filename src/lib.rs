//! portal-admin: a keyboard-driven console for the administrators of a government portal.
//!
//! `domain` holds the regulation as pure types and functions; `store` is the only place with SQL;
//! `reports` makes the regulation's reports from both; `usecase` is what an administrator does,
//! written once for both interfaces: `cli`, the command line, and `ui`, the terminal console;
//! `demo` makes synthetic content; `places` says where files live; `links` checks the live site.

pub mod cli;
pub mod demo;
pub mod docx;
pub mod domain;
pub mod i18n;
pub mod links;
pub mod places;
pub mod reports;
pub mod store;
pub mod ui;
pub mod usecase;
