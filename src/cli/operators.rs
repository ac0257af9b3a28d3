//! `operators`: who may do what on a site (Art. 14: each person under their own identity).

use clap::Subcommand;
use serde_json::json;

use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, session};
use crate::domain::Role;
use crate::store::OperatorChange;
use crate::t;
use crate::usecase::operators;

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum OperatorsCommand {
    /// Register a person (their PostgreSQL login, or their user name on this machine) with a role
    Add {
        name: String,
        /// admin, reviewer or viewer of this site, or supervisor (reads every site, changes nothing)
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// Change an operator's role (an operator who was disabled becomes active again)
    Role {
        name: String,
        /// admin, reviewer or viewer of this site, or supervisor (reads every site, changes nothing)
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Take away every right of an operator; their history stays
    Disable { name: String },
}

pub async fn run(cli: &Cli, command: Option<&OperatorsCommand>) -> Result<(), Failure> {
    let s = session(cli).await?;
    let Some(command) = command else {
        let mut listing = Listing::new(&["name", "role", "active"])
            .code("role", super::codes::Code::Role)
            .code("active", super::codes::Code::YesNo);
        for o in operators::list(s.store.as_ref(), &s.site).await? {
            listing.push(vec![json!(o.name), json!(o.role.as_str()), json!(o.active)]);
        }
        listing.write(Format::or_default(cli.format), &mut std::io::stdout().lock())?;
        return Ok(());
    };
    let (name, change) = match command {
        OperatorsCommand::Add { name, role } => (name, OperatorChange::Add(*role)),
        OperatorsCommand::Role { name, role } => (name, OperatorChange::SetRole(*role)),
        OperatorsCommand::Disable { name } => (name, OperatorChange::Disable),
    };
    let changed = operators::set(s.store.as_ref(), &s.site, name, change).await?;
    let said = match (change, changed) {
        (_, false) => t!("operator-unchanged", name = name.as_str()),
        (OperatorChange::Add(role), true) => t!("operator-added", name = name.as_str(), role = role.to_string()),
        (OperatorChange::SetRole(role), true) => t!("operator-role", name = name.as_str(), role = role.to_string()),
        (OperatorChange::Disable, true) => t!("operator-disabled", name = name.as_str()),
    };
    // The operator as the change left them, read back: what a script sees is what the database holds.
    let now = operators::one(s.store.as_ref(), &s.site, name).await?;
    let (role, active) = (now.as_ref().map(|o| o.role.as_str()), now.as_ref().map(|o| o.active));
    let summary = t!(
        "operator-summary",
        name = name.as_str(),
        role = role.unwrap_or_default(),
        active = if active == Some(true) { "yes" } else { "no" }
    );
    Outcome::new("operator.set", false)
        .changed(changed)
        .field("name", name.as_str())
        .field("role", role)
        .field("active", active)
        .summary(summary)
        .with_line(said)
        .print(cli.format)
}
