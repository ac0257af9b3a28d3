# An item's history, as the item page and `show ITEM` word it (issue 22): each event the store
# records, from its values.
history-submitted = submitted
history-attachment = attachment { $kind }: { $name }
history-verdict-approve = approve
history-verdict-reject = reject
history-verdict-return = return
history-decided = { $verdict } ({ $step })
history-returned = return ({ $step }): lacking { $lacking } — { $reason }
history-published = published
history-withdrawn = withdrawn: { $reason }
history-restored = restored
history-waived = finding waived: { $kind } “{ $text }” — { $reason }
history-found = found at { $decision }: { $kind } “{ $text }” ({ $span }) { $message }
history-found-blocking = found at { $decision }: { $kind } “{ $text }” ({ $span }, blocking) { $message }
history-found-waived = { $found } — waived ({ $waiver })
history-fixed = fixed by { $decision }: { $kind } “{ $text }” (found at the decision before)
history-nothing-found = content checks at { $decision }: nothing found
history-marked = marked { $mark } from { $from }
history-marked-replaced = marked { $mark } from { $from }, replaced by { $replaced }
history-mark-amended = amended (已修改)
history-mark-repealed = repealed (已废止)
history-mark-expired = expired (已失效)
history-noted = { $event } — { $note }
history-list-separator = ,{" "}
