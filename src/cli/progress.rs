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
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
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

    #[test]
    fn a_hidden_bar_draws_nothing() {
        let bar = bar(Some(10), "{bar} {pos}/{len}", Some(Format::Json));
        assert!(bar.is_hidden());
    }
}
