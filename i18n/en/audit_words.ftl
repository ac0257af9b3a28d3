# The audit trail's actions and target kinds as a person reads them (the console's Audit tab and
# `audit --format table`); CSV and JSON keep the stable names (`operator.set`, `item:2406`).
audit-action-backup = backup
audit-action-calendar-import = import holidays
audit-action-calendar-set = set calendar
audit-action-demo = demo data
audit-action-documents-add = add document
audit-action-finding-waive = waive finding
audit-action-import = import
audit-action-incident-add = add incident
audit-action-incident-reverse = reverse incident
audit-action-init = set up
audit-action-inquiry-add = add inquiry
audit-action-inquiry-answer = answer inquiry
audit-action-item-resubmit = resubmit
audit-action-links-check = check links
audit-action-links-probe = probe home page
audit-action-mark = mark
audit-action-operator-set = set operator
audit-action-publish = publish
audit-action-rectification-add = issue order
audit-action-rectification-close = close order
audit-action-restore = restore
audit-action-retract = withdraw
audit-action-retraction-close = close request
audit-action-retraction-decline = decline request
audit-action-retraction-request = request withdrawal
audit-action-review-approve = approve
audit-action-review-reject = reject
audit-action-review-return = return for what it lacks
audit-action-schema-upgrade = upgrade schema
audit-action-site-add = add site
audit-target-backup = backup
audit-target-calendar = calendar
audit-target-document = document
audit-target-incident = incident
audit-target-inquiry = inquiry
audit-target-item = item
audit-target-operator = operator
audit-target-rectification = order
audit-target-request = request
audit-target-schema = schema
audit-target-site = site
# A target with its id: `item:2406`.
audit-target-with-id = { $kind }:{ $id }
# A record's action or target in its window: its words, then the name `audit --action` takes.
audit-record-coded = { $words } ({ $code })
