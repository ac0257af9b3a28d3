# 供脚本使用的命令行与 PostgreSQL 连接（问题 23）。

store-tls-refused = 服务器证书被拒绝（{ $why }）；请检查 sslrootcert（或 PGSSLROOTCERT）和主机名
unverified-server = 警告：未验证服务器 { $host } 的身份（sslmode 既不是 verify-ca 也不是 verify-full），中间任何人都可以冒充它；请加上 sslmode=verify-full 和 sslrootcert=文件（docs/guide.md）

# 手册页的最后几节（src/cli/manual.rs）。
man-environment = 环境变量
man-files = 文件
man-exit-status = 退出状态
man-env-option = 与 { $option } 相同：{ $help }
man-env-config-dir = 设置目录，代替 ~/.config/portal-admin（或 $XDG_CONFIG_HOME/portal-admin）
man-env-data-dir = 数据目录，代替 ~/.local/share/portal-admin（或 $XDG_DATA_HOME/portal-admin）
man-env-no-color = 已设置且不为空：使用单色主题，同 --no-color
man-env-locale = 未用 --lang 或 config.toml 的 language 选定时，决定界面语言（zh* 为中文，其余为英文）
man-env-libpq = PostgreSQL 连接参数，按 libpq 的方式读取，补足地址中未给出的部分（只写 postgres:// 时全部取自这些变量）；地址中的值优先。PGSSLMODE=verify-full 加 PGSSLROOTCERT 可核验服务器身份
man-config-dir = 您自己的设置（可用 { $variable } 改换目录）；没有也可以
man-file-keymap = 您的按键绑定，叠加在默认绑定之上（portal-admin keymap show、keymap check）
man-file-inspection = 国家检查各项指标所看的栏目（portal-admin inspect）
man-file-names = 内容检查用的领导姓名和机构名称（portal-admin check add-name）
man-file-words = 内容检查用的敏感词和固定用语（portal-admin check add-word）
man-file-config = 设置：语言、起始标签页、鼠标、主题、日志级别、数据库、站点、链接检查、备份（portal-admin config show、config check）
man-data-dir = 程序的数据（可用 { $variable } 改换目录），仅您本人可读写（目录 0700，文件 0600）
man-file-database = 内嵌的 SQLite 数据库；--db、DATABASE_URL 和 config.toml 的 database_url 都未指定其他数据库时使用
man-file-demo = 演示数据库（--demo）
man-file-log = 控制台的日志，按 config.toml 的 [log] 轮转
man-exit-0 = 成功；写操作没有可改之处（“没有变更”）也是 0
man-exit-1 = 操作被拒绝或失败：找不到、冲突、无权限、无法连接数据库
man-exit-2 = 用法或输入有误：消息会指出是什么、在哪里
man-exit-signal = 被信号 N 结束（SSH 连接断开为 129，Ctrl-C 为 130），结束前先恢复终端
man-exit-pipe = 读取输出的一方已离开（portal-admin export | head）

# --help 的最后几行。
help-no-command = 不带命令时，portal-admin 在终端上打开控制台；输入或输出不是终端时，改为打印数据库概况。

# 批量撤回在终端上的进度（indicatif 的模板）。
retract-progress = {"{"}spinner{"}"} 正在撤回 [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} 条（剩余{"{"}eta{"}"}）

# 输入的单位可能指多个单位（两个单位拼音首字母相同）。
unit-ambiguous = { $name } 可能是 { $units }：请多写几个字
