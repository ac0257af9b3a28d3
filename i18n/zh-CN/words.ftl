# 控制台显示的业务取值（src/ui/words.rs）。命令行、CSV 和 JSON 保留英文名：那是脚本接口。

## 审核环节（见 docs/glossary.md）

stage-office-review = 办公室审核
stage-recheck = 复核
stage-review = 审核
stage-publish = 待发布
stage-returned = 已退回
stage-done = 已发布

## 审核程序（简称，待审列表的“程序 · 环节”列）

path-government = 政府
path-unit = 单位
path-repost = 转载

## 信息形式

form-text = 文字
form-image-text = 图文
form-video = 视频

## 撤回原因

reason-outdated = 过期
reason-improper = 失当
reason-classified = 涉密
reason-error = 错误

## 栏目状态

status-overdue = 逾期
status-empty = 空白栏目
status-due-soon = 即将到期
status-ok = 正常
status-exempt = 无需更新

## 内容检查发现的问题类别

finding-id-number = 身份证号
finding-phone = 电话号码
finding-bank-card = 银行卡号
finding-leader-name = 领导姓名
finding-wrong-term = 错误表述
finding-sensitive-word = 敏感词
finding-document-number = 文号
finding-date = 日期
finding-figure = 数字
# A finding's kind in words, then the name `check waive --kind` takes.
finding-coded = { $words }（{ $code }）

## 单位报送信息缺少的内容（第十条）：待审列表用简称，审核界面用全称

lacks-signed-scan = 扫描件
lacks-electronic-text = 电子版
lacks-target-columns = 栏目
lacks-signed-scan-long = 部门领导签字盖章扫描件
lacks-electronic-text-long = 信息电子版
lacks-target-columns-long = 信息发布具体栏目

## 第九条七项审核内容

check-1 = 不涉及秘密
check-2 = 符合国家大政方针和法律法规
check-3 = 符合保护知识产权的规定
check-4 = 不给其他单位、个人造成危害
check-5 = 有利于本区的宣传和发展
check-6 = 目前对外发布适宜
check-7 = 统计数据准确

## 问题所在位置

finding-in-title = 标题 { $start }-{ $end }
finding-in-body = 正文 { $start }-{ $end }
finding-in-dates = 日期

## 消息中提到的审核环节

stage-name-office-review = 办公室审核
stage-name-recheck = 复核
stage-name-review = 审核
stage-name-publish = 待发布
stage-name-returned = 已退回
stage-name-done = 已发布
