//! The review workflow of Art. 8–10: the step each path's items wait at, who may pass it, where a
//! decision sends an item, and the seven checks of Art. 9 every review answers.

use crate::t;
use std::fmt;

use super::enums::{ItemPath, RetractionReason, Role, Stage};
use super::item::ALL_CHECKS;

/// How many checks Art. 9 asks of a review (check N is bit N-1); their words are the catalogs'
/// (`ui::words::check`).
pub const CHECK_COUNT: usize = 7;

/// A set of the seven checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checks(pub i64);

impl Checks {
    pub const ALL: Checks = Checks(ALL_CHECKS);

    /// `1,2,3` (or `1 2 3`): the checks by number; a range `1-7` (or `1–7`); `all` for the seven.
    pub fn parse(text: &str) -> Result<Checks, String> {
        if text.trim().eq_ignore_ascii_case("all") {
            return Ok(Checks::ALL);
        }
        let mut bits = 0;
        let check = |part: &str, n: &str| match n.trim().parse::<u32>() {
            Ok(n @ 1..=7) => Ok(n),
            _ => Err(t!("rules-not-a-check", part = format!("{part:?}"))),
        };
        for part in text.split([',', ' ', '，']).filter(|p| !p.is_empty()) {
            match part.split_once(['-', '–', '~']) {
                Some((from, to)) => {
                    let (from, to) = (check(part, from)?, check(part, to)?);
                    if from > to {
                        return Err(t!("rules-not-a-check", part = format!("{part:?}")));
                    }
                    (from..=to).for_each(|n| bits |= 1 << (n - 1));
                }
                None => bits |= 1 << (check(part, part)? - 1),
            }
        }
        if bits == 0 {
            return Err(t!("rules-no-check"));
        }
        Ok(Checks(bits))
    }

    pub fn is_all(self) -> bool {
        self.0 == ALL_CHECKS
    }

    pub fn contains(self, n: u32) -> bool {
        (1..=7).contains(&n) && self.0 & (1 << (n - 1)) != 0
    }

    /// The numbers of the checks in the set.
    pub fn numbers(self) -> Vec<u32> {
        (1..=7).filter(|n| self.contains(*n)).collect()
    }
}

impl fmt::Display for Checks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let numbers: Vec<String> = self.numbers().iter().map(u32::to_string).collect();
        f.write_str(&numbers.join(","))
    }
}

/// What a reviewer decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Passes the step; all seven checks affirmed.
    Approve { checks: Checks, comment: String },
    /// Sends the item back to its unit, naming the failed checks and why.
    Reject { failed: Checks, reason: String },
    /// Sends a unit's submission back because it lacks what Art. 10 asks it to carry (the signed
    /// scan, the electronic text, the target columns), before any of the seven checks: nothing
    /// was checked, so none failed. The store allows it only for an item lacking one.
    Return { reason: String },
}

impl Decision {
    /// A decision as the rules require it: approval affirms all seven checks; a rejection names at
    /// least one failed check and gives a reason.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Decision::Approve { checks, .. } if !checks.is_all() => {
                let missing: Vec<String> =
                    Checks(ALL_CHECKS & !checks.0).numbers().iter().map(u32::to_string).collect();
                Err(t!("rules-approval-needs-checks", missing = missing.join(",")))
            }
            Decision::Reject { reason, .. } if reason.trim().is_empty() => Err(t!("rules-rejection-needs-reason")),
            Decision::Return { reason } if reason.trim().is_empty() => Err(t!("rules-rejection-needs-reason")),
            _ => Ok(()),
        }
    }
}

/// How urgent a retraction request is (Art. 13), most urgent first: a suspected state secret,
/// then improper content, then an error, then outdated content.
pub fn urgency(reason: RetractionReason) -> u8 {
    match reason {
        RetractionReason::Classified => 0,
        RetractionReason::Improper => 1,
        RetractionReason::Error => 2,
        RetractionReason::Outdated => 3,
    }
}

/// Whether a pending request has waited too long: a suspected secret more than 15 minutes.
pub fn alarming(reason: RetractionReason, waited_minutes: i64) -> bool {
    reason == RetractionReason::Classified && waited_minutes > 15
}

/// The review step an item of a path waits at.
pub fn review_step(path: ItemPath) -> Stage {
    match path {
        ItemPath::Government => Stage::OfficeReview,
        ItemPath::Unit => Stage::Recheck,
        ItemPath::Repost => Stage::Review,
    }
}

/// Where a step comes in the queue: the review steps in the workflow's order, then publication.
pub fn step_order(stage: Stage) -> usize {
    match stage {
        Stage::OfficeReview => 0,
        Stage::Recheck => 1,
        Stage::Review => 2,
        _ => 3,
    }
}

/// How long an item may wait for a decision before it has waited too long: an hour for one its
/// unit already put on WeChat (it must reach the portal at once, Art. 7), a day for any other.
pub fn wait_limit(channel: crate::domain::Channel) -> chrono::Duration {
    match channel {
        crate::domain::Channel::Wechat => chrono::Duration::hours(1),
        crate::domain::Channel::Portal => chrono::Duration::days(1),
    }
}

/// Who may pass a step: the government office's review by a reviewer or an administrator; the
/// administrators' re-review (复核), repost review and publication by an administrator only.
pub fn may_pass(role: Role, stage: Stage) -> bool {
    match stage {
        Stage::OfficeReview => matches!(role, Role::Admin | Role::Reviewer),
        Stage::Recheck | Stage::Review | Stage::Publish => role == Role::Admin,
        Stage::Returned | Stage::Done => false,
    }
}

/// A review step as the command line names it in English (`office_review`, as `--stage` takes
/// it), in the regulation's words in Chinese: for messages that name the step an item is at.
pub fn stage_name(s: Stage) -> String {
    match s {
        Stage::OfficeReview => t!("stage-name-office-review"),
        Stage::Recheck => t!("stage-name-recheck"),
        Stage::Review => t!("stage-name-review"),
        Stage::Publish => t!("stage-name-publish"),
        Stage::Returned => t!("stage-name-returned"),
        Stage::Done => t!("stage-name-done"),
    }
}

/// An operator's role as a person says it: admin, 管理员; supervisor, 督查员.
pub fn role_name(r: Role) -> String {
    match r {
        Role::Admin => t!("role-admin"),
        Role::Reviewer => t!("role-reviewer"),
        Role::Viewer => t!("role-viewer"),
        Role::Supervisor => t!("role-supervisor"),
    }
}

/// Something only some roles may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Pass a review step, or publish (the `publish` step).
    Pass(Stage),
    /// Withdraw an item, restore it, or decline a request to withdraw it (Art. 13): like
    /// publishing, an administrator's.
    Withdraw,
    /// Record an incident against a unit, or correct one (Art. 16): the government office's
    /// administrators'.
    RecordIncident,
    /// Add operators, change their roles, disable them: administrators'.
    ManageOperators,
    /// Load items from the source system, register issued documents, change the working-day
    /// calendar: administrators'.
    Administer,
    /// Record a unit's request to withdraw an item: an administrator's or a reviewer's.
    RecordRequest,
    /// Waive a finding of the content checks, with a reason: an administrator's or a reviewer's.
    WaiveFinding,
    /// Record what checking the items' links found (`links`): an administrator's.
    CheckLinks,
    /// Issue or close a rectification order (整改通知): an administrator's.
    Rectify,
}

impl Act {
    pub fn allowed(self, role: Role) -> bool {
        match self {
            Act::Pass(stage) => may_pass(role, stage),
            Act::Withdraw => may_pass(role, Stage::Publish),
            Act::RecordIncident | Act::ManageOperators | Act::Administer | Act::CheckLinks | Act::Rectify => {
                role == Role::Admin
            }
            Act::RecordRequest | Act::WaiveFinding => matches!(role, Role::Admin | Role::Reviewer),
        }
    }
}

impl fmt::Display for Act {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            Act::Pass(stage) => t!("rules-act-pass", stage = stage_name(*stage)),
            Act::Withdraw => t!("rules-act-withdraw"),
            Act::RecordIncident => t!("rules-act-incident"),
            Act::ManageOperators => t!("rules-act-operators"),
            Act::Administer => t!("rules-act-administer"),
            Act::RecordRequest => t!("rules-act-request"),
            Act::WaiveFinding => t!("rules-act-waive"),
            Act::CheckLinks => t!("rules-act-links"),
            Act::Rectify => t!("rectify-act"),
        };
        f.write_str(&said)
    }
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    NotUnderReview {
        item: i64,
        stage: &'static str,
    },
    NotReadyToPublish {
        item: i64,
        stage: &'static str,
    },
    /// A return for what the item lacks, of an item that lacks nothing.
    LacksNothing {
        item: i64,
    },
    NotAllowed {
        operator: String,
        role: Role,
        act: Act,
    },
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            WorkflowError::NotUnderReview { item, stage } => {
                t!("rules-not-under-review", item = item.to_string(), stage = *stage)
            }
            WorkflowError::NotReadyToPublish { item, stage } => {
                t!("rules-not-ready-to-publish", item = item.to_string(), stage = *stage)
            }
            WorkflowError::LacksNothing { item } => t!("rules-lacks-nothing", item = item.to_string()),
            WorkflowError::NotAllowed { operator, role, act } => {
                t!("rules-not-allowed", operator = operator.as_str(), role = role_name(*role), act = act.to_string())
            }
        };
        f.write_str(&said)
    }
}

impl std::error::Error for WorkflowError {}

/// Where a decision on item `item` (of `path`, at `stage`) sends it.
pub fn after_decision(item: i64, path: ItemPath, stage: Stage, decision: &Decision) -> Result<Stage, WorkflowError> {
    if stage != review_step(path) {
        return Err(WorkflowError::NotUnderReview { item, stage: stage.as_str() });
    }
    Ok(match decision {
        Decision::Approve { .. } => Stage::Publish,
        Decision::Reject { .. } | Decision::Return { .. } => Stage::Returned,
    })
}

/// Whether an item may be returned for what it lacks (`Decision::Return`): only when it lacks
/// something Art. 10 asks (`lacking` is `item::lacking` of its path and attachments).
pub fn may_return(item: i64, lacking: &[super::item::AttachmentKind]) -> Result<(), WorkflowError> {
    if lacking.is_empty() { Err(WorkflowError::LacksNothing { item }) } else { Ok(()) }
}

#[cfg(test)]
mod tests {

    /// A refusal by role is said in the reader's words: the role and the step too, not their
    /// codes inside a Chinese sentence.
    #[test]
    fn a_refusal_by_role_names_the_role_and_the_step_in_the_language() {
        use crate::i18n::{Lang, scoped};
        let refused = |role, act| WorkflowError::NotAllowed { operator: "li.jianhua".into(), role, act }.to_string();
        let zh = scoped(Lang::ZhCn, || refused(Role::Supervisor, Act::Pass(Stage::Publish)));
        assert_eq!(zh, "li.jianhua（督查员）不能通过“待发布”环节");
        let zh = scoped(Lang::ZhCn, || refused(Role::Viewer, Act::Withdraw));
        assert!(zh.starts_with("li.jianhua（查看员）不能") && !zh.contains("viewer"), "{zh}");
        let en = scoped(Lang::En, || refused(Role::Supervisor, Act::Pass(Stage::Publish)));
        assert_eq!(en, "li.jianhua (supervisor) may not pass the publish step");
    }
    use super::*;

    #[test]
    fn checks_parse_by_number_and_approval_needs_all_seven() {
        assert_eq!(Checks::parse("1,2,3,4,5,6,7").unwrap(), Checks::ALL);
        assert_eq!(Checks::parse("7 1").unwrap().numbers(), [1, 7]);
        assert_eq!(Checks::parse("2，6").unwrap().to_string(), "2,6");
        assert!(Checks::parse("8").unwrap_err().contains("1 to 7"));
        assert!(Checks::parse("").is_err());
        // A range and `all`, as a reviewer types them.
        assert_eq!(Checks::parse("1-7").unwrap(), Checks::ALL);
        assert_eq!(Checks::parse("ALL").unwrap(), Checks::ALL);
        assert_eq!(Checks::parse("1-3,6").unwrap().numbers(), [1, 2, 3, 6]);
        assert!(Checks::parse("3-1").is_err() && Checks::parse("0-7").is_err() && Checks::parse("1-8").is_err());
        let partial = Decision::Approve { checks: Checks::parse("1,2,3,4,5,6").unwrap(), comment: String::new() };
        assert!(partial.validate().unwrap_err().contains("not affirmed: 7"));
        assert!(Decision::Approve { checks: Checks::ALL, comment: String::new() }.validate().is_ok());
        assert!(Decision::Reject { failed: Checks(1), reason: "  ".into() }.validate().is_err());
    }

    #[test]
    fn each_path_has_its_step_and_a_decision_sends_the_item_on_or_back() {
        let approve = Decision::Approve { checks: Checks::ALL, comment: String::new() };
        let reject = Decision::Reject { failed: Checks(1), reason: "涉密".into() };
        for path in [ItemPath::Government, ItemPath::Unit, ItemPath::Repost] {
            let step = review_step(path);
            assert_eq!(after_decision(1, path, step, &approve), Ok(Stage::Publish));
            assert_eq!(after_decision(1, path, step, &reject), Ok(Stage::Returned));
            for other in [Stage::Publish, Stage::Returned, Stage::Done] {
                assert!(after_decision(1, path, other, &approve).is_err());
            }
        }
        assert!(
            after_decision(1, ItemPath::Unit, Stage::OfficeReview, &approve).is_err(),
            "a unit item is never at the office's step"
        );
    }

    #[test]
    fn an_item_is_returned_for_what_it_lacks_only_when_it_lacks_something() {
        use crate::domain::item::{AttachmentKind, lacking};
        let back = Decision::Return { reason: "缺少部门领导签字盖章扫描件".into() };
        assert!(back.validate().is_ok());
        assert!(Decision::Return { reason: " ".into() }.validate().is_err(), "a reason is needed");
        assert_eq!(after_decision(1, ItemPath::Unit, Stage::Recheck, &back), Ok(Stage::Returned));
        assert!(after_decision(1, ItemPath::Unit, Stage::Publish, &back).is_err(), "not once approved");
        assert_eq!(may_return(1, &lacking(ItemPath::Unit, ["electronic_text"])), Ok(()));
        assert_eq!(may_return(1, &[AttachmentKind::TargetColumns]), Ok(()));
        let whole = lacking(ItemPath::Unit, ["signed_scan", "electronic_text", "target_columns"]);
        assert_eq!(may_return(1, &whole), Err(WorkflowError::LacksNothing { item: 1 }));
        // The office's own items and reposts carry nothing Art. 10 asks: never returned for it.
        assert!(may_return(1, &lacking(ItemPath::Government, [])).is_err());
    }

    #[test]
    fn a_suspected_secret_is_the_most_urgent_request_and_alarms_after_15_minutes() {
        let mut reasons = [
            RetractionReason::Outdated,
            RetractionReason::Classified,
            RetractionReason::Error,
            RetractionReason::Improper,
        ];
        reasons.sort_by_key(|r| urgency(*r));
        assert_eq!(
            reasons,
            [
                RetractionReason::Classified,
                RetractionReason::Improper,
                RetractionReason::Error,
                RetractionReason::Outdated
            ]
        );
        assert!(!alarming(RetractionReason::Classified, 15));
        assert!(alarming(RetractionReason::Classified, 16));
        assert!(!alarming(RetractionReason::Improper, 600));
    }

    #[test]
    fn roles_decide_who_passes_which_step() {
        assert!(may_pass(Role::Reviewer, Stage::OfficeReview));
        assert!(!may_pass(Role::Reviewer, Stage::Recheck));
        assert!(!may_pass(Role::Reviewer, Stage::Publish));
        assert!(
            [Stage::OfficeReview, Stage::Recheck, Stage::Review, Stage::Publish]
                .iter()
                .all(|s| may_pass(Role::Admin, *s))
        );
        assert!(
            [Stage::OfficeReview, Stage::Recheck, Stage::Review, Stage::Publish]
                .iter()
                .all(|s| !may_pass(Role::Viewer, *s))
        );
    }
}
