#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# `ukmem lsmod` and rmmod's words in `ukmem run`, with the Kbuild-built modules of
# tests/modules/refs: refs_user uses refs_provider's symbol, so lsmod lists it under
# refs_provider's "Used by"; refs_provider leak=1 keeps a reference and cannot be removed.
# Usage: lsmod.sh UKMEM REFS_DIR
set -u
ukmem=$1 refs=$2
tmp=$(mktemp -d) || exit 1
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/lsmod" ] && cat "$tmp/lsmod"; exit 1; }

"$ukmem" run --serve "$refs/refs_provider.ko" "$refs/refs_user.ko" > "$tmp/out" 2> "$tmp/err" &
server=$!
for _ in $(seq 1 300); do
	grep -q "serving views" "$tmp/out" && break
	kill -0 "$server" 2>/dev/null || fail "ukmem run --serve stopped: $(cat "$tmp/err")"
	sleep 0.1
done
grep -q "serving views" "$tmp/out" || fail "no machine after 30 s"

"$ukmem" lsmod --pid "$server" > "$tmp/lsmod" || fail "ukmem lsmod failed"
[ "$(sed -n 1p "$tmp/lsmod")" = "Module                  Size  Used by" ] || fail "header"
grep -Eq '^refs_user {10} +[0-9]+  0$' "$tmp/lsmod" || fail "refs_user's line"
grep -Eq '^refs_provider {6} +[0-9]+  1 refs_user$' "$tmp/lsmod" || fail "refs_provider's line"
[ "$(sed -n 2p "$tmp/lsmod" | cut -d' ' -f1)" = refs_user ] || fail "newest first"
# the same columns as /proc/modules says
"$ukmem" proc --pid "$server" modules > "$tmp/modules" || fail "ukmem proc modules"
grep -Eq '^refs_provider [0-9]+ 1 refs_user, Live 0x[0-9a-f]{16} \(O\)$' "$tmp/modules" ||
	fail "/proc/modules: $(cat "$tmp/modules")"
size=$(awk '$1 == "refs_provider" { print $2 }' "$tmp/modules")
grep -Eq "^refs_provider +$size  1 refs_user\$" "$tmp/lsmod" || fail "size $size"
kill -TERM "$server"
wait "$server"
status=$?
server=
[ $status -eq 0 ] || fail "ukmem run exited $status: $(cat "$tmp/err")"
grep -q "ukmem: unloaded refs_user" "$tmp/out" && grep -q "ukmem: unloaded refs_provider" "$tmp/out" ||
	fail "not unloaded: $(cat "$tmp/out")"

# A module that keeps a reference to itself: rmmod's message, exit status 1.
"$ukmem" run "$refs/refs_provider.ko" leak=1 > "$tmp/out" 2> "$tmp/err"
status=$?
[ $status -eq 1 ] || fail "leak=1: exit status $status, not 1"
grep -qx "rmmod: ERROR: Module refs_provider is in use" "$tmp/err" || fail "leak=1: $(cat "$tmp/err")"
grep -q "0 of 1 module(s) loaded and unloaded" "$tmp/out" || fail "summary: $(cat "$tmp/out")"
"$ukmem" lsmod --pid 999999999 2> "$tmp/err" && fail "lsmod without a machine succeeded"
echo "1 passed, 0 failed"
