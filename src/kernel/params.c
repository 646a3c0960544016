// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/params.c: splits the boot command line into words and hands each to the
 * UKMEM_SETUP handler that owns it. Words nobody owns are reported once, with the
 * kernel's "Unknown kernel command line parameters" warning. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include "kernel/params.h"

extern const struct ukmem_setup __start_ukmem_setup[], __stop_ukmem_setup[];

/* A bare boolean option ("init_on_free") is true; values are kstrtobool()'s words. */
bool params_bool(const char *value, bool *out)
{
	return !value || !*value ? (*out = true) : !kstrtobool(value, out);
}

static const struct ukmem_setup *find_setup(const char *word, const char **value)
{
	for (const struct ukmem_setup *s = __start_ukmem_setup; s < __stop_ukmem_setup; s++) {
		size_t n = strlen(s->name);

		if (s->name[n - 1] == '=') {
			if (!strncmp(word, s->name, n)) {
				*value = word + n;
				return s;
			}
		} else if (!strcmp(word, s->name)) {
			*value = NULL;
			return s;
		}
	}
	return NULL;
}

/* Next word of *p into buf (double quotes group spaces); NULL at the end. */
static char *next_word(const char **p, char *buf, size_t size)
{
	const char *s = *p;
	size_t n = 0;
	bool quoted = false;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (n + 1 < size)
			buf[n++] = *s;
	}
	buf[n] = '\0';
	*p = s;
	return buf;
}

/* "modname.param[=value]" belongs to a module, as in the kernel; ukmem's own dotted
 * options ("ukmem.") are not module parameters and are reported when unknown. */
static bool is_module_param(const char *word)
{
	size_t name_len = strcspn(word, "=");
	const char *dot = memchr(word, '.', name_len);

	return dot && dot != word && strncmp(word, "ukmem.", 6) != 0;
}

int params_parse(const char *cmdline)
{
	char word[512], unknown[1024] = "";
	const char *p = cmdline ? cmdline : "";
	int err = 0;

	for (const struct ukmem_setup *s = __start_ukmem_setup; s < __stop_ukmem_setup; s++)
		if (s->default_value)
			s->handler(s->default_value);

	while (next_word(&p, word, sizeof(word))) {
		const char *value;
		const struct ukmem_setup *s = find_setup(word, &value);

		if (!s && is_module_param(word))
			continue;	/* modname.param=: the module reads it when it loads */
		if (!s) {
			size_t used = strlen(unknown);

			snprintf(unknown + used, sizeof(unknown) - used, "%s%s",
				 used ? " " : "", word);
			continue;
		}
		if (s->handler(value) < 0) {
			pr_err("Malformed early option '%s'\n", word);
			err = -EINVAL;
		}
	}
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  unknown);
	return err;
}
