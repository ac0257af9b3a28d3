# 备份：config.toml 的 [backup] 设置，以及控制台状态栏关于上次备份的提示。

backup-age-minutes = { $n }分钟
backup-age-hours = { $n }小时
backup-age-days = { $n }天
status-backup-made = { $age }前已备份
status-backup-old = 上次备份在{ $age }前，已超过{ $days }天
status-backup-none = 尚无备份：portal-admin backup <文件>
status-backup-none-head = 尚无备份
status-backup-old-head = 上次备份在{ $age }前
