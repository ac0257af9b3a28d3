# 设置文件（config.toml）：`config check` 和 `config show`。

config-error = { $file }:{ $line }：{ $message }
config-unreadable = 无法读取{ $file }：{ $error }
config-bad-language = language 取 en 或 zh-CN，而不是{ $value }
config-no-notice = [links] withdrawal_notice 至少需要一条网站对已撤回信息显示的文字
config-zero-days = [backup] warn_after_days 须为1或更大的天数
config-from-default = 默认
config-ok = { $file }：所有设置均可识别且取值有效
config-none = { $file } 处没有设置文件（各项设置均取默认值；portal-admin config show 可列出）
config-no-home = 没有配置目录：没有主目录，也未设置 PORTAL_ADMIN_CONFIG_DIR
