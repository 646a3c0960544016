#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/run.sh BUILD_DIR: runs every benchmark program and prints its table, then the
# allocator benchmark of bench/malloc/run.sh.
set -euo pipefail
build=${1:-build}
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo
  echo "== $(basename "$b")"
  "$b"
done
echo
echo "== Kbuild (bench/kbuild/run.sh)"
"$(dirname "$0")/kbuild/run.sh" "$build"
echo
echo "== KUnit (bench/kunit/run.sh; UKMEM_BENCH_UML=1 adds kunit.py's User-Mode Linux)"
"$(dirname "$0")/kunit/run.sh" "$build"
echo
echo "== KFENCE on a real program (bench/kfence/program.sh)"
"$(dirname "$0")/kfence/program.sh" "$build"
echo
echo "== allocators (bench/malloc/run.sh)"
"$(dirname "$0")/malloc/run.sh" "$build"
