#!/usr/bin/env bash
# Times the Scores tab of issue 7 on the cached demo databases (benches/cache.sh) (SQLite and PostgreSQL):
#   from the key that shows a year to the frame with the year's ranking    target 500 ms
# In the program, as the console runs it (benches/scores.rs): each run switches a quarter to its
# year, then steps to the year before (both loaded from the database, with each unit's change
# from the year before that).
#
#   benches/scores.sh [--write]    (--write also records the table in docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
. benches/cache.sh

out=$(cargo bench --quiet --bench scores -- "$RUNS" "sqlite://$lite" "$PG_BENCH")
rows=()
fail=0
while read -r backend units median max; do
    pass=$(awk -v m="$max" 'BEGIN { print (m < 500) ? "pass" : "FAIL" }')
    [ "$pass" = pass ] || fail=1
    suite_row "a year's scores on the Scores tab (max)" "$backend" "< 500 ms" "$max ms" "$pass"
    rows+=("| $backend | $units | $median ms (max $max) | $pass |")
done <<<"$out"
table=$(
    echo "| backend | units ranked | a year's scores on screen, median | result |"
    echo "| --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
)
echo "$table"
echo "$RUNS runs (2 years each); machine: $machine"
if [ "${1:-}" = --write ]; then
    record scores "The Scores tab (issue 7)" "Measured $(date +%F) by \`benches/scores.sh\` ($RUNS runs, two years each) on $machine, on the demo databases ($sizes), in the program as the console runs it. Target: a year's scores on screen < 500 ms (the maximum is what is checked).

$table"
fi
exit $fail
