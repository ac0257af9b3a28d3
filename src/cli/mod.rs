//! The command line (docs/cli.md): subcommands map onto the same domain and store calls the
//! console uses. Every failure becomes a `Failure` with the contract's exit code.

mod assessment;
mod backup;
mod calendar;
mod checks;
pub mod clean;
pub mod codes;
mod columns;
mod config;
mod console;
mod demo;
mod failure;
mod first_run;
pub mod help;
mod init;
mod inspection;
mod links;
mod logging;
mod manual;
mod operators;
mod outcome;
pub mod output;
mod progress;
mod rectify;
mod remind;
mod reports;
mod search;
mod sites;
mod table;
pub mod texts;
mod trail;
mod transfer;
mod units;
mod workflow;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::i18n::{self, Lang};
use crate::store::{self, OpenOptions, Site, Store, StoreError, Target};
use crate::t;
use output::Format;

use failure::locked;
pub use failure::{BROKEN_PIPE, Failure};

/// The built-in site.
pub const DEFAULT_SITE: &str = "xiangshan";
/// The built-in site's name.
pub const DEFAULT_SITE_NAME: &str = "桂林市象山区人民政府门户网站";
pub use crate::places::DATA_DIR_ENV;

#[derive(Debug, Parser)]
#[command(
    name = "portal-admin",
    version,
    about = "A keyboard-driven console for the administrators of a government portal website"
)]
pub struct Cli {
    /// postgres://… or sqlite://PATH; without it, the embedded SQLite database in the data directory
    #[arg(long, env = "DATABASE_URL", global = true, value_name = "URL", hide_env_values = true)]
    pub db: Option<String>,
    /// With --db a PostgreSQL hot standby: its primary (postgres://…), where every change goes while
    /// reads stay on the standby
    #[arg(long, env = "DATABASE_PRIMARY_URL", global = true, value_name = "URL", hide_env_values = true)]
    pub db_primary: Option<String>,
    /// Which site; default the only one (the built-in site is `xiangshan`); with several, a command
    /// needs it (exit 2, naming them) and the console opens on the overview
    #[arg(long, global = true, value_name = "CODE")]
    pub site: Option<String>,
    /// Use (and on first use create) a separate demo database with the built-in columns and synthetic content
    #[arg(long, global = true)]
    pub demo: bool,
    /// Nothing may be changed
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Listing format: table (default on a terminal), csv (default otherwise) or json
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Print times in UTC instead of Asia/Shanghai
    #[arg(long, global = true)]
    pub utc: bool,
    /// An extra keymap file laid over the defaults and your own (`vim`: the shipped vim map)
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    /// How wide your terminal draws East Asian ambiguous characters such as ①②③ (1 or 2 cells)
    /// (default: `ambiguous_width` in config.toml, else 1)
    #[arg(
        long,
        global = true,
        env = "PORTAL_ADMIN_AMBIGUOUS_WIDTH",
        hide_env_values = true,
        value_name = "1|2",
        value_parser = clap::builder::PossibleValuesParser::new(["1", "2"])
    )]
    pub ambiguous_width: Option<String>,
    /// The console log's level: error, warn, info, debug, trace, or a filter such as
    /// portal_admin=debug (default: `log_level` in config.toml, else info)
    #[arg(long, global = true, env = "PORTAL_ADMIN_LOG", hide_env_values = true, value_name = "FILTER")]
    pub log_level: Option<String>,
    /// The monochrome theme (also when NO_COLOR is set)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// The interface's language (default: `language` in config.toml, else the locale's)
    #[arg(long, global = true, value_name = "LANG", value_parser = clap::builder::PossibleValuesParser::new(LANGUAGES))]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the schema if absent (idempotent) and load the column table
    Init {
        /// A column table file (format: docs/columns.md); default the built-in 2023 Xiangshan table
        #[arg(long, value_name = "FILE")]
        columns: Option<PathBuf>,
        /// The units file that goes with --columns; default the built-in Xiangshan units
        #[arg(long, value_name = "FILE", requires = "columns")]
        units: Option<PathBuf>,
        /// The site's name, for a new site
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Fill the database with synthetic, realistic items (deterministic for a seed)
    Demo {
        /// How many items
        #[arg(long, default_value_t = 20_000)]
        items: u64,
        /// The random seed: the same seed and dates give the same data
        #[arg(long, default_value_t = 2023)]
        seed: u64,
        /// First day of the content (default: two years before --to)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        from: Option<chrono::NaiveDate>,
        /// Last day of the content (default: today, Beijing time)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        to: Option<chrono::NaiveDate>,
    },
    /// Load items from JSON Lines, all or nothing (the fields: docs/import.md; a unit item may add
    /// "attachments": {"signed_scan": FILE, "electronic_text": FILE, "target_columns": FILE}, what
    /// Art. 10 asks it to carry)
    Import {
        /// The file (`-` for standard input)
        file: PathBuf,
        /// Refuse a line longer than this many bytes (it names the line)
        #[arg(long, value_name = "BYTES", default_value_t = transfer::MAX_LINE)]
        max_line: usize,
        /// Check and load the items, then roll back: say what would be imported, change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write items as JSON Lines
    Export {
        /// Only items changed on or after this day (Beijing time)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
    },
    /// The column tree
    Columns,
    /// Items awaiting review or publication, by step, oldest first
    Queue {
        #[arg(long, value_parser = parse_path)]
        path: Option<crate::domain::ItemPath>,
        /// office_review, recheck, review or publish
        #[arg(long, value_parser = parse_stage)]
        stage: Option<crate::domain::Stage>,
    },
    /// Withdraw online items (Art. 13): off every column, never deleted; all in one transaction
    Retract {
        /// The items' ids or refs
        #[arg(required_unless_present = "column")]
        items: Vec<String>,
        /// outdated, improper, classified or error
        #[arg(long, value_parser = parse_reason)]
        reason: crate::domain::RetractionReason,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        older: workflow::OlderInColumn,
        /// Run the withdrawal, then roll it back: say what would change, change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Mark online items amended, repealed or expired (已修改 / 已废止 / 已失效) instead of withdrawing
    /// them: they stay online
    Mark {
        /// The items' ids or refs
        #[arg(required_unless_present = "column")]
        items: Vec<String>,
        /// amended, repealed or expired
        #[arg(long = "as", value_name = "MARK", value_parser = parse_mark)]
        kind: crate::domain::MarkKind,
        /// When the amendment, repeal or expiry took effect (default today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
        /// The document that replaces it (its number or title)
        #[arg(long, default_value = "")]
        replaced_by: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        older: workflow::OlderInColumn,
        /// Run the marking, then roll it back: say what would change, change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// The audit trail, newest first
    Audit {
        #[command(subcommand)]
        command: Option<trail::AuditCommand>,
        /// Only records made on or after this day (Beijing time)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Only records about this item (and the requests to withdraw it)
        #[arg(long)]
        item: Option<String>,
        /// Only records of this operator
        #[arg(long, value_name = "NAME")]
        operator: Option<String>,
        /// Only this action, or those under it (retract, publish, retraction, incident, operator …)
        #[arg(long)]
        action: Option<String>,
    },
    /// Back the database up into FILE: a consistent copy made while others work, checked (integrity,
    /// every table's rows), its SHA-256 in FILE.sha256; prints the audit trail's head
    Backup {
        /// The backup file (FILE.partial while it is made)
        file: PathBuf,
        /// Keep this many backups in all: the older ones move to FILE.1, FILE.2 …
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        keep: u32,
    },
    /// Restore a backup into the empty database --db names, and check it holds what the backup holds
    RestoreBackup {
        /// The backup file (with its FILE.sha256 beside it)
        file: PathBuf,
    },
    /// Put a withdrawn item back online in the columns it was in, or every item of one bulk withdrawal
    Restore {
        /// The item's id or ref
        #[arg(required_unless_present = "batch", conflicts_with = "batch")]
        item: Option<String>,
        /// Every item of the bulk withdrawal with this id (the Withdrawn tab's batch column), in one transaction
        #[arg(long, value_name = "ID")]
        batch: Option<i64>,
        #[arg(long, default_value = "")]
        note: String,
        /// Run the restore, then roll it back: say what would change, change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Retraction requests (Art. 13), most urgent first
    Retractions {
        #[command(subcommand)]
        command: Option<workflow::RetractionsCommand>,
        /// pending, done or rejected
        #[arg(long, value_parser = parse_request_status)]
        status: Option<crate::domain::item::RequestStatus>,
    },
    /// Rectification orders (整改通知), most urgent first
    Rectifications {
        #[command(subcommand)]
        command: Option<rectify::RectificationsCommand>,
        /// open, done or overdue
        #[arg(long, value_parser = rectify::parse_status)]
        status: Option<crate::domain::rectification::Status>,
        /// Only this unit's
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
    },
    /// Reminder sheets (提醒单) for responsible units: columns due soon, overdue and blank, items
    /// returned, open orders
    Remind {
        /// The unit whose sheet to write (its name, part of it, or its pinyin initials)
        #[arg(long, value_name = "NAME", conflicts_with = "all")]
        unit: Option<String>,
        /// Every unit's sheet, for the weekly round
        #[arg(long)]
        all: bool,
        /// Columns due within this many working days, 1 to 60 (default 5)
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        within: Option<i64>,
        /// Write the sheet to this file: Markdown (.md), or Word in the national format of GB/T 9704-2012 (.docx)
        #[arg(long, value_name = "FILE", conflicts_with = "dir")]
        out: Option<PathBuf>,
        /// Write each sheet into this folder, as 提醒单-<unit>-<date>.md (.docx with --docx)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// With --dir: write each sheet as Word in the national format (.docx) instead of Markdown
        #[arg(long, requires = "dir")]
        docx: bool,
        /// Overwrite files that exist
        #[arg(long)]
        force: bool,
    },
    /// Items of the site whose title or body holds TEXT (two characters or more, taken literally),
    /// any status, newest first
    Search {
        /// The text: Chinese or Latin, two characters or more; `%`, `_`, quotes and `*` stand for themselves
        text: String,
        /// pending, returned, online or withdrawn
        #[arg(long, value_parser = search::parse_status)]
        status: Option<crate::domain::ItemStatus>,
        /// Only items in this column (its id, as `columns` lists it)
        #[arg(long, value_name = "ID")]
        column: Option<i64>,
        /// Only this unit's items: its name, part of it, or its pinyin initials (tjj for 统计局)
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
        /// Only items published (or, not yet published, submitted) on or after this day (Beijing time)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
    },
    /// One item with its columns and history
    Show {
        /// The item's id or ref
        item: String,
    },
    /// Decide an item's review step (Art. 8, 9)
    Review {
        #[command(subcommand)]
        command: workflow::ReviewCommand,
    },
    /// Publish an approved item into its target columns (or the columns given)
    Publish {
        /// The item's id or ref
        item: String,
        /// A column id to publish into (repeat for several); replaces the item's target columns
        #[arg(long = "column", value_name = "ID")]
        columns: Vec<i64>,
        /// Refuse if the item is no longer at this version
        #[arg(long)]
        version: Option<i64>,
        /// Run the publication, then roll it back: say what would change, change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Column staleness as of a date, worst first
    Stale {
        /// Evaluate as of this day (default today, Beijing time)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        at: Option<chrono::NaiveDate>,
        /// Only overdue and empty columns
        #[arg(long)]
        overdue: bool,
        /// Only the columns this unit is responsible for
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
    },
    /// Issued documents and whether they went online in time
    Documents {
        #[command(subcommand)]
        command: Option<reports::DocumentsCommand>,
        /// Only documents not yet online (pending or overdue)
        #[arg(long)]
        pending: bool,
        /// As of this day (default today, Beijing time): documents issued by then, and their status then
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        at: Option<chrono::NaiveDate>,
    },
    /// The assessment per unit, ranked (Art. 16)
    Scores {
        #[command(flatten)]
        period: assessment::PeriodArgs,
        /// The items that earned this unit its points (each once, at its highest form)
        #[arg(long, value_name = "NAME", conflicts_with = "bulletin")]
        unit: Option<String>,
        /// Write the period's bulletin to FILE: Word in the national format of GB/T 9704-2012 for a .docx, else
        /// Markdown (`-`: standard output)
        #[arg(long, value_name = "FILE")]
        bulletin: Option<String>,
        /// With --bulletin: the national check's rules for its section six (as `inspect --rules`)
        #[arg(long, value_name = "FILE", requires = "bulletin")]
        rules: Option<PathBuf>,
        /// With --bulletin: overwrite the file if it exists
        #[arg(long, requires = "bulletin")]
        force: bool,
    },
    /// Record or correct an incident (a deduction, Art. 16)
    Incident {
        #[command(subcommand)]
        command: assessment::IncidentCommand,
    },
    /// Content checks (names, secret markings and banned words, personal data, document numbers,
    /// dates, figures) on one item or on everything online, before an inspection finds them
    Check {
        #[command(flatten)]
        args: checks::CheckArgs,
    },
    /// The national check's single-veto indicators that depend on content, as of a day
    Inspect {
        /// The day (Beijing time; default today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        at: Option<chrono::NaiveDate>,
        /// Which columns each indicator looks at, and its thresholds (TOML; default the user's
        /// inspection.toml, else the built-in rules for the built-in column table)
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Check items' public pages and the links in them (and withdrawn items' pages); list what is broken
    Links {
        #[command(flatten)]
        args: links::LinksArgs,
    },
    /// The public inquiry register (政民互动 咨询): list, add, answer
    Inquiries {
        #[command(subcommand)]
        command: Option<inspection::InquiriesCommand>,
        /// Only valid inquiries still unanswered
        #[arg(long)]
        open: bool,
    },
    /// Who may do what: list operators, add one, change a role, disable one (administrators only)
    Operators {
        #[command(subcommand)]
        command: Option<operators::OperatorsCommand>,
    },
    /// The county portals of the database, each with how it is doing, worst first; add one
    Sites {
        #[command(subcommand)]
        command: Option<sites::SitesCommand>,
        #[command(flatten)]
        args: sites::SitesArgs,
    },
    /// Recorded incidents and corrections, by date
    Incidents {
        #[command(flatten)]
        period: assessment::PeriodArgs,
        /// Only this unit's
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
    },
    /// The official working-day calendar
    Calendar {
        #[command(subcommand)]
        command: calendar::CalendarCommand,
    },
    /// The console's key bindings
    Keymap {
        #[command(subcommand)]
        command: console::KeymapCommand,
    },
    /// The settings file (config.toml): where it is, the settings in effect, a check of a file
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
    /// Print a shell completion script (bash: `source <(portal-admin completions bash)`)
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (`portal-admin man | man -l -`), or write every command's page to a directory
    Man {
        /// Write portal-admin.1 and one page per command (portal-admin-retract.1, …) here
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

pub(crate) fn parse_mark(s: &str) -> Result<crate::domain::MarkKind, String> {
    s.parse()
}

pub(crate) fn parse_reason(s: &str) -> Result<crate::domain::RetractionReason, String> {
    s.parse().map_err(|_| t!("bad-reason", value = format!("{s:?}")))
}

fn parse_request_status(s: &str) -> Result<crate::domain::item::RequestStatus, String> {
    crate::domain::item::RequestStatus::parse(s).ok_or_else(|| t!("bad-request-status", value = format!("{s:?}")))
}

fn parse_path(s: &str) -> Result<crate::domain::ItemPath, String> {
    s.parse().map_err(|_| t!("bad-path", value = format!("{s:?}")))
}

fn parse_stage(s: &str) -> Result<crate::domain::Stage, String> {
    match s.parse() {
        Ok(
            stage @ (crate::domain::Stage::OfficeReview
            | crate::domain::Stage::Recheck
            | crate::domain::Stage::Review
            | crate::domain::Stage::Publish),
        ) => Ok(stage),
        _ => Err(t!("bad-queue-step", value = format!("{s:?}"))),
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::domain::time::parse_date(s)
}

/// The tags `--lang` takes.
const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

/// Resolves the interface's language for this run (`i18n::resolve`) from the command line's
/// `--lang` (read before clap parses it, so that clap's own texts are in it), the settings and the
/// locale, and sets it. A `language` in the settings that names none is said once, and ignored.
pub fn choose_language(args: &[std::ffi::OsString]) -> Lang {
    let mut option = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy()).take_while(|a| a != "--");
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.to_string()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => continue,
        };
        option = value.filter(|v| LANGUAGES.contains(&v.as_str())).and_then(|v| Lang::parse(&v));
    }
    // A settings file with a mistake is refused, by file and line, by every command that reads
    // it (and named by `config check`); the language falls back to the locale meanwhile.
    let setting = crate::usecase::settings::current().ok().and_then(|s| s.language);
    let lang = i18n::resolve(option, setting, &|name| std::env::var(name).ok());
    i18n::set(lang);
    lang
}

/// The directory of the embedded and demo databases.
pub fn data_dir() -> Result<PathBuf, Failure> {
    crate::places::data_dir().ok_or_else(|| Failure::failed(t!("no-home-directory", variable = DATA_DIR_ENV)))
}

/// The settings of `config.toml` (`usecase::settings`); a file with a mistake is refused, naming
/// the file and line.
pub fn settings() -> Result<&'static crate::usecase::settings::Settings, Failure> {
    crate::usecase::settings::current().map_err(Failure::usage)
}

/// The site the options name: `--site`, else `site` in the settings, else the only one.
pub fn site(cli: &Cli) -> Result<Option<String>, Failure> {
    Ok(cli.site.clone().or_else(|| settings().ok().and_then(|s| s.site.clone())))
}

/// East Asian ambiguous characters' width: `--ambiguous-width` (or its variable), else
/// `ambiguous_width` in the settings, else 1.
pub fn ambiguous_width(cli: &Cli) -> Result<u8, Failure> {
    match cli.ambiguous_width.as_deref() {
        Some("2") => Ok(2),
        Some(_) => Ok(1),
        None => Ok(settings()?.ambiguous_width.unwrap_or(1)),
    }
}

/// The database the options name: `--db` (or `DATABASE_URL`), else `database_url` in the
/// settings, else the embedded one; read from as a hot standby whose changes go to
/// `--db-primary` (or `DATABASE_PRIMARY_URL`), else to `database_primary_url` in the settings
/// when the database is theirs too.
pub fn target(cli: &Cli) -> Result<Target, Failure> {
    let read = read_target(cli)?;
    let primary = match (&cli.db_primary, &cli.db, cli.demo) {
        (Some(url), ..) => {
            if store::target::has_password(url) && std::env::args().any(|a| a.contains(url.as_str())) {
                output::tell(&t!("password-in-db-url"));
            }
            Some(url.as_str())
        }
        (None, None, false) => settings()?.database_primary_url.as_deref(),
        (None, ..) => None,
    };
    match primary {
        Some(url) => read.with_primary(url).map_err(Failure::usage),
        None => Ok(read),
    }
}

/// The database read from (`target`, without its primary).
fn read_target(cli: &Cli) -> Result<Target, Failure> {
    let from_settings = match (&cli.db, cli.demo) {
        (None, false) => settings()?.database_url.as_deref(),
        _ => None,
    };
    if let Some(url) = from_settings {
        return Target::parse(url).map_err(|e| Failure::usage(e.to_string()));
    }
    match (&cli.db, cli.demo) {
        (Some(_), true) => Err(Failure::usage(t!("demo-with-db"))),
        (Some(url), false) => {
            // Art. 14: credentials are never exposed. A password typed into --db shows in the
            // process list and the shell's history (DATABASE_URL does not show in the list).
            if store::target::has_password(url) && std::env::args().any(|a| a.contains(url.as_str())) {
                output::tell(&t!("password-in-db-url"));
            }
            Target::parse(url).map_err(|e| Failure::usage(e.to_string()))
        }
        (None, true) => Ok(Target::sqlite(&data_dir()?.join("demo.db"))),
        (None, false) => Ok(Target::sqlite(&data_dir()?.join("portal.db"))),
    }
}

/// An open store and the site the command works on.
pub struct Session {
    pub store: Arc<dyn Store>,
    pub site: Site,
}

/// Opens the database; when PostgreSQL wants a password none gave, and a person is at a terminal,
/// asks for it once (not echoed, never stored or logged: Art. 14).
pub async fn open_store(target: &Target, options: OpenOptions) -> Result<Arc<dyn Store>, Failure> {
    if let Target::Sqlite { path } = target
        && let Some(warning) = crate::places::exposed(path)
    {
        eprintln!("{}", t!("failure", message = warning));
    }
    let store = match store::open(target, options).await {
        Err(StoreError::NeedsPassword { target: shown, .. })
            if std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal()
                && !store::target::has_password_target(target) =>
        {
            let password = rpassword::prompt_password(t!("password-prompt", target = shown.to_string()))
                .map_err(|e| Failure::failed(t!("cannot-read-password", error = i18n::os_error(&e))))?;
            store::open(&target.with_password(&password), options).await?
        }
        other => other?,
    };
    crate::usecase::findings::use_lists_in_effect(store.as_ref());
    Ok(store)
}

/// Opens the store for a command that needs an initialised database.
pub async fn session(cli: &Cli) -> Result<Session, Failure> {
    session_with(cli, false).await
}

/// Opens the store for a command that needs an initialised database; with `dry_run`, one whose
/// every change runs whole and is rolled back (`--dry-run`).
pub async fn session_with(cli: &Cli, dry_run: bool) -> Result<Session, Failure> {
    let store = store_with(cli, dry_run).await?;
    let site = crate::usecase::sites::open(store.as_ref(), site(cli)?.as_deref()).await?;
    Ok(Session { store, site })
}

/// Opens the store for a command that needs no site (the sites themselves, a supervisor of every
/// site); with `dry_run` as `session_with`.
pub async fn store_with(cli: &Cli, dry_run: bool) -> Result<Arc<dyn Store>, Failure> {
    let options = OpenOptions { create: false, read_only: cli.read_only, dry_run };
    let target = target(cli)?;
    // The console says it on its status line instead (console::open).
    if let Some(warning) = unverified(&target).filter(|_| cli.command.is_some()) {
        output::tell(&t!("failure", message = warning));
    }
    open_store(&target, options).await
}

/// The warning for a PostgreSQL server elsewhere reached without checking who it is.
pub fn unverified(target: &Target) -> Option<String> {
    target.unverified_host().map(|host| t!("unverified-server", host = host))
}

/// Runs the command line.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    let url = match (&cli.db, cli.demo) {
        (Some(url), _) => Some(url.clone()),
        (None, false) => crate::usecase::settings::current().ok().and_then(|s| s.database_url.clone()),
        (None, true) => None,
    };
    let embedded = match url {
        Some(url) => match Target::parse(&url) {
            Ok(Target::Sqlite { path }) => Some(path),
            _ => None,
        },
        None => data_dir().ok().map(|d| d.join(if cli.demo { "demo.db" } else { "portal.db" })),
    };
    let done = run_command(cli).await.map_err(|f| locked(f, embedded.as_deref()));
    store::close_files().await;
    // Text that was not UTF-8 in the database was shown with replacement characters: say which items.
    if let Some(warning) = store::text::repaired_warning(&store::text::take_repaired()) {
        eprintln!("{}", t!("failure", message = clean::for_stderr(&warning)));
    }
    done
}

async fn run_command(cli: Cli) -> Result<(), Failure> {
    if cli.demo {
        demo::ensure_demo_database(&cli).await?;
    }
    match &cli.command {
        None if console::has_terminal() => console::open(&cli).await,
        None => demo::summary(&cli).await,
        Some(Command::Init { columns, units, name }) => {
            init::run(&cli, columns.as_deref(), units.as_deref(), name.as_deref()).await
        }
        Some(Command::Demo { items, seed, from, to }) => demo::run(&cli, *items, *seed, *from, *to).await,
        Some(Command::Import { file, max_line, dry_run }) => transfer::import(&cli, file, *max_line, *dry_run).await,
        Some(Command::Export { since }) => transfer::export(&cli, *since).await,
        Some(Command::Columns) => columns::run(&cli).await,
        Some(Command::Queue { path, stage }) => workflow::queue(&cli, *path, *stage).await,
        Some(Command::Show { item }) => workflow::show(&cli, item).await,
        Some(Command::Search { text, status, column, unit, since }) => {
            let asked = crate::usecase::search::Asked {
                text: text.clone(),
                status: *status,
                column: *column,
                unit: unit.clone(),
                since: *since,
            };
            search::run(&cli, &asked).await
        }
        Some(Command::Remind { unit, all, within, out, dir, docx, force }) => {
            let asked = remind::Asked {
                unit: unit.as_deref(),
                all: *all,
                within: *within,
                out: out.as_deref(),
                dir: dir.as_deref(),
                docx: *docx,
                force: *force,
            };
            remind::run(&cli, &asked).await
        }
        Some(Command::Rectifications { command: None, status, unit }) => {
            rectify::list(&cli, *status, unit.as_deref()).await
        }
        Some(Command::Rectifications { command: Some(command), .. }) => rectify::command(&cli, command).await,
        Some(Command::Retractions { command: None, status }) => workflow::retractions(&cli, *status).await,
        Some(Command::Retractions { command: Some(command), .. }) => workflow::retractions_command(&cli, command).await,
        Some(Command::Retract { items, reason, note, older, dry_run }) => {
            workflow::retract(&cli, items, older, *reason, note, *dry_run).await
        }
        Some(Command::Mark { items, kind, on, replaced_by, note, older, dry_run }) => {
            let on = on.unwrap_or_else(|| crate::domain::time::beijing_date(chrono::Utc::now()));
            let mark =
                store::NewMark { kind: *kind, effective_on: on, replaced_by: replaced_by.clone(), note: note.clone() };
            workflow::mark(&cli, items, older, &mark, *dry_run).await
        }
        Some(Command::Audit { command: Some(command), .. }) => trail::run(&cli, command).await,
        Some(Command::Audit { command: None, since, item, operator, action }) => {
            workflow::audit(&cli, *since, item.as_deref(), operator.clone(), action.clone()).await
        }
        Some(Command::Backup { file, keep }) => backup::run(&cli, file, *keep).await,
        Some(Command::RestoreBackup { file }) => backup::restore(&cli, file).await,
        Some(Command::Restore { item: Some(item), note, dry_run, .. }) => {
            workflow::restore(&cli, item, note, *dry_run).await
        }
        Some(Command::Restore { item: None, batch, note, dry_run }) => {
            workflow::restore_batch(&cli, batch.unwrap_or_default(), note, *dry_run).await
        }
        Some(Command::Review { command }) => workflow::review(&cli, command).await,
        Some(Command::Publish { item, columns, version, dry_run }) => {
            workflow::publish(&cli, item, columns, *version, *dry_run).await
        }
        Some(Command::Stale { at, overdue, unit }) => reports::stale(&cli, *at, *overdue, unit.as_deref()).await,
        Some(Command::Documents { command, pending, at }) => {
            reports::documents(&cli, command.as_ref(), *pending, *at).await
        }
        Some(Command::Scores { period, unit, bulletin, rules, force }) => {
            assessment::scores(&cli, period, unit.as_deref(), bulletin.as_deref(), rules.as_deref(), *force).await
        }
        Some(Command::Check { args }) => checks::check(&cli, args).await,
        Some(Command::Inspect { at, rules }) => inspection::inspect(&cli, *at, rules.as_ref()).await,
        Some(Command::Links { args }) => links::run(&cli, args).await,
        Some(Command::Inquiries { command, open }) => inspection::inquiries(&cli, command.as_ref(), *open).await,
        Some(Command::Operators { command }) => operators::run(&cli, command.as_ref()).await,
        Some(Command::Sites { command, args }) => sites::run(&cli, command.as_ref(), args).await,
        Some(Command::Incident { command }) => assessment::incident(&cli, command).await,
        Some(Command::Incidents { period, unit }) => assessment::incidents(&cli, period, unit.as_deref()).await,
        Some(Command::Calendar { command }) => calendar::run(&cli, command).await,
        Some(Command::Keymap { command }) => console::keymap(&cli, command),
        Some(Command::Config { command }) => config::run(&cli, command),
        Some(Command::Completions { shell }) => help::completions(*shell),
        Some(Command::Man { dir }) => help::man(dir.as_deref()),
    }
}
