# 审计记录的详情在审计标签页详情列中的说法：按操作写成一行（第 20 号问题）；
# `audit --format json` 和记录窗口保留写入时的 JSON。
audit-said-backup = { $file } · { $tables } 张表，{ $rows } 行
audit-said-calendar-import = { $year } 年：{ $days } 天（{ $source }）
audit-said-calendar-set = { $count ->
        [1] { $first }
       *[other] 自 { $first } 起 { $count } 天
    }
audit-said-demo = { $items } 条信息，{ $from } 至 { $to }（种子 { $seed }）
audit-said-document = { $number }《{ $title }》，{ $issued } 印发
audit-said-waive = { $kind }“{ $text }”——{ $reason }
audit-said-findings-check = 检查 { $items } 条信息
audit-said-import = 从 { $file } 导入 { $items } 条信息
audit-said-incident = { $unit }：{ $kind }，{ $points } 分，{ $on }
audit-said-incident-reverse = 冲销第 { $id } 号（{ $points } 分）
audit-said-init = { $units } 个单位，{ $columns } 个栏目，日历 { $days } 天
audit-said-inquiry = “{ $subject }”
audit-said-inquiry-invalid = “{ $subject }”——无效：{ $why }
audit-said-answer = { $on }：{ $answer }
audit-said-title = “{ $title }”
audit-said-links-check = { $items } 条信息的 { $links } 个链接：{ $broken } 个不可用
audit-said-probe = { $url }：{ $status }，用时 { $millis } 毫秒
audit-said-probe-failed = { $url }：无法打开（{ $millis } 毫秒）
audit-said-mark = 自 { $from } 起{ $mark }
audit-said-mark-replaced = 自 { $from } 起{ $mark }，由 { $by } 替代
audit-said-operator-added = 新增为{ $role }
audit-said-operator-disabled = 已停用
audit-said-operator-role = { $before } → { $after }
audit-said-publish = 发布于 { $columns }
audit-said-order = { $unit }：{ $about }，限 { $due } 前
audit-said-restore = 原撤回原因：{ $reason }
audit-said-batch = { $said }（同批 { $count } 条）
audit-said-request-closed = 信息 { $item }：{ $how }
audit-said-request = { $unit }，信息 { $item }：{ $reason }
audit-said-return = { $step }：缺少{ $lacking }
audit-said-schema = 版本 { $from } → { $to }
audit-said-site = { $name }：{ $units } 个单位，{ $columns } 个栏目
