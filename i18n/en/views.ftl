# The console's views: their titles, column headings, empty-view texts and what they say on the
# status line (src/ui/views). The Columns tab has its own file (columns.ftl).

## Shared

head-unit = unit
head-title = title
head-item = item
head-reason = reason
item-load-failed = loading item { $id } failed: { $error }
findings-blocking = {" "}· ✗{ $count } blocking
finding-waived = waived — { $reason }

## The queue (Art. 8–10)

queue-by-wait = longest waiting first
queue-by-step = by step then age
queue-title = Queue · { $position } awaiting a decision, { $order }
queue-late = {"  "}! { $count } waiting too long
queue-marked = {" · "}{ $count } marked
queue-head-step = path · step
queue-head-form = form
queue-head-columns = columns
queue-head-lacks = lacks
queue-nothing =
    Nothing awaits a decision.
    Items come here when they are imported: portal-admin import FILE (JSON Lines,
    see docs/cli.md), from the units' submissions and the office's own items.
queue-repost-unit = (repost)
queue-wechat = 微信
queue-only-approved = item { $id } is at { $stage }: only approved items are published
queue-mark-first = mark approved items first ({ $mark })
queue-publish-marked =
    Publish { $count ->
        [one] { $count } item
       *[other] { $count } items
    }, each into its target columns:
    {"  "}{ $items }

    { $yes } publishes · { $no } cancels
queue-load-failed = loading the queue failed: { $error }
queue-moved = item { $id }: { $from } → { $to }
queue-published = published { $count ->
        [one] { $count } item
       *[other] { $count } items
    }
queue-published-some = published { $done } of { $count }; { $first }

## The review screen

review-item = Item { $id } at { $stage } (v{ $version })
review-checks-heading = { $item } · the seven checks of Art. 9
review-checks-failed = Content checks: could not check: { $error }
review-checking = Content checks: checking…
review-nothing-found = Content checks: nothing found
review-checked-1 = names, terms, secret and banned words, personal data,
review-checked-2 = document numbers, dates and figures
review-findings = Findings { $count }
review-waived-count = {" "}· { $count } waived
review-check-failed = checking item { $id } failed: { $error }
review-already-approved = already approved: publish it ({ $key })
review-affirm-first = affirm all seven checks first (1–7, or { $all } for all)
review-all-affirmed = all seven checks are affirmed: clear the ones that failed (1–7) to reject
review-reason-placeholder = why it is sent back (required)
review-approve-first = item { $id } is at { $stage }: approve it first
review-publish-confirm =
    Publish item { $id } into:
    {"  "}{ $columns }

    { $yes } publishes · { $no } cancels
review-no-findings = the content checks found nothing on this item
review-no-finding-to-act-on = no finding to act on: the content checks found nothing on this item
review-blocked = not approved: { $waive } waives (select with { $next }) or { $reject } rejects — { $kind } “{ $text }”{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    } blocks it ({ $span }: { $message })

## How long something has waited (the queue, retractions, withdrawn)

waited-minutes = { $minutes }m
waited-hours = { $hours }h
waited-days = { $hours ->
        [0] { $days }d
       *[other] { $days }d { $hours }h
    }

## Retractions (Art. 13)

head-waited = waited
retractions-title = Retractions · { $position } · { $count } pending, urgent first
retractions-alarms = {"  "}✗ { $count } suspected secret >15 min
retractions-nothing =
    No request is pending.
    A unit's request to withdraw an item shows here once it is recorded:
    portal-admin retractions request ITEM --unit NAME --reason outdated|improper|…

## The audit trail

audit-title = Audit · { $position }, newest first · { $open } shows a record whole
audit-head-at = at
audit-head-operator = operator
audit-head-action = action
audit-head-target = target
audit-head-detail = detail
audit-nothing =
    The audit trail is empty.
    Every change (init, import, a review, a withdrawal), made here or by a
    command, writes one record, and it shows here.

## Withdrawn

withdrawn-title = Withdrawn · { $position }
withdrawn-title-wide = Withdrawn · { $position }, newest first
withdrawn-from-request = from request
withdrawn-from-request-wide = time from request to withdrawal
withdrawn-request-times = {" "}· { $from }: median { $median }, longest { $longest }
withdrawn-no-request = {" "}· none asked for by a request
withdrawn-head-when = withdrawn
withdrawn-head-by = by
withdrawn-head-took = took
withdrawn-head-restored = restored
withdrawn-nothing =
    Nothing has been withdrawn.
    Withdraw from a column ({ $columns }, { $open } on a column, { $withdraw }) or answer a request ({ $requests }, { $withdraw }):
    each withdrawal shows here, and { $restore } puts it back online.
withdrawn-restored-mark = [restored]
withdrawn-still-public = [still public]

## The national check's indicators (Inspect)

inspect-pass = pass
inspect-warn = warn
inspect-fail = fail
inspect-title = Inspection
inspect-as-of = {" "}· as of { $date }
inspect-fails = { $symbol }{ $count } fail
inspect-warns = { $symbol }{ $count } warn
inspect-loading = {" "}(loading { $date })
inspect-head-level = level
inspect-head-indicator = indicator
inspect-head-count = count
inspect-head-fails = fails
inspect-head-warns = warns
inspect-head-behind = behind the count ({ $open } lists them)
inspect-failed = Could not evaluate the indicators: { $error }
inspect-evaluating = Evaluating the indicators…
inspect-none = No indicators.
inspect-detail-title = { $name } · { $count } · as of { $date }
inspect-detail-head = fails ≥ { $threshold }, warns { $warns } · { $count } behind the count · { $back } back
inspect-detail-nothing = Nothing behind this count.
inspect-detail-head-opens = fails ≥ { $threshold }, warns { $warns } · { $count } behind the count · { $open } opens one · { $back } back
inspect-detail-opens-nothing = This line names no column or item to open.

## The content checks' findings on the online items

findings-heading = Findings · { $position }
findings-newest-first = , newest first
findings-head-published = published
findings-head-kind = kind
findings-head-text = text
findings-head-message = message → suggestion
findings-nothing = No findings on online items.
findings-nothing-of-kind = No findings of the kind { $kind } on online items.
findings-where-from = Findings come from the names and words lists (data/checks/, or your own names.tsv and words.tsv): a leader's, an institution's or a term's wrong form, an official who has left, a secret marking or a banned word. Personal data shown in full (ID numbers, mobile numbers, bank cards), document numbers with the wrong brackets, impossible dates and a figure quoted with two values are found without a list.
findings-add = Add to your own lists (started from the shipped ones):
findings-add-name = {"  "}portal-admin check add-name 李明华 --kind leader --wrong 李明化
findings-add-word = {"  "}portal-admin check add-word 内部资料 --kind secret --suggestion 不得公开发布

## Scores (Art. 16, 17)

period-quarter = { $year }年第{ $quarter }季度
period-year = { $year }年度
scores-title = Scores { $period } { $words }
scores-units = {" "}· { $count ->
        [one] { $count } unit
       *[other] { $count } units
    } · { $points ->
        [one] { $points } point
       *[other] { $points } points
    }
scores-by-change = {" "}· largest fall first
scores-by-deducted = {" "}· most deducted first
scores-deducted = , { $points } deducted
scores-nothing = nothing
scores-nothing-wide = supplied nothing (Art. 17)
scores-incidents = with incidents
scores-incidents-wide = with incidents
scores-head-rank = rank
scores-head-text = text
scores-head-image-text = img+t
scores-head-video = video
scores-head-points = points
scores-head-deduct = deduct
scores-head-net = net
scores-head-change = change
scores-head-bar = net score
scores-hint-explains = explains
scores-hint-incident = incident
scores-hint-bulletin = bulletin
scores-hint-opens = opens
scores-hint-corrects = corrects
scores-no-unit =
    No unit to show.
    The units come with the column table: portal-admin init (or init --columns FILE).
scores-note-nothing = supplied nothing
scores-note-incidents = { $count ->
        [one] { $count } incident
       *[other] { $count } incidents
    }
scores-of = {" "}of { $count }
scores-rank = {" "}· rank { $rank }{ $of } · net{" "}
scores-change = {" "}({ $change } on { $period })
scores-sum = points { $points } = { $text }×1 + { $image_text }×2 + { $video }×3 · deductions { $deductions } · net { $net }
# The period before and its net, after the sum where the line has room (the title says the change).
scores-sum-previous = {" "}· { $previous }: { $previous_net }
scores-explain-failed = Could not explain the score: { $error }
scores-items-why = , each once at its highest form
scores-items-why-wide = {" "}— an item in several columns counts once, at its highest form (Art. 16)
scores-items = Items that earned points: { $count }, { $points ->
        [one] { $points } point
       *[other] { $points } points
    }{ $why }
scores-incidents-heading = Incidents and corrections: { $count }, { $points ->
        [one] { $points } point
       *[other] { $points } points
    }
scores-signals-heading = Art. 17: reasons to notify the unit's head: { $count }
scores-overdue-heading = Columns overdue or empty at the period's end: { $count }
scores-no-items = {"  "}No item earned points in the period.
scores-no-incidents = {"  "}No incident in the period.
scores-none = {"  "}None.
scores-withdrawn-counts = [withdrawn as outdated, counts]
scores-counted = counted
scores-counted-once = counted once
scores-corrects = corrects #{ $id }: { $note }
scores-incident-item = {" "}· item { $id } { $title }
scores-incident = { $kind }{ $item } · { $note }
scores-corrected-by = {" "}[corrected by #{ $id }]
scores-signal = {"  "}! 第十七条{ $clause }{" "}
scores-never-updated = never updated
scores-document-overdue = a document { $days ->
        [one] { $days } day
       *[other] { $days } days
    } overdue
scores-last-overdue = last { $date } · { $days ->
        [one] { $days } day
       *[other] { $days } days
    } overdue
scores-no-directory = cannot tell the current directory: { $error }
scores-cannot-write = cannot write { $file }: { $error }
scores-load-failed = loading the scores failed: { $error }
scores-explaining-failed = explaining { $unit }'s score failed: { $error }
scores-wrote = wrote { $file }
scores-no-bulletin = no bulletin: { $error }
scores-incident-no-item = incident { $id } is not about an item
scores-no-unit-selected = no unit selected
scores-select-incident = select an incident to correct
scores-is-correction = incident { $id } is itself the correction of incident { $original }
scores-corrected-already = incident { $id } was corrected already, by incident { $by }
scores-bulletin-busy = the bulletin is still being written
scores-writing-bulletin = writing the { $period } bulletin…
scores-filter-ranking = the filter is for the ranking: { $back } goes back to it
incident-item-placeholder = optional: the item's id or ref
incident-date-placeholder = YYYY-MM-DD (empty: today)
incident-note-placeholder = what happened (required)
incident-correction-placeholder = why it is corrected (required)

## What the views say on the status line and in their questions

audit-load-failed = loading the audit trail failed: { $error }
withdrawn-load-failed = loading the withdrawals failed: { $error }
withdrawn-restored-already = this withdrawal of item { $id } was undone already ({ $date } by { $by })
withdrawn-restore-confirm =
    Put item { $id } back online in the columns it was in:
    {"  "}{ $title }
    {"  "}withdrawn { $date } by { $by } ({ $reason })

    { $yes } restores · { $no } cancels
retractions-load-failed = loading the retraction requests failed: { $error }
retractions-marks-instead = {" "}· { $key } marks instead
retractions-withdraw-confirm =
    Withdraw item { $id } from every column ({ $reason }):
    {"  "}{ $title }
    {"  "}{ $columns }

    requested by { $unit } · { $yes } withdraws{ $instead } · { $no } cancels
retractions-mark-outdated-only = only an outdated request can be answered with a mark; this one is { $reason }: withdraw ({ $withdraw }) or decline ({ $decline }) it
retractions-decline-placeholder = why the item stays online (required)
retractions-record-id = request #{ $id }
findings-check-failed = reading the findings failed: { $error }
inspect-load-failed = the inspection failed: { $error }
