/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/utsname.h: the system's names, as uname(2) reports them. ukmem has one UTS
 * namespace, init_uts_ns: "Linux", the host's node name, ukmem's release 6.1.0-ukmem,
 * x86_64. */
#ifndef UKMEM_LINUX_UTSNAME_H
#define UKMEM_LINUX_UTSNAME_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/sched.h>
#include <linux/kref.h>
#include <linux/err.h>

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

struct user_namespace;

struct uts_namespace {
	struct new_utsname name;
	struct user_namespace *user_ns;
};

extern struct uts_namespace init_uts_ns;

static inline struct new_utsname *utsname(void)
{
	return &init_uts_ns.name;
}

static inline struct new_utsname *init_utsname(void)
{
	return &init_uts_ns.name;
}

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/utsname.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
