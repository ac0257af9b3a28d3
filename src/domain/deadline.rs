//! The update deadline of a column (更新时限), as written in the column table and as a rule.

use crate::t;
use std::fmt;

/// The unit an interval or an event deadline counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Day,
    /// A working day by the official calendar (调休 included).
    WorkingDay,
    Month,
    Year,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::WorkingDay => "working_day",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Period> {
        [Period::Day, Period::WorkingDay, Period::Month, Period::Year].into_iter().find(|p| p.as_str() == s)
    }

    /// The period as the catalogs' messages select their words by (`$period`).
    fn selector(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::WorkingDay => "working-day",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    fn words(self, amount: u32) -> String {
        let word = match self {
            Period::Day => "day",
            Period::WorkingDay => "working day",
            Period::Month => "month",
            Period::Year => "year",
        };
        if amount == 1 { format!("{amount} {word}") } else { format!("{amount} {word}s") }
    }
}

/// A normalised deadline rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineRule {
    /// Update at least every `amount` `period`s after the last update (`10天`, `4个月`, `1年`).
    Every { amount: u32, period: Period },
    /// Update every calendar month (`每月`).
    Monthly,
    /// Update every calendar year (`每年`).
    Yearly,
    /// Publish within `amount` `period`s of an event such as a document's issue
    /// (`5天内`, `5个工作日`, `文件印发后5个工作日内`).
    WithinOfEvent { amount: u32, period: Period },
    /// `按需更新`.
    AsNeeded,
    /// `无需更新`.
    NoUpdate,
    /// The table gives no deadline.
    Unspecified,
}

/// A deadline text that is not one the rules know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDeadline(pub String);

impl fmt::Display for UnknownDeadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("rules-unknown-deadline", text = format!("{:?}", self.0)))
    }
}

impl std::error::Error for UnknownDeadline {}

impl DeadlineRule {
    /// Parses a deadline text of the column table. Whitespace (a PDF artefact) is ignored.
    pub fn parse(text: &str) -> Result<DeadlineRule, UnknownDeadline> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let unknown = || UnknownDeadline(text.to_string());
        let amount = |digits: &str| -> Result<u32, UnknownDeadline> {
            match digits.parse::<u32>() {
                Ok(n) if n > 0 && digits.chars().all(|c| c.is_ascii_digit()) => Ok(n),
                _ => Err(unknown()),
            }
        };
        let rule = match t.as_str() {
            "" => DeadlineRule::Unspecified,
            "每月" => DeadlineRule::Monthly,
            "每年" => DeadlineRule::Yearly,
            "按需更新" => DeadlineRule::AsNeeded,
            "无需更新" => DeadlineRule::NoUpdate,
            _ => {
                let event_working = t.strip_prefix("文件印发后").unwrap_or(&t);
                if let Some(n) =
                    event_working.strip_suffix("个工作日内").or_else(|| event_working.strip_suffix("个工作日"))
                {
                    DeadlineRule::WithinOfEvent { amount: amount(n)?, period: Period::WorkingDay }
                } else if event_working.len() != t.len() {
                    return Err(unknown());
                } else if let Some(n) = t.strip_suffix("天内") {
                    DeadlineRule::WithinOfEvent { amount: amount(n)?, period: Period::Day }
                } else if let Some(n) = t.strip_suffix("个月") {
                    DeadlineRule::Every { amount: amount(n)?, period: Period::Month }
                } else if let Some(n) = t.strip_suffix('天') {
                    DeadlineRule::Every { amount: amount(n)?, period: Period::Day }
                } else if let Some(n) = t.strip_suffix('年') {
                    DeadlineRule::Every { amount: amount(n)?, period: Period::Year }
                } else {
                    return Err(unknown());
                }
            }
        };
        Ok(rule)
    }

    /// The rule's kind as stored (`columns.rule_kind`).
    pub fn kind(self) -> &'static str {
        match self {
            DeadlineRule::Every { .. } => "interval",
            DeadlineRule::Monthly => "monthly",
            DeadlineRule::Yearly => "yearly",
            DeadlineRule::WithinOfEvent { .. } => "event",
            DeadlineRule::AsNeeded => "as_needed",
            DeadlineRule::NoUpdate => "no_update",
            DeadlineRule::Unspecified => "unspecified",
        }
    }

    /// The amount and period as stored (`columns.rule_amount`, `columns.rule_unit`).
    pub fn amount_and_period(self) -> Option<(u32, Period)> {
        match self {
            DeadlineRule::Every { amount, period } | DeadlineRule::WithinOfEvent { amount, period } => {
                Some((amount, period))
            }
            _ => None,
        }
    }

    /// Rebuilds a rule from its stored parts.
    pub fn from_parts(kind: &str, amount: Option<i64>, unit: Option<&str>) -> Option<DeadlineRule> {
        let parts = || -> Option<(u32, Period)> { Some((u32::try_from(amount?).ok()?, Period::parse(unit?)?)) };
        Some(match kind {
            "interval" => {
                let (amount, period) = parts()?;
                DeadlineRule::Every { amount, period }
            }
            "event" => {
                let (amount, period) = parts()?;
                DeadlineRule::WithinOfEvent { amount, period }
            }
            "monthly" => DeadlineRule::Monthly,
            "yearly" => DeadlineRule::Yearly,
            "as_needed" => DeadlineRule::AsNeeded,
            "no_update" => DeadlineRule::NoUpdate,
            "unspecified" => DeadlineRule::Unspecified,
            _ => return None,
        })
    }
}

impl DeadlineRule {
    /// The rule in words of the language in effect, as a person reads it (the console, a table);
    /// CSV and JSON keep the stable `to_string` form of the contract.
    pub fn words(self) -> String {
        match self {
            DeadlineRule::Every { amount, period: p } => t!("deadline-every", amount = amount, period = p.selector()),
            DeadlineRule::WithinOfEvent { amount, period: p } => {
                t!("deadline-within", amount = amount, period = p.selector())
            }
            DeadlineRule::Monthly => t!("deadline-monthly"),
            DeadlineRule::Yearly => t!("deadline-yearly"),
            DeadlineRule::AsNeeded => t!("deadline-as-needed"),
            DeadlineRule::NoUpdate => t!("deadline-no-update"),
            DeadlineRule::Unspecified => t!("deadline-unspecified"),
        }
    }

    /// The rule in a few words of the language in effect, for a table's narrow column (`10 months`,
    /// `in 5 w-days`; `10个月`, `5个工作日内`); `None` for a table that gives no deadline.
    pub fn short_words(self) -> Option<String> {
        Some(match self {
            DeadlineRule::Every { amount, period: p } => {
                t!("deadline-short-every", amount = amount, period = p.selector())
            }
            DeadlineRule::WithinOfEvent { amount, period: p } => {
                t!("deadline-short-within", amount = amount, period = p.selector())
            }
            DeadlineRule::Monthly => t!("deadline-monthly"),
            DeadlineRule::Yearly => t!("deadline-yearly"),
            DeadlineRule::AsNeeded => t!("deadline-as-needed"),
            DeadlineRule::NoUpdate => t!("deadline-short-no-update"),
            DeadlineRule::Unspecified => return None,
        })
    }

    /// A rule from its stable form (`to_string`, the `rule` field of CSV and JSON).
    pub fn from_contract(text: &str) -> Option<DeadlineRule> {
        let fixed = [
            DeadlineRule::Monthly,
            DeadlineRule::Yearly,
            DeadlineRule::AsNeeded,
            DeadlineRule::NoUpdate,
            DeadlineRule::Unspecified,
        ];
        if let Some(rule) = fixed.into_iter().find(|r| r.to_string() == text) {
            return Some(rule);
        }
        let (kind, rest) = if let Some(rest) = text.strip_prefix("every ") {
            ("interval", rest)
        } else {
            ("event", text.strip_prefix("within ")?.strip_suffix(" of event")?)
        };
        let (amount, words) = rest.split_once(' ')?;
        let amount: u32 = amount.parse().ok()?;
        let period = [Period::Day, Period::WorkingDay, Period::Month, Period::Year]
            .into_iter()
            .find(|p| p.words(amount) == format!("{amount} {words}"))?;
        Some(match kind {
            "interval" => DeadlineRule::Every { amount, period },
            _ => DeadlineRule::WithinOfEvent { amount, period },
        })
    }
}

impl fmt::Display for DeadlineRule {
    /// The `rule` field of the command-line contract.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DeadlineRule::Every { amount, period } => write!(f, "every {}", period.words(amount)),
            DeadlineRule::Monthly => f.write_str("monthly"),
            DeadlineRule::Yearly => f.write_str("yearly"),
            DeadlineRule::WithinOfEvent { amount, period } => {
                write!(f, "within {} of event", period.words(amount))
            }
            DeadlineRule::AsNeeded => f.write_str("as needed"),
            DeadlineRule::NoUpdate => f.write_str("no update needed"),
            DeadlineRule::Unspecified => f.write_str("unspecified"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule the table can give, in words of each language, and back from its stable form.
    #[test]
    fn rules_read_in_words_of_each_language_and_come_back_from_their_stable_form() {
        use crate::i18n::{Lang, scoped};
        let cases = [
            ("10天", "every 10 days", "每 10 天"),
            ("1个月", "every 1 month", "每 1 个月"),
            ("4个月", "every 4 months", "每 4 个月"),
            ("1年", "every 1 year", "每 1 年"),
            ("每月", "monthly", "每月"),
            ("每年", "yearly", "每年"),
            ("5天内", "within 5 days of an event", "事项发生后 5 天内"),
            ("文件印发后5个工作日内", "within 5 working days of an event", "事项发生后 5 个工作日内"),
            ("按需更新", "as needed", "按需更新"),
            ("无需更新", "no update needed", "无需更新"),
            ("", "unspecified", "未规定"),
        ];
        for (table, english, chinese) in cases {
            let r = DeadlineRule::parse(table).unwrap();
            assert_eq!(scoped(Lang::En, || r.words()), english, "{table}");
            assert_eq!(scoped(Lang::ZhCn, || r.words()), chinese, "{table}");
            assert_eq!(DeadlineRule::from_contract(&r.to_string()), Some(r), "{table}");
        }
        // Short, for the columns view's narrow rule column: worded in each language, never the
        // table's Chinese in English.
        let short = [
            ("10天", "10 days", "10天"),
            ("1个月", "1 month", "1个月"),
            ("10个月", "10 months", "10个月"),
            ("1年", "1 year", "1年"),
            ("每月", "monthly", "每月"),
            ("5天内", "in 5 days", "5天内"),
            ("文件印发后5个工作日内", "in 5 w-days", "5个工作日内"),
            ("5个工作日", "in 5 w-days", "5个工作日内"),
            ("按需更新", "as needed", "按需更新"),
            ("无需更新", "no update", "无需更新"),
        ];
        for (table, english, chinese) in short {
            let r = DeadlineRule::parse(table).unwrap();
            assert_eq!(scoped(Lang::En, || r.short_words()).as_deref(), Some(english), "{table}");
            assert_eq!(scoped(Lang::ZhCn, || r.short_words()).as_deref(), Some(chinese), "{table}");
        }
        assert_eq!(DeadlineRule::Unspecified.short_words(), None);
        for period in [Period::Day, Period::WorkingDay, Period::Month, Period::Year] {
            for amount in [1, 2, 12] {
                for r in [DeadlineRule::Every { amount, period }, DeadlineRule::WithinOfEvent { amount, period }] {
                    assert_eq!(DeadlineRule::from_contract(&r.to_string()), Some(r));
                    assert!(!scoped(Lang::ZhCn, || r.words()).contains(|c: char| c.is_ascii_alphabetic()));
                }
            }
        }
        for text in ["", "every", "every x days", "every 2 weeks", "within 2 days", "sometimes"] {
            assert_eq!(DeadlineRule::from_contract(text), None, "{text}");
        }
    }

    fn rule(text: &str) -> String {
        DeadlineRule::parse(text).unwrap().to_string()
    }

    #[test]
    fn every_text_of_the_2023_table() {
        assert_eq!(rule("10天"), "every 10 days");
        assert_eq!(rule("2个月"), "every 2 months");
        assert_eq!(rule("4个月"), "every 4 months");
        assert_eq!(rule("6个月"), "every 6 months");
        assert_eq!(rule("10个月"), "every 10 months");
        assert_eq!(rule("1个月"), "every 1 month");
        assert_eq!(rule("1年"), "every 1 year");
        assert_eq!(rule("每月"), "monthly");
        assert_eq!(rule("每年"), "yearly");
        assert_eq!(rule("5天内"), "within 5 days of event");
        assert_eq!(rule("5个工作日"), "within 5 working days of event");
        assert_eq!(rule("文件印发后5个工作日内"), "within 5 working days of event");
        assert_eq!(rule("按需更新"), "as needed");
        assert_eq!(rule("无需更新"), "no update needed");
        assert_eq!(rule(""), "unspecified");
    }

    #[test]
    fn pdf_spacing_is_ignored() {
        assert_eq!(rule("文件印发后5 个工作日内"), "within 5 working days of event");
        assert_eq!(rule(" 4 个月 "), "every 4 months");
    }

    #[test]
    fn unknown_texts_are_errors_not_defaults() {
        for bad in ["每周", "十天", "0天", "个月", "5个工作周", "文件印发后10天", "1.5年", "-3天", "尽快"]
        {
            assert!(DeadlineRule::parse(bad).is_err(), "{bad} should be refused");
        }
        let err = DeadlineRule::parse("每周").unwrap_err().to_string();
        assert!(err.starts_with("unknown deadline text \"每周\""), "{err}");
    }

    #[test]
    fn stored_parts_round_trip() {
        for text in ["10天", "4个月", "1年", "每月", "每年", "5天内", "5个工作日", "按需更新", "无需更新", ""]
        {
            let r = DeadlineRule::parse(text).unwrap();
            let (amount, unit) = match r.amount_and_period() {
                Some((a, p)) => (Some(i64::from(a)), Some(p.as_str())),
                None => (None, None),
            };
            assert_eq!(DeadlineRule::from_parts(r.kind(), amount, unit), Some(r), "{text}");
        }
    }
}
