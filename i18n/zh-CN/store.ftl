# 存储层的消息（src/store、src/usecase）：数据库操作为何没有完成。
# 命令行名称（`portal-admin init`、--site、--column）在各语言中保持原样。

## 打开数据库

store-unreachable = 无法连接 { $target }：{ $reason }
store-needs-password = 无法登录 { $target }：{ $reason }；请用 PGPASSWORD 或 ~/.pgpass 提供密码（在终端上也可按提示输入）
store-no-access = { $who } 不能打开 { $target }：不是它的在岗操作员；请它的管理员运行 `portal-admin operators add { $who } --role viewer`（如果你被停用，则是 `operators role { $who } viewer`）
store-missing = { $target } 没有 portal-admin 数据库；运行 `portal-admin init` 创建（或用 `portal-admin --demo` 在演示数据上试用）
store-no-schema = { $target } 没有 portal-admin 的数据库结构；请先运行 `portal-admin init`
store-newer-schema = { $target } 的数据库结构版本为 { $found }，比本程序能识别的版本（{ $supported }）新；请升级 portal-admin
store-older-schema = { $target } 的数据库结构版本为 { $found }，比本程序的版本 { $supported } 旧；运行 `portal-admin init` 升级
store-bad-item = 第 { $index } 条信息：{ $message }
store-database = 数据库错误：{ $error }
store-read-only = 只读：不允许{ $what }（{ $why }）

## 找不到的对象

store-no-item = 站点 { $site } 中没有信息 { $item }
store-no-unit = 站点 { $site } 中没有单位 { $unit }
store-no-incident = 站点 { $site } 中没有责任事故 { $id }
store-no-column = 站点 { $site } 中没有栏目 { $column }
store-no-year = 没有 { $year } 年
store-no-item-key = 站点 { $site } 中没有信息 { $key }（信息用编号或 ref 指定）
store-no-site = { $target } 中没有站点；请运行 `portal-admin init`
store-sites-choose = { $target } 中有 { $count } 个站点（{ $codes }）；请用 --site 选择一个
store-not-operator = { $name } 不是站点 { $site } 的操作员
store-not-supervisor = { $name } 不是督查员
store-supervisor-exists = { $name } 已是所有站点的督查员
store-supervisor-not-admin = { $operator } 不能设立或停用督查员：只有站点的管理员可以
store-supervisor-role-per-site = { $role } 是单个站点的角色：请用 --site CODE 授予 { $name }
store-checked-item-elsewhere = 所检查的信息不在站点 { $site } 中
store-not-site-column = 不是站点 { $site } 的栏目：{ $columns } 之一（`portal-admin columns` 列出全部栏目）

## 拒绝的操作

store-incident-needs-note = 登记责任事故需要说明经过（--note）
store-not-assessed = { $unit } 不参加考核（外部单位）：责任事故只计入参加考核的单位
store-correction-needs-note = 更正需要说明原因（--note）
store-incident-is-correction = 责任事故 { $id } 本身是对责任事故 { $original } 的更正；请重新登记该事故
store-incident-reversed = 责任事故 { $id } 已由责任事故 { $by } 更正
store-calendar-not-admin = { $operator }（{ $who }）不能修改工作日历：只有站点的在岗管理员可以
store-not-active-operator = 不是在岗操作员
store-notice-no-day = 通知中没有日期
store-waiver-needs-reason = 豁免检查发现需要理由
# 信息仍有未豁免的阻止发布的问题时拒绝审核通过：每个问题写出类别（中文，括号内为 `check waive --kind`
# 所用的名称）、文字和位置。
store-blocking-finding = { $kind }“{ $text }”（{ $place }）
store-blocking-findings = 信息 { $id } 有 { $count } 处阻止发布的问题：{ $found }；请改正，或逐一豁免：`portal-admin check waive { $id } --kind <类型> --text <文字> --reason <原因>`
store-no-event-deadline = 栏目 { $column }（{ $path }）没有按事件计算的更新时限（其规则：{ $rule }）；文件在“政府文件”等自文件印发起计算时限的栏目中跟踪
store-document-registered = 文件 { $number } 已登记（编号 { $id }）

## 导入

store-import-unknown-unit = 未知单位 { $unit }
store-import-unknown-column = 未知栏目 { $column }（栏目路径见 `portal-admin columns`）
store-import-ref-twice = ref { $reference } 出现了两次
store-import-ref-taken = ref { $reference } 已作为信息 { $id }（{ $status }）在数据库中；只有退回单位的信息才能按同一审核程序作为待审信息再次报送
store-import-no-ids = 无法预留 { $count } 个信息编号
store-import-unknown-operator = 审核人 { $operator } 不是已知操作员
store-import-request-unit = 撤回申请中的单位 { $unit } 未知
store-import-incident-unit = 责任事故中的单位 { $unit } 未知
store-import-incident-item = 责任事故指向尚未写入的信息 { $item }
store-import-document-column = 文件中的栏目 { $column } 未知
store-import-document-item = 文件指向尚未写入的信息 { $item }

## 留言、操作员、链接

store-inquiry-needs-subject = 留言需要标题
store-inquiry-needs-reason = 无效留言需要说明无效的理由
store-answer-needs-text = 答复需要内容
store-inquiry-answered = 留言 { $id } 不是站点 { $site } 的未答复留言
store-operator-exists = { $name } 已是站点 { $site } 的操作员；用 `operators role` 修改其角色
store-last-admin = { $name } 是站点 { $site } 最后一位能登录的在岗管理员；请先设立另一位
store-unknown-link-place = 未知的链接位置 { $place }
store-unknown-verdict = 未知的检查结论 { $verdict }

## 信息及其版本

store-changed-by = 信息 { $item } 在读取后已被 { $who } 于 { $at } 修改（{ $action }）；请重新载入后再作决定
store-changed = 信息 { $item } 在读取后已被修改；请重新载入后再作决定
store-operator-unregistered = { $operator } 不是站点 { $site } 的操作员；须先由管理员登记
store-operator-inactive = { $operator } 已不是站点 { $site } 的在岗操作员

## 撤回与审核

store-withdraw-not-online = 信息 { $id } 不在线（当前为 { $status }）：只有在线信息可以撤回
store-mark-not-online = 信息 { $id } 不在线（当前为 { $status }）：只有在线信息可以标注为{ $mark }
store-request-not-online = 信息 { $item } 为 { $status }，不在线：没有可撤回的内容
store-decline-needs-reason = 不予撤回需要理由（--reason）
store-request-not-pending = 申请 { $request } 不是站点 { $site } 待处理的申请
store-cannot-pass-recheck = 信息 { $item } 不能通过复核：缺少{ $missing }（第十条）
store-no-target-column = 信息 { $item } 没有发布栏目；请用 --column ID 指定

## 数据库结构

store-table-differs = 站点 { $code } 已有一张 { $count } 个栏目的栏目责任表，与所给的不同；已载入的表从不替换

## 写入

store-not-writable = { $user } 无权写入 { $path }
store-doing-restore = 恢复信息
store-doing-retraction-request = 登记撤回申请
store-doing-review = 审核
store-doing-withdrawal = 撤回
store-doing-inquiry-answer = 答复留言
store-doing-operators = 变更操作员
store-doing-calendar = 修改工作日历
store-doing-incident-correction = 更正责任事故
store-doing-request-decline = 不予撤回
store-doing-init = 初始化
store-doing-marking = 标注信息
store-doing-publishing = 发布
store-doing-incident = 登记责任事故
store-doing-inquiry = 登记留言
store-doing-link-checks = 记录链接检查结果
store-doing-document = 登记文件
store-doing-waiver = 豁免检查发现
store-doing-import = 导入
store-doing-demo = 写入演示数据

## 数据库地址（--db）

store-bad-url = --db 地址 { $url } 有误：{ $why }
store-url-sqlite-parameters = sqlite:// 地址不带参数（{ $query }）；只读打开请用 --read-only
store-url-sqlite-path = 应为 sqlite://路径，指向一个文件（内存数据库什么也不会保存）
store-url-expected = 应为 postgres://用户@主机[:端口]/数据库 或 sqlite://路径
store-url-no-host = 端口前或用户后缺少主机：请写 postgres://用户@主机:端口/数据库，或不写主机、其余写成参数（postgres:///数据库?port=5433），由 PGHOST 决定主机
store-url-bad-port = 端口 { $port } 不是有效端口（1–65535）
store-url-bad-host = 主机 { $host } 既不是主机名也不是 IP 地址
store-url-unknown-parameter = 不认识的参数 { $parameter }（可用：{ $known }）
store-url-bad-value = { $parameter }={ $value } 不是它接受的值（应为 { $expected }）
store-url-an-address = IP 地址
store-url-not-empty = 非空的值
store-url-from-environment = 来自环境变量：{ $why }
store-url-text = 文本（UTF-8）
store-sqlite-qpsg = 无法开启 SQLite 的查询计划稳定保证（代码 { $code }）

store-doing-backup-record = 记录备份
store-doing-backup-restore = 恢复备份
store-backup-file = { $file }：{ $why }
store-backup-not-a-backup = 不是 portal-admin 的备份（既不是 SQLite 数据库，也不是 pg_dump 归档）
store-backup-damaged = 已损坏或不完整：{ $error }
store-backup-copy-differs = 副本中{ $table }有{ $found }行，数据库中为{ $expected }行
store-backup-not-empty = { $target }不是空的：备份只能恢复到空数据库中
store-backup-restored-damaged = { $target }：恢复出的数据库已损坏：{ $problem }
store-backup-restored-differs = { $target }：恢复出的数据库中{ $table }有{ $found }行，备份中为{ $expected }行
store-backup-not-postgres = 不是 PostgreSQL 数据库
store-backup-no-tool = 找不到 PostgreSQL { $server } 或更新版本的 { $tool }（服务器版本为 { $server }）：请安装，例如 apt-get install postgresql-client-{ $server }
store-backup-cannot-run = 无法运行 { $tool }：{ $error }
store-backup-tool-failed = { $tool } 失败：{ $error }
store-backup-no-checksum = { $file }：无法读取其校验文件 { $checksum }（{ $error }）；备份只有连同旁边写下的校验值才能恢复
store-backup-checksum-differs = { $file }：已损坏或不完整：其 SHA-256 与旁边 { $checksum } 中写下的不同
store-backup-is-sqlite = { $file } 是 SQLite 备份：请恢复到 sqlite:// 数据库
store-backup-is-postgres = { $file } 是 PostgreSQL 备份：请恢复到 postgres:// 数据库

## 备份

store-backup-start = 无法开始复制
store-backup-step = 复制失败
store-backup-finish = 无法完成复制

## 撤回、标注、恢复的结果，显示在控制台的状态行（src/usecase/withdrawal.rs）

said-items-one = 信息 { $id }{" "}
said-items-many = {" "}{ $count } 条信息
said-withdrawn-none = 没有撤回任何信息
said-withdrawn-already-one = 信息 { $id } 已撤回；未作改动
said-withdrawn-already-many = 这 { $count } 条信息均已撤回；未作改动
said-withdrew = 已将{ $items }从所有栏目撤回
said-withdrew-also-one = ；信息 { $id } 此前已撤回
said-withdrew-also-many = ；另有 { $count } 条此前已撤回
said-marked-none = 没有标注任何信息
said-marked-already-one = 信息 { $id } 已标注为“{ $label }”；未作改动
said-marked-already-many = 这 { $count } 条信息均已标注为“{ $label }”；未作改动
said-marked = 已将{ $items }标注为“{ $label }”，仍在线
said-marked-also = ；另有 { $count } 条此前已标注
said-restored = 已恢复信息 { $id }：重新在原栏目上线
said-requests-closed = ；关闭撤回申请 { $count } 件
