# 有名称的键在屏幕上的叫法（提示行、帮助、确认框、消息）。规则：中文里通常用中文称呼的键说中文
# （回车、空格、退格、删除、插入、上页、下页），方向键画成箭头，键帽上的缩写照键帽写（Esc、Tab、
# Home、End，以及 Ctrl-、Alt-、Shift-、F1–F12）；字母和符号键就是它本身。
keyname-enter = 回车
keyname-esc = Esc
keyname-tab = Tab
keyname-backtab = Shift-Tab
keyname-backspace = 退格
keyname-delete = 删除
keyname-insert = 插入
keyname-up = ↑
keyname-down = ↓
keyname-left = ←
keyname-right = →
keyname-pageup = 上页
keyname-pagedown = 下页
keyname-home = Home
keyname-end = End
keyname-space = 空格
