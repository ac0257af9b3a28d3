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
config-bad-start-tab = start_tab takes one of { $names } (or its number: 1 to 9, 0 for orders), not { $value }
config-bad-theme = theme takes default, monochrome or high-contrast, not { $value }
config-unknown-colour = [colours] has no colour called { $name } (it names { $names })
config-bad-colour = { $name } = { $value } is not a colour: give a name (red, lightblue, darkgray …), #rrggbb, or 0 to 255
config-bad-log-level = log_level takes a level (error, warn, info, debug, trace) or a filter such as portal_admin=debug, not { $value }
config-bad-width = ambiguous_width takes 1 or 2, not { $value }
config-empty-site = site needs a site's code
config-bad-rotation = [log] rotation takes daily, hourly, size or never, not { $value }
config-zero-keep = [log] keep takes a number of files of 1 or more
config-from-env-or-option = { $option } / { $variable }
config-zero-size = [log] max_size_mib takes a size in MiB of 1 or more
