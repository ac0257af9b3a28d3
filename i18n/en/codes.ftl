# The stable values of the listings' fields as a table shows them (src/cli/codes.rs). CSV and
# JSON keep the values themselves: they are the scripting contract.

code-yes = yes
code-no = no
# Between the values of a list in one cell.
code-and = {", "}
# An item's column with the form it went there in.
code-placement = { $path } ({ $form })

## How urgent a retraction request is

code-urgency-alarm = alarm
code-urgency-highest = highest
code-urgency-high = high
code-urgency-normal = normal
code-urgency-low = low

## Where a retraction request stands, and how it was handled

code-request-pending = pending
code-request-done = done
code-request-rejected = declined
code-resolution-withdrawn = withdrawn
code-resolution-marked = marked
code-resolution-declined = declined

## Rectification orders: where one stands, what it names, how it was closed

code-subject-column = column
code-subject-item = item
code-subject-indicator = indicator
code-closing-by-hand = closed by hand
code-closing-column-updated = column updated
code-closing-item-withdrawn = item withdrawn
code-closing-item-marked = item marked
code-closing-finding-waived = finding waived
code-closing-finding-fixed = finding fixed
code-list = {"; "}
