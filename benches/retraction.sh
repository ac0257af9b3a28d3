#!/usr/bin/env bash
# Times retraction (issue 6) on the cached demo databases (benches/cache.sh) (SQLite and PostgreSQL):
#   from the key press confirming a withdrawal to the frame that shows it done   target 100 ms
#   a bulk withdrawal of 1,000 items as outdated                                 target 1 s
# In the program, as the console runs it (benches/retraction.rs). Each run withdraws and then
# restores what it withdrew, so the cached databases keep their online items.
#
#   benches/retraction.sh [--write]    (--write also records the table in docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
. benches/cache.sh

out=$(cargo bench --quiet --bench retraction -- "$RUNS" "sqlite://$lite" "$PG_BENCH")
rows=()
fail=0
while read -r backend key_median key_max settled_median settled_max items bulk_median bulk_max; do
    pass=$(awk -v k="$key_max" -v b="$bulk_max" -v n="$items" 'BEGIN { print (k < 100 && b < 1000 && n == 1000) ? "pass" : "FAIL" }')
    [ "$pass" = pass ] || fail=1
    suite_row "withdrawing: Enter on the confirmation to the frame (max)" "$backend" "< 100 ms" "$key_max ms" "$(awk -v k="$key_max" 'BEGIN { print (k < 100) ? "pass" : "FAIL" }')"
    suite_row "bulk withdrawal of 1,000 items (max of 5)" "$backend" "< 1 s, 1000 items" "$bulk_max ms, $items items" "$(awk -v b="$bulk_max" -v n="$items" 'BEGIN { print (b < 1000 && n == 1000) ? "pass" : "FAIL" }')"
    rows+=("| $backend | $key_median ms (max $key_max) | $settled_median ms (max $settled_max) | $items items: $bulk_median ms (max $bulk_max) | $pass |")
done <<<"$out"
table=$(
    echo "| backend | Enter on the confirmation → the withdrawal on screen, median | → every reload drawn, median | bulk withdrawal as outdated, median | result |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
)
echo "$table"
echo "$RUNS runs (bulk: 5); machine: $machine"
if [ "${1:-}" = --write ]; then
    record retraction "Retraction (issue 6)" "Measured $(date +%F) by \`benches/retraction.sh\` ($RUNS withdrawals by request; 5 bulk withdrawals) on $machine, on the demo databases ($sizes), in the program as the console runs it. Targets: from the key press to the confirmed withdrawal visible on screen < 100 ms; a bulk withdrawal of 1,000 items < 1 s (the maximum is what is checked).

$table"
fi
exit $fail
