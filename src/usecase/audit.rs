//! The audit trail: every change with who made it and when.

use crate::domain::AuditAction;
use crate::domain::audit_chain::{Break, Walk};
use crate::domain::search::Needle;
use crate::i18n::{self, Lang};
use crate::store::{AuditEntry, AuditFilter, Chain, Result, Seek, Site, Store, Total};
use crate::t;

/// What an audit record says was done, as a person says it: "withdraw", 撤回.
pub fn said(a: AuditAction) -> String {
    match a {
        AuditAction::Backup => t!("audit-action-backup"),
        AuditAction::CalendarImport => t!("audit-action-calendar-import"),
        AuditAction::CalendarSet => t!("audit-action-calendar-set"),
        AuditAction::Demo => t!("audit-action-demo"),
        AuditAction::DocumentsAdd => t!("audit-action-documents-add"),
        AuditAction::FindingWaive => t!("audit-action-finding-waive"),
        AuditAction::FindingsCheck => t!("audit-action-findings-check"),
        AuditAction::Import => t!("audit-action-import"),
        AuditAction::IncidentAdd => t!("audit-action-incident-add"),
        AuditAction::IncidentReverse => t!("audit-action-incident-reverse"),
        AuditAction::Init => t!("audit-action-init"),
        AuditAction::InquiryAdd => t!("audit-action-inquiry-add"),
        AuditAction::InquiryAnswer => t!("audit-action-inquiry-answer"),
        AuditAction::ItemResubmit => t!("audit-action-item-resubmit"),
        AuditAction::LinksCheck => t!("audit-action-links-check"),
        AuditAction::LinksProbe => t!("audit-action-links-probe"),
        AuditAction::Mark => t!("audit-action-mark"),
        AuditAction::OperatorSet => t!("audit-action-operator-set"),
        AuditAction::Publish => t!("audit-action-publish"),
        AuditAction::RectificationAdd => t!("audit-action-rectification-add"),
        AuditAction::RectificationClose => t!("audit-action-rectification-close"),
        AuditAction::Restore => t!("audit-action-restore"),
        AuditAction::Retract => t!("audit-action-retract"),
        AuditAction::RetractionClose => t!("audit-action-retraction-close"),
        AuditAction::RetractionDecline => t!("audit-action-retraction-decline"),
        AuditAction::RetractionRequest => t!("audit-action-retraction-request"),
        AuditAction::ReviewApprove => t!("audit-action-review-approve"),
        AuditAction::ReviewReject => t!("audit-action-review-reject"),
        AuditAction::ReviewReturn => t!("audit-action-review-return"),
        AuditAction::SchemaUpgrade => t!("audit-action-schema-upgrade"),
        AuditAction::SiteAdd => t!("audit-action-site-add"),
    }
}

/// The actions whose words, in either language, hold `text` (Latin letters in either case): 撤回
/// names `retract`, `retraction.decline` and `retraction.request`, "withdraw" `retract` and
/// `retraction.request`, as the Audit tab shows them.
pub fn actions_said(text: &Needle) -> Vec<String> {
    let wanted = text.as_str().to_lowercase();
    AuditAction::ALL
        .iter()
        .filter(|&&a| Lang::ALL.iter().any(|&lang| i18n::scoped(lang, || said(a)).to_lowercase().contains(&wanted)))
        .map(|a| a.as_str().to_string())
        .collect()
}

/// `filter` with the actions its text names in words (`actions_said`), for the store.
fn with_said(filter: &AuditFilter) -> AuditFilter {
    let said = filter.text.as_ref().map(actions_said).unwrap_or_default();
    AuditFilter { said, ..filter.clone() }
}

/// A page of the audit trail, newest first, from `seek` (the first page, after a record's id, the
/// last, before one), and only those `filter` lets through: a text typed also finds the records
/// whose action it names in words (`actions_said`).
pub async fn page(
    store: &dyn Store,
    site: &Site,
    filter: &AuditFilter,
    seek: Seek<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    store.audit_page(site, &with_said(filter), seek, limit).await
}

/// How many records `page` lists with `filter`: the heading's "n of N".
pub async fn total(store: &dyn Store, site: &Site, filter: &AuditFilter) -> Result<Total> {
    store.audit_total(site, &with_said(filter)).await
}

/// Every entry `filter` lets through, newest first, read a page at a time.
pub async fn all(store: &dyn Store, site: &Site, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    const PAGE: i64 = 1_000;
    let mut out: Vec<AuditEntry> = Vec::new();
    loop {
        let rows = page(store, site, filter, out.last().map(|e| e.id).into(), PAGE).await?;
        if rows.is_empty() {
            return Ok(out);
        }
        out.extend(rows);
    }
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every record fits its chain; the site's head (its newest record's id and hash), and how many
    /// records were walked in all.
    Intact { head: Option<(i64, String)>, records: u64 },
    /// The first record that does not fit its chain.
    Broken(Break),
    /// The chain fits, but the hash given is none of its records': the trail was rewritten from
    /// some record up to its head, or the hash is of another trail.
    NotInTrail { head: Option<(i64, String)>, records: u64 },
}

/// The site's chain's head: its newest record's id and hash (what a bulletin and a backup's summary
/// print).
pub async fn head(store: &dyn Store, site: &Site) -> Result<Option<(i64, String)>> {
    Ok(store.chain_head(Chain::Site(site.id)).await?.map(|h| (h.id, h.hash.unwrap_or_default())))
}

/// Walks the site's chain and that of the records of no site, in id order, a page at a time,
/// telling `progress` how many records of how many it has walked. With `against`, the hash must
/// be one of the site's records' (a head published earlier): the trail has only grown since.
pub async fn verify(
    store: &dyn Store,
    site: &Site,
    against: Option<&str>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Verdict> {
    const PAGE: i64 = 10_000;
    let chains = [Chain::Site(site.id), Chain::NoSite];
    let mut total = 0;
    for chain in chains {
        total += store.chain_length(chain).await?.max(0) as u64;
    }
    let against = against.map(str::to_ascii_lowercase);
    let (mut walked, mut found, mut head) = (0, against.is_none(), None);
    for chain in chains {
        let mut walk = Walk::default();
        let mut after = 0;
        loop {
            let (mut read, mut broken) = (0, None);
            store
                .chain_page(chain, after, PAGE, &mut |record| {
                    read += 1;
                    after = record.id;
                    if let Err(b) = walk.step(record.id, &record.content, record.hash) {
                        broken = Some(b);
                        return false;
                    }
                    if chain == chains[0] && against.is_some() && against.as_deref() == record.hash {
                        found = true;
                    }
                    true
                })
                .await?;
            if let Some(broken) = broken {
                return Ok(Verdict::Broken(broken));
            }
            if read == 0 {
                break;
            }
            walked += read;
            progress(walked, total.max(walked));
        }
        if chain == chains[0] {
            head = walk.head();
        }
    }
    Ok(if found { Verdict::Intact { head, records: walked } } else { Verdict::NotInTrail { head, records: walked } })
}
