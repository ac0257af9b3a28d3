# The Columns tab of the console: the column tree, a column opened from it, the item opened from
# the column (src/ui/views/columns/, src/ui/views/item/).

## The column tree

columns-title = Columns
columns-title-counts = Columns { $count } · { $day }
columns-loading = Loading the column tree…
columns-load-failed = loading the columns failed: { $error }
columns-none = No columns to show.
columns-none-match = No column matches the filter ({ $back } clears it).
# The ways of looking at the tree, in brackets after the title.
columns-mode-overdue = overdue
columns-mode-by-unit = by unit
columns-mode-sorted = sorted
# The list's headings (short: "rule" has 8 cells, "updated" and "due" 10, "days" 5).
columns-head-column = column
columns-head-rule = rule
columns-head-updated = updated
columns-head-due = due
columns-head-days = days
columns-head-units = units

## One column opened

columns-column-title = #{ $id } { $path }  { $position } online
columns-column-marked = { " · " }{ $count } marked
columns-column-deadline = { " · " }{ $deadline } ({ $rule })
# A column whose row of the table gives no deadline: the rule's words alone ("unspecified").
columns-column-no-deadline = { " · " }deadline { $rule }
columns-column-due = { " · " }due { $day }
columns-column-overdue = { " · " }{ $days ->
        [one] { $days } day
       *[other] { $days } days
    } overdue
columns-documents = Documents due here: { $count }
columns-document-dates = issued { $issued } due { $due }
# A document's status (at most 8 cells).
columns-document-overdue = overdue
columns-document-pending = pending
columns-document-late = late
columns-document-on-time = on_time
columns-head-online-since = online since
columns-head-form = form
columns-head-unit = unit
columns-head-title = title
columns-repost = (repost)
columns-column-empty = Nothing is online in this column.
    Items go online here when they are published: { $queue } (the queue), { $open }, { $publish }.
column-items-load-failed = loading the column's items failed: { $error }
column-documents-load-failed = loading the column's documents failed: { $error }

## An item opened whole (from a column, the queue, a unit's score or the findings)

item-page-title = Item { $id }
item-page-loading = Loading…
item-page-failed = Could not load the item: { $error }
item-page-heading = Item { $id } · { $status } · { $form }
# The fields' names (at most 10 cells).
item-page-path = path
item-page-path-line = { $path } · { $unit } · channel { $channel }
item-page-stage = stage
item-page-ref = ref
item-page-link = link
item-page-submitted = submitted
item-page-published = published
item-page-withdrawn = withdrawn
item-page-marked = marked
item-page-mark = { $label } ({ $mark }), kept online
item-page-columns = Columns ({ $count })
item-page-history = History ({ $count })
item-page-history-between = {"  "}… { $count } earlier, at the end of the page
item-page-history-earlier = History: the { $count } between
item-page-body = Body
item-page-status-pending = pending
item-page-status-returned = returned
item-page-status-online = online
item-page-status-withdrawn = withdrawn
item-page-path-government = government
item-page-path-unit = unit
item-page-path-repost = repost
item-page-channel-portal = portal
item-page-channel-wechat = wechat
columns-remind-no-unit = no responsible unit here: R on a column that has one, or in a unit's group (u groups by unit)
columns-remind-exists = { $file } is already here: { $key } again writes over it
columns-remind-busy = a reminder sheet is being written
columns-reminding = writing the reminder sheet of { $unit }…
columns-reminded = the reminder sheet of { $unit } written to { $path }
columns-remind-failed = the reminder sheet of { $unit } not written: { $error }
columns-no-directory = no current directory to write into: { $error }
