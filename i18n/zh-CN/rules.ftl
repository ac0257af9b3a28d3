# 领域规则（src/domain）：为何不能执行规定中的某一步。环节和角色名称（office_review、recheck、
# admin 等）是命令行的名称，保持原样。

## 审核（第七至十条）

rules-approval-needs-checks = 审核通过须确认第九条全部七项审核内容；未确认：{ $missing }
rules-rejection-needs-reason = 退回需要理由（--reason）
rules-not-under-review = 信息 { $item } 不在待审核状态：当前环节为 { $stage }
rules-not-ready-to-publish = 信息 { $item } 未获准发布：当前环节为 { $stage }
rules-not-allowed = { $operator }（{ $role }）不能{ $act }

## 各角色可做的事（第十四条）

rules-act-pass = 通过“{ $stage }”环节
rules-act-withdraw = 撤回、标注或恢复信息
rules-act-incident = 登记或更正责任事故
rules-act-operators = 管理操作员
rules-act-administer = 载入信息、登记文件或修改工作日历
rules-act-request = 登记撤回申请
rules-act-waive = 豁免内容检查的发现
rules-act-links = 记录链接检查结果
rules-not-a-check = 不是审核项编号：{ $part }（第九条的七项审核内容编号为 1 至 7）
rules-no-check = 没有指定审核项（第九条的七项审核内容编号为 1 至 7）

## 导入的信息（JSON 行）

rules-import-field = { $field }：{ $error }
rules-import-no-title = title 为空
rules-import-no-unit = path 为 { $path } 时必须有 unit
rules-import-no-columns = columns 为空：信息至少要有一个发布栏目
rules-import-column-twice = 栏目 { $path } 列了两次
rules-import-form-column = forms 中的栏目 { $path } 不在 columns 中
rules-import-attachments-path = attachments 是单位报送的材料（第十条）：不适用于 path { $path }
rules-import-attachment-kind = attachments：{ $kind } 不是材料种类（signed_scan、electronic_text 或 target_columns）
rules-import-attachment-name = attachments：{ $kind } 没有文件名
rules-import-wechat = wechat_at 只用于首发在微信公众号的信息（channel wechat）
rules-import-withdrawn-reason = 有 withdrawn_at 就要有 withdraw_reason
rules-import-reason-withdrawn = 有 withdraw_reason 就要有 withdrawn_at
rules-import-withdrawn-published = 有 withdrawn_at 就要有 published_at：只有已发布的信息才能撤回
rules-import-withdrawn-before = withdrawn_at 早于 published_at
rules-import-status = status { $given } 与所给的时间不符（按时间应为 { $status }）
rules-import-stage-published = stage { $stage } 不适用于已发布的信息（应为 done）
rules-import-stage-path = stage { $stage } 不是 path { $path } 的环节

## 时间、日期和取值

rules-not-a-time = 不是时间：{ $text }（应为 RFC 3339 格式，如 2024-05-17T09:30:00+08:00）
rules-not-a-date = 不是日期：{ $text }（应为 YYYY-MM-DD）
rules-not-a-period = 不是季度或年度：{ $text }（应为如 2024Q3 或 2024）
rules-unknown-value = 未知的{ $what } { $value }（应为以下之一：{ $expected }）
rules-unknown-deadline = 未知的更新时限写法 { $text }（可用写法：N天、N个月、N年、每月、每年、N天内、N个工作日、文件印发后N个工作日内、按需更新、无需更新，或留空）

## 栏目责任表和单位表

rules-table-empty = 空文件：没有表头行
rules-table-header = 表头应为 { $expected }，实为 { $found }
rules-table-fields = 应有 { $expected } 个以制表符分隔的字段，实有 { $found } 个
rules-table-empty-level = 栏目路径 { $path } 有一级为空
rules-table-too-deep = 栏目路径 { $path } 有 { $depth } 级；最多 { $max } 级
rules-table-parent = 栏目 { $path } 出现在其上级栏目之前
rules-table-twice = 栏目 { $path } 列了两次
rules-table-column = 栏目 { $path }：{ $error }
rules-table-unit = 栏目 { $path }：单位 { $unit } 不在 { $file } 中
rules-table-no-columns = 没有栏目
rules-table-unit-name = 单位名称 { $name } 为空或使用了保留字符
rules-table-unit-twice = 单位 { $name } 列了两次
rules-table-one-office = 必须恰有一个单位的种类为 office（负责网站的政府办公室）

## 工作日日历

rules-calendar-header = 第 { $line } 行：表头应为 "date\tkind\tnote"
rules-calendar-fields = 第 { $line } 行：应有 3 个以制表符分隔的字段
rules-calendar-date = 第 { $line } 行：不是日期：{ $text }
rules-calendar-kind = 第 { $line } 行：kind 应为 holiday 或 workday，而不是 { $kind }
rules-calendar-line = 第 { $line } 行：{ $error }
rules-calendar-workday = { $date } 是{ $weekday }，本来就是工作日；只有周末才能调为工作日
weekday-0 = 星期一
weekday-1 = 星期二
weekday-2 = 星期三
weekday-3 = 星期四
weekday-4 = 星期五
weekday-5 = 星期六
weekday-6 = 星期日

## 内容检查的名单和词表

rules-names-fields = 名单第 { $line } 行：应有 5 个以制表符分隔的字段（name、kind、wrong、status、note）
rules-names-kind = 名单第 { $line } 行：未知的 kind { $kind }（leader、institution、term）
rules-names-status = 名单第 { $line } 行：未知的 status { $status }（current；领导还可为 left）
rules-words-fields = 词表第 { $line } 行：应有 3 个以制表符分隔的字段（word、kind、suggestion）
rules-words-empty = 词表第 { $line } 行：词为空
rules-lists-compile = 无法编译名单和词表：{ $error }

## 全国检查指标规则

rules-window = 每个时间窗口都要有 days 或 months
rules-window-column = 栏目路径 { $path } 不在栏目责任表中
rules-home-levels = [home] 需要 levels（无更新多少天时警告、多少天时不合格）

## 读取国务院办公厅节假日安排通知（calendar import）

notice-empty = 内容为空；请粘贴通知全文，从标题到落款日期
notice-no-title = 没有标题：通知以“国务院办公厅关于YYYY年部分节假日安排的通知”开头，标题写明所适用的年份
notice-dated = 通知落款日期为 { $date }，与 { $year } 年的通知不符
notice-outside-paragraph-line = 日期不在某个节日的段落中：节日的一行以节日名称和冒号开头（元旦：、春节：…）
notice-no-holiday = 没有找到节日：每个节日的一行写有名称、冒号和日期
notice-year-contradicts = 年份 { $found } 与标题中的 { $year } 不符
notice-figure-outside = 无法读取此行：数字不在某个节日的段落中
notice-not-notice = 无法读取此行：它不是节假日安排通知的内容
notice-no-verb = { $date } 未说明是放假还是上班
notice-outside-paragraph = 日期不在某个节日的段落中
notice-verb = 无法读取日期之后的“{ $verb }”（应为放假、放假调休、补休或上班）
notice-clause = 无法读取“{ $clause }”
notice-clause-first = “{ $clause }”出现在任何放假日期之前
notice-days-count = { $start } 至 { $end } 为 { $count } 天，通知写的是 { $said } 天
notice-not-weekend = { $date } 是{ $weekday }，本来就是工作日：只有星期六或星期日才能调为上班
notice-twice = { $date } 出现了两次
notice-both = { $date } 既写作放假又写作上班
notice-outside-year = { $date } 不在 { $year } 年内（标题所写的年份）
notice-range-open = 日期范围（至）缺少最后一天
notice-range-backwards = 从 { $start } 起的日期范围在开始之前就结束了（{ $end }）；请写明年份（2022年12月31日至2023年1月2日）
notice-range-long = { $start } 至 { $end } 比任何假期都长
notice-no-month = { $day }日缺少月份
notice-no-such-day = { $year }年{ $month }月{ $day }日不存在
notice-weekday = { $date } 是{ $weekday }（{ $english }），不是所写的{ $said }：请核对日期和标题中的年份
notice-year-only = 年份之后缺少月和日
notice-month-only = 月份之后缺少日
notice-no-day = 日期缺少“日”
notice-bracket = 括号没有闭合
notice-note = 无法读取日期之后的注释（{ $part }）：应为星期（星期六、周六）或农历日期（农历…）
