#!/usr/bin/env bash
# The benchmark suite (issue 9): builds the demo databases once and caches them (benches/cache.sh:
# SQLite, ITEMS items on one site, default 1,000,000; PostgreSQL, PG_ITEMS items spread over SITES
# sites, default 10,000,000 over 120, measured on the middle site), then runs the benchmarks of the
# console, the queue, withdrawal, the Scores tab, the reports, search and the stored findings (the
# Findings tab's first screen, `check --all`) on both, and prints one table:
# each figure, its target, what was measured, its ratio to its own SQL run in sqlite3/psql (the
# reports, search), and pass or fail. The figures come from the scripts that measure them (each writes its
# rows to $SUITE_OUT as well as its own table).
#
#   benches/suite.sh [--write]      (--write also records the table in docs/performance.md)
#
# A trial at a small size first (databases of their own, cached beside the full ones):
#   ITEMS=100000 PG_ITEMS=100000 SITES=12 benches/suite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export ITEMS=${ITEMS:-1000000} PG_ITEMS=${PG_ITEMS:-10000000} SITES=${SITES:-120}
. benches/cache.sh

SUITE_OUT=$(mktemp)
export SUITE_OUT
trap 'rm -f "$SUITE_OUT"' EXIT
for part in console queue retraction scores reports search findings; do
    echo "== benches/$part.sh" >&2
    # Each script fails when one of its figures does; the suite's table says which.
    before=$(wc -l <"$SUITE_OUT")
    bash "benches/$part.sh" >&2 || true
    if [ "$(wc -l <"$SUITE_OUT")" = "$before" ]; then
        suite_row "benches/$part.sh gave no figure (it stopped: see its output)" "both" "its figures" "none" "FAIL"
    fi
done

lite_mb=$(du -m "$lite" | cut -f1)
pg_mb=$(psql "$PG_URL" -tAc "SELECT pg_database_size(current_database()) / 1048576")
pg_version=$(psql "$PG_URL" -tAc "SHOW server_version")
lite_built=$(cat "$lite.built" 2>/dev/null || echo "built earlier")
pg_items_site=$(psql "$PG_URL" -tAc "SELECT COUNT(*) FROM items i JOIN sites s ON s.id = i.site_id WHERE s.code = '${PG_SITE:-xiangshan}'")
table=$(
    echo "| figure | backend | target | measured | ratio to its SQL | result |"
    echo "| --- | --- | --- | --- | --- | --- |"
    sort -t'|' -k2,2r -s "$SUITE_OUT" | awk -F'|' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, ($6 == "" ? "" : $6), $5 }'
)
failed=$(awk -F'|' '$5 != "pass"' "$SUITE_OUT" | wc -l)
summary="$(wc -l <"$SUITE_OUT") figures, $failed failed"
databases="SQLite: $ITEMS items on one site, ${lite_mb} MB file (${lite_built}). PostgreSQL $pg_version: $PG_ITEMS items over $SITES sites, ${pg_mb} MB (${PG_BUILT:-built earlier}); measured on site ${PG_SITE:-xiangshan} ($pg_items_site items)."
echo "$table"
echo "$summary"
echo "$databases"
echo "machine: $machine"
if [ "${1:-}" = --write ]; then
    record "suite-$ITEMS-$PG_ITEMS-$SITES" "The benchmark suite (issue 9): SQLite $ITEMS items, PostgreSQL $PG_ITEMS items over $SITES sites" "Measured $(date +%F) by \`benches/suite.sh\` on $machine. $databases Each figure is the maximum (or the mean, where it says so) over the runs of the script that measures it (benches/console.sh, queue.sh, retraction.sh, scores.sh, reports.sh, search.sh, findings.sh); the reports' ratio is the program's mean over the mean of the same statements, with the same values, run in sqlite3/psql in the same run. $summary.

$table"
fi
[ "$failed" = 0 ]
