//! The audit trail: every change with who made it and when.

use crate::domain::audit_chain::{Break, Walk};
use crate::store::{AuditEntry, AuditFilter, Chain, Result, Seek, Site, Store, Total};

/// A page of the audit trail, newest first, from `seek` (the first page, after a record's id, the
/// last, before one), and only those `filter` lets through.
pub async fn page(
    store: &dyn Store,
    site: &Site,
    filter: &AuditFilter,
    seek: Seek<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    store.audit_page(site, filter, seek, limit).await
}

/// How many records `page` lists with `filter`: the heading's "n of N".
pub async fn total(store: &dyn Store, site: &Site, filter: &AuditFilter) -> Result<Total> {
    store.audit_total(site, filter).await
}

/// Every entry `filter` lets through, newest first, read a page at a time.
pub async fn all(store: &dyn Store, site: &Site, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    const PAGE: i64 = 1_000;
    let mut out: Vec<AuditEntry> = Vec::new();
    loop {
        let page = store.audit_page(site, filter, out.last().map(|e| e.id).into(), PAGE).await?;
        if page.is_empty() {
            return Ok(out);
        }
        out.extend(page);
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
    Ok(store.chain_head(Chain::Site(site.id)).await?.map(|(id, hash)| (id, hash.unwrap_or_default())))
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
