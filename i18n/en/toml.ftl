# A settings, keymap or rules file (TOML) that does not parse: where, and what the TOML parser says
# ($detail, in its own words).

toml-error = { $file }:{ $line }:{ $column }: { $detail }
toml-at = line { $line }, column { $column }: { $detail }
toml-at-column = column { $column }: { $detail }
