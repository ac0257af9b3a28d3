# The command line for scripts and the connection to PostgreSQL (issue 23).

store-tls-refused = the server's certificate was refused ({ $why }); check sslrootcert (or PGSSLROOTCERT) and the host name
unverified-server = warning: the server { $host } is not verified (sslmode is neither verify-ca nor verify-full): anybody between could pose as it; give sslmode=verify-full and sslrootcert=FILE (docs/guide.md)

# The man page's last sections (src/cli/manual.rs).
man-environment = ENVIRONMENT
man-files = FILES
man-exit-status = EXIT STATUS
man-env-option = the same as { $option }: { $help }
man-env-config-dir = the settings directory instead of ~/.config/portal-admin (or $XDG_CONFIG_HOME/portal-admin)
man-env-data-dir = the data directory instead of ~/.local/share/portal-admin (or $XDG_DATA_HOME/portal-admin)
man-env-no-color = set and not empty: the monochrome theme, as --no-color
man-env-locale = the interface's language (Chinese for zh*, otherwise English) when neither --lang nor language in config.toml chooses it
man-env-libpq = PostgreSQL's connection, read as libpq reads them, for what the URL leaves out (a bare postgres:// leaves out all); a value in the URL wins. PGSSLMODE=verify-full with PGSSLROOTCERT checks who the server is
man-config-dir = your own settings (moved by { $variable }); none is needed
man-file-keymap = your key bindings, laid over the defaults (portal-admin keymap show, keymap check)
man-file-inspection = which columns each national-check indicator looks at (portal-admin inspect)
man-file-names = leaders' and institutions' names for the content checks (portal-admin check add-name)
man-file-words = sensitive words and fixed terms for the content checks (portal-admin check add-word)
man-file-config = the settings: language, start tab, mouse, theme, log level, database, site, links, backups (portal-admin config show, config check)
man-data-dir = the program's data (moved by { $variable }), kept private to you (directories 0700, files 0600)
man-file-database = the embedded SQLite database, used when neither --db, DATABASE_URL nor database_url in config.toml names another
man-file-demo = the demo database (--demo)
man-file-log = the console's log, rotated as config.toml's [log] says
man-exit-0 = success, and a write that found nothing to change ("nothing changed")
man-exit-1 = an operation was refused or failed: not found, a conflict, not allowed, the database unreachable
man-exit-2 = bad usage or bad input: the message names what and where
man-exit-signal = ended by signal N (a dropped SSH connection is 129, Ctrl-C 130), the terminal given back first
man-exit-pipe = the reader of the output went away (portal-admin export | head)

# --help's last lines.
help-no-command = Without a command, portal-admin opens the console on a terminal; when its input or output is not a terminal, it prints a summary of the database instead.

# A bulk withdrawal's progress on a terminal (indicatif's template).
retract-progress = {"{"}spinner{"}"} withdrawing [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} items ({"{"}eta{"}"} left)

# A unit typed that could be several (pinyin initials shared by two units).
unit-ambiguous = { $name } could be { $units }: give more of the name
