// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/mount.c: the machine's files on the host -- `ukmem run --mount DIR` serves the
 * machine's /dev, /proc and /sys (with /sys/kernel/debug) under DIR as a FUSE file
 * system (libfuse3), so that ordinary programs (cat, dd, echo, poll) use its drivers.
 * A client of ukmem's public user side only (include/ukmem.h): every request becomes
 * ukmem_stat/ukmem_readdir/ukmem_open/ukmem_read/... on the path under DIR.
 * Invariants: device nodes are shown as regular files (a character device in a FUSE
 * file system would be opened by the host's kernel, not by the machine); every file
 * is opened with direct I/O (its size is unknown until read) and nothing is cached,
 * so a path the driver removed gives ENOENT at once; each descriptor the mount opened
 * is in open_fds until its release, and those still open when the mount stops are
 * closed then, so that the modules can be unloaded. */
#define FUSE_USE_VERSION 31
#include <errno.h>
#include <fcntl.h>
/* <stdio.h> before <fuse.h>: with clang, glibc's <sys/stat.h> reaches <linux/stat.h>,
 * which is ukmem's here and renames sscanf, and a later <stdio.h> would clash with it. */
#include <stdio.h>
#include <fuse.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include "tool.h"

#define MAX_FDS		1024
#define MAX_WAITS	256

struct machine_mount {
	struct fuse *fuse;
	char *dir;
	char *abs_dir;			/* dir made absolute: for links to absolute paths */
	pthread_t loop;
	pthread_t poller;
	dev_t dev;			/* the mount's device: its FUSE connection */
	bool stopping;
};

static pthread_mutex_t fds_lock = PTHREAD_MUTEX_INITIALIZER;
static bool open_fds[MAX_FDS];

/* Poll requests the kernel asked to be told about (FUSE_POLL_SCHEDULE_NOTIFY): the
 * poller thread waits on their descriptors and notifies each once it has an event. */
static struct {
	int fd;
	short events;
	struct fuse_pollhandle *ph;
} waits[MAX_WAITS];
static int nr_waits;
static pthread_mutex_t waits_lock = PTHREAD_MUTEX_INITIALIZER;

static int errno_result(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

static void stat_from(struct stat *st, const struct ukmem_stat *u)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = u->mode;
	if (S_ISCHR(u->mode) || S_ISBLK(u->mode))	/* the machine's, not the host's */
		st->st_mode = S_IFREG | (u->mode & 07777);
	st->st_nlink = u->nlink ? u->nlink : 1;
	st->st_uid = u->uid;
	st->st_gid = u->gid;
	st->st_ino = u->ino;
	st->st_size = u->size;
	st->st_blksize = 4096;
}

/* Symlinks are shown as symlinks (sysfs is full of them; following them would make a
 * tree walk of /sys endless). */
static int mount_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	struct ukmem_stat u;

	if (ukmem_lstat(path, &u))
		return -errno;
	stat_from(st, &u);
	return 0;
}

/* A link's target as the machine has it; one to an absolute path of the machine
 * ("/proc/...") points into the mount. */
static int mount_readlink(const char *path, char *buf, size_t size)
{
	struct machine_mount *m = fuse_get_context()->private_data;
	char target[4096];
	ssize_t n = ukmem_readlink(path, target, sizeof(target) - 1);

	if (n < 0)
		return -errno;
	target[n] = '\0';
	if (target[0] == '/' && m && m->abs_dir)
		snprintf(buf, size, "%s%s", m->abs_dir, target);
	else
		snprintf(buf, size, "%s", target);
	return 0;
}

struct fill_ctx {
	void *buf;
	fuse_fill_dir_t filler;
	const char *dir;
};

/* An entry with its inode number (programs skip entries whose number is 0). */
static int fill_one(void *arg, const char *name, mode_t type)
{
	struct fill_ctx *ctx = arg;
	struct stat st = { .st_mode = S_ISCHR(type) || S_ISBLK(type) ? S_IFREG : type };
	struct ukmem_stat u;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", strcmp(ctx->dir, "/") ? ctx->dir : "", name);
	if (!ukmem_lstat(path, &u))
		stat_from(&st, &u);
	if (!st.st_ino)
		st.st_ino = 1;
	return ctx->filler(ctx->buf, name, &st, 0, 0) ? 1 : 0;
}

static int mount_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t offset,
			 struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	struct fill_ctx ctx = { buf, filler, path };
	int ret;

	filler(buf, ".", NULL, 0, 0);
	filler(buf, "..", NULL, 0, 0);
	ret = ukmem_readdir(path, fill_one, &ctx);
	return ret < 0 ? -errno : 0;
}

static int mount_open(const char *path, struct fuse_file_info *fi)
{
	int fd = ukmem_open(path, fi->flags & (O_ACCMODE | O_NONBLOCK | O_APPEND));

	if (fd < 0)
		return -errno;
	if (fd >= MAX_FDS) {
		ukmem_close(fd);
		return -EMFILE;
	}
	pthread_mutex_lock(&fds_lock);
	open_fds[fd] = true;
	pthread_mutex_unlock(&fds_lock);
	fi->fh = (uint64_t)fd;
	fi->direct_io = 1;		/* sizes are known only by reading */
	fi->keep_cache = 0;
	return 0;
}

static int mount_release(const char *path, struct fuse_file_info *fi)
{
	int fd = (int)fi->fh;
	bool mine;

	pthread_mutex_lock(&fds_lock);
	mine = open_fds[fd];
	open_fds[fd] = false;
	pthread_mutex_unlock(&fds_lock);
	if (mine)
		ukmem_close(fd);
	return 0;
}

/* At the file's offset when the file has positions; in sequence for a stream. */
static int mount_read(const char *path, char *buf, size_t size, off_t offset,
		      struct fuse_file_info *fi)
{
	ssize_t n = ukmem_pread((int)fi->fh, buf, size, offset);

	if (n < 0 && errno == ESPIPE)
		n = ukmem_read((int)fi->fh, buf, size);
	return errno_result(n);
}

static int mount_write(const char *path, const char *buf, size_t size, off_t offset,
		       struct fuse_file_info *fi)
{
	ssize_t n = ukmem_pwrite((int)fi->fh, buf, size, offset);

	if (n < 0 && errno == ESPIPE)
		n = ukmem_write((int)fi->fh, buf, size);
	return errno_result(n);
}

/* `echo 1 > attr` truncates first: the machine's files have no length to cut. */
static int mount_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	struct ukmem_stat u;

	if (!fi && ukmem_stat(path, &u))
		return -errno;
	return 0;
}

static int mount_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
	int ret = datasync ? ukmem_fdatasync((int)fi->fh) : ukmem_fsync((int)fi->fh);

	return ret < 0 && errno == EINVAL ? 0 : errno_result(ret);
}

/* FUSE passes the argument's bytes for commands that encode a size (_IOR/_IOW): the
 * driver copies from and to that buffer; a command without one gets the value itself. */
static int mount_ioctl(const char *path, int request, void *arg, struct fuse_file_info *fi,
		       unsigned int flags, void *data)
{
	unsigned int cmd = (unsigned int)request;
	unsigned long uarg = _IOC_SIZE(cmd) ? (unsigned long)data : (unsigned long)arg;

	if (flags & FUSE_IOCTL_COMPAT)
		return -ENOSYS;
	return errno_result(ukmem_ioctl((int)fi->fh, cmd, uarg));
}

static short poll_now(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return ukmem_poll(&p, 1, 0) < 0 ? POLLERR : p.revents;
}

/* The kernel asks with the events the program waits for (poll_events; all when it
 * does not say); a handle is kept, to be notified, until one of those is ready. */
static int mount_poll(const char *path, struct fuse_file_info *fi, struct fuse_pollhandle *ph,
		      unsigned *reventsp)
{
	short all = POLLIN | POLLOUT | POLLPRI | POLLRDNORM | POLLWRNORM | POLLRDBAND | POLLWRBAND;
	short wanted = fi->poll_events ? (short)fi->poll_events : all;
	short now = poll_now((int)fi->fh, all);

	*reventsp = (unsigned short)now;
	if (!ph)
		return 0;
	if (now & (wanted | POLLERR | POLLHUP | POLLNVAL)) {	/* the kernel has its answer */
		fuse_pollhandle_destroy(ph);
		return 0;
	}
	pthread_mutex_lock(&waits_lock);
	if (nr_waits < MAX_WAITS) {
		waits[nr_waits].fd = (int)fi->fh;
		waits[nr_waits].events = wanted;
		waits[nr_waits].ph = ph;
		nr_waits++;
		ph = NULL;
	}
	pthread_mutex_unlock(&waits_lock);
	if (ph) {			/* too many waiting: let the kernel ask again */
		fuse_notify_poll(ph);
		fuse_pollhandle_destroy(ph);
	}
	return 0;
}

/* Waits on the descriptors of the poll requests; a ready one is notified and dropped.
 * Requests added meanwhile are picked up at the next round (at most 50 ms later; one
 * ready before that is seen ready at once). */
static void *poller(void *arg)
{
	struct machine_mount *m = arg;
	struct pollfd fds[MAX_WAITS];

	while (!__atomic_load_n(&m->stopping, __ATOMIC_ACQUIRE)) {
		int n;

		pthread_mutex_lock(&waits_lock);
		n = nr_waits;
		for (int i = 0; i < n; i++)
			fds[i] = (struct pollfd){ .fd = waits[i].fd, .events = waits[i].events };
		pthread_mutex_unlock(&waits_lock);
		if (!n) {
			usleep(50 * 1000);
			continue;
		}
		if (ukmem_poll(fds, (unsigned long)n, 50) <= 0)
			continue;
		pthread_mutex_lock(&waits_lock);
		for (int i = 0; i < n; i++) {
			if (!fds[i].revents)
				continue;
			for (int j = 0; j < nr_waits; j++)
				if (waits[j].fd == fds[i].fd) {
					fuse_notify_poll(waits[j].ph);
					fuse_pollhandle_destroy(waits[j].ph);
					waits[j] = waits[--nr_waits];
					j--;
				}
		}
		pthread_mutex_unlock(&waits_lock);
	}
	return NULL;
}

static void *mount_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	cfg->entry_timeout = 0;		/* a driver may remove any file at any time */
	cfg->attr_timeout = 0;
	cfg->negative_timeout = 0;
	cfg->use_ino = 1;
	cfg->direct_io = 1;
	cfg->nullpath_ok = 0;
	return fuse_get_context()->private_data;
}

static const struct fuse_operations mount_ops = {
	.init = mount_init,
	.getattr = mount_getattr,
	.readlink = mount_readlink,
	.readdir = mount_readdir,
	.open = mount_open,
	.release = mount_release,
	.read = mount_read,
	.write = mount_write,
	.truncate = mount_truncate,
	.fsync = mount_fsync,
	.ioctl = mount_ioctl,
	.poll = mount_poll,
};

/* dir as /proc/self/mounts names it: its parent resolved (dir itself may be a dead
 * mount, which realpath cannot enter), then its last component. malloc'd or NULL. */
static char *mount_point_name(const char *dir)
{
	char copy[4096], *slash, *parent, *path = NULL;
	const char *base;
	size_t len;

	snprintf(copy, sizeof(copy), "%s", dir);
	len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	slash = strrchr(copy, '/');
	if (!slash) {
		parent = realpath(".", NULL);
		base = copy;
	} else {
		*slash = '\0';
		parent = realpath(slash == copy ? "/" : copy, NULL);
		base = slash + 1;
	}
	if (parent && asprintf(&path, "%s/%s", strcmp(parent, "/") ? parent : "", base) < 0)
		path = NULL;
	free(parent);
	return path;
}

static bool is_ukmem_mount(const char *dir)
{
	char line[4096], *target = mount_point_name(dir);
	bool found = false;
	FILE *f = target ? fopen("/proc/self/mounts", "r") : NULL;

	while (f && fgets(line, sizeof(line), f)) {
		char src[1024], at[2048], type[256];

		if (sscanf(line, "%1023s %2047s %255s", src, at, type) == 3 &&
		    !strcmp(at, target) && !strcmp(type, "fuse.ukmem"))
			found = true;
	}
	if (f)
		fclose(f);
	free(target);
	return found;
}

/* Unmounts dir, even with files still open there (lazily): as root directly, else
 * through fusermount3. */
static int unmount_dir(const char *dir)
{
	pid_t pid;
	int status;

	if (!umount2(dir, MNT_DETACH))
		return 0;
	pid = fork();
	if (pid == 0) {
		execlp("fusermount3", "fusermount3", "-u", "-z", "-q", dir, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return 0;
}

int mount_clean_stale(const char *dir)
{
	struct stat st;

	if (!is_ukmem_mount(dir))
		return 0;
	if (!stat(dir, &st)) {
		/* a live mount of another ukmem run: leave it */
		fprintf(stderr, "ukmem: %s: a running ukmem serves it already\n", dir);
		return -1;
	}
	if (unmount_dir(dir)) {
		fprintf(stderr, "ukmem: %s: cannot unmount the stale ukmem mount there\n", dir);
		return -1;
	}
	fprintf(stderr, "ukmem: %s: unmounted a stale ukmem mount (its machine had stopped)\n",
		dir);
	return 0;
}

void mount_clean_after(const char *dir)
{
	if (is_ukmem_mount(dir))
		unmount_dir(dir);
}

static void *loop_thread(void *arg)
{
	struct machine_mount *m = arg;

	fuse_loop_mt(m->fuse, 0);
	return NULL;
}

struct machine_mount *machine_mount_start(const char *dir)
{
	char *argv[] = { (char *)"ukmem", (char *)"-o", (char *)"fsname=ukmem,subtype=ukmem",
			 NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, argv);
	struct machine_mount *m = calloc(1, sizeof(*m));
	struct stat st;

	if (!m)
		return NULL;
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "ukmem: --mount %s: %s\n", dir,
			errno ? strerror(errno) : "not a directory");
		free(m);
		return NULL;
	}
	if (access("/dev/fuse", R_OK | W_OK)) {
		fprintf(stderr, "ukmem: --mount %s: /dev/fuse: %s (as root: modprobe fuse, or "
			"mknod /dev/fuse c 10 229)\n", dir, strerror(errno));
		free(m);
		return NULL;
	}
	m->dir = strdup(dir);
	m->abs_dir = realpath(dir, NULL);
	m->fuse = fuse_new(&args, &mount_ops, sizeof(mount_ops), m);
	fuse_opt_free_args(&args);
	if (!m->fuse || fuse_mount(m->fuse, dir)) {
		fprintf(stderr, "ukmem: --mount %s: FUSE mount failed\n", dir);
		if (m->fuse)
			fuse_destroy(m->fuse);
		free(m->dir);
		free(m->abs_dir);
		free(m);
		return NULL;
	}
	pthread_create(&m->poller, NULL, poller, m);
	pthread_create(&m->loop, NULL, loop_thread, m);
	if (!stat(dir, &st))		/* answered by the loop just started */
		m->dev = st.st_dev;
	return m;
}

/* Ends the connection even while programs hold files open there (a lazy unmount
 * leaves it up until they close them), where the FUSE control file system is mounted. */
static void abort_connection(dev_t dev)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/sys/fs/fuse/connections/%u/abort", minor(dev));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t ret = write(fd, "1", 1);	/* fails if it is gone already */

		(void)ret;
		close(fd);
	}
}

void machine_mount_stop(struct machine_mount *m)
{
	struct timespec deadline;
	bool joined;

	if (!m)
		return;
	__atomic_store_n(&m->stopping, true, __ATOMIC_RELEASE);
	fuse_exit(m->fuse);
	fuse_unmount(m->fuse);		/* lazily: the loop's reads end with the connection */
	abort_connection(m->dev);
	pthread_join(m->poller, NULL);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 2;
	/* A program still holding a file there keeps the connection (and the loop's read)
	 * up until this process exits; the machine's side is closed below all the same. */
	joined = !pthread_timedjoin_np(m->loop, NULL, &deadline);
	pthread_mutex_lock(&waits_lock);
	while (nr_waits)
		fuse_pollhandle_destroy(waits[--nr_waits].ph);
	pthread_mutex_unlock(&waits_lock);
	pthread_mutex_lock(&fds_lock);
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (open_fds[fd]) {	/* files programs still held open there */
			open_fds[fd] = false;
			ukmem_close(fd);
		}
	pthread_mutex_unlock(&fds_lock);
	if (joined) {
		fuse_destroy(m->fuse);
		free(m->dir);
		free(m->abs_dir);
		free(m);
	}
}
