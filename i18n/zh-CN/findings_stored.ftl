# 内容检查结果：每条信息写入时检查并保存（issue 21）。
findings-only-kind = {" "}· 仅{ $kind }
findings-by-kind = {" "}· 按类别
findings-by-unit = {" "}· 按单位
findings-stale = {" "}· 清单已更改：check --all
findings-again = 按 { $key } 重新读取。每条信息写入时即检查；清单更改后，portal-admin check --all 重新检查全部信息。
key-findings-findings-sort = 按类别排序，再按单位（再按一次：最新的在前）
key-findings-findings-kind = 仅显示一类问题（再按一次：下一类，最后一类之后显示全部）
findings-progress = {"{"}spinner{"}"} 正在检查 [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} 条（{"{"}per_sec:0{"}"}，剩余{"{"}eta{"}"}）
audit-action-findings-check = 检查全部信息
store-doing-findings = 检查全部信息
