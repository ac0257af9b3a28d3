# 控制台的栏目标签页：栏目树、打开的栏目、从栏目打开的信息（src/ui/views/columns/、src/ui/views/item/）。

## 栏目树

columns-title = 栏目
columns-title-counts = 栏目 { $count } 个 · { $day }
columns-loading = 正在读取栏目树…
columns-load-failed = 读取栏目失败：{ $error }
columns-none = 没有可显示的栏目。
columns-none-match = 没有栏目符合筛选条件（{ $back } 清除筛选）。
# 栏目树的查看方式，显示在标题后的方括号中。
columns-mode-overdue = 逾期
columns-mode-by-unit = 按责任单位
columns-mode-sorted = 按逾期排序
# 列表的列标题（要短：更新时限 8 格，最近更新和到期 10 格，天数 5 格）。
columns-head-column = 栏目
columns-head-rule = 更新时限
columns-head-updated = 最近更新
columns-head-due = 到期
columns-head-days = 逾期
columns-head-units = 责任单位

## 打开的栏目

columns-column-title = #{ $id } { $path }  在线 { $position }
columns-column-marked = { " · " }已选 { $count } 条
# 更新时限本身就是中文的规则，不再重复英文的规则说明。
columns-column-deadline = { " · " }{ $deadline }{ $rule ->
       *[other] {""}
    }
# 栏目责任表没有写更新时限的栏目：只写规则的说法（“未规定”）。
columns-column-no-deadline = { " · " }更新时限{ $rule }
columns-column-due = { " · " }{ $day } 到期
columns-column-overdue = { " · " }逾期 { $days } 天
columns-documents = 本栏目待发布文件：{ $count } 件
columns-document-dates = 印发 { $issued } 时限 { $due }
# 文件的状态（至多 8 格）。
columns-document-overdue = 逾期
columns-document-pending = 未到期
columns-document-late = 逾期发布
columns-document-on-time = 按时发布
columns-head-online-since = 上线时间
columns-head-form = 形式
columns-head-unit = 责任单位
columns-head-title = 标题
columns-repost = （转载）
columns-column-empty = 本栏目没有在线信息。
    信息发布后在此上线：{ $queue }（待审），{ $open }，{ $publish }。
column-items-load-failed = 读取栏目中的信息失败：{ $error }
column-documents-load-failed = 读取栏目中的文件失败：{ $error }

## 打开的整条信息（从栏目、待审、单位得分或内容检查打开）

item-page-title = 信息 { $id }
item-page-loading = 正在读取…
item-page-failed = 无法读取信息：{ $error }
item-page-heading = 信息 { $id } · { $status } · { $form }
# 字段名（至多 10 格）。
item-page-path = 审核程序
item-page-path-line = { $path } · { $unit } · 渠道 { $channel }
item-page-stage = 环节
item-page-ref = 编号
item-page-link = 链接
item-page-submitted = 报送时间
item-page-published = 发布时间
item-page-withdrawn = 撤回时间
item-page-marked = 标注
item-page-mark = { $label }（{ $mark }），仍在线
item-page-columns = 发布栏目（{ $count }）
item-page-history = 历史（{ $count }）
item-page-history-between = {"  "}…… 其间 { $count } 条，见本页末尾
item-page-history-earlier = 历史：其间的 { $count } 条
item-page-body = 正文
item-page-status-pending = 待审
item-page-status-returned = 已退回
item-page-status-online = 在线
item-page-status-withdrawn = 已撤回
item-page-path-government = 以区政府名义发布
item-page-path-unit = 单位报送
item-page-path-repost = 转载
item-page-channel-portal = 门户网站
item-page-channel-wechat = 微信公众号
columns-remind-no-unit = 此处没有责任单位：请在有责任单位的栏目上或单位分组中按 R（u 按单位分组）
columns-remind-exists = 当前目录已有 { $file }：再按 { $key } 覆盖
columns-remind-busy = 提醒单正在写入
columns-reminding = 正在写入{ $unit }的提醒单……
columns-reminded = { $unit }的提醒单已写入 { $path }
columns-remind-failed = { $unit }的提醒单未写入：{ $error }
columns-no-directory = 无法确定当前目录，无处写入：{ $error }
