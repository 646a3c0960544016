#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# scripts/check-under-load.sh [RUNS]: `make check` RUNS times in a row (default 3) while
# another build runs beside it the whole time: a copy of this tree (a git worktree of
# HEAD in a temporary directory) cleaned and rebuilt with `make -j2`-style
# `cmake --build -j2`, again and again. Every test must hold on a machine this busy.
# Prints each run's start, end, exit status and ctest's summary lines, the load average,
# and how many times the other build finished; exits non-zero if a run failed.
set -uo pipefail
runs=${1:-3}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ukmem-check-load.XXXXXX)
cleanup() {
	[ -n "${load:-}" ] && kill -- -"$load" 2>/dev/null
	wait 2>/dev/null
	git -C "$src" worktree remove --force "$work/tree" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT

git -C "$src" worktree add --detach "$work/tree" HEAD >/dev/null 2>&1 || exit 1
cmake -S "$work/tree" -B "$work/tree/build" -DUKMEM_WERROR=ON >/dev/null 2>&1 || exit 1
# the other build, in its own process group so that it can be stopped whole
set -m
(
	while :; do
		cmake --build "$work/tree/build" --target clean >/dev/null 2>&1
		cmake --build "$work/tree/build" -j2 >/dev/null 2>&1
		echo done >> "$work/load.count"
	done
) &
load=$!
set +m

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "tree: $(git -C "$src" log -1 --format='%h %s' | cut -c1-100)"
failed=0
for ((i = 1; i <= runs; i++)); do
	start=$(date +%s)
	echo "run $i: started $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
	make -C "$src" check JOBS=2 > "$work/run.$i.log" 2>&1
	status=$?
	echo "run $i: ended $(date +%T) after $(( $(date +%s) - start )) s, status $status," \
	     "load $(cut -d' ' -f1-3 /proc/loadavg)"
	grep -E "tests passed|tests failed|\(Failed\)|\(Timeout\)" "$work/run.$i.log" | sed 's/^/  /'
	if [ $status -ne 0 ]; then
		failed=1
		cp "$work/run.$i.log" "$src/check-under-load.run$i.log"
		echo "  (log kept in check-under-load.run$i.log)"
	fi
done
echo "the other build finished $(wc -l < "$work/load.count" 2>/dev/null || echo 0) times meanwhile"
exit $failed
