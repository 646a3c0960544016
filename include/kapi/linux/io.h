/* linux/io.h: where most drivers get the I/O accessors and ioremap; the definitions are
 * in asm/io.h. */
#ifndef UKMEM_LINUX_IO_H
#define UKMEM_LINUX_IO_H

#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/io.h>

#endif
