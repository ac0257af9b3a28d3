# What the writes of the command line say in their summary line (standard error).

operator-summary = operator { $name }: { $role }, { $active ->
    [yes] active
   *[no] disabled
}

## progress on a terminal (indicatif's templates: each {"{"}…{"}"} is the bar's own field)

import-progress = {"{"}spinner{"}"} importing [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} items ({"{"}per_sec:0{"}"}, {"{"}eta{"}"} left)
export-progress = {"{"}spinner{"}"} exporting: {"{"}pos{"}"} items ({"{"}per_sec:0{"}"})

## the log

bad-log-level = --log-level (or PORTAL_ADMIN_LOG) takes a level (error, warn, info, debug, trace) or a filter such as portal_admin=debug, not { $value }
arg-log_level = The console log's level: error, warn, info, debug, trace, or a filter such as portal_admin=debug (default: `log_level` in config.toml, else info)

value-filter = FILTER
