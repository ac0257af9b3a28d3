# A PostgreSQL hot standby read from, and the primary its changes go to (--db-primary): the
# refusals, and the console's status line.

replica-standby = a hot standby of the primary at { $primary }: give that primary as --db-primary to change anything, reads staying here
replica-standby-unknown = a hot standby, whose primary it does not name: give the primary as --db-primary to change anything
replica-bad-primary-url = bad --db-primary URL { $url }: { $why }
replica-primary-with-sqlite = --db-primary is for reading from a PostgreSQL hot standby, and the database is the SQLite file { $file }
replica-primary-not-postgres = the primary must be a postgres:// URL
replica-primary-is-standby = --db-primary { $primary } is itself a hot standby (in recovery), streaming from { $upstream }: give the primary, which takes changes
replica-upstream-unknown = a primary it does not name
replica-db-not-standby = --db { $db } is not a hot standby (it takes changes itself): --db-primary is only for reading from a standby; leave it out
replica-described = { $db }, a hot standby; changes go to { $primary }
replica-read-only = read only: a hot standby of the primary at { $primary }; to change anything, open the console with --db-primary naming that primary
replica-read-only-unknown = read only: a hot standby, whose primary it does not name; to change anything, open the console with --db-primary naming its primary
replica-in-step = {" "}· replica, up to date
replica-behind = {" "}· replica, { $behind } behind
replica-behind-unknown = {" "}· replica
replica-not-streaming = {" "}· replica, not receiving from its primary
replica-primary-without-url = database_primary_url is the primary of a hot standby given as database_url, and there is no database_url
