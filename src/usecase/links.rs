//! The live site, as the console and the command line both see it: the broken links the link
//! checks last found (the Findings tab, `links`), the check that follows a withdrawal (the
//! console's and `retract`'s), and the probes of the site's home page that feed 站点无法访问
//! (`links --probe`, by cron); the checks themselves (`links`), the withdrawn pages found still
//! public, and the checker's settings. Both sides call the same functions, which live with the
//! checks themselves in `reports::links`.

pub use crate::reports::links::{
    AfterWithdrawal, CheckFailure, PROBE_SECONDS, Settings, after_withdrawal, broken, check, probe, settings,
    still_public,
};
