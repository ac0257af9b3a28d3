//! The status line's word on a PostgreSQL hot standby read from: how far behind its primary it
//! is ("replica, 2s behind"), asked every few seconds on a task of its own like every query, so
//! the screen never waits for it. A standby given no primary (`--db-primary`) takes no change: the
//! console is read only, saying why.

use super::{App, Effect, Load};
use crate::store::ReplicaState;
use crate::t;

/// Ticks (of 100 ms) between two questions of how far behind the standby is.
pub const REPLICA_TICKS: u64 = 30;

/// What the console knows of the standby it reads from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplicaWatch {
    /// The standby's state as last read; `None` until read.
    pub state: Option<ReplicaState>,
    /// The database is no standby (or SQLite): nothing more is asked.
    pub not_standby: bool,
    /// The question under way, if one is.
    asked: Option<u64>,
}

impl App {
    /// Watches the standby from now on (if the database is one): asks now, then every
    /// `REPLICA_TICKS`.
    pub fn watch_replica(&mut self) -> Vec<Effect> {
        self.replica = Some(ReplicaWatch::default());
        let mut effects = Vec::new();
        self.ask_replica(&mut effects);
        effects
    }

    /// Asks how far behind the standby is, if it is watched, a standby, and not being asked.
    pub(super) fn ask_replica(&mut self, effects: &mut Vec<Effect>) {
        if self.replica.as_ref().is_some_and(|w| w.asked.is_none() && !w.not_standby) {
            let id = self.request(Load::Replica, effects);
            if let Some(w) = &mut self.replica {
                w.asked = Some(id);
            }
        }
    }

    /// Time passes: ask again when due.
    pub(super) fn replica_tick(&mut self, effects: &mut Vec<Effect>) {
        if self.ticks.is_multiple_of(REPLICA_TICKS) {
            self.ask_replica(effects);
        }
    }

    pub(super) fn replica_loaded(&mut self, id: u64, result: Result<Option<ReplicaState>, String>) {
        let Some(w) = self.replica.as_mut().filter(|w| w.asked == Some(id)) else { return };
        w.asked = None;
        match result {
            Ok(None) => {
                w.not_standby = true;
                w.state = None;
            }
            Ok(Some(state)) => {
                let read_only = !state.writes_to_primary && w.state.is_none();
                // The primary to give as --db-primary, as the standby names it.
                let why = match &state.upstream {
                    Some(primary) => t!("replica-read-only", primary = primary.as_str()),
                    None => t!("replica-read-only-unknown"),
                };
                w.state = Some(state);
                if read_only && !self.link.pinned {
                    // Every change would be refused by the store: said before a key asks for one.
                    self.warn(why.clone());
                    self.pin_read_only_because(why);
                }
            }
            // What was known stays; the connection's own line says when the database is away.
            Err(e) => tracing::warn!("reading how far behind the standby is failed: {e}"),
        }
    }

    /// What the status line says of the standby, once known: read from a replica, how far behind.
    pub fn replica_status(&self) -> Option<String> {
        let state = self.replica.as_ref()?.state.as_ref()?;
        Some(match (state.streaming, state.behind_seconds) {
            (false, _) => t!("replica-not-streaming"),
            (true, Some(0)) => t!("replica-in-step"),
            (true, Some(seconds)) => {
                t!("replica-behind", behind = super::health::span(chrono::Duration::seconds(seconds.max(0))))
            }
            (true, None) => t!("replica-behind-unknown"),
        })
    }
}
