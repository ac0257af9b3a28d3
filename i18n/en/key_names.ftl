# The keys with names, as the screen names them (hints, the help, confirmations, messages): as
# their keycaps say them, the arrow keys as their arrows. Keymap files name them in full
# (PageUp, BackTab …: docs/keys.md).
keyname-enter = Enter
keyname-esc = Esc
keyname-tab = Tab
keyname-backtab = Shift-Tab
keyname-backspace = Backspace
keyname-delete = Del
keyname-insert = Ins
keyname-up = ↑
keyname-down = ↓
keyname-left = ←
keyname-right = →
keyname-pageup = PgUp
keyname-pagedown = PgDn
keyname-home = Home
keyname-end = End
keyname-space = Space
