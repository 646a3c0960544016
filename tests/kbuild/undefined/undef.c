// SPDX-License-Identifier: LGPL-2.1-or-later
// A module calling a function no kernel exports: modpost must refuse it.
#include <linux/module.h>

int ukmem_no_such_function(int x);

static int __init undef_init(void)
{
	return ukmem_no_such_function(1);
}
module_init(undef_init);
