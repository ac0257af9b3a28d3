//! The column responsibility table (栏目责任表) and the units it names, as shipped data files.
//! Format: `docs/columns.md`. Parsing checks the whole table; every error names the file's line.

use crate::t;
use std::collections::{HashMap, HashSet};

use super::deadline::DeadlineRule;
use super::enums::UnitKind;

/// The built-in 2023 Xiangshan table.
pub const XIANGSHAN_2023_COLUMNS: &str = include_str!("../../data/columns/xiangshan-2023.tsv");
/// The units named by the built-in table.
pub const XIANGSHAN_2023_UNITS: &str = include_str!("../../data/units/xiangshan-2023.tsv");

/// The separator between the levels of a column path.
pub const PATH_SEPARATOR: &str = " / ";
/// The deepest level the regulation's table has (五级栏目).
pub const MAX_LEVEL: usize = 5;
/// The token in a column's units that stands for every unit of kind `department`.
pub const ALL_DEPARTMENTS: &str = "@departments";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSpec {
    pub name: String,
    pub kind: UnitKind,
    pub full_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The names from level 1 down.
    pub path: Vec<String>,
    /// 更新时限 as written.
    pub deadline: String,
    pub rule: DeadlineRule,
    /// 责任部门 as written.
    pub departments: String,
    /// The responsible units, resolved (`@departments` expanded), in the units file's order.
    pub units: Vec<String>,
    pub note: String,
}

impl ColumnSpec {
    pub fn level(&self) -> usize {
        self.path.len()
    }

    pub fn path_text(&self) -> String {
        self.path.join(PATH_SEPARATOR)
    }

    pub fn name(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or_default()
    }
}

/// A site's column tree with its units, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnTable {
    pub units: Vec<UnitSpec>,
    pub columns: Vec<ColumnSpec>,
}

/// A table file that cannot be loaded: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct TableError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The data lines of a TSV file with their 1-based line numbers, after checking the header.
fn data_lines<'a>(file: &str, text: &'a str, header: &[&str]) -> Result<Vec<(usize, Vec<&'a str>)>, TableError> {
    let err = |line: usize, message: String| TableError { file: file.to_string(), line, message };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let (n, first) = lines.next().ok_or_else(|| err(1, t!("rules-table-empty")))?;
    let expected = header.join("\t");
    if first != expected {
        return Err(err(n, t!("rules-table-header", expected = format!("{expected:?}"), found = format!("{first:?}"))));
    }
    lines
        .map(|(n, l)| {
            let fields: Vec<&str> = l.split('\t').collect();
            if fields.len() != header.len() {
                return Err(err(n, t!("rules-table-fields", expected = header.len(), found = fields.len())));
            }
            Ok((n, fields))
        })
        .collect()
}

impl ColumnTable {
    /// The built-in 2023 table of the Xiangshan District portal.
    pub fn xiangshan_2023() -> ColumnTable {
        ColumnTable::parse(
            "xiangshan-2023.tsv",
            XIANGSHAN_2023_COLUMNS,
            "units/xiangshan-2023.tsv",
            XIANGSHAN_2023_UNITS,
        )
        .expect("the built-in column table is checked by its tests")
    }

    /// Parses and checks a columns file against a units file.
    pub fn parse(columns_file: &str, columns: &str, units_file: &str, units: &str) -> Result<ColumnTable, TableError> {
        let units = parse_units(units_file, units)?;
        let by_name: HashMap<&str, &UnitSpec> = units.iter().map(|u| (u.name.as_str(), u)).collect();
        let departments: Vec<&str> =
            units.iter().filter(|u| u.kind == UnitKind::Department).map(|u| u.name.as_str()).collect();
        let order: HashMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.name.as_str(), i)).collect();

        let mut specs = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (n, f) in data_lines(columns_file, columns, &["path", "deadline", "departments", "units", "note"])? {
            let err = |message: String| TableError { file: columns_file.to_string(), line: n, message };
            let path: Vec<String> = f[0].split(PATH_SEPARATOR).map(|s| s.trim().to_string()).collect();
            if path.iter().any(String::is_empty) {
                return Err(err(t!("rules-table-empty-level", path = format!("{:?}", f[0]))));
            }
            if path.len() > MAX_LEVEL {
                return Err(err(t!(
                    "rules-table-too-deep",
                    path = format!("{:?}", f[0]),
                    depth = path.len(),
                    max = MAX_LEVEL
                )));
            }
            let text = path.join(PATH_SEPARATOR);
            if path.len() > 1 && !seen.contains(&path[..path.len() - 1].join(PATH_SEPARATOR)) {
                return Err(err(t!("rules-table-parent", path = format!("{text:?}"))));
            }
            if !seen.insert(text.clone()) {
                return Err(err(t!("rules-table-twice", path = format!("{text:?}"))));
            }
            let rule = DeadlineRule::parse(f[1])
                .map_err(|e| err(t!("rules-table-column", path = format!("{text:?}"), error = e.to_string())))?;
            let mut names: Vec<&str> = Vec::new();
            for name in f[3].split('、').map(str::trim).filter(|s| !s.is_empty()) {
                if name == ALL_DEPARTMENTS {
                    names.extend(departments.iter().copied());
                } else if by_name.contains_key(name) {
                    names.push(name);
                } else {
                    return Err(err(t!(
                        "rules-table-unit",
                        path = format!("{text:?}"),
                        unit = format!("{name:?}"),
                        file = units_file
                    )));
                }
            }
            names.sort_by_key(|n| order[n]);
            names.dedup();
            specs.push(ColumnSpec {
                path,
                deadline: f[1].trim().to_string(),
                rule,
                departments: f[2].trim().to_string(),
                units: names.into_iter().map(str::to_string).collect(),
                note: f[4].trim().to_string(),
            });
        }
        if specs.is_empty() {
            return Err(TableError { file: columns_file.to_string(), line: 1, message: t!("rules-table-no-columns") });
        }
        Ok(ColumnTable { units, columns: specs })
    }
}

fn parse_units(file: &str, text: &str) -> Result<Vec<UnitSpec>, TableError> {
    let mut units = Vec::new();
    let mut names = HashSet::new();
    for (n, f) in data_lines(file, text, &["name", "kind", "full_name"])? {
        let err = |message: String| TableError { file: file.to_string(), line: n, message };
        let name = f[0].trim();
        if name.is_empty() || name.starts_with('@') || name.contains('、') {
            return Err(err(t!("rules-table-unit-name", name = format!("{name:?}"))));
        }
        let kind: UnitKind = f[1].trim().parse().map_err(err)?;
        if !names.insert(name.to_string()) {
            return Err(err(t!("rules-table-unit-twice", name = format!("{name:?}"))));
        }
        let full_name = match f[2].trim() {
            "" => name.to_string(),
            full => full.to_string(),
        };
        units.push(UnitSpec { name: name.to_string(), kind, full_name });
    }
    if units.iter().filter(|u| u.kind == UnitKind::Office).count() != 1 {
        return Err(TableError { file: file.to_string(), line: 1, message: t!("rules-table-one-office") });
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: &str = "name\tkind\tfull_name\n政府办\toffice\t象山区人民政府办公室\n\
        二塘乡\ttownship\t二塘乡人民政府\n统计局\tdepartment\t象山区统计局\n民政局\tdepartment\t\n";

    fn table(columns: &str) -> Result<ColumnTable, TableError> {
        ColumnTable::parse("c.tsv", columns, "u.tsv", UNITS)
    }

    #[test]
    fn parses_a_small_table() {
        let t = table(
            "# a comment\npath\tdeadline\tdepartments\tunits\tnote\n走进象山\t\t\t\t\n走进象山 / \
                象山经济\t10个月\t统计局\t统计局\t\n政务动态\t\t\t\t\n政务动态 / \
                    部门动态\t10天\t各职能部门\t@departments、政府办\t\n",
        )
        .unwrap();
        assert_eq!(t.columns.len(), 4);
        assert_eq!(t.columns[1].path_text(), "走进象山 / 象山经济");
        assert_eq!(t.columns[1].level(), 2);
        assert_eq!(t.columns[1].rule.to_string(), "every 10 months");
        assert_eq!(t.columns[3].units, vec!["政府办", "统计局", "民政局"]);
        assert_eq!(t.units[3].full_name, "民政局");
    }

    #[test]
    fn errors_name_the_line() {
        let head = "path\tdeadline\tdepartments\tunits\tnote\n";
        let e = table(&format!("{head}走进象山\t\t\t\t\n走进象山 / 象山经济\t每周\t\t\t\n")).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.to_string().starts_with("c.tsv:3: column \"走进象山 / 象山经济\": unknown deadline text \"每周\""),
            "{e}"
        );
        let e = table(&format!("{head}走进象山 / 象山经济\t\t\t\t\n")).unwrap_err();
        assert_eq!(e.message, "column \"走进象山 / 象山经济\" comes before its parent");
        let e = table(&format!("{head}走进象山\t\t\t\t\n走进象山\t\t\t\t\n")).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (3, "column \"走进象山\" is listed twice"));
        let e = table(&format!("{head}走进象山\t\t\t财政局\t\n")).unwrap_err();
        assert!(e.message.contains("unit \"财政局\" is not in u.tsv"));
        let e = table(&format!("{head}a / b / c / d / e / f\t\t\t\t\n")).unwrap_err();
        assert!(e.message.contains("6 levels deep"));
        let e = table("path\tdeadline\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn the_built_in_table_loads() {
        let t = ColumnTable::xiangshan_2023();
        assert!(t.columns.len() > 200, "{} columns", t.columns.len());
        assert!(t.columns.iter().all(|c| c.level() <= MAX_LEVEL));
        assert_eq!(t.units.iter().filter(|u| u.kind == UnitKind::Office).count(), 1);
        let dept = t.columns.iter().find(|c| c.path_text() == "政务动态 / 乡（街道）动态").expect("乡（街道）动态");
        assert_eq!(dept.deadline, "10天");
        assert_eq!(dept.units.len(), 4, "一乡三办 is four units: {:?}", dept.units);
        let every_unit_used: HashSet<&str> =
            t.columns.iter().flat_map(|c| c.units.iter().map(String::as_str)).collect();
        for u in &t.units {
            assert!(
                u.kind == UnitKind::Office || every_unit_used.contains(u.name.as_str()),
                "unit {} is named by no column",
                u.name
            );
        }
    }
}
