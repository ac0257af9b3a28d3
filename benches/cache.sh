# Sourced by the benchmark scripts: builds the release binary and, once, the demo databases they
# measure, cached: SQLite in benches/cache/ (ITEMS items, one site; default 1,000,000) and
# PostgreSQL on the local server (PG_ITEMS items spread over SITES sites, each with the built-in
# column table and units; default the same 1,000,000 items on one site, database portal_bench_1m).
# The suite (benches/suite.sh) asks for PG_ITEMS=10000000 SITES=120. Sets bin, lite, PG_URL,
# PG_SITE (the site measured: the middle one of many, none of one), PG_BENCH (the URL with the
# site, as the in-program benchmarks take it), site_args (`--site CODE` for the real binary on
# PostgreSQL, or nothing), AT, YEAR and machine; defines `record`, `session_of` and `suite_row`.
# PG_DB, when set, names the PostgreSQL database instead (one's own, beside the suite's caches).
# Big builds run under `nice -n 19`, so the machine's other work goes first.

# record NAME HEADING TEXT: writes TEXT into docs/performance.md between <!-- NAME:start --> and
# <!-- NAME:end -->, or as a new section under HEADING the first time.
record() {
    python3 - "$@" <<'PY'
import re, sys
name, heading, body = sys.argv[1:]
path = "docs/performance.md"
text = open(path).read()
block = f"<!-- {name}:start -->\n{body}\n<!-- {name}:end -->"
pattern = re.compile(rf"<!-- {name}:start -->.*?<!-- {name}:end -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda m: block, text)
else:
    text += f"\n## {heading}\n\n{block}\n"
open(path, "w").write(text)
PY
}

# session_of OUTPUT: the settings of the store's PostgreSQL connections (store::POSTGRES_SESSION)
# from an in-program bench's OUTPUT (its `session` line, benches/common `print_session`), as
# PGOPTIONS takes them: psql then runs a statement's SQL as the store runs it.
session_of() {
    awk '$1 == "session" { $1 = ""; print; exit }' <<<"$1"
}

# suite_row FIGURE BACKEND TARGET MEASURED PASS [RATIO]: one row of the suite's table, appended to
# $SUITE_OUT when the suite runs this script (nothing otherwise). Fields are separated by `|`.
suite_row() {
    if [ -n "${SUITE_OUT:-}" ]; then
        printf '%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" "$5" "${6:-}" >>"$SUITE_OUT"
    fi
}

ITEMS=${ITEMS:-1000000}
PG_ITEMS=${PG_ITEMS:-$ITEMS}
SITES=${SITES:-1}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/test}
if [ -n "${PG_DB:-}" ]; then
    :
elif [ "$SITES" = 1 ] && [ "$PG_ITEMS" = 1000000 ]; then
    PG_DB=portal_bench_1m
else
    PG_DB=portal_bench_${PG_ITEMS}_${SITES}s
fi
PG_URL=${PG_ADMIN%/*}/$PG_DB
AT=2026-11-27
YEAR=2025
FROM=2021-12-01

# BIN names a release binary built already (the suite's long builds run one that stays put).
if [ -n "${BIN:-}" ]; then
    bin=$BIN
else
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-$PWD/target}/release/portal-admin
fi
mkdir -p benches/cache
if [ "$ITEMS" = 1000000 ]; then lite=$PWD/benches/cache/sqlite-1m.db; else lite=$PWD/benches/cache/sqlite-$ITEMS.db; fi

# The code of the n-th site of many.
site_code() { printf 'c%03d' "$1"; }
if [ "$SITES" = 1 ]; then
    PG_SITE=""
    site_args=()
else
    PG_SITE=$(site_code $(((SITES + 1) / 2)))
    site_args=(--site "$PG_SITE")
fi
PG_BENCH=$PG_URL${PG_SITE:+#$PG_SITE}

if [ ! -s "$lite" ]; then
    echo "building the SQLite demo database ($ITEMS items) …" >&2
    built=$(date +%s)
    nice -n 19 "$bin" --db "sqlite://$lite" demo --items "$ITEMS" --seed 2023 --from "$FROM" --to "$AT" >&2
    echo "built in $(($(date +%s) - built)) s" >"$lite.built"
fi
if ! psql "$PG_ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    echo "building the PostgreSQL demo database ($PG_ITEMS items, $SITES sites) …" >&2
    psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_DB"
    built=$(date +%s)
    # Marked complete only at the end: a build cut short is dropped and made again.
    psql "$PG_URL" -qc "COMMENT ON DATABASE $PG_DB IS 'building'"
    # The text indexes (GIN: trigrams, bigrams, initials) cost far more kept up row by row than
    # built once: `init` makes the schema, they are set aside (their definitions kept as the schema
    # made them) while the items load, and built again at the end, exactly as they were.
    if [ "$SITES" = 1 ]; then
        nice -n 19 "$bin" --db "$PG_URL" init >/dev/null || failed=1
    else
        nice -n 19 "$bin" --db "$PG_URL" --site "$(site_code 1)" init --name "县级门户网站 $(site_code 1)" >/dev/null || failed=1
    fi
    gin=$(psql "$PG_URL" -tAc "SELECT indexname || '|' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% USING gin %' ORDER BY indexname <> 'item_texts_bigrams', indexname")
    while IFS='|' read -r name _; do
        [ -z "$name" ] || psql "$PG_URL" -qc "DROP INDEX $name"
    done <<<"$gin"
    if [ -n "${failed:-}" ]; then
        :
    elif [ "$SITES" = 1 ]; then
        nice -n 19 "$bin" --db "$PG_URL" demo --items "$PG_ITEMS" --seed 2023 --from "$FROM" --to "$AT" >&2 || failed=1
    else
        # Each site gets the built-in column table and units, and its share of the items (the first
        # sites one more when they do not divide evenly), from a seed of its own. The first site
        # made the schema; then BUILD_JOBS sites load at a time (default 2: one generates its
        # items while the server writes another's), each in its own transaction.
        demo_site() {
            local code share
            code=$(site_code "$1")
            share=$((PG_ITEMS / SITES + ($1 <= PG_ITEMS % SITES ? 1 : 0)))
            nice -n 19 "$bin" --db "$PG_URL" --site "$code" demo --items "$share" --seed $((2023 + $1)) --from "$FROM" --to "$AT" >&2
        }
        load_site() {
            nice -n 19 "$bin" --db "$PG_URL" --site "$(site_code "$1")" init --name "县级门户网站 $(site_code "$1")" >/dev/null &&
                demo_site "$1"
        }
        demo_site 1 || failed=1
        pids=()
        for n in $(seq 2 "$SITES"); do
            [ -z "${failed:-}" ] || break
            load_site "$n" &
            pids+=($!)
            if [ ${#pids[@]} -ge "${BUILD_JOBS:-2}" ]; then
                wait "${pids[0]}" || failed=1
                pids=("${pids[@]:1}")
            fi
        done
        for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    fi
    if [ -z "${failed:-}" ]; then
        # BUILD_JOBS indexes at a time (PostgreSQL 15 builds a GIN index on one core), the longest
        # (the bigrams) first, each with INDEX_MEM of memory (default 3GB): a GIN build gathers
        # keys in that memory and merges them into the index each time it fills, so more memory
        # means fewer, larger merges.
        # A new build starts as soon as any one ends (`wait -n`): the bigram index takes several
        # times as long as the others, which build beside it one after another.
        indexed=$(date +%s)
        running=0
        while IFS='|' read -r name def; do
            [ -n "$name" ] || continue
            if [ "$running" -ge "${BUILD_JOBS:-2}" ]; then
                wait -n || failed=1
                running=$((running - 1))
            fi
            (
                started=$(date +%s)
                psql "$PG_URL" -qc "SET maintenance_work_mem = '${INDEX_MEM:-3GB}'" -c "$def" &&
                    echo "  $name in $(($(date +%s) - started)) s" >&2
            ) &
            running=$((running + 1))
        done <<<"$gin"
        while [ "$running" -gt 0 ]; do
            wait -n || failed=1
            running=$((running - 1))
        done
        echo "text indexes built again in $(($(date +%s) - indexed)) s" >&2
    fi
    if [ -n "${failed:-}" ]; then
        psql "$PG_ADMIN" -qc "DROP DATABASE $PG_DB"
        exit 1
    fi
    # Sites of fewer than 10,000 items are not analysed by their own load: the planner's
    # statistics of the whole database, once.
    # VACUUM as well: a table fresh from a bulk load has no visibility map and no hint bits, so the
    # first benchmarks would pay for setting them (and autovacuum would run under them).
    psql "$PG_URL" -qc "VACUUM (ANALYZE)"
    seconds=$(($(date +%s) - built))
    psql "$PG_URL" -qc "COMMENT ON DATABASE $PG_DB IS 'built in $seconds s'"
fi
if psql "$PG_URL" -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$PG_DB'" | grep -q '^building'; then
    echo "the PostgreSQL demo database $PG_DB was left half-built; drop it (psql -c 'DROP DATABASE $PG_DB') and run again" >&2
    exit 1
fi
PG_BUILT=$(psql "$PG_URL" -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$PG_DB'")
# Bring databases built by an older portal-admin to the current schema (nothing otherwise).
"$bin" --db "sqlite://$lite" init >&2
"$bin" --db "$PG_URL" "${site_args[@]}" init >&2
machine="$(uname -sm), $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB"
sizes="SQLite $ITEMS items on one site; PostgreSQL $PG_ITEMS items over $SITES site$([ "$SITES" = 1 ] || echo s)${PG_SITE:+, measured on site $PG_SITE}"
