# The content checks' findings as stored when each item is written (issue 21): the Findings tab's
# order, kind and lists notes, its keys, and `check --all` finding them again.
findings-only-kind = {" "}· only { $kind }
findings-by-kind = {" "}· by kind
findings-by-unit = {" "}· by unit
findings-stale = {" "}· lists changed: check --all
findings-again = { $key } reads them again. Each item is checked when it is written; after a change to the lists, portal-admin check --all checks every item again.
key-findings-findings-sort = Sort by kind, then by unit (again: newest first)
key-findings-findings-kind = Only one kind of finding (again: the next kind, after the last every kind)
findings-progress = {"{"}spinner{"}"} checking [{"{"}wide_bar{"}"}] {"{"}pos{"}"}/{"{"}len{"}"} items ({"{"}per_sec:0{"}"}, {"{"}eta{"}"} left)
audit-action-findings-check = check every item
store-doing-findings = checking every item
