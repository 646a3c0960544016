/* ukmem.h: ukmem's native API -- booting and shutting down the machine, reading its
 * /proc views and kernel log. Kernel-API code uses the headers under include/kapi. */
#ifndef UKMEM_H
#define UKMEM_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Boots a machine described by a kernel-style command line ("mem=256M numa=fake=2 ...";
 * NULL or "" for the defaults). UKMEM_CMDLINE from the environment is appended.
 * Returns 0, or -errno (-EBUSY if already booted, -EINVAL for a bad value). Any kernel
 * API used before ukmem_boot() boots the default machine by itself. */
int ukmem_boot(const char *cmdline);

/* Tears the machine down: every mapping and the memory file are released. */
void ukmem_shutdown(void);

/* 1 once a machine is up. */
int ukmem_is_booted(void);

/* The command line the running machine was booted with. */
const char *ukmem_cmdline(void);

/* Renders a /proc view ("/proc/meminfo", "/proc/buddyinfo", "/proc/zoneinfo",
 * "/proc/pagetypeinfo", ...) or the kernel log ("/dev/kmsg") into buf, like snprintf:
 * returns the view's full length (the text is cut at size - 1 and NUL-terminated), or -1
 * with errno ENOENT for an unknown path. */
ssize_t ukmem_proc_read(const char *path, char *buf, size_t size);

/* Physical memory of the host that the machine actually uses, in bytes: the resident
 * part of the memory file (it falls when freed blocks are handed back). */
size_t ukmem_host_resident_bytes(void);

/* Number of reports (BUG, WARNING, bad page, ...) printed since boot. */
unsigned long ukmem_report_count(void);

#ifdef __cplusplus
}
#endif
#endif
