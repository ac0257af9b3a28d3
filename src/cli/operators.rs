//! `operators`: who may do what on a site (Art. 14: each person under their own identity).

use clap::Subcommand;
use serde_json::json;

use super::outcome::Outcome;
use super::output::{Format, Listing};
use super::{Cli, Failure, site, store_with};
use crate::domain::Role;
use crate::store::OperatorChange;
use crate::store::Store;
use crate::t;
use crate::usecase::{operators, sites};

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum OperatorsCommand {
    /// Register a person (their PostgreSQL login, or their user name on this machine) with a role
    Add {
        name: String,
        /// admin, reviewer or viewer of this site, or supervisor (reads every site, changes nothing; needs no --site)
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// Change an operator's role (an operator who was disabled becomes active again)
    Role {
        name: String,
        /// admin, reviewer or viewer of this site, or supervisor (reads every site, changes nothing; needs no --site)
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Take away every right of an operator (of a supervisor: needs no --site); their history stays
    Disable { name: String },
}

pub async fn run(cli: &Cli, command: Option<&OperatorsCommand>) -> Result<(), Failure> {
    let store = store_with(cli, false).await?;
    let chosen = site(cli)?;
    if let Some(command) = command {
        if let Some(code) = &chosen {
            sites::find(store.as_ref(), code).await?;
        }
        // A supervisor's role is for every site: made or disabled whatever site is chosen, or none.
        let everywhere = match command {
            OperatorsCommand::Add { role: Role::Supervisor, .. }
            | OperatorsCommand::Role { role: Role::Supervisor, .. } => true,
            OperatorsCommand::Disable { name } => {
                chosen.is_none()
                    && sites::list(store.as_ref()).await?.len() > 1
                    && operators::supervisor(store.as_ref(), name).await?.is_some()
            }
            OperatorsCommand::Add { .. } | OperatorsCommand::Role { .. } => false,
        };
        if everywhere {
            return supervisor(cli, store.as_ref(), command).await;
        }
    }
    let site = sites::open(store.as_ref(), chosen.as_deref()).await?;
    let Some(command) = command else {
        let mut listing = Listing::new(&["name", "role", "active"])
            .code("role", super::codes::Code::Role)
            .code("active", super::codes::Code::YesNo);
        for o in operators::list(store.as_ref(), &site).await? {
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
    let changed = operators::set(store.as_ref(), &site, name, change).await?;
    said(cli, name, change, changed, operators::one(store.as_ref(), &site, name).await?)
}

/// Makes a name a supervisor of every site, or disables one: no site is needed.
async fn supervisor(cli: &Cli, store: &dyn Store, command: &OperatorsCommand) -> Result<(), Failure> {
    let (name, change) = match command {
        OperatorsCommand::Add { name, role } => (name, OperatorChange::Add(*role)),
        OperatorsCommand::Role { name, role } => (name, OperatorChange::SetRole(*role)),
        OperatorsCommand::Disable { name } => (name, OperatorChange::Disable),
    };
    let changed = operators::set_supervisor(store, name, change).await?;
    said(cli, name, change, changed, operators::supervisor(store, name).await?)
}

/// What a change to an operator says: a line for a person, and the operator as the change left
/// them, read back (what a script sees is what the database holds).
fn said(
    cli: &Cli,
    name: &str,
    change: OperatorChange,
    changed: bool,
    now: Option<crate::store::OperatorRow>,
) -> Result<(), Failure> {
    let said = match (change, changed) {
        (_, false) => t!("operator-unchanged", name = name),
        (OperatorChange::Add(role), true) => t!("operator-added", name = name, role = role.to_string()),
        (OperatorChange::SetRole(role), true) => t!("operator-role", name = name, role = role.to_string()),
        (OperatorChange::Disable, true) => t!("operator-disabled", name = name),
    };
    let (role, active) = (now.as_ref().map(|o| o.role.as_str()), now.as_ref().map(|o| o.active));
    let summary = t!(
        "operator-summary",
        name = name,
        role = role.unwrap_or_default(),
        active = if active == Some(true) { "yes" } else { "no" }
    );
    Outcome::new("operator.set", false)
        .changed(changed)
        .field("name", name)
        .field("role", role)
        .field("active", active)
        .summary(summary)
        .with_line(said)
        .print(cli.format)
}
