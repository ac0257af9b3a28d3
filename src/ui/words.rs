//! The domain's values as the console shows them, in the language in effect (`i18n/*/words.ftl`).
//! The command line, CSV and JSON keep the English names (`as_str`): they are the scripting interface.

use crate::domain::checks::{Finding, FindingKind};
use crate::domain::inspection::{Detail, Note};
use crate::domain::item::AttachmentKind;
use crate::domain::links::Place;
use crate::domain::staleness::Status;
use crate::domain::{
    AuditTarget, Channel, Closing, Form, IncidentKind, ItemPath, ItemStatus, MarkKind, Resolution, RetractionReason,
    Role, Stage,
};
use crate::store::{HistoryEvent, Verdict};
use crate::t;

pub mod audit;

/// A word or figure said beside a text, in the language's brackets: `政府办 (3)` in English,
/// `政府办（3）` in Chinese, whose punctuation is full-width.
pub fn aside(text: &str, aside: &str) -> String {
    t!("aside", text = text, aside = aside)
}

/// A review step, as a person says it: "re-review", 复核.
pub fn stage(s: Stage) -> String {
    match s {
        Stage::OfficeReview => t!("stage-office-review"),
        Stage::Recheck => t!("stage-recheck"),
        Stage::Review => t!("stage-review"),
        Stage::Publish => t!("stage-publish"),
        Stage::Returned => t!("stage-returned"),
        Stage::Done => t!("stage-done"),
    }
}

/// A review step as the command line names it in English (`office_review`, as `--stage` takes
/// it), in the regulation's words in Chinese: for messages that name the step an item is at.
pub fn stage_name(s: Stage) -> String {
    crate::domain::review::stage_name(s)
}

/// An item's path, short: "gov", 政府.
pub fn path(p: ItemPath) -> String {
    match p {
        ItemPath::Government => t!("path-government"),
        ItemPath::Unit => t!("path-unit"),
        ItemPath::Repost => t!("path-repost"),
    }
}

/// An item's path in full: "government", 政府信息.
pub fn path_full(p: ItemPath) -> String {
    match p {
        ItemPath::Government => t!("item-page-path-government"),
        ItemPath::Unit => t!("item-page-path-unit"),
        ItemPath::Repost => t!("item-page-path-repost"),
    }
}

/// An item's status: "online", 在线.
pub fn item_status(s: ItemStatus) -> String {
    match s {
        ItemStatus::Pending => t!("item-page-status-pending"),
        ItemStatus::Returned => t!("item-page-status-returned"),
        ItemStatus::Online => t!("item-page-status-online"),
        ItemStatus::Withdrawn => t!("item-page-status-withdrawn"),
    }
}

/// Where an item was first published: "portal", 门户网站.
pub fn channel(c: Channel) -> String {
    match c {
        Channel::Portal => t!("item-page-channel-portal"),
        Channel::Wechat => t!("item-page-channel-wechat"),
    }
}

/// An item's form: 图文, 视频.
pub fn form(f: Form) -> String {
    match f {
        Form::Text => t!("form-text"),
        Form::ImageText => t!("form-image-text"),
        Form::Video => t!("form-video"),
    }
}

/// Why an item is withdrawn: 过期, 失当, 涉密, 错误.
pub fn reason(r: RetractionReason) -> String {
    match r {
        RetractionReason::Outdated => t!("reason-outdated"),
        RetractionReason::Improper => t!("reason-improper"),
        RetractionReason::Classified => t!("reason-classified"),
        RetractionReason::Error => t!("reason-error"),
    }
}

/// Where a column stands: 逾期, 空白栏目 …
pub fn status(s: Status) -> String {
    match s {
        Status::Overdue => t!("status-overdue"),
        Status::Empty => t!("status-empty"),
        Status::DueSoon => t!("status-due-soon"),
        Status::Ok => t!("status-ok"),
        Status::Exempt => t!("status-exempt"),
    }
}

/// What a content check found: 身份证号, 领导姓名 … (`FindingKind::words`).
pub fn finding(k: FindingKind) -> String {
    k.words()
}

/// A national check's indicator by its key, in the check's own words in Chinese
/// (`domain::inspection::INDICATORS`); a key the catalogs do not know, as it is.
pub fn indicator(key: &str) -> String {
    match key {
        "site_not_updated" => t!("indicator-site-not-updated"),
        "stale_columns" => t!("indicator-stale-columns"),
        "neglected_columns" => t!("indicator-neglected-columns"),
        "empty_columns" => t!("indicator-empty-columns"),
        "unanswered_inquiries" => t!("indicator-unanswered-inquiries"),
        "home_broken_links" => t!("indicator-home-broken-links"),
        "other_broken_links" => t!("indicator-other-broken-links"),
        "site_unreachable" => t!("indicator-site-unreachable"),
        other => other.to_string(),
    }
}

/// What a line behind an indicator's count says after what it names: "（最近更新 2026-10-30）".
pub fn note(n: &Note) -> String {
    match n {
        Note::Nothing => String::new(),
        Note::LastUpdate(Some(d)) => t!("inspect-note-last-update", date = d.to_string()),
        Note::LastUpdate(None) => t!("inspect-note-never-updated"),
        Note::HomeUpdated(Some(d)) => t!("inspect-note-home-updated", date = d.to_string()),
        Note::HomeUpdated(None) => t!("inspect-note-home-never"),
        Note::Unanswered(d) => t!("inspect-note-unanswered", date = d.to_string()),
        Note::PastReply { count, days } => t!("inspect-note-past-reply", count = *count, days = *days),
        Note::NoProbes { from, to } => t!("inspect-note-no-probes", from = from.to_string(), to = to.to_string()),
        Note::Probes { from, to, total, failed, seconds, permille } => t!(
            "inspect-note-probes",
            from = from.to_string(),
            to = to.to_string(),
            total = *total,
            failed = *failed,
            seconds = *seconds,
            share = format!("{}.{}", permille / 10, permille % 10)
        ),
        Note::ThinlyMonitored { days, per_day } => t!("inspect-note-thin", days = *days, per_day = *per_day),
        Note::NotOpened { when, why, millis } => {
            let why = why.clone().unwrap_or_else(|| t!("inspect-note-took", millis = *millis));
            t!("inspect-note-not-opened", when = when.as_str(), why = why)
        }
    }
}

/// A line behind an indicator's count, whole: what it names, then what it says.
pub fn detail(d: &Detail) -> String {
    format!("{}{}", d.what, note(&d.note))
}

/// An operator's role: 管理员, 审核员, 查看员.
pub fn role(r: Role) -> String {
    crate::domain::review::role_name(r)
}

/// An incident's kind, short: typo, 错别字.
pub fn incident(k: IncidentKind) -> String {
    match k {
        IncidentKind::Typo => t!("incident-kind-typo"),
        IncidentKind::Classified => t!("incident-kind-classified"),
        IncidentKind::Improper => t!("incident-kind-improper"),
    }
}

/// How a rectification order was closed: 人工销号, 问题已整改.
pub fn closing(how: Closing) -> String {
    match how {
        Closing::ByHand => t!("code-closing-by-hand"),
        Closing::ColumnUpdated => t!("code-closing-column-updated"),
        Closing::ItemWithdrawn => t!("code-closing-item-withdrawn"),
        Closing::ItemMarked => t!("code-closing-item-marked"),
        Closing::FindingWaived => t!("code-closing-finding-waived"),
        Closing::FindingFixed => t!("code-closing-finding-fixed"),
    }
}

/// One of the seven checks of Art. 9 (`n` from 1).
pub fn check(n: usize) -> String {
    match n {
        1 => t!("check-1"),
        2 => t!("check-2"),
        3 => t!("check-3"),
        4 => t!("check-4"),
        5 => t!("check-5"),
        6 => t!("check-6"),
        _ => t!("check-7"),
    }
}

/// Where a finding is: "body 12-15", 正文 12-15 (`Finding::place`).
pub fn place(f: &Finding) -> String {
    f.place()
}

/// What a unit's item lacks (Art. 10), short: "scan", 扫描件.
pub fn lacks_short(k: AttachmentKind) -> String {
    match k {
        AttachmentKind::SignedScan => t!("lacks-signed-scan"),
        AttachmentKind::ElectronicText => t!("lacks-electronic-text"),
        AttachmentKind::TargetColumns => t!("lacks-target-columns"),
    }
}

/// Where in its item a link is: 页面, 正文, 附件.
pub fn link_place(p: Place) -> String {
    match p {
        Place::Page => t!("broken-links-page"),
        Place::Body => t!("broken-links-body"),
        Place::Attachment => t!("broken-links-attachment"),
    }
}

/// What an audit record says was done, as a person says it: "withdraw", 撤回 (the use case's,
/// which finds the actions a text typed in the Audit tab names by these words).
pub use crate::usecase::audit::said as audit_action;

/// The kind of thing an audit record is about: "request", 撤回申请.
pub fn audit_target_kind(k: AuditTarget) -> String {
    match k {
        AuditTarget::Backup => t!("audit-target-backup"),
        AuditTarget::Calendar => t!("audit-target-calendar"),
        AuditTarget::Document => t!("audit-target-document"),
        AuditTarget::Incident => t!("audit-target-incident"),
        AuditTarget::Inquiry => t!("audit-target-inquiry"),
        AuditTarget::Item => t!("audit-target-item"),
        AuditTarget::Operator => t!("audit-target-operator"),
        AuditTarget::Rectification => t!("audit-target-rectification"),
        AuditTarget::Request => t!("audit-target-request"),
        AuditTarget::Schema => t!("audit-target-schema"),
        AuditTarget::Site => t!("audit-target-site"),
    }
}

/// An audit record's action in words; one this program does not know stays as it is.
pub fn audit_action_text(action: &str) -> String {
    action.parse().map_or_else(|_| action.to_string(), audit_action)
}

/// An audit record's target (`item:2406`, `schema`) in words: its kind said, its id as it is.
/// A kind this program does not know stays as it is.
pub fn audit_target_text(target: &str) -> String {
    let (kind, id) = match target.split_once(':') {
        Some((kind, id)) => (kind, Some(id)),
        None => (target, None),
    };
    let Ok(known) = kind.parse::<AuditTarget>() else { return target.to_string() };
    match id {
        Some(id) => t!("audit-target-with-id", kind = audit_target_kind(known), id = id),
        None => audit_target_kind(known),
    }
}

/// How a retraction request was handled: "withdrawn", 已撤回.
pub fn resolution(r: Resolution) -> String {
    match r {
        Resolution::Withdrawn => t!("code-resolution-withdrawn"),
        Resolution::Marked => t!("code-resolution-marked"),
        Resolution::Declined => t!("code-resolution-declined"),
    }
}

/// An item's mark: "amended (已修改)", 已修改.
pub fn marked(m: MarkKind) -> String {
    match m {
        MarkKind::Amended => t!("history-mark-amended"),
        MarkKind::Repealed => t!("history-mark-repealed"),
        MarkKind::Expired => t!("history-mark-expired"),
    }
}

/// A review decision: "approve", 通过.
pub fn verdict(v: Verdict) -> String {
    match v {
        Verdict::Approve => t!("history-verdict-approve"),
        Verdict::Reject => t!("history-verdict-reject"),
        Verdict::Return => t!("history-verdict-return"),
    }
}

/// One event of an item's history in words, as the item page and `show ITEM` say it: "approve
/// (recheck) — fine", 复核通过——同意.
pub fn history(e: &HistoryEvent) -> String {
    let decision = |v: Verdict, step: Stage| t!("history-decided", verdict = verdict(v), step = stage_name(step));
    let kind = |k: &str| FindingKind::parse(k).map_or_else(|| k.to_string(), finding);
    let noted = |event: String, note: &str| {
        if note.is_empty() { event } else { t!("history-noted", event = event, note = note) }
    };
    match e {
        HistoryEvent::Submitted => t!("history-submitted"),
        HistoryEvent::Attachment { kind, name } => {
            t!("history-attachment", kind = lacks_short(*kind), name = name.as_str())
        }
        HistoryEvent::Decided { verdict, step, note } => noted(decision(*verdict, *step), note),
        HistoryEvent::Returned { step, lacking, reason } => {
            let lacking =
                lacking.iter().map(|k| lacks_short(*k)).collect::<Vec<_>>().join(&t!("history-list-separator"));
            t!("history-returned", step = stage_name(*step), lacking = lacking, reason = reason.as_str())
        }
        HistoryEvent::Published => t!("history-published"),
        HistoryEvent::Withdrawn { reason: why, note } => noted(t!("history-withdrawn", reason = reason(*why)), note),
        HistoryEvent::Restored { note } => noted(t!("history-restored"), note),
        HistoryEvent::Waived { kind: k, text, reason } => {
            t!("history-waived", kind = kind(k), text = text.as_str(), reason = reason.as_str())
        }
        HistoryEvent::Found { verdict, step, finding: f } => {
            let (decision, kind, text) = (decision(*verdict, *step), kind(&f.kind), f.text.as_str());
            let (span, message) = (f.span.as_str(), f.message.words());
            let found = if f.blocking {
                t!(
                    "history-found-blocking",
                    decision = decision,
                    kind = kind,
                    text = text,
                    span = span,
                    message = message
                )
            } else {
                t!("history-found", decision = decision, kind = kind, text = text, span = span, message = message)
            };
            match &f.waived {
                Some(waiver) => t!("history-found-waived", found = found, waiver = waiver.as_str()),
                None => found,
            }
        }
        HistoryEvent::Fixed { verdict, step, kind: k, text } => {
            t!("history-fixed", decision = decision(*verdict, *step), kind = kind(k), text = text.as_str())
        }
        HistoryEvent::NothingFound { verdict, step } => {
            t!("history-nothing-found", decision = decision(*verdict, *step))
        }
        HistoryEvent::Marked { mark, from, replaced_by, note } => {
            let (mark, from) = (marked(*mark), from.to_string());
            let event = if replaced_by.is_empty() {
                t!("history-marked", mark = mark, from = from)
            } else {
                t!("history-marked-replaced", mark = mark, from = from, replaced = replaced_by.as_str())
            };
            noted(event, note)
        }
    }
}
