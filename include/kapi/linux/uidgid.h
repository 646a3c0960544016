/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/uidgid.h: user and group ids as the kernel keeps them -- wrapped in a struct so
 * that a kuid_t is never mixed up with a plain number. ukmem has one user namespace, the
 * initial one: a kuid_t holds the id as it is. */
#ifndef UKMEM_LINUX_UIDGID_H
#define UKMEM_LINUX_UIDGID_H

#include <linux/types.h>

typedef struct {
	uid_t val;
} kuid_t;

typedef struct {
	gid_t val;
} kgid_t;

#define KUIDT_INIT(value) (kuid_t){ value }
#define KGIDT_INIT(value) (kgid_t){ value }
#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
#define INVALID_UID KUIDT_INIT(-1)
#define INVALID_GID KGIDT_INIT(-1)

static inline uid_t __kuid_val(kuid_t uid)
{
	return uid.val;
}
static inline gid_t __kgid_val(kgid_t gid)
{
	return gid.val;
}
static inline bool uid_eq(kuid_t left, kuid_t right)
{
	return __kuid_val(left) == __kuid_val(right);
}
static inline bool gid_eq(kgid_t left, kgid_t right)
{
	return __kgid_val(left) == __kgid_val(right);
}
static inline bool uid_valid(kuid_t uid)
{
	return __kuid_val(uid) != (uid_t)-1;
}
static inline bool gid_valid(kgid_t gid)
{
	return __kgid_val(gid) != (gid_t)-1;
}

#endif
