// SPDX-License-Identifier: LGPL-2.1-or-later
/* Credentials: current_uid/gid/euid/egid are the host thread's ids, kuid_t helpers,
 * capable() follows the host's effective set (dropped and regained in a child process),
 * current->comm/pid/tgid, and utsname(). */
#include <criterion/criterion.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/utsname.h>

Test(cred, ids_are_the_host_threads)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(uid_eq(current_uid(), KUIDT_INIT(getuid())));
	cr_assert(uid_eq(current_euid(), KUIDT_INIT(geteuid())));
	cr_assert(gid_eq(current_gid(), KGIDT_INIT(getgid())));
	cr_assert(gid_eq(current_egid(), KGIDT_INIT(getegid())));
	cr_assert_eq(from_kuid(&init_user_ns, current_uid()), getuid());
	cr_assert(uid_eq(make_kuid(current_user_ns(), 1234), KUIDT_INIT(1234)));
	cr_assert_eq(from_kuid_munged(&init_user_ns, INVALID_UID), 65534);
	cr_assert(!uid_valid(INVALID_UID));
	cr_assert(uid_eq(GLOBAL_ROOT_UID, KUIDT_INIT(0)));
	kuid_t u;
	kgid_t g;
	current_uid_gid(&u, &g);
	cr_assert_eq(__kuid_val(u), getuid());
	ukmem_shutdown();
}

Test(cred, task_identity_and_utsname)
{
	struct utsname host;

	cr_assert_eq(ukmem_boot(NULL), 0);
	prctl(PR_SET_NAME, "credtest", 0, 0, 0);
	cr_assert_eq(current->pid, (pid_t)syscall(SYS_gettid));
	cr_assert_eq(current->tgid, getpid());
	cr_assert_eq(task_tgid_nr(current), getpid());
	uname(&host);
	cr_assert_str_eq(utsname()->sysname, "Linux");
	cr_assert_str_eq(utsname()->release, "6.1.0-ukmem");
	cr_assert_str_eq(utsname()->machine, "x86_64");
	cr_assert_str_eq(init_utsname()->nodename, host.nodename);
	ukmem_shutdown();
}

/* capable() in a child that drops CAP_SYS_ADMIN (if it had it) and CAP_NET_ADMIN. */
Test(cred, capable_follows_the_host)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	cr_assert_eq(syscall(SYS_capget, &hdr, data), 0);
	bool has_admin = data[0].effective & (1U << CAP_SYS_ADMIN);
	cr_assert_eq(capable(CAP_SYS_ADMIN), has_admin);
	cr_assert_eq(ns_capable(&init_user_ns, CAP_SYS_ADMIN), has_admin);
	cr_assert_eq(cap_raised(current_cred()->cap_effective, CAP_SYS_ADMIN) != 0, has_admin);

	pid_t pid = fork();
	if (pid == 0) {
		data[0].effective &= ~((1U << CAP_SYS_ADMIN) | (1U << CAP_NET_ADMIN));
		if (syscall(SYS_capset, &hdr, data) != 0)
			_exit(2);
		_exit(!capable(CAP_SYS_ADMIN) && !capable(CAP_NET_ADMIN) ? 0 : 1);
	}
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
	ukmem_shutdown();
}
