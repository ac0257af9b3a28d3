//! A `Document` in the national format for official documents (GB/T 9704-2012), as a Word file
//! (.docx) written with docx-rs: A4, margins 37/35/28/26 mm (top, bottom, left, right), 22 lines
//! of 28 characters (a line grid, the characters condensed to fit), the title in 2号 方正小标宋简体
//! centred, the body in 3号 仿宋_GB2312, first-level headings in 黑体 and second-level in
//! 楷体_GB2312, the issuing office and the date
//! (Arabic numerals) at the end, page numbers `— 1 —` in 4号 宋体 in the footer (odd pages right,
//! even pages left, one character in). Fonts are named, not embedded: the reader's office suite
//! has them. Nothing here knows where the words came from.

use docx_rs::{
    AlignmentType, BorderType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, Settings, SpecialIndentType, Table as DocxTable,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::domain::document::{Align, Block, Document, Inline, Table, date_words};

/// A4, in twentieths of a point (twips).
pub const PAGE: (u32, u32) = (11906, 16838);
/// Top, bottom, left, right margins: 37, 35, 28, 26 mm in twips.
pub const MARGINS: (i32, i32, i32, i32) = (2098, 1984, 1587, 1474);
/// The footer's distance from the page's bottom edge: the page number's line 7 mm below the type area.
const FOOTER: i32 = 1247;
/// 22 lines in the type area's 225 mm: the line pitch in twips.
pub const LINE_PITCH: i32 = 579;
/// 28 characters of 3号 in the type area's 156 mm (442.25 pt): each condensed by 0.25 pt, in
/// twentieths of a point, so that 28 × 15.75 pt fit. A character grid would say the same to Word
/// (`linesAndChars`, charSpace −842), but LibreOffice sets a 16 pt character in two of its 15.79 pt
/// cells, 14 to a line; condensed text on a line grid is 28 to a line in both.
pub const CONDENSED: i32 = -5;
/// Sizes in half-points: 2号, 3号, 4号, and 小四 for tables (nine columns must fit 156 mm).
pub const TITLE_SIZE: usize = 44;
pub const BODY_SIZE: usize = 32;
pub const PAGE_NUMBER_SIZE: usize = 28;
pub const TABLE_SIZE: usize = 24;
const CODE_SIZE: usize = 21;
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const BODY_FONT: &str = "仿宋_GB2312";
pub const HEADING_FONT: &str = "黑体";
pub const SUBHEADING_FONT: &str = "楷体_GB2312";
pub const PAGE_NUMBER_FONT: &str = "宋体";
const LATIN_FONT: &str = "Times New Roman";
const CODE_FONT: &str = "Courier New";
/// One character of the body (16 pt) in twips: indents are counted in characters.
const CHAR: i32 = 320;
/// The type area's width in twips.
const WIDTH: i32 = PAGE.0 as i32 - MARGINS.2 - MARGINS.3;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(LATIN_FONT).hi_ansi(LATIN_FONT)
}

fn exact() -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE_PITCH)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

/// A paragraph of the body: first line indented two characters, justified, on the grid.
fn body(runs: Vec<Run>) -> Paragraph {
    let p = Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(exact())
        .indent(None, Some(SpecialIndentType::FirstLine(2 * CHAR)), None, None)
        .first_line_chars(200);
    runs.into_iter().fold(p, Paragraph::add_run)
}

/// The document as the bytes of a .docx file.
pub fn docx(doc: &Document) -> std::io::Result<Vec<u8>> {
    let mut d = Docx::new()
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .default_spacing(CONDENSED)
        .settings(Settings::new().even_and_odd_headers())
        .footer(Footer::new().add_paragraph(page_number(true)))
        .even_footer(Footer::new().add_paragraph(page_number(false)));
    d = d.add_paragraph(
        // Off the grid, so that a 22 pt line takes one line of the grid, not two.
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(exact())
            .snap_to_grid(false)
            .add_run(run(&doc.title, TITLE_FONT, TITLE_SIZE)),
    );
    // 标题下空一行.
    d = d.add_paragraph(Paragraph::new().line_spacing(exact()));
    if let Some(to) = &doc.addressee {
        let p = Paragraph::new().line_spacing(exact()).add_run(run(&format!("{to}："), BODY_FONT, BODY_SIZE));
        d = d.add_paragraph(p);
    }
    for block in &doc.blocks {
        d = match block {
            Block::Heading(h) => d.add_paragraph(body(vec![run(h, HEADING_FONT, BODY_SIZE)]).keep_next(true)),
            Block::Subheading(h) => d.add_paragraph(body(vec![run(h, SUBHEADING_FONT, BODY_SIZE)]).keep_next(true)),
            Block::Paragraph(parts) => d.add_paragraph(body(parts.iter().map(inline).collect())),
            Block::List(items) => {
                items.iter().fold(d, |d, i| d.add_paragraph(body(vec![run(i, BODY_FONT, BODY_SIZE)])))
            }
            Block::Table(t) => d.add_table(table(t)),
        };
    }
    d = sign_off(d, &doc.office, &date_words(doc.date));
    d = d.page_size(PAGE.0, PAGE.1).page_margin(
        PageMargin::new()
            .top(MARGINS.0)
            .bottom(MARGINS.1)
            .left(MARGINS.2)
            .right(MARGINS.3)
            .header(851)
            .footer(FOOTER)
            .gutter(0),
    );
    d.document = d.document.doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(LINE_PITCH as usize));
    let mut parts = d.build();
    parts.document = heading_rows(&parts.document)?;
    let mut out = std::io::Cursor::new(Vec::new());
    parts.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// `<w:tblHeader/>`: the row is the table's heading, repeated at the top of every page the table
/// runs onto, so that a long table (the bulletin's units, a reminder sheet's columns) is read on
/// its second page with its columns named. docx-rs 0.4 cannot say it of a row, so it goes into
/// the first row's properties of every table of the document's XML as docx-rs wrote it, beside
/// the `<w:cantSplit />` every row of `table` carries.
const TABLE_HEADER: &str = "<w:tblHeader />";

/// The document's XML with the first row of each table marked as its heading row (`TABLE_HEADER`).
fn heading_rows(xml: &[u8]) -> std::io::Result<Vec<u8>> {
    let xml = std::str::from_utf8(xml).map_err(std::io::Error::other)?;
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    // Text is escaped (`&lt;`): a `<w:tbl>` here is a table, and tables hold none of their own.
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        let first_row = table.find("<w:tr>").zip(table.find("</w:tr>")).filter(|(open, close)| open < close);
        let properties = first_row
            .and_then(|(open, close)| table[open..close].find("<w:trPr>").map(|p| open + p + "<w:trPr>".len()));
        let Some(end) = properties else {
            return Err(std::io::Error::other("docx-rs wrote a table whose first row has no <w:trPr>"));
        };
        out.push_str(&table[..end]);
        out.push_str(TABLE_HEADER);
        rest = &table[end..];
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

fn inline(part: &Inline) -> Run {
    match part {
        Inline::Text(t) => run(t, BODY_FONT, BODY_SIZE),
        Inline::Code(c) => {
            Run::new().add_text(c).fonts(RunFonts::new().ascii(CODE_FONT).hi_ansi(CODE_FONT)).size(CODE_SIZE)
        }
    }
}

/// `— 1 —`: the PAGE field between two em dashes, one character in from the edge: the right one
/// on odd pages, the left one on even pages.
fn page_number(odd: bool) -> Paragraph {
    let one = PAGE_NUMBER_SIZE as i32 * 10;
    let (align, left, right) =
        if odd { (AlignmentType::Right, None, Some(one)) } else { (AlignmentType::Left, Some(one), None) };
    let f = || RunFonts::new().east_asia(PAGE_NUMBER_FONT).ascii(PAGE_NUMBER_FONT).hi_ansi(PAGE_NUMBER_FONT);
    let text = |t: &str| Run::new().add_text(t).fonts(f()).size(PAGE_NUMBER_SIZE);
    Paragraph::new()
        .align(align)
        .snap_to_grid(false)
        .indent(left, None, right, None)
        .add_run(text("— "))
        .add_run(
            Run::new()
                .fonts(f())
                .size(PAGE_NUMBER_SIZE)
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("1")
                .add_field_char(FieldCharType::End, false),
        )
        .add_run(text(" —"))
}

/// Half a character of a table's 小四 (12 pt) in twips, and the room a cell takes beyond its text:
/// its margins either side (0.19 cm each, Word's and LibreOffice's default) and a little more.
const TABLE_HALF_CHAR: i32 = 120;
const CELL_ROOM: i32 = 2 * 108 + 44;

/// The type area's width shared among a table's columns, given what each would take on one line
/// (`natural`, in twips): when all fit, each gets its own and the rest is shared in proportion;
/// otherwise the narrow ones keep theirs, so that a number, a date or a unit's name is never
/// broken, and the wide ones share what is left equally, wrapping their text.
fn shares(natural: &[i32], total: i32) -> Vec<i32> {
    let sum: i32 = natural.iter().sum();
    if sum <= total {
        return natural.iter().map(|n| n + (total - sum) * n / sum.max(1)).collect();
    }
    let mut sorted = natural.to_vec();
    sorted.sort_unstable();
    let (mut left, mut wide) = (total, sorted.len() as i32);
    let mut cap = 0;
    for w in sorted {
        if w * wide > left {
            cap = left / wide;
            break;
        }
        left -= w;
        wide -= 1;
    }
    natural.iter().map(|w| (*w).min(cap)).collect()
}

/// Width in half-characters: a Chinese character two, anything else one.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// A table ruled in single lines all round, its heading row in 黑体, figures to the right.
fn table(t: &Table) -> DocxTable {
    let natural: Vec<i32> = (0..t.columns.len())
        .map(|n| {
            let widest = t.rows.iter().filter_map(|r| r.get(n)).map(|c| width(c)).max().unwrap_or(0);
            widest.max(width(&t.columns[n].0)) as i32 * TABLE_HALF_CHAR + CELL_ROOM
        })
        .collect();
    let grid: Vec<usize> = shares(&natural, WIDTH).into_iter().map(|w| w as usize).collect();
    let cell = |text: &str, font: &str, align: AlignmentType, w: usize| {
        TableCell::new().width(w, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .align(align)
                .snap_to_grid(false)
                .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240))
                .add_run(run(text, font, TABLE_SIZE)),
        )
    };
    let head = TableRow::new(
        t.columns.iter().zip(&grid).map(|((h, _), w)| cell(h, HEADING_FONT, AlignmentType::Center, *w)).collect(),
    )
    .cant_split();
    let rows = t.rows.iter().map(|r| {
        let cells = t
            .columns
            .iter()
            .zip(&grid)
            .enumerate()
            .map(|(n, ((_, align), w))| {
                let align = if *align == Align::Right { AlignmentType::Right } else { AlignmentType::Left };
                cell(r.get(n).map_or("", String::as_str), BODY_FONT, align, *w)
            })
            .collect();
        TableRow::new(cells).cant_split()
    });
    let line = |p| TableBorder::new(p).border_type(BorderType::Single).size(4).color("000000");
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, p| b.set(line(p)));
    DocxTable::new(std::iter::once(head).chain(rows).collect())
        .set_grid(grid)
        .width(WIDTH as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
}

/// The office and the date under the body after an empty line (GB/T 9704-2012 7.3.5.2): the
/// office two characters in from the right, the date starting two characters right of the
/// office's start; a date longer than that sits two characters in and moves the office left.
fn sign_off(d: Docx, office: &str, date: &str) -> Docx {
    // In characters (a half-width digit counts half).
    let (o, t) = (width(office) as i32, width(date) as i32);
    let (office_in, date_in) = if o - t >= 2 * 2 { (2 * 2, o - t) } else { (2 * 2 + t + 2 * 2 - o, 2 * 2) };
    let line = |text: &str, half_chars: i32| {
        Paragraph::new()
            .align(AlignmentType::Right)
            .line_spacing(exact())
            .indent(None, None, Some(half_chars * CHAR / 2), None)
            .add_run(run(text, BODY_FONT, BODY_SIZE))
    };
    d.add_paragraph(Paragraph::new().line_spacing(exact()))
        .add_paragraph(line(office, office_in))
        .add_paragraph(line(date, date_in))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_of_each_table_is_its_heading_row() {
        let row = |text: &str| format!("<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc><w:t>{text}</w:t></w:tc></w:tr>");
        let table = |rows: &[&str]| format!("<w:tbl><w:tblPr /><w:tblGrid />{}</w:tbl>", rows.concat());
        let (head, a, b) = (row("单位"), row("1"), row("&lt;w:tbl&gt;"));
        let xml = format!("<w:body><w:p />{}<w:p />{}</w:body>", table(&[&head, &a, &b]), table(&[&head, &a]));
        let marked = String::from_utf8(heading_rows(xml.as_bytes()).unwrap()).unwrap();
        let head_marked = head.replace("<w:trPr>", &format!("<w:trPr>{TABLE_HEADER}"));
        let want =
            format!("<w:body><w:p />{}<w:p />{}</w:body>", table(&[&head_marked, &a, &b]), table(&[&head_marked, &a]));
        assert_eq!(marked, want);
        assert_eq!(heading_rows(b"<w:body><w:p /></w:body>").unwrap(), b"<w:body><w:p /></w:body>");
        assert!(heading_rows(b"<w:tbl><w:tr><w:tc /></w:tr></w:tbl>").is_err(), "a row without properties");
    }

    #[test]
    fn narrow_columns_keep_their_width_and_wide_ones_share_the_rest() {
        // All fit: each its own and the rest in proportion, within the width.
        let fit = shares(&[1000, 3000], 8000);
        assert_eq!(fit, [2000, 6000]);
        // Too wide: the number and the date keep theirs; the two texts share what is left.
        let tight = shares(&[740, 1460, 6000, 9000], 8845);
        assert_eq!(tight[..2], [740, 1460]);
        assert_eq!(tight[2], tight[3]);
        assert!(tight.iter().sum::<i32>() <= 8845 && tight[2] > 3000, "{tight:?}");
        // Nine columns too wide for any to keep its own: equal shares.
        assert_eq!(shares(&[2000; 9], 8845), [982; 9]);
    }
}
