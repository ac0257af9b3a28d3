//! Progress of a long command (`import`, `export`, a bulk `retract`) on standard error: a bar when
//! a person watches a terminal, nothing at all for a script (standard error not a terminal, or
//! `--format json`).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::Format;

/// Whether progress is drawn: only on a terminal, and never beside JSON for a script.
pub fn shown(stderr_is_terminal: bool, format: Option<Format>) -> bool {
    stderr_is_terminal && format != Some(Format::Json)
}

/// A bar of `len` steps (a spinner with a count when the length is not known), drawn on standard
/// error as `template` says (indicatif's template, from the catalogs), or hidden (`shown`).
pub fn bar(len: Option<u64>, template: &str, format: Option<Format>) -> ProgressBar {
    let bar = match len {
        Some(len) => ProgressBar::new(len),
        None => ProgressBar::new_spinner(),
    };
    if !shown(std::io::stderr().is_terminal(), format) {
        bar.set_draw_target(ProgressDrawTarget::hidden());
        return bar;
    }
    if let Some(style) = style(template) {
        bar.set_style(style);
    }
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}

/// The bar's style from its template (`None`: a template indicatif cannot read).
fn style(template: &str) -> Option<ProgressStyle> {
    ProgressStyle::with_template(template).ok().map(|style| style.progress_chars("=> "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_for_a_person_at_a_terminal_only() {
        assert!(shown(true, None));
        assert!(shown(true, Some(Format::Table)));
        assert!(!shown(true, Some(Format::Json)), "a script reading JSON gets no bar");
        assert!(!shown(false, None), "a pipe or a log gets no bar");
    }

    /// A terminal of `width` columns that keeps what is written to it.
    #[derive(Debug, Clone)]
    struct Screen {
        width: u16,
        written: std::sync::Arc<std::sync::Mutex<String>>,
    }

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            self.width
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.written.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            self.write_str("\n")
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The lines a bar of `template` draws on a terminal `width` columns wide, near the end of a
    /// long run (seven-digit counts, a rate and a time left).
    fn drawn(template: &str, width: u16) -> Vec<String> {
        let screen = Screen { width, written: Default::default() };
        let bar = ProgressBar::with_draw_target(Some(1_000_000), ProgressDrawTarget::hidden())
            .with_elapsed(std::time::Duration::from_secs(75));
        bar.set_style(style(template).expect("a template indicatif reads"));
        bar.set_message(crate::i18n::text("demo-writing", None));
        bar.set_position(987_654);
        // Drawn once, stopped: the rate is the count over the time taken (13,169 items a second).
        bar.set_draw_target(ProgressDrawTarget::term_like(Box::new(screen.clone())));
        bar.abandon();
        let written = screen.written.lock().unwrap().clone();
        // What is drawn, without the blanks that clear what a longer line left.
        written.lines().map(str::trim_end).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn every_progress_line_fits_an_80_column_terminal_in_both_languages() {
        use crate::i18n::{Lang, scoped};
        use unicode_width::UnicodeWidthStr;
        let keys = [
            "findings-progress",
            "import-progress",
            "export-progress",
            "initials-progress",
            "retract-progress",
            "pages-progress",
            "demo-progress",
            "links-progress",
            "audit-verify-progress",
        ];
        for lang in [Lang::En, Lang::ZhCn] {
            for key in keys {
                let lines = scoped(lang, || drawn(&crate::i18n::text(key, None), 80));
                assert!(!lines.is_empty(), "{key} ({lang:?}) drew nothing");
                for line in lines {
                    assert!(line.width() <= 80, "{key} ({lang:?}) is {} columns wide: {line}", line.width());
                }
            }
        }
    }

    #[test]
    fn a_hidden_bar_draws_nothing() {
        let bar = bar(Some(10), "{bar} {pos}/{len}", Some(Format::Json));
        assert!(bar.is_hidden());
    }
}
