# Rectification orders (整改通知), reminder sheets (提醒单) and their documents (src/cli/rectify.rs,
# src/usecase/rectification.rs, src/store/sql/rectification.rs).

rectify-act = issue or close rectification orders
store-doing-rectification = a rectification order
rectify-bad-days = a deadline of { $days } working days: give 1 to { $max }
rectify-bad-status = unknown status { $value } (expected one of: open, done, overdue)
rectify-needs-note = say what is wrong and which rule (--note)
rectify-needs-subject = name what is to be fixed: --column ID, --item ITEM or --indicator NAME
rectify-no-column = no column { $column } in site { $site }
rectify-no-order = no rectification order { $id } in site { $site }
rectify-no-indicator = no indicator { $name } (the indicators: { $known })
rectify-column-no-unit = column { $column } has no responsible unit: an order needs one to go to
rectify-item-no-unit = item { $item } has no responsible unit (a repost): an order needs one to go to
rectify-not-responsible = { $unit } is not responsible for { $what } (responsible: { $units })
rectify-already-closed = rectification order { $id } is already closed
rectify-issued = rectification order { $id } issued to { $unit }: due { $due } ({ $days } working days)
rectify-closed = rectification order { $id } closed

## The command line's help

about-rectifications = Rectification orders (整改通知), most urgent first: overdue, open, done
arg-rectifications-status = open, done or overdue
arg-rectifications-unit = Only this unit's (its name, part of it, or its pinyin initials)
about-rectifications-add = Issue a rectification order to a responsible unit, due in working days by the official calendar
arg-rectifications-add-unit = The responsible unit (of the column, of the item; any assessed unit for an indicator), by name, part of it, or pinyin initials
arg-rectifications-add-column = A column, by id (as `columns` lists it)
arg-rectifications-add-item = An item, by id or ref
arg-rectifications-add-indicator = An indicator of the national check, by key or name (as `inspect` lists them)
arg-rectifications-add-finding = With --item: the content check's finding it is about (its kind, as `check` lists it); the order closes by itself when the finding is waived, or when the item's findings, found again (its text imported again, its publication, `check --all` with new lists), no longer have it
arg-rectifications-add-note = What is wrong, and which rule (required)
arg-rectifications-add-days = The deadline in working days, 1 to 60 (default 5)
about-rectifications-done = Close an order by hand, saying how it was rectified (an order also closes by itself when what it names is fixed)
arg-rectifications-done-id = The order's id
arg-rectifications-done-note = How it was rectified (required)
field-about_kind = about
field-about = what
field-finding = finding
field-days = working days
field-issued_at = issued
field-issued_by = issued by
field-due_on = due
field-closed_at = closed
field-closed_how = how closed
field-closed_by = closed by
field-close_note = closing note
