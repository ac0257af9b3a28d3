//! The columns view's model: the column tree with each column's staleness, and the ways to look at
//! it (the tree, only overdue and empty, grouped by responsible unit, sorted by days overdue,
//! filtered). Pure: no terminal, no database.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use crate::ui::text::SearchKey;
use crate::domain::deadline::DeadlineRule;
use crate::domain::staleness::{Staleness, Status};

/// A column with its staleness, as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnEntry {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: i64,
    pub path: String,
    /// The deadline as the table words it (更新时限).
    pub deadline: String,
    pub rule: DeadlineRule,
    pub units: Vec<String>,
    pub last_update: Option<DateTime<Utc>>,
    pub staleness: Staleness,
    /// Its staleness depends on a provisional due date (`StaleRow::provisional`).
    pub provisional: bool,
}

impl ColumnEntry {
    /// The column's own name: the last level of its path.
    pub fn name(&self) -> &str {
        self.path.rsplit(" / ").next().unwrap_or(&self.path)
    }

    fn needs_attention(&self) -> bool {
        matches!(self.staleness.status, Status::Overdue | Status::Empty)
    }
}

/// One line of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A column (index into the tree), at a depth, showing its whole path when `flat`.
    Column { index: usize, depth: usize, flat: bool },
    /// A responsible unit's heading in the grouped view, with how many of its columns follow.
    Unit { index: usize, columns: usize },
}

/// How the tree is being looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mode {
    pub only_overdue: bool,
    pub by_unit: bool,
    pub sort_overdue: bool,
    /// In the grouped view, only this unit's group (`:unit 民政局`).
    pub unit: Option<String>,
}

/// The column tree and what of it is shown.
#[derive(Debug, Clone, Default)]
pub struct ColumnTree {
    pub entries: Vec<ColumnEntry>,
    /// Per entry: the worst status of it and every column below it.
    pub worst: Vec<Status>,
    /// Per entry: how many columns below it are overdue, and how many are empty (a parent's line
    /// counts them, so a folded parent says how much waits inside).
    pub below: Vec<(usize, usize)>,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
    keys: Vec<SearchKey>,
    /// The responsible units, in first-seen order, with the entries they answer for.
    pub units: Vec<(String, Vec<usize>)>,
    pub expanded: HashSet<i64>,
    pub mode: Mode,
}

impl ColumnTree {
    /// The tree from entries in the tree's order (every parent before its children).
    pub fn new(entries: Vec<ColumnEntry>) -> ColumnTree {
        let index: BTreeMap<i64, usize> = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        let mut children = vec![Vec::new(); entries.len()];
        let mut roots = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match e.parent_id.and_then(|p| index.get(&p)) {
                Some(&p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let mut worst: Vec<Status> = entries.iter().map(|e| e.staleness.status).collect();
        let mut below = vec![(0, 0); entries.len()];
        // Children come after parents: fold from the end.
        for i in (0..entries.len()).rev() {
            if let Some(&p) = entries[i].parent_id.and_then(|p| index.get(&p)) {
                worst[p] = worst[p].min(worst[i]);
                let own = entries[i].staleness.status;
                below[p].0 += below[i].0 + usize::from(own == Status::Overdue);
                below[p].1 += below[i].1 + usize::from(own == Status::Empty);
            }
        }
        let keys = entries.iter().map(|e| SearchKey::new(&[&e.path, &e.units.join(" ")])).collect();
        let mut units: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for u in &e.units {
                match units.iter_mut().find(|(name, _)| name == u) {
                    Some((_, list)) => list.push(i),
                    None => units.push((u.clone(), vec![i])),
                }
            }
        }
        ColumnTree { entries, worst, below, children, roots, keys, units, expanded: HashSet::new(), mode: Mode::default() }
    }

    /// The same view over fresh entries: expansion and mode survive a refresh.
    pub fn refreshed(&self, entries: Vec<ColumnEntry>) -> ColumnTree {
        let mut tree = ColumnTree::new(entries);
        tree.expanded = self.expanded.clone();
        tree.mode = self.mode.clone();
        tree
    }

    pub fn has_children(&self, index: usize) -> bool {
        !self.children[index].is_empty()
    }

    pub fn parent_index(&self, index: usize) -> Option<usize> {
        let parent = self.entries[index].parent_id?;
        self.entries.iter().position(|e| e.id == parent)
    }

    /// Worst first, then the tree's order (the order of `stale`).
    fn by_staleness(&self, list: &mut [usize]) {
        list.sort_by_key(|&i| (self.entries[i].staleness.status, -self.entries[i].staleness.days_overdue, i));
    }

    /// How bad a unit's group is, the worst first when sorted: the most overdue columns, then
    /// the most empty ones, then the most days overdue of one column.
    fn group_rank(&self, list: &[usize]) -> std::cmp::Reverse<(usize, usize, i64)> {
        let n = |s: Status| list.iter().filter(|&&i| self.entries[i].staleness.status == s).count();
        let days = list.iter().map(|&i| self.entries[i].staleness.days_overdue).max().unwrap_or(0);
        std::cmp::Reverse((n(Status::Overdue), n(Status::Empty), days))
    }

    /// The lines to show for the mode and a filter (as typed after `/`).
    pub fn lines(&self, filter: &str) -> Vec<Line> {
        let keep =
            |i: usize| self.keys[i].matches(filter) && (!self.mode.only_overdue || self.entries[i].needs_attention());
        if self.mode.by_unit {
            // The units worst first (the one with the most overdue columns leads), each with its
            // columns worst first; units as bad as each other keep the table's order.
            let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
            for (u, (name, list)) in self.units.iter().enumerate() {
                if self.mode.unit.as_ref().is_some_and(|only| only != name) {
                    continue;
                }
                let mut list: Vec<usize> = list.iter().copied().filter(|&i| keep(i)).collect();
                if list.is_empty() {
                    continue;
                }
                self.by_staleness(&mut list);
                groups.push((u, list));
            }
            groups.sort_by_key(|(u, list)| (self.group_rank(list), *u));
            let mut out = Vec::new();
            for (u, list) in groups {
                out.push(Line::Unit { index: u, columns: list.len() });
                out.extend(list.into_iter().map(|index| Line::Column { index, depth: 1, flat: true }));
            }
            return out;
        }
        if self.mode.sort_overdue || !filter.trim().is_empty() {
            // Every matching column, whole path shown; leaves and parents alike.
            let mut list: Vec<usize> = (0..self.entries.len()).filter(|&i| keep(i)).collect();
            if self.mode.sort_overdue {
                self.by_staleness(&mut list);
            }
            return list.into_iter().map(|index| Line::Column { index, depth: 0, flat: true }).collect();
        }
        let mut out = Vec::new();
        for &r in &self.roots {
            self.walk(r, 0, &mut out);
        }
        out
    }

    fn walk(&self, i: usize, depth: usize, out: &mut Vec<Line>) {
        if self.mode.only_overdue && !matches!(self.worst[i], Status::Overdue | Status::Empty) {
            return;
        }
        out.push(Line::Column { index: i, depth, flat: false });
        // Showing only what needs attention opens the way to it.
        if self.mode.only_overdue || self.expanded.contains(&self.entries[i].id) {
            for &c in &self.children[i] {
                self.walk(c, depth + 1, out);
            }
        }
    }

    pub fn is_expanded(&self, index: usize) -> bool {
        self.mode.only_overdue || self.expanded.contains(&self.entries[index].id)
    }

    pub fn expand_all(&mut self) {
        self.expanded = (0..self.entries.len()).filter(|&i| self.has_children(i)).map(|i| self.entries[i].id).collect();
    }

    /// Counts by status, for the title line.
    pub fn counts(&self) -> BTreeMap<Status, usize> {
        let mut out = BTreeMap::new();
        for e in &self.entries {
            *out.entry(e.staleness.status).or_default() += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn entry(id: i64, parent: Option<i64>, path: &str, status: Status, days: i64, units: &[&str]) -> ColumnEntry {
        ColumnEntry {
            id,
            parent_id: parent,
            level: path.split(" / ").count() as i64,
            path: path.to_string(),
            deadline: "每月".to_string(),
            rule: DeadlineRule::Monthly,
            units: units.iter().map(|u| u.to_string()).collect(),
            last_update: None,
            staleness: Staleness { status, due: NaiveDate::from_ymd_opt(2026, 11, 1), days_overdue: days },
            provisional: false,
        }
    }

    fn tree() -> ColumnTree {
        ColumnTree::new(vec![
            entry(1, None, "政务动态", Status::Ok, 0, &[]),
            entry(2, Some(1), "政务动态 / 工作动态", Status::Overdue, 3, &["区政府办"]),
            entry(3, Some(1), "政务动态 / 乡镇动态", Status::Ok, 0, &["民政局"]),
            entry(4, None, "政府信息公开", Status::Exempt, 0, &[]),
            entry(5, Some(4), "政府信息公开 / 机构职能", Status::Empty, 0, &["民政局", "区政府办"]),
            entry(6, Some(4), "政府信息公开 / 政策文件", Status::Overdue, 40, &["区政府办"]),
        ])
    }

    fn ids(t: &ColumnTree, filter: &str) -> Vec<String> {
        t.lines(filter)
            .into_iter()
            .map(|l| match l {
                Line::Column { index, depth, .. } => format!("{}{}", "  ".repeat(depth), t.entries[index].id),
                Line::Unit { index, columns } => format!("{}({columns})", t.units[index].0),
            })
            .collect()
    }

    #[test]
    fn parents_show_the_worst_status_below_them() {
        let t = tree();
        assert_eq!(
            t.worst,
            vec![Status::Overdue, Status::Overdue, Status::Ok, Status::Overdue, Status::Empty, Status::Overdue]
        );
    }

    #[test]
    fn the_tree_expands_and_collapses() {
        let mut t = tree();
        assert_eq!(ids(&t, ""), ["1", "4"]);
        t.expanded.insert(4);
        assert_eq!(ids(&t, ""), ["1", "4", "  5", "  6"]);
        t.expand_all();
        assert_eq!(ids(&t, ""), ["1", "  2", "  3", "4", "  5", "  6"]);
    }

    #[test]
    fn only_overdue_keeps_overdue_and_empty_columns_and_the_way_to_them() {
        let mut t = tree();
        t.mode.only_overdue = true;
        assert_eq!(ids(&t, ""), ["1", "  2", "4", "  5", "  6"]);
    }

    #[test]
    fn sorting_puts_the_most_days_overdue_first() {
        let mut t = tree();
        t.mode.sort_overdue = true;
        assert_eq!(ids(&t, ""), ["6", "2", "5", "1", "3", "4"]);
    }

    #[test]
    fn grouping_lists_each_units_columns_worst_first() {
        let mut t = tree();
        t.mode.by_unit = true;
        assert_eq!(ids(&t, ""), ["区政府办(3)", "  6", "  2", "  5", "民政局(2)", "  5", "  3"]);
        t.mode.only_overdue = true;
        assert_eq!(ids(&t, ""), ["区政府办(3)", "  6", "  2", "  5", "民政局(1)", "  5"]);
    }

    #[test]
    fn the_unit_with_the_most_overdue_columns_comes_first() {
        // 民政局 is seen first but has one overdue column; 财政局 has two.
        let mut t = ColumnTree::new(vec![
            entry(1, None, "a", Status::Overdue, 2, &["民政局"]),
            entry(2, None, "b", Status::Empty, 0, &["教育局"]),
            entry(3, None, "c", Status::Overdue, 1, &["财政局"]),
            entry(4, None, "d", Status::Overdue, 1, &["财政局"]),
            entry(5, None, "e", Status::Ok, 0, &["卫健局"]),
            entry(6, None, "f", Status::Overdue, 9, &["住建局"]),
        ]);
        t.mode.by_unit = true;
        assert_eq!(
            ids(&t, ""),
            ["财政局(2)", "  3", "  4", "住建局(1)", "  6", "民政局(1)", "  1", "教育局(1)", "  2", "卫健局(1)", "  5"]
        );
    }

    #[test]
    fn a_parent_counts_the_overdue_and_empty_columns_below_it() {
        let t = tree();
        assert_eq!(t.below, vec![(1, 0), (0, 0), (0, 0), (1, 1), (0, 0), (0, 0)]);
        let deep = ColumnTree::new(vec![
            entry(1, None, "a", Status::Exempt, 0, &[]),
            entry(2, Some(1), "a / b", Status::Overdue, 3, &[]),
            entry(3, Some(2), "a / b / c", Status::Overdue, 3, &[]),
            entry(4, Some(2), "a / b / d", Status::Empty, 0, &[]),
        ]);
        assert_eq!(deep.below[0], (2, 1), "a grandparent counts its grandchildren");
        assert_eq!(deep.below[1], (1, 1));
    }

    #[test]
    fn the_filter_matches_paths_units_and_pinyin_initials() {
        let t = tree();
        assert_eq!(ids(&t, "mzj"), ["3", "5"]);
        assert_eq!(ids(&t, "政策"), ["6"]);
        assert_eq!(ids(&t, "zwdt"), ["1", "2", "3"]);
    }
}
