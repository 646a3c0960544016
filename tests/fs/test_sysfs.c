// SPDX-License-Identifier: LGPL-2.1-or-later
/* sysfs and kobjects: /sys's standard directories, kobject attributes read and written
 * through ukmem_open, read-only and store-less attributes refused with Linux's errors,
 * duplicate names reported in Linux's words with -EEXIST (and nothing else disturbed),
 * groups with is_visible and subdirectories, bin attributes clipped to their size,
 * ksets and uevents, kobject release (and the report for a type without one),
 * a kobject removed while its attribute is open (-ENODEV, no crash), sysfs_notify
 * waking a poller, sysfs_emit's checks, and paths and renames. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/poll.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/err.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "kmsg.h"
#include "sysfile.h"
#include "lib/kobject_uevent.h"

static int foo = 7;

static ssize_t foo_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", foo);
}

static ssize_t foo_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count)
{
	int ret = kstrtoint(buf, 10, &foo);

	return ret < 0 ? ret : (ssize_t)count;
}

static struct kobj_attribute foo_attribute = __ATTR_RW(foo);
static struct kobj_attribute ro_attribute = __ATTR(ro, 0444, foo_show, foo_store);
static struct kobj_attribute nostore_attribute = __ATTR(nostore, 0644, foo_show, NULL);

Test(sysfs, standard_directories)
{
	struct ukmem_stat st;
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (const char *const *p = (const char *const[]){ "/sys/kernel", "/sys/kernel/mm",
		"/sys/devices", "/sys/bus", "/sys/class", "/sys/dev/char", "/sys/dev/block",
		"/sys/firmware", "/sys/kernel/debug", NULL }; *p; p++)
		cr_assert_eq(ukmem_stat(*p, &st), 0, "%s", *p);
	/* the boot's own events (the misc class) are counted */
	sysfile_read("/sys/kernel/uevent_seqnum", buf, sizeof(buf));
	char *end;
	unsigned long n = strtoul(buf, &end, 10);
	cr_assert(end != buf && !strcmp(end, "\n") && n == uevent_seqnum, "%s", buf);
	ukmem_shutdown();
}

Test(sysfs, attributes_read_write_and_refuse)
{
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kobject *kobj = kobject_create_and_add("ukattr", kernel_kobj);
	cr_assert_not_null(kobj);
	cr_assert_eq(sysfs_create_file(kobj, &foo_attribute.attr), 0);
	cr_assert_eq(sysfs_create_file(kobj, &ro_attribute.attr), 0);
	cr_assert_eq(sysfs_create_file(kobj, &nostore_attribute.attr), 0);

	foo = 7;
	cr_assert_str_eq(sysfile_read("/sys/kernel/ukattr/foo", buf, sizeof(buf)), "7\n");
	cr_assert_eq(sysfile_write("/sys/kernel/ukattr/foo", "42\n"), 3);
	cr_assert_eq(foo, 42);
	cr_assert_str_eq(sysfile_read("/sys/kernel/ukattr/foo", buf, sizeof(buf)), "42\n");
	cr_assert_eq(sysfile_write("/sys/kernel/ukattr/foo", "x\n"), -EINVAL);
	cr_assert_eq(foo, 42);

	/* no write bit: the open is refused, as kernfs does */
	cr_assert_eq(sysfile_write("/sys/kernel/ukattr/ro", "1\n"), -EACCES);
	cr_assert_eq(ukmem_open("/sys/kernel/ukattr/ro", O_RDWR), -1);
	cr_assert_eq(errno, EACCES);
	/* a write bit but no store: kobj_sysfs_ops answers -EIO */
	cr_assert_eq(sysfile_write("/sys/kernel/ukattr/nostore", "1\n"), -EIO);
	cr_assert_eq(foo, 42);
	cr_assert_str_eq(sysfile_read("/sys/kernel/ukattr/nostore", buf, sizeof(buf)), "42\n");

	char *path = kobject_get_path(kobj, GFP_KERNEL);
	cr_assert_str_eq(path, "/kernel/ukattr");
	kfree(path);

	sysfs_remove_file(kobj, &foo_attribute.attr);
	cr_assert_eq(ukmem_open("/sys/kernel/ukattr/foo", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	kobject_put(kobj);
	cr_assert_eq(ukmem_open("/sys/kernel/ukattr/ro", O_RDONLY), -1);
	ukmem_shutdown();
}

Test(sysfs, duplicates_are_reported_as_linux_does)
{
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kobject *kobj = kobject_create_and_add("ukdup", kernel_kobj);
	cr_assert_eq(sysfs_create_file(kobj, &foo_attribute.attr), 0);
	cr_assert_eq(sysfs_create_file(kobj, &foo_attribute.attr), -EEXIST);
	cr_assert(kmsg_contains("sysfs: cannot create duplicate filename '/kernel/ukdup/foo'"));
	cr_assert(kmsg_contains("Call Trace:"));

	struct kobject *again = kobject_create_and_add("ukdup", kernel_kobj);
	cr_assert_null(again);
	cr_assert(kmsg_contains("sysfs: cannot create duplicate filename '/kernel/ukdup'"));
	cr_assert(kmsg_contains("kobject_add_internal failed for ukdup with -EEXIST, don't try to register things with the same name in the same directory."));
	cr_assert(kmsg_contains("kobject_create_and_add: kobject_add error: -17"));

	/* the first is untouched */
	foo = 5;
	cr_assert_str_eq(sysfile_read("/sys/kernel/ukdup/foo", buf, sizeof(buf)), "5\n");
	kobject_put(kobj);
	ukmem_shutdown();
}

static umode_t grp_visible(struct kobject *kobj, struct attribute *attr, int n)
{
	if (attr == &ro_attribute.attr)
		return 0;		/* hidden */
	return n == 0 ? 0444 : attr->mode;
}

static struct attribute *grp_attrs[] = {
	&foo_attribute.attr, &ro_attribute.attr, &nostore_attribute.attr, NULL,
};

static const struct attribute_group named_group = {
	.name = "params", .attrs = grp_attrs, .is_visible = grp_visible,
};

static const struct attribute_group plain_group = { .attrs = grp_attrs };

static char blob[10] = "0123456789";

static ssize_t blob_read(struct file *f, struct kobject *kobj, struct bin_attribute *attr,
			 char *buf, loff_t off, size_t count)
{
	memcpy(buf, blob + off, count);
	return (ssize_t)count;
}

static ssize_t blob_write(struct file *f, struct kobject *kobj, struct bin_attribute *attr,
			  char *buf, loff_t off, size_t count)
{
	memcpy(blob + off, buf, count);
	return (ssize_t)count;
}

static BIN_ATTR_RW(blob, sizeof(blob));

Test(sysfs, groups_and_bin_attributes)
{
	struct ukmem_stat st;
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kobject *kobj = kobject_create_and_add("ukgrp", NULL);
	cr_assert_not_null(kobj);
	cr_assert_eq(sysfs_create_group(kobj, &named_group), 0);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/params/foo", &st), 0);
	cr_assert_eq(st.mode & 0777, 0444, "is_visible's mode: %o", st.mode);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/params/ro", &st), -1);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/params/nostore", &st), 0);
	cr_assert_eq(st.mode & 0777, 0644);
	cr_assert_eq(sysfile_write("/sys/ukgrp/params/foo", "1\n"), -EACCES);

	cr_assert_eq(sysfs_create_group(kobj, &plain_group), 0);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/ro", &st), 0);
	/* a group whose file is taken: the error, and nothing of it left behind */
	cr_assert_eq(sysfs_create_group(kobj, &plain_group), -EEXIST);
	sysfs_remove_group(kobj, &plain_group);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/ro", &st), -1);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/params/foo", &st), 0);
	sysfs_remove_group(kobj, &named_group);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/params", &st), -1);

	cr_assert_eq(sysfs_create_bin_file(kobj, &bin_attr_blob), 0);
	cr_assert_eq(ukmem_stat("/sys/ukgrp/blob", &st), 0);
	cr_assert_eq(st.size, 10);
	int fd = ukmem_open("/sys/ukgrp/blob", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 10);
	cr_assert_eq(memcmp(buf, "0123456789", 10), 0);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 0);
	cr_assert_eq(ukmem_lseek(fd, 8, SEEK_SET), 8);
	cr_assert_eq(ukmem_write(fd, "abcd", 4), 2);	/* clipped to the size */
	cr_assert_eq(ukmem_write(fd, "z", 1), -1);
	cr_assert_eq(errno, EFBIG);
	ukmem_close(fd);
	cr_assert_eq(memcmp(blob, "01234567ab", 10), 0);
	sysfs_remove_bin_file(kobj, &bin_attr_blob);
	kobject_put(kobj);
	ukmem_shutdown();
}

static int released;

static void ukobj_release(struct kobject *kobj)
{
	released++;
	kfree(kobj);
}

static const struct kobj_type ukobj_ktype = {
	.release = ukobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

static const struct kobj_type broken_ktype = {
	.sysfs_ops = &kobj_sysfs_ops,
};

static int uevent_filtered;

static int ukset_uevent(struct kobject *kobj, struct kobj_uevent_env *env)
{
	return add_uevent_var(env, "UKVAR=%s", kobject_name(kobj));
}

static int ukset_filter(struct kobject *kobj)
{
	if (!strcmp(kobject_name(kobj), "quiet")) {
		uevent_filtered++;
		return 0;
	}
	return 1;
}

static const struct kset_uevent_ops ukset_uevent_ops = {
	.filter = ukset_filter, .uevent = ukset_uevent,
};

Test(sysfs, ksets_uevents_and_release)
{
	static char log[8192];
	char buf[64];
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kset *kset = kset_create_and_add("ukset", &ukset_uevent_ops, kernel_kobj);
	cr_assert_not_null(kset);

	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);
	kobj->kset = kset;
	released = 0;
	cr_assert_eq(kobject_init_and_add(kobj, &ukobj_ktype, NULL, "a/b"), 0);
	cr_assert_str_eq(kobject_name(kobj), "a!b");
	cr_assert_eq(ukmem_stat("/sys/kernel/ukset/a!b", &st), 0);
	cr_assert_eq(kset_find_obj(kset, "a!b"), kobj);
	kobject_put(kobj);		/* kset_find_obj's reference */
	cr_assert_eq(kobject_uevent(kobj, KOBJ_ADD), 0);
	uevent_log_read(log, sizeof(log));
	cr_assert(strstr(log, "add@/kernel/ukset/a!b\nACTION=add\nDEVPATH=/kernel/ukset/a!b\n"
			      "SUBSYSTEM=ukset\nUKVAR=a!b\nSEQNUM="), "%s", log);
	cr_assert_neq(strcmp(sysfile_read("/sys/kernel/uevent_seqnum", buf, sizeof(buf)), "0\n"), 0);

	cr_assert_eq(kobject_rename(kobj, "renamed"), 0);
	cr_assert_eq(ukmem_stat("/sys/kernel/ukset/renamed", &st), 0);
	cr_assert_eq(ukmem_stat("/sys/kernel/ukset/a!b", &st), -1);

	/* the last put sends the "remove" that was not sent, and releases */
	kobject_put(kobj);
	cr_assert_eq(released, 1);
	uevent_log_read(log, sizeof(log));
	cr_assert(strstr(log, "remove@/kernel/ukset/renamed\nACTION=remove\n"), "%s", log);
	cr_assert_eq(ukmem_stat("/sys/kernel/ukset/renamed", &st), -1);

	/* the kset's filter drops an event */
	struct kobject *quiet = kzalloc(sizeof(*quiet), GFP_KERNEL);
	quiet->kset = kset;
	cr_assert_eq(kobject_init_and_add(quiet, &ukobj_ktype, NULL, "quiet"), 0);
	uevent_filtered = 0;
	cr_assert_eq(kobject_uevent(quiet, KOBJ_CHANGE), 0);
	cr_assert_eq(uevent_filtered, 1);
	kobject_put(quiet);

	/* no kset anywhere above: -EINVAL */
	struct kobject *lone = kobject_create_and_add("uklone", NULL);
	cr_assert_eq(kobject_uevent(lone, KOBJ_ADD), -EINVAL);
	kobject_put(lone);

	/* a type without release: Linux's (debug-level) report, the object is not freed */
	static struct kobject broken;
	cr_assert_eq(kobject_init_and_add(&broken, &broken_ktype, kernel_kobj, "ukbroken"), 0);
	kobject_put(&broken);
	cr_assert(kmsg_contains("kobject: 'ukbroken' ("));
	cr_assert(kmsg_contains("): does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst."));

	kset_unregister(kset);
	cr_assert_eq(ukmem_stat("/sys/kernel/ukset", &st), -1);
	ukmem_shutdown();
}

Test(sysfs, init_twice_and_add_uninitialized_are_reported)
{
	static struct kobject k;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(kobject_add(&k, NULL, "ukraw"), -EINVAL);
	cr_assert(kmsg_contains("kobject '(null)' ("));
	cr_assert(kmsg_contains("): tried to add an uninitialized object, something is seriously wrong."));
	kobject_init(&k, &ukobj_ktype);
	kobject_init(&k, &ukobj_ktype);
	cr_assert(kmsg_contains("): tried to init an initialized object, something is seriously wrong."));
	ukmem_shutdown();
}

static struct kobject *removed_kobj;

Test(sysfs, attribute_of_a_removed_kobject_answers_enodev)
{
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	removed_kobj = kobject_create_and_add("ukgone", NULL);
	cr_assert_eq(sysfs_create_file(removed_kobj, &foo_attribute.attr), 0);
	int fd = ukmem_open("/sys/ukgone/foo", O_RDWR);
	cr_assert_geq(fd, 0);
	kobject_del(removed_kobj);
	kobject_put(removed_kobj);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, ENODEV);
	cr_assert_eq(ukmem_write(fd, "1", 1), -1);
	cr_assert_eq(errno, ENODEV);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukmem_open("/sys/ukgone/foo", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	ukmem_shutdown();
}

Test(sysfs, notify_wakes_poll)
{
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kobject *kobj = kobject_create_and_add("uknotify", NULL);
	cr_assert_eq(sysfs_create_file(kobj, &foo_attribute.attr), 0);
	int fd = ukmem_open("/sys/uknotify/foo", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_gt(ukmem_read(fd, buf, sizeof(buf)), 0);
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };
	cr_assert_eq(ukmem_poll(&pfd, 1, 0), 0);
	sysfs_notify(kobj, NULL, "foo");
	cr_assert_eq(ukmem_poll(&pfd, 1, 10000), 1);
	cr_assert(pfd.revents & POLLPRI);
	ukmem_close(fd);
	kobject_put(kobj);
	ukmem_shutdown();
}

static ssize_t offset_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int n = sysfs_emit(buf + 1, "x");	/* not the page: refused */

	n += sysfs_emit_at(buf, 0, "a");
	n += sysfs_emit_at(buf, n, "b\n");
	n += sysfs_emit_at(buf, PAGE_SIZE, "c");	/* past the page: refused */
	return n;
}
static struct kobj_attribute offset_attribute = __ATTR_RO(offset);

Test(sysfs, emit_checks_its_buffer)
{
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kobject *kobj = kobject_create_and_add("ukemit", NULL);
	cr_assert_eq(sysfs_create_file(kobj, &offset_attribute.attr), 0);
	cr_assert_str_eq(sysfile_read("/sys/ukemit/offset", buf, sizeof(buf)), "ab\n");
	cr_assert(kmsg_contains("invalid sysfs_emit: buf:"));
	cr_assert(kmsg_contains("invalid sysfs_emit_at: buf:"));
	cr_assert(kmsg_contains(" at:4096"));
	kobject_put(kobj);
	ukmem_shutdown();
}
