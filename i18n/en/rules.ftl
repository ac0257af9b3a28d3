# The domain's rules (src/domain): why a step of the regulation cannot be taken. Stage and role
# names (office_review, recheck, admin …) are the command line's and stay as they are.

## Review (Art. 7–10)

rules-approval-needs-checks = an approval affirms all seven checks of Art. 9; not affirmed: { $missing }
rules-rejection-needs-reason = a rejection needs a reason (--reason)
rules-not-under-review = item { $item } is not waiting for review: it is at { $stage }
rules-not-ready-to-publish = item { $item } is not approved for publication: it is at { $stage }
rules-not-allowed = { $operator } ({ $role }) may not { $act }

## What a role may do (Art. 14)

rules-act-pass = pass the { $stage } step
rules-act-withdraw = withdraw, mark or restore items
rules-act-incident = record or correct incidents
rules-act-operators = manage operators
rules-act-administer = load items, register documents or change the calendar
rules-act-request = record retraction requests
rules-act-waive = waive findings of the content checks
rules-act-links = record link checks
rules-not-a-check = not a check number: { $part } (the seven checks of Art. 9 are numbered 1 to 7)
rules-no-check = no check named (the seven checks of Art. 9 are numbered 1 to 7)
