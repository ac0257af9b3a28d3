# 按键表文件里写错的键名（`portal-admin keymap check`，以及控制台启动时：读不懂的按键表会被拒绝）。
keymap-unknown-key-name = 未知的键名 { $text }（应为一个字符，或 { $names }、F1–F12 之一，可加 Ctrl-/Alt-/Shift-）
keymap-shift-unreachable = { $text } 到不了控制台：Shift 加 { $typed } 送来的是它打出的字符，请绑定那个字符
