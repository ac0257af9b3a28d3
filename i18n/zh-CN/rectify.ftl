# 整改通知、提醒单及其公文（src/cli/rectify.rs、src/usecase/rectification.rs、
# src/store/sql/rectification.rs）。

rectify-act = 下达或销号整改通知
store-doing-rectification = 整改通知
rectify-bad-days = 整改期限 { $days } 个工作日不可用：应为 1 至 { $max } 个工作日
rectify-bad-status = 未知状态 { $value }（应为 open、done 或 overdue 之一）
rectify-needs-note = 请说明存在的问题及依据（--note）
rectify-needs-subject = 请指明整改事项：--column 栏目编号、--item 信息或 --indicator 指标
rectify-no-column = 站点 { $site } 没有栏目 { $column }
rectify-no-order = 站点 { $site } 没有整改通知 { $id }
rectify-no-indicator = 没有指标 { $name }（指标有：{ $known }）
rectify-column-no-unit = 栏目 { $column } 没有责任单位，整改通知无从下达
rectify-item-no-unit = 信息 { $item } 没有责任单位（转载信息），整改通知无从下达
rectify-not-responsible = { $unit } 不是 { $what } 的责任单位（责任单位：{ $units }）
rectify-already-closed = 整改通知 { $id } 已经销号
rectify-issued = 已向 { $unit } 下达整改通知 { $id }：整改期限 { $due }（{ $days } 个工作日）
rectify-closed = 整改通知 { $id } 已销号

## 命令行帮助

about-rectifications = 整改通知，按紧急程度排列：逾期、整改中、已整改
arg-rectifications-status = open（整改中）、done（已整改）或 overdue（逾期）
arg-rectifications-unit = 只列此单位的（单位可写全称、部分名称或拼音首字母）
about-rectifications-add = 向责任单位下达整改通知，期限按官方工作日历以工作日计
arg-rectifications-add-unit = 责任单位（栏目的、信息的；指标可为任一受考核单位），可写全称、部分名称或拼音首字母
arg-rectifications-add-column = 栏目，按编号（见 `columns`）
arg-rectifications-add-item = 信息，按编号或 ref
arg-rectifications-add-indicator = 政府网站检查的指标，按键名或名称（见 `inspect`）
arg-rectifications-add-finding = 与 --item 同用：所涉内容检查发现（其类型，见 `check`）；该发现说明豁免，或信息重新检查（重新导入正文、发布、列表更新后 `check --all`）后不再有该发现时，整改通知自动销号
arg-rectifications-add-note = 存在的问题及依据（必填）
arg-rectifications-add-days = 整改期限，1 至 60 个工作日（默认 5）
about-rectifications-done = 人工销号，说明整改结果（所涉问题整改后，整改通知也会自动销号）
arg-rectifications-done-id = 整改通知编号
arg-rectifications-done-note = 整改结果（必填）
field-about_kind = 对象类别
field-about = 整改对象
field-finding = 问题
field-days = 工作日
field-issued_at = 下发时间
field-issued_by = 下发人
field-due_on = 整改期限
field-closed_at = 销号时间
field-closed_how = 销号方式
field-closed_by = 销号人
field-close_note = 整改结果
