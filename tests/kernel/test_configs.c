// SPDX-License-Identifier: LGPL-2.1-or-later
/* /proc/config.gz: a gzip stream that gzip itself decompresses into the configuration
 * ukmem provides, with Linux's header lines; the options match generated/autoconf.h. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/kconfig.h>

Test(configs, config_gz_is_gzip_of_the_configuration)
{
	static char gz[65536];
	char path[] = "/tmp/ukmem-config-XXXXXX", cmd[128], text[65536];
	ssize_t len;
	size_t n;
	FILE *f;
	int fd;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	len = ukmem_proc_read("/proc/config.gz", gz, sizeof(gz));
	cr_assert_gt(len, 18);
	cr_assert_eq((unsigned char)gz[0], 0x1f);
	cr_assert_eq((unsigned char)gz[1], 0x8b);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, gz, (size_t)len), len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -dc < %s", path);
	f = popen(cmd, "r");
	cr_assert_not_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	cr_assert_eq(pclose(f), 0, "gzip -d failed: the stream or its CRC is wrong");
	unlink(path);
	static const char header[] = "#\n# Automatically generated file; DO NOT EDIT.\n"
				     "# Linux/x86 6.1.0-ukmem Kernel Configuration\n#\n";
	cr_assert(!strncmp(text, header, strlen(header)), "%s", text);
	cr_assert_not_null(strstr(text, "\nCONFIG_SLUB=y\n"));
	cr_assert_not_null(strstr(text, "\nCONFIG_MMU=y\n"));
	cr_assert_not_null(strstr(text, "\nCONFIG_HZ=250\n"));
	cr_assert_null(strstr(text, "CONFIG_SLAB=y"));
	cr_assert(IS_ENABLED(CONFIG_SLUB) && !IS_ENABLED(CONFIG_SLAB));
	ukmem_shutdown();
}
