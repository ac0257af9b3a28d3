# An audit record's detail as the Audit tab's detail column says it, one line by its action
# (issue 20); `audit --format json` and the record's window keep the JSON it was written as.
audit-said-backup = { $file } · { $tables ->
        [one] { $tables } table
       *[other] { $tables } tables
    }, { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }
audit-said-calendar-import = { $year }: { $days ->
        [one] 1 day
       *[other] { $days } days
    } ({ $source })
audit-said-calendar-set = { $count ->
        [one] { $first }
       *[other] { $count } days from { $first }
    }
audit-said-demo = { $items ->
        [one] 1 item
       *[other] { $items } items
    }, { $from } to { $to } (seed { $seed })
audit-said-document = { $number } “{ $title }”, issued { $issued }
audit-said-waive = { $kind } “{ $text }” — { $reason }
audit-said-findings-check = { $items ->
        [one] 1 item checked
       *[other] { $items } items checked
    }
audit-said-import = { $items ->
        [one] 1 item from { $file }
       *[other] { $items } items from { $file }
    }
audit-said-incident = { $unit }: { $kind }, { $points ->
        [one] { $points } point
       *[other] { $points } points
    }, { $on }
audit-said-incident-reverse = reverses no. { $id } ({ $points ->
        [one] { $points } point
       *[other] { $points } points
    })
audit-said-init = { $units ->
        [one] { $units } unit
       *[other] { $units } units
    }, { $columns ->
        [one] { $columns } column
       *[other] { $columns } columns
    }, { $days ->
        [one] { $days } calendar day
       *[other] { $days } calendar days
    }
audit-said-inquiry = “{ $subject }”
audit-said-inquiry-invalid = “{ $subject }” — not valid: { $why }
audit-said-answer = { $on }: { $answer }
audit-said-title = “{ $title }”
audit-said-links-check = { $links ->
        [one] { $links } link
       *[other] { $links } links
    } on { $items ->
        [one] { $items } item
       *[other] { $items } items
    }: { $broken } broken
audit-said-probe = { $url }: { $status } in { $millis } ms
audit-said-probe-failed = { $url }: did not open ({ $millis } ms)
audit-said-mark = { $mark } from { $from }
audit-said-mark-replaced = { $mark } from { $from }, replaced by { $by }
audit-said-operator-added = added as { $role }
audit-said-operator-disabled = disabled
audit-said-operator-role = { $before } → { $after }
audit-said-publish = in { $columns }
audit-said-order = { $unit }: { $about }, due { $due }
audit-said-restore = was withdrawn: { $reason }
audit-said-batch = { $said } ({ $count } at once)
audit-said-request-closed = item { $item }: { $how }
audit-said-request = { $unit }, item { $item }: { $reason }
audit-said-return = { $step }: lacking { $lacking }
audit-said-schema = version { $from } → { $to }
audit-said-site = { $name }: { $units ->
        [one] { $units } unit
       *[other] { $units } units
    }, { $columns ->
        [one] { $columns } column
       *[other] { $columns } columns
    }
