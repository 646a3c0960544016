#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs a Criterion test program under the malloc preload (LD_PRELOAD, set by CTest), and
# runs it once more if -- and only if -- Criterion's runner could not set up a test's
# sandbox ("criterion: Could not initialize test context", "Could not spawn test
# instance"). Criterion's sandbox library (BoxFort) places each shared arena by checking
# with mincore(2) that an address range is free and then mapping it MAP_FIXED; under the
# preload the runner process has the machine's kernel threads, and a thread that maps
# memory (a new worker's stack) between the check and the mapping has its memory taken
# over by the arena, whose header it then overwrites. A test that fails, or a crash of
# anything else, fails at once.
# Usage: run_under_preload.sh PROGRAM [ARGS...]
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
for attempt in 1 2; do
	"$@" > "$out" 2>&1
	status=$?
	cat "$out"
	[ $status -eq 0 ] && exit 0
	grep -qE "^criterion: (Could not initialize test context|Could not spawn test instance)" \
		"$out" || exit $status
	echo "run_under_preload: Criterion's runner could not set up a test (attempt $attempt)"
done
exit $status
