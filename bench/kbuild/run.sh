#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/kbuild/run.sh BUILD_DIR [ROUNDS]: the time to build an out-of-tree module of five
# source files with ukmem's Kbuild directory against the time with Debian's real Linux
# 6.1 Kbuild (linux-headers-amd64), same sources, same compiler, in interleaved rounds:
# a full build after `make clean`, and the rebuild after one file is touched. Prints
# medians with their spread (min-max) and the ratios. Goal: ukmem's build at most half
# the real Kbuild's time.
set -euo pipefail
build=${1:-build}
rounds=${2:-7}
ukdir=$(cd "$build/lib/ukmem/kbuild" && pwd)
realdir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -1)
[ -n "$realdir" ] || { echo "bench/kbuild: install linux-headers-amd64 (scripts/deps.sh bench)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Five files of ordinary driver code: a misc device with a buffer, locks, a kfifo-like
# ring, copies to and from user space, module parameters.
mkdir -p "$tmp/src"
for i in 1 2 3 4; do
	cat > "$tmp/src/part$i.c" <<C
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/list.h>

struct part${i}_item { struct list_head node; size_t len; char data[64]; };
static LIST_HEAD(part${i}_items);
static DEFINE_MUTEX(part${i}_lock);
static DEFINE_SPINLOCK(part${i}_spin);
static DECLARE_WAIT_QUEUE_HEAD(part${i}_wait);

int part${i}_add(const char __user *buf, size_t len)
{
	struct part${i}_item *item = kzalloc(sizeof(*item), GFP_KERNEL);

	if (!item)
		return -ENOMEM;
	item->len = min(len, sizeof(item->data));
	if (copy_from_user(item->data, buf, item->len)) {
		kfree(item);
		return -EFAULT;
	}
	mutex_lock(&part${i}_lock);
	list_add_tail(&item->node, &part${i}_items);
	mutex_unlock(&part${i}_lock);
	wake_up_interruptible(&part${i}_wait);
	return 0;
}

ssize_t part${i}_take(char __user *buf, size_t len)
{
	struct part${i}_item *item;
	unsigned long flags;
	ssize_t n;

	mutex_lock(&part${i}_lock);
	item = list_first_entry_or_null(&part${i}_items, struct part${i}_item, node);
	if (item)
		list_del(&item->node);
	mutex_unlock(&part${i}_lock);
	if (!item)
		return 0;
	spin_lock_irqsave(&part${i}_spin, flags);
	n = min(len, item->len);
	spin_unlock_irqrestore(&part${i}_spin, flags);
	if (copy_to_user(buf, item->data, n))
		n = -EFAULT;
	kfree(item);
	return n;
}
C
done
cat > "$tmp/src/main.c" <<'C'
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>

int part1_add(const char __user *buf, size_t len);
ssize_t part1_take(char __user *buf, size_t len);

static int depth = 4;
module_param(depth, int, 0444);
MODULE_PARM_DESC(depth, "queue depth");

static ssize_t bench_read(struct file *file, char __user *buf, size_t len, loff_t *pos)
{
	return part1_take(buf, len);
}

static ssize_t bench_write(struct file *file, const char __user *buf, size_t len, loff_t *pos)
{
	int err = part1_add(buf, len);

	return err ? err : (ssize_t)len;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.read = bench_read,
	.write = bench_write,
};

static struct miscdevice bench_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kbuildbench",
	.fops = &bench_fops,
};

static int __init bench_init(void)
{
	return misc_register(&bench_dev);
}

static void __exit bench_exit(void)
{
	misc_deregister(&bench_dev);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
C
cat > "$tmp/src/Makefile" <<'M'
ifneq ($(KERNELRELEASE),)
obj-m := kbuildbench.o
kbuildbench-y := main.o part1.o part2.o part3.o part4.o
else
default:
	$(MAKE) -C $(KDIR) M=$$PWD modules
endif
M

now() { date +%s.%N; }
declare -A full touch_
for kind in ukmem linux; do mkdir -p "$tmp/$kind" && cp "$tmp/src"/* "$tmp/$kind/"; done
kdir_of() { [ "$1" = ukmem ] && echo "$ukdir" || echo "$realdir"; }

for r in $(seq 1 "$rounds"); do
	for kind in ukmem linux; do		# interleaved
		d=$tmp/$kind
		make -s -C "$(kdir_of $kind)" M="$d" clean >/dev/null 2>&1
		t0=$(now)
		make -s -C "$(kdir_of $kind)" M="$d" modules >"$tmp/$kind.log" 2>&1 ||
			{ cat "$tmp/$kind.log"; exit 1; }
		t1=$(now)
		touch "$d/part3.c"
		make -s -C "$(kdir_of $kind)" M="$d" modules >>"$tmp/$kind.log" 2>&1
		t2=$(now)
		full[$kind]+="$(echo "$t1 - $t0" | bc) "
		touch_[$kind]+="$(echo "$t2 - $t1" | bc) "
	done
	echo "round $r done" >&2
done

stats() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
	m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%.3f %.3f %.3f", m, v[1], v[NR] }'; }
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), gcc $(gcc -dumpfullversion)"
echo "Kbuild of a 5-file module, $rounds interleaved rounds, seconds: median (min-max)"
echo "ukmem Kbuild: $ukdir"
echo "Linux Kbuild: $realdir"
printf '| %-22s | %-22s | %-22s | %-7s |\n' build ukmem Linux ratio
printf '|%s|%s|%s|%s|\n' ------------------------ ------------------------ ------------------------ ---------
for what in full touch_; do
	declare -n arr=$what
	read -r um umin umax <<<"$(echo "${arr[ukmem]}" | stats)"
	read -r lm lmin lmax <<<"$(echo "${arr[linux]}" | stats)"
	label=$([ $what = full ] && echo "clean build" || echo "rebuild, 1 file touched")
	printf '| %-22s | %-22s | %-22s | %-7s |\n' "$label" "$um ($umin-$umax)" "$lm ($lmin-$lmax)" \
		"$(echo "scale=2; $um / $lm" | bc)"
done
