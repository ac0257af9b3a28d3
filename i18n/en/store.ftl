# The store's messages (src/store, src/usecase): why an operation on the database did not happen.
# Command-line names (`portal-admin init`, --site, --column) stay as they are in every language.

## Opening the database

store-unreachable = cannot connect to { $target }: { $reason }
store-needs-password = cannot log in to { $target }: { $reason }; give the password with PGPASSWORD or ~/.pgpass (or type it when asked, on a terminal)
store-no-access = { $who } may not open { $target }: not an active operator of it; ask one of its administrators to run `portal-admin operators add { $who } --role viewer` (or `operators role { $who } viewer` if you were disabled)
store-missing = no portal-admin database at { $target }; run `portal-admin init` to create one (or `portal-admin --demo` to try it on demo data)
store-no-schema = { $target } has no portal-admin schema; run `portal-admin init` first
store-newer-schema = { $target } has schema version { $found }, newer than this portal-admin understands ({ $supported }); upgrade portal-admin
store-older-schema = { $target } has schema version { $found }, older than this portal-admin's { $supported }; run `portal-admin init` to upgrade it
store-bad-item = item { $index }: { $message }
store-database = database error: { $error }
store-read-only = read-only: { $what } is not allowed ({ $why })

## What is not there

store-no-item = no item { $item } in site { $site }
store-no-unit = no unit { $unit } in site { $site }
store-no-incident = no incident { $id } in site { $site }
store-no-column = no column { $column } in site { $site }
store-no-year = no year { $year }
store-no-item-key = no item { $key } in site { $site } (an item is named by its id or its ref)
store-no-site = no site in { $target }; run `portal-admin init`
store-sites-choose = { $target } holds { $count } sites ({ $codes }); choose one with --site
store-not-operator = { $name } is not an operator of site { $site }
store-not-supervisor = { $name } is not a supervisor
store-supervisor-exists = { $name } is already a supervisor of every site
store-supervisor-not-admin = { $operator } may not make or disable supervisors: only an administrator of a site may
store-supervisor-role-per-site = { $role } is a role on one site: give it to { $name } with --site CODE
store-checked-item-elsewhere = an item checked is not in site { $site }
store-not-site-column = not a column of site { $site }: one of { $columns } (`portal-admin columns` lists them)

## What is refused

store-incident-needs-note = an incident needs a note saying what happened (--note)
store-not-assessed = { $unit } is not assessed (an external body): an incident counts against an assessed unit
store-correction-needs-note = a correction needs a note saying why (--note)
store-incident-is-correction = incident { $id } is itself the correction of incident { $original }; record the incident again instead
store-incident-reversed = incident { $id } was already reversed by incident { $by }
store-calendar-not-admin = { $operator } ({ $who }) may not change the calendar: only an active administrator of a site does
store-not-active-operator = not an active operator
store-notice-no-day = the notice gives no day
store-waiver-needs-reason = waiving a finding needs a reason
# An approval refused while blocking findings stand unwaived on the item: each by its kind in
# words with the name `check waive --kind` takes ($kind), its text and where it is.
store-blocking-finding = { $kind } “{ $text }” ({ $place })
store-blocking-findings = item { $id } has { $count ->
        [one] a blocking finding
       *[other] { $count } blocking findings
    }: { $found }; fix { $count ->
        [one] it, or waive it
       *[other] them, or waive each
    } with `portal-admin check waive { $id } --kind KIND --text TEXT --reason WHY`
store-no-event-deadline = column { $column } ({ $path }) has no event deadline (its rule: { $rule }); documents are tracked in columns such as 政府文件 whose deadline runs from a document's issue
store-document-registered = document { $number } is already registered (id { $id })

## Importing

store-import-unknown-unit = unknown unit { $unit }
store-import-unknown-column = unknown column { $column } (see `portal-admin columns` for the paths)
store-import-ref-twice = ref { $reference } appears twice
store-import-ref-taken = ref { $reference } is already in the database as item { $id } ({ $status }); only an item returned to its unit can be submitted again, as pending on the same path
store-import-no-ids = could not reserve { $count } item ids
store-import-unknown-operator = review by unknown operator { $operator }
store-import-request-unit = retraction request names unknown unit { $unit }
store-import-incident-unit = incident names unknown unit { $unit }
store-import-incident-item = incident points at item { $item }, not yet written
store-import-document-column = document names unknown column { $column }
store-import-document-item = document points at item { $item }, not yet written

## Inquiries, operators, links

store-inquiry-needs-subject = an inquiry needs its subject
store-inquiry-needs-reason = an invalid inquiry needs the reason it is not valid
store-answer-needs-text = an answer needs its text
store-inquiry-answered = inquiry { $id } is not an unanswered inquiry of site { $site }
store-operator-exists = { $name } is already an operator of site { $site }; use `operators role` to change their role
store-last-admin = { $name } is the last active administrator of site { $site } who can log in; make another one first
store-unknown-link-place = unknown link place { $place }
store-unknown-verdict = unknown verdict { $verdict }

## Items and their versions

store-changed-by = item { $item } was changed by { $who } at { $at } ({ $action }) since it was read; reload it and decide again
store-changed = item { $item } was changed since it was read; reload it and decide again
store-operator-unregistered = { $operator } is not an operator of site { $site }; an administrator must register them first
store-operator-inactive = { $operator } is no longer an active operator of site { $site }

## Withdrawal and review

store-withdraw-not-online = item { $id } is not online (it is { $status }): only an online item can be withdrawn
store-mark-not-online = item { $id } is not online (it is { $status }): only an online item is marked { $mark }
store-request-not-online = item { $item } is { $status }, not online: there is nothing to withdraw
store-decline-needs-reason = declining a request needs a reason (--reason)
store-request-not-pending = request { $request } is not a pending request of site { $site }
store-cannot-pass-recheck = item { $item } cannot pass its re-review: missing { $missing } (Art. 10)
store-no-target-column = item { $item } has no target column; name one with --column ID

## The schema

store-table-differs = site { $code } already has a column table of { $count } columns that differs from the one given; a loaded table is never replaced

## Writing

store-not-writable = { $path } is not writable by { $user }
store-doing-restore = a restore
store-doing-retraction-request = a retraction request
store-doing-review = a review
store-doing-withdrawal = a withdrawal
store-doing-inquiry-answer = answering an inquiry
store-doing-operators = changing operators
store-doing-calendar = changing the calendar
store-doing-incident-correction = correcting an incident
store-doing-request-decline = declining a request
store-doing-init = init
store-doing-marking = marking items
store-doing-publishing = publishing
store-doing-incident = recording an incident
store-doing-inquiry = recording an inquiry
store-doing-link-checks = recording link checks
store-doing-document = registering a document
store-doing-waiver = waiving a finding
store-doing-import = import
store-doing-demo = demo

## The database's address (--db)

store-bad-url = bad --db URL { $url }: { $why }
store-url-sqlite-parameters = a sqlite:// URL takes no parameters ({ $query }); give --read-only to open it read only
store-url-sqlite-path = expected sqlite://PATH, a file (an in-memory database would keep nothing)
store-url-expected = expected postgres://USER@HOST[:PORT]/DATABASE or sqlite://PATH
store-url-no-host = no host before the port or after the user: write postgres://USER@HOST:PORT/DATABASE, or postgres:///DATABASE?port=5433 to take the host from PGHOST (or libpq's default)
store-url-bad-port = the port { $port } is not a port (1–65535)
store-url-bad-host = the host { $host } is neither a name nor an IP address
store-url-unknown-parameter = unknown parameter { $parameter } (known: { $known })
store-url-bad-value = { $parameter }={ $value } is not a value it takes (expected { $expected })
store-url-an-address = an IP address
store-url-not-empty = a value, not nothing
store-url-from-environment = from the environment: { $why }
store-url-text = text (UTF-8)
store-sqlite-qpsg = cannot turn on SQLite's query planner stability guarantee (code { $code })

store-doing-backup-record = recording a backup
store-doing-backup-restore = restoring a backup
store-backup-file = { $file }: { $why }
store-backup-not-a-backup = not a backup of portal-admin (neither a SQLite database nor a pg_dump archive)
store-backup-damaged = damaged or incomplete: { $error }
store-backup-copy-differs = the copy holds { $found } rows of { $table }, the database held { $expected }
store-backup-not-empty = { $target } is not empty: a backup is restored only into an empty database
store-backup-restored-damaged = { $target }: the restored database is damaged: { $problem }
store-backup-restored-differs = { $target }: the restored database holds { $found } rows of { $table }, the backup { $expected }
store-backup-not-postgres = not a PostgreSQL database
store-backup-no-tool = no { $tool } of PostgreSQL { $server } or newer found (the server is version { $server }): install it, e.g. apt-get install postgresql-client-{ $server }
store-backup-cannot-run = cannot run { $tool }: { $error }
store-backup-tool-failed = { $tool } failed: { $error }
store-backup-no-checksum = { $file }: cannot read its checksum file { $checksum } ({ $error }); a backup is restored only with the checksum written beside it
store-backup-checksum-differs = { $file }: damaged or incomplete: its SHA-256 differs from the one written beside it in { $checksum }
store-backup-is-sqlite = { $file } is a SQLite backup: restore it into a sqlite:// database
store-backup-is-postgres = { $file } is a PostgreSQL backup: restore it into a postgres:// database

## Backups

store-backup-start = cannot start the copy
store-backup-step = the copy failed
store-backup-finish = cannot finish the copy

## What a withdrawal, a marking or a restoring did, on the console's status line (src/usecase/withdrawal.rs)

said-items-one = item { $id }
said-items-many = { $count } items
said-withdrawn-none = nothing was withdrawn
said-withdrawn-already-one = item { $id } was already withdrawn; nothing changed
said-withdrawn-already-many = the { $count } items were already withdrawn; nothing changed
said-withdrew = withdrew { $items } from every column
said-withdrew-also-one = ; item { $id } was already withdrawn
said-withdrew-also-many = ; { $count } were already withdrawn
said-marked-none = nothing was marked
said-marked-already-one = item { $id } was already marked { $label }; nothing changed
said-marked-already-many = the { $count } items were already marked { $label }; nothing changed
said-marked = marked { $items } { $label }, kept online
said-marked-also = ; { $count } already were
said-restored = restored item { $id }: back online in the columns it was in
said-requests-closed = { $count ->
    [one] ; 1 request closed
   *[other] ; { $count } requests closed
}
