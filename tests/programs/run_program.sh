#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# run_program.sh PRELOAD NAME: runs the real-program workload NAME (workloads.sh) once
# with the system's malloc and once with LD_PRELOAD=PRELOAD, on the same inputs, and
# passes only if the preloaded run succeeds, prints exactly the same stdout, and writes
# nothing to stderr that the plain run did not. On a mismatch it shows the diff.
# Exit status: 0 pass, 1 fail, 2 usage or environment error.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PRELOAD NAME" >&2
  exit 2
fi
preload=$1
name=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=workloads.sh
source "$here/workloads.sh"

case " ${WORKLOADS[*]} " in
  *" $name "*) ;;
  *) echo "run_program: unknown workload '$name' (known: ${WORKLOADS[*]})" >&2; exit 2 ;;
esac
if [ ! -f "$preload" ]; then
  echo "run_program: no preload library at '$preload'" >&2
  exit 2
fi
preload=$(cd "$(dirname "$preload")" && pwd)/$(basename "$preload")

# CI may run with HOME unset; nothing below reads it, but some programs look.
export HOME=${HOME:-/nonexistent}
unset LD_PRELOAD
work=$(mktemp -d "${TMPDIR:-/tmp}/ukmem-program-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/inputs"

fail() {
  echo "run_program $name: FAIL: $*" >&2
  exit 1
}

# Prints a file on stderr under a heading, at most 60 lines of it.
show() {
  echo "--- $1" >&2
  head -n 60 "$2" >&2
}

if ! "workload_setup_$name" "$work/inputs" >"$work/setup.log" 2>&1; then
  show "setup output" "$work/setup.log"
  echo "run_program $name: setup failed" >&2
  exit 2
fi

# One run of the workload, with LD_PRELOAD="$2" for the programs it runs (the only
# difference between the runs; timeout and the shells stay on the system's malloc). A
# run that hangs is ended after $limit seconds, with every process it started (timeout
# signals its whole process group, which includes a redis-server).
limit=${UKMEM_PROGRAM_TIMEOUT:-240}
run() {
  local label=$1 library=$2 status=0 start=$EPOCHREALTIME
  timeout -k 10 "$limit" bash -c 'source "$1"; LD_PRELOAD=$4 "workload_run_$2" "$3"' _ \
    "$here/workloads.sh" "$name" "$work/inputs" "$library" \
    >"$work/$label.out" 2>"$work/$label.err" || status=$?
  echo "$status" >"$work/$label.status"
  awk -v label="$label" -v start="$start" -v end="$EPOCHREALTIME" \
    'BEGIN { printf "%s %.2fs", label, end - start }' >"$work/$label.time"
}

# The preload must reach the programs: one started as the workloads start theirs maps it.
bash -c 'source "$1"; LD_PRELOAD=$2 workload_fresh_shell workload_program_maps /' _ \
  "$here/workloads.sh" "$preload" >"$work/maps" 2>&1 || true
if ! grep -qF "$preload" "$work/maps"; then
  fail "a program started by the workloads does not map $preload"
fi

run plain ""
if [ "$(cat "$work/plain.status")" -ne 0 ]; then
  show "stderr of the run without preload" "$work/plain.err"
  echo "run_program $name: the run WITHOUT preload failed (status $(cat "$work/plain.status")): environment problem" >&2
  exit 2
fi
run preload "$preload"

status=$(cat "$work/preload.status")
if [ "$status" -ne 0 ]; then
  show "stderr with LD_PRELOAD=$preload" "$work/preload.err"
  [ "$status" -ne 124 ] || fail "still running after ${limit}s with LD_PRELOAD=$preload"
  fail "exit status $status with LD_PRELOAD=$preload (0 without)"
fi
if ! cmp -s "$work/plain.out" "$work/preload.out"; then
  diff -u --label "stdout without preload" --label "stdout with LD_PRELOAD" \
    "$work/plain.out" "$work/preload.out" | head -n 80 >&2 || true
  fail "stdout differs with LD_PRELOAD=$preload"
fi
if ! cmp -s "$work/plain.err" "$work/preload.err"; then
  diff -u --label "stderr without preload" --label "stderr with LD_PRELOAD" \
    "$work/plain.err" "$work/preload.err" | head -n 80 >&2 || true
  fail "unexpected stderr with LD_PRELOAD=$preload"
fi
lines=$(wc -l <"$work/plain.out")
if [ "$lines" -eq 0 ]; then
  fail "the workload printed nothing to compare"
fi
echo "run_program $name: PASS: $lines lines of stdout identical with and without" \
     "LD_PRELOAD=$preload${UKMEM_CMDLINE:+ UKMEM_CMDLINE=\"$UKMEM_CMDLINE\"}" \
     "($(cat "$work/plain.time"), $(cat "$work/preload.time"))"
