//! Key bindings as data. `keymaps/default.toml` is compiled in; the user's own file in the config
//! directory and `--keymap FILE` are laid over it, binding by binding (a binding to `noop` removes
//! the key). A bad file is refused with its name, line and what is wrong.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::i18n::{self, Lang};
use crate::t;
pub use crate::ui::views::Layer;
use crate::ui::views::Tab;

/// The shipped default map.
pub const DEFAULT: &str = include_str!("../../../keymaps/default.toml");
/// The shipped map for vim users' habits.
pub const VIM: &str = include_str!("../../../keymaps/vim.toml");

macro_rules! actions {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// A named thing the console can do; the names are the keymap's public interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant,)*
            /// Brings a tab to the front (`tab.<name>`: one per registered view).
            Show(Tab),
        }

        impl Action {
            /// Every action.
            pub fn all() -> impl Iterator<Item = Action> {
                [$(Action::$variant),*].into_iter().chain(Tab::ALL.iter().map(|t| Action::Show(*t)))
            }

            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                    Action::Show(tab) => tab.action(),
                }
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
    Remind = "columns.remind",
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
    Return = "review.return",
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
    WithdrawnMark = "withdrawn.mark",
    WithdrawnMarkRange = "withdrawn.mark_range",
    WithdrawnMarkBatch = "withdrawn.mark_batch",
    PrevPeriod = "scores.previous",
    NextPeriod = "scores.next",
    QuarterOrYear = "scores.quarter_or_year",
    RecordIncident = "scores.incident",
    WriteBulletin = "scores.bulletin",
    ScoresSort = "scores.sort",
    ReverseIncident = "unit.reverse_incident",
    NextField = "incident.next_field",
    PreviousField = "incident.previous_field",
    NextKind = "incident.next_kind",
    NextFinding = "review.next_finding",
    PreviousFinding = "review.previous_finding",
    WaiveFinding = "finding.waive",
    BrokenLinks = "findings.links",
    FindingsSort = "findings.sort",
    FindingsKind = "findings.kind",
    SitesSort = "sites.sort",
    IssueOrder = "order.issue",
    OrderNextField = "rectify.next_field",
    OrderPreviousField = "rectify.previous_field",
    CloseOrder = "orders.done",
    Noop = "noop",
}

impl Action {
    /// The seven checks of the review (Art. 9), in order.
    pub const CHECKS: [Action; 7] = [
        Action::Check1,
        Action::Check2,
        Action::Check3,
        Action::Check4,
        Action::Check5,
        Action::Check6,
        Action::Check7,
    ];

    pub fn parse(name: &str) -> Option<Action> {
        Action::all().find(|a| a.name() == name)
    }
}

impl Layer {
    fn parse(name: &str) -> Option<Layer> {
        Layer::ALL.iter().copied().find(|l| l.name() == name)
    }

    /// The view's name as the help says it, in the language in effect (`view-<name>`).
    pub fn said(self) -> String {
        i18n::text(&format!("view-{}", self.name()), None)
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
                    return Err(crate::t!("keymap-unknown-key-name", text = format!("{text:?}"), names = names()));
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
                return Err(crate::t!("keymap-shift-unreachable", text = format!("{text:?}"), typed = typed));
            }
            _ => Key { code, modifiers },
        };
        Ok(key)
    }
}

impl Key {
    /// A key no keymap binds: a line being typed is done with `Enter` and left with `Esc`, `Tab`
    /// completes a command.
    pub fn plain(code: KeyCode) -> Key {
        Key { code, modifiers: KeyModifiers::NONE }
    }

    /// The key as the screen names it, in the language in effect: the one place a key's name is
    /// said (hints, the help, confirmations, messages). A letter or sign stays itself; a named key
    /// is `keyname-…` in the catalogs (`i18n/*/key_names.ftl`: 回车, 空格, 上页, → …); the
    /// modifiers are the keycaps' `Ctrl-`, `Alt-`, `Shift-`. Keymap files, `docs/keys.md` and the
    /// scripting output keep the files' names (`Display`).
    pub fn name(&self) -> String {
        let mut out = String::new();
        for (m, cap) in [(KeyModifiers::CONTROL, "Ctrl-"), (KeyModifiers::ALT, "Alt-"), (KeyModifiers::SHIFT, "Shift-")]
        {
            if self.modifiers.contains(m) {
                out.push_str(cap);
            }
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str(&t!("keyname-space")),
            KeyCode::Char(c) => out.push(c),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => out.push_str(&i18n::text(&format!("keyname-{}", name.to_ascii_lowercase()), None)),
                None => out.push('?'),
            },
        }
        out
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

impl Binding {
    /// What the binding does, in the language in effect: the shipped keymaps' words come from the
    /// catalogs (`i18n/*/keys.ftl`, whose English is the keymaps' `desc` with the shipped keys); a
    /// description of one's own is shown as written. A key a description names (`{ $list-open }`:
    /// "Enter opens one") is named as `map`, the keymap in effect, binds it, so a rebinding changes
    /// the help too.
    pub fn said(&self, layer: Layer, map: &Keymap) -> String {
        let action = self.action.name().replace(['.', '_'], "-");
        let mut layers = vec![layer];
        layers.extend(Layer::ALL);
        // The shipped keys, named in English, as the shipped files' descriptions name them.
        let shipped = i18n::scoped(Lang::En, || self.keys(layer, shipped()));
        for l in layers {
            let key = format!("key-{}-{action}", l.name());
            for key in [format!("{key}-vim"), key] {
                if i18n::has(Lang::En, &key) && i18n::text_in(Lang::En, &key, Some(&shipped)) == self.description {
                    return i18n::text(&key, Some(&self.keys(layer, map)));
                }
            }
        }
        self.description.clone()
    }

    /// The keys a description may name, as `map` binds them (`Key::name`): each action's first key
    /// in the layer the binding's tab brings to the front (`tab.orders`: the orders' `d`), else in
    /// the binding's own layer, under the action's name (`orders-done`, `list-open`).
    fn keys(&self, layer: Layer, map: &Keymap) -> fluent_bundle::FluentArgs<'static> {
        let target = match self.action {
            Action::Show(tab) => tab.layer(),
            _ => layer,
        };
        let mut args = fluent_bundle::FluentArgs::new();
        for action in Action::all() {
            args.set(action.name().replace(['.', '_'], "-"), map.key_name(target, action));
        }
        args
    }
}

/// The shipped default map, read once.
fn shipped() -> &'static Keymap {
    static SHIPPED: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(Keymap::default_map)
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
        let (_, column, detail) = i18n::toml_position(text, &e);
        let message = if detail.is_empty() {
            t!("keymap-not-a-keymap")
        } else {
            t!("toml-at-column", column = column, detail = detail)
        };
        error(e.span().map_or(0, |s| s.start), message)
    })?;
    let mut out = Vec::new();
    for (layer_name, entries) in file {
        let layer = Layer::parse(layer_name.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
            let view = format!("{:?}", layer_name.get_ref());
            error(layer_name.span().start, t!("keymap-unknown-view", view = view, views = known.join(", ")))
        })?;
        let mut seen: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
        for entry in entries {
            let entry = entry.into_inner();
            let key = Key::parse(entry.on.get_ref()).map_err(|m| error(entry.on.span().start, m))?;
            let action = Action::parse(entry.run.get_ref()).ok_or_else(|| {
                let name = format!("{:?}", entry.run.get_ref());
                error(entry.run.span().start, t!("keymap-unknown-action", action = name))
            })?;
            let line = line_of(text, entry.on.span().start);
            if let Some(first) = seen.insert(key, line) {
                let said = t!("keymap-bound-twice", key = key.to_string(), view = layer.name(), line = first);
                return Err(error(entry.on.span().start, said));
            }
            out.push((layer, key, action, entry.desc));
        }
    }
    Ok(out)
}

/// Keys that terminal multiplexers usually take before the console sees them.
fn taken(key: &str) -> Option<String> {
    match key {
        "Ctrl-b" => Some(t!("keymap-taken-tmux")),
        "Ctrl-a" => Some(t!("keymap-taken-screen")),
        "Ctrl-s" => Some(t!("keymap-taken-xoff")),
        "Ctrl-q" => Some(t!("keymap-taken-xon")),
        "Ctrl-z" => Some(t!("keymap-taken-suspend")),
        _ => None,
    }
}

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
            if layer.over_views() {
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

    /// The first key bound to an action in a layer (or globally), named as the screen says it
    /// ([`Key::name`]); empty when none is.
    pub fn key_name(&self, layer: Layer, action: Action) -> String {
        self.key_for(layer, action).map_or_else(String::new, |k| k.name())
    }

    /// Warnings about keys a terminal multiplexer or the terminal usually takes.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (layer, bindings) in &self.layers {
            for b in bindings {
                let name = b.key.to_string();
                if let Some(who) = taken(&name) {
                    out.push(t!("keymap-taken", view = layer.name(), key = name, action = b.action.name(), who = who));
                }
            }
        }
        out
    }
}

/// The key reference for `docs/keys.md`, generated from a keymap so it cannot drift from it.
pub fn reference(map: &Keymap, title: &str) -> String {
    // docs/keys.md is English: its words are the English catalog's.
    let en = |key: &str| i18n::text_in(Lang::En, key, None);
    let mut out = format!("# {title}\n\n{}\n", en("keys-reference-intro"));
    for layer in Layer::ALL.iter().copied() {
        let bindings = map.bindings(layer);
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n{}\n| --- | --- | --- |\n", layer.name(), en("keys-reference-head")));
        for b in bindings {
            let key = b.key.to_string().replace('|', "\\|");
            out.push_str(&format!("| `{key}` | `{}` | {} |\n", b.action.name(), b.description.replace('|', "\\|")));
        }
    }
    out
}

#[cfg(test)]
mod tests;
