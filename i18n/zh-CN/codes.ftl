# 列表字段的取值在表格中的说法（src/cli/codes.rs）。CSV 和 JSON 保留取值本身：那是脚本接口。

code-yes = 是
code-no = 否
# 同一格中多个取值之间。
code-and = 、
# 信息所在的栏目及其在该栏目的信息形式。
code-placement = { $path }（{ $form }）

## 撤回申请的紧急程度

code-urgency-alarm = 告警
code-urgency-highest = 最高
code-urgency-high = 高
code-urgency-normal = 一般
code-urgency-low = 低

## 撤回申请的状态和处理结果

code-request-pending = 待处理
code-request-done = 已处理
code-request-rejected = 不予撤回
code-resolution-withdrawn = 已撤回
code-resolution-marked = 已标注
code-resolution-declined = 不予撤回

## 整改通知：状态、整改对象类别、销号方式

code-subject-column = 栏目
code-subject-item = 信息
code-subject-indicator = 指标
code-closing-by-hand = 人工销号
code-closing-column-updated = 栏目已更新
code-closing-item-withdrawn = 信息已撤回
code-closing-item-marked = 信息已标注
code-closing-finding-waived = 问题已说明
code-closing-finding-fixed = 问题已整改
code-list = ；
