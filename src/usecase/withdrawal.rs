//! Withdrawing items (Art. 13), marking them 已修改 / 已废止 / 已失效 instead, restoring one, and
//! the requests that ask for it: the items chosen, the facts a confirmation shows before anything
//! is written, and what the write did, in words.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::item::RequestStatus;
use crate::domain::time::beijing_midnight;
use crate::domain::{MarkKind, RetractionReason};
use crate::reports;
use crate::store::{
    ItemSummary, ListFilter, Marking, NewMark, Restoration, Result, RetractionRequest, Seek, Site, Store, Total,
    Transition, Withdrawal, WithdrawalRow,
};
use crate::t;

/// Every item online in a column that went online there before `day` (Beijing time), newest
/// first: "everything older than …".
pub async fn older_in_column(store: &dyn Store, site: &Site, column: i64, day: NaiveDate) -> Result<Vec<ItemSummary>> {
    store.column_items_before(site, column, beijing_midnight(day)).await
}

/// The items a user named (ids or refs) and those that went online in a column before a day,
/// each once, in that order; none when the column's part finds nothing and nothing is named (a
/// withdrawal done already: a no-op, not an error).
pub async fn choose(
    store: &dyn Store,
    site: &Site,
    keys: &[String],
    older: Option<(i64, NaiveDate)>,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(keys.len());
    for key in keys {
        ids.push(store.find_item(site, key).await?);
    }
    if let Some((column, day)) = older {
        let found = older_in_column(store, site, column, day).await?;
        ids.extend(found.into_iter().map(|i| i.id));
    }
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
    Ok(ids)
}

/// A withdrawal as its confirmation shows it, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The items, with their titles.
    pub items: Vec<(i64, String)>,
    pub reason: RetractionReason,
    /// The other reasons, in the order choosing the next one gives them.
    pub others: Vec<RetractionReason>,
}

/// The withdrawal of `items` for `reason`, with what the confirmation says of it.
pub fn propose(items: Vec<(i64, String)>, reason: RetractionReason) -> Proposal {
    let mut others = Vec::new();
    let mut other = next(RetractionReason::ALL, reason);
    while other != reason {
        others.push(other);
        other = next(RetractionReason::ALL, other);
    }
    Proposal { items, reason, others }
}

impl Proposal {
    /// Whether the items keep their points: Art. 16 keeps them only for an outdated item.
    pub fn keeps_points(&self) -> bool {
        self.reason == RetractionReason::Outdated
    }

    /// The same items, for the next reason.
    pub fn next_reason(self) -> Proposal {
        let reason = next(RetractionReason::ALL, self.reason);
        propose(self.items, reason)
    }
}

/// The next of a cycle of values (reasons, marks).
pub fn next<T: Copy + PartialEq>(all: &[T], now: T) -> T {
    let i = all.iter().position(|v| *v == now).unwrap_or(0);
    all[(i + 1) % all.len()]
}

/// Withdraws online items, each off every column at once, in one transaction.
pub async fn retract(
    store: &dyn Store,
    site: &Site,
    items: &[i64],
    reason: RetractionReason,
    note: &str,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Withdrawal> {
    store.retract(site, items, reason, note, progress).await
}

/// Marks online items amended, repealed or expired instead of withdrawing them.
pub async fn mark(store: &dyn Store, site: &Site, items: &[i64], mark: &NewMark) -> Result<Marking> {
    store.mark(site, items, mark).await
}

/// Puts a withdrawn item back online in the columns it was in; `None`: it was not withdrawn.
pub async fn restore(store: &dyn Store, site: &Site, item: i64, note: &str) -> Result<Option<Transition>> {
    store.restore(site, item, note).await
}

/// Puts back online the items of withdrawals (by the withdrawal records' ids: rows marked in the
/// Withdrawn tab, or a bulk withdrawal's records), in one transaction with an audit record each.
pub async fn restore_withdrawals(
    store: &dyn Store,
    site: &Site,
    withdrawals: &[i64],
    note: &str,
) -> Result<Restoration> {
    store.restore_withdrawals(site, withdrawals, note).await
}

/// Puts back online every item of one bulk withdrawal (`batch`: any of its records' ids, as the
/// Withdrawn tab's batch column shows the first), in one transaction.
pub async fn restore_batch(store: &dyn Store, site: &Site, batch: i64, note: &str) -> Result<Restoration> {
    let records = store.withdrawal_batch(site, batch).await?;
    restore_withdrawals(store, site, &records, note).await
}

/// A page of the withdrawals, newest first, from `seek`, each flagged when the link checks found
/// its public page still public; with `filter` (as typed, two characters or more), those whose
/// item's id or title, reason, note or withdrawer holds it.
pub async fn withdrawals(
    store: &dyn Store,
    site: &Site,
    filter: Option<&str>,
    seek: Seek<(DateTime<Utc>, i64)>,
    limit: i64,
) -> Result<Vec<WithdrawalRow>> {
    let filter = withdrawn_filter(store, site, filter).await?;
    let mut rows = store.withdrawals(site, filter.as_ref(), seek, limit).await?;
    reports::links::flag_withdrawals(store, site, &mut rows).await?;
    Ok(rows)
}

/// How many withdrawals `withdrawals` lists with `filter`: the heading's "n of N".
pub async fn withdrawals_total(store: &dyn Store, site: &Site, filter: Option<&str>) -> Result<Total> {
    let filter = withdrawn_filter(store, site, filter).await?;
    store.withdrawal_total(site, filter.as_ref()).await
}

async fn withdrawn_filter(store: &dyn Store, site: &Site, filter: Option<&str>) -> Result<Option<ListFilter>> {
    match filter {
        Some(typed) => Ok(Some(super::search::list_filter(store, site, typed).await?)),
        None => Ok(None),
    }
}

/// The retraction requests, of one status or all, most urgent first, each flagged when its item is
/// withdrawn and the link checks found its public page still public.
pub async fn requests(store: &dyn Store, site: &Site, status: Option<RequestStatus>) -> Result<Vec<RetractionRequest>> {
    let mut rows = store.retraction_requests(site, status).await?;
    let public = reports::links::still_public_items(store, site).await?;
    reports::links::flag_requests(&mut rows, &public);
    Ok(rows)
}

/// What the Retractions tab lists: the pending requests, most urgent first, then the requests
/// whose item was withdrawn but whose public page the link checks found still answering without
/// the withdrawal notice (flagged): such a request is not done until the page is gone.
pub async fn open_requests(store: &dyn Store, site: &Site) -> Result<Vec<RetractionRequest>> {
    let public = reports::links::still_public_items(store, site).await?;
    let mut rows = store.retraction_requests(site, Some(RequestStatus::Pending)).await?;
    if !public.is_empty() {
        let done = store.retraction_requests(site, Some(RequestStatus::Done)).await?;
        rows.extend(done.into_iter().filter(|r| public.contains(&r.item)));
    }
    reports::links::flag_requests(&mut rows, &public);
    Ok(rows)
}

/// Records a unit's request to withdraw an item; the request's id.
pub async fn request(
    store: &dyn Store,
    site: &Site,
    item: i64,
    unit: &str,
    reason: RetractionReason,
    note: &str,
) -> Result<i64> {
    store.request_retraction(site, item, unit, reason, note).await
}

/// Declines a pending request with a reason.
pub async fn decline(store: &dyn Store, site: &Site, request: i64, reason: &str) -> Result<()> {
    store.decline_request(site, request, reason).await
}

/// What a withdrawal did, in one line, in the language in effect.
pub fn summary(w: &Withdrawal) -> String {
    if w.withdrawn.is_empty() {
        return match &w.already[..] {
            [] => t!("said-withdrawn-none"),
            [one] => t!("said-withdrawn-already-one", id = one.to_string()),
            many => t!("said-withdrawn-already-many", count = many.len()),
        };
    }
    let mut said = t!("said-withdrew", items = items_word(&w.withdrawn));
    said.push_str(&requests_closed(w.requests_closed));
    match &w.already[..] {
        [] => {}
        [one] => said.push_str(&t!("said-withdrew-also-one", id = one.to_string())),
        many => said.push_str(&t!("said-withdrew-also-many", count = many.len())),
    }
    said
}

/// What marking did, in one line, in the language in effect (the mark in the public page's words).
pub fn marking_summary(kind: MarkKind, m: &Marking) -> String {
    let label = kind.label();
    if m.marked.is_empty() {
        return match &m.already[..] {
            [] => t!("said-marked-none"),
            [one] => t!("said-marked-already-one", id = one.to_string(), label = label),
            many => t!("said-marked-already-many", count = many.len(), label = label),
        };
    }
    let mut said = t!("said-marked", items = items_word(&m.marked), label = label);
    said.push_str(&requests_closed(m.requests_closed));
    if !m.already.is_empty() {
        said.push_str(&t!("said-marked-also", count = m.already.len()));
    }
    said
}

/// What restoring withdrawals did, in one line, in the language in effect.
pub fn restoration_summary(r: &Restoration) -> String {
    let mut said = match (&r.restored[..], &r.already[..]) {
        ([], []) => return t!("said-restored-none"),
        ([], [one]) => return t!("said-restored-already-one", id = one.to_string()),
        ([], many) => return t!("said-restored-already-many", count = many.len()),
        ([one], _) => t!("said-restored", id = one.to_string()),
        (many, _) => t!("said-restored-items", count = many.len()),
    };
    match &r.already[..] {
        [] => {}
        [one] => said.push_str(&t!("said-restored-also-one", id = one.to_string())),
        many => said.push_str(&t!("said-restored-also-many", count = many.len())),
    }
    said
}

/// "item 12" or "3 items".
fn items_word(ids: &[i64]) -> String {
    match ids {
        [one] => t!("said-items-one", id = one.to_string()),
        many => t!("said-items-many", count = many.len()),
    }
}

fn requests_closed(n: u64) -> String {
    if n == 0 { String::new() } else { t!("said-requests-closed", count = n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_write_did_is_said_exactly() {
        let w = |withdrawn: &[i64], already: &[i64], requests_closed| Withdrawal {
            withdrawn: withdrawn.to_vec(),
            already: already.to_vec(),
            requests_closed,
            batch: None,
        };
        assert_eq!(summary(&w(&[1, 2, 3], &[], 1)), "withdrew 3 items from every column; 1 request closed");
        assert_eq!(summary(&w(&[7], &[], 0)), "withdrew item 7 from every column");
        assert_eq!(summary(&w(&[], &[12], 0)), "item 12 was already withdrawn; nothing changed");
        assert_eq!(summary(&w(&[], &[1, 2], 0)), "the 2 items were already withdrawn; nothing changed");
        assert_eq!(
            summary(&w(&[1, 2], &[5], 2)),
            "withdrew 2 items from every column; 2 requests closed; item 5 was already withdrawn"
        );
        let m = Marking { marked: vec![4], already: vec![], requests_closed: 1 };
        assert_eq!(marking_summary(MarkKind::Repealed, &m), "marked item 4 已废止, kept online; 1 request closed");
        let m = Marking { marked: vec![], already: vec![4], requests_closed: 0 };
        assert_eq!(marking_summary(MarkKind::Expired, &m), "item 4 was already marked 已失效; nothing changed");
        let r =
            |restored: &[i64], already: &[i64]| Restoration { restored: restored.to_vec(), already: already.to_vec() };
        assert_eq!(restoration_summary(&r(&[9], &[])), "restored item 9: back online in the columns it was in");
        assert_eq!(restoration_summary(&r(&[], &[9])), "item 9 was restored already; nothing changed");
        assert_eq!(
            restoration_summary(&r(&[1, 2, 3], &[4, 5])),
            "put 3 items back online in the columns they were in; 2 were restored already"
        );
        let said = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || summary(&w(&[1, 2], &[5], 2)));
        assert_eq!(said, "已将 2 条信息从所有栏目撤回；关闭撤回申请 2 件；信息 5 此前已撤回");
        let said = crate::i18n::scoped(crate::i18n::Lang::ZhCn, || restoration_summary(&r(&[1, 2], &[7])));
        assert_eq!(said, "已将 2 条信息恢复到原栏目上线；信息 7 此前已恢复");
    }

    #[test]
    fn a_proposal_names_the_other_reasons_in_the_order_the_key_gives_them() {
        use RetractionReason::*;
        let p = propose(vec![(3, "t".into())], Outdated);
        assert_eq!(p.others, [Improper, Classified, Error]);
        assert!(p.keeps_points());
        let p = p.next_reason();
        assert_eq!((p.reason, p.others.clone()), (Improper, vec![Classified, Error, Outdated]));
        assert!(!p.keeps_points());
        let mut r = Outdated;
        let mut seen = vec![];
        for _ in 0..4 {
            r = next(RetractionReason::ALL, r);
            seen.push(r);
        }
        assert_eq!(seen, [Improper, Classified, Error, Outdated]);
        assert_eq!(next(MarkKind::ALL, MarkKind::Expired), MarkKind::Amended);
    }
}
