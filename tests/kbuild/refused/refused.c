// SPDX-License-Identifier: LGPL-2.1-or-later
// Names a Linux header ukmem does not provide: the build must stop with an error naming
// it, not take the host's header of the same name.
#include <linux/module.h>
#include <linux/netdevice.h>
MODULE_LICENSE("GPL");
