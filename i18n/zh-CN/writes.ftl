# 命令行写操作在标准错误输出上的摘要行。

operator-summary = 操作员 { $name }：{ $role }，{ $active ->
    [yes] 已启用
   *[no] 已停用
}

## 终端上的进度（indicatif 模板：每个 {"{"}…{"}"} 是进度条自己的字段）

import-progress = {"{"}spinner{"}"} 正在导入 [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} 条（{"{"}per_sec:0{"}"}，剩余{"{"}eta{"}"}）
export-progress = {"{"}spinner{"}"} 正在导出：{"{"}pos{"}"} 条（{"{"}per_sec:0{"}"}）

## the log

bad-log-level = --log-level（或 PORTAL_ADMIN_LOG）取一个级别（error、warn、info、debug、trace）或 portal_admin=debug 这样的过滤式，而不是{ $value }
arg-log_level = 控制台日志的级别：error、warn、info、debug、trace，或 portal_admin=debug 这样的过滤式（默认：config.toml 中的 `log_level`，否则为 info）

value-filter = 过滤式
