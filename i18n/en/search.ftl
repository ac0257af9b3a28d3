# Search by text (issue 21): `portal-admin search` and the console's `:find`.

search-too-short = a search needs at least { $least } characters: { $text } has fewer (one character would find nearly every item)
search-nul = a search cannot hold a NUL character
search-no-column = site { $site } has no column { $column } (`portal-admin columns` lists them)
search-no-pg-trgm = this PostgreSQL server does not have the pg_trgm extension, which search needs: install postgresql-contrib on the database server (apt-get install postgresql-contrib) and run `portal-admin init` again

## The command line

about-search = Items of the site whose title or body holds TEXT (two characters or more, taken literally), any status, newest first
arg-search-text = The text: Chinese or Latin, two characters or more; `%`, `_`, quotes and `*` stand for themselves
arg-search-status = pending, returned, online or withdrawn
arg-search-column = Only items in this column (its id, as `columns` lists it)
arg-search-unit = Only this unit's items: its name, part of it, or its pinyin initials (tjj for 统计局)
arg-search-since = Only items published (or, not yet published, submitted) on or after this day (Beijing time)

## The console's Find tab (`:find TEXT`)

tab-find = Find
view-find = Find: the items holding a text
command-find = find TEXT: the site's items whose title or body holds TEXT, newest first
find-title-none = Find · nothing looked for yet
find-how = Type { $command } TEXT (two characters or more, taken literally) to list the site's items whose title or body holds it, any status, newest first; { $open } opens one.
find-title = Find “{ $text }” · { $position }, newest first
find-head-at = time
find-head-status = status
find-head-unit = unit
find-head-columns = columns
find-nothing = No item's title or body holds it.
find-load-failed = Could not search: { $error }
# Where nine tabs do not fit in the tab bar's width.
tab-findings-short = Chks
tab-withdrawn-short = Withdr
tab-inspection-short = Insp
key-global-tab-find = Find: the items whose title or body holds a text (:find TEXT), newest first ({ $list-open } opens one)
