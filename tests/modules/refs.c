// SPDX-License-Identifier: LGPL-2.1-or-later
/* Module references: an open file of a module's device or debugfs file pins the module
 * (fops->owner), a module using another's symbols is listed in its "Used by" and holds
 * a reference, and /proc/modules shows it all in Linux 6.1's format. The modules are
 * tests/modules/refs/, built by ukmem's Kbuild directory (so each has its own
 * THIS_MODULE); this program runs on libukmem.so, the kernel they bind to. */
#include <criterion/criterion.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include "kmsg.h"

#define PROVIDER	REFS_DIR "/refs_provider.ko"
#define USER		REFS_DIR "/refs_user.ko"
#define ADDR		"0x[0-9a-f]{16}"

/* How many lines of /proc/modules match the extended regex. */
static int modules_match(const char *pattern)
{
	char *text = proc_text("/proc/modules"), *line, *save = NULL;
	regex_t re;
	int n = 0;

	cr_assert_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0, "%s", pattern);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		n += !regexec(&re, line, 0, NULL, 0);
	regfree(&re);
	free(text);
	return n;
}

static void read_value(int fd)
{
	char buf[16] = "";

	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf) - 1), 3);
	cr_assert_str_eq(buf, "42\n");
}

Test(module_refs, open_device_pins_its_module)
{
	int fd;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(PROVIDER, NULL), 0);
	cr_assert(kmsg_contains("refs_provider: loading out-of-tree module taints kernel."));
	cr_assert(kmsg_contains("refs_provider: refcount 1 during init"), "init holds one");
	cr_assert(ukmem_tainted() & (1UL << 12), "O: out-of-tree");
	cr_assert_eq(modules_match("^refs_provider [1-9][0-9]* 0 - Live " ADDR " \\(O\\)$"), 1);

	fd = ukmem_open("/dev/refs_provider", 0);
	cr_assert_geq(fd, 0);
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 1 - Live "), 1);
	cr_assert_eq(ukmem_module_unload("refs_provider"), -EWOULDBLOCK);
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 1 - Live "), 1, "still loaded, live");
	read_value(fd);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 0 - Live "), 1);
	cr_assert_eq(ukmem_module_unload("refs_provider"), 0);
	cr_assert_eq(modules_match("refs_provider"), 0);
	cr_assert_eq(ukmem_open("/dev/refs_provider", 0), -1);
	cr_assert_eq(errno, ENOENT);
	/* loads again, and the taint message is not repeated */
	cr_assert_eq(ukmem_module_load(PROVIDER, NULL), 0);
	cr_assert_eq(kmsg_count("loading out-of-tree module taints kernel."), 1);
	cr_assert_eq(ukmem_module_unload("refs_provider"), 0);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(module_refs, open_debugfs_file_pins_its_module)
{
	int fd, fd2;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(PROVIDER, NULL), 0);
	fd = ukmem_open("/sys/kernel/debug/refs_provider/value", 0);
	fd2 = ukmem_open("/dev/refs_provider", 0);
	cr_assert_geq(fd, 0);
	cr_assert_geq(fd2, 0);
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 2 - Live "), 1);
	read_value(fd);
	cr_assert_eq(ukmem_close(fd2), 0);
	cr_assert_eq(ukmem_module_unload("refs_provider"), -EWOULDBLOCK);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukmem_module_unload("refs_provider"), 0);
	cr_assert_eq(ukmem_stat("/sys/kernel/debug/refs_provider", &(struct ukmem_stat){ 0 }), -1);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(module_refs, symbol_users_are_listed_and_go_first)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(USER, NULL), -ENOENT, "its provider is not loaded");
	cr_assert(kmsg_contains("refs_user: Unknown symbol refs_provider_value (err -2)"));
	cr_assert_eq(ukmem_module_load(PROVIDER, NULL), 0);
	cr_assert_eq(ukmem_module_load(USER, NULL), 0);
	cr_assert(kmsg_contains("refs_user: provider says 42"));
	/* newest first, the user listed after the count */
	char *text = proc_text("/proc/modules");
	char *user = strstr(text, "refs_user "), *provider = strstr(text, "refs_provider ");

	cr_assert(user && provider && user < provider, "%s", text);
	free(text);
	cr_assert_eq(modules_match("^refs_user [0-9]+ 0 - Live " ADDR " \\(O\\)$"), 1);
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 1 refs_user, Live " ADDR " \\(O\\)$"), 1);
	cr_assert_eq(ukmem_module_unload("refs_provider"), -EWOULDBLOCK, "refs_user uses it");
	cr_assert_eq(ukmem_module_unload("refs_user"), 0);
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 0 - Live "), 1, "the use is gone");
	cr_assert_eq(ukmem_module_unload("refs_provider"), 0);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(module_refs, leaked_reference_keeps_module)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(PROVIDER, "leak=1"), 0);
	cr_assert(kmsg_contains("refs_provider: refcount 2 during init"));
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 1 - Live "), 1);
	cr_assert_eq(ukmem_module_unload("refs_provider"), -EWOULDBLOCK);
	cr_assert_eq(ukmem_module_unload("refs_provider"), -EWOULDBLOCK, "the base came back");
	cr_assert_eq(modules_match("^refs_provider [0-9]+ 1 - Live "), 1, "nothing changed");
	cr_assert_eq(ukmem_report_count(), 0);
}
