# What is wrong with a key name in a keymap file (`portal-admin keymap check`, and the console's
# start, which refuses a keymap it cannot read).
keymap-unknown-key-name = unknown key name { $text } (a character, or one of { $names }, F1–F12, with Ctrl-/Alt-/Shift-)
keymap-shift-unreachable = { $text } never reaches the console: Shift with { $typed } arrives as the character it types; bind that
