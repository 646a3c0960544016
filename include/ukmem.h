/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ukmem.h: ukmem's native API -- booting and shutting down the machine, reading its
 * /proc views and kernel log. Kernel-API code uses the headers under include/kapi. */
#ifndef UKMEM_H
#define UKMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <ukmem_version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks ukmem's own API: libukmem.so is built with hidden visibility and exports only
 * these functions and the kernel API (EXPORT_SYMBOL), under the version node UKMEM_0. */
#define UKMEM_API	__attribute__((visibility("default")))

/* The version of the library in use ("0.1.0"); UKMEM_VERSION is the headers' one. */
UKMEM_API const char *ukmem_version(void);

/* Boots a machine described by a kernel-style command line ("mem=256M numa=fake=2 ...";
 * NULL or "" for the defaults). UKMEM_CMDLINE from the environment is appended.
 * Returns 0, or -errno (-EBUSY if already booted, -EINVAL for a bad value). Any kernel
 * API used before ukmem_boot() boots the default machine by itself. */
UKMEM_API int ukmem_boot(const char *cmdline);

/* Tears the machine down: every mapping and the memory file are released. */
UKMEM_API void ukmem_shutdown(void);

/* 1 once a machine is up. */
UKMEM_API int ukmem_is_booted(void);

/* The command line the running machine was booted with. */
UKMEM_API const char *ukmem_cmdline(void);

/* Renders a /proc view ("/proc/meminfo", "/proc/buddyinfo", "/proc/zoneinfo",
 * "/proc/pagetypeinfo", ...) or the kernel log ("/dev/kmsg") into buf, like snprintf:
 * returns the view's full length (the text is cut at size - 1 and NUL-terminated), or -1
 * with errno ENOENT for an unknown path, EFAULT for a NULL path or a NULL buf with a
 * non-zero size (NULL, 0 asks only the length). */
UKMEM_API ssize_t ukmem_proc_read(const char *path, char *buf, size_t size);

/* kmemleak (boot with kmemleak=on): scans for registered objects that nothing points
 * at, reports each new one to the kernel log ("unreferenced object 0x... (size N):")
 * and lists all in /sys/kernel/debug/kmemleak. Objects allocated less than 5 seconds
 * before the scan are left out, as in Linux. Returns how many objects are unreferenced,
 * or -EINVAL when kmemleak is off. A last scan, of objects of any age, runs at
 * ukmem_shutdown(). */
UKMEM_API int ukmem_kmemleak_scan(void);
/* The same scan taking objects of any age, as the one at shutdown: a program's last scan
 * before it exits (libukmem-malloc's at exit). */
UKMEM_API int ukmem_kmemleak_scan_all(void);

/* Physical memory of the host that the machine actually uses, in bytes: the resident
 * part of the memory file (it falls when freed blocks are handed back). */
UKMEM_API size_t ukmem_host_resident_bytes(void);

/* A free the slab allocator refuses (slab_freelist_hardened, on by default). */
enum ukmem_bad_free {
	UKMEM_FREE_INVALID_POINTER = 1,	/* not the start of an object */
	UKMEM_FREE_DOUBLE_FREE = 2,	/* the object is free already */
};
typedef void (*ukmem_bad_free_fn)(const void *ptr, enum ukmem_bad_free what);
/* Sets the function called first when kfree()/kmem_cache_free() is handed a pointer that
 * is not a live object's start (NULL: none). It may report in its own words and abort;
 * if it returns, the kernel's report follows (an invalid pointer is then ignored, a
 * double free is a BUG). Used by libukmem-malloc to report as the C library does. */
UKMEM_API void ukmem_set_bad_free_handler(ukmem_bad_free_fn fn);

/* Fault injection at run time, what the debugfs files /sys/kernel/debug/<name>/<attr> do:
 * name is "failslab" or "fail_page_alloc"; attr is probability (percent), interval,
 * times (-1: no limit), space, verbose, or a switch (ignore-gfp-wait, cache-filter,
 * ignore-gfp-highmem, min-order). ukmem_fault_get also reads "injected", the failures
 * forced so far. Return 0 / the value, -ENOENT for an unknown name, -EFAULT for a NULL
 * name or attr, -EINVAL otherwise. */
UKMEM_API int ukmem_fault_set(const char *name, const char *attr, long value);
UKMEM_API long ukmem_fault_get(const char *name, const char *attr);

/* Number of reports (BUG, WARNING, bad page, ...) printed since boot. */
UKMEM_API unsigned long ukmem_report_count(void);

/* The kernel's taint mask since boot, bit for bit as /proc/sys/kernel/tainted: 1 << 9
 * (W) after a WARNING, 1 << 5 (B) after a bad page, slab corruption or KASAN report,
 * 1 << 7 (D) after a BUG or oops, 1 << 0 (P) for a module without a GPL license. */
UKMEM_API unsigned long ukmem_tainted(void);

/* Device models in I/O port space. A device claims nr_ports ports from base: accesses
 * there call its read/write with the offset from base and the size (1, 2 or 4 bytes);
 * sizes missing from `widths` (a mask of 1|2|4; bytes are always decoded) reach it as
 * byte accesses to consecutive ports. Calls into one device are serialised. Attaching
 * also registers a non-busy resource named `name` in /proc/ioports, so drivers can still
 * request_region() the range. Ports nobody decodes read as all ones. */
struct ukmem_port_device {
	const char *name;
	unsigned int base, nr_ports;
	unsigned int widths;
	uint32_t (*read)(struct ukmem_port_device *dev, unsigned int offset, int size);
	void (*write)(struct ukmem_port_device *dev, unsigned int offset, int size,
		      uint32_t value);
	void (*release)(struct ukmem_port_device *dev);	/* after detach; may be NULL */
};
/* 0, -EBUSY if a port is taken, -EINVAL for a range outside 0..0xffff, no name or no
 * read/write, -EFAULT for NULL. Detaching NULL or a device not attached does nothing. */
UKMEM_API int ukmem_port_attach(struct ukmem_port_device *dev);
UKMEM_API void ukmem_port_detach(struct ukmem_port_device *dev);
/* Attaches a shipped model, "uart@0x3e8" (uart, rtc, pit, parport), as the boot
 * parameter ukmem.dev=uart@0x3f8,rtc@0x70,... does for the whole machine: 0, -EINVAL
 * for an unknown model or bad address, -EFAULT for NULL, or the attach's error. */
UKMEM_API int ukmem_dev_attach(const char *spec);

/* Interrupt lines, the device side (docs/interrupts.md). The machine has the PC's
 * IO-APIC: lines 0-15 are edge triggered (a rising output is one interrupt), 16-23
 * level triggered (the handlers run while the output stays high). A device model sets
 * its line's input whenever its interrupt output changes; drivers' handlers
 * (request_irq) then run on the line's CPU in hardirq context. Both are callable from
 * any context, with the model's own locks held, and never sleep. Lines out of range,
 * or set while no machine is up, are ignored. */
UKMEM_API void ukmem_irq_set_level(unsigned int irq, bool high);
/* One pulse (an interrupt on an edge line). */
UKMEM_API void ukmem_irq_raise(unsigned int irq);
/* A device's message signalled interrupt: its memory write of data to address. A write
 * into the local APIC's window (0xfee00000-0xfeefffff) whose low data byte is the vector
 * of an MSI a driver allocated raises that interrupt; returns whether the write was an
 * interrupt message (anything else is an ordinary memory write, for the caller to do). */
UKMEM_API bool ukmem_msi_write(uint64_t address, uint32_t data);

/* Device models in the physical address space. A window covers [base, base + size):
 * - a register window (read and write set): each access through an ioremapped address
 *   calls read/write with the offset from base and the size (1, 2, 4 or 8); calls into one
 *   device are serialised. A plain pointer access faults with a message naming it.
 * - a memory window (read and write NULL; base and size page-aligned): real memory in a
 *   file of its own, so a plain pointer into the ioremapped window reads and writes it;
 *   ukmem_mmio_memory() is the device's own view of the same bytes.
 * Attaching registers a non-busy resource `name` in /proc/iomem, so drivers can still
 * request_mem_region() it. Physical addresses nobody decodes read as all ones. */
struct ukmem_mmio_device {
	const char *name;
	uint64_t base, size;
	uint64_t (*read)(struct ukmem_mmio_device *dev, uint64_t offset, int size);
	void (*write)(struct ukmem_mmio_device *dev, uint64_t offset, int size, uint64_t value);
	void (*release)(struct ukmem_mmio_device *dev);	/* after detach; may be NULL */
	void *priv;					/* the model's own */
};
/* 0, -EBUSY if the range overlaps RAM or another window, -EINVAL for a bad window or
 * no name, -EFAULT for NULL, -ENOMEM. Detaching NULL or a device not attached does
 * nothing; ukmem_mmio_memory(NULL) is NULL. */
UKMEM_API int ukmem_mmio_attach(struct ukmem_mmio_device *dev);
UKMEM_API void ukmem_mmio_detach(struct ukmem_mmio_device *dev);
/* The device's view of its memory window (NULL for a register window). */
UKMEM_API void *ukmem_mmio_memory(struct ukmem_mmio_device *dev);

/* The user side: device files in ukmem's own /dev, used as the system calls of the same
 * names are (each returns -1 and sets errno on error; ukmem_mmap returns MAP_FAILED).
 * Descriptors are ukmem's own small numbers, not the host's. Threads may use them all
 * concurrently. Nodes come from misc_register() and device_create() (/dev/<name>, in
 * subdirectories if the name has them) or from ukmem_mknod() (mode S_IFCHR, dev from
 * makedev(major, minor)), as udev or mknod(1) would make them; a directory of /dev
 * exists while a node below it does. */
UKMEM_API int ukmem_mknod(const char *path, mode_t mode, dev_t dev);
UKMEM_API int ukmem_unlink(const char *path);
UKMEM_API int ukmem_open(const char *path, int flags);
UKMEM_API int ukmem_close(int fd);
UKMEM_API ssize_t ukmem_read(int fd, void *buf, size_t count);
UKMEM_API ssize_t ukmem_write(int fd, const void *buf, size_t count);
UKMEM_API off_t ukmem_lseek(int fd, off_t offset, int whence);
UKMEM_API int ukmem_ioctl(int fd, unsigned long cmd, unsigned long arg);
/* fcntl(2) on a ukmem descriptor, as Linux 6.1 answers it: F_GETFD/F_SETFD (FD_CLOEXEC,
 * the descriptor's own, also from ukmem_open's O_CLOEXEC; kept only), F_GETFL (the open
 * flags, with O_LARGEFILE's kernel value 0100000, as on 64-bit Linux), F_SETFL (O_APPEND,
 * O_NONBLOCK, O_NOATIME (EPERM unless the file's owner or CAP_FOWNER); O_DIRECT is EINVAL
 * on a device that cannot do direct I/O; O_ASYNC calls the driver's fasync, which sets it;
 * other flags are ignored), F_SETOWN/F_GETOWN (the host process, or process group if
 * negative, that kill_fasync signals; 0: none, and then no signal is sent; ESRCH for one
 * that does not exist), F_SETOWN_EX/F_GETOWN_EX (struct f_owner_ex: F_OWNER_TID, a host
 * thread, F_OWNER_PID or F_OWNER_PGRP; EINVAL for another type, ESRCH, EFAULT),
 * F_SETSIG/F_GETSIG (the signal sent instead of SIGIO, queued with si_fd and si_band to a
 * process or thread; 0: SIGIO). Returns the value asked for or 0, or -1 with errno EBADF
 * (fd not open) or EINVAL (another cmd, a bad signal). */
UKMEM_API int ukmem_fcntl(int fd, int cmd, ...);
/* fsync/fdatasync: the driver's fsync over the whole file (EINVAL without one). */
UKMEM_API int ukmem_fsync(int fd);
UKMEM_API int ukmem_fdatasync(int fd);
/* pread/pwrite: at offset, the file position untouched (ESPIPE on a stream). */
UKMEM_API ssize_t ukmem_pread(int fd, void *buf, size_t count, off_t offset);
UKMEM_API ssize_t ukmem_pwrite(int fd, const void *buf, size_t count, off_t offset);
/* readv/writev: struct iovec from <sys/uio.h> or the kernel's <linux/uio.h>. */
struct iovec;
UKMEM_API ssize_t ukmem_readv(int fd, const struct iovec *iov, int iovcnt);
UKMEM_API ssize_t ukmem_writev(int fd, const struct iovec *iov, int iovcnt);
/* poll: struct pollfd from <poll.h> or <linux/poll.h>; each fd's revents is set from its
 * driver's poll (POLLNVAL for a descriptor that is not open; negative fds are skipped).
 * Waits for up to timeout ms (-1: no limit, 0: not at all) until a driver wakes one of the
 * wait queues it gave poll_wait() and reports an event. Returns how many fds have events,
 * 0 at the timeout, -1 with errno (EINVAL for too many fds, EFAULT for a bad array). */
struct pollfd;
UKMEM_API int ukmem_poll(struct pollfd *fds, unsigned long nfds, int timeout);
/* The machine's files by path: /dev (devfs), /proc, and whatever else is mounted (sysfs at
 * /sys, debugfs at /sys/kernel/debug). ukmem_stat() follows symlinks. A device node has
 * mode S_IFCHR and its number in rdev; a file of /proc or /sys has S_IFREG and the size
 * its inode reports (usually 0: the length is only known by reading it). */
struct ukmem_stat {
	mode_t mode;		/* S_IFMT type and permission bits */
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	dev_t rdev;		/* a device node's number, makedev(major, minor) */
	uint64_t ino;		/* unique among the files that exist at the same time */
	off_t size;
};
/* 0, or -1 with errno ENOENT or EFAULT. */
UKMEM_API int ukmem_stat(const char *path, struct ukmem_stat *st);
/* As ukmem_stat, but a symlink is not followed: its mode is S_IFLNK | 0777 and its size
 * the length of its target. */
UKMEM_API int ukmem_lstat(const char *path, struct ukmem_stat *st);
/* The target of the symlink at path, as readlink(2): not NUL-terminated, cut to size
 * bytes; sysfs' links relative to their directory as on Linux. Returns the bytes placed,
 * or -1 with errno EINVAL (not a symlink), ENOENT, ENAMETOOLONG or EFAULT. */
UKMEM_API ssize_t ukmem_readlink(const char *path, char *buf, size_t size);
/* Calls fill(ctx, name, type) for each entry of the directory at path (type: the S_IFMT
 * bits; "." and ".." left out; each name once). fill runs with no lock of ukmem's held;
 * a non-zero return stops the listing and is returned as it is. Otherwise returns 0, or
 * -1 with errno ENOENT, ENOTDIR, ENOMEM or EFAULT. */
UKMEM_API int ukmem_readdir(const char *path, int (*fill)(void *ctx, const char *name, mode_t type),
		  void *ctx);
/* A mapping of a device file into ukmem's user address space (a reservation of its
 * own): the driver's mmap maps memory there, and the returned pointer reaches the same
 * bytes as the driver's kernel pointers. MAP_ANONYMOUS is not supported (EINVAL). */
UKMEM_API void *ukmem_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
/* Only ukmem's user address space can be unmapped (EINVAL elsewhere). */
UKMEM_API int ukmem_munmap(void *addr, size_t length);
UKMEM_API int ukmem_msync(void *addr, size_t length, int flags);

/* Loads a module built as a shared object and runs its module_init. params is the
 * insmod-style argument string ("count=3 name=\"a b\""; NULL for none). The module is
 * named KBUILD_MODNAME, or after the file ("lib" and ".so" stripped). Returns 0, init's
 * error, -EINVAL for a bad parameter value, -EEXIST if a module of that name, or the
 * same file by another path, is loaded, -EFAULT for a NULL path, -ENOEXEC for a shared
 * object that is not a module (no .modinfo: "No module found in object"),
 * -ENOENT/-ENOEXEC if the file is missing or not loadable (also: built by ukmem's
 * Kbuild for another ukmem version, whose vermagic differs), -ENOENT when it uses a
 * symbol nothing exports ("Unknown symbol", as Linux's loader reports it). A failed
 * module is unloaded. */
UKMEM_API int ukmem_module_load(const char *path, const char *params);

/* Reads the .modinfo section of a module file ("tag=value" strings, each NUL-ended)
 * into buf without loading it. Returns the section's length (more than size: buf holds
 * its start), 0 if the file has none, -ENOENT, -ENOEXEC (not an ELF file), -EFAULT. */
UKMEM_API long ukmem_modinfo(const char *path, char *buf, size_t size);

/* Runs the module's module_exit and unloads it: 0, -ENOENT if no such module is loaded,
 * -EBUSY if it has an init but no exit, -EFAULT for NULL. */
UKMEM_API int ukmem_module_unload(const char *name);

/* Control socket: lets another process (ukmem proc, ukmem top) read this machine's views.
 * ukmem_ctl_listen() serves them on a unix socket at path (replacing a stale file) from a
 * thread of its own; the path appears only once the socket accepts connections (it is
 * bound as "path.new" and renamed, so path has at most 103 bytes): 0, -EBUSY if already
 * serving, -ENAMETOOLONG, or -errno. ukmem_ctl_close() stops it
 * and removes the file; call it before ukmem_shutdown(). ukmem_ctl_read() asks the machine
 * behind socket_path for a view and copies it like ukmem_proc_read(): the view's length,
 * or -1 with errno (ENOENT for an unknown view, ECONNREFUSED/ENOENT without a server,
 * ENAMETOOLONG for a view name of 256 bytes or more, EINVAL for one with a newline,
 * EFAULT for NULL, EPERM for a server of another user, ETIMEDOUT after 10 s of silence,
 * EPROTO for a broken answer). The server answers only its own user and root. */
UKMEM_API int ukmem_ctl_listen(const char *path);
UKMEM_API void ukmem_ctl_close(void);
UKMEM_API ssize_t ukmem_ctl_read(const char *socket_path, const char *view, char *buf, size_t size);

/* Modules linked into the program (libukmem-module's main): ukmem_module_init_builtin()
 * applies "modname.param=value" from the boot command line, then runs each built-in
 * module's init in link order and returns how many failed; ukmem_module_exit_builtin()
 * runs the exits of those whose init succeeded, last one first. */
UKMEM_API int ukmem_module_init_builtin(void);
UKMEM_API void ukmem_module_exit_builtin(void);

#ifdef __cplusplus
}
#endif

#include <ukmem_inspect.h>	/* the page census, framebuffer, device windows, taint text */
#endif
