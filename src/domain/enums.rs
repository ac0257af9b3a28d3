//! The closed vocabularies of the regulation, each with its one spelling in data and on the
//! command line (snake_case, as the schema's CHECK constraints and docs/cli.md use).

use std::fmt;
use std::str::FromStr;

/// Declares a closed set of values spelled one way everywhere (data files, SQL, CLI, JSON); with
/// `=> "词"` after each spelling, also the value in the regulation's Chinese words (`label`).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal => $label:literal),+ $(,)?
    }) => {
        vocabulary! { $(#[$meta])* $name, $what { $($(#[$vmeta])* $variant = $text),+ } }

        impl $name {
            /// The value in the regulation's Chinese words, as the public page and the bulletin
            /// say it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value's spelling in data, SQL and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::t!(
                        "rules-unknown-value",
                        what = $what,
                        value = format!("{other:?}"),
                        expected = [$($text),+].join(", ")
                    )),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// The form of an item (信息形式), which decides its points (Art. 16).
    Form, "form" { Text = "text", ImageText = "image_text", Video = "video" }
}

impl Form {
    /// Points for one published item of this form: text 1, image+text 2, video 3 (Art. 16).
    pub fn points(self) -> i64 {
        match self {
            Form::Text => 1,
            Form::ImageText => 2,
            Form::Video => 3,
        }
    }
}

vocabulary! {
    /// The path by which an item reaches the portal (Art. 8).
    ItemPath, "path" {
        /// 以区政府名义: reviewed by the government office, uploaded by an administrator.
        Government = "government",
        /// 乡（街道）、部门: signed by the unit's head, re-reviewed by an administrator.
        Unit = "unit",
        /// 转载: reviewed by an administrator.
        Repost = "repost",
    }
}

impl ItemPath {
    /// The first review step an item on this path waits at.
    pub fn first_stage(self) -> Stage {
        match self {
            ItemPath::Government => Stage::OfficeReview,
            ItemPath::Unit => Stage::Recheck,
            ItemPath::Repost => Stage::Review,
        }
    }
}

vocabulary! {
    /// The review step an item waits at.
    Stage, "stage" {
        /// The government office reviews an item issued in the district government's name.
        OfficeReview = "office_review",
        /// An administrator re-reviews (复核) a unit's submission.
        Recheck = "recheck",
        /// An administrator reviews a repost.
        Review = "review",
        /// Approved; waiting for an administrator to publish it.
        Publish = "publish",
        /// Sent back to its unit.
        Returned = "returned",
        /// Published (online or since withdrawn).
        Done = "done",
    }
}

vocabulary! {
    /// Where an item stands.
    ItemStatus, "status" { Pending = "pending", Returned = "returned", Online = "online", Withdrawn = "withdrawn" }
}

vocabulary! {
    /// Where an item was first published.
    Channel, "channel" {
        Portal = "portal",
        /// First published on the unit's WeChat account: to be synced at once (Art. 7).
        Wechat = "wechat",
    }
}

vocabulary! {
    /// Why an online item is withdrawn (Art. 13).
    RetractionReason, "reason" {
        Outdated = "outdated", Improper = "improper", Classified = "classified", Error = "error"
    }
}

vocabulary! {
    /// The mark an online policy document carries instead of being withdrawn, as the national
    /// guideline for government websites asks (the original page stays online, marked).
    MarkKind, "mark" {
        Amended = "amended" => "已修改",
        Repealed = "repealed" => "已废止",
        Expired = "expired" => "已失效",
    }
}

vocabulary! {
    /// How a retraction request was handled.
    Resolution, "resolution" { Withdrawn = "withdrawn", Marked = "marked", Declined = "declined" }
}

vocabulary! {
    /// A deduction (责任事故, Art. 16).
    IncidentKind, "incident kind" {
        /// 错字、别字及其他错误表述.
        Typo = "typo" => "错字、别字及错误表述",
        /// 涉密文件或不在政务信息公开范围内的文件.
        Classified = "classified" => "发布涉密或不予公开文件",
        /// 发布信息内容不当，引起社会舆论或对网站造成影响.
        Improper = "improper" => "发布内容不当",
    }
}

impl IncidentKind {
    /// The points the incident costs (a negative number).
    pub fn points(self) -> i64 {
        match self {
            IncidentKind::Typo => -5,
            IncidentKind::Classified | IncidentKind::Improper => -10,
        }
    }
}

vocabulary! {
    /// What an operator may do. A supervisor (督查) reads every site of the database and changes
    /// nothing (a role of the platform, not of one site).
    Role, "role" { Admin = "admin", Reviewer = "reviewer", Viewer = "viewer", Supervisor = "supervisor" }
}

vocabulary! {
    /// What kind of body a unit is.
    UnitKind, "unit kind" {
        /// 区政府办公室: runs the portal.
        Office = "office",
        /// 乡.
        Township = "township",
        /// 街道.
        Subdistrict = "subdistrict",
        /// 区政府各部门 and other district bodies.
        Department = "department",
        /// A city-level body named in the column table; not assessed by the district.
        External = "external",
    }
}

impl UnitKind {
    /// Whether units of this kind are assessed (Art. 16: 乡（街道）、区政府各部门).
    pub fn is_assessed(self) -> bool {
        self != UnitKind::External
    }
}

vocabulary! {
    /// How a rectification order (整改通知) was closed: by hand, or by itself when what it names was
    /// fixed.
    Closing, "closing" {
        ByHand = "by_hand" => "人工销号",
        /// The column got a new online item after the order.
        ColumnUpdated = "column_updated" => "栏目已更新",
        ItemWithdrawn = "item_withdrawn" => "信息已撤回",
        ItemMarked = "item_marked" => "信息已标注",
        /// The finding the order names was waived with a reason.
        FindingWaived = "finding_waived" => "问题已说明",
        /// The item's text, checked again when it was written, no longer has the finding the
        /// order names.
        FindingFixed = "finding_fixed" => "问题已整改",
    }
}

vocabulary! {
    /// What an audit record says was done: its `action`, one for each kind of change the store
    /// writes (the store's tests fail on a record of any other, and a table says each in words).
    AuditAction, "audit action" {
        Backup = "backup",
        CalendarImport = "calendar.import",
        CalendarSet = "calendar.set",
        Demo = "demo",
        DocumentsAdd = "documents.add",
        FindingWaive = "finding.waive",
        FindingsCheck = "findings.check",
        Import = "import",
        IncidentAdd = "incident.add",
        IncidentReverse = "incident.reverse",
        Init = "init",
        InquiryAdd = "inquiry.add",
        InquiryAnswer = "inquiry.answer",
        ItemResubmit = "item.resubmit",
        LinksCheck = "links.check",
        LinksProbe = "links.probe",
        Mark = "mark",
        OperatorSet = "operator.set",
        Publish = "publish",
        RectificationAdd = "rectification.add",
        RectificationClose = "rectification.close",
        Restore = "restore",
        Retract = "retract",
        RetractionClose = "retraction.close",
        RetractionDecline = "retraction.decline",
        RetractionRequest = "retraction.request",
        ReviewApprove = "review.approve",
        ReviewReject = "review.reject",
        ReviewReturn = "review.return",
        SchemaUpgrade = "schema.upgrade",
        SiteAdd = "site.add",
    }
}

vocabulary! {
    /// What an audit record is about: its target's kind, before the `:` (`item:2406`), or the
    /// whole target where it names no one thing (`schema`).
    AuditTarget, "audit target" {
        Backup = "backup",
        Calendar = "calendar",
        Document = "document",
        Incident = "incident",
        Inquiry = "inquiry",
        Item = "item",
        Operator = "operator",
        Rectification = "rectification",
        Request = "request",
        Schema = "schema",
        Site = "site",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_round_trips() {
        for f in Form::ALL {
            assert_eq!(f.as_str().parse::<Form>().unwrap(), *f);
        }
        for s in Stage::ALL {
            assert_eq!(s.as_str().parse::<Stage>().unwrap(), *s);
        }
        for r in RetractionReason::ALL {
            assert_eq!(r.to_string().parse::<RetractionReason>().unwrap(), *r);
        }
    }

    #[test]
    fn unknown_spelling_names_the_choices() {
        let err = "picture".parse::<Form>().unwrap_err();
        assert_eq!(err, "unknown form \"picture\" (expected one of: text, image_text, video)");
    }

    #[test]
    fn points_follow_article_16() {
        assert_eq!(Form::Text.points(), 1);
        assert_eq!(Form::ImageText.points(), 2);
        assert_eq!(Form::Video.points(), 3);
        assert_eq!(IncidentKind::Typo.points(), -5);
        assert_eq!(IncidentKind::Classified.points(), -10);
        assert_eq!(IncidentKind::Improper.points(), -10);
    }

    #[test]
    fn each_path_starts_at_its_own_step() {
        assert_eq!(ItemPath::Government.first_stage(), Stage::OfficeReview);
        assert_eq!(ItemPath::Unit.first_stage(), Stage::Recheck);
        assert_eq!(ItemPath::Repost.first_stage(), Stage::Review);
    }
}
