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

/**
 * ns_capable_noaudit - whether the calling task has a capability, without an audit record
 * @ns: the user namespace (ukmem has only init_user_ns)
 * @cap: the capability (CAP_SYS_ADMIN, ...)
 *
 * ukmem answers from the host process's effective capabilities.
 *
 * Context: any context.
 * Return: true if the capability is held.
 */
bool ns_capable_noaudit(struct user_namespace *ns, int cap)
{
	return ns_capable_common(ns, cap);
}
EXPORT_SYMBOL(ns_capable_noaudit);

/**
 * ns_capable_setid - whether the calling task has a capability, for a set*id() call
 * @ns: the user namespace
 * @cap: the capability
 *
 * Context: any context.
 * Return: true if the host process holds @cap.
 */
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

/**
 * file_ns_capable - whether a file's opener had a capability
 * @file: the file (ukmem looks at the host process, which opened every file)
 * @ns: the user namespace
 * @cap: the capability; an invalid one warns once and is refused
 *
 * Context: any context.
 * Return: true if the host process holds @cap.
 */
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

/**
 * has_capability - whether a task has a capability
 * @t: the task (ukmem's tasks share the host process's capabilities)
 * @cap: the capability
 *
 * Context: any context.
 * Return: true if the host process holds @cap.
 */
bool has_capability(struct task_struct *t, int cap)
{
	return host_has(cap);
}
EXPORT_SYMBOL(has_capability);

/**
 * has_capability_noaudit - has_capability() without an audit record
 * @t: the task
 * @cap: the capability
 *
 * Context: any context.
 * Return: true if the host process holds @cap.
 */
bool has_capability_noaudit(struct task_struct *t, int cap)
{
	return host_has(cap);
}
EXPORT_SYMBOL(has_capability_noaudit);

/**
 * capable_wrt_inode_uidgid - whether the task has a capability over an inode's owner
 * @mnt_userns: the mount's user namespace
 * @inode: the inode (ukmem has one user namespace, so every owner is mapped)
 * @cap: the capability
 *
 * Context: any context.
 * Return: true if the host process holds @cap.
 */
bool capable_wrt_inode_uidgid(struct user_namespace *mnt_userns, const struct inode *inode,
			      int cap)
{
	return ns_capable(&init_user_ns, cap);
}
EXPORT_SYMBOL(capable_wrt_inode_uidgid);
