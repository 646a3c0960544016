// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/lspci.c: `ukmem lspci [-v] [-k] [-n] [-x] [--pid N]` -- the PCI devices of a
 * machine that `ukmem run --serve` keeps up, printed as pciutils' lspci(8) prints them.
 * The devices are the lines of the machine's /proc/bus/pci/devices (as lspci's "proc"
 * access method finds them); each one's facts come from its directory in
 * /sys/bus/pci/devices: the configuration space (config), the BARs (resource), the
 * interrupt (irq) and the bound driver (DRIVER= in uevent). Names come from the PCI ID
 * database (pci.ids) when it is installed, else lspci's numeric forms ("Class 00ff",
 * "Device 1234:11e8"). Only the machine's views are read: nothing in it changes. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem lspci [-v] [-k] [-n|-nn] [-x|-xxx] [-i FILE] [--pid N]\n"
	"\n"
	"Lists the PCI devices of a machine that `ukmem run --serve` keeps up in another\n"
	"process, as lspci(8) does: slot, class, vendor and device, revision. The facts\n"
	"come from the machine's /proc/bus/pci/devices and /sys/bus/pci/devices; the\n"
	"names from the PCI ID database (pci.ids) when it is installed.\n"
	"\n"
	"  -v            verbose: subsystem, flags, BARs, capabilities and the driver\n"
	"  -k            the subsystem and the kernel driver handling each device\n"
	"  -n            numbers instead of names (-nn: both)\n"
	"  -x            the standard part of the configuration space in hex (-xxx: all\n"
	"                256 bytes)\n"
	"  -i FILE       the PCI ID database to use (default: /usr/share/misc/pci.ids,\n"
	"                then /usr/share/hwdata/pci.ids)\n"
	"  -p, --pid N   the `ukmem run` process to ask (default: the newest one serving,\n"
	"                or the socket $UKMEM_CTL names)\n"
	"  -h, --help    print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if no machine answers; 2 for a usage error.\n";

/* Bits of the configuration space (PCI Local Bus Specification 3.0). */
#define CFG_COMMAND		0x04
#define CMD_IO			0x0001
#define CMD_MEMORY		0x0002
#define CMD_MASTER		0x0004
#define CMD_VGA_PALETTE		0x0020
#define CMD_WAIT		0x0080
#define CMD_FAST_BACK		0x0200
#define CFG_STATUS		0x06
#define STATUS_CAP_LIST		0x0010
#define STATUS_66MHZ		0x0020
#define STATUS_UDF		0x0040
#define STATUS_DEVSEL_MASK	0x0600
#define CFG_LATENCY_TIMER	0x0d
#define CFG_HEADER_TYPE		0x0e
#define CFG_BIST		0x0f
#define BIST_CAPABLE		0x80
#define BIST_START		0x40
#define CFG_ROM_ADDRESS		0x30
#define ROM_ADDRESS_ENABLE	0x01
#define ROM_ADDRESS_MASK	(~0x7ffULL)
#define CFG_CAPABILITY_LIST	0x34
#define CAP_ID_PM		0x01
#define CAP_ID_MSI		0x05
#define CAP_ID_MSIX		0x11
/* The kernel's IORESOURCE_* bits in sysfs' resource file. */
#define IORES_IO		0x00000100ULL
#define IORES_MEM		0x00000200ULL
#define IORES_PREFETCH		0x00002000ULL
#define IORES_MEM_64		0x00100000ULL

#define NR_BARS			6
#define ROM_RESOURCE		6

struct pci_device {
	unsigned int bus, devfn;
	char sysdir[64];		/* /sys/bus/pci/devices/0000:BB:DD.F/ */
	unsigned char config[4096];
	size_t config_len;		/* what the machine let us read */
	unsigned long long start[7], end[7], flags[7];
	unsigned int irq;
	char driver[64];
};

static struct {
	int verbose, kernel, numeric, hex;
	const char *ids_path;
	char *ids;			/* pci.ids, or NULL */
	char socket[4096];
} opt;

static unsigned int cfg8(const struct pci_device *d, unsigned int at)
{
	return at < d->config_len ? d->config[at] : 0;
}

static unsigned int cfg16(const struct pci_device *d, unsigned int at)
{
	return cfg8(d, at) | cfg8(d, at + 1) << 8;
}

static unsigned int cfg32(const struct pci_device *d, unsigned int at)
{
	return cfg16(d, at) | (unsigned int)cfg16(d, at + 2) << 16;
}

/* A file of the machine read whole: its length (binary is fine), or -1. */
static ssize_t machine_file(const char *path, void *buf, size_t size)
{
	return ukmem_ctl_read(opt.socket, path, buf, size);
}

/* The name under keys in pci.ids: top ("1234" or "C 00"), then one or two levels below
 * it ("11e8", "1af4 1100"); NULL for not found. A level is a tab more; an entry is its
 * key, two spaces and the name. The name is in a static buffer until the next call. */
static const char *ids_lookup(const char *top, const char *l1, const char *l2)
{
	static char name[256];
	const char *keys[3] = { top, l1, l2 };
	int want = l2 ? 2 : l1 ? 1 : 0, matched = 0;
	const char *line = opt.ids;

	while (line && *line) {
		const char *end = strchr(line, '\n'), *entry = line;
		size_t len = end ? (size_t)(end - line) : strlen(line), klen;
		int depth = 0;

		while (depth < 3 && line[depth] == '\t')
			depth++;
		line = end ? end + 1 : NULL;
		entry += depth;
		if ((size_t)depth == len || entry[0] == '#' || depth > matched)
			continue;	/* empty, a comment, or below an entry not searched */
		if (depth < matched)
			return NULL;	/* past the entry that matched */
		klen = strlen(keys[depth]);
		if (len < depth + klen + 2 || strncmp(entry, keys[depth], klen) ||
		    strncmp(entry + klen, "  ", 2))
			continue;
		if (depth == want) {
			snprintf(name, sizeof(name), "%.*s", (int)(len - depth - klen - 2),
				 entry + klen + 2);
			return name;
		}
		matched++;
	}
	return NULL;
}

static const char *lookup_vendor(unsigned int v)
{
	char k[8];

	snprintf(k, sizeof(k), "%04x", v);
	return ids_lookup(k, NULL, NULL);
}

static const char *lookup_device(unsigned int v, unsigned int d)
{
	char k[8], k1[8];

	snprintf(k, sizeof(k), "%04x", v);
	snprintf(k1, sizeof(k1), "%04x", d);
	return ids_lookup(k, k1, NULL);
}

/* As lspci: the entry under the device, else the device itself when the subsystem IDs
 * are its own IDs. */
static const char *lookup_subsystem(unsigned int v, unsigned int d, unsigned int sv,
				    unsigned int sd)
{
	char k[8], k1[8], k2[16];
	const char *name;

	snprintf(k, sizeof(k), "%04x", v);
	snprintf(k1, sizeof(k1), "%04x", d);
	snprintf(k2, sizeof(k2), "%04x %04x", sv, sd);
	name = ids_lookup(k, k1, k2);
	if (!name && v == sv && d == sd)
		name = lookup_device(v, d);
	return name;
}

/* Class names in lspci's forms: "Host bridge", "Unclassified device [00ff]" (only the
 * base class known), "Class 0600" (nothing known); with -n "0600", with -nn the number
 * in brackets after the name. */
static void class_name(unsigned int cls, char *buf, size_t size)
{
	char k[8], k1[8];
	const char *name;

	if (opt.numeric == 1) {
		snprintf(buf, size, "%04x", cls);
		return;
	}
	snprintf(k, sizeof(k), "C %02x", cls >> 8);
	snprintf(k1, sizeof(k1), "%02x", cls & 0xff);
	name = ids_lookup(k, k1, NULL);
	if (name && !opt.numeric)
		snprintf(buf, size, "%s", name);
	else if (name || (name = ids_lookup(k, NULL, NULL)))
		snprintf(buf, size, "%s [%04x]", name, cls);
	else
		snprintf(buf, size, opt.numeric ? "Class [%04x]" : "Class %04x", cls);
}

/* A vendor and device name pair as lspci's format_name_pair: v and d looked up (NULL:
 * unknown), num "vvvv:dddd". */
static void name_pair(const char *v, const char *d, const char *num, char *buf, size_t size)
{
	if (opt.numeric == 1)
		snprintf(buf, size, "%s", num);
	else if (opt.numeric)
		if (v && d)
			snprintf(buf, size, "%s %s [%s]", v, d, num);
		else if (!v)
			snprintf(buf, size, "Device [%s]", num);
		else
			snprintf(buf, size, "%s Device [%s]", v, num);
	else if (v && d)
		snprintf(buf, size, "%s %s", v, d);
	else if (!v)
		snprintf(buf, size, "Device %s", num);
	else
		snprintf(buf, size, "%s Device %s", v, num + 5);
}

static void device_name(unsigned int v, unsigned int d, unsigned int sv, unsigned int sd,
			bool subsystem, char *buf, size_t size)
{
	char num[16], *vname = NULL, *dname = NULL;
	const char *n;

	snprintf(num, sizeof(num), "%04x:%04x", subsystem ? sv : v, subsystem ? sd : d);
	if (opt.numeric != 1) {
		n = lookup_vendor(subsystem ? sv : v);
		vname = n ? strdup(n) : NULL;
		n = subsystem ? lookup_subsystem(v, d, sv, sd) : lookup_device(v, d);
		dname = n ? strdup(n) : NULL;
	}
	name_pair(vname, dname, num, buf, size);
	free(vname);
	free(dname);
}

/* One device's facts from its sysfs directory; false if it has gone. */
static bool read_device(struct pci_device *d)
{
	char path[128], text[4096];
	ssize_t n;

	snprintf(d->sysdir, sizeof(d->sysdir), "/sys/bus/pci/devices/0000:%02x:%02x.%x/",
		 d->bus, d->devfn >> 3, d->devfn & 7);
	snprintf(path, sizeof(path), "%sconfig", d->sysdir);
	n = machine_file(path, d->config, sizeof(d->config));
	if (n < 0)
		return false;
	d->config_len = (size_t)n < sizeof(d->config) ? (size_t)n : sizeof(d->config) - 1;
	snprintf(path, sizeof(path), "%sresource", d->sysdir);
	if (machine_file(path, text, sizeof(text)) > 0) {
		char *line = text;

		for (int i = 0; i < 7 && line; i++) {
			if (sscanf(line, "%llx %llx %llx", &d->start[i], &d->end[i],
				   &d->flags[i]) != 3)
				break;
			line = strchr(line, '\n');
			line = line ? line + 1 : NULL;
		}
	}
	snprintf(path, sizeof(path), "%sirq", d->sysdir);
	if (machine_file(path, text, sizeof(text)) > 0)
		d->irq = (unsigned int)strtoul(text, NULL, 10);
	snprintf(path, sizeof(path), "%suevent", d->sysdir);
	if (machine_file(path, text, sizeof(text)) > 0) {
		char *drv = strstr(text, "DRIVER=");

		if (drv && (drv == text || drv[-1] == '\n'))
			sscanf(drv + 7, "%63[^\n]", d->driver);
	}
	return true;
}

/* lspci's sizes: the largest unit that divides exactly. */
static void print_size(unsigned long long x)
{
	static const char *const suffix[] = { "", "K", "M", "G", "T" };
	unsigned int i = 0;

	if (!x)
		return;
	while (i < 4 && !(x % 1024)) {
		x /= 1024;
		i++;
	}
	printf(" [size=%u%s]", (unsigned int)x, suffix[i]);
}

static void print_bars(const struct pci_device *d)
{
	unsigned int cmd = cfg16(d, CFG_COMMAND);

	for (int i = 0; i < NR_BARS; i++) {
		unsigned long long start = d->start[i], flags = d->flags[i];
		unsigned long long len = d->end[i] > start ? d->end[i] - start + 1 : 0;

		if (!start && !(flags & (IORES_IO | IORES_MEM)) && !len)
			continue;
		if (flags & IORES_IO) {
			printf("\tI/O ports at ");
			if (start || (cmd & CMD_IO))
				printf("%04llx", start);
			else
				printf("<unassigned>");
			if (!(cmd & CMD_IO))
				printf(" [disabled]");
		} else {
			printf("\tMemory at ");
			if (start)
				printf("%08llx", start);
			else
				printf("<unassigned>");
			printf(" (%s, %sprefetchable)", flags & IORES_MEM_64 ? "64-bit" : "32-bit",
			       flags & IORES_PREFETCH ? "" : "non-");
			if (!(cmd & CMD_MEMORY))
				printf(" [disabled]");
		}
		print_size(len);
		putchar('\n');
	}
}

static void print_rom(const struct pci_device *d)
{
	unsigned long long rom = d->start[ROM_RESOURCE];
	unsigned long long len = d->end[ROM_RESOURCE] > rom ? d->end[ROM_RESOURCE] - rom + 1 : 0;
	unsigned int reg = cfg32(d, CFG_ROM_ADDRESS);

	if (!rom && !reg && !len)
		return;
	printf("\tExpansion ROM at ");
	if (rom & ROM_ADDRESS_MASK)
		printf("%08llx", rom & ROM_ADDRESS_MASK);
	else
		printf("<unassigned>");
	if (!(reg & ROM_ADDRESS_ENABLE))
		printf(" [disabled]");
	else if (!(cfg16(d, CFG_COMMAND) & CMD_MEMORY))
		printf(" [disabled by cmd]");
	print_size(len);
	putchar('\n');
}

static char flag(unsigned int value, unsigned int bit)
{
	return value & bit ? '+' : '-';
}

/* The capability list, one line each as lspci -v prints them. */
static void print_caps(const struct pci_device *d)
{
	unsigned char seen[256] = { 0 };
	unsigned int where;

	if (!(cfg16(d, CFG_STATUS) & STATUS_CAP_LIST))
		return;
	for (where = cfg8(d, CFG_CAPABILITY_LIST) & ~3u; where; ) {
		unsigned int id, cap;

		printf("\tCapabilities: ");
		if (where + 4 > d->config_len) {
			puts("<access denied>");
			break;
		}
		id = cfg8(d, where);
		cap = cfg16(d, where + 2);
		printf("[%02x] ", where);
		if (seen[where]++) {
			puts("<chain looped>");
			break;
		}
		if (id == 0xff) {
			puts("<chain broken>");
			break;
		}
		if (id == CAP_ID_PM)
			printf("Power Management version %u\n", cap & 7);
		else if (id == CAP_ID_MSI)
			printf("MSI: Enable%c Count=%u/%u Maskable%c 64bit%c\n", flag(cap, 0x1),
			       1u << ((cap & 0x70) >> 4), 1u << ((cap & 0x0e) >> 1),
			       flag(cap, 0x100), flag(cap, 0x80));
		else if (id == CAP_ID_MSIX)
			printf("MSI-X: Enable%c Count=%u Masked%c\n", flag(cap, 0x8000),
			       (cap & 0x7ff) + 1, flag(cap, 0x4000));
		else
			printf("Capability ID %#02x [%04x]\n", id, cap);
		where = cfg8(d, where + 1) & ~3u;
	}
}

/* lspci -v's "Flags:" words, in its order: command register bits, then status bits. */
static const struct {
	unsigned int reg, bit;
	const char *words;
} flag_words[] = {
	{ CFG_COMMAND, CMD_MASTER, "bus master, " },
	{ CFG_COMMAND, CMD_VGA_PALETTE, "VGA palette snoop, " },
	{ CFG_COMMAND, CMD_WAIT, "stepping, " },
	{ CFG_COMMAND, CMD_FAST_BACK, "fast Back2Back, " },
	{ CFG_STATUS, STATUS_66MHZ, "66MHz, " },
	{ CFG_STATUS, STATUS_UDF, "user-definable features, " },
};

static void print_flags(const struct pci_device *d)
{
	static const char *const devsel[] = { "fast", "medium", "slow", "??" };
	unsigned int status = cfg16(d, CFG_STATUS);

	printf("\tFlags: ");
	for (size_t i = 0; i < sizeof(flag_words) / sizeof(flag_words[0]); i++)
		if (cfg16(d, flag_words[i].reg) & flag_words[i].bit)
			fputs(flag_words[i].words, stdout);
	printf("%s devsel", devsel[(status & STATUS_DEVSEL_MASK) >> 9]);
	if (cfg16(d, CFG_COMMAND) & CMD_MASTER)
		printf(", latency %u", cfg8(d, CFG_LATENCY_TIMER));
	if (d->irq)
		printf(", IRQ %u", d->irq);
	putchar('\n');
}

static void print_device(const struct pci_device *d)
{
	unsigned int vendor = cfg16(d, 0x00), device = cfg16(d, 0x02);
	unsigned int cls = cfg16(d, 0x0a), rev = cfg8(d, 0x08), progif = cfg8(d, 0x09);
	unsigned int sv = cfg16(d, 0x2c), sd = cfg16(d, 0x2e);
	char cname[300], dname[600];

	class_name(cls, cname, sizeof(cname));
	device_name(vendor, device, 0, 0, false, dname, sizeof(dname));
	printf("%02x:%02x.%u %s: %s", d->bus, d->devfn >> 3, d->devfn & 7, cname, dname);
	if (rev)
		printf(" (rev %02x)", rev);
	if (opt.verbose) {
		char k[8], k1[8], k2[8];
		const char *pname = NULL;

		snprintf(k, sizeof(k), "C %02x", cls >> 8);
		snprintf(k1, sizeof(k1), "%02x", cls & 0xff);
		snprintf(k2, sizeof(k2), "%02x", progif);
		if (opt.numeric != 1)
			pname = ids_lookup(k, k1, k2);
		if (progif || pname) {
			printf(" (prog-if %02x", progif);
			if (pname)
				printf(" [%s]", pname);
			putchar(')');
		}
	}
	putchar('\n');
	if ((opt.verbose || opt.kernel) && (cfg8(d, CFG_HEADER_TYPE) & 0x7f) == 0 && sv &&
	    sv != 0xffff) {
		device_name(vendor, device, sv, sd, true, dname, sizeof(dname));
		printf("\tSubsystem: %s\n", dname);
	}
	if (opt.verbose) {
		unsigned int bist = cfg8(d, CFG_BIST);

		print_flags(d);
		if (bist & BIST_CAPABLE) {
			if (bist & BIST_START)
				printf("\tBIST is running\n");
			else
				printf("\tBIST result: %02x\n", bist & 0x0f);
		}
		print_bars(d);
		print_rom(d);
		print_caps(d);
	}
	if ((opt.verbose || opt.kernel) && d->driver[0])
		printf("\tKernel driver in use: %s\n", d->driver);
	if (opt.hex) {
		size_t cnt = opt.hex >= 3 ? 256 : 64;

		if (cnt > d->config_len)
			cnt = d->config_len;
		for (size_t i = 0; i < cnt; i++) {
			if (!(i % 16))
				printf("%02zx:", i);
			printf(" %02x", d->config[i]);
			if (i % 16 == 15)
				putchar('\n');
		}
	}
	if (opt.verbose || opt.hex)
		putchar('\n');
}

/* The PCI ID database at path (or the usual places): its text, or NULL. */
static char *load_ids(const char *path)
{
	static const char *const places[] = { "/usr/share/misc/pci.ids",
					      "/usr/share/hwdata/pci.ids", "/usr/share/pci.ids" };

	for (size_t i = 0; i < (path ? 1 : sizeof(places) / sizeof(places[0])); i++) {
		FILE *f = fopen(path ? path : places[i], "r");
		char *text = NULL;
		size_t size = 0;

		if (!f)
			continue;
		if (getdelim(&text, &size, '\0', f) < 0) {
			free(text);
			text = NULL;
		}
		fclose(f);
		if (text)
			return text;
	}
	return NULL;
}

int cmd_lspci(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pci_device *dev;
	pid_t pid = 0;
	char *list, *line;
	int o;

	while ((o = getopt_long(argc, argv, "vknxi:p:h", options, NULL)) != -1) {
		switch (o) {
		case 'v':
			opt.verbose = 1;
			break;
		case 'k':
			opt.kernel = 1;
			break;
		case 'n':
			opt.numeric++;
			break;
		case 'x':
			opt.hex++;
			break;
		case 'i':
			opt.ids_path = optarg;
			break;
		case 'p':
			if (parse_pid_option(help, optarg, &pid))
				return EXIT_USAGE;
			break;
		case 'h':
			return print_help(help);
		default:
			return usage_error(help, NULL);
		}
	}
	if (optind != argc)
		return usage_error(help, "%s: no arguments are taken", argv[optind]);
	if (ctl_socket_for(pid, opt.socket, sizeof(opt.socket)))
		return EXIT_REPORTED;
	list = served_view(pid, "/proc/bus/pci/devices");
	if (!list)
		return EXIT_REPORTED;
	if (opt.numeric != 1)
		opt.ids = load_ids(opt.ids_path);
	dev = malloc(sizeof(*dev));
	for (line = list; dev && line && *line; ) {
		unsigned int bdf;

		memset(dev, 0, sizeof(*dev));
		if (sscanf(line, "%4x", &bdf) == 1) {
			dev->bus = bdf >> 8;
			dev->devfn = bdf & 0xff;
			if (read_device(dev))
				print_device(dev);
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	free(dev);
	free(opt.ids);
	free(list);
	return dev ? 0 : EXIT_REPORTED;
}
