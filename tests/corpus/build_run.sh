#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds one corpus file unchanged with ukmem's Kbuild directory and, for "run" entries,
# runs it with `ukmem run`. The file gets a module directory of its own at the depth of
# its directory in the Linux tree (lib/x.c in build/lib-x/), so that its relative
# includes ("../tools/...") resolve, and a Kbuild file of one line: obj-m := <name>.o.
# A line's options: args=P=V,... (module parameters), cmdline=W,... (boot command line
# words), init=ENAME (the init fails by design with this error, e.g. init=EINVAL),
# reports=N (the test provokes N kernel reports on purpose). "kunit" entries are KUnit
# suites, run with `ukmem kunit` and parsed by Linux's kunit.py.
# Usage: build_run.sh LIST CORPUS_DIR KBUILD_DIR UKMEM PATH
# Exit status: 0 when the entry does what its line expects to be possible ("run":
# built, loaded, init returned 0, no report; "build": built), non-zero otherwise
# (CTest inverts this for "fails" entries).
set -u
list=$1 corpus=$2 kdir=$3 ukmem=$4 path=$5
line=$(grep -v '^#' "$list" | awk -v p="$path" '$1 == p')
expect=$(echo "$line" | awk '{ print $2 }')
field() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p" | tr ',' ' '; }
args=$(field args)
cmdline="mem=256M $(field cmdline)"
init=$(field init)
src=$corpus/linux/$path
name=$(basename "$path" .c)
dir=$(dirname "$path")
moddir=$corpus/build/$(dirname "$dir")/$(basename "$dir")-$name
if [ "$expect" = kunit ]; then
	# A KUnit suite: `ukmem kunit` builds and runs it (each suite in a fresh machine);
	# every case must pass, and 6.1's own kunit.py must parse the KTAP without error.
	mkdir -p "$(dirname "$moddir")"
	echo "== ukmem kunit $path"
	"$ukmem" kunit --raw_output --cmdline "$cmdline" -b "$moddir" "$src" > "$moddir.ktap"
	status=$?
	cat "$moddir.ktap"
	echo "corpus: $path: ukmem kunit exited $status"
	[ $status -eq 0 ] || exit 1
	python3 "$corpus/linux/tools/testing/kunit/kunit.py" parse "$moddir.ktap" > "$moddir.parsed"
	status=$?
	tail -3 "$moddir.parsed"
	! grep -q "ERROR" "$moddir.parsed" && [ $status -eq 0 ]
	exit $?
fi
rm -rf "$moddir" && mkdir -p "$moddir"
cp "$src" "$moddir/"
# aux= files of the source's own directory are included by name ("crc32defs.h"): they go
# beside it. Other aux files are reached by relative path through build/tools.
for f in $(field aux); do
	[ "$(dirname "$f")" = "$dir" ] && cp "$corpus/linux/$f" "$moddir/"
done
echo "obj-m := $name.o" > "$moddir/Kbuild"
echo "== building $path with $kdir"
if ! make -C "$kdir" M="$moddir" modules; then
	echo "corpus: $path: does not build"
	exit 1
fi
[ "$expect" = build ] && { echo "corpus: $path: builds"; exit 0; }
echo "== running $name.ko $args"
# shellcheck disable=SC2086
"$ukmem" run --cmdline "$cmdline" "$moddir/$name.ko" $args > "$moddir/run.out" 2> "$moddir/run.err"
status=$?
cat "$moddir/run.err" "$moddir/run.out"
echo "corpus: $path: ukmem run exited $status"
# What a run must show: the module's init result and exactly the expected number of
# reports (tests that provoke warnings on purpose say how many).
reports=$(field reports)
reports=${reports:-0}
if [ -n "$init" ]; then
	# The test's init returns this error by design (to unload itself): ukmem run exits 1
	# for it.
	[ $status -eq 1 ] &&
		grep -q "^ukmem run: 0 of 1 module(s) loaded and unloaded, $reports report(s)" "$moddir/run.out" &&
		grep -qF ": $(python3 -c "import errno, os; print(os.strerror(errno.$init))")" "$moddir/run.err"
	exit $?
fi
grep -q "^ukmem run: 1 of 1 module(s) loaded and unloaded, $reports report(s)" "$moddir/run.out" || exit 1
[ "$reports" -eq 0 ] && exit $status
[ $status -eq 4 ]	# reports taint the kernel: ukmem run's status for that
