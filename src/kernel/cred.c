// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/cred.c: the calling task's credentials, taken from its host thread each time
 * they are asked for (so a setuid in the program is seen at once): real, effective and
 * saved ids from getresuid/getresgid, the filesystem ids equal to the effective ones,
 * the capability sets from capget(2). Each thread has its own struct cred (thread-local
 * storage), and there is one user namespace, init_user_ns. */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/string.h>

struct user_namespace {
	int level;
};

struct user_namespace init_user_ns;
EXPORT_SYMBOL_GPL(init_user_ns);

static __thread struct cred current_creds;

/* The host thread's capability sets (effective, permitted, inheritable). */
void ukmem_host_caps(kernel_cap_t *effective, kernel_cap_t *permitted,
		     kernel_cap_t *inheritable)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &header, data) != 0)
		memset(data, 0, sizeof(data));
	for (int i = 0; i < _KERNEL_CAPABILITY_U32S; i++) {
		effective->cap[i] = data[i].effective;
		permitted->cap[i] = data[i].permitted;
		inheritable->cap[i] = data[i].inheritable;
	}
}

/**
 * ukmem_current_cred - the calling thread's credentials (current_cred())
 *
 * Context: any (two or three system calls). Returns the thread's struct cred, valid
 * until its next call.
 */
const struct cred *ukmem_current_cred(void)
{
	struct cred *c = &current_creds;
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (getresuid(&r, &e, &s) != 0)
		r = e = s = getuid();
	if (getresgid(&rg, &eg, &sg) != 0)
		rg = eg = sg = getgid();
	atomic_set(&c->usage, 1);
	c->uid = KUIDT_INIT(r);
	c->euid = KUIDT_INIT(e);
	c->suid = KUIDT_INIT(s);
	c->fsuid = KUIDT_INIT(e);
	c->gid = KGIDT_INIT(rg);
	c->egid = KGIDT_INIT(eg);
	c->sgid = KGIDT_INIT(sg);
	c->fsgid = KGIDT_INIT(eg);
	ukmem_host_caps(&c->cap_effective, &c->cap_permitted, &c->cap_inheritable);
	c->user_ns = &init_user_ns;
	return c;
}
EXPORT_SYMBOL(ukmem_current_cred);
