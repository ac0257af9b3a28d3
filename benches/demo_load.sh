#!/usr/bin/env bash
# Measures `portal-admin demo --items N` on a fresh SQLite file (issue 2: 1,000,000 items in under
# 2 minutes), and that the same seed gives the same data (export digests of two loads of N/10).
#
#   benches/demo_load.sh [ITEMS]        (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-1000000}
cargo build --release --quiet
bin=target/release/portal-admin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
"$bin" --db "sqlite://$work/load.db" demo --items "$items" --seed 2023 --from 2021-12-01 --to 2026-11-27 >/dev/null
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
size=$(du -m "$work/load.db" | cut -f1)

small=$((items / 10))
for run in a b; do
    "$bin" --db "sqlite://$work/$run.db" demo --items "$small" --seed 7 --from 2025-01-01 --to 2025-12-31 >/dev/null
done
digest_a=$("$bin" --db "sqlite://$work/a.db" export | sha256sum | cut -c1-16)
digest_b=$("$bin" --db "sqlite://$work/b.db" export | sha256sum | cut -c1-16)
same=$([ "$digest_a" = "$digest_b" ] && echo yes || echo NO)

target=120
pass=$(awk -v s="$seconds" -v t="$target" 'BEGIN { print (s < t) ? 1 : 0 }')
printf '%-44s %10s %10s %6s\n' figure measured target result
printf '%-44s %9.1fs %9ss %6s\n' "demo --items $items on SQLite (${size} MB)" "$seconds" "$target" "$([ "$pass" = 1 ] && echo pass || echo FAIL)"
printf '%-44s %10s %10s %6s\n' "same seed, same export ($small items)" "$same" yes "$([ "$same" = yes ] && echo pass || echo FAIL)"
printf 'machine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(free -h | awk '/Mem:/ {print $2}') memory"
[ "$pass" = 1 ] && [ "$same" = yes ]
