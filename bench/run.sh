#!/usr/bin/env bash
# bench/run.sh BUILD_DIR: runs every benchmark program and prints its table.
set -euo pipefail
build=${1:-build}
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo
  echo "== $(basename "$b")"
  "$b"
done
