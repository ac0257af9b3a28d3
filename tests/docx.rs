//! Documents in the national format (GB/T 9704-2012, issue 24): the bulletin, a reminder sheet and a
//! rectification notice written as .docx by the real binary on both databases, opened (unzipped)
//! and read: A4, the margins, the 22×28 grid, the fonts and sizes, the footer's page number, no
//! embedded fonts; and every line, table row and figure of the Markdown version is in the DOCX.
//! Where LibreOffice is installed, documents are converted to PDF and their pages counted.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use chrono::{Datelike, NaiveDate};
use common::{PENDING, TestDb, fails, rows};
use portal_admin::domain::document::{Align, Block, Document, Table};

/// The parts of a .docx a reader of the format looks at.
struct Parts {
    document: String,
    styles: String,
    settings: String,
    footers: Vec<String>,
    names: Vec<String>,
}

fn open(path: &Path) -> Parts {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("a zip archive");
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).unwrap_or_else(|_| panic!("{name} in {names:?}")).read_to_string(&mut text).unwrap();
        text
    };
    let footers = names.iter().filter(|n| n.starts_with("word/footer")).map(|n| read(n)).collect();
    Parts {
        document: read("word/document.xml"),
        styles: read("word/styles.xml"),
        settings: read("word/settings.xml"),
        footers,
        names: names.clone(),
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of a piece of WordprocessingML: its `<w:t>`s, a line per paragraph.
fn text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("</w:p>") {
            out.push('\n');
        }
        if rest.starts_with("<w:t>") || rest.starts_with("<w:t ") {
            let open = rest.find('>').unwrap();
            let close = rest.find("</w:t>").unwrap();
            out.push_str(&unescape(&rest[open + 1..close]));
            rest = &rest[close..];
        }
        rest = &rest[1..];
    }
    out
}

/// Each table row of the document, as its cells' texts.
fn table_rows(xml: &str) -> Vec<Vec<String>> {
    xml.split("<w:tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</w:tr>").next().unwrap();
            row.split("</w:tc>").filter(|c| c.contains("<w:tc>")).map(|c| text(c).trim().to_string()).collect()
        })
        .collect()
}

/// The runs (`<w:r>…</w:r>`) that say `said`, in order.
fn runs_of<'a>(xml: &'a str, said: &str) -> Vec<&'a str> {
    let runs: Vec<&str> = xml
        .match_indices(&format!(">{said}<"))
        .map(|(at, _)| {
            let start = xml[..at].rfind("<w:r>").expect("its run");
            &xml[start..start + xml[start..].find("</w:r>").unwrap()]
        })
        .collect();
    assert!(!runs.is_empty(), "{said} not in the document");
    runs
}

/// The first run that says `said`.
fn run_of<'a>(xml: &'a str, said: &str) -> &'a str {
    runs_of(xml, said)[0]
}

/// The number an attribute of the first `<w:TAG …/>` in `xml` holds.
fn attr(xml: &str, tag: &str, name: &str) -> i64 {
    let at = xml.find(&format!("<w:{tag} ")).unwrap_or_else(|| panic!("<w:{tag}> in {xml}"));
    let element = &xml[at..at + xml[at..].find('>').unwrap()];
    let value = element.split(&format!(" w:{name}=\"")).nth(1).unwrap_or_else(|| panic!("{name} in {element}"));
    value[..value.find('"').unwrap()].parse().unwrap()
}

/// The layout the standard asks for, as the file states it.
fn is_national_format(p: &Parts) {
    let section = &p.document[p.document.rfind("<w:sectPr").expect("sectPr")..];
    let twips_in_mm = |twips: i64| (twips as f64 * 25.4 / 1440.0).round() as i64;
    // A4, 210 × 297 mm; margins 37 top, 35 bottom, 28 left, 26 right.
    assert_eq!((twips_in_mm(attr(section, "pgSz", "w")), twips_in_mm(attr(section, "pgSz", "h"))), (210, 297));
    let margin = |side| twips_in_mm(attr(section, "pgMar", side));
    assert_eq!([margin("top"), margin("bottom"), margin("left"), margin("right")], [37, 35, 28, 26]);
    // 22 lines of the grid in the type area's height, 28 condensed 3号 characters in its width.
    assert!(section.contains(r#"w:type="lines""#), "{section}");
    let height = attr(section, "pgSz", "h") - attr(section, "pgMar", "top") - attr(section, "pgMar", "bottom");
    assert_eq!(height / attr(section, "docGrid", "linePitch"), 22);
    let defaults = &p.styles[..p.styles.find("</w:docDefaults>").unwrap()];
    let width = attr(section, "pgSz", "w") - attr(section, "pgMar", "left") - attr(section, "pgMar", "right");
    let character = attr(defaults, "sz", "val") * 10 + attr(defaults, "spacing", "val");
    assert_eq!(width / character, 28, "{width} twips of {character}-twip characters");
    for said in [r#"w:w="11906""#, r#"w:h="16838""#, r#"w:linePitch="579""#] {
        assert!(section.contains(said), "{said} in {section}");
    }
    assert!(p.settings.contains("evenAndOddHeaders"), "odd and even pages' numbers: {}", p.settings);
    assert!(!p.settings.contains("embedTrueTypeFonts") && !p.names.iter().any(|n| n.starts_with("word/fonts/")));
    // The body's defaults: 3号 仿宋_GB2312, condensed by 0.25 pt so that 28 characters fill a line.
    for said in [r#"w:eastAsia="仿宋_GB2312""#, r#"<w:sz w:val="32""#, r#"<w:spacing w:val="-5""#] {
        assert!(defaults.contains(said), "{said} in {defaults}");
    }
    assert_eq!(p.footers.len(), 2, "odd and even footers");
    for footer in &p.footers {
        for said in ["<w:instrText>PAGE</w:instrText>", ">— <", "> —<", r#"<w:sz w:val="28""#, r#"w:eastAsia="宋体""#]
        {
            assert!(footer.contains(said), "{said} in {footer}");
        }
    }
}

/// Every table ruled in single lines: its frame and between every row and column.
fn tables_are_ruled(p: &Parts) {
    let tables: Vec<&str> = p.document.split("<w:tbl>").skip(1).collect();
    assert!(!tables.is_empty(), "a table");
    for table in tables {
        let borders = &table[table.find("<w:tblBorders>").expect("ruled")..table.find("</w:tblBorders>").unwrap()];
        for side in ["top", "bottom", "left", "right", "insideH", "insideV"] {
            assert!(borders.contains(&format!(r#"<w:{side} w:val="single" w:sz="4""#)), "{side} in {borders}");
        }
    }
}

/// Every table's first row, and no other, is its heading row (`<w:tblHeader />` in its
/// properties), which a word processor repeats at the top of each page the table runs onto.
fn tables_repeat_their_heading_row(p: &Parts) {
    let tables: Vec<&str> = p.document.split("<w:tbl>").skip(1).collect();
    assert!(!tables.is_empty(), "a table");
    for table in &tables {
        let rows: Vec<&str> = table.split("<w:tr>").skip(1).map(|r| r.split("</w:tr>").next().unwrap()).collect();
        assert!(rows.len() >= 2, "a heading and a row: {table}");
        let properties = |row: &str| row[..row.find("</w:trPr>").expect("the row's properties")].to_string();
        assert!(properties(rows[0]).contains("<w:tblHeader />"), "the heading row: {}", properties(rows[0]));
        for row in &rows[1..] {
            assert!(!row.contains("tblHeader"), "a row of the body: {}", properties(row));
        }
    }
    assert_eq!(p.document.matches("tblHeader").count(), tables.len(), "one heading row a table");
}

/// The issuing office and, on the next line, the date in Arabic numerals, last, to the right: the
/// office two characters in from the edge, the date starting two characters right of the office.
fn signed_off_by(p: &Parts, office: &str, date: NaiveDate) {
    let paragraphs: Vec<&str> = p.document.split("</w:p>").collect();
    let [.., office_p, date_p, _] = paragraphs[..] else { panic!("a sign-off") };
    let date_said = format!("{}年{}月{}日", date.year(), date.month(), date.day());
    assert_eq!((text(office_p).trim(), text(date_p).trim()), (office, date_said.as_str()));
    for paragraph in [office_p, date_p] {
        assert!(paragraph.contains(r#"<w:jc w:val="right""#), "{paragraph}");
    }
    let half = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<i64>() * 160;
    assert_eq!(attr(office_p, "ind", "right"), 640);
    assert_eq!(attr(date_p, "ind", "right") + half(&date_said), 640 + half(office) - 640);
}

/// Every line of the Markdown version is in the DOCX: each table row as a row of the same cells,
/// every other line (headings, paragraphs, list items, the office, the date) as a paragraph.
fn says_what_markdown_says(markdown: &str, p: &Parts) {
    let said = text(&p.document);
    let paragraphs: Vec<&str> = said.lines().collect();
    let docx_rows = table_rows(&p.document);
    let mut checked = 0;
    for line in markdown.lines().filter(|l| !l.trim().is_empty()) {
        if line.starts_with("| ---") {
            continue;
        }
        if let Some(row) = line.strip_prefix("| ").and_then(|l| l.strip_suffix(" |")) {
            let cells: Vec<String> = row.split(" | ").map(|c| c.trim().to_string()).collect();
            assert!(docx_rows.contains(&cells), "row {cells:?} not among {docx_rows:?}");
        } else {
            let bare = ["# ", "## ", "### ", "- "].iter().fold(line, |l, p| l.strip_prefix(p).unwrap_or(l));
            let bare = bare.replace('`', "");
            assert!(paragraphs.contains(&bare.as_str()), "{bare:?} not a paragraph of\n{said}");
        }
        checked += 1;
    }
    assert!(checked > 5, "{markdown}");
}

fn quarter_of(day: NaiveDate) -> String {
    format!("{}Q{}", day.year(), day.month0() / 3 + 1)
}

async fn the_three_documents_are_in_the_national_format(db: TestDb) {
    db.ok(&["init"]);
    db.import("pending.jsonl", PENDING);
    db.ok(&["review", "reject", "unit-1", "--failed", "2", "--reason", "数据待核实"]);
    let column =
        rows(&db, &["columns"]).into_iter().find(|c| c["path"] == "政务动态 / 部门动态").unwrap()["id"].to_string();
    db.ok(&["rectifications", "add", "--unit", "民政局", "--column", &column, "--note", "部门动态栏目空白"]);
    let order = rows(&db, &["rectifications"])[0]["id"].to_string();
    let quarter = quarter_of((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive());
    let path = |name: &str| db.file(name).to_str().unwrap().to_string();

    let documents: [(&str, Vec<&str>); 3] = [
        ("bulletin", vec!["scores", "--quarter", &quarter, "--bulletin"]),
        ("sheet", vec!["remind", "--unit", "民政局", "--out"]),
        ("notice", vec!["rectifications", "notice", &order, "--out"]),
    ];
    for (name, args) in &documents {
        let (md, docx) = (path(&format!("{name}.md")), path(&format!("{name}.docx")));
        db.ok(&[&args[..], &[md.as_str()]].concat());
        db.ok(&[&args[..], &[docx.as_str()]].concat());
        let markdown = std::fs::read_to_string(&md).unwrap();
        let parts = open(Path::new(&docx));
        is_national_format(&parts);
        says_what_markdown_says(&markdown, &parts);
        if markdown.contains("\n| --- |") {
            tables_are_ruled(&parts);
            tables_repeat_their_heading_row(&parts);
        }
        let [.., office, date] = markdown.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>()[..] else { panic!() };
        signed_off_by(&parts, office, NaiveDate::parse_from_str(date, "%Y年%m月%d日").unwrap());
        // The title in 2号 方正小标宋简体, the first heading in 3号 黑体.
        let title = markdown.lines().next().unwrap().trim_start_matches("# ");
        let run = run_of(&parts.document, title);
        assert!(run.contains(r#"w:eastAsia="方正小标宋简体""#) && run.contains(r#"<w:sz w:val="44""#), "{run}");
        let heading = markdown.lines().find_map(|l| l.strip_prefix("## ")).unwrap();
        let run = run_of(&parts.document, heading);
        assert!(run.contains(r#"w:eastAsia="黑体""#) && run.contains(r#"<w:sz w:val="32""#), "{run}");
        // Not written over without --force: one line, exit 1, the file as it was.
        let before = std::fs::read(&docx).unwrap();
        fails(&db, &[&args[..], &[docx.as_str()]].concat(), 1, "exists: nothing written (--force");
        assert_eq!(std::fs::read(&docx).unwrap(), before);
        db.ok(&[&args[..], &[docx.as_str(), "--force"]].concat());
    }
    // The bulletin's units under section four in 楷体_GB2312; the body in 仿宋_GB2312.
    let bulletin = open(&db.file("bulletin.docx"));
    let markdown = std::fs::read_to_string(db.file("bulletin.md")).unwrap();
    let unit = markdown.lines().find_map(|l| l.strip_prefix("### ")).expect("a unit with overdue columns");
    assert!(runs_of(&bulletin.document, unit).iter().any(|r| r.contains(r#"w:eastAsia="楷体_GB2312""#)));
    let body = markdown.lines().find(|l| l.starts_with("统计期间")).unwrap();
    assert!(run_of(&bulletin.document, body).contains(r#"w:eastAsia="仿宋_GB2312""#));
    // The notice names the unit, what is wrong, the rule and the deadline.
    let notice = text(&open(&db.file("notice.docx")).document);
    let due = rows(&db, &["rectifications"])[0]["due_on"].as_str().unwrap().to_string();
    let due = NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap().format("%Y年%-m月%-d日").to_string();
    for said in ["象山区民政局：", "部门动态栏目空白", "第十七条", &due, "政务动态 / 部门动态"]
    {
        assert!(notice.contains(said), "{said} in\n{notice}");
    }

    // Every unit's sheet into a folder as .docx.
    let dir = db.file("round");
    std::fs::create_dir(&dir).unwrap();
    db.ok(&["remind", "--all", "--dir", dir.to_str().unwrap(), "--docx"]);
    let files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    let units = db.any().await.count("SELECT COUNT(*) FROM units").await;
    assert_eq!(files.iter().filter(|f| f.ends_with(".docx")).count() as i64, units, "{files:?}");
    let mine = files.iter().find(|f| f.starts_with("提醒单-民政局-")).unwrap();
    says_what_markdown_says(&std::fs::read_to_string(db.file("sheet.md")).unwrap(), &open(&dir.join(mine)));
    // A folder's sheets are not written over either: none is written while one is there.
    let before = std::fs::read(dir.join(mine)).unwrap();
    let other = files.iter().find(|f| *f != mine).unwrap();
    std::fs::remove_file(dir.join(other)).unwrap();
    let round = ["remind", "--all", "--dir", dir.to_str().unwrap(), "--docx"];
    fails(&db, &round, 1, "exists: nothing written (--force");
    assert!(!dir.join(other).exists());
    assert_eq!(std::fs::read(dir.join(mine)).unwrap(), before);
    db.ok(&[&round[..], &["--force"]].concat());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), files.len());

    // Bad input: one line, non-zero, nothing written.
    let txt = path("notice.txt");
    fails(&db, &["rectifications", "notice", &order, "--out", &txt], 2, "--out takes a Word file");
    fails(&db, &["remind", "--unit", "民政局", "--out", &txt], 2, "(.docx)");
    assert!(!Path::new(&txt).exists());
    fails(&db, &["rectifications", "notice", "999", "--out", &path("n.docx")], 1, "no rectification order 999");
    assert!(!db.file("n.docx").exists());
    fails(&db, &["remind", "--unit", "民政局", "--docx"], 2, "--dir");
}

on_both_backends!(the_three_documents_are_in_the_national_format);

/// LibreOffice (`soffice` or `libreoffice`) on PATH, if installed; if not, the test says it is
/// skipped.
fn libreoffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"]
        .into_iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()));
    if found.is_none() {
        println!(
            "skipped: LibreOffice (soffice or libreoffice) is not installed; apt-get install libreoffice-writer-nogui"
        );
    }
    found
}

/// The PDF's page count, by LibreOffice's conversion and poppler's pdfinfo.
fn pages(office: &str, docx: &Path) -> usize {
    let dir = docx.parent().unwrap();
    let profile = dir.join("profile");
    // A private profile and HOME, so that conversions running at once do not share LibreOffice's lock.
    let out = Command::new(office)
        .env("HOME", dir)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = docx.with_extension("pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap_or_else(|| panic!("{info}"));
    line.trim_start_matches("Pages:").trim().parse().unwrap()
}

/// 22 lines of 28 characters to a page: a title, the empty line under it, 17 one-line paragraphs
/// (26 characters after the first line's indent of two) and the sign-off (an empty line, the
/// office, the date) fill one page; one paragraph more, or one character more in each, which
/// takes each to a second line, starts a second page.
#[test]
fn twenty_two_lines_of_28_characters_fill_a_page_in_libreoffice() {
    let Some(office) = libreoffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let document = |paragraphs: usize, characters: usize| Document {
        title: "网站信息整改通知".into(),
        addressee: None,
        blocks: (0..paragraphs).map(|_| Block::text("象".repeat(characters))).collect(),
        office: "象山区人民政府门户网站".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
    };
    for (paragraphs, characters, expected) in [(17, 26, 1), (18, 26, 2), (17, 27, 2), (8, 27, 1)] {
        let docx = dir.path().join(format!("{paragraphs}-{characters}.docx"));
        std::fs::write(&docx, portal_admin::docx::docx(&document(paragraphs, characters)).unwrap()).unwrap();
        assert_eq!(pages(office, &docx), expected, "{paragraphs} paragraphs of {characters} characters");
    }
}

/// A table too long for a page shows its heading row again at the top of the next page, in
/// LibreOffice's rendering (poppler's pdftotext of page 2).
#[test]
fn a_table_across_pages_repeats_its_heading_in_libreoffice() {
    let Some(office) = libreoffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let columns = [("序号", Align::Right), ("责任单位", Align::Left), ("逾期栏目", Align::Right)];
    let table = Table {
        columns: columns.iter().map(|(c, a)| (c.to_string(), *a)).collect(),
        rows: (1..=60).map(|n| vec![n.to_string(), format!("第{n}单位"), (n % 7).to_string()]).collect(),
    };
    let document = Document {
        title: "网站栏目更新情况通报".into(),
        addressee: None,
        blocks: vec![Block::text("各单位栏目更新情况如下。"), Block::Table(table)],
        office: "象山区人民政府门户网站".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
    };
    let docx = dir.path().join("long.docx");
    std::fs::write(&docx, portal_admin::docx::docx(&document).unwrap()).unwrap();
    assert!(pages(office, &docx) >= 2, "sixty rows take a second page");
    let page = |n: usize| {
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
            .arg(docx.with_extension("pdf"))
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        // pdftotext sets digits apart from Chinese characters with spaces: the text without them.
        String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<String>()
    };
    let (first, second) = (page(1), page(2));
    for heading in ["序号", "责任单位", "逾期栏目"] {
        assert!(first.contains(heading), "{heading} on page 1:\n{first}");
        assert!(second.contains(heading), "{heading} repeated on page 2:\n{second}");
    }
    let row = |n: usize| format!("第{n}单位");
    assert!(first.contains(&row(1)) && !second.contains(&row(1)), "{first}");
    assert!((2..=60).any(|n| second.contains(&row(n)) && !first.contains(&row(n))), "the rows go on: {second}");
    assert_eq!(second.matches("责任单位").count(), 1, "the heading once, at the top: {second}");
    assert!(second.find("责任单位").unwrap() < second.find("第").unwrap(), "above the rows: {second}");
}
