# 控制台各视图：标题、表头、空视图的说明和状态行上的提示（src/ui/views）。栏目标签页另有文件（columns.ftl）。

## 通用

head-unit = 责任单位
head-title = 标题
head-item = 信息
head-reason = 原因
item-load-failed = 读取信息 { $id } 失败：{ $error }
findings-blocking = {" "}· ✗{ $count } 条阻止发布
finding-waived = 已豁免——{ $reason }

## 待审（第八至十条）

queue-by-wait = 按等待时长，最久在前
queue-by-step = 按环节，最早在前
queue-title = 待审 · { $position }待决定，{ $order }
queue-late = {"  "}! { $count } 条等待过久
queue-marked = {" · "}已标记 { $count } 条
queue-head-step = 程序 · 环节
queue-head-form = 形式
queue-head-columns = 栏目
queue-head-lacks = 缺少
queue-nothing =
    没有待决定的信息。
    信息导入后出现在这里：portal-admin import <文件>（JSON Lines 格式，
    见 docs/cli.md），来源为各单位报送的信息和区政府办公室自己的信息。
queue-repost-unit = （转载）
queue-wechat = 微信
queue-only-approved = 信息 { $id } 处于“{ $stage }”环节：只有审核通过的信息才能发布
queue-mark-first = 请先标记审核通过的信息（{ $mark }）
queue-publish-marked =
    发布 { $count } 条信息，各自发布到其目标栏目：
    {"  "}{ $items }

    { $yes } 发布 · { $no } 取消
queue-load-failed = 读取待审列表失败：{ $error }
queue-moved = 信息 { $id }：{ $from } → { $to }
queue-published = 已发布 { $count } 条信息
queue-published-some = 已发布 { $done } 条，共 { $count } 条；{ $first }

## 审核界面

review-item = 信息 { $id } · { $stage }（第 { $version } 版）
review-checks-heading = { $item } · 第九条七项审核内容
review-checks-failed = 内容检查：无法检查：{ $error }
review-checking = 内容检查：正在检查…
review-nothing-found = 内容检查：未发现问题
review-checked-1 = 已查姓名、表述、涉密词和禁用词、个人信息、
review-checked-2 = 文号、日期和数字
review-findings = 问题 { $count } 条
review-waived-count = {" "}· { $count } 条已豁免
review-check-failed = 检查信息 { $id } 失败：{ $error }
review-already-approved = 已审核通过：请发布（{ $key }）
review-affirm-first = 请先确认全部七项审核内容（1–7，或按 { $all } 全选）
review-all-affirmed = 七项审核内容均已确认：要退回，请取消未通过的项（1–7）
review-reason-placeholder = 退回原因（必填）
review-approve-first = 信息 { $id } 处于“{ $stage }”环节：请先审核通过
review-publish-confirm =
    将信息 { $id } 发布到：
    {"  "}{ $columns }

    { $yes } 发布 · { $no } 取消
review-no-findings = 内容检查未在这条信息中发现问题
review-no-finding-to-act-on = 没有可处理的问题：内容检查未在这条信息中发现问题
review-blocked = 未通过：按 { $waive } 豁免（按 { $next } 选择）或按 { $reject } 退回——{ $kind }“{ $text }”{ $more ->
        [0] {""}
       *[other] 及另外 { $more } 处
    }阻止审核通过（{ $span }：{ $message }）

## 等待时长（待审、撤回申请、已撤回）

waited-minutes = { $minutes }分钟
waited-hours = { $hours }小时
waited-days = { $hours ->
        [0] { $days }天
       *[other] { $days }天{ $hours }小时
    }

## 撤回申请（第十三条）

head-waited = 已等待
retractions-title = 撤回申请 · { $position } · { $count } 件待处理，最紧急的在前
retractions-alarms = {"  "}✗ { $count } 件疑似涉密超过 15 分钟
retractions-nothing =
    没有待处理的撤回申请。
    单位申请撤回信息，登记后即显示在这里：
    portal-admin retractions request <信息> --unit <单位> --reason <原因>

## 审计记录

audit-title = 审计 · { $position }，最新的在前 · { $open } 查看整条记录
audit-head-at = 时间
audit-head-operator = 操作员
audit-head-action = 操作
audit-head-target = 对象
audit-head-detail = 详情
audit-nothing =
    审计记录为空。
    每次变更（初始化、导入、审核、撤回），无论在这里还是用命令完成，
    都写一条记录，并显示在这里。

## 已撤回

withdrawn-title = 已撤回 · { $position }
withdrawn-title-wide = 已撤回 · { $position }，最新的在前
withdrawn-from-request = 申请至撤回
withdrawn-from-request-wide = 从申请到撤回的用时
withdrawn-request-times = {" "}· { $from }：中位数 { $median }，最长 { $longest }
withdrawn-no-request = {" "}· 均非依申请撤回
withdrawn-head-when = 撤回时间
withdrawn-head-by = 操作员
withdrawn-head-took = 用时
withdrawn-head-restored = 恢复
withdrawn-nothing =
    尚无撤回的信息。
    从栏目撤回（{ $columns }，在栏目上按 { $open }，再按 { $withdraw }）或办理撤回申请（{ $requests }，{ $withdraw }）：
    每次撤回都显示在这里，按 { $restore } 可恢复上线。
withdrawn-restored-mark = [已恢复]
withdrawn-still-public = [仍可访问]

## 全国政府网站检查的单项否决指标（检查）

inspect-pass = 合格
inspect-warn = 预警
inspect-fail = 否决
inspect-title = 网站检查
inspect-as-of = {" "}· 截至 { $date }
inspect-fails = { $symbol }{ $count } 项否决
inspect-warns = { $symbol }{ $count } 项预警
inspect-loading = {" "}（正在读取 { $date }）
inspect-head-level = 结果
inspect-head-indicator = 指标
inspect-head-count = 数值
inspect-head-fails = 否决值
inspect-head-warns = 预警值
inspect-head-behind = 数值的来源（{ $open } 列出）
inspect-failed = 无法计算各项指标：{ $error }
inspect-evaluating = 正在计算各项指标…
inspect-none = 没有指标。
inspect-detail-title = { $name } · { $count } · 截至 { $date }
inspect-detail-head = 否决值 ≥ { $threshold }，预警值 { $warns } · 数值的来源 { $count } 条 · { $back } 返回
inspect-detail-nothing = 这一数值没有来源条目。
inspect-detail-head-opens = 否决值 ≥ { $threshold }，预警值 { $warns } · 数值的来源 { $count } 条 · { $open } 打开 · { $back } 返回
inspect-detail-opens-nothing = 这一条没有可打开的栏目或信息。

## 内容检查在已上线信息中发现的问题

findings-heading = 内容检查 · { $position }
findings-newest-first = ，最新的在前
findings-head-published = 发布时间
findings-head-kind = 类别
findings-head-text = 原文
findings-head-message = 说明 → 建议
findings-nothing = 已上线信息中未发现问题。
findings-nothing-of-kind = 已上线信息中没有“{ $kind }”类问题。
findings-where-from = 问题依据姓名和词语清单查找（data/checks/，或您自己的 names.tsv 和 words.tsv）：领导、机构名称或表述的错误写法，已离任的人员，密级标志或禁用词。完整显示的个人信息（身份证号、手机号、银行卡号）、括号用错的文号、不可能的日期和前后不一的数字无需清单即可发现。
findings-add = 添加到您自己的清单（以随附清单为起点）：
findings-add-name = {"  "}portal-admin check add-name 李明华 --kind leader --wrong 李明化
findings-add-word = {"  "}portal-admin check add-word 内部资料 --kind secret --suggestion 不得公开发布

## 考核（第十六、十七条）

period-quarter = { $year }年第{ $quarter }季度
period-year = { $year }年度
scores-title = 考核 { $period } { $words }
scores-units = {" "}· { $count } 个单位 · 共 { $points } 分
scores-by-change = {" "}· 降幅最大在前
scores-by-deducted = {" "}· 扣分最多在前
scores-deducted = ，扣 { $points } 分
scores-nothing = 未报送
scores-nothing-wide = 未报送信息（第十七条）
scores-incidents = 有事故
scores-incidents-wide = 有责任事故
scores-head-rank = 排名
scores-head-text = 文字
scores-head-image-text = 图文
scores-head-video = 视频
scores-head-points = 计分
scores-head-deduct = 扣分
scores-head-net = 得分
scores-head-change = 变化
scores-head-bar = 得分图
scores-hint-explains = 明细
scores-hint-incident = 责任事故
scores-hint-bulletin = 通报
scores-hint-opens = 打开
scores-hint-corrects = 更正
scores-no-unit =
    没有可显示的单位。
    单位随栏目责任表导入：portal-admin init（或 init --columns <文件>）。
scores-note-nothing = 未报送
scores-note-incidents = { $count } 起事故
scores-of = {" "}/ { $count }
scores-rank = {" "}· 排名 { $rank }{ $of } · 得分{" "}
scores-change = （较 { $period } { $change }）
scores-sum = 计分 { $points } = { $text }×1 + { $image_text }×2 + { $video }×3 · 扣分 { $deductions } · 得分 { $net }
# The period before and its net, after the sum where the line has room (the title says the change).
scores-sum-previous = {" "}· { $previous }：{ $previous_net }
scores-explain-failed = 无法说明得分：{ $error }
scores-items-why = ，每条按最高形式计一次
scores-items-why-wide = {" "}——一条信息发布在多个栏目，只按最高形式计分一次（第十六条）
scores-items = 计分信息：{ $count } 条，{ $points } 分{ $why }
scores-incidents-heading = 责任事故及更正：{ $count } 起，{ $points } 分
scores-signals-heading = 第十七条：应通报单位主要负责人的情形：{ $count } 项
scores-overdue-heading = 期末逾期或空白的栏目：{ $count } 个
scores-no-items = {"  "}本期没有计分的信息。
scores-no-incidents = {"  "}本期没有责任事故。
scores-none = {"  "}无。
scores-withdrawn-counts = [因过期撤回，仍计分]
scores-counted = 计分
scores-counted-once = 只计一次
scores-corrects = 更正 #{ $id }：{ $note }
scores-incident-item = {" "}· 信息 { $id } { $title }
scores-incident = { $kind }{ $item } · { $note }
scores-corrected-by = {" "}[已由 #{ $id } 更正]
scores-signal = {"  "}! 第十七条{ $clause }{" "}
scores-never-updated = 从未更新
scores-document-overdue = 有文件逾期 { $days } 天
scores-last-overdue = 最近更新 { $date } · 逾期 { $days } 天
scores-no-directory = 无法确定当前目录：{ $error }
scores-cannot-write = 无法写入 { $file }：{ $error }
scores-load-failed = 读取考核得分失败：{ $error }
scores-explaining-failed = 说明 { $unit } 的得分失败：{ $error }
scores-wrote = 已写入 { $file }
scores-no-bulletin = 未生成通报：{ $error }
scores-incident-no-item = 责任事故 { $id } 不涉及具体信息
scores-no-unit-selected = 未选择单位
scores-select-incident = 请选择要更正的责任事故
scores-is-correction = 责任事故 { $id } 本身是对责任事故 { $original } 的更正
scores-corrected-already = 责任事故 { $id } 已由责任事故 { $by } 更正
scores-bulletin-busy = 通报仍在生成中
scores-writing-bulletin = 正在生成 { $period } 的通报…
scores-filter-ranking = 筛选只用于排名：按 { $back } 返回排名
incident-item-placeholder = 可选：信息编号或引用
incident-date-placeholder = YYYY-MM-DD（留空为今天）
incident-note-placeholder = 事故经过（必填）
incident-correction-placeholder = 更正原因（必填）

## 各视图在状态行和确认中说的话

audit-load-failed = 读取审计记录失败：{ $error }
withdrawn-load-failed = 读取已撤回信息失败：{ $error }
withdrawn-restored-already = 信息 { $id } 的这次撤回已经恢复（{ $date }，{ $by }）
withdrawn-restore-confirm =
    将信息 { $id } 恢复到原来所在的栏目上线：
    {"  "}{ $title }
    {"  "}{ $date } 由 { $by } 撤回（{ $reason }）

    { $yes } 恢复 · { $no } 取消
retractions-load-failed = 读取撤回申请失败：{ $error }
retractions-marks-instead = {" "}· { $key } 改为标注
retractions-withdraw-confirm =
    从所有栏目撤回信息 { $id }（{ $reason }）：
    {"  "}{ $title }
    {"  "}{ $columns }

    申请单位 { $unit } · { $yes } 撤回{ $instead } · { $no } 取消
retractions-mark-outdated-only = 只有因过期申请撤回的才能改为标注；这一申请的原因是{ $reason }：请撤回（{ $withdraw }）或不予撤回（{ $decline }）
retractions-decline-placeholder = 信息保留在线的原因（必填）
retractions-record-id = 撤回申请 #{ $id }
findings-check-failed = 读取检查结果失败：{ $error }
inspect-load-failed = 网站检查失败：{ $error }
