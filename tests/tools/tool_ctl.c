// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_ctl.c: the control socket of `ukmem run --serve` against hostile and
 * careless clients -- silent, half-sent, oversized, vanishing, 200 at once -- and against
 * sockets and directories someone else could have planted. After each, the machine still
 * answers and stops cleanly on SIGTERM. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include "served_machine.h"
#include "tool_exec.h"

static char socket_path[600];

static int raw_connect(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert_geq(fd, 0);
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", socket_path);
	cr_assert_eq(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), 0, "%s", strerror(errno));
	return fd;
}

/* What the server answers to these raw bytes (read until it closes). */
static char *raw_exchange(const void *request, size_t len)
{
	static char answer[256];
	size_t got = 0;
	ssize_t n;
	int fd = raw_connect();

	cr_assert_eq(send(fd, request, len, MSG_NOSIGNAL), (ssize_t)len);
	while ((n = recv(fd, answer + got, sizeof(answer) - 1 - got, 0)) > 0)
		got += (size_t)n;
	answer[got] = '\0';
	close(fd);
	return answer;
}

static void start(struct served_machine *m)
{
	served_machine_start(m);
	snprintf(socket_path, sizeof(socket_path), "%s/%d.sock", m->dir, (int)m->pid);
	alarm(120);		/* a server that hangs fails the test instead of blocking it */
}

static void expect_meminfo(void)
{
	char buf[8192];

	cr_assert_gt(ukmem_ctl_read(socket_path, "/proc/meminfo", buf, sizeof(buf)), 0,
		     "%s", strerror(errno));
	cr_assert(strstr(buf, "MemTotal:"), "%s", buf);
}

Test(tool_ctl, careless_clients_do_not_stop_the_server)
{
	struct served_machine m;
	char *log, big[300];

	start(&m);
	int silent = raw_connect();		/* connects and never says anything */
	int half = raw_connect();		/* starts a request and never ends it */
	cr_assert_eq(send(half, "/proc/mem", 9, MSG_NOSIGNAL), 9);
	expect_meminfo();			/* served while both wait */

	memset(big, 'a', sizeof(big));
	cr_assert_str_eq(raw_exchange(big, sizeof(big)), "ERR 36\n");	/* ENAMETOOLONG */
	cr_assert_str_eq(raw_exchange("/proc/mem\0info\n", 15), "ERR 22\n");	/* EINVAL */
	cr_assert_str_eq(raw_exchange("nosuchview\n", 11), "ERR 2\n");
	/* Asks for a large view and goes away before reading it: no SIGPIPE. */
	for (int i = 0; i < 20; i++) {
		int fd = raw_connect();

		cr_assert_eq(send(fd, "/dev/kmsg\n", 10, MSG_NOSIGNAL), 10);
		close(fd);
	}
	expect_meminfo();
	close(half);
	/* SIGTERM stops the machine although a client is still connected. */
	cr_assert_eq(served_machine_stop(&m, &log), 0, "%s", log);
	close(silent);
	free(log);
}

static void *reader(void *arg)
{
	for (int i = 0; i < 25; i++) {
		char buf[8192];

		if (ukmem_ctl_read(socket_path, "/proc/meminfo", buf, sizeof(buf)) <= 0 ||
		    !strstr(buf, "MemTotal:"))
			return (void *)1;
	}
	return NULL;
}

Test(tool_ctl, two_hundred_clients_at_once)
{
	struct served_machine m;
	pthread_t threads[8];
	char *log;

	start(&m);
	for (int i = 0; i < 8; i++)
		pthread_create(&threads[i], NULL, reader, NULL);
	for (int i = 0; i < 8; i++) {
		void *failed;

		pthread_join(threads[i], &failed);
		cr_expect_null(failed, "reader %d failed", i);
	}
	cr_assert_eq(served_machine_stop(&m, &log), 0, "%s", log);
	free(log);
}

Test(tool_ctl, client_side_limits)
{
	struct served_machine m;
	char name[400], small[16], *log, *out;

	start(&m);
	memset(name, 'v', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	cr_assert_eq(ukmem_ctl_read(socket_path, name, NULL, 0), -1);
	cr_assert_eq(errno, ENAMETOOLONG);
	cr_assert_eq(ukmem_ctl_read(socket_path, "/proc/meminfo\n", NULL, 0), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_ctl_read(socket_path, NULL, NULL, 0), -1);
	cr_assert_eq(errno, EFAULT);
	/* A large view into a small buffer: its whole length, the text cut as snprintf. */
	ssize_t len = ukmem_ctl_read(socket_path, "/dev/kmsg", small, sizeof(small));
	cr_assert_gt(len, (ssize_t)sizeof(small));
	cr_assert_eq(strlen(small), sizeof(small) - 1);
	cr_assert_eq(run_command(&out, "UKMEM_CTL_DIR=%s %s proc --pid %d %s 2>&1", m.dir,
				 UKMEM_TOOL, (int)m.pid, name), 2, "%s", out);	/* a usage error */
	cr_assert(strstr(out, "File name too long"), "%s", out);
	free(out);
	expect_meminfo();
	cr_assert_eq(served_machine_stop(&m, &log), 0, "%s", log);
	free(log);
}

Test(tool_ctl, sockets_only_in_a_private_directory)
{
	struct served_machine m;
	char *log, *out, link[700];

	start(&m);
	/* Group- or world-accessible: refused. */
	cr_assert_eq(chmod(m.dir, 0755), 0);
	cr_assert_eq(run_command(&out, "UKMEM_CTL_DIR=%s %s proc meminfo 2>&1", m.dir, UKMEM_TOOL), 1);
	cr_assert(strstr(out, "is not a private directory (a directory, owner uid"), "%s", out);
	cr_assert(strstr(out, "mode 0755); refusing to use its sockets"), "%s", out);
	free(out);
	/* A symbolic link to it: refused too. */
	cr_assert_eq(chmod(m.dir, 0700), 0);
	snprintf(link, sizeof(link), "%s.link", m.dir);
	cr_assert_eq(symlink(m.dir, link), 0);
	cr_assert_eq(run_command(&out, "UKMEM_CTL_DIR=%s %s proc meminfo 2>&1", link, UKMEM_TOOL), 1);
	cr_assert(strstr(out, "(a symbolic link, owner uid"), "%s", out);
	free(out);
	unlink(link);
	/* Private again: the newest socket there is found. */
	cr_assert_eq(run_command(&out, "UKMEM_CTL_DIR=%s %s proc meminfo", m.dir, UKMEM_TOOL), 0);
	cr_assert(strstr(out, "MemTotal:"), "%s", out);
	free(out);
	cr_assert_eq(served_machine_stop(&m, &log), 0, "%s", log);
	free(log);
}

/* A socket served by another user (as a planted one would be): its answers are not
 * read, and that user's requests are not answered. Needs root to be another user. */
Test(tool_ctl, another_users_socket_is_refused)
{
	struct served_machine m;
	char *log;
	int sync[2];

	if (geteuid() != 0)
		cr_skip_test("needs root to act as another user");
	start(&m);
	cr_assert_eq(pipe(sync), 0);
	/* Open the way for it, so that only the server's own check stands in between. */
	cr_assert_eq(chmod(m.dir, 0755), 0);
	cr_assert_eq(chmod(socket_path, 0777), 0);
	pid_t child = fork();
	if (!child) {
		/* Another user asks the machine: the server closes without answering. */
		char buf[64];

		if (setgid(65534) || setuid(65534))
			_exit(2);
		if (ukmem_ctl_read(socket_path, "/proc/meminfo", buf, sizeof(buf)) != -1)
			_exit(1);
		_exit(errno == EPROTO || errno == ECONNRESET || errno == EPIPE ? 0 : 10 + errno);
	}
	int status;
	cr_assert_eq(waitpid(child, &status, 0), child);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
	cr_assert_eq(chmod(m.dir, 0700), 0);
	expect_meminfo();			/* ours still is */
	cr_assert_eq(served_machine_stop(&m, &log), 0, "%s", log);
	free(log);

	/* A server of another user: the client refuses to read it. */
	char planted[] = "/tmp/ukmem-planted-XXXXXX";
	cr_assert(mkdtemp(planted));
	cr_assert_eq(chmod(planted, 0777), 0);
	snprintf(socket_path, sizeof(socket_path), "%s/1.sock", planted);
	child = fork();
	if (!child) {
		struct sockaddr_un addr = { .sun_family = AF_UNIX };
		int fd = socket(AF_UNIX, SOCK_STREAM, 0), c;
		char c1;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", socket_path);
		if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 1))
			_exit(3);
		(void)!write(sync[1], "", 1);
		c = accept(fd, NULL, NULL);
		const char *lie = "OK 23\nMemTotal: 999999999 kB\n";

		(void)!write(c, lie, strlen(lie));
		(void)!read(c, &c1, 1);
		_exit(0);
	}
	char c1;
	cr_assert_eq(read(sync[0], &c1, 1), 1);
	char buf[64];
	cr_assert_eq(ukmem_ctl_read(socket_path, "/proc/meminfo", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EPERM);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	run_command(NULL, "rm -rf %s", planted);
}
