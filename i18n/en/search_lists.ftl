# Lists that see the whole database (issue 21): what the console's filters and searches say.

search-ctype-c = { $database } classifies characters as LC_CTYPE { $ctype }, under which PostgreSQL's pg_trgm indexes no Chinese character: searches and `/` filters for Chinese text (search, :find, the lists' filters) still find every match but read every item of the site, slowly on a large site (Latin text is unaffected). To fix it, make a database with a UTF-8 character classification (CREATE DATABASE portal TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'), then `portal-admin backup` this one and `portal-admin restore-backup` into the new one
filter-matches-nothing-in-db = Nothing in the database matches the filter ({ $back } clears it).

# The heading of every list: where the selection is, of how many the database holds (≈ an estimate,
# ≥ a bound, + more than the rows loaded: docs/performance.md).
list-position = { $n } of { $total }
list-position-empty = 0 of { $total }
list-position-none = none
