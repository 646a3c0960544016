#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# `ukmem lspci` of a machine kept up by `ukmem run --mount DIR --serve` with the edu
# driver (tests/modules/pci/edu.c) bound: lspci(8)'s lines, plain, -v, -k, -n, -nn and
# -x, named from a small PCI ID database (tests/tools/pci.ids) and numeric without one;
# unbinding the driver through the mounted /sys takes its line away. Where pciutils'
# lspci is installed, its output over the mounted /sys (-A linux-sysfs) must be the same
# byte for byte; the same for a machine with ukfb's PCI function (QEMU's VGA). Needs
# FUSE, as tests/tools/mount.sh.
# Usage: lspci.sh UKMEM EDU_MODULE PCI_IDS
set -u
ukmem=$1 edu=$2 ids=$3
tmp=$(mktemp -d) || exit 1
mnt=$tmp/mnt
mkdir "$mnt"
server=
stop_server() {
	[ -n "$server" ] || return 0
	kill -TERM "$server" 2>/dev/null
	for _ in $(seq 1 300); do
		kill -0 "$server" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	server=
}
cleanup() { stop_server; umount -l "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/got" ] && cat "$tmp/got"; exit 1; }

if [ ! -c /dev/fuse ]; then
	modprobe fuse 2>/dev/null
	[ -c /dev/fuse ] || mknod -m 666 /dev/fuse c 10 229 2>/dev/null
fi
[ -c /dev/fuse ] || fail "no /dev/fuse and it cannot be made (not root? no FUSE in this kernel?)"

# start_server CMDLINE DIR: a machine booted with CMDLINE and the edu driver, served
# and mounted; waits (30 s at most) until DIR exists under the mount.
start_server() {
	UKMEM_CMDLINE="$1" "$ukmem" run --mount "$mnt" --serve "$edu" > "$tmp/out" 2> "$tmp/err" &
	server=$!
	for _ in $(seq 1 300); do
		grep -q "serving views" "$tmp/out" && [ -d "$mnt/$2" ] && break
		kill -0 "$server" 2>/dev/null || fail "ukmem run stopped: $(cat "$tmp/err")"
		sleep 0.1
	done
	[ -d "$mnt/$2" ] || fail "no machine after 30 s"
}

start_server "${UKMEM_CMDLINE:-}" sys/bus/pci

# expect OPTIONS... -- the output of `ukmem lspci OPTIONS` must be the text on stdin
expect() {
	cat > "$tmp/want"
	"$ukmem" lspci --pid "$server" "$@" > "$tmp/got" 2> "$tmp/lspci-err" ||
		fail "ukmem lspci $*: $(cat "$tmp/lspci-err")"
	diff -u "$tmp/want" "$tmp/got" > "$tmp/diff" || fail "ukmem lspci $*: $(cat "$tmp/diff")"
}

expect -i "$ids" <<'END'
00:00.0 Host bridge: Intel Corporation 82G33/G31/P35/P31 Express DRAM Controller
00:01.0 Unclassified device [00ff]: Device 1234:11e8 (rev 10)
END
expect -i "$ids" -v <<'END'
00:00.0 Host bridge: Intel Corporation 82G33/G31/P35/P31 Express DRAM Controller
	Subsystem: Red Hat, Inc. QEMU Virtual Machine
	Flags: fast devsel

00:01.0 Unclassified device [00ff]: Device 1234:11e8 (rev 10)
	Subsystem: Red Hat, Inc. Device 1100
	Flags: bus master, fast devsel, latency 64, IRQ 24
	Memory at fea00000 (32-bit, non-prefetchable) [size=1M]
	Capabilities: [40] MSI: Enable+ Count=1/1 Maskable- 64bit+
	Kernel driver in use: edu

END
expect -i "$ids" -nn <<'END'
00:00.0 Host bridge [0600]: Intel Corporation 82G33/G31/P35/P31 Express DRAM Controller [8086:29c0]
00:01.0 Unclassified device [00ff]: Device [1234:11e8] (rev 10)
END
expect -n <<'END'
00:00.0 0600: 8086:29c0
00:01.0 00ff: 1234:11e8 (rev 10)
END
expect -i "$tmp/none" -k <<'END'
00:00.0 Class 0600: Device 8086:29c0
	Subsystem: Device 1af4:1100
00:01.0 Class 00ff: Device 1234:11e8 (rev 10)
	Subsystem: Device 1af4:1100
	Kernel driver in use: edu
END
# -x: the first 64 bytes of 00:01.0's configuration space, as its sysfs config file has them
"$ukmem" lspci --pid "$server" -n -x > "$tmp/got" || fail "lspci -x"
od -An -tx1 -v -N64 "$mnt/sys/bus/pci/devices/0000:00:01.0/config" | tr -s ' ' > "$tmp/od"
sed -n '/^00:01.0/,/^$/p' "$tmp/got" | sed -n '2,5p' | cut -d: -f2 > "$tmp/hex"
diff "$tmp/od" "$tmp/hex" > /dev/null || fail "-x: $(cat "$tmp/hex") / $(cat "$tmp/od")"
head -1 "$tmp/hex" | grep -q "^ 34 12 e8 11 06 04" || fail "-x: IDs and command: $(head -1 "$tmp/hex")"

# pciutils' own lspci reading the mounted /sys gives the same lines
if command -v lspci > /dev/null; then
	for opts in "" -v -k -n -nn -x -xxx "-v -nn"; do
		# shellcheck disable=SC2086
		"$ukmem" lspci --pid "$server" -i "$ids" $opts > "$tmp/got" || fail "ukmem lspci $opts"
		# shellcheck disable=SC2086
		lspci -A linux-sysfs -O sysfs.path="$mnt/sys/bus/pci" -i "$ids" $opts \
			> "$tmp/real" 2> /dev/null || fail "lspci -A linux-sysfs $opts"
		diff -u "$tmp/real" "$tmp/got" > "$tmp/diff" ||
			fail "ukmem lspci $opts differs from lspci's: $(cat "$tmp/diff")"
	done
else
	echo "pciutils' lspci is not installed: its comparison is left out"
fi

# unbinding the driver through the mounted /sys: no driver line, INTx again
echo 0000:00:01.0 > "$mnt/sys/bus/pci/drivers/edu/unbind" || fail "unbind"
"$ukmem" lspci --pid "$server" -i "$ids" -v > "$tmp/got" || fail "lspci -v after unbind"
grep -q "Kernel driver in use" "$tmp/got" && fail "the driver is still listed"
grep -qx "	Flags: fast devsel, IRQ 17" "$tmp/got" || fail "flags after unbind"
grep -qx "	Capabilities: \[40\] MSI: Enable- Count=1/1 Maskable- 64bit+" "$tmp/got" ||
	fail "MSI after unbind"
stop_server

# The framebuffer as a PCI function (ukmem.pci=edu,ukfb): QEMU's VGA, as lspci shows it
# (decoding off: firmware enables nothing and no driver is bound)
start_server "${UKMEM_CMDLINE:-} ukmem.pci=edu,ukfb" sys/bus/pci/devices/0000:00:02.0
"$ukmem" lspci --pid "$server" -i "$ids" -v > "$tmp/got" || fail "lspci -v with ukfb"
sed -n '/^00:02.0/,/^$/p' "$tmp/got" > "$tmp/vga"
cat > "$tmp/want" <<'END'
00:02.0 VGA compatible controller: Device 1234:1111 (rev 02)
	Subsystem: Red Hat, Inc. Device 1100
	Flags: fast devsel
	Memory at fd000000 (32-bit, prefetchable) [disabled] [size=16M]
	Memory at febf0000 (32-bit, non-prefetchable) [disabled] [size=4K]

END
diff -u "$tmp/want" "$tmp/vga" > "$tmp/diff" || fail "the VGA function: $(cat "$tmp/diff")"
if command -v lspci > /dev/null; then
	for opts in "" -v -nn -xxx; do
		# shellcheck disable=SC2086
		"$ukmem" lspci --pid "$server" -i "$ids" $opts > "$tmp/got" || fail "ukmem lspci $opts"
		# shellcheck disable=SC2086
		lspci -A linux-sysfs -O sysfs.path="$mnt/sys/bus/pci" -i "$ids" $opts \
			> "$tmp/real" 2> /dev/null || fail "lspci -A linux-sysfs $opts"
		diff -u "$tmp/real" "$tmp/got" > "$tmp/diff" ||
			fail "with ukfb, ukmem lspci $opts differs from lspci's: $(cat "$tmp/diff")"
	done
fi
stop_server

"$ukmem" lspci --pid 999999999 > /dev/null 2>&1 && fail "lspci without a machine succeeded"
"$ukmem" lspci extra > /dev/null 2>&1
[ $? -eq 2 ] || fail "an argument is a usage error"
echo "1 passed, 0 failed"
