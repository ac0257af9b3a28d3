# 线上站点：内容检查标签页中的失效链接、撤回后的检查、首页探测（站点无法访问）。

## 内容检查标签页中的失效链接（`L`）

key-findings-findings-links = 失效链接：链接检查最近一次发现无法访问的已上线信息链接（再按一次：回到内容检查）
broken-links-title = 失效链接
broken-links-counts = {" "}· { $count } 个（{ $items } 条信息），按最近一次检查
broken-links-refused-count = {" "}· { $count } 个拒绝访问
broken-links-back = {"  "}{ $key }：内容检查
broken-links-head-place = 位置
broken-links-head-status = 状态
broken-links-head-checked = 检查时间
broken-links-head-url = 链接
broken-links-page = 页面
broken-links-body = 正文
broken-links-attachment = 附件
broken-links-refused = 拒绝访问
broken-links-no-answer = 无响应
broken-links-none = 按最近一次检查，已上线信息没有失效链接。
broken-links-how = `portal-admin links --all` 检查全部已上线信息的链接（建议每晚由 cron 运行）；`portal-admin links 信息` 检查一条信息的链接。
broken-links-failed = 无法读取失效链接：{ $error }

## 撤回之后（控制台状态栏；`retract`）

pages-gone = 已撤回信息的 { $count } 个公开页面均已撤下（或显示撤回说明）
pages-still-public-one = 信息 { $item }：其公开页面 { $url } 仍可访问且没有撤回说明
pages-still-public-many = 已撤回信息中有 { $count } 个公开页面仍可访问且没有撤回说明（信息 { $items }）
pages-still-linked = 仍有 { $count } 条已上线信息链接到已撤回的页面（信息 { $items }）
pages-more = …（另 { $count } 条）
pages-separator = ；
links-still-linked = 信息 { $item }（{ $place }）仍链接到已撤回的页面 { $url }

## 首页探测（站点无法访问）

arg-links-probe = 访问一次站点首页并记录结果（给出 URL，或在 config.toml 中设 `[links] home_page`）
probe-which-page = 探测哪个页面？请给出 --probe URL，或在 config.toml 中设 `[links] home_page = "https://…"`
rules-site-unreachable = site_unreachable 的 days 和 seconds 须大于 0
pages-unsure = 已撤回信息中有 { $count } 个公开页面未能检查（无响应，或按设置拒绝访问：信息 { $items }）；`portal-admin links --withdrawn` 可再次检查
keyhint-findings-links = 失效链接
