//! What the console offers by who it acts as (issue 25): a supervisor (reads every site, changes
//! nothing), a viewer and a console opened `--read-only` are not offered the keys that lead only
//! to changes they may not make — not on the hint line, and the help marks them — by the same
//! rule the store applies (`Act::allowed`); an administrator is offered every one.

use super::*;
use crate::domain::Role;
use crate::ui::app::health::Whoami;

/// The console at 80×24 as `role` of a database of two sites (pinned read only with `pinned`).
fn as_role(role: Role, pinned: bool) -> App {
    let mut a = sized((80, 24), true);
    if pinned {
        a.pin_read_only();
    }
    let id = a.link.whoami.expect("the console asks who it acts as");
    let w = Whoami { name: "li.jianhua".into(), site: "xiangshan".into(), role: Some((role, true)), sites: 2 };
    a.update(Msg::Loaded(id, Loaded::Whoami(Ok(w))));
    a
}

/// The hint line: the row above the status line.
fn hint_line(a: &App) -> String {
    let text = text_of(a);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len() - 2].to_string()
}

/// The help's text as one string without its box and blanks (a description wraps over rows).
fn help_text(a: &App) -> String {
    squeezed(&text_of(a).lines().map(|l| l.trim().trim_matches('│')).collect::<String>())
}

fn has(a: &App, hint: &str) -> bool {
    hint_line(a).split("  ").any(|h| h.trim() == hint)
}

#[test]
fn a_supervisor_is_offered_no_key_that_writes() {
    for (who, role, pinned) in
        [("supervisor", Role::Supervisor, false), ("viewer", Role::Viewer, false), ("read only", Role::Admin, true)]
    {
        let mut a = as_role(role, pinned);
        open_column(&mut a, policy_items());
        for hint in ["Space mark", "v mark range", "O mark older", "w withdraw", "z order"] {
            assert!(!has(&a, hint), "{who}: {hint} in {}", hint_line(&a));
        }
        let mut a = as_role(role, pinned);
        show_queue(&mut a);
        for hint in ["Space mark", "P publish marked"] {
            assert!(!has(&a, hint), "{who}: {hint} in {}", hint_line(&a));
        }
        assert!(has(&a, "s sort") && has(&a, "? help"), "{who}: {}", hint_line(&a));
        open_reviewing(&mut a);
        for hint in ["1–7 affirm", "c all", "a approve", "r reject", "R return", "p publish", "W waive", "i incident"]
        {
            assert!(!has(&a, hint), "{who}: {hint} in {}", hint_line(&a));
        }
        assert!(has(&a, "n/N finding"), "{who}: {}", hint_line(&a));
        let mut a = as_role(role, pinned);
        show_retractions(&mut a);
        for hint in ["w withdraw", "d decline", "m mark instead"] {
            assert!(!has(&a, hint), "{who}: {hint} in {}", hint_line(&a));
        }
        let mut a = as_role(role, pinned);
        show_withdrawn(&mut a);
        for hint in ["u restore", "Space mark", "v mark range", "b batch"] {
            assert!(!has(&a, hint), "{who}: {hint} in {}", hint_line(&a));
        }
        let mut a = as_role(role, pinned);
        show_queue(&mut a);
        // The help lists every key, those that would change something marked as not theirs.
        keys(&mut a, "?");
        let help = help_text(&a);
        let not_theirs = match who {
            "read only" => squeezed("(not available: read only)"),
            role => squeezed(&format!("(not available to a {role})")),
        };
        assert!(help.contains(&format!("{}{not_theirs}", squeezed("Publish the marked items (asks first)"))), "{help}");
        assert!(!help.contains(&format!("{}{not_theirs}", squeezed("Longest waiting first"))), "{help}");
    }
}

#[test]
fn a_reviewer_is_offered_the_office_review_and_an_administrator_everything() {
    let mut a = as_role(Role::Reviewer, false);
    show_queue(&mut a);
    assert!(!has(&a, "P publish marked"), "{}", hint_line(&a));
    open_reviewing(&mut a);
    for hint in ["1–7 affirm", "a approve", "W waive"] {
        assert!(has(&a, hint), "reviewer: {hint} not in {}", hint_line(&a));
    }
    assert!(!has(&a, "p publish") && !has(&a, "i incident"), "{}", hint_line(&a));

    let mut a = as_role(Role::Admin, false);
    show_queue(&mut a);
    assert!(has(&a, "Space mark") && has(&a, "P publish marked"), "{}", hint_line(&a));
    keys(&mut a, "?");
    assert!(!text_of(&a).contains("not available"), "{}", text_of(&a));
}

#[test]
fn the_supervisors_hints_and_help_speak_chinese() {
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut a = as_role(Role::Supervisor, false);
        show_queue(&mut a);
        let hints = hint_line(&a);
        assert!(!hints.contains("Space") && !hints.contains("P "), "{hints}");
        keys(&mut a, "?");
        assert!(help_text(&a).contains("（先确认）（督查员不可用）"), "{}", text_of(&a));
    });
}
