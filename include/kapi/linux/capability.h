/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/capability.h: capabilities. The CAP_* numbers are the UAPI header's; whether the
 * caller has one is the host process's answer (its effective set, read with capget(2)),
 * so a driver's capable(CAP_SYS_ADMIN) is true exactly when the program runs with that
 * capability. There is one user namespace. */
#ifndef UKMEM_LINUX_CAPABILITY_H
#define UKMEM_LINUX_CAPABILITY_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include_next <linux/capability.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#define _KERNEL_CAPABILITY_VERSION	_LINUX_CAPABILITY_VERSION_3
#define _KERNEL_CAPABILITY_U32S		_LINUX_CAPABILITY_U32S_3

typedef struct kernel_cap_struct {
	__u32 cap[_KERNEL_CAPABILITY_U32S];
} kernel_cap_t;

#define CAP_TO_INDEX(x)		((x) >> 5)
#define CAP_TO_MASK(x)		(1U << ((x) & 31))
#define cap_raised(c, flag)	((c).cap[CAP_TO_INDEX(flag)] & CAP_TO_MASK(flag))
#define cap_raise(c, flag)	((c).cap[CAP_TO_INDEX(flag)] |= CAP_TO_MASK(flag))
#define cap_lower(c, flag)	((c).cap[CAP_TO_INDEX(flag)] &= ~CAP_TO_MASK(flag))

struct task_struct;
struct inode;
struct file;
struct user_namespace;

bool has_capability(struct task_struct *t, int cap);
bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap);
bool has_capability_noaudit(struct task_struct *t, int cap);
bool capable(int cap);
bool ns_capable(struct user_namespace *ns, int cap);
bool ns_capable_noaudit(struct user_namespace *ns, int cap);
bool ns_capable_setid(struct user_namespace *ns, int cap);
bool file_ns_capable(const struct file *file, struct user_namespace *ns, int cap);
bool capable_wrt_inode_uidgid(struct user_namespace *mnt_userns, const struct inode *inode,
			      int cap);

static inline bool perfmon_capable(void)
{
	return capable(CAP_PERFMON) || capable(CAP_SYS_ADMIN);
}

static inline bool bpf_capable(void)
{
	return capable(CAP_BPF) || capable(CAP_SYS_ADMIN);
}

static inline bool checkpoint_restore_ns_capable(struct user_namespace *ns)
{
	return ns_capable(ns, CAP_CHECKPOINT_RESTORE) || ns_capable(ns, CAP_SYS_ADMIN);
}

#pragma pop_macro("__UKMEM_INNER")
#endif
