//! Key bindings as data. `keymaps/default.toml` is compiled in; the user's own file in the config
//! directory and `--keymap FILE` are laid over it, binding by binding (a binding to `noop` removes
//! the key). A bad file is refused with its name, line and what is wrong.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// The shipped default map.
pub const DEFAULT: &str = include_str!("../../keymaps/default.toml");
/// The shipped map for vim users' habits.
pub const VIM: &str = include_str!("../../keymaps/vim.toml");

macro_rules! actions {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// A named thing the console can do; the names are the keymap's public interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }
        }
    };
}

actions! {
    Quit = "app.quit",
    Help = "app.help",
    Filter = "app.filter",
    Command = "app.command",
    Back = "app.back",
    Refresh = "app.refresh",
    Copy = "app.copy",
    NextTab = "tab.next",
    PrevTab = "tab.prev",
    ColumnsTab = "tab.columns",
    ScoresTab = "tab.scores",
    AuditTab = "tab.audit",
    QueueTab = "tab.queue",
    RetractionsTab = "tab.retractions",
    WithdrawnTab = "tab.withdrawn",
    InspectionTab = "tab.inspection",
    FindingsTab = "tab.findings",
    Down = "list.down",
    Up = "list.up",
    PageDown = "list.page_down",
    PageUp = "list.page_up",
    Top = "list.top",
    Bottom = "list.bottom",
    Open = "list.open",
    Expand = "columns.expand",
    Collapse = "columns.collapse",
    Toggle = "columns.toggle",
    ExpandAll = "columns.expand_all",
    CollapseAll = "columns.collapse_all",
    OnlyOverdue = "columns.only_overdue",
    GroupByUnit = "columns.group_by_unit",
    SortOverdue = "columns.sort_overdue",
    CopyId = "copy.id",
    CopyTitle = "copy.title",
    CopyLink = "copy.link",
    Check1 = "review.check_1",
    Check2 = "review.check_2",
    Check3 = "review.check_3",
    Check4 = "review.check_4",
    Check5 = "review.check_5",
    Check6 = "review.check_6",
    Check7 = "review.check_7",
    AllChecks = "review.all_checks",
    Approve = "review.approve",
    Reject = "review.reject",
    Publish = "review.publish",
    Confirm = "confirm.yes",
    Mark = "queue.mark",
    QueueSort = "queue.sort",
    Withdraw = "retractions.withdraw",
    Decline = "retractions.decline",
    PublishMarked = "queue.publish_marked",
    MarkRequest = "retractions.mark",
    ColumnMark = "column.mark",
    ColumnMarkRange = "column.mark_range",
    ColumnMarkOlder = "column.mark_older",
    WithdrawItems = "item.withdraw",
    NextReason = "confirm.next_reason",
    MarkInstead = "confirm.mark_instead",
    NextMarkKind = "mark.next_kind",
    Restore = "withdrawn.restore",
    PrevPeriod = "scores.previous",
    NextPeriod = "scores.next",
    QuarterOrYear = "scores.quarter_or_year",
    RecordIncident = "scores.incident",
    WriteBulletin = "scores.bulletin",
    ReverseIncident = "unit.reverse_incident",
    NextField = "incident.next_field",
    PreviousField = "incident.previous_field",
    NextKind = "incident.next_kind",
    NextFinding = "review.next_finding",
    PreviousFinding = "review.previous_finding",
    WaiveFinding = "finding.waive",
    Noop = "noop",
}

impl Action {
    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

/// A layer of bindings: one per view, the copy menu, and the keys every view shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Global,
    Columns,
    Column,
    Item,
    Scores,
    /// A unit's score explained.
    Unit,
    Audit,
    Queue,
    Review,
    Retractions,
    Withdrawn,
    /// The national check's indicators.
    Inspection,
    /// The content checks' findings on the online items.
    Findings,
    Confirm,
    Mark,
    /// An incident being recorded or corrected.
    Incident,
    Copy,
}

impl Layer {
    pub const ALL: [Layer; 17] = [
        Layer::Global,
        Layer::Queue,
        Layer::Review,
        Layer::Retractions,
        Layer::Withdrawn,
        Layer::Inspection,
        Layer::Findings,
        Layer::Columns,
        Layer::Column,
        Layer::Item,
        Layer::Scores,
        Layer::Unit,
        Layer::Audit,
        Layer::Confirm,
        Layer::Mark,
        Layer::Incident,
        Layer::Copy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Global => "global",
            Layer::Columns => "columns",
            Layer::Column => "column",
            Layer::Item => "item",
            Layer::Scores => "scores",
            Layer::Unit => "unit",
            Layer::Audit => "audit",
            Layer::Queue => "queue",
            Layer::Review => "review",
            Layer::Retractions => "retractions",
            Layer::Withdrawn => "withdrawn",
            Layer::Inspection => "inspection",
            Layer::Findings => "findings",
            Layer::Confirm => "confirm",
            Layer::Mark => "mark",
            Layer::Incident => "incident",
            Layer::Copy => "copy",
        }
    }

    fn parse(name: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// A key with its modifiers, as named in keymap files: `q`, `Q`, `?`, `Enter`, `Ctrl-d`, `Alt-x`,
/// `Shift-Tab`, `F1`, `Space`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Space", KeyCode::Char(' ')),
];

impl Key {
    /// The key a terminal event stands for. Shift is part of a character (`Q`), not a modifier.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        while let Some((prefix, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break; // `-` itself, or `Ctrl--`
            }
            let m = match prefix {
                "Ctrl" | "C" => KeyModifiers::CONTROL,
                "Alt" | "M" => KeyModifiers::ALT,
                "Shift" | "S" => KeyModifiers::SHIFT,
                _ => break,
            };
            modifiers |= m;
            rest = tail;
        }
        let code = if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == rest) {
            *code
        } else if let Some(n) =
            rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n))
        {
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() && c != ' ' => KeyCode::Char(c),
                _ => {
                    return Err(format!(
                        "unknown key name {text:?} (a character, or one of {}, F1–F12, with Ctrl-/Alt-/Shift-)",
                        names()
                    ));
                }
            }
        };
        // As `from_event` reads a key: Shift-Tab is BackTab; with Ctrl a letter is one key in
        // either case; Shift with a letter is the capital letter. Shift with any other character
        // never arrives as such (the terminal sends the character it types).
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let key = match code {
            KeyCode::Tab | KeyCode::BackTab if shift => {
                Key { code: KeyCode::BackTab, modifiers: modifiers - KeyModifiers::SHIFT }
            }
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                Key { code: KeyCode::Char(c.to_ascii_lowercase()), modifiers: modifiers - KeyModifiers::SHIFT }
            }
            KeyCode::Char(c) if shift && c.is_alphabetic() => {
                Key { code: KeyCode::Char(c.to_ascii_uppercase()), modifiers: modifiers - KeyModifiers::SHIFT }
            }
            KeyCode::Char(c) if shift => {
                let typed = if c == ' ' { "Space".to_string() } else { c.to_string() };
                return Err(format!(
                    "{text:?} never reaches the console: Shift with {typed} arrives as the character it types; bind that"
                ));
            }
            _ => Key { code, modifiers },
        };
        Ok(key)
    }
}

fn names() -> String {
    NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(c) if c != ' ' => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => f.write_str(NAMED.iter().find(|(_, c)| *c == code).map_or("?", |(n, _)| *n)),
        }
    }
}

/// One binding in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    pub description: String,
}

/// A keymap file that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The bindings in effect, per layer, in the order the files give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    layers: BTreeMap<Layer, Vec<Binding>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    on: toml::Spanned<String>,
    run: toml::Spanned<String>,
    desc: Option<String>,
}

type File = BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<Entry>>>;

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// One file's bindings, checked: (layer, key, action, description).
/// A binding as a file gives it: its view, key, action and description if any.
type Parsed = (Layer, Key, Action, Option<String>);

fn parse_file(name: &str, text: &str) -> Result<Vec<Parsed>, KeymapError> {
    let error =
        |offset: usize, message: String| KeymapError { file: name.to_string(), line: line_of(text, offset), message };
    let file: File = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().lines().next().unwrap_or("not a keymap").to_string();
        error(offset, message)
    })?;
    let mut out = Vec::new();
    for (layer_name, entries) in file {
        let layer = Layer::parse(layer_name.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
            error(
                layer_name.span().start,
                format!("unknown view {:?} (views: {})", layer_name.get_ref(), known.join(", ")),
            )
        })?;
        let mut seen: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
        for entry in entries {
            let entry = entry.into_inner();
            let key = Key::parse(entry.on.get_ref()).map_err(|m| error(entry.on.span().start, m))?;
            let action = Action::parse(entry.run.get_ref()).ok_or_else(|| {
                error(
                    entry.run.span().start,
                    format!("unknown action {:?} (`portal-admin keymap show` lists them)", entry.run.get_ref()),
                )
            })?;
            let line = line_of(text, entry.on.span().start);
            if let Some(first) = seen.insert(key, line) {
                return Err(error(
                    entry.on.span().start,
                    format!("{key} is bound twice in [{}] (first on line {first})", layer.name()),
                ));
            }
            out.push((layer, key, action, entry.desc));
        }
    }
    Ok(out)
}

/// Keys that terminal multiplexers usually take before the console sees them.
const TAKEN: &[(&str, &str)] = &[
    ("Ctrl-b", "tmux's prefix"),
    ("Ctrl-a", "screen's prefix (and tmux's in many setups)"),
    ("Ctrl-s", "terminal flow control (XOFF)"),
    ("Ctrl-q", "terminal flow control (XON)"),
    ("Ctrl-z", "the shell's suspend"),
];

impl Keymap {
    /// The shipped default map alone.
    pub fn default_map() -> Keymap {
        Keymap::build(&[("keymaps/default.toml", DEFAULT)]).expect("the shipped keymap is valid")
    }

    /// The default map with each file laid over it in turn.
    pub fn build(files: &[(&str, &str)]) -> Result<Keymap, KeymapError> {
        let mut layers: BTreeMap<Layer, Vec<Binding>> = BTreeMap::new();
        let mut descriptions: BTreeMap<Action, String> = BTreeMap::new();
        for (name, text) in files {
            for (layer, key, action, desc) in parse_file(name, text)? {
                let bindings = layers.entry(layer).or_default();
                bindings.retain(|b| b.key != key);
                if action == Action::Noop {
                    continue;
                }
                let description = match desc {
                    Some(d) => {
                        descriptions.entry(action).or_insert_with(|| d.clone());
                        d
                    }
                    None => descriptions.get(&action).cloned().unwrap_or_else(|| action.name().to_string()),
                };
                bindings.push(Binding { key, action, description });
            }
        }
        Ok(Keymap { layers })
    }

    /// What a key does in a layer: the layer's own binding, else the global one (the copy menu, a
    /// confirmation, the mark being chosen and an incident being typed have only their own).
    pub fn action(&self, layer: Layer, key: Key) -> Option<Action> {
        let own = self.layers.get(&layer).and_then(|b| b.iter().find(|b| b.key == key));
        let shared = || {
            if matches!(layer, Layer::Copy | Layer::Confirm | Layer::Mark | Layer::Incident) {
                None
            } else {
                self.layers.get(&Layer::Global).and_then(|b| b.iter().find(|b| b.key == key))
            }
        };
        own.or_else(shared).map(|b| b.action)
    }

    pub fn bindings(&self, layer: Layer) -> &[Binding] {
        self.layers.get(&layer).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to an action in a layer (or globally), for hints.
    pub fn key_for(&self, layer: Layer, action: Action) -> Option<Key> {
        [layer, Layer::Global].iter().find_map(|l| self.bindings(*l).iter().find(|b| b.action == action).map(|b| b.key))
    }

    /// Warnings about keys a terminal multiplexer or the terminal usually takes.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (layer, bindings) in &self.layers {
            for b in bindings {
                let name = b.key.to_string();
                if let Some((_, who)) = TAKEN.iter().find(|(k, _)| *k == name) {
                    out.push(format!(
                        "[{}] {name} ({}) is usually taken by {who}; it may never reach the console",
                        layer.name(),
                        b.action.name()
                    ));
                }
            }
        }
        out
    }
}

/// The key reference for `docs/keys.md`, generated from a keymap so it cannot drift from it.
pub fn reference(map: &Keymap, title: &str) -> String {
    let mut out = format!(
        "# {title}\n\nGenerated from `keymaps/default.toml` (and `keymaps/vim.toml` below) by the test `ui::keymap::tests::the_key_reference_is_generated_from_the_keymaps`; do not edit by hand. A view's own binding wins over a global one.\n"
    );
    for layer in Layer::ALL {
        let bindings = map.bindings(layer);
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n| key | action | what it does |\n| --- | --- | --- |\n", layer.name()));
        for b in bindings {
            let key = b.key.to_string().replace('|', "\\|");
            out.push_str(&format!("| `{key}` | `{}` | {} |\n", b.action.name(), b.description.replace('|', "\\|")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_reference_is_generated_from_the_keymaps() {
        let vim = Keymap::build(&[("default.toml", VIM)]).unwrap();
        let text = format!(
            "{}\n---\n\n{}",
            reference(&Keymap::default_map(), "Keys"),
            reference(&vim, "With `--keymap vim` (laid over the keys above)").replace("\n# ", "\n## ")
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        if std::env::var_os("PORTAL_ADMIN_UPDATE_DOCS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == text,
            "docs/keys.md is out of date: run PORTAL_ADMIN_UPDATE_DOCS=1 cargo test --lib key_reference"
        );
    }

    fn build(user: &str) -> Result<Keymap, KeymapError> {
        Keymap::build(&[("default.toml", DEFAULT), ("user.toml", user)])
    }

    #[test]
    fn the_shipped_maps_are_valid_and_bind_every_action() {
        let default = Keymap::default_map();
        let vim = Keymap::build(&[("default.toml", DEFAULT), ("vim.toml", VIM)]).unwrap();
        for map in [&default, &vim] {
            for action in Action::ALL.iter().filter(|a| **a != Action::Noop) {
                assert!(
                    Layer::ALL.iter().any(|l| map.bindings(*l).iter().any(|b| b.action == *action)),
                    "{} is not bound",
                    action.name()
                );
            }
            assert!(map.warnings().is_empty(), "{:?}", map.warnings());
        }
        assert_eq!(vim.action(Layer::Columns, Key::parse("j").unwrap()), Some(Action::Down));
        assert_eq!(vim.action(Layer::Columns, Key::parse("G").unwrap()), Some(Action::Bottom));
    }

    #[test]
    fn key_names_round_trip() {
        for name in
            ["q", "Q", "?", "/", ":", "-", "Enter", "Esc", "Ctrl-d", "Alt-x", "BackTab", "F5", "Space", "PageDown"]
        {
            assert_eq!(Key::parse(name).unwrap().to_string(), name);
        }
        assert_eq!(Key::parse("Shift-Tab").unwrap(), Key::parse("BackTab").unwrap());
        assert_eq!(Key::parse("Shift-g").unwrap(), Key::parse("G").unwrap());
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(event), Key::parse("G").unwrap());
        let event = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(event), Key::parse("Ctrl-d").unwrap());
    }

    #[test]
    fn a_user_binding_replaces_the_default_for_its_key_and_noop_removes_one() {
        let map = build(
            "columns = [\n  { on = \"x\", run = \"columns.only_overdue\" },\n  { on = \"o\", run = \"noop\" },\n]\n",
        )
        .unwrap();
        let x = Key::parse("x").unwrap();
        assert_eq!(map.action(Layer::Columns, x), Some(Action::OnlyOverdue));
        assert_eq!(map.action(Layer::Columns, Key::parse("o").unwrap()), None);
        // The description comes from the default map's binding of the same action.
        let b = map.bindings(Layer::Columns).iter().find(|b| b.key == x).unwrap();
        assert_eq!(
            b.description,
            Keymap::default_map()
                .bindings(Layer::Columns)
                .iter()
                .find(|b| b.action == Action::OnlyOverdue)
                .unwrap()
                .description
        );
        // Other views keep their bindings; global keys still reach the columns view.
        assert_eq!(map.action(Layer::Columns, Key::parse("q").unwrap()), Some(Action::Quit));
    }

    #[test]
    fn an_unknown_action_is_refused_with_its_line() {
        let e = build("\ncolumns = [\n  { on = \"x\", run = \"columns.explode\" },\n]\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("user.toml", 3));
        assert!(e.message.contains("unknown action \"columns.explode\""), "{e}");
    }

    #[test]
    fn an_unknown_key_name_is_refused_with_its_line() {
        let e = build("global = [\n  { on = \"Hyper-x\", run = \"app.quit\" },\n]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown key name \"Hyper-x\""), "{e}");
        let e = build("global = [{ on = \"ab\", run = \"app.quit\" }]\n").unwrap_err();
        assert!(e.message.contains("unknown key name \"ab\""), "{e}");
    }

    #[test]
    fn a_key_bound_twice_in_one_view_is_refused() {
        let e = build("columns = [\n  { on = \"x\", run = \"app.quit\" },\n  { on = \"x\", run = \"app.help\" },\n]\n")
            .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("x is bound twice in [columns] (first on line 2)"), "{e}");
        // The same key in two views is fine.
        build("columns = [{ on = \"x\", run = \"app.quit\" }]\nitem = [{ on = \"x\", run = \"app.help\" }]\n").unwrap();
    }

    #[test]
    fn a_toml_syntax_error_is_refused_with_its_line() {
        let e = build("global = [\n  { on = \"x\", run = \"app.quit\" \n").unwrap_err();
        assert_eq!(e.file, "user.toml");
        assert!(e.line >= 2, "{e}");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn an_unknown_view_or_field_is_refused() {
        let e = build("\n\ninbox = [{ on = \"x\", run = \"app.quit\" }]\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unknown view \"inbox\""), "{e}");
        let e = build("global = [{ on = \"x\", run = \"app.quit\", when = \"always\" }]\n").unwrap_err();
        assert!(e.message.contains("when"), "{e}");
    }

    #[test]
    fn keys_a_multiplexer_takes_are_warned_about() {
        let map = build("global = [{ on = \"Ctrl-b\", run = \"list.page_up\" }]\n").unwrap();
        let warnings = map.warnings();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("Ctrl-b") && warnings[0].contains("tmux"), "{warnings:?}");
    }

    mod properties {
        //! The parser against whatever a user's file may hold: it never panics, and a valid file
        //! comes back the same through what `keymap show` prints.

        use proptest::prelude::*;
        use serde::Serialize;

        use super::super::*;

        /// What a keymap file looks like, in pieces, shuffled into text that is nearly TOML.
        fn tomlish() -> impl Strategy<Value = String> {
            let mut pieces: Vec<String> = [
                "[", "]", "{", "}", "=", ",", "\"", "'", "\n", " ", "#", "on", "run", "desc", "[[", "]]", "\\",
                "\"\"\"", "0x", "1e9", "true", "-", ".", "\u{1b}", "民", "\u{202e}", "\r\n", "\t", "\u{0}",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            pieces.extend(Layer::ALL.iter().map(|l| l.name().to_string()));
            pieces.extend(Action::ALL.iter().map(|a| format!("\"{}\"", a.name())));
            pieces.extend(
                ["\"q\"", "\"Ctrl-\"", "\"Ctrl--\"", "\"F13\"", "\"Shift-Tab\"", "\"\"", "\"Alt-民\""]
                    .map(String::from),
            );
            let piece = prop_oneof![4 => proptest::sample::select(pieces), 1 => any::<char>().prop_map(String::from)];
            proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
        }

        /// A key's name as a file may give it.
        fn key_name() -> impl Strategy<Value = String> {
            let base = prop_oneof![
                proptest::char::range('!', '~').prop_map(String::from),
                proptest::sample::select(vec!['民', '区', 'é', 'ß']).prop_map(String::from),
                proptest::sample::select(NAMED.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>()),
                (1u8..=12).prop_map(|n| format!("F{n}")),
            ];
            let modifiers = proptest::sample::subsequence(vec!["Ctrl-", "Alt-", "Shift-"], 0..=3);
            (modifiers, base).prop_map(|(m, b)| format!("{}{b}", m.concat()))
        }

        #[derive(Serialize)]
        struct Entry {
            on: String,
            run: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            desc: Option<String>,
        }

        /// A keymap file of bindings (view, key, action, description), in their order.
        fn file(bindings: &[(String, String, String, Option<String>)]) -> String {
            let mut views: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
            for (view, on, run, desc) in bindings {
                views.entry(view.clone()).or_default().push(Entry {
                    on: on.clone(),
                    run: run.clone(),
                    desc: desc.clone(),
                });
            }
            toml::to_string(&views).expect("a keymap serialises")
        }

        /// A valid file: per view, distinct keys bound to actions (never `noop`), with or without a
        /// description (any text, quotes and controls included).
        fn valid() -> impl Strategy<Value = Vec<(String, String, String, Option<String>)>> {
            let actions: Vec<String> =
                Action::ALL.iter().filter(|a| **a != Action::Noop).map(|a| a.name().to_string()).collect();
            let layers: Vec<String> = Layer::ALL.iter().map(|l| l.name().to_string()).collect();
            let binding = (
                proptest::sample::select(layers),
                key_name(),
                proptest::sample::select(actions),
                proptest::option::of(any::<String>()),
            );
            proptest::collection::vec(binding, 0..40).prop_map(|bindings| {
                let mut seen = std::collections::HashSet::new();
                bindings
                    .into_iter()
                    .filter(|(view, on, _, _)| Key::parse(on).is_ok_and(|k| seen.insert((view.clone(), k))))
                    .collect()
            })
        }

        /// The rows `keymap show` prints: view, key, action, description.
        fn shown(map: &Keymap) -> Vec<(String, String, String, Option<String>)> {
            Layer::ALL
                .iter()
                .flat_map(|l| {
                    map.bindings(*l).iter().map(|b| {
                        (
                            l.name().to_string(),
                            b.key.to_string(),
                            b.action.name().to_string(),
                            Some(b.description.clone()),
                        )
                    })
                })
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]

            #[test]
            fn any_tomlish_text_is_refused_or_taken_never_a_panic(text in tomlish()) {
                match Keymap::build(&[("default.toml", DEFAULT), ("user.toml", &text)]) {
                    Ok(map) => prop_assert!(!map.bindings(Layer::Global).is_empty() || text.contains("global")),
                    Err(e) => {
                        prop_assert_eq!(e.file, "user.toml");
                        prop_assert!(e.line >= 1 && e.line <= text.split('\n').count(), "{} lines, line {}", text.split('\n').count(), e.line);
                        prop_assert!(!e.message.is_empty());
                    }
                }
            }

            #[test]
            fn any_text_at_all_is_refused_or_taken_never_a_panic(text in any::<String>()) {
                let _ = Keymap::build(&[("user.toml", &text)]);
            }

            #[test]
            fn a_key_name_means_what_its_printed_name_means(name in key_name()) {
                if let Ok(key) = Key::parse(&name) {
                    prop_assert_eq!(Key::parse(&key.to_string()), Ok(key), "{} printed as {}", name, key);
                }
            }

            #[test]
            fn a_valid_file_comes_back_the_same_through_keymap_show(bindings in valid()) {
                let text = file(&bindings);
                let map = Keymap::build(&[("user.toml", &text)]).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
                // Every binding is there, in each view in the file's order.
                for layer in Layer::ALL {
                    let given: Vec<(Key, Action)> = bindings
                        .iter()
                        .filter(|(view, ..)| view == layer.name())
                        .map(|(_, on, run, _)| (Key::parse(on).unwrap(), Action::parse(run).unwrap()))
                        .collect();
                    let taken: Vec<(Key, Action)> = map.bindings(layer).iter().map(|b| (b.key, b.action)).collect();
                    prop_assert_eq!(taken, given);
                }
                // What `keymap show` prints, written back as a file, is the same map.
                let again = Keymap::build(&[("shown.toml", &file(&shown(&map)))]).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&again, &map);
                prop_assert_eq!(shown(&again), shown(&map));
            }
        }

        #[test]
        fn ctrl_with_shift_is_the_key_the_terminal_sends_and_shift_with_a_symbol_is_refused() {
            // Found by the properties above: `Ctrl-Shift-A` was bound as a key no event matches.
            assert_eq!(Key::parse("Ctrl-Shift-A"), Key::parse("Ctrl-a"));
            let event = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
            assert_eq!(Key::from_event(event), Key::parse("Ctrl-Shift-A").unwrap());
            assert!(Key::parse("Shift-1").unwrap_err().contains("never reaches the console"));
            assert!(Key::parse("Shift-Space").unwrap_err().contains("Shift with Space"));
            assert_eq!(Key::parse("Shift-BackTab"), Key::parse("BackTab"));
        }

        #[test]
        fn the_shipped_maps_come_back_the_same_through_keymap_show() {
            for map in [Keymap::default_map(), Keymap::build(&[("default.toml", DEFAULT), ("vim.toml", VIM)]).unwrap()]
            {
                let again = Keymap::build(&[("shown.toml", &file(&shown(&map)))]).unwrap();
                assert_eq!(again, map);
            }
        }
    }
}
