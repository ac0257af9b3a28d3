# Backups: the settings of config.toml's [backup] section, and what the console's status line
# says of the last backup.

backup-age-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
backup-age-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
backup-age-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
status-backup-made = backed up { $age } ago
status-backup-old = last backup { $age } ago, more than { $days ->
    [one] 1 day
   *[other] { $days } days
}
status-backup-none = no backup yet: portal-admin backup FILE
status-backup-none-head = no backup yet
status-backup-old-head = last backup { $age } ago
