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
expect 2 err "must end in .png$" -- fb --out fb.svg x.so
expect 2 err "is a directory" -- map --out /
expect 2 err "is a directory" -- map --out x.png /
expect 2 err "--out FILE is required" -- fb x.so
expect 2 err "which trace" -- replay
expect 2 err "is a directory" -- replay /
expect 2 err "not a number from 1 to 64" -- replay --samples 65 trace
expect 2 err "unexpected argument" -- demo mem=64M extra

echo "ukmem --help, --version and usage errors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
