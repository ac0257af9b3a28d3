# Sourced by the benchmark scripts: builds the release binary and, once, the 1,000,000-item demo
# databases they measure (benches/cache/ for SQLite, database portal_bench_1m on the local
# PostgreSQL server). Sets bin, lite, PG_URL, AT, YEAR and machine, and defines `record`.

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
ITEMS=${ITEMS:-1000000}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/test}
PG_DB=portal_bench_1m
PG_URL=${PG_ADMIN%/*}/$PG_DB
AT=2026-11-27
YEAR=2025

cargo build --release --quiet
bin=$PWD/target/release/portal-admin
mkdir -p benches/cache
lite=$PWD/benches/cache/sqlite-1m.db
demo=(demo --items "$ITEMS" --seed 2023 --from 2021-12-01 --to "$AT")

if [ ! -s "$lite" ]; then
    echo "building the SQLite demo database ($ITEMS items) …" >&2
    "$bin" --db "sqlite://$lite" "${demo[@]}" >&2
fi
if ! psql "$PG_ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    echo "building the PostgreSQL demo database ($ITEMS items) …" >&2
    psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_DB"
    if ! "$bin" --db "$PG_URL" "${demo[@]}" >&2; then
        psql "$PG_ADMIN" -qc "DROP DATABASE $PG_DB"
        exit 1
    fi
fi
# Bring databases built by an older portal-admin to the current schema (nothing otherwise).
"$bin" --db "sqlite://$lite" init >&2
"$bin" --db "$PG_URL" init >&2
machine="$(uname -sm), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
