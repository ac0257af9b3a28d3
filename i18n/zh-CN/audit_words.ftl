# 审计记录的操作与对象类别，供人阅读（控制台的审计记录页、`audit --format table`）；
# CSV 与 JSON 保留稳定的名称（`operator.set`、`item:2406`）。
audit-action-backup = 备份
audit-action-calendar-import = 导入节假日
audit-action-calendar-set = 修改日历
audit-action-demo = 演示数据
audit-action-documents-add = 登记文件
audit-action-finding-waive = 豁免问题
audit-action-import = 导入
audit-action-incident-add = 登记事故
audit-action-incident-reverse = 冲销事故
audit-action-init = 初始化
audit-action-inquiry-add = 登记留言
audit-action-inquiry-answer = 答复留言
audit-action-item-resubmit = 重新报送
audit-action-links-check = 检查链接
audit-action-links-probe = 探测首页
audit-action-mark = 标注
audit-action-operator-set = 设置操作员
audit-action-publish = 发布
audit-action-rectification-add = 下达整改
audit-action-rectification-close = 整改销号
audit-action-restore = 恢复
audit-action-retract = 撤回
audit-action-retraction-close = 办结申请
audit-action-retraction-decline = 不予撤回
audit-action-retraction-request = 申请撤回
audit-action-review-approve = 审核通过
audit-action-review-reject = 退回
audit-action-review-return = 报送内容不全退回
audit-action-schema-upgrade = 升级数据库
audit-action-site-add = 添加站点
audit-target-backup = 备份
audit-target-calendar = 日历
audit-target-document = 文件
audit-target-incident = 责任事故
audit-target-inquiry = 留言
audit-target-item = 信息
audit-target-operator = 操作员
audit-target-rectification = 整改通知
audit-target-request = 撤回申请
audit-target-schema = 数据库
audit-target-site = 站点
# 带编号的对象：`item:2406` 读作「信息 2406」。
audit-target-with-id = { $kind } { $id }
# 审计记录窗口中的操作或对象：先是中文，再是 `audit --action` 所用的名称。
audit-record-coded = { $words }（{ $code }）
