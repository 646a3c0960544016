/* asm/io.h: port I/O. inb/outb and friends reach the emulated device that decodes the
 * port (io/portio.c); a port nobody decodes reads as all ones and ignores writes.
 * Argument order is the kernel's: outb(value, port). The _p forms pause after the
 * access with a write to port 0x80, as a PC does. The string forms move count units
 * between memory and one port. */
#ifndef UKMEM_ASM_IO_H
#define UKMEM_ASM_IO_H

#include <linux/types.h>

/* ---- port I/O ---- */
u32 ukmem_port_read(unsigned int port, int size);
void ukmem_port_write(unsigned int port, int size, u32 value);
void ukmem_port_read_string(unsigned int port, int size, void *addr, unsigned long count);
void ukmem_port_write_string(unsigned int port, int size, const void *addr,
			     unsigned long count);

#define UKMEM_PORT_PAUSE	0x80

static inline u8 inb(unsigned long port) { return (u8)ukmem_port_read(port, 1); }
static inline u16 inw(unsigned long port) { return (u16)ukmem_port_read(port, 2); }
static inline u32 inl(unsigned long port) { return ukmem_port_read(port, 4); }
static inline void outb(u8 value, unsigned long port) { ukmem_port_write(port, 1, value); }
static inline void outw(u16 value, unsigned long port) { ukmem_port_write(port, 2, value); }
static inline void outl(u32 value, unsigned long port) { ukmem_port_write(port, 4, value); }

static inline void slow_down_io(void) { ukmem_port_write(UKMEM_PORT_PAUSE, 1, 0); }
static inline u8 inb_p(unsigned long port) { u8 v = inb(port); slow_down_io(); return v; }
static inline u16 inw_p(unsigned long port) { u16 v = inw(port); slow_down_io(); return v; }
static inline u32 inl_p(unsigned long port) { u32 v = inl(port); slow_down_io(); return v; }
static inline void outb_p(u8 value, unsigned long port) { outb(value, port); slow_down_io(); }
static inline void outw_p(u16 value, unsigned long port) { outw(value, port); slow_down_io(); }
static inline void outl_p(u32 value, unsigned long port) { outl(value, port); slow_down_io(); }

static inline void insb(unsigned long port, void *addr, unsigned long count)
{
	ukmem_port_read_string(port, 1, addr, count);
}
static inline void insw(unsigned long port, void *addr, unsigned long count)
{
	ukmem_port_read_string(port, 2, addr, count);
}
static inline void insl(unsigned long port, void *addr, unsigned long count)
{
	ukmem_port_read_string(port, 4, addr, count);
}
static inline void outsb(unsigned long port, const void *addr, unsigned long count)
{
	ukmem_port_write_string(port, 1, addr, count);
}
static inline void outsw(unsigned long port, const void *addr, unsigned long count)
{
	ukmem_port_write_string(port, 2, addr, count);
}
static inline void outsl(unsigned long port, const void *addr, unsigned long count)
{
	ukmem_port_write_string(port, 4, addr, count);
}
/* ---- end of port I/O ---- */

#endif
