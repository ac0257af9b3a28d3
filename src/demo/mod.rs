//! Synthetic portal content at realistic scale, deterministic for a seed: every unit and column in
//! believable proportions (news columns busy, yearly columns sparse, some columns empty and some
//! left to go overdue), all three paths and forms, items at every review stage, withdrawals,
//! retraction requests, incidents and issued documents over a date range.

pub mod corpus;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::calendar::WorkingCalendar;
use crate::domain::deadline::{DeadlineRule, Period};
use crate::domain::item::{
    ALL_CHECKS, AttachmentKind, ItemFields, NewAttachment, NewDocument, NewIncident, NewItem, NewRetractionRequest,
    NewReview, NewWithdrawal, RequestStatus,
};
use crate::domain::time::beijing_midnight;
use crate::domain::{Channel, Form, IncidentKind, ItemPath, ItemStatus, RetractionReason, Role, Stage, UnitKind};
use crate::store::{ColumnRow, Record, UnitRow};
use corpus::{Context, Corpus};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub items: u64,
    pub seed: u64,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The demo's own operators: two administrators and the government office's reviewer.
pub const OPERATORS: [(&str, Role); 3] =
    [("li.jianhua", Role::Admin), ("wang.xiaoyan", Role::Admin), ("zhou.hong", Role::Reviewer)];

const GOVERNMENT_REVIEWER: &str = "zhou.hong";
/// At most this many retraction requests are left pending (a realistic inbox, not a flood).
const MAX_PENDING_REQUESTS: usize = 24;

/// A leaf column items can go into.
struct Target {
    path: String,
    category: usize,
    /// Assessed units responsible for it (indexes into `Generator::units`).
    units: Vec<usize>,
    repost: bool,
    /// Number prefix for documents issued into it (event-deadline columns), if any.
    documents: Option<&'static str>,
    /// Gets content only in the first part of the range, so it goes overdue.
    neglected: bool,
}

struct Unit {
    name: String,
    full_name: String,
    kind: UnitKind,
}

/// The generator: an iterator of records to hand to `Store::insert`.
pub struct Generator {
    spec: DemoSpec,
    rng: ChaCha8Rng,
    corpus: Corpus,
    calendar: WorkingCalendar,
    units: Vec<Unit>,
    office: usize,
    targets: Vec<Target>,
    /// Cumulative weights over `targets`, for a weighted pick.
    cumulative: Vec<f64>,
    by_category: BTreeMap<usize, Vec<usize>>,
    end: DateTime<Utc>,
    neglect_after: DateTime<Utc>,
    next: u64,
    queue: std::collections::VecDeque<Record>,
    document_numbers: HashMap<(String, i32), u32>,
    pending_requests: usize,
    last_published_of_unit: HashMap<usize, usize>,
    emitted_operators: bool,
}

fn weight(rule: DeadlineRule, category_name: &str) -> f64 {
    let base = match rule {
        DeadlineRule::Every { amount, period } => {
            let days = match period {
                Period::Day | Period::WorkingDay => f64::from(amount),
                Period::Month => f64::from(amount) * 30.0,
                Period::Year => f64::from(amount) * 365.0,
            };
            // Busy columns are updated far more often than their deadline demands.
            (300.0 / days).clamp(0.4, 40.0)
        }
        DeadlineRule::Monthly => 6.0,
        DeadlineRule::Yearly => 0.6,
        DeadlineRule::WithinOfEvent { .. } => 3.0,
        DeadlineRule::AsNeeded => 0.5,
        DeadlineRule::NoUpdate => 0.3,
        DeadlineRule::Unspecified => 0.4,
    };
    match category_name {
        "news" => base * 2.0,
        "repost" => 12.0,
        _ => base,
    }
}

impl Generator {
    pub fn new(
        spec: DemoSpec,
        columns: &[ColumnRow],
        units: &[UnitRow],
        calendar: WorkingCalendar,
        corpus: Corpus,
    ) -> Result<Generator, String> {
        if spec.from > spec.to {
            return Err(format!("--from {} is after --to {}", spec.from, spec.to));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
        let units: Vec<Unit> =
            units.iter().map(|u| Unit { name: u.name.clone(), full_name: u.full_name.clone(), kind: u.kind }).collect();
        let office =
            units.iter().position(|u| u.kind == UnitKind::Office).ok_or("the site has no government office unit")?;
        let index: HashMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.name.as_str(), i)).collect();
        let parents: HashSet<i64> = columns.iter().filter_map(|c| c.parent_id).collect();

        let mut targets = Vec::new();
        let mut weights = Vec::new();
        for c in columns.iter().filter(|c| !parents.contains(&c.id)) {
            let category = corpus.category_for(&c.path);
            let repost = c.path.starts_with("新闻要问") || corpus.categories[category].name == "repost";
            let documents = if c.path.contains("②象政办") {
                Some("象政办发")
            } else if c.path.contains("①象政") {
                Some("象政发")
            } else if matches!(c.rule, DeadlineRule::WithinOfEvent { period: Period::WorkingDay, .. }) {
                Some("象政办函")
            } else {
                None
            };
            // About one column in twenty-five never gets content, and one in twelve goes stale.
            let roll: f64 = rng.random();
            let w = if roll < 0.04 { 0.0 } else { weight(c.rule, &corpus.categories[category].name) };
            targets.push(Target {
                path: c.path.clone(),
                category,
                units: c
                    .units
                    .iter()
                    .filter_map(|u| index.get(u.as_str()).copied())
                    .filter(|&u| units[u].kind.is_assessed())
                    .collect(),
                repost,
                documents,
                neglected: (0.04..0.12).contains(&roll),
            });
            weights.push(w);
        }
        if weights.iter().all(|w| *w == 0.0) {
            return Err("the site has no column to put content in".into());
        }
        let mut cumulative = Vec::with_capacity(weights.len());
        let mut sum = 0.0;
        for w in weights {
            sum += w;
            cumulative.push(sum);
        }
        let mut by_category: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, t) in targets.iter().enumerate() {
            by_category.entry(t.category).or_default().push(i);
        }
        let start = beijing_midnight(spec.from);
        let end = beijing_midnight(spec.to + Duration::days(1));
        let neglect_after = start + (end - start) / 2;
        Ok(Generator {
            spec,
            rng,
            corpus,
            calendar,
            units,
            office,
            targets,
            cumulative,
            by_category,
            end,
            neglect_after,
            next: 0,
            queue: Default::default(),
            document_numbers: HashMap::new(),
            pending_requests: 0,
            last_published_of_unit: HashMap::new(),
            emitted_operators: false,
        })
    }

    fn pick_target(&mut self, at: DateTime<Utc>) -> usize {
        loop {
            let x = self.rng.random::<f64>() * self.cumulative[self.cumulative.len() - 1];
            let i = self.cumulative.partition_point(|c| *c <= x).min(self.targets.len() - 1);
            if !(self.targets[i].neglected && at > self.neglect_after) {
                return i;
            }
        }
    }

    /// The submission time of the i-th item: spread evenly over the range, on working days in
    /// office hours (Beijing time), so ids follow time.
    fn submitted_at(&mut self, i: u64) -> DateTime<Utc> {
        let days = (self.spec.to - self.spec.from).num_days() + 1;
        let position = (i as f64 + self.rng.random::<f64>()) / self.spec.items as f64;
        let mut day = self.spec.from + Duration::days(((days as f64) * position) as i64);
        if !self.calendar.is_working_day(day) && self.rng.random_bool(0.8) {
            while !self.calendar.is_working_day(day) && day < self.spec.to {
                day += Duration::days(1);
            }
        }
        let minutes = 8 * 60 + 30 + self.rng.random_range(0..9 * 60);
        beijing_midnight(day) + Duration::minutes(minutes)
    }

    fn form(&mut self, news: bool) -> Form {
        let x: f64 = self.rng.random();
        let (text, image) = if news { (0.35, 0.9) } else { (0.7, 0.95) };
        if x < text {
            Form::Text
        } else if x < image {
            Form::ImageText
        } else {
            Form::Video
        }
    }

    fn docno(&mut self, prefix: &str, year: i32) -> String {
        let n = self.document_numbers.entry((prefix.to_string(), year)).or_insert(0);
        *n += 1;
        format!("{prefix}〔{year}〕{n}号")
    }

    fn admin(&mut self) -> String {
        OPERATORS[self.rng.random_range(0..2)].0.to_string()
    }

    fn review(&mut self, step: Stage, approve: bool, at: DateTime<Utc>) -> NewReview {
        let operator = if step == Stage::OfficeReview { GOVERNMENT_REVIEWER.to_string() } else { self.admin() };
        if approve {
            NewReview {
                step,
                operator,
                approve,
                checks_affirmed: ALL_CHECKS,
                checks_failed: 0,
                comment: String::new(),
                at,
            }
        } else {
            let check = self.rng.random_range(0..7);
            let comment = [
                "涉及内部工作信息，不宜公开发布",
                "引用政策文件已废止，请核实后重新报送",
                "图片未注明来源，存在版权风险",
                "涉及个人信息未做脱敏处理",
                "内容与本区宣传口径不一致，请修改",
                "发布时机不当，请择期报送",
                "统计数据与统计局公布数据不一致，请核实",
            ][check];
            NewReview {
                step,
                operator,
                approve,
                checks_affirmed: ALL_CHECKS & !(1 << check),
                checks_failed: 1 << check,
                comment: comment.into(),
                at,
            }
        }
    }

    fn make_item(&mut self, index: u64) -> NewItem {
        let submitted_at = self.submitted_at(index);
        let t = self.pick_target(submitted_at);
        let (path, unit) = if self.targets[t].repost {
            (ItemPath::Repost, None)
        } else if self.targets[t].units.is_empty() {
            (ItemPath::Government, Some(self.office))
        } else {
            let units = &self.targets[t].units;
            let u = units[self.rng.random_range(0..units.len())];
            (if u == self.office { ItemPath::Government } else { ItemPath::Unit }, Some(u))
        };
        let category = self.targets[t].category;
        let news = self.corpus.categories[category].name == "news";
        let form = self.form(news);
        let mut placements = vec![(self.targets[t].path.clone(), form)];
        if self.rng.random_bool(0.12) {
            let siblings = &self.by_category[&category];
            let other = siblings[self.rng.random_range(0..siblings.len())];
            if other != t && !self.targets[other].repost {
                let other_form = if self.rng.random_bool(0.3) { self.form(news) } else { form };
                placements.push((self.targets[other].path.clone(), other_form));
            }
        }

        let day = crate::domain::time::beijing_date(submitted_at);
        let docno = match self.targets[t].documents {
            Some(prefix) => self.docno(prefix, day.year()),
            None => String::new(),
        };
        let (unit_name, unit_short) = match unit {
            Some(u) => (self.units[u].full_name.clone(), self.units[u].name.clone()),
            None => (self.units[self.office].full_name.clone(), self.units[self.office].name.clone()),
        };
        let ctx = Context { unit: &unit_name, unit_short: &unit_short, date: day, docno: &docno };
        let cat = &self.corpus.categories[category];
        let title_template = cat.titles[self.rng.random_range(0..cat.titles.len())].clone();
        let paragraphs = self.rng.random_range(1..=3);
        let body_templates: Vec<String> =
            (0..paragraphs).map(|_| cat.bodies[self.rng.random_range(0..cat.bodies.len())].clone()).collect();
        let title = self.corpus.fill(&title_template, &ctx, &mut self.rng);
        let body =
            body_templates.iter().map(|b| self.corpus.fill(b, &ctx, &mut self.rng)).collect::<Vec<_>>().join("\n\n");
        let channel =
            if path == ItemPath::Unit && news && self.rng.random_bool(0.1) { Channel::Wechat } else { Channel::Portal };

        let first = path.first_stage();
        let age = self.end - submitted_at;
        let recent = age < Duration::days(3);
        let roll: f64 = self.rng.random();
        let (mut stage, mut status) = if recent && roll < 0.55 {
            (if self.rng.random_bool(0.6) { first } else { Stage::Publish }, ItemStatus::Pending)
        } else if (recent && roll < 0.62) || (!recent && age < Duration::days(30) && roll < 0.01) {
            (Stage::Returned, ItemStatus::Returned)
        } else if !recent && age < Duration::days(30) && roll < 0.025 {
            (first, ItemStatus::Pending)
        } else {
            (Stage::Done, ItemStatus::Online)
        };
        let delay = if channel == Channel::Wechat {
            Duration::minutes(self.rng.random_range(10..360))
        } else {
            Duration::minutes(self.rng.random_range(90..72 * 60))
        };
        let mut published_at = None;
        if status == ItemStatus::Online {
            let at = submitted_at + delay;
            if at < self.end {
                published_at = Some(at);
            } else {
                (stage, status) = (Stage::Publish, ItemStatus::Pending);
            }
        }

        let mut reviews = Vec::new();
        let reviewed_at = submitted_at + delay / 2;
        if status == ItemStatus::Returned {
            reviews.push(self.review(first, false, reviewed_at));
        } else if stage == Stage::Publish || status == ItemStatus::Online {
            if self.rng.random_bool(0.04) {
                reviews.push(self.review(first, false, submitted_at + delay / 4));
            }
            reviews.push(self.review(first, true, reviewed_at));
        }

        let mut attachments = Vec::new();
        if path == ItemPath::Unit {
            let missing = if status == ItemStatus::Pending && self.rng.random_bool(0.25) {
                Some(self.rng.random_range(0..3))
            } else {
                None
            };
            for (k, kind) in AttachmentKind::ALL.into_iter().enumerate() {
                if missing == Some(k) {
                    continue;
                }
                let name = match kind {
                    AttachmentKind::SignedScan => format!("{unit_short}-{}-领导签批单.pdf", day.format("%Y%m%d")),
                    AttachmentKind::ElectronicText => format!("{}.docx", title.chars().take(20).collect::<String>()),
                    AttachmentKind::TargetColumns => {
                        format!("报送栏目：{}", placements.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("；"))
                    }
                };
                attachments.push(NewAttachment { kind, name, at: submitted_at });
            }
        }

        let mut withdrawal = None;
        let mut retraction = None;
        if let Some(published) = published_at {
            let x: f64 = self.rng.random();
            if x < 0.015 {
                let reason = match self.rng.random_range(0..100) {
                    0..70 => RetractionReason::Outdated,
                    70..85 => RetractionReason::Error,
                    85..97 => RetractionReason::Improper,
                    _ => RetractionReason::Classified,
                };
                let at = published + Duration::hours(self.rng.random_range(2..24 * 200));
                if at < self.end {
                    let by = self.admin();
                    if self.rng.random_bool(0.4) {
                        let asked = at - Duration::minutes(self.rng.random_range(5..48 * 60));
                        retraction = Some(NewRetractionRequest {
                            unit: unit.map(|u| self.units[u].name.clone()),
                            reason,
                            note: retraction_note(reason).into(),
                            requested_at: asked.max(published),
                            status: RequestStatus::Done,
                            handled: Some((at, by.clone())),
                            decline_reason: None,
                        });
                    }
                    withdrawal = Some(NewWithdrawal { reason, note: retraction_note(reason).into(), at, by });
                    status = ItemStatus::Withdrawn;
                }
            } else if x < 0.018 && unit.is_some() {
                let asked = self.end - Duration::minutes(self.rng.random_range(5..30 * 24 * 60));
                if asked > published {
                    let reason = if self.rng.random_bool(0.15) {
                        RetractionReason::Classified
                    } else {
                        RetractionReason::Outdated
                    };
                    let pending = asked > self.end - Duration::days(5) && self.pending_requests < MAX_PENDING_REQUESTS;
                    if pending {
                        self.pending_requests += 1;
                    }
                    let handled_at = asked + Duration::hours(self.rng.random_range(1..48));
                    let pending = pending || handled_at >= self.end;
                    retraction = Some(NewRetractionRequest {
                        unit: unit.map(|u| self.units[u].name.clone()),
                        reason,
                        note: retraction_note(reason).into(),
                        requested_at: asked,
                        status: if pending { RequestStatus::Pending } else { RequestStatus::Rejected },
                        handled: (!pending).then(|| (handled_at, self.admin())),
                        decline_reason: (!pending)
                            .then(|| "经核实，该信息仍在有效期内，内容准确，不予撤回".to_string()),
                    });
                }
            }
        }

        if let (Some(_), Some(published)) = (self.targets[t].documents, published_at) {
            // Most documents go online within their five working days; some are late.
            let mut issued = crate::domain::time::beijing_date(published);
            let back =
                if self.rng.random_bool(0.85) { self.rng.random_range(0..5) } else { self.rng.random_range(5..12) };
            let mut counted = 0;
            while counted < back {
                issued -= Duration::days(1);
                if self.calendar.is_working_day(issued) {
                    counted += 1;
                }
            }
            self.queue.push_back(Record::Document(NewDocument {
                number: docno.clone(),
                title: title.clone(),
                column: self.targets[t].path.clone(),
                issued_on: issued,
                item: Some(index as usize),
                recorded_at: submitted_at,
            }));
        }
        if let (Some(u), Some(_)) = (unit, published_at) {
            self.last_published_of_unit.insert(u, index as usize);
        }
        if self.rng.random_bool(1.0 / 1500.0) {
            self.queue_incident(day, submitted_at);
        }

        NewItem {
            fields: ItemFields {
                reference: None,
                url: None,
                // Sent to the portal within two hours of going out on WeChat.
                wechat_at: (channel == Channel::Wechat)
                    .then(|| submitted_at - Duration::minutes(10 + (index % 110) as i64)),
                title,
                body,
                form,
                path,
                unit: unit.map(|u| self.units[u].name.clone()),
                channel,
                stage,
                status,
                submitted_at,
                published_at,
                placements,
            },
            reviews,
            attachments,
            withdrawal,
            retraction,
        }
    }

    fn queue_incident(&mut self, day: NaiveDate, at: DateTime<Utc>) {
        let assessed: Vec<usize> = self.last_published_of_unit.keys().copied().filter(|u| *u != self.office).collect();
        if assessed.is_empty() {
            return;
        }
        let mut sorted = assessed;
        sorted.sort_unstable();
        let u = sorted[self.rng.random_range(0..sorted.len())];
        let kind = match self.rng.random_range(0..100) {
            0..75 => IncidentKind::Typo,
            75..90 => IncidentKind::Improper,
            _ => IncidentKind::Classified,
        };
        let note = match kind {
            IncidentKind::Typo => "所发信息中单位名称出现错别字，已更正",
            IncidentKind::Improper => "所发信息表述不当，引发网民负面评论，已撤回整改",
            IncidentKind::Classified => "发布了不在主动公开范围内的内部文件，已撤回",
        };
        self.queue.push_back(Record::Incident(NewIncident {
            unit: self.units[u].name.clone(),
            kind,
            item: self.last_published_of_unit.get(&u).copied(),
            occurred_on: day,
            note: note.into(),
            recorded_at: at,
            recorded_by: OPERATORS[0].0.into(),
        }));
    }
}

fn retraction_note(reason: RetractionReason) -> &'static str {
    match reason {
        RetractionReason::Outdated => "政策已调整，原信息已过时效",
        RetractionReason::Improper => "信息内容表述不当，申请撤回",
        RetractionReason::Classified => "疑似含有涉密内容，请立即撤回",
        RetractionReason::Error => "信息中数据有误，申请撤回更正",
    }
}

impl Iterator for Generator {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if !self.emitted_operators {
            self.emitted_operators = true;
            for (name, role) in OPERATORS {
                self.queue.push_back(Record::Operator { name: name.to_string(), role });
            }
        }
        if let Some(r) = self.queue.pop_front() {
            return Some(r);
        }
        if self.next >= self.spec.items {
            return None;
        }
        let index = self.next;
        self.next += 1;
        Some(Record::Item(Box::new(self.make_item(index))))
    }
}

#[cfg(test)]
mod tests;
