#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/fuse/run.sh: FUSE read throughput of a device of the machine through `ukmem run
# --mount` (mountdrv_pattern of tests/modules/mount) against libfuse's passthrough (the
# minimal one in passthrough.c, reading a 64 MiB file of the page cache), in the same run:
# ROUNDS interleaved rounds of dd with 128 KiB blocks, 64 MiB each; the median MB/s with
# the lowest and highest. Needs root and /dev/fuse.
# Usage: bench/fuse/run.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
rounds=${ROUNDS:-7}
tmp=$(mktemp -d)
mkdir "$tmp/m" "$tmp/p" "$tmp/src" "$tmp/drv"
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
	sleep 1
	umount -l "$tmp/m" 2>/dev/null || true
	umount -l "$tmp/p" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
here=$(dirname "$0")
cc -O2 -o "$tmp/passthrough" "$here/passthrough.c" $(pkg-config --cflags --libs fuse3)
cp "$here/../../tests/modules/mount/Makefile" "$here/../../tests/modules/mount/mountdrv.c" "$tmp/drv"
make -s -C "$build/lib/ukmem/kbuild" M="$tmp/drv" > /dev/null
dd if=/dev/urandom of="$tmp/src/file" bs=1M count=64 2> /dev/null
"$build/tools/ukmem" run --mount "$tmp/m" "$tmp/drv/mountdrv.ko" > "$tmp/out" 2> /dev/null &
pids="$pids $!"
"$tmp/passthrough" "$tmp/src" "$tmp/p" -f &
pids="$pids $!"
for _ in $(seq 1 100); do
	grep -q "mounted at" "$tmp/out" && [ -f "$tmp/p/file" ] && break
	sleep 0.1
done
mbps() {	# MB/s of a dd of 64 MiB in 128 KiB blocks
	dd if="$1" of=/dev/null bs=128k count=512 2>&1 | awk '/copied/ { for (i = 1; i < NF; i++) if ($i == "s,") print int(67.108864 / $(i - 1)) }'
}
: > "$tmp/ukmem"; : > "$tmp/pt"
for _ in $(seq 1 "$rounds"); do
	mbps "$tmp/m/dev/mountdrv_pattern" >> "$tmp/ukmem"
	mbps "$tmp/p/file" >> "$tmp/pt"
done
summary() { sort -n "$2" | awk -v what="$1" '{ v[NR] = $1 } END { printf "%-40s %6d MB/s  (%d .. %d)\n", what, v[int((NR + 1) / 2)], v[1], v[NR] }'; }
echo "FUSE reads, $rounds rounds of 64 MiB in 128 KiB blocks (median, lowest .. highest)"
summary "ukmem --mount: a device (mountdrv_pattern)" "$tmp/ukmem"
summary "passthrough: a page-cached host file" "$tmp/pt"
