# What the database itself refused (its guards, the login's rights, the schema's rules), said by
# the database's code (SQLSTATE on PostgreSQL, the result code on SQLite) rather than in the
# server's own words: the console's status line and the command line's one-line errors alike.
# $code: the code, and the constraint's name where the database gives one ("SQLSTATE 23505, operators_site_id_name_key").
refused-kept = the database refused: these records are kept as written, never edited or deleted (a correction is a new record); nothing was written ({ $code })
refused-closed-once = the database refused: a withdrawal or a retraction request is never edited, only closed, once; nothing was written ({ $code })
refused-unaudited = the database refused a change without its audit record in the login's own name; nothing was written ({ $code })
refused-reviewer-item = the database refused: a reviewer's login only decides the government office's review step of an item; nothing was written ({ $code })
refused-permission = the database refused: this login's role in this database may not make this change (an administrator can check its role with `operators`); nothing was written ({ $code })
refused-duplicate = the database refused: such a record is there already; nothing was written ({ $code })
refused-reference = the database refused: the change refers to a record that is not there, or removes one still referred to; nothing was written ({ $code })
refused-missing-value = the database refused: a value it requires is missing; nothing was written ({ $code })
refused-check = the database refused a value its rules do not allow; nothing was written ({ $code })
refused-read-only = the database is read-only here: nothing was written ({ $code })
refused-conflict = somebody else's change came first and the database stopped this one: nothing was written; try again ({ $code })
refused-busy = the database is busy with another change: nothing was written; try again in a moment ({ $code })
refused-cancelled = the database stopped the statement: it took too long; nothing was written ({ $code })
refused-disk-full = the disk holding the database is full: nothing was written; free some space and try again ({ $code })
