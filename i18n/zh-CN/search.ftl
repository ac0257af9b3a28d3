# 按文字检索（第21号问题）：`portal-admin search` 和控制台的 `:find`。

search-too-short = 检索至少需要 { $least } 个字符：{ $text } 不够（一个字几乎会找出所有信息）
search-nul = 检索内容不能含 NUL 字符
search-no-column = 网站 { $site } 中没有栏目 { $column }（`portal-admin columns` 列出全部栏目）
search-no-pg-trgm = 此 PostgreSQL 服务器没有检索所需的 pg_trgm 扩展：请在数据库服务器上安装 postgresql-contrib（apt-get install postgresql-contrib），再运行 `portal-admin init`

## 命令行

about-search = 标题或正文含有 TEXT（至少两个字符，按字面查找）的本网站信息，不限状态，最新的在前
arg-search-text = 要找的文字：中文或拉丁字母，至少两个字符；`%`、`_`、引号和 `*` 都按字面查找
arg-search-status = pending（待审）、returned（退回）、online（在线）或 withdrawn（已撤回）
arg-search-column = 只列此栏目中的信息（栏目编号，见 `columns` 的列表）
arg-search-unit = 只列此单位的信息：单位名称、名称的一部分或拼音首字母（如 tjj 表示统计局）
arg-search-since = 只列这一天（北京时间）及之后发布（未发布的按报送时间）的信息

## 控制台的检索页（`:find 文字`）

tab-find = 检索
view-find = 检索：含有某段文字的信息
command-find = find 文字：标题或正文含有该文字的本网站信息，最新的在前
find-title-none = 检索 · 尚未检索
find-how = 输入 { $command } 文字（至少两个字符，按字面查找），列出标题或正文含有该文字的本网站信息，不限状态，最新的在前；按 { $open } 打开一条。
find-title = 检索“{ $text }” · { $position }，最新的在前
find-head-at = 时间
find-head-status = 状态
find-head-unit = 单位
find-head-columns = 栏目
find-nothing = 没有标题或正文含有该文字的信息。
find-load-failed = 无法检索：{ $error }
# 九个标签页在标签栏中放不下时。内容检查的简称用业内通称“错敏”（错别字、敏感信息等），
# 有站点标签页时 80 列的标签栏才放得下它的名称。
tab-findings-short = 错敏
tab-withdrawn-short = 已撤回
tab-inspection-short = 检查
key-global-tab-find = 检索：标题或正文含有某段文字的信息（:find 文字），最新的在前（{ $list-open } 打开一条）
