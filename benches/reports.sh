#!/usr/bin/env bash
# Times the reports of issue 3 on the 1,000,000-item demo database, on SQLite and PostgreSQL:
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

# The reports' own SQL: every statement the program runs for the report (src/store/sql.rs), with
# the values bound.
before="${AT}T16:00:00+00:00"
documents="SELECT d.id, d.number, d.title, c.id AS column_id, c.path, c.rule_kind, c.rule_amount, c.rule_unit, d.issued_on, d.published_at FROM documents d JOIN columns c ON c.id = d.column_id WHERE d.site_id = 1 AND d.issued_on <= '$AT'"
# stale: one statement, the columns with their last updates, the open documents, and the calendar
# (read only when a document is open).
stale_sql() { # JSON_AGG JSON_ARRAY
    echo "WITH open_documents AS ($documents AND d.published_at IS NULL UNION ALL $documents AND d.published_at >= '$before') SELECT (SELECT CAST($1($2(x.id, x.parent_id, x.path, x.level, x.deadline, x.rule_kind, x.rule_amount, x.rule_unit, x.departments, x.note, x.position, x.last_update)) AS TEXT) FROM (SELECT c.*, (SELECT p.online_since FROM placements p WHERE p.site_id = c.site_id AND p.column_id = c.id AND p.online_since IS NOT NULL AND p.online_since < '$before' ORDER BY p.online_since DESC LIMIT 1) AS last_update FROM columns c WHERE c.site_id = 1) x), (SELECT CAST($1($2(o.id, o.number, o.title, o.column_id, o.path, o.rule_kind, o.rule_amount, o.rule_unit, o.issued_on, o.published_at)) AS TEXT) FROM open_documents o), (SELECT CAST($1($2(k.day, k.kind, k.note)) AS TEXT) FROM calendar_days k WHERE EXISTS (SELECT 1 FROM open_documents));"
}
stale_sql_SQLite=$(stale_sql json_group_array json_array)
stale_sql_PostgreSQL=$(stale_sql json_agg json_build_array)
scores_sql="SELECT u.id, u.name, u.full_name, u.kind, COALESCE(p.text, 0), COALESCE(p.image_text, 0), COALESCE(p.video, 0), COALESCE(d.points, 0) FROM units u LEFT JOIN (SELECT unit_id, CAST(SUM(text) AS BIGINT) AS text, CAST(SUM(image_text) AS BIGINT) AS image_text, CAST(SUM(video) AS BIGINT) AS video FROM unit_day_points WHERE site_id = 1 AND day >= '$YEAR-01-01' AND day < '$((YEAR + 1))-01-01' GROUP BY unit_id) p ON p.unit_id = u.id LEFT JOIN (SELECT unit_id, CAST(SUM(points) AS BIGINT) AS points FROM incidents WHERE site_id = 1 AND occurred_on >= '$YEAR-01-01' AND occurred_on < '$((YEAR + 1))-01-01' GROUP BY unit_id) d ON d.unit_id = u.id WHERE u.site_id = 1 ORDER BY u.position;"

# The mean time, in ms, of one run of a report's SQL in sqlite3/psql: one process runs the
# statements RUNS times (rows printed, as a client reads them); less a process that runs them none.
sql_mean() { # backend sql
    local script start end empty
    script=$(for _ in $(seq 1 "$RUNS"); do echo "$2"; done)
    run() { if [ "$1" = SQLite ]; then sqlite3 "$lite"; else psql "$PG_URL" -qAt; fi; }
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

in_process=$(cargo bench --quiet --bench reports_in_process -- "$AT" "$YEAR" "$RUNS" "sqlite://$lite" "$PG_URL")
rows=()
fail=0
for backend in SQLite PostgreSQL; do
    db=$([ $backend = SQLite ] && echo "sqlite://$lite" || echo "$PG_URL")
    for report in stale scores; do
        if [ $report = stale ]; then target=100; sql_var=stale_sql_$backend; sql=${!sql_var}; args=(stale --at "$AT"); else target=500; sql=$scores_sql; args=(scores --year "$YEAR"); fi
        read -r prog_best prog_median prog_mean < <(awk -v r=$report -v b=$backend '$1 == r && $2 == b { print $3, $4, $5 }' <<<"$in_process")
        sql=$(sql_mean $backend "$sql")
        whole=$(best_ms "$bin" --db "$db" "${args[@]}" --format csv)
        ratio=$(awk -v a="$prog_mean" -v b="$sql" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        pass=$(awk -v a="$prog_mean" -v t="$target" -v r="$ratio" 'BEGIN { print (a < t && r <= 1.5) ? "pass" : "FAIL" }')
        [ "$pass" = pass ] || fail=1
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
echo "$RUNS runs each, $ITEMS demo items; machine: $machine"
if [ "${1:-}" = --write ]; then
    record reports "The reports (issue 3)" "Measured $(date +%F) by \`benches/reports.sh\` ($RUNS runs each, $ITEMS demo items) on $machine. The program's figure is the report computed inside one running program, as the console does; its SQL is every statement the report runs, run $RUNS times by one sqlite3/psql process, less that process's start; the whole command includes process start and connection.

$table"
fi
exit $fail
