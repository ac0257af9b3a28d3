//! Where things go on the screen: one pure function of the terminal's size, shared by drawing and
//! by the mouse (a click lands on the row drawn there).

use ratatui::layout::Rect;

/// The smallest terminal the console lays out in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Documents shown above a column's items, at most.
pub const MAX_DOCUMENTS: usize = 4;

/// The parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The tabs, with hints on the right.
    pub tabs: Rect,
    /// The view's title and counts.
    pub title: Rect,
    /// The documents due in an open column (height 0 elsewhere).
    pub documents: Rect,
    /// A list's column headings.
    pub header: Rect,
    /// A list's rows (or a page of text).
    pub rows: Rect,
    /// The keys of the view in front, in a line; a message too long for the status line is
    /// shown here (and above) until the next key.
    pub hints: Rect,
    /// Site, operator, database, connection, the last action's result.
    pub status: Rect,
}

impl Areas {
    /// The areas at `size`; `column` when an open column's documents take room above its items.
    pub fn new(size: (u16, u16), column: bool, documents: usize) -> Areas {
        let (w, h) = size;
        let line = |y: u16, height: u16| Rect { x: 0, y, width: w, height };
        let docs = if column && documents > 0 { documents.min(MAX_DOCUMENTS) as u16 + 2 } else { 0 };
        let body_top = 2 + docs;
        let rows_top = body_top + 1;
        Areas {
            tabs: line(0, 1),
            title: line(1, 1),
            documents: line(2, docs),
            header: line(body_top, 1),
            rows: line(rows_top, h.saturating_sub(rows_top + 2)),
            hints: line(h.saturating_sub(2), 1),
            status: line(h.saturating_sub(1), 1),
        }
    }
}

/// Rows of the review screen's panel under the item: a heading, the seven checks beside the
/// findings, what the item lacks (its keys are on the hint line below it).
pub const REVIEW_PANEL: u16 = 9;

/// The review screen's page of the item, above its panel.
pub fn review_page(a: &Areas) -> Rect {
    let top = a.header.y;
    Rect { x: 0, y: top, width: a.rows.width, height: a.hints.y.saturating_sub(top + REVIEW_PANEL) }
}

/// Whether the terminal is big enough to lay out in.
pub fn fits(size: (u16, u16)) -> bool {
    size.0 >= MIN_WIDTH && size.1 >= MIN_HEIGHT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_areas_tile_the_screen() {
        for (column, docs) in [(false, 0), (true, 0), (true, 2), (true, 9)] {
            let a = Areas::new((80, 24), column, docs);
            assert_eq!(a.status.y, 23);
            assert_eq!(a.rows.y + a.rows.height, a.hints.y);
            assert_eq!(a.hints.y + 1, a.status.y);
            assert_eq!(a.header.y + 1, a.rows.y);
            assert_eq!(a.documents.y + a.documents.height, a.header.y);
        }
        assert_eq!(Areas::new((80, 24), false, 0).rows.height, 19);
        assert_eq!(Areas::new((80, 24), true, 9).rows.height, 13);
    }
}
