// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/configs.c: /proc/config.gz -- the configuration ukmem provides
 * (generated/autoconf.h) as a gzip-compressed .config, as Linux's IKCONFIG_PROC shows
 * it, so that `zcat /proc/config.gz` and scripts that read it work. The file is made
 * once at boot; it is a valid gzip stream of stored (uncompressed) deflate blocks, which
 * needs no compression library and is small for a configuration this size. */
#include <stdlib.h>
#include <string.h>
#include <linux/crc32.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include "fs/proc.h"
#include "machine/initcalls.h"
#include "ukmem_kconfig_data.h"

static const char config_header[] =
	"#\n"
	"# Automatically generated file; DO NOT EDIT.\n"
	"# Linux/x86 6.1.0-ukmem Kernel Configuration\n"
	"#\n";

static unsigned char *config_gz;
static size_t config_gz_len;

static void put_le32(unsigned char *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* text as a gzip member (RFC 1952) holding deflate stored blocks (RFC 1951 3.2.4). */
static unsigned char *gzip_stored(const char *text, size_t len, size_t *out_len)
{
	size_t blocks = len / 65535 + 1;
	unsigned char *gz = malloc(10 + blocks * 5 + len + 8), *p = gz;

	if (!gz)
		return NULL;
	memcpy(p, "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);	/* deflate, Unix */
	p += 10;
	size_t done = 0;

	do {	/* at least one block, the last one marked final */
		size_t n = len - done < 65535 ? len - done : 65535;

		*p++ = done + n == len;				/* BFINAL, BTYPE 00 */
		p[0] = (unsigned char)n;
		p[1] = (unsigned char)(n >> 8);
		p[2] = (unsigned char)~n;
		p[3] = (unsigned char)(~n >> 8);
		memcpy(p + 4, text + done, n);
		p += 4 + n;
		done += n;
	} while (done < len);
	put_le32(p, ~crc32_le(~0U, (const unsigned char *)text, len));
	put_le32(p + 4, (u32)len);
	*out_len = (size_t)(p + 8 - gz);
	return gz;
}

static int config_gz_show(struct seq_file *m, void *data)
{
	seq_write(m, config_gz, config_gz_len);
	return 0;
}

/**
 * ikconfig_init - makes /proc/config.gz
 *
 * Context: boot, process context. The compressed file is built once per process.
 * Return: 0 or -ENOMEM.
 */
int ikconfig_init(void)
{
	if (!config_gz) {
		size_t hlen = strlen(config_header), clen = strlen(ukmem_kconfig_data);
		char *text = malloc(hlen + clen + 1);

		if (!text)
			return -ENOMEM;
		memcpy(text, config_header, hlen);
		memcpy(text + hlen, ukmem_kconfig_data, clen + 1);
		config_gz = gzip_stored(text, hlen + clen, &config_gz_len);
		free(text);
		if (!config_gz)
			return -ENOMEM;
	}
	return proc_create_view("/proc/config.gz", config_gz_show, NULL);
}
