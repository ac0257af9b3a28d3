# Restoring withdrawals together: rows marked in the Withdrawn tab, or a bulk withdrawal
# (`restore --batch ID`).
store-withdrawal-unknown = { $id } is not a withdrawal of this site (the Withdrawn tab's batch column, or `audit --action retract`, names them)
said-restored-items = put { $count ->
        [one] { $count } item
       *[other] { $count } items
    } back online in the columns they were in
said-restored-none = nothing was restored
said-restored-already-one = item { $id } was restored already; nothing changed
said-restored-already-many = the { $count } items were restored already; nothing changed
said-restored-also-one = ; item { $id } was restored already
said-restored-also-many = ; { $count } were restored already
item-restored-already = item { $item }: restored already
restore-batch-summary = batch { $batch }: { $restored ->
        [one] { $restored } item
       *[other] { $restored } items
    } restored, { $already } restored already
key-withdrawn-withdrawn-restore = Put the marked items, or the selected one, back online where they were (asks first)
key-withdrawn-withdrawn-mark = Mark (or unmark) the withdrawal to restore with others, and move down
key-withdrawn-withdrawn-mark-range = Mark every withdrawal from the last one marked to here
key-withdrawn-withdrawn-mark-batch = Mark every withdrawal of the selected one's bulk withdrawal (its batch)
keyhint-withdrawn-mark-batch = batch
withdrawn-head-batch = batch
withdrawn-marked = {" · "}{ $count } marked
withdrawn-batch-marked = batch { $batch }: { $count } listed, { $added } marked now, { $back } restored already ({ $all } marked)
withdrawn-restore-marked-confirm =
    Put the { $count } marked items back online in the columns they were in, in one go:
    {"  "}{ $items }

    { $yes } restores them all · { $no } cancels
withdrawn-restore-more = … and { $more } more
retract-batch = batch { $batch }: `restore --batch { $batch }` puts them all back
about-restore = Put a withdrawn item back online in the columns it was in, or every item of one bulk withdrawal
arg-restore-batch = Every item of the bulk withdrawal with this id (the Withdrawn tab's batch column), in one transaction
