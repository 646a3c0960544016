#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# `ukmem run --mount DIR` with tests/modules/mount/mountdrv.ko: ordinary programs use the
# driver through the FUSE mount (ls, cat, shell echo, dd, hexdump, python3's select.poll
# and fcntl.ioctl), sysfs' links are links (readlink; find ends), a path the driver
# removed gives ENOENT, a file held open keeps the module until the mount stops, the
# mount goes at exit, and a mount left by a machine that was killed is cleaned at the
# next start. If nothing can be mounted here the test fails, saying why.
# Usage: mount.sh UKMEM MOUNTDRV_DIR
set -u
ukmem=$1 drv=$2/mountdrv.ko
tmp=$(mktemp -d) || exit 1
mnt=$tmp/mnt
mkdir "$mnt"
server=
# Stops what the test started, by process id: the orderly way first, then for good.
stop_server() {
	[ -n "$server" ] || return 0
	machine=$(pgrep -P "$server")
	kill -TERM "$server" 2>/dev/null
	for _ in $(seq 1 100); do
		kill -0 "$server" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$server" $machine 2>/dev/null
	wait "$server" 2>/dev/null
	server=
}
cleanup() {
	stop_server
	umount -l "$mnt" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/err" ] && tail -20 "$tmp/err"; exit 1; }

# FUSE needs /dev/fuse; as root it can be made (the module may need loading first).
if [ ! -c /dev/fuse ]; then
	modprobe fuse 2>/dev/null
	[ -c /dev/fuse ] || mknod -m 666 /dev/fuse c 10 229 2>/dev/null
fi
[ -c /dev/fuse ] || fail "no /dev/fuse and it cannot be made (not root? no FUSE in this kernel?)"
command -v python3 > /dev/null || fail "python3 is needed"

start() {
	"$ukmem" run --mount "$mnt" "$drv" > "$tmp/out" 2> "$tmp/err" &
	server=$!
	for _ in $(seq 1 300); do
		grep -q "mounted at" "$tmp/out" && return 0
		kill -0 "$server" 2>/dev/null || fail "ukmem run --mount stopped: $(cat "$tmp/err")"
		sleep 0.1
	done
	fail "not mounted after 30 s"
}
stop() {
	kill -TERM "$server"
	for _ in $(seq 1 300); do
		kill -0 "$server" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$server" 2>/dev/null && fail "ukmem run did not stop in 30 s"
	wait "$server"
	status=$?
	server=
	[ $status -eq 0 ] || fail "ukmem run exited $status"
}

start
grep -q "^ukmem $mnt fuse.ukmem" /proc/mounts || fail "not in /proc/mounts"
[ "$(ls "$mnt" | tr '\n' ' ')" = "dev proc sys " ] || fail "ls $mnt: $(ls "$mnt")"
ls "$mnt/dev" | grep -qx mountdrv || fail "ls dev: $(ls "$mnt/dev")"
[ -f "$mnt/dev/mountdrv" ] || fail "the device is not shown as a regular file"
[ "$(cat "$mnt/proc/mountdrv")" = "mountdrv: 0 bytes written" ] || fail "cat proc"
grep -q "^Character devices:" "$mnt/proc/devices" || fail "cat /proc/devices"
grep -Eq '^mountdrv [0-9]+ 0 - Live 0x[0-9a-f]+ \(O\)$' "$mnt/proc/modules" || fail "/proc/modules"
echo hello > "$mnt/dev/mountdrv" || fail "echo into the device"
[ "$(cat "$mnt/proc/mountdrv")" = "mountdrv: 6 bytes written" ] || fail "after echo"
[ "$(dd if="$mnt/dev/mountdrv" bs=64 count=1 2>/dev/null)" = hello ] || fail "dd from the device"
dd if="$mnt/dev/mountdrv_pattern" bs=4096 count=2 of="$tmp/pattern" 2>/dev/null
[ "$(stat -c %s "$tmp/pattern")" = 8192 ] || fail "dd read $(stat -c %s "$tmp/pattern") bytes"
[ "$(hexdump -C "$tmp/pattern" | sed -n 2p)" = \
  "00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  |................|" ] ||
	fail "hexdump: $(hexdump -C "$tmp/pattern" | head -3)"
echo 7 > "$mnt/sys/kernel/debug/mountdrv/level" || fail "echo into debugfs"
[ "$(cat "$mnt/sys/kernel/debug/mountdrv/level")" = 7 ] || fail "cat debugfs"
(echo 1 > "$mnt/sys/kernel/debug/mountdrv/level/x") 2>/dev/null && fail "a file under a file"
# sysfs: the misc device's class entry is a link as on Linux, its attributes readable
# through it, and a walk of /sys ends (links are not followed)
[ -L "$mnt/sys/class/misc/mountdrv" ] || fail "/sys/class/misc/mountdrv is not a link"
[ "$(readlink "$mnt/sys/class/misc/mountdrv")" = ../../devices/virtual/misc/mountdrv ] ||
	fail "readlink: $(readlink "$mnt/sys/class/misc/mountdrv")"
grep -Eqx '10:[0-9]+' "$mnt/sys/class/misc/mountdrv/dev" || fail "cat dev: $(cat "$mnt/sys/class/misc/mountdrv/dev")"
[ "$(readlink "$mnt/sys/devices/virtual/misc/mountdrv/subsystem")" = ../../../../class/misc ] ||
	fail "readlink subsystem"
timeout 60 find "$mnt/sys" > "$tmp/find" 2>&1 || fail "find /sys: $(tail -3 "$tmp/find")"
grep -qx "$mnt/sys/devices/virtual/misc/mountdrv/uevent" "$tmp/find" || fail "find missed the uevent file"

# poll wakes when another program writes; ioctl with an _IOR argument
python3 - "$mnt/dev/mountdrv" <<'PY' || fail "python3 poll/ioctl"
import fcntl, os, select, struct, subprocess, sys, time
dev = sys.argv[1]
fd = os.open(dev, os.O_RDONLY | os.O_NONBLOCK)
try:
    os.read(fd, 16)
    sys.exit("read of an empty queue did not say EAGAIN")
except BlockingIOError:
    pass
p = select.poll()
p.register(fd, select.POLLIN)
if p.poll(100):
    sys.exit("POLLIN on an empty queue")
w = subprocess.Popen(["sh", "-c", "sleep 0.3; echo ping > " + dev])
t = time.monotonic()
ev = p.poll(60000)
waited = time.monotonic() - t
w.wait()
if not ev or not ev[0][1] & select.POLLIN:
    sys.exit("poll: %r" % ev)
if waited > 50:
    sys.exit("poll woke only at its timeout")
if os.read(fd, 16) != b"ping\n":
    sys.exit("read after poll")
buf = bytearray(4)
fcntl.ioctl(fd, (2 << 30) | (4 << 16) | (ord("M") << 8) | 1, buf)   # _IOR('M', 1, __u32)
if struct.unpack("I", buf)[0] != 11:
    sys.exit("ioctl: %r" % buf)
try:
    fcntl.ioctl(fd, (ord("M") << 8) | 9)
    sys.exit("unknown ioctl succeeded")
except OSError as e:
    if e.errno != 25:
        sys.exit("unknown ioctl: %r" % e)
os.close(fd)
PY

# a path the driver removed: ENOENT at once
echo 1 > "$mnt/sys/kernel/debug/mountdrv/remove_proc" || fail "remove_proc"
cat "$mnt/proc/mountdrv" 2> "$tmp/cat_err" && fail "the removed file was still read"
grep -q "No such file or directory" "$tmp/cat_err" || fail "not ENOENT: $(cat "$tmp/cat_err")"

# a file held open through the mount pins the module; stopping closes it, then unloads
exec 9< "$mnt/dev/mountdrv_pattern"
grep -Eq '^mountdrv [0-9]+ 1 - Live' "$mnt/proc/modules" || fail "open file not counted: $(cat "$mnt/proc/modules")"
stop
exec 9<&-
grep -q "ukmem: unloaded mountdrv" "$tmp/out" || fail "not unloaded: $(cat "$tmp/out")"
grep -q " $mnt " /proc/mounts && fail "still mounted after exit"

# a machine killed with its mount up leaves a dead mount; the next start cleans it
start
machine=$(pgrep -P "$server")
[ -n "$machine" ] || fail "no machine process"
kill -KILL "$server"	# the parent first: it would clean up after the machine
wait "$server" 2>/dev/null
kill -KILL "$machine"
wait "$server" 2>/dev/null
server=
grep -q " $mnt fuse.ukmem" /proc/mounts || fail "no stale mount was left to clean (test set-up)"
ls "$mnt" > /dev/null 2>&1 && fail "the stale mount still answers"
start
grep -q "unmounted a stale ukmem mount" "$tmp/err" || fail "stale mount not reported"
[ "$(cat "$mnt/proc/mountdrv")" = "mountdrv: 0 bytes written" ] || fail "cat after restart"
stop
[ "$(grep -c " $mnt " /proc/mounts)" = 0 ] || fail "mounts left: $(grep " $mnt " /proc/mounts)"
echo "1 passed, 0 failed"
