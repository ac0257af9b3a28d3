# 控制台自己的文字：标签页名称、状态行、按键提示、标题和空视图的说明。

## 标签页（要短：八个连同序号在 80 列内放得下）

tab-queue = 待审
tab-columns = 栏目
tab-retractions = 撤回申请
# 标签页放不下全名时。
tab-retractions-short = 撤回
tab-scores = 考核
tab-scores-short = 考核
tab-audit = 审计
tab-withdrawn = 已撤回
tab-inspection = 检查
tab-findings = 内容检查

## 标签页旁的按键提示

hint-help = 帮助
hint-quit = 退出
hint-filter = 筛选
hint-command = 命令
hint-back = 返回

## 状态行和各视图通用的提示

link-connected = {" "}● 已连接
link-lost = {" "}✗ 连接中断 { $away } · 正在重连…
link-lost-trying = {" "}✗ 连接中断 { $away } · 正在重连…（第 { $tries } 次）
link-lost-waiting = {" "}✗ 连接中断 { $away } · { $seconds } 秒后重连
link-read-only = {" "}· 只读
span-seconds = { $seconds }秒
span-minutes = { $minutes }分{ $seconds }秒
span-hours = { $hours }小时{ $minutes }分
colleague-change = ↻ 同事的修改已到达
not-sent = ✗ 未发送：无法连接数据库；连接恢复后再按 { $yes }
connected-again = 中断 { $away } 后已重新连接；已读取最新数据
not-saved-unreachable = 未保存：无法连接数据库（正在重连…）；什么也没有发送——连接恢复后请重试
not-saved-unreachable-said = 未保存：无法连接数据库（{ $said }）；连接恢复后请重试
no-answer = 数据库在 { $seconds } 秒内没有应答
read-only-pinned = 只读（--read-only）：本次会话不能做任何修改
read-only-inactive = 只读：{ $name } 已不是站点 { $site } 的在用操作员——管理员可用 `portal-admin operators role` 启用
read-only-not-operator = 只读：{ $name } 不是站点 { $site } 的操作员——管理员可用 `portal-admin operators add` 添加
operator-again = { $name } 重新成为站点 { $site } 的操作员（{ $role }）：可以修改
role-admin = 管理员
role-reviewer = 审核员
role-viewer = 查看员
welcome = 欢迎：按 { $key } 查看每个视图的按键，以及数据库和设置的位置
closing = { $why }：正在关闭
hangup-input = 终端输入已结束
hangup-sighup = 连接挂断（SIGHUP）
hangup-sigterm = 被终止（SIGTERM）
hangup-sigint = 被中断（SIGINT）
hangup-sigquit = 退出（SIGQUIT）
too-small =
    portal-admin 需要至少 { $min_width }×{ $min_height } 的终端；当前为 { $width }×{ $height }。
    请放大窗口，或按 { $quit } 退出。
title-loading = {"  "}{ $spinner } 正在读取
loading = 正在读取…
could-not-load = 无法读取：{ $error }
filter-matches-nothing = 已读取的内容中没有符合筛选条件的（按 { $back } 清除筛选）。
provisional-count = {" "}?{ $count } 项暂定
cut-for-display = …（显示到此为止；数据库保存全文）
saving = 正在保存…
write-still-running = 上一项修改仍在保存中；请稍后再试
copy-title = 复制到剪贴板
copy-nothing = 没有选中可复制的内容
copy-open-item = 请先打开一条信息，再复制其链接
copy-no-link = 这条信息没有公开链接（来源系统未提供）
copied = 已复制 { $text }

## 帮助（?）

help-title = 帮助——{ $scroll } 滚动，{ $search } 搜索，按其他键关闭
help-places = 文件位置
# 文字旁边的说明或数字，放在全角括号里。
aside = { $text }（{ $aside }）
help-view-keys = “{ $view }”视图的按键
help-global-keys = 各视图通用的按键（视图自己的按键优先）
# 控制台不向当前身份提供的键：它只通向该角色（或只读控制台）不能做的更改。
help-not-for-role = （{ $role }不可用）
help-not-read-only = （只读：不可用）
help-not-offered = { $said }{ $note }
help-own = 自己的按键和鼠标
help-own-keys-label = 按键
help-own-keys = 自己的按键写在设置目录的 keymap.toml 里，逐项覆盖这里的按键；--keymap vim 加上 vim 的 h/l、x、V（portal-admin keymap show 列出生效的键位）
help-own-mouse-label = 鼠标
help-own-mouse-taken = 由控制台使用：点击标签页即打开，点击行即选中，滚轮滚动；在 config.toml 中设 mouse = false 则交给终端，可照常选取文字
help-own-mouse-left = 交给终端（config.toml 中 mouse = false）：可照常选取文字；标签页和行用按键选择
help-commands = 命令（输入 : 之后）

## 命令行（:）

command-columns = 栏目树
command-stale = 按严重程度排列栏目（只看逾期和空白栏目）
command-overdue = 只看逾期和空白栏目
command-tree = 重新显示整个栏目树
command-unit = 单位名称：该责任单位负责的栏目
command-at = YYYY-MM-DD：按某一天计算更新情况（留空为今天）
command-scores = [2024Q3 | 2024]：考核
command-audit = 审计记录，最新的在前
command-queue = 待决定的信息
command-retractions = 待处理的撤回申请，最紧急的在前
command-withdrawn = 最近撤回的信息，可恢复
command-inspection = 截至 :at 所设日期的全国政府网站检查单项否决指标
command-calendar = [import 文件]：已有的节假日安排；导入下一年的（先显示，再确认）
command-findings = 内容检查在全部已上线信息中发现的问题（网站较大时较慢）
command-refresh = 从数据库重新读取
command-help = 本视图的按键
command-quit = 退出
command-unit-said = { $unit } 负责的栏目
command-no-unit = 没有单位 { $unit }（按 { $complete } 补全单位名称）
command-at-said = 按 { $date } 计算更新情况
command-unknown = 未知命令 :{ $command }（按 { $complete } 列出全部命令）
calendar-held = { $missing }已有的节假日安排：{ $held } · :calendar import 文件 导入一年的安排
calendar-reading = 正在读取节假日安排…
calendar-import-usage = :calendar import 文件——通知的纯文本，从政府网站复制
calendar-reading-file = 正在读取 { $file }…
calendar-unknown = 未知命令 :calendar { $command }（:calendar，或 :calendar import 文件）
calendar-holiday = 放假
calendar-workday = 上班
calendar-import-keys = { $yes } 导入（一次留有审计记录的修改）· { $no } 取消
calendar-cannot-read = 无法读取 { $file }：{ $error }
calendar-not-imported = { $file }：{ $error }；未导入任何内容

## 确认、输入提示和表单

confirm-title = 确认
audit-record-title = 审计记录——按任意键关闭
prompt-reject = 退回，未通过第 { $failed } 项——原因？{" "}
prompt-before = 标记本栏目在此日期之前上线的信息（YYYY-MM-DD）：{" "}
prompt-waive = 豁免信息 { $item } 中的{ $kind }“{ $text }”——原因？{" "}
reject-needs-reason = 退回必须填写原因
console-decline-needs-reason = 不予撤回必须填写原因
declined-said = 已不予撤回；信息仍在线
withdraw-question = 从所有栏目撤回{ $count ->
        [one] 信息 { $id }
       *[other] 这 { $count } 条信息
    }（不删除任何内容）：
withdraw-more = {"  "}… 另有 { $count } 条
withdraw-loses-points = {" "}（不再计分）
withdraw-reason = 原因：{ $reason }{ $points } · { $key }：{ $others }
withdraw-keys = { $yes } 撤回 · { $mark } 改为标注 · { $no } 取消
withdraw-nothing = 这里没有可撤回的信息
withdraw-request-reason = 撤回申请按申请所述原因撤回（按 { $key } 不予撤回）
withdraw-mark-outdated-only = 只有因过期申请撤回的才能改为标注；这一申请的原因是{ $reason }
withdraw-already = 信息 { $id } 已撤回；可在“已撤回”标签页恢复
withdraw-wait-item = 请等信息读取完毕
mark-title = 标注而不撤回
mark-heading = { $count ->
        [one] 信息 { $id } 保留在线并加标注，不撤回：
       *[other] { $count } 条信息保留在线并加标注，不撤回：
    }
mark-field-mark = 标注
mark-field-effective = 生效日期
mark-field-replaced-by = 替代文件
mark-today = { $date }（今天）
mark-keys = { $yes } 标注 · { $next } 换一种标注 · { $no } 取消
mark-replaced-by-placeholder = 可选，例如 象政办〔2026〕12号
mark-range-first = 请先标记一行（{ $mark }），再移动并标记其间各行
marked-more = 又标记了 { $added } 条（共标记 { $all } 条）
marks-cleared = 已清除 { $count } 个标记
before-placeholder = YYYY-MM-DD，例如 2024-01-01
before-needs-day = 请输入日期：YYYY-MM-DD
before-nothing = 本栏目没有在 { $date } 之前上线的信息
before-marked = 已标记本栏目在 { $date } 之前上线的 { $count } 条信息（共标记 { $all } 条）
before-failed = 查找 { $date } 之前上线的信息失败：{ $error }
waive-placeholder = 可以保留的理由（必填；记入信息的历史）
waive-needs-reason = 豁免问题必须填写理由
waived-already = 信息 { $id } 中的{ $kind }“{ $text }”已豁免（{ $reason }）
waived-said = 信息 { $id }：{ $what } 已豁免，不再阻止审核通过
not-waived = 未豁免：{ $error }
incident-repost = 信息 { $id } 是转载信息：没有可记责任事故的责任单位
incident-note-example = 事故经过（必填），例如 { $kind }“{ $text }”
incident-form-title = 责任事故
incident-form-heading = 记录{ $unit }的责任事故（第十六条）
incident-field-kind = 类别
incident-field-item = 信息
incident-field-date = 日期
incident-field-note = 经过
incident-kind-typo = 错别字
incident-kind-classified = 涉密
incident-kind-improper = 内容不当
incident-elsewhere = {" "}（按事故日期；您正在查看 { $viewing }）
incident-costs = { $unit }在 { $quarter } 扣 { $points } 分{ $elsewhere }。
incident-bad-date = 日期格式不对（YYYY-MM-DD）。
incident-form-keys = { $yes } 记录 · { $next } 下一栏 · { $cycle } 或 { $kind } 换类别 · { $no } 取消
incident-future = { $date } 尚未到来：责任事故按发生日期记录
console-incident-needs-note = 责任事故必须写明经过
console-correction-needs-note = 更正必须写明原因
console-incident-recorded = 责任事故 { $id }：{ $unit } { $points } 分（{ $kind }），发生于 { $date }，计入 { $quarter }
incident-not-recorded = 未记录：{ $error }
console-incident-reversed = 责任事故 { $id }：更正责任事故 { $original }{ $about }
incident-not-corrected = 未更正：{ $error }
reverse-title = 更正责任事故
reverse-heading = 以一条冲销记录更正责任事故 { $id }（不修改原记录）：
reverse-item = {"  "}信息 { $id } { $title }
reverse-gives = { $unit }在 { $quarter } 退回 { $points } 分。
reverse-field-why = 原因
reverse-keys = { $yes } 记录更正 · { $no } 取消

## 帮助中各视图的名称

view-global = 通用
view-columns = 栏目
view-column = 栏目内信息
view-item = 信息
view-scores = 考核
view-unit = 单位得分
view-audit = 审计
view-queue = 待审
view-review = 审核
view-retractions = 撤回申请
view-withdrawn = 已撤回
view-inspection = 网站检查
view-findings = 内容检查
view-confirm = 确认
view-mark = 标注
view-incident = 责任事故
view-copy = 复制
