//! The operations of the portal database, one trait per aggregate; `Store` is all of them.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::error::Result;
use super::findings::FindingStore;
use super::links::LinkStore;
use super::rectification::RectificationStore;
use super::rows::*;
use crate::domain::assessment::Period;
use crate::domain::calendar::{CalendarDay, CalendarImport, CalendarNotice};
use crate::domain::item::RequestStatus;
use crate::domain::review::Decision;
use crate::domain::{ItemPath, RetractionReason, Role, Stage};

/// The operations of the portal database: the connection and the site here, each aggregate's
/// in a trait of its own below (all callable on a `dyn Store`).
#[async_trait]
#[async_trait]
pub trait Store:
    Send
    + Sync
    + ItemStore
    + ImportStore
    + ColumnStore
    + ReviewStore
    + RetractionStore
    + AssessmentStore
    + OperatorStore
    + CalendarStore
    + AuditStore
    + BackupStore
    + CheckStore
    + InspectionStore
    + LinkStore
    + SearchStore
    + RectificationStore
    + FindingStore
{
    /// Backend and host or file, never a password.
    fn describe(&self) -> String;

    /// Who is acting: the PostgreSQL login role, or the operating-system user on SQLite.
    fn operator(&self) -> &str;

    /// The PostgreSQL database's LC_CTYPE when it is `C` or `POSIX`: pg_trgm then takes only ASCII
    /// letters and digits for parts of words, so its indexes hold no Chinese and a search for a
    /// Chinese text reads every item of the site (its answers stay right). `None` otherwise, and
    /// on SQLite.
    async fn trigrams_blind_to_chinese(&self) -> Result<Option<String>>;

    /// The schema version of the database, or `None` for a database without the schema.
    async fn schema_version(&self) -> Result<Option<i64>>;

    /// Creates the schema if absent, the site with its units and columns if absent, the built-in
    /// calendar days not yet present, and registers the operator as the site's first administrator;
    /// in one transaction with its audit record. Changes nothing (and writes no audit) when all is
    /// already there. An upgrade's long steps (every item's title read again) tell
    /// `progress(done, total)` items.
    async fn init(
        &self,
        setup: &SiteSetup,
        calendar: &[CalendarDay],
        notices: &[i32],
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<InitReport>;

    /// The site with this code, or the only site when `code` is `None`.
    async fn site(&self, code: Option<&str>) -> Result<Site>;

    /// Every site of the database, in the order they were added.
    async fn sites(&self) -> Result<Vec<Site>>;

    /// What every site's figures are computed from (the overview, `sites`), as of `at`, one entry a
    /// site in the order they were added: each site's part read by the statements its own reports
    /// run, over every site at once (one round trip per kind of input, not per site).
    async fn overview_inputs(&self, at: &OverviewAt) -> Result<Vec<SiteInputs>>;

    /// Adds a site with its units and column tree, the operator its first administrator, in one
    /// transaction with its audit record: only an administrator of a site already there may (the
    /// database refuses anyone else on PostgreSQL). Refused for a code taken.
    async fn add_site(&self, setup: &SiteSetup) -> Result<InitReport>;

    async fn counts(&self, site: &Site) -> Result<SiteCounts>;

    /// A number that grows with every change anybody makes to the database (every change writes
    /// an audit record: the newest one's id). A view watches it to reload when a colleague changes
    /// something; one primary-key lookup, the same on both backends.
    async fn change_mark(&self) -> Result<i64>;

    /// Notifications of changes as they are committed, on a database that sends them (PostgreSQL
    /// LISTEN/NOTIFY: every audit record notifies); None on SQLite, where the change mark is
    /// watched instead. A console checks the change mark at once on each.
    async fn watch(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>>;

    /// Whether the database read from is a PostgreSQL hot standby, and how far behind its primary
    /// (`None`: not a standby, or SQLite). One statement, without a table: cheap enough to ask
    /// every few seconds.
    async fn replica(&self) -> Result<Option<ReplicaState>>;

    /// Who this store acts as on the site: their role and whether they are active (`None`: not an
    /// operator of the site).
    async fn whoami(&self, site: &Site) -> Result<Option<(Role, bool)>>;

    /// How many sites this store's operator works in: every site of the database for an active
    /// supervisor, else the sites where it is an active operator (the console's overview is
    /// shown from two).
    async fn sites_held(&self) -> Result<i64>;

    /// The first site (in the order they were added) this store's operator works in: any site for
    /// an active supervisor, else one where it is an active operator; `None` in none.
    async fn first_site_held(&self) -> Result<Option<Site>>;
}

/// Items: exported a page at a time, one whole, one found by what a user typed.
#[async_trait]
pub trait ItemStore: Send + Sync {
    /// A page of items in id order after `after_id`, changed at or after `since` if given.
    async fn export_page(
        &self,
        site: &Site,
        after_id: i64,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ExportedItem>>;

    /// One item, whole, with its history (reviews, withdrawals, restorations), oldest first.
    async fn item(&self, site: &Site, id: i64) -> Result<(ExportedItem, Vec<HistoryEntry>)>;

    /// An item's id from what a user typed: its id, or its import `ref`.
    async fn find_item(&self, site: &Site, key: &str) -> Result<i64>;
}

/// Importing: a stream of records written in one transaction.
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// Writes a stream of records in one transaction with one audit record (`action`, `detail`);
    /// all or nothing. `expected` sizes the work for `progress`, which is told the number of items
    /// written so far.
    async fn insert(
        &self,
        site: &Site,
        action: &str,
        detail: &str,
        records: &mut (dyn Iterator<Item = Record> + Send),
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<u64>;
}

/// The column tree, its units, the documents due in its columns and the items online in each.
#[async_trait]
pub trait ColumnStore: Send + Sync {
    async fn columns(&self, site: &Site) -> Result<Vec<ColumnRow>>;

    async fn units(&self, site: &Site) -> Result<Vec<UnitRow>>;

    /// What the staleness report reads, in one statement: every column with its last update
    /// before `before`, the documents issued by `issued_until` still open at `before`, and the
    /// calendar when any is open.
    async fn staleness_inputs(
        &self,
        site: &Site,
        issued_until: NaiveDate,
        before: DateTime<Utc>,
    ) -> Result<StalenessInputs>;

    /// The site's documents issued on or before `issued_until`, oldest issue first; with
    /// `online_before`, only those that had not gone online before that instant; with `column`,
    /// only that column's.
    async fn documents(
        &self,
        site: &Site,
        issued_until: NaiveDate,
        online_before: Option<DateTime<Utc>>,
        column: Option<i64>,
    ) -> Result<Vec<DocumentRow>>;

    /// Registers an issued document, audited. The column must have an event deadline.
    async fn add_document(&self, site: &Site, document: &NewDocumentInput) -> Result<i64>;

    /// A page of the items online in a column, newest first by the time they went online there
    /// (key: time, item id), from `seek` (the first page, after a key, the last, before a key),
    /// those `filter` keeps when given. Keyset paging on one index range, either way.
    async fn column_items(
        &self,
        site: &Site,
        column_id: i64,
        seek: Seek<(DateTime<Utc>, i64)>,
        filter: Option<&ListFilter>,
        limit: i64,
    ) -> Result<Vec<ItemSummary>>;

    /// How many items are online in a column that `filter` keeps (`Total`: exact up to
    /// `COUNTED`).
    async fn column_item_total(&self, site: &Site, column_id: i64, filter: Option<&ListFilter>) -> Result<Total>;

    /// Every item online in a column that went online there before `before`, newest first (for
    /// "withdraw everything older than …"): `column_items` page after page.
    async fn column_items_before(
        &self,
        site: &Site,
        column_id: i64,
        before: DateTime<Utc>,
    ) -> Result<Vec<ItemSummary>> {
        const PAGE: i64 = 1_000;
        let mut out: Vec<ItemSummary> = Vec::new();
        // Item ids are positive: the key (before, 0) is "online there before `before`".
        let mut key = (before, 0);
        loop {
            let page = self.column_items(site, column_id, Seek::After(key), None, PAGE).await?;
            let full = page.len() as i64 == PAGE;
            out.extend(page);
            match out.last() {
                Some(last) if full => key = (last.online_since, last.id),
                _ => return Ok(out),
            }
        }
    }

    /// How many items are online in a column.
    async fn column_item_count(&self, site: &Site, column_id: i64) -> Result<i64>;
}

/// The review workflow of Art. 8–10: the queue, decisions, publication.
#[async_trait]
pub trait ReviewStore: Send + Sync {
    /// The items awaiting a decision (review or publication), by step, oldest first; of one path or
    /// step when given; with `filter`, those whose title or body holds its text or whose unit or
    /// title's initials it names.
    async fn queue(
        &self,
        site: &Site,
        path: Option<ItemPath>,
        stage: Option<Stage>,
        filter: Option<&ListFilter>,
    ) -> Result<Vec<QueueItem>>;

    /// How many items await a decision (review or publication): one count on the queue's index,
    /// without reading them.
    async fn queue_count(&self, site: &Site) -> Result<i64>;

    /// Up to `limit` items of the queue from `seek`, in `order` (keyset paging from either end, on
    /// the pending items' indexes of the two orders), each with its columns and what it lacks;
    /// with `filter`, those whose title or body holds its text or whose unit or title's initials
    /// it names.
    async fn queue_page(
        &self,
        site: &Site,
        order: QueueOrder,
        filter: Option<&ListFilter>,
        seek: Seek<QueueKey>,
        limit: i64,
    ) -> Result<Vec<QueueItem>>;

    /// How many items the queue has with `filter`, as every list counts (`Total`: exact up to
    /// `COUNTED`); and how many of them had waited too long at `now` (exact up to `COUNTED`, a
    /// bound above).
    async fn queue_total(&self, site: &Site, filter: Option<&ListFilter>, now: DateTime<Utc>) -> Result<QueueCount>;

    /// Records the operator's decision on an item's review step (Art. 8, 9) and moves it on (to
    /// publication) or back (to its unit), in one transaction with its audit record. Refused when
    /// the item is not at a review step, the operator's role may not pass the step, a unit item's
    /// attachments are missing, or (`Conflict`) the item changed since `version` was read.
    async fn review(&self, site: &Site, item: i64, version: Option<i64>, decision: &Decision) -> Result<Transition> {
        self.review_found(site, item, version, decision, None).await
    }

    /// `review`, with the content checks' findings on the item at that moment recorded in the
    /// decision's audit record (`findings`), for the item's history: what was found at each
    /// decision, and so what was fixed between two (`reports::checks::decide` is the one caller).
    async fn review_found(
        &self,
        site: &Site,
        item: i64,
        version: Option<i64>,
        decision: &Decision,
        found: Option<&[crate::domain::checks::RecordedFinding]>,
    ) -> Result<Transition>;

    /// Publishes an approved item: online in its target columns, or in `columns` when given
    /// (which replace the targets), with the running totals and any document it puts online, in
    /// one transaction with its audit record.
    async fn publish(&self, site: &Site, item: i64, version: Option<i64>, columns: &[i64]) -> Result<Transition>;
}

/// Withdrawal, marking and restoring (Art. 13), and the requests that ask for them.
#[async_trait]
pub trait RetractionStore: Send + Sync {
    /// The retraction requests (Art. 13), of one status or all, most urgent first: classified,
    /// improper, error, outdated; then the oldest.
    async fn retraction_requests(&self, site: &Site, status: Option<RequestStatus>) -> Result<Vec<RetractionRequest>>;

    /// Withdraws online items (Art. 13), one or a thousand, in one transaction: each off every
    /// column at once, the reason, note, operator and time recorded, its pending requests closed,
    /// the running totals kept (an item withdrawn as anything but outdated loses its points), and
    /// an audit record for each. Nothing is deleted. Items already withdrawn are left as they are
    /// (`already`); an item that is not online or withdrawn refuses the whole batch.
    /// `progress` is told how many of `items` have been taken so far (a bulk withdrawal of
    /// thousands runs chunk by chunk in its one transaction).
    async fn retract(
        &self,
        site: &Site,
        items: &[i64],
        reason: RetractionReason,
        note: &str,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Withdrawal>;

    /// Marks online items amended, repealed or expired instead of withdrawing them: they stay
    /// online, the mark, its date and the replacing document are recorded (not an update of their
    /// columns), their pending `outdated` requests closed, with an audit record for each, in one
    /// transaction. Items already carrying this mark are left as they are (`already`); an item
    /// that is not online refuses the whole batch.
    async fn mark(&self, site: &Site, items: &[i64], mark: &NewMark) -> Result<Marking>;

    /// The withdrawals (restored or not), newest first, with how long a request waited for each;
    /// with `filter`, those whose item's id or title, reason, note or withdrawer holds its text, or
    /// whose item is of its units or items.
    /// A page of them from `seek` (key: when, the record's id).
    async fn withdrawals(
        &self,
        site: &Site,
        filter: Option<&ListFilter>,
        seek: Seek<(DateTime<Utc>, i64)>,
        limit: i64,
    ) -> Result<Vec<WithdrawalRow>>;

    /// How many withdrawals `withdrawals` lists with `filter` (`Total`).
    async fn withdrawal_total(&self, site: &Site, filter: Option<&ListFilter>) -> Result<Total>;

    /// Puts a withdrawn item back online in the columns it was in, with its audit record; an item
    /// that is online is a no-op (`Ok(None)`).
    async fn restore(&self, site: &Site, item: i64, note: &str) -> Result<Option<Transition>>;

    /// The records of the bulk withdrawal `withdrawal` (any of its records' ids) was part of: those
    /// its transaction wrote, oldest first. Refused for an id that is not a withdrawal of the site.
    async fn withdrawal_batch(&self, site: &Site, withdrawal: i64) -> Result<Vec<i64>>;

    /// Puts the items of withdrawals (by the withdrawal records' ids) back online where they were,
    /// in one transaction with an audit record for each item; a withdrawal restored already is
    /// left as it is (`already`); an id that is not a withdrawal of the site refuses them all.
    async fn restore_withdrawals(&self, site: &Site, withdrawals: &[i64], note: &str) -> Result<Restoration>;

    /// Records a unit's request to withdraw an online item (Art. 13), audited; returns its id.
    async fn request_retraction(
        &self,
        site: &Site,
        item: i64,
        unit: &str,
        reason: RetractionReason,
        note: &str,
    ) -> Result<i64>;

    /// Declines a pending request with a reason, audited; refused if it is not pending.
    async fn decline_request(&self, site: &Site, request: i64, reason: &str) -> Result<()>;
}

/// The assessment of Art. 16–17: tallies, incidents, the items that earned points.
#[async_trait]
pub trait AssessmentStore: Send + Sync {
    /// Every unit of the site, in order, with its tally for the Beijing days `[from, until)`: the
    /// items (not reposts) published then that still count — online, or withdrawn as outdated —
    /// and the incidents that occurred then (Art. 16). One query.
    async fn unit_tallies(&self, site: &Site, from: NaiveDate, until: NaiveDate) -> Result<Vec<UnitTally>>;

    /// Records an incident (责任事故, Art. 16): a deduction from a unit's score in the quarter of its
    /// date, audited; returns its id. Only an administrator records one.
    async fn add_incident(&self, site: &Site, incident: &IncidentInput) -> Result<i64>;

    /// Corrects a recorded incident: never edited in place, it is reversed by a new record of the
    /// opposite points on the same date and unit, audited; returns the new record's id. Refused
    /// for a reversal, or an incident already reversed.
    async fn reverse_incident(&self, site: &Site, id: i64, note: &str) -> Result<i64>;

    /// The incidents dated in a period's Beijing days (all when `None`), oldest first; of one
    /// unit when given.
    async fn incidents(&self, site: &Site, period: Option<Period>, unit: Option<&str>) -> Result<Vec<IncidentRow>>;

    /// The items that earned a unit its points in the Beijing days `[from, until)`: published
    /// then, and still counting (online, or withdrawn as outdated), each once at the form it
    /// counts at, with its form in each of its columns; newest first.
    async fn unit_items(&self, site: &Site, unit: &str, from: NaiveDate, until: NaiveDate) -> Result<Vec<EarningItem>>;

    /// Per unit and reason, how many of its items were withdrawn in the Beijing days
    /// `[from, until)` (restored or not): what Art. 17 holds a unit to account for.
    async fn unit_withdrawals(&self, site: &Site, from: NaiveDate, until: NaiveDate) -> Result<Vec<UnitWithdrawals>>;
}

/// The operators of a site and their roles.
#[async_trait]
pub trait OperatorStore: Send + Sync {
    /// The site's operators, by name.
    async fn operators(&self, site: &Site) -> Result<Vec<OperatorRow>>;

    /// Adds an operator, changes one's role (making a disabled one active again), or disables
    /// one, audited with the before and after; administrators only, and never leaving the site
    /// without an active administrator. On PostgreSQL the login gets its role's grants (and is
    /// created if it does not exist). Returns false when nothing changed.
    async fn set_operator(&self, site: &Site, name: &str, change: OperatorChange) -> Result<bool>;

    /// The supervisors of every site, by name.
    async fn supervisors(&self) -> Result<Vec<OperatorRow>>;

    /// Makes a name a supervisor of every site (`Add` or `SetRole` of `Role::Supervisor`) or
    /// disables one (`Disable`), whatever site a command names: audited once for every site (a
    /// record of no site), by an active administrator of any site. Returns false when nothing
    /// changed.
    async fn set_supervisor(&self, name: &str, change: OperatorChange) -> Result<bool>;
}

/// The working-day calendar and the holiday notices it holds.
#[async_trait]
pub trait CalendarStore: Send + Sync {
    /// The calendar exceptions, of one year or all.
    async fn calendar(&self, year: Option<i32>) -> Result<Vec<CalendarDay>>;

    /// Adds or changes calendar days, audited. Returns how many rows changed.
    async fn set_calendar_days(&self, days: &[CalendarDay]) -> Result<usize>;

    /// The years whose holiday notices the calendar holds, oldest first.
    async fn calendar_notices(&self) -> Result<Vec<CalendarNotice>>;

    /// Imports a year's holiday notice (`source` names it) in one transaction with its audit
    /// record: adds or changes its days and records the year as held. Only an active
    /// administrator. Says what changed; nothing when the calendar held it all already.
    async fn import_calendar(&self, year: i32, source: &str, days: &[CalendarDay]) -> Result<CalendarImport>;
}

/// The audit trail.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// A page of the audit trail of the site (and of changes to no site, such as the calendar),
    /// newest first (key: the id), from `seek`, and only those `filter` lets through.
    async fn audit_page(
        &self,
        site: &Site,
        filter: &AuditFilter,
        seek: Seek<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>>;

    /// How many records `audit_page` lists with `filter` (`Total`).
    async fn audit_total(&self, site: &Site, filter: &AuditFilter) -> Result<Total>;

    /// Reads up to `limit` records of a chain after id `after`, in id order (audit_log_site),
    /// handing each to `visit` as it is read, borrowed from its row (`audit verify` reads a million:
    /// no copy of its fields); `visit` returning false stops the reading.
    async fn chain_page(&self, chain: Chain, after: i64, limit: i64, visit: &mut ChainVisit<'_>) -> Result<()>;

    /// How many records a chain has.
    async fn chain_length(&self, chain: Chain) -> Result<i64>;

    /// A chain's newest record: its id and the hash it carries.
    async fn chain_head(&self, chain: Chain) -> Result<Option<ChainHead>>;
}

/// What the content checks read, and their waivers.
#[async_trait]
pub trait CheckStore: Send + Sync {
    /// A page of items' texts and dates for the content checks, in id order after `after_id`:
    /// with `online_only`, only online items, and those published at or after `since` when given.
    async fn item_texts(
        &self,
        site: &Site,
        after_id: i64,
        online_only: bool,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ItemText>>;

    /// Waives a content check's finding on an item (its kind and the text found), with a reason,
    /// audited; returns the waiver's id. A reviewer's or an administrator's.
    async fn waive_finding(&self, site: &Site, item: i64, kind: &str, text: &str, reason: &str) -> Result<i64>;

    /// The findings waived on an item: (kind, text, reason, by).
    async fn waivers(&self, site: &Site, item: i64) -> Result<Vec<Waiver>>;

    /// Every waiver on the site, with its item first: (item, kind, text, reason, waived_by). One
    /// read for a check of everything online, instead of one per item with findings.
    async fn site_waivers(&self, site: &Site) -> Result<Vec<Waiver>>;
}

/// Public inquiries, for the national check.
#[async_trait]
pub trait InspectionStore: Send + Sync {
    /// Records a public inquiry (政民互动 咨询), valid or (with a reason) not, audited; returns its id.
    async fn add_inquiry(&self, site: &Site, inquiry: &NewInquiry) -> Result<i64>;

    /// Records the answer to an inquiry, audited; refused if it has one.
    async fn answer_inquiry(&self, site: &Site, id: i64, answer: &str, at: DateTime<Utc>) -> Result<()>;

    /// The inquiries, newest first.
    async fn inquiries(&self, site: &Site) -> Result<Vec<InquiryRow>>;
}

#[async_trait]
pub trait BackupStore: Send + Sync {
    /// Copies the whole database into `file` (new, empty and private) as it stands at one moment,
    /// with each table's rows and each site's audit head at that moment, and checks the copy holds
    /// them (`store/backup.rs`). `target` is the database's own, for PostgreSQL's pg_dump.
    async fn backup(&self, file: &std::path::Path, target: &super::Target) -> Result<super::backup::Copied>;

    /// Restores the backup `file` into this database, which must be empty, and checks it holds
    /// what the backup holds: the rows of each table.
    async fn restore_backup(
        &self,
        file: &std::path::Path,
        target: &super::Target,
    ) -> Result<Vec<crate::domain::backup::TableCount>>;

    /// Records a backup made (an audit record of no site, action `backup`), so that every console
    /// knows when the last one was.
    async fn record_backup(&self, detail: &str) -> Result<()>;

    /// When the last backup recorded was made.
    async fn last_backup(&self) -> Result<Option<DateTime<Utc>>>;
}

/// Search by text (issue 21).
#[async_trait]
pub trait SearchStore: Send + Sync {
    /// A page of the site's items, any status, whose title or body holds the search's text (read
    /// through the text indexes: schema.sql, section search), with its filters, newest first
    /// (published, else submitted; then id), from `seek`.
    async fn search(
        &self,
        site: &Site,
        search: &TextSearch,
        seek: Seek<FoundKey>,
        limit: i64,
    ) -> Result<Vec<FoundItem>>;

    /// How many items the search finds (`Total`).
    async fn search_total(&self, site: &Site, search: &TextSearch) -> Result<Total>;

    /// How many of the site's items have titles whose pinyin initials hold `letters` (Latin
    /// letters and digits, three or more), counted up to `cap`: whether a list's filter reads
    /// them through the index (`Initials::few`).
    async fn initials_holding(&self, site: &Site, letters: &str, cap: i64) -> Result<i64>;
}
