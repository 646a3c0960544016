/* kernel/sched.c: `current` for each host thread and the sleeping-in-atomic check.
 * A task is set up lazily on the thread's first kernel call (pid = thread id, comm =
 * thread name). __might_sleep reports each offending call site once. */
#include <pthread.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include "kernel/report.h"

__thread struct task_struct ukmem_current_task __attribute__((tls_model("initial-exec")));

void ukmem_task_init(struct task_struct *task)
{
	task->pid = (pid_t)gettid();
	if (prctl(PR_GET_NAME, task->comm, 0, 0, 0) < 0)
		strcpy(task->comm, "ukmem");
	task->comm[TASK_COMM_LEN - 1] = '\0';
}

#define MIGHT_SLEEP_SITES 256

static struct { const char *file; int line; } reported_sites[MIGHT_SLEEP_SITES];
static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;

/* True the first time a site is seen (the table, once full, reports every time). */
static bool first_report_at(const char *file, int line)
{
	bool first = true;

	pthread_mutex_lock(&sites_lock);
	for (int i = 0; i < MIGHT_SLEEP_SITES; i++) {
		if (!reported_sites[i].file) {
			reported_sites[i].file = file;
			reported_sites[i].line = line;
			break;
		}
		if (reported_sites[i].line == line && !strcmp(reported_sites[i].file, file)) {
			first = false;
			break;
		}
	}
	pthread_mutex_unlock(&sites_lock);
	return first;
}

void might_sleep_reset(void)
{
	pthread_mutex_lock(&sites_lock);
	memset(reported_sites, 0, sizeof(reported_sites));
	pthread_mutex_unlock(&sites_lock);
}

void __might_sleep(const char *file, int line)
{
	struct task_struct *task = current;

	if (!first_report_at(file, line))
		return;
	report_begin();
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic() ? 1 : 0, irqs_disabled() ? 1 : 0, task->pid, task->comm);
	pr_err("preempt_count: %x, expected: 0\n", task->preempt_count);
	pr_err("RCU nest depth: %d, expected: 0\n", task->rcu_read_lock_nesting);
	dump_stack();
	add_taint(TAINT_WARN);
	check_panic_on_warn("might_sleep");
}
