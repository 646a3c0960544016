// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kobject_uevent.c: uevents, as Linux 6.1 builds them -- ACTION, DEVPATH, SUBSYSTEM,
 * the caller's and the kset's variables, SEQNUM -- without netlink or a helper program:
 * each event is counted in uevent_seqnum (/sys/kernel/uevent_seqnum) and its message
 * ("action@devpath" then the variables, as the netlink message carries them) kept in a
 * small ring that uevent_log_read() returns, for tests and tools.
 *
 * Invariants: uevent_seqnum and the ring change together under uevent_lock; a kobject
 * whose "add" went out gets its "remove" from kobject_del or its last put. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "lib/kobject_uevent.h"

#define UEVENT_LOG_SIZE	64

u64 uevent_seqnum;
EXPORT_SYMBOL_GPL(uevent_seqnum);

static DEFINE_MUTEX(uevent_lock);
static char *uevent_log[UEVENT_LOG_SIZE];	/* host memory: the last messages */
static unsigned int uevent_log_next;

static const char *const kobject_actions[] = {
	[KOBJ_ADD] =		"add",
	[KOBJ_REMOVE] =		"remove",
	[KOBJ_CHANGE] =		"change",
	[KOBJ_MOVE] =		"move",
	[KOBJ_ONLINE] =		"online",
	[KOBJ_OFFLINE] =	"offline",
	[KOBJ_BIND] =		"bind",
	[KOBJ_UNBIND] =		"unbind",
};

/**
 * add_uevent_var - add "KEY=value" to a uevent being built
 * @env: the event's environment
 * @format: printf format of the variable
 *
 * Context: any. Returns 0, or -ENOMEM with Linux's warning when the event is full.
 */
int add_uevent_var(struct kobj_uevent_env *env, const char *format, ...)
{
	va_list args;
	int len;

	if (env->envp_idx >= (int)ARRAY_SIZE(env->envp)) {
		WARN(1, KERN_ERR "add_uevent_var: too many keys\n");
		return -ENOMEM;
	}
	va_start(args, format);
	len = vsnprintf(&env->buf[env->buflen], sizeof(env->buf) - (size_t)env->buflen,
			format, args);
	va_end(args);
	if (len >= (int)(sizeof(env->buf) - (size_t)env->buflen)) {
		WARN(1, KERN_ERR "add_uevent_var: buffer size too small\n");
		return -ENOMEM;
	}
	env->envp[env->envp_idx++] = &env->buf[env->buflen];
	env->buflen += len + 1;
	return 0;
}
EXPORT_SYMBOL_GPL(add_uevent_var);

/* Keeps "action@devpath\nKEY=value\n..." in the ring (under uevent_lock). */
static void uevent_log_add(const char *action, const char *devpath, struct kobj_uevent_env *env)
{
	size_t len = strlen(action) + strlen(devpath) + 3;
	char *msg, *p;

	for (int i = 0; i < env->envp_idx; i++)
		len += strlen(env->envp[i]) + 1;
	msg = malloc(len);
	if (!msg)
		return;
	p = msg + sprintf(msg, "%s@%s\n", action, devpath);
	for (int i = 0; i < env->envp_idx; i++)
		p += sprintf(p, "%s\n", env->envp[i]);
	free(uevent_log[uevent_log_next % UEVENT_LOG_SIZE]);
	uevent_log[uevent_log_next++ % UEVENT_LOG_SIZE] = msg;
}

/**
 * uevent_log_read - the last uevents, oldest first, separated by empty lines
 * @buf: filled with as many whole messages as fit, NUL-terminated
 * @size: its size
 *
 * Context: process. Returns the number of messages given.
 */
int uevent_log_read(char *buf, size_t size)
{
	unsigned int first, n = 0;
	size_t used = 0;

	if (!size)
		return 0;
	buf[0] = '\0';
	mutex_lock(&uevent_lock);
	first = uevent_log_next > UEVENT_LOG_SIZE ? uevent_log_next - UEVENT_LOG_SIZE : 0;
	for (unsigned int i = first; i < uevent_log_next; i++) {
		const char *msg = uevent_log[i % UEVENT_LOG_SIZE];
		size_t len = msg ? strlen(msg) : 0;

		if (!msg || used + len + 2 > size)
			continue;
		memcpy(buf + used, msg, len);
		used += len;
		buf[used++] = '\n';
		buf[used] = '\0';
		n++;
	}
	mutex_unlock(&uevent_lock);
	return (int)n;
}

/* Forgets the ring and the count (shutdown: each machine starts from 0). */
void uevent_log_reset(void)
{
	mutex_lock(&uevent_lock);
	for (int i = 0; i < UEVENT_LOG_SIZE; i++) {
		free(uevent_log[i]);
		uevent_log[i] = NULL;
	}
	uevent_log_next = 0;
	uevent_seqnum = 0;
	mutex_unlock(&uevent_lock);
}

/**
 * kobject_uevent_env - send a uevent with extra variables
 * @kobj: the kobject it is about (it or an ancestor must be in a kset)
 * @action: what happened
 * @envp_ext: NULL-terminated "KEY=value" strings, or NULL
 *
 * Context: process; may sleep. Returns 0 (also when the kset filters it out or the
 * kobject suppresses uevents) or -errno (-EINVAL without a kset).
 */
int kobject_uevent_env(struct kobject *kobj, enum kobject_action action, char *envp_ext[])
{
	const struct kset_uevent_ops *uevent_ops;
	struct kobject *top_kobj = kobj;
	struct kobj_uevent_env *env;
	const char *subsystem;
	char *devpath = NULL;
	struct kset *kset;
	int retval = 0;

	while (!top_kobj->kset && top_kobj->parent)
		top_kobj = top_kobj->parent;
	if (!top_kobj->kset)
		return -EINVAL;
	kset = top_kobj->kset;
	uevent_ops = kset->uevent_ops;
	if (kobj->uevent_suppress)
		return 0;
	if (uevent_ops && uevent_ops->filter && !uevent_ops->filter(kobj))
		return 0;
	subsystem = uevent_ops && uevent_ops->name ? uevent_ops->name(kobj)
						   : kobject_name(&kset->kobj);
	if (!subsystem)
		return 0;
	env = kzalloc(sizeof(*env), GFP_KERNEL);
	if (!env)
		return -ENOMEM;
	devpath = kobject_get_path(kobj, GFP_KERNEL);
	if (!devpath) {
		retval = -ENOENT;
		goto exit;
	}
	retval = add_uevent_var(env, "ACTION=%s", kobject_actions[action]);
	if (!retval)
		retval = add_uevent_var(env, "DEVPATH=%s", devpath);
	if (!retval)
		retval = add_uevent_var(env, "SUBSYSTEM=%s", subsystem);
	for (int i = 0; !retval && envp_ext && envp_ext[i]; i++)
		retval = add_uevent_var(env, "%s", envp_ext[i]);
	if (retval)
		goto exit;
	if (uevent_ops && uevent_ops->uevent) {
		retval = uevent_ops->uevent(kobj, env);
		if (retval)
			goto exit;
	}
	if (action == KOBJ_ADD)
		kobj->state_add_uevent_sent = 1;
	else if (action == KOBJ_REMOVE)
		kobj->state_remove_uevent_sent = 1;
	mutex_lock(&uevent_lock);
	retval = add_uevent_var(env, "SEQNUM=%llu", (unsigned long long)++uevent_seqnum);
	if (!retval)
		uevent_log_add(kobject_actions[action], devpath, env);
	mutex_unlock(&uevent_lock);
exit:
	kfree(devpath);
	kfree(env);
	return retval;
}
EXPORT_SYMBOL_GPL(kobject_uevent_env);

/**
 * kobject_uevent - send a uevent
 * @kobj: the kobject
 * @action: what happened
 *
 * Context: process; may sleep. As kobject_uevent_env() without extra variables.
 */
int kobject_uevent(struct kobject *kobj, enum kobject_action action)
{
	return kobject_uevent_env(kobj, action, NULL);
}
EXPORT_SYMBOL_GPL(kobject_uevent);

/**
 * kobject_synth_uevent - send the uevent written to a "uevent" file
 * @kobj: the kobject
 * @buf: "add", "change", ... optionally followed by a space and arguments (ignored)
 * @count: its length
 *
 * Context: process; may sleep. Returns 0 or -EINVAL (with Linux's warning).
 */
int kobject_synth_uevent(struct kobject *kobj, const char *buf, size_t count)
{
	size_t len = count;
	int r = -EINVAL;

	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\0'))
		len--;
	for (size_t i = 0; i < ARRAY_SIZE(kobject_actions); i++) {
		size_t n = strlen(kobject_actions[i]);

		if (len >= n && !strncmp(buf, kobject_actions[i], n) &&
		    (len == n || buf[n] == ' ')) {
			r = kobject_uevent_env(kobj, (enum kobject_action)i, NULL);
			break;
		}
	}
	if (r) {
		char *devpath = kobject_get_path(kobj, GFP_KERNEL);

		pr_warn("synth uevent: %s: %s\n", devpath ?: "unknown device",
			r == -EINVAL ? "unknown uevent action string" : "failed to send uevent");
		kfree(devpath);
	}
	return r;
}
EXPORT_SYMBOL_GPL(kobject_synth_uevent);
