#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# `ukmem kunit` on a suite with planted failures: the failing cases fail with Linux's
# messages, the summary is kunit.py's, the exit status is 1, --filter and
# --one-machine select and group, --json is kunit.py's JSON, Linux 6.1's kunit.py
# parses the --raw_output (found in the corpus's extracted tree), kunit.enable=0 runs
# nothing, --jobs reaches make, a suite that ends its machine is counted crashed while
# the others run (machines run at once with --jobs, their results in suite order),
# modules have debug information only with --debug-info, and --kunitconfig configures a
# directory's Makefile.
# Usage: kunit_tool_test.sh UKMEM SOURCE_DIR WORK_DIR CORPUS_DIR
set -u
ukmem=$1 src=$2 work=$3 corpus=$4
fail() { echo "kunit_tool_test: $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
file=$src/tests/kunit/planted/planted_test.c

"$ukmem" kunit -b "$work/b" "$file" > "$work/out" 2> "$work/err"
status=$?
cat "$work/out" "$work/err"
[ $status -eq 1 ] || fail "exit status $status, want 1"
grep -qx "Testing complete. Ran 8 tests: passed: 2, failed: 4, skipped: 2" "$work/out" || fail "summary"
grep -qx "    # planted_expect: EXPECTATION FAILED at $work/b/planted_test.c:15" "$work/out" ||
	fail "expectation message"
grep -A4 -x "    # planted_expect: EXPECTATION FAILED at $work/b/planted_test.c:15" "$work/out" |
	tr '\n' '|' | grep -qF "    Expected x == y, but|        x == 1|        y == 2|    not ok 2 planted_expect|" ||
	fail "expectation values"
grep -qx "    Expected p != ((void \*)0), but" "$work/out" || fail "assertion message"
grep -q "not reached" "$work/out" && fail "the code after a failed assertion ran"
grep -qx "    ok 4 skipped # SKIP planted skip" "$work/out" || fail "skip"
grep -qx "not ok 1 planted" "$work/out" && grep -qx "not ok 2 second" "$work/out" || fail "numbering"

"$ukmem" kunit -b "$work/b" --filter='second.pass*' "$file" > "$work/filtered" || fail "filtered run"
grep -qx "Testing complete. Ran 1 tests: passed: 1" "$work/filtered" || fail "--filter"
grep -qE "Subtest: planted|ok [0-9]+ planted" "$work/filtered" && fail "--filter ran another suite"
# a suite glob alone: the suites are read from the module file, no machine lists them
"$ukmem" kunit -b "$work/b" --filter='sec*' "$file" > "$work/suite-filtered"
grep -qx "Testing complete. Ran 4 tests: passed: 1, failed: 2, skipped: 1" "$work/suite-filtered" &&
	grep -qx "1..1" "$work/suite-filtered" && grep -qx "not ok 1 second" "$work/suite-filtered" ||
	fail "--filter with a suite glob: $(cat "$work/suite-filtered")"

"$ukmem" kunit -b "$work/b" --one-machine --raw_output --json="$work/json" "$file" > "$work/raw"
[ $? -eq 1 ] || fail "--one-machine exit status"
grep -q "Testing complete" "$work/raw" && fail "--raw_output printed the summary"
kunitpy=$corpus/linux/tools/testing/kunit/kunit.py
python3 "$kunitpy" parse --json="$work/json.py" "$work/raw" > "$work/parsed"
cat "$work/parsed"
grep -q "Testing complete. Ran 8 tests: passed: 2, failed: 4, skipped: 2" "$work/parsed" ||
	fail "kunit.py parse"
grep -q "ERROR" "$work/parsed" && fail "kunit.py found parse errors"
python3 - "$work/json" "$work/json.py" <<'PY' || fail "--json differs from kunit.py's"
import json, sys
def strip(g):
    for k in ('arch', 'defconfig', 'build_environment'):
        g.pop(k, None)
    for s in g['sub_groups']:
        strip(s)
    return g
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
sys.exit(a != b)
PY
# kunit.enable=0: no suite runs; as for kunit.py, no test run is an error
"$ukmem" kunit -b "$work/b" --cmdline=kunit.enable=0 "$file" > "$work/disabled"
[ $? -eq 1 ] || fail "kunit.enable=0 exit status"
cat "$work/disabled"
grep -qx "1..0" "$work/disabled" || fail "kunit.enable=0 ran suites"
grep -q "ok 1 passes" "$work/disabled" && fail "kunit.enable=0 ran a case"
grep -qx "Testing complete. Ran 0 tests: errors: 1" "$work/disabled" || fail "kunit.enable=0 summary"
python3 "$kunitpy" parse "$work/disabled" | grep -q "Testing complete. Ran 0 tests: errors: 1" ||
	fail "kunit.py's summary of no tests"

# --jobs reaches make (a make first on PATH records its arguments), the cache is
# rebuilt from nothing, and the results are the same
mkdir -p "$work/bin"
printf '#!/bin/sh
echo "$*" >> "%s"
exec "%s" "$@"
' "$work/make.log" "$(command -v make)" \
	> "$work/bin/make"
chmod +x "$work/bin/make"
PATH="$work/bin:$PATH" "$ukmem" kunit -b "$work/jobs" --jobs=3 "$file" > "$work/jobs.out"
[ $? -eq 1 ] || fail "--jobs exit status"
grep -q -- "-j3 " "$work/make.log" || fail "--jobs=3 did not reach make: $(cat "$work/make.log")"
grep -qx "Testing complete. Ran 8 tests: passed: 2, failed: 4, skipped: 2" "$work/jobs.out" ||
	fail "--jobs summary"
[ -f "$work/jobs/planted_test.ko" ] || fail "--jobs built no module in its build directory"

# no debug information by default, as kunit.py's default configuration; --debug-info
# adds it, and the object is made again when that changes (not when it does not)
readelf -S "$work/jobs/planted_test.o" | grep -q "\.debug_info" && fail "debug information by default"
"$ukmem" kunit -b "$work/jobs" --debug-info "$file" > /dev/null
readelf -S "$work/jobs/planted_test.o" | grep -q "\.debug_info" || fail "--debug-info: no debug information"
before=$(stat -c %y "$work/jobs/planted_test.o")
"$ukmem" kunit -b "$work/jobs" --debug-info "$file" > /dev/null
[ "$(stat -c %y "$work/jobs/planted_test.o")" = "$before" ] ||
	fail "--debug-info again: the object was made again"
"$ukmem" kunit -b "$work/jobs" "$file" > /dev/null
readelf -S "$work/jobs/planted_test.o" | grep -q "\.debug_info" && fail "debug information stayed"

# a suite that ends its machine (panic) is "not ok" and crashed; the suites around it
# run in their own machines, and with two machines at once (--jobs=2) the results come
# in suite order, the same as one machine after another
crash=$src/tests/kunit/planted/crash_test.c
"$ukmem" kunit -b "$work/crash" --jobs=2 "$crash" > "$work/crash.2" 2>&1
[ $? -eq 1 ] || fail "a crashed suite: exit status"
"$ukmem" kunit -b "$work/crash" --jobs=1 "$crash" > "$work/crash.1" 2>&1
grep -E "^ *(not )?ok [0-9]+ " "$work/crash.2" | sed 's/^ *//' | tr '\n' '|' |
	grep -qxF "ok 1 passes|ok 1 before|not ok 2 crashes|ok 1 passes|ok 3 after|" ||
	fail "a crashed suite's results: $(cat "$work/crash.2")"
grep -qx "Testing complete. Ran 3 tests: passed: 2, crashed: 1" "$work/crash.2" ||
	fail "a crashed suite's summary"
grep -q "Kernel panic - not syncing: planted panic" "$work/crash.2" || fail "the panic was not shown"
grep -v "^CPU: \| PID " "$work/crash.1" > "$work/crash.1.cmp"
grep -v "^CPU: \| PID " "$work/crash.2" > "$work/crash.2.cmp"
cmp -s "$work/crash.1.cmp" "$work/crash.2.cmp" || fail "--jobs=2 printed otherwise than --jobs=1"

# a directory configured by a .kunitconfig: CONFIG_X=y builds obj-$(CONFIG_X)
mkdir -p "$work/kc"
cp "$file" "$work/kc/"
echo 'obj-$(CONFIG_PLANTED_KUNIT_TEST) += planted_test.o' > "$work/kc/Makefile"
printf 'CONFIG_KUNIT=y\nCONFIG_PLANTED_KUNIT_TEST=y\n' > "$work/kc/.kunitconfig"
"$ukmem" kunit --kunitconfig="$work/kc" --filter='planted.passes' > "$work/kc.out" ||
	fail "--kunitconfig run"
grep -qx "Testing complete. Ran 1 tests: passed: 1" "$work/kc.out" || fail "--kunitconfig"
echo "kunit_tool_test: ok"
