# 领域规则（src/domain）：为何不能执行规定中的某一步。环节和角色名称（office_review、recheck、
# admin 等）是命令行的名称，保持原样。

## 审核（第七至十条）

rules-approval-needs-checks = 审核通过须确认第九条全部七项审核内容；未确认：{ $missing }
rules-rejection-needs-reason = 退回需要理由（--reason）
rules-not-under-review = 信息 { $item } 不在待审核状态：当前环节为 { $stage }
rules-not-ready-to-publish = 信息 { $item } 未获准发布：当前环节为 { $stage }
rules-not-allowed = { $operator }（{ $role }）不能{ $act }

## 各角色可做的事（第十四条）

rules-act-pass = 通过 { $stage } 环节
rules-act-withdraw = 撤回、标注或恢复信息
rules-act-incident = 登记或更正责任事故
rules-act-operators = 管理操作员
rules-act-administer = 载入信息、登记文件或修改工作日历
rules-act-request = 登记撤回申请
rules-act-waive = 豁免内容检查的发现
rules-act-links = 记录链接检查结果
rules-not-a-check = 不是审核项编号：{ $part }（第九条的七项审核内容编号为 1 至 7）
rules-no-check = 没有指定审核项（第九条的七项审核内容编号为 1 至 7）
