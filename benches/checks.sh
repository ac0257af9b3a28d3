#!/usr/bin/env bash
# Times the content checks of issue 11 on the cached demo databases (benches/cache.sh) (SQLite and PostgreSQL):
#   checking everything online (`check --all`)      target 1 minute
#   one item (read from the database and checked)   target 5 ms
# In the program (benches/checks.rs).
#
#   benches/checks.sh [--write]    (--write also records the table in docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/cache.sh

out=$(cargo bench --quiet --bench checks -- "sqlite://$lite" "$PG_BENCH")
rows=()
fail=0
while read -r backend items findings all median max; do
    pass=$(awk -v a="$all" -v m="$max" 'BEGIN { print (a < 60 && m < 5) ? "pass" : "FAIL" }')
    [ "$pass" = pass ] || fail=1
    rows+=("| $backend | $items | $findings | $all s | $median ms (max $max) | $pass |")
done <<<"$out"
table=$(
    echo "| backend | online items | findings | check --all | one item, median | result |"
    echo "| --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
)
echo "$table"
echo "machine: $machine"
if [ "${1:-}" = --write ]; then
    record checks "Content checks (issue 11)" "Measured $(date +%F) by \`benches/checks.sh\` on $machine, on the demo databases ($sizes), with the shipped example lists. Targets: every online item checked < 1 minute; one item < 5 ms (the maximum over 200 is what is checked).

$table"
fi
exit $fail
