#!/usr/bin/env bash
# Issue 26: `audit verify` walks 1,000,000 audit records in under 10 s, on SQLite and PostgreSQL
# (benches/audit_verify.rs). The databases hold the built-in site and a trail of RECORDS records
# (default 1,000,000), made here once and cached: benches/cache/audit-RECORDS.db and the
# PostgreSQL database portal_bench_audit_RECORDS. PG_ADMIN must be a superuser's URL (the trail is
# filled with the triggers off for that session).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-1000000}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/test}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/portal-admin
mkdir -p benches/cache
lite=$PWD/benches/cache/audit-$RECORDS.db
[ -s "$lite" ] || "$bin" --db "sqlite://$lite" init >/dev/null
pg_db=portal_bench_audit_$RECORDS
pg=${PG_ADMIN%/*}/$pg_db
if ! psql "$PG_ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$pg_db'" | grep -q 1; then
    psql "$PG_ADMIN" -qc "CREATE DATABASE $pg_db"
    "$bin" --db "$pg" init >/dev/null
fi
machine="$(uname -sm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$machine"
for url in "sqlite://$lite" "$pg"; do
    cargo bench --quiet --bench audit_verify -- "$url" "$RECORDS"
done
