# A provincial platform's county portals (issue 25): `portal-admin sites`, `sites add`, the
# console's overview.

sites-code-empty = a site needs a code (a short lowercase identifier, such as lingchuan)
sites-code-start = { $code } is not a site code: a code starts with a lowercase Latin letter (such as lingchuan)
sites-code-long = { $code } is not a site code: at most { $most } characters
sites-code-char = { $code } is not a site code: { $char } is not allowed (lowercase letters, digits and _ only)
sites-name-blank = a site needs a name (the portal's title, --name): it may not be blank
sites-bad-sort = unknown order { $value } (expected one of: { $choices })
sites-unknown = no site { $code } in { $target }; the sites there: { $known }
sites-taken = there is a site { $code } already (`portal-admin sites` lists them)
sites-add-not-admin = { $operator } may not add a site: only an administrator of a site already there may
sites-added = added site { $code } with { $units } units and { $columns } columns; { $admin } is its first administrator
store-doing-site-add = adding a site

## The listing's fields

field-code = site
field-overdue = overdue
field-blank = blank
field-check = check
field-check_failing = failing
field-check_warning = warning
field-alarms = alarms

## The command line

about-sites = The county portals of the database, each with how it is doing, worst first; add one
arg-sites-sort = Worst first by: worst (all together), overdue, blank, check, waiting, alarms, points or incidents
about-sites-add = Add a county portal with its own column table and units (administrators only: an administrator of a site already there adds it); you become its first administrator
arg-sites-add-code = Its code: a short lowercase identifier (letters, digits, `_`; `--site CODE` picks it)
arg-sites-add-name = Its name (the portal's title)
arg-sites-add-columns = Its column table (format: docs/columns.md); default the built-in 2023 Xiangshan table
arg-sites-add-units = The units file that goes with --columns; default the built-in Xiangshan units
role-supervisor = supervisor
