# The settings file (config.toml): `config check` and `config show`.

config-error = { $file }:{ $line }: { $message }
config-unreadable = cannot read { $file }: { $error }
config-bad-language = language takes en or zh-CN, not { $value }
config-no-notice = [links] withdrawal_notice needs at least one text the site shows for a withdrawn item
config-zero-days = [backup] warn_after_days takes a number of days of 1 or more
config-from-default = default
config-ok = { $file }: every setting is known and fits
config-none = no settings file at { $file } (every setting has its default; portal-admin config show lists them)
config-no-home = no config directory: no home directory, and PORTAL_ADMIN_CONFIG_DIR is not set
