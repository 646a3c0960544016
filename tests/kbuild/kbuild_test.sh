#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Tests of ukmem's Kbuild directory, one case per run (tests/CMakeLists.txt):
#   headers    every header of include/kapi compiles alone with the kernel flags and
#              -Wextra, without a warning, and reaches no host header outside the UAPI
#              allow-list
#   twofile    a two-file module with a two-pass Makefile builds and runs with
#              `ukmem run`, its parameter given as insmod takes it; `ukmem modinfo`
#              shows its .modinfo; clean removes it all
#   undefined  modpost names an undefined symbol and a missing MODULE_LICENSE()
#   refused    a header ukmem lacks stops the build with an error naming it
#   unexported a module using a library function Linux 6.1 does not export: modpost
#              names it; built with KBUILD_MODPOST_WARN=1, the loader refuses it with
#              Linux's "Unknown symbol" report
#   gplonly    a module under a proprietary licence using an EXPORT_SYMBOL_GPL symbol:
#              modpost refuses it; compiled without modpost, the loader refuses it
#   vermagic   a module whose version magic is another ukmem's is refused at load
#   installed  after `cmake --install`, the twofile module builds with
#              make -C $(pkg-config --variable=kbuilddir ukmem-kapi) M=$PWD
#   kasan      (builds with CONFIG_KASAN) a module's objects are compiled with KASAN's
#              flags unless KASAN_SANITIZE_<obj>.o := n; loaded, an out-of-bounds
#              write in the instrumented object is KASAN's report and the module goes
#              on; the same write in the other object is not seen
# Usage: kbuild_test.sh CASE BUILD_DIR SOURCE_DIR
set -u
case_=$1 build=$2 srcdir=$3
kdir=$build/lib/ukmem/kbuild
ukmem=$build/tools/ukmem
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

case $case_ in
headers)
	flags=$(make -s -C "$kdir" ukmem-cflags) || fail "ukmem-cflags"
	n=0 bad=0
	for h in $(cd "$srcdir/include/kapi" && find linux asm -name '*.h' | sort); do
		n=$((n + 1))
		echo "#include <$h>" > "$tmp/h.c"
		# shellcheck disable=SC2086
		if ! cc $flags -Wextra -Wno-unused-parameter -Wno-sign-compare \
			-Wno-missing-field-initializers -Werror -H -c "$tmp/h.c" -o "$tmp/h.o" \
			2> "$tmp/err"; then
			bad=$((bad + 1))
			echo "FAIL: <$h> does not compile alone:"
			grep -v '^\.' "$tmp/err" | head -5
			continue
		fi
		# -H lists every header read; all must be ukmem's or allowed UAPI wrappers.
		grep '^\.' "$tmp/err" | sed 's/^\.* //' | while read -r f; do
			case $f in
			"$srcdir"/include/kapi/*|"$kdir"/uapi/*|"$kdir"/include/generated/*) ;;
			/usr/include/*)
				rel=${f#/usr/include/}; rel=${rel#x86_64-linux-gnu/}
				grep -qxF "$rel" "$srcdir/kbuild/uapi-allowed.txt" ||
					echo "FAIL: <$h> reaches host header $f"
				;;
			*) echo "FAIL: <$h> reaches $f" ;;
			esac
		done > "$tmp/reach"
		if [ -s "$tmp/reach" ]; then
			bad=$((bad + 1)); cat "$tmp/reach"
		fi
	done
	echo "$((n - bad)) passed, $bad failed"
	[ $bad -eq 0 ]
	;;
kasan)
	cp -r "$srcdir/tests/kbuild/kasan" "$tmp/"
	make -C "$kdir" M="$tmp/kasan" > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "build"; }
	nm "$tmp/kasan/checked.o" | grep -q ' U __asan_store1_noabort$' || fail "checked.o is not instrumented"
	! nm "$tmp/kasan/plain.o" | grep -q __asan_ || fail "plain.o is instrumented"
	"$ukmem" run --cmdline "mem=64M kfence.sample_interval=0" "$tmp/kasan/kasan_oob.ko" \
		> "$tmp/run.out" 2> "$tmp/run.err"
	status=$?
	cat "$tmp/run.err" "$tmp/run.out"
	[ $status -eq 4 ] || fail "ukmem run exited $status (4: reports)"
	[ "$(grep -c 'BUG: KASAN: slab-out-of-bounds in kasan_oob_init+' "$tmp/run.err")" -eq 1 ] ||
		fail "not one KASAN report of the checked write"
	grep -q 'WRITE of size 1 at ' "$tmp/run.err" || fail "no AddressSanitizer report"
	grep -q 'kasan_oob: still running after the plain write' "$tmp/run.err" ||
		fail "the module did not go on after the report"
	grep -q '^ukmem run: 1 of 1 module(s) loaded and unloaded, 1 report(s)' "$tmp/run.out" ||
		fail "ukmem run's summary"
	;;
twofile)
	cp -r "$srcdir/tests/kbuild/twofile" "$tmp/"
	cd "$tmp/twofile" || exit 1
	make KDIR="$kdir" > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "build"; }
	cat "$tmp/build.log"
	for f in main.o helper.o twofile.ko; do [ -f "$f" ] || fail "$f not made"; done
	grep -q '  CC \[M\]  .*/helper.o' "$tmp/build.log" || fail "no CC [M] line"
	"$ukmem" run --cmdline mem=64M twofile.ko count=3 > "$tmp/run.out" 2> "$tmp/run.err" ||
		{ cat "$tmp/run.err"; fail "ukmem run exited $?"; }
	cat "$tmp/run.err"
	grep -Eq 'twofile: 3 buffers, scale 9, buffer at phys 0x[0-9a-f]{16}, 20 bytes: hello from two files$' \
		"$tmp/run.err" || fail "module output"
	grep -q 'twofile: unloaded' "$tmp/run.err" || fail "module_exit did not run"
	"$ukmem" modinfo twofile.ko > "$tmp/modinfo" || fail "ukmem modinfo"
	cat "$tmp/modinfo"
	for line in "filename:       $PWD/twofile.ko" "license:        GPL" \
		    "description:    Two source files, one module" \
		    "parm:           count:how many buffers to allocate (int)" "name:           twofile"; do
		grep -qxF "$line" "$tmp/modinfo" || fail "modinfo lacks: $line"
	done
	grep -q '^vermagic:       6.1.0-ukmem SMP preempt mod_unload ukmem-' "$tmp/modinfo" || fail "vermagic"
	[ "$("$ukmem" kbuild-dir)" = "$(cd "$kdir" && pwd -P)" ] || fail "ukmem kbuild-dir"
	make KDIR="$kdir" clean > /dev/null 2>&1 || fail "clean"
	left=$(ls -A | grep -v -e '^Makefile$' -e '^main.c$' -e '^helper.c$' -e '^helper.h$')
	[ -z "$left" ] || fail "clean left: $left"
	echo "1 passed, 0 failed"
	;;
undefined)
	cp -r "$srcdir/tests/kbuild/undefined" "$tmp/"
	if make -C "$kdir" M="$tmp/undefined" > "$tmp/log" 2>&1; then
		cat "$tmp/log"; fail "a module with an undefined symbol was built"
	fi
	cat "$tmp/log"
	grep -qxF "ERROR: modpost: \"ukmem_no_such_function\" [$tmp/undefined/undef.ko] undefined!" "$tmp/log" ||
		fail "modpost did not name the symbol"
	grep -qxF "ERROR: modpost: missing MODULE_LICENSE() in $tmp/undefined/undef.o" "$tmp/log" ||
		fail "modpost did not name the missing license"
	[ ! -e "$tmp/undefined/undef.ko" ] || fail "undef.ko left behind"
	echo "1 passed, 0 failed"
	;;
unexported)
	cp -r "$srcdir/tests/kbuild/unexported" "$tmp/"
	ko=$tmp/unexported/unexported.ko
	if make -C "$kdir" M="$tmp/unexported" > "$tmp/log" 2>&1; then
		cat "$tmp/log"; fail "a module using an unexported symbol was built"
	fi
	cat "$tmp/log"
	grep -qxF "ERROR: modpost: \"drain_all_pages\" [$ko] undefined!" "$tmp/log" ||
		fail "modpost did not name the unexported symbol"
	[ ! -e "$ko" ] || fail "unexported.ko left behind"
	make -C "$kdir" M="$tmp/unexported" KBUILD_MODPOST_WARN=1 > "$tmp/log" 2>&1 ||
		{ cat "$tmp/log"; fail "KBUILD_MODPOST_WARN=1 did not build the module"; }
	grep -qxF "WARNING: modpost: \"drain_all_pages\" [$ko] undefined!" "$tmp/log" ||
		fail "modpost did not warn"
	"$ukmem" run --cmdline mem=64M "$ko" > "$tmp/out" 2> "$tmp/err"
	status=$?
	cat "$tmp/err"
	[ $status -eq 1 ] || fail "ukmem run exited $status, not 1"
	grep -q '\] unexported: Unknown symbol drain_all_pages (err -2)$' "$tmp/err" ||
		fail "no Unknown symbol report"
	grep -q 'init ran' "$tmp/err" && fail "the module's init ran"
	echo "1 passed, 0 failed"
	;;
gplonly)
	cp -r "$srcdir/tests/kbuild/gplonly" "$tmp/"
	if make -C "$kdir" M="$tmp/gplonly" > "$tmp/log" 2>&1; then
		cat "$tmp/log"; fail "a proprietary module using a GPL-only symbol was built"
	fi
	cat "$tmp/log"
	grep -qxF "ERROR: modpost: GPL-incompatible module gplonly.ko uses GPL-only symbol 'debugfs_initialized'" \
		"$tmp/log" || fail "modpost did not refuse the GPL-only symbol"
	# The same code compiled with the Kbuild flags but linked without modpost.
	flags=$(make -s -C "$kdir" ukmem-cflags) || fail "ukmem-cflags"
	# shellcheck disable=SC2086
	cc $flags -DKBUILD_MODNAME='"gplonly"' -shared "$tmp/gplonly/gplonly.c" -o "$tmp/gplonly.ko" ||
		fail "compile"
	"$ukmem" run --cmdline mem=64M "$tmp/gplonly.ko" > "$tmp/out" 2> "$tmp/err"
	status=$?
	cat "$tmp/err"
	[ $status -eq 1 ] || fail "ukmem run exited $status, not 1"
	grep -q '\] gplonly: Unknown symbol debugfs_initialized (err -2)$' "$tmp/err" ||
		fail "no Unknown symbol report"
	grep -q 'gplonly: debugfs' "$tmp/err" && fail "the module's init ran"
	echo "1 passed, 0 failed"
	;;
refused)
	cp -r "$srcdir/tests/kbuild/refused" "$tmp/"
	if make -C "$kdir" M="$tmp/refused" > "$tmp/log" 2>&1; then
		cat "$tmp/log"; fail "a module including an unsupported header was built"
	fi
	cat "$tmp/log"
	grep -q 'error: #error "ukmem: <linux/netdevice.h> is not supported by ukmem yet' "$tmp/log" ||
		fail "no error naming <linux/netdevice.h>"
	echo "1 passed, 0 failed"
	;;
vermagic)
	cp -r "$srcdir/tests/kbuild/twofile" "$tmp/"
	make -C "$kdir" M="$tmp/twofile" > "$tmp/log" 2>&1 || { cat "$tmp/log"; fail "build"; }
	ko=$tmp/twofile/twofile.ko
	objcopy -O binary --only-section=.modinfo "$ko" "$tmp/modinfo" || fail "objcopy"
	magic=$(tr '\0' '\n' < "$tmp/modinfo" | sed -n 's/^vermagic=//p')
	[ -n "$magic" ] || fail "no vermagic in .modinfo"
	# Same length, another version: the module of a different ukmem.
	other=$(echo "$magic" | sed 's/ukmem-[0-9]/ukmem-X/')
	tr '\0' '\n' < "$tmp/modinfo" | sed "s/^vermagic=.*/vermagic=$other/" | tr '\n' '\0' > "$tmp/modinfo2"
	objcopy --update-section .modinfo="$tmp/modinfo2" "$ko" || fail "objcopy update"
	if "$ukmem" run --cmdline mem=64M "$ko" > "$tmp/out" 2> "$tmp/err"; then
		cat "$tmp/err"; fail "a module of another version was loaded"
	fi
	cat "$tmp/err"
	grep -qF "twofile: version magic '$other' should be '$magic'" "$tmp/err" || fail "no version magic report"
	grep -q 'twofile: 2 buffers' "$tmp/err" && fail "the module's init ran"
	echo "1 passed, 0 failed"
	;;
installed)
	prefix=$tmp/prefix
	cmake --install "$build" --prefix "$prefix" > /dev/null || fail "install"
	export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/x86_64-linux-gnu/pkgconfig"
	ikdir=$(pkg-config --variable=kbuilddir ukmem-kapi) || fail "no kbuilddir in ukmem-kapi.pc"
	[ -f "$ikdir/Makefile" ] || fail "$ikdir/Makefile missing"
	make -s -C "$ikdir" ukmem-cflags | grep -q -- "-I$prefix/include/ukmem/kapi " ||
		{ make -s -C "$ikdir" ukmem-cflags; fail "installed Kbuild does not use the installed headers"; }
	cp -r "$srcdir/tests/kbuild/twofile" "$tmp/"
	cd "$tmp/twofile" || exit 1
	make -C "$ikdir" M="$PWD" > "$tmp/log" 2>&1 || { cat "$tmp/log"; fail "build against the installed tree"; }
	"$ukmem" run --cmdline mem=64M twofile.ko > /dev/null 2> "$tmp/err" || { cat "$tmp/err"; fail "run"; }
	grep -q 'twofile: 2 buffers, scale 6' "$tmp/err" || fail "module output"
	echo "1 passed, 0 failed"
	;;
*)
	fail "unknown case $case_"
	;;
esac
