# The console's own words: tab names, the status line, key hints, titles and empty views.

## The tabs (short: eight fit in 80 columns with their numbers)

tab-queue = Queue
tab-columns = Columns
tab-retractions = Retractions
# When the tabs do not all fit at full length.
tab-retractions-short = Retr
tab-scores = Scores
tab-scores-short = Pts
tab-audit = Audit
tab-withdrawn = Withdrawn
tab-inspection = Inspect
tab-findings = Findings

## The hints beside the tabs

hint-help = help
hint-quit = quit
hint-filter = filter
hint-command = command
hint-back = back

## The status line and what any view says

link-connected = {" "}● connected
link-lost = {" "}✗ connection lost { $away } · reconnecting…
link-lost-trying = {" "}✗ connection lost { $away } · reconnecting… (try { $tries })
link-lost-waiting = {" "}✗ connection lost { $away } · reconnecting in { $seconds }s
link-read-only = {" "}· read only
span-seconds = { $seconds }s
span-minutes = { $minutes }m { $seconds }s
span-hours = { $hours }h { $minutes }m
colleague-change = ↻ a colleague's change arrived
not-sent = ✗ not sent: the database cannot be reached; { $yes } again once connected
connected-again = connected again after { $away }; fresh figures loaded
not-saved-unreachable = not saved: the database cannot be reached (reconnecting…); nothing was sent — try again once connected
not-saved-unreachable-said = not saved: the database could not be reached ({ $said }); try again once connected
no-answer = no answer from the database within { $seconds } s
read-only-pinned = read only (--read-only): nothing can be changed in this session
read-only-inactive = read only: { $name } is no longer an active operator of site { $site } — an administrator can enable them with `portal-admin operators role`
read-only-not-operator = read only: { $name } is not an operator of site { $site } — an administrator can add them with `portal-admin operators add`
operator-again = { $name } is an operator of site { $site } again ({ $role }): changes allowed
role-admin = admin
role-reviewer = reviewer
role-viewer = viewer
welcome = Welcome: { $key } lists the keys of each view and where your database and settings are
closing = { $why }: closing
hangup-input = the terminal's input ended
hangup-sighup = hang-up (SIGHUP)
hangup-sigterm = terminated (SIGTERM)
hangup-sigint = interrupted (SIGINT)
hangup-sigquit = quit (SIGQUIT)
too-small =
    portal-admin needs a terminal of at least { $min_width }×{ $min_height }; this one is { $width }×{ $height }.
    Enlarge the window, or press { $quit } to quit.
title-loading = {"  "}{ $spinner } loading
loading = Loading…
could-not-load = Could not load: { $error }
filter-matches-nothing = Nothing loaded matches the filter ({ $back } clears it).
provisional-count = {" "}?{ $count } provisional
cut-for-display = … (cut here for display; the database keeps the whole text)
saving = saving…
write-still-running = the last change is still being saved; try again in a moment
copy-title = Copy to your clipboard
copy-nothing = nothing selected to copy
copy-open-item = open an item to copy its link
copy-no-link = this item has no public link (its source system gave none)
copied = copied { $text }

## The help (?)

help-title = Help — { $scroll } scroll, { $search } searches, any other key closes
help-places = Where things are
# A word or figure beside a text, in brackets.
aside = { $text } ({ $aside })
help-view-keys = Keys in the { $view } view
help-global-keys = Keys everywhere (a view's own key wins)
# Beside a key the console does not offer to who it acts as: it leads only to a change that
# role (or a read-only console) may not make.
help-not-for-role = (not available to a { $role })
help-not-read-only = (not available: read only)
help-not-offered = { $said } { $note }
help-own = Your own keys and the mouse
help-own-keys-label = Keys
help-own-keys = your own in keymap.toml in the settings directory, laid over these binding by binding; --keymap vim adds vim's h/l, x and V (portal-admin keymap show prints the map in effect)
help-own-mouse-label = Mouse
help-own-mouse-taken = taken by the console: a click opens a tab or selects a row, the wheel scrolls; mouse = false in config.toml leaves it to the terminal, to select text as anywhere else
help-own-mouse-left = left to the terminal (mouse = false in config.toml): text is selected as anywhere else; tabs and rows are chosen by keys
help-commands = Commands (after :)

## The : line

command-columns = the column tree
command-stale = columns worst first (only overdue and empty)
command-overdue = only overdue and empty columns
command-tree = the whole tree again
command-unit = NAME: the columns a unit answers for
command-at = YYYY-MM-DD: staleness as of a day (empty: today)
command-scores = [2024Q3 | 2024]: the assessment
command-audit = the audit trail, newest first
command-queue = items awaiting a decision
command-retractions = pending retraction requests, most urgent first
command-withdrawn = the latest withdrawals, to restore one
command-inspection = the national check's single-veto indicators as of :at's day
command-calendar = [import FILE]: the holiday notices held; import next year's (shown, then asked)
command-findings = the content checks' findings on every online item (slow on a large site)
command-refresh = reload from the database
command-help = the keys of this view
command-quit = quit
command-unit-said = the columns { $unit } answers for
command-no-unit = no unit { $unit } ({ $complete } completes unit names)
command-at-said = staleness as of { $date }
command-unknown = unknown command :{ $command } ({ $complete } lists them)
calendar-held = { $missing }holiday notices held: { $held } · :calendar import FILE adds a year's
calendar-reading = reading the calendar…
calendar-import-usage = :calendar import FILE — the notice as plain text, copied from the government's website
calendar-reading-file = reading { $file }…
calendar-unknown = unknown :calendar { $command } (:calendar, or :calendar import FILE)
calendar-holiday = holiday
calendar-workday = workday
calendar-import-keys = { $yes } imports it (one audited change) · { $no } cancels
calendar-cannot-read = cannot read { $file }: { $error }
calendar-not-imported = { $file }: { $error }; nothing was imported

## Questions, prompts and forms

confirm-title = Confirm
audit-record-title = Audit record — any key closes
prompt-reject = reject, failing { $failed } — why?{" "}
prompt-before = mark what went online here before (YYYY-MM-DD):{" "}
prompt-waive = waive { $kind } “{ $text }” on item { $item } — why?{" "}
reject-needs-reason = a rejection needs a reason
console-decline-needs-reason = declining a request needs a reason
declined-said = declined the request; the item stays online
withdraw-question = Withdraw { $count ->
        [one] item { $id }
       *[other] { $count } items
    } from every column (nothing is deleted):
withdraw-more = {"  "}… and { $count } more
withdraw-loses-points = {" "}(loses its points)
withdraw-reason = reason: { $reason }{ $points } · { $key }: { $others }
withdraw-keys = { $yes } withdraws · { $mark } marks instead · { $no } cancels
withdraw-nothing = nothing here to withdraw
withdraw-request-reason = a request is withdrawn for the reason it gives ({ $key } declines it)
withdraw-mark-outdated-only = only an outdated request can be answered with a mark; this one is { $reason }
withdraw-already = item { $id } is withdrawn already; the Withdrawn tab restores it
withdraw-wait-item = wait for the item to load
mark-title = Mark instead of withdrawing
mark-heading = { $count ->
        [one] Keep item { $id } online, marked, instead of withdrawing it:
       *[other] Keep { $count } items online, marked, instead of withdrawing them:
    }
mark-field-mark = mark
mark-field-effective = effective
mark-field-replaced-by = replaced by
mark-today = { $date } (today)
mark-keys = { $yes } marks · { $next } next mark · { $no } cancels
mark-replaced-by-placeholder = optional, e.g. 象政办〔2026〕12号
mark-range-first = mark a row first ({ $mark }), then move and mark the rows between
marked-more = marked { $added } more ({ $all } marked)
marks-cleared = { $count ->
        [one] { $count } mark
       *[other] { $count } marks
    } cleared
before-placeholder = YYYY-MM-DD, e.g. 2024-01-01
before-needs-day = type a day: YYYY-MM-DD
before-nothing = nothing online here went online before { $date }
before-marked = marked { $count ->
        [one] 1 item
       *[other] { $count } items
    } that went online here before { $date } ({ $all } marked)
before-failed = finding what went online before { $date } failed: { $error }
waive-placeholder = why it may stand (required; kept in the item's history)
waive-needs-reason = waiving a finding needs a reason
waived-already = { $kind } “{ $text }” on item { $id } is waived already ({ $reason })
waived-said = item { $id }: { $what } waived; it no longer blocks approval
not-waived = not waived: { $error }
incident-repost = item { $id } is a repost: it has no unit to record an incident against
incident-note-example = what happened (required), e.g. { $kind } “{ $text }”
incident-form-title = Incident
incident-form-heading = Record an incident against { $unit } (Art. 16)
incident-field-kind = kind
incident-field-item = item
incident-field-date = date
incident-field-note = note
incident-kind-typo = typo
incident-kind-classified = classified
incident-kind-improper = improper
incident-elsewhere = {" "}(the date's; you view { $viewing })
incident-costs = It costs { $unit } { $points } points in { $quarter }{ $elsewhere }.
incident-bad-date = The date is not a date (YYYY-MM-DD).
incident-form-keys = { $yes } records · { $next } next field · { $cycle } or { $kind } kind · { $no } cancels
incident-future = { $date } is still to come: an incident is dated when it happened
console-incident-needs-note = an incident needs a note saying what happened
console-correction-needs-note = a correction needs a note saying why
console-incident-recorded = incident { $id }: { $unit } { $points } ({ $kind }) on { $date }, in { $quarter }
incident-not-recorded = not recorded: { $error }
console-incident-reversed = incident { $id }: reverses incident { $original }{ $about }
incident-not-corrected = not corrected: { $error }
reverse-title = Correct an incident
reverse-heading = Correct incident { $id } by a reversing record (nothing is edited):
reverse-item = {"  "}item { $id } { $title }
reverse-gives = It gives { $unit } { $points } points back in { $quarter }.
reverse-field-why = why
reverse-keys = { $yes } records the correction · { $no } cancels

## The views as the help names them

view-global = global
view-columns = columns
view-column = column
view-item = item
view-scores = scores
view-unit = unit
view-audit = audit
view-queue = queue
view-review = review
view-retractions = retractions
view-withdrawn = withdrawn
view-inspection = inspection
view-findings = findings
view-confirm = confirm
view-mark = mark
view-incident = incident
view-copy = copy
