/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/io.h: port I/O and memory-mapped I/O.
 * Ports: inb/outb and friends reach the emulated device that decodes the port
 * (io/portio.c); a port nobody decodes reads as all ones and ignores writes. Argument
 * order is the kernel's: outb(value, port). The _p forms pause after the access with a
 * write to port 0x80, as a PC does. The string forms move count units between memory
 * and one port.
 * Memory: ioremap() maps device windows (io/ioremap.c); readl/writel and friends decode
 * the address (io/mmio.c): register windows run the device model, memory windows and RAM
 * are read in place, and nothing-decoded addresses read as all ones. x86 orders these
 * accesses itself, so the _relaxed and __raw_ forms are the same accesses. ioread*()
 * take either an ioremap address or an ioport_map() cookie. */
#ifndef UKMEM_ASM_IO_H
#define UKMEM_ASM_IO_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>

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

/* ---- memory-mapped I/O ---- */
u64 ukmem_mmio_read(const volatile void __iomem *addr, int size);
void ukmem_mmio_write(volatile void __iomem *addr, int size, u64 value);
void ukmem_mmio_copy_from(void *to, const volatile void __iomem *from, size_t n);
void ukmem_mmio_copy_to(volatile void __iomem *to, const void *from, size_t n);
void ukmem_mmio_set(volatile void __iomem *to, int c, size_t n);

static inline u8 __raw_readb(const volatile void __iomem *a) { return (u8)ukmem_mmio_read(a, 1); }
static inline u16 __raw_readw(const volatile void __iomem *a) { return (u16)ukmem_mmio_read(a, 2); }
static inline u32 __raw_readl(const volatile void __iomem *a) { return (u32)ukmem_mmio_read(a, 4); }
static inline u64 __raw_readq(const volatile void __iomem *a) { return ukmem_mmio_read(a, 8); }
static inline void __raw_writeb(u8 v, volatile void __iomem *a) { ukmem_mmio_write(a, 1, v); }
static inline void __raw_writew(u16 v, volatile void __iomem *a) { ukmem_mmio_write(a, 2, v); }
static inline void __raw_writel(u32 v, volatile void __iomem *a) { ukmem_mmio_write(a, 4, v); }
static inline void __raw_writeq(u64 v, volatile void __iomem *a) { ukmem_mmio_write(a, 8, v); }

#define readb(a)		__raw_readb(a)
#define readw(a)		__raw_readw(a)
#define readl(a)		__raw_readl(a)
#define readq(a)		__raw_readq(a)
#define writeb(v, a)		__raw_writeb(v, a)
#define writew(v, a)		__raw_writew(v, a)
#define writel(v, a)		__raw_writel(v, a)
#define writeq(v, a)		__raw_writeq(v, a)
#define readb_relaxed(a)	__raw_readb(a)
#define readw_relaxed(a)	__raw_readw(a)
#define readl_relaxed(a)	__raw_readl(a)
#define readq_relaxed(a)	__raw_readq(a)
#define writeb_relaxed(v, a)	__raw_writeb(v, a)
#define writew_relaxed(v, a)	__raw_writew(v, a)
#define writel_relaxed(v, a)	__raw_writel(v, a)
#define writeq_relaxed(v, a)	__raw_writeq(v, a)

/* The string forms: count accesses to one register. */
#define UKMEM_MMIO_STRING(bits, type)						\
static inline void reads##bits(const volatile void __iomem *a, void *buf, unsigned long n)\
{										\
	for (type *p = buf; n--; p++)						\
		*p = (type)ukmem_mmio_read(a, sizeof(type));			\
}										\
static inline void writes##bits(volatile void __iomem *a, const void *buf, unsigned long n)\
{										\
	for (const type *p = buf; n--; p++)					\
		ukmem_mmio_write(a, sizeof(type), *p);				\
}
UKMEM_MMIO_STRING(b, u8)
UKMEM_MMIO_STRING(w, u16)
UKMEM_MMIO_STRING(l, u32)
UKMEM_MMIO_STRING(q, u64)
#undef UKMEM_MMIO_STRING

static inline void memcpy_fromio(void *to, const volatile void __iomem *from, size_t n)
{
	ukmem_mmio_copy_from(to, from, n);
}
static inline void memcpy_toio(volatile void __iomem *to, const void *from, size_t n)
{
	ukmem_mmio_copy_to(to, from, n);
}
static inline void memset_io(volatile void __iomem *to, int c, size_t n)
{
	ukmem_mmio_set(to, c, n);
}

/* ioremap and friends (io/ioremap.c). ioremap is uncached (UC-), _uc strongly uncached,
 * _wc write-combining, _wt write-through, _cache write-back; _np (non-posted) maps
 * like _uc, since every ukmem device access completes before the accessor returns. */
void __iomem *ioremap(resource_size_t phys, unsigned long size);
void __iomem *ioremap_uc(resource_size_t phys, unsigned long size);
void __iomem *ioremap_wc(resource_size_t phys, unsigned long size);
void __iomem *ioremap_wt(resource_size_t phys, unsigned long size);
void __iomem *ioremap_cache(resource_size_t phys, unsigned long size);
void __iomem *ioremap_np(resource_size_t phys, unsigned long size);
void __iomem *ioremap_prot(resource_size_t phys, unsigned long size, unsigned long prot_val);
void iounmap(volatile void __iomem *addr);

/* ---- iomap: one cookie for ports and memory ---- */
/* ioport_map() cookies are port + PIO_OFFSET, below PIO_RESERVED; anything above is an
 * ioremap address. */
#define PIO_OFFSET	0x10000UL
#define PIO_MASK	0x0ffffUL
#define PIO_RESERVED	0x40000UL

void ukmem_bad_io_access(unsigned long port, const char *access);

static inline void __iomem *ioport_map(unsigned long port, unsigned int nr)
{
	return port > PIO_MASK ? NULL : (void __iomem *)(port + PIO_OFFSET);
}
static inline void ioport_unmap(void __iomem *addr) { }

/* 0 for an ioremap address, 1 for a port cookie; a cookie below PIO_OFFSET is reported
 * and gives -1. */
static inline int ukmem_iomap_kind(const volatile void __iomem *a, const char *access)
{
	unsigned long cookie = (unsigned long)a;

	if (cookie >= PIO_RESERVED)
		return 0;
	if (cookie > PIO_OFFSET)
		return 1;
	ukmem_bad_io_access(cookie, access);
	return -1;
}

#define UKMEM_IOREAD(name, type, pio, mmio, ones)				\
static inline type name(const volatile void __iomem *a)				\
{										\
	switch (ukmem_iomap_kind(a, #name)) {					\
	case 0: return mmio(a);							\
	case 1: return pio((unsigned long)a & PIO_MASK);			\
	default: return ones;							\
	}									\
}
#define UKMEM_IOWRITE(name, type, pio, mmio)					\
static inline void name(type v, volatile void __iomem *a)			\
{										\
	switch (ukmem_iomap_kind(a, #name)) {					\
	case 0: mmio(v, a); break;						\
	case 1: pio(v, (unsigned long)a & PIO_MASK); break;			\
	default: break;								\
	}									\
}

static inline u16 ukmem_inw_be(unsigned long port) { return __builtin_bswap16(inw(port)); }
static inline u32 ukmem_inl_be(unsigned long port) { return __builtin_bswap32(inl(port)); }
static inline void ukmem_outw_be(u16 v, unsigned long port) { outw(__builtin_bswap16(v), port); }
static inline void ukmem_outl_be(u32 v, unsigned long port) { outl(__builtin_bswap32(v), port); }
static inline u16 ukmem_readw_be(const volatile void __iomem *a) { return __builtin_bswap16(readw(a)); }
static inline u32 ukmem_readl_be(const volatile void __iomem *a) { return __builtin_bswap32(readl(a)); }
static inline void ukmem_writew_be(u16 v, volatile void __iomem *a) { writew(__builtin_bswap16(v), a); }
static inline void ukmem_writel_be(u32 v, volatile void __iomem *a) { writel(__builtin_bswap32(v), a); }
/* A 64-bit port access is two 32-bit ones, low half first. */
static inline u64 ukmem_inq(unsigned long port) { return inl(port) | ((u64)inl(port + 4) << 32); }
static inline void ukmem_outq(u64 v, unsigned long port) { outl((u32)v, port); outl((u32)(v >> 32), port + 4); }

UKMEM_IOREAD(ioread8, u8, inb, readb, 0xff)
UKMEM_IOREAD(ioread16, u16, inw, readw, 0xffff)
UKMEM_IOREAD(ioread32, u32, inl, readl, 0xffffffffu)
UKMEM_IOREAD(ioread64, u64, ukmem_inq, readq, ~0ULL)
UKMEM_IOREAD(ioread16be, u16, ukmem_inw_be, ukmem_readw_be, 0xffff)
UKMEM_IOREAD(ioread32be, u32, ukmem_inl_be, ukmem_readl_be, 0xffffffffu)
UKMEM_IOWRITE(iowrite8, u8, outb, writeb)
UKMEM_IOWRITE(iowrite16, u16, outw, writew)
UKMEM_IOWRITE(iowrite32, u32, outl, writel)
UKMEM_IOWRITE(iowrite64, u64, ukmem_outq, writeq)
UKMEM_IOWRITE(iowrite16be, u16, ukmem_outw_be, ukmem_writew_be)
UKMEM_IOWRITE(iowrite32be, u32, ukmem_outl_be, ukmem_writel_be)
#undef UKMEM_IOREAD
#undef UKMEM_IOWRITE

#define UKMEM_IOREP(bits, ins, outs, reads, writes)				\
static inline void ioread##bits##_rep(const volatile void __iomem *a, void *buf,	\
				      unsigned long n)				\
{										\
	switch (ukmem_iomap_kind(a, "ioread" #bits "_rep")) {			\
	case 0: reads(a, buf, n); break;					\
	case 1: ins((unsigned long)a & PIO_MASK, buf, n); break;		\
	default: break;								\
	}									\
}										\
static inline void iowrite##bits##_rep(volatile void __iomem *a, const void *buf,	\
				       unsigned long n)				\
{										\
	switch (ukmem_iomap_kind(a, "iowrite" #bits "_rep")) {			\
	case 0: writes(a, buf, n); break;					\
	case 1: outs((unsigned long)a & PIO_MASK, buf, n); break;		\
	default: break;								\
	}									\
}
UKMEM_IOREP(8, insb, outsb, readsb, writesb)
UKMEM_IOREP(16, insw, outsw, readsw, writesw)
UKMEM_IOREP(32, insl, outsl, readsl, writesl)
#undef UKMEM_IOREP
/* ---- end of memory-mapped I/O ---- */

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/io.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#include <linux/vmalloc.h>
#endif
#endif
