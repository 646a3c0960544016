#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/kfence/program.sh [BUILD_DIR] [ROUNDS]: KFENCE's cost on a real program under
# libukmem-malloc. Python runs tests/programs/python_compute.py with PYTHONMALLOC=malloc
# (every object from malloc), ROUNDS times (default 7) with kfence.sample_interval=100
# (Linux's and Debian's default) and with 0 (KFENCE off), in turns (ABBA: the side that
# goes first alternates). Each run's CPU time (user + system) is measured by
# bench/malloc's malloc_runner, and every run's output must equal the first run's.
# Prints both sides' medians with their spread (min-max), and the cost: the median of
# the rounds' ratios (on / off) and the ratio of the lowest runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-7}
runner=$build/bench/malloc/malloc_runner
preload=$build/malloc/libukmem-malloc.so
script=$root/tests/programs/python_compute.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$runner" "$preload" /usr/bin/python3; do
	[ -x "$f" ] || [ -f "$f" ] || { echo "kfence/program.sh: $f is missing" >&2; exit 1; }
done
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$root" log -1 --format=%h 2>/dev/null || echo unknown)"
run() {	# run SIDE INTERVAL: one measured run; its output kept for the comparison
	local side=$1 interval=$2
	UKMEM_CMDLINE="kfence.sample_interval=$interval" PYTHONMALLOC=malloc \
		"$runner" -o "$tmp/$side.times" -p "$preload" -- \
		/usr/bin/python3 -s "$script" > "$tmp/out" 2>/dev/null
	if [ -f "$tmp/reference" ]; then
		cmp -s "$tmp/out" "$tmp/reference" || { echo "kfence/program.sh: $side: output differs" >&2; exit 1; }
	else
		mv "$tmp/out" "$tmp/reference"
	fi
}
for ((r = 0; r < rounds; r++)); do
	if ((r % 2)); then run off 0; run on 100; else run on 100; run off 0; fi
done
# malloc_runner's line: WALL PEAK_RSS_KIB EXIT CPU
paste "$tmp/on.times" "$tmp/off.times" | awk -v n="$rounds" '
function median(a, k,   i, j, t) {
	for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
{ on[NR] = $4; off[NR] = $8; ratio[NR] = $4 / $8; if ($3 != 0 || $7 != 0) bad = 1 }
END {
	if (bad) { print "kfence/program.sh: a run failed"; exit 1 }
	for (i = 1; i <= n; i++) { o[i] = on[i]; f[i] = off[i] }
	mon = median(o, n); lon = o[1]; hon = o[n]
	moff = median(f, n); loff = f[1]; hoff = f[n]
	printf "python_compute.py, CPU seconds, %d rounds, median (min-max):\n", n
	printf "  kfence.sample_interval=0:   %.3f (%.3f-%.3f)\n", moff, loff, hoff
	printf "  kfence.sample_interval=100: %.3f (%.3f-%.3f)\n", mon, lon, hon
	printf "  cost: %+.1f%% (median of the rounds), %+.1f%% (lowest runs)\n", (median(ratio, n) - 1) * 100, (lon / loff - 1) * 100
}'
