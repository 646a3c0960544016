// SPDX-License-Identifier: LGPL-2.1-or-later
/* rcu_config: a configuration read locklessly under RCU and replaced by a writer; the old
 * copy is freed by call_rcu after every reader is done with it. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/mm.h>

struct config {
	int generation;
	struct rcu_head rcu;
};

static struct config __rcu *current_config;
static DEFINE_SPINLOCK(update_lock);
static int freed;

static void config_free(struct rcu_head *head)
{
	struct config *old = container_of(head, struct config, rcu);

	free_page((unsigned long)old);
	__atomic_fetch_add(&freed, 1, __ATOMIC_RELAXED);
}

static int read_generation(void)
{
	int generation;

	rcu_read_lock();
	generation = rcu_dereference(current_config)->generation;
	rcu_read_unlock();
	return generation;
}

static int update_config(int generation)
{
	struct config *new = (struct config *)get_zeroed_page(GFP_KERNEL), *old;

	if (!new)
		return -ENOMEM;
	new->generation = generation;
	spin_lock(&update_lock);
	old = rcu_dereference_protected(current_config, lockdep_is_held(&update_lock));
	rcu_assign_pointer(current_config, new);
	spin_unlock(&update_lock);
	if (old)
		call_rcu(&old->rcu, config_free);
	return 0;
}

static int __init rcu_config_init(void)
{
	for (int gen = 1; gen <= 5; gen++) {
		int err = update_config(gen);

		if (err)
			return err;
		if (read_generation() != gen)
			return -EINVAL;
	}
	synchronize_rcu();
	rcu_barrier();
	pr_info("generation %d, %d old copies freed\n", read_generation(), freed);
	return freed == 4 ? 0 : -EINVAL;
}

static void __exit rcu_config_exit(void)
{
	struct config *last = rcu_dereference_protected(current_config, 1);

	RCU_INIT_POINTER(current_config, NULL);
	synchronize_rcu();
	free_page((unsigned long)last);
}

module_init(rcu_config_init);
module_exit(rcu_config_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("RCU-protected configuration");
