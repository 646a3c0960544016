#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/tools/cli_help.sh UKMEM VERSION: every ukmem command answers -h and --help with
# its usage on stdout, status 0, nothing on stderr and no file written (it does no
# work); `ukmem help CMD` says the same; --version and `version` print VERSION; bad
# arguments are usage errors (status 2, a message on stderr, nothing written).
set -u
ukmem=$1
version=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cwd"
cd "$tmp/cwd"
passed=0
failed=0

# expect STATUS STREAM PATTERN -- ARGS...: runs ukmem ARGS in the empty directory; the
# status must be STATUS, the stream (out or err) must match PATTERN, the other stream
# must be empty, and the directory must stay empty.
expect() {
	status=$1 stream=$2 pattern=$3
	shift 4
	"$ukmem" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	other=err
	[ "$stream" = err ] && other=out
	why=
	[ "$got" -eq "$status" ] || why="status $got, not $status"
	grep -q -- "$pattern" "$tmp/$stream" || why="$why; no \"$pattern\" on std$stream"
	[ -s "$tmp/$other" ] && why="$why; std$other: $(head -c 200 "$tmp/$other")"
	[ -n "$(ls -A)" ] && why="$why; it wrote $(ls -A)"
	if [ -n "$why" ]; then
		echo "FAIL: ukmem $*: $why"
		failed=$((failed + 1))
		rm -rf ./* ./.[!.]* 2>/dev/null
	else
		passed=$((passed + 1))
	fi
}

for c in demo run proc top map fb replay modinfo lsmod lspci kunit kbuild-dir; do
	expect 0 out "^usage: ukmem $c\b" -- "$c" --help
	expect 0 out "^usage: ukmem $c\b" -- "$c" -h
	expect 0 out "^Exit status" -- "$c" --help
	expect 0 out "^usage: ukmem $c\b" -- help "$c"
	# --help wins over everything else on the line
	expect 0 out "^usage: ukmem $c\b" -- "$c" --help --out x.png /nonexistent.so
done
expect 0 out "^usage: ukmem map\b" -- map --out x.png --compact --layer=both --help
expect 0 out "--layer=owner|migratetype|both" -- map --help
expect 2 err "no test files" -- kunit
expect 2 err "not a .c file" -- kunit /etc/hostname
expect 0 out "^usage: ukmem version" -- help version
expect 2 err "which module" -- modinfo
expect 1 err "not an ELF file" -- modinfo /etc/hostname
expect 0 out "^usage: ukmem COMMAND" -- --help
expect 0 out "^usage: ukmem COMMAND" -- -h
expect 0 out "^usage: ukmem COMMAND" -- help
expect 0 out "^ukmem $version " -- --version
expect 0 out "^ukmem $version " -- version

expect 2 err "^usage: ukmem COMMAND" --
expect 2 err "unknown command 'frobnicate'" -- frobnicate
expect 2 err "no command 'frobnicate'" -- help frobnicate
expect 2 err "unrecognized option '--frob'" -- run --frob x.so
expect 2 err "no module given" -- run
expect 2 err "is a directory, not a module" -- run /
expect 2 err "a parameter before any module" -- run count=3 x.so
expect 2 err "not a process id" -- proc --pid abc slabinfo
expect 2 err "not a process id" -- proc --pid -4 slabinfo
expect 2 err "not a process id" -- top --pid 12x
expect 2 err "which view" -- proc
expect 2 err "one view at a time" -- proc slabinfo meminfo
expect 2 err "not a number of seconds" -- top --interval soon
expect 2 err "not a positive number" -- top --count 0
expect 2 err "must end in .png or .svg" -- map --out memory.jpg
expect 2 err "--layer=bogus: not owner, migratetype or both" -- map --layer=bogus --out x.png
expect 2 err "--out FILE is required" -- map --compact
expect 2 err "must end in .png$" -- fb --out fb.svg x.so
expect 2 err "is a directory" -- map --out /
expect 2 err "is a directory" -- map --out x.png /
expect 2 err "--out FILE is required" -- fb x.so
expect 2 err "which trace" -- replay
expect 2 err "is a directory" -- replay /
expect 2 err "not a number from 1 to 64" -- replay --samples 65 trace
expect 2 err "unexpected argument" -- demo mem=64M extra

# Every argument checked before any work: numbers are plain decimal and in range, files
# exist and are what the option wants, values are among those documented.
expect 2 err "not a process id" -- proc --pid " 5" slabinfo
expect 2 err "not a process id" -- proc --pid +5 slabinfo
expect 2 err "not a process id" -- lsmod --pid 0x10
expect 2 err "not a process id" -- lspci --pid 99999999999
expect 2 err "an empty view name" -- proc ""
expect 2 err "File name too long" -- proc "$(printf '%0300d' 0)"
expect 2 err "not a number of seconds" -- top --interval 0x1
expect 2 err "not a number of seconds" -- top --interval 1e3
expect 2 err "not a number of seconds" -- top --interval nan
expect 2 err "not a number of seconds" -- top --interval .
expect 2 err "not a positive number" -- top --count " 3"
expect 2 err "not a positive number" -- top --count 99999999999999999999
expect 2 err "not a number from 1 to 64" -- replay --samples 8x trace
expect 2 err "not a number from 1 to 1024" -- kunit --jobs 2k /etc/hostname
expect 2 err "/nonexistent.so: No such file or directory" -- run /nonexistent.so
expect 2 err "/dev/null is not a regular file" -- run /dev/null
expect 2 err "/nonexistent.so: No such file or directory" -- map --out x.png /nonexistent.so
expect 2 err "/nonexistent.so: No such file or directory" -- fb --out x.png /nonexistent.so
expect 2 err "/nonexistent.ko: No such file or directory" -- modinfo /nonexistent.ko
expect 2 err "/nonexistent: No such file or directory" -- replay /nonexistent
expect 2 err "--mount /nonexistent: No such file or directory" -- run --mount /nonexistent /etc/hostname
expect 2 err "--mount /etc/hostname: not a directory" -- run --mount /etc/hostname /etc/hostname
expect 2 err "--serial0=bogus: not pty, stdio, stderr, none or file:PATH" -- run --serial0=bogus /etc/hostname
expect 2 err "--serial0=file:: not pty" -- run --serial0=file: /etc/hostname
expect 2 err "must end in .png or .svg" -- map --out x.jpg
expect 2 err "--out /nonexistent/x.png: no directory /nonexistent" -- map --out /nonexistent/x.png
expect 2 err "--out \"\": an empty file name" -- fb --out "" /etc/hostname
expect 2 err "/nonexistent.c: No such file or directory" -- kunit /nonexistent.c
expect 2 err "--kunitconfig /nonexistent: No such file or directory" -- kunit --kunitconfig /nonexistent
expect 2 err "--json / is a directory" -- kunit --json=/ /etc/hostname
expect 2 err "--json /nonexistent/r.json: no directory /nonexistent" -- kunit --json=/nonexistent/r.json /etc/hostname
expect 2 err "--build_dir /etc/hostname is not a directory" -- kunit --build_dir=/etc/hostname /etc/hostname
expect 2 err "one command at a time" -- help run extra
expect 2 err "ukmem version: x: no arguments are taken" -- version x
expect 2 err "ukmem --version: x: no arguments are taken" -- --version x

echo "ukmem --help, --version and usage errors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
