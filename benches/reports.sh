#!/usr/bin/env bash
# Times the reports of issue 3 on the cached demo databases (benches/cache.sh), on SQLite and PostgreSQL:
#   stale          target 100 ms, and within 1.5x of its own SQL
#   scores --year  target 500 ms, and within 1.5x of its own SQL
# The program's figure is the report computed inside one running program, as the console computes
# it (benches/reports_in_process.rs: the store opened once, the report run RUNS times). Its SQL is
# every statement the report runs, with the values bound, run RUNS times by one sqlite3/psql
# process, less that process's start. The ratio compares means. Beside them, the fastest whole
# `portal-admin` command (process start and connection included). The demo databases are built once
# and cached (benches/cache/ for SQLite, database portal_bench_1m on the local PostgreSQL server).
#
#   benches/reports.sh [--write]    (--write also records the table in docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
. benches/cache.sh

# The mean time, in ms, of one run of a report's SQL in sqlite3/psql: one process runs the
# statements RUNS times (rows printed, as a client reads them); less a process that runs them none.
sql_mean() { # backend sql
    local script start end empty
    script=$(for _ in $(seq 1 "$RUNS"); do echo "$2"; done)
    run() { if [ "$1" = SQLite ]; then sqlite3 "$lite"; else PGOPTIONS="$session" psql "$PG_URL" -qAt; fi; }
    empty=0
    for pass in empty full; do
        start=$(date +%s%N)
        if [ $pass = empty ]; then echo "SELECT 1;" | run "$1" >/dev/null; else echo "$script" | run "$1" >/dev/null; fi
        end=$(date +%s%N)
        if [ $pass = empty ]; then empty=$((end - start)); fi
    done
    awk -v full=$((end - start)) -v empty=$empty -v runs="$RUNS" 'BEGIN { printf "%.1f", (full - empty) / runs / 1000000 }'
}
best_ms() { # fastest whole command, ms
    local best=""
    for _ in $(seq 1 "$RUNS"); do
        local start end ms
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        ms=$(((end - start) / 100000))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    awk -v b="$best" 'BEGIN { printf "%.1f", b / 10 }'
}

# The program's figures, and each report's own SQL: every statement it runs, exactly as the store
# runs it (store::hot_statements), with the values it binds written in.
in_process=$(cargo bench --quiet --bench reports_in_process -- "$AT" "$YEAR" "$RUNS" "sqlite://$lite" "$PG_BENCH")
session=$(session_of "$in_process")
rows=()
fail=0
for backend in SQLite PostgreSQL; do
    db=$([ $backend = SQLite ] && echo "sqlite://$lite" || echo "$PG_URL")
    site=()
    if [ $backend = PostgreSQL ]; then site=("${site_args[@]}"); fi
    for report in stale scores; do
        if [ $report = stale ]; then target=100; args=(stale --at "$AT"); else target=500; args=(scores --year "$YEAR"); fi
        sql=$(sed -n "s/^sql $report $backend //p" <<<"$in_process")
        [ -n "$sql" ] || { echo "no SQL for $report on $backend" >&2; exit 1; }
        read -r prog_best prog_median prog_mean < <(awk -v r=$report -v b=$backend '$1 == r && $2 == b { print $3, $4, $5 }' <<<"$in_process")
        sql=$(sql_mean $backend "$sql")
        whole=$(best_ms "$bin" --db "$db" "${site[@]}" "${args[@]}" --format csv)
        ratio=$(awk -v a="$prog_mean" -v b="$sql" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        pass=$(awk -v a="$prog_mean" -v t="$target" -v r="$ratio" 'BEGIN { print (a < t && r <= 1.5) ? "pass" : "FAIL" }')
        [ "$pass" = pass ] || fail=1
        suite_row "\`${args[*]}\` (in the program, mean)" "$backend" "< $target ms, ≤ 1.5× its SQL" "$prog_mean ms (its SQL $sql ms)" "$pass" "${ratio}×"
        rows+=("| \`${args[*]}\` | $backend | $prog_mean ms (median $prog_median, fastest $prog_best) | < $target ms | $sql ms | ${ratio}× | $whole ms | $pass |")
    done
done

table=$(
    echo "| report | backend | in the program, mean | target | its SQL in sqlite3/psql, mean | ratio | whole command, fastest | result |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
)
machine="$machine; sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(psql --version)"
echo "$table"
echo "$RUNS runs each; $sizes; machine: $machine"
if [ "${1:-}" = --write ]; then
    record reports "The reports (issue 3)" "Measured $(date +%F) by \`benches/reports.sh\` ($RUNS runs each) on $machine, on the demo databases ($sizes). The program's figure is the report computed inside one running program, as the console does; its SQL is every statement the report runs, run $RUNS times by one sqlite3/psql process, less that process's start; the whole command includes process start and connection.

$table"
fi
exit $fail
