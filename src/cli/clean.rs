//! What the command line prints to a terminal, made as safe as the console's screen: text from the
//! database (titles, bodies, unit names, notes, audit details) and from files (a keymap) may carry
//! escape sequences that would set the terminal's title, write the user's clipboard (OSC 52) or
//! repaint the screen. On a terminal every character the console would not send
//! (`ui::sanitise::shown`: controls, bidirectional overrides, invisible format characters) is
//! replaced by the same visible symbol, except the line breaks the output is made of; JSON stays
//! exact: such characters are written as `\uXXXX` escapes, which mean the same string. Into a pipe or
//! a file everything goes out as it is.

use std::io::{self, IsTerminal, Write};

use crate::ui::sanitise;

/// A writer that cleans what passes through it (see the module's comment).
pub struct Clean<W: Write> {
    inner: W,
    json: bool,
    /// The start of a UTF-8 sequence cut by the end of the last write.
    pending: Vec<u8>,
}

impl<W: Write> Clean<W> {
    pub fn new(inner: W, json: bool) -> Clean<W> {
        Clean { inner, json, pending: Vec::new() }
    }

    fn push_char(&self, c: char, out: &mut String) {
        if c == '\n' || sanitise::is_safe(c) {
            out.push(c);
        } else if self.json {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else if let Some(shown) = sanitise::shown(c) {
            out.push(shown);
        }
    }

    /// Cleans the complete characters of `pending` (all of it at the end: a cut sequence is then a
    /// bad byte) and writes them on.
    fn drain(&mut self, at_end: bool) -> io::Result<()> {
        let mut out = String::with_capacity(self.pending.len());
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    text.chars().for_each(|c| self.push_char(c, &mut out));
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    std::str::from_utf8(good).unwrap_or_default().chars().for_each(|c| self.push_char(c, &mut out));
                    match e.error_len() {
                        Some(n) => {
                            // Bytes that are not UTF-8: the replacement character.
                            self.push_char(sanitise::REPLACEMENT, &mut out);
                            rest = &after[n..];
                        }
                        None if at_end => {
                            self.push_char(sanitise::REPLACEMENT, &mut out);
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = after;
                            break;
                        }
                    }
                }
            }
        }
        let keep = rest.to_vec();
        self.pending = keep;
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Clean<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// `out` cleaned if standard output is a terminal (JSON escaped, everything else shown as the
/// console shows it), as it is otherwise.
pub fn for_stdout<'a, W: Write + 'a>(out: W, json: bool) -> Box<dyn Write + 'a> {
    if io::stdout().is_terminal() { Box::new(Clean::new(out, json)) } else { Box::new(out) }
}

/// A message for standard error, cleaned if standard error is a terminal (an error may quote what
/// a file or the database holds).
pub fn for_stderr(message: &str) -> String {
    if io::stderr().is_terminal() { text(message) } else { message.to_string() }
}

/// A text as a terminal may be given it.
pub fn text(s: &str) -> String {
    let mut out = Vec::new();
    let mut w = Clean::new(&mut out, false);
    let _ = w.write_all(s.as_bytes());
    let _ = w.flush();
    drop(w);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(json: bool, chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Clean::new(&mut out, json);
            for c in chunks {
                w.write_all(c).unwrap();
            }
            w.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_become_the_consoles_symbols_and_line_breaks_stay() {
        let hostile = "标题\x1b]52;c;ZXZpbA==\x07\x1b]0;PWNED\x07\r覆盖\u{202e}txt\u{9b}2J\n正文";
        assert_eq!(text(hostile), "标题␛]52;c;ZXZpbA==␇␛]0;PWNED␇␍覆盖�txt�2J\n正文");
    }

    #[test]
    fn a_character_cut_between_writes_is_kept_whole_and_bad_bytes_are_replaced() {
        let bytes = "象山".as_bytes();
        assert_eq!(through(false, &[&bytes[..1], &bytes[1..4], &bytes[4..]]), "象山");
        assert_eq!(through(false, &[b"a\xffb", &bytes[..2]]), "a\u{fffd}b\u{fffd}");
    }

    #[test]
    fn json_stays_exact_with_its_unsafe_characters_escaped() {
        let value = serde_json::json!({"title": "关于\u{202e}txt\u{9b}的通知\u{e0041}"});
        let written = through(true, &[serde_json::to_string(&value).unwrap().as_bytes()]);
        assert!(written.is_ascii() || !written.chars().any(|c| !sanitise::is_safe(c) && c != '\n'), "{written}");
        assert!(
            written.contains("\\u202e") && written.contains("\\u009b") && written.contains("\\udb40\\udc41"),
            "{written}"
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&written).unwrap(), value);
    }
}
