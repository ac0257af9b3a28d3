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
config-bad-start-tab = start_tab 取 { $names } 之一（或其编号：1至9，orders 为0），而不是{ $value }
config-bad-theme = theme 取 default、monochrome 或 high-contrast，而不是{ $value }
config-unknown-colour = [colours] 中没有名为 { $name } 的颜色（可设：{ $names }）
config-bad-colour = { $name } = { $value } 不是颜色：请写颜色名（red、lightblue、darkgray 等）、#rrggbb 或 0 到 255
config-bad-log-level = log_level 取一个级别（error、warn、info、debug、trace）或 portal_admin=debug 这样的过滤式，而不是{ $value }
config-bad-width = ambiguous_width 取1或2，而不是{ $value }
config-empty-site = site 须为一个站点代码
config-bad-rotation = [log] rotation 取 daily、hourly、size 或 never，而不是{ $value }
config-zero-keep = [log] keep 须为1或更大的文件数
config-from-env-or-option = { $option } / { $variable }
config-zero-size = [log] max_size_mib 须为1或更大的大小（MiB）
