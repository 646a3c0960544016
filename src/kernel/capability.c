// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/capability.c: capable() and friends, answered from the host thread's
 * effective capability set (capget(2)); one user namespace. An invalid capability
 * number is Linux's "capable() called with invalid cap=N" and BUG(). */
#include <linux/capability.h>
#include <linux/bug.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/sched.h>

void ukmem_host_caps(kernel_cap_t *effective, kernel_cap_t *permitted,
		     kernel_cap_t *inheritable);

#ifndef cap_valid
#define cap_valid(x) ((x) >= 0 && (x) <= CAP_LAST_CAP)
#endif

static bool host_has(int cap)
{
	kernel_cap_t eff, perm, inh;

	ukmem_host_caps(&eff, &perm, &inh);
	return cap_raised(eff, cap);
}

static bool ns_capable_common(struct user_namespace *ns, int cap)
{
	if (unlikely(!cap_valid(cap))) {
		pr_crit("capable() called with invalid cap=%u\n", cap);
		BUG();
	}
	return host_has(cap);
}

/**
 * ns_capable - may the current task use a capability in a user namespace
 * @ns: the namespace (ukmem has only the initial one)
 * @cap: CAP_*
 *
 * Context: any. True if the host thread has @cap in its effective set.
 */
bool ns_capable(struct user_namespace *ns, int cap)
{
	return ns_capable_common(ns, cap);
}
EXPORT_SYMBOL(ns_capable);

bool ns_capable_noaudit(struct user_namespace *ns, int cap)
{
	return ns_capable_common(ns, cap);
}
EXPORT_SYMBOL(ns_capable_noaudit);

bool ns_capable_setid(struct user_namespace *ns, int cap)
{
	return ns_capable_common(ns, cap);
}
EXPORT_SYMBOL(ns_capable_setid);

/**
 * capable - may the current task use a capability
 * @cap: CAP_*
 *
 * Context: any. True if the host thread has @cap in its effective set.
 */
bool capable(int cap)
{
	return ns_capable(&init_user_ns, cap);
}
EXPORT_SYMBOL(capable);

bool file_ns_capable(const struct file *file, struct user_namespace *ns, int cap)
{
	if (WARN_ON_ONCE(!cap_valid(cap)))
		return false;
	return host_has(cap);
}
EXPORT_SYMBOL(file_ns_capable);

bool has_ns_capability(struct task_struct *t, struct user_namespace *ns, int cap)
{
	return host_has(cap);
}

bool has_capability(struct task_struct *t, int cap)
{
	return host_has(cap);
}
EXPORT_SYMBOL(has_capability);

bool has_capability_noaudit(struct task_struct *t, int cap)
{
	return host_has(cap);
}
EXPORT_SYMBOL(has_capability_noaudit);

bool capable_wrt_inode_uidgid(struct user_namespace *mnt_userns, const struct inode *inode,
			      int cap)
{
	return ns_capable(&init_user_ns, cap);
}
EXPORT_SYMBOL(capable_wrt_inode_uidgid);
