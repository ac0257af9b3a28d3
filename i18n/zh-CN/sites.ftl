# 省级平台的各县（区）门户网站（议题 25）：`portal-admin sites`、`sites add`、控制台的总览。

sites-code-empty = 站点需要一个代码（简短的小写标识，如 lingchuan）
sites-code-start = { $code } 不是站点代码：代码须以小写拉丁字母开头（如 lingchuan）
sites-code-long = { $code } 不是站点代码：最多 { $most } 个字符
sites-code-char = { $code } 不是站点代码：不允许 { $char }（只能用小写字母、数字和 _）
sites-name-blank = 站点需要名称（门户网站的标题，--name），不能为空
sites-bad-sort = 未知的排序 { $value }（可选：{ $choices }）
sites-unknown = { $target } 中没有站点 { $code }；现有站点：{ $known }
sites-taken = 已有站点 { $code }（`portal-admin sites` 列出全部站点）
sites-add-not-admin = { $operator } 不能添加站点：只有现有站点的管理员可以添加
sites-added = 已添加站点 { $code }，含 { $units } 个单位、{ $columns } 个栏目；{ $admin } 为其首位管理员
store-doing-site-add = 添加站点

## 列表的字段

field-code = 站点
field-overdue = 逾期
field-blank = 空白
field-check = 检查
field-check_failing = 否决项
field-check_warning = 预警项
field-alarms = 告警

## 命令行

about-sites = 数据库中的各县（区）门户网站及其状况，最差的在前；添加站点
arg-sites-sort = 按哪项排序（最差在前）：worst（综合）、overdue、blank、check、waiting、alarms、points 或 incidents
about-sites-add = 添加一个县（区）门户网站及其栏目表和单位（仅限管理员：由现有站点的管理员添加）；您成为其首位管理员
arg-sites-add-code = 站点代码：简短的小写标识（字母、数字、`_`；用 `--site CODE` 选择）
arg-sites-add-name = 站点名称（门户网站的标题）
arg-sites-add-columns = 栏目表文件（格式见 docs/columns.md）；默认内置的 2023 年象山区栏目表
arg-sites-add-units = 与 --columns 配套的单位文件；默认内置的象山区单位
role-supervisor = 督查员
