/* asm/timex.h: get_cycles() (asm/tsc.h). */
#ifndef UKMEM_ASM_TIMEX_H
#define UKMEM_ASM_TIMEX_H

#include <asm/tsc.h>

#endif
