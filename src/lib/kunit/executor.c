// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kunit/executor.c: which suites run, and when. kunit_test_suites() registers each
 * array of suites when its object is loaded (kunit/test.h); an array registered by a
 * module is run when that module comes up, before its init (Linux's module notifier
 * at MODULE_STATE_COMING), and arrays linked into a program ("built in") are run by
 * kunit_run_all_tests(). Command line: kunit.enable= (default 1), kunit.filter_glob=
 * ("suite_glob" or "suite_glob.test_glob") and kunit.action=list (print
 * "suite.test" names instead of running). Linux applies filter_glob and action to
 * built-in suites only; ukmem applies them to modules' suites as well, which is how
 * `ukmem kunit` lists suites and runs one per machine.
 * Invariant: the registry (registered arrays) is guarded by registry_lock; suites run
 * one at a time, from the thread that loads the module or calls kunit_run_all_tests(). */
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include "kernel/params.h"
#include "lib/kunit/executor.h"

struct suite_array {
	struct list_head node;
	const char *modname;
	struct kunit_suite * const *suites;
	int num_suites;
	bool module;		/* claimed by a module that came up */
};

static LIST_HEAD(registry);
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static bool enable_param = true;
static char filter_glob[512];
static char action[32];
static size_t suite_counter = 1;

static int set_enable(const char *v)
{
	return params_bool(v, &enable_param) ? 0 : -EINVAL;
}

/* Called with its default at every boot: a new machine starts numbering at 1. */
static int set_filter_glob(const char *v)
{
	suite_counter = 1;
	snprintf(filter_glob, sizeof(filter_glob), "%s", v ? v : "");
	return 0;
}

static int set_action(const char *v)
{
	snprintf(action, sizeof(action), "%s", v ? v : "");
	return 0;
}
UKMEM_SETUP("kunit.enable=", set_enable, "1");
UKMEM_SETUP("kunit.filter_glob=", set_filter_glob, "");
UKMEM_SETUP("kunit.action=", set_action, "");

/**
 * __kunit_register_suites - make an array of suites known to KUnit
 * @modname: KBUILD_MODNAME of the object that registers them
 * @suites: the array (static: it outlives the registration)
 * @num_suites: its length
 *
 * Called by kunit_test_suites()'s constructor.
 *
 * Context: process context, before main() or during a module's dlopen(); no machine is
 * needed.
 */
void __kunit_register_suites(const char *modname, struct kunit_suite * const *suites,
			     int num_suites)
{
	struct suite_array *array = calloc(1, sizeof(*array));

	if (!array)
		return;
	array->modname = modname;
	array->suites = suites;
	array->num_suites = num_suites;
	pthread_mutex_lock(&registry_lock);
	list_add_tail(&array->node, &registry);
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL_GPL(__kunit_register_suites);

/**
 * __kunit_unregister_suites - forget an array registered by __kunit_register_suites()
 * @suites: the array
 *
 * Called by kunit_test_suites()'s destructor when the object is unloaded.
 * Context: process context.
 */
void __kunit_unregister_suites(struct kunit_suite * const *suites)
{
	struct suite_array *array, *next;

	pthread_mutex_lock(&registry_lock);
	list_for_each_entry_safe(array, next, &registry, node) {
		if (array->suites == suites) {
			list_del(&array->node);
			free(array);
		}
	}
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL_GPL(__kunit_unregister_suites);

size_t kunit_next_suite_number(void)
{
	return suite_counter++;
}

/**
 * kunit_enabled - whether KUnit runs suites (kunit.enable=)
 *
 * Context: any. Return: the parameter's value.
 */
bool kunit_enabled(void)
{
	return enable_param;
}

static void init_suite(struct kunit_suite *suite)
{
	suite->status_comment[0] = '\0';
	suite->suite_init_err = 0;
}

/**
 * __kunit_test_suites_init - run suites one after the other
 * @suites: the suites
 * @num_suites: how many
 *
 * Context: may sleep. Return: 0.
 */
int __kunit_test_suites_init(struct kunit_suite * const * const suites, int num_suites)
{
	if (!kunit_enabled() && num_suites > 0) {
		pr_info("kunit: disabled\n");
		return 0;
	}
	for (int i = 0; i < num_suites; i++) {
		init_suite(suites[i]);
		kunit_run_tests(suites[i]);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(__kunit_test_suites_init);

/**
 * __kunit_test_suites_exit - the suites' module is going
 * @suites: the suites
 * @num_suites: how many
 *
 * The next suite printed is numbered 1 again.
 *
 * Context: any.
 */
void __kunit_test_suites_exit(struct kunit_suite **suites, int num_suites)
{
	if (kunit_enabled())
		suite_counter = 1;
}
EXPORT_SYMBOL_GPL(__kunit_test_suites_exit);

/* A filtered suite set: copies of the suites with the matching cases only. */
struct suite_set {
	struct kunit_suite **suites;
	int n;
};

static bool glob_match(const char *glob, const char *name)
{
	return fnmatch(glob, name, 0) == 0;
}

/* A copy of suite with the cases test_glob (NULL: all) matches; NULL if none does. */
static struct kunit_suite *filter_cases(struct kunit_suite *suite, const char *test_glob)
{
	struct kunit_case *test_case, *cases;
	struct kunit_suite *copy;
	int n = 0;

	kunit_suite_for_each_test_case(suite, test_case)
		n += !test_glob || glob_match(test_glob, test_case->name);
	if (!n)
		return NULL;
	copy = kmemdup(suite, sizeof(*copy), GFP_KERNEL);
	cases = kcalloc(n + 1, sizeof(*cases), GFP_KERNEL);
	if (!copy || !cases) {
		kfree(copy);
		kfree(cases);
		return NULL;
	}
	n = 0;
	kunit_suite_for_each_test_case(suite, test_case)
		if (!test_glob || glob_match(test_glob, test_case->name))
			cases[n++] = *test_case;
	copy->test_cases = cases;
	return copy;
}

/* The arrays' suites that kunit.filter_glob= lets through (all of them when empty). */
static struct suite_set select_suites(struct suite_array **arrays, int nr_arrays)
{
	struct suite_set set = { 0 };
	char suite_glob[sizeof(filter_glob)];
	char *test_glob = NULL;
	int total = 0;

	for (int i = 0; i < nr_arrays; i++)
		total += arrays[i]->num_suites;
	set.suites = kcalloc(total ? total : 1, sizeof(*set.suites), GFP_KERNEL);
	if (!set.suites)
		return set;
	snprintf(suite_glob, sizeof(suite_glob), "%s", filter_glob);
	if (strchr(suite_glob, '.')) {
		test_glob = strchr(suite_glob, '.');
		*test_glob++ = '\0';
	}
	for (int i = 0; i < nr_arrays; i++) {
		for (int j = 0; j < arrays[i]->num_suites; j++) {
			struct kunit_suite *suite = arrays[i]->suites[j], *copy;

			if (filter_glob[0] && !glob_match(suite_glob, suite->name))
				continue;
			copy = filter_cases(suite, filter_glob[0] ? test_glob : NULL);
			if (copy)
				set.suites[set.n++] = copy;
		}
	}
	return set;
}

static void free_suite_set(struct suite_set set)
{
	for (int i = 0; i < set.n; i++) {
		kfree(set.suites[i]->test_cases);
		kfree(set.suites[i]);
	}
	kfree(set.suites);
}

static void list_tests(struct suite_set set)
{
	struct kunit_case *test_case;

	/* a KTAP header, so that kunit.py finds where the list starts */
	pr_info("KTAP version 1\n");
	for (int i = 0; i < set.n; i++)
		kunit_suite_for_each_test_case(set.suites[i], test_case)
			pr_info("%s.%s\n", set.suites[i]->name, test_case->name);
}

/* Runs (or lists) the arrays' suites. top_level: print the executor's KTAP header. */
static void execute(struct suite_array **arrays, int nr_arrays, bool top_level)
{
	struct suite_set set;

	if (!kunit_enabled()) {
		pr_info("kunit: disabled\n");
		return;
	}
	set = select_suites(arrays, nr_arrays);
	if (!strcmp(action, "list")) {
		list_tests(set);
	} else if (action[0]) {
		pr_err("kunit executor: unknown action '%s'\n", action);
	} else {
		if (top_level) {
			pr_info("KTAP version 1\n");
			pr_info("1..%d\n", set.n);
		}
		__kunit_test_suites_init(set.suites, set.n);
	}
	free_suite_set(set);
}

/* The registered arrays that owner selects (true: module's, by name; false: built in),
 * marked claimed when a module takes them. Returns how many (into arrays[max]). */
static int collect(struct suite_array **arrays, int max, const char *modname)
{
	struct suite_array *array;
	int n = 0;

	pthread_mutex_lock(&registry_lock);
	list_for_each_entry(array, &registry, node) {
		if (modname ? strcmp(array->modname, modname) || array->module : array->module)
			continue;
		if (n == max)
			break;
		if (modname)
			array->module = true;
		arrays[n++] = array;
	}
	pthread_mutex_unlock(&registry_lock);
	return n;
}

#define MAX_ARRAYS	64

void kunit_module_coming(const char *modname)
{
	struct suite_array *arrays[MAX_ARRAYS];
	int n = collect(arrays, MAX_ARRAYS, modname);

	if (n)
		execute(arrays, n, false);
}

void kunit_module_going(const char *modname)
{
	struct suite_array *array;
	bool had_suites = false;

	pthread_mutex_lock(&registry_lock);
	list_for_each_entry(array, &registry, node)
		had_suites |= array->module && !strcmp(array->modname, modname);
	pthread_mutex_unlock(&registry_lock);
	if (had_suites)
		__kunit_test_suites_exit(NULL, 0);
}

/**
 * kunit_run_all_tests - run the built-in suites (those linked into the program)
 *
 * Prints the executor's "KTAP version 1" and "1..<suites>" first, then each suite.
 * Honours kunit.enable=, kunit.filter_glob= and kunit.action=.
 * Context: may sleep; a booted machine. Return: 0.
 */
int kunit_run_all_tests(void)
{
	struct suite_array *arrays[MAX_ARRAYS];
	int n = collect(arrays, MAX_ARRAYS, NULL);

	execute(arrays, n, true);
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_run_all_tests);
