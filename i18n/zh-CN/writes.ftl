# 命令行写操作在标准错误输出上的摘要行。

operator-summary = 操作员 { $name }：{ $role }，{ $active ->
    [yes] 已启用
   *[no] 已停用
}

## 终端上的进度（indicatif 模板：每个 {"{"}…{"}"} 是进度条自己的字段）

import-progress = {"{"}spinner{"}"} 正在导入 [{"{"}bar:40{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} 条（{"{"}per_sec{"}"}，剩余{"{"}eta{"}"}）
export-progress = {"{"}spinner{"}"} 正在导出：{"{"}pos{"}"} 条（{"{"}per_sec{"}"}）
