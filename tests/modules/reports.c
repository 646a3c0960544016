/* Reports made while a module runs, checked by exact text: the loaded modules named
 * during init ("(+)") and exit ("(-)"). The module is tests/modules/oops/faulty.c. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include "kmsg.h"

Test(reports, modules_linked_in_names_a_module_in_its_init)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=warn"), 0);
	cr_assert(kmsg_contains("Modules linked in: faulty(+)"));
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	ukmem_shutdown();
}

Test(reports, modules_linked_in_names_a_module_in_its_exit)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=exit_warn"), 0);
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	cr_assert(kmsg_contains("Modules linked in: faulty(-)"));
	cr_assert(kmsg_contains("faulty: unloaded"));
	ukmem_shutdown();
}
