#!/usr/bin/env bash
# Issue 25: a provincial platform's overview. `sites --format json` (and the console's overview,
# which calls the same use case, usecase::sites::summaries) works out every site's figures:
#   target < 500 ms at 10,000,000 items over 120 sites (the suite's database).
# Timed as a person runs it: the release binary, start to end, RUNS times (median, max), on the
# cached PostgreSQL database of PG_ITEMS items over SITES sites (benches/cache.sh). The SQLite
# database is not measured (one site); ITEMS only names the one cache.sh makes beside it.
#
#   PG_ITEMS=1000000 SITES=120 ITEMS=1000 benches/sites.sh [--write]
#   PG_DB=portal_mine PG_ITEMS=100000 SITES=12 ITEMS=1000 benches/sites.sh (a database of one's own)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
ITEMS=${ITEMS:-1000}
SITES=${SITES:-120}
PG_ITEMS=${PG_ITEMS:-10000000}
. benches/cache.sh

times=()
for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s%N)
    "$bin" --db "$PG_URL" "${site_args[@]}" sites --format json >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(sed -n "$(((RUNS + 1) / 2))p" <<<"$sorted")
max=$(tail -1 <<<"$sorted")
count=$("$bin" --db "$PG_URL" "${site_args[@]}" sites --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
pass=$([ "$median" -lt 500 ] && echo pass || echo FAIL)
suite_row "sites --format json, $count sites" PostgreSQL "< 500 ms" "$median ms" "$pass"
table="| what | database | sites | median of $RUNS | max | target | result |
| --- | --- | --- | --- | --- | --- | --- |
| \`sites --format json\` (the console's overview: the same use case) | PostgreSQL, $PG_ITEMS items | $count | $median ms | $max ms | < 500 ms at 10,000,000 items | $pass |

$machine; load $(cut -d' ' -f1-3 /proc/loadavg). $PG_ITEMS items over $SITES sites (cache: $PG_BUILT).
Run: \`PG_ITEMS=$PG_ITEMS SITES=$SITES ITEMS=$ITEMS benches/sites.sh --write\`. The target's size, 10,000,000 items
over 120 sites, and what a run at it needs: docs/scaling.md."
echo "$table"
if [ "${1:-}" = --write ]; then
    record sites "The sites' overview (issue 25)" "$table"
fi
