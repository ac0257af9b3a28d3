//! A listing as a table that stays a table on a terminal: columns narrowed to the terminal's
//! width, the widest first, their cells wrapped by the program's one wrapping rule
//! (`ui::text::rows`: between Chinese characters, after a path's `/`) and cut with `…` past
//! `MAX_ROWS` rows; numbers right-aligned. Only a terminal too narrow to give every column
//! `MIN_WIDTH` cells gets one record per block instead (`None`).

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use crate::ui::text;

/// A column's borders and padding in a table.
pub const FRAME: usize = 3;

/// The fewest cells a narrowed column keeps: a date's month, two Chinese characters and more.
const MIN_WIDTH: usize = 6;

/// The most rows a cell wraps to; the rest is cut with `…` (the whole value is in CSV and JSON).
const MAX_ROWS: usize = 4;

/// The table of `headers` and `cells` (`numeric`: the columns to right-align), at most `width`
/// cells wide when one is given; None when no table of that width can show every column.
pub fn render(headers: &[String], cells: &[Vec<String>], numeric: &[bool], width: Option<usize>) -> Option<String> {
    let content: Vec<usize> =
        (0..headers.len()).map(|i| cells.iter().map(|r| text::width(&r[i])).max().unwrap_or(0)).collect();
    let heads: Vec<usize> = headers.iter().map(|h| text::width(h)).collect();
    let natural: Vec<usize> = content.iter().zip(&heads).map(|(c, h)| *c.max(h)).collect();
    let widths = match width {
        None => natural.clone(),
        Some(width) => {
            let budget = width.checked_sub(1 + FRAME * headers.len())?;
            if natural.iter().sum::<usize>() <= budget {
                natural.clone()
            } else {
                // A heading wraps before its values do: a column of short values under a long
                // heading (`days_overdue`, 最近更新) gives its room to the long values.
                let wanted: Vec<usize> =
                    content.iter().zip(&heads).map(|(c, h)| *c.max(&(*h).min(MIN_WIDTH))).collect();
                let mut widths = share(&wanted, budget)?;
                let mut left = budget.saturating_sub(widths.iter().sum());
                for (w, n) in widths.iter_mut().zip(&natural) {
                    let more = n.saturating_sub(*w).min(left);
                    *w += more;
                    left -= more;
                }
                widths
            }
        }
    };
    let folded: Vec<Vec<String>> =
        cells.iter().map(|row| row.iter().zip(&widths).map(|(c, w)| fold(c, *w)).collect()).collect();
    // Rows of more than one line are ruled off from each other, or a wrapped cell would run on
    // into the next row.
    let ruled = folded.iter().flatten().any(|c| c.contains('\n'));
    let mut table = Table::new();
    table
        .load_preset(if ruled { presets::UTF8_FULL } else { presets::UTF8_FULL_CONDENSED })
        .set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(headers.iter().zip(&widths).map(|(h, w)| fold(h, *w)));
    for row in folded {
        table.add_row(row);
    }
    for (i, right) in numeric.iter().enumerate() {
        if let Some(column) = table.column_mut(i).filter(|_| *right) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    Some(table.to_string())
}

/// Each column's width within `budget` cells: a column narrower than its fair share keeps its
/// width, the others share what is left evenly. None when the columns cannot each have
/// `MIN_WIDTH` (or their natural width, if less).
fn share(natural: &[usize], budget: usize) -> Option<Vec<usize>> {
    if natural.iter().map(|w| (*w).min(MIN_WIDTH)).sum::<usize>() > budget {
        return None;
    }
    Some(crate::ui::table::share(natural, budget))
}

/// A cell's text in rows of at most `width` cells, cut with `…` after `MAX_ROWS` rows.
fn fold(cell: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in cell.lines() {
        for range in text::rows(line, width, width) {
            if out.len() == MAX_ROWS {
                let last = out.pop().unwrap_or_default();
                out.push(text::fit(&format!("{last}{}", &line[range.start..]), width, text::Ambiguous::Narrow));
                return out.join("\n");
            }
            out.push(line[range].to_string());
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_columns_keep_their_width_and_wide_ones_share_the_rest() {
        assert_eq!(share(&[3, 10, 50, 40], 110), Some(vec![3, 10, 50, 40]));
        assert_eq!(share(&[3, 10, 50, 40], 60), Some(vec![3, 10, 24, 23]));
        assert_eq!(share(&[8; 12], 60), None, "twelve columns of six cells do not fit in sixty");
        assert_eq!(share(&[2, 2, 40], 20), Some(vec![2, 2, 16]));
    }

    #[test]
    fn a_cell_wraps_between_chinese_characters_and_is_cut_after_its_last_row() {
        assert_eq!(fold("象山区人民政府办公室关于印发", 10), "象山区人民\n政府办公室\n关于印发");
        let long = "一二三四五六七八九十".repeat(3);
        let folded = fold(&long, 6);
        assert_eq!(folded.lines().count(), MAX_ROWS);
        assert!(folded.ends_with('…') && folded.lines().all(|l| text::width(l) <= 6), "{folded}");
    }
}
