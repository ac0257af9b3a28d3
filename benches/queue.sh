#!/usr/bin/env bash
# Times the review queue of issue 5 on the cached demo databases (benches/cache.sh) (SQLite and PostgreSQL):
#   opening the queue                            target 200 ms
#   approving an item, then reloading the queue  target 50 ms
# In the program, as the console runs it (benches/queue.rs): the queue's first page (100 items
# with their columns and what each lacks) and its count, read together, as the Queue tab reads them
# (before issue 21's paging, the whole queue). Each run approves items of the cached databases'
# queue (government and repost items; about 3,000 wait there).
#
#   benches/queue.sh [--write]    (--write also records the table in docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
. benches/cache.sh

out=$(cargo bench --quiet --bench queue -- "$RUNS" "sqlite://$lite" "$PG_BENCH")
rows=()
fail=0
while read -r backend pending open_median open_max approve_median approve_max approved; do
    pass=$(awk -v o="$open_max" -v a="$approve_max" 'BEGIN { print (o < 200 && a < 50) ? "pass" : "FAIL" }')
    [ "$pass" = pass ] || fail=1
    suite_row "opening the queue ($pending items, max)" "$backend" "< 200 ms" "$open_max ms" "$(awk -v o="$open_max" 'BEGIN { print (o < 200) ? "pass" : "FAIL" }')"
    suite_row "approving an item + the queue's reload (max of $approved)" "$backend" "< 50 ms" "$approve_max ms" "$(awk -v a="$approve_max" 'BEGIN { print (a < 50) ? "pass" : "FAIL" }')"
    rows+=("| $backend | $pending | $open_median ms (max $open_max) | $approve_median ms (max $approve_max), $approved approvals | $pass |")
done <<<"$out"
table=$(
    echo "| backend | items in the queue | opening the queue, median | approving + reloading the queue, median | result |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
)
echo "$table"
echo "$RUNS runs; machine: $machine"
if [ "${1:-}" = --write ]; then
    record queue "The review queue (issue 5)" "Measured $(date +%F) by \`benches/queue.sh\` ($RUNS runs; as many approvals) on $machine, on the demo databases ($sizes), in the program as the console runs it (its first page and its count). Targets: opening the queue < 200 ms, approving an item with the queue's reload < 50 ms (the maximum is what is checked).

$table"
fi
exit $fail
