/* asm/processor.h: cpu_relax(), the pause hint for busy-wait loops. */
#ifndef UKMEM_ASM_PROCESSOR_H
#define UKMEM_ASM_PROCESSOR_H

#define cpu_relax()	__builtin_ia32_pause()

#endif
