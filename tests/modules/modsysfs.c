// SPDX-License-Identifier: LGPL-2.1-or-later
/* /sys/module as Linux 6.1 shows it, for modules built by ukmem's Kbuild directory
 * (tests/modules/modsysfs/modparams.ko, tests/modules/refs/): parameters read and written
 * through the parameter ops with the kernel's texts and errors, refcnt following an open
 * file of the module, initstate, coresize, taint, version, holders/ after a dependent
 * module loads, drivers/ links both ways, and the directory gone at unload (an open
 * parameter file then reads -ENODEV; the module loads again). */
#include <criterion/criterion.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/capability.h>
#include "kmsg.h"
#include "sysfile.h"

#define MODPARAMS	MODSYSFS_DIR "/modparams.ko"
#define PROVIDER	REFS_DIR "/refs_provider.ko"
#define USER		REFS_DIR "/refs_user.ko"
#define DIR		"/sys/module/modparams"
#define PARAM(name)	DIR "/parameters/" name

static char buf[4096];

static const char *sysread(const char *path)
{
	return sysfile_read(path, buf, sizeof(buf));
}

/* What the module itself sees, through its device. */
static const char *module_view(void)
{
	return sysread("/dev/modparams");
}

static const char *link_of(const char *path)
{
	ssize_t n = ukmem_readlink(path, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

struct names {
	char text[512];
};

static int add_name(void *ctx, const char *name, mode_t type)
{
	struct names *names = ctx;

	(void)type;
	strcat(names->text, name);
	strcat(names->text, " ");
	return 0;
}

static bool listed(const char *dir, const char *name)
{
	struct names names = { " " };
	char word[128];

	cr_assert_eq(ukmem_readdir(dir, add_name, &names), 0, "%s", dir);
	snprintf(word, sizeof(word), " %s ", name);
	return strstr(names.text, word) != NULL;
}

static void boot_and_load(const char *params)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(MODPARAMS, params), 0);
}

static void unload_and_shutdown(void)
{
	cr_assert_eq(ukmem_module_unload("modparams"), 0);
	cr_assert_not(sysfile_exists(DIR));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(module_sysfs, parameters_read_as_the_kernel_prints_them)
{
	boot_and_load("count=5");
	cr_assert_str_eq(sysread(PARAM("count")), "5\n");
	cr_assert_str_eq(sysread(PARAM("verbose")), "N\n", "bool as N/Y");
	cr_assert_str_eq(sysread(PARAM("greeting")), "hello\n");
	cr_assert_str_eq(sysread(PARAM("levels")), "1,2\n", "the set elements, comma-separated");
	cr_assert_str_eq(sysread(PARAM("secret")), "7\n");
	cr_assert_not(sysfile_exists(PARAM("hidden")), "perm 0: no file");
	cr_assert_not(sysfile_exists(PARAM("fail")));
	cr_assert(listed(DIR "/parameters", "levels"));
	unload_and_shutdown();
}

Test(module_sysfs, load_parameters_reach_the_files)
{
	boot_and_load("verbose greeting=\"hi there\" levels=4,-5,6");
	cr_assert_str_eq(sysread(PARAM("verbose")), "Y\n", "a bare bool is true");
	cr_assert_str_eq(sysread(PARAM("greeting")), "hi there\n");
	cr_assert_str_eq(sysread(PARAM("levels")), "4,-5,6\n");
	cr_assert_str_eq(module_view(), "count=3 verbose=1 greeting=hi there levels=3:4,-5,6,0\n");
	unload_and_shutdown();
}

Test(module_sysfs, parameters_written_through_their_ops)
{
	struct ukmem_stat st;

	boot_and_load(NULL);
	cr_assert_eq(ukmem_stat(PARAM("count"), &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0644);
	cr_assert_eq(ukmem_stat(PARAM("secret"), &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0444);

	cr_assert_eq(sysfile_write(PARAM("count"), "42\n"), 3);
	cr_assert_eq(sysfile_write(PARAM("verbose"), "y"), 1);
	cr_assert_eq(sysfile_write(PARAM("greeting"), "world"), 5);
	cr_assert_eq(sysfile_write(PARAM("levels"), "7,8,9\n"), 6);
	cr_assert_str_eq(sysread(PARAM("count")), "42\n");
	cr_assert_str_eq(sysread(PARAM("verbose")), "Y\n");
	cr_assert_str_eq(sysread(PARAM("greeting")), "world\n");
	cr_assert_str_eq(sysread(PARAM("levels")), "7,8,9\n");
	cr_assert_str_eq(module_view(), "count=42 verbose=1 greeting=world levels=3:7,8,9,0\n");

	/* bad values: the kernel's errors, the variable as it was */
	cr_assert_eq(sysfile_write(PARAM("count"), "abc"), -EINVAL);
	cr_assert_eq(sysfile_write(PARAM("count"), "99999999999"), -ERANGE);
	cr_assert_eq(sysfile_write(PARAM("verbose"), "maybe"), -EINVAL);
	cr_assert_str_eq(sysread(PARAM("count")), "42\n");
	cr_assert_str_eq(sysread(PARAM("verbose")), "Y\n");
	cr_assert_eq(sysfile_write(PARAM("levels"), "1,2,3,4,5"), -EINVAL);
	cr_assert(kmsg_contains("levels: can only take 4 arguments"));
	/* a read-only parameter: refused at open, as kernfs does */
	cr_assert_eq(sysfile_write(PARAM("secret"), "1"), -EACCES);
	cr_assert_str_eq(sysread(PARAM("secret")), "7\n");
	cr_assert_str_eq(module_view(), "count=42 verbose=1 greeting=world levels=4:1,2,3,4\n",
			 "as in Linux, the values before the refused one are kept");
	unload_and_shutdown();
}

Test(module_sysfs, module_attributes)
{
	char proc[256], *size;
	struct ukmem_stat st;

	boot_and_load(NULL);
	cr_assert_str_eq(sysread(DIR "/initstate"), "live\n");
	cr_assert_str_eq(sysread(DIR "/refcnt"), "0\n");
	cr_assert_str_eq(sysread(DIR "/initsize"), "0\n");
	cr_assert_str_eq(sysread(DIR "/taint"), "O\n", "out of tree");
	cr_assert_str_eq(sysread(DIR "/version"), "1.2\n");
	cr_assert_str_eq(sysread(DIR "/srcversion"), "5D1E26B2A3C9E1F0B2E0A7C4\n");
	/* coresize is /proc/modules' size */
	sysfile_read("/proc/modules", proc, sizeof(proc));
	cr_assert(!strncmp(proc, "modparams ", 10), "%s", proc);
	size = proc + 10;
	size[strcspn(size, " ")] = '\0';
	cr_assert_str_eq(sysread(DIR "/coresize"), strcat(size, "\n"));
	cr_assert_neq(strcmp(size, "0\n"), 0);
	/* uevent is write-only: a synthetic event */
	cr_assert_eq(ukmem_stat(DIR "/uevent", &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0200);
	cr_assert_eq(ukmem_open(DIR "/uevent", O_RDONLY), -1);
	cr_assert_eq(errno, EACCES);
	cr_assert_eq(sysfile_write(DIR "/uevent", "add"), 3);
	cr_assert_eq(ukmem_lstat(DIR "/holders", &st), 0);
	cr_assert_eq(st.mode & S_IFMT, S_IFDIR);
	unload_and_shutdown();
}

Test(module_sysfs, refcnt_follows_an_open_file_of_the_module)
{
	int fd;

	boot_and_load(NULL);
	fd = ukmem_open("/dev/modparams", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_str_eq(sysread(DIR "/refcnt"), "1\n");
	cr_assert_eq(ukmem_module_unload("modparams"), -EWOULDBLOCK);
	cr_assert_str_eq(sysread(DIR "/initstate"), "live\n", "a refused unload changes nothing");
	cr_assert_str_eq(sysread(DIR "/refcnt"), "1\n");
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_str_eq(sysread(DIR "/refcnt"), "0\n");
	unload_and_shutdown();
}

Test(module_sysfs, holders_list_the_modules_using_it)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(PROVIDER, NULL), 0);
	cr_assert_str_eq(sysread("/sys/module/refs_provider/parameters/leak"), "N\n");
	cr_assert_not(sysfile_exists("/sys/module/refs_provider/holders/refs_user"));
	cr_assert_eq(ukmem_module_load(USER, NULL), 0);
	cr_assert_str_eq(link_of("/sys/module/refs_provider/holders/refs_user"), "../../refs_user");
	cr_assert_str_eq(sysread("/sys/module/refs_provider/holders/refs_user/initstate"), "live\n");
	cr_assert_str_eq(sysread("/sys/module/refs_provider/refcnt"), "1\n", "refs_user holds it");
	cr_assert_not(sysfile_exists("/sys/module/refs_user/parameters"), "no parameters: no directory");
	cr_assert_eq(ukmem_module_unload("refs_provider"), -EWOULDBLOCK);
	cr_assert_eq(ukmem_module_unload("refs_user"), 0);
	cr_assert_not(sysfile_exists("/sys/module/refs_user"));
	cr_assert_not(sysfile_exists("/sys/module/refs_provider/holders/refs_user"));
	cr_assert(sysfile_exists("/sys/module/refs_provider/holders"));
	cr_assert_str_eq(sysread("/sys/module/refs_provider/refcnt"), "0\n");
	cr_assert_eq(ukmem_module_unload("refs_provider"), 0);
	cr_assert_not(sysfile_exists("/sys/module/refs_provider"));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(module_sysfs, drivers_link_both_ways)
{
	boot_and_load(NULL);
	cr_assert_str_eq(link_of(DIR "/drivers/platform:modparams_drv"),
			 "../../../bus/platform/drivers/modparams_drv");
	cr_assert_str_eq(link_of("/sys/bus/platform/drivers/modparams_drv/module"),
			 "../../../../module/modparams");
	cr_assert_str_eq(sysread("/sys/bus/platform/drivers/modparams_drv/module/version"), "1.2\n");
	unload_and_shutdown();
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_not(sysfile_exists("/sys/bus/platform/drivers/modparams_drv"));
	ukmem_shutdown();
}

Test(module_sysfs, gone_at_unload_and_back_at_load)
{
	int fd;

	boot_and_load("count=11");
	fd = ukmem_open(PARAM("count"), O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_module_unload("modparams"), 0, "an open sysfs file does not pin it");
	cr_assert_not(sysfile_exists(DIR));
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, ENODEV);
	cr_assert_eq(ukmem_write(fd, "1", 1), -1);
	cr_assert_eq(errno, ENODEV);
	cr_assert_eq(ukmem_close(fd), 0);
	/* loads again with its own values */
	cr_assert_eq(ukmem_module_load(MODPARAMS, NULL), 0);
	cr_assert_str_eq(sysread(PARAM("count")), "3\n");
	unload_and_shutdown();
}

Test(module_sysfs, failed_init_leaves_nothing)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(MODPARAMS, "fail=1"), -ENODEV);
	cr_assert_not(sysfile_exists(DIR));
	cr_assert_eq(ukmem_module_load(MODPARAMS, "count=abc"), -EINVAL);
	cr_assert(kmsg_contains("modparams: 'abc' invalid for parameter 'count'"));
	cr_assert_not(sysfile_exists(DIR));
	cr_assert_eq(ukmem_module_load(MODPARAMS, NULL), 0);
	cr_assert_str_eq(sysread(DIR "/initstate"), "live\n");
	unload_and_shutdown();
}

Test(module_sysfs, module_left_loaded_at_shutdown)
{
	boot_and_load(NULL);
	ukmem_shutdown();	/* /sys goes with the machine */
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_not(sysfile_exists(DIR));
	ukmem_shutdown();
}

/* The whole of a host file (the module's object), for comparing with what sysfs shows. */
static char *host_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;

	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	data = malloc(*len);
	cr_assert_eq(fread(data, 1, *len, f), *len);
	fclose(f);
	return data;
}

/* sections/: a file per loaded section with its address (within the module's mapping,
 * as /proc/modules gives it); notes/: the build ID note as the object file has it. */
Test(module_sysfs, sections_and_notes)
{
	char proc[256], *base_text;
	unsigned long base, size, text;
	struct ukmem_stat st;

	boot_and_load(NULL);
	cr_assert(listed(DIR "/sections", ".text"));
	cr_assert(listed(DIR "/sections", ".data"));
	cr_assert(listed(DIR "/sections", ".modinfo"));
	cr_assert(listed(DIR "/sections", ".note.gnu.build-id"));
	cr_assert_not(listed(DIR "/sections", ".symtab"), "not loaded");
	cr_assert_not(listed(DIR "/sections", ".comment"), "not loaded");
	cr_assert_eq(ukmem_stat(DIR "/sections/.text", &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0400);

	sysfile_read("/proc/modules", proc, sizeof(proc));
	cr_assert_eq(sscanf(proc, "modparams %lu", &size), 1, "%s", proc);
	base_text = strstr(proc, " 0x");
	cr_assert_not_null(base_text, "%s", proc);
	base = strtoul(base_text + 1, NULL, 16);
	const char *addr = sysread(DIR "/sections/.text");
	cr_assert_eq(strlen(addr), 19, "0x, 16 digits and a newline: %s", addr);
	text = strtoul(addr, NULL, 16);
	if (capable(CAP_SYSLOG)) {
		cr_assert(text > base && text < base + size, "%lx in %lx+%lx", text, base, size);
	} else {
		cr_assert_eq(text, 0, "hidden without CAP_SYSLOG");
	}
	int fd = ukmem_open(DIR "/sections/.text", O_RDONLY);
	char c;
	cr_assert_eq(ukmem_pread(fd, &c, 1, 1), -1, "one read from the start only");
	cr_assert_eq(errno, EINVAL);
	ukmem_close(fd);

	cr_assert_eq(ukmem_stat(DIR "/notes/.note.gnu.build-id", &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0444);
	unsigned char note[256];
	fd = ukmem_open(DIR "/notes/.note.gnu.build-id", O_RDONLY);
	ssize_t n = ukmem_read(fd, note, sizeof(note));
	ukmem_close(fd);
	Elf64_Nhdr nh;
	cr_assert_gt(n, (ssize_t)sizeof(nh));
	memcpy(&nh, note, sizeof(nh));
	cr_assert_eq(nh.n_namesz, 4);
	cr_assert_eq(nh.n_type, NT_GNU_BUILD_ID);
	cr_assert_eq(memcmp(note + sizeof(nh), "GNU", 4), 0);
	cr_assert_eq((size_t)n, sizeof(nh) + 4 + nh.n_descsz);
	size_t len;
	char *object = host_file(MODPARAMS, &len);
	cr_assert_not_null(memmem(object, len, note, (size_t)n), "the object's own build ID");
	free(object);
	unload_and_shutdown();
}
