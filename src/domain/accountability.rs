//! Art. 17: what leads to a notice to a unit's head (通报相关单位负责人), from a period's facts.

use super::enums::{IncidentKind, RetractionReason};

/// What a unit did, or failed to do, in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitRecord {
    /// It supplied no content at all.
    pub supplied_nothing: bool,
    /// Its columns overdue or empty at the period's end.
    pub overdue_columns: usize,
    /// Its documents due in the period that went online late, or not at all.
    pub late_documents: usize,
    /// Of those columns, the ones that were overdue or empty at the end of the period before too,
    /// and that no rectification order names: inferred as not rectified.
    pub overdue_twice: usize,
    /// Its rectification orders that stood open past their deadline in the period (where an order
    /// exists, it says whether the unit rectified, instead of the inference above).
    pub late_orders: usize,
    /// Its items withdrawn in the period, by reason.
    pub withdrawn: Vec<(RetractionReason, i64)>,
    /// Its incidents standing in the period, by kind.
    pub incidents: Vec<(IncidentKind, i64)>,
}

/// One reason for a notice: the clause of Art. 17 and what happened, in the bulletin's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// The clause: 1 late content, 2 false or seriously wrong items, 3 lax review, 4 security
    /// incidents, 5 unfixed column problems.
    pub clause: u8,
    pub text: String,
}

impl Signal {
    /// The clause as the regulation numbers it: （一） to （五）.
    pub fn clause_name(&self) -> &'static str {
        ["（一）", "（二）", "（三）", "（四）", "（五）"][usize::from(self.clause.clamp(1, 5) - 1)]
    }
}

impl UnitRecord {
    fn withdrawn_as(&self, reason: RetractionReason) -> i64 {
        self.withdrawn.iter().filter(|(r, _)| *r == reason).map(|(_, n)| n).sum()
    }

    fn incidents_of(&self, kind: IncidentKind) -> i64 {
        self.incidents.iter().filter(|(k, _)| *k == kind).map(|(_, n)| n).sum()
    }

    /// The reasons for a notice to the unit's head, by clause.
    pub fn signals(&self) -> Vec<Signal> {
        let mut out = Vec::new();
        let mut say = |clause: u8, parts: Vec<String>| {
            if !parts.is_empty() {
                out.push(Signal { clause, text: parts.join("；") });
            }
        };
        // (一) 不及时提供网站所需内容.
        let mut late = Vec::new();
        if self.supplied_nothing {
            late.push("本期未提供信息".to_string());
        }
        if self.overdue_columns > 0 {
            late.push(format!("{} 个栏目期末逾期未更新", self.overdue_columns));
        }
        if self.late_documents > 0 {
            late.push(format!("{} 份文件未按时公开", self.late_documents));
        }
        say(1, late);
        // (二) 出现虚假信息或有严重错误.
        let mut wrong = Vec::new();
        let errors = self.withdrawn_as(RetractionReason::Error);
        if errors > 0 {
            wrong.push(format!("{errors} 条信息因错误撤回"));
        }
        let typos = self.incidents_of(IncidentKind::Typo);
        if typos > 0 {
            wrong.push(format!("{typos} 起错字、别字或错误表述事故"));
        }
        say(2, wrong);
        // (三) 信息发布审核把关不严.
        let mut lax = Vec::new();
        let improper = self.withdrawn_as(RetractionReason::Improper);
        if improper > 0 {
            lax.push(format!("{improper} 条信息发布后因内容不当撤回"));
        }
        let improper_incidents = self.incidents_of(IncidentKind::Improper);
        if improper_incidents > 0 {
            lax.push(format!("{improper_incidents} 起内容不当事故"));
        }
        say(3, lax);
        // (四) 网站安全事故.
        let mut security = Vec::new();
        let classified = self.withdrawn_as(RetractionReason::Classified);
        if classified > 0 {
            security.push(format!("{classified} 条信息因涉密撤回"));
        }
        let secret = self.incidents_of(IncidentKind::Classified);
        if secret > 0 {
            security.push(format!("{secret} 起发布涉密或不予公开文件事故"));
        }
        say(4, security);
        // (五) 未按要求整改网站栏目信息问题.
        let mut unfixed = Vec::new();
        if self.overdue_twice > 0 {
            unfixed.push(format!("{} 个栏目连续两期逾期未整改", self.overdue_twice));
        }
        if self.late_orders > 0 {
            unfixed.push(format!("{} 份整改通知逾期未整改", self.late_orders));
        }
        say(5, unfixed);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_record_gives_no_notice() {
        assert!(UnitRecord::default().signals().is_empty());
    }

    #[test]
    fn each_fact_lands_under_its_clause() {
        let record = UnitRecord {
            supplied_nothing: false,
            overdue_columns: 2,
            late_documents: 1,
            overdue_twice: 1,
            late_orders: 0,
            withdrawn: vec![
                (RetractionReason::Error, 1),
                (RetractionReason::Outdated, 7),
                (RetractionReason::Classified, 1),
            ],
            incidents: vec![(IncidentKind::Typo, 2)],
        };
        let signals = record.signals();
        let clauses: Vec<u8> = signals.iter().map(|s| s.clause).collect();
        assert_eq!(clauses, [1, 2, 4, 5], "outdated withdrawals are routine, not a failing");
        assert_eq!(signals[0].text, "2 个栏目期末逾期未更新；1 份文件未按时公开");
        assert_eq!(signals[1].text, "1 条信息因错误撤回；2 起错字、别字或错误表述事故");
        assert_eq!(signals[2].clause_name(), "（四）");
        assert_eq!(signals[3].text, "1 个栏目连续两期逾期未整改");
    }

    #[test]
    fn orders_left_open_past_their_deadline_are_unfixed_problems() {
        let record = UnitRecord { late_orders: 2, ..Default::default() };
        assert_eq!(record.signals(), [Signal { clause: 5, text: "2 份整改通知逾期未整改".into() }]);
        let both = UnitRecord { late_orders: 1, overdue_twice: 1, ..Default::default() }.signals();
        assert_eq!(both[0].text, "1 个栏目连续两期逾期未整改；1 份整改通知逾期未整改");
    }

    #[test]
    fn supplying_nothing_is_late_content() {
        let signals = UnitRecord { supplied_nothing: true, ..Default::default() }.signals();
        assert_eq!(signals, [Signal { clause: 1, text: "本期未提供信息".into() }]);
    }

    #[test]
    fn lax_review_counts_improper_withdrawals_and_incidents() {
        let record = UnitRecord {
            withdrawn: vec![(RetractionReason::Improper, 1)],
            incidents: vec![(IncidentKind::Improper, 1), (IncidentKind::Classified, 1)],
            ..Default::default()
        };
        let signals = record.signals();
        assert_eq!(signals.iter().map(|s| s.clause).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(signals[0].text, "1 条信息发布后因内容不当撤回；1 起内容不当事故");
    }
}
