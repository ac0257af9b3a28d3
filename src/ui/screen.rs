//! What goes to the terminal: each frame is drawn into a buffer and only the cells that differ from
//! what the terminal shows are sent, inside one synchronized update. When a list has scrolled,
//! the terminal is told to scroll that region first (DECSTBM and SU/SD), so a move that scrolls a
//! list by a row sends one new row, not the whole list again: over a slow SSH link that is the
//! difference between a few hundred bytes and several kilobytes.

use std::io::{self, Write};

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{Command, cursor};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The terminal as last drawn.
pub struct Screen<W: Write> {
    backend: CrosstermBackend<W>,
    /// What the terminal shows (`None` before the first frame or after a resize: all is sent).
    shown: Option<Buffer>,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen { backend: CrosstermBackend::new(out), shown: None }
    }

    /// Forgets what the terminal shows (after a resize): the next frame is sent whole.
    pub fn invalidate(&mut self) {
        self.shown = None;
    }

    /// Sends a frame. `scrollable` is the region whose rows may have moved up or down (a list).
    pub fn show(&mut self, frame: Buffer, scrollable: Option<Rect>) -> io::Result<()> {
        let mut out = String::new();
        BeginSynchronizedUpdate.write_ansi(&mut out).map_err(io::Error::other)?;
        let previous = match self.shown.take() {
            Some(shown) if shown.area == frame.area => shown,
            _ => {
                // A first frame, or a new size: clear and send everything.
                out.push_str("\x1b[0m\x1b[2J");
                Buffer::empty(frame.area)
            }
        };
        let mut previous = previous;
        if let Some(region) = scrollable.filter(|r| r.height > 2)
            && let Some(shift) = detect_scroll(&previous, &frame, region)
        {
            scroll(&mut previous, region, shift, &mut out);
        }
        self.backend.write_all(out.as_bytes())?;
        let updates = previous.diff(&frame);
        if !updates.is_empty() {
            self.backend.draw(updates.into_iter())?;
        }
        let mut end = String::new();
        cursor::Hide.write_ansi(&mut end).map_err(io::Error::other)?;
        EndSynchronizedUpdate.write_ansi(&mut end).map_err(io::Error::other)?;
        self.backend.write_all(end.as_bytes())?;
        Backend::flush(&mut self.backend)?;
        self.shown = Some(frame);
        Ok(())
    }

    /// Writes bytes straight to the terminal (the clipboard sequence).
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.backend.write_all(bytes)?;
        Backend::flush(&mut self.backend)
    }
}

fn row_equal(a: &Buffer, ay: u16, b: &Buffer, by: u16, region: Rect) -> bool {
    (region.left()..region.right()).all(|x| a[(x, ay)] == b[(x, by)])
}

/// By how many rows the region's content moved (positive: up, as when scrolling down a list),
/// when most of its rows are the previous rows moved; at most half the region.
fn detect_scroll(previous: &Buffer, next: &Buffer, region: Rect) -> Option<i32> {
    let h = i32::from(region.height);
    let mut best: Option<(i32, i32)> = None;
    for shift in (1..=h / 2).flat_map(|s| [s, -s]) {
        let matches = (0..h)
            .filter(|&r| {
                let from = r + shift;
                (0..h).contains(&from) && row_equal(previous, region.y + from as u16, next, region.y + r as u16, region)
            })
            .count() as i32;
        if best.is_none_or(|(_, m)| matches > m) {
            best = Some((shift, matches));
        }
    }
    let unmoved =
        (0..h).filter(|&r| row_equal(previous, region.y + r as u16, next, region.y + r as u16, region)).count() as i32;
    // Worth it only when the moved rows clearly outnumber the rows that stayed.
    best.filter(|&(shift, m)| m > unmoved + 2 && m >= (h - shift.abs()) / 2).map(|(shift, _)| shift)
}

/// Tells the terminal to scroll `region` by `shift` rows and moves `shown` to match: the rows
/// scrolled in are blank.
fn scroll(shown: &mut Buffer, region: Rect, shift: i32, out: &mut String) {
    let (top, bottom) = (region.y + 1, region.y + region.height);
    // Reset attributes so the rows scrolled in are blank with the default background.
    out.push_str(&format!("\x1b[0m\x1b[{top};{bottom}r"));
    out.push_str(&if shift > 0 { format!("\x1b[{shift}S") } else { format!("\x1b[{}T", -shift) });
    out.push_str("\x1b[r");
    let h = i32::from(region.height);
    let rows: Vec<Vec<ratatui::buffer::Cell>> = (0..h)
        .map(|r| (region.left()..region.right()).map(|x| shown[(x, region.y + r as u16)].clone()).collect())
        .collect();
    for r in 0..h {
        let from = r + shift;
        for (i, x) in (region.left()..region.right()).enumerate() {
            shown[(x, region.y + r as u16)] =
                if (0..h).contains(&from) { rows[from as usize][i].clone() } else { ratatui::buffer::Cell::default() };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Modifier, Style};

    /// A 40×12 frame: a title, a list of rows from `first` with `selected` reversed, a status line.
    fn frame(first: usize, selected: usize) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 40, 12));
        b.set_string(0, 0, "栏目 Columns", Style::default());
        for r in 0..10u16 {
            let n = first + r as usize;
            let style =
                if n == selected { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() };
            b.set_string(0, r + 1, format!("{n:>3} 政务动态 第{n}条 ①"), style);
        }
        b.set_string(0, 11, "● connected", Style::default());
        b
    }

    /// A terminal's input, kept.
    #[derive(Clone, Default)]
    struct Tape(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Tape {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Tape {
        fn len(&self) -> usize {
            self.0.borrow().len()
        }
    }

    /// A terminal emulator fed what the frames sent, and the bytes each frame took.
    fn terminal_after(frames: &[Buffer]) -> (vt100::Parser, Vec<usize>) {
        let tape = Tape::default();
        let mut screen = Screen::new(tape.clone());
        let mut sizes = Vec::new();
        let list = Rect::new(0, 1, 40, 10);
        for f in frames {
            let before = tape.len();
            screen.show(f.clone(), Some(list)).unwrap();
            sizes.push(tape.len() - before);
        }
        let n = |v| std::num::NonZeroU16::new(v).unwrap();
        let mut parser = vt100::Parser::new(n(12), n(40), 0);
        parser.process(&tape.0.borrow());
        (parser, sizes)
    }

    fn text(parser: &vt100::Parser) -> Vec<String> {
        parser.screen().rows(0, 40).map(|r| r.trim_end().to_string()).collect()
    }

    fn expected(b: &Buffer) -> Vec<String> {
        let mut out = Vec::new();
        for y in 0..b.area.height {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..b.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let s = b[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
                line.push_str(s);
            }
            out.push(line.trim_end().to_string());
        }
        out
    }

    #[test]
    fn a_scrolled_list_is_scrolled_by_the_terminal_and_the_screen_ends_up_right() {
        // Down through the list: within the page, then scrolling a row at a time, then back up.
        let frames = vec![
            frame(0, 0),
            frame(0, 1),
            frame(0, 9),
            frame(1, 10),
            frame(2, 11),
            frame(3, 12),
            frame(2, 2),
            frame(0, 0),
        ];
        let (parser, sizes) = terminal_after(&frames);
        assert_eq!(text(&parser), expected(frames.last().unwrap()));
        // Each prefix of the frames leaves the terminal showing its last frame.
        for n in 1..=frames.len() {
            let (parser, _) = terminal_after(&frames[..n]);
            assert_eq!(text(&parser), expected(&frames[n - 1]), "after frame {n}");
        }
        // A move that scrolls sends about what a move within the page does, not the whole list.
        let within = sizes[1];
        let scrolled = sizes[4];
        assert!(scrolled < within * 2 + 80, "scroll {scrolled} B, move {within} B");
    }

    #[test]
    fn a_new_size_sends_everything_again() {
        let tape = Tape::default();
        let mut screen = Screen::new(tape.clone());
        screen.show(frame(0, 0), None).unwrap();
        let first = tape.len();
        screen.show(frame(0, 0), None).unwrap();
        let unchanged = tape.len() - first;
        assert!(unchanged < 40, "an unchanged frame sends almost nothing: {unchanged}");
        screen.invalidate();
        screen.show(frame(0, 0), None).unwrap();
        assert!(tape.len() - first - unchanged > first / 2);
    }
}
