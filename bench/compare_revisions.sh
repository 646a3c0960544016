#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/compare_revisions.sh BUILD BASE_REV [ROUNDS]: the allocation fast paths of this
# tree (the programs in BUILD/bench) against the same programs built from BASE_REV, run
# alternately ROUNDS times (default 7; the side that goes first alternates too):
# bench_page_alloc (static, ukmem's column only) and bench_slab_shared's workloads a and b
# (through libukmem.so). Both sides run this tree's bench_page_alloc.c and bench_slab.c
# (they use only the public API), so the two sides measure the same way. Prints, per row, the median of ukmem's ns per pair on each side with the
# runs' min-max, and the ratio of the medians (after / before). The raw figures are kept
# in BUILD/compare-results.txt.
set -euo pipefail
build=$(cd "${1:?usage: bench/compare_revisions.sh BUILD BASE_REV [ROUNDS]}" && pwd)
base=${2:?usage: bench/compare_revisions.sh BUILD BASE_REV [ROUNDS]}
rounds=${3:-7}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ukmem-compare.XXXXXX)
cleanup() {
  git -C "$src" worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "before: $(git -C "$src" log -1 --format='%h %s' "$base" | cut -c1-100)"
echo "after:  $(git -C "$src" log -1 --format='%h' HEAD)$(git -C "$src" diff --quiet HEAD || echo ' + uncommitted changes')"
git -C "$src" worktree add --detach "$work/src" "$base" >/dev/null 2>&1
cp "$src/bench/bench_page_alloc.c" "$src/bench/bench_slab.c" "$src/bench/bench.h" "$work/src/bench/"
type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE="${type:-RelWithDebInfo}" \
  -DUKMEM_TESTS=OFF >"$work/cmake.log" 2>&1
cmake --build "$work/build" -j"$(nproc)" --target bench_page_alloc bench_slab_shared \
  >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }

# One run of both programs of one side: lines "side|row|ns".
run_side() {
  local side=$1 dir=$2
  "$dir/bench/bench_page_alloc" 200000 ukmem 2>/dev/null |
    awk -v s="$side" '/^order/ { split(substr($0, 35), f, " "); print s "|" substr($0, 1, 34) "|" f[1] }'
  "$dir/bench/bench_slab_shared" ab 2>/dev/null |
    awk -v s="$side" '/^\([ab]\)/ { t = substr($0, 27); gsub(/\([^)]*\)/, "", t); split(t, f, " ");
                        print s "|" substr($0, 1, 26) " kmem_cache|" f[1];
                        print s "|" substr($0, 1, 26) " kmalloc|" f[2] }'
}

for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then
    run_side before "$work/build"; run_side after "$build"
  else
    run_side after "$build"; run_side before "$work/build"
  fi
done >"$work/results"
cp "$work/results" "$build/compare-results.txt"

python3 - "$work/results" "$rounds" <<'EOF'
import statistics, sys
rows, order = {}, []
for line in open(sys.argv[1]):
    side, row, ns = line.rstrip("\n").split("|")
    row = " ".join(row.split())
    if not ns.replace(".", "", 1).isdigit():
        continue        # a column the workload has no figure for ("-")
    if row not in rows:
        rows[row] = {"before": [], "after": []}
        order.append(row)
    rows[row][side].append(float(ns))
print(f"\nns per alloc+free pair, median of {sys.argv[2]} alternating runs (min-max)\n")
print(f"| {'workload':<44} | {'before':>20} | {'after':>20} | after/before |")
print(f"|{'-' * 46}|{'-' * 21}:|{'-' * 21}:|-------------:|")
for row in order:
    b, a = rows[row]["before"], rows[row]["after"]
    if not b or not a:
        continue
    mb, ma = statistics.median(b), statistics.median(a)
    cell = lambda m, v: f"{m:.1f} ({min(v):.1f}-{max(v):.1f})"
    print(f"| {row:<44} | {cell(mb, b):>20} | {cell(ma, a):>20} | {ma / mb:12.3f} |")
EOF
