//! The only place with SQL: one trait of operations over the portal database, implemented once for
//! PostgreSQL and SQLite on concrete pools (`sql.rs`, with the few differences in `backend.rs`).
//! Every change runs in one transaction that also writes its audit record.

mod backend;
mod error;
pub mod links;
pub mod roles;
pub mod schema;
mod sql;
pub mod target;
pub mod text;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::calendar::{CalendarDay, CalendarImport, CalendarNotice};
use crate::domain::column_table::ColumnTable;
use crate::domain::deadline::DeadlineRule;
use crate::domain::item::{AttachmentKind, NewDocument, NewIncident, NewItem, RequestStatus};
use crate::domain::review::Decision;
use crate::domain::{
    Channel, Form, IncidentKind, ItemPath, ItemStatus, MarkKind, Resolution, RetractionReason, Role, Stage,
};
pub use error::{DatabaseError, ErrorKind, Result, StoreError};
pub use links::{CheckedLink, LinkItem, LinkRow, LinkScope, LinkStore};
pub use target::{BadTarget, Target};

impl QueueItem {
    /// Since when it has waited: a WeChat item since it went out on WeChat (it must reach the
    /// portal at once, Art. 7), any other since it was submitted.
    pub fn waiting_since(&self) -> DateTime<Utc> {
        self.wechat_at.unwrap_or(self.submitted_at)
    }
}

/// A site (portal) in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// What `init` is asked to set up.
#[derive(Debug, Clone)]
pub struct SiteSetup {
    pub code: String,
    pub name: String,
    pub table: ColumnTable,
}

/// What `init` did; all zero and false when nothing changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    pub schema_created: bool,
    /// The version an older schema was upgraded from.
    pub upgraded_from: Option<i64>,
    pub site_created: bool,
    pub units: usize,
    pub columns: usize,
    pub calendar_days: usize,
    /// The years whose notices were recorded as held.
    pub calendar_years: usize,
    /// The operator registered as the site's first administrator.
    pub first_admin: Option<String>,
}

impl InitReport {
    pub fn changed(&self) -> bool {
        *self != InitReport::default()
    }
}

/// A column of the tree as listed by `columns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub path: String,
    pub level: i64,
    pub deadline: String,
    pub rule: DeadlineRule,
    pub departments: String,
    /// The responsible units (empty where the query does not load them: `staleness_inputs`).
    pub units: Vec<String>,
    pub note: String,
}

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub full_name: String,
    pub kind: crate::domain::UnitKind,
}

/// What `insert` is given: items (streamed, so a million of them never sit in memory at once),
/// then incidents and documents that may point at those items by their position in the stream.
pub enum Record {
    /// An operator named by the history that follows (added if absent).
    Operator {
        name: String,
        role: Role,
    },
    Item(Box<NewItem>),
    Incident(NewIncident),
    Document(NewDocument),
}

/// An item as `export` writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedItem {
    pub id: i64,
    pub reference: Option<String>,
    /// Its public link on the portal, if its source system gave one.
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    pub form: Form,
    pub path: ItemPath,
    pub unit: Option<String>,
    pub channel: Channel,
    pub stage: Stage,
    pub status: ItemStatus,
    pub submitted_at: DateTime<Utc>,
    /// When a WeChat item went out on its unit's account.
    pub wechat_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// The open withdrawal of a withdrawn item.
    pub withdrawn: Option<(DateTime<Utc>, RetractionReason)>,
    /// Its mark, if it stays online marked amended, repealed or expired.
    pub mark: Option<MarkKind>,
    pub placements: Vec<(String, Form)>,
    /// What a unit submission carried (Art. 10): kind and file name.
    pub attachments: Vec<(AttachmentKind, String)>,
}

/// Row counts of a site, for summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteCounts {
    pub columns: i64,
    pub units: i64,
    pub items: i64,
    pub online: i64,
    pub pending: i64,
    pub withdrawn: i64,
    pub retraction_requests: i64,
    pub incidents: i64,
    pub documents: i64,
}

/// An issued document with what the deadline needs.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub column_id: i64,
    pub column_path: String,
    pub rule: DeadlineRule,
    pub issued_on: NaiveDate,
    /// When it went online (its item's publication), if it has.
    pub published_at: Option<DateTime<Utc>>,
}

/// What the staleness report reads (`Store::staleness_inputs`).
#[derive(Debug, Clone, PartialEq)]
pub struct StalenessInputs {
    /// Every column of the site in the tree's order (without its units), with the latest
    /// publication time before the instant of an item that is online in it (`None`: none).
    pub columns: Vec<(ColumnRow, Option<DateTime<Utc>>)>,
    /// As `documents` with `online_before`: the documents not online before the instant, oldest
    /// issue first.
    pub open_documents: Vec<DocumentRow>,
    /// Every calendar exception, in date order, when there is an open document (its due date
    /// needs them); empty otherwise.
    pub calendar: Vec<CalendarDay>,
}

/// A document to register.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocumentInput {
    pub number: String,
    pub title: String,
    pub column_id: i64,
    pub issued_on: NaiveDate,
    pub item_id: Option<i64>,
}

/// A unit's tally for a period: the items it published that count, by the form they count at
/// (each item at its highest form across its columns), and its incidents' points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTally {
    pub unit: UnitRow,
    pub text: i64,
    pub image_text: i64,
    pub video: i64,
    /// The sum of the period's incident points (negative, or 0).
    pub deductions: i64,
    /// How many of the period's incidents stand (those recorded, less those reversed).
    pub incidents: i64,
}

/// What the content checks read of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub unit: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// The issue date of the document it carries, if it carries one.
    pub issued_on: Option<NaiveDate>,
}

/// A public inquiry to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInquiry {
    pub subject: String,
    pub asked_at: DateTime<Utc>,
    /// Why it is not a valid inquiry (spam, a duplicate, not the government's business), if it is not.
    pub invalid_reason: Option<String>,
}

/// A public inquiry as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryRow {
    pub id: i64,
    pub subject: String,
    pub asked_at: DateTime<Utc>,
    pub valid: bool,
    pub invalid_reason: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
}

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

/// An incident to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentInput {
    pub unit: String,
    pub kind: IncidentKind,
    /// The item it is about, if any.
    pub item: Option<i64>,
    /// When it happened (Beijing date): the quarter it counts in.
    pub occurred_on: NaiveDate,
    pub note: String,
}

/// A recorded incident, or the reversal of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentRow {
    pub id: i64,
    pub unit: String,
    pub kind: IncidentKind,
    /// Negative for a deduction, positive for a reversal.
    pub points: i64,
    pub item: Option<i64>,
    pub item_title: Option<String>,
    /// For a reversal: the incident it reverses.
    pub reverses: Option<i64>,
    /// For an incident: the record that reversed it, if one did.
    pub reversed_by: Option<i64>,
    pub occurred_on: NaiveDate,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// An item that earned its unit points, as the score's explanation lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct EarningItem {
    pub id: i64,
    pub title: String,
    pub published_at: DateTime<Utc>,
    /// The form it counts at: its highest across its columns (Art. 16 counts an item once).
    pub counted: Form,
    /// Withdrawn as outdated (it still counts).
    pub withdrawn: bool,
    /// Its form in each of its columns.
    pub placements: Vec<(String, Form)>,
}

/// How a store is opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// Create a missing SQLite file (for `init` and `demo`).
    pub create: bool,
    /// Refuse every change (`--read-only`).
    pub read_only: bool,
}

/// The operations of the portal database.
#[async_trait]
pub trait Store: Send + Sync + LinkStore {
    /// Backend and host or file, never a password.
    fn describe(&self) -> String;

    /// Who is acting: the PostgreSQL login role, or the operating-system user on SQLite.
    fn operator(&self) -> &str;

    /// The schema version of the database, or `None` for a database without the schema.
    async fn schema_version(&self) -> Result<Option<i64>>;

    /// Creates the schema if absent, the site with its units and columns if absent, the built-in
    /// calendar days not yet present, and registers the operator as the site's first administrator;
    /// in one transaction with its audit record. Changes nothing (and writes no audit) when all is
    /// already there.
    async fn init(&self, setup: &SiteSetup, calendar: &[CalendarDay], notices: &[i32]) -> Result<InitReport>;

    /// The site with this code, or the only site when `code` is `None`.
    async fn site(&self, code: Option<&str>) -> Result<Site>;

    async fn columns(&self, site: &Site) -> Result<Vec<ColumnRow>>;

    async fn units(&self, site: &Site) -> Result<Vec<UnitRow>>;

    async fn counts(&self, site: &Site) -> Result<SiteCounts>;

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

    /// A page of items in id order after `after_id`, changed at or after `since` if given.
    async fn export_page(
        &self,
        site: &Site,
        after_id: i64,
        since: Option<DateTime<Utc>>,
        limit: i64,
    ) -> Result<Vec<ExportedItem>>;

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

    /// The incidents dated in the Beijing days `[from, until)` (all when `None`), oldest first; of
    /// one unit when given.
    async fn incidents(
        &self,
        site: &Site,
        days: Option<(NaiveDate, NaiveDate)>,
        unit: Option<&str>,
    ) -> Result<Vec<IncidentRow>>;

    /// The items that earned a unit its points in the Beijing days `[from, until)`: published
    /// then, and still counting (online, or withdrawn as outdated), each once at the form it
    /// counts at, with its form in each of its columns; newest first.
    async fn unit_items(&self, site: &Site, unit: &str, from: NaiveDate, until: NaiveDate) -> Result<Vec<EarningItem>>;

    /// Per unit and reason, how many of its items were withdrawn in the Beijing days
    /// `[from, until)` (restored or not): what Art. 17 holds a unit to account for.
    async fn unit_withdrawals(
        &self,
        site: &Site,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<(String, RetractionReason, i64)>>;

    /// The site's operators, by name.
    async fn operators(&self, site: &Site) -> Result<Vec<OperatorRow>>;

    /// Adds an operator, changes one's role (making a disabled one active again), or disables
    /// one, audited with the before and after; administrators only, and never leaving the site
    /// without an active administrator. On PostgreSQL the login gets its role's grants (and is
    /// created if it does not exist). Returns false when nothing changed.
    async fn set_operator(&self, site: &Site, name: &str, change: OperatorChange) -> Result<bool>;

    /// Records a public inquiry (政民互动 咨询), valid or (with a reason) not, audited; returns its id.
    async fn add_inquiry(&self, site: &Site, inquiry: &NewInquiry) -> Result<i64>;

    /// Records the answer to an inquiry, audited; refused if it has one.
    async fn answer_inquiry(&self, site: &Site, id: i64, answer: &str, at: DateTime<Utc>) -> Result<()>;

    /// The inquiries, newest first.
    async fn inquiries(&self, site: &Site) -> Result<Vec<InquiryRow>>;

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
    async fn waivers(&self, site: &Site, item: i64) -> Result<Vec<(String, String, String, String)>>;

    /// Every waiver on the site, with its item first: (item, kind, text, reason, waived_by). One
    /// read for a check of everything online, instead of one per item with findings.
    async fn site_waivers(&self, site: &Site) -> Result<Vec<(i64, String, String, String, String)>>;

    /// A number that grows with every change anybody makes to the database (every change writes
    /// an audit record: the newest one's id). A view watches it to reload when a colleague changes
    /// something; one primary-key lookup, the same on both backends.
    async fn change_mark(&self) -> Result<i64>;

    /// Notifications of changes as they are committed, on a database that sends them (PostgreSQL
    /// LISTEN/NOTIFY: every audit record notifies); None on SQLite, where the change mark is
    /// watched instead. A console checks the change mark at once on each.
    async fn watch(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<()>>;

    /// Who this store acts as on the site: their role and whether they are active (`None`: not an
    /// operator of the site).
    async fn whoami(&self, site: &Site) -> Result<Option<(Role, bool)>>;

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

    /// A page of the items online in a column, newest first by the time they went online there:
    /// those before `before` (time, item id) when given. Keyset paging on one index range.
    async fn column_items(
        &self,
        site: &Site,
        column_id: i64,
        before: Option<(DateTime<Utc>, i64)>,
        limit: i64,
    ) -> Result<Vec<ItemSummary>>;

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
            let page = self.column_items(site, column_id, Some(key), PAGE).await?;
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

    /// One item, whole, with its history (reviews, withdrawals, restorations), oldest first.
    async fn item(&self, site: &Site, id: i64) -> Result<(ExportedItem, Vec<HistoryEntry>)>;

    /// A page of the audit trail of the site (and of changes to no site, such as the calendar),
    /// newest first: the entries before id `before` when given, and only those `filter` lets
    /// through.
    async fn audit_page(
        &self,
        site: &Site,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>>;

    /// The retraction requests (Art. 13), of one status or all, most urgent first: classified,
    /// improper, error, outdated; then the oldest.
    async fn retraction_requests(&self, site: &Site, status: Option<RequestStatus>) -> Result<Vec<RetractionRequest>>;

    /// Withdraws online items (Art. 13), one or a thousand, in one transaction: each off every
    /// column at once, the reason, note, operator and time recorded, its pending requests closed,
    /// the running totals kept (an item withdrawn as anything but outdated loses its points), and
    /// an audit record for each. Nothing is deleted. Items already withdrawn are left as they are
    /// (`already`); an item that is not online or withdrawn refuses the whole batch.
    async fn retract(&self, site: &Site, items: &[i64], reason: RetractionReason, note: &str) -> Result<Withdrawal>;

    /// Marks online items amended, repealed or expired instead of withdrawing them: they stay
    /// online, the mark, its date and the replacing document are recorded (not an update of their
    /// columns), their pending `outdated` requests closed, with an audit record for each, in one
    /// transaction. Items already carrying this mark are left as they are (`already`); an item
    /// that is not online refuses the whole batch.
    async fn mark(&self, site: &Site, items: &[i64], mark: &NewMark) -> Result<Marking>;

    /// The latest withdrawals (restored or not), newest first, with how long a request waited for
    /// each.
    async fn withdrawals(&self, site: &Site, limit: i64) -> Result<Vec<WithdrawalRow>>;

    /// Puts a withdrawn item back online in the columns it was in, with its audit record; an item
    /// that is online is a no-op (`Ok(None)`).
    async fn restore(&self, site: &Site, item: i64, note: &str) -> Result<Option<Transition>>;

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

    /// An item's id from what a user typed: its id, or its import `ref`.
    async fn find_item(&self, site: &Site, key: &str) -> Result<i64>;

    /// The items awaiting a decision (review or publication), by step, oldest first; of one path or
    /// step when given.
    async fn queue(&self, site: &Site, path: Option<ItemPath>, stage: Option<Stage>) -> Result<Vec<QueueItem>>;

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

/// An item awaiting a decision, as the queue lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub id: i64,
    pub path: ItemPath,
    pub stage: Stage,
    pub unit: Option<String>,
    pub form: Form,
    pub title: String,
    pub channel: Channel,
    /// Its target columns' paths.
    pub columns: Vec<String>,
    pub submitted_at: DateTime<Utc>,
    /// When a WeChat item went out on its unit's account.
    pub wechat_at: Option<DateTime<Utc>>,
    /// For a unit item: the attachments Art. 10 requires that it lacks.
    pub missing: Vec<AttachmentKind>,
    pub version: i64,
}

/// A unit's request to withdraw an item (Art. 13).
#[derive(Debug, Clone, PartialEq)]
pub struct RetractionRequest {
    pub id: i64,
    pub item: i64,
    pub title: String,
    /// The requesting unit.
    pub unit: Option<String>,
    pub reason: RetractionReason,
    pub note: String,
    pub status: RequestStatus,
    pub requested_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by: Option<String>,
    /// How it was handled (withdrawn, marked instead, declined).
    pub resolution: Option<Resolution>,
    /// The item's columns.
    pub columns: Vec<String>,
}

/// What a withdrawal did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withdrawal {
    /// The items it took offline.
    pub withdrawn: Vec<i64>,
    /// The items that were withdrawn already (by somebody else, or before).
    pub already: Vec<i64>,
    /// The pending requests it closed.
    pub requests_closed: u64,
}

/// A mark to put on items instead of withdrawing them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMark {
    pub kind: MarkKind,
    /// When the amendment, repeal or expiry took effect.
    pub effective_on: NaiveDate,
    /// The document that replaces it (its number or title), if any.
    pub replaced_by: String,
    pub note: String,
}

/// What marking did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marking {
    pub marked: Vec<i64>,
    /// The items that carried this mark already.
    pub already: Vec<i64>,
    pub requests_closed: u64,
}

/// One withdrawal, as the list of withdrawals shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct WithdrawalRow {
    pub id: i64,
    pub item: i64,
    pub title: String,
    pub reason: RetractionReason,
    pub note: String,
    pub withdrawn_at: DateTime<Utc>,
    pub withdrawn_by: String,
    /// When and by whom it was put back online.
    pub restored: Option<(DateTime<Utc>, String)>,
    /// The earliest request it closed: when that was made.
    pub requested_at: Option<DateTime<Utc>>,
    /// Its public page still answered without the withdrawal notice when the link checks last
    /// looked (`reports::links::flag_withdrawals` sets it; the store lists it false).
    pub still_public: bool,
}

impl WithdrawalRow {
    /// From the request to the withdrawal, in minutes, for a withdrawal a request asked for.
    pub fn minutes_from_request(&self) -> Option<i64> {
        self.requested_at.map(|r| (self.withdrawn_at - r).num_minutes().max(0))
    }
}

/// Which audit records to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only those made at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only those about this item (and the requests to withdraw it).
    pub item: Option<i64>,
    /// Only those made by this operator.
    pub operator: Option<String>,
    /// Only this action, or the actions under it (`retraction` takes `retraction.request` and
    /// `retraction.decline`).
    pub action: Option<String>,
}

/// What a decision or a publication did to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub item: i64,
    pub from: Stage,
    pub to: Stage,
    /// The item's version after the change.
    pub version: i64,
}

/// One record of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub operator: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// An item as a column's list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSummary {
    pub id: i64,
    pub title: String,
    /// When it went online in the column.
    pub online_since: DateTime<Utc>,
    /// Its form in the column.
    pub form: Form,
    pub path: ItemPath,
    pub unit: Option<String>,
    /// Its mark (已修改 / 已废止 / 已失效), if it has one.
    pub mark: Option<MarkKind>,
}

impl RetractionRequest {
    /// From the request to its handling, in minutes, once handled.
    pub fn minutes_to_handle(&self) -> Option<i64> {
        self.handled_at.map(|h| (h - self.requested_at).num_minutes().max(0))
    }
}

/// One event in an item's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub operator: String,
    /// What happened, in words: `approve (recheck)`, `withdraw: outdated — note`, `restore`.
    pub event: String,
}

/// Opens the database a target names, checking it can be reached.
pub async fn open(target: &Target, options: OpenOptions) -> Result<Arc<dyn Store>> {
    backend::open(target, options).await
}

pub use backend::close_files;

/// The dates of a year, as an inclusive range.
pub fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

/// What a value bound to a hot statement stands for: the plan tests and the benchmarks bind their
/// own database's (a site, a busy column, an item, an instant) or the literal given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// The site the statement works on (`$1` of every hot statement).
    Site,
    /// A column of the site.
    Column,
    /// An item of the site.
    Item,
    /// An instant (now, for the reports).
    Instant,
    /// A Beijing date (today, for the reports).
    Day,
    /// The first day of a year, and the first day of the next (`scores --year`).
    YearStart,
    YearEnd,
    Int(i64),
    Text(&'static str),
    /// A null of type text or time (an absent filter).
    NullText,
    NullTime,
}

/// One of the statements the console and the reports run most, exactly as the store runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotStatement {
    pub name: &'static str,
    pub sql: String,
    /// What `$1`, `$2`, … stand for.
    pub params: Vec<Param>,
}

/// The hot statements for a backend: every one filters by its site on every table it reads
/// (docs/scaling.md), and tests/plans.rs checks each one's plan reads through an index.
pub fn hot_statements(dialect: schema::Dialect) -> Vec<HotStatement> {
    match dialect {
        schema::Dialect::Postgres => sql::hot_statements::<sqlx::Postgres>(),
        schema::Dialect::Sqlite => sql::hot_statements::<sqlx::Sqlite>(),
    }
}
