#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/kunit/run.sh BUILD_DIR [ROUNDS]: the edit-compile-run cycle of one KUnit suite,
# Linux 6.1's lib/list-test.c (57 cases), with `ukmem kunit`: the first build and run
# (empty build directory) and the rebuild and run after the test file is touched.
# Prints medians with their spread (min-max) over ROUNDS rounds.
# With UKMEM_BENCH_UML=1 it also times `kunit.py run` building User-Mode Linux from
# Debian's linux-source-6.1 with the same .kunitconfig (CONFIG_KUNIT=y,
# CONFIG_LIST_KUNIT_TEST=y): once for the first build, once for the rebuild after the
# touch (a UML build takes many minutes; `make bench` leaves it out unless the variable
# is set). Needs the tarball unpacked once (about 1.5 GB, in $UKMEM_BENCH_UML_DIR or
# the build tree).
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
ukmem=$(cd "$build/tools" && pwd)/ukmem
tarball=/usr/src/linux-source-6.1.tar.xz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

top=$(set +o pipefail; tar -tJf "$tarball" 2>/dev/null | head -1 | cut -d/ -f1)
tar -xJf "$tarball" -C "$tmp" "$top/lib/list-test.c"
src=$tmp/$top/lib/list-test.c

now() { date +%s.%N; }
# median and spread of the numbers on stdin, in seconds
stats() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f s (%.3f-%.3f)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

: > "$tmp/first"
: > "$tmp/again"
for ((r = 0; r < rounds; r++)); do
	rm -rf "$tmp/b"
	t0=$(now)
	"$ukmem" kunit -b "$tmp/b" "$src" > "$tmp/out"
	t1=$(now)
	grep -q "Testing complete. Ran 57 tests: passed: 57" "$tmp/out"
	touch "$src"
	t2=$(now)
	"$ukmem" kunit -b "$tmp/b" "$src" > "$tmp/out"
	t3=$(now)
	echo "$t1 - $t0" | bc >> "$tmp/first"
	echo "$t3 - $t2" | bc >> "$tmp/again"
done
echo "ukmem kunit lib/list-test.c ($rounds rounds, median (min-max)):"
echo "  first build + run:          $(stats < "$tmp/first")"
echo "  touch, rebuild + run:       $(stats < "$tmp/again")"

if [ "${UKMEM_BENCH_UML:-0}" != 1 ]; then
	echo "kunit.py run (User-Mode Linux): skipped (UKMEM_BENCH_UML=1 runs it; many minutes)"
	exit 0
fi
uml=${UKMEM_BENCH_UML_DIR:-$(cd "$build" && pwd)/bench-uml}
if [ ! -d "$uml/$top" ]; then
	mkdir -p "$uml"
	tar -xJf "$tarball" -C "$uml"
fi
cd "$uml/$top"
printf 'CONFIG_KUNIT=y\nCONFIG_LIST_KUNIT_TEST=y\n' > "$uml/.kunitconfig"
rm -rf "$uml/out"
t0=$(now)
python3 tools/testing/kunit/kunit.py run --kunitconfig="$uml/.kunitconfig" \
	--build_dir="$uml/out" --jobs="$(nproc)" > "$uml/first.log" 2>&1
t1=$(now)
touch lib/list-test.c
t2=$(now)
python3 tools/testing/kunit/kunit.py run --kunitconfig="$uml/.kunitconfig" \
	--build_dir="$uml/out" --jobs="$(nproc)" > "$uml/again.log" 2>&1
t3=$(now)
tail -1 "$uml/again.log"
echo "kunit.py run (User-Mode Linux, --jobs=$(nproc), one round):"
echo "  first build + run:          $(echo "$t1 - $t0" | bc) s"
echo "  touch, rebuild + run:       $(echo "$t3 - $t2" | bc) s"
