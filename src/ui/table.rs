//! A list's columns laid out across exactly the width of the screen: one blank between two
//! columns (a cell that fills its column never runs into the next), numbers right-aligned,
//! columns of fixed things (times, ids, steps) as wide as their widest cell, and the columns of
//! free text (titles, units) sharing what is left fairly (`share`, as the command line's tables
//! do): a narrow one keeps its width, the wider ones get equal room.

use super::text::{self, Ambiguous};

/// One column: its widest cell (heading included), whether it shares the room left (free text)
/// and whether it is right-aligned (numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub natural: usize,
    pub grows: bool,
    pub right: bool,
}

impl Column {
    /// A column as wide as the widest of `cells`.
    pub fn fixed<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Column {
        Column { natural: widest(cells), grows: false, right: false }
    }

    /// A column of free text: it shares the room left.
    pub fn text<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Column {
        Column { natural: widest(cells), grows: true, right: false }
    }

    /// A column of numbers, right-aligned.
    pub fn number<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Column {
        Column { natural: widest(cells), grows: false, right: true }
    }
}

/// How a column of a list takes its width (`Table::of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// As wide as its widest cell (times, ids, steps).
    Fixed,
    /// Free text (titles, units): it shares the room left.
    Text,
    /// A number: as wide as its widest cell, right-aligned.
    Number,
}

/// Column `i` of a table: its heading, then its cell in each row.
fn column_of<'a>(heads: &'a [String], rows: &'a [Vec<String>], i: usize) -> impl Iterator<Item = &'a str> {
    std::iter::once(heads[i].as_str()).chain(rows.iter().map(move |r| r[i].as_str()))
}

fn widest<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> usize {
    cells.into_iter().map(|c| text::width(c.as_ref())).max().unwrap_or(0)
}

/// Each width within `budget` cells: a width no wider than its fair share is kept, the wider ones
/// share what is left evenly (the widest get the remainder). The widths may add up to less than
/// `budget` only when they all fit as they are.
pub fn share(natural: &[usize], budget: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut widths = natural.to_vec();
    let mut left = budget;
    for (n, &i) in order.iter().enumerate() {
        let fair = left / (order.len() - n);
        if natural[i] <= fair {
            left -= natural[i];
            continue;
        }
        let wider = &order[n..];
        let (each, extra) = (left / wider.len(), left % wider.len());
        for (k, &j) in wider.iter().enumerate() {
            widths[j] = each + usize::from(k >= wider.len() - extra);
        }
        break;
    }
    widths
}

/// The columns' widths in a row of `total` cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    widths: Vec<usize>,
    right: Vec<bool>,
    ambiguous: Ambiguous,
}

impl Table {
    /// `columns` across exactly `total` cells, a blank between two: the fixed ones as wide as
    /// their widest cell, the growing ones sharing the rest (`share`); what is left over goes to
    /// the last growing column. Fixed columns are narrowed too only when they alone do not fit.
    pub fn new(columns: &[Column], total: usize, ambiguous: Ambiguous) -> Table {
        let budget = total.saturating_sub(columns.len().saturating_sub(1));
        let natural: Vec<usize> = columns.iter().map(|c| c.natural).collect();
        let fixed: usize = columns.iter().filter(|c| !c.grows).map(|c| c.natural).sum();
        let mut widths = if fixed > budget {
            share(&natural, budget)
        } else {
            let growing: Vec<usize> = columns.iter().filter(|c| c.grows).map(|c| c.natural).collect();
            let mut shared = share(&growing, budget - fixed).into_iter();
            columns.iter().map(|c| if c.grows { shared.next().unwrap_or(0) } else { c.natural }).collect()
        };
        let used: usize = widths.iter().sum();
        let last = columns.iter().rposition(|c| c.grows).unwrap_or(columns.len().saturating_sub(1));
        if let Some(w) = widths.get_mut(last) {
            *w += budget.saturating_sub(used);
        }
        Table { widths, right: columns.iter().map(|c| c.right).collect(), ambiguous }
    }

    /// A list's table: `heads` over `rows`, column `i` of kind `kind(i)`, each measured on its
    /// heading and its cells, laid across `total` cells as `new` lays them.
    pub fn of(
        heads: &[String],
        rows: &[Vec<String>],
        kind: impl Fn(usize) -> Kind,
        total: usize,
        ambiguous: Ambiguous,
    ) -> Table {
        let columns: Vec<Column> = (0..heads.len())
            .map(|i| {
                let cells = column_of(heads, rows, i);
                match kind(i) {
                    Kind::Fixed => Column::fixed(cells),
                    Kind::Text => Column::text(cells),
                    Kind::Number => Column::number(cells),
                }
            })
            .collect();
        Table::new(&columns, total, ambiguous)
    }

    /// Column `i`'s width.
    pub fn width(&self, i: usize) -> usize {
        self.widths[i]
    }

    /// `s` in column `i`: cut or padded to its width (right-aligned if a number), followed by the
    /// blank before the next column.
    pub fn cell(&self, i: usize, s: &str) -> String {
        let w = self.widths[i];
        let shown = if self.right[i] { text::pad_left(s, w, self.ambiguous) } else { text::pad(s, w, self.ambiguous) };
        if i + 1 < self.widths.len() { format!("{shown} ") } else { shown }
    }

    /// A whole row (a heading), each of `cells` in its column.
    pub fn row<S: AsRef<str>>(&self, cells: &[S]) -> String {
        cells.iter().enumerate().map(|(i, c)| self.cell(i, c.as_ref())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_columns_keep_their_width_and_wide_ones_share_the_rest() {
        assert_eq!(share(&[3, 10, 50, 40], 110), vec![3, 10, 50, 40]);
        assert_eq!(share(&[3, 10, 50, 40], 60), vec![3, 10, 24, 23]);
    }

    #[test]
    fn a_table_fills_its_width_exactly_with_a_blank_between_columns() {
        let columns = [
            Column::fixed(["16d 21h", "5h"]),
            Column::number(["1007", "12"]),
            Column::text(["象山区人民政府关于冬季森林防火的通告", "通知"]),
            Column::text(["政府办"]),
        ];
        for total in [20, 40, 80, 160] {
            let t = Table::new(&columns, total, Ambiguous::Narrow);
            let row = t.row(&["16d 21h", "12", "象山区人民政府关于冬季森林防火的通告", "政府办"]);
            assert_eq!(text::width(&row), total, "{row:?}");
        }
        let t = Table::new(&columns, 40, Ambiguous::Narrow);
        // The waiting time fills its column and a blank still follows it; the id is right-aligned.
        assert_eq!(t.row(&["16d 21h", "12", "x", "y"]).split_at(13).0, "16d 21h   12 ");
        assert_eq!((t.width(2), t.width(3)), (20, 6), "the title gets what the unit does not need");
    }

    #[test]
    fn titles_share_the_room_fairly_when_they_do_not_fit() {
        let long = "象山区人民政府关于冬季森林防火的通告";
        let columns = [Column::fixed(["2026-11-29"]), Column::text([long]), Column::text([long])];
        let t = Table::new(&columns, 41, Ambiguous::Narrow);
        assert_eq!((t.width(1), t.width(2)), (14, 15));
        // Fixed columns too wide for the row are narrowed with the rest rather than overflow.
        let t = Table::new(&[Column::fixed(["abcdefghij"]), Column::fixed(["abcdefghij"])], 9, Ambiguous::Narrow);
        assert_eq!(text::width(&t.row(&["abcdefghij", "abcdefghij"])), 9);
    }

    #[test]
    fn a_number_is_right_aligned_before_its_blank() {
        let t = Table::new(&[Column::number(["item", "1007", "12"]), Column::text(["title"])], 20, Ambiguous::Narrow);
        assert_eq!(t.row(&["12", "通知"]), "  12 通知           ");
        assert_eq!(t.row(&["1007", "通知"]), "1007 通知           ");
    }
}
