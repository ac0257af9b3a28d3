# 网站实际情况的检查（补全）：撤回申请标签页中已撤回但公开页面仍可访问的申请、失效链接视图自己的按键、撤回后检查页面的进度。

## 撤回申请标签页：信息已撤回，但公开页面仍可访问的申请

retractions-still-public-count = {" "}· { $count } 件已撤回但仍可访问
retractions-handled-still-public = 申请 { $id } 已处理：信息 { $item } 已撤回，但其公开页面仍可访问且没有撤回说明（请在网站上撤下该页面；`portal-admin links --withdrawn` 会再次检查）
retractions-record-still-public = 已撤回，但链接检查最近一次查看时，其公开页面仍可访问且没有撤回说明。

## 内容检查前的失效链接（L）

view-broken_links = 失效链接
key-broken_links-findings-links = 回到内容检查
keyhint-broken-links-back = 内容检查

## 撤回后检查已撤回信息的公开页面，进行中

pages-checking = 已检查撤回页面 { $done }/{ $total }
pages-progress = {"{"}spinner{"}"} 正在检查已撤回信息的公开页面 [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"}
