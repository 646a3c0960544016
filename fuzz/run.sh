#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# fuzz/run.sh BUILD SECONDS [TARGET...]: runs each libFuzzer harness of BUILD/fuzz (made by
# `make fuzz`) for SECONDS, one after another, on one core. Each keeps its corpus in
# BUILD/corpus/<target> (started from fuzz/corpus/<target> and fuzz/regressions/<target>),
# writes crashes to BUILD/crashes/<target>/ and its log to BUILD/logs/<target>.log; the
# last lines of each log (libFuzzer's final statistics) are printed. Exit status 1 if a
# fuzzer stopped on a crash.
set -u
build=$1 seconds=$2
shift 2
src=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- boot replay ctl user
status=0
for t in "$@"; do
	mkdir -p "$build/corpus/$t" "$build/crashes/$t" "$build/logs"
	log=$build/logs/$t.log
	echo "fuzz_$t: $seconds s (log: $log)"
	"$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
		-close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$build/crashes/$t/" \
		"$build/corpus/$t" "$src/corpus/$t" "$src/regressions/$t" >"$log" 2>&1 || status=1
	grep -E '^(#[0-9]+[[:space:]]+DONE|Done |stat::|SUMMARY|==[0-9]+==ERROR)' "$log" | sed "s/^/  /"
	echo "  corpus: $(ls "$build/corpus/$t" | wc -l) files; crashes: $(ls "$build/crashes/$t" | wc -l)"
done
exit $status
